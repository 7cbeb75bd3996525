"""Drift on real shifts is detected, drift on a same-distribution split is not, and the numbers
agree with independent computations and with Evidently."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.model_selection import train_test_split

NUMERIC = ["precipitation", "temp_max", "temp_min", "wind"]


def seasons(weather):
    month = weather["date"].dt.month
    return weather[month.isin([6, 7, 8])], weather[month.isin([12, 1, 2])]


def unit_bug(birds, monitoring):
    reference, current = train_test_split(
        birds, test_size=0.2, random_state=42, stratify=birds["species"]
    )
    return reference, current.assign(body_mass_g=current["body_mass_g"] / 1000)


def test_summer_to_winter_drifts_in_every_column(drift, weather):
    summer, winter = seasons(weather)
    assert len(summer) == 368 and len(winter) == 361
    table = drift.drift_table(summer, winter, NUMERIC, ["weather"])
    assert table["drift"].all()
    assert (table.loc[NUMERIC, "ks_p_value"] < 1e-10).all()
    assert table.loc["temp_max", "wasserstein"] > 10  # degrees Celsius
    evidently, share, _ = drift.evidently_drift(summer, winter, NUMERIC, ["weather"])
    assert evidently["drift"].all() and share == 1.0


def test_random_halves_of_summer_do_not_drift_as_a_dataset(drift, weather):
    summer, _ = seasons(weather)
    shuffled = summer.sample(frac=1, random_state=5)
    first, second = shuffled.iloc[:184], shuffled.iloc[184:]
    _, share, _ = drift.evidently_drift(first, second, NUMERIC, ["weather"])
    assert share < 0.5


def test_ks_false_alarm_rate_on_same_distribution_splits_is_near_alpha(drift, weather):
    summer, _ = seasons(weather)
    rng = np.random.default_rng(0)
    alarms = []
    for _ in range(200):
        order = rng.permutation(len(summer))
        a, b = summer.iloc[order[:184]], summer.iloc[order[184:]]
        alarms.append([drift.numeric_drift(a[c], b[c])["drift"] for c in NUMERIC])
    rate = np.mean(alarms, axis=0)
    # at most alpha = 0.05 in expectation (ties make KS conservative); 0.1 allows for sampling
    assert (rate <= 0.1).all(), rate


def test_body_mass_in_kilograms_drifts_only_that_column(drift, monitoring, birds):
    reference, current = unit_bug(birds, monitoring)
    features = monitoring.FEATURES
    table = drift.drift_table(reference, current, features)
    assert table.loc["body_mass_g", "ks_statistic"] == 1.0  # every kg value < every g value
    assert table.loc["body_mass_g", "drift"]
    assert not table.loc[features[:3], "drift"].any()
    evidently, share, _ = drift.evidently_drift(reference, current, features)
    assert evidently["drift"].tolist() == [False, False, False, True]
    assert share == 0.25  # one column of four: below Evidently's default dataset share of 0.5


def test_scipy_statistics_match_independent_formulas(drift, monitoring, birds):
    reference, current = unit_bug(birds, monitoring)
    ref, cur = reference["flipper_length_mm"].to_numpy(), current["flipper_length_mm"].to_numpy()
    row = drift.numeric_drift(reference["flipper_length_mm"], current["flipper_length_mm"])
    # KS statistic: the largest gap between the two empirical CDFs, over all observed values
    grid = np.union1d(ref, cur)
    cdf = lambda x: np.searchsorted(np.sort(x), grid, side="right") / len(x)  # noqa: E731
    assert row["ks_statistic"] == pytest.approx(np.abs(cdf(ref) - cdf(cur)).max(), abs=1e-12)
    # Wasserstein-1: the area between the two empirical CDFs
    points = np.sort(np.concatenate([ref, cur]))
    widths = np.diff(points)
    cdf_ref = np.searchsorted(np.sort(ref), points[:-1], side="right") / len(ref)
    cdf_cur = np.searchsorted(np.sort(cur), points[:-1], side="right") / len(cur)
    area = np.sum(np.abs(cdf_ref - cdf_cur) * widths)
    assert row["wasserstein"] == pytest.approx(area, rel=1e-9)
    assert row["wasserstein_normed"] == pytest.approx(area / np.std(ref), rel=1e-9)
    # Jensen-Shannon distance, natural log: sqrt of the mean KL divergence to the midpoint
    p, q = drift.shared_bin_shares(ref, cur)
    m = (p + q) / 2
    kl = lambda a: np.sum(np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / m), 0))  # noqa: E731
    assert row["jensen_shannon"] == pytest.approx(np.sqrt((kl(p) + kl(q)) / 2), rel=1e-9)


def test_evidently_uses_the_same_ks_test_as_scipy(drift, weather):
    summer, winter = seasons(weather)
    half = summer.sample(frac=0.5, random_state=1)
    evidently, _, _ = drift.evidently_drift(summer, half, NUMERIC)
    for column in NUMERIC:
        assert evidently.loc[column, "method"] == "K-S p_value"
        expected = stats.ks_2samp(summer[column], half[column]).pvalue
        assert evidently.loc[column, "score"] == pytest.approx(expected, rel=1e-9)


def test_chi_squared_matches_a_hand_computed_contingency_table(drift, weather):
    summer, winter = seasons(weather)
    row = drift.categorical_drift(summer["weather"], winter["weather"])
    table = pd.crosstab(
        np.r_[["s"] * len(summer), ["w"] * len(winter)], np.r_[summer["weather"], winter["weather"]]
    ).to_numpy(float)
    expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
    chi2 = ((table - expected) ** 2 / expected).sum()
    assert row["chi2"] == pytest.approx(chi2, rel=1e-9)
    assert row["chi2_p_value"] == pytest.approx(stats.chi2.sf(chi2, table.shape[1] - 1), rel=1e-9)


def test_evidently_chi_squared_is_goodness_of_fit_against_the_reference_shares(drift, weather):
    summer, _ = seasons(weather)
    shuffled = summer.sample(frac=1, random_state=5)
    first, second = shuffled.iloc[:184], shuffled.iloc[184:]
    evidently, _, _ = drift.evidently_drift(first, second, [], ["weather"])
    keys = sorted(set(first["weather"]) | set(second["weather"]))
    observed = second["weather"].value_counts().reindex(keys, fill_value=0)
    reference = first["weather"].value_counts().reindex(keys, fill_value=0)
    expected = reference * len(second) / len(first)
    p_value = stats.chisquare(observed, expected).pvalue
    assert evidently.loc["weather", "method"] == "chi-square p_value"
    assert evidently.loc["weather", "score"] == pytest.approx(p_value, rel=1e-9)

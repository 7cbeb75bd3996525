"""Data drift between a reference sample and a current one, with scipy and with Evidently.

The notebook writes this file (%%writefile) and runs it; the tests import it.
The verdict in `drift_table` is the one Evidently uses for samples of this size: a p-value below
0.05 (KS for numbers, chi-squared for categories). The distances are shown beside it.
"""

import warnings

import numpy as np
import pandas as pd
from evidently import DataDefinition, Dataset, Report
from evidently.presets import DataDriftPreset
from scipy import stats
from scipy.spatial import distance

P_VALUE_THRESHOLD = 0.05


def shared_bin_shares(reference: np.ndarray, current: np.ndarray, bins: int = 20):
    """Shares of both samples in equal-width bins over their pooled range."""
    edges = np.histogram_bin_edges(np.concatenate([reference, current]), bins=bins)
    return (
        np.histogram(reference, edges)[0] / len(reference),
        np.histogram(current, edges)[0] / len(current),
    )


def numeric_drift(reference: pd.Series, current: pd.Series) -> dict:
    """KS test, Wasserstein distance (raw and in reference standard deviations), JS distance."""
    ref, cur = reference.to_numpy(float), current.to_numpy(float)
    ks = stats.ks_2samp(ref, cur)
    wasserstein = stats.wasserstein_distance(ref, cur)
    # Evidently's "normed" Wasserstein: the distance in units of the reference's std.
    normed = wasserstein / max(np.std(ref), 0.001)
    js = distance.jensenshannon(*shared_bin_shares(ref, cur))
    return {
        "ks_statistic": ks.statistic,
        "ks_p_value": ks.pvalue,
        "wasserstein": wasserstein,
        "wasserstein_normed": normed,
        "jensen_shannon": js,
        "drift": bool(ks.pvalue < P_VALUE_THRESHOLD),
    }


def categorical_drift(reference: pd.Series, current: pd.Series) -> dict:
    """Chi-squared test of independence on the 2 x k table of category counts."""
    table = pd.crosstab(
        np.r_[np.zeros(len(reference)), np.ones(len(current))],
        np.r_[reference.to_numpy(), current.to_numpy()],
    )
    chi2, p_value, _dof, _expected = stats.chi2_contingency(table)
    return {"chi2": chi2, "chi2_p_value": p_value, "drift": bool(p_value < P_VALUE_THRESHOLD)}


def drift_table(reference: pd.DataFrame, current: pd.DataFrame, numeric, categorical=()):
    """One row per column: the scipy statistics and the verdict."""
    rows = {column: numeric_drift(reference[column], current[column]) for column in numeric}
    for column in categorical:
        rows[column] = categorical_drift(reference[column], current[column])
    return pd.DataFrame(rows).T


def evidently_drift(reference: pd.DataFrame, current: pd.DataFrame, numeric, categorical=()):
    """Evidently's DataDriftPreset: per column its chosen test, score and verdict, plus the
    share of drifted columns. Returns (table, drift share, snapshot); the snapshot can be saved
    as an HTML report."""
    definition = DataDefinition(
        numerical_columns=list(numeric), categorical_columns=list(categorical)
    )
    columns = [*numeric, *categorical]
    report = Report([DataDriftPreset(columns=columns)], include_tests=True)
    with warnings.catch_warnings():
        # A category the reference never saw (snow, in summer) has an expected count of 0, so
        # Evidently's chi-squared divides by zero (numpy warns) and reports p = 0: drift.
        warnings.simplefilter("ignore", RuntimeWarning)
        snapshot = report.run(
            current_data=Dataset.from_pandas(current[columns], data_definition=definition),
            reference_data=Dataset.from_pandas(reference[columns], data_definition=definition),
        )
    result = snapshot.dict()
    rows, share = {}, None
    for metric in result["metrics"]:
        config = metric["config"]
        if config["type"].endswith("DriftedColumnsCount"):
            share = metric["value"]["share"]
        elif config["type"].endswith("ValueDrift"):
            rows[config["column"]] = {
                "method": config["method"],
                "threshold": config["threshold"],
                "score": metric["value"],
            }
    for test in result["tests"]:
        params = test["metric_config"]["params"]
        if params["type"].endswith("ValueDrift"):
            rows[params["column"]]["drift"] = test["status"] == "FAIL"
    return pd.DataFrame(rows).T, share, snapshot

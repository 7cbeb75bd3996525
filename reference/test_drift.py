"""src/lib/drift against scipy and Evidently's own stattests (issue 12).

Cases come from scripts/reference/drift-cases.ts: generated samples (shifts, ties, constant
columns, tiny and empty samples, NaN, string/boolean/number categories, both KS branches) and every
fourth drift check of the chapter-5 simulator on the booklet's real data (Seattle weather, penguins).

What is compared, and with what:
- KS (statistic, p-value, branch taken) with scipy.stats.ks_2samp for method auto/exact/asymp, on the
  samples with NaN dropped (TypeScript drops NaN; scipy's nan_policy='omit' and Evidently do the same).
- Wasserstein-1 with scipy.stats.wasserstein_distance.
- Normed Wasserstein, PSI, Jensen–Shannon, chi-squared and z-test with Evidently's registered
  stattests (evidently.legacy.calculations.stattests), called on the NaN-dropped samples as
  Evidently's own drift pipeline calls them; chi-squared and z statistics with scipy / Evidently's
  proportions_diff_z_stat_ind on the same counts.
- Plain Jensen–Shannon distance and chi-squared goodness of fit with scipy on count vectors.
- detectDrift's test choice per column, its value and verdict, and the data-set verdict with
  Evidently's get_drift_for_columns (the function its DataDriftPreset runs), one column at a time
  for the column verdicts and on the whole frame for the data-set verdict.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from evidently.legacy.calculations.data_drift import get_drift_for_columns
from evidently.legacy.calculations.stattests import (
    chi_stat_test,
    jensenshannon_stat_test,
    ks_stat_test,
    psi_stat_test,
    wasserstein_stat_test,
    z_stat_test,
)
from evidently.legacy.calculations.stattests.z_stattest import (
    proportions_diff_z_stat_ind,
)
from evidently.legacy.core import ColumnType
from evidently.legacy.options.data_drift import DataDriftOptions
from evidently.legacy.pipeline.column_mapping import ColumnMapping
from evidently.legacy.utils.data_operations import process_columns
from scipy import special, stats
from scipy.spatial import distance

from reference.helpers import Agreement, Area, Missing, attempt, load_cases

TS_TEST_TO_EVIDENTLY = {
    "ks": ks_stat_test,
    "chisquare": chi_stat_test,
    "z": z_stat_test,
    "wasserstein": wasserstein_stat_test,
    "jensenshannon": jensenshannon_stat_test,
    "psi": psi_stat_test,
}


@pytest.fixture(scope="module")
def drift(ts_cases) -> dict[str, Any]:
    return load_cases(ts_cases, "drift")


def quiet(f, *args):
    """f(*args) with numpy/scipy warnings about empty or degenerate input silenced (answers still compared)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return attempt(f, *args)


def numbers(values: list[Any]) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    return array[~np.isnan(array)]


def categories(values: list[Any]) -> pd.Series:
    return pd.Series(values, dtype=object).dropna().reset_index(drop=True)


def is_categorical(*samples: list[Any]) -> bool:
    return any(isinstance(v, (str, bool)) for s in samples for v in s)


def scipy_ks(a: np.ndarray, b: np.ndarray, method: str) -> Any:
    """scipy's answer and the branch it took (it warns when it switches from exact to asymp)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = attempt(lambda: stats.ks_2samp(a, b, method=method))
    if isinstance(result, Missing):
        return result
    if math.isnan(result.pvalue):
        return Missing(ValueError("scipy returned NaN (empty sample)"))
    # scipy switches to 'asymp' when lcm(n1, n2) overflows int32 ("not possible", its selection
    # rule, mirrored by ksMethodFor) and when its exact algorithm hits a floating-point error
    # ("Exact calculation unsuccessful", a numerical failure: TypeScript's exact count does not
    # fail there and still reports 'exact'; the p-values must agree all the same).
    switched = any("not possible" in str(w.message) for w in caught)
    exact = {"asymp": False, "exact": True, "auto": max(len(a), len(b)) <= 10000}[
        method
    ]
    branch = "exact" if exact and not switched else "asymptotic"
    return {
        "statistic": float(result.statistic),
        "pValue": float(result.pvalue),
        "method": branch,
    }


def evidently_score(test, a, b, column_type: ColumnType) -> Any:
    result = quiet(lambda: test(pd.Series(a), pd.Series(b), column_type, None))
    return result if isinstance(result, Missing) else float(result.drift_score)


def compare_numeric(area: Area, case: str, a_raw: list, b_raw: list, ts: dict) -> None:
    a, b = numbers(a_raw), numbers(b_raw)
    for method, got in ts["ks"].items():
        want = scipy_ks(a, b, method)
        ts_none = "error" in got or math.isnan(got["pValue"])
        if isinstance(want, Missing) or ts_none:
            # Empty samples (scipy: NaN), and 'asymp' with round(n1·n2/(n1+n2)) = 0 (kstwo with n = 0).
            area.exact(
                case, f"ks[{method}] has no answer", ts_none, isinstance(want, Missing)
            )
            continue
        area.statistic(
            case, f"ks[{method}].statistic", got["statistic"], want["statistic"]
        )
        area.p_value(case, f"ks[{method}].pValue", got["pValue"], want["pValue"])
        area.exact(case, f"ks[{method}].method", got["method"], want["method"])
    area.statistic(
        case,
        "wasserstein",
        ts["wasserstein"],
        quiet(lambda: stats.wasserstein_distance(a, b)),
    )
    num = ColumnType.Numerical
    area.statistic(
        case,
        "normedWasserstein",
        ts["normedWasserstein"],
        evidently_score(wasserstein_stat_test, a, b, num),
    )
    area.statistic(
        case, "psi", ts["psi"]["value"], evidently_score(psi_stat_test, a, b, num)
    )
    area.statistic(
        case,
        "jensenShannon",
        ts["jensenShannon"]["value"],
        evidently_score(jensenshannon_stat_test, a, b, num),
    )


def compare_categorical(
    area: Area, case: str, a_raw: list, b_raw: list, ts: dict
) -> None:
    a, b = categories(a_raw), categories(b_raw)
    kind = (
        ColumnType.Categorical if is_categorical(a_raw, b_raw) else ColumnType.Numerical
    )
    area.exact(case, "psi.kind", ts["psi"]["kind"], "per-value")
    area.statistic(
        case, "psi", ts["psi"]["value"], evidently_score(psi_stat_test, a, b, kind)
    )
    area.statistic(
        case,
        "jensenShannon",
        ts["jensenShannon"]["value"],
        evidently_score(jensenshannon_stat_test, a, b, kind),
    )
    area.p_value(
        case,
        "chisquare.pValue",
        ts["chisquare"]["pValue"],
        evidently_score(chi_stat_test, a, b, kind),
    )
    # The statistic behind Evidently's p-value: the same f_obs / f_exp it builds, through scipy.
    keys = list(set(a) | set(b))
    k_norm = len(b) / len(a) if len(a) else math.nan
    f_obs = [int((b == key).sum()) for key in keys]
    f_exp = [int((a == key).sum()) * k_norm for key in keys]
    chi = quiet(lambda: float(stats.chisquare(f_obs, f_exp).statistic))
    area.statistic(case, "chisquare.statistic", ts["chisquare"]["statistic"], chi)
    area.p_value(
        case, "z.pValue", ts["z"]["pValue"], evidently_score(z_stat_test, a, b, kind)
    )
    # Evidently skips the statistic when both samples hold one and the same value (p = 1).
    same_single = (
        a.nunique() == 1 and b.nunique() == 1 and a.unique()[0] == b.unique()[0]
    )
    if not same_single:
        first = min(keys) if keys else None
        z = quiet(
            lambda: float(
                proportions_diff_z_stat_ind(
                    a.apply(lambda x: 0 if x == first else 1),
                    b.apply(lambda x: 0 if x == first else 1),
                )
            )
        )
        area.statistic(case, "z.statistic", ts["z"]["statistic"], z)


def test_typescript_ran_on_node_22(drift):
    assert drift["node"].startswith("v22."), (
        f"tsx ran under Node {drift['node']}, expected 22"
    )


def test_issue_12_regression_psi_of_string_categories(drift):
    case = next(
        c for c in drift["cases"]["categorical"] if c["id"] == "issue-12-regression"
    )
    want = psi_stat_test(
        pd.Series(["3", "2", "2"]),
        pd.Series(["1", "2", "3"]),
        ColumnType.Categorical,
        None,
    ).drift_score
    assert want == pytest.approx(2.934147, abs=1e-6)
    assert case["stats"]["psi"]["value"] == pytest.approx(want, rel=1e-12)


def test_numeric_statistics_equal_scipy_and_evidently(drift, agreement: Agreement):
    area = agreement.area("drift: generated numeric samples", "scipy + evidently")
    for case in drift["cases"]["numeric"]:
        compare_numeric(area, case["id"], case["a"], case["b"], case["stats"])
    area.assert_all_equal()


def test_categorical_statistics_equal_evidently(drift, agreement: Agreement):
    area = agreement.area("drift: generated categorical samples", "evidently + scipy")
    for case in drift["cases"]["categorical"]:
        compare_categorical(area, case["id"], case["a"], case["b"], case["stats"])
    area.assert_all_equal()


def test_vector_functions_equal_scipy(drift, agreement: Agreement):
    area = agreement.area("drift: count vectors", "scipy")
    for case in drift["cases"]["vectors"]:
        ref, cur = np.asarray(case["ref"], float), np.asarray(case["cur"], float)
        base = case["base"]
        want_js = quiet(distance.jensenshannon, ref, cur, base)
        area.statistic(
            case["id"], "jensenShannonDistance", case["jensenShannon"], want_js
        )
        # A category empty in both vectors is a category of neither sample; TypeScript leaves it
        # out (degrees of freedom included), where scipy would divide 0 by 0.
        keep = (ref > 0) | (cur > 0)
        f_obs, f_exp = cur[keep], ref[keep] * cur.sum() / ref.sum()
        result = quiet(stats.chisquare, f_obs, f_exp)
        got = case["chisquare"]
        if isinstance(result, Missing):
            area.exact(case["id"], "chisquare raises", math.isnan(got["pValue"]), True)
            continue
        area.statistic(
            case["id"], "chisquare.statistic", got["statistic"], float(result.statistic)
        )
        area.p_value(
            case["id"], "chisquare.pValue", got["pValue"], float(result.pvalue)
        )
        area.exact(case["id"], "chisquare.dof", got["dof"], int(keep.sum()) - 1)
    area.assert_all_equal()


def test_distributions_equal_scipy(drift, agreement: Agreement):
    """The distributions behind the p-values: kstwo, smirnov, kstwobign, chi2, normal, the
    regularized lower incomplete gamma and log-gamma, on grids covering each method branch."""
    area = agreement.area("drift: distributions and special functions", "scipy")
    d = drift["cases"]["distributions"]
    for c in d["kstwo"]:
        area.p_value(
            f"n={c['n']} x={c['x']}",
            "kstwo.sf",
            c["sf"],
            stats.kstwo.sf(c["x"], c["n"]),
        )
    for c in d["smirnov"]:
        area.p_value(
            f"n={c['n']} x={c['x']}",
            "smirnov",
            c["sf"],
            special.smirnov(c["n"], c["x"]),
        )
    for c in d["kstwobign"]:
        area.p_value(
            f"x={c['x']}", "kstwobign.cdf", c["cdf"], stats.kstwobign.cdf(c["x"])
        )
        area.p_value(f"x={c['x']}", "kstwobign.sf", c["sf"], stats.kstwobign.sf(c["x"]))
    for c in d["chi2"]:
        area.p_value(
            f"k={c['k']} x={c['x']}", "chi2.sf", c["sf"], stats.chi2.sf(c["x"], c["k"])
        )
    for c in d["gammaP"]:
        area.p_value(
            f"a={c['a']} x={c['x']}",
            "gammainc",
            c["p"],
            special.gammainc(c["a"], c["x"]),
        )
    for c in d["normal"]:
        area.p_value(f"z={c['z']}", "norm.sf", c["sf"], stats.norm.sf(c["z"]))
    for c in d["lgamma"]:
        area.statistic(f"x={c['x']}", "gammaln", c["value"], special.gammaln(c["x"]))
    area.assert_all_equal()


def evidently_frame(
    reference: dict, current: dict, schema: dict, overrides: dict, columns=None
):
    """Evidently's drift pipeline (get_drift_for_columns, as DataDriftPreset runs it) on a frame."""
    columns = columns or list(schema)
    ref = pd.DataFrame(
        {
            c: pd.Series(
                reference[c], dtype=object if schema[c] == "categorical" else None
            )
            for c in columns
        }
    )
    cur = pd.DataFrame(
        {
            c: pd.Series(
                current[c], dtype=object if schema[c] == "categorical" else None
            )
            for c in columns
        }
    )
    mapping = ColumnMapping(
        target=None,
        prediction=None,
        numerical_features=[c for c in columns if schema[c] == "numeric"],
        categorical_features=[c for c in columns if schema[c] == "categorical"],
    )
    per_column = overrides.get("columns", {})
    options = DataDriftOptions(
        all_features_stattest=overrides.get("test"),
        all_features_threshold=overrides.get("threshold"),
        per_feature_stattest={
            c: o["test"] for c, o in per_column.items() if "test" in o
        }
        or None,
        per_feature_threshold={
            c: o["threshold"] for c, o in per_column.items() if "threshold" in o
        }
        or None,
        drift_share=overrides.get("driftShare", 0.5),
    )
    return quiet(
        lambda: get_drift_for_columns(
            current_data=cur,
            reference_data=ref,
            dataset_columns=process_columns(ref, mapping),
            data_drift_options=options,
            agg_data=True,
        )
    )


def compare_frame(area: Area, case: dict) -> None:
    result = case["result"]
    for column in result["columns"]:
        name = f"{case['id']}.{column['column']}"
        want = evidently_frame(
            case["reference"],
            case["current"],
            case["schema"],
            case["overrides"],
            [column["column"]],
        )
        if isinstance(want, Missing) or "error" in column:
            area.exact(
                name, "cannot be tested", "error" in column, isinstance(want, Missing)
            )
            continue
        metrics = want.drift_by_columns[column["column"]]
        test = TS_TEST_TO_EVIDENTLY[column["test"]]
        area.exact(name, "test", test.display_name, metrics.stattest_name)
        area.exact(name, "threshold", column["threshold"], metrics.stattest_threshold)
        if test.name in ("ks", "chisquare", "z"):
            area.p_value(name, "value", column["value"], float(metrics.drift_score))
        else:
            area.statistic(name, "value", column["value"], float(metrics.drift_score))
        area.exact(name, "drifted", column["drifted"], bool(metrics.drift_detected))
    if result["testedCount"] == len(result["columns"]):
        whole = evidently_frame(
            case["reference"], case["current"], case["schema"], case["overrides"]
        )
        assert not isinstance(whole, Missing), f"{case['id']}: {whole}"
        area.exact(
            case["id"],
            "driftedCount",
            result["driftedCount"],
            whole.number_of_drifted_columns,
        )
        area.statistic(
            case["id"], "share", result["share"], whole.share_of_drifted_columns
        )
        area.exact(
            case["id"],
            "datasetDrift",
            result["datasetDrift"],
            bool(whole.dataset_drift),
        )


def test_detect_drift_equals_evidently_pipeline(drift, agreement: Agreement):
    area = agreement.area("drift: detectDrift on generated frames", "evidently")
    for case in drift["cases"]["frames"]:
        if case["id"] != "inf-without-nan":
            compare_frame(area, case)
    area.assert_all_equal()


def test_evidently_keeps_infinity_in_a_column_without_nan(drift):
    """A documented difference, not an agreement: Evidently 0.7.23 (legacy/calculations/data_drift.py,
    get_one_column_drift) replaces ±inf by NaN and drops it only in columns that contain NaN, so a
    column with infinities but no NaN reaches its stattest with the infinities in it. detectDrift
    always drops ±Infinity (what that cleaning step intends); on the cleaned column it agrees."""
    case = next(c for c in drift["cases"]["frames"] if c["id"] == "inf-without-nan")
    ref, cur = case["reference"]["infOnly"], case["current"]["infOnly"]
    assert any(math.isinf(v) for v in ref) and not any(math.isnan(v) for v in ref + cur)
    column = case["result"]["columns"][0]
    evidently = evidently_frame(case["reference"], case["current"], case["schema"], {})
    with_inf = stats.ks_2samp(ref, cur).pvalue
    finite = [v for v in ref if math.isfinite(v)]
    assert float(evidently.drift_by_columns["infOnly"].drift_score) == pytest.approx(
        with_inf, abs=1e-12
    )
    assert column["value"] == pytest.approx(
        stats.ks_2samp(finite, cur).pvalue, abs=1e-6
    )
    assert column["referenceSize"] == len(finite)


def test_scenario_data_equal_scipy_and_evidently(drift, agreement: Agreement):
    area = agreement.area("drift: chapter-5 scenario data", "scipy + evidently")
    scenarios = drift["cases"]["scenarios"]
    assert {c["id"].split("@")[0] for c in scenarios} == {
        "seasonal",
        "unit-bug",
        "label-swap",
        "control",
    }
    for case in scenarios:
        compare_frame(area, case)
        for name, stats_ in case["stats"].items():
            compare_numeric(
                area,
                f"{case['id']}.{name}",
                case["reference"][name],
                case["current"][name],
                stats_,
            )
    area.assert_all_equal()

"""src/lib/drift/domain-classifier.ts against scikit-learn.

Cases come from scripts/reference/domain-cases.ts: generated samples (no shift, a shift in one
column, separable samples, strong regularisation, ties) and every window of chapter 5's
domain-classifier table on the booklet's real data (Seattle weather, penguins).

What is compared, and with what:
- every out-of-fold score: for each fold, StandardScaler + LogisticRegression(C, penalty l2,
  solver newton-cholesky) fitted on the other folds, decision_function on the fold;
- the AUC: sklearn.metrics.roc_auc_score on TypeScript's own scores (the AUC formula) and on
  scikit-learn's scores (the whole check);
- single fits on all rows: coefficients and intercept.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

from reference.helpers import load_cases

SCORE_TOL = (
    1e-6  # relative to max(1, |score|): two exact optimisers, different arithmetic
)


@pytest.fixture(scope="module")
def domain(ts_cases) -> dict[str, Any]:
    return load_cases(ts_cases, "domain")["cases"]


def sklearn_fit(x: np.ndarray, y: np.ndarray, c: float):
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, solver="newton-cholesky", tol=1e-12, max_iter=1000)
    model.fit(scaler.transform(x), y)
    return scaler, model


def close(ts: np.ndarray, ref: np.ndarray) -> float:
    return float(np.max(np.abs(ts - ref) / np.maximum(1.0, np.abs(ref))))


def test_every_case_is_there(domain):
    names = [case["name"] for case in domain["cases"]]
    assert len(names) == 13
    assert sum(name.startswith("seasonal: ") for name in names) == 5
    for scenario in ("unit-bug", "label-swap", "control"):
        assert any(name.startswith(f"{scenario}: ") for name in names)


def test_out_of_fold_scores_and_auc_match_scikit_learn(domain):
    mismatches = []
    for case in domain["cases"]:
        reference = np.asarray(case["reference"], dtype=float)
        current = np.asarray(case["current"], dtype=float)
        x = np.vstack([reference, current])
        y = np.r_[np.zeros(len(reference)), np.ones(len(current))]
        folds = np.asarray(case["foldOf"])
        # the fold rule: row i of each sample goes to fold i mod k
        expected = (
            np.r_[np.arange(len(reference)), np.arange(len(current))] % case["folds"]
        )
        assert np.array_equal(folds, expected), case["name"]
        scores = np.empty(len(y))
        for f in range(case["folds"]):
            scaler, model = sklearn_fit(x[folds != f], y[folds != f], case["C"])
            scores[folds == f] = model.decision_function(
                scaler.transform(x[folds == f])
            )
        ts_scores = np.asarray(case["scores"])
        if close(ts_scores, scores) > SCORE_TOL:
            mismatches.append(
                f"{case['name']}: scores differ by {close(ts_scores, scores)}"
            )
        # the AUC formula on TypeScript's scores
        if abs(case["auc"] - roc_auc_score(y, ts_scores)) > 1e-12:
            mismatches.append(
                f"{case['name']}: AUC {case['auc']} vs {roc_auc_score(y, ts_scores)}"
            )
        # the whole check; scores rounded so ties in the data stay ties on both sides
        sk_auc = roc_auc_score(y, np.round(scores, 8))
        if abs(case["auc"] - sk_auc) > 1e-12:
            mismatches.append(
                f"{case['name']}: AUC {case['auc']} vs scikit-learn's {sk_auc}"
            )
    assert not mismatches, "\n".join(mismatches)


def test_single_fits_match_scikit_learn(domain):
    assert len(domain["fits"]) == 3
    for fit in domain["fits"]:
        x = np.asarray(fit["x"], dtype=float)
        scaler, model = sklearn_fit(x, np.asarray(fit["y"]), fit["C"])
        ts = fit["model"]
        assert close(np.asarray(ts["weights"]), model.coef_[0]) < SCORE_TOL, fit["name"]
        assert close(np.asarray([ts["bias"]]), model.intercept_) < SCORE_TOL, fit[
            "name"
        ]
        assert close(np.asarray(ts["mean"]), scaler.mean_) < 1e-12, fit["name"]
        assert close(np.asarray(ts["scale"]), scaler.scale_) < 1e-12, fit["name"]


def test_the_real_windows_tell_the_chapter_s_story(domain):
    auc = {case["name"].split(" (")[0]: case["auc"] for case in domain["cases"]}
    # abrupt covariate drift is perfectly separable; concept drift leaves the inputs unchanged
    assert auc["unit-bug: requests 800–1099"] == 1.0
    assert auc["label-swap: requests 800–1099"] == auc["control: requests 800–1099"]
    assert abs(auc["control: requests 800–1099"] - 0.5) < 0.1
    # winters are further from the summer-2012 reference than the summers that recur
    assert (
        auc["seasonal: December 2012–February 2013"]
        > auc["seasonal: June–August 2013"] + 0.2
    )

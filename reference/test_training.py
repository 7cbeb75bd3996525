"""The TypeScript trainer (src/lib/model/train.ts) against scikit-learn's LogisticRegression (issue 12).

Same data, split and standardization: the penguin rows, stratified split and class order come from
the TypeScript run (scripts/reference/model-cases.ts); StandardScaler standardizes with the
population standard deviation, as train.ts does (a constant column is left unscaled by both).

Equivalent L2 strength. train.ts minimizes the mean cross-entropy plus (λ/2)‖W‖², with the biases
unpenalized:   L(W, b) = (1/n) Σᵢ −log softmax(zᵢW + b)_{yᵢ} + (λ/2)‖W‖².
scikit-learn's multinomial LogisticRegression with an L2 penalty minimizes
C Σᵢ −log p(yᵢ | zᵢ) + ½‖W‖², intercepts unpenalized. Dividing that by n·C gives L with
λ = 1/(n·C), so   C = 1 / (n · λ)   with n the number of training rows. The test checks the mapping
itself: at scikit-learn's optimum the gradient of L (computed here from its definition) vanishes.

What holds, and is asserted:
- every run: identical held-out labels and equal held-out accuracy;
- runs that train long enough to converge (gradient norm of L below 1e-7 at the end): probabilities
  within 1e-6 of scikit-learn's and weights within 1e-5.
The booklet's default run (200 full-batch steps) stops before the optimum; its largest probability
difference is reported in bench-results/reference.json, not asserted.
"""

from __future__ import annotations

import numpy as np
import pytest
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from reference.helpers import Agreement, load_cases

CONVERGED_GRADIENT = 1e-7


@pytest.fixture(scope="module")
def training(ts_cases):
    return load_cases(ts_cases, "training")["cases"]


def objective_gradient(z, y, weights, bias, l2):
    """∇ of the mean cross-entropy + (l2/2)‖W‖² (train.ts's objective), written out with numpy."""
    logits = z @ weights + bias
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    onehot = np.eye(weights.shape[1])[y]
    residual = (p - onehot) / len(z)
    return np.concatenate(
        [(z.T @ residual + l2 * weights).ravel(), residual.sum(axis=0)]
    )


def fit_sklearn(case):
    x_train = np.asarray(case["trainX"], dtype=float)
    scaler = StandardScaler().fit(x_train)
    n, l2 = len(x_train), case["options"]["l2"]
    model = LogisticRegression(
        C=1.0 / (n * l2), solver="lbfgs", tol=1e-12, max_iter=100_000
    )
    model.fit(scaler.transform(x_train), case["trainY"])
    return scaler, model


def test_trainer_agrees_with_scikit_learn(training, agreement: Agreement):
    area = agreement.area(
        "training: held-out labels and accuracy vs LogisticRegression",
        f"scikit-learn {sklearn.__version__}",
    )
    largest = agreement.area(
        "training: probabilities at convergence vs LogisticRegression",
        f"scikit-learn {sklearn.__version__}",
    )
    assert {c["id"] for c in training} >= {"booklet-default", "converged-l2-0.01"}
    for case in training:
        scaler, model = fit_sklearn(case)
        assert list(model.classes_) == case["classes"]
        for j, (m, s) in enumerate(zip(scaler.mean_, scaler.scale_, strict=True)):
            area.statistic(case["id"], f"mean[{j}]", case["mean"][j], m)
            area.statistic(case["id"], f"std[{j}]", case["std"][j], s)

        z_train = scaler.transform(np.asarray(case["trainX"], dtype=float))
        y_train = np.array([case["classes"].index(y) for y in case["trainY"]])
        gradient = objective_gradient(
            z_train, y_train, model.coef_.T, model.intercept_, case["options"]["l2"]
        )
        assert np.abs(gradient).max() < 1e-7, (
            "C = 1/(n·λ) does not map the two objectives"
        )

        z_test = scaler.transform(np.asarray(case["testX"], dtype=float))
        predicted = list(model.predict(z_test))
        for i, (ts_label, sk_label) in enumerate(
            zip(case["testLabels"], predicted, strict=True)
        ):
            area.exact(case["id"], f"test label {i}", ts_label, sk_label)
        accuracy = float(np.mean(np.array(predicted) == np.array(case["testY"])))
        area.exact(case["id"], "accuracy", case["accuracy"], accuracy)

        difference = np.abs(
            np.asarray(case["testProbabilities"]) - model.predict_proba(z_test)
        )
        case["maxProbabilityDifference"] = float(difference.max())
        if case["gradientNorm"] < CONVERGED_GRADIENT:
            for i, row in enumerate(case["testProbabilities"]):
                for j, p in enumerate(row):
                    largest.p_value(
                        case["id"],
                        f"test p[{i}][{j}]",
                        p,
                        model.predict_proba(z_test[i : i + 1])[0][j],
                    )
            weights = np.asarray(case["weights"])
            assert np.abs(weights - model.coef_.T).max() < 1e-5, case["id"]
    area.assert_all_equal()
    largest.assert_all_equal()
    converged = [c["id"] for c in training if c["gradientNorm"] < CONVERGED_GRADIENT]
    assert len(converged) >= 2, f"only {converged} converged"
    agreement.notes["training"] = {
        c["id"]: {
            "options": c["options"],
            "finalGradientNorm": c["gradientNorm"],
            "maxProbabilityDifference": c["maxProbabilityDifference"],
            "heldOutAccuracy": c["accuracy"],
        }
        for c in training
    }

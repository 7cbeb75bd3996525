"""Lab 01's cross-runtime agreement, asserted (the notebook only shows it).

* The booklet's ONNX model gives the page's labels in Python onnxruntime, and probabilities
  within 1e-6 of the page's (onnxruntime-web and the TypeScript forward pass).
* The scikit-learn model, exported with skl2onnx, gives scikit-learn's labels in onnxruntime.
* The committed ``models/penguins.onnx`` is that export of the model the notebook trains.
"""

import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pandas as pd
import pytest
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

LAB = Path(__file__).resolve().parents[1]
FEATURES = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"]


def session(path: Path) -> ort.InferenceSession:
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])


@pytest.fixture(scope="module")
def page():
    return json.loads((LAB / "models" / "booklet-penguins.page-predictions.json").read_text())


@pytest.fixture(scope="module")
def data():
    raw = pd.read_csv(LAB / "data" / "penguins.csv")
    split = pd.read_csv(LAB / "data" / "booklet_split.csv", index_col="row")["split"]
    clean = raw.replace({"Sex": {".": None}}).dropna(subset=["Species", *FEATURES]).join(split)
    train, test = clean[clean["split"] == "train"], clean[clean["split"] == "test"]
    return (train[FEATURES].to_numpy(), train["Species"].to_numpy(),
            test[FEATURES].to_numpy(), test["Species"].to_numpy(), clean)


@pytest.fixture(scope="module")
def sklearn_model(data):
    X_train, y_train, *_ = data
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(X_train, y_train)


def test_lab_cleaning_keeps_exactly_the_rows_the_page_split(data):
    *_, clean = data
    assert set(clean["split"]) == {"train", "test"}
    split = pd.read_csv(LAB / "data" / "booklet_split.csv")
    assert sorted(clean.index) == sorted(split.loc[split["split"] != "dropped", "row"])


def test_booklet_model_agrees_with_the_page_in_python_onnxruntime(page):
    model = session(LAB / "models" / page["model_file"])
    meta = model.get_modelmeta().custom_metadata_map
    assert json.loads(meta["classes"]) == page["classes"]
    assert meta["version"] == page["model_version"]
    features = np.array([row["features"] for row in page["rows"]], dtype=np.float32)
    probabilities, labels = model.run(["probabilities", "label"], {"features": features})
    assert len(page["rows"]) == len(labels) > 0
    assert [page["classes"][i] for i in labels] == [row["label"] for row in page["rows"]]
    for key in ("onnxruntime_web_probabilities", "typescript_probabilities"):
        expected = np.array([row[key] for row in page["rows"]])
        np.testing.assert_allclose(probabilities, expected, rtol=0, atol=1e-6, err_msg=key)


def test_booklet_model_file_is_the_one_the_page_predicted_with(page):
    import hashlib

    digest = hashlib.sha256((LAB / "models" / page["model_file"]).read_bytes()).hexdigest()
    assert digest == page["model_sha256"]


def test_sklearn_export_gives_sklearn_labels_in_onnxruntime(data, sklearn_model, tmp_path):
    *_, clean = data
    exported = convert_sklearn(
        sklearn_model, name="penguins_sklearn",
        initial_types=[("features", FloatTensorType([None, 4]))],
        options={id(sklearn_model): {"zipmap": False}},
        target_opset={"": 17, "ai.onnx.ml": 3},
    )
    onnx.checker.check_model(exported, full_check=True)
    assert "ZipMap" not in [node.op_type for node in exported.graph.node]
    path = tmp_path / "penguins.onnx"
    onnx.save(exported, path)
    X = clean[FEATURES].to_numpy()  # every clean row, train and test
    labels, probabilities = session(path).run(["label", "probabilities"], {"features": X.astype(np.float32)})
    assert (labels == sklearn_model.predict(X)).all()
    np.testing.assert_allclose(probabilities, sklearn_model.predict_proba(X), atol=1e-5)
    # The committed export is this model, byte for byte (the notebook's export is deterministic).
    assert path.read_bytes() == (LAB / "models" / "penguins.onnx").read_bytes()


def test_committed_model_card_describes_the_committed_export():
    import hashlib

    card = json.loads((LAB / "models" / "penguins.model-card.json").read_text())
    digest = hashlib.sha256((LAB / "models" / "penguins.onnx").read_bytes()).hexdigest()
    assert card["sha256"] == digest
    assert card["classes"] == ["Adelie", "Chinstrap", "Gentoo"]

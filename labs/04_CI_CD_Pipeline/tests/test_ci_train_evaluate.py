"""train.py and evaluate.py: the exported model agrees with scikit-learn, the metrics are right."""

import hashlib
import json

import numpy as np
import onnx
import onnxruntime as ort
import pandas as pd
from lab04_helpers import LAB, load_lab_module, run_script
from sklearn.metrics import accuracy_score

train = load_lab_module("train")


def test_cleaning_drops_only_birds_without_measurements():
    raw = pd.read_csv(LAB / "data" / "penguins.csv")
    clean = train.load_penguins(LAB / "data" / "penguins.csv")
    assert len(raw) == 344
    assert len(clean) == 342  # the two records with no measurements at all
    assert clean[train.FEATURES].notna().all().all()


def test_split_is_seeded_and_stratified():
    frame = train.load_penguins(LAB / "data" / "penguins.csv")
    first_train, first_test = train.split(frame)
    _, second_test = train.split(frame)
    pd.testing.assert_frame_equal(first_test, second_test)
    assert len(first_test) == 69 and len(first_train) == 273
    shares = first_test["species"].value_counts(normalize=True)
    overall = frame["species"].value_counts(normalize=True)
    assert np.allclose(shares.sort_index(), overall.sort_index(), atol=0.02)


def test_onnx_export_is_valid_has_metadata_and_no_zipmap(artifacts):
    model = onnx.load(str(artifacts / "model.onnx"))
    onnx.checker.check_model(model, full_check=True)
    assert not any(node.op_type == "ZipMap" for node in model.graph.node)
    metadata = {p.key: p.value for p in model.metadata_props}
    assert metadata["version"] == "test-version"
    assert json.loads(metadata["classes"]) == ["Adelie", "Chinstrap", "Gentoo"]
    assert json.loads(metadata["features"]) == train.FEATURES


def test_onnx_labels_and_probabilities_match_scikit_learn(artifacts):
    frame = train.load_penguins(LAB / "data" / "penguins.csv")
    fitted_on, held_out = train.split(frame)
    model = train.fit(fitted_on, train.FEATURES)
    features = held_out[train.FEATURES].to_numpy(np.float32)
    session = ort.InferenceSession(str(artifacts / "model.onnx"))
    labels, probabilities = session.run(None, {"features": features})
    assert list(labels) == list(model.predict(features))
    assert np.allclose(probabilities, model.predict_proba(features), atol=1e-5)


def test_training_is_reproducible(artifacts, tmp_path):
    again = run_script("train.py", "--out", str(tmp_path), "--version", "test-version")
    assert again.returncode == 0, again.stderr
    first = (artifacts / "model.onnx").read_bytes()
    assert (tmp_path / "model.onnx").read_bytes() == first


def test_metrics_match_an_independent_computation(artifacts):
    metrics = json.loads((artifacts / "metrics.json").read_text())
    test = pd.read_csv(artifacts / "test.csv")
    session = ort.InferenceSession(str(artifacts / "model.onnx"))
    labels = session.run(["label"], {"features": test[train.FEATURES].to_numpy(np.float32)})[0]
    assert metrics["accuracy"] == accuracy_score(test["species"], labels)
    assert metrics["n"] == len(test) == 69
    model_bytes = (artifacts / "model.onnx").read_bytes()
    assert metrics["model_sha256"] == hashlib.sha256(model_bytes).hexdigest()
    for column in ["species", "island"]:
        names = {k for k in metrics["slices"] if k.startswith(f"{column}=")}
        assert names == {f"{column}={v}" for v in test[column].unique()}
        assert sum(metrics["slices"][k]["n"] for k in names) == len(test)
    chinstrap = test["species"] == "Chinstrap"
    expected = accuracy_score(test["species"][chinstrap], labels[chinstrap.to_numpy()])
    assert metrics["slices"]["species=Chinstrap"]["accuracy"] == expected


def test_a_weaker_candidate_scores_lower_and_fails_its_smallest_species(tmp_path):
    out = tmp_path
    assert run_script("train.py", "--out", str(out), "--features", "body_mass_g").returncode == 0
    model, test, metrics = out / "model.onnx", out / "test.csv", out / "metrics.json"
    scored = run_script(
        "evaluate.py", "--model", str(model), "--test", str(test), "--out", str(metrics)
    )
    assert scored.returncode == 0, scored.stderr
    result = json.loads(metrics.read_text())
    assert result["accuracy"] < 0.9
    assert result["slices"]["species=Chinstrap"]["accuracy"] < 0.5

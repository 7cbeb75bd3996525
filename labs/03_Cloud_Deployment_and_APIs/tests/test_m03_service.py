"""Lab 03's FastAPI service: it accepts lab 01's export and the booklet's model, and keeps the
booklet API's contract (paths, statuses, problem codes, metric names)."""

import hashlib
import importlib.util
import json
import warnings
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pandas as pd
import pytest

LAB = Path(__file__).resolve().parents[1]
FEATURES = {"Beak Length (mm)": "beak_length_mm", "Beak Depth (mm)": "beak_depth_mm",
            "Flipper Length (mm)": "flipper_length_mm", "Body Mass (g)": "body_mass_g"}
PENGUIN = {"beak_length_mm": 39.1, "beak_depth_mm": 18.7, "flipper_length_mm": 181, "body_mass_g": 3750}
PROBLEM_FIELDS = {"type", "title", "status", "detail", "instance", "code", "request_id", "errors"}


def load_service():
    spec = importlib.util.spec_from_file_location("lab03_app", LAB / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


service = load_service()
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def rows():
    penguins = pd.read_csv(LAB / "data" / "penguins.csv").dropna(subset=list(FEATURES)).rename(columns=FEATURES)
    return penguins[list(FEATURES.values())].to_dict("records")


def client_for(model_file: str) -> TestClient:
    return TestClient(service.create_app(str(LAB / "models" / model_file)))


def predict_all(client, rows):
    out = []
    for start in range(0, len(rows), 64):
        response = client.post("/v1/predict", json={"instances": rows[start:start + 64]})
        assert response.status_code == 200, response.text
        out.extend(response.json()["predictions"])
    return out


def onnxruntime_labels(model_file, rows, classes=None):
    session = ort.InferenceSession(str(LAB / "models" / model_file), providers=["CPUExecutionProvider"])
    x = np.array([[r[k] for k in FEATURES.values()] for r in rows], dtype=np.float32)
    labels = session.run(["label"], {"features": x})[0]
    return [classes[int(i)] for i in labels] if classes else [str(s) for s in labels]


def test_serves_lab_01s_sklearn_export(rows):
    data = (LAB / "models" / "penguins.onnx").read_bytes()
    with client_for("penguins.onnx") as client:
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["model_version"] == f"penguins-{hashlib.sha256(data).hexdigest()[:12]}"
        predictions = predict_all(client, rows)
    assert [p["label"] for p in predictions] == onnxruntime_labels("penguins.onnx", rows)
    for p in predictions:
        assert set(p["probabilities"]) == {"Adelie", "Chinstrap", "Gentoo"}
        assert abs(sum(p["probabilities"].values()) - 1) < 1e-5
        assert p["label"] == max(p["probabilities"], key=p["probabilities"].get)


def test_serves_the_booklet_model_with_its_metadata(rows):
    with client_for("booklet-penguins.onnx") as client:
        digest = "sha256:" + hashlib.sha256((LAB / "models" / "booklet-penguins.onnx").read_bytes()).hexdigest()
        assert client.get("/readyz").json() == {"status": "ready", "model_version": "penguins-v1",
                                                "model_id": digest}
        predictions = predict_all(client, rows)
    expected = onnxruntime_labels("booklet-penguins.onnx", rows, ["Adelie", "Chinstrap", "Gentoo"])
    assert [p["label"] for p in predictions] == expected


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b'{"instance": ', "application/json", 400, "malformed-json"),
        (b"", "application/json", 400, "malformed-json"),
        (b"\xff\xfe{}", "application/json", 400, "malformed-json"),
        # Python's json module reads these; JSON (RFC 8259 §6) and the Hono app's JSON.parse do not.
        (b'{"instance": {"beak_length_mm": NaN}}', "application/json", 400, "malformed-json"),
        (b'{"instances": [{"body_mass_g": Infinity}]}', "application/json", 400, "malformed-json"),
        (b'{"instances": [{"body_mass_g": -Infinity}]}', "application/json", 400, "malformed-json"),
        (json.dumps({"instance": PENGUIN}).encode(), "text/plain", 415, "unsupported-media-type"),
        (b" " * (64 * 1024 + 1), "application/json", 413, "body-too-large"),
        (json.dumps({"instances": [PENGUIN] * 65}).encode(), "application/json", 413, "batch-too-large"),
        (json.dumps({"instances": []}).encode(), "application/json", 422, "validation-failed"),
        (json.dumps({"instance": {**PENGUIN, "body_mass_g": 3.75}}).encode(), "application/json", 422,
         "validation-failed"),
        (json.dumps({"instance": {**PENGUIN, "beak_length_mm": "39.1"}}).encode(), "application/json", 422,
         "validation-failed"),
        (json.dumps({"instance": {**PENGUIN, "island": None}}).encode(), "application/json", 422,
         "validation-failed"),
        (json.dumps({"instance": PENGUIN, "instances": [PENGUIN]}).encode(), "application/json", 422,
         "validation-failed"),
        (json.dumps([PENGUIN]).encode(), "application/json", 422, "validation-failed"),
    ],
)
def test_refusals_are_problem_documents_with_the_booklets_codes(body, content_type, status, code):
    with client_for("penguins.onnx") as client:
        response = client.post("/v1/predict", content=body,
                               headers={"content-type": content_type, "x-request-id": "t-1"})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "t-1"
    problem = response.json()
    assert set(problem) == PROBLEM_FIELDS
    assert (problem["status"], problem["code"], problem["request_id"]) == (status, code, "t-1")


def test_field_errors_name_the_offending_field():
    with client_for("penguins.onnx") as client:
        response = client.post("/v1/predict", json={"instances": [PENGUIN, {**PENGUIN, "body_mass_g": 3.75}]})
    assert response.json()["errors"] == [{"path": "instances.1.body_mass_g", "message": "Must be at least 2000 g."}]


def test_unknown_routes_methods_and_a_missing_model():
    with client_for("penguins.onnx") as client:
        assert client.get("/v2/predict").json()["code"] == "not-found"
        wrong = client.delete("/healthz")
        assert (wrong.status_code, wrong.json()["code"]) == (405, "method-not-allowed")
        assert wrong.headers["allow"] == "GET, HEAD"
        assert client.get("/v1/predict").headers["allow"] == "POST"
        for path in ("/healthz", "/readyz", "/metrics", "/openapi.json"):
            head = client.head(path)
            assert (head.status_code, head.content) == (200, b""), path
        for path in ("/docs", "/redoc", "/healthz/"):
            assert client.get(path, follow_redirects=False).status_code == 404, path
        assert client.get("/x", headers={"x-request-id": "bad id!"}).headers["x-request-id"] != "bad id!"
    with client_for("no-such-model.onnx") as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        for response in (client.get("/readyz"), client.post("/v1/predict", json={"instance": PENGUIN})):
            assert response.status_code == 503
            assert response.json()["code"] == "model-not-ready"
            assert response.headers["retry-after"] == "5"
        assert "model_ready 0.0" in client.get("/metrics").text


def test_metrics_use_the_booklet_apis_names():
    with client_for("penguins.onnx") as client:
        client.post("/v1/predict", json={"instance": PENGUIN})
        client.post("/v1/predict", content=b"{", headers={"content-type": "application/json"})
        response = client.get("/metrics")
        text = response.text
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert 'http_requests_total{route="/v1/predict",status="200"} 1.0' in text
    assert 'http_requests_total{route="/v1/predict",status="400"} 1.0' in text
    assert 'model_predictions_total{label="Adelie"} 1.0' in text
    assert 'http_request_duration_seconds_bucket{le="0.0005",route="/v1/predict"}' in text
    assert "model_ready 1.0" in text
    assert "_created" not in text


def test_openapi_lists_the_booklet_routes():
    with client_for("penguins.onnx") as client:
        paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/predict", "/healthz", "/readyz", "/metrics"} <= set(paths)
    # The model id is documented where the Hono app documents it.
    assert "x-model-id" in paths["/v1/predict"]["post"]["responses"]["200"]["headers"]
    ready = paths["/readyz"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ready == {"$ref": "#/components/schemas/Ready"}
    assert {"400", "413", "415", "422", "503"} <= set(paths["/v1/predict"]["post"]["responses"])
    assert set(paths["/metrics"]["get"]["responses"]["200"]["content"]) == {"text/plain"}
    assert all(set(operations) <= {"get", "post"} for operations in paths.values())


def test_model_id_is_the_file_digest_or_the_promoted_id(monkeypatch):
    data = (LAB / "models" / "booklet-penguins.onnx").read_bytes()
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    monkeypatch.delenv("MODEL_ID", raising=False)
    with client_for("booklet-penguins.onnx") as client:
        assert client.get("/readyz").json()["model_id"] == digest
        response = client.post("/v1/predict", json={"instance": PENGUIN})
        assert response.headers["x-model-id"] == digest
        # Problems carry no model answer, so no model id.
        assert "x-model-id" not in client.post("/v1/predict", json={"instance": {}}).headers
    monkeypatch.setenv("MODEL_ID", digest)
    with client_for("booklet-penguins.onnx") as client:
        assert client.post("/v1/predict", json={"instance": PENGUIN}).headers["x-model-id"] == digest
    monkeypatch.setenv("MODEL_ID", "run-42")
    with client_for("booklet-penguins.onnx") as client:
        assert client.get("/readyz").json()["model_id"] == "run-42"
    # The image was built for another file: the replica refuses traffic instead of lying.
    monkeypatch.setenv("MODEL_ID", "sha256:" + "0" * 64)
    with client_for("booklet-penguins.onnx") as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert f"the model file loaded is {digest}" in ready.json()["detail"]
    monkeypatch.setenv("MODEL_ID", "two words")
    with client_for("booklet-penguins.onnx") as client:
        assert client.get("/readyz").status_code == 503

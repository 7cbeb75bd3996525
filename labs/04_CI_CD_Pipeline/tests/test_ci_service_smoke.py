"""The shipped service and the deploy job's smoke test, over real HTTP."""

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from lab04_helpers import LAB, load_lab_module, run_script


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def digest_id(path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def serving(model_path, model_id=None):
    """uvicorn in a subprocess, as the image's CMD starts it; yields the base URL when ready."""
    port = free_port()
    env = {**os.environ, "MODEL_PATH": str(model_path)}
    env.pop("MODEL_ID", None)
    if model_id is not None:
        env["MODEL_ID"] = model_id
    command = [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=LAB,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Wait for the socket, not for a fixed number of tries: on a loaded machine importing
        # FastAPI and onnxruntime can take longer than any small retry budget.
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5)
                break
            except OSError:
                assert server.poll() is None, "uvicorn exited"
                assert time.monotonic() < deadline, "uvicorn did not answer within 120 s"
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_app_answers_like_the_booklet_api(artifacts, monkeypatch):
    monkeypatch.setenv("MODEL_PATH", str(artifacts / "model.onnx"))
    monkeypatch.delenv("MODEL_ID", raising=False)
    app = load_lab_module("app")
    model_id = digest_id(artifacts / "model.onnx")
    with TestClient(app.app) as client:
        assert client.get("/readyz").json() == {
            "status": "ready",
            "model_version": "test-version",
            "model_id": model_id,
        }
        smoke = load_lab_module("smoke_test")
        answer = client.post("/v1/predict", json={"instances": [smoke.KNOWN_BIRD]})
        assert answer.headers["x-model-id"] == model_id
        body = answer.json()
        assert body["predictions"][0]["label"] == smoke.KNOWN_SPECIES
        assert sum(body["predictions"][0]["probabilities"].values()) == pytest.approx(1, abs=1e-5)
        kilograms = {**smoke.KNOWN_BIRD, "body_mass_g": 4.5}
        assert client.post("/v1/predict", json={"instances": [kilograms]}).status_code == 422


def test_app_is_not_ready_when_the_file_is_not_the_promoted_model(artifacts, monkeypatch):
    monkeypatch.setenv("MODEL_PATH", str(artifacts / "model.onnx"))
    monkeypatch.setenv("MODEL_ID", "sha256:" + "0" * 64)
    app = load_lab_module("app")
    with TestClient(app.app) as client:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert (
            "but the model file is " + digest_id(artifacts / "model.onnx")
            in response.json()["detail"]
        )


def test_app_is_not_ready_without_a_model(tmp_path, monkeypatch):
    monkeypatch.setenv("MODEL_PATH", str(tmp_path / "missing.onnx"))
    app = load_lab_module("app")
    with TestClient(app.app) as client:
        response = client.get("/readyz")
        assert response.status_code == 503 and response.json()["status"] == "not ready"
        assert client.get("/healthz").status_code == 200


def test_smoke_test_passes_against_the_running_service(artifacts):
    model_id = digest_id(artifacts / "model.onnx")
    with serving(artifacts / "model.onnx", model_id) as base:
        result = run_script(
            "smoke_test.py",
            "--url",
            base,
            "--expect-version",
            "test-version",
            "--expect-id",
            model_id,
        )
    assert result.returncode == 0, result.stdout
    assert "Gentoo" in result.stdout


def test_smoke_test_fails_on_another_model_id(artifacts):
    with serving(artifacts / "model.onnx") as base:
        other = "sha256:" + "0" * 64
        wrong = run_script("smoke_test.py", "--url", base, "--expect-id", other)
    assert wrong.returncode == 1 and f"expected {other}" in wrong.stdout


def test_smoke_test_fails_on_the_wrong_version(artifacts):
    with serving(artifacts / "model.onnx") as base:
        wrong = run_script("smoke_test.py", "--url", base, "--expect-version", "other")
    assert wrong.returncode == 1 and "expected other" in wrong.stdout


def test_smoke_test_fails_on_a_model_that_gets_the_known_bird_wrong(tmp_path):
    train = load_lab_module("train")
    birds, _ = train.split(train.load_penguins(LAB / "data" / "penguins.csv"))
    # A broken model: trained on labels rotated one species along (Gentoo is called Adelie, ...).
    rotate = {"Adelie": "Chinstrap", "Chinstrap": "Gentoo", "Gentoo": "Adelie"}
    broken = train.fit(birds.assign(species=birds["species"].map(rotate)), train.FEATURES)
    proto = train.export_onnx(broken, train.FEATURES, "broken")
    (tmp_path / "model.onnx").write_bytes(proto.SerializeToString())
    with serving(tmp_path / "model.onnx") as base:
        result = run_script("smoke_test.py", "--url", base, "--expect-version", "broken")
    assert result.returncode == 1
    assert "expected [Gentoo]" in result.stdout and "Adelie" in result.stdout


def test_smoke_test_fails_when_the_service_never_becomes_ready(tmp_path):
    with serving(tmp_path / "missing.onnx") as base:
        result = run_script("smoke_test.py", "--url", base, "--attempts", "2", "--delay", "0")
    assert result.returncode == 1 and "503" in result.stdout

"""Chapter 3's FastAPI listing (content/03-cloud-apis/app_fastapi.py) and the lab's twin
(labs/03_Cloud_Deployment_and_APIs/app.py), on the points chapter 3 teaches about serving Python:

- a route that runs the model is a plain `def`: inference blocks, and FastAPI runs `def` routes in
  its thread pool but `async def` routes on the event loop, where a blocking call stalls every
  other request of the process (read with the ast module, nothing imported);
- the listing starts and answers its probes and a prediction, with the FastAPI of this lockfile
  and the model `npm run build:model` writes.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LISTING = ROOT / "content" / "03-cloud-apis" / "app_fastapi.py"
CHAPTER = ROOT / "content" / "03-cloud-apis" / "index.mdx"
EXAMPLE = {"beak_length_mm": 39.1, "beak_depth_mm": 18.7, "flipper_length_mm": 181, "body_mass_g": 3750}
TWINS = (LISTING, ROOT / "labs" / "03_Cloud_Deployment_and_APIs" / "app.py")
ROUTE_DECORATORS = {"get", "post", "put", "patch", "delete", "head"}
# Calls that run the model: onnxruntime's InferenceSession.run, or a wrapper's predict().
INFERENCE_CALLS = {"run", "predict"}


def routes(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Functions decorated with `@<something>.get(...)`, `.post(...)` and the like."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                call = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(call, ast.Attribute) and call.attr in ROUTE_DECORATORS:
                    found.append(node)
                    break
    return found


def runs_the_model(function: ast.AST) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in INFERENCE_CALLS
        for node in ast.walk(function)
    )


def load_listing(name: str, monkeypatch: pytest.MonkeyPatch):
    """Imports the listing afresh under `name` (it reads $MODEL_PATH when the app starts)."""
    spec = importlib.util.spec_from_file_location(name, LISTING)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module


def make_client(app):
    """FastAPI's TestClient; its import warns about Starlette's httpx dependency, not our code."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app)


@pytest.mark.parametrize("path", TWINS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_routes_that_run_the_model_are_plain_def(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    inference_routes = [f for f in routes(tree) if runs_the_model(f)]
    assert [f.name for f in inference_routes] == ["predict"]
    for function in inference_routes:
        assert isinstance(function, ast.FunctionDef), (
            f"{path.name}: {function.name} runs the model inside `async def`, on the event loop"
        )


def test_the_check_finds_an_async_route_that_runs_the_model() -> None:
    source = LISTING.read_text(encoding="utf-8")
    assert "\ndef predict(" in source
    tree = ast.parse(source.replace("\ndef predict(", "\nasync def predict("))
    (predict,) = [f for f in routes(tree) if runs_the_model(f)]
    assert isinstance(predict, ast.AsyncFunctionDef)


def test_the_listing_probes_do_no_blocking_work() -> None:
    # /healthz and /readyz are async def, so a probe is answered even when every thread of
    # the pool is busy with inference.
    tree = ast.parse(LISTING.read_text(encoding="utf-8"))
    probes = {f.name: f for f in routes(tree) if f.name in {"healthz", "readyz"}}
    assert sorted(probes) == ["healthz", "readyz"]
    for function in probes.values():
        assert isinstance(function, ast.AsyncFunctionDef)
        assert not runs_the_model(function)


def test_the_listing_serves_its_probes_and_a_prediction(
    built_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODEL_PATH", str(built_model))
    module = load_listing("ch3_app_fastapi", monkeypatch)
    with make_client(module.app) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["status"] == "ready"
        penguin = {
            "beak_length_mm": 39.1,
            "beak_depth_mm": 18.7,
            "flipper_length_mm": 181,
            "body_mass_g": 3750,
        }
        answer = client.post("/v1/predict", json={"instance": penguin})
        assert answer.status_code == 200
        assert answer.json()["predictions"][0]["label"] == "Adelie"
        # Without $MODEL_ID the id is the digest of the file served, in /readyz and on every answer.
        digest = "sha256:" + hashlib.sha256(built_model.read_bytes()).hexdigest()
        assert ready.json()["model_id"] == digest
        assert answer.headers["x-model-id"] == digest


def test_the_chapters_sample_answer_is_what_the_listing_returns(
    built_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chapter 3 prints the answer to its curl example; it must be this model's real answer.
    text = CHAPTER.read_text(encoding="utf-8")
    marker = "The valid request answers with the species and its probabilities:"
    sample = json.loads(text.split(marker, 1)[1].split("```json", 1)[1].split("```", 1)[0])
    monkeypatch.setenv("MODEL_PATH", str(built_model))
    module = load_listing("ch3_app_fastapi_sample", monkeypatch)
    with make_client(module.app) as client:
        answer = client.post("/v1/predict", json={"instance": EXAMPLE}).json()
    assert answer["model_version"] == sample["model_version"]
    assert answer.keys() == sample.keys()
    (got,), (shown,) = answer["predictions"], sample["predictions"]
    assert got["label"] == shown["label"]
    assert got["probabilities"] == pytest.approx(shown["probabilities"], rel=1e-6, abs=1e-9)


def test_a_promoted_digest_of_other_bytes_keeps_the_listing_unready(
    built_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODEL_PATH", str(built_model))
    monkeypatch.setenv("MODEL_ID", "sha256:" + "0" * 64)
    module = load_listing("ch3_app_fastapi_swapped", monkeypatch)
    with make_client(module.app) as client:
        not_ready = client.get("/readyz")
        assert not_ready.status_code == 503
        assert "MODEL_ID is sha256:" + "0" * 64 in not_ready.json()["detail"]


def test_a_promoted_id_that_is_not_a_digest_is_reported_as_is(
    built_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODEL_PATH", str(built_model))
    monkeypatch.setenv("MODEL_ID", "penguins-2026-12-02")
    module = load_listing("ch3_app_fastapi_named", monkeypatch)
    with make_client(module.app) as client:
        assert client.get("/readyz").json()["model_id"] == "penguins-2026-12-02"
        answer = client.post("/v1/predict", json={"instance": EXAMPLE})
        assert answer.headers["x-model-id"] == "penguins-2026-12-02"


def test_the_listing_is_alive_but_not_ready_without_a_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODEL_PATH", str(tmp_path / "missing.onnx"))
    module = load_listing("ch3_app_fastapi_missing", monkeypatch)
    with make_client(module.app) as client:
        assert client.get("/healthz").status_code == 200
        not_ready = client.get("/readyz")
        assert not_ready.status_code == 503
        assert not_ready.headers["retry-after"] == "5"
        assert not_ready.json()["code"] == "model-not-ready"

"""The chapter-3 prediction API against its own OpenAPI document, a shared contract, and Prometheus.

- schemathesis generates requests from the Node server's /openapi.json (valid and invalid ones) and
  checks every response: no 5xx, status codes, headers and bodies as documented, and every 4xx
  answered as application/problem+json. The run is bounded (examples per operation, no deadline).
- reference/contract-vectors.json (request → status, media type, problem type and code, field
  paths, labels) is played against the server; every answer must be the expected one.
- The model id: `model_id` in /readyz and the `x-model-id` header of predictions are the
  sha256 of the served file (hashed here with hashlib), or the promoted MODEL_ID when one is set.
- /metrics, after traffic of every kind, passes `promtool check metrics` (Prometheus' own linter);
  promtool must be installed (Debian package `prometheus`): the test fails, never skips, without it.

The Node server is started exactly as `npm run api` starts it (tsx scripts/api-server.ts) on a free
loopback port, with MODEL_PATH pointing at the model `npm run build:model` wrote. The Python labs'
FastAPI twin (labs/03_Cloud_Deployment_and_APIs/app.py, under uvicorn) gets the same model file,
the same schemathesis run (against its own OpenAPI document) and the same vectors, and must give
every vector the same answer as the Node server.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config._checks import NegativeDataRejectionConfig
from schemathesis.generation.modes import GenerationMode

from reference.helpers import AGREEMENT, NODE_BIN, ROOT, node_env

VECTORS = json.loads(
    (Path(__file__).parent / "contract-vectors.json").read_text(encoding="utf-8")
)
MAX_EXAMPLES = 100


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(
    command: list[str], env: dict[str, str], base: str, log: Path, cwd: Path = ROOT
) -> Iterator[str]:
    """Starts a server in its own process group, waits for /readyz, and stops the group afterwards."""
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"{command} exited with {process.returncode}:\n{log.read_text()}"
                )
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"{command} was not ready within 120 s:\n{log.read_text()}")
            time.sleep(0.25)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def node_api(
    built_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Base URL of `npm run api` (tsx scripts/api-server.ts) serving the built model."""
    port = free_port()
    env = node_env(
        {"HOST": "127.0.0.1", "PORT": str(port), "MODEL_PATH": str(built_model)}
    )
    log = tmp_path_factory.mktemp("node-api") / "server.log"
    with serve(
        [str(NODE_BIN / "tsx"), "scripts/api-server.ts"],
        env,
        f"http://127.0.0.1:{port}",
        log,
    ) as base:
        yield base


LAB_03 = ROOT / "labs" / "03_Cloud_Deployment_and_APIs"


@pytest.fixture(scope="session")
def fastapi_api(
    built_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Base URL of the Python labs' FastAPI twin (labs/03_Cloud_Deployment_and_APIs/app.py, run
    with uvicorn as its docstring says) serving the same model file as the Node server."""
    port = free_port()
    env = {**os.environ, "MODEL_PATH": str(built_model)}
    log = tmp_path_factory.mktemp("fastapi") / "server.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "app:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with serve(command, env, f"http://127.0.0.1:{port}", log, cwd=LAB_03) as base:
        yield base


SERVICES = ["node", "fastapi"]


@pytest.fixture(scope="session", params=SERVICES)
def service(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(name, base URL) of each implementation of the API contract."""
    return request.param, request.getfixturevalue(f"{request.param}_api")


def build_request(vector: dict[str, Any]) -> dict[str, Any]:
    request = vector["request"]
    kwargs: dict[str, Any] = {"headers": request.get("headers", {})}
    if "body" in request:
        body = request["body"]
        if "repeatInstances" in request:
            body = {**body, "instances": body["instances"] * request["repeatInstances"]}
        kwargs["content"] = json.dumps(body).encode()
    elif "rawBody" in request:
        raw = request["rawBody"]
        if "padBody" in request:
            raw = raw[:-2] + " " * request["padBody"] + raw[-2:]
        kwargs["content"] = raw.encode()
    return kwargs


def answer(base: str, vector: dict[str, Any]) -> dict[str, Any]:
    """What the service answered, in the terms of the contract."""
    request = vector["request"]
    response = httpx.request(
        request["method"], base + request["path"], timeout=30, **build_request(vector)
    )
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    got: dict[str, Any] = {"status": response.status_code, "contentType": media_type}
    body = response.json() if media_type.endswith("json") else None
    if media_type == "application/problem+json":
        got.update(
            type=body.get("type"),
            code=body.get("code"),
            fieldPaths=sorted(e["path"] for e in body.get("errors", [])),
        )
    if "predictions" in (body or {}):
        got.update(
            labels=[p["label"] for p in body["predictions"]],
            modelVersion=body["model_version"],
            modelId=response.headers.get("x-model-id"),
        )
    if request["path"] == "/readyz" and response.status_code == 200:
        got["modelId"] = body.get("model_id")
    expect = vector["expect"]
    if "json" in expect:
        got["json"] = {k: body.get(k) for k in expect["json"]}
    if "headers" in expect:
        got["headers"] = {k: response.headers.get(k) for k in expect["headers"]}
    return got


def expected(vector: dict[str, Any]) -> dict[str, Any]:
    expect = dict(vector["expect"])
    if "repeatLabels" in expect:
        expect["labels"] = expect["labels"] * expect.pop("repeatLabels")
    return expect


def test_contract_vectors(service: tuple[str, str]):
    name, base = service
    area = AGREEMENT.area(
        f"api: contract vectors ({name})",
        "reference/contract-vectors.json",
        name,
        "contract",
    )
    assert len(VECTORS["vectors"]) >= 25
    for vector in VECTORS["vectors"]:
        got, want = answer(base, vector), expected(vector)
        for key, value in want.items():
            area.exact(vector["name"], key, got.get(key), value)
    area.assert_all_equal()


def test_node_and_fastapi_answer_identically(node_api: str, fastapi_api: str):
    """Every contract vector gets the same answer (status, media type, problem type and code, field
    paths, labels, model version) from both services, whatever the expectation says."""
    area = AGREEMENT.area(
        "api: Node vs FastAPI on the contract vectors",
        "labs/03 FastAPI twin",
        "node",
        "fastapi",
    )
    for vector in VECTORS["vectors"]:
        node, python = answer(node_api, vector), answer(fastapi_api, vector)
        area.exact(vector["name"], "answer", node, python)
    area.assert_all_equal()


def test_model_id_is_the_served_files_digest(
    service: tuple[str, str], built_model: Path
):
    """Contract A: without MODEL_ID, /readyz's `model_id` and every prediction's `x-model-id` are
    `sha256:<hex>` of the file the service loaded, the digest `sha256sum` gives."""
    name, base = service
    digest = "sha256:" + hashlib.sha256(built_model.read_bytes()).hexdigest()
    ready = httpx.get(f"{base}/readyz", timeout=30)
    assert ready.json()["model_id"] == digest, name
    one = next(v for v in VECTORS["vectors"] if v["name"] == "one penguin")
    assert answer(base, one)["modelId"] == digest, name


@pytest.mark.parametrize("implementation", SERVICES)
def test_promoted_model_id_and_a_swapped_file(
    implementation: str, built_model: Path, tmp_path: Path
):
    """MODEL_ID, as the image sets it, is reported as given; a digest that is not the file's
    keeps the service unready (503 on /readyz), in both implementations alike."""
    digest = "sha256:" + hashlib.sha256(built_model.read_bytes()).hexdigest()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    if implementation == "node":
        command, cwd = [str(NODE_BIN / "tsx"), "scripts/api-server.ts"], ROOT
        env = node_env(
            {"HOST": "127.0.0.1", "PORT": str(port), "MODEL_PATH": str(built_model)}
        )
    else:
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        cwd, env = LAB_03, {**os.environ, "MODEL_PATH": str(built_model)}
    with serve(
        command, {**env, "MODEL_ID": digest}, base, tmp_path / "ok.log", cwd=cwd
    ):
        assert httpx.get(f"{base}/readyz", timeout=30).json()["model_id"] == digest
    wrong = "sha256:" + "0" * 64
    with open(tmp_path / "wrong.log", "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**env, "MODEL_ID": wrong},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline, status, detail = time.monotonic() + 120, None, ""
        while digest not in detail and time.monotonic() < deadline:
            try:
                ready = httpx.get(f"{base}/readyz", timeout=2)
                status, detail = ready.status_code, ready.json().get("detail", "")
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        assert status == 503, (tmp_path / "wrong.log").read_text()
        assert f"the model file loaded is {digest}" in detail
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def conforms(area, case, response) -> None:
    """schemathesis' own checks on one response, plus: no 5xx, every 4xx as problem+json."""
    label = f"{case.method} {case.path} [{case.meta.generation.mode.value if case.meta else ''}]"
    try:
        case.validate_response(response)
        assert response.status_code < 500, f"{label} answered {response.status_code}"
        if 400 <= response.status_code < 500:
            # schemathesis' Response keeps each header as a list of values.
            media_type = (response.headers.get("content-type") or [""])[0]
            assert media_type.startswith("application/problem+json"), (
                f"{label}: {media_type}"
            )
    except Exception:
        area.exact(label, "conforms", False, True)
        raise
    area.exact(label, "conforms", True, True)


def test_schemathesis(service: tuple[str, str]):
    """Valid and invalid requests generated from the served OpenAPI document, MAX_EXAMPLES each.
    (schemathesis' pytest plugin does not run under pytest 9 yet, so its strategies are driven by
    Hypothesis directly; the checks are the same `validate_response`.)"""
    name, base = service
    area = AGREEMENT.area(
        f"api: schemathesis ({name})",
        f"schemathesis (≤ {MAX_EXAMPLES} examples per operation and mode)",
        name,
        "schemathesis checks",
    )
    api = schemathesis.openapi.from_url(f"{base}/openapi.json")
    api.config.update(base_url=base)
    # A batch over 64 instances is documented as 413 Content Too Large (RFC 9110 §15.5.14), which
    # schemathesis' default list of statuses for rejected invalid data leaves out; add it, and
    # nothing else.
    rejection = NegativeDataRejectionConfig
    api.config.checks.negative_data_rejection = rejection(
        expected_statuses=[*rejection._DEFAULT_EXPECTED_STATUSES, "413"]
    )
    operations = [result.ok() for result in api.get_all_operations()]
    assert {f"{o.method.upper()} {o.path}" for o in operations} >= {
        "POST /v1/predict",
        "GET /metrics",
    }
    for operation in operations:
        has_inputs = operation.body or any(True for _ in operation.iter_parameters())
        modes = [GenerationMode.POSITIVE] + (
            [GenerationMode.NEGATIVE] if has_inputs else []
        )
        for mode in modes:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case):
                conforms(area, case, case.call(base_url=base, timeout=30))

            run()
    area.assert_all_equal()


def test_metrics_pass_promtool(node_api: str):
    promtool = shutil.which("promtool")
    assert promtool, (
        "promtool is not installed (Debian package `prometheus`); .ci/run installs it"
    )
    for vector in VECTORS["vectors"]:  # traffic of every status, so every series exists
        answer(node_api, vector)
    metrics = httpx.get(f"{node_api}/metrics", timeout=10)
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    for series in ("http_requests_total", "http_request_duration_seconds_bucket"):
        assert series in metrics.text
    result = subprocess.run(
        [promtool, "check", "metrics"],
        input=metrics.text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        result.returncode == 0
        and not result.stdout.strip()
        and not result.stderr.strip()
    ), f"promtool check metrics:\n{result.stdout}{result.stderr}"
    area = AGREEMENT.area("api: /metrics", "promtool check metrics")
    area.exact("/metrics", "promtool check metrics", result.returncode, 0)

"""Lab 02's container files, checked without a Docker engine: the Dockerfile passes the lab's
rules (and the rules catch the mistakes they name), the build context holds exactly what the
Dockerfile copies, the compose file is valid, and the image's CMD really serves the model."""

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

LAB = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("lab02_checks", LAB / "dockerfile_checks.py")
checks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checks)
DOCKERFILE = (LAB / "Dockerfile").read_text()


def test_the_dockerfile_passes_every_rule():
    assert checks.lint(DOCKERFILE) == []
    parser = checks.parse(DOCKERFILE)
    assert parser.is_multistage
    assert all(image.startswith("python:3.11-slim") for image in parser.parent_images)


def test_each_rule_fires_on_the_mistake_it_names():
    cases = {
        "unpinned-base-image": "FROM python:latest\nUSER app\nHEALTHCHECK CMD true\n",
        "runs-as-root": "FROM python:3.11-slim\nUSER root\nHEALTHCHECK CMD true\n",
        "missing-healthcheck": "FROM python:3.11-slim\nUSER app\n",
        "copy-context-before-install": "FROM python:3.11-slim\nCOPY . .\nRUN pip install --require-hashes -r r.txt\n",
        "pip-without-hashes": "FROM python:3.11-slim\nRUN pip install fastapi\n",
        "secret-in-env-or-arg": "FROM python:3.11-slim\nARG GITHUB_TOKEN\n",
        "add-instead-of-copy": "FROM python:3.11-slim\nADD app.py /app/\n",
        "shell-form-cmd": "FROM python:3.11-slim\nCMD uvicorn app:app --host 0.0.0.0\n",
        "listens-on-loopback": 'FROM python:3.11-slim\nCMD ["uvicorn", "app:app"]\n',
        "apt-no-install-recommends": "FROM python:3.11-slim\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
        "apt-lists-not-removed": "FROM python:3.11-slim\nRUN apt-get install -y --no-install-recommends curl\n",
    }
    for rule, text in cases.items():
        assert rule in {r for _, r, _ in checks.lint(text)}, rule
    assert "missing-dockerignore" in {r for _, r, _ in checks.lint(DOCKERFILE, dockerignore_exists=False)}
    # A build stage referenced by name is not an unpinned image.
    staged = "FROM python:3.11-slim AS base\nFROM base\nUSER app\nHEALTHCHECK CMD true\n"
    assert checks.lint(staged) == []


def test_dockerignore_matching_follows_dockers_rules():
    rules = checks.ignore_rules("*\n!app.py\n!models/penguins.onnx\n**/*.pyc\n!keep/**\nkeep/secret.env\n")
    assert checks.is_excluded("lab.ipynb", rules)
    assert not checks.is_excluded("app.py", rules)
    assert checks.is_excluded("models/other.onnx", rules)
    assert not checks.is_excluded("models/penguins.onnx", rules)
    assert not checks.is_excluded("keep/a/b.txt", rules)
    assert checks.is_excluded("keep/secret.env", rules)  # the last matching line wins
    assert checks.is_excluded("keep/x/y.pyc", checks.ignore_rules("**/*.pyc"))
    assert checks.is_excluded("build/out/file", checks.ignore_rules("build"))  # a folder hides its files


def test_the_build_context_is_exactly_what_the_dockerfile_copies():
    copied = set()
    for step in checks.parse(DOCKERFILE).structure:
        if step["instruction"] == "COPY" and "--from=" not in step["value"]:
            copied.update(step["value"].split()[:-1])
    assert set(checks.build_context(str(LAB))) == copied


def test_compose_file_is_valid_and_mounts_a_named_volume():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.compose-spec", str(LAB / "compose.yaml")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    compose = yaml.safe_load((LAB / "compose.yaml").read_text())
    assert "models" in compose["volumes"]
    assert "models:/app/models" in compose["services"]["api"]["volumes"]


def test_the_images_cmd_serves_the_model_on_all_interfaces():
    cmd = json.loads([s for s in checks.parse(DOCKERFILE).structure if s["instruction"] == "CMD"][-1]["value"])
    assert cmd[:2] == ["uvicorn", "app:app"] and cmd[cmd.index("--host") + 1] == "0.0.0.0"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(port) if prev == "--port" else arg for prev, arg in zip([None, *cmd], cmd)]
    server = subprocess.Popen([sys.executable, "-m", *command], cwd=LAB, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, "MODEL_PATH": "models/penguins.onnx"})
    try:
        # Wait for the socket, not for a fixed number of tries: on a loaded machine importing
        # FastAPI and onnxruntime can take longer than any small retry budget.
        deadline = time.monotonic() + 120
        while True:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, "uvicorn exited"
                assert time.monotonic() < deadline, "uvicorn did not answer within 120 s"
                time.sleep(0.05)
        assert ready.status_code == 200 and ready.json()["status"] == "ready"
    finally:
        server.terminate()
        server.wait(timeout=10)

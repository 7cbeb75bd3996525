"""Session fixtures of the reference suite: the TypeScript outputs (scripts/reference-cases.ts,
run once into a temporary folder), the model built by `npm run build:model`, and the agreement
counts written to bench-results/reference.json for `npm run bench`."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import pytest

from reference.helpers import AGREEMENT, ROOT, Agreement, run_tsx

REFERENCE_PACKAGES = (
    "scipy",
    "evidently",
    "onnx",
    "onnxruntime",
    "scikit-learn",
    "schemathesis",
)


@pytest.fixture(scope="session")
def ts_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder with drift.json, onnx.json (+ the .onnx files) and training.json from the TypeScript side."""
    directory = tmp_path_factory.mktemp("ts-cases")
    run_tsx("scripts/reference-cases.ts", str(directory))
    return directory


@pytest.fixture(scope="session")
def built_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """artifacts/penguins.onnx as `npm run build:model` writes it (here into a temporary folder)."""
    directory = tmp_path_factory.mktemp("build-model")
    run_tsx("scripts/build-model.ts", str(directory))
    return directory / "penguins.onnx"


@pytest.fixture(scope="session")
def agreement() -> Agreement:
    """The session's agreement counts."""
    return AGREEMENT


def promtool_version() -> str | None:
    """`promtool --version`'s first line, e.g. "promtool, version 2.42.0+ds (...)"; None if absent."""
    path = shutil.which("promtool")
    if path is None:
        return None
    result = subprocess.run(
        [path, "--version"], capture_output=True, text=True, check=False
    )
    return (
        (result.stdout or result.stderr).splitlines()[0]
        if result.returncode == 0
        else None
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Writes the counts for `npm run bench` (scripts/bench/reference.ts reads them)."""
    if not AGREEMENT.areas:
        return
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "passed": exitstatus == 0,
        "versions": {
            **{name: version(name) for name in REFERENCE_PACKAGES},
            "promtool": promtool_version(),
        },
        **AGREEMENT.report(),
    }
    out = ROOT / "bench-results" / "reference.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

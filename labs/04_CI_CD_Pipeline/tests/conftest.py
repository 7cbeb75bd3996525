"""Fixtures for lab 04's tests: one trained and evaluated model per session."""

from pathlib import Path

import pytest
from lab04_helpers import run_script


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """train.py then evaluate.py into a temporary artifacts folder, exactly as the jobs run them."""
    out = tmp_path_factory.mktemp("artifacts")
    trained = run_script("train.py", "--out", str(out), "--version", "test-version")
    assert trained.returncode == 0, trained.stderr
    scored = run_script(
        "evaluate.py",
        *("--model", str(out / "model.onnx"), "--test", str(out / "test.csv")),
        *("--out", str(out / "metrics.json")),
    )
    assert scored.returncode == 0, scored.stderr
    return out

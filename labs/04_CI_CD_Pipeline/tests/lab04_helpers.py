"""Helpers for lab 04's tests: the lab folder and ways to run or import its scripts.

The name is unique across the labs on purpose: all labs' tests run in one pytest process, where
two helper modules of the same name would shadow each other."""

import importlib.util
import subprocess
import sys
from pathlib import Path

LAB = Path(__file__).resolve().parents[1]


def run_script(*args: str, cwd: Path = LAB) -> subprocess.CompletedProcess:
    """Runs `python <args>` in the lab folder, as the pipeline's jobs do."""
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def load_lab_module(name: str):
    """Imports one of the lab's scripts under a unique name (other labs have files of the same
    name, and they all run in one pytest process)."""
    spec = importlib.util.spec_from_file_location(f"lab04_{name}", LAB / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

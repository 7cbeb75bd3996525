"""Helpers for lab 05's tests. The name is unique across the labs on purpose: all labs' tests run
in one pytest process, where two helper modules of the same name would shadow each other."""

import importlib.util
from pathlib import Path

LAB = Path(__file__).resolve().parents[1]


def load_lab_module(name: str):
    """Imports one of the lab's files under a unique name (`lab05_<name>`)."""
    spec = importlib.util.spec_from_file_location(f"lab05_{name}", LAB / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

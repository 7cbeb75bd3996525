"""Chapter 1's companion listings (content/01-model-deployment/*.py): valid Python 3, every
third-party import pinned with == in the chapter's requirements.txt, and predict.py free of
training code. Moved here from a vitest file in content/, where python3 was optional; the
TypeScript half (predict.ts imports only the model type) is in src/lib/model/predict.test.ts.
Imports are read with the ast module, so nothing is imported or executed."""

import ast
import re
import sys
from pathlib import Path

CHAPTER = Path(__file__).resolve().parent.parent / "content" / "01-model-deployment"
PYTHON_FILES = sorted(p.name for p in CHAPTER.glob("*.py"))
# Import name -> distribution name on the package index, where they differ.
DISTRIBUTION = {"sklearn": "scikit-learn"}
LOCAL_MODULES = {name.removesuffix(".py") for name in PYTHON_FILES}


def top_level_imports(name: str) -> list[str]:
    """Top-level module names a file imports (`import a.b` -> a, `from c import d` -> c)."""
    tree = ast.parse((CHAPTER / name).read_text(encoding="utf-8"), filename=name)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return sorted(names)


def pins() -> dict[str, str]:
    """`name==version` lines of requirements.txt; any other requirement line is an error."""
    result = {}
    for raw in (CHAPTER / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\d[\w.]*)", line)
        assert match, f"not an exact pin: {line}"
        result[match.group(1).lower()] = match.group(2)
    return result


def test_the_four_listings_the_chapter_discusses():
    assert PYTHON_FILES == ["export_onnx.py", "predict.py", "save_load_joblib.py", "train.py"]


def test_every_third_party_import_is_pinned():
    needed = set()
    for name in PYTHON_FILES:
        for module in top_level_imports(name):
            if module in sys.stdlib_module_names or module in LOCAL_MODULES:
                continue
            needed.add(DISTRIBUTION.get(module, module))
    assert sorted(needed) == [
        "joblib",
        "numpy",
        "onnx",
        "onnxruntime",
        "pandas",
        "scikit-learn",
        "skl2onnx",
    ]
    pinned = pins()
    assert [name for name in sorted(needed) if name not in pinned] == []


def test_predict_py_imports_no_training_code():
    assert top_level_imports("predict.py") == ["json", "numpy", "onnxruntime", "sys"]


def test_the_listings_compile_as_python_3():
    for name in PYTHON_FILES:
        # compile() only: nothing is imported or executed.
        compile((CHAPTER / name).read_text(encoding="utf-8"), name, "exec")

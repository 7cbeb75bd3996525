"""Chapter 1's companion listings (content/01-model-deployment/*.py): valid Python 3, every
third-party import pinned with == in the chapter's requirements.txt, predict.py free of
training code, and version_check.py run for real (it trains with train.py on vega-datasets'
penguins.json from node_modules, then refuses a pickle recording another scikit-learn version). Moved here from a vitest file in content/, where python3 was optional; the
TypeScript half (predict.ts imports only the model type) is in src/lib/model/predict.test.ts.
Imports are read with the ast module; only version_check.py is executed, in a temporary folder."""

import ast
import os
import re
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

import sklearn

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "content" / "01-model-deployment"
PENGUINS_JSON = ROOT / "node_modules" / "vega-datasets" / "data" / "penguins.json"
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
    assert PYTHON_FILES == [
        "export_onnx.py",
        "predict.py",
        "save_load_joblib.py",
        "train.py",
        "version_check.py",
    ]


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


def test_version_check_loads_its_own_pickle_and_refuses_another_versions(tmp_path):
    result = subprocess.run(
        [sys.executable, str(CHAPTER / "version_check.py")],
        cwd=tmp_path,
        env={**os.environ, "PENGUINS_JSON": str(PENGUINS_JSON)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    current = sklearn.__version__
    assert lines[0] == f"same version ({current}): loaded a Pipeline"
    # The innermost estimator is rebuilt first, so the scaler is the one that trips the filter.
    assert lines[1].startswith("refused: StandardScaler was saved with scikit-learn ")
    recorded = lines[1].split("scikit-learn ")[1].split(";")[0]
    assert recorded != current and len(recorded) == len(current)
    assert lines[1].endswith(
        f"this is {current}. Load it where it was trained, or retrain."
    )
    # The refused file differs from the accepted one only in the recorded version string.
    accepted = (tmp_path / "penguins.pkl").read_bytes()
    refused = (tmp_path / "penguins-other-version.pkl").read_bytes()
    assert accepted.replace(current.encode(), recorded.encode()) == refused
    assert current.encode() in accepted and current.encode() not in refused


def test_the_booklets_lock_is_resolved_for_linux_as_chapter_1_says():
    """The chapter's live example of a platform-specific lock: markers evaluated for Linux."""
    lock = (ROOT / "python" / "requirements.lock").read_text(encoding="utf-8")
    pinned = set(
        re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", lock, flags=re.MULTILINE)
    )
    assert {
        "ipython",
        "ipykernel",
        "pytest",
        "pexpect",
    } <= pinned  # pexpect: not on win32
    assert "colorama" not in pinned  # IPython and pytest need it on win32 only
    assert "appnope" not in pinned  # ipykernel needs it on macOS only
    assert "--python-version 3.11" in lock.splitlines()[1]
    # The markers the chapter quotes, as the installed packages declare them.
    markers = {
        (name, req.split(";")[0].split(">")[0].strip()): req.split(";", 1)[1]
        for name in ("ipython", "pytest", "ipykernel")
        for req in requires(name) or []
        if ";" in req
    }
    assert 'sys_platform == "win32"' in markers[("ipython", "colorama")]
    assert 'sys_platform == "win32"' in markers[("pytest", "colorama")]
    assert 'sys_platform != "win32"' in markers[("ipython", "pexpect")]
    assert "platform_system == 'Darwin'" in markers[("ipykernel", "appnope")]

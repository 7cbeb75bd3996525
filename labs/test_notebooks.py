"""Executes every lab notebook with nbclient and checks the committed copy against the execution.

Each notebook runs in a temporary copy of its own folder, so a test run never changes the working
tree. The test fails on any error cell, on any cell whose source or deterministic output differs
from the committed notebook (run ``npm run labs:execute`` after editing a notebook), and on any
companion file the notebook writes (``%%writefile``, exported models) that differs from the
committed file. Skipped cells are printed by name; run pytest with ``-s`` or read the summary.
"""

from __future__ import annotations

import fnmatch
import shutil
from pathlib import Path

import nbformat
import pytest

from lab_runner import LABS_DIR, SHARED_FILES, compare, execute, lab_notebooks, record_timing

ALWAYS_IGNORED = ("__pycache__", ".ipynb_checkpoints", ".pytest_cache")


def _ignored_patterns(folder: Path) -> list[str]:
    gitignore = folder / ".gitignore"
    lines = gitignore.read_text().splitlines() if gitignore.exists() else []
    patterns = [line.strip().strip("/") for line in lines if line.strip() and not line.startswith("#")]
    return [*ALWAYS_IGNORED, *patterns]


def _copy_lab(folder: Path, target: Path) -> dict[str, bytes]:
    """Copies a lab folder without generated files; returns the copied files' bytes by relative path."""
    patterns = _ignored_patterns(folder)

    def ignore(directory: str, names: list[str]) -> set[str]:
        rel = Path(directory).relative_to(folder)
        return {
            n
            for n in names
            if any(fnmatch.fnmatch(n, p) or fnmatch.fnmatch(str(rel / n), p) for p in patterns)
        }

    shutil.copytree(folder, target, ignore=ignore)
    return {str(p.relative_to(target)): p.read_bytes() for p in target.rglob("*") if p.is_file()}


@pytest.mark.parametrize("notebook", lab_notebooks(), ids=lambda p: p.parent.name)
def test_notebook_executes_and_matches_its_committed_outputs(notebook: Path, tmp_path: Path, capsys):
    workdir = tmp_path / notebook.parent.name
    before = _copy_lab(notebook.parent, workdir)
    run = execute(workdir / "lab.ipynb")
    record_timing(notebook, run)
    with capsys.disabled():
        print(f"\n{notebook.parent.name}: executed in {run.seconds:.1f} s")
        for name in run.skipped:
            print(f"  skipped (tagged): {name}")

    committed = nbformat.read(notebook, as_version=4)
    problems = compare(committed, run.notebook)
    assert not problems, "re-run `npm run labs:execute`:\n" + "\n".join(problems)

    changed = [
        rel
        for rel, content in before.items()
        if rel != "lab.ipynb" and (workdir / rel).exists() and (workdir / rel).read_bytes() != content
    ]
    assert not changed, f"the notebook rewrote these committed files differently: {changed}"


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split(" ")[0].split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_folders_pins_agree_with_the_booklets_lockfile():
    lock = _pins(LABS_DIR.parent / "python" / "requirements.lock")
    for requirements in sorted(LABS_DIR.glob("[0-9][0-9]_*/requirements*.txt")):
        pins = _pins(requirements)
        assert pins, requirements
        differ = {name: (v, lock.get(name)) for name, v in pins.items() if lock.get(name) != v}
        assert not differ, f"{requirements} disagrees with python/requirements.lock: {differ}"


def test_every_module_folder_has_a_notebook_requirements_and_tests():
    for notebook in lab_notebooks():
        folder = notebook.parent
        for name in ("requirements.in", "requirements.txt", "tests"):
            assert (folder / name).exists(), f"{folder.name} has no {name}"
        assert "--hash=sha256:" in (folder / "requirements.txt").read_text()


def test_folders_ship_identical_copies_of_the_files_other_labs_produce():
    for (producer, name), consumers in SHARED_FILES.items():
        original = (LABS_DIR / producer / name).read_bytes()
        for consumer in consumers:
            copy = LABS_DIR / consumer / name
            assert copy.read_bytes() == original, f"{copy} differs from {producer}/{name}: run npm run labs:execute"

"""Execute the lab notebooks with nbclient, and check that committed outputs are honest.

Two uses:

* ``python labs/lab_runner.py [FOLDER ...]`` (``npm run labs:execute``) executes each
  ``labs/*/lab.ipynb`` in place, from its own folder, and writes it back with its outputs. This is
  the only way outputs get into the committed notebooks.
* ``labs/test_notebooks.py`` executes a temporary copy of each folder and asserts that every cell's
  source equals the committed one and every deterministic output equals the committed output.

Cells tagged ``needs-docker`` or ``needs-cloud`` are not executed (CI has neither a Docker engine
nor a cloud account); their names are reported. Cells tagged ``nondeterministic`` (timings, ports,
process ids) are compared by output kind only. Images are compared by kind only as well, because
their pixels depend on the fonts and the FreeType build of the machine that drew them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

LABS_DIR = Path(__file__).resolve().parent
BENCH_FILE = LABS_DIR.parent / "bench-results" / "labs.json"
SKIP_TAGS = frozenset({"needs-docker", "needs-cloud"})
NONDETERMINISTIC_TAG = "nondeterministic"
CELL_TIMEOUT_SECONDS = 180
TEXT_MIME_PREFIXES = ("text/", "application/json")


@dataclass
class Execution:
    """The executed notebook, the cells skipped by tag, and how long execution took."""

    notebook: nbformat.NotebookNode
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def lab_notebooks() -> list[Path]:
    """Every lab notebook, ``labs/NN_Name/lab.ipynb``, in module order."""
    return sorted(LABS_DIR.glob("[0-9][0-9]_*/lab.ipynb"))


def cell_name(cell: nbformat.NotebookNode) -> str:
    """A cell's id and its first line, to name it in reports."""
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
    return f"{cell.get('id', '?')}: {first[:70]}"


class TagAwareClient(NotebookClient):
    """An nbclient client that leaves cells needing a Docker engine or a cloud account unexecuted."""

    def __init__(self, nb, **kwargs):
        super().__init__(nb, **kwargs)
        self.skipped: list[str] = []

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "code" and tags & SKIP_TAGS:
            cell.outputs = []
            cell.execution_count = None
            self.skipped.append(f"{cell_name(cell)} [{', '.join(sorted(tags & SKIP_TAGS))}]")
            return cell
        return await super().async_execute_cell(cell, cell_index, execution_count, store_history)


def execute(notebook_path: Path, folder: Path | None = None) -> Execution:
    """Runs a notebook top to bottom with ``folder`` (default: its own folder) as the working directory.

    Raises nbclient's CellExecutionError on the first failing cell.
    """
    nb = nbformat.read(notebook_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = TagAwareClient(
        nb,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder or notebook_path.parent)}},
        record_timing=False,
        coalesce_streams=True,
    )
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    return Execution(notebook=nb, skipped=client.skipped, seconds=seconds)


def _output_signature(output: nbformat.NotebookNode, exact: bool) -> dict:
    """What of an output is compared: everything textual when ``exact``, otherwise only its kind."""
    kind = output.get("output_type")
    if kind == "stream":
        return {"stream": output.get("name"), **({"text": output.get("text")} if exact else {})}
    if kind == "error":
        return {"error": output.get("ename"), **({"value": output.get("evalue")} if exact else {})}
    data = output.get("data", {})
    signature: dict = {"output_type": kind, "mime": sorted(data)}
    if exact:
        for mime in sorted(data):
            if mime.startswith(TEXT_MIME_PREFIXES):
                signature[mime] = data[mime]
    return signature


def compare(committed: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> list[str]:
    """Differences between a committed notebook and a fresh execution of it; empty when they agree."""
    problems: list[str] = []
    if len(committed.cells) != len(executed.cells):
        return [f"{len(committed.cells)} committed cells, {len(executed.cells)} executed"]
    for index, (old, new) in enumerate(zip(committed.cells, executed.cells)):
        where = f"cell {index} ({cell_name(old)})"
        if old.cell_type != new.cell_type or old.source != new.source:
            problems.append(f"{where}: source or type differs")
            continue
        if old.cell_type != "code":
            continue
        exact = NONDETERMINISTIC_TAG not in old.metadata.get("tags", [])
        before = [_output_signature(o, exact) for o in old.get("outputs", [])]
        after = [_output_signature(o, exact) for o in new.get("outputs", [])]
        if before != after:
            problems.append(f"{where}: outputs differ\n  committed: {before}\n  executed:  {after}")
    return problems


def record_timing(notebook_path: Path, run: Execution) -> None:
    """Adds this run's execution time to bench-results/labs.json (read by ``npm run bench``)."""
    BENCH_FILE.parent.mkdir(exist_ok=True)
    try:
        results = json.loads(BENCH_FILE.read_text())
    except (OSError, ValueError):
        results = {}
    notebooks = results.setdefault("notebooks", {})
    code_cells = [c for c in run.notebook.cells if c.cell_type == "code"]
    notebooks[notebook_path.parent.name] = {
        "notebook": f"labs/{notebook_path.parent.name}/lab.ipynb",
        "seconds": round(run.seconds, 3),
        "code_cells": len(code_cells),
        "skipped_cells": run.skipped,
        "python": sys.version.split()[0],
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    BENCH_FILE.write_text(json.dumps(results, indent=2) + "\n")


# Files one lab produces and others ship a copy of, so that every folder runs on its own:
# (producing folder, file) -> folders that carry a copy. The tests check the copies are identical.
SHARED_FILES = {
    ("01_Model_Deployment", "models/penguins.onnx"): ("02_Docker_Containerization", "03_Cloud_Deployment_and_APIs"),
    ("03_Cloud_Deployment_and_APIs", "app.py"): ("02_Docker_Containerization",),
}


def sync_shared_files(producer: str) -> list[str]:
    """Copies the files `producer` writes into the folders that ship them; returns the folders changed."""
    changed = []
    for (folder, name), consumers in SHARED_FILES.items():
        source = LABS_DIR / folder / name
        if folder != producer or not source.exists():
            continue
        for consumer in consumers:
            target = LABS_DIR / consumer / name
            if target.parent.exists() and (not target.exists() or target.read_bytes() != source.read_bytes()):
                shutil.copyfile(source, target)
                changed.append(consumer)
    return changed


def _execute_in_place(path: Path) -> None:
    run = execute(path)
    nbformat.write(run.notebook, path)
    record_timing(path, run)
    print(f"executed {path.relative_to(LABS_DIR.parent)} in {run.seconds:.1f} s")
    for name in run.skipped:
        print(f"  skipped (tagged): {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", help="lab folders to execute (default: all)")
    args = parser.parse_args(argv)
    # "labs/04_CI_CD_Pipeline" and "04_CI_CD_Pipeline" name the same lab.
    wanted = {Path(folder).name for folder in args.folders}
    unknown = wanted - {path.parent.name for path in lab_notebooks()}
    if unknown:
        parser.error(f"no lab notebook in {', '.join(sorted(unknown))}")
    done: list[str] = []
    for path in lab_notebooks():
        if wanted and path.parent.name not in wanted:
            continue
        _execute_in_place(path)
        done.append(path.parent.name)
        # A lab that already ran with an outdated copy of a shared file runs again with the new one.
        for consumer in sync_shared_files(path.parent.name):
            if consumer in done:
                _execute_in_place(LABS_DIR / consumer / "lab.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main())

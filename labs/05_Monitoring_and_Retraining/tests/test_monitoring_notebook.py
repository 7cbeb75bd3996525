"""The notebook writes drift.py and monitoring.py with %%writefile: each cell and its file must be
the same text, or the reader's notebook and the tests would check different code."""

import nbformat
from lab05_helpers import LAB


def test_notebook_is_valid_and_its_writefile_cells_are_the_files():
    notebook = nbformat.read(LAB / "lab.ipynb", as_version=4)
    nbformat.validate(notebook)
    written = {
        cell.source.split("\n", 1)[0].removeprefix("%%writefile "): cell.source.split("\n", 1)[1]
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.source.startswith("%%writefile ")
    }
    assert sorted(written) == ["drift.py", "monitoring.py"]
    for name, body in written.items():
        # IPython hands the magic the cell body with a final newline, and writes it as it is.
        assert body + "\n" == (LAB / name).read_text(), name


def test_measured_cells_are_tagged_nondeterministic():
    notebook = nbformat.read(LAB / "lab.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code" and "%%writefile" not in c.source]
    uses_latency = ("serve(", "by_window(", "p50_ms", "to_prometheus(")
    measured = [c for c in code if any(name in c.source for name in uses_latency)]
    assert len(measured) == 4
    for cell in measured:
        assert "nondeterministic" in cell.metadata.get("tags", []), cell.source[:60]


def test_pip_install_cell_is_commented_out():
    notebook = nbformat.read(LAB / "lab.ipynb", as_version=4)
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert "# %pip install --require-hashes --no-deps -r requirements.txt" in sources

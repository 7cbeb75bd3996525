"""The notebook writes gate.py with %%writefile: the cell and the file must be the same text, or
the reader's notebook and the pipeline would run different gates."""

import nbformat
from lab04_helpers import LAB


def test_notebook_is_valid_and_its_gate_cell_is_gate_py():
    notebook = nbformat.read(LAB / "lab.ipynb", as_version=4)
    nbformat.validate(notebook)
    written = [
        cell.source.split("\n", 1)
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.source.startswith("%%writefile ")
    ]
    assert [magic for magic, _ in written] == ["%%writefile gate.py"]
    # IPython hands the magic the cell body with a final newline, and writes it as it is.
    assert written[0][1] + "\n" == (LAB / "gate.py").read_text()


def test_pip_install_cell_is_commented_out():
    notebook = nbformat.read(LAB / "lab.ipynb", as_version=4)
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert "# %pip install --require-hashes -r requirements.txt" in sources
    assert not any(line.startswith("%pip") for s in sources for line in s.splitlines())

"""Every notebook the site serves passes nbformat's own validator (its official JSON schema).

The site serves the committed executed notebooks byte for byte (`notebooks/NN_Module.ipynb`) and
zips them with their module folders (`notebooks/mlops-booklet-labs.zip`). This checks the committed
`labs/*/lab.ipynb` and, when a built site exists (`dist/`, or `E2E_DIST`), the copies in it.
"""

from __future__ import annotations

import copy
import json
import os
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat import ValidationError

ROOT = Path(__file__).resolve().parent.parent
LABS = ROOT / "labs"
DIST = ROOT / os.environ.get("E2E_DIST", "dist")
MODULES = (
    "01_Model_Deployment",
    "02_Docker_Containerization",
    "03_Cloud_Deployment_and_APIs",
    "04_CI_CD_Pipeline",
    "05_Monitoring_and_Retraining",
)
LAB_NOTEBOOKS = sorted(LABS.glob("[0-9][0-9]_*/lab.ipynb"))
SERVED_DIR = DIST / "notebooks"
SERVED = sorted(SERVED_DIR.glob("*.ipynb")) if SERVED_DIR.is_dir() else []
ZIP = SERVED_DIR / "mlops-booklet-labs.zip"


def validate_bytes(data: bytes) -> dict:
    """Parses a notebook file's bytes as JSON and validates the raw dict, unconverted, against the
    schema of the version it declares. Raises ValidationError when it does not conform."""
    notebook = json.loads(data.decode("utf-8"))
    # validate() may repair a copy's duplicate cell ids; validating a deep copy keeps the check
    # about the bytes as served, and comparing afterwards shows nothing needed repairing.
    checked = copy.deepcopy(notebook)
    nbformat.validate(checked)
    assert checked == notebook, "nbformat had to repair the notebook to validate it"
    return notebook


def test_every_module_folder_has_a_lab_notebook():
    assert [path.parent.name for path in LAB_NOTEBOOKS] == list(MODULES)


@pytest.mark.parametrize("path", LAB_NOTEBOOKS, ids=lambda p: p.parent.name)
def test_committed_lab_notebook_is_valid_nbformat_with_outputs(path: Path):
    notebook = validate_bytes(path.read_bytes())
    assert notebook["nbformat"] == 4
    assert any(cell.get("outputs") for cell in notebook["cells"]), "an executed notebook has outputs"


def test_the_validator_rejects_a_broken_notebook():
    """A control: the same check fails on a notebook the schema forbids (a stream with no name)."""
    good = LAB_NOTEBOOKS[0].read_bytes() if LAB_NOTEBOOKS else b""
    notebook = json.loads(good or b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}')
    notebook["cells"].append(
        {
            "cell_type": "code",
            "id": "broken-stream",
            "metadata": {},
            "source": "",
            "execution_count": 1,
            "outputs": [{"output_type": "stream", "text": "no stream name"}],
        }
    )
    with pytest.raises(ValidationError):
        validate_bytes(json.dumps(notebook).encode())


if SERVED_DIR.is_dir():

    def test_the_built_site_serves_one_notebook_per_lab():
        assert [path.name for path in SERVED] == [f"{p.parent.name}.ipynb" for p in LAB_NOTEBOOKS]

    @pytest.mark.parametrize("path", SERVED, ids=lambda p: p.name)
    def test_served_notebook_is_valid_and_exactly_the_committed_one(path: Path):
        data = path.read_bytes()
        validate_bytes(data)
        assert data == (LABS / path.stem / "lab.ipynb").read_bytes()

    def test_zipped_notebooks_are_valid_and_exactly_the_committed_ones():
        with zipfile.ZipFile(ZIP) as archive:
            names = [name for name in archive.namelist() if name.endswith(".ipynb")]
            assert sorted(names) == [f"{p.parent.name}/lab.ipynb" for p in LAB_NOTEBOOKS]
            for name in names:
                data = archive.read(name)
                validate_bytes(data)
                assert data == (LABS / name).read_bytes()

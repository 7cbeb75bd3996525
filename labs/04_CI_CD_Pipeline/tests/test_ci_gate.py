"""gate.py: ships a good candidate, blocks a worse one, and fails closed on anything it cannot
check. Every case runs the script as the pipeline does and reads its exit status."""

import json
from pathlib import Path

import pytest
from lab04_helpers import run_script

SHIP, BLOCK, NO_DECISION = 0, 1, 2
SLICES = {"species=Adelie": {"n": 30, "accuracy": 1.0}, "island=Dream": {"n": 25, "accuracy": 0.96}}


def write(path: Path, accuracy, test_set="abc", slices=SLICES) -> Path:
    path.write_text(
        json.dumps({"accuracy": accuracy, "test_set_sha256": test_set, "slices": slices})
    )
    return path


def gate(*args) -> int:
    return run_script("gate.py", *map(str, args)).returncode


def test_fails_closed_with_no_production_metrics(tmp_path):
    candidate = write(tmp_path / "c.json", 0.99)
    missing = tmp_path / "missing.json"
    assert gate("--candidate", candidate) == NO_DECISION
    assert gate("--candidate", candidate, "--production", missing) == NO_DECISION
    # A minimum alone does not make a missing production file a first deployment.
    assert gate("--candidate", candidate, "--production", missing, "--minimum", 0.9) == NO_DECISION


def test_a_declared_first_deployment_is_decided_by_its_minimum(tmp_path):
    candidate = write(tmp_path / "c.json", 0.95)
    first = [
        "--candidate",
        candidate,
        "--production",
        tmp_path / "missing.json",
        "--first-deployment",
    ]
    assert gate(*first, "--minimum", 0.9) == SHIP
    assert gate(*first, "--minimum", 0.96) == BLOCK
    assert gate(*first) == NO_DECISION  # no floor given


def test_refuses_a_first_deployment_when_production_exists(tmp_path):
    candidate = write(tmp_path / "c.json", 0.95)
    production = write(tmp_path / "p.json", 0.97)
    args = ["--candidate", candidate, "--production", production, "--minimum", 0.9]
    assert gate(*args, "--first-deployment") == NO_DECISION
    assert gate(*args) == BLOCK


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{not json", "malformed"),
        ('{"accuracy": "high"}', "not a number"),
        ("[]", "no accuracy"),
        ('{"accuracy": 1.5}', "out of range"),
        ('{"accuracy": NaN}', "NaN"),
    ],
)
def test_fails_closed_on_unreadable_candidate_metrics(tmp_path, text, why):
    candidate = tmp_path / "c.json"
    candidate.write_text(text)
    first = ["--first-deployment", "--minimum", 0.5]
    assert gate("--candidate", candidate, *first) == NO_DECISION, why
    assert gate("--candidate", tmp_path / "absent.json", *first) == NO_DECISION


def test_compares_with_production_within_the_tolerance(tmp_path):
    production = write(tmp_path / "p.json", 0.97)
    equal = write(tmp_path / "equal.json", 0.97)
    slightly_worse = write(tmp_path / "slightly.json", 0.965)
    worse = write(tmp_path / "worse.json", 0.95)
    common = ["--production", production, "--tolerance", 0.01]
    assert gate("--candidate", equal, *common) == SHIP
    assert gate("--candidate", slightly_worse, *common) == SHIP
    assert gate("--candidate", worse, *common) == BLOCK


def test_refuses_to_compare_scores_from_different_test_sets(tmp_path):
    production = write(tmp_path / "p.json", 0.90, test_set="old")
    candidate = write(tmp_path / "c.json", 0.99, test_set="new")
    assert gate("--candidate", candidate, "--production", production) == NO_DECISION


def test_blocks_a_candidate_that_fails_one_slice(tmp_path):
    weak_slice = {**SLICES, "species=Chinstrap": {"n": 14, "accuracy": 0.5}}
    candidate = write(tmp_path / "c.json", 0.95, slices=weak_slice)
    first = ["--first-deployment", "--minimum", 0.9]
    assert gate("--candidate", candidate, *first) == SHIP
    assert gate("--candidate", candidate, *first, "--slice-minimum", 0.8) == BLOCK
    no_slices = write(tmp_path / "n.json", 0.95, slices={})
    assert gate("--candidate", no_slices, *first, "--slice-minimum", 0.8) == NO_DECISION


def test_writes_its_decision_as_a_report(tmp_path):
    candidate = write(tmp_path / "c.json", 0.5)
    report = tmp_path / "gate.json"
    first = ["--first-deployment", "--minimum", 0.9]
    assert gate("--candidate", candidate, *first, "--report", report) == BLOCK
    decision = json.loads(report.read_text())
    assert decision["status"] == BLOCK and decision["verdict"] == "BLOCK"
    assert any("minimum 0.9" in reason for reason in decision["reasons"])


def test_the_real_model_passes_the_pipelines_gate(artifacts, tmp_path):
    metrics = artifacts / "metrics.json"
    assert gate("--candidate", metrics) == NO_DECISION  # still fails closed without a baseline
    args = ["--candidate", metrics, "--production", tmp_path / "none.json", "--minimum", 0.9]
    assert gate(*args, "--slice-minimum", 0.8) == NO_DECISION  # a missing file is not a first run
    assert gate(*args, "--slice-minimum", 0.8, "--first-deployment") == SHIP
    assert gate("--candidate", metrics, "--production", metrics, "--tolerance", 0) == SHIP

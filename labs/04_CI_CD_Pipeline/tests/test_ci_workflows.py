"""The two pipeline files: valid for their platform's schema (check-jsonschema's vendored copies
of SchemaStore's schemas), and shaped the way the lab says: gate before image, image of the
evaluated file, smoke test after deploy."""

import re
import subprocess
import sys

import pytest
import yaml
from lab04_helpers import LAB

GITHUB = LAB / ".github" / "workflows" / "ml-pipeline.yml"
GITLAB = LAB / ".gitlab-ci.yml"


def check_jsonschema(schema: str, path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("schema", "path"), [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)]
)
def test_pipelines_pass_their_platform_schema(schema, path):
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "path", "good", "bad"),
    [
        # (text edits, not a YAML round trip: PyYAML would turn the key `on` into True)
        ("vendor.github-workflows", GITHUB, "timeout-minutes: 10", "timeout-minutes: soon"),
        ("vendor.github-workflows", GITHUB, "    runs-on: ubuntu-latest\n", ""),
        ("vendor.github-workflows", GITHUB, "pull_request:", "pull-request:"),
        ("vendor.gitlab-ci", GITLAB, "needs: [train]", "needs: train"),
        ("vendor.gitlab-ci", GITLAB, "expire_in: 14 days", "expire_in: [14]"),
        ("vendor.gitlab-ci", GITLAB, "when: always", "when: sometimes"),
    ],
)
def test_the_validator_rejects_a_broken_copy(tmp_path, schema, path, good, bad):
    text = path.read_text()
    assert good in text
    broken = tmp_path / path.name
    broken.write_text(text.replace(good, bad, 1))
    result = check_jsonschema(schema, broken)
    assert result.returncode == 1, result.stdout


def github_jobs() -> dict:
    return yaml.safe_load(GITHUB.read_text())["jobs"]


def run_lines(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_github_jobs_run_in_pipeline_order():
    jobs = github_jobs()
    needs = {name: job.get("needs") for name, job in jobs.items()}
    assert needs == {
        "lint": None,
        "test": "lint",
        "train": "test",
        "evaluate": "train",
        "build-and-push": "evaluate",
        "deploy": ["evaluate", "build-and-push"],
    }


def test_github_lint_test_train_and_gate_steps():
    jobs = github_jobs()
    assert "ruff check ." in run_lines(jobs["lint"])
    assert "pytest" in run_lines(jobs["test"])
    assert "python train.py" in run_lines(jobs["train"])
    evaluate = run_lines(jobs["evaluate"])
    assert "python evaluate.py" in evaluate
    gate = re.search(r"python gate\.py[^\n]*(\n\S[^\n]*)*", evaluate)
    assert gate and "--minimum" in evaluate and "--slice-minimum" in evaluate
    # the gate step does not swallow its exit status
    gate_step = next(s for s in jobs["evaluate"]["steps"] if "gate.py" in s.get("run", ""))
    assert "continue-on-error" not in gate_step and "|| true" not in gate_step["run"]


def test_image_is_built_from_the_evaluated_file_and_never_retrains():
    jobs = github_jobs()
    build = jobs["build-and-push"]
    assert "train.py" not in run_lines(build)
    assert "sha256sum --check" in run_lines(build)
    build_step = next(s for s in build["steps"] if s.get("id") == "build")
    assert (
        "MODEL_SHA256=${{ needs.evaluate.outputs.model-sha256 }}"
        in build_step["with"]["build-args"]
    )
    dockerfile = (LAB / "Dockerfile").read_text()
    assert "train.py" not in dockerfile
    assert "COPY artifacts/model.onnx" in dockerfile and "sha256sum --check" in dockerfile
    assert (LAB / ".dockerignore").read_text().count("!") == 3


def test_deploy_uses_the_digest_and_smoke_tests_readiness_and_a_prediction():
    deploy = github_jobs()["deploy"]
    assert "needs.build-and-push.outputs.digest" in str(deploy["steps"])
    lines = run_lines(deploy)
    assert lines.index("Deploying") < lines.index("python smoke_test.py")
    assert "--expect-version" in lines
    assert '--expect-id "sha256:$MODEL_SHA256"' in lines
    # The id it expects is the digest the gate evaluated, handed over by the evaluate job.
    smoke = next(step for step in deploy["steps"] if "smoke_test.py" in step.get("run", ""))
    assert smoke["env"]["MODEL_SHA256"] == "${{ needs.evaluate.outputs.model-sha256 }}"


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_release():
    text = GITHUB.read_text()
    uses = re.findall(r"uses: (\S+)@(\S+)(.*)", text)
    assert len(uses) >= 10
    for action, ref, comment in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), action


def test_gitlab_stages_follow_the_same_order():
    pipeline = yaml.safe_load(GITLAB.read_text())
    assert pipeline["stages"] == ["lint", "test", "train", "evaluate", "build", "deploy"]
    assert pipeline["evaluate"]["needs"] == ["train"]
    assert pipeline["build"]["needs"] == ["evaluate"]
    assert "gate.py" in " ".join(pipeline["evaluate"]["script"])
    assert "train.py" not in " ".join(pipeline["build"]["script"])
    assert "smoke_test.py" in " ".join(pipeline["deploy"]["script"])

"""Chapter 3's Kubernetes manifests (deploy/k8s/*.yaml) against the Kubernetes API schema.

kubernetes-validate bundles the OpenAPI-derived JSON schemas of each Kubernetes release, so this
runs offline. Strict mode rejects fields the schema does not know, which is what catches a typo
such as `readinessProbes`: a cluster's API server would drop or refuse it, and without strict
mode the schema would let it through. The versions are the three minor releases the Kubernetes
project supports at the validator's newest schema (it maintains the most recent three).

That the probes name routes the API serves, and ports the image exposes, is checked on the
TypeScript side (scripts/k8s-manifests.test.ts), against the Hono app itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))
KUBERNETES_VERSIONS = ("1.35.0", "1.36.0", "1.37.0")


def kubernetes_validate(version: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    """Runs the kubernetes-validate CLI of this Python environment, strict, on `paths`."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kubernetes_validate",
            "--strict",
            "-k",
            version,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_chapter_ships_a_deployment_a_service_and_an_autoscaler() -> None:
    kinds = sorted(
        document["kind"]
        for path in MANIFESTS
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8"))
    )
    assert kinds == ["Deployment", "HorizontalPodAutoscaler", "Service"]


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda path: path.name)
def test_manifest_matches_the_kubernetes_schema(manifest: Path, version: str) -> None:
    result = kubernetes_validate(version, manifest)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed" in result.stdout


def test_strict_validation_rejects_a_misspelt_field(tmp_path: Path) -> None:
    # The check above can fail: the same Deployment with one field name misspelt is refused.
    deployment = (ROOT / "deploy" / "k8s" / "deployment.yaml").read_text(
        encoding="utf-8"
    )
    assert "readinessProbe:" in deployment
    broken = tmp_path / "deployment.yaml"
    broken.write_text(
        deployment.replace("readinessProbe:", "readinessProbes:"), encoding="utf-8"
    )
    result = kubernetes_validate(KUBERNETES_VERSIONS[-1], broken)
    assert result.returncode == 1
    assert "'readinessProbes' was unexpected" in result.stdout + result.stderr


def test_a_wrongly_typed_value_is_rejected(tmp_path: Path) -> None:
    service = (ROOT / "deploy" / "k8s" / "service.yaml").read_text(encoding="utf-8")
    assert "port: 80\n" in service
    broken = tmp_path / "service.yaml"
    broken.write_text(service.replace("port: 80\n", "port: '80'\n"), encoding="utf-8")
    result = kubernetes_validate(KUBERNETES_VERSIONS[-1], broken)
    assert result.returncode == 1
    assert "is not of type 'integer'" in result.stdout + result.stderr

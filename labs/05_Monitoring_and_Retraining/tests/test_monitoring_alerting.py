"""Who gets paged: alertmanager.yml checked by Alertmanager's own tool (amtool, Debian package
prometheus-alertmanager; a missing amtool fails these tests), and every alert in alert-rules.yml
routed by its severity: user-facing symptoms page the on-call, everything else opens a ticket.
The Grafana dashboard beside them is checked for shape here; reference/test_monitoring_stack.py
checks its PromQL against the metrics the booklet's API really exports."""

import json
import shutil
import subprocess

import yaml
from lab05_helpers import LAB

AMTOOL = shutil.which("amtool")
RECEIVER = {"page": "on-call-pager", "ticket": "tickets"}


def amtool(*args, cwd=LAB) -> subprocess.CompletedProcess:
    assert AMTOOL, (
        "amtool is not on PATH: install Alertmanager "
        "(Debian: apt-get install prometheus-alertmanager)"
    )
    return subprocess.run([AMTOOL, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def routes_to(labels: dict[str, str], receiver: str, config: str = "alertmanager.yml") -> bool:
    pairs = [f"{k}={v}" for k, v in labels.items()]
    result = amtool(
        "config",
        "routes",
        "test",
        f"--config.file={config}",
        f"--verify.receivers={receiver}",
        *pairs,
    )
    return result.returncode == 0


def alerts() -> list[dict]:
    groups = yaml.safe_load((LAB / "alert-rules.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def test_alertmanager_config_is_valid():
    result = amtool("check-config", "alertmanager.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 receivers" in result.stdout
    assert "1 inhibit rules" in result.stdout


def test_symptoms_page_and_the_rest_opens_tickets():
    severities = {rule["alert"]: rule["labels"]["severity"] for rule in alerts()}
    assert severities == {
        "PredictionApiHighErrorRate": "page",
        "PredictionApiManyRejectedRequests": "ticket",
        "PredictionApiHighLatencyP99": "page",
        "PredictionApiNotReady": "page",
        "PredictionApiDown": "page",
        "PredictedClassMixShifted": "ticket",
    }
    for alert, severity in severities.items():
        labels = {"alertname": alert, "job": "penguins-api", "severity": severity}
        assert routes_to(labels, RECEIVER[severity]), alert
        other = RECEIVER["ticket" if severity == "page" else "page"]
        assert not routes_to(labels, other), alert


def test_an_alert_without_a_severity_still_reaches_a_person():
    assert routes_to({"alertname": "SomethingNew"}, "tickets")


def test_swapped_receivers_are_caught(tmp_path):
    config = (LAB / "alertmanager.yml").read_text()
    swapped = (
        config.replace("receiver: on-call-pager", "receiver: PAGER")
        .replace("- receiver: tickets\n      matchers", "- receiver: on-call-pager\n      matchers")
        .replace("receiver: PAGER", "receiver: tickets")
    )
    assert swapped != config
    (tmp_path / "alertmanager.yml").write_text(swapped)
    labels = {"alertname": "PredictionApiDown", "severity": "page"}
    assert not routes_to(labels, "on-call-pager", str(tmp_path / "alertmanager.yml"))


def test_dashboard_has_the_shape_grafana_imports():
    dashboard = json.loads((LAB / "grafana-dashboard.json").read_text())
    assert dashboard["uid"] == "penguins-api"
    assert dashboard["templating"]["list"][0]["type"] == "datasource"
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    for panel in dashboard["panels"]:
        box = panel["gridPos"]
        assert box["x"] + box["w"] <= 24, panel["title"]  # Grafana's grid is 24 columns wide
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}
        assert panel["targets"], panel["title"]
        refs = [target["refId"] for target in panel["targets"]]
        assert len(refs) == len(set(refs)), panel["title"]
        assert all(target["expr"].strip() for target in panel["targets"])
    # every alert has a panel that shows what it watches
    exprs = " ".join(t["expr"] for p in dashboard["panels"] for t in p.get("targets", []))
    for rule in alerts():
        series = rule["expr"].split("{")[0].split("(")[-1].split(" ")[0].strip()
        assert series in exprs, rule["alert"]

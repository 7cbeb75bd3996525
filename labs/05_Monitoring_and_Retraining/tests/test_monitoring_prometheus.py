"""The Prometheus files beside the notebook, checked by Prometheus's own tool. promtool must be
installed (Debian: `apt-get install prometheus`); a missing promtool fails these tests."""

import re
import shutil
import subprocess

import pytest
import yaml
from lab05_helpers import LAB, load_lab_module

PROMTOOL = shutil.which("promtool")


def promtool(*args, cwd=LAB, stdin=None) -> subprocess.CompletedProcess:
    assert PROMTOOL, (
        "promtool is not on PATH: install Prometheus (Debian: apt-get install prometheus)"
    )
    return subprocess.run(
        [PROMTOOL, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_scrape_config_is_valid():
    result = promtool("check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 rule files found" in result.stdout


RULE_FILES = sorted(
    p.name for p in LAB.glob("*.yml") if "rules" in p.name and not p.name.endswith(".test.yml")
)


def test_every_rule_file_is_listed_in_the_scrape_config():
    config = yaml.safe_load((LAB / "prometheus.yml").read_text())
    assert RULE_FILES == ["alert-rules.yml"]
    assert sorted(config["rule_files"]) == RULE_FILES
    assert config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"] == [
        "127.0.0.1:9093"
    ]


@pytest.mark.parametrize("rule_file", RULE_FILES)
def test_every_rule_file_passes_promtool_check_and_its_unit_tests(rule_file):
    result = promtool("check", "rules", rule_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout
    tests = rule_file.replace(".yml", ".test.yml")
    assert (LAB / tests).exists(), f"{rule_file} has no unit tests ({tests})"
    result = promtool("test", "rules", tests)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rules_are_valid():
    result = promtool("check", "rules", "alert-rules.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "12 rules found" in result.stdout


def test_every_alert_fires_and_stays_quiet_in_the_unit_tests():
    result = promtool("test", "rules", "alert-rules.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    tests = (LAB / "alert-rules.test.yml").read_text()
    rules = (LAB / "alert-rules.yml").read_text()
    alerts = [line.split(":", 1)[1].strip() for line in rules.splitlines() if "- alert:" in line]
    assert len(alerts) == 6
    for alert in alerts:
        # each alert has a case where it fires (with labels) and one where it is quiet
        assert f"alertname: {alert}\n        exp_alerts:\n          - exp_labels" in tests, alert
        assert f"alertname: {alert}\n        exp_alerts: []" in tests, alert


@pytest.mark.parametrize(
    ("original", "mutated"),
    [
        ("> 0.05", "> 0.5"),  # error-rate threshold
        ("for: 2m", "for: 10m"),  # not-ready duration
        ("histogram_quantile(0.99,", "histogram_quantile(0.5,"),  # p99 becomes p50
        ('status=~"4.."', 'status=~"5.."'),  # client errors counted as server errors
        (">= 0.15", ">= 0.5"),  # class-mix threshold
        ("[1d]", "[1h]"),  # the daily baseline becomes the last hour
    ],
)
def test_the_unit_tests_catch_a_changed_rule(tmp_path, original, mutated):
    rules = (LAB / "alert-rules.yml").read_text()
    assert original in rules
    (tmp_path / "alert-rules.yml").write_text(rules.replace(original, mutated, 1))
    shutil.copy(LAB / "alert-rules.test.yml", tmp_path)
    result = promtool("test", "rules", "alert-rules.test.yml", cwd=tmp_path)
    assert result.returncode == 1, result.stdout


def test_rules_use_only_metrics_the_api_exports():
    # the API's names (src/lib/api/metrics.ts), Prometheus's own `up`, and the recorded series
    groups = yaml.safe_load((LAB / "alert-rules.yml").read_text())["groups"]
    rules = [rule for group in groups for rule in group["rules"]]
    recorded = {rule["record"] for rule in rules if "record" in rule}
    exported = {
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "model_predictions_total",
        "model_ready",
        "up",
    }
    used = set()
    for rule in rules:
        used |= set(re.findall(r"(?<![\w])([a-z_:][a-z0-9_:]*)\s*(?:\{|\[|==)", rule["expr"]))
    assert used - recorded == exported


def test_the_simulated_services_metrics_pass_promtool_check_metrics():
    monitoring = load_lab_module("monitoring")
    birds = monitoring.load_penguins(LAB / "data" / "penguins.csv")
    stream = monitoring.make_stream(birds, 200, seed=3, change="unit-bug", change_at=100)
    model = monitoring.train(birds)
    log = monitoring.serve(monitoring.session(monitoring.export(model)), stream)
    text = monitoring.to_prometheus(log)
    result = promtool("check", "metrics", stdin=text)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'http_requests_total{route="/v1/predict",status="422"}' in text
    assert 'http_request_duration_seconds_bucket{le="+Inf",route="/v1/predict"} 200.0' in text

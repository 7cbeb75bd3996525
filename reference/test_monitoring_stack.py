"""Chapter 5's monitoring stack against the API it watches.

The Prometheus rules, the Grafana dashboard and the Alertmanager routes live beside the lab
(labs/05_Monitoring_and_Retraining); the lab's own tests check them with promtool and amtool. This
module checks what the lab cannot: that every PromQL expression in the rules and in the dashboard
names only series the booklet's real API exports on /metrics (found by starting `npm run api`,
sending it traffic of every kind and reading the exposition), Prometheus's own `up`, or a series a
recording rule records; and that every label it matches on exists on those series. The dashboard's
expressions are also written into a temporary rule file so `promtool check rules` parses each one.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from reference import test_api
from reference.helpers import NODE_BIN, ROOT, node_env

LAB = ROOT / "labs" / "05_Monitoring_and_Retraining"
# Labels Prometheus attaches to every scraped series (target labels).
TARGET_LABELS = {"job", "instance", "service"}
PROMQL_WORDS = {
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "offset",
    "bool",
    "and",
    "or",
    "unless",
    "inf",
    "nan",
}


@pytest.fixture(scope="module")
def exposition(
    built_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """/metrics of `npm run api` after traffic of every status (so every series exists)."""
    port = test_api.free_port()
    env = node_env(
        {"HOST": "127.0.0.1", "PORT": str(port), "MODEL_PATH": str(built_model)}
    )
    log = tmp_path_factory.mktemp("node-api-monitoring") / "server.log"
    base = f"http://127.0.0.1:{port}"
    with test_api.serve(
        [str(NODE_BIN / "tsx"), "scripts/api-server.ts"], env, base, log
    ):
        for vector in test_api.VECTORS["vectors"]:
            test_api.answer(base, vector)
        response = httpx.get(f"{base}/metrics", timeout=10)
        assert response.status_code == 200
        yield response.text


def exported_series(text: str) -> dict[str, set[str]]:
    """Series name → label names, from the exposition's samples (histograms give _bucket etc.)."""
    series: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = re.match(r"([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s", line)
        assert match, line
        labels = set(re.findall(r"([a-zA-Z_][a-zA-Z0-9_]*)=\"", match.group(2) or ""))
        series.setdefault(match.group(1), set()).update(labels)
    return series


def names_and_labels(expr: str) -> tuple[set[str], dict[str, set[str]]]:
    """Metric names an expression selects, and the label names each selector matches on."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)  # strings cannot hide names
    selectors: dict[str, set[str]] = {}
    for name, matchers in re.findall(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}", text):
        selectors.setdefault(name, set()).update(
            re.findall(r"([a-zA-Z_]\w*)\s*[=!]", matchers)
        )
    text = re.sub(r"\{[^}]*\}", " ", text)  # label matchers
    text = re.sub(r"\[[^\]]*\]", " ", text)  # range durations
    # grouping lists: by (...), without (...), on (...), ignoring (...), group_left (...)
    grouping = re.findall(
        r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)", text
    )
    text = re.sub(
        r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text
    )
    names = {
        word
        for word in re.findall(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()", text)
        if word.lower() not in PROMQL_WORDS
    }
    for name in names:
        selectors.setdefault(name, set())
    grouped = {
        label.strip()
        for group in grouping
        for label in group.split(",")
        if label.strip()
    }
    for name in selectors:
        selectors[name] |= grouped
    return names, selectors


def rules() -> list[dict]:
    groups = yaml.safe_load((LAB / "alert-rules.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def dashboard_exprs() -> list[tuple[str, str]]:
    dashboard = json.loads((LAB / "grafana-dashboard.json").read_text())
    return [
        (panel["title"], target["expr"])
        for panel in dashboard["panels"]
        for target in panel.get("targets", [])
    ]


def test_the_name_parser_on_known_expressions():
    names, labels = names_and_labels(
        'sum by (job, route) (rate(http_requests_total{status=~"5.."}[5m])) / ignoring (label) '
        "group_left sum by (job) (rate(x_total[1h])) > 0.05"
    )
    assert names == {"http_requests_total", "x_total"}
    assert labels["http_requests_total"] == {"status", "job", "route", "label"}
    assert names_and_labels(
        'histogram_quantile(0.5, sum by (le) (rate(a_bucket{route="/v1"}[5m])))'
    )[0] == {"a_bucket"}


def test_every_rule_and_panel_uses_series_the_api_exports(exposition):
    exported = exported_series(exposition)
    # The API's own families (src/lib/api/metrics.ts); checked here so a rename there fails.
    assert {
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "model_predictions_total",
        "model_info",
        "model_ready",
    } <= set(exported)
    recorded = {rule["record"] for rule in rules() if "record" in rule}
    known = set(exported) | recorded | {"up"}
    problems = []
    exprs = [(rule.get("record") or rule["alert"], rule["expr"]) for rule in rules()]
    exprs += dashboard_exprs()
    assert len(dashboard_exprs()) >= 8
    for where, expr in exprs:
        names, labels = names_and_labels(expr)
        assert names, f"{where}: no metric name found in {expr!r}"
        for name in names - known:
            problems.append(
                f"{where}: {name} is neither exported by the API nor recorded"
            )
        for name, used in labels.items():
            if name in exported:
                for label in used - exported[name] - TARGET_LABELS - {"le"}:
                    problems.append(f"{where}: {name} has no label {label}")
    assert not problems, "\n".join(problems)


def test_every_dashboard_expression_parses(tmp_path):
    promtool = shutil.which("promtool")
    assert promtool, "promtool is not installed (Debian package `prometheus`)"
    rules_file = {
        "groups": [
            {
                "name": "dashboard",
                "rules": [
                    {"record": f"dashboard:expr:{i}", "expr": expr}
                    for i, (_, expr) in enumerate(dashboard_exprs())
                ],
            }
        ]
    }
    (tmp_path / "dashboard.yml").write_text(yaml.safe_dump(rules_file))
    result = subprocess.run(
        [promtool, "check", "rules", "dashboard.yml"],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(dashboard_exprs())} rules found" in result.stdout

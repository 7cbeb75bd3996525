"""Shared pieces of the reference suite: running the TypeScript side, reading its JSON, comparing
numbers with a stated tolerance, and counting agreement for `npm run bench`.

Tolerances (issue 12): statistics agree when |ts - ref| <= 1e-9 * max(1, |ref|), p-values and
probabilities when |ts - ref| <= 1e-6 (absolute). Two NaNs agree, equal infinities agree, and a
TypeScript error or NaN agrees with a reference tool that raises (neither has an answer).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NODE_BIN = ROOT / "node_modules" / ".bin"
STAT_TOL = 1e-9
P_TOL = 1e-6


def node_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment with node_modules/.bin first, so the project's Node 22 (the `node`
    devDependency) runs tsx rather than whatever `node` the machine has."""
    env = os.environ.copy()
    env["PATH"] = f"{NODE_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra or {})
    return env


def run_tsx(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Runs `tsx <args>` from the repository root; raises with its output when it fails."""
    result = subprocess.run(
        [str(NODE_BIN / "tsx"), *args],
        cwd=ROOT,
        env=node_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"tsx {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result


def _decode_float(obj: dict[str, Any]) -> Any:
    # scripts/reference-cases.ts writes NaN and ±Infinity as {"$float": "NaN" | "Infinity" | "-Infinity"}.
    if len(obj) == 1 and "$float" in obj:
        return float(obj["$float"])
    return obj


def load_cases(directory: Path, part: str) -> dict[str, Any]:
    """One JSON file written by scripts/reference-cases.ts, with NaN and infinities restored."""
    with open(directory / f"{part}.json", encoding="utf-8") as handle:
        return json.load(handle, object_hook=_decode_float)


class Missing:
    """Marks a reference tool that raised instead of answering."""

    def __init__(self, error: BaseException):
        self.error = error

    def __repr__(self) -> str:
        return f"raised {type(self.error).__name__}: {self.error}"


def attempt(f: Callable[..., Any], *args: Any) -> Any:
    """f(*args), or Missing(error) when it raises."""
    try:
        return f(*args)
    except Exception as error:  # noqa: BLE001 - any failure of the tool is an answer to record
        return Missing(error)


def _no_answer(x: Any) -> bool:
    if isinstance(x, Missing) or x is None:
        return True
    if isinstance(x, dict) and "error" in x:
        return True
    return isinstance(x, float) and math.isnan(x)


def difference(ts: Any, ref: Any, relative: bool) -> float | None:
    """How far apart two answers are (0 when both have none); None when only one has an answer."""
    if _no_answer(ts) or _no_answer(ref):
        return 0.0 if _no_answer(ts) and _no_answer(ref) else None
    ts, ref = float(ts), float(ref)
    if math.isinf(ts) or math.isinf(ref):
        return 0.0 if ts == ref else None
    scale = max(1.0, abs(ref)) if relative else 1.0
    return abs(ts - ref) / scale


@dataclass
class Area:
    """Agreement counts of one kind of comparison (one row of bench-results/reference.json).
    Largest differences are kept apart: statistics relative to max(1, |ref|), p-values and
    probabilities absolute."""

    tool: str
    left: str = "typescript"
    right: str = "reference"
    compared: int = 0
    equal: int = 0
    largest_statistic_difference: float = 0.0
    largest_probability_difference: float = 0.0
    mismatches: list[str] = field(default_factory=list)

    def number(
        self, case: str, what: str, ts: Any, ref: Any, tol: float, relative: bool
    ) -> None:
        """Compares two numbers within `tol` (relative to max(1, |ref|) when `relative`)."""
        self.compared += 1
        diff = difference(ts, ref, relative)
        if diff is not None and relative:
            self.largest_statistic_difference = max(
                self.largest_statistic_difference, diff
            )
        elif diff is not None:
            self.largest_probability_difference = max(
                self.largest_probability_difference, diff
            )
        if diff is not None and diff <= tol:
            self.equal += 1
        else:
            self.mismatches.append(
                f"{case} {what}: {self.left} {ts!r} vs {self.right} {ref!r}"
            )

    def statistic(self, case: str, what: str, ts: Any, ref: Any) -> None:
        """A statistic or distance: relative tolerance 1e-9."""
        self.number(case, what, ts, ref, STAT_TOL, relative=True)

    def p_value(self, case: str, what: str, ts: Any, ref: Any) -> None:
        """A p-value or probability: absolute tolerance 1e-6."""
        self.number(case, what, ts, ref, P_TOL, relative=False)

    def exact(self, case: str, what: str, ts: Any, ref: Any) -> None:
        """Labels, method names, verdicts: must be identical."""
        self.compared += 1
        if ts == ref:
            self.equal += 1
        else:
            self.mismatches.append(
                f"{case} {what}: {self.left} {ts!r} vs {self.right} {ref!r}"
            )

    def report(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "casesCompared": self.compared,
            "casesEqual": self.equal,
            "largestStatisticDifference": self.largest_statistic_difference,
            "largestProbabilityDifference": self.largest_probability_difference,
        }

    def assert_all_equal(self) -> None:
        assert self.compared > 0, "nothing was compared"
        shown = "\n".join(self.mismatches[:40])
        more = len(self.mismatches) - 40
        assert not self.mismatches, (
            f"{len(self.mismatches)} of {self.compared} comparisons disagree with {self.tool}:\n{shown}"
            + (f"\n... and {more} more" if more > 0 else "")
        )


class Agreement:
    """All areas of a pytest session; conftest.py writes them to bench-results/reference.json."""

    def __init__(self) -> None:
        self.areas: dict[str, Area] = {}
        # Figures reported alongside the counts (e.g. how far an unconverged trainer is).
        self.notes: dict[str, Any] = {}

    def area(
        self, name: str, tool: str, left: str = "typescript", right: str = "reference"
    ) -> Area:
        """A fresh Area under `name` (replacing an earlier one of the same name); `left` and
        `right` name the two sides in messages."""
        self.areas[name] = Area(tool, left, right)
        return self.areas[name]

    def report(self) -> dict[str, Any]:
        areas = {name: area.report() for name, area in sorted(self.areas.items())}
        return {
            "casesCompared": sum(a["casesCompared"] for a in areas.values()),
            "casesEqual": sum(a["casesEqual"] for a in areas.values()),
            "areas": areas,
            "notes": self.notes,
        }


AGREEMENT = Agreement()

"""The evaluation gate: decide whether a candidate model may be shipped. It fails closed.

    python gate.py --candidate artifacts/metrics.json --production production-metrics.json \\
        --tolerance 0.01 --minimum 0.90 --slice-minimum 0.80 --report artifacts/gate.json

The very first release, with nothing in production yet, says so explicitly: `--first-deployment`.

Exit status: 0 ship, 1 blocked (the candidate is worse), 2 no decision possible. Anything the
gate cannot check is a reason to stop, never to ship:

- no production metrics: nothing to compare with, exit 2, even with a `--minimum` (a fetch of the
  production metrics that failed must not turn a run into a "first deployment");
- `--first-deployment` without `--minimum`, or while production metrics exist: exit 2;
- a metrics file that is missing, unreadable or lacks a number: exit 2;
- production measured on a different test set than the candidate: not comparable, exit 2.

Otherwise the candidate is blocked (exit 1) when its accuracy is below production − tolerance,
below `--minimum`, or when any slice (a species, an island) is below `--slice-minimum`.
"""

import argparse
import json
import math
from pathlib import Path

SHIP, BLOCK, NO_DECISION = 0, 1, 2


class GateInputError(Exception):
    """A metrics file the gate cannot trust."""


def read_metrics(path: Path) -> dict:
    """A metrics document with a finite accuracy in [0, 1], or GateInputError."""
    try:
        metrics = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise GateInputError(f"cannot read {path}: {error}") from error
    accuracy = metrics.get("accuracy") if isinstance(metrics, dict) else None
    if not isinstance(accuracy, (int, float)) or not math.isfinite(accuracy):
        raise GateInputError(f"{path} has no numeric 'accuracy'")
    if not 0 <= accuracy <= 1:
        raise GateInputError(f"{path}: accuracy {accuracy} is outside [0, 1]")
    return metrics


def decide(candidate: dict, production: dict | None, args: argparse.Namespace) -> tuple[int, list]:
    """The exit status and the reasons, one sentence each."""
    if production is None and not args.first_deployment:
        return NO_DECISION, [
            "no production metrics: nothing to compare with "
            "(only the very first release passes --first-deployment)"
        ]
    if args.first_deployment and args.minimum is None:
        return NO_DECISION, ["--first-deployment needs an explicit --minimum"]
    if args.first_deployment and production is not None:
        return NO_DECISION, ["--first-deployment given, but a production model exists"]
    reasons, status = [], SHIP
    accuracy = candidate["accuracy"]
    if production is not None:
        if candidate.get("test_set_sha256") != production.get("test_set_sha256"):
            return NO_DECISION, ["candidate and production were scored on different test sets"]
        floor = production["accuracy"] - args.tolerance
        ok = accuracy >= floor
        status = status if ok else BLOCK
        reasons.append(
            f"accuracy {accuracy:.4f} {'>=' if ok else '<'} production "
            f"{production['accuracy']:.4f} - tolerance {args.tolerance} = {floor:.4f}"
        )
    if args.minimum is not None:
        ok = accuracy >= args.minimum
        status = status if ok else BLOCK
        reasons.append(f"accuracy {accuracy:.4f} {'>=' if ok else '<'} minimum {args.minimum}")
    if args.slice_minimum is not None:
        slices = candidate.get("slices")
        if not isinstance(slices, dict) or not slices:
            return NO_DECISION, [*reasons, "--slice-minimum given but the metrics have no slices"]
        for name, entry in sorted(slices.items()):
            if entry["accuracy"] < args.slice_minimum:
                status = BLOCK
                reasons.append(
                    f"slice {name}: accuracy {entry['accuracy']:.4f} < {args.slice_minimum}"
                )
    return status, reasons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidate", type=Path, required=True)
    parser.add_argument("--production", type=Path, help="metrics of the model in production")
    parser.add_argument("--tolerance", type=float, default=0.01)
    parser.add_argument("--minimum", type=float, help="absolute accuracy floor")
    parser.add_argument(
        "--first-deployment",
        action="store_true",
        help="nothing is in production yet: judge by --minimum alone",
    )
    parser.add_argument("--slice-minimum", type=float, help="accuracy floor for every slice")
    parser.add_argument("--report", type=Path, help="write the decision as JSON here")
    args = parser.parse_args(argv)

    try:
        candidate = read_metrics(args.candidate)
        production = None
        if args.production is not None:
            if args.production.exists():
                production = read_metrics(args.production)
            else:
                print(f"gate: {args.production} not found: no production model to compare with")
        status, reasons = decide(candidate, production, args)
    except GateInputError as error:
        status, reasons = NO_DECISION, [str(error)]
    verdict = {SHIP: "SHIP", BLOCK: "BLOCK", NO_DECISION: "NO DECISION (fail closed)"}[status]
    print(f"gate: {verdict}")
    for reason in reasons:
        print(f"  - {reason}")
    if args.report is not None:
        report = {"status": status, "verdict": verdict, "reasons": reasons}
        args.report.write_text(json.dumps(report, indent=2) + "\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main())

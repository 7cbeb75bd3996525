"""Score an exported model on the held-out birds, overall and per slice: the `evaluate` job.

    python evaluate.py --model artifacts/model.onnx --test artifacts/test.csv \\
        --out artifacts/metrics.json

It scores the ONNX file itself, with onnxruntime: the artifact that will be shipped, not the
scikit-learn object it came from. Slices are each species and each island, because a model can
be accurate overall and still fail the smallest group. The file's SHA-256 and the test set's
SHA-256 go into the metrics, so the gate can refuse to compare numbers from different test sets
and the image build can check it packages exactly this file.
"""

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pandas as pd

SLICE_COLUMNS = ["species", "island"]


def predict(model_path: Path, frame: pd.DataFrame) -> np.ndarray:
    """Predicted species labels from the ONNX model's `label` output."""
    metadata = {p.key: p.value for p in onnx.load(str(model_path)).metadata_props}
    columns = json.loads(metadata["features"])  # the model says which inputs it was trained on
    session = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    features = frame[columns].to_numpy(np.float32)
    label, _probabilities = session.run(["label", "probabilities"], {"features": features})
    return np.asarray(label)


def slice_metrics(frame: pd.DataFrame, correct: np.ndarray) -> dict[str, dict]:
    """Accuracy and size of every slice, keyed `column=value` (e.g. `island=Dream`)."""
    slices = {}
    for column in SLICE_COLUMNS:
        for value, rows in frame.groupby(column).groups.items():
            hits = correct[np.asarray(rows)]
            slices[f"{column}={value}"] = {"n": int(hits.size), "accuracy": float(hits.mean())}
    return slices


def evaluate(model_path: Path, test_path: Path) -> dict:
    """The metrics document for one model on one test set."""
    frame = pd.read_csv(test_path)
    predicted = predict(model_path, frame)
    correct = predicted == frame["species"].to_numpy()
    metadata = {p.key: p.value for p in onnx.load(str(model_path)).metadata_props}
    return {
        "model_sha256": hashlib.sha256(model_path.read_bytes()).hexdigest(),
        "model_version": metadata.get("version", ""),
        "test_set_sha256": hashlib.sha256(test_path.read_bytes()).hexdigest(),
        "n": int(correct.size),
        "accuracy": float(correct.mean()),
        "slices": slice_metrics(frame, correct),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Path("artifacts/model.onnx"))
    parser.add_argument("--test", type=Path, default=Path("artifacts/test.csv"))
    parser.add_argument("--out", type=Path, default=Path("artifacts/metrics.json"))
    args = parser.parse_args(argv)

    metrics = evaluate(args.model, args.test)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(metrics, indent=2) + "\n")
    print(f"accuracy {metrics['accuracy']:.4f} on {metrics['n']} birds")
    for name, entry in metrics["slices"].items():
        print(f"  {name:<18} n={entry['n']:>3}  accuracy {entry['accuracy']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

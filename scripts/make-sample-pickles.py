#!/usr/bin/env python3
"""Write the sample pickles that chapter 1's pickle inspector opens.

Standard library only. The script only ever *writes* pickles: it never calls pickle.load
or pickle.loads, so building the os-system sample cannot run its payload.

Usage: python3 scripts/make-sample-pickles.py [output_dir]   (default: public/samples)

The output is deterministic for a given platform: the same objects pickle to the same bytes.
One platform detail shows in the os-system sample: os.system is defined in the `posix`
module on Linux and macOS (`nt` on Windows), and pickle records the defining module.
"""

import os
import pickle
import sys
from pathlib import Path

# Standardization and softmax-regression parameters shaped like the booklet's penguin model
# (4 features, 3 species). The numbers are illustrative, rounded, and fixed.
WEIGHTS = {
    "feature_names": ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"],
    "classes": ["Adelie", "Chinstrap", "Gentoo"],
    "mean": [43.92, 17.15, 200.92, 4201.75],
    "std": [5.46, 1.97, 14.06, 801.95],
    "weights": [
        [-2.61, 2.18, 0.43],
        [1.12, 0.35, -1.47],
        [-0.58, -0.73, 1.31],
        [-0.21, -0.96, 1.17],
    ],
    "bias": [0.42, -0.88, 0.46],
}


class SoftmaxClassifier:
    """A small model class; pickling an instance records where the class lives (`__main__`)."""

    def __init__(self, params):
        self.feature_names = list(params["feature_names"])
        self.classes = list(params["classes"])
        self.weights = [list(row) for row in params["weights"]]
        self.bias = list(params["bias"])
        self.version = "penguins-v1"


class RunsShellCommand:
    """__reduce__ tells pickle to rebuild this object by calling os.system("echo pwned")."""

    def __reduce__(self):
        return (os.system, ("echo pwned",))


def samples():
    """File name -> pickle bytes, in the order they are written."""
    return {
        "weights-dict.pkl": pickle.dumps(WEIGHTS, protocol=4),
        "weights-dict-protocol0.pkl": pickle.dumps(WEIGHTS, protocol=0),
        "weights-dict-protocol2.pkl": pickle.dumps(WEIGHTS, protocol=2),
        "class-instance.pkl": pickle.dumps(SoftmaxClassifier(WEIGHTS), protocol=4),
        "os-system.pkl": pickle.dumps(RunsShellCommand(), protocol=4),
    }


def main(argv):
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "public" / "samples"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in samples().items():
        (out_dir / name).write_bytes(data)
        print(f"wrote {out_dir / name} ({len(data)} bytes)")


if __name__ == "__main__":
    main(sys.argv)

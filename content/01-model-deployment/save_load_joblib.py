"""Save the trained pipeline with joblib, record the environment beside it, and load it back.

joblib.load unpickles: loading a file runs whatever code the file asks for. Load only files
you wrote yourself or fully trust, and with the library versions that wrote them.

    python save_load_joblib.py
"""

import json
import platform
from importlib.metadata import version
from pathlib import Path

import joblib
import numpy as np

from train import train_model

MODEL_PATH = Path("penguins.joblib")
ENVIRONMENT_PATH = Path("penguins.environment.json")
PACKAGES = ["numpy", "pandas", "scikit-learn", "joblib"]


def current_environment():
    """Python and package versions of this process: what a pickle silently depends on."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: version(name) for name in PACKAGES},
    }


def environment_differences(recorded, current):
    """Lines naming every version that differs between two environment records."""
    lines = []
    if recorded["python"] != current["python"]:
        lines.append(f"python {recorded['python']} -> {current['python']}")
    for name, was in recorded["packages"].items():
        now = current["packages"].get(name)
        if now != was:
            lines.append(f"{name} {was} -> {now}")
    return lines


def main():
    run = train_model()
    joblib.dump(run.pipeline, MODEL_PATH)
    ENVIRONMENT_PATH.write_text(
        json.dumps(current_environment(), indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes) and {ENVIRONMENT_PATH}")

    # Before loading, compare the recorded environment with this one: a pickle written by
    # another scikit-learn version may load with warnings, fail, or predict differently.
    recorded = json.loads(ENVIRONMENT_PATH.read_text(encoding="utf-8"))
    differences = environment_differences(recorded, current_environment())
    print("environment differences:", differences or "none")

    loaded = joblib.load(MODEL_PATH)  # runs pickle: only for files you trust
    before = run.pipeline.predict_proba(run.x_test)
    after = loaded.predict_proba(run.x_test)
    print("same probabilities after reloading:", bool(np.array_equal(before, after)))


if __name__ == "__main__":
    main()

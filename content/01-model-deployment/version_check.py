"""Refuse a scikit-learn pickle that another scikit-learn version wrote.

scikit-learn records its version in every estimator it pickles, and since 1.3 it warns with
InconsistentVersionWarning when a different version unpickles one. A warnings filter turns
that warning into an error, so a mismatched model stops at load time instead of serving.

    python version_check.py
"""

import pickle
import warnings
from pathlib import Path

import sklearn
from sklearn.exceptions import InconsistentVersionWarning

from train import train_model

MODEL_PATH = Path("penguins.pkl")


class VersionMismatch(RuntimeError):
    """The pickle was written by another scikit-learn version than the one loading it."""


def load_same_version(path):
    """Unpickle a trusted file, refusing it if scikit-learn's version differs from the writer's."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", InconsistentVersionWarning)
        try:
            with open(path, "rb") as file:
                return pickle.load(file)  # runs pickle: only for files you trust
        except InconsistentVersionWarning as warning:
            raise VersionMismatch(
                f"{warning.estimator_name} was saved with scikit-learn "
                f"{warning.original_sklearn_version}; this is "
                f"{warning.current_sklearn_version}. Load it where it was trained, or retrain."
            ) from None


def as_if_saved_by_another_version(data):
    """Stand-in for a file from another release: the same pickle with the recorded version
    string changed in its last character (same length, so the pickle's framing stays valid)."""
    current = sklearn.__version__
    other = current[:-1] + ("1" if current[-1] == "0" else "0")
    return data.replace(current.encode(), other.encode())


def main():
    run = train_model()
    with MODEL_PATH.open("wb") as file:
        pickle.dump(run.pipeline, file, protocol=5)
    loaded = load_same_version(MODEL_PATH)
    print(f"same version ({sklearn.__version__}): loaded a {type(loaded).__name__}")

    other = MODEL_PATH.with_name("penguins-other-version.pkl")
    other.write_bytes(as_if_saved_by_another_version(MODEL_PATH.read_bytes()))
    try:
        load_same_version(other)
    except VersionMismatch as error:
        print("refused:", error)


if __name__ == "__main__":
    main()

"""Train the penguin species classifier with scikit-learn.

The Python twin of the booklet's TypeScript pipeline: read vega-datasets' penguins.json, drop
the rows that lack a measurement (and say which), split 80/20 stratified by species with a
fixed seed, standardize on the training split, fit a softmax (multinomial logistic) regression,
and report held-out accuracy and the confusion matrix.

    python train.py

The data is downloaded (about 67 kB) unless the environment variable PENGUINS_JSON names a
local copy of penguins.json.
"""

import json
import os
import urllib.request
from dataclasses import dataclass

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

# Pinned to the same vega-datasets release the booklet builds from.
DATA_URL = "https://cdn.jsdelivr.net/npm/vega-datasets@3.2.1/data/penguins.json"
SPECIES = ["Adelie", "Chinstrap", "Gentoo"]
RAW_FEATURES = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"]
FEATURE_NAMES = ["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"]
SEED = 42
TEST_FRACTION = 0.2


@dataclass
class TrainingRun:
    """A fitted pipeline, the held-out rows it was evaluated on, and the cleaning report."""

    pipeline: Pipeline
    x_test: pd.DataFrame
    y_test: pd.Series
    cleaning: dict


def load_raw_penguins():
    """The 344 records of penguins.json as a DataFrame, from PENGUINS_JSON or the web."""
    path = os.environ.get("PENGUINS_JSON")
    if path:
        with open(path, encoding="utf-8") as file:
            records = json.load(file)
    else:
        with urllib.request.urlopen(DATA_URL, timeout=30) as response:
            records = json.load(response)
    return pd.DataFrame.from_records(records)


def clean(raw):
    """Drop rows missing the species or any measurement; keep rows missing only the sex."""
    usable = raw["Species"].isin(SPECIES) & raw[RAW_FEATURES].notna().all(axis=1)
    kept = raw[usable].copy()
    # The original data marks one unknown sex with "."; treat it like a missing value.
    kept["Sex"] = kept["Sex"].where(kept["Sex"].isin(["MALE", "FEMALE"]))
    report = {
        "raw_rows": len(raw),
        "dropped_rows": [int(i) for i in raw.index[~usable]],
        "kept_rows": len(kept),
        "kept_with_unknown_sex": int(kept["Sex"].isna().sum()),
    }
    features = kept[RAW_FEATURES].astype("float64")
    features.columns = FEATURE_NAMES
    return features, kept["Species"], report


def train_model(seed=SEED):
    """Clean, split, fit StandardScaler + LogisticRegression, and return the run."""
    x, y, report = clean(load_raw_penguins())
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=TEST_FRACTION, stratify=y, random_state=seed
    )
    # The scaler is fitted on the training split only, and travels inside the pipeline, so
    # whoever loads the model standardizes exactly as training did.
    pipeline = Pipeline(
        [
            ("standardize", StandardScaler()),
            ("softmax", LogisticRegression(max_iter=1000)),
        ]
    )
    pipeline.fit(x_train, y_train)
    return TrainingRun(pipeline, x_test, y_test, report)


def main():
    run = train_model()
    print("cleaning:", json.dumps(run.cleaning))
    predicted = run.pipeline.predict(run.x_test)
    print(f"held-out accuracy: {accuracy_score(run.y_test, predicted):.3f}")
    matrix = confusion_matrix(run.y_test, predicted, labels=SPECIES)
    print("confusion matrix (rows = true, columns = predicted):")
    print(pd.DataFrame(matrix, index=SPECIES, columns=SPECIES).to_string())


if __name__ == "__main__":
    main()

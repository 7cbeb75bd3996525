"""Train the penguin classifier and export it to ONNX: the `train` job of the pipeline.

    python train.py --data data/penguins.csv --out artifacts --version "$GITHUB_SHA"

Writes artifacts/model.onnx (scikit-learn pipeline exported with skl2onnx, no ZipMap) and
artifacts/test.csv (the held-out birds the evaluate job scores). Everything is seeded, so the
same data and code give the same model.
"""

import argparse
import json
from pathlib import Path

import numpy as np
import onnx
import pandas as pd
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = ["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"]
# vega-datasets' column names, as data/penguins.csv keeps them, and the names the code uses.
COLUMNS = {
    "Species": "species",
    "Island": "island",
    "Beak Length (mm)": "beak_length_mm",
    "Beak Depth (mm)": "beak_depth_mm",
    "Flipper Length (mm)": "flipper_length_mm",
    "Body Mass (g)": "body_mass_g",
    "Sex": "sex",
}
SEED = 42


def load_penguins(path: Path) -> pd.DataFrame:
    """The birds with a species and all four measurements; other rows are dropped."""
    frame = pd.read_csv(path).rename(columns=COLUMNS)
    return frame.dropna(subset=["species", *FEATURES]).reset_index(drop=True)


def split(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A seeded 80/20 split, stratified by species so every species is in the test set."""
    train, test = train_test_split(
        frame, test_size=0.2, random_state=SEED, stratify=frame["species"]
    )
    return train.reset_index(drop=True), test.reset_index(drop=True)


def fit(train: pd.DataFrame, features: list[str]):
    """Standardize, then multinomial logistic regression (L2, C=1)."""
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    return model.fit(train[features].to_numpy(np.float32), train["species"])


def export_onnx(model, features: list[str], version: str) -> onnx.ModelProto:
    """skl2onnx export with plain probability tensors (no ZipMap) and the metadata APIs read."""
    proto = convert_sklearn(
        model,
        initial_types=[("features", FloatTensorType([None, len(features)]))],
        options={LogisticRegression: {"zipmap": False}},
        target_opset=17,
    )
    # skl2onnx names the graph with a random UUID; a fixed name makes the file reproducible.
    proto.graph.name = "penguin_classifier"
    metadata = {
        "classes": json.dumps([str(c) for c in model.classes_]),
        "features": json.dumps(features),
        "version": version,
    }
    onnx.helper.set_model_props(proto, metadata)
    onnx.checker.check_model(proto, full_check=True)
    return proto


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data/penguins.csv"))
    parser.add_argument("--out", type=Path, default=Path("artifacts"))
    parser.add_argument("--version", default="dev", help="model version, e.g. the commit SHA")
    parser.add_argument("--features", nargs="+", default=FEATURES, choices=FEATURES)
    args = parser.parse_args(argv)

    train, test = split(load_penguins(args.data))
    model = fit(train, args.features)
    args.out.mkdir(parents=True, exist_ok=True)
    onnx_bytes = export_onnx(model, args.features, args.version).SerializeToString()
    (args.out / "model.onnx").write_bytes(onnx_bytes)
    test.to_csv(args.out / "test.csv", index=False)
    print(f"trained on {len(train)} birds ({', '.join(args.features)}), held out {len(test)}")
    print(f"wrote {args.out / 'model.onnx'} (version {args.version})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Export the trained scikit-learn pipeline to ONNX and check onnxruntime agrees with it.

The scaler and the classifier both go into the graph, so the file carries its preprocessing.
Provenance (classes, feature order, seed, library versions) goes into the file's metadata.

    python save_load_joblib.py   # writes penguins.joblib
    python export_onnx.py        # writes penguins_sklearn.onnx
"""

import json
import platform
from importlib.metadata import version

import joblib
import numpy as np
import onnx
import onnxruntime as ort
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType

# Exporting is part of the training side, so it may use the training code (for test rows).
from train import FEATURE_NAMES, SEED, train_model

MODEL_PATH = "penguins.joblib"
ONNX_PATH = "penguins_sklearn.onnx"
TOLERANCE = 1e-5


def to_onnx(pipeline):
    """The pipeline as an ONNX ModelProto with one float input named "features"."""
    model = convert_sklearn(
        pipeline,
        initial_types=[("features", FloatTensorType([None, len(FEATURE_NAMES)]))],
        # Plain probability tensor instead of a list of {class: probability} maps.
        options={id(pipeline[-1]): {"zipmap": False}},
        target_opset=17,
    )
    onnx.helper.set_model_props(
        model,
        {
            "classes": json.dumps([str(c) for c in pipeline.classes_]),
            "feature_names": json.dumps(FEATURE_NAMES),
            "seed": str(SEED),
            "training_environment": json.dumps(
                {
                    "python": platform.python_version(),
                    "scikit-learn": version("scikit-learn"),
                    "skl2onnx": version("skl2onnx"),
                    "onnx": version("onnx"),
                }
            ),
        },
    )
    onnx.checker.check_model(model)
    return model


def main():
    pipeline = joblib.load(MODEL_PATH)  # our own file, written by save_load_joblib.py
    model = to_onnx(pipeline)
    data = model.SerializeToString()
    with open(ONNX_PATH, "wb") as file:
        file.write(data)
    print(f"wrote {ONNX_PATH} ({len(data)} bytes)")

    # Same held-out rows as training (same seed), through both runtimes.
    # Both get the same float32 values. ONNX computes in float32; scikit-learn's classifier
    # computes in float64.
    x_test = train_model().x_test.astype(np.float32)
    session = ort.InferenceSession(data, providers=["CPUExecutionProvider"])
    output = next(o.name for o in session.get_outputs() if o.type == "tensor(float)")
    (onnx_probabilities,) = session.run([output], {"features": x_test.to_numpy()})
    sklearn_probabilities = pipeline.predict_proba(x_test)
    difference = float(np.abs(onnx_probabilities - sklearn_probabilities).max())
    agreement = float(
        (onnx_probabilities.argmax(axis=1) == sklearn_probabilities.argmax(axis=1)).mean()
    )
    print(f"max |difference in probability|: {difference:.2e} (tolerance {TOLERANCE:g})")
    print(f"label agreement: {agreement:.0%}")
    if difference > TOLERANCE or agreement < 1:
        raise SystemExit("the ONNX file does not reproduce the scikit-learn model")


if __name__ == "__main__":
    main()

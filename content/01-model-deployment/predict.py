"""Inference only: load an ONNX penguin classifier with onnxruntime and predict species.

This file imports nothing from training: no scikit-learn, no pandas, no train.py. A
prediction service needs only it, numpy, onnxruntime and the .onnx file.

    python predict.py                  # penguins_sklearn.onnx, written by export_onnx.py
    python predict.py penguins.onnx    # the booklet's own model, downloaded from chapter 1
"""

import json
import sys

import numpy as np
import onnxruntime as ort

DEFAULT_MODEL = "penguins_sklearn.onnx"

# Accepted range of each input, the same bounds as the booklet's API in chapter 3. They catch
# unit mistakes (kilograms for grams) before the model extrapolates from them.
BOUNDS = {
    "beak_length_mm": (25.0, 70.0),
    "beak_depth_mm": (10.0, 25.0),
    "flipper_length_mm": (150.0, 240.0),
    "body_mass_g": (2000.0, 7000.0),
}


class PenguinClassifier:
    """An ONNX model plus what its metadata says: input order and class names."""

    def __init__(self, path):
        self.session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        metadata = self.session.get_modelmeta().custom_metadata_map
        self.feature_names = json.loads(metadata["feature_names"])
        self.classes = json.loads(metadata["classes"])
        self.input_name = self.session.get_inputs()[0].name
        self.probability_output = next(
            o.name for o in self.session.get_outputs() if o.type == "tensor(float)"
        )

    def features(self, penguin):
        """One row in the model's input order, after checking every value's range."""
        row = []
        for name in self.feature_names:
            value = float(penguin[name])
            low, high = BOUNDS[name]
            if not low <= value <= high:  # also false for NaN
                raise ValueError(f"{name} = {value} is outside [{low}, {high}]")
            row.append(value)
        return row

    def predict(self, penguins):
        """Species probabilities and the most likely species for each penguin."""
        x = np.array([self.features(p) for p in penguins], dtype=np.float32)
        (probabilities,) = self.session.run([self.probability_output], {self.input_name: x})
        return [
            {
                "species": self.classes[int(row.argmax())],
                "probabilities": {c: round(float(p), 4) for c, p in zip(self.classes, row)},
            }
            for row in probabilities
        ]


def main(argv):
    # Only a path ending in .onnx counts, so stray arguments (a notebook kernel's) are ignored.
    path = next((arg for arg in argv[1:] if arg.endswith(".onnx")), DEFAULT_MODEL)
    classifier = PenguinClassifier(path)
    penguins = [
        {"beak_length_mm": 39.1, "beak_depth_mm": 18.7, "flipper_length_mm": 181, "body_mass_g": 3750},
        {"beak_length_mm": 46.5, "beak_depth_mm": 17.9, "flipper_length_mm": 192, "body_mass_g": 3500},
        {"beak_length_mm": 50.0, "beak_depth_mm": 15.2, "flipper_length_mm": 218, "body_mass_g": 5700},
    ]
    for penguin, prediction in zip(penguins, classifier.predict(penguins)):
        print(json.dumps(penguin), "->", json.dumps(prediction))


if __name__ == "__main__":
    main(sys.argv)

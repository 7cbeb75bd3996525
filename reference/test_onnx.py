"""The booklet's ONNX exports against onnx and native onnxruntime (issue 12).

Models (scripts/reference/model-cases.ts): the published penguin classifier (byte-identical to what
`npm run build:model` writes), two penguin models trained with other settings (one exported with
opset 13 / IR 7 instead of the defaults), and the chapter-5 weather model. Each must pass
onnx.checker.check_model(full_check=True) and strict shape inference, and native onnxruntime must
agree with onnxruntime-web (run in Node through src/lib/runtime) within 1e-6 on every probability
and exactly on every label, for all penguins, the served weather days, and a few extreme rows.
"""

from __future__ import annotations

import hashlib

import numpy as np
import onnx
import onnxruntime
import pytest
from onnx import shape_inference

from reference.helpers import Agreement, load_cases


@pytest.fixture(scope="module")
def onnx_cases(ts_cases):
    return load_cases(ts_cases, "onnx")


def test_published_model_is_what_build_model_writes(onnx_cases, ts_cases, built_model):
    published = next(c for c in onnx_cases["cases"] if c["id"] == "published")
    exported = (ts_cases / published["file"]).read_bytes()
    built = built_model.read_bytes()
    assert hashlib.sha256(exported).hexdigest() == hashlib.sha256(built).hexdigest()


def test_models_pass_the_full_checker_and_strict_shape_inference(
    onnx_cases, ts_cases, built_model
):
    paths = [built_model] + [ts_cases / c["file"] for c in onnx_cases["cases"]]
    assert len(paths) == 5
    for path in paths:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        inferred = shape_inference.infer_shapes(
            model, check_type=True, strict_mode=True
        )
        # Inference must reach the declared outputs: [batch, classes] float and [batch] int64.
        outputs = {o.name: o.type.tensor_type for o in inferred.graph.output}
        classes = len(
            onnx.numpy_helper.to_array(
                next(i for i in model.graph.initializer if i.name == "bias")
            )
        )
        probabilities = outputs["probabilities"]
        assert probabilities.elem_type == onnx.TensorProto.FLOAT
        assert [d.dim_param or d.dim_value for d in probabilities.shape.dim] == [
            "batch",
            classes,
        ]
        assert outputs["label"].elem_type == onnx.TensorProto.INT64
        assert [d.dim_param or d.dim_value for d in outputs["label"].shape.dim] == [
            "batch"
        ]


def test_native_onnxruntime_equals_onnxruntime_web(
    onnx_cases, ts_cases, agreement: Agreement
):
    area = agreement.area(
        "onnx: onnxruntime (native) vs onnxruntime-web",
        f"onnxruntime {onnxruntime.__version__}",
    )
    for case in onnx_cases["cases"]:
        session = onnxruntime.InferenceSession(
            str(ts_cases / case["file"]), providers=["CPUExecutionProvider"]
        )
        inputs = np.asarray(case["inputs"], dtype=np.float32)
        probabilities, labels = session.run(
            ["probabilities", "label"], {"features": inputs}
        )
        web = case["web"]
        assert len(web["labels"]) == len(labels) == len(inputs) > 300
        for i, (row_native, row_web) in enumerate(
            zip(probabilities, web["probabilities"], strict=True)
        ):
            for j, (p_native, p_web) in enumerate(
                zip(row_native, row_web, strict=True)
            ):
                area.p_value(f"{case['id']}[{i}]", f"p[{j}]", p_web, float(p_native))
            area.exact(f"{case['id']}[{i}]", "label", web["labels"][i], int(labels[i]))
    area.assert_all_equal()

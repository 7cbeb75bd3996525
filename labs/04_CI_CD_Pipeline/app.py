"""The prediction service the pipeline ships: the smallest FastAPI app that serves model.onnx.

Module 3 builds the full service (problem+json errors, metrics, limits); this one keeps only what
the deploy job's smoke test needs, with the same paths and body as the booklet's API:
`GET /healthz`, `GET /readyz` and `POST /v1/predict` with `{"instances": [{...}, ...]}`.

    MODEL_PATH=artifacts/model.onnx uvicorn app:app --port 8000

`/readyz` and the `x-model-id` header of every prediction name the model served: $MODEL_ID (the
image sets it to the digest the gate evaluated), else sha256:<hex> of the file. A sha256 id that
is not the file's digest keeps the service unready: the file is not the promoted model.
"""

import hashlib
import json
import os
from contextlib import asynccontextmanager

import numpy as np
import onnxruntime as ort
from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

MODEL = {}


class Penguin(BaseModel):
    """One bird's measurements, with the booklet API's bounds (they reject unit mistakes)."""

    model_config = ConfigDict(extra="forbid")
    beak_length_mm: float = Field(ge=25, le=70)
    beak_depth_mm: float = Field(ge=10, le=25)
    flipper_length_mm: float = Field(ge=150, le=240)
    body_mass_g: float = Field(ge=2000, le=7000)


class PredictRequest(BaseModel):
    """A batch of 1 to 64 birds."""

    model_config = ConfigDict(extra="forbid")
    instances: list[Penguin] = Field(min_length=1, max_length=64)


def load_model(path: str) -> None:
    """Opens the ONNX session and reads the metadata train.py wrote."""
    with open(path, "rb") as file:
        data = file.read()
    digest = f"sha256:{hashlib.sha256(data).hexdigest()}"
    model_id = os.environ.get("MODEL_ID") or digest
    if model_id.lower().startswith("sha256:") and model_id.lower() != digest:
        raise ValueError(f"MODEL_ID is {model_id}, but the model file is {digest}")
    session = ort.InferenceSession(data, providers=["CPUExecutionProvider"])
    metadata = session.get_modelmeta().custom_metadata_map
    MODEL["session"] = session
    MODEL["features"] = json.loads(metadata["features"])
    MODEL["classes"] = json.loads(metadata["classes"])
    MODEL["version"] = metadata["version"]
    MODEL["id"] = model_id


@asynccontextmanager
async def lifespan(_app: FastAPI):
    try:
        load_model(os.environ.get("MODEL_PATH", "artifacts/model.onnx"))
    except Exception as error:  # not ready: /readyz says why instead of the process dying
        MODEL.clear()
        MODEL["error"] = f"{type(error).__name__}: {error}"
    yield
    MODEL.clear()


app = FastAPI(title="Penguin species API", lifespan=lifespan)


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    if "session" not in MODEL:
        detail = MODEL.get("error", "The model is not loaded.")
        return JSONResponse({"status": "not ready", "detail": detail}, status_code=503)
    return {"status": "ready", "model_version": MODEL["version"], "model_id": MODEL["id"]}


@app.post("/v1/predict")
def predict(request: PredictRequest, response: Response):
    if "session" not in MODEL:
        return JSONResponse({"status": "not ready"}, status_code=503)
    rows = [[getattr(bird, name) for name in MODEL["features"]] for bird in request.instances]
    labels, probabilities = MODEL["session"].run(
        ["label", "probabilities"], {"features": np.asarray(rows, dtype=np.float32)}
    )
    predictions = [
        {
            "label": str(label),
            "probabilities": dict(zip(MODEL["classes"], map(float, p), strict=True)),
        }
        for label, p in zip(labels, probabilities, strict=True)
    ]
    response.headers["x-model-id"] = MODEL["id"]
    return {"predictions": predictions, "model_version": MODEL["version"]}

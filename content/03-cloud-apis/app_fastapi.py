"""The chapter 3 prediction API written with FastAPI and Pydantic.

It mirrors the booklet's Hono app (src/lib/api/schemas.ts and app.ts): the same routes, the
same request fields, bounds and strictness, the same batch and body limits, and the same
RFC 9457 problem documents with field-level errors. Prometheus metrics (GET /metrics) are left
out to keep the listing short; the prometheus_client package provides them.

Run it next to the model file that `npm run build:model` writes (artifacts/penguins.onnx):

    pip install -r requirements.txt
    MODEL_PATH=artifacts/penguins.onnx uvicorn app_fastapi:app --port 8000

The model id (`model_id` in /readyz, the `x-model-id` header of every prediction) is $MODEL_ID,
which a pipeline sets to the promoted model's digest (chapter 4), else sha256:<hex> of the file
loaded. A sha256 MODEL_ID that is not the file's digest keeps the replica unready.

FastAPI then also serves the generated OpenAPI document at /openapi.json and docs at /docs.
"""

import hashlib
import json
import os
import re
import uuid
from contextlib import asynccontextmanager
from typing import Annotated, Literal

import numpy as np
import onnxruntime as ort
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

MAX_BATCH_SIZE = 64
MAX_BODY_BYTES = 64 * 1024
FEATURE_NAMES = ("beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g")
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def measurement(low: float, high: float, description: str):
    # strict=True: a number sent as a string ("39.1") is an error, not silently converted.
    # Integers are still accepted for a float, as in JSON Schema's "number".
    return Field(strict=True, allow_inf_nan=False, ge=low, le=high, description=description)


class PenguinFeatures(BaseModel):
    """Measurements of one penguin. Unknown fields are rejected, so a typo is an error."""

    model_config = ConfigDict(extra="forbid")

    beak_length_mm: Annotated[float, measurement(25, 70, "Beak length in mm, 25 to 70.")]
    beak_depth_mm: Annotated[float, measurement(10, 25, "Beak depth in mm, 10 to 25.")]
    flipper_length_mm: Annotated[float, measurement(150, 240, "Flipper length in mm, 150 to 240.")]
    body_mass_g: Annotated[float, measurement(2000, 7000, "Body mass in g, 2000 to 7000.")]
    # Optional means "may be left out". Pydantic does not validate defaults, so an explicit
    # null is still rejected, as zod's .optional() rejects it.
    island: Literal["Biscoe", "Dream", "Torgersen"] = Field(
        default=None, description="Accepted for logging, not used by the model."
    )
    sex: Literal["female", "male"] = Field(
        default=None, description="Accepted for logging, not used by the model."
    )


class PredictRequest(BaseModel):
    """Either `instance` (one penguin) or `instances` (a batch), never both."""

    model_config = ConfigDict(extra="forbid")

    instance: PenguinFeatures = Field(default=None)
    instances: list[PenguinFeatures] = Field(
        default=None, min_length=1, max_length=MAX_BATCH_SIZE
    )

    @model_validator(mode="after")
    def exactly_one_of_instance_or_instances(self):
        if len({"instance", "instances"} & self.model_fields_set) != 1:
            raise ValueError("Send exactly one of `instance` (one penguin) or `instances` (a batch).")
        return self


class Probabilities(BaseModel):
    Adelie: float
    Chinstrap: float
    Gentoo: float


class Prediction(BaseModel):
    label: Literal["Adelie", "Chinstrap", "Gentoo"]
    probabilities: Probabilities


class PredictResponse(BaseModel):
    predictions: list[Prediction]
    model_version: str
    request_id: str


class ProblemError(Exception):
    """Raised anywhere to answer with an RFC 9457 problem document."""

    def __init__(self, status, code, detail, errors=(), headers=None):
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.errors, self.headers = list(errors), headers or {}


TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
          413: "Content Too Large", 415: "Unsupported Media Type",
          422: "Unprocessable Content", 500: "Internal Server Error", 503: "Service Unavailable"}


def problem(request, status, code, detail, errors=(), headers=None):
    request_id = request.state.request_id
    body = {"type": "about:blank", "title": TITLES.get(status, ""), "status": status,
            "detail": detail, "instance": request.url.path, "code": code,
            "request_id": request_id, "errors": list(errors)}
    return JSONResponse(body, status_code=status, media_type="application/problem+json",
                        headers={"x-request-id": request_id, "cache-control": "no-store",
                                 **(headers or {})})


class Model:
    """The loaded model, or why there is none (reported by /readyz)."""

    session = None
    version = "none"
    id = "none"
    classes: list = []
    reason = "The model is loading."


model = Model()


def load_model(path):
    try:
        with open(path, "rb") as file:
            data = file.read()
        digest = f"sha256:{hashlib.sha256(data).hexdigest()}"
        promoted = os.environ.get("MODEL_ID") or digest
        if promoted.lower().startswith("sha256:") and promoted.lower() != digest:
            raise ValueError(f"MODEL_ID is {promoted}, but the file is {digest}")
        session = ort.InferenceSession(data, providers=["CPUExecutionProvider"])
        metadata = session.get_modelmeta().custom_metadata_map
        model.classes = json.loads(metadata["classes"])
        model.version = metadata["version"]
        model.id = promoted
        model.session = session
    except Exception as error:  # a missing or broken file leaves the process alive but unready
        model.reason = f"The model {path} could not be loaded: {error}"


@asynccontextmanager
async def lifespan(app):
    load_model(os.environ.get("MODEL_PATH", "artifacts/penguins.onnx"))
    yield


app = FastAPI(title="Penguin species prediction API", version="1.0.0", lifespan=lifespan)


@app.middleware("http")
async def edge_checks(request: Request, call_next):
    incoming = request.headers.get("x-request-id", "")
    request.state.request_id = incoming if REQUEST_ID_PATTERN.match(incoming) else str(uuid.uuid4())
    if request.method == "POST" and request.url.path == "/v1/predict":
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return problem(request, 415, "unsupported-media-type",
                           "Send the body as JSON with the header Content-Type: application/json.")
        length = request.headers.get("content-length", "")
        # Checks the declared length only; a reverse proxy in front should cap chunked bodies.
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            return problem(request, 413, "body-too-large",
                           f"The body is larger than {MAX_BODY_BYTES} bytes.")
    response = await call_next(request)
    response.headers["x-request-id"] = request.state.request_id
    return response


@app.exception_handler(ProblemError)
async def on_problem(request: Request, error: ProblemError):
    return problem(request, error.status, error.code, error.detail, error.errors, error.headers)


@app.exception_handler(RequestValidationError)
async def on_invalid_request(request: Request, error: RequestValidationError):
    issues = error.errors()
    if any(issue["type"] == "json_invalid" for issue in issues):
        return problem(request, 400, "malformed-json", "The body is not valid JSON.")
    if any(issue["type"] == "too_long" and tuple(issue["loc"]) == ("body", "instances")
           for issue in issues):
        return problem(request, 413, "batch-too-large",
                       f"A request may carry at most {MAX_BATCH_SIZE} instances. Split it.",
                       [{"path": "instances", "message": f"At most {MAX_BATCH_SIZE} instances per request."}])
    # loc is ("body", "instance", "body_mass_g"); the API's paths leave out "body".
    errors = [{"path": ".".join(str(part) for part in issue["loc"][1:]), "message": issue["msg"]}
              for issue in issues]
    return problem(request, 422, "validation-failed",
                   "The request does not match the schema; see errors.", errors)


@app.exception_handler(StarletteHTTPException)
async def on_http_error(request: Request, error: StarletteHTTPException):
    # FastAPI answers a body it cannot decode (not UTF-8, say) with HTTPException(400).
    codes = {400: "malformed-json", 404: "not-found", 405: "method-not-allowed"}
    code = codes.get(error.status_code, "internal-error")
    return problem(request, error.status_code, code, str(error.detail), (), error.headers)


@app.exception_handler(Exception)
async def on_unexpected_error(request: Request, error: Exception):
    # Starlette still re-raises the error after this answer, so the server logs the traceback;
    # the client gets no internals.
    request_id = request.state.request_id
    return problem(request, 500, "internal-error",
                   f"Something went wrong on our side. Quote request id {request_id} when reporting it.")


# The probes do no blocking work, so they are `async def` and answer from the event loop even
# while every worker thread is busy with inference (a `def` route would wait for a free thread).
@app.get("/healthz")
async def healthz():
    """Liveness: the process answers. It does not look at the model."""
    return {"status": "ok"}


@app.get("/readyz")
async def readyz():
    """Readiness: the model is loaded, so this replica can take traffic."""
    if model.session is None:
        raise ProblemError(503, "model-not-ready", model.reason, headers={"retry-after": "5"})
    return {"status": "ready", "model_version": model.version, "model_id": model.id}


@app.post("/v1/predict", response_model=PredictResponse)
def predict(body: PredictRequest, request: Request, response: Response):
    # A plain `def`: inference blocks, so FastAPI must run it in its thread pool, not on the
    # event loop. onnxruntime releases the GIL inside session.run, so other threads go on.
    if model.session is None:
        raise ProblemError(503, "model-not-ready", model.reason, headers={"retry-after": "5"})
    penguins = [body.instance] if body.instance is not None else body.instances
    rows = np.array([[getattr(p, name) for name in FEATURE_NAMES] for p in penguins],
                    dtype=np.float32)
    probabilities, labels = model.session.run(["probabilities", "label"], {"features": rows})
    predictions = [
        Prediction(label=model.classes[int(label)],
                   probabilities=Probabilities(**{c: float(p) for c, p in zip(model.classes, row)}))
        for row, label in zip(probabilities, labels)
    ]
    response.headers["x-model-id"] = model.id
    return PredictResponse(predictions=predictions, model_version=model.version,
                           request_id=request.state.request_id)

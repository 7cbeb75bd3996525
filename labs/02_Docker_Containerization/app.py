"""Penguin species prediction API: FastAPI + Pydantic, with the booklet's API contract.

The same routes, limits, request schema and RFC 9457 problem documents as the booklet's Hono app
(chapter 3), so a client written against one works against the other:

    POST /v1/predict   {"instance": {...}} or {"instances": [...]} -> predictions
    GET  /healthz      liveness        GET /readyz   readiness (503 until a model is loaded)
    GET  /metrics      Prometheus text GET /openapi.json

Run it (MODEL_PATH defaults to models/penguins.onnx):
    uvicorn app:app --host 127.0.0.1 --port 8000

The model id (`model_id` in /readyz, the `x-model-id` header of every prediction) is $MODEL_ID,
which a pipeline sets to the promoted model's digest, else sha256:<hex> of the file loaded. A
MODEL_ID of the form sha256:<hex> that is not the file's digest keeps the service unready.
"""

import hashlib
import json
import os
import re
import time
import uuid
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
import onnx
import onnxruntime as ort
import prometheus_client
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException

MAX_BATCH_SIZE = 64
MAX_BODY_BYTES = 64 * 1024
FEATURE_NAMES = ("beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g")
SPECIES = ("Adelie", "Chinstrap", "Gentoo")
# What each route accepts, as a 405's Allow header lists it (RFC 9110 §10.2.1). Every GET route
# answers HEAD as well, as the Hono app's do.
ALLOW = {"/v1/predict": "POST", "/healthz": "GET, HEAD", "/readyz": "GET, HEAD",
         "/openapi.json": "GET, HEAD", "/metrics": "GET, HEAD"}
ROUTES = tuple(ALLOW)
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
MODEL_ID = re.compile(r"[\x21-\x7e]{1,256}")  # visible ASCII: it travels in an HTTP header
DIGEST_ID = re.compile(r"sha256:[0-9a-f]{64}", re.IGNORECASE)
MODEL_ID_HEADER = "x-model-id"
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
NO_STORE = {"cache-control": "no-store"}  # answers are about this moment: caches must not keep them


# The request schema. Bounds reject unit mistakes (kilograms, metres), not unusual birds.
BOUNDS = {
    "beak_length_mm": (25, 70, "mm"),
    "beak_depth_mm": (10, 25, "mm"),
    "flipper_length_mm": (150, 240, "mm"),
    "body_mass_g": (2000, 7000, "g"),
}


def measurement(name: str, description: str):
    low, high, _ = BOUNDS[name]
    # strict: "39.1" (a string) or true is an error, not silently converted; ints are still numbers.
    return Field(strict=True, allow_inf_nan=False, ge=low, le=high, description=description)


class PenguinFeatures(BaseModel):
    """Measurements of one penguin. Unknown fields are rejected, so a typo is an error."""

    model_config = ConfigDict(extra="forbid")

    beak_length_mm: Annotated[float, measurement("beak_length_mm", "Beak length in mm, 25 to 70.")]
    beak_depth_mm: Annotated[float, measurement("beak_depth_mm", "Beak depth in mm, 10 to 25.")]
    flipper_length_mm: Annotated[
        float, measurement("flipper_length_mm", "Flipper length in mm, 150 to 240.")
    ]
    body_mass_g: Annotated[float, measurement("body_mass_g", "Body mass in g, 2000 to 7000.")]
    # May be left out, but not sent as null (defaults are not validated; an explicit null is).
    island: Literal["Biscoe", "Dream", "Torgersen"] = Field(default=None, description="Not used by the model.")
    sex: Literal["female", "male"] = Field(default=None, description="Not used by the model.")


class PredictRequest(BaseModel):
    """Either `instance` (one penguin) or `instances` (a batch), never both."""

    # The validator below enforces "exactly one"; json_schema_extra says so in the OpenAPI document.
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "oneOf": [{"required": ["instance"]}, {"required": ["instances"]}]})

    instance: PenguinFeatures = Field(default=None)
    instances: list[PenguinFeatures] = Field(default=None, min_length=1, max_length=MAX_BATCH_SIZE)

    @model_validator(mode="after")
    def exactly_one(self):
        if len({"instance", "instances"} & self.model_fields_set) != 1:
            raise ValueError("Send either `instance` or `instances`, not both and not neither.")
        return self


class Prediction(BaseModel):
    label: Literal["Adelie", "Chinstrap", "Gentoo"]
    probabilities: dict[Literal["Adelie", "Chinstrap", "Gentoo"], float]


class PredictResponse(BaseModel):
    predictions: list[Prediction]
    model_version: str
    request_id: str


class Ready(BaseModel):
    status: Literal["ready"]
    model_version: str
    model_id: str = Field(description="Id of the model file served: the MODEL_ID the deployment promoted, "
                          "else sha256:<hex> of the file loaded. Also the x-model-id header of predictions.")


class FieldError(BaseModel):
    path: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document (media type application/problem+json)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    code: str
    request_id: str
    errors: list[FieldError] = []


# RFC 9457 problem details: one code per kind of error, the same codes and statuses as the Hono app.
PROBLEMS = {
    "malformed-json": (400, "Bad Request"),
    "unsupported-media-type": (415, "Unsupported Media Type"),
    "body-too-large": (413, "Content Too Large"),
    "batch-too-large": (413, "Content Too Large"),
    "validation-failed": (422, "Unprocessable Content"),
    "model-not-ready": (503, "Service Unavailable"),
    "not-found": (404, "Not Found"),
    "method-not-allowed": (405, "Method Not Allowed"),
    "internal-error": (500, "Internal Server Error"),
}


class ProblemError(Exception):
    """Raised anywhere to answer with a problem document."""

    def __init__(self, code, detail, errors=(), headers=None):
        super().__init__(detail)
        self.code, self.detail, self.errors, self.headers = code, detail, list(errors), headers or {}


def problem_response(request_id, path, code, detail, errors=(), headers=None) -> JSONResponse:
    status, title = PROBLEMS[code]
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "instance": path, "code": code, "request_id": request_id, "errors": list(errors)}
    return JSONResponse(body, status_code=status, media_type="application/problem+json",
                        headers={**NO_STORE, **(headers or {})})


def field_errors(issues) -> list[dict]:
    """Pydantic's issues as {path, message}, worded like the booklet's API where they differ."""
    errors = []
    for issue in issues:
        loc = [str(part) for part in issue["loc"][1:]]  # drop the leading "body"
        message = issue["msg"]
        unit = BOUNDS.get(loc[-1], (0, 0, ""))[2] if loc else ""
        if issue["type"] == "missing":
            message = "Required."
        elif issue["type"] == "extra_forbidden":
            message = "Unknown field."
        elif issue["type"] == "greater_than_equal":
            message = f"Must be at least {issue['ctx']['ge']:g} {unit}."
        elif issue["type"] == "less_than_equal":
            message = f"Must be at most {issue['ctx']['le']:g} {unit}."
        errors.append({"path": ".".join(loc), "message": message})
    return errors


class Model:
    """An ONNX classifier with the booklet's tensors: input `features` float32 [N, 4] in raw units,
    outputs `probabilities` float32 [N, 3] and `label` [N].

    Two kinds of file qualify. The booklet's model carries `classes` and `version` metadata and an
    int64 label (an index into classes). skl2onnx's export of lab 01 carries no metadata and a
    string label; its classes are read from the classifier node, and its version is made from
    the file's name and content hash, so two different files never report the same version.
    """

    def __init__(self, path: str):
        data = Path(path).read_bytes()
        self.id = resolve_model_id(data, os.environ.get("MODEL_ID"))
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # a tiny model: threads cost more than they save
        self.session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
        metadata = self.session.get_modelmeta().custom_metadata_map
        if "classes" in metadata:
            self.classes = json.loads(metadata["classes"])
        else:
            self.classes = classes_from_graph(onnx.load_model_from_string(data))
        self.version = metadata.get("version") or f"{Path(path).stem}-{hashlib.sha256(data).hexdigest()[:12]}"
        inputs = [i.name for i in self.session.get_inputs()]
        outputs = [o.name for o in self.session.get_outputs()]
        if inputs != ["features"] or not {"probabilities", "label"} <= set(outputs):
            raise ValueError(f"expected input features and outputs probabilities, label; got {inputs}, {outputs}")
        if sorted(self.classes) != sorted(SPECIES):
            raise ValueError(f"the model's classes {self.classes} are not the API's species")

    def predict(self, rows: np.ndarray) -> list[dict]:
        probabilities, labels = self.session.run(["probabilities", "label"], {"features": rows})
        names = [self.classes[int(x)] if labels.dtype.kind in "iu" else str(x) for x in labels]
        return [
            {"label": name, "probabilities": {c: float(p) for c, p in zip(self.classes, row)}}
            for name, row in zip(names, probabilities)
        ]


def resolve_model_id(data: bytes, configured: str | None) -> str:
    """$MODEL_ID when set and not empty, else sha256:<hex> of the file. Fails closed (ValueError) on
    a value a header cannot carry, or on a sha256 digest of other bytes: a swapped file must not
    claim the promoted id."""
    digest = f"sha256:{hashlib.sha256(data).hexdigest()}"
    if not configured:
        return digest
    if not MODEL_ID.fullmatch(configured):
        raise ValueError("MODEL_ID must be 1 to 256 visible ASCII characters (no spaces), such as sha256:<hex>.")
    if DIGEST_ID.fullmatch(configured) and configured.lower() != digest:
        raise ValueError(f"MODEL_ID is {configured}, but the model file loaded is {digest}: "
                         "the file is not the promoted model.")
    return configured


def classes_from_graph(model: onnx.ModelProto) -> list[str]:
    """Class names stored in a classifier node (ai.onnx.ml), as skl2onnx writes them."""
    for node in model.graph.node:
        for attribute in node.attribute:
            if attribute.name == "classlabels_strings":
                return [s.decode() for s in attribute.strings]
    raise ValueError("the model has no `classes` metadata and no classifier node with string labels")


class Metrics:
    """The Hono app's metric names, so one dashboard and one alert file serve both services."""

    def __init__(self):
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("http_requests", "HTTP requests answered, by route and status code.",
                                ["route", "status"], registry=r)
        self.latency = Histogram("http_request_duration_seconds",
                                 "Time from receiving a request to having its response, in seconds.",
                                 ["route"], buckets=LATENCY_BUCKETS, registry=r)
        self.predictions = Counter("model_predictions", "Predictions returned, by predicted label.",
                                   ["label"], registry=r)
        self.info = Gauge("model_info", "The model currently loaded; the value is always 1.",
                          ["version"], registry=r)
        self.ready = Gauge("model_ready", "Whether the model can serve predictions (1) or not (0).",
                           registry=r)


prometheus_client.disable_created_metrics()  # no *_created series: the Hono app has none


def refuse_constant(name: str):
    """json.loads calls this for NaN, Infinity and -Infinity, which RFC 8259 §6 leaves out of JSON."""
    raise ValueError(f"{name} is not a JSON value")


class Edge:
    """Outermost ASGI middleware. For every request: a request id, the x-request-id header and the
    metrics. For POST /v1/predict, in the Hono app's order and before any validation: the media
    type (415), then the body size (413), counted on the bytes as they arrive, so an oversized
    upload costs at most MAX_BODY_BYTES of memory even without a Content-Length, then strict
    JSON (400)."""

    def __init__(self, app, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        incoming = headers.get("x-request-id", "")
        request_id = incoming if REQUEST_ID.fullmatch(incoming) else str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            if scope["method"] == "POST" and scope["path"] == "/v1/predict":
                early, receive = await self.read_predict_body(headers, receive)
                if early is not None:
                    code, detail = early
                    return await problem_response(request_id, scope["path"], code, detail)(
                        scope, receive, send_with_id)
            await self.app(scope, receive, send_with_id)
        finally:
            route = scope["path"] if scope["path"] in ROUTES else "unmatched"
            self.metrics.requests.labels(route, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)

    @staticmethod
    async def read_predict_body(headers, receive):
        media_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return ("unsupported-media-type",
                    "Send the body as JSON with the header Content-Type: application/json."), receive
        too_large = ("body-too-large", f"The body is larger than {MAX_BODY_BYTES} bytes.")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return too_large, receive
        chunks, total, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away
            chunks.append(message.get("body", b""))
            total += len(chunks[-1])
            if total > MAX_BODY_BYTES:
                return too_large, receive
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False
        try:
            text = body.decode("utf-8-sig")  # a leading byte order mark is dropped, as TextDecoder does
        except UnicodeDecodeError:
            return ("malformed-json", "The body is not valid UTF-8 text."), receive
        try:
            # Only to refuse what is not JSON; FastAPI parses the body (at most 64 KiB) again.
            json.loads(text, parse_constant=refuse_constant)
        except ValueError as error:
            return ("malformed-json", f"The body is not valid JSON: {str(error)[:200]}"), receive

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return None, replay


def create_app(model_path: str | None = None) -> FastAPI:
    """The API; the model is loaded at startup from `model_path`, else $MODEL_PATH."""
    metrics = Metrics()
    state = {"model": None, "reason": "The model is loading."}

    @asynccontextmanager
    async def lifespan(app):
        path = model_path or os.environ.get("MODEL_PATH", "models/penguins.onnx")
        try:
            state["model"] = Model(path)
            metrics.info.labels(state["model"].version).set(1)
        except Exception as error:  # noqa: BLE001 - a broken file leaves the process alive, not ready
            state["reason"] = f"The model {path} could not be loaded: {error}"
            metrics.info.labels("none").set(1)
        metrics.ready.set(1 if state["model"] else 0)
        yield

    problem_docs = {status: {"model": Problem, "content": {"application/problem+json": {}}}
                    for status in (400, 413, 415, 422, 503)}
    app = FastAPI(title="Penguin species prediction API", version="1.0.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None, redirect_slashes=False)
    app.add_middleware(Edge, metrics=metrics)

    def problem(request: Request, code, detail, errors=(), headers=None):
        return problem_response(request.state.request_id, request.url.path, code, detail, errors, headers)

    @app.exception_handler(ProblemError)
    async def on_problem(request: Request, error: ProblemError):
        return problem(request, error.code, error.detail, error.errors, error.headers)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, error: RequestValidationError):
        issues = error.errors()  # the body is JSON: Edge has refused anything else
        for i in issues:
            if i["type"] == "too_long" and tuple(i["loc"]) == ("body", "instances"):
                n = i["ctx"]["actual_length"]
                return problem(request, "batch-too-large",
                               f"A request may carry at most {MAX_BATCH_SIZE} instances; this one has {n}. "
                               "Split it into smaller batches.",
                               [{"path": "instances", "message": f"At most {MAX_BATCH_SIZE} instances per request."}])
        return problem(request, "validation-failed", "The request does not match the schema; see errors.",
                       field_errors(issues))

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, error: HTTPException):
        if error.status_code == 404:
            return problem(request, "not-found", f"There is no route {request.method} {request.url.path[:200]}.")
        if error.status_code == 405:
            allow = ALLOW[request.url.path]
            return problem(request, "method-not-allowed", f"{request.url.path} accepts {allow} only.",
                           headers={"allow": allow})
        return problem(request, "malformed-json", str(error.detail))  # FastAPI's 400: an undecodable body

    @app.exception_handler(Exception)
    async def on_error(request: Request, error: Exception):
        # The client gets no internals; the server still logs the traceback.
        return problem(request, "internal-error",
                       f"Something went wrong on our side. Quote request id {request.state.request_id}.")

    @app.head("/healthz", include_in_schema=False)
    @app.get("/healthz")
    def healthz(response: Response):
        """Liveness: the process answers. It does not look at the model."""
        response.headers.update(NO_STORE)
        return {"status": "ok"}

    @app.head("/readyz", include_in_schema=False)
    @app.get("/readyz", response_model=Ready, responses={503: problem_docs[503]})
    def readyz(response: Response):
        """Readiness: a model is loaded, so this replica can take traffic."""
        if state["model"] is None:
            raise ProblemError("model-not-ready", state["reason"], headers={"retry-after": "5"})
        response.headers.update(NO_STORE)
        return {"status": "ready", "model_version": state["model"].version, "model_id": state["model"].id}

    # The text exposition format 0.0.4, the version the Hono app sends.
    metrics_docs = {200: {"description": "Metrics in the Prometheus text exposition format.",
                          "content": {"text/plain": {"schema": {"type": "string"}}}}}

    @app.head("/metrics", include_in_schema=False)
    @app.get("/metrics", response_class=PlainTextResponse, responses=metrics_docs)
    def metrics_text():
        return PlainTextResponse(prometheus_client.generate_latest(metrics.registry),
                                 media_type=prometheus_client.CONTENT_TYPE_PLAIN_0_0_4, headers=NO_STORE)

    model_id_doc = {"description": "Id of the model file that answered: the promoted MODEL_ID, else "
                                   "sha256:<hex> of the file.", "required": True, "schema": {"type": "string"}}

    @app.post("/v1/predict", response_model=PredictResponse,
              responses={**problem_docs, 200: {"headers": {MODEL_ID_HEADER: model_id_doc}}})
    def predict(body: PredictRequest, request: Request, response: Response):
        # A plain `def`: FastAPI runs it in a worker thread, so inference never blocks the event loop.
        model = state["model"]
        if model is None:
            raise ProblemError("model-not-ready", state["reason"], headers={"retry-after": "5"})
        penguins = [body.instance] if body.instance is not None else body.instances
        rows = np.array([[getattr(p, name) for name in FEATURE_NAMES] for p in penguins], dtype=np.float32)
        predictions = model.predict(rows)
        for p in predictions:
            metrics.predictions.labels(p["label"]).inc()
        response.headers.update({**NO_STORE, MODEL_ID_HEADER: model.id})
        return {"predictions": predictions, "model_version": model.version,
                "request_id": request.state.request_id}

    return app


app = create_app()

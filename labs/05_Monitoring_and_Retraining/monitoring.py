"""A penguin classifier in production, simulated: a request stream, a service that validates and
predicts with onnxruntime, labels that arrive late, and a retraining loop with a champion/challenger
check. The notebook writes this file (%%writefile) and runs it; the tests import it.
"""

import time
from dataclasses import dataclass, field

import numpy as np
import onnxruntime as ort
import pandas as pd
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = ["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"]
COLUMNS = {
    "Species": "species",
    "Island": "island",
    "Beak Length (mm)": "beak_length_mm",
    "Beak Depth (mm)": "beak_depth_mm",
    "Flipper Length (mm)": "flipper_length_mm",
    "Body Mass (g)": "body_mass_g",
    "Sex": "sex",
}
# The booklet API's validation bounds: wider than any real bird, narrow enough to refuse a unit
# slip.
BOUNDS = {
    "beak_length_mm": (25, 70),
    "beak_depth_mm": (10, 25),
    "flipper_length_mm": (150, 240),
    "body_mass_g": (2000, 7000),
}
# The API's latency buckets in seconds (src/lib/api/metrics.ts in the booklet).
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
SWAP = {"Adelie": "Chinstrap", "Chinstrap": "Adelie", "Gentoo": "Gentoo"}


def load_penguins(path) -> pd.DataFrame:
    """Birds with a species and all four measurements, with snake_case column names."""
    frame = pd.read_csv(path).rename(columns=COLUMNS)
    return frame.dropna(subset=["species", *FEATURES]).reset_index(drop=True)


def make_stream(birds, n, seed, change=None, change_at=None, share=1.0) -> pd.DataFrame:
    """`n` requests resampled from `birds` with small Gaussian noise (2 % of each feature's std).
    From request `change_at`, `change` applies to a `share` of the requests: "unit-bug" sends body
    mass in kilograms; "label-swap" makes the correct label of Adelie and Chinstrap the other one
    (concept drift)."""
    rng = np.random.default_rng(seed)
    stream = birds.iloc[rng.integers(0, len(birds), n)].reset_index(drop=True)
    noise = rng.normal(0, 1, (n, len(FEATURES))) * 0.02 * birds[FEATURES].std().to_numpy()
    stream[FEATURES] = (stream[FEATURES].to_numpy() + noise).round(1)
    stream.insert(0, "step", np.arange(n))
    if change is not None:
        after = (stream["step"] >= change_at) & (rng.random(n) < share)
        if change == "unit-bug":
            stream.loc[after, "body_mass_g"] = (stream.loc[after, "body_mass_g"] / 1000).round(3)
        elif change == "label-swap":
            stream.loc[after, "species"] = stream.loc[after, "species"].map(SWAP)
        else:
            raise ValueError(f"unknown change {change!r}")
    return stream


def train(frame: pd.DataFrame):
    """Standardize, then logistic regression: the same recipe as the deployed model."""
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    return model.fit(frame[FEATURES].to_numpy(np.float32), frame["species"])


def export(model) -> bytes:
    """ONNX bytes from skl2onnx, with plain probability tensors (no ZipMap)."""
    proto = convert_sklearn(
        model,
        initial_types=[("features", FloatTensorType([None, len(FEATURES)]))],
        options={LogisticRegression: {"zipmap": False}},
        target_opset=17,
    )
    proto.graph.name = "penguin_classifier"
    return proto.SerializeToString()


def session(onnx_bytes: bytes) -> ort.InferenceSession:
    """An onnxruntime session on one thread (as a small service would run it)."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(onnx_bytes, options, providers=["CPUExecutionProvider"])


def predict(sess: ort.InferenceSession, frame: pd.DataFrame) -> np.ndarray:
    """Predicted labels for the rows of `frame`."""
    features = frame[FEATURES].to_numpy(np.float32)
    return np.asarray(sess.run(["label"], {"features": features})[0])


def invalid_fields(row) -> list[str]:
    """Features outside the API's bounds (the API answers 422 for these)."""
    return [name for name, (low, high) in BOUNDS.items() if not low <= row[name] <= high]


def serve(sess: ort.InferenceSession, stream: pd.DataFrame) -> pd.DataFrame:
    """One request per row, as the API handles it: validate, then predict one row. Returns a log
    with status (200 or 422), measured latency in seconds and the prediction."""
    records = []
    for row in stream.itertuples(index=False):
        started = time.perf_counter()
        bad = invalid_fields(row._asdict())
        if bad:
            status, label = 422, None
        else:
            features = np.array([[getattr(row, name) for name in FEATURES]], dtype=np.float32)
            status, label = 200, str(sess.run(["label"], {"features": features})[0][0])
        latency = time.perf_counter() - started
        records.append({"step": row.step, "status": status, "latency_s": latency, "label": label})
    return pd.DataFrame(records)


def to_prometheus(log: pd.DataFrame, ready: bool = True) -> str:
    """The service log as the booklet API exposes it on /metrics (same names, labels and latency
    buckets), in the Prometheus text format, via prometheus_client."""
    disable_created_metrics()  # the API exports no *_created series
    registry = CollectorRegistry()
    requests = Counter(
        "http_requests",
        "HTTP requests answered, by route and status code.",
        ["route", "status"],
        registry=registry,
    )
    latency = Histogram(
        "http_request_duration_seconds",
        "Time from receiving a request to having its response, in seconds.",
        ["route"],
        buckets=LATENCY_BUCKETS,
        registry=registry,
    )
    predictions = Counter(
        "model_predictions",
        "Predictions returned, by predicted label.",
        ["label"],
        registry=registry,
    )
    Gauge(
        "model_ready", "Whether the model can serve predictions (1) or not (0).", registry=registry
    ).set(1 if ready else 0)
    for row in log.itertuples(index=False):
        requests.labels("/v1/predict", str(row.status)).inc()
        latency.labels("/v1/predict").observe(row.latency_s)
        if row.label is not None:
            predictions.labels(row.label).inc()
    return generate_latest(registry).decode()


def by_window(log: pd.DataFrame, stream: pd.DataFrame, size: int, delay: int) -> pd.DataFrame:
    """Service and model signals per window of `size` requests. Accuracy is computed when the
    labels arrive, `delay` requests after the prediction, so it lags the requests it describes."""
    frame = log.assign(
        window=log["step"] // size,
        correct=log["label"] == stream["species"],
        label_window=(log["step"] + delay) // size,
    )
    served = frame[frame["status"] == 200]
    signals = frame.groupby("window").agg(
        p50_ms=("latency_s", lambda s: 1000 * s.quantile(0.5)),
        p99_ms=("latency_s", lambda s: 1000 * s.quantile(0.99)),
        error_rate=("status", lambda s: (s >= 400).mean()),
    )
    signals["accuracy_known"] = served.groupby("label_window")["correct"].mean()
    return signals


@dataclass
class Policy:
    """When to retrain, on what, and how to judge the challenger."""

    threshold: float = 0.85  # retrain when accuracy over the last `window` labels falls below
    window: int = 100
    min_new_labels: int = 100  # labels that must arrive between two retrains (a cooldown)
    retrain_rows: int = 200  # the most recent labelled requests a retrain learns from...
    holdout_share: float = 0.25  # ...minus the newest quarter, kept to compare the two models
    delay: int = 150  # requests between a prediction and its label
    batch: int = 50  # requests served between two checks


@dataclass
class Champion:
    """The serving model, its ONNX bytes, and the data it was trained on (the drift reference)."""

    version: int
    session: ort.InferenceSession
    onnx_bytes: bytes
    reference: pd.DataFrame


@dataclass
class LoopResult:
    log: pd.DataFrame  # one row per request: served_by, prediction, correct
    events: list = field(default_factory=list)  # one dict per retrain
    champion: Champion | None = None


def window_accuracy(log: pd.DataFrame, labelled_until: int, window: int, version: int) -> float:
    """Accuracy of the serving model over the last `window` of its requests whose labels have
    arrived; NaN (no decision) until it has served that many labelled requests."""
    mine = log[(log["step"] < labelled_until) & (log["served_by"] == version)].tail(window)
    return float(mine["correct"].mean()) if len(mine) == window else float("nan")


def retrain(champion: Champion, labelled: pd.DataFrame, policy: Policy, step: int):
    """Trains a challenger on the recent labels, re-exports it to ONNX, and compares both models
    on the same fresh holdout. Returns the event and the new champion (or the old one)."""
    recent = labelled.tail(policy.retrain_rows)
    cut = len(recent) - int(len(recent) * policy.holdout_share)
    fit_rows, holdout = recent.iloc[:cut], recent.iloc[cut:]
    onnx_bytes = export(train(fit_rows))
    challenger = session(onnx_bytes)
    truth = holdout["species"].to_numpy()
    champion_acc = float((predict(champion.session, holdout) == truth).mean())
    challenger_acc = float((predict(challenger, holdout) == truth).mean())
    swap = challenger_acc > champion_acc
    event = {
        "step": step,
        "trained_on": len(fit_rows),
        "holdout": len(holdout),
        "champion_accuracy": champion_acc,
        "challenger_accuracy": challenger_acc,
        "swapped": swap,
        "version": champion.version + 1 if swap else champion.version,
    }
    if swap:
        # The rule: after a swap, the new model's training data is the drift reference.
        champion = Champion(champion.version + 1, challenger, onnx_bytes, fit_rows)
    return event, champion


def run_loop(stream: pd.DataFrame, champion: Champion, policy: Policy) -> LoopResult:
    """Serves the stream batch by batch with the champion, lets labels arrive `delay` requests
    late, and retrains when windowed accuracy falls below the threshold."""
    log = stream.assign(served_by=0, prediction="", correct=False)
    events, labels_at_last_retrain = [], 0
    # NaN < threshold is False: no retrain before the window is full.
    for start in range(0, len(stream), policy.batch):
        rows = slice(start, min(start + policy.batch, len(stream)))
        batch = stream.iloc[rows]
        predictions = predict(champion.session, batch)
        log.loc[batch.index, "served_by"] = champion.version
        log.loc[batch.index, "prediction"] = predictions
        log.loc[batch.index, "correct"] = predictions == batch["species"].to_numpy()
        now = rows.stop
        labelled_until = max(0, now - policy.delay)
        accuracy = window_accuracy(log, labelled_until, policy.window, champion.version)
        enough_new = labelled_until - labels_at_last_retrain >= policy.min_new_labels
        if accuracy < policy.threshold and enough_new:
            labelled = stream.iloc[:labelled_until]
            event, champion = retrain(champion, labelled, policy, now)
            events.append({**event, "window_accuracy": accuracy})
            labels_at_last_retrain = labelled_until
    return LoopResult(log, events, champion)

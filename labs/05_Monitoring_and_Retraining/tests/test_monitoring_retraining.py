"""The simulated service and the retraining loop: the stream changes as described, the service
answers like the API, and the loop swaps in a better model and recovers accuracy on the shifted
stream, while leaving a healthy stream alone."""

import numpy as np
import onnx
import pandas as pd
import pytest
from sklearn.model_selection import train_test_split


@pytest.fixture(scope="module")
def deployed(monitoring, birds):
    train_rows, _ = train_test_split(
        birds, test_size=0.2, random_state=42, stratify=birds["species"]
    )
    onnx_bytes = monitoring.export(monitoring.train(train_rows))
    return monitoring.Champion(0, monitoring.session(onnx_bytes), onnx_bytes, train_rows)


def test_streams_are_seeded_and_change_where_told(monitoring, birds):
    first = monitoring.make_stream(birds, 400, seed=4, change="label-swap", change_at=200)
    again = monitoring.make_stream(birds, 400, seed=4, change="label-swap", change_at=200)
    pd.testing.assert_frame_equal(first, again)
    plain = monitoring.make_stream(birds, 400, seed=4)
    pd.testing.assert_frame_equal(first[monitoring.FEATURES], plain[monitoring.FEATURES])
    changed = first["species"] != plain["species"]
    assert not changed[:200].any()
    assert (changed[200:] == plain["species"][200:].isin(["Adelie", "Chinstrap"])).all()
    bug = monitoring.make_stream(birds, 400, seed=4, change="unit-bug", change_at=200)
    ratio = bug["body_mass_g"] / plain["body_mass_g"]
    assert np.allclose(ratio[:200], 1) and np.allclose(ratio[200:], 1 / 1000, rtol=1e-3)


def test_export_has_no_zipmap_and_agrees_with_scikit_learn(monitoring, birds):
    model = monitoring.train(birds)
    onnx_bytes = monitoring.export(model)
    proto = onnx.load_from_string(onnx_bytes)
    onnx.checker.check_model(proto, full_check=True)
    assert not any(node.op_type == "ZipMap" for node in proto.graph.node)
    features = birds[monitoring.FEATURES].to_numpy(np.float32)
    labels = monitoring.predict(monitoring.session(onnx_bytes), birds)
    assert list(labels) == list(model.predict(features))


def test_service_rejects_out_of_bounds_requests_and_predicts_the_rest(monitoring, birds, deployed):
    stream = monitoring.make_stream(birds, 300, seed=8, change="unit-bug", change_at=100, share=0.3)
    log = monitoring.serve(deployed.session, stream)
    kilograms = stream["body_mass_g"] < 100
    assert ((log["status"] == 422) == kilograms).all()
    assert 0.2 < kilograms[100:].mean() < 0.4 and not kilograms[:100].any()
    served = log["status"] == 200
    batch = monitoring.predict(deployed.session, stream[served])
    assert list(log.loc[served, "label"]) == list(batch)
    assert (log["latency_s"] > 0).all()


def test_windows_show_the_error_rate_at_once_and_accuracy_late(monitoring, birds, deployed):
    stream = monitoring.make_stream(birds, 600, seed=9, change="label-swap", change_at=300)
    log = monitoring.serve(deployed.session, stream)
    windows = monitoring.by_window(log, stream, size=100, delay=150)
    assert (windows["error_rate"] == 0).all()
    # labels of requests 0-49 arrive in window 1: window 0 knows no accuracy at all
    assert np.isnan(windows.loc[0, "accuracy_known"])
    # the swap at request 300 shows only once its labels arrive, in window 4 (300 + 150)
    assert windows.loc[1:3, "accuracy_known"].min() > 0.95
    assert windows.loc[5, "accuracy_known"] < 0.6


def test_loop_leaves_a_healthy_stream_alone(monitoring, birds, deployed):
    stream = monitoring.make_stream(birds, 1200, seed=7)
    result = monitoring.run_loop(stream, deployed, monitoring.Policy())
    assert result.events == []
    assert result.champion is deployed
    assert result.log["correct"].mean() > 0.97


def test_loop_swaps_after_concept_drift_and_accuracy_recovers(monitoring, birds, deployed):
    stream = monitoring.make_stream(birds, 1500, seed=7, change="label-swap", change_at=600)
    policy = monitoring.Policy()
    result = monitoring.run_loop(stream, deployed, policy)
    swaps = [event for event in result.events if event["swapped"]]
    assert swaps, result.events
    first = swaps[0]
    assert first["step"] > 600 and first["challenger_accuracy"] > first["champion_accuracy"]
    assert all(e["window_accuracy"] < policy.threshold for e in result.events)
    log = result.log
    before = log[log["step"] < 600]["correct"].mean()
    broken = log[(log["step"] >= 600) & (log["step"] < first["step"])]["correct"].mean()
    after = log[log["step"] >= 1200]["correct"].mean()
    assert before > 0.97 and broken < 0.6 and after > 0.85
    # the versions that served the stream only ever go up, and the last one is the champion
    assert log["served_by"].is_monotonic_increasing
    assert log["served_by"].iloc[-1] == result.champion.version >= 1
    # the rule: the new champion's training data is the drift reference, all of it labelled
    # before the retrain that produced it
    reference = result.champion.reference
    last_swap = swaps[-1]
    assert len(reference) == last_swap["trained_on"]
    assert reference["step"].max() < last_swap["step"] - policy.delay


def test_a_challenger_that_is_not_better_is_refused(monitoring, birds, deployed):
    stream = monitoring.make_stream(birds, 400, seed=12)  # nothing changed: no better model
    labelled = stream.iloc[:300]
    event, champion = monitoring.retrain(deployed, labelled, monitoring.Policy(), step=450)
    assert event["swapped"] is False and champion is deployed
    assert event["holdout"] == 50 and event["trained_on"] == 150
    assert event["champion_accuracy"] >= event["challenger_accuracy"]

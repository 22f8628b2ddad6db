"""Tests of nnfs_lib.training: minibatches, train_step, fit, History, EarlyStopping, evaluate,
snapshot/restore and train_neuron (Part I's neuron on the same loop)."""

from __future__ import annotations

import re
import time
import warnings

import numpy as np
import pytest

from nnfs_lib.clipping import ClipGradNorm
from nnfs_lib.data.toy import make_blobs, make_sine, make_spiral, make_xor, xor_truth_table
from nnfs_lib.layers import BatchNorm, Dense, Dropout, ReLU, Sequential
from nnfs_lib.losses import MeanSquaredError, SoftmaxCrossEntropy
from nnfs_lib.metrics import accuracy, root_mean_squared_error
from nnfs_lib.models import build_mlp, build_residual_mlp
from nnfs_lib.neuron import neuron_cost, neuron_gradients
from nnfs_lib.optimizers import SGD, Adam
from nnfs_lib.regularization import Penalty
from nnfs_lib.schedules import StepDecay
from nnfs_lib.training import (
    EarlyStopping,
    History,
    evaluate,
    fit,
    minibatches,
    restore,
    snapshot,
    train_neuron,
    train_step,
)
from nnfs_lib.transforms import Transform

X_HAND = np.array([[1.0, 2.0], [3.0, -1.0]])
Y_HAND = np.array([1, 0])


def small_model(seed: int = 0, width: int = 16, dtype: type = np.float32) -> Sequential:
    return Sequential(
        [
            Dense(2, width, seed, dtype=dtype),
            BatchNorm(width, dtype=dtype),
            ReLU(),
            Dense(width, 3, seed + 1, dtype=dtype),
        ]
    )


def spiral(seed: int = 0, n: int = 40):
    return make_spiral(n, 3, rng=seed, noise=0.3)


# minibatches: the one batching rule ----------------------------------------------------


def test_minibatches_whole_set_keeps_order_and_ignores_rng(rng) -> None:
    state = rng.bit_generator.state
    for batch_size in (None, 7):
        (batch,) = minibatches(7, batch_size, rng)
        np.testing.assert_array_equal(batch, np.arange(7))
    assert rng.bit_generator.state == state  # no random number drawn


def test_minibatches_shuffle_cover_each_row_once_last_may_be_smaller(rng) -> None:
    batches = minibatches(10, 3, rng)
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(10))
    assert not np.array_equal(np.concatenate(batches), np.arange(10))  # shuffled


def test_minibatches_shuffle_differently_every_epoch_and_follow_the_seed() -> None:
    a, b = np.random.default_rng(5), np.random.default_rng(5)
    first, second = minibatches(20, 5, a), minibatches(20, 5, a)
    assert not np.array_equal(np.concatenate(first), np.concatenate(second))
    np.testing.assert_array_equal(np.concatenate(first), np.concatenate(minibatches(20, 5, b)))


@pytest.mark.parametrize("batch_size", [1, 4, 9, 10])
def test_minibatches_count_is_ceil_n_over_batch_size(rng, batch_size: int) -> None:
    assert len(minibatches(10, batch_size, rng)) == -(-10 // batch_size)


@pytest.mark.parametrize(
    ("n", "batch_size", "error", "match"),
    [
        (5, 0, ValueError, "batch_size must be in"),
        (5, 6, ValueError, r"batch_size must be in \[1, 5\]; got 6"),
        (5, 2.0, TypeError, "batch_size must be an integer"),
        (0, None, ValueError, "n must be >= 1"),
    ],
)
def test_minibatches_validate(rng, n, batch_size, error, match) -> None:
    with pytest.raises(error, match=match):
        minibatches(n, batch_size, rng)


# train_step and evaluate ----------------------------------------------------------------


def test_train_step_is_forward_loss_backward_step(rng) -> None:
    X, y = spiral()
    model = small_model(dtype=np.float64)
    twin = small_model(dtype=np.float64)
    loss = SoftmaxCrossEntropy()
    cost = train_step(model, loss, SGD(model.parameters(), lr=0.1), X.astype(np.float64), y)
    expected = loss.forward(twin.forward(X.astype(np.float64)), y)
    twin.backward(loss.backward())
    assert cost == expected
    for p, q in zip(model.parameters(), twin.parameters(), strict=True):
        np.testing.assert_array_equal(p.data, q.data - 0.1 * q.grad)


def test_evaluate_is_inference_mode_and_changes_nothing() -> None:
    X, y = spiral()
    model = Sequential([Dense(2, 8, 0), ReLU(), Dropout(0.5, 0), Dense(8, 3, 1)]).train()
    before = snapshot(model)
    grads = [p.grad.copy() for p in model.parameters()]
    first = evaluate(model, SoftmaxCrossEntropy(), X, y)
    assert first == evaluate(model, SoftmaxCrossEntropy(), X, y)  # no dropout noise
    assert first == SoftmaxCrossEntropy().forward(model.predict(X), y)
    assert all(layer.training for layer in model.layers)  # mode restored
    for a, b in zip(before, snapshot(model), strict=True):
        np.testing.assert_array_equal(a, b)
    for g, p in zip(grads, model.parameters(), strict=True):
        np.testing.assert_array_equal(g, p.grad)


def test_evaluate_validates() -> None:
    X, y = spiral()
    with pytest.raises(ValueError, match="same number of rows"):
        evaluate(small_model(), SoftmaxCrossEntropy(), X, y[:-1])
    with pytest.raises(ValueError, match="X must be finite"):
        evaluate(small_model(), SoftmaxCrossEntropy(), np.full_like(X, np.nan), y)


# fit and History --------------------------------------------------------------------------


def test_history_entry_zero_is_before_training_and_k_after_epoch_k() -> None:
    X, y = spiral()
    Xv, yv = spiral(1)
    model, loss = small_model(), SoftmaxCrossEntropy()
    start_cost, start_val = evaluate(model, loss, X, y), evaluate(model, loss, Xv, yv)
    start_acc = accuracy(model, X, y)
    h = fit(model, loss, SGD(model.parameters(), lr=0.2), X, y, epochs=3, batch_size=32,
            X_val=Xv, y_val=yv, evaluate=True, record_parameters=True)  # fmt: skip
    assert h.epochs == 3
    for values in (h.train_loss, h.train_accuracy, h.val_loss, h.val_accuracy, h.parameters):
        assert len(values) == 4
    assert (h.train_loss[0], h.val_loss[0], h.train_accuracy[0]) == (
        start_cost,
        start_val,
        start_acc,
    )
    assert h.train_loss[-1] == evaluate(model, loss, X, y)  # whole set, inference mode
    assert h.val_loss[-1] == evaluate(model, loss, Xv, yv)
    assert h.train_accuracy[-1] == accuracy(model, X, y)
    assert h.val_accuracy[-1] == accuracy(model, Xv, yv)
    assert h.updates == [0, 4, 8, 12]  # ceil(120 / 32) = 4 steps per epoch
    assert len(h.lr) == len(h.epoch_time) == 3
    for saved, p in zip(h.parameters[-1], model.parameters(), strict=True):
        np.testing.assert_array_equal(saved, p.data)
        assert saved is not p.data  # a copy
    assert not np.array_equal(h.parameters[0][0], h.parameters[-1][0])


def test_fit_without_classification_or_validation_records_only_losses() -> None:
    X, y = spiral()
    model = small_model()
    h = fit(model, SoftmaxCrossEntropy(), Adam(model.parameters(), lr=0.01), X, y, epochs=2,
            classification=False, evaluate=True)  # fmt: skip
    assert len(h.train_loss) == 3
    assert h.train_accuracy == h.val_loss == h.val_accuracy == h.parameters == []


def test_fit_learns_and_records_times() -> None:
    X, y = spiral()
    model = small_model(width=32)
    started = time.perf_counter()
    h = fit(model, SoftmaxCrossEntropy(), Adam(model.parameters(), lr=0.02), X, y, epochs=30,
            batch_size=32)  # fmt: skip
    elapsed = time.perf_counter() - started
    assert h.batch_loss[-1] < 0.8 * h.batch_loss[0]
    assert h.train_loss == h.train_accuracy == []  # the whole set is evaluated only when asked
    assert len(h.epoch_time) == 30 and all(t > 0 for t in h.epoch_time)
    assert h.total_time <= elapsed  # seconds of training steps: part of the call's wall time
    assert h.total_time == pytest.approx(sum(h.epoch_time))


def test_zero_epochs_records_only_the_start() -> None:
    X, y = spiral()
    model = small_model()
    h = fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=0)
    assert h.epochs == 0 and h.updates == [0] and h.lr == []


def test_full_batch_fit_does_not_depend_on_rng() -> None:
    X, y = spiral()
    runs = []
    for seed in (0, 1):
        model = small_model()
        fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=3, rng=seed)
        runs.append(snapshot(model))
    for a, b in zip(*runs, strict=True):
        np.testing.assert_array_equal(a, b)


def test_minibatch_fit_follows_the_seed() -> None:
    X, y = spiral()
    runs = []
    for seed in (3, 3, 4):
        model = small_model()
        fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=2,
            batch_size=16, rng=np.random.default_rng(seed))  # fmt: skip
        runs.append(snapshot(model)[0])
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


class Recording(Transform):
    """A transform that records the batch size it sees (and optionally breaks things)."""

    def __init__(self, action=None) -> None:
        self.calls, self.action = [], action

    def __call__(self, model) -> None:
        self.calls.append(len(model[0].X))
        if self.action is not None:
            self.action(model)


def test_fit_runs_the_transforms_at_every_step() -> None:
    X, y = spiral()
    model = small_model()
    transform = Recording()
    fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=2,
        batch_size=50, transforms=[transform])  # fmt: skip
    assert transform.calls == [50, 50, 20] * 2


def test_batch_loss_is_the_weighted_mean_of_the_steps_costs() -> None:
    X, y = spiral()
    runs = []
    for _ in range(2):
        model = small_model()
        runs.append((model, SGD(model.parameters(), lr=0.1)))
    model, opt = runs[0]
    h = fit(model, SoftmaxCrossEntropy(), opt, X, y, epochs=2, batch_size=50, rng=3)
    model, opt = runs[1]
    rng, loss, expected = np.random.default_rng(3), SoftmaxCrossEntropy(), []
    for _ in range(2):
        costs = [
            (train_step(model, loss, opt, X[r], y[r]), len(r)) for r in minibatches(120, 50, rng)
        ]
        expected.append(sum(J * n for J, n in costs) / 120)
    assert h.batch_loss == pytest.approx(expected, rel=1e-12)
    assert len(h.batch_loss) == h.epochs == 2 and h.updates == [0, 3, 6]


def test_schedule_in_fit_records_lr() -> None:
    X, y = spiral()
    model = small_model()
    opt = SGD(model.parameters(), lr=0.4)
    h = fit(model, SoftmaxCrossEntropy(), opt, X, y, epochs=4, schedule=StepDecay(opt, 2, 0.5))
    assert h.lr == [0.4, 0.4, 0.2, 0.2]  # lr[k - 1]: the rate of epoch k


def test_progress_bar_off_when_not_a_terminal_and_on_when_forced(capsys, monkeypatch) -> None:
    X, y = spiral()
    model = small_model()

    def run(**kwargs) -> str:
        fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=2,
            **kwargs)  # fmt: skip
        return capsys.readouterr().err

    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    assert run() == "" and run(progress=False) == ""
    assert "epoch" in run(progress=True)


def test_fit_validates() -> None:
    X, y = spiral()
    model = small_model()
    opt = SGD(model.parameters(), lr=0.1)
    loss = SoftmaxCrossEntropy()
    with pytest.raises(ValueError, match="early_stopping watches the validation cost"):
        fit(model, loss, opt, X, y, epochs=1, early_stopping=EarlyStopping())
    with pytest.raises(ValueError, match="X_val and y_val must be given together"):
        fit(model, loss, opt, X, y, epochs=1, X_val=X)
    with pytest.raises(ValueError, match="same number of rows"):
        fit(model, loss, opt, X, y[:-1], epochs=1)
    with pytest.raises(ValueError, match="same number of rows"):
        fit(model, loss, opt, X, y, epochs=1, X_val=X, y_val=y[:-1])
    with pytest.raises(ValueError, match=r"batch_size must be in \[1, 120\]"):
        fit(model, loss, opt, X, y, epochs=1, batch_size=121)
    with pytest.raises(ValueError, match="epochs must be >= 0"):
        fit(model, loss, opt, X, y, epochs=-1)
    with pytest.raises(ValueError, match="X must be finite"):
        fit(model, loss, opt, np.full_like(X, np.inf), y, epochs=1)
    with pytest.raises(ValueError, match=r"class labels in \[0, 2\]"):
        fit(model, loss, opt, X, y + 1, epochs=1)


# Divergence -------------------------------------------------------------------------------


def test_divergence_stops_records_nothing_non_finite_and_restores_parameters() -> None:
    X, y = make_blobs(50, 0)  # float32: overflows past 3.4e38
    model = Sequential([Dense(2, 1, 0, dtype=np.float32)])
    from nnfs_lib.losses import BinaryCrossEntropyWithLogits

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = fit(model, BinaryCrossEntropyWithLogits(), SGD(model.parameters(), lr=1e38), X, y,
                epochs=5, batch_size=1, record_parameters=True)  # fmt: skip
    assert h.diverged and h.stopped_epoch == h.epochs + 1
    assert np.all(np.isfinite(h.train_loss))
    for saved, p in zip(h.parameters[-1], model.parameters(), strict=True):
        np.testing.assert_array_equal(saved, p.data)


def test_a_finite_run_is_not_flagged() -> None:
    X, y = spiral()
    model = small_model()
    h = fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=2)
    assert not h.diverged and h.stopped_epoch is None and not h.stopped_early


def test_non_finite_model_before_training_is_an_error() -> None:
    X, y = spiral()
    model = small_model()
    model[0].W.data[0, 0] = np.nan
    with pytest.raises(ValueError, match="not finite before training"):
        fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=1)


# EarlyStopping, snapshot and restore ------------------------------------------------------


def test_early_stopping_unit() -> None:
    model = small_model()
    stop = EarlyStopping(patience=2)
    decisions = []
    for epoch, value in enumerate([3.0, 2.0, 2.5, 2.6]):
        model[0].W.data[...] = epoch  # mark the weights with the epoch number
        decisions.append(stop.update(epoch, value, model))
    assert decisions == [False, False, False, True]
    assert stop.best_epoch == 1 and stop.best == 2.0
    stop.finish(model)
    assert np.all(model[0].W.data == 1.0)


def test_early_stopping_min_delta_and_restore_best_off() -> None:
    model = small_model()
    stop = EarlyStopping(patience=1, min_delta=0.5, restore_best=False)
    assert stop.update(0, 3.0, model) is False
    model[0].W.data[...] = 7.0
    assert stop.update(1, 2.8, model) is True  # improved by less than min_delta
    stop.finish(model)
    assert np.all(model[0].W.data == 7.0)
    assert EarlyStopping(patience=1, min_delta=0.5).update(0, 3.0, model) is False


def test_early_stopping_improvement_must_exceed_min_delta_strictly() -> None:
    model = small_model()
    stop = EarlyStopping(patience=3, min_delta=0.5)
    stop.update(0, 3.0, model)
    stop.update(1, 2.5, model)  # exactly min_delta better: not an improvement
    assert stop.best_epoch == 0 and stop.wait == 1


def test_fit_early_stopping_restores_best_weights() -> None:
    X, y = spiral(0)
    Xv, yv = spiral(1)
    model, loss = small_model(width=32), SoftmaxCrossEntropy()
    h = fit(model, loss, Adam(model.parameters(), lr=0.05), X[:30], y[:30], epochs=200,
            batch_size=10, X_val=Xv, y_val=yv, early_stopping=EarlyStopping(patience=5))  # fmt: skip
    assert h.stopped_early and h.epochs < 200
    assert h.best_epoch == int(np.argmin(h.val_loss[1:])) + 1  # epochs count from 1
    assert h.epochs == h.best_epoch + 5
    assert evaluate(model, loss, Xv, yv) == pytest.approx(h.val_loss[h.best_epoch], rel=1e-6)


def test_fit_without_early_stop_runs_every_epoch_and_keeps_best_epoch_none() -> None:
    X, y = spiral()
    model = small_model()
    h = fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=3)
    assert h.epochs == 3 and h.best_epoch is None


def test_snapshot_restore_includes_batchnorm_buffers() -> None:
    model = small_model()
    saved = snapshot(model)
    model[1].running_mean[...] = 5.0
    model[0].W.data[...] = 0.0
    restore(model, saved)
    assert np.all(model[1].running_mean == 0.0) and np.any(model[0].W.data != 0.0)
    with pytest.raises(ValueError, match="snapshot holds 1 arrays"):
        restore(model, saved[:1])


def test_early_stopping_validates() -> None:
    with pytest.raises(ValueError, match="patience must be >= 1"):
        EarlyStopping(patience=0)
    with pytest.raises(ValueError, match="min_delta must be >= 0"):
        EarlyStopping(min_delta=-0.1)


def test_history_defaults() -> None:
    h = History()
    assert h.epochs == -1 and h.total_time == 0.0 and not h.diverged


# train_neuron: Part I's neuron on the same loop --------------------------------------------


def test_first_full_batch_step_by_hand() -> None:
    # At w = 0, b = 0: dJ/dw = (0.5, -0.75), dJ/db = 0, so one step with lr = 0.1
    # gives w = (-0.05, 0.075), b = 0.
    w, b, history = train_neuron(X_HAND, Y_HAND, lr=0.1, epochs=1)
    np.testing.assert_allclose(w, [-0.05, 0.075])
    assert b == pytest.approx(0.0)
    assert history.updates == [0, 1]
    assert history.train_loss[0] == pytest.approx(np.log(2))
    assert history.train_loss[1] == pytest.approx(neuron_cost(X_HAND, Y_HAND, w, b))
    np.testing.assert_allclose(history.parameters[0][0], [[0.0], [0.0]])
    np.testing.assert_allclose(history.parameters[1][0][:, 0], w)


@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_two_steps_follow_the_update_rule(loss: str) -> None:
    w0, b0 = np.array([0.2, -0.1]), 0.3
    dw, db = neuron_gradients(X_HAND, Y_HAND, w0, b0, loss)
    w1, b1 = w0 - 0.5 * dw, b0 - 0.5 * db
    dw, db = neuron_gradients(X_HAND, Y_HAND, w1, b1, loss)
    w, b, h = train_neuron(X_HAND, Y_HAND, lr=0.5, epochs=2, w0=w0, b0=b0, loss=loss)
    np.testing.assert_allclose(w, w1 - 0.5 * dw)
    assert b == pytest.approx(b1 - 0.5 * db)
    assert h.train_loss[-1] == pytest.approx(neuron_cost(X_HAND, Y_HAND, w, b, loss))


def test_cost_decreases_and_accuracy_is_high_on_blobs() -> None:
    X, y = make_blobs(200, 0)
    _, _, history = train_neuron(X, y, lr=0.5, epochs=30)
    assert np.all(np.diff(history.train_loss) < 0)  # a small step on a convex cost: monotone
    assert history.train_loss[-1] < 0.2 * history.train_loss[0]
    assert history.train_accuracy[-1] > 0.95


def test_accuracy_uses_the_logit_threshold_at_zero() -> None:
    # w = 0, b = 0: every logit is exactly 0, so every example is predicted class 1.
    _, _, h = train_neuron(X_HAND, Y_HAND, epochs=0)
    assert h.train_accuracy == [0.5]
    _, _, h = train_neuron(X_HAND, np.array([1, 1]), epochs=0, loss="mse")
    assert h.train_accuracy == [1.0]


@pytest.mark.parametrize("batch_size", [None, 16, 1])
def test_every_mode_learns_blobs(batch_size: int | None) -> None:
    X, y = make_blobs(100, 2)
    _, _, history = train_neuron(X, y, lr=0.2, epochs=10, batch_size=batch_size, rng=3)
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]


def test_mse_loss_trains_too() -> None:
    X, y = make_blobs(100, 2)
    _, _, history = train_neuron(X, y, lr=1.0, epochs=30, loss="mse")
    assert history.train_loss[-1] < history.train_loss[0]
    assert history.train_accuracy[-1] > 0.9


def test_xor_stays_near_chance() -> None:
    X, y = make_xor(200, 0)
    _, _, history = train_neuron(X, y, lr=0.5, epochs=200)
    assert max(history.train_accuracy[1:]) < 0.75


def test_xor_truth_table_ends_at_one_half() -> None:
    X, y = xor_truth_table(np.float64)
    w, _b, history = train_neuron(X, y, lr=1.0, epochs=500, w0=[0.3, -0.2], b0=0.1)
    assert history.train_loss[-1] == pytest.approx(np.log(2), abs=1e-3)
    np.testing.assert_allclose(w, [0.0, 0.0], atol=0.05)


def test_same_seed_same_run_other_seed_other_run() -> None:
    X, y = make_blobs(60, 1)
    w1, b1, h1 = train_neuron(X, y, epochs=3, batch_size=7, rng=11)
    w2, b2, h2 = train_neuron(X, y, epochs=3, batch_size=7, rng=np.random.default_rng(11))
    w3, _, _ = train_neuron(X, y, epochs=3, batch_size=7, rng=12)
    np.testing.assert_array_equal(w1, w2)
    assert b1 == b2 and h1.train_loss == h2.train_loss
    assert not np.array_equal(w1, w3)


@pytest.mark.parametrize(("batch_size", "per_epoch"), [(None, 1), (3, 4), (5, 2), (1, 10), (10, 1)])
def test_number_of_updates(batch_size: int | None, per_epoch: int) -> None:
    X, y = make_blobs(10, 0)
    _, _, history = train_neuron(X, y, epochs=3, batch_size=batch_size)
    assert history.updates == [0, per_epoch, 2 * per_epoch, 3 * per_epoch]
    assert history.epochs == 3 and len(history.parameters) == len(history.train_accuracy) == 4


def test_float32_is_kept_and_w0_is_not_modified() -> None:
    X, y = make_blobs(20, 0)
    w0 = np.array([1.0, -1.0])
    w, b, history = train_neuron(X, y, epochs=2, w0=w0)
    assert w.dtype == np.float32 and history.parameters[-1][0].dtype == np.float32
    assert isinstance(b, float)
    np.testing.assert_array_equal(w0, [1.0, -1.0])


def test_float64_is_kept() -> None:
    w, _, history = train_neuron(X_HAND, Y_HAND, epochs=1)
    assert w.dtype == np.float64 and history.parameters[-1][0].dtype == np.float64


def test_large_learning_rate_shows_as_growing_cost_not_a_crash() -> None:
    X, y = make_blobs(200, 0, distance=2.5, centre=(3.0, 3.0))
    _, _, history = train_neuron(X, y, lr=50.0, epochs=20)
    assert not history.diverged
    assert max(history.train_loss) > 50 * history.train_loss[0]
    assert min(history.train_loss[1:]) > history.train_loss[0]  # never better than doing nothing


@pytest.mark.parametrize("batch_size", [None, 1])
def test_overflow_stops_with_a_flag_and_no_warning(batch_size: int | None) -> None:
    X, y = make_blobs(50, 0)  # float32: overflows past 3.4e38
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        w, b, history = train_neuron(X, y, lr=1e38, epochs=5, batch_size=batch_size)
    assert history.diverged and history.stopped_epoch == 1
    assert history.epochs == history.stopped_epoch - 1
    assert np.all(np.isfinite(history.train_loss)) and np.all(np.isfinite(w)) and np.isfinite(b)
    np.testing.assert_array_equal(w, history.parameters[-1][0][:, 0])
    assert b == history.parameters[-1][1][0]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr": 0.0}, ValueError, "lr must be > 0.0; got 0.0"),
        ({"lr": float("nan")}, ValueError, "lr must be finite"),
        ({"lr": "0.1"}, TypeError, "lr must be a real number"),
        ({"epochs": -1}, ValueError, "epochs must be >= 0"),
        ({"epochs": 2.5}, TypeError, "epochs must be an integer"),
        ({"batch_size": 0}, ValueError, r"batch_size must be in \[1, 2\]"),
        ({"batch_size": 3}, ValueError, r"batch_size must be in \[1, 2\]; got 3"),
        ({"loss": "hinge"}, ValueError, r"loss must be one of \['bce', 'mse'\]"),
        ({"w0": [1.0, 2.0, 3.0]}, ValueError, "w0 and X_columns must have the same number"),
        ({"w0": [np.nan, 0.0]}, ValueError, "w0 must be finite"),
        ({"b0": np.inf}, ValueError, "b0 must be finite"),
        ({"rng": 1.5}, TypeError, "rng must be a numpy.random.Generator or an integer seed"),
    ],
)
def test_train_neuron_rejects_bad_arguments(kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        train_neuron(X_HAND, Y_HAND, **kwargs)


def test_train_neuron_rejects_bad_data() -> None:
    with pytest.raises(ValueError, match="same number of rows"):
        train_neuron(X_HAND, [1])
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        train_neuron(X_HAND, [1, 3])
    with pytest.raises(ValueError, match=r"X must have 2 dimension\(s\)"):
        train_neuron([1.0, 2.0], [1, 0])
    with pytest.raises(ValueError, match="X must not be empty"):
        train_neuron(np.empty((0, 2)), np.empty(0))
    with pytest.raises(TypeError, match="X must hold real numbers"):
        train_neuron(np.ones((2, 2), dtype=bool), Y_HAND)


# Whole networks on the same loop ----------------------------------------------------------


@pytest.mark.slow
def test_xor_reaches_full_accuracy() -> None:
    X, y = xor_truth_table()
    net = build_mlp([2, 3, 2], 0, activation="tanh")
    history = fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), 1.0), X, y, epochs=1000,
                  evaluate=True)  # fmt: skip
    assert accuracy(net, X, y) == 1.0
    assert history.train_loss[-1] < 0.01


@pytest.mark.slow
def test_spiral_reaches_95_percent() -> None:
    X, y = make_spiral(100, 3, 0)
    net = build_mlp([2, 64, 64, 3], 0, activation="relu", init="he_uniform")
    history = fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), 1.0), X, y, epochs=1500,
                  evaluate=True)  # fmt: skip
    assert accuracy(net, X, y) >= 0.95
    assert history.train_loss[-1] < history.train_loss[0] / 10


@pytest.mark.slow
def test_zero_initialization_keeps_units_identical() -> None:
    """The symmetry argument of the chapter "Weight initialization", measured."""
    X, y = make_spiral(30, 3, 1)
    net = build_mlp([2, 8, 3], 0, activation="tanh", init="zeros")
    fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), 0.5), X, y, epochs=50)
    W1 = net[0].W.data
    np.testing.assert_array_equal(W1, W1[:, :1].repeat(8, axis=1))


# ---------------------------------------------------------------- regression with the same loop
@pytest.mark.parametrize("targets", ["vector", "column"])
def test_fit_trains_a_regression_network_with_targets_n_or_n_by_1(targets: str) -> None:
    X, y = make_sine(200, 0, noise=0.1)
    y = y if targets == "vector" else y[:, None]
    model = build_mlp([1, 16, 16, 1], 0, activation="tanh")
    h = fit(model, MeanSquaredError(), Adam(model.parameters(), lr=0.01), X, y, epochs=60,
            batch_size=32, X_val=X[:50], y_val=y[:50], classification=False,
            evaluate=True)  # fmt: skip
    assert h.train_accuracy == h.val_accuracy == []
    assert len(h.val_loss) == 61
    assert h.train_loss[-1] < 0.2 * h.train_loss[0]
    assert h.train_loss[-1] == pytest.approx(evaluate(model, MeanSquaredError(), X, y))
    rmse = root_mean_squared_error(model.predict(X), y)
    assert rmse == pytest.approx(np.sqrt(h.train_loss[-1]), rel=1e-5)
    assert rmse < 0.2  # the noise alone gives 0.1


def test_fit_regression_with_several_outputs() -> None:
    X, y = make_sine(120, 1, noise=0.0, dtype=np.float64)
    Y = np.c_[y, -y]  # two targets per example
    model = build_mlp([1, 16, 2], 0, activation="tanh", dtype=np.float64)
    h = fit(model, MeanSquaredError(), Adam(model.parameters(), lr=0.02), X, Y, epochs=80,
            classification=False, evaluate=True)  # fmt: skip
    assert model.predict(X).shape == (120, 2)
    assert h.train_loss[-1] < 0.1 * h.train_loss[0]


# Promises found unheld by mutation testing (issue 11, item 6) --------------------------------


def test_fit_defaults_shuffle_with_seed_zero(rng) -> None:
    # The signature promises rng=0: omitting it is the same run as passing 0.
    X, y = make_blobs(40, 0)
    runs = []
    for kwargs in ({}, {"rng": 0}):
        model = Sequential([Dense(2, 2, 0)])
        fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=2,
            batch_size=8, **kwargs)  # fmt: skip
        runs.append(snapshot(model))
    for a, b in zip(*runs, strict=True):
        np.testing.assert_array_equal(a, b)


def test_progress_bar_on_by_default_on_a_terminal_counts_epochs_and_shows_the_loss(
    capsys, monkeypatch
) -> None:
    X, y = spiral()
    model = small_model()
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    h = fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=2)
    err = capsys.readouterr().err
    # The bar counts epochs up to `epochs`, at a rate in epochs, and its last state shows
    # the latest training cost.
    assert re.search(r"\bepoch/s|s/epoch\b", err)
    assert re.search(rf"\b2/2 \[[^\]]*loss={h.batch_loss[-1]:.4f}\]", err)


def test_a_value_error_on_a_finite_model_is_a_bug_not_divergence() -> None:
    # Only a model that stopped being finite turns an error into `diverged`.
    X, y = spiral()
    model = small_model()

    def bug(model):
        raise ValueError("a bug in the step")

    with pytest.raises(ValueError, match="a bug in the step"):
        fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=1,
            transforms=[Recording(bug)])  # fmt: skip


def test_a_step_that_breaks_the_model_stops_training_at_once() -> None:
    # A loss or layer refusing a non-finite array is divergence: the epoch stops there.
    X, y = spiral()
    model = small_model()

    def breaks(model):
        model[0].W.data[0, 0] = np.inf
        raise ValueError("refusing a non-finite array")

    transform = Recording(breaks)
    h = fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=3,
            batch_size=10, transforms=[transform])  # fmt: skip
    assert transform.calls == [10]  # no step after the model broke
    assert h.diverged and h.stopped_epoch == 1 and h.epochs == 0


def test_divergence_of_the_cost_alone_is_divergence_too() -> None:
    # float32 outputs around 1e20 are finite, but their squared error is not: training
    # stops quietly, as for any other divergence.
    from nnfs_lib.losses import MeanSquaredError

    X = np.array([[1.0], [2.0]], dtype=np.float32)
    y = np.array([[0.0], [0.0]], dtype=np.float32)
    model = Sequential([Dense(1, 1, 0, init="zeros", dtype=np.float32)])

    def blow_up(model):
        model[0].W.data[...] = 1e20  # finite parameters and outputs
        model[0].W.grad[...] = 0.0

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = fit(model, MeanSquaredError(), SGD(model.parameters(), lr=0.1), X, y, epochs=2,
                classification=False, evaluate=True, transforms=[Recording(blow_up)])  # fmt: skip
    assert h.diverged and h.stopped_epoch == 1 and h.train_loss == [0.0]


def test_outputs_that_overflow_into_nan_are_quiet_divergence() -> None:
    # Finite parameters; the first layer overflows to +-inf (float32), the second adds
    # inf + (-inf) = NaN. Training stops with the flag and without a NumPy warning.
    X = np.array([[1e10], [1.0]], dtype=np.float32)
    y = np.array([[0.0], [0.0]], dtype=np.float32)
    model = Sequential([Dense(1, 2, 0, dtype=np.float32), Dense(2, 1, 1, dtype=np.float32)])

    def overflow(model):
        model[0].W.data[...] = [[1e30, -1e30]]
        model[1].W.data[...] = 1.0
        for p in model.parameters():
            p.grad[...] = 0.0

    from nnfs_lib.losses import MeanSquaredError

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = fit(model, MeanSquaredError(), SGD(model.parameters(), lr=0.1), X, y, epochs=2,
                classification=False, evaluate=True, transforms=[Recording(overflow)])  # fmt: skip
    assert h.diverged and h.stopped_epoch == 1 and h.epochs == 0


def test_argument_errors_name_the_argument() -> None:
    X, y = spiral()
    model, loss = small_model(), SoftmaxCrossEntropy()
    opt = SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match=r"^X must have 2 dimension\(s\)"):
        evaluate(model, loss, X[:, 0], y)
    with pytest.raises(ValueError, match=r"^X must be finite"):
        evaluate(model, loss, np.full_like(X, np.nan), y)
    with pytest.raises(ValueError, match=r"^X must have 2 dimension\(s\)"):
        fit(model, loss, opt, X[:, 0], y, epochs=1)
    with pytest.raises(ValueError, match=r"^X_val must have 2 dimension\(s\)"):
        fit(model, loss, opt, X, y, epochs=1, X_val=X[:, 0], y_val=y)
    with pytest.raises(ValueError, match=r"^X_val must be finite"):
        fit(model, loss, opt, X, y, epochs=1, X_val=np.full_like(X, np.nan), y_val=y)
    with pytest.raises(ValueError, match=r"^X and y must have the same number of rows"):
        fit(model, loss, opt, X, y[:-1], epochs=1)
    with pytest.raises(ValueError, match=r"^X_val and y_val must have the same number of rows"):
        fit(model, loss, opt, X, y, epochs=1, X_val=X, y_val=y[:-1])
    with pytest.raises(ValueError, match=r"^X_val and y_val must be given together"):
        fit(model, loss, opt, X, y, epochs=1, y_val=y)
    with pytest.raises(
        ValueError, match=r"^early_stopping watches the validation cost: give X_val"
    ):
        fit(model, loss, opt, X, y, epochs=1, early_stopping=EarlyStopping())
    with pytest.raises(TypeError, match=r"^batch_size must be an integer"):
        fit(model, loss, opt, X, y, epochs=1, batch_size=4.0)
    model[0].W.data[0, 0] = np.nan
    with pytest.raises(
        ValueError, match=r"^the model's parameters, outputs or cost are not finite"
    ):
        fit(model, loss, opt, X, y, epochs=1)


def test_early_stopping_starts_with_no_best_and_no_wait() -> None:
    model = small_model()
    stop = EarlyStopping()
    assert stop.patience == 5 and stop.min_delta == 0.0 and stop.restore_best  # the defaults
    assert stop.best == np.inf and stop.best_epoch is None and stop.wait == 0
    before = snapshot(model)
    stop.finish(model)  # nothing saved yet: nothing to put back
    for a, b in zip(before, snapshot(model), strict=True):
        np.testing.assert_array_equal(a, b)
    # An epoch that does not improve on "nothing yet" (inf) is the first epoch of waiting.
    stop = EarlyStopping(patience=2)
    assert stop.update(0, np.inf, model) is False and stop.wait == 1


def test_early_stopping_default_patience_is_five_epochs() -> None:
    model = small_model()
    stop = EarlyStopping()
    decisions = [stop.update(epoch, value, model) for epoch, value in enumerate([1.0] + [2.0] * 5)]
    assert decisions == [False, False, False, False, False, True]


def test_early_stopping_patience_is_an_integer() -> None:
    with pytest.raises(TypeError, match=r"^patience must be an integer"):
        EarlyStopping(patience=2.5)


def test_train_neuron_defaults_are_the_documented_ones() -> None:
    X, y = make_blobs(30, 0)
    w, b, h = train_neuron(X, y, batch_size=7)
    w2, b2, h2 = train_neuron(X, y, batch_size=7, lr=0.5, epochs=50, rng=0, loss="bce", b0=0.0)
    np.testing.assert_array_equal(w, w2)
    assert b == b2 and h.train_loss == h2.train_loss and h.epochs == 50


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "match"),
    [
        ([1.0, 2.0], [1, 0], {}, r"^X must have 2 dimension\(s\)"),
        (X_HAND, [[1], [0]], {}, r"^y must have 1 dimension\(s\)"),
        (X_HAND, [1.0, np.nan], {}, "^y must be finite"),
        (X_HAND, Y_HAND, {"w0": [[1.0], [2.0]]}, r"^w0 must have 1 dimension\(s\)"),
    ],
)
def test_train_neuron_errors_name_the_argument(X, y, kwargs, match) -> None:
    with pytest.raises(ValueError, match=match):
        train_neuron(X, y, **kwargs)


# Validate once (library issue: a check per level per batch) -----------------------------------


def _digits_like(rng, n=96, d=12, k=4):
    return rng.normal(size=(n, d)).astype(np.float32), rng.integers(0, k, size=n)


def test_fit_checks_its_arguments_once_whatever_the_number_of_batches(rng) -> None:
    """The checks of one fit are fit's own, at its boundary: none per mini-batch or per layer."""
    from nnfs_lib.validation import recording

    X, y = _digits_like(rng)
    counts = []
    for batch_size, epochs in ((96, 1), (8, 1), (8, 3)):
        model = build_mlp([12, 16, 16, 4], 0, batchnorm=True, dropout=0.1)
        opt, transforms = Adam(model.parameters()), [Penalty(l2=1e-3), ClipGradNorm(1.0)]
        with recording() as checked:
            fit(model, SoftmaxCrossEntropy(), opt, X, y, epochs=epochs, batch_size=batch_size,
                X_val=X[:10], y_val=y[:10], transforms=transforms)  # fmt: skip
        counts.append(len(checked))
        data_scans = [name for name, _ in checked if name == "X"]
        assert len(data_scans) <= 1 + 1, checked  # X at the boundary; X[:1] probing the model
    assert counts[0] == counts[1] == counts[2], counts  # 1 batch or 36: the same checks


def test_a_train_step_checks_the_batch_once(rng) -> None:
    """A reader's own loop: each array of the batch is checked once (X by the network, y by
    the loss); no layer, loss function or transform checks again."""
    from nnfs_lib.validation import recording

    X, y = _digits_like(rng, n=8)
    model = build_mlp([12, 16, 16, 4], 0, batchnorm=True, dropout=0.1)
    opt, transforms = Adam(model.parameters()), [Penalty(l2=1e-3), ClipGradNorm(1.0)]
    with recording() as checked:
        train_step(model, SoftmaxCrossEntropy(), opt, X, y, transforms)
    ids = [value for _, value in checked if value is not None]
    assert len(ids) == len(set(ids)), checked  # no object checked twice
    names = sorted(name for name, _ in checked)
    assert names.count("X") == 1 and len(names) <= 4, names


def test_nested_validation_is_skipped_but_the_boundary_still_refuses(rng) -> None:
    """Trusting the caller inside must not weaken the boundary: bad targets, a wrong width,
    a wrong dtype and NaN data are still refused by fit, with their messages."""
    X, y = _digits_like(rng)
    model = build_mlp([12, 8, 4], 0)
    opt = SGD(model.parameters(), lr=0.1)
    loss = SoftmaxCrossEntropy()
    with pytest.raises(ValueError, match=r"class labels in \[0, 3\]"):
        fit(model, loss, opt, X, np.where(y == 0, 7, y), epochs=1)
    with pytest.raises(ValueError, match="expected input width 12; got 11"):
        fit(model, loss, opt, X[:, :11], y, epochs=1)
    with pytest.raises(TypeError, match="holds float32 parameters but got float64 input"):
        fit(model, loss, opt, X.astype(np.float64), y, epochs=1)
    with pytest.raises(ValueError, match="X must be finite"):
        fit(model, loss, opt, np.where(X > 2, np.nan, X), y, epochs=1)
    with pytest.raises(ValueError, match=r"class labels in \[0, 3\]"):
        fit(model, loss, opt, X, y, epochs=1, X_val=X[:5], y_val=np.full(5, 9))
    with pytest.raises(ValueError, match="same number of rows"):
        fit(model, loss, opt, X, y, epochs=1, X_val=X[:5], y_val=y[:4])


# One step, extended by transforms ---------------------------------------------------------------


def test_clipping_and_a_penalty_together_train_the_very_deep_pages_network() -> None:
    """The residual network of "Training very deep networks" (32 blocks of width 32, layer
    norm), at the learning rate that needs clipping, with an L2 penalty and clipping in one
    step: it learns, the penalty is in the recorded cost, and clipping was active."""
    X, y = make_spiral(100, 3, rng=0)
    for dtype in (np.float32, np.float64):
        net = build_residual_mlp(2, 32, 32, 3, 0, dtype=dtype)
        penalty, clip = Penalty(l2=1e-4), ClipGradNorm(1.0)
        h = fit(net, SoftmaxCrossEntropy(), SGD(net.parameters(), lr=0.1), X.astype(dtype), y,
                epochs=12, batch_size=32, evaluate=True, transforms=[penalty, clip])  # fmt: skip
        assert not h.diverged
        assert h.train_loss[-1] < 0.5 * h.train_loss[0], h.train_loss
        assert accuracy(net, X.astype(dtype), y) > 0.8
        data_cost = evaluate(net, SoftmaxCrossEntropy(), X.astype(dtype), y)
        assert h.train_loss[-1] == pytest.approx(data_cost + penalty.cost(net), rel=1e-5)
        assert len(clip.norms) == h.updates[-1] and max(clip.norms) > 1.0  # clipping was active


def test_early_stopping_restores_the_best_weights_also_when_the_epochs_run_out() -> None:
    """EarlyStopping's promise holds "whether it stopped early or ran out of epochs"."""
    X, y = spiral(0)
    Xv, yv = spiral(1)
    model, loss = small_model(width=32), SoftmaxCrossEntropy()
    h = fit(model, loss, Adam(model.parameters(), lr=0.05), X[:30], y[:30], epochs=12,
            batch_size=10, X_val=Xv, y_val=yv, early_stopping=EarlyStopping(patience=100))  # fmt: skip
    assert not h.stopped_early and h.epochs == 12
    assert h.best_epoch == int(np.argmin(h.val_loss[1:])) + 1 and h.best_epoch < 12
    assert evaluate(model, loss, Xv, yv) == pytest.approx(h.val_loss[h.best_epoch], rel=1e-6)

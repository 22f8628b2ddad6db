"""Tests of nnfs_lib.neuron_training: the gradient-descent loop for one sigmoid neuron."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nnfs_lib.data.toy import make_blobs, make_xor, xor_truth_table
from nnfs_lib.neuron import neuron_cost, neuron_gradients
from nnfs_lib.neuron_training import NeuronHistory, batch_slices, train_neuron

X_HAND = np.array([[1.0, 2.0], [3.0, -1.0]])
Y_HAND = np.array([1, 0])


def test_first_full_batch_step_by_hand() -> None:
    # At w = 0, b = 0: dJ/dw = (0.5, -0.75), dJ/db = 0 (see test_neuron_gradients),
    # so one step with lr = 0.1 gives w = (-0.05, 0.075), b = 0.
    w, b, history = train_neuron(X_HAND, Y_HAND, lr=0.1, epochs=1)
    np.testing.assert_allclose(w, [-0.05, 0.075])
    assert b == pytest.approx(0.0)
    assert history.updates == [0, 1]
    assert history.cost[0] == pytest.approx(np.log(2))
    assert history.cost[1] == pytest.approx(neuron_cost(X_HAND, Y_HAND, w, b))
    np.testing.assert_allclose(history.w[0], [0.0, 0.0])
    np.testing.assert_allclose(history.w[1], w)


def test_two_steps_follow_the_update_rule() -> None:
    w0, b0 = np.array([0.2, -0.1]), 0.3
    dw, db = neuron_gradients(X_HAND, Y_HAND, w0, b0)
    w1, b1 = w0 - 0.5 * dw, b0 - 0.5 * db
    dw, db = neuron_gradients(X_HAND, Y_HAND, w1, b1)
    w, b, _ = train_neuron(X_HAND, Y_HAND, lr=0.5, epochs=2, w0=w0, b0=b0)
    np.testing.assert_allclose(w, w1 - 0.5 * dw)
    assert b == pytest.approx(b1 - 0.5 * db)


def test_cost_decreases_and_accuracy_is_high_on_blobs() -> None:
    X, y = make_blobs(200, 0)
    _, _, history = train_neuron(X, y, lr=0.5, epochs=30)
    assert np.all(np.diff(history.cost) < 0)  # a small step on a convex cost: monotone
    assert history.cost[-1] < 0.2 * history.cost[0]
    assert history.accuracy[-1] > 0.95


@pytest.mark.parametrize("batch_size", [None, 16, 1])
def test_every_mode_learns_blobs(batch_size: int | None) -> None:
    X, y = make_blobs(100, 2)
    _, _, history = train_neuron(X, y, lr=0.2, epochs=10, batch_size=batch_size, rng=3)
    assert history.cost[-1] < 0.5 * history.cost[0]


def test_mse_loss_trains_too() -> None:
    X, y = make_blobs(100, 2)
    _, _, history = train_neuron(X, y, lr=1.0, epochs=30, loss="mse")
    assert history.cost[-1] < history.cost[0]
    assert history.accuracy[-1] > 0.9


def test_xor_stays_near_chance() -> None:
    X, y = make_xor(200, 0)
    _, _, history = train_neuron(X, y, lr=0.5, epochs=200)
    assert max(history.accuracy[1:]) < 0.75


def test_xor_truth_table_ends_at_one_half() -> None:
    X, y = xor_truth_table(np.float64)
    w, _b, history = train_neuron(X, y, lr=1.0, epochs=500, w0=[0.3, -0.2], b0=0.1)
    assert history.cost[-1] == pytest.approx(np.log(2), abs=1e-3)
    np.testing.assert_allclose(w, [0.0, 0.0], atol=0.05)


def test_same_seed_same_run_other_seed_other_run() -> None:
    X, y = make_blobs(60, 1)
    w1, b1, h1 = train_neuron(X, y, epochs=3, batch_size=7, rng=11)
    w2, b2, h2 = train_neuron(X, y, epochs=3, batch_size=7, rng=np.random.default_rng(11))
    w3, _, _ = train_neuron(X, y, epochs=3, batch_size=7, rng=12)
    np.testing.assert_array_equal(w1, w2)
    assert b1 == b2 and h1.cost == h2.cost
    assert not np.array_equal(w1, w3)


@pytest.mark.parametrize(("batch_size", "per_epoch"), [(None, 1), (3, 4), (5, 2), (1, 10)])
def test_number_of_updates(batch_size: int | None, per_epoch: int) -> None:
    X, y = make_blobs(10, 0)
    _, _, history = train_neuron(X, y, epochs=3, batch_size=batch_size)
    assert history.updates == [0, per_epoch, 2 * per_epoch, 3 * per_epoch]
    assert history.epochs == 3 and len(history.w) == len(history.accuracy) == 4


def test_batch_slices_cover_every_example_once() -> None:
    assert batch_slices(7, 3) == [slice(0, 3), slice(3, 6), slice(6, 7)]
    assert batch_slices(7, None) == [slice(0, 7)]


def test_float32_is_kept_and_w0_is_not_modified() -> None:
    X, y = make_blobs(20, 0)
    w0 = np.array([1.0, -1.0])
    w, _, history = train_neuron(X, y, epochs=2, w0=w0)
    assert w.dtype == np.float32 and history.w[-1].dtype == np.float32
    np.testing.assert_array_equal(w0, [1.0, -1.0])


def test_zero_epochs_records_only_the_start() -> None:
    _, _, history = train_neuron(X_HAND, Y_HAND, epochs=0)
    assert history.cost == [pytest.approx(np.log(2))] and history.updates == [0]


def test_large_learning_rate_shows_as_growing_cost_not_a_crash() -> None:
    X, y = make_blobs(200, 0, distance=2.5, centre=(3.0, 3.0))
    _, _, history = train_neuron(X, y, lr=50.0, epochs=20)
    assert not history.diverged
    assert max(history.cost) > 50 * history.cost[0]
    assert min(history.cost[1:]) > history.cost[0]  # never better than doing nothing


def test_overflow_stops_with_a_flag_and_no_warning() -> None:
    X, y = make_blobs(50, 0)  # float32: overflows past 3.4e38
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        w, b, history = train_neuron(X, y, lr=1e38, epochs=5)
    assert history.diverged and history.stopped_epoch is not None
    assert history.epochs == history.stopped_epoch - 1
    assert np.all(np.isfinite(history.cost)) and np.all(np.isfinite(w)) and np.isfinite(b)
    np.testing.assert_array_equal(w, history.w[-1])


def test_history_is_a_neuron_history() -> None:
    _, _, history = train_neuron(X_HAND, Y_HAND, epochs=1)
    assert isinstance(history, NeuronHistory) and not history.diverged


# Validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr": 0.0}, ValueError, "lr must be > 0; got 0.0"),
        ({"lr": float("nan")}, ValueError, "lr must be finite"),
        ({"lr": "0.1"}, TypeError, "lr must be a real number"),
        ({"epochs": -1}, ValueError, "epochs must be >= 0"),
        ({"epochs": 2.5}, TypeError, "epochs must be an integer"),
        ({"batch_size": 0}, ValueError, "batch_size must be >= 1"),
        ({"batch_size": 3}, ValueError, r"batch_size must be <= the number of examples \(2\)"),
        ({"loss": "hinge"}, ValueError, "loss must be one of"),
        ({"loss": None}, TypeError, "loss must be a string"),
        ({"w0": [1.0, 2.0, 3.0]}, ValueError, r"w0 must have shape \(2,\) to match X"),
        ({"w0": [np.nan, 0.0]}, ValueError, "w0 must be finite"),
        ({"b0": np.inf}, ValueError, "b0 must be finite"),
        ({"rng": 1.5}, TypeError, "rng must be a numpy.random.Generator or an integer seed"),
    ],
)
def test_bad_arguments_are_rejected(kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        train_neuron(X_HAND, Y_HAND, **kwargs)


def test_label_count_mismatch_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"y must have one label per row of X \(2\); got 1"):
        train_neuron(X_HAND, [1])


def test_non_binary_labels_are_rejected() -> None:
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        train_neuron(X_HAND, [1, 3])


def test_one_dimensional_X_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"X must have 2 dimension\(s\)"):
        train_neuron([1.0, 2.0], [1, 0])


def test_empty_X_is_rejected() -> None:
    with pytest.raises(ValueError, match="X must not be empty"):
        train_neuron(np.empty((0, 2)), np.empty(0))


def test_boolean_X_is_rejected() -> None:
    with pytest.raises(TypeError, match="X must hold real numbers"):
        train_neuron(np.ones((2, 2), dtype=bool), Y_HAND)


def test_batch_slices_validates() -> None:
    with pytest.raises(ValueError, match="n must be >= 1"):
        batch_slices(0, None)


def test_overflow_inside_an_epoch_stops_with_a_flag() -> None:
    X, y = make_blobs(50, 0)  # mini-batches: the overflow happens between two updates
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, _, history = train_neuron(X, y, lr=1e38, epochs=3, batch_size=1)
    assert history.diverged and history.stopped_epoch == 1 and history.epochs == 0

"""Tests of nnfs_lib.neuron: neuron_gradients, neuron_cost and neuron_predict."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.gradcheck import numerical_gradient, relative_error
from nnfs_lib.neuron import neuron_cost, neuron_gradients, neuron_predict

X_HAND = np.array([[1.0, 2.0], [3.0, -1.0]])
Y_HAND = np.array([1, 0])


def test_bce_gradients_by_hand() -> None:
    # a = (0.5, 0.5); delta = (a - y) / n = (-0.25, 0.25); dw = X^T delta; db = sum(delta)
    dw, db = neuron_gradients(X_HAND, Y_HAND, [0.0, 0.0], 0.0, "bce")
    np.testing.assert_allclose(dw, [0.5, -0.75])
    assert db == pytest.approx(0.0)


def test_mse_gradients_by_hand() -> None:
    # delta = 2/n (a - y) a (1 - a) = (-0.125, 0.125)
    dw, db = neuron_gradients(X_HAND, Y_HAND, [0.0, 0.0], 0.0, "mse")
    np.testing.assert_allclose(dw, [0.25, -0.375])
    assert db == pytest.approx(0.0)


def test_bias_gradient_by_hand() -> None:
    # w = 0, b = 0, both labels 1: delta = (-0.25, -0.25), db = -0.5
    _, db = neuron_gradients(X_HAND, [1, 1], [0.0, 0.0], 0.0, "bce")
    assert db == pytest.approx(-0.5)


def test_costs_by_hand() -> None:
    assert neuron_cost(X_HAND, Y_HAND, [0.0, 0.0], 0.0, "bce") == pytest.approx(np.log(2))
    assert neuron_cost(X_HAND, Y_HAND, [0.0, 0.0], 0.0, "mse") == pytest.approx(0.25)


def test_predict_by_hand() -> None:
    # z = (1*1 + 2*(-1) + 0.5, 3*1 + (-1)*(-1) + 0.5) = (-0.5, 4.5)
    np.testing.assert_array_equal(neuron_predict(X_HAND, [1.0, -1.0], 0.5), [0, 1])


@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_gradients_match_finite_differences(loss: str) -> None:
    rng = np.random.default_rng(7)
    X = rng.normal(size=(6, 3))
    y = rng.integers(0, 2, size=6)
    w, b = rng.normal(size=3), 0.3
    dw, db = neuron_gradients(X, y, w, b, loss)
    num_w = numerical_gradient(lambda v: neuron_cost(X, y, v, b, loss), w)
    num_b = numerical_gradient(lambda v: neuron_cost(X, y, w, float(v[0]), loss), np.array([b]))
    assert relative_error(dw, num_w) < 1e-7
    assert relative_error(np.array([db]), num_b) < 1e-7


def test_float32_is_kept() -> None:
    dw, _ = neuron_gradients(X_HAND.astype(np.float32), Y_HAND, [0.0, 0.0], 0.0)
    assert dw.dtype == np.float32


def test_unknown_loss_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"loss must be one of \('mse', 'bce'\); got 'hinge'"):
        neuron_gradients(X_HAND, Y_HAND, [0.0, 0.0], 0.0, "hinge")


def test_non_string_loss_is_rejected() -> None:
    with pytest.raises(TypeError, match="loss must be a string"):
        neuron_cost(X_HAND, Y_HAND, [0.0, 0.0], 0.0, 3)


def test_one_dimensional_X_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"X must have 2 dimension\(s\)"):
        neuron_gradients([1.0, 2.0], [1], [0.0, 0.0], 0.0)


def test_weights_of_the_wrong_length_are_rejected() -> None:
    with pytest.raises(ValueError, match="X has 2 features per row but w has 3 weights"):
        neuron_gradients(X_HAND, Y_HAND, [0.0, 0.0, 0.0], 0.0)


def test_label_count_mismatch_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"y must have one label per row of X \(2\); got 3"):
        neuron_cost(X_HAND, [1, 0, 1], [0.0, 0.0], 0.0)


def test_non_binary_labels_are_rejected() -> None:
    with pytest.raises(ValueError, match="y must contain only 0 and 1; found"):
        neuron_gradients(X_HAND, [1, -1], [0.0, 0.0], 0.0)


def test_nan_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="X must be finite"):
        neuron_gradients([[np.nan, 1.0]], [1], [0.0, 0.0], 0.0)


def test_empty_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="X must not be empty"):
        neuron_cost(np.empty((0, 2)), np.empty(0), [0.0, 0.0], 0.0)


def test_non_finite_bias_is_rejected() -> None:
    with pytest.raises(ValueError, match="b must be finite"):
        neuron_gradients(X_HAND, Y_HAND, [0.0, 0.0], float("inf"))


def test_non_numeric_bias_is_rejected() -> None:
    with pytest.raises(TypeError, match="b must be a real number"):
        neuron_predict(X_HAND, [0.0, 0.0], "0")

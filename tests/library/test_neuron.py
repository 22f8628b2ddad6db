"""Tests of nnfs_lib.neuron: the forward pass, gradients, cost and prediction of one neuron."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnfs_lib import (
    neuron_cost,
    neuron_forward,
    neuron_gradients,
    neuron_predict,
    numerical_gradient,
    relative_error,
)

# The worked example of book/part1/forward.md.
X_HAND = np.array([[2.0, 1.0], [1.0, 3.0], [-2.0, 0.0]])
W_HAND = np.array([0.5, -1.0])
B_HAND = 1.0
Z_HAND = np.array([1.0, -1.5, 0.0])  # 0.5*2 - 1*1 + 1, 0.5*1 - 1*3 + 1, 0.5*(-2) - 0 + 1


def _sigmoid(t: float) -> float:
    return 1 / (1 + math.exp(-t))


def test_hand_example_sigmoid():
    z, a = neuron_forward(X_HAND, W_HAND, B_HAND)
    np.testing.assert_allclose(z, Z_HAND, rtol=0, atol=1e-15)
    np.testing.assert_allclose(a, [_sigmoid(1.0), _sigmoid(-1.5), 0.5], rtol=1e-15)


@pytest.mark.parametrize(
    ("activation", "expected"),
    [
        ("tanh", [math.tanh(1.0), math.tanh(-1.5), 0.0]),
        ("relu", [1.0, 0.0, 0.0]),
        ("leaky_relu", [1.0, -0.015, 0.0]),
    ],
)
def test_hand_example_other_activations(activation, expected):
    z, a = neuron_forward(X_HAND, W_HAND, B_HAND, activation)
    np.testing.assert_allclose(z, Z_HAND, atol=1e-15)
    np.testing.assert_allclose(a, expected, rtol=1e-15, atol=1e-15)


def test_one_example_is_a_dot_product():
    z, _ = neuron_forward(np.array([[3.0, -1.0, 2.0]]), np.array([1.0, 2.0, 0.5]), -1.0)
    assert z.shape == (1,)
    assert z[0] == 3.0 - 2.0 + 1.0 - 1.0


def test_float32_kept():
    z, a = neuron_forward(X_HAND.astype(np.float32), W_HAND, B_HAND)
    assert z.dtype == np.float32
    assert a.dtype == np.float32


def test_lists_and_integer_inputs_give_float64():
    z, a = neuron_forward([[1, 2], [3, 4]], [1, 1], 0)
    np.testing.assert_array_equal(z, [3.0, 7.0])
    assert a.dtype == np.float64


@given(
    arrays(np.float64, (5, 3), elements=st.floats(-10, 10)),
    arrays(np.float64, (3,), elements=st.floats(-10, 10)),
    st.floats(-10, 10),
)
def test_batch_equals_one_example_at_a_time(X, w, b):
    z, a = neuron_forward(X, w, b)
    for i in range(X.shape[0]):
        z_i, a_i = neuron_forward(X[i : i + 1], w, b)
        np.testing.assert_allclose(z[i], z_i[0], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(a[i], a_i[0], rtol=1e-12, atol=1e-15)


def test_z_is_linear_in_w_with_gradient_x():
    # d(sum_i z_i)/dw = sum_i x^(i): a finite-difference check of the linear part.
    grad = numerical_gradient(lambda w: np.sum(neuron_forward(X_HAND, w, B_HAND)[0]), W_HAND)
    np.testing.assert_allclose(grad, X_HAND.sum(axis=0), rtol=1e-9)


# ---------------------------------------------------------------- errors
def test_X_must_be_2d():
    with pytest.raises(ValueError, match=r"X must have 2 dimension\(s\)"):
        neuron_forward(np.ones(2), W_HAND, B_HAND)


def test_w_must_be_1d():
    with pytest.raises(ValueError, match=r"w must have 1 dimension\(s\)"):
        neuron_forward(X_HAND, np.ones((2, 1)), B_HAND)


def test_feature_count_must_match():
    with pytest.raises(ValueError, match="X has 2 features per row but w has 3 weights"):
        neuron_forward(X_HAND, np.ones(3), B_HAND)


def test_X_not_finite():
    X = X_HAND.copy()
    X[1, 0] = np.nan
    with pytest.raises(ValueError, match="X must be finite"):
        neuron_forward(X, W_HAND, B_HAND)


def test_w_not_finite():
    with pytest.raises(ValueError, match="w must be finite"):
        neuron_forward(X_HAND, np.array([np.inf, 1.0]), B_HAND)


def test_X_empty():
    with pytest.raises(ValueError, match="X must not be empty"):
        neuron_forward(np.ones((0, 2)), W_HAND, B_HAND)


def test_X_bool():
    with pytest.raises(TypeError, match="X must hold real numbers"):
        neuron_forward(np.ones((3, 2), dtype=bool), W_HAND, B_HAND)


def test_b_not_a_number():
    with pytest.raises(TypeError, match="b must be a real number"):
        neuron_forward(X_HAND, W_HAND, np.array([1.0]))


def test_b_not_finite():
    with pytest.raises(ValueError, match="b must be finite"):
        neuron_forward(X_HAND, W_HAND, float("nan"))


def test_unknown_activation():
    with pytest.raises(ValueError, match="activation must be one of"):
        neuron_forward(X_HAND, W_HAND, B_HAND, "step")


# ---------------------------------------------------------------- gradients, cost, prediction
X_TWO = np.array([[1.0, 2.0], [3.0, -1.0]])
Y_TWO = np.array([1, 0])


def test_bce_gradients_by_hand() -> None:
    # a = (0.5, 0.5); delta = (a - y) / n = (-0.25, 0.25); dw = X^T delta; db = sum(delta)
    dw, db = neuron_gradients(X_TWO, Y_TWO, [0.0, 0.0], 0.0, "bce")
    np.testing.assert_allclose(dw, [0.5, -0.75])
    assert db == pytest.approx(0.0)


def test_mse_gradients_by_hand() -> None:
    # delta = 2/n (a - y) a (1 - a) = (-0.125, 0.125)
    dw, db = neuron_gradients(X_TWO, Y_TWO, [0.0, 0.0], 0.0, "mse")
    np.testing.assert_allclose(dw, [0.25, -0.375])
    assert db == pytest.approx(0.0)


def test_bias_gradient_by_hand() -> None:
    # w = 0, b = 0, both labels 1: delta = (-0.25, -0.25), db = -0.5
    _, db = neuron_gradients(X_TWO, [1, 1], [0.0, 0.0], 0.0, "bce")
    assert db == pytest.approx(-0.5)


def test_costs_by_hand() -> None:
    assert neuron_cost(X_TWO, Y_TWO, [0.0, 0.0], 0.0, "bce") == pytest.approx(np.log(2))
    assert neuron_cost(X_TWO, Y_TWO, [0.0, 0.0], 0.0, "mse") == pytest.approx(0.25)


def test_predict_by_hand() -> None:
    # z = (1*1 + 2*(-1) + 0.5, 3*1 + (-1)*(-1) + 0.5) = (-0.5, 4.5)
    np.testing.assert_array_equal(neuron_predict(X_TWO, [1.0, -1.0], 0.5), [0, 1])


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
    dw, _ = neuron_gradients(X_TWO.astype(np.float32), Y_TWO, [0.0, 0.0], 0.0)
    assert dw.dtype == np.float32


def test_unknown_loss_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"loss must be one of \('mse', 'bce'\); got 'hinge'"):
        neuron_gradients(X_TWO, Y_TWO, [0.0, 0.0], 0.0, "hinge")


def test_non_string_loss_is_rejected() -> None:
    with pytest.raises(TypeError, match="loss must be a string"):
        neuron_cost(X_TWO, Y_TWO, [0.0, 0.0], 0.0, 3)


def test_one_dimensional_X_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"X must have 2 dimension\(s\)"):
        neuron_gradients([1.0, 2.0], [1], [0.0, 0.0], 0.0)


def test_weights_of_the_wrong_length_are_rejected() -> None:
    with pytest.raises(ValueError, match="X has 2 features per row but w has 3 weights"):
        neuron_gradients(X_TWO, Y_TWO, [0.0, 0.0, 0.0], 0.0)


def test_label_count_mismatch_is_rejected() -> None:
    with pytest.raises(
        ValueError, match=r"X and y must have the same number of rows; got X: 2, y: 3"
    ):
        neuron_cost(X_TWO, [1, 0, 1], [0.0, 0.0], 0.0)


def test_non_binary_labels_are_rejected() -> None:
    with pytest.raises(ValueError, match="y must contain only 0 and 1; found"):
        neuron_gradients(X_TWO, [1, -1], [0.0, 0.0], 0.0)


def test_nan_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="X must be finite"):
        neuron_gradients([[np.nan, 1.0]], [1], [0.0, 0.0], 0.0)


def test_empty_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="X must not be empty"):
        neuron_cost(np.empty((0, 2)), np.empty(0), [0.0, 0.0], 0.0)


def test_non_finite_bias_is_rejected() -> None:
    with pytest.raises(ValueError, match="b must be finite"):
        neuron_gradients(X_TWO, Y_TWO, [0.0, 0.0], float("inf"))


def test_non_numeric_bias_is_rejected() -> None:
    with pytest.raises(TypeError, match="b must be a real number"):
        neuron_predict(X_TWO, [0.0, 0.0], "0")


def test_predict_puts_the_boundary_z_equal_0_in_class_1() -> None:
    # Decided once for the whole library: class 1 where z >= 0 (sigma(z) >= 1/2).
    X = np.array([[1.0, -1.0], [2.0, 0.0], [-3.0, 0.0]])
    np.testing.assert_array_equal(neuron_predict(X, [1.0, 1.0], 0.0), [1, 1, 0])

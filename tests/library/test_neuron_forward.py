"""Tests of nnfs_lib.neuron.neuron_forward: the hand example of "Forward propagation", laws, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnfs_lib.gradcheck import numerical_gradient
from nnfs_lib.neuron import neuron_forward

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

"""Tests of nnfs_lib.losses: hand values, finite differences, properties, validation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnfs_lib import losses
from nnfs_lib.activations import sigmoid
from nnfs_lib.demos.naive import binary_cross_entropy_naive
from nnfs_lib.gradcheck import numerical_gradient, relative_error

RNG = np.random.default_rng(1234)


# Hand-computed values ---------------------------------------------------------------


def test_mse_hand_value() -> None:
    # ((1 - 0)^2 + (2 - 4)^2) / 2 = (1 + 4) / 2
    assert losses.mse([1.0, 2.0], [0.0, 4.0]) == pytest.approx(2.5)


def test_mse_gradient_hand_value() -> None:
    # 2/m (y_hat - y) with m = 2
    np.testing.assert_allclose(losses.mse_gradient([1.0, 2.0], [0.0, 4.0]), [1.0, -2.0])


def test_bce_hand_value() -> None:
    expected = -(np.log(0.5) + np.log(0.1)) / 2
    assert losses.binary_cross_entropy([0.5, 0.9], [1, 0]) == pytest.approx(expected)


def test_bce_gradient_hand_value() -> None:
    # (p - y) / (p (1 - p)) / m: (0.5 - 1) / 0.25 / 2 = -1 and 0.9 / 0.09 / 2 = 5
    grad = losses.binary_cross_entropy_gradient([0.5, 0.9], [1, 0])
    np.testing.assert_allclose(grad, [-1.0, 5.0], rtol=1e-12)


def test_bce_from_logits_hand_values() -> None:
    assert losses.binary_cross_entropy_from_logits([0.0], [1]) == pytest.approx(np.log(2))
    assert losses.binary_cross_entropy_from_logits([40.0], [0]) == pytest.approx(40.0, rel=1e-15)
    assert losses.binary_cross_entropy_from_logits([-800.0], [1]) == pytest.approx(800.0)
    assert losses.binary_cross_entropy_from_logits([-800.0], [0]) == 0.0


def test_bce_from_logits_gradient_hand_value() -> None:
    grad = losses.binary_cross_entropy_from_logits_gradient([0.0, 0.0], [1, 0])
    np.testing.assert_allclose(grad, [-0.25, 0.25])


def test_naive_bce_breaks_where_the_stable_form_does_not() -> None:
    naive = binary_cross_entropy_naive([40.0, -800.0, -800.0, 1.0], [0, 1, 0, 1])
    assert naive[0] == np.inf
    assert naive[1] == np.inf
    assert np.isnan(naive[2])
    assert naive[3] == pytest.approx(losses.binary_cross_entropy_from_logits([1.0], [1]))


def test_bce_clips_a_confident_wrong_probability() -> None:
    assert losses.binary_cross_entropy([0.0], [1]) == pytest.approx(-np.log(losses.EPSILON))


# Finite differences -------------------------------------------------------------------


def test_mse_gradient_matches_finite_differences() -> None:
    y_hat, y = RNG.normal(size=(5, 3)), RNG.normal(size=(5, 3))
    numeric = numerical_gradient(lambda v: losses.mse(v, y), y_hat)
    assert relative_error(losses.mse_gradient(y_hat, y), numeric) < 1e-7


def test_bce_gradient_matches_finite_differences() -> None:
    p = RNG.uniform(0.05, 0.95, size=8)
    y = RNG.integers(0, 2, size=8).astype(float)
    numeric = numerical_gradient(lambda v: losses.binary_cross_entropy(v, y), p)
    assert relative_error(losses.binary_cross_entropy_gradient(p, y), numeric) < 1e-7


def test_bce_from_logits_gradient_matches_finite_differences() -> None:
    z = RNG.normal(scale=3, size=8)
    y = RNG.integers(0, 2, size=8).astype(float)
    numeric = numerical_gradient(lambda v: losses.binary_cross_entropy_from_logits(v, y), z)
    assert relative_error(losses.binary_cross_entropy_from_logits_gradient(z, y), numeric) < 1e-7


# Properties -----------------------------------------------------------------------------

finite = st.floats(-1e3, 1e3, allow_nan=False, width=64)
# Multiples of 1/1000: a nonzero difference cannot underflow when squared.
milli = st.integers(-(10**6), 10**6).map(lambda k: k / 1000)


@settings(max_examples=60, deadline=None)
@given(
    z=arrays(np.float64, 6, elements=st.floats(-20, 20)),
    y=arrays(np.float64, 6, elements=st.sampled_from([0.0, 1.0])),
)
def test_bce_from_logits_equals_bce_of_sigmoid(z: np.ndarray, y: np.ndarray) -> None:
    # "Moderate" z: sigma(z) stays inside the clip range [1e-12, 1 - 1e-12] of the direct form.
    direct = losses.binary_cross_entropy(sigmoid(z), y)
    assert losses.binary_cross_entropy_from_logits(z, y) == pytest.approx(direct, rel=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    z=arrays(np.float64, 5, elements=finite),
    y=arrays(np.float64, 5, elements=st.sampled_from([0.0, 1.0])),
)
def test_losses_are_non_negative(z: np.ndarray, y: np.ndarray) -> None:
    assert losses.binary_cross_entropy_from_logits(z, y) >= 0
    assert losses.binary_cross_entropy(sigmoid(z), y) >= 0
    assert losses.mse(z, y) >= 0


@settings(max_examples=60, deadline=None)
@given(a=arrays(np.float64, 4, elements=milli), b=arrays(np.float64, 4, elements=milli))
def test_mse_is_zero_exactly_when_equal(a: np.ndarray, b: np.ndarray) -> None:
    assert losses.mse(a, a) == 0.0
    assert (losses.mse(a, b) == 0.0) == bool(np.all(a == b))


def test_dtype_is_kept() -> None:
    z = np.array([0.5, -1.0], dtype=np.float32)
    y = np.array([1, 0])
    assert losses.mse_gradient(z, y).dtype == np.float32
    assert losses.binary_cross_entropy_gradient(sigmoid(z), y).dtype == np.float32
    assert losses.binary_cross_entropy_from_logits_gradient(z, y).dtype == np.float32


# Validation -----------------------------------------------------------------------------


def test_shape_mismatch_is_rejected() -> None:
    with pytest.raises(ValueError, match="y_hat and y must have the same shape"):
        losses.mse([1.0, 2.0], [1.0])


def test_nan_is_rejected() -> None:
    with pytest.raises(ValueError, match="z must be finite"):
        losses.binary_cross_entropy_from_logits([np.nan], [1])


def test_inf_target_is_rejected() -> None:
    with pytest.raises(ValueError, match="y must be finite"):
        losses.mse([1.0], [np.inf])


def test_empty_is_rejected() -> None:
    with pytest.raises(ValueError, match="y_hat must not be empty"):
        losses.mse_gradient([], [])


def test_labels_outside_zero_one_are_rejected() -> None:
    with pytest.raises(ValueError, match="y must contain only 0 and 1; found"):
        losses.binary_cross_entropy_from_logits_gradient([0.1], [2])


def test_probabilities_outside_unit_interval_are_rejected() -> None:
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]"):
        losses.binary_cross_entropy([1.5], [1])


def test_probabilities_outside_unit_interval_are_rejected_by_gradient() -> None:
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]"):
        losses.binary_cross_entropy_gradient([-0.1], [0])


def test_boolean_predictions_are_rejected() -> None:
    with pytest.raises(TypeError, match="y_hat must hold real numbers"):
        losses.mse(np.array([True, False]), [1.0, 0.0])


def test_string_labels_are_rejected() -> None:
    with pytest.raises(TypeError, match="y must hold real numbers"):
        binary_cross_entropy_naive([0.0], ["1"])

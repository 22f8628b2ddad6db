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
from nnfs_lib.gradcheck import gradient_check, numerical_gradient, relative_error
from nnfs_lib.losses import (
    BinaryCrossEntropyWithLogits,
    Loss,
    MeanSquaredError,
    SoftmaxCrossEntropy,
    categorical_cross_entropy,
    categorical_cross_entropy_gradient,
    one_hot,
    softmax_cross_entropy,
    softmax_cross_entropy_gradient,
)
from nnfs_lib.softmax import softmax, softmax_backward

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


def test_mse_gradient_matches_finite_differences(rng: np.random.Generator) -> None:
    y_hat, y = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    numeric = numerical_gradient(lambda v: losses.mse(v, y), y_hat)
    assert relative_error(losses.mse_gradient(y_hat, y), numeric) < 1e-7


def test_bce_gradient_matches_finite_differences(rng: np.random.Generator) -> None:
    p = rng.uniform(0.05, 0.95, size=8)
    y = rng.integers(0, 2, size=8).astype(float)
    numeric = numerical_gradient(lambda v: losses.binary_cross_entropy(v, y), p)
    assert relative_error(losses.binary_cross_entropy_gradient(p, y), numeric) < 1e-7


def test_bce_from_logits_gradient_matches_finite_differences(rng: np.random.Generator) -> None:
    z = rng.normal(scale=3, size=8)
    y = rng.integers(0, 2, size=8).astype(float)
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


def test_non_finite_prediction_gives_non_finite_cost() -> None:
    # Documented: a prediction may hold NaN or inf; the cost is then not finite (no error).
    assert np.isnan(losses.binary_cross_entropy_from_logits([np.nan], [1]))
    assert np.isnan(SoftmaxCrossEntropy().forward(np.array([[np.nan, 0.0]]), [0]))


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


# Categorical cross-entropy and the fused softmax form ------------------------------


def test_one_hot() -> None:
    np.testing.assert_array_equal(one_hot(np.array([2, 0]), 3), [[0, 0, 1], [1, 0, 0]])


def test_cce_hand_case() -> None:
    P = np.array([[0.25, 0.75], [0.5, 0.5]])
    expected = -(np.log(0.75) + np.log(0.5)) / 2
    assert categorical_cross_entropy(P, np.array([1, 0])) == pytest.approx(expected)
    assert categorical_cross_entropy(P, one_hot(np.array([1, 0]), 2)) == pytest.approx(expected)


def test_cce_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(0)
    P = softmax(rng.standard_normal((4, 3)))
    y = np.array([0, 2, 1, 2])
    analytic = categorical_cross_entropy_gradient(P, y)
    assert gradient_check(lambda p: categorical_cross_entropy(p, y), analytic, P) < 1e-7


def test_separate_chain_equals_fused_gradient() -> None:
    rng = np.random.default_rng(2)
    Z = rng.standard_normal((5, 3))
    y = np.array([0, 1, 2, 1, 0])
    P = softmax(Z)
    separate = softmax_backward(P, categorical_cross_entropy_gradient(P, y))
    loss = SoftmaxCrossEntropy()
    cost = loss.forward(Z, y)
    assert cost == pytest.approx(categorical_cross_entropy(P, y))
    np.testing.assert_allclose(loss.backward(), separate, atol=1e-12)
    np.testing.assert_allclose(loss.backward(), (P - one_hot(y, 3)) / 5)


def test_fused_matches_finite_differences() -> None:
    rng = np.random.default_rng(3)
    Z = rng.standard_normal((6, 4))
    y = rng.integers(0, 4, 6)
    loss = SoftmaxCrossEntropy()
    loss.forward(Z, y)
    analytic = loss.backward()
    assert gradient_check(lambda z: SoftmaxCrossEntropy().forward(z, y), analytic, Z) < 1e-7


def test_fused_hand_case_and_large_logits() -> None:
    loss = SoftmaxCrossEntropy()
    assert loss.forward(np.array([[0.0, np.log(3.0)]]), np.array([1])) == pytest.approx(
        -np.log(0.75)
    )
    np.testing.assert_allclose(loss.backward(), [[0.25, -0.25]])
    assert loss.forward(np.array([[1000.0, 0.0]]), np.array([1])) == pytest.approx(1000.0)


def test_fused_keeps_float32() -> None:
    loss = SoftmaxCrossEntropy()
    loss.forward(np.zeros((2, 3), dtype=np.float32), np.array([0, 1]))
    assert loss.backward().dtype == np.float32


def test_fused_backward_before_forward() -> None:
    with pytest.raises(RuntimeError, match="backward called before forward"):
        SoftmaxCrossEntropy().backward()


def test_fused_one_column_rejected() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        SoftmaxCrossEntropy().forward(np.zeros((3, 1)), np.array([0, 0, 0]))


@pytest.mark.parametrize(
    ("y", "error", "match"),
    [
        (np.array([0, 3]), ValueError, r"class labels in \[0, 2\]; found 0..3"),
        (np.array([0, -1]), ValueError, r"class labels in \[0, 2\]"),
        (np.array([0.5, 1.0]), TypeError, "whole-number class labels"),
        (np.array(["a", "b"]), TypeError, "integer class labels"),
        (np.array([0, 1, 2]), ValueError, "y must have 2 labels, one per row"),
        (np.ones((2, 2)) / 2, ValueError, r"one-hot y must have shape \(2, 3\)"),
        (np.array([[1.0, 1.0, 0.0], [0, 0, 1]]), ValueError, "rows that sum to 1"),
        (np.zeros((2, 3, 1)), ValueError, r"y must have 1 or 2 dimension"),
    ],
)
def test_label_validation(y: np.ndarray, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        SoftmaxCrossEntropy().forward(np.zeros((2, 3)), y)


def test_empty_labels_rejected() -> None:
    with pytest.raises(ValueError, match="y must not be empty"):
        one_hot(np.array([], dtype=np.int64), 3)


def test_probabilities_validation() -> None:
    with pytest.raises(ValueError, match=r"P must lie in \[0, 1\]"):
        categorical_cross_entropy(np.array([[1.5, -0.5]]), np.array([0]))


# The loss objects used in training --------------------------------------------------


def test_mse_hand_case() -> None:
    loss = MeanSquaredError()
    assert loss.forward(np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]])) == pytest.approx(2.5)
    np.testing.assert_allclose(loss.backward(), [[1.0, 2.0]])  # 2/m (y_hat - y), m = 2


def test_mse_accepts_vector_targets_for_one_column() -> None:
    assert MeanSquaredError().forward(np.array([[1.0], [3.0]]), np.array([1.0, 1.0])) == 2.0


def test_mse_gradient_check() -> None:
    rng = np.random.default_rng(0)
    Y_hat, Y = rng.standard_normal((4, 3)), rng.standard_normal((4, 3))
    loss = MeanSquaredError()
    loss.forward(Y_hat, Y)
    assert gradient_check(lambda v: MeanSquaredError().forward(v, Y), loss.backward(), Y_hat) < 1e-7


def test_bce_logits_hand_case() -> None:
    loss = BinaryCrossEntropyWithLogits()
    assert loss.forward(np.array([[0.0]]), np.array([1.0])) == pytest.approx(np.log(2))
    np.testing.assert_allclose(loss.backward(), [[-0.5]])


def test_bce_logits_gradient_check() -> None:
    rng = np.random.default_rng(1)
    Z = rng.standard_normal((5, 1))
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    loss = BinaryCrossEntropyWithLogits()
    loss.forward(Z, y)
    analytic = loss.backward()
    assert (
        gradient_check(lambda z: BinaryCrossEntropyWithLogits().forward(z, y), analytic, Z) < 1e-7
    )


def test_float32_kept() -> None:
    loss = MeanSquaredError()
    loss.forward(np.ones((2, 1), dtype=np.float32), np.zeros(2))
    assert loss.backward().dtype == np.float32


@pytest.mark.parametrize("cls", [MeanSquaredError, BinaryCrossEntropyWithLogits])
def test_backward_before_forward(cls) -> None:
    with pytest.raises(RuntimeError, match="backward called before forward"):
        cls().backward()


def test_mse_shape_mismatch() -> None:
    with pytest.raises(ValueError, match=r"y_hat and y must have the same shape"):
        MeanSquaredError().forward(np.ones((2, 2)), np.ones((2, 3)))


def test_bce_needs_one_column() -> None:
    with pytest.raises(ValueError, match="Z must have one column"):
        BinaryCrossEntropyWithLogits().forward(np.ones((2, 2)), np.ones(2))


def test_bce_labels_must_be_binary() -> None:
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        BinaryCrossEntropyWithLogits().forward(np.ones((2, 1)), np.array([0.0, 2.0]))


def test_loss_objects_return_the_functions_values(rng: np.random.Generator) -> None:
    Z = rng.standard_normal((6, 3))
    y = rng.integers(0, 3, size=6)
    loss = SoftmaxCrossEntropy()
    assert loss(Z, y) == softmax_cross_entropy(Z, y)
    np.testing.assert_array_equal(loss.backward(), softmax_cross_entropy_gradient(Z, y))
    assert isinstance(loss, Loss)

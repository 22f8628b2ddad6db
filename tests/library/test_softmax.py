"""Softmax, log-softmax, categorical cross-entropy: separate and fused."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnfs_lib.demos.naive import softmax_naive
from nnfs_lib.gradcheck import gradient_check
from nnfs_lib.losses import (
    SoftmaxCrossEntropy,
    categorical_cross_entropy,
    categorical_cross_entropy_gradient,
    one_hot,
)
from nnfs_lib.softmax import log_softmax, softmax, softmax_backward

LOGITS = arrays(
    np.float64,
    st.tuples(st.integers(1, 5), st.integers(2, 6)),
    elements=st.floats(-50, 50),
)


def test_softmax_hand_case() -> None:
    P = softmax(np.array([[0.0, np.log(3.0)]]))
    np.testing.assert_allclose(P, [[0.25, 0.75]])


@given(LOGITS)
@settings(max_examples=50, deadline=None)
def test_softmax_rows_are_probabilities(Z: np.ndarray) -> None:
    P = softmax(Z)
    assert np.all(P >= 0)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)


@given(LOGITS, st.floats(-100, 100))
@settings(max_examples=50, deadline=None)
def test_softmax_shift_invariance(Z: np.ndarray, c: float) -> None:
    np.testing.assert_allclose(softmax(Z + c), softmax(Z), atol=1e-12)


def test_softmax_does_not_overflow_where_naive_does() -> None:
    Z = np.array([[1000.0, 999.0, 0.0]])
    assert np.all(np.isnan(softmax_naive(Z)[0, :2]))
    e = np.exp(-1.0)
    np.testing.assert_allclose(softmax(Z), [[1 / (1 + e), e / (1 + e), 0.0]], atol=1e-300)
    np.testing.assert_allclose(
        softmax_naive(np.array([[1.0, 2.0]])), softmax(np.array([[1.0, 2.0]]))
    )


def test_softmax_keeps_float32() -> None:
    assert softmax(np.ones((2, 3), dtype=np.float32)).dtype == np.float32


def test_log_softmax_exact_for_large_logits() -> None:
    Z = np.array([[1000.0, 0.0]])
    np.testing.assert_allclose(log_softmax(Z), [[-np.log1p(np.exp(-1000.0)), -1000.0]])
    Zs = np.array([[0.2, -1.0, 3.0]])
    np.testing.assert_allclose(log_softmax(Zs), np.log(softmax(Zs)))


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


def test_softmax_backward_matches_finite_differences() -> None:
    rng = np.random.default_rng(1)
    Z = rng.standard_normal((3, 4))
    G = rng.standard_normal((3, 4))
    analytic = softmax_backward(softmax(Z), G)
    assert gradient_check(lambda z: float(np.sum(G * softmax(z))), analytic, Z) < 1e-7


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
        (np.zeros((2, 3, 1)), ValueError, r"labels \(n,\) or one-hot rows"),
    ],
)
def test_label_validation(y: np.ndarray, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        SoftmaxCrossEntropy().forward(np.zeros((2, 3)), y)


def test_empty_labels_rejected() -> None:
    with pytest.raises(ValueError, match="y must not be empty"):
        one_hot(np.array([], dtype=np.int64), 3)


def test_logits_validation() -> None:
    with pytest.raises(ValueError, match="Z must have 2 dimension"):
        softmax(np.ones(3))
    with pytest.raises(ValueError, match="Z must be finite"):
        softmax(np.array([[np.inf, 0.0]]))


def test_probabilities_validation() -> None:
    with pytest.raises(ValueError, match=r"P must hold probabilities in \[0, 1\]"):
        categorical_cross_entropy(np.array([[1.5, -0.5]]), np.array([0]))


def test_softmax_backward_shape_mismatch() -> None:
    with pytest.raises(ValueError, match="P and dP must have the same shape"):
        softmax_backward(np.ones((2, 3)) / 3, np.ones((2, 2)))

"""Softmax, log-softmax, categorical cross-entropy: separate and fused."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnfs_lib.demos.naive import softmax_naive
from nnfs_lib.gradcheck import gradient_check
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


def test_softmax_backward_matches_finite_differences() -> None:
    rng = np.random.default_rng(1)
    Z = rng.standard_normal((3, 4))
    G = rng.standard_normal((3, 4))
    analytic = softmax_backward(softmax(Z), G)
    assert gradient_check(lambda z: float(np.sum(G * softmax(z))), analytic, Z) < 1e-7


def test_logits_validation() -> None:
    with pytest.raises(ValueError, match="Z must have 2 dimension"):
        softmax(np.ones(3))
    with np.errstate(invalid="ignore"):  # documented: non-finite logits give NaN, no error
        assert np.isnan(softmax(np.array([[np.inf, 0.0]]))).all()


def test_softmax_backward_shape_mismatch() -> None:
    with pytest.raises(ValueError, match="P and dP must have the same shape"):
        softmax_backward(np.ones((2, 3)) / 3, np.ones((2, 2)))

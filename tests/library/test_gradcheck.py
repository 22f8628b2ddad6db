"""Tests of nnfs_lib.gradcheck: the central difference, the relative error, and their errors."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.gradcheck import gradient_check, numerical_gradient, relative_error


def test_gradient_of_sum_of_squares():
    x = np.array([1.0, -2.0, 0.5])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, rtol=1e-9)


def test_gradient_of_a_product_keeps_shape():
    # f(X) = X[0, 0] * X[1, 2]: df/dX[0, 0] = X[1, 2], df/dX[1, 2] = X[0, 0], 0 elsewhere.
    X = np.arange(1.0, 7.0).reshape(2, 3)
    expected = np.zeros((2, 3))
    expected[0, 0], expected[1, 2] = X[1, 2], X[0, 0]
    grad = numerical_gradient(lambda V: V[0, 0] * V[1, 2], X)
    assert grad.shape == (2, 3)
    np.testing.assert_allclose(grad, expected, atol=1e-8)


def test_central_difference_is_exact_for_quadratics_up_to_rounding():
    # For f(x) = x^2 the central difference is exactly 2x in exact arithmetic, for any h.
    grad = numerical_gradient(lambda v: float(v[0] ** 2), np.array([3.0]), h=0.5)
    assert grad[0] == pytest.approx(6.0, abs=1e-12)


def test_caller_array_unchanged_and_float64_result():
    x = np.array([1.0, 2.0], dtype=np.float32)
    before = x.copy()
    grad = numerical_gradient(lambda v: np.sum(np.sin(v)), x)
    np.testing.assert_array_equal(x, before)
    assert grad.dtype == np.float64
    np.testing.assert_allclose(grad, np.cos(before.astype(np.float64)), rtol=1e-8)


def test_relative_error_hand_value():
    # max |a - b| = 0.5, max(|a| + |b|) = 2 + 2.5 = 4.5
    assert relative_error([1.0, 2.0], [1.0, 2.5]) == pytest.approx(0.5 / 4.5, rel=1e-15)


def test_relative_error_of_zero_vectors_is_zero():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


def test_relative_error_is_scale_free():
    a, b = np.array([1.0, 2.0]), np.array([1.1, 2.0])
    assert relative_error(1e-6 * a, 1e-6 * b) == pytest.approx(relative_error(a, b), rel=1e-12)


def test_gradient_check_correct_and_wrong_gradient():
    x = np.array([0.3, -1.2, 2.0])
    f = lambda v: np.sum(v**3)  # noqa: E731
    assert gradient_check(f, 3 * x**2, x) < 1e-8
    assert gradient_check(f, -3 * x**2, x) == pytest.approx(1.0, rel=1e-6)


# ---------------------------------------------------------------- errors
def test_f_not_callable():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_gradient(3.0, np.ones(2))


@pytest.mark.parametrize("h", [0.0, -1e-6])
def test_h_not_positive(h):
    with pytest.raises(ValueError, match="h must be > 0"):
        numerical_gradient(np.sum, np.ones(2), h=h)


def test_h_not_a_number():
    with pytest.raises(TypeError, match="h must be a real number"):
        numerical_gradient(np.sum, np.ones(2), h="small")


def test_x_empty():
    with pytest.raises(ValueError, match="x must not be empty"):
        numerical_gradient(np.sum, np.array([]))


def test_x_not_finite():
    with pytest.raises(ValueError, match="x must be finite"):
        numerical_gradient(np.sum, np.array([1.0, np.nan]))


def test_f_returns_an_array():
    with pytest.raises(TypeError, match="f must return one real number"):
        numerical_gradient(lambda v: v * 2, np.ones(2))


def test_f_returns_nan():
    with pytest.raises(ValueError, match="f must return a finite number"):
        numerical_gradient(lambda v: float("nan") * v[0], np.ones(1))


def test_relative_error_shape_mismatch():
    with pytest.raises(ValueError, match="a and b must have the same shape"):
        relative_error(np.ones(2), np.ones(3))


def test_relative_error_empty():
    with pytest.raises(ValueError, match="a must not be empty"):
        relative_error(np.array([]), np.array([]))

"""Finite-difference gradient checking, used by the tests and by the book's pages.

A derivative derived by hand is checked against the central difference

.. math:: \\frac{\\partial f}{\\partial x_i} \\approx
          \\frac{f(x + h e_i) - f(x - h e_i)}{2h},

whose error is :math:`O(h^2)`, in float64. With ``h = 1e-6`` and smooth ``f``
the two agree to a relative error near ``1e-9``; a wrong derivative gives an
error near 1.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnfs_lib.validation import Array, Scalar, callback, same_shape, validate


def _returns_one_number(name: str, f: object) -> Callable[[np.ndarray], float]:
    """Declared check: ``f`` is callable; wrapped so that each value it returns must be one
    finite real number (:func:`_scalar_value`)."""
    f = callback(name, f)
    return lambda x: _scalar_value(f(x))


@validate(f=_returns_one_number, x=Array(), h=Scalar(low=0, closed="neither"))
def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6
) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x``.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns one finite real number.
        It may read ``x`` but must not keep a reference to it.
    x : array_like, any non-empty shape
        The point, finite. It is copied to float64; the caller's array is not
        changed.
    h : float, default 1e-6
        The step.

    Returns
    -------
    numpy.ndarray, float64, same shape as ``x``

    Raises
    ------
    TypeError
        If ``f`` is not callable or returns something other than one number.
    ValueError
        If ``x`` is empty or not finite, ``h <= 0``, or ``f`` returns NaN or inf.
    """
    point = np.array(x, dtype=np.float64)  # a copy: f sees it change one entry at a time
    grad = np.zeros_like(point)
    flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)
    for i in range(flat_point.size):
        original = flat_point[i]
        flat_point[i] = original + h
        f_plus = f(point)
        flat_point[i] = original - h
        f_minus = f(point)
        flat_point[i] = original
        flat_grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _scalar_value(value: object) -> float:
    """``value`` as a float, or a clear error if ``f`` returned something else."""
    array = np.asarray(value)
    if array.dtype.kind not in "fiu" or array.size != 1:
        raise TypeError(
            f"f must return one real number; got {type(value).__name__} "
            f"of shape {array.shape} and dtype {array.dtype}"
        )
    number = float(array.reshape(()))
    if not np.isfinite(number):
        raise ValueError(f"f must return a finite number; got {number}")
    return number


@validate(same_shape("a", "b"), a=Array(), b=Array())
def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    r"""Relative error :math:`\max_i |a_i - b_i| \,/\, \max(\max_i |a_i| + |b_i|, 10^{-12})`.

    Scale-free, so it means the same for tiny and for large gradients; 0 when
    both are exactly zero.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(float(np.max(np.abs(a) + np.abs(b))), 1e-12)
    return float(np.max(np.abs(a - b)) / scale)


def gradient_check(
    f: Callable[[np.ndarray], float],
    analytic: np.ndarray,
    x: np.ndarray,
    h: float = 1e-6,
) -> float:
    """Relative error between an analytic gradient and the central difference of ``f`` at ``x``."""
    return relative_error(analytic, numerical_gradient(f, x, h))

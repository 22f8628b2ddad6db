"""Loss functions for Part I, each next to its gradient.

Conventions
-----------
* Arguments come in the order ``(prediction, target)``, as in the book's
  :math:`\\mathcal{L}(\\hat{y}, y)`.
* A loss returns the *cost* :math:`J`, the mean over every element of the
  batch, as a Python float. Its gradient function returns
  :math:`\\partial J / \\partial(\\text{prediction})`, an array of the
  prediction's shape and dtype, already divided by the number of elements.

The equations are derived in the chapter "Loss functions"
(``book/part1/losses.md``).
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.activations import sigmoid
from nnfs_lib.validation import (
    as_float_array,
    check_binary_labels,
    check_probabilities,
    check_same_shape,
)

EPSILON = 1e-12
"""Probabilities are clipped to [EPSILON, 1 - EPSILON] before a log (float64)."""


def _pair(y_hat: np.ndarray, y: np.ndarray, name_hat: str = "y_hat") -> tuple:
    y_hat = as_float_array(name_hat, y_hat)
    y = as_float_array("y", y)
    check_same_shape(name_hat, y_hat, "y", y)
    return y_hat, y.astype(y_hat.dtype, copy=False)


def mse(y_hat: np.ndarray, y: np.ndarray) -> float:
    r"""Mean squared error :math:`J = \frac{1}{m}\sum_k (\hat{y}_k - y_k)^2` (eq. ``eq-loss-mse``).

    ``m`` is the number of elements of ``y_hat``.

    Parameters
    ----------
    y_hat : array_like, shape (n,) or (n, k)
        Predictions.
    y : array_like, same shape as ``y_hat``
        Targets.
    """
    y_hat, y = _pair(y_hat, y)
    diff = y_hat - y
    return float(np.mean(diff * diff))


def mse_gradient(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J/\partial \hat{y}_k = \frac{2}{m}(\hat{y}_k - y_k)` (eq. ``eq-loss-mse-gradient``)."""
    y_hat, y = _pair(y_hat, y)
    return (2.0 / y_hat.size) * (y_hat - y)


def binary_cross_entropy(p: np.ndarray, y: np.ndarray) -> float:
    r"""Binary cross-entropy of probabilities (eq. ``eq-loss-bce``).

    .. math:: J = -\frac{1}{m}\sum_k \bigl[y_k \log p_k + (1-y_k)\log(1-p_k)\bigr]

    ``p`` is clipped to ``[EPSILON, 1 - EPSILON]`` (computed in float64) so
    that a confident wrong prediction gives a large finite loss rather than
    ``inf``. Prefer :func:`binary_cross_entropy_from_logits` when you have the
    pre-activation ``z``: it needs no clipping at all.

    Parameters
    ----------
    p : array_like, shape (n,) or (n, 1)
        Predicted probabilities of class 1, in [0, 1].
    y : array_like, same shape
        Labels, each exactly 0 or 1.
    """
    p, y = _pair(p, y, "p")
    check_probabilities("p", p)
    check_binary_labels("y", y)
    q = np.clip(p.astype(np.float64), EPSILON, 1 - EPSILON)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log1p(-q)))


def binary_cross_entropy_gradient(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J/\partial p_k = \frac{1}{m}\,\frac{p_k - y_k}{p_k(1-p_k)}` (eq. ``eq-loss-bce-gradient``).

    Uses the same clipping as :func:`binary_cross_entropy`, so it is the exact
    derivative of that function wherever ``p`` is inside the clip range.
    """
    p, y = _pair(p, y, "p")
    check_probabilities("p", p)
    check_binary_labels("y", y)
    q = np.clip(p.astype(np.float64), EPSILON, 1 - EPSILON)
    return ((q - y) / (q * (1 - q)) / p.size).astype(p.dtype)


def binary_cross_entropy_from_logits(z: np.ndarray, y: np.ndarray) -> float:
    r"""Binary cross-entropy of :math:`\sigma(z)`, computed stably from ``z`` (eq. ``eq-loss-bce-logits``).

    .. math:: \ell(z, y) = \max(z, 0) - z\,y + \log\bigl(1 + e^{-|z|}\bigr)

    equals :math:`-[y\log\sigma(z) + (1-y)\log(1-\sigma(z))]` exactly, but
    never forms :math:`\sigma(z)`, so nothing rounds to 0 or 1 and no log
    sees 0: the loss stays exact for ``|z|`` in the hundreds.

    Parameters
    ----------
    z : array_like, shape (n,) or (n, 1)
        Pre-activations (logits).
    y : array_like, same shape
        Labels, each exactly 0 or 1.
    """
    z, y = _pair(z, y, "z")
    check_binary_labels("y", y)
    loss = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(loss))


def binary_cross_entropy_from_logits_gradient(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J/\partial z_k = \frac{1}{m}(\sigma(z_k) - y_k)` (eq. ``eq-loss-bce-logits-gradient``).

    The sigmoid's derivative cancels the cross-entropy's denominator: this
    is why the pair learns fast even when the neuron is confidently wrong.
    """
    z, y = _pair(z, y, "z")
    check_binary_labels("y", y)
    return (sigmoid(z) - y) / z.size


def binary_cross_entropy_naive(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    r"""The textbook formula evaluated literally: a cautionary example, not for training.

    .. math:: \ell(z, y) = -\bigl[y\log s + (1-y)\log(1-s)\bigr], \quad s = \frac{1}{1+e^{-z}}

    with ``s`` computed by the naive sigmoid. Returns the loss of every element
    (not the mean) so that a page can show which ones break: for ``z = 40`` in
    float64, ``s`` rounds to exactly 1 and ``log(1 - s)`` is ``-inf``; for
    ``z = -800``, ``exp(800)`` overflows, ``s = 0`` and ``0 * log(0)`` is NaN.
    Floating-point warnings are silenced, because showing the resulting
    ``inf`` and ``nan`` is the point. Compare
    :func:`binary_cross_entropy_from_logits` (eq. ``eq-loss-bce-logits``).
    """
    z, y = _pair(z, y, "z")
    check_binary_labels("y", y)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        s = 1.0 / (1.0 + np.exp(-z))
        return -(y * np.log(s) + (1 - y) * np.log(1 - s))

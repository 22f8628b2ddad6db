"""Deliberately naive forms that the chapters contrast with the library's own.

* The dense layer written with Python loops, a deliberately SLOW reference: the
  chapter "Matrix operations for efficient computation" times it against the
vectorized :class:`nnfs_lib.layers.Dense` to show what writing the same
arithmetic as matrix products buys. Every loop below is one index of the sums
in eqs. ``eq-matrix-dense-forward-entry`` and ``eq-matrix-dense-dW`` ..
``eq-matrix-dense-dX``, written out term by term, so it is also an independent
check of the vectorized code (the tests compare the two).
* Softmax without the max shift, and binary cross-entropy evaluated literally
  from the sigmoid: the chapters "Layers" and "Loss functions" show where these
  overflow or return NaN, which is why the library computes them otherwise.

Do not use this module to train anything.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.validation import Array, check_array, prediction_pair, validate


def _dense_shapes(arguments: dict) -> None:
    """The check of ``X`` (n, d), ``W`` (d, h) and ``b`` (h,) or ``dZ`` (n, h) together."""
    X, W = arguments["X"], arguments["W"]
    if X.shape[1] != W.shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} columns but W has {W.shape[0]} rows; they must be equal"
        )
    n, h = X.shape[0], W.shape[1]
    name = "b" if "b" in arguments else "dZ"
    expected, like = ((h,), "the columns of W") if name == "b" else ((n, h), "Z = X @ W")
    V = check_array(name, arguments[name], ndim=len(expected))
    if V.shape != expected:
        raise ValueError(f"{name} must have shape {expected} like {like}; got {V.shape}")
    arguments[name] = V


@validate(_dense_shapes, X=Array(ndim=2), W=Array(ndim=2))
def dense_forward_loops(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    r"""``Z[i, j] = sum_k X[i, k] W[k, j] + b[j]``, one scalar multiply-add at a time.

    Parameters
    ----------
    X : array_like, shape (n, d)
    W : array_like, shape (d, h)
    b : array_like, shape (h,)

    Returns
    -------
    numpy.ndarray, shape (n, h), float64
    """
    n, d = X.shape
    h = W.shape[1]
    Z = np.zeros((n, h))
    for i in range(n):
        for j in range(h):
            total = float(b[j])
            for k in range(d):
                total += float(X[i, k]) * float(W[k, j])
            Z[i, j] = total
    return Z


@validate(_dense_shapes, X=Array(ndim=2), W=Array(ndim=2))
def dense_backward_loops(
    X: np.ndarray, W: np.ndarray, dZ: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""``(dW, db, dX)`` from the index form of the dense layer's backward pass, in loops.

    * ``dW[k, j] = sum_i X[i, k] dZ[i, j]``
    * ``db[j]    = sum_i dZ[i, j]``
    * ``dX[i, k] = sum_j dZ[i, j] W[k, j]``

    Parameters
    ----------
    X : array_like, shape (n, d)
        The forward input.
    W : array_like, shape (d, h)
    dZ : array_like, shape (n, h)
        dJ/dZ.

    Returns
    -------
    tuple of numpy.ndarray (float64)
        ``dW`` (d, h), ``db`` (h,), ``dX`` (n, d).
    """
    n, d = X.shape
    h = W.shape[1]
    dW = np.zeros((d, h))
    db = np.zeros(h)
    dX = np.zeros((n, d))
    for i in range(n):
        for j in range(h):
            g = float(dZ[i, j])
            db[j] += g
            for k in range(d):
                dW[k, j] += float(X[i, k]) * g
                dX[i, k] += g * float(W[k, j])
    return dW, db, dX


@validate(Z=Array(ndim=2))
def softmax_naive(Z: np.ndarray) -> np.ndarray:
    r"""Row-wise softmax straight from the definition, **without** the max shift.

    Kept only for the chapter's overflow demonstration: for a
    logit above about 709 (float64) or 88 (float32) ``exp`` returns ``inf`` and
    the row becomes ``nan``. Never use it for training; use :func:`softmax`.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(Z)
        return E / E.sum(axis=1, keepdims=True)


@validate(prediction_pair("z", binary=True))
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
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        s = 1.0 / (1.0 + np.exp(-z))
        return -(y * np.log(s) + (1 - y) * np.log(1 - s))

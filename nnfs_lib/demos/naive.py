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

from nnfs_lib.validation import check_array, check_prediction_pair


def _check_dense(
    X: object, W: object, name: str, V: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``X`` (n, d), ``W`` (d, h) and ``V``, which is ``b`` (h,) or ``dZ`` (n, h), as float arrays."""
    X, W = check_array("X", X, ndim=2), check_array("W", W, ndim=2)
    if X.shape[1] != W.shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} columns but W has {W.shape[0]} rows; they must be equal"
        )
    n, h = X.shape[0], W.shape[1]
    expected, like = ((h,), "the columns of W") if name == "b" else ((n, h), "Z = X @ W")
    V = check_array(name, V, ndim=len(expected))
    if V.shape != expected:
        raise ValueError(f"{name} must have shape {expected} like {like}; got {V.shape}")
    return X, W, V


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
    X, W, b = _check_dense(X, W, "b", b)
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
    X, W, dZ = _check_dense(X, W, "dZ", dZ)
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


def softmax_naive(Z: np.ndarray) -> np.ndarray:
    r"""Row-wise softmax straight from the definition, **without** the max shift.

    Kept only for the chapter's overflow demonstration: for a
    logit above about 709 (float64) or 88 (float32) ``exp`` returns ``inf`` and
    the row becomes ``nan``. Never use it for training; use :func:`softmax`.
    """
    Z = check_array("Z", Z, ndim=2)
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(Z)
        return E / E.sum(axis=1, keepdims=True)


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
    z, y = check_prediction_pair("z", z, y, binary=True)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        s = 1.0 / (1.0 + np.exp(-z))
        return -(y * np.log(s) + (1 - y) * np.log(1 - s))

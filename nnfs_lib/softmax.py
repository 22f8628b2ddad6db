"""Softmax and log-softmax over the rows of a batch of logits, and the chain rule through softmax.

Rows are examples: a batch of logits ``Z`` has shape ``(n, k)`` for ``k``
classes. Non-finite logits are not refused: they give NaN, as in the losses. The loss that usually follows softmax, categorical cross-entropy,
lives with the other losses in :mod:`nnfs_lib.losses`.

Derivations: the chapter "Layers" (``book/part2/layers.md``).
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.validation import Array, same_shape, validate


@validate(Z=Array(ndim=2, finite=False))
def softmax(Z: np.ndarray) -> np.ndarray:
    r"""Row-wise softmax :math:`\hat{y}_{ij} = e^{z_{ij}} / \sum_c e^{z_{ic}}` (eq. ``eq-layers-softmax``).

    Subtracts each row's maximum first: softmax is unchanged by adding a
    constant to a row, and afterwards every exponent is <= 0, so ``exp``
    cannot overflow (``exp(1000)`` is ``inf`` in float64, ``exp(89)`` in float32).

    Parameters
    ----------
    Z : array_like, shape (n, k)
        Logits.

    Returns
    -------
    numpy.ndarray, shape (n, k), dtype of ``Z``
        Each row is a probability vector.
    """
    shifted = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(shifted)
    return E / E.sum(axis=1, keepdims=True)


@validate(Z=Array(ndim=2, finite=False))
def log_softmax(Z: np.ndarray) -> np.ndarray:
    r"""Row-wise :math:`\log \mathrm{softmax}(z)_j = z_j - \mathrm{LSE}(z)` (eq. ``eq-layers-log-softmax``).

    The log-sum-exp is computed as :math:`m + \log\sum_c e^{z_c - m}` with
    :math:`m = \max_c z_c`, which is exact and cannot overflow.
    """
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


@validate(same_shape("P", "dP"), P=Array(ndim=2), dP=Array(ndim=2))
def softmax_backward(P: np.ndarray, dP: np.ndarray) -> np.ndarray:
    r"""Chain rule through softmax: :math:`dZ = P \odot (dP - \mathrm{rowsum}(dP \odot P))`.

    The Jacobian of one row is :math:`\mathrm{diag}(p) - p p^\top`
    (eq. ``eq-layers-softmax-jacobian``); this is its product with ``dP``
    without forming the ``k x k`` matrix.

    Parameters
    ----------
    P : array_like, shape (n, k)
        The softmax output of the forward pass.
    dP : array_like, shape (n, k)
        dJ/dP.
    """
    return P * (dP - np.sum(dP * P, axis=1, keepdims=True))

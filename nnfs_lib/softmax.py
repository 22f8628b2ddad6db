"""Softmax, log-softmax and categorical cross-entropy, separate and fused.

Rows are examples: a batch of logits ``Z`` has shape ``(n, k)`` for ``k``
classes. Labels are given either as integer classes ``y`` of shape ``(n,)``
or as one-hot rows ``Y`` of shape ``(n, k)``.

Derivations: the chapter "Layers" (``book/part2/layers.md``), where the fused
gradient :math:`(\\hat{\\mathbf{Y}} - \\mathbf{Y})/n` is theorem
``thm-layers-softmax-ce``.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.validation import as_float_array

EPSILON = 1e-12
"""Probabilities are clipped below at EPSILON before a log in the unfused loss."""


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
    Z = as_float_array("Z", Z, ndim=2)
    shifted = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(shifted)
    E /= E.sum(axis=1, keepdims=True)
    return E


def softmax_naive(Z: np.ndarray) -> np.ndarray:
    r"""Row-wise softmax straight from the definition, **without** the max shift.

    Kept only for the chapter's overflow demonstration: for a
    logit above about 709 (float64) or 88 (float32) ``exp`` returns ``inf`` and
    the row becomes ``nan``. Never use it for training; use :func:`softmax`.
    """
    Z = as_float_array("Z", Z, ndim=2)
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(Z)
        return E / E.sum(axis=1, keepdims=True)


def log_softmax(Z: np.ndarray) -> np.ndarray:
    r"""Row-wise :math:`\log \mathrm{softmax}(z)_j = z_j - \mathrm{LSE}(z)` (eq. ``eq-layers-log-softmax``).

    The log-sum-exp is computed as :math:`m + \log\sum_c e^{z_c - m}` with
    :math:`m = \max_c z_c`, which is exact and cannot overflow.
    """
    Z = as_float_array("Z", Z, ndim=2)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def one_hot(y: np.ndarray, n_classes: int) -> np.ndarray:
    """Integer labels ``(n,)`` to one-hot rows ``(n, n_classes)`` (float64)."""
    y = check_class_labels("y", y, n_classes)
    Y = np.zeros((y.shape[0], n_classes))
    Y[np.arange(y.shape[0]), y] = 1.0
    return Y


def check_class_labels(name: str, y: object, n_classes: int) -> np.ndarray:
    """Return ``y`` as int64 labels of shape (n,), raising unless each is in [0, n_classes)."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be integer class labels of shape (n,); got shape {y.shape}")
    if y.size == 0:
        raise ValueError(f"{name} must not be empty")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or not np.all(y == np.round(y)):
            raise TypeError(f"{name} must hold whole-number class labels; got non-integers")
    elif y.dtype.kind not in "iu" or y.dtype.kind == "b":
        raise TypeError(f"{name} must hold integer class labels; got dtype {y.dtype}")
    y = y.astype(np.int64)
    if y.min() < 0 or y.max() >= n_classes:
        raise ValueError(
            f"{name} must be class labels in [0, {n_classes - 1}]; found {y.min()}..{y.max()}"
        )
    return y


def _targets(y: object, n: int, k: int) -> np.ndarray:
    """Integer labels (n,) or one-hot/probability rows (n, k) -> (n, k) targets."""
    array = np.asarray(y)
    if array.ndim == 1:
        if array.shape[0] != n:
            raise ValueError(
                f"y must have {n} labels, one per row of the logits; got {array.shape[0]}"
            )
        return one_hot(array, k)
    if array.ndim == 2:
        Y = as_float_array("y", array, ndim=2)
        if Y.shape != (n, k):
            raise ValueError(f"one-hot y must have shape {(n, k)}; got {Y.shape}")
        if np.any(Y < 0) or not np.allclose(Y.sum(axis=1), 1.0):
            raise ValueError("one-hot y must have non-negative rows that sum to 1")
        return Y
    raise ValueError(f"y must be labels (n,) or one-hot rows (n, k); got shape {array.shape}")


def categorical_cross_entropy(P: np.ndarray, y: np.ndarray) -> float:
    r"""Mean categorical cross-entropy of probabilities (eq. ``eq-layers-cce``).

    :math:`J = -\frac{1}{n}\sum_i \sum_j y_{ij}\log \hat{y}_{ij}`, with ``P``
    clipped at :data:`EPSILON` so a zero probability gives a finite loss. This
    is the *unfused* form; :class:`SoftmaxCrossEntropy` is exact and faster.
    """
    P = as_float_array("P", P, ndim=2)
    if np.any(P < 0) or np.any(P > 1):
        raise ValueError("P must hold probabilities in [0, 1]")
    Y = _targets(y, *P.shape)
    return float(-np.sum(Y * np.log(np.clip(P, EPSILON, 1.0))) / P.shape[0])


def categorical_cross_entropy_gradient(P: np.ndarray, y: np.ndarray) -> np.ndarray:
    r""":math:`\partial J / \partial \hat{y}_{ij} = -y_{ij} / (n\,\hat{y}_{ij})` (eq. ``eq-layers-cce-gradient``)."""
    P = as_float_array("P", P, ndim=2)
    Y = _targets(y, *P.shape)
    return (-Y / np.clip(P, EPSILON, 1.0) / P.shape[0]).astype(P.dtype)


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
    P = as_float_array("P", P, ndim=2)
    dP = as_float_array("dP", dP, ndim=2)
    if P.shape != dP.shape:
        raise ValueError(f"P and dP must have the same shape; got {P.shape} and {dP.shape}")
    return P * (dP - np.sum(dP * P, axis=1, keepdims=True))


class SoftmaxCrossEntropy:
    r"""Softmax followed by categorical cross-entropy, fused (theorem ``thm-layers-softmax-ce``).

    ``forward(Z, y)`` returns :math:`J = -\frac1n\sum_i \log \mathrm{softmax}(z^{(i)})_{y^{(i)}}`,
    computed from :func:`log_softmax`, so it is exact for any finite logits.
    ``backward()`` returns :math:`\partial J/\partial Z = (\hat{\mathbf{Y}} - \mathbf{Y})/n`:
    no division by a probability, no ``k x k`` Jacobian.

    The network's last layer outputs logits; the softmax lives here.
    """

    def __init__(self) -> None:
        self._P: np.ndarray | None = None
        self._Y: np.ndarray | None = None

    def forward(self, Z: np.ndarray, y: np.ndarray) -> float:
        """The mean cost of logits ``Z`` (n, k) for labels ``y`` (n,) or one-hot rows (n, k)."""
        Z = as_float_array("Z", Z, ndim=2)
        if Z.shape[1] < 2:
            raise ValueError(
                f"Z must have one column per class, at least 2; got shape {Z.shape} "
                "(for one logit per example use BinaryCrossEntropyWithLogits)"
            )
        Y = _targets(y, *Z.shape)
        logP = log_softmax(Z)
        self._P = np.exp(logP)
        self._Y = Y.astype(Z.dtype, copy=False)
        return float(-np.sum(Y * logP) / Z.shape[0])

    def backward(self) -> np.ndarray:
        """dJ/dZ = (softmax(Z) - Y) / n for the last forward call, shape (n, k)."""
        if self._P is None:
            raise RuntimeError("SoftmaxCrossEntropy.backward called before forward")
        return (self._P - self._Y) / self._P.shape[0]

    __call__ = forward

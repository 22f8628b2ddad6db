"""Every loss of the book: each function next to its gradient, and the loss objects used in training.

The functions take ``(prediction, target)`` and return the cost; the objects
(:class:`MeanSquaredError`, :class:`BinaryCrossEntropyWithLogits`,
:class:`SoftmaxCrossEntropy`) share one small interface, :class:`Loss`:
``forward(output, y)`` returns the cost of a batch and remembers what
``backward()`` needs to return dJ/d(output).

Conventions
-----------
* Arguments come in the order ``(prediction, target)``, as in the book's
  :math:`\\mathcal{L}(\\hat{y}, y)`.
* A loss returns the *cost* :math:`J`, the mean over every element of the
  batch, as a Python float. Its gradient function returns
  :math:`\\partial J / \\partial(\\text{prediction})`, an array of the
  prediction's shape and dtype, already divided by the number of elements.

The binary losses are derived in the chapter "Loss functions"
(``book/part1/losses.md``), softmax cross-entropy in "Layers"
(``book/part2/layers.md``), where the fused gradient
:math:`(\\hat{\\mathbf{Y}} - \\mathbf{Y})/n` is theorem ``thm-layers-softmax-ce``.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.activations import sigmoid
from nnfs_lib.softmax import log_softmax
from nnfs_lib.validation import (
    as_float_array,
    check_binary_labels,
    check_class_labels,
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


def one_hot(y: np.ndarray, n_classes: int) -> np.ndarray:
    """Integer labels ``(n,)`` to one-hot rows ``(n, n_classes)`` (float64)."""
    y = check_class_labels("y", y, n_classes)
    Y = np.zeros((y.shape[0], n_classes))
    Y[np.arange(y.shape[0]), y] = 1.0
    return Y


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


# Losses as objects for training networks: forward(output, y) then backward().


def _column(name: str, y: object, n: int, k: int) -> np.ndarray:
    """Targets as an (n, k) array (a vector (n,) is accepted when k == 1)."""
    y = as_float_array(name, y, ndim=(1, 2))
    if y.ndim == 1:
        y = y[:, None]
    if y.shape != (n, k):
        raise ValueError(f"{name} must have shape {(n, k)} like the network output; got {y.shape}")
    return y


class MeanSquaredError:
    """Mean squared error over every output element (eq. ``eq-loss-mse``)."""

    def __init__(self) -> None:
        self._args: tuple[np.ndarray, np.ndarray] | None = None

    def forward(self, Y_hat: np.ndarray, y: np.ndarray) -> float:
        Y_hat = as_float_array("Y_hat", Y_hat, ndim=2)
        Y = _column("y", y, *Y_hat.shape).astype(Y_hat.dtype, copy=False)
        self._args = (Y_hat, Y)
        return mse(Y_hat, Y)

    def backward(self) -> np.ndarray:
        if self._args is None:
            raise RuntimeError("MeanSquaredError.backward called before forward")
        return mse_gradient(*self._args)

    __call__ = forward


class BinaryCrossEntropyWithLogits:
    """Binary cross-entropy from one logit per example, stable for any logit (eq. ``eq-loss-bce-logits``)."""

    def __init__(self) -> None:
        self._args: tuple[np.ndarray, np.ndarray] | None = None

    def forward(self, Z: np.ndarray, y: np.ndarray) -> float:
        Z = as_float_array("Z", Z, ndim=2)
        if Z.shape[1] != 1:
            raise ValueError(f"Z must have one column (one logit per example); got shape {Z.shape}")
        Y = _column("y", y, Z.shape[0], 1).astype(Z.dtype, copy=False)
        self._args = (Z, Y)
        return binary_cross_entropy_from_logits(Z, Y)

    def backward(self) -> np.ndarray:
        if self._args is None:
            raise RuntimeError("BinaryCrossEntropyWithLogits.backward called before forward")
        return binary_cross_entropy_from_logits_gradient(*self._args)

    __call__ = forward


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

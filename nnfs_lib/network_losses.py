"""Losses as objects for training networks: ``forward(output, y)`` then ``backward()``.

Each wraps the functions of :mod:`nnfs_lib.losses` (Part I) so that a training
loop can treat every loss alike. :class:`nnfs_lib.softmax.SoftmaxCrossEntropy`
follows the same interface for several classes.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib import losses
from nnfs_lib.validation import as_float_array


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
        return losses.mse(Y_hat, Y)

    def backward(self) -> np.ndarray:
        if self._args is None:
            raise RuntimeError("MeanSquaredError.backward called before forward")
        return losses.mse_gradient(*self._args)

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
        return losses.binary_cross_entropy_from_logits(Z, Y)

    def backward(self) -> np.ndarray:
        if self._args is None:
            raise RuntimeError("BinaryCrossEntropyWithLogits.backward called before forward")
        return losses.binary_cross_entropy_from_logits_gradient(*self._args)

    __call__ = forward

"""Activation functions as layers: ``A = g(Z)`` forward, ``dZ = dA * g'(Z)`` backward.

The functions themselves live in :mod:`nnfs_lib.activations`; these classes
add the chain rule and remember what the backward pass needs.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib import activations
from nnfs_lib.layers.base import Layer


class Sigmoid(Layer):
    r"""Elementwise sigmoid; backward uses :math:`\sigma' = A(1 - A)` from the saved output."""

    def __init__(self, name: str = "sigmoid") -> None:
        self.name = name
        self._A: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._A = activations.sigmoid(self._check_input(Z))
        return self._A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        A = self._A
        dA = self._check_upstream(dA, None if A is None else A.shape)
        return dA * A * (1 - A)


class Tanh(Layer):
    r"""Elementwise tanh; backward uses :math:`\tanh' = 1 - A^2` from the saved output."""

    def __init__(self, name: str = "tanh") -> None:
        self.name = name
        self._A: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._A = activations.tanh(self._check_input(Z))
        return self._A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        A = self._A
        dA = self._check_upstream(dA, None if A is None else A.shape)
        return dA * (1 - A * A)


class ReLU(Layer):
    """Elementwise max(0, z); backward passes the gradient where ``Z > 0``, else 0."""

    def __init__(self, name: str = "relu") -> None:
        self.name = name
        self._mask: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        Z = self._check_input(Z)
        self._mask = Z > 0
        return activations.relu(Z)

    def backward(self, dA: np.ndarray) -> np.ndarray:
        mask = self._mask
        dA = self._check_upstream(dA, None if mask is None else mask.shape)
        return dA * mask


class LeakyReLU(Layer):
    """Elementwise leaky ReLU with slope ``alpha`` for negative inputs."""

    def __init__(self, alpha: float = 0.01, name: str = "leaky_relu") -> None:
        activations.leaky_relu(np.zeros(1), alpha)  # validates alpha
        self.alpha = float(alpha)
        self.name = name
        self._Z: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._Z = self._check_input(Z)
        return activations.leaky_relu(self._Z, self.alpha)

    def backward(self, dA: np.ndarray) -> np.ndarray:
        Z = self._Z
        dA = self._check_upstream(dA, None if Z is None else Z.shape)
        return dA * activations.leaky_relu_derivative(Z, self.alpha)


ACTIVATION_LAYERS: dict[str, type[Layer]] = {
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
}
"""Activation name -> layer class; the names are those of :data:`nnfs_lib.activations.ACTIVATIONS`."""

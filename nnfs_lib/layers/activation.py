"""Activation functions as layers: ``A = g(Z)`` forward, ``dZ = dA * g'(Z)`` backward.

The functions themselves live in :mod:`nnfs_lib.activations`; these classes
add the chain rule and remember what the backward pass needs.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib import activations
from nnfs_lib.layers.base import Layer
from nnfs_lib.validation import check_scalar


class Sigmoid(Layer):
    r"""Elementwise sigmoid; backward uses :math:`\sigma' = A(1 - A)` from the saved output."""

    def __init__(self, name: str = "sigmoid") -> None:
        self.name = name
        self.A: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._check_input(Z)
        self.A = activations.sigmoid(Z)
        return self.A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        return dA * self.A * (1 - self.A)


class Tanh(Layer):
    r"""Elementwise tanh; backward uses :math:`\tanh' = 1 - A^2` from the saved output."""

    def __init__(self, name: str = "tanh") -> None:
        self.name = name
        self.A: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._check_input(Z)
        self.A = activations.tanh(Z)
        return self.A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        return dA * (1 - self.A * self.A)


class ReLU(Layer):
    """Elementwise max(0, z); backward passes the gradient where ``Z > 0``, else 0."""

    def __init__(self, name: str = "relu") -> None:
        self.name = name
        self.mask: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._check_input(Z)
        self.mask = Z > 0
        return activations.relu(Z)

    def backward(self, dA: np.ndarray) -> np.ndarray:
        return dA * self.mask


class LeakyReLU(Layer):
    """Elementwise leaky ReLU with slope ``alpha`` (in [0, 1)) for negative inputs."""

    def __init__(self, alpha: float = 0.01, name: str = "leaky_relu") -> None:
        self.alpha = check_scalar("alpha", alpha, low=0, high=1, closed="left")
        self.name = name
        self.Z: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._check_input(Z)
        self.Z = Z
        return activations.leaky_relu(Z, self.alpha)

    def backward(self, dA: np.ndarray) -> np.ndarray:
        return dA * activations.leaky_relu_derivative(self.Z, self.alpha)


ACTIVATION_LAYERS: dict[str, type[Layer]] = {
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
}
"""Activation name -> layer class; the names are those of :data:`nnfs_lib.activations.ACTIVATIONS`."""

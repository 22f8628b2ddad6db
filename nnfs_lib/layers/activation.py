"""Activation functions as layers: ``A = g(Z)`` forward, ``dZ = dA * g'(Z)`` backward.

The functions and their derivatives live in one table,
:data:`nnfs_lib.activations.ACTIVATIONS`; an activation layer names its row
(``activation = "tanh"``) and adds the chain rule. It keeps ``Z``, what
``g'(Z)`` needs, and calls the table's derivative, so a layer and
:func:`~nnfs_lib.activations.get_activation` can never disagree (the sigmoid
layer's backward is :func:`~nnfs_lib.activations.sigmoid_derivative`, accurate
in the tails). ReLU keeps the mask ``Z > 0`` instead, for speed (see :class:`ReLU`).

:data:`ACTIVATION_LAYERS` (name -> layer class) is read off the classes below.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from nnfs_lib.activations import ACTIVATIONS, get_activation
from nnfs_lib.layers.base import Layer
from nnfs_lib.validation import boundary, check_scalar


class Activation(Layer):
    r"""Elementwise :math:`\mathbf{A} = g(\mathbf{Z})` forward and
    :math:`\mathrm{d}\mathbf{Z} = \mathrm{d}\mathbf{A} \odot g'(\mathbf{Z})` backward.

    ``g`` and ``g'`` are the function and derivative of the row ``activation``
    of :data:`~nnfs_lib.activations.ACTIVATIONS` (``options``, e.g. leaky
    ReLU's ``alpha``, are passed to both). ``Z`` and ``dA`` have shape
    ``(n, d)``; the dtype is kept. ``backward`` is a boundary like ``forward``:
    ``Z`` was checked when it came in, so ``g'`` does not check it again.
    """

    activation: str
    """The key of this layer's row in :data:`~nnfs_lib.activations.ACTIVATIONS`."""
    Z: np.ndarray | None = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "activation", None) not in ACTIVATIONS:
            raise TypeError(f"{cls.__name__}.activation must be a key of ACTIVATIONS")

    def __init__(self, name: str | None = None, **options: float) -> None:
        g, g_prime = get_activation(self.activation)
        self.g, self.g_prime = partial(g, **options), partial(g_prime, **options)
        self.name = self.activation if name is None else name

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._check_input(Z)
        self.Z = Z
        return self.g(Z)

    @boundary
    def backward(self, dA: np.ndarray) -> np.ndarray:
        return dA * self.g_prime(self.Z)


class Sigmoid(Activation):
    r""":math:`\mathbf{A} = \sigma(\mathbf{Z})`; backward multiplies by
    :math:`\sigma'(z) = \sigma(z)\,\sigma(-z)` (eq. ``eq-act-sigmoid-derivative``),
    which stays positive where :math:`1 - \sigma(z)` rounds to 0."""

    activation = "sigmoid"


class Tanh(Activation):
    r""":math:`\mathbf{A} = \tanh(\mathbf{Z})`; backward multiplies by
    :math:`\tanh'(z) = 1 - \tanh^2 z` (eq. ``eq-act-tanh-derivative``)."""

    activation = "tanh"


class ReLU(Activation):
    r""":math:`\mathbf{A} = \max(0, \mathbf{Z})`; backward passes ``dA`` where ``Z > 0``, else 0
    (eq. ``eq-act-relu-derivative``).

    It keeps the mask ``Z > 0``, which is :func:`~nnfs_lib.activations.relu_derivative`
    as booleans, instead of ``Z``: ReLU's backward is on the training hot path,
    and on a (128, 256) float32 batch ``dA * mask`` took about 5.4 us where
    ``dA * relu_derivative(Z)`` took about 7.0 us (the comparison moves to the
    forward pass). A test checks the two agree.
    """

    activation = "relu"
    mask: np.ndarray | None = None

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self._check_input(Z)
        self.mask = Z > 0  # relu'(Z), as booleans
        return self.g(Z)

    def backward(self, dA: np.ndarray) -> np.ndarray:
        return dA * self.mask


class LeakyReLU(Activation):
    r""":math:`\mathbf{A} = \operatorname{LeakyReLU}_\alpha(\mathbf{Z})`, slope ``alpha`` (in [0, 1))
    for negative inputs; backward multiplies by 1 where ``Z > 0``, else ``alpha``
    (eq. ``eq-act-leaky-relu-derivative``)."""

    activation = "leaky_relu"

    def __init__(self, alpha: float = 0.01, name: str | None = None) -> None:
        self.alpha = check_scalar("alpha", alpha, low=0, high=1, closed="left")
        super().__init__(name, alpha=self.alpha)


ACTIVATION_LAYERS: dict[str, type[Activation]] = {
    layer.activation: layer for layer in Activation.__subclasses__()
}
"""Activation name -> layer class, read off the subclasses of :class:`Activation`
(their names are keys of :data:`nnfs_lib.activations.ACTIVATIONS`)."""

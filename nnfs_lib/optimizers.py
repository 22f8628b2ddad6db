"""Optimizers: each updates a list of :class:`~nnfs_lib.layers.Parameter` in place.

An optimizer is built on ``network.parameters()`` and its :meth:`Optimizer.step`
applies one update from the gradients the last backward pass left in each
parameter's ``grad``. Updates are in place (``out=``), so the arrays a layer
holds are the arrays that change.

The update rules are derived in the chapter "Optimizers" (``book/part3/optimizers.md``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nnfs_lib.layers.base import Parameter
from nnfs_lib.validation import check_positive


class Optimizer:
    """Base class: holds the parameters and the learning rate ``lr`` (> 0)."""

    def __init__(self, parameters: Iterable[Parameter], lr: float) -> None:
        self.parameters = list(parameters)
        if not self.parameters:
            raise ValueError("parameters must not be empty")
        for i, p in enumerate(self.parameters):
            if not isinstance(p, Parameter):
                raise TypeError(f"parameters[{i}] must be a Parameter; got {type(p).__name__}")
        self.lr = check_positive("lr", lr)
        self.t = 0  # number of steps taken

    def step(self) -> None:
        """Apply one update to every parameter from its current ``grad``."""
        self.t += 1
        for index, p in enumerate(self.parameters):
            self._update(index, p)

    def _update(self, index: int, p: Parameter) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    r"""Plain gradient descent :math:`\theta \leftarrow \theta - \eta\, \nabla_\theta J` (eq. ``eq-sgd``)."""

    def _update(self, index: int, p: Parameter) -> None:
        p.data -= np.asarray(self.lr, dtype=p.data.dtype) * p.grad

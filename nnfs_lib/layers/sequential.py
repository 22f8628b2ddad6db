"""A network as a sequence of layers: forward left to right, backward right to left.

A network is a layer (:class:`Sequential` is a :class:`~nnfs_lib.layers.Layer`):
it can sit inside another network or a residual block, and everything that
takes a layer takes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.validation import check_array, check_instances


class Sequential(Layer):
    """Compose layers: ``forward`` feeds each layer's output to the next one.

    ``backward(dA)`` takes the gradient of the cost with respect to the network's
    output and passes it back through the layers in reverse order; afterwards
    every parameter's ``grad`` holds dJ/dparameter for the last forward batch.

    The layers keep their names; :meth:`named_parameters` gives each parameter
    its path, the position and name of each layer on the way
    (``"0_dense.W"``, ``"1_residual.2_dense.b"``), so two parameters never share
    a name. Consecutive layers whose widths are known (``n_in``/``n_out``
    attributes, as on :class:`~nnfs_lib.layers.Dense`) must fit together: a
    layer that outputs ``h`` columns cannot feed one that expects ``h' != h``;
    this is checked here, when the network is built, not at the first forward
    pass. A layer object may appear only once in a network, at any depth (a
    shared layer would overwrite what its backward pass needs).
    """

    def __init__(self, layers: Iterable[Layer], *, name: str = "sequential") -> None:
        self.layers = check_instances("layers", layers, Layer)
        self.name = name
        seen = [id(layer) for layer in self.walk()]
        if len(set(seen)) != len(seen):
            raise ValueError("layers must be distinct objects; the same layer appears twice")
        width, source = None, None
        for i, layer in enumerate(self.layers):
            if width is not None and layer.n_in is not None and layer.n_in != width:
                raise ValueError(
                    f"layers[{i}] ({layer.name!r}) expects input width {layer.n_in} but "
                    f"layers[{source}] outputs width {width}"
                )
            if layer.n_out is not None:
                width, source = layer.n_out, i

    @property
    def n_in(self) -> int | None:
        """The input width: the first one a layer declares (an activation passes any width)."""
        return next((layer.n_in for layer in self.layers if layer.n_in is not None), None)

    @property
    def n_out(self) -> int | None:
        """The output width: the last one a layer declares."""
        return next((lr.n_out for lr in reversed(self.layers) if lr.n_out is not None), None)

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Feed ``X`` (n, d) through every layer in order; return the last output.

        The data are checked once, here, where they enter the network: a finite
        2-D float array (inside the network no layer checks them again).
        """
        A = self._check_input(X)
        for layer in self.layers:
            A = layer.forward(A)
        return A

    def _check_input(self, X: object, name: str | None = None) -> np.ndarray:
        """Where data enter a network: a finite 2-D float array, of the width and dtype of the
        first layer that declares them (messages name it by its path)."""
        X = check_array("X", X, ndim=2)
        for i, layer in enumerate(self.layers):
            if layer.n_in is not None or layer.dtype is not None:
                layer._check_input(X, f"{i}_{layer.name}")
                break
        return X

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """Pass ``dA`` = dJ/d(output) back through the layers in reverse order; return dJ/dX.

        Each layer overwrites its parameters' ``grad`` on the way (the backward
        recursion, theorem ``thm-backproplayers-four``).
        """
        for layer in reversed(self.layers):
            dA = layer.backward(dA)
        return dA

    def backward_to_parameters(self, dA: np.ndarray) -> None:
        """:meth:`backward` when the input is data: the first layer skips its ``dX``."""
        first, *rest = self.layers
        for layer in reversed(rest):
            dA = layer.backward(dA)
        first.backward_to_parameters(dA)

    def sublayers(self) -> list[Layer]:
        return self.layers

    def named_parameters(self, prefix: str = "") -> list[tuple[str, Parameter]]:
        """Every parameter with its path: ``"{i}_{layer name}."`` per layer on the way, then its name."""
        return [
            pair
            for i, layer in enumerate(self.layers)
            for pair in layer.named_parameters(f"{prefix}{i}_{layer.name}.")
        ]

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index: int | slice) -> Layer | list[Layer]:
        """One layer by position, or a list of layers for a slice (``net[::2]``)."""
        return self.layers[index]

    def __iter__(self) -> Iterator[Layer]:
        return iter(self.layers)

    def __repr__(self) -> str:
        lines = [f"  {i}_{layer.name}: {layer!r}" for i, layer in enumerate(self.layers)]
        return "Sequential(\n" + "\n".join(lines) + f"\n)  # {self.n_parameters()} parameters"

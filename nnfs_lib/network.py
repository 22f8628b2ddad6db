"""A network as a sequence of layers: forward left to right, backward right to left."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.validation import check_array, check_instances


class Sequential:
    """Compose layers: ``forward`` feeds each layer's output to the next one.

    ``backward(dA)`` takes the gradient of the cost with respect to the network's
    output and passes it back through the layers in reverse order; afterwards
    every parameter's ``grad`` holds dJ/dparameter for the last forward batch.

    Each layer's name is prefixed by its position (``"0_dense"``,
    ``"1_relu"``, ...), so error messages say which layer. Consecutive layers
    whose widths are known (``n_in``/``n_out`` attributes, as on
    :class:`~nnfs_lib.layers.Dense`) must fit together: a layer that outputs
    ``h`` columns cannot feed one that expects ``h' != h``; this is checked
    here, when the network is built, not at the first forward pass.
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.layers = check_instances("layers", layers, Layer)
        if len({id(layer) for layer in self.layers}) != len(self.layers):
            raise ValueError("layers must be distinct objects; the same layer appears twice")
        width, source = None, None
        for i, layer in enumerate(self.layers):
            n_in = getattr(layer, "n_in", None)
            if width is not None and n_in is not None and n_in != width:
                raise ValueError(
                    f"layers[{i}] ({layer.name!r}) expects input width {n_in} but "
                    f"layers[{source}] outputs width {width}"
                )
            if getattr(layer, "n_out", None) is not None:
                width, source = layer.n_out, i
        for i, layer in enumerate(self.layers):
            layer.name = f"{i}_{layer.name}"
            for p in layer.parameters():
                p.name = f"{layer.name}.{p.name.rsplit('.', 1)[-1]}"

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Feed ``X`` (n, d) through every layer in order; return the last output.

        The data are checked once, here, where they enter the network: a finite
        2-D float array (each layer then checks only its width and dtype).
        """
        A = check_array("X", X, ndim=2)
        for layer in self.layers:
            A = layer.forward(A)
        return A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """Pass ``dA`` = dJ/d(output) back through the layers in reverse order; return dJ/dX.

        Each layer overwrites its parameters' ``grad`` on the way (the backward
        recursion, theorem ``thm-backproplayers-four``).
        """
        for layer in reversed(self.layers):
            dA = layer.backward(dA)
        return dA

    def parameters(self) -> list[Parameter]:
        """Every trainable parameter, in layer order."""
        return [p for layer in self.layers for p in layer.parameters()]

    def n_parameters(self) -> int:
        """The number of trainable scalars."""
        return sum(p.data.size for p in self.parameters())

    def train(self) -> Sequential:
        for layer in self.layers:
            layer.train()
        return self

    def eval(self) -> Sequential:
        for layer in self.layers:
            layer.eval()
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Forward pass in inference mode; the previous mode is restored afterwards."""
        modes = [layer.training for layer in self.layers]
        self.eval()
        try:
            return self.forward(X)
        finally:
            for layer, mode in zip(self.layers, modes, strict=True):
                layer.training = mode

    __call__ = forward

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index: int | slice) -> Layer | list[Layer]:
        """One layer by position, or a list of layers for a slice (``net[::2]``)."""
        return self.layers[index]

    def __iter__(self) -> Iterator[Layer]:
        return iter(self.layers)

    def __repr__(self) -> str:
        lines = [f"  {layer!r}" for layer in self.layers]
        return "Sequential(\n" + "\n".join(lines) + f"\n)  # {self.n_parameters()} parameters"

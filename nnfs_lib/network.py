"""A network as a sequence of layers: forward left to right, backward right to left."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from nnfs_lib.layers.base import Layer, Parameter


class Sequential:
    """Compose layers: ``forward`` feeds each layer's output to the next one.

    ``backward(dA)`` takes the gradient of the cost with respect to the network's
    output and passes it back through the layers in reverse order; afterwards
    every parameter's ``grad`` holds dJ/dparameter for the last forward batch.

    Layers without an explicit name are named by position and type
    (``"0_dense"``, ``"1_relu"``, ...), so error messages say which layer.
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("layers must contain at least one Layer")
        for i, layer in enumerate(self.layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"layers[{i}] must be a Layer; got {type(layer).__name__}")
            layer.name = f"{i}_{layer.name}"
            for p in layer.parameters():
                p.name = f"{layer.name}.{p.name.rsplit('.', 1)[-1]}"

    def forward(self, X: np.ndarray) -> np.ndarray:
        A = X
        for layer in self.layers:
            A = layer.forward(A)
        return A

    def backward(self, dA: np.ndarray) -> np.ndarray:
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

    def __getitem__(self, index: int) -> Layer:
        return self.layers[index]

    def __iter__(self) -> Iterator[Layer]:
        return iter(self.layers)

    def __repr__(self) -> str:
        lines = [f"  {layer!r}" for layer in self.layers]
        return "Sequential(\n" + "\n".join(lines) + f"\n)  # {self.n_parameters()} parameters"

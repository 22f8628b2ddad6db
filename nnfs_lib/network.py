"""A network as a sequence of layers: forward left to right, backward right to left."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from nnfs_lib.layers.activation import LeakyReLU, ReLU, Sigmoid, Tanh
from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.layers.dense import Dense
from nnfs_lib.validation import as_generator, check_int


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
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("layers must contain at least one Layer")
        for i, layer in enumerate(self.layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"layers[{i}] must be a Layer; got {type(layer).__name__}")
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
        """Feed ``X`` (n, d) through every layer in order; return the last output."""
        A = X
        for layer in self.layers:
            A = layer.forward(A)
        return A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """Pass ``dA`` = dJ/d(output) back through the layers; return dJ/dX.

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

    def __getitem__(self, index: int) -> Layer:
        return self.layers[index]

    def __iter__(self) -> Iterator[Layer]:
        return iter(self.layers)

    def __repr__(self) -> str:
        lines = [f"  {layer!r}" for layer in self.layers]
        return "Sequential(\n" + "\n".join(lines) + f"\n)  # {self.n_parameters()} parameters"


ACTIVATION_LAYERS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU, "leaky_relu": LeakyReLU}
"""Activation name -> layer class, for :func:`build_mlp`."""


def build_mlp(
    sizes: Sequence[int],
    activation: str,
    rng: np.random.Generator | int,
    *,
    init: str = "xavier_uniform",
    dtype: type = np.float32,
) -> Sequential:
    """A multi-layer perceptron ``Dense, g, Dense, g, ..., Dense`` (no activation at the end).

    Parameters
    ----------
    sizes : sequence of int
        The widths ``[d, d^[1], ..., d^[L]]``: input width, hidden widths, output width.
        At least two entries.
    activation : str
        A key of :data:`ACTIVATION_LAYERS`, used after every layer but the last
        (the last outputs logits for the loss).
    rng : numpy.random.Generator or int
        Draws every weight matrix, in layer order.
    init : str
        The initialization scheme of every Dense layer.
    dtype : float32 (default) or float64
    """
    sizes = [check_int(f"sizes[{i}]", s, minimum=1) for i, s in enumerate(sizes)]
    if len(sizes) < 2:
        raise ValueError(f"sizes must hold at least an input and an output width; got {sizes}")
    if activation not in ACTIVATION_LAYERS:
        raise ValueError(
            f"activation must be one of {sorted(ACTIVATION_LAYERS)}; got {activation!r}"
        )
    rng = as_generator("rng", rng)
    layers: list[Layer] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        layers.append(Dense(n_in, n_out, rng, init=init, dtype=dtype))
        if i < len(sizes) - 2:
            layers.append(ACTIVATION_LAYERS[activation]())
    return Sequential(layers)

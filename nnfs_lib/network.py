"""A network as a sequence of layers: forward left to right, backward right to left."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from nnfs_lib.layers.activation import LeakyReLU, ReLU, Sigmoid, Tanh
from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.layers.dense import Dense
from nnfs_lib.validation import as_float_array, as_generator, check_int


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

    def backward(self, dA: np.ndarray, *, input_gradient: bool = True) -> np.ndarray | None:
        """Pass ``dA`` = dJ/d(output) back through the layers; return dJ/dX.

        Each layer overwrites its parameters' ``grad`` on the way (the backward
        recursion, theorem ``thm-backproplayers-four``). Training needs only the
        parameters' gradients: with ``input_gradient=False`` the first layer
        skips dJ/dX when it can (a dense layer can) and None is returned.
        """
        first, *rest = self.layers
        for layer in reversed(rest):
            dA = layer.backward(dA)
        if not input_gradient and first.can_skip_input_gradient:
            first.backward(dA, input_gradient=False)
            return None
        return first.backward(dA)

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


def piecewise_linear_mlp(
    x_knots: np.ndarray, y_knots: np.ndarray, *, dtype: type = np.float64
) -> Sequential:
    r"""A one-hidden-layer ReLU network that interpolates the points ``(x_knots, y_knots)``.

    The construction of proposition ``prop-depth-relu-interpolation``: with
    slopes :math:`s_j = (y_{j+1} - y_j)/(x_{j+1} - x_j)` of the ``m`` segments,

    .. math:: f(x) = y_0 + \sum_{j=0}^{m-1} c_j \max(0, x - x_j),
              \qquad c_0 = s_0,\; c_j = s_j - s_{j-1},

    is the piecewise-linear interpolant on :math:`[x_0, x_m]` (and constant
    :math:`y_0` left of :math:`x_0`). It is the network
    ``Dense(1, m) -> ReLU -> Dense(m, 1)`` with first-layer weights 1 and biases
    :math:`-x_j`, output weights :math:`c_j` and output bias :math:`y_0`:
    ``m`` hidden units for ``m + 1`` knots.

    Parameters
    ----------
    x_knots : array_like, shape (m + 1,)
        Strictly increasing, ``m >= 1``.
    y_knots : array_like, shape (m + 1,)
        The values to interpolate.
    dtype : float64 (default) or float32
    """
    x = as_float_array("x_knots", x_knots, ndim=1).astype(np.float64)
    v = as_float_array("y_knots", y_knots, ndim=1).astype(np.float64)
    if x.shape != v.shape or x.size < 2:
        raise ValueError(
            f"x_knots and y_knots must have the same length, at least 2; got {x.size} and {v.size}"
        )
    if not np.all(np.diff(x) > 0):
        raise ValueError("x_knots must be strictly increasing")
    slopes = np.diff(v) / np.diff(x)
    c = np.diff(slopes, prepend=0.0)
    m = slopes.size
    hidden, output = Dense(1, m, 0, dtype=dtype), Dense(m, 1, 0, dtype=dtype)
    hidden.W.data[...] = 1.0
    hidden.b.data[...] = -x[:-1]
    output.W.data[...] = c[:, None]
    output.b.data[...] = v[0]
    return Sequential([hidden, ReLU(), output])


def sawtooth_mlp(depth: int, *, dtype: type = np.float64) -> Sequential:
    r"""A ReLU network of ``depth`` hidden layers of width 2 computing the tent map ``depth`` times.

    The tent map :math:`t(x) = 2\max(0, x) - 4\max(0, x - \tfrac12)` equals
    :math:`2x` on :math:`[0, \tfrac12]` and :math:`2 - 2x` on :math:`[\tfrac12, 1]`.
    Its ``depth``-fold composition is a sawtooth with :math:`2^{\text{depth}}`
    linear pieces on [0, 1], computed here with only ``2 * depth`` hidden units
    (proposition ``prop-depth-sawtooth``): each hidden layer holds
    :math:`(\max(0, u), \max(0, u - \frac12))` of the previous tent value :math:`u`.
    """
    depth = check_int("depth", depth, minimum=1)
    first = Dense(1, 2, 0, dtype=dtype)
    first.W.data[...] = [[1.0, 1.0]]
    first.b.data[...] = [0.0, -0.5]
    layers: list[Layer] = [first, ReLU()]
    for _ in range(depth - 1):
        middle = Dense(2, 2, 0, dtype=dtype)
        middle.W.data[...] = [[2.0, 2.0], [-4.0, -4.0]]  # u = 2 a_1 - 4 a_2, fed to both units
        middle.b.data[...] = [0.0, -0.5]
        layers += [middle, ReLU()]
    last = Dense(2, 1, 0, dtype=dtype)
    last.W.data[...] = [[2.0], [-4.0]]
    last.b.data[...] = 0.0
    return Sequential([*layers, last])

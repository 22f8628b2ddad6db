"""The one place that builds multi-layer perceptrons, and the book's digits classifier."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from nnfs_lib.initializers import INITIALIZERS
from nnfs_lib.layers import (
    ACTIVATION_LAYERS,
    BatchNorm,
    Dense,
    Dropout,
    Layer,
    LayerNorm,
    Residual,
    Sequential,
)
from nnfs_lib.validation import OneOf, Scalar, check_scalar, float_dtype, generator, validate


def _widths(name: str, sizes: object) -> list[int]:
    """Declared check: two or more positive integer widths ``[d, d^[1], ..., d^[L]]``."""
    sizes = [check_scalar(f"{name}[{i}]", s, int, low=1) for i, s in enumerate(sizes)]
    if len(sizes) < 2:
        raise ValueError(f"{name} must hold at least an input and an output width; got {sizes}")
    return sizes


_WIDTH = Scalar(int, low=1)
_LAYERS = {
    "activation": OneOf(ACTIVATION_LAYERS),
    "init": OneOf(INITIALIZERS),
    "dtype": float_dtype,
    "rng": generator,
}
"""The checks of the arguments every builder passes on to its layers (which, built inside
a checked call, trust them)."""
_DROPOUT = Scalar(low=0, high=1, closed="left")


@validate(sizes=_widths, **_LAYERS, dropout=_DROPOUT)
def build_mlp(
    sizes: Sequence[int],
    rng: np.random.Generator | int,
    *,
    activation: str = "relu",
    init: str = "xavier_uniform",
    batchnorm: bool = False,
    dropout: float = 0.0,
    dtype: type = np.float32,
) -> Sequential:
    """A multi-layer perceptron whose last layer outputs logits (no activation at the end).

    Each hidden block is ``Dense -> [BatchNorm] -> g -> [Dropout(dropout)]``
    with ``g`` the named activation; the last block is a plain ``Dense``.

    Parameters
    ----------
    sizes : sequence of int
        The widths ``[d, d^[1], ..., d^[L]]``: input width, hidden widths, output width.
        At least two entries.
    rng : numpy.random.Generator or int
        Draws every weight matrix (in layer order) and the dropout masks.
    activation : str, default "relu"
        A key of :data:`nnfs_lib.layers.ACTIVATION_LAYERS`.
    init : str, default "xavier_uniform"
        The initialization scheme of every Dense layer
        (a key of :data:`nnfs_lib.initializers.INITIALIZERS`).
    batchnorm : bool, default False
        Put a :class:`~nnfs_lib.layers.BatchNorm` after each hidden Dense layer.
    dropout : float in [0, 1), default 0
        Drop rate of a :class:`~nnfs_lib.layers.Dropout` after each hidden activation
        (none when 0).
    dtype : float32 (default) or float64
    """
    layers: list[Layer] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        layers.append(Dense(n_in, n_out, rng, init=init, dtype=dtype))
        if i == len(sizes) - 2:
            break
        if batchnorm:
            layers.append(BatchNorm(n_out, dtype=dtype))
        layers.append(ACTIVATION_LAYERS[activation]())
        if dropout > 0:
            layers.append(Dropout(dropout, rng))
    return Sequential(layers)


@validate(rng=generator, dropout=_DROPOUT)
def digits_mlp(
    rng: np.random.Generator | int, *, batchnorm: bool = True, dropout: float = 0.2
) -> Sequential:
    """The book's digits classifier: 64-256-128-10, ReLU, He initialization, batch norm, dropout 0.2."""
    return build_mlp(
        [64, 256, 128, 10], rng, init="he_normal", batchnorm=batchnorm, dropout=dropout
    )


@validate(n_in=_WIDTH, width=_WIDTH, n_blocks=_WIDTH, n_out=_WIDTH, **_LAYERS)
def build_residual_mlp(
    n_in: int,
    width: int,
    n_blocks: int,
    n_out: int,
    rng: np.random.Generator | int,
    *,
    layernorm: bool = True,
    activation: str = "relu",
    init: str = "he_normal",
    dtype: type = np.float32,
) -> Sequential:
    r"""A deep residual MLP: ``Dense(n_in, width)``, ``n_blocks`` residual blocks, ``Dense(width, n_out)``.

    Each block is :class:`~nnfs_lib.layers.Residual` around
    ``[LayerNorm ->] g -> Dense(width, width)``, so it computes
    :math:`\mathbf{A} + g(\mathrm{LN}(\mathbf{A}))\,\mathbf{W} + \mathbf{b}`
    (the "pre-activation" order: the identity path carries the input
    unchanged from block to block, with nothing applied to it). The last
    ``Dense`` outputs logits. The network has ``n_blocks + 2`` Dense layers.

    Parameters
    ----------
    n_in, width, n_blocks, n_out : int
        Input width, width of every block, number of blocks (>= 1), output width.
    rng : numpy.random.Generator or int
        Draws every weight matrix, in layer order.
    layernorm : bool, default True
        Put a :class:`~nnfs_lib.layers.LayerNorm` at the start of each block.
    activation : str, default "relu"
        A key of :data:`nnfs_lib.layers.ACTIVATION_LAYERS`.
    init : str, default "he_normal"
        The initialization scheme of every Dense layer.
    dtype : float32 (default) or float64
    """
    layers: list[Layer] = [Dense(n_in, width, rng, init=init, dtype=dtype)]
    for _ in range(n_blocks):
        norm = [LayerNorm(width, dtype=dtype)] if layernorm else []
        act = ACTIVATION_LAYERS[activation]()
        inner = Sequential([*norm, act, Dense(width, width, rng, init=init, dtype=dtype)])
        layers.append(Residual(inner))
    layers.append(Dense(width, n_out, rng, init=init, dtype=dtype))
    return Sequential(layers)

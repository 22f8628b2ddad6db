"""The one place that builds multi-layer perceptrons, and the book's digits classifier."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from nnfs_lib.layers import ACTIVATION_LAYERS, BatchNorm, Dense, Dropout, Layer
from nnfs_lib.network import Sequential
from nnfs_lib.validation import as_generator, check_scalar


def _check_mlp(
    sizes: object, rng: object, activation: object, dropout: object
) -> tuple[list[int], np.random.Generator, float]:
    """:func:`build_mlp`'s boundary: two or more positive widths, a Generator, a known
    activation and a drop rate in [0, 1). (``Dense`` checks ``init`` and ``dtype``.)"""
    sizes = [check_scalar(f"sizes[{i}]", s, int, low=1) for i, s in enumerate(sizes)]
    if len(sizes) < 2:
        raise ValueError(f"sizes must hold at least an input and an output width; got {sizes}")
    if activation not in ACTIVATION_LAYERS:
        raise ValueError(
            f"activation must be one of {sorted(ACTIVATION_LAYERS)}; got {activation!r}"
        )
    return (
        sizes,
        as_generator("rng", rng),
        check_scalar("dropout", dropout, low=0, high=1, closed="left"),
    )


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
    sizes, rng, dropout = _check_mlp(sizes, rng, activation, dropout)
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


def digits_mlp(
    rng: np.random.Generator | int, *, batchnorm: bool = True, dropout: float = 0.2
) -> Sequential:
    """The book's digits classifier: 64-256-128-10, ReLU, He initialization, batch norm, dropout 0.2."""
    return build_mlp(
        [64, 256, 128, 10], rng, init="he_normal", batchnorm=batchnorm, dropout=dropout
    )

"""Ready-made networks used in Part III: a deep MLP with optional batch norm and dropout."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from nnfs_lib.layers import BatchNorm, Dense, Dropout, Layer, ReLU
from nnfs_lib.network import Sequential
from nnfs_lib.validation import as_generator, check_in_range, check_int


def deep_mlp(
    sizes: Sequence[int],
    rng: np.random.Generator | int,
    *,
    batchnorm: bool = False,
    dropout: float = 0.0,
    init: str = "he_normal",
    dtype: type = np.float32,
) -> Sequential:
    """A ReLU network ``sizes[0] -> sizes[1] -> ... -> sizes[-1]`` whose last layer outputs logits.

    Each hidden block is ``Dense -> [BatchNorm] -> ReLU -> [Dropout(dropout)]``;
    the last block is a plain ``Dense``. Weights and dropout masks come from ``rng``.
    """
    sizes = [check_int(f"sizes[{i}]", s, minimum=1) for i, s in enumerate(sizes)]
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least an input and an output width; got {sizes}")
    dropout = check_in_range("dropout", dropout, 0.0, 1.0)
    rng = as_generator("rng", rng)
    layers: list[Layer] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        last = i == len(sizes) - 2
        layers.append(Dense(n_in, n_out, rng, init="xavier_uniform" if last else init, dtype=dtype))
        if last:
            break
        if batchnorm:
            layers.append(BatchNorm(n_out, dtype=dtype))
        layers.append(ReLU())
        if dropout > 0:
            layers.append(Dropout(dropout, rng))
    return Sequential(layers)


def digits_mlp(
    rng: np.random.Generator | int, *, batchnorm: bool = True, dropout: float = 0.2
) -> Sequential:
    """The book's digits classifier: 64-256-128-10 with batch norm and dropout 0.2."""
    return deep_mlp([64, 256, 128, 10], rng, batchnorm=batchnorm, dropout=dropout)

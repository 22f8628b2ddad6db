"""The small network and batch shared by the forward and backward scenes (no drawing here).

A 3-4-2 network ``Dense → ReLU → Dense`` from ``nnfs_lib`` on a batch of four
examples, float64, everything seeded, so ``mlp_forward`` and ``backprop`` show
the same numbers.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers import Sequential
from nnfs_lib.layers.activation import ReLU
from nnfs_lib.layers.dense import Dense
from nnfs_lib.validation import as_generator

N_EXAMPLES = 4
SEED = 5  # a batch where ReLU keeps about half of Z¹ and no example is all zero


def network_and_batch() -> tuple[Sequential, np.ndarray, np.ndarray]:
    """The network (biases set to small seeded values), a batch X (4, 3) and targets Y (4, 2)."""
    rng = as_generator("rng", SEED)
    net = Sequential(
        [Dense(3, 4, rng, dtype=np.float64), ReLU(), Dense(4, 2, rng, dtype=np.float64)]
    )
    for layer in (net[0], net[2]):
        layer.b.data[...] = np.round(rng.normal(0.0, 0.5, layer.b.shape), 1)
    X = np.round(rng.normal(0.0, 1.0, (N_EXAMPLES, 3)), 1)
    Y = np.round(rng.normal(0.0, 1.0, (N_EXAMPLES, 2)), 1)
    return net, X, Y


def forward_steps(net: Sequential, X: np.ndarray) -> dict[str, np.ndarray]:
    """Z¹, A¹ and Ŷ, layer by layer (and checked against the network's own forward)."""
    Z1 = net[0].forward(X)
    A1 = net[1].forward(Z1)
    Y_hat = net[2].forward(A1)
    np.testing.assert_array_equal(Y_hat, net.forward(X))
    return {"Z1": Z1, "A1": A1, "Y_hat": Y_hat}

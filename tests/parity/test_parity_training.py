"""A whole network trained for 20 steps in nnfs_lib and in PyTorch, compared after every step."""

from __future__ import annotations

import numpy as np
import torch

from nnfs_lib.layers import Dense, ReLU, Tanh
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import SGD
from nnfs_lib.softmax import SoftmaxCrossEntropy
from nnfs_lib.trainer import train_step
from tests.parity.conftest import close, to_torch

STEPS = 20
BATCH = 16


def _twin_networks(rng: np.random.Generator) -> tuple[Sequential, torch.nn.Sequential]:
    ours = Sequential(
        [
            Dense(4, 8, rng, init="he_normal", dtype=np.float64),
            ReLU(),
            Dense(8, 6, rng, init="xavier_normal", dtype=np.float64),
            Tanh(),
            Dense(6, 3, rng, dtype=np.float64),
        ]
    )
    theirs = torch.nn.Sequential(
        torch.nn.Linear(4, 8),
        torch.nn.ReLU(),
        torch.nn.Linear(8, 6),
        torch.nn.Tanh(),
        torch.nn.Linear(6, 3),
    )
    with torch.no_grad():
        for layer, linear in zip(ours.layers[::2], theirs[::2], strict=True):
            linear.weight.copy_(to_torch(layer.W.data.T))
            linear.bias.copy_(to_torch(layer.b.data))
    return ours, theirs


def _compare(ours: Sequential, theirs: torch.nn.Sequential, step: int) -> None:
    for layer, linear in zip(ours.layers[::2], theirs[::2], strict=True):
        close(layer.W.data, linear.weight.T, f"{layer.name}.W after step {step}")
        close(layer.b.data, linear.bias, f"{layer.name}.b after step {step}")
        close(layer.W.grad, linear.weight.grad.T, f"{layer.name}.W.grad at step {step}")


def _batches(rng: np.random.Generator) -> list[tuple[np.ndarray, np.ndarray]]:
    X = rng.standard_normal((STEPS * BATCH, 4))
    y = (X[:, 0] + X[:, 1] ** 2 > 1).astype(np.int64) + (X[:, 2] > 0.5)
    return [(X[i : i + BATCH], y[i : i + BATCH]) for i in range(0, STEPS * BATCH, BATCH)]


def test_sgd_training_matches_step_by_step(rng: np.random.Generator) -> None:
    ours, theirs = _twin_networks(rng)
    loss = SoftmaxCrossEntropy()
    optimizer = SGD(ours.parameters(), lr=0.1)
    torch_optimizer = torch.optim.SGD(theirs.parameters(), lr=0.1)
    for step, (X, y) in enumerate(_batches(rng), start=1):
        cost = train_step(ours, loss, optimizer, X, y)
        torch_optimizer.zero_grad()
        cost_t = torch.nn.functional.cross_entropy(theirs(to_torch(X)), torch.tensor(y))
        cost_t.backward()
        torch_optimizer.step()
        close(cost, cost_t, f"cost at step {step}")
        _compare(ours, theirs, step)

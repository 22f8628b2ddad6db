"""Whole networks trained for 20 steps in nnfs_lib and in PyTorch, compared after every step.

The first network is plain (Dense, ReLU, Tanh) under SGD. The second has every
layer with state or randomness, Dense -> BatchNorm -> ReLU -> Dropout -> Dense,
under Adam, AdamW and Nesterov momentum. Dropout draws a fresh mask each step
from a generator of the test; nnfs_lib receives it through ``Dropout.fix_mask``
and torch through a small module that multiplies by the same mask (torch's own
dropout cannot take a mask). After every step we compare the cost, every
parameter, every gradient, every optimizer state buffer and the batch-norm
running statistics; at the end, predictions in inference mode.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import torch

from nnfs_lib.layers import Sequential
from nnfs_lib.layers.activation import ReLU, Tanh
from nnfs_lib.layers.batchnorm import BatchNorm
from nnfs_lib.layers.dense import Dense
from nnfs_lib.layers.dropout import Dropout
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.optimizers import SGD, Adam, AdamW, Momentum
from nnfs_lib.training import train_step
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


# Dense -> BatchNorm -> ReLU -> Dropout -> Dense ------------------------------------------

HIDDEN = 10
DROP = 0.3


class MaskedDropout(torch.nn.Module):
    """Inverted dropout with a mask set from outside: ``x * mask / (1 - p)`` in training."""

    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p
        self.mask: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return x
        return x * self.mask / (1 - self.p)


def _twin_regularized_networks(
    rng: np.random.Generator,
) -> tuple[Sequential, torch.nn.Sequential]:
    ours = Sequential(
        [
            Dense(4, HIDDEN, rng, init="he_normal", dtype=np.float64),
            BatchNorm(HIDDEN, momentum=0.2, dtype=np.float64),
            ReLU(),
            Dropout(DROP, rng),
            Dense(HIDDEN, 3, rng, dtype=np.float64),
        ]
    )
    theirs = torch.nn.Sequential(
        torch.nn.Linear(4, HIDDEN),
        torch.nn.BatchNorm1d(HIDDEN, momentum=0.2),
        torch.nn.ReLU(),
        MaskedDropout(DROP),
        torch.nn.Linear(HIDDEN, 3),
    )
    ours.layers[0].b.data[...] = rng.standard_normal(HIDDEN)  # not 0, to be seen if it moves
    with torch.no_grad():
        for ours_p, theirs_p in _paired_parameters(ours, theirs):
            theirs_p.copy_(to_torch(ours_p.data.T if ours_p.data.ndim == 2 else ours_p.data))
    return ours, theirs


def _paired_parameters(ours: Sequential, theirs: torch.nn.Sequential) -> list[tuple]:
    """(ours, torch) in the same order: W, b, gamma, beta, W, b (torch's weights transposed)."""
    pairs = list(zip(ours.parameters(), theirs.parameters(), strict=True))
    for p, p_t in pairs:
        assert p.data.shape == tuple(reversed(p_t.shape)), p.name
    return pairs


def _t(array: np.ndarray) -> np.ndarray:
    """Our (d_in, d_out) weights as torch's (d_out, d_in); vectors unchanged."""
    return array.T if array.ndim == 2 else array


OPTIMIZER_PAIRS: dict[str, tuple[Callable, Callable, tuple[str, ...]]] = {
    "adam": (
        lambda ps: Adam(ps, lr=0.01),
        lambda ps: torch.optim.Adam(ps, lr=0.01),
        ("exp_avg", "exp_avg_sq"),
    ),
    "adamw": (
        lambda ps: AdamW(ps, lr=0.01, weight_decay=0.1),
        lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1),
        ("exp_avg", "exp_avg_sq"),
    ),
    "nesterov-weight-decay": (
        lambda ps: Momentum(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3),
        lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3),
        ("momentum_buffer",),
    ),
}


@pytest.mark.parametrize("optimizer_name", list(OPTIMIZER_PAIRS))
def test_batchnorm_dropout_network_matches_step_by_step(
    optimizer_name: str, rng: np.random.Generator
) -> None:
    make_ours, make_theirs, keys = OPTIMIZER_PAIRS[optimizer_name]
    ours, theirs = _twin_regularized_networks(rng)
    batchnorm, dropout = ours.layers[1], ours.layers[3]
    bn_t, dropout_t = theirs[1], theirs[3]
    pairs = _paired_parameters(ours, theirs)
    # The bias of the Dense layer just before batch norm is not trained. Batch norm
    # subtracts the batch mean, so the cost does not depend on that bias: its exact
    # gradient is 0, and what both libraries compute is rounding noise (~1e-17) of
    # random sign. Adam divides the noise by its own size and would move the bias by
    # about lr in a direction neither library controls. (torch users write
    # Linear(..., bias=False) here; our Dense always has a bias.) We check instead
    # that its gradient vanishes in both.
    frozen = pairs[1]
    assert frozen[0] is ours.layers[0].b
    trained = [pair for pair in pairs if pair is not frozen]
    loss = SoftmaxCrossEntropy()
    optimizer = make_ours([p for p, _ in trained])
    torch_optimizer = make_theirs([p_t for _, p_t in trained])
    masks = np.random.default_rng(5)
    for step, (X, y) in enumerate(_batches(rng), start=1):
        mask = masks.random((X.shape[0], HIDDEN)) >= DROP
        dropout.fix_mask(mask)
        dropout_t.mask = torch.tensor(mask)

        cost = train_step(ours, loss, optimizer, X, y)
        torch_optimizer.zero_grad()
        cost_t = torch.nn.functional.cross_entropy(theirs(to_torch(X)), torch.tensor(y))
        cost_t.backward()
        torch_optimizer.step()

        close(cost, cost_t, f"cost at step {step}")
        assert optimizer.t == step
        for i, (p, p_t) in enumerate(trained):
            close(_t(p.grad), p_t.grad, f"{p.name}.grad at step {step}")
            close(_t(p.data), p_t, f"{p.name} after step {step}")
            for key in keys:
                state = optimizer.state[i][key]
                close(_t(state), torch_optimizer.state[p_t][key], f"{p.name} {key} at {step}")
        close(frozen[0].data, frozen[1], f"the bias before batch norm at step {step}")
        np.testing.assert_allclose(frozen[0].grad, 0, atol=1e-12)
        np.testing.assert_allclose(frozen[1].grad.numpy(), 0, atol=1e-12)
        close(batchnorm.running_mean, bn_t.running_mean, f"running_mean after step {step}")
        close(batchnorm.running_var, bn_t.running_var, f"running_var after step {step}")

    # Inference: batch norm uses the running statistics, dropout is the identity.
    X_test = rng.standard_normal((11, 4))
    theirs.eval()
    close(ours.predict(X_test), theirs(to_torch(X_test)), "predictions in inference mode")
    assert ours.layers[1].training  # predict restores the training mode

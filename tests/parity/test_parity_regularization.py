"""L1 and L2 penalties and their gradients against PyTorch autograd; the penalty in the
loss against ``torch.optim.SGD(weight_decay=...)``; float64, rtol 1e-6."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nnfs_lib.layers import Dense, ReLU, Sequential
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.optimizers import SGD
from nnfs_lib.regularization import (
    Penalty,
    l1_penalty,
    l1_penalty_gradient,
    l2_penalty,
    l2_penalty_gradient,
)
from nnfs_lib.training import fit
from tests.parity.conftest import close, to_torch


@pytest.mark.parametrize(
    ("ours", "ours_gradient", "theirs"),
    [
        (l2_penalty, l2_penalty_gradient, lambda w, lam: lam / 2 * (w**2).sum()),
        (l1_penalty, l1_penalty_gradient, lambda w, lam: lam * w.abs().sum()),
    ],
    ids=["l2", "l1"],
)
def test_penalty_and_gradient_match_autograd(ours, ours_gradient, theirs, rng) -> None:
    W = rng.normal(size=(5, 4))
    W[0, 0] = 0.0  # a weight exactly at 0: torch's abs has gradient 0 there, as our subgradient
    w = to_torch(W, grad=True)
    R = theirs(w, 0.3)
    R.backward()
    close(ours(W, 0.3), R, "penalty value")
    close(ours_gradient(W, 0.3), w.grad, "penalty gradient")


def _networks(rng):
    """The same 4-6-3 ReLU network in nnfs_lib and in torch (float64)."""
    ours = Sequential(
        [Dense(4, 6, rng, dtype=np.float64), ReLU(), Dense(6, 3, rng, dtype=np.float64)]
    )
    theirs = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3))
    with torch.no_grad():
        for layer, linear in zip(ours.layers[::2], theirs[::2], strict=True):
            linear.weight.copy_(torch.tensor(layer.W.data.T))
            linear.bias.copy_(torch.tensor(layer.b.data))
    return ours, theirs


def test_penalty_gradients_match_autograd(rng) -> None:
    """Cross-entropy + L2 + L1 on the weights only: cost and every parameter's gradient."""
    ours, theirs = _networks(rng)
    X, y = rng.normal(size=(7, 4)), rng.integers(0, 3, size=7)
    loss, penalty = SoftmaxCrossEntropy(), Penalty(l2=0.2, l1=0.05)
    J = loss.forward(ours.forward(X), y) + penalty.cost(ours)
    ours.backward(loss.backward())
    penalty(ours)

    out = theirs(to_torch(X))
    weights = [theirs[0].weight, theirs[2].weight]
    J_torch = torch.nn.functional.cross_entropy(out, torch.tensor(y)) + sum(
        0.2 / 2 * (w**2).sum() + 0.05 * w.abs().sum() for w in weights
    )
    J_torch.backward()
    close(J, J_torch, "regularized cost")
    for layer, linear in zip(ours.layers[::2], theirs[::2], strict=True):
        close(layer.W.grad, linear.weight.grad.T, f"{layer.name}.W gradient")
        close(layer.b.grad, linear.bias.grad, f"{layer.name}.b gradient (not penalized)")


def test_l2_penalty_trains_like_torch_sgd_weight_decay(rng) -> None:
    """Our Penalty(l2=lam) on every parameter + SGD == torch SGD(weight_decay=lam)."""
    ours, theirs = _networks(rng)
    X, y = rng.normal(size=(9, 4)), rng.integers(0, 3, size=9)
    penalty = Penalty(l2=0.05, parameters=ours.parameters())
    fit(ours, SoftmaxCrossEntropy(), SGD(ours.parameters(), lr=0.2), X, y, epochs=6,
        transforms=[penalty])  # fmt: skip

    optimizer = torch.optim.SGD(theirs.parameters(), lr=0.2, weight_decay=0.05)
    for _ in range(6):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(theirs(to_torch(X)), torch.tensor(y)).backward()
        optimizer.step()
    for layer, linear in zip(ours.layers[::2], theirs[::2], strict=True):
        close(layer.W.data, linear.weight.T, f"{layer.name}.W after 6 steps")
        close(layer.b.data, linear.bias, f"{layer.name}.b after 6 steps")

"""Batch normalization and dropout against PyTorch, in training and in inference mode.

Definitions checked (where batch-norm implementations differ):

* The batch is normalized with the *biased* variance (divide by ``n``), but the
  running variance is fed the *unbiased* one (divide by ``n - 1``): torch's
  ``BatchNorm1d`` does exactly this, and so does ours (``BatchNorm`` docstring).
* ``momentum`` is the weight of the *newest* batch, ``running = (1 - m) running + m batch``
  (torch's convention; Keras uses the opposite, ``m`` = weight of the old value).
  A non-default momentum makes the convention visible. torch's ``momentum=None``
  (a cumulative average) has no counterpart in nnfs_lib and is not compared.
* Running statistics start at mean 0 and variance 1, and ``eps`` (1e-5) sits inside
  the square root, in both.

Dropout is inverted dropout in both: kept units are scaled by ``1 / (1 - p)`` in
training, and inference mode is the identity.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from nnfs_lib.layers.batchnorm import BatchNorm
from nnfs_lib.layers.dropout import Dropout
from tests.parity.conftest import close, to_torch

D = 5


def _twin_batchnorm(
    rng: np.random.Generator, momentum: float = 0.1, eps: float = 1e-5
) -> tuple[BatchNorm, torch.nn.BatchNorm1d]:
    ours = BatchNorm(D, momentum=momentum, eps=eps, dtype=np.float64)
    ours.gamma.data[...] = rng.uniform(0.5, 2.0, D)
    ours.beta.data[...] = rng.standard_normal(D)
    theirs = torch.nn.BatchNorm1d(D, momentum=momentum, eps=eps)
    with torch.no_grad():
        theirs.weight.copy_(to_torch(ours.gamma.data))
        theirs.bias.copy_(to_torch(ours.beta.data))
    return ours, theirs


def _batch(rng: np.random.Generator, n: int) -> np.ndarray:
    """Features with different means and scales, so the statistics matter."""
    return rng.standard_normal((n, D)) * rng.uniform(0.1, 5.0, D) + rng.uniform(-3, 3, D)


def _forward_backward(
    ours: BatchNorm, theirs: torch.nn.BatchNorm1d, X: np.ndarray, dY: np.ndarray, what: str
) -> None:
    """One forward and backward pass through both; compare Y, dX, dgamma, dbeta."""
    Y = ours.forward(X)
    dX = ours.backward(dY)
    theirs.zero_grad()
    X_t = to_torch(X, grad=True)
    Y_t = theirs(X_t)
    Y_t.backward(to_torch(dY))
    close(Y, Y_t, f"Y ({what})")
    close(dX, X_t.grad, f"dX ({what})")
    close(ours.gamma.grad, theirs.weight.grad, f"dgamma ({what})")
    close(ours.beta.grad, theirs.bias.grad, f"dbeta ({what})")


@pytest.mark.parametrize(
    ("momentum", "batch_sizes"),
    [(0.1, [8, 8, 8, 8]), (0.35, [2, 7, 16, 3, 5]), (1.0, [4, 6])],
    ids=["default-momentum", "momentum-0.35-mixed-batches", "momentum-1"],
)
def test_batchnorm_training_mode(
    momentum: float, batch_sizes: list[int], rng: np.random.Generator
) -> None:
    ours, theirs = _twin_batchnorm(rng, momentum=momentum)
    ours.train()
    theirs.train()
    for step, n in enumerate(batch_sizes, start=1):
        X, dY = _batch(rng, n), rng.standard_normal((n, D))
        _forward_backward(ours, theirs, X, dY, f"training, batch {step} of {n}")
        # torch feeds running_var the unbiased batch variance (n - 1); so do we.
        close(ours.running_mean, theirs.running_mean, f"running_mean after batch {step}")
        close(ours.running_var, theirs.running_var, f"running_var after batch {step}")
        assert int(theirs.num_batches_tracked) == step


def test_batchnorm_running_var_is_unbiased(rng: np.random.Generator) -> None:
    """With momentum 1 the running variance IS the last batch's unbiased variance."""
    ours, _ = _twin_batchnorm(rng, momentum=1.0)
    X = _batch(rng, 4)
    ours.forward(X)
    close(ours.running_var, X.var(axis=0, ddof=1), "running_var = unbiased variance")
    close(ours.running_mean, X.mean(axis=0), "running_mean = batch mean")


@pytest.mark.parametrize("eps", [1e-5, 0.5], ids=["default-eps", "large-eps"])
def test_batchnorm_inference_mode(eps: float, rng: np.random.Generator) -> None:
    ours, theirs = _twin_batchnorm(rng, momentum=0.2, eps=eps)
    for _ in range(3):  # give the running statistics values far from (0, 1)
        X = _batch(rng, 10)
        ours.forward(X)
        theirs(to_torch(X))
    close(ours.running_var, theirs.running_var, "running_var before eval")
    ours.eval()
    theirs.eval()
    mean, var = ours.running_mean.copy(), ours.running_var.copy()
    for n in (1, 6):  # inference works for any batch size, even a single example
        X, dY = _batch(rng, n), rng.standard_normal((n, D))
        _forward_backward(ours, theirs, X, dY, f"inference, batch of {n}")
    # Inference mode leaves the running statistics alone, in both.
    close(ours.running_mean, mean, "running_mean unchanged in eval")
    close(ours.running_var, var, "running_var unchanged in eval")
    close(theirs.running_var, var, "torch running_var unchanged in eval")


# Dropout ------------------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_fixed_mask_matches_autograd(p: float, rng: np.random.Generator) -> None:
    """Our layer with a fixed keep mask r against torch autograd of ``x * r / (1 - p)``."""
    X, dY = rng.standard_normal((7, 6)), rng.standard_normal((7, 6))
    mask = rng.random((7, 6)) >= p
    layer = Dropout(p, rng)
    layer.fix_mask(mask)
    Y = layer.forward(X)
    dX = layer.backward(dY)
    X_t = to_torch(X, grad=True)
    Y_t = X_t * torch.tensor(mask) / (1 - p)
    Y_t.backward(to_torch(dY))
    close(Y, Y_t, "Y")
    close(dX, X_t.grad, "dX")
    assert np.array_equal(layer.mask, mask)


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_dropout_reproduces_torch_dropout_with_its_own_mask(
    p: float, rng: np.random.Generator
) -> None:
    """torch's ``F.dropout`` draws its own mask; read it off and give it to ours.

    Then the outputs and input gradients must agree: the same inverted scaling
    ``1 / (1 - p)`` in both, forward and backward.
    """
    X = rng.uniform(0.5, 2.0, (9, 8)) * rng.choice([-1, 1], (9, 8))  # no zeros
    dY = rng.standard_normal((9, 8))
    X_t = to_torch(X, grad=True)
    with torch.random.fork_rng():  # a seeded draw that leaves torch's global RNG alone
        torch.manual_seed(7)
        Y_t = F.dropout(X_t, p=p, training=True)
    Y_t.backward(to_torch(dY))
    torch_mask = Y_t.detach().numpy() != 0
    layer = Dropout(p, rng)
    layer.fix_mask(torch_mask)
    close(layer.forward(X), Y_t, "Y with torch's mask")
    close(layer.backward(dY), X_t.grad, "dX with torch's mask")


def test_dropout_inference_mode_is_identity(rng: np.random.Generator) -> None:
    X, dY = rng.standard_normal((5, 4)), rng.standard_normal((5, 4))
    layer = Dropout(0.5, rng).eval()
    layer.fix_mask(np.zeros((5, 4), dtype=bool))  # ignored in inference mode
    X_t = to_torch(X, grad=True)
    Y_t = F.dropout(X_t, p=0.5, training=False)
    Y_t.backward(to_torch(dY))
    Y, dX = layer.forward(X), layer.backward(dY)
    close(Y, Y_t, "Y in inference mode")
    close(dX, X_t.grad, "dX in inference mode")
    assert np.array_equal(Y, X) and np.array_equal(dX, dY)


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_dropout_mask_statistics_are_bernoulli(p: float) -> None:
    """The drawn keep mask is Bernoulli(1 - p), like torch's (checked on the same sizes).

    Over N = 200,000 units the fraction kept has standard deviation
    sqrt(p (1 - p) / N) < 0.0012; we allow 5 of them. Rows and columns are
    checked too (no structure), and two draws differ.
    """
    n, d = 400, 500
    layer = Dropout(p, np.random.default_rng(11))
    X = np.ones((n, d))
    Y = layer.forward(X)
    mask = layer.mask
    sd = np.sqrt(p * (1 - p) / mask.size)
    assert abs(mask.mean() - (1 - p)) < 5 * sd
    # Every row and every column keeps about 1 - p of its units.
    row_sd, col_sd = np.sqrt(p * (1 - p) / d), np.sqrt(p * (1 - p) / n)
    assert np.all(np.abs(mask.mean(axis=1) - (1 - p)) < 6 * row_sd)
    assert np.all(np.abs(mask.mean(axis=0) - (1 - p)) < 6 * col_sd)
    # Values are exactly 0 or 1 / (1 - p), and E[Y] = X: as in torch.
    with torch.random.fork_rng():
        torch.manual_seed(11)
        Y_t = F.dropout(torch.ones(n, d), p=p, training=True).numpy()
    for values in (Y, Y_t):
        kept = values != 0
        np.testing.assert_allclose(values[kept], 1 / (1 - p), rtol=1e-15)
    assert abs(Y.mean() - 1) < 5 * sd / (1 - p)
    assert abs(Y_t.mean() - 1) < 5 * sd / (1 - p)
    layer.forward(X)
    assert not np.array_equal(layer.mask, mask)  # a fresh mask per forward pass

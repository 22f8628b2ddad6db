"""Layer normalization, the residual block and gradient clipping against PyTorch."""

from __future__ import annotations

import numpy as np
import torch

from nnfs_lib.clipping import clip_grad_norm
from nnfs_lib.layers import Dense, LayerNorm, Parameter, Residual, Sequential, Tanh
from tests.parity.conftest import close, to_torch


def test_layernorm_forward_and_all_gradients(rng: np.random.Generator) -> None:
    layer = LayerNorm(6, dtype=np.float64)
    layer.gamma.data[...] = rng.uniform(0.5, 2.0, 6)
    layer.beta.data[...] = rng.standard_normal(6)
    X = rng.normal(1.0, 3.0, size=(5, 6))
    dY = rng.standard_normal((5, 6))
    Y = layer.forward(X)
    dX = layer.backward(dY)

    reference = torch.nn.LayerNorm(6, eps=1e-5, elementwise_affine=True)
    with torch.no_grad():
        reference.weight.copy_(to_torch(layer.gamma.data))
        reference.bias.copy_(to_torch(layer.beta.data))
    X_t = to_torch(X, grad=True)
    Y_t = reference(X_t)
    Y_t.backward(to_torch(dY))

    close(Y, Y_t, "Y")
    close(dX, X_t.grad, "dX")
    close(layer.gamma.grad, reference.weight.grad, "dgamma")
    close(layer.beta.grad, reference.bias.grad, "dbeta")


def test_layernorm_on_a_batch_of_one(rng: np.random.Generator) -> None:
    layer = LayerNorm(4, dtype=np.float64)
    X = rng.standard_normal((1, 4))
    close(layer.forward(X), torch.nn.LayerNorm(4)(to_torch(X)), "Y")


def test_residual_block_forward_and_all_gradients(rng: np.random.Generator) -> None:
    norm = LayerNorm(4, dtype=np.float64)
    dense = Dense(4, 4, rng, dtype=np.float64)
    dense.b.data[...] = rng.standard_normal(4)
    block = Residual(Sequential([norm, Tanh(), dense]))
    X = rng.standard_normal((3, 4))
    dY = rng.standard_normal((3, 4))
    Y = block.forward(X)
    dX = block.backward(dY)

    ln_t = torch.nn.LayerNorm(4)
    linear = torch.nn.Linear(4, 4)
    with torch.no_grad():
        linear.weight.copy_(to_torch(dense.W.data.T))
        linear.bias.copy_(to_torch(dense.b.data))
    X_t = to_torch(X, grad=True)
    Y_t = X_t + linear(torch.tanh(ln_t(X_t)))
    Y_t.backward(to_torch(dY))

    close(Y, Y_t, "Y")
    close(dX, X_t.grad, "dX")
    close(dense.W.grad, linear.weight.grad.T, "dW")
    close(dense.b.grad, linear.bias.grad, "db")
    close(norm.gamma.grad, ln_t.weight.grad, "dgamma")
    close(norm.beta.grad, ln_t.bias.grad, "dbeta")


def test_clip_grad_norm(rng: np.random.Generator) -> None:
    shapes = [(3, 4), (4,), (2, 2)]
    for scale, max_norm in [(10.0, 1.0), (10.0, 5.0), (0.01, 1.0)]:
        grads = [rng.standard_normal(shape) * scale for shape in shapes]
        ours = []
        for i, g in enumerate(grads):
            p = Parameter(np.zeros(g.shape), f"p{i}")
            p.grad = g.copy()
            ours.append(p)
        theirs = [to_torch(np.zeros(g.shape), grad=True) for g in grads]
        for t, g in zip(theirs, grads, strict=True):
            t.grad = to_torch(g)
        norm = clip_grad_norm(ours, max_norm)
        norm_t = torch.nn.utils.clip_grad_norm_(theirs, max_norm)
        close(norm, norm_t, "norm before clipping")
        for p, t in zip(ours, theirs, strict=True):
            close(p.grad, t.grad, f"clipped grad (scale {scale}, max_norm {max_norm})")

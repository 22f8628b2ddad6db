"""Every speed trick of the library, in one place, each tested equal to its plain form.

The code on the book's pages is written the way its equation reads
(:meth:`Adam._update <nnfs_lib.optimizers.Adam._update>`,
:meth:`Dense.backward <nnfs_lib.layers.Dense.backward>`). The library runs the
kernels below instead, which compute the same numbers with less work; the
appendix "Performance" (``book/appendix/performance.md``) explains each trick:

1. :func:`adam_update` and :func:`rmsprop_update` update in place: every
   intermediate array goes into one scratch buffer per parameter, allocated
   once, through ``out=`` arguments and in-place operators; Adam's two bias
   corrections are folded into one scalar. :class:`~nnfs_lib.optimizers.Adam`
   and :class:`~nnfs_lib.optimizers.RMSProp` run them by default
   (``fused=True``; ``fused=False`` runs the equation as the page shows it).
2. :func:`dense_parameter_gradients` computes a dense layer's ``W.grad`` and
   ``b.grad`` into the existing arrays and skips ``dX = dZ @ W.T``: the input of
   a network is the data, whose gradient nobody needs.
   :meth:`Sequential.backward_to_parameters <nnfs_lib.layers.Sequential.backward_to_parameters>`
   uses it for the first layer, and :func:`~nnfs_lib.training.train_step` calls that.

Equality (``tests/library/test_fast.py``): the backward gives bit-for-bit the
gradients of the plain one; the optimizers give the plain optimizers'
parameters and state to within rounding (the order of the rounding steps
differs): over 50 steps every entry agrees to 1e-5 (float32) or 1e-12 (float64)
times the largest entry of its array.

This module imports nothing but NumPy: it works on arrays, so the layers and
the optimizers can both use it.
"""

from __future__ import annotations

import numpy as np


def adam_update(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    work: np.ndarray,
    *,
    lr: float,
    beta1: float,
    beta2: float,
    eps: float,
    t: int,
) -> None:
    """One Adam step on ``theta``, in place: ``m``, ``v`` and ``theta`` change; ``work`` is scratch."""
    # m <- m + (1 - beta1)(g - m): beta1 m + (1 - beta1) g with one multiplication fewer
    np.subtract(g, m, out=work)
    work *= 1 - beta1
    m += work
    # v <- beta2 v + (1 - beta2) g^2
    v *= beta2
    np.multiply(g, g, out=work)
    work *= 1 - beta2
    v += work
    # lr m_hat / (sqrt(v_hat) + eps) = (lr c / (1 - beta1^t)) m / (sqrt(v) + eps c),
    # c = sqrt(1 - beta2^t): both corrections fold into scalars, no array is divided twice
    c = np.sqrt(1 - beta2**t)
    np.sqrt(v, out=work)
    work += eps * c
    np.divide(m, work, out=work)
    work *= lr * c / (1 - beta1**t)
    theta -= work


def rmsprop_update(
    theta: np.ndarray,
    g: np.ndarray,
    v: np.ndarray,
    work: np.ndarray,
    *,
    lr: float,
    rho: float,
    eps: float,
) -> None:
    """One RMSProp step on ``theta``, in place: ``v`` and ``theta`` change; ``work`` is scratch."""
    v *= rho  # v <- rho v + (1 - rho) g^2
    np.multiply(g, g, out=work)
    work *= 1 - rho
    v += work
    np.sqrt(v, out=work)  # theta <- theta - lr g / (sqrt(v) + eps)
    work += eps
    np.divide(g, work, out=work)
    work *= lr
    theta -= work


def dense_parameter_gradients(
    X: np.ndarray, dZ: np.ndarray, W_grad: np.ndarray, b_grad: np.ndarray
) -> None:
    """``W_grad <- X.T @ dZ`` and ``b_grad <- dZ.sum(axis=0)``, written into the arrays given.

    A dense layer's backward without ``dX = dZ @ W.T``: for the first layer of a
    network, whose input is the data. In the benchmark's network (784-256-128-10)
    that product is 28% of a training step's matrix arithmetic: ``784 * 256`` of
    the ``3 * 234,752`` multiply-adds per example (forward, ``dW``, ``dX``).
    """
    np.matmul(X.T, dZ, out=W_grad)
    np.sum(dZ, axis=0, out=b_grad)

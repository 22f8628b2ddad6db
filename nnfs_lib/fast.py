"""Every speed trick of the library, in one place, each tested equal to its plain form.

The code on the book's pages is written the way its equation reads
(:class:`~nnfs_lib.optimizers.Adam`, :meth:`~nnfs_lib.network.Sequential.backward`,
:func:`~nnfs_lib.training.train_step`). This module computes the same numbers
with less work, and the appendix "Performance" (``book/appendix/performance.md``)
explains each trick:

1. :class:`FastAdam` and :class:`FastRMSProp` update in place: every
   intermediate array goes into one scratch buffer per parameter, allocated
   once, through ``out=`` arguments and in-place operators; Adam's two
   bias corrections are folded into one scalar.
2. :func:`backward_without_input_gradient` skips the first dense layer's
   ``dX = dZ @ W.T``: the input of the network is the data, whose gradient
   nobody needs.
3. :func:`fast_train_step` is :func:`~nnfs_lib.training.train_step` with that backward;
   give it to :func:`~nnfs_lib.training.fit` as ``step=fast_train_step``, with
   a fast optimizer.

Equality (``tests/library/test_fast.py``): the backward gives bit-for-bit the
gradients of the plain one; the optimizers give the plain optimizers'
parameters and state to within rounding (the order of the rounding steps
differs): over 50 steps every entry agrees to 1e-5 (float32) or 1e-12 (float64)
times the largest entry of its array.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers import Dense, Parameter
from nnfs_lib.network import Sequential
from nnfs_lib.optimizers import Adam, Optimizer, RMSProp


class _ScratchBuffers:
    """One scratch array per parameter, allocated at the first step and reused at every step."""

    def _work(self, index: int, p: Parameter) -> np.ndarray:
        scratch = self.__dict__.setdefault("_scratch", {})
        if index not in scratch:
            scratch[index] = np.empty_like(p.data)
        return scratch[index]


class FastAdam(_ScratchBuffers, Adam):
    """:class:`~nnfs_lib.optimizers.Adam`, computed in place (same arguments, same ``state``)."""

    def _update(self, index: int, p: Parameter) -> None:
        g = self._gradient(p)
        state = self.state[index]
        if "exp_avg" not in state:
            state["exp_avg"] = np.zeros_like(p.data)
            state["exp_avg_sq"] = np.zeros_like(p.data)
        m, v = state["exp_avg"], state["exp_avg_sq"]
        work = self._work(index, p)
        # m <- m + (1 - beta1)(g - m): beta1 m + (1 - beta1) g with one multiplication fewer
        np.subtract(g, m, out=work)
        work *= 1 - self.beta1
        m += work
        # v <- beta2 v + (1 - beta2) g^2
        v *= self.beta2
        np.multiply(g, g, out=work)
        work *= 1 - self.beta2
        v += work
        # lr m_hat / (sqrt(v_hat) + eps) = (lr c / (1 - beta1^t)) m / (sqrt(v) + eps c),
        # c = sqrt(1 - beta2^t): both corrections fold into scalars, no array is divided twice
        c = np.sqrt(1 - self.beta2**self.t)
        np.sqrt(v, out=work)
        work += self.eps * c
        np.divide(m, work, out=work)
        work *= self.lr * c / (1 - self.beta1**self.t)
        p.data -= work


class FastRMSProp(_ScratchBuffers, RMSProp):
    """:class:`~nnfs_lib.optimizers.RMSProp`, computed in place (same arguments, same ``state``)."""

    def _update(self, index: int, p: Parameter) -> None:
        g = self._gradient(p)
        state = self.state[index]
        if "square_avg" not in state:
            state["square_avg"] = np.zeros_like(p.data)
        s = state["square_avg"]
        work = self._work(index, p)
        s *= self.rho  # s <- rho s + (1 - rho) g^2
        np.multiply(g, g, out=work)
        work *= 1 - self.rho
        s += work
        np.sqrt(s, out=work)  # theta <- theta - lr g / (sqrt(s) + eps)
        work += self.eps
        np.divide(g, work, out=work)
        work *= self.lr
        p.data -= work


def backward_without_input_gradient(model: Sequential, dA: np.ndarray) -> None:
    """:meth:`Sequential.backward <nnfs_lib.network.Sequential.backward>` minus one product.

    Every layer but the first runs its own backward. When the first layer is a
    :class:`~nnfs_lib.layers.Dense`, only its parameter gradients are computed,
    ``W.grad = X.T @ dZ`` and ``b.grad = dZ.sum(axis=0)``, written into the
    existing arrays; ``dX = dZ @ W.T`` (a sixth of a training step's arithmetic
    in the benchmark's network) is skipped. Returns nothing.
    """
    first, *rest = model.layers
    for layer in reversed(rest):
        dA = layer.backward(dA)
    if not isinstance(first, Dense):
        first.backward(dA)
        return
    np.matmul(first.X.T, dA, out=first.W.grad)
    np.sum(dA, axis=0, out=first.b.grad)


def fast_train_step(
    model: Sequential, loss: object, optimizer: Optimizer, X: np.ndarray, y: np.ndarray
) -> float:
    """:func:`~nnfs_lib.training.train_step` with :func:`backward_without_input_gradient`."""
    J = loss.forward(model.forward(X), y)
    backward_without_input_gradient(model, loss.backward())
    optimizer.step()
    return J

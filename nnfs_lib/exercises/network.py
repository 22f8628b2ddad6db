"""The layer exercises' network case: the reader's layer among library layers, against the library's network.

A layer's answer can be right on its own and still break a network: a
forward pass that writes into its input overwrites the output that the layer
before may keep for its backward pass, so *that* layer's gradient comes out
wrong. :func:`expect_same_in_network` runs ``Dense -> tanh -> answer ->
Dense`` and the same network with the library's layer in its place, compares
the output, every parameter's gradient and ``dX``, and, when the answer wrote
into an array it was given, says so. The tanh layer here keeps its *output*
(``tanh' = 1 - A^2``), as many libraries' tanh does (the library's own keeps
its input), so that an in-place write shows in the gradients.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import numpy as np

from nnfs_lib.exercises.report import Mismatch, call, expect_array
from nnfs_lib.layers import Dense, Layer


class _TanhKeepingItsOutput(Layer):
    """``A = tanh(Z)``, keeping ``A`` for the backward ``dZ = dA (1 - A^2)``."""

    name = "tanh"

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self.A = np.tanh(Z)
        return self.A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        return dA * (1 - self.A * self.A)


def _label(layer: object, index: int, parameter: object, position: int) -> str:
    """``layers[i].W`` when the layer holds the parameter under an attribute, else by position."""
    for attribute, value in vars(layer).items():
        if value is parameter:
            return f"layers[{index}].{attribute}"
    return f"layers[{index}].parameters()[{position}]"


def expect_same_in_network(
    answer: object,
    library: object,
    rng: np.random.Generator,
    *,
    width: int,
    n: int = 6,
    after_forward: Callable[[object, object], None] | None = None,
) -> None:
    """Compare ``Dense(3, width) -> Tanh -> answer -> Dense(., 2)`` with ``library`` in its place.

    ``answer`` and ``library`` must hold the same parameters and map ``width``
    columns to ``width`` columns. ``after_forward(answer, library)`` runs
    between the two forward passes (Dropout gives the library the answer's mask).
    """
    first = Dense(3, width, rng, dtype=np.float64)
    last = Dense(width, 2, rng, dtype=np.float64)
    mine = [copy.deepcopy(first), _TanhKeepingItsOutput(), answer, copy.deepcopy(last)]
    theirs = [copy.deepcopy(first), _TanhKeepingItsOutput(), library, copy.deepcopy(last)]
    X, R = rng.normal(size=(n, 3)), rng.normal(size=(n, 2))
    wrote: list[str] = []

    A = X.copy()
    for layer in mine:
        if layer is answer:
            before = A.copy()
            A_in = A
            A = call(layer.forward, A_in, what="forward(X) inside the network", copy=False)
            if not np.array_equal(A_in, before):
                wrote.append("forward wrote into its input X, the tanh layer's output, which "
                             "that layer keeps for its backward pass")  # fmt: skip
            if after_forward is not None:
                after_forward(answer, library)
            if not isinstance(A, np.ndarray) or A.shape != before.shape:
                raise Mismatch(
                    f"forward(X) inside the network returned {type(A).__name__} of shape "
                    f"{np.shape(A)}; expected an array of shape {before.shape}"
                )
        else:
            A = layer.forward(A)
    B = X.copy()
    for layer in theirs:
        B = layer.forward(B)

    dA = R.copy()
    for layer in reversed(mine):
        if layer is answer:
            before = dA.copy()
            dA_in = dA
            dA = call(layer.backward, dA_in, what="backward(dY) inside the network", copy=False)
            if not np.array_equal(dA_in, before):
                wrote.append("backward wrote into its input dY")
            if not isinstance(dA, np.ndarray) or dA.shape != before.shape:
                raise Mismatch(
                    f"backward(dY) inside the network returned {type(dA).__name__} of shape "
                    f"{np.shape(dA)}; expected an array of shape {before.shape}"
                )
        else:
            dA = layer.backward(dA)
    dB = R.copy()
    for layer in reversed(theirs):
        dB = layer.backward(dB)

    inputs = "the network Dense -> Tanh -> your layer -> Dense, J = sum(output * R)"
    try:
        expect_array(A, B, "the network's output", inputs=inputs)
        for i in reversed(range(len(mine))):
            pairs = zip(mine[i].parameters(), theirs[i].parameters(), strict=True)
            for j, (p, q) in enumerate(pairs):
                expect_array(p.grad, q.grad, _label(theirs[i], i, q, j) + ".grad", inputs=inputs)
        expect_array(dA, dB, "dJ/dX of the network", inputs=inputs)
    except Mismatch as mismatch:
        if wrote:
            raise Mismatch(
                f"your layer's {' and its '.join(wrote)}. The network's numbers are wrong "
                f"because of it: {mismatch}. Compute new arrays instead (Y = X - mu, not "
                "X -= mu)"
            ) from None
        raise

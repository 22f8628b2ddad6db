"""The residual block: the input added to what an inner block makes of it, ``X + F(X)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nnfs_lib.layers.base import Layer, Parameter

if TYPE_CHECKING:  # nnfs_lib.network imports the layers: import it lazily at run time
    from nnfs_lib.network import Sequential


def _widths(inner: Layer | Sequential) -> tuple[int | None, int | None]:
    """The input and output widths of ``inner``, as far as its layers declare them.

    A layer declares its input width with ``n_in`` and, if it changes the width,
    its output width with ``n_out``; a layer with ``n_in`` and no ``n_out``
    (a normalization layer) keeps the width, and one with neither (an
    activation) passes on whatever it gets.
    """
    layers = getattr(inner, "layers", [inner])
    n_in = next((layer.n_in for layer in layers if getattr(layer, "n_in", None)), None)
    width = None
    for layer in layers:
        if getattr(layer, "n_out", None) is not None:
            width = layer.n_out
        elif getattr(layer, "n_in", None) is not None:
            width = layer.n_in
    return n_in, width


class _Chain(Layer):
    """A Sequential's layers run as one layer, without the finiteness check of ``Sequential.forward``.

    That check belongs where data enter a network; inside a residual block it
    would turn a diverging run into an exception instead of a recorded divergence.
    """

    def __init__(self, network: Sequential) -> None:
        self.network = network
        self.name = "chain"

    def forward(self, X: np.ndarray) -> np.ndarray:
        for layer in self.network.layers:
            X = layer.forward(X)
        return X

    def backward(self, dA: np.ndarray) -> np.ndarray:
        return self.network.backward(dA)

    def parameters(self) -> list[Parameter]:
        return self.network.parameters()


class Residual(Layer):
    r"""A residual block (He et al., 2016): :math:`\mathbf{Y} = \mathbf{X} + F(\mathbf{X})`.

    ``F`` is ``inner``, a layer or a :class:`~nnfs_lib.network.Sequential`
    that maps a batch of width ``d`` to a batch of the same width ``d``, so
    that the two can be added (checked here, when the block is built).

    Backward (proposition ``prop-residual-jacobian``, chapter "Training very
    deep networks"): the gradient reaches ``X`` along two paths, straight
    through the addition and through ``F``, and the two contributions add:
    ``dX = dY + inner.backward(dY)``.

    The block's parameters are ``inner``'s (the same objects, so an optimizer
    given ``block.parameters()`` trains ``inner``); :meth:`train` and
    :meth:`eval` switch ``inner`` too.

    Parameters
    ----------
    inner : Layer or Sequential
        ``F``. Its input width must be declared by one of its layers (``n_in``,
        as on :class:`~nnfs_lib.layers.Dense`), and its output width must equal it.
    name : str
    """

    def __init__(self, inner: Layer | Sequential, *, name: str = "residual") -> None:
        from nnfs_lib.network import Sequential

        if not isinstance(inner, (Layer, Sequential)):
            raise TypeError(f"inner must be a Layer or a Sequential; got {type(inner).__name__}")
        n_in, n_out = _widths(inner)
        if n_in is None:
            raise ValueError(
                "inner must declare its input width (a layer with n_in, such as Dense); "
                f"got {inner!r}"
            )
        if n_out != n_in:
            raise ValueError(
                f"inner must keep the width so that X + inner(X) is defined; it maps "
                f"width {n_in} to width {n_out}"
            )
        self.inner = inner
        self.F = inner if isinstance(inner, Layer) else _Chain(inner)  # F as one layer
        self.n_in = self.n_out = n_in
        self.name = name

    def forward(self, X: np.ndarray) -> np.ndarray:
        """``Y = X + F(X)``, both of shape (n, d)."""
        self._check_input(X)
        return X + self.F.forward(X)  # the identity path plus the inner block

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """Pass ``dY`` (n, d) back through ``F`` (overwriting its grads); return ``dX`` (n, d)."""
        return dY + self.F.backward(dY)  # identity path: dY itself; inner path: F's backward

    def parameters(self) -> list[Parameter]:
        return self.F.parameters()

    def train(self) -> Residual:
        """Switch the block and ``inner`` to training mode; returns the block."""
        self.training = True
        self.inner.train()
        return self

    def eval(self) -> Residual:
        """Switch the block and ``inner`` to inference mode; returns the block."""
        self.training = False
        self.inner.eval()
        return self

    def __repr__(self) -> str:
        layers = getattr(self.inner, "layers", [self.inner])
        chain = " -> ".join(type(layer).__name__ for layer in layers)
        return f"Residual(X + [{chain}](X), width={self.n_in}, name={self.name!r})"

"""The residual block: the input added to what an inner layer makes of it, ``X + F(X)``."""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.validation import Instance


class Residual(Layer):
    r"""A residual block (He et al., 2016): :math:`\mathbf{Y} = \mathbf{X} + F(\mathbf{X})`.

    ``F`` is ``inner``, any layer (a network is one) that maps a batch of
    width ``d`` to a batch of the same width ``d``, so that the two can be
    added (checked here, when the block is built).

    Backward (proposition ``prop-residual-jacobian``, chapter "Training very
    deep networks"): the gradient reaches ``X`` along two paths, straight
    through the addition and through ``F``, and the two contributions add:
    ``dX = dY + inner.backward(dY)``.

    The block's parameters are ``inner``'s (the same objects, so an optimizer
    given ``block.parameters()`` trains ``inner``), with ``inner``'s paths;
    :meth:`train` and :meth:`eval` switch ``inner`` too.

    Parameters
    ----------
    inner : Layer
        ``F``, for example a :class:`~nnfs_lib.layers.Sequential`. Its input width
        must be declared (``n_in``, as on :class:`~nnfs_lib.layers.Dense`), and its
        output width must equal it.
    name : str
    """

    def __init__(self, inner: Layer, *, name: str = "residual") -> None:
        self.inner = Instance(Layer)("inner", inner)
        if inner.n_in is None:
            raise ValueError(
                "inner must declare its input width (a layer with n_in, such as Dense); "
                f"got {inner!r}"
            )
        if inner.n_out != inner.n_in:
            raise ValueError(
                f"inner must keep the width so that X + inner(X) is defined; it maps "
                f"width {inner.n_in} to width {inner.n_out}"
            )
        self.n_in = self.n_out = inner.n_in
        self.name = name

    def forward(self, X: np.ndarray) -> np.ndarray:
        """``Y = X + F(X)``, both of shape (n, d)."""
        self._check_input(X)
        return X + self.inner.forward(X)  # the identity path plus the inner block

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """Pass ``dY`` (n, d) back through ``F`` (overwriting its grads); return ``dX`` (n, d)."""
        return dY + self.inner.backward(dY)  # identity path: dY itself; inner path: F's backward

    def sublayers(self) -> list[Layer]:
        return [self.inner]

    def named_parameters(self, prefix: str = "") -> list[tuple[str, Parameter]]:
        """``inner``'s parameters under this block's path (``"1_residual.0_dense.W"``)."""
        return self.inner.named_parameters(prefix)

    def __repr__(self) -> str:
        layers = getattr(self.inner, "layers", [self.inner])
        chain = " -> ".join(type(layer).__name__ for layer in layers)
        return f"Residual(X + [{chain}](X), width={self.n_in}, name={self.name!r})"

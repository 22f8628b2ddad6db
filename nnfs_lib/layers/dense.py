"""The fully connected (dense) layer, forward and backward side by side."""

from __future__ import annotations

import numpy as np

from nnfs_lib import fast
from nnfs_lib.initializers import initialize
from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.validation import check_float_dtype, check_scalar


class Dense(Layer):
    r"""Affine map :math:`\mathbf{Z} = \mathbf{X}\mathbf{W} + \mathbf{b}` on a batch of rows.

    Forward (eq. ``eq-layers-dense-forward``, chapter "Layers"), for ``X`` of
    shape ``(n, d_in)``:
    ``Z = X @ W + b`` with ``W`` of shape ``(d_in, d_out)`` and ``b`` of shape
    ``(d_out,)`` broadcast over the rows.

    Backward (eqs. ``eq-matrix-dense-dW``, ``eq-matrix-dense-db``, ``eq-matrix-dense-dX``,
    chapter "Matrix operations"), given ``dZ`` = dJ/dZ of shape ``(n, d_out)``:

    * ``W.grad = X.T @ dZ``          shape ``(d_in, d_out)``
    * ``b.grad = dZ.sum(axis=0)``     shape ``(d_out,)``
    * returns ``dX = dZ @ W.T``       shape ``(n, d_in)``

    The cost's ``1/n`` is already inside ``dZ`` (the loss puts it there), so
    the sums over the batch here are plain sums.

    Parameters
    ----------
    n_in, n_out : int
        Input and output widths.
    rng : numpy.random.Generator or int
        Source of the initial weights.
    init : str, default "xavier_uniform"
        A scheme from :data:`nnfs_lib.initializers.INITIALIZERS`.
    dtype : float32 (default) or float64
        The dtype of the parameters; inputs must have the same dtype.
    name : str, optional
        Used in messages; a network names its layers if this is omitted.
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        rng: np.random.Generator | int,
        *,
        init: str = "xavier_uniform",
        dtype: type = np.float32,
        name: str = "dense",
    ) -> None:
        self.n_in = check_scalar("n_in", n_in, int, low=1)
        self.n_out = check_scalar("n_out", n_out, int, low=1)
        self.dtype = check_float_dtype("dtype", dtype)
        self.name = name
        self.init = init
        W = initialize(init, (self.n_in, self.n_out), rng, dtype=self.dtype)
        self.W = Parameter(W, "W")
        self.b = Parameter(np.zeros(self.n_out, dtype=self.dtype), "b")
        self.X: np.ndarray | None = None

    def forward(self, X: np.ndarray) -> np.ndarray:
        """``Z = X W + b``; remembers ``X`` for the backward pass."""
        self._check_input(X)
        self.X = X  # (n, d_in)
        return X @ self.W.data + self.b.data  # (n, d_in) @ (d_in, d_out) + (d_out,) -> (n, d_out)

    def backward(self, dZ: np.ndarray) -> np.ndarray:
        """Overwrite ``W.grad`` and ``b.grad`` from ``dZ`` (n, d_out); return ``dX`` (n, d_in)."""
        self.W.grad = self.X.T @ dZ  # (d_in, n) @ (n, d_out) -> (d_in, d_out)
        self.b.grad = dZ.sum(axis=0)  # (d_out,)
        return dZ @ self.W.data.T  # (n, d_out) @ (d_out, d_in) -> (n, d_in)

    def backward_to_parameters(self, dZ: np.ndarray) -> None:
        """:meth:`backward` without ``dX``, into the existing ``grad`` arrays (:mod:`nnfs_lib.fast`)."""
        fast.dense_parameter_gradients(self.X, dZ, self.W.grad, self.b.grad)

    def parameters(self) -> list[Parameter]:
        return [self.W, self.b]

    def __repr__(self) -> str:
        return (
            f"Dense({self.n_in} -> {self.n_out}, init={self.init!r}, "
            f"dtype={self.dtype}, name={self.name!r})"
        )

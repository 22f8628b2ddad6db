"""The fully connected (dense) layer, forward and backward side by side."""

from __future__ import annotations

import numpy as np

from nnfs_lib.initializers import initialize
from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.validation import as_generator, check_int


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
        self.n_in = check_int("n_in", n_in, minimum=1)
        self.n_out = check_int("n_out", n_out, minimum=1)
        rng = as_generator("rng", rng)
        self.name = name
        self.init = init
        W = initialize(init, (self.n_in, self.n_out), rng, dtype=dtype)
        self.W = Parameter(W, f"{name}.W")
        self.b = Parameter(np.zeros(self.n_out, dtype=W.dtype), f"{name}.b")
        self._X: np.ndarray | None = None

    def forward(self, X: np.ndarray) -> np.ndarray:
        """``Z = X @ W + b``: ``(n, d_in) @ (d_in, d_out) + (d_out,) -> (n, d_out)``."""
        X = self._check_input(X, self.n_in)
        if X.dtype != self.W.data.dtype:
            raise TypeError(
                f"Dense layer {self.name!r} holds {self.W.data.dtype} weights but got {X.dtype} "
                f"input; convert X with X.astype(np.{self.W.data.dtype}) or build the layer "
                f"with dtype=np.{X.dtype}"
            )
        self._X = X
        Z = X @ self.W.data
        Z += self.b.data
        return Z

    can_skip_input_gradient = True

    def backward(self, dZ: np.ndarray, *, input_gradient: bool = True) -> np.ndarray | None:
        """Overwrite ``W.grad`` and ``b.grad`` from ``dZ`` (n, d_out); return ``dX`` (n, d_in).

        With ``input_gradient=False`` the product ``dZ @ W.T`` is skipped and
        None returned: the first layer of a network is fed the data, whose
        gradient nobody needs, and that product is a sixth of a training step.
        """
        X = self._X
        dZ = self._check_upstream(dZ, None if X is None else (X.shape[0], self.n_out))
        if dZ.dtype != X.dtype:
            raise TypeError(
                f"Dense layer {self.name!r}: dZ must have dtype {X.dtype} like the forward "
                f"input; got {dZ.dtype}"
            )
        np.matmul(X.T, dZ, out=self.W.grad)
        np.sum(dZ, axis=0, out=self.b.grad)
        if not input_gradient:
            return None
        return dZ @ self.W.data.T

    def parameters(self) -> list[Parameter]:
        return [self.W, self.b]

    def __repr__(self) -> str:
        return (
            f"Dense({self.n_in} -> {self.n_out}, init={self.init!r}, "
            f"dtype={self.W.data.dtype}, name={self.name!r})"
        )

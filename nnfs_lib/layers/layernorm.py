"""Layer normalization of each example (row) over its features, forward and backward side by side."""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.validation import check_float_dtype, check_scalar


class LayerNorm(Layer):
    r"""Normalize each example over its features, then scale and shift (Ba, Kiros & Hinton, 2016).

    Forward (eq. ``eq-ln-forward``, chapter "Training very deep networks"), for
    ``X`` of shape ``(n, d)``, example by example (row ``i``):

    .. math::
        \mu_i = \frac1d \sum_j x_{ij}, \quad
        \sigma_i^2 = \frac1d \sum_j (x_{ij} - \mu_i)^2, \quad
        \hat x_{ij} = \frac{x_{ij} - \mu_i}{\sqrt{\sigma_i^2 + \epsilon}}, \quad
        y_{ij} = \gamma_j \hat x_{ij} + \beta_j .

    These are :class:`~nnfs_lib.layers.BatchNorm`'s equations with the roles
    of the two axes exchanged: the statistics are taken over the ``d``
    features of one example (axis 1), not over the ``n`` examples of one
    feature (axis 0). So no example depends on the others, a batch of one
    example is fine, and there are no running statistics: training and
    inference modes compute the same thing. ``gamma`` and ``beta`` (one per
    feature) are PyTorch's ``LayerNorm(d)`` ``weight`` and ``bias``.

    Backward (proposition ``prop-ln-backward``), with
    :math:`\mathrm{d}\hat x_{ij} = \gamma_j\, \mathrm{d}y_{ij}` and
    :math:`s_i = (\sigma_i^2 + \epsilon)^{-1/2}`:

    .. math::
        \mathrm{d}x_{ij} = \frac{s_i}{d}
        \Bigl(d\, \mathrm{d}\hat x_{ij} - \sum_k \mathrm{d}\hat x_{ik}
        - \hat x_{ij} \sum_k \mathrm{d}\hat x_{ik}\, \hat x_{ik}\Bigr),

    ``gamma.grad = sum_i dY * X_hat`` and ``beta.grad = sum_i dY``.

    Parameters
    ----------
    n_features : int
        ``d``, the width of the input.
    eps : float > 0, default 1e-5
        Added to the variance before the square root.
    dtype : float32 (default) or float64
    name : str
    """

    def __init__(
        self,
        n_features: int,
        *,
        eps: float = 1e-5,
        dtype: type = np.float32,
        name: str = "layernorm",
    ) -> None:
        self.n_in = self.n_out = self.n_features = check_scalar(
            "n_features", n_features, int, low=1
        )
        self.eps = check_scalar("eps", eps, low=0, closed="neither")
        self.dtype = check_float_dtype("dtype", dtype)
        self.name = name
        self.gamma = Parameter(np.ones(self.n_features, dtype=self.dtype), "gamma")
        self.beta = Parameter(np.zeros(self.n_features, dtype=self.dtype), "beta")
        self.X_hat: np.ndarray | None = None
        self.inv_std: np.ndarray | None = None

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Normalize each row of ``X`` (n, d), then scale by ``gamma`` and shift by ``beta``."""
        self._check_input(X)
        mu = X.mean(axis=1, keepdims=True)  # (n, 1)
        var = X.var(axis=1, keepdims=True)  # (n, 1), biased: divides by d
        self.inv_std = 1 / np.sqrt(var + self.eps)  # (n, 1)
        self.X_hat = (X - mu) * self.inv_std  # (n, d)
        return self.gamma.data * self.X_hat + self.beta.data

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """Overwrite ``gamma.grad`` and ``beta.grad`` from ``dY`` (n, d); return ``dX`` (n, d)."""
        X_hat, inv_std = self.X_hat, self.inv_std
        self.gamma.grad = (dY * X_hat).sum(axis=0)  # (d,)
        self.beta.grad = dY.sum(axis=0)  # (d,)
        dX_hat = dY * self.gamma.data  # (n, d)
        d = X_hat.shape[1]
        sum_dX_hat = dX_hat.sum(axis=1, keepdims=True)  # (n, 1)
        sum_dX_hat_X_hat = (dX_hat * X_hat).sum(axis=1, keepdims=True)  # (n, 1)
        return inv_std / d * (d * dX_hat - sum_dX_hat - X_hat * sum_dX_hat_X_hat)

    def parameters(self) -> list[Parameter]:
        return [self.gamma, self.beta]

    def __repr__(self) -> str:
        return f"LayerNorm({self.n_features}, eps={self.eps}, name={self.name!r})"

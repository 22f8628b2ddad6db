"""Batch normalization over the features of a batch ``(n, d)``, forward and backward side by side."""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.validation import check_float_dtype, check_scalar


class BatchNorm(Layer):
    r"""Normalize each feature over the batch, then scale and shift (Ioffe & Szegedy, 2015).

    Training mode (eqs. ``eq-bn-stats`` and ``eq-bn-forward``), for ``X`` of shape ``(n, d)``:

    .. math::
        \mu_j = \frac1n \sum_i x_{ij}, \quad
        \sigma_j^2 = \frac1n \sum_i (x_{ij} - \mu_j)^2, \quad
        \hat x_{ij} = \frac{x_{ij} - \mu_j}{\sqrt{\sigma_j^2 + \epsilon}}, \quad
        y_{ij} = \gamma_j \hat x_{ij} + \beta_j .

    It also updates the running statistics used at inference, as PyTorch's
    ``BatchNorm1d`` does (eq. ``eq-bn-running``):

    .. math::
        \mathrm{running\_mean} \leftarrow (1 - m)\,\mathrm{running\_mean} + m\,\mu, \qquad
        \mathrm{running\_var} \leftarrow (1 - m)\,\mathrm{running\_var} + m\,\tfrac{n}{n-1}\sigma^2 .

    Note the two variances: the batch is normalized with the *biased* variance
    :math:`\sigma^2` (divide by :math:`n`), but the running estimate is fed the
    *unbiased* one (divide by :math:`n - 1`), exactly like PyTorch. A batch of
    one example has no variance to estimate, so training mode needs ``n >= 2``.

    Inference mode normalizes with ``running_mean`` and ``running_var``
    instead: a fixed affine map, the same for every example and any batch size.

    Backward in training mode (theorem ``thm-bn-backward``), with
    :math:`\mathrm{d}\hat{\mathbf{x}} = \mathrm{d}\mathbf{y} \odot \gamma`:

    .. math::
        \mathrm{d}x_{ij} = \frac{1}{n\sqrt{\sigma_j^2 + \epsilon}}
        \Bigl(n\, \mathrm{d}\hat x_{ij} - \sum_k \mathrm{d}\hat x_{kj}
        - \hat x_{ij} \sum_k \mathrm{d}\hat x_{kj}\, \hat x_{kj}\Bigr),

    ``gamma.grad = sum_i dY * X_hat`` and ``beta.grad = sum_i dY``.

    Parameters
    ----------
    n_features : int
        ``d``, the width of the input.
    momentum : float in [0, 1], default 0.1
        Weight :math:`m` of the newest batch in the running statistics (PyTorch's convention).
    eps : float > 0, default 1e-5
        Added to the variance before the square root.
    dtype : float32 (default) or float64
    name : str
    """

    def __init__(
        self,
        n_features: int,
        *,
        momentum: float = 0.1,
        eps: float = 1e-5,
        dtype: type = np.float32,
        name: str = "batchnorm",
    ) -> None:
        self.n_in = self.n_out = self.n_features = check_scalar(
            "n_features", n_features, int, low=1
        )
        self.momentum = check_scalar("momentum", momentum, low=0, high=1)
        self.eps = check_scalar("eps", eps, low=0, closed="neither")
        self.dtype = check_float_dtype("dtype", dtype)
        self.name = name
        self.gamma = Parameter(np.ones(self.n_features, dtype=self.dtype), "gamma")
        self.beta = Parameter(np.zeros(self.n_features, dtype=self.dtype), "beta")
        self.running_mean = np.zeros(self.n_features, dtype=self.dtype)
        self.running_var = np.ones(self.n_features, dtype=self.dtype)
        self.X_hat: np.ndarray | None = None
        self.inv_std: np.ndarray | None = None

    def _check_input(self, X: object, name: str | None = None) -> None:
        """The layer checks, plus ``n >= 2`` in training mode (a variance needs two values).

        The batch size is checked on every call, inside a network too: a
        mini-batch of one row would divide the running variance by ``n - 1 = 0``.
        """
        super()._check_input(X, name)
        if self.training and np.shape(X)[0] < 2:
            raise ValueError(
                f"BatchNorm layer {(name or self.name)!r} needs at least 2 examples per batch in "
                f"training mode (a variance needs two values); got shape {X.shape}"
            )

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Normalize each column of ``X`` (n, d), then scale by ``gamma`` and shift by ``beta``."""
        self._check_input(X)
        if self.training:
            n, m = X.shape[0], self.momentum
            mu = X.mean(axis=0)  # (d,)
            var = X.var(axis=0)  # (d,), biased: divides by n
            self.running_mean = (1 - m) * self.running_mean + m * mu
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)
        else:
            mu, var = self.running_mean, self.running_var
        self.inv_std = 1 / np.sqrt(var + self.eps)  # (d,)
        self.X_hat = (X - mu) * self.inv_std  # (n, d)
        return self.gamma.data * self.X_hat + self.beta.data

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """Overwrite ``gamma.grad`` and ``beta.grad`` from ``dY`` (n, d); return ``dX`` (n, d)."""
        X_hat, inv_std = self.X_hat, self.inv_std
        self.gamma.grad = (dY * X_hat).sum(axis=0)  # (d,)
        self.beta.grad = dY.sum(axis=0)  # (d,)
        dX_hat = dY * self.gamma.data  # (n, d)
        if not self.training:  # mu and var are constants: the layer is affine
            return dX_hat * inv_std
        n = X_hat.shape[0]
        return (
            inv_std / n * (n * dX_hat - dX_hat.sum(axis=0) - X_hat * (dX_hat * X_hat).sum(axis=0))
        )

    def parameters(self) -> list[Parameter]:
        return [self.gamma, self.beta]

    def buffers(self) -> dict[str, np.ndarray]:
        """State that is not trained by gradients but must be saved with the weights."""
        return {"running_mean": self.running_mean, "running_var": self.running_var}

    def __repr__(self) -> str:
        return (
            f"BatchNorm({self.n_features}, momentum={self.momentum}, eps={self.eps}, "
            f"name={self.name!r})"
        )

"""Inverted dropout, forward and backward side by side."""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers.base import Layer
from nnfs_lib.validation import as_generator, check_scalar


class Dropout(Layer):
    r"""Inverted dropout with drop rate ``p`` (Srivastava et al., 2014).

    Training mode (eq. ``eq-dropout-forward``): draw a keep mask
    :math:`r_{ij} \sim \mathrm{Bernoulli}(1 - p)` and return

    .. math:: y_{ij} = \frac{r_{ij}\, x_{ij}}{1 - p},

    so that :math:`\mathbb{E}[y_{ij}] = x_{ij}` (proposition ``prop-dropout-expectation``).
    Inference mode is the identity: nothing to rescale there.
    Backward: ``dX = dY * r / (1 - p)`` with the same mask (identity in inference mode).

    Parameters
    ----------
    p : float in [0, 1)
        Probability of dropping each unit. ``p = 0`` keeps everything.
    rng : numpy.random.Generator or int
        The source of the masks.
    name : str

    Attributes
    ----------
    mask : numpy.ndarray of bool or None
        The keep mask :math:`r` of the last training-mode forward pass.
    """

    def __init__(self, p: float, rng: np.random.Generator | int, *, name: str = "dropout") -> None:
        self.p = check_scalar("p", p, low=0, high=1, closed="left")
        self.rng = as_generator("rng", rng)
        self.name = name
        self.mask: np.ndarray | None = None
        self._fixed_mask: np.ndarray | None = None

    def fix_mask(self, mask: np.ndarray | None) -> None:
        """Use ``mask`` (bool, True = keep) in every training forward pass; ``None`` to draw again.

        For tests and demonstrations: it makes the layer deterministic.
        """
        if mask is not None:
            mask = np.asarray(mask)
            if mask.dtype != np.bool_ or mask.ndim != 2:
                raise TypeError("mask must be a 2-D boolean array (True = keep)")
        self._fixed_mask = mask

    def _check_input(self, X: object, name: str | None = None) -> None:
        """The layer checks, plus, when a fixed mask will be used (training, ``p > 0``), its
        shape against ``X``'s, on every call, inside a network too: a mask of another shape
        would broadcast silently."""
        super()._check_input(X, name)
        fixed = self._fixed_mask is not None and self.training and self.p > 0
        if fixed and self._fixed_mask.shape != np.shape(X):
            raise ValueError(
                f"Dropout layer {(name or self.name)!r}: fixed mask has shape "
                f"{self._fixed_mask.shape} but X has shape {np.shape(X)}"
            )

    def _draw_mask(self, shape: tuple[int, int]) -> np.ndarray:
        """A fresh keep mask (True with probability 1 - p), or the one given to :meth:`fix_mask`."""
        if self._fixed_mask is None:
            return self.rng.random(shape) >= self.p
        return self._fixed_mask

    def forward(self, X: np.ndarray) -> np.ndarray:
        """``Y = r * X / (1 - p)`` in training mode, ``Y = X`` in inference mode."""
        self._check_input(X)
        if not self.training or self.p == 0:
            self.mask = None
            return X
        self.mask = self._draw_mask(X.shape)  # r, (n, d) of bool
        return X * self.mask / (1 - self.p)

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """``dX = r * dY / (1 - p)`` with the mask of the last forward pass (``dY`` in inference)."""
        if self.mask is None:
            return dY
        return dY * self.mask / (1 - self.p)

    def __repr__(self) -> str:
        return f"Dropout(p={self.p}, name={self.name!r})"

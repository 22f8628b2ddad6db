r"""Preparing inputs before training: standardization with statistics of the training rows.

The chapter "Input standardization" (``book/part3/standardization.md``) derives
why it speeds up gradient descent and why the statistics come from the training
split only.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.validation import Array, validate


def _fitted_width(arguments: dict) -> None:
    """The check of a fitted :class:`Standardizer` and ``X`` together: ``RuntimeError``
    before :meth:`~Standardizer.fit`, then rows of the width it was fitted on."""
    mean, X = arguments["self"].mean, arguments["X"]
    if mean is None:
        raise RuntimeError("Standardizer is not fitted: call fit(X_train) first")
    if X.shape[1] != mean.size:
        raise ValueError(
            f"X must have {mean.size} columns, as the rows the Standardizer was "
            f"fitted on; got shape {X.shape}"
        )


class Standardizer:
    r"""Shift and scale every feature to mean 0 and standard deviation 1 on the training rows.

    :meth:`fit` takes the training rows :math:`\mathbf{X}` (n, d) and keeps, for
    each feature :math:`j`, the mean :math:`\mu_j` and the standard deviation
    :math:`s_j` (population form, dividing by :math:`n`), computed in float64.
    :meth:`transform` then maps *any* rows of width ``d`` (training, validation,
    test, or one new example) with those same numbers (eq. ``eq-std-transform``):

    .. math:: \tilde{x}_{ij} = (x_{ij} - \mu_j) / s_j .

    Zero-variance guard: a feature whose training values are all equal has
    :math:`s_j = 0`; its scale is set to 1 instead, so it maps to
    :math:`x_{ij} - \mu_j` (0 on the training rows) rather than dividing by zero.

    The dtype of the rows given to :meth:`transform` is kept (float32 stays float32).
    Using the standardizer before :meth:`fit` raises ``RuntimeError``; rows of the
    wrong width raise ``ValueError``.

    Attributes
    ----------
    mean : numpy.ndarray, shape (d,), float64, or None before fitting
    scale : numpy.ndarray, shape (d,), float64, or None before fitting
        :math:`s_j`, or 1 for a feature that is constant on the training rows.
    """

    def __init__(self) -> None:
        self.mean: np.ndarray | None = None
        self.scale: np.ndarray | None = None

    @validate(X=Array(ndim=2))
    def fit(self, X: np.ndarray) -> Standardizer:
        """Learn each feature's mean and standard deviation from the training rows ``X`` (n, d)."""
        X = X.astype(np.float64)
        self.mean = X.mean(axis=0)  # mu_j
        s = X.std(axis=0)  # s_j, dividing by n
        constant = X.max(axis=0) == X.min(axis=0)  # zero variance: keep scale 1
        self.scale = np.where(constant, 1.0, s)
        return self

    @validate(_fitted_width, X=Array(ndim=2))
    def transform(self, X: np.ndarray) -> np.ndarray:
        """``(X - mean) / scale`` with the statistics of :meth:`fit`; ``X``'s dtype is kept."""
        return ((X - self.mean) / self.scale).astype(X.dtype)

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """:meth:`fit` on ``X``, then :meth:`transform` of the same ``X``."""
        return self.fit(X).transform(X)

    @validate(_fitted_width, X=Array(ndim=2))
    def inverse_transform(self, X: np.ndarray) -> np.ndarray:
        """Undo :meth:`transform`: ``X * scale + mean``; ``X``'s dtype is kept."""
        return (X * self.scale + self.mean).astype(X.dtype)

"""Decision boundaries of any classifier on 2-D data."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np

from nnfs_lib.validation import as_float_array

CLASS_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
"""One colour per class, used by every 2-D figure in the book."""


def grid_over(X: np.ndarray, steps: int = 200, margin: float = 0.5) -> tuple[np.ndarray, ...]:
    """A ``steps x steps`` grid covering the points of ``X`` (n, 2) plus ``margin``."""
    X = as_float_array("X", X, ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns to be drawn in the plane; got shape {X.shape}")
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    grid = np.c_[xx.ravel(), yy.ravel()].astype(X.dtype)
    return xx, yy, grid


def plot_decision_boundary(
    ax: plt.Axes,
    predict: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    *,
    steps: int = 200,
    margin: float = 0.5,
    title: str | None = None,
) -> plt.Axes:
    """Shade the plane by the class ``predict`` assigns and scatter the labelled points.

    Parameters
    ----------
    ax : matplotlib Axes
    predict : callable
        Maps an array ``(m, 2)`` of points to ``m`` integer class labels.
    X : array_like, shape (n, 2)
    y : array_like, shape (n,)
        Integer class labels.
    """
    xx, yy, grid = grid_over(X, steps, margin)
    labels = np.asarray(predict(grid)).reshape(xx.shape)
    y = np.asarray(y).astype(int)
    n_classes = int(max(labels.max(), y.max())) + 1
    colours = CLASS_COLOURS[:n_classes]
    from matplotlib.colors import ListedColormap

    ax.contourf(
        xx,
        yy,
        labels,
        levels=np.arange(n_classes + 1) - 0.5,
        cmap=ListedColormap(colours),
        alpha=0.25,
    )
    for k in range(n_classes):
        rows = y == k
        ax.scatter(
            X[rows, 0],
            X[rows, 1],
            s=14,
            color=colours[k],
            edgecolor="white",
            linewidth=0.4,
            label=f"class {k}",
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax

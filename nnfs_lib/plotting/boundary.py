"""Points in the plane coloured by class, and the decision boundary of any classifier."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from nnfs_lib.validation import check_array, check_class_labels, check_consistent_length

CLASS_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
"""One colour per class, used by every 2-D figure in the book: class ``k`` is ``CLASS_COLOURS[k]``."""

CLASS_MARKERS = ("o", "s", "^", "D", "v", "P")
"""One marker per class, beside its colour, so classes stay apart in a grey print:
class ``k`` is drawn with ``CLASS_MARKERS[k]`` (circle, square, triangle up, diamond,
triangle down, plus)."""

_MARKER_AREA = {"o": 1.0, "s": 0.75, "^": 1.35, "D": 0.75, "v": 1.35, "P": 1.0}
"""Factors on a scatter's size ``s`` that give every class marker about the inked area of a circle."""


def as_plane_points(X: object, name: str = "X") -> np.ndarray:
    """``X`` as a float array of shape (n, 2), or a ``ValueError`` naming ``name``."""
    X = check_array(name, X, ndim=2)
    if X.shape[1] != 2:
        raise ValueError(
            f"{name} must have 2 columns to be drawn in the plane; got shape {X.shape}"
        )
    return X


def grid_over(X: np.ndarray, steps: int = 200, margin: float = 0.5) -> tuple[np.ndarray, ...]:
    """A ``steps x steps`` grid ``(xx, yy, points)`` covering the points of ``X`` plus ``margin``.

    ``points`` has shape ``(steps**2, 2)`` and the dtype of ``X``; ``xx`` and ``yy``
    have shape ``(steps, steps)``.
    """
    X = as_plane_points(X)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    grid = np.c_[xx.ravel(), yy.ravel()].astype(X.dtype)
    return xx, yy, grid


def scatter_classes(
    ax: plt.Axes, X: np.ndarray, y: np.ndarray, *, label: str | None = "class {k}", **style: object
) -> plt.Axes:
    """Scatter the points of ``X`` (n, 2), the points of class ``k`` in ``CLASS_COLOURS[k]``
    with marker ``CLASS_MARKERS[k]``.

    One scatter per class present in ``y``, in increasing class order, labelled
    ``label.format(k=k)`` for the legend (no legend entry if ``label`` is None).
    ``style`` is passed to ``ax.scatter`` and overrides the defaults
    (``s=16, edgecolor="white", linewidth=0.4``); ``s`` is the area of a circle,
    and the other markers are scaled to look about as large.
    """
    X = as_plane_points(X)
    y = check_class_labels("y", y, len(CLASS_COLOURS))
    check_consistent_length(X=X, y=y)
    style = {"s": 16, "edgecolor": "white", "linewidth": 0.4} | style
    size = style.pop("s")
    for k in np.unique(y):
        rows = y == k
        name = None if label is None else label.format(k=k)
        marker = CLASS_MARKERS[k]
        ax.scatter(
            X[rows, 0],
            X[rows, 1],
            s=size * _MARKER_AREA[marker],
            color=CLASS_COLOURS[k],
            marker=marker,
            label=name,
            **style,
        )
    return ax


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

    ``predict`` maps an array ``(m, 2)`` of points to ``m`` integer class labels;
    the region of class ``k`` is shaded in ``CLASS_COLOURS[k]``, the colour of
    its points.
    """
    xx, yy, grid = grid_over(X, steps, margin)
    labels = np.asarray(predict(grid)).reshape(xx.shape)
    y = check_class_labels("y", y, len(CLASS_COLOURS))
    n_classes = int(max(labels.max(), y.max())) + 1
    levels = np.arange(n_classes + 1) - 0.5
    ax.contourf(
        xx, yy, labels, levels=levels, cmap=ListedColormap(CLASS_COLOURS[:n_classes]), alpha=0.25
    )
    scatter_classes(ax, X, y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax

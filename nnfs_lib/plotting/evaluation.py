"""Figures for judging a trained classifier: its confusion matrix and the examples it gets wrong."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np


def plot_confusion_matrix(
    ax: plt.Axes, C: np.ndarray, labels: Sequence[str] | None = None, title: str | None = None
) -> plt.Axes:
    """Draw a confusion matrix ``C`` (true class by row, predicted by column) with its non-zero
    counts written in the cells; ``labels`` name the classes on both axes."""
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.dtype.kind not in "iu":
        raise ValueError(f"C must be a square matrix of integer counts; got {C.dtype} {C.shape}")
    k = C.shape[0]
    ax.imshow(C, cmap="Blues")
    for i in range(k):
        for j in range(k):
            if C[i, j]:
                colour = "white" if C[i, j] > C.max() / 2 else "black"
                ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=7, color=colour)
    ticks = np.arange(k)
    names = [str(t) for t in ticks] if labels is None else list(labels)
    ax.set_xticks(ticks, names, fontsize=7, rotation=90 if labels is not None else 0)
    ax.set_yticks(ticks, names, fontsize=7)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    if title:
        ax.set_title(title)
    return ax


def plot_misclassified(
    X: np.ndarray,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    *,
    image_shape: tuple[int, int],
    max_images: int = 12,
    columns: int = 6,
) -> plt.Figure:
    """A grid of the first ``max_images`` wrongly classified images, titled "true → predicted"."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if not len(X) == len(y_true) == len(y_pred):
        raise ValueError(
            f"X, y_true, y_pred must have one row each; got {len(X)}, {len(y_true)}, {len(y_pred)}"
        )
    wrong = np.flatnonzero(y_true != y_pred)[:max_images]
    rows = max(1, int(np.ceil(len(wrong) / columns)))
    fig, axes = plt.subplots(rows, columns, figsize=(1.3 * columns, 1.5 * rows), squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    for ax, i in zip(axes.ravel(), wrong, strict=False):
        ax.imshow(X[i].reshape(image_shape), cmap="gray_r")
        ax.set_title(f"{y_true[i]} → {y_pred[i]}", fontsize=9)
    fig.tight_layout()
    return fig

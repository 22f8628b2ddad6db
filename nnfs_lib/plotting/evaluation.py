"""Figures for judging a trained classifier: confusion matrix, misclassified examples, curves."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np


def plot_confusion_matrix(
    ax: plt.Axes, C: np.ndarray, labels: Sequence[str] | None = None, title: str | None = None
) -> plt.Axes:
    """Draw a confusion matrix with its counts written in the cells."""
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
    """A grid of the first ``max_images`` wrongly classified images, titled "true -> predicted"."""
    wrong = np.flatnonzero(np.asarray(y_true) != np.asarray(y_pred))[:max_images]
    rows = max(1, int(np.ceil(len(wrong) / columns)))
    fig, axes = plt.subplots(rows, columns, figsize=(1.3 * columns, 1.5 * rows), squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    for ax, i in zip(axes.ravel(), wrong, strict=False):
        ax.imshow(X[i].reshape(image_shape), cmap="gray_r")
        ax.set_title(f"{y_true[i]} → {y_pred[i]}", fontsize=9)
    fig.tight_layout()
    return fig


def plot_curves(
    ax: plt.Axes,
    curves: dict[str, Sequence[float]],
    *,
    ylabel: str,
    title: str | None = None,
    logy: bool = False,
) -> plt.Axes:
    """Several per-epoch curves (e.g. train and validation cost) on one axis, epochs from 1."""
    for name, values in curves.items():
        ax.plot(np.arange(1, len(values) + 1), values, label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    if logy:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    ax.legend(fontsize=8)
    return ax

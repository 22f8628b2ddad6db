"""The Part III figures: the confusion-matrix counts by hand, and each plot draws without error."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnfs_lib.demos.surfaces import ill_conditioned_quadratic, run_optimizer
from nnfs_lib.metrics import confusion_matrix
from nnfs_lib.optimizers import SGD
from nnfs_lib.plotting.evaluation import plot_confusion_matrix, plot_curves, plot_misclassified
from nnfs_lib.plotting.optimizers import animate_trajectories, plot_trajectories


def test_confusion_matrix_hand_example():
    # true 0,0,1,2,2 predicted 0,1,1,2,0: C[0,0]=1 C[0,1]=1 C[1,1]=1 C[2,2]=1 C[2,0]=1
    C = confusion_matrix(np.array([0, 0, 1, 2, 2]), np.array([0, 1, 1, 2, 0]), 3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 1]])


def test_confusion_matrix_errors():
    with pytest.raises(ValueError, match=r"y_pred must hold labels in \[0, 2\]"):
        confusion_matrix(np.array([0, 1]), np.array([0, 3]), 3)
    with pytest.raises(ValueError, match="label vectors of one shape"):
        confusion_matrix(np.array([0, 1]), np.array([0]), 3)


def test_figures_draw():
    fig, ax = plt.subplots()
    plot_confusion_matrix(ax, np.eye(3, dtype=int) * 5, title="t")
    plot_curves(ax, {"a": [1.0, 0.5]}, ylabel="cost", logy=True)
    plt.close(fig)
    X = np.random.default_rng(0).random((4, 4))
    fig = plot_misclassified(X, np.array([0, 1, 2, 3]), np.array([1, 1, 0, 3]), image_shape=(2, 2))
    assert sum(bool(ax.images) for ax in fig.axes) == 2  # two mistakes shown
    plt.close(fig)


def test_trajectory_plot_and_animation():
    q = ill_conditioned_quadratic(5.0)
    paths = {"SGD": run_optimizer(q, lambda ps: SGD(ps, lr=0.1), 5)}
    fig, ax = plt.subplots()
    plot_trajectories(ax, q, paths)
    assert len(ax.get_legend().get_texts()) == 1
    plt.close(fig)
    html = animate_trajectories({"q": (q, paths)}, frames=2)
    assert "<script" in html and "image/jpeg" in html

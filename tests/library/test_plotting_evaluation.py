"""Tests of nnfs_lib.plotting.evaluation: the confusion matrix and the misclassified examples."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnfs_lib.plotting.evaluation import plot_confusion_matrix, plot_misclassified


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_confusion_matrix_writes_the_non_zero_counts_in_their_cells() -> None:
    C = np.array([[5, 1, 0], [0, 7, 0], [2, 0, 4]])
    ax = plot_confusion_matrix(plt.subplots()[1], C, labels=["a", "b", "c"], title="t")
    cells = {(t.get_position()[1], t.get_position()[0]): t.get_text() for t in ax.texts}
    assert cells == {(0, 0): "5", (0, 1): "1", (1, 1): "7", (2, 0): "2", (2, 2): "4"}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"


def test_confusion_matrix_rejects_a_non_square_or_non_count_matrix() -> None:
    with pytest.raises(ValueError, match="C must be a square matrix of integer counts"):
        plot_confusion_matrix(plt.subplots()[1], np.ones((2, 3), dtype=int))
    with pytest.raises(ValueError, match="C must be a square matrix of integer counts"):
        plot_confusion_matrix(plt.subplots()[1], np.eye(2))


def test_misclassified_shows_the_first_mistakes_titled_true_to_predicted(rng) -> None:
    X = rng.random((6, 4))
    y_true, y_pred = np.array([0, 1, 2, 3, 4, 5]), np.array([1, 1, 0, 3, 2, 5])
    fig = plot_misclassified(X, y_true, y_pred, image_shape=(2, 2), columns=2)
    shown = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in shown] == ["0 → 1", "2 → 0", "4 → 2"]
    np.testing.assert_array_equal(shown[1].images[0].get_array(), X[2].reshape(2, 2))
    fig = plot_misclassified(X, y_true, y_pred, image_shape=(2, 2), max_images=2)
    assert sum(bool(ax.images) for ax in fig.axes) == 2


def test_misclassified_rejects_mismatched_lengths(rng) -> None:
    with pytest.raises(ValueError, match="must have one row each; got 3, 2, 2"):
        plot_misclassified(rng.random((3, 4)), [0, 1], [0, 1], image_shape=(2, 2))

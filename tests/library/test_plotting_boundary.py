"""Tests of nnfs_lib.plotting.boundary: class colours, the grid, the decision boundary."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.markers import MarkerStyle

from nnfs_lib.plotting.boundary import (
    CLASS_COLOURS,
    CLASS_MARKERS,
    as_plane_points,
    grid_over,
    plot_decision_boundary,
    scatter_classes,
)


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


def _colour(collection) -> str:
    return to_hex(collection.get_facecolor()[0])


def test_scatter_classes_one_scatter_per_class_in_its_colour(ax, rng) -> None:
    X = rng.standard_normal((12, 2))
    y = np.array([2, 0, 0, 2, 0, 2, 0, 0, 2, 0, 2, 2])  # class 1 absent
    scatter_classes(ax, X, y)
    assert [c.get_label() for c in ax.collections] == ["class 0", "class 2"]
    assert [_colour(c) for c in ax.collections] == [CLASS_COLOURS[0], CLASS_COLOURS[2]]
    np.testing.assert_array_equal(ax.collections[1].get_offsets(), X[y == 2])


def _marker_shape(marker) -> np.ndarray:
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform()).vertices


def test_scatter_classes_gives_each_class_its_own_marker(ax) -> None:
    # grey print: classes differ by marker shape, not colour alone
    k = len(CLASS_COLOURS)
    assert len(set(CLASS_MARKERS)) == len(CLASS_MARKERS) == k
    scatter_classes(ax, np.arange(2.0 * k).reshape(k, 2), np.arange(k), s=40)
    shapes = [c.get_paths()[0].vertices for c in ax.collections]
    for j, shape in enumerate(shapes):
        np.testing.assert_allclose(shape, _marker_shape(CLASS_MARKERS[j]))
        assert all(
            shape.shape != other.shape or not np.allclose(shape, other) for other in shapes[:j]
        ), f"class {j} has the marker of an earlier class"
    assert ax.collections[0].get_sizes()[0] == 40  # the size asked for: a circle's area
    assert all(20 < c.get_sizes()[0] < 80 for c in ax.collections)  # the others near it


def test_scatter_classes_style_overrides_the_defaults_and_label_none_hides_it(ax, rng) -> None:
    X, y = rng.standard_normal((4, 2)), np.array([0, 1, 0, 1])
    scatter_classes(ax, X, y, label=None, s=90, edgecolor="black")
    assert all(c.get_label().startswith("_") for c in ax.collections)  # no legend entry
    assert ax.collections[0].get_sizes()[0] == 90
    assert tuple(ax.collections[0].get_edgecolor()[0]) == to_rgba("black")
    scatter_classes(ax, X, y)
    assert ax.collections[2].get_sizes()[0] == 16


def test_scatter_classes_label_template(ax) -> None:
    scatter_classes(ax, np.eye(2), [0, 1], label="digit {k}")
    assert [c.get_label() for c in ax.collections] == ["digit 0", "digit 1"]


def test_scatter_classes_rejects_bad_input(ax) -> None:
    with pytest.raises(ValueError, match="X must have 2 columns"):
        scatter_classes(ax, np.ones((3, 3)), [0, 1, 0])
    with pytest.raises(
        ValueError, match=r"X and y must have the same number of rows; got X: 3, y: 2"
    ):
        scatter_classes(ax, np.ones((3, 2)), [0, 1])
    with pytest.raises(ValueError, match=r"y must be class labels in \[0, 5\]"):
        scatter_classes(ax, np.ones((2, 2)), [0, len(CLASS_COLOURS)])


def test_as_plane_points_names_the_argument() -> None:
    assert as_plane_points([[1, 2]]).dtype == np.float64
    with pytest.raises(ValueError, match="P must have 2 columns"):
        as_plane_points(np.ones((2, 3)), "P")


def test_grid_covers_the_points_plus_the_margin_in_their_dtype() -> None:
    X = np.array([[0.0, 1.0], [2.0, 5.0]], dtype=np.float32)
    xx, yy, grid = grid_over(X, steps=5, margin=1.0)
    assert xx.shape == yy.shape == (5, 5) and grid.shape == (25, 2) and grid.dtype == np.float32
    np.testing.assert_allclose([xx.min(), xx.max(), yy.min(), yy.max()], [-1, 3, 0, 6])


def test_decision_boundary_shades_each_region_in_its_class_colour(ax, rng) -> None:
    X = rng.standard_normal((20, 2))
    y = (X[:, 0] > 0).astype(int)
    plot_decision_boundary(ax, lambda P: (P[:, 0] > 0).astype(int), X, y, steps=20, title="t")
    shading = ax.collections[0]
    colours = [to_hex(c) for c in shading.cmap(shading.norm([0, 1]))]
    assert colours == list(CLASS_COLOURS[:2])
    points = ax.collections[1:]
    assert [_colour(c) for c in points] == list(CLASS_COLOURS[:2])
    assert ax.get_title() == "t"

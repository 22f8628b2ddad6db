"""Tests of nnfs_lib.plotting.functions: what each figure draws, and the errors it raises."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from nnfs_lib import activations as act
from nnfs_lib.plotting import functions as pf
from nnfs_lib.plotting.boundary import CLASS_COLOURS


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


def test_function_and_derivative_draws_both_curves(ax):
    pf.plot_function_and_derivative(
        ax, act.sigmoid, act.sigmoid_derivative, name=r"\sigma", z_min=-4, z_max=4, steps=9
    )
    curves = [line for line in ax.get_lines() if len(line.get_xdata()) == 9]
    assert len(curves) == 2
    z = np.linspace(-4, 4, 9)
    np.testing.assert_allclose(curves[0].get_ydata(), act.sigmoid(z))
    np.testing.assert_allclose(curves[1].get_ydata(), act.sigmoid_derivative(z))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [r"$\sigma(z)$", r"$\sigma'(z)$"]


def test_gallery_has_one_panel_per_name():
    fig = pf.plot_activation_gallery(("sigmoid", "tanh", "relu", "leaky_relu"))
    try:
        assert len(fig.axes) == 4
        assert fig.axes[1].get_title() == r"$\tanh$ and its derivative"
    finally:
        plt.close(fig)


def test_step_vs_sigmoid_curves(ax):
    pf.plot_step_vs_sigmoid(ax, slopes=(1.0, 5.0), steps=11)
    # two pieces of the step, then one sigmoid per slope
    assert len(ax.get_lines()) == 4
    np.testing.assert_allclose(
        ax.get_lines()[3].get_ydata(), act.sigmoid(5 * np.linspace(-6, 6, 11))
    )


def test_hyperplane_arrow_starts_on_the_boundary_and_is_w(ax):
    w, b = np.array([3.0, 4.0]), -5.0
    X = np.array([[0.0, 0.0], [3.0, 4.0]])
    pf.plot_neuron_hyperplane(ax, w, b, X, [0, 1], show_distances=True)
    arrows = [t for t in ax.texts if isinstance(t, matplotlib.text.Annotation)]
    assert len(arrows) == 1
    start, end = np.array(arrows[0].xyann), np.array(arrows[0].xy)
    np.testing.assert_allclose(start, [0.6, 0.8])  # -b w / |w|^2, on the line 3x + 4y = 5
    np.testing.assert_allclose(end - start, w)
    # one dotted perpendicular per point, from the point to its foot on the boundary
    dotted = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert len(dotted) == 2
    np.testing.assert_allclose(dotted[1].get_xydata(), [[3.0, 4.0], [0.6, 0.8]], atol=1e-12)


def test_hyperplane_shades_the_positive_side_red_and_colours_points_by_class(ax):
    X = np.array([[-1.0, 0.0], [2.0, 0.0], [3.0, 1.0]])
    pf.plot_neuron_hyperplane(ax, [1.0, 0.0], -0.5, X, [0, 1, 1])
    shading = ax.collections[0]
    # z = x1 - 0.5: the side z >= 0 is level 1, shaded in the class-1 colour (red)
    colours = [to_hex(c) for c in shading.cmap(shading.norm([0, 1]))]
    assert colours == [CLASS_COLOURS[0], CLASS_COLOURS[1]]
    negative, positive = shading.get_paths()  # the filled region of each level
    assert positive.contains_point((2.0, 0.0)) and not positive.contains_point((-1.0, 0.0))
    assert negative.contains_point((-1.0, 0.0))
    points = [c for c in ax.collections if c.get_label() in ("class 0", "class 1")]
    assert [to_hex(c.get_facecolor()[0]) for c in points] == list(CLASS_COLOURS[:2])
    assert len(points[1].get_offsets()) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]


def test_hyperplane_with_limits_and_no_points(ax):
    pf.plot_neuron_hyperplane(ax, [1.0, 0.0], 0.0, limits=(-1, 2, -3, 4))
    assert ax.get_xlim() == (-1.0, 2.0)
    assert ax.get_ylim() == (-3.0, 4.0)


def test_neuron_output_annotates_each_point(ax):
    X = np.array([[2.0, 1.0], [1.0, 3.0], [-2.0, 0.0]])
    pf.plot_neuron_output(ax, [0.5, -1.0], 1.0, X)
    texts = [t.get_text() for t in ax.texts]
    assert texts == [
        r"$\mathbf{x}^{(1)}$: $a = 0.731$",
        r"$\mathbf{x}^{(2)}$: $a = 0.182$",
        r"$\mathbf{x}^{(3)}$: $a = 0.500$",
    ]


# ---------------------------------------------------------------- errors
def test_derivative_not_callable(ax):
    with pytest.raises(TypeError, match="g and g_prime must be callable"):
        pf.plot_function_and_derivative(ax, act.sigmoid, 3)


def test_interval_reversed(ax):
    with pytest.raises(ValueError, match="z_min must be < z_max"):
        pf.plot_function_and_derivative(ax, act.tanh, act.tanh_derivative, z_min=2, z_max=1)


def test_too_few_steps(ax):
    with pytest.raises(ValueError, match="steps must be >= 2"):
        pf.plot_function_and_derivative(ax, act.tanh, act.tanh_derivative, steps=1)


def test_gallery_unknown_name():
    with pytest.raises(ValueError, match="activation must be one of"):
        pf.plot_activation_gallery(("sigmoid", "swish"))


def test_gallery_names_not_a_sequence():
    with pytest.raises(TypeError, match="names must be a non-empty sequence"):
        pf.plot_activation_gallery("sigmoid")


def test_slopes_not_positive(ax):
    with pytest.raises(ValueError, match="slopes must be > 0"):
        pf.plot_step_vs_sigmoid(ax, slopes=(1.0, -2.0))


def test_slopes_empty(ax):
    with pytest.raises(ValueError, match="slopes must hold at least one positive number"):
        pf.plot_step_vs_sigmoid(ax, slopes=())


def test_hyperplane_w_wrong_shape(ax):
    with pytest.raises(ValueError, match=r"w must be a non-zero vector of shape \(2,\)"):
        pf.plot_neuron_hyperplane(ax, [1.0, 2.0, 3.0], 0.0)


def test_hyperplane_w_zero(ax):
    with pytest.raises(ValueError, match="w must be a non-zero vector"):
        pf.plot_neuron_hyperplane(ax, [0.0, 0.0], 1.0)


def test_hyperplane_X_wrong_columns(ax):
    with pytest.raises(ValueError, match="X must have 2 columns"):
        pf.plot_neuron_hyperplane(ax, [1.0, 1.0], 0.0, np.ones((3, 3)))


def test_hyperplane_y_wrong_length(ax):
    with pytest.raises(
        ValueError, match=r"X and y must have the same number of rows; got X: 3, y: 2"
    ):
        pf.plot_neuron_hyperplane(ax, [1.0, 1.0], 0.0, np.ones((3, 2)), [0, 1])


def test_hyperplane_y_without_X(ax):
    with pytest.raises(ValueError, match="y was given without X"):
        pf.plot_neuron_hyperplane(ax, [1.0, 1.0], 0.0, None, [0, 1])


def test_neuron_output_margin(ax):
    with pytest.raises(ValueError, match="margin must be > 0"):
        pf.plot_neuron_output(ax, [1.0, 1.0], 0.0, np.ones((2, 2)), margin=0)

"""The network figures draw what they are given and refuse what they cannot draw."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnfs_lib.diagnostics import record_pass
from nnfs_lib.layers.dense import Dense
from nnfs_lib.models import build_mlp
from nnfs_lib.plotting.networks import (
    plot_activation_histograms,
    plot_computational_graph,
    plot_curves,
    plot_function_fits,
    plot_gradient_norms,
    plot_hidden_hyperplanes,
    plot_loss_curves,
)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_hidden_hyperplanes_draws_one_line_per_unit() -> None:
    layer = Dense(2, 3, 0)
    layer.W.data[...] = [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]
    layer.b.data[...] = [0.0, -0.5, 0.0]
    X = np.array([[0.0, 0.0], [1.0, 1.0]], dtype=np.float32)
    ax = plot_hidden_hyperplanes(plt.subplots()[1], layer, X, np.array([0, 1]))
    assert len(ax.lines) == 3
    _x, y = ax.lines[1].get_data()  # unit 2: x2 = 0.5
    np.testing.assert_allclose(y, 0.5)


def test_hidden_hyperplanes_needs_two_inputs() -> None:
    with pytest.raises(ValueError, match="n_in == 2"):
        plot_hidden_hyperplanes(plt.subplots()[1], Dense(3, 2, 0), np.ones((2, 3)), [0, 1])


def test_gradient_norms_log_scale() -> None:
    ax = plot_gradient_norms(plt.subplots()[1], {"a": [1.0, 0.1, 0.01], "b": [1.0, 1.0, 1.0]})
    assert ax.get_yscale() == "log" and len(ax.lines) == 2
    np.testing.assert_allclose(ax.lines[0].get_xdata(), [1, 2, 3])
    with pytest.raises(ValueError, match="at least one labelled sequence"):
        plot_gradient_norms(plt.subplots()[1], {})


def test_activation_histograms_grid() -> None:
    X = np.random.default_rng(0).standard_normal((16, 2)).astype(np.float32)
    records = record_pass(build_mlp([2, 4, 4, 2], 0, activation="relu"), X)
    fig = plot_activation_histograms({"x": records, "y": records}, layers=[0, 2])
    assert len(fig.axes) == 4
    with pytest.raises(ValueError, match="layers must be positions"):
        plot_activation_histograms({"x": records}, layers=[9])
    with pytest.raises(ValueError, match="at least one labelled list"):
        plot_activation_histograms({})


def test_computational_graph() -> None:
    ax = plot_computational_graph(
        plt.subplots()[1], ["X", "Z", "J"], ["dense", "loss"], ["dX", "dZ", "1"]
    )
    assert len(ax.patches) == 3 + 2 + 2  # boxes, forward arrows, backward arrows
    with pytest.raises(ValueError, match="len\\(nodes\\) - 1 operations"):
        plot_computational_graph(plt.subplots()[1], ["X", "Z"], [])
    with pytest.raises(ValueError, match="one label per node"):
        plot_computational_graph(plt.subplots()[1], ["X", "Z"], ["f"], ["dX"])


def test_function_fits_and_loss_curves() -> None:
    x = np.linspace(0, 1, 5)
    ax = plot_function_fits(plt.subplots()[1], x, x**2, {"fit": x})
    assert len(ax.lines) == 2
    with pytest.raises(ValueError, match="target must have the shape of x"):
        plot_function_fits(plt.subplots()[1], x, x[:3], {})
    ax = plot_loss_curves(plt.subplots()[1], {"a": [1.0, 0.5]})
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="at least one labelled sequence"):
        plot_loss_curves(plt.subplots()[1], {})


def test_plot_curves() -> None:
    ax = plot_curves(
        plt.subplots()[1], [1, 10], {"a": [1.0, 2.0]}, xlabel="n", ylabel="s", logx=True
    )
    assert ax.get_xscale() == "log" and ax.get_yscale() == "linear"
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [1.0, 2.0])
    with pytest.raises(ValueError, match="has 1 values for 2 x positions"):
        plot_curves(plt.subplots()[1], [1, 2], {"a": [1.0]}, xlabel="", ylabel="")

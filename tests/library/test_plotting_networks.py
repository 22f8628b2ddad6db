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
    plot_function_fits,
    plot_gradient_norms,
    plot_hidden_hyperplanes,
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
    assert [line.get_label() for line in ax.lines] == ["unit 1", "unit 2", "unit 3"]
    _x, y = ax.lines[1].get_data()  # unit 2: x2 = 0.5
    np.testing.assert_allclose(y, 0.5)
    # each arrow points along (w_1j, w_2j), into the side where z_j > 0
    arrows = [t for t in ax.texts if isinstance(t, matplotlib.text.Annotation)]
    for arrow, w in zip(arrows, layer.W.data.T, strict=True):
        direction = np.array(arrow.xy) - np.array(arrow.xyann)
        np.testing.assert_allclose(direction / np.linalg.norm(direction), w / np.linalg.norm(w))
    assert [c.get_label() for c in ax.collections] == ["class 0", "class 1"]


def test_hidden_hyperplanes_needs_two_inputs() -> None:
    with pytest.raises(ValueError, match="n_in == 2"):
        plot_hidden_hyperplanes(plt.subplots()[1], Dense(3, 2, 0), np.ones((2, 3)), [0, 1])


def test_gradient_norms_log_scale() -> None:
    ax = plot_gradient_norms(plt.subplots()[1], {"a": [1.0, 0.1, 0.0], "b": [1.0, 1.0, 1.0]})
    assert ax.get_yscale() == "log" and len(ax.lines) == 2
    np.testing.assert_allclose(ax.lines[0].get_xdata(), [1, 2, 3])  # layers count from 1
    assert ax.lines[0].get_ydata()[2] > 0  # a zero norm stays drawable on the log axis
    with pytest.raises(ValueError, match="curves must be a non-empty mapping"):
        plot_gradient_norms(plt.subplots()[1], {})


def test_activation_histograms_grid(rng) -> None:
    X = rng.standard_normal((16, 2)).astype(np.float32)
    records = record_pass(build_mlp([2, 4, 4, 2], 0, activation="relu"), X)
    fig = plot_activation_histograms({"x": records, "y": records}, layers=[0, 2])
    assert len(fig.axes) == 4
    assert [ax.get_title() for ax in fig.axes[:2]] == ["layer 1", "layer 3"]
    assert [fig.axes[i].get_ylabel() for i in (0, 2)] == ["x", "y"]
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


def test_function_fits() -> None:
    x = np.linspace(0, 1, 5)
    ax = plot_function_fits(plt.subplots()[1], x, x**2, {"fit": x})
    assert [line.get_label() for line in ax.lines] == ["target", "fit"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), x**2)
    with pytest.raises(ValueError, match="target must have the shape of x"):
        plot_function_fits(plt.subplots()[1], x, x[:3], {})

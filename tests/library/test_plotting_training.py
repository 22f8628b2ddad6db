"""Tests of the training, loss and graph figures (nnfs_lib.plotting.training/losses/graph)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnfs_lib.data.toy import make_blobs, xor_truth_table
from nnfs_lib.gradcheck import numerical_gradient, relative_error
from nnfs_lib.neuron_training import NeuronHistory, train_neuron
from nnfs_lib.plotting.graph import plot_neuron_graph
from nnfs_lib.plotting.losses import per_example_losses, plot_loss_and_gradient
from nnfs_lib.plotting.training import (
    animate_decision_boundary,
    plot_cost_curves,
    plot_learning_rate_comparison,
    plot_separating_attempts,
)

X, Y = make_blobs(40, 0)


@pytest.fixture(scope="module")
def runs() -> dict[str, NeuronHistory]:
    return {
        "full": train_neuron(X, Y, epochs=4)[2],
        "mini": train_neuron(X, Y, epochs=4, batch_size=10)[2],
    }


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_cost_curves_one_line_per_run_against_epochs(runs) -> None:
    _fig, ax = plt.subplots()
    plot_cost_curves(ax, runs)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["full", "mini"]
    np.testing.assert_array_equal(lines[1].get_xdata(), [0, 1, 2, 3, 4])
    np.testing.assert_allclose(lines[1].get_ydata(), runs["mini"].cost)


def test_cost_curves_against_updates(runs) -> None:
    _fig, ax = plt.subplots()
    plot_cost_curves(ax, runs, x="updates", log=True)
    # log axes drop the starting point (0 updates)
    np.testing.assert_array_equal(ax.get_lines()[1].get_xdata(), [4, 8, 12, 16])
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_cost_curves_mark_a_diverged_run() -> None:
    history = train_neuron(X, Y, lr=1e38, epochs=3)[2]
    _fig, ax = plt.subplots()
    plot_cost_curves(ax, {"huge": history})
    assert "diverged in epoch 1" in ax.get_lines()[0].get_label()


def test_cost_curves_reject_an_unknown_axis(runs) -> None:
    _fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="x must be one of"):
        plot_cost_curves(ax, runs, x="time")


def test_cost_curves_reject_a_list() -> None:
    _fig, ax = plt.subplots()
    with pytest.raises(TypeError, match="histories must be a non-empty mapping"):
        plot_cost_curves(ax, [1, 2])


def test_cost_curves_reject_a_non_history() -> None:
    _fig, ax = plt.subplots()
    with pytest.raises(TypeError, match=r"histories\['a'\] must be a NeuronHistory"):
        plot_cost_curves(ax, {"a": [0.5, 0.4]})


def test_learning_rate_comparison_has_two_panels(runs) -> None:
    fig = plot_learning_rate_comparison({0.1: runs["full"], 1.0: runs["mini"]})
    left, right = fig.axes
    assert len(left.get_lines()) == 3  # two runs and the starting cost
    assert right.get_yscale() == "log"


def test_learning_rate_comparison_rejects_empty() -> None:
    with pytest.raises(TypeError, match="histories must be a non-empty mapping"):
        plot_learning_rate_comparison({})


def test_animation_is_small_html_with_controls_and_closes_its_figure(runs) -> None:
    before = len(plt.get_fignums())
    html = animate_decision_boundary(X, Y, runs["full"], max_frames=3, steps=20)
    assert "<script" in html and "animation" in html.lower()
    assert html.count("data:image/png;base64") == 3
    assert len(html) < 300_000
    assert len(plt.get_fignums()) == before


def test_animation_frames_are_capped_by_the_number_of_epochs(runs) -> None:
    html = animate_decision_boundary(X, Y, runs["full"], max_frames=40, steps=20)
    assert html.count("data:image/png;base64") == 5  # epochs 0..4


def test_animation_rejects_a_non_history() -> None:
    with pytest.raises(TypeError, match="history must be a NeuronHistory"):
        animate_decision_boundary(X, Y, {"w": []})


def test_animation_rejects_snapshots_of_the_wrong_shape() -> None:
    with pytest.raises(ValueError, match=r"history must hold snapshots of weights of shape \(2,\)"):
        animate_decision_boundary(X, Y, NeuronHistory())


def test_animation_rejects_one_frame(runs) -> None:
    with pytest.raises(ValueError, match="max_frames must be >= 2"):
        animate_decision_boundary(X, Y, runs["full"], max_frames=1)


def test_separating_attempts_count_the_errors() -> None:
    Xx, yx = xor_truth_table()
    _fig, ax = plt.subplots()
    plot_separating_attempts(ax, Xx, yx, {"A": ((1.0, 1.0), -0.5), "B": ((1.0, -1.0), 0.5)})
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["A: 1 wrong", "B: 3 wrong"]


def test_separating_attempts_reject_a_vertical_line() -> None:
    Xx, yx = xor_truth_table()
    _fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="must have two weights with w2 != 0"):
        plot_separating_attempts(ax, Xx, yx, {"A": ((1.0, 0.0), -0.5)})


def test_per_example_losses_by_formula() -> None:
    z = np.array([-2.0, 0.0, 3.0])
    s = 1 / (1 + np.exp(-z))
    curves = per_example_losses(z, 1)
    np.testing.assert_allclose(curves["MSE"][0], (s - 1) ** 2)
    np.testing.assert_allclose(curves["MSE"][1], 2 * (s - 1) * s * (1 - s))
    np.testing.assert_allclose(curves["BCE"][0], -np.log(s))
    np.testing.assert_allclose(curves["BCE"][1], s - 1)


@pytest.mark.parametrize("name", ["MSE", "BCE"])
def test_per_example_gradients_match_finite_differences(name: str) -> None:
    z = np.array([-3.0, -0.5, 0.7, 2.0])
    analytic = per_example_losses(z, 0)[name][1]
    numeric = numerical_gradient(lambda v: per_example_losses(v, 0)[name][0].sum(), z)
    assert relative_error(analytic, numeric) < 1e-7


def test_per_example_losses_reject_a_bad_label() -> None:
    with pytest.raises(ValueError, match="y must be 0 or 1; got 2"):
        per_example_losses(np.zeros(3), 2)


def test_loss_and_gradient_figure() -> None:
    fig = plot_loss_and_gradient(np.linspace(-5, 5, 11))
    assert len(fig.axes) == 2 and len(fig.axes[1].get_lines()) == 2


def test_neuron_graph_has_every_node() -> None:
    fig = plot_neuron_graph()
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"$x_1$", "$w_1$", "$b$", "$y$", r"$\sigma'(z)$"} <= texts
    assert len(fig.axes[0].patches) == 11

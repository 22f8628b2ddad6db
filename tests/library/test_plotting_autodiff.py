"""The autodiff graph figure is drawn from the Value graph itself."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from nnfs_lib import Value, graph_size, topological_order
from nnfs_lib.plotting import GRAPH_COLOURS, graph_layout, plot_value_graph
from nnfs_lib.plotting.autodiff import MAX_NODES


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def neuron_loss() -> tuple[Value, list[Value]]:
    x1, x2 = Value(1.0, label="x1"), Value(2.0, label="x2")
    w1, w2, b = Value(0.5, label="w1"), Value(-0.5, label="w2"), Value(0.25, label="b")
    a = (w1 * x1 + w2 * x2 + b).sigmoid()
    loss = -a.log()
    loss.label = "L"
    loss.backward()
    return loss, [w1, w2, b]


def test_one_box_per_node_and_one_arrow_per_edge() -> None:
    loss, _ = neuron_loss()
    fig = plot_value_graph(loss)
    ax = fig.axes[0]
    size = graph_size(loss)
    assert sum(isinstance(p, FancyBboxPatch) for p in ax.patches) == size["nodes"]
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == size["edges"]


def test_each_box_shows_operation_value_and_gradient() -> None:
    loss, (w1, _, _) = neuron_loss()
    texts = [t.get_text() for t in plot_value_graph(loss).axes[0].texts]
    assert f"w1\nvalue 0.5\ngrad {w1.grad:.4g}" in texts
    assert "L = −x\nvalue 0.8259\ngrad 1" in texts  # -log(sigmoid(-0.25))
    assert any(t.startswith("σ\n") for t in texts)
    assert any(t.startswith("×\n") for t in texts)


def test_arrows_carry_the_local_derivatives() -> None:
    loss, _ = neuron_loss()
    with_labels = plot_value_graph(loss).axes[0].texts
    without = plot_value_graph(loss, show_local_grads=False).axes[0].texts
    edges = graph_size(loss)["edges"]
    assert len(with_labels) == len(without) + edges
    assert {t.get_text() for t in with_labels} >= {"2", "-0.5", "-1"}  # d(w2 x2)/dw2 = x2, ...


def test_colours_mark_highlight_output_and_background_is_transparent() -> None:
    loss, params = neuron_loss()
    fig = plot_value_graph(loss, highlight=params)
    faces = [p.get_facecolor() for p in fig.axes[0].patches if isinstance(p, FancyBboxPatch)]
    assert faces.count(to_rgba(GRAPH_COLOURS["highlight"])) == 3
    assert faces.count(to_rgba(GRAPH_COLOURS["output"])) == 1
    assert fig.patch.get_alpha() == 0.0
    assert fig.axes[0].get_facecolor()[3] == 0.0


def test_layout_points_every_edge_down_and_separates_nodes() -> None:
    loss, _ = neuron_loss()
    where = graph_layout(loss)
    assert set(map(id, where)) == set(map(id, topological_order(loss)))
    assert where[loss][1] == 0.0
    for node in where:
        for parent in node.parents:
            assert where[parent][1] > where[node][1]
    assert len(set(where.values())) == len(where), "two nodes share a position"


def test_refuses_what_it_cannot_draw() -> None:
    with pytest.raises(TypeError, match="root must be a Value"):
        plot_value_graph(1.0)
    big = Value(0.0)
    for _ in range(MAX_NODES):
        big = big + 1.0
    with pytest.raises(ValueError, match=f"at most {MAX_NODES}"):
        plot_value_graph(big)

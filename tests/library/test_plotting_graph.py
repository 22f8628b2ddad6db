"""Tests of nnfs_lib.plotting.graph: the neuron's computational graph has every node and edge."""

from __future__ import annotations

import matplotlib.pyplot as plt

from nnfs_lib.plotting.graph import plot_neuron_graph


def test_neuron_graph_has_every_node() -> None:
    fig = plot_neuron_graph()
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"$x_1$", "$w_1$", "$b$", "$y$", r"$\sigma'(z)$"} <= texts
    assert len(fig.axes[0].patches) == 11
    arrows = [t for t in fig.axes[0].texts if t.get_text() == ""]
    assert len(arrows) == 10  # one per edge
    plt.close(fig)

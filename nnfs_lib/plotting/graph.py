"""Computational graphs drawn with matplotlib boxes and arrows."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch

# (name, x, y, text) of each node of one neuron with two inputs and its loss.
_NEURON_NODES = (
    ("x1", 0.0, 3.0, "$x_1$"),
    ("w1", 0.0, 2.2, "$w_1$"),
    ("x2", 0.0, 1.2, "$x_2$"),
    ("w2", 0.0, 0.4, "$w_2$"),
    ("b", 3.0, 0.2, "$b$"),
    ("m1", 1.4, 2.6, r"$\times$"),
    ("m2", 1.4, 0.8, r"$\times$"),
    ("z", 3.0, 1.7, r"$+$" "\n" r"$z$"),
    ("a", 4.6, 1.7, r"$\sigma$" "\n" r"$a$"),
    ("y", 6.2, 0.2, "$y$"),
    ("L", 6.2, 1.7, r"$\mathcal{L}(a, y)$"),
)
# (from, to, local derivative written on the arrow)
_NEURON_EDGES = (
    ("x1", "m1", ""),
    ("w1", "m1", r"$x_1$"),
    ("x2", "m2", ""),
    ("w2", "m2", r"$x_2$"),
    ("m1", "z", "1"),
    ("m2", "z", "1"),
    ("b", "z", "1"),
    ("z", "a", r"$\sigma'(z)$"),
    ("a", "L", r"$\partial\mathcal{L}/\partial a$"),
    ("y", "L", ""),
)


def plot_neuron_graph(figsize: tuple[float, float] = (8.0, 3.6)) -> plt.Figure:
    r"""The computational graph of one sigmoid neuron with two inputs and its loss.

    Inputs and parameters on the left, the loss on the right. Each arrow is
    labelled with the local derivative of its head with respect to its tail
    (for the path to a parameter); backpropagation multiplies these local
    derivatives from right to left.
    """
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    where = {name: (x, y) for name, x, y, _ in _NEURON_NODES}
    for name, x, y, text in _NEURON_NODES:
        is_param = name in ("w1", "w2", "b")
        face = "#fde9c9" if is_param else ("#dbe9f6" if name in ("x1", "x2", "y") else "white")
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.38, y - 0.3),
                0.76,
                0.6,
                boxstyle="round,pad=0.05",
                facecolor=face,
                edgecolor="black",
                lw=1,
            )
        )
        ax.text(x, y, text, ha="center", va="center", fontsize=10)
    for start, end, label in _NEURON_EDGES:
        (x0, y0), (x1, y1) = where[start], where[end]
        dx, dy = x1 - x0, y1 - y0
        # Shorten the segment so that it starts and ends on the boxes' edges.
        t = min(0.45 / abs(dx) if dx else np.inf, 0.37 / abs(dy) if dy else np.inf)
        ax.annotate(
            "",
            xy=(x1 - t * dx, y1 - t * dy),
            xytext=(x0 + t * dx, y0 + t * dy),
            arrowprops={"arrowstyle": "->", "lw": 1.1, "color": "black"},
        )
        if label:
            ax.text(
                (x0 + x1) / 2 + (0.1 if dx == 0 else 0),
                (y0 + y1) / 2 + (0.12 if dx else 0),
                label,
                fontsize=9,
                color="tab:red",
                ha="left" if dx == 0 else "center",
                va="bottom" if dx else "center",
            )
    ax.set_xlim(-0.6, 7.2)
    ax.set_ylim(-0.3, 3.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig

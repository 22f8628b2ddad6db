r"""The computational graph of a :class:`~nnfs_lib.autodiff.Value`, drawn from the graph itself.

Nodes and edges are read from the ``Value`` objects (``parents``, ``local_grads``,
``op``, ``data``, ``grad``), never typed by hand, so the figure shows exactly the
graph that :meth:`Value.backward` walks.
"""

from __future__ import annotations

from collections.abc import Collection

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from nnfs_lib.autodiff import Value, topological_order

GRAPH_COLOURS = {
    "operation": "#cfe0f3",  # light blue
    "leaf": "#e4e4e4",  # light grey: inputs, labels and constants
    "highlight": "#fbd9a8",  # light orange: the parameters the reader cares about
    "output": "#f6c7c7",  # light red
    "text": "#1a1a1a",  # on the light boxes above
    "edge": "#8a8a8a",  # mid grey: visible on a light and on a dark page
}
"""Colours of :func:`plot_value_graph`: light boxes with dark text, mid-grey arrows,
on a transparent background, so the figure reads in light and dark page themes."""

# How an operation is written in its box.
_OP_NAMES = {"*": "×", "-": "−", "/": "÷", "neg": "−x", "sigmoid": "σ"}

MAX_NODES = 80
"""The largest graph :func:`plot_value_graph` draws (beyond it boxes overlap)."""


def graph_layout(root: Value) -> dict[Value, tuple[float, float]]:
    r"""A top-to-bottom position ``(x, y)`` for every node of ``root``'s graph.

    The height ``y`` of a node is the length of its longest path to ``root``:
    ``root`` is at ``y = 0``, and every node sits above all of its children, so
    every edge points down and a leaf sits just above the operation that first
    uses it. Within a row, nodes are ordered by the mean ``x`` of their children
    (fewer crossings) and spaced one unit apart, centred on ``x = 0``.

    Parameters
    ----------
    root : Value
        The output node.

    Returns
    -------
    dict
        ``{node: (x, y)}`` for every node of ``topological_order(root)``.
    """
    order = topological_order(root)
    height = {node: 0 for node in order}  # longest path from the node to root
    children: dict[Value, list[Value]] = {node: [] for node in order}
    for node in reversed(order):
        for parent in node.parents:
            height[parent] = max(height[parent], height[node] + 1)
            if node not in children[parent]:
                children[parent].append(node)
    xs: dict[Value, float] = {}
    for h in range(max(height.values()) + 1):  # from root upwards
        row = [node for node in order if height[node] == h]
        row.sort(key=lambda n: sum(xs[c] for c in children[n]) / max(len(children[n]), 1))
        for i, node in enumerate(row):
            xs[node] = i - (len(row) - 1) / 2
    return {node: (xs[node], float(height[node])) for node in order}


def _title(node: Value) -> str:
    op = _OP_NAMES.get(node.op, node.op)
    if node.label and op:
        return f"{node.label} = {op}"
    return node.label or op or "const"


def plot_value_graph(
    root: Value,
    *,
    highlight: Collection[Value] = (),
    show_local_grads: bool = True,
    figsize: tuple[float, float] | None = None,
) -> plt.Figure:
    r"""Draw the computational graph of ``root``: every node with its operation, value and gradient.

    Leaves at the top, ``root`` at the bottom (layout of :func:`graph_layout`).
    Each box shows the node's label and/or operation (``×``, ``+``, ``σ``,
    ``log``, ...; ``const`` for an unnamed constant), its value ``data`` and its
    gradient ``grad`` (:math:`\partial f/\partial v` after ``root.backward()``).
    Each arrow goes from a parent to the node computed from it and, with
    ``show_local_grads``, carries the local derivative :math:`\partial v/\partial p`
    (eq. ``eq-ad-locals``) in a small box next to its head.

    Parameters
    ----------
    root : Value
        The output; its box is drawn in the output colour.
    highlight : collection of Value, optional
        Nodes (typically the parameters) drawn in the highlight colour.
    show_local_grads : bool
        Whether to write the local derivative on each arrow.
    figsize : (float, float), optional
        Default: grows with the width and height of the graph.

    Returns
    -------
    matplotlib.figure.Figure
        With a transparent background (see :data:`GRAPH_COLOURS`).

    Raises
    ------
    TypeError
        If ``root`` is not a Value.
    ValueError
        If the graph has more than :data:`MAX_NODES` nodes.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value; got {type(root).__name__}")
    where = graph_layout(root)
    if len(where) > MAX_NODES:
        raise ValueError(
            f"the graph has {len(where)} nodes; plot_value_graph draws at most {MAX_NODES}"
        )
    highlighted = {id(node) for node in highlight}
    dx, dy = 1.8, 1.2  # distance between neighbours in a row, and between rows
    width, height = 1.5, 0.8  # of a box
    xs = [x * dx for x, _ in where.values()]
    ys = [y * dy for _, y in where.values()]
    if figsize is None:
        figsize = (
            max(3.0, 0.8 * (max(xs) - min(xs) + width) + 0.2),
            max(2.0, 0.8 * (max(ys) - min(ys) + height) + 0.2),
        )
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    fig.patch.set_alpha(0.0)
    ax.set_facecolor("none")
    for node, (x, y) in where.items():
        if node is root:
            face = GRAPH_COLOURS["output"]
        elif id(node) in highlighted:
            face = GRAPH_COLOURS["highlight"]
        else:
            face = GRAPH_COLOURS["operation" if node.parents else "leaf"]
        ax.add_patch(
            FancyBboxPatch(
                (x * dx - width / 2, y * dy - height / 2),
                width,
                height,
                boxstyle="round,pad=0.02",
                facecolor=face,
                edgecolor=GRAPH_COLOURS["edge"],
                lw=1.0,
                zorder=2,
            )
        )
        ax.text(
            x * dx,
            y * dy,
            f"{_title(node)}\nvalue {node.data + 0.0:.4g}\ngrad {node.grad + 0.0:.4g}",
            ha="center",
            va="center",
            fontsize=8,
            color=GRAPH_COLOURS["text"],
            linespacing=1.25,
            zorder=3,
        )
    gap = dy - height  # free space between two rows
    for node, (x1, y1) in where.items():
        for parent, local in zip(node.parents, node.local_grads, strict=True):
            x0, y0 = where[parent]
            start = (x0 * dx, y0 * dy - height / 2)  # bottom of the parent's box
            end = (x1 * dx, y1 * dy + height / 2)  # top of the child's box
            ax.add_patch(
                FancyArrowPatch(
                    start,
                    end,
                    arrowstyle="-|>",
                    mutation_scale=9,
                    color=GRAPH_COLOURS["edge"],
                    lw=1.0,
                    shrinkA=0,
                    shrinkB=1,
                    zorder=1,  # behind the boxes: a long edge passes under them
                )
            )
            if show_local_grads:
                t = 1 - 0.55 * gap / (start[1] - end[1])  # in the gap above the child
                ax.text(
                    start[0] + t * (end[0] - start[0]),
                    start[1] + t * (end[1] - start[1]),
                    f"{local + 0.0:.3g}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=GRAPH_COLOURS["text"],
                    bbox={
                        "boxstyle": "round,pad=0.12",
                        "facecolor": "#fff2b3",
                        "edgecolor": "none",
                    },
                    zorder=4,
                )
    ax.set_xlim(min(xs) - width / 2 - 0.1, max(xs) + width / 2 + 0.1)
    ax.set_ylim(min(ys) - height / 2 - 0.1, max(ys) + height / 2 + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig

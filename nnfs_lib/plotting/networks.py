"""Figures about multi-layer networks: hidden units, gradient flow, activations, graphs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from nnfs_lib.diagnostics import LayerRecord
from nnfs_lib.layers.dense import Dense
from nnfs_lib.plotting.boundary import CLASS_COLOURS, as_plane_points, scatter_classes
from nnfs_lib.plotting.curves import plot_curves
from nnfs_lib.validation import check_array

UNIT_COLOURS = ("#444444", "#ff7f0e", "#8c564b", "#17becf", "#bcbd22", "#e377c2")
"""Colours of the hidden units' lines in :func:`plot_hidden_hyperplanes`."""


def plot_hidden_hyperplanes(
    ax: plt.Axes, layer: Dense, X: np.ndarray, y: np.ndarray, *, margin: float = 0.5
) -> plt.Axes:
    r"""Scatter 2-D points by class and draw each unit's line :math:`w_{1j}x_1 + w_{2j}x_2 + b_j = 0`.

    A small arrow from each line points along :math:`(w_{1j}, w_{2j})`: the side
    where the unit's pre-activation is positive.

    Parameters
    ----------
    layer : Dense
        A first layer with two inputs (``n_in == 2``).
    """
    if not isinstance(layer, Dense) or layer.n_in != 2:
        raise ValueError("layer must be a Dense layer with n_in == 2 to be drawn in the plane")
    scatter_classes(ax, X, y, s=40)
    X = as_plane_points(X)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    W, b = layer.W.data.astype(np.float64), layer.b.data.astype(np.float64)
    t = np.linspace(-1.0, 1.0, 2) * 10 * float(np.max(hi - lo))
    for j in range(layer.n_out):
        w = W[:, j]
        norm = float(np.hypot(*w))
        if norm == 0.0:
            continue
        point = -b[j] * w / norm**2  # the point of the line closest to the origin
        direction = np.array([-w[1], w[0]]) / norm
        colour = UNIT_COLOURS[j % len(UNIT_COLOURS)]
        line = point[:, None] + direction[:, None] * t
        ax.plot(line[0], line[1], color=colour, lw=1.5, label=f"unit {j + 1}")
        middle = (lo + hi) / 2  # the arrow starts at the line's point nearest the middle
        centre = point + direction * float(np.dot(middle - point, direction))
        ax.annotate(
            "",
            xy=centre + 0.25 * w / norm,
            xytext=centre,
            arrowprops={"arrowstyle": "->", "color": colour},
        )
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper right", fontsize=8)
    return ax


def plot_gradient_norms(
    ax: plt.Axes,
    norms: Mapping[str, Sequence[float]],
    *,
    ylabel: str = r"$\|\partial J / \partial \mathbf{W}^{[l]}\|$",
) -> plt.Axes:
    """One line per label: a per-layer quantity (e.g. gradient norms) against the layer, log scale."""
    values = {
        label: np.maximum(check_array(label, v, ndim=1), 1e-300) for label, v in norms.items()
    }
    return plot_curves(
        ax, values, start=1, xlabel="layer $l$", ylabel=ylabel, logy=True, markers=True
    )


def plot_activation_histograms(
    records: Mapping[str, Sequence[LayerRecord]], layers: Sequence[int] | None = None
) -> plt.Figure:
    """A grid of histograms: one row per label, one column per chosen layer.

    Parameters
    ----------
    records : mapping of str to list of LayerRecord
        E.g. the activation-layer records of :func:`nnfs_lib.diagnostics.record_pass`
        for several networks.
    layers : sequence of int, optional
        The (0-based) positions within each list to draw; all by default.
    """
    if not records:
        raise ValueError("records must hold at least one labelled list")
    n_layers = min(len(r) for r in records.values())
    layers = list(range(n_layers)) if layers is None else list(layers)
    for index in layers:
        if not 0 <= index < n_layers:
            raise ValueError(f"layers must be positions in [0, {n_layers - 1}]; got {index}")
    fig, axes = plt.subplots(
        len(records),
        len(layers),
        figsize=(1.9 * len(layers) + 0.6, 1.6 * len(records) + 0.4),
        squeeze=False,
        sharey="row",
    )
    for row, (label, recs) in enumerate(records.items()):
        for col, index in enumerate(layers):
            counts, edges = recs[index].histogram
            ax = axes[row, col]
            ax.stairs(counts / max(counts.sum(), 1), edges, fill=True, color=CLASS_COLOURS[row])
            ax.tick_params(labelsize=7)
            if row == 0:
                ax.set_title(f"layer {index + 1}", fontsize=9)
            if col == 0:
                ax.set_ylabel(label, fontsize=9)
    fig.tight_layout()
    return fig


def plot_computational_graph(
    ax: plt.Axes,
    nodes: Sequence[str],
    operations: Sequence[str],
    gradients: Sequence[str] | None = None,
) -> plt.Axes:
    """Draw a chain ``node -op-> node -op-> ...`` with forward arrows above and backward below.

    Parameters
    ----------
    nodes : sequence of str
        Labels (TeX allowed) of the values, left to right, e.g. ``["$X$", "$Z^{[1]}$", ...]``.
    operations : sequence of str
        One label per arrow between consecutive nodes (``len(nodes) - 1``).
    gradients : sequence of str, optional
        One label per node: the gradient that flows back into it, drawn under it.
    """
    if len(nodes) < 2 or len(operations) != len(nodes) - 1:
        raise ValueError("need at least two nodes and exactly len(nodes) - 1 operations")
    if gradients is not None and len(gradients) != len(nodes):
        raise ValueError("gradients must hold one label per node")
    xs = np.arange(len(nodes)) * 2.0
    for x, label in zip(xs, nodes, strict=True):
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.45, -0.3),
                0.9,
                0.6,
                boxstyle="round,pad=0.05",
                facecolor="#e8f0fb",
                edgecolor="#1f77b4",
            )
        )
        ax.text(x, 0, label, ha="center", va="center", fontsize=11)
    for x0, x1, op in zip(xs[:-1], xs[1:], operations, strict=True):
        ax.add_patch(
            FancyArrowPatch((x0 + 0.5, 0.12), (x1 - 0.5, 0.12), arrowstyle="-|>", mutation_scale=12)
        )
        ax.text((x0 + x1) / 2, 0.42, op, ha="center", va="bottom", fontsize=9)
        if gradients is not None:
            ax.add_patch(
                FancyArrowPatch(
                    (x1 - 0.5, -0.12),
                    (x0 + 0.5, -0.12),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color="#d62728",
                    linestyle="--",
                )
            )
    if gradients is not None:
        for x, label in zip(xs, gradients, strict=True):
            ax.text(x, -0.55, label, ha="center", va="top", fontsize=10, color="#d62728")
    ax.set_xlim(xs[0] - 0.8, xs[-1] + 0.8)
    ax.set_ylim(-1.1, 1.0)
    ax.axis("off")
    return ax


def plot_function_fits(
    ax: plt.Axes,
    x: np.ndarray,
    target: np.ndarray,
    fits: Mapping[str, np.ndarray],
) -> plt.Axes:
    """A target curve ``target(x)`` (thick grey) and several approximations of it, one per label."""
    x = check_array("x", x, ndim=1)
    target = check_array("target", target, ndim=1)
    if target.shape != x.shape:
        raise ValueError(f"target must have the shape of x {x.shape}; got {target.shape}")
    ax.plot(x, target, color="#999999", lw=5, alpha=0.6, label="target")
    for i, (label, values) in enumerate(fits.items()):
        ax.plot(x, np.asarray(values).reshape(-1), lw=1.5, label=label, color=UNIT_COLOURS[i % 6])
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(fontsize=8)
    return ax

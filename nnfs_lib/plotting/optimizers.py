"""Figures of optimizers at work: contour plots of a surface with trajectories, and an animation."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

from nnfs_lib.surfaces import Surface

OPTIMIZER_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def plot_contours(
    ax: plt.Axes, surface: Surface, *, levels: int = 25, steps: int = 200
) -> plt.Axes:
    """Draw log-spaced contour lines of ``surface`` over its ``xlim`` x ``ylim`` box."""
    xs = np.linspace(*surface.xlim, steps)
    ys = np.linspace(*surface.ylim, steps)
    xx, yy = np.meshgrid(xs, ys)
    zz = surface.f(np.stack([xx, yy]))
    low = max(float(zz.min()), 1e-3)
    ax.contour(
        xx, yy, zz, levels=np.geomspace(low, float(zz.max()), levels), cmap="Greys", linewidths=0.6
    )
    ax.plot(*surface.minimum, marker="*", color="black", markersize=12, linestyle="none")
    ax.set_xlim(surface.xlim)
    ax.set_ylim(surface.ylim)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title(surface.name)
    return ax


def plot_trajectories(
    ax: plt.Axes, surface: Surface, trajectories: Mapping[str, np.ndarray]
) -> plt.Axes:
    """Contours of ``surface`` with one line per optimizer (dict name -> ``(steps+1, 2)`` path)."""
    plot_contours(ax, surface)
    for (name, path), colour in zip(trajectories.items(), OPTIMIZER_COLOURS, strict=False):
        ax.plot(
            path[:, 0],
            path[:, 1],
            color=colour,
            linewidth=1.4,
            marker="o",
            markersize=2,
            label=name,
        )
    ax.plot(*surface.start, marker="o", color="black", markersize=5)
    ax.legend(loc="upper right", fontsize=8)
    return ax


def animate_trajectories(
    surface: Surface,
    trajectories: Mapping[str, np.ndarray],
    *,
    frames: int = 30,
    figsize: tuple[float, float] = (8.0, 3.0),
    dpi: int = 60,
) -> str:
    """Side-by-side animation (one panel per optimizer) as self-contained HTML (``to_jshtml``).

    ``frames`` frames are taken evenly along the trajectories; a small figure
    and ``dpi`` keep the HTML to a few hundred kilobytes.
    """
    names = list(trajectories)
    fig, axes = plt.subplots(1, len(names), figsize=figsize, dpi=dpi, squeeze=False)
    steps = max(len(p) for p in trajectories.values())
    index = np.unique(np.linspace(0, steps - 1, frames).round().astype(int))
    lines = []
    for ax, name, colour in zip(axes[0], names, OPTIMIZER_COLOURS, strict=False):
        plot_contours(ax, surface, levels=15, steps=80)
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("")
        ax.set_ylabel("")
        (line,) = ax.plot([], [], color=colour, marker="o", markersize=2, linewidth=1.2)
        lines.append(line)
    fig.tight_layout()

    def draw(frame: int) -> list:
        k = index[frame]
        for line, name in zip(lines, names, strict=True):
            path = trajectories[name][: k + 1]
            line.set_data(path[:, 0], path[:, 1])
        return lines

    animation = FuncAnimation(fig, draw, frames=len(index), interval=120, blit=True)
    html = animation.to_jshtml(default_mode="once")
    plt.close(fig)
    return html

"""Figures of optimizers at work: contour plots of a surface with trajectories, and an animation."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

from nnfs_lib.demos.surfaces import Surface
from nnfs_lib.plotting.player import offline_player

OPTIMIZER_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def plot_contours(
    ax: plt.Axes, surface: Surface, *, levels: int = 25, steps: int = 200
) -> plt.Axes:
    """Draw log-spaced contour lines of ``surface`` over its ``xlim`` x ``ylim`` box.

    The minimum is a star, drawn over lines of the default ``zorder`` (2), even later ones.
    """
    xs = np.linspace(*surface.xlim, steps)
    ys = np.linspace(*surface.ylim, steps)
    xx, yy = np.meshgrid(xs, ys)
    zz = surface.f(np.stack([xx, yy]))
    low = max(float(zz.min()), 1e-3)
    ax.contour(
        xx, yy, zz, levels=np.geomspace(low, float(zz.max()), levels), cmap="Greys", linewidths=0.6
    )
    ax.plot(*surface.minimum, marker="*", color="black", markersize=12, linestyle="none", zorder=3)
    ax.set_xlim(surface.xlim)
    ax.set_ylim(surface.ylim)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title(surface.name)
    return ax


def plot_trajectories(
    ax: plt.Axes, surface: Surface, trajectories: Mapping[str, np.ndarray]
) -> plt.Axes:
    """Contours of ``surface`` with one line per optimizer (dict name -> ``(steps+1, 2)`` path).

    The common start is a large dot and the minimum a star, both drawn over the paths.
    """
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
    ax.plot(*surface.start, marker="o", color="black", markersize=5, zorder=3)
    ax.legend(loc="upper right", fontsize=8)
    return ax


def animate_trajectories(
    panels: Mapping[str, tuple[Surface, Mapping[str, np.ndarray]]],
    *,
    frames: int = 16,
    figsize: tuple[float, float] = (7.5, 2.8),
    dpi: int = 50,
    alt: str | None = None,
) -> str:
    """Animate optimizers side by side as self-contained HTML (``FuncAnimation.to_jshtml``).

    ``panels`` maps a panel title to ``(surface, trajectories)``; each panel shows
    its surface as a shaded background and every optimizer's path growing
    frame by frame. ``frames`` frames are spread evenly along the paths. The
    background is one raster image (cheap to redraw, unlike contour lines), the
    figure is small and the frames are JPEG, so the HTML stays near a hundred
    kilobytes and the rendering takes seconds. ``alt`` describes the animation
    for readers who cannot see it (a description is built from the panels and
    optimizers if it is omitted); the player loads nothing from outside the page
    (:func:`nnfs_lib.plotting.player.offline_player`).
    """
    if alt is None:
        names = sorted({name for _, paths in panels.values() for name in paths})
        alt = (
            f"Animation over {frames} frames: the paths of {', '.join(names)} grow step by step "
            f"on {len(panels)} loss surface(s): {', '.join(panels)}."
        )
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, dpi=dpi, squeeze=False)
    lines = []
    for ax, (title, (surface, trajectories)) in zip(axes[0], panels.items(), strict=True):
        xx, yy = np.meshgrid(np.linspace(*surface.xlim, 100), np.linspace(*surface.ylim, 100))
        ax.imshow(
            np.log1p(surface.f(np.stack([xx, yy]))),
            extent=(*surface.xlim, *surface.ylim),
            origin="lower",
            cmap="Greys",
            alpha=0.5,
            aspect="auto",
        )
        ax.plot(*surface.minimum, marker="*", color="black", markersize=10, linestyle="none")
        ax.set_title(title, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        for (name, path), colour in zip(trajectories.items(), OPTIMIZER_COLOURS, strict=False):
            (line,) = ax.plot([], [], color=colour, linewidth=1.3, label=name)
            lines.append((line, path))
    axes[0, -1].legend(loc="upper right", fontsize=7)
    fig.tight_layout()

    def draw(frame: int) -> list:
        fraction = frame / max(frames - 1, 1)
        for line, path in lines:
            k = round(fraction * (len(path) - 1))
            line.set_data(path[: k + 1, 0], path[: k + 1, 1])
        return [line for line, _ in lines]

    animation = FuncAnimation(fig, draw, frames=frames, interval=150, blit=False)
    # JPEG frames are about a third the size of PNG ones for the shaded background.
    with matplotlib.rc_context({"animation.frame_format": "jpeg"}):
        html = offline_player(animation, alt, default_mode="once")
    plt.close(fig)
    return html

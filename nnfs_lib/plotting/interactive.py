"""The static picture of an interactive figure: one frame drawn with matplotlib.

The page shows it where the figure cannot move: in print (the PDF) and for
readers without JavaScript. It draws the same series as the page's script
(see :mod:`nnfs_lib.interactive.spec`), with the light palette.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from nnfs_lib.interactive import spec as ix


def _values(seq: list[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in seq], dtype=np.float64)


def _draw_field(ax: Any, series: dict[str, Any]) -> None:
    z = _values(series["z"]).reshape(series["ny"], series["nx"])
    rgba = np.zeros((*z.shape, 4))
    if series["shade"] == "level":
        rgba[..., :3] = 0.5
        rgba[..., 3] = 0.45 * (1 - z)
    else:
        classes = np.floor(z).astype(int)
        for k in np.unique(classes):
            rgba[classes == k, :3] = to_rgb(ix.PALETTE_LIGHT[k % len(ix.PALETTE_LIGHT)])
        rgba[..., 3] = 0.1 + 0.45 * (z - classes)
    extent = (series["x0"], series["x1"], series["y0"], series["y1"])
    ax.imshow(rgba, origin="lower", extent=extent, aspect="auto", interpolation="nearest")


def _draw(ax: Any, series: dict[str, Any]) -> None:
    kind = series["kind"]
    if kind == "field":
        _draw_field(ax, series)
        return
    x, y = _values(series["x"]), _values(series["y"])
    if kind == "line":
        ax.plot(
            x, y,
            color=ix.PALETTE_LIGHT[series["colour"]],
            linestyle="--" if series.get("dash") else "-",
            linewidth=series.get("width", 1.8),
            marker="o" if series.get("marker") else None,
            markersize=3,
            label=series.get("label"),
        )  # fmt: skip
    else:
        if "classes" in series:
            colours = [ix.PALETTE_LIGHT[c % len(ix.PALETTE_LIGHT)] for c in series["classes"]]
        else:
            colours = ix.PALETTE_LIGHT[series["colour"]]
        size = series.get("size", 4)
        ax.scatter(x, y, s=(1.6 * size) ** 2, c=colours, edgecolors="white", linewidths=0.4,
                   zorder=3)  # fmt: skip


def plot_interactive_frame(spec: dict[str, Any], key: str | None = None) -> Figure:
    """Draw frame ``key`` (the default frame if None) of an interactive figure's spec."""
    key = ix.default_key(spec) if key is None else key
    if key not in spec["frames"]:
        raise ValueError(f"key must be a frame of {spec['name']!r}; got {key!r}")
    panels = spec["panels"]
    fig, axes = plt.subplots(1, len(panels), figsize=(4.6 * len(panels), 3.6), squeeze=False)
    drawn = ix.frame_series(spec, key)
    for index, (ax, p) in enumerate(zip(axes[0], panels, strict=True)):
        mine = [s for s in drawn if s["panel"] == index]
        for series in sorted(mine, key=lambda s: s["kind"] != "field"):
            _draw(ax, series)
        ax.set(xlim=p["xlim"], ylim=p["ylim"], xlabel=p["xlabel"], ylabel=p["ylabel"])
        if p["title"]:
            ax.set_title(p["title"], fontsize=10)
        if any(s.get("label") and s["kind"] == "line" for s in mine):
            ax.legend(fontsize=8, loc="best")
    settings = ", ".join(
        f"{c['label']} = {c['labels'][int(i)]}"
        for c, i in zip(spec["controls"], key.split(","), strict=True)
    )
    fig.suptitle(f"{spec['title']} ({settings})", fontsize=10)
    fig.tight_layout()
    return fig

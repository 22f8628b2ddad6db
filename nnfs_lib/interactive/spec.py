"""The format of an interactive figure: plain dicts of numbers, ready for JSON.

An interactive figure is computed once, when the book is built, over a grid of
settings: one *frame* for every combination of its controls' values. The page's
JavaScript (``nnfs_build/static/nnfs-interactive.js``) only looks frames up and
draws them; every number it shows is in the spec, computed here by ``nnfs_lib``.

A spec is a dict with

* ``name``, ``title``;
* ``controls``: list of ``{"id", "label", "kind": "range" | "select", "values",
  "labels", "default"}`` (``values`` are the settings, ``labels`` how they read);
* ``panels``: list of ``{"title", "xlabel", "ylabel", "xlim", "ylim"}``;
* ``layers``: named lists of series shared by several frames (a curve that
  depends on one control only is stored once);
* ``frames``: ``{key: {"layers": [names], "series": [...], "text": str}}`` where
  ``key`` is :func:`frame_key` of the control indices and ``text`` states the
  frame's numbers in words (what a screen reader announces).

A series is a dict with ``"panel"`` (index into ``panels``) and ``"kind"``:

* ``"line"``: ``x``, ``y`` (None breaks the line: a diverged run), ``colour``
  (0-3, a slot of the figure palette), optional ``label``, ``dash``, ``width``;
* ``"points"``: ``x``, ``y``, ``colour`` (one slot for all) or ``classes``
  (one class index per point), optional ``size``, ``label``;
* ``"field"``: a grid over ``[x0, x1] x [y0, y1]`` with ``nx * ny`` cells in
  row-major order from the bottom row; each cell is ``class + confidence``
  (integer part: the predicted class, drawn in its colour; fractional part in
  [0, 1): how strongly, drawn as opacity). ``shade`` ("classes" or "level")
  says how to read it; for ``"level"`` each value in [0, 1) is a height, drawn
  as a grey level.

Numbers are rounded to :data:`DIGITS` significant digits (the figure needs no
more, and the page stays small); a test recomputes frames with ``nnfs_lib``
and compares within that rounding.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

DIGITS = 4
"""Significant digits kept for every number of a spec."""

SERIES_KINDS = ("line", "points", "field")
# Colour slots 0-3 of every figure (Okabe-Ito hues, colour-blind safe; slot 3 is ink):
# the page's style sheet takes them for the light and the dark theme, the static
# picture takes the light ones.
PALETTE_LIGHT = ("#0072B2", "#D55E00", "#009E73", "#222222")
PALETTE_DARK = ("#56B4E9", "#E69F00", "#2FD3A0", "#EEEEEE")
CONTROL_KINDS = ("range", "select")


def rounded(values: Iterable[float] | np.ndarray, digits: int = DIGITS) -> list[float | None]:
    """``values`` as a flat list of floats with ``digits`` significant digits; NaN/inf become None."""
    out: list[float | None] = []
    for v in np.asarray(values, dtype=np.float64).ravel():
        out.append(float(f"{v:.{digits}g}") if math.isfinite(v) else None)
    return out


def frame_key(indices: Sequence[int]) -> str:
    """The key of the frame shown when control ``i`` is at its ``indices[i]``-th value."""
    return ",".join(str(int(i)) for i in indices)


def control(
    id: str,
    label: str,
    values: Sequence[Any],
    *,
    kind: str = "range",
    labels: Sequence[str] | None = None,
    default: int = 0,
) -> dict[str, Any]:
    """One control: a slider (``"range"``) or a menu (``"select"``) over ``values``."""
    if kind not in CONTROL_KINDS:
        raise ValueError(f"kind must be one of {CONTROL_KINDS}; got {kind!r}")
    values = list(values)
    if not values:
        raise ValueError(f"control {id!r} needs at least one value")
    if not 0 <= default < len(values):
        raise ValueError(f"default must index values (0..{len(values) - 1}); got {default}")
    labels = [str(v) for v in values] if labels is None else [str(s) for s in labels]
    if len(labels) != len(values):
        raise ValueError(f"control {id!r}: {len(labels)} labels for {len(values)} values")
    return {
        "id": id,
        "label": label,
        "kind": kind,
        "values": values,
        "labels": labels,
        "default": default,
    }


def panel(
    title: str,
    xlabel: str,
    ylabel: str,
    xlim: Sequence[float],
    ylim: Sequence[float],
) -> dict[str, Any]:
    """One plotting area with fixed axes (they never jump between frames)."""
    return {
        "title": title,
        "xlabel": xlabel,
        "ylabel": ylabel,
        "xlim": rounded(xlim),
        "ylim": rounded(ylim),
    }


def line(panel: int, x: object, y: object, colour: int = 0, **style: Any) -> dict[str, Any]:
    """A polyline (``style``: ``label``, ``dash`` True/False, ``width``)."""
    return {
        "panel": panel,
        "kind": "line",
        "x": rounded(x),
        "y": rounded(y),
        "colour": colour,
        **style,
    }


def points(
    panel: int,
    x: object,
    y: object,
    *,
    classes: object | None = None,
    colour: int = 0,
    **style: Any,
) -> dict[str, Any]:
    """Markers, one colour slot for all or one class index per point (``style``: ``size``, ``label``)."""
    series = {"panel": panel, "kind": "points", "x": rounded(x), "y": rounded(y), **style}
    if classes is None:
        series["colour"] = colour
    else:
        series["classes"] = [int(c) for c in np.asarray(classes).ravel()]
    return series


def field(
    panel: int,
    values: np.ndarray,
    x_range: Sequence[float],
    y_range: Sequence[float],
    *,
    shade: str = "classes",
) -> dict[str, Any]:
    """A grid of cells (``values`` of shape ``(ny, nx)``, row 0 at the bottom); see the module doc."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"values must be a 2-D grid (ny, nx); got shape {values.shape}")
    if shade not in ("classes", "level"):
        raise ValueError(f"shade must be 'classes' or 'level'; got {shade!r}")
    return {
        "panel": panel,
        "kind": "field",
        "x0": rounded([x_range[0]])[0],
        "x1": rounded([x_range[1]])[0],
        "y0": rounded([y_range[0]])[0],
        "y1": rounded([y_range[1]])[0],
        "nx": int(values.shape[1]),
        "ny": int(values.shape[0]),
        "z": rounded(values, 3),
        "shade": shade,
    }


def class_field(probabilities: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Encode class probabilities ``(n_cells, k)`` as ``class + confidence`` cells of ``shape``.

    Confidence is rescaled from ``[1/k, 1]`` to ``[0, 0.99]``, so an undecided cell is clear.
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    k = probabilities.shape[1]
    best = probabilities.argmax(axis=1)
    top = probabilities.max(axis=1)
    confidence = np.clip((top - 1 / k) / (1 - 1 / k), 0.0, 0.99)
    return (best + confidence).reshape(shape)


def build(
    name: str,
    title: str,
    controls: list[dict[str, Any]],
    panels: list[dict[str, Any]],
    make_frame: Callable[..., dict[str, Any]],
    layers: dict[str, list[dict[str, Any]]] | None = None,
    palette: Sequence[str] = (),
) -> dict[str, Any]:
    """Assemble a spec, calling ``make_frame(*values)`` for every combination of control values.

    ``make_frame`` returns ``{"series": [...], "text": str}`` and optionally
    ``"layers"`` (names of ``layers`` to draw underneath). ``palette`` names
    what each colour slot means (for the legend), e.g. ``("training", "validation")``.
    """
    frames: dict[str, dict[str, Any]] = {}
    layers = dict(layers or {})
    for indices in itertools.product(*(range(len(c["values"])) for c in controls)):
        values = [c["values"][i] for c, i in zip(controls, indices, strict=True)]
        frame = make_frame(*values)
        frame.setdefault("layers", [])
        frame.setdefault("series", [])
        unknown = set(frame["layers"]) - set(layers)
        if unknown:
            raise ValueError(f"{name}: frame {indices} uses undefined layers {sorted(unknown)}")
        if not frame.get("text"):
            raise ValueError(f"{name}: frame {indices} has no text for screen readers")
        frames[frame_key(indices)] = frame
    spec = {
        "name": name,
        "title": title,
        "controls": controls,
        "panels": panels,
        "layers": layers,
        "frames": frames,
        "palette": list(palette),
    }
    check_spec(spec)
    return spec


def default_key(spec: dict[str, Any]) -> str:
    """The key of the frame shown before the reader touches anything."""
    return frame_key([c["default"] for c in spec["controls"]])


def frame_series(spec: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """Everything frame ``key`` draws, bottom to top: its shared layers, then its own series."""
    frame = spec["frames"][key]
    drawn = [s for name in frame["layers"] for s in spec["layers"][name]]
    return drawn + frame["series"]


def check_spec(spec: dict[str, Any]) -> None:
    """Raise ValueError if ``spec`` is not drawable: a frame missing, a bad series or panel index."""
    n_panels = len(spec["panels"])
    expected = {
        frame_key(ix)
        for ix in itertools.product(*(range(len(c["values"])) for c in spec["controls"]))
    }
    if set(spec["frames"]) != expected:
        raise ValueError(f"{spec['name']}: frames must cover every combination of control values")
    every = [s for layer in spec["layers"].values() for s in layer]
    every += [s for frame in spec["frames"].values() for s in frame["series"]]
    for series in every:
        if series.get("kind") not in SERIES_KINDS:
            raise ValueError(f"{spec['name']}: unknown series kind {series.get('kind')!r}")
        if not 0 <= series["panel"] < n_panels:
            raise ValueError(f"{spec['name']}: series on panel {series['panel']} of {n_panels}")
        if series["kind"] != "field" and len(series["x"]) != len(series["y"]):
            raise ValueError(f"{spec['name']}: a {series['kind']} series with unequal x and y")

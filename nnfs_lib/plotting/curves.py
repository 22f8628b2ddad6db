"""Labelled curves on one axis: any sequences (:func:`plot_curves`) or a training history
(:func:`plot_history`)."""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Protocol

import matplotlib.pyplot as plt
import numpy as np

from nnfs_lib.validation import check_array, check_scalar

HISTORY_X = ("epoch", "updates")
"""What the horizontal axis of :func:`plot_history` can count."""

CURVE_LINESTYLES = (
    "-",  # solid
    "--",  # dashed
    "-.",  # dash-dot
    (0, (8.0, 2.5)),  # long dash
    (0, (6.0, 1.6, 1.0, 1.6, 1.0, 1.6)),  # dash-dot-dot
)
"""The line styles :func:`plot_curves` gives its curves, in turn, so that they stay
apart in a grey print. Never dotted (``":"``): the book keeps dotted lines for
reference lines (a starting cost, a threshold)."""

_CURVES = weakref.WeakSet()
"""The lines :func:`plot_curves` has drawn: the next curve's style follows their count on its axes."""


_METRIC_LABELS = {
    "train_loss": "training cost $J$",
    "val_loss": "validation cost $J$",
    "train_accuracy": "training accuracy",
    "val_accuracy": "validation accuracy",
    "lr": r"learning rate $\eta$",
}
"""The y-axis label :func:`plot_history` gives each metric unless told otherwise."""


class HistoryLike(Protocol):
    """What the figures read from a training history (``nnfs_lib.training.History``).

    ``train_loss[k]`` is the cost after ``k`` epochs (entry 0: before training);
    other per-epoch lists (``train_accuracy``, ``val_loss``, ...) are indexed the
    same way, except ``lr``, one entry shorter (``lr[k-1]`` is the rate of epoch
    ``k``). ``updates[k]`` counts the optimizer steps made after ``k`` epochs.
    ``diverged`` and ``stopped_epoch`` are read when present.
    """

    train_loss: Sequence[float]
    updates: Sequence[int]


def plot_curves(
    ax: plt.Axes,
    curves: Mapping[str, Sequence[float]],
    *,
    x: Sequence[float] | None = None,
    start: int = 0,
    xlabel: str = "epoch",
    ylabel: str,
    logx: bool = False,
    logy: bool = False,
    markers: bool = False,
    title: str | None = None,
) -> plt.Axes:
    """Draw one labelled line per entry of ``curves`` and a legend.

    Parameters
    ----------
    curves : mapping of str to sequence of float
        Label -> values.
    x : sequence of float, optional
        The positions shared by every curve (each curve must have one value per
        position). By default value ``k`` of a curve is drawn at ``start + k``, so
        a history's entry ``k`` (after ``k`` epochs) is at epoch ``k``.
    logx, logy : bool
        Logarithmic axes. On a logarithmic x axis points at ``x <= 0`` (such as
        epoch 0) are left out.
    markers : bool
        Mark every point with a dot (for curves of a few measured points).

    Curve ``i`` on ``ax`` gets ``CURVE_LINESTYLES[i % 5]`` (solid, dashed,
    dash-dot, long dash, dash-dot-dot) as well as the next colour, so curves
    stay apart in black and white. Successive calls on one ``ax`` continue both
    cycles: curves added by several calls get different colours and styles.
    """
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError("curves must be a non-empty mapping of label -> values")
    shared = None if x is None else check_array("x", x, ndim=1)
    start = check_scalar("start", start, int)
    drawn = sum(line in _CURVES for line in ax.get_lines())
    for i, (label, values) in enumerate(curves.items(), start=drawn):
        values = check_array(f"curves[{label!r}]", values, ndim=1, allow_empty=True)
        xs = np.arange(values.size) + start if shared is None else shared
        if xs.shape != values.shape:
            raise ValueError(
                f"curves[{label!r}] has {values.size} values for {xs.size} x positions"
            )
        keep = xs > 0 if logx else slice(None)
        (line,) = ax.plot(
            xs[keep],
            values[keep],
            linestyle=CURVE_LINESTYLES[i % len(CURVE_LINESTYLES)],
            marker="o" if markers else None,
            ms=3,
            lw=1.6,
            label=label,
        )
        _CURVES.add(line)
    ax.set_xscale("log" if logx else "linear")
    ax.set_yscale("log" if logy else "linear")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, handlelength=3.5)  # long enough to show each dash pattern
    if title:
        ax.set_title(title)
    return ax


def plot_history(
    ax: plt.Axes,
    histories: Mapping[str, HistoryLike],
    *,
    metric: str = "train_loss",
    x: str = "epoch",
    ylabel: str | None = None,
    logx: bool = False,
    logy: bool = False,
    title: str | None = None,
) -> plt.Axes:
    """Draw ``metric`` of each labelled history against epochs or optimizer updates.

    Parameters
    ----------
    histories : mapping of str to History
        Label -> a history (see :class:`HistoryLike`); one curve each.
    metric : str
        The per-epoch list drawn: ``"train_loss"``, ``"val_loss"``,
        ``"train_accuracy"``, ``"val_accuracy"``, ``"lr"``, ...
        Entry ``k`` is drawn at epoch ``k`` (``lr``, one entry shorter, at epochs
        from 1), or at ``updates[k]`` with ``x="updates"``.
    x : {"epoch", "updates"}
        What the horizontal axis counts.

    A run that diverged is labelled "(stopped: diverged in epoch k)".
    :func:`plot_curves` draws the lines.
    """
    if not isinstance(histories, Mapping) or not histories:
        raise TypeError("histories must be a non-empty mapping of label -> History")
    if x not in HISTORY_X:
        raise ValueError(f"x must be one of {HISTORY_X}; got {x!r}")
    for label, history in histories.items():
        if not hasattr(history, "train_loss") or not hasattr(history, metric):
            raise TypeError(f"histories[{label!r}] must be a History with {metric!r}")
        values = getattr(history, metric)
        if len(values) == 0:
            raise ValueError(f"histories[{label!r}] recorded no {metric!r}")
        start = len(history.train_loss) - len(values)  # 1 for lr, else 0
        xs = history.updates[start:] if x == "updates" else None
        if getattr(history, "diverged", False):
            label = f"{label} (stopped: diverged in epoch {history.stopped_epoch})"
        plot_curves(
            ax,
            {label: values},
            x=xs,
            start=start,
            xlabel="epoch" if x == "epoch" else "number of parameter updates",
            ylabel=ylabel or _METRIC_LABELS.get(metric, metric),
            logx=logx,
            logy=logy,
            title=title,
        )
    return ax

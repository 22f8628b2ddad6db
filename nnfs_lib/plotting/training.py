"""Figures of training: cost curves, a learning-rate comparison, and the moving decision boundary.

The animation is rendered with matplotlib's ``FuncAnimation`` into a
self-contained HTML/JavaScript player (``to_jshtml``): every frame is a PNG
embedded in the page, so it plays in any browser with nothing else loaded.
Frames are few (at most ``max_frames``) and small to keep the page light.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.colors import ListedColormap
from matplotlib.ticker import MaxNLocator

from nnfs_lib.neuron import neuron_predict
from nnfs_lib.neuron_training import NeuronHistory
from nnfs_lib.plotting.boundary import CLASS_COLOURS, grid_over
from nnfs_lib.plotting.player import offline_player
from nnfs_lib.validation import as_float_array, check_int

X_AXES = ("epoch", "updates")


def _check_histories(histories: object) -> Mapping[str, NeuronHistory]:
    if not isinstance(histories, Mapping) or not histories:
        raise TypeError("histories must be a non-empty mapping of label -> NeuronHistory")
    for label, history in histories.items():
        if not isinstance(history, NeuronHistory):
            raise TypeError(
                f"histories[{label!r}] must be a NeuronHistory; got {type(history).__name__}"
            )
    return histories


def plot_cost_curves(
    ax: plt.Axes,
    histories: Mapping[str, NeuronHistory],
    *,
    x: str = "epoch",
    log: bool = False,
    title: str | None = None,
) -> plt.Axes:
    """Draw the training cost of each run against epochs or against parameter updates.

    Parameters
    ----------
    ax : matplotlib Axes
    histories : mapping of str to NeuronHistory
        One curve per entry, labelled by its key.
    x : {"epoch", "updates"}
        What the horizontal axis counts.
    log : bool
        Use a logarithmic cost axis (and, for ``x="updates"``, a logarithmic
        update axis, since the runs differ by orders of magnitude).
    """
    histories = _check_histories(histories)
    if x not in X_AXES:
        raise ValueError(f"x must be one of {X_AXES}; got {x!r}")
    for label, history in histories.items():
        xs = np.arange(len(history.cost)) if x == "epoch" else np.asarray(history.updates)
        if x == "updates" and log:
            xs = xs[1:]  # no zero on a log axis
            costs = history.cost[1:]
        else:
            costs = history.cost
        suffix = (
            f" (stopped: diverged in epoch {history.stopped_epoch})" if history.diverged else ""
        )
        ax.plot(xs, costs, label=f"{label}{suffix}", lw=1.6)
    if log:
        ax.set_yscale("log")
        if x == "updates":
            ax.set_xscale("log")
    ax.set_xlabel("epoch" if x == "epoch" else "number of parameter updates")
    ax.set_ylabel("training cost $J$")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax


def plot_learning_rate_comparison(
    histories: Mapping[float, NeuronHistory], *, figsize: tuple[float, float] = (9.0, 3.4)
) -> plt.Figure:
    """Cost curves for several learning rates: linear scale (left) and log scale (right).

    The linear panel shows how far a too-large learning rate throws the cost
    up; the log panel separates the slow and the good runs.
    """
    if not isinstance(histories, Mapping) or not histories:
        raise TypeError("histories must be a non-empty mapping of learning rate -> NeuronHistory")
    labelled = {f"$\\eta$ = {lr:g}": history for lr, history in histories.items()}
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    plot_cost_curves(left, labelled, title="cost (linear scale)")
    plot_cost_curves(right, labelled, log=True, title="cost (log scale)")
    start = next(iter(histories.values())).cost[0]
    for ax in (left, right):
        ax.axhline(start, color="grey", lw=0.8, ls=":")
    right.get_legend().remove()
    return fig


def animate_decision_boundary(
    X: np.ndarray,
    y: np.ndarray,
    history: NeuronHistory,
    *,
    max_frames: int = 25,
    figsize: tuple[float, float] = (3.8, 3.4),
    dpi: int = 72,
    steps: int = 80,
    interval: int = 250,
    alt: str | None = None,
) -> str:
    """The decision boundary of a neuron as it moves during training, as an HTML player.

    Frame ``k`` shades the plane by :func:`nnfs_lib.neuron.neuron_predict` with
    the snapshot ``(w, b)`` of one recorded epoch (the same shading as
    :func:`nnfs_lib.plotting.boundary.plot_decision_boundary`) and draws the line
    :math:`\\mathbf{w}^\\top\\mathbf{x} + b = 0`. At most ``max_frames`` epochs
    are shown, evenly spaced from the first to the last.

    Returns
    -------
    str
        HTML with embedded frames and JavaScript controls (from
        ``FuncAnimation.to_jshtml``, made to load nothing from outside the page
        by :func:`nnfs_lib.plotting.player.offline_player`); display it with
        ``IPython.display.HTML``. ``alt`` describes it for readers who cannot
        see it; by default a description with the first and last epoch's cost.
    """
    X = as_float_array("X", X, ndim=2)
    y = np.asarray(y)
    if not isinstance(history, NeuronHistory):
        raise TypeError(f"history must be a NeuronHistory; got {type(history).__name__}")
    if not history.w or history.w[0].shape != (X.shape[1],):
        raise ValueError(f"history must hold snapshots of weights of shape ({X.shape[1]},)")
    max_frames = check_int("max_frames", max_frames, minimum=2)
    epochs = np.unique(np.linspace(0, len(history.w) - 1, max_frames).round().astype(int))

    # Everything that does not move is drawn once; a frame only updates the
    # shading, the line and the title (redrawing whole axes is ten times slower).
    fig, ax = plt.subplots(figsize=figsize, dpi=dpi)
    fig.subplots_adjust(left=0.17, right=0.97, bottom=0.14, top=0.9)
    xx, yy, grid = grid_over(X, steps=steps)
    extent = (xx.min(), xx.max(), yy.min(), yy.max())
    shading = ax.imshow(
        np.zeros(xx.shape),
        extent=extent,
        origin="lower",
        aspect="auto",
        alpha=0.25,
        cmap=ListedColormap(CLASS_COLOURS[:2]),
        vmin=0,
        vmax=1,
        interpolation="nearest",
    )
    labels = y.astype(int)
    for k in (0, 1):
        rows = labels == k
        ax.scatter(
            X[rows, 0], X[rows, 1], s=12, color=CLASS_COLOURS[k], edgecolor="white", linewidth=0.3
        )
    (line,) = ax.plot([], [], color="black", lw=1.2)
    line_x = np.array(extent[:2])
    ax.set_xlim(*extent[:2])
    ax.set_ylim(*extent[2:])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.xaxis.set_major_locator(MaxNLocator(4))  # few ticks: each frame redraws them
    ax.yaxis.set_major_locator(MaxNLocator(4))
    title = ax.set_title("", fontsize=9)

    def draw(frame: int) -> None:
        epoch = int(epochs[frame])
        w, b = history.w[epoch], history.b[epoch]
        shading.set_data(neuron_predict(grid, w, b).reshape(xx.shape))
        if abs(w[1]) > 1e-12:
            line.set_data(line_x, -(w[0] * line_x + b) / w[1])
        else:
            line.set_data([], [])
        title.set_text(
            f"epoch {epoch}: J = {history.cost[epoch]:.3f}, acc = {history.accuracy[epoch]:.2f}"
        )

    animation = FuncAnimation(fig, draw, frames=len(epochs), interval=interval)
    if alt is None:
        alt = (
            f"Animation over {len(epochs)} frames: the decision boundary of the neuron moves "
            f"across the data as training goes from epoch {epochs[0]} (cost "
            f"{history.cost[epochs[0]]:.3f}) to epoch {epochs[-1]} (cost {history.cost[epochs[-1]]:.3f})."
        )
    with mpl.rc_context({"animation.embed_limit": 8.0}):  # MB; the result is far smaller
        html = offline_player(animation, alt, default_mode="once")
    plt.close(fig)
    return html


def plot_separating_attempts(
    ax: plt.Axes,
    X: np.ndarray,
    y: np.ndarray,
    lines: Mapping[str, tuple[tuple[float, float], float]],
) -> plt.Axes:
    """Scatter 2-D points and draw candidate lines :math:`w_1x_1 + w_2x_2 + b = 0`.

    Each legend entry counts the points the neuron with that ``(w, b)``
    misclassifies (:func:`nnfs_lib.neuron.neuron_predict`), so the figure shows
    at a glance whether any of the lines separates the classes.

    Parameters
    ----------
    lines : mapping of str to ((w1, w2), b)
        Label -> weights and bias of a candidate neuron; ``w2`` must not be 0.
    """
    X = as_float_array("X", X, ndim=2)
    y = np.asarray(y).astype(int)
    if not isinstance(lines, Mapping) or not lines:
        raise TypeError("lines must be a non-empty mapping of label -> ((w1, w2), b)")
    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    xs = np.linspace(lo[0], hi[0], 2)
    for label, (w, b) in lines.items():
        w = as_float_array(f"lines[{label!r}] weights", w, ndim=1)
        if w.shape != (2,) or w[1] == 0:
            raise ValueError(f"lines[{label!r}] must have two weights with w2 != 0; got {w}")
        errors = int(np.sum(neuron_predict(X, w, b) != y))
        ax.plot(xs, -(w[0] * xs + b) / w[1], lw=1.4, label=f"{label}: {errors} wrong")
    for k in np.unique(y):
        rows = y == k
        ax.scatter(
            X[rows, 0],
            X[rows, 1],
            s=90,
            color=CLASS_COLOURS[k],
            edgecolor="black",
            zorder=3,
            label=f"class {k}",
        )
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.02, 0.5))
    return ax

"""Figures of Part I's training: a learning-rate comparison, the moving decision boundary,
and lines that try to separate two classes.

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
from nnfs_lib.plotting.boundary import CLASS_COLOURS, as_plane_points, grid_over, scatter_classes
from nnfs_lib.plotting.curves import CURVE_LINESTYLES, HistoryLike, plot_history
from nnfs_lib.plotting.player import offline_player
from nnfs_lib.validation import check_scalar


def plot_learning_rate_comparison(
    histories: Mapping[float, HistoryLike], *, figsize: tuple[float, float] = (9.0, 3.4)
) -> plt.Figure:
    """Training cost for several learning rates (key: the rate): linear scale left, log right.

    The linear panel shows how far a too-large learning rate throws the cost
    up; the log panel separates the slow and the good runs. A dotted line in
    both marks the first run's starting cost.
    """
    if not isinstance(histories, Mapping) or not histories:
        raise TypeError("histories must be a non-empty mapping of learning rate -> History")
    labelled = {f"$\\eta$ = {lr:g}": history for lr, history in histories.items()}
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    plot_history(left, labelled, title="cost (linear scale)")
    plot_history(right, labelled, logy=True, title="cost (log scale)")
    start = next(iter(histories.values())).train_loss[0]
    for ax in (left, right):
        ax.axhline(start, color="grey", lw=0.8, ls=":")
    right.get_legend().remove()
    return fig


def animate_decision_boundary(
    X: np.ndarray,
    y: np.ndarray,
    history: HistoryLike,
    *,
    max_frames: int = 25,
    figsize: tuple[float, float] = (3.8, 3.4),
    dpi: int = 72,
    steps: int = 80,
    interval: int = 250,
    alt: str | None = None,
) -> str:
    """The decision boundary of a neuron as it moves during training, as an HTML player.

    ``history`` is the History of ``train_neuron`` (or of ``fit`` with
    ``record_parameters=True``) on a neuron with two inputs: ``parameters[k]``
    is ``[W of shape (2, 1), b of shape (1,)]`` after ``k`` epochs. Frame ``k``
    shades the plane by :func:`nnfs_lib.neuron.neuron_predict` with those
    parameters (as :func:`plot_decision_boundary` does), draws the line
    :math:`\\mathbf{w}^\\top\\mathbf{x} + b = 0` and gives the epoch's training
    cost and accuracy in its title. At most ``max_frames`` epochs are shown,
    evenly spaced from the first to the last recorded one.

    Returns
    -------
    str
        HTML with embedded PNG frames and JavaScript controls that loads nothing
        from outside the page (:func:`offline_player`); display it with
        ``IPython.display.HTML``. ``alt`` describes it for readers who cannot
        see it; by default a description with the first and last shown epoch's cost.
    """
    X = as_plane_points(X)
    parameters = getattr(history, "parameters", None)
    if not parameters or np.shape(parameters[0][0]) != (2, 1):
        raise ValueError("history must hold parameters [W of shape (2, 1), b] for every epoch")
    max_frames = check_scalar("max_frames", max_frames, int, low=2)
    epochs = np.unique(np.linspace(0, len(parameters) - 1, max_frames).round().astype(int))
    cost, acc = history.train_loss, history.train_accuracy

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
    scatter_classes(ax, X, y, label=None, s=12, linewidth=0.3)
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
        W, b = parameters[epoch]
        w, b = np.asarray(W)[:, 0], float(np.asarray(b).reshape(-1)[0])
        shading.set_data(neuron_predict(grid, w, b).reshape(xx.shape))
        if abs(w[1]) > 1e-12:
            line.set_data(line_x, -(w[0] * line_x + b) / w[1])
        else:
            line.set_data([], [])
        title.set_text(f"epoch {epoch}: J = {cost[epoch]:.3f}, acc = {acc[epoch]:.2f}")

    animation = FuncAnimation(fig, draw, frames=len(epochs), interval=interval)
    if alt is None:
        first, last = epochs[0], epochs[-1]
        alt = (
            f"Animation over {len(epochs)} frames: the decision boundary of the neuron moves "
            f"across the data as training goes from epoch {first} (cost {cost[first]:.3f}) "
            f"to epoch {last} (cost {cost[last]:.3f})."
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
    """Scatter 2-D points by class and draw candidate lines :math:`w_1x_1 + w_2x_2 + b = 0`.

    ``lines`` maps a label to the ``((w1, w2), b)`` of a candidate neuron
    (``w2 != 0``). Each line's legend entry is "label: n wrong", ``n`` the number
    of points that neuron misclassifies (:func:`nnfs_lib.neuron.neuron_predict`),
    so the figure shows at a glance whether any line separates the classes.
    """
    X = as_plane_points(X)
    if not isinstance(lines, Mapping) or not lines:
        raise TypeError("lines must be a non-empty mapping of label -> ((w1, w2), b)")
    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    xs = np.linspace(lo[0], hi[0], 2)
    for i, (label, (w, b)) in enumerate(lines.items()):
        w = np.asarray(w, dtype=np.float64)
        if w.shape != (2,) or w[1] == 0:
            raise ValueError(f"lines[{label!r}] must have two weights with w2 != 0; got {w}")
        errors = int(np.sum(neuron_predict(X, w, b) != np.asarray(y)))
        style = CURVE_LINESTYLES[i % len(CURVE_LINESTYLES)]  # apart in a grey print too
        ax.plot(xs, -(w[0] * xs + b) / w[1], ls=style, lw=1.4, label=f"{label}: {errors} wrong")
    scatter_classes(ax, X, y, s=90, edgecolor="black", linewidth=1.0, zorder=3)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(fontsize=8, handlelength=3.5, loc="center left", bbox_to_anchor=(1.02, 0.5))
    return ax

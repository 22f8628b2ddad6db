"""Figures of single functions and of one neuron: activation functions and their
derivatives, the step function beside the sigmoid, and the hyperplane a neuron
draws in the plane together with its normal vector.

Used by Part I, sections 1-3 (``book/part1/neuron.md``, ``activations.md``,
``forward.md``). Every function draws on an ``Axes`` it is given (or returns a
new ``Figure``) and computes nothing itself that ``nnfs_lib`` does not already
compute: the values come from :mod:`nnfs_lib.activations` and
:func:`nnfs_lib.neuron.neuron_forward`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from nnfs_lib import activations
from nnfs_lib.activations import get_activation, sigmoid, step
from nnfs_lib.neuron import neuron_forward
from nnfs_lib.plotting.boundary import CLASS_COLOURS, as_plane_points, grid_over, scatter_classes
from nnfs_lib.validation import Scalar, check_array, check_scalar, validate

FUNCTION_COLOUR = "#1f77b4"
DERIVATIVE_COLOUR = "#d62728"


def _z_grid(z_min: float, z_max: float, steps: int) -> np.ndarray:
    z_min = check_scalar("z_min", z_min)
    z_max = check_scalar("z_max", z_max)
    if not z_min < z_max:
        raise ValueError(f"z_min must be < z_max; got z_min={z_min}, z_max={z_max}")
    steps = check_scalar("steps", steps, int, low=2)
    return np.linspace(z_min, z_max, steps)


def plot_function_and_derivative(
    ax: plt.Axes,
    g: Callable[[np.ndarray], np.ndarray],
    g_prime: Callable[[np.ndarray], np.ndarray],
    *,
    name: str = "g",
    z_min: float = -6.0,
    z_max: float = 6.0,
    steps: int = 401,
) -> plt.Axes:
    """Draw ``g(z)`` (solid) and ``g'(z)`` (dashed) on ``[z_min, z_max]``.

    Parameters
    ----------
    g, g_prime : callable
        Elementwise function and its derivative, e.g. ``sigmoid`` and
        ``sigmoid_derivative``.
    name : str
        The function's name as TeX (without dollars), e.g. ``r"\\sigma"``;
        used in the legend and title.
    z_min, z_max : float
        The interval drawn.
    steps : int
        Number of sample points.
    """
    if not (callable(g) and callable(g_prime)):
        raise TypeError("g and g_prime must be callable")
    z = _z_grid(z_min, z_max, steps)
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.plot(z, g(z), color=FUNCTION_COLOUR, linewidth=2, label=f"${name}(z)$")
    ax.plot(z, g_prime(z), "--", color=DERIVATIVE_COLOUR, linewidth=2, label=f"${name}'(z)$")
    ax.set_xlabel("$z$")
    ax.set_title(f"${name}$ and its derivative")
    ax.legend(loc="upper left", frameon=False)
    return ax


ACTIVATION_TEX = {name: row.tex for name, row in activations.ACTIVATIONS.items()}
"""How each activation is named in the figures: the ``tex`` column of :data:`nnfs_lib.activations.ACTIVATIONS`."""


def plot_activation_gallery(
    names: Sequence[str] = ("sigmoid", "tanh", "relu"),
    *,
    z_min: float = -5.0,
    z_max: float = 5.0,
    panel_size: float = 3.2,
) -> plt.Figure:
    """One panel per activation in ``names``: the function and its derivative.

    Names are keys of :data:`nnfs_lib.activations.ACTIVATIONS`
    (``"leaky_relu"`` is drawn with its default slope 0.01).
    """
    if isinstance(names, str) or not isinstance(names, Sequence) or len(names) == 0:
        raise TypeError("names must be a non-empty sequence of activation names")
    pairs = [get_activation(name) for name in names]
    panel_size = check_scalar("panel_size", panel_size, low=0, closed="neither")
    fig, axes = plt.subplots(
        1, len(names), figsize=(panel_size * len(names), panel_size), squeeze=False
    )
    for ax, name, (g, g_prime) in zip(axes[0], names, pairs, strict=True):
        plot_function_and_derivative(
            ax, g, g_prime, name=ACTIVATION_TEX[name], z_min=z_min, z_max=z_max
        )
    fig.tight_layout()
    return fig


def plot_step_vs_sigmoid(
    ax: plt.Axes,
    slopes: Sequence[float] = (1.0, 3.0, 10.0),
    *,
    z_min: float = -6.0,
    z_max: float = 6.0,
    steps: int = 601,
) -> plt.Axes:
    r"""The step function beside sigmoids :math:`\sigma(kz)` of growing slope ``k``.

    As ``k`` grows the sigmoid approaches the step, but it stays smooth, with a
    non-zero derivative everywhere.
    """
    slopes = [check_scalar("slopes", k, low=0, closed="neither") for k in slopes]
    if not slopes:
        raise ValueError("slopes must hold at least one positive number")
    z = _z_grid(z_min, z_max, steps)
    # The step jumps at 0: draw its two flat pieces so no vertical line is drawn.
    left, right = z[z < 0], z[z >= 0]
    ax.plot(left, step(left), color="black", linewidth=2.5, label="step$(z)$")
    ax.plot(right, step(right), color="black", linewidth=2.5)
    shades = plt.cm.Blues(np.linspace(0.45, 0.9, len(slopes)))
    for k, shade in zip(slopes, shades, strict=True):
        ax.plot(z, sigmoid(k * z), color=shade, linewidth=1.8, label=rf"$\sigma({k:g}z)$")
    ax.set_xlabel("$z$")
    ax.set_ylim(-0.08, 1.08)
    ax.legend(loc="upper left", frameon=False)
    return ax


def _boundary_normal(name: str, w: object) -> np.ndarray:
    """Declared check: a non-zero weight vector of shape (2,), as float64 (a line's normal)."""
    w = check_array(name, w, ndim=1).astype(np.float64)
    if w.shape != (2,) or not np.any(w):
        raise ValueError(
            f"{name} must be a non-zero vector of shape (2,) to draw a boundary; got {w}"
        )
    return w


_NEURON = {"w": _boundary_normal, "b": Scalar()}


@validate(**_NEURON)
def plot_neuron_hyperplane(
    ax: plt.Axes,
    w: np.ndarray,
    b: float,
    X: np.ndarray | None = None,
    y: np.ndarray | None = None,
    *,
    show_distances: bool = False,
    limits: tuple[float, float, float, float] | None = None,
) -> plt.Axes:
    r"""The boundary :math:`\mathbf{w}^\top\mathbf{x} + b = 0` of a neuron with 2 inputs.

    Shades the side where :math:`z > 0` (red) and where :math:`z < 0` (blue),
    draws the boundary line, and draws the weight vector :math:`\mathbf{w}` as
    an arrow starting at the boundary point closest to the origin,
    :math:`-b\,\mathbf{w}/\lVert\mathbf{w}\rVert^2`; it points into the
    positive side (proposition ``prop-neuron-normal``).

    Parameters
    ----------
    w : array_like, shape (2,)
        Weights, not both zero.
    b : float
        Bias.
    X : array_like, shape (n, 2), optional
        Points to scatter.
    y : array_like, shape (n,), optional
        Integer class labels of ``X`` (0 or 1), for the colours.
    show_distances : bool
        Draw the perpendicular from each point of ``X`` to the boundary, whose
        signed length is :math:`z/\lVert\mathbf{w}\rVert`.
    limits : (x_min, x_max, y_min, y_max), optional
        The window. By default it covers ``X`` (or [-3, 3]^2) with a margin.
    """
    if X is not None:
        X = as_plane_points(X).astype(np.float64)
    elif y is not None:
        raise ValueError("y was given without X")
    if limits is None:
        corners = np.array([[-3.0, -3.0], [3.0, 3.0]]) if X is None else X
        xx, yy, grid = grid_over(corners, steps=300, margin=1.0)
    else:
        x_min, x_max, y_min, y_max = (check_scalar("limits", v) for v in limits)
        xx, yy = np.meshgrid(np.linspace(x_min, x_max, 300), np.linspace(y_min, y_max, 300))
        grid = np.c_[xx.ravel(), yy.ravel()]
    z_grid, _ = neuron_forward(grid, w, b, "sigmoid")
    side = (z_grid >= 0).astype(int).reshape(xx.shape)
    ax.contourf(
        xx, yy, side, levels=[-0.5, 0.5, 1.5], cmap=ListedColormap(CLASS_COLOURS[:2]), alpha=0.15
    )
    ax.contour(xx, yy, z_grid.reshape(xx.shape), levels=[0.0], colors="black", linewidths=2)
    norm2 = float(w @ w)
    foot = -b * w / norm2
    ax.annotate(
        "",
        xy=foot + w,
        xytext=foot,
        arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 2, "mutation_scale": 18},
    )
    ax.text(*(foot + 1.08 * w), r"$\mathbf{w}$", fontsize=13, ha="center", va="center")
    if X is not None:
        labels = np.zeros(X.shape[0], dtype=int) if y is None else y
        style = {"s": 40, "linewidth": 0.6, "zorder": 3}
        scatter_classes(ax, X, labels, label=None if y is None else "class {k}", **style)
        if show_distances:
            z_points, _ = neuron_forward(X, w, b, "sigmoid")
            feet = X - np.outer(z_points / norm2, w)
            for point, foot_point in zip(X, feet, strict=True):
                ax.plot(*np.c_[point, foot_point], ":", color="0.3", linewidth=1.2)
        if y is not None:
            ax.legend(loc="lower left", frameon=True)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


@validate(**_NEURON, margin=Scalar(low=0, closed="neither"))
def plot_neuron_output(
    ax: plt.Axes,
    w: np.ndarray,
    b: float,
    X: np.ndarray,
    *,
    activation: str = "sigmoid",
    annotate: bool = True,
    margin: float = 1.0,
) -> plt.Axes:
    r"""Colour the plane by the neuron's output :math:`a = g(\mathbf{w}^\top\mathbf{x} + b)`.

    Draws the contour lines of ``a``, the boundary :math:`z = 0`, and the
    points of ``X``, each annotated with its ``a`` (computed by
    :func:`nnfs_lib.neuron.neuron_forward`, like everything else here).

    Parameters
    ----------
    w : array_like, shape (2,)
    b : float
    X : array_like, shape (n, 2)
        The points drawn and annotated.
    activation : str
        A name accepted by :func:`nnfs_lib.neuron.neuron_forward`.
    annotate : bool
        Write each point's activation next to it.
    margin : float
        Space around the points.
    """
    X = as_plane_points(X).astype(np.float64)
    xx, yy, grid = grid_over(X, steps=200, margin=margin)
    z_grid, a_grid = neuron_forward(grid, w, b, activation)
    filled = ax.contourf(xx, yy, a_grid.reshape(xx.shape), levels=20, cmap="RdBu_r", alpha=0.8)
    ax.figure.colorbar(filled, ax=ax, label="$a$")
    ax.contour(xx, yy, z_grid.reshape(xx.shape), levels=[0.0], colors="black", linewidths=1.5)
    _, a_points = neuron_forward(X, w, b, activation)
    ax.scatter(X[:, 0], X[:, 1], s=50, color="white", edgecolor="black", zorder=3)
    if annotate:
        middle = 0.5 * (xx.min() + xx.max())
        for i, (point, a) in enumerate(zip(X, a_points, strict=True)):
            right_half = point[0] > middle  # put the label on the side with more room
            ax.annotate(
                f"$\\mathbf{{x}}^{{({i + 1})}}$: $a = {a:.3f}$",
                xy=point,
                xytext=(-6 if right_half else 6, 6),
                textcoords="offset points",
                ha="right" if right_half else "left",
                fontsize=10,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.85},
            )
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax

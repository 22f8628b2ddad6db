"""Two-dimensional test functions with their gradients, for watching optimizers move.

A :class:`Surface` is a function :math:`f(x, y)` with its gradient. The point
:math:`(x, y)` is wrapped as a :class:`~nnfs_lib.layers.Parameter`, so any
optimizer of :mod:`nnfs_lib.optimizers` runs on it unchanged
(:func:`run_optimizer`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnfs_lib.layers import Parameter
from nnfs_lib.optimizers import Optimizer
from nnfs_lib.validation import Array, Optional, Scalar, callback, validate


@dataclass(frozen=True)
class Surface:
    """A function of a point ``p = (x, y)`` and its gradient, vectorised over a grid.

    ``f`` and ``grad`` take an array whose first axis has length 2 (a point
    ``(2,)``, or grids ``(2, ...)``) and return ``f`` of shape ``(...)`` and the
    gradient of shape ``(2, ...)``.
    """

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]
    minimum: tuple[float, float]
    start: tuple[float, float]
    xlim: tuple[float, float]
    ylim: tuple[float, float]


@validate(kappa=Scalar(low=0, closed="neither"))
def ill_conditioned_quadratic(kappa: float = 20.0) -> Surface:
    r"""The bowl :math:`f(x, y) = \tfrac12 (x^2 + \kappa y^2)` (eq. ``eq-opt-quadratic``).

    Its Hessian is :math:`\mathrm{diag}(1, \kappa)`: the condition number is
    :math:`\kappa`, so one direction is :math:`\kappa` times steeper than the other.
    Gradient :math:`(x, \kappa y)`; minimum at the origin.
    """

    def f(p: np.ndarray) -> np.ndarray:
        return 0.5 * (p[0] ** 2 + kappa * p[1] ** 2)

    def grad(p: np.ndarray) -> np.ndarray:
        return np.stack([p[0], kappa * p[1]])

    return Surface(
        name=f"quadratic (kappa={kappa:g})",
        f=f,
        grad=grad,
        minimum=(0.0, 0.0),
        start=(-4.0, 1.0),
        xlim=(-4.5, 4.5),
        ylim=(-1.6, 1.6),
    )


@validate(b=Scalar(low=0, closed="neither"), a=Scalar())
def rosenbrock(a: float = 1.0, b: float = 100.0) -> Surface:
    r"""Rosenbrock's banana :math:`f(x, y) = (a - x)^2 + b (y - x^2)^2` (eq. ``eq-opt-rosenbrock``).

    Gradient :math:`\bigl(-2(a - x) - 4 b x (y - x^2),\; 2 b (y - x^2)\bigr)`;
    minimum :math:`f = 0` at :math:`(a, a^2)`, at the end of a long, flat, curved valley.
    """

    def f(p: np.ndarray) -> np.ndarray:
        return (a - p[0]) ** 2 + b * (p[1] - p[0] ** 2) ** 2

    def grad(p: np.ndarray) -> np.ndarray:
        r = p[1] - p[0] ** 2
        return np.stack([-2 * (a - p[0]) - 4 * b * p[0] * r, 2 * b * r])

    return Surface(
        name="Rosenbrock",
        f=f,
        grad=grad,
        minimum=(a, a * a),
        start=(-1.5, 2.0),
        xlim=(-2.0, 2.0),
        ylim=(-1.0, 3.0),
    )


def _point(name: str, value: object) -> np.ndarray:
    """Declared check: a point ``(x, y)``, as an array of shape (2,)."""
    point = Array(ndim=1)(name, value)
    if point.shape != (2,):
        raise ValueError(f"{name} must be a point (x, y); got shape {point.shape}")
    return point


def _builds_an_optimizer(name: str, make_optimizer: object) -> Callable:
    """Declared check: ``make_optimizer``, wrapped so that what it builds must be an Optimizer."""

    make_optimizer = callback(name, make_optimizer)

    def checked(parameters: list[Parameter]) -> Optimizer:
        optimizer = make_optimizer(parameters)
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{name} must return an Optimizer; got {type(optimizer).__name__}")
        return optimizer

    return checked


@validate(steps=Scalar(int, low=0), start=Optional(_point), make_optimizer=_builds_an_optimizer)
def run_optimizer(
    surface: Surface,
    make_optimizer: Callable[[list[Parameter]], Optimizer],
    steps: int,
    start: tuple[float, float] | np.ndarray | None = None,
    *,
    schedule: Callable[[Optimizer, int], None] | None = None,
) -> np.ndarray:
    """Run an optimizer on a surface and return the trajectory, shape ``(steps + 1, 2)``.

    Parameters
    ----------
    surface : Surface
    make_optimizer : callable
        Receives ``[point]`` (one float64 :class:`Parameter` of shape ``(2,)``)
        and returns an optimizer on it, e.g. ``lambda ps: Adam(ps, lr=0.1)``.
    steps : int
        Number of optimizer steps.
    start : pair of floats, optional
        Starting point; ``surface.start`` by default.
    schedule : callable, optional
        Called as ``schedule(optimizer, step)`` before each step (to change ``lr``).

    Row 0 of the result is the start; row ``k`` the point after ``k`` steps.
    If the point diverges (inf or NaN) the run stops and the remaining rows
    are NaN, so a plot shows where it broke off.
    """
    point = surface.start if start is None else start
    parameter = Parameter(np.array(point, dtype=np.float64), "point")
    optimizer = make_optimizer([parameter])
    path = np.full((steps + 1, 2), np.nan)
    path[0] = parameter.data
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, steps + 1):
            if schedule is not None:
                schedule(optimizer, k - 1)
            parameter.grad[...] = surface.grad(parameter.data)
            optimizer.step()
            if not np.all(np.isfinite(parameter.data)):
                break
            path[k] = parameter.data
    return path

"""Networks whose weights are set by hand to prove a point: the chapter "Why depth matters".

Not trained: each builds a :class:`~nnfs_lib.network.Sequential` whose weights
realise a construction from the chapter, so that a cell can run it and a plot
can show it.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.layers import Dense, Layer, ReLU, Sequential
from nnfs_lib.validation import Array, Scalar, validate


def _knots_interpolable(arguments: dict) -> None:
    """:func:`piecewise_linear_mlp`'s check of the knots together: one length >= 2,
    ``x_knots`` strictly increasing."""
    x, v = arguments["x_knots"], arguments["y_knots"]
    if x.shape != v.shape or x.size < 2:
        raise ValueError(
            f"x_knots and y_knots must have the same length, at least 2; got {x.size} and {v.size}"
        )
    if not np.all(np.diff(x) > 0):
        raise ValueError("x_knots must be strictly increasing")


@validate(_knots_interpolable, x_knots=Array(ndim=1), y_knots=Array(ndim=1))
def piecewise_linear_mlp(
    x_knots: np.ndarray, y_knots: np.ndarray, *, dtype: type = np.float64
) -> Sequential:
    r"""A one-hidden-layer ReLU network that interpolates the points ``(x_knots, y_knots)``.

    The construction of proposition ``prop-depth-relu-interpolation``: with
    slopes :math:`s_j = (y_{j+1} - y_j)/(x_{j+1} - x_j)` of the ``m`` segments,

    .. math:: f(x) = y_0 + \sum_{j=0}^{m-1} c_j \max(0, x - x_j),
              \qquad c_0 = s_0,\; c_j = s_j - s_{j-1},

    is the piecewise-linear interpolant on :math:`[x_0, x_m]` (and constant
    :math:`y_0` left of :math:`x_0`). It is the network
    ``Dense(1, m) -> ReLU -> Dense(m, 1)`` with first-layer weights 1 and biases
    :math:`-x_j`, output weights :math:`c_j` and output bias :math:`y_0`:
    ``m`` hidden units for ``m + 1`` knots.

    Parameters
    ----------
    x_knots : array_like, shape (m + 1,)
        Strictly increasing, ``m >= 1``.
    y_knots : array_like, shape (m + 1,)
        The values to interpolate.
    dtype : float64 (default) or float32
    """
    x, v = np.asarray(x_knots, dtype=np.float64), np.asarray(y_knots, dtype=np.float64)
    slopes = np.diff(v) / np.diff(x)
    c = np.diff(slopes, prepend=0.0)
    m = slopes.size
    hidden, output = Dense(1, m, 0, dtype=dtype), Dense(m, 1, 0, dtype=dtype)
    hidden.W.data[...] = 1.0
    hidden.b.data[...] = -x[:-1]
    output.W.data[...] = c[:, None]
    output.b.data[...] = v[0]
    return Sequential([hidden, ReLU(), output])


@validate(depth=Scalar(int, low=1))
def sawtooth_mlp(depth: int, *, dtype: type = np.float64) -> Sequential:
    r"""A ReLU network of ``depth`` hidden layers of width 2 computing the tent map ``depth`` times.

    The tent map :math:`t(x) = 2\max(0, x) - 4\max(0, x - \tfrac12)` equals
    :math:`2x` on :math:`[0, \tfrac12]` and :math:`2 - 2x` on :math:`[\tfrac12, 1]`.
    Its ``depth``-fold composition is a sawtooth with :math:`2^{\text{depth}}`
    linear pieces on [0, 1], computed here with only ``2 * depth`` hidden units
    (proposition ``prop-depth-sawtooth``): each hidden layer holds
    :math:`(\max(0, u), \max(0, u - \frac12))` of the previous tent value :math:`u`.
    """
    first = Dense(1, 2, 0, dtype=dtype)
    first.W.data[...] = [[1.0, 1.0]]
    first.b.data[...] = [0.0, -0.5]
    layers: list[Layer] = [first, ReLU()]
    for _ in range(depth - 1):
        middle = Dense(2, 2, 0, dtype=dtype)
        middle.W.data[...] = [[2.0, 2.0], [-4.0, -4.0]]  # u = 2 a_1 - 4 a_2, fed to both units
        middle.b.data[...] = [0.0, -0.5]
        layers += [middle, ReLU()]
    last = Dense(2, 1, 0, dtype=dtype)
    last.W.data[...] = [[2.0], [-4.0]]
    last.b.data[...] = 0.0
    return Sequential([*layers, last])

"""Seeded toy datasets, generated in code (nothing is downloaded).

Every generator takes ``rng`` (a ``numpy.random.Generator`` or an integer
seed) and returns ``(X, y)``. The classification sets return ``X`` of shape
``(n, 2)`` and the requested float dtype, ``y`` of shape ``(n,)`` holding
integer class labels ``0 .. k-1``; their rows are shuffled, so a mini-batch is
a fair sample. The regression set (:func:`make_sine`) returns ``X`` of shape
``(n, 1)`` and real targets ``y`` of shape ``(n,)``, both of the requested dtype.
"""

from __future__ import annotations

import numpy as np

from nnfs_lib.validation import Scalar, check_scalar, float_dtype, generator, validate


def _finish(
    X: np.ndarray, y: np.ndarray, rng: np.random.Generator, dtype: type
) -> tuple[np.ndarray, np.ndarray]:
    order = rng.permutation(len(y))
    return X[order].astype(dtype), y[order].astype(np.int64)


def _common(minimum: int = 2, n_name: str = "n") -> dict:
    """The declared checks of the arguments every generator takes: a float dtype, a count
    ``>= minimum``, a noise level >= 0, and ``rng`` (a seed becomes a Generator)."""
    return {
        "dtype": float_dtype,
        n_name: Scalar(int, low=minimum),
        "noise": Scalar(low=0),
        "rng": generator,
    }


def _pair(name: str, value: object) -> np.ndarray:
    """Declared check: a pair of real numbers, as a float64 array of shape (2,)."""
    if not isinstance(value, (tuple, list, np.ndarray)) or len(value) != 2:
        raise ValueError(f"{name} must be a pair of numbers (x1, x2); got {value!r}")
    return np.array([check_scalar(name, v) for v in value])


@validate(**_common(), distance=Scalar(low=0), centre=_pair)
def make_blobs(
    n: int = 200,
    rng: np.random.Generator | int = 0,
    *,
    distance: float = 3.0,
    noise: float = 1.0,
    centre: tuple[float, float] = (0.0, 0.0),
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian clouds, class 0 around ``c - (d/2, d/2)`` and class 1 around ``c + (d/2, d/2)``.

    ``c`` is ``centre`` (the midpoint of the two clouds, the origin by default)
    and ``d`` is ``distance``. With the default ``distance`` the classes overlap
    a little: a line separates them well but not perfectly, as with real data.
    ``noise`` is the standard deviation of each cloud.
    """
    c = np.asarray(centre, dtype=np.float64)
    n0 = n // 2
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    centres = c + np.where(y[:, None] == 1, distance / 2, -distance / 2)
    X = centres + noise * rng.standard_normal((n, 2))
    return _finish(X, y, rng, dtype)


@validate(**_common(minimum=4))
def make_xor(
    n: int = 200,
    rng: np.random.Generator | int = 0,
    *,
    noise: float = 0.0,
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    """Points in the square [-1, 1]^2 labelled 1 where exactly one coordinate is positive.

    With ``noise = 0`` the labels are exact XOR of the signs. No straight line
    separates the classes: a single neuron cannot learn it.
    """
    X = rng.uniform(-1, 1, size=(n, 2))
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(np.int64)
    X = X + noise * rng.standard_normal((n, 2))
    return _finish(X, y, rng, dtype)


def xor_truth_table(dtype: type = np.float32) -> tuple[np.ndarray, np.ndarray]:
    """The four points of the XOR truth table: inputs in {0, 1}^2 and their XOR."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=dtype)
    y = np.array([0, 1, 1, 0], dtype=np.int64)
    return X, y


@validate(**_common())
def make_moons(
    n: int = 200,
    rng: np.random.Generator | int = 0,
    *,
    noise: float = 0.1,
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles: class 0 the upper arc, class 1 the lower, shifted arc."""
    n0 = n // 2
    t0 = rng.uniform(0, np.pi, n0)
    t1 = rng.uniform(0, np.pi, n - n0)
    upper = np.c_[np.cos(t0), np.sin(t0)]
    lower = np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]
    X = np.r_[upper, lower] + noise * rng.standard_normal((n, 2))
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    return _finish(X, y, rng, dtype)


@validate(**_common(), factor=Scalar(low=0, high=1, closed="neither"))
def make_circles(
    n: int = 200,
    rng: np.random.Generator | int = 0,
    *,
    factor: float = 0.5,
    noise: float = 0.05,
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 of radius 1, class 1 of radius ``factor`` (in (0, 1))."""
    n0 = n // 2
    t = rng.uniform(0, 2 * np.pi, n)
    radius = np.r_[np.ones(n0), np.full(n - n0, factor)]
    X = radius[:, None] * np.c_[np.cos(t), np.sin(t)] + noise * rng.standard_normal((n, 2))
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    return _finish(X, y, rng, dtype)


@validate(
    **_common(minimum=1, n_name="n_per_class"),
    n_classes=Scalar(int, low=2),
    turns=Scalar(low=0, closed="neither"),
)
def make_spiral(
    n_per_class: int = 100,
    n_classes: int = 3,
    rng: np.random.Generator | int = 0,
    *,
    noise: float = 0.2,
    turns: float = 1.0,
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    """``n_classes`` interleaved spiral arms in the unit disc, ``n_per_class`` points each.

    Arm ``k`` starts at the centre and winds ``turns`` times around it, rotated
    by ``2 pi k / n_classes``; ``noise`` perturbs each point's angle (radians).
    """
    radius = np.tile(np.linspace(0.0, 1.0, n_per_class), n_classes)
    label = np.repeat(np.arange(n_classes), n_per_class)
    angle = (
        2 * np.pi * turns * radius
        + 2 * np.pi * label / n_classes
        + noise * rng.standard_normal(radius.size)
    )
    X = radius[:, None] * np.c_[np.sin(angle), np.cos(angle)]
    return _finish(X, label, rng, dtype)


def _low_below_high(arguments: dict) -> None:
    """:func:`make_sine`'s check of ``low`` and ``high`` together: a non-empty interval."""
    low, high = arguments["low"], arguments["high"]
    if not low < high:
        raise ValueError(f"low must be below high; got low={low}, high={high}")


@validate(_low_below_high, **_common(), low=Scalar(), high=Scalar())
def make_sine(
    n: int = 200,
    rng: np.random.Generator | int = 0,
    *,
    noise: float = 0.1,
    low: float = -3.0,
    high: float = 3.0,
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    r"""A regression set: :math:`y = \sin(x) + \varepsilon`, with :math:`x` uniform on ``[low, high]``.

    The noise :math:`\varepsilon` is Gaussian with mean 0 and standard deviation
    ``noise``, drawn independently for each example, so the best possible
    prediction of ``y`` from ``x`` is :math:`\sin(x)` and its root-mean-square
    error on fresh data is ``noise``. Returns ``X`` of shape (n, 1) and ``y`` of
    shape (n,), both of ``dtype``, in random order.
    """
    x = rng.uniform(low, high, n)
    y = np.sin(x) + noise * rng.standard_normal(n)
    return x[:, None].astype(dtype), y.astype(dtype)

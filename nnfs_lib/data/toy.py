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

from nnfs_lib.validation import as_generator, check_float_dtype, check_scalar


def _finish(
    X: np.ndarray, y: np.ndarray, rng: np.random.Generator, dtype: type
) -> tuple[np.ndarray, np.ndarray]:
    order = rng.permutation(len(y))
    return X[order].astype(dtype), y[order].astype(np.int64)


def _check_common(
    n: object, noise: object, dtype: object, rng: object, *, minimum: int = 2, n_name: str = "n"
) -> tuple[int, float, np.random.Generator]:
    """The arguments every generator takes: a count, a noise level >= 0, a float dtype, ``rng``."""
    check_float_dtype("dtype", dtype)
    return (
        check_scalar(n_name, n, int, low=minimum),
        check_scalar("noise", noise, low=0),
        as_generator("rng", rng),
    )


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
    n, noise, rng = _check_common(n, noise, dtype, rng)
    distance = check_scalar("distance", distance, low=0)
    if not isinstance(centre, (tuple, list, np.ndarray)) or len(centre) != 2:
        raise ValueError(f"centre must be a pair of numbers (x1, x2); got {centre!r}")
    c = np.array([check_scalar("centre", value) for value in centre])
    n0 = n // 2
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    centres = c + np.where(y[:, None] == 1, distance / 2, -distance / 2)
    X = centres + noise * rng.standard_normal((n, 2))
    return _finish(X, y, rng, dtype)


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
    n, noise, rng = _check_common(n, noise, dtype, rng, minimum=4)
    X = rng.uniform(-1, 1, size=(n, 2))
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(np.int64)
    X = X + noise * rng.standard_normal((n, 2))
    return _finish(X, y, rng, dtype)


def xor_truth_table(dtype: type = np.float32) -> tuple[np.ndarray, np.ndarray]:
    """The four points of the XOR truth table: inputs in {0, 1}^2 and their XOR."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=dtype)
    y = np.array([0, 1, 1, 0], dtype=np.int64)
    return X, y


def make_moons(
    n: int = 200,
    rng: np.random.Generator | int = 0,
    *,
    noise: float = 0.1,
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles: class 0 the upper arc, class 1 the lower, shifted arc."""
    n, noise, rng = _check_common(n, noise, dtype, rng)
    n0 = n // 2
    t0 = rng.uniform(0, np.pi, n0)
    t1 = rng.uniform(0, np.pi, n - n0)
    upper = np.c_[np.cos(t0), np.sin(t0)]
    lower = np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]
    X = np.r_[upper, lower] + noise * rng.standard_normal((n, 2))
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    return _finish(X, y, rng, dtype)


def make_circles(
    n: int = 200,
    rng: np.random.Generator | int = 0,
    *,
    factor: float = 0.5,
    noise: float = 0.05,
    dtype: type = np.float32,
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 of radius 1, class 1 of radius ``factor`` (in (0, 1))."""
    n, noise, rng = _check_common(n, noise, dtype, rng)
    factor = check_scalar("factor", factor, low=0, high=1, closed="neither")
    n0 = n // 2
    t = rng.uniform(0, 2 * np.pi, n)
    radius = np.r_[np.ones(n0), np.full(n - n0, factor)]
    X = radius[:, None] * np.c_[np.cos(t), np.sin(t)] + noise * rng.standard_normal((n, 2))
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    return _finish(X, y, rng, dtype)


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
    n_per_class, noise, rng = _check_common(
        n_per_class, noise, dtype, rng, minimum=1, n_name="n_per_class"
    )
    n_classes = check_scalar("n_classes", n_classes, int, low=2)
    turns = check_scalar("turns", turns, low=0, closed="neither")
    radius = np.tile(np.linspace(0.0, 1.0, n_per_class), n_classes)
    label = np.repeat(np.arange(n_classes), n_per_class)
    angle = (
        2 * np.pi * turns * radius
        + 2 * np.pi * label / n_classes
        + noise * rng.standard_normal(radius.size)
    )
    X = radius[:, None] * np.c_[np.sin(angle), np.cos(angle)]
    return _finish(X, label, rng, dtype)


def _check_sine_arguments(
    n: int, rng: object, noise: float, low: float, high: float, dtype: type
) -> tuple[int, float, float, float, np.random.Generator]:
    """:func:`make_sine`'s boundary: the numbers checked, ``rng`` as a Generator."""
    n, noise, rng = _check_common(n, noise, dtype, rng)
    low, high = check_scalar("low", low), check_scalar("high", high)
    if not low < high:
        raise ValueError(f"low must be below high; got low={low}, high={high}")
    return n, noise, low, high, rng


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
    n, noise, low, high, rng = _check_sine_arguments(n, rng, noise, low, high, dtype)
    x = rng.uniform(low, high, n)
    y = np.sin(x) + noise * rng.standard_normal(n)
    return x[:, None].astype(dtype), y.astype(dtype)

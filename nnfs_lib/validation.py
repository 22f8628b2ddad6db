"""The few checks every public function of ``nnfs_lib`` makes at its boundary.

Modelled on scikit-learn's ``check_array`` / ``check_scalar`` /
``check_consistent_length``: each raises a ``TypeError`` or ``ValueError``
whose message names the argument and says what was expected, so a mistake
never turns into a silent wrong answer or a NumPy broadcasting accident. A
function shown on a page calls one of these in one line, or is called by a
public function that does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))

Closed = Literal["both", "left", "right", "neither"]


def check_array(
    name: str,
    X: object,
    *,
    ndim: int | Sequence[int] | None = None,
    finite: bool = True,
    allow_empty: bool = False,
) -> np.ndarray:
    """Return ``X`` as a float32 or float64 array, or raise an error naming ``name``.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    X : array_like
        Real numbers. float32 and float64 arrays are returned as they are (same
        object, same dtype); Python numbers, lists, integer arrays and other
        float widths become float64. Booleans, complex numbers, strings and
        objects are refused.
    ndim : int or sequence of int, optional
        The allowed number(s) of dimensions.
    finite : bool, default True
        Refuse NaN and inf.
    allow_empty : bool, default False
        Accept an array with no elements.

    Raises
    ------
    TypeError
        If ``X`` is not real numeric data.
    ValueError
        If it has the wrong number of dimensions, is empty, or holds NaN or inf.
    """
    try:
        array = X if isinstance(X, np.ndarray) else np.asarray(X)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be array-like numbers; got {type(X).__name__}") from error
    if array.dtype.kind not in "fiu":
        raise TypeError(
            f"{name} must hold real numbers (float32 or float64); got dtype {array.dtype}"
        )
    if array.dtype not in FLOAT_DTYPES:
        array = array.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            expected = " or ".join(str(d) for d in allowed)
            raise ValueError(f"{name} must have {expected} dimension(s); got shape {array.shape}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty; got shape {array.shape}")
    if finite and not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite; it contains NaN or inf")
    return array


def check_scalar(
    name: str,
    value: object,
    kind: type = float,
    *,
    low: float | None = None,
    high: float | None = None,
    closed: Closed = "both",
) -> float | int:
    """Return ``value`` as a Python ``float`` or ``int`` (``kind``), checked against a range.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    value : number
        For ``kind=float`` a finite real number (ints accepted); for
        ``kind=int`` an integer. Booleans are refused for both.
    kind : float or int, default float
    low, high : number, optional
        The bounds of the allowed interval; ``None`` for no bound on that side.
    closed : {"both", "left", "right", "neither"}, default "both"
        Which bounds belong to the interval: ``"left"`` is ``low <= value < high``.

    Raises
    ------
    TypeError
        If ``value`` is not a number of the right kind.
    ValueError
        If it is not finite or lies outside the interval.
    """
    if kind is int:
        ok = isinstance(value, (int, np.integer))
        expected = "an integer"
    elif kind is float:
        ok = isinstance(value, (int, float, np.integer, np.floating))
        expected = "a real number"
    else:
        raise ValueError(f"kind must be float or int; got {kind!r}")
    if isinstance(value, bool) or not ok:
        raise TypeError(f"{name} must be {expected}; got {type(value).__name__}")
    number = kind(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite; got {number}")
    low_in, high_in = closed in ("both", "left"), closed in ("both", "right")
    too_low = low is not None and (number < low if low_in else number <= low)
    too_high = high is not None and (number > high if high_in else number >= high)
    if too_low or too_high:
        if high is None:
            interval = f"{'>=' if low_in else '>'} {low}"
        elif low is None:
            interval = f"{'<=' if high_in else '<'} {high}"
        else:
            interval = f"in {'[' if low_in else '('}{low}, {high}{']' if high_in else ')'}"
        raise ValueError(f"{name} must be {interval}; got {number}")
    return number


def check_float_dtype(name: str, dtype: object) -> np.dtype:
    """Return ``np.dtype(dtype)``, raising ``TypeError`` unless it is float32 or float64."""
    try:
        resolved = np.dtype(dtype)
    except TypeError as error:
        raise TypeError(f"{name} must be float32 or float64; got {dtype!r}") from error
    if resolved not in FLOAT_DTYPES:
        raise TypeError(f"{name} must be float32 or float64; got {resolved}")
    return resolved


def check_consistent_length(**arrays: object) -> int:
    """Return the common number of rows of the keyword arrays, or raise ``ValueError`` naming them.

    ``check_consistent_length(X=X, y=y)`` passes when ``len(X) == len(y)``.
    """
    lengths = {name: np.shape(array)[0] if np.ndim(array) else 1 for name, array in arrays.items()}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{name}: {n}" for name, n in lengths.items())
        names = " and ".join(lengths)
        raise ValueError(f"{names} must have the same number of rows; got {listed}")
    return next(iter(lengths.values()))


def check_instances(name: str, items: Iterable[object], cls: type) -> list:
    """Return ``items`` as a list, raising unless it is non-empty and every item is a ``cls``.

    ``ValueError`` for an empty list; ``TypeError`` naming the first wrong item as ``name[i]``.
    """
    items = list(items)
    if not items:
        raise ValueError(f"{name} must not be empty; give at least one {cls.__name__}")
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise TypeError(f"{name}[{i}] must be a {cls.__name__}; got {type(item).__name__}")
    return items


def check_same_shape(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have exactly the same shape.

    Stricter than :func:`check_consistent_length`: a prediction and its target
    of shapes ``(n, 1)`` and ``(n,)`` would broadcast to ``(n, n)``.
    """
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape; got {a.shape} and {b.shape}"
        )


def check_prediction_pair(
    name: str, prediction: object, y: object, *, binary: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Return a loss's ``(prediction, y)`` checked: arrays of one shape, ``y`` in the prediction's dtype.

    ``prediction`` (called ``name`` in messages) may hold inf or NaN (a loss shows
    what they give); ``y`` must be finite and, with ``binary=True``, only 0 and 1.
    """
    prediction, y = check_array(name, prediction, finite=False), check_array("y", y)
    check_same_shape(name, prediction, "y", y)
    if binary:
        check_binary_labels("y", y)
    return prediction, y.astype(prediction.dtype, copy=False)


def check_binary_labels(name: str, y: np.ndarray) -> None:
    """Raise ``ValueError`` unless every entry of ``y`` is exactly 0 or 1."""
    bad = y[(y != 0) & (y != 1)]
    if bad.size:
        raise ValueError(f"{name} must contain only 0 and 1; found {bad.flat[0].item()!r}")


def check_class_labels(name: str, y: object, n_classes: int) -> np.ndarray:
    """Return ``y`` as int64 labels of shape (n,), raising unless each is in [0, n_classes)."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be integer class labels of shape (n,); got shape {y.shape}")
    if y.size == 0:
        raise ValueError(f"{name} must not be empty")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or not np.all(y == np.round(y)):
            raise TypeError(f"{name} must hold whole-number class labels; got non-integers")
    elif y.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integer class labels; got dtype {y.dtype}")
    y = y.astype(np.int64)
    if y.min() < 0 or y.max() >= n_classes:
        raise ValueError(
            f"{name} must be class labels in [0, {n_classes - 1}]; found {y.min()}..{y.max()}"
        )
    return y


def check_probabilities(name: str, p: np.ndarray) -> None:
    """Raise ``ValueError`` unless every entry of ``p`` lies in [0, 1]."""
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"{name} must lie in [0, 1]; found values in [{p.min()}, {p.max()}]")


def as_generator(name: str, rng: object) -> np.random.Generator:
    """Turn an integer seed or a Generator into a ``np.random.Generator``.

    The library never touches NumPy's global random state: randomness comes
    only from a Generator passed in, or from an integer seed turned into one.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"{name} must be a numpy.random.Generator or an integer seed; got {type(rng).__name__}"
    )

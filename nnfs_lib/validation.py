"""Checks at the library's public boundary.

Every public function of ``nnfs_lib`` validates what it is given before it
computes anything, so that a mistake shows up as a clear ``TypeError`` or
``ValueError`` naming the argument and what was expected, never as a silent
wrong answer or a NumPy broadcasting accident.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FLOAT_DTYPES = (np.float32, np.float64)


def as_float_array(
    name: str,
    value: object,
    *,
    ndim: int | Sequence[int] | None = None,
    allow_empty: bool = False,
) -> np.ndarray:
    """Return ``value`` as a floating-point array, or raise a clear error.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    value : array_like
        Numbers. float32 and float64 arrays keep their dtype; Python numbers,
        lists and integer arrays become float64. Booleans, complex numbers,
        strings and objects are rejected.
    ndim : int or sequence of int, optional
        The allowed number(s) of dimensions.
    allow_empty : bool
        Whether an array with no elements is acceptable.

    Raises
    ------
    TypeError
        If ``value`` is not real numeric data.
    ValueError
        If it has the wrong number of dimensions, is empty, or holds NaN or inf.
    """
    if isinstance(value, np.ndarray):
        array = value
    else:
        try:
            array = np.asarray(value)
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"{name} must be array-like numbers; got {type(value).__name__}"
            ) from error
    kind = array.dtype.kind
    if kind == "b" or kind not in "fiu":
        raise TypeError(
            f"{name} must hold real numbers (float32 or float64); got dtype {array.dtype}"
        )
    if kind == "f" and array.dtype not in FLOAT_DTYPES:
        array = array.astype(np.float64)
    elif kind in "iu":
        array = array.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            expected = " or ".join(str(d) for d in allowed)
            raise ValueError(f"{name} must have {expected} dimension(s); got shape {array.shape}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty; got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite; it contains NaN or inf")
    return array


def check_same_shape(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have exactly the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape; got {a.shape} and {b.shape}"
        )


def check_binary_labels(name: str, y: np.ndarray) -> None:
    """Raise ``ValueError`` unless every entry of ``y`` is exactly 0 or 1."""
    if not np.all((y == 0) | (y == 1)):
        bad = y[(y != 0) & (y != 1)]
        raise ValueError(f"{name} must contain only 0 and 1; found {bad.flat[0].item()!r}")


def check_probabilities(name: str, p: np.ndarray) -> None:
    """Raise ``ValueError`` unless every entry of ``p`` lies in [0, 1]."""
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"{name} must lie in [0, 1]; found values in [{p.min()}, {p.max()}]")


def check_positive(name: str, value: object) -> float:
    """Return ``value`` as a float, raising unless it is a finite number > 0."""
    number = check_real(name, value)
    if not number > 0:
        raise ValueError(f"{name} must be > 0; got {number}")
    return number


def check_real(name: str, value: object) -> float:
    """Return ``value`` as a float, raising unless it is a finite real number."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite; got {number}")
    return number


def check_int(name: str, value: object, *, minimum: int | None = None) -> int:
    """Return ``value`` as an int, raising unless it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__}")
    number = int(value)
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {number}")
    return number


def check_in_range(
    name: str, value: object, low: float, high: float, *, closed_high: bool = False
) -> float:
    """Return ``value`` as a float, raising unless low <= value < high (or <= high)."""
    number = check_real(name, value)
    ok = low <= number <= high if closed_high else low <= number < high
    if not ok:
        bracket = "]" if closed_high else ")"
        raise ValueError(f"{name} must be in [{low}, {high}{bracket}; got {number}")
    return number


def as_generator(name: str, rng: object) -> np.random.Generator:
    """Turn a seed or a Generator into a ``np.random.Generator``.

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
    elif y.dtype.kind not in "iu" or y.dtype.kind == "b":
        raise TypeError(f"{name} must hold integer class labels; got dtype {y.dtype}")
    y = y.astype(np.int64)
    if y.min() < 0 or y.max() >= n_classes:
        raise ValueError(
            f"{name} must be class labels in [0, {n_classes - 1}]; found {y.min()}..{y.max()}"
        )
    return y


# provisional (train branch): the core branch's versions replace these at merge
# ------------------------------------------------------------------------------


def check_array(
    name: str,
    X: object,
    *,
    ndim: int | Sequence[int] | None = None,
    finite: bool = True,
    allow_empty: bool = False,
) -> np.ndarray:
    """``X`` as a float32/float64 array (ints -> float64), checked like :func:`as_float_array`."""
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
    closed: str = "both",
) -> float | int:
    """``value`` as a ``kind`` (int or float) within ``[low, high]`` (ends as ``closed`` says)."""
    number = check_int(name, value) if kind is int else check_real(name, value)
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


def check_consistent_length(**arrays: object) -> int:
    """Return the common number of rows of the keyword arrays, or raise ``ValueError`` naming them."""
    lengths = {name: np.shape(a)[0] if np.ndim(a) else 1 for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name}: {n}" for name, n in lengths.items())
        raise ValueError(
            f"{' and '.join(lengths)} must have the same number of rows; got {described}"
        )
    return next(iter(lengths.values()))


def check_float_dtype(name: str, dtype: object) -> np.dtype:
    """``dtype`` as a NumPy dtype, raising unless it is float32 or float64."""
    resolved = np.dtype(dtype)
    if resolved not in FLOAT_DTYPES:
        raise TypeError(f"{name} must be float32 or float64; got {resolved}")
    return resolved

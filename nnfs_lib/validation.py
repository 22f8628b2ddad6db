"""The few checks every public function of ``nnfs_lib`` makes at its boundary, made once.

Modelled on scikit-learn's ``check_array`` / ``check_scalar`` /
``check_consistent_length``: each raises a ``TypeError`` or ``ValueError``
whose message names the argument and says what was expected, so a mistake
never turns into a silent wrong answer or a NumPy broadcasting accident.

**Validate once.** A public function declares what its arguments must be with
:func:`validate` (``@validate(X=Array(ndim=2), lr=Scalar(low=0))``), one line
above the code a page shows; the body is the arithmetic alone. Like
scikit-learn's ``validate_params(..., prefer_skip_nested_validation=True)``,
the checks run only at the outermost call: a validated function called from
inside another (a layer inside a network, a loss inside ``fit``, an
activation inside its layer) trusts its caller and checks nothing. So
``fit`` checks its data once, not once per mini-batch and per layer. Layers'
``forward`` and losses' ``forward``/``backward`` are boundaries too
(:func:`boundary`, applied by their base classes).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

import numpy as np

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))

Closed = Literal["both", "left", "right", "neither"]

_depth: ContextVar[int] = ContextVar("nnfs_boundary_depth", default=0)
CHECKED: list[tuple[str, int]] = []
"""``(argument name, id of the value)`` of every check that ran, when :func:`recording` is on (tests)."""
_recording: ContextVar[bool] = ContextVar("nnfs_recording", default=False)


def checking() -> bool:
    """True unless we are inside a validated call made from inside another one."""
    return _depth.get() <= 1


def _note(name: str, value: object) -> None:
    if _recording.get():
        CHECKED.append((name, id(value)))


@contextmanager
def recording() -> Iterator[list[tuple[str, int]]]:
    """Record every check that runs in the block (for tests counting checks)."""
    CHECKED.clear()
    token = _recording.set(True)
    try:
        yield CHECKED
    finally:
        _recording.reset(token)


@contextmanager
def validating() -> Iterator[None]:
    """Check as a public boundary does, even inside one (``fit`` checking targets against its loss)."""
    token = _depth.set(0)
    try:
        yield
    finally:
        _depth.reset(token)


def boundary(function: Callable) -> Callable:
    """Mark ``function`` as a public boundary: the checks it makes run only when it is called from outside.

    Called from inside another boundary, it (and everything it calls) trusts its caller.
    """

    @functools.wraps(function)
    def wrapper(*args: object, **kwargs: object) -> object:
        token = _depth.set(_depth.get() + 1)
        try:
            return function(*args, **kwargs)
        finally:
            _depth.reset(token)

    wrapper.__nnfs_boundary__ = True  # type: ignore[attr-defined]
    return wrapper


Check = Callable[[str, object], object]
"""A declared check: ``check(name, value)`` returns the value (converted) or raises."""
Rule = Callable[[dict], None]
"""A check of several arguments together: ``rule(arguments)`` raises or returns None."""


def validate(*rules: Rule, **checks: Check) -> Callable[[Callable], Callable]:
    """Declare a public function's checks; they run once, at the outermost call.

    ``checks`` map argument names to declared checks (:class:`Array`,
    :class:`Scalar`, ...), run in order and given the value; what they return
    replaces the argument (a list becomes an array, a seed a Generator).
    ``rules`` then see every argument, checked, by name (e.g.
    ``same_rows("X", "y")``). The function is a :func:`boundary`.
    """

    def decorate(function: Callable) -> Callable:
        signature = inspect.signature(function)
        missing = [name for name in checks if name not in signature.parameters]
        if missing:
            raise TypeError(f"{function.__qualname__} has no argument(s) {missing}")

        @functools.wraps(function)
        def wrapper(*args: object, **kwargs: object) -> object:
            depth = _depth.get()
            token = _depth.set(depth + 1)
            try:
                if depth == 0:
                    bound = signature.bind(*args, **kwargs)
                    bound.apply_defaults()
                    arguments = bound.arguments
                    for name, check in checks.items():
                        arguments[name] = check(name, arguments[name])
                    for rule in rules:
                        rule(arguments)
                    args, kwargs = bound.args, bound.kwargs
                return function(*args, **kwargs)
            finally:
                _depth.reset(token)

        wrapper.__nnfs_boundary__ = True  # type: ignore[attr-defined]
        return wrapper

    return decorate


class Array:
    """Declared check: a float array (:func:`check_array` with these options)."""

    def __init__(
        self,
        ndim: int | Sequence[int] | None = None,
        *,
        finite: bool = True,
        allow_empty: bool = False,
    ) -> None:
        self.options = {"ndim": ndim, "finite": finite, "allow_empty": allow_empty}

    def __call__(self, name: str, value: object) -> np.ndarray:
        return check_array(name, value, **self.options)


class Scalar:
    """Declared check: a number in a range (:func:`check_scalar` with these options)."""

    def __init__(
        self,
        kind: type = float,
        *,
        low: float | None = None,
        high: float | None = None,
        closed: Closed = "both",
    ) -> None:
        self.kind, self.options = kind, {"low": low, "high": high, "closed": closed}

    def __call__(self, name: str, value: object) -> float | int:
        return check_scalar(name, value, self.kind, **self.options)


class Optional:
    """Declared check: ``None``, or what ``check`` accepts."""

    def __init__(self, check: Check) -> None:
        self.check = check

    def __call__(self, name: str, value: object) -> object:
        return None if value is None else self.check(name, value)


class Instance:
    """Declared check: an instance of ``cls`` (a class or a tuple of classes)."""

    def __init__(self, cls: type | tuple[type, ...]) -> None:
        self.cls = cls

    def __call__(self, name: str, value: object) -> object:
        if not isinstance(value, self.cls):
            names = self.cls if isinstance(self.cls, tuple) else (self.cls,)
            expected = " or ".join(c.__name__ for c in names)
            raise TypeError(f"{name} must be a {expected}; got {type(value).__name__}")
        return value


class Instances:
    """Declared check: a non-empty list whose items are all ``cls`` (:func:`check_instances`)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def __call__(self, name: str, value: object) -> list:
        return check_instances(name, value, self.cls)


class OneOf:
    """Declared check: one of the given values (e.g. names of a registry)."""

    def __init__(self, choices: Iterable[object]) -> None:
        self.choices = choices

    def __call__(self, name: str, value: object) -> object:
        choices = list(self.choices)
        if value not in choices:
            shown = sorted(choices) if all(isinstance(c, str) for c in choices) else choices
            raise ValueError(f"{name} must be one of {shown}; got {value!r}")
        return value


def float_dtype(name: str, value: object) -> np.dtype:
    """Declared check: float32 or float64 (:func:`check_float_dtype`)."""
    return check_float_dtype(name, value)


def generator(name: str, value: object) -> np.random.Generator:
    """Declared check: a Generator or an integer seed, returned as a Generator (:func:`as_generator`)."""
    return as_generator(name, value)


def same_rows(*names: str) -> Rule:
    """Rule: the named arrays have the same number of rows (:func:`check_consistent_length`)."""

    def rule(arguments: dict) -> None:
        check_consistent_length(**{name: arguments[name] for name in names})

    return rule


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
    if not checking() and isinstance(X, np.ndarray) and X.dtype in FLOAT_DTYPES:
        return X
    _note(name, X)
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
    if not checking():
        return kind(value)
    _note(name, value)
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
    if not checking():
        return len(next(iter(arrays.values())))
    _note(",".join(arrays), None)
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
    if not checking():
        return items
    _note(name, items)
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
    if checking() and a.shape != b.shape:
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
    if binary and checking():
        check_binary_labels("y", y)
    return prediction, y.astype(prediction.dtype, copy=False)


def check_binary_labels(name: str, y: np.ndarray) -> None:
    """Raise ``ValueError`` unless every entry of ``y`` is exactly 0 or 1."""
    if not checking():
        return
    _note(name, y)
    bad = y[(y != 0) & (y != 1)]
    if bad.size:
        raise ValueError(f"{name} must contain only 0 and 1; found {bad.flat[0].item()!r}")


def check_class_labels(name: str, y: object, n_classes: int) -> np.ndarray:
    """Return ``y`` as int64 labels of shape (n,), raising unless each is in [0, n_classes)."""
    y = np.asarray(y)
    if not checking():
        return y.astype(np.int64, copy=False)
    _note(name, y)
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
    if checking() and np.any((p < 0) | (p > 1)):
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


def prediction_pair(name: str, *, binary: bool = False, probabilities: bool = False) -> Rule:
    """Rule: a loss's prediction ``name`` and target ``y``, as :func:`check_prediction_pair` gives them.

    Replaces both arguments, as a declared check does: the prediction as a float
    array (NaN and inf allowed), ``y`` finite, of the same shape, in the
    prediction's dtype; with ``binary=True`` ``y`` holds only 0 and 1, with
    ``probabilities=True`` the prediction lies in [0, 1].
    """

    def rule(arguments: dict) -> None:
        arguments[name], arguments["y"] = check_prediction_pair(
            name, arguments[name], arguments["y"], binary=binary
        )
        if probabilities:
            check_probabilities(name, arguments[name])

    return rule


def class_targets(name: str) -> Rule:
    """Rule: ``y`` holds a class label per row of ``name`` (n, k), or (n, k) rows that sum to 1.

    Labels must lie in [0, k); one-hot (or probability) rows must be
    non-negative. Checks only: the loss converts ``y`` itself.
    """

    def rule(arguments: dict) -> None:
        n, k = arguments[name].shape
        array = np.asarray(arguments["y"])
        if array.ndim == 1:
            if array.shape[0] != n:
                raise ValueError(
                    f"y must have {n} labels, one per row of the logits; got {array.shape[0]}"
                )
            check_class_labels("y", array, k)
            return
        Y = check_array("y", array, ndim=(1, 2))
        if Y.shape != (n, k):
            raise ValueError(f"one-hot y must have shape {(n, k)}; got {Y.shape}")
        if np.any(Y < 0) or not np.allclose(Y.sum(axis=1), 1.0):
            raise ValueError("one-hot y must have non-negative rows that sum to 1")

    return rule


class Probabilities(Array):
    """Declared check: an array of probabilities, every entry in [0, 1] (NaN allowed, as a prediction may hold it)."""

    def __init__(self, ndim: int | Sequence[int] | None = None) -> None:
        super().__init__(ndim, finite=False)

    def __call__(self, name: str, value: object) -> np.ndarray:
        array = super().__call__(name, value)
        check_probabilities(name, array)
        return array


def same_shape(name_a: str, name_b: str) -> Rule:
    """Rule: the two named arrays have exactly the same shape (:func:`check_same_shape`)."""

    def rule(arguments: dict) -> None:
        check_same_shape(name_a, arguments[name_a], name_b, arguments[name_b])

    return rule


def callback(name: str, function: object) -> Callable:
    """Declared check: a callable, wrapped so that the library calls it makes check their
    arguments as a reader's own calls do (it is the reader's code, run inside a boundary)."""
    if not callable(function):
        raise TypeError(f"{name} must be callable; got {type(function).__name__}")

    @functools.wraps(function)
    def called_as_from_outside(*args: object, **kwargs: object) -> object:
        with validating():
            return function(*args, **kwargs)

    return called_as_from_outside

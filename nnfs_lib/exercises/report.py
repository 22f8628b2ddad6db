"""The verdict of a check: one :class:`Case` per piece of evidence, gathered in a :class:`Result`.

A checker runs the reader's code inside :meth:`Report.case` blocks. Inside a
block, the helpers below (:func:`call`, :func:`expect_array`,
:func:`expect_number`, :func:`expect_gradient`, :func:`expect`) raise
:class:`Mismatch` with a message a learner can act on; :meth:`Report.case`
catches it, and any exception the reader's code raised, and records the case
as failed. Nothing escapes: a wrong answer is a failed case, never an error.
"""

from __future__ import annotations

import contextlib
import warnings
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from nnfs_lib.gradcheck import numerical_gradient

RTOL = 1e-6
"""Relative tolerance of a comparison with the library (float64 inputs)."""
ATOL = 1e-9
"""Absolute tolerance, for entries that should be 0."""
GRADIENT_TOLERANCE = 1e-5
"""Largest accepted difference between an analytic gradient and the finite difference, relative to their size."""


class Mismatch(Exception):
    """Raised inside a case when the reader's answer is wrong; its message is the verdict."""


class NotWrittenYet(Exception):
    """The reader's code raised ``NotImplementedError``: the stub has not been replaced yet."""


@dataclass
class Case:
    """One piece of evidence: its name, whether it passed, and what was wrong."""

    name: str
    passed: bool
    message: str = ""


@dataclass
class Result:
    """What :func:`nnfs_lib.exercises.check` found.

    ``passed`` is True only when every case passed. ``cases`` lists them in the
    order they ran; ``str(result)`` is the verdict that ``check`` printed.
    """

    name: str
    cases: list[Case] = field(default_factory=list)
    not_written: bool = False

    @property
    def passed(self) -> bool:
        return bool(self.cases) and all(case.passed for case in self.cases)

    @property
    def failures(self) -> list[Case]:
        return [case for case in self.cases if not case.passed]

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        if self.not_written:
            return (
                f"{self.name}: not written yet. Your code raises NotImplementedError: replace "
                "the line `raise NotImplementedError` with your code, run that cell, then run "
                "this check again."
            )
        total = len(self.cases)
        if self.passed:
            head = f"{self.name}: all {total} cases passed."
        else:
            head = f"{self.name}: {len(self.failures)} of {total} cases failed."
        lines = [head]
        for case in self.cases:
            mark = "pass" if case.passed else "FAIL"
            lines.append(f"  [{mark}] {case.name}")
            if not case.passed:
                lines.extend(f"         {line}" for line in case.message.split("\n"))
        return "\n".join(lines)

    def __repr__(self) -> str:
        failed = len(self.failures)
        return f"Result({self.name!r}, passed={self.passed}, {failed} of {len(self.cases)} failed)"


class Report:
    """Collects the cases of one check."""

    def __init__(self, name: str) -> None:
        self.result = Result(name)

    @contextlib.contextmanager
    def case(self, name: str) -> Iterator[None]:
        """Run one case; a :class:`Mismatch` or any exception from the reader's code fails it."""
        if self.result.not_written:  # one "not written yet" is enough: skip the rest quietly
            with contextlib.suppress(Exception):
                yield
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)
                yield
        except NotWrittenYet:
            self.result.not_written = True
            self.result.cases.append(Case(name, False, "not written yet (NotImplementedError)"))
        except Mismatch as mismatch:
            self.result.cases.append(Case(name, False, str(mismatch)))
        except RuntimeWarning as warning:
            self.result.cases.append(
                Case(name, False, f"NumPy warned: {warning} (an overflow or a division by zero)")
            )
        except Exception as error:  # the reader's code raised: a failed case, not a crash
            self.result.cases.append(Case(name, False, f"raised {type(error).__name__}: {error}"))
        else:
            self.result.cases.append(Case(name, True))


def generator(name: str) -> np.random.Generator:
    """The seeded generator of one exercise's random cases: the same inputs on every run."""
    return np.random.default_rng(zlib.crc32(name.encode()))


# What a case compares -----------------------------------------------------------


def show(value: object) -> str:
    """A short, readable rendering of an array or number for a message."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return f"{value.item():.6g}"
        return np.array2string(value, precision=6, threshold=12, edgeitems=2, separator=", ")
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


def call(fn: Callable, *args: object, what: str, **kwargs: object) -> object:
    """``fn(*args, **kwargs)`` on copies of the arrays; the reader's errors name ``what``."""
    copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    try:
        return fn(*copies, **kwargs)
    except NotImplementedError:
        raise NotWrittenYet from None
    except (Mismatch, RuntimeWarning):
        raise
    except Exception as error:
        raise Mismatch(f"{what} raised {type(error).__name__}: {error}") from None


def expect(condition: bool, message: str) -> None:
    """Fail the case with ``message`` unless ``condition`` holds."""
    if not condition:
        raise Mismatch(message)


def _index(shape: tuple[int, ...], flat: int) -> str:
    return "[" + ", ".join(str(i) for i in np.unravel_index(flat, shape)) + "]" if shape else ""


def expect_array(
    got: object,
    expected: np.ndarray,
    what: str,
    *,
    inputs: str = "",
    rtol: float = RTOL,
    atol: float = ATOL,
    dtype: bool = False,
) -> None:
    """``got`` must be a NumPy array of ``expected``'s shape (and dtype) and values."""
    where = f" for {inputs}" if inputs else ""
    if got is None:
        raise Mismatch(f"{what} is None{where}: did the function forget to `return` it?")
    if not isinstance(got, np.ndarray):
        raise Mismatch(f"{what} is a {type(got).__name__}{where}; expected a numpy.ndarray")
    if got.shape != expected.shape:
        raise Mismatch(f"{what} has shape {got.shape}{where}; expected shape {expected.shape}")
    if dtype and got.dtype != expected.dtype:
        raise Mismatch(f"{what} has dtype {got.dtype}{where}; expected {expected.dtype}")
    if got.dtype.kind not in "fiub":
        raise Mismatch(f"{what} has dtype {got.dtype}{where}; expected numbers")
    got64, exp64 = got.astype(np.float64), expected.astype(np.float64)
    close = np.isclose(got64, exp64, rtol=rtol, atol=atol)
    if not close.all():
        flat = int(np.argmin(close.reshape(-1)))
        at = _index(expected.shape, flat)
        wrong = int((~close).sum())
        raise Mismatch(
            f"{what}{at} is {got64.reshape(-1)[flat]:.6g}{where}; expected "
            f"{exp64.reshape(-1)[flat]:.6g} ({wrong} of {close.size} entries differ)"
        )


def expect_number(
    got: object, expected: float, what: str, *, inputs: str = "", rtol: float = RTOL
) -> float:
    """``got`` must be one real number equal to ``expected``; returns it as a float."""
    where = f" for {inputs}" if inputs else ""
    if got is None:
        raise Mismatch(f"{what} is None{where}: did the function forget to `return` it?")
    array = np.asarray(got)
    if array.dtype.kind not in "fiu" or array.size != 1:
        raise Mismatch(
            f"{what} is {type(got).__name__} of shape {array.shape}{where}; expected one number"
        )
    value = float(array.reshape(()))
    if not np.isclose(value, expected, rtol=rtol, atol=ATOL):
        raise Mismatch(f"{what} is {value:.6g}{where}; expected {expected:.6g}")
    return value


def same_as_library(
    report: Report,
    fn: Callable,
    reference: Callable,
    draws: list[tuple[str, tuple]],
    quantity: str,
    *,
    number: bool = False,
) -> None:
    """One case per ``(description, arguments)``: the reader's ``fn`` must return what ``reference`` does."""
    for description, args in draws:
        with report.case(f"same as the library on {description}"):
            got = call(fn, *args, what=f"{quantity} for {description}")
            if number:
                expect_number(got, reference(*args), quantity, inputs=description)
            else:
                expect_array(got, reference(*args), quantity, inputs=description)


def expect_gradient(
    analytic: object, f: Callable[[np.ndarray], float], x: np.ndarray, what: str
) -> None:
    """``analytic`` must match the central finite difference of ``f`` at ``x`` (float64)."""
    expected = numerical_gradient(f, x)
    if analytic is None or not isinstance(analytic, np.ndarray):
        raise Mismatch(f"{what} is {type(analytic).__name__}; expected a numpy.ndarray")
    if analytic.shape != expected.shape:
        raise Mismatch(f"{what} has shape {analytic.shape}; expected shape {expected.shape}")
    difference = np.abs(analytic.astype(np.float64) - expected)
    scale = max(float(np.max(np.abs(expected))), 1.0)
    if float(difference.max()) > GRADIENT_TOLERANCE * scale:
        flat = int(np.argmax(difference.reshape(-1)))
        at = _index(expected.shape, flat)
        raise Mismatch(
            f"your gradient differs from the finite-difference estimate by "
            f"{difference.reshape(-1)[flat]:.1e} in {what}{at} (yours "
            f"{float(analytic.reshape(-1)[flat]):.6g}, finite difference "
            f"{expected.reshape(-1)[flat]:.6g})"
        )

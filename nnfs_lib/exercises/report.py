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
import contextvars
import sys
import types
import warnings
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from nnfs_lib.gradcheck import numerical_gradient

RTOL = 1e-6
"""Relative tolerance of a comparison with the library (float64 inputs)."""
ATOL = 1e-9
"""Absolute tolerance, for entries that should be 0."""
GRADIENT_TOLERANCE = 1e-5
"""Largest accepted difference between an analytic gradient and the finite difference, relative to their size."""


CURRENT_CASE: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "CURRENT_CASE", default=None
)
"""The name of the case that is running (None between cases).

The tests use it to build answers that go wrong in one case only, which shows
that every case compares the answer with independent evidence."""


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
    file: str | None = None
    """The file the answer came from (``python -m nnfs_lib.exercises check NAME FILE``), or None
    for an answer defined in a notebook cell: the "not written yet" advice names what to run."""

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
            if self.file is not None:
                return (
                    f"{self.name}: not written yet. Your code raises NotImplementedError: in "
                    f"{self.file}, replace the line `raise NotImplementedError` with your code, "
                    f"save the file, then run `python -m nnfs_lib.exercises check {self.name} "
                    f"{self.file}` again."
                )
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

    def __init__(self, name: str, watch: LibraryWatch | None = None) -> None:
        self.result = Result(name)
        self.watch = watch

    @contextlib.contextmanager
    def case(self, name: str) -> Iterator[None]:
        """Run one case; a :class:`Mismatch` or any exception from the reader's code fails it."""
        if self.result.not_written:  # one "not written yet" is enough: skip the rest quietly
            with contextlib.suppress(Exception):
                yield
            return
        token = CURRENT_CASE.set(name)
        global _WATCH
        previous_watch, _WATCH = _WATCH, self.watch
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
        finally:
            CURRENT_CASE.reset(token)
            _WATCH = previous_watch


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


class LibraryWatch:
    """Notes every time the reader's code runs one of the library's implementations of the exercise.

    ``codes`` maps the code object of each watched function to the name a
    message gives it (``nnfs_lib.Dense.backward``). :func:`call` runs the
    reader's code under :meth:`watching`, a profile hook (``sys.setprofile``)
    that sees every Python call, so a ``super().forward(...)``, an inherited
    method or a call of ``nn.softmax`` inside the answer is seen, however it
    was reached.
    """

    def __init__(self, codes: dict[types.CodeType, str]) -> None:
        self.codes = codes
        self.seen: list[str] = []

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        codes, seen = self.codes, self.seen

        def profile(frame: types.FrameType, event: str, arg: object) -> None:
            if event == "call" and frame.f_code in codes:
                name = codes[frame.f_code]
                if name not in seen:
                    seen.append(name)

        previous = sys.getprofile()
        sys.setprofile(profile)
        try:
            yield
        finally:
            sys.setprofile(previous)


_WATCH: LibraryWatch | None = None
"""The watch of the check that is running (set by :meth:`Report.case`)."""


def read_only(value: object) -> object:
    """A read-only copy of an array (other values as they are): the answer must not write to it."""
    if isinstance(value, np.ndarray):
        copy = value.copy()
        copy.flags.writeable = False
        return copy
    return value


def _shapes(values: Sequence[object]) -> str:
    shapes = [f"{np.shape(v)}" for v in values if isinstance(v, np.ndarray)]
    return ", ".join(shapes)


def call(fn: Callable, *args: object, what: str, copy: bool = True, **kwargs: object) -> object:
    """``fn(*args, **kwargs)`` on read-only copies of the arrays; the reader's errors name ``what``.

    An answer that writes into an array it was given fails with a message that
    says so (the caller may still hold that array: a layer keeps its input for
    its backward pass). A shape error names the shapes of the arrays passed in.
    With ``copy=False`` the arrays are passed as they are (the network cases
    watch what the answer does to them).
    """
    copies = [read_only(a) for a in args] if copy else list(args)
    watch = _WATCH
    try:
        with watch.watching() if watch is not None else contextlib.nullcontext():
            return fn(*copies, **kwargs)
    except NotImplementedError:
        raise NotWrittenYet from None
    except Mismatch:
        raise
    except RuntimeWarning as warning:
        raise Mismatch(
            f"{what}: NumPy warned: {warning} (an overflow or a division by zero)"
        ) from None
    except ValueError as error:
        text = str(error)
        if "read-only" in text:
            raise Mismatch(
                f"{what} wrote into an array it was given ({text}). The caller still holds that "
                "array (a layer keeps its input for the backward pass, the caller keeps its "
                "logits): compute a new array, e.g. `Z = Z - m` rather than `Z -= m`"
            ) from None
        shapes = _shapes(args)
        if shapes and any(w in text for w in ("shape", "broadcast", "dimension", "aligned")):
            raise Mismatch(
                f"{what} raised ValueError: {text}\nThe arrays passed in had shapes {shapes}: "
                "check the shape of each product and sum against the docstring"
            ) from None
        raise Mismatch(f"{what} raised ValueError: {text}") from None
    except Exception as error:
        raise Mismatch(f"{what} raised {type(error).__name__}: {error}") from None


def as_sequence(got: object, names: tuple[str, ...], what: str) -> tuple:
    """``got`` as a tuple of ``len(names)`` values: a tuple, a list or any sequence of that length."""
    if got is None:
        raise Mismatch(f"{what} returned None: did the function forget to `return` them?")
    if isinstance(got, np.ndarray) and got.dtype != object and len(names) > 1:
        raise Mismatch(
            f"{what} returned one array of shape {got.shape}; expected {len(names)} values "
            f"({', '.join(names)}), e.g. `return {', '.join(names)}`"
        )
    if not isinstance(got, Sequence | np.ndarray) or isinstance(got, str):
        raise Mismatch(
            f"{what} returned a {type(got).__name__}; expected {len(names)} values "
            f"({', '.join(names)}), e.g. `return {', '.join(names)}`"
        )
    if len(got) != len(names):
        raise Mismatch(
            f"{what} returned {len(got)} values; expected {len(names)} ({', '.join(names)})"
        )
    return tuple(got)


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
        mine, theirs = got64.reshape(-1)[flat], exp64.reshape(-1)[flat]
        got_text, expected_text, extra = _pair(mine, theirs)
        raise Mismatch(
            f"{what}{at} is {got_text}{where}; expected {expected_text} "
            f"({wrong} of {close.size} entries differ{extra})"
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
        got_text, expected_text, extra = _pair(value, expected)
        raise Mismatch(
            f"{what} is {got_text}{where}; expected {expected_text}"
            + (f" ({extra.removeprefix('; ')})" if extra else "")
        )
    return value


def _pair(got: float, expected: float) -> tuple[str, str, str]:
    """The two values as printed, with all their digits and the difference when they print alike."""
    if f"{got:.6g}" != f"{expected:.6g}":
        return f"{got:.6g}", f"{expected:.6g}", ""
    return (
        f"{got:.17g}",
        f"{expected:.17g}",
        f"; they differ by {got - expected:.2e}, more than the relative tolerance {RTOL:g}",
    )


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

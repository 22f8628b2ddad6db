"""Build-it-yourself exercises: write a piece of the library, then check it against the library's evidence.

Each exercise names one function or class of the library (``sigmoid``,
``Dense``, ``adam_step``, ...). The reader writes it in the page's notebook
and runs

>>> from nnfs_lib.exercises import check
>>> result = check("sigmoid", sigmoid)  # doctest: +SKIP

:func:`check` runs the reader's code on the evidence the library's own tests
use: hand-computed cases (:mod:`nnfs_lib.exercises.cases`), finite-difference
gradient checks, the laws the piece obeys, and comparison with the library's
implementation on random inputs of several shapes. It prints a verdict that
names each case and, for a failed one, what was wrong (the quantity, the
input, the expected and the returned value, or the shape). A wrong answer is
never an error: an exception, a missing ``return`` or a wrong shape is a
failed case. From a shell: ``python -m nnfs_lib.exercises list`` and
``python -m nnfs_lib.exercises check NAME FILE.py``.
"""

from __future__ import annotations

from nnfs_lib.exercises import part1, part2, part3  # noqa: F401  (they register the exercises)
from nnfs_lib.exercises.registry import EXERCISES, Exercise
from nnfs_lib.exercises.report import Case, Report, Result

__all__ = ["EXERCISES", "Case", "Exercise", "Result", "check", "get_exercise"]


def get_exercise(name: str) -> Exercise:
    """The exercise called ``name``; ``ValueError`` listing the known names otherwise."""
    if not isinstance(name, str) or name not in EXERCISES:
        raise ValueError(f"unknown exercise {name!r}; the exercises are: {', '.join(EXERCISES)}")
    return EXERCISES[name]


def check(name: str, answer: object, *, verbose: bool = True) -> Result:
    """Check the reader's ``answer`` (a function or class) for the exercise ``name``.

    Parameters
    ----------
    name : str
        One of :data:`EXERCISES` (``python -m nnfs_lib.exercises list`` lists them).
    answer : callable
        The reader's function, or class for the layer exercises.
    verbose : bool, default True
        Print the verdict.

    Returns
    -------
    Result
        ``result.passed`` is True only when every case passed; ``result.cases``
        lists each case with its message; ``str(result)`` is the verdict.

    Raises
    ------
    ValueError
        Only for an unknown ``name`` (the message lists the known ones). A wrong
        answer never raises: it is a failed case.
    """
    exercise = get_exercise(name)
    report = Report(name)
    if not callable(answer):
        with report.case(f"{exercise.defines} is a function or class"):
            raise_message = (
                f"you passed a {type(answer).__name__}; pass your {exercise.defines} itself"
            )
            from nnfs_lib.exercises.report import Mismatch

            raise Mismatch(raise_message)
    else:
        exercise.checker(answer, report)
    if verbose:
        print(report.result)
    return report.result

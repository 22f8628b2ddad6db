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
failed case.

The answer must be the reader's own: an answer that is the library's object,
runs it (``super().forward(...)``, ``nn.softmax`` inside ``softmax``) or
leaves a required method to it (a subclass without ``backward``) fails the
first case, "your own code", which says what to write. The arrays an answer
is given are read-only, and the layer exercises also run the answer inside a
small network, so an answer that writes into its input fails too.

From a shell: ``python -m nnfs_lib.exercises list`` (names and signatures),
``python -m nnfs_lib.exercises stub NAME > FILE.py`` (a stub that runs on its
own) and ``python -m nnfs_lib.exercises check NAME FILE.py``.
"""

from __future__ import annotations

from nnfs_lib.exercises import part1, part2, part3  # noqa: F401  (they register the exercises)
from nnfs_lib.exercises.registry import EXERCISES, Exercise
from nnfs_lib.exercises.report import Case, LibraryWatch, Mismatch, Report, Result
from nnfs_lib.exercises.stubs import STUBS

__all__ = ["EXERCISES", "STUBS", "Case", "Exercise", "Result", "check", "get_exercise"]


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
    return _judge(exercise, answer, verbose=verbose, own_code=True)


def _judge(exercise: Exercise, answer: object, *, verbose: bool, own_code: bool) -> Result:
    """Run the cases; with ``own_code``, also the first case: the answer is not the library's."""
    watch = LibraryWatch(exercise.library_code()) if own_code else None
    report = Report(exercise.name, watch)
    if not callable(answer):
        with report.case(f"{exercise.defines} is a function or class"):
            raise Mismatch(
                f"you passed a {type(answer).__name__}; pass your {exercise.defines} itself"
            )
    else:
        exercise.checker(answer, report)
        if own_code and not report.result.not_written:
            case = _own_code_case(exercise, answer, watch.seen)
            report.result.cases.insert(0, case)
    if verbose:
        print(report.result)
    return report.result


def _own_code_case(exercise: Exercise, answer: object, seen: list[str]) -> Case:
    """The case "your own code": the answer is not, and does not run, the library's implementation."""
    name = f"your own code: {exercise.defines} does not use the library's {exercise.defines}"
    library_objects = [getattr(thing, "__func__", thing) for thing in exercise.library]
    if any(answer is thing for thing in library_objects):
        return Case(name, False, (
            f"this {exercise.defines} is the library's own. Define your {exercise.defines} in "
            "the exercise's cell (run the cell) or file (save it), then check it again"
        ))  # fmt: skip
    problems = []
    if isinstance(answer, type):
        for method in exercise.methods:
            if not _defined_by_reader(answer, method):
                problems.append(
                    f"your {answer.__name__} does not define {method}, so the library's "
                    f"{method} runs in its place: write {method}(self, ...) in your class"
                )
    if seen:
        problems.append(
            f"your {exercise.defines} ran {' and '.join(seen)} (through super(), a call of the "
            "library or a method left to it): write that computation yourself, from the page's "
            "equations"
        )
    if problems:
        return Case(name, False, ".\n".join(problems))
    return Case(name, True)


def _defined_by_reader(cls: type, method: str) -> bool:
    """True if ``method`` of ``cls`` comes from a class outside ``nnfs_lib`` (the reader's own)."""
    for klass in cls.__mro__:
        if method in vars(klass):
            module = getattr(klass, "__module__", "") or ""
            return not (module == "nnfs_lib" or module.startswith("nnfs_lib."))
    return False

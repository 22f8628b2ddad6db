"""The registry of build-it-yourself exercises: one :class:`Exercise` per name.

Adding an exercise is one decorated checker in one of the ``part*.py``
modules (or a new module imported by ``__init__.py``)::

    @exercise("sigmoid", title="The sigmoid", page="book/part1/activations.md",
              defines="sigmoid", reference=activations.sigmoid)
    def _sigmoid(fn, report): ...

``defines`` is the name the reader's cell defines (a function or a class);
the book's tests use it to find the stub cell and the solution cell on the
page, and the command line uses it to find the object in a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nnfs_lib.exercises.report import Report

Checker = Callable[[object, Report], None]


@dataclass(frozen=True)
class Exercise:
    """One build-it-yourself exercise.

    Attributes
    ----------
    name : str
        The name passed to :func:`~nnfs_lib.exercises.check`.
    title : str
        Its title in the book.
    page : str
        The page that derives it, relative to the repository root.
    defines : str
        The function or class the reader writes, named as in the library.
    reference : callable
        The library's own implementation in the exercise's interface: the
        library's function or class itself, or a few lines that call it
        (``adam_step`` runs one step of :class:`~nnfs_lib.optimizers.Adam`).
        It passes the check; the tests make sure of it.
    checker : callable
        ``checker(answer, report)`` runs the cases.
    """

    name: str
    title: str
    page: str
    defines: str
    reference: object
    checker: Checker

    @property
    def label(self) -> str:
        """The label of the exercise on its page: ``ex-build-<name with dashes>``."""
        return "ex-build-" + self.name.replace("_", "-")


EXERCISES: dict[str, Exercise] = {}
"""Every registered exercise, by name, in the book's order."""


def exercise(
    name: str, *, title: str, page: str, defines: str, reference: object
) -> Callable[[Checker], Checker]:
    """Register the decorated checker as the exercise ``name``."""

    def register(checker: Checker) -> Checker:
        if name in EXERCISES:
            raise ValueError(f"exercise {name!r} is registered twice")
        EXERCISES[name] = Exercise(name, title, page, defines, reference, checker)
        return checker

    return register

"""The registry of build-it-yourself exercises: one :class:`Exercise` per name.

Adding an exercise is one decorated checker in one of the ``part*.py``
modules (or a new module imported by ``__init__.py``)::

    @exercise("sigmoid", title="The sigmoid", page="book/part1/activations.md",
              defines="sigmoid", reference=activations.sigmoid)
    def _sigmoid(fn, report): ...

``defines`` is the name the reader's cell defines (a function or a class);
the book's tests use it to find the stub cell and the solution cell on the
page, and the command line uses it to find the object in a file.

``library`` lists the library's own implementations of the exercise (a
function, or a class whose own methods are the answer): an answer that is one
of them, or runs one of them, is refused (:func:`nnfs_lib.exercises.check`).
``methods`` names the methods a class answer must define itself. The stub the
reader starts from is in :mod:`nnfs_lib.exercises.stubs`, under the same name.
"""

from __future__ import annotations

import inspect
import types
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
    library : tuple
        The library's implementations of the exercise: functions, and classes
        whose own methods (all but the constructor and the bookkeeping ones)
        implement it. An answer may not run any of them.
    methods : tuple of str
        For a class exercise, the methods the reader's class must define itself.
    """

    name: str
    title: str
    page: str
    defines: str
    reference: object
    checker: Checker
    library: tuple = ()
    methods: tuple[str, ...] = ()

    @property
    def solution_name(self) -> str:
        """The name the page's solution cell defines (never the stub's own name)."""
        return self.defines + ("Solution" if self.defines[:1].isupper() else "_solution")

    @property
    def is_class(self) -> bool:
        return self.defines[:1].isupper()

    def library_code(self) -> dict[types.CodeType, str]:
        """The code object of each watched library function, with the name a message gives it."""
        codes: dict[types.CodeType, str] = {}
        for thing in self.library:
            if inspect.isclass(thing):
                for attribute, value in vars(thing).items():
                    if attribute.startswith("__") or attribute in _NOT_THE_ANSWER:
                        continue
                    function = inspect.unwrap(getattr(value, "__func__", value))
                    if inspect.isfunction(function):
                        codes[function.__code__] = f"nnfs_lib's {thing.__name__}.{attribute}"
            else:
                function = inspect.unwrap(getattr(thing, "__func__", thing))
                codes[function.__code__] = f"nnfs_lib's {function.__qualname__}"
        return codes

    @property
    def label(self) -> str:
        """The label of the exercise on its page: ``ex-build-<name with dashes>``."""
        return "ex-build-" + self.name.replace("_", "-")


_BOOKKEEPING = frozenset({"parameters", "buffers", "train", "eval", "fix_mask", "n_parameters"})
"""Methods of a library class that are not the exercise's answer (an answer's class may inherit them)."""

_INHERITED_HELPERS = frozenset({"_check_input"})
"""Private helpers of a library class that an answer's class may inherit and run: they check the
input (a ``Sequential`` calls its first layer's ``_check_input``), they compute nothing of the
answer. The other private methods (``Dropout._draw_mask``, an optimizer's ``_update``) do the
exercise's work and stay watched."""

_NOT_THE_ANSWER = _BOOKKEEPING | _INHERITED_HELPERS


EXERCISES: dict[str, Exercise] = {}
"""Every registered exercise, by name, in the book's order."""


def exercise(
    name: str,
    *,
    title: str,
    page: str,
    defines: str,
    reference: object,
    library: tuple = (),
    methods: tuple[str, ...] = (),
) -> Callable[[Checker], Checker]:
    """Register the decorated checker as the exercise ``name``.

    ``library`` defaults to ``(reference,)``: the reference is the library's own object.
    """

    def register(checker: Checker) -> Checker:
        if name in EXERCISES:
            raise ValueError(f"exercise {name!r} is registered twice")
        EXERCISES[name] = Exercise(
            name, title, page, defines, reference, checker, library or (reference,), methods
        )
        return checker

    return register

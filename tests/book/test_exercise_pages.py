"""The build-it-yourself exercises on the pages: where they are, what the reader's copy holds, the index.

Design (documented on book/exercises.md): the stub cell (tag ``exercise-stub``)
is the exercise's stub from ``nnfs_lib.exercises.stubs``, imports included, so
it runs on its own; its body only raises ``NotImplementedError``. The build
runs it, and the check cell after it prints the "not written yet" verdict
(``check`` never raises on a wrong answer, so the strict build accepts it).
The solution, in a collapsed ``{solution}`` dropdown, holds a cell (tag
``exercise-solution``) that defines the working version under another name
(``sigmoid_solution``, ``DenseSolution``) and asserts that it passes
``check``: the build fails if it does not. No other cell binds the
exercise's name, so after "Run All" the check cell grades the stub cell's own
object, and a stub cell that fails to run cannot leave the library's object
(or the solution) in its place.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import jupytext
import pytest
from myst_nb.core.read import read_myst_markdown_notebook

from nnfs_lib.exercises import EXERCISES, STUBS, Exercise, check
from tests.book.chapters import BOOK, ROOT, code_cells, directives, toc_files

NAMES = list(EXERCISES)
INDEX = BOOK / "exercises.md"


def _page(exercise: Exercise) -> Path:
    return ROOT / exercise.page


def _definition(source: str, name: str) -> ast.FunctionDef | ast.ClassDef | None:
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return node
    return None


def _is_stub(node: ast.FunctionDef | ast.ClassDef) -> bool:
    """Every function in ``node`` is a docstring and ``raise NotImplementedError``, nothing else."""
    functions = [n for n in ast.walk(node) if isinstance(n, ast.FunctionDef)]
    if not functions:
        return False
    for function in functions:
        body = function.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        if len(body) != 1 or not isinstance(body[0], ast.Raise):
            return False
        exc = body[0].exc
        target = exc.func if isinstance(exc, ast.Call) else exc
        if not (isinstance(target, ast.Name) and target.id == "NotImplementedError"):
            return False
    return True


def _tagged(cells: list, tag: str, name: str) -> list[int]:
    """Indices of the notebook cells with ``tag`` that define ``name``."""
    return [
        i
        for i, cell in enumerate(cells)
        if cell.cell_type == "code"
        and tag in cell.metadata.get("tags", [])
        and _definition(cell.source, name) is not None
    ]


def _check_call(name: str, defines: str) -> str:
    return f'check("{name}", {defines})'


@pytest.mark.parametrize("name", NAMES)
def test_the_exercise_sits_in_the_exercises_section_of_its_page(name: str) -> None:
    exercise = EXERCISES[name]
    page = _page(exercise)
    assert page in toc_files(), f"{exercise.page} is not in _toc.yml"
    text = page.read_text(encoding="utf-8")
    found = [
        d
        for d in directives(text)
        if d.name == "exercise" and d.options.get("label") == exercise.label
    ]
    assert len(found) == 1, f"{exercise.page}: no exercise labelled {exercise.label}"
    section = text.index("\n## Exercises")
    assert found[0].line > text.count("\n", 0, section), (
        "the exercise is not in the Exercises section"
    )
    assert "{eq}`" in found[0].body or "{prf:ref}`" in found[0].body, "the hint names no equation"
    solution = [
        d
        for d in directives(text)
        if d.name in ("solution", "solution-start") and d.argument == exercise.label
    ]
    assert len(solution) == 1 and solution[0].options.get("class") == "dropdown", (
        "no collapsed solution"
    )


@pytest.mark.parametrize(
    "reader", ["jupytext (Binder, JupyterLab)", "myst-nb (the .ipynb download)"]
)
@pytest.mark.parametrize("name", NAMES)
def test_the_readers_notebook_holds_the_stub_then_the_check_then_the_solution(
    name: str, reader: str
) -> None:
    exercise = EXERCISES[name]
    text = _page(exercise).read_text(encoding="utf-8")
    notebook = (
        jupytext.reads(text, fmt="md:myst")
        if reader.startswith("jupytext")
        else read_myst_markdown_notebook(text)
    )
    cells = notebook.cells
    stubs = _tagged(cells, "exercise-stub", exercise.defines)
    solutions = _tagged(cells, "exercise-solution", exercise.solution_name)
    assert len(stubs) == 1 and len(solutions) == 1, (
        f"stub cells {stubs}, solution cells {solutions}"
    )
    stub, solution = stubs[0], solutions[0]
    assert _is_stub(_definition(cells[stub].source, exercise.defines)), (
        f"the cell the reader edits holds more than the stub:\n{cells[stub].source}"
    )
    assert cells[stub].source.strip() == STUBS[name].strip(), (
        "the stub cell is not the exercise's stub (nnfs_lib/exercises/stubs.py)"
    )
    assert not _is_stub(_definition(cells[solution].source, exercise.solution_name))
    assert f"assert {_check_call(name, exercise.solution_name)}.passed" in cells[solution].source
    check_cell = next(i for i in range(stub + 1, len(cells)) if cells[i].cell_type == "code")
    assert _check_call(name, exercise.defines) in cells[check_cell].source
    assert check_cell < solution
    assert not cells[check_cell].metadata.get("tags"), "the check cell must run, visibly, as it is"
    # nothing between the stub and the check defines the answer
    for cell in cells[stub + 1 : check_cell + 1]:
        assert _definition(cell.source, exercise.defines) is None


def _binds(source: str, name: str) -> bool:
    """True if ``source`` binds ``name`` at any level: import, assignment, def, class, for, with."""
    source = "\n".join(line for line in source.split("\n") if not line.startswith(("%", "!")))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if any((alias.asname or alias.name.split(".")[0]) == name for alias in node.names):
                return True
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return True
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name:
            return True
    return False


@pytest.mark.parametrize("name", NAMES)
def test_only_the_stub_cell_binds_the_exercise_name(name: str) -> None:
    """No cell above the stub binds the name (a stub that fails to run would leave the library's
    object in place), and none below it (after Run All the check cell must grade the stub)."""
    exercise = EXERCISES[name]
    cells = jupytext.reads(_page(exercise).read_text(encoding="utf-8"), fmt="md:myst").cells
    stub = _tagged(cells, "exercise-stub", exercise.defines)[0]
    binding = [
        i
        for i, cell in enumerate(cells)
        if cell.cell_type == "code" and i != stub and _binds(cell.source, exercise.defines)
    ]
    assert not binding, (
        f"cells {binding} bind {exercise.defines!r}; only the stub cell ({stub}) may"
    )


def test_the_binding_detector_sees_imports_and_definitions() -> None:
    assert _binds("from nnfs_lib import Dense", "Dense")
    assert _binds("from nnfs_lib import Layer as Dense", "Dense")
    assert _binds("import numpy as softmax", "softmax")
    assert _binds("softmax = nn.softmax", "softmax")
    assert _binds("class Dense(nn.Dense):\n    pass", "Dense")
    assert not _binds("layer = nn.Dense(2, 3, 0)", "Dense")


def _page_imports(text: str) -> str:
    """Every top-level import of the page's code cells, so its exercise cells can run on their own."""
    statements = []
    for cell in code_cells(text):
        source = "\n".join(
            line for line in cell.body.split("\n") if not line.startswith(("%", "!"))
        )
        statements += [
            ast.unparse(node)
            for node in ast.parse(source).body
            if isinstance(node, (ast.Import, ast.ImportFrom))
        ]
    return "\n".join(statements)


@pytest.mark.parametrize("name", NAMES)
def test_the_stub_fails_as_not_written_and_the_solution_passes(name: str) -> None:
    exercise = EXERCISES[name]
    text = _page(exercise).read_text(encoding="utf-8")
    cells = jupytext.reads(text, fmt="md:myst").cells
    stub = _tagged(cells, "exercise-stub", exercise.defines)[0]
    solution = _tagged(cells, "exercise-solution", exercise.solution_name)[0]
    alone: dict = {}  # the stub runs on its own, as copied into a file
    exec(cells[stub].source, alone)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = check(name, alone[exercise.defines])
    assert not result.passed and result.not_written
    assert "not written yet" in printed.getvalue()
    namespace: dict = {}
    exec(_page_imports(text) + "\nfrom nnfs_lib.exercises import check", namespace)
    exec(cells[stub].source, namespace)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(cells[solution].source, namespace)
        # after the solution ran, the name the check cell grades is still the stub
        assert namespace["check"](name, namespace[exercise.defines]).not_written


def test_the_index_lists_every_exercise_and_nothing_else() -> None:
    text = INDEX.read_text(encoding="utf-8")
    links = re.findall(r"\{ref\}`([^`<]+?) <(ex-build-[\w-]+)>`", text)
    assert [label for _, label in links] == [e.label for e in EXERCISES.values()]
    assert [title for title, _ in links] == [e.title for e in EXERCISES.values()]


def test_the_index_is_in_the_back_matter_before_the_bibliography() -> None:
    toc = [p.relative_to(ROOT).as_posix() for p in toc_files()]
    assert toc.index("book/exercises.md") == toc.index("book/bibliography.md") - 1


def test_every_exercise_label_is_unique_in_the_book() -> None:
    labels = [
        d.options.get("label")
        for page in toc_files()
        if page.exists()
        for d in directives(page.read_text(encoding="utf-8"))
        if d.name == "exercise"
    ]
    for exercise in EXERCISES.values():
        assert labels.count(exercise.label) == 1, exercise.label


def test_the_stub_detector_sees_a_solution() -> None:
    assert _is_stub(_definition('def f(x):\n    """Doc."""\n    raise NotImplementedError\n', "f"))
    assert not _is_stub(_definition("def f(x):\n    return x\n", "f"))
    assert not _is_stub(_definition("class C:\n    def f(self):\n        return 1\n", "C"))

"""No chapter cell defines a function or class that ``nnfs_lib`` defines.

The implementation lives once, in the library; a page shows it with
``literalinclude`` and calls it.

One narrow exemption: a build-it-yourself exercise (``nnfs_lib.exercises``)
asks the reader to write a library function or class, so its stub cell (tag
``exercise-stub``) and its solution cell (tag ``exercise-solution``) define it.
Such a cell may define only the name that one of the registered exercises *of
that page* names, or its solution's name (``DenseSolution``), and, inside that
class, its methods; any other definition
in it, or the same definition in an untagged cell, still fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.book.chapters import LIBRARY, ROOT, code_cells, toc_files


def _library_names() -> set[str]:
    names: set[str] = set()
    for path in LIBRARY.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
                if not node.name.startswith("__"):
                    names.add(node.name)
    return names


EXERCISE_TAGS = ("exercise-stub", "exercise-solution")


def _exercise_names(page: Path) -> set[str]:
    """The names the build-it-yourself exercises of ``page`` ask the reader to define."""
    from nnfs_lib.exercises import EXERCISES

    relative = page.resolve().relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else ""
    return {
        name
        for e in EXERCISES.values()
        if e.page == relative
        for name in (e.defines, e.solution_name)
    }


def _cell_definitions(page: Path, exempt: set[str] | None = None) -> list[tuple[int, str]]:
    """(line, name) of every function or class a cell defines, minus the exercise exemption."""
    exempt = _exercise_names(page) if exempt is None else exempt
    found = []
    for cell in code_cells(page.read_text(encoding="utf-8")):
        source = "\n".join(
            line for line in cell.body.split("\n") if not line.lstrip().startswith(("%", "!"))
        )
        tree = ast.parse(source)
        allowed: set[int] = set()
        if any(tag in cell.options.get("tags", "") for tag in EXERCISE_TAGS):
            for (
                node
            ) in tree.body:  # top-level definitions of an exercise's name, with their methods
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in exempt:
                    allowed.update(id(inner) for inner in ast.walk(node))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
                if id(node) not in allowed:
                    found.append((cell.line, node.name))
    return found


PAGES = [p for p in toc_files() if p.exists()]
LIBRARY_NAMES = _library_names()


def test_library_names_are_found() -> None:
    assert {"sigmoid", "Dense", "Sequential"} <= LIBRARY_NAMES


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_no_cell_redefines_library_code(page: Path) -> None:
    clashes = [
        f"line {line}: {name}" for line, name in _cell_definitions(page) if name in LIBRARY_NAMES
    ]
    assert not clashes, f"{page.name} defines library names in a cell: {clashes}"


def test_the_check_sees_a_clash(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```{code-cell} ipython3\nimport numpy as np\ndef sigmoid(z):\n    return z\n```\n"
    )
    assert [name for _, name in _cell_definitions(page)] == ["sigmoid"]


def _exercise_page(tmp_path: Path, tags: str, code: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(f"```{{code-cell}} ipython3\n:tags: [{tags}]\n\n{code}\n```\n")
    return page


def test_the_exemption_covers_only_a_tagged_cell_and_the_exercise_name(tmp_path: Path) -> None:
    code = "import numpy as np\n\nclass Dense:\n    def forward(self, X):\n        return X"
    assert _cell_definitions(_exercise_page(tmp_path, "exercise-stub", code), {"Dense"}) == []
    # untagged: no exemption
    assert [
        n for _, n in _cell_definitions(_exercise_page(tmp_path, "hide-input", code), {"Dense"})
    ] == [
        "Dense",
        "forward",
    ]
    # tagged, but another library name
    both = code + "\n\ndef sigmoid(z):\n    return z"
    found = _cell_definitions(_exercise_page(tmp_path, "exercise-solution", both), {"Dense"})
    assert [name for _, name in found] == ["sigmoid"]


def test_the_exemption_is_per_page() -> None:
    page = ROOT / "book" / "part1" / "activations.md"
    assert _exercise_names(page) == {
        "sigmoid",
        "sigmoid_derivative",
        "sigmoid_solution",
        "sigmoid_derivative_solution",
    }
    assert "Dense" not in _exercise_names(page)

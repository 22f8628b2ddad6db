"""No chapter cell defines a function or class that ``nnfs_lib`` defines.

The implementation lives once, in the library; a page shows it with
``literalinclude`` and calls it.
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


def _cell_definitions(page: Path) -> list[tuple[int, str]]:
    found = []
    for cell in code_cells(page.read_text(encoding="utf-8")):
        source = "\n".join(
            line for line in cell.body.split("\n") if not line.lstrip().startswith(("%", "!"))
        )
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
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

"""Pages import the library only through its public API.

A reader writes ``import nnfs_lib as nn`` or ``from nnfs_lib import fit``; the
subpackages ``nnfs_lib.data``, ``nnfs_lib.plotting`` and ``nnfs_lib.demos`` are
public too. A page that imports from a module path (``nnfs_lib.layers.dense``)
would teach the library's file layout instead of its API, and break when a file
moves.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.book.chapters import ROOT, code_cells, toc_files

PUBLIC = {"nnfs_lib", "nnfs_lib.data", "nnfs_lib.plotting", "nnfs_lib.demos", "nnfs_lib.exercises"}


def library_imports(page: Path) -> list[tuple[int, str]]:
    """(cell line, module) of every import of nnfs_lib in the page's code cells."""
    found = []
    for cell in code_cells(page.read_text(encoding="utf-8")):
        source = "\n".join(
            line for line in cell.body.split("\n") if not line.lstrip().startswith(("%", "!"))
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nnfs_lib"):
                found.append((cell.line, node.module))
            elif isinstance(node, ast.Import):
                found += [(cell.line, a.name) for a in node.names if a.name.startswith("nnfs_lib")]
    return found


PAGES = [p for p in toc_files() if p.exists()]


def test_the_pages_import_the_library() -> None:
    assert any(library_imports(page) for page in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_pages_import_only_public_names(page: Path) -> None:
    private = [(line, module) for line, module in library_imports(page) if module not in PUBLIC]
    assert not private, (
        f"{page.relative_to(ROOT)} imports from module paths {private}; import from "
        f"{sorted(PUBLIC)} instead"
    )


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_imported_names_exist_in_the_public_api(page: Path) -> None:
    import importlib

    for cell in code_cells(page.read_text(encoding="utf-8")):
        source = "\n".join(
            line for line in cell.body.split("\n") if not line.lstrip().startswith(("%", "!"))
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module in PUBLIC:
                package = importlib.import_module(node.module)
                for alias in node.names:
                    assert alias.name in package.__all__ or hasattr(package, alias.name), (
                        f"{page.relative_to(ROOT)} line {cell.line}: {node.module} has no "
                        f"public name {alias.name!r}"
                    )

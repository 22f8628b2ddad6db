"""Every ``literalinclude`` with ``:pyobject:`` in the book names code that exists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.book.chapters import ROOT, directives, toc_files


def _includes() -> list[tuple[Path, str, str]]:
    found = []
    for page in toc_files():
        if not page.exists():
            continue
        for d in directives(page.read_text(encoding="utf-8")):
            if d.name == "literalinclude":
                found.append((page, d.argument, d.options.get("pyobject", "")))
    return found


def _defined(module: ast.Module, dotted: str) -> bool:
    scope: list[ast.stmt] = module.body
    for part in dotted.split("."):
        node = next(
            (
                n
                for n in scope
                if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                and n.name == part
            ),
            None,
        )
        if node is None:
            return False
        scope = node.body
    return True


INCLUDES = _includes()


def test_the_book_shows_library_code() -> None:
    assert any(pyobject for _, _, pyobject in INCLUDES), "no literalinclude :pyobject: found"


@pytest.mark.parametrize(
    ("page", "target", "pyobject"),
    INCLUDES,
    ids=[f"{p.relative_to(ROOT)}:{o or t}" for p, t, o in INCLUDES],
)
def test_literalinclude_target_exists(page: Path, target: str, pyobject: str) -> None:
    path = (page.parent / target).resolve()
    assert path.is_file(), f"{page.name} includes {target}, which does not exist"
    assert path.is_relative_to(ROOT / "nnfs_lib") or path.is_relative_to(ROOT / "tests"), (
        f"{page.name} shows code from outside nnfs_lib and tests"
    )
    assert pyobject, f"{page.name} includes {target} without :pyobject:"
    module = ast.parse(path.read_text(encoding="utf-8"))
    assert _defined(module, pyobject), f"{target} defines no {pyobject!r}"

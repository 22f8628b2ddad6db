"""Which of this repository's source files a piece of code depends on, by its imports.

The one import walker of the repository. The book's freshness extension
(:mod:`nnfs_build.freshness`: a page is re-executed when a library module it
depends on changes) and the animations' manifest (``animations/manifest.py``: a
video is stale when a module its scene depends on changes) both use
:func:`closure`. Imports are read with :mod:`ast`, so every import form counts:
``import a.b``, ``from a.b import c`` (where ``c`` may itself be a module),
several imports in a row, parenthesised lists, relative imports, and imports
inside functions. Standard library only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path


def module_path(root: Path, module: str) -> Path | None:
    """The source file of dotted ``module`` under ``root`` (a module or a package), or None."""
    parts = module.split(".")
    for path in (root.joinpath(*parts).with_suffix(".py"), root.joinpath(*parts, "__init__.py")):
        if path.is_file():
            return path
    return None


def imports_in_source(source: str, package: tuple[str, ...] = ()) -> set[str]:
    """Dotted names a Python source imports; ``package`` resolves relative imports.

    For ``from a import b`` both ``a`` and ``a.b`` are listed, since ``b`` may be
    a submodule. Raises SyntaxError for source that is not Python.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join([*base, *([node.module] if node.module else [])])
            if module:
                found.add(module)
            found.update(f"{module}.{alias.name}".lstrip(".") for alias in node.names)
    return found


def imported_modules(root: Path, path: Path, packages: Iterable[str]) -> set[str]:
    """The modules of ``packages`` under ``root`` that the file ``path`` imports."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    names = imports_in_source(path.read_text(encoding="utf-8"), package)
    keep = set(packages)
    return {m for m in names if m.split(".")[0] in keep and module_path(root, m) is not None}


def closure(root: Path, modules: Iterable[str], packages: Iterable[str]) -> set[Path]:
    """Every file of ``packages`` reachable from ``modules`` through imports.

    A submodule brings its packages' ``__init__.py`` files, which Python runs first.
    """
    packages = tuple(packages)
    seen: set[Path] = set()
    todo = [m for m in modules if m.split(".")[0] in packages]
    while todo:
        module = todo.pop()
        path = module_path(root, module)
        if path is None or path in seen:
            continue
        seen.add(path)
        parts = module.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        todo.extend(imported_modules(root, path, packages))
    return seen

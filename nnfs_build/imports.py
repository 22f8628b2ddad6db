"""Which of this repository's source files a piece of code depends on, by its imports.

The one import walker of the repository. The book's freshness extension
(:mod:`nnfs_build.freshness`: a page is re-executed when a library module it
depends on changes) and the animations' manifest (``animations/manifest.py``: a
video is stale when a module its scene depends on changes) both use
:func:`closure`. Imports are read with :mod:`ast`, so every import form counts:
``import a.b``, ``from a.b import c`` (where ``c`` may itself be a module),
several imports in a row, parenthesised lists, relative imports, and imports
inside functions, and names used through a module alias (``import nnfs_lib as
nn`` then ``nn.fit``). Standard library only.

A package's ``__init__.py`` runs before any of its submodules, so it is part of
every closure that reaches the package; but when it only re-exports names (no
code of its own), its imports are NOT followed.
The library's ``__init__.py`` re-exports every public name (``from
nnfs_lib.training import fit``), so following it would make every page and
every video depend on the whole library. Instead a name taken from a package
(``from nnfs_lib import fit``, ``nn.fit``) is resolved, through the package's
re-exports, to the module that defines it, and that module is followed. (A
change in a module no page uses then re-executes no page: only import-time side
effects could make that wrong, and the library has none.)
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
    tree = ast.parse(source)
    aliases: dict[str, str] = {}  # local name -> the dotted module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    aliases[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join([*base, *([node.module] if node.module else [])])
            if module:
                found.add(module)
            found.update(f"{module}.{alias.name}".lstrip(".") for alias in node.names)
    for node in ast.walk(tree):  # nn.fit, where nn is an imported module
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in aliases:
                found.add(f"{aliases[node.value.id]}.{node.attr}")
    return found


def reexported(root: Path, package: str, name: str) -> str | None:
    """The module that ``package/__init__.py`` takes ``name`` from, or None.

    ``from nnfs_lib.training import fit`` in ``nnfs_lib/__init__.py`` makes
    ``reexported(root, "nnfs_lib", "fit")`` return ``"nnfs_lib.training"``.
    """
    init = root.joinpath(*package.split("."), "__init__.py")
    if not init.is_file():
        return None
    parts = tuple(package.split("."))
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and any(
            (alias.asname or alias.name) == name for alias in node.names
        ):
            base = parts[: len(parts) - node.level + 1] if node.level else ()
            source = ".".join([*base, *([node.module] if node.module else [])])
            original = next(a.name for a in node.names if (a.asname or a.name) == name)
            as_module = f"{source}.{original}"
            return as_module if module_path(root, as_module) is not None else source
    return None


def resolve(root: Path, names: Iterable[str], packages: Iterable[str]) -> set[str]:
    """The modules of ``packages`` that dotted ``names`` (modules, or names in modules) mean.

    A module stays itself; ``package.name`` for a name a package re-exports becomes
    the module that defines it (through several packages if need be); anything
    else of ``packages`` that is not a module is dropped (a name defined in a
    module is covered by the module itself).
    """
    keep = set(packages)
    found: set[str] = set()
    for name in names:
        for _ in range(10):  # a re-export of a re-export, a few levels at most
            if name.split(".")[0] not in keep:
                break
            if module_path(root, name) is not None:
                found.add(name)
                break
            package, _, attr = name.rpartition(".")
            source = reexported(root, package, attr) if package else None
            if source is None:
                break
            if module_path(root, source).name != "__init__.py" or source == package:
                found.add(source)
                break
            name = f"{source}.{attr}"  # a package re-exporting another package's name
    return found


def reexports_only(path: Path) -> bool:
    """True for an ``__init__.py`` that only imports and lists names (no code of its own)."""
    if path.name != "__init__.py":
        return False
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.Assign) and all(
            isinstance(t, ast.Name) and t.id.startswith("__") for t in node.targets
        ):
            continue  # __all__, __version__
        return False
    return True


def imported_modules(root: Path, path: Path, packages: Iterable[str]) -> set[str]:
    """The modules of ``packages`` under ``root`` that the file ``path`` imports."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    if path.name == "__init__.py":
        package = path.relative_to(root).parts[:-1]
    return resolve(root, imports_in_source(path.read_text(encoding="utf-8"), package), packages)


def closure(root: Path, modules: Iterable[str], packages: Iterable[str]) -> set[Path]:
    """Every file of ``packages`` reachable from ``modules`` through imports.

    ``modules`` may also name things inside a package (``nnfs_lib.fit``): they are
    resolved to their defining module (:func:`resolve`). A submodule brings its
    packages' ``__init__.py`` files, which Python runs first; the imports of an
    ``__init__.py`` that only re-exports names are not followed (see the module
    docstring).
    """
    packages = tuple(packages)
    seen: set[Path] = set()
    todo = sorted(resolve(root, modules, packages))
    while todo:
        module = todo.pop()
        path = module_path(root, module)
        if path is None or path in seen:
            continue
        seen.add(path)
        parts = module.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        if not reexports_only(path):
            todo.extend(imported_modules(root, path, packages))
    return seen

"""Sphinx extension: re-execute a page when the part of ``nnfs_lib`` it uses changes.

Sphinx re-reads a page only when its own source (or a file it includes) changes,
and myst-nb executes a page only when Sphinx reads it. A page that *imports*
``nnfs_lib`` would therefore keep showing the output of an old library after a
change to the library. This extension closes that gap:

1. For every page it finds the ``nnfs_lib`` modules the page imports or
   literal-includes, and follows the library's own imports to the full set of
   modules the page depends on.
2. It stores a hash of those modules' sources with the page when it is read.
3. Before each build it marks as outdated every page whose hash has changed,
   so Sphinx re-reads it and myst-nb (in ``force`` mode) executes it again.

A page that does not use a changed module is not re-executed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

PACKAGE = "nnfs_lib"

_PAGE_IMPORT = re.compile(
    r"^\s*(?:from\s+(nnfs_lib(?:\.\w+)*)\s+import\s+([\w\s,()]+)|import\s+(nnfs_lib(?:\.\w+)*))",
    re.MULTILINE,
)
_PAGE_INCLUDE = re.compile(r"nnfs_lib/([\w/]+)\.py")
_LIB_ABS_IMPORT = re.compile(r"^\s*(?:from|import)\s+(nnfs_lib(?:\.\w+)*)", re.MULTILINE)
_LIB_REL_IMPORT = re.compile(
    r"^\s*from\s+(\.+)(\w+(?:\.\w+)*)?\s+import\s+([\w\s,()]+)", re.MULTILINE
)


def _module_file(root: Path, module: str) -> Path | None:
    """The source file of a dotted ``nnfs_lib`` module name, or None."""
    parts = module.split(".")
    as_file = root.joinpath(*parts).with_suffix(".py")
    if as_file.is_file():
        return as_file
    as_package = root.joinpath(*parts, "__init__.py")
    if as_package.is_file():
        return as_package
    return None


def _imports_of(root: Path, path: Path) -> set[str]:
    """Dotted names of the ``nnfs_lib`` modules a library file imports."""
    text = path.read_text(encoding="utf-8")
    found = set(_LIB_ABS_IMPORT.findall(text))
    package_parts = list(path.relative_to(root).with_suffix("").parts)
    if package_parts[-1] == "__init__":
        package_parts = package_parts[:-1]
    else:
        package_parts = package_parts[:-1]
    for dots, name, names in _LIB_REL_IMPORT.findall(text):
        base = package_parts[: len(package_parts) - (len(dots) - 1)]
        if name:
            found.add(".".join([*base, name]))
        else:  # ``from . import a, b``: each name may be a submodule
            for item in re.split(r"[\s,()]+", names):
                if item:
                    found.add(".".join([*base, item]))
    return found


def _closure(root: Path, modules: set[str]) -> set[Path]:
    """Every library file reachable from ``modules`` through the library's imports."""
    seen: set[Path] = set()
    todo = list(modules)
    while todo:
        module = todo.pop()
        path = _module_file(root, module)
        if path is None or path in seen:
            continue
        seen.add(path)
        # A submodule import runs its package's __init__ first.
        parts = module.split(".")
        for i in range(1, len(parts)):
            todo.append(".".join(parts[:i]))
        todo.extend(_imports_of(root, path))
    return seen


def page_dependencies(root: Path, page_source: str) -> set[Path]:
    """The library files a page's code depends on."""
    modules: set[str] = set()
    for from_module, names, plain_module in _PAGE_IMPORT.findall(page_source):
        module = from_module or plain_module
        modules.add(module)
        if from_module:  # ``from nnfs_lib import activations`` names a submodule
            for item in re.split(r"[\s,()]+", names):
                if item:
                    modules.add(f"{from_module}.{item}")
    for include in _PAGE_INCLUDE.findall(page_source):
        modules.add(".".join([PACKAGE, *include.split("/")]))
    return _closure(root.parent, modules) if modules else set()


def dependency_hash(root: Path, page_source: str) -> str:
    """A hash of the sources of every library file the page depends on."""
    digest = hashlib.sha256()
    for path in sorted(page_dependencies(root, page_source)):
        digest.update(str(path.relative_to(root.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _library_root(app: Sphinx) -> Path:
    return Path(app.srcdir) / PACKAGE


def _current_hash(app: Sphinx, env: BuildEnvironment, docname: str) -> str | None:
    source = env.doc2path(docname)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except OSError:
        return None
    return dependency_hash(_library_root(app), text)


def _record(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    if not hasattr(env, "nnfs_dependency_hashes"):
        env.nnfs_dependency_hashes = {}
    env.nnfs_dependency_hashes[docname] = dependency_hash(_library_root(app), source[0])


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    stored: dict[str, str] = getattr(env, "nnfs_dependency_hashes", {})
    stale = []
    for docname, old in stored.items():
        if docname in added or docname in changed or docname in removed:
            continue
        if _current_hash(app, env, docname) != old:
            stale.append(docname)
    if stale:
        LOGGER.info(f"[nnfs_freshness] nnfs_lib changed; re-executing: {', '.join(sorted(stale))}")
    return stale


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "nnfs_dependency_hashes", {}).pop(docname, None)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", _record)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    return {"version": "1.0", "parallel_read_safe": False, "parallel_write_safe": True}

"""Sphinx extension: re-execute a page when the part of ``nnfs_lib`` it uses changes.

Sphinx re-reads a page only when its own source (or a file it includes) changes,
and myst-nb executes a page only when Sphinx reads it. A page that *imports*
``nnfs_lib`` would therefore keep showing the output of an old library after a
change to the library. This extension closes that gap:

1. For every page it finds the ``nnfs_lib`` modules the page's code cells
   import (read with :mod:`ast`, by :mod:`nnfs_build.imports`) or that it
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

from nnfs_build.imports import closure, imports_in_source

LOGGER = logging.getLogger(__name__)

PACKAGE = "nnfs_lib"

_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
_YAML_OPTIONS = re.compile(r"\A---\n.*?^---\n", re.MULTILINE | re.DOTALL)
_PAGE_INCLUDE = re.compile(r"nnfs_lib/([\w/]+)\.py")


def _cell_imports(page_source: str) -> set[str]:
    """Modules (and names in them) the page's code cells import or use.

    The cells are read together, as the kernel runs them, so ``import nnfs_lib as
    nn`` in one cell and ``nn.fit`` in a later one count; IPython magics and shell
    lines are skipped. A page whose cells are not all Python falls back to each
    cell, then to each line.
    """
    cells = []
    for cell in _CODE_CELL.findall(page_source):
        cell = _YAML_OPTIONS.sub("", cell, count=1)
        cells.append(
            "\n".join(
                line for line in cell.splitlines() if not line.lstrip().startswith(("%", "!", ":"))
            )
        )
    try:
        return imports_in_source("\n".join(cells))
    except SyntaxError:
        pass
    modules: set[str] = set()
    for code in cells:
        try:
            modules |= imports_in_source(code)
        except SyntaxError:  # not Python: fall back to every import line in the cell
            for line in code.splitlines():
                try:
                    modules |= imports_in_source(line.strip())
                except SyntaxError:
                    continue
    return modules


def page_dependencies(root: Path, page_source: str) -> set[Path]:
    """The library files (under ``root``, the ``nnfs_lib`` folder) a page's code depends on.

    Follows the page's imports and literal-includes, then the library's own
    imports, transitively.
    """
    modules = _cell_imports(page_source)
    for include in _PAGE_INCLUDE.findall(page_source):
        modules.add(".".join([PACKAGE, *include.split("/")]))
    return closure(root.parent, modules, (PACKAGE,))


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
        LOGGER.info(
            f"[nnfs_build.freshness] nnfs_lib changed; re-executing: {', '.join(sorted(stale))}"
        )
    return stale


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "nnfs_dependency_hashes", {}).pop(docname, None)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", _record)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    return {"version": "1.0", "parallel_read_safe": False, "parallel_write_safe": True}

"""Sphinx extension: live Python in the page, run by Pyodide from the site's own files.

Configured in ``_config.yml`` (``sphinx.config.nnfs_live``)::

    nnfs_live:
      pages:
        book/part1/autodiff:              # a page (docname)
          files: [nnfs_lib/autodiff.py]   # repository files the page's Python imports
          packages: []                    # browser wheels to load (see below)
          prelude: |                      # run once before the reader's first cell
            from nnfs_lib.autodiff import Value
          description: What runs here.    # shown on the page, before "Run here"

For each listed page:

1. At read time every code cell whose Python the browser can run is marked
   ``nnfs-live-cell``: it imports only the standard library, the listed files and
   the listed packages, and uses no name but Python's builtins, the prelude's and
   its own (:func:`runs_in_browser`). A cell needing another cell's variables or
   NumPy keeps its built output only.
2. The page loads ``_static/nnfs-live.js``, which adds a "Run here" button. Only
   when the reader presses it does the script load Pyodide's core from
   ``_static/pyodide/`` (copied from the npm package ``pyodide``, pinned in
   ``nnfs_build/package.json``; ``npm ci`` installs it, ``make book`` runs that),
   write the listed files into its file system (copied into ``_static/live/``
   from the repository at build time: the library's own code, one implementation),
   load the listed packages, run the prelude, and turn each live cell into an
   editable box with a Run button and an output area.

``packages``: wheel files for the browser (``*-pyodide_*``/``*-pyemscripten_*``
platform tags), taken from ``nnfs_live.wheelhouse`` (default ``_build/wheelhouse``)
and copied into ``_static/pyodide/``. None is needed today: the autodiff module
is plain Python. Once NumPy publishes browser wheels on PyPI, putting them in the
wheelhouse (``pip download --only-binary=:all: --platform ... numpy``) and adding
a page with ``files: [nnfs_lib]`` and ``packages: [numpy]`` makes that page live:
a configuration change, no new code.

Other pages are untouched (their live option stays Binder). A configured page
whose Pyodide files are missing is a build error.
"""

from __future__ import annotations

import ast
import builtins
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.util.osutil import relative_uri

SCRIPT = "nnfs-live.js"
CSS_FILE = "nnfs-live.css"
STATIC = Path(__file__).parent / "static"
PYODIDE_DEFAULT = "nnfs_build/node_modules/pyodide"
# What Pyodide's core needs to start (no packages): the loader, the WebAssembly
# module and its glue, the standard library and the package index.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
LIVE_FOLDER = "live"
CELL_CLASS = "nnfs-live-cell"


def bound_names(tree: ast.AST) -> set[str]:
    """Names a piece of code binds anywhere: assignments, loop targets, imports, defs, arguments."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def runs_in_browser(source: str, provided: set[str], modules: set[str]) -> bool:
    """True if ``source`` needs nothing but builtins, ``provided`` names and importable ``modules``.

    ``modules``: top-level names importable in the browser besides the standard
    library (e.g. ``{"nnfs_lib"}``). Code that is not Python (a magic) is False.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    importable = set(sys.stdlib_module_names) | modules
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            if any(a.name.split(".")[0] not in importable for a in node.names):
                return False
        elif isinstance(node, ast.ImportFrom):
            if node.level or (node.module or "").split(".")[0] not in importable:
                return False
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return used <= provided | bound_names(tree) | set(dir(builtins))


def _pages(config: Config) -> dict[str, dict[str, Any]]:
    return dict((config.nnfs_live or {}).get("pages") or {})


def _page_modules(page: dict[str, Any]) -> set[str]:
    files = {Path(f).parts[0].removesuffix(".py") for f in page.get("files", [])}
    return files | set(page.get("packages", []))


def _pyodide_dir(app: Sphinx) -> Path:
    return Path(app.srcdir) / (app.config.nnfs_live or {}).get("pyodide", PYODIDE_DEFAULT)


def _check(app: Sphinx, config: Config) -> None:
    """Fail early, before any page runs, if a live page is configured but Pyodide is missing."""
    if not _pages(config):
        return
    folder = _pyodide_dir(app)
    missing = [f for f in PYODIDE_FILES if not (folder / f).is_file()]
    if missing:
        raise ExtensionError(
            f"nnfs_build.live: Pyodide's files {missing} are not in {folder}; install the pinned "
            "npm package with `npm ci --prefix nnfs_build` (make book does)"
        )
    for page in _pages(config).values():
        for name in page.get("files", []):
            if not (Path(app.srcdir) / name).exists():
                raise ExtensionError(f"nnfs_build.live: no file {name} to serve to the browser")


def _mark_cells(app: Sphinx, doctree: nodes.document) -> None:
    page = _pages(app.config).get(app.env.docname)
    if page is None:
        return
    prelude = ast.parse(page.get("prelude", ""))
    provided = bound_names(prelude)
    modules = _page_modules(page)
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code":
            continue
        blocks = [
            b
            for b in cell.findall(nodes.literal_block)
            if b.parent.get("nb_element") == "cell_code_source"
        ]
        if blocks and runs_in_browser(blocks[0].astext(), provided, modules):
            cell["classes"].append(CELL_CLASS)


def _add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    page = _pages(app.config).get(pagename)
    if page is None:
        return
    here = app.builder.get_target_uri(pagename)
    settings = {
        "pyodide": relative_uri(here, "_static/pyodide/"),
        "files": {f: relative_uri(here, f"_static/{LIVE_FOLDER}/{f}") for f in _files([page], app)},
        "packages": [relative_uri(here, f"_static/pyodide/{w.name}") for w in _wheels(app, page)],
        "prelude": page.get("prelude", ""),
        "description": page.get("description", ""),
    }
    app.add_js_file(None, body=f"window.NNFS_LIVE = {json.dumps(settings)};")
    app.add_js_file(SCRIPT, defer="defer")
    app.add_css_file(CSS_FILE)


def _files(pages: list[dict[str, Any]], app: Sphinx) -> list[str]:
    """The repository files to serve, folders expanded to their ``.py`` files."""
    root = Path(app.srcdir)
    found: list[str] = []
    for page in pages:
        for name in page.get("files", []):
            path = root / name
            paths = sorted(path.rglob("*.py")) if path.is_dir() else [path]
            found += [p.relative_to(root).as_posix() for p in paths if "__pycache__" not in p.parts]
    return sorted(set(found))


def _wheels(app: Sphinx, page: dict[str, Any]) -> list[Path]:
    wheelhouse = Path(app.srcdir) / (app.config.nnfs_live or {}).get(
        "wheelhouse", "_build/wheelhouse"
    )
    wheels = []
    for package in page.get("packages", []):
        found = sorted(wheelhouse.glob(f"{package.replace('-', '_')}-*.whl"))
        if not found:
            raise ExtensionError(
                f"nnfs_build.live: no browser wheel for {package!r} in {wheelhouse}"
            )
        wheels.append(found[-1])
    return wheels


def _copy(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not _pages(app.config):
        return
    static = Path(app.outdir) / "_static"
    target = static / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(_pyodide_dir(app) / name, target / name)
    for page in _pages(app.config).values():
        for wheel in _wheels(app, page):
            shutil.copy2(wheel, target / wheel.name)
    for name in _files(list(_pages(app.config).values()), app):
        dest = static / LIVE_FOLDER / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(app.srcdir) / name, dest)
    for name in (SCRIPT, CSS_FILE):
        shutil.copy2(STATIC / name, static / name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("nnfs_live", {}, "html", types=[dict])
    app.connect("config-inited", _check, priority=900)
    app.connect("doctree-read", _mark_cells)
    app.connect("html-page-context", _add_script)
    app.connect("build-finished", _copy)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

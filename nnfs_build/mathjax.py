"""Sphinx extension: serve MathJax from the site itself, never from a CDN.

Sphinx loads MathJax from a CDN by default, so a reader without network (and
the headless browser tests) would see raw TeX. This extension serves MathJax
from the site instead:

1. At ``config-inited`` it points ``mathjax_path`` at ``_static/mathjax/``.
2. At ``build-finished`` it copies MathJax 3 (the browser build shipped in the
   PyPI package ``sphinx-mathjax-offline``, pinned in ``requirements.txt``)
   into ``_build/html/_static/mathjax/``: the ``tex-mml-chtml.js`` component
   that Sphinx uses by default, the fonts of its HTML output, and the
   extensions, menu and speech files it loads on demand.

A missing MathJax package is a build error, never a silent fall-back to a CDN.
"""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

MATHJAX_DISTRIBUTION = "sphinx-mathjax-offline"
MATHJAX_COMPONENT = "tex-mml-chtml.js"
# Relative to the package's MathJax folder: what tex-mml-chtml.js can load.
MATHJAX_PARTS = (MATHJAX_COMPONENT, "input", "output/chtml", "a11y", "ui", "sre", "adaptors")


def mathjax_source() -> Path:
    """The folder holding the MathJax browser build installed from PyPI."""
    try:
        dist = metadata.distribution(MATHJAX_DISTRIBUTION)
    except metadata.PackageNotFoundError as error:
        raise ExtensionError(
            f"{MATHJAX_DISTRIBUTION} is not installed: it provides the MathJax that the "
            "site serves itself (pip install -r requirements.txt)"
        ) from error
    folder = Path(str(dist.locate_file("sphinx-mathjax-offline/static/mathjax")))
    if not (folder / MATHJAX_COMPONENT).is_file():
        raise ExtensionError(f"{MATHJAX_COMPONENT} not found in {folder}")
    return folder


def _configure(app: Sphinx, config: Config) -> None:
    mathjax_source()  # fail early, before any page is executed
    config.mathjax_path = f"mathjax/{MATHJAX_COMPONENT}"


def _copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src, dst = source / part, target / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _configure, priority=900)
    app.connect("build-finished", _copy_mathjax)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

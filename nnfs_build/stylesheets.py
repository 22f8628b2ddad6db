"""A style sheet that an extension writes into the site and links from every page (a helper).

Used by :mod:`nnfs_build.link_contrast` and :mod:`nnfs_build.figure_theme`:
:func:`add_stylesheet` links ``_static/<filename>`` from every page and writes
``css`` there when an HTML build finishes.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def add_stylesheet(app: Sphinx, filename: str, css: str) -> None:
    """Link ``_static/filename`` from every page; write ``css`` into it after an HTML build."""

    def write(app: Sphinx, exception: Exception | None) -> None:
        if exception is not None or app.builder.format != "html":
            return
        target = Path(app.outdir) / "_static" / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")

    app.add_css_file(filename)
    app.connect("build-finished", write)

"""Sphinx extension: make the built site complete on its own.

Sphinx loads MathJax from a CDN by default, so a reader without network (and
the headless browser tests) would see raw TeX. This extension serves MathJax
from the site itself instead:

1. At ``config-inited`` it points ``mathjax_path`` at ``_static/mathjax/``.
2. At ``build-finished`` it copies MathJax 3 (the browser build shipped in the
   PyPI package ``sphinx-mathjax-offline``, pinned in ``requirements.txt``)
   into ``_build/html/_static/mathjax/``: the ``tex-mml-chtml.js`` component
   that Sphinx uses by default, the fonts of its HTML output, and the
   extensions, menu and speech files it loads on demand.

It also normalises the theme's colour mode: pydata-sphinx-theme (the base of
sphinx-book-theme) writes ``html_context["default_mode"]`` into its start-up
script, and when that key is unset the script sets an empty mode, so a first
visit (empty browser storage) logs "Got invalid theme mode: . Resetting to
auto." as a console error. Setting the default to ``"auto"`` (the value the
theme falls back to anyway) removes the cause.

It drops repeated ``<script>`` entries from each page. sphinx-thebe adds its
inline configuration (``const THEBE_JS_URL = ...``) each time its
``env-before-read-docs`` handler runs, and in a Jupyter Book build that
happens twice, so every page declared the same ``const`` twice and the
browser threw "Identifier 'THEBE_JS_URL' has already been declared".

It gives figures drawn by a code cell an alt text. myst-nb writes such an
image with no alt, so the HTML carries the PNG's file name, which is what a
screen reader would read. Our chapters describe each such figure in the
sentence right after its cell; that sentence becomes the image's alt text
(a cell can also set its own with ``mystnb: image: alt:`` metadata, which is
kept). Figures with a caption (``glue:figure``, ``figure``) are described by
the caption and are left alone.

It writes ``sitemap.xml`` (every page of the book, under ``html_baseurl``) and
a ``robots.txt`` that points to it, for search engines.

Finally it makes the kernels that execute the pages draw figures as images.
``make`` (and the usual build command) export ``MPLBACKEND=Agg`` so that tests
and scripts never open a window; a kernel started with that variable keeps
the Agg backend, and every figure a page displays or glues then reaches the
site as the text ``<Figure size 640x480 with 1 Axes>`` instead of a picture.
The build therefore hands its kernels matplotlib's inline backend, which
renders figures as PNG and opens no window either.

It raises the contrast of links inside theorem, proof and exercise boxes, and
gives the bibliography's list valid ARIA roles (axe-core findings).

A missing MathJax package is a build error, never a silent fall-back to a CDN.
"""

from __future__ import annotations

import os
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

MATHJAX_DISTRIBUTION = "sphinx-mathjax-offline"
MATHJAX_COMPONENT = "tex-mml-chtml.js"
# Relative to the package's MathJax folder: what tex-mml-chtml.js can load.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
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
    context = dict(config.html_context or {})
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    config.html_context = context
    # Inherited by the Jupyter kernels myst-nb starts for execution.
    if os.environ.get("MPLBACKEND", "").lower() in ("agg", "pdf", "svg", "cairo"):
        os.environ["MPLBACKEND"] = INLINE_BACKEND


def _script_key(script: Any) -> tuple:
    # An inline script is registered once with filename None and once with "".
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def _drop_repeated_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


ALT_MAX_CHARS = 400


def _cell_of(node: nodes.Node) -> nodes.Element | None:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.figure):
            return None  # described by its caption
        if isinstance(parent, nodes.container) and parent.get("nb_element") == "cell_code":
            return parent
        parent = parent.parent
    return None


def _describe_cell_figures(app: Sphinx, doctree: nodes.document) -> None:
    for image in list(doctree.findall(nodes.image)):
        if image.get("alt"):
            continue
        cell = _cell_of(image)
        if cell is None or cell.parent is None:
            continue
        index = cell.parent.index(cell)
        following = cell.parent.children[index + 1 : index + 2]
        if following and isinstance(following[0], nodes.paragraph):
            text = " ".join(following[0].astext().split())
            if len(text) > ALT_MAX_CHARS:
                text = text[: ALT_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
            image["alt"] = text


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


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    base = (app.config.html_baseurl or "").rstrip("/")
    if not base:
        return
    urls = sorted(
        f"{base}/{app.builder.get_target_uri(docname)}"
        for docname in app.env.found_docs
        if (Path(app.outdir) / app.builder.get_target_uri(docname)).is_file()
    )
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    outdir = Path(app.outdir)
    (outdir / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (outdir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n", encoding="utf-8"
    )


SITE_CSS = """/* nnfs_site: accessibility fixes on top of sphinx-book-theme (see nnfs_site.py). */
/* The theme's link blue (#176de8) has a contrast of only 4.3:1 on the tinted
   background of theorem, proof and exercise boxes; WCAG AA asks for 4.5:1.
   This darker blue has 6:1 there and 7:1 on white. */
html[data-theme="light"] .bd-article a.reference {
  color: #0b55c4;
}
"""


def _write_css(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "nnfs-site.css"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SITE_CSS, encoding="utf-8")


def _fix_citation_roles(app: Sphinx, exception: Exception | None) -> None:
    """Give the bibliography's list valid ARIA roles.

    docutils writes ``<div role="list" class="citation-list">`` around entries
    with ``role="doc-biblioentry"``, a role that ARIA 1.2 deprecated; axe-core
    then reports the list as having no list items (a critical violation for
    screen-reader users). The entries become ``listitem``s.
    """
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="citation-list"' in text and 'role="doc-biblioentry"' in text:
            page.write_text(
                text.replace('role="doc-biblioentry"', 'role="listitem"'), encoding="utf-8"
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_css_file("nnfs-site.css")
    app.connect("build-finished", _write_css)
    app.connect("build-finished", _fix_citation_roles)
    app.connect("config-inited", _configure, priority=900)
    app.connect("doctree-read", _describe_cell_figures)
    app.connect("html-page-context", _drop_repeated_scripts, priority=999)
    app.connect("build-finished", _copy_mathjax)
    app.connect("build-finished", _write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

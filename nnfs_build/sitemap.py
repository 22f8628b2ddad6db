"""Sphinx extension: ``sitemap.xml`` and ``robots.txt``, for search engines.

The sitemap lists every page of the book under ``html_baseurl``; ``robots.txt``
allows everything and points to it. Without ``html_baseurl`` nothing is written
(a sitemap needs absolute addresses).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sphinx.application import Sphinx


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


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", _write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

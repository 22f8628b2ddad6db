"""Sphinx extension: the bibliography's list gets valid ARIA roles.

docutils writes ``<div role="list" class="citation-list">`` around entries with
``role="doc-biblioentry"``, a role that ARIA 1.2 deprecated; axe-core then
reports the list as having no list items (a critical violation for screen-reader
users). After the build, the entries of every such page become ``listitem``s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def _fix_citation_roles(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="citation-list"' in text and 'role="doc-biblioentry"' in text:
            page.write_text(
                text.replace('role="doc-biblioentry"', 'role="listitem"'), encoding="utf-8"
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", _fix_citation_roles)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

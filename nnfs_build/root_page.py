"""Sphinx extension: the site's ``index.html``, a small page that forwards to the book.

The book starts at ``book/intro`` (``_toc.yml``), so the site's root has no page of
its own. sphinx-external-toc writes one at the end of the build if none exists: a
single ``<meta http-equiv="Refresh">`` line. That line names no icon, so a browser
opening the root asks the server for ``/favicon.ico``, which the site does not have,
and logs the 404 as a console error (whether it does so before the refresh
leaves the page is a matter of timing). We write the page first, as a complete
document: a title, the refresh, a link for a browser that does not follow
refreshes, and the site's icon written into the page as a ``data:`` URL. The
browser then requests no icon at all here: a request for ``_static/favicon.svg``
would be cut short by the refresh on about two visits in five.
sphinx-external-toc leaves an existing ``index.html`` alone.
"""

from __future__ import annotations

import base64
import mimetypes
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import isurl


def root_page_html(target: str, title: str, icon: str | None) -> str:
    """The root page: forwards to ``target`` (a URL relative to the root) at once."""
    href = escape(target, quote=True)
    icon_link = f'  <link rel="icon" href="{escape(icon, quote=True)}">\n' if icon else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        f"  <title>{escape(title)}</title>\n"
        f"{icon_link}"
        f'  <meta http-equiv="Refresh" content="0; url={href}">\n'
        "</head>\n"
        "<body>\n"
        f'  <p><a href="{href}">{escape(title)}</a></p>\n'
        "</body>\n"
        "</html>\n"
    )


def data_url(path: Path) -> str:
    """The file at ``path`` as a base64 ``data:`` URL, its type guessed from its name."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _icon(app: Sphinx) -> str | None:
    """``html_favicon`` as a URL the page can name without a request to the site."""
    favicon = app.config.html_favicon
    if not favicon:
        return None
    if isurl(favicon):
        return favicon
    return data_url(Path(app.confdir) / favicon)


def _write_root_page(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if app.config.root_doc == "index":  # the book's first page is the root itself
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    title = app.config.html_title or app.config.project
    page = root_page_html(target, title, _icon(app))
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    # Before sphinx-external-toc's own handler (priority 500), which then finds the page.
    app.connect("build-finished", _write_root_page, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""nnfs_build.root_page: the site's index.html forwards to the book and names the site's icon."""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from sphinx.application import Sphinx

from nnfs_build.root_page import data_url, root_page_html


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_the_page_forwards_names_its_icon_and_links_the_book() -> None:
    html = root_page_html("book/intro.html", "Nets & more", "_static/favicon.svg")
    tags = _tags(html)
    assert html.startswith("<!DOCTYPE html>")
    assert ("meta", {"http-equiv": "Refresh", "content": "0; url=book/intro.html"}) in tags
    assert ("link", {"rel": "icon", "href": "_static/favicon.svg"}) in tags
    assert ("a", {"href": "book/intro.html"}) in tags
    assert "<title>Nets &amp; more</title>" in html


def test_without_an_icon_no_icon_link_is_written() -> None:
    assert "icon" not in root_page_html("intro.html", "Book", None)


# sphinx-external-toc looks through every object alive in the process (gc) for
# Sphinx's toctree collector; when the parity tests have imported PyTorch, that
# touches a deprecated attribute of torch.distributed, which warns.
@pytest.mark.filterwarnings("ignore:`torch.distributed.reduce_op` is deprecated:FutureWarning")
def test_a_build_writes_it_before_sphinx_external_toc_would(tmp_path: Path) -> None:
    """A real Sphinx build with the book's table-of-contents extension."""
    source = tmp_path / "src"
    (source / "book").mkdir(parents=True)
    (source / "book" / "intro.rst").write_text("Intro\n=====\n\nHello.\n", encoding="utf-8")
    (source / "book" / "icon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', encoding="utf-8"
    )
    (source / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n", encoding="utf-8")
    (source / "conf.py").write_text(
        "extensions = ['sphinx_external_toc', 'nnfs_build.root_page']\n"
        "external_toc_path = '_toc.yml'\n"
        "project = 'Tiny'\n"
        "html_title = 'Tiny book'\n"
        "html_favicon = 'book/icon.svg'\n",
        encoding="utf-8",
    )
    out = tmp_path / "html"
    status = StringIO()
    app = Sphinx(source, source, out, tmp_path / "doctrees", "html", status=status, warning=None)
    app.build()
    assert "[etoc] missing index.html written" not in status.getvalue()
    tags = _tags((out / "index.html").read_text(encoding="utf-8"))
    assert ("meta", {"http-equiv": "Refresh", "content": "0; url=book/intro.html"}) in tags
    # The icon is in the page itself: the browser requests nothing before it moves on.
    icon = (source / "book" / "icon.svg").read_bytes()
    href = "data:image/svg+xml;base64," + base64.b64encode(icon).decode("ascii")
    assert ("link", {"rel": "icon", "href": href}) in tags
    assert (out / "book" / "intro.html").is_file()


def test_an_icon_becomes_a_data_url_of_its_type(tmp_path: Path) -> None:
    png = tmp_path / "icon.png"
    png.write_bytes(b"\x89PNG\r\n")
    assert data_url(png) == "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n").decode()

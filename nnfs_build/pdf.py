"""Print the built book to one PDF with headless Chromium (``make pdf``).

Not a Sphinx extension: a command run after ``make book``. It joins the
articles of every page, in the order of the table of contents, into one print
page beside the site (so the site's own styles, fonts and MathJax apply, with
the print rules of ``print.css`` on top), lets MathJax typeset it with no
network, and prints it with Chromium. Math that MathJax cannot typeset fails
the command instead of leaving a gap.

The print page is a book: a title page (title, version, build date and commit),
the contents (parts and chapters with their page numbers), a page for each
part, and each chapter on a new page under a running head of its own (each
chapter is a CSS named page whose ``@top-center`` margin box holds its title);
every page but the title and part pages carries its number at the foot. Links
between pages become links inside the PDF (every id is prefixed with its page's
key); links to files of the site that are not pages (notebooks, videos) point
to the published site.

The contents' page numbers take two prints of the same loaded page: the first
with placeholders of the same width, from which the page of every chapter is
read (Chromium writes a named destination for every link target), the second
with the numbers filled in; the two must agree. The bookmarks (parts,
chapters, sections) are then written into the PDF with pypdf.

    python -m nnfs_build.pdf [SITE_DIR] [OUTPUT_PDF]

Chromium: ``/usr/bin/chromium`` or ``$NNFS_CHROMIUM``.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import logging
import os
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
PRINT_PAGE = "nnfs-print.html"  # written at the site root, removed afterwards
PRINT_CSS = Path(__file__).with_name("print.css")
# Headless Chromium as this machine runs it: no sandbox (root), no GPU, and none
# of the background connections that a closed network refuses. The site suite
# (tests/site/sitecheck.py) launches its browser with these flags and OFFLINE too.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# No host name resolves but the local server's: the page cannot reach a third party.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
CHROMIUM_ARGS = [*CHROMIUM_FLAGS, OFFLINE]
PRINT_TIMEOUT_MS = 300_000
# Chromium's PDFs declare a trailer size smaller than their object count; pypdf reads
# them right but says so at every read.
logging.getLogger("pypdf").setLevel(logging.ERROR)
PLACEHOLDER = "000"  # the width of a page number in the contents, before it is known
# The text block of an A4 page inside print.css's margins (210 mm - 2 x 17 mm), in CSS px.
TEXT_BLOCK_PX = round((210 - 2 * 17) / 25.4 * 96)


# A frame of matplotlib's animation player, in its script: frames[3] = "data:image/png;base64,...",
# its lines continued with a backslash at their end.
_ANIMATION_FRAME = re.compile(r'frames\[\d+\] = "(data:image/\w+;base64,[^"]+)"')


@dataclass
class Chapter:
    """One page of the site, printed as a chapter."""

    page: str  # site-relative path, e.g. book/part1/neuron.html
    title: str  # as the sidebar lists it, e.g. "1. From biological to artificial neuron"
    sections: list[tuple[str, str]] = field(default_factory=list)  # (print id, title)

    @property
    def key(self) -> str:
        """The prefix of this page's ids on the print page (and its own anchor)."""
        return page_key(self.page)


@dataclass
class Part:
    """A caption of the table of contents and its chapters (no caption: the front page)."""

    caption: str | None
    number: int
    chapters: list[Chapter] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"nnfs-part-{self.number}"


def page_key(page: str) -> str:
    """``book/part1/neuron.html`` -> ``book-part1-neuron``: an id prefix for a page's ids."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", page.removesuffix(".html"))


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (for a margin box's ``content``)."""
    escaped = "".join(
        f"\\{ord(c):x} " if c in '"\\' or ord(c) < 0x20 or c == "\x7f" else c for c in text
    )
    return f'"{escaped}"'


def _parse(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _target(site: Path, page: str, url: str) -> str | None:
    """The site-relative path a relative URL on ``page`` points to, or None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = ((site / page).parent / parts.path).resolve()
    try:
        return target.relative_to(site).as_posix()
    except ValueError:
        return None


def _text(element) -> str:
    """An element's text without its permalink (the "#" of a headerlink)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for link in copy.select("a.headerlink"):
        link.decompose()
    return " ".join(copy.get_text(" ").split()).replace(" .", ".")


def _first_page(site: Path) -> str:
    index = _parse(site, "index.html")
    for meta in index.find_all("meta"):
        if meta.get("http-equiv", "").lower() == "refresh" and "url=" in meta.get("content", ""):
            return _target(site, "index.html", meta["content"].split("url=", 1)[1]) or "index.html"
    return "index.html"


def book_title(site: Path) -> str:
    """The book's title, as the sidebar's home link gives it."""
    home = _parse(site, _first_page(site)).select_one(".bd-sidenav__home-link a")
    return " ".join(home.get_text().split()) if home else "Neural Networks From Scratch"


def book_parts(site: Path) -> list[Part]:
    """The parts and chapters, in the order of the first page's sidebar (the table of contents).

    The first page (the book's introduction) makes a part of its own, without caption.
    """
    first = _first_page(site)
    title = book_title(site)
    parts = [Part(None, 0, [Chapter(first, "Introduction")])]
    seen = {first}
    nav = _parse(site, first).select_one("nav.bd-docs-nav")
    for element in nav.select("p.caption, a.reference.internal[href]") if nav else []:
        if element.name == "p":
            parts.append(Part(" ".join(element.get_text().split()), len(parts)))
            continue
        target = _target(site, first, urldefrag(element["href"])[0])
        if target and target.endswith(".html") and target not in seen:
            seen.add(target)
            chapter_title = " ".join(element.get_text().split())
            if chapter_title == title:
                chapter_title = "Introduction"
            parts[-1].chapters.append(Chapter(target, chapter_title))
    return [part for part in parts if part.chapters]


def book_order(site: Path) -> list[str]:
    """The pages in the order of the first page's sidebar (the table of contents)."""
    return [chapter.page for part in book_parts(site) for chapter in part.chapters]


def _site_url(document: BeautifulSoup, page: str) -> str | None:
    """The published site's root URL, from the page's canonical link (html.baseurl)."""
    link = document.find("link", rel="canonical", href=True)
    if link is None or not link["href"].endswith(page):
        return None
    return link["href"][: -len(page)]


def _rewrite_article(site: Path, chapter: Chapter, part, pages: set[str], site_url: str | None):
    """Make ``part`` (a page's article) a chapter of the print page, in place."""
    key = chapter.key
    for element in part.find_all(id=True):
        if element.find_parent("svg") is None:
            element["id"] = f"{key}--{element['id']}"
    for attr in ("aria-describedby", "aria-labelledby", "for"):
        for element in part.find_all(attrs={attr: True}):
            element[attr] = " ".join(f"{key}--{ref}" for ref in str(element[attr]).split())
    for element in part.find_all("img", src=True):
        target = _target(site, chapter.page, element["src"].split("?")[0])
        if target:
            element["src"] = target
        element.attrs.pop("loading", None)  # a lazy image may not be loaded when printed
    for element in part.find_all("a", href=True):
        url, fragment = urldefrag(element["href"])
        if not url:
            if fragment:
                element["href"] = f"#{key}--{fragment}"
            continue
        target = _target(site, chapter.page, url)
        if target is None:
            continue
        if target in pages:
            target_key = page_key(target)
            element["href"] = f"#{target_key}--{fragment}" if fragment else f"#{target_key}"
        elif site_url:
            element["href"] = urljoin(site_url, target) + (f"#{fragment}" if fragment else "")
        else:
            element["href"] = target + (f"#{fragment}" if fragment else "")
    # Solutions are collapsed dropdowns on the site (sphinx-togglebutton hides the
    # content of an admonition with the class "dropdown"); on paper they are open.
    for element in part.select(".dropdown"):
        element["class"] = [c for c in element["class"] if c != "dropdown"]
    for element in part.find_all("details"):
        element["open"] = ""
    # An in-page animation player (matplotlib's to_jshtml) draws its frame from its
    # script, by ids that the prefixing above has changed: on paper it is its last
    # frame (the whole run drawn), without its buttons.
    for player in part.select("div.animation"):
        script = player.find_next("script")
        frames = _ANIMATION_FRAME.findall(script.string or "") if script else []
        image = player.find("img")
        if frames and image is not None:
            image["src"] = frames[-1].replace("\\\n", "")  # the script's line continuations
            image["class"] = [*image.get("class", []), "nnfs-animation-print"]
    # A video prints its poster and where to watch it.
    for video in part.find_all("video"):
        poster = _target(site, chapter.page, video.get("poster", ""))
        source = video.find("source", src=True)
        movie = _target(site, chapter.page, source["src"]) if source else None
        holder = BeautifulSoup("<div class='nnfs-video-print'></div>", "html.parser").div
        if poster:
            image = holder.__class__(
                name="img", attrs={"src": poster, "alt": video.get("aria-label", "")}
            )
            holder.append(image)
        if movie:
            url = urljoin(site_url, movie) if site_url else movie
            line = BeautifulSoup(
                f"<p class='nnfs-video-link'>Video: <a href='{escape(url)}'>{escape(url)}</a></p>",
                "html.parser",
            )
            holder.append(line)
        video.replace_with(holder)
    # The sections, for the bookmarks: the second-level headings of the chapter.
    for heading in part.select("section > h2"):
        section = heading.parent
        if section.get("id"):
            chapter.sections.append((section["id"], _text(heading)))


def _front_matter(title: str, stamp: str, parts: list[Part]) -> str:
    rows = []
    for part in parts:
        if part.caption is not None:
            rows.append(_contents_row("nnfs-toc-part", part.key, part.caption))
        for chapter in part.chapters:
            rows.append(_contents_row("nnfs-toc-chapter", chapter.key, chapter.title))
    targets = "".join(
        f'<a href="#{escape(anchor)}">.</a>'
        for part in parts
        for chapter in part.chapters
        for anchor, _ in chapter.sections
    )
    return (
        f'<section class="nnfs-title-page"><p class="nnfs-book-title">{escape(title)}</p>'
        f'<p class="nnfs-book-stamp">{stamp}</p></section>'
        '<nav class="nnfs-contents" aria-label="Contents">'
        f'<p class="nnfs-contents-title">Contents</p><ol>{"".join(rows)}</ol></nav>'
        f'<div class="nnfs-outline-targets" aria-hidden="true">{targets}</div>'
    )


def _contents_row(kind: str, anchor: str, title: str) -> str:
    return (
        f'<li class="{kind}"><a href="#{escape(anchor)}">'
        f'<span class="nnfs-toc-title">{escape(title)}</span><span class="nnfs-toc-leader"></span>'
        f'<span class="nnfs-toc-page" data-target="{escape(anchor)}">{PLACEHOLDER}</span>'
        "</a></li>"
    )


def title_page_stamp() -> str:
    """The title page's last lines: the version, and when and from which commit it was built."""
    from nnfs_build.build_stamp import current_stamp

    try:
        from nnfs_lib import __version__ as version
    except ImportError:  # pragma: no cover - the book is never built without it
        version = "unknown"
    stamp = current_stamp(ROOT)
    if stamp.commit is None:
        source = "from sources that were not a git checkout"
    else:
        source = f"from commit {escape(stamp.commit)}"
        if stamp.modified:
            source += " with local changes"
    return f"Version {escape(version)}<br>Built {escape(stamp.when)}<br>{source}"


def build_print_page(site: Path) -> Path:
    """Write the whole book as one HTML page at the site root; returns its path."""
    parts = book_parts(site)
    first = parts[0].chapters[0].page
    pages = {chapter.page for part in parts for chapter in part.chapters}
    document = _parse(site, first)
    site_url = _site_url(document, first)
    article = document.select_one("article.bd-article")
    for element in document.select(
        ".bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-article,"
        " footer, .prev-next-area, .bd-footer, .bd-footer-article, .bd-footer-content,"
        " .skip-link, #pst-back-to-top, .search-button__wrapper, dialog, #searchbox,"
        " .pst-async-banner-revealer, .sbt-scroll-pixel-helper, #pst-scroll-pixel-helper,"
        " #jb-print-docs-body"
    ):
        element.decompose()
    # Root-relative asset paths: the print page sits at the site root.
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
        for element in document.find_all(tag, attrs={attr: True}):
            target = _target(site, first, element[attr].split("?")[0])
            if target:
                element[attr] = target
    # Printed in the light theme, whatever the reader's system prefers.
    document.html["data-theme"] = "light"
    document.html["data-mode"] = "light"
    title = book_title(site)
    document.title.string = title
    article.clear()
    chapter_number = 0
    runs = []
    for part in parts:
        if part.caption is not None:
            article.append(
                BeautifulSoup(
                    f'<section class="nnfs-part-page" id="{part.key}">'
                    f'<p class="nnfs-part-title">{escape(part.caption)}</p></section>',
                    "html.parser",
                )
            )
        for chapter in part.chapters:
            content = _parse(site, chapter.page).select_one("article.bd-article")
            if content is None:
                continue
            chapter_number += 1
            _rewrite_article(site, chapter, content, pages, site_url)
            name = f"nnfs-chapter-{chapter_number}"
            runs.append(
                f"@page {name} {{ @top-center {{ content: {css_string(chapter.title)}; }} }}"
            )
            wrapper = document.new_tag(
                "div", attrs={"class": "nnfs-chapter", "id": chapter.key, "style": f"page: {name}"}
            )
            wrapper.append(content)
            article.append(wrapper)
    article.insert(0, BeautifulSoup(_front_matter(title, title_page_stamp(), parts), "html.parser"))
    style = document.new_tag("style")
    style.string = PRINT_CSS.read_text(encoding="utf-8") + "\n" + "\n".join(runs)
    style.string += (
        "\n@page { @top-center { font: italic 9pt/1 system-ui, sans-serif; color: #333; } }"
    )
    document.head.append(style)
    data = document.new_tag("script", attrs={"type": "application/json", "id": "nnfs-print-book"})
    data.string = json.dumps(
        [
            {
                "caption": part.caption,
                "key": part.key,
                "chapters": [
                    {"key": c.key, "title": c.title, "sections": c.sections} for c in part.chapters
                ],
            }
            for part in parts
        ]
    )
    document.head.append(data)
    path = site / PRINT_PAGE
    path.write_text(str(document), encoding="utf-8")
    return path


def chromium_path() -> str:
    """The Chromium the printer starts: ``$NNFS_CHROMIUM``, else Debian's ``/usr/bin/chromium``."""
    return os.environ.get("NNFS_CHROMIUM", "/usr/bin/chromium")


def why_cannot_print() -> str | None:
    """What is missing to print the PDF here (a sentence saying how to get it), or None."""
    chromium = chromium_path()
    if shutil.which(chromium) is None:
        return (
            f"no Chromium at {chromium}. Install it (Debian/Ubuntu: `sudo apt-get install "
            "chromium`) or set NNFS_CHROMIUM to a Chromium or Chrome executable"
        )
    for module, package in (("playwright.sync_api", "playwright"), ("pypdf", "pypdf")):
        try:
            __import__(module)
        except ImportError:
            return f"the {package} Python package is missing (pip install -r requirements.txt)"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# Display formulas wider than the text block are set smaller until they fit
# (MathJax's CHTML output scales with its font size), and so are tables wider than
# it (zoomed, formulas and caption with them). Returns how many were.
_FIT_WIDE_MATH = """(width) => {
  let fitted = 0;
  for (const table of document.querySelectorAll("table")) {
    const wide = Math.max(table.scrollWidth, table.offsetWidth);
    if (wide > width) {
      table.style.zoom = String(width / wide * 0.97);
      fitted += 1;
    }
  }
  for (const box of document.querySelectorAll('mjx-container[display="true"]')) {
    const holder = box.closest("div.math") || box.parentElement;
    const number = holder.querySelector(":scope > .eqno");
    const room = Math.min(width, holder.clientWidth || width) - (number ? number.offsetWidth + 12 : 0);
    const wide = Math.max(box.scrollWidth, box.firstElementChild ? box.firstElementChild.scrollWidth : 0);
    if (wide > room) {
      const size = parseFloat(getComputedStyle(box).fontSize);
      box.style.fontSize = (size * room / wide * 0.97) + "px";
      fitted += 1;
    }
  }
  return fitted;
}"""


def _destinations(data: bytes) -> dict[str, int]:
    """Every named destination of a PDF and the index of its page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return {
        str(name).lstrip("/"): reader.get_destination_page_number(dest)
        for name, dest in reader.named_destinations.items()
    }


def _print(tab) -> bytes:
    return tab.pdf(print_background=True, prefer_css_page_size=True)


def add_bookmarks(data: bytes, book: list[dict], pages: dict[str, int], title: str) -> bytes:
    """``data`` with bookmarks (parts, chapters, sections) and its title; returns the PDF."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for part in book:
        parent = None
        if part["caption"] is not None:
            parent = writer.add_outline_item(
                title=part["caption"], page_number=pages[part["key"]], is_open=True
            )
        for chapter in part["chapters"]:
            item = writer.add_outline_item(
                title=chapter["title"],
                page_number=pages[chapter["key"]],
                parent=parent,
                is_open=False,
            )
            for anchor, heading in chapter["sections"]:
                if anchor in pages:
                    writer.add_outline_item(title=heading, page_number=pages[anchor], parent=item)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": title, "/Creator": "nnfs_build.pdf (headless Chromium, pypdf)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_pdf(site: Path, output: Path, browser=None) -> dict:
    """Print the book in ``site`` to ``output``; returns what MathJax typeset and the print.

    ``browser``: a running Playwright Chromium to use (else one is started).
    """
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=chromium_path(),
                args=CHROMIUM_ARGS,
            )
            try:
                return print_pdf(site, output, chromium)
            finally:
                chromium.close()

    started = time.monotonic()
    page_path = build_print_page(site)
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": TEXT_BLOCK_PX, "height": 1000})
    try:
        tab = context.new_page()
        # The print page holds the whole book: on a busy machine it loads slowly.
        tab.set_default_timeout(PRINT_TIMEOUT_MS)
        tab.emulate_media(media="print", color_scheme="light")
        tab.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{PRINT_PAGE}")
        tab.evaluate("() => MathJax.startup.promise.then(() => true)")
        tab.wait_for_load_state("networkidle")
        typeset = tab.evaluate(
            """() => {
              const maths = Array.from(document.querySelectorAll("span.math, div.math"));
              const raw = maths.filter((m) => !m.querySelector("mjx-container")).length;
              const errors = document.querySelectorAll("mjx-merror").length;
              return {maths: maths.length, raw, errors};
            }"""
        )
        if typeset["raw"] or typeset["errors"]:
            raise SystemExit(f"math not typeset in the print page: {typeset}")
        typeset["formulas_set_smaller"] = tab.evaluate(_FIT_WIDE_MATH, TEXT_BLOCK_PX)
        book = json.loads(tab.inner_text("#nnfs-print-book"))
        first = _print(tab)
        pages = _destinations(first)
        wanted = [
            key
            for part in book
            for key in [part["key"], *(c["key"] for c in part["chapters"])]
            if part["caption"] is not None or key != part["key"]
        ]
        missing = [key for key in wanted if key not in pages]
        if missing:
            raise SystemExit(f"the print has no page for {missing}")
        tab.evaluate(
            """(pages) => {
              for (const span of document.querySelectorAll(".nnfs-toc-page")) {
                span.textContent = String(pages[span.dataset.target] + 1);
              }
            }""",
            pages,
        )
        second = _print(tab)
        again = _destinations(second)
        moved = {
            key: (pages[key], again.get(key)) for key in wanted if again.get(key) != pages[key]
        }
        if moved:
            raise SystemExit(f"the page numbers moved between the two prints: {moved}")
        data = add_bookmarks(second, book, again, document_title(tab))
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
        page_path.unlink(missing_ok=True)
    typeset["chapters"] = sum(len(part["chapters"]) for part in book)
    typeset["seconds"] = round(time.monotonic() - started, 1)
    return typeset


def document_title(tab) -> str:
    return tab.title()


if __name__ == "__main__":
    if (missing := why_cannot_print()) is not None:
        raise SystemExit(f"make pdf: cannot print the book: {missing}.")
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html").resolve()
    pdf = Path(sys.argv[2] if len(sys.argv) > 2 else "_build/pdf/book.pdf").resolve()
    typeset = print_pdf(site_dir, pdf)
    print(
        f"{pdf} ({pdf.stat().st_size // 1024} KiB, {typeset['chapters']} chapters, "
        f"{typeset['maths']} formulas typeset, printed in {typeset['seconds']} s)"
    )

"""Print the built book to one PDF with headless Chromium (``make pdf``).

Not a Sphinx extension: a command run after ``make book``. It joins the
articles of every page, in the order of the table of contents, into one
print page beside the site (so the site's own styles, fonts and MathJax apply),
lets MathJax typeset it with no network, and prints it with Chromium. Math
that MathJax cannot typeset fails the command instead of leaving a gap.

    python -m nnfs_build.pdf [SITE_DIR] [OUTPUT_PDF]

Chromium: ``/usr/bin/chromium`` or ``$NNFS_CHROMIUM``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from bs4 import BeautifulSoup

PRINT_PAGE = "nnfs-print.html"  # written at the site root, removed afterwards
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
PRINT_CSS = """
@media print {
  .nnfs-print-page { break-before: page; }
  .nnfs-print-page:first-of-type { break-before: auto; }
  a.headerlink { display: none !important; }
  .cell_input, .cell_output, figure, table, div.math { break-inside: avoid; }
}
"""


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


def book_order(site: Path) -> list[str]:
    """The pages in the order of the first page's sidebar (the table of contents)."""
    index = _parse(site, "index.html")
    first = "index.html"
    for meta in index.find_all("meta"):
        if meta.get("http-equiv", "").lower() == "refresh" and "url=" in meta.get("content", ""):
            first = _target(site, "index.html", meta["content"].split("url=", 1)[1]) or first
    order = [first]
    nav = _parse(site, first).select_one("nav.bd-docs-nav")
    for anchor in nav.select("a.reference.internal[href]") if nav else []:
        target = _target(site, first, urldefrag(anchor["href"])[0])
        if target and target.endswith(".html") and target not in order:
            order.append(target)
    return order


def build_print_page(site: Path) -> Path:
    order = book_order(site)
    document = _parse(site, order[0])
    article = document.select_one("article.bd-article")
    for element in document.select(
        ".bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-article,"
        " footer, .prev-next-area, .bd-footer, .bd-footer-article, .bd-footer-content"
    ):
        element.decompose()
    # Root-relative asset paths: the print page sits at the site root.
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
        for element in document.find_all(tag, attrs={attr: True}):
            target = _target(site, order[0], element[attr].split("?")[0])
            if target:
                element[attr] = target
    article.clear()
    for page in order:
        part = _parse(site, page).select_one("article.bd-article")
        if part is None:
            continue
        for element in part.find_all(["img", "a"]):
            attr = "src" if element.name == "img" else "href"
            if element.get(attr):
                url, fragment = urldefrag(element[attr])
                target = _target(site, page, url) if url else None
                if target:
                    element[attr] = target + (f"#{fragment}" if fragment else "")
        # Solutions are collapsed dropdowns on the site (sphinx-togglebutton hides the
        # content of an admonition with the class "dropdown"); on paper they are open.
        for element in part.select(".dropdown"):
            element["class"] = [c for c in element["class"] if c != "dropdown"]
        for element in part.find_all("details"):
            element["open"] = ""
        wrapper = document.new_tag("div", attrs={"class": "nnfs-print-page"})
        wrapper.append(part)
        article.append(wrapper)
    style = document.new_tag("style")
    style.string = PRINT_CSS
    document.head.append(style)
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
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is missing (pip install -r requirements.txt)"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def print_pdf(site: Path, output: Path, browser=None) -> dict:
    """Print the book in ``site`` to ``output``; returns what MathJax typeset.

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

    page_path = build_print_page(site)
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        tab = context.new_page()
        # The print page holds the whole book: on a busy machine it loads slowly.
        tab.set_default_timeout(PRINT_TIMEOUT_MS)
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
        output.parent.mkdir(parents=True, exist_ok=True)
        tab.emulate_media(media="print")
        tab.pdf(
            path=str(output),
            format="A4",
            print_background=True,
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        )
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
        page_path.unlink(missing_ok=True)
    return typeset


if __name__ == "__main__":
    if (missing := why_cannot_print()) is not None:
        raise SystemExit(f"make pdf: cannot print the book: {missing}.")
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html").resolve()
    pdf = Path(sys.argv[2] if len(sys.argv) > 2 else "_build/pdf/book.pdf").resolve()
    typeset = print_pdf(site_dir, pdf)
    print(f"{pdf} ({pdf.stat().st_size // 1024} KiB, {typeset['maths']} formulas typeset)")

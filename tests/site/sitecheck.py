"""What the site tests know about the built book, read from disk without a browser.

Every page is discovered by walking the HTML output (never a fixed list), so
the same checks cover whatever the table of contents holds.

Settings (environment variables):

- ``NNFS_SITE_DIR``: the built site (default: ``_build/html`` in the repository).
- ``NNFS_SITE_REPORT``: where screenshots and ``report.json`` go
  (default: ``site-report/`` beside the site, e.g. ``_build/site-report``).
- ``NNFS_BOOK_DIR``: the book's source (``_config.yml``, chapters) that the site
  was built from (default: this repository).
- ``NNFS_CHROMIUM``: the Chromium executable (default: ``/usr/bin/chromium``).
- ``NNFS_SEARCH_TERM``: the word the search test looks for (default: ``sigmoid``;
  ``pytest --search-term WORD`` overrides it).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import yaml
from bs4 import BeautifulSoup

from nnfs_build import pdf

REPO = Path(os.environ.get("NNFS_BOOK_DIR", Path(__file__).resolve().parents[2])).resolve()
SITE = Path(os.environ.get("NNFS_SITE_DIR", REPO / "_build" / "html")).resolve()
REPORT = Path(os.environ.get("NNFS_SITE_REPORT", SITE.parent / "site-report")).resolve()
CHROMIUM = os.environ.get("NNFS_CHROMIUM", "/usr/bin/chromium")
# The flags and the offline rule are the PDF printer's (nnfs_build/pdf.py).
# For the tests the offline rule means: no host name resolves but the local
# server's, so a request to a third party fails at once (as it would for a
# reader with no network) and is still seen and reported by the tests.
CHROMIUM_ARGS = pdf.CHROMIUM_FLAGS
OFFLINE = pdf.OFFLINE
# Folders of the output that hold assets, not pages.
NOT_PAGES = ("_static", "_sources", "_images", "_downloads")
# Elements whose text is code, not prose: TeX delimiters there are legitimate.
EXTERNAL_SCHEMES = ("http", "https", "ftp", "ws", "wss")
LEAVE_ALONE_SCHEMES = ("mailto", "tel", "javascript", "data")


def why_not_runnable() -> str | None:
    """A reason the browser suite cannot run here, or None if it can."""
    if not (SITE / "index.html").is_file():
        return (
            f"no built site at {SITE} (run `make book` first, or set NNFS_SITE_DIR "
            "to a built _build/html)"
        )
    chromium = shutil.which(CHROMIUM) or (CHROMIUM if Path(CHROMIUM).is_file() else None)
    if chromium is None:
        return (
            f"no Chromium at {CHROMIUM} (Debian: `apt-get install chromium`; or set "
            "NNFS_CHROMIUM to a Chromium executable)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -r requirements.txt)"
    return None


def skip_unless_runnable(
    items: list, folder: Path, suite: str, why_not: Callable[[], str | None]
) -> None:
    """Skip the tests collected from ``folder`` when ``why_not()`` gives a reason.

    Under ``NNFS_FORBID_SKIPS=1`` (CI) that is an error instead: CI must not pass
    by skipping. ``why_not`` is called only when the suite has tests collected.
    """
    import pytest

    mine = [item for item in items if Path(str(item.path)).parent == folder]
    if not mine:
        return
    reason = why_not()
    if reason is None:
        return
    if os.environ.get("NNFS_FORBID_SKIPS") == "1":
        raise pytest.UsageError(
            f"the {suite} suite cannot run: {reason}. NNFS_FORBID_SKIPS=1 forbids skipping it."
        )
    marker = pytest.mark.skip(reason=f"{suite} suite skipped: {reason}")
    for item in mine:
        item.add_marker(marker)


def pages() -> list[str]:
    """Every HTML page of the site, as a path relative to the site root."""
    if not SITE.is_dir():
        return []
    found = []
    for path in sorted(SITE.rglob("*.html")):
        rel = path.relative_to(SITE)
        if rel.parts[0] in NOT_PAGES:
            continue
        found.append(rel.as_posix())
    return found


@functools.cache
def soup(page: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / page).read_text(encoding="utf-8"), "html.parser")


@functools.cache
def ids(page: str) -> frozenset[str]:
    """The fragment targets of a page: every id and every <a name>."""
    document = soup(page)
    found = {tag["id"] for tag in document.find_all(id=True)}
    found |= {tag["name"] for tag in document.find_all("a", attrs={"name": True})}
    return frozenset(found)


# Where the site writes an element's number: a prf block's or exercise's title,
# a figure's or table's caption, an equation's number.
NUMBER_SELECTORS = (".admonition-title > .caption-number", ".caption-number", ".eqno")


def number_words(element) -> str | None:
    """The words the site numbers an element with ("Definition 1.1", "Fig. 6.3", "(9.3)")."""
    for selector in NUMBER_SELECTORS:
        number = element.select_one(selector)
        if number is not None:
            return " ".join(number.get_text("").replace("#", "").split())
    return None


@functools.cache
def numbers(page: str) -> dict[str, str]:
    """Each numbered element of a page's article by id, with its number alone ("9.3")."""
    article = soup(page).select_one("article") or soup(page)
    found = {}
    for element in article.find_all(id=True):
        if element.name == "section":
            continue
        words = number_words(element)
        match = re.search(r"(\d+(?:\.\d+)*)", words or "")
        if match:
            found[element["id"]] = match.group(1)
    return found


def source_of(page: str) -> Path | None:
    """The copy of a page's source in ``_sources`` (.md, .ipynb, ...), if any."""
    stem = SITE / "_sources" / Path(page).with_suffix("")
    for suffix in (".md", ".ipynb", ".rst", ".txt"):
        candidate = stem.with_name(stem.name + suffix)
        if candidate.is_file():
            return candidate
    return None


def content_pages() -> list[str]:
    """Pages written by authors (they have a source), as opposed to index/search pages."""
    return [page for page in pages() if source_of(page) is not None]


def notebook_pages() -> list[str]:
    """Chapter pages: executable notebooks, for which the site offers an .ipynb."""
    return [
        page for page in pages() if (SITE / "_sources" / Path(page).with_suffix(".ipynb")).is_file()
    ]


@dataclass(frozen=True)
class Link:
    page: str  # the page the link is on
    tag: str
    url: str  # as written
    target: str | None = None  # the resolved page/file, relative to the site root
    fragment: str = ""


def resolve(page: str, url: str) -> Link | None:
    """Resolve an internal link on ``page``; None for external or non-navigating links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    path, fragment = urldefrag(url)
    path = urlsplit(path).path
    if not path:
        return Link(page, "", url, page, fragment)
    base = (SITE / page).parent
    target = (base / path).resolve()
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    try:
        rel = target.relative_to(SITE).as_posix()
    except ValueError:
        rel = "../" + path  # points outside the site
    return Link(page, "", url, rel, fragment)


def links(page: str) -> list[Link]:
    """Every URL a page refers to (anchors, images, scripts, styles, frames)."""
    found = []
    for tag_name, attr in (
        ("a", "href"),
        ("link", "href"),
        ("img", "src"),
        ("script", "src"),
        ("source", "src"),
        ("iframe", "src"),
        ("video", "src"),
        ("audio", "src"),
    ):
        for tag in soup(page).find_all(tag_name, attrs={attr: True}):
            url = tag[attr].strip()
            found.append(Link(page, tag_name, url))
    return found


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return url.startswith("//") or parts.scheme in EXTERNAL_SCHEMES


def is_left_alone(url: str) -> bool:
    return urlsplit(url).scheme in LEAVE_ALONE_SCHEMES


def in_toc_order() -> list[str]:
    """The content pages in the order of the root page's sidebar navigation."""
    root = root_page()
    if root is None:
        return []
    order = [root]
    nav = soup(root).select_one("nav.bd-docs-nav")
    for anchor in nav.select("a.reference.internal[href]") if nav else []:
        link = resolve(root, anchor["href"])
        if link and link.target and link.target not in order:
            order.append(link.target)
    return order


def redirect_of(page: str) -> str | None:
    """Where a page sends the reader with <meta http-equiv="refresh">, if it does."""
    for meta in soup(page).find_all("meta"):
        if meta.get("http-equiv", "").lower() == "refresh" and "url=" in meta.get("content", ""):
            url = meta["content"].split("url=", 1)[1].strip()
            link = resolve(page, url)
            return link.target if link else None
    return None


def root_page() -> str | None:
    """The first page of the book (index.html, or where it redirects: Jupyter Book's way)."""
    if not (SITE / "index.html").is_file():
        return None
    return redirect_of("index.html") or "index.html"


@dataclass
class CrossRef:
    page: str
    href: str
    target: str
    fragment: str
    kind: str = field(default="")


def crossrefs(page: str) -> list[CrossRef]:
    """Links on ``page`` to a numbered equation or a proof/theorem-like block."""
    found: dict[str, CrossRef] = {}
    article = soup(page).select_one("article") or soup(page)
    for anchor in article.select("a.reference.internal[href]"):
        link = resolve(page, anchor["href"])
        if not link or not link.fragment or not link.target or not link.target.endswith(".html"):
            continue
        if not (SITE / link.target).is_file():
            continue
        element = soup(link.target).find(id=link.fragment)
        if element is None:
            continue
        classes = element.get("class") or []
        if link.fragment.startswith("equation-"):
            kind = "equation"
        elif "proof" in classes:
            kind = "proof"
        else:
            continue
        found.setdefault(
            anchor["href"], CrossRef(page, anchor["href"], link.target, link.fragment, kind)
        )
    return list(found.values())


@functools.cache
def book_config() -> dict:
    return yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))


def expected_binder_url(page: str) -> str:
    """The Binder link a chapter page must carry, built from ``_config.yml``."""
    config = book_config()
    repo_url = config["repository"]["url"].rstrip("/")
    branch = config["repository"].get("branch", "main")
    book_path = (config["repository"].get("path_to_book") or "").strip("/")
    binderhub = config["launch_buttons"]["binderhub_url"].rstrip("/")
    owner_repo = "/".join(urlsplit(repo_url).path.strip("/").split("/")[:2])
    source = Path(page).with_suffix(".md").as_posix()
    if book_path:
        source = f"{book_path}/{source}"
    return f"{binderhub}/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{source}"


def download_links(page: str) -> dict[str, str]:
    """The page's download menu: {"ipynb": href, "source": href} where offered."""
    found = {}
    for anchor in soup(page).select(".dropdown-download-buttons a[href]"):
        classes = anchor.get("class", [])
        if "btn-download-notebook-button" in classes:
            found["ipynb"] = anchor["href"]
        elif "btn-download-source-button" in classes:
            found["source"] = anchor["href"]
    return found

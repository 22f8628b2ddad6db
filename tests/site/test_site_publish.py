"""What the site publishes besides its pages, and what each page says about its own build.

* The whole-book PDF and the offline zip (``make book``: nnfs_build/bundle.py)
  are in the site, linked from the intro page, from every page's footer and
  from every chapter's download menu (nnfs_build/downloads.py).
* The zip, unpacked in a fresh folder and served by ``python -m http.server``,
  works in Chromium with no network: pages load with every request to
  127.0.0.1 succeeding, math typeset, figures shown, the PDF and the
  chapters' notebooks there.
* Every page's footer names the commit and the time it was built (and
  executed) and nnfs_lib's version (nnfs_build/build_stamp.py); the intro page's
  clone command is the configured repository's (nnfs_build/clone.py).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
import sitecheck

from nnfs_build import bundle, downloads
from nnfs_build.clone import clone_commands

# Every page a reader reads (index.html only forwards to the first page).
PAGES = [p for p in sitecheck.pages() if not sitecheck.redirect_of(p)] or ["(no built site)"]
PDF = sitecheck.SITE / downloads.site_path("pdf")
ZIP = sitecheck.SITE / downloads.site_path("zip")


def _targets(page: str, anchors) -> set[str]:
    found = set()
    for anchor in anchors:
        link = sitecheck.resolve(page, anchor["href"])
        if link and link.target:
            found.add(link.target)
    return found


WANTED = {downloads.site_path("pdf"), downloads.site_path("zip")}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_links_the_pdf_and_the_zip(page: str) -> None:
    document = sitecheck.soup(page)
    assert _targets(page, document.select(".nnfs-downloads a[href]")) == WANTED, "footer"
    if document.select(".dropdown-download-buttons"):
        menu = document.select(".dropdown-download-buttons a[href]")
        assert _targets(page, menu) >= WANTED, "download menu"


def test_the_intro_page_links_the_pdf_and_the_zip() -> None:
    root = sitecheck.root_page()
    links = sitecheck.soup(root).select("article a.nnfs-download[href]")
    assert _targets(root, links) == WANTED


def _zip_names() -> list[str]:
    with zipfile.ZipFile(ZIP) as archive:
        return archive.namelist()


def test_the_zip_holds_the_site_the_pdf_and_every_notebook() -> None:
    names = set(_zip_names())
    top = f"{bundle.ZIP_FOLDER}/"
    assert all(name.startswith(top) for name in names)
    inside = {name.removeprefix(top) for name in names}
    assert set(sitecheck.pages()) <= inside
    assert downloads.site_path("pdf") in inside
    assert downloads.site_path("zip") not in inside
    notebooks = {
        "_sources/" + Path(page).with_suffix(".ipynb").as_posix()
        for page in sitecheck.notebook_pages()
    }
    assert notebooks and notebooks <= inside, sorted(notebooks - inside)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    """The zip unpacked in a fresh folder and served there by ``python -m http.server``."""
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(ZIP) as archive:
        archive.extractall(folder)
    root = folder / bundle.ZIP_FOLDER
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _offline_pages() -> list[str]:
    """The first page, the page with most figures, the page with most math, and the search."""
    content = sitecheck.content_pages()
    if not content:
        return ["(no built site)"]
    figures = max(content, key=lambda p: len(sitecheck.soup(p).select("article img")))
    maths = max(content, key=lambda p: len(sitecheck.soup(p).select("span.math, div.math")))
    return list(dict.fromkeys(["index.html", figures, maths]))


@pytest.mark.parametrize("page", _offline_pages())
def test_the_unpacked_zip_works_offline(visitor, offline_site, page) -> None:
    root, base = offline_site
    requests, failed, errors = [], [], []
    context = visitor.browser.new_context()  # the browser reaches no host but 127.0.0.1
    try:
        context.on("request", lambda r: requests.append(r.url))
        tab = context.new_page()
        tab.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        tab.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(base + page, wait_until="load")
        if page == "index.html":
            tab.wait_for_url(base + sitecheck.root_page())
            tab.wait_for_load_state("load")
        tab.evaluate("() => MathJax.startup.promise.then(() => true)")
        tab.wait_for_load_state("networkidle")
        seen = tab.evaluate(
            """() => ({
              maths: document.querySelectorAll("span.math, div.math").length,
              typeset: document.querySelectorAll("span.math mjx-container, div.math mjx-container").length,
              // Images a reader sees: an interactive figure's static fallback is hidden
              // (and lazily loaded, so never fetched) once its script has drawn the figure.
              images: Array.from(document.querySelectorAll("article img"))
                .filter((img) => img.offsetParent !== null)
                .map((img) => ({src: img.src, ok: img.complete && img.naturalWidth > 0})),
              downloads: Array.from(document.querySelectorAll(".nnfs-downloads a")).map((a) => a.href),
            })"""
        )
        hosts = {urlsplit(url).hostname for url in requests if url.startswith("http")}
        assert hosts == {"127.0.0.1"}, hosts
        assert failed == [] and errors == [], (failed, errors)
        assert seen["typeset"] == seen["maths"], seen
        assert [i["src"] for i in seen["images"] if not i["ok"]] == []
        # The PDF is reachable from the page; the zip cannot hold itself (its link is
        # the one link of the unpacked copy that leads nowhere).
        pdf_links = [h for h in seen["downloads"] if h.endswith(downloads.site_path("pdf"))]
        assert len(pdf_links) == 1, seen["downloads"]
        response = context.request.get(pdf_links[0])
        assert response.status == 200 and response.body().startswith(b"%PDF-"), pdf_links
    finally:
        context.close()
    notebook = root / "_sources" / Path(sitecheck.notebook_pages()[0]).with_suffix(".ipynb")
    nbformat.validate(nbformat.read(notebook, as_version=4))


def _git_head() -> str | None:
    done = subprocess.run(
        ["git", "-C", str(sitecheck.REPO), "rev-parse", "--short=12", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


@pytest.mark.parametrize("page", PAGES)
def test_footer_says_when_and_from_which_commit(page: str) -> None:
    import nnfs_lib

    stamp = sitecheck.soup(page).select_one("footer .nnfs-build-stamp")
    assert stamp is not None, f"{page} has no build stamp in its footer"
    text = " ".join(stamp.get_text().split())
    assert re.search(r"^Built( and executed)? on \d{4}-\d\d-\d\d \d\d:\d\d UTC from ", text), text
    assert text.endswith(f"with nnfs_lib {nnfs_lib.__version__}."), text
    head = _git_head()
    if head is None:
        assert "unknown commit" in text
    else:  # built from some commit of this repository (the newest, after a full build)
        code = stamp.select_one("a code")
        assert code is not None, text
        known = subprocess.run(
            ["git", "-C", str(sitecheck.REPO), "cat-file", "-e", f"{code.text}^{{commit}}"],
            check=False,
        )
        assert known.returncode == 0, f"{code.text} is not a commit of this repository"
    if page in sitecheck.notebook_pages():
        assert text.startswith("Built and executed"), text


def test_intro_clone_command_is_the_configured_repository() -> None:
    url = sitecheck.book_config()["repository"]["url"]
    root = sitecheck.root_page()
    blocks = [pre.get_text() for pre in sitecheck.soup(root).select("article pre")]
    expected = "\n".join(clone_commands(url))
    assert any(block.startswith(expected) for block in blocks), blocks
    assert not any("<this repository>" in block for block in blocks)

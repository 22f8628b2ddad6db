"""Fixtures of the browser suite: a local static server and headless Chromium.

The suite needs a built site (``make book``) and Chromium. Where either is
missing it is skipped with a message saying what is missing, except under
``NNFS_FORBID_SKIPS=1`` (CI), where that is an error: CI must never pass
without having looked at the site.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sitecheck

LOCAL_HOSTS = {"127.0.0.1"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--search-term",
        default=os.environ.get("NNFS_SEARCH_TERM", "sigmoid"),
        help="the word the site search must find (default: sigmoid, or $NNFS_SEARCH_TERM)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    sitecheck.skip_unless_runnable(items, Path(__file__).parent, "site", sitecheck.why_not_runnable)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(sitecheck.SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=sitecheck.CHROMIUM,
            args=[*sitecheck.CHROMIUM_ARGS, sitecheck.OFFLINE],
            headless=True,
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Visit:
    """What happened when a page was opened in a fresh browser profile."""

    page: str
    url: str
    requests: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    math_elements: int = 0
    math_unrendered: list[str] = field(default_factory=list)
    mathjax_errors: list[str] = field(default_factory=list)
    raw_tex: list[str] = field(default_factory=list)
    axe: list[dict] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    figure_reprs: list[str] = field(default_factory=list)
    screenshot: str = ""
    seconds: float = 0.0


# Runs in the page after MathJax has typeset: what a reader sees.
_INSPECT = r"""
() => {
  const article = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  const maths = Array.from(document.querySelectorAll("span.math, div.math"));
  const unrendered = maths
    .filter((el) => !el.querySelector("mjx-container"))
    .map((el) => el.textContent.trim().slice(0, 80));
  const mathjaxErrors = Array.from(document.querySelectorAll("mjx-merror, [data-mjx-error]"))
    .map((el) => (el.getAttribute("data-mjx-error") || el.textContent).slice(0, 120));
  const clone = article.cloneNode(true);
  clone.querySelectorAll("pre, code, script, style, textarea, mjx-container, .highlight")
    .forEach((el) => el.remove());
  const text = clone.textContent;
  const images = Array.from(article.querySelectorAll("img")).map((img) => {
    const figure = img.closest("figure");
    const caption = figure ? (figure.querySelector("figcaption")?.textContent || "").trim() : "";
    return {src: img.getAttribute("src") || "", alt: (img.getAttribute("alt") || "").trim(),
            caption: caption, decorative: img.getAttribute("role") === "presentation"};
  });
  // A figure that reached the page as its text repr instead of a picture.
  const figureReprs = article.textContent.match(/<Figure size \d+x\d+ with \d+ Axes>/g) || [];
  return {maths: maths.length, unrendered, mathjaxErrors, text, images, figureReprs};
}
"""

_RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{|\\frac|\\mathbf")


def _screenshot_name(page: str) -> str:
    return page.replace("/", "__").removesuffix(".html") + ".png"


class Visitor:
    """Opens each page once (fresh context: empty storage) and remembers what it saw."""

    def __init__(self, browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.visits: dict[str, Visit] = {}
        sitecheck.REPORT.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: str) -> Visit:
        if page not in self.visits:
            self.visits[page] = self._visit(page)
        return self.visits[page]

    def new_context(self, visit: Visit | None = None):
        """A fresh browser profile (empty storage) that records every request.

        The browser cannot reach any host but 127.0.0.1 (see ``OFFLINE`` in
        sitecheck.py), so it behaves as a reader with no network would.
        """
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        if visit is not None:

            def on_request(request) -> None:
                url = request.url
                visit.requests.append(url)
                if not url.startswith(("data:", "blob:", "about:")):
                    if urlsplit(url).hostname not in LOCAL_HOSTS:
                        visit.third_party.append(url)

            context.on("request", on_request)
        return context

    def _visit(self, page: str) -> Visit:
        from axe_playwright_python.sync_playwright import Axe

        start = time.monotonic()
        visit = Visit(page=page, url=self.base_url + page)
        context = self.new_context(visit)
        tab = context.new_page()
        recording = True

        def on_console(message) -> None:
            if recording and message.type == "error":
                visit.console_errors.append(f"console.{message.type}: {message.text}")

        def on_page_error(error) -> None:
            if recording:
                visit.console_errors.append(f"uncaught: {error}")

        def on_response(response) -> None:
            if recording and response.status >= 400:
                visit.failed.append(f"{response.status} {response.url}")

        def on_request_failed(request) -> None:
            if recording and urlsplit(request.url).hostname in LOCAL_HOSTS:
                visit.failed.append(f"failed {request.url}")

        tab.on("console", on_console)
        tab.on("pageerror", on_page_error)
        tab.on("response", on_response)
        tab.on("requestfailed", on_request_failed)
        try:
            tab.goto(visit.url, wait_until="load")
            redirect = sitecheck.redirect_of(page)
            if redirect:  # index.html forwards to the first page: check where it lands
                tab.wait_for_url(self.base_url + redirect)
                tab.wait_for_load_state("load")
            # MathJax typesets after load; wait for it (and for the fonts it requests).
            tab.evaluate(
                "() => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise"
                " ? window.MathJax.startup.promise.then(() => true) : true"
            )
            tab.wait_for_load_state("networkidle")
            seen = tab.evaluate(_INSPECT)
            visit.math_elements = seen["maths"]
            visit.math_unrendered = seen["unrendered"]
            visit.mathjax_errors = seen["mathjaxErrors"]
            visit.raw_tex = sorted(
                {
                    seen["text"][max(0, m.start() - 30) : m.end() + 30].strip()
                    for m in _RAW_TEX.finditer(seen["text"])
                }
            )
            visit.images = seen["images"]
            visit.figure_reprs = seen["figureReprs"]
            shot = sitecheck.REPORT / _screenshot_name(page)
            tab.screenshot(path=str(shot), full_page=True)
            visit.screenshot = str(shot)
            # From here on requests and messages come from the test's own tools
            # (axe-core fetches style sheets itself), not from the site.
            recording = False
            result = Axe().run(tab, options={"resultTypes": ["violations"]})
            visit.axe = [
                {
                    "id": violation["id"],
                    "impact": violation.get("impact"),
                    "help": violation.get("help"),
                    "nodes": [", ".join(node.get("target", [])) for node in violation["nodes"]][:5],
                }
                for violation in result.response["violations"]
            ]
        finally:
            context.close()
        visit.seconds = round(time.monotonic() - start, 2)
        return visit


@pytest.fixture(scope="session")
def visitor(browser, server) -> Iterator[Visitor]:
    visitor = Visitor(browser, server)
    yield visitor
    report = {
        "site": str(sitecheck.SITE),
        "pages": {page: asdict(visit) for page, visit in sorted(visitor.visits.items())},
    }
    for visit in report["pages"].values():
        visit.pop("images", None)
    (sitecheck.REPORT / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


@pytest.fixture
def search_term(request: pytest.FixtureRequest) -> str:
    return request.config.getoption("--search-term")


class NotebookRuns:
    """Download each chapter's .ipynb from the site and execute it, in the background.

    Executing the notebooks takes as long as the browser checks, so they run
    one at a time in a worker thread while the browser works. Each run is a
    ``jupyter execute`` of the downloaded, output-free notebook in an empty
    folder, with this checkout on PYTHONPATH (Binder installs nnfs_lib instead)
    and the kernel of this (pinned) environment.
    """

    def __init__(self, base_url: str, workdir: Path) -> None:
        self.base_url = base_url
        self.workdir = workdir
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notebooks")
        self.runs: dict[str, Future] = {
            page: self.pool.submit(self._run, page) for page in sitecheck.notebook_pages()
        }

    def _run(self, page: str) -> tuple[bool, str]:
        import nbformat

        href = sitecheck.download_links(page).get("ipynb")
        if not href:
            return False, "the page offers no .ipynb download"
        with urllib.request.urlopen(self.base_url + sitecheck.resolve(page, href).target) as r:
            notebook = nbformat.reads(r.read().decode("utf-8"), as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        if not code:
            return False, "the notebook has no code cell"
        for cell in code:  # start clean, as a reader would
            cell.outputs, cell.execution_count = [], None
        folder = self.workdir / page.replace("/", "__").removesuffix(".html")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "chapter.ipynb"
        nbformat.write(notebook, path)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(sitecheck.REPO), os.environ.get("PYTHONPATH", "")) if p
        )
        env["MPLBACKEND"] = "Agg"
        env.setdefault("OPENBLAS_NUM_THREADS", "1")
        runner = Path(sys.executable).with_name("jupyter-execute")
        done = subprocess.run(
            [str(runner), "--timeout=300", path.name],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        report = (done.stdout + done.stderr)[-4000:]
        return done.returncode == 0, report

    def result(self, page: str) -> tuple[bool, str]:
        return self.runs[page].result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session", autouse=True)
def notebook_runs(
    request: pytest.FixtureRequest, tmp_path_factory
) -> Iterator[NotebookRuns | None]:
    """Started with the session when notebook tests are selected, so it overlaps the rest."""
    wanted = any(
        "test_downloaded_notebook_runs_top_to_bottom" in item.name
        and not item.get_closest_marker("skip")
        for item in request.session.items
    )
    if not wanted:
        yield None
        return
    base_url = request.getfixturevalue("server")
    runs = NotebookRuns(base_url, tmp_path_factory.mktemp("notebooks"))
    try:
        yield runs
    finally:
        runs.close()

"""The interactive figures and the live autodiff page, in headless Chromium, offline.

* Every interactive figure: each control, moved with the keyboard, changes the
  frame shown (the drawing and the numbers stated in the aria-live text).
* The data embedded in the built pages are the library's: each figure is
  recomputed with ``nnfs_lib`` and compared frame by frame (a few frames).
* The autodiff page: "Run here" starts Python from the site's own files, an
  edited cell runs and shows its output, an error shows a traceback, and the
  reader's live cells pass axe.
Throughout: no request leaves 127.0.0.1 and no console error is logged. The time
to first output of the live cell is written to ``interactive.json`` in the report.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

import pytest
import sitecheck
from conftest import LOCAL_HOSTS, Visit

LIVE_PAGE = "book/part1/autodiff.html"
MIN_FIGURES = 8
LIVE_TIMEOUT_MS = 180_000


def figures_on_disk() -> dict[str, list[dict]]:
    """{page: [spec, ...]} for every page of the built site with an interactive figure."""
    found: dict[str, list[dict]] = {}
    for page in sitecheck.pages():
        for script in sitecheck.soup(page).select("figure.nnfs-ix script.nnfs-ix-data"):
            found.setdefault(page, []).append(json.loads(script.string))
    return found


FIGURE_PAGES = sorted(figures_on_disk()) or ["(no built site)"]


def test_the_site_has_at_least_eight_interactive_figures():
    names = [spec["name"] for specs in figures_on_disk().values() for spec in specs]
    assert len(set(names)) >= MIN_FIGURES, f"only {sorted(names)}"


@pytest.mark.parametrize("page", FIGURE_PAGES)
def test_embedded_figures_are_the_librarys_numbers(page):
    from nnfs_lib.interactive import FIGURES, default_key

    for embedded in figures_on_disk()[page]:
        fresh = FIGURES[embedded["name"]]()
        keys = sorted(fresh["frames"])
        for key in {default_key(fresh), keys[0], keys[len(keys) // 2], keys[-1]}:
            assert embedded["frames"][key] == fresh["frames"][key], (embedded["name"], key)
        assert embedded["layers"] == fresh["layers"] and embedded["controls"] == fresh["controls"]


def _watch(visitor, page: str):
    """A fresh context and tab that record requests, console errors and failed loads."""
    visit = Visit(page=page, url=visitor.base_url + page)
    context = visitor.new_context(visit)
    tab = context.new_page()

    def on_console(message) -> None:
        if message.type == "error":
            visit.console_errors.append(f"{message.text} {message.location}")

    tab.on("console", on_console)
    tab.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))
    tab.on("response", lambda r: r.status >= 400 and visit.failed.append(f"{r.status} {r.url}"))
    return visit, context, tab


def _shown(figure) -> tuple[str, str, str]:
    return (
        figure.locator(".nnfs-ix-live").get_attribute("data-frame"),
        figure.locator(".nnfs-ix-status").inner_text(),
        figure.locator("svg").inner_html(),
    )


@pytest.mark.parametrize("page", FIGURE_PAGES)
def test_every_control_changes_what_the_figure_shows(visitor, page):
    visit, context, tab = _watch(visitor, page)
    try:
        tab.goto(visit.url, wait_until="load")
        figures = tab.locator("figure.nnfs-ix")
        count = figures.count()
        assert count == len(figures_on_disk()[page])
        for i in range(count):
            figure = figures.nth(i)
            figure.locator(".nnfs-ix-live:not([hidden])").wait_for()
            assert figure.locator(".nnfs-ix-static").is_hidden(), "the static picture stays visible"
            assert figure.locator(".nnfs-ix-status").get_attribute("aria-live") == "polite"
            controls = figure.locator("[data-control]")
            assert controls.count() >= 1
            for j in range(controls.count()):
                control = controls.nth(j)
                # Every control has a visible label (its <label> wraps it).
                assert control.evaluate("(c) => c.closest('label').textContent.trim().length > 0")
                before = _shown(figure)
                control.focus()
                # One step with the arrow keys: forwards, or backwards from the last value.
                at_end = control.evaluate(
                    "(c) => c.tagName === 'SELECT' ? c.selectedIndex === c.options.length - 1"
                    " : +c.value === +c.max"
                )
                is_menu = control.evaluate("(c) => c.tagName === 'SELECT'")
                forwards, backwards = (
                    ("ArrowDown", "ArrowUp") if is_menu else ("ArrowRight", "ArrowLeft")
                )
                tab.keyboard.press(backwards if at_end else forwards)
                after = _shown(figure)
                assert after[0] != before[0], (
                    f"{page} figure {i}: control {j} did not change the frame"
                )
                assert after[1] != before[1], (
                    f"{page} figure {i}: the stated numbers did not change"
                )
                assert after[2] != before[2], f"{page} figure {i}: the drawing did not change"
    finally:
        context.close()
    assert visit.third_party == [], visit.third_party
    assert visit.failed == [], visit.failed
    assert visit.console_errors == [], visit.console_errors


def test_run_here_starts_python_from_the_site_and_runs_an_edited_cell(visitor):
    from axe_playwright_python.sync_playwright import Axe

    visit, context, tab = _watch(visitor, LIVE_PAGE)
    try:
        tab.goto(visit.url, wait_until="load")
        start = tab.get_by_role("button", name="Run here")
        start.wait_for()
        assert "Binder" in tab.locator(".nnfs-live-panel").inner_text()
        assert not any("pyodide" in url for url in visit.requests), "Pyodide loaded before asked"
        clicked = time.monotonic()
        start.click()
        editors = tab.locator("textarea.nnfs-live-editor")
        assert editors.count() >= 3, "fewer live cells than the page's plain-Python examples"
        # The live cell that computes f = (x + y) x (the page's worked example); the reader
        # changes x to 4 and the assert with it.
        codes = [editors.nth(i).input_value() for i in range(editors.count())]
        index = next(i for i, code in enumerate(codes) if 'Value(2.0, label="x")' in code)
        code = codes[index]
        assert "assert (f.data, x.grad, y.grad) == (10.0, 7.0, 2.0)" in code
        editors.nth(index).fill(code.replace('Value(2.0, label="x")', 'Value(4.0, label="x")')
                   .replace("assert (f.data, x.grad, y.grad) == (10.0, 7.0, 2.0)",
                            "assert (f.data, x.grad, y.grad) == (28.0, 11.0, 4.0)"))  # fmt: skip
        box = tab.locator(".nnfs-live-box").nth(index)
        box.get_by_role("button").click()
        output = box.locator(".nnfs-live-output")
        tab.wait_for_function(
            "(el) => el.textContent.includes('df/dx')", arg=output.element_handle(),
            timeout=LIVE_TIMEOUT_MS,
        )  # fmt: skip
        first_output = time.monotonic() - clicked
        text = output.inner_text()
        assert "f = 28.0, df/dx = 11.0, df/dy = 4.0" in text, text
        assert tab.evaluate("document.documentElement.dataset.nnfsLive") == "ready"

        # An error in the reader's code is shown as a traceback, not thrown at the page.
        editors.nth(index).fill("Value(1.0).log() + Value(0.0).log()")
        box.get_by_role("button").click()
        tab.wait_for_function("(el) => el.classList.contains('nnfs-live-error')",
                              arg=output.element_handle())  # fmt: skip
        assert "ValueError" in output.inner_text() and "positive" in output.inner_text()

        # A final expression is shown, as in a notebook.
        editors.nth(index).fill("Value(3.0) * 2")
        box.get_by_role("button").click()
        tab.wait_for_function("(el) => el.textContent.startsWith('Value(')",
                              arg=output.element_handle())  # fmt: skip
        assert "data=6" in output.inner_text()

        # From here on axe-core fetches style sheets itself: not the page's requests.
        seen = (
            list(visit.requests),
            list(visit.third_party),
            list(visit.failed),
            list(visit.console_errors),
        )
        serious = [
            v["id"]
            for v in Axe().run(tab, options={"resultTypes": ["violations"]}).response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        tab.screenshot(path=str(sitecheck.REPORT / "live-autodiff.png"), full_page=False)
    finally:
        context.close()
    requests, third_party, failed, console_errors = seen
    local = [u for u in requests if urlsplit(u).hostname in LOCAL_HOSTS]
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "nnfs_lib/autodiff.py"):
        assert any(u.endswith(name) for u in local), f"{name} was not loaded from the site"
    assert third_party == [], third_party
    assert failed == [], failed
    assert console_errors == [], console_errors
    assert serious == [], serious
    sitecheck.REPORT.mkdir(parents=True, exist_ok=True)
    (sitecheck.REPORT / "interactive.json").write_text(
        json.dumps({"seconds_to_first_live_output": round(first_output, 2)}), encoding="utf-8"
    )
    print(f"time to first output of the live cell: {first_output:.1f} s")


def test_only_the_configured_page_offers_live_python():
    pages = [
        page
        for page in sitecheck.pages()
        if "nnfs-live.js" in (sitecheck.SITE / page).read_text(encoding="utf-8")
    ]
    assert pages == [LIVE_PAGE]

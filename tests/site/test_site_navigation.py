"""Navigation: table of contents, previous/next, search, cross-references."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import quote

import pytest
import sitecheck

CONTENT = sitecheck.content_pages() or ["(no built site)"]
CROSSREF_PAGES = [page for page in sitecheck.pages() if sitecheck.crossrefs(page)]


def _sidebar_targets(page: str) -> list[str]:
    nav = sitecheck.soup(page).select_one("nav.bd-docs-nav")
    assert nav is not None, f"{page} has no sidebar table of contents"
    targets = []
    for anchor in nav.select("a[href]"):
        link = sitecheck.resolve(page, anchor["href"])
        if link and link.target:
            targets.append(link.target)
    return targets


@pytest.mark.parametrize("page", CONTENT)
def test_sidebar_lists_every_page(page):
    """The table of contents on every page reaches every other content page."""
    listed = set(_sidebar_targets(page)) | {sitecheck.root_page()}
    missing = sorted(set(sitecheck.content_pages()) - listed)
    assert missing == [], f"{page}: the sidebar does not list {missing}"


def _neighbour(page: str, css: str) -> str | None:
    anchor = sitecheck.soup(page).select_one(f"a.{css}[href]")
    if anchor is None:
        return None
    link = sitecheck.resolve(page, anchor["href"])
    return link.target if link else None


def test_next_and_previous_walk_the_book_in_order():
    """Following "next" from the first page visits every page in the table's order, and back."""
    order = sitecheck.in_toc_order()
    assert len(order) >= 2, f"too few pages in the table of contents: {order}"
    forward = [order[0]]
    while (following := _neighbour(forward[-1], "right-next")) and len(forward) <= len(order):
        forward.append(following)
    assert forward == order
    backward = [order[-1]]
    while (preceding := _neighbour(backward[-1], "left-prev")) and len(backward) <= len(order):
        backward.append(preceding)
    assert backward == order[::-1]


def test_clicking_next_and_a_sidebar_entry_in_the_browser(visitor, server):
    order = sitecheck.in_toc_order()
    context = visitor.new_context()
    try:
        tab = context.new_page()
        tab.goto(server + order[0])
        tab.click("a.right-next")
        tab.wait_for_load_state("load")
        assert tab.url.split("#")[0] == server + order[1]
        tab.click("a.left-prev")
        tab.wait_for_load_state("load")
        assert tab.url.split("#")[0] == server + order[0]
        last = order[-1]
        entry = tab.locator("nav.bd-docs-nav a.reference.internal").last
        entry.click()
        tab.wait_for_load_state("load")
        assert tab.url.split("#")[0] == server + last
    finally:
        context.close()


def test_search_finds_the_term(visitor, server, search_term):
    """The site search (its own index, no service) lists pages that contain the term."""
    context = visitor.new_context()
    try:
        tab = context.new_page()
        tab.goto(f"{server}search.html?q={quote(search_term)}")
        # Sphinx's search titles its results "Search Results" once it has finished.
        tab.wait_for_function(
            """() => { const title = document.querySelector("#search-results h2");
                      return title && title.textContent.startsWith("Search Results"); }""",
            timeout=30_000,
        )
        hrefs = [
            tab.evaluate("(a) => a.href", a)
            for a in tab.locator("#search-results ul.search li a").element_handles()
        ]
        assert hrefs, f"no result for {search_term!r}"
        pages_found = {href.removeprefix(server).split("#")[0].split("?")[0] for href in hrefs}
        containing = [
            page
            for page in pages_found
            if (sitecheck.SITE / page).is_file()
            and re.search(search_term, sitecheck.soup(page).get_text(), re.I)
        ]
        assert containing, f"results {sorted(pages_found)} do not contain {search_term!r}"
    finally:
        context.close()


@pytest.mark.parametrize("page", CROSSREF_PAGES or [None])
def test_equation_and_proof_references_land_on_their_target(visitor, server, page):
    """Clicking each reference to an equation or a proof shows that equation or proof."""
    if page is None:
        # No page refers to an equation or proof: then there must be none to refer to.
        targets = [
            p
            for p in sitecheck.pages()
            if sitecheck.soup(p).select("[id^='equation-'], div.proof[id]")
        ]
        assert targets == [], (
            f"numbered equations or proofs exist but nothing refers to them: {targets}"
        )
        return
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = visitor.new_context()
    try:
        tab = context.new_page()
        clicked = 0
        for ref in sitecheck.crossrefs(page):
            if tab.url.split("#")[0] != server + page:  # a reload only after leaving the page
                tab.goto(server + page)
            links = tab.locator(f"article a.reference.internal[href='{ref.href}']")
            # A reference may sit in a collapsed solution too: click one the reader can see.
            visible = [links.nth(i) for i in range(links.count()) if links.nth(i).is_visible()]
            if visible:
                visible[0].click()
                clicked += 1
            else:  # only in collapsed dropdowns: follow the link as a reader would after opening it
                tab.goto(server + ref.target + "#" + ref.fragment)
            tab.wait_for_function(f"() => location.hash === '#{ref.fragment}'")
            # After a click to another page the hash is set before the page is parsed.
            tab.wait_for_load_state("domcontentloaded")
            with contextlib.suppress(PlaywrightTimeout):  # the assertions below say what is wrong
                tab.wait_for_function(
                    """(id) => { const el = document.getElementById(id);
                       if (!el) return false; const r = el.getBoundingClientRect();
                       return r.bottom > 0 && r.top < innerHeight; }""",
                    arg=ref.fragment,
                    timeout=10_000,
                )
            assert tab.url.split("#")[0] == server + ref.target, ref
            box = tab.evaluate(
                """(id) => { const el = document.getElementById(id);
                   if (!el) return null; const r = el.getBoundingClientRect();
                   return {top: r.top, bottom: r.bottom, height: innerHeight}; }""",
                ref.fragment,
            )
            assert box is not None, f"{ref.href}: no element #{ref.fragment}"
            assert box["bottom"] > 0 and box["top"] < box["height"], (
                f"{ref.href}: the {ref.kind} is not in view after the click ({box})"
            )
        assert clicked, f"{page}: no visible reference to click"
    finally:
        context.close()

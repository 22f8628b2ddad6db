"""Every page of the built site, opened in headless Chromium with empty storage.

Each check is parametrized by page, so a failure names the page. A page is
opened once (see ``Visitor`` in conftest.py); the screenshots and a JSON
summary (requests, console errors, axe results) go to the report folder,
``_build/site-report/`` by default.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sitecheck

from nnfs_build import bundle, downloads, pdf
from nnfs_build.root_page import data_url

PAGES = sitecheck.pages() or ["(no built site)"]

# An alt text that only names a file or an object is no description.
_NOT_A_DESCRIPTION = re.compile(
    r"(^|/)[\w.-]+\.(png|jpe?g|svg|gif|webp)$|^<Figure size|^image$|^figure$|^plot$", re.I
)


@pytest.mark.parametrize("page", PAGES)
def test_no_request_leaves_the_site(visitor, page):
    """Reading a page must not contact any host but the site's own (here 127.0.0.1)."""
    visit = visitor(page)
    assert visit.requests, "the browser recorded no request at all"
    assert visit.third_party == [], f"{page} requested third-party URLs: {visit.third_party}"


@pytest.mark.parametrize("page", PAGES)
def test_every_local_request_succeeds(visitor, page):
    """No missing script, style, font or image (a 404 would be a silent gap)."""
    assert visitor(page).failed == []


@pytest.mark.parametrize("page", PAGES)
def test_page_names_the_sites_own_icon(page):
    """A page that names no icon makes the browser ask for /favicon.ico, which the site lacks.

    Chromium logs that 404 as a console error, but whether it does so before a
    forwarding page (index.html) has moved on is a matter of timing, so the
    first-visit check below cannot be relied on to catch it: this one can. A
    forwarding page carries the site's icon as a ``data:`` URL, since the refresh
    could cut a request for the icon short (a failed request).
    """
    icons = [
        tag["href"]
        for tag in sitecheck.soup(page).find_all("link", href=True)
        if "icon" in {rel.lower() for rel in tag.get("rel", [])}
    ]
    assert icons, f"{page} names no icon"
    for href in icons:
        if sitecheck.redirect_of(page):
            favicon = sitecheck.REPO / sitecheck.book_config()["html"]["favicon"]
            assert href == data_url(favicon), (page, href[:60])
            continue
        link = sitecheck.resolve(page, href)
        assert link is not None and (sitecheck.SITE / link.target).is_file(), (page, href)


@pytest.mark.parametrize("page", PAGES)
def test_no_console_errors_on_first_visit(visitor, page):
    """No JavaScript error or console.error, with empty browser storage."""
    assert visitor(page).console_errors == []


@pytest.mark.parametrize("page", PAGES)
def test_math_is_rendered(visitor, page):
    """Every math element was typeset by the site's own MathJax; no raw TeX is visible."""
    visit = visitor(page)
    assert visit.math_unrendered == [], f"math left as raw TeX: {visit.math_unrendered[:5]}"
    assert visit.mathjax_errors == [], f"MathJax could not typeset: {visit.mathjax_errors[:5]}"
    assert visit.raw_tex == [], f"raw TeX in the rendered text: {visit.raw_tex[:5]}"


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_violations(visitor, page):
    """axe-core finds no serious or critical violation."""
    serious = [v for v in visitor(page).axe if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}" for v in serious
    )


@pytest.mark.parametrize("page", PAGES)
def test_every_figure_is_described(visitor, page):
    """Each image in the text has a real alt text (not a file name) or a caption.

    A figure drawn by a code cell gets its alt text from the sentence right
    after the cell (nnfs_build/figure_alt.py), so a chapter that describes its
    plot there passes.
    """
    undescribed = []
    for image in visitor(page).images:
        alt = image["alt"]
        if image["decorative"]:
            continue
        if alt and not _NOT_A_DESCRIPTION.search(alt):
            continue
        if image["caption"]:
            continue
        undescribed.append(image["src"])
    assert undescribed == [], f"figures without alt text or caption: {undescribed}"


@pytest.mark.parametrize("page", PAGES)
def test_figures_are_pictures_not_text(visitor, page):
    """A figure must reach the page as an image, not as ``<Figure size ...>`` text."""
    assert visitor(page).figure_reprs == []


@pytest.mark.parametrize("page", PAGES)
def test_screenshot_taken(visitor, page):
    """A full-page screenshot of each page lands in the report folder."""
    shot = Path(visitor(page).screenshot)
    assert shot.is_file() and shot.stat().st_size > 5_000, shot


def _page_with_most_math() -> str | None:
    counts = {
        page: len(sitecheck.soup(page).select("span.math, div.math")) for page in sitecheck.pages()
    }
    best = max(counts, key=counts.get, default=None)
    return best if best and counts[best] else None


def test_math_renders_from_the_files_without_a_server(visitor):
    """Opened straight from disk (file://) with no network, a page still shows typeset math."""
    page = _page_with_most_math()
    assert page is not None, "no page of the site has any math"
    context = visitor.new_context()
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto((sitecheck.SITE / page).as_uri(), wait_until="load")
        tab.evaluate(
            "() => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise"
            " ? window.MathJax.startup.promise.then(() => true) : false"
        )
        counts = tab.evaluate(
            """() => ({all: document.querySelectorAll("span.math, div.math").length,
                       typeset: document.querySelectorAll(
                         "span.math mjx-container, div.math mjx-container").length})"""
        )
        assert counts["all"] > 0 and counts["typeset"] == counts["all"], (page, counts)
        assert errors == []
    finally:
        context.close()


def test_book_prints_to_one_pdf() -> None:
    """`make book` printed every page, in order, with all math typeset, from the pages as built.

    The printing itself (nnfs_build/pdf.py, which fails on math it cannot typeset)
    ran in `make book` (nnfs_build/bundle.py); this checks its result and its record.
    """
    output = sitecheck.SITE / downloads.site_path("pdf")
    data = output.read_bytes()
    assert data.startswith(b"%PDF-")
    record = json.loads(bundle.print_record(sitecheck.SITE).read_text(encoding="utf-8"))
    assert record["pages_hash"] == bundle.pages_hash(sitecheck.SITE), "the PDF is stale"
    typeset = record["typeset"]
    assert typeset["raw"] == 0 and typeset["errors"] == 0, typeset
    assert typeset["maths"] == sum(
        len(sitecheck.soup(page).select("article span.math, article div.math"))
        for page in pdf.book_order(sitecheck.SITE)
    ), "the PDF is missing formulas of some page"
    pdf_pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    assert pdf_pages >= len(sitecheck.in_toc_order()), pdf_pages  # a new page per book page
    assert pdf.book_order(sitecheck.SITE) == sitecheck.in_toc_order()
    assert not (sitecheck.SITE / pdf.PRINT_PAGE).exists()


def test_the_printed_book_opens_every_solution() -> None:
    """Solutions are collapsed dropdowns on the site; on the print page every one is open."""
    site = sitecheck.SITE.resolve()
    path = pdf.build_print_page(site)
    try:
        printed = sitecheck.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        solutions = printed.select("article .solution")
        assert solutions, "no solution on the print page"
        assert printed.select("article .dropdown") == []
        assert all(details.has_attr("open") for details in printed.select("article details"))
    finally:
        path.unlink()

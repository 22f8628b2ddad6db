"""The book's figures in the light and the dark colour scheme (nnfs_build/figure_theme.py).

For a few pages with figures (the ones with most figures, and a page with an
in-page animation player), in each scheme: the page is opened with the browser
asking for that scheme (and, once, switched with the theme's own button); a
full-page screenshot goes to ``<report>/colour-schemes/``; and every figure's
rendered pixels are checked against the page behind it: the figure's
background is the page's own (no light rectangle on the dark page), and its
ink (the grey pixels: text, axes, ticks) reaches a WCAG contrast of at least
4.5:1 against it.
"""

from __future__ import annotations

import pytest
import sitecheck
from pixels import css_rgb, figure_pixels, readability_problems

from nnfs_build import figure_theme

SCHEMES = ("light", "dark")
SHOTS = sitecheck.REPORT / "colour-schemes"


def _figure_count(page: str) -> int:
    article = sitecheck.soup(page).select_one("article")
    return len(article.select("img[src*='_images/']")) if article else 0


def _pages() -> list[str]:
    pages = sorted(sitecheck.content_pages(), key=_figure_count, reverse=True)
    chosen = [p for p in pages[:3] if _figure_count(p)]
    players = [p for p in pages if sitecheck.soup(p).select(".anim-buttons")]
    return list(dict.fromkeys(chosen + players[-1:]))


PAGES = _pages() or ["(no built site)"]


def _open(visitor, server, page: str, scheme: str, stored_mode: str | None = None):
    context = visitor.browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme
    )
    if stored_mode is not None:  # what the theme's switch stores
        context.add_init_script(f"localStorage.setItem('mode', '{stored_mode}')")
    tab = context.new_page()
    tab.goto(server + page, wait_until="load")
    tab.wait_for_load_state("networkidle")
    return context, tab


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGES)
def test_figures_readable_in_both_schemes(visitor, server, page, scheme) -> None:
    assert page != "(no built site)"
    context, tab = _open(visitor, server, page, scheme)
    try:
        assert tab.evaluate("document.documentElement.dataset.theme") == scheme
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = page.replace("/", "__").removesuffix(".html")
        tab.screenshot(path=str(SHOTS / f"{name}-{scheme}.png"), full_page=True)
        page_background = css_rgb(tab.evaluate("getComputedStyle(document.body).backgroundColor"))
        expected = (
            figure_theme.DARK_BACKGROUND if scheme == "dark" else figure_theme.LIGHT_BACKGROUND
        )
        assert [round(c * 255) for c in page_background] == [
            round(c * 255) for c in figure_theme.rgb(expected)
        ], "the page background is not the one the contrast check of the style assumes"
        # Visible images only: an interactive figure's static fallback is hidden once its
        # script has drawn the figure.
        figures = tab.locator(
            "article div.cell_output img:visible, article figure:not(.nnfs-video) img:visible"
        ).all()
        assert figures, f"{page}: no figure found"
        problems = []
        for index, figure in enumerate(figures[:6]):
            figure.scroll_into_view_if_needed()
            filtered = figure.evaluate("(img) => getComputedStyle(img).filter")
            if scheme == "dark" and "invert" not in filtered:
                problems.append(f"figure {index}: no dark-mode filter ({filtered})")
            if scheme == "light" and filtered != "none":
                problems.append(f"figure {index}: filtered in the light theme ({filtered})")
            seen = figure_pixels(figure.screenshot(), page_background)
            problems += readability_problems(f"figure {index}", seen)
        assert problems == [], f"{page} ({scheme}):\n" + "\n".join(problems)
    finally:
        context.close()


def test_the_theme_switch_turns_the_figures_over(visitor, server) -> None:
    """The theme's own setting (localStorage "mode") wins over the browser's scheme, both ways."""
    page = PAGES[0]
    for browser_scheme, stored, expected in (("light", "dark", "dark"), ("dark", "light", "light")):
        context, tab = _open(visitor, server, page, browser_scheme, stored_mode=stored)
        try:
            assert tab.evaluate("document.documentElement.dataset.theme") == expected
            figure = tab.locator("article div.cell_output img, article figure img").first
            filtered = figure.evaluate("(img) => getComputedStyle(img).filter")
            assert ("invert" in filtered) == (expected == "dark"), filtered
        finally:
            context.close()


def test_video_posters_in_both_schemes(visitor, server) -> None:
    """The Manim posters keep their own dark background and are not filtered (screenshots kept)."""
    pages = [p for p in sitecheck.content_pages() if sitecheck.soup(p).select("figure video")]
    assert pages, "no page embeds a video"
    for scheme in SCHEMES:
        context, tab = _open(visitor, server, pages[0], scheme)
        try:
            video = tab.locator("figure.nnfs-video video").first
            video.scroll_into_view_if_needed()
            assert video.evaluate("(v) => getComputedStyle(v).filter") == "none"
            SHOTS.mkdir(parents=True, exist_ok=True)
            name = pages[0].replace("/", "__").removesuffix(".html")
            video.screenshot(path=str(SHOTS / f"{name}-video-{scheme}.png"))
        finally:
            context.close()

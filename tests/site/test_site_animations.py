"""The animations a reader meets in the pages, driven in the browser.

* The in-page training animations (matplotlib players): pressing play changes
  the frame, and the controls need nothing from outside the page.
* The Manim videos: each has a poster, a caption and a text description, and
  its files are served by the site itself.
"""

from __future__ import annotations

import urllib.request

import pytest
import sitecheck

PLAYER_PAGES = [p for p in sitecheck.content_pages() if sitecheck.soup(p).select(".anim-buttons")]
VIDEO_PAGES = [p for p in sitecheck.content_pages() if sitecheck.soup(p).select("figure video")]


def test_the_book_has_in_page_animations_and_videos() -> None:
    assert "book/part1/training.html" in PLAYER_PAGES
    assert len(VIDEO_PAGES) >= 5, VIDEO_PAGES


@pytest.mark.parametrize("page", PLAYER_PAGES or [None])
def test_pressing_play_changes_the_frame(visitor, server, page) -> None:
    assert page is not None, "no page has an in-page animation"
    context = visitor.browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(server + page)
        player = tab.locator(".animation").first
        frame = player.locator("img[id^='_anim_img']")
        slider = player.locator("input[id^='_anim_slider']")
        player.scroll_into_view_if_needed()
        before = frame.get_attribute("src")
        assert slider.input_value() == "0"
        player.locator("button[title='Play']").click()
        tab.wait_for_function(
            "([img, first]) => img.src !== first",
            arg=[frame.element_handle(), before],
            timeout=10_000,
        )
        player.locator("button[title='Pause']").click()
        assert int(slider.input_value()) > 0, "the slider did not move with the frames"
        assert frame.get_attribute("alt"), "the animation's frame has no text alternative"
    finally:
        context.close()


@pytest.mark.parametrize("page", VIDEO_PAGES or [None])
def test_videos_are_described_and_served_by_the_site(server, page) -> None:
    assert page is not None, "no page embeds a video"
    for figure in sitecheck.soup(page).select("figure:has(video)"):
        video = figure.select_one("video")
        assert video.has_attr("controls"), "a video without controls"
        assert figure.select_one("figcaption"), "a video without a caption"
        described = video.get("aria-describedby")
        assert described and sitecheck.soup(page).find(id=described), "no text description"
        sources = [video["poster"], *(s["src"] for s in video.select("source"))]
        for src in sources:
            link = sitecheck.resolve(page, src)
            assert link is not None and link.target, f"{src} is not on the site"
            with urllib.request.urlopen(server + link.target) as response:
                assert response.status == 200 and len(response.read()) > 1000, src

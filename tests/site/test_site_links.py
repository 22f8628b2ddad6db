"""Links over the whole built site, read from the HTML (no browser needed).

Every internal link and anchor must resolve, and no page may load a resource
(script, style, image, frame) from another host. Links *to* other sites
(GitHub, Binder) are navigation, not requests, and are allowed.
"""

from __future__ import annotations

import pytest
import sitecheck

PAGES = sitecheck.pages() or ["(no built site)"]
RESOURCE_TAGS = ("img", "script", "source", "iframe", "video", "audio")


@pytest.mark.parametrize("page", PAGES)
def test_internal_links_and_anchors_resolve(page):
    broken = []
    for link in sitecheck.links(page):
        if sitecheck.is_external(link.url) or sitecheck.is_left_alone(link.url):
            continue
        if link.url in ("", "#"):
            continue
        resolved = sitecheck.resolve(page, link.url)
        if resolved is None or resolved.target is None:
            continue
        target = sitecheck.SITE / resolved.target
        if resolved.target.startswith("../") or not target.is_file():
            broken.append(f"<{link.tag}> {link.url}: no file {resolved.target}")
            continue
        if resolved.fragment and target.suffix == ".html":
            if resolved.fragment not in sitecheck.ids(resolved.target):
                broken.append(f"<{link.tag}> {link.url}: no anchor #{resolved.fragment}")
    assert broken == [], f"{page}: " + "\n".join(broken)


@pytest.mark.parametrize("page", PAGES)
def test_no_resource_from_another_host(page):
    external = [
        f"<{link.tag}> {link.url}"
        for link in sitecheck.links(page)
        if sitecheck.is_external(link.url)
        and (link.tag in RESOURCE_TAGS or (link.tag == "link" and _is_loaded(page, link.url)))
    ]
    assert external == []


def _is_loaded(page: str, url: str) -> bool:
    """A <link> the browser fetches (stylesheet, preload, icon), not a canonical URL."""
    for tag in sitecheck.soup(page).find_all("link", href=url):
        rel = {r.lower() for r in tag.get("rel", [])}
        if rel & {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}:
            return True
    return False

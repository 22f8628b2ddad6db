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


def test_sitemap_lists_every_page():
    """sitemap.xml names every page of the book under html.baseurl, and nothing else."""
    import xml.etree.ElementTree as ET

    baseurl = sitecheck.book_config()["html"]["baseurl"].rstrip("/") + "/"
    tree = ET.parse(sitecheck.SITE / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    assert all(url.startswith(baseurl) for url in listed), listed
    pages = {url.removeprefix(baseurl) for url in listed}
    assert pages == set(sitecheck.content_pages())
    robots = (sitecheck.SITE / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {baseurl}sitemap.xml" in robots


@pytest.mark.parametrize("page", sitecheck.content_pages() or ["(no built site)"])
def test_social_preview_metadata(page):
    """Each page has og:title, og:url (its own address), and og:description if it has prose."""
    meta = {
        tag.get("property"): tag.get("content", "")
        for tag in sitecheck.soup(page).find_all("meta", attrs={"property": True})
    }
    baseurl = sitecheck.book_config()["html"]["baseurl"].rstrip("/") + "/"
    assert meta.get("og:title"), meta
    assert meta.get("og:url") == baseurl + page, meta
    article = sitecheck.soup(page).select_one("article")
    if article is not None and article.find("p"):
        assert meta.get("og:description"), meta

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


def test_binders_links_land_on_the_site():
    """What Binder's extension links to (nnfs_build.binder.references) is on the built site.

    Every label's page has its anchor, and the words Binder shows for it are the
    site's: a section's title, or the number the site gives a figure, table,
    equation, prf block or exercise (nnfs_build.numbering derives them from the
    sources); every page's figures are numbered in the same order; every {doc}
    page exists; every citation has the label and the formatted reference of the
    site's bibliography, and links to its entry there.
    """
    from nnfs_build.binder import references, site_url

    links = references(sitecheck.REPO)
    site = site_url(sitecheck.REPO)
    wrong = []
    for name in links["pages"]:
        if not (sitecheck.SITE / f"{name}.html").is_file():
            wrong.append(f"page {name}: not on the site")
    for label, entry in links["targets"].items():
        page, _, anchor = entry["url"].removeprefix(site).partition("#")
        found = sitecheck.soup(page).find(id=anchor) if (sitecheck.SITE / page).is_file() else None
        if found is None:
            wrong.append(f"label {label}: no #{anchor} in {page}")
            continue
        shown = _site_words(found)
        if shown is not None and shown != entry["text"]:
            wrong.append(f"label {label}: Binder says {entry['text']!r}, the site {shown!r}")
    for page, figures in links["figures"].items():
        numbers = [
            " ".join(n.get_text(" ").split())
            for n in sitecheck.soup(f"{page}.html").select("article figure .caption-number")
        ]
        if [figure["text"] for figure in figures] != numbers:
            wrong.append(f"{page}: figures {[f['text'] for f in figures]}, the site {numbers}")
    shown = {
        item.select_one(".label").get_text("").strip("[]"): " ".join(item.p.get_text("").split())
        for item in sitecheck.soup("book/bibliography.html").select(".citation")
    }
    entries = {item["id"] for item in sitecheck.soup("book/bibliography.html").select(".citation")}
    for key, entry in links["citations"].items():
        if entry["url"].partition("#")[2] not in entries:
            wrong.append(f"citation {key}: {entry['url']} is not an entry of the bibliography")
        if shown.get(entry["label"]) != " ".join(entry["text"].split()):
            wrong.append(
                f"citation {key}: Binder shows [{entry['label']}] {entry['text']!r}, "
                f"the site {shown.get(entry['label'])!r}"
            )
    assert len(links["targets"]) > 300 and len(links["citations"]) > 40
    assert wrong == [], "\n".join(wrong)


def _site_words(element) -> str | None:
    """The number the site shows on a labelled element, or a section's title (None: none)."""
    import re

    heading_tag = re.compile("^h[1-6]$")
    if element.name == "section" or (element.name == "span" and not element.get_text(strip=True)):
        # A label on a section, or on the empty <span> Sphinx puts before its heading.
        heading = element.find(heading_tag) if element.name == "section" else None
        heading = heading or element.find_next(heading_tag)
        number = heading.select_one(".section-number")
        if number is not None:
            number.extract()
        return " ".join(heading.get_text("").replace("#", "").split())
    return sitecheck.number_words(element)

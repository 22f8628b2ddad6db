"""Pages and scenes agree: every embedded video has a scene, every scene is on its page.

Reads the pages listed in ``_toc.yml`` for ``nnfs-video`` directives.
"""

from __future__ import annotations

from animations.registry import SCENES
from tests.book.chapters import ROOT, directives, toc_files


def _embedded() -> dict[str, list[str]]:
    """Scene name -> the toc'd pages (relative paths) that embed it."""
    found: dict[str, list[str]] = {}
    for page in toc_files():
        if not page.exists():
            continue
        for d in directives(page.read_text(encoding="utf-8")):
            if d.name == "nnfs-video":
                found.setdefault(d.argument, []).append(page.relative_to(ROOT).as_posix())
    return found


def test_every_embedded_video_has_a_scene() -> None:
    unknown = {name: pages for name, pages in _embedded().items() if name not in SCENES}
    assert unknown == {}, f"pages embed animations that animations/registry.py lacks: {unknown}"


def test_every_scene_names_a_page_of_the_book() -> None:
    for name, entry in SCENES.items():
        assert entry.page.startswith("book/") and entry.page.endswith(".md"), name
        assert entry.title and entry.caption and entry.description, name


def test_every_scene_is_embedded_by_its_page() -> None:
    embedded = _embedded()
    missing = {
        name: entry.page
        for name, entry in SCENES.items()
        if entry.page not in embedded.get(name, [])
    }
    assert missing == {}, (
        "scenes not embedded on their page (add ```{nnfs-video} NAME``` there, "
        f"and the page to _toc.yml): {missing}"
    )

"""What Binder's JupyterLab needs to show the book's own directives.

On Binder a chapter opens as a notebook, and jupyterlab-myst renders its
Markdown; it knows standard MyST but not the site's directives:
``nnfs-video`` (:mod:`nnfs_build.video`), ``nnfs-interactive``
(:mod:`nnfs_build.interactive`) and myst-nb's ``glue:figure``. The prebuilt
JupyterLab extension ``binder/nnfs-binder`` draws them in their
place. ``binder/postBuild`` runs ``python -m nnfs_build.binder <folder>`` to
write what it reads, into the extension's ``static`` folder (served by
JupyterLab at ``lab/extensions/nnfs-binder/static/``):

``videos.json``
    For each scene of ``book/videos``: the title, caption and description the
    site shows (:func:`nnfs_build.video.describe`), and the paths of its video
    and poster from the repository's root (JupyterLab's root on Binder).
``interactive/<name>.json``
    Each interactive figure's spec, the one the site embeds.
``nnfs-interactive.js``, ``nnfs-interactive.css``
    The site's script and style sheet for those figures.
``figure-theme.css``
    The site's dark-theme filter for figures, under JupyterLab's dark theme
    (:data:`nnfs_build.figure_theme.JUPYTERLAB_CSS`).

``references.json``
    What a notebook cannot resolve by itself, each as the link the extension
    puts in its place (to the page of the book's site, ``html.baseurl`` of
    ``_config.yml``): ``citations`` (bibliography key: the site's label, such
    as ``GBC16``, and the formatted reference, both from pybtex's ``alpha``
    style, as sphinxcontrib-bibtex formats them; the link goes to the entry's
    anchor, ``bibtex_cite_id`` of ``_config.yml``), ``targets`` (every label of
    the book: a section, figure, table, equation, ``prf`` block or exercise,
    with the words the site uses for it, such as "Definition 1.1" or
    "Fig. 6.3", from :mod:`nnfs_build.numbering`), ``pages`` (a ``{doc}``
    target: its title) and ``figures`` (each page's figures in order, with
    their numbers, for the captions the extension draws) and ``sections``
    (each numbered chapter's heading numbers in order, "2.", "2.1.", as the
    site shows them before each heading).

``listings.json``
    Each page's ``literalinclude`` listings, in order (page: list): the
    directive's argument and options as written, and the text the site shows,
    read from the repository's file (the one the reader has on Binder) by
    Sphinx's own reader (``sphinx.directives.code.LiteralIncludeReader``, so
    ``:pyobject:``, ``:lines:`` and the others select what the site selects),
    with the ``:caption:`` if any. jupyterlab-myst cannot read files, so
    without this the listing is missing.

A glued figure or a glued number needs nothing here: the extension takes it
from the notebook's own outputs.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from nnfs_build.figure_theme import JUPYTERLAB_CSS, JUPYTERLAB_CSS_FILE
from nnfs_build.interactive import CSS_FILE, SCRIPT, STATIC, stylesheet
from nnfs_build.numbering import (
    FENCE,
    HEADING,
    _options,
    chapter_numbers,
    headings,
    number_pages,
    section_numbers,
    toc_pages,
)
from nnfs_build.video import describe

ROOT = Path(__file__).resolve().parents[1]
VIDEOS = "book/videos"


def site_url(root: Path = ROOT) -> str:
    """The book's site, from ``html.baseurl`` of ``_config.yml``, ending with "/"."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return config["html"]["baseurl"].rstrip("/") + "/"


def references(root: Path = ROOT) -> dict[str, dict[str, Any]]:
    """Citations, labels, pages and figures, with the site's words and links (see the module's doc)."""
    from docutils.nodes import make_id
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    site = site_url(root)
    pages, targets, figures, sections = {}, {}, {}, {}
    bibliography = None
    chapters = chapter_numbers(root)
    for page, items in number_pages(root).items():
        text = (root / f"{page}.md").read_text(encoding="utf-8")
        if page in chapters:
            sections[page] = section_numbers(headings(text), chapters[page])
        url = f"{site}{page}.html"
        title = next((m["text"] for m in map(HEADING.match, text.splitlines()) if m), page)
        pages[page] = {"url": url, "text": title}
        for item in items:
            if item.label is not None:
                targets[item.label] = {
                    "url": f"{url}#{item.anchor}",
                    "text": item.text,
                    "page": page,
                }
                if item.number:
                    targets[item.label]["number"] = item.number
        figures[page] = [
            {"source": item.source, "name": item.label, "text": item.text}
            for item in items
            if item.kind == "figure"
        ]
        if re.search(r"^(`{3,}|:{3,})\{bibliography\}", text, re.M):
            bibliography = url
    if bibliography is None:
        raise LookupError("no page of _toc.yml holds the {bibliography} directive")
    style = find_plugin("pybtex.style.formatting", "alpha")()
    entries = style.format_bibliography(parse_file(str(root / "book" / "references.bib")))
    # The entry's own anchor on the bibliography page: sphinxcontrib-bibtex's
    # bibtex_cite_id of _config.yml ("cite-{key}"), through docutils' make_id.
    # Without it the site's anchors are docutils' counters ("id27"): the page only.
    cite_id = _sphinx_config(root).get("bibtex_cite_id")
    citations = {
        entry.key: {
            "url": f"{bibliography}#{make_id(cite_id.format(key=entry.key))}"
            if cite_id
            else bibliography,
            "label": entry.label,
            "text": entry.text.render_as("text"),
        }
        for entry in entries
    }
    return {
        "citations": citations,
        "targets": targets,
        "pages": pages,
        "figures": figures,
        "sections": sections,
    }


def _sphinx_config(root: Path) -> dict[str, Any]:
    """The ``sphinx: config:`` settings of ``_config.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return (config.get("sphinx") or {}).get("config") or {}


def listings(root: Path = ROOT) -> dict[str, list[dict[str, Any]]]:
    """Every page's ``literalinclude`` listings with the site's text (see the module's doc)."""
    from sphinx.directives.code import LiteralInclude, LiteralIncludeReader

    class Config:  # what the reader reads of Sphinx's configuration
        source_encoding = "utf-8-sig"

    found: dict[str, list[dict[str, Any]]] = {}
    for page in toc_pages(root):
        source = root / f"{page}.md"
        lines = source.read_text(encoding="utf-8").splitlines()
        shown = []
        for i, line in enumerate(lines):
            fence = FENCE.match(line)
            if not fence or fence["directive"] != "literalinclude":
                continue
            written = _options(lines, i + 1)
            options = {
                key: LiteralInclude.option_spec[key](value or None)
                for key, value in written.items()
            }
            path = (source.parent / fence["title"]).resolve()
            text, _ = LiteralIncludeReader(str(path), options, Config()).read()
            shown.append(
                {
                    "argument": fence["title"],
                    "options": written,
                    "path": path.relative_to(root.resolve()).as_posix(),
                    "language": written.get("language", "python"),
                    "caption": written.get("caption", ""),
                    "text": text,
                }
            )
        if shown:
            found[page] = shown
    return found


def write_assets(destination: Path, root: Path = ROOT) -> dict[str, list[str]]:
    """Write the extension's files into ``destination``; return the names of what they hold.

    Every scene listed in ``book/videos/manifest.json`` is described; a scene
    the site could not show (no video, no poster, a missing fact) raises
    ``LookupError``, as the site's build fails on it.
    """
    from nnfs_lib.interactive import FIGURES

    destination = Path(destination)
    manifest = root / VIDEOS / "manifest.json"
    scenes = sorted(json.loads(manifest.read_text(encoding="utf-8")).get("scenes", {}))
    videos = {
        name: {
            **describe(name, root),
            "video": f"{VIDEOS}/{name}.mp4",
            "poster": f"{VIDEOS}/{name}.png",
        }
        for name in scenes
    }
    destination.mkdir(parents=True, exist_ok=True)
    (destination / "videos.json").write_text(json.dumps(videos, indent=1), encoding="utf-8")
    figures = destination / "interactive"
    figures.mkdir(exist_ok=True)
    for name, compute in FIGURES.items():
        spec = json.dumps(compute(), separators=(",", ":"))
        (figures / f"{name}.json").write_text(spec, encoding="utf-8")
    links = references(root)
    (destination / "references.json").write_text(json.dumps(links, indent=1), encoding="utf-8")
    shown = listings(root)
    (destination / "listings.json").write_text(json.dumps(shown, indent=1), encoding="utf-8")
    shutil.copy2(STATIC / SCRIPT, destination / SCRIPT)
    (destination / CSS_FILE).write_text(stylesheet(), encoding="utf-8")
    (destination / JUPYTERLAB_CSS_FILE).write_text(JUPYTERLAB_CSS, encoding="utf-8")
    return {
        "videos": scenes,
        "interactive": sorted(FIGURES),
        "citations": sorted(links["citations"]),
        "targets": sorted(links["targets"]),
        "listings": [
            f"{page}: {item['path']} {item['options']}" for page in shown for item in shown[page]
        ],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m nnfs_build.binder",
        description="Write the files Binder's nnfs-binder extension reads.",
    )
    parser.add_argument("destination", type=Path, help="the extension's static folder")
    args = parser.parse_args(argv)
    written = write_assets(args.destination)
    print(
        f"nnfs_build.binder: {len(written['videos'])} videos, "
        f"{len(written['interactive'])} interactive figures, {len(written['citations'])} "
        f"citations, {len(written['targets'])} labels and {len(written['listings'])} listings "
        f"in {args.destination}"
    )


if __name__ == "__main__":
    main()

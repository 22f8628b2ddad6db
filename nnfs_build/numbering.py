"""The site's numbers and names for what a page labels, read from the sources.

Sphinx numbers a book's figures, tables, labelled equations, ``prf`` blocks
and exercises when it builds the site. Binder's JupyterLab has no site build,
yet a notebook refers to those things on other pages (and to its own glued
figures), so :mod:`nnfs_build.binder` needs the same words the site shows.
This module derives them from the MyST sources with the site's rules:

* a chapter of a part with ``numbered: true`` in ``_toc.yml`` has a number,
  counted through all numbered parts in order (Part II's first chapter is 8
  when Part I has 7); its items are numbered ``<chapter>.<n>``;
* each kind has its own counter per chapter: figures (``figure``,
  ``glue:figure``, ``nnfs-video``, ``nnfs-interactive`` and code cells with
  a ``mystnb.figure`` caption), tables (``list-table``, ``table``,
  ``csv-table``), equations (display math with a label; unlabelled math has
  no number), each ``prf`` kind (``proof`` excepted) and exercises;
* pages outside the numbered parts share one counter per kind, in the order of
  the table of contents, and their items are numbered ``<n>``.

A ``prf`` block with ``:nonumber:`` has no number and does not advance its
counter, as in sphinx-proof.

The site suite (``tests/site/test_site_links.py``) compares the words of every
labelled item, and each page's figures in order, with the built site, so a
rule that drifts from Sphinx's fails there.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from docutils.nodes import make_id

FIGURES = ("figure", "glue:figure", "nnfs-video", "nnfs-interactive")
TABLES = ("list-table", "table", "csv-table")
LABEL = re.compile(r"^\((?P<label>[^)\s]+)\)=\s*$")
HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*$")
FENCE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<directive>[\w:-]+)\})?\s*(?P<title>.*?)\s*$"
)
OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*?)\s*$")
MATH_END = re.compile(r"\$\$\s*(?:\((?P<label>[^)\s]+)\))?\s*$")


@dataclass(frozen=True)
class Item:
    """One thing a page defines: its kind, its label (if any) and the site's words for it.

    ``kind`` is ``figure``, ``table``, ``equation``, ``exercise``, ``prf:<kind>``
    or ``section``; ``source`` is the directive (or ``code-cell``) that made it;
    ``number`` is the number alone ("6.3"; empty for a section).
    """

    kind: str
    label: str | None
    text: str
    source: str
    title: str = ""
    number: str = ""

    @property
    def anchor(self) -> str | None:
        """The id of the item on the site's page: docutils' form of the label (equations
        are prefixed "equation-", as Sphinx does)."""
        if self.label is None:
            return None
        return make_id(f"equation-{self.label}" if self.kind == "equation" else self.label)


def toc(root: Path) -> list[tuple[str, bool]]:
    """The pages of ``_toc.yml`` in order, each with whether its part is numbered."""
    data = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [(data["root"], False)]

    def walk(node: Any, numbered: bool) -> None:
        if isinstance(node, dict):
            numbered = bool(node.get("numbered", numbered))
            if "file" in node:
                pages.append((node["file"], numbered))
            for key, value in node.items():
                if key != "numbered":
                    walk(value, numbered)
        elif isinstance(node, list):
            for value in node:
                walk(value, numbered)

    walk(data.get("parts", data.get("chapters", [])), False)
    return pages


def toc_pages(root: Path) -> list[str]:
    """The pages of ``_toc.yml`` (root first), as paths without ``.md``."""
    return [page for page, _ in toc(root)]


def _options(lines: list[str], start: int) -> dict[str, str]:
    options = {}
    for line in lines[start:]:
        option = OPTION.match(line)
        if not option:
            break
        options[option["key"]] = option["value"]
    return options


def _cell_options(lines: list[str], start: int) -> dict[str, Any]:
    """A code cell's ``---``-delimited YAML options (its metadata), if it has them."""
    if start >= len(lines) or lines[start].strip() != "---":
        return {}
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return {}
    return yaml.safe_load("\n".join(lines[start + 1 : end])) or {}


def _closing(lines: list[str], start: int, fence: str) -> int:
    """The index of the line that closes a fence opened at ``start - 1``."""
    for i in range(start, len(lines)):
        if lines[i].strip() == fence:
            return i
    return len(lines)


def scan(text: str) -> list[tuple[str, str | None, str, str, bool]]:
    """What a page numbers or labels, in order: (kind, label, source, title, numbered)."""
    found = []
    lines = text.splitlines()
    directives: list[str] = []  # the fences of the directives open at this line
    i = 0
    while i < len(lines):
        line = lines[i]
        label = LABEL.match(line)
        fence = FENCE.match(line)
        if directives and line.strip() == directives[-1]:
            directives.pop()  # a directive's closing fence
        elif label:
            heading = next((HEADING.match(x) for x in lines[i + 1 :] if x.strip()), None)
            if heading:
                found.append(("section", label["label"], "heading", heading["text"], False))
        elif line.startswith("$$"):
            end = next(
                (
                    j
                    for j in range(i, len(lines))
                    if MATH_END.search(lines[j][2 if j == i else 0 :])
                ),
                len(lines) - 1,
            )
            math_label = MATH_END.search(lines[end][2 if end == i else 0 :])["label"]
            if math_label:
                found.append(("equation", math_label, "math", "", True))
            i = end
        elif fence and fence["directive"] == "code-cell":
            figure = (_cell_options(lines, i + 1).get("mystnb") or {}).get("figure")
            if figure:
                found.append(("figure", figure.get("name"), "code-cell", "", True))
            i = _closing(lines, i + 1, fence["fence"])
        elif fence and fence["directive"] is None:
            i = _closing(lines, i + 1, fence["fence"])  # a code block: nothing numbered inside
        elif fence:
            directives.append(fence["fence"])
            directive, options = fence["directive"], _options(lines, i + 1)
            name = options.get("label") or options.get("name")
            if directive in FIGURES:
                found.append(("figure", name, directive, "", True))
            elif directive in TABLES:
                found.append(("table", name, directive, fence["title"], True))
            elif directive == "math" and name:
                found.append(("equation", name, directive, "", True))
            elif directive.startswith("prf:") and directive != "prf:proof":
                numbered = "nonumber" not in options
                found.append((directive, name, directive, fence["title"], numbered))
            elif directive == "exercise":
                found.append(("exercise", name, directive, fence["title"], True))
        i += 1
    return found


def _words(kind: str, number: str) -> str:
    if kind == "figure":
        return f"Fig. {number}"
    if kind == "table":
        return f"Table {number}"
    if kind == "equation":
        return f"({number})"
    if kind == "exercise":
        return f"Exercise {number}"
    return f"{kind.removeprefix('prf:').capitalize()} {number}"


def headings(text: str) -> list[int]:
    """The levels of a page's headings (1 for ``#``), in order, outside every fence and math block."""
    levels = []
    lines = text.splitlines()
    i = 0
    if lines and lines[0].strip() == "---":  # the front matter (jupytext's header)
        i = next((j for j in range(1, len(lines)) if lines[j].strip() == "---"), 0) + 1
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        heading = re.match(r"^(#{1,6})\s", line)
        if fence:
            i = _closing(lines, i + 1, fence["fence"])
        elif line.startswith("$$") and not MATH_END.search(line[2:]):
            i = next((j for j in range(i + 1, len(lines)) if MATH_END.search(lines[j])), i)
        elif heading:
            levels.append(len(heading[1]))
        i += 1
    return levels


def section_numbers(levels: list[int], chapter: int) -> list[str]:
    """The site's numbers of a numbered chapter's headings ("2.", "2.1.", "2.6.1."), by level.

    The title (the first, highest heading) is the chapter; each deeper heading is
    numbered within the one above it, as Sphinx numbers a numbered toctree's sections.
    """
    top = min(levels, default=1)
    counts: list[int] = []
    numbers = []
    for level in levels:
        depth = level - top  # 0 for the title
        if depth == 0:
            counts = []
            numbers.append(f"{chapter}.")
            continue
        counts = counts[:depth]
        counts += [0] * (depth - len(counts))
        counts[depth - 1] += 1
        numbers.append(".".join(map(str, [chapter, *counts])) + ".")
    return numbers


def chapter_numbers(root: Path) -> dict[str, int]:
    """Each page of a numbered part, with its chapter number (counted through the parts)."""
    numbers = {}
    for page, numbered in toc(root):
        if numbered:
            numbers[page] = len(numbers) + 1
    return numbers


def number_pages(root: Path) -> dict[str, list[Item]]:
    """Every page of the toc, with the items it numbers or labels, as the site names them."""
    counters: dict[int | None, Counter] = {}
    chapter = 0
    numbered_pages = {}
    for page, numbered in toc(root):
        if numbered:
            chapter += 1
        key = chapter if numbered else None
        count = counters.setdefault(key, Counter())
        items = []
        text = (root / f"{page}.md").read_text(encoding="utf-8")
        for kind, label, source, title, numbered in scan(text):
            if kind == "section":
                items.append(Item(kind, label, title, source, title))
                continue
            if not numbered:  # ":nonumber:": "Theorem (Title)", no number
                words = _words(kind, "").rstrip() + (f" ({title})" if title else "")
                items.append(Item(kind, label, words, source, title))
                continue
            count[kind] += 1
            number = f"{key}.{count[kind]}" if key is not None else str(count[kind])
            items.append(Item(kind, label, _words(kind, number), source, title, number))
        numbered_pages[page] = items
    return numbered_pages

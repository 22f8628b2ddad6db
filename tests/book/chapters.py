"""Reading the book's chapters as the tests need them: code cells and directives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nnfs_build.numbering import toc_pages

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
LIBRARY = ROOT / "nnfs_lib"

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\{(?P<name>[\w:-]+)\}(?P<arg>[^\n]*)\n", re.MULTILINE)


@dataclass
class Directive:
    name: str
    argument: str
    options: dict[str, str]
    body: str
    line: int


def toc_files() -> list[Path]:
    """Every page named in ``_toc.yml``, as paths to existing or missing files."""
    return [ROOT / f"{name}.md" for name in toc_pages(ROOT)]


def chapter_files() -> list[Path]:
    """The chapters of the parts (book/partN/*.md) that the toc lists."""
    return [p for p in toc_files() if p.parent.name.startswith("part")]


def directives(text: str) -> list[Directive]:
    """Every fenced MyST directive (```{name} arg ... ```), including nested ones."""
    found = []
    pos = 0
    while True:
        match = _FENCE.search(text, pos)
        if match is None:
            return found
        fence = match.group("fence")
        close = re.compile(rf"^{re.escape(fence)}\s*$", re.MULTILINE)
        end = close.search(text, match.end())
        stop = end.start() if end else len(text)
        block = text[match.end() : stop]
        options: dict[str, str] = {}
        body_lines = block.split("\n")
        i = 0
        if body_lines and body_lines[0].strip() == "---":  # YAML options block
            end_yaml = body_lines.index("---", 1) if "---" in body_lines[1:] else 0
            for line in body_lines[1:end_yaml]:
                key, _, value = line.partition(":")
                options[key.strip()] = value.strip()
            i = end_yaml + 1
        while i < len(body_lines) and body_lines[i].startswith(":"):
            key, _, value = body_lines[i][1:].partition(":")
            options[key.strip()] = value.strip()
            i += 1
        found.append(
            Directive(
                name=match.group("name"),
                argument=match.group("arg").strip(),
                options=options,
                body="\n".join(body_lines[i:]),
                line=text.count("\n", 0, match.start()) + 1,
            )
        )
        # Continue inside the block too, so nested directives are found.
        pos = match.end()


def code_cells(text: str) -> list[Directive]:
    return [d for d in directives(text) if d.name == "code-cell"]

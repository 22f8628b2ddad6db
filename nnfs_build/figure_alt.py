"""Sphinx extension: a figure drawn by a code cell takes the next sentence as its alt text.

myst-nb writes such an image with no alt, so the HTML carries the PNG's file
name, which is what a screen reader would read. Our chapters describe each such
figure in the sentence right after its cell; that sentence becomes the image's
alt text (a cell can also set its own with ``mystnb: image: alt:`` metadata,
which is kept). Figures with a caption (``glue:figure``, ``figure``) are
described by the caption and are left alone.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

ALT_MAX_CHARS = 400


def _cell_of(node: nodes.Node) -> nodes.Element | None:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.figure):
            return None  # described by its caption
        if isinstance(parent, nodes.container) and parent.get("nb_element") == "cell_code":
            return parent
        parent = parent.parent
    return None


def _describe_cell_figures(app: Sphinx, doctree: nodes.document) -> None:
    for image in list(doctree.findall(nodes.image)):
        if image.get("alt"):
            continue
        cell = _cell_of(image)
        if cell is None or cell.parent is None:
            continue
        index = cell.parent.index(cell)
        following = cell.parent.children[index + 1 : index + 2]
        if following and isinstance(following[0], nodes.paragraph):
            text = " ".join(following[0].astext().split())
            if len(text) > ALT_MAX_CHARS:
                text = text[: ALT_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
            image["alt"] = text


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", _describe_cell_figures)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension: the ``nnfs-interactive`` directive embeds one of the book's interactive figures.

Usage in a MyST page::

    ```{nnfs-interactive} neuron_boundary
    :name: fig-ix-neuron

    The caption.
    ```

At read time it computes the figure with :data:`nnfs_lib.interactive.FIGURES`
(every frame, over the grid of settings) and draws its first frame as a PNG
with :func:`nnfs_lib.plotting.plot_interactive_frame`. The page gets a
numbered figure holding

* the PNG (``_interactive/<name>.png``), with alt text stating its numbers: what
  print (``make pdf``) and readers without JavaScript see. It is drawn at
  :data:`DPI` x :data:`SCALE` and shown at :data:`DPI` (its ``width`` and
  ``height`` attributes), like the kernels' figures (``nnfs_build.figure_theme``):
  sharp in print. It is cut to what is drawn (``bbox_inches="tight"``), so a
  title wider than the axes, such as the settings after the figure's name, is
  kept whole instead of cut at both sides;
* the spec as JSON in a ``<script type="application/json">``;
* an empty ``div`` where ``_static/nnfs-interactive.js`` (served by the site, one
  script for every figure, loaded only on pages with one) builds the controls,
  the SVG and the ``aria-live`` text, and then hides the PNG.

The page is re-read (so the figure recomputed) when a library module the figure
depends on changes. An unknown figure is an error.
"""

from __future__ import annotations

import io
import json
import shutil
from html import escape
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from nnfs_build.imports import closure
from nnfs_build.page_data import PageData

OUTPUT_FOLDER = "_interactive"
DPI = 100  # the size on the page: matplotlib's default, as the kernels' figures
SCALE = 2  # pixels per pixel of that size in the PNG (as IPython's "retina" figures)
STATIC = Path(__file__).parent / "static"
SCRIPT = "nnfs-interactive.js"
CSS_FILE = "nnfs-interactive.css"
# The modules that compute and draw a figure; the page depends on all they import.
FIGURE_MODULES = ("nnfs_lib.interactive.figures", "nnfs_lib.plotting.interactive")
# Each page's interactive figures: name -> the PNG shown before the script runs.
FIGURES_DRAWN = PageData("nnfs_interactive")


class interactive(nodes.General, nodes.Element):
    """The figure's body; attributes ``figure``, ``spec`` (JSON), ``alt``, and the
    ``width`` and ``height`` its PNG is shown at (CSS pixels)."""


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height in pixels of PNG ``data`` (from its IHDR chunk)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def stylesheet() -> str:
    """The figures' style sheet, with the light and dark palettes of nnfs_lib filled in."""
    from nnfs_lib.interactive.spec import PALETTE_DARK, PALETTE_LIGHT

    def slots(palette: tuple[str, ...]) -> str:
        return " ".join(f"--nnfs-ix-c{i}: {c};" for i, c in enumerate(palette))

    return (
        (STATIC / CSS_FILE)
        .read_text(encoding="utf-8")
        .replace("/* PALETTE_LIGHT */", slots(PALETTE_LIGHT))
        .replace("/* PALETTE_DARK */", slots(PALETTE_DARK))
    )


class InteractiveDirective(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from nnfs_lib.interactive import FIGURES, default_key
        from nnfs_lib.plotting import plot_interactive_frame

        name = self.arguments[0]
        if name not in FIGURES:
            raise self.error(
                f"nnfs-interactive: unknown figure {name!r}; the figures of "
                f"nnfs_lib/interactive/figures.py are: {', '.join(sorted(FIGURES))}"
            )
        spec = FIGURES[name]()
        first = spec["frames"][default_key(spec)]
        fig = plot_interactive_frame(spec)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI * SCALE, bbox_inches="tight")
        plt.close(fig)
        FIGURES_DRAWN.of(self.env).setdefault(self.env.docname, {})[name] = buffer.getvalue()
        width, height = png_size(buffer.getvalue())
        root = Path(self.env.srcdir)
        for path in sorted(closure(root, FIGURE_MODULES, ("nnfs_lib",))):
            self.env.note_dependency(str(path))

        figure = nodes.figure(classes=["nnfs-ix"])
        alt = f"{spec['title']}, at its first settings: {first['text']}."
        figure += interactive(
            figure=name,
            spec=json.dumps(spec, separators=(",", ":")),
            alt=alt,
            width=round(width / SCALE),
            height=round(height / SCALE),
        )
        if self.content:
            caption_text = "\n".join(self.content)
            parsed = nodes.Element()
            self.state.nested_parse(self.content, self.content_offset, parsed)
            paragraph = parsed.children[0] if parsed.children else None
            caption = nodes.caption(caption_text, "")
            caption.extend(paragraph.children if paragraph is not None else [])
            figure += caption
        self.set_source_info(figure)
        self.add_name(figure)
        return [figure]


def visit_interactive_html(translator: Any, node: interactive) -> None:
    builder = translator.builder
    here = builder.get_target_uri(builder.current_docname)
    name = node["figure"]
    src = relative_uri(here, f"{OUTPUT_FOLDER}/{name}.png")
    # "</" cannot appear inside a <script> element.
    data = node["spec"].replace("</", "<\\/")
    translator.body.append(
        f'<div class="nnfs-ix-static"><img src="{escape(src)}" alt="{escape(node["alt"])}" '
        f'width="{node["width"]}" height="{node["height"]}" loading="lazy"></div>'
        f'<div class="nnfs-ix-live" hidden data-figure="{escape(name)}"></div>'
        f'<script type="application/json" class="nnfs-ix-data">{data}</script>'
    )
    raise nodes.SkipNode


def skip_interactive(translator: Any, node: interactive) -> None:
    raise nodes.SkipNode


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Only pages with an interactive figure load the script and the style sheet."""
    if pagename in FIGURES_DRAWN.of(app.env):
        app.add_js_file(SCRIPT, defer="defer")
        app.add_css_file(CSS_FILE)


def _write_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy2(STATIC / SCRIPT, static / SCRIPT)
    (static / CSS_FILE).write_text(stylesheet(), encoding="utf-8")
    target = outdir / OUTPUT_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for figures in FIGURES_DRAWN.of(app.env).values():
        for name, png in figures.items():
            (target / f"{name}.png").write_bytes(png)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        interactive,
        html=(visit_interactive_html, None),
        latex=(skip_interactive, None),
        text=(skip_interactive, None),
        man=(skip_interactive, None),
        texinfo=(skip_interactive, None),
    )
    app.add_directive("nnfs-interactive", InteractiveDirective)
    app.connect("html-page-context", _add_assets)
    FIGURES_DRAWN.connect(app)
    app.connect("build-finished", _write_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

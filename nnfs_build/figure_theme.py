"""Sphinx extension: figures readable and pleasant in the light and the dark theme.

The theme shows a page's images unchanged in the light theme; in the dark theme
it puts each output image on a light grey card and dims it, so every figure was
a grey rectangle on the dark page. Instead:

1. The kernels that execute the pages read :data:`STYLE` (a matplotlib style
   file, handed over with ``MATPLOTLIBRC`` at ``config-inited``, before any
   page runs): figures have no background (the page shows through) and their
   lines and text use one near-black ink, :data:`INK`.
2. In the dark theme a style sheet (:data:`CSS`) removes the theme's card and
   dimming from the figures and turns their colours over with
   :data:`DARK_FILTER` (invert, then rotate the hue by half a turn): the ink
   becomes a light grey, white fills become near-black, and blue stays blue.

The same filter applies to the frames of the in-page animation players. On
Binder, ``binder/start`` hands the kernels the same style and the book's
JupyterLab extension loads :data:`JUPYTERLAB_CSS`, the same filter under
JupyterLab's dark theme.

3. The kernels draw each figure at twice its pixel size: IPython's "retina"
   PNG (:data:`KERNEL_CONFIG`, in an IPython directory of the build's own,
   ``_build/ipython``, handed over with ``IPYTHONDIR``). The output carries its
   size at 1x, which myst-nb gives the ``<img>`` as its width, so a figure
   takes the same room on the site as before and is sharp on a high-density
   screen and in print (the PDF prints every figure at 200 ppi or more,
   ``tests/site/test_site_pdf.py``). :data:`CSS` keeps such an image's
   height ``auto``, so a figure narrowed to the column keeps its proportions.

A change to the style file or to :data:`KERNEL_CONFIG` re-executes every page
at the next build. The Manim videos are drawn on their own dark background (``animations/style.py``)
and are left alone. :func:`dark_colour` computes what the filter makes of a
colour, so the tests can check the text contrast against both page backgrounds.
"""

from __future__ import annotations

import hashlib
import math
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from nnfs_build.stylesheets import add_stylesheet

STYLE = Path(__file__).with_name("figure_theme.mplstyle")
INK = "#1f2328"
INVERT = 0.88
DARK_FILTER = f"invert({INVERT}) hue-rotate(180deg)"
# The page backgrounds of the two themes (the body's background colour; the site
# suite checks these against the rendered pages).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#121212"

CSS_FILE = "nnfs-figure-theme.css"
# The kernels' IPython configuration: figures as pixel-doubled PNGs with their 1x size.
KERNEL_CONFIG = 'c.InlineBackend.figure_formats = {"retina"}\n'
IPYTHON_FOLDER = "ipython"  # beside the doctrees, in the build folder


def dark_rule(selectors: tuple[str, ...]) -> str:
    """A CSS rule that turns the images ``selectors`` pick over with :data:`DARK_FILTER`."""
    return ",\n".join(selectors) + (
        f" {{\n  filter: {DARK_FILTER};\n  background-color: transparent;\n}}\n"
    )


_FIGURES = (
    'html[data-theme="dark"] body .bd-content div.cell_output img',
    'html[data-theme="dark"] body .bd-content figure:not(.nnfs-video) img',
)
CSS = (
    "/* nnfs_build.figure_theme: the book's figures in the dark theme. */\n"
    + dark_rule(_FIGURES)
    + "/* The in-page animation players: no light card behind them either. */\n"
    'html[data-theme="dark"] body .bd-content div.cell_output .text_html:has(.animation) {\n'
    "  background-color: transparent;\n"
    "  color: var(--pst-color-text-base);\n"
    "}\n"
    "/* Figures carry their width and height (retina PNGs, drawn at twice that size); the\n"
    "   height follows the width wherever the column narrows the figure. */\n"
    ".bd-content div.cell_output img,\n"
    ".bd-content figure:not(.nnfs-video) img {\n"
    "  height: auto !important;\n"
    "}\n"
)

# The same in JupyterLab (Binder, where binder/start hands the kernels the same
# style): the figures the kernel draws and the glued figures the book's extension
# (binder/nnfs-binder) shows, under JupyterLab's dark theme. JupyterLab puts a
# light backing behind a transparent image the kernel's inline backend marks as
# needing one; the third selector is more specific than JupyterLab's rule, so
# the notebook's own background shows through there too.
JUPYTERLAB_CSS_FILE = "figure-theme.css"
_JUPYTERLAB_FIGURES = (
    'body[data-jp-theme-light="false"] .jp-OutputArea-output img',
    'body[data-jp-theme-light="false"] figure.nnfs-glue-figure img',
    'body[data-jp-theme-light="false"] .jp-RenderedImage img.jp-needs-light-background',
)
JUPYTERLAB_CSS = (
    "/* nnfs_build.figure_theme: the book's figures in JupyterLab's dark theme. */\n"
    + dark_rule(_JUPYTERLAB_FIGURES)
)


def rgb(colour: str) -> tuple[float, float, float]:
    """``colour`` (#rrggbb) as sRGB in [0, 1]."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"colour must be #rrggbb, got {colour!r}")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))


def dark_colour(colour: str) -> tuple[float, float, float]:
    """What :data:`DARK_FILTER` makes of ``colour`` (#rrggbb), as sRGB in [0, 1].

    CSS ``invert(a)`` maps each channel ``c`` to ``a (1 - c) + (1 - a) c``;
    ``hue-rotate(t)`` multiplies by the matrix of the Filter Effects spec.
    """
    inverted = [INVERT * (1 - c) + (1 - INVERT) * c for c in rgb(colour)]
    cos, sin = math.cos(math.pi), math.sin(math.pi)
    matrix = (
        (0.213 + cos * 0.787 - sin * 0.213, 0.715 - cos * 0.715 - sin * 0.715,
         0.072 - cos * 0.072 + sin * 0.928),
        (0.213 - cos * 0.213 + sin * 0.143, 0.715 + cos * 0.285 + sin * 0.140,
         0.072 - cos * 0.072 - sin * 0.283),
        (0.213 - cos * 0.213 - sin * 0.787, 0.715 - cos * 0.715 + sin * 0.715,
         0.072 + cos * 0.928 + sin * 0.072),
    )  # fmt: skip
    return tuple(
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, inverted, strict=True)))) for row in matrix
    )


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour in [0, 1]."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two sRGB colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _use_style(app: Sphinx, config: Config) -> None:
    os.environ["MATPLOTLIBRC"] = str(STYLE)
    ipython = Path(app.doctreedir).parent / IPYTHON_FOLDER
    profile = ipython / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(KERNEL_CONFIG, encoding="utf-8")
    os.environ["IPYTHONDIR"] = str(ipython)


def _style_hash() -> str:
    return hashlib.sha256(STYLE.read_bytes() + KERNEL_CONFIG.encode("utf-8")).hexdigest()


def _restyled(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every page is executed again when the style changed since the last build."""
    previous = getattr(env, "nnfs_figure_style", None)
    env.nnfs_figure_style = _style_hash()
    if previous is None or previous == env.nnfs_figure_style:
        return []
    return sorted(env.found_docs - added - changed - removed)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _use_style, priority=900)
    app.connect("env-get-outdated", _restyled)
    add_stylesheet(app, CSS_FILE, CSS)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

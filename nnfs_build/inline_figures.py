"""Sphinx extension: the kernels that execute the pages draw figures as images.

``make`` (and the usual build command) export ``MPLBACKEND=Agg`` so that tests
and scripts never open a window; a kernel started with that variable keeps the
Agg backend, and every figure a page displays or glues then reaches the site as
the text ``<Figure size 640x480 with 1 Axes>`` instead of a picture. The build
therefore hands its kernels matplotlib's inline backend, which renders figures
as PNG and opens no window either. The kernels myst-nb starts inherit the
build's environment, so setting the variable at ``config-inited`` (before any
page is executed) is enough.

The kernels are also told that they run for the site (``NNFS_SITE_BUILD=1``),
so that :func:`nnfs_lib.plotting.glue_figure` glues a figure without showing
it in its cell (the page shows it once, where ``{glue:figure}`` puts it); run
as a notebook anywhere else, the same cell shows its figure.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
# Backends that draw to a file and never display: a kernel with one shows no figure.
NON_DISPLAY_BACKENDS = ("agg", "pdf", "svg", "cairo")
# The variable nnfs_lib.plotting.glue reads (SITE_BUILD there; a test keeps them equal).
SITE_BUILD = "NNFS_SITE_BUILD"


def _inline_backend(app: Sphinx, config: Config) -> None:
    if os.environ.get("MPLBACKEND", "").lower() in NON_DISPLAY_BACKENDS:
        os.environ["MPLBACKEND"] = INLINE_BACKEND
    os.environ[SITE_BUILD] = "1"


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _inline_backend, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

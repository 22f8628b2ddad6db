"""A figure glued for the site and shown in place when the page runs as a notebook.

A page makes a figure in a code cell and places it, with a caption, further
down with ``{glue:figure}``. In the book's build the cell must not show the
figure (it would appear twice); when a reader runs the same page as a
notebook (Binder, or a downloaded ``.ipynb``) nothing renders ``{glue:figure}``
from the glued data, so the cell itself must show it. The build tells its
kernels which case they are in with the environment variable
:data:`SITE_BUILD` (set by ``nnfs_build/inline_figures.py``).
"""

from __future__ import annotations

import os

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

# Set to "1" in the kernels of the book's build, and only there.
SITE_BUILD = "NNFS_SITE_BUILD"


def glue_figure(name: str, fig: Figure) -> None:
    """Glue ``fig`` under ``name`` for ``{glue:figure}``, then close it.

    In the book's build (``NNFS_SITE_BUILD=1``) the figure is glued without
    being shown, so it appears once, where ``{glue:figure}`` puts it. Anywhere
    else it is glued and shown in the cell's output, so a reader of the
    notebook sees it. Either way it is closed, so the inline backend does not
    show it a second time at the end of the cell.

    Parameters
    ----------
    name : str
        The key that ``{glue:figure}`` refers to.
    fig : matplotlib.figure.Figure
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    from myst_nb import glue  # the book's tool: imported only by pages that glue

    glue(name, fig, display=os.environ.get(SITE_BUILD) != "1")
    plt.close(fig)

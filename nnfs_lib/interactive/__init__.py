"""Interactive figures: data computed by ``nnfs_lib`` over a grid of settings, drawn by the page.

:mod:`~nnfs_lib.interactive.spec` defines the format (plain dicts of rounded
numbers, ready for JSON); :mod:`~nnfs_lib.interactive.figures` computes the
book's figures. The book's ``nnfs-interactive`` directive (``nnfs_build``)
embeds a spec in its page, with a static picture of its first frame
(:func:`nnfs_lib.plotting.plot_interactive_frame`) for print and for readers
without JavaScript.
"""

from nnfs_lib.interactive.figures import FIGURES
from nnfs_lib.interactive.spec import (
    DIGITS,
    check_spec,
    default_key,
    frame_key,
    frame_series,
    rounded,
)

__all__ = ["DIGITS", "FIGURES", "check_spec", "default_key", "frame_key", "frame_series", "rounded"]

"""Animations that play in the page with nothing loaded from elsewhere.

matplotlib's ``FuncAnimation.to_jshtml`` writes a self-contained player (every
frame embedded, JavaScript controls) except for one thing: its buttons are
icons from the Font Awesome style sheet, which it links from a CDN. A reader
offline would see empty buttons and the browser would log a failed request.
:func:`offline_player` removes that link and draws the buttons with
characters that every font has (Latin-1, and the two triangles of Unicode's
Geometric Shapes; the media-control symbols such as U+23EF are missing from
many fonts and showed as blank buttons in JupyterLab), gives the frame image
a text alternative for readers who cannot see it, and its frame slider a
label. The frame image also gets the frames' size in pixels, so it takes its
space even before the browser has drawn a frame (without it the picture
could take no space at all in JupyterLab).
"""

from __future__ import annotations

import base64
import html
import io
import re

from matplotlib.animation import Animation
from PIL import Image

_FONT_AWESOME_LINK = re.compile(r"<link[^>]*font-awesome[^>]*>", re.IGNORECASE)

_FIRST_FRAME = re.compile(r'frames\[0\] = "data:image/\w+;base64,([^"]+)"')

# The icons the player uses, as characters every font has. Each button also
# has matplotlib's title and aria-label (e.g. "First frame"), its accessible name.
_SYMBOLS = {
    "fa-minus": "\u2212",  # minus sign
    "fa-plus": "+",
    "fa-fast-backward": "|\u25c0",  # bar and left triangle: first frame
    "fa-step-backward": "\u2039",  # single left angle quotation mark: previous frame
    "fa-play": "\u25b6",  # right triangle (flipped for "play backwards")
    "fa-pause": "||",
    "fa-step-forward": "\u203a",  # single right angle quotation mark: next frame
    "fa-fast-forward": "\u25b6|",  # right triangle and bar: last frame
}
_STYLE = (
    "<style>"
    + "".join(
        f'.anim-buttons .{name}::before{{content:"{char}"}}' for name, char in _SYMBOLS.items()
    )
    + ".anim-buttons .fa{font-style:normal;font-family:inherit;font-weight:bold}"
    + ".animation img{max-width:100%;height:auto}"
    + ".anim-buttons .fa-flip-horizontal{display:inline-block;transform:scaleX(-1)}"
    + "</style>"
)


def offline_player(animation: Animation, alt: str, **to_jshtml: object) -> str:
    """``animation.to_jshtml(**to_jshtml)`` with no external request and a described frame.

    Parameters
    ----------
    animation : matplotlib.animation.Animation
    alt : str
        What the animation shows, for readers who cannot see it; becomes the
        ``alt`` text of the frame image.
    **to_jshtml
        Passed on to :meth:`~matplotlib.animation.Animation.to_jshtml`.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt must be a non-empty description of the animation")
    page = animation.to_jshtml(**to_jshtml)
    page = _FONT_AWESOME_LINK.sub("", page)
    size = _frame_size(page)
    dimensions = f'width="{size[0]}" height="{size[1]}" ' if size else ""
    page = page.replace("<img id=", f'<img alt="{html.escape(alt, quote=True)}" {dimensions}id=', 1)
    # The frame slider has no label of its own; screen readers need one.
    page = page.replace('<input id="_anim_slider', '<input aria-label="Frame" id="_anim_slider', 1)
    return _STYLE + page


def _frame_size(page: str) -> tuple[int, int] | None:
    """The first frame's (width, height) in pixels, read from the embedded image."""
    match = _FIRST_FRAME.search(page)
    if match is None:
        return None
    with Image.open(io.BytesIO(base64.b64decode(match.group(1)))) as frame:
        return frame.size

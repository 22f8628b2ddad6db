"""Animations that play in the page with nothing loaded from elsewhere.

matplotlib's ``FuncAnimation.to_jshtml`` writes a self-contained player (every
frame embedded, JavaScript controls) except for one thing: its buttons are
icons from the Font Awesome style sheet, which it links from a CDN. A reader
offline would see empty buttons and the browser would log a failed request.
:func:`offline_player` removes that link and draws the same symbols with
plain Unicode characters instead, and gives the frame image a text
alternative for readers who cannot see it, and its frame slider a label.
"""

from __future__ import annotations

import html
import re

from matplotlib.animation import Animation

_FONT_AWESOME_LINK = re.compile(r"<link[^>]*font-awesome[^>]*>", re.IGNORECASE)

# The icons the player uses, as characters every system font has.
_SYMBOLS = {
    "fa-minus": "\u2212",
    "fa-plus": "+",
    "fa-fast-backward": "\u23ee",
    "fa-step-backward": "\u23f4\u23f4",
    "fa-play": "\u25b6",
    "fa-pause": "\u23f8",
    "fa-step-forward": "\u23f5\u23f5",
    "fa-fast-forward": "\u23ed",
}
_STYLE = (
    "<style>"
    + "".join(
        f'.anim-buttons .{name}::before{{content:"{char}"}}' for name, char in _SYMBOLS.items()
    )
    + ".anim-buttons .fa{font-style:normal}"
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
    page = page.replace("<img id=", f'<img alt="{html.escape(alt, quote=True)}" id=', 1)
    # The frame slider has no label of its own; screen readers need one.
    page = page.replace('<input id="_anim_slider', '<input aria-label="Frame" id="_anim_slider', 1)
    return _STYLE + page

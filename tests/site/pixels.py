"""What a figure's pixels say about its readability, for the site and the Binder suites.

Both suites take a screenshot of each figure as the reader sees it (after any
dark-theme filter) and ask two things of it: is its background the page's own
(no light rectangle on a dark page), and does its ink (text, axes, ticks: the
grey pixels) reach a WCAG contrast of at least 4.5:1 against that background?
The colour arithmetic is the book's own (:mod:`nnfs_build.figure_theme`).
"""

from __future__ import annotations

import io
from collections import Counter

from nnfs_build import figure_theme

MIN_TEXT_CONTRAST = 4.5
# A figure's background may differ this little from the page's (a contrast ratio).
MAX_BACKGROUND_CONTRAST = 1.15


def css_rgb(css: str) -> tuple[float, float, float]:
    """A computed CSS colour, ``rgb(r, g, b)`` or ``rgba(...)``, as sRGB in [0, 1]."""
    numbers = css[css.index("(") + 1 : css.index(")")].split(",")
    return tuple(float(n) / 255 for n in numbers[:3])


def figure_pixels(png: bytes, page_background: tuple[float, float, float]) -> dict:
    """The background and the ink contrast of one rendered figure (a PNG screenshot of it).

    ``background_share`` is the part of the image in the background's colour.
    """
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height)
    total = sum(count for count, _ in colours)
    # The background: the commonest colour of the image's outermost pixels (a
    # figure's margin), not of the whole image, where a filled plot may dominate.
    width, height = image.size
    rim = [(x, y) for x in range(width) for y in (0, height - 1)]
    rim += [(x, y) for y in range(height) for x in (0, width - 1)]
    edge = Counter(image.getpixel(xy) for xy in rim)
    background = max(edge, key=edge.get)
    count = {c: n for n, c in colours}[background]
    background = tuple(c / 255 for c in background)
    # Ink: grey pixels (text, axes, ticks), as opposed to coloured curves and fills.
    grey = [
        (n, tuple(v / 255 for v in c)) for n, c in colours if max(c) - min(c) <= 12
    ]  # fmt: skip
    contrasts = sorted(
        (figure_theme.contrast(c, background), n) for n, c in grey if c != tuple(background)
    )
    # The contrast that the most contrasting 0.2 % of the pixels reach (antialiased edges aside).
    needed, seen, ink = total * 0.002, 0, 1.0
    for value, n in reversed(contrasts):
        seen += n
        ink = value
        if seen >= needed:
            break
    return {
        "background": background,
        "background_share": count / total,
        "background_vs_page": figure_theme.contrast(background, page_background),
        "ink_contrast": ink,
    }


def readability_problems(name: str, seen: dict) -> list[str]:
    """What :func:`figure_pixels` found wrong with the figure called ``name``."""
    problems = []
    if seen["background_vs_page"] > MAX_BACKGROUND_CONTRAST:
        problems.append(f"{name}: its background is not the page's: {seen}")
    if seen["ink_contrast"] < MIN_TEXT_CONTRAST:
        problems.append(f"{name}: ink contrast below {MIN_TEXT_CONTRAST}: {seen}")
    return problems

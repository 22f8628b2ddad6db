"""Colours, fonts and sizes shared by every scene, matching the book's notation.

One colour per kind of quantity, used the same way in every animation:
inputs ``x`` / ``X`` blue, weights ``w`` / ``W`` orange, the bias ``b`` grey,
pre-activations ``z`` / ``Z`` purple, activations ``a`` / ``A`` (and the
output ``ŷ``) green, gradients ``∂J/∂·`` red, the cost ``J`` yellow.
Colours are plain hex strings so this module imports no Manim.
"""

from __future__ import annotations

BACKGROUND = "#101418"
FOREGROUND = "#E8E8E8"
MUTED = "#8A949E"

INPUT = "#58A6FF"  # x, X
WEIGHT = "#F0883E"  # w, W
BIAS = "#A0A8B0"  # b
PRE_ACTIVATION = "#BC8CFF"  # z, Z
ACTIVATION = "#3FB950"  # a, A, ŷ
GRADIENT = "#FF6B6B"  # ∂J/∂·
COST = "#E3B341"  # J, the loss surface
SECOND = "#39C5CF"  # a second curve to compare (e.g. ReLU against sigmoid)

# Text is set with Pango (no LaTeX): symbols are plain Unicode (σ, ∑, ŷ, ∂, ⊙, ᵀ).
FONT = "DejaVu Sans"
MONO = "DejaVu Sans Mono"

TITLE_SIZE = 34
LABEL_SIZE = 26
SMALL_SIZE = 20
NUMBER_SIZE = 20

# Every video: 1280 x 720 at 30 frames per second, short (6 to 15 s).
PIXEL_WIDTH = 1280
PIXEL_HEIGHT = 720
FRAME_RATE = 30


def number(value: float, digits: int = 2) -> str:
    """A number as the scenes print it: fixed digits and a true minus sign (−)."""
    text = f"{float(value):.{digits}f}"
    if text.startswith("-"):
        text = "−" + text[1:]
    if text in ("−0." + "0" * digits, "−0"):
        text = text[1:]
    return text


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def scientific(value: float, digits: int = 1) -> str:
    """A number as m×10ⁿ (for values between 0.1 and 100 just the number), true minus signs."""
    if 0.1 <= abs(value) < 100:
        return number(value, digits)
    mantissa, exponent = f"{float(value):.{digits}e}".split("e")
    return f"{number(float(mantissa), digits)}×10{str(int(exponent)).translate(SUPERSCRIPT)}"

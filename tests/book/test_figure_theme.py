"""nnfs_build.figure_theme: figure text readable on the light and the dark page (WCAG AA)."""

from __future__ import annotations

import matplotlib
import pytest

from nnfs_build import figure_theme as ft

# The style's keys that colour text or the lines text sits beside.
INK_KEYS = ("text.color", "axes.edgecolor", "axes.labelcolor", "xtick.color", "ytick.color")


def _style() -> dict[str, str]:
    return dict(matplotlib.rc_params_from_file(str(ft.STYLE), use_default_template=False))


def test_the_style_has_no_background_and_one_ink() -> None:
    style = _style()
    for key in ("figure.facecolor", "axes.facecolor", "savefig.facecolor"):
        assert style[key] == "none", key
    assert {matplotlib.colors.to_hex(style[k]) for k in INK_KEYS} == {ft.INK}


@pytest.mark.parametrize("key", INK_KEYS)
def test_figure_text_contrast_on_both_themes(key: str) -> None:
    """WCAG AA (4.5:1) for the ink on the light page and, through the dark filter, the dark page."""
    ink = matplotlib.colors.to_hex(_style()[key])
    assert ft.contrast(ft.rgb(ink), ft.rgb(ft.LIGHT_BACKGROUND)) >= 4.5
    assert ft.contrast(ft.dark_colour(ink), ft.rgb(ft.DARK_BACKGROUND)) >= 4.5


def test_dark_filter_turns_white_dark_and_keeps_blue_blue() -> None:
    assert max(ft.dark_colour("#ffffff")) < 0.15  # a white fill is near-black on the dark page
    r, _, b = ft.dark_colour("#1f77b4")  # matplotlib's first colour stays a blue
    assert b > r and b > 0.6
    assert ft.DARK_FILTER in ft.CSS


def test_contrast_of_black_on_white_is_21() -> None:
    assert ft.contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)

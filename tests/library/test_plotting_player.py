"""The in-page animation player loads nothing from outside the page and describes its frames."""

from __future__ import annotations

import gc
import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.animation import FuncAnimation

from nnfs_lib.plotting.player import offline_player

# Animations built only to test the argument checks are never rendered, which
# matplotlib reports when it collects them.
pytestmark = pytest.mark.filterwarnings("ignore:Animation was deleted")


def _animation() -> FuncAnimation:
    fig, ax = plt.subplots(figsize=(1, 1), dpi=20)
    (line,) = ax.plot([], [])
    animation = FuncAnimation(fig, lambda i: line.set_data([0, i], [0, i]), frames=3)
    plt.close(fig)
    return animation


def test_matplotlib_links_a_stylesheet_that_the_player_removes() -> None:
    assert "font-awesome" in _animation().to_jshtml()  # what the player fixes
    page = offline_player(_animation(), "A line grows.")
    assert "<link" not in page and "http" not in page.split("<script")[0]
    assert '.fa-play::before{content:"\u25b6"}' in page


def test_the_frame_has_the_description_as_alt_text() -> None:
    page = offline_player(_animation(), 'A line "grows" & turns.')
    assert re.search(
        r'alt="A line &quot;grows&quot; &amp; turns\." (width="\d+" height="\d+" )?id="_anim_img',
        page,
    )
    assert '<input aria-label="Frame" id="_anim_slider' in page


@pytest.mark.parametrize("alt", ["", "   ", None])
def test_an_animation_needs_a_description(alt) -> None:
    animation = _animation()
    with pytest.raises(ValueError, match="alt must be a non-empty description"):
        offline_player(animation, alt)
    del animation
    gc.collect()  # matplotlib's warning about the unrendered animation comes here, filtered


def test_the_frame_takes_the_frames_size_in_pixels() -> None:
    fig, ax = plt.subplots(figsize=(2, 1), dpi=30)
    (line,) = ax.plot([], [])
    animation = FuncAnimation(fig, lambda i: line.set_data([0, i], [0, i]), frames=2)
    plt.close(fig)
    page = offline_player(animation, "A line grows.")
    assert 'width="60" height="30" id="_anim_img' in page
    assert ".animation img{max-width:100%;height:auto}" in page


def test_the_buttons_use_characters_every_font_has() -> None:
    page = offline_player(_animation(), "A line grows.")
    symbols = re.findall(r'\.(fa-[\w-]+)::before\{content:"([^"]*)"\}', page)
    assert {name for name, _ in symbols} == {
        "fa-minus",
        "fa-plus",
        "fa-fast-backward",
        "fa-step-backward",
        "fa-play",
        "fa-pause",
        "fa-step-forward",
        "fa-fast-forward",
    }
    # Latin-1, the minus sign, the single angle quotation marks and the two
    # triangles of Geometric Shapes: in every font the site or JupyterLab uses.
    common = {"\u2212", "\u2039", "\u203a", "\u25b6", "\u25c0"}
    for name, text in symbols:
        assert text and all(ord(char) < 256 or char in common for char in text), name
    # Every button keeps a spoken name (matplotlib's aria-label).
    buttons = re.findall(r"<button [^>]*>", page)
    assert len(buttons) == 9 and all(re.search(r'aria-label="[^"]+"', b) for b in buttons)

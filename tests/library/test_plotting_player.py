"""The in-page animation player loads nothing from outside the page and describes its frames."""

from __future__ import annotations

import gc

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
    assert 'alt="A line &quot;grows&quot; &amp; turns." id="_anim_img' in page
    assert '<input aria-label="Frame" id="_anim_slider' in page


@pytest.mark.parametrize("alt", ["", "   ", None])
def test_an_animation_needs_a_description(alt) -> None:
    animation = _animation()
    with pytest.raises(ValueError, match="alt must be a non-empty description"):
        offline_player(animation, alt)
    del animation
    gc.collect()  # matplotlib's warning about the unrendered animation comes here, filtered

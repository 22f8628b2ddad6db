"""The static picture of an interactive figure (nnfs_lib/plotting/interactive.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnfs_lib.interactive import spec as S
from nnfs_lib.plotting import plot_interactive_frame


def _spec():
    grid = np.array([[0.2, 1.7], [2.5, 0.0]])

    def frame(a):
        return {"series": [S.line(1, [0, 1], [a, None], 1, label="line")], "text": f"a = {a}"}

    return S.build(
        "demo",
        "Demo",
        [S.control("a", "A", [1, 2], default=1)],
        [S.panel("left", "x", "y", (0, 2), (0, 2)), S.panel("", "x", "y", (0, 1), (0, 3))],
        frame,
        {"base": []},
    ) | {"layers": {"base": [S.field(0, grid, (0, 2), (0, 2)), S.points(0, [1], [1], classes=[2])]}}


def test_draws_one_axes_per_panel_with_the_default_frame_named_in_the_title():
    spec = _spec()
    for f in spec["frames"].values():
        f["layers"] = ["base"]
    fig = plot_interactive_frame(spec)
    assert len(fig.axes) == 2
    assert "A = 2" in fig._suptitle.get_text()
    assert fig.axes[1].get_xlim() == (0.0, 1.0)
    assert len(fig.axes[0].images) == 1 and len(fig.axes[1].lines) == 1
    plt.close(fig)


def test_an_unknown_frame_is_refused():
    with pytest.raises(ValueError, match="key must be a frame"):
        plot_interactive_frame(_spec(), "7")

"""glue_figure glues for the site, shows the figure in a notebook, and closes it."""

from __future__ import annotations

import os

import matplotlib.pyplot as plt
import pytest
from myst_nb.ext import glue as myst_glue

from nnfs_build import inline_figures
from nnfs_lib.plotting import glue_figure
from nnfs_lib.plotting.glue import SITE_BUILD


@pytest.fixture
def published(monkeypatch) -> list[tuple[dict, dict]]:
    """What glue sends to the notebook: (mime bundle, metadata) per display call."""
    calls: list[tuple[dict, dict]] = []
    monkeypatch.setattr(
        myst_glue, "ipy_display", lambda data, raw, metadata: calls.append((data, metadata))
    )
    return calls


def _figure():
    fig, ax = plt.subplots(figsize=(1, 1), dpi=20)
    ax.plot([0, 1], [0, 1])
    return fig


def test_in_a_notebook_the_figure_is_glued_and_shown(monkeypatch, published) -> None:
    monkeypatch.delenv(SITE_BUILD, raising=False)
    fig = _figure()
    glue_figure("fig-a", fig)
    [(data, metadata)] = published
    # Plain mime types, which a notebook shows (the figure's image where IPython
    # renders one; outside IPython only its text form exists).
    assert data and not any(key.startswith(myst_glue.GLUE_PREFIX) for key in data)
    assert metadata["scrapbook"] == {"name": "fig-a", "mime_prefix": ""}
    assert not plt.fignum_exists(fig.number)


def test_in_the_site_build_the_figure_is_glued_but_not_shown(monkeypatch, published) -> None:
    monkeypatch.setenv(SITE_BUILD, "1")
    fig = _figure()
    glue_figure("fig-b", fig)
    [(data, metadata)] = published
    # Only the glue's prefixed copy, which nothing shows but {glue:figure} reads.
    assert data and all(key.startswith(myst_glue.GLUE_PREFIX) for key in data)
    assert metadata["scrapbook"]["name"] == "fig-b"
    assert not plt.fignum_exists(fig.number)


def test_the_build_sets_the_variable_glue_figure_reads(monkeypatch) -> None:
    assert inline_figures.SITE_BUILD == SITE_BUILD
    monkeypatch.delenv(SITE_BUILD, raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    inline_figures._inline_backend(None, None)
    assert os.environ[SITE_BUILD] == "1"


@pytest.mark.parametrize(
    ("name", "fig", "error", "match"),
    [
        ("", "figure", ValueError, "name must be a non-empty string"),
        (3, "figure", ValueError, "name must be a non-empty string"),
        ("fig-c", "not a figure", TypeError, "fig must be a matplotlib Figure"),
    ],
)
def test_bad_arguments(name, fig, error, match) -> None:
    figure = _figure()
    with pytest.raises(error, match=match):
        glue_figure(name, figure if fig == "figure" else fig)
    plt.close(figure)

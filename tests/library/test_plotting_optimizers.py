"""Tests of nnfs_lib.plotting.optimizers: contours, trajectories, and their offline animation."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnfs_lib.demos.surfaces import ill_conditioned_quadratic, run_optimizer
from nnfs_lib.optimizers import SGD
from nnfs_lib.plotting.optimizers import OPTIMIZER_COLOURS, animate_trajectories, plot_trajectories


@pytest.fixture(scope="module")
def surface_and_paths():
    q = ill_conditioned_quadratic(5.0)
    paths = {
        "SGD": run_optimizer(q, lambda ps: SGD(ps, lr=0.1), 5),
        "slow": run_optimizer(q, lambda ps: SGD(ps, lr=0.01), 5),
    }
    return q, paths


def test_trajectories_one_line_per_optimizer_in_its_colour(surface_and_paths) -> None:
    q, paths = surface_and_paths
    fig, ax = plt.subplots()
    plot_trajectories(ax, q, paths)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["SGD", "slow"]
    drawn = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_allclose(drawn["SGD"].get_xydata(), paths["SGD"])
    assert drawn["slow"].get_color() == OPTIMIZER_COLOURS[1]
    assert ax.get_xlim() == tuple(q.xlim) and ax.get_title() == q.name
    plt.close(fig)


def test_start_and_minimum_are_drawn_over_the_paths(surface_and_paths) -> None:
    q, paths = surface_and_paths
    fig, ax = plt.subplots()
    plot_trajectories(ax, q, paths)
    lines = ax.get_lines()
    star = [line for line in lines if line.get_marker() == "*"]
    start = [line for line in lines if line.get_markersize() == 5]
    drawn = [line for line in lines if line.get_label() in paths]
    assert len(star) == len(start) == 1 and len(drawn) == len(paths)
    np.testing.assert_allclose(star[0].get_xydata()[0], q.minimum)
    np.testing.assert_allclose(start[0].get_xydata()[0], q.start)
    assert min(star[0].get_zorder(), start[0].get_zorder()) > max(p.get_zorder() for p in drawn)
    plt.close(fig)


def test_animation_is_offline_jpeg_frames_with_a_description(surface_and_paths) -> None:
    q, paths = surface_and_paths
    page = animate_trajectories({"q": (q, paths)}, frames=3)
    assert page.count("data:image/jpeg;base64") == 3
    assert "font-awesome" not in page
    alt = re.search(r'alt="([^"]*)"', page).group(1)
    assert "SGD, slow" in alt and "1 loss surface(s): q" in alt

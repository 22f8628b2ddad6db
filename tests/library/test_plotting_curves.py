"""Tests of nnfs_lib.plotting.curves: labelled curves, and a training History's curves."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnfs_lib.plotting.curves import CURVE_LINESTYLES, plot_curves, plot_history


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


def _history(train_loss, **more) -> SimpleNamespace:
    """A History-like record as nnfs_lib.training.History documents it (entry 0: before training)."""
    n = len(train_loss)
    fields = {"updates": list(range(0, 3 * n, 3)), "lr": [0.1] * (n - 1)} | more
    return SimpleNamespace(train_loss=list(train_loss), **fields)


# ---------------------------------------------------------------- plot_curves
def test_curves_value_k_is_drawn_at_start_plus_k(ax) -> None:
    plot_curves(ax, {"a": [3.0, 2.0, 1.0], "b": [1.0, 1.0]}, ylabel="J")
    a, b = ax.get_lines()
    np.testing.assert_array_equal(a.get_xdata(), [0, 1, 2])
    np.testing.assert_array_equal(a.get_ydata(), [3, 2, 1])
    np.testing.assert_array_equal(b.get_xdata(), [0, 1])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "J"
    plot_curves(ax, {"c": [5.0]}, start=4, ylabel="J")
    np.testing.assert_array_equal(ax.get_lines()[2].get_xdata(), [4])


def test_curves_share_the_given_x(ax) -> None:
    plot_curves(ax, {"a": [1.0, 2.0]}, x=[10, 20], xlabel="n", ylabel="s")
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [10, 20])
    assert ax.get_xlabel() == "n"
    with pytest.raises(ValueError, match=r"curves\['b'\] has 1 values for 2 x positions"):
        plot_curves(ax, {"b": [1.0]}, x=[1, 2], ylabel="s")


def test_curves_axis_scales_and_no_point_at_zero_on_a_log_x_axis(ax) -> None:
    plot_curves(ax, {"a": [4.0, 2.0, 1.0]}, ylabel="J", logx=True)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "linear"
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [1, 2])
    _, other = plt.subplots()
    plot_curves(other, {"a": [4.0, 2.0]}, ylabel="J", logy=True)
    assert other.get_xscale() == "linear" and other.get_yscale() == "log"
    plt.close(other.figure)


def test_curves_markers_only_when_asked(ax) -> None:
    plot_curves(ax, {"a": [1.0, 2.0]}, ylabel="J")
    plot_curves(ax, {"b": [1.0, 2.0]}, ylabel="J", markers=True)
    assert [line.get_marker() for line in ax.get_lines()] == ["None", "o"]


def test_curves_from_two_calls_get_different_colours(ax) -> None:
    plot_curves(ax, {"a": [1.0, 2.0]}, ylabel="J")
    plot_curves(ax, {"b": [1.0, 2.0]}, ylabel="J")
    first, second = ax.get_lines()
    assert first.get_color() != second.get_color()
    assert len(ax.get_legend().get_texts()) == 2


def _dashes(line) -> tuple:
    """A line's dash pattern as drawn ((offset, None) for a solid line)."""
    offset, pattern = line._unscaled_dash_pattern
    return (offset, None if pattern is None else tuple(pattern))


def test_curves_get_different_line_styles_across_calls_and_never_dotted(ax) -> None:
    # grey print: curves differ by line style, not colour alone; dotted is kept for
    # reference lines such as a starting cost
    plot_curves(ax, {"a": [1.0, 2.0], "b": [2.0, 1.0]}, ylabel="J")
    ax.axhline(1.5, ls=":")  # a reference line between the calls takes no style from the cycle
    plot_curves(ax, {"c": [1.0, 3.0]}, ylabel="J", markers=True)
    plot_history(ax, {"d": _history([3.0, 2.0]), "e": _history([2.0, 2.5])})
    curves = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert [line.get_label() for line in curves] == ["a", "b", "c", "d", "e"]
    assert curves[0].get_linestyle() == "-"  # the first curve is solid, as captions say
    assert curves[1].get_linestyle() == "--"  # and the second dashed
    assert len({_dashes(line) for line in curves}) == len(curves) == len(CURVE_LINESTYLES)
    dotted = plt.Line2D([], [], linestyle=":", linewidth=1.6)
    assert all(_dashes(line) != _dashes(dotted) for line in curves)
    assert all(line.get_linestyle() != ":" for line in curves)
    assert curves[2].get_marker() == "o" and curves[2].get_linestyle() == "-."


def test_curves_style_cycle_restarts_on_each_axes(ax) -> None:
    _, other = plt.subplots()
    plot_curves(ax, {"a": [1.0, 2.0]}, ylabel="J")
    plot_curves(other, {"a": [1.0, 2.0]}, ylabel="J")
    assert other.get_lines()[0].get_linestyle() == "-"
    plt.close(other.figure)


def test_curves_reject_empty_and_non_finite(ax) -> None:
    with pytest.raises(ValueError, match="curves must be a non-empty mapping"):
        plot_curves(ax, {}, ylabel="J")
    with pytest.raises(ValueError, match=r"curves\['a'\] must be finite"):
        plot_curves(ax, {"a": [1.0, np.nan]}, ylabel="J")


# ---------------------------------------------------------------- plot_history
def test_history_entry_k_is_drawn_at_epoch_k(ax) -> None:
    plot_history(ax, {"run": _history([0.7, 0.5, 0.4])})
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2])
    np.testing.assert_allclose(line.get_ydata(), [0.7, 0.5, 0.4])
    assert line.get_label() == "run" and ax.get_ylabel() == "training cost $J$"


def test_history_learning_rate_of_epoch_k_is_drawn_at_k(ax) -> None:
    plot_history(ax, {"run": _history([0.7, 0.5, 0.4], lr=[0.3, 0.1])}, metric="lr")
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [1, 2])
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [0.3, 0.1])


def test_history_against_updates_on_log_axes_drops_the_start(ax) -> None:
    plot_history(
        ax, {"run": _history([0.7, 0.5, 0.4], updates=[0, 4, 8])}, x="updates", logx=True, logy=True
    )
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [4, 8])
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "number of parameter updates"


def test_history_marks_a_diverged_run(ax) -> None:
    history = _history([0.7, 9.0], diverged=True, stopped_epoch=2)
    plot_history(ax, {"huge": history, "fine": _history([0.7, 0.6], diverged=False)})
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["huge (stopped: diverged in epoch 2)", "fine"]


def test_history_errors(ax) -> None:
    with pytest.raises(ValueError, match="x must be one of"):
        plot_history(ax, {"a": _history([1.0])}, x="time")
    with pytest.raises(TypeError, match="histories must be a non-empty mapping"):
        plot_history(ax, [_history([1.0])])
    with pytest.raises(TypeError, match=r"histories\['a'\] must be a History with 'val_loss'"):
        plot_history(ax, {"a": _history([1.0])}, metric="val_loss")
    with pytest.raises(ValueError, match=r"histories\['a'\] recorded no 'val_loss'"):
        plot_history(ax, {"a": _history([1.0], val_loss=[])}, metric="val_loss")

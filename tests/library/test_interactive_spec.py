"""The interactive-figure format (nnfs_lib/interactive/spec.py)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from nnfs_lib.interactive import spec as S


def _tiny(make_frame=None, layers=None):
    controls = [S.control("a", "A", [1, 2]), S.control("b", "B", ["x", "y", "z"], kind="select")]
    make_frame = make_frame or (
        lambda a, b: {"series": [S.line(0, [0, a], [0, 1])], "text": f"{a}{b}"}
    )
    return S.build(
        "tiny", "Tiny", controls, [S.panel("", "x", "y", (0, 2), (0, 1))], make_frame, layers
    )


def test_rounded_keeps_four_significant_digits_and_turns_non_finite_into_none():
    assert S.rounded([math.pi, 12345.678, -0.000123456, np.inf, np.nan]) == [
        3.142,
        12350.0,
        -0.0001235,
        None,
        None,
    ]


def test_build_makes_one_frame_per_combination_keyed_by_indices():
    spec = _tiny()
    assert sorted(spec["frames"]) == sorted(f"{i},{j}" for i in range(2) for j in range(3))
    assert spec["frames"]["1,2"]["text"] == "2z"
    assert S.default_key(spec) == "0,0"
    json.dumps(spec, allow_nan=False)  # plain JSON, no NaN


def test_frame_series_puts_shared_layers_under_the_frames_own():
    base = S.points(0, [1], [0.5], colour=2)
    spec = _tiny(
        lambda a, b: {"layers": ["base"], "series": [S.line(0, [0, a], [0, 1])], "text": "t"},
        {"base": [base]},
    )
    drawn = S.frame_series(spec, "1,0")
    assert drawn[0] == base and drawn[1]["x"] == [0, 2]


def test_a_frame_without_text_or_with_an_unknown_layer_is_refused():
    with pytest.raises(ValueError, match="no text"):
        _tiny(lambda a, b: {"series": []})
    with pytest.raises(ValueError, match="undefined layers"):
        _tiny(lambda a, b: {"layers": ["nope"], "text": "t"})


def test_a_series_on_a_missing_panel_or_with_unequal_lengths_is_refused():
    with pytest.raises(ValueError, match="panel 1 of 1"):
        _tiny(lambda a, b: {"series": [S.line(1, [0], [0])], "text": "t"})
    with pytest.raises(ValueError, match="unequal"):
        _tiny(lambda a, b: {"series": [S.line(0, [0, 1], [0])], "text": "t"})


def test_control_checks_its_arguments():
    with pytest.raises(ValueError, match="kind"):
        S.control("a", "A", [1], kind="knob")
    with pytest.raises(ValueError, match="at least one"):
        S.control("a", "A", [])
    with pytest.raises(ValueError, match="default"):
        S.control("a", "A", [1, 2], default=2)
    with pytest.raises(ValueError, match="labels"):
        S.control("a", "A", [1, 2], labels=["one"])


def test_field_is_row_major_from_the_bottom_and_checks_its_grid():
    grid = np.array([[0.1, 0.2, 0.3], [1.5, 1.6, 1.7]])
    f = S.field(0, grid, (0, 3), (0, 2))
    assert (f["nx"], f["ny"]) == (3, 2) and f["z"] == [0.1, 0.2, 0.3, 1.5, 1.6, 1.7]
    with pytest.raises(ValueError, match="2-D"):
        S.field(0, np.zeros(3), (0, 1), (0, 1))
    with pytest.raises(ValueError, match="shade"):
        S.field(0, grid, (0, 1), (0, 1), shade="heat")


def test_class_field_encodes_the_class_and_a_confidence_below_one():
    P = np.array([[0.2, 0.8], [0.5, 0.5], [1.0, 0.0]])
    z = S.class_field(P, (1, 3))
    assert z.shape == (1, 3)
    np.testing.assert_allclose(z[0], [1 + 0.6, 0.0, 0.99])

"""The interactive figures show nnfs_lib's numbers: frames recomputed from the library's primitives.

Each check rebuilds a figure (nnfs_lib/interactive/figures.py) and recomputes a few of its
frames independently, with the functions the pages teach, to the spec's rounding.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pytest

import nnfs_lib as nn
from nnfs_lib.data import make_blobs
from nnfs_lib.demos import ill_conditioned_quadratic, run_optimizer
from nnfs_lib.interactive import FIGURES, check_spec, frame_key, frame_series
from nnfs_lib.interactive import figures as F

RTOL = 1e-3  # four significant digits


@functools.cache
def spec(name: str) -> dict:
    return FIGURES[name]()


def _close(embedded, expected, atol=1e-12):
    got = np.array([np.nan if v is None else v for v in embedded], dtype=float)
    np.testing.assert_allclose(got, np.asarray(expected, dtype=float).ravel(), rtol=RTOL, atol=atol)


@pytest.mark.parametrize(
    "name", ["activation_explorer", "neuron_boundary", "optimizer_race", "init_scale"]
)
def test_every_cheap_figure_is_complete_and_each_frame_states_its_numbers(name):
    s = spec(name)
    check_spec(s)
    assert all(re.search(r"\d", f["text"]) for f in s["frames"].values())


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
@pytest.mark.parametrize("x_index", [0, 9, 14, 20])
def test_activation_frame_marks_g_and_its_derivative(name, x_index):
    s = spec("activation_explorer")
    key = frame_key([F.ACTIVATION_NAMES.index(name), x_index])
    marker = s["frames"][key]["series"][0]
    x = F.ACTIVATION_INPUTS[x_index]
    g, dg = nn.get_activation(name)
    _close(marker["x"], [x, x])
    _close(marker["y"], [g(np.array([x]))[0], dg(np.array([x]))[0]], atol=1e-6)
    curve, slope = s["layers"][name]
    _close(curve["y"], g(np.linspace(-6, 6, 121)), atol=1e-6)
    _close(slope["y"], dg(np.linspace(-6, 6, 121)), atol=1e-6)


@pytest.mark.parametrize("w1, w2, b", [(1.0, 1.0, 0.0), (-2.0, 3.0, 1.0), (3.0, 0.0, -2.0)])
def test_neuron_frame_line_is_the_boundary_and_the_text_is_the_cost(w1, w2, b):
    s = spec("neuron_boundary")
    key = frame_key(
        [F.NEURON_WEIGHTS.index(w1), F.NEURON_WEIGHTS.index(w2), F.NEURON_BIASES.index(b)]
    )
    frame = s["frames"][key]
    X, y = make_blobs(60, rng=0, distance=2.5, dtype=np.float64)
    cost = nn.neuron_cost(X, y, np.array([w1, w2]), b)
    assert f"cross-entropy {cost:.3f}" in frame["text"]
    (boundary,) = frame["series"]
    z = w1 * np.array(boundary["x"]) + w2 * np.array(boundary["y"]) + b
    np.testing.assert_allclose(z, 0, atol=1e-2)
    assert all(-4 <= v <= 4 for v in boundary["x"] + boundary["y"])


def test_neuron_frame_with_zero_weights_has_no_line():
    s = spec("neuron_boundary")
    zero = F.NEURON_WEIGHTS.index(0.0)
    frame = s["frames"][frame_key([zero, zero, 0])]
    assert frame["series"] == [] and "no line" in frame["text"]


def test_boundary_segment_clips_to_the_box_and_is_empty_outside_it():
    seg = F.boundary_segment(np.array([1.0, -1.0]), 0.0, (-4.0, 4.0))
    np.testing.assert_allclose(seg, [[-4, -4], [4, 4]])
    assert F.boundary_segment(np.array([1.0, 0.0]), -10.0, (-4.0, 4.0)).shape == (0, 2)


@pytest.mark.parametrize("lr_index, mu_index", [(0, 0), (3, 2), (4, 3), (5, 1)])
def test_optimizer_race_trajectories_are_run_optimizer_paths(lr_index, mu_index):
    s = spec("optimizer_race")
    lr, mu = F.RACE_RATES[lr_index], F.RACE_MOMENTA[mu_index]
    sgd, momentum, adam = s["frames"][frame_key([lr_index, mu_index])]["series"]
    surface = ill_conditioned_quadratic(20.0)
    expected = [
        run_optimizer(surface, lambda ps: nn.SGD(ps, lr=lr), F.RACE_STEPS),
        run_optimizer(surface, lambda ps: nn.Momentum(ps, lr=lr, momentum=mu), F.RACE_STEPS),
        run_optimizer(surface, lambda ps: nn.Adam(ps, lr=lr, betas=(mu, 0.999)), F.RACE_STEPS),
    ]
    for series, path in zip((sgd, momentum, adam), expected, strict=True):
        _close(series["x"], path[:, 0], atol=1e-9)
        _close(series["y"], path[:, 1], atol=1e-9)


@pytest.mark.parametrize("lr", [0.05, 0.11])
def test_optimizer_race_sgd_follows_the_hand_formula_on_the_steep_axis(lr):
    """On f = (x^2 + 20 y^2) / 2, SGD multiplies y by (1 - 20 lr) each step: it grows once lr > 0.1."""
    s = spec("optimizer_race")
    sgd = s["frames"][frame_key([F.RACE_RATES.index(lr), 0])]["series"][0]
    y0 = ill_conditioned_quadratic(20.0).start[1]
    _close(sgd["y"], y0 * (1 - 20 * lr) ** np.arange(F.RACE_STEPS + 1), atol=1e-9)


@pytest.mark.parametrize("activation, scale_index", [("tanh", 0), ("relu", 3), ("relu", 6)])
def test_init_scale_frame_is_record_pass_of_the_scaled_network(activation, scale_index):
    s = spec("init_scale")
    scale = F.INIT_SCALES[scale_index]
    frame = s["frames"][frame_key([("tanh", "relu").index(activation), scale_index])]
    init = {"tanh": "xavier_normal", "relu": "he_normal"}[activation]
    net = nn.build_mlp(
        [F.INIT_WIDTH] * (F.INIT_LAYERS + 1) + [10], 0, activation=activation, init=init
    )
    for layer in net.layers:
        if isinstance(layer, nn.Dense):
            layer.W.data *= scale
    X = np.random.default_rng(0).standard_normal((500, F.INIT_WIDTH)).astype(np.float32)
    std = [r.output_std for r in nn.record_pass(net, X) if r.kind != "Dense"]
    _close(frame["series"][0]["y"], np.log10(std), atol=1e-6)


def test_learning_rate_frames_follow_train_neuron():
    s = spec("learning_rate_explorer")
    X, y = make_blobs(200, rng=0, distance=2.5, centre=(3.0, 3.0))
    lr = 5.0
    _, _, history = nn.train_neuron(X, y, lr=lr, epochs=F.TRAINING_EPOCHS)
    (curve,) = s["layers"][f"cost {lr:g}"]
    _close(curve["y"], np.log10(history.train_loss), atol=1e-6)
    epoch_index = 10
    epoch = s["controls"][1]["values"][epoch_index]
    frame = s["frames"][frame_key([F.TRAINING_RATES.index(lr), epoch_index])]
    assert f"cost {history.train_loss[epoch]:.4f}" in frame["text"]
    boundary = frame["series"][1]
    W, b = history.parameters[epoch]
    z = W[0, 0] * np.array(boundary["x"]) + W[1, 0] * np.array(boundary["y"]) + b[0]
    np.testing.assert_allclose(z, 0, atol=1e-2 * np.abs(W).sum())


@pytest.mark.slow
def test_spiral_and_width_depth_and_dropout_frames_come_from_fit():
    spiral = spec("spiral_training")
    first = spiral["frames"]["0"]
    assert "after epoch 0" in first["text"]
    field = frame_series(spiral, "0")[2]
    assert field["kind"] == "field" and len(field["z"]) == F.SPIRAL_GRID**2
    assert {int(z) for z in field["z"]} <= {0, 1, 2}

    fits = spec("width_depth")
    x = np.linspace(-3, 3, 61).astype(np.float32)[:, None]
    t = F.fit_target(x).astype(np.float32)
    net = nn.build_mlp([1, 4, 4], 0, activation="tanh")
    net = nn.build_mlp([1, 4, 4, 1], 0, activation="tanh")
    history = nn.fit(net, nn.MeanSquaredError(), nn.Adam(net.parameters(), lr=0.03), x, t,
                     epochs=F.FIT_EPOCHS, classification=False, evaluate=True)  # fmt: skip
    frame = fits["frames"][frame_key([F.FIT_WIDTHS.index(4), F.FIT_DEPTHS.index(2)])]
    assert f"mean squared error {history.train_loss[-1]:.2g}" in frame["text"]
    dense = np.linspace(-3, 3, 121).astype(np.float32)[:, None]
    _close(frame["series"][0]["y"], net.predict(dense)[:, 0], atol=1e-5)

    dropout = spec("dropout_curves")
    assert set(dropout["frames"]) == {str(i) for i in range(len(F.DROPOUT_RATES))}
    train, val = dropout["frames"]["0"]["series"]
    assert train["y"][-1] < val["y"][-1]  # without dropout the small training set is over-fitted

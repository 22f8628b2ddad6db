"""The book's interactive figures: each one computed with ``nnfs_lib`` over a grid of settings.

Every builder returns a spec (see :mod:`nnfs_lib.interactive.spec`); the
``nnfs-interactive`` directive of the book embeds it in its page. Each is
deterministic (fixed seeds), so a test can recompute any frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from nnfs_lib.activations import ACTIVATIONS, get_activation
from nnfs_lib.data import Split, load_digits_split, make_blobs, make_spiral
from nnfs_lib.demos.surfaces import ill_conditioned_quadratic, run_optimizer
from nnfs_lib.diagnostics import record_pass
from nnfs_lib.interactive.spec import (
    build,
    class_field,
    control,
    field,
    line,
    panel,
    points,
    rounded,
)
from nnfs_lib.losses import MeanSquaredError, SoftmaxCrossEntropy
from nnfs_lib.metrics import accuracy
from nnfs_lib.models import build_mlp
from nnfs_lib.neuron import neuron_cost, neuron_predict
from nnfs_lib.optimizers import SGD, Adam, Momentum
from nnfs_lib.softmax import softmax
from nnfs_lib.training import fit, train_neuron
from nnfs_lib.tuning import run_experiment

Spec = dict[str, Any]


# 1. Activation functions ------------------------------------------------------------

ACTIVATION_NAMES = tuple(ACTIVATIONS)  # every row of the one table, in its order
ACTIVATION_INPUTS = np.round(np.arange(-5.0, 5.01, 0.5), 2)


def activation_explorer() -> Spec:
    """An activation and its derivative, with a point that moves along the input axis.

    Frame (name, x): the curves of ``g`` and ``g'`` over [-6, 6] and the points
    ``(x, g(x))`` and ``(x, g'(x))``; saturation shows as ``g'`` near 0.
    """
    grid = np.linspace(-6, 6, 121)
    layers = {}
    for name in ACTIVATION_NAMES:
        g, dg = get_activation(name)
        layers[name] = [
            line(0, grid, g(grid), 0, label="g(x)"),
            line(0, grid, dg(grid), 1, label="g'(x)", dash=True),
        ]

    def frame(name: str, x: float) -> dict[str, Any]:
        g, dg = get_activation(name)
        gx, dgx = float(g(np.array([x]))[0]), float(dg(np.array([x]))[0])
        note = " (saturated: almost no gradient passes)" if dgx < 0.05 else ""
        return {
            "layers": [name],
            "series": [points(0, [x, x], [gx, dgx], colour=2, size=6)],
            "text": f"{name} at x = {x:g}: g(x) = {gx:.3f}, g'(x) = {dgx:.3f}{note}",
        }

    return build(
        "activation_explorer",
        "An activation function and its derivative",
        [
            control("activation", "Activation", ACTIVATION_NAMES, kind="select"),
            control("x", "Input x", ACTIVATION_INPUTS.tolist(), default=14),
        ],
        [panel("", "x", "", (-6, 6), (-1.2, 1.6))],
        frame,
        layers,
        palette=("g(x)", "g'(x)", "the point x"),
    )


# 2. A neuron's decision boundary ----------------------------------------------------

NEURON_WEIGHTS = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
NEURON_BIASES = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
NEURON_BOX = (-4.0, 4.0)


def boundary_segment(w: np.ndarray, b: float, box: tuple[float, float]) -> np.ndarray:
    """The part of the line ``w1 x1 + w2 x2 + b = 0`` inside the square ``box x box``: shape (k, 2), k <= 2."""
    lo, hi = box
    ends = []
    w1, w2 = float(w[0]), float(w[1])
    if w2 != 0:
        for x1 in (lo, hi):
            x2 = -(w1 * x1 + b) / w2
            if lo <= x2 <= hi:
                ends.append((x1, x2))
    if w1 != 0:
        for x2 in (lo, hi):
            x1 = -(w2 * x2 + b) / w1
            if lo <= x1 <= hi:
                ends.append((x1, x2))
    unique = sorted(set(ends))
    return np.array(unique[:1] + unique[-1:] if len(unique) > 1 else unique).reshape(-1, 2)


def neuron_boundary() -> Spec:
    """A sigmoid neuron on two clouds: its boundary line, cost and accuracy under w1, w2, b."""
    X, y = make_blobs(60, rng=0, distance=2.5, dtype=np.float64)

    def frame(w1: float, w2: float, b: float) -> dict[str, Any]:
        w = np.array([w1, w2])
        cost = neuron_cost(X, y, w, b)
        acc = float(np.mean(neuron_predict(X, w, b) == y))
        seg = boundary_segment(w, b, NEURON_BOX)
        series = []
        if len(seg) == 2:
            series.append(line(0, seg[:, 0], seg[:, 1], 3, label="boundary z = 0", width=2.5))
            where = "the line z = 0 crosses the plot"
        elif w1 == 0 and w2 == 0:
            where = "with w = 0 there is no line: z = b everywhere"
        else:
            where = "the line z = 0 lies outside the plot"
        text = (
            f"w = ({w1:g}, {w2:g}), b = {b:g}: {where}; "
            f"cross-entropy {cost:.3f}, accuracy {acc:.2f}"
        )
        return {"layers": ["data"], "series": series, "text": text}

    return build(
        "neuron_boundary",
        "A neuron's decision boundary",
        [
            control("w1", "Weight w1", NEURON_WEIGHTS, default=5),
            control("w2", "Weight w2", NEURON_WEIGHTS, default=5),
            control("b", "Bias b", NEURON_BIASES, default=3),
        ],
        [panel("", "x1", "x2", NEURON_BOX, NEURON_BOX)],
        frame,
        {"data": [points(0, X[:, 0], X[:, 1], classes=y, label="classes 0 and 1")]},
        palette=("class 0", "class 1", "", "boundary"),
    )


# 3. Gradient descent and the learning rate -------------------------------------------

TRAINING_RATES = (0.05, 0.5, 2.0, 5.0, 20.0, 50.0)
TRAINING_EPOCHS = 60


def learning_rate_explorer() -> Spec:
    """The neuron of "The training loop" trained at several rates; the line and cost epoch by epoch."""
    X, y = make_blobs(200, rng=0, distance=2.5, centre=(3.0, 3.0))
    box = (float(X.min()) - 0.5, float(X.max()) + 0.5)
    runs = {lr: train_neuron(X, y, lr=lr, epochs=TRAINING_EPOCHS) for lr in TRAINING_RATES}
    top = max(max(h.train_loss) for _, _, h in runs.values())
    layers = {"data": [points(0, X[:, 0], X[:, 1], classes=y, size=2.5)]}
    for lr, (_, _, h) in runs.items():
        layers[f"cost {lr:g}"] = [
            line(1, np.arange(len(h.train_loss)), np.log10(h.train_loss), 0, label="cost")
        ]

    def frame(lr: float, epoch: int) -> dict[str, Any]:
        _, _, h = runs[lr]
        W, b = h.parameters[epoch]
        seg = boundary_segment(W[:, 0], float(b[0]), box)
        cost = h.train_loss[epoch]
        series = [points(1, [epoch], [np.log10(cost)], colour=2, size=6)]
        if len(seg) == 2:
            series.append(line(0, seg[:, 0], seg[:, 1], 3, width=2.5))
        ups = int(np.sum(np.diff(h.train_loss[: epoch + 1]) > 0))
        text = (
            f"learning rate {lr:g}, epoch {epoch}: cost {cost:.4f}, "
            f"accuracy {h.train_accuracy[epoch]:.3f}; cost went up in {ups} epochs so far"
        )
        return {"layers": ["data", f"cost {lr:g}"], "series": series, "text": text}

    return build(
        "learning_rate_explorer",
        "Gradient descent at different learning rates",
        [
            control("lr", "Learning rate", TRAINING_RATES, kind="select", default=1),
            control("epoch", "Epoch", list(range(0, TRAINING_EPOCHS + 1, 2)), default=0),
        ],
        [
            panel("the data and the line z = 0", "x1", "x2", box, box),
            panel(
                "training cost",
                "epoch",
                "log10 cost",
                (0, TRAINING_EPOCHS),
                (np.log10(0.05), np.log10(top) + 0.2),
            ),
        ],
        frame,
        layers,
        palette=("cost", "", "this epoch", "boundary"),
    )


# 4. A network's decision boundary through training ----------------------------------

SPIRAL_EPOCHS = (0, 5, 10, 20, 40, 60, 80, 100, 150, 200, 300, 400, 500, 700, 1000)
SPIRAL_GRID = 24


def _class_grid(model, box: tuple[float, float], n: int) -> np.ndarray:
    axis = np.linspace(box[0], box[1], n)
    gx, gy = np.meshgrid(axis, axis)
    P = softmax(model.predict(np.c_[gx.ravel(), gy.ravel()].astype(np.float32)))
    return class_field(P, gx.shape)


def spiral_training() -> Spec:
    """The three-spiral network of "Hidden layers and depth": its regions at chosen epochs."""
    Xs, ys = make_spiral(n_per_class=100, n_classes=3, rng=0)
    net = build_mlp([2, 64, 64, 3], 0, activation="relu", init="he_uniform")
    history = fit(
        net, SoftmaxCrossEntropy(), SGD(net.parameters(), lr=1.0), Xs, ys, epochs=max(SPIRAL_EPOCHS),
        evaluate=True, record_parameters=True,
    )  # fmt: skip
    lim = float(np.abs(Xs).max()) + 0.1
    box = (-lim, lim)
    # Cells are centred on grid points: the field spans half a cell beyond them.
    half = (box[1] - box[0]) / (SPIRAL_GRID - 1) / 2
    extent = (box[0] - half, box[1] + half)
    snapshots = {}
    for epoch in SPIRAL_EPOCHS:
        for p, saved in zip(net.parameters(), history.parameters[epoch], strict=True):
            p.data[...] = saved
        snapshots[epoch] = (_class_grid(net, box, SPIRAL_GRID), accuracy(net, Xs, ys))
    epochs = np.arange(len(history.train_loss))
    layers = {
        "data": [points(0, Xs[:, 0], Xs[:, 1], classes=ys, size=2.5)],
        "cost": [line(1, epochs, history.train_loss, 0, label="cost")],
    }

    def frame(epoch: int) -> dict[str, Any]:
        grid, acc = snapshots[epoch]
        cost = history.train_loss[epoch]
        return {
            "layers": ["cost", "data"],
            "series": [
                field(0, grid, extent, extent),
                points(1, [epoch], [cost], colour=2, size=6),
            ],
            "text": f"after epoch {epoch}: cost {cost:.3f}, training accuracy {acc:.3f}",
        }

    return build(
        "spiral_training",
        "A network's decision regions, epoch by epoch",
        [control("epoch", "Epoch", list(SPIRAL_EPOCHS), default=0)],
        [
            panel("predicted class (shade: confidence)", "x1", "x2", extent, extent),
            panel("training cost", "epoch", "cost", (0, max(SPIRAL_EPOCHS)), (0, 1.2)),
        ],
        frame,
        layers,
        palette=("class 0", "class 1", "class 2"),
    )


# 5. Width and depth against the function fitted -------------------------------------

FIT_WIDTHS = (1, 2, 4, 8, 32)
FIT_DEPTHS = (1, 2, 3)
FIT_EPOCHS = 600


def fit_target(x: np.ndarray) -> np.ndarray:
    """The function the width/depth figure fits: a bump and a wiggle on [-3, 3]."""
    return np.sin(2 * x) + 0.5 * np.exp(-4 * x**2)


def width_depth() -> Spec:
    """Tanh networks of several widths and depths fitted to one curve (full-batch Adam)."""
    x = np.linspace(-3, 3, 61).astype(np.float32)[:, None]
    t = fit_target(x).astype(np.float32)
    dense = np.linspace(-3, 3, 121).astype(np.float32)[:, None]

    def frame(width: int, depth: int) -> dict[str, Any]:
        net = build_mlp([1, *[width] * depth, 1], 0, activation="tanh")
        history = fit(net, MeanSquaredError(), Adam(net.parameters(), lr=0.03), x, t,
                      epochs=FIT_EPOCHS, evaluate=True, classification=False)  # fmt: skip
        mse = history.train_loss[-1]
        n_params = net.n_parameters()
        return {
            "layers": ["target"],
            "series": [
                line(0, dense[:, 0], net.predict(dense)[:, 0], 1, label="network", width=2.5)
            ],
            "text": (
                f"{depth} hidden layer{'s' if depth > 1 else ''} of {width} tanh unit"
                f"{'s' if width > 1 else ''} ({n_params} parameters): "
                f"mean squared error {mse:.2g} after {FIT_EPOCHS} epochs"
            ),
        }

    return build(
        "width_depth",
        "Width and depth against the function a network fits",
        [
            control("width", "Units per hidden layer", FIT_WIDTHS, default=1),
            control("depth", "Hidden layers", FIT_DEPTHS, default=0),
        ],
        [panel("", "x", "y", (-3, 3), (-1.6, 1.9))],
        frame,
        {"target": [points(0, x[:, 0], t[:, 0], colour=0, size=2.5, label="target")]},
        palette=("target", "network"),
    )


# 6. Initialization scale against activation statistics ------------------------------

INIT_SCALES = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
INIT_LAYERS = 10
INIT_WIDTH = 100


def init_scale() -> Spec:
    """Per-layer activation statistics of a deep tanh or ReLU network at scaled initializations.

    The weights are the scheme's (Xavier for tanh, He for ReLU) times a factor;
    factor 1 is the scheme itself.
    """
    X = np.random.default_rng(0).standard_normal((500, INIT_WIDTH)).astype(np.float32)
    schemes = {"tanh": "xavier_normal", "relu": "he_normal"}
    layers_x = np.arange(1, INIT_LAYERS + 1)

    def frame(activation: str, scale: float) -> dict[str, Any]:
        net = build_mlp([INIT_WIDTH] * (INIT_LAYERS + 1) + [10], 0, activation=activation,
                        init=schemes[activation])  # fmt: skip
        for p in net.parameters():
            if p.name == "W":
                p.data *= scale
        records = [r for r in record_pass(net, X) if r.kind != "Dense"]
        std = np.array([r.output_std for r in records])
        flat = np.array(
            [r.output_saturated_fraction if activation == "tanh" else r.output_zero_fraction
             for r in records]
        )  # fmt: skip
        what = "saturated (|a| > 0.99)" if activation == "tanh" else "exactly zero"
        return {
            "series": [
                line(
                    0, layers_x, np.log10(np.maximum(std, 1e-30)), 0, label="log10 std", marker=True
                ),
                line(1, layers_x, flat, 1, label=what, marker=True),
            ],
            "text": (
                f"{activation}, {schemes[activation].replace('_', ' ')} times {scale:g}: "
                f"activation std {std[0]:.3g} in layer 1 and {std[-1]:.3g} in layer {INIT_LAYERS}; "
                f"{flat[-1]:.0%} of the last layer's activations {what}"
            ),
        }

    return build(
        "init_scale",
        "Initialization scale against activations, layer by layer",
        [
            control("activation", "Activation", ("tanh", "relu"), kind="select"),
            control("scale", "Scale of the initial weights", INIT_SCALES, default=3),
        ],
        [
            panel("activation spread", "layer", "log10 std of a", (1, INIT_LAYERS), (-4, 2)),
            panel("flat units", "layer", "fraction", (1, INIT_LAYERS), (0, 1)),
        ],
        frame,
        palette=("std", "fraction"),
    )


# 7. Optimizers racing -----------------------------------------------------------------

RACE_RATES = (0.01, 0.02, 0.05, 0.09, 0.11, 0.3)
RACE_MOMENTA = (0.5, 0.8, 0.9, 0.95)
RACE_STEPS = 60
RACE_OPTIMIZERS: dict[str, Callable[[list, float, float], Any]] = {
    "SGD": lambda ps, lr, mu: SGD(ps, lr=lr),
    "momentum": lambda ps, lr, mu: Momentum(ps, lr=lr, momentum=mu),
    "Adam": lambda ps, lr, mu: Adam(ps, lr=lr, betas=(mu, 0.999)),
}


def optimizer_race() -> Spec:
    """SGD, momentum and Adam on the ill-conditioned bowl (kappa = 20), 60 steps each."""
    surface = ill_conditioned_quadratic(20.0)
    nx, ny = 36, 16
    gx, gy = np.meshgrid(np.linspace(*surface.xlim, nx), np.linspace(*surface.ylim, ny))
    height = np.log1p(surface.f(np.stack([gx, gy])))
    contour = field(0, 0.99 * height / height.max(), surface.xlim, surface.ylim, shade="level")

    def frame(lr: float, mu: float) -> dict[str, Any]:
        series, parts = [], []
        for colour, (name, make) in enumerate(RACE_OPTIMIZERS.items()):
            path = run_optimizer(surface, lambda ps, make=make: make(ps, lr, mu), RACE_STEPS)
            series.append(line(0, path[:, 0], path[:, 1], colour, label=name, marker=True))
            last = path[np.isfinite(path[:, 0])][-1]
            finished = np.isfinite(path[-1, 0])
            value = float(surface.f(last))
            parts.append(
                f"{name} f = {value:.3g}" if finished else f"{name} diverged (left the bowl)"
            )
        return {
            "layers": ["surface"],
            "series": series,
            "text": f"learning rate {lr:g}, momentum {mu:g}, after {RACE_STEPS} steps: "
            + "; ".join(parts),
        }

    return build(
        "optimizer_race",
        "Optimizers racing on an ill-conditioned bowl",
        [
            control("lr", "Learning rate", RACE_RATES, default=2),
            control("momentum", "Momentum mu (Adam's beta1)", RACE_MOMENTA, default=2),
        ],
        [panel("", "x", "y", surface.xlim, surface.ylim)],
        frame,
        {"surface": [contour]},
        palette=tuple(RACE_OPTIMIZERS),
    )


# 8. Dropout rate against training and validation curves -----------------------------

DROPOUT_RATES = (0.0, 0.1, 0.25, 0.5, 0.75)
DROPOUT_EPOCHS = 60


def dropout_curves() -> Spec:
    """The over-fitting setting of "Dropout" (150 digits, 64-256-256-10) at several drop rates."""
    full = load_digits_split(rng=0)
    small = Split(full.X_train[:150], full.y_train[:150], full.X_val, full.y_val,
                  full.X_test, full.y_test)  # fmt: skip
    runs = {
        p: run_experiment(small, [64, 256, 256, 10], optimizer="adam", lr=1e-3, dropout=p,
                          epochs=DROPOUT_EPOCHS, batch_size=32, seed=0).history
        for p in DROPOUT_RATES
    }  # fmt: skip
    epochs = np.arange(DROPOUT_EPOCHS + 1)

    def frame(p: float) -> dict[str, Any]:
        h = runs[p]
        best = int(np.argmin(h.val_loss))
        return {
            "series": [
                line(0, epochs, np.log10(h.train_loss), 0, label="training"),
                line(0, epochs, np.log10(h.val_loss), 1, label="validation", dash=True),
            ],
            "text": (
                f"drop rate {p:g}: after {DROPOUT_EPOCHS} epochs training cost "
                f"{h.train_loss[-1]:.4f}, validation cost {h.val_loss[-1]:.3f} "
                f"(lowest {min(h.val_loss):.3f} at epoch {best}), validation accuracy "
                f"{h.val_accuracy[-1]:.3f}"
            ),
        }

    return build(
        "dropout_curves",
        "Dropout rate against training and validation cost",
        [control("p", "Drop rate p", DROPOUT_RATES, default=0)],
        [panel("", "epoch", "log10 cost", (0, DROPOUT_EPOCHS), (-3, 0.5))],
        frame,
        palette=("training", "validation"),
    )


FIGURES: dict[str, Callable[[], Spec]] = {
    "activation_explorer": activation_explorer,
    "neuron_boundary": neuron_boundary,
    "learning_rate_explorer": learning_rate_explorer,
    "spiral_training": spiral_training,
    "width_depth": width_depth,
    "init_scale": init_scale,
    "optimizer_race": optimizer_race,
    "dropout_curves": dropout_curves,
}
"""Name -> builder, for the ``nnfs-interactive`` directive."""

__all__ = ["FIGURES", "boundary_segment", "fit_target", "rounded"]

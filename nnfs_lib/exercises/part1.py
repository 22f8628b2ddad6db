"""Checkers for Part I: the sigmoid, binary cross-entropy, the neuron's gradients, one descent step."""

from __future__ import annotations

import math

import numpy as np

from nnfs_lib import activations, losses
from nnfs_lib.autodiff import Value
from nnfs_lib.exercises import cases
from nnfs_lib.exercises.registry import exercise
from nnfs_lib.exercises.report import (
    Mismatch,
    Report,
    as_sequence,
    call,
    expect,
    expect_array,
    expect_gradient,
    expect_number,
    generator,
    same_as_library,
    show,
)
from nnfs_lib.gradcheck import numerical_gradient
from nnfs_lib.layers import Sigmoid
from nnfs_lib.neuron import neuron_cost, neuron_gradients
from nnfs_lib.training import train_neuron

SHAPES = [(3,), (4, 5), (2, 3, 4)]


def _elementwise_hand_cases(report: Report, fn: object, name: str, hand: list) -> None:
    """One case per (z as written, z, answer) of an elementwise function."""
    for written, z, expected in hand:
        with report.case(f"hand case: {name}({written}) = {expected}"):
            got = call(fn, np.array([z]), what=f"{name}({written})")
            expect_array(got, np.array([expected]), f"{name}(z)", inputs=f"z = [{written}]")


TAIL = [-40.0, -100.0, -700.0]
"""Inputs where the sigmoid is tiny but a normal float64 (e^-700 is about 1e-304)."""
TAIL_RTOL = 1e-6
SIGMOID_TAIL_ADVICE = (
    "For z < 0, sigma(z) = e^z / (1 + e^z) is tiny but representable in float64. A stable form "
    "computes it as e^{-|z|} / (1 + e^{-|z|}) (the page's eq-act-sigmoid-stable), so it keeps "
    "every digit there. Clipping z (e.g. to [-30, 30]) loses them, and so does 1 - (a number "
    "near 1), as in 0.5 * (1 + tanh(z / 2)): the error is tiny in absolute terms, but the value "
    "is wrong (the log of a sigmoid, as in a cost, then is off or -inf)."
)
SIGMOID_DERIVATIVE_TAIL_ADVICE = (
    "In both tails sigma'(z) = e^{-|z|} / (1 + e^{-|z|})^2 is tiny but representable in float64. "
    "The page's sigma(z) * sigma(-z), with a stable sigmoid, keeps every digit there; clipping z "
    "loses them, and so does 1 - sigma(z), which rounds to 0 once sigma(z) is within 1e-16 of 1 "
    "(z > 37)."
)


def _expect_tail(got: object, expected: np.ndarray, what: str, z: np.ndarray, advice: str) -> None:
    """``got`` must match ``expected`` (tiny, nonzero values) to :data:`TAIL_RTOL` relative, entry by entry.

    An absolute tolerance would accept any value below it (a sigmoid clipped at
    z = -30 gives 9e-14 for z = -1000), so the tail is compared in relative terms.
    """
    zs = ", ".join(f"{v:g}" for v in z)
    expect(
        got is not None, f"{what} is None for z = [{zs}]: did the function forget to `return` it?"
    )
    expect(isinstance(got, np.ndarray) and got.shape == expected.shape and got.dtype.kind in "fiub",
           f"{what} is {type(got).__name__} of shape {np.shape(got)} for z = [{zs}]; expected a "
           f"numpy.ndarray of numbers of shape {expected.shape}")  # fmt: skip
    values = got.astype(np.float64)
    relative = np.abs(values - expected) / expected
    wrong = ~(relative <= TAIL_RTOL)  # NaN is wrong too
    if wrong.any():
        k = int(np.argmax(wrong))
        raise Mismatch(
            f"{what} is {show(values[k])} for z = {z[k]:g}; expected {show(expected[k])}, a "
            f"relative error of {show(relative[k])} (largest accepted {TAIL_RTOL:g}; "
            f"{int(wrong.sum())} of {z.size} tail entries are off).\n{advice}"
        )


@exercise(
    "sigmoid",
    title="The sigmoid",
    page="book/part1/activations.md",
    defines="sigmoid",
    reference=activations.sigmoid,
)
def _sigmoid(fn: object, report: Report) -> None:
    _elementwise_hand_cases(report, fn, "sigmoid", cases.SIGMOID)
    rng = generator("sigmoid")
    with report.case("law: sigmoid(-z) = 1 - sigmoid(z)"):
        z = rng.normal(0, 4, 50)
        left = call(fn, -z, what="sigmoid(-z)")
        right = call(fn, z, what="sigmoid(z)")
        expect(
            isinstance(right, np.ndarray),
            f"sigmoid(z) is a {type(right).__name__}; expected a numpy.ndarray",
        )
        expect_array(left, 1 - right, "sigmoid(-z)", inputs="50 random z, against 1 - sigmoid(z)")
    with report.case("stable for large |z|: sigmoid([-1000, 1000]) = [0, 1] without overflow"):
        z = np.array([-1000.0, 1000.0])
        expect_array(call(fn, z, what="sigmoid([-1000, 1000])"), np.array([0.0, 1.0]),
                     "sigmoid(z)", inputs="z = [-1000, 1000]")  # fmt: skip
    with report.case(
        "accurate in the tail: sigmoid([-40, -100, -700]) to 1e-6 relative (tiny, not 0)"
    ):
        z = np.array(TAIL)
        got = call(fn, z, what="sigmoid([-40, -100, -700])")
        e = np.exp(z)  # e^z is tiny but a normal float64: no overflow, no rounding to 0
        _expect_tail(got, e / (1 + e), "sigmoid(z)", z, SIGMOID_TAIL_ADVICE)
    draws = [(f"random z of shape {shape}", (rng.normal(0, 3, shape),)) for shape in SHAPES]
    same_as_library(report, fn, activations.sigmoid, draws, "sigmoid(z)")
    with report.case("float32 in, float32 out"):
        z = rng.normal(0, 3, 6).astype(np.float32)
        got = call(fn, z, what="sigmoid(z) with float32 z")
        expect_array(got, activations.sigmoid(z), "sigmoid(z)", inputs="float32 z", rtol=1e-5,
                     dtype=True)  # fmt: skip


@exercise(
    "sigmoid_derivative",
    title="The sigmoid's derivative",
    page="book/part1/activations.md",
    defines="sigmoid_derivative",
    reference=activations.sigmoid_derivative,
    library=(activations.sigmoid_derivative, Sigmoid.backward),
)
def _sigmoid_derivative(fn: object, report: Report) -> None:
    _elementwise_hand_cases(report, fn, "sigmoid_derivative", cases.SIGMOID_DERIVATIVE)
    rng = generator("sigmoid_derivative")
    with report.case("finite difference of the sigmoid at 20 random z"):
        z = rng.normal(0, 3, 20)
        got = call(fn, z, what="sigmoid_derivative(z)")
        expect_gradient(got, lambda x: float(np.sum(activations.sigmoid(x))), z,
                        "sigmoid_derivative(z)")  # fmt: skip
    with report.case("law: sigmoid'(-z) = sigmoid'(z)"):
        z = rng.normal(0, 3, 30)
        left = call(fn, -z, what="sigmoid_derivative(-z)")
        expect_array(left, call(fn, z, what="sigmoid_derivative(z)"), "sigmoid_derivative(-z)",
                     inputs="30 random z, against sigmoid_derivative(z)")  # fmt: skip
    with report.case("stable for large |z|: sigmoid_derivative([-1000, 1000]) = [0, 0], no NaN"):
        z = np.array([-1000.0, 1000.0])
        got = call(fn, z, what="sigmoid_derivative([-1000, 1000])")
        expect_array(got, np.zeros(2), "sigmoid_derivative(z)",
                     inputs="z = [-1000, 1000] (write it with a sigmoid that does not overflow)")  # fmt: skip
    with report.case(
        "accurate in both tails: sigmoid_derivative(z) for |z| = 40, 100, 700 to 1e-6 relative"
    ):
        z = np.array(TAIL + [-t for t in TAIL])
        got = call(fn, z, what="sigmoid_derivative([-40, -100, -700, 40, 100, 700])")
        e = np.exp(-np.abs(z))
        _expect_tail(got, e / (1 + e) ** 2, "sigmoid_derivative(z)", z,
                     SIGMOID_DERIVATIVE_TAIL_ADVICE)  # fmt: skip
    draws = [(f"random z of shape {shape}", (rng.normal(0, 3, shape),)) for shape in SHAPES]
    same_as_library(report, fn, activations.sigmoid_derivative, draws, "sigmoid_derivative(z)")


def _probabilities(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple:
    p = rng.uniform(0.02, 0.98, shape)
    y = (rng.random(shape) < 0.5).astype(np.float64)
    return p, y


def _probability_draws(rng: np.random.Generator) -> list[tuple[str, tuple]]:
    """Random (p, y) of a few shapes, described by their values."""
    draws = []
    for shape in [(5,), (3, 4), (1,)]:
        p, y = _probabilities(rng, shape)
        draws.append((f"p = {show(p)}, y = {show(y)}", (p, y)))
    return draws


CLIP_RANGE = (1e-15, 1e-4)
"""The clips ``eps`` accepted (``p`` clipped to [eps, 1 - eps]): the page asks for a large finite
cost, not for the library's EPSILON; below 1e-15, 1 - eps is too close to 1 in float64."""
CLIP_SLACK = 1e-3
"""Relative slack on the range of J: 1 - (1 - eps) is not eps in float64 (1.1e-15 for 1e-15)."""
_CLIP_ADVICE = (
    "Clip p to [eps, 1 - eps] before the logs (np.clip; the page uses eps = 1e-12, any eps from "
    "1e-15 to 1e-4 is accepted), so that log never sees 0 and a confident wrong prediction "
    "costs a large finite -log(eps)."
)


def _confident_cost(fn: object, p: float, y: float) -> float:
    """The answer's J for one confident wrong prediction, checked finite and in the clip range."""
    inputs = f"p = [{p:g}], y = [{y:g}]"
    try:
        got = call(fn, np.array([p]), np.array([y]), what=f"binary_cross_entropy([{p:g}], [{y:g}])")
    except Mismatch as mismatch:  # log(0) warned: say what to do about it
        raise Mismatch(f"{mismatch}.\n{_CLIP_ADVICE}") from None
    array = np.asarray(got) if got is not None else None
    expect(array is not None and array.dtype.kind in "fiu" and array.size == 1,
           f"J is {type(got).__name__} of shape {np.shape(got)} for {inputs}; expected one number")  # fmt: skip
    J = float(array.reshape(()))
    expect(
        np.isfinite(J), f"J is {J} for {inputs}; expected a large finite number.\n{_CLIP_ADVICE}"
    )
    low, high = (-math.log(eps) for eps in CLIP_RANGE[::-1])
    if not low * (1 - CLIP_SLACK) <= J <= high * (1 + CLIP_SLACK):
        implied = f", as if p were clipped at eps = e^-J = {math.exp(-J):.2g}" if J > 0 else ""
        raise Mismatch(
            f"J is {J:.6g} for {inputs}{implied}; expected between {low:.4g} (a clip at "
            f"eps = {CLIP_RANGE[1]:g}) and {high:.4g} (eps = {CLIP_RANGE[0]:g}). A larger eps "
            "changes the cost of ordinary predictions too; a smaller one is lost in 1 - eps.\n"
            + _CLIP_ADVICE
        )
    return J


def _confident_wrong_answers(fn: object) -> None:
    """What the page teaches about the clip: a large finite cost, the same in a batch.

    Each confident wrong prediction alone must cost a finite J in the range of
    :data:`CLIP_RANGE`; then a batch that mixes them with two ordinary
    predictions must cost the mean of those two costs and the ordinary ones
    (the library's formula at the answer's own clip), so the clip is applied
    to each entry, and not to the mean or to one side only.
    """
    J0, J1 = _confident_cost(fn, 0.0, 1.0), _confident_cost(fn, 1.0, 0.0)
    p, y = np.array([0.0, 1.0, 0.3, 0.6]), np.array([1.0, 0.0, 1.0, 0.0])
    got = call(fn, p, y, what="binary_cross_entropy([0, 1, 0.3, 0.6], [1, 0, 1, 0])")
    expected = (J0 + J1 - math.log(0.3) - math.log(0.4)) / 4
    expect_number(got, expected, "J", inputs=(
        "p = [0, 1, 0.3, 0.6], y = [1, 0, 1, 0]: the mean of your J for p = 0, y = 1 "
        f"({J0:.6g}), your J for p = 1, y = 0 ({J1:.6g}), -log 0.3 and -log 0.4"
    ))  # fmt: skip


@exercise(
    "binary_cross_entropy",
    title="Binary cross-entropy",
    page="book/part1/losses.md",
    defines="binary_cross_entropy",
    reference=losses.binary_cross_entropy,
)
def _bce(fn: object, report: Report) -> None:
    for p, y, expected in cases.BINARY_CROSS_ENTROPY:
        with report.case(f"hand case: p = {p}, y = {y} gives J = {expected:.6f}"):
            got = call(fn, np.array(p), np.array(y), what=f"binary_cross_entropy({p}, {y})")
            expect_number(got, expected, "J", inputs=f"p = {p}, y = {y}")
    with report.case(
        "a confident wrong answer (p = 0 for y = 1, p = 1 for y = 0) gives a large finite J (clip p)"
    ):
        _confident_wrong_answers(fn)
    rng = generator("binary_cross_entropy")
    same_as_library(
        report, fn, losses.binary_cross_entropy, _probability_draws(rng), "J", number=True
    )


@exercise(
    "binary_cross_entropy_gradient",
    title="The gradient of binary cross-entropy",
    page="book/part1/losses.md",
    defines="binary_cross_entropy_gradient",
    reference=losses.binary_cross_entropy_gradient,
)
def _bce_gradient(fn: object, report: Report) -> None:
    for p, y, expected in cases.BINARY_CROSS_ENTROPY_GRADIENT:
        with report.case(f"hand case: p = {p}, y = {y} gives dJ/dp = {expected}"):
            got = call(
                fn, np.array(p), np.array(y), what=f"binary_cross_entropy_gradient({p}, {y})"
            )
            expect_array(got, np.array(expected), "dJ/dp", inputs=f"p = {p}, y = {y}")
    rng = generator("binary_cross_entropy_gradient")
    with report.case("finite difference of the library's binary_cross_entropy at 8 random p"):
        p, y = _probabilities(rng, (8,))
        got = call(fn, p, y, what="binary_cross_entropy_gradient(p, y)")
        expect_gradient(got, lambda q: losses.binary_cross_entropy(q, y), p, "dJ/dp")
    same_as_library(
        report, fn, losses.binary_cross_entropy_gradient, _probability_draws(rng), "dJ/dp"
    )


def _neuron_problem(rng: np.random.Generator, n: int, d: int) -> tuple:
    X = rng.normal(0, 1, (n, d))
    y = (rng.random(n) < 0.5).astype(np.float64)
    return X, y, rng.normal(0, 1, d), float(rng.normal())


def _gradient_pair(got: object, what: str, names: tuple[str, str] = ("dw", "db")) -> tuple:
    return as_sequence(got, names, what)


def _neuron_finite_differences(
    fn: object, loss: str, X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float
) -> None:
    """The reader's dw and db against central differences of the library's neuron_cost."""
    got = call(fn, X, y, w, b, loss=loss, what=f"neuron_gradients(..., loss={loss!r})")
    got_dw, got_db = _gradient_pair(got, "neuron_gradients")
    expect_gradient(got_dw, lambda v: neuron_cost(X, y, v, b, loss), w, "dw")
    expect(np.size(got_db) == 1, f"db is {type(got_db).__name__}; expected one number")
    expect_gradient(np.asarray(got_db, dtype=np.float64).reshape(1),
                    lambda c: neuron_cost(X, y, w, float(c[0]), loss), np.array([b]), "db")  # fmt: skip


@exercise(
    "neuron_gradients",
    title="The neuron's gradients",
    page="book/part1/backprop.md",
    defines="neuron_gradients",
    reference=neuron_gradients,
)
def _neuron_gradients(fn: object, report: Report) -> None:
    X, y, w = (np.array(a) for a in (cases.NEURON_X, cases.NEURON_Y, cases.NEURON_W))
    for loss, (dw, db) in cases.NEURON_GRADIENTS.items():
        with report.case(f"hand case, loss={loss!r}: w = 0, b = 0 on two examples"):
            got = call(
                fn, X, y, w, cases.NEURON_B, loss=loss, what=f"neuron_gradients(..., loss={loss!r})"
            )
            got_dw, got_db = _gradient_pair(got, "neuron_gradients")
            inputs = f"X = {cases.NEURON_X}, y = {cases.NEURON_Y}, w = 0, b = 0"
            expect_array(got_dw, np.array(dw), "dw", inputs=inputs)
            expect_number(got_db, db, "db", inputs=inputs)
    rng = generator("neuron_gradients")
    for loss in ("bce", "mse"):
        with report.case(f"finite difference of neuron_cost, loss={loss!r}"):
            _neuron_finite_differences(fn, loss, *_neuron_problem(rng, 6, 3))
        for n, d in [(1, 2), (5, 3), (8, 1)]:
            with report.case(f"same as the library, loss={loss!r}, X of shape {(n, d)}"):
                X, y, w, b = _neuron_problem(rng, n, d)
                got = call(fn, X, y, w, b, loss=loss, what="neuron_gradients")
                got_dw, got_db = _gradient_pair(got, "neuron_gradients")
                dw, db = neuron_gradients(X, y, w, b, loss)
                expect_array(got_dw, dw, "dw", inputs=f"X of shape {(n, d)}")
                expect_number(got_db, db, "db", inputs=f"X of shape {(n, d)}")


def _library_gradient_descent_step(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lr: float
) -> tuple[np.ndarray, float]:
    """The library's step: one full-batch epoch of :func:`~nnfs_lib.training.train_neuron`."""
    w, b, _ = train_neuron(X, y, lr=lr, epochs=1, batch_size=None, w0=w, b0=b)
    return w, b


@exercise(
    "gradient_descent_step",
    title="One step of gradient descent",
    page="book/part1/training.md",
    defines="gradient_descent_step",
    reference=_library_gradient_descent_step,
    library=(train_neuron,),
)
def _gradient_descent_step(fn: object, report: Report) -> None:
    X, y, w = (np.array(a) for a in (cases.NEURON_X, cases.NEURON_Y, cases.NEURON_W))
    with report.case(f"hand case: w = 0, b = 0, lr = {cases.NEURON_LR} on two examples"):
        got = call(fn, X, y, w, cases.NEURON_B, cases.NEURON_LR, what="gradient_descent_step")
        new_w, new_b = _gradient_pair(got, "gradient_descent_step", ("w", "b"))
        inputs = f"X = {cases.NEURON_X}, y = {cases.NEURON_Y}, w = 0, b = 0, lr = {cases.NEURON_LR}"
        expect_array(new_w, np.array(cases.NEURON_STEP[0]), "the new w", inputs=inputs)
        expect_number(new_b, cases.NEURON_STEP[1], "the new b", inputs=inputs)
    rng = generator("gradient_descent_step")
    with report.case("a small step (lr = 0.01) lowers the cost"):
        X, y, w, b = _neuron_problem(rng, 10, 3)
        new_w, new_b = _gradient_pair(
            call(fn, X, y, w, b, 0.01, what="gradient_descent_step"),
            "gradient_descent_step",
            ("w", "b"),
        )
        expect(isinstance(new_w, np.ndarray) and new_w.shape == w.shape and np.size(new_b) == 1,
               f"the new w has shape {np.shape(new_w)} and the new b {np.shape(new_b)}; expected "
               f"w of shape {w.shape} and one number b")  # fmt: skip
        before, after = neuron_cost(X, y, w, b), neuron_cost(X, y, np.asarray(new_w), float(new_b))
        expect(after < before, f"the cost went from {before:.6g} to {after:.6g}: the step should "
               "go against the gradient (minus sign)")  # fmt: skip
    for (n, d), lr in [((4, 2), 0.5), ((9, 3), 0.1), ((1, 1), 2.0)]:
        with report.case(
            f"same as the library's train_neuron for one epoch, X of shape {(n, d)}, lr = {lr}"
        ):
            X, y, w, b = _neuron_problem(rng, n, d)
            got = call(fn, X, y, w, b, lr, what="gradient_descent_step")
            new_w, new_b = _gradient_pair(got, "gradient_descent_step", ("w", "b"))
            w1, b1 = _library_gradient_descent_step(X, y, w, b, lr)
            expect_array(new_w, w1, "the new w", inputs=f"X of shape {(n, d)}, lr = {lr}")
            expect_number(new_b, b1, "the new b", inputs=f"X of shape {(n, d)}, lr = {lr}")


def _library_value_tanh(x: Value) -> Value:
    """The library's tanh node: :meth:`nnfs_lib.autodiff.Value.tanh`."""
    return x.tanh()


def _tanh_node(fn: object, x: Value, written: str) -> Value:
    """The reader's node for ``tanh(x)``, checked to be a :class:`Value` whose parent is ``x``."""
    node = call(fn, x, what=f"value_tanh({written})")
    expect(
        node is not None, f"value_tanh({written}) is None: did the function forget to `return` it?"
    )
    expect(
        isinstance(node, Value),
        f"value_tanh({written}) is a {type(node).__name__}; expected a Value",
    )
    expect(
        len(node.parents) == 1 and node.parents[0] is x,
        f"value_tanh({written}) has parents {node.parents!r}; expected (x,), the node it was given",
    )
    return node


@exercise(
    "value_tanh",
    title="An autodiff operation: tanh",
    page="book/part1/autodiff.md",
    defines="value_tanh",
    reference=_library_value_tanh,
    library=(Value.tanh,),
)
def _value_tanh(fn: object, report: Report) -> None:
    for written, x, value, local in cases.VALUE_TANH:
        with report.case(f"hand case: tanh({written}) = {value:g}, local derivative {local:g}"):
            node = _tanh_node(fn, Value(x), written)
            expect_number(node.data, value, "its data", inputs=f"x = {written}")
            expect(
                len(node.local_grads) == 1,
                f"it has {len(node.local_grads)} local derivatives for one parent",
            )
            expect_number(
                node.local_grads[0], local, "its local derivative", inputs=f"x = {written}"
            )
    rng = generator("value_tanh")
    with report.case("finite difference of J = tanh(w * x + b) with respect to w and b"):
        x, w0, b0 = (float(v) for v in rng.normal(0, 1, 3))
        w, b = Value(w0), Value(b0)
        _tanh_node(fn, w * x + b, "w * x + b").backward()
        numeric = numerical_gradient(lambda p: math.tanh(p[0] * x + p[1]), np.array([w0, b0]))
        expect_array(np.array([w.grad, b.grad]), numeric, "(w.grad, b.grad)",
                     inputs=f"x = {x:.4g}, w = {w0:.4g}, b = {b0:.4g}", rtol=1e-6, atol=1e-8)  # fmt: skip
    with report.case(
        "used twice (fan-out): J = tanh(a) * tanh(a) gives dJ/da = 2 tanh(a) tanh'(a)"
    ):
        a0 = float(rng.normal())
        a = Value(a0)
        t = _tanh_node(fn, a, "a")
        (t * t).backward()
        expected = 2 * math.tanh(a0) * (1 - math.tanh(a0) ** 2)
        expect_number(a.grad, expected, "a.grad", inputs=f"a = {a0:.4g}")
    for scale in (0.5, 3.0, 30.0):
        x0 = float(rng.normal(0, scale))
        with report.case(f"same as the library's Value.tanh at x = {x0:.4g}"):
            mine, library = Value(x0), Value(x0)
            node = _tanh_node(fn, mine, f"{x0:.4g}")
            reference = library.tanh()
            (node * 3.0).backward()
            (reference * 3.0).backward()
            expect_number(node.data, reference.data, "its data", inputs=f"x = {x0:.4g}")
            expect_number(mine.grad, library.grad, "x.grad after backward", inputs=f"x = {x0:.4g}")

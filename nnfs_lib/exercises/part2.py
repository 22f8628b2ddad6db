"""Checkers for Part II: Dense, softmax, the fused softmax-cross-entropy gradient, Sequential.backward, He."""

from __future__ import annotations

import copy
import itertools

import numpy as np

from nnfs_lib import initializers, losses
from nnfs_lib.exercises import cases
from nnfs_lib.exercises.network import expect_same_in_network
from nnfs_lib.exercises.registry import exercise
from nnfs_lib.exercises.report import (
    Mismatch,
    Report,
    call,
    expect,
    expect_array,
    expect_gradient,
    generator,
    same_as_library,
    show,
)
from nnfs_lib.initializers import initialize
from nnfs_lib.layers import Dense, Sequential, Tanh
from nnfs_lib.losses import SoftmaxCrossEntropy
from nnfs_lib.softmax import log_softmax, softmax


def _expect_gradient_like(
    got: object, expected: np.ndarray, what: str, inputs: str, n: int
) -> None:
    """``expect_array``, with a hint only when the answer is the library's times 1/n or times 2."""
    try:
        expect_array(got, expected, what, inputs=inputs)
    except Mismatch as mismatch:
        if isinstance(got, np.ndarray) and got.shape == expected.shape and np.any(expected):
            if n > 1 and np.allclose(got, expected / n, rtol=1e-9, atol=1e-12):
                raise Mismatch(f"{mismatch}\nIt equals the expected {what} divided by n = {n}: "
                               "the layer does not average; the loss's gradient already "
                               "carries the 1/n") from None  # fmt: skip
            if np.allclose(got, 2 * expected, rtol=1e-9, atol=1e-12):
                raise Mismatch(f"{mismatch}\nIt is twice the expected {what}: backward adds to "
                               "the gradient (+=) instead of overwriting it (=)") from None  # fmt: skip
        raise


def _dense_pair(cls: type, W: np.ndarray, b: np.ndarray) -> tuple:
    """The reader's layer and the library's, both holding ``W`` and ``b`` (float64)."""
    n_in, n_out = W.shape
    layer = call(
        cls, n_in, n_out, 0, dtype=np.float64, what=f"{cls.__name__}({n_in}, {n_out}, rng)"
    )
    reference = Dense(n_in, n_out, 0, dtype=np.float64)
    for target in (layer, reference):
        target.W.data[...] = W
        target.b.data[...] = b
    return layer, reference


def _normal(rng: np.random.Generator, *shapes: tuple[int, ...]) -> list[np.ndarray]:
    """One standard-normal array per shape."""
    return [rng.normal(size=shape) for shape in shapes]


def _output_weighted_sum(forward: object, R: np.ndarray) -> object:
    """J = sum(forward() * R): a cost whose gradient with respect to the output is R."""
    return float(np.sum(forward() * R))


@exercise("dense", title="A dense layer, forward and backward", page="book/part2/matrix_form.md",
          defines="Dense", reference=Dense, methods=("forward", "backward"))  # fmt: skip
def _dense(cls: object, report: Report) -> None:
    X, W, b = (np.array(a) for a in (cases.DENSE_X, cases.DENSE_W, cases.DENSE_B))
    dZ = np.array(cases.DENSE_DZ)
    inputs = f"X = {cases.DENSE_X}, W = {cases.DENSE_W}, b = {cases.DENSE_B}"
    with report.case("hand case: forward, Z = X W + b"):
        layer, _ = _dense_pair(cls, W, b)
        expect_array(call(layer.forward, X, what="forward(X)"), np.array(cases.DENSE_Z), "Z",
                     inputs=inputs)  # fmt: skip
    with report.case(f"hand case: backward with dZ = {cases.DENSE_DZ}"):
        layer, _ = _dense_pair(cls, W, b)
        call(layer.forward, X, what="forward(X)")
        dX = call(layer.backward, dZ, what="backward(dZ)")
        expect_array(layer.W.grad, np.array(cases.DENSE_DW), "W.grad", inputs=inputs)
        expect_array(layer.b.grad, np.array(cases.DENSE_DB), "b.grad", inputs=inputs)
        expect_array(dX, np.array(cases.DENSE_DX), "the returned dX", inputs=inputs)
    rng = generator("dense")
    with report.case("finite differences of J = sum(Z * R) for W.grad, b.grad and dX"):
        X, W, b, R = _normal(rng, (4, 3), (3, 2), (2,), (4, 2))
        layer, reference = _dense_pair(cls, W, b)
        call(layer.forward, X, what="forward(X)")
        dX = call(layer.backward, R, what="backward(dZ)")

        def cost_of_W(V: np.ndarray) -> float:
            reference.W.data[...] = V
            return _output_weighted_sum(lambda: reference.forward(X), R)

        expect_gradient(layer.W.grad, cost_of_W, W, "W.grad")
        reference.W.data[...] = W

        def cost_of_b(c: np.ndarray) -> float:
            reference.b.data[...] = c
            return _output_weighted_sum(lambda: reference.forward(X), R)

        expect_gradient(layer.b.grad, cost_of_b, b, "b.grad")
        reference.b.data[...] = b
        expect_gradient(
            dX, lambda V: _output_weighted_sum(lambda: reference.forward(V), R), X, "dX"
        )
    for n, d_in, d_out in [(1, 1, 1), (4, 3, 2), (7, 5, 3)]:
        with report.case(
            f"same as the library: X of shape {(n, d_in)}, W of shape {(d_in, d_out)}"
        ):
            X, W, b = (
                rng.normal(size=(n, d_in)),
                rng.normal(size=(d_in, d_out)),
                rng.normal(size=d_out),
            )
            dZ = rng.normal(size=(n, d_out))
            layer, reference = _dense_pair(cls, W, b)
            shapes = f"X of shape {(n, d_in)}, W of shape {(d_in, d_out)}"
            expect_array(
                call(layer.forward, X, what="forward(X)"), reference.forward(X), "Z", inputs=shapes
            )
            dX = call(layer.backward, dZ, what="backward(dZ)")
            expected_dX = reference.backward(dZ)
            _expect_gradient_like(layer.W.grad, reference.W.grad, "W.grad", shapes, n)
            _expect_gradient_like(layer.b.grad, reference.b.grad, "b.grad", shapes, n)
            expect_array(dX, expected_dX, "the returned dX", inputs=shapes)
    with report.case("backward overwrites the gradients (a second call gives the same W.grad)"):
        X, W, b, dZ = _normal(rng, (3, 2), (2, 2), (2,), (3, 2))
        layer, reference = _dense_pair(cls, W, b)
        call(layer.forward, X, what="forward(X)")
        call(layer.backward, dZ, what="backward(dZ)")
        call(layer.backward, dZ, what="backward(dZ), called twice")
        reference.forward(X)
        reference.backward(dZ)
        _expect_gradient_like(layer.W.grad, reference.W.grad, "W.grad after two backward calls",
                              "the same dZ twice", 1)  # fmt: skip
    with report.case("inside a network: Dense -> Tanh -> your Dense -> Dense, every gradient"):
        W, b = rng.normal(size=(4, 4)), rng.normal(size=4)
        layer, reference = _dense_pair(cls, W, b)
        expect_same_in_network(layer, reference, rng, width=4)


@exercise(
    "softmax",
    title="A stable softmax",
    page="book/part2/layers.md",
    defines="softmax",
    reference=softmax,
    library=(softmax, log_softmax),
)
def _softmax(fn: object, report: Report) -> None:
    for Z, expected in cases.SOFTMAX:
        with report.case(f"hand case: softmax({show(np.array(Z))}) = {show(np.array(expected))}"):
            got = call(fn, np.array(Z), what=f"softmax({show(np.array(Z))})")
            expect_array(got, np.array(expected), "softmax(Z)", inputs=f"Z = {show(np.array(Z))}")
    rng = generator("softmax")
    with report.case("every row sums to 1 (Z of shape (6, 4))"):
        Z = rng.normal(0, 3, (6, 4))
        got = call(fn, Z, what="softmax(Z)")
        expect(isinstance(got, np.ndarray) and got.shape == Z.shape,
               f"softmax(Z) for Z of shape (6, 4) is {type(got).__name__} of shape "
               f"{np.shape(got)}; expected an array of shape (6, 4)")  # fmt: skip
        expect_array(got.sum(axis=1), np.ones(6), "the row sums of softmax(Z)",
                     inputs="Z of shape (6, 4)")  # fmt: skip
    with report.case("law: adding a constant to a row changes nothing"):
        Z = rng.normal(0, 3, (5, 3))
        shifted = call(fn, Z + rng.normal(0, 10, (5, 1)), what="softmax(Z + c)")
        expect_array(shifted, call(fn, Z, what="softmax(Z)"), "softmax(Z + c)",
                     inputs="Z of shape (5, 3), against softmax(Z)")  # fmt: skip
    with report.case("rows of very different scale: each row is shifted by its own maximum"):
        Z = np.array([[0.0, 1.0, 2.0], [1000.0, 1001.0, 999.0], [-1000.0, -998.0, -999.0]])
        written = "Z = [[0, 1, 2], [1000, 1001, 999], [-1000, -998, -999]]"
        expect_array(call(fn, Z, what=f"softmax({written})"), softmax(Z), "softmax(Z)",
                     inputs=f"{written} (shift each row by its own max: Z.max(axis=1, keepdims=True))")  # fmt: skip
    shapes = [(1, 2), (4, 3), (6, 10)]
    draws = [(f"random Z of shape {shape}", (rng.normal(0, 5, shape),)) for shape in shapes]
    same_as_library(report, fn, softmax, draws, "softmax(Z)")


@exercise(
    "softmax_cross_entropy_gradient",
    title="The fused softmax-cross-entropy gradient",
    page="book/part2/layers.md",
    defines="softmax_cross_entropy_gradient",
    reference=losses.softmax_cross_entropy_gradient,
    library=(losses.softmax_cross_entropy_gradient, SoftmaxCrossEntropy.backward),
)
def _softmax_ce_gradient(fn: object, report: Report) -> None:
    Z, y, expected = cases.SOFTMAX_CROSS_ENTROPY_GRADIENT
    with report.case(f"hand case: Z = {show(np.array(Z))}, y = {y}"):
        got = call(fn, np.array(Z), np.array(y), what="softmax_cross_entropy_gradient(Z, y)")
        expect_array(got, np.array(expected), "dJ/dZ", inputs=f"Z = {show(np.array(Z))}, y = {y}")
    rng = generator("softmax_cross_entropy_gradient")
    with report.case(
        "finite difference of the library's softmax cross-entropy (Z of shape (5, 3))"
    ):
        Z, y = rng.normal(0, 2, (5, 3)), rng.integers(0, 3, 5)
        got = call(fn, Z, y, what="softmax_cross_entropy_gradient(Z, y)")
        expect_gradient(got, lambda V: losses.softmax_cross_entropy(V, y), Z, "dJ/dZ")
    with report.case("logits of +-1000: a stable softmax inside, no NaN"):
        Z, y = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 999.0]]), np.array([0, 2])
        written = "Z = [[1000, 0, -1000], [-1000, 1000, 999]], y = [0, 2]"
        got = call(fn, Z, y, what=f"softmax_cross_entropy_gradient({written})")
        expect_array(got, losses.softmax_cross_entropy_gradient(Z, y), "dJ/dZ",
                     inputs=f"{written} (use a softmax shifted by each row's maximum)")  # fmt: skip
    draws = []
    for n, k in [(1, 2), (4, 3), (9, 10)]:
        y = rng.integers(0, k, n)
        draws.append((f"Z of shape {(n, k)}, y = {y.tolist()}", (rng.normal(0, 3, (n, k)), y)))
    same_as_library(report, fn, losses.softmax_cross_entropy_gradient, draws, "dJ/dZ")


def _network(rng: np.random.Generator, widths: list[int]) -> list:
    """Library layers Dense -> Tanh -> Dense -> ... (float64) with the given widths."""
    layers = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(widths)):
        if i:
            layers.append(Tanh())
        layers.append(Dense(n_in, n_out, rng, dtype=np.float64))
    return layers


def _sequential_pair(cls: type, layers: list) -> tuple:
    model = call(cls, copy.deepcopy(layers), what=f"{cls.__name__}(layers)")
    return model, Sequential(copy.deepcopy(layers))


@exercise(
    "sequential_backward",
    title="The backward loop of Sequential",
    page="book/part2/backprop_layers.md",
    defines="Sequential",
    reference=Sequential,
    library=(Sequential.backward,),
    methods=("backward",),
)
def _sequential_backward(cls: object, report: Report) -> None:
    with report.case("hand case: x = 1 through two one-unit layers with weights 2 and 3"):
        first, second = (Dense(1, 1, 0, init="zeros", dtype=np.float64) for _ in range(2))
        first.W.data[...], second.W.data[...] = cases.CHAIN_WEIGHTS
        model, _ = _sequential_pair(cls, [first, second])
        call(model.forward, np.ones((1, 1)), what="forward(X)")
        dX = call(model.backward, np.ones((1, 1)), what="backward(dA)")
        expected = cases.CHAIN_GRADIENTS
        inputs = "weights 2 then 3, x = 1, dA = 1"
        expect_array(
            model.layers[0].W.grad, np.array([[expected["W1"]]]), "layers[0].W.grad", inputs=inputs
        )
        expect_array(
            model.layers[1].W.grad, np.array([[expected["W2"]]]), "layers[1].W.grad", inputs=inputs
        )
        expect_array(dX, np.array([[expected["dX"]]]), "the returned dX", inputs=inputs)
    rng = generator("sequential_backward")
    with report.case("finite difference of J = sum(output * R) for the first layer's W.grad"):
        layers = _network(rng, [3, 4, 2])
        X, R = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
        model, reference = _sequential_pair(cls, layers)
        call(model.forward, X, what="forward(X)")
        call(model.backward, R, what="backward(dA)")
        W = reference.layers[0].W.data

        def cost(V: np.ndarray) -> float:
            saved = W.copy()
            W[...] = V
            value = float(np.sum(reference.forward(X) * R))
            W[...] = saved
            return value

        expect_gradient(model.layers[0].W.grad, cost, W.copy(), "layers[0].W.grad")
    for widths in ([2, 3], [3, 4, 2], [4, 5, 5, 3]):
        with report.case(f"same as the library on a network of widths {widths}"):
            layers = _network(rng, widths)
            X, dA = rng.normal(size=(6, widths[0])), rng.normal(size=(6, widths[-1]))
            model, reference = _sequential_pair(cls, layers)
            call(model.forward, X, what="forward(X)")
            reference.forward(X)
            dX = call(model.backward, dA, what="backward(dA)")
            expected_dX = reference.backward(dA)
            for i, (mine, theirs) in enumerate(zip(model.layers, reference.layers, strict=True)):
                for name in ("W", "b") if isinstance(theirs, Dense) else ():
                    expect_array(getattr(mine, name).grad, getattr(theirs, name).grad,
                                 f"layers[{i}].{name}.grad", inputs=f"widths {widths}")  # fmt: skip
            expect_array(dX, expected_dX, "the returned dX", inputs=f"widths {widths}")


@exercise(
    "he_normal",
    title="He initialization",
    page="book/part2/initialization.md",
    defines="he_normal",
    reference=initializers.he_normal,
)
def _he_normal(fn: object, report: Report) -> None:
    for shape in [(500, 100), (100, 500)]:
        fan_in = shape[0]
        with report.case(f"shape {shape}: mean 0 and variance 2 / fan_in = {2 / fan_in:g}"):
            W = call(fn, shape, np.random.default_rng(0), what=f"he_normal({shape}, rng)")
            expect(
                isinstance(W, np.ndarray),
                f"he_normal returned {type(W).__name__}; expected a numpy.ndarray",
            )
            expect(
                W.shape == shape, f"he_normal({shape}, rng) has shape {W.shape}; expected {shape}"
            )
            variance, mean = float(W.var()), float(W.mean())
            reference = initialize("he_normal", shape, 0, dtype=np.float64)
            if not (
                abs(variance / float(reference.var()) - 1) < 0.05
                and abs(variance * fan_in / 2 - 1) < 0.05
            ):
                known = {1 / fan_in: "1 / fan_in (LeCun's variance, for tanh)",
                         2 / shape[1]: "2 / fan_out (fan_out = shape[1])"}  # fmt: skip
                cause = next((f": that is {name}" for value, name in known.items()
                              if abs(variance / value - 1) < 0.05), "")  # fmt: skip
                raise Mismatch(f"the weights of shape {shape} have variance {variance:.4g}; expected about "
                               f"2 / fan_in = {2 / fan_in:.4g} (fan_in = shape[0] = {fan_in}){cause}")  # fmt: skip
            expect(abs(mean) < 5 * np.sqrt(2 / fan_in / W.size),
                   f"the weights of shape {shape} have mean {mean:.3g}; expected about 0")  # fmt: skip
    with report.case(
        "Gaussian: about 4.6% of the weights lie beyond two of their standard deviations"
    ):
        W = call(fn, (400, 400), np.random.default_rng(1), what="he_normal((400, 400), rng)")
        expect(isinstance(W, np.ndarray) and W.shape == (400, 400),
               f"he_normal((400, 400), rng) is {type(W).__name__} of shape {np.shape(W)}")  # fmt: skip
        library_W = initialize("he_normal", (400, 400), 1, dtype=np.float64)
        tail = float(np.mean(np.abs(W - W.mean()) > 2 * W.std()))
        expected = float(np.mean(np.abs(library_W) > 2 * library_W.std()))
        expect(abs(tail - expected) < 0.01,
               f"{100 * tail:.2f}% of the weights lie beyond two of their standard deviations; a "
               f"normal distribution puts about {100 * expected:.2f}% there: the weights are not "
               "normally distributed (draw them with rng.standard_normal or rng.normal)")  # fmt: skip
    with report.case("draws from rng: two generators with the same seed give the same weights"):
        first = call(fn, (3, 4), np.random.default_rng(7), what="he_normal((3, 4), rng)")
        second = call(fn, (3, 4), np.random.default_rng(7), what="he_normal((3, 4), rng)")
        other = call(fn, (3, 4), np.random.default_rng(8), what="he_normal((3, 4), rng)")
        expect(np.array_equal(first, second),
               "two generators seeded alike gave different weights: draw from rng, not np.random")  # fmt: skip
        expect(
            not np.array_equal(first, other),
            "generators with different seeds gave the same weights",
        )

"""Tests of nnfs_lib.autodiff: Value, its operations, backward, topological_order, graph_size."""

from __future__ import annotations

import ast
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import nnfs_lib as nn
from nnfs_lib import Value, graph_size, neuron_gradients, topological_order

MODULE = Path(__file__).resolve().parents[2] / "nnfs_lib" / "autodiff.py"
H = 1e-6  # central-difference step (float64)


def grads(f: Callable[..., Value], *xs: float) -> tuple[float, list[float]]:
    """Value of f at xs and its gradients by backward()."""
    leaves = [Value(x) for x in xs]
    out = f(*leaves)
    out.backward()
    return out.data, [leaf.grad for leaf in leaves]


def central(f: Callable[..., Value], *xs: float) -> list[float]:
    """Central finite differences of f at xs, one input at a time."""
    result = []
    for i in range(len(xs)):
        up = [Value(x + H * (j == i)) for j, x in enumerate(xs)]
        down = [Value(x - H * (j == i)) for j, x in enumerate(xs)]
        result.append((f(*up).data - f(*down).data) / (2 * H))
    return result


# ---- hand-computed cases: value and gradient of every operation ------------------

HAND = [
    # (name, f, inputs, value, gradients)
    ("add", lambda a, b: a + b, (2.0, -3.0), -1.0, [1.0, 1.0]),
    ("sub", lambda a, b: a - b, (2.0, -3.0), 5.0, [1.0, -1.0]),
    ("mul", lambda a, b: a * b, (2.0, -3.0), -6.0, [-3.0, 2.0]),
    ("div", lambda a, b: a / b, (3.0, 2.0), 1.5, [0.5, -0.75]),
    ("pow", lambda a: a**3, (2.0,), 8.0, [12.0]),
    ("pow_negative", lambda a: a**-1, (2.0,), 0.5, [-0.25]),
    ("pow_half", lambda a: a**0.5, (4.0,), 2.0, [0.25]),
    ("neg", lambda a: -a, (2.0,), -2.0, [-1.0]),
    ("exp", lambda a: a.exp(), (0.0,), 1.0, [1.0]),
    ("log", lambda a: a.log(), (2.0,), math.log(2.0), [0.5]),
    ("tanh", lambda a: a.tanh(), (0.0,), 0.0, [1.0]),
    ("relu_positive", lambda a: a.relu(), (3.0,), 3.0, [1.0]),
    ("relu_negative", lambda a: a.relu(), (-3.0,), 0.0, [0.0]),
    ("relu_at_zero", lambda a: a.relu(), (0.0,), 0.0, [0.0]),
    ("sigmoid", lambda a: a.sigmoid(), (0.0,), 0.5, [0.25]),
    ("radd", lambda a: 2 + a, (3.0,), 5.0, [1.0]),
    ("rsub", lambda a: 2 - a, (3.0,), -1.0, [-1.0]),
    ("rmul", lambda a: 2 * a, (3.0,), 6.0, [2.0]),
    ("rtruediv", lambda a: 6 / a, (3.0,), 2.0, [-6.0 / 9.0]),
]


@pytest.mark.parametrize(("name", "f", "xs", "value", "expected"), HAND, ids=[h[0] for h in HAND])
def test_every_operation_by_hand(name, f, xs, value, expected) -> None:
    out, got = grads(f, *xs)
    assert out == pytest.approx(value, abs=1e-15)
    assert got == pytest.approx(expected, abs=1e-15)


def test_local_derivatives_are_stored_next_to_the_result() -> None:
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    assert c.parents == (a, b) and c.local_grads == (-3.0, 2.0) and c.op == "*"
    t = a.tanh()
    assert t.local_grads == pytest.approx((1 - math.tanh(2.0) ** 2,))


# ---- central finite differences: every operation, then composite graphs ----------

POINTS = [
    ("add", lambda a, b: a + b, (0.7, -1.3)),
    ("sub", lambda a, b: a - b, (0.7, -1.3)),
    ("mul", lambda a, b: a * b, (0.7, -1.3)),
    ("div", lambda a, b: a / b, (0.7, -1.3)),
    ("pow_int", lambda a: a**3, (-0.7,)),
    ("pow_float", lambda a: a**2.5, (1.3,)),
    ("pow_negative", lambda a: a**-2, (-0.7,)),
    ("neg", lambda a: -a, (0.7,)),
    ("exp", lambda a: a.exp(), (0.7,)),
    ("log", lambda a: a.log(), (0.7,)),
    ("tanh", lambda a: a.tanh(), (0.7,)),
    ("relu", lambda a: a.relu(), (0.7,)),
    ("relu_negative", lambda a: a.relu(), (-0.7,)),
    ("sigmoid", lambda a: a.sigmoid(), (-0.7,)),
    ("reflected", lambda a: (1 - a) / (2 + 3 * a) + 4 / a, (0.7,)),
    # fan-out: x is used three times; its gradient is the sum of three paths
    ("fan_out", lambda x: x * x + x, (0.7,)),
    # a reused intermediate node: y feeds both terms
    ("reused_node", lambda x, w: (lambda y: y * y + y.tanh())(x * w), (0.7, -1.3)),
    # diamond: x -> (x + 1, 2x) -> product
    ("diamond", lambda x: (x + 1) * (x * 2), (0.7,)),
    (
        "deep",
        lambda x, y: ((x * y).sigmoid() + (x - y).exp()).log() ** 2 / (1 + y.relu()),
        (0.3, 0.9),
    ),
]


@pytest.mark.parametrize(("name", "f", "xs"), POINTS, ids=[p[0] for p in POINTS])
def test_gradients_match_central_differences(name, f, xs) -> None:
    _, got = grads(f, *xs)
    np.testing.assert_allclose(got, central(f, *xs), rtol=1e-7, atol=1e-9)


def test_random_composite_against_central_differences(rng) -> None:
    xs = rng.uniform(0.2, 1.5, size=4)

    def f(a: Value, b: Value, c: Value, d: Value) -> Value:
        s = a * b + c  # s is used twice below
        return (s.tanh() * d - s / (1 + d.exp())).sigmoid() + (a + c).log() * b**2

    _, got = grads(f, *xs)
    np.testing.assert_allclose(got, central(f, *xs), rtol=1e-7, atol=1e-9)


def test_fan_out_gradients_add_by_hand() -> None:
    # f = x*x + x at x = 3: df/dx = 2x + 1 = 7 (three uses of x)
    _, (g,) = grads(lambda x: x * x + x, 3.0)
    assert g == 7.0
    # diamond at x = 1: f = (x + 1) * 2x, df/dx = 2x + 2(x + 1) = 6
    _, (g,) = grads(lambda x: (x + 1) * (x * 2), 1.0)
    assert g == 6.0


def test_sigmoid_does_not_overflow() -> None:
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(1000.0).sigmoid().data == 1.0
    assert Value(-30.0).sigmoid().data == pytest.approx(1 / (1 + math.exp(30.0)), rel=1e-14)


# ---- agreement with the library's own backpropagation ---------------------------


def neuron_cost_graph(X, y, w, b, loss):
    """The cost of nnfs_lib's neuron, built from Values (mean over the rows of X)."""
    n = len(X)
    total = Value(0.0)
    for x_i, y_i in zip(X.tolist(), y.tolist(), strict=True):
        z = sum((w_j * x_j for w_j, x_j in zip(w, x_i, strict=True)), b)
        a = z.sigmoid()
        if loss == "bce":
            total = total - (y_i * a.log() + (1 - y_i) * (1 - a).log())
        else:
            total = total + (a - y_i) ** 2
    return total / n


@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_agrees_with_neuron_gradients(rng, loss) -> None:
    X = rng.normal(size=(6, 3))
    y = rng.integers(0, 2, size=6)
    w0, b0 = rng.normal(size=3), float(rng.normal())
    w = [Value(float(v)) for v in w0]
    b = Value(b0)
    cost = neuron_cost_graph(X, y, w, b, loss)
    cost.backward()
    dw, db = neuron_gradients(X, y, w0, b0, loss=loss)
    assert cost.data == pytest.approx(nn.neuron_cost(X, y, w0, b0, loss), rel=1e-12)
    np.testing.assert_allclose([v.grad for v in w], dw, rtol=1e-10, atol=1e-14)
    assert b.grad == pytest.approx(db, rel=1e-10, abs=1e-14)


def test_agrees_with_a_two_layer_network(rng) -> None:
    X = rng.normal(size=(5, 3))
    y = rng.integers(0, 2, size=5)
    net = nn.build_mlp([3, 4, 2], rng, activation="tanh", dtype=np.float64)
    loss = nn.SoftmaxCrossEntropy()
    cost = loss.forward(net.forward(X), y)
    net.backward(loss.backward())
    first, second = net.layers[0], net.layers[2]
    W1 = [[Value(float(v)) for v in row] for row in first.W.data]
    b1 = [Value(float(v)) for v in first.b.data]
    W2 = [[Value(float(v)) for v in row] for row in second.W.data]
    b2 = [Value(float(v)) for v in second.b.data]
    total = Value(0.0)
    for x_i, y_i in zip(X.tolist(), y.tolist(), strict=True):
        A1 = [sum((W1[j][k] * x_i[j] for j in range(3)), b1[k]).tanh() for k in range(4)]
        Z2 = [sum((W2[k][c] * A1[k] for k in range(4)), b2[c]) for c in range(2)]
        total = total + (sum(z.exp() for z in Z2).log() - Z2[y_i])
    J = total / len(X)
    J.backward()
    assert J.data == pytest.approx(cost, rel=1e-12)
    ours = [W1, b1, W2, b2]
    for theirs, mine in zip(net.parameters(), ours, strict=True):
        got = np.array(
            [[v.grad for v in row] for row in mine]
            if theirs.data.ndim == 2
            else [v.grad for v in mine]
        )
        np.testing.assert_allclose(got, theirs.grad, rtol=1e-9, atol=1e-13)


# ---- errors ----------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["1.0", [1.0], None, True, np.array([1.0]), np.float32(1.0), 1j])
def test_a_non_number_operand_is_refused(bad) -> None:
    x = Value(1.0)
    for op in (
        lambda: x + bad,
        lambda: x - bad,
        lambda: x * bad,
        lambda: x / bad,
        lambda: bad - x if isinstance(bad, (str, bool)) else x.__rsub__(bad),
    ):
        with pytest.raises(TypeError, match="other operand must be a Value or a real number"):
            op()
    with pytest.raises(TypeError, match="data must be a real number"):
        Value(bad)


def test_a_numpy_scalar_gets_a_hint() -> None:
    with pytest.raises(TypeError, match=r"float\(\.\.\.\)"):
        Value(1.0) * np.float32(2.0)


def test_a_value_exponent_is_refused() -> None:
    with pytest.raises(TypeError, match="exponent of \\*\\* must be a number"):
        Value(2.0) ** Value(3.0)
    with pytest.raises(TypeError, match="exponent of \\*\\* must be a number"):
        2 ** Value(3.0)
    with pytest.raises(TypeError, match="exponent must be a real number"):
        Value(2.0) ** "3"


@pytest.mark.parametrize("x", [0.0, -1.0])
def test_log_of_a_non_positive_number(x) -> None:
    with pytest.raises(ValueError, match="log needs a positive number"):
        Value(x).log()


def test_power_domain() -> None:
    with pytest.raises(ValueError, match="negative base needs an integer exponent"):
        Value(-2.0) ** 0.5
    with pytest.raises(ValueError, match="0 \\*\\* p needs p >= 1"):
        Value(0.0) ** 0.5
    with pytest.raises(ValueError, match="0 \\*\\* p needs p >= 1"):
        Value(0.0) ** -1
    assert (Value(-2.0) ** 2.0).data == 4.0  # an integral float exponent is fine
    assert (Value(0.0) ** 1).local_grads == (1.0,)


def test_division_by_zero() -> None:
    with pytest.raises(ZeroDivisionError):
        Value(1.0) / Value(0.0)
    with pytest.raises(ZeroDivisionError):
        1 / Value(0.0)


def test_parents_and_local_grads_must_match() -> None:
    with pytest.raises(ValueError, match="one local derivative per parent"):
        Value(1.0, (Value(2.0),), ())


def test_topological_order_needs_a_value() -> None:
    with pytest.raises(TypeError, match="root must be a Value"):
        topological_order(1.0)


# ---- topological order, backward's contract, counts ------------------------------


def random_graph(rng, n_ops: int) -> Value:
    nodes = [Value(float(v)) for v in rng.uniform(0.5, 1.5, size=4)]
    for _ in range(n_ops):
        a, b = (nodes[int(i)] for i in rng.integers(0, len(nodes), size=2))
        nodes.append([a + b, a * b, (a * b).tanh(), a - b][int(rng.integers(0, 4))])
    return sum(nodes[-5:], Value(0.0))


def test_topological_order_puts_every_node_after_its_parents(rng) -> None:
    root = random_graph(rng, 60)
    order = topological_order(root)
    position = {id(node): i for i, node in enumerate(order)}
    assert len(position) == len(order), "a node appears twice"
    assert order[-1] is root
    for node in order:
        for parent in node.parents:
            assert position[id(parent)] < position[id(node)]


def test_topological_order_of_a_diamond_by_hand() -> None:
    x = Value(1.0)
    a, b = x + 1, x * 2
    f = a * b
    order = topological_order(f)
    pos = {id(node): i for i, node in enumerate(order)}
    assert pos[id(x)] < min(pos[id(a)], pos[id(b)]) and order[-1] is f
    assert len(order) == 6  # x, the constants 1 and 2, a, b, f


def test_topological_order_of_a_deep_graph_needs_no_recursion() -> None:
    x = Value(1.0)
    y = x
    for _ in range(5000):
        y = y * 1.0
    assert len(topological_order(y)) == 1 + 2 * 5000
    y.backward()
    assert x.grad == 1.0


def test_backward_overwrites_instead_of_accumulating() -> None:
    x = Value(3.0)
    f = x * x
    f.backward()
    f.backward()
    assert x.grad == 6.0  # not 12: gradients are reset at the start of every call
    g = x * 10
    g.backward()
    assert x.grad == 10.0  # a shared node holds the gradient of the last output
    assert f.grad == 1.0  # nodes outside g's graph keep what f.backward() left


def test_backward_returns_one_step_per_edge(rng) -> None:
    root = random_graph(rng, 40)
    size = graph_size(root)
    assert root.backward() == size["edges"]


def test_graph_size_by_hand() -> None:
    x, w = Value(2.0), Value(3.0)
    f = (x * w + x).tanh()  # leaves x, w; operations *, +, tanh; edges 2 + 2 + 1
    assert graph_size(f) == {"nodes": 5, "leaves": 2, "operations": 3, "edges": 5}


def test_values_are_hashed_by_identity() -> None:
    a, b = Value(1.0), Value(1.0)
    assert a != b and len({a, b}) == 2 and a == a


def test_repr_shows_label_data_and_grad() -> None:
    assert repr(Value(0.5, label="w")) == "Value(w: data=0.5, grad=0)"


def test_the_module_imports_only_math() -> None:
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    imported = {
        alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names
    } | {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
    assert imported <= {"math", "__future__"}
    nested = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert len(nested) == len([n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))])


def test_the_module_runs_without_numpy() -> None:
    code = (
        "import sys, importlib.util\n"
        "sys.modules['numpy'] = None  # any import of NumPy now fails\n"
        f"spec = importlib.util.spec_from_file_location('autodiff', {str(MODULE)!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "x = m.Value(3.0); f = x * x; f.backward(); assert x.grad == 6.0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

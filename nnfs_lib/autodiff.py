r"""Reverse-mode automatic differentiation on scalars, in plain Python.

A :class:`Value` is one node of a computational graph (page "Computational graphs
and reverse-mode automatic differentiation", definition ``def-ad-graph``). Every
operation on values builds a new node that remembers its parents and the local
derivative of its result with respect to each parent (eq. ``eq-ad-locals``),
computed in the same line as the result: the forward rule and the rule the
backward pass needs sit side by side. :meth:`Value.backward` then visits the graph
in reverse topological order (definition ``def-ad-topo``) and applies one
chain-rule step per edge (eq. ``eq-ad-adjoint``, algorithm ``alg-ad-backward``).

The module imports only :mod:`math`, so it runs wherever Python runs, including a
browser's Python without NumPy.
"""

from __future__ import annotations

import math

Number = int | float


def _check_number(name: str, value: object, expected: str = "a real number") -> None:
    """Raise TypeError unless ``value`` is a real Python number (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"{name} must be {expected} (int or float); got "
            f"{type(value).__name__} {value!r}"
            + (" (convert it with float(...))" if hasattr(value, "__float__") else "")
        )


def _operand(value: Value | Number) -> Value:
    """``value`` itself if it is a Value, else a new constant leaf holding it."""
    if isinstance(value, Value):
        return value
    _check_number("the other operand", value, "a Value or a real number")
    return Value(value)


_VALUE_EXPONENT = (
    "the exponent of ** must be a number (int or float), not a Value; "
    "for a variable exponent write (exponent * base.log()).exp()"
)


def _check_power(base: float, exponent: object) -> None:
    """Raise unless ``base ** exponent`` and its derivative are real and finite."""
    if isinstance(exponent, Value):
        raise TypeError(_VALUE_EXPONENT)
    _check_number("the exponent", exponent)
    if base < 0 and exponent != int(exponent):
        raise ValueError(f"a negative base needs an integer exponent; got {base!r} ** {exponent!r}")
    if base == 0 and exponent < 1:
        raise ValueError(
            f"0 ** p needs p >= 1 (the derivative p * 0 ** (p - 1) is undefined); got p = {exponent!r}"
        )


def _check_positive(operation: str, x: float) -> None:
    """Raise ValueError unless ``x > 0``."""
    if not x > 0:
        raise ValueError(f"{operation} needs a positive number; got {x!r}")


class Value:
    r"""A scalar node of a computational graph, with its value and its gradient.

    Build a graph by combining values with ``+``, ``-``, ``*``, ``/``, ``**`` (a
    number as exponent), unary ``-`` and the methods :meth:`exp`, :meth:`log`,
    :meth:`tanh`, :meth:`relu`, :meth:`sigmoid`. Python numbers mix in on either
    side (``2 * x``, ``1 - x``) and become constant leaves. Each operation stores,
    next to its result, the local derivative of the result with respect to each
    parent (eq. ``eq-ad-locals``).

    Parameters
    ----------
    data : int or float
        The node's value, stored as a float.
    parents : tuple of Value, optional
        The nodes this one was computed from (empty for a leaf: an input, a
        parameter or a constant).
    local_grads : tuple of float, optional
        :math:`\partial v / \partial p` for each parent :math:`p`, in the same order.
    op : str, optional
        The operation that produced the node (``"+"``, ``"*"``, ``"tanh"``, ...);
        empty for a leaf.
    label : str, optional
        A name for figures and printing, e.g. ``"w1"``.

    Attributes
    ----------
    data : float
        The value computed by the forward pass.
    grad : float
        :math:`\bar v = \partial f / \partial v` for the output :math:`f` on which
        :meth:`backward` was last called; 0.0 before that.
    parents, local_grads, op, label
        As given.

    Raises
    ------
    TypeError
        If ``data`` is not an int or float (a bool or a NumPy array is refused),
        or if an operand of an operation is neither a Value nor such a number, or
        if the exponent of ``**`` is a Value.
    ValueError
        If ``parents`` and ``local_grads`` differ in length; if :meth:`log` gets a
        non-positive number; if ``**`` has a negative base and a non-integer
        exponent, or a zero base and an exponent below 1.
    ZeroDivisionError
        If ``/`` divides by a value equal to 0.

    Notes
    -----
    Values compare and hash by identity (``==`` is ``is``), so they can be
    collected in sets and dictionaries as graph nodes.
    """

    def __init__(
        self,
        data: Number,
        parents: tuple[Value, ...] = (),
        local_grads: tuple[float, ...] = (),
        op: str = "",
        label: str = "",
    ) -> None:
        _check_number("data", data)
        if len(parents) != len(local_grads):
            raise ValueError(
                f"need one local derivative per parent; got {len(parents)} parents and "
                f"{len(local_grads)} local derivatives"
            )
        self.data = float(data)
        self.grad = 0.0
        self.parents = tuple(parents)
        self.local_grads = tuple(float(g) for g in local_grads)
        self.op = op
        self.label = label

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    # Each operation: the result, then the local derivative for each parent.

    def __add__(self, other: Value | Number) -> Value:
        """``self + other``; local derivatives 1 and 1 (eq. ``eq-ad-locals``)."""
        other = _operand(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __sub__(self, other: Value | Number) -> Value:
        """``self - other``; local derivatives 1 and -1 (eq. ``eq-ad-locals``)."""
        other = _operand(other)
        return Value(self.data - other.data, (self, other), (1.0, -1.0), "-")

    def __mul__(self, other: Value | Number) -> Value:
        """``self * other``; each factor's local derivative is the other factor
        (eq. ``eq-ad-locals``)."""
        other = _operand(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __truediv__(self, other: Value | Number) -> Value:
        r"""``self / other``; local derivatives :math:`1/b` and :math:`-a/b^2`
        (eq. ``eq-ad-locals``). Raises ZeroDivisionError if ``other`` is 0."""
        a, b = self, _operand(other)
        return Value(a.data / b.data, (a, b), (1 / b.data, -a.data / b.data**2), "/")

    def __pow__(self, p: Number) -> Value:
        r"""``self ** p`` for a number ``p``; local derivative :math:`p\,x^{p-1}`
        (eq. ``eq-ad-locals``)."""
        _check_power(self.data, p)
        x = self.data
        return Value(x**p, (self,), (p * x ** (p - 1),), f"**{p:g}")

    def __neg__(self) -> Value:
        """``-self``; local derivative -1 (eq. ``eq-ad-locals``)."""
        return Value(-self.data, (self,), (-1.0,), "neg")

    def exp(self) -> Value:
        r""":math:`e^x`; local derivative :math:`e^x`, the result itself (eq. ``eq-ad-locals``)."""
        e = math.exp(self.data)
        return Value(e, (self,), (e,), "exp")

    def log(self) -> Value:
        r"""Natural logarithm :math:`\ln x` of a positive ``x``; local derivative
        :math:`1/x` (eq. ``eq-ad-locals``). Raises ValueError if ``x <= 0``."""
        _check_positive("log", self.data)
        return Value(math.log(self.data), (self,), (1 / self.data,), "log")

    def tanh(self) -> Value:
        r""":math:`\tanh x`; local derivative :math:`1 - \tanh^2 x` (eq. ``eq-ad-locals``)."""
        t = math.tanh(self.data)
        return Value(t, (self,), (1 - t * t,), "tanh")

    def relu(self) -> Value:
        r""":math:`\max(0, x)`; local derivative 1 where :math:`x > 0`, else 0
        (eq. ``eq-ad-locals``; 0 at :math:`x = 0`, as ``nnfs_lib.relu_derivative``)."""
        x = self.data
        return Value(max(0.0, x), (self,), (1.0 if x > 0 else 0.0,), "relu")

    def sigmoid(self) -> Value:
        r""":math:`\sigma(x) = 1/(1 + e^{-x})`; local derivative :math:`\sigma(x)(1 - \sigma(x))`
        (eq. ``eq-ad-locals``). Computed as :math:`e^{x}/(1+e^{x})` for negative
        ``x``, so ``exp`` never overflows."""
        e = math.exp(-abs(self.data))  # in (0, 1]
        s = 1 / (1 + e) if self.data >= 0 else e / (1 + e)
        return Value(s, (self,), (s * (1 - s),), "sigmoid")

    # Python numbers on the left: 2 * x, 1 - x, 1 / x.

    def __radd__(self, other: Number) -> Value:
        """``other + self`` for a number ``other``."""
        return _operand(other) + self

    def __rsub__(self, other: Number) -> Value:
        """``other - self`` for a number ``other``."""
        return _operand(other) - self

    def __rmul__(self, other: Number) -> Value:
        """``other * self`` for a number ``other``."""
        return _operand(other) * self

    def __rtruediv__(self, other: Number) -> Value:
        """``other / self`` for a number ``other``."""
        return _operand(other) / self

    def __rpow__(self, other: Number) -> Value:
        """Refused: ``number ** Value`` has a Value as exponent (TypeError)."""
        raise TypeError(_VALUE_EXPONENT)

    def backward(self) -> int:
        r"""Fill ``grad`` of every node of this graph with :math:`\partial\,\mathrm{self}/\partial\,\mathrm{node}`.

        Algorithm ``alg-ad-backward``: seed :math:`\bar f = 1` (eq. ``eq-ad-seed``),
        then visit the nodes in reverse topological order and add each node's
        gradient, times the local derivative, to each parent's (eq. ``eq-ad-adjoint``).
        A node used several times (fan-out) receives the sum of its contributions.

        Gradients are **overwritten, not accumulated across calls**: every node of
        the graph first gets ``grad = 0``, so calling ``backward`` twice gives the
        same gradients as calling it once, and a node shared with another graph
        holds the gradient of the last output ``backward`` was called on.

        Returns
        -------
        int
            The number of chain-rule steps taken: one per edge of the graph.
        """
        order = topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        steps = 0
        for node in reversed(order):
            for parent, local in zip(node.parents, node.local_grads, strict=True):
                parent.grad += local * node.grad
                steps += 1
        return steps


def topological_order(root: Value) -> list[Value]:
    r"""The nodes of the graph that computes ``root``, each after all of its parents.

    Definition ``def-ad-topo``: for every edge :math:`p \to v` of the graph,
    :math:`p` comes before :math:`v`. Each node appears once, however many times it
    is used, and ``root`` comes last. A depth-first search with an explicit stack
    (no recursion), so graphs of any depth work.

    Parameters
    ----------
    root : Value
        The output node.

    Returns
    -------
    list of Value
        Every node ``root`` depends on, and ``root`` itself, in topological order.

    Raises
    ------
    TypeError
        If ``root`` is not a Value.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value; got {type(root).__name__}")
    order: list[Value] = []
    seen: set[Value] = set()
    stack = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)  # all of its parents are already in order
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack.extend((parent, False) for parent in node.parents)
    return order


def graph_size(root: Value) -> dict[str, int]:
    r"""Count the graph that computes ``root``: what a forward and a backward pass cost.

    Parameters
    ----------
    root : Value
        The output node.

    Returns
    -------
    dict with int values
        ``"nodes"``: all nodes; ``"leaves"``: nodes without parents (inputs,
        parameters, constants); ``"operations"``: nodes made by an operation, one
        forward evaluation each; ``"edges"``: parent-to-child links, one local
        derivative each and one chain-rule step each in :meth:`Value.backward`
        (proposition ``prop-ad-cost``).
    """
    order = topological_order(root)
    operations = sum(1 for node in order if node.parents)
    return {
        "nodes": len(order),
        "leaves": len(order) - operations,
        "operations": operations,
        "edges": sum(len(node.parents) for node in order),
    }

"""Tests of nnfs_lib.activations: hand values, finite differences, laws, stability, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnfs_lib import activations as act
from nnfs_lib.gradcheck import numerical_gradient, relative_error
from nnfs_lib.validation import boundary, recording

LN3 = math.log(3.0)
LN2 = math.log(2.0)

FUNCTIONS = [
    act.step,
    act.sigmoid,
    act.sigmoid_derivative,
    act.tanh,
    act.tanh_derivative,
    act.relu,
    act.relu_derivative,
    act.leaky_relu,
    act.leaky_relu_derivative,
]

PAIRS = [
    ("sigmoid", act.sigmoid, act.sigmoid_derivative),
    ("tanh", act.tanh, act.tanh_derivative),
    ("relu", act.relu, act.relu_derivative),
    ("leaky_relu", act.leaky_relu, act.leaky_relu_derivative),
    (
        "leaky_relu_0.2",
        lambda z: act.leaky_relu(z, 0.2),
        lambda z: act.leaky_relu_derivative(z, 0.2),
    ),
]

finite_arrays = arrays(
    np.float64,
    st.integers(1, 20),
    elements=st.floats(-50, 50, allow_nan=False, allow_infinity=False),
)


# ---------------------------------------------------------------- hand values
def test_step_hand_values():
    np.testing.assert_array_equal(act.step([-1.0, 0.0, 2.5]), [0.0, 1.0, 1.0])


def test_sigmoid_hand_values():
    # sigma(ln 3) = 1 / (1 + 1/3) = 3/4, sigma(-ln 3) = 1/4, sigma(0) = 1/2
    np.testing.assert_allclose(act.sigmoid([-LN3, 0.0, LN3]), [0.25, 0.5, 0.75], rtol=1e-15)


def test_sigmoid_derivative_hand_values():
    # sigma'(ln 3) = 3/4 * 1/4 = 3/16; sigma'(0) = 1/4
    np.testing.assert_allclose(
        act.sigmoid_derivative([-LN3, 0.0, LN3]), [3 / 16, 0.25, 3 / 16], rtol=1e-14
    )


def test_tanh_hand_values():
    # tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 3/5
    np.testing.assert_allclose(act.tanh([-LN2, 0.0, LN2]), [-0.6, 0.0, 0.6], rtol=1e-14)


def test_tanh_derivative_hand_values():
    np.testing.assert_allclose(act.tanh_derivative([0.0, LN2]), [1.0, 0.64], rtol=1e-14)


def test_relu_hand_values():
    np.testing.assert_array_equal(act.relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(act.relu_derivative([-2.0, 0.0, 3.0]), [0.0, 0.0, 1.0])


def test_leaky_relu_hand_values():
    np.testing.assert_allclose(act.leaky_relu([-2.0, 0.0, 3.0], 0.1), [-0.2, 0.0, 3.0])
    np.testing.assert_allclose(act.leaky_relu_derivative([-2.0, 0.0, 3.0], 0.1), [0.1, 0.1, 1.0])
    np.testing.assert_allclose(act.leaky_relu([-100.0]), [-1.0])  # default alpha 0.01


# ------------------------------------------------------- finite differences
@pytest.mark.parametrize(("name", "g", "g_prime"), PAIRS, ids=[p[0] for p in PAIRS])
def test_derivative_matches_central_difference(name, g, g_prime):
    z = np.linspace(-6.0, 6.0, 97)
    z = z[np.abs(z) > 1e-3]  # away from the kink of ReLU and leaky ReLU
    numeric = numerical_gradient(lambda v: np.sum(g(v)), z)
    assert relative_error(g_prime(z), numeric) < 1e-7


@pytest.mark.parametrize("z", [40.0, -40.0, 200.0])
def test_sigmoid_derivative_accurate_in_the_tails(z):
    # The exact value e^{-|z|} / (1 + e^{-|z|})^2; the naive s * (1 - s) gives 0 at z = +40.
    e = math.exp(-abs(z))
    expected = e / (1 + e) ** 2
    np.testing.assert_allclose(act.sigmoid_derivative(np.array([z])), [expected], rtol=1e-12)


# ---------------------------------------------------------------- stability
def test_sigmoid_stable_at_plus_minus_1000():
    with np.errstate(over="raise", invalid="raise"):  # overflow or NaN would raise
        s = act.sigmoid(np.array([-1000.0, 1000.0]))
    assert np.all(np.isfinite(s))
    np.testing.assert_array_equal(s, [0.0, 1.0])


def test_sigmoid_stable_in_float32():
    with np.errstate(over="raise", invalid="raise"):
        s = act.sigmoid(np.array([-1000.0, -80.0, 1000.0], dtype=np.float32))
    assert s.dtype == np.float32
    np.testing.assert_array_equal(s[[0, 2]], np.array([0.0, 1.0], dtype=np.float32))
    np.testing.assert_allclose(s[1], math.exp(-80.0), rtol=1e-6)  # e^-80 is still normal


def test_sigmoid_keeps_relative_accuracy_for_very_negative_z():
    e = math.exp(-700.0)
    np.testing.assert_allclose(act.sigmoid(np.array([-700.0])), [e / (1 + e)], rtol=1e-13)


# ---------------------------------------------------------------- properties
@given(finite_arrays)
def test_sigmoid_symmetry(z):
    np.testing.assert_allclose(act.sigmoid(-z), 1 - act.sigmoid(z), rtol=0, atol=1e-15)


@given(finite_arrays)
def test_tanh_is_odd(z):
    np.testing.assert_array_equal(act.tanh(-z), -act.tanh(z))


@given(finite_arrays)
def test_tanh_is_a_rescaled_sigmoid(z):
    np.testing.assert_allclose(act.tanh(z), 2 * act.sigmoid(2 * z) - 1, rtol=0, atol=1e-14)


@given(finite_arrays)
def test_relu_difference_law(z):
    np.testing.assert_array_equal(act.relu(z) - act.relu(-z), z)


@given(finite_arrays, st.floats(0, 0.99))
def test_leaky_relu_difference_law(z, alpha):
    np.testing.assert_allclose(
        act.leaky_relu(z, alpha) - act.leaky_relu(-z, alpha), (1 + alpha) * z, rtol=1e-12
    )


@given(finite_arrays)
def test_values_in_range(z):
    for name, row in act.ACTIVATIONS.items():  # the ranges the table states
        (low, high), (d_low, d_high) = row.range, row.derivative_range
        a, d = row.function(z), row.derivative(z)
        assert np.all((a >= low) & (a <= high)), name
        assert np.all((d >= d_low) & (d <= d_high)), name
    assert set(np.unique(act.step(z))) <= {0.0, 1.0}


def test_stated_bounds_are_tight():
    # sigma'(0) = 1/4 and tanh'(0) = 1; sigma and tanh reach their bounds in floating point.
    z = np.array([-40.0, 0.0, 40.0])
    for name, row in act.ACTIVATIONS.items():
        a, d = row.function(z), row.derivative(z)
        assert d.max() == row.derivative_range[1], name
        for bound, reached in zip(row.range, (a.min(), a.max()), strict=True):
            assert np.isinf(bound) or np.isclose(reached, bound), name


@pytest.mark.parametrize("g", FUNCTIONS, ids=lambda g: g.__name__)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_and_shape_preserved(g, dtype):
    z = np.linspace(-3, 3, 12, dtype=dtype).reshape(3, 4)
    out = g(z)
    assert out.dtype == dtype
    assert out.shape == (3, 4)


@pytest.mark.parametrize("g", FUNCTIONS, ids=lambda g: g.__name__)
def test_checks_run_once_at_the_outermost_call(g):
    z = np.linspace(-3, 3, 7)
    with recording() as checked:
        g(z)  # called by a reader: z checked once, even where g calls another activation
    assert [name for name, _ in checked] in (["z"], ["z", "alpha"])
    with recording() as checked:
        boundary(g)(z)  # called from inside a checked call (e.g. by its layer): trusted
    assert checked == []


def test_integers_become_float64():
    assert act.relu([1, -2]).dtype == np.float64


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize("g", FUNCTIONS, ids=lambda g: g.__name__)
def test_non_finite_inputs_are_not_refused(g):
    # The module leaves finiteness to the network's entry point: NaN and inf pass through.
    out = g(np.array([0.0, np.nan, np.inf, -np.inf]))
    assert out.shape == (4,)
    assert out[0] == g(np.array([0.0]))[0]


@pytest.mark.parametrize("g", FUNCTIONS, ids=lambda g: g.__name__)
def test_empty_rejected(g):
    with pytest.raises(ValueError, match="z must not be empty"):
        g(np.array([]))


@pytest.mark.parametrize("g", FUNCTIONS, ids=lambda g: g.__name__)
def test_bool_rejected(g):
    with pytest.raises(TypeError, match="z must hold real numbers"):
        g(np.array([True, False]))


def test_strings_rejected():
    with pytest.raises(TypeError, match="z must hold real numbers"):
        act.sigmoid(["a", "b"])


@pytest.mark.parametrize("alpha", [-0.1, 1.0, 2.0])
@pytest.mark.parametrize("g", [act.leaky_relu, act.leaky_relu_derivative])
def test_alpha_out_of_range(g, alpha):
    with pytest.raises(ValueError, match=r"alpha must be in \[0, 1\)"):
        g(np.ones(2), alpha)


def test_alpha_not_a_number():
    with pytest.raises(TypeError, match="alpha must be a real number"):
        act.leaky_relu(np.ones(2), "0.1")


def test_alpha_nan():
    with pytest.raises(ValueError, match="alpha must be finite"):
        act.leaky_relu(np.ones(2), float("nan"))


def test_get_activation_known_names():
    for name, row in act.ACTIVATIONS.items():
        assert act.get_activation(name) == (row.function, row.derivative)
    assert act.get_activation("sigmoid") == (act.sigmoid, act.sigmoid_derivative)


def test_one_table_holds_every_activation_once():
    assert list(act.ACTIVATIONS) == ["sigmoid", "tanh", "relu", "leaky_relu"]
    for row in act.ACTIVATIONS.values():
        assert isinstance(row, act.ActivationFunction)
        assert row.function.__name__ + "_derivative" == row.derivative.__name__
        assert row.tex and "$" not in row.tex
    assert act.ACTIVATIONS["sigmoid"].tex == r"\sigma"


def test_get_activation_unknown_name():
    with pytest.raises(ValueError, match="activation must be one of"):
        act.get_activation("softsign")


def test_get_activation_not_a_string():
    with pytest.raises(TypeError, match="activation must be a string"):
        act.get_activation(3)

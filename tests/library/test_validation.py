"""Tests of nnfs_lib.validation: every helper accepts what it should and names what it refuses."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib import validation as v


# ---------------------------------------------------------------- check_array
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_arrays_keep_dtype_without_copy(dtype):
    x = np.ones(3, dtype=dtype)
    out = v.check_array("x", x)
    assert out.dtype == dtype
    assert out is x


@pytest.mark.parametrize("value", [[1, 2], np.array([1, 2], dtype=np.int32), 3, 2.5])
def test_numbers_and_integers_become_float64(value):
    out = v.check_array("x", value)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, np.asarray(value, dtype=np.float64))


def test_float16_becomes_float64():
    assert v.check_array("x", np.ones(2, dtype=np.float16)).dtype == np.float64


@pytest.mark.parametrize(
    "value",
    [np.array([True]), np.array([1 + 2j]), ["a", "b"], np.array([None, 1.0], dtype=object)],
    ids=["bool", "complex", "str", "object"],
)
def test_non_real_dtypes_rejected(value):
    with pytest.raises(TypeError, match=r"X must hold real numbers \(float32 or float64\)"):
        v.check_array("X", value)


def test_ragged_list_rejected():
    with pytest.raises(TypeError, match="X must be array-like numbers"):
        v.check_array("X", [[1.0], [1.0, 2.0]])


def test_wrong_ndim_rejected():
    with pytest.raises(ValueError, match=r"X must have 2 dimension\(s\); got shape \(3,\)"):
        v.check_array("X", np.ones(3), ndim=2)


def test_wrong_ndim_with_several_allowed():
    with pytest.raises(ValueError, match=r"X must have 1 or 2 dimension\(s\)"):
        v.check_array("X", np.ones((1, 1, 1)), ndim=(1, 2))


def test_empty_rejected_unless_allowed():
    with pytest.raises(ValueError, match=r"X must not be empty; got shape \(0, 2\)"):
        v.check_array("X", np.ones((0, 2)))
    assert v.check_array("X", np.ones((0, 2)), allow_empty=True).shape == (0, 2)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_rejected(bad):
    with pytest.raises(ValueError, match="X must be finite; it contains NaN or inf"):
        v.check_array("X", np.array([1.0, bad]))


# ---------------------------------------------------------------- shape and value checks
def test_check_same_shape():
    v.check_same_shape("a", np.ones(2), "b", np.zeros(2))
    with pytest.raises(
        ValueError, match=r"a and b must have the same shape; got \(2,\) and \(3,\)"
    ):
        v.check_same_shape("a", np.ones(2), "b", np.ones(3))


def test_check_binary_labels():
    v.check_binary_labels("y", np.array([0.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match=r"y must contain only 0 and 1; found 0\.5"):
        v.check_binary_labels("y", np.array([0.0, 0.5]))


def test_check_probabilities():
    v.check_probabilities("p", np.array([0.0, 0.3, 1.0]))
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]"):
        v.check_probabilities("p", np.array([0.2, 1.5]))


def test_check_scalar_float_returns_float():
    out = v.check_scalar("b", np.float32(1.5))
    assert out == 1.5
    assert type(out) is float


@pytest.mark.parametrize("value", ["1", None, True, np.array([1.0])])
def test_check_scalar_float_type(value):
    with pytest.raises(TypeError, match="b must be a real number"):
        v.check_scalar("b", value)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_check_scalar_float_finite(value):
    with pytest.raises(ValueError, match="b must be finite"):
        v.check_scalar("b", value)


def test_check_scalar_open_lower_bound():
    assert v.check_scalar("lr", 0.1, low=0, closed="neither") == 0.1
    for bad in (0, -0.5):
        with pytest.raises(ValueError, match="lr must be > 0"):
            v.check_scalar("lr", bad, low=0, closed="neither")


def test_check_scalar_int():
    assert v.check_scalar("n", np.int64(4), int, low=1) == 4
    with pytest.raises(ValueError, match="n must be >= 1; got 0"):
        v.check_scalar("n", 0, int, low=1)


@pytest.mark.parametrize("value", [2.0, True, "3"])
def test_check_scalar_int_type(value):
    with pytest.raises(TypeError, match="n must be an integer"):
        v.check_scalar("n", value, int)


def test_check_scalar_half_open_and_closed_messages():
    assert v.check_scalar("rate", 0.0, low=0.0, high=1.0, closed="left") == 0.0
    with pytest.raises(ValueError, match=r"rate must be in \[0.0, 1.0\); got 1.0"):
        v.check_scalar("rate", 1.0, low=0.0, high=1.0, closed="left")
    assert v.check_scalar("rate", 1.0, low=0.0, high=1.0) == 1.0
    with pytest.raises(ValueError, match=r"rate must be in \[0.0, 1.0\]; got 1.5"):
        v.check_scalar("rate", 1.5, low=0.0, high=1.0)


# ---------------------------------------------------------------- randomness
def test_as_generator_from_seed_is_reproducible():
    a = v.as_generator("rng", 7).standard_normal(3)
    b = v.as_generator("rng", np.int64(7)).standard_normal(3)
    np.testing.assert_array_equal(a, b)


def test_as_generator_passes_a_generator_through():
    rng = np.random.default_rng(0)
    assert v.as_generator("rng", rng) is rng


@pytest.mark.parametrize("value", [None, 1.5, True, np.random.RandomState(0)])
def test_as_generator_rejects_other_types(value):
    with pytest.raises(
        TypeError, match=r"rng must be a numpy\.random\.Generator or an integer seed"
    ):
        v.as_generator("rng", value)


# ---------------------------------------------------------------- the sklearn-style helpers
@pytest.mark.parametrize(
    ("closed", "value", "ok"),
    [
        ("both", 0, True),
        ("both", 1, True),
        ("left", 1, False),
        ("right", 0, False),
        ("neither", 0, False),
        ("neither", 0.5, True),
    ],
)
def test_check_scalar_closed(closed, value, ok):
    if ok:
        assert v.check_scalar("x", value, low=0, high=1, closed=closed) == value
    else:
        with pytest.raises(ValueError, match="x must be in"):
            v.check_scalar("x", value, low=0, high=1, closed=closed)


def test_check_scalar_kinds_and_one_sided_messages():
    assert v.check_scalar("n", np.int64(3), int, low=1) == 3
    assert isinstance(v.check_scalar("n", np.int64(3), int), int)
    assert isinstance(v.check_scalar("x", 3), float)
    with pytest.raises(TypeError, match="n must be an integer; got float"):
        v.check_scalar("n", 2.0, int)
    with pytest.raises(TypeError, match="x must be a real number; got bool"):
        v.check_scalar("x", True)
    with pytest.raises(ValueError, match="x must be finite"):
        v.check_scalar("x", float("nan"))
    with pytest.raises(ValueError, match="n must be >= 1; got 0"):
        v.check_scalar("n", 0, int, low=1)
    with pytest.raises(ValueError, match=r"eps must be > 0; got 0\.0"):
        v.check_scalar("eps", 0.0, low=0, closed="neither")
    with pytest.raises(ValueError, match=r"x must be <= 2; got 3\.0"):
        v.check_scalar("x", 3.0, high=2)


def test_check_float_dtype():
    assert v.check_float_dtype("dtype", np.float32) == np.dtype(np.float32)
    assert v.check_float_dtype("dtype", "float64") == np.dtype(np.float64)
    with pytest.raises(TypeError, match="dtype must be float32 or float64; got int32"):
        v.check_float_dtype("dtype", np.int32)


def test_check_consistent_length():
    assert v.check_consistent_length(X=np.ones((3, 2)), y=np.ones(3)) == 3
    with pytest.raises(
        ValueError, match="X and y must have the same number of rows; got X: 3, y: 2"
    ):
        v.check_consistent_length(X=np.ones((3, 2)), y=np.ones(2))


def test_check_array_finite_false_keeps_nan():
    out = v.check_array("X", [np.nan, 1.0], finite=False)
    assert np.isnan(out[0])


def test_check_prediction_pair():
    z, y = v.check_prediction_pair("z", np.array([np.inf, 0.0], dtype=np.float32), [1, 0])
    assert z.dtype == y.dtype == np.float32  # the target takes the prediction's dtype
    with pytest.raises(
        ValueError, match=r"z and y must have the same shape; got \(2,\) and \(2, 1\)"
    ):
        v.check_prediction_pair("z", np.zeros(2), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="y must be finite"):
        v.check_prediction_pair("y_hat", np.zeros(2), [0.0, np.nan])
    with pytest.raises(ValueError, match=r"y must contain only 0 and 1; found 0\.5"):
        v.check_prediction_pair("z", np.zeros(2), [0.5, 1.0], binary=True)
    v.check_prediction_pair("y_hat", np.zeros(2), [0.5, 1.0])  # regression targets are any reals


def test_check_instances():
    assert v.check_instances("xs", iter([1, 2]), int) == [1, 2]
    with pytest.raises(ValueError, match="xs must not be empty; give at least one int"):
        v.check_instances("xs", [], int)
    with pytest.raises(TypeError, match=r"xs\[1\] must be a int; got str"):
        v.check_instances("xs", [1, "2"], int)

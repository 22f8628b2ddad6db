"""Tests of nnfs_lib.datasets: shapes, determinism, the rule behind each dataset, validation."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.data import toy as datasets

TWO_CLASS = [datasets.make_blobs, datasets.make_xor, datasets.make_moons, datasets.make_circles]


@pytest.mark.parametrize("make", TWO_CLASS)
def test_shapes_dtypes_and_balanced_labels(make) -> None:
    X, y = make(51, 3)
    assert X.shape == (51, 2) and X.dtype == np.float32
    assert y.shape == (51,) and y.dtype == np.int64
    assert set(np.unique(y)) == {0, 1}
    if make is not datasets.make_xor:
        assert np.sum(y == 0) == 25


@pytest.mark.parametrize("make", [*TWO_CLASS, datasets.make_spiral])
def test_same_seed_same_data_other_seed_other_data(make) -> None:
    X1, y1 = make(40, rng=5, dtype=np.float64)
    X2, y2 = make(40, rng=np.random.default_rng(5), dtype=np.float64)
    X3, _ = make(40, rng=6, dtype=np.float64)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert X1.dtype == np.float64


def test_blobs_are_centred_where_asked() -> None:
    X, y = datasets.make_blobs(4000, 0, distance=4.0, centre=(1.0, -2.0), noise=0.5)
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [-1.0, -4.0], atol=0.05)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [3.0, 0.0], atol=0.05)
    np.testing.assert_allclose(X[y == 0].std(axis=0), [0.5, 0.5], atol=0.05)


def test_xor_labels_follow_the_signs() -> None:
    X, y = datasets.make_xor(100, 1)
    np.testing.assert_array_equal(y, (X[:, 0] > 0) != (X[:, 1] > 0))


def test_xor_truth_table() -> None:
    X, y = datasets.xor_truth_table()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])


def test_circles_radii_without_noise() -> None:
    X, y = datasets.make_circles(60, 0, factor=0.3, noise=0.0, dtype=np.float64)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)


def test_moons_without_noise_lie_on_their_arcs() -> None:
    X, y = datasets.make_moons(60, 0, noise=0.0, dtype=np.float64)
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)


def test_spiral_classes_and_radius() -> None:
    X, y = datasets.make_spiral(30, 4, 0)
    assert X.shape == (120, 2)
    np.testing.assert_array_equal(np.bincount(y), [30, 30, 30, 30])
    assert np.hypot(X[:, 0], X[:, 1]).max() <= 1.0 + 1e-6


def test_too_few_points_is_rejected() -> None:
    with pytest.raises(ValueError, match="n must be >= 4; got 3"):
        datasets.make_xor(3)


def test_non_integer_n_is_rejected() -> None:
    with pytest.raises(TypeError, match="n must be an integer"):
        datasets.make_blobs(10.0)


def test_negative_noise_is_rejected() -> None:
    with pytest.raises(ValueError, match="noise must be >= 0"):
        datasets.make_moons(10, noise=-0.1)


def test_integer_dtype_is_rejected() -> None:
    with pytest.raises(TypeError, match="dtype must be float32 or float64; got int32"):
        datasets.make_blobs(10, dtype=np.int32)


def test_negative_distance_is_rejected() -> None:
    with pytest.raises(ValueError, match="distance must be >= 0"):
        datasets.make_blobs(10, distance=-1.0)


def test_bad_centre_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"centre must be a pair of numbers"):
        datasets.make_blobs(10, centre=(1.0, 2.0, 3.0))


def test_non_finite_centre_is_rejected() -> None:
    with pytest.raises(ValueError, match="centre must be finite"):
        datasets.make_blobs(10, centre=(np.nan, 0.0))


def test_circle_factor_out_of_range_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"factor must be in \(0, 1\); got 1.5"):
        datasets.make_circles(10, factor=1.5)


def test_spiral_turns_must_be_positive() -> None:
    with pytest.raises(ValueError, match="turns must be > 0"):
        datasets.make_spiral(10, turns=0.0)


def test_spiral_needs_two_classes() -> None:
    with pytest.raises(ValueError, match="n_classes must be >= 2"):
        datasets.make_spiral(10, 1)


def test_bad_rng_is_rejected() -> None:
    with pytest.raises(
        TypeError, match=r"rng must be a numpy\.random\.Generator or an integer seed"
    ):
        datasets.make_circles(10, rng="seed")


# ---------------------------------------------------------------- make_sine (regression)
def test_sine_shapes_dtypes_and_range() -> None:
    X, y = datasets.make_sine(30, 1, low=-2.0, high=1.0)
    assert X.shape == (30, 1) and X.dtype == np.float32
    assert y.shape == (30,) and y.dtype == np.float32
    assert X.min() >= -2.0 and X.max() <= 1.0
    X64, y64 = datasets.make_sine(30, 1, dtype=np.float64)
    assert X64.dtype == np.float64 and y64.dtype == np.float64


def test_sine_without_noise_is_the_sine() -> None:
    X, y = datasets.make_sine(50, 2, noise=0.0, dtype=np.float64)
    np.testing.assert_allclose(y, np.sin(X[:, 0]), rtol=0, atol=1e-15)


def test_sine_noise_has_the_requested_standard_deviation() -> None:
    X, y = datasets.make_sine(20000, 3, noise=0.3, dtype=np.float64)
    residual = y - np.sin(X[:, 0])
    assert abs(residual.mean()) < 0.01
    assert abs(residual.std() - 0.3) < 0.01


def test_sine_follows_the_seed() -> None:
    a, b, c = (datasets.make_sine(10, rng) for rng in (4, np.random.default_rng(4), 5))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"low": 1.0, "high": 1.0}, ValueError, "low must be below high"),
        ({"low": np.inf}, ValueError, "low must be finite"),
        ({"noise": -0.1}, ValueError, "noise must be >= 0"),
        ({"n": 1}, ValueError, "n must be >= 2"),
        ({"dtype": np.int32}, TypeError, "dtype must be float32 or float64"),
    ],
)
def test_sine_validates(kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        datasets.make_sine(**({"n": 10} | kwargs))

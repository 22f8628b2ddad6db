"""Tests of nnfs_lib.data.preprocessing: the Standardizer (training statistics, guard, dtype, errors)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nnfs_lib.data import Standardizer


def test_hand_case_mean_population_std_and_transform() -> None:
    X = np.array([[0.0, 1.0], [2.0, 1.0], [4.0, 4.0]])
    s = Standardizer().fit(X)
    np.testing.assert_allclose(s.mean, [2.0, 2.0])
    np.testing.assert_allclose(s.scale, [np.sqrt(8 / 3), np.sqrt(2.0)])  # divides by n, not n - 1
    expected = np.array([[-2.0, -1.0], [0.0, -1.0], [2.0, 2.0]]) / [np.sqrt(8 / 3), np.sqrt(2.0)]
    np.testing.assert_allclose(s.transform(X), expected)


def test_fit_returns_the_standardizer_and_fit_transform_is_fit_then_transform(rng) -> None:
    X = rng.normal(3.0, 5.0, size=(20, 3))
    s = Standardizer()
    assert s.fit(X) is s
    np.testing.assert_array_equal(Standardizer().fit_transform(X), s.transform(X))


def test_training_rows_end_with_mean_zero_and_std_one(rng) -> None:
    X = rng.normal([5.0, -300.0, 0.0], [0.01, 1000.0, 2.0], size=(50, 3))
    Z = Standardizer().fit_transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)


def test_other_rows_use_the_training_statistics_unchanged(rng) -> None:
    X_train = rng.normal(10.0, 2.0, size=(40, 2))
    X_test = rng.normal(12.0, 5.0, size=(7, 2))
    s = Standardizer().fit(X_train)
    mean, scale = s.mean.copy(), s.scale.copy()
    Z_test = s.transform(X_test)
    np.testing.assert_array_equal(s.mean, mean)  # transforming test rows learns nothing
    np.testing.assert_array_equal(s.scale, scale)
    np.testing.assert_allclose(Z_test, (X_test - X_train.mean(0)) / X_train.std(0))
    assert not np.allclose(Z_test.mean(axis=0), 0.0)  # the test rows are not re-centred


def test_a_single_new_example_is_transformed_with_the_training_statistics() -> None:
    s = Standardizer().fit(np.array([[1.0], [3.0]]))
    np.testing.assert_allclose(s.transform(np.array([[5.0]])), [[3.0]])


def test_zero_variance_feature_gets_scale_one_and_maps_to_zero() -> None:
    X = np.array([[1.0, 0.1], [3.0, 0.1], [5.0, 0.1]])  # 0.1 is not exact in binary
    s = Standardizer().fit(X)
    assert s.scale[1] == 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Z = s.transform(X)
    assert np.all(np.isfinite(Z))
    np.testing.assert_allclose(Z[:, 1], 0.0, atol=1e-15)
    np.testing.assert_allclose(s.transform(np.array([[1.0, 2.1]]))[0, 1], 2.0)  # x - mu, unscaled


def test_a_feature_with_tiny_but_nonzero_spread_is_still_scaled() -> None:
    X = np.array([[1e-9], [3e-9]])
    np.testing.assert_allclose(Standardizer().fit_transform(X).ravel(), [-1.0, 1.0])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_of_the_transformed_rows_is_kept_statistics_are_float64(rng, dtype) -> None:
    X = rng.normal(size=(10, 2)).astype(dtype)
    s = Standardizer().fit(X)
    assert s.mean.dtype == np.float64 and s.scale.dtype == np.float64
    assert s.transform(X).dtype == dtype
    assert s.inverse_transform(s.transform(X)).dtype == dtype
    assert s.transform(X.astype(np.float64)).dtype == np.float64


def test_integer_rows_become_float64() -> None:
    s = Standardizer().fit(np.array([[1], [3]]))
    Z = s.transform(np.array([[1], [3]]))
    assert Z.dtype == np.float64
    np.testing.assert_array_equal(Z.ravel(), [-1.0, 1.0])


def test_inverse_transform_undoes_transform(rng) -> None:
    X = rng.normal([1.0, 50.0], [3.0, 0.5], size=(12, 2))
    s = Standardizer().fit(X)
    np.testing.assert_allclose(s.inverse_transform(s.transform(X)), X, rtol=1e-12)


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_use_before_fit_is_an_error(method: str) -> None:
    with pytest.raises(RuntimeError, match="not fitted"):
        getattr(Standardizer(), method)(np.ones((2, 2)))


def test_rows_of_another_width_are_rejected() -> None:
    s = Standardizer().fit(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"X must have 2 columns.*\(3, 3\)"):
        s.transform(np.ones((3, 3)))


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        (np.ones(3), ValueError, "X must have 2 dimension"),
        (np.array([[1.0, np.nan]]), ValueError, "X must be finite"),
        (np.ones((0, 2)), ValueError, "X must not be empty"),
        (np.array([["a"]]), TypeError, "X must hold real numbers"),
    ],
)
def test_fit_validates(X, error, match) -> None:
    with pytest.raises(error, match=match):
        Standardizer().fit(X)


def test_transform_rejects_non_finite_rows() -> None:
    s = Standardizer().fit(np.array([[1.0], [2.0]]))
    with pytest.raises(ValueError, match="X must be finite"):
        s.transform(np.array([[np.inf]]))

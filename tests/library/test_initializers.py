"""Initializers: variances from the book's propositions, seeding, dtypes, validation."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib import INITIALIZERS
from nnfs_lib.initializers import initialize

FAN_IN, FAN_OUT = 400, 300

EXPECTED_VARIANCE = {
    "zeros": 0.0,
    "normal": 1e-4,
    "xavier_uniform": 2 / (FAN_IN + FAN_OUT),
    "xavier_normal": 2 / (FAN_IN + FAN_OUT),
    "he_uniform": 2 / FAN_IN,
    "he_normal": 2 / FAN_IN,
}


@pytest.mark.parametrize("scheme", sorted(INITIALIZERS))
def test_mean_and_variance(scheme: str) -> None:
    W = initialize(scheme, (FAN_IN, FAN_OUT), 0, dtype=np.float64)
    expected = EXPECTED_VARIANCE[scheme]
    # 120,000 draws: the sample variance is within about 1% of the true one.
    assert W.var() == pytest.approx(expected, rel=0.02, abs=1e-12)
    assert abs(W.mean()) < 4 * np.sqrt(expected / W.size) + 1e-15


@pytest.mark.parametrize("scheme", ["xavier_uniform", "he_uniform"])
def test_uniform_limits(scheme: str) -> None:
    W = initialize(scheme, (FAN_IN, FAN_OUT), 1, dtype=np.float64)
    limit = np.sqrt(3 * EXPECTED_VARIANCE[scheme])  # Var U(-a, a) = a^2 / 3
    assert np.abs(W).max() <= limit
    assert np.abs(W).max() > 0.99 * limit


@pytest.mark.parametrize("scheme", ["xavier_normal", "he_normal"])
def test_normal_is_not_bounded_like_uniform(scheme: str) -> None:
    W = initialize(scheme, (FAN_IN, FAN_OUT), 1, dtype=np.float64)
    assert np.abs(W).max() > np.sqrt(3 * EXPECTED_VARIANCE[scheme])


def test_he_is_twice_lecun_and_xavier_symmetric() -> None:
    a = initialize("xavier_normal", (100, 50), 3, dtype=np.float64).var()
    b = initialize("xavier_normal", (50, 100), 3, dtype=np.float64).var()
    assert a == pytest.approx(b, rel=0.1)


@pytest.mark.parametrize("scheme", sorted(INITIALIZERS))
def test_seeded_and_dtype(scheme: str) -> None:
    a = initialize(scheme, (5, 4), 7)
    b = initialize(scheme, (5, 4), np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.float32 and a.shape == (5, 4)
    assert initialize(scheme, (5, 4), 7, dtype=np.float64).dtype == np.float64


def test_different_seeds_differ() -> None:
    assert not np.array_equal(
        initialize("he_normal", (5, 4), 1), initialize("he_normal", (5, 4), 2)
    )


def test_global_state_untouched() -> None:
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking it is untouched)
    initialize("xavier_uniform", (5, 4), 0)
    after = np.random.get_state()[1]  # noqa: NPY002
    np.testing.assert_array_equal(after, state)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (("kaiming", (2, 2), 0), {}, ValueError, "init must be one of"),
        (("zeros", (2, 2, 2), 0), {}, ValueError, r"shape must be a tuple \(fan_in, fan_out\)"),
        (("zeros", [2, 2], 0), {}, ValueError, "shape must be a tuple"),
        (("zeros", (0, 2), 0), {}, ValueError, "fan_in must be >= 1"),
        (("zeros", (2, 1.5), 0), {}, TypeError, "fan_out must be an integer"),
        (
            ("zeros", (2, 2), 0),
            {"dtype": np.float16},
            TypeError,
            "dtype must be float32 or float64",
        ),
        (("zeros", (2, 2), None), {}, TypeError, "rng must be a numpy.random.Generator"),
    ],
)
def test_validation(args: tuple, kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        initialize(*args, **kwargs)

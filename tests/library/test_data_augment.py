"""Shifted copies of small images, checked by hand on a 3 x 3 image."""

from __future__ import annotations

import numpy as np
import pytest

from nnfs_lib.data.augment import augment_with_shifts, random_shifts, shift_images

IMAGE = np.arange(1.0, 10.0).reshape(1, 9)  # [[1 2 3] [4 5 6] [7 8 9]]


@pytest.mark.parametrize(
    ("dy", "dx", "expected"),
    [
        (0, 0, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
        (1, 0, [[0, 0, 0], [1, 2, 3], [4, 5, 6]]),  # down
        (-1, 0, [[4, 5, 6], [7, 8, 9], [0, 0, 0]]),  # up
        (0, 1, [[0, 1, 2], [0, 4, 5], [0, 7, 8]]),  # right
        (0, -1, [[2, 3, 0], [5, 6, 0], [8, 9, 0]]),  # left
        (1, -1, [[0, 0, 0], [2, 3, 0], [5, 6, 0]]),  # down and left
        (-2, 2, [[0, 0, 7], [0, 0, 0], [0, 0, 0]]),
        (3, 0, [[0, 0, 0], [0, 0, 0], [0, 0, 0]]),  # off the image
    ],
)
def test_shift_images_hand_cases(dy, dx, expected) -> None:
    out = shift_images(IMAGE, dy, dx, image_shape=(3, 3))
    np.testing.assert_array_equal(out.reshape(3, 3), expected)
    assert out.shape == IMAGE.shape


def test_shift_keeps_dtype_and_does_not_change_input() -> None:
    X = IMAGE.astype(np.float32)
    kept = X.copy()
    assert shift_images(X, 1, 1, image_shape=(3, 3)).dtype == np.float32
    np.testing.assert_array_equal(X, kept)


def test_shift_images_of_digit_shape_by_default(rng) -> None:
    X = rng.random((4, 64))
    out = shift_images(X, 0, 1)
    np.testing.assert_array_equal(out.reshape(4, 8, 8)[:, :, 1:], X.reshape(4, 8, 8)[:, :, :-1])
    np.testing.assert_array_equal(out.reshape(4, 8, 8)[:, :, 0], 0)


def test_random_shifts_moves_each_image_by_one_of_the_allowed_shifts(rng) -> None:
    X = rng.random((50, 9)) + 1.0  # no zero pixel, so each shift is recognizable
    out = random_shifts(X, rng, max_shift=1, image_shape=(3, 3))
    seen = set()
    for row, original in zip(out, X, strict=True):
        matches = [
            (dy, dx)
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            if np.array_equal(row, shift_images(original[None], dy, dx, image_shape=(3, 3))[0])
        ]
        assert len(matches) == 1
        seen.add(matches[0])
    assert len(seen) == 9  # 50 draws from 9 shifts: all appear (for this seed)


def test_random_shifts_same_seed_same_result_and_zero_shift_is_identity(rng) -> None:
    X = rng.random((10, 64))
    np.testing.assert_array_equal(random_shifts(X, 3), random_shifts(X, 3))
    assert not np.array_equal(random_shifts(X, 3), random_shifts(X, 4))
    np.testing.assert_array_equal(random_shifts(X, 3, max_shift=0), X)


def test_augment_with_shifts_layout(rng) -> None:
    X, y = rng.random((5, 64)) + 1.0, np.arange(5)
    X_aug, y_aug = augment_with_shifts(X, y, 0, copies=2)
    assert X_aug.shape == (15, 64)
    np.testing.assert_array_equal(X_aug[:5], X)
    np.testing.assert_array_equal(y_aug, np.tile(np.arange(5), 3))
    generator = np.random.default_rng(0)
    first = random_shifts(X, generator)
    np.testing.assert_array_equal(X_aug[5:10], first)
    np.testing.assert_array_equal(X_aug[10:], random_shifts(X, generator))


def test_augment_with_zero_copies_returns_the_set(rng) -> None:
    X, y = rng.random((3, 64)), np.arange(3)
    X_aug, y_aug = augment_with_shifts(X, y, 0, copies=0)
    np.testing.assert_array_equal(X_aug, X)
    np.testing.assert_array_equal(y_aug, y)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="image_shape"):
        shift_images(np.ones((2, 10)), 1, 0)
    with pytest.raises(ValueError, match="X must have 2 dimension"):
        shift_images(np.ones(64), 1, 0)
    with pytest.raises(TypeError, match="dy"):
        shift_images(np.ones((1, 64)), 0.5, 0)
    with pytest.raises(ValueError, match="max_shift"):
        random_shifts(np.ones((1, 64)), 0, max_shift=-1)
    with pytest.raises(ValueError, match="copies"):
        augment_with_shifts(np.ones((1, 64)), [0], 0, copies=-1)
    with pytest.raises(ValueError, match="X"):
        augment_with_shifts(np.ones((2, 64)), [0], 0)

"""Data augmentation for small images: copies of each image moved by a pixel or two.

A digit moved one pixel to the left is still the same digit, so shifted copies
are new, correctly labelled training examples for free. Images are rows of
``X`` (the pixels of an ``image_shape`` image, row by row, as
:func:`~nnfs_lib.data.load_digits_split` gives them); pixels that move in
from outside the image are 0 (the digits' background).
"""

from __future__ import annotations

import itertools

import numpy as np

from nnfs_lib.validation import as_generator, check_array, check_consistent_length, check_scalar


def _as_images(X: object, image_shape: tuple[int, int]) -> np.ndarray:
    """``X`` (n, h * w) checked and viewed as images (n, h, w)."""
    X = check_array("X", X, ndim=2)
    if len(image_shape) != 2 or X.shape[1] != image_shape[0] * image_shape[1]:
        raise ValueError(
            f"X must have one row of h * w pixels per image, image_shape = (h, w); got X of "
            f"shape {X.shape} and image_shape = {image_shape}"
        )
    return X.reshape(len(X), *image_shape)


def shift_images(
    X: np.ndarray, dy: int, dx: int, *, image_shape: tuple[int, int] = (8, 8)
) -> np.ndarray:
    """Every image of ``X`` moved ``dy`` pixels down and ``dx`` pixels right, zeros moving in.

    The pixel at (row ``r``, column ``c``) goes to ``(r + dy, c + dx)``; pixels
    pushed past the border are lost. Negative shifts move up and left.
    Returns a new array of ``X``'s shape and dtype.
    """
    images = _as_images(X, image_shape)
    h, w = image_shape
    k = max(abs(check_scalar("dy", dy, int)), abs(check_scalar("dx", dx, int)))
    padded = np.pad(images, ((0, 0), (k, k), (k, k)))  # a border of k zeros round each image
    shifted = padded[
        :, k - dy : k - dy + h, k - dx : k - dx + w
    ]  # shifted[r, c] = image[r - dy, c - dx]
    return shifted.reshape(len(images), h * w)


def random_shifts(
    X: np.ndarray,
    rng: np.random.Generator | int,
    *,
    max_shift: int = 1,
    image_shape: tuple[int, int] = (8, 8),
) -> np.ndarray:
    """Each image of ``X`` moved by its own random ``(dy, dx)``, each uniform in ``-max_shift..max_shift``.

    The shifts are drawn from ``rng`` (a Generator or a seed), ``dy`` for all
    images first, then ``dx``; ``(0, 0)`` is one of the possible draws, so some
    images stay where they are. Returns a new array of ``X``'s shape and dtype.
    """
    images = _as_images(X, image_shape)
    X = images.reshape(len(images), -1)
    max_shift = check_scalar("max_shift", max_shift, int, low=0)
    rng = as_generator("rng", rng)
    dy = rng.integers(-max_shift, max_shift + 1, size=len(X))
    dx = rng.integers(-max_shift, max_shift + 1, size=len(X))
    out = np.empty_like(X)
    for a, b in itertools.product(range(-max_shift, max_shift + 1), repeat=2):
        rows = (dy == a) & (dx == b)  # the images drawn to move by (a, b)
        if rows.any():
            out[rows] = shift_images(X[rows], a, b, image_shape=image_shape)
    return out


def augment_with_shifts(
    X: np.ndarray,
    y: np.ndarray,
    rng: np.random.Generator | int,
    *,
    copies: int = 4,
    max_shift: int = 1,
    image_shape: tuple[int, int] = (8, 8),
) -> tuple[np.ndarray, np.ndarray]:
    """The training set ``(X, y)`` followed by ``copies`` randomly shifted copies of it.

    Returns ``(X_aug, y_aug)`` with ``(copies + 1) * n`` rows: first the ``n``
    original images, then each copy of all ``n`` images (in the original
    order) made by :func:`random_shifts` with ``rng``; the labels are repeated
    to match. ``copies=0`` returns copies of ``X`` and ``y``.
    """
    X = check_array("X", X, ndim=2)
    check_consistent_length(X=X, y=y)
    copies = check_scalar("copies", copies, int, low=0)
    rng = as_generator("rng", rng)
    shifted = [
        random_shifts(X, rng, max_shift=max_shift, image_shape=image_shape) for _ in range(copies)
    ]
    return np.concatenate([X, *shifted]), np.concatenate([np.asarray(y)] * (copies + 1))

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

from nnfs_lib.validation import Array, Scalar, generator, same_rows, validate


def _rows_are_images(arguments: dict) -> None:
    """The check of ``X`` and ``image_shape`` together: each row of ``X`` is one (h, w) image."""
    X, image_shape = arguments["X"], arguments["image_shape"]
    if len(image_shape) != 2 or X.shape[1] != image_shape[0] * image_shape[1]:
        raise ValueError(
            f"X must have one row of h * w pixels per image, image_shape = (h, w); got X of "
            f"shape {X.shape} and image_shape = {image_shape}"
        )


@validate(_rows_are_images, X=Array(ndim=2), dy=Scalar(int), dx=Scalar(int))
def shift_images(
    X: np.ndarray, dy: int, dx: int, *, image_shape: tuple[int, int] = (8, 8)
) -> np.ndarray:
    """Every image of ``X`` moved ``dy`` pixels down and ``dx`` pixels right, zeros moving in.

    The pixel at (row ``r``, column ``c``) goes to ``(r + dy, c + dx)``; pixels
    pushed past the border are lost. Negative shifts move up and left.
    Returns a new array of ``X``'s shape and dtype.
    """
    h, w = image_shape
    images = X.reshape(len(X), h, w)
    k = max(abs(dy), abs(dx))
    padded = np.pad(images, ((0, 0), (k, k), (k, k)))  # a border of k zeros round each image
    shifted = padded[
        :, k - dy : k - dy + h, k - dx : k - dx + w
    ]  # shifted[r, c] = image[r - dy, c - dx]
    return shifted.reshape(len(images), h * w)


@validate(_rows_are_images, X=Array(ndim=2), max_shift=Scalar(int, low=0), rng=generator)
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
    dy = rng.integers(-max_shift, max_shift + 1, size=len(X))
    dx = rng.integers(-max_shift, max_shift + 1, size=len(X))
    out = np.empty_like(X)
    for a, b in itertools.product(range(-max_shift, max_shift + 1), repeat=2):
        rows = (dy == a) & (dx == b)  # the images drawn to move by (a, b)
        if rows.any():
            out[rows] = shift_images(X[rows], a, b, image_shape=image_shape)
    return out


@validate(
    same_rows("X", "y"),
    _rows_are_images,
    X=Array(ndim=2),
    copies=Scalar(int, low=0),
    max_shift=Scalar(int, low=0),
    rng=generator,
)
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
    shifted = [
        random_shifts(X, rng, max_shift=max_shift, image_shape=image_shape) for _ in range(copies)
    ]
    return np.concatenate([X, *shifted]), np.concatenate([np.asarray(y)] * (copies + 1))

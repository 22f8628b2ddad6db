"""The IDX parser on small files written here, byte by byte."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from nnfs_lib.data.idx import IDXError, parse_idx, read_idx


def header(code: int, *dims: int) -> bytes:
    return struct.pack(">HBB", 0, code, len(dims)) + struct.pack(f">{len(dims)}I", *dims)


def test_label_vector_of_unsigned_bytes():
    data = bytes([0, 0, 8, 1, 0, 0, 0, 4, 7, 0, 255, 3])  # magic 0x00000801, 4 labels
    np.testing.assert_array_equal(parse_idx(data), [7, 0, 255, 3])
    assert parse_idx(data).dtype == np.uint8


def test_three_dimensional_images_row_major():
    data = header(0x08, 2, 2, 3) + bytes(range(12))
    array = parse_idx(data)
    assert array.shape == (2, 2, 3)
    assert array[1, 0, 2] == 1 * 6 + 0 * 3 + 2


@pytest.mark.parametrize(
    ("code", "fmt", "values"),
    [
        (0x09, ">3b", (-1, 5, -128)),
        (0x0B, ">3h", (-2, 300, 1)),
        (0x0C, ">3i", (-70000, 1, 2)),
        (0x0D, ">3f", (1.5, -2.25, 0.0)),
        (0x0E, ">3d", (1e-300, -3.5, 7.0)),
    ],
)
def test_big_endian_types(code, fmt, values):
    array = parse_idx(header(code, 3) + struct.pack(fmt, *values))
    np.testing.assert_array_equal(array, values)
    assert array.dtype.isnative


def test_read_gzip_and_plain_files(tmp_path):
    data = header(0x08, 2, 2) + bytes([1, 2, 3, 4])
    (tmp_path / "a.idx").write_bytes(data)
    (tmp_path / "a.idx.gz").write_bytes(gzip.compress(data))
    np.testing.assert_array_equal(read_idx(tmp_path / "a.idx"), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(read_idx(tmp_path / "a.idx.gz"), [[1, 2], [3, 4]])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x00", "too short for an IDX header"),
        (b"\x1f\x8b\x08\x01\x00", "not an IDX file"),
        (header(0x0A, 1) + b"\x00", "unknown IDX type code 0x0a"),
        (b"\x00\x00\x08\x02\x00\x00\x00\x02", "truncated header"),
        (header(0x08, 2, 3) + bytes(5), "truncated: shape"),
        (header(0x0B, 2) + bytes(3), "needs 4 bytes of data, found 3"),
        (header(0x08, 2) + bytes(3), "1 unexpected bytes after the data"),
        (b"\x00\x00\x08\x00", "0 dimensions"),
    ],
)
def test_malformed_files_raise_clear_errors(data, message):
    with pytest.raises(IDXError, match=message):
        parse_idx(data)


def test_corrupt_gzip(tmp_path):
    path = tmp_path / "bad.idx.gz"
    path.write_bytes(gzip.compress(header(0x08, 100) + bytes(100))[:20])
    with pytest.raises(IDXError, match="corrupt or truncated gzip"):
        read_idx(path)


def test_not_bytes():
    with pytest.raises(TypeError, match="data must be bytes"):
        parse_idx("0000")

"""A reader for the IDX format of MNIST, written from its specification.

An IDX file is a header and then the numbers, all big-endian:

=========  ======  ====================================================
offset     bytes   content
=========  ======  ====================================================
0          2       zero, zero
2          1       the type code of the numbers (see :data:`IDX_DTYPES`)
3          1       the number of dimensions ``D``
4          4 D     each dimension as an unsigned 32-bit big-endian integer
4 + 4 D    ...     the numbers, row-major (last index fastest)
=========  ======  ====================================================

So the "magic number" read as one big-endian int is ``0x00000801`` for a
vector of unsigned bytes (labels) and ``0x00000803`` for a 3-D array of
unsigned bytes (images). Files may be gzip-compressed (``.gz``).
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np

IDX_DTYPES: dict[int, np.dtype] = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
"""Type code -> big-endian NumPy dtype, as in the IDX specification."""


class IDXError(ValueError):
    """The bytes are not a well-formed IDX file (bad magic, truncated, or extra data)."""


def parse_idx(data: bytes, *, source: str = "data") -> np.ndarray:
    """Parse the bytes of an (uncompressed) IDX file into an array in native byte order.

    Raises
    ------
    IDXError
        If the header is short or malformed, the type code is unknown, or the
        data are shorter or longer than the dimensions say. ``source`` names
        the file in the message.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes; got {type(data).__name__}")
    data = bytes(data)
    if len(data) < 4:
        raise IDXError(f"{source}: too short for an IDX header ({len(data)} bytes, need >= 4)")
    zero, code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0:
        raise IDXError(
            f"{source}: not an IDX file (the magic number must start with two zero bytes; "
            f"got 0x{data[:4].hex()}). Is it still gzip-compressed?"
        )
    if code not in IDX_DTYPES:
        raise IDXError(f"{source}: unknown IDX type code 0x{code:02x}")
    if ndim == 0:
        raise IDXError(f"{source}: IDX file with 0 dimensions")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IDXError(f"{source}: truncated header: {ndim} dimensions need {header} bytes")
    shape = struct.unpack(f">{ndim}I", data[4:header])
    dtype = IDX_DTYPES[code]
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    body = len(data) - header
    if body < expected:
        raise IDXError(
            f"{source}: truncated: shape {shape} of {dtype.name} needs {expected} bytes "
            f"of data, found {body}"
        )
    if body > expected:
        raise IDXError(f"{source}: {body - expected} unexpected bytes after the data")
    array = np.frombuffer(data, dtype=dtype, offset=header).reshape(shape)
    return array.astype(dtype.newbyteorder("="))


def read_idx(path: str | Path) -> np.ndarray:
    """Read an IDX file from disk; a name ending in ``.gz`` is decompressed first."""
    path = Path(path)
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise IDXError(f"{path}: corrupt or truncated gzip data ({error})") from error
    return parse_idx(raw, source=str(path))

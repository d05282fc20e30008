"""A file of named flat arrays, read back by mapping it into memory (no copy, no parsing).

The columnar corpus cache (bot/store/corpus_cache.py) is kept in one: tens of megabytes of
sentence text and keys of which a question reads a few pages, so the file is mapped, not
read, and only the pages touched ever become resident.

Layout: a magic line, the header's length (8 bytes, little-endian), the header as JSON
(`key`: what the data was built from; `meta`: small values; `columns`: name → [typecode,
offset, length in items]), then each column's bytes at an 8-aligned offset. Written aside
and renamed into place: a reader never sees half a file, two writers never mix.
"""

from __future__ import annotations

import array
import json
import logging
import mmap
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MAGIC = b"forum-bot columns 1\n"
_ALIGN = 8
# The typecodes a column may have (array/memoryview formats) and their item sizes.
ITEM_SIZES = {"B": 1, "i": 4, "q": 8, "d": 8}
# Buffers are stored as they are in memory; a file from a machine of the other byte order
# is not ours.
_BYTE_ORDER = sys.byteorder


class Columns:
    """The columns of one file (or of buffers in memory, when the file could not be
    written), as memoryviews of their typecodes."""

    def __init__(self, views: dict[str, memoryview], meta: Mapping[str, Any]) -> None:
        self._views = views
        self.meta = meta

    def __getitem__(self, name: str) -> memoryview:
        return self._views[name]

    def __contains__(self, name: object) -> bool:
        return name in self._views

    @classmethod
    def in_memory(
        cls, buffers: Mapping[str, array.array[Any] | bytes | bytearray], meta: Mapping[str, Any]
    ) -> Columns:
        views = {name: _view(buffer) for name, buffer in buffers.items()}
        return cls(views, meta)


def write_columns(
    path: Path,
    key: str,
    meta: Mapping[str, Any],
    buffers: Mapping[str, array.array[Any] | bytes | bytearray],
) -> None:
    """Write the buffers (arrays of the ITEM_SIZES typecodes, or bytes) to `path` atomically."""
    columns: dict[str, list[Any]] = {}
    offset = 0
    for name, buffer in buffers.items():
        typecode = buffer.typecode if isinstance(buffer, array.array) else "B"
        if typecode not in ITEM_SIZES:
            raise ValueError(f"column {name}: unsupported typecode {typecode!r}")
        offset = _aligned(offset)
        count = len(buffer)
        columns[name] = [typecode, offset, count]
        offset += count * ITEM_SIZES[typecode]
    header = json.dumps(
        {"key": key, "byteorder": _BYTE_ORDER, "meta": dict(meta), "columns": columns},
        ensure_ascii=False,
    ).encode("utf-8")
    start = _aligned(len(MAGIC) + 8 + len(header))
    handle, temporary = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC)
            out.write(len(header).to_bytes(8, "little"))
            out.write(header)
            written = len(MAGIC) + 8 + len(header)
            for name, buffer in buffers.items():
                at = start + columns[name][1]
                out.write(b"\0" * (at - written))
                data = memoryview(buffer).cast("B")
                out.write(data)
                written = at + len(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_columns(path: Path, key: str) -> Columns | None:
    """The file's columns if it holds data built from `key`; None if it is missing, stale or
    damaged (the caller rebuilds it)."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size < len(MAGIC) + 8:
                raise ValueError("too short")
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.info("ignoring column file %s: %s", path, exc)
        return None
    try:
        return _parse(mapped, size, key)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        log.info("ignoring column file %s: %s", path, exc)
        return None


def _parse(mapped: mmap.mmap, size: int, key: str) -> Columns | None:
    whole = memoryview(mapped)
    if bytes(whole[: len(MAGIC)]) != MAGIC:
        raise ValueError("not a column file")
    header_size = int.from_bytes(whole[len(MAGIC) : len(MAGIC) + 8], "little")
    header_end = len(MAGIC) + 8 + header_size
    if header_end > size:
        raise ValueError("truncated header")
    header = json.loads(bytes(whole[len(MAGIC) + 8 : header_end]).decode("utf-8"))
    if header["key"] != key:
        return None  # built from another state of the corpus: stale, not damaged
    if header["byteorder"] != _BYTE_ORDER:
        raise ValueError("written on a machine of another byte order")
    start = _aligned(header_end)
    views: dict[str, memoryview] = {}
    for name, (typecode, offset, count) in header["columns"].items():
        width = ITEM_SIZES[typecode]
        first = start + int(offset)
        last = first + int(count) * width
        if int(offset) % _ALIGN or int(count) < 0 or last > size:
            raise ValueError(f"column {name} lies outside the file")
        views[name] = whole[first:last].cast(typecode)
    return Columns(views, header["meta"])


def _view(buffer: array.array[Any] | bytes | bytearray) -> memoryview:
    view = memoryview(buffer)
    return view if view.format in ITEM_SIZES else view.cast("B")


def _aligned(offset: int) -> int:
    return -(-offset // _ALIGN) * _ALIGN

"""Make Pagefind's filter index reproducible.

Pagefind 1.5.2 writes its word index and page fragments the same way on every run, but not
its filter index: each filter's values, and the list of filters in the language's meta file,
come out in hash-map order, which changes from run to run (upstream issue #638). The file
names are content hashes, so the meta file and pagefind-entry.json differ too, and two builds
of one commit would not give the same site. After Pagefind runs, this module rewrites those
three kinds of file in sorted order and names them by their new content. Nothing else in the
index changes, and the search finds the same pages.

The files are gzip-compressed CBOR after a 12-byte signature. The few CBOR types Pagefind
writes there are read and written here; anything else stops the build rather than being
guessed at (tests/test_search_index.py reads and writes real Pagefind output byte for byte).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
_META = re.compile(r"pagefind\.(?P<hash>[a-z_-]+_[0-9a-f]+)\.pf_meta")


class IndexFormatError(ValueError):
    """Pagefind wrote something this module does not know; the build must stop, not guess."""


# ---------------------------------------------------------------- the CBOR subset Pagefind writes


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | extra]) + n.to_bytes(size, "big")
    raise IndexFormatError(f"number too large for CBOR: {n}")


def encode(value: Any) -> bytes:
    """Unsigned integers, text and arrays, each in its shortest form (as Pagefind writes them)."""
    if isinstance(value, bool) or not isinstance(value, int | str | list):
        raise IndexFormatError(f"cannot write {type(value).__name__} into a Pagefind index")
    if isinstance(value, int):
        if value < 0:
            raise IndexFormatError(f"negative number in a Pagefind index: {value}")
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(encode(item) for item in value)


def decode(data: bytes) -> Any:
    value, end = _decode_at(data, 0)
    if end != len(data):
        raise IndexFormatError(f"{len(data) - end} bytes left over after the index")
    return value


def _decode_at(data: bytes, at: int) -> tuple[Any, int]:
    if at >= len(data):
        raise IndexFormatError("the index ends early")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        n = info
    elif 24 <= info <= 27:
        size = 1 << (info - 24)
        if at + size > len(data):
            raise IndexFormatError("the index ends early")
        n, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise IndexFormatError(f"unsupported CBOR length form {info} at byte {at - 1}")
    if major == 0:
        return n, at
    if major == 3:
        if at + n > len(data):
            raise IndexFormatError("the index ends early")
        return data[at : at + n].decode("utf-8"), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _decode_at(data, at)
            items.append(item)
        return items, at
    raise IndexFormatError(f"unsupported CBOR type {major} at byte {at - 1}")


def read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise IndexFormatError(f"{path.name} does not start with Pagefind's signature")
    return decode(raw[len(SIGNATURE) :])


def _packed(value: Any) -> bytes:
    # mtime=0 and no file name: the same content always gives the same bytes
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


def _name(prefix: str, packed: bytes, digits: int) -> str:
    return f"{prefix}_{hashlib.sha256(packed).hexdigest()[:digits]}"


# ---------------------------------------------------------------- the rewrite


def make_reproducible(bundle: Path) -> None:
    """Rewrite <bundle>'s filter files, meta files and pagefind-entry.json in a fixed order.

    Filter file: [name, [[value, [page numbers]], ...]]; the values are sorted by name (the
    order the search page lists them in). Meta file: [version, pages, word-index chunks,
    [[filter, file], ...], sorts, ...]; the filters are sorted by name and point at the
    rewritten files. Sort indexes (item 4) are
    not used by this site and must stay empty: their order is not known to be stable.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        if not _META.fullmatch(meta_path.name):
            raise IndexFormatError(f"unexpected meta file name {meta_path.name}")
        meta = read(meta_path)
        if not (isinstance(meta, list) and len(meta) >= 5 and isinstance(meta[3], list)):
            raise IndexFormatError(f"{meta_path.name} is not laid out as Pagefind 1.5 writes it")
        if meta[4]:
            raise IndexFormatError(f"{meta_path.name} holds sort indexes, whose order is not made reproducible here")
        prefix = language["hash"].rsplit("_", 1)[0]
        filters = []
        for name, old in meta[3]:
            old_path = bundle / "filter" / f"{old}.pf_filter"
            filter_name, values = read(old_path)
            packed = _packed([filter_name, sorted(values, key=lambda pair: pair[0])])
            new = _name(prefix, packed, 7)
            old_path.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(packed)
            filters.append([name, new])
        meta[3] = sorted(filters)
        packed = _packed(meta)
        new_hash = _name(prefix, packed, 10)
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(packed)
        language["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

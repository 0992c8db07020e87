"""Pagefind's filter index in a fixed order (scripts/tracker/search_index.py): Pagefind 1.5.2
writes filter values and filters in hash-map order, so without the rewrite two builds of one
commit would differ. Checked on Pagefind's own output for a small site with many filter values."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.tracker import search_index
from scripts.tracker.search_index import IndexFormatError, decode, encode, make_reproducible, read

KINDS = ("Claim", "Event", "Figure")


def small_site(folder: Path) -> Path:
    """40 pages, each of one kind and in two of 19 categories: enough values that hash-map order
    and sorted order differ."""
    folder.mkdir()
    for i in range(40):
        spans = f'<span data-pagefind-filter="kind">{KINDS[i % 3]}</span>'
        spans += "".join(f'<span data-pagefind-filter="category">topic {n:02d}</span>' for n in (i % 7, 7 + i % 12))
        body = f"<h1>Page {i}</h1><p>flight record number{i}</p>{spans}"
        (folder / f"p{i}.html").write_text(f'<html lang="en"><body data-pagefind-body>{body}</body></html>', encoding="utf-8")
    return folder


def pagefind(site: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"], check=True, capture_output=True)
    return site / "pagefind"


def files(bundle: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bundle)): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def filters(bundle: Path) -> dict[str, list]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = read(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    return {name: read(bundle / "filter" / f"{file}.pf_filter") for name, file in meta[3]}


def test_three_indexings_of_one_site_give_the_same_bytes(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    runs = []
    for _ in range(3):
        bundle = pagefind(site)
        make_reproducible(bundle)
        runs.append(files(bundle))
        shutil.rmtree(bundle)
    assert runs[0] == runs[1] == runs[2]
    assert any(name.startswith("filter/") for name in runs[0])


def test_the_rewritten_index_keeps_every_value_and_page_in_sorted_order(tmp_path: Path) -> None:
    bundle = pagefind(small_site(tmp_path / "site"))
    before = {name: sorted((v, tuple(p)) for v, p in values) for name, (_, values) in filters(bundle).items()}
    make_reproducible(bundle)
    after = filters(bundle)
    assert list(after) == ["category", "kind"]
    assert [v for v, _ in after["kind"][1]] == list(KINDS)
    assert [v for v, _ in after["category"][1]] == [f"topic {n:02d}" for n in range(19)]
    assert {name: [(v, tuple(p)) for v, p in values] for name, (_, values) in after.items()} == before
    assert len(list((bundle / "filter").glob("*.pf_filter"))) == 2  # the old files are gone
    assert len(list(bundle.glob("*.pf_meta"))) == 1


def test_the_reader_writes_back_what_pagefind_wrote_byte_for_byte(tmp_path: Path) -> None:
    bundle = pagefind(small_site(tmp_path / "site"))
    for path in [*bundle.glob("filter/*.pf_filter"), *bundle.glob("*.pf_meta")]:
        raw = gzip.decompress(path.read_bytes())[len(search_index.SIGNATURE) :]
        assert encode(decode(raw)) == raw, path.name


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x21", "unsupported CBOR type 1 at byte 0"),  # a negative number
        (b"\x82\x01", "the index ends early"),
        (b"\x01\x02", "1 bytes left over after the index"),
        (b"\x9f\xff", "unsupported CBOR length form 31 at byte 0"),  # an array of unstated length
    ],
)
def test_anything_else_in_the_index_stops_the_rewrite(data: bytes, message: str) -> None:
    with pytest.raises(IndexFormatError, match=message):
        decode(data)


def test_a_meta_file_with_sort_indexes_is_refused_not_guessed_at(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    page = site / "p0.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<h1>", '<h1 data-pagefind-sort="weight:1">'), encoding="utf-8")
    with pytest.raises(IndexFormatError, match="holds sort indexes"):
        make_reproducible(pagefind(site))

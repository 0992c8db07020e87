"""The checker as contributors meet it: exact messages and positions, all at once, exit 1."""

from __future__ import annotations

import os
import re
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scripts.tracker.problems import CODES

from .conftest import FIXTURES, ROOT, make_data, run_check

BAD = FIXTURES / "bad"
# file cases: one entry file in a kind's folder; folder cases (eNNN-…/) lay files over the data
CASES = sorted(p for kind in ("events", "figures", "claims", "sources") for p in (BAD / kind).glob("*.yaml"))
CASES += sorted(p for p in BAD.iterdir() if re.match(r"e\d{3}-", p.name) and p.suffix != ".expect")
RUNTIME_CASES = {"E105", "E107", "E109"}  # made by tests: a huge file, links (here), a pipe and a folder (test_untrusted.py)


def expected(case: Path) -> list[str]:
    file = case / "expect" if case.is_dir() else case.parent / (case.name.split("--")[0].rsplit(".", 1)[0] + ".expect")
    return file.read_text(encoding="utf-8").splitlines()


def data_with(tmp_path: Path, case: Path) -> Path:
    """The good data with the case laid over it: a folder case replaces files (and removes each
    file it names as <file>.deleted); a file case adds one entry or replaces one data file."""
    if case.is_dir():
        data = make_data(tmp_path)
        shutil.copytree(case, data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expect"))
        for marker in sorted(data.rglob("*.deleted")):
            marker.unlink()
            marker.with_suffix("").unlink()
        return data
    return make_data(tmp_path, case)


def problem_lines(out: list[str], data: Path) -> list[str]:
    prefix = str(data.parent) + os.sep
    return [line.replace(prefix, "") for line in out if line.startswith(prefix)]


UNREGISTERED = 'data/figures/good-figure.yaml:1:5: W603 id "good-figure" is not yet in data/published-ids.txt'
WARNINGS = [
    "data/events/good-later-event.yaml:10:3: W601 the event rests on a single source",
    'data/events/good-later-event.yaml:11:9: W602 every source of this event is a repost or aggregator copy, but its status is "single-report"',
    "data/sources/good-report.yaml:8:6: W600 the source has no archive link",
]


def test_good_fixtures_pass_with_warnings_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_check(make_data(tmp_path), capsys)
    assert status == 0
    assert out == [
        "W600 (no-archive-link): 1 warnings; list them with --warnings",
        "W601 (single-source): 1 warnings; list them with --warnings",
        "W602 (reposts-only): 1 warnings; list them with --warnings",
        "OK: 6 files checked, 0 errors, 3 warnings",
    ]


def test_a_new_id_missing_from_the_register_is_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path, BAD / "w603-unregistered-id--published-ids.txt")
    status, out = run_check(data, capsys, "--warnings")
    assert status == 0
    assert UNREGISTERED in problem_lines(out, data)


def test_warnings_are_listed_on_request_without_failing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    status, out = run_check(data, capsys, "--warnings")
    assert status == 0
    assert problem_lines(out, data) == WARNINGS
    assert out[-1] == "OK: 6 files checked, 0 errors, 3 warnings"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_fixture_reports_exact_problem(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = data_with(tmp_path, case)
    with hang_guard(60):  # not a timing target: a broken file must never stall the check
        status, out = run_check(data, capsys)
    assert status == 1
    assert problem_lines(out, data) == expected(case)
    # every problem line is followed by a hint, and nothing looks like a traceback
    for i, line in enumerate(out[:-1]):
        if line.startswith(str(data.parent)):
            assert out[i + 1].startswith("    hint: ") and len(out[i + 1]) > len("    hint: ")
    assert not any("Traceback" in line for line in out)
    assert out[-1].startswith("FAILED: ")


def test_the_catalogue_of_broken_files_is_large() -> None:
    assert len(CASES) >= 100


@contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    def stop(*_args: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_every_error_code_has_a_fixture() -> None:
    lines = [line for case in CASES for line in expected(case)] + WARNINGS + [UNREGISTERED]
    seen = {m.group(1) for line in lines for m in [re.search(r": ([EW]\d{3}) ", line)] if m}
    assert seen | RUNTIME_CASES == set(CODES)


def test_a_very_large_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    big = data / "events" / "huge.yaml"
    big.write_text("id: huge\nsummary: |\n" + ("  " + "x" * 100 + "\n") * 5000, encoding="utf-8")
    status, out = run_check(data, capsys)
    assert status == 1
    assert problem_lines(out, data) == ["data/events/huge.yaml:1:1: E105 the file is 515,020 bytes; the limit is 262,144"]


def test_a_symlink_out_of_data_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    outside = tmp_path / "secret.yaml"
    outside.write_text("id: secret\n", encoding="utf-8")
    (data / "events" / "secret.yaml").symlink_to(outside)
    status, out = run_check(data, capsys)
    assert status == 1
    assert problem_lines(out, data) == ["data/events/secret.yaml:1:1: E107 the file is a symbolic link pointing outside data/"]


def test_all_problems_are_reported_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = [c for c in CASES if c.is_file() and c.parent.name == "events"]
    data = make_data(tmp_path, *cases)
    status, out = run_check(data, capsys)
    assert status == 1
    lines = set(problem_lines(out, data))
    for case in cases:
        assert set(expected(case)) <= lines, case.name


def test_single_files_can_be_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path, BAD / "events" / "e400-bad-date.yaml", BAD / "events" / "e500-unknown-vocab.yaml")
    status, out = run_check(data, capsys, str(data / "events" / "e400-bad-date.yaml"))
    assert status == 1
    assert problem_lines(out, data) == [
        'data/events/e400-bad-date.yaml:1:5: W603 id "e400-bad-date" is not yet in data/published-ids.txt',
        *expected(BAD / "events" / "e400-bad-date.yaml"),
        "data/events/e400-bad-date.yaml:10:3: W601 the event rests on a single source",
    ]
    assert out[-1] == "FAILED: 1 files checked, 1 errors, 2 warnings"


def test_crlf_line_ends_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    event = data / "events" / "good-event.yaml"
    event.write_bytes(event.read_bytes().replace(b"\n", b"\r\n"))
    status, _out = run_check(data, capsys)
    assert status == 0


def test_ids_of_listing_pages_are_reserved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    event = data / "events" / "good-event.yaml"
    (data / "events" / "page-2.yaml").write_text(event.read_text(encoding="utf-8").replace("id: good-event", "id: page-2"), encoding="utf-8")
    event.unlink()
    status, out = run_check(data, capsys, str(data / "events" / "page-2.yaml"))
    assert status == 1
    assert problem_lines(out, data) == ['data/events/page-2.yaml:1:5: E203 id has the wrong form: "page-2"']
    assert "page-<number> and index are reserved for listing pages" in "\n".join(out)


def test_the_real_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_check(ROOT / "data", capsys)
    assert status == 0, "\n".join(out)


def test_every_error_code_is_documented_for_contributors() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code, (name, _hint) in CODES.items():
        assert f"| {code} | {name} |" in text, code


def test_removing_a_published_entry_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    (data / "events" / "good-later-event.yaml").unlink()
    status, out = run_check(data, capsys)
    assert status == 1
    assert 'data/published-ids.txt:4:1: E320 published id "events/good-later-event" no longer exists' in problem_lines(out, data)

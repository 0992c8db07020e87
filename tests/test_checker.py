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


KEY_NUMBER_BELOW_TIER_2 = (
    'data/key-numbers.yaml:4:12: W610 key number 1 rests on a tier-4 source ("good-report"); the home page names no source for it'
)
UNREGISTERED = 'data/figures/good-figure.yaml:1:5: W603 id "good-figure" is not yet in the register (data/register/good-figure.txt)'
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
        "OK: 7 files checked, 0 errors, 3 warnings",
    ]


def test_a_new_id_missing_from_the_register_is_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path, BAD / "w603-unregistered-id--published-ids.txt")
    status, out = run_check(data, capsys, "--warnings")
    assert status == 0
    assert UNREGISTERED in problem_lines(out, data)


def test_a_home_page_number_resting_below_tier_two_is_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    numbers = data / "key-numbers.yaml"
    numbers.write_text(numbers.read_text(encoding="utf-8").replace('value: "2014-08-03"', 'value: "2018-12"'), encoding="utf-8")
    status, out = run_check(data, capsys, "--warnings")
    assert status == 0
    assert KEY_NUMBER_BELOW_TIER_2 in problem_lines(out, data)
    assert out[out.index(next(line for line in out if "W610" in line)) + 1].startswith("    hint: cite the issuing body's own text")


TIER_4_ONLY = BAD / "w605-tier-4-only"


def test_an_entry_resting_only_on_tier_4_is_flagged_once_its_status_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """W602 asks for the status "reposts-only"; once set, W605 still flags the entry (never both)."""
    data = data_with(tmp_path, TIER_4_ONLY)
    status, out = run_check(data, capsys, "--warnings")
    assert status == 0
    found = [line for line in problem_lines(out, data) if " W60" in line and ("W602" in line or "W605" in line)]
    assert found == expected(TIER_4_ONLY)


def test_warnings_are_listed_on_request_without_failing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    status, out = run_check(data, capsys, "--warnings")
    assert status == 0
    assert problem_lines(out, data) == WARNINGS
    assert out[-1] == "OK: 7 files checked, 0 errors, 3 warnings"


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


NOT_YET_CITED = 'data/sources/new-notice.yaml:1:5: W604 source "new-notice" is not cited by any entry yet'


def test_every_error_code_has_a_fixture() -> None:
    lines = [line for case in CASES for line in expected(case)] + WARNINGS + [UNREGISTERED, NOT_YET_CITED, KEY_NUMBER_BELOW_TIER_2]
    lines += expected(TIER_4_ONLY)
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
        'data/events/e400-bad-date.yaml:1:5: W603 id "e400-bad-date" is not yet in the register (data/register/e400-bad-date.txt)',
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


def test_the_real_data_passes(capsys: pytest.CaptureFixture[str], real_clock: None) -> None:
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


def test_the_benchmarks_synthetic_data_passes_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.tracker.bench import synthesise

    data = synthesise(120, tmp_path / "bench")
    status, out = run_check(data, capsys)
    assert status == 0, "\n".join(out)


ONE_MISTAKE = {  # the contributor's mistake -> the one error it must give, with the fix it suggests
    "e201-misspelt-field": 'E201 unknown field "sumary" in the entry; did you mean "summary"?',
    "e302-near-miss-source": 'E302 source "good-reprot" does not exist in data/sources/; did you mean "good-report"?',
    "e303-near-miss-related": 'E303 related entry "good-clam" does not exist (events, figures or claims); did you mean "good-claim"?',
    "e500-near-miss-place": 'E500 place "rongchen" is not in data/vocab/places.yaml; did you mean "rongcheng"?',
    "e205-near-miss-enum": 'did you mean "times"?',
    "e330-unquoted-date": 'E330 date: 2013-10 is not in double quotes; write date: "2013-10"',
    "e202-unquoted-year": 'E202 date is the number 2013; a date is text: write it in quotes, "2013"',
    "e400-bad-date-only-citer": 'E400 date: "2025-06-31" is not a calendar date: June 2025 has no day 31',
}


@pytest.mark.parametrize("name", sorted(ONE_MISTAKE))
def test_one_mistake_gives_one_error_with_its_fix(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = next(c for c in CASES if c.stem == name or c.name == name)
    data = data_with(tmp_path, case)
    status, out = run_check(data, capsys)
    assert status == 1
    errors = [line for line in problem_lines(out, data) if re.search(r": E\d{3} ", line)]
    assert len(errors) == 1, errors  # in particular no E306 for the source only the broken entry cites
    assert ONE_MISTAKE[name] in errors[0]


def test_a_misspelt_field_is_explained_by_the_fields_description(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = data_with(tmp_path, BAD / "e201-misspelt-field")
    _status, out = run_check(data, capsys)
    hint = out[out.index(next(line for line in out if " E201 " in line)) + 1]
    assert hint.startswith("    hint: What happened and why it matters, in your own words")


def test_hints_come_from_the_schema_for_every_missing_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    event = data / "events" / "good-event.yaml"
    lines = event.read_text(encoding="utf-8").split("\n")
    event.write_text("\n".join(line for line in lines if not line.startswith("categories:") and line != "  - court-blacklists"), encoding="utf-8")
    status, out = run_check(data, capsys)
    assert status == 1
    problem = next(i for i, line in enumerate(out) if " E200 " in line)
    assert out[problem].endswith('E200 missing required field "categories" in the entry; it goes before "summary"')
    assert out[problem].split(":")[-3] == "5"  # the line where it belongs: the summary's
    assert (
        out[problem + 1]
        == '    hint: One or more keys of data/vocab/categories.yaml, main theme first. e.g. ["court-blacklists", "travel-restrictions"]'
    )


def test_a_new_source_checked_alone_is_a_warning_until_an_entry_cites_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    source = data / "sources" / "new-notice.yaml"
    shutil.copy(BAD / "e201-misspelt-field" / "sources" / "new-notice.yaml", source)
    status, out = run_check(data, capsys, str(source))
    assert status == 0
    assert NOT_YET_CITED in problem_lines(out, data)
    status, out = run_check(data, capsys)
    assert status == 1
    assert problem_lines(out, data) == ['data/sources/new-notice.yaml:1:5: E306 source "new-notice" is not cited by any entry']


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "verdict_reason: No national score exists, so no citizen has one that could fall.\n",
            "",
            'data/claims/good-claim.yaml:5:1: E200 missing required field "verdict_reason" in the entry; it goes before "claimant"',
        ),
        (
            'claimant:\n  name: Good Report\n  kind: foreign-media\n  first_seen: "2026-01"\n',
            "",
            'data/claims/good-claim.yaml:6:1: E200 missing required field "claimant" in the entry; it goes before "summary"',
        ),
        ("kind: foreign-media", "kind: blogger", 'data/claims/good-claim.yaml:8:9: E500 claimant kind "blogger" is not in data/vocab/claimant-kinds'),
        ('first_seen: "2026-01"', 'first_seen: "2027-01"', 'data/claims/good-claim.yaml:9:15: E401 claimant/first_seen: "2027-01" is in the future'),
        (
            "verdict_reason: No national score exists, so no citizen has one that could fall.",
            "verdict_reason: No national score exists, so no citizen has one that could fall",
            "data/claims/good-claim.yaml:5:17: E203",
        ),
    ],
)
def test_a_claim_needs_its_reason_and_claimant(old: str, new: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The verdict's reason and who made the claim travel with every claim; the check refuses one without them."""
    data = make_data(tmp_path)
    claim = data / "claims" / "good-claim.yaml"
    text = claim.read_text(encoding="utf-8")
    assert old in text
    claim.write_text(text.replace(old, new), encoding="utf-8")
    status, out = run_check(data, capsys)
    assert status == 1
    assert any(line.startswith(problem) for line in problem_lines(out, data)), out

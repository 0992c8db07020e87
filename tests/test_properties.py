"""Property-based tests: random and mutated input never crashes the loader, the checker or the
renderer with anything but a reported problem, and rendered text never carries script."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.tracker.checks import run_checks
from scripts.tracker.dataset import load_dataset, today
from scripts.tracker.load import load_file
from scripts.tracker.render import add_glossary_hints, markdown_to_html

from .conftest import FIXTURES, make_data

GOOD_EVENT = (FIXTURES / "good" / "events" / "good-event.yaml").read_text(encoding="utf-8")
HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        "<iframe src=//evil.example>",
        '<div style="background:url(javascript:alert(1))">',
        "[@good-source]",
        "`code`",
        "**bold** _it_",
        "\n\n- item\n",
        "&lt;script&gt;",
        "<scr<script>ipt>",
        "javascript&colon;alert(1)",
    ]
)
MARKDOWN = st.lists(st.one_of(HOSTILE, st.text(max_size=40)), max_size=8).map("".join)


def assert_harmless(html: str) -> None:
    """Judged on the parsed elements, as a browser would see them (escaped text is only text)."""
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "iframe", "svg", "style", "object", "embed", "img"])
    for el in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in el.attrs), el
        for name in ("href", "src"):
            value = re.sub(r"[\s\x00-\x1f]", "", str(el.get(name, ""))).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), el


@given(MARKDOWN)
@settings(max_examples=300, deadline=None)
def test_rendered_markdown_never_carries_script(text: str) -> None:
    html = markdown_to_html(text, cite=lambda source_id: f'<sup><a href="#src-{source_id}">[1]</a></sup>')
    assert_harmless(add_glossary_hints(html, {"list of debtors": 'a "list" <b>'}))


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_bytes_load_to_data_or_to_a_reported_problem(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "entry.yaml"
        file.write_bytes(raw)
        doc, problems = load_file(file, Path(tmp))
        assert doc is not None or problems
        assert all(p.code.startswith("E1") for p in problems)


def mutate(text: str, cut: int, insert: str) -> str:
    cut = cut % (len(text) + 1)
    return text[:cut] + insert + text[cut:]


@given(
    st.integers(min_value=0),
    st.one_of(st.text(max_size=20), HOSTILE, st.sampled_from([":", "- ", "\t", '"', "\n  ", "&a", "*a", "!!python/object:os.system"])),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_entries_are_checked_without_crashing(cut: int, insert: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = make_data(Path(tmp))
        (data / "events" / "good-event.yaml").write_text(mutate(GOOD_EVENT, cut, insert), encoding="utf-8")
        problems = run_checks(load_dataset(data), today())
        assert all(p.path and p.line >= 1 and p.col >= 1 and re.fullmatch(r"[EW]\d{3}", p.code) for p in problems)

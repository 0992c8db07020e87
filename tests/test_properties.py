"""Property-based tests: random and mutated input never crashes the loader, the checker or the
renderer with anything but a reported problem, and rendered text never carries script."""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.tracker.checks import run_checks
from scripts.tracker.clock import today
from scripts.tracker.dataset import load_dataset
from scripts.tracker.load import load_file
from scripts.tracker.render import add_glossary_hints, front_matter, markdown_to_html, plain
from scripts.tracker.validate import KINDS, is_valid, validator

from .conftest import FIXTURES, ROOT, make_data

SCHEMAS = ROOT / "data" / "schema"

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


@given(st.text(), st.text())
@settings(max_examples=300, deadline=None)
def test_front_matter_reads_back_as_written_whatever_the_text(title: str, description: str) -> None:
    # MkDocs reads front matter with YAML; the generator writes it as JSON (faster)
    text = front_matter(title, description, search={"exclude": True})
    match = re.match(r"^---\n(.*?\n)---\n", text, re.S)  # MkDocs' own pattern, simplified
    assert match
    meta = yaml.load(match.group(1), Loader=yaml.CSafeLoader)
    assert meta["title"] == plain(title)
    assert meta.get("description", "") == plain(description)
    assert meta["search"] == {"exclude": True}


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


def good_entries() -> list[tuple[str, dict]]:
    out = []
    for file in sorted((FIXTURES / "good").rglob("*.yaml")):
        if file.parent.name in KINDS:
            doc, _problems = load_file(file, FIXTURES / "good")
            out.append((file.parent.name, doc.data))
    return out


TRICKY = st.sampled_from(
    ["https://example.org/a b", "https://example.org/", "http://[::1", "ftp://x", "2019-13-01", "2019", "", "x" * 90, "en", "zh"]
)
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12), TRICKY),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(["source", "url", "as_of"])), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(st.sampled_from(good_entries()), st.data())
@settings(max_examples=400, deadline=None)
def test_the_quick_schema_check_agrees_with_jsonschema(entry: tuple[str, dict], data: st.DataObject) -> None:
    # a file the quick check passes is never looked at again, so the two must never disagree
    kind, value = entry
    value = copy.deepcopy(value)
    target = value
    key = data.draw(st.sampled_from([*sorted(value), "unknown"]))
    if isinstance(value.get(key), list) and value[key] and isinstance(value[key][0], dict) and data.draw(st.booleans()):
        target = value[key][0]
        key = data.draw(st.sampled_from([*sorted(target), "unknown"]))
    action = data.draw(st.sampled_from(["delete", "any value", "tricky text"]))
    if action == "delete" and key in target:
        del target[key]
    else:
        target[key] = data.draw(JSONISH if action == "any value" else TRICKY)
    full = not list(validator(SCHEMAS, kind).iter_errors(value))
    assert is_valid(value, kind, SCHEMAS) == full

"""Cross-file checks. Each function reads like its rule and yields Problems; run_checks runs all.

Checks only see schema-valid documents (Dataset.docs), except the id checks, which see every
readable file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import dates
from .canonical import canonical_text
from .dataset import REGISTER_DIR, Dataset, entry_files
from .load import Document, read_text
from .model import evidence, tier, value_date
from .parallel import parallel_map
from .problems import Problem
from .render import complexity_problem
from .scaffold import PLACEHOLDER
from .suggest import did_you_mean, nearest

MARKER = re.compile(r"\[@([a-z0-9]+(?:-[a-z0-9]+)*)\]")
VOCAB_FIELDS = {  # field -> vocabulary file
    "place": "places",
    "status": "statuses",
    "verdict": "verdicts",
    "kind": "source-kinds",
    "language": "languages",
}


def _problem(doc: Document, at: tuple, code: str, message: str, key: bool = False, hint: str = "") -> Problem:
    line, col = doc.mark(at, key=key)
    return Problem(doc.path, line, col, code, message, hint)


def _citations(data: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    """Every (path, source id) the entry cites: sources, seen_in and each figure value."""
    for list_name in ("sources", "seen_in"):
        for i, cite in enumerate(data.get(list_name, [])):
            yield (list_name, i, "source"), cite["source"]
    for i, value in enumerate(data.get("values", [])):
        yield ("values", i, "source", "source"), value["source"]["source"]


def _date_fields(data: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    for name in ("date", "added", "reviewed"):
        if name in data:
            yield (name,), data[name]
    for i, value in enumerate(data.get("values", [])):
        for name in ("as_of", "period"):
            if name in value:
                yield ("values", i, name), value[name]
    if isinstance(data.get("document"), dict) and "issued" in data["document"]:
        yield ("document", "issued"), data["document"]["issued"]
    if isinstance(data.get("claimant"), dict) and "first_seen" in data["claimant"]:
        yield ("claimant", "first_seen"), data["claimant"]["first_seen"]
    for i, corr in enumerate(data.get("corrections", [])):
        yield ("corrections", i, "date"), corr["date"]


def ids_match_file_names(data: Dataset) -> Iterator[Problem]:
    for _kind, stem, doc in data.files:
        entry_id = doc.data.get("id")
        if isinstance(entry_id, str) and entry_id != stem:
            yield _problem(doc, ("id",), "E300", f'id "{entry_id}" differs from the file name "{stem}"')


def ids_are_unique(data: Dataset) -> Iterator[Problem]:
    seen: dict[str, Document] = {}
    for _kind, stem, doc in data.files:
        if stem in seen:
            first = seen[stem]
            yield _problem(doc, ("id",), "E301", f'id "{stem}" is also used by {first.path}')
        else:
            seen[stem] = doc


def dates_are_real_and_past(data: Dataset, today: dt.date) -> Iterator[Problem]:
    for _kind, doc in data.all_docs():
        for at, text in _date_fields(doc.data):
            try:
                dates.check_not_future(dates.parse(text), today)
            except dates.DateError as exc:
                yield _problem(doc, at, exc.code, f"{'/'.join(map(str, at))}: {exc}")


def reviewed_not_before_added(data: Dataset) -> Iterator[Problem]:
    for _kind, doc in data.all_docs():
        if doc.data["reviewed"] < doc.data["added"]:
            yield _problem(doc, ("reviewed",), "E403", f'reviewed "{doc.data["reviewed"]}" is before added "{doc.data["added"]}"')


def vocabulary_is_respected(data: Dataset) -> Iterator[Problem]:
    """Values from the vocabularies (a vocabulary with errors of its own is judged once it is fixed)."""
    broken = {name for name in data.vocab if f"vocab/{name}.yaml" in data.invalid_files}
    for _kind, doc in data.all_docs():
        for name, vocab in VOCAB_FIELDS.items():
            value = doc.data.get(name)
            if value is not None and vocab not in broken and value not in data.vocab[vocab]:
                hint = did_you_mean(value, data.vocab[vocab])
                yield _problem(doc, (name,), "E500", f'{name} "{value}" is not in data/vocab/{vocab}.yaml{hint}')
        claimant = doc.data.get("claimant")
        if isinstance(claimant, dict) and "claimant-kinds" not in broken and claimant.get("kind") not in data.vocab["claimant-kinds"]:
            hint = did_you_mean(str(claimant.get("kind")), data.vocab["claimant-kinds"])
            yield _problem(
                doc, ("claimant", "kind"), "E500", f'claimant kind "{claimant.get("kind")}" is not in data/vocab/claimant-kinds.yaml{hint}'
            )
        for i, value in enumerate(doc.data.get("categories", [])):
            if "categories" not in broken and value not in data.vocab["categories"]:
                hint = did_you_mean(value, data.vocab["categories"])
                yield _problem(doc, ("categories", i), "E500", f'category "{value}" is not in data/vocab/categories.yaml{hint}')


def summaries_render_safely(data: Dataset) -> Iterator[Problem]:
    """Text the Markdown parser would take seconds over, or recurse on until it fails."""
    for _kind, doc in data.all_docs():
        problem = complexity_problem(doc.data.get("summary", ""))
        if problem:
            yield _problem(doc, ("summary",), "E332", f"summary: {problem}")


def cited_sources_exist(data: Dataset) -> Iterator[Problem]:
    for _kind, doc in data.all_docs():
        for at, source_id in _citations(doc.data):
            if source_id not in data.docs["sources"] and source_id not in data.invalid:
                hint = did_you_mean(source_id, [*data.docs["sources"], *data.invalid], cutoff=0.8)
                yield _problem(doc, at, "E302", f'source "{source_id}" does not exist in data/sources/{hint}')


def markers_name_listed_sources(data: Dataset) -> Iterator[Problem]:
    for _kind, doc in data.all_docs():
        listed = {source_id for _at, source_id in _citations(doc.data)}
        unknown = [source_id for source_id in listed if source_id not in data.docs["sources"] and source_id not in data.invalid]
        for match in MARKER.finditer(doc.data.get("summary", "")):
            if match.group(1) not in listed and not nearest(match.group(1), unknown, cutoff=0.8):  # else E302 said it
                hint = did_you_mean(match.group(1), listed, cutoff=0.8)
                yield _problem(doc, ("summary",), "E304", f"the summary cites [@{match.group(1)}], which this entry does not list as a source{hint}")


def related_entries_exist(data: Dataset) -> Iterator[Problem]:
    for _kind, doc in data.all_docs():
        for i, other in enumerate(doc.data.get("related", [])):
            if other == doc.data["id"]:
                yield _problem(doc, ("related", i), "E305", f'related lists the entry itself ("{other}")')
            elif data.kind_of(other) in (None, "sources") and other not in data.invalid:
                entries = [*data.docs["events"], *data.docs["figures"], *data.docs["claims"]]
                hint = did_you_mean(other, entries, cutoff=0.8)
                yield _problem(doc, ("related", i), "E303", f'related entry "{other}" does not exist (events, figures or claims){hint}')


def every_source_is_cited(data: Dataset) -> Iterator[Problem]:
    """A source no entry cites. Entries that failed their schema or could not be read still
    count as citing what they name: one mistake in an entry is one error, not also an orphan."""
    cited = {source_id for _kind, doc in data.all_docs() for _at, source_id in _citations(doc.data)}
    cited |= _named_by_failed_entries(data)
    for stem, doc in data.docs["sources"].items():
        if stem not in cited:
            yield _problem(doc, ("id",), "E306", f'source "{stem}" is not cited by any entry')


SOURCE_ID = re.compile(r"(?:\bsource:\s*[\"']?|\[@)([a-z0-9]+(?:-[a-z0-9]+)*)")


def _named_by_failed_entries(data: Dataset) -> set[str]:
    """Source ids an entry that failed to load or validate would have cited, read leniently
    from its text: `source: id` lines and [@id] markers."""
    valid = {Path(doc.path).name for _kind, doc in data.all_docs()}
    named: set[str] = set()
    for kind, path in entry_files(data.root):
        if kind == "sources" or path.name in valid or path.stem not in data.invalid:
            continue
        text, _problem = read_text(path, data.root, str(path))
        named |= set(SOURCE_ID.findall(text or ""))
    return named


def source_urls_are_unique(data: Dataset) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for stem, doc in data.docs["sources"].items():
        url = doc.data["url"]
        if url in seen:
            yield _problem(doc, ("url",), "E307", f'the same URL is already recorded as source "{seen[url]}"')
        else:
            seen[url] = stem


TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "spm", "amp"}
TRACKING_VALUES = {"from": {"rss", "feed", "timeline", "singlemessage", "groupmessage"}}


def tracking_parameters(url: str) -> list[str]:
    """Query parameters that record how a reader arrived (campaign tags, click ids, AMP, feed
    markers): they do not choose the document, and they leak into every citation."""
    query = urlsplit(url).query
    found = []
    for name, value in parse_qsl(query, keep_blank_values=True):
        low = name.lower()
        if low.startswith("utm_") or low in TRACKING_PARAMETERS or value.lower() in TRACKING_VALUES.get(low, ()):
            found.append(name)
    return list(dict.fromkeys(found))


def source_urls_are_clean(data: Dataset) -> Iterator[Problem]:
    for doc in data.docs["sources"].values():
        found = tracking_parameters(doc.data["url"])
        if found:
            yield _problem(doc, ("url",), "E308", f"the URL carries tracking parameters ({', '.join(found)})")


def figure_values_fit_their_series(data: Dataset) -> Iterator[Problem]:
    for doc in data.docs["figures"].values():
        wanted = "period" if doc.data["counting"] == "per-period" else "as_of"
        previous = None
        for i, value in enumerate(doc.data["values"]):
            if wanted not in value:
                yield _problem(doc, ("values", i), "E310", f"values/{i} needs {wanted} because the series is {doc.data['counting']}")
                continue
            try:
                key = dates.parse(value[wanted]).sort_key
            except dates.DateError:
                continue  # reported by dates_are_real_and_past
            if previous is not None and key < previous:
                yield _problem(doc, ("values", i, wanted), "E311", f"values/{i} ({value[wanted]}) comes before the value above it")
            previous = key


def glossary_links_exist(data: Dataset) -> Iterator[Problem]:
    doc = data.vocab_docs.get("glossary")
    if "vocab/glossary.yaml" in data.invalid_files:
        return  # judged once its own errors are fixed
    for key, term in data.vocab["glossary"].items():
        for i, other in enumerate(term.get("see", []) if isinstance(term.get("see"), list) else []):
            if data.kind_of(other) in (None, "sources") and doc is not None:
                yield _problem(doc, (key, "see", i), "E303", f'glossary term "{key}" links to "{other}", which does not exist')


def gaps_are_recorded_fully(data: Dataset, today: dt.date) -> Iterator[Problem]:
    """A gap concerns entries that exist, and was searched for on a real day, not a future one."""
    if data.gaps is None:
        return
    for key, gap in data.gaps.data.items():
        try:
            dates.check_not_future(dates.parse(gap["searched"]), today)
        except dates.DateError as exc:
            yield _problem(data.gaps, (key, "searched"), exc.code, f"{key}/searched: {exc}")
        for i, other in enumerate(gap.get("related", [])):
            if data.kind_of(other) in (None, "sources") and other not in data.invalid:
                message = f'gap "{key}" concerns "{other}", which does not exist (events, figures or claims)'
                yield _problem(data.gaps, (key, "related", i), "E303", message)


def places_form_a_tree(data: Dataset) -> Iterator[Problem]:
    """Every parent exists, and no place lies within itself: place pages nest folders and label
    chains by walking up the parents, which a loop would never finish."""
    doc = data.vocab_docs.get("places")
    places = data.vocab["places"]
    if doc is None or "vocab/places.yaml" in data.invalid_files:
        return  # judged once its own errors are fixed
    for key, place in places.items():
        parent = place.get("parent")
        if parent is None:
            continue
        if parent not in places:
            yield _problem(doc, (key, "parent"), "E324", f'place "{key}" lies within "{parent}", which is not a place in this file')
            continue
        seen = [key]
        while parent is not None and parent in places and parent not in seen:
            seen.append(parent)
            parent = places[parent].get("parent")
        if parent == key and key == min(seen):  # each loop once, named from its first key
            loop = " → ".join([*seen, key])
            yield _problem(doc, (key, "parent"), "E324", f"places lie within each other in a loop: {loop}")


def sources_have_archive_links(data: Dataset) -> Iterator[Problem]:
    for doc in data.docs["sources"].values():
        if "archive_url" not in doc.data:
            yield _problem(doc, ("url",), "W600", "the source has no archive link")


def events_have_more_than_one_source(data: Dataset) -> Iterator[Problem]:
    for doc in data.docs["events"].values():
        if len(doc.data["sources"]) == 1:
            yield _problem(doc, ("sources",), "W601", "the event rests on a single source")


def _tier(data: Dataset, source_id: str) -> int | None:
    """The cited source's tier, or None while the source or its kind is broken (reported elsewhere)."""
    doc = data.docs["sources"].get(source_id)
    if doc is None or doc.data["kind"] not in data.vocab["source-kinds"] or "vocab/source-kinds.yaml" in data.invalid_files:
        return None
    return tier(doc.data, data.vocab["source-kinds"])


def evidence_is_not_only_reposts(data: Dataset) -> Iterator[Problem]:
    """An entry resting only on tier 4 (reposts, aggregators, blogs) is flagged once: W602 while
    its status claims more than "reposts-only", W605 once the status says so."""
    for kind in ("events", "figures", "claims"):
        for doc in data.docs[kind].values():
            tiers = [_tier(data, source_id) for source_id in evidence(doc.data)]
            if not tiers or any(t != 4 for t in tiers):
                continue
            what = kind[:-1]
            if doc.data["status"] != "reposts-only":
                message = f'every source of this {what} is a repost or aggregator copy, but its status is "{doc.data["status"]}"'
                yield _problem(doc, ("status",), "W602", message)
            else:
                message = f"this {what} rests only on tier-4 sources (reposts, aggregators or blogs)"
                yield _problem(doc, ("sources" if kind != "figures" else "values",), "W605", message)


# Words a contributor writes where a copy shows no headline: they are not a title, and would be
# cited as one. The description belongs in title_note. (tests/test_record.py reuses this list.)
PLACEHOLDER_TITLES: list[re.Pattern[str]] = [
    re.compile(r"headline taken from", re.IGNORECASE),
    re.compile(r"headline not shown", re.IGNORECASE),
    re.compile(r"title not shown", re.IGNORECASE),
    re.compile(r"\[?标题未显示\]?"),
    re.compile(r"\((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\)\s*$", re.IGNORECASE),  # a trailing "(scmp.com)"
]


def placeholder_in_title(text: str) -> str | None:
    """The placeholder words in a title, if any."""
    for pattern in PLACEHOLDER_TITLES:
        match = pattern.search(text)
        if match:
            return match.group().strip()
    return None


def source_titles_are_headlines(data: Dataset) -> Iterator[Problem]:
    for doc in data.docs["sources"].values():
        for name in ("title", "title_en"):
            found = placeholder_in_title(doc.data.get(name, ""))
            if found:
                yield _problem(doc, (name,), "E333", f'{name} holds the placeholder "{found}", not a headline as published')


def key_numbers_point_at_values(data: Dataset) -> Iterator[Problem]:
    """Each home-page number names a value that exists; one resting on a source below the first
    two tiers is flagged, since the home page names only an issuing body's text or a translation."""
    doc = data.key_numbers
    if doc is None:
        return
    figures = data.docs["figures"]
    for i, item in enumerate(doc.data["numbers"]):
        figure = figures.get(item["figure"])
        if figure is None:
            if item["figure"] not in data.invalid:
                hint = did_you_mean(item["figure"], figures, cutoff=0.8)
                message = f'key number {i + 1} names the figure "{item["figure"]}", which does not exist'
                yield _problem(doc, ("numbers", i, "figure"), "E303", message, hint=hint)
            continue
        values = {value_date(v): v for v in figure.data["values"]}
        value = values.get(item["value"])
        if value is None:
            hint = did_you_mean(item["value"], values, cutoff=0.6)
            yield _problem(doc, ("numbers", i, "value"), "E340", f'the figure "{item["figure"]}" has no value dated "{item["value"]}"', hint=hint)
            continue
        source_id = value["source"]["source"]
        level = _tier(data, source_id)
        if level is not None and level > 2:
            message = f'key number {i + 1} rests on a tier-{level} source ("{source_id}"); the home page names no source for it'
            yield _problem(doc, ("numbers", i, "value"), "W610", message)


def published_ids_still_resolve(data: Dataset) -> Iterator[Problem]:
    """A published address never breaks: the entry exists, or it is recorded as retired."""
    if "retired.yaml" in data.invalid_files:
        return  # which ids are retired is unknown until that file is fixed (its errors are reported)
    retired = data.retired.data if data.retired else {}
    for kind, entry_id, register, line in data.published:
        if entry_id in data.docs.get(kind, {}) or entry_id in data.invalid or entry_id in retired:
            continue
        yield Problem(register, line, 1, "E320", f'published id "{kind}/{entry_id}" no longer exists')


def new_ids_are_registered(data: Dataset) -> Iterator[Problem]:
    known = {(kind, entry_id) for kind, entry_id, _path, _line in data.published}
    for kind, docs in data.docs.items():
        for entry_id, doc in docs.items():
            if (kind, entry_id) not in known:
                yield _problem(doc, ("id",), "W603", f'id "{entry_id}" is not yet in the register (data/{REGISTER_DIR}/{entry_id}.txt)')


def retired_entries_are_recorded_fully(data: Dataset, today: dt.date) -> Iterator[Problem]:
    if data.retired is None:
        return
    for old_id, info in data.retired.data.items():
        for at, message in _retired_entry_problems(data, old_id, info, today):
            yield _problem(data.retired, (old_id, *at), "E322", f'retired "{old_id}": {message}')


def _retired_entry_problems(data: Dataset, old_id: str, info: dict[str, str], today: dt.date) -> Iterator[tuple[tuple, str]]:
    """The shape is the schema's (data/schema/retired.schema.json); these are the facts it cannot see."""
    if info["action"] in ("renamed", "merged") and data.kind_of(info["into"]) is None and info["into"] not in data.invalid:
        yield ("into",), f'{info["action"]} into "{info["into"]}", which does not exist'
    if old_id in data.docs.get(info["kind"], {}) or old_id in data.invalid:
        yield (), "an entry with this id still exists"
    try:
        dates.check_not_future(dates.parse(info["date"]), today)
    except dates.DateError as exc:
        yield ("date",), str(exc)


def changelog_is_well_formed(data: Dataset, today: dt.date) -> Iterator[Problem]:
    """The shape is the schema's (data/schema/changelog.schema.json); here: real days, none in
    the future, newest first, and each version named once."""
    doc = data.changelog
    if doc is None:
        return  # missing or invalid: already reported
    previous = None
    seen: set[str] = set()
    for i, item in enumerate(doc.data["versions"]):
        if item["version"] in seen:
            yield _problem(doc, ("versions", i, "version"), "E323", f'versions/{i}: version "{item["version"]}" is listed twice')
        seen.add(item["version"])
        try:
            when = dates.parse(item["date"])
            dates.check_not_future(when, today)
        except dates.DateError as exc:
            yield _problem(doc, ("versions", i, "date"), "E323", f"versions/{i}: {exc}")
            continue
        if previous is not None and when.start.first > previous:
            yield _problem(doc, ("versions", i, "date"), "E323", f"versions/{i} is newer than the version above it; list newest first")
        previous = when.start.first


def _walk_strings(value: Any, at: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_strings(item, (*at, i))
    elif isinstance(value, str):
        yield at, value


def placeholders_are_filled(data: Dataset) -> Iterator[Problem]:
    """Runs on every readable file, so a half-filled scaffold is explained even when invalid."""
    for _kind, _stem, doc in data.files:
        for at, text in _walk_strings(doc.data):
            if text.strip().startswith(PLACEHOLDER):
                yield _problem(doc, at, "E331", f"{'/'.join(map(str, at))} still holds the placeholder {PLACEHOLDER}")


def entries_are_canonical(data: Dataset) -> Iterator[Problem]:
    """Full-line comments may stay (the scaffold's explanations); everything else must match.
    Writing YAML is slow, so with many files this runs in worker processes."""
    global _CANONICAL
    _CANONICAL = ([(kind, doc) for kind, docs in data.docs.items() for doc in docs.values()], data.root / "schema")
    for problem in parallel_map(_not_canonical, range(len(_CANONICAL[0]))):
        if problem is not None:
            yield problem


_CANONICAL: tuple[list[tuple[str, Document]], Path] | None = None  # what forked workers compare


def _not_canonical(index: int) -> Problem | None:
    assert _CANONICAL is not None
    (kind, doc), schema_dir = _CANONICAL[0][index], _CANONICAL[1]
    path = Path(doc.path)
    text = (path if path.is_absolute() else Path.cwd() / path).read_text(encoding="utf-8").replace("\r\n", "\n")
    have = [line for line in text.split("\n") if not line.lstrip().startswith("#")]
    want = [line for line in canonical_text(kind, doc.data, schema_dir).split("\n") if not line.lstrip().startswith("#")]
    if have == want:
        return None
    line = next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))
    message = "the file is not in canonical form (field order, quoting or line width)"
    if line < min(len(have), len(want)):
        message = _unquoted_date(have[line], want[line]) or message
    return Problem(doc.path, _line_number(text, have, line), 1, "E330", message, f"run: make format FILES={doc.path}")


_QUOTED_DATE = re.compile(r'^(\s*(?:- )?)(date|added|reviewed|as_of|period): "(.*)"$')


def _unquoted_date(have: str, want: str) -> str:
    """The message for a date written without double quotes, the commonest E330."""
    match = _QUOTED_DATE.match(want)
    if not match or have.strip() == want.strip():
        return ""
    prefix, name, value = match.groups()
    if have.rstrip() in (f"{prefix}{name}: {value}", f"{prefix}{name}: '{value}'"):
        return f'{name}: {value} is not in double quotes; write {name}: "{value}" (dates are always quoted)'
    return ""


def _line_number(text: str, kept: list[str], index: int) -> int:
    """Map an index in the comment-free lines back to a line number of the file."""
    seen = -1
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.lstrip().startswith("#"):
            seen += 1
            if seen == index:
                return number
    return max(1, len(text.split("\n")))


CHECKS: list[Callable[[Dataset], Iterator[Problem]]] = [
    ids_match_file_names,
    ids_are_unique,
    reviewed_not_before_added,
    vocabulary_is_respected,
    summaries_render_safely,
    cited_sources_exist,
    markers_name_listed_sources,
    related_entries_exist,
    every_source_is_cited,
    source_urls_are_unique,
    source_urls_are_clean,
    figure_values_fit_their_series,
    glossary_links_exist,
    places_form_a_tree,
    placeholders_are_filled,
    entries_are_canonical,
    published_ids_still_resolve,
    new_ids_are_registered,
    sources_have_archive_links,
    events_have_more_than_one_source,
    evidence_is_not_only_reposts,
    key_numbers_point_at_values,
    source_titles_are_headlines,
]
# checks that need to know what day it is ("not in the future")
DATED_CHECKS: list[Callable[[Dataset, dt.date], Iterator[Problem]]] = [
    dates_are_real_and_past,
    retired_entries_are_recorded_fully,
    changelog_is_well_formed,
    gaps_are_recorded_fully,
]


# form, not content: run by `check`, skipped when the build generates pages (at 10,000 entries
# writing every file out again to compare would cost the build tens of seconds)
STYLE_CHECKS = {entries_are_canonical}


def run_checks(data: Dataset, today: dt.date, style: bool = True) -> list[Problem]:
    problems = list(data.problems)
    for check in CHECKS:
        if style or check not in STYLE_CHECKS:
            problems += check(data)
    for dated in DATED_CHECKS:
        problems += dated(data, today)
    return sorted(one_per_mistake(set(problems)))


def one_per_mistake(problems: set[Problem]) -> set[Problem]:
    """Leave out what follows from another error: a TODO placeholder also breaks its field's form
    (E331 says it once), and a file's form (E330) is judged only once it is otherwise correct."""
    placeholders = {(p.path, p.line) for p in problems if p.code == "E331"}
    problems = {p for p in problems if p.code == "E331" or not p.is_error or (p.path, p.line) not in placeholders}
    failing = {p.path for p in problems if p.is_error and p.code != "E330"}
    return {p for p in problems if p.code != "E330" or p.path not in failing}

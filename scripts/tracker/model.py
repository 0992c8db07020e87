"""Typed records built only from data that passed every check; what the renderers read."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from . import dates
from .dataset import Dataset
from .settings import Settings

# what each tier means, in the words the pages and the methodology's "Source tiers" section use
TIER_NAMES = {1: "issuing body", 2: "full-text translation", 3: "outlet's own report", 4: "repost, aggregator or blog"}
TIER_LEGEND = ", ".join(f"{n} {name}" for n, name in TIER_NAMES.items())  # for download descriptions


def value_date(value: dict[str, Any]) -> str:
    """A figure value's date as written in the data (as_of or period): how a value is named."""
    return value.get("as_of") or value["period"]


def value_label(value: dict[str, Any]) -> str:
    """A figure value's date for readers: "as of 31 December 2018" for a stock or running total
    at a date, "July 2019" for a period."""
    when = dates.parse(value_date(value)).label
    return f"as of {when}" if "as_of" in value else when


def tier(source: dict[str, Any], kinds: dict[str, dict[str, Any]]) -> int:
    """How close a source is to the origin (methodology, "Source tiers"): 1 issuing body,
    2 full-text translation, 3 outlet, 4 repost, aggregator or blog. It follows from the
    source's kind, except that any copy of another's work is a repost whatever the site."""
    return 4 if source.get("repost_of") else int(kinds[source["kind"]]["tier"])


def evidence(data: dict[str, Any]) -> list[str]:
    """The source ids an entry rests on: an event's or claim's sources, a figure's value sources
    (where a claim was seen is not evidence for it)."""
    return [c["source"] for c in data.get("sources", [])] + [v["source"]["source"] for v in data.get("values", [])]


PAGE_DIRS = {"events": "events", "figures": "figures", "claims": "claims", "sources": "sources"}


@dataclass
class Entry:
    kind: str
    id: str
    data: dict[str, Any]
    date: dates.FuzzyDate | None = None
    cited_by: list[Entry] = field(default_factory=list)
    verdict_name: str | None = None  # claims: the verdict's name, which travels with the title

    @property
    def title(self) -> str:
        """The title wherever the entry appears or travels. A claim's starts with its verdict
        ("False: …"), so no listing, feed, citation or link preview repeats a claim bare."""
        return f"{self.verdict_name}: {self.data['title']}" if self.verdict_name else self.data["title"]

    @property
    def name(self) -> str:
        """The title as written in the entry (a claim's without its verdict)."""
        return self.data["title"]

    @property
    def md_path(self) -> str:
        """The generated Markdown file, relative to docs/; its URL is /<kind>/<id>/ forever."""
        return f"{PAGE_DIRS[self.kind]}/{self.id}.md"

    @property
    def url_path(self) -> str:
        return f"{PAGE_DIRS[self.kind]}/{self.id}/"

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def tier(self, kinds: dict[str, dict[str, Any]]) -> int:
        """A source's tier (see tier())."""
        return tier(self.data, kinds)


@dataclass
class Site:
    vocab: dict[str, dict[str, dict[str, Any]]]
    entries: dict[str, Entry]
    settings: Settings
    versions: list[dict[str, str]] = field(default_factory=list)  # newest first
    retired: dict[str, dict[str, str]] = field(default_factory=dict)
    gaps: dict[str, dict[str, Any]] = field(default_factory=dict)  # known gaps, by key
    key_numbers: list[dict[str, str]] = field(default_factory=list)  # the home page's numbers, in order
    _ordered: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _positions: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def version(self) -> str:
        return self.versions[0]["version"]

    @property
    def glossary_hints(self) -> dict[str, str]:
        """phrase -> definition, for every match phrase of every glossary term."""
        return {phrase: term["definition"] for term in self.vocab["glossary"].values() for phrase in term["match"]}

    def of_kind(self, kind: str) -> list[Entry]:
        """Entries of one kind in their canonical order: dated kinds by date then id, others by id.
        Sorted once per kind: pages ask for these lists thousands of times."""
        if kind not in self._ordered:
            found = [e for e in self.entries.values() if e.kind == kind]
            self._ordered[kind] = sorted(found, key=lambda e: (e.date.sort_key, e.id) if e.date else ((), e.id))
        return self._ordered[kind]

    def position(self, event: Entry) -> int:
        """An event's index in date order."""
        if not self._positions:
            self._positions = {e.id: i for i, e in enumerate(self.events_in_order())}
        return self._positions[event.id]

    def events_in_order(self) -> list[Entry]:
        return self.of_kind("events")

    def gaps_about(self, entry_id: str) -> list[tuple[str, dict[str, Any]]]:
        """The known gaps that concern an entry, as (key, gap)."""
        return [(key, gap) for key, gap in self.gaps.items() if entry_id in gap.get("related", [])]


def link(from_md: str, to_md: str, anchor: str = "") -> str:
    """A relative Markdown link target between two docs/ files (MkDocs validates these)."""
    target = posixpath.relpath(to_md, posixpath.dirname(from_md) or ".")
    return f"{target}#{anchor}" if anchor else target


def url(from_md: str, to_url: str) -> str:
    """A relative URL from a page to a site path, for raw HTML, where MkDocs rewrites nothing."""
    here = posixpath.dirname(from_md)
    page_dir = here if from_md.endswith("index.md") else posixpath.join(here, posixpath.basename(from_md)[:-3])
    # posixpath.relpath, without its calls to the file system's idea of the current folder
    start = page_dir.split("/") if page_dir else []
    target = [part for part in to_url.split("/") if part]
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    relative = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    return relative + ("/" if to_url.endswith("/") else "")


def build_site(data: Dataset, settings: Settings) -> Site:
    entries: dict[str, Entry] = {}
    for kind, docs in data.docs.items():
        for entry_id, doc in sorted(docs.items()):
            date = dates.parse(doc.data["date"]) if kind == "events" else None
            if kind == "sources" and "date" in doc.data:
                date = dates.parse(doc.data["date"])
            verdict = data.vocab["verdicts"][doc.data["verdict"]]["name"] if kind == "claims" else None
            entries[entry_id] = Entry(kind, entry_id, doc.data, date, verdict_name=verdict)
    for entry in entries.values():
        cited = {c["source"] for c in entry.get("sources", []) + entry.get("seen_in", [])}
        cited |= {v["source"]["source"] for v in entry.get("values", [])}
        for source_id in sorted(cited):
            entries[source_id].cited_by.append(entry)
    versions = data.changelog.data["versions"] if data.changelog else []
    retired = data.retired.data if data.retired else {}
    gaps = data.gaps.data if data.gaps else {}
    key_numbers = data.key_numbers.data["numbers"] if data.key_numbers else []
    return Site(data.vocab, entries, settings, versions, retired, gaps, key_numbers)

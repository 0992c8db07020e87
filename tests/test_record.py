"""The record's targets (issue 14), on the real data: how much it holds, that every year since
the court list began is covered, that at least 35% of its citations are the issuing bodies' own
texts or full-text translations, that no title is a placeholder, and that the home page
credits no number to a repost. Each failure message gives the current number."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from scripts.tracker.checks import placeholder_in_title
from scripts.tracker.dataset import load_dataset
from scripts.tracker.model import Site, build_site
from scripts.tracker.pages import headline
from scripts.tracker.settings import load_settings

from .conftest import ROOT

YEARS = range(2013, 2026)  # the court list's first year to the last full year


@cache
def record() -> Site:
    return build_site(load_dataset(ROOT / "data"), load_settings(ROOT / "mkdocs.yml"))


def citations(site: Site) -> list[str]:
    """Every source reference: events' sources, each figure value's source, claims' sources and
    where each claim was seen (a source cited twice counts twice)."""
    refs = []
    for kind in ("events", "figures", "claims"):
        for entry in site.of_kind(kind):
            refs += [c["source"] for c in entry.get("sources", []) + entry.get("seen_in", [])]
            refs += [v["source"]["source"] for v in entry.get("values", [])]
    return refs


def test_the_record_holds_at_least_230_events() -> None:
    count = len(record().of_kind("events"))
    assert count >= 230, f"{count} events"


def test_at_least_20_figure_series_hold_at_least_200_values() -> None:
    figures = record().of_kind("figures")
    values = sum(len(f.data["values"]) for f in figures)
    assert len(figures) >= 20 and values >= 200, f"{len(figures)} figure series holding {values} values"


def test_the_record_cites_at_least_500_sources() -> None:
    count = len(record().of_kind("sources"))
    assert count >= 500, f"{count} sources"


def test_every_year_from_2013_to_2025_has_at_least_6_events() -> None:
    per_year = Counter(e.date.start.year for e in record().of_kind("events"))
    thin = {year: per_year[year] for year in YEARS if per_year[year] < 6}
    assert not thin, f"years with fewer than 6 events (year: events): {thin}"


def test_at_least_35_percent_of_citations_come_from_tiers_1_and_2() -> None:
    site = record()
    kinds = site.vocab["source-kinds"]
    refs = citations(site)
    tiers = Counter(site.entries[ref].tier(kinds) for ref in refs)
    share = (tiers[1] + tiers[2]) / len(refs)
    assert share >= 0.35, f"{share:.1%} of {len(refs)} citations from tiers 1-2 (by tier: {dict(sorted(tiers.items()))})"


def test_no_source_title_is_a_placeholder() -> None:
    found = [
        f"{s.id} {name}: {hit}"
        for s in record().of_kind("sources")
        for name in ("title", "title_en")
        if (hit := placeholder_in_title(s.data.get(name, "")))
    ]
    assert not found, f"{len(found)} placeholder titles:\n" + "\n".join(found)


def test_no_number_on_the_home_page_is_credited_to_a_tier_4_source() -> None:
    site = record()
    kinds = site.vocab["source-kinds"]
    text = headline(site)  # the home page's numbers, as docs/index.md includes them
    assert text.count("\n- **") == len(site.key_numbers) > 0  # one line per chosen number
    credited = re.findall(r"#src-([a-z0-9]+(?:-[a-z0-9]+)*)\)", text)
    low = [source_id for source_id in credited if site.entries[source_id].tier(kinds) > 2]
    assert not low, f"home-page numbers credited to sources below tier 2: {low}"
    for source in site.of_kind("sources"):  # nor is a lower-tier publisher named in the text
        if source.tier(kinds) == 4 and source.data["publisher"] not in {site.entries[n["figure"]].data["issuer"] for n in site.key_numbers}:
            assert f"source: {source.data['publisher']}" not in text

"""Timelines: the whole chronology, one page per year, and one per theme and per place.

Every list is oldest first in the page (the filter script can show it newest first). Year pages always exist, so an event's anchor on its year page
(/timeline/2019/#event-id) never moves. The all-in-one page is made only while it stays
small; theme and place timelines are split into pages of PAGE_SIZE events. Filtering by
category, place and status is done in the page by docs/assets/js/timeline-filter.js; with
JavaScript off, the theme and place pages give the same reach.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby

from . import markup
from .model import Entry, Site, url
from .render import generated_page, plain

ALL_IN_ONE_LIMIT = 1000  # events; beyond this /timeline/ lists years only (page-size budget)
PAGE_SIZE = 500  # events per theme or place timeline page


def place_chain(site: Site, key: str) -> list[str]:
    """The place and the places it lies within, innermost first. The check refuses unknown
    parents and loops (E324); stopping at a repeat here too keeps a build finite regardless."""
    chain: list[str] = []
    while key and key not in chain and key in site.vocab["places"]:
        chain.append(key)
        key = site.vocab["places"][key].get("parent")
    return chain


def place_label(site: Site, key: str) -> str:
    return ", ".join(site.vocab["places"][k]["name"] for k in place_chain(site, key))


def item(site: Site, e: Entry, from_md: str) -> str:
    """One timeline item: date at its precision, title link, place, categories, status, sources."""
    cats = ", ".join(site.vocab["categories"][c]["name"] for c in e.data["categories"])
    n = len(e.data["sources"])
    status = site.vocab["statuses"][e.data["status"]]["name"]
    attrs = (
        f'data-categories="{plain(" ".join(e.data["categories"]))}" data-places="{plain(" ".join(place_chain(site, e.data["place"])))}" '
        f'data-status="{plain(e.data["status"])}"'
    )
    # Timelines hold every event several times over (year, theme, place): keep items small.
    return (
        f'<li id="{plain(e.id)}" {attrs}>{e.date.html} '
        f'<a href="{url(from_md, e.url_path)}">{plain(e.title)}</a><br>'
        f'<span class="tl-meta">{plain(place_label(site, e.data["place"]))} · {plain(cats)} · '
        f"{plain(status)} · {n} source{'s' if n != 1 else ''}</span></li>"
    )


def by_year(site: Site, events: list[Entry], from_md: str, level: int = 2) -> str:
    out = []
    for year, group in groupby(events, key=lambda e: e.date.year):
        out.append(markup.heading(level, str(year), f"y{year}") + '<ol class="timeline">')
        out += [item(site, e, from_md) for e in group]
        out.append("</ol>\n")
    return "\n".join(out)


def filter_bar(site: Site, events: list[Entry]) -> str:
    """The filter controls' data: which categories, places and statuses occur here, with names."""
    used_places = {k for e in events for k in place_chain(site, e.data["place"])}
    labels = {
        "category": {k: v["name"] for k, v in site.vocab["categories"].items() if any(k in e.data["categories"] for e in events)},
        "place": {k: place_label(site, k) for k in site.vocab["places"] if k in used_places},
        "status": {k: v["name"] for k, v in site.vocab["statuses"].items() if any(e.data["status"] == k for e in events)},
    }
    return f'<div class="timeline-filter" data-labels="{plain(json.dumps(labels, ensure_ascii=False, sort_keys=True))}"></div>\n'


def tools(site: Site, events: list[Entry], browse_html: str = "") -> str:
    """The filters (drawn by docs/assets/js/timeline-filter.js, with the order: oldest or newest
    first) and any year, theme and place links, folded into one control so that on a phone the
    first events are on the first screen. Opened by the script when the address holds a filter."""
    summary = "Filter, order and browse by year, theme or place" if browse_html else "Filter and order"
    return f'<details class="timeline-tools">\n<summary>{summary}</summary>\n{filter_bar(site, events)}{browse_html}</details>\n'


def year_nav(years: list[int], year: int, from_md: str) -> str:
    i = years.index(year)
    parts = []
    if i > 0:
        parts.append(markup.link(url(from_md, f"timeline/{years[i - 1]}/"), f"← {years[i - 1]}"))
    parts.append(markup.link(url(from_md, "timeline/"), "All years"))
    if i + 1 < len(years):
        parts.append(markup.link(url(from_md, f"timeline/{years[i + 1]}/"), f"{years[i + 1]} →"))
    return '<nav class="year-nav" aria-label="Years">' + " · ".join(parts) + "</nav>\n"


def themes_and_places(site: Site, from_md: str) -> str:
    events = site.events_in_order()
    themes = [
        f"{markup.link(url(from_md, f'timeline/themes/{k}/'), plain(v['name']))} ({sum(k in e.data['categories'] for e in events)})"
        for k, v in site.vocab["categories"].items()
        if any(k in e.data["categories"] for e in events)
    ]
    counts: dict[str, int] = {}
    for e in events:
        for k in place_chain(site, e.data["place"]):
            counts[k] = counts.get(k, 0) + 1
    places = [
        f"{markup.link(url(from_md, f'timeline/places/{k}/'), plain(place_label(site, k)))} ({counts[k]})"
        for k in sorted(counts, key=lambda k: place_label(site, k))
    ]
    return markup.para("<strong>By theme:</strong> " + " · ".join(themes)) + markup.para("<strong>By place:</strong> " + " · ".join(places))


def overview(site: Site) -> str:
    p = "timeline/index.md"
    events = site.events_in_order()
    years = sorted({e.date.year for e in events})
    year_links = " · ".join(f"{markup.link(url(p, f'timeline/{y}/'), str(y))} ({sum(e.date.year == y for e in events)})" for y in years)
    intro = markup.title("Timeline") + markup.para(
        "Every event in the tracker, <strong>oldest first</strong> (or newest first, from the control below), "
        "dated as precisely as the sources allow."
    )
    browse = markup.para(f"<strong>By year:</strong> {year_links}") + themes_and_places(site, p)
    if len(events) > ALL_IN_ONE_LIMIT:
        body = browse + markup.para(f"The tracker holds {len(events):,} events: open a year above to read them.")
    else:
        body = tools(site, events, browse) + by_year(site, events, p)
    return generated_page("Timeline", "Every event in the tracker in date order.", intro + body, search={"exclude": True})


def pages(site: Site) -> Iterator[tuple[str, str]]:
    """Every timeline page, as (docs-relative path, text)."""
    yield "timeline/index.md", overview(site)
    events = site.events_in_order()
    years = sorted({e.date.year for e in events})
    for year in years:
        p = f"timeline/{year}/index.md"
        chosen = [e for e in events if e.date.year == year]
        body = markup.title(str(year)) + year_nav(years, year, p) + tools(site, chosen) + by_year(site, chosen, p, level=2)
        yield p, generated_page(f"Timeline: {year}", f"Events of {year}, in date order.", body + year_nav(years, year, p), search={"exclude": True})
    for key, info in site.vocab["categories"].items():
        chosen = [e for e in events if key in e.data["categories"]]
        yield from paged(site, f"timeline/themes/{key}", f"Timeline: {info['name']}", info.get("description", ""), chosen)
    used = {k for e in events for k in place_chain(site, e.data["place"])}
    for key in sorted(used):
        chosen = [e for e in events if key in place_chain(site, e.data["place"])]
        name = place_label(site, key)
        yield from paged(site, f"timeline/places/{key}", f"Timeline: {name}", f"Events in {name}, including places within it.", chosen)


def paged(site: Site, folder: str, title: str, description: str, events: list[Entry]) -> Iterator[tuple[str, str]]:
    if not events:
        return
    chunks = [events[i : i + PAGE_SIZE] for i in range(0, len(events), PAGE_SIZE)]
    paths = [f"{folder}/index.md"] + [f"{folder}/page-{n}/index.md" for n in range(2, len(chunks) + 1)]
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        nav = ""
        if len(chunks) > 1:
            nav = page_links(paths, n)
        back = markup.para(f"{markup.link(url(path, 'timeline/'), 'All events')} · {len(events)} events, oldest first.")
        intro = markup.title(plain(title)) + (markup.para(plain(description)) if description else "") + back
        body = intro + nav + tools(site, chunk) + by_year(site, chunk, path)
        yield path, generated_page(title, description or title, body + nav, search={"exclude": True})


def page_links(paths: list[str], n: int) -> str:
    """Links between the pages of a split listing, seen from page n (1-based)."""
    here = paths[n - 1]
    return markup.pager([(f"Page {i}", url(here, other.removesuffix("index.md")) if i != n else None) for i, other in enumerate(paths, start=1)])


def neighbours(site: Site, e: Entry) -> str:
    """Where an event sits in time: the events just before and after it, and its year page."""
    events = site.events_in_order()
    i = site.position(e)
    p = e.md_path
    rows = []
    if i > 0:
        before = events[i - 1]
        rows.append(f'<li>Before: <a href="{url(p, before.url_path)}">{plain(before.title)}</a> ({before.date.label})</li>')
    if i + 1 < len(events):
        after = events[i + 1]
        rows.append(f'<li>After: <a href="{url(p, after.url_path)}">{plain(after.title)}</a> ({after.date.label})</li>')
    rows.append(f'<li><a href="{url(p, f"timeline/{e.date.year}/")}#{e.id}">This event in the {e.date.year} timeline</a></li>')
    return markup.heading(2, "In time", "in-time", searched=False) + "<ul data-pagefind-ignore>" + "".join(rows) + "</ul>\n"

"""Timelines: the whole chronology, one page per year, and one per theme and per place.

Every list is oldest first. Year pages always exist, so an event's anchor on its year page
(/timeline/2019/#event-id) never moves. The all-in-one page is made only while it stays
small; theme and place timelines are split into pages of PAGE_SIZE events. Filtering by
category, place and status is done in the page by docs/assets/js/timeline-filter.js; with
JavaScript off, the theme and place pages give the same reach.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby

from .model import Entry, Site, link, url
from .render import front_matter, md_text, plain

ALL_IN_ONE_LIMIT = 1000  # events; beyond this /timeline/ lists years only (page-size budget)
PAGE_SIZE = 500  # events per theme or place timeline page


def place_chain(site: Site, key: str) -> list[str]:
    chain = []
    while key:
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
        f'data-categories="{" ".join(e.data["categories"])}" data-places="{" ".join(place_chain(site, e.data["place"]))}" '
        f'data-status="{e.data["status"]}"'
    )
    # Raw HTML, not Markdown: timelines hold every event several times over (year, theme,
    # place), and Markdown processing of each item was a large share of the build.
    return (
        f'<li id="{e.id}" {attrs}><time datetime="{e.date.iso}">{e.date.label}</time> '
        f'<a href="{url(from_md, e.url_path)}">{plain(e.title)}</a><br>'
        f'<span class="tl-meta">{plain(place_label(site, e.data["place"]))} · {plain(cats)} · '
        f"{plain(status)} · {n} source{'s' if n != 1 else ''}</span></li>"
    )


def by_year(site: Site, events: list[Entry], from_md: str, heading: str = "##") -> str:
    out = []
    for year, group in groupby(events, key=lambda e: e.date.year):
        out.append(f'{heading} {year} {{#y{year}}}\n\n<ol class="timeline">')
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
    return f'<div class="timeline-filter" data-labels="{plain(json.dumps(labels, ensure_ascii=False, sort_keys=True))}"></div>\n\n'


def year_nav(years: list[int], year: int, from_md: str) -> str:
    i = years.index(year)
    parts = []
    if i > 0:
        parts.append(f"[← {years[i - 1]}]({link(from_md, f'timeline/{years[i - 1]}/index.md')})")
    parts.append(f"[All years]({link(from_md, 'timeline/index.md')})")
    if i + 1 < len(years):
        parts.append(f"[{years[i + 1]} →]({link(from_md, f'timeline/{years[i + 1]}/index.md')})")
    return '<nav class="year-nav" markdown="span">' + " · ".join(parts) + "</nav>\n\n"


def themes_and_places(site: Site, from_md: str) -> str:
    events = site.events_in_order()
    themes = [
        f"[{md_text(v['name'])}]({link(from_md, f'timeline/themes/{k}/index.md')}) ({sum(k in e.data['categories'] for e in events)})"
        for k, v in site.vocab["categories"].items()
        if any(k in e.data["categories"] for e in events)
    ]
    counts: dict[str, int] = {}
    for e in events:
        for k in place_chain(site, e.data["place"]):
            counts[k] = counts.get(k, 0) + 1
    places = [
        f"[{md_text(place_label(site, k))}]({link(from_md, f'timeline/places/{k}/index.md')}) ({counts[k]})"
        for k in sorted(counts, key=lambda k: place_label(site, k))
    ]
    return "**By theme:** " + " · ".join(themes) + "\n\n**By place:** " + " · ".join(places) + "\n"


def overview(site: Site) -> str:
    p = "timeline/index.md"
    events = site.events_in_order()
    years = sorted({e.date.year for e in events})
    year_links = " · ".join(f"[{y}]({link(p, f'timeline/{y}/index.md')}) ({sum(e.date.year == y for e in events)})" for y in years)
    intro = (
        "# Timeline\n\nEvery event in the tracker, **oldest first**, with its date at the precision the sources "
        "support. Filter below by theme, place or status, or open a year, theme or place on a page of its own.\n\n"
        f"**By year:** {year_links}\n\n" + themes_and_places(site, p) + "\n"
    )
    if len(events) > ALL_IN_ONE_LIMIT:
        body = f"The tracker holds {len(events):,} events: open a year above to read them.\n"
    else:
        body = filter_bar(site, events) + by_year(site, events, p)
    return front_matter("Timeline", "Every event in the tracker in date order.", search={"exclude": True}) + intro + body + "\n"


def pages(site: Site) -> Iterator[tuple[str, str]]:
    """Every timeline page, as (docs-relative path, text)."""
    yield "timeline/index.md", overview(site)
    events = site.events_in_order()
    years = sorted({e.date.year for e in events})
    for year in years:
        p = f"timeline/{year}/index.md"
        chosen = [e for e in events if e.date.year == year]
        body = f"# {year}\n\n" + year_nav(years, year, p) + filter_bar(site, chosen) + by_year(site, chosen, p, heading="###")
        yield (
            p,
            front_matter(f"Timeline: {year}", f"Events of {year}, in date order.", search={"exclude": True}) + body + "\n" + year_nav(years, year, p),
        )
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
            nav = " · ".join(f"[Page {i}]({link(path, other)})" if i != n else f"Page {i}" for i, other in enumerate(paths, start=1))
            nav = f'<nav class="year-nav" markdown="span">{nav}</nav>\n\n'
        back = f"[All events]({link(path, 'timeline/index.md')}) · {len(events)} events, oldest first.\n\n"
        body = f"# {md_text(title)}\n\n{md_text(description)}\n\n" + back + nav + filter_bar(site, chunk) + by_year(site, chunk, path)
        yield path, front_matter(title, description or title, search={"exclude": True}) + body + "\n" + nav


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
    return "## In time {#in-time}\n\n<ul data-pagefind-ignore>" + "".join(rows) + "</ul>\n"

"""Model -> pages. One function per page type; each returns (docs-relative path, text).

Generated pages are front matter plus finished HTML (see markup.py and scripts/mkdocs_hooks.py,
which hands that HTML to MkDocs without running Markdown over it). Plain fields are escaped with
render.plain; contributed Markdown arrives here already rendered and sanitised. Internal links are
relative URLs; tests/test_hardening.py checks that every one of them resolves. The snippets at the
end are Markdown, because hand-written pages include them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from . import charts, dates, markup, names, timelines
from .citable import changelog_page, cite_section, coins, correction_link, head_meta, source_coins, tombstone_page
from .model import TIER_NAMES, Entry, Site, evidence, link, url, value_date, value_label
from .render import first_sentence, generated_page, markdown_to_html, md_text, plain
from .timelines import place_label

KIND_TITLES = {"events": "Events", "figures": "Figures", "claims": "Claims", "sources": "Sources"}


def vocab_name(site: Site, vocab: str, key: str) -> str:
    return site.vocab[vocab][key]["name"]


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


# ---------------------------------------------------------------- pieces shared by entry pages


def source_citation_html(site: Site, entry: Entry, cite: dict, from_md: str) -> str:
    """One numbered reference: title (English title), publisher, date, language, links."""
    source = site.entries[cite["source"]]
    s = source.data
    parts = [f'<a href="{url(from_md, source.url_path)}">{plain(s["title"])}</a>']
    if "title_en" in s:
        parts[0] += f' <span class="title-en">({plain(s["title_en"])})</span>'
    if s.get("authors"):
        parts.append(names.html(s["authors"]))
    parts.append(plain(s["publisher"]))
    if s.get("repost_of"):
        parts.append(f"Repost of {plain(s['repost_of'])}")
    parts.append(f"Published {source.date.label}" if source.date else "Publication date not shown")
    parts.append(plain(site.vocab["languages"][s["language"]]["name"]))
    line = ". ".join(parts) + "."
    # say what each link is: the publisher's own page, a copy of it elsewhere, or a translation
    label = "repost" if s.get("repost_of") else "translation" if s["kind"] == "translation" else "original"
    links = [f'<a href="{plain(s["url"])}" rel="noopener noreferrer" class="external">{label}</a>']
    if s.get("archive_url"):
        links.append(f'<a href="{plain(s["archive_url"])}" rel="noopener noreferrer" class="external">archived copy</a>')
    line += " " + " · ".join([tier_badge(site, source, from_md), *links])
    if cite.get("locator"):
        line += f' <span class="locator">({plain(cite["locator"])})</span>'
    if cite.get("note"):
        line += f' <span class="cite-note">{plain(cite["note"])}</span>'
    return line


def tier_badge(site: Site, source: Entry, from_md: str, long: bool = False) -> str:
    """The source's tier, linking to the methodology's definition: "Tier 2" in reference lists,
    "Tier 2 · full-text translation" on the source's own page."""
    n = source.tier(site.vocab["source-kinds"])
    text = f"Tier {n} · {TIER_NAMES[n]}" if long else f"Tier {n}"
    href = f"{url(from_md, 'methodology/')}#source-tiers"
    return f'<a class="source-tier source-tier-{n}" href="{plain(href)}" title="Source tier {n}: {plain(TIER_NAMES[n])}">{plain(text)}</a>'


def sources_section(
    site: Site, entry: Entry, cites: list[dict], from_md: str, heading: str = "Sources", anchor: str = "sources", start: int = 1
) -> str:
    """A numbered reference list. Each item's anchor (#src-<id>, or #seen-<id> for where a claim
    was made) is stable, so an article can link straight to the evidence."""
    prefix = "seen" if anchor == "seen-in" else "src"
    items = [f'<li id="{prefix}-{plain(c["source"])}">{source_citation_html(site, entry, c, from_md)}</li>' for c in cites]
    first = f' start="{start}"' if start != 1 else ""
    return markup.heading(2, heading, anchor) + f'<ol class="sources"{first}>\n' + "\n".join(items) + "\n</ol>\n"


def summary_html(site: Site, entry: Entry, numbers: dict[str, tuple[str, int]]) -> str:
    """The entry's own text, with each [@id] marker turned into a link to its numbered source."""

    def cite(source_id: str) -> str:
        anchor, number = numbers[source_id]
        return f'<sup class="cite"><a href="#{anchor}">[{number}]</a></sup>'

    return '<div class="summary">\n' + markdown_to_html(entry.data["summary"], cite, site.glossary_hints) + "\n</div>\n"


def numbered(cites: list[dict], prefix: str = "src", start: int = 1) -> dict[str, tuple[str, int]]:
    """source id -> (anchor, number) as the reference list will show them."""
    return {c["source"]: (f"{prefix}-{c['source']}", i) for i, c in enumerate(cites, start=start)}


# The rows of an entry's metadata whose values are searched (a figure's measure and issuer, a
# place); the rest (status, record dates, labels) would clutter search excerpts, and the kind,
# status or verdict and date are shown with each result from search_meta instead.
SEARCHED_ROWS = ("Measures", "Issued by", "Place")


def meta_table(rows: list[tuple[str, str]]) -> str:
    """Label and value: escaped or built by us. (The space keeps them apart in search excerpts.)"""
    ignore = " data-pagefind-ignore"
    searched = {label: "" for label in SEARCHED_ROWS} | {"Measures": ' data-pagefind-weight="7"'}  # a figure's definition
    items = [f"<dt{ignore}>{label}</dt> <dd{searched.get(label, ignore)}>{value}</dd>" for label, value in rows]
    return '<dl class="entry-meta">\n' + "\n".join(items) + "\n</dl>\n"


VERDICT_ICONS = {  # shown beside the word (never instead of it), hidden from screen readers
    "supported": "\u2714",  # heavy check mark
    "partly-supported": "\u25d0",  # circle with left half black
    "misleading": "\u26a0",  # warning sign
    "unsupported": "?",
    "false": "\u2718",  # heavy ballot x
}


def verdict_badge(site: Site, from_md: str, verdict: str, linked: bool = True) -> str:
    """The verdict as a badge: icon and word (readable without colour), coloured by verdict,
    linking to its section of the rubric."""
    icon = VERDICT_ICONS.get(verdict, "\u2022")
    inner = f'<span class="verdict-icon" aria-hidden="true">{icon}</span> {plain(vocab_name(site, "verdicts", verdict))}'
    if linked:
        return markup.link(f"{url(from_md, 'methodology/')}#verdict-{verdict}", inner, f"verdict-badge verdict-{verdict}")
    return f'<span class="verdict-badge verdict-{verdict}">{inner}</span>'


def evidence_status(site: Site, from_md: str, status: str) -> str:
    """The evidence status, quieter than the verdict: a label and a link, with what it means
    shown on hover and on keyboard focus (CSS only) and always available to screen readers."""
    meaning = plain(site.vocab["statuses"][status].get("description", ""))
    tip_id = f"status-tip-{status}"
    return (
        f'<span class="evidence-status"><span class="evidence-label">Evidence:</span> '
        f'<a class="status-quiet" href="{url(from_md, "methodology/")}#statuses" aria-describedby="{tip_id}">'
        f"{plain(vocab_name(site, 'statuses', status))}</a>"
        f'<span class="evidence-tip" role="tooltip" id="{tip_id}">{meaning}</span></span>'
    )


def claimant_text(site: Site, claim: Entry) -> str:
    c = claim.data["claimant"]
    kind = plain(site.vocab["claimant-kinds"][c["kind"]]["name"])
    when = dates.parse(c["first_seen"]).label
    return f'{plain(c["name"])} <span class="claimant-kind">({kind})</span>, first seen {when}'


def search_meta(site: Site, entry: Entry) -> str:
    """What a search result says about its page (Pagefind metadata, shown by the search page):
    the kind, the verdict or status, and the date. Text
    content, escaped, in an element readers never see."""
    d = entry.data
    kind = entry.kind[:-1].capitalize()
    if entry.kind == "claims":
        judged = ("verdict", vocab_name(site, "verdicts", d["verdict"]))
        when = f"reviewed {dates.parse(d['reviewed']).label}"
    else:
        judged = ("status", vocab_name(site, "statuses", d["status"]))
        when = entry.date.label if entry.kind == "events" else f"latest value {value_label(d['values'][-1])}"
    meta = [("kind", kind), judged, ("date", when)]
    # The search page's filters. Pagefind writes their index in no fixed order; search_index.py
    # puts it in one after each build, so two builds of one commit stay byte-identical.
    filters = [("kind", kind)] + [("category", vocab_name(site, "categories", c)) for c in d.get("categories", [])]
    spans = [f'<span data-pagefind-meta="{key}">{plain(value)}</span>' for key, value in meta]
    spans += [f'<span data-pagefind-filter="{key}">{plain(value)}</span>' for key, value in filters]
    return '<div class="search-meta" hidden data-pagefind-ignore="index">' + "".join(spans) + "</div>\n"


def status_link(site: Site, from_md: str, status: str) -> str:
    """The status, explained on hover and focus (its definition, shown by Material's tooltips)
    and in the methodology, where the link leads."""
    name = plain(vocab_name(site, "statuses", status))
    hint = plain(site.vocab["statuses"][status].get("description", ""))
    return f'<a class="status status-{plain(status)}" href="{url(from_md, "methodology/")}#statuses" title="{hint}">{name}</a>'


def categories_links(site: Site, entry: Entry) -> str:
    return ", ".join(plain(vocab_name(site, "categories", c)) for c in entry.get("categories", []))


def record_rows(entry: Entry) -> list[tuple[str, str]]:
    return [("Added", entry.data["added"]), ("Last reviewed", entry.data["reviewed"])]


def related_section(site: Site, entry: Entry, from_md: str) -> str:
    related = [site.entries[i] for i in entry.get("related", []) if i in site.entries]
    if not related:
        return ""
    items = "".join(f'<li><a href="{url(from_md, r.url_path)}">{plain(r.title)}</a> <span class="kind">{r.kind[:-1]}</span></li>' for r in related)
    return markup.heading(2, "Related entries", "related", searched=False) + f"<ul data-pagefind-ignore>{items}</ul>\n"


def corrections_section(site: Site, entry: Entry) -> str:
    """The entry's correction history (from its own data), then how to cite it and correct it
    (and, for searched kinds, what search shows about the page)."""
    items = entry.get("corrections", [])
    history = markup.heading(2, "Corrections", "corrections")
    if items:
        history += markup.bullets(f"{c['date']}: {plain(c['note'])}" for c in items)
    else:
        history += markup.para(f"No corrections since this entry was added on {entry.data['added']}.")
    searched = search_meta(site, entry) if entry.kind != "sources" else ""
    return history + correction_link(site, entry) + cite_section(site, entry) + searched


def reposts_notice(site: Site, entry: Entry) -> str:
    """Readers must see when an entry rests only on copies (tier 4), whatever its status says."""
    kinds, ids = site.vocab["source-kinds"], evidence(entry.data)
    if ids and all(site.entries[i].tier(kinds) == 4 for i in ids):
        return markup.admonition(
            "warning",
            "Reposts only",
            markup.para(
                "Every source of this entry is a repost, aggregator or blog copy (tier 4 in the "
                + markup.link(f"{url(entry.md_path, 'methodology/')}#source-tiers", "source tiers")
                + "); the original publisher's version could not be reached. Treat it with caution."
            ),
        )
    return ""


def gaps_notice(site: Site, entry: Entry) -> str:
    """What the tracker looked for about this entry and could not find (data/gaps.yaml)."""
    gaps = site.gaps_about(entry.id)
    if not gaps:
        return ""
    items = [f"{markup.link(url(entry.md_path, 'gaps/') + '#' + key, plain(gap['title']))}: {plain(gap['why'])}" for key, gap in gaps]
    return markup.admonition("info", "Known gap" if len(gaps) == 1 else "Known gaps", markup.bullets(items))


def h1(title: str) -> str:
    """An entry's title: what search weighs most (a figure's name, an event's title)."""
    return markup.title(plain(title), weight=10)


# ---------------------------------------------------------------- entry pages


def event_page(site: Site, e: Entry) -> str:
    p = e.md_path
    rows = [
        ("Date", e.date.html),
        ("Place", plain(place_label(site, e.data["place"]))),
        ("Categories", categories_links(site, e)),
        ("Status", status_link(site, p, e.data["status"])),
        *record_rows(e),
    ]
    return generated_page(
        e.title,
        first_sentence(e.data["summary"]),
        h1(e.title)
        + meta_table(rows)
        + reposts_notice(site, e)
        + gaps_notice(site, e)
        + summary_html(site, e, numbered(e.data["sources"]))
        + timelines.neighbours(site, e)
        + related_section(site, e, p)
        + sources_section(site, e, e.data["sources"], p)
        + corrections_section(site, e),
        **head_meta(site, e),
    )


def value_anchor(value: dict) -> str:
    """A figure value's stable anchor, from its date: #value-2018-12-31, #value-before-2019-02."""
    return "value-" + re.sub(r"[^0-9a-z]+", "-", value_date(value).lower()).strip("-")


def chart_downloads(site: Site, f: Entry) -> str:
    """Download and embed: the chart as SVG and PNG, with a caption and citation to paste."""
    p = f.md_path
    svg_url = site.settings.absolute(f"downloads/charts/{f.id}.svg")
    citation = f"{f.title}. {site.settings.site_name}, dataset version {site.version}. {site.settings.absolute(f.url_path)}"
    # HTML that readers paste into their own pages: every value escaped for where it goes there
    embed = f'<figure><img src="{plain(svg_url)}" alt="{plain(f.title)}" width="700"><figcaption>{plain(citation)}</figcaption></figure>'
    svg = markup.link(url(p, f"downloads/charts/{f.id}.svg"), "SVG")
    png = markup.link(url(p, f"downloads/charts/{f.id}.png"), "PNG")
    csv = markup.link(url(p, f"downloads/charts/{f.id}.csv"), "CSV")
    return markup.para(f"Download the chart as {svg} or {png}, or its values as {csv}. To embed the chart, paste:") + markup.code_block(plain(embed))


def figure_page(site: Site, f: Entry) -> str:
    p = f.md_path
    d = f.data
    counting = {"cumulative": "Cumulative (running total)", "per-period": "Per period", "snapshot": "Snapshot (stock at a date)"}
    rows = [
        ("Measures", plain(d["measure"])),
        ("Unit", plain(d["unit"]) + f" (counts {d['counts'].replace('-', ' ')})"),
        ("Counting", counting[d["counting"]]),
        ("Issued by", plain(d["issuer"])),
        ("Place", plain(place_label(site, d["place"]))),
        ("Categories", categories_links(site, f)),
        ("Status", status_link(site, p, d["status"])),
        ("Latest value", f'<a href="#{value_anchor(d["values"][-1])}">{value_label(d["values"][-1])}</a>'),
        *record_rows(f),
    ]
    caveats = ""
    if d.get("caveats"):
        caveats = markup.admonition("warning", "Read before using these numbers", markup.bullets(plain(c) for c in d["caveats"]))
    listed = [{"source": i} for i in dict.fromkeys(v["source"]["source"] for v in d["values"])]
    numbers = numbered(listed)
    rows_of_values = []
    for v in d["values"]:
        qualifier = f"{v['qualifier']} " if v.get("qualifier") else ""
        src = v["source"]
        locator = f", {plain(src['locator'])}" if src.get("locator") else ""
        rows_of_values.append(
            [
                f'<span id="{value_anchor(v)}"></span>{value_label(v)}',
                f"{qualifier}{number(v['value'])}",
                markup.link(f"#src-{src['source']}", f"[{numbers[src['source']][1]}]") + locator,
                plain(v.get("note", "")),
            ]
        )
    table = markup.table([("When", "left"), ("Value", "right"), ("Source", "left"), ("Note", "left")], rows_of_values)
    return generated_page(
        f.title,
        first_sentence(d["summary"]),
        h1(f.title)
        + meta_table(rows)
        + caveats
        + reposts_notice(site, f)
        + gaps_notice(site, f)
        + summary_html(site, f, numbers)
        + markup.heading(2, "Chart", "chart")
        + f'<figure class="chart-figure">\n{charts.svg(f)}\n<figcaption>{plain(f.title)}. Source: {plain(d["issuer"])}, '
        + "as cited for each value below. Values and sources are in the table; point at a value, or move to it "
        + "with the Tab key, to read it here.</figcaption>\n</figure>\n"
        + chart_downloads(site, f)
        + markup.heading(2, "Values", "values")
        + markup.para(f"Unit: {plain(d['unit'])}.")
        + table
        + related_section(site, f, p)
        + sources_section(site, f, listed, p)
        + corrections_section(site, f),
        **head_meta(site, f),
    )


def claim_page(site: Site, c: Entry) -> str:
    p = c.md_path
    d = c.data
    verdict = d["verdict"]
    rows = [("Claim made by", claimant_text(site, c))]
    if d.get("categories"):
        rows.append(("Categories", categories_links(site, c)))
    rows += record_rows(c)
    seen_in = d.get("seen_in", [])
    seen = sources_section(site, c, seen_in, p, "Where the claim was made", "seen-in", len(d["sources"]) + 1) if seen_in else ""
    verdict_box = (
        f'<div class="verdict-box verdict-box-{verdict}">\n'
        + markup.para(f'<span class="verdict-label">Verdict:</span> {verdict_badge(site, p, verdict)}', "verdict-line")
        + markup.para(plain(d["verdict_reason"]), "verdict-reason")
        + markup.para(evidence_status(site, p, d["status"]), "verdict-status")
        + "</div>\n"
    )
    return generated_page(
        c.title,
        f"{c.verdict_name}: {d['verdict_reason']}",
        h1(c.title)  # verdict first here too: search results take their title from the h1
        + verdict_box
        + markup.admonition("quote", "The claim", markup.para(plain(d["claim"])))
        + meta_table(rows)
        + reposts_notice(site, c)
        + markup.heading(2, "What the evidence shows", "evidence")
        + summary_html(site, c, numbered(seen_in, "seen", len(d["sources"]) + 1) | numbered(d["sources"]))
        + related_section(site, c, p)
        + sources_section(site, c, d["sources"], p, heading="Evidence")
        + seen
        + corrections_section(site, c),
        **head_meta(site, c),
    )


def _sources_by_title(site: Site) -> dict[str, list[Entry]]:
    """Sources grouped by displayed title, worked out once per site (kept on the site object)."""
    groups = site.__dict__.get("_sources_by_title")
    if groups is None:
        groups = {}
        for o in site.of_kind("sources"):
            groups.setdefault(o.data.get("title_en") or o.data["title"], []).append(o)
        object.__setattr__(site, "_sources_by_title", groups)
    return groups


def _twins(site: Site, s: Entry) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """The records sharing this one's title; of those, its publisher; of those, its date (the
    pages of one multi-page document, such as a white paper's sections, share all three)."""
    same_title = _sources_by_title(site)[s.data.get("title_en") or s.data["title"]]
    same_publisher = [o for o in same_title if o.data["publisher"] == s.data["publisher"]]
    return same_title, same_publisher, [o for o in same_publisher if o.date == s.date]


def source_page_title(site: Site, s: Entry) -> str:
    """The title, made unique where copies of one article (or untitled pages) share it: then
    with the publisher, and the date if that is not enough, and the id if that is not either."""
    title = s.data.get("title_en") or s.data["title"]
    same_title, same_publisher, same_day = _twins(site, s)
    if len(same_title) == 1:
        return title
    if len(same_publisher) == 1:
        return f"{title} ({s.data['publisher']})"
    if s.date and len(same_day) == 1:
        return f"{title} ({s.data['publisher']}, {s.date.label})"
    return f"{title} ({', '.join([s.data['publisher'], *([s.date.label] if s.date else []), s.id])})"


def source_description(site: Site, s: Entry) -> str:
    """Unique per record: the document's title, publisher, date and (if not English) language,
    which tells apart a report's English and German pages; the address, for the pages of one
    multi-page document."""
    d = s.data
    when = s.date.label if s.date else "undated"
    language = "" if d["language"] == "en" else f", in {site.vocab['languages'][d['language']]['name']}"
    where = f", page at {d['url']}" if len(_twins(site, s)[2]) > 1 else ""
    return f"The tracker's record of a document: {d.get('title_en') or d['title']} ({d['publisher']}, {when}{language}{where})."


def document_rows(document: dict | None) -> list[tuple[str, str]]:
    """The official document behind a copy (a law, a notice): its Chinese title, number (文号),
    issuing bodies and issue date, which a reader needs to find any other copy of it."""
    if not document:
        return []
    rows = []
    if document.get("title_zh"):
        rows.append(("Document title", f'<span lang="zh">{plain(document["title_zh"])}</span>'))
    if document.get("number"):
        rows.append(("Document number (文号)", f'<span lang="zh">{plain(document["number"])}</span>'))
    rows.append(("Issuing bodies", "; ".join(plain(i) for i in document["issuers"])))
    if document.get("issued"):
        rows.append(("Issued", dates.parse(document["issued"]).html))
    return rows


def source_page(site: Site, s: Entry) -> str:
    p = s.md_path
    d = s.data
    rows = [("Title", plain(d["title"]))]
    if "title_en" in d:
        rows.append(("English title", plain(d["title_en"])))
    if d.get("authors"):
        rows.append(("Authors", names.html(d["authors"])))
    rows += [
        ("Publisher", plain(d["publisher"])),
        ("Published", s.date.html if s.date else "date not shown"),
        ("Language", plain(site.vocab["languages"][d["language"]]["name"])),
        ("Kind", plain(vocab_name(site, "source-kinds", d["kind"]))),
        ("Tier", tier_badge(site, s, p, long=True)),
        ("Address", f'<a href="{plain(d["url"])}" rel="noopener noreferrer" class="external">{plain(d["url"])}</a>'),
    ]
    if d.get("archive_url"):
        rows.append(
            (
                "Archived copy",
                f'<a href="{plain(d["archive_url"])}" rel="noopener noreferrer" class="external">{plain(d["archive_url"])}</a>',
            )
        )
    else:
        rows.append(("Archived copy", "none recorded yet"))
    if d.get("repost_of"):
        rows.append(("Repost of", plain(d["repost_of"])))
    rows += document_rows(d.get("document"))
    rows += record_rows(s)
    notes = markup.para(plain(d["notes"])) if d.get("notes") else ""
    cited = markup.bullets(f'{markup.link(url(p, e.url_path), plain(e.title))} <span class="kind">{e.kind[:-1]}</span>' for e in s.cited_by)
    title = d.get("title_en") or d["title"]
    # what an untitled copy is: shown apart from the title, and never part of any citation
    title_note = markup.para(f"No headline on the copy: {plain(d['title_note'])}", "title-note") if d.get("title_note") else ""
    return generated_page(
        source_page_title(site, s),
        source_description(site, s),
        h1(title) + title_note + meta_table(rows) + notes + markup.heading(2, "Cited by", "cited-by") + cited + corrections_section(site, s),
        # source records stay out of the search index (they are most of the entries; their titles
        # are found through the entries that cite them and the bibliography page)
        search={"exclude": True},
        **head_meta(site, s),
    )


# ---------------------------------------------------------------- listing pages


# Listings repeat their entries' titles and figures: in search results they would stand beside
# (or above) the entries themselves, so search sends readers to the entries only.
LISTING_NOT_SEARCHED = {"exclude": True}


def paged_listing(
    site: Site,
    folder: str,
    title: str,
    description: str,
    intro: Callable[[str], str],
    columns: list[tuple[str, str]],
    items: list[Entry],
    row: Callable[[str, Entry], list[str]],
) -> Iterator[tuple[str, str]]:
    """A table split into pages (mkdocs.yml extra.tracker.list_page_size rows, 500 by default), so
    that no page grows with the data: the rest goes on at /<folder>/page-2/ and so on. The id
    pattern reserves page-<n>, so these folders never clash with an entry's page."""
    size = site.settings.list_page_size
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    paths = [f"{folder}/index.md"] + [f"{folder}/page-{n}/index.md" for n in range(2, len(chunks) + 1)]
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        nav = count = ""
        if len(chunks) > 1:
            nav = timelines.page_links(paths, n)
            first = (n - 1) * size + 1
            count = markup.para(f"Rows {first:,}–{first + len(chunk) - 1:,} of {len(items):,}.")
        heading = title if n == 1 else f"{title}, page {n}"
        table = markup.table(columns, [row(path, item) for item in chunk])
        body = markup.title(plain(heading)) + intro(path) + count + nav + table + nav
        said = description if n == 1 else f"{description} Page {n} of {len(chunks)}."  # each page's own description
        yield path, generated_page(heading, said, body, search=LISTING_NOT_SEARCHED)


def events_index(site: Site) -> Iterator[tuple[str, str]]:
    def row(p: str, e: Entry) -> list[str]:
        return [
            e.date.label,
            markup.link(url(p, e.url_path), plain(e.title)),
            plain(site.vocab["places"][e.data["place"]]["name"]),
            plain(vocab_name(site, "statuses", e.data["status"])),
            f"{len(e.data['sources'])} {coins(site, e)}",
        ]

    def intro(p: str) -> str:
        return markup.para(f"Every event, oldest first. The {markup.link(url(p, 'timeline/'), 'timeline')} shows them by year, theme and place.")

    columns = [("Date", "left"), ("Event", "left"), ("Place", "left"), ("Status", "left"), ("Sources", "right")]
    yield from paged_listing(site, "events", "Events", "Every event in the tracker, oldest first.", intro, columns, site.of_kind("events"), row)


def figures_index(site: Site) -> str:
    p = "figures/index.md"
    cards = []
    for f in site.of_kind("figures"):
        last = f.data["values"][-1]
        qualifier = f"{last['qualifier']} " if last.get("qualifier") else ""
        cards.append(
            '<div class="figure-card">\n'
            + markup.heading(3, markup.link(url(p, f.url_path), plain(f.title)), f.id)
            + f'<figure class="spark">{charts.sparkline(f)}</figure>\n'
            + markup.para(
                f"Latest: <strong>{qualifier}{number(last['value'])}</strong> {plain(f.data['unit'])}, {value_label(last)}. "
                f"{len(f.data['values'])} values; {f.data['counting']}; counts {f.data['counts'].replace('-', ' ')}; "
                f"issued by {plain(f.data['issuer'])}. {coins(site, f)}"
            )
            + "</div>"
        )
    intro = markup.para(
        "Numbers as dated series: official statistics first, then estimates made by the press or market researchers, "
        "which are listed apart because no state body stands behind them. Before using a number, read what it counts: "
        + markup.link(f"{url(p, 'methodology/')}#figures", "how figures are read")
        + ". Where a series stops, the "
        + markup.link(url(p, "gaps/"), "known gaps")
        + " say what was searched for later values."
    )
    groups = (
        ("official-statistics", "Official statistics", "Published by the state body that keeps the count."),
        ("estimate", "Estimates", "From the press, market research or other outside estimators; methods vary and are often unstated."),
        (None, "Not yet classified", "Series whose origin has not been recorded yet."),
    )
    body = markup.title("Figures") + intro
    for origin, heading, note in groups:
        chosen = [card for f, card in zip(site.of_kind("figures"), cards, strict=True) if f.data.get("origin") == origin]
        if chosen:
            anchor = origin or "unclassified"
            body += markup.heading(2, heading, anchor) + markup.para(note) + '<div class="figure-grid">\n' + "\n".join(chosen) + "\n</div>\n"
    return generated_page("Figures", "Official statistics and estimates as dated series.", body, search=LISTING_NOT_SEARCHED)


def claims_index(site: Site) -> str:
    """Claims grouped by verdict and by who made them, with counts: plain grouped lists and a
    table of counts whose cells link to the groups, so it works without JavaScript."""
    p = "claims/index.md"
    claims = site.of_kind("claims")
    verdicts = site.vocab["verdicts"]
    kinds = site.vocab["claimant-kinds"]
    by_verdict = {v: [c for c in claims if c.data["verdict"] == v] for v in verdicts}
    by_kind = {k: [c for c in claims if c.data["claimant"]["kind"] == k] for k in kinds}

    def item(c: Entry) -> str:
        who = plain(c.data["claimant"]["name"])
        return (
            f"{verdict_badge(site, p, c.data['verdict'], linked=False)} {markup.link(url(p, c.url_path), plain(c.name))} "
            f'<span class="claimant-note">({who})</span> {coins(site, c)}'
        )

    header = [("Made by", "left")] + [(verdict_badge(site, p, v, linked=False), "right") for v in verdicts] + [("All", "right")]
    rows = []
    for k, info in kinds.items():
        if not by_kind[k]:
            continue
        counts = [sum(1 for c in by_kind[k] if c.data["verdict"] == v) for v in verdicts]
        rows.append([markup.link(f"#made-by-{k}", plain(info["name"]))] + [str(n) if n else "" for n in counts] + [str(len(by_kind[k]))])
    rows.append(["All"] + [markup.link(f"#verdict-{v}", str(len(by_verdict[v]))) if by_verdict[v] else "0" for v in verdicts] + [str(len(claims))])
    jump_verdicts = " · ".join(
        markup.link(f"#verdict-{v}", f"{plain(info['name'])} ({len(by_verdict[v])})") if by_verdict[v] else f"{plain(info['name'])} (0)"
        for v, info in verdicts.items()
    )
    jump_kinds = " · ".join(markup.link(f"#made-by-{k}", f"{plain(info['name'])} ({len(by_kind[k])})") for k, info in kinds.items() if by_kind[k])
    out = [
        markup.title("Claims"),
        markup.para(
            f"{len(claims)} claims that circulate about the system, each rated by the same written rubric whoever made it: "
            + markup.link(f"{url(p, 'methodology/')}#verdicts", "how verdicts are decided")
            + "."
        ),
        '<nav class="claim-filters" aria-label="Claims by verdict and by who made them">'
        + markup.para("By verdict: " + jump_verdicts)
        + markup.para("By who made the claim: " + jump_kinds)
        + "</nav>\n",
        markup.table(header, rows),
        markup.heading(2, "By verdict", "by-verdict"),
    ]
    for v, info in verdicts.items():
        if by_verdict[v]:
            out.append(markup.heading(3, f"{plain(info['name'])} ({len(by_verdict[v])})", f"verdict-{v}"))
            out.append(markup.bullets(item(c) for c in by_verdict[v]))
    out.append(markup.heading(2, "By who made the claim", "by-claimant"))
    for k, info in kinds.items():
        if by_kind[k]:
            out.append(markup.heading(3, f"{plain(info['name'])} ({len(by_kind[k])})", f"made-by-{k}"))
            out.append(markup.para(plain(info.get("description", "")), "claimant-kind-note"))
            out.append(markup.bullets(item(c) for c in by_kind[k]))
    return generated_page(
        "Claims", "Widely repeated claims, by verdict and by who made them, and what the evidence shows.", "".join(out), search=LISTING_NOT_SEARCHED
    )


def sources_index(site: Site) -> Iterator[tuple[str, str]]:
    def row(p: str, s: Entry) -> list[str]:
        return [
            markup.link(url(p, s.url_path), plain(s.data.get("title_en") or s.title)),
            plain(s.data["publisher"]),
            f'<time datetime="{s.date.iso}">{s.date.label}</time>' if s.date else "not shown",
            plain(vocab_name(site, "source-kinds", s.data["kind"])),
            f"Tier {s.tier(site.vocab['source-kinds'])}",
            plain(site.vocab["languages"][s.data["language"]]["name"]),
            f"{len(s.cited_by)} {source_coins(s)}",
        ]

    def intro(p: str) -> str:
        files = (("sources.bib", "BibTeX"), ("sources.ris", "RIS"), ("sources-csl.json", "CSL-JSON"))
        downloads = [markup.link(url(p, f"downloads/{name}"), label) for name, label in files]
        return (
            markup.para(
                f"The bibliography: every document the tracker cites, by id, with its "
                f"{markup.link(url(p, 'methodology/') + '#source-tiers', 'tier')}. Download it as {downloads[0]}, {downloads[1]} or "
                f"{downloads[2]}; reference managers that read COinS (Zotero, for one) can also import the documents listed on "
                "this page directly."
            )
            + '<div class="list-filter" data-columns="Kind Tier Language"></div>\n'
        )

    columns = [
        ("Source", "left"),
        ("Publisher", "left"),
        ("Published", "left"),
        ("Kind", "left"),
        ("Tier", "left"),
        ("Language", "left"),
        ("Cited by", "right"),
    ]
    ordered = sorted(site.of_kind("sources"), key=lambda s: s.id)
    yield from paged_listing(site, "sources", "Sources", "Every document the tracker cites.", intro, columns, ordered, row)


def headline(site: Site) -> str:
    """The home page's numbers, as chosen and ordered in data/key-numbers.yaml, each with what it
    counts. A source is named only when it is the issuing body's own text or a full-text
    translation (tiers 1 and 2); otherwise the line says that the copies cited are reports."""
    p = "index.md"
    kinds = site.vocab["source-kinds"]
    cards = []
    for item in site.key_numbers:
        f = site.entries[item["figure"]]
        value = next(v for v in f.data["values"] if value_date(v) == item["value"])
        qualifier = f"{value['qualifier']} " if value.get("qualifier") else ""
        source = site.entries[value["source"]["source"]]
        level = source.tier(kinds)
        if level <= 2:
            what = md_text(kinds[source.data["kind"]]["name"]).lower()
            credit = f"source: [{md_text(source.data['publisher'])}]({link(p, f.md_path, 'src-' + source.id)}) ({what})"
        else:
            credit = f"the copy cited is not the issuer's own text ([tier {level}]({link(p, 'methodology.md', 'source-tiers')}))"
        cards.append(
            f"- **{qualifier}{number(value['value'])}** {md_text(f.data['unit'])}, {value_label(value)}. {md_text(item['explanation'])}  \n"
            f"  [{md_text(f.title)}]({link(p, f.md_path, 'values')}), according to {md_text(f.data['issuer'])}; {credit}."
        )
    counts = {k: len(site.of_kind(k)) for k in KIND_TITLES}
    summary = (
        f"The tracker holds [{counts['events']} events]({link(p, 'events/index.md')}), "
        f"[{counts['figures']} figure series]({link(p, 'figures/index.md')}), "
        f"[{counts['claims']} checked claims]({link(p, 'claims/index.md')}) and "
        f"[{counts['sources']} sources]({link(p, 'sources/index.md')})."
    )
    return summary + "\n\n" + ("\n".join(cards) if cards else "No key numbers chosen yet: see the [figures](figures/index.md).") + "\n"


def newest(site: Site, limit: int = 6) -> str:
    """The home page's newest entries and latest corrections, so a returning reader sees what
    changed (by the dates recorded in the data, never the build's clock)."""
    p = "index.md"
    shown = [e for e in site.entries.values() if e.kind != "sources"]
    added = sorted(shown, key=lambda e: (e.data["added"], e.kind, e.id), reverse=True)[:limit]
    lines = ["**Newest entries**", ""]
    lines += [f"- {e.data['added']}: [{md_text(e.title)}]({link(p, e.md_path)}) ({e.kind[:-1]})" for e in added]
    fixes = sorted(
        ((c["date"], e.kind, e.id, c["note"]) for e in site.entries.values() for c in e.data.get("corrections", [])),
        reverse=True,
    )[:limit]
    lines += ["", "**Latest corrections**", ""]
    for date, _kind, entry_id, note in fixes:
        e = site.entries[entry_id]
        lines.append(f"- {date}: [{md_text(e.title)}]({link(p, e.md_path, 'corrections')}): {md_text(first_sentence(note))}")
    if not fixes:
        lines.append("- None yet.")
    return "\n".join(lines) + "\n"


def entry_page(site: Site, entry: Entry) -> str:
    renderers = {"events": event_page, "figures": figure_page, "claims": claim_page, "sources": source_page}
    return renderers[entry.kind](site, entry)


def all_pages(site: Site) -> Iterator[tuple[str, str]]:
    for entry in site.entries.values():
        yield entry.md_path, entry_page(site, entry)
    yield from listing_pages(site)


def listing_pages(site: Site) -> Iterator[tuple[str, str]]:
    """Every generated page that is not an entry's own: listings, timelines, changelog, tombstones."""
    yield from events_index(site)
    yield "figures/index.md", figures_index(site)
    yield "claims/index.md", claims_index(site)
    yield from sources_index(site)
    yield from timelines.pages(site)
    yield "changelog/index.md", changelog_page(site)
    yield "gaps/index.md", gaps_page(site)
    for old, info in sorted(site.retired.items()):
        if info["action"] != "renamed":
            yield f"{info['kind']}/{old}.md", tombstone_page(site, old, info)


def gaps_page(site: Site) -> str:
    """The Known gaps page: what was sought and not found, when and how, and why it matters."""
    p = "gaps/index.md"
    out = [
        markup.title("Known gaps"),
        markup.para(
            "What the tracker looked for and could not find in a copy it could cite. A gap is recorded instead of a guess: "
            "each says what was sought, why it matters, when and how it was searched. If you know a source for one, "
            f"{markup.link(site.settings.repository + '/blob/main/CONTRIBUTING.md', 'please add it')} or "
            f"{markup.link(site.settings.repository + '/issues/new?template=suggest-entry.yml', 'tell us')}."
        ),
    ]
    for key, gap in site.gaps.items():
        rows = [
            ("Sought", plain(gap["sought"])),
            ("Why it matters", plain(gap["why"])),
            ("Searched", dates.parse(gap["searched"]).label),
            ("How", plain(gap["how"])),
        ]
        if gap.get("queries"):
            rows.append(("Searches tried", "; ".join(f"<code{_lang(q)}>{plain(q)}</code>" for q in gap["queries"])))
        related = [site.entries[i] for i in gap.get("related", []) if i in site.entries]
        if related:
            rows.append(("Concerns", ", ".join(markup.link(url(p, e.url_path), plain(e.title)) for e in related)))
        out.append(markup.heading(2, plain(gap["title"]), key) + meta_table(rows))
    if not site.gaps:
        out.append(markup.para("No gaps are recorded."))
    return generated_page("Known gaps", "What the tracker looked for and could not find, and why it matters.", "".join(out))


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _lang(text: str) -> str:
    """lang="zh" for a run of text written in Chinese."""
    return ' lang="zh"' if _CJK.search(text) else ""


RUBRIC_PARTS = (
    ("rule", "Decision rule"),
    ("evidence", "Evidence it needs"),
    ("cases", "Scope, exaggeration, unit, period, place"),
)


def verdict_rubric(site: Site) -> str:
    """The written rubric, one section per verdict (from data/vocab/verdicts.yaml): its badge,
    meaning, decision rule, evidence, how the usual distortions are rated, and a worked example."""
    p = "methodology.md"
    out = []
    for key, v in site.vocab["verdicts"].items():
        rows = [f"<dt>{label}</dt>\n<dd>{plain(v[field])}</dd>" for field, label in RUBRIC_PARTS if v.get(field)]
        example = site.entries.get(v.get("example", ""))
        if example is not None and example.kind == "claims":
            rows.append(
                f"<dt>Worked example</dt>\n<dd>{markup.link(url(p, example.url_path), plain(example.title))} "
                f"({verdict_badge(site, p, example.data['verdict'], linked=False)}). {plain(v.get('example_note', ''))}</dd>"
            )
        out.append(
            markup.heading(3, verdict_badge(site, p, key, linked=False), f"verdict-{key}")
            + markup.para(plain(v["description"]))
            + '<dl class="rubric">\n'
            + "\n".join(rows)
            + "\n</dl>\n"
        )
    return "".join(out)


def vocabulary_list(site: Site, vocab: str) -> str:
    """A vocabulary as a definition list, for the methodology page (the data file is the source)."""

    def term(v: dict) -> str:
        return plain(v["name"]) + (f' <span class="vocab-tier">(tier {int(v["tier"])})</span>' if "tier" in v else "")

    items = [f"<dt>{term(v)}</dt>\n<dd>{plain(v.get('description', ''))}</dd>" for v in site.vocab[vocab].values()]
    return f'<dl class="vocab vocab-{vocab}">\n' + "\n".join(items) + "\n</dl>\n"


def glossary(site: Site) -> str:
    """The glossary page's body: every term, its Chinese name, definition and entries to read."""
    p = "glossary.md"
    out = []
    for key, term in site.vocab["glossary"].items():
        see = ", ".join(f"[{md_text(site.entries[i].title)}]({link(p, site.entries[i].md_path)})" for i in term.get("see", []))
        out.append(f'<dt id="{plain(key)}">{plain(term["term"])} <span lang="zh">{plain(term.get("term_zh", ""))}</span></dt>')
        out.append(f'<dd markdown="span">{md_text(term["definition"])}' + (f"<br>See: {see}" if see else "") + "</dd>")
    return '<dl class="glossary" markdown="1">\n' + "\n".join(out) + "\n</dl>\n"


def abbreviations(site: Site) -> str:
    """Definitions for Markdown's abbr extension, appended to every page (hover hints)."""
    return "\n".join(f"*[{phrase}]: {' '.join(text.split())}" for phrase, text in site.glossary_hints.items()) + "\n"


def snippets(site: Site) -> Iterator[tuple[str, str]]:
    """Text the hand-written pages include with --8<--: generated, so it never drifts from data."""
    yield "headline.md", headline(site)
    yield "newest.md", newest(site)
    yield "glossary.md", glossary(site)
    yield "abbreviations.md", abbreviations(site)
    for vocab in ("statuses", "categories", "source-kinds", "claimant-kinds"):
        yield f"vocab-{vocab}.md", vocabulary_list(site, vocab)
    yield "vocab-verdicts.md", verdict_rubric(site)

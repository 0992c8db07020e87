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
from .model import Entry, Site, is_repost, link, url
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
    parts.append(source.date.label if source.date else "Undated")
    parts.append(plain(site.vocab["languages"][s["language"]]["name"]))
    line = ". ".join(parts) + "."
    links = [f'<a href="{plain(s["url"])}" rel="noopener noreferrer" class="external">link</a>']
    if s.get("archive_url"):
        links.append(f'<a href="{plain(s["archive_url"])}" rel="noopener noreferrer" class="external">archived copy</a>')
    line += " " + " · ".join(links)
    if cite.get("locator"):
        line += f' <span class="locator">({plain(cite["locator"])})</span>'
    if cite.get("note"):
        line += f' <span class="cite-note">{plain(cite["note"])}</span>'
    return line


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


def meta_table(rows: list[tuple[str, str]]) -> str:
    """Label and value: escaped or built by us. (The space keeps them apart in search excerpts.)"""
    items = [f"<dt>{label}</dt> <dd>{value}</dd>" for label, value in rows]
    return '<dl class="entry-meta">\n' + "\n".join(items) + "\n</dl>\n"


def status_link(site: Site, from_md: str, status: str) -> str:
    name = plain(vocab_name(site, "statuses", status))
    return f'<a class="status status-{plain(status)}" href="{url(from_md, "methodology/")}#statuses">{name}</a>'


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
    """The entry's correction history (from its own data), then how to cite it and correct it."""
    items = entry.get("corrections", [])
    history = markup.heading(2, "Corrections", "corrections")
    if items:
        history += markup.bullets(f"{c['date']}: {plain(c['note'])}" for c in items)
    else:
        history += markup.para(f"No corrections since this entry was added on {entry.data['added']}.")
    return history + correction_link(site, entry) + cite_section(site, entry)


def reposts_notice(site: Site, entry: Entry) -> str:
    """Readers must see when an entry rests only on copies, whatever its status says."""
    if all(is_repost(site.entries[c["source"]].data) for c in entry.data["sources"]):
        return markup.admonition(
            "warning",
            "Reposts only",
            markup.para(
                "Every source of this entry is a repost, aggregator or blog copy; "
                "the original publisher's version could not be reached. Treat it with caution."
            ),
        )
    return ""


def h1(title: str) -> str:
    return markup.title(plain(title))


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
        + summary_html(site, e, numbered(e.data["sources"]))
        + timelines.neighbours(site, e)
        + related_section(site, e, p)
        + sources_section(site, e, e.data["sources"], p)
        + corrections_section(site, e),
        **head_meta(site, e),
    )


def value_anchor(value: dict) -> str:
    """A figure value's stable anchor, from its date: #value-2018-12-31, #value-before-2019-02."""
    return "value-" + re.sub(r"[^0-9a-z]+", "-", (value.get("as_of") or value["period"]).lower()).strip("-")


def chart_downloads(site: Site, f: Entry) -> str:
    """Download and embed: the chart as SVG and PNG, with a caption and citation to paste."""
    p = f.md_path
    svg_url = site.settings.absolute(f"downloads/charts/{f.id}.svg")
    citation = f"{f.title}. {site.settings.site_name}, dataset version {site.version}. {site.settings.absolute(f.url_path)}"
    # HTML that readers paste into their own pages: every value escaped for where it goes there
    embed = f'<figure><img src="{plain(svg_url)}" alt="{plain(f.title)}" width="700"><figcaption>{plain(citation)}</figcaption></figure>'
    svg = markup.link(url(p, f"downloads/charts/{f.id}.svg"), "SVG")
    png = markup.link(url(p, f"downloads/charts/{f.id}.png"), "PNG")
    return markup.para(f"Download the chart as {svg} or {png}. To embed it, paste:") + markup.code_block(plain(embed))


def figure_value_label(fig: Entry, value: dict) -> str:
    when = dates.parse(value.get("as_of") or value["period"]).label
    return f"as of {when}" if "as_of" in value else when


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
                f'<span id="{value_anchor(v)}"></span>{figure_value_label(f, v)}',
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
        + summary_html(site, f, numbers)
        + markup.heading(2, "Chart", "chart")
        + f'<figure class="chart-figure">\n{charts.svg(f)}\n<figcaption>{plain(f.title)}. Source: {plain(d["issuer"])}, '
        + "as cited for each value below. Values and sources are in the table.</figcaption>\n</figure>\n"
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
    rows = [
        (
            "Verdict",
            markup.link(f"{url(p, 'methodology/')}#verdicts", plain(vocab_name(site, "verdicts", verdict)), f"verdict verdict-{verdict}"),
        ),
        ("Status", status_link(site, p, d["status"])),
    ]
    if d.get("categories"):
        rows.append(("Categories", categories_links(site, c)))
    rows += record_rows(c)
    seen_in = d.get("seen_in", [])
    seen = sources_section(site, c, seen_in, p, "Where the claim was made", "seen-in", len(d["sources"]) + 1) if seen_in else ""
    return generated_page(
        c.title,
        d["claim"][:200],
        h1(c.title)
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


def source_page_title(site: Site, s: Entry) -> str:
    """The title, made unique where copies of one article (or untitled pages) share it: then
    with the publisher, and the date or id if that is not enough."""
    title = s.data.get("title_en") or s.data["title"]
    twins = _sources_by_title(site)[title]
    if len(twins) == 1:
        return title
    with_publisher = f"{title} ({s.data['publisher']})"
    if sum(o.data["publisher"] == s.data["publisher"] for o in twins) == 1:
        return with_publisher
    return f"{title} ({s.data['publisher']}, {s.date.label if s.date else s.id})"


def source_description(s: Entry) -> str:
    """Unique per record: the document's title, publisher and date (not the publisher alone)."""
    d = s.data
    when = s.date.label if s.date else "undated"
    return f"The tracker's record of a document: {d.get('title_en') or d['title']} ({d['publisher']}, {when})."


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
    rows += record_rows(s)
    notes = markup.para(plain(d["notes"])) if d.get("notes") else ""
    cited = markup.bullets(f'{markup.link(url(p, e.url_path), plain(e.title))} <span class="kind">{e.kind[:-1]}</span>' for e in s.cited_by)
    title = d.get("title_en") or d["title"]
    return generated_page(
        source_page_title(site, s),
        source_description(s),
        h1(title) + meta_table(rows) + notes + markup.heading(2, "Cited by", "cited-by") + cited + corrections_section(site, s),
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
        yield path, generated_page(heading, description, body, search=LISTING_NOT_SEARCHED)


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
            + markup.heading(2, markup.link(url(p, f.url_path), plain(f.title)), f.id)
            + f'<figure class="spark">{charts.sparkline(f)}</figure>\n'
            + markup.para(
                f"Latest: <strong>{qualifier}{number(last['value'])}</strong> {plain(f.data['unit'])}, {figure_value_label(f, last)}. "
                f"{len(f.data['values'])} values; {f.data['counting']}; counts {f.data['counts'].replace('-', ' ')}; "
                f"issued by {plain(f.data['issuer'])}. {coins(site, f)}"
            )
            + "</div>"
        )
    intro = markup.para(
        "Official statistics as dated series. Before using a number, read what it counts: "
        + markup.link(f"{url(p, 'methodology/')}#figures", "how figures are read")
        + "."
    )
    body = markup.title("Figures") + intro + '<div class="figure-grid">\n' + "\n".join(cards) + "\n</div>\n"
    return generated_page("Figures", "Official statistics as dated series.", body, search=LISTING_NOT_SEARCHED)


def claims_index(site: Site) -> str:
    p = "claims/index.md"
    out = [
        markup.title("Claims"),
        markup.para(
            "Claims that circulate about the system, each with a verdict decided by the evidence. "
            + markup.link(f"{url(p, 'methodology/')}#verdicts", "How verdicts are decided")
            + "."
        ),
    ]
    for verdict, info in site.vocab["verdicts"].items():
        claims = [c for c in site.of_kind("claims") if c.data["verdict"] == verdict]
        if claims:
            out.append(markup.heading(2, plain(info["name"]), f"verdict-{verdict}"))
            out.append(markup.bullets(f"{markup.link(url(p, c.url_path), plain(c.title))} {coins(site, c)}" for c in claims))
    return generated_page("Claims", "Widely repeated claims and what the evidence shows.", "".join(out), search=LISTING_NOT_SEARCHED)


def sources_index(site: Site) -> Iterator[tuple[str, str]]:
    def row(p: str, s: Entry) -> list[str]:
        return [
            markup.link(url(p, s.url_path), plain(s.data.get("title_en") or s.title)),
            plain(s.data["publisher"]),
            s.date.label if s.date else "n.d.",
            plain(vocab_name(site, "source-kinds", s.data["kind"])),
            f"{len(s.cited_by)} {source_coins(s)}",
        ]

    def intro(p: str) -> str:
        files = (("sources.bib", "BibTeX"), ("sources.ris", "RIS"), ("sources-csl.json", "CSL-JSON"))
        downloads = [markup.link(url(p, f"downloads/{name}"), label) for name, label in files]
        return markup.para(
            f"The bibliography: every document the tracker cites, by id. Download it as {downloads[0]}, {downloads[1]} or "
            f"{downloads[2]}; reference managers that read COinS (Zotero, for one) can also import the documents listed on "
            "this page directly."
        )

    columns = [("Source", "left"), ("Publisher", "left"), ("Date", "left"), ("Kind", "left"), ("Cited by", "right")]
    ordered = sorted(site.of_kind("sources"), key=lambda s: s.id)
    yield from paged_listing(site, "sources", "Sources", "Every document the tracker cites.", intro, columns, ordered, row)


def headline(site: Site) -> str:
    """The home page's figures: the latest value of every series, linked to its evidence."""
    p = "index.md"
    cards = []
    for f in site.of_kind("figures"):
        last = f.data["values"][-1]
        qualifier = f"{last['qualifier']} " if last.get("qualifier") else ""
        source = site.entries[last["source"]["source"]]
        cards.append(
            f"- **{qualifier}{number(last['value'])}** {md_text(f.data['unit'])}, {figure_value_label(f, last)}  \n"
            f"  [{md_text(f.title)}]({link(p, f.md_path, 'values')}), according to {md_text(f.data['issuer'])} "
            f"([source: {md_text(source.data['publisher'])}]({link(p, f.md_path, 'src-' + source.id)}))"
        )
    counts = {k: len(site.of_kind(k)) for k in KIND_TITLES}
    summary = (
        f"The tracker holds [{counts['events']} events]({link(p, 'events/index.md')}), "
        f"[{counts['figures']} figure series]({link(p, 'figures/index.md')}), "
        f"[{counts['claims']} checked claims]({link(p, 'claims/index.md')}) and "
        f"[{counts['sources']} sources]({link(p, 'sources/index.md')})."
    )
    return summary + "\n\n" + ("\n".join(cards) if cards else "No figure series yet.") + "\n"


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
    for old, info in sorted(site.retired.items()):
        if info["action"] != "renamed":
            yield f"{info['kind']}/{old}.md", tombstone_page(site, old, info)


def vocabulary_list(site: Site, vocab: str) -> str:
    """A vocabulary as a definition list, for the methodology page (the data file is the source)."""
    items = [f"<dt>{plain(v['name'])}</dt>\n<dd>{plain(v.get('description', ''))}</dd>" for v in site.vocab[vocab].values()]
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
    yield "glossary.md", glossary(site)
    yield "abbreviations.md", abbreviations(site)
    for vocab in ("statuses", "verdicts", "categories", "source-kinds"):
        yield f"vocab-{vocab}.md", vocabulary_list(site, vocab)

"""Model -> Markdown pages. One function per page type; each returns (docs-relative path, text).

Plain fields are escaped (render.md_text / render.plain); contributed Markdown arrives here
already rendered and sanitised. Internal links are Markdown links so MkDocs validates them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import charts, dates, timelines
from .citable import changelog_page, cite_section, coins, correction_link, head_meta, source_coins, tombstone_page
from .model import Entry, Site, is_repost, link, url
from .render import first_sentence, front_matter, markdown_to_html, md_text, plain
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
        parts.append(plain(", ".join(s["authors"])))
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
    items = [f'<li id="{prefix}-{c["source"]}">{source_citation_html(site, entry, c, from_md)}</li>' for c in cites]
    first = f' start="{start}"' if start != 1 else ""
    return f'## {heading} {{#{anchor}}}\n\n<ol class="sources"{first}>\n' + "\n".join(items) + "\n</ol>\n"


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
    """Raw HTML (values are escaped or built by us): Markdown here cost a lot at scale."""
    items = [f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows]
    return '<dl class="entry-meta">\n' + "\n".join(items) + "\n</dl>\n"


def status_link(site: Site, from_md: str, status: str) -> str:
    return f'<a class="status status-{status}" href="{url(from_md, "methodology/")}#statuses">{plain(vocab_name(site, "statuses", status))}</a>'


def categories_links(site: Site, entry: Entry) -> str:
    return ", ".join(plain(vocab_name(site, "categories", c)) for c in entry.get("categories", []))


def record_rows(entry: Entry) -> list[tuple[str, str]]:
    return [("Added", entry.data["added"]), ("Last reviewed", entry.data["reviewed"])]


def related_section(site: Site, entry: Entry, from_md: str) -> str:
    related = [site.entries[i] for i in entry.get("related", []) if i in site.entries]
    if not related:
        return ""
    items = "".join(f'<li><a href="{url(from_md, r.url_path)}">{plain(r.title)}</a> <span class="kind">{r.kind[:-1]}</span></li>' for r in related)
    return f"## Related entries\n\n<ul data-pagefind-ignore>{items}</ul>\n"


def corrections_section(site: Site, entry: Entry) -> str:
    """The entry's correction history (from its own data), then how to cite it and correct it."""
    items = entry.get("corrections", [])
    history = "## Corrections {#corrections}\n\n"
    if items:
        history += "\n".join(f"- {c['date']}: {md_text(c['note'])}" for c in items) + "\n"
    else:
        history += f"No corrections since this entry was added on {entry.data['added']}.\n"
    return history + "\n" + correction_link(site, entry) + "\n" + cite_section(site, entry)


def reposts_notice(site: Site, entry: Entry) -> str:
    """Readers must see when an entry rests only on copies, whatever its status says."""
    if all(is_repost(site.entries[c["source"]].data) for c in entry.data["sources"]):
        return (
            '!!! warning "Reposts only"\n\n    Every source of this entry is a repost, aggregator or blog copy; '
            "the original publisher's version could not be reached. Treat it with caution.\n\n"
        )
    return ""


def h1(title: str) -> str:
    return f"# {md_text(title)}\n\n"


# ---------------------------------------------------------------- entry pages


def event_page(site: Site, e: Entry) -> str:
    p = e.md_path
    rows = [
        ("Date", f'<time datetime="{e.date.iso}">{e.date.label}</time>'),
        ("Place", plain(place_label(site, e.data["place"]))),
        ("Categories", categories_links(site, e)),
        ("Status", status_link(site, p, e.data["status"])),
        *record_rows(e),
    ]
    return (
        front_matter(e.title, first_sentence(e.data["summary"]), **head_meta(site, e))
        + h1(e.title)
        + meta_table(rows)
        + "\n"
        + reposts_notice(site, e)
        + summary_html(site, e, numbered(e.data["sources"]))
        + "\n"
        + timelines.neighbours(site, e)
        + "\n"
        + related_section(site, e, p)
        + "\n"
        + sources_section(site, e, e.data["sources"], p)
        + "\n"
        + corrections_section(site, e)
    )


def value_anchor(value: dict) -> str:
    """A figure value's stable anchor, from its date: #value-2018-12-31, #value-before-2019-02."""
    return "value-" + re.sub(r"[^0-9a-z]+", "-", (value.get("as_of") or value["period"]).lower()).strip("-")


def chart_downloads(site: Site, f: Entry) -> str:
    """Download and embed: the chart as SVG and PNG, with a caption and citation to paste."""
    p = f.md_path
    svg_url = site.settings.absolute(f"downloads/charts/{f.id}.svg")
    citation = f"{f.title}. {site.settings.site_name}, dataset version {site.version}. {site.settings.absolute(f.url_path)}"
    embed = f'<figure><img src="{svg_url}" alt="{f.title}" width="700"><figcaption>{citation}</figcaption></figure>'
    return (
        f"Download the chart as [SVG]({link(p, f'downloads/charts/{f.id}.svg')}) or [PNG]({link(p, f'downloads/charts/{f.id}.png')}). "
        "To embed it, paste:\n\n" + f"```text\n{embed}\n```\n"
    )


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
        caveats = '!!! warning "Read before using these numbers"\n\n' + "\n".join(f"    - {plain(c)}" for c in d["caveats"]) + "\n"
    listed = [{"source": i} for i in dict.fromkeys(v["source"]["source"] for v in d["values"])]
    numbers = numbered(listed)
    table = ["| When | Value | Source | Note |", "|---|--:|---|---|"]
    for v in d["values"]:
        qualifier = f"{v['qualifier']} " if v.get("qualifier") else ""
        src = v["source"]
        locator = f", {plain(src['locator'])}" if src.get("locator") else ""
        table.append(
            f'| <span id="{value_anchor(v)}"></span>{figure_value_label(f, v)} | {qualifier}{number(v["value"])} '
            f"| [[{numbers[src['source']][1]}]](#src-{src['source']}){locator} | {plain(v.get('note', ''))} |"
        )
    summary = summary_html(site, f, numbers)
    return (
        front_matter(f.title, first_sentence(d["summary"]), **head_meta(site, f))
        + h1(f.title)
        + meta_table(rows)
        + "\n"
        + caveats
        + "\n"
        + summary
        + "\n## Chart {#chart}\n\n"
        + f'<figure class="chart-figure">\n{charts.svg(f)}\n<figcaption>{plain(f.title)}. Source: {plain(d["issuer"])}, '
        + "as cited for each value below. Values and sources are in the table.</figcaption>\n</figure>\n\n"
        + chart_downloads(site, f)
        + "\n## Values {#values}\n\n"
        + f"Unit: {plain(d['unit'])}.\n\n"
        + "\n".join(table)
        + "\n\n"
        + related_section(site, f, p)
        + "\n"
        + sources_section(site, f, listed, p)
        + "\n"
        + corrections_section(site, f)
    )


def claim_page(site: Site, c: Entry) -> str:
    p = c.md_path
    d = c.data
    verdict = d["verdict"]
    rows = [
        (
            "Verdict",
            f"[{plain(vocab_name(site, 'verdicts', verdict))}]({link(p, 'methodology.md', 'verdicts')}){{ .verdict .verdict-{verdict} }}",
        ),
        ("Status", status_link(site, p, d["status"])),
    ]
    if d.get("categories"):
        rows.append(("Categories", categories_links(site, c)))
    rows += record_rows(c)
    seen_in = d.get("seen_in", [])
    seen = sources_section(site, c, seen_in, p, "Where the claim was made", "seen-in", len(d["sources"]) + 1) if seen_in else ""
    return (
        front_matter(c.title, d["claim"][:200], **head_meta(site, c))
        + h1(c.title)
        + f'!!! quote "The claim"\n\n    {md_text(d["claim"])}\n\n'
        + meta_table(rows)
        + "\n"
        + reposts_notice(site, c)
        + "## What the evidence shows {#evidence}\n\n"
        + summary_html(site, c, numbered(seen_in, "seen", len(d["sources"]) + 1) | numbered(d["sources"]))
        + "\n"
        + related_section(site, c, p)
        + "\n"
        + sources_section(site, c, d["sources"], p, heading="Evidence")
        + "\n"
        + seen
        + "\n"
        + corrections_section(site, c)
    )


def source_page(site: Site, s: Entry) -> str:
    p = s.md_path
    d = s.data
    rows = [("Title", plain(d["title"]))]
    if "title_en" in d:
        rows.append(("English title", plain(d["title_en"])))
    if d.get("authors"):
        rows.append(("Authors", plain(", ".join(d["authors"]))))
    rows += [
        ("Publisher", plain(d["publisher"])),
        ("Published", f'<time datetime="{s.date.iso}">{s.date.label}</time>' if s.date else "date not shown"),
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
    notes = f"{md_text(d['notes'])}\n\n" if d.get("notes") else ""
    cited = "\n".join(f'- [{md_text(e.title)}]({link(p, e.md_path)}) <span class="kind">{e.kind[:-1]}</span>' for e in s.cited_by)
    title = d.get("title_en") or d["title"]
    return (
        # source records stay out of the search index (they are most of the entries; their titles
        # are found through the entries that cite them and the bibliography page)
        front_matter(title, f"Source record: {d['publisher']}", search={"exclude": True}, **head_meta(site, s))
        + h1(title)
        + meta_table(rows)
        + "\n"
        + notes
        + "## Cited by\n\n"
        + cited
        + "\n\n"
        + corrections_section(site, s)
    )


# ---------------------------------------------------------------- listing pages


def events_index(site: Site) -> str:
    p = "events/index.md"
    lines = ["| Date | Event | Place | Status | Sources |", "|---|---|---|---|--:|"]
    for e in site.of_kind("events"):
        lines.append(
            f"| {e.date.label} | [{md_text(e.title)}]({link(p, e.md_path)}) | {md_text(site.vocab['places'][e.data['place']]['name'])} "
            f"| {md_text(vocab_name(site, 'statuses', e.data['status']))} | {len(e.data['sources'])} {coins(site, e)} |"
        )
    return front_matter("Events", "Every event in the tracker, oldest first.") + "# Events\n\n" + "\n".join(lines) + "\n"


def figures_index(site: Site) -> str:
    p = "figures/index.md"
    out = ['<div class="figure-grid" markdown="1">']
    for f in site.of_kind("figures"):
        last = f.data["values"][-1]
        qualifier = f"{last['qualifier']} " if last.get("qualifier") else ""
        out.append(
            f'<div class="figure-card" markdown="1">\n\n### [{md_text(f.title)}]({link(p, f.md_path)})\n\n'
            f'<figure class="spark">{charts.sparkline(f)}</figure>\n\n'
            f"Latest: **{qualifier}{number(last['value'])}** {md_text(f.data['unit'])}, {figure_value_label(f, last)}. "
            f"{len(f.data['values'])} values; {f.data['counting']}; counts {f.data['counts'].replace('-', ' ')}; "
            f"issued by {md_text(f.data['issuer'])}. {coins(site, f)}\n\n</div>"
        )
    out.append("</div>")
    intro = (
        "# Figures\n\nOfficial statistics as dated series. Before using a number, read what it counts: "
        f"[how figures are read]({link(p, 'methodology.md', 'figures')}).\n\n"
    )
    return front_matter("Figures", "Official statistics as dated series.") + intro + "\n".join(out) + "\n"


def claims_index(site: Site) -> str:
    p = "claims/index.md"
    out = [
        "# Claims\n",
        "Claims that circulate about the system, each with a verdict decided by the evidence. "
        f"[How verdicts are decided]({link(p, 'methodology.md', 'verdicts')}).\n",
    ]
    for verdict, info in site.vocab["verdicts"].items():
        claims = [c for c in site.of_kind("claims") if c.data["verdict"] == verdict]
        if claims:
            out.append(f"## {md_text(info['name'])}\n")
            out += [f"- [{md_text(c.title)}]({link(p, c.md_path)}) {coins(site, c)}" for c in claims]
            out.append("")
    return front_matter("Claims", "Widely repeated claims and what the evidence shows.") + "\n".join(out) + "\n"


def sources_index(site: Site) -> str:
    p = "sources/index.md"
    lines = ["| Source | Publisher | Date | Kind | Cited by |", "|---|---|---|---|--:|"]
    for s in sorted(site.of_kind("sources"), key=lambda s: s.id):
        title = s.data.get("title_en") or s.title
        lines.append(
            f"| [{md_text(title)}]({link(p, s.md_path)}) | {md_text(s.data['publisher'])} | {s.date.label if s.date else 'n.d.'} "
            f"| {md_text(vocab_name(site, 'source-kinds', s.data['kind']))} | {len(s.cited_by)} {source_coins(s)} |"
        )
    intro = (
        "# Sources\n\nThe bibliography: every document the tracker cites. Download it as "
        f"[BibTeX]({link(p, 'downloads/sources.bib')}), [RIS]({link(p, 'downloads/sources.ris')}) or "
        f"[CSL-JSON]({link(p, 'downloads/sources-csl.json')}); reference managers that read COinS "
        "(Zotero, for one) can also import the documents listed on this page directly.\n\n"
    )
    return front_matter("Sources", "Every document the tracker cites.") + intro + "\n".join(lines) + "\n"


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


def all_pages(site: Site) -> Iterator[tuple[str, str]]:
    renderers = {"events": event_page, "figures": figure_page, "claims": claim_page, "sources": source_page}
    for entry in site.entries.values():
        yield entry.md_path, renderers[entry.kind](site, entry)
    yield "events/index.md", events_index(site)
    yield "figures/index.md", figures_index(site)
    yield "claims/index.md", claims_index(site)
    yield "sources/index.md", sources_index(site)
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
        out.append(f'<dt id="{key}">{plain(term["term"])} <span lang="zh">{plain(term.get("term_zh", ""))}</span></dt>')
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

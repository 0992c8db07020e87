"""What makes a page citable: the "Cite this page" section, the metadata reference managers
read (Highwire citation_*, Dublin Core, JSON-LD, COinS), the correction link, the changelog,
the download page and the pages that keep retired addresses alive.

Values that Material prints into the head unescaped are HTML-escaped here, once.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

from . import cite, dates, markup, names
from .model import Entry, Site, url
from .render import generated_page, plain

KIND_LABEL = {"events": "event", "figures": "figure", "claims": "claim", "sources": "source record"}
SITE_CARD = "downloads/cards/site.png"  # the link-preview image of every page without its own


def share_image(site: Site, entry: Entry) -> str:
    """A page's og:image: a claim's own card, a figure's chart, else the site card."""
    if entry.kind == "claims":
        return site.settings.absolute(f"downloads/cards/{entry.id}.png")
    if entry.kind == "figures":
        return site.settings.absolute(f"downloads/charts/{entry.id}.png")
    return site.settings.absolute(SITE_CARD)


def open_graph(site: Site, entry: Entry) -> dict[str, str]:
    """Link-preview values (Open Graph, Twitter card), raw: the template escapes each with |e."""
    r = page_record(site, entry)
    if entry.kind == "claims":
        alt = f"{entry.verdict_name}: {entry.name}. {entry.data['verdict_reason']}"
    elif entry.kind == "figures":
        alt = f"Chart: {entry.title}"
    else:
        alt = site.settings.site_name
    og = {"title": r.title, "type": "article", "url": r.url, "image": share_image(site, entry), "image_alt": alt}
    return og | ({"chart": "yes"} if entry.kind == "figures" else {})


def page_record(site: Site, entry: Entry) -> cite.PageRecord:
    return cite.PageRecord(
        id=entry.id,
        title=entry.title if entry.kind != "sources" else entry.data.get("title_en") or entry.title,
        url=site.settings.absolute(entry.url_path),
        site_name=site.settings.site_name,
        version=site.version,
        reviewed=dates.parse(entry.data["reviewed"]).start,
        added=dates.parse(entry.data["added"]).start,
    )


def citation_formats(site: Site, entry: Entry) -> list[tuple[str, str]]:
    """The cite box's formats. A source record cites the document it describes (its own authors,
    publisher and date), never the tracker; every other entry cites the tracker's page."""
    if entry.kind == "sources":
        item = cite.source_csl(entry.data)
        return [
            ("APA", cite.render("apa", item)),
            ("MLA", cite.render("mla", item)),
            ("Chicago", cite.render("chicago", item)),
            ("BibTeX", cite.source_bibtex(entry.data)),
            ("RIS", cite.source_ris(entry.data)),
            ("CSL-JSON", json.dumps([item], ensure_ascii=False, indent=2)),
        ]
    r = page_record(site, entry)
    return [
        ("Short", cite.inline(r)),
        ("APA", cite.apa(r)),
        ("MLA", cite.mla(r)),
        ("Chicago", cite.chicago(r)),
        ("BibTeX", cite.bibtex(r)),
        ("RIS", cite.ris(r)),
        ("CSL-JSON", cite.csl_json(r)),
    ]


def cite_section(site: Site, entry: Entry) -> str:
    formats = citation_formats(site, entry)
    if entry.kind == "sources":
        heading = "Cite this document"
        reminder = (
            "This page is the tracker's record of a document published elsewhere: cite the document itself, as below, and add the day you read it."
        )
    else:
        heading = "Cite this page"
        reminder = (
            "Please cite the original sources listed on this page as well: the tracker is a guide to "
            "the evidence, not a substitute for it. The citation names the dataset version and the day "
            "this entry was last reviewed; add the day you read it."
        )
    # Written as the HTML that pymdownx.tabbed and pymdownx.highlight would make (so Material's
    # tab and copy-button scripts work), without running Markdown over it: thousands of pages
    # with seven code blocks each made that a large part of the build.
    # data-pagefind-ignore: seven citation formats per page would swell the search index.
    inputs = "".join(
        f'<input{" checked" if i == 1 else ""} id="__tabbed_cite_{i}" name="__tabbed_cite" type="radio">' for i in range(1, len(formats) + 1)
    )
    labels = "".join(f'<label for="__tabbed_cite_{i}">{name}</label>' for i, (name, _text) in enumerate(formats, start=1))
    blocks = "".join(
        f'<div class="tabbed-block"><div class="highlight"><pre id="__code_cite_{i}"><code>{plain(text.rstrip())}</code></pre></div></div>'
        for i, (_name, text) in enumerate(formats, start=1)
    )
    return (
        markup.heading(2, heading, "cite", searched=False) + f'<div class="cite-box" data-pagefind-ignore>\n<p>{reminder}</p>\n'
        f'<div class="tabbed-set tabbed-alternate" data-tabs="1:{len(formats)}">{inputs}<div class="tabbed-labels">{labels}</div>'
        f'<div class="tabbed-content">{blocks}</div></div>\n</div>\n'
    )


def correction_url(site: Site, entry: Entry) -> str:
    """A pre-filled issue on the repository (the form is .github/ISSUE_TEMPLATE/correction.yml)."""
    query = urlencode(
        {
            "template": "correction.yml",
            "title": f"Correction: {entry.kind}/{entry.id}",
            "entry": f"{entry.kind}/{entry.id}",
            "page": site.settings.absolute(entry.url_path),
        }
    )
    return f"{site.settings.repository}/issues/new?{query}"


def correction_link(site: Site, entry: Entry) -> str:
    return (
        f'<p class="report-correction"><a href="{plain(correction_url(site, entry))}" rel="noopener noreferrer">'
        "Report a correction</a> to this entry (opens a pre-filled issue; please name a source).</p>\n"
    )


def _keywords(site: Site, entry: Entry) -> str:
    return ", ".join(site.vocab["categories"][c]["name"] for c in entry.get("categories", []))


# CSL type -> the Zotero item type named in DC.type (Zotero's RDF import takes an item type there
# over its guesses; without it, citation_title alone makes Zotero save a journal article)
ZOTERO_TYPES = {
    "article-newspaper": "newspaperArticle",
    "report": "report",
    "legal_case": "case",
    "legislation": "statute",
    "webpage": "webpage",
    "post-weblog": "blogPost",
}
# CSL type -> schema.org type of the document a source record describes
SCHEMA_TYPES = {
    "article-newspaper": "NewsArticle",
    "report": "Report",
    "legal_case": "CreativeWork",
    "legislation": "Legislation",
    "webpage": "WebPage",
    "post-weblog": "BlogPosting",
}


def _highwire_day(day: dates.Day) -> str:
    return "/".join([f"{day.year:04d}"] + [f"{p:02d}" for p in (day.month, day.day) if p])


def head_meta(site: Site, entry: Entry) -> dict[str, Any]:
    """Front-matter values that docs/overrides/main.html prints into the page head (raw: the
    template escapes each value where it prints it).

    An entry page is a web page published by the tracker: no personal author (Zotero would split
    the organisation into a person), DC.type webpage. A source page's metadata describes the
    document the record is about, with its own authors, publisher and date, so that saving the
    page never credits the document to the tracker."""
    if entry.kind == "sources":
        d = entry.data
        when = entry.date.start if entry.date else None
        citation = {
            "title": d["title"],
            "authors": [names.inverted(a) for a in d.get("authors", [])],
            "date": _highwire_day(when) if when else "",
            "iso_date": when.iso if when else "",
            "publisher": d["publisher"],
            "url": d["url"],
            "language": d["language"],
            "keywords": "",
            "rights": "",
            "type": ZOTERO_TYPES[cite.source_types(d["kind"])[2]],
        }
    else:
        r = page_record(site, entry)
        citation = {
            "title": r.title,
            "authors": [],
            "date": _highwire_day(r.reviewed),
            "iso_date": r.reviewed.iso,
            "publisher": site.settings.site_name,
            "url": r.url,
            "language": "en",
            "keywords": _keywords(site, entry),
            "rights": site.settings.licence,
            "type": "webpage",
        }
    return {"citation": citation, "jsonld": jsonld(entry_jsonld(site, entry)), "og": open_graph(site, entry)}


def jsonld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> element: nothing in it can end the script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def tracker_organisation(site: Site) -> dict[str, Any]:
    return {"@type": "Organization", "name": site.settings.site_name, "url": site.settings.site_url}


def dataset_reference(site: Site) -> dict[str, Any]:
    return {"@type": "Dataset", "name": site.settings.site_name, "url": site.settings.site_url, "version": site.version}


def person_or_organisation(name: names.Name) -> dict[str, Any]:
    if isinstance(name, str):
        return {"@type": "Organization", "name": name}  # a literal: cited as written
    return {"@type": "Person", "name": names.display(name), "familyName": name["family"], "givenName": name["given"]}


def document_jsonld(s: dict[str, Any], when: dates.FuzzyDate | None) -> dict[str, Any]:
    """The document a source record describes, with its own publisher, authors and date."""
    doc: dict[str, Any] = {
        "@type": SCHEMA_TYPES[cite.source_types(s["kind"])[2]],
        "name": s["title"],
        "url": s["url"],
        "publisher": {"@type": "Organization", "name": s["publisher"]},
        "inLanguage": s["language"],
    }
    if s.get("title_en"):
        doc["alternateName"] = s["title_en"]
    if s.get("authors"):
        doc["author"] = [person_or_organisation(a) for a in s["authors"]]
    if when:
        doc["datePublished"] = when.iso
    return doc


def entry_jsonld(site: Site, entry: Entry) -> dict[str, Any]:
    """Every entry page is a WebPage (or an Article) by the tracker, part of the dataset; what it
    describes (an event, a cited document) is its 'about', with that thing's own properties."""
    r = page_record(site, entry)
    common = {
        "@context": "https://schema.org",
        "url": r.url,
        "isPartOf": dataset_reference(site),
        "license": site.settings.licence_url,
        "datePublished": r.added.iso,
        "dateModified": r.reviewed.iso,
        "author": tracker_organisation(site),
        "publisher": tracker_organisation(site),
        "inLanguage": "en",
    }
    if entry.kind == "events":
        event: dict[str, Any] = {
            "@type": "Event",
            "name": entry.title,
            "startDate": entry.date.start.iso,
            "location": {"@type": "Place", "name": site.vocab["places"][entry.data["place"]]["name"]},
            "description": re.sub(r"\s*\[@[a-z0-9-]+\]", "", entry.data["summary"]).strip()[:500],
        }
        if entry.date.end:
            event["endDate"] = entry.date.end.iso
        return {**common, "@type": "WebPage", "name": entry.title, "about": event, "citation": _cited_documents(site, entry)}
    if entry.kind == "claims":
        return claim_review(site, entry, common)
    if entry.kind == "sources":
        return {
            **common,
            "@type": "WebPage",
            "name": f"Source record: {r.title}",
            "about": document_jsonld(entry.data, entry.date),
        }
    return {**common, "@type": "Article", "headline": r.title, "citation": _cited_documents(site, entry)}


def _cited_documents(site: Site, entry: Entry) -> list[dict[str, Any]]:
    return [document_jsonld(site.entries[c].data, site.entries[c].date) for c in cited_ids(entry) if c in site.entries]


def _schema_date(text: str) -> str | None:
    """A fuzzy date as schema.org takes it (YYYY, YYYY-MM, YYYY-MM-DD); None when qualified or a range."""
    return text if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text) else None


def claim_review(site: Site, entry: Entry, common: dict[str, Any]) -> dict[str, Any]:
    """schema.org ClaimReview, as fact-checkers publish it for search engines and the Fact Check
    Explorer. The rating runs from 1 (the last verdict, "False") to the number of verdicts (the
    first, "Supported"), in the order of data/vocab/verdicts.yaml; alternateName is the word."""
    d = entry.data
    order = list(site.vocab["verdicts"])
    claimant = d["claimant"]
    author_type = "Person" if claimant["kind"] == "social-media" else "Organization"
    appearances = []
    for c in d.get("seen_in", []):
        s = site.entries[c["source"]].data
        work = {
            "@type": "CreativeWork",
            "url": s["url"],
            "name": s.get("title_en") or s["title"],
            "publisher": {"@type": "Organization", "name": s["publisher"]},
        }
        if s.get("date") and _schema_date(s["date"]):
            work["datePublished"] = s["date"]
        appearances.append(work)
    item: dict[str, Any] = {"@type": "Claim", "author": {"@type": author_type, "name": claimant["name"]}}
    first = _schema_date(claimant["first_seen"])
    if first:
        item["datePublished"] = first
    if appearances:
        item["appearance"] = appearances
        # the appearance that dates the claimant's first_seen, else the first listed (where it was made)
        same_day = [a for a in appearances if first and a.get("datePublished") == first]
        item["firstAppearance"] = same_day[0] if same_day else appearances[0]
    r = page_record(site, entry)
    return {
        **common,
        "@type": "ClaimReview",
        "name": r.title,
        "claimReviewed": d["claim"],
        "reviewBody": d["verdict_reason"],
        "datePublished": r.added.iso,
        "dateModified": r.reviewed.iso,
        "author": {"@type": "Organization", "name": site.settings.site_name, "url": site.settings.site_url},
        "publisher": {"@type": "Organization", "name": site.settings.site_name, "url": site.settings.site_url},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": len(order) - order.index(d["verdict"]),
            "bestRating": len(order),
            "worstRating": 1,
            "alternateName": entry.verdict_name,
        },
        "itemReviewed": item,
        "image": share_image(site, entry),
    }


def cited_ids(entry: Entry) -> list[str]:
    ids = [c["source"] for c in entry.get("sources", []) + entry.get("seen_in", [])]
    ids += [v["source"]["source"] for v in entry.get("values", [])]
    return list(dict.fromkeys(ids))


def downloads(site: Site) -> list[tuple[str, str, str]]:
    """Every file on the downloads page: (name, media type, what it holds)."""
    kinds = ["events", "figures", "claims", "sources"]
    out = [(archive_name(site), "application/zip", "Everything below in one archive, with a README (licence, how to cite, what each column means)")]
    out += [("datapackage.json", "application/json", "Frictionless data package: a table schema for every CSV (types, codes, links between files)")]
    out += [(f"{k}.json", "application/json", f"All {k}, exactly as curated") for k in kinds]
    out += [(f"{k}.csv", "text/csv", f"All {k}, one row each") for k in kinds]
    out += [("figure-values.csv", "text/csv", "Every figure value, one row each, with its own source")]
    out += [(f"vocab/{v}.csv", "text/csv", f"Codes used in the data: {v}") for v in VOCAB_DOWNLOADS]
    out += [("sources.bib", "application/x-bibtex", "Bibliography of all sources, classic BibTeX (@misc; plain, unsrt, natbib styles)")]
    out += [("sources-biblatex.bib", "application/x-bibtex", "Bibliography of all sources, biblatex (@online, @report; for biber)")]
    out += [("sources.ris", "application/x-research-info-systems", "Bibliography, RIS")]
    out += [("sources-csl.json", "application/vnd.citationstyles.csl+json", "Bibliography, CSL-JSON")]
    out += [(f"schema/{k[:-1]}.schema.json", "application/schema+json", f"JSON Schema for {k}.json (an array of {k[:-1]} records)") for k in kinds]
    return out


VOCAB_DOWNLOADS = ("categories", "languages", "places", "source-kinds", "statuses", "verdicts")


def dataset_jsonld_data(site: Site) -> dict[str, Any]:
    years = [e.date.year for e in site.of_kind("events")]
    base = site.settings.absolute("downloads/")
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": site.settings.site_url,
        "name": site.settings.site_name,
        "description": (
            "Dated events, official figures and checked claims about China's social credit system and the state "
            "surveillance around it, each statement sourced, dated and marked for how well it is supported."
        ),
        "url": site.settings.site_url,
        "identifier": f"{site.settings.site_url}#dataset-{site.version}",
        "version": site.version,
        "dateModified": site.versions[0]["date"] if site.versions else None,
        "license": site.settings.licence_url,
        "isAccessibleForFree": True,
        "creator": tracker_organisation(site),
        "publisher": tracker_organisation(site),
        "keywords": [c["name"] for c in site.vocab["categories"].values()],
        "temporalCoverage": f"{min(years)}/{max(years)}" if years else None,
        "spatialCoverage": {"@type": "Place", "name": "China"},
        "distribution": [
            {"@type": "DataDownload", "name": name, "description": what, "encodingFormat": media, "contentUrl": base + name}
            for name, media, what in downloads(site)
        ],
    }
    return {k: v for k, v in data.items() if v is not None}


def dataset_jsonld(site: Site) -> str:
    """The schema.org Dataset on the home and downloads pages (for dataset search engines)."""
    return jsonld(dataset_jsonld_data(site))


def coins(site: Site, entry: Entry) -> str:
    """A COinS span, so that Zotero can offer every entry of a listing page at once."""
    r = page_record(site, entry)
    query = urlencode(
        {
            "ctx_ver": "Z39.88-2004",
            "rft_val_fmt": "info:ofi/fmt:kev:mtx:dc",
            "rft.type": "webpage",
            "rft.title": r.title,
            "rft.creator": cite.TRACKER_AUTHOR,
            "rft.publisher": r.site_name,
            "rft.date": r.reviewed.iso,
            "rft.identifier": r.url,
        }
    )
    return f'<span class="Z3988" title="{plain(query)}"></span>'


def source_coins(source: Entry) -> str:
    """COinS for a cited document itself, so a bibliography page imports the originals."""
    d = source.data
    fields = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
        ("rft.type", "document"),
        ("rft.title", d["title"]),
        *(("rft.creator", names.inverted(a)) for a in d.get("authors", [])),
        ("rft.publisher", d["publisher"]),
        ("rft.date", source.date.start.iso if source.date else ""),
        ("rft.identifier", d["url"]),
        ("rft.language", d["language"]),
    ]
    return f'<span class="Z3988" title="{plain(urlencode([(k, v) for k, v in fields if v]))}"></span>'


# ------------------------------------------------------------------ versions, downloads, retired pages


def archive_name(site: Site) -> str:
    return f"social-credit-tracker-data-{site.version}.zip"


def changelog_page(site: Site) -> str:
    """What each version added, corrected and removed, worked out from the records' own dates."""
    p = "changelog/index.md"
    out = [
        markup.title("Changelog"),
        markup.para(f"The dataset's current version is <strong>{plain(site.version)}</strong>. Every page names it, and so does every citation."),
    ]
    versions = site.versions
    for i, version in enumerate(versions):
        start = versions[i + 1]["date"] if i + 1 < len(versions) else "0000-00-00"
        end = version["date"]

        def within(day: str, start: str = start, end: str = end) -> bool:
            return start < day <= end

        added = [e for e in site.entries.values() if within(e.data["added"])]
        corrected = [(e, c) for e in site.entries.values() for c in e.get("corrections", []) if within(c["date"])]
        removed = [(k, v) for k, v in site.retired.items() if within(v["date"])]
        out.append(markup.heading(2, plain(version["version"]), f"v{version['version'].replace('.', '-')}"))
        out.append(markup.para(f"Released {dates.parse(version['date']).label}. {plain(version.get('notes', ''))}".rstrip()))
        counts = {kind: sum(e.kind == kind for e in added) for kind in ("events", "figures", "claims", "sources")}
        out.append(markup.para("<strong>Added:</strong> " + ", ".join(f"{n} {kind if n != 1 else kind[:-1]}" for kind, n in counts.items()) + "."))
        if corrected:
            out.append(markup.para("<strong>Corrected:</strong>"))
            out.append(
                markup.bullets(
                    f"{markup.link(url(p, e.url_path), plain(e.title))}: {plain(c['note'])}" for e, c in sorted(corrected, key=lambda x: x[0].id)
                )
            )
        if removed:
            out.append(markup.para("<strong>Retired:</strong>"))
            out.append(markup.bullets(f"<code>{plain(k)}</code> ({plain(v['action'])}): {plain(v['reason'])}" for k, v in sorted(removed)))
    return generated_page("Changelog", "What each version of the dataset added, corrected and removed.", "".join(out))


def downloads_page(site: Site, sizes: dict[str, int]) -> str:
    rows = [[markup.link(name, plain(name)), plain(what), f"{sizes[name]:,} bytes"] for name, _media, what in downloads(site)]
    body = (
        markup.title("Downloads")
        + markup.para(
            f"The whole dataset, version <strong>{plain(site.version)}</strong>, under the "
            f"{markup.link(site.settings.licence_url, plain(site.settings.licence))} licence. The files are made by the build "
            "from the curated data, so they always match the site. Cite as: "
            f"{plain(cite.TRACKER_AUTHOR)}, <em>{plain(site.settings.site_name)}</em>, dataset version {plain(site.version)}, "
            f"{plain(site.settings.site_url)}, and cite the original sources of the facts you use."
        )
        + markup.table([("File", "left"), ("What it holds", "left"), ("Size", "right")], rows)
        + markup.para(
            "The CSV files are UTF-8 with a byte-order mark, so that Excel opens them with Chinese text intact; "
            "the codes in them (places, statuses, verdicts, kinds) are explained in the vocab files, and "
            "datapackage.json describes every column for data tools (Frictionless, pandas, R)."
        )
        + markup.para(f"New and corrected entries are announced in the {markup.link('../feed.xml', 'Atom feed')}.")
    )
    return generated_page("Downloads", "The whole dataset as JSON, CSV, bibliography files and JSON Schemas.", body, jsonld=dataset_jsonld(site))


def redirect_html(site: Site, old: str, info: dict[str, str]) -> str:
    """A renamed entry's old address: a static page that sends the reader on."""
    target = site.entries[info["into"]]
    url = site.settings.absolute(target.url_path)
    relative = f"../../{target.url_path}"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>Moved: {plain(target.title)}</title>\n"
        f'<link rel="canonical" href="{plain(url)}">\n'
        f'<meta http-equiv="refresh" content="0; url={plain(relative)}">\n'
        '<meta name="robots" content="noindex">\n'
        f'</head><body><p>This entry ("{plain(old)}") was renamed on {plain(info["date"])}. '
        f'It is now at <a href="{plain(relative)}">{plain(target.title)}</a>.</p></body></html>\n'
    )


def tombstone_page(site: Site, old: str, info: dict[str, str]) -> str:
    p = f"{info['kind']}/{old}.md"
    action = {"merged": "merged into another entry", "withdrawn": "withdrawn"}[info["action"]]
    body = (
        markup.title(f"This entry was {action}")
        + markup.para(f"The entry <code>{plain(old)}</code> was {action} on {dates.parse(info['date']).label}.")
        + markup.para(f"<strong>Why:</strong> {plain(info['reason'])}")
    )
    if info.get("into"):
        target = site.entries[info["into"]]
        body += markup.para(f"<strong>It is now part of:</strong> {markup.link(url(p, target.url_path), plain(target.title))}")
    body += markup.para(
        "This page stays so that citations of the old address keep working. See the " + markup.link(url(p, "changelog/"), "changelog") + "."
    )
    # a placeholder for old citations: kept out of search, where it would only stand in the way
    return generated_page(f"Retired entry: {old}", f"The entry {old} was {action}.", body, search={"exclude": True})

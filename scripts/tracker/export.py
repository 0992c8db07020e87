"""Downloads and the feed: the whole dataset as JSON and CSV, the schemas, the bibliography,
one zip archive, and an Atom feed of added and corrected entries.

Every file is a pure function of the data (sorted inputs, dates from the records, fixed zip
timestamps), so one commit always gives byte-identical downloads.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import cite, datapackage, names
from .load import read_text
from .model import TIER_LEGEND, Site
from .render import xml_text
from .settings import Settings
from .validate import REQUIRED_SCHEMAS
from .writes import safe_relative

KIND_COLUMNS = {  # CSV columns per kind: (column, what it means)
    "events": [
        ("id", "permanent id; the page is /events/<id>/"),
        ("title", "neutral headline"),
        ("date", "when it happened, at the precision the sources support (YYYY, YYYY-MM, YYYY-MM-DD; 'about'/'before'/'after'; START/END)"),
        ("place", "place id (see vocab/places.csv)"),
        ("categories", "category ids separated by '; '"),
        ("status", "how well supported (see vocab/statuses.csv)"),
        ("summary", "the tracker's summary in Markdown; [@id] cites a source"),
        ("sources", "source ids separated by '; '"),
        ("related", "related entry ids separated by '; '"),
        ("added", "day the entry was added"),
        ("reviewed", "day the entry was last checked against its sources"),
    ],
    "claims": [
        ("id", "permanent id; the page is /claims/<id>/"),
        ("title", "short name of the claim"),
        ("claim", "the claim as it circulates, paraphrased"),
        ("verdict", "verdict (see vocab/verdicts.csv)"),
        ("status", "how well supported"),
        ("summary", "what the evidence shows, in Markdown"),
        ("sources", "evidence: source ids separated by '; '"),
        ("seen_in", "where the claim was made: source ids separated by '; '"),
        ("related", "related entry ids separated by '; '"),
        ("added", "day added"),
        ("reviewed", "day last reviewed"),
    ],
    "figures": [
        ("id", "permanent id; the page is /figures/<id>/"),
        ("title", "what the series shows"),
        ("measure", "exactly what one unit is"),
        ("unit", "unit label"),
        ("counts", "people, organisations, times (人次), records, documents, devices, …"),
        ("counting", "cumulative, per-period or snapshot"),
        ("issuer", "who produces the figures"),
        ("place", "place id"),
        ("status", "how well supported"),
        ("values", "number of values; see figure-values.csv"),
        ("added", "day added"),
        ("reviewed", "day last reviewed"),
    ],
    "sources": [
        ("id", "permanent id; the page is /sources/<id>/"),
        ("title", "title in the original language"),
        ("title_en", "English title (translation) when the original is not English"),
        ("authors", "authors separated by '; '"),
        ("publisher", "who published the copy at the URL"),
        ("date", "publication date at its precision"),
        ("url", "address"),
        ("archive_url", "saved copy"),
        ("language", "ISO 639-1 code"),
        ("kind", "kind of publisher (see vocab/source-kinds.csv)"),
        ("repost_of", "the original, when this copy is a repost"),
        ("tier", f"source tier, derived from kind and repost_of: {TIER_LEGEND}"),
        ("title_note", "what the record is, where the copy shows no headline (not a title)"),
        ("document_title_zh", "the official document's Chinese title, for laws and official documents"),
        ("document_number", "the document number (文号)"),
        ("document_issuers", "issuing bodies separated by '; '"),
        ("document_issued", "the day the document was issued"),
        ("added", "day added"),
        ("reviewed", "day last reviewed"),
    ],
}
VALUE_COLUMNS = [
    ("figure", "figure id"),
    ("as_of", "date the value refers to (cumulative and snapshot series)"),
    ("period", "period counted (per-period series)"),
    ("qualifier", "about, more than, at least, fewer than"),
    ("value", "the number as published, in the series' unit"),
    ("unit", "the series' unit"),
    ("counts", "what one unit is"),
    ("counting", "cumulative, per-period or snapshot"),
    ("source", "source id for this value"),
    ("locator", "where in the source"),
    ("note", "note on this value"),
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """CSV cells never start like a spreadsheet formula (CSV injection)."""
    if isinstance(value, list):
        value = "; ".join((v["source"] if "source" in v else names.display(v)) if isinstance(v, dict) else str(v) for v in value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


BOM = "\ufeff"  # so that Excel reads the CSV files as UTF-8 (Chinese text) rather than the local code page


def to_csv(columns: list[tuple[str, str]], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    for row in rows:
        writer.writerow([safe_cell(row.get(name)) for name, _ in columns])
    return out.getvalue()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dataset_files(site: Site, schema_dir: Path) -> Iterator[tuple[str, str]]:
    """(file name, text) for everything in the download folder except the archive."""
    kinds = site.vocab["source-kinds"]
    for kind in KIND_COLUMNS:
        # a source's tier travels with it (derived, not curated: sources-file.schema.json allows it)
        records = [{**e.data, "tier": e.tier(kinds)} if kind == "sources" else e.data for e in site.of_kind(kind)]
        yield f"{kind}.json", _json(records)
        rows = [{**r, "values": len(r["values"])} if kind == "figures" else _flat_document(r) for r in records]
        yield f"{kind}.csv", to_csv(KIND_COLUMNS[kind], rows)
    values = [
        {
            "figure": f.id,
            **v,
            "source": v["source"]["source"],
            "locator": v["source"].get("locator"),
            **{k: f.data[k] for k in ("unit", "counts", "counting")},
        }
        for f in site.of_kind("figures")
        for v in f.data["values"]
    ]
    yield "figure-values.csv", to_csv(VALUE_COLUMNS, values)
    for vocab in datapackage.VOCABS:
        yield f"vocab/{vocab}.csv", to_csv(*datapackage.vocab_rows(site, vocab))
    sources = [e.data for e in sorted(site.of_kind("sources"), key=lambda e: e.id)]
    yield "sources.bib", cite.BIBTEX_HEADER + "\n".join(cite.source_bibtex(s) for s in sources)
    yield "sources-biblatex.bib", cite.BIBLATEX_HEADER + "\n".join(cite.source_biblatex(s) for s in sources)
    yield "sources.ris", "\n".join(cite.source_ris(s) for s in sources)
    yield "sources-csl.json", json.dumps([cite.source_csl(s) for s in sources], ensure_ascii=False, indent=2) + "\n"
    figure_enums: dict[str, list[str]] = {}
    source_schema: dict[str, Any] | None = None
    for stem in sorted(REQUIRED_SCHEMAS):  # only the schemas the check read, through its guards
        text, _problem = read_text(schema_dir / f"{stem}.schema.json", schema_dir.parent)
        if text is not None:
            yield f"schema/{stem}.schema.json", text
            if stem == "figure":
                figure_enums = _figure_enums(json.loads(text))
            if stem == "source":
                source_schema = json.loads(text)
    for kind in KIND_COLUMNS:  # the JSON downloads are arrays of records
        yield f"schema/{kind}-file.schema.json", _json(array_schema(kind, source_schema if kind == "sources" else None))
    descriptions = {f"{k}.csv": f"All {k}, one row each" for k in KIND_COLUMNS} | {"figure-values.csv": "Every figure value, one row each"}
    yield "datapackage.json", _json(datapackage.package(site, site.settings, descriptions, figure_enums))


def _figure_enums(schema: dict[str, Any]) -> dict[str, list[str]]:
    props = schema["properties"]
    value = props["values"]["items"]["properties"]
    return {"counts": props["counts"]["enum"], "counting": props["counting"]["enum"], "qualifier": value["qualifier"]["enum"]}


def _flat_document(record: dict[str, Any]) -> dict[str, Any]:
    """A source's document (文号, issuers, …) as CSV columns; other records unchanged."""
    document = record.get("document")
    if not isinstance(document, dict):
        return record
    return record | {
        "document_title_zh": document.get("title_zh"),
        "document_number": document.get("number"),
        "document_issuers": document.get("issuers"),
        "document_issued": document.get("issued"),
    }


TIER_SCHEMA = {
    "type": "integer",
    "enum": [1, 2, 3, 4],
    "description": f"Derived by the tracker from kind and repost_of (never curated): {TIER_LEGEND}. See the methodology's Source tiers.",
}


def array_schema(kind: str, record_schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """A JSON Schema for <kind>.json: an array of records, each as the kind's own schema says.
    The sources download adds each source's tier, which the curated schema (rightly) refuses,
    so its items are the source schema with that one derived field added."""
    items: dict[str, Any] = {"$ref": f"{kind[:-1]}.schema.json"}
    defs: dict[str, Any] = {}
    if kind == "sources" and record_schema is not None:
        items = {k: v for k, v in record_schema.items() if k not in ("$schema", "$id", "$defs", "title", "examples")}
        items["properties"] = {**record_schema["properties"], "tier": TIER_SCHEMA}
        items["required"] = [*record_schema["required"], "tier"]
        defs = record_schema.get("$defs", {})
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}-file.schema.json",
        "title": f"{kind}.json",
        "description": f"The {kind} download: an array of {kind[:-1]} records, sorted by id.",
        "type": "array",
        "items": items,
    }
    return schema | ({"$defs": defs} if defs else {})


def archive_readme(site: Site, settings: Settings, version: str) -> str:
    columns = "\n".join(
        f"\n{name}\n" + "\n".join(f"  {col}: {meaning}" for col, meaning in cols)
        for name, cols in [*((f"{k}.csv", v) for k, v in KIND_COLUMNS.items()), ("figure-values.csv", VALUE_COLUMNS)]
    )
    return f"""{settings.site_name}: dataset version {version}
{"=" * 60}

{settings.site_url}

What this is: every event, figure series, claim and source in the tracker, as JSON (the
records exactly as curated, each source with its derived tier added) and CSV (one row per record; figure values in
figure-values.csv), the codes they use (vocab/*.csv: places, statuses, verdicts, source
kinds, categories, languages), the JSON Schemas that define each kind (schema/<kind>.schema.json
for one record, schema/<kinds>-file.schema.json for the JSON files, which are arrays), and the
bibliography of all sources as BibTeX (sources.bib), biblatex (sources-biblatex.bib), RIS and
CSL-JSON.

datapackage.json is a Frictionless Data Package: it gives every CSV column's type, the codes
it may hold and the links between files (figure-values.figure -> figures.id, and so on).
Check it with: frictionless validate datapackage.json

The CSV files are UTF-8 with a byte-order mark, so that Excel opens them with Chinese text
intact; most other tools skip the mark (in Python, open them with encoding="utf-8-sig").

Licence: {settings.licence} ({settings.licence_url}). Attribute as
"{settings.site_name}, dataset version {version}, {settings.site_url}".

How to cite: {cite.TRACKER_AUTHOR}. {settings.site_name} (dataset version {version}).
{settings.site_url}. Cite the original sources of any fact you use as well.

Reading the figures: a value counts people, organisations or times (人次: one person can be
counted many times); it is a cumulative total, a count for a period, or a snapshot. The
columns counts and counting say which. Never add or compare values across series without
reading their caveats (figures.json).

CSV cells that would start with =, +, - or @ are prefixed with an apostrophe so that
spreadsheets do not run them as formulas.

Columns
-------
{columns}
"""


def archive(files: list[tuple[str, str]], readme: str, folder: str) -> bytes:
    """A zip of the files with fixed timestamps and order, so it is byte-identical per version."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in [("README.txt", readme), *sorted(files)]:
            info = zipfile.ZipInfo(safe_relative(f"{folder}/{name}"), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def robots_txt(settings: Settings) -> str:
    """Crawlers may read everything; the sitemap lists every page (MkDocs writes it)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {settings.absolute('sitemap.xml')}\n"


KIND_ORDER = {"events": 0, "figures": 1, "claims": 2, "sources": 3}


def atom_feed(site: Site, settings: Settings, version: str, limit: int = 100) -> str:
    """Entries added and corrected, dated by the records (added, each correction's date), not the
    clock: the newest change first; on one day, events before figures, claims and sources, each
    by title. Every change of the latest version is listed, however many; older ones up to limit."""
    items = []
    for entry in site.entries.values():
        url = settings.absolute(entry.url_path)
        rank = (KIND_ORDER[entry.kind], entry.title.casefold(), entry.id)
        items.append((entry.data["added"], rank, "added", f"Added: {entry.title}", url, ""))
        for n, corr in enumerate(entry.get("corrections", []), start=1):
            items.append((corr["date"], rank, f"corrected-{n}", f"Corrected: {entry.title}", url, corr["note"]))
    items.sort(key=lambda i: (i[1], i[2]))
    items.sort(key=lambda i: i[0], reverse=True)  # stable: newest day first, then the order above
    since = site.versions[1]["date"] if len(site.versions) > 1 else "0000-00-00"
    items = items[: max(limit, sum(i[0] > since for i in items))]
    updated = items[0][0] if items else "1970-01-01"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml_text(settings.site_name)}: added and corrected entries</title>",
        f"  <id>{xml_text(settings.absolute('feed.xml'))}</id>",
        f'  <link rel="self" href="{xml_text(settings.absolute("feed.xml"))}"/>',
        f'  <link href="{xml_text(settings.site_url)}"/>',
        f"  <updated>{updated}T00:00:00Z</updated>",
        f"  <author><name>{xml_text(cite.TRACKER_AUTHOR)}</name></author>",
        f"  <rights>Data: {xml_text(settings.licence)}</rights>",
        f"  <subtitle>Dataset version {xml_text(version)}</subtitle>",
    ]
    for day, _rank, what, title, url, note in items:
        parts += [
            "  <entry>",
            f"    <title>{xml_text(title)}</title>",
            f"    <id>{xml_text(url)}#{what}</id>",
            f'    <link href="{xml_text(url)}"/>',
            f"    <updated>{day}T00:00:00Z</updated>",
            f"    <summary>{xml_text(note or title)}</summary>",
            "  </entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"

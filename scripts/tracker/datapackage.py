"""The Frictionless data package: datapackage.json describes every CSV download (column types,
codes from the vocabularies, links between files), so data tools read the columns instead of
guessing them. Also the vocabularies as CSV, and JSON Schemas for the JSON downloads (arrays).
"""

from __future__ import annotations

from typing import Any

from .model import TIER_LEGEND, Site
from .settings import Settings

VOCABS = ("categories", "languages", "places", "source-kinds", "statuses", "verdicts")
VOCAB_COLUMNS = ["id", "name", "name_zh", "level", "parent", "tier", "description"]
ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*"  # table-schema patterns match the whole value
# csv.writer's output: UTF-8 with a byte-order mark (Excel), comma, double quotes, LF
DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True}


def vocab_rows(site: Site, name: str) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """(columns, rows) of one vocabulary, for vocab/<name>.csv."""
    items = site.vocab[name]
    keys = {k for item in items.values() for k in item}
    columns = [(c, c) for c in VOCAB_COLUMNS if c == "id" or c in keys]
    return columns, [{"id": key, **item} for key, item in items.items()]


def _field(name: str, kind: str = "string", **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind}
    if constraints:
        field["constraints"] = constraints
    return field


def _id() -> dict[str, Any]:
    return _field("id", required=True, unique=True, pattern=ID_PATTERN)


def _day(name: str) -> dict[str, Any]:
    return _field(name, "date", required=True)


def _code(site: Site, name: str, vocab: str, required: bool = True) -> dict[str, Any]:
    return _field(name, required=required, enum=sorted(site.vocab[vocab]))


def _list(name: str, what: str) -> dict[str, Any]:
    return {**_field(name), "description": f"{what}, separated by '; '"}


def _fk(field: str, resource: str) -> dict[str, Any]:
    return {"fields": field, "reference": {"resource": resource, "fields": "id"}}


def table_schemas(site: Site, figure_enums: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """Table schema per CSV resource name."""
    fuzzy = "a date at the precision the sources support: YYYY, YYYY-MM or YYYY-MM-DD; 'about', 'before', 'after'; START/END"
    date_field = {**_field("date"), "description": fuzzy}
    schemas = {
        "events": {
            "fields": [
                _id(),
                _field("title", required=True),
                {**date_field, "constraints": {"required": True}},
                _code(site, "place", "places"),
                _list("categories", "category ids"),
                _code(site, "status", "statuses"),
                _field("summary", required=True),
                _list("sources", "source ids"),
                _list("related", "related entry ids"),
                _day("added"),
                _day("reviewed"),
            ],
            "primaryKey": "id",
            "foreignKeys": [_fk("place", "vocab-places"), _fk("status", "vocab-statuses")],
        },
        "figures": {
            "fields": [
                _id(),
                _field("title", required=True),
                _field("measure", required=True),
                _field("unit", required=True),
                _field("counts", required=True, enum=figure_enums["counts"]),
                _field("counting", required=True, enum=figure_enums["counting"]),
                _field("issuer", required=True),
                _code(site, "place", "places"),
                _code(site, "status", "statuses"),
                _field("values", "integer", required=True, minimum=0),
                _day("added"),
                _day("reviewed"),
            ],
            "primaryKey": "id",
            "foreignKeys": [_fk("place", "vocab-places"), _fk("status", "vocab-statuses")],
        },
        "claims": {
            "fields": [
                _id(),
                _field("title", required=True),
                _field("claim", required=True),
                _code(site, "verdict", "verdicts"),
                _code(site, "status", "statuses"),
                _field("summary", required=True),
                _list("sources", "evidence: source ids"),
                _list("seen_in", "where the claim was made: source ids"),
                _list("related", "related entry ids"),
                _day("added"),
                _day("reviewed"),
            ],
            "primaryKey": "id",
            "foreignKeys": [_fk("verdict", "vocab-verdicts"), _fk("status", "vocab-statuses")],
        },
        "sources": {
            "fields": [
                _id(),
                _field("title", required=True),
                _field("title_en"),
                _list("authors", "authors as credited"),
                _field("publisher", required=True),
                date_field,
                _field("url", "string", required=True, pattern="https?://.+"),
                _field("archive_url", "string", pattern="https?://.+"),
                _code(site, "language", "languages"),
                _code(site, "kind", "source-kinds"),
                _field("repost_of"),
                {
                    **_field("tier", "integer", required=True, enum=[1, 2, 3, 4]),
                    "description": TIER_LEGEND,
                },
                {**_field("title_note"), "description": "what the record is, where the copy shows no headline (not a title)"},
                _field("document_title_zh"),
                _field("document_number"),
                _list("document_issuers", "issuing bodies"),
                {**_field("document_issued"), "description": "the day the document was issued, at its precision"},
                _day("added"),
                _day("reviewed"),
            ],
            "primaryKey": "id",
            "foreignKeys": [_fk("language", "vocab-languages"), _fk("kind", "vocab-source-kinds")],
        },
        "figure-values": {
            "fields": [
                _field("figure", required=True, pattern=ID_PATTERN),
                {**_field("as_of"), "description": "date the value refers to (cumulative and snapshot series)"},
                {**_field("period"), "description": "period counted (per-period series)"},
                _field("qualifier", enum=figure_enums["qualifier"]),
                _field("value", "number", required=True, minimum=0),
                _field("unit", required=True),
                _field("counts", required=True, enum=figure_enums["counts"]),
                _field("counting", required=True, enum=figure_enums["counting"]),
                _field("source", required=True, pattern=ID_PATTERN),
                _field("locator"),
                _field("note"),
            ],
            "foreignKeys": [_fk("figure", "figures"), _fk("source", "sources")],
        },
    }
    for vocab in VOCABS:
        columns, _rows = vocab_rows(site, vocab)
        fields = [
            _id() if c == "id" else _field(c, "integer", required=True, enum=[1, 2, 3, 4]) if c == "tier" else _field(c, required=c == "name")
            for c, _ in columns
        ]
        schema: dict[str, Any] = {"fields": fields, "primaryKey": "id"}
        if vocab == "places":
            schema["foreignKeys"] = [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}]
        schemas[f"vocab-{vocab}"] = schema
    return schemas


def package(site: Site, settings: Settings, descriptions: dict[str, str], figure_enums: dict[str, list[str]]) -> dict[str, Any]:
    """datapackage.json (Frictionless Data Package v1) for the CSV downloads."""
    resources = []
    for name, schema in table_schemas(site, figure_enums).items():
        path = f"vocab/{name[6:]}.csv" if name.startswith("vocab-") else f"{name}.csv"
        resources.append(
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": DIALECT,
                "description": descriptions.get(path, ""),
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "social-credit-tracker",
        "title": settings.site_name,
        "version": site.version,
        "homepage": settings.site_url,
        "licenses": [{"name": settings.licence.replace(" ", "-"), "path": settings.licence_url, "title": settings.licence}],
        "resources": resources,
    }

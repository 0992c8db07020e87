"""Citation formats, each made from one record. Entry pages cite the tracker's page (and remind
readers to cite the original sources); the bibliography cites the sources themselves.

BibTeX, RIS and CSL-JSON are read by reference managers: tests parse them with independent
libraries, so keep them standard rather than pretty.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from . import dates

TRACKER_AUTHOR = "Social Credit Tracker contributors"
MONTHS_MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_BIB_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


@dataclass(frozen=True)
class PageRecord:
    """What a reader cites when citing one of the tracker's pages."""

    id: str
    title: str
    url: str
    site_name: str
    version: str
    reviewed: dates.Day  # the last-reviewed day: the 'date' of the page's content
    added: dates.Day


def _long(day: dates.Day) -> str:
    return day.label()  # 27 November 2026


def inline(r: PageRecord) -> str:
    return f'{r.site_name}, "{r.title}", {r.url} (version {r.version}, last reviewed {_long(r.reviewed)})'


def apa(r: PageRecord) -> str:
    d = r.reviewed
    return f"{TRACKER_AUTHOR}. ({d.year}, {dates.MONTHS[d.month]} {d.day}). {r.title}. In {r.site_name} (Version {r.version}). {r.url}"


def mla(r: PageRecord) -> str:
    d = r.reviewed
    return f'"{r.title}." {r.site_name}, version {r.version}, {d.day} {MONTHS_MLA[d.month - 1]} {d.year}, {r.url.split("://", 1)[1]}.'


def chicago(r: PageRecord) -> str:
    d = r.reviewed
    return f'{TRACKER_AUTHOR}. "{r.title}." {r.site_name}, version {r.version}. Last reviewed {dates.MONTHS[d.month]} {d.day}, {d.year}. {r.url}.'


def bib_escape(text: str) -> str:
    return _BIB_SPECIAL.sub(r"\\\1", text)


def bibtex_entry(key: str, kind: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibtex(r: PageRecord) -> str:
    d = r.reviewed
    return bibtex_entry(
        f"sct-{r.id}",
        "misc",
        {
            "author": "{" + bib_escape(TRACKER_AUTHOR) + "}",
            "title": "{" + bib_escape(r.title) + "}",
            "howpublished": bib_escape(r.site_name),
            "year": str(d.year),
            "month": str(d.month),
            "url": r.url,
            "note": bib_escape(f"Dataset version {r.version}; last reviewed {d.iso}. Cite the original sources too."),
        },
    )


def ris_record(lines: list[tuple[str, str]]) -> str:
    body = [f"{tag}  - {' '.join(value.split())}" for tag, value in lines if value]
    return "\n".join(body) + "\nER  - \n"


def ris(r: PageRecord) -> str:
    d = r.reviewed
    return ris_record(
        [
            ("TY", "ELEC"),
            ("AU", TRACKER_AUTHOR),
            ("TI", r.title),
            ("T2", r.site_name),
            ("PY", str(d.year)),
            ("DA", f"{d.year:04d}/{d.month:02d}/{d.day:02d}"),
            ("ET", r.version),
            ("UR", r.url),
            ("N1", "Cite the original sources too."),
        ]
    )


def csl(r: PageRecord) -> dict[str, Any]:
    d = r.reviewed
    return {
        "id": f"sct-{r.id}",
        "type": "webpage",
        "title": r.title,
        "author": [{"literal": TRACKER_AUTHOR}],
        "container-title": r.site_name,
        "URL": r.url,
        "version": r.version,
        "issued": {"date-parts": [[d.year, d.month, d.day]]},
        "note": "Cite the original sources too.",
    }


def csl_json(r: PageRecord) -> str:
    return json.dumps([csl(r)], ensure_ascii=False, indent=2)


# ------------------------------------------------------------------ the sources themselves

SOURCE_TYPES = {  # source kind -> (BibTeX type, RIS type, CSL type)
    "government": ("misc", "GOVDOC", "report"),
    "court": ("misc", "GOVDOC", "legal_case"),
    "party": ("misc", "GOVDOC", "report"),
    "legislature": ("misc", "GOVDOC", "legislation"),
    "state-media": ("online", "NEWS", "article-newspaper"),
    "wire-service": ("online", "NEWS", "article-newspaper"),
    "independent-media": ("online", "NEWS", "article-newspaper"),
    "intergovernmental": ("misc", "RPRT", "report"),
    "ngo": ("misc", "RPRT", "report"),
    "academic": ("misc", "RPRT", "report"),
    "think-tank": ("misc", "RPRT", "report"),
    "company": ("online", "ELEC", "webpage"),
    "blog": ("online", "BLOG", "post-weblog"),
    "aggregator": ("online", "ELEC", "webpage"),
}


def _source_date(s: dict[str, Any]) -> dates.FuzzyDate | None:
    return dates.parse(s["date"]) if "date" in s else None


def source_bibtex(s: dict[str, Any]) -> str:
    when = _source_date(s)
    title = s["title"] + (f" [{s['title_en']}]" if s.get("title_en") else "")
    fields = {
        "author": " and ".join("{" + bib_escape(a) + "}" for a in s.get("authors", [])),
        "title": "{" + bib_escape(title) + "}",
        "organization": bib_escape(s["publisher"]),
        "year": str(when.start.year) if when else "",
        "month": str(when.start.month) if when and when.start.month else "",
        "url": s["url"],
        "language": s["language"],
        "note": bib_escape(f"Repost of {s['repost_of']}") if s.get("repost_of") else "",
    }
    return bibtex_entry(s["id"], SOURCE_TYPES[s["kind"]][0], fields)


def source_ris(s: dict[str, Any]) -> str:
    when = _source_date(s)
    lines = [("TY", SOURCE_TYPES[s["kind"]][1])]
    lines += [("AU", a) for a in s.get("authors", [])]
    lines += [("TI", s["title"]), ("TT", s.get("title_en", "")), ("PB", s["publisher"])]
    if when:
        d = when.start
        day = "/".join([f"{d.year:04d}", f"{d.month:02d}" if d.month else "", f"{d.day:02d}" if d.day else ""])
        lines += [("PY", str(d.year)), ("DA", day)]
    lines += [("UR", s["url"]), ("LA", s["language"]), ("N1", f"Repost of {s['repost_of']}" if s.get("repost_of") else "")]
    return ris_record(lines)


def date_parts(when: dates.FuzzyDate) -> dict[str, Any]:
    def parts(d: dates.Day) -> list[int]:
        return [p for p in (d.year, d.month, d.day) if p]

    out: dict[str, Any] = {"date-parts": [parts(when.start)] + ([parts(when.end)] if when.end else [])}
    if when.qualifier == "about":
        out["circa"] = True
    return out


def source_csl(s: dict[str, Any]) -> dict[str, Any]:
    when = _source_date(s)
    item: dict[str, Any] = {
        "id": s["id"],
        "type": SOURCE_TYPES[s["kind"]][2],
        "title": s["title"],
        "publisher": s["publisher"],
        "container-title": s["publisher"],
        "URL": s["url"],
        "language": s["language"],
    }
    if s.get("title_en"):
        item["title-short"] = s["title_en"]
        item["note"] = f"English title: {s['title_en']}"
    if s.get("authors"):
        item["author"] = [{"literal": a} for a in s["authors"]]
    if when:
        item["issued"] = date_parts(when)
    return item

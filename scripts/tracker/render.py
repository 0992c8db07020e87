"""Contributed Markdown -> safe HTML, and escaping for plain fields.

Order matters: render first, then sanitise (nh3), so that neither raw HTML nor a Markdown link
can smuggle script, event handlers or javascript:/data: URLs onto a page. Citation markers are
turned into links only after sanitising, from ids the checker has already validated.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

import markdown
import nh3

ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "br", "sup", "sub", "q"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
MARKER = re.compile(r"\[@([a-z0-9]+(?:-[a-z0-9]+)*)\]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>])")


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")  # built once: building is most of the cost

# Python-Markdown backtracks over every unclosed "[" (and "<"): 5,900 of them cost about 5 s
# a render, and a few hundred nested list markers ("- - - …") exhaust the recursion limit. Real
# summaries hold at most a dozen brackets and five list lines, so these limits never bind
# honest text; the check reports text over them (E332), and the renderer shows such text as
# plain escaped paragraphs instead of parsing it, so no summary can stall or crash a build.
MARKUP_LIMITS = {"[": 100, "<": 100}
MAX_NESTING = 20  # list and quote markers plus indent levels (two spaces each) on one line
_BLOCK_PREFIX = re.compile(r"^([ \t]*)((?:(?:[-*+>]|\d{1,9}[.)])(?:[ \t]+|$))*)", re.M)
# a line nests more than MAX_NESTING levels only if it starts with more than half that many such
# characters (a tab, the widest, counts two levels): only those lines are measured
_DEEP_CANDIDATE = re.compile(rf"^[ \t\-*+>.)0-9]{{{MAX_NESTING // 2},}}", re.M)
_BLOCK_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")


def complexity_problem(text: str) -> str | None:
    """Why this Markdown is too costly to parse, or None."""
    for char, limit in MARKUP_LIMITS.items():
        count = text.count(char)
        if count > limit:
            return f'the text holds {count} "{char}" characters; at most {limit} can be rendered safely'
    for candidate in _DEEP_CANDIDATE.finditer(text):
        match = _BLOCK_PREFIX.match(text, candidate.start())
        if match is None:
            continue
        depth = len(match.group(1).expandtabs(4)) // 2 + len(_BLOCK_MARKER.findall(match.group(2)))
        if depth > MAX_NESTING:
            return f"a line nests {depth} levels of lists, quotes or indents; at most {MAX_NESTING} can be rendered safely"
    return None


def _as_plain_paragraphs(text: str) -> str:
    return "\n".join(f"<p>{plain(block)}</p>" for block in re.split(r"\n\s*\n", text.strip()) if block.strip())


def markdown_to_html(text: str, cite: Callable[[str], str] | None = None, hints: dict[str, str] | None = None) -> str:
    """Render contributor Markdown, sanitise it, add glossary hints, then turn [@id] markers into
    links with cite(id). Both additions come from checked data, after sanitising, and touch only
    text between tags (never an attribute value)."""
    rendered = None
    if complexity_problem(text) is None:
        try:
            rendered = _MARKDOWN.reset().convert(text)
        except RecursionError:
            rendered = None
    if rendered is None:
        rendered = _as_plain_paragraphs(text)
    clean = add_glossary_hints(sanitise(rendered), hints or {})
    if cite is not None:
        clean = in_text(clean, lambda part: MARKER.sub(lambda m: cite(m.group(1)), part), skip=_NO_MARKER_INSIDE)
    return clean


def plain(text: str) -> str:
    """Escape a plain field (title, publisher…) for use inside HTML."""
    return html.escape(text, quote=True)


# Characters XML 1.0 cannot hold at all. The loader refuses them in data (E110); feeds and SVG
# files replace any that still arrive, so they are always well-formed XML.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Escape text for XML content or a double-quoted XML attribute, and make it XML-safe."""
    return html.escape(_NOT_XML.sub("\ufffd", text), quote=True)


def md_text(text: str) -> str:
    """Escape a plain field for use inside generated Markdown: no markup, no HTML, no links."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def first_sentence(markdown_text: str, limit: int = 200) -> str:
    """A plain-text description for meta tags and listings: markers, markup and HTML removed."""
    text = html.unescape(nh3.clean(markdown_to_html(re.sub(r"\s*" + MARKER.pattern, "", markdown_text)), tags=set()))
    text = " ".join(text.split())
    end = text.find(". ")
    sentence = text if end == -1 else text[: end + 1]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


_TAG = re.compile(r"(<[^>]+>)")
_NO_HINT_INSIDE = {"a", "abbr", "code", "sup"}
_NO_MARKER_INSIDE = {"a", "code"}


def in_text(fragment: str, change: Callable[[str], str], skip: set[str]) -> str:
    """Apply change to the text between tags of sanitised HTML, leaving tags (and so attribute
    values) alone, and any text inside the elements named in skip."""
    depth = 0
    out = []
    for part in _TAG.split(fragment):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in skip:
                depth += -1 if part.startswith("</") else 1
            out.append(part)
        else:
            out.append(change(part) if depth <= 0 else part)
    return "".join(out)


def add_glossary_hints(fragment: str, hints: dict[str, str]) -> str:
    """Wrap the first use of each glossary phrase in <abbr title="definition"> (Material shows
    the title as a tooltip). Only text outside links, code and existing hints is touched."""
    if not hints:
        return fragment
    pattern = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(hints, key=len, reverse=True)) + r")\b")
    used: set[str] = set()

    def wrap(match: re.Match[str]) -> str:
        phrase = match.group(1)
        if phrase in used:
            return phrase
        used.add(phrase)
        return f'<abbr title="{plain(hints[phrase])}">{phrase}</abbr>'

    return in_text(fragment, lambda part: pattern.sub(wrap, part), skip=_NO_HINT_INSIDE)


# Front matter is written as JSON, which YAML reads too (and much faster than it writes YAML).
# JSON leaves these characters raw; in YAML they are line breaks or not allowed, so escape them.
_NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def front_matter(title: str, description: str = "", **extra: object) -> str:
    """Front matter for MkDocs. Material prints title and description into the page without
    escaping them (header, <title>, meta tags), so they are HTML-escaped here, once."""
    meta = {"title": plain(title)}
    if description:
        meta["description"] = plain(description)
    meta.update(extra)
    text = _NOT_YAML_SAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(meta, ensure_ascii=False, sort_keys=True))
    return "---\n" + text + "\n---\n\n"


_CJK_RUN = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_TAG = re.compile("(<[^>]*>)")
_ZH_OPEN = '<span lang="zh">'


def mark_chinese(fragment: str) -> str:
    """Wrap each run of Chinese characters in the text of finished HTML in <span lang="zh">, so
    that screen readers pronounce it and browsers pick Chinese fonts (the page itself is English).
    Only text between tags changes; tags and attribute values stay as they are."""
    parts = _TAG.split(fragment)
    for i in range(0, len(parts), 2):  # even indexes are text, odd ones tags
        if _CJK_RUN.search(parts[i]) and not (i and parts[i - 1] == _ZH_OPEN):
            parts[i] = _CJK_RUN.sub(lambda m: f"{_ZH_OPEN}{m.group(0)}</span>", parts[i])
    return "".join(parts)


def generated_page(title: str, description: str, body_html: str, **extra: object) -> str:
    """A generated page: front matter, then finished HTML. `prerendered` tells the MkDocs hook to
    use the HTML as it is instead of running Markdown over it (other builders pass it through)."""
    return front_matter(title, description, prerendered=True, **extra) + mark_chinese(body_html)

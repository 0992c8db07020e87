"""HTML building blocks for generated pages.

Generated pages are written as finished HTML, in the markup Python-Markdown and its extensions
would produce (so Material's styles and scripts apply unchanged): running Markdown over tens of
thousands of generated pages was most of the build. Arguments named `html` are trusted markup
built here; text must already be escaped with render.plain. Attribute values (href, anchor ids,
classes) are escaped here, so a name that came from data can never close its attribute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape, unescape


def heading(level: int, html: str, anchor: str, searched: bool = True) -> str:
    """A section heading with its permanent link, as the toc extension (permalink: true) makes it.
    searched=False keeps it out of search excerpts (for sections whose body is left out too)."""
    ignore = "" if searched else " data-pagefind-ignore"
    anchor = escape(anchor)
    return f'<h{level} id="{anchor}"{ignore}>{html}<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h{level}>\n'


def title(html: str, weight: int = 0) -> str:
    """The page's h1; weight (1-10) tells Pagefind how much a match in it counts."""
    return f'<h1 data-pagefind-weight="{weight}">{html}</h1>\n' if weight else f"<h1>{html}</h1>\n"


def para(html: str, cls: str = "") -> str:
    return f'<p class="{cls}">{html}</p>\n' if cls else f"<p>{html}</p>\n"


def link(href: str, html: str, cls: str = "") -> str:
    """href is the URL itself (unescaped); it is escaped here for the attribute."""
    href = escape(href)
    return f'<a class="{escape(cls)}" href="{href}">{html}</a>' if cls else f'<a href="{href}">{html}</a>'


def bullets(items: Iterable[str], attrs: str = "") -> str:
    inner = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul{' ' + attrs if attrs else ''}>{inner}</ul>\n"


def admonition(kind: str, title_html: str, body_html: str) -> str:
    """Material's call-out box (the admonition extension's markup)."""
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{title_html}</p>\n{body_html}</div>\n'


_TAG = re.compile(r"<[^>]+>")


def table(columns: list[tuple[str, str]], rows: Iterable[list[str]], cls: str = "") -> str:
    """columns: (header html, "left" or "right"); the tables extension's markup. Each cell also
    carries its column's name (data-label), so that on a phone, where the table becomes stacked
    rows (docs/assets/css/tracker.css), every value is shown beside what it is."""

    def cell(tag: str, html: str, align: str, label: str = "") -> str:
        attrs = f' data-label="{escape(label)}"' if label else ""
        attrs += ' style="text-align: right;"' if align == "right" else ""
        return f"<{tag}{attrs}>{html}</{tag}>"

    labels = [unescape(_TAG.sub("", name)) for name, _align in columns]
    head = "".join(cell("th", name, align) for name, align in columns)
    aligns = [align for _name, align in columns]
    body = "\n".join(
        "<tr>" + "".join(cell("td", html, align, label) for html, align, label in zip(row, aligns, labels, strict=True)) + "</tr>" for row in rows
    )
    table_cls = f' class="{escape(cls)}"' if cls else ""
    return f"<table{table_cls}>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def code_block(text_html: str) -> str:
    """A plain-text code block with Material's copy button (pymdownx.highlight's markup)."""
    return f'<div class="language-text highlight"><pre><span></span><code>{text_html}</code></pre></div>\n'


def pager(labels_and_hrefs: list[tuple[str, str | None]]) -> str:
    """Page links for a listing split over several pages; the current page has no href."""
    parts = [link(href, label) if href else f'<span aria-current="page">{label}</span>' for label, href in labels_and_hrefs]
    return '<nav class="year-nav" aria-label="Pages">' + " · ".join(parts) + "</nav>\n"

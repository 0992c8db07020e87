"""MkDocs hooks: run the generation step before every build (mkdocs.yml's watch: lists data/),
hand generated pages' finished HTML to MkDocs without running Markdown over it, harden every
page (Content-Security-Policy, no referrer, rel on external links), and index the built site
with Pagefind after every build (`mkdocs build` and each rebuild of `mkdocs serve`).

Generated pages are Markdown files whose body is HTML, so the site stays buildable by any
MkDocs-compatible builder once `python -m scripts.tracker generate` has run (Zensical, for one,
ignores hooks: it would pass the HTML through Markdown, and lack the page hardening). Paths are
taken relative to the mkdocs.yml in use, so a test can build a copy of the site elsewhere.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import html
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import get_context
from mkdocs.exceptions import Abort
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.tracker")
CODE_ROOT = Path(__file__).resolve().parents[1]
if str(CODE_ROOT) not in sys.path:
    sys.path.insert(0, str(CODE_ROOT))

from scripts.tracker.citable import dataset_jsonld  # noqa: E402
from scripts.tracker.generate import DataError, generate_pages  # noqa: E402
from scripts.tracker.render import mark_chinese  # noqa: E402
from scripts.tracker.search_index import make_reproducible  # noqa: E402

_SERVING = False  # `mkdocs serve`: data errors are shown in the browser instead of stopping
_ERRORS: list[str] = []  # the data's errors while serving (empty once they are fixed)


def on_startup(command: str, **_kwargs) -> None:
    global _SERVING
    _SERVING = command == "serve"


def on_pre_build(config, **_kwargs) -> None:
    site_root = Path(config.config_file_path).resolve().parent
    try:
        _changed, site = generate_pages(site_root / "data", Path(config["docs_dir"]), site_root / "build" / "snippets", Path(config.config_file_path))
    except DataError as exc:
        if not _SERVING:
            raise Abort(str(exc)) from None
        # While serving, a contributor who saves a broken file sees its errors in the browser
        # (every page is replaced by them, see on_post_page) instead of the last good site;
        # the next rebuild after the fix brings the site back, and the page reloads itself.
        # printed, not logged: a logged error or warning would abort the build in strict mode
        print(f"{exc}; the browser shows them until they are fixed", file=sys.stderr)
        _ERRORS[:] = exc.problems or [str(exc)]
        return
    _ERRORS.clear()
    # shown in every page's footer and in the home page's schema.org Dataset
    config.extra["dataset_version"] = site.version
    config.extra["dataset_jsonld"] = dataset_jsonld(site)
    _pin_build_date(site.versions[0]["date"] if site.versions else "1970-01-01")


_EPOCH_SET_HERE = False


def _pin_build_date(day: str) -> None:
    """MkDocs dates the sitemap (and build_date_utc) with SOURCE_DATE_EPOCH, else the clock. Unless
    the caller pinned it, pin it to the dataset version's day, so that one commit gives one site
    whichever command builds it (re-pinned on each `mkdocs serve` rebuild)."""
    global _EPOCH_SET_HERE
    if os.environ.get("SOURCE_DATE_EPOCH") and not _EPOCH_SET_HERE:
        return
    epoch = datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(), datetime.UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    _EPOCH_SET_HERE = True


# ---------------------------------------------------------------- generated pages: HTML as it is
# The generator writes finished HTML (front matter `prerendered: true`). MkDocs would build a
# Markdown converter with every extension for each page and parse all of that HTML again only to
# pass it through: most of the build's time at 10,000 entries. For these pages the hook replaces
# the page's render step (MkDocs 1.6's Page.render: content, toc, anchor ids) with one that takes
# the HTML as it is, and reads the table of contents and anchor ids (MkDocs checks links to
# them) from it. tests/test_site.py checks the contents sidebar and tests/test_hardening.py
# every link and anchor, so a change in MkDocs' internals shows up there.
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"')
_ID = re.compile(r'\bid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")


def on_page_markdown(markdown: str, page, **_kwargs) -> str:
    if page.meta.get("prerendered"):
        page.render = functools.partial(_use_html_as_is, page)
    return markdown


def on_page_content(html: str, page, **_kwargs) -> str:
    """Hand-written pages get what generated ones get (render.generated_page): lang="zh" on
    every run of Chinese text."""
    return html if page.meta.get("prerendered") else mark_chinese(html)


def _use_html_as_is(page, _config, _files) -> None:
    body = page.markdown
    tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(body):
        token = {"level": int(level), "id": anchor, "name": _TAG.sub("", inner), "children": []}
        parent = tokens[-1]["children"] if tokens and token["level"] > tokens[-1]["level"] else tokens
        parent.append(token)
    page.content = body
    page.toc = get_toc(tokens)
    page.present_anchor_ids = set(_ID.findall(body))
    page.links_to_anchors = {}


# Which files Pagefind reads at all. data-pagefind-body decides what is indexed; this only spares
# it the source records (sources/<id>/) and year/theme/place timelines, two thirds of the pages
# at scale, which carry no data-pagefind-body: 20% less memory and time at 10,000 entries.
# tests/test_search.py checks that every page marked data-pagefind-body is in the index.
PAGEFIND_READS = "{*.html,*/index.html,events/**/*.html,figures/**/*.html,claims/**/*.html}"


def on_post_build(config, **_kwargs) -> None:
    """Index the built site into <site_dir>/pagefind/ (not while serving pages of errors). Pages opt in with data-pagefind-body
    (docs/overrides/main.html), so source records and timelines stay out of the index.

    Pagefind 1.5.2 writes all but its filter index the same way on every run; make_reproducible
    puts that in a fixed order (tests/test_hardening.py compares two whole builds). It runs in
    the site folder with no PAGEFIND_* variables, so no stray pagefind.yml or environment
    changes the index.
    """
    if _ERRORS:
        return
    site_dir = Path(config["site_dir"]).resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    # .headerlink: Material's "¶" permalinks, which would end every result's title
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind", "--quiet"]
    command += ["--exclude-selectors", ".headerlink", "--glob", PAGEFIND_READS]
    try:
        result = subprocess.run(command, cwd=site_dir, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise Abort(f"Pagefind could not be run: {exc}") from None
    if result.returncode:
        raise Abort(f"Pagefind failed to index {site_dir}:\n{(result.stdout + result.stderr).strip()}")
    try:
        make_reproducible(site_dir / "pagefind")
    except (OSError, ValueError) as exc:
        raise Abort(f"Pagefind's filter index could not be put in a fixed order: {exc}") from None


# ---------------------------------------------------------------- hardening of every page
# Material writes a few small inline scripts into each page; their text differs only with the
# page's depth (the relative base URL). The policy allows exactly those, by hash: the hashes come
# from a rendering of the theme's own 404 template at the same depth with no page and no data in
# it, never from the finished page, so a script that data smuggles in (should escaping ever fail)
# is not in the policy and the browser refuses it; the build also fails with a warning naming
# the page. (style-src-attr: Material and table cells set style attributes.)
_INLINE = re.compile(r"<(script|style)(?![^>]*\bsrc=)([^>]*)>(.*?)</\1>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")
SEARCH_PAGE = "search.md"  # the one page that runs Pagefind (docs/overrides/search-page.html)
_EXTERNAL_LINK = re.compile(r'<a (?![^>]*\brel=)([^>]*\bhref="https?://[^"]*"[^>]*)>')
_DATA_IN_CONFIG = ("dataset_version", "dataset_jsonld")  # set from data by on_pre_build
_THEME: dict[str, dict[str, set[str]]] = {}  # base URL -> the theme's inline code there, by hash
_NAV: list = []  # (nav, files) of the current build, for the data-free rendering


def on_nav(nav, config, files, **_kwargs):
    _NAV[:] = [nav, files]
    _THEME.clear()  # a new build (or a `mkdocs serve` rebuild) renders its reference again
    return nav


def inline_hashes(html: str) -> dict[str, set[str]]:
    """The sha256 sources of a page's executable inline scripts and its inline styles."""
    hashes: dict[str, set[str]] = {"script": set(), "style": set()}
    for tag, attrs, body in _INLINE.findall(html):
        tag = tag.lower()
        if tag == "script" and any(t in attrs for t in _DATA_TYPES):
            continue  # data blocks are never run
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes[tag].add(f"'sha256-{digest}'")
    return hashes


def theme_hashes(config, base_url: str) -> dict[str, set[str]]:
    """The theme's own inline code at this depth: its 404 template rendered with no page and
    the data-derived settings taken out (so nothing from data/ can be in it)."""
    if base_url not in _THEME:
        saved = {key: config.extra.pop(key) for key in _DATA_IN_CONFIG if key in config.extra}
        try:
            nav, files = _NAV
            context = get_context(nav, files, config, page=None, base_url=base_url)
            html = config.theme.get_env().get_template("404.html").render(context)
        finally:
            config.extra.update(saved)
        _THEME[base_url] = inline_hashes(html)
    return _THEME[base_url]


def content_security_policy(allowed: dict[str, set[str]], wasm: bool = False) -> str:
    """The page's policy. wasm adds 'wasm-unsafe-eval' (compiling WebAssembly, not running JS
    from strings), for the search page only. Pagefind 1.5 searches in a web worker, which
    this <meta> policy does not reach; but where a worker cannot start it falls back to
    compiling its WebAssembly in the page, and that needs the keyword (checked in Chromium)."""
    script = " ".join(["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *sorted(allowed["script"])])
    style = " ".join(["'self'", *sorted(allowed["style"])])
    return (
        f"default-src 'self'; script-src {script}; style-src {style}; style-src-attr 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def error_page(problems: list[str]) -> str:
    """The page `mkdocs serve` shows in place of every page while the data has errors: each
    problem (file, line, column, code, message and hint), escaped. No script of its own, so that
    the server's reload script runs and brings the site back once the errors are fixed."""
    items = "\n".join(f'<li><pre style="white-space: pre-wrap">{html.escape(problem)}</pre></li>' for problem in problems)
    count = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{count} in data/</title></head>\n"
        '<body style="font-family: sans-serif; margin: 1rem auto; max-width: 60rem; padding: 0 1rem">\n'
        f'<h1 class="data-errors">The data has {count}</h1>\n'
        "<p>The site is not rebuilt until they are fixed; this page reloads when they are. "
        "The same list is printed where <code>make serve</code> runs.</p>\n"
        f'<ol class="data-errors__list">\n{items}\n</ol>\n</body></html>\n'
    )


def on_post_page(output: str, page, config, **_kwargs) -> str:
    if _ERRORS:
        return error_page(_ERRORS)
    output = _EXTERNAL_LINK.sub(r'<a rel="noopener noreferrer" \1>', output)
    theme = theme_hashes(config, get_relative_url(".", page.url))
    found = inline_hashes(output)
    for tag in ("script", "style"):
        foreign = found[tag] - theme[tag]
        if foreign:
            log.warning("%s holds %d inline <%s> element(s) that are not the theme's; the policy refuses them", page.file.src_uri, len(foreign), tag)
    allowed = {tag: found[tag] & theme[tag] for tag in ("script", "style")}
    wasm = page.file.src_uri == SEARCH_PAGE
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(allowed, wasm)}">\n'
        '    <meta name="referrer" content="no-referrer">\n    '
    )
    return output.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n    ' + meta, 1)

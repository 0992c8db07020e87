"""The generation step: check the data, then write the generated pages (front matter and
finished HTML, in .md files) and downloads into docs/.

Generated folders are build output (git-ignored) and wholly owned by this step: files it did
not write this time are removed. Unchanged files are not rewritten, so `mkdocs serve`, which
watches docs/, settles after one rebuild instead of looping. Output depends only on the data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import cards, charts, cite, export
from .checks import run_checks
from .citable import SITE_CARD, archive_name, downloads_page, redirect_html
from .clock import today
from .dataset import Dataset, load_dataset
from .model import Entry, Site, build_site
from .pages import entry_page, listing_pages, snippets
from .parallel import parallel_map
from .settings import load_settings
from .writes import UnsafePath, inside, write_if_changed

GENERATED_DIRS = ("events", "figures", "claims", "sources", "timeline", "changelog", "downloads", "gaps")
GENERATED_FILES = ("feed.xml", "robots.txt")
SNIPPETS = Path("build") / "snippets"


class DataError(Exception):
    """The data has errors; the messages were already printed. problems holds them, one
    formatted problem each (`mkdocs serve` shows them in the browser)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def generate_pages(data_dir: Path, docs_dir: Path, snippets_dir: Path, config_file: Path) -> tuple[int, Site]:
    """Write every generated page and file; return how many changed, and the site model.
    Raise DataError (after printing the problems) on bad data."""
    data = load_dataset(data_dir)
    problems = run_checks(data, today(), style=False)
    errors = [p for p in problems if p.is_error]
    if errors:
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        raise DataError(f"{len(errors)} errors in data/; nothing was generated", [p.format() for p in errors])
    try:
        return _write_site(data, docs_dir, snippets_dir, config_file)
    except UnsafePath as exc:  # a name the check let through: stop rather than write anywhere
        print(exc, file=sys.stderr)
        raise DataError("the build refused to write outside its folders; nothing more was generated", [str(exc)]) from None


def _write_site(data: Dataset, docs_dir: Path, snippets_dir: Path, config_file: Path) -> tuple[int, Site]:
    site = build_site(data, load_settings(config_file))
    charts.CACHE_DIR = snippets_dir.parent / "cache" / "charts"
    cards.CACHE_DIR = snippets_dir.parent / "cache" / "cards"
    charts.draw_all(site.of_kind("figures"))
    wanted: set[Path] = set()
    changed = 0
    global _WRITING
    entries = list(site.entries.values())
    _WRITING = (site, docs_dir, entries)
    shares = [(i, min(i + _SHARE, len(entries))) for i in range(0, len(entries), _SHARE)]
    cite_cache = snippets_dir.parent / "cache" / "citations.json"
    cite.RENDERED = _read_cache(cite_cache)
    cite.USED = {}
    used: dict[str, str] = {}
    for rels, count, strings in parallel_map(_write_entry_pages, shares, per_item=_SHARE):
        wanted.update(inside(docs_dir, rel) for rel in rels)
        changed += count
        used.update(strings)
    for rel, content in [*listing_pages(site), *static_files(site, data.root / "schema")]:
        wanted.add(inside(docs_dir, rel))
        changed += write_if_changed(docs_dir, rel, content)
    for folder in GENERATED_DIRS:
        for stale in sorted((docs_dir / folder).rglob("*")) if (docs_dir / folder).exists() else []:
            if stale.is_file() and stale not in wanted:
                stale.unlink()
    for name in GENERATED_FILES:
        if (docs_dir / name) not in wanted and (docs_dir / name).exists():
            (docs_dir / name).unlink()
    for name, text in snippets(site):
        changed += write_if_changed(snippets_dir, name, text)
    used.update(cite.USED)  # strings rendered in this process (listings, or no workers)
    write_if_changed(cite_cache.parent, cite_cache.name, json.dumps(used, sort_keys=True, ensure_ascii=False))
    return changed, site


def _read_cache(path: Path) -> dict[str, str]:
    """The citation strings of the last build; build output, but checked like anything read back:
    a damaged or foreign file is ignored (the strings are rendered again)."""
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(cached, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in cached.items())
    return cached if ok else {}


_WRITING: tuple[Site, Path, list[Entry]] | None = None  # what forked workers write (they inherit it)
_SHARE = 50  # entry pages per job


def _write_entry_pages(share: tuple[int, int]) -> tuple[list[str], int, dict[str, str]]:
    """Render and write the pages of entries[start:end]; return their paths, how many changed
    and the citation strings they used (for the cache)."""
    assert _WRITING is not None
    site, docs_dir, all_entries = _WRITING
    entries = all_entries[share[0] : share[1]]
    changed = 0
    cite.USED = {}
    for entry in entries:
        changed += write_if_changed(docs_dir, entry.md_path, entry_page(site, entry))
    strings, cite.USED = cite.USED, {}
    return [e.md_path for e in entries], changed, strings


def standalone_svg(svg: str) -> str:
    """An inlined chart made fit to stand alone: a prolog, and dark text instead of currentColor."""
    return '<?xml version="1.0" encoding="utf-8"?>\n' + svg.replace("currentColor", "#222222")


def share_cards(site: Site) -> list[tuple[str, bytes]]:
    """The link-preview images: one per claim (with its verdict) and one for every other page."""
    s = site.settings
    address = s.site_url.split("://", 1)[-1].rstrip("/")
    out = [(SITE_CARD, cards.site_card(s.site_name, address, "Sourced events, official figures and checked claims on China's social credit system"))]
    for claim in site.of_kind("claims"):
        d = claim.data
        card = cards.claim_card(s.site_name, address, d["verdict"], claim.verdict_name or "", claim.name, d["verdict_reason"], claim.id)
        out.append((f"downloads/cards/{claim.id}.png", card))
    return out


def static_files(site: Site, schema_dir: Path) -> list[tuple[str, str | bytes]]:
    """Downloads, the feed and redirect stubs: files MkDocs copies to the site as they are."""
    files = list(export.dataset_files(site, schema_dir))
    readme = export.archive_readme(site, site.settings, site.version)
    zipped = export.archive(files, readme, f"social-credit-tracker-data-{site.version}")
    out: list[tuple[str, str | bytes]] = [(f"downloads/{name}", text) for name, text in files]
    out.append((f"downloads/{archive_name(site)}", zipped))
    sizes = {name: len(text.encode("utf-8")) for name, text in files} | {archive_name(site): len(zipped)}
    out.append(("downloads/index.md", downloads_page(site, sizes)))
    out.append(("feed.xml", export.atom_feed(site, site.settings, site.version)))
    out.append(("robots.txt", export.robots_txt(site.settings)))
    for figure in site.of_kind("figures"):
        out.append((f"downloads/charts/{figure.id}.svg", standalone_svg(charts.svg(figure, interactive=False))))
        out.append((f"downloads/charts/{figure.id}.csv", charts.csv_text(figure)))
        out.append((f"downloads/charts/{figure.id}.png", charts.png(figure)))
    out += share_cards(site)
    for old, info in sorted(site.retired.items()):
        if info["action"] == "renamed":
            out.append((f"{info['kind']}/{old}/index.html", redirect_html(site, old, info)))
    return out


def generate(data_dir: Path, docs_dir: Path, snippets_dir: Path, config_file: Path) -> int:
    """Command-line entry: exit status 0 or 1, never a traceback for bad data."""
    try:
        changed, _site = generate_pages(data_dir, docs_dir, snippets_dir, config_file)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"generated pages in {docs_dir} ({changed} files changed)")
    return 0

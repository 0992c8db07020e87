"""The generation step: check the data, then write the site's Markdown into docs/.

Generated folders are build output (git-ignored) and wholly owned by this step: files it did
not write this time are removed. Unchanged files are not rewritten, so `mkdocs serve`, which
watches docs/, settles after one rebuild instead of looping. Output depends only on the data.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .checks import run_checks
from .dataset import load_dataset, today
from .model import build_site
from .pages import all_pages, snippets

GENERATED_DIRS = ("events", "figures", "claims", "sources", "timeline")
SNIPPETS = Path("build") / "snippets"


class DataError(Exception):
    """The data has errors; the messages were already printed."""


def write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def generate_pages(data_dir: Path, docs_dir: Path, snippets_dir: Path) -> int:
    """Write every generated page; raise DataError (after printing problems) on bad data."""
    data = load_dataset(data_dir)
    problems = run_checks(data, today())
    errors = [p for p in problems if p.is_error]
    if errors:
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        raise DataError(f"{len(errors)} errors in data/; nothing was generated")
    site = build_site(data)
    wanted: set[Path] = set()
    changed = 0
    for rel, text in all_pages(site):
        target = docs_dir / rel
        wanted.add(target)
        changed += write_if_changed(target, text)
    for folder in GENERATED_DIRS:
        for stale in sorted((docs_dir / folder).rglob("*")) if (docs_dir / folder).exists() else []:
            if stale.is_file() and stale not in wanted:
                stale.unlink()
    for name, text in snippets(site):
        changed += write_if_changed(snippets_dir / name, text)
    return changed


def generate(data_dir: Path, docs_dir: Path, snippets_dir: Path) -> int:
    """Command-line entry: exit status 0 or 1, never a traceback for bad data."""
    try:
        changed = generate_pages(data_dir, docs_dir, snippets_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"generated pages in {docs_dir} ({changed} files changed)")
    return 0

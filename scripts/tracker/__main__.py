"""The tracker's command line, run from the repository root: check the data, scaffold, format and
register entries, build the site. Every command also has a make target (see CONTRIBUTING.md);
with a plain python3 it runs itself again with .venv/bin/python."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from .bootstrap import use_project_venv

if __name__ == "__main__":
    use_project_venv()

from .canonical import canonical_text, with_comments
from .checks import run_checks
from .clock import today
from .dataset import PUBLISHED_IDS, REGISTER_DIR, load_dataset
from .load import display
from .problems import CODES, Problem
from .scaffold import scaffold, slug
from .validate import load_schemas
from .writes import inside, write_if_changed

ROOT = Path(__file__).resolve().parents[2]


def _where(path: str | Path) -> str:
    """A file named on the command line or in a problem, as one comparable absolute path (a link
    that loops cannot be resolved, so it is compared as written)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def cmd_check(args: argparse.Namespace) -> int:
    data_dir = Path(args.data).resolve()
    data = load_dataset(data_dir)
    problems = run_checks(data, today())
    if args.files:
        wanted = {_where(f) for f in args.files}
        problems = [_while_writing(p) for p in problems if _where(p.path) in wanted]
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    # Warnings are listed for the files a contributor names (or with --warnings); over the whole
    # dataset they are counted per code, so that errors are never lost among hundreds of them.
    listed = problems if args.files or args.warnings else errors
    for problem in listed:
        print(problem.format())
    if not (args.files or args.warnings):
        for code in sorted({w.code for w in warnings}):
            count = sum(w.code == code for w in warnings)
            print(f"{code} ({CODES[code][0]}): {count} warnings; list them with --warnings")
    checked = len(args.files) if args.files else sum(len(d) for d in data.docs.values()) + len(data.invalid)
    print(f"{'FAILED' if errors else 'OK'}: {checked} files checked, {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


def _while_writing(problem: Problem) -> Problem:
    """A source checked on its own may be waiting for the entry that will cite it: a warning
    here, still an error (E306) when the whole dataset is checked."""
    if problem.code != "E306":
        return problem
    return replace(problem, code="W604", message=problem.message + " yet", hint="")


def cmd_register(args: argparse.Namespace) -> int:
    """Record each new id in a file of its own, data/register/<id>.txt holding "kind/id": two
    pull requests that add entries then never edit the same file. Never removes a record."""
    data_dir = Path(args.data).resolve()
    data = load_dataset(data_dir)
    broken = [p for p in data.problems if p.is_error and p.code.startswith(("E1", "E321"))]
    if any(name == PUBLISHED_IDS or name.startswith(f"{REGISTER_DIR}/") for name in data.invalid_files) or any(p.code == "E112" for p in broken):
        for problem in broken:
            print(problem.format())
        print("the register was left as it is; fix the problems above first")
        return 1
    known = {f"{kind}/{entry_id}" for kind, entry_id, _path, _line in data.published}
    current = {f"{kind}/{entry_id}" for kind, docs in data.docs.items() for entry_id in docs}
    new = sorted(current - known)
    for record in new:
        entry_id = record.split("/", 1)[1]
        write_if_changed(data_dir, f"{REGISTER_DIR}/{entry_id}.txt", f"{record}\n")
        print(f"registered {record} in data/{REGISTER_DIR}/{entry_id}.txt")
    print(f"registered {len(new)} new ids ({len(known | current)} in all)")
    return 0


def cmd_format(args: argparse.Namespace) -> int:
    """Rewrite entries in canonical form; files with errors are left alone and reported."""
    data_dir = Path(args.data).resolve()
    data = load_dataset(data_dir)
    wanted = {_where(f) for f in args.files}
    changed = 0
    for kind, docs in data.docs.items():
        for doc in docs.values():
            path = Path(doc.path).resolve()
            if wanted and _where(doc.path) not in wanted:
                continue
            text = with_comments(path.read_text(encoding="utf-8"), canonical_text(kind, doc.data, data_dir / "schema"))
            if write_if_changed(data_dir, path.relative_to(data_dir).as_posix(), text):
                changed += 1
                print(f"formatted {doc.path}")
    skipped = [p for p in data.problems if p.is_error and (not wanted or _where(p.path) in wanted)]
    for problem in skipped:
        print(problem.format())
    print(f"{changed} files rewritten" + (f"; {len(skipped)} problems stop other files from being formatted" if skipped else ""))
    return 1 if skipped else 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new entry file from its schema and print where it is."""
    kind = args.kind if args.kind.endswith("s") else args.kind + "s"
    entry_id = slug(args.title)
    if not entry_id:
        print('give a title with at least one letter or digit, e.g. new event "Court launches a debtor list 2013"')
        return 1
    data_dir = Path(args.data).resolve()
    _schemas, broken = load_schemas(data_dir / "schema")
    if broken:
        for problem in broken:
            print(problem.format())
        return 1
    target = inside(data_dir, f"{kind}/{entry_id}.yaml")
    if target.exists() or target.is_symlink():
        print(f"{display(target)} already exists; choose another title")
        return 1
    write_if_changed(data_dir, f"{kind}/{entry_id}.yaml", scaffold(kind, entry_id, data_dir / "schema", today()))
    print(f"created {display(target)}: replace every TODO, then run: make check FILES={display(target)}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import main as run_bench  # imported here: it pulls in Playwright

    return run_bench(args.sizes, not args.no_write)


def cmd_links(args: argparse.Namespace) -> int:
    """Report dead source and archive addresses (for the weekly job; never fails)."""
    from .links import dead_links, report

    data = load_dataset(Path(args.data).resolve())
    checked = sum(("url" in d.data) + ("archive_url" in d.data) for d in data.docs["sources"].values())
    print(report(dead_links(data), checked), end="")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a fresh folder beside the site and swap it in only when the build succeeded,
    so a failed build never destroys the last good site."""
    import shutil
    import subprocess
    import tempfile

    site = Path(args.site_dir).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(Path(args.config).resolve()), "-d", str(staging)]
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed; {display(site)} was left as it was", file=sys.stderr)
        return 1
    # mkdtemp makes the folder private (0700); a web server running as another user would answer
    # 403, so give it the mode any new folder gets here
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"built {display(site)}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from .generate import generate

    # the site's root is the data folder's parent: snippets and the chart cache live in its build/
    site_root = Path(args.data).resolve().parent
    config = site_root / "mkdocs.yml" if (site_root / "mkdocs.yml").exists() else ROOT / "mkdocs.yml"
    return generate(Path(args.data).resolve(), Path(args.docs).resolve(), site_root / "build" / "snippets", config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tracker", description=__doc__)
    parser.add_argument("--data", default=str(ROOT / "data"), help="the data folder (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data; exit 1 on any error")
    check.add_argument("files", nargs="*", help="report only on these files (all data is still loaded)")
    check.add_argument("--warnings", action="store_true", help="list every warning, not only their counts")
    check.set_defaults(func=cmd_check)
    new = sub.add_parser("new", help="create a new entry from its schema, every field explained")
    new.add_argument("kind", choices=["event", "figure", "claim", "source", "events", "figures", "claims", "sources"])
    new.add_argument("title", help="a short title; it becomes the permanent id and file name")
    new.set_defaults(func=cmd_new)
    fmt = sub.add_parser("format", help="rewrite entries in canonical form (all, or the files named)")
    fmt.add_argument("files", nargs="*")
    fmt.set_defaults(func=cmd_format)
    bld = sub.add_parser("build", help="build the site; the old site stays unless the build succeeds")
    bld.add_argument("--site-dir", default=str(ROOT / "site"))
    bld.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    bld.set_defaults(func=cmd_build)
    bench = sub.add_parser("bench", help="time check, generation and build at scale; write BENCHMARK.md")
    bench.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    bench.add_argument("--no-write", action="store_true", help="print the table only")
    bench.set_defaults(func=cmd_bench)
    links = sub.add_parser("links", help="report dead source and archive addresses (needs the network)")
    links.set_defaults(func=cmd_links)
    reg = sub.add_parser("register", help="record each new id in data/register/<id>.txt (never edits a shared file)")
    reg.set_defaults(func=cmd_register)
    gen = sub.add_parser("generate", help="check, then write the site's generated pages into docs/")
    gen.add_argument("--docs", default=str(ROOT / "docs"), help="the MkDocs docs_dir (default: docs/)")
    gen.set_defaults(func=cmd_generate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

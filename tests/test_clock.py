"""One clock: `new`, `check` and the build agree on what day it is, whatever the machine's date.

The suite pins TRACKER_TODAY (conftest.TODAY). These tests run the real commands with the
machine's clock moved decades ahead by libfaketime (Debian's faketime, installed by `make test`),
so a command that reads the wall clock instead of scripts/tracker/clock.py fails here, on any day.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ENV, ROOT, copy_site_tree, make_data
from .test_contributing import fill

FAKETIME = shutil.which("faketime")
FAR_FUTURE = "2099-06-01 12:00:00"
needs_faketime = pytest.mark.skipif(FAKETIME is None, reason="Debian's faketime is not installed; run `make tools`")


def run(*args: str, fake: bool = True, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    prefix = [FAKETIME or "faketime", FAR_FUTURE] if fake else []
    return subprocess.run([*prefix, sys.executable, *args], cwd=cwd, env=env or ENV, capture_output=True, text=True, check=False)


def test_nothing_but_the_clock_module_reads_the_calendar() -> None:
    calls = {"today", "now", "utcnow", "localtime", "gmtime", "ctime"}
    found = []
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        if path.name == "clock.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in calls:
                if isinstance(node.func.value, ast.Name) and node.func.value.id == "clock":
                    continue  # clock.today(): the one clock
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.func.attr}()")
    assert found == []


@needs_faketime
def test_the_fake_clock_is_really_in_the_future() -> None:
    result = run("-c", "import datetime; print(datetime.date.today())")
    assert result.stdout.strip() == "2099-06-01"


@needs_faketime
@pytest.mark.parametrize("kind", ["event", "source"])
def test_new_then_check_agree_on_the_day_far_in_the_future(kind: str, tmp_path: Path) -> None:
    data = make_data(tmp_path)
    made = run("-m", "scripts.tracker", "--data", str(data), "new", kind, "A new entry for the clock test")
    assert made.returncode == 0, made.stdout + made.stderr
    created = data / f"{kind}s" / "a-new-entry-for-the-clock-test.yaml"
    text = created.read_text(encoding="utf-8")
    assert 'added: "2026-11-27"' in text and 'reviewed: "2026-11-27"' in text  # the pinned day, not 2099
    created.write_text(fill(text), encoding="utf-8")
    if kind == "source":  # a source must be cited
        event = data / "events" / "good-event.yaml"
        new_line = "  - source: good-report\n  - source: a-new-entry-for-the-clock-test\n"
        event.write_text(event.read_text(encoding="utf-8").replace("  - source: good-report\n", new_line), encoding="utf-8")
    checked = run("-m", "scripts.tracker", "--data", str(data), "check", str(created))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # and with the clock unpinned, the machine's (fake) day is used by both
    unpinned = {k: v for k, v in ENV.items() if k != "TRACKER_TODAY"}
    created.unlink()
    made = run("-m", "scripts.tracker", "--data", str(data), "new", kind, "A new entry for the clock test", env=unpinned)
    assert 'added: "2099-06-01"' in created.read_text(encoding="utf-8")


@needs_faketime
def test_the_build_does_not_depend_on_the_clock(tmp_path: Path) -> None:
    """Built today and built in 2099, without SOURCE_DATE_EPOCH: the same bytes (the sitemap is
    dated by the dataset version, not by the day of the build)."""
    root = copy_site_tree(tmp_path / "root", make_data(tmp_path / "src"))
    env = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}
    sites = []
    for fake in (False, True):
        out = tmp_path / ("future" if fake else "now")
        result = run("-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out), fake=fake, env=env, cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert sites[0].keys() == sites[1].keys()
    assert [name for name in sites[0] if sites[0][name] != sites[1][name]] == []
    assert b"<lastmod>2026-02-01</lastmod>" in sites[0][Path("sitemap.xml")]  # the fixture's newest version

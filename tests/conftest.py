"""Shared test helpers: build a throwaway data/ folder and run the real command line on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.tracker.__main__ import main
from scripts.tracker.generate import GENERATED_DIRS, GENERATED_FILES

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = "2026-11-27"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY)


@pytest.fixture
def real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests of the real data: today is the machine's day."""
    monkeypatch.delenv("TRACKER_TODAY", raising=False)


def make_data(tmp_path: Path, *extra: Path) -> Path:
    """A data folder: the real schemas and vocabularies (but the fixture glossary), the good
    fixtures, plus extra files."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copytree(ROOT / "data" / "vocab", data / "vocab")
    shutil.copytree(FIXTURES / "good", data, dirs_exist_ok=True)
    for file in extra:
        if "--" in file.name:  # e.g. e320-x--published-ids.txt replaces data/published-ids.txt
            shutil.copyfile(file, data / file.name.split("--", 1)[1])
            continue
        kind = file.parent.name
        (data / kind).mkdir(exist_ok=True)
        shutil.copyfile(file, data / kind / file.name)
    return data


def run_check(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """Run `check` as a contributor would; return the exit status and the lines printed."""
    status = main(["--data", str(data), "check", *args])
    out = capsys.readouterr().out.splitlines()
    return status, out


ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "true",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "TRACKER_TODAY": TODAY,
    "SOURCE_DATE_EPOCH": "1764201600",
}
REAL_ENV = {name: value for name, value in ENV.items() if name != "TRACKER_TODAY"}  # for the real data


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        cwd=root,
        env=REAL_ENV if root == ROOT else ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_site_tree(dest: Path, data: Path) -> Path:
    """A copy of the site's configuration and hand-written pages around another data folder."""
    dest.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES))
    (dest / "scripts").symlink_to(ROOT / "scripts")
    shutil.copytree(data, dest / "data")
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the small fixture dataset, for behaviour the real data may not show."""
    tmp = tmp_path_factory.mktemp("fixture-site")
    root = copy_site_tree(tmp / "root", make_data(tmp / "src"))
    result = build(root, tmp / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "out"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")

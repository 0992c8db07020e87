"""Shared test helpers: build a throwaway data/ folder and run the real command line on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.tracker.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = "2026-11-27"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", TODAY)


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

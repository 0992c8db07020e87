"""The register of published ids cannot conflict: two pull requests that each add an entry and
register it merge cleanly, as GitHub's merge button would see them (no merge driver needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.tracker.__main__ import main

from .conftest import ENV, FIXTURES, ROOT, make_data

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=False, env=ENV)


def add_entry(data: Path, entry_id: str, source_id: str | None = None) -> None:
    """An event copied from the good fixture under a new id, and maybe a new source it cites."""
    event = (FIXTURES / "good" / "events" / "good-event.yaml").read_text(encoding="utf-8").replace("id: good-event", f"id: {entry_id}")
    if source_id:
        event = event.replace("  - source: good-report\n", f"  - source: good-report\n  - source: {source_id}\n")
        source = (FIXTURES / "bad" / "e201-misspelt-field" / "sources" / "new-notice.yaml").read_text(encoding="utf-8")
        source = source.replace("id: new-notice", f"id: {source_id}").replace("second-list", source_id)
        (data / "sources" / f"{source_id}.yaml").write_text(source, encoding="utf-8")
    (data / "events" / f"{entry_id}.yaml").write_text(event, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the fixture data, the Makefile, and this checkout's scripts and .venv."""
    repo = tmp_path / "repo"
    repo.mkdir()
    make_data(repo)
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, repo / name)
        os.utime(repo / name, (0, 0))  # older than .venv's stamp: make uses the .venv as it is
    # a copy, not a link: the program finds data/ beside its own files, which must be this repository's
    shutil.copytree(ROOT / "scripts", repo / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / ".venv").symlink_to(ROOT / ".venv")
    (repo / ".gitignore").write_text("/scripts\n/.venv\n", encoding="utf-8")
    assert git(repo, "init", "-q").returncode == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "base").returncode == 0
    return repo


def test_two_branches_that_each_register_an_entry_merge_cleanly_and_pass_the_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = repo / "data"
    # ids next to each other in sorted order: in one shared sorted file they would touch
    for branch, entry_id, source_id in (("first", "good-event-a", "new-notice-a"), ("second", "good-event-b", None)):
        git(repo, "checkout", "-q", "-b", branch, "main")
        add_entry(data, entry_id, source_id)
        assert main(["--data", str(data), "register"]) == 0
        assert (data / "register" / f"{entry_id}.txt").read_text(encoding="utf-8") == f"events/{entry_id}\n"
        git(repo, "add", "-A")
        assert git(repo, "commit", "-qm", f"add {entry_id}").returncode == 0
    capsys.readouterr()
    git(repo, "checkout", "-q", "main")
    assert git(repo, "merge", "-q", "--no-ff", "--no-edit", "first").returncode == 0
    merged = git(repo, "merge", "--no-ff", "--no-edit", "second")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout
    alone = {k: v for k, v in ENV.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}  # not as make test's child
    result = subprocess.run(["make", "check"], cwd=repo, capture_output=True, text=True, check=False, env=alone)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("OK: "), result.stdout
    assert "W603" not in result.stdout  # both new ids are registered


def test_the_same_two_branches_conflict_when_both_edit_one_sorted_file(repo: Path) -> None:
    """Why the register is one file per id: the old way (insert into published-ids.txt) fails."""
    register = repo / "data" / "published-ids.txt"
    lines = register.read_text(encoding="utf-8").splitlines()
    for branch, entry_id in (("first", "good-event-a"), ("second", "good-event-b")):
        git(repo, "checkout", "-q", "-b", branch, "main")
        register.write_text("\n".join(sorted([*lines[1:], f"events/{entry_id}"])) + "\n", encoding="utf-8")
        git(repo, "commit", "-qam", f"register {entry_id}")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "first")
    merged = git(repo, "merge", "--no-edit", "second")
    assert merged.returncode != 0 and "CONFLICT" in merged.stdout


def test_a_register_file_is_checked_like_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_data(tmp_path)
    (data / "register").mkdir()
    (data / "register" / "gone.txt").write_text("events/gone-event\n", encoding="utf-8")
    (data / "register" / "bad.txt").write_text("not a kind/../id\n", encoding="utf-8")
    assert main(["--data", str(data), "check"]) == 1
    out = capsys.readouterr().out
    assert f'{data}/register/gone.txt:1:1: E320 published id "events/gone-event" no longer exists' in out.replace(str(Path.cwd()) + "/", "")
    assert "register/bad.txt:1:1: E321" in out

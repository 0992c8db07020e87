"""CONTRIBUTING.md's commands, run verbatim in a fresh clone, as a newcomer would type them:
no activated .venv, nothing but what the repository holds (this checkout's .venv is reused)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import REAL_ENV as TEST_ENV  # the real data, on the real clock
from .conftest import ROOT
from .test_contributing import FILLED, fill

ENV = {k: v for k, v in TEST_ENV.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}  # a newcomer's shell, not make's
SOURCE_ID = "china-daily-2013-debtor-list-report"
BROKEN = ("Traceback", "ModuleNotFoundError", "No rule to make target", "command not found", "usage:")


def shell_blocks(markdown: Path) -> list[str]:
    """Every line of the ```sh blocks, in order."""
    return [line for block in re.findall(r"```sh\n(.*?)```", markdown.read_text(encoding="utf-8"), flags=re.S) for line in block.splitlines()]


def fresh_clone(dest: Path) -> Path:
    """A clone of this repository, with the working tree's uncommitted changes laid over it (so
    the test sees what the next commit will hold), and this checkout's .venv beside it."""
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    status = subprocess.run(["git", "status", "--porcelain", "-z", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True, check=True)
    for item in filter(None, status.stdout.split("\0")):
        code, rel = item[:2], item[3:]
        if not (ROOT / rel).exists():
            (dest / rel).unlink(missing_ok=True)
        elif (ROOT / rel).is_file() and "R" not in code:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    for name in ("requirements.txt", "requirements-dev.txt"):
        os.utime(dest / name, (0, 0))  # older than .venv's stamp: make reuses the .venv as it is
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fill_new_files(clone: Path) -> None:
    """What the comment line in the block asks of the contributor: replace every TODO."""
    values = {
        **FILLED,
        "source": SOURCE_ID,
        "summary": f"China Daily reported on the court's list of debtors [@{SOURCE_ID}].",
        "url": "https://example.org/a-document-for-the-fresh-clone-test",
    }
    for path in sorted((clone / "data").glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "TODO" in "".join(line for line in text.splitlines() if not line.lstrip().startswith("#")):
            path.write_text(fill(text, values), encoding="utf-8")


def serve_answers(clone: Path, command: str, page: str) -> None:
    """Run `make serve` verbatim (on a free port, given to make through ADDR) until it serves the new entry."""
    port = free_port()
    env = {**ENV, "ADDR": f"127.0.0.1:{port}"}
    log = (clone / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(["bash", "-c", command], cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 240  # a bound so a broken serve cannot hang the suite, not a timing target
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=5) as response:
                    assert response.status == 200
                    assert FILLED["title"] in response.read().decode("utf-8")
                    return
            except OSError:
                time.sleep(1)
        raise AssertionError(f"make serve never served /{page}: exit {process.poll()}\n{(clone / 'serve.log').read_text(encoding='utf-8')[-3000:]}")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_contributing_commands_run_verbatim_in_a_fresh_clone(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path / "clone")
    lines = shell_blocks(clone / "CONTRIBUTING.md")
    assert any(line.startswith("make new ") for line in lines) and not any("python -m" in line for line in lines)
    ran = []
    for line in lines:
        if line.startswith("#"):
            if "fill in every TODO" in line:
                fill_new_files(clone)
            continue
        if line.startswith("make serve"):
            serve_answers(clone, line, "events/court-publishes-a-list-of-debtors-2013/")
            ran.append(line)
            continue
        result = subprocess.run(["bash", "-c", line], cwd=clone, env=ENV, capture_output=True, text=True, check=False)
        output = result.stdout + result.stderr
        assert result.returncode == 0, f"{line}\n{output}"
        assert not any(sign in output for sign in BROKEN), f"{line}\n{output}"
        ran.append(line)
    assert (clone / "data" / "register" / "court-publishes-a-list-of-debtors-2013.txt").read_text(encoding="utf-8") == (
        "events/court-publishes-a-list-of-debtors-2013\n"
    )
    assert (clone / "data" / "register" / f"{SOURCE_ID}.txt").is_file()
    assert (clone / ".git" / "hooks" / "pre-commit").is_file()  # make hooks
    assert len(ran) >= 7, ran


@pytest.mark.parametrize("markdown", ["README.md", "CONTRIBUTING.md"])
def test_every_make_command_in_the_docs_is_a_target(markdown: str) -> None:
    for line in shell_blocks(ROOT / markdown):
        command = line.split("#", 1)[0].strip()
        if command.startswith("make "):
            result = subprocess.run(["bash", "-c", command.replace("make ", "make -n ", 1)], cwd=ROOT, capture_output=True, text=True, check=False)
            assert result.returncode == 0, f"{command}: {result.stderr}"

"""`make serve` while the data has errors: the browser shows them (file, line, message) in place
of the stale site, and the site comes back once they are fixed. Runs the real `mkdocs serve` on
a copy of the site around the small fixture dataset."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ENV, copy_site_tree, make_data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, wanted: Callable[[str], bool], seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        body = fetch(url)
        if wanted(body):
            return body
        time.sleep(0.5)
    pytest.fail(f"{url} did not reach the expected state; last body: {body[:500]!r}")


def test_serve_shows_data_errors_in_the_browser_until_they_are_fixed(tmp_path: Path) -> None:
    root = copy_site_tree(tmp_path / "root", make_data(tmp_path / "src"))
    event = root / "data" / "events" / "good-event.yaml"
    good = event.read_text(encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")]
    server = subprocess.Popen(command, cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=(tmp_path / "serve.log").open("w"))
    try:
        url = f"http://127.0.0.1:{port}/events/good-event/"
        wait_for(url, lambda body: "Example court publishes a list of debtors" in body)
        lines = good.splitlines()
        event.write_text("\n".join([*lines[:2], "colour: red", *lines[2:]]) + "\n", encoding="utf-8")
        body = wait_for(url, lambda body: "The data has 2 errors" in body)
        assert "data/events/good-event.yaml:3:1: E201 unknown field &quot;colour&quot; in the entry" in body
        assert "Example court publishes" not in body  # not the stale page
        assert "The data has 2 errors" in fetch(f"http://127.0.0.1:{port}/")  # every page says so
        event.write_text(good, encoding="utf-8")
        body = wait_for(url, lambda body: "Example court publishes a list of debtors" in body)
        assert "The data has" not in body
    finally:
        server.terminate()
        server.wait(timeout=30)

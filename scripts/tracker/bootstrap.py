"""`python3 -m scripts.tracker` without activating .venv: when the Python that runs it lacks the
pinned packages, hand the same command to .venv/bin/python (standard library only, so it runs
before anything else is imported)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ("yaml", "fastjsonschema", "jsonschema", "markdown", "nh3")


def use_project_venv() -> None:
    """Re-run this command with .venv/bin/python if the packages are missing here; say how to
    get them if there is no .venv yet."""
    if all(importlib.util.find_spec(name) is not None for name in NEEDED):
        return
    python = ROOT / ".venv" / "bin" / "python"
    if python.exists() and not os.environ.get("TRACKER_REEXEC"):
        env = {**os.environ, "TRACKER_REEXEC": "1", "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        os.execve(python, [str(python), "-m", "scripts.tracker", *sys.argv[1:]], env)
    print("the tracker's packages are not installed; run `make check` once (it builds .venv), or use the make targets in CONTRIBUTING.md")
    sys.exit(1)

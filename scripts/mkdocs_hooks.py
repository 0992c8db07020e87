"""MkDocs hook: run the generation step before every build (mkdocs.yml's watch: lists data/).

Nothing else lives here, so the site stays buildable by any MkDocs-compatible builder once
`python -m scripts.tracker generate` has run (Zensical, for one, ignores hooks).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.tracker.generate import DataError, generate_pages  # noqa: E402


def on_pre_build(config, **_kwargs) -> None:  # noqa: ANN001 - MkDocs config object
    try:
        generate_pages(ROOT / "data", Path(config["docs_dir"]), ROOT / "build" / "snippets")
    except DataError as exc:
        raise Abort(str(exc)) from None


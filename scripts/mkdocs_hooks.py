"""MkDocs hook: run the generation step before every build (mkdocs.yml's watch: lists data/).

Nothing else lives here, so the site stays buildable by any MkDocs-compatible builder once
`python -m scripts.tracker generate` has run (Zensical, for one, ignores hooks). Paths are
taken relative to the mkdocs.yml in use, so a test can build a copy of the site elsewhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import Abort

CODE_ROOT = Path(__file__).resolve().parents[1]
if str(CODE_ROOT) not in sys.path:
    sys.path.insert(0, str(CODE_ROOT))

from scripts.tracker.citable import dataset_jsonld  # noqa: E402
from scripts.tracker.generate import DataError, generate_pages  # noqa: E402


def on_pre_build(config, **_kwargs) -> None:
    site_root = Path(config.config_file_path).resolve().parent
    try:
        _changed, site = generate_pages(site_root / "data", Path(config["docs_dir"]), site_root / "build" / "snippets", Path(config.config_file_path))
    except DataError as exc:
        raise Abort(str(exc)) from None
    # shown in every page's footer and in the home page's schema.org Dataset
    config.extra["dataset_version"] = site.version
    config.extra["dataset_jsonld"] = dataset_jsonld(site)

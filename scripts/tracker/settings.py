"""Site-wide settings, read from mkdocs.yml so each lives in one place: the site's address,
the repository that takes corrections, and the dataset's name and licence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Settings:
    site_url: str
    site_name: str
    repository: str
    licence: str
    licence_url: str

    def absolute(self, url_path: str) -> str:
        return self.site_url.rstrip("/") + "/" + url_path.lstrip("/")


@cache
def load_settings(config_file: Path) -> Settings:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    tracker = config.get("extra", {}).get("tracker", {})
    return Settings(
        site_url=config["site_url"],
        site_name=config["site_name"],
        repository=tracker["repository"].rstrip("/"),
        licence=tracker["data_licence"],
        licence_url=tracker["data_licence_url"],
    )

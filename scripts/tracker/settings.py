"""Site-wide settings, read from mkdocs.yml so each lives in one place: the site's address,
the repository that takes corrections, the dataset's name and licence, and how many rows a
listing page holds."""

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
    list_page_size: int = 500  # rows per page of the events and sources listings

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
        list_page_size=int(tracker.get("list_page_size", 500)),
    )

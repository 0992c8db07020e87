"""Canonical form of an entry file: the editor schema hint first, fields in schema order,
dates in double quotes, Markdown as a literal block with paragraphs wrapped at WIDTH.

`format` writes this form; the check reports any file that differs (E330), so every entry
in data/ reads the same way and diffs in pull requests show only real changes.
"""

from __future__ import annotations

import json
import re
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import yaml

WIDTH = 96
DATE_FIELDS = {"date", "added", "reviewed", "as_of", "period", "first_seen"}
BLOCK_FIELDS = {"summary"}
_STRUCTURAL = re.compile(r"^\s*([-*+>#|]|\d+[.)]\s|```|    )")


class _Quoted(str):
    pass


class _Block(str):
    pass


class _Dumper(yaml.SafeDumper):
    """Block style everywhere; lists indented under their key, as contributors write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))
_Dumper.add_representer(_Block, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="|"))


def schema_hint(kind: str) -> str:
    return f"# yaml-language-server: $schema=../schema/{kind[:-1]}.schema.json\n"


@cache
def _orders(schema_dir: Path) -> dict[str, Any]:
    """Property order per kind (and for nested objects), taken from the schemas."""
    common = json.loads((schema_dir / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    out = {}
    for kind in ("event", "figure", "claim", "source"):
        schema = json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
        out[kind] = list(schema["properties"])
    out["citation"] = list(common["citation"]["properties"])
    out["correction"] = list(common["corrections"]["items"]["properties"])
    figure = json.loads((schema_dir / "figure.schema.json").read_text(encoding="utf-8"))
    out["value"] = list(figure["properties"]["values"]["items"]["properties"])
    claim = json.loads((schema_dir / "claim.schema.json").read_text(encoding="utf-8"))
    out["claimant"] = list(claim["properties"]["claimant"]["properties"])
    return out


def wrap_markdown(text: str) -> str:
    """Rewrap plain paragraphs at WIDTH; lists, quotes, headings and code are left as written."""
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    out = []
    for block in blocks:
        lines = block.split("\n")
        if any(_STRUCTURAL.match(line) for line in lines) or any(line.endswith("  ") for line in lines):
            out.append("\n".join(line.rstrip() if not line.endswith("  ") else line for line in lines))
        else:
            out.append(textwrap.fill(" ".join(line.strip() for line in lines), width=WIDTH, break_long_words=False, break_on_hyphens=False))
    return "\n\n".join(out) + "\n"


def _ordered(value: dict[str, Any], order: list[str]) -> dict[str, Any]:
    known = [k for k in order if k in value]
    return {k: value[k] for k in known + sorted(k for k in value if k not in order)}


def _prepare(kind: str, data: dict[str, Any], orders: dict[str, Any]) -> dict[str, Any]:
    def walk(value: Any, key: str = "", within: str = "") -> Any:
        if isinstance(value, dict):
            order = orders.get(within, [])
            return {k: walk(v, k, _child(k, within)) for k, v in _ordered(value, order).items()}
        if isinstance(value, list):
            return [walk(v, key, _child(key, within, item=True)) for v in value]
        if isinstance(value, str) and key in DATE_FIELDS:
            return _Quoted(value)
        if isinstance(value, str) and key in BLOCK_FIELDS:
            return _Block(wrap_markdown(value))
        if isinstance(value, str) and key == "verdict" and value in ("false",):
            return _Quoted(value)
        return value

    return walk(data, within=kind[:-1])


def _child(key: str, within: str, item: bool = False) -> str:
    if key in ("sources", "seen_in") and item:
        return "citation"
    if key == "source" and within == "value":
        return "citation"
    if key == "values" and item:
        return "value"
    if key == "corrections" and item:
        return "correction"
    if key == "claimant" and not item:
        return "claimant"
    return ""


def canonical_text(kind: str, data: dict[str, Any], schema_dir: Path) -> str:
    body = yaml.dump(
        _prepare(kind, data, _orders(schema_dir)),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )
    return schema_hint(kind) + body

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
DATE_FIELDS = {"date", "added", "reviewed", "as_of", "period", "first_seen", "issued"}
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
    source = json.loads((schema_dir / "source.schema.json").read_text(encoding="utf-8"))
    out["document"] = list(source["properties"].get("document", {}).get("properties", {}))
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
    if key == "document" and within == "source" and not item:
        return "document"
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


_BLOCK_START = re.compile(r"^(\s*)(- )?[^\s#-][^:#]*:\s*[|>][-+0-9]*\s*$")


def comment_lines(text: str) -> list[bool]:
    """Which lines are whole-line comments (a '#' line inside a block scalar is text, not one)."""
    flags = []
    block_indent: int | None = None
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        if block_indent is not None and (not line.strip() or indent > block_indent):
            flags.append(False)
            continue
        block_indent = None
        start = _BLOCK_START.match(line)
        if start:
            block_indent = len(start.group(1)) + (2 if start.group(2) else 0)
        flags.append(line.lstrip().startswith("#"))
    return flags


def with_comments(original: str, canonical: str) -> str:
    """The canonical text with the original's whole-line comments kept: each run of comment
    lines stays above the field (or list item) it stood above, wherever format moves that field;
    comments after the last field stay at the end. The editor schema hint is written once."""
    from .load import _load_checked  # here: load imports nothing from this module, but keep it lazy

    lines = original.replace("\r\n", "\n").split("\n")
    before, _problems = _load_checked("original", original)
    after, _problems = _load_checked("canonical", canonical)
    if before is None or after is None:
        return canonical
    at_line = {line: path for path, (line, _col) in before.value_marks.items() if path}
    at_line.update({line: path for path, (line, _col) in before.key_marks.items()})
    groups: dict[tuple, list[str]] = {}
    trailing: list[str] = []
    pending: list[str] = []
    for number, (line, is_comment) in enumerate(zip(lines, comment_lines(original), strict=True), start=1):
        if is_comment:
            if not line.lstrip().startswith("# yaml-language-server:"):
                pending.append(line)
        elif line.strip() and pending:
            path = at_line.get(number)
            if path is None:
                trailing += pending  # inside a value: keep it, at the end
            else:
                groups.setdefault(path, []).extend(pending)
            pending = []
    trailing += pending
    target = {path: line for path, (line, _col) in after.value_marks.items() if path}
    target.update({path: line for path, (line, _col) in after.key_marks.items()})
    inserts: dict[int, list[str]] = {}
    for path, comments in groups.items():
        inserts.setdefault(target.get(path, 0), []).extend(comments)
    out = []
    body = canonical.rstrip("\n").split("\n")
    for number, line in enumerate(body, start=1):
        out += inserts.get(number, [])
        out.append(line)
    out += inserts.get(0, []) + trailing
    return "\n".join(out) + "\n"

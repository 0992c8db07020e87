"""`new`: a fresh entry file made from its kind's JSON Schema, every field explained in a
comment, required fields holding TODO placeholders that the check refuses until filled."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from pathlib import Path
from typing import Any

from .canonical import schema_hint
from .validate import resolve

KIND_SCHEMAS = {"events": "event", "figures": "figure", "claims": "claim", "sources": "source"}
PLACEHOLDER = "TODO"


def slug(text: str) -> str:
    """A permanent id from a title: lower-case ASCII words joined by hyphens, at most 80 chars."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > 80:
            break
        out = f"{out}-{word}" if out else word
    return out


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width=92 - len(indent), break_on_hyphens=False, break_long_words=False)]


def _example(prop: dict[str, Any], date_forms: list[str]) -> str:
    """The first example; for dates one example of every form a date can take."""
    examples = prop.get("examples")
    if _is_date(prop):
        return "e.g. " + ", ".join(json.dumps(e, ensure_ascii=False) for e in date_forms)
    if not examples:
        return ""
    return "e.g. " + json.dumps(examples[0], ensure_ascii=False)


def _is_date(prop: dict[str, Any]) -> bool:
    return str(prop.get("pattern", "")).startswith("^(((about")


def scaffold(kind: str, entry_id: str, schema_dir: Path, today: dt.date) -> str:
    schemas = {
        name: json.loads((schema_dir / name).read_text(encoding="utf-8")) for name in ("common.schema.json", f"{KIND_SCHEMAS[kind]}.schema.json")
    }
    schema = schemas[f"{KIND_SCHEMAS[kind]}.schema.json"]
    date_forms = schemas["common.schema.json"]["$defs"]["date"]["examples"]
    required = set(schema["required"])
    lines = [schema_hint(kind).rstrip("\n"), *_comment(f"New {KIND_SCHEMAS[kind]}. {schema['description']}")]
    lines += _comment("Replace every TODO; lines starting with # are optional fields or explanations. Then run: make check")
    for name, raw in schema["properties"].items():
        prop = resolve(raw, schemas)
        optional = name not in required
        choices = f" One of: {', '.join(prop['enum'])}." if "enum" in prop else ""
        lines += _comment(
            ("(optional) " if optional else "")
            + prop.get("description", "")
            + choices
            + (" " + _example(prop, date_forms) if _example(prop, date_forms) else "")
        )
        value = _placeholder(name, prop, entry_id, today, schemas)
        if optional:
            lines += [f"# {line}" for line in value]
        else:
            lines += value
    return "\n".join(lines) + "\n"


def _placeholder(name: str, prop: dict[str, Any], entry_id: str, today: dt.date, schemas: dict[str, Any]) -> list[str]:
    if name == "id":
        return [f"id: {entry_id}"]
    if name in ("added", "reviewed"):
        return [f'{name}: "{today.isoformat()}"']
    if name == "date" or _is_date(prop):
        return [f'{name}: "{PLACEHOLDER}"']
    if name == "summary":
        return [f"{name}: |", f"  {PLACEHOLDER}: what happened and why it matters, in your own words, citing [@source-id]."]
    if name in ("sources", "seen_in"):
        return [f"{name}:", f"  - source: {PLACEHOLDER}"]
    if name == "values":
        return [f"{name}:", f'  - as_of: "{PLACEHOLDER}"', "    value: 0", "    source:", f"      source: {PLACEHOLDER}"]
    if prop.get("type") == "object":
        parts = prop["properties"].items()
        return [f"{name}:"] + [f"  {line}" for sub, raw in parts for line in _placeholder(sub, resolve(raw, schemas), entry_id, today, schemas)]
    if prop.get("type") == "array" or name in ("categories",):
        return [f"{name}:", f"  - {PLACEHOLDER}"]
    return [f"{name}: {PLACEHOLDER}"]

"""Schema errors -> Problems. The JSON Schemas in data/schema/ are the single source of truth;
this module only translates jsonschema's findings into contributor-facing messages.

Most files are valid, so each is first passed through the same schema compiled to Python by
fastjsonschema (about 25 times quicker); only a file it rejects goes through jsonschema, which
finds and explains every problem. tests/test_properties.py checks that both always agree.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .load import Document, display, read_text
from .problems import Problem

KINDS = {"events": "event", "figures": "figure", "claims": "claim", "sources": "source"}
URL_FIELDS = {"url", "archive_url"}
# Every other file under data/ has a schema too; keys are paths relative to data/.
FILE_SCHEMAS = {
    "changelog.yaml": "changelog",
    "retired.yaml": "retired",
    "published-ids.txt": "register",
    **{f"vocab/{name}.yaml": f"vocab-{name}" for name in ("categories", "places", "statuses", "verdicts", "source-kinds", "languages", "glossary")},
}
REQUIRED_SCHEMAS = ("common", *KINDS.values(), *FILE_SCHEMAS.values())


def schema_name(kind: str) -> str:
    """The schema file's stem for an entry kind ("events") or another data file ("retired")."""
    return KINDS.get(kind, kind)


@cache
def load_schemas(schema_dir: Path) -> tuple[dict[str, dict[str, Any]], tuple[Problem, ...]]:
    """Read data/schema/ through the loader's guards. The schemas are data too: a broken one is
    reported (where JSON says it broke) instead of raising, and nothing is validated against it."""
    schemas: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for stem in REQUIRED_SCHEMAS:
        file = schema_dir / f"{stem}.schema.json"
        path = display(file)
        if not file.exists() and not file.is_symlink():
            problems.append(Problem(path, 1, 1, "E112", "the schema file is missing"))
            continue
        text, problem = read_text(file, schema_dir.parent, path)
        if text is None:
            problems += [problem] if problem else []
            continue
        try:
            body = json.loads(text)
            Draft202012Validator.check_schema(body)
        except json.JSONDecodeError as exc:
            problems.append(Problem(path, exc.lineno, exc.colno, "E112", f"the schema is not valid JSON: {exc.msg}"))
            continue
        except (SchemaError, RecursionError) as exc:
            problems.append(Problem(path, 1, 1, "E112", f"the file is not a valid JSON Schema: {_short(getattr(exc, 'message', exc), 120)}"))
            continue
        if not isinstance(body, dict):
            problems.append(Problem(path, 1, 1, "E112", "the file is not a valid JSON Schema: it must be an object"))
            continue
        schemas[file.name] = body
    return schemas, tuple(problems)


def _schemas(schema_dir: Path) -> dict[str, dict[str, Any]]:
    return load_schemas(schema_dir)[0]


@cache
def validator(schema_dir: Path, kind: str) -> Draft202012Validator:
    schemas = _schemas(schema_dir)
    registry = Registry().with_resources((name, Resource.from_contents(body, default_specification=DRAFT202012)) for name, body in schemas.items())
    return Draft202012Validator(schemas[f"{schema_name(kind)}.schema.json"], registry=registry, format_checker=FormatChecker())


def _field(error: ValidationError) -> str:
    names = [p for p in error.absolute_path if isinstance(p, str)]
    return names[-1] if names else "entry"


def _where(error: ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "the entry"


def _describe(error: ValidationError) -> tuple[str, str]:
    """(code, message) for one jsonschema error."""
    v, where, name = error.validator, _where(error), _field(error)
    if "propertyNames" in error.schema_path:
        return "E203", f'the key "{_short(error.instance)}" has the wrong form: keys become addresses, so use lower-case words joined by hyphens'
    if v == "not" and "into" in error.instance:
        return "E201", f'"into" is only for renamed and merged entries, in {where}'
    if v == "minProperties":
        return "E204", "the file lists nothing; it must hold at least one entry"
    if v == "required":
        missing = error.message.split("'")[1]
        return "E200", f'missing required field "{missing}" in {where}'
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return "E201", f'unknown field "{extra[0]}" in {where}' if len(extra) == 1 else f"unknown fields {extra} in {where}"
    if v == "type":
        return "E202", f"{where} must be {_a(error.validator_value)}, not {_a(_json_type(error.instance))}"
    if name in URL_FIELDS and v in ("pattern", "format"):
        return "E501", f'{where} is not an http(s) URL: "{_short(error.instance)}"'
    if v in ("pattern", "format"):
        return "E203", f'{where} has the wrong form: "{_short(error.instance)}"'
    if v in ("maxLength", "minLength", "maxItems", "minItems"):
        size = len(error.instance)
        limit = error.validator_value
        unit = "characters" if isinstance(error.instance, str) else "items"
        relation = "at most" if v.startswith("max") else "at least"
        return "E204", f"{where} has {size} {unit}; it must have {relation} {limit}"
    if v in ("enum", "const"):
        allowed = ", ".join(map(str, error.validator_value)) if v == "enum" else str(error.validator_value)
        return "E205", f'{where} is "{_short(error.instance)}"; allowed: {allowed}'
    if v == "oneOf" and any(option.get("type") == "string" for option in error.validator_value):
        return "E202", f"{where} must be a name: text (an organisation, or a name you cannot split) or family and given"
    if v == "oneOf":
        return "E206", f"{where} must have exactly one of as_of and period"
    if v == "uniqueItems":
        return "E207", f"{where} lists the same item twice"
    if v == "minimum":
        return "E203", f"{where} must be at least {error.validator_value}"
    return "E203", f"{where}: {error.message}"


def _hint(error: ValidationError, code: str) -> str:
    """Schema-driven hint: the field's description and first example."""
    if code in ("E201", "E206"):
        return ""
    if "propertyNames" in error.schema_path:
        return "rename the key, e.g. shandong-province; keys may hold only a-z, 0-9 and single hyphens"
    schema = error.schema if error.validator != "required" else error.schema.get("properties", {}).get(error.message.split("'")[1], {})
    desc = schema.get("description", "")
    examples = schema.get("examples")
    if examples and not isinstance(examples[0], (dict, list)):
        desc = f"{desc} e.g. {json.dumps(examples[0], ensure_ascii=False)}".strip()
    return desc


@cache
def _fast_check(schema_dir: Path, kind: str) -> Any:
    schemas = _schemas(schema_dir)

    def local(uri: str) -> dict[str, Any]:  # "common.schema.json": never fetched from anywhere
        return schemas[uri.rsplit("/", 1)[-1]]

    checker = FormatChecker()
    formats = {name: (lambda value, name=name: checker.conforms(value, name)) for name in checker.checkers}
    return fastjsonschema.compile(schemas[f"{schema_name(kind)}.schema.json"], handlers={"": local, "http": local, "https": local}, formats=formats)


def is_valid(data: Any, kind: str, schema_dir: Path) -> bool:
    """The quick answer: does this entry satisfy its kind's schema?"""
    try:
        _fast_check(schema_dir, kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def schema_problems(doc: Document, kind: str, schema_dir: Path) -> list[Problem]:
    if is_valid(doc.data, kind, schema_dir):
        return []
    problems = []
    for error in validator(schema_dir, kind).iter_errors(doc.data):
        code, message = _describe(error)
        path = tuple(error.absolute_path)
        if "propertyNames" in error.schema_path:
            line, col = doc.mark((*path, error.instance), key=True)
        elif code == "E201" and error.validator == "not":
            line, col = doc.mark((*path, "into"), key=True)
        elif code == "E201":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            line, col = doc.mark((*path, extra[0]), key=True)
        else:
            line, col = doc.mark(path)
        problems.append(Problem(doc.path, line, col, code, message, _hint(error, code)))
    return problems


def _a(kind: Any) -> str:
    kind = kind[0] if isinstance(kind, list) else kind
    return {
        "object": "a mapping",
        "array": "a list",
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "empty",
        "binary": "binary data",
    }.get(kind, str(kind))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object", bytes: "binary"}
    return names.get(type(value), "string")


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

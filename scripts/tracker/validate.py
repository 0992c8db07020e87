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
from .suggest import did_you_mean, nearest

KINDS = {"events": "event", "figures": "figure", "claims": "claim", "sources": "source"}
URL_FIELDS = {"url", "archive_url"}
DATE_FIELDS = {"date", "added", "reviewed", "as_of", "period"}
# Every other file under data/ has a schema too; keys are paths relative to data/.
FILE_SCHEMAS = {
    "changelog.yaml": "changelog",
    "retired.yaml": "retired",
    "published-ids.txt": "register",
    "gaps.yaml": "gaps",
    "key-numbers.yaml": "key-numbers",
    **{
        f"vocab/{name}.yaml": f"vocab-{name}"
        for name in ("categories", "places", "statuses", "verdicts", "source-kinds", "languages", "glossary", "claimant-kinds")
    },
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


def _hint(error: ValidationError, code: str, kind: str, schema_dir: Path) -> str:
    """Schema-driven hint, the same for every code: the field's own description and first
    example, read from the property as the kind's schema defines it (shared definitions merged)."""
    if code == "E206":
        return ""
    if "propertyNames" in error.schema_path:
        return "rename the key, e.g. shandong-province; keys may hold only a-z, 0-9 and single hyphens"
    path = tuple(error.absolute_path)
    if error.validator == "required":
        path = (*path, error.message.split("'")[1])
    return describe_field(field_schema(schema_dir, kind, path))


def describe_field(schema: dict[str, Any]) -> str:
    """A field's description followed by its first example, as hints and the scaffold show them."""
    desc = schema.get("description", "")
    examples = schema.get("examples")
    if examples and not isinstance(examples[0], dict) and not (isinstance(examples[0], list) and examples[0] and isinstance(examples[0][0], dict)):
        desc = f"{desc} e.g. {json.dumps(examples[0], ensure_ascii=False)}".strip()
    return desc


def resolve(schema: dict[str, Any], schemas: dict[str, dict[str, Any]], base: str = "common.schema.json") -> dict[str, Any]:
    """A property's schema with its $ref followed (its own description and examples win)."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if not isinstance(ref, str) or "#/" not in ref:
        return schema if isinstance(schema, dict) else {}
    file, _, pointer = ref.partition("#/")
    target: Any = schemas.get(file or base, {})
    for part in pointer.split("/"):
        target = target.get(part, {}) if isinstance(target, dict) else {}
    shared = resolve(target, schemas, file or base)
    merged = dict(shared)
    merged.update({k: v for k, v in schema.items() if k != "$ref"})
    own, general = schema.get("description"), shared.get("description")
    if own and general and general not in own:  # what the field means here, then its form
        merged["description"] = f"{own} {general}"
    return merged


def field_schema(schema_dir: Path, kind: str, path: tuple) -> dict[str, Any]:
    """The schema of the field at path in an entry of this kind ({} where there is none)."""
    schemas = _schemas(schema_dir)
    schema = schemas.get(f"{schema_name(kind)}.schema.json", {})
    for part in path:
        schema = resolve(schema, schemas)
        schema = schema.get("items", {}) if isinstance(part, int) else schema.get("properties", {}).get(part, {})
    return resolve(schema, schemas)


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
    """Every schema error, one per mistake: a misspelt field is reported once, at the
    misspelling, with the name it was probably meant to be (not also as a missing field)."""
    if is_valid(doc.data, kind, schema_dir):
        return []
    errors = list(validator(schema_dir, kind).iter_errors(doc.data))
    missing = {(tuple(e.absolute_path), e.message.split("'")[1]) for e in errors if e.validator == "required"}
    meant: set[tuple[tuple, str]] = set()  # missing fields explained by a misspelling
    problems = []
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict) and "propertyNames" not in error.schema_path:
            allowed = list(error.schema.get("properties", {}))
            absent = [name for name in allowed if name not in error.instance]
            for extra in sorted(set(error.instance) - set(allowed)):
                guess = nearest(extra, [name for name, _ in (m for m in missing if m[0] == path)] or absent)
                guess = guess or nearest(extra, absent)
                if guess:
                    meant.add((path, guess))
                    message = f'unknown field "{_short(extra)}" in {_where(error)}; did you mean "{guess}"?'
                    hint = describe_field(field_schema(schema_dir, kind, (*path, guess)))
                else:
                    message = f'unknown field "{_short(extra)}" in {_where(error)}'
                    hint = f"the fields allowed here: {', '.join(allowed)}" if allowed else ""
                line, col = doc.mark((*path, extra), key=True)
                problems.append(Problem(doc.path, line, col, "E201", message, hint))
            continue
        code, message = _describe(error)
        if code == "E205" and error.validator == "enum":
            message += did_you_mean(error.instance, map(str, error.validator_value))
        if code == "E202" and _field(error) in DATE_FIELDS and isinstance(error.instance, int) and not isinstance(error.instance, bool):
            message = f'{_where(error)} is the number {error.instance}; a date is text: write it in quotes, "{error.instance}"'
        if "propertyNames" in error.schema_path:
            line, col = doc.mark((*path, error.instance), key=True)
        elif code == "E201" and error.validator == "not":
            line, col = doc.mark((*path, "into"), key=True)
        elif error.validator == "required":
            name = error.message.split("'")[1]
            if (path, name) in meant:
                continue
            (line, col), message = _where_missing(doc, error, path, name, message)
        else:
            line, col = doc.mark(path)
        problems.append(Problem(doc.path, line, col, code, message, _hint(error, code, kind, schema_dir)))
    return problems


def _where_missing(doc: Document, error: ValidationError, path: tuple, name: str, message: str) -> tuple[tuple[int, int], str]:
    """Point a missing field at the place it belongs: before the next field present in schema
    order (or after the last one before it)."""
    order = list(error.schema.get("properties", {}))
    present = [key for key in order if isinstance(error.instance, dict) and key in error.instance]
    if name in order:
        later = [key for key in present if order.index(key) > order.index(name)]
        earlier = [key for key in present if order.index(key) < order.index(name)]
        if later:
            return doc.mark((*path, later[0]), key=True), f'{message}; it goes before "{later[0]}"'
        if earlier:
            return doc.mark((*path, earlier[-1]), key=True), f'{message}; it goes after "{earlier[-1]}"'
    return doc.mark(path), message


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

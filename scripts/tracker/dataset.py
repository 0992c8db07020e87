"""Collect every file under data/ into one Dataset, with the problems met while reading it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import Document, load_file, read_text
from .load import display as display_path
from .parallel import parallel_map
from .problems import Problem
from .validate import FILE_SCHEMAS, KINDS, load_schemas, schema_problems

PUBLISHED_IDS = "published-ids.txt"
# New ids are registered one file each (register/<id>.txt holding the line kind/id), so that two
# pull requests that add entries never edit the same file: see "The register" in CONTRIBUTING.md.
REGISTER_DIR = "register"
REGISTER_MAX_BYTES = 8 * 1024 * 1024  # one line per id ever published: room for about 150,000
VOCABS = ("categories", "places", "statuses", "verdicts", "source-kinds", "languages", "glossary", "claimant-kinds")


@dataclass
class Dataset:
    root: Path
    vocab: dict[str, dict[str, dict[str, Any]]]
    docs: dict[str, dict[str, Document]] = field(default_factory=lambda: {k: {} for k in KINDS})
    problems: list[Problem] = field(default_factory=list)
    # every readable file as (kind, file stem, document), schema-valid or not: the id checks need them all
    files: list[tuple[str, str, Document]] = field(default_factory=list)
    # stems of files that failed to load or validate: kept out of docs, so later checks and
    # renderers only ever see well-formed data, and references to them are not reported twice
    invalid: set[str] = field(default_factory=set)
    # permanence: every id ever published (kind, id, register file as shown, line), the retired ones, the versions
    published: list[tuple[str, str, str, int]] = field(default_factory=list)
    retired: Document | None = None
    changelog: Document | None = None
    gaps: Document | None = None  # known gaps: what was sought and not found
    key_numbers: Document | None = None  # the home page's numbers, in order
    # other files (paths relative to data/) that failed to load or validate
    invalid_files: set[str] = field(default_factory=set)
    vocab_docs: dict[str, Document] = field(default_factory=dict)  # for positions in messages

    def all_docs(self) -> list[tuple[str, Document]]:
        return [(kind, doc) for kind in KINDS for doc in self.docs[kind].values()]

    def kind_of(self, entry_id: str) -> str | None:
        return next((k for k in KINDS if entry_id in self.docs[k]), None)


def entry_files(root: Path) -> list[tuple[str, Path]]:
    """Every entry file, sorted so that output never depends on directory order."""
    found = []
    for kind in KINDS:
        folder = root / kind
        if folder.is_dir():
            found += [(kind, p) for p in sorted(folder.iterdir()) if p.name.endswith((".yaml", ".yml"))]
    return found


def load_dataset(root: Path) -> Dataset:
    """Every file under data/, each through the loader's guards and its own schema. Files that
    fail keep out of the dataset (an invalid vocabulary keeps only its well-formed values), so
    later checks and renderers only ever see data of the shape their schema promises."""
    data = Dataset(root, {name: {} for name in VOCABS})
    schema_dir = root / "schema"
    _schemas, broken = load_schemas(schema_dir)
    if broken:  # nothing can be validated against a broken schema: report it alone
        data.problems += broken
        return data
    for name in VOCABS:
        doc = _load_other(data, root / "vocab" / f"{name}.yaml", f"vocab/{name}.yaml", required=True)
        if doc is not None:
            data.vocab_docs[name] = doc
            data.vocab[name] = doc.data if f"vocab/{name}.yaml" not in data.invalid_files else _well_formed(doc.data)
    for name in ("retired", "changelog", "gaps", "key-numbers"):
        doc = _load_other(data, root / f"{name}.yaml", f"{name}.yaml", required=name == "changelog")
        if doc is not None and f"{name}.yaml" not in data.invalid_files:
            setattr(data, name.replace("-", "_"), doc)
    data.published = read_register(data, root)
    files = [(kind, path, root, None) for kind, path in entry_files(root)]
    for kind, path, doc, problems, schema in parallel_map(_load_entry, files):
        stem = path.name.rsplit(".", 1)[0]
        data.problems += problems + schema
        if doc is None:
            data.invalid.add(stem)
            continue
        data.files.append((kind, stem, doc))
        if problems or schema:
            data.invalid.add(stem)
        elif stem not in data.docs[kind]:
            data.docs[kind][stem] = doc
    return data


def _load_other(data: Dataset, file: Path, name: str, required: bool) -> Document | None:
    """A vocabulary, the changelog or the retired list: read, parsed and checked against its schema."""
    if not file.exists() and not file.is_symlink():
        if required:
            data.problems.append(Problem(display_path(file), 1, 1, "E102", f"data/{name} is missing"))
            data.invalid_files.add(name)
        return None
    doc, problems = load_file(file, data.root)
    schema = schema_problems(doc, FILE_SCHEMAS[name], data.root / "schema") if doc is not None else []
    data.problems += problems + schema
    if doc is None or problems or schema:
        data.invalid_files.add(name)
    return doc


def _well_formed(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What survives of an invalid vocabulary: its keys, each with its mapping if it has one, so
    that entries using a good key are not reported as well (the file's own errors fail the check)."""
    return {str(key): value if isinstance(value, dict) else {} for key, value in values.items()}


def register_files(root: Path) -> list[Path]:
    """The register's files: data/published-ids.txt (ids published before one file per id),
    then data/register/*.txt in name order."""
    folder = root / REGISTER_DIR
    extra = sorted(p for p in folder.iterdir() if p.name.endswith(".txt")) if folder.is_dir() and not folder.is_symlink() else []
    return [root / PUBLISHED_IDS, *extra]


def read_register(data: Dataset, root: Path) -> list[tuple[str, str, str, int]]:
    """Every register file as (kind, id, file as shown, line number): one kind/id a line; #
    starts a comment. Each file is read through the loader's guards (a link to a system file is
    refused, never printed) and checked line by line against data/schema/register.schema.json."""
    out = []
    for file in register_files(root):
        out += _read_register_file(data, file)
    return out


def _read_register_file(data: Dataset, file: Path) -> list[tuple[str, str, str, int]]:
    path = display_path(file)
    name = file.relative_to(data.root).as_posix()
    if not file.exists() and not file.is_symlink():
        return []
    text, problem = read_text(file, data.root, path, REGISTER_MAX_BYTES)
    if text is None:
        data.problems += [problem] if problem else []
        data.invalid_files.add(name)
        return []
    doc = Document(path, [])
    numbers = []
    # split on line feeds only: str.splitlines would also break at NEL (U+0085) or U+2028, and so
    # let a hidden character cut a line in two instead of being refused with it
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if line.strip() and not line.startswith("#"):
            doc.value_marks[(len(doc.data),)] = (number, 1)
            doc.data.append(line.strip())
            numbers.append(number)
    bad = {p.line for p in schema_problems(doc, "register", data.root / "schema")}
    out = []
    for line, number in zip(doc.data, numbers, strict=True):
        if number in bad:
            data.problems.append(Problem(path, number, 1, "E321", f'"{_short(line)}" is not a published id written as kind/id'))
            data.invalid_files.add(name)
            continue
        kind, _, entry_id = line.partition("/")
        out.append((kind, entry_id, path, number))
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _load_entry(job: tuple[str, Path, Path, str | None]) -> tuple[str, Path, Document | None, list[Problem], list[Problem]]:
    """Read one entry file and check it against its kind's schema (run in worker processes)."""
    kind, path, root, shown_as = job
    doc, problems = load_file(path, root, shown_as)
    schema = schema_problems(doc, kind, root / "schema") if doc is not None else []
    return kind, path, doc, problems, schema

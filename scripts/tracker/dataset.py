"""Collect every file under data/ into one Dataset, with the problems met while reading it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import Document, load_file
from .parallel import parallel_map
from .problems import Problem
from .validate import KINDS, schema_problems

PUBLISHED_IDS = "published-ids.txt"
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
    # permanence: every id ever published (kind, id, line), the retired ones, the versions
    published: list[tuple[str, str, int]] = field(default_factory=list)
    retired: Document | None = None
    changelog: Document | None = None

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


def load_dataset(root: Path, display: dict[Path, str] | None = None) -> Dataset:
    display = display or {}
    data = Dataset(root, {})
    for name in VOCABS:
        file = root / "vocab" / f"{name}.yaml"
        if not file.is_file():
            data.problems.append(Problem(display(file), 1, 1, "E102", "the vocabulary file is missing"))
            data.vocab[name] = {}
            continue
        doc, problems = load_file(file, root)
        data.problems += problems
        data.vocab[name] = doc.data if doc else {}
    for name in ("retired", "changelog"):
        file = root / f"{name}.yaml"
        if file.is_file():
            doc, problems = load_file(file, root)
            data.problems += problems
            setattr(data, name, doc)
    register = root / PUBLISHED_IDS
    if register.is_file():
        for number, line in enumerate(register.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.startswith("#"):
                kind, _, entry_id = line.strip().partition("/")
                data.published.append((kind, entry_id, number))
    files = [(kind, path, root, display.get(path.resolve())) for kind, path in entry_files(root)]
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


def _load_entry(job: tuple[str, Path, Path, str | None]) -> tuple[str, Path, Document | None, list[Problem], list[Problem]]:
    """Read one entry file and check it against its kind's schema (run in worker processes)."""
    kind, path, root, shown_as = job
    doc, problems = load_file(path, root, shown_as)
    schema = schema_problems(doc, kind, root / "schema") if doc is not None else []
    return kind, path, doc, problems, schema

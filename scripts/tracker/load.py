"""Read entry files safely: plain values with line/column marks, never a traceback.

Dates stay strings (the timestamp resolver is removed), duplicate keys and YAML aliases are
errors, and only data, never Python objects, can come out of a file.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 256 * 1024
Path_ = tuple[str | int, ...]


class AliasFound(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver, so '2019-05' and 2019-05-01 stay text; it
    refuses anchors and aliases while composing, so an alias bomb is never expanded."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise AliasFound(event.start_mark)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"] for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):  # libyaml: the same nodes and marks, about ten times faster

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


@dataclass
class Document:
    """One parsed file: its data and where each key and value sits (1-based line, col)."""

    path: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scan_every_string: bool = False  # the raw text holds a character no page can carry

    def mark(self, at: Path_, key: bool = False) -> tuple[int, int]:
        """The closest known position for a path, walking up when the path itself has none."""
        marks = self.key_marks if key else self.value_marks
        at = tuple(at)
        while at:
            if at in marks:
                return marks[at]
            at = at[:-1]
        return self.value_marks.get((), (1, 1))


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# Characters no page, feed or SVG may hold (XML 1.0 refuses most; the rest are invisible and
# only ever arrive through escapes such as "\x01" or "\uD800" in a quoted YAML string): C0 and
# C1 controls other than tab and line ends, lone surrogates (which cannot even be written out as
# UTF-8) and the Unicode noncharacters.
_NONCHARACTERS = "".join(chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000))
BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]")


def _scalar_problem(value: Any, node: yaml.Node, doc: Document) -> Problem | None:
    """A value YAML accepts but no page can carry: a bad character, or a number that is not finite.
    Such characters can only come from an escape in a double-quoted scalar, or from the few that
    YAML lets stand raw (the file was scanned for those once: doc.scan_every_string)."""
    if isinstance(value, str):
        if node.style == '"' or doc.scan_every_string:
            bad = BAD_CHARACTER.search(value)
            if bad:
                line, col = _pos(node)
                return Problem(doc.path, line, col, "E110", f"the text holds the character U+{ord(bad.group()):04X}, which no page or feed can carry")
    elif isinstance(value, float) and not math.isfinite(value):
        line, col = _pos(node)
        return Problem(doc.path, line, col, "E111", f"{value!r} is not a finite number")
    return None


def _construct(node: yaml.Node, at: Path_, doc: Document, problems: list[Problem], loader: yaml.SafeLoader | yaml.CSafeLoader) -> Any:
    doc.value_marks[at] = _pos(node)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int, float, bool)) or key is None:
                line, col = _pos(key_node)
                problems.append(Problem(doc.path, line, col, "E100", "a key must be plain text"))
                continue
            bad = _scalar_problem(key, key_node, doc)
            if bad:
                problems.append(bad)
                continue
            key = str(key)
            if key in out:
                line, col = _pos(key_node)
                first = doc.key_marks[(*at, key)][0]
                problems.append(Problem(doc.path, line, col, "E101", f'duplicate key "{key}" (first on line {first})'))
                continue
            doc.key_marks[(*at, key)] = _pos(key_node)
            out[key] = _construct(value_node, (*at, key), doc, problems, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*at, i), doc, problems, loader) for i, item in enumerate(node.value)]
    value = loader.construct_object(node)
    bad = _scalar_problem(value, node, doc)
    if bad:
        problems.append(bad)
    return value


def _text_problem(path: str, raw: bytes) -> Problem | None:
    if not raw.strip():
        return Problem(path, 1, 1, "E103", "the file is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        return Problem(path, 1, 1, "E102", "the file starts with a byte-order mark (BOM)")
    if b"\x00" in raw:
        return Problem(path, 1, 1, "E102", "the file is binary, not text")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return Problem(path, line, col, "E102", "the file is not valid UTF-8")
    return None


def _yaml_error(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    if "\t" in str(getattr(exc, "problem", "")) or (0 < line <= len(lines) and "\t" in lines[line - 1][: max(col, 1)]):
        return Problem(path, line, col, "E104", "a tab character is not allowed here")
    problem = getattr(exc, "problem", None) or "invalid YAML"
    return Problem(path, line, col, "E100", f"invalid YAML: {problem}")


def read_text(file: Path, root: Path, shown_as: str | None = None, limit: int = MAX_BYTES) -> tuple[str | None, Problem | None]:
    """Read one file under data/ as UTF-8 text, or say why not. Every file the tools read from
    data/ comes through here: entries, vocabularies, the changelog, the register, the schemas.

    Refused, without ever opening them: a link that loops, dangles or resolves outside data/
    (through a linked folder too), anything that is not a regular file (a folder or a named pipe
    called x.yaml would raise or block forever), and files over the size limit."""
    path = shown_as or display(file)
    try:
        info = os.lstat(file)
    except OSError as exc:
        return None, Problem(path, 1, 1, "E102", f"the file cannot be read ({exc.strerror})")
    target = file
    # The common case costs one lstat: a plain file in a folder already known to lie inside
    # data/. A link, or a folder not seen yet, is resolved in full.
    if stat.S_ISLNK(info.st_mode) or not _folder_inside(str(file.parent), str(root)):
        try:
            target = file.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python 3.11)
            return None, Problem(path, 1, 1, "E107", "the file is a symbolic link that loops or points nowhere")
        if not _inside(target, root):
            where = "is a symbolic link" if file.is_symlink() else "lies in a linked folder"
            return None, Problem(path, 1, 1, "E107", f"the file {where} pointing outside data/")
        try:
            info = target.stat()
        except OSError as exc:
            return None, Problem(path, 1, 1, "E102", f"the file cannot be read ({exc.strerror})")
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "a special file (pipe, socket or device)"
        return None, Problem(path, 1, 1, "E109", f"{what}, not a regular file, has a data file's name")
    if info.st_size > limit:
        return None, Problem(path, 1, 1, "E105", f"the file is {info.st_size:,} bytes; the limit is {limit:,}")
    try:
        with open(target, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        return None, Problem(path, 1, 1, "E102", f"the file cannot be read ({exc.strerror})")
    bad = _text_problem(path, raw)
    if bad:
        return None, bad
    return raw.decode("utf-8"), None


def load_file(file: Path, root: Path, shown_as: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns (None, problems) when nothing usable could be read."""
    path = shown_as or display(file)
    text, problem = read_text(file, root, path)
    if text is None:
        return None, [problem] if problem else []
    if _FastLoader is not None and "&" not in text and "*" not in text:
        # Without those characters there can be no anchor or alias to refuse while composing;
        # anything libyaml rejects is read again below, so messages stay the same.
        fast = _load_fast(path, text)
        if fast is not None:
            return fast
    return _load_checked(path, text)


def _load_fast(path: str, text: str) -> tuple[Document | None, list[Problem]] | None:
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        doc = Document(path, None, scan_every_string=BAD_CHARACTER.search(text) is not None)
        problems: list[Problem] = []
        doc.data = _construct(node, (), doc, problems, loader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None
    finally:
        loader.dispose()
    if not isinstance(doc.data, dict):
        return None
    return doc, problems


def _load_checked(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """The pure-Python reader: refuses anchors and aliases as it composes, and explains errors."""
    problems: list[Problem] = []
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            doc = Document(path, None, scan_every_string=BAD_CHARACTER.search(text) is not None)
            if node is None:
                return None, [Problem(path, 1, 1, "E103", "the file holds no entry (only comments)")]
            doc.data = _construct(node, (), doc, problems, loader)
        finally:
            loader.dispose()
    except AliasFound as exc:
        return None, [Problem(path, exc.mark.line + 1, exc.mark.column + 1, "E106", "YAML anchors and aliases are not allowed")]
    except yaml.YAMLError as exc:
        return None, [_yaml_error(path, text, exc)]
    except (ValueError, TypeError, RecursionError) as exc:  # constructor edge cases, e.g. huge nesting
        return None, [Problem(path, 1, 1, "E100", f"invalid YAML: {exc.__class__.__name__}")]
    if not isinstance(doc.data, dict):
        line, col = doc.value_marks.get((), (1, 1))
        return None, [*problems, Problem(path, line, col, "E108", "the file must hold a mapping of fields, not a list or a single value")]
    return doc, problems


def _inside(path: Path, root: Path) -> bool:
    return os.path.commonpath([str(path), _resolved(str(root))]) == _resolved(str(root))


@lru_cache(maxsize=256)
def _resolved(folder: str) -> str:
    return os.path.realpath(folder)


def _folder_inside(folder: str, root: str) -> bool:
    """Does this folder (after every link in its path) lie within root? Asked once per folder; a
    folder swapped for a link while the tools run is not a case they defend against."""
    return os.path.commonpath([_resolved(folder), _resolved(root)]) == _resolved(root)


def display(file: Path) -> str:
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        return str(file)

"""The one way the generator writes a file: a path relative to a folder it owns, refused unless
it stays inside that folder.

Ids, vocabulary keys and the dataset version become file and folder names. The check holds them
to the id pattern, but the check is not the last line: every name a write or an archive member
takes goes through here too, so a name such as "../../index" or "x/../../y" can never write
outside the generated folders, whatever the data says.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A generated path that would leave its folder; the message names it."""


def safe_relative(rel: str) -> str:
    """rel itself, if it is a plain relative path of named parts (no "..", ".", empty parts,
    backslashes, control characters or leading slash); else UnsafePath."""
    parts = rel.split("/")
    if (
        not rel
        or rel.startswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or any(ord(c) < 32 or c in "\\\x7f" for c in rel)
        or PurePosixPath(rel).is_absolute()
    ):
        raise UnsafePath(f"refused to write {rel!r}: generated paths must stay inside their folder")
    return rel


def inside(root: Path, rel: str) -> Path:
    """root/rel, after checking rel and that no link inside root leads the path out of it."""
    path = root.joinpath(*safe_relative(rel).split("/"))
    base = root.resolve()
    resolved = path.resolve()
    if resolved != base and base not in resolved.parents:
        raise UnsafePath(f"refused to write {rel!r}: it resolves outside {root}")
    return path


def write_if_changed(root: Path, rel: str, content: str | bytes) -> bool:
    """Write root/rel unless it already holds exactly this content (so `mkdocs serve`, which
    watches docs/, settles); return whether it was written."""
    path = inside(root, rel)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        path.unlink()  # never write through a link
    path.write_bytes(data)
    return True

"""Author names as recorded in data/sources/*.yaml, for every citation format.

A name is either a string (a literal: an organisation, or a person's name that cannot be split
with confidence) or {family, given, family_first}. family_first marks names written family name
first (Chinese order), so that "Cao Yin" is shown as written yet cited as "Cao, Y.".
"""

from __future__ import annotations

import re
from typing import Any

from .render import plain

Name = str | dict[str, Any]
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def is_person(name: Name) -> bool:
    return isinstance(name, dict)


def display(name: Name) -> str:
    """The name as the document prints it: "David Williams", "Cao Yin", "赵贤钰"."""
    if isinstance(name, str):
        return name
    family, given = name["family"], name["given"]
    if name.get("family_first"):
        return family + given if _CJK.search(family + given) else f"{family} {given}"
    return f"{given} {family}"


def inverted(name: Name) -> str:
    """Family name first with a comma, the form RIS and BibTeX read unambiguously."""
    if isinstance(name, str):
        return name
    return f"{name['family']}, {name['given']}"


def csl(name: Name) -> dict[str, Any]:
    if isinstance(name, str):
        return {"literal": name}
    return {"family": name["family"], "given": name["given"]}


def joined(names: list[Name]) -> str:
    return ", ".join(display(n) for n in names)


def html(names: list[Name]) -> str:
    """Names for a page, each Chinese one marked lang="zh" so that it is read and shown as Chinese."""
    return ", ".join(f'<span lang="zh">{plain(display(n))}</span>' if _CJK.search(display(n)) else plain(display(n)) for n in names)

""" "Did you mean": the nearest known name to a misspelt one (field, vocabulary key or id), so a
contributor's typo is answered with the fix, not only with the rule it broke."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: object, known: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The closest known name to word, if one is close enough to be a likely misspelling."""
    if not isinstance(word, str) or not word:
        return None
    found = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=cutoff)
    return found[0] if found and found[0] != word else None


def did_you_mean(word: object, known: Iterable[str], cutoff: float = 0.75) -> str:
    """'; did you mean "x"?' to append to a message, or nothing."""
    found = nearest(word, known, cutoff)
    return f'; did you mean "{found}"?' if found else ""

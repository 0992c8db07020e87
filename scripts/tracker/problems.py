"""The one way errors travel: every problem a contributor can meet is a Problem.

Codes are stable (tests and CONTRIBUTING.md refer to them); never renumber, only add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# code -> (short name, hint shown when the caller gives none)
CODES: dict[str, tuple[str, str]] = {
    "E100": ("yaml-syntax", "fix the YAML syntax at this position; quote text that contains ': ' or starts with a symbol"),
    "E101": ("duplicate-key", "remove one of the two keys; YAML keeps only the last one"),
    "E102": ("encoding", "save the file as UTF-8 text without a byte-order mark"),
    "E103": ("empty-file", "write the entry, or delete the file"),
    "E104": ("tab", "indent with spaces, not tabs"),
    "E105": ("too-large", "split the text; an entry file must stay under the size limit"),
    "E106": ("yaml-alias", "write the value out in full; anchors (&) and aliases (*) are not allowed"),
    "E107": ("symlink", "replace the symbolic link with a real file inside data/"),
    "E108": ("not-a-mapping", "an entry file is a mapping of field: value lines; see the templates in CONTRIBUTING.md"),
    "E109": ("not-a-file", "replace the folder, pipe or device with an ordinary text file, or rename it"),
    "E110": (
        "bad-character",
        "delete the character (maybe an escape such as \\x01): control characters cannot appear on a page",
    ),
    "E111": ("not-finite", "write an ordinary number; .nan, .inf and numbers too large to store are not values"),
    "E112": ("bad-schema", "restore the schema file from the repository (git checkout data/schema/); schemas must be valid JSON Schema"),
    "E200": ("missing-field", "add the field; see the schema in data/schema/"),
    "E201": ("unknown-field", "remove the field or fix its spelling; see the schema in data/schema/"),
    "E202": ("wrong-type", "give the value the type the schema asks for"),
    "E203": ("bad-format", "write the value in the form the schema asks for"),
    "E204": ("bad-length", "shorten or lengthen the value to the schema's limits"),
    "E205": ("not-allowed", "use one of the allowed values"),
    "E206": ("as-of-or-period", "give each value either as_of or period, not both"),
    "E207": ("duplicate-item", "remove the repeated item"),
    "E300": ("id-mismatch", "make the id equal the file name without .yaml (or rename the file)"),
    "E301": ("duplicate-id", "ids are unique across all kinds; rename one of the files and its id"),
    "E302": ("unknown-source", "add the source file in data/sources/ or fix the id"),
    "E303": ("unknown-related", "fix the id or remove it from related"),
    "E304": ("uncited-marker", "add the source to this entry's sources list, or fix the marker"),
    "E305": ("self-reference", "remove the entry's own id from related"),
    "E306": ("orphan-source", "cite the source from an entry, or delete the source file"),
    "E307": ("duplicate-url", "reuse the existing source file instead of adding a second one"),
    "E308": ("tracking-url", "remove the tracking parameters (utm_*, amp, fbclid, from=rss and the like): cite the address that names the document"),
    "E310": ("counting-mismatch", "cumulative and snapshot series use as_of; per-period series use period"),
    "E311": ("values-order", "list the values in date order, oldest first"),
    "E320": ("published-id-gone", "restore the entry, or record it in data/retired.yaml as renamed, merged or withdrawn"),
    "E321": (
        "bad-register-line",
        "each line of a register file (published-ids.txt, register/*.txt) is kind/id, e.g. events/spc-blacklist-launch-2013; # starts a comment",
    ),
    "E322": ("bad-retired", "see the comment at the top of data/retired.yaml"),
    "E323": ("bad-changelog", "see the comment at the top of data/changelog.yaml"),
    "E324": ("bad-place-tree", "give the place an existing parent (the place it lies within), and never a place that lies within it"),
    "E330": ("not-canonical", "rewrite the file in canonical form: make format FILES=FILE"),
    "E331": ("placeholder", "replace the TODO left by `make new` with the real value"),
    "E332": ("too-complex", "write plain sentences: cite with [@id], and keep lists and quotes a few levels deep"),
    "E333": (
        "placeholder-title",
        "write the headline exactly as published; where the copy shows none, describe the record in title_note"
        " (shown apart from the title, never cited as one)",
    ),
    "E340": ("no-such-value", "name one of the series' values by its as_of or period, exactly as the series writes it"),
    "E400": ("bad-date", "write a real calendar date: YYYY, YYYY-MM or YYYY-MM-DD"),
    "E401": ("future-date", "a date cannot be later than today; check the year"),
    "E402": ("reversed-range", "write the earlier date first: START/END"),
    "E403": ("reviewed-before-added", "an entry cannot be reviewed before it was added"),
    "E500": ("unknown-vocab", "use a key of the vocabulary file, or add the value there first"),
    "E501": ("bad-url", "use a full http:// or https:// address"),
    # warnings: unusual but allowed; shown, never failing
    "W600": ("no-archive-link", "add archive_url: a saved copy on the Wayback Machine, archive.today or Perma.cc"),
    "W601": ("single-source", "add an independent second source if one exists"),
    "W602": ("reposts-only", "find the original publisher's copy, or set status: reposts-only"),
    "W603": ("unregistered-id", "record the new id in the register: make register"),
    "W604": ("source-not-yet-cited", "cite it from the entry you are writing; the full check (make check) fails until an entry does"),
    "W605": (
        "tier-4-only",
        "cite the issuing body's own text, a full-text translation or an outlet's own report (tiers 1-3); see Source tiers in the methodology",
    ),
    "W610": ("key-number-below-tier-2", "cite the issuing body's own text or a full-text translation for this value (methodology: source tiers)"),
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = field(default="", compare=False)

    def format(self) -> str:
        """One line (messages quote data, so line breaks and controls in it are shown escaped)."""
        hint = self.hint or CODES.get(self.code, ("", ""))[1]
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {_one_line(self.message)}"
        return f"{text}\n    hint: {hint}" if hint else text

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _one_line(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)

"""Dates at the precision the sources give: a year, a month or a day, maybe 'about',
'before' or 'after', or a range. A date never silently becomes a timestamp or a padded day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PART = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
_SINGLE = re.compile(rf"^(?:(about|before|after) )?{_PART}$")
_RANGE = re.compile(rf"^{_PART}/{_PART}$")
MONTHS = list(calendar.month_name)


class DateError(ValueError):
    """Raised with a message fit for a contributor."""

    def __init__(self, message: str, code: str = "E400") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Day:
    """A calendar date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_parts(cls, text: str, y: str, m: str | None, d: str | None) -> Day:
        year, month, day = int(y), int(m) if m else None, int(d) if d else None
        if year < 1900:
            raise DateError(f'"{text}" has year {year}; the tracker covers 1900 onwards')
        if month is not None and not 1 <= month <= 12:
            raise DateError(f'"{text}" is not a calendar date: there is no month {month}')
        if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise DateError(f'"{text}" is not a calendar date: {MONTHS[month]} {year} has no day {day}')
        return cls(year, month, day)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @property
    def iso(self) -> str:
        return "-".join([f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p])

    def label(self, with_year: bool = True) -> str:
        parts = []
        if self.day:
            parts.append(str(self.day))
        if self.month:
            parts.append(MONTHS[self.month])
        if with_year:
            parts.append(str(self.year))
        return " ".join(parts)


@dataclass(frozen=True)
class FuzzyDate:
    """A parsed date field: one Day with an optional qualifier, or a range of two Days."""

    text: str
    start: Day
    qualifier: str | None = None  # about | before | after
    end: Day | None = None

    @property
    def sort_key(self) -> tuple[dt.date, int, dt.date]:
        """Earliest possible day first; then less precise before more precise; then end."""
        precision = 0 if self.qualifier == "before" else 1
        return (self.start.first, precision, (self.end or self.start).last)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def label(self) -> str:
        """Human label at the true precision: '2019', 'May 2019', 'about 2010', '2014–2020'."""
        if self.end:
            same_year = self.start.year == self.end.year and self.start.month and self.end.month
            return f"{self.start.label(with_year=not same_year)}–{self.end.label()}"
        text = self.start.label()
        return f"{self.qualifier} {text}" if self.qualifier else text

    @property
    def html(self) -> str:
        """The label in <time> elements. HTML's datetime takes one date, not a range, so a
        range is two elements: <time datetime="2017-04">April</time>–<time …>July 2017</time>."""
        if self.end:
            same_year = self.start.year == self.end.year and self.start.month and self.end.month
            start = self.start.label(with_year=not same_year)
            return f'<time datetime="{self.start.iso}">{start}</time>–<time datetime="{self.end.iso}">{self.end.label()}</time>'
        return f'<time datetime="{self.start.iso}">{self.label}</time>'

    @property
    def iso(self) -> str:
        """ISO 8601 form for machine-readable attributes (ranges as START/END)."""
        return f"{self.start.iso}/{self.end.iso}" if self.end else self.start.iso


def parse(text: str) -> FuzzyDate:
    """Parse a date field. Raises DateError with a contributor-facing message."""
    if not isinstance(text, str):
        raise DateError(f'{text!r} is not a date; write it in quotes, e.g. "2019-05"')
    match = _SINGLE.match(text)
    if match:
        qualifier, y, m, d = match.groups()
        return FuzzyDate(text, Day.from_parts(text, y, m, d), qualifier)
    match = _RANGE.match(text)
    if match:
        start = Day.from_parts(text, *match.groups()[:3])
        end = Day.from_parts(text, *match.groups()[3:])
        if end.last < start.first:
            raise DateError(f'the range "{text}" ends before it starts', code="E402")
        return FuzzyDate(text, start, None, end)
    raise DateError(f'"{text}" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, maybe after "about", "before" or "after", or START/END')


def check_not_future(date: FuzzyDate, today: dt.date) -> None:
    """A date whose earliest possible day is after today is an error."""
    for day in (date.start, date.end):
        if day and day.first > today:
            raise DateError(f'"{date.text}" is in the future (today is {today.isoformat()})', code="E401")

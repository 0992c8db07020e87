"""Dates keep their precision from the YAML to the page."""

from __future__ import annotations

import pytest

from scripts.tracker import dates


@pytest.mark.parametrize(
    ("text", "label", "iso"),
    [
        ("2019", "2019", "2019"),
        ("2019-05", "May 2019", "2019-05"),
        ("2019-05-12", "12 May 2019", "2019-05-12"),
        ("about 2010", "about 2010", "2010"),
        ("before 2020-03", "before March 2020", "2020-03"),
        ("after 2021-07-01", "after 1 July 2021", "2021-07-01"),
        ("2014/2020", "2014–2020", "2014/2020"),
        ("2019-05/2019-06", "May–June 2019", "2019-05/2019-06"),
        ("2020-09-03/2020-09-06", "3 September–6 September 2020", "2020-09-03/2020-09-06"),
    ],
)
def test_labels_show_the_true_precision(text: str, label: str, iso: str) -> None:
    parsed = dates.parse(text)
    assert parsed.label == label
    assert parsed.iso == iso


def test_less_precise_dates_sort_before_more_precise_ones_in_the_same_period() -> None:
    texts = ["2019-05-12", "2019", "before 2019-05", "2019-05", "about 2018", "2018/2020"]
    ordered = sorted(texts, key=lambda t: dates.parse(t).sort_key)
    assert ordered == ["about 2018", "2018/2020", "2019", "before 2019-05", "2019-05", "2019-05-12"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-02-29", '"2019-02-29" is not a calendar date: February 2019 has no day 29'),
        ("2019-00", '"2019-00" is not a calendar date: there is no month 0'),
        ("May 2019", '"May 2019" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, maybe after "about", "before" or "after", or START/END'),
        ("2020/2019", 'the range "2020/2019" ends before it starts'),
    ],
)
def test_bad_dates_are_explained(text: str, message: str) -> None:
    with pytest.raises(dates.DateError) as caught:
        dates.parse(text)
    assert str(caught.value) == message

"""Round 10 of issue 11: an English date in a tokenised layout.

Source: the dev half of the Recognizers-Text suite, never its test half.  Its in-scope dev misses
are all forms left out on purpose (bench/README.md), but the mentions printed beside two of them
("... due dec . 12 , 1994 , priced at ...", "... due nov . 15 , 1999 , priced at ...") showed a
family read wrong: a month name with its abbreviation point and the comma after the day spaced
off, as tokenised text writes them, was two counts (the day and the year, e.g. 12 and 1994)
instead of one date.

Each value is argued from the text in the comment beside it, or computed by Python's ``datetime``
(an oracle independent of the finder) -- never copied from the finder's output.  The property
test runs NUMBERS_ORACLE_EXAMPLES examples."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.numbers import find_mentions
from tests.numbers.test_numbers_oracles import oracle


def dates_and_others(text: str):
    """(the dates' surfaces and values, the other mentions' surfaces) of ``text``."""
    found = find_mentions(text)
    for m in found:
        assert text[m.start:m.end] == m.surface
    return ([(m.surface, str(m.value)) for m in found if m.kind == "date"],
            [m.surface for m in found if m.kind != "date"])


@pytest.mark.parametrize(("text", "dates"), [
    # dec = December, the 12th, 1994: one date, and no count 12 or 1994
    ("zero - coupon eurobonds due dec . 12 , 1994 , priced at", [("dec . 12 , 1994", "1994-12-12")]),
    # nov = November, the 15th, 1999
    ("bonds due nov . 15 , 1999 , priced at", [("nov . 15 , 1999", "1999-11-15")]),
    # jan = January, the 1st, 1990
    ("after jan . 1 , 1990 at 1,015 francs", [("jan . 1 , 1990", "1990-01-01")]),
    # the point spaced, the comma not; and the comma spaced, the point not
    ("Dec . 12, 1994", [("Dec . 12, 1994", "1994-12-12")]),
    ("Dec. 12 , 1994", [("Dec. 12 , 1994", "1994-12-12")]),
    # the untokenised forms, as before
    ("Dec. 12, 1994", [("Dec. 12, 1994", "1994-12-12")]),
    ("December 12, 1994", [("December 12, 1994", "1994-12-12")]),
])
def test_tokenised_english_date(text, dates):
    got_dates, others = dates_and_others(text)
    assert got_dates == dates
    assert [s for s in others if s in ("12", "15", "1", "1994", "1999", "1990")] == []


@pytest.mark.parametrize("text", [
    "sales rose 6 . 2 % to $ 1.45 billion .",  # no month: a spaced decimal point stays a percent
    "a price of 12 , 1994 units",  # a day and a year with no month name before them
])
def test_no_date_without_a_month(text):
    assert dates_and_others(text)[0] == []


_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"]


@oracle
@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)),
       st.sampled_from(["{m} . {d} , {y}", "{m}. {d} , {y}", "{m} . {d}, {y}", "{m}. {d}, {y}"]),
       st.sampled_from([str.lower, str.capitalize]))
def test_tokenised_dates_by_the_calendar(date, layout, case):
    """Any date in any of the four layouts is one date whose value is the calendar's (isoformat)."""
    surface = layout.format(m=case(_ABBR[date.month - 1]), d=date.day, y=date.year)
    text = f"bonds due {surface} , priced at par"
    got_dates, others = dates_and_others(text)
    assert got_dates == [(surface, date.isoformat())]
    assert others == []

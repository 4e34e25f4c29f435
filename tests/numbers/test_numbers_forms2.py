"""Forms the second pass on the third-party dev half (bench/third_party.py)
showed wrong or missing, each in a sentence of our own with its value argued
from the text in the comment beside it (not copied from a third-party file or
from the finder's output).  ``None`` is an open bound."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from ledger.numbers import find_mentions

THIRD = D("0.333333333333")  # a share that does not terminate keeps 12 places


def row(m):
    return (m.surface, m.kind, m.value, m.low, m.high, m.unit, m.qualifier)


def exact(surface, kind, v, unit):
    return (surface, kind, v, v, v, unit, "exact")


def rows(text: str):
    return [row(m) for m in find_mentions(text) if m.kind != "date"]


CASES = [
    # --- English fractions: a cardinal, then an ordinal as the denominator (a share, like 三分之一)
    # one over eight
    ("They sold one eighth.", [exact("one eighth", "percent", D("0.125"), "ratio")]),
    # five over eight = 0.625
    ("Staff hold five eighths of the shares.", [exact("five eighths", "percent", D("0.625"), "ratio")]),
    # 23 / 5 = 4.6: an improper fraction keeps its value
    ("twenty-three fifths", [exact("twenty-three fifths", "percent", D("4.6"), "ratio")]),
    # 21 / 5 = 4.2: "twenty one" with a space is one numerator
    ("twenty one fifths", [exact("twenty one fifths", "percent", D("4.2"), "ratio")]),
    # a compound ordinal: one over twenty-five = 0.04
    ("one twenty-fifth of the fund", [exact("one twenty-fifth", "percent", D("0.04"), "ratio")]),
    # "a" is one: 1 / 10^12, and a hundred of them 10^-10
    ("a trillionth", [exact("a trillionth", "percent", D("1E-12"), "ratio")]),
    ("a hundred trillionths", [exact("a hundred trillionths", "percent", D("1E-10"), "ratio")]),
    # a singular after a/one that ends the phrase: 1/5, 1/2
    ("Costs fell by a fifth.", [exact("a fifth", "percent", D("0.2"), "ratio")]),
    ("The stake is a half.", [exact("a half", "percent", D("0.5"), "ratio")]),
    # hyphenated, whatever follows: one over three
    ("a one-third stake", [exact("one-third", "percent", THIRD, "ratio")]),
    # three quarters hyphenated = 0.75; spaced before "of" likewise
    ("three-quarters owned", [exact("three-quarters", "percent", D("0.75"), "ratio")]),
    ("three quarters of the board", [exact("three quarters", "percent", D("0.75"), "ratio")]),
    # a hedge before a fraction widens it as for any share: about 2/5 = [0.36, 0.44]
    ("about two fifths of voters", [("about two fifths", "percent", D("0.4"), D("0.36"), D("0.44"), "ratio", "about")]),
    # --- mixed numbers: a whole, "and", a fraction below one (a count, like 三又三分之一)
    ("five and a quarter", [exact("five and a quarter", "count", D("5.25"), "count")]),
    ("three and a fifth", [exact("three and a fifth", "count", D("3.2"), "count")]),
    # 103 + 2/3
    ("one hundred and three and two thirds",
     [exact("one hundred and three and two thirds", "count", D("103.666666666667"), "count")]),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_form(text, want):
    got = rows(text)
    assert got == want
    for m in find_mentions(text):
        assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize("text", [
    "posted a fifth straight quarterly loss",  # an ordinal before a noun: no share
    "a twenty-first century company",  # likewise
    "Twenty-first Century Fox",  # a name
    "a year and a half later",  # the half belongs to "a year and": no share of 0.5
    "for three quarters in a row",  # quarters are periods here
    "profit rose in two quarters",  # likewise
    "the first two thirds of the year",  # a period, like "the first half"
    "one second later",  # a time, not 1/2
    "both halves of the year",  # halves: never a fraction
])
def test_no_fraction(text):
    assert [r for r in rows(text) if r[1] in ("percent", "count")] == []

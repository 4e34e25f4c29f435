"""Forms the second pass on the third-party dev half (bench/third_party.py)
showed wrong or missing, each in a sentence of our own with its value argued
from the text in the comment beside it (not copied from a third-party file or
from the finder's output).  ``None`` is an open bound."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.numbers.test_numbers_forms import assert_form, exact, rows  # the same reading of a mention as a row

THIRD = D("0.333333333333")  # a share that does not terminate keeps 12 places


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
    # --- a slash between a number and a larger one: a proper fraction, a share
    ("About 3/4 of staff agreed", [("About 3/4", "percent", D("0.75"), D("0.675"), D("0.825"), "ratio", "about")]),
    # 超过 leaves 1/2 open above
    ("超过1/2的人都来了", [("超过1/2", "percent", D("0.5"), D("0.5"), None, "ratio", "over")]),
    # a minus before the fraction signs it: -(4/5)
    ("a change of -4/5", [exact("-4/5", "percent", D("-0.8"), "ratio")]),
    # a whole, a space, a fraction: 2 + 1/4, a mixed number (a count)
    ("the shares rose 2 1/4", [exact("2 1/4", "count", D("2.25"), "count")]),
    # --- a fraction said aloud: "one over three" = 1/3, nothing after the second number
    ("the odds are one over three.", [exact("one over three", "percent", THIRD, "ratio")]),
    ("1 over 20", [exact("1 over 20", "percent", D("0.05"), "ratio")]),
    # --- a word before $ says whose dollar: hk $ is the Hong Kong dollar
    ("sales fell to hk $ 10.05 billion .", [exact("hk $ 10.05 billion", "money", D("10050000000"), "HKD")]),
    ("paid hk$300", [exact("hk$300", "money", D(300), "HKD")]),
    # u.s $ is the US dollar, as $ alone
    ("a prize of u.s $ 100", [exact("$ 100", "money", D(100), "USD")]),
    # "a" before $ is the article: five US dollars
    ("a $5 fee", [exact("$5", "money", D(5), "USD")]),
    # the apostrophe's s is no Singapore prefix
    ("it's $5 now", [exact("$5", "money", D(5), "USD")]),
    # --- Chinese: two numerals joined by 到 make a count range when either alone is a count
    # (一千五百 is composed and long enough): 1000 to 1500, midpoint 1250
    ("数字的范围是一千到一千五百", [("一千到一千五百", "count", D(1250), D(1000), D(1500), "count", "range")]),
    # A和B之间 is "between A and B": 20 to 30
    ("股价在20和30之间", [("20和30之间", "count", D(25), D(20), D(30), "count", "range")]),
    ("规模在100亿元和200亿元之间",
     [("100亿元和200亿元之间", "money", D(15 * 10**9), D(10**10), D(2 * 10**10), "CNY", "range")]),
    # a hedge after a composed numeral makes it a quantity: 五百以上 = 500 or more
    ("订购数目在五百以上的产品", [("五百以上", "count", D(500), D(500), None, "count", "at_least")]),
    # 一千左右 = about 1000, [900, 1100]
    ("一千左右的人", [("一千左右", "count", D(1000), D(900), D(1100), "count", "about")]),
    # 之下 = below: 170 is the upper bound
    ("身高在 170 之下", [("170 之下", "count", D(170), None, D(170), "count", "up_to")]),
    # 大于或者等于 = at least: 4565 or more (the full-width comma between full-width digits groups thousands)
    ("数字大于或者等于４，５６５", [("大于或者等于４，５６５", "count", D(4565), D(4565), None, "count", "at_least")]),
    # 小于等于 = at most
    ("增速小于等于5%", [("小于等于5%", "percent", D("0.05"), None, D("0.05"), "ratio", "up_to")]),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_form(text, want):
    assert_form(text, want)


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
    "24/7 service",  # a slash before a smaller number: no fraction, and no counts 24 and 7
    "a 50/50 venture",  # a split
])
def test_no_fraction(text):
    assert [r for r in rows(text) if r[1] in ("percent", "count")] == []


@pytest.mark.parametrize("text", [
    "两百点两",  # 两 is no decimal digit: 两百 and 两 (each too short to count), not 200.2
    "一点两小时的会议",  # one o'clock, two hours: not 1.2
    "一到五",  # neither end would count alone: no range
    "统一上下思想",  # 上下 after a lone 一 is no hedge
])
def test_no_chinese_amount(text):
    assert rows(text) == []


def test_and_without_between_is_two_numbers():
    # 20和30 without 之间: the two counts, no range
    assert rows("20和30") == [exact("20", "count", D(20), "count"), exact("30", "count", D(30), "count")]


def test_slash_in_a_date_or_a_fiscal_year_is_no_fraction():
    # 3/4/2024 is a date and 2023/24 a fiscal year: no share is read from them
    for text in ("on 3/4/2024 the board met", "the 2023/24 fiscal year"):
        assert [r for r in rows(text) if r[1] == "percent"] == []


def test_over_before_a_counted_noun_is_no_fraction():
    # "7 over 5 rivals": the counts stay, no share 7/5 is read
    assert [r for r in rows("it won 7 over 5 rivals") if r[1] == "percent"] == []


def test_a_country_letter_before_a_spaced_dollar_names_its_dollar():
    # c $ is the Canadian dollar (a ledger currency since lexicon/currencies.toml has CAD), in either case
    assert [(r[2], r[5]) for r in rows("about c $ 1.34 a share .") if r[1] == "money"] == [(D("1.34"), "CAD")]
    assert [(r[2], r[5]) for r in rows("C $ 16.4 million") if r[1] == "money"] == [(D("16400000"), "CAD")]


@pytest.mark.parametrize("text", [
    "Apple had a market share of 18% [1][2] - the market grew [3].",  # source references after a figure
    "数据显示【12】，营收增长。",
])
def test_a_reference_mark_in_square_brackets_is_no_count(text):
    assert [r for r in rows(text) if r[1] == "count"] == []


def test_a_bracketed_list_or_quantity_is_still_read():
    # '[1, 2, 3]' is a list of numbers, '[15 units]' a quantity: neither is a lone reference mark
    assert [r[0] for r in rows("a list [1, 2, 3] and [15 units]")] == ["1", "2", "3", "15"]

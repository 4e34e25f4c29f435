"""Families of forms an eighth pass reads (round 8 of issue 11).  Source: the dev half of a second,
independent third-party suite (Facebook Duckling's hand-written corpora, converted by
bench/duckling_specs.py), never its test half nor Recognizers' test half.  Each family is written
here in sentences of our own: a sign word spaced from its number (负 1,200,000), the Indian scale
in English (lakh, crore), the long scale with a plural (three thousand millions), the dollar signs
of a country after the amount (3.14US$), 块 after an amount with fen (3.04块以上), and 角 after
Arabic digits (2角).

Each value is argued from the text in the comment beside it, or rendered by an independent oracle
(num2words, including its Indian English, cn2an, Python's formatting) and checked by arithmetic --
never copied from the finder's output.  The property tests run NUMBERS_ORACLE_EXAMPLES examples each."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ledger.numbers import find_mentions
from tests.numbers.test_numbers_forms import assert_form, exact, rows
from tests.numbers.test_numbers_oracles import one, oracle

num2words = pytest.importorskip("num2words").num2words

LAKH, CRORE = D(10) ** 5, D(10) ** 7

CASES = [
    # --- a Chinese sign word, then a space or a tab, then the number: the sign is the number's, as 负3.9% is
    ("净利润为负 1,200,000元", [exact("负 1,200,000元", "money", D(-1_200_000), "CNY")]),
    ("增速为負 3.5%", [exact("負 3.5%", "percent", D("-0.035"), "ratio")]),  # -3.5% = -0.035
    ("亏损收窄至负 2.3亿元", [exact("负 2.3亿元", "money", D(-230_000_000), "CNY")]),  # 2.3 x 10^8
    ("同比负\t5%", [exact("负\t5%", "percent", D("-0.05"), "ratio")]),
    # --- the Indian scale: a lakh is 10^5, a crore 10^7 (lac the older spelling); plural after a number as
    # "two millions" is
    ("a plan worth 30 lakh", [exact("30 lakh", "count", 30 * LAKH, "count")]),  # 3,000,000
    ("sold 12 lakhs units", [exact("12 lakhs", "count", 12 * LAKH, "count")]),  # 1,200,000
    ("a profit of 1.5 crore", [exact("1.5 crore", "count", D("1.5") * CRORE, "count")]),  # 15,000,000
    ("two lacs", [exact("two lacs", "count", 2 * LAKH, "count")]),
    ("three hundred crores", [exact("three hundred crores", "count", 300 * CRORE, "count")]),  # 3 x 10^9
    # 3 crore + 12 lakh + 56 thousand + 721 = 30,000,000 + 1,200,000 + 56,000 + 721
    ("three crore twelve lakh fifty-six thousand seven hundred twenty-one people",
     [exact("three crore twelve lakh fifty-six thousand seven hundred twenty-one", "count", D(31_256_721),
            "count")]),
    # --- the long scale with a plural: 3 thousand x 10^6 = 3 x 10^9, as "three thousand million"
    ("a budget of three thousand millions", [exact("three thousand millions", "count", D(3 * 10**9), "count")]),
    ("3 thousand millions", [exact("3 thousand millions", "count", D(3 * 10**9), "count")]),
    ("£2 thousand millions", [exact("£2 thousand millions", "money", D(2 * 10**9), "GBP")]),
    # --- a dollar sign with its country after the amount, glued or spaced, as before it
    ("售价3.14US$", [exact("3.14US$", "money", D("3.14"), "USD")]),
    ("a fee of 5 HK$ per share", [exact("5 HK$", "money", D(5), "HKD")]),
    ("raised 10 NT$ and 5 S$", [exact("10 NT$", "money", D(10), "TWD"), exact("5 S$", "money", D(5), "SGD")]),
    # --- 块 after an amount with fen is the yuan whatever follows (pieces are whole): 3.04 yuan or more
    ("售价3.04块以上", [("3.04块以上", "money", D("3.04"), D("3.04"), None, "CNY", "at_least")]),
    # --- 角 after Arabic digits alone: tenths of a yuan, as 2毛 (2 x 0.1 = 0.2; 2角5分 = 0.2 + 0.05)
    ("票价2角。", [exact("2角", "money", D("0.2"), "CNY")]),
    ("每股派2角5分", [exact("2角5分", "money", D("0.25"), "CNY")]),
    ("2角钱", [exact("2角钱", "money", D("0.2"), "CNY")]),
    # --- the start of a change said without its unit takes the unit of its end: "from 10 to 20 dollars" is
    # 10 dollars then 20 dollars (a change, two values, not a range); 10 percent is 0.1
    ("rose from 10 to 20 dollars", [exact("10", "money", D(10), "USD"), exact("20 dollars", "money", D(20), "USD")]),
    ("rose from 10 to 20%", [exact("10", "percent", D("0.1"), "ratio"), exact("20%", "percent", D("0.2"), "ratio")]),
    ("cut from 5.25 to 5 percent", [exact("5.25", "percent", D("0.0525"), "ratio"),
                                    exact("5 percent", "percent", D("0.05"), "ratio")]),
    ("from 5 to 6 percentage points", [exact("5", "percentage_point", D(5), "percentage_point"),
                                       exact("6 percentage points", "percentage_point", D(6), "percentage_point")]),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_form(text, want):
    assert_form(text, want)


def test_about_after_kuai_with_fen():
    # 1.5块左右: about 1.5 yuan; the ledger's "about" interval is the value's own, the unit is what is new here
    (m,) = rows("每斤1.5块左右")
    assert (m[0], m[1], m[2], m[5], m[6]) == ("1.5块左右", "money", D("1.5"), "CNY", "about")


# --------------------------------------------------------------------------- what stays as it was


@pytest.mark.parametrize(("text", "want"), [
    ("正负 5%的误差", [exact("5%", "percent", D("0.05"), "ratio")]),  # 正负 is plus or minus: no sign
    ("胜负 3局", [exact("3", "count", D(3), "count")]),  # 胜负 is "victory or defeat"
    ("三块以上屏幕", []),  # three or more screens: 块 counts pieces, and a short numeral is no count
    ("五角大楼", []),  # the Pentagon: 角 after a Chinese digit stays no money
    ("三角洲", []),  # a delta
    ("5角形", [exact("5", "count", D(5), "count")]),  # a pentagon shape: 角 before a Chinese character
    ("the lakh figure", []),  # a scale word alone is no number
    # a magnitude on the end of a change: 30 of what? (30 dollars or 30 million dollars) -- the start stays a count
    ("fell from 30 to 20 million dollars", [exact("30", "count", D(30), "count"),
                                            exact("20 million dollars", "money", D(20_000_000), "USD")]),
    ("from 10 to 20 people", [exact("10", "count", D(10), "count"), exact("20", "count", D(20), "count")]),
    ("from 10 to 20 years", [exact("10", "count", D(10), "count"), exact("20 years", "duration", D(20), "year")]),
])
def test_what_stays(text, want):
    assert rows(text) == want


def test_a_hyphen_keeps_the_long_scale_out():
    # "3 thousand million-dollar homes" is 3,000 homes of a million dollars each, never 3 x 10^9
    got = rows("3 thousand million-dollar homes")
    assert got[0] == exact("3 thousand", "count", D(3000), "count")
    assert all(r[2] != D(3 * 10**9) for r in got)


# --------------------------------------------------------------------------- properties


@oracle
@given(st.integers(min_value=10**5, max_value=10**10 - 1))
def test_indian_english_words(n):
    # num2words' Indian English writes n with crore and lakh ("three crore, twelve lakh, ...")
    words = num2words(n, lang="en_IN")
    m = one(f"the company sold {words} units")
    assert (m.surface, m.kind, m.value) == (words, "count", D(n))


@oracle
@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["lakh", "lakhs", "lac", "crore", "crores"]))
def test_digits_then_indian_scale(n, scale):
    # Python writes n; a lakh is 10^5 and a crore 10^7, in the singular or the plural
    surface = f"{n:,} {scale}"
    m = one(f"a profit of {surface} was reported")
    assert (m.surface, m.kind, m.value) == (surface, "count", n * (CRORE if scale.startswith("crore") else LAKH))


@oracle
@given(st.integers(min_value=2, max_value=999), st.sampled_from([("millions", 10**6), ("billions", 10**9)]),
       st.booleans())
def test_long_scale_with_a_plural(n, scale, words):
    # num2words writes n below a thousand; "n thousand millions" is n x 10^3 x 10^6
    lead = num2words(n) if words else str(n)
    surface = f"{lead} thousand {scale[0]}"
    m = one(f"they spent {surface} on it")
    assert (m.surface, m.kind, m.value) == (surface, "count", D(n) * 1000 * scale[1])


@oracle
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=99),
       st.sampled_from(["负", "負"]), st.sampled_from([" ", "\t"]), st.sampled_from(["%", "亿元", "元", ""]))
def test_chinese_sign_word_then_a_space(whole, cents, sign, space, unit):
    # Python writes whole,cents with grouping; the sign word makes it negative, the unit scales it
    number = f"{whole:,}.{cents:02d}"
    surface = f"{sign}{space}{number}{unit}"
    m = one(f"去年同期为{surface}，今年转正")
    x = -D(f"{whole}.{cents:02d}")
    want = {"%": ("percent", x / 100), "亿元": ("money", x * 10**8), "元": ("money", x), "": ("count", x)}[unit]
    assert (m.surface, m.kind, m.value) == (surface, *want)


@oracle
@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=99),
       st.sampled_from(["US$", "HK$", "NT$", "S$"]), st.booleans())
def test_country_dollar_sign_after_the_amount(whole, cents, sign, spaced):
    # Python writes the amount; the sign after it names the currency as it does before it
    surface = f"{whole}.{cents:02d}{' ' if spaced else ''}{sign}"
    m = one(f"the fee is {surface} per share")
    code = {"US$": "USD", "HK$": "HKD", "NT$": "TWD", "S$": "SGD"}[sign]
    assert (m.surface, m.kind, m.unit, m.value) == (surface, "money", code, D(f"{whole}.{cents:02d}"))


@oracle
@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=1, max_value=99),
       st.sampled_from([("以上", "at_least"), ("以下", "up_to"), ("左右", "about"), ("", "exact")]))
def test_kuai_after_yuan_and_fen(whole, fen, hedge):
    # Python writes yuan.fen with two places; 块 there is the yuan, the hedge its qualifier
    surface = f"{whole}.{fen:02d}块{hedge[0]}"
    m = one(f"每斤{surface}的价格")
    assert (m.surface, m.kind, m.unit, m.value, m.qualifier) == (surface, "money", "CNY", D(f"{whole}.{fen:02d}"),
                                                                 hedge[1])


@oracle
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=9), st.booleans())
def test_jiao_after_arabic_digits(jiao, fen, with_fen):
    # j 角 is j tenths of a yuan, f 分 f hundredths
    surface = f"{jiao}角{fen}分" if with_fen else f"{jiao}角"
    m = one(f"每股派{surface}。")
    want = D(jiao) / 10 + (D(fen) / 100 if with_fen else 0)
    assert (m.surface, m.kind, m.unit, m.value) == (surface, "money", "CNY", want)


@oracle
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6),
       st.sampled_from([(" dollars", "money", "USD", 1), ("%", "percent", "ratio", D("0.01")),
                        (" euros", "money", "EUR", 1), (" percent", "percent", "ratio", D("0.01"))]))
def test_start_of_a_change_takes_the_unit_of_its_end(a, b, unit):
    # Python writes both numbers; the unit after the second is the first's too, scaled the same way.  A whole
    # number from 1800 to 2100 after "from" is read as a year ("from 1900 to ..."), as everywhere in the finder
    assume(not 1800 <= a <= 2100)
    text = f"it went from {a} to {b}{unit[0]} in a year"
    got = [(m.surface, m.kind, m.unit, m.value) for m in find_mentions(text) if m.kind != "date"]
    assert got == [(str(a), unit[1], unit[2], a * unit[3]), (f"{b}{unit[0]}", unit[1], unit[2], b * unit[3])]

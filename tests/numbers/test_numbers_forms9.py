"""Families of forms a ninth pass reads (round 9 of issue 11).  Sources: the dev halves of the two
third-party suites (Recognizers-Text, Facebook Duckling converted by bench/duckling_specs.py), never
their test halves, and sentences written by hand for the same families, run through the finder to
find what else read wrong: a mixed number with an Arabic whole part ("2 and a half million dollars"
was $2 alone), the same with hyphens ("one-and-a-half million" was 0.5), dozens after a group ("two
hundred dozen" was 200), krore (a spelling of crore: "three hundred krores" was 300), "per-cent" and
"percent points", 块 / 元 then 零 and the fen (三块零五 was nothing, 十块零五毛 was 0.5), 块 before 至
(五块至六块 was 6 alone), the sub-units of a money range's second end (五元六角至五元七角八分 was two
amounts), a price per one after 块 (两块一斤 was 2.1 yuan), and the Cantonese dollar 蚊 with its 毫.

Each value is argued from the text in the comment beside it, or rendered by an independent oracle
(num2words, cn2an, Python's formatting) and checked by arithmetic -- never copied from the finder's
output.  The property tests run NUMBERS_ORACLE_EXAMPLES examples each."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.numbers.test_numbers_forms import assert_form, exact, rows
from tests.numbers.test_numbers_oracles import one, oracle

num2words = pytest.importorskip("num2words").num2words
cn2an = pytest.importorskip("cn2an")

M = D(10) ** 6
CRORE = D(10) ** 7


def rng(surface, kind, lo, hi, unit):
    return (surface, kind, (lo + hi) / 2, lo, hi, unit, "range")


CASES = [
    # --- digits, "and", a fraction in words: one mixed number, then its scale and unit as for any number
    ("he paid 2 and a half million dollars", [exact("2 and a half million dollars", "money", D("2.5") * M, "USD")]),
    ("a $2 and a half million deal", [exact("$2 and a half million", "money", D("2.5") * M, "USD")]),
    ("rates of 7 and a quarter percent", [exact("7 and a quarter percent", "percent", D("0.0725"), "ratio")]),
    # 7 + 3/4 = 7.75 percent = 0.0775
    ("7 and three quarters percent", [exact("7 and three quarters percent", "percent", D("0.0775"), "ratio")]),
    ("€3 and a half billion", [exact("€3 and a half billion", "money", D("3.5") * 10**9, "EUR")]),
    ("a 2 and a half year contract", [exact("2 and a half year", "duration", D("2.5"), "year")]),
    # --- the same with hyphens: one-and-a-half = 1.5
    ("a one-and-a-half million dollar bond",
     [exact("one-and-a-half million dollar", "money", D("1.5") * M, "USD")]),
    ("a two-and-a-half-year contract", [exact("two-and-a-half-year", "duration", D("2.5"), "year")]),
    ("up two-and-a-half percent", [exact("two-and-a-half percent", "percent", D("0.025"), "ratio")]),
    # --- dozens after a group below a thousand: 200 x 12 = 2400, 20 x 12 = 240, 1.5 x 12 = 18
    ("two hundred dozen eggs", [exact("two hundred dozen", "count", D(2400), "count")]),
    ("two hundred dozens", [exact("two hundred dozens", "count", D(2400), "count")]),
    ("twenty dozen roses", [exact("twenty dozen", "count", D(240), "count")]),
    ("one and a half dozen", [exact("one and a half dozen", "count", D(18), "count")]),
    # --- krore, a spelling of crore (10^7): 300 x 10^7 = 3 x 10^9
    ("three hundred krores", [exact("three hundred krores", "count", 300 * CRORE, "count")]),
    ("5 krore", [exact("5 krore", "count", 5 * CRORE, "count")]),
    # --- per-cent, and points said with "percent": a change in percentage points
    ("a 25 per-cent stake", [exact("25 per-cent", "percent", D("0.25"), "ratio")]),
    ("margins fell 5 percent points", [exact("5 percent points", "percentage_point", D(5), "percentage_point")]),
    ("up 1.5 per cent point", [exact("1.5 per cent point", "percentage_point", D("1.5"), "percentage_point")]),
    # --- 块 / 元, 零, one digit: the digit is the fen (零 says the tenth is skipped): 3 + 0.05
    ("售价三块零五。", [exact("三块零五", "money", D("3.05"), "CNY")]),
    ("三元零五", [exact("三元零五", "money", D("3.05"), "CNY")]),
    ("三块零五分", [exact("三块零五分", "money", D("3.05"), "CNY")]),
    ("十块零五毛", [exact("十块零五毛", "money", D("10.5"), "CNY")]),  # 10 + 5 x 0.1
    # --- 块 before 至 / 到 and another amount in 块 or 元: a range
    ("五块至六块", [rng("五块至六块", "money", D(5), D(6), "CNY")]),
    ("三块到五元", [rng("三块到五元", "money", D(3), D(5), "CNY")]),
    # --- the second end of a money range with its 角 / 分: 5 + 0.6 to 5 + 0.7 + 0.08
    ("五元六角至五元七角八分", [rng("五元六角至五元七角八分", "money", D("5.6"), D("5.78"), "CNY")]),
    ("五块六毛至五块七毛八", [rng("五块六毛至五块七毛八", "money", D("5.6"), D("5.78"), "CNY")]),
    ("一元至五元七角", [rng("一元至五元七角", "money", D(1), D("5.7"), "CNY")]),
    ("5元至6元5角", [rng("5元至6元5角", "money", D(5), D("6.5"), "CNY")]),
    # --- a price per one after 块: 两块一斤 is 2 yuan a jin (一斤 = one jin), 三块五一斤 3.5 yuan a jin
    ("白菜两块一斤", [exact("两块", "money", D(2), "CNY")]),
    ("三块五一斤", [exact("三块五", "money", D("3.5"), "CNY")]),
    ("十块一个", [exact("十块", "money", D(10), "CNY")]),
    ("两块一毛", [exact("两块一毛", "money", D("2.1"), "CNY")]),  # 一毛 is the tenth: 2.1
    ("两块一。", [exact("两块一", "money", D("2.1"), "CNY")]),  # nothing counted after 一: the tenth
    # --- the Cantonese dollar 蚊 as 块, its 毫 as 毛: 5 + 0.6; 3 + 0.04; 兩三 is two or three
    ("五蚊六毫至五蚊七毫八", [rng("五蚊六毫至五蚊七毫八", "money", D("5.6"), D("5.78"), "CNY")]),
    ("賣三蚊零四。", [exact("三蚊零四", "money", D("3.04"), "CNY")]),
    ("兩三蚊", [rng("兩三蚊", "money", D(2), D(3), "CNY")]),
    ("一百蚊一份", [exact("一百蚊", "money", D(100), "CNY")]),
    # --- "and" after a scale opens a whole group: 2000 + 500 (was 2005, the five read as ones)
    ("two thousand and five hundred dollars",
     [exact("two thousand and five hundred dollars", "money", D(2500), "USD")]),
    ("two million and five hundred thousand", [exact("two million and five hundred thousand", "count",
                                                     D(2_500_000), "count")]),
    ("two thousand and five", [exact("two thousand and five", "count", D(2005), "count")]),  # as before
    # --- a half after a scale is half of that scale: 3 x 10^6 + 10^6 / 2 (was 3,000,000.5)
    ("three million and a half", [exact("three million and a half", "count", D(3_500_000), "count")]),
    ("a million and a half dollars", [exact("a million and a half dollars", "money", D(1_500_000), "USD")]),
    # --- digits before an ordinal: a fraction as "three fifths" is; 3/4, 3/100, 3/5 of 1%
    ("3 fourths", [exact("3 fourths", "percent", D("0.75"), "ratio")]),
    ("it is 7 hundredths", [exact("7 hundredths", "percent", D("0.07"), "ratio")]),
    ("3 fifths of a percent", [exact("3 fifths of a percent", "percent", D("0.006"), "ratio")]),
    ("a 5-eighths share", [exact("5-eighths", "percent", D("0.625"), "ratio")]),
    # --- "and" then a slash fraction: a mixed number, 5 + 3/4
    ("5 and 3/4", [exact("5 and 3/4", "count", D("5.75"), "count")]),
    ("5 and 3/4 percent", [exact("5 and 3/4 percent", "percent", D("0.0575"), "ratio")]),
    ("$5 and 3/4 million", [exact("$5 and 3/4 million", "money", D(5_750_000), "USD")]),
    ("two and 3/5", [exact("two and 3/5", "count", D("2.6"), "count")]),
    # --- after a currency sign, thousands grouped by dots (two groups or more: no decimal has two points)
    ("a prize of $1.000.000", [exact("$1.000.000", "money", D(1_000_000), "USD")]),
    ("€2.500.000,50 in cash", [exact("€2.500.000,50", "money", D("2500000.50"), "EUR")]),  # a decimal comma
    ("USD 1.000.000.000", [exact("USD 1.000.000.000", "money", D(10**9), "USD")]),
    # --- the Indian compound scale: a lakh of crores is 10^5 x 10^7 = 10^12 (was 2.5 lakh = 250,000)
    ("a package of 2.5 lakh crore", [exact("2.5 lakh crore", "count", D("2.5") * 10**12, "count")]),
    ("two lakh crores", [exact("two lakh crores", "count", D(2 * 10**12), "count")]),
    ("5 thousand crore", [exact("5 thousand crore", "count", D(5 * 10**10), "count")]),  # 5 x 10^3 x 10^7
    # --- MM after an amount with a currency sign: a thousand thousand (was $5)
    ("raised $5MM in seed funding", [exact("$5MM", "money", D(5_000_000), "USD")]),
    ("a $ 2.5 mm loan", [exact("$ 2.5 mm", "money", D(2_500_000), "USD")]),
    ("US$ 10MM", [exact("US$ 10MM", "money", D(10_000_000), "USD")]),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_form(text, want):
    assert_form(text, want)


# --------------------------------------------------------------------------- what stays as it was


@pytest.mark.parametrize(("text", "want"), [
    # a year, then a share: no mixed number of 2019
    ("in 2019 and a third of firms", [("a third", "percent", D("0.333333333333"), D("0.333333333333"),
                                       D("0.333333333333"), "ratio", "exact")]),
    # a range, not a mixed number
    ("between 2 and 3 percent", [rng("2 and 3 percent", "percent", D("0.02"), D("0.03"), "ratio")]),
    ("rock-and-a-half", [("a-half", "percent", D("0.5"), D("0.5"), D("0.5"), "ratio", "exact")]),  # as before
    ("三块屏幕", []),  # three screens
    ("切成三块到锅里", []),  # cut in three pieces: 到 and no amount of money after it
    ("十蚊雞", []),  # cheap stuff: 蚊 before a Chinese character, as 块
    ("五毫米", []),  # millimetres: 毫 alone is no money
    ("三蚊子", []),  # mosquitoes
    ("人均三万元零五年", [exact("三万元", "money", D(30000), "CNY"), exact("零五年", "duration", D(5), "year")]),
    ("5 percent. Points", [exact("5 percent", "percent", D("0.05"), "ratio")]),
    ("two thousand and counting", [exact("two thousand", "count", D(2000), "count")]),  # no group after "and"
    ("3 quarters of growth", [exact("3", "count", D(3), "count")]),  # quarters are periods too
    ("the 1 fifth straight loss", [exact("1", "count", D(1), "count")]),  # an ordinal before a noun
    ("3 seconds", [exact("3", "count", D(3), "count")]),  # a time
    ("2019 fifths", [exact("2019", "count", D(2019), "count")]),  # no year is a numerator
    # between two ends: no mixed number ("between 1 and 3/4" is no 1.75)
    ("between 1 and 3/4", [exact("1", "count", D(1), "count"), exact("3/4", "percent", D("0.75"), "ratio")]),
    ("$1.000", [exact("$1.000", "money", D(1), "USD")]),
    ("5 lakh people", [exact("5 lakh", "count", D(500_000), "count")]),  # no crore after it
    ("a 5 mm bolt", [exact("5", "count", D(5), "count")]),  # millimetres: no sign, no million
    ("35mm film", []),  # one group: a decimal, as before
    ("version 1.2.3", []),
    ("in 3 and 4/5/2020", [exact("3", "count", D(3), "count"), exact("4", "count", D(4), "count"),
                           exact("5", "count", D(5), "count"), exact("2020", "count", D(2020), "count")]),
])
def test_what_stays(text, want):
    assert rows(text) == want


# --------------------------------------------------------------------------- properties

_FRACTIONS = [("a half", 1, 2), ("a quarter", 1, 4), ("a third", 1, 3), ("three quarters", 3, 4),
              ("two thirds", 2, 3), ("one-half", 1, 2), ("one-quarter", 1, 4)]
_UNITS = [("", "count", "count", 1), (" percent", "percent", "ratio", D("0.01")),
          (" million dollars", "money", "USD", M), (" billion", "count", "count", D(10) ** 9),
          (" million euros", "money", "EUR", M)]


def _third(x: D) -> D:
    # the ledger writes a third to 12 places (0.333333333333), a number to 12 places after scaling
    return x.quantize(D(10) ** -12) if x != x.quantize(D(10) ** -6) else x


@oracle
@given(st.integers(min_value=1, max_value=999), st.sampled_from(_FRACTIONS), st.sampled_from(_UNITS))
def test_digits_and_a_fraction(n, frac, unit):
    # Python writes n; "n and k/d" is n + k/d of the unit after it
    words, k, d = frac
    surface = f"{n} and {words}{unit[0]}"
    m = one(f"they reported {surface} last year")
    want = (D(n) + D(k) / D(d)) * unit[3]
    assert (m.surface, m.kind, m.unit) == (surface, unit[1], unit[2])
    assert abs(m.value - want) <= abs(want) * D("1e-9")


@oracle
@given(st.integers(min_value=1, max_value=99), st.sampled_from([("", 1), (" million", M), (" billion", D(10) ** 9)]))
def test_hyphenated_and_a_half(n, scale):
    # num2words writes n below a hundred ("twenty-one"); n-and-a-half is n + 0.5
    surface = f"{num2words(n)}-and-a-half{scale[0]}"
    m = one(f"they sold {surface} units")
    assert (m.surface, m.kind, m.value) == (surface, "count", (D(n) + D("0.5")) * scale[1])


@oracle
@given(st.integers(min_value=2, max_value=999), st.sampled_from(["dozen", "dozens"]))
def test_dozens_after_words(n, word):
    # num2words writes n below a thousand; n dozen is 12 n
    surface = f"{num2words(n)} {word}"
    m = one(f"they shipped {surface} of them")
    assert (m.surface, m.kind, m.value) == (surface, "count", 12 * D(n))


@oracle
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=9),
       st.sampled_from(["块", "元", "蚊"]), st.booleans())
def test_yuan_zero_fen(n, fen, word, with_fen_word):
    # cn2an writes n in Chinese lower case; 零 then one digit after the yuan word is that many fen
    surface = f"{cn2an.an2cn(n)}{word}零{cn2an.an2cn(fen)}{'分' if with_fen_word else ''}"
    m = one(f"售价{surface}。")
    assert (m.surface, m.kind, m.unit, m.value) == (surface, "money", "CNY", D(n) + D(fen) / 100)


@oracle
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9),
       st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=9),
       st.sampled_from([("元", "角", "分"), ("块", "毛", ""), ("蚊", "毫", "")]), st.sampled_from(["至", "到"]))
def test_money_range_with_subunits(y1, j1, dy, j2, f2, words, sep):
    # cn2an writes the numbers; a yuan word, 角 / 毛 / 毫 tenths and 分 (or a last digit) hundredths, both ends
    yuan, tenth, fen = words
    y2 = y1 + dy
    first = f"{cn2an.an2cn(y1)}{yuan}" + (f"{cn2an.an2cn(j1)}{tenth}" if j1 else "")
    second = f"{cn2an.an2cn(y2)}{yuan}{cn2an.an2cn(j2)}{tenth}" + (f"{cn2an.an2cn(f2)}{fen}" if f2 else "")
    surface = first + sep + second
    m = one(f"每股{surface}。")
    lo, hi = D(y1) + D(j1) / 10, D(y2) + D(j2) / 10 + D(f2) / 100
    assert (m.surface, m.kind, m.unit, m.low, m.high) == (surface, "money", "CNY", lo, hi)


@oracle
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["斤", "个", "份", "杯", "张", "次"]),
       st.one_of(st.none(), st.integers(min_value=1, max_value=9)), st.sampled_from(["块", "蚊"]))
def test_price_per_one(n, measure, tenth, word):
    # cn2an writes n (and the tenth); 一 then a measure word after it is "per one": no tenth of 1
    head = f"{cn2an.an2cn(n)}{word}" + (cn2an.an2cn(tenth) if tenth else "")
    m = one(f"卖{head}一{measure}")
    assert (m.surface, m.kind, m.unit, m.value) == (head, "money", "CNY", D(n) + (D(tenth) / 10 if tenth else 0))


@oracle
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999),
       st.sampled_from([("", "count", "count", 1), (" dollars", "money", "USD", 1)]))
def test_scale_and_a_group(a, b, unit):
    # num2words writes a and b below a thousand; "a thousand and b" is 1000 a + b
    surface = f"{num2words(a)} thousand and {num2words(b)}{unit[0]}"
    m = one(f"they paid {surface} in total")
    assert (m.surface, m.kind, m.unit, m.value) == (surface, unit[1], unit[2], D(1000 * a + b))


@oracle
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=3, max_value=10), st.data())
def test_digits_before_an_ordinal(k, den, data):
    # Python writes k; num2words writes the ordinal of den (third .. tenth), plural after k > 1
    ordinal = num2words(den, to="ordinal")
    surface = f"{k} {ordinal}{'s' if k > 1 else ''}"
    m = one(f"the group holds {surface} of it")
    assert (m.surface, m.kind) == (surface, "percent")
    assert abs(m.value - D(k) / D(den)) <= D("1e-12")


@oracle
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=2, max_value=99), st.data(),
       st.booleans())
def test_and_a_slash_fraction(whole, den, data, words):
    # Python writes n/den (proper) and the whole part (num2words in words): whole + n/den
    n = data.draw(st.integers(min_value=1, max_value=den - 1))
    lead = num2words(whole) if words else str(whole)
    surface = f"{lead} and {n}/{den}"
    m = one(f"it measured {surface} in all")
    assert (m.surface, m.kind) == (surface, "count")
    assert abs(m.value - (D(whole) + D(n) / D(den))) <= D("1e-9")


@oracle
@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from([("$", "USD"), ("€", "EUR"), ("£", "GBP")]))
def test_dot_grouped_after_a_sign(n, sign):
    # Python groups n by commas; written with dots instead after a sign, it is n (two groups or more)
    grouped = f"{n:,}".replace(",", ".")
    if grouped.count(".") < 2:
        grouped = f"{n * 1000:,}".replace(",", ".")
        n *= 1000
    surface = f"{sign[0]}{grouped}"
    m = one(f"a prize of {surface} was paid")
    assert (m.surface, m.kind, m.unit, m.value) == (surface, "money", sign[1], D(n))


@oracle
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9),
       st.sampled_from([("lakh", 10**5), ("lac", 10**5), ("thousand", 10**3)]),
       st.sampled_from([("crore", 10**7), ("crores", 10**7)]), st.booleans())
def test_indian_compound_scale(n, tenth, small, big, words):
    # Python (or num2words for a whole n) writes the number; "n lakh crore" is n x 10^5 x 10^7
    lead = num2words(n) if words else (f"{n}.{tenth}" if tenth else str(n))
    value = D(n) if words else D(f"{n}.{tenth}")
    surface = f"{lead} {small[0]} {big[0]}"
    m = one(f"an outlay of {surface} was announced")
    assert (m.surface, m.kind, m.value) == (surface, "count", value * small[1] * big[1])

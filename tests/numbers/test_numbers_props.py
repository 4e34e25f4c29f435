"""Properties of find_mentions: random amounts written as Chinese numerals,
mixed forms and English parse back exactly; arbitrary text never raises and
every mention's offsets point into the original."""
from __future__ import annotations

from decimal import Decimal as D
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from ledger.numbers import find_mentions
from ledger.numbers.numerals import chinese, to_chinese
from ledger.record import KINDS, QUALIFIERS
from ledger.units import LEDGER_UNITS

YI, WAN = D(10) ** 8, D(10) ** 4


def one_amount(text: str):
    found = [m for m in find_mentions(text) if m.kind != "date"]
    assert len(found) == 1, [(m.surface, m.kind, m.value) for m in found]
    return found[0]


@given(st.integers(min_value=1, max_value=10**15), st.booleans())
def test_chinese_numerals_round_trip(n, financial):
    # 一万四千亿元, 壹万肆仟亿元 ...: the whole numeral, exactly n yuan
    text = "营收" + to_chinese(n, financial=financial) + "元"
    m = one_amount(text)
    assert (m.kind, m.unit, m.value, m.low, m.high, m.qualifier) == ("money", "CNY", n, n, n, "exact")


@given(st.integers(min_value=0, max_value=10**16))
def test_numeral_parser_round_trip(n):
    assert chinese(to_chinese(n)) == n


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1000, max_value=9999))
def test_mixed_wan_form(a, b):
    # "3万4000美元" = a x 10^4 + b
    m = one_amount(f"合计{a}万{b}美元")
    assert m.value == a * WAN + b and m.unit == "USD"


@given(st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2), st.sampled_from(["亿", "億", "万亿", "萬億"]))
def test_decimal_with_magnitude_is_exact(x, mag):
    # 16.4亿 is exactly 1640000000: Decimal arithmetic, no float rounding
    factor = YI * (WAN if len(mag) == 2 else 1)
    m = one_amount(f"投资{x}{mag}美元")
    assert m.value == x * factor and m.low == m.value == m.high


@given(st.decimals(min_value=D("0.1"), max_value=D("999.9"), places=1),
       st.sampled_from([("billion", 10**9), ("million", 10**6), ("trillion", 10**12), ("bn", 10**9), ("B", 10**9)]))
def test_english_amounts(x, mag):
    word, mult = mag
    sep = " " if len(word) > 2 else ""
    m = one_amount(f"it raised ${x}{sep}{word} last")
    assert (m.kind, m.unit, m.value) == ("money", "USD", x * mult)


@given(st.integers(min_value=1, max_value=99))
def test_percent_in_words(n):
    m = one_amount("占百分之" + to_chinese(n))
    assert m.value == D(n) / 100 and m.kind == "percent"


@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_offsets_hold(text):
    for m in find_mentions(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
        assert m.kind in KINDS and m.unit in LEDGER_UNITS and m.qualifier in QUALIFIERS
        if m.kind != "date":
            assert m.low is None or m.low <= m.value
            assert m.high is None or m.value <= m.high


_PIECES = st.sampled_from(
    ["约", "超过", "1.4", "萬(wàn)", "億", "美元", "数", "百", "亿", "%", "至", "30", "两", "千", "零", "五",
     "年", "月", "底", "去年", "上周", "倍", "多", "$", "13", "billion", " ", "\u00a0", "<b>", "</b>", "&nbsp;",
     "，", "GPT-", "4", "第", "成", "个百分点", "-", "~", "１２", "左右", "以上", "数十", "上百亿"]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_number_like_soup_never_raises_and_offsets_hold(text):
    found = find_mentions(text, published="2025-05-05")
    for prev, m in pairwise(found):
        assert prev.end <= m.start  # sorted and never overlapping
    for m in found:
        assert text[m.start : m.end] == m.surface
        if m.kind != "date":
            assert m.low is None or m.high is None or m.low <= m.high

"""Round 11 of issue 11: families from the dev half of a third suite, JioNLP's money tests.

Source: the dev half of JioNLP's ``test_money_parser.py`` / ``test_money_extractor.py``
(converted by ``bench/jionlp_specs.py``), never its test half.  Its dev misses were four
families read wrong or not at all:

- a doubled dash between a range's ends (1万元--5万元, 2——3万港币: two amounts, or a count 2 and
  3万 HKD);
- the inclusive mark (含) after a range's first end (1万(含)-5万元 was the count 1万 and
  **-5万** yuan, a wrong sign) and before a hedge word (50万元(含)以上);
- a full-width comma grouping the thousands of a decimal number (82，225.00元 was the count 82
  and 225 yuan);
- 个 between a numeral and 亿 (两个亿 was the count 2; 7.17 个亿 in an article of this
  repository's own corpus was the count 7.17, its ledger row says 717,000,000).

Each value is argued from the text in the comment beside it, or rendered by ``cn2an`` or Python's
formatting (oracles independent of the finder) -- never copied from the finder's output.  The
property tests run NUMBERS_ORACLE_EXAMPLES examples each."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.numbers.test_numbers_forms import assert_form, exact, rows
from tests.numbers.test_numbers_oracles import one, oracle

cn2an = pytest.importorskip("cn2an")

WAN = D(10) ** 4
YI = D(10) ** 8


def rng(surface, kind, lo, hi, unit):
    return (surface, kind, (lo + hi) / 2, lo, hi, unit, "range")


CASES = [
    # --- a doubled hyphen or the Chinese dash —— between the ends: one range, as with one dash
    # 1万 = 10,000 and 5万 = 50,000 yuan
    ("报销1万元--5万元", [rng("1万元--5万元", "money", 1 * WAN, 5 * WAN, "CNY")]),
    ("报销1万元——5万元", [rng("1万元——5万元", "money", 1 * WAN, 5 * WAN, "CNY")]),
    # the magnitude and currency written once are both ends': [2万, 3万] Hong Kong dollars
    ("月薪2——3万港币", [rng("2——3万港币", "money", 2 * WAN, 3 * WAN, "HKD")]),
    ("月薪两——三万港元", [rng("两——三万港元", "money", 2 * WAN, 3 * WAN, "HKD")]),
    ("增速3--5%", [rng("3--5%", "percent", D("0.03"), D("0.05"), "ratio")]),
    # --- (含): the bound is inside the interval; it joins nothing else
    # 1万 (inclusive) to 5万 yuan: a range, and no negative amount -5万
    ("报账金额在1万(含)-5万元之间", [rng("1万(含)-5万元", "money", 1 * WAN, 5 * WAN, "CNY")]),
    ("报账金额在1万（含）-5万元之间", [rng("1万（含）-5万元", "money", 1 * WAN, 5 * WAN, "CNY")]),
    ("一万（含）至五万元", [rng("一万（含）至五万元", "money", 1 * WAN, 5 * WAN, "CNY")]),
    ("1万元(含)至5万元", [rng("1万元(含)至5万元", "money", 1 * WAN, 5 * WAN, "CNY")]),
    # 一百万元 = 1,000,000 yuan, (含)以上: at least that, the bound included
    ("标的额一百万元（含）以上", [("一百万元（含）以上", "money", 100 * WAN, 100 * WAN, None, "CNY", "at_least")]),
    # --- a full-width comma grouping the thousands of a decimal number: 82,225.00 = 82225
    ("金额82，225.00元", [exact("82，225.00元", "money", D(82225), "CNY")]),
    # half- and full-width commas mixed: 233,333,333,434.344
    ("合计233,333，333,434.344元", [exact("233,333，333,434.344元", "money", D("233333333434.344"), "CNY")]),
    ("收入1，234，567.89元，增长5%", [exact("1，234，567.89元", "money", D("1234567.89"), "CNY"),
                                  exact("5%", "percent", D("0.05"), "ratio")]),
    # --- 个 before 亿 is spoken, not counted: 两个亿 = 2 x 10^8
    ("投资两个亿", [exact("两个亿", "count", 2 * YI, "count")]),
    ("花了三个亿元", [exact("三个亿元", "money", 3 * YI, "CNY")]),
    ("融资两个亿美元", [exact("两个亿美元", "money", 2 * YI, "USD")]),
    # 7.17 x 10^8 = 717,000,000 (a space before 个 is layout), 48 x 10^8
    ("二季度营收 7.17 个亿,经调整净利润 9130 万。", [exact("7.17 个亿", "count", D("7.17") * YI, "count"),
                                              exact("9130 万", "count", 9130 * WAN, "count")]),
    ("账上还躺着 48 个亿,还顺手回购", [exact("48 个亿", "count", 48 * YI, "count")]),
    # 几 before a magnitude: [2, 9] x 10^8, as 几亿; 十几亿 = [10, 20] x 10^8
    ("亏了好几个亿", [("几个亿", "count", D("5.5") * YI, 2 * YI, 9 * YI, "count", "several")]),
    ("十几个亿的项目", [("十几个亿", "count", 15 * YI, 10 * YI, 20 * YI, "count", "several")]),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_form(text, want):
    assert_form(text, want)


# --------------------------------------------------------------------------- what stays as it was


@pytest.mark.parametrize(("text", "want"), [
    # a full-width comma without a decimal part is a clause comma: two numbers
    ("增长了100，300家", [exact("100", "count", D(100), "count"), exact("300", "count", D(300), "count")]),
    ("82，225元", [exact("82", "count", D(82), "count"), exact("225元", "money", D(225), "CNY")]),
    # a doubled dash between two bare numbers: no range (a hyphen alone is none either)
    ("100--200", [exact("100", "count", D(100), "count"), exact("200", "count", D(200), "count")]),
    # the Chinese dash after an amount, then words: an aside, the amount alone
    ("营收20亿元——同比增长", [exact("20亿元", "money", 20 * YI, "CNY")]),
    # 亿万富翁 (billionaire) is a word: 两个 counts two of them
    ("两个亿万富翁", [exact("两个", "count", D(2), "count")]),
    ("两个人", [exact("两个", "count", D(2), "count")]),
    ("几个月", [("几个月", "duration", D("5.5"), D(2), D(9), "month", "several")]),
    # a minus after a bracket that is no inclusive mark stays a sign
    ("亏损(-5万元)", [exact("-5万元", "money", -5 * WAN, "CNY")]),
])
def test_what_stays(text, want):
    assert rows(text) == want


# --------------------------------------------------------------------------- properties

_DASHES = ["--", "——", "-", "—", "~", "至", "到"]
_CURRENCIES = [("元", "CNY"), ("港元", "HKD"), ("美元", "USD")]


@oracle
@given(st.integers(1, 5000), st.integers(1, 4999), st.sampled_from(_DASHES), st.booleans(),
       st.sampled_from(["(含)", "（含）", ""]))
def test_range_of_wan(a, d, dash, chinese, mark):
    """A万{mark}{dash}B万元 with any dash, the ends (below 10^4) Arabic or rendered by cn2an: [a, b] x 10^4 yuan."""
    b = a + d
    lo, hi = (cn2an.an2cn(str(a), "low"), cn2an.an2cn(str(b), "low")) if chinese else (str(a), str(b))
    surface = f"{lo}万{mark}{dash}{hi}万元"
    m = one(f"报销金额{surface}之间")
    assert (m.surface, m.kind, m.unit, m.qualifier) == (surface, "money", "CNY", "range")
    assert (m.low, m.high) == (a * WAN, b * WAN)


@oracle
@given(st.integers(1000, 10**15), st.integers(0, 99), st.sampled_from(_CURRENCIES), st.booleans())
def test_fullwidth_grouped_decimal(n, cents, cur, mixed):
    """Python's thousands grouping, each comma (or every other one) made full-width, with two
    decimals: the number is read whole, in its currency."""
    word, code = cur
    grouped = f"{n:,}"
    parts = grouped.split(",")
    text_num = parts[0] + "".join((("," if mixed and k % 2 else "，") + p) for k, p in enumerate(parts[1:]))
    surface = f"{text_num}.{cents:02d}{word}"
    m = one(f"合计{surface}。")
    assert (m.surface, m.kind, m.unit) == (surface, "money", code)
    assert m.value == D(n) + D(cents) / 100


@oracle
@given(st.integers(1, 9999), st.booleans(), st.sampled_from(["", " "]), st.sampled_from(["", "元", "美元"]))
def test_measure_before_yi(n, chinese, space, unit):
    """N个亿 = N x 10^8, N in Arabic digits or rendered by cn2an (两 for 2, as spoken)."""
    num = (cn2an.an2cn(str(n), "low") if chinese else str(n))
    if chinese and n == 2:
        num = "两"
    surface = f"{num}{space}个亿{unit}"
    m = one(f"公司投资{surface},用于扩产")
    kind, code = ("count", "count") if not unit else ("money", "CNY" if unit == "元" else "USD")
    assert (m.surface, m.kind, m.unit, m.value) == (surface, kind, code, n * YI)

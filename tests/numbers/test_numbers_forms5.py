"""Families of forms a fifth pass reads (not cases copied from the third-party suites), grouped
by cause: 多/余 after a numeral with no unit (300多人 was exactly 300), Chinese comparatives
(大于二十, 比三十大) and a lower bound joined to an upper one (大于20且小于30), ranges of shares
(百分之三十到四十) and 三成多, the long scale ("three thousand million" was 3000), ranges with a
magnitude written once ("3-5 million people" was 3), a currency repeated in a range ("between USD 5
and USD 6"), a glued lower-case prefix ("us$5"), fractions of a scale or a percent ("three
quarters of a million dollars", "half a percent"), "several billion", "a total of 1900 people"
(was the year 1900) and percent units (5pc, 50bp, basis-point, percentage-points).

Each value is argued from the text in the comment beside it, or rendered by an independent oracle
(num2words, cn2an, Python's formatting) and checked by arithmetic -- never copied from the
finder's output.  The property tests run NUMBERS_ORACLE_EXAMPLES examples each."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.numbers.test_numbers_forms import assert_form, exact, rows
from tests.numbers.test_numbers_oracles import one, oracle

num2words = pytest.importorskip("num2words").num2words
cn2an = pytest.importorskip("cn2an")

SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _rng(surface, kind, lo, hi, unit, q="range"):
    return (surface, kind, (lo + hi) / 2, lo, hi, unit, q)


def _odd(surface, kind, lo, hi, unit):
    """X多: [X, X + the place of X's last non-zero digit]."""
    return (surface, kind, lo, lo, hi, unit, "over")


def _bound(surface, kind, v, lo, hi, unit, q):
    return (surface, kind, v, lo, hi, unit, q)


def _place(n: int) -> int:
    """The place of the last non-zero digit of n > 0, counted by hand: 300 -> 100, 350 -> 10."""
    p = 1
    while n % (p * 10) == 0:
        p *= 10
    return p


def _twelve(x: D) -> D:
    """A quotient as the ledger writes it: exact when it ends, else to 12 places."""
    return x if x == x.quantize(D("1e-12")) else x.quantize(D("1e-12"))


CASES = [
    # --- 多/余 after a numeral with no unit: "and some" in the place below the last digit
    ("奇瑞汽车已销往100多个国家", [_odd("100多", "count", D(100), D(200), "count")]),  # 100-odd: [100, 200)
    ("办公室已扩展到250多人", [_odd("250多", "count", D(250), D(260), "count")]),  # 250-odd: [250, 260)
    ("有三百多人参加", [_odd("三百多", "count", D(300), D(400), "count")]),  # 三百 = 300
    ("有三百五十多人参加", [_odd("三百五十多", "count", D(350), D(360), "count")]),
    ("在三百多个国家", [_odd("三百多个", "count", D(300), D(400), "count")]),  # 个 is the classifier
    ("十余家企业", [_odd("十余", "count", D(10), D(20), "count")]),  # 十余 = [10, 20)
    # a last digit that is not 0: "35多" is no form of "and some"; the number stays 35
    ("35多人", [exact("35", "count", D(35), "count")]),
    # --- a Chinese hedge before a composed Chinese numeral makes it a quantity, as 五百以上 did
    ("大于二十", [_bound("大于二十", "count", D(20), D(20), None, "count", "over")]),
    ("至少二十", [_bound("至少二十", "count", D(20), D(20), None, "count", "at_least")]),
    ("不超过三十", [_bound("不超过三十", "count", D(30), None, D(30), "count", "up_to")]),
    # 比X大 / 比X小: more / less than X
    ("比二十大", [_bound("比二十大", "count", D(20), D(20), None, "count", "over")]),
    ("他的年龄比三十大一些", [_bound("比三十大", "count", D(30), D(30), None, "count", "over")]),
    ("比20小", [_bound("比20小", "count", D(20), None, D(20), "count", "under")]),
    # a change from 20% (高出 goes on): 20% is the reference, no bound
    ("比20%高出5个百分点", [exact("20%", "percent", D("0.2"), "ratio"),
                        exact("5个百分点", "percentage_point", D(5), "percentage_point")]),
    # --- a lower bound and an upper bound of one quantity: one range
    ("这个数字大于二十的同时小于等于三十五", [_rng("大于二十的同时小于等于三十五", "count", D(20), D(35), "count")]),
    ("大于20且小于30", [_rng("大于20且小于30", "count", D(20), D(30), "count")]),
    ("20以上30以下", [_rng("20以上30以下", "count", D(20), D(30), "count")]),
    ("数字比四分之一大， 比二分之一小", [_rng("比四分之一大， 比二分之一小", "percent", D("0.25"), D("0.5"), "ratio")]),
    ("more than 5% and less than 10%", [_rng("more than 5% and less than 10%", "percent", D("0.05"), D("0.1"),
                                            "ratio")]),
    ("超过100亿元，不到200亿元", [_rng("超过100亿元，不到200亿元", "money", D(10**10), D(2 * 10**10), "CNY")]),
    # two quantities: a word of its own between them (y, 利润), so two bounds
    ("x大于10且y小于20", [_bound("大于10", "count", D(10), D(10), None, "count", "over"),
                        _bound("小于20", "count", D(20), None, D(20), "count", "under")]),
    ("营收超过100亿元，利润不到20亿元", [_bound("超过100亿元", "money", D(10**10), D(10**10), None, "CNY", "over"),
                                _bound("不到20亿元", "money", D(2 * 10**9), None, D(2 * 10**9), "CNY", "under")]),
    # --- shares: a range of 百分之, 三成多
    ("百分之三十到四十", [_rng("百分之三十到四十", "percent", D("0.3"), D("0.4"), "ratio")]),
    ("百分之三十至百分之四十", [_rng("百分之三十至百分之四十", "percent", D("0.3"), D("0.4"), "ratio")]),
    ("三分之一到三分之二", [_rng("三分之一到三分之二", "percent", D("0.333333333333"), D("0.666666666667"), "ratio")]),
    # 到四十万: the second is another amount (it has a magnitude), no share
    ("百分之三十到四十万", [exact("百分之三十", "percent", D("0.3"), "ratio"),
                    exact("四十万", "count", D(400000), "count")]),
    ("三成多的企业", [_odd("三成多", "percent", D("0.3"), D("0.4"), "ratio")]),  # [3, 4) tenths
    # --- the long scale: thousand million = 10^9
    ("three thousand million dollars", [exact("three thousand million dollars", "money", D(3 * 10**9), "USD")]),
    ("3 thousand million dollars", [exact("3 thousand million dollars", "money", D(3 * 10**9), "USD")]),
    ("a thousand million", [exact("a thousand million", "count", D(10**9), "count")]),
    # 3000 homes of a million dollars each: the scale belongs to the compound
    ("three thousand million-dollar homes", [exact("three thousand", "count", D(3000), "count"),
                                             ("million-dollar", "money", D(10**6), D(10**6), D(10**7), "USD",
                                              "approx_range")]),
    # --- a range with its magnitude written once: 3 x 10^6 to 5 x 10^6
    ("3-5 million people", [_rng("3-5 million", "count", D(3 * 10**6), D(5 * 10**6), "count")]),
    ("3-5 hundred people", [_rng("3-5 hundred", "count", D(300), D(500), "count")]),
    ("between 5 and 6 hundred people", [_rng("5 and 6 hundred", "count", D(500), D(600), "count")]),
    # --- the currency repeated in a range; two currencies are two amounts
    ("between USD 5 and USD 6", [_rng("USD 5 and USD 6", "money", D(5), D(6), "USD")]),
    ("between $5 and €6", [exact("$5", "money", D(5), "USD"), exact("€6", "money", D(6), "EUR")]),
    # --- a lower-case prefix glued to $
    ("us$ 5", [exact("us$ 5", "money", D(5), "USD")]),
    ("paid us$5 million", [exact("us$5 million", "money", D(5 * 10**6), "USD")]),
    ("hk$200", [exact("hk$200", "money", D(200), "HKD")]),
    # --- fractions of a scale or a percent
    ("three-quarters of a million dollars", [exact("three-quarters of a million dollars", "money", D(750000), "USD")]),
    ("a quarter of a percentage point", [exact("a quarter of a percentage point", "percentage_point", D("0.25"),
                                               "percentage_point")]),
    ("half a percent", [exact("half a percent", "percent", D("0.005"), "ratio")]),  # 0.5% = 0.005
    ("half a percentage point", [exact("half a percentage point", "percentage_point", D("0.5"),
                                       "percentage_point")]),
    ("seven tenths of a percent", [exact("seven tenths of a percent", "percent", D("0.007"), "ratio")]),
    ("a fifth of a percent", [exact("a fifth of a percent", "percent", D("0.002"), "ratio")]),
    ("2 1/2 million dollars", [exact("2 1/2 million dollars", "money", D(2500000), "USD")]),
    ("3/4 of a percent", [exact("3/4 of a percent", "percent", D("0.0075"), "ratio")]),
    # a share of a thing stays a share
    ("two thirds of the shares", [exact("two thirds", "percent", D("0.666666666667"), "ratio")]),
    # --- several / a few before a scale: [2, 9] times it, as 数十亿
    ("several billion dollars", [("several billion dollars", "money", D(55 * 10**8), D(2 * 10**9), D(9 * 10**9),
                                  "USD", "several")]),
    ("a few million dollars", [("a few million dollars", "money", D(5500000), D(2 * 10**6), D(9 * 10**6), "USD",
                                "several")]),
    ("several hundred thousand people", [("several hundred thousand", "count", D(550000), D(200000), D(900000),
                                          "count", "several")]),
    # --- "of 1900" after a quantity word counts; after a season it is a year
    ("a total of 1900 people attended", [exact("1900", "count", D(1900), "count")]),
    ("a maximum of 2000 units", [exact("2000", "count", D(2000), "count")]),
    # --- percent units
    ("rose 5pc", [exact("5pc", "percent", D("0.05"), "ratio")]),
    ("cut by 50bp", [exact("50bp", "percentage_point", D("0.5"), "percentage_point")]),  # 50 x 0.01 points
    ("a 25 basis-point cut", [exact("25 basis-point", "percentage_point", D("0.25"), "percentage_point")]),
    ("5 percentage-points", [exact("5 percentage-points", "percentage_point", D(5), "percentage_point")]),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_form(text, want):
    assert_form(text, want)


@pytest.mark.parametrize("text", [
    "从十到二十",  # 到 alone is no hedge: no quantity from a two-character numeral
    "several companies",  # no scale word
    "a few",
    "10 pcs",  # pieces, not per cent
    "BP rose",
])
def test_no_new_amount(text):
    assert [r for r in rows(text) if r[1] != "count" or r[2] != D(10)] == []


def test_a_season_of_a_year_stays_a_date():
    from ledger.numbers.finder import find_mentions
    assert [(m.surface, m.kind) for m in find_mentions("the summer of 1900")] == [("1900", "date")]


# --------------------------------------------------------------------------- properties

#: Whole numbers below 10^4 whose Chinese numeral (cn2an) ends in a unit: 十, 一百, 三百五十, 一千零一十.
ROUND = st.integers(min_value=1, max_value=999).map(lambda n: n * 10)


@oracle
@given(ROUND, st.sampled_from(["多", "余"]), st.booleans())
def test_odd_after_a_numeral_without_unit(n, word, arabic):
    # cn2an writes n; n多人 is [n, n + the place of n's last non-zero digit)
    x = str(n) if arabic else cn2an.an2cn(n, "low")
    assume(x[-1] in "0十百千")
    m = one(f"公司有{x}{word}人参加")
    hi = n + _place(n)
    assert (m.surface, m.kind, m.value, m.low, m.high, m.qualifier) == (f"{x}{word}", "count", n, n, hi, "over")


COMPARED = {"大于": ("over", 1), "至少": ("at_least", 1), "不少于": ("at_least", 1), "小于": ("under", -1),
            "最多": ("up_to", -1), "不超过": ("up_to", -1)}


@oracle
@given(st.integers(min_value=10, max_value=9999), st.sampled_from(sorted(COMPARED)))
def test_chinese_hedge_before_a_composed_numeral(n, word):
    x = cn2an.an2cn(n, "low")
    assume(any(c in x for c in "十百千"))
    q, side = COMPARED[word]
    m = one(f"这个数字{word}{x}")
    bounds = (n, None) if side > 0 else (None, n)
    assert (m.surface, m.kind, m.value, (m.low, m.high), m.qualifier) == (f"{word}{x}", "count", n, bounds, q)


@oracle
@given(st.integers(min_value=10, max_value=9999), st.sampled_from(["大", "小"]))
def test_bi_x_da(n, adjective):
    x = cn2an.an2cn(n, "low")
    assume(any(c in x for c in "十百千"))
    m = one(f"他的年龄比{x}{adjective}一些")
    bounds = (n, None) if adjective == "大" else (None, n)
    assert (m.surface, (m.low, m.high)) == (f"比{x}{adjective}", bounds)


@oracle
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(["且", "的同时", "并且", ""]), st.booleans())
def test_lower_and_upper_bound_join(a, b, joiner, chinese):
    assume(a < b)
    xa, xb = (cn2an.an2cn(a, "low"), cn2an.an2cn(b, "low")) if chinese else (str(a), str(b))
    assume(all(any(c in x for c in "十百千万") for x in (xa, xb)) or not chinese)
    surface = f"大于{xa}{joiner}小于等于{xb}"
    m = one(f"这个数字{surface}")
    assert (m.surface, m.kind, m.low, m.high, m.qualifier) == (surface, "count", a, b, "range")


@oracle
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["", " "]))
def test_thousand_million_is_what_num2words_names_billions(k, digits_space):
    # num2words names k; "k thousand million" is k x 10^3 x 10^6
    for text in (f"{num2words(k)} thousand million", f"{k}{digits_space or ' '}thousand million"):
        m = one(f"The fund raised {text} dollars.")
        assert (m.surface, m.kind, m.unit, m.value) == (f"{text} dollars", "money", "USD", k * 10**9)


@oracle
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999),
       st.sampled_from(["hundred", "thousand", "million", "billion"]), st.sampled_from(["-", " to "]))
def test_range_with_one_magnitude(a, b, scale, sep):
    assume(a < b)
    f = 100 if scale == "hundred" else SCALES[scale]
    m = one(f"It will hire {a}{sep}{b} {scale} people.")
    assert (m.surface, m.kind, m.low, m.high) == (f"{a}{sep}{b} {scale}", "count", a * f, b * f)


@oracle
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9),
       st.sampled_from(["USD", "EUR", "usd", "RMB"]))
def test_between_code_and_code(a, b, code):
    assume(a < b)
    cur = {"usd": "USD", "RMB": "CNY"}.get(code, code)
    surface = f"{code} {a:,} and {code} {b:,}"
    m = one(f"between {surface}")
    assert (m.surface, m.kind, m.unit, m.low, m.high) == (surface, "money", cur, a, b)


@oracle
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=3, max_value=10),
       st.sampled_from(["thousand", "million", "billion", "percent"]))
def test_fraction_of_a_scale_num2words(k, d, scale):
    # num2words names the numerator and, as an ordinal, the denominator
    assume(k < d)
    den = num2words(d, to="ordinal") + ("s" if k > 1 else "")
    text = f"{num2words(k)} {den} of a {scale}"
    if scale == "percent":
        m = one(f"It fell {text}.")
        assert (m.surface, m.kind, m.value) == (text, "percent", _twelve(D(k) / 100 / d))
    else:
        m = one(f"It cost {text} dollars.")
        assert (m.surface, m.kind, m.unit, m.value) == (f"{text} dollars", "money", "USD",
                                                        _twelve(D(k * SCALES[scale]) / d))


@oracle
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=2, max_value=100),
       st.sampled_from(["到", "至"]), st.booleans())
def test_percent_range_cn2an(a, b, sep, repeat):
    assume(a < b)
    xb = ("百分之" if repeat else "") + cn2an.an2cn(b, "low")
    surface = f"百分之{cn2an.an2cn(a, 'low')}{sep}{xb}"
    m = one(f"占比{surface}的股份")
    assert (m.surface, m.kind, m.low, m.high) == (surface, "percent", D(a) / 100, D(b) / 100)


@oracle
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["bp", "bps", " basis points", " basis-point"]))
def test_basis_points(n, unit):
    m = one(f"a {n}{unit} cut")
    assert (m.surface, m.kind, m.value) == (f"{n}{unit}", "percentage_point", D(n) / 100)

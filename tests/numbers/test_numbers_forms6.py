"""Families of forms a sixth pass reads (written by hand, not copied from the third-party suites),
grouped by cause: a Chinese magnitude written once after a range of Arabic numbers (100-200万 was the
count 100), a slash fraction before a unit or after a currency sign ("$2 1/2 million" was $2 and a
count, "1/4 percent" was 25%, "7 3/4%" was 75%).

Each value is argued from the text in the comment beside it, or rendered by an independent oracle
(num2words, cn2an, Python's formatting) and checked by arithmetic -- never copied from the finder's
output.  The property tests run NUMBERS_ORACLE_EXAMPLES examples each."""
from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.numbers.test_numbers_forms import assert_form, exact, rows
from tests.numbers.test_numbers_oracles import one, oracle

num2words = pytest.importorskip("num2words").num2words
cn2an = pytest.importorskip("cn2an")

SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
BIG = {"万": 10**4, "亿": 10**8}


def _rng(surface, kind, lo, hi, unit, q="range"):
    return (surface, kind, (lo + hi) / 2, lo, hi, unit, q)


def _twelve(x: D) -> D:
    """A quotient as the ledger writes it: exact when it ends, else to 12 places."""
    return x if x == x.quantize(D("1e-12")) else x.quantize(D("1e-12"))


CASES = [
    # --- one magnitude after a range of Arabic numbers: 万 scales both ends (as 100-200亿元 did)
    ("预计投资100-200万", [_rng("100-200万", "count", D(100 * 10**4), D(200 * 10**4), "count")]),
    ("用户达100到200万", [_rng("100到200万", "count", D(10**6), D(2 * 10**6), "count")]),
    ("年产3 - 5亿", [_rng("3 - 5亿", "count", D(3 * 10**8), D(5 * 10**8), "count")]),
    ("规模1.5～2万亿", [_rng("1.5～2万亿", "count", D(15 * 10**11), D(2 * 10**12), "count")]),
    # --- two numbers without a unit joined by a Chinese range word, or closed by 之间: a count range
    ("目标为1,000至2,000台", [_rng("1,000至2,000", "count", D(1000), D(2000), "count")]),
    ("在20到30之间", [_rng("20到30之间", "count", D(20), D(30), "count")]),
    ("20~30之间", [_rng("20~30之间", "count", D(20), D(30), "count")]),
    ("人数在二十到三十之间", [_rng("二十到三十之间", "count", D(20), D(30), "count")]),  # 二十 = 20, 三十 = 30
    ("两千到三千", [_rng("两千到三千", "count", D(2000), D(3000), "count")]),
    ("十到二十", [_rng("十到二十", "count", D(10), D(20), "count")]),
    ("2到5千", [_rng("2到5千", "count", D(2000), D(5000), "count")]),  # 千 is both ends' unit
    # --- a slash fraction before a unit is one number of that unit
    # 7 + 3/4 = 7.75 percent = 0.0775
    ("the bonds pay 7 3/4% interest", [exact("7 3/4%", "percent", D("0.0775"), "ratio")]),
    # a quarter of one percent = 0.0025 (was read as 1/4 = 25%)
    ("rates rose 1/4 percent", [exact("1/4 percent", "percent", D("0.0025"), "ratio")]),
    ("a 5 1/2 per cent coupon", [exact("5 1/2 per cent", "percent", D("0.055"), "ratio")]),
    ("it cost 2 1/2 dollars", [exact("2 1/2 dollars", "money", D("2.5"), "USD")]),
    # --- tokenised text spaces the slash: 7 3 / 4 % = 7.75%, $ 34 3 / 8 = 34.375 USD
    ("7 3 / 4 % bonds", [exact("7 3 / 4 %", "percent", D("0.0775"), "ratio")]),
    ("closed at $ 34 3 / 8 .", [exact("$ 34 3 / 8", "money", D("34.375"), "USD")]),
    ("priced at 101 1 / 4 yesterday", [exact("101 1 / 4", "count", D("101.25"), "count")]),
    # --- before a sub-unit: hundredths of the main unit (2.5 cents = 0.025 USD; 1/8 cent was 12.5%)
    ("earned 2 1/2 cents a share", [exact("2 1/2 cents", "money", D("0.025"), "USD")]),
    ("down 1/8 cent", [exact("1/8 cent", "money", D("0.00125"), "USD")]),
    # --- after a currency sign: the sign, the mixed number and its magnitude are one amount
    ("a loan of $2 1/2 million", [exact("$2 1/2 million", "money", D(2_500_000), "USD")]),
    ("a $ 1 3/4 billion deal", [exact("$ 1 3/4 billion", "money", D(1_750_000_000), "USD")]),
    ("raised HK$ 2 1/2 million", [exact("HK$ 2 1/2 million", "money", D(2_500_000), "HKD")]),
    ("€2 1/2 billion", [exact("€2 1/2 billion", "money", D(2_500_000_000), "EUR")]),
    # --- words that count by the group: 打 a dozen (12), 双 / 对 a pair (2); the things are counted
    ("买了一打", [exact("一打", "count", D(12), "count")]),  # one dozen
    ("十打苹果", [exact("十打", "count", D(120), "count")]),  # 10 x 12
    ("十打蘋果", [exact("十打", "count", D(120), "count")]),  # traditional script, same
    ("两双鞋", [exact("两双", "count", D(4), "count")]),  # two pairs of shoes: 4 shoes
    ("十雙", [exact("十雙", "count", D(20), "count")]),  # 10 x 2
    ("一百五十对", [exact("一百五十对", "count", D(300), "count")]),  # 150 x 2
    ("共有30对新人参加", [exact("30对", "count", D(60), "count")]),  # 30 couples: 60 people
    ("3打啤酒", [exact("3打", "count", D(36), "count")]),  # Arabic digits: 3 x 12
    ("两三双", [_rng("两三双", "count", D(4), D(6), "count")]),  # 两三 = [2, 3] pairs: [4, 6]
    # --- a count of a whole is a share: one in five = 1/5, three out of four = 3/4
    ("one in five Americans", [exact("one in five", "percent", D("0.2"), "ratio")]),
    ("1 in 5 adults", [exact("1 in 5", "percent", D("0.2"), "ratio")]),
    ("three out of four people", [exact("three out of four", "percent", D("0.75"), "ratio")]),
    ("nine out of 10 companies", [exact("nine out of 10", "percent", D("0.9"), "ratio")]),
    ("one in 10,000", [exact("one in 10,000", "percent", D("0.0001"), "ratio")]),  # 1/10^4
    # --- sub-units named with their currency, and the cent sign: hundredths of the main unit
    ("fifty euro cents", [exact("fifty euro cents", "money", D("0.5"), "EUR")]),  # was 50 EUR
    ("a 5 US cents fee", [exact("5 US cents", "money", D("0.05"), "USD")]),
    ("it costs 99¢ now", [exact("99¢", "money", D("0.99"), "USD")]),  # 99 x 0.01
    # --- Chinese sub-units: a last digit after 毛/角 is the fen, as after 元 (两毛五 = 0.2 + 0.05)
    ("一瓶两毛五", [exact("两毛五", "money", D("0.25"), "CNY")]),
    ("五毛五分", [exact("五毛五分", "money", D("0.55"), "CNY")]),  # 0.5 + 0.05
    ("五十美分", [exact("五十美分", "money", D("0.5"), "USD")]),  # 50 US cents
    ("二十便士", [exact("二十便士", "money", D("0.2"), "GBP")]),  # 20 pence
    # --- currency words: 美金 before the number, 欧 (the euro) after it
    ("美金100", [exact("美金100", "money", D(100), "USD")]),
    ("a $US5 billion loan", [exact("$US5 billion", "money", D(5 * 10**9), "USD")]),  # the Australian press's US$
    ("门票五十欧", [exact("五十欧", "money", D(50), "EUR")]),
    ("这台电脑两美刀", [exact("两美刀", "money", D(2), "USD")]),  # 美刀: slang for the US dollar
    # --- 百分之几 ("a few percent"): 几 is [2, 9], as in 几十 = [20, 90]
    ("增长了百分之几", [_rng("百分之几", "percent", D("0.02"), D("0.09"), "ratio", "several")]),
    # --- 半折: half price, as 五折 (50%)
    ("全场半折优惠", [exact("半折", "percent", D("0.5"), "ratio")]),
    # --- one Chinese digit compared is a quantity; bounds joined in either order make a range
    ("这个数大于五", [("大于五", "count", D(5), D(5), None, "count", "over")]),
    ("五以下", [("五以下", "count", D(5), None, D(5), "count", "up_to")]),
    ("比五大", [("比五大", "count", D(5), D(5), None, "count", "over")]),
    ("大于五小于十", [_rng("大于五小于十", "count", D(5), D(10), "count")]),
    ("小于二百大于一百", [_rng("小于二百大于一百", "count", D(100), D(200), "count")]),  # upper bound first
    # --- digits with descending scale words compose, as the words do: 2 x 10^6 + 500 x 10^3
    ("2 million 500 thousand people", [exact("2 million 500 thousand", "count", D(2_500_000), "count")]),
    ("3 billion 200 million dollars", [exact("3 billion 200 million dollars", "money", D(3_200_000_000), "USD")]),
    # --- English ranges of words: the scale words after the second end are both ends' (as "3-5 million")
    ("one to two million dollars", [_rng("one to two million dollars", "money", D(10**6), D(2 * 10**6), "USD")]),
    ("five to six hundred people", [_rng("five to six hundred", "count", D(500), D(600), "count")]),
    ("five to six hundred thousand", [_rng("five to six hundred thousand", "count", D(500_000), D(600_000),
                                           "count")]),  # 6 x 100 x 1000; 5 x the same scales
    ("a hundred to two hundred", [_rng("a hundred to two hundred", "count", D(100), D(200), "count")]),
    # --- 半 after a unit (or 个半 before one) adds half of it (was the whole number alone: 两年半 = 2)
    ("发布两年半，", [exact("两年半", "duration", D("2.5"), "year")]),
    ("营收增长两倍半", [exact("两倍半", "multiple", D("2.5"), "times")]),
    ("工期三个半月", [exact("三个半月", "duration", D("3.5"), "month")]),
    ("下降两个半百分点", [exact("两个半百分点", "percentage_point", D("2.5"), "percentage_point")]),
    ("过去两年半导体行业", [exact("两年", "duration", D(2), "year")]),  # 半导体: semiconductor
    # --- one-character fractions: the rest of a mixed number after digits (2½% was the count 2)
    ("a 2½% rise", [exact("2½%", "percent", D("0.025"), "ratio")]),
    ("a 3¾% coupon", [exact("3¾%", "percent", D("0.0375"), "ratio")]),  # 3 + 3/4 percent
    ("it took 2 ½ years", [exact("2 ½ years", "duration", D("2.5"), "year")]),
    ("a $3¾ billion deal", [exact("$3¾ billion", "money", D(3_750_000_000), "USD")]),
    ("¾ of the shares", [exact("¾", "percent", D("0.75"), "ratio")]),  # alone: a share, like 3/4
    ("½ percent", [exact("½ percent", "percent", D("0.005"), "ratio")]),
    # --- half a dozen is six (was a dozen, 12)
    ("half a dozen eggs", [exact("half a dozen", "count", D(6), "count")]),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_form(text, want):
    assert_form(text, want)


def test_a_canadian_dollar_with_a_mixed_number():
    # c $ 2 1/2 million: two and a half million Canadian dollars
    assert [(r[2], r[5]) for r in rows("c $ 2 1/2 million") if r[1] == "money"] == [(D("2500000"), "CAD")]


@pytest.mark.parametrize("text", [
    "一打开门就看到",  # 打开: open
    "他一打电话就来",  # 打电话: make a call
    "一对一辅导",  # one-on-one
    "三对三篮球赛",  # three-on-three
    "中国对美国出口",  # 对 "towards"
    "两大对手",  # rivals
])
def test_group_word_that_is_another_word(text):
    assert [r for r in rows(text) if r[1] == "count" and r[2] in (D(2), D(4), D(6), D(12), D(24), D(36))] == []


@pytest.mark.parametrize("text", [
    "a 2 in 1 laptop",  # a product: the first larger than the second
    "up 5 in 10 years",  # a unit after the second: a period
    "3 in 2020",  # a year
    "he scored 20 in 30 minutes",  # a rate ([numerals.en.share_of] not_before)
])
def test_in_that_is_no_share(text):
    assert [r for r in rows(text) if r[1] == "percent"] == []


@pytest.mark.parametrize("text", [
    "从20到30",  # from one value to another: a change, two numbers
    "2019至2020",  # two years
    "三到五",  # single digits: 一 is everywhere
    "100-200",  # a hyphen alone may be a code or a score
])
def test_pair_that_is_no_range(text):
    assert [r for r in rows(text) if r[6] == "range"] == []


@pytest.mark.parametrize("text", [
    "50欧姆的电阻",  # ohm
    "五毛党",  # a word
    "十分重要",  # 十分 "very"
])
def test_no_money(text):
    assert [r for r in rows(text) if r[1] == "money"] == []


@pytest.mark.parametrize("text", ["把纸对半折", "半折叠屏"])  # fold in half; a half-folding screen
def test_no_discount(text):
    assert [r for r in rows(text) if r[1] == "percent"] == []


def test_a_spaced_date_is_no_fraction():
    assert [r for r in rows("3 / 4 / 2020") if r[1] == "percent"] == []  # day / month / year


@pytest.mark.parametrize("text", ["高于一般水平", "超过一半", "超一流", "大于一切"])
def test_a_digit_in_a_word_is_no_compared_quantity(text):
    assert rows(text) == []  # above average, more than half, super first-class, greater than all


def test_from_one_to_two_million_is_a_change():
    assert [r for r in rows("sales went from one to two million") if r[6] == "range"] == []


def test_a_falling_pair_is_no_range():
    assert [r for r in rows("2023-25亿") if r[6] == "range"] == []  # 2023 > 25: no range


# --------------------------------------------------------------------------- properties


@oracle
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999),
       st.sampled_from(sorted(BIG)), st.sampled_from(["-", "～", "到", " - ", "至"]))
def test_range_then_one_chinese_magnitude(a, b, big, sep):
    assume(a < b)
    surface = f"{a}{sep}{b}{big}"
    m = one(f"预计达到{surface}，")
    assert (m.surface, m.kind, m.low, m.high) == (surface, "count", a * BIG[big], b * BIG[big])


@oracle
@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=99),
       st.integers(min_value=2, max_value=100), st.sampled_from(["%", " percent", " per cent"]))
def test_slash_fraction_percent(whole, num, den, unit):
    assume(num < den)
    lead = f"{whole} " if whole else ""
    surface = f"{lead}{num}{'/' if whole % 2 else ' / '}{den}{unit}"  # spaced as tokenised text writes it, or not
    m = one(f"The coupon is {surface}.")
    want = Fraction(whole) + Fraction(num, den)
    assert (m.surface, m.kind) == (surface, "percent")
    assert abs(Fraction(m.value) - want / 100) <= Fraction(1, 10**12)


@oracle
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=99),
       st.integers(min_value=2, max_value=100), st.sampled_from(sorted(SCALES)), st.sampled_from(["$", "$ ", "€"]))
def test_currency_sign_mixed_number_scale(whole, num, den, scale, sign):
    assume(num < den)
    surface = f"{sign}{whole} {num}/{den} {scale}"
    m = one(f"It raised {surface} last year.")
    want = (Fraction(whole) + Fraction(num, den)) * SCALES[scale]
    assert (m.surface, m.kind, m.unit) == (surface, "money", "EUR" if sign == "€" else "USD")
    assert abs(Fraction(m.value) - want) <= Fraction(SCALES[scale], 10**12)


GROUPS = {"打": 12, "双": 2, "对": 2}


@oracle
@given(st.integers(min_value=1, max_value=10**8), st.sampled_from(sorted(GROUPS)), st.booleans())
def test_groups_cn2an(n, word, arabic):
    # cn2an writes n; n groups of 12 or 2 things are n x 12 or n x 2 things
    x = str(n) if arabic else cn2an.an2cn(n, "low")
    m = one(f"他们一共买了{x}{word}，")
    assert (m.surface, m.kind, m.value, m.unit) == (f"{x}{word}", "count", n * GROUPS[word], "count")


@oracle
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(["in", "out of"]), st.booleans())
def test_share_of_a_whole_num2words(k, n, join, words):
    # num2words names both numbers; "k in n" is k/n
    assume(k < n and not 1800 <= n <= 2100)
    assume(k > 0 or join == "out of")
    xk, xn = (num2words(k), num2words(n)) if words else (str(k), str(n))
    surface = f"{xk} {join} {xn}"
    m = one(f"Asked, {surface} said yes.")
    assert (m.surface, m.kind) == (surface, "percent")
    assert abs(Fraction(m.value) - Fraction(k, n)) <= Fraction(1, 10**12)  # exact, or to 12 places


@oracle
@given(st.integers(min_value=10, max_value=10**8), st.integers(min_value=10, max_value=10**8),
       st.sampled_from(["至", "到"]), st.booleans(), st.booleans())
def test_count_range_cn2an(a, b, sep, chinese, between):
    # cn2an writes both ends; two numbers joined by 至/到 (or closed by 之间) are [a, b]
    assume(a < b)
    xa, xb = (cn2an.an2cn(a, "low"), cn2an.an2cn(b, "low")) if chinese else (f"{a:,}", f"{b:,}")
    assume(not chinese or all(any(c in x for c in "十百千万亿") for x in (xa, xb)))
    # a magnitude written only after the second end is both ends' (三至五万 = [3万, 5万]): not this test's form
    assume(not chinese or any(c in xa for c in "万亿") == any(c in xb for c in "万亿"))
    assume(chinese or not (1800 <= a <= 2100 and 1800 <= b <= 2100))
    surface = f"{xa}{sep}{xb}" + ("之间" if between else "")
    m = one(f"预计人数在{surface}，")
    assert (m.surface, m.kind, m.low, m.high) == (surface, "count", a, b)


@oracle
@given(st.integers(min_value=1, max_value=999).map(lambda k: k * 10), st.sampled_from(sorted(BIG)))
def test_several_before_a_magnitude_cn2an(n, big):
    # cn2an writes n (ending in 十); n几万 is n + (1..9) + unsaid places below, times the magnitude:
    # within [n, n + 10] x the magnitude, as n多万
    x = cn2an.an2cn(n, "low")
    assume(x.endswith("十"))
    m = one(f"用户有{x}几{big}，")
    lo, hi = n * BIG[big], (n + 10) * BIG[big]
    assert (m.surface, m.kind, m.low, m.high, m.value) == (f"{x}几{big}", "count", lo, hi, D(lo + hi) / 2)


@oracle
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(["", "而", "，"]), st.booleans())
def test_upper_then_lower_bound_join(a, b, joiner, chinese):
    # 小于b大于a: the upper bound said first, the same range as 大于a小于b
    assume(a < b)
    xa, xb = (cn2an.an2cn(a, "low"), cn2an.an2cn(b, "low")) if chinese else (str(a), str(b))
    surface = f"小于{xb}{joiner}大于{xa}"
    m = one(f"这个数字{surface}")
    assert (m.surface, m.kind, m.low, m.high, m.qualifier) == (surface, "count", a, b, "range")


@oracle
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999),
       st.sampled_from([("billion", "million"), ("million", "thousand"), ("billion", "thousand")]))
def test_digits_with_descending_scales(a, b, scales):
    big, small = scales
    surface = f"{a} {big} {b} {small}"
    m = one(f"It sold {surface} units.")
    assert (m.surface, m.kind, m.value) == (surface, "count", a * SCALES[big] + b * SCALES[small])


@oracle
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99),
       st.sampled_from(["hundred", "thousand", "million", "billion", "hundred thousand"]),
       st.sampled_from([" to ", " and "]))
def test_english_range_with_one_scale_num2words(a, b, scale, sep):
    # num2words names both ends; the scale words written once after the second are both ends'
    assume(a < b)
    f = 1
    for w in scale.split():
        f *= 100 if w == "hundred" else SCALES[w]
    assume(b < 10 or scale.split()[0] != "hundred" or b < 100)
    lead = "between " if sep == " and " else ""
    surface = f"{num2words(a)}{sep}{num2words(b)} {scale}"
    m = one(f"It will hire {lead}{surface} people.")
    assert (m.kind, m.low, m.high) == ("count", a * f, b * f)
    assert m.surface.endswith(surface)


HALVED = {"年": ("duration", "year"), "倍": ("multiple", "times"), "个月": ("duration", "month")}


@oracle
@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(HALVED)))
def test_half_after_a_unit_cn2an(n, unit):
    # cn2an writes n; n年半 is n + 1/2 years, n倍半 n + 1/2 times, n个半月 n + 1/2 months
    x = cn2an.an2cn(n, "low")
    surface = f"{x}个半月" if unit == "个月" else f"{x}{unit}半"
    m = one(f"公司用了{surface}，")
    kind, u = HALVED[unit]
    assert (m.surface, m.kind, m.unit, m.value) == (surface, kind, u, D(n) + D("0.5"))


VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8),
          "⅞": (7, 8), "⅕": (1, 5), "⅘": (4, 5)}


@oracle
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(sorted(VULGAR)), st.sampled_from(["", " "]),
       st.sampled_from(["%", " percent", " years"]))
def test_vulgar_fraction_after_digits(whole, frac, space, unit):
    # unicodedata names each character's value; whole + n/d, then the unit
    import unicodedata
    n, d = VULGAR[frac]
    assert abs(unicodedata.numeric(frac) - n / d) < 1e-12  # the table is the characters' own value
    surface = f"{whole}{space}{frac}{unit}"
    m = one(f"It was {surface} then.")
    want = (Fraction(whole) + Fraction(n, d)) / (100 if unit != " years" else 1)
    assert (m.surface, m.kind) == (surface, "duration" if unit == " years" else "percent")
    assert abs(Fraction(m.value) - want) <= Fraction(1, 10**12)

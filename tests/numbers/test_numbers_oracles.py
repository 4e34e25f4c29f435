"""Numerals written by independent renderers parse back exactly.

The oracles are third-party: ``cn2an`` writes numbers as Chinese numerals
(lower case, financial upper case, and the RMB form with 元角分), ``num2words``
writes English words (cardinals, decimals, negatives, and "twelve dollars,
thirty-four cents"), OpenCC turns the Chinese into traditional script, and
Python's own formatting writes the Arabic forms.  Hypothesis draws the numbers
(integers to 10^16, two-place decimals, negatives); each test renders one form,
reads it alone (the numeral grammar) and inside a sentence with a currency or a
percent (:func:`find_mentions`), and requires the exact value, unit and span.

The default run uses the active hypothesis profile (``dev``: 150 examples per
form).  The big runs (docs/numbers.md records their counts)::

    NUMBERS_ORACLE_EXAMPLES=10000 python -m pytest -q tests/numbers/test_numbers_oracles.py \\
        --hypothesis-show-statistics -p no:cacheprovider
"""
from __future__ import annotations

import os
import re
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ledger.numbers import find_mentions
from ledger.numbers.english import read_english
from ledger.numbers.numerals import read

cn2an = pytest.importorskip("cn2an")
num2words = pytest.importorskip("num2words").num2words
opencc = pytest.importorskip("opencc")

_EXAMPLES = int(os.environ.get("NUMBERS_ORACLE_EXAMPLES", "0"))
#: The profile's example count by default; NUMBERS_ORACLE_EXAMPLES for the big runs.
oracle = settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck)) \
    if _EXAMPLES else settings(deadline=None)

_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")
TOP = 10**16 - 1  # cn2an writes at most 16 digits
INTEGERS = st.integers(min_value=0, max_value=TOP) | st.integers(min_value=0, max_value=10**6)
#: Two-place decimals, negatives included: -9999999999999.99 .. 9999999999999.99
CENTS = st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1).map(lambda k: D(k).scaleb(-2))


def one(text: str):
    """The one mention of ``text`` (dates aside), with its offsets checked."""
    found = [m for m in find_mentions(text) if m.kind != "date"]
    assert len(found) == 1, [(m.surface, m.kind, m.value) for m in found]
    m = found[0]
    assert text[m.start:m.end] == m.surface
    return m


def money(m, value: D, unit: str, surface: str) -> None:
    assert (m.surface, m.kind, m.unit, m.qualifier) == (surface, "money", unit, "exact")
    assert m.value == m.low == m.high == value


def alone_chinese(x: str, n: D) -> None:
    """The grammar reads the whole numeral; with a magnitude it is a count by itself."""
    r = read(_T2S.convert(x))
    assert (r.value, r.end) == (n, len(x))
    if any(c in x for c in "万萬亿億"):
        m = one(x)
        assert (m.surface, m.kind, m.value) == (x, "count", n)


# --------------------------------------------------------------------------- Chinese (cn2an)


@oracle
@given(INTEGERS, st.sampled_from(["元", "美元", "港元", "欧元"]))
def test_chinese_lower_case(n, cur):
    # 四万五千六百二十二 / 一万零一十 / 九千九百九十九万...: the whole numeral, n exactly
    x = cn2an.an2cn(n, "low")
    alone_chinese(x, D(n))
    code = {"元": "CNY", "美元": "USD", "港元": "HKD", "欧元": "EUR"}[cur]
    money(one(f"公司全年营收{x}{cur}，同比增长"), D(n), code, x + cur)


@oracle
@given(INTEGERS)
def test_chinese_financial_upper_case(n):
    # 肆万伍仟陆佰贰拾贰 (壹贰叁 ... 拾佰仟): the cheque forms
    x = cn2an.an2cn(n, "up")
    alone_chinese(x, D(n))
    money(one(f"合同金额为人民币{x}元整。"), D(n), "CNY", f"人民币{x}元整")


@oracle
@given(CENTS)
def test_chinese_rmb_form(v):
    # 壹佰万零伍拾肆元肆角叁分, 叁元零伍分, 伍角, 负叁元玖角: yuan, jiao and fen
    x = cn2an.an2cn(str(v), "rmb")
    money(one(f"发票金额{x}，已付清"), v, "CNY", x)


@oracle
@given(INTEGERS, st.booleans())
def test_traditional_script(n, financial):
    # 四萬五千六百二十二 / 肆萬伍仟陸佰貳拾貳 (叄 for 叁): OpenCC's traditional forms
    x = _S2T.convert(cn2an.an2cn(n, "up" if financial else "low"))
    alone_chinese(x, D(n))
    money(one(f"營收{x}美元，"), D(n), "USD", x + "美元")


@oracle
@given(CENTS)
def test_chinese_decimals_and_negatives(v):
    # 负三点九: -3.9; 十二点三四亿元: 1.234 x 10^8; 零点零八%: 0.0008
    x = cn2an.an2cn(str(v), "low")
    r = read(x.removeprefix("负"))
    assert (r.value, r.end) == (abs(v), len(x.removeprefix("负")))
    money(one(f"净利润{x}亿元，"), v * 10**8, "CNY", x + "亿元")
    m = one(f"毛利率变动{x}%，")
    assert (m.surface, m.kind, m.unit, m.value) == (x + "%", "percent", "ratio", v / 100)


@oracle
@given(st.integers(min_value=0, max_value=10**4 - 1).map(lambda k: D(k).scaleb(-2)))
def test_chinese_percent_words(v):
    # 百分之三点五, 百分之零点零八, 百分之九十九点九九: the percent written out
    x = cn2an.an2cn(str(v), "low")
    m = one(f"占比为百分之{x}，")
    assert (m.surface, m.kind, m.unit, m.value) == ("百分之" + x, "percent", "ratio", v / 100)


def _smart(x: str) -> int | None:
    """cn2an's reading of a mixed numeral, or None where it cannot read one
    (120万零10 raises ValueError, 176万1671亿1011 KeyError)."""
    try:
        return cn2an.cn2an(x, "smart")
    except (ValueError, KeyError, IndexError):
        return None


def _arabic_digits(x: str) -> str:
    """四万五千六百二十二 -> 4万5千6百2十2: every digit Arabic, the units kept."""
    return x.translate(str.maketrans("一二三四五六七八九", "123456789"))


def _arabic_groups(x: str) -> str:
    """一亿二千三百四十五万零六 -> 1亿2345万零6: each group between magnitudes
    as an Arabic number (its 零 kept: 一万零五 is 1万零5, not 1万5)."""
    def group(g: re.Match) -> str:
        z, body = g.group(1), g.group(2)
        return z + str(cn2an.cn2an(body, "normal")) if body else z
    return re.sub(r"(零?)([^万亿]*)", group, x)


@oracle
@given(st.integers(min_value=1, max_value=TOP))
def test_mixed_arabic_and_chinese(n):
    # 4万5千6百2十2, 1亿2345万零6789: Arabic digits with Chinese units; cn2an's own
    # "smart" reading is the oracle that the rendering still means n
    low = cn2an.an2cn(n, "low")
    for x in {_arabic_digits(low), _arabic_groups(low)}:
        if x.isdigit():
            continue  # a plain Arabic number: no mixed form
        assert _smart(x) in (n, None), x
        alone_chinese(x, D(n))
        money(one(f"融资{x}元，"), D(n), "CNY", x + "元")


# --------------------------------------------------------------------------- Arabic forms

_BEFORE = [("$", "USD"), ("US$", "USD"), ("￥", "CNY"), ("€", "EUR"), ("£", "GBP"), ("HK$", "HKD"), ("RMB ", "CNY")]
_AFTER = [(" USD", "USD"), (" CNY", "CNY"), ("€", "EUR"), (" dollars", "USD"), ("美元", "USD"), ("美圆", "USD"),
          ("英镑", "GBP"), (" euros", "EUR"), ("韩元", "KRW"), (" pounds", "GBP")]


@oracle
@given(CENTS.filter(lambda v: v >= 0), st.sampled_from(_BEFORE + _AFTER), st.booleans())
def test_arabic_with_currency_signs_and_codes(v, cur, grouped):
    # $1,234.5 / ￥300 / 20€ / 3 CNY / 300美圆: the currency before or after, full-width ￥ too
    x = f"{v:,}" if grouped else str(v)
    if x.startswith("0.") and not grouped:
        x = x[1:]  # .08: no leading zero
    word, code = cur
    text = f"{word}{x}" if (word, code) in _BEFORE else f"{x}{word}"
    money(one(f"Revenue was {text} in the quarter" if word.isascii() else f"营收{text}，"), v, code,
          text.strip())


@oracle
@given(st.integers(min_value=-(10**6), max_value=10**6).map(lambda k: D(k).scaleb(-2)),
       st.sampled_from(["负", "minus ", "negative ", "−", ""]))
def test_arabic_percent_with_signs(v, sign):
    # 负3.9%, minus 3.9%, −3.9%: the sign word is part of the mention
    if v < 0 and not sign:
        sign = "-"
    x = f"{abs(v)}%"
    text = f"margin {sign if v < 0 else ''}{x} on" if sign.isascii() else f"毛利率{sign if v < 0 else ''}{x}，"
    m = one(text)
    expected = (sign if v < 0 else "") + x
    assert (m.surface, m.kind, m.unit, m.value) == (expected, "percent", "ratio", v / 100)


# --------------------------------------------------------------------------- English (num2words)


@oracle
@given(st.integers(min_value=0, max_value=10**16), st.sampled_from([("dollars", "USD"), ("euros", "EUR"),
                                                                     ("pounds", "GBP"), ("yuan", "CNY")]))
def test_english_cardinals(n, cur):
    # "forty-five thousand, six hundred and twenty-two dollars", up to "ten quadrillion"
    w = num2words(n)
    r = read_english(w)
    assert (r.value, r.end) == (n, len(w))
    word, code = cur
    money(one(f"The group paid {w} {word} for it."), D(n), code, f"{w} {word}")


#: num2words writes decimals through a float: exact below 10^11 (checked over 20,000 draws).
ENGLISH_CENTS = st.integers(min_value=-(10**13) + 1, max_value=10**13 - 1).map(lambda k: D(k).scaleb(-2))


@oracle
@given(ENGLISH_CENTS)
def test_english_decimals_and_negatives(v):
    # "minus twelve point three four percent", "zero point zero eight percent"
    w = num2words(v)
    assume(w.startswith("minus ") == (v < 0))  # num2words drops the sign of -0.01 ("zero point zero one")
    r = read_english(w.removeprefix("minus "))
    assert (r.value, r.end) == (abs(v), len(w.removeprefix("minus ")))
    m = one(f"Margins moved {w} percent last year.")
    assert (m.surface, m.kind, m.unit, m.value) == (f"{w} percent", "percent", "ratio", v / 100)


@oracle
@given(CENTS, st.sampled_from(["USD", "EUR", "GBP"]))
def test_english_money_with_cents(v, code):
    # "twelve dollars, thirty-four cents", "one pound sterling, one penny", "minus zero euro, fifty cents"
    w = num2words(v, to="currency", currency=code)
    money(one(f"It cost {w} in total."), v, code, w)

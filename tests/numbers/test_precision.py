"""The one rounding rule (ledger.numbers.precision): half a unit of the last
written digit, relative to the number as written, the same in every script."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.claims import read_ledger
from ledger.numbers.numerals import to_chinese
from ledger.numbers.precision import relative_precision, relative_precisions
from tests.conftest import ROOT


@pytest.mark.parametrize("surface,half_width", [
    ("27%", 0.5 / 27),             # last digit is a whole percent: ±0.5%
    ("百分之二十七", 0.5 / 27),      # the same figure in words: the same rounding
    ("130亿美元", 0.5 / 130),       # ±0.5亿
    ("一百三十亿美元", 0.5 / 130),   # written out, 三十 then the magnitude: as 130亿
    ("1.4萬(wàn)億美元", 0.05 / 1.4),  # ±0.05万亿, the pinyin gloss does not matter
    ("一点四万亿美元", 0.05 / 1.4),  # 点 is the decimal point
    ("1350億美元", 0.5 / 1350),
    ("1,350 million", 0.5 / 1350),  # thousands separators are not decimals
    ("１３０亿", 0.5 / 130),        # full-width digits
    ("8.63亿美元", 0.005 / 8.63),
    ("5万4千6百", 0.5 / 54600),     # mixed, no closing magnitude: as 54600
    ("叁亿伍仟万元", 0.5 / 35000),  # financial digits: 3亿5千万, in units of its closing 万: as 35000万
    ("一万四千亿", 0.5 / 14000),    # closing 亿: as 14000亿
    ("五年", 0.5 / 5),             # a duration in words: as 5年
    ("去年底", 0.005),              # no numeral: the default
])
def test_relative_precision(surface, half_width):
    assert relative_precision(surface, 0.005) == pytest.approx(half_width)


@given(st.integers(1, 9999), st.sampled_from(["", "万", "亿", "万亿", "%", "亿美元"]))
def test_the_same_figure_rounds_alike_in_both_scripts(n, tail):
    """n written in Arabic digits or in Chinese numerals, before the same
    magnitude or unit, states the same figure: the same relative rounding."""
    assert relative_precision(f"{n}{tail}", 0.005) == pytest.approx(relative_precision(to_chinese(n) + tail, 0.005))


@given(st.integers(1, 999), st.integers(1, 9))
def test_a_decimal_rounds_alike_in_both_scripts(whole, tenth):
    arabic = f"{whole}.{tenth}亿"
    words = f"{to_chinese(whole)}点{'零一二三四五六七八九'[tenth]}亿"
    expected = 0.05 / (whole + tenth / 10)
    assert relative_precision(arabic, 0.005) == pytest.approx(expected)
    assert relative_precision(words, 0.005) == pytest.approx(expected)


_PIECES = st.sampled_from(["0", "1", "7", "12", "130", ".", ".5", ",", "，", "．", "点", "１", "亿", "万", "億", "萬",
                           "兆", "千", "十", "一", "四", "叁", "美元", " billion", "%", "约", "年", "-", " ", "x"])


@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), max_size=30))
def test_relative_precisions_are_relative_precision(surfaces):
    # the surfaces of the commonest shape, read at once (with pyarrow), give the same floats
    got = relative_precisions(surfaces, 0.01).tolist()
    assert got == [relative_precision(s, 0.01) for s in surfaces]


def test_relative_precisions_of_the_ledger():
    claims = read_ledger(ROOT / "claims.csv")
    surfaces = list(dict.fromkeys(claims["surface"].astype(str)))
    assert relative_precisions(surfaces, 0.01).tolist() == [relative_precision(s, 0.01) for s in surfaces]

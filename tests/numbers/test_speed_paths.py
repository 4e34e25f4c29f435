"""The shortcuts the number finder's helpers take for speed give what the plain way gives."""
from __future__ import annotations

import random

import pytest

from ledger.numbers import dates

#: pieces of cleaned, lower-cased text around year-less periods and day words: openers of every
#: alternative, what their lookbehinds refuse, and digits or words that run into them
_PIECES = ["第", "一", "二", "三", "四", "五", "九", "十", "1", "3", "4", "7", "q", "q1", "q4", "季", "季度", "度", "节",
           "上", "下", "半年", "年", "底", "末", "初", "前", "财", "今", "至今", "周", "星期", "礼拜", "天", "日", "内",
           "月", "first", "second", "third", "fourth", "half", "quarter", " ", "\t", "-", "of", "fy", "2025", "monday",
           "mondays", "tuesday", "sunday", "to", "a", "x", "_", ".", "后"]


@pytest.mark.parametrize("name", ["BARE", "DAY"])
def test_matching_at_the_openings_is_finditer(name: str):
    rx, opens = (dates._BARE, dates._BARE_OPENS) if name == "BARE" else (dates._DAY_WORD, dates._DAY_OPENS)
    rnd = random.Random(23)
    for _ in range(20000):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 12)))
        assert [m.span() for m in dates._finditer_from(rx, opens, text)] == [m.span() for m in rx.finditer(text)], text

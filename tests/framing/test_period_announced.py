"""The period an article reports on, when a results announcement names it
(docs/framing.md, 'Flows and levels'): a quarter or half right before a report word
('发布2025年第三季度财报', 'its second-quarter 2025 results') is the article's reported
period wherever it is told - after a dateline and a byline too - and a results figure
no date places holds for it.  An annual report also gives its fourth quarter, so an
announced year is left to the lead.  Texts invented; periods read off them."""
from __future__ import annotations

from ledger.framing import frame_text


def _rows(text: str, published: str = "") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def test_an_announced_quarter_after_a_byline_is_the_reported_period():
    # the announcement is in the fourth paragraph; a year with results comes later
    text = ("星河汽车利润下滑,股价大涨\n\n某报 时间:2025-10-23 12:09\n\n本报记者 北京报道\n\n"
            "10月21日,星河汽车发布2025年第三季度财报。财报显示,公司净收入达486亿美元,净利润为13亿美元。\n\n"
            "2024年,星河汽车营收为1800亿美元。")
    rows = _rows(text, published="2025-10-23")
    assert rows["486亿美元"]["period"] == "2025-Q3"
    assert rows["13亿美元"]["period"] == "2025-Q3"
    assert rows["1800亿美元"]["period"] == "2024"


def test_an_announced_half_in_english():
    text = ("Lumacore shares jump\n\nBy a reporter\n\nLumacore on Tuesday released its first-half 2025 results. "
            "Revenue was $5.2 billion, the company said.\n\nIn 2024, Lumacore's revenue was $9 billion.")
    rows = _rows(text, published="2025-08-20")
    assert rows["$5.2 billion"]["period"] == "2025-H1"

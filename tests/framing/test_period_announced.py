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


def test_a_half_year_report_named_with_its_year_gives_the_half():
    # '2025 年半年报' is the report on the first half of 2025 (the headline's bare 半年报 names no year)
    text = ("星河电器半年报亮眼\n\n最近,星河电器交出了一份 2025 年半年报成绩单。总营收约 86.76 亿元,"
            "同比增长 24.37%。")
    rows = _rows(text)
    assert rows["约 86.76 亿元"]["period"] == "2025-H1"
    assert rows["24.37%"]["period"] == "2025-H1"


def test_a_third_quarter_report_without_a_year_is_the_latest_ended_by_publication():
    # 三季报 told on 29 November 2025: the report on the third quarter of 2025
    rows = _rows("星河茶饮集团昨日晚间发布三季报,营收32.08亿元,同比下降9.4%。", published="2025-11-29")
    assert rows["32.08亿元"]["period"] == "2025-Q3"

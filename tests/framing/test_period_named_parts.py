"""Periods of undated copies that the text itself places (docs/framing.md, 'Periods'):
a year-less quarter or half the article also names with its year, an interim report
('中期业绩') and a year written straight before its half ('2025上半年').  The companies are
invented; the expected periods are read off the texts: no published date is given,
so only the years the texts state can date them."""
from __future__ import annotations

from ledger.framing import frame_text


def _rows(text: str, published: str = "") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def test_a_year_less_quarter_takes_the_year_the_article_names_it_with():
    # '今年' counts years from an unknown now, so the copy's own year is unknown; but the
    # quarter of the headline and the lead is the one the body names '2025年第3季'
    text = ("泽川航运第3季获利优于预期\n\n"
            "泽川航运第3季营收年减10%至142亿美元,今年全年获利预估上调。\n\n"
            "泽川航运表示:「2025年第3季,全球货柜运输需求年增率介于3%与5%之间。」")
    rows = _rows(text)
    assert rows["142亿美元"]["period"] == "2025-Q3"
    assert rows["10%"]["period"] == "2025-Q3"


def test_an_interim_report_is_the_first_half():
    # '2025年中期业绩' is the report on January-June 2025 (not mid-2025, June-July), and
    # '2025上半年' is that half, written without 年
    text = ("(原标题:岚庭服务上半年增收不增利)\n"
            "8月27日,岚庭服务发布2025年中期业绩。\n"
            "2025上半年,岚庭服务未经审核收入为231.86亿元,同比增长10.2%。\n"
            "期内,社区增值服务收入约为21.04亿元,较去年同期增长约5.3%。")
    rows = _rows(text)
    assert rows["231.86亿元"]["period"] == "2025-H1"
    assert rows["10.2%"]["period"] == "2025-H1"


def test_an_interim_report_of_an_undated_article_dates_its_year_less_half():
    # '今年上半年' in an article announcing the 2025 interim report: the first half of 2025
    text = "8月27日晚间消息,岚庭服务发布2025年中期业绩报告。报告显示,今年上半年,公司实现营业收入231.9亿元,同比增长10.2%。"
    rows = _rows(text)
    assert rows["231.9亿元"]["period"] == "2025-H1"


def test_an_undated_articles_bare_quarter_is_the_one_it_names_with_a_year_not_its_latest_year():
    # no date stamp; 'Q3 2025' and 'the third quarter of 2025' name the quarter; a base
    # 'compared with Q2 2025' once made 2026 the article's year: 'third-quarter' figures
    # are 2025's third quarter
    text = ("Quilbrook (QLBK) Q3 2025 Financial Results Summary\n\n"
            "Quilbrook announced its financial results for the third quarter of 2025 on November 5, 2025.\n\n"
            "  • Third-quarter net revenues increased by 100% year-over-year to $1.27 billion.\n"
            "  • Net deposits were $20 billion, compared with Q2 2025.\n")
    rows = {r["surface"]: r for r in frame_text(text, source="x", published="")}
    assert rows["100%"]["period"] == "2025-Q3"

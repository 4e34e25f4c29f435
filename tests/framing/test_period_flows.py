"""When a value holds, by the kind of figure it is (docs/framing.md, 'Flows and
levels'): a flow - revenue, profit, shipments, their growth and margins, summed
over a span - never holds on one day, while a level (stores, users, cash) and a
price do.  A day in a flow's sentence says when its span ends or when the news
was told; the period the article reports on is the one that day closes.  The
expected periods below are read off the texts, not off the code."""
from __future__ import annotations

import pytest

from ledger.framing import frame_text


def _rows(text: str, published: str = "") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def test_a_news_day_opening_the_sentence_is_not_the_quarters_revenue_growth():
    # told on 18 November; the revenue and its growth are the third quarter's (当季 of the
    # 2025年第三季度财报 the sentence names), not one day's
    rows = _rows("站长之家11月18日消息:小米集团发布2025年第三季度财报,数据显示,公司当季实现营业收入"
                 "1131.21亿元,同比增长22.3%,连续四个季度营收突破千亿元大关。", published="2025-11-18")
    assert rows["22.3%"]["period"] == "2025-Q3"
    assert rows["1131.21亿元"]["period"] == "2025-Q3"


def test_an_as_of_day_gives_a_flow_the_span_it_closes():
    # the article reports on the six months ended 30 June 2025 (its first half); revenue
    # 'as of 30 June' is that half's, the store count is the level on that day
    text = ("某公司公布截至2025年6月30日止六个月的中期业绩。\n\n"
            "截至2025年6月30日,某公司实现营收52.2亿元,同比增长10.4%;门店总数达1000家。")
    rows = _rows(text)
    assert rows["52.2亿元"]["period"] == "2025-H1"
    assert rows["10.4%"]["period"] == "2025-H1"
    assert rows["1000"]["period"] == "2025-06-30"


def test_an_as_of_day_in_an_article_about_no_span_leaves_a_flow_undated():
    # nothing says over which span the revenue was earned: the day is no period for it
    rows = _rows("截至2025年9月30日,某公司实现营收89.28亿元。")
    assert rows["89.28亿元"]["period"] == ""


def test_a_level_keeps_the_day_it_is_counted_on():
    # users and stores are counted on a day (levels: [period] levels, `stock`)
    rows = _rows("截至2025年9月30日,瑞幸咖啡累计交易客户数超4.2亿,门店总数达29214家。")
    assert rows["超4.2亿"]["period"] == "2025-09-30"
    assert rows["29214"]["period"] == "2025-09-30"


def test_an_article_about_two_periods_keeps_each_figures_own():
    # the quarter and the nine months to September, each named with its figure
    rows = _rows("2025-10-21\n宁德时代第三季度营收1041.9亿元,同比增长12.9%。\n\n"
                 "截至9月30日,前三季度营收2830.7亿元,同比增长9.28%。")
    assert rows["1041.9亿元"]["period"] == "2025-Q3"
    assert rows["12.9%"]["period"] == "2025-Q3"
    assert rows["2830.7亿元"]["period"] == "2025-01/2025-09"
    assert rows["9.28%"]["period"] == "2025-01/2025-09"


def test_a_forecast_told_on_a_day_is_of_the_quarter_it_names():
    # guidance given on 20 November for the fourth quarter still to come
    rows = _rows("11月20日,公司预计第四季度营收将达10亿元至12亿元。", published="2025-11-20")
    row = next(r for r in rows.values() if r["metric"].endswith("revenue"))
    assert row["modality"] == "forecast"
    assert row["period"] == "2025-Q4"


def test_the_corresponding_year_ago_period_is_a_year_before():
    text = ("Nio recorded a net loss of 3.5 billion yuan for the third quarter of 2025, "
            "narrowing its losses from 5.1 billion yuan in the corresponding year-ago period.")
    rows = _rows(text)
    assert rows["3.5 billion yuan"]["period"] == "2025-Q3"
    assert rows["5.1 billion yuan"]["period"] == "2024-Q3"


@pytest.mark.parametrize("history", [
    "公开信息显示,沪上阿姨创立于2013年,最初销售五谷奶茶。",
    "该公司于2014年进入英国市场,2019年进军美国。",
])
def test_a_year_of_history_is_not_the_period_a_dated_article_reports_on(history):
    # a founding or a market entry is no account: the revenue's year is not said
    rows = _rows(f"发布时间:2025-05-08\n{history}\n\n沪上阿姨营收32.85亿元。", published="2025-05-08")
    assert rows["32.85亿元"]["period"] == ""


def test_a_year_said_with_results_is_the_period_a_dated_article_reports_on():
    # the lead gives 2024's revenue; a later revenue figure with no date is of that year
    rows = _rows("发布时间:2025-05-08\n沪上阿姨2024年营收32.85亿元。\n\n其中,鲜果茶营收20亿元。", published="2025-05-08")
    assert rows["32.85亿元"]["period"] == "2024"
    assert rows["20亿元"]["period"] == "2024"

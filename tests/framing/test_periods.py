"""Periods of amounts: quarters and halves (with and without a year), 'a year
earlier' / 去年同期, and a period carried from the sentence or paragraph that
states it to the figures that state none.

Every expected period below is argued from the text in the comment beside it
(the published date is the line under the headline, as in the held-out articles).
"""
from __future__ import annotations

import pytest

from ledger.framing import frame_text


def _by(field: str, text: str, published: str = "") -> dict[str, object]:
    """Each claim's ``field`` by its surface."""
    return {r["surface"]: r[field] for r in frame_text(text, source="x", published=published)}


def _rows(text: str, published: str = "") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def periods(text: str, published: str) -> dict[str, str]:
    """surface -> period of every claim framed in ``text``."""
    return {r["surface"]: r["period"] for r in frame_text(text, source="t", published=published)}


def period_of(text: str, published: str, surface: str) -> str:
    got = periods(text, published)
    if surface in got:
        return got[surface]
    hits = [p for s, p in got.items() if surface in s]
    assert len(hits) == 1, (surface, got)
    return hits[0]


# --------------------------------------------------------------------------- English quarters

EN = (
    "Google Posts Strong Quarter\nPublished 2025-04-25\n\n"
    "Google said revenue for the first quarter of 2025 rose 12% to $90.2 billion, compared with $80.5 billion a year earlier. "
    "Its board authorized a $70 billion share buyback.\n"
    "Cloud revenue was $12.3 billion, about 14% of the total. Google expects revenue to grow 10% in 2026.\n\n"
    "Cloud revenue was $10.2 billion.\n"
)


@pytest.mark.parametrize("surface, want", [
    ("$90.2 billion", "2025-Q1"),  # "revenue for the first quarter of 2025"
    ("12%", "2025-Q1"),  # the growth of that quarter's revenue (a comparison keeps the current period)
    ("$80.5 billion", "2024-Q1"),  # "a year earlier" than the first quarter of 2025
    ("$70 billion", ""),  # a buyback programme: no date is said with it, the quarter is the revenue's
    ("$12.3 billion", "2025-Q1"),  # next sentence, same paragraph, no date of its own: a part of that quarter's revenue
    ("14%", "2025-Q1"),  # "of the total" of that same quarter, in the same sentence
    ("10%", "2026"),  # states its own year: nothing carried
])
def test_english_quarter_and_what_it_carries(surface, want):
    assert period_of(EN, "2025-04-25", surface) == want


def test_a_new_paragraph_falls_back_to_the_quarter_the_article_reports_on():
    # '$10.2 billion' opens another paragraph that names no period: nearest first, the clause, the
    # sentence and the paragraph say nothing, so the article's topic does: Google's first-quarter
    # results (a results figure of the topic company)
    assert period_of(EN, "2025-04-25", "$10.2 billion") == "2025-Q1"


def test_a_paragraph_about_another_company_takes_no_period_from_the_topic():
    text = EN + "\nMicrosoft's cloud revenue was $26.8 billion.\n"
    assert period_of(text, "2025-04-25", "$26.8 billion") == ""


@pytest.mark.parametrize("text, surface, want", [
    # "the same quarter last year" of the second quarter of 2025 is the second quarter of 2024
    ("Meta said revenue for the second quarter of 2025 rose 22% to $47.5 billion, compared with "
     "$39.1 billion in the same quarter last year.", "$39.1 billion", "2024-Q2"),
    # "Q3 2025" is the third calendar quarter of 2025
    ("Amazon said revenue rose to $180 billion in Q3 2025.", "$180 billion", "2025-Q3"),
    # "3rd quarter of 2024" spelled with a numeral ordinal
    ("Amazon said revenue for the 3rd quarter of 2024 was $159 billion.", "$159 billion", "2024-Q3"),
])
def test_english_quarter_phrases(text, surface, want):
    assert period_of(text, "2025-10-31", surface) == want


def test_a_fiscal_quarter_keeps_its_fiscal_label():
    # Microsoft's fiscal 2025 runs July 2024 - June 2025: its third quarter is no calendar quarter, so
    # the figure keeps the company's label, 2025-Q3 (as FY2025 is 2025); the year-less 'fourth-quarter'
    # of the next sentence is the fourth quarter of that same fiscal year, 2025-Q4 -- not the whole
    # year, whose figures would then meet the quarter's
    text = ("Microsoft Beats Estimates\nPublished 2025-04-30\n\n"
            "Microsoft said revenue for the third quarter of fiscal 2025 rose 13% to $70.1 billion. "
            "The company expects fourth-quarter revenue of about $73 billion.\n")
    got = periods(text, "2025-04-30")
    assert got["$70.1 billion"] == "2025-Q3"
    assert [p for s, p in got.items() if "$73 billion" in s] == ["2025-Q4"]


def test_a_yearless_english_quarter_is_of_the_published_year():
    # published 31 July 2025, Meta's fiscal year is the calendar year: 'third-quarter' is July-September 2025
    text = ("Meta Revenue Jumps\nPublished 2025-07-31\n\n"
            "The company expects third-quarter revenue of about $49 billion, Meta said.\n")
    assert period_of(text, "2025-07-31", "$49 billion") == "2025-Q3"


def test_last_december_is_the_december_before_publication():
    # published in August 2025: 'last December' is December 2024
    text = "Databricks was valued at $62 billion in a round last December."
    assert period_of(text, "2025-08-20", "$62 billion") == "2024-12"


def test_a_forecast_does_not_take_the_quarter_of_an_account():
    # the quarter is what revenue *was*; what the company expects next is for a period the text does not give
    text = ("Google Posts Strong Quarter\nPublished 2025-04-25\n\n"
            "Google said revenue for the first quarter of 2025 was $90.2 billion. "
            "Google expects revenue of about $95 billion.\n")
    assert period_of(text, "2025-04-25", "$95 billion") == ""


# --------------------------------------------------------------------------- Chinese quarters

HANS = (
    "腾讯加大人工智能投入\n2025年5月15日\n\n"
    "腾讯控股公布,第一季度营收为1800亿元,同比增长13%,资本开支为275亿元,去年同期营收为1600亿元。"
    "该公司表示,今年将继续回购不少于800亿港元的股份。\n"
)


@pytest.mark.parametrize("surface, want", [
    ("1800亿元", "2025-Q1"),  # 第一季度 with no year, told in May 2025: this year's first quarter
    ("13%", "2025-Q1"),  # the next clause goes on about that quarter
    ("275亿元", "2025-Q1"),  # so does the capex of the same sentence
    ("1600亿元", "2024-Q1"),  # 去年同期: the same quarter a year before
    ("800亿港元", "2025"),  # 今年, said with the buyback itself
])
def test_simplified_yearless_quarter(surface, want):
    assert period_of(HANS, "2025-05-15", surface) == want


@pytest.mark.parametrize("text, published, surface, want", [
    # 一季度 (no 第) is the first quarter too
    ("腾讯一季度营收为1800亿元。", "2025-05-15", "1800亿元", "2025-Q1"),
    # told in March 2025, the fourth quarter has not begun: an account of it is of 2024's
    ("腾讯公布,第四季度营收为1724亿元。", "2025-03-19", "1724亿元", "2024-Q4"),
    # ...while a forecast told in May 2025 looks ahead to this year's second half
    ("腾讯预计下半年营收将增长10%。", "2025-05-15", "10%", "2025-H2"),
    # 年底前 with a forecast: the end of this year (Nov-Dec, the ledger's 年底)
    ("腾讯市值有望在年底前突破6万亿港元。", "2025-05-15", "6万亿港元", "2025-11/2025-12"),
    # a year stated with the quarter wins over the published year
    ("小米集团公布,2024年第四季度营收为1090亿元。", "2025-03-18", "1090亿元", "2024-Q4"),
])
def test_simplified_quarter_and_half_phrases(text, published, surface, want):
    assert period_of(text, published, surface) == want


@pytest.mark.parametrize("text, surface, want", [
    # 第二季 (no 度), told on 31 July 2025: the second quarter of 2025; 年增 goes on about it;
    # 去年同期 is the second quarter of 2024
    ("聯發科公布第二季營收約新台幣1,503億元,年增18%,去年同期為新台幣1,273億元。", "1,503億元", "2025-Q2"),
    ("聯發科公布第二季營收約新台幣1,503億元,年增18%,去年同期為新台幣1,273億元。", "18%", "2025-Q2"),
    ("聯發科公布第二季營收約新台幣1,503億元,年增18%,去年同期為新台幣1,273億元。", "1,273億元", "2024-Q2"),
    # 上半年 with no year: the first half of 2025
    ("華碩上半年營收約新台幣3,400億元,年增25%。", "3,400億元", "2025-H1"),
    # a buyback plan in the sentence that gives this year's revenue outlook has no period of its own
    ("聯發科第二季營收成長\n\n該公司預計今年全年營收將成長約15%,並計畫買回庫藏股新台幣300億元。", "300億元", ""),
    # 去年同期 of 第二季 for a loss: the second quarter of 2024 (the 去年 of 去年同期 is no date of the sentence)
    ("英特爾公布第二季營收為129億美元;淨虧損為29億美元,去年同期淨虧損為16億美元。", "29億美元", "2025-Q2"),
    ("英特爾公布第二季營收為129億美元;淨虧損為29億美元,去年同期淨虧損為16億美元。", "16億美元", "2024-Q2"),
    # 全年 in its own clause: the whole year of the sentence's 上半年, not the half
    ("英特爾今年上半年資本支出約90億美元,全年資本支出目標下調至180億美元。", "180億美元", "2025"),
])
def test_traditional_quarter_half_and_year_back(text, surface, want):
    assert period_of(text, "2025-07-31", surface) == want


def test_a_market_value_holds_at_publication_not_over_another_clauses_half():
    # 其市值约为470亿美元 states a value on a day; 今年上半年 is the period of the growth, so the
    # market value holds at publication (reported: 据报道)
    text = "据报道,京东今年上半年营收同比增长约16%,其市值约为470亿美元。"
    assert period_of(text, "2025-07-31", "470亿美元") == "2025-07-31"
    # 已突破: a market value reached by now, with no date of its own
    assert period_of("鴻海市值已突破新台幣2.5兆元。", "2025-08-05", "2.5兆元") == "2025-08-05"


def test_carried_period_needs_the_same_family_and_paragraph():
    # the capex of the next sentence is another figure (a board approval), not the month's revenue
    text = ("鴻海營收再創新高\n2025年8月5日\n\n"
            "鴻海公布7月營收約新台幣6,800億元,年增21%。鴻海董事會通過資本支出約新台幣500億元。\n")
    got = periods(text, "2025-08-05")
    assert got["約新台幣6,800億元"] == "2025-07"
    assert [p for s, p in got.items() if "500億元" in s] == [""]


def test_a_simplified_paragraph_break_falls_back_to_the_reported_quarter():
    text = ("亚马逊第二季度营收超预期\n2025年8月1日\n\n"
            "亚马逊公布,第二季度营收为1677亿美元。其中,云业务收入为309亿美元。\n\n"
            "亚马逊云业务收入为300亿美元。\n")
    got = periods(text, "2025-08-01")
    assert got["309亿美元"] == "2025-Q2"  # next sentence, same paragraph: part of the quarter's revenue
    # a new paragraph that names no period: the quarter the article reports on (its topic)
    assert got["300亿美元"] == "2025-Q2"


# A date alone in the clause opening a sentence dates all of its figures, even after
# a few words ('單是在去年第4季，…'), and is then no event of its own: the figures of
# a results sentence are of that quarter, not of the year the article is about.
def test_a_date_opening_a_results_sentence_dates_every_figure_in_it():
    text = ("华星集团28日发布2025年财报，全年营收97亿元。\n\n"
            "单是在去年第4季，华星集团的营业利润就比去年同期激增137.1%至19.17亿元，净利达15.24亿元；"
            "营收则跳增66.1%至32.83亿元。")
    rows = _rows(text, "2026-01-29")
    for surface in ("137.1%", "19.17亿元", "15.24亿元", "66.1%", "32.83亿元"):
        assert rows[surface]["period"] == "2025-Q4", surface
    assert "去年第4季" not in rows  # the figures' period, no event claim


# '比去年同期激增137.1%至19.17亿元': the year before is the base of the change; the
# amount after 至 is this period's level.  '去年同期为80亿元' is the year before's.
@pytest.mark.parametrize("text, surface, period", [
    ("第三季度，华星集团的营业利润比去年同期激增137.1%至19.17亿元。", "19.17亿元", "2025-Q3"),
    ("华星集团第三季度营收100亿元，去年同期为80亿元。", "80亿元", "2024-Q3"),
    ("华星集团第三季度营收100亿元，较去年同期的80亿元增长25%。", "80亿元", "2024-Q3"),
])
def test_a_year_back_phrase_is_the_amounts_period_unless_it_is_a_changes_base(text, surface, period):
    rows = _by("period", text, "2025-11-20")
    assert rows[surface] == period


# A figure "for the month" / 该季度 names no date but refers back to the latest month
# (quarter) the article named; a change "from October" is against its base month.
def test_for_the_month_refers_back_to_the_month_named_before():
    text = ("Zentra Corp. reported its third-highest monthly revenue on record in November.\n\n"
            "The company posted NT$343.61 billion in consolidated sales for the month, down 6.5 percent "
            "from October but up 24.5 percent from a year earlier.")
    rows = _by("period", text, "2025-12-10")
    assert rows["NT$343.61 billion"] == rows["6.5 percent"] == rows["24.5 percent"] == "2025-11"


def test_that_quarter_refers_back_to_the_quarter_named_before():
    text = "华星集团公布第三季度业绩。\n\n该季度,华星集团实现营收1042亿元,同比增长12.9%。"
    rows = _by("period", text, "2025-10-21")
    assert rows["1042亿元"] == rows["12.9%"] == "2025-Q3"


# An undated article cannot place '今年前三季度': the figure's period is unknown, not
# the quarter the article reports on (a nine months' revenue is no quarter's); '期内'
# refers back to that span.
def test_a_span_the_article_cannot_place_leaves_the_period_unknown():
    text = ("华星集团发布2025年三季报。\n\n"
            "财报显示,今年前三季度,华星集团实现收入151.90亿元,同比增长23.7%。\n\n"
            "潮玩业务延续高增长态势,期内收入13.17亿元,同比增加87.9%。")
    rows = _by("period", text)
    assert rows["151.90亿元"] == rows["23.7%"] == rows["13.17亿元"] == rows["87.9%"] == ""


# An undated article's own year is not a horizon it looks ahead to: '预计至2026年底'
# says nothing about when '前11月' is, so the year-to-date span stays unplaced.
def test_a_horizon_year_ahead_is_not_the_articles_year():
    text = "华星电子前11月合并营收3.47兆元，年增32.8%。法人预计至2026年底产能将达10万片。"
    rows = _by("period", text)
    assert rows["3.47兆元"] == ""


def test_a_year_the_article_reports_on_still_dates_it():
    text = "华星电子2025年前11月合并营收3.47兆元，年增32.8%。"
    rows = _by("period", text)
    assert rows["3.47兆元"] == "2025-01/2025-11"


# A level (stores, employees, cash: cues.toml `stock`) holds at the end of the span
# read as its period; stores opened over the span are a flow of the span itself.
@pytest.mark.parametrize("text, surface, metric, period", [
    ("华星集团第三季度业绩公布。第三季度，全球门店总数达29214家，净新开门店3008家。", "29214", "store_count",
     "2025-09-30"),
    ("华星集团第三季度业绩公布。第三季度，全球门店总数达29214家，净新开门店3008家。", "3008",
     "store_net_additions", "2025-Q3"),
    ("截至今年6月底，华星集团于全球营运571家门店，今年上半年净增40间。", "571", "store_count", "2025-06-30"),
    ("Zentra Corp. had 12,000 employees in 2024.", "12,000", "employee_count", "2024-12-31"),
])
def test_a_level_holds_at_the_end_of_its_period(text, surface, metric, period):
    row = _rows(text, "2025-11-04")[surface]
    assert (row["metric"], row["period"]) == (metric, period)


def test_the_quarter_a_level_ended_is_what_later_figures_carry():
    text = "华星集团第三季度业绩公布。第三季度，全球门店总数达29214家。营收152亿元。"
    rows = _by("period", text, "2025-11-04")
    assert rows["152亿元"] == "2025-Q3"


# 'On an annual basis, revenue was ..., operating profit ... (operating margin 49%)':
# a whole-year phrase opening the sentence holds for every figure in it.
def test_a_whole_year_phrase_opening_the_sentence_holds_for_all_its_figures():
    text = ("Zentra Corp. posted fourth-quarter revenue of 3.2 trillion won. On an annual basis, revenue was "
            "9.7 trillion won, operating profit 4.7 trillion won (operating margin 49%).")
    rows = _by("period", text, "2026-01-29")
    assert rows["9.7 trillion won"] == rows["4.7 trillion won"] == rows["49%"] == "2025"


# '前11月' is the year to November, not the November inside its words; '10月与11月累计'
# is the two months together; '10月至11月' the range.
@pytest.mark.parametrize("text, surface, period", [
    ("华星电子前11月合并营收3.47兆元，年增32.8%。", "32.8%", "2025-01/2025-11"),
    ("华星电子10月与11月累计营收已达7,110.87亿元。", "7,110.87亿元", "2025-10/2025-11"),
    ("华星电子10月至11月营收7,110.87亿元。", "7,110.87亿元", "2025-10/2025-11"),
    ("华星电子11月营收3,436.14亿元。", "3,436.14亿元", "2025-11"),
])
def test_months_joined_into_a_span(text, surface, period):
    rows = _by("period", text, "2025-12-11")
    assert rows[surface] == period


# An undated article's year is read off its comparisons: '较2024年同期' (a year before) means this is
# 2025; '较2025年第二季度…环比' is the quarter before, in the same year, not the year after 2025.
# The base figure said right after its base date ('较2024年第三季度的98.6亿元') is of that date.
def test_a_quarter_on_quarter_base_does_not_move_the_articles_year():
    text = ("三季度总营收达到194.5亿元,较2024年第三季度的98.6亿元同比增长97.3%。"
            "三季度研发开支为12.1亿元,较2025年第二季度的10.9亿元环比增加11.4%。")
    rows = _by("period", text)  # undated: the year is read off the comparisons
    assert (rows["194.5亿元"], rows["98.6亿元"], rows["10.9亿元"]) == ("2025-Q3", "2024-Q3", "2025-Q2")


# 'up from 67.6% the previous quarter': that level holds one quarter before the sentence's; 'up 18.5%
# from the previous quarter' is a change whose base is that quarter, so it holds for the sentence's.
def test_a_level_of_the_previous_quarter_holds_one_quarter_before():
    text = ("Zentrova secured a record 70.2 percent market share in the second quarter of 2025, up from 67.6 "
            "percent the previous quarter. Zentrova posted US$30.24 billion in sales in the second quarter of "
            "2025, up 18.5 percent from the previous quarter.")
    rows = _by("period", text, "2025-09-02")
    assert (rows["70.2 percent"], rows["67.6 percent"], rows["18.5 percent"]) == ("2025-Q2", "2025-Q1", "2025-Q2")

"""Fiscal years and the day a share moved (docs/framing.md, 'Fiscal years' and 'The
day a share moved').  A fiscal period keeps the company's fiscal label (GUIDE.md):
a year is labelled by the calendar year it ends in, so a year ending in March 2026
is 2026 and its April-September 2025 half is 2026-H1.  Every expected value below
is read off the text."""
from __future__ import annotations

from ledger.framing import frame_text
from ledger.framing.fiscal import Fiscal


def _rows(text: str, published: str = "") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def test_a_march_year_half_is_labelled_by_the_year_it_ends_in():
    # an interim report on the six months to 30 September 2025: the first half of the
    # year to March 2026; the as-of day closes that half, the segment figures carry it
    text = ("波司登11月27日晚间发布了截至2025年9月30日止六个月的中期业绩。\n\n"
            "公告显示,截至2025年9月30日,波司登实现营收约89.28亿元人民币,同比上涨1.4%;"
            "归母净利润11.89亿元,同比增长5.28%。")
    rows = _rows(text)
    assert rows["约89.28亿元人民币"]["period"] == "2026-H1"
    assert rows["1.4%"]["period"] == "2026-H1"
    assert rows["11.89亿元"]["period"] == "2026-H1"


def test_an_english_interim_report_and_its_first_half_of_the_fiscal_year():
    # 'six months ended September 30, 2025' with 'interim results': April-September 2025;
    # 'the first half of the 2025/26 fiscal year' is the same half, 2026-H1
    text = ("BOSIDENG announced its interim results for the six months ended September 30, 2025. "
            "The group recorded revenue of RMB8.928 billion, a year-on-year increase of 1.4%.\n"
            "During the first half of the 2025/26 fiscal year, the brand down apparel segment remained the "
            "group's largest revenue contributor, generating approximately RMB6.568 billion, accounting for "
            "73.6% of total revenue and reflecting an 8.3% YoY growth.")
    rows = _rows(text)
    assert rows["RMB8.928 billion"]["period"] == "2026-H1"
    assert rows["approximately RMB6.568 billion"]["period"] == "2026-H1"
    assert rows["8.3%"]["period"] == "2026-H1"


def test_a_straddling_year_and_a_bare_as_of_day_with_no_year():
    # undated: '2025-2026年中期' names the half (2026-H1), '截至9月30日的6个月内' with
    # 中期报告 says the half ends in September: the year ends in March
    text = ("波司登(03998)披露2025-2026年中期报告。截至9月30日的6个月内,公司实现营业收入89.28亿元,"
            "同比增长1.4%。公司2025-2026年中期分配预案为:每股派息0.063港元。")
    rows = _rows(text)
    assert rows["89.28亿元"]["period"] == "2026-H1"
    assert rows["0.063港元"]["period"] == "2026-H1"


def test_a_june_year_half_ended_in_december():
    # an interim report on the six months to 31 December 2025 of a company whose year ends
    # in June: July-December 2025 is the first half of the year to June 2026, 2026-H1
    # (not the calendar 2025-H2)
    text = "某公司公布截至2025年12月31日止六个月的中期业绩。期内营收52.2亿元,同比增长10.4%。"
    rows = _rows(text, published="2026-02-20")
    assert rows["52.2亿元"]["period"] == "2026-H1"
    assert rows["10.4%"]["period"] == "2026-H1"


def test_a_calendar_half_stays_a_calendar_half():
    # a half ended in June in an interim report is the calendar first half: no fiscal label
    text = "某公司公布截至2025年6月30日止六个月的中期业绩。期内营收52.2亿元,同比增长10.4%。"
    assert _rows(text, published="2025-08-20")["52.2亿元"]["period"] == "2025-H1"


def test_the_full_year_of_a_fiscal_article_is_its_fiscal_year():
    # '今年9月底止的2026财年上半年': the year ends in March; the full-year forecast is of
    # the year to March 2026 (2026), not the calendar year of publication (2025); the
    # second half is October 2025 - March 2026, 2026-H2
    text = ("2025-12-12\n波司登(3998)今年9月底止的2026财年上半年业绩,收入和利润大致符合预期。\n\n"
            "而2026财年下半年对于集团而言是一个强势时期,羽绒外套业务收入一般占70%以上。"
            "管理层对维持全年业绩预期不变,预计收入增长10%。")
    rows = _rows(text, published="2025-12-12")
    assert rows["10%"]["period"] == "2026"
    assert rows["70%以上"]["period"] == "2026-H2"


def test_fiscal_labels_of_calendar_spans():
    march = Fiscal(3, 2026)
    assert march.label("2025-04/2025-09") == "2026-H1"
    assert march.label("2025-10/2026-03") == "2026-H2"
    assert march.label("2025-04/2025-06") == "2026-Q1"
    assert march.label("2025-04/2026-03") == "2026"
    assert march.label("2025-01/2025-09") == ""  # nine months from January: no part of this year
    assert march.part("2026-H1") == "2025-04/2025-09"
    june = Fiscal(6, 2026)
    assert june.label("2025-07/2025-12") == "2026-H1"
    assert june.part("2026-Q3") == "2026-01/2026-03"


def test_a_nine_months_span_keeps_its_own_year():
    # 'in the nine months ended September 30, 2025' told in February 2026: 2025's nine
    # months, not those of the year of publication
    text = ("HONG KONG, Feb 9 (Reuters) - The company's revenue increased 58% to 4.1 billion yuan in the "
            "nine months ended September 30, 2025, from 2.6 billion yuan in the same period a year ago.")
    rows = _rows(text, published="2026-02-09")
    assert rows["4.1 billion yuan"]["period"] == "2025-01/2025-09"


# --------------------------------------------------------------------------- the day a share moved


def test_a_weekday_said_of_a_share_move():
    # published Wednesday 29 October 2025; 'said Tuesday' is 28 October
    rows = _rows("Nvidia will take a 2.9 per cent stake in Nokia for $1 billion, Nokia said Tuesday, "
                 "sending its share price soaring almost 20 percent.", published="2025-10-29")
    assert rows["almost 20 percent"]["period"] == "2025-10-28"


def test_a_day_of_the_month_said_of_a_share_move():
    # published 4 November 2025: 3日 is 3 November
    rows = _rows("该公司股价3日下午上升12%,金百利克拉克则下滑15%。", published="2025-11-04")
    assert rows["12%"]["period"] == "2025-11-03"
    assert rows["15%"]["period"] == "2025-11-03"


def test_yesterday_holds_for_every_figure_of_the_sentence():
    # 昨日 in a column of 12 December: the close and its fall are of 11 December
    rows = _rows("2025-12-12\n波司登昨日收报4.8元,跌0.01元,跌幅0.21%。", published="2025-12-12")
    assert rows["4.8元"]["period"] == "2025-12-11"
    assert rows["0.21%"]["period"] == "2025-12-11"


def test_a_weekday_not_yet_come_is_last_weeks():
    # published Tuesday 27 January 2026: 周五 (Friday) has not come this week, so it is
    # Friday 23 January; 周一 (Monday) is 26 January
    rows = _rows("该股周五收市价21.63欧元。", published="2026-01-27")
    assert rows["21.63欧元"]["period"] == "2026-01-23"
    rows = _rows("该股周一收市价21.63欧元。", published="2026-01-27")
    assert rows["21.63欧元"]["period"] == "2026-01-26"


def test_an_undated_article_reads_no_weekday():
    # with no published date the weekday cannot be placed: the price stays undated
    rows = _rows("Nokia said Tuesday, sending its share price soaring almost 20 percent.")
    assert rows["almost 20 percent"]["period"] == ""


def test_a_year_ended_in_a_month_is_that_fiscal_year():
    # '截至2025年12月31日止年度' is the calendar year 2025; a year ended on 31 October 2025 is
    # the fiscal year labelled 2025 (November 2024 - October 2025), in both languages
    rows = _rows("华锐星控股公布截至2025年12月31日止年度的收入为751.8亿元。", "2026-03-20")
    assert rows["751.8亿元"]["period"] == "2025"
    rows = _rows("截至2025年10月31日的年度,瀾舟銀行淨利潤為204億加元。", "2025-12-04")
    assert rows["204億加元"]["period"] == "2025"
    rows = _rows("For the fiscal year ended October 31, 2025, Zentrova Holdings reported revenue of "
                 "$5.2 billion.", "2025-12-04")
    assert rows["$5.2 billion"]["period"] == "2025"


def test_a_year_ending_in_a_month_without_its_year_is_the_last_one_ended():
    # published 4 December 2025: the fiscal year ending October 31 last ended in 2025, and its
    # fourth quarter is August - October 2025 (2025-Q4 of that year)
    rows = _rows("For its fiscal year ending Oct. 31, Zentrova Holdings had net income of $20.4 billion. "
                 "In the fourth quarter revenue was $1.5 billion.", "2025-12-04")
    assert rows["$20.4 billion"]["period"] == "2025"
    assert rows["$1.5 billion"]["period"] == "2025-Q4"


def test_a_nine_month_period_ending_a_month_is_that_span():
    rows = _rows("For the nine-month period ending December 31, 2024, Quilbrook's net sales dropped "
                 "16.3 percent to 88.9 billion yen.")
    assert rows["88.9 billion yen"]["period"] == "2024-04/2024-12"

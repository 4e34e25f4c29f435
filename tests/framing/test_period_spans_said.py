"""Periods said as spans of months and as the same part of another year (docs/framing.md,
'Periods'): 'the three months through September', 'the quarter ended in September',
'the July-to-September period', 'the September quarter', 'the first six months';
a year named for its report ('2025 interim results') and a year said as the same part
of another year ('2024年同期', 'the same period of 2024'); a quarter both numbered and
said by the month it ends in ('Q3 ... the quarter ending December') telling a fiscal year.
The companies are invented; every expected period is read off the text and its date."""
from __future__ import annotations

import pytest

from ledger.framing import frame_text
from ledger.framing.spans import ended_spans


def _rows(text: str, published: str = "") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


@pytest.mark.parametrize("phrase, months, month, year", [
    ("in the three months through september", 3, 9, None),
    ("in the three months to september 30, 2025", 3, 9, 2025),
    ("for the quarter ended in september", 3, 9, None),
    ("in the quarter ending december 2022", 3, 12, 2022),
    ("in the july-to-september period", 3, 9, None),
    ("in the july-september quarter", 3, 9, None),
    ("in the july to september quarter", 3, 9, None),
    ("for the september quarter", 3, 9, None),
    ("in the december 2024 quarter", 3, 12, 2024),
    ("in the six months to june", 6, 6, None),
    ("the half-year to december 31, 2025", 6, 12, 2025),
    ("in the april-september half", 6, 9, None),
    ("the nine months through september 2025", 9, 9, 2025),
    ("the year to march", 12, 3, None),
    ("six months ended 30 june 2025", 6, 6, 2025),
    ("the year ended 31 march 2025", 12, 3, 2025),
])
def test_spans_of_months_said_in_english(phrase, months, month, year):
    spans = ended_spans(phrase)
    assert [(s.months, s.month, s.year) for s in spans] == [(months, month, year)]


# guards: each passes before the span grammar grew too
@pytest.mark.parametrize("text", [
    "the decrease quarter",  # 'dec' opens no month here
    "from may to june months",  # two months are no span an account is given for
    "the quarter ended october 31",  # a quarter ended in October is a fiscal one
    "fiscal 2026: the quarter ended in september",  # an article on a fiscal year names its quarters
])
def test_no_span_where_none_is_said(text):
    assert ended_spans(text) == []


def test_a_quarter_said_by_its_months_is_that_quarter_and_its_month_no_event():
    text = ("Varnholt Lines posted a net profit of NT$17.46 billion in the three months through September, "
            "up 98% from a year earlier, Varnholt Lines said.")
    rows = _rows(text, "2025-11-13")
    assert rows["NT$17.46 billion"]["period"] == "2025-Q3"
    assert "September" not in rows  # the month ends the span: no exclusivity date of its own


def test_a_month_range_period_is_a_calendar_quarter():
    text = "Analysts had expected Brennick Motors to post an operating loss of 611 million euros in the July-to-September period."
    assert _rows(text, "2025-10-24")["611 million euros"]["period"] == "2025-Q3"


def test_the_first_six_months_are_the_first_half():
    text = "Corvale Foods said revenue rose 4% to $5.2 billion in the first six months."
    assert _rows(text, "2025-08-20")["$5.2 billion"]["period"] == "2025-H1"


def test_a_year_before_its_interim_report_is_that_half():
    text = ("Tamsett Stores announced its 2025 interim results, reporting revenue of approximately "
            "HK$3.931 billion, representing a 3% decrease year-on-year.")
    rows = _rows(text)
    assert rows["approximately HK$3.931 billion"]["period"] == "2025-H1"
    assert rows["3%"]["period"] == "2025-H1"


def test_a_year_said_as_the_same_period_is_the_reported_half_in_that_year():
    # '(2024年同期为395.63亿港元)': the base of the first-half figure is the first half of
    # 2024, and the growth said before it is the first half of 2025's
    text = "泽川集团公布中期业绩。公司2025年上半年收益为457.74亿港元,同比增长16%(2024年同期为395.63亿港元)。"
    rows = _rows(text)
    assert rows["457.74亿港元"]["period"] == "2025-H1"
    assert rows["16%"]["period"] == "2025-H1"
    assert rows["395.63亿港元"]["period"] == "2024-H1"


def test_the_same_period_of_a_year_in_english():
    text = ("Quenmark reported third-quarter results. Revenue was RMB 192.9 billion, "
            "compared with RMB 167.2 billion in the same period of 2024.")
    rows = _rows(text, "2025-11-13")
    assert rows["RMB 192.9 billion"]["period"] == "2025-Q3"
    assert rows["RMB 167.2 billion"]["period"] == "2024-Q3"


def test_a_relative_same_period_is_no_year_of_its_own():
    # a guard (it passes before the same-period rule too): '由去年同期1.77亿元减至1.08亿元': 去年同期 is the base of the change; the later figure
    # keeps the half the article reports on
    text = ("泽川科技发布2025年中期业绩。创新业务收入由去年同期1.77亿元减至1.08亿元。")
    assert _rows(text)["1.08亿元"]["period"] == "2025-H1"


def test_a_numbered_quarter_ended_in_december_tells_a_year_ending_in_march():
    # 'Q3 results ... the quarter ending December 2022': the third quarter ends in December,
    # so the bank's year ends in March and the quarter is the third of fiscal 2023
    text = ("Halvern Bank Q3 results\n"
            "Halvern Bank said net profit grew 34.2% to Rs.8312 crores in the quarter ending December 2022.")
    assert _rows(text)["34.2%"]["period"] == "2023-Q3"


def test_a_half_year_ended_in_september_is_a_fiscal_first_half():
    text = ("Dunmore Ports reported operating revenue of Rs 14,627 crore in H1 FY25. "
            "Dunmore Ports said EBITDA increased 21 per cent to Rs 9,217 crore in the April-September period.")
    rows = _rows(text)
    assert rows["Rs 14,627 crore"]["period"] == "2025-H1"
    assert rows["Rs 9,217 crore"]["period"] == "2025-H1"


def test_a_calendar_span_is_given_out_with_its_calendar_label():
    text = "泽川科技2025年1-6月营收为120亿元。"
    assert _rows(text)["120亿元"]["period"] == "2025-H1"


def test_underlying_profit_is_another_figure_than_the_reported_one():
    text = "If exceptional items are excluded, Pellworth's underlying net profit is up 14% to $1.35 billion."
    assert _rows(text, "2025-11-13")["$1.35 billion"]["metric"] == "adjusted_net_profit"

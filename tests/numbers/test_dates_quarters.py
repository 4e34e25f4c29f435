"""Quarter and half-year dates (ledger/numbers/dates.py): the English wordings the
mention finder reads, and the year-less periods framing resolves against the
published date (dates.bare_periods)."""
from __future__ import annotations

import datetime

import pytest

from ledger.numbers import dates, find_mentions

PUB = datetime.date(2025, 8, 20)


def date_values(text: str, published=PUB) -> list[tuple[str, str]]:
    return [(m.surface, m.value) for m in find_mentions(text, published=published) if m.kind == "date"]


@pytest.mark.parametrize("text, want", [
    # the calendar quarter a phrase names
    ("revenue for the first quarter of 2025 rose", [("first quarter of 2025", "2025-Q1")]),
    ("in the fourth quarter 2024", [("fourth quarter 2024", "2024-Q4")]),
    ("the 3rd quarter of 2024", [("3rd quarter of 2024", "2024-Q3")]),
    ("Second-quarter of 2025", [("Second-quarter of 2025", "2025-Q2")]),
    # a quarter of a fiscal year keeps its fiscal label (FY2026 is 2026, its second quarter 2026-Q2)
    ("the second quarter of fiscal 2026", [("second quarter of fiscal 2026", "2026-Q2")]),
    ("Q2 FY2026 revenue", [("Q2 FY2026", "2026-Q2")]),
    ("in Q4 of 2024", [("Q4 of 2024", "2024-Q4")]),
    ("2026财年第二季度营收", [("2026财年第二季度", "2026-Q2")]),
    # 'last December' told in August 2025: December 2024; 'last May': May 2025
    ("valued in a round last December.", [("last December", "2024-12")]),
    ("a round last May.", [("last May", "2025-05")]),
    # 'for 2025' names the year like 'in 2025'
    ("its forecast for 2025 to $69 billion", [("2025", "2025")]),
])
def test_english_and_fiscal_quarter_dates(text, want):
    assert date_values(text) == want


def test_last_month_name_needs_a_published_month():
    assert date_values("in a round last December.", published=None) == [("last December", None)]


def B(text: str, published: str = "2025-05-15") -> list[tuple[str, str, bool]]:
    low = text.lower()
    return [(low[b.start : b.end], b.value, b.begun) for b in dates.bare_periods(low, published)]


@pytest.mark.parametrize("text, want", [
    # told on 15 May 2025: the first quarter of 2025 has begun (and ended)
    ("第一季度营收", [("第一季度", "2025-Q1", True)]),
    ("一季度营收", [("一季度", "2025-Q1", True)]),
    ("第二季營收", [("第二季", "2025-Q2", True)]),
    # the fourth quarter and the second half begin after May: not begun
    ("第四季度", [("第四季度", "2025-Q4", False)]),
    ("下半年", [("下半年", "2025-H2", False)]),
    ("上半年营收", [("上半年", "2025-H1", True)]),
    ("有望在年底前突破", [("年底", "2025-11/2025-12", False)]),
    ("third-quarter revenue", [("third-quarter", "2025-Q3", False)]),
    ("Q1 revenue", [("q1", "2025-Q1", True)]),
    ("in the first half", [("first half", "2025-H1", True)]),
])
def test_yearless_periods(text, want):
    assert B(text) == want


@pytest.mark.parametrize("text", [
    # a year or relative year is part of the mention itself, not a year-less period
    "2025年第二季度", "今年上半年", "去年底", "Q3 2025", "Q3 of 2025", "the second quarter of 2025", "first half of 2025",
    # not periods: the first three quarters, every year-end, year-to-date, a hotel, a TV season's 季节
    "前三季度", "每年底", "年初至今", "四季酒店", "第二季节",
])
def test_not_yearless_periods(text):
    assert B(text) == []


def test_yearless_periods_need_a_published_date():
    assert dates.bare_periods("第一季度", None) == []


@pytest.mark.parametrize("period, want", [
    ("2025", "2024"), ("2025-Q1", "2024-Q1"), ("2025-H2", "2024-H2"), ("2025-11/2025-12", "2024-11/2024-12"),
])
def test_year_before(period, want):
    assert dates.year_before(period) == want

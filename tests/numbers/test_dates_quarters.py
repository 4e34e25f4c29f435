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


# The compact labels of results releases and broker notes.  Expected values by arithmetic:
# quarter q is months 3q-2 .. 3q; a two-digit year yy is 20yy; 'first to q-th quarter' is
# months 1 .. 3q; 9M is months 1 .. 9; a fiscal label keeps its year (FY26 is 2026).
_YEARS = [(2, 2002), (19, 2019), (25, 2025), (26, 2026), (99, 2099)]


@pytest.mark.parametrize("yy, year", _YEARS)
@pytest.mark.parametrize("q", [1, 2, 3, 4])
def test_compact_quarter_labels(yy, year, q):
    want = f"{year}-Q{q}"
    for form in (f"{q}Q{yy:02d}", f"{q}Q{year}", f"{year}Q{q}", f"{year} Q{q}", f"Q{q}FY{yy:02d}",
                 f"Q{q} FY{yy:02d}", f"Q{q}FY{year}"):
        assert date_values(f"Revenue in {form} rose 5%.") == [(form, want)], form
        assert date_values(f"公司{form}营收增长5%。") == [(form, want)], form


@pytest.mark.parametrize("yy, year", _YEARS)
def test_compact_half_nine_month_and_range_labels(yy, year):
    h1, h2 = f"{year}-H1", f"{year}-H2"
    for form, want in ((f"1H{yy:02d}", h1), (f"2H{yy:02d}", h2), (f"1H{year}", h1), (f"{year}H2", h2),
                       (f"H1 FY{yy:02d}", h1), (f"1HFY{yy:02d}", h1), (f"9M{year}", f"{year}-01/{year}-09"),
                       (f"9M{yy:02d}", f"{year}-01/{year}-09"), (f"1-3Q{yy:02d}", f"{year}-01/{year}-09"),
                       (f"1‑2Q{yy:02d}", h1), (f"FY{yy:02d}", str(year))):
        assert date_values(f"Net profit in {form} rose 5%.") == [(form, want)], form


def test_the_second_quarter_of_a_two_digit_fiscal_year():
    text = "a net profit of ₹18,641.28 crore during the second quarter of FY26, up 10.8%"
    assert date_values(text) == [("second quarter of FY26", "2026-Q2")]


@pytest.mark.parametrize("text", [
    "3M reported revenue of $6 billion.",  # a company, not three months
    "The 5G network grew 3%.",
    "Part 3Q7 costs $5.",  # a code, no two-digit year after Q
    "Order Q3X2 was shipped.",
    "It raised $9m 25 days ago.",  # nine million dollars, then a count of days (a guard)
])
def test_what_looks_like_a_compact_label_but_is_none(text):
    assert date_values(text) == []

"""Weekdays and month-less days read back from the published day
(:func:`ledger.numbers.dates.day_words`): news tells what has happened, so the
day is the latest such day on or before publication."""
from __future__ import annotations

from ledger.numbers.dates import day_words


def _values(text: str, published: str | None) -> list[str]:
    return [d.value for d in day_words(text, published)]


def test_weekdays_before_and_on_the_published_day():
    # 2025-10-29 is a Wednesday
    assert _values("said tuesday", "2025-10-29") == ["2025-10-28"]
    assert _values("周三收市", "2025-10-29") == ["2025-10-29"]  # the day itself
    assert _values("周四收市", "2025-10-29") == ["2025-10-23"]  # not yet come: last week's
    assert _values("星期日", "2025-10-29") == ["2025-10-26"]


def test_days_of_the_month():
    assert _values("股价3日下午上升", "2025-11-04") == ["2025-11-03"]
    assert _values("二十八日在华府", "2025-10-30") == ["2025-10-28"]
    assert _values("周三 (17 日) 盘后", "2025-12-18") == ["2025-12-17", "2025-12-17"]
    # a day still to come this month is last month's; a 31st skips a 30-day month
    assert _values("30日", "2025-12-02") == ["2025-11-30"]
    assert _values("31日", "2025-12-02") == ["2025-10-31"]


def test_what_is_no_day():
    # within three days, a 30-day moving average, a weekday of 'this week' (a date of the
    # master pattern), a full date, no published day
    assert _values("3日内完成; 30日均线; 本周一; 11月3日; 2025年6月30日", "2025-12-18") == []
    assert _values("said tuesday", None) == []
    assert _values("said tuesday", "2025-10") == []

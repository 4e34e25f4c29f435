"""Implied precision of stated figures and ISO periods as day intervals."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import intervals
from ledger.crosscheck.pairs import precisions
from tests.claims_factory import claim, ledger


def test_effective_bounds_widen_only_unhedged_figures():
    rows = ledger(
        claim("s", "27%", "equity_stake", 0.27, kind="percent"),                                    # exact
        claim("s", "约27%", "equity_stake", 0.27, kind="percent", low=0.25, high=0.29, qualifier="about"),
        claim("s", "超过10倍", "return_multiple", 10, kind="multiple", low=10, high=math.nan, qualifier="over"),
        claim("s", "3万亿美元", "market_cap", 3e12, low=math.nan, high=3e12, qualifier="under"),
    )
    lo, hi = intervals.effective_bounds(rows, precisions(rows["surface"], 0.005))
    assert (lo[0], hi[0]) == (pytest.approx(0.265), pytest.approx(0.275))
    assert (lo[1], hi[1]) == (0.25, 0.29)
    assert lo[2] > 10 and lo[2] == pytest.approx(10) and hi[2] == np.inf   # over: the bound itself is excluded
    assert lo[3] == -np.inf and hi[3] < 3e12 and hi[3] == pytest.approx(3e12)


@pytest.mark.parametrize("period,first,last", [
    ("2023", "2023-01-01", "2023-12-31"),
    ("2023-10", "2023-10-01", "2023-10-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),   # leap year
    ("2025-03-11", "2025-03-11", "2025-03-11"),
    ("2023-Q4", "2023-10-01", "2023-12-31"),
    ("2023-H2", "2023-07-01", "2023-12-31"),
    ("2023-11/2023-12", "2023-11-01", "2023-12-31"),   # 2023年底
    ("2025-02-21/2025-02-28", "2025-02-21", "2025-02-28"),  # 2月底
])
def test_period_days(period, first, last):
    a, b = intervals.period_days(period)
    assert (intervals.day_text(a), intervals.day_text(b)) == (first, last)


@pytest.mark.parametrize("period", ["", "late 2023", "2023-13", "2023-Q5", "2024/2023", "2023/2024/2025"])
def test_unknown_or_bad_periods(period):
    assert all(math.isnan(x) for x in intervals.period_days(period))


def test_bad_periods_are_listed():
    import pandas as pd
    assert intervals.bad_periods(pd.Series(["", "2023", "late 2023"])) == ["late 2023"]


@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_a_day_lies_in_its_month_quarter_half_and_year(day):
    d = day.toordinal()
    q, h = (day.month - 1) // 3 + 1, (day.month - 1) // 6 + 1
    for period in (f"{day:%Y}", f"{day:%Y-%m}", f"{day:%Y-%m-%d}", f"{day.year}-Q{q}", f"{day.year}-H{h}"):
        a, b = intervals.period_days(period)
        assert a <= d <= b


@given(st.floats(1e-6, 1e13), st.sampled_from(["{:.0f}", "{:.1f}", "{:.2f}"]))
def test_exact_value_lies_inside_its_rounding(value, pattern):
    surface = pattern.format(value) + "亿"
    rows = ledger(claim("s", surface, "revenue", value))
    lo, hi = intervals.effective_bounds(rows, precisions(rows["surface"], 0.005))
    assert lo[0] <= value <= hi[0]

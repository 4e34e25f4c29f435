"""What a ledger row may hold: the vocabularies, value ranges and periods,
and the rules over whole rows as data (each a vectorised test, True = fine,
NaN-safe, and an explanation with a fix).  :mod:`ledger.claims.schema` turns
them into the pandera model's named checks.

Ranges: a ratio metric (a stake, a share) lies in [0, 1]; money, times, count
and duration values are >= 0; a metric may override this with ``min`` / ``max``
in ``lexicon/metrics.toml`` (revenue_growth: [-1, inf), 700% growth is 7.0).
Values in ``percentage_point`` are not range-checked.
"""
from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ledger import csvio
from ledger.csvio import format_float
from ledger.errors import Code
from ledger.intervals import parse_period
from ledger.record import (
    KINDS,
    MODALITIES,
    ORIGINS,
    QUALIFIERS,
    STATUSES,
    metrics,
    parse_confidence_detail,
    value_range,
)
from ledger.record import dimension as _dimension
from ledger.units import DIMENSION_UNITS, KIND_UNITS, LEDGER_UNITS

# --------------------------------------------------------------------------- periods


def is_period(text: str) -> bool:
    try:
        parse_period(text)
    except ValueError:
        return False
    return True


def detail_ok(text: str) -> bool:
    try:
        parse_confidence_detail(text)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- vocabularies

def vocabularies() -> dict[str, tuple[str, ...]]:
    return {
        "kind": KINDS, "modality": MODALITIES, "status": STATUSES, "origin": ORIGINS,
        "qualifier": QUALIFIERS, "unit": tuple(sorted(LEDGER_UNITS)), "metric": tuple(metrics()),
    }


# --------------------------------------------------------------------------- distinct values


#: While :func:`remembering` a frame: its column codes and row codes, computed once per frame.
_memo = threading.local()


@contextmanager
def remembering(df: pd.DataFrame) -> Iterator[None]:
    """Within the block, :func:`row_codes` of ``df`` factorizes each column
    once and each set of columns once (the row rules ask for (metric, unit)
    four times, and the checks across rows for source and claim_id again)."""
    before = getattr(_memo, "state", None)
    _memo.state = (df, {})
    try:
        yield
    finally:
        _memo.state = before


def _remembered(df: pd.DataFrame) -> dict | None:
    state = getattr(_memo, "state", None)
    return state[1] if state is not None and state[0] is df else None


def column_codes(df: pd.DataFrame, name: str) -> tuple[np.ndarray, int]:
    """Each row's number among the distinct values of column ``name`` (in order
    of first appearance) and how many there are."""
    memo = _remembered(df)
    if memo is not None and name in memo:
        return memo[name]
    codes, uniques = pd.factorize(df[name], use_na_sentinel=False)
    out = (codes, len(uniques))
    if memo is not None:
        memo[name] = out
    return out


def row_codes(df: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    """Each row's number among the distinct combinations of ``columns``
    (0, 1, 2, ... in order of first appearance)."""
    memo = _remembered(df)
    if memo is not None and columns in memo:
        return memo[columns]
    key = np.zeros(len(df), dtype=np.int64)
    for name in columns:
        codes, size = column_codes(df, name)
        key = pd.factorize(key * size + codes)[0]
    if memo is not None:
        memo[columns] = key
    return key


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The first row of each code of :func:`row_codes` (codes appear first in order 0, 1, 2, ...)."""
    seen = np.maximum.accumulate(codes) if len(codes) else codes
    return np.flatnonzero(codes > np.r_[-1, seen[:-1]])


def distinct_rows(df: pd.DataFrame, columns: tuple[str, ...]) -> tuple[np.ndarray, list[tuple]]:
    """The distinct combinations of ``columns`` (in order of first
    appearance) and, for each row, the number of its combination: a rule
    over a few text columns runs once per combination, not once per row."""
    codes = row_codes(df, columns)
    first = first_rows(codes)
    values = [df[name].iloc[first].tolist() for name in columns]
    return codes, list(zip(*values))


def by_distinct(df: pd.DataFrame, columns: tuple[str, ...], test: Callable[..., bool]) -> pd.Series:
    """``test(*values)`` of each row's ``columns`` as a boolean Series,
    computed once per distinct combination."""
    inverse, combos = distinct_rows(df, columns)
    good = np.array([bool(test(*values)) for values in combos], dtype=bool)
    return pd.Series(good[inverse], index=df.index, dtype=bool)


def each_distinct(values: pd.Series, test: Callable[[str], bool]) -> pd.Series:
    """``test(value)`` of each cell, computed once per distinct value (a
    column check of the pandera model: periods, confidence_detail)."""
    return pd.Series(csvio.each_distinct(values, test), index=values.index, dtype=bool)


@dataclass(frozen=True)
class RowRule:
    """A rule over whole rows: ``ok(df)`` is a boolean Series (True = fine);
    the problem is reported on ``field``; ``explain(row)`` gives (reason, hint)."""

    code: str
    field: str
    ok: Callable[[pd.DataFrame], pd.Series]
    explain: Callable[[Any], tuple[str, str]]  # a failing row's cells by column name -> (reason, hint)


REVIEWED = ("confirmed", "corrected", "disputed")
_KIND_WORDS = {
    "money": "a currency (USD, CNY, HKD, ...)", "percent": "ratio (27% is 0.27)",
    "percentage_point": "percentage_point", "multiple": "times", "count": "count",
    "duration": "day, week, month or year", "date": "date",
}


def _is_date(df: pd.DataFrame) -> pd.Series:
    return (df["kind"] == "date") | (df["unit"] == "date")


def _fmt(x: float) -> str:
    return format_float(x) if not math.isinf(x) else ("inf" if x > 0 else "-inf")


# --------------------------------------------------------------------------- spans and values


def _span_ok(df):
    return df["end"] > df["start"]


def _span_why(row):
    return (f"end must be after start ({row['start']})",
            "end is one past the number's last character: start + len(surface)")


def _value_needed(df):
    return _is_date(df) | df["value"].notna()


def _value_needed_why(row):
    return (f"empty, but kind is {row['kind']!r}",
            "give the value in canonical units (money in currency units, 27% as 0.27, 10倍 as 10)")


def _low_ok(df):
    return df["value_low"].isna() | df["value"].isna() | (df["value_low"] <= df["value"])


def _low_why(row):
    return (f"value_low is above value ({_fmt(row['value'])})",
            "value_low <= value <= value_high; swap them or fix the value")


def _high_ok(df):
    return df["value_high"].isna() | df["value"].isna() | (df["value"] <= df["value_high"])


def _high_why(row):
    return (f"value_high is below value ({_fmt(row['value'])})",
            "value_low <= value <= value_high; swap them, or leave value_high empty for an open bound")


def _date_values_ok(df):
    return ~_is_date(df) | (df["value"].isna() & df["value_low"].isna() & df["value_high"].isna())


def _date_values_why(row):
    return ("a date claim carries no value",
            "leave value, value_low and value_high empty; the date goes in period (e.g. 2025-10-28)")


def _date_period_ok(df):
    return ~_is_date(df) | (df["period"] != "")


def _date_period_why(row):
    return ("empty, but a date claim keeps its date here",
            "write the claimed date: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or A/B (年底 = YYYY-11/YYYY-12)")


# --------------------------------------------------------------------------- units


def _kind_unit_fits(kind: str, unit: str) -> bool:
    return kind not in KIND_UNITS or unit not in LEDGER_UNITS or unit in KIND_UNITS[kind]


def _kind_unit_ok(df):
    return by_distinct(df, ("kind", "unit"), _kind_unit_fits)


def _kind_unit_why(row):
    return (f"unit does not fit kind {row['kind']!r}",
            f"kind {row['kind']} takes {_KIND_WORDS.get(row['kind'], '?')}; fix the unit or the kind")


def _metric_unit_fits(metric: str, unit: str) -> bool:
    dim = _dimension(metric)
    return dim is None or unit not in LEDGER_UNITS or unit in DIMENSION_UNITS[dim]


def _metric_unit_ok(df):
    return by_distinct(df, ("metric", "unit"), _metric_unit_fits)


def _metric_unit_why(row):
    dim = _dimension(row["metric"])
    assert dim is not None  # the rule only fails for a known metric
    return (f"metric {row['metric']!r} is measured in {dim}",
            f"use {', '.join(DIMENSION_UNITS[dim][:4])}{', ...' if dim == 'money' else ''} "
            "or pick the metric that fits the number")


def _in_range(metric: str, unit: str, v: float) -> bool:
    applies, lo, hi = _range_of(metric, unit)
    return math.isnan(v) or not applies or lo <= v <= hi


def _range_of(metric: str, unit: str) -> tuple[bool, float, float]:
    """(the metric's range applies to a value in this unit, its min, its max)."""
    rng, dim = value_range(metric), _dimension(metric)
    fits = dim is not None and unit in DIMENSION_UNITS[dim] and unit != "percentage_point"
    return (True, *rng) if rng is not None and fits else (False, -math.inf, math.inf)


def _range_ok(column: str):
    """A bound is only checked when the value itself is in range (one error for 27/27/27)."""

    def ok(df):
        inverse, combos = distinct_rows(df, ("metric", "unit"))
        table = np.array([_range_of(m, u) for m, u in combos], dtype=float).reshape(-1, 3)
        applies, lo, hi = (table[inverse, i] for i in range(3))

        def fits(x: np.ndarray) -> np.ndarray:
            return np.isnan(x) | (applies == 0) | ((lo <= x) & (x <= hi))

        good = fits(df[column].to_numpy(dtype=float))
        if column != "value":
            good |= ~fits(df["value"].to_numpy(dtype=float))
        return pd.Series(good, index=df.index, dtype=bool)

    return ok


def _range_why(column: str):
    def why(row):
        rng = value_range(row["metric"])
        assert rng is not None  # the rule only fails for a metric with a range
        lo, hi = rng
        dim = metrics()[row["metric"]]["dimension"]
        hint = ("write percentages as fractions (27% is 0.27)" if dim == "ratio" and row[column] > hi
                else "check the number against the article")
        return f"{column} outside [{_fmt(lo)}, {_fmt(hi)}] for metric {row['metric']!r}", hint

    return why


# --------------------------------------------------------------------------- framing and review


def lowest_confidence(text: str) -> float:
    """The lowest confidence of a confidence_detail; NaN when it is empty or malformed."""
    try:
        detail = parse_confidence_detail(text) if text else None
    except ValueError:
        detail = None
    return min(detail.values()) if detail else math.nan


def _confidence_ok(df):
    inverse, combos = distinct_rows(df, ("confidence_detail",))
    low = np.array([lowest_confidence(d) for (d,) in combos], dtype=float)[inverse]
    c = df["confidence"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        good = np.isnan(c) | np.isnan(low) | (np.abs(c - low) < 1e-6)
    return pd.Series(good, index=df.index, dtype=bool)


def _confidence_why(row):
    low = min(parse_confidence_detail(row["confidence_detail"]).values())
    return (f"is not the lowest per-field confidence in confidence_detail ({_fmt(low)})",
            f"set it to {_fmt(low)}, or fix confidence_detail")


def _framed_ok(column: str):
    return lambda df: ~df["status"].isin(REVIEWED) | (df[column] != "")


def _framed_why(column: str):
    return lambda row: (f"empty on a row with status {row['status']!r}",
                        f"a reviewed claim needs its {column}; fill it or set status=unreviewed")


RULES: list[RowRule] = [
    RowRule(Code.EMPTY_SPAN, "end", _span_ok, _span_why),
    RowRule(Code.VALUE_REQUIRED, "value", _value_needed, _value_needed_why),
    RowRule(Code.BOUNDS_ORDER, "value_low", _low_ok, _low_why),
    RowRule(Code.BOUNDS_ORDER, "value_high", _high_ok, _high_why),
    RowRule(Code.DATE_HAS_VALUE, "value", _date_values_ok, _date_values_why),
    RowRule(Code.DATE_NEEDS_PERIOD, "period", _date_period_ok, _date_period_why),
    RowRule(Code.KIND_UNIT, "unit", _kind_unit_ok, _kind_unit_why),
    RowRule(Code.METRIC_UNIT, "unit", _metric_unit_ok, _metric_unit_why),
    *(RowRule(Code.VALUE_RANGE, c, _range_ok(c), _range_why(c)) for c in ("value", "value_low", "value_high")),
    RowRule(Code.CONFIDENCE_MISMATCH, "confidence", _confidence_ok, _confidence_why),
    RowRule(Code.REVIEWED_NEEDS_FRAMING, "subject", _framed_ok("subject"), _framed_why("subject")),
    RowRule(Code.REVIEWED_NEEDS_FRAMING, "metric", _framed_ok("metric"), _framed_why("metric")),
]

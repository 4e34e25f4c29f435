"""Intervals the cross-check compares: values with the precision the text
implies, and ISO periods as day ranges.

A stated figure carries the rounding of its last written digit (the rule
and its one implementation: :mod:`ledger.numbers.precision`); the caller
passes each claim's relative rounding.  Hedged claims keep the bounds the
ledger gives them (``value_low`` / ``value_high``); an empty bound is open
(±inf).

Periods (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Qn``, ``YYYY-Hn`` or
``A/B``) become inclusive day ordinals ``[first, last]``; an empty or
unreadable period is unknown (NaN).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

import numpy as np
import pandas as pd

#: Surfaces whose rounding applies: no hedge, or a hedge-free exact figure.
ROUNDED_QUALIFIERS = frozenset({"", "exact"})

_PERIOD = re.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?")


def effective_bounds(claims: pd.DataFrame, precision: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(low, high)`` arrays: the ledger's bounds, open bounds as ±inf, and a
    bound equal to the stated value widened by ``precision`` (each claim's
    relative rounding, :func:`ledger.numbers.precision.relative_precision` of
    its surface) when the claim is not hedged."""
    value = claims["value"].to_numpy(dtype=float)
    low = claims["value_low"].to_numpy(dtype=float).copy()
    high = claims["value_high"].to_numpy(dtype=float).copy()
    both_empty = np.isnan(low) & np.isnan(high) & ~np.isnan(value)
    qualifier = claims["qualifier"].fillna("")
    rounded = text_is(qualifier, list(ROUNDED_QUALIFIERS))
    # An unhedged claim with no bounds written states exactly its value.
    low[both_empty & rounded] = value[both_empty & rounded]
    high[both_empty & rounded] = value[both_empty & rounded]
    delta = np.abs(value) * precision
    widen_low = rounded & (low == value)
    widen_high = rounded & (high == value)
    low[widen_low] -= delta[widen_low]
    high[widen_high] += delta[widen_high]
    low[np.isnan(low)] = -np.inf
    high[np.isnan(high)] = np.inf
    # "over" / "under" exclude their bound: 超过3万亿 and 跌下3万亿 do not meet.
    low = np.where(text_is(qualifier, ["over"]), np.nextafter(low, np.inf), low)
    high = np.where(text_is(qualifier, ["under"]), np.nextafter(high, -np.inf), high)
    return low, high


def text_is(values: pd.Series, names: list[str]) -> np.ndarray:
    """Boolean array: the text is one of ``names`` (missing is not); in Arrow
    for Arrow text, else one C comparison per name on the object array
    (faster than ``isin`` for the few names asked here)."""
    if is_arrow(values):
        return values.isin(names).to_numpy(dtype=bool)
    text = values.to_numpy(dtype=object)
    hit = np.zeros(len(text), dtype=bool)
    for name in names:
        hit |= text == name
    return hit


def is_arrow(values: pd.Series) -> bool:
    """Text kept in Arrow (pandas 3's default ``str`` when pyarrow is installed)."""
    return getattr(values.dtype, "storage", None) == "pyarrow"


def text_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize`` of a text column, on its fastest form: Arrow text in
    Arrow (no Python string is made), other text as an object array (a
    Python-backed str Series factorizes 1.3-2x slower).  Missing values are
    code -1.  Returns ``(codes, uniques as an object array)``."""
    codes, uniques = pd.factorize(values if is_arrow(values) else values.to_numpy(dtype=object))
    return codes, np.asarray(uniques, dtype=object)


def first_rows(codes: np.ndarray) -> np.ndarray | None:
    """The first row of each code, when ``codes`` (none missing) number values
    in order of first appearance, as :func:`text_codes` does (each new code is
    the running maximum); else None."""
    if not len(codes) or codes.min() < 0:
        return None
    running = np.maximum.accumulate(codes)
    first = np.flatnonzero(np.diff(np.r_[-1, running]) > 0)
    if len(first) == running[-1] + 1 and (codes[first] == np.arange(len(first))).all():
        return first
    return None


#: Columns whose codes in a prepared ledger (``source_c``, ...) are :func:`text_codes`.
TEXT_CODED = ("source", "metric", "unit", "modality")


def column_codes(df: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`text_codes` of ``df[col]``, from the codes a prepared ledger
    holds in ``col + "_c"`` when they are those (no second factorize; the
    subject's and object's codes are entity keys', not their text's: their
    text's codes are ``subject_t`` and ``object_t``)."""
    held = f"{col}_t" if f"{col}_t" in df else f"{col}_c" if col in TEXT_CODED and f"{col}_c" in df else None
    if held is not None:
        codes = df[held].to_numpy(dtype=np.int64)
        first = first_rows(codes)
        if first is not None:
            return codes, df[col].iloc[first].to_numpy(dtype=object)
    return text_codes(df[col])


def point_values(claims: pd.DataFrame) -> np.ndarray:
    """The single figure a claim states: ``value``, else its finite bound."""
    value = claims["value"].to_numpy(dtype=float).copy()
    for col in ("value_low", "value_high"):
        bound = claims[col].to_numpy(dtype=float)
        gap = np.isnan(value)
        value[gap] = bound[gap]
    return value


# --------------------------------------------------------------------------- periods


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period: ``2025``, ``2025-10``, ``2025-10-28``,
    ``2025-Q3``, ``2025-H2`` or an interval ``A/B`` (``2023-11/2023-12``).
    Raises ValueError if it is none of these or is not a real date.  The one
    period parser: the schema checks with it, the cross-check compares with it."""
    if "/" in text:
        a, _, b = text.partition("/")
        first, last = parse_period(a)[0], parse_period(b)[1]
        if "/" in b or first > parse_period(b)[0]:
            raise ValueError(f"interval {text!r} runs backwards or is nested")
        return first, last
    m = _PERIOD.fullmatch(text)
    if not m:
        raise ValueError(f"not a period: {text!r}")
    year, month, day, quarter, half = m.groups()
    y = int(year)
    if day:
        d = dt.date(y, int(month), int(day))
        return d, d
    if month:
        first_month = last_month = int(month)
    elif quarter:
        first_month, last_month = 3 * int(quarter) - 2, 3 * int(quarter)
    elif half:
        first_month, last_month = 6 * int(half) - 5, 6 * int(half)
    else:
        first_month, last_month = 1, 12
    return dt.date(y, first_month, 1), dt.date(y, last_month, calendar.monthrange(y, last_month)[1])


@lru_cache(maxsize=65536)
def period_days(period: str) -> tuple[float, float]:
    """Inclusive day ordinals of an ISO period (:func:`parse_period`);
    ``(nan, nan)`` if unknown.

    >>> a, b = period_days("2023-11/2023-12"); (dt.date.fromordinal(int(a)), dt.date.fromordinal(int(b)))
    (datetime.date(2023, 11, 1), datetime.date(2023, 12, 31))
    """
    text = (period or "").strip()
    if not text:
        return (np.nan, np.nan)
    try:
        first, last = parse_period(text)
    except ValueError:
        return (np.nan, np.nan)
    return (float(first.toordinal()), float(last.toordinal()))


def date_bounds(claims: pd.DataFrame,
                periods: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Day interval a date claim states: its period, opened after the period
    for over/at_least (2030年后) and before it for under.  ``up_to`` (直至
    2032年, "until") states the date itself and stays closed."""
    first, last = periods if periods is not None else period_bounds(claims["period"])
    last = np.where(text_is(claims["qualifier"], ["over", "at_least"]) & ~np.isnan(last), np.inf, last)
    first = np.where(text_is(claims["qualifier"], ["under"]) & ~np.isnan(first), -np.inf, first)
    return first, last


def period_bounds(periods: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised :func:`period_days` (parses each distinct period once)."""
    codes, uniques = text_codes(periods.fillna(""))
    pairs = np.array([period_days(str(p)) for p in uniques], dtype=float).reshape(-1, 2)
    if not len(pairs):
        return np.zeros(0), np.zeros(0)
    return pairs[codes, 0], pairs[codes, 1]


def bad_periods(periods: pd.Series) -> list[str]:
    """Non-empty periods that do not parse (reported as notes, compared as unknown)."""
    return sorted({p for p in periods.fillna("").astype(str).unique() if p.strip() and np.isnan(period_days(p)[0])})


def day_text(ordinal: float) -> str:
    return dt.date.fromordinal(int(ordinal)).isoformat()

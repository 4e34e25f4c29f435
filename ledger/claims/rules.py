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
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ledger.csvio import format_float
from ledger.errors import Code
from ledger.intervals import parse_period
from ledger.record import KINDS, MODALITIES, ORIGINS, QUALIFIERS, STATUSES, metrics, value_range
from ledger.record import dimension as _dimension
from ledger.units import DIMENSION_UNITS, KIND_UNITS, LEDGER_UNITS

# --------------------------------------------------------------------------- periods


def is_period(text: str) -> bool:
    try:
        parse_period(text)
    except ValueError:
        return False
    return True


_DETAIL_ITEM = re.compile(r"([a-z_]+)=([0-9]*\.?[0-9]+)")


def parse_confidence_detail(text: str) -> dict[str, float]:
    """``'subject=0.9;metric=0.8'`` -> {'subject': 0.9, 'metric': 0.8}; ValueError if malformed."""
    out = {}
    for item in text.split(";"):
        m = _DETAIL_ITEM.fullmatch(item)
        if not m or not 0 <= float(m.group(2)) <= 1 or m.group(1) in out:
            raise ValueError(f"bad item {item!r}")
        out[m.group(1)] = float(m.group(2))
    return out


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


@dataclass(frozen=True)
class RowRule:
    """A rule over whole rows: ``ok(df)`` is a boolean Series (True = fine);
    the problem is reported on ``field``; ``explain(row)`` gives (reason, hint)."""

    code: str
    field: str
    ok: Callable[[pd.DataFrame], pd.Series]
    explain: Callable[[pd.Series], tuple[str, str]]


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


def _kind_unit_ok(df):
    return pd.Series([k not in KIND_UNITS or u not in LEDGER_UNITS or u in KIND_UNITS[k]
                      for k, u in zip(df["kind"], df["unit"])], index=df.index, dtype=bool)


def _kind_unit_why(row):
    return (f"unit does not fit kind {row['kind']!r}",
            f"kind {row['kind']} takes {_KIND_WORDS.get(row['kind'], '?')}; fix the unit or the kind")


def _metric_unit_ok(df):
    out = []
    for m, u in zip(df["metric"], df["unit"]):
        dim = _dimension(m)
        out.append(dim is None or u not in LEDGER_UNITS or u in DIMENSION_UNITS[dim])
    return pd.Series(out, index=df.index, dtype=bool)


def _metric_unit_why(row):
    dim = _dimension(row["metric"])
    assert dim is not None  # the rule only fails for a known metric
    return (f"metric {row['metric']!r} is measured in {dim}",
            f"use {', '.join(DIMENSION_UNITS[dim][:4])}{', ...' if dim == 'money' else ''} "
            "or pick the metric that fits the number")


def _in_range(metric: str, unit: str, v: float) -> bool:
    rng, dim = value_range(metric), _dimension(metric)
    fits = dim is not None and unit in DIMENSION_UNITS[dim] and unit != "percentage_point"
    return math.isnan(v) or rng is None or not fits or rng[0] <= v <= rng[1]


def _range_ok(column: str):
    """A bound is only checked when the value itself is in range (one error for 27/27/27)."""

    def ok(df):
        out = []
        for m, u, v, x in zip(df["metric"], df["unit"], df["value"], df[column]):
            out.append(_in_range(m, u, x) or (column != "value" and not _in_range(m, u, v)))
        return pd.Series(out, index=df.index, dtype=bool)

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


def _confidence_ok(df):
    out = []
    for c, d in zip(df["confidence"], df["confidence_detail"]):
        try:
            detail = parse_confidence_detail(d) if d else None
        except ValueError:
            detail = None
        out.append(math.isnan(c) or not detail or abs(c - min(detail.values())) < 1e-6)
    return pd.Series(out, index=df.index, dtype=bool)


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

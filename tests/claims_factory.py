"""Small hand-made ledgers for the cross-check tests.

``claim(...)`` fills every ledger column with a neutral default so each test
row states only what matters to it.  Values are canonical (27% -> 0.27,
130亿美元 -> 1.3e10 USD); an exact figure carries value_low = value_high = value.
"""
from __future__ import annotations

import math

import pandas as pd

from ledger.record import COLUMNS, claim_id

_UNITS = {"money": "USD", "percent": "ratio", "multiple": "times", "count": "count", "date": "date"}


def claim(source: str, surface: str, metric: str, value: float | None = None, *, subject: str = "Microsoft",
          object: str = "OpenAI", kind: str = "money", unit: str | None = None, period: str = "",
          modality: str = "actual", low: float | None = None, high: float | None = None,
          qualifier: str = "exact", status: str = "unreviewed", confidence: float = math.nan,
          quote: str | None = None, start: int = 0) -> dict:
    """One ledger row.  ``low``/``high`` default to ``value`` for exact
    claims; pass ``math.nan`` for an open bound."""
    nan = math.nan
    if value is not None and qualifier == "exact":
        low = value if low is None else low
        high = value if high is None else high
    row = {c: "" for c in COLUMNS}
    row.update(
        claim_id=claim_id(source, start, start + len(surface), surface + metric + period), source=source,
        start=start, end=start + len(surface), surface=surface, quote=quote or f"…{surface}…", kind=kind,
        subject=subject, object=object, metric=metric, period=period, modality=modality,
        value=nan if value is None else float(value), value_low=nan if low is None else float(low),
        value_high=nan if high is None else float(high), unit=unit or _UNITS.get(kind, "USD"),
        qualifier=qualifier, status=status, origin="manual", confidence=confidence,
    )
    return row


def ledger(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(COLUMNS))

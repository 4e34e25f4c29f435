"""The fast path of reading a ledger: the cells from pandas' C reader
(:func:`ledger.csvio.fast_table`), typed column by column.  Only cells that
fail typing are looked at one by one (with the slow path's own rule,
``ledger.claims.store._cell``), so file:line:column stays exact.  A file the
C reader could read differently from the line-tracking reader goes to that
reader instead: :func:`fast_cells` returns None.

Text is matched in Arrow when pandas keeps it there (pandas 3 with pyarrow),
else once per distinct value.
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ledger.csvio import each_distinct, fast_table, matches
from ledger.intervals import is_arrow
from ledger.record import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from ledger.textio import Stamp

#: Free-text columns: spaces around a value are part of it (as ledger.claims.store.FREE_TEXT_COLUMNS).
FREE_TEXT = ("surface", "quote", "note")

#: An offset the fast path types itself (longer ones go to the slow rule, which knows int64's bounds).
_INT = re.compile(r"-?[0-9]{1,18}")
#: A number the fast path types itself; anything else (signs, spaces, 'inf', '_') goes to the slow rule.
_DECIMAL = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
#: The characters ``str.strip()`` removes (``str.isspace``; a test checks the list).
SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
         "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def padded(text: pd.Series) -> np.ndarray:
    """Boolean array: the cell starts or ends with a character ``str.strip()`` removes."""
    if is_arrow(text):
        import pyarrow as pa
        import pyarrow.compute as pc

        cells, space = pa.array(text.array), pa.array(list(SPACE))
        first, last = pc.utf8_slice_codeunits(cells, 0, 1), pc.utf8_slice_codeunits(cells, -1, 1 << 30)
        found = pc.or_(pc.is_in(first, value_set=space), pc.is_in(last, value_set=space))
        return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)
    return each_distinct(text, lambda u: u != u.strip())


def typed(cells: pd.DataFrame) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The typed columns (failing cells given the slow path's fallback
    values later) and, per column, which rows fail typing."""
    out: dict[str, Any] = {}
    bad: dict[str, np.ndarray] = {}
    for name in COLUMNS:
        text = cells[name]
        if name in INT_COLUMNS:
            ok = matches(text, _INT)
            out[name] = _numbers(text, ok, np.int64, -1)
        elif name in FLOAT_COLUMNS:
            empty = (text == "").to_numpy(dtype=bool)
            number = _numbers(text, matches(text, _DECIMAL) & ~empty, np.float64, np.nan)
            ok = empty | np.isfinite(number)
            out[name] = np.where(ok, number, np.nan)
        else:
            ok = np.ones(len(text), dtype=bool) if name in FREE_TEXT else ~padded(text)
            out[name] = text
        bad[name] = ~ok
    return out, bad


def _numbers(text: pd.Series, ok: np.ndarray, dtype: type, fill: Any) -> np.ndarray:
    """The cells where ``ok`` as numbers of ``dtype`` (``fill`` elsewhere): by
    Arrow's cast for Arrow text (exact: correctly rounded, as ``float()``), else
    by ``int()`` / ``float()``."""
    out: np.ndarray = np.full(len(text), fill, dtype=dtype)
    if not ok.any():
        return out
    picked = text[ok]
    if is_arrow(picked):
        import pyarrow as pa

        try:
            values = pa.array(picked.array).cast(pa.int64() if dtype is np.int64 else pa.float64())
            out[ok] = values.to_numpy(zero_copy_only=False)
            return out
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    convert = int if dtype is np.int64 else float
    out[ok] = np.fromiter(map(convert, picked.to_numpy(dtype=object)), dtype=dtype, count=int(ok.sum()))
    return out


_NUMERIC = (*INT_COLUMNS, *FLOAT_COLUMNS)
Fast = tuple[pd.DataFrame, np.ndarray, dict[str, Any], dict[str, np.ndarray]]


def fast_cells(raw: bytes, stamp: Stamp | None) -> Fast | None:
    """(cells as text, editor line of each record, typed columns, failing
    rows per column) of a ledger, or None for the slow path."""
    table = fast_table(raw, COLUMNS, _NUMERIC)
    if table is None:
        return None
    cells, lines = table
    columns, bad = typed(cells)
    return cells, lines, columns, bad

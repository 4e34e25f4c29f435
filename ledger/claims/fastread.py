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

        cells = pa.array(text.array)
        chunks = cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]
        return np.concatenate([np.zeros(0, dtype=bool), *(_padded_utf8(c) for c in chunks)])
    return each_distinct(text, lambda u: u != u.strip())


_SPACE_UTF8 = [c.encode() for c in SPACE]
_ASCII_SPACE = np.array([b[0] for b in _SPACE_UTF8 if len(b) == 1], dtype=np.uint8)
_FIRST_BYTE = np.array(sorted({b[0] for b in _SPACE_UTF8 if len(b) > 1}), dtype=np.uint8)
_LAST_BYTE = np.array(sorted({b[-1] for b in _SPACE_UTF8 if len(b) > 1}), dtype=np.uint8)
_BYTE_BEFORE_LAST = np.array(sorted({b[-2] for b in _SPACE_UTF8 if len(b) > 1}), dtype=np.uint8)


def _padded_utf8(chunk: Any) -> np.ndarray:
    """:func:`padded` of an Arrow string array, from its UTF-8 bytes: an
    ASCII space is one byte; a cell whose first or last bytes could begin or
    end another space (rare) is asked ``str.strip()``."""
    n = len(chunk)
    buffers = chunk.buffers()
    if not n or chunk.null_count or buffers[2] is None:
        return np.array([v != v.strip() if isinstance(v, str) else False for v in chunk.to_pylist()], dtype=bool)
    wide = str(chunk.type) in ("large_string", "large_utf8")
    offsets = np.frombuffer(buffers[1], dtype=np.int64 if wide else np.int32)[chunk.offset:chunk.offset + n + 1]
    data = np.frombuffer(buffers[2], dtype=np.uint8)
    if not len(data):
        return np.zeros(n, dtype=bool)  # every cell empty
    start, end = offsets[:-1].astype(np.int64), offsets[1:].astype(np.int64)
    full = end > start
    first, last = data[np.where(full, start, 0)], data[np.where(full, end - 1, 0)]
    before_last = data[np.where(end - start >= 2, end - 2, 0)]
    found = full & (np.isin(first, _ASCII_SPACE) | np.isin(last, _ASCII_SPACE))
    maybe = full & ~found & (np.isin(first, _FIRST_BYTE) | (
        (end - start >= 2) & np.isin(last, _LAST_BYTE) & np.isin(before_last, _BYTE_BEFORE_LAST)))
    for row in np.flatnonzero(maybe).tolist():
        value = chunk[row].as_py()
        found[row] = value != value.strip()
    return found


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
    picked = text if ok.all() else text[ok]
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

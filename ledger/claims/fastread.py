"""The fast path of reading a ledger: pandas' C reader for the cells, numpy
over the raw bytes for where each record starts (its editor line), and
vectorised typing.  Only cells that fail typing are looked at one by one
(with :func:`ledger.claims.store.parse_cell`, the slow path's own rule), so
file:line:column stays exact.

Anything the C reader would read differently from :mod:`ledger.csvio`
(not UTF-8, a lone CR, a quote out of place or never closed, a header that
is not exactly the ledger's columns, a row with another number of fields, a
blank line) sends the whole file to the line-tracking reader instead:
:func:`fast_load` returns None.
"""
from __future__ import annotations

import io
from typing import Any

import numpy as np
import pandas as pd

from ledger.record import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from ledger.textio import Stamp

#: Free-text columns: spaces around a value are part of it (as ledger.claims.store.FREE_TEXT_COLUMNS).
FREE_TEXT = ("surface", "quote", "note")

_QUOTE, _NL, _CR, _COMMA = 34, 10, 13, 44


def record_lines(raw: bytes) -> np.ndarray | None:
    """The editor line of every record after the header (1-based), from the
    quote parity of each line break; None when a quote is out of place or
    never closed, or a CR stands alone (then the slow reader says where)."""
    buf = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(buf == _QUOTE)
    if len(quotes) % 2 or raw.count(b"\r") != raw.count(b"\r\n") or not _quotes_in_place(buf, quotes):
        return None
    breaks = np.flatnonzero(buf == _NL)
    outside = (np.searchsorted(quotes, breaks) % 2) == 0  # an even number of quotes before: ends a record
    ends = breaks[outside]
    if len(ends) and ends[-1] == len(buf) - 1:
        ends = ends[:-1]  # the last record's line break, nothing after it
    if not _every_record_full(buf, quotes, np.r_[0, ends + 1]):
        return None
    # the record after the k-th record-ending break starts on line (breaks before it) + 2
    return np.searchsorted(breaks, ends, side="right") + 1


#: Bytes scanned at a time for commas (bounds the memory of the scan).
CHUNK = 1 << 25


def _every_record_full(buf: np.ndarray, quotes: np.ndarray, starts: np.ndarray) -> bool:
    """Every record (the header too) has the ledger's number of fields:
    commas outside quotes counted per record, a chunk of the file at a time."""
    counts = np.zeros(len(starts), dtype=np.int64)
    for off in range(0, len(buf), CHUNK):
        commas = np.flatnonzero(buf[off:off + CHUNK] == _COMMA) + off
        commas = commas[(np.searchsorted(quotes, commas) % 2) == 0]
        counts += np.bincount(np.searchsorted(starts, commas, side="right") - 1, minlength=len(starts))
    return bool((counts == len(COLUMNS) - 1).all())


def _quotes_in_place(buf: np.ndarray, quotes: np.ndarray) -> bool:
    """Every opening quote starts a field and every closing one ends it (a
    doubled quote inside a field is a closing one followed by an opening)."""
    if not len(quotes):
        return True
    n = len(buf)
    opening, closing = quotes[0::2], quotes[1::2]
    before = np.where(opening > 0, buf[np.maximum(opening - 1, 0)], _NL)
    doubled_open = np.zeros(len(opening), dtype=bool)
    doubled_open[1:] = closing[:-1] == opening[1:] - 1
    ok_open = np.isin(before, (_COMMA, _NL, _CR)) | doubled_open
    after = np.where(closing < n - 1, buf[np.minimum(closing + 1, n - 1)], _NL)
    doubled_close = np.zeros(len(closing), dtype=bool)
    nxt = np.r_[opening[1:], -1][: len(closing)]
    doubled_close[:] = nxt == closing + 1
    ok_close = np.isin(after, (_COMMA, _NL, _CR)) | doubled_close
    return bool(ok_open.all() and ok_close.all())


def read_cells(raw: bytes) -> pd.DataFrame | None:
    """Every cell as text (the header exactly the ledger's columns), or None."""
    first = raw.split(b"\n", 1)[0].rstrip(b"\r")
    if first.decode("utf-8", "replace").lstrip("\ufeff") != ",".join(COLUMNS):
        return None
    try:
        cells = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_filter=False, engine="c",
                            skip_blank_lines=False, encoding="utf-8-sig", index_col=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        return None
    if list(cells.columns) != list(COLUMNS) or cells.isna().to_numpy().any():  # a short row: NaN-filled
        return None
    if ((cells["claim_id"] == "") & (cells["source"] == "") & (cells["start"] == "")).any():  # a blank line?
        return None
    return cells


def typed(cells: pd.DataFrame) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The typed columns (failing cells given the slow path's fallback
    values later) and, per column, which rows fail typing."""
    out: dict[str, Any] = {}
    bad: dict[str, np.ndarray] = {}
    for name in COLUMNS:
        text = cells[name]
        if name in INT_COLUMNS:
            ok = text.str.fullmatch(r"-?[0-9]+").to_numpy(dtype=bool)
            out[name] = np.where(ok, pd.to_numeric(text.where(ok, "-1")).to_numpy(np.int64), -1)
        elif name in FLOAT_COLUMNS:
            number = pd.to_numeric(text.where(text != "", "nan"), errors="coerce").to_numpy(float)
            ok = (text == "").to_numpy() | (np.isfinite(number) & ~text.str.contains("_", regex=False).to_numpy())
            ok &= ~text.isin(_padded(text)).to_numpy()
            out[name] = np.where(ok, number, np.nan)
        else:
            ok = np.ones(len(text), dtype=bool) if name in FREE_TEXT else ~text.isin(_padded(text)).to_numpy()
            out[name] = text
        bad[name] = ~ok
    return out, bad


def _padded(text: pd.Series) -> list[str]:
    """The distinct values with spaces around them (an error outside free text)."""
    return [u for u in pd.unique(text.to_numpy(dtype=object)) if u != u.strip()]


Fast = tuple[pd.DataFrame, np.ndarray, dict[str, Any], dict[str, np.ndarray]]


def fast_cells(raw: bytes, stamp: Stamp | None) -> Fast | None:
    """(cells as text, editor line of each record, typed columns, failing
    rows per column), or None for the slow path."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    lines = record_lines(raw)
    if lines is None:
        return None
    cells = read_cells(raw)
    if cells is None or len(cells) != len(lines):
        return None
    columns, bad = typed(cells)
    return cells, lines, columns, bad

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

Every record has the ledger's number of fields when the C reader read the
file without error (it refuses a row with more fields than the header) and
the commas outside quotes number ``(columns - 1) * records``: no record has
more, so none has fewer.
"""
from __future__ import annotations

import io
import re
import warnings
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd

from ledger.record import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from ledger.textio import Stamp

#: Free-text columns: spaces around a value are part of it (as ledger.claims.store.FREE_TEXT_COLUMNS).
FREE_TEXT = ("surface", "quote", "note")

_QUOTE, _NL, _CR, _COMMA = 34, 10, 13, 44
_BOM = b"\xef\xbb\xbf"
#: Bytes scanned at a time for quotes and line breaks (bounds the memory of the scan).
CHUNK = 1 << 25

#: An offset the fast path types itself (longer ones go to the slow rule, which knows int64's bounds).
_INT = re.compile(r"-?[0-9]{1,18}")
#: A number the fast path types itself; anything else (signs, spaces, 'inf', '_') goes to the slow rule.
_DECIMAL = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
#: The characters ``str.strip()`` removes.
SPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())


def scan(raw: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The byte offsets of every quote and every line feed, a chunk at a time."""
    buf = np.frombuffer(raw, dtype=np.uint8)
    quotes, breaks = [np.empty(0, np.int64)], [np.empty(0, np.int64)]
    for off in range(0, len(buf), CHUNK):
        part = buf[off:off + CHUNK]
        quotes.append(np.flatnonzero(part == _QUOTE) + off)
        breaks.append(np.flatnonzero(part == _NL) + off)
    return np.concatenate(quotes), np.concatenate(breaks)


def record_lines(raw: bytes, quotes: np.ndarray, breaks: np.ndarray) -> np.ndarray | None:
    """The editor line of every record after the header (1-based), from the
    quote parity of each line break; None when a quote is out of place or
    never closed, or a CR stands alone (then the slow reader says where)."""
    if len(quotes) % 2 or (b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n")):
        return None
    if not _quotes_in_place(np.frombuffer(raw, dtype=np.uint8), quotes):
        return None
    outside = (np.searchsorted(quotes, breaks) % 2) == 0  # an even number of quotes before: ends a record
    ends = breaks[outside]
    if len(ends) and ends[-1] == len(raw) - 1:
        ends = ends[:-1]  # the last record's line break, nothing after it
    # the record after the k-th record-ending break starts on line (breaks before it) + 2
    return np.searchsorted(breaks, ends, side="right") + 1


def fields_full(raw: bytes, quotes: np.ndarray, records: int) -> bool:
    """Every record (the header too) has the ledger's number of fields, given
    that none has more (the C reader refuses those): the commas outside
    quotes number exactly ``(columns - 1) * (records + 1)``."""
    opens, closes = quotes[0::2].tolist(), quotes[1::2].tolist()
    inside = sum(map(raw.count, repeat(b",", len(opens)), opens, closes))
    return raw.count(b",") - inside == (len(COLUMNS) - 1) * (records + 1)


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


_NUMERIC = (*INT_COLUMNS, *FLOAT_COLUMNS)


def read_cells(raw: bytes) -> pd.DataFrame | None:
    """Every cell as text (the header exactly the ledger's columns), or None.

    The text columns are left to the C reader's own typing, which keeps a
    column of text as text (and is faster than asking for text); a column
    it typed otherwise (all numbers, or booleans) is read again as text."""
    body = raw[len(_BOM):] if raw.startswith(_BOM) else raw
    first = body.split(b"\n", 1)[0].rstrip(b"\r")
    if first.decode("utf-8", "replace") != ",".join(COLUMNS):
        return None
    cells = _read_csv(body, {name: str for name in _NUMERIC})
    if cells is None:
        return None
    if not all(pd.api.types.infer_dtype(cells[name], skipna=False) in ("string", "empty") for name in COLUMNS):
        cells = _read_csv(body, str)
        if cells is None:
            return None
    if list(cells.columns) != list(COLUMNS) or cells.isna().to_numpy().any():
        return None
    if ((cells["claim_id"] == "") & (cells["source"] == "") & (cells["start"] == "")).any():  # a blank line?
        return None
    return cells


def _read_csv(body: bytes, dtype: Any) -> pd.DataFrame | None:
    try:
        with warnings.catch_warnings():
            # index_col=False truncates a first row longer than the header, with only this warning
            warnings.simplefilter("error", pd.errors.ParserWarning)
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)  # a mixed column is read again as text
            return pd.read_csv(io.BytesIO(body), dtype=dtype, keep_default_na=False, na_filter=False, engine="c",
                               skip_blank_lines=False, encoding="utf-8", index_col=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.ParserWarning):
        return None


def is_arrow(text: pd.Series) -> bool:
    """Text kept in Arrow (pandas 3's default ``str`` when pyarrow is installed)."""
    return getattr(text.dtype, "storage", None) == "pyarrow"


def matches(text: pd.Series, pattern: re.Pattern[str]) -> np.ndarray:
    """Boolean array: the cell matches ``pattern`` whole (``re.fullmatch``).
    Arrow text is matched in Arrow (RE2: the patterns given here mean the
    same in both); other text one distinct value at a time."""
    if is_arrow(text):
        return text.str.fullmatch(pattern.pattern).to_numpy(dtype=bool, na_value=False)
    return _each_distinct(text, pattern.fullmatch)


def padded(text: pd.Series) -> np.ndarray:
    """Boolean array: the cell starts or ends with a character ``str.strip()`` removes."""
    if is_arrow(text):
        import pyarrow as pa
        import pyarrow.compute as pc

        cells, space = pa.array(text.array), pa.array(list(SPACE))
        first, last = pc.utf8_slice_codeunits(cells, 0, 1), pc.utf8_slice_codeunits(cells, -1, 1 << 30)
        found = pc.or_(pc.is_in(first, value_set=space), pc.is_in(last, value_set=space))
        return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)
    return _each_distinct(text, lambda u: u != u.strip())


def _each_distinct(text: pd.Series, test: Any) -> np.ndarray:
    values = text.to_numpy(dtype=object)
    good = [u for u in pd.unique(values) if isinstance(u, str) and test(u)]
    return pd.Series(values).isin(good).to_numpy(dtype=bool)


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


Fast = tuple[pd.DataFrame, np.ndarray, dict[str, Any], dict[str, np.ndarray]]


def fast_cells(raw: bytes, stamp: Stamp | None) -> Fast | None:
    """(cells as text, editor line of each record, typed columns, failing
    rows per column), or None for the slow path."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    quotes, breaks = scan(raw)
    lines = record_lines(raw, quotes, breaks)
    if lines is None:
        return None
    cells = read_cells(raw)
    if cells is None or len(cells) != len(lines) or not fields_full(raw, quotes, len(cells)):
        return None
    columns, bad = typed(cells)
    return cells, lines, columns, bad

"""CSV with positions: a small RFC 4180 reader that remembers, for every cell,
the line an editor shows it on, and the canonical writer of the ledger.

Python's :mod:`csv` tells the line a record *ends* on; reviewers need the line
a field *starts* on (a quoted field with a newline spans lines), and a precise
place for an unclosed quote.  Hence this reader.  It never stops at the first
problem: bad rows become :class:`~ledger.errors.Problem` data.
"""
from __future__ import annotations

import io
import math
import re
import warnings
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ledger.errors import Code, InputUnreadable, InvalidValue, Problem
from ledger.intervals import is_arrow, text_codes
from ledger.textio import Stamp, decode_bytes, guess_legacy_encoding, read_stamped

_UNQUOTED = re.compile(r"[^,\r\n]*")
_BLANK = re.compile(r"[ \t]*(?:\r\n|\n|\r|\Z)")


@dataclass(frozen=True)
class Cell:
    value: str
    line: int  # editor line the cell starts on (1-based)
    bad: bool = False  # its quoting was broken (already reported)


@dataclass(frozen=True)
class Record:
    line: int  # editor line the record starts on
    cells: tuple[Cell, ...]

    @property
    def values(self) -> list[str]:
        return [c.value for c in self.cells]


@dataclass
class Table:
    """A parsed CSV file: header, records, and the problems met reading it."""

    file: str
    header: Record | None = None
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return self.header.values if self.header else []


# --------------------------------------------------------------------------- reading


def decode_table_bytes(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    """Bytes -> text for a CSV file.  UTF-8 (BOM optional) is read silently;
    UTF-16 with a BOM is read with a warning; anything else raises
    :class:`InputUnreadable` naming the encoding it looks like."""
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputUnreadable("file is empty", file=file, line=1, code=Code.EMPTY_FILE,
                              hint="a ledger needs at least its header line; see the column table in docs/ledger.md")
    warnings: list[Problem] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        warnings.append(Problem(file, None, None, None, None, Code.UTF16,
                                "file is UTF-16 (read anyway)",
                                "save it as UTF-8 ('CSV UTF-8' in Excel); the canonical writer does",
                                severity="warning"))
    if not warnings and (guess_legacy_encoding(raw[:4]) or "").startswith("utf-16"):
        raise InputUnreadable("file looks like UTF-16 without a byte-order mark", file=file, line=1,
                              code=Code.ENCODING, hint="re-save it as UTF-8 ('CSV UTF-8' in Excel)")
    text = decode_bytes(raw, file)
    if "\x00" in text:
        guess = guess_legacy_encoding(raw) or "binary"
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputUnreadable(f"file contains NUL characters; it looks like {guess.upper()} without a BOM",
                              file=file, line=line, code=Code.ENCODING,
                              hint="re-save it as UTF-8 ('CSV UTF-8' in Excel)")
    return text, warnings


def newlines(text: str) -> int:
    """How many line breaks an editor counts in ``text`` (CRLF, LF or CR)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def parse(text: str, file: str) -> Table:
    """Split CSV text into records of cells with their editor lines."""
    table = Table(file)
    pos, line, n = 0, 1, len(text)
    while pos < n:
        blank = _BLANK.match(text, pos)
        if blank:
            table.problems.append(_blank_line(file, line))
            pos, line = blank.end(), line + 1
            continue
        record, pos, line, ok = _record(text, pos, line, table)
        if not ok:
            break
        if table.header is None:
            table.header = record
        else:
            table.records.append(record)
    return table


def _blank_line(file: str, line: int) -> Problem:
    return Problem(file, line, None, None, None, Code.BLANK_LINE, "blank line (ignored)",
                   "delete it; the canonical writer drops it", severity="warning")


def _record(text: str, pos: int, line: int, table: Table) -> tuple[Record, int, int, bool]:
    start_line, n = line, len(text)
    cells: list[Cell] = []
    while True:
        if pos < n and text[pos] == '"':
            cell_line, before = line, len(table.problems)
            value, pos, line, ok = _quoted(text, pos, line, len(cells) + 1, table)
            if not ok:
                return Record(start_line, tuple(cells)), n, line, False
            bad = len(table.problems) > before
        else:
            m = _UNQUOTED.match(text, pos)
            assert m is not None  # the pattern matches the empty string
            value, pos, cell_line = m.group(), m.end(), line
            bad = '"' in value
            if bad:
                _bad_quote(table, cell_line, len(cells) + 1, value, "a quote inside an unquoted field")
        cells.append(Cell(value, cell_line, bad))
        if pos < n and text[pos] == ",":
            pos += 1
            continue
        if pos < n:
            pos += 2 if text.startswith("\r\n", pos) else 1
            line += 1
        return Record(start_line, tuple(cells)), pos, line, True


def _quoted(text: str, pos: int, line: int, column: int, table: Table) -> tuple[str, int, int, bool]:
    parts, j, n, start = [], pos + 1, len(text), pos
    while True:
        k = text.find('"', j)
        if k == -1:
            table.problems.append(Problem(
                table.file, line, column, _name(table, column), text[pos:pos + 40].splitlines()[0],
                Code.UNCLOSED_QUOTE, "quote opened here is never closed (the rest of the file was swallowed)",
                'close the field with a " or double the quotes inside it ("")'))
            return "", n, line, False
        parts.append(text[j:k])
        if text.startswith('""', k):
            parts.append('"')
            j = k + 2
            continue
        value = "".join(parts)
        end_line = line + newlines(value)
        pos = k + 1
        if pos < n and text[pos] not in ",\r\n" and end_line > line:
            table.problems.append(Problem(
                table.file, line, column, _name(table, column), text[start:start + 40].splitlines()[0],
                Code.UNCLOSED_QUOTE, f"quote opened here runs to line {end_line} and ends inside a field there: "
                "probably never closed (the rest of the file is not checked)",
                'close the field with a " or double the quotes inside it ("")'))
            return "", n, line, False
        if pos < n and text[pos] not in ",\r\n":
            m = _UNQUOTED.match(text, pos)
            assert m is not None  # the pattern matches the empty string
            _bad_quote(table, end_line, column, text[start:m.end()], "text after the closing quote")
            value, pos = value + m.group(), m.end()
        return value, pos, end_line, True


def _name(table: Table, column: int) -> str | None:
    cols = table.columns
    return cols[column - 1] if table.header and column <= len(cols) else None


def _bad_quote(table: Table, line: int, column: int, value: str, what: str) -> None:
    table.problems.append(Problem(
        table.file, line, column, _name(table, column), value, Code.BAD_QUOTE, what,
        'put the whole field in quotes and double every quote inside it ("")'))


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableSpec:
    """What a CSV table of the project looks like: its name in messages, its
    columns in canonical order, the ones a header may leave out (read as
    empty, with a warning) and the free-text ones (spaces around a value are
    part of it; elsewhere they are an error)."""

    name: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()
    free_text: tuple[str, ...] = ()
    #: the code of "this file is not such a table at all"
    code: str = Code.NOT_A_LEDGER


@dataclass
class LoadedTable:
    """A CSV table read with positions: its records (the ones with the header's
    number of fields), each field's 1-based column in the file, the columns
    the header lacks, and every problem met so far."""

    file: str
    table: Table
    columns: dict[str, int]
    absent: set[str]
    records: list[Record]
    problems: list[Problem]
    #: what the file was when read (:func:`ledger.textio.commit` checks it before a rewrite)
    stamp: Stamp | None = None

    def cells(self, record: Record) -> dict[str, Cell]:
        """The record's cells by column name (absent columns left out)."""
        return {name: record.cells[i - 1] for name, i in self.columns.items()}


def read_table(path: str | Path, spec: TableSpec, *, name: str | None = None, hint: str = "") -> LoadedTable:
    """Read a CSV table of ``spec`` with every problem of its structure (the
    one reader of claims, sources and decisions).  Raises
    :class:`InputUnreadable` only when the file cannot be read as that table
    at all (missing, undecodable, empty, no header naming its columns)."""
    file = name or str(path)
    try:
        raw, stamp = read_stamped(path)
    except OSError as exc:
        raise InputUnreadable(f"cannot read file: {exc.strerror or exc}", file=file, code=Code.UNREADABLE,
                              hint=hint or "check the path") from None
    text, problems = decode_table_bytes(raw, file)
    table = parse(text, file)
    problems += table.problems
    if table.header is None:
        raise InputUnreadable("file has no header line", file=file, line=1, code=Code.EMPTY_FILE,
                              hint="the first line must be: " + ",".join(spec.columns))
    columns, absent = check_header(table, spec, problems)
    width = len(table.header.cells)
    records = []
    for rec in table.records:
        if len(rec.cells) != width:
            problems.append(field_count(file, table, rec, width))
        else:
            records.append(rec)
    return LoadedTable(file, table, columns, absent, records, problems, stamp)


def check_header(table: Table, spec: TableSpec, problems: list[Problem]) -> tuple[dict[str, int], set[str]]:
    """Column name -> 1-based column of the header, and the absent columns;
    a header naming none of ``spec``'s columns raises :class:`InputUnreadable`
    (saying so when it is separated by semicolons or tabs)."""
    file, header = table.file, table.header
    assert header is not None
    names = [c.value.strip() for c in header.cells]
    if not set(names) & set(spec.columns):
        reason, hint = _not_this_table(header, spec)
        raise InputUnreadable(reason, hint=hint, file=file, line=header.line, column=1,
                              value=",".join(c.value for c in header.cells)[:60], code=spec.code)
    columns: dict[str, int] = {}
    for i, (cell, name) in enumerate(zip(header.cells, names), start=1):
        if cell.value != name:
            problems.append(Problem(file, cell.line, i, name, cell.value, Code.WHITESPACE,
                                    "spaces around a column name", "remove them"))
        if name in columns:
            problems.append(Problem(file, cell.line, i, name, cell.value, Code.DUPLICATE_COLUMN,
                                    f"column also at {columns[name]}", "delete one of them"))
        elif name not in spec.columns:
            problems.append(Problem(file, cell.line, i, name, cell.value, Code.UNKNOWN_COLUMN,
                                    f"not a column of the {spec.name} (the canonical writer would drop it)",
                                    f"rename it to one of {', '.join(spec.columns)}"))
        else:
            columns[name] = i
    absent = {c for c in spec.columns if c not in columns}
    for name in spec.columns:
        if name in absent:
            optional = name in spec.optional
            problems.append(Problem(
                file, header.line, None, None, None, Code.MISSING_COLUMN,
                f"optional column '{name}' missing (read as empty)" if optional
                else f"required column '{name}' missing",
                f"add a '{name}' column to the header" + ("; the canonical writer adds it" if optional else ""),
                severity="warning" if optional else "error"))
    return columns, absent


def _not_this_table(header: Record, spec: TableSpec) -> tuple[str, str]:
    """(reason, hint) for a header naming none of the table's columns."""
    line = ",".join(c.value for c in header.cells)
    for sep, what in ((";", "semicolons"), ("\t", "tabs")):
        if set(n.strip() for n in line.split(sep)) & set(spec.columns):
            return (f"the {spec.name} is separated by {what}, not commas",
                    "save it as CSV with commas (Excel: 'CSV UTF-8 (Comma delimited)'); "
                    "the canonical writer uses commas")
    return (f"not a {spec.name}: the first line names none of its columns",
            "the first line must be: " + ",".join(spec.columns))


def field_count(file: str, table: Table, rec: Record, width: int) -> Problem:
    """The problem of a record whose number of fields is not the header's."""
    n = len(rec.cells)
    if n > width:
        extra = rec.cells[width]
        return Problem(file, extra.line, width + 1, None, extra.value, Code.FIELD_COUNT,
                       f"row has {n} fields, the header has {width}",
                       "quote fields that contain commas (\"a,b\") or remove the extra field")
    last = rec.cells[-1]
    return Problem(file, last.line, n, table.columns[n - 1], last.value, Code.FIELD_COUNT,
                   f"row has {n} fields, the header has {width}",
                   "add the missing fields (empty ones are fine) or join a line broken by an unquoted newline")


# --------------------------------------------------------------------------- the fast path: pandas' C reader
#
# A well-formed file is read by pandas' C reader; where each record starts
# (its editor line) comes from one numpy pass over the raw bytes.  Anything
# the C reader would read differently from :func:`parse` (not UTF-8, a NUL,
# a lone CR, a quote out of place or never closed, a header that is not
# exactly the table's columns, a record with another number of fields, a
# blank line) makes :func:`fast_table` return None, and :func:`read_table`
# reads the file instead: file:line:column is exact either way.
#
# Every record has the header's number of fields when the C reader read the
# file without error (it refuses a record with more fields than the header)
# and the commas outside quotes number ``(width - 1) * records``: no record
# has more, so none has fewer.

_QUOTE, _NL, _CR, _COMMA = 34, 10, 13, 44
_BOM = b"\xef\xbb\xbf"
#: Bytes scanned at a time for quotes and line breaks (bounds the memory of the scan).
CHUNK = 1 << 25


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


def fields_full(raw: bytes, quotes: np.ndarray, records: int, width: int) -> bool:
    """Every record (the header too) has ``width`` fields, given that none
    has more (the C reader refuses those): the commas outside quotes number
    exactly ``(width - 1) * (records + 1)``."""
    opens, closes = quotes[0::2].tolist(), quotes[1::2].tolist()
    inside = sum(map(raw.count, repeat(b",", len(opens)), opens, closes))
    return raw.count(b",") - inside == (width - 1) * (records + 1)


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


def fast_table(raw: bytes, columns: tuple[str, ...], as_text: tuple[str, ...] = ()
               ) -> tuple[pd.DataFrame, np.ndarray] | None:
    """(every cell as text, the editor line of each record) of a CSV table
    whose header is exactly ``columns``, read by the C reader; None when
    :mod:`ledger.csvio` could read it differently (then it is the reader).
    ``as_text``: columns whose text the C reader must not type (it is
    asked to leave them as text; any other it typed is read again)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        return None
    quotes, breaks = scan(raw)
    lines = record_lines(raw, quotes, breaks)
    if lines is None:
        return None
    # the line breaks that end no record (each record but the last ends with one) lie inside quoted
    # fields: then Arrow's reader must not split the file at line breaks
    last = int(len(breaks) > 0 and int(breaks[-1]) == len(raw) - 1)
    cells = read_cells(raw, columns, as_text, newlines_in_values=len(breaks) - last > len(lines))
    if cells is None or len(cells) != len(lines):
        return None
    inside = commas_in_cells(cells)
    if inside is None:
        return (cells, lines) if fields_full(raw, quotes, len(cells), len(columns)) else None
    return (cells, lines) if raw.count(b",") - inside == (len(columns) - 1) * (len(cells) + 1) else None


def commas_in_cells(cells: pd.DataFrame) -> int | None:
    """The commas inside the cells the C reader read, counted in the Arrow
    buffers of their text (None for text not kept in Arrow).  With every quote
    in place, these are the commas between quotes, every other comma of the
    file a field separator: :func:`fields_full` without a call per quoted field."""
    if not all(is_arrow(cells[name]) for name in cells.columns):
        return None
    import pyarrow as pa

    total = 0
    for name in cells.columns:
        column = pa.array(cells[name].array)
        for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
            buffers = chunk.buffers()
            if not len(chunk) or buffers[2] is None:
                continue
            wide = str(chunk.type) in ("large_string", "large_utf8")
            offsets = np.frombuffer(buffers[1], dtype=np.int64 if wide else np.int32)
            lo, hi = int(offsets[chunk.offset]), int(offsets[chunk.offset + len(chunk)])
            total += int(np.count_nonzero(np.frombuffer(buffers[2], dtype=np.uint8)[lo:hi] == _COMMA))
    return total


def read_cells(raw: bytes, columns: tuple[str, ...], as_text: tuple[str, ...] = (), *,
               newlines_in_values: bool = True) -> pd.DataFrame | None:
    """Every cell as text (the header exactly ``columns``), or None.

    Read by Arrow's CSV reader (several threads) when pandas keeps its text
    in Arrow; else by pandas' C reader: columns not in ``as_text`` are left
    to its own typing, which keeps a column of text as text (and is faster
    than asking for text); a column it typed otherwise (all numbers, or
    booleans) is read again as text.  ``newlines_in_values=False``: no quoted
    field holds a line break (Arrow then splits the file at line breaks)."""
    body = raw[len(_BOM):] if raw.startswith(_BOM) else raw
    first = body[:body.find(b"\n") % (len(body) + 1)].rstrip(b"\r")  # the first line (not a copy of the rest)
    if first.decode("utf-8", "replace") != ",".join(columns):
        return None
    cells = _read_arrow(body, columns, newlines_in_values)
    if cells is None or isinstance(cells, pd.DataFrame):
        return cells
    cells = _read_csv(body, {name: str for name in as_text})
    if cells is None:
        return None
    if not all(pd.api.types.infer_dtype(cells[name], skipna=False) in ("string", "empty") for name in columns):
        cells = _read_csv(body, str)
        if cells is None:
            return None
    # with na_filter=False a cell is missing (NaN) only at the end of a record shorter than the header,
    # so the last column has one whenever any column does (one column asked, not all 23)
    if list(cells.columns) != list(columns) or cells[columns[-1]].isna().to_numpy().any():
        return None
    return cells


#: Bytes of the file each of Arrow's reading tasks parses.
ARROW_BLOCK = 1 << 22


def _read_arrow(body: bytes, columns: tuple[str, ...], newlines_in_values: bool) -> pd.DataFrame | bool | None:
    """Every cell as text by Arrow's CSV reader (RFC 4180 quoting, nothing
    typed, no cell missing or null); None when it refuses the file (a record
    with another number of fields, not UTF-8); False when pandas does not keep
    its text in Arrow or pyarrow is missing (pandas' C reader then reads it)."""
    if pd.StringDtype(na_value=np.nan).storage != "pyarrow":
        return False
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:
        return False
    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(body)),  # the bytes themselves, not copied through a file object
            read_options=pacsv.ReadOptions(use_threads=True, block_size=ARROW_BLOCK),
            parse_options=pacsv.ParseOptions(newlines_in_values=newlines_in_values, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={name: pa.string() for name in columns},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 null_values=[]))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.column_names != list(columns):
        return None
    text = pd.StringDtype(na_value=np.nan)
    return pd.DataFrame({name: pd.Series(pd.arrays.ArrowStringArray(table.column(name)), dtype=text, copy=False)
                         for name in columns}, columns=list(columns))


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


def matches(text: pd.Series, pattern: re.Pattern[str]) -> np.ndarray:
    """Boolean array: the cell matches ``pattern`` whole (``re.fullmatch``).
    Arrow text is matched in Arrow (RE2: the patterns given here mean the
    same in both); other text one distinct value at a time."""
    if is_arrow(text):
        return text.str.fullmatch(f"(?:{pattern.pattern})").to_numpy(dtype=bool, na_value=False)
    return each_distinct(text, pattern.fullmatch)


def each_distinct(text: pd.Series, test: Any) -> np.ndarray:
    """Boolean array: ``test(cell)``, asked once per distinct value."""
    codes, uniques = text_codes(text)  # missing: code -1, the last entry of ``good``
    good = np.array([isinstance(u, str) and bool(test(u)) for u in uniques.tolist()] + [False], dtype=bool)
    return good[codes]


# --------------------------------------------------------------------------- writing


def format_float(x: float) -> str:
    """Canonical text of a float: '' for NaN, integers without '.0', otherwise
    the shortest repr that reads back to the same float."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    x = float(x)
    if math.isinf(x):
        raise InvalidValue("infinite value cannot be written", value=str(x), code=Code.NOT_FINITE,
                           hint="use an empty cell for an open bound")
    if x.is_integer():
        return str(int(x))
    return repr(x)


def quote_cell(text: str) -> str:
    """Minimal quoting: only cells holding a comma, a quote or a line break."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def format_row(cells: list[str]) -> str:
    return ",".join(quote_cell(c) for c in cells) + "\n"

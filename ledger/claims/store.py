"""Canonical, atomic reading and writing of the ledger (claims.csv), and the
merge that adds extracted claims without ever overwriting a reviewer.

``atomic_write_bytes`` is the one way any module writes a file: a temp file in
the same folder, fsync, then ``os.replace``, so a crash never leaves a
half-written file.  :func:`read_ledger` gives a typed frame,
:func:`write_ledger` the canonical bytes (a round trip of a canonical file is
byte-identical), :func:`merge_extracted` the merge used by ``factcheck extract``.
"""
from __future__ import annotations

import bisect
import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ledger.claims.columnar import SUFFIXES, Part, is_columnar, parquet_bytes, parquet_files, read_columnar, relocate
from ledger.claims.fastread import fast_cells
from ledger.csvio import LoadedTable, TableSpec, format_float, format_row, newlines, read_table
from ledger.errors import Code, InputUnreadable, InvalidValue, LedgerInvalid, Problem
from ledger.record import COLUMN_SPECS, COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from ledger.textio import ANY, Expect, Stamp, atomic_write_bytes, atomic_write_text, read_stamped

# --------------------------------------------------------------------------- reading

#: Columns a reviewer may leave out of the header (treated as empty, with a
#: warning; the canonical writer adds them back).  Every other column is required.
OPTIONAL_COLUMNS = ("reviewer", "note", "confidence", "confidence_detail")
#: Free-text columns: leading/trailing spaces are part of the text.  In every
#: other column they are an error (an enum with a trailing space is a typo).
FREE_TEXT_COLUMNS = ("surface", "quote", "note")
_KIND = {name: kind for name, kind, _ in COLUMN_SPECS}


@dataclass
class LoadedLedger:
    """A ledger file read for validation: the typed frame (canonical columns,
    rows in file order, index 0..n-1), where each row and cell sits in the
    file, and every problem met so far.  ``skip`` holds (row, column) pairs
    already reported (a cell that did not parse) and ``absent`` the columns
    missing from the header, so later checks stay quiet about them."""

    file: str
    frame: pd.DataFrame
    lines: Any  # the editor line of each row: a list, or an int array (the fast reader)
    cell_lines: list[dict[str, int]] | None  # None: each cell's line is worked out from the row's text
    columns: dict[str, int]
    problems: list[Problem] = field(default_factory=list)
    skip: set[tuple[int, str]] = field(default_factory=set)
    absent: set[str] = field(default_factory=set)
    stamp: Stamp | None = None
    #: the files of a columnar (Parquet) ledger; ``lines`` are then ledger-wide
    #: 1-based rows, which :meth:`relocated` turns into each file's own rows
    parts: list[Part] | None = None

    def where(self, row: int, column: str) -> tuple[int | None, int | None]:
        """(editor line, file column) of a cell; the row's line if the column is absent."""
        if self.parts is not None:
            return int(self.lines[row]), self.columns.get(column)
        if self.cell_lines is not None:
            return self.cell_lines[row].get(column, self.lines[row]), self.columns.get(column)
        line = int(self.lines[row])
        if row + 1 < len(self.lines) and self.lines[row + 1] == line + 1:
            return line, self.columns.get(column)  # the record is one line
        for name in COLUMNS[: COLUMNS.index(column)]:  # line breaks inside the quoted cells before it
            value = self.frame[name].iat[row]
            line += newlines(value) if isinstance(value, str) else 0
        return line, self.columns.get(column)

    def relocated(self, problems: list[Problem]) -> list[Problem]:
        """``problems`` naming the Parquet file and its row of each (as they
        are for a CSV ledger)."""
        return relocate(self.parts, self.file, problems) if self.parts is not None else problems


#: The ledger as a table of the one CSV reader.
LEDGER_SPEC = TableSpec("claims ledger", COLUMNS, optional=OPTIONAL_COLUMNS, free_text=FREE_TEXT_COLUMNS)


def load_ledger(path: str | Path, *, name: str | None = None, stamped: bool = True) -> LoadedLedger:
    """Read a ledger for validation.  Raises :class:`InputUnreadable` only when
    the file cannot be read as a ledger at all; everything else is returned
    as problems.  A well-formed file is read by the fast path
    (:mod:`ledger.claims.fastread`: the C reader, vectorised typing); any
    other by the line-tracking reader (:func:`ledger.csvio.read_table`);
    both give the same frame and problems.  ``stamped=False``: no
    :class:`~ledger.textio.Stamp` (the ledger is only read: no sha256 of
    its bytes) when the fast path reads it."""
    file = name or str(path)
    if is_columnar(path):
        return _load_columnar(path, file)
    try:
        raw, stamp = read_stamped(path) if stamped else (_read_bytes(path), None)
    except OSError:
        raw, stamp = b"", None  # read_table says what is wrong
    fast = fast_cells(raw, stamp) if raw else None
    if fast is not None:
        loaded = _fast_typed(file, stamp, *fast)
        if loaded is not None:
            return loaded
    del raw, fast
    loaded_table = read_table(path, LEDGER_SPEC, name=name, hint="check the path (the default is ./claims.csv)")
    return _typed(loaded_table)


def _read_bytes(path: str | Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _load_columnar(path: str | Path, file: str) -> LoadedLedger:
    """A Parquet file or folder read for validation (:mod:`ledger.claims.columnar`):
    failing cells typed one by one with the CSV rule.  A single file is
    stamped like a CSV ledger; a folder is not (extract only adds files to it)."""
    stamps: list[Stamp] = []

    def read(f: Path) -> bytes:
        try:
            raw, stamp = read_stamped(f)
        except OSError as err:
            raise InputUnreadable(f"cannot read the ledger: {err.strerror or err}", file=str(f),
                                  code=Code.UNREADABLE, hint="check the path") from err
        stamps.append(stamp)
        return raw

    table = read_columnar(path, OPTIONAL_COLUMNS, read)
    loaded = _fast_typed(file, None, table.text, np.arange(1, table.rows + 1), table.columns, table.bad)
    assert loaded is not None, "Parquet cells hold no line break the CSV reader must place"
    loaded.parts = table.parts
    loaded.absent = table.absent
    loaded.stamp = stamps[0] if not Path(path).is_dir() else None
    loaded.problems = table.problems + loaded.problems
    return loaded


def _fast_typed(file: str, stamp: Stamp | None, cells: Any, lines: Any, columns: dict[str, Any],
                bad: dict[str, Any]) -> LoadedLedger | None:
    """The loaded ledger from the fast reader's columns; the failing cells
    typed one by one by :func:`_cell` (the slow path's rule).  None when a
    failing cell holds a line break (the slow reader then places it)."""
    problems: list[Problem] = []
    skip: set[tuple[int, str]] = set()
    drop: set[int] = set()
    position = {name: i + 1 for i, name in enumerate(COLUMNS)}
    for name in COLUMNS:
        for row in np.flatnonzero(bad[name]).tolist():
            text = str(cells[name].iat[row])
            if ("\n" in text or "\r" in text) and not isinstance(cells, dict):
                return None
            value, problem = _cell(name, text)
            if isinstance(columns[name], pd.Series):
                columns[name] = columns[name].copy() if not problems and not skip else columns[name]
                columns[name].iat[row] = value
            else:
                columns[name][row] = value
            if problem:
                reason, hint, code = problem
                problems.append(Problem(file, _cell_line(cells, lines, row, name), position[name], name, text, code,
                                        reason, hint))
                if code != Code.WHITESPACE:
                    skip.add((row, name))
                    drop.update([row] if name in INT_COLUMNS else [])
    frame = _frame_of(columns)
    if drop:
        keep = np.setdiff1d(np.arange(len(frame)), np.fromiter(drop, dtype=np.int64))
        frame = frame.iloc[keep].reset_index(drop=True)
        renumber = {int(old): new for new, old in enumerate(keep.tolist())}
        skip = {(renumber[r], n) for r, n in skip if r in renumber}
        lines = np.asarray(lines)[keep]
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return LoadedLedger(file, frame, lines, None, position, problems, skip, set(), stamp)


def _cell_line(cells: pd.DataFrame, lines: Any, row: int, name: str) -> int:
    """The editor line of a cell: its record's, moved down by the line breaks of quoted cells before it.
    ``cells`` may hold only some columns (a Parquet ledger's failing ones: no line breaks to place)."""
    line = int(lines[row])
    for before in COLUMNS[: COLUMNS.index(name)]:
        if before in cells:
            line += newlines(str(cells[before].iat[row]))
    return line


def _frame_of(columns: dict[str, Any]) -> pd.DataFrame:
    out = {}
    for name in COLUMNS:
        if name in INT_COLUMNS:
            out[name] = pd.Series(columns[name], dtype="int64")
        elif name in FLOAT_COLUMNS:
            out[name] = pd.Series(columns[name], dtype="float64")
        else:
            out[name] = pd.Series(columns[name], dtype="str")
    return pd.DataFrame(out, columns=list(COLUMNS))


def _typed(loaded: LoadedTable) -> LoadedLedger:
    file, columns, problems = loaded.file, loaded.columns, loaded.problems
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    cell_lines: list[dict[str, int]] = []
    skip: set[tuple[int, str]] = set()
    for rec in loaded.records:
        row, bad = {}, []
        cells = loaded.cells(rec)
        for name in COLUMNS:
            cell = cells.get(name)
            value, problem = _cell(name, cell.value if cell else "")
            row[name] = value
            if cell is None:
                continue  # an absent column was reported once, on the header
            if cell.bad:
                bad.append(name)
            elif problem:
                reason, hint, code = problem
                problems.append(Problem(file, cell.line, columns[name], name, cell.value, code, reason, hint))
                if code != Code.WHITESPACE:
                    bad.append(name)
        if any(name in INT_COLUMNS for name in bad):
            continue  # without its offsets a row cannot be checked further
        skip.update((len(rows), name) for name in bad)
        rows.append(row)
        lines.append(rec.line)
        cell_lines.append({name: c.line for name, c in cells.items()})
    frame = _frame(rows)
    return LoadedLedger(file, frame, lines, cell_lines, columns, problems, skip, loaded.absent, loaded.stamp)


def _cell(name: str, text: str) -> tuple[Any, tuple[str, str, str] | None]:
    """Parse one cell: (value, None) or (fallback value, (reason, hint, code))."""
    kind = _KIND[name]
    stripped = text.strip() if name not in FREE_TEXT_COLUMNS else text
    ws = None
    if stripped != text:
        ws = ("leading or trailing spaces", f"remove them: '{stripped}'", Code.WHITESPACE)
    if kind == "int":
        number, problem = _int_cell(stripped)
        return number, problem or ws
    if kind == "float":
        real, problem = _float_cell(stripped)
        return real, problem or ws
    return stripped, ws


def _int_cell(text: str) -> tuple[int, tuple[str, str, str] | None]:
    if re.fullmatch(r"-?[0-9]+", text):
        if -(2 ** 63) <= int(text) < 2 ** 63:
            return int(text), None
        return -1, ("too large for a character offset", "write the character offset as digits only, e.g. 412",
                    Code.NOT_INTEGER)
    if text == "":
        return -1, ("empty", "give the character offset (0-based) into the article", Code.REQUIRED)
    return -1, ("not a whole number", "write the character offset as digits only, e.g. 412", Code.NOT_INTEGER)


def _float_cell(text: str) -> tuple[float, tuple[str, str, str] | None]:
    if text == "":
        return math.nan, None
    try:
        value = float(text)
    except ValueError:
        return math.nan, ("not a number", _number_hint(text), Code.NOT_NUMBER)
    if not math.isfinite(value):
        return math.nan, ("not a finite number", "leave the cell empty for an open bound", Code.NOT_FINITE)
    if "_" in text:
        return math.nan, ("not a number", _number_hint(text), Code.NOT_NUMBER)
    return value, None


def _number_hint(text: str) -> str:
    if text.endswith("%"):
        return "write percentages as fractions: 27% is 0.27"
    if "," in text or "，" in text:
        return "remove the thousands separators: 13000000000"
    if re.search(r"[亿億万萬千百]", text):
        return "write the number in full units: 130亿 is 13000000000"
    return "write a plain number such as 13000000000 or 0.27, or leave it empty"


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    data = {name: [r[name] for r in rows] for name in COLUMNS}
    out = {}
    for name in COLUMNS:
        if name in INT_COLUMNS:
            out[name] = pd.Series(data[name], dtype="int64")
        elif name in FLOAT_COLUMNS:
            out[name] = pd.Series(data[name], dtype="float64")
        else:
            out[name] = pd.Series(data[name], dtype="str")
    return pd.DataFrame(out, columns=list(COLUMNS))


def empty_ledger() -> pd.DataFrame:
    """A ledger frame with no rows and the canonical columns and dtypes."""
    return _frame([])


def read_ledger(path: str | Path) -> pd.DataFrame:
    """Read claims.csv into a typed frame (canonical column order, rows in
    file order): ``start``/``end`` int64, value columns and ``confidence``
    float64 (NaN = empty), every other column str ('' = empty).

    ``df.attrs["file"]`` is the path and ``df.attrs["lines"][label]`` the
    editor line of the row with index ``label``.  Raises
    :class:`InputUnreadable` if the file cannot be read as a ledger and
    :class:`LedgerInvalid` (all problems attached) if a row or the header
    cannot be typed.  Schema rules are :func:`ledger.schema.validate_ledger`'s
    job.
    """
    loaded = load_ledger(path)
    errors = [p for p in loaded.problems if p.severity == "error"]
    if errors:
        raise LedgerInvalid(loaded.relocated(errors), file=loaded.file)
    return typed_frame(loaded)


def typed_frame(loaded: LoadedLedger) -> pd.DataFrame:
    """The frame of a ledger loaded without errors, as :func:`read_ledger` returns it."""
    df = loaded.frame
    df.attrs["file"] = loaded.file
    df.attrs["lines"] = list(loaded.lines)
    df.attrs["stamp"] = loaded.stamp
    return df


# --------------------------------------------------------------------------- writing

SORT_KEY = ("source", "start", "end", "claim_id")


def canonical(df: pd.DataFrame) -> pd.DataFrame:
    """The frame in canonical column order, rows sorted by source, start, end,
    claim_id, index reset.  Raises :class:`InvalidValue` on missing or unknown
    columns (nothing is ever dropped silently)."""
    missing = [c for c in COLUMNS if c not in df.columns]
    extra = [c for c in df.columns if c not in COLUMNS]
    if missing or extra:
        raise InvalidValue("frame does not have the ledger columns",
                           value=f"missing {missing}, unknown {extra}", code=Code.MISSING_COLUMN,
                           hint="build rows with ledger.record.COLUMNS")
    out = df.loc[:, list(COLUMNS)].sort_values(list(SORT_KEY), kind="mergesort")
    return out.reset_index(drop=True)


def to_csv_text(df: pd.DataFrame) -> str:
    """The canonical CSV text of a ledger frame (see :func:`write_ledger`)."""
    df = canonical(df)
    cols = [df[name].tolist() for name in COLUMNS]
    fmt = [_formatter(name) for name in COLUMNS]
    parts = [format_row(list(COLUMNS))]
    for i in range(len(df)):
        parts.append(format_row([f(col[i]) for f, col in zip(fmt, cols)]))
    return "".join(parts)


def _formatter(name: str):
    if name in INT_COLUMNS:
        return _format_int
    if name in FLOAT_COLUMNS:
        return format_float
    return _format_str


def _format_int(v: Any) -> str:
    if v is None or (isinstance(v, float) and not v.is_integer()):
        raise InvalidValue("offset is not a whole number", value=str(v), code=Code.NOT_INTEGER,
                           hint="offsets are character positions")
    return str(int(v))


def _format_str(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    return str(v)


def ledger_exists(path: str | Path) -> bool:
    """Is there a ledger at ``path`` (a file, or a folder holding Parquet files)?"""
    p = Path(path)
    return bool(parquet_files(p)) if p.is_dir() else p.exists()


def ledger_bytes(df: pd.DataFrame, path: str | Path) -> bytes:
    """The canonical bytes of a ledger frame for ``path``: CSV text, or one
    Parquet file for a ``.parquet`` path (:mod:`ledger.claims.columnar`)."""
    if Path(path).suffix.lower() in SUFFIXES:
        return parquet_bytes(canonical(df))
    return to_csv_text(df).encode("utf-8")


def new_part(folder: str | Path, added: pd.DataFrame) -> tuple[Path, bytes]:
    """Where and what to write for rows added to a Parquet folder ledger:
    one new file named by its claims (``part-<12 hex>.parquet``); the files
    already there are never rewritten."""
    frame = canonical(added)
    digest = hashlib.sha1("\n".join(frame["claim_id"].astype(str)).encode()).hexdigest()[:12]
    return Path(folder) / f"part-{digest}.parquet", parquet_bytes(frame)


def write_ledger(df: pd.DataFrame, path: str | Path, *, expect: Expect = ANY) -> None:
    """Write a ledger canonically and atomically: columns in
    :data:`~ledger.record.COLUMNS` order, rows sorted by source, start, end,
    claim_id, UTF-8 without BOM, LF line ends, minimal quoting, floats as
    integers without '.0' or else the shortest repr that reads back the same,
    NaN as an empty cell.  A temp file in the same folder replaces the target,
    so a crash never leaves half a file.  ``expect``: the file as it was read
    (its :class:`~ledger.textio.Stamp`, or None if there was none): if it
    changed since, nothing is written (:func:`ledger.textio.commit`).  A
    ``.parquet`` path is written as one Parquet file, in the same order."""
    if Path(path).suffix.lower() in SUFFIXES:
        atomic_write_bytes(path, ledger_bytes(df, path), expect=expect)
        return
    atomic_write_text(path, to_csv_text(df), expect=expect)


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with the ledger dtypes: int64 offsets, float64 values, str
    elsewhere ('' for missing text)."""
    out: dict[str, pd.Series] = {}
    for name in COLUMNS:
        col = df[name]
        if name in INT_COLUMNS:
            out[name] = col.astype("int64")
        elif name in FLOAT_COLUMNS:
            out[name] = pd.to_numeric(col, errors="raise").astype("float64")
        else:
            out[name] = col.map(_format_str).astype("str")
    return pd.DataFrame(out, columns=list(COLUMNS), index=df.index)


# --------------------------------------------------------------------------- merging


@dataclass
class MergeResult:
    """The merged ledger (canonical order) and what happened to each claim.

    ``added``: new claim_ids, now rows with status=unreviewed, origin=extracted.
    ``unchanged``: proposals equal to an existing untouched row.
    ``kept_reviewed``: proposals whose row a reviewer touched (status not
    unreviewed, origin manual, or any field differing from the proposal) or
    whose span overlaps a span another row already holds (a reviewer who
    widened 19亿美元 to 达19亿美元, or narrowed it, keeps one row, not two);
    the ledger row is left as it is.
    ``orphaned``: ledger rows of a source in ``texts`` whose article vanished
    (text None) or whose surface no longer matches text[start:end]; kept,
    reported in ``problems``, never deleted.
    """

    frame: pd.DataFrame
    ids: dict[str, list[str]]
    problems: list[Problem]

    @property
    def added(self) -> int:
        return len(self.ids["added"])

    @property
    def unchanged(self) -> int:
        return len(self.ids["unchanged"])

    @property
    def kept_reviewed(self) -> int:
        return len(self.ids["kept_reviewed"])

    @property
    def orphaned(self) -> int:
        return len(self.ids["orphaned"])

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.ids.items()}


def merge_extracted(ledger: pd.DataFrame, extracted: pd.DataFrame,
                    texts: dict[str, str | None]) -> MergeResult:
    """Merge extraction proposals into a ledger without changing any existing
    row.  ``texts`` maps source id -> article text (None if the file
    vanished); only rows of those sources are checked for orphaning.
    Merging the same proposals again changes nothing (idempotent)."""
    ids: dict[str, list[str]] = {"added": [], "unchanged": [], "kept_reviewed": [], "orphaned": []}
    problems = _orphans(ledger, texts, ids["orphaned"])
    old = conform(ledger).reset_index(drop=True)
    new = conform(extracted).reset_index(drop=True)
    rows = {cid: i for i, cid in enumerate(old["claim_id"])}
    orphan_ids = set(ids["orphaned"])
    spans: dict[str, _Spans] = {}
    for src, a, b, cid in zip(old["source"], old["start"], old["end"], old["claim_id"]):
        if cid not in orphan_ids:
            spans.setdefault(str(src), _Spans()).add(int(a), int(b))
    old_cells, new_cells = _cells(old), _cells(new)
    take = []
    new_src, new_start, new_end = (new[c].tolist() for c in ("source", "start", "end"))  # not .at per row
    for j, cid in enumerate(new["claim_id"]):
        if rows.get(cid) == -1:
            continue  # proposed twice in one extraction
        if cid in rows:
            same = old_cells[rows[cid]] == _proposal(new_cells[j])
            ids["unchanged" if same else "kept_reviewed"].append(cid)
            continue
        src, a, b = str(new_src[j]), int(new_start[j]), int(new_end[j])
        if src in spans and spans[src].overlaps(a, b):  # the same claim, its span widened or narrowed
            ids["kept_reviewed"].append(cid)
            continue
        rows[cid] = -1
        spans.setdefault(src, _Spans()).add(a, b)
        take.append(j)
        ids["added"].append(cid)
    added = new.loc[take].assign(status="unreviewed", origin="extracted")
    merged = canonical(pd.concat([old, added], ignore_index=True)) if take else canonical(old)
    return MergeResult(merged, ids, problems)


class _Spans:
    """The spans of one article, sorted by start, asked whether a span
    overlaps one of them (in O(log n) plus the few spans that start within
    the longest span's length before it)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 1

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """``[start, end)`` shares a character with a span (an empty span
        counts as its one position)."""
        end = max(end, start + 1)
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and self.starts[i] > start - self.longest:
            if max(self.ends[i], self.starts[i] + 1) > start:
                return True
            i -= 1
        return False


def _cells(df: pd.DataFrame) -> list[tuple[str, ...]]:
    cols = [df[name].tolist() for name in COLUMNS]
    fmt = [_formatter(name) for name in COLUMNS]
    return [tuple(f(col[i]) for f, col in zip(fmt, cols)) for i in range(len(df))]


_STATUS, _ORIGIN = COLUMNS.index("status"), COLUMNS.index("origin")


def _proposal(cells: tuple[str, ...]) -> tuple[str, ...]:
    out = list(cells)
    out[_STATUS], out[_ORIGIN] = "unreviewed", "extracted"
    return tuple(out)


def _orphans(ledger: pd.DataFrame, texts: dict[str, str | None], out: list[str]) -> list[Problem]:
    file = ledger.attrs.get("file", "claims.csv")
    lines = ledger.attrs.get("lines")
    problems = []
    # plain column lists, not a Series per row (iterrows: ~0.1 ms a row)
    rows = zip(ledger.index, *(ledger[c].tolist() for c in ("source", "start", "end", "surface", "claim_id")))
    for label, source, start, end, surface, claim in rows:
        if source not in texts:
            continue
        text = texts[source]
        start, end = int(start), int(end)
        if text is None:
            reason = f"article of source {source!r} is gone"
        elif text[start:end] == surface and end <= len(text):
            continue
        else:
            reason = f"the article now reads {text[start:end]!r} at {start}:{end}"
        out.append(claim)
        line = lines[label] if isinstance(lines, list) and isinstance(label, int) and label < len(lines) else None
        problems.append(Problem(file, line, COLUMNS.index("surface") + 1, "surface", surface, Code.ORPHANED,
                                reason + " (row kept)",
                                "re-locate the claim (fix start/end and claim_id) or set status=rejected"))
    return problems

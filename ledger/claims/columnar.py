"""Columnar ledgers: a ledger may be a Parquet file (``claims.parquet``) or a
folder of Parquet files (partitioned, e.g. ``claims/month=2026-11/part-0.parquet``),
for ledgers a machine makes (docs/engines.md).  The same columns as
claims.csv, the same typing rules (a text column of numbers is typed cell by
cell with the CSV rule), the same validation.

Problems name the Parquet file and the row in it: ``line`` is the 1-based row
of the file, ``column`` the column's 1-based place in the file's schema
(:func:`relocate` turns the ledger-wide rows the validators see into them).
A folder is read in the sorted order of its files' paths, each file in row
order; hidden files (``.x``, ``_SUCCESS``, ``_metadata``) are skipped, as
Spark and Hive write them.

Needs ``pyarrow`` (the ``parquet`` extra).
"""
from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ledger.errors import Code, InputUnreadable, Problem
from ledger.record import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS

SUFFIXES = (".parquet", ".pq")


def is_columnar(path: str | Path) -> bool:
    """A Parquet ledger: a ``.parquet`` / ``.pq`` file, or a folder."""
    p = Path(path)
    return p.suffix.lower() in SUFFIXES or p.is_dir()


def parquet_files(path: str | Path) -> list[Path]:
    """The Parquet files of a ledger path, in reading order."""
    p = Path(path)
    if not p.is_dir():
        return [p]
    return sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                  and not any(part.startswith((".", "_")) for part in f.relative_to(p).parts))


def _arrow(file: str | None = None) -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as err:
        raise InputUnreadable("reading or writing a Parquet ledger needs the Python package 'pyarrow'",
                              file=file, code=Code.UNREADABLE, hint="pip install 'factcheck-ledger[parquet]'") from err
    return pyarrow


@dataclass
class Part:
    """One file of a columnar ledger: its path, first ledger-wide row, rows and column places."""

    file: str
    first: int
    rows: int
    places: dict[str, int]


@dataclass
class Columnar:
    """A columnar ledger read: cells typed like the CSV reader's (``columns``,
    ``bad`` rows per column, as :func:`ledger.claims.fastread.typed` gives
    them), the parts, and the problems of the header (missing or unknown columns)."""

    columns: dict[str, Any]
    bad: dict[str, np.ndarray]
    text: dict[str, pd.Series]  # the cells as written, of the columns with failing cells
    parts: list[Part]
    absent: set[str]
    problems: list[Problem]
    rows: int


def read_columnar(path: str | Path, optional: tuple[str, ...], read: Callable[[Path], bytes]) -> Columnar:
    """Every file of a columnar ledger, typed; ``read(path)`` reads a
    file's bytes (the caller stamps them)."""
    files = parquet_files(path)
    if not files:  # said before pyarrow is asked for: an empty folder needs no Parquet reader to say so
        raise InputUnreadable("no Parquet files in the ledger folder", file=str(path), code=Code.EMPTY_FILE,
                              hint="extract into it, or point at a claims.csv / .parquet file")
    pa = _arrow(str(path))
    tables, parts, problems, absent = [], [], [], set()
    first = 0
    for f in files:
        try:
            table = pa.parquet.read_table(io.BytesIO(read(f)))
        except (OSError, pa.ArrowInvalid) as err:
            raise InputUnreadable(f"not a readable Parquet file: {err}", file=str(f), code=Code.UNREADABLE,
                                  hint="check the path; a Parquet ledger is written by factcheck extract") from err
        names = list(table.column_names)
        places = {n: i + 1 for i, n in enumerate(names)}
        for n in names:
            if n not in COLUMNS:
                problems.append(Problem(str(f), None, places[n], n, None, Code.UNKNOWN_COLUMN,
                                        "unknown column", "remove it, or rename it to a ledger column"))
        for n in COLUMNS:
            if n not in places:
                absent.add(n)
                required = n not in optional
                problems.append(Problem(str(f), None, None, n, None, Code.MISSING_COLUMN,
                                        "missing column" + ("" if required else " (treated as empty)"),
                                        "add the column", severity="error" if required else "warning"))
        tables.append(table)
        parts.append(Part(str(f), first, table.num_rows, places))
        first += table.num_rows
    columns: dict[str, Any] = {}
    bad: dict[str, np.ndarray] = {}
    text: dict[str, pd.Series] = {}
    for name in COLUMNS:
        values = [_column(t, name, pa) for t in tables]
        column = pd.concat(values, ignore_index=True) if values else pd.Series([], dtype=object)
        columns[name], bad[name] = _typed(name, column)
        if bad[name].any():
            text[name] = column.map(_as_text)
    return Columnar(columns, bad, text, parts, absent, problems, first)


def _as_text(value: Any) -> str:
    """A cell as the CSV reader would have read it (a null is an empty cell)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 2**53 else repr(value)
    return str(value)


def _column(table: Any, name: str, pa: Any) -> pd.Series:
    """One column of one file as a pandas Series (absent: all empty)."""
    if name not in table.column_names:
        return pd.Series([""] * table.num_rows, dtype=object)
    col = table.column(name)
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type) or pa.types.is_string_view(col.type):
        return pd.Series(col.to_pylist(), dtype=object)
    if pa.types.is_integer(col.type) or pa.types.is_floating(col.type):
        return pd.Series(col.to_numpy(zero_copy_only=False), dtype=float if pa.types.is_floating(col.type)
                         else object if col.null_count else np.int64)
    return pd.Series([None if v is None else str(v) for v in col.to_pylist()], dtype=object)


def _typed(name: str, values: pd.Series) -> tuple[Any, np.ndarray]:
    """A ledger column and its failing rows (typed one by one with the CSV
    rule later): text read as text, numbers as numbers; a null in a required
    number, a non-finite float, text in a number column that the CSV rule refuses."""
    if name in INT_COLUMNS:
        if values.dtype == np.int64:
            return values.to_numpy(), np.zeros(len(values), dtype=bool)
        text = values.map(_as_text)
        ok = text.str.fullmatch(r"-?[0-9]+").to_numpy(dtype=bool)
        return np.where(ok, pd.to_numeric(text.where(ok, "-1")).to_numpy(np.int64), -1), ~ok
    if name in FLOAT_COLUMNS:
        if values.dtype == float:
            number = values.to_numpy(dtype=float)
            return np.where(np.isinf(number), np.nan, number), np.isinf(number)
        text = values.map(_as_text)
        number = pd.to_numeric(text.where(text != "", "nan"), errors="coerce").to_numpy(float)
        ok = (text == "").to_numpy() | np.isfinite(number)
        return np.where(ok, number, np.nan), ~ok
    text = values.map(_as_text)
    free = name in ("surface", "quote", "note")
    ok = np.ones(len(text), dtype=bool) if free else (text == text.str.strip()).to_numpy(dtype=bool)
    return text.astype(object), ~ok


def relocate(parts: list[Part], file: str, problems: list[Problem]) -> list[Problem]:
    """Problems about ledger-wide rows (``file``, 1-based row as ``line``)
    as problems about the part file and its own row and column place."""
    if not parts:
        return problems
    firsts = np.array([p.first for p in parts])
    out = []
    for p in problems:
        if p.file != file or p.line is None:
            out.append(p)
            continue
        part = parts[int(np.searchsorted(firsts, p.line - 1, side="right")) - 1]
        column = part.places.get(p.field) if p.field else p.column
        out.append(replace(p, file=part.file, line=p.line - part.first, column=column))
    return out


# --------------------------------------------------------------------------- writing


def arrow_schema() -> Any:
    """The Parquet schema of a ledger: int64 offsets, float64 values, text elsewhere."""
    pa = _arrow()
    return pa.schema([(n, pa.int64() if n in INT_COLUMNS else pa.float64() if n in FLOAT_COLUMNS else pa.string())
                      for n in COLUMNS])


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """A ledger frame (canonical columns and order) as the bytes of one
    Parquet file (zstd, text empty rather than null)."""
    pa = _arrow()
    arrays = []
    for n in COLUMNS:
        col = frame[n]
        if n in INT_COLUMNS:
            arrays.append(pa.array(col.to_numpy(np.int64), type=pa.int64()))
        elif n in FLOAT_COLUMNS:
            arrays.append(pa.array(col.to_numpy(dtype=float), type=pa.float64()))
        else:
            arrays.append(pa.array(col.fillna("").astype(str).tolist(), type=pa.string()))
    table = pa.Table.from_arrays(arrays, schema=arrow_schema())
    sink = io.BytesIO()
    pa.parquet.write_table(table, sink, compression="zstd")
    return sink.getvalue()

"""The ledger schema: a pandera model built from :mod:`ledger.record`, the
rules that span a row, and the checks across rows.  Every failure becomes a
:class:`~ledger.errors.Problem` with the editor line and the file's own column
number.  Checks against sources.csv and the articles live in
:mod:`ledger.validate`, which also holds :func:`validate_ledger`.

Ranges: a ratio metric (a stake, a share) lies in [0, 1]; money, times, count
and duration values are >= 0; a metric may override this with ``min`` / ``max``
in ``lexicon/metrics.toml`` (revenue_growth: [-1, inf), 700% growth is 7.0).
Values in ``percentage_point`` are not range-checked.
"""
from __future__ import annotations

import difflib
import hashlib
import math
import sys
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from ledger.claims.rules import (
    RULES,
    RowRule,
    detail_ok,
    each_distinct,
    first_rows,
    is_period,
    row_codes,
    vocabularies,
)
from ledger.claims.store import OPTIONAL_COLUMNS, LoadedLedger
from ledger.csvio import format_float
from ledger.errors import Code, Problem
from ledger.intervals import is_arrow
from ledger.record import COLUMN_SPECS, claim_id

# pandera imports pandas-on-Spark whenever pyspark is installed (the [spark]
# extra): ~0.4 s on every command and a FutureWarning on stderr.  Its import is
# refused while pandera loads (pandera catches the ImportError); the Spark
# engine (ledger.crosscheck.engines.spark) uses pyspark.sql only.
_UNBLOCK = "pyspark.pandas" not in sys.modules
if _UNBLOCK:
    sys.modules["pyspark.pandas"] = None  # type: ignore[assignment]
try:
    import pandera.pandas as pa
finally:
    if _UNBLOCK:
        del sys.modules["pyspark.pandas"]

# --------------------------------------------------------------------------- the pandera model

_CLAIM_ID = r"c-[0-9a-f]{12}"
_OPTIONAL_ENUMS = ("metric",)
_REQUIRED_TEXT = ("claim_id", "source", "surface", "quote")


def _named(code: str, fn: Callable, *, element_wise: bool = False) -> pa.Check:
    # ignore_na=False: no cell of a loaded frame is NA but an empty float (which each check handles);
    # pandera's default asks isna() of the whole frame for each check (23 columns each, 14 row rules)
    return pa.Check(fn, name=code, element_wise=element_wise, ignore_na=False)


def _column(name: str, kind: str) -> pa.Column:
    vocab = vocabularies()
    checks: list[pa.Check] = []
    if kind == "int":
        checks.append(_named(Code.NEGATIVE_OFFSET, lambda s: s >= 0))
        return pa.Column("int64", checks, nullable=False)
    if kind == "float":
        checks.append(_named(Code.NOT_FINITE, lambda s: ~s.isin([math.inf, -math.inf])))
        if name == "confidence":
            checks.append(_named(Code.CONFIDENCE_RANGE, lambda s: s.isna() | s.between(0, 1)))
        return pa.Column("float64", checks, nullable=True)
    if name in vocab:
        allowed = set(vocab[name]) | ({""} if name in _OPTIONAL_ENUMS else set())
        if name not in _OPTIONAL_ENUMS:
            checks.append(_named(Code.REQUIRED, lambda s: s != ""))
        checks.append(_named(Code.NOT_IN_VOCABULARY, lambda s, a=frozenset(allowed): (s == "") | s.isin(a)))
    if name in _REQUIRED_TEXT:
        checks.append(_named(Code.REQUIRED, lambda s: s != ""))
    if name == "claim_id":
        checks.append(_named(Code.BAD_CLAIM_ID, lambda s: (s == "") | s.str.fullmatch(_CLAIM_ID)))
    # checks of a value's text run once per distinct value (a million rows hold few distinct periods)
    if name == "period":
        checks.append(_named(Code.PERIOD_FORMAT, lambda s: each_distinct(s, _period_ok)))
    if name == "confidence_detail":
        checks.append(_named(Code.CONFIDENCE_DETAIL, lambda s: each_distinct(s, _detail_ok)))
    return pa.Column("str", checks, nullable=False)


def _period_ok(value: str) -> bool:
    return value == "" or is_period(value)


def _detail_ok(value: str) -> bool:
    return value == "" or detail_ok(value)


def _row_rules() -> list[RowRule]:
    return RULES


@lru_cache(maxsize=1)
def ledger_schema() -> pa.DataFrameSchema:
    """The pandera model of a ledger frame, built from record.COLUMN_SPECS,
    with the row rules as named frame-wide checks."""
    columns = {name: _column(name, kind) for name, kind, _ in COLUMN_SPECS}
    checks = [pa.Check(r.ok, name=f"{r.code}@{r.field}", ignore_na=False) for r in _row_rules()]
    return pa.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, name="claims")


# --------------------------------------------------------------------------- running it


def check_frame(loaded: LoadedLedger) -> list[Problem]:
    """Run the pandera model over the loaded frame; one Problem per failing cell."""
    df = loaded.frame
    try:
        ledger_schema().validate(df, lazy=True, inplace=True)  # nothing is coerced: no copy of the frame
    except pa.errors.SchemaErrors as exc:
        return _problems(loaded, exc.failure_cases)
    return []


def _problems(loaded: LoadedLedger, cases: pd.DataFrame) -> list[Problem]:
    rules = {f"{r.code}@{r.field}": r for r in _row_rules()}
    columns = _Columns(loaded.frame)
    out, seen = [], set()
    cell_failed = set()  # a cell that failed its own column check: row rules on it stay quiet
    cases = cases.assign(_row_rule=cases["check"].isin(list(rules))).sort_values("_row_rule", kind="mergesort")
    failures: list[list[Any]] = [cases[c].tolist() for c in ("index", "check", "column", "failure_case")]
    for index, check, column, failure in zip(*failures):
        if index is None or (isinstance(index, float) and math.isnan(index)):
            out.append(Problem(loaded.file, None, None, column, failure, Code.DTYPE,
                               f"column has the wrong type ({check})",
                               "build the frame with ledger.claims.read_ledger"))
            continue
        row = int(index)
        rule = rules.get(check)
        code, field = (rule.code, rule.field) if rule else (str(check), str(column))
        if (row, code, field) in seen or (row, field) in loaded.skip or field in loaded.absent:
            continue
        if rule and (row, field) in cell_failed:
            continue
        if not rule:
            cell_failed.add((row, field))
        seen.add((row, code, field))
        out.append(_problem(loaded, columns, row, code, field, rule))
    return out


def _problem(loaded: LoadedLedger, columns: _Columns, row: int, code: str, field: str,
             rule: RowRule | None) -> Problem:
    record = _Cells(columns, row)
    reason, hint = rule.explain(record) if rule else explain_cell(code, field, record)
    line, column = loaded.where(row, field)
    return Problem(loaded.file, line, column, field, show(record[field]), code, reason, hint)


class _Columns:
    """A frame's columns as arrays, each taken when first asked for."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.arrays: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.arrays:
            column = self.frame[name]
            self.arrays[name] = column.to_numpy() if column.dtype.kind in "iuf" else column.array
        return self.arrays[name]


class _Cells:
    """One row's cells by column name, each read when asked (a row of the
    frame as a Series costs ~0.1 ms; a ledger may have a problem per row)."""

    def __init__(self, columns: _Columns, row: int) -> None:
        self.columns, self.row = columns, row

    def __getitem__(self, name: str) -> Any:
        return self.columns[name][self.row]


def show(value) -> str:
    """A cell as the canonical writer would write it."""
    if isinstance(value, float):
        return format_float(value) if math.isfinite(value) or math.isnan(value) else str(value)
    return str(value)


_REQUIRED_HINTS = {
    "claim_id": "derive it from source, start, end and surface (ledger.record.claim_id)",
    "source": "name the article id (the file stem listed in sources.csv)",
    "surface": "copy the number exactly as written in the article",
    "quote": "copy the sentence or clause around the number, exactly as written",
}


def explain_cell(code: str, field: str, row: Any) -> tuple[str, str]:
    """(reason, hint) for a single-column check."""
    value = row[field]
    if code == Code.NOT_IN_VOCABULARY:
        return f"not a known {field}", _choices(field, str(value))
    if code == Code.REQUIRED:
        return "empty", _REQUIRED_HINTS.get(field) or _choices(field, "")
    if code == Code.BAD_CLAIM_ID:
        return "not a claim id ('c-' and 12 hex digits)", f"set it to {_derived_id(row)}"
    if code == Code.NEGATIVE_OFFSET:
        return "negative offset", "offsets count characters from 0 at the start of the article"
    if code == Code.CONFIDENCE_RANGE:
        return "confidence outside 0..1", "give a confidence between 0 and 1, or leave it empty"
    if code == Code.CONFIDENCE_DETAIL:
        return ("not a list of field=confidence", "write it as 'subject=0.9;object=0.6;metric=0.8' "
                "(each confidence between 0 and 1), or leave it empty")
    if code == Code.PERIOD_FORMAT:
        return ("not a period", "write YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or an interval A/B, "
                "e.g. 2025-10, 2024-H2, 2023-11/2023-12 (年底)")
    if code == Code.NOT_FINITE:
        return "not a finite number", "leave the cell empty for an open bound"
    return f"fails check {code}", "see the list of checks in docs/ledger.md"


@lru_cache(maxsize=4096)
def _choices(field: str, value: str) -> str:
    vocab = vocabularies().get(field, ())
    close = difflib.get_close_matches(value, vocab, n=1, cutoff=0.6) if value else []
    lower = [v for v in vocab if v.lower() == value.lower()]
    guess = (lower or close)
    head = f"did you mean '{guess[0]}'? " if guess else ""
    if field == "metric":
        return head + "use a metric from ledger/lexicon/metrics.toml (or add it there)"
    return head + "use one of " + ", ".join(vocab)


def _derived_id(row: Any) -> str:
    return claim_id(str(row["source"]), int(row["start"]), int(row["end"]), str(row["surface"]))


# --------------------------------------------------------------------------- across rows


def check_rows(loaded: LoadedLedger, *, ids: bool = True) -> list[Problem]:
    """Unique claim_id, claim_id derived from (source, start, end, surface) for
    every row (extracted or manual: the merge matches rows by it), one row per
    span.  ``ids=False`` leaves out the derivation (one hash per row)."""
    df = loaded.frame
    found: list[tuple[int, int, Problem]] = []  # (row, its order within the row, problem)
    formed, digests = _id_digests(df["claim_id"])  # once, for duplicates and mismatches
    codes = _id_codes(df["claim_id"], formed, digests)
    first = first_rows(codes)
    for row in np.flatnonzero(first[codes] != np.arange(len(df))).tolist():
        found.append((row, 0, _at(loaded, row, "claim_id", Code.DUPLICATE_CLAIM_ID,
                                  f"duplicate claim_id (first on line {loaded.lines[first[codes[row]]]})",
                                  "each claim has one row; delete the copy or fix its span")))
    codes = row_codes(df, ("source", "start", "end"))
    first = first_rows(codes)
    for row in np.flatnonzero(first[codes] != np.arange(len(df))).tolist():
        start, end = df["start"].iat[row], df["end"].iat[row]
        found.append((row, 1, _at(loaded, row, "start", Code.DUPLICATE_SPAN,
                                  f"span {start}:{end} of {df['source'].iat[row]} is already claimed on line "
                                  f"{loaded.lines[first[codes[row]]]}", "keep one row per span; merge the two")))
    if ids and not loaded.absent & {"source", "start", "end", "surface"}:
        found += _id_mismatches(loaded, formed, digests)
    found.sort(key=lambda f: (f[0], f[1]))
    return [p for _, _, p in found]


def _id_mismatches(loaded: LoadedLedger, formed: np.ndarray, have: np.ndarray) -> list[tuple[int, int, Problem]]:
    """The well-formed ids (``formed``, their 6 bytes ``have``) that are not their row's derived id (a
    malformed id is the bad-claim-id problem, not this one)."""
    df = loaded.frame
    differ = np.flatnonzero(formed & (have != _derived_digests(df)).any(axis=1)).tolist()
    return [(row, 2, _at(loaded, row, "claim_id", Code.CLAIM_ID_MISMATCH,
                         "does not match source, start, end and surface",
                         f"set it to {_derived_id(_Cells(_Columns(df), row))} "
                         "(ids are derived from the span; edit the span, then the id)"))
            for row in differ]


def _id_codes(ids: pd.Series, formed: np.ndarray, digests: np.ndarray) -> np.ndarray:
    """``row_codes(df, ("claim_id",))`` from the ids' bytes: a well-formed id is
    its 48 bits (equal ids, equal bits), the few others are factorized as text."""
    key = np.zeros(len(ids), dtype=np.int64)
    for j in range(6):
        key = (key << 8) | digests[:, j].astype(np.int64)
    if not formed.all():
        other = ~formed
        key[other] = (1 << 48) + pd.factorize(ids[other], use_na_sentinel=False)[0]
    return pd.factorize(key)[0]


#: Each ASCII character's value as a lower-case hex digit (16: not one).
_HEX = np.full(128, 16, dtype=np.uint8)
_HEX[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16, dtype=np.uint8)


def _id_digests(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(which ids match ``c-`` + 12 lower-case hex digits, the 6 bytes those digits spell).
    Every cell's characters as code points (a fixed-width numpy array), not a regex per row."""
    n = len(ids)
    points = _id_bytes(ids)
    if points is None:
        points = np.array(ids.to_numpy(dtype=object), dtype="U14").view(np.uint32).reshape(n, 14)
        length = ids.str.len().to_numpy(dtype=np.int64)
    else:
        length = np.full(n, 14)
    ascii_ = np.where(points < 128, points, 127)
    nibbles = _HEX[ascii_[:, 2:]]
    formed = ((length == 14) & (points[:, 0] == ord("c"))
              & (points[:, 1] == ord("-")) & (points[:, 2:] < 128).all(axis=1) & (nibbles < 16).all(axis=1))
    return formed, (nibbles[:, 0::2] << 4) | nibbles[:, 1::2]


def _id_bytes(ids: pd.Series) -> np.ndarray | None:
    """Arrow text whose every cell is 14 bytes long (all ids, commonly) as an
    (n, 14) view of its UTF-8 buffer; None otherwise."""
    if not is_arrow(ids) or not len(ids):
        return None
    import pyarrow as pa

    column = pa.array(ids.array)
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    buffers = column.buffers()
    if column.null_count or buffers[2] is None:
        return None
    wide = str(column.type) in ("large_string", "large_utf8")
    offsets = np.frombuffer(buffers[1], dtype=np.int64 if wide else np.int32)
    offsets = offsets[column.offset:column.offset + len(column) + 1]
    if not (np.diff(offsets) == 14).all():
        return None
    start = int(offsets[0])
    return np.frombuffer(buffers[2], dtype=np.uint8)[start:start + 14 * len(ids)].reshape(len(ids), 14)


def _derived_digests(df: pd.DataFrame) -> np.ndarray:
    """The first 6 bytes of each row's claim-id hash (:func:`ledger.record.claim_id`), an (n, 6) array:
    for Arrow text the hashed text is joined in Arrow and hashed from its buffer (no Python string per row)."""
    n = len(df)
    sha1 = hashlib.sha1
    if is_arrow(df["source"]) and is_arrow(df["surface"]):
        import pyarrow as pa
        import pyarrow.compute as pc

        wide = pa.large_string()
        parts = [pa.array(df["source"].array).cast(wide), pa.array(df["start"].to_numpy()).cast(wide),
                 pa.array(df["end"].to_numpy()).cast(wide), pa.array(df["surface"].array).cast(wide)]
        joined = pc.binary_join_element_wise(*parts, pa.scalar("\x1f", wide))
        if isinstance(joined, pa.ChunkedArray):
            joined = joined.combine_chunks()
        buffers = joined.buffers()
        if not joined.null_count and buffers[2] is not None:
            offsets = np.frombuffer(buffers[1], dtype=np.int64)[joined.offset:joined.offset + n + 1].tolist()
            data = memoryview(buffers[2])
            digests = b"".join([sha1(data[a:b]).digest() for a, b in pairwise(offsets)])  # cut below, not per row
            return np.frombuffer(digests, dtype=np.uint8).reshape(n, 20)[:, :6]
    columns = (df[c].tolist() for c in ("source", "start", "end", "surface"))
    digests = b"".join([sha1(f"{s}\x1f{a}\x1f{b}\x1f{t}".encode()).digest() for s, a, b, t in zip(*columns)])
    return np.frombuffer(digests, dtype=np.uint8).reshape(n, 20)[:, :6]  # cut here, not per row


def _at(loaded: LoadedLedger, row: int, field: str, code: str, reason: str, hint: str,
        severity: str = "error") -> Problem:
    line, column = loaded.where(row, field)
    return Problem(loaded.file, line, column, field, show(loaded.frame[field].iat[row]), code, reason, hint,
                   severity=severity)


# --------------------------------------------------------------------------- documentation


#: When a cell may be empty (documentation of the rules above; the table in docs/ledger.md shows it).
EMPTY_ALLOWED = {
    "subject": "if status is unreviewed or rejected", "metric": "if status is unreviewed or rejected",
    "object": "yes", "period": "yes, except for kind=date", "value": "only for kind=date (then it must be)",
    "value_low": "yes (open bound); empty for kind=date", "value_high": "yes (open bound); empty for kind=date",
    "reviewer": "yes", "note": "yes", "confidence": "yes", "confidence_detail": "yes",
}


def columns_markdown() -> str:
    """The column table of docs/ledger.md, generated from record.COLUMN_SPECS."""
    lines = ["| # | column | type | in header | empty cell | meaning |", "|---|---|---|---|---|---|"]
    for i, (name, kind, text) in enumerate(COLUMN_SPECS, start=1):
        header = "optional" if name in OPTIONAL_COLUMNS else "required"
        empty = EMPTY_ALLOWED.get(name, "no")
        lines.append(f"| {i} | `{name}` | {kind} | {header} | {empty} | {text.replace('|', '/')} |")
    return "\n".join(lines) + "\n"

"""Reviewer decisions on conflicts: ``decisions.csv`` beside the ledger.

Columns, in order: ``conflict_id, decision, reviewer, note, decided_at``.
``decision`` is ``explained`` (the difference has a reason, e.g. a change the
checker could not see), ``confirmed`` (a real conflict, acknowledged: one
source is wrong) or ``wrong_extraction`` (a ledger row is mis-framed; fix the
ledger).  Any decision marks the conflict ``resolved``; the decision survives
re-runs because conflict ids are stable.  A decision whose conflict no longer
exists is reported as a note, never silently dropped.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd

from ledger.errors import InputUnreadable, LedgerInvalid, Problem
from ledger.textio import atomic_write_text, decode_bytes

DECISION_COLUMNS = ("conflict_id", "decision", "reviewer", "note", "decided_at")
DECISIONS = ("explained", "confirmed", "wrong_extraction")
_ID = re.compile(r"^k-[0-9a-f]{12}$")


def empty_decisions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=str) for c in DECISION_COLUMNS})


def read_decisions(path: str | Path) -> pd.DataFrame:
    """Read and validate a decisions file; every bad cell is reported at once
    (:class:`LedgerInvalid` with file:line:column problems)."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise InputUnreadable(f"cannot read the decisions file: {err.strerror or err}", file=name,
                              code="unreadable", hint="check the path (the default is decisions.csv beside the ledger)"
                              ) from err
    text = decode_bytes(raw, name)  # not UTF-8: line, column and the encoding it looks like
    rows = _records(text, name)
    if not rows:
        return empty_decisions()
    header_line, header = rows[0]
    if header != list(DECISION_COLUMNS):
        raise InputUnreadable(f"header is {','.join(header)!r}", file=name, line=header_line, code="not-decisions",
                              hint="the header must be " + ",".join(DECISION_COLUMNS))
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    records = []
    for line, cells in rows[1:]:
        problems += _row_problems(name, line, cells, seen)
        records.append((cells + [""] * len(DECISION_COLUMNS))[: len(DECISION_COLUMNS)])
    if problems:
        raise LedgerInvalid(problems, file=name)
    df = pd.DataFrame(records, columns=list(DECISION_COLUMNS))
    df.attrs["file"] = name
    df.attrs["lines"] = [line for line, _ in rows[1:]]
    return df


def _records(text: str, name: str) -> list[tuple[int, list[str]]]:
    """``(line the record starts on, cells)`` for each non-blank record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out, line = [], 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                out.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as err:
        raise InputUnreadable(f"not a well-formed CSV: {err}", file=name, line=reader.line_num,
                              code="bad-csv", hint="quote fields holding commas or quotes; double inner quotes") from err
    return out


def _row_problems(name: str, line: int, cells: list[str], seen: dict[str, int]) -> list[Problem]:
    if len(cells) != len(DECISION_COLUMNS):
        return [Problem(name, line, None, None, ",".join(cells), "wrong-cell-count",
                        f"{len(cells)} cells, expected {len(DECISION_COLUMNS)}",
                        "one row per decision: " + ",".join(DECISION_COLUMNS))]
    cid, decision, reviewer, note, decided_at = cells
    out = []
    def bad(col: str, value: str, reason: str, hint: str, code: str) -> None:
        out.append(Problem(name, line, DECISION_COLUMNS.index(col) + 1, col, value, code, reason, hint))
    if not _ID.match(cid):
        bad("conflict_id", cid, "not a conflict id", "copy it from `factcheck check --json`: 'k-' + 12 hex", "bad-id")
    elif cid in seen:
        bad("conflict_id", cid, f"decided twice (first on line {seen[cid]})", "keep one row per conflict", "duplicate")
    else:
        seen[cid] = line
    if decision not in DECISIONS:
        bad("decision", decision, "unknown decision", "use one of " + ", ".join(DECISIONS), "bad-decision")
    if not reviewer.strip():
        bad("reviewer", reviewer, "empty", "name who decided", "missing-reviewer")
    if not _is_timestamp(decided_at):
        bad("decided_at", decided_at, "not an ISO date or date-time", "write e.g. 2025-05-06 or 2025-05-06T10:30:00Z",
            "bad-date")
    return out


def _is_timestamp(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def write_decisions(df: pd.DataFrame, path: str | Path) -> None:
    """Canonical, atomic write: columns in order, sorted by conflict id,
    minimal quoting, LF line ends, UTF-8 without BOM."""
    df = df.reindex(columns=list(DECISION_COLUMNS)).fillna("").astype(str)
    df = df.sort_values("conflict_id", kind="mergesort")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(DECISION_COLUMNS)
    writer.writerows(df.itertuples(index=False, name=None))
    atomic_write_text(path, buf.getvalue())


def apply(out: pd.DataFrame, decisions: pd.DataFrame | None) -> tuple[pd.DataFrame, list[Problem]]:
    """Mark decided conflicts resolved; decisions whose conflict is gone
    become notes (``orphan-decision``)."""
    if decisions is None or not len(decisions):
        return out, []
    file = decisions.attrs.get("file", "decisions.csv")
    lines = dict(zip(decisions["conflict_id"], decisions.attrs.get("lines", [None] * len(decisions))))
    dec = decisions.drop_duplicates("conflict_id", keep="last").set_index("conflict_id")
    hit = out["conflict_id"].isin(dec.index)
    ids = out.loc[hit, "conflict_id"]
    out.loc[hit, "status"] = "resolved"
    out.loc[hit, "decision"] = ids.map(dec["decision"]).to_numpy()
    out.loc[hit, "decision_note"] = ids.map(dec["note"]).to_numpy()
    out.loc[hit, "reviewer"] = ids.map(dec["reviewer"]).to_numpy()
    orphans = sorted(set(dec.index) - set(out["conflict_id"]))
    notes = [Problem(file, lines.get(cid), 1, "conflict_id", cid, "orphan-decision",
                     "decided conflict no longer found (the claims or the verdict changed)",
                     "review it again with `factcheck check`, then delete or update the row", severity="warning")
             for cid in orphans]
    return out, notes

"""Reviewer decisions on conflicts: ``decisions.csv`` beside the ledger.

Columns, in order: ``conflict_id, decision, reviewer, note, decided_at``.
``decision`` is ``explained`` (the difference has a reason, e.g. a change the
checker could not see), ``confirmed`` (a real conflict, acknowledged: one
source is wrong) or ``wrong_extraction`` (a ledger row is mis-framed; fix the
ledger).  Any decision marks the conflict ``resolved``; the decision survives
re-runs because conflict ids are stable.  A decision whose conflict no longer
exists is reported as a note, never silently dropped.  ``conflict_id`` may
also name an issue (``i-`` + 12 hex): the decision then applies to every pair
of the issue (docs/findings.md).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd

from ledger.csvio import TableSpec, read_table
from ledger.errors import Code, LedgerInvalid, Problem
from ledger.textio import ANY, Expect, atomic_write_text, read_stamped

DECISION_COLUMNS = ("conflict_id", "decision", "reviewer", "note", "decided_at")
DECISIONS = ("explained", "confirmed", "wrong_extraction")
_ID = re.compile(r"^[ki]-[0-9a-f]{12}$")  # a finding (k-) or an issue (i-)


def empty_decisions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=str) for c in DECISION_COLUMNS})


#: decisions.csv as a table of the one CSV reader.
DECISIONS_SPEC = TableSpec("decisions file", DECISION_COLUMNS, free_text=("note",), code=Code.NOT_DECISIONS)


def read_decisions(path: str | Path) -> pd.DataFrame:
    """Read and validate a decisions file; every bad cell is reported at once
    (:class:`LedgerInvalid` with file:line:column problems).  An empty file
    holds no decisions."""
    name = str(path)
    try:
        raw, stamp = read_stamped(path)
        if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
            empty = empty_decisions()
            empty.attrs["stamp"] = stamp
            return empty
    except OSError:
        pass  # read_table says what is wrong
    loaded = read_table(path, DECISIONS_SPEC, hint="check the path (the default is decisions.csv beside the ledger)")
    problems = [p for p in loaded.problems if p.severity == "error"]
    seen: dict[str, int] = {}
    records, lines = [], []
    for rec in loaded.records:
        cells = loaded.cells(rec)
        row = {c: cells[c].value if c in cells else "" for c in DECISION_COLUMNS}
        if not loaded.absent:
            problems += _row_problems(name, rec.line, row, loaded.columns, seen)
        records.append(row)
        lines.append(rec.line)
    if problems:
        raise LedgerInvalid(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)), file=name)
    df = pd.DataFrame(records, columns=list(DECISION_COLUMNS), dtype=object) if records else empty_decisions()
    df.attrs["file"] = name
    df.attrs["lines"] = lines
    df.attrs["stamp"] = loaded.stamp
    return df


def _row_problems(name: str, line: int, row: dict[str, str], columns: dict[str, int],
                  seen: dict[str, int]) -> list[Problem]:
    cid, decision, reviewer, decided_at = row["conflict_id"], row["decision"], row["reviewer"], row["decided_at"]
    out = []

    def bad(col: str, value: str, reason: str, hint: str, code: str) -> None:
        out.append(Problem(name, line, columns[col], col, value, code, reason, hint))

    if not _ID.match(cid):
        bad("conflict_id", cid, "not a conflict id",
            "copy it from `factcheck check --json`: 'k-' (a finding) or 'i-' (an issue) + 12 hex",
            Code.BAD_DECISION_ID)
    elif cid in seen:
        bad("conflict_id", cid, f"decided twice (first on line {seen[cid]})", "keep one row per conflict",
            Code.DUPLICATE_DECISION)
    else:
        seen[cid] = line
    if decision not in DECISIONS:
        bad("decision", decision, "unknown decision", "use one of " + ", ".join(DECISIONS), Code.BAD_DECISION)
    if not reviewer.strip():
        bad("reviewer", reviewer, "empty", "name who decided", Code.MISSING_REVIEWER)
    if not _is_timestamp(decided_at):
        bad("decided_at", decided_at, "not an ISO date or date-time", "write e.g. 2025-05-06 or 2025-05-06T10:30:00Z",
            Code.BAD_DATE)
    return out


def _is_timestamp(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def write_decisions(df: pd.DataFrame, path: str | Path, *, expect: Expect = ANY) -> None:
    """Canonical, atomic write: columns in order, sorted by conflict id,
    minimal quoting, LF line ends, UTF-8 without BOM.  ``expect``: the file
    as it was read (see :func:`ledger.textio.commit`)."""
    df = df.reindex(columns=list(DECISION_COLUMNS)).fillna("").astype(str)
    df = df.sort_values("conflict_id", kind="mergesort")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(DECISION_COLUMNS)
    writer.writerows(df.itertuples(index=False, name=None))
    atomic_write_text(path, buf.getvalue(), expect=expect)


def apply(out: pd.DataFrame, decisions: pd.DataFrame | None) -> tuple[pd.DataFrame, list[Problem]]:
    """Mark decided findings resolved; decisions whose finding is gone
    become notes (``orphan-decision``).

    A decision names a pair or rule finding (``k-`` id) or an issue (``i-``
    id, :mod:`ledger.crosscheck.issues`): an issue's decision applies to every
    pair of the issue that has no decision of its own.  The pair ids are made
    (and kept in ``conflict_id`` and ``claims``) only when some decision names
    one."""
    if decisions is None or not len(decisions):
        return out, []
    from ledger.crosscheck.issues import issue_frame
    from ledger.crosscheck.text import with_ids

    file = decisions.attrs.get("file", "decisions.csv")
    lines = dict(zip(decisions["conflict_id"], decisions.attrs.get("lines", [None] * len(decisions))))
    dec = decisions.drop_duplicates("conflict_id", keep="last").set_index("conflict_id")
    wanted = dec.index.astype(str)
    found: set[str] = set()
    if wanted.str.startswith("i-").any():
        issues = issue_frame(out)
        by_rank = pd.Series(issues["issue"].to_numpy(), index=issues["issue_rank"].to_numpy())
        row_issue = pd.Series(by_rank.reindex(out["issue_rank"].to_numpy()).to_numpy(), index=out.index)
        found |= set(issues["issue"]) & set(wanted)
        _mark(out, row_issue, dec)
    if wanted.str.startswith("k-").any():
        filled = with_ids(out)
        out["conflict_id"], out["claims"] = filled["conflict_id"].to_numpy(), filled["claims"].to_numpy()
        found |= set(out["conflict_id"]) & set(wanted)
        _mark(out, out["conflict_id"], dec)
    orphans = sorted(set(wanted) - found)
    notes = [Problem(file, lines.get(cid), 1, "conflict_id", cid, Code.ORPHAN_DECISION,
                     "decided conflict no longer found (the claims or the verdict changed)",
                     "review it again with `factcheck check`, then delete or update the row", severity="warning")
             for cid in orphans]
    return out, notes


def _mark(out: pd.DataFrame, ids: pd.Series, dec: pd.DataFrame) -> None:
    """Resolve the rows whose id (pair or issue) has a decision; a row's own
    pair decision, applied after its issue's, wins."""
    hit = ids.isin(dec.index).to_numpy()
    if not hit.any():
        return
    at = ids[hit]
    for col, src in (("decision", "decision"), ("decision_note", "note"), ("reviewer", "reviewer")):
        values = out[col].to_numpy(dtype=object).copy()
        values[hit] = at.map(dec[src]).fillna("").to_numpy(dtype=object)
        out[col] = values
    status = out["status"].to_numpy(dtype=object).copy()
    status[hit] = "resolved"
    out["status"] = status

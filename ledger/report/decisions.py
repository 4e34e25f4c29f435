"""Bring reviewers' decisions from a conflict workbook back into ``decisions.csv``.

The workbook records, on its hidden ``_meta`` sheet, the sha256 of the ledger
it was made from and a digest of its conflict ids.  :func:`import_decisions`
refuses (raises, writes nothing) when the ledger changed since, or when a fresh
cross-check no longer yields the same conflicts; every bad cell is reported
with its sheet, row and column; only then is ``decisions.csv`` written, once,
atomically (through :func:`ledger.decisions.write_decisions`).

A blank Decision cell changes nothing: an earlier decision for that conflict
stays in ``decisions.csv`` (edit the file to withdraw one).

Only the rows present are read: a workbook whose Conflicts sheet could not
hold every finding (Excel's row limit, see :mod:`ledger.report`) imports the
decisions on the rows it has.  A Reviewer note too long for one cell was cut
with a marker when written; read back unchanged, it stands for the whole note
already in ``decisions.csv`` (the cut text never replaces it).
"""
from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ledger.crosscheck.decisions import (
    DECISIONS,
    empty_decisions,
    read_decisions,
    write_decisions,
)
from ledger.errors import (
    InputUnreadable,
    LedgerError,
    LedgerInvalid,
    MergeConflict,
    Problem,
)
from ledger.report.cells import RISKY_LEADS, is_cut, safe_text
from ledger.report.layout import (
    DECISION_HEADER,
    FORMAT_TAG,
    FORMATS,
    ID_HEADER,
    NOTE_HEADER,
    OLD_ID_HEADER,
    REVIEWER_HEADER,
    ids_digest,
)
from ledger.textio import ANY, Stamp, sha256_of, stamp_of


class StaleWorkbook(LedgerError, ValueError):
    """The workbook's conflicts no longer match the ledger."""


@dataclass(frozen=True)
class SheetDecision:
    conflict_id: str
    decision: str
    reviewer: str
    note: str
    row: int


@dataclass
class ImportResult:
    """What an import did: ids added or changed, how many were unchanged."""

    path: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    total: int = 0
    warnings: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"decisions": str(self.path), "added": len(self.added), "changed": len(self.changed),
                "unchanged": self.unchanged, "total": self.total, "warnings": [str(w) for w in self.warnings]}


def import_decisions(
    xlsx_path: str | Path,
    *,
    ledger_path: str | Path,
    decisions_path: str | Path,
    fresh_ids: Callable[[str], set[str]],
    reviewer: str | None = None,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Read the Decision / Reviewer note / Reviewer columns of ``xlsx_path`` into
    the decisions file ``decisions_path``.

    ``ledger_path`` is the ledger the workbook must have been made from;
    ``fresh_ids(format)`` the ids a cross-check of it finds now, as a workbook
    of that format lists them (issue ids for /2, finding ids for /1; called
    only once the ledger is known to be the same).  ``reviewer`` fills rows whose
    Reviewer cell is blank.  Raises :class:`StaleWorkbook`,
    :class:`LedgerInvalid` (bad cells) or :class:`InputUnreadable` (not a
    conflict workbook); nothing is written then.  (``ledger.job.import_decisions``
    finds the paths and the ids for the CLI.)
    """
    xlsx = str(xlsx_path)
    meta, header, rows = _read_workbook(xlsx_path)
    ledger = Path(ledger_path)
    if not ledger.is_file():
        raise InputUnreadable("the ledger is missing", file=str(ledger), code="unreadable",
                              hint="pass --ledger PATH (the claims.csv the workbook was made from)")
    _check_same_ledger(xlsx, meta, ledger)
    target = Path(decisions_path)
    entries, problems, warnings = _entries(xlsx, header, rows, reviewer)
    _check_same_conflicts(xlsx, meta, fresh_ids(meta.get("format", FORMAT_TAG)), entries)
    if problems:
        raise LedgerInvalid(problems, file=xlsx)
    existing = read_decisions(target) if target.exists() else None
    expect = None if existing is None else existing.attrs.get("stamp", ANY)  # the file as read (or: still none)
    existing = empty_decisions() if existing is None else existing
    entries = _uncut(entries, existing)
    result = _merge(existing, entries, target)
    result.warnings = warnings
    if result.added or result.changed:
        write_decisions(_result_frame(existing, entries, result, now), target, expect=expect)
    return result


def workbook_meta(xlsx_path: str | Path) -> dict[str, str]:
    """The hidden ``_meta`` sheet of a conflict workbook (its ``ledger_path``,
    ``ledger_sha256``, conflict digest, ...); raises :class:`InputUnreadable`
    if it is not one."""
    return _read_workbook(xlsx_path)[0]


def refuse_unimported(xlsx_path: str | Path, decisions_path: str | Path) -> Stamp:
    """Before ``factcheck report`` replaces ``xlsx_path``: raise
    :class:`MergeConflict` if it holds decisions (or notes with them) that
    ``decisions_path`` does not, or if it is not a conflict workbook at all, so
    a reviewer's work in the old workbook is never overwritten.  Returns the
    workbook's stamp taken before it was read: the replace checks the file
    is still that one (:func:`ledger.textio.commit`)."""
    name = str(xlsx_path)
    stamp = stamp_of(xlsx_path)
    try:
        _meta, header, rows = _read_workbook(xlsx_path)
    except InputUnreadable as err:
        raise MergeConflict(f"exists and is not a conflict workbook this tool can read ({err.reason})", file=name,
                            code="not-a-report", hint="move it away or pass -o with another name; nothing was written"
                            ) from None
    target = Path(decisions_path)
    existing = read_decisions(target) if target.is_file() else empty_decisions()
    entries = _uncut(_entries(name, header, rows, None)[0], existing)
    held = {r.conflict_id: (r.decision, r.note) for r in existing.itertuples(index=False)}
    new = [e for e in entries if e.conflict_id not in held or held[e.conflict_id][0] != e.decision
           or (e.note and held[e.conflict_id][1] != e.note)]
    if new:
        rows_ = ", ".join(str(e.row) for e in new[:5]) + (", ..." if len(new) > 5 else "")
        raise MergeConflict(f"holds {len(new)} reviewer decision(s) not yet in {target} (Conflicts sheet rows {rows_})",
                            file=name, line=new[0].row, column=header[DECISION_HEADER] + 1, field="Decision",
                            value=new[0].decision, code="unimported-decisions",
                            hint=f"run `factcheck import-decisions {name}` first, or move the workbook away; "
                                 "nothing was written")
    if stamp is None:
        raise MergeConflict("vanished while it was read", file=name, code="changed-on-disk",
                            hint="run the command again; nothing was written")
    return stamp


# --------------------------------------------------------------------------- reading the workbook


def _read_workbook(path: str | Path) -> tuple[dict[str, str], dict[str, int], list[tuple[int, tuple]]]:
    """``(meta, header -> 0-based column, [(row number, values)])``."""
    name = str(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException) as err:
        why = err.strerror if isinstance(err, OSError) and err.strerror else err
        raise InputUnreadable(f"cannot open the workbook: {why}", file=name, code="unreadable",
                              hint="pass the .xlsx written by `factcheck report`") from err
    except Exception as err:  # a damaged part inside the zip (truncated copy, broken XML)
        raise _damaged(name, err) from err
    try:
        return _read_sheets(wb, name)
    except InputUnreadable:
        raise
    except Exception as err:
        raise _damaged(name, err) from err
    finally:
        wb.close()


def _damaged(name: str, err: Exception) -> InputUnreadable:
    return InputUnreadable(f"cannot read the workbook, it is damaged ({type(err).__name__}: {err})", file=name,
                           code="unreadable", hint="re-run `factcheck report`, or open and re-save it in Excel")


def _read_sheets(wb, name: str) -> tuple[dict[str, str], dict[str, int], list[tuple[int, tuple]]]:
    """The Conflicts header and rows and the _meta sheet of an open workbook."""
    for sheet in ("Conflicts", "_meta"):
        if sheet not in wb.sheetnames:
            raise InputUnreadable(f"no {sheet!r} sheet", file=name, code="not-a-report",
                                  hint="pass the .xlsx written by `factcheck report`")
    meta = {str(k): "" if v is None else str(v)
            for k, v, *_ in wb["_meta"].iter_rows(min_row=2, values_only=True) if k is not None}
    if meta.get("format") not in FORMATS:
        raise InputUnreadable(f"unknown workbook format {meta.get('format')!r}", file=name, code="not-a-report",
                              hint=f"expected {FORMAT_TAG}; re-run `factcheck report`")
    it = wb["Conflicts"].iter_rows(values_only=True)
    header = {str(h): i for i, h in enumerate(next(it, ()) or ()) if h is not None}
    if ID_HEADER not in header and OLD_ID_HEADER in header:  # a /1 workbook: one row per finding
        header[ID_HEADER] = header[OLD_ID_HEADER]
    missing = [h for h in (ID_HEADER, DECISION_HEADER, NOTE_HEADER, REVIEWER_HEADER) if h not in header]
    if missing:
        raise InputUnreadable(f"the Conflicts sheet has no column {missing[0]!r}", file=name, line=1,
                              code="not-a-report", hint="do not rename the header row")
    rows = [(n, values) for n, values in enumerate(it, 2) if any(v is not None for v in values)]
    return meta, header, rows


def _cell_text(values: tuple, i: int) -> str:
    value = values[i] if i < len(values) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _entries(xlsx: str, header: dict[str, int], rows, default_reviewer: str | None):
    """Rows with a decision, and every bad cell as a Problem (sheet!cell in ``field``)."""
    entries: list[SheetDecision] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    seen: dict[str, int] = {}

    def bad(row: int, head: str, value: str, code: str, reason: str, hint: str, out=problems) -> None:
        col = header[head] + 1
        out.append(Problem(xlsx, row, col, f"Conflicts!{get_column_letter(col)}{row} ({head})", value, code,
                           reason, hint, severity="error" if out is problems else "warning"))

    for row, values in rows:
        cid = _cell_text(values, header[ID_HEADER])
        decision = _cell_text(values, header[DECISION_HEADER])
        note = _cell_text(values, header[NOTE_HEADER])
        who = _cell_text(values, header[REVIEWER_HEADER]) or (default_reviewer or "").strip()
        if cid in seen:
            bad(row, ID_HEADER, cid, "duplicate", f"conflict listed twice (first on row {seen[cid]})",
                "keep one row per conflict")
            continue
        seen[cid] = row
        if not decision:
            if note:
                bad(row, NOTE_HEADER, note, "note-without-decision", "a note without a decision is not imported",
                    "pick a Decision for this row", out=warnings)
            continue
        if decision.lower() not in DECISIONS:
            bad(row, DECISION_HEADER, decision, "bad-decision", "unknown decision",
                "pick one of " + ", ".join(DECISIONS) + " from the dropdown, or leave it blank")
        if not who:
            bad(row, REVIEWER_HEADER, who, "missing-reviewer", "no reviewer for this decision",
                "fill the Reviewer column or pass --reviewer NAME")
        for head, text in ((NOTE_HEADER, note), (REVIEWER_HEADER, who)):
            if text.startswith(RISKY_LEADS):
                bad(row, head, text, "formula", "starts like a spreadsheet formula",
                    "start the text with a letter or a digit")
        entries.append(SheetDecision(cid, decision.lower(), who, note, row))
    return entries, problems, warnings


# --------------------------------------------------------------------------- is it the same ledger?


def _check_same_ledger(xlsx: str, meta: dict[str, str], ledger: Path) -> None:
    now = sha256_of(ledger)
    was = meta.get("ledger_sha256", "")
    if was != now:
        raise StaleWorkbook(
            f"the workbook was made from a ledger with sha256 {was[:12] or '(none)'}…, "
            f"but {ledger} now has sha256 {now[:12]}…; its conflicts may no longer match",
            file=xlsx, code="stale-workbook",
            hint="run `factcheck report` again and enter the decisions in the new workbook; nothing was changed",
        )


def _check_same_conflicts(xlsx: str, meta: dict[str, str], fresh: set[str], entries: list[SheetDecision]) -> None:
    unknown = sorted({e.conflict_id for e in entries} - fresh)
    if ids_digest(fresh) == meta.get("conflict_ids_sha256") and not unknown:
        return
    detail = f"; e.g. {', '.join(unknown[:3])} no longer exist" if unknown else ""
    raise StaleWorkbook(
        f"a fresh cross-check of the ledger finds {len(fresh)} conflicts that differ from the "
        f"{meta.get('conflicts', '?')} in the workbook{detail}",
        file=xlsx, code="conflicts-changed",
        hint="the rules or decisions changed since the workbook was made: run `factcheck report` again; "
             "nothing was changed",
    )


# --------------------------------------------------------------------------- merging


def _uncut(entries: list[SheetDecision], existing) -> list[SheetDecision]:
    """A note read back as written, cut to fit its cell, is the whole held note."""
    if not any(is_cut(e.note) for e in entries):
        return entries
    held = dict(zip(existing["conflict_id"].astype(str), existing["note"].fillna("").astype(str)))
    out = []
    for e in entries:
        full = held.get(e.conflict_id)
        if full is not None and is_cut(e.note) and safe_text(full).strip() == e.note:
            e = SheetDecision(e.conflict_id, e.decision, e.reviewer, full, e.row)
        out.append(e)
    return out


def _merge(existing, entries: list[SheetDecision], target: Path) -> ImportResult:
    old = {r.conflict_id: r for r in existing.itertuples(index=False)}
    result = ImportResult(path=target)
    for e in entries:
        prev = old.get(e.conflict_id)
        if prev is None:
            result.added.append(e.conflict_id)
        elif (prev.decision, prev.reviewer, prev.note) != (e.decision, e.reviewer, e.note):
            result.changed.append(e.conflict_id)
        else:
            result.unchanged += 1
    result.total = len(set(old) | {e.conflict_id for e in entries})
    return result


def _result_frame(existing, entries: list[SheetDecision], result: ImportResult, now):
    """The decisions file after the import: old rows, with new and changed ones replaced."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    stamp_text = stamp.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    touched = set(result.added) | set(result.changed)
    new = pd.DataFrame(
        [(e.conflict_id, e.decision, e.reviewer, e.note, stamp_text) for e in entries if e.conflict_id in touched],
        columns=list(existing.columns),
    )
    kept = existing[~existing["conflict_id"].isin(touched)]
    return pd.concat([kept, new], ignore_index=True)

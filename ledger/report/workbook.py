"""The conflict workbook reviewers open in Excel (issue 6).

:func:`write_report` streams a workbook (openpyxl write-only mode, so 100k
conflicts fit in bounded memory) with the sheets

* **Summary**: when and from which ledger (path, sha256) it was made; counts by
  verdict and severity, by source and by subject; a bar chart of the open
  findings per subject / metric.
* **Conflicts**: one row per issue (docs/findings.md), open before
  resolved, then by rank: verdict, severity, the figure, its versions (words,
  interval, the sources that say it, which versions disagree), why it ranks
  where it does, the sentence of its most severe finding; fill colour by
  severity; a *Decision* dropdown and a *Reviewer note* column that
  :mod:`ledger.report.decisions` reads back (decisions per issue).
* **Issue members**: one row per claim of an issue, its source as people
  know it (outlet, title, date and how it is known, URL).
* **Claims**: the whole ledger, typed.  **Arithmetic**: each rule's inputs,
  implied value and result, every figure beside its own unit.  **Sources**:
  the articles.
* **_meta** (hidden): what ``factcheck import-decisions`` checks before it
  accepts the reviewers' decisions.

Every cell is made by :class:`ledger.report_cells.CellMaker`: untrusted text
never becomes a formula.  No cell holds a formula.

Excel opens a sheet of at most :data:`MAX_SHEET_ROWS` rows (header included).
openpyxl's write-only mode does not check: it writes row 1,048,577 and beyond,
and Excel then refuses or "repairs" the file.  So each sheet gets at most
``MAX_SHEET_ROWS - 1`` data rows, in its usual order (Conflicts: open before
resolved, then by rank; Claims: ledger order); the rest is left out, the
Summary sheet says how many and where to get them all, and
:func:`write_report` reports it as warnings (:class:`~ledger.errors.Problem`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ledger.crosscheck.decisions import DECISIONS
from ledger.crosscheck.rows import as_findings
from ledger.crosscheck.text import Claims, explain
from ledger.errors import InputUnreadable, Problem
from ledger.guard import scratch_folder
from ledger.record import COLUMNS
from ledger.report.cells import (
    LINE_POINTS,
    MAX_LINES,
    PERCENT,
    SCORE,
    SEVERITY_FILLS,
    CellMaker,
    fit_page,
    number_format_for,
    text_lines,
    text_or_blank,
    unit_format,
)
from ledger.report.issues_sheet import IssueView, figure_text, issue_views, member_records, version_lines
from ledger.report.layout import (
    CONFLICT_SHEET_COLUMNS,
    DECISION_HEADER,
    FORMAT_TAG,
    MEMBER_SHEET_COLUMNS,
    NOTE_HEADER,
    REVIEWER_HEADER,
    SHEETS,
    ids_digest,
)
from ledger.report.summary import LeftOut, summary_sheet
from ledger.textio import ANY, Expect, Staged, check_writable, commit, sha256_of, temp_beside

#: Conflict rows past this many get plain claim ids instead of hyperlinks:
#: openpyxl keeps every hyperlink in memory until the sheet is closed.
LINK_ROWS = 20_000
#: Excel's limits: rows per sheet (header included) and columns per sheet.
#: Read when a workbook is written, so a test may lower them.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384


class SheetLimitWarning(UserWarning):
    """A sheet of the workbook could not hold all its rows (Excel's limit)."""

_WRAPPED = ("Subject", "Metric", "Versions", "Why this rank", "Explanation", NOTE_HEADER, "Object")
_HEADS = [h for h, _ in CONFLICT_SHEET_COLUMNS]
#: A Conflicts row grows to show its wrapped text, up to this many lines (the
#: whole text is in the cell).
EXPLANATION_LINES = 12
_WRAP_AT = tuple((_HEADS.index(h), w, EXPLANATION_LINES) for h, w in CONFLICT_SHEET_COLUMNS if h in _WRAPPED)
_MEMBER_WRAPPED = ("Conversion", "Weak points", "Title", "Quote")
_MEMBER_WRAP_AT = tuple(([h for h, _ in MEMBER_SHEET_COLUMNS].index(h), w, MAX_LINES)
                        for h, w in MEMBER_SHEET_COLUMNS if h in _MEMBER_WRAPPED)

CLAIM_WIDTHS = {"claim_id": 15, "source": 21, "start": 7, "end": 7, "surface": 14, "quote": 60, "subject": 12,
                "object": 12, "metric": 16, "period": 12, "value": 17, "value_low": 17, "value_high": 17,
                "note": 24, "confidence_detail": 40}
SOURCE_WIDTHS = {"id": 22, "file": 26, "title": 40, "publisher": 12, "published": 11,
                 "published_basis": 10, "published_evidence": 80, "script": 8, "sha256": 20}


def write_report(
    claims: pd.DataFrame,
    conflicts: pd.DataFrame,
    sources: pd.DataFrame,
    path: str | Path,
    *,
    ledger_path: str | Path | None = None,
    made_at: dt.datetime | None = None,
    link_rows: int = LINK_ROWS,
    progress: Callable[[int], None] | None = None,
    notes: list | None = None,
    expect: Expect = ANY,
    defer: list[Staged] | None = None,
    ledger_sha256: str | None = None,
) -> Path:
    """Write the conflict workbook to ``path`` atomically and return the path.

    ``claims`` is the ledger (``record.COLUMNS``), ``conflicts`` the crosscheck
    output (:data:`CONFLICT_COLUMNS`), ``sources`` the sources table.  The quote,
    period and modality of each side come from joining ``claims`` on
    ``claim_a`` / ``claim_b``.  ``progress(n)`` is called as conflict rows are
    written (and once for the rows left out).

    A sheet holds at most ``MAX_SHEET_ROWS - 1`` rows below its header; rows
    past that are left out (the Summary says how many).  Each sheet cut so is
    a warning :class:`~ledger.errors.Problem` appended to ``notes``, or, when
    ``notes`` is None, a :class:`SheetLimitWarning` (``warnings.warn``).

    ``expect``: the workbook as it was read (a :class:`~ledger.textio.Stamp`,
    None for "no file"): if it changed since, it is not replaced
    (:func:`ledger.textio.commit`).  ``defer``: append the staged workbook
    there instead of replacing the file.  ``ledger_sha256``: the ledger's
    checksum to record (default: the file at ``ledger_path``).  openpyxl's
    own temp files go to a scratch folder beside the workbook, removed
    afterwards (:func:`ledger.guard.scratch_folder`).
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise InputUnreadable("cannot write the workbook: no such folder", file=str(path), code="unwritable",
                              hint="create the folder first, or pass -o with an existing one")
    conflicts = as_findings(conflicts).reset_index(drop=True)
    claims = _with_columns(claims, COLUMNS).reset_index(drop=True)
    sources = sources.iloc[:, :MAX_SHEET_COLUMNS]
    known = Claims(claims, sources)
    views = issue_views(conflicts, known)
    arithmetic = _ordered(conflicts[conflicts["kind"].astype("string").eq("arithmetic").fillna(False)])
    room = MAX_SHEET_ROWS - 1  # data rows below the header
    members = [rec for view in views for rec in member_records(view, known)]
    check = f"`factcheck check --json {ledger_path}`" if ledger_path else "`factcheck check --json`"
    whole = f"the ledger {ledger_path}" if ledger_path else "the ledger"
    left_out = [LeftOut(sheet, what, len(frame), room, order, how) for sheet, what, frame, order, how in (
        ("Conflicts", "issues", views, "open before resolved, then by rank", f"{check} lists every issue"),
        ("Issue members", "issue members", members, "open issues first, then by rank", f"{check} lists every issue"),
        ("Claims", "claims", claims, "in ledger order", f"{whole} holds every claim"),
        ("Arithmetic", "arithmetic findings", arithmetic, "open before resolved, most severe first",
         f"{check} lists every finding"),
        ("Sources", "sources", sources, "in table order", "the sources table holds every source"),
    ) if len(frame) > room]
    meta = _meta(claims, conflicts, views, ledger_path, made_at, ledger_sha256)
    meta.update({"conflict_rows": min(len(views), room), "claim_rows": min(len(claims), room)})
    with scratch_folder(path):
        staged, summary_cut = _write_sheets(claims, conflicts, sources, arithmetic, meta, left_out, path,
                                            (known, views, members), progress, expect, link_rows)
    if defer is None:
        commit([staged])
    else:
        defer.append(staged)
    reasons = [(cut.reason(MAX_SHEET_ROWS), cut.how) for cut in left_out]
    if summary_cut:
        reasons.append((f"the last {summary_cut:,} rows of the Summary sheet left out (its by-source and by-subject "
                        f"tables come last): Excel holds {MAX_SHEET_ROWS:,} rows per sheet",
                        "the other sheets and `factcheck check --json` are not affected"))
    for reason, how in reasons:
        problem = Problem(str(path), None, None, None, None, "sheet-row-limit", reason, how, severity="warning")
        if notes is None:
            warnings.warn(str(problem), SheetLimitWarning, stacklevel=2)
        else:
            notes.append(problem)
    return path


def _write_sheets(claims, conflicts, sources, arithmetic, meta, left_out, path: Path, shown,
                  progress, expect: Expect, link_rows: int = LINK_ROWS) -> tuple[Staged, int]:
    """Every sheet, streamed into a staged temp file beside ``path``; and how
    many Summary rows were left out.  ``shown``: (the claims by id, the issue
    views in sheet order, the member records)."""
    room = MAX_SHEET_ROWS - 1
    known, views, members = shown
    wb = Workbook(write_only=True)
    try:
        sheets = {name: wb.create_sheet(name) for name in SHEETS}
        summary_cut = summary_sheet(sheets["Summary"], claims, conflicts, sources, meta, left_out=left_out,
                                    max_rows=MAX_SHEET_ROWS, views=views, labels=known.labels)
        _conflicts_sheet(sheets["Conflicts"], views[:room], known, progress)
        if progress and len(views) > room:
            progress(len(views) - room)
        claim_rows = {cid: i + 2 for i, cid in enumerate(claims["claim_id"].iloc[:room].astype(str))}
        _members_sheet(sheets["Issue members"], members[:room], claim_rows, link_rows)
        _claims_sheet(sheets["Claims"], claims.iloc[:room])
        _arithmetic_sheet(sheets["Arithmetic"], arithmetic.iloc[:room], known)
        _sources_sheet(sheets["Sources"], sources.iloc[:room])
        _meta_sheet(sheets["_meta"], meta)
        return _stage_save(wb, path, expect), summary_cut
    except BaseException:
        _abandon(wb)
        raise


# --------------------------------------------------------------------------- frames


def _with_columns(df: pd.DataFrame, columns) -> pd.DataFrame:
    missing = [c for c in columns if c not in df.columns]
    if not missing:
        return df
    df = df.copy()
    for c in missing:
        df[c] = pd.NA
    return df


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    """Open before resolved, then most severe first, then by issue rank."""
    key = pd.DataFrame({
        "closed": rows["status"].astype("string").fillna("open").ne("open"),
        "severity": -pd.to_numeric(rows["severity"], errors="coerce").fillna(0.0),
        "rank": rows["issue_rank"],
    })
    return rows.loc[key.sort_values(["closed", "severity", "rank"], kind="stable").index]


def _meta(claims, conflicts, views, ledger_path, made_at, ledger_sha256: str | None = None) -> dict[str, Any]:
    made = (made_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    ledger = Path(ledger_path) if ledger_path else None
    open_ = conflicts["status"].astype("string").fillna("open").eq("open")
    return {
        "format": FORMAT_TAG,
        "made_at": made.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "ledger_path": str(ledger.resolve()) if ledger else "",
        "ledger_sha256": ledger_sha256 or (sha256_of(ledger) if ledger and ledger.is_file() else ""),
        "claims": len(claims),
        "conflicts": len(views),
        "findings": len(conflicts),
        "open": int(open_.sum()),
        "conflict_ids_sha256": ids_digest(v.row["issue"] for v in views),
    }


def _abandon(wb: Workbook) -> None:
    """Stop the row writers of a write-only workbook that will not be saved
    (interrupted, disk full): otherwise each one fails later, when garbage
    collected, on its already closed temporary file."""
    for ws in wb.worksheets:
        rows = getattr(ws, "_rows", None)  # openpyxl's per-sheet row generator
        if rows is not None:
            with contextlib.suppress(Exception):
                rows.close()


def _stage_save(wb: Workbook, path: Path, expect: Expect) -> Staged:
    """Save into a temp file in the same folder (never half a workbook; the
    file keeps its permissions), flushed to disk, staged to replace ``path``."""
    check_writable(path)  # a read-only workbook is left as it is
    fd, tmp = temp_beside(path, "workbook")  # the workbook keeps its permissions
    os.close(fd)
    try:
        wb.save(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Staged(path, tmp, expect)


def _setup(ws, headers_widths, *, freeze: str = "A2") -> CellMaker:
    """Widths and frozen header; must run before the first row (write-only)."""
    for i, (_, width) in enumerate(headers_widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze
    cells = CellMaker(ws)
    ws.append(cells.header([h for h, _ in headers_widths]))
    return cells


def _finish(ws, ncols: int, nrows: int) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(ncols)}{max(nrows, 1) + 1}"


def _append(ws, index: int, row: list, wrap_at: tuple[tuple[int, int, int], ...]) -> None:
    """Append ``row`` as row ``index`` with a height that shows its wrapped text.

    Neither Excel nor LibreOffice grows a row on opening, so the height is
    set here; the row's dimension is dropped once written (bounded memory).
    """
    lines = max((min(text_lines(row[i].value, width), cap) for i, width, cap in wrap_at), default=1)
    if lines > 1:
        ws.row_dimensions[index].height = min(lines, MAX_LINES) * LINE_POINTS + 2
    ws.append(row)
    ws.row_dimensions.pop(index, None)


# --------------------------------------------------------------------------- Conflicts


def _conflicts_sheet(ws, views: list[IssueView], known: Claims, progress) -> None:
    # printed on A3 landscape, one page wide up to the Reviewer column
    fit_page(ws, paper="8", orientation="landscape")
    cells = _setup(ws, CONFLICT_SHEET_COLUMNS)
    ws.print_title_rows = "1:1"
    n = 0
    for n, view in enumerate(views, 1):
        _append(ws, n + 1, _issue_row(cells, view, known), _WRAP_AT)
        if progress and n % 1000 == 0:
            progress(1000)
    if progress and n % 1000:
        progress(n % 1000)
    _finish(ws, len(CONFLICT_SHEET_COLUMNS), n)
    ws.print_area = f"A1:{get_column_letter(_HEADS.index(REVIEWER_HEADER) + 1)}{n + 1}"
    _decision_dropdown(ws, n)


def _issue_row(cells: CellMaker, view: IssueView, known: Claims) -> list:
    r = view.row
    label = text_or_blank(r["severity_label"])
    fill = SEVERITY_FILLS.get(label)
    return [
        cells.text(r["issue"]), cells.num(r["issue_rank"], "0"),
        cells.text(str(r["verdict"]).replace("_", " "), fill=fill, bold=True), cells.text(label, fill=fill),
        cells.text(r["subject"], wrap=True), cells.text(r["object"], wrap=True), cells.text(r["metric"], wrap=True),
        cells.text(version_lines(view, known), wrap=True), cells.text(view.reason, wrap=True),
        cells.text(view.explanation, wrap=True),
        cells.text(r["decision"]), cells.text(r["decision_note"], wrap=True), cells.text(r["reviewer"]),
        cells.text(r["status"]), cells.num(r["pairs"], "0"), cells.num(r["open"], "0"),
        cells.num(r["severity"], SCORE), cells.text(r["rule"]),
    ]


def _members_sheet(ws, members: list[dict[str, Any]], claim_rows: dict[str, int], link_rows: int) -> None:
    """One row per claim of an issue; its Claim cell links to its row on the
    Claims sheet (the first ``link_rows`` rows: openpyxl holds every link in
    memory until the sheet is written)."""
    fit_page(ws, paper="8", orientation="landscape")
    cells = _setup(ws, MEMBER_SHEET_COLUMNS)
    for n, m in enumerate(members, 2):
        fmt = unit_format(m["unit"])  # each figure in its own unit: 960,000,000,000 CNY
        at = claim_rows.get(m["claim"]) if n - 1 <= link_rows else None
        claim = cells.link(m["claim"], f"'Claims'!A{at}") if at else cells.text(m["claim"])
        _append(ws, n, [
            cells.text(m["issue"]), cells.num(m["rank"], "0"), cells.text(f"v{m['version']}"),
            cells.text(m["against"]), cells.text(m["words"]), cells.num(m["value"], fmt), cells.num(m["low"], fmt),
            cells.num(m["high"], fmt), cells.text(m["unit"]),
            cells.num(m["converted"], unit_format(m["converted_unit"])), cells.text(m["conversion"], wrap=True),
            cells.period(m["period"]), cells.text(m["modality"]),
            cells.text(m["weak"], wrap=True), cells.text(m["outlet"]), cells.text(m["title"], wrap=True),
            cells.period(m["published"]), cells.text(m["known"]), cells.text(m["url"]),
            cells.text(m["quote"], wrap=True), claim, cells.text(m["source"]),
        ], _MEMBER_WRAP_AT)
    _finish(ws, len(MEMBER_SHEET_COLUMNS), len(members))


def _decision_dropdown(ws, nrows: int) -> None:
    col = get_column_letter([h for h, _ in CONFLICT_SHEET_COLUMNS].index(DECISION_HEADER) + 1)
    dv = DataValidation(
        type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="Decision",
        error="Pick explained, confirmed or wrong_extraction (or leave blank).",
        showInputMessage=True, promptTitle="Decision",
        prompt="explained: both are right (different scope/time); confirmed: a real contradiction; "
               "wrong_extraction: the ledger misread the text",
    )
    dv.add(f"{col}2:{col}{max(nrows, 1) + 1}")
    ws.data_validations.append(dv)


# --------------------------------------------------------------------------- Claims, Sources


def _claims_sheet(ws, claims: pd.DataFrame) -> None:
    widths = [(c, CLAIM_WIDTHS.get(c, 11)) for c in COLUMNS]
    fit_page(ws, paper="8", orientation="landscape")
    ws.page_setup.fitToWidth = 2  # 23 columns: two A3 pages wide
    cells = _setup(ws, widths)
    wrap_at = tuple((i, w, MAX_LINES) for i, (c, w) in enumerate(widths) if c in ("quote", "note"))
    for n, rec in enumerate(claims[list(COLUMNS)].to_dict("records"), 2):
        _append(ws, n, _claim_row(cells, rec), wrap_at)
    _finish(ws, len(COLUMNS), len(claims))


def _claim_row(cells: CellMaker, rec: dict) -> list:
    fmt = number_format_for(rec["unit"])
    out = []
    for col in COLUMNS:
        value = rec[col]
        if col in ("start", "end"):
            out.append(cells.num(value, "0"))
        elif col in ("value", "value_low", "value_high"):
            out.append(cells.num(value, fmt))
        elif col == "confidence":
            out.append(cells.num(value, SCORE))
        elif col == "period":
            out.append(cells.period(value))
        else:
            out.append(cells.text(value, wrap=col in ("quote", "note")))
    return out


def _sources_sheet(ws, sources: pd.DataFrame) -> None:
    columns = list(sources.columns)
    widths = [(c, SOURCE_WIDTHS.get(c, 14)) for c in columns]
    fit_page(ws, paper="8", orientation="landscape")
    cells = _setup(ws, widths)
    wrapped = ("title", "published_evidence")
    wrap_at = tuple((i, w, MAX_LINES) for i, (c, w) in enumerate(widths) if c in wrapped)
    for n, rec in enumerate(sources.itertuples(index=False), 2):
        _append(ws, n, [cells.period(v) if c == "published" else cells.text(v, wrap=c in wrapped)
                        for c, v in zip(columns, rec)], wrap_at)
    _finish(ws, len(columns), len(sources))


# --------------------------------------------------------------------------- Arithmetic

ARITHMETIC_COLUMNS = (
    ("conflict_id", 14), ("Rule", 18), ("Result", 8), ("Severity", 9), ("Subject", 12), ("Metric", 14),
    ("Inputs", 60), ("Stated", 17), ("Stated unit", 8), ("Implied", 17), ("Implied low", 17),
    ("Implied high", 17), ("Implied unit", 8), ("Gap", 8), ("Explanation", 50),
)


def _arithmetic_sheet(ws, rows: pd.DataFrame, known: Claims) -> None:
    """One row per rule finding; each figure beside its own unit: the stated
    target (for a rule checked against one) in its unit, the implied
    interval in the rule's, each input in its own (in Inputs)."""
    fit_page(ws, paper="8", orientation="landscape")
    cells = _setup(ws, ARITHMETIC_COLUMNS)
    sentences: Any = explain(rows, known) if len(rows) else []
    for n, (r, sentence) in enumerate(zip(rows.itertuples(index=False), sentences), 2):
        fill = SEVERITY_FILLS.get(text_or_blank(r.severity_label))
        fmt = number_format_for(r.implied_unit)
        ids = [i for i in text_or_blank(r.claims).split(";") if i] or [text_or_blank(r.claim_a)]
        stated_row = int(known.rows([ids[-1]])[0]) if text_or_blank(r.result) in ("pass", "fail") else -1
        stated_value = known.frame["value"].iloc[stated_row] if stated_row >= 0 else None
        stated_unit = text_or_blank(known.frame["unit"].iloc[stated_row]) if stated_row >= 0 else ""
        inputs = ids[:-1] if stated_row >= 0 else ids
        _append(ws, n, [
            cells.text(r.conflict_id), cells.text(r.rule), cells.text(r.result, fill=fill, bold=True),
            cells.text(r.severity_label, fill=fill), cells.text(r.subject), cells.text(r.metric),
            cells.text(_inputs(inputs, known), wrap=True),
            cells.num(stated_value, number_format_for(stated_unit)), cells.text(stated_unit),
            cells.num(r.implied_value, fmt), cells.num(r.implied_low, fmt), cells.num(r.implied_high, fmt),
            cells.text(r.implied_unit), cells.num(r.gap, PERCENT), cells.text(sentence, wrap=True),
        ], ((6, 60, MAX_LINES), (14, 50, MAX_LINES)))
    _finish(ws, len(ARITHMETIC_COLUMNS), len(rows))


def _inputs(ids: list[str], known: Claims) -> str:
    """One line per input claim: '“19亿美元” 1.9 bn USD (2024) — 虎嗅网 «…» (2025-03, inferred)'."""
    lines = []
    for cid in ids:
        row = int(known.rows([cid])[0])
        if row < 0:
            lines.append(cid)
            continue
        lines.append(f"{figure_text(known, row)} — {known.label(text_or_blank(known.frame['source'].iloc[row]))}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- _meta


def _meta_sheet(ws, meta: dict[str, Any]) -> None:
    ws.sheet_state = "hidden"
    cells = CellMaker(ws)
    ws.append(cells.header(["key", "value"]))
    for key, value in meta.items():
        ws.append([cells.text(key), cells.text(value)])

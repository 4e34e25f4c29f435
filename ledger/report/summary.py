"""The Summary sheet of the conflict workbook: where it came from, counts by
verdict and severity, by source and by subject, and a bar chart of the open
findings to review per subject / metric (an openpyxl chart over the sheet's
own table); and, when a sheet could not hold all its rows, how many were left
out and where to find them.

"To review" (:func:`review_mask`) is what a reviewer still has to look at:
open (no decision yet) findings that are not an agreement, i.e. open
contradictions, failed arithmetic rules, time and modality differences (and
any verdict this sheet does not know).  Consistent pairs and arithmetic rows
that passed or only imply a value are open too, but need nobody: they are
counted in the verdict table, never as "to review".
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from openpyxl.chart import BarChart, Reference

from ledger.report.cells import SEVERITY_FILLS, CellMaker, fit_page

SEVERITY_LABELS = ("high", "medium", "low", "info")
VERDICTS = ("contradiction", "temporal", "modality", "arithmetic", "consistent")
ISSUE_VERDICTS = ("contradiction", "loose_wording", "arithmetic", "temporal", "modality", "consistent")
#: Headline labels (tests and readers look rows up by them).
TO_REVIEW_LABEL = "Open findings to review"
GATE_LABEL = "  of which contradictions and failed rules"
LEFT_OUT_FILL = "F4B6B6"


@dataclass(frozen=True)
class LeftOut:
    """A sheet that could not hold all its rows: ``total`` rows, ``room`` shown."""

    sheet: str
    what: str  # "findings", "claims", ...
    total: int
    room: int
    order: str  # which rows are shown: the first ``room`` in this order
    how: str  # where to get them all

    @property
    def left(self) -> int:
        return self.total - self.room

    def reason(self, max_rows: int) -> str:
        return (f"{self.left:,} of {self.total:,} {self.what} left out of the {self.sheet} sheet: Excel holds "
                f"{max_rows:,} rows per sheet, so it shows the first {self.room:,} ({self.order})")


def summary_sheet(ws, claims, conflicts, sources, meta, *, left_out=(), max_rows: int | None = None,
                  views=(), labels: dict[str, str] | None = None) -> int:
    """Write the Summary sheet; ``left_out``: the other sheets cut to
    ``max_rows``.  Returns how many of its own rows were left out (the
    by-source and by-subject tables of a ledger with very many of them).
    ``views``: the issues (:class:`ledger.report.issues_sheet.IssueView`),
    counted by verdict; ``labels``: source id -> how people know it."""
    fit_page(ws, paper="8", orientation="landscape")  # A3, the chart right of the tables
    for col, width in zip("ABCDEFG", (62, 10, 10, 10, 10, 10, 10)):
        ws.column_dimensions[col].width = width
    cells = CellMaker(ws)
    rows: list[list] = [[cells.text("factcheck conflict report", bold=True)]]
    for key, label in (("made_at", "Made (UTC)"), ("ledger_path", "Ledger"), ("ledger_sha256", "Ledger sha256"),
                       ("claims", "Claims"), ("conflicts", "Issues"), ("findings", "Findings")):
        value = meta.get(key, "")
        rows.append([cells.text(label, bold=True), cells.num(value, "#,##0") if isinstance(value, int)
                     else cells.text(value)])
    review = review_mask(conflicts)
    gate = review & conflicts["kind"].astype("string").fillna("").isin(["contradiction", "arithmetic"])
    rows.append([cells.text(TO_REVIEW_LABEL, bold=True), cells.num(int(review.sum()), "#,##0"),
                 cells.text("(contradictions, failed rules, time, modality; undecided)")])
    rows.append([cells.text(GATE_LABEL), cells.num(int(gate.sum()), "#,##0")])
    if left_out:
        rows += _left_out_rows(cells, left_out, max_rows)
    rows.append([])
    rows += _issue_table(cells, views)
    rows.append([])
    rows += _verdict_table(cells, conflicts)
    rows.append([])
    chart_at = len(rows) + 2  # header row of the subject/metric table (1-based)
    chart_rows = _subject_metric_table(cells, conflicts)
    rows += chart_rows
    rows.append([])
    rows += _by_source_table(cells, claims, conflicts, sources, labels or {})
    rows.append([])
    rows += _by_subject_table(cells, claims, conflicts)
    cut = 0
    if max_rows and len(rows) > max_rows:  # only with more sources or subjects than a sheet holds
        cut = len(rows) - max_rows + 1
        last = cells.text(f"{cut:,} more rows left out: Excel holds {max_rows:,} rows per sheet", bold=True,
                          fill=LEFT_OUT_FILL)
        rows = [*rows[:max_rows - 1], [last]]
    for row in rows:
        ws.append(row)
    last = min(chart_at + len(chart_rows) - 2, len(rows) - 1 if cut else len(rows))
    if last > chart_at:
        _chart(ws, chart_at, last)
    return cut


def _left_out_rows(cells: CellMaker, left_out, max_rows: int | None) -> list[list]:
    limit = f"{max_rows:,} rows" if max_rows else "a limited number of rows"
    rows = [[], [cells.text(f"Not every row fits: Excel holds {limit} per sheet (header included)", bold=True,
                            fill=LEFT_OUT_FILL)]]
    for cut in left_out:  # the explanation on rows of its own: column A's text runs on across the empty cells
        rows.append([cells.text(f"{cut.what[0].upper()}{cut.what[1:]} left out of {cut.sheet}", bold=True),
                     cells.num(cut.left, "#,##0")])
        rows.append([cells.text(f"    of {cut.total:,}; {cut.sheet} shows the first {cut.room:,} ({cut.order})")])
        rows.append([cells.text(f"    {cut.how}")])
    rows.append([cells.text("The counts on this sheet cover every finding and claim, shown or not.")])
    return rows


def open_mask(conflicts) -> pd.Series:
    """No reviewer decision yet (any verdict, agreements included)."""
    return conflicts["status"].astype("string").fillna("open").eq("open")


def review_mask(conflicts) -> pd.Series:
    """Open findings someone has to look at: not consistent pairs, not
    arithmetic rows that passed or only imply a value (see the module doc)."""
    kind = conflicts["kind"].astype("string").fillna("")
    result = (conflicts["result"].astype("string").fillna("") if "result" in conflicts
              else pd.Series("", index=kind.index))
    fine = kind.eq("consistent") | (kind.eq("arithmetic") & result.ne("fail"))
    return open_mask(conflicts) & ~fine


def _verdict_table(cells: CellMaker, conflicts) -> list[list]:
    kind = conflicts["kind"].astype("string").fillna("")
    label = conflicts["severity_label"].astype("string").fillna("")
    is_open = review_mask(conflicts)
    rows = [[cells.text("Findings by verdict and severity", bold=True)],
            cells.header(["Verdict", *SEVERITY_LABELS, "Total", "To review"])]
    verdicts = list(VERDICTS) + sorted(set(kind) - set(VERDICTS))
    for v in verdicts:
        mine = kind.eq(v)
        rows.append([cells.text(v, bold=True)]
                    + [cells.num(int((mine & label.eq(s)).sum()), "0", fill=SEVERITY_FILLS[s]) for s in SEVERITY_LABELS]
                    + [cells.num(int(mine.sum()), "0"), cells.num(int((mine & is_open).sum()), "0")])
    return rows


def _issue_table(cells: CellMaker, views) -> list[list]:
    """Issues by verdict (most serious first): how many, how many still open."""
    counts: dict[str, list[int]] = {}
    for view in views:
        c = counts.setdefault(str(view.row["verdict"]), [0, 0])
        c[0] += 1
        c[1] += view.row["status"] == "open"
    rows = [[cells.text("Issues (one per figure; its versions on Issue members)", bold=True)],
            cells.header(["Verdict", "Issues", "Open"])]
    for verdict in ISSUE_VERDICTS:
        if verdict in counts:
            rows.append([cells.text(verdict.replace("_", " "), bold=True), cells.num(counts[verdict][0], "0"),
                         cells.num(counts[verdict][1], "0")])
    return rows


def _subject_metric_table(cells: CellMaker, conflicts, top: int = 20) -> list[list]:
    key = (conflicts["subject"].astype("string").fillna("?") + " / "
           + conflicts["metric"].astype("string").fillna("?"))
    table = pd.DataFrame({"key": key, "open": review_mask(conflicts).astype(int), "all": 1})
    table = table.groupby("key", sort=False).sum()
    table = table[table["open"] > 0].sort_values(["open", "all"], ascending=False).head(top)
    rows = [[cells.text(f"Open findings to review per subject / metric (top {top})", bold=True)],
            cells.header(["Subject / metric", "To review", "All"])]
    for key_, r in table.iterrows():
        rows.append([cells.text(key_), cells.num(int(r["open"]), "0"), cells.num(int(r["all"]), "0")])
    return rows


def _chart(ws, header_row: int, last_row: int) -> None:
    chart = BarChart()
    chart.type, chart.style = "bar", 10
    chart.title = "Open findings to review"
    chart.x_axis.scaling.orientation = "maxMin"  # the largest count on top
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.y_axis.title = "open findings to review"
    chart.legend = None
    data = Reference(ws, min_col=2, min_row=header_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.height, chart.width = max(6.0, 0.75 * (last_row - header_row) + 3), 14
    ws.add_chart(chart, "I2")


def _by_source_table(cells: CellMaker, claims, conflicts, sources, labels: dict[str, str]) -> list[list]:
    rows = [[cells.text("By source", bold=True)], cells.header(["Source", "Claims", "Findings", "To review"])]
    flagged = conflicts.assign(_review=review_mask(conflicts), _row=range(len(conflicts)))
    involved = pd.concat([
        flagged[["_row", "source_a", "_review"]].rename(columns={"source_a": "source"}),
        flagged[["_row", "source_b", "_review"]].rename(columns={"source_b": "source"}),
    ]).dropna(subset=["source"]).drop_duplicates(["_row", "source"])
    ids = list(sources["id"].astype(str)) if "id" in sources else []
    ids += sorted(set(claims["source"].dropna().astype(str)) - set(ids))
    per_claims = claims["source"].astype(str).value_counts()
    src = involved["source"].astype(str)
    found, review = src.value_counts(), src[involved["_review"].astype(bool)].value_counts()  # one pass each
    for sid in ids:
        rows.append([cells.text(labels.get(sid, sid)), cells.num(int(per_claims.get(sid, 0)), "0"),
                     cells.num(int(found.get(sid, 0)), "0"), cells.num(int(review.get(sid, 0)), "0")])
    return rows


def _by_subject_table(cells: CellMaker, claims, conflicts) -> list[list]:
    rows = [[cells.text("By subject", bold=True)], cells.header(["Subject", "Claims", "Findings", "To review"])]
    subj = conflicts["subject"].astype("string").fillna("")
    per_claims = claims["subject"].astype("string").fillna("").value_counts()
    found, review = subj.value_counts(), subj[review_mask(conflicts)].value_counts()  # one pass each
    for s in sorted(set(per_claims.index) | set(subj)):
        rows.append([cells.text(s or "(none)"), cells.num(int(per_claims.get(s, 0)), "0"),
                     cells.num(int(found.get(s, 0)), "0"), cells.num(int(review.get(s, 0)), "0")])
    return rows

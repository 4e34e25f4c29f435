"""The Summary sheet of the conflict workbook: where it came from, counts by
verdict and severity, by source and by subject, and a bar chart of the open
findings per subject / metric (an openpyxl chart over the sheet's own table).
"""
from __future__ import annotations

import pandas as pd
from openpyxl.chart import BarChart, Reference

from .report_cells import SEVERITY_FILLS, CellMaker, fit_page

SEVERITY_LABELS = ("high", "medium", "low", "info")
VERDICTS = ("contradiction", "temporal", "modality", "arithmetic", "consistent")


def summary_sheet(ws, claims, conflicts, sources, meta) -> None:
    fit_page(ws, paper="8", orientation="landscape")  # A3, the chart right of the tables
    for col, width in zip("ABCDEFG", (34, 10, 10, 10, 10, 10, 10)):
        ws.column_dimensions[col].width = width
    cells = CellMaker(ws)
    rows: list[list] = [[cells.text("factcheck conflict report", bold=True)]]
    for key, label in (("made_at", "Made (UTC)"), ("ledger_path", "Ledger"), ("ledger_sha256", "Ledger sha256"),
                       ("claims", "Claims"), ("conflicts", "Findings"), ("open", "Open findings")):
        value = meta[key]
        rows.append([cells.text(label, bold=True), cells.num(value, "#,##0") if isinstance(value, int)
                     else cells.text(value)])
    rows.append([])
    rows += _verdict_table(cells, conflicts)
    rows.append([])
    chart_at = len(rows) + 2  # header row of the subject/metric table (1-based)
    chart_rows = _subject_metric_table(cells, conflicts)
    rows += chart_rows
    rows.append([])
    rows += _by_source_table(cells, claims, conflicts, sources)
    rows.append([])
    rows += _by_subject_table(cells, claims, conflicts)
    for row in rows:
        ws.append(row)
    if len(chart_rows) > 2:
        _chart(ws, chart_at, chart_at + len(chart_rows) - 2)


def open_mask(conflicts) -> pd.Series:
    return conflicts["status"].astype("string").fillna("open").eq("open")


def _verdict_table(cells: CellMaker, conflicts) -> list[list]:
    kind = conflicts["kind"].astype("string").fillna("")
    label = conflicts["severity_label"].astype("string").fillna("")
    is_open = open_mask(conflicts)
    rows = [[cells.text("Findings by verdict and severity", bold=True)],
            cells.header(["Verdict", *SEVERITY_LABELS, "Total", "Open"])]
    verdicts = list(VERDICTS) + sorted(set(kind) - set(VERDICTS))
    for v in verdicts:
        mine = kind.eq(v)
        rows.append([cells.text(v, bold=True)]
                    + [cells.num(int((mine & label.eq(s)).sum()), "0", fill=SEVERITY_FILLS[s]) for s in SEVERITY_LABELS]
                    + [cells.num(int(mine.sum()), "0"), cells.num(int((mine & is_open).sum()), "0")])
    return rows


def _subject_metric_table(cells: CellMaker, conflicts, top: int = 20) -> list[list]:
    is_open = open_mask(conflicts)
    counted = conflicts["kind"].astype("string").fillna("").ne("consistent")
    key = (conflicts["subject"].astype("string").fillna("?") + " / "
           + conflicts["metric"].astype("string").fillna("?"))
    table = pd.DataFrame({"key": key, "open": (is_open & counted).astype(int), "all": 1})
    table = table.groupby("key", sort=False).sum()
    table = table[table["open"] > 0].sort_values(["open", "all"], ascending=False).head(top)
    rows = [[cells.text(f"Open findings per subject / metric (top {top}, consistent pairs excluded)", bold=True)],
            cells.header(["Subject / metric", "Open", "All"])]
    for key_, r in table.iterrows():
        rows.append([cells.text(key_), cells.num(int(r["open"]), "0"), cells.num(int(r["all"]), "0")])
    return rows


def _chart(ws, header_row: int, last_row: int) -> None:
    chart = BarChart()
    chart.type, chart.style = "bar", 10
    chart.title = "Open findings"
    chart.x_axis.scaling.orientation = "maxMin"  # the largest count on top
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.y_axis.title = "open findings"
    chart.legend = None
    data = Reference(ws, min_col=2, min_row=header_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.height, chart.width = max(6.0, 0.75 * (last_row - header_row) + 3), 14
    ws.add_chart(chart, "I2")


def _by_source_table(cells: CellMaker, claims, conflicts, sources) -> list[list]:
    rows = [[cells.text("By source", bold=True)], cells.header(["Source", "Claims", "Findings", "Open"])]
    involved = pd.concat([
        conflicts[["conflict_id", "source_a", "status"]].rename(columns={"source_a": "source"}),
        conflicts[["conflict_id", "source_b", "status"]].rename(columns={"source_b": "source"}),
    ]).dropna(subset=["source"]).drop_duplicates(["conflict_id", "source"])
    ids = list(sources["id"].astype(str)) if "id" in sources else []
    ids += sorted(set(claims["source"].dropna().astype(str)) - set(ids))
    per_claims = claims["source"].astype(str).value_counts()
    src = involved["source"].astype(str)
    open_ = involved["status"].astype("string").fillna("open").eq("open")
    for sid in ids:
        rows.append([cells.text(sid), cells.num(int(per_claims.get(sid, 0)), "0"),
                     cells.num(int(src.eq(sid).sum()), "0"), cells.num(int((src.eq(sid) & open_).sum()), "0")])
    return rows


def _by_subject_table(cells: CellMaker, claims, conflicts) -> list[list]:
    rows = [[cells.text("By subject", bold=True)], cells.header(["Subject", "Claims", "Findings", "Open"])]
    subj = conflicts["subject"].astype("string").fillna("")
    per_claims = claims["subject"].astype("string").fillna("").value_counts()
    is_open = open_mask(conflicts)
    for s in sorted(set(per_claims.index) | set(subj)):
        rows.append([cells.text(s or "(none)"), cells.num(int(per_claims.get(s, 0)), "0"),
                     cells.num(int(subj.eq(s).sum()), "0"), cells.num(int((subj.eq(s) & is_open).sum()), "0")])
    return rows

"""Workbooks larger than Excel allows: 1,048,576 rows per sheet (header
included) and 32,767 characters per cell.

openpyxl's write-only mode does not check the row limit (it writes row
1,048,577 and on, and Excel then refuses or "repairs" the file), so the writer
cuts each sheet itself.  The limit is the module constant
``ledger.report.MAX_SHEET_ROWS``; these tests lower it to 50 instead of
writing a million rows.  Every expected count is worked out here from the
frames the test builds, never read from the writer.
"""
from __future__ import annotations

import math
import shutil
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from ledger.crosscheck import CONFLICT_COLUMNS
from ledger.crosscheck.issues import issue_frame, issue_id
from ledger.job import report_ledger
from ledger.record import COLUMNS
from ledger.report import CONFLICT_SHEET_COLUMNS, SheetLimitWarning, write_report
from ledger.report import workbook as report
from ledger.report.cells import CUT_MARK, MAX_CELL_CHARS, is_cut, safe_text
from ledger.sources import load_sources
from tests.claims_factory import claim, ledger

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HEADERS = [h for h, _ in CONFLICT_SHEET_COLUMNS]
LIMIT = 50  # rows per sheet, header included, in these tests
N_CLAIMS, N_CONFLICTS = 60, 120
KINDS = ("contradiction", "temporal", "modality", "arithmetic", "consistent")


def many_claims(n: int = N_CLAIMS, subjects: int | None = None) -> pd.DataFrame:
    """``n`` claims; by default each with its own subject (so the Summary's by-subject table is long too)."""
    return ledger(*[claim("000_98a3e9e20e971090", f"{i}亿美元", "revenue", i * 1e8,
                          subject=f"Co{i % (subjects or n):03d}", start=i) for i in range(n)])


def many_conflicts(claims: pd.DataFrame, n: int = N_CONFLICTS) -> pd.DataFrame:
    """``n`` findings: kinds in turn, severities 0.00..0.99 shuffled, every 7th resolved."""
    ids = list(claims["claim_id"])
    rows = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        # a different pair of claims for each finding: one issue each (a frame made by hand has no issues)
        a, b = ids[i % len(ids)], ids[(i + 1 + i // len(ids)) % len(ids)]
        row = {c: "" for c in CONFLICT_COLUMNS}
        row.update(conflict_id=f"k-{i:012d}", kind=kind, claim_a=a, claim_b=b, claims=f"{a};{b}",
                   subject=f"Co{i % 5:03d}", metric="revenue", unit="USD", value_a=1e9, value_b=2e9, gap=0.5,
                   severity=((i * 37) % 100) / 100, severity_label="medium", status="open",
                   result="fail" if kind == "arithmetic" and i % 2 else ("pass" if kind == "arithmetic" else ""),
                   implied_value=math.nan, implied_low=math.nan, implied_high=math.nan,
                   explanation=f"finding {i}")
        if i % 7 == 0:
            row.update(status="resolved", decision="explained", reviewer="ana")
        rows.append(row)
    return pd.DataFrame(rows)


def expected_order(conflicts: pd.DataFrame, ids: str = "issue") -> list[str]:
    """Open before resolved, then most severe first, ties in row order (each hand-made finding is an issue
    of its own, ranked by severity); as issue ids ('i-' + sha1 of the sorted claim ids) or finding ids."""
    key = sorted(conflicts.itertuples(), key=lambda r: (r.status != "open", -r.severity, r.Index))
    if ids == "finding":
        return [r.conflict_id for r in key]
    return [issue_id([r.claim_a, r.claim_b]) for r in key]


@pytest.fixture()
def low_limit(monkeypatch):
    monkeypatch.setattr(report, "MAX_SHEET_ROWS", LIMIT)
    return LIMIT


@pytest.fixture()
def big(tmp_path, low_limit):
    claims = many_claims()
    conflicts = many_conflicts(claims)
    sources = load_sources(SEEDS / "sources.csv")
    notes: list = []
    path = write_report(claims, conflicts, sources, tmp_path / "big.xlsx", ledger_path=tmp_path / "claims.csv",
                        notes=notes)
    return claims, conflicts, path, notes, openpyxl.load_workbook(path)


def summary_rows(wb) -> list[list]:
    return [[c.value for c in r] for r in wb["Summary"].iter_rows() if r and r[0].value]


def summary_info(wb) -> dict:
    return {r[0].value: [c.value for c in r[1:]] for r in wb["Summary"].iter_rows() if r and r[0].value}


# --------------------------------------------------------------------------- rows


def test_conflicts_sheet_holds_limit_minus_one_rows_the_first_in_order(big):
    _, conflicts, _, _, wb = big
    ws = wb["Conflicts"]
    assert ws.max_row == LIMIT  # header + 49
    ids = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(ids) == LIMIT - 1 == 49
    assert ids == expected_order(conflicts)[: LIMIT - 1]
    # the most severe: (i * 37) % 100 == 99 for i = 27 (37 * 73 = 2701, so i = 99 * 73 % 100), and 27 % 7 != 0: open
    row27 = conflicts.iloc[27]
    assert ids[0] == issue_id([row27["claim_a"], row27["claim_b"]])
    # the last shown is open; every finding left out is resolved or no more severe than it
    by_issue = {issue_id([r.claim_a, r.claim_b]): r for r in conflicts.itertuples()}
    left = set(by_issue) - set(ids)
    assert by_issue[ids[-1]].status == "open"
    assert all(by_issue[i].status == "resolved" or by_issue[i].severity <= by_issue[ids[-1]].severity for i in left)
    # the autofilter, the printed area and the Decision dropdown stop at the last row written
    assert ws.auto_filter.ref == f"A1:R{LIMIT}"
    assert ws.print_area == f"'Conflicts'!$A$1:$M${LIMIT}"
    col = openpyxl.utils.get_column_letter(HEADERS.index("Decision") + 1)
    assert str(ws.data_validations.dataValidation[0].sqref) == f"{col}2:{col}{LIMIT}"


def test_every_sheet_fits(big):
    _, _, _, _, wb = big
    for ws in wb:
        assert ws.max_row <= LIMIT, ws.title
    claims_ws = wb["Claims"]
    assert claims_ws.max_row == LIMIT  # 60 claims: the first 49 in ledger order
    assert [r[0] for r in claims_ws.iter_rows(min_row=2, values_only=True)] == list(many_claims()["claim_id"][:49])


def test_summary_says_how_many_were_left_out_and_where_they_are(big, tmp_path):
    _, _conflicts, _, _, wb = big
    info = summary_info(wb)
    # 120 issues (one per finding), 49 rows below the header: 71 left out; their 240 members: 191;
    # 60 claims: 11 left out
    assert info["Issues left out of Conflicts"][0] == 120 - 49 == 71
    assert info["Issue members left out of Issue members"][0] == 240 - 49 == 191
    assert info["Claims left out of Claims"][0] == 60 - 49 == 11
    # arithmetic: every 5th finding (i % 5 == 3) of 120 = 24, all fit
    assert "Arithmetic findings left out of Arithmetic" not in info
    lines = [r[0] for r in summary_rows(wb)]
    at = lines.index("Issues left out of Conflicts")
    assert [line.strip() for line in lines[at + 1: at + 3]] == [
        "of 120; Conflicts shows the first 49 (open before resolved, then by rank)",
        f"`factcheck check --json {tmp_path / 'claims.csv'}` lists every issue"]
    assert any(str(k).startswith("Not every row fits: Excel holds 50 rows per sheet") for k in info)
    # the counts still cover all 120 findings
    assert info["Findings"][0] == 120


def test_summary_sheet_itself_is_cut_with_a_last_line(big):
    _, _, _, _, wb = big
    ws = wb["Summary"]
    # 60 subjects in the by-subject table: more than 50 rows in all
    assert ws.max_row == LIMIT
    assert "more rows left out: Excel holds 50 rows per sheet" in ws.cell(row=LIMIT, column=1).value


def test_warnings_are_returned_as_problems(big, tmp_path):
    _, _, path, notes, _ = big
    # Conflicts, Issue members, Claims, and the Summary's own by-subject table (60 subjects)
    assert [(p.code, p.severity) for p in notes] == [("sheet-row-limit", "warning")] * 4
    first = str(notes[0])
    assert first.startswith(f"{path}: warning: 71 of 120 issues left out of the Conflicts sheet: Excel holds "
                            "50 rows per sheet, so it shows the first 49 (open before resolved, then by rank)")
    assert first.endswith(f"`factcheck check --json {tmp_path / 'claims.csv'}` lists every issue")
    assert "191 of 240 issue members left out of the Issue members sheet" in str(notes[1])
    assert "11 of 60 claims left out of the Claims sheet" in str(notes[2])
    assert "rows of the Summary sheet left out (its by-source and by-subject tables come last)" in str(notes[3])


def test_without_a_notes_list_it_warns(tmp_path, low_limit):
    claims = many_claims(subjects=5)
    with pytest.warns(SheetLimitWarning) as caught:
        write_report(claims, many_conflicts(claims), load_sources(SEEDS / "sources.csv"), tmp_path / "w.xlsx")
    # (then the Summary's own last rows: its left-out blocks make it longer than 50 rows)
    assert [str(w.message).split(": warning: ")[1].split(" left out")[0] for w in caught][:3] == [
        "71 of 120 issues", "191 of 240 issue members", "11 of 60 claims"]


def test_no_warning_at_the_limit(tmp_path, low_limit):
    claims = many_claims(49, subjects=5)
    # 24 findings, one issue each: 24 Conflicts rows and 48 members, below 49 rows; 49 claims fit exactly
    conflicts = many_conflicts(claims, 24)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = write_report(claims, conflicts, load_sources(SEEDS / "sources.csv"), tmp_path / "fit.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["Claims"].max_row == LIMIT and wb["Conflicts"].max_row == 25 and wb["Issue members"].max_row == 49
    assert not any("left out" in str(k) for k in summary_info(wb))


def test_links_only_to_claims_in_the_sheet(big):
    claims, _, _, _, wb = big
    shown = set(claims["claim_id"][:49])
    heads = [c.value for c in wb["Issue members"][1]]
    seen = set()
    for row in wb["Issue members"].iter_rows(min_row=2):
        cell = dict(zip(heads, row))["Claim"]
        seen.add(cell.value in shown)
        if cell.value in shown:
            assert wb["Claims"][cell.hyperlink.location.split("!")[1]].value == cell.value
        else:  # claim past the Claims sheet's last row: plain text, no link to an empty row
            assert cell.hyperlink is None
    assert seen == {True, False}


@pytest.mark.slow
def test_arithmetic_sheet_cut_too(tmp_path, low_limit):
    claims = many_claims(subjects=5)
    conflicts = many_conflicts(claims, 300)  # 300 / 5 = 60 arithmetic findings
    notes: list = []
    path = write_report(claims, conflicts, load_sources(SEEDS / "sources.csv"), tmp_path / "a.xlsx", notes=notes)
    wb = openpyxl.load_workbook(path)
    assert wb["Arithmetic"].max_row == LIMIT
    arithmetic = conflicts[conflicts["kind"] == "arithmetic"]
    shown = [r[0] for r in wb["Arithmetic"].iter_rows(min_row=2, values_only=True)]
    assert shown == expected_order(arithmetic, "finding")[:49]
    assert summary_info(wb)["Arithmetic findings left out of Arithmetic"][0] == 60 - 49
    # (then the Summary's own last rows: three left-out blocks make it longer than 50 rows)
    assert [str(p).split(": warning: ")[1].split(" left")[0] for p in notes][:4] == [
        "251 of 300 issues", "551 of 600 issue members", "11 of 60 claims", "11 of 60 arithmetic findings"]


# --------------------------------------------------------------------------- the whole job: report, CLI, import


@pytest.fixture()
def shipped(tmp_path, low_limit, monkeypatch):
    """A copy of the shipped ledger (89 claims, 33 findings) with the limit at 11 rows."""
    monkeypatch.setattr(report, "MAX_SHEET_ROWS", 11)
    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    shutil.copy(SEEDS / "sources.csv", tmp_path / "sources.csv")
    return tmp_path


@pytest.mark.slow
def test_report_ledger_notes_and_import_of_a_cut_workbook(shipped):
    from ledger.crosscheck.decisions import read_decisions
    from ledger.job import check_ledger, import_decisions

    found = check_ledger(shipped / "claims.csv")
    findings, issues = len(found), issue_frame(found)
    members = sum(len(m) for m in issues["members"])
    claims = len(pd.read_csv(shipped / "claims.csv"))
    rep = report_ledger(shipped / "claims.csv", shipped / "conflicts.xlsx")
    assert rep.findings == findings > 10 and len(issues) > 10
    text = [str(n) for n in rep.notes if n.code == "sheet-row-limit"]
    # Conflicts, Issue members, Claims, and the Summary itself (its tables are longer than 11 rows)
    assert len(text) == 4
    assert f"{len(issues) - 10} of {len(issues)} issues left out of the Conflicts sheet" in text[0]
    assert f"{members - 10} of {members} issue members left out of the Issue members sheet" in text[1]
    assert f"{claims - 10} of {claims} claims left out of the Claims sheet" in text[2]
    assert "rows of the Summary sheet left out" in text[3]
    wb = openpyxl.load_workbook(rep.path)
    assert wb["Conflicts"].max_row == 11
    rows = list(wb["Conflicts"].iter_rows(min_row=2, values_only=True))
    first, last = rows[0][0], rows[-1][0]
    # the reviewer decides two of the ten rows shown; the import takes exactly those
    dcol, ncol, rcol = (HEADERS.index(h) + 1 for h in ("Decision", "Reviewer note", "Reviewer"))
    ws = wb["Conflicts"]
    for r in (2, 11):
        ws.cell(row=r, column=dcol).value = "confirmed"
        ws.cell(row=r, column=ncol).value = f"row {r}"
        ws.cell(row=r, column=rcol).value = "ana"
    wb.save(rep.path)
    res = import_decisions(rep.path)
    assert sorted(res.added) == sorted([first, last]) and res.changed == [] and res.total == 2
    assert set(read_decisions(shipped / "decisions.csv")["conflict_id"]) == {first, last}
    # the next report (same limit) replaces the workbook: the two are resolved and go to the end,
    # so ten other open findings come into view
    again = report_ledger(shipped / "claims.csv", shipped / "conflicts.xlsx")
    shown = [r[0] for r in openpyxl.load_workbook(again.path)["Conflicts"].iter_rows(min_row=2, values_only=True)]
    assert len(shown) == 10 and first not in shown and last not in shown


@pytest.mark.slow
def test_cli_report_prints_the_warning(shipped):
    from ledger.cli import main

    res = CliRunner().invoke(main, ["report", str(shipped / "claims.csv")])
    assert res.exit_code == 0, res.output
    assert "issues left out of the Conflicts sheet: Excel holds 11 rows per sheet" in res.stderr
    assert "factcheck check --json" in res.stderr
    assert "left out" not in res.stdout
    js = CliRunner().invoke(main, ["report", str(shipped / "claims.csv"), "--json"])
    assert js.exit_code == 0 and "issues left out of the Conflicts sheet" in js.stdout


# --------------------------------------------------------------------------- long text


def long_quote_frames():
    quote = "营收" + "很长的引文。" * 8000  # 2 + 48,000 characters
    claims = ledger(claim("000_98a3e9e20e971090", "1亿美元", "revenue", 1e8, quote=quote),
                    claim("001_65e055411d3fbeb8", "2亿美元", "revenue", 2e8, quote="😀" * 20000))
    conflicts = many_conflicts(claims, 1)
    return quote, claims, conflicts


def test_a_quote_longer_than_a_cell_is_cut_with_a_marker(tmp_path):
    quote, claims, conflicts = long_quote_frames()
    path = write_report(claims, conflicts, load_sources(SEEDS / "sources.csv"), tmp_path / "q.xlsx")
    wb = openpyxl.load_workbook(path)  # opens
    cell = wb["Claims"].cell(row=2, column=COLUMNS.index("quote") + 1).value
    mark = " … [cut: 48,002 characters in full]"
    assert mark == CUT_MARK.format(n=len(quote))
    assert len(cell) == 32767 and cell.endswith(mark) and quote.startswith(cell[: -len(mark)])
    assert is_cut(cell)
    heads = [c.value for c in wb["Issue members"][1]]
    quotes = [dict(zip(heads, r))["Quote"] for r in wb["Issue members"].iter_rows(min_row=2, values_only=True)]
    assert cell in quotes
    # an emoji is two UTF-16 units, as Excel counts: 20,000 of them (40,000 units) do not fit either
    emoji = wb["Claims"].cell(row=3, column=COLUMNS.index("quote") + 1).value
    assert emoji.endswith(" … [cut: 20,000 characters in full]")
    assert len(emoji.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert set(emoji[: -len(" … [cut: 20,000 characters in full]")]) == {"😀"}


@pytest.mark.parametrize("text, cut", [
    ("a" * 32767, False), ("a" * 32768, True),
    ("😀" * 16383 + "a", False),  # 32,767 UTF-16 units: fits
    ("😀" * 16384, True),  # 16,384 characters, but 32,768 units
])
def test_safe_text_limit(text, cut):
    out = safe_text(text)
    assert len(out.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert (out != text) == cut == is_cut(out)
    if cut:
        assert out.endswith(CUT_MARK.format(n=len(text)))


@pytest.mark.slow
def test_a_long_reviewer_note_survives_the_round_trip(tmp_path):
    """A note longer than a cell is shown cut; importing the workbook back keeps the whole note."""
    from ledger.crosscheck.decisions import write_decisions
    from ledger.job import check_ledger, import_decisions

    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    shutil.copy(SEEDS / "sources.csv", tmp_path / "sources.csv")
    cid = str(issue_frame(check_ledger(tmp_path / "claims.csv"))["issue"].iloc[0])  # the first issue
    note = "the filing says so. " * 2000  # 40,000 characters
    note = note.strip()
    write_decisions(pd.DataFrame([{"conflict_id": cid, "decision": "explained", "reviewer": "ana", "note": note,
                                   "decided_at": "2026-11-23T12:00:00Z"}]), tmp_path / "decisions.csv")
    before = (tmp_path / "decisions.csv").read_bytes()
    rep = report_ledger(tmp_path / "claims.csv", tmp_path / "conflicts.xlsx")
    shown = next(r for r in openpyxl.load_workbook(rep.path)["Conflicts"].iter_rows(min_row=2, values_only=True)
                 if r[0] == cid)[HEADERS.index("Reviewer note")]
    assert is_cut(shown) and len(shown) == 32767
    res = import_decisions(rep.path)
    assert (res.added, res.changed, res.unchanged) == ([], [], 1)
    assert (tmp_path / "decisions.csv").read_bytes() == before
    # and the next report may replace the workbook: it holds nothing that is not imported
    report_ledger(tmp_path / "claims.csv", tmp_path / "conflicts.xlsx")


# --------------------------------------------------------------------------- the Summary's headline count


def test_summary_counts_only_what_needs_review(tmp_path):
    claims = many_claims(4)
    a, b = claims["claim_id"][0], claims["claim_id"][1]
    rows = []
    for i, (kind, result, status) in enumerate([
        ("contradiction", "", "open"),       # to review, gates publication
        ("contradiction", "", "resolved"),   # decided
        ("arithmetic", "fail", "open"),      # to review, gates publication
        ("arithmetic", "pass", "open"),      # the figures fit: nothing to review
        ("arithmetic", "implied", "open"),   # only an implied value
        ("temporal", "", "open"),            # to review
        ("modality", "", "open"),            # to review
        ("modality", "", "resolved"),        # decided
        ("consistent", "", "open"),          # the two agree
        ("consistent", "", "open"),
    ]):
        row = {c: "" for c in CONFLICT_COLUMNS}
        row.update(conflict_id=f"k-{i:012d}", kind=kind, result=result, status=status, claim_a=a, claim_b=b,
                   claims=f"{a};{b}", subject="Co", metric="revenue", severity=0.5, severity_label="low")
        rows.append(row)
    conflicts = pd.DataFrame(rows)
    path = write_report(claims, conflicts, load_sources(SEEDS / "sources.csv"), tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path)
    info = summary_info(wb)
    assert info["Findings"][0] == 10
    assert info["Open findings to review"][0] == 4  # rows 0, 2, 5, 6
    assert info["  of which contradictions and failed rules"][0] == 2  # rows 0, 2
    # the chart's table says the same: one subject / metric, 4 to review of 10
    assert info["Co / revenue"][:2] == [4, 10]

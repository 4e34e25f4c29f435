"""The conflict workbook (issue 6): sheets, typed cells, injection-safe text,
the Decision dropdown, hyperlinks, the chart, and the decisions round trip.

Every expected value is worked out by hand from the frames built below (real
sentences of the seed articles, plus two hostile quotes), never copied from
the writer's output.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from ledger.crosscheck import CONFLICT_COLUMNS
from ledger.job import report_ledger
from ledger.record import COLUMNS, claim_id
from ledger.report import CONFLICT_SHEET_COLUMNS, SHEETS, write_report
from ledger.report.cells import CellMaker, safe_text
from ledger.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
S000, S001, S002 = "000_98a3e9e20e971090", "001_65e055411d3fbeb8", "002_49af0953fd15d42f"
HYPERLINK = '=HYPERLINK("http://example.invalid","x")'
DDE = "=cmd|' /C calc'!A0"
MADE = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
HEADERS = [h for h, _ in CONFLICT_SHEET_COLUMNS]


def article(source: str) -> str:
    return (SEEDS / f"{source}.txt").read_text(encoding="utf-8")


def claim(source: str, quote: str, surface: str, **fields) -> dict:
    """A ledger row whose offsets point at ``surface`` inside ``quote`` in the article."""
    text = article(source)
    start = text.index(quote) + quote.index(surface)
    row = {c: "" for c in COLUMNS}
    row.update(source=source, start=start, end=start + len(surface), surface=surface, quote=quote,
               claim_id=claim_id(source, start, start + len(surface), surface), status="unreviewed",
               origin="extracted", confidence=0.8, qualifier="exact", value_low=float("nan"),
               value_high=float("nan"))
    row.update(fields)
    return row


# Microsoft's stake in OpenAI, as three articles put it.
Q001 = "三年来,微软累计向OpenAI投资130亿美元,持有49%\u00a0的股权,将商业化合作的优先权牢牢抓在手里。"
Q000 = "微軟早期對(duì)OpenAI的130億美元投資,已對(duì)應(yīng)約27%的股權(quán),估值約1350億美元"
Q002 = "其曾提出微软放弃未来的利润分成权,以换取重组后约33%的股权比例"
STAKE = dict(kind="percent", subject="Microsoft", object="OpenAI", metric="equity_stake", unit="ratio")
INVEST = dict(kind="money", subject="Microsoft", object="OpenAI", metric="cumulative_investment", unit="USD")


def seed_claims() -> pd.DataFrame:
    rows = [
        claim(S001, Q001, "130亿美元", value=13e9, value_low=13e9, value_high=13e9, period="2025-03-11",
              modality="actual", **INVEST),
        claim(S001, Q001, "49%", value=0.49, value_low=0.49, value_high=0.49, modality="actual", **STAKE),
        claim(S000, Q000, "130億美元", value=13e9, value_low=13e9, value_high=13e9, modality="actual", **INVEST),
        claim(S000, Q000, "約27%", value=0.27, value_low=0.26, value_high=0.28, qualifier="about",
              modality="actual", **STAKE),
        claim(S002, Q002, "约33%", value=0.33, value_low=0.32, value_high=0.34, qualifier="about",
              modality="proposed", **STAKE),
    ]
    return pd.DataFrame(rows)[list(COLUMNS)]


def hostile_claims() -> pd.DataFrame:
    """Two made-up rows whose quotes are formula attacks (not article text)."""
    rows = []
    for n, (quote, value) in enumerate(((HYPERLINK + " 价值达119亿美元", 11.9e9), (DDE + " 约120亿美元\x07", 12e9))):
        row = {c: "" for c in COLUMNS}
        row.update(claim_id=f"c-00000000000{n}", source=S001, start=n, end=n + 1, surface="1", quote=quote,
                   kind="money", subject="OpenAI", object="CoreWeave", metric="contract_value", unit="USD",
                   value=value, value_low=value, value_high=value, modality="actual", status="unreviewed",
                   origin="manual", confidence=1.0, qualifier="exact", note="-1 is wrong" if n else "@ana")
        rows.append(row)
    return pd.DataFrame(rows)[list(COLUMNS)]


def conflict(cid: str, kind: str, a: str, b: str, **fields) -> dict:
    row = {c: "" for c in CONFLICT_COLUMNS}
    row.update(conflict_id=cid, kind=kind, claim_a=a, claim_b=b, claims=f"{a};{b}" if b else a,
               status="open", gap=float("nan"), implied_value=float("nan"), implied_low=float("nan"),
               implied_high=float("nan"), value_b=float("nan"))
    row.update(fields)
    return row


@pytest.fixture(scope="module")
def frames():
    claims = pd.concat([seed_claims(), hostile_claims()], ignore_index=True)
    ids = dict(zip(["inv001", "st001", "inv000", "st000", "st002", "h0", "h1"], claims["claim_id"]))
    stake = dict(subject="Microsoft", object="OpenAI", metric="equity_stake", unit="ratio")
    conflicts = pd.DataFrame([
        # 49% vs about 27% (26%..28%): gap |0.49-0.27|/0.49 = 0.449
        conflict("k-000000000001", "contradiction", ids["st001"], ids["st000"], source_a=S001, source_b=S000,
                 value_a=0.49, value_b=0.27, gap=0.449, severity=0.9, severity_label="high",
                 explanation="On Microsoft / OpenAI equity_stake: 49% while about 27%; the figures differ.", **stake),
        conflict("k-000000000002", "modality", ids["st001"], ids["st002"], source_a=S001, source_b=S002,
                 value_a=0.49, value_b=0.33, gap=0.327, severity=0.4, severity_label="medium",
                 explanation="49% is a fact, about 33% is a proposal.", decision="explained",
                 decision_note="33% is what OpenAI proposed", reviewer="ana", status="resolved", **stake),
        conflict("k-000000000003", "consistent", ids["inv001"], ids["inv000"], source_a=S001, source_b=S000,
                 value_a=13e9, value_b=13e9, gap=0.0, severity=0.0, severity_label="info",
                 subject="Microsoft", object="OpenAI", metric="cumulative_investment", unit="USD",
                 explanation="Both say 13,000,000,000 USD."),
        conflict("k-000000000004", "contradiction", ids["h0"], ids["h1"], source_a=S001, source_b=S001,
                 value_a=11.9e9, value_b=12e9, gap=0.0083, severity=0.3, severity_label="low",
                 subject="OpenAI", object="CoreWeave", metric="contract_value", unit="USD",
                 explanation="+ a hostile explanation"),
        conflict("k-000000000005", "arithmetic", ids["st001"], "", rule="stake_plus_rest", source_a=S001,
                 value_a=0.49, implied_value=0.51, implied_low=0.51, implied_high=0.51, implied_unit="ratio",
                 result="pass", severity=0.1, severity_label="info", claims=f"{ids['st001']};{ids['inv001']}",
                 explanation="the rest is 51%", **stake),
    ])
    sources = load_sources(SEEDS / "sources.csv")
    return claims, conflicts, sources, ids


@pytest.fixture(scope="module")
def book(frames, tmp_path_factory):
    claims, conflicts, sources, _ = frames
    folder = tmp_path_factory.mktemp("report")
    ledger = folder / "claims.csv"
    ledger.write_bytes(b"claim_id\n")  # only its sha256 matters here
    path = write_report(claims, conflicts, sources, folder / "conflicts.xlsx", ledger_path=ledger, made_at=MADE)
    return path, ledger, openpyxl.load_workbook(path)


def rows_of(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def conflict_row(wb, rank: int | str) -> dict:
    """The Conflicts row of the issue of rank ``rank`` (or of id ``rank``), header -> cell."""
    ws = wb["Conflicts"]
    for row in ws.iter_rows(min_row=2):
        if row[1].value == rank or row[0].value == rank:
            return dict(zip(HEADERS, row))
    raise KeyError(rank)


def member_rows(wb, rank: int) -> list[dict]:
    """The Issue members rows of the issue of rank ``rank``."""
    ws = wb["Issue members"]
    heads = [c.value for c in ws[1]]
    return [dict(zip(heads, row)) for row in ws.iter_rows(min_row=2) if row[1].value == rank]


# The frames hold findings made by hand (no issue columns): each is its own issue, ranked by severity:
# k-...001 (0.9) rank 1, k-...002 (0.4) rank 2, k-...004 (0.3) rank 3, k-...005 (0.1) rank 4, k-...003 (0.0) rank 5.
RANK = {"k-000000000001": 1, "k-000000000002": 2, "k-000000000004": 3, "k-000000000005": 4, "k-000000000003": 5}


# --------------------------------------------------------------------------- structure


def test_sheet_names_and_headers(book):
    _path, _, wb = book
    assert wb.sheetnames == list(SHEETS) == ["Summary", "Conflicts", "Issue members", "Claims", "Arithmetic",
                                             "Sources", "_meta"]
    assert wb["_meta"].sheet_state == "hidden"
    assert [c.value for c in wb["Conflicts"][1]] == HEADERS
    assert HEADERS[:4] == ["Issue", "Rank", "Verdict", "Severity"]
    assert {"Decision", "Reviewer note", "Reviewer", "Versions", "Why this rank", "Explanation"} <= set(HEADERS)
    members = [c.value for c in wb["Issue members"][1]]
    assert {"Version", "Disagrees with", "Words", "Value", "Low", "High", "Unit", "Outlet", "Title", "Published",
            "Date known", "URL", "Quote", "Claim"} <= set(members)
    assert [c.value for c in wb["Claims"][1]] == list(COLUMNS)
    assert [c.value for c in wb["Sources"][1]][:3] == ["id", "file", "title"]


def test_frozen_header_and_autofilter(book):
    _, _, wb = book
    # Conflicts: 18 columns (R), 5 issues + header = 6 rows; Claims: 23 columns (W), 7 claims;
    # Issue members: 22 columns (V), two claims per issue = 10 rows + header
    assert wb["Conflicts"].freeze_panes == "A2"
    assert wb["Conflicts"].auto_filter.ref == "A1:R6"
    assert wb["Issue members"].auto_filter.ref == "A1:V11"
    assert wb["Claims"].auto_filter.ref == "A1:W8"
    assert wb["Conflicts"].column_dimensions["H"].width == 52  # Versions (8th column) is wide
    assert wb["Conflicts"]["H2"].alignment.wrap_text is True and wb["Conflicts"]["J2"].alignment.wrap_text is True
    # the explanation of issue 1 (49% vs about 27%) quotes both sides: ~310 display columns in a 60-wide
    # column (58.5 usable) wrap to 6 lines; the row is tall enough to show all of them
    assert wb["Conflicts"].row_dimensions[2].height >= 6 * 13.5 + 2
    # the printed page stops at the Reviewer column (M, the 13th)
    assert wb["Conflicts"].print_area == "'Conflicts'!$A$1:$M$6"


def test_rows_ordered_open_first_then_rank(book):
    _, _, wb = book
    ranks = [r[1] for r in rows_of(wb["Conflicts"])[1:]]
    # open: ranks 1, 3, 4, 5; resolved: 2 (k-...002, decided by ana)
    assert ranks == [1, 3, 4, 5, 2]
    verdicts = [r[2] for r in rows_of(wb["Conflicts"])[1:]]
    assert verdicts == ["contradiction", "contradiction", "arithmetic", "consistent", "modality"]


# --------------------------------------------------------------------------- untrusted text


def test_no_cell_holds_a_formula(book):
    path, _, wb = book
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} = {cell.value!r}"
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 7
        for name in sheets:
            assert re.search(rb"<f[ >]", z.read(name)) is None, name


def test_hostile_quotes_are_exact_strings(book, frames):
    _, _, wb = book
    _, _, _, ids = frames
    quotes = {m["Claim"].value: m["Quote"] for m in member_rows(wb, RANK["k-000000000004"])}
    cell = quotes[ids["h0"]]
    assert cell.value == HYPERLINK + " 价值达119亿美元"
    assert cell.data_type == "s"
    assert cell.quotePrefix is True  # editing it in Excel keeps it text
    # the BEL character is escaped visibly, the rest of the text is kept
    assert quotes[ids["h1"]].value == DDE + " 约120亿美元\\x07"
    claims = {r[0].value: r for r in wb["Claims"].iter_rows(min_row=2)}
    note = claims[ids["h1"]][COLUMNS.index("note")]
    assert (note.value, note.data_type, note.quotePrefix) == ("-1 is wrong", "s", True)
    assert claims[ids["h0"]][COLUMNS.index("note")].value == "@ana"
    # the hostile quotes reach the issue's sentence only inside it, never at its start
    row = conflict_row(wb, RANK["k-000000000004"])
    assert row["Explanation"].value.startswith("On contract_value of OpenAI / CoreWeave: ")
    assert row["Explanation"].data_type == "s"
    # a harmless quote gets no quote prefix
    assert member_rows(wb, 1)[0]["Quote"].quotePrefix is False


@pytest.mark.parametrize("raw, shown", [
    ("abc", "abc"),
    ("a\x00b", "a\\x00b"),
    ("tab\tand\nnewline\r", "tab\tand\nnewline\r"),  # legal in XML, kept
    ("\x1f", "\\x1f"),
    ("x\ufffey", "x\\ufffey"),
    ("#N/A", "#N/A"),
])
def test_safe_text(raw, shown):
    assert safe_text(raw) == shown


@given(st.text(max_size=60))
def test_any_text_comes_back_as_the_same_string(tmp_path_factory, text):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("t")
    ws.append([CellMaker(ws).text(text)])
    path = tmp_path_factory.mktemp("h") / "t.xlsx"
    wb.save(path)
    cell = openpyxl.load_workbook(path)["t"]["A1"]
    assert cell.data_type != "f"
    # lxml writes a carriage return as &#13; and it comes back; without lxml, XML reads it
    # as a line feed (CRLF -> LF, CR -> LF)
    exact = safe_text(text)
    if exact:
        assert cell.data_type == "s"
        assert cell.value in (exact, exact.replace("\r\n", "\n").replace("\r", "\n"))
    else:
        assert cell.value is None  # an empty text is a blank cell


# --------------------------------------------------------------------------- typed cells


def test_claims_typed_cells(book, frames):
    _, _, wb = book
    _, _, _, ids = frames
    claims = {r[0].value: dict(zip(COLUMNS, r)) for r in wb["Claims"].iter_rows(min_row=2)}
    inv = claims[ids["inv001"]]
    assert inv["value"].value == 13_000_000_000 and inv["value"].number_format == "#,##0"
    assert inv["period"].value == dt.datetime(2025, 3, 11) and inv["period"].number_format == "yyyy-mm-dd"
    assert isinstance(inv["start"].value, int) and inv["start"].value == article(S001).index("130亿美元")
    stake = claims[ids["st000"]]
    assert (stake["value"].value, stake["value_low"].value, stake["value_high"].value) == (0.27, 0.26, 0.28)
    assert stake["value"].number_format == "0.0%"
    assert stake["period"].value is None  # '' -> blank
    assert claims[ids["st001"]]["value_low"].value == 0.49
    assert claims[ids["h0"]]["value_low"].value == 11_900_000_000
    assert claims[ids["inv000"]]["confidence"].number_format == "0.00"


def test_issue_versions_and_members(book, frames):
    _, _, wb = book
    _, _, _, ids = frames
    row = conflict_row(wb, 1)  # 49% (S001) against about 27% (S000: 26%..28%)
    assert (row["Verdict"].value, row["Severity"].value, row["Score"].value) == ("contradiction", "high", 0.9)
    assert (row["Subject"].value, row["Object"].value, row["Metric"].value) == ("Microsoft", "OpenAI", "equity_stake")
    assert (row["Pairs"].value, row["Open"].value, row["Status"].value) == (1, 1, "open")
    # versions in order of value, each with its words, its interval, and its source as people know it
    assert row["Versions"].value.splitlines() == [
        "v1 “約27%” 26%–28% — unnamed outlet «英偉達(dá)、OpenAI與微軟構(gòu)成…» (2026-02, inferred) (disagrees with v2)",
        "v2 “49%” 49% — 虎嗅网 «微软和OpenAI加速离婚» (2025-03, inferred) (disagrees with v1)"]
    members = {m["Claim"].value: m for m in member_rows(wb, 1)}
    low, high = members[ids["st000"]], members[ids["st001"]]
    assert (low["Version"].value, low["Disagrees with"].value, high["Version"].value) == ("v1", "v2", "v2")
    assert (low["Value"].value, low["Low"].value, low["High"].value, low["Unit"].value) == (0.27, 0.26, 0.28, "ratio")
    assert low["Value"].number_format == low["Low"].number_format == "0.0%"
    assert (high["Outlet"].value, high["Title"].value, high["Published"].value, high["Date known"].value) == (
        "虎嗅网", "微软和OpenAI加速离婚", "2025-03", "inferred")
    assert low["Outlet"].value == "unnamed outlet" and low["Quote"].value == Q000 and high["Quote"].value == Q001
    money = {m["Claim"].value: m for m in member_rows(wb, RANK["k-000000000003"])}[ids["inv001"]]
    # a figure in a currency shows its code: 13,000,000,000 USD
    assert money["Value"].value == 13_000_000_000 and money["Value"].number_format == '#,##0" USD"'
    # one currency in the issue: nothing converted
    assert (money["Converted"].value, money["Conversion"].value) == (None, None)
    assert money["Period"].value == dt.datetime(2025, 3, 11)
    decided = conflict_row(wb, RANK["k-000000000002"])
    assert (decided["Decision"].value, decided["Reviewer note"].value, decided["Reviewer"].value) == (
        "explained", "33% is what OpenAI proposed", "ana")
    assert decided["Status"].value == "resolved"


def test_no_conflicts_row_shows_a_bare_source_id(book):
    _, _, wb = book
    ids = [p.stem for p in SEEDS.glob("*.txt")]
    for row in wb["Conflicts"].iter_rows(min_row=2, values_only=True):
        for value in row:
            assert not any(sid in str(value) for sid in ids), value


def test_fill_by_severity(book):
    _, _, wb = book
    colours = {cid: conflict_row(wb, RANK[cid])["Severity"].fill.fgColor.rgb[-6:]
               for cid in ("k-000000000001", "k-000000000002", "k-000000000004", "k-000000000003")}
    assert colours == {"k-000000000001": "F4B6B6", "k-000000000002": "FAD7A0",
                       "k-000000000004": "FCF3CF", "k-000000000003": "E5E8E8"}
    assert len(set(colours.values())) == 4


def test_member_claims_link_to_the_claims_rows(book, frames):
    _, _, wb = book
    _, _, _, ids = frames
    for member in member_rows(wb, 1):
        link = member["Claim"].hyperlink
        assert link is not None and link.target is None
        sheet, cell = link.location.split("!")
        assert sheet == "'Claims'" and wb["Claims"][cell].value == member["Claim"].value
    # claim st000 is the 4th claim -> row 5
    st000 = next(m for m in member_rows(wb, 1) if m["Claim"].value == ids["st000"])
    assert st000["Claim"].hyperlink.location == "'Claims'!A5"


def test_link_rows_cap(frames, tmp_path):
    claims, conflicts, sources, _ = frames
    path = write_report(claims, conflicts, sources, tmp_path / "c.xlsx", link_rows=1)
    ws = openpyxl.load_workbook(path)["Issue members"]
    # Claim is column U
    assert ws["U1"].value == "Claim"
    assert ws["U2"].hyperlink is not None and ws["U3"].hyperlink is None


def test_decision_dropdown(book):
    _, _, wb = book
    ws = wb["Conflicts"]
    dvs = ws.data_validations.dataValidation
    assert len(dvs) == 1
    dv = dvs[0]
    assert dv.type == "list" and dv.formula1 == '"explained,confirmed,wrong_extraction"'
    assert dv.allow_blank and dv.showErrorMessage
    col = openpyxl.utils.get_column_letter(HEADERS.index("Decision") + 1)
    assert str(dv.sqref) == f"{col}2:{col}6"  # the 5 issue rows
    assert ws[f"{col}1"].value == "Decision"


# --------------------------------------------------------------------------- Summary, Arithmetic, Sources


def test_summary_metadata(book):
    _, ledger, wb = book
    info = {r[0]: r[1] for r in rows_of(wb["Summary"]) if r and r[0]}
    assert info["Ledger sha256"] == hashlib.sha256(b"claim_id\n").hexdigest()
    assert info["Ledger"] == str(ledger.resolve())
    assert info["Made (UTC)"] == "2026-11-23T12:00:00Z"
    assert (info["Claims"], info["Issues"], info["Findings"]) == (7, 5, 5)
    # open: 001, 003, 004, 005 (002 is resolved); of those 003 is consistent and 005 a rule that
    # passed, so only the two contradictions 001 and 004 are left to review
    assert info["Open findings to review"] == 2
    assert info["  of which contradictions and failed rules"] == 2
    assert not any(str(k).endswith("left out of Conflicts") for k in info)  # everything fits
    meta = {r[0]: r[1] for r in rows_of(wb["_meta"])[1:]}
    assert meta["ledger_sha256"] == info["Ledger sha256"] and meta["conflicts"] == "5"


def test_summary_counts(book):
    _, _, wb = book
    rows = rows_of(wb["Summary"])
    head = [r[:7] for r in rows].index(["Verdict", "high", "medium", "low", "info", "Total", "To review"])
    table = {r[0]: r[1:7] for r in rows[head + 1: head + 6]}
    assert table["contradiction"] == [1, 0, 1, 0, 2, 2]  # 001 high, 004 low
    assert table["modality"] == [0, 1, 0, 0, 1, 0]  # 002 resolved
    assert table["arithmetic"] == [0, 0, 0, 1, 1, 0]  # 005 open, but the rule passed
    assert table["consistent"] == [0, 0, 0, 1, 1, 0]  # 003 open, but the two agree
    labels = {S000: "unnamed outlet «英偉達(dá)、OpenAI與微軟構(gòu)成…» (2026-02, inferred)",
              S001: "虎嗅网 «微软和OpenAI加速离婚» (2025-03, inferred)",
              S002: "未央网 «据华尔街日报报道,OpenAI与微软合作关系岌岌…» (2025-06, inferred)"}
    by_source = {sid: next(r[1:4] for r in rows if r[0] == label) for sid, label in labels.items()}
    # S001: claims inv001, st001, h0, h1 = 4; in all five findings; to review: 001 and 004
    assert by_source[S001] == [4, 5, 2]
    # S000: claims inv000, st000; findings 001, 003; to review 001.  S002: 002 (resolved)
    assert by_source[S000] == [2, 2, 1] and by_source[S002] == [1, 1, 0]


def test_summary_chart_of_open_findings(book):
    _, _, wb = book
    ws = wb["Summary"]
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    ref = chart.series[0].val.numRef.f
    m = re.fullmatch(r"'?Summary'?!\$B\$(\d+):\$B\$(\d+)", ref)
    assert m, ref
    cats = [ws.cell(row=r, column=1).value for r in range(int(m[1]), int(m[2]) + 1)]
    vals = [ws.cell(row=r, column=2).value for r in range(int(m[1]), int(m[2]) + 1)]
    # to review: equity_stake 001 (005 passed, 002 is resolved), contract_value 004; the same two
    # the Summary's headline counts
    assert dict(zip(cats, vals)) == {"Microsoft / equity_stake": 1, "OpenAI / contract_value": 1}


def test_arithmetic_sheet(book, frames):
    _, _, wb = book
    _, _, _, _ids = frames
    rows = rows_of(wb["Arithmetic"])
    assert rows[0][:3] == ["conflict_id", "Rule", "Result"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1]))
    assert (row["Rule"], row["Result"], row["Implied"], row["Implied unit"]) == ("stake_plus_rest", "pass", 0.51, "ratio")
    # a rule checked against a stated figure: the last claim of its list is the stated one (inv001, in USD);
    # each figure sits beside its own unit, never a ratio under a USD heading
    assert (row["Stated"], row["Stated unit"]) == (13_000_000_000, "USD")
    assert row["Inputs"].splitlines() == ["“49%” 49% — 虎嗅网 «微软和OpenAI加速离婚» (2025-03, inferred)"]


def test_sources_sheet(book):
    _, _, wb = book
    rows = rows_of(wb["Sources"])
    by_id = {r[0]: r for r in rows[1:]}
    assert set(by_id) == {p.stem for p in SEEDS.glob("*.txt")}
    assert by_id["003_0abc642c1ef51a12"][4] == dt.datetime(2025, 5, 5)  # a full date becomes a date
    assert by_id[S001][4] == "2025-03" and by_id[S001][3] == "虎嗅网"


def test_empty_conflicts_still_write(frames, tmp_path):
    claims, conflicts, sources, _ = frames
    path = write_report(claims, conflicts.iloc[0:0], sources, tmp_path / "e.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["Conflicts"].max_row == 1 and not wb["Summary"]._charts


# --------------------------------------------------------------------------- decisions round trip


@pytest.fixture()
def job(tmp_path):
    """A real ledger (the three stake claims and the two investment claims)
    cross-checked and reported."""
    from ledger.claims import write_ledger

    ledger = tmp_path / "claims.csv"
    write_ledger(seed_claims(), ledger)
    rep = report_ledger(ledger, tmp_path / "conflicts.xlsx", sources_path=SEEDS / "sources.csv", made_at=MADE)
    assert rep.findings >= 1
    return tmp_path, ledger, rep


def set_decisions(path: Path, values: dict[int, tuple]) -> None:
    """Type into the workbook as a reviewer would: {row: (decision, note, reviewer)}."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Conflicts"]
    for row, (decision, note, who) in values.items():
        for head, value in (("Decision", decision), ("Reviewer note", note), ("Reviewer", who)):
            ws.cell(row=row, column=HEADERS.index(head) + 1).value = value
    wb.save(path)


def test_round_trip(job):
    from ledger.crosscheck.decisions import read_decisions
    from ledger.job import import_decisions

    folder, ledger, rep = job
    first = openpyxl.load_workbook(rep.path)["Conflicts"]["A2"].value
    set_decisions(rep.path, {2: ("confirmed", "49% was before the 2025 restructuring", "ana")})
    now = dt.datetime(2026, 11, 23, 13, 0, tzinfo=dt.UTC)
    res = import_decisions(rep.path, now=now)
    assert (res.added, res.changed, res.unchanged) == ([first], [], 0)
    got = read_decisions(folder / "decisions.csv")
    assert got.to_dict("records") == [{"conflict_id": first, "decision": "confirmed", "reviewer": "ana",
                                       "note": "49% was before the 2025 restructuring",
                                       "decided_at": "2026-11-23T13:00:00Z"}]
    # the next report shows the decision and marks the conflict resolved
    again = report_ledger(ledger, folder / "again.xlsx", sources_path=SEEDS / "sources.csv")
    row = conflict_row(openpyxl.load_workbook(again.path), first)
    assert (row["Decision"].value, row["Status"].value, row["Reviewer"].value) == ("confirmed", "resolved", "ana")
    # importing the same workbook again changes nothing
    before = (folder / "decisions.csv").read_bytes()
    res2 = import_decisions(rep.path, now=now + dt.timedelta(hours=1))
    assert (res2.added, res2.changed, res2.unchanged) == ([], [], 1)
    assert (folder / "decisions.csv").read_bytes() == before


def test_refuses_a_workbook_from_another_ledger(job):
    from ledger.job import import_decisions
    from ledger.report import StaleWorkbook

    folder, ledger, rep = job
    set_decisions(rep.path, {2: ("confirmed", "", "ana")})
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("unreviewed", "confirmed", 1), encoding="utf-8")
    with pytest.raises(StaleWorkbook) as err:
        import_decisions(rep.path)
    assert err.value.code == "stale-workbook" and "nothing was changed" in err.value.hint
    assert not (folder / "decisions.csv").exists()


def test_refuses_when_conflicts_changed(job, monkeypatch):
    from ledger import job as job_mod
    from ledger.job import import_decisions
    from ledger.report import StaleWorkbook

    folder, _ledger, rep = job
    set_decisions(rep.path, {2: ("confirmed", "", "ana")})
    real = job_mod.check
    def fewer(*a, **k):  # a rule changed: the first issue is no longer found
        found = real(*a, **k)
        return found[found["issue_rank"] != 1]

    monkeypatch.setattr(job_mod, "check", fewer)
    with pytest.raises(StaleWorkbook) as err:
        import_decisions(rep.path)
    assert err.value.code == "conflicts-changed"
    assert not (folder / "decisions.csv").exists()


def test_bad_cells_are_reported_with_sheet_row_column(job):
    from ledger.errors import LedgerInvalid
    from ledger.job import import_decisions

    folder, _, rep = job
    set_decisions(rep.path, {2: ("maybe", "", "ana")})
    if rep.findings > 1:
        set_decisions(rep.path, {3: ("confirmed", "=1+1", "")})
    with pytest.raises(LedgerInvalid) as err:
        import_decisions(rep.path)
    dcol = HEADERS.index("Decision") + 1  # column K = 11
    first = err.value.problems[0]
    assert (first.line, first.column, first.value, first.code) == (2, dcol, "maybe", "bad-decision")
    assert dcol == 11 and first.field == "Conflicts!K2 (Decision)"
    if rep.findings > 1:
        codes = {(p.line, p.code) for p in err.value.problems}
        assert {(3, "missing-reviewer"), (3, "formula")} <= codes
    assert not (folder / "decisions.csv").exists()


def test_cli_report_and_import(job):
    from ledger.cli import main

    folder, ledger, _rep = job
    out = folder / "cli.xlsx"
    res = CliRunner().invoke(main, ["report", str(ledger), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1] == f"wrote {out}"
    set_decisions(out, {2: ("wrong extraction", "", "ana")})
    res = CliRunner().invoke(main, ["import-decisions", str(out)])
    assert res.exit_code == 1
    assert "Conflicts!K2 (Decision) = 'wrong extraction': unknown decision" in res.output
    assert "nothing was changed" in res.output
    set_decisions(out, {2: ("wrong_extraction", "", None)})
    res = CliRunner().invoke(main, ["import-decisions", str(out), "--reviewer", "bo", "--json"])
    assert res.exit_code == 0, res.output
    assert '"added": 1' in res.output
    assert (folder / "decisions.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[1:3] == [
        "wrong_extraction", "bo"]


def test_cli_report_to_a_missing_folder(job):
    from ledger.cli import main

    folder, ledger, _ = job
    res = CliRunner().invoke(main, ["report", str(ledger), "-o", str(folder / "no" / "c.xlsx")])
    assert res.exit_code == 2 and "cannot write the workbook" in res.output
    assert not (folder / "no").exists()


def test_cli_unreadable_workbook(tmp_path):
    from ledger.cli import main

    bad = tmp_path / "x.xlsx"
    bad.write_text("not a zip", encoding="utf-8")
    res = CliRunner().invoke(main, ["import-decisions", str(bad)])
    assert res.exit_code == 2 and "cannot open the workbook" in res.output


def test_nan_severity_does_not_break(frames, tmp_path):
    claims, conflicts, sources, _ = frames
    odd = conflicts.copy()
    odd.loc[0, "severity"] = float("nan")
    odd.loc[0, "value_a"] = math.inf
    path = write_report(claims, odd, sources, tmp_path / "n.xlsx")
    wb = openpyxl.load_workbook(path)
    # an unknown severity ranks as 0: after 002 (0.4), 004 (0.3), 005 (0.1), before 003 (0.0, a later row)
    row = conflict_row(wb, 4)
    assert row["Verdict"].value == "contradiction" and row["Score"].value is None


# --------------------------------------------------------------------------- factcheck run


@pytest.mark.slow
def test_run_on_a_copy_of_the_repository(tmp_path):
    """`factcheck run --root` on a copy of seeds/ and claims.csv: the whole job."""
    import shutil

    from ledger.claims import read_ledger
    from ledger.cli import main

    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    reviewed = read_ledger(tmp_path / "claims.csv")
    res = CliRunner().invoke(main, ["run", "--root", str(tmp_path)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[-1] == f"wrote {tmp_path / 'conflicts.xlsx'}"
    wb = openpyxl.load_workbook(tmp_path / "conflicts.xlsx")
    assert wb.sheetnames == list(SHEETS)
    after = read_ledger(tmp_path / "claims.csv")
    # every reviewed row is still there, unchanged
    merged = reviewed.merge(after, on="claim_id", suffixes=("", "_after"))
    assert len(merged) == len(reviewed)
    assert (merged["value"].fillna(-1) == merged["value_after"].fillna(-1)).all()
    assert wb["Claims"].max_row == len(after) + 1
    # a second run adds nothing
    again = CliRunner().invoke(main, ["run", "--root", str(tmp_path), "--json"])
    assert again.exit_code == 0
    import json

    summary = json.loads(again.output.strip().splitlines()[-1])
    assert summary["extract"]["added"] == 0 and summary["report"]["claims"] == len(after)


def test_run_without_seeds_is_unreadable(tmp_path):
    from ledger.cli import main

    res = CliRunner().invoke(main, ["run", "--root", str(tmp_path)])
    assert res.exit_code == 2 and "no seeds/ folder here" in res.output


@pytest.mark.slow
def test_run_text_prints_the_report_notes_and_what_is_to_review(tmp_path, monkeypatch):
    """`run` in text mode shows the report's warnings (here a Conflicts sheet cut
    to 10 rows) on stderr, and the summary line counts what needs review."""
    import shutil

    from ledger.cli import main
    from ledger.job import check_ledger
    from ledger.report import workbook as report

    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    found = check_ledger(tmp_path / "claims.csv")
    from ledger.crosscheck.issues import issue_frame

    issues = len(issue_frame(found))
    monkeypatch.setattr(report, "MAX_SHEET_ROWS", 11)  # a header and 10 rows
    res = CliRunner().invoke(main, ["run", "--root", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert issues > 10 and f"{issues - 10} of {issues} issues left out of the Conflicts sheet" in res.stderr
    # nothing decided, so all are open; not to review: agreements and rules that did not fail
    kind, result = found["kind"], found["result"]
    fine = (kind == "consistent") | ((kind == "arithmetic") & (result != "fail"))
    bad = (kind == "contradiction") | ((kind == "arithmetic") & (result == "fail"))
    assert fine.sum() > 0 and bad.sum() > 0  # the seeds have both, so the counts differ
    summary = [line for line in res.stdout.splitlines() if " findings (" in line]
    assert summary and (f"{len(found)} open ({len(found) - fine.sum()} to review), "
                        f"{bad.sum()} open contradictions or failed rules") in summary[0]

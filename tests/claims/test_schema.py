"""The schema: periods, ranges, the report API, and the rules against the
articles (on small synthetic articles in tmp_path, independent of claims.csv)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ledger.claims import ValidationReport, read_ledger, validate_ledger, write_ledger
from ledger.errors import Problem
from ledger.intervals import parse_period
from ledger.record import claim_id, value_range
from tests.conftest import DATA

LEDGER = DATA / "ledger"
D = dt.date


@pytest.mark.parametrize("text, first, last", [
    ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),       # leap year
    ("2025-10-28", D(2025, 10, 28), D(2025, 10, 28)),
    ("2025-Q3", D(2025, 7, 1), D(2025, 9, 30)),
    ("2024-H2", D(2024, 7, 1), D(2024, 12, 31)),
    ("2023-11/2023-12", D(2023, 11, 1), D(2023, 12, 31)),   # 2023年底
    ("2019-07/2032", D(2019, 7, 1), D(2032, 12, 31)),
])
def test_parse_period(text: str, first: dt.date, last: dt.date):
    assert parse_period(text) == (first, last)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "25-10", "2025-Q5", "2025-H3", "2025/10",
                                  "2025-12/2025-01", "2025年", "2025-10-28 ", "a/b/c", ""])
def test_parse_period_refuses(text: str):
    with pytest.raises(ValueError):
        parse_period(text)


@pytest.mark.parametrize("metric, rng", [
    ("equity_stake", (0.0, 1.0)),                  # a stake is a fraction of the company
    # a growth rate is unbounded: 700% growth is 7.0, and an article may print a fall
    # past -100% (a change of a signed figure, or an error the cross-check should see)
    ("revenue_growth", (float("-inf"), float("inf"))),
    ("net_profit_growth", (float("-inf"), float("inf"))),
    ("market_share", (0.0, 1.0)),                  # a share is a fraction of its market
    ("unspecified_ratio", (float("-inf"), float("inf"))),  # no cue: nothing known of its bounds
    ("valuation", (0.0, float("inf"))),
    ("growth_multiple", (0.0, float("inf"))),
    ("deal_date", None),                           # dates carry no value
    ("no_such_metric", None),
])
def test_value_range(metric: str, rng):
    assert value_range(metric) == rng


def test_report_api():
    report = validate_ledger(DATA / "broken" / "07_duplicate_row.csv")
    assert not report.valid and report.readable and report.rows == 5
    assert report.flatten(["line", "column", "code"]) == [[7, 1, "duplicate-claim-id"], [7, 3, "duplicate-span"]]
    frame = report.to_frame()
    assert list(frame.columns) == ["file", "line", "column", "field", "value", "code", "reason", "hint",
                                   "severity", "message"]
    assert frame["field"].tolist() == ["claim_id", "start"]


def test_a_warning_keeps_the_ledger_valid_and_says_so():
    p = Problem("claims.csv", 3, None, None, None, "blank-line", "blank line (ignored)", "delete it",
                severity="warning")
    assert str(p) == "claims.csv:3: warning: blank line (ignored); delete it"
    assert ValidationReport("claims.csv", [p], rows=1).valid


# --------------------------------------------------------------------------- against the articles


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(LEDGER / "valid.csv", tmp_path / "claims.csv")
    shutil.copytree(LEDGER / "seeds", tmp_path / "seeds")
    return tmp_path


def _edit(path: Path, which: str, **fields) -> None:
    """Change the row whose surface is ``which`` and re-derive its claim_id."""
    df = read_ledger(path)
    (row,) = df.index[df["surface"] == which]
    for k, v in fields.items():
        df.loc[row, k] = v
    r = df.loc[row]
    df.loc[row, "claim_id"] = claim_id(r["source"], int(r["start"]), int(r["end"]), r["surface"])
    write_ledger(df, path)


def test_a_changed_article_is_a_warning_on_its_sources_row(workdir: Path):
    article = workdir / "seeds" / "a1.txt"
    article.write_bytes(article.read_bytes() + "补充一句。\n".encode())  # appended: offsets still right
    report = validate_ledger(workdir / "claims.csv")
    assert report.valid
    assert report.flatten(["file", "line", "column", "field", "code", "severity"]) == [
        [str(workdir / "seeds" / "sources.csv"), 2, 9, "sha256", "sha256-mismatch", "warning"]]


def test_a_missing_article_is_one_error_on_its_sources_row(workdir: Path):
    (workdir / "seeds" / "a1.txt").unlink()
    report = validate_ledger(workdir / "claims.csv")
    assert report.flatten(["line", "column", "code"]) == [[2, 2, "article-missing"]]


def test_quote_elsewhere_in_the_article_is_not_around_the_span(workdir: Path):
    # 'OpenAI' occurs first at offset 6, far from the 27% at 59:62; the stake row quotes it
    _edit(workdir / "claims.csv", "27%", surface="OpenAI", start=6, end=12, quote="OpenAI宣布")
    assert validate_ledger(workdir / "claims.csv").flatten() == []
    _edit(workdir / "claims.csv", "OpenAI", start=67, end=73)  # the OpenAI opening line 3 (47 + 1 + 18 + 1 = 67)
    # rows sort by start: 0 (line 2), 37 (line 3), 67 (this row: lines 4-5, its note holds a newline), 83
    assert validate_ledger(workdir / "claims.csv").flatten() == [[4, 6, "quote-not-around-span"]]


def test_offset_past_the_end_and_where_the_surface_really_is(workdir: Path):
    text = (workdir / "seeds" / "a1.txt").read_text(encoding="utf-8")
    assert len(text) == 88  # lines of 47, 18 and 20 characters, each with its newline: 47 + 18 + 20 + 3
    _edit(workdir / "claims.csv", "10倍", start=90, end=92)
    report = validate_ledger(workdir / "claims.csv")
    assert report.flatten(["line", "column", "code"]) == [[6, 4, "offset-out-of-range"]]
    # '10倍' is at 83:86 in the article: the hint says so
    assert report.problems[0].hint.startswith("the surface occurs at start=83, end=86")


def test_manual_rows_need_the_derived_claim_id_too(workdir: Path):
    df = read_ledger(workdir / "claims.csv")
    assert df.loc[3, "origin"] == "manual"
    df.loc[3, "claim_id"] = "c-123456789abc"
    write_ledger(df, workdir / "claims.csv")
    report = validate_ledger(workdir / "claims.csv")
    assert report.flatten() == [[6, 1, "claim-id-mismatch"]]
    # the hint carries the id to use: claim_id('a1', 83, 86, '10倍')
    assert claim_id("a1", 83, 86, "10倍") in report.problems[0].hint


def test_validate_never_writes(workdir: Path):
    path = workdir / "claims.csv"
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    assert validate_ledger(path).valid
    assert path.read_bytes() == crlf


@pytest.mark.parametrize("column, severity", [
    ("start", "error"), ("value", "error"), ("claim_id", "error"), ("note", "warning"), ("confidence", "warning"),
])
def test_a_missing_column_is_reported_once_on_the_header(workdir: Path, column: str, severity: str):
    path = workdir / "claims.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=[column])
    df.to_csv(path, index=False, lineterminator="\n")
    report = validate_ledger(path)
    assert report.flatten(["line", "column", "code", "severity"]) == [[1, None, "missing-column", severity]]
    assert column in report.problems[0].reason


def test_a_header_only_ledger_is_valid(tmp_path: Path):
    (tmp_path / "claims.csv").write_text((LEDGER / "valid.csv").read_text().splitlines()[0] + "\n")
    shutil.copytree(LEDGER / "seeds", tmp_path / "seeds")
    report = validate_ledger(tmp_path / "claims.csv")
    assert report.valid and report.rows == 0 and report.problems == []


def test_every_code_in_the_broken_fixtures_is_a_known_code():
    from ledger.errors import Code

    expected = pd.read_csv(DATA / "broken" / "expected.csv", dtype=str)
    used = {f.split(":")[2] for cell in expected["findings"] for f in cell.split()}
    assert used <= {c.value for c in Code}

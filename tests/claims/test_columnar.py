"""Columnar ledgers (issue 16): a .parquet file or a folder of Parquet files
is read, typed and validated like claims.csv; problems name the Parquet file
and its row; extract writes them and never overwrites a reviewer."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

pa = pytest.importorskip("pyarrow", reason="Parquet ledgers need pyarrow (pip install 'factcheck-ledger[parquet]')")
pq = pytest.importorskip("pyarrow.parquet")

from click.testing import CliRunner  # noqa: E402

from ledger.claims.columnar import parquet_bytes  # noqa: E402
from ledger.claims.store import canonical, read_ledger, write_ledger  # noqa: E402
from ledger.claims.validate import validate_ledger  # noqa: E402
from ledger.cli import main  # noqa: E402
from ledger.errors import LedgerInvalid  # noqa: E402
from tests.claims_factory import claim, ledger  # noqa: E402
from tests.conftest import ROOT, SEEDS  # noqa: E402

ROWS = ledger(*(claim(f"s{k % 3}", f"{k}亿", "investment", k * 1e8, start=10 * k) for k in range(1, 8)))


def test_a_parquet_file_reads_back_as_the_csv_ledger(tmp_path):
    write_ledger(ROWS, tmp_path / "claims.csv")
    write_ledger(ROWS, tmp_path / "claims.parquet")
    pd.testing.assert_frame_equal(read_ledger(tmp_path / "claims.parquet"), read_ledger(tmp_path / "claims.csv"))


def test_a_folder_is_its_files_in_path_order(tmp_path):
    rows = canonical(ROWS)
    (tmp_path / "claims" / "month=2025-10").mkdir(parents=True)
    (tmp_path / "claims" / "month=2025-10" / "part-0.parquet").write_bytes(parquet_bytes(rows.iloc[:3]))
    (tmp_path / "claims" / "month=2025-11.parquet").write_bytes(parquet_bytes(rows.iloc[3:]))
    (tmp_path / "claims" / "_SUCCESS").write_bytes(b"")  # Spark's marker files are not ledger files
    got = read_ledger(tmp_path / "claims")
    # 'month=2025-10/part-0.parquet' sorts before 'month=2025-11.parquet' ('/' < '1'... by path parts)
    assert got["claim_id"].tolist() == rows["claim_id"].tolist()


def _bad_folder(tmp_path):
    """Rows 1-3 in part-a, rows 4-7 in part-b; part-b's 2nd row has an
    infinite value, its 3rd a status with a trailing space, its 4th no start."""
    rows = canonical(ROWS)
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "part-a.parquet").write_bytes(parquet_bytes(rows.iloc[:3]))
    table = pq.read_table(pa.BufferReader(parquet_bytes(rows.iloc[3:]))).to_pydict()
    table["value"][1] = float("inf")
    table["status"][2] = "confirmed "
    table["start"][3] = None
    pq.write_table(pa.Table.from_pydict(table), folder / "part-b.parquet")
    return folder


def test_problems_name_the_parquet_file_and_its_row(tmp_path):
    folder = _bad_folder(tmp_path)
    report = validate_ledger(folder, sources=None)
    part = str(folder / "part-b.parquet")
    errors = [(p.file, p.line, p.column, p.code) for p in report.errors
              if p.code in ("not-finite", "whitespace", "required")]
    # the columns' places in the file: value is the 13th column, status the 18th, start the 3rd
    assert (part, 2, 13, "not-finite") in errors
    assert (part, 3, 18, "whitespace") in errors
    assert (part, 4, 3, "required") in errors
    assert len(errors) == 3


def test_check_refuses_an_invalid_parquet_ledger_naming_file_and_row(tmp_path):
    folder = _bad_folder(tmp_path)
    with pytest.raises(LedgerInvalid) as err:
        read_ledger(folder)
    assert f"{folder / 'part-b.parquet'}:4:3: start = ''" in str(err.value.problems[-1])
    res = CliRunner().invoke(main, ["check", str(folder)])
    assert res.exit_code == 1
    assert "part-b.parquet:2:13: value = 'inf': not a finite number" in res.output


def _workspace(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


@pytest.mark.parametrize("target", ["claims.parquet", "claims"])
def test_extract_into_parquet_gives_the_csv_ledger(tmp_path, target):
    work = _workspace(tmp_path)
    if target == "claims":
        (work / "claims").mkdir()
    runner = CliRunner()
    for name in ("claims.csv", target):
        res = runner.invoke(main, ["extract", str(work / "seeds"), "--ledger", str(work / name)])
        assert res.exit_code == 0, res.output
    pd.testing.assert_frame_equal(read_ledger(work / target), read_ledger(work / "claims.csv"))


def test_extract_into_a_folder_adds_files_and_keeps_a_reviewers_rows(tmp_path):
    work = _workspace(tmp_path)
    folder = work / "claims"
    folder.mkdir()
    runner = CliRunner()
    one = [str(p) for p in sorted((work / "seeds").glob("*.txt"))[:1]]
    assert runner.invoke(main, ["extract", *one, "--ledger", str(folder)]).exit_code == 0
    first = sorted(folder.glob("*.parquet"))
    assert len(first) == 1
    # a reviewer confirms and corrects the first row of that file
    table = pq.read_table(first[0]).to_pydict()
    table["status"][0] = "corrected"
    table["value"][0] = table["value_low"][0] = table["value_high"][0] = 12345.0
    pq.write_table(pa.Table.from_pydict(table), first[0])
    before = first[0].read_bytes()
    res = runner.invoke(main, ["extract", str(work / "seeds"), "--ledger", str(folder), "--json"])
    assert res.exit_code == 0, res.output
    assert first[0].read_bytes() == before  # the reviewed file is never rewritten
    assert len(sorted(folder.glob("*.parquet"))) == 2  # the new claims in one new file
    merged = read_ledger(folder)
    row = merged[merged["claim_id"] == table["claim_id"][0]].iloc[0]
    assert (row["status"], row["value"]) == ("corrected", 12345.0)
    assert merged["claim_id"].is_unique


def test_the_seeds_ledger_validates_the_same_as_parquet(tmp_path):
    csv = validate_ledger(ROOT / "claims.csv", sources=SEEDS / "sources.csv")
    write_ledger(read_ledger(ROOT / "claims.csv"), tmp_path / "claims.parquet")
    parquet = validate_ledger(tmp_path / "claims.parquet", sources=SEEDS / "sources.csv")
    assert [(p.code, p.field) for p in parquet.problems] == [(p.code, p.field) for p in csv.problems]
    assert parquet.rows == csv.rows

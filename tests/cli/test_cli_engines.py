"""The engine options of the CLI (issue 16): `check --engine`, `--duckdb-memory`,
`--spark-master`, `extract --jobs` and `extract --engine`; each gives the same
output as the default."""
from __future__ import annotations

import importlib.util
import shutil

import pytest
from click.testing import CliRunner

from ledger.claims import write_ledger
from ledger.cli import main
from tests.claims_factory import claim, ledger
from tests.conftest import SEEDS
from tests.crosscheck.test_engines import _missing

A = claim("s1", "27%", "equity_stake", 0.27, kind="percent", period="2025-10")
B = claim("s2", "49%", "equity_stake", 0.49, kind="percent", period="2025-10")
C = claim("s3", "27%", "equity_stake", 0.27, kind="percent", period="2023", object="")


def run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.mark.skipif(importlib.util.find_spec("duckdb") is None, reason=_missing("duckdb") or "")
@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_check_on_duckdb_prints_what_pandas_prints(tmp_path, extra):
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B, C), path)
    want = run("check", path, *extra)
    got = run("check", path, "--engine", "duckdb", "--duckdb-memory", "512MB", *extra)
    assert want.exit_code == got.exit_code == 1  # 27% vs 49%, same period: an open contradiction
    assert got.output == want.output


@pytest.mark.spark
@pytest.mark.skipif(_missing("spark") is not None, reason=_missing("spark") or "")
def test_check_on_spark_prints_what_pandas_prints(tmp_path):
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B, C), path)
    want = run("check", path, "--json")
    got = run("check", path, "--json", "--engine", "spark", "--spark-master", "local[2]")
    assert (got.exit_code, got.output) == (want.exit_code, want.output)


def test_an_unknown_engine_is_a_usage_error(tmp_path):
    res = run("check", tmp_path / "claims.csv", "--engine", "polars")
    assert res.exit_code == 2
    assert "'polars' is not one of 'pandas', 'duckdb', 'spark'" in res.output


def test_a_missing_engine_package_says_what_to_install(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_duckdb(name, *args, **kwargs):
        if name == "duckdb":
            raise ImportError("no duckdb")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_duckdb)
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B), path)
    res = run("check", path, "--engine", "duckdb")
    assert res.exit_code == 2
    assert "pip install 'factcheck-ledger[duckdb]'" in res.output


@pytest.mark.slow
@pytest.mark.parametrize("options", [["--jobs", "2"], ["--jobs", "1"]])
def test_extract_over_processes_gives_the_same_ledger(tmp_path, options):
    for name in ("one", "many"):
        shutil.copytree(SEEDS, tmp_path / name / "seeds")
    base = run("extract", tmp_path / "one" / "seeds", "--ledger", tmp_path / "one" / "claims.csv")
    par = run("extract", tmp_path / "many" / "seeds", "--ledger", tmp_path / "many" / "claims.csv", *options)
    assert base.exit_code == par.exit_code == 0, par.output
    assert (tmp_path / "many" / "claims.csv").read_bytes() == (tmp_path / "one" / "claims.csv").read_bytes()
    # and again: the same merge, nothing added, nothing written
    again = run("extract", tmp_path / "many" / "seeds", "--ledger", tmp_path / "many" / "claims.csv", *options)
    assert "0 added" in again.output and "unchanged" in again.output.splitlines()[-1]


@pytest.mark.spark
@pytest.mark.skipif(_missing("spark") is not None, reason=_missing("spark") or "")
def test_extract_on_spark_gives_the_same_ledger(tmp_path):
    for name in ("one", "spark"):
        shutil.copytree(SEEDS, tmp_path / name / "seeds")
    run("extract", tmp_path / "one" / "seeds", "--ledger", tmp_path / "one" / "claims.csv")
    res = run("extract", tmp_path / "spark" / "seeds", "--ledger", tmp_path / "spark" / "claims.csv",
              "--engine", "spark", "--spark-master", "local[2]")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "spark" / "claims.csv").read_bytes() == (tmp_path / "one" / "claims.csv").read_bytes()


def test_default_jobs():
    from ledger.job import PARALLEL_FROM, default_jobs

    assert default_jobs(PARALLEL_FROM - 1) == 1
    assert default_jobs(PARALLEL_FROM) >= 1

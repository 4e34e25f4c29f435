"""`factcheck check` across currencies: publication dates from the sources
table, a reviewer's rates.csv beside the ledger, and what --json shows."""
from __future__ import annotations

import json

from click.testing import CliRunner

from ledger.claims import write_ledger
from ledger.cli import main
from ledger.sources.table import SOURCE_COLUMNS
from tests.claims_factory import claim, ledger

YI = 1e8
USD_135 = claim("en", "$135 billion", "stake_value", 135e9, kind="money")
CNY_9600 = claim("zh1", "9,600亿元", "stake_value", 9600 * YI, kind="money", unit="CNY")
TWD = claim("tw", "新台幣4.1兆元", "stake_value", 4.1e12, kind="money", unit="TWD")


def workspace(tmp_path, *rows, rates: str | None = None):
    """A ledger, its sources table (every article published 2025-10-29) and, if given, rates.csv."""
    write_ledger(ledger(*rows), tmp_path / "claims.csv")
    lines = [",".join(SOURCE_COLUMNS)]
    for sid in sorted({r["source"] for r in rows}):
        row = {c: "" for c in SOURCE_COLUMNS}
        row.update(id=sid, file=f"{sid}.txt", published="2025-10-29", published_basis="stated",
                   published_evidence="date stamp", script="en", sha256="0" * 64)
        lines.append(",".join(row[c] for c in SOURCE_COLUMNS))
    (tmp_path / "sources.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if rates is not None:
        (tmp_path / "rates.csv").write_text(rates, encoding="utf-8")
    return tmp_path / "claims.csv"


def run(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_json_shows_both_values_the_converted_one_and_the_rate(tmp_path):
    res = run(workspace(tmp_path, USD_135, CNY_9600), "--json")
    assert res.exit_code == 0, res.output
    # one issue object, then its one finding (docs/findings.md)
    [row] = [r for r in map(json.loads, (ln for ln in res.output.splitlines() if ln.startswith("{")))
             if r["kind"] != "issue"]
    # both published 2025-10-29: 7.0994 CNY per USD (ECB: 8.2609 CNY / 1.1636 USD per EUR)
    assert row["kind"] == "consistent" and {row["unit"], row["unit_b"]} == {"USD", "CNY"}
    assert row["rate_date"] == "2025-10-29" and row["rate_source"].startswith("ECB")
    assert {row["value_a"], row["value_b"]} == {135e9, 9600 * YI}
    assert row["value_b_converted"] is not None


def test_a_twd_claim_without_a_rate_is_noted_and_a_rates_file_brings_it_in(tmp_path):
    path = workspace(tmp_path, USD_135, TWD)
    res = run(path)
    assert res.exit_code == 0
    assert "no TWD" in res.output and "rates.csv" in res.output and "0 findings" in res.output
    (tmp_path / "rates.csv").write_text("date,base,quote,rate,source,note\n"
                                        "2025-10-29,USD,TWD,30.5,test figure,\n", encoding="utf-8")
    res = run(path)
    # 4.1兆 TWD / 30.5 = 134.4 bn USD, within 4.1兆's rounding (±1.2%) of $135 bn
    assert res.exit_code == 0 and "1 findings (1 consistent)" in res.output
    assert "rates.csv line 2 (test figure)" in res.output


def test_a_bad_rates_file_stops_the_check_with_file_line_column(tmp_path):
    path = workspace(tmp_path, USD_135, TWD, rates="date,base,quote,rate,source,note\n2025-10-29,USD,TWD,-1,x,\n")
    res = run(path)
    assert res.exit_code == 1
    assert "rates.csv:2:4: rate = '-1': not a positive number" in res.output


def test_the_workspace_reads_a_rates_file_given_elsewhere(tmp_path):
    from ledger.job import Workspace

    path = workspace(tmp_path, USD_135, TWD)
    elsewhere = tmp_path / "reviewed" / "twd.csv"
    elsewhere.parent.mkdir()
    elsewhere.write_text("date,base,quote,rate,source,note\n2025-10-29,USD,TWD,30.5,test figure,\n", encoding="utf-8")
    assert len(Workspace.open(path).check()) == 0  # no rates.csv beside the ledger: TWD has no rate
    found = Workspace.open(path, rates=elsewhere).check()
    assert found["kind"].tolist() == ["consistent"] and "twd.csv line 2" in found["rate_source"].iloc[0]


def test_the_text_output_says_the_rate_on_each_finding_across_currencies(tmp_path):
    # a reviewer's 7.1 CNY per USD: 9,600亿元 = 960 bn CNY is 960 / 7.1 = 135.2 bn USD; $130 bn vs $135 bn
    # is in one currency, so its line names no rate
    usd_130 = claim("en2", "$130 billion", "stake_value", 130e9, kind="money")
    path = workspace(tmp_path, USD_135, CNY_9600, usd_130,
                     rates="date,base,quote,rate,source,note\n2025-10-29,USD,CNY,7.1,test figure,\n")
    res = run(path)
    lines = [ln for ln in res.output.splitlines() if " k-" in ln]
    across = [ln for ln in lines if "9,600亿元" in ln]
    assert len(across) == 2 and len(lines) == 3
    # b (9,600亿元, both times) converted into a's currency at the rate, named with its date and source;
    # $130 bn's [129.5, 130.5] misses 135.2 bn (a contradiction), $135 bn's [134.5, 135.5] holds it
    for ln in across:
        assert ln.endswith("vs “9,600亿元” period unknown («») = 135.2 bn USD at 7.1 CNY/USD on 2025-10-29, "
                           "rates.csv line 2 (test figure)"), ln
    assert [ln.split()[2] for ln in across] == ["contradiction", "consistent"]
    [same] = [ln for ln in lines if "9,600亿元" not in ln]
    assert " at " not in same.split("k-")[1]

"""`factcheck check`: text and --json output, exit statuses."""
from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner

from ledger.claims import write_ledger
from ledger.cli import main
from ledger.crosscheck.decisions import DECISION_COLUMNS, write_decisions
from ledger.job import check_ledger
from tests.claims_factory import claim, ledger

A = claim("s1", "27%", "equity_stake", 0.27, kind="percent", period="2025-10")
B = claim("s2", "49%", "equity_stake", 0.49, kind="percent", period="2025-10")
V = claim("s1", "1350亿美元", "stake_value", 1.35e11, kind="money", period="2025-10")


def run(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_open_contradiction_exits_1_and_prints_grouped_text(tmp_path):
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B, V), path)
    res = run(path)
    assert res.exit_code == 1, res.output
    lines = res.output.splitlines()
    assert lines[0] == "== Microsoft"
    assert "high   1.00 contradiction k-" in lines[1]  # 27% vs 49%, same period: the worst finding first
    # 27% vs 49% (a contradiction) and, within s1 only, 27% with 1350亿 (the implied valuation)
    assert lines[-1].startswith("2 findings (1 arithmetic, 1 contradiction); 1 open")


def test_json_is_one_object_per_finding_equal_to_the_library(tmp_path):
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B, V), path)
    res = run(path, "--json")
    rows = [json.loads(line) for line in res.output.splitlines()]
    lib = check_ledger(path)
    assert [r["conflict_id"] for r in rows] == lib["conflict_id"].tolist()
    contradiction = next(r for r in rows if r["kind"] == "contradiction")
    assert sorted(contradiction["claims"]) == sorted([A["claim_id"], B["claim_id"]])
    assert contradiction["severity"] == 1.0 and "s1" in contradiction["explanation"]
    implied = next(r for r in rows if r["kind"] == "arithmetic" and r["result"] == "implied")
    # 1350亿 / 27% = 5000亿 (the valuation), both from s1
    assert implied["rule"] == "stake_value" and abs(implied["implied_value"] - 5e11) < 1
    assert implied["gap"] is None  # NaN becomes null


def test_resolved_contradiction_exits_0(tmp_path):
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B), path)
    cid = check_ledger(path)["conflict_id"].iloc[0]
    write_decisions(pd.DataFrame([[cid, "confirmed", "Li", "", "2025-05-06"]], columns=list(DECISION_COLUMNS)),
                    tmp_path / "decisions.csv")
    res = run(path)
    assert res.exit_code == 0, res.output
    assert "[resolved: confirmed by Li]" in res.output


def test_orphan_decision_is_a_note_on_stderr(tmp_path):
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, claim("s2", "27%", "equity_stake", 0.27, kind="percent")), path)
    other = tmp_path / "mine.csv"
    write_decisions(pd.DataFrame([["k-0123456789ab", "explained", "Li", "", "2025-05-06"]],
                                 columns=list(DECISION_COLUMNS)), other)
    res = CliRunner().invoke(main, ["check", str(path), "--decisions", str(other)])
    assert res.exit_code == 0
    assert "orphan-decision" not in res.stdout and "k-0123456789ab" in res.stderr
    assert f"{other}:2:1" in res.stderr


def test_unreadable_ledger_exits_2(tmp_path):
    res = run(tmp_path / "missing.csv")
    assert res.exit_code == 2 and "error:" in res.output


def test_seed_ledger_has_open_contradictions(root):
    # Altman's dismissal dates disagree across 000, 001 and 004 (see test_crosscheck_seeds.py).
    res = run(root / "claims.csv", "--json")
    assert res.exit_code == 1
    def strict(constant):  # Infinity / NaN are not JSON
        raise ValueError(constant)

    rows = [json.loads(line, parse_constant=strict) for line in res.stdout.splitlines()]
    assert {"contradiction", "temporal", "modality", "consistent", "arithmetic"} <= {r["kind"] for r in rows}
    # part_of_round's implied interval has no upper bound: written as null, not Infinity
    assert any(r["rule"] == "part_of_round" and r["implied_high"] is None for r in rows)

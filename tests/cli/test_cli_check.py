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
    # issue 1: Microsoft's stake, 27% (s1) vs 49% (s2), same period, both exact and direct: severity 1.0
    assert lines[0].startswith("== #1 contradiction high 1.00 Microsoft / OpenAI: equity_stake i-")
    assert lines[0].endswith("(2 claims, 1 of 1 open)")
    assert lines[1] == "   why: “27%” (27%) and “49%” (49%) cannot both be true; evidence 1.00 (no weakness found on either side)"
    assert "s1 says “27%”" in lines[2] and "s2 says “49%”" in lines[2]  # no sources table: the ids
    assert lines[3].startswith("  high   1.00 contradiction k-") and lines[3].endswith(
        ": “27%” 2025-10 (s1) vs “49%” 2025-10 (s2)")
    # 27% vs 49% (a contradiction) and, within s1 only, 27% with 1350亿 (the implied valuation)
    assert lines[-1].startswith("2 findings (1 arithmetic, 1 contradiction) in 2 issue(s); 1 open")


def test_json_is_one_object_per_issue_then_its_findings_equal_to_the_library(tmp_path):
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B, V), path)
    res = run(path, "--json")
    everything = [json.loads(line) for line in res.output.splitlines()]
    assert [r["kind"] for r in everything] == ["issue", "contradiction", "issue", "arithmetic"]
    issue = everything[0]
    assert (issue["rank"], issue["verdict"], issue["pairs"], issue["open"]) == (1, "contradiction", 1, 1)
    assert issue["members"] == sorted([A["claim_id"], B["claim_id"]]) and issue["issue"].startswith("i-")
    rows = [r for r in everything if r["kind"] != "issue"]
    assert rows[0]["issue"] == issue["issue"] and rows[1]["issue"] == everything[2]["issue"]
    assert (rows[0]["evidence"], rows[0]["loose"], rows[0]["weak_a"], rows[0]["weak_b"]) == (1.0, False, [], [])
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
    cid = check_ledger(path)["conflict_id"].iloc[0]  # a pair id (k-): decisions of issue 5 keep working
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
    assert {"contradiction", "temporal", "modality", "consistent", "arithmetic", "issue"} <= {r["kind"] for r in rows}
    # part_of_round's implied interval has no upper bound: written as null, not Infinity
    assert any(r["rule"] == "part_of_round" and r["implied_high"] is None for r in rows if r["kind"] != "issue")


def test_an_issue_decision_resolves_the_issue_in_the_cli(tmp_path):
    # the i- id of the issue (from --json) decides both its findings' pair: exit 0, shown as resolved
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B), path)
    issue = json.loads(run(path, "--json").output.splitlines()[0])
    write_decisions(pd.DataFrame([[issue["issue"], "explained", "Li", "", "2025-05-06"]],
                                 columns=list(DECISION_COLUMNS)), tmp_path / "decisions.csv")
    res = run(path)
    assert res.exit_code == 0, res.output
    assert "resolved: explained" in res.output.splitlines()[0]
    again = json.loads(run(path, "--json").output.splitlines()[0])
    assert (again["issue"], again["status"], again["decision"]) == (issue["issue"], "resolved", "explained")

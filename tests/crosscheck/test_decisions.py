"""decisions.csv: schema, canonical round trip, and how decisions resolve conflicts."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.claims import write_ledger
from ledger.crosscheck import check, is_open_contradiction
from ledger.crosscheck.decisions import DECISION_COLUMNS, empty_decisions, read_decisions, write_decisions
from ledger.crosscheck.issues import issue_frame
from ledger.crosscheck.text import with_ids
from ledger.errors import InputUnreadable, LedgerInvalid
from ledger.job import check_ledger
from tests.claims_factory import claim, ledger

HEADER = ",".join(DECISION_COLUMNS) + "\n"
A = claim("s1", "27%", "equity_stake", 0.27, kind="percent")
B = claim("s2", "49%", "equity_stake", 0.49, kind="percent")


def decisions(*rows):
    return pd.DataFrame([dict(zip(DECISION_COLUMNS, r)) for r in rows], columns=list(DECISION_COLUMNS))


def test_a_decision_resolves_its_conflict():
    out = check(ledger(A, B))
    cid = with_ids(out)["conflict_id"].iloc[0]
    assert is_open_contradiction(out).all()
    decided = check(ledger(A, B), decisions((cid, "explained", "Li Wei", "stake diluted", "2025-05-06")))
    row = decided.iloc[0]
    assert (row["status"], row["decision"], row["reviewer"], row["decision_note"]) == (
        "resolved", "explained", "Li Wei", "stake diluted")
    assert not is_open_contradiction(decided).any()
    assert decided.attrs["notes"] == []


def test_a_decision_for_a_vanished_conflict_is_reported():
    out = check(ledger(A, B), decisions(("k-000000000000", "confirmed", "Li Wei", "", "2025-05-06")))
    assert out["status"].tolist() == ["open"]
    notes = out.attrs["notes"]
    assert [(n.code, n.value) for n in notes] == [("orphan-decision", "k-000000000000")]


def test_round_trip_is_canonical(tmp_path):
    path = tmp_path / "decisions.csv"
    df = decisions(("k-bbbbbbbbbbbb", "confirmed", "Li", 'said "no", twice', "2025-05-06T10:00:00Z"),
                   ("k-aaaaaaaaaaaa", "wrong_extraction", "Wang", "line1\nline2", "2025-05-06"))
    write_decisions(df, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "\r" not in text
    back = read_decisions(path)
    assert back["conflict_id"].tolist() == ["k-aaaaaaaaaaaa", "k-bbbbbbbbbbbb"]  # sorted by id
    assert back.iloc[0]["note"] == "line1\nline2" and back.iloc[1]["note"] == 'said "no", twice'
    write_decisions(back, path)
    assert path.read_text(encoding="utf-8") == text  # writing what was read changes nothing


#: any text but NUL: a NUL in a table is read as a sign of a wrong encoding (UTF-16 without a BOM)
_TEXT = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


@given(st.lists(st.tuples(st.text("0123456789abcdef", min_size=12, max_size=12), st.sampled_from(
    ["explained", "confirmed", "wrong_extraction"]), _TEXT.filter(lambda s: s.strip()),
    _TEXT), max_size=5, unique_by=lambda t: t[0]))
def test_round_trip_any_text(tmp_path_factory, rows):
    rows = [(f"k-{h}", d, r.replace("\r", " "), n.replace("\r", " "), "2025-05-06") for h, d, r, n in rows]
    path = tmp_path_factory.mktemp("d") / "decisions.csv"
    df = decisions(*rows) if rows else empty_decisions()
    write_decisions(df, path)
    back = read_decisions(path)
    expect = df.sort_values("conflict_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(back.reset_index(drop=True), expect, check_dtype=False)


def test_every_bad_cell_is_reported_with_line_and_column(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER
                    + "k-aaaaaaaaaaaa,explained,Li,,2025-05-06\n"
                    + "k-123,accepted,,,yesterday\n"
                    + "k-aaaaaaaaaaaa,confirmed,Li,,2025-05-07\n"
                    + "k-bbbbbbbbbbbb,confirmed\n", encoding="utf-8")
    with pytest.raises(LedgerInvalid) as err:
        read_decisions(path)
    got = [(p.line, p.column, p.code) for p in err.value.problems]
    assert got == [
        (3, 1, "bad-id"), (3, 2, "bad-decision"), (3, 3, "missing-reviewer"), (3, 5, "bad-date"),
        (4, 1, "duplicate"),
        (5, 2, "field-count"),  # the last field present, as in claims.csv
    ]
    assert str(err.value.problems[0]).startswith(f"{path}:3:1: conflict_id = 'k-123': not a conflict id")


def test_a_header_naming_no_column_is_unreadable(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text("id,verdict\nk-aaaaaaaaaaaa,explained\n", encoding="utf-8")
    with pytest.raises(InputUnreadable) as err:
        read_decisions(path)
    assert err.value.exit_code == 2 and err.value.line == 1 and err.value.code == "not-decisions"


def test_a_wrong_header_lists_every_unknown_and_missing_column(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text("id,decision\nk-aaaaaaaaaaaa,explained\n", encoding="utf-8")
    with pytest.raises(LedgerInvalid) as err:
        read_decisions(path)
    assert [(p.line, p.column, p.code) for p in err.value.problems] == [
        (1, None, "missing-column"), (1, None, "missing-column"), (1, None, "missing-column"),
        (1, None, "missing-column"), (1, 1, "unknown-column")]  # sorted by line, then column (None first)


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(InputUnreadable):
        read_decisions(tmp_path / "nope.csv")


def test_check_ledger_reads_decisions_beside_the_ledger(tmp_path):
    path = tmp_path / "claims.csv"
    write_ledger(ledger(A, B), path)
    first = check_ledger(path)
    assert first["status"].tolist() == ["open"]
    cid = first["conflict_id"].iloc[0]
    write_decisions(decisions((cid, "confirmed", "Li", "49% is outdated", "2025-05-06")),
                    path.with_name("decisions.csv"))
    again = check_ledger(path)  # a re-run: the same id, now resolved
    assert again["conflict_id"].tolist() == [cid] and again["status"].tolist() == ["resolved"]


# --------------------------------------------------------------------------- issues (issue 15)
# 27% (s1), 49% (s2) and 27% again (s3), all Microsoft's stake in OpenAI with no period: one figure,
# so one issue; its pairs: s1-s2 and s2-s3 contradict (27% vs 49%), s1-s3 agree.
C = claim("s3", "27%", "equity_stake", 0.27, kind="percent")


def test_an_issue_decision_resolves_every_pair_of_the_issue():
    out = check(ledger(A, B, C))
    issues = issue_frame(out)
    assert len(issues) == 1 and issues["pairs"].iloc[0] == 3
    iid = issues["issue"].iloc[0]
    decided = check(ledger(A, B, C), decisions((iid, "confirmed", "Li Wei", "49% is wrong", "2025-05-06")))
    assert decided["status"].tolist() == ["resolved"] * 3
    assert set(decided["decision"]) == {"confirmed"} and not is_open_contradiction(decided).any()
    assert decided.attrs["notes"] == []
    assert issue_frame(decided)["status"].tolist() == ["resolved"]


def test_a_pair_decision_inside_a_decided_issue_wins():
    pair_ids = with_ids(check(ledger(A, B, C)))
    iid = issue_frame(pair_ids)["issue"].iloc[0]
    one = pair_ids[pair_ids["kind"] == "contradiction"]["conflict_id"].iloc[0]
    decided = with_ids(check(ledger(A, B, C), decisions((iid, "confirmed", "Li", "", "2025-05-06"),
                                                         (one, "explained", "Wang", "", "2025-05-07"))))
    by_id = dict(zip(decided["conflict_id"], decided["decision"]))
    assert by_id[one] == "explained"
    assert sorted(by_id.values()) == ["confirmed", "confirmed", "explained"]


def test_a_new_version_of_the_figure_reopens_a_decided_issue():
    # the issue's id is made from its members: a fourth claim (33%, s4) joining the figure gives a new id,
    # so the old decision is an orphan (a note) and every pair is open again
    iid = issue_frame(check(ledger(A, B, C)))["issue"].iloc[0]
    D = claim("s4", "33%", "equity_stake", 0.33, kind="percent")
    out = check(ledger(A, B, C, D), decisions((iid, "confirmed", "Li", "", "2025-05-06")))
    assert set(out["status"]) == {"open"}
    assert [(n.code, n.value) for n in out.attrs["notes"]] == [("orphan-decision", iid)]


def test_issue_and_pair_ids_are_stable_across_runs_and_row_order():
    # decisions.csv holds these ids: the same ledger, in any row order, gives the same ones
    one = with_ids(check(ledger(A, B, C)))
    two = with_ids(check(ledger(C, B, A)))
    assert sorted(one["conflict_id"]) == sorted(two["conflict_id"])
    assert issue_frame(one)["issue"].tolist() == issue_frame(two)["issue"].tolist()
    # and the pair ids are the ones of issue 5: 'k-' + sha1("kind\x1f\x1f" + sorted claim ids)
    import hashlib
    a, b = sorted([A["claim_id"], B["claim_id"]])
    expected = "k-" + hashlib.sha1(f"contradiction\x1f\x1f{a};{b}".encode()).hexdigest()[:12]
    assert expected in set(one["conflict_id"])


def test_decisions_file_accepts_issue_ids(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + "i-0123456789ab,explained,Li,,2025-05-06\n", encoding="utf-8")
    assert read_decisions(path)["conflict_id"].tolist() == ["i-0123456789ab"]

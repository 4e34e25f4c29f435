"""decisions.csv: schema, canonical round trip, and how decisions resolve conflicts."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.claims import write_ledger
from ledger.crosscheck import check, is_open_contradiction
from ledger.crosscheck.decisions import DECISION_COLUMNS, empty_decisions, read_decisions, write_decisions
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
    cid = out["conflict_id"].iloc[0]
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

"""merge_extracted: new proposals are added, a reviewer's rows are never
changed, vanished or shifted text is reported (rows kept), re-merging is a no-op."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from ledger.claims import conform, empty_ledger, merge_extracted, to_csv_text
from ledger.record import COLUMNS, claim_id

ARTICLE = "软银向OpenAI投资400亿美元,估值3000亿美元。微软持股约27%。收入增长了10倍。\n"
SURFACES = ("400亿美元", "3000亿美元", "27%", "10倍")


def proposal(surface: str, source: str = "s1", text: str = ARTICLE, **fields) -> dict:
    start = text.index(surface)
    end = start + len(surface)
    row = {c: "" for c in COLUMNS}
    row.update(claim_id=claim_id(source, start, end, surface), source=source, start=start, end=end,
               surface=surface, quote=surface, kind="money", subject="SoftBank", metric="investment",
               modality="actual", value=1.0, value_low=1.0, value_high=1.0, unit="USD", qualifier="exact",
               status="unreviewed", origin="extracted", confidence=0.9, confidence_detail="")
    row.update(fields)
    return row


def frame(rows: list[dict]) -> pd.DataFrame:
    return conform(pd.DataFrame(rows, columns=list(COLUMNS))) if rows else empty_ledger()


def row_text(df: pd.DataFrame, cid: str) -> str:
    return to_csv_text(df[df["claim_id"] == cid])


TEXTS = {"s1": ARTICLE}


def test_new_claims_are_added_unreviewed_and_extracted():
    ext = frame([proposal(s) for s in SURFACES[:3]] + [proposal("10倍", status="confirmed", origin="manual")])
    res = merge_extracted(empty_ledger(), ext, TEXTS)
    assert res.counts() == {"added": 4, "unchanged": 0, "kept_reviewed": 0, "orphaned": 0}
    assert set(res.frame["status"]) == {"unreviewed"} and set(res.frame["origin"]) == {"extracted"}
    assert res.frame["start"].tolist() == sorted(res.frame["start"])  # canonical order


def test_merging_the_same_extraction_twice_changes_nothing():
    ext = frame([proposal(s) for s in SURFACES])
    once = merge_extracted(empty_ledger(), ext, TEXTS)
    twice = merge_extracted(once.frame, ext, TEXTS)
    assert twice.counts() == {"added": 0, "unchanged": 4, "kept_reviewed": 0, "orphaned": 0}
    assert_frame_equal(twice.frame, once.frame)


def test_a_reviewers_rows_are_never_changed():
    ext = frame([proposal(s) for s in SURFACES])
    ledger = merge_extracted(empty_ledger(), ext, TEXTS).frame
    ids = dict(zip(ledger["surface"], ledger["claim_id"]))
    ledger.loc[ledger["surface"] == "400亿美元", "status"] = "confirmed"        # reviewed
    ledger.loc[ledger["surface"] == "3000亿美元", "metric"] = "valuation"      # a field corrected, still unreviewed
    ledger.loc[ledger["surface"] == "27%", "origin"] = "manual"                # typed by hand
    before = {cid: row_text(ledger, cid) for cid in ids.values()}
    newer = frame([proposal(s, value=2.0 if s == "10倍" else 1.0) for s in SURFACES])  # extractor changed its mind on 10倍
    res = merge_extracted(ledger, newer, TEXTS)
    assert res.counts() == {"added": 0, "unchanged": 0, "kept_reviewed": 4, "orphaned": 0}
    assert {cid: row_text(res.frame, cid) for cid in ids.values()} == before
    assert res.frame.loc[res.frame["surface"] == "10倍", "value"].item() == 1.0  # not overwritten by 2.0


def test_vanished_or_shifted_text_orphans_rows_but_keeps_them():
    ledger = merge_extracted(empty_ledger(), frame([proposal(s) for s in SURFACES]), TEXTS).frame
    ledger.attrs.update(file="claims.csv", lines=[2, 3, 4, 5])
    shifted = "编者按。" + ARTICLE  # four characters inserted at the front: every offset moves by 4
    res = merge_extracted(ledger, empty_ledger(), {"s1": shifted})
    assert res.orphaned == 4 and len(res.frame) == 4
    assert [(p.line, p.code) for p in res.problems] == [(2, "orphaned"), (3, "orphaned"), (4, "orphaned"), (5, "orphaned")]
    gone = merge_extracted(ledger, empty_ledger(), {"s1": None})
    assert gone.orphaned == 4 and len(gone.frame) == 4
    other = merge_extracted(ledger, empty_ledger(), {"s2": "unrelated"})  # s1 not in scope: not checked
    assert other.orphaned == 0 and len(other.frame) == 4


def test_a_span_already_held_is_not_proposed_again():
    # a reviewer's row holds 400亿美元's span under a stale id; the proposal for that span is not added
    held = proposal("400亿美元", claim_id="c-000000000000", status="confirmed")
    res = merge_extracted(frame([held]), frame([proposal("400亿美元")]), TEXTS)
    assert res.counts() == {"added": 0, "unchanged": 0, "kept_reviewed": 1, "orphaned": 0}
    assert res.frame["claim_id"].tolist() == ["c-000000000000"]


def test_a_claim_proposed_twice_in_one_extraction_is_added_once():
    res = merge_extracted(empty_ledger(), frame([proposal("27%"), proposal("27%")]), TEXTS)
    assert res.added == 1 and len(res.frame) == 1


# --------------------------------------------------------------------------- hypothesis

_variant = st.fixed_dictionaries({
    "subject": st.sampled_from(["SoftBank", "OpenAI", "Microsoft"]),
    "value": st.sampled_from([1.0, 2.5, 4e10]),
    "modality": st.sampled_from(["actual", "proposed"]),
})
_extraction = st.lists(st.tuples(st.sampled_from(SURFACES), _variant), max_size=6)
_edit = st.tuples(
    st.integers(0, 3),
    st.sampled_from([("status", "confirmed"), ("status", "rejected"), ("subject", "软银"), ("note", "查过, \"ok\""),
                     ("value", 3.0), ("origin", "manual"), ("period", "2025-03")]),
)


def _extract(pairs) -> pd.DataFrame:
    return frame([proposal(s, **v) for s, v in pairs])


@pytest.mark.slow
@given(_extraction, st.lists(_edit, max_size=5), st.lists(_extraction, min_size=1, max_size=4))
def test_reviewer_edits_survive_any_sequence_of_re_merges(first, edits, later):
    ledger = merge_extracted(empty_ledger(), _extract(first), TEXTS).frame
    for pos, (col, value) in edits:
        if pos < len(ledger):
            ledger.loc[pos, col] = value
    edited = {ledger.loc[pos, "claim_id"] for pos, _ in edits if pos < len(ledger)}
    kept = {cid: row_text(ledger, cid) for cid in edited}
    for pairs in later:
        before = len(ledger)
        res = merge_extracted(ledger, _extract(pairs), TEXTS)
        ledger = res.frame
        assert {cid: row_text(ledger, cid) for cid in edited} == kept
        assert len(ledger) == before + res.added  # nothing is ever deleted
        again = merge_extracted(ledger, _extract(pairs), TEXTS)
        assert again.added == 0 and to_csv_text(again.frame) == to_csv_text(ledger)  # idempotent


def test_nan_and_empty_compare_equal_in_merge():
    p = proposal("27%", kind="percent", unit="ratio", metric="equity_stake", value=0.27, value_low=0.27,
                 value_high=math.nan, confidence=math.nan)
    ledger = merge_extracted(empty_ledger(), frame([p]), TEXTS).frame
    assert merge_extracted(ledger, frame([p]), TEXTS).unchanged == 1

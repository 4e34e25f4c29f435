"""Pair verdicts of the cross-check on small hand-made ledgers.

Every expected verdict is argued in a comment from the figures and the rule
of docs/crosscheck.md ("How claims are compared"): overlap -> consistent; disjoint and one
side not a fact -> modality; disjoint, both facts, periods known and
disjoint -> temporal; otherwise contradiction.  Figures carry the rounding of
their last written digit (27% -> [26.5%, 27.5%]).
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import crosscheck
from ledger.crosscheck import is_open_contradiction, pair_indices
from ledger.crosscheck.rows import FINDING_COLUMNS, RENDERED
from tests.claims_factory import claim, ledger


def check(claims, *args, **kwargs):
    """The check with every row rendered (ids, claims lists, sentences), as the tests read them."""
    return crosscheck.check(claims, *args, **{"explain": True, **kwargs})

NAN = math.nan


def pct(source, surface, value, **kw):
    return claim(source, surface, "equity_stake", value, kind="percent", **kw)


def usd(source, surface, value, metric="investment", **kw):
    return claim(source, surface, metric, value, kind="money", **kw)


def date(source, surface, period, metric="dismissal_date", **kw):
    return claim(source, surface, metric, None, kind="date", unit="date", period=period,
                 subject="OpenAI", object="Sam Altman", qualifier="exact", **kw)


def kinds(out: pd.DataFrame) -> list[str]:
    return sorted(out["kind"])


# --------------------------------------------------------------------------- verdicts, table-driven

CASES = [
    # 27% -> [0.265, 0.275], 49% -> [0.485, 0.495]: disjoint; both actual, both 2025: a contradiction.
    ("same period, disjoint", pct("s1", "27%", 0.27, period="2025"), pct("s2", "49%", 0.49, period="2025"),
     "contradiction"),
    # Same figures, 2025-10 vs 2023: both periods known and disjoint, so both can be true.
    ("different periods", pct("s1", "27%", 0.27, period="2025-10"), pct("s2", "49%", 0.49, period="2023"),
     "temporal"),
    # One period unknown: "same or unknown period" -> still a contradiction (a stake holds at an instant).
    ("one period unknown", pct("s1", "27%", 0.27, period="2025-10"), pct("s2", "49%", 0.49), "contradiction"),
    # Revenue accumulates over its period: 5.0bn with no period stated may be a quarter's against the
    # year's 20.0bn, so the difference is no contradiction.
    ("a flow with an unknown period", usd("s1", "$20.0 billion", 2.0e10, metric="revenue", object="",
                                          period="2025"),
     usd("s2", "$5.0 billion", 5.0e9, metric="revenue", object=""), "temporal"),
    # ... but no shorter span explains 1.91696 trillion won against 19.17 trillion the same year (10x, over
    # rules.toml span_ratio = 5): a slipped digit stays a contradiction.
    ("a flow too far apart for another span", claim("s1", "19.17兆韓元", "operating_profit", 1.917e13, object="",
                                                     unit="KRW", period="2025"),
     claim("s2", "1.91696 trillion won", "operating_profit", 1.91696e12, object="", unit="KRW"), "contradiction"),
    # 2025 contains 2025-10: overlapping periods are the same period.
    ("overlapping periods", pct("s1", "27%", 0.27, period="2025-10"), pct("s2", "49%", 0.49, period="2025"),
     "contradiction"),
    # 33% proposed vs 27% actual: disjoint ([0.325,0.335] vs [0.265,0.275]) but a proposal is not a fact.
    ("proposal vs fact", pct("s1", "27%", 0.27), pct("s2", "33%", 0.33, modality="proposed"), "modality"),
    # 约27% [0.243, 0.297] (the ledger's ±10%) touches 约33% proposed [0.297, 0.363]: a proposal still
    # neither confirms nor contradicts a fact.
    ("proposal touching fact", pct("s1", "约27%", 0.27, low=0.243, high=0.297, qualifier="about"),
     pct("s2", "约33%", 0.33, low=0.297, high=0.363, qualifier="about", modality="proposed"), "modality"),
    # The same proposal reported twice with the same figure: a confirmation (of the proposal).
    ("same proposal", pct("s1", "33%", 0.33, modality="proposed"), pct("s2", "33%", 0.33, modality="proposed"),
     "consistent"),
    # Two different intentions (a target and a forecast) that differ: not a conflict of facts.
    ("target vs forecast", usd("s1", "10亿美元", 1e9, "revenue_target", modality="target", period="2024"),
     usd("s2", "20亿美元", 2e9, "revenue_target", modality="forecast", period="2024"), "modality"),
    # 130亿美元 twice: identical intervals overlap -> a cross-source confirmation.
    ("same figure", usd("s1", "130亿美元", 1.3e10), usd("s2", "130亿美元", 1.3e10), "consistent"),
    # 27% -> [0.265, 0.275]; 27.4% -> [0.2735, 0.2745]: overlap, consistent by rounding alone.
    ("within rounding", pct("s1", "27%", 0.27), pct("s2", "27.4%", 0.274), "consistent"),
    # 27.6% -> [0.2755, 0.2765] starts above 0.275: disjoint by 0.0005, a (small) contradiction.
    ("just outside rounding", pct("s1", "27%", 0.27), pct("s2", "27.6%", 0.276), "contradiction"),
    # 约27% hedged by the ledger to [0.25, 0.29] contains 28% -> [0.275, 0.285].
    ("hedge widens", pct("s1", "约27%", 0.27, low=0.25, high=0.29, qualifier="about"), pct("s2", "28%", 0.28),
     "consistent"),
    # 超过350亿 = [3.5e10, open): 400亿 -> [399.5亿, 400.5亿] is inside.
    ("open bound holds", usd("s1", "超过350亿美元", 3.5e10, "valuation_target", low=3.5e10, high=NAN,
                            qualifier="over"), usd("s2", "400亿美元", 4e10, "valuation_target"), "consistent"),
    # 300亿 -> [299.5亿, 300.5亿] is below the open interval's floor 350亿.
    ("open bound broken", usd("s1", "超过350亿美元", 3.5e10, "valuation_target", low=3.5e10, high=NAN,
                             qualifier="over"), usd("s2", "300亿美元", 3e10, "valuation_target"), "contradiction"),
    # "数十亿美元" = [1e10, 1e11) in the ledger: 130亿 is inside, a wide hedge agrees.
    ("vague amount", usd("s1", "数十亿美元", NAN, low=1e10, high=1e11, qualifier="several"),
     usd("s2", "130亿美元", 1.3e10), "consistent"),
    # Dates: 2023-10 = [Oct 1, Oct 31]; 2023-11/2023-12 = [Nov 1, Dec 31]: disjoint by a day.
    ("date months apart", date("s1", "2023年10月", "2023-10"), date("s2", "2023年底", "2023-11/2023-12"),
     "contradiction"),
    # 去年底 resolved by the ledger to 2023-11/2023-12 agrees with 2023年底.
    ("date same interval", date("s1", "去年底", "2023-11/2023-12"), date("s2", "2023年底", "2023-11/2023-12"),
     "consistent"),
    # The year 2023 contains October 2023.
    ("date year contains month", date("s1", "2023年", "2023"), date("s2", "2023年10月", "2023-10"), "consistent"),
    # A forecast date vs an actual date that differ: modality, not contradiction.
    ("date forecast", date("s1", "2029年", "2029", metric="profitability_target_date", modality="forecast"),
     date("s2", "2030年", "2030", metric="profitability_target_date"), "modality"),
    # Two research firms' estimates of one quarter's shipments (60.6m vs 61.4m units): measurements, not
    # facts, so they differ without contradicting each other (rules.toml: estimate is not factual).
    ("two estimates differ", claim("s1", "6060万部", "shipments", 60_600_000, kind="count", subject="Samsung",
                                   object="", period="2025-Q3", modality="estimate"),
     claim("s2", "6140万台", "shipments", 61_400_000, kind="count", subject="Samsung", object="",
           period="2025-Q3", modality="estimate"), "modality"),
    # A research firm's estimate of a quarter's market share (70.2%) and a company's stated 70.2%: the
    # measurement agrees with the fact, a confirmation (rules.toml [compare] measured = ["estimate"]).
    ("an estimate agrees with a fact", claim("s1", "70.2%", "market_share", 0.702, kind="percent", subject="TSMC", object="",
                                           period="2025-Q2", modality="estimate"),
     claim("s2", "70.2 percent", "market_share", 0.702, kind="percent", subject="TSMC", object="", period="2025-Q2"),
     "consistent"),
    # ... one off it (67.6% [0.6755, 0.6765] against 70.2%) is a modality finding, never a contradiction.
    ("an estimate off a fact", claim("s1", "67.6%", "market_share", 0.676, kind="percent", subject="TSMC", object="",
                                   period="2025-Q2", modality="estimate"),
     claim("s2", "70.2 percent", "market_share", 0.702, kind="percent", subject="TSMC", object="", period="2025-Q2"),
     "modality"),
    # A forecast that agrees with a fact still neither confirms nor contradicts it.
    ("a forecast agreeing with a fact", claim("s1", "70.2%", "market_share", 0.702, kind="percent", subject="TSMC", object="",
                                            period="2025-Q2", modality="forecast"),
     claim("s2", "70.2 percent", "market_share", 0.702, kind="percent", subject="TSMC", object="", period="2025-Q2"),
     "modality"),
]


@pytest.mark.parametrize("name,a,b,expected", CASES, ids=[c[0] for c in CASES])
def test_pair_verdict(name, a, b, expected):
    out = check(ledger(a, b))
    assert kinds(out) == [expected]
    row = out.iloc[0]
    assert set(row["claims"].split(";")) == {a["claim_id"], b["claim_id"]}
    # the explanation names both sources and both figures as written
    for side in (a, b):
        assert side["source"] in row["explanation"] and side["surface"] in row["explanation"]


def test_output_has_the_contract_columns_in_order():
    out = check(ledger(pct("s1", "27%", 0.27), pct("s2", "49%", 0.49)))
    assert tuple(out.columns) == FINDING_COLUMNS
    assert re.fullmatch(r"k-[0-9a-f]{12}", out["conflict_id"].iloc[0])
    assert out["status"].iloc[0] == "open" and out["result"].iloc[0] == ""


def test_empty_ledger_gives_empty_frame_with_columns():
    out = check(ledger())
    assert tuple(out.columns) == FINDING_COLUMNS and len(out) == 0


# --------------------------------------------------------------------------- what is not compared


def test_different_keys_are_never_paired():
    # Microsoft's 6.5亿美元 for Inflection and Google's 6.5亿美元 for DeepMind: same figure, different
    # subject and object -> different keys -> no finding at all (not even "consistent").
    a = usd("s1", "6.5亿美元", 6.5e8, "acquisition_price", object="Inflection")
    b = usd("s2", "6.5亿美元", 6.5e8, "acquisition_price", subject="Google", object="DeepMind")
    assert len(check(ledger(a, b))) == 0


def test_different_metrics_are_never_paired():
    # 20% revenue share vs 75% profit share: different metrics, different keys.
    a = claim("s1", "20%", "revenue_share", 0.2, kind="percent")
    b = claim("s2", "75%", "profit_share", 0.75, kind="percent")
    assert len(check(ledger(a, b))) == 0


def test_rejected_rows_are_ignored_and_disputed_rows_count():
    a, b = pct("s1", "27%", 0.27), pct("s2", "49%", 0.49, status="rejected")
    assert len(check(ledger(a, b))) == 0
    b["status"] = "disputed"
    assert kinds(check(ledger(a, b))) == ["contradiction"]


def test_different_currencies_without_a_date_are_not_compared_and_say_so():
    # no period and no publication date: no date for a rate (with dates: test_currencies.py)
    a = usd("s1", "130亿美元", 1.3e10)
    b = usd("s2", "900亿元", 9e10, unit="CNY")
    out = check(ledger(a, b))
    assert len(out) == 0
    codes = [n.code for n in out.attrs["notes"]]
    assert codes == ["no-rate"]


def test_units_of_different_dimensions_are_not_compared_and_say_so():
    # a share and a change in percentage points of it: one dimension for pint, not one thing
    a = pct("s1", "27%", 0.27)
    b = claim("s2", "2个百分点", "equity_stake", 0.02, kind="percentage_point", unit="percentage_point")
    out = check(ledger(a, b))
    assert len(out) == 0
    [note] = out.attrs["notes"]
    assert note.code == "not-comparable" and "percentage points is not a share" in note.reason


def test_same_source_restatement_agreeing_is_not_reported_but_disagreeing_is():
    a = usd("s1", "130亿美元", 1.3e10, start=10)
    b = usd("s1", "130亿美元", 1.3e10, start=99)
    assert len(check(ledger(a, b))) == 0
    c = usd("s1", "150亿美元", 1.5e10, start=200)
    assert kinds(check(ledger(a, c))) == ["contradiction"]


def test_claims_that_state_nothing_are_not_compared():
    # A date claim whose period is empty and a money claim with no value or bound cannot agree or
    # disagree with anything; without the guard NaN intervals would read as "disjoint".
    rows = [date("s1", "去年底", ""), date("s2", "2023年底", "2023-11/2023-12"),
            usd("s1", "巨额", None, low=NAN, high=NAN, qualifier="several"), usd("s2", "130亿美元", 1.3e10)]
    out = check(ledger(*rows))
    assert len(out) == 0
    assert [(n.code, n.value.count(",") + 1) for n in out.attrs["notes"]] == [("nothing-to-compare", 2)]


def test_unparseable_period_is_compared_as_unknown_with_a_note():
    a, b = pct("s1", "27%", 0.27, period="late 2025"), pct("s2", "49%", 0.49, period="2023")
    out = check(ledger(a, b))
    assert kinds(out) == ["contradiction"]  # unknown period -> not temporal
    assert [n.code for n in out.attrs["notes"]] == ["bad-period"]


# --------------------------------------------------------------------------- severity


def test_severity_of_a_clear_contradiction_is_high():
    # 27% vs 49%: gap = (0.49 - 0.27) / 0.49 = 0.449; magnitude = min(1, 0.3 + 0.449/0.5) = 1;
    # weight 1.0, confidences empty -> 1.0: severity 1.0, "high".
    out = check(ledger(pct("s1", "27%", 0.27), pct("s2", "49%", 0.49)))
    assert out["gap"].iloc[0] == pytest.approx(0.22 / 0.49)
    assert out["severity"].iloc[0] == 1.0 and out["severity_label"].iloc[0] == "high"


def test_framing_confidence_lowers_severity():
    # Same pair, confidences 0.8 and 0.5: 1.0 * 1 * 0.8 * 0.5 = 0.4 -> "medium".
    out = check(ledger(pct("s1", "27%", 0.27, confidence=0.8), pct("s2", "49%", 0.49, confidence=0.5)))
    assert out["severity"].iloc[0] == pytest.approx(0.4) and out["severity_label"].iloc[0] == "medium"


def test_small_contradiction_is_medium():
    # 27% vs 27.6%: gap = 0.006/0.276 = 0.0217; magnitude = 0.3 + 0.0435 = 0.3435 -> "medium".
    out = check(ledger(pct("s1", "27%", 0.27), pct("s2", "27.6%", 0.276)))
    assert out["severity"].iloc[0] == pytest.approx(0.3 + (0.006 / 0.276) / 0.5, abs=1e-3)
    assert out["severity_label"].iloc[0] == "medium"


def test_temporal_modality_consistent_weigh_less():
    # temporal: 0.25 * 1 = 0.25 "low"; modality: 0.2 * min(1, 0.3 + (0.06/0.33)/0.5) = 0.2 * 0.6636 = 0.133;
    # consistent: weight 0 -> "info".
    t = check(ledger(pct("s1", "27%", 0.27, period="2025"), pct("s2", "49%", 0.49, period="2023")))
    m = check(ledger(pct("s1", "27%", 0.27), pct("s2", "33%", 0.33, modality="proposed")))
    c = check(ledger(usd("s1", "130亿美元", 1.3e10), usd("s2", "130亿美元", 1.3e10)))
    assert (t["severity"].iloc[0], t["severity_label"].iloc[0]) == (0.25, "low")
    assert m["severity"].iloc[0] == pytest.approx(0.2 * (0.3 + (0.06 / 0.33) / 0.5), abs=1e-3)
    assert (c["severity"].iloc[0], c["severity_label"].iloc[0]) == (0.0, "info")


def test_date_severity_grows_with_distance():
    # 2023-10 vs 2023-11/12 are 1 day apart: 0.5 + 1/365 = 0.503 -> "medium";
    # 2023-11/12 vs 2024-11/12 are 306 days apart (Dec 31 2023 -> Nov 1 2024): 0.5 + 306/365 > 1 -> 1.0,
    # times the evidence of 去年底, a relative date (x 0.9, rules.toml [evidence] relative_date; no sources
    # table says its publication date was inferred) -> 0.9 "high".
    near = check(ledger(date("s1", "2023年10月", "2023-10"), date("s2", "2023年底", "2023-11/2023-12")))
    far = check(ledger(date("s1", "去年底", "2024-11/2024-12"), date("s2", "2023年底", "2023-11/2023-12")))
    assert near["severity"].iloc[0] == pytest.approx(0.5 + 1 / 365, abs=1e-3)
    assert near["severity_label"].iloc[0] == "medium"
    assert far["severity"].iloc[0] == 0.9 and math.isnan(far["gap"].iloc[0])
    assert far["severity_label"].iloc[0] == "high"


# --------------------------------------------------------------------------- gating and ordering


def test_open_contradictions_gate_publication():
    out = check(ledger(pct("s1", "27%", 0.27), pct("s2", "49%", 0.49),
                       usd("s1", "130亿美元", 1.3e10), usd("s2", "130亿美元", 1.3e10)))
    assert is_open_contradiction(out).tolist() == [k == "contradiction" for k in out["kind"]]


def test_sorted_by_issue_rank_then_severity():
    # Microsoft's stake: 27% vs 49% (a contradiction, severity 1.0 x magnitude) and a 33% proposal;
    # Amazon's 1亿 vs 2亿 (a contradiction, gap 0.5): two issues, the stake first (the larger gap).
    rows = [pct("s1", "27%", 0.27), pct("s2", "49%", 0.49), pct("s3", "33%", 0.33, modality="proposed"),
            usd("s1", "1亿美元", 1e8, subject="Amazon"), usd("s2", "2亿美元", 2e8, subject="Amazon")]
    out = check(ledger(*rows))
    assert out["issue_rank"].is_monotonic_increasing and sorted(set(out["issue_rank"])) == [1, 2]
    for _, group in out.groupby("issue_rank"):
        assert group["severity"].is_monotonic_decreasing and group["subject"].nunique() == 1


def test_ids_do_not_depend_on_row_order():
    rows = [pct("s1", "27%", 0.27), pct("s2", "49%", 0.49), pct("s3", "33%", 0.33, modality="proposed")]
    one = check(ledger(*rows)).set_index("conflict_id")["kind"].to_dict()
    two = check(ledger(*reversed(rows))).set_index("conflict_id")["kind"].to_dict()
    assert one == two and len(one) == 3


# --------------------------------------------------------------------------- blocking


def brute_pairs(keys):
    return {(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys)) if keys[i] == keys[j]}


@given(st.lists(st.integers(0, 6), max_size=60))
def test_pair_indices_are_exactly_the_pairs_inside_each_key(raw):
    keys = np.sort(np.array(raw, dtype=np.int64))
    i, j, big = pair_indices(keys, max_group=10_000, window=5)
    assert set(zip(i.tolist(), j.tolist())) == brute_pairs(keys.tolist())
    assert len(i) == len(brute_pairs(keys.tolist())) and len(big) == 0


def test_big_groups_are_windowed_and_noted():
    # A key with 12 claims and max_group=10, window=3: each claim meets its 3 next neighbours
    # (fewer at the end): 9*3 + 2 + 1 + 0 = 30 pairs instead of 66.
    keys = np.zeros(12, dtype=np.int64)
    i, j, big = pair_indices(keys, max_group=10, window=3)
    assert len(i) == 30 and (j - i).max() == 3 and big.tolist() == [0]
    settings = {**crosscheck.load_settings(), "compare": {**crosscheck.load_settings()["compare"],
                                                          "max_group": 10, "window": 3}}
    rows = [usd(f"s{k}", "130亿美元", 1.3e10) for k in range(12)]
    out = check(ledger(*rows), settings=settings)
    assert len(out) == 30 and [n.code for n in out.attrs["notes"]] == ["big-group"]


@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from([0.1, 0.2, 0.27, 0.49]), st.sampled_from(["", "2023", "2025"]),
                          st.sampled_from(["actual", "proposed"])), min_size=2, max_size=12))
def test_verdicts_do_not_depend_on_order(spec):
    rows = [pct(f"s{n}", f"{v * 100:g}%", v, subject=f"E{k}", period=p, modality=m, start=n)
            for n, (k, v, p, m) in enumerate(spec)]
    one = check(ledger(*rows)).set_index("conflict_id")[["kind", "severity"]]
    two = check(ledger(*reversed(rows))).set_index("conflict_id")[["kind", "severity"]]
    pd.testing.assert_frame_equal(one.sort_index(), two.sort_index())


# --------------------------------------------------------------------------- explain=False and explain()


def _sentence_ledger() -> pd.DataFrame:
    # s1 27% (2025) vs s2 49% (2025): disjoint facts -> a contradiction whose
    # sentence must name both sources and both figures as written; s3 repeats
    # 27% -> consistent with s1; the 13B pair stands alone on its own key.
    return ledger(pct("s1", "27%", 0.27, period="2025"), pct("s2", "49%", 0.49, period="2025"),
                  pct("s3", "27%", 0.27, period="2025"), usd("s1", "$13B", 13e9), usd("s2", "130亿美元", 13e9))


def test_findings_are_data_and_the_text_is_rendered_on_demand():
    claims = _sentence_ledger()
    full, lean = check(claims), crosscheck.check(claims)  # check() itself: no text on pair rows
    # 3 percent claims -> 3 pairs, the two money claims -> 1 pair: 4 findings either way
    assert len(full) == len(lean) == 4
    for col in RENDERED:
        assert (lean[col] == "").all() and (full[col].str.len() > 0).all()
    pd.testing.assert_frame_equal(full.drop(columns=list(RENDERED)), lean.drop(columns=list(RENDERED)))


def test_explain_rebuilds_the_sentences_for_any_subset():
    claims = _sentence_ledger()
    full, lean = check(claims), check(claims, explain=False)
    pd.testing.assert_series_equal(crosscheck.explain(lean, claims), full["explanation"], check_names=False)
    contradiction = lean[lean["kind"] == "contradiction"]
    assert len(contradiction) == 2  # s2's 49% against the 27% of s1 and of s3
    sentence = crosscheck.explain(contradiction, claims)
    assert list(sentence.index) == list(contradiction.index)
    for text, other in zip(sentence, contradiction[["source_a", "source_b"]].to_numpy()):
        for part in ("s2 says “49%”", "“27%”", "cannot both be true", *other):
            assert part in text


def test_explain_keeps_rows_it_cannot_place():
    claims = _sentence_ledger()
    lean = check(claims, explain=False)
    # a ledger without s2's claims: the rows that involve them keep what they had ("")
    fewer = claims[claims["source"] != "s2"]
    text = crosscheck.explain(lean, fewer)
    involves_s2 = (lean["source_a"] == "s2") | (lean["source_b"] == "s2")
    assert involves_s2.sum() == 3  # s2 49% vs s1 27%, vs s3 27%, and s2 130亿美元 vs s1 $13B
    assert (text[involves_s2] == "").all() and (text[~involves_s2] != "").all()


def test_explain_on_the_seeds_matches_check(seed_claims=None):
    from ledger.claims import read_ledger

    claims = read_ledger("claims.csv")
    full, lean = check(claims), check(claims, explain=False)
    rule_rows = lean["kind"] == "arithmetic"
    assert rule_rows.any() and (lean.loc[rule_rows, "explanation"] != "").all()  # rule rows keep theirs
    assert (lean.loc[~rule_rows, "explanation"] == "").all()
    pd.testing.assert_series_equal(crosscheck.explain(lean, claims), full["explanation"], check_names=False)


def test_severity_labels_at_and_between_the_thresholds():
    # thresholds low 0.2, medium 0.5, high 0.8 (made up here): a value equal to a
    # threshold takes its label; below low is info; an unknown severity is info
    labels = crosscheck.severity_labels(np.array([0.0, 0.19, 0.2, 0.49, 0.5, 0.8, 1.0, NAN]),
                                        {"low": 0.2, "medium": 0.5, "high": 0.8})
    assert list(labels) == ["info", "info", "low", "low", "medium", "high", "high", "info"]


# --------------------------------------------------------------------------- text storage
# pandas 3 keeps text in Arrow when pyarrow is installed and in Python objects
# otherwise; the ledger a user hands over may be either (or plain object
# columns with NaN).  The findings must not depend on it: same rows, same
# values, and Python-string text (object, or categories of Python strings) either way.

_TEXT_COLS = list(crosscheck.TEXT_COLUMNS)


def _with_text_as(claims: pd.DataFrame, storage: str) -> pd.DataFrame:
    if storage == "object":
        return claims.astype({c: object for c in _TEXT_COLS})
    if storage == "pyarrow":
        pytest.importorskip("pyarrow")
    return claims.astype({c: pd.StringDtype(storage, na_value=np.nan) for c in _TEXT_COLS})


@pytest.mark.slow
@pytest.mark.parametrize("storage", ["python", "object", "pyarrow"])
def test_findings_do_not_depend_on_how_the_text_is_stored(storage):
    from ledger.claims import read_ledger

    for claims in (read_ledger("claims.csv"), _sentence_ledger()):
        expected = check(_with_text_as(claims, "python"))
        got = check(_with_text_as(claims, storage))
        pd.testing.assert_frame_equal(got, expected)
        # text as Python strings: object columns, or categories of Python strings (the findings as data)
        for c in got.columns:
            if got[c].dtype.kind not in "fib":
                cats = got[c].cat.categories if isinstance(got[c].dtype, pd.CategoricalDtype) else got[c]
                assert cats.dtype == object and all(isinstance(v, str) for v in cats), c


@pytest.mark.parametrize("storage", ["object", "pyarrow"])
def test_missing_text_counts_as_empty_in_any_storage(storage):
    # the same two contradicting claims, once with object "" and once with a
    # missing period/object (NaN or Arrow null): an unknown period is still a
    # contradiction (27% vs 49%, both facts, disjoint), and the missing object
    # reads as no object
    claims = ledger(claim("s1", "27%", "equity_stake", 0.27, kind="percent", object=""),
                    claim("s2", "49%", "equity_stake", 0.49, kind="percent", object=""))
    holes = claims.astype({c: object for c in _TEXT_COLS})
    holes.loc[:, ["period", "object"]] = np.nan
    expected = check(claims)
    got = check(_with_text_as(holes, storage))
    assert list(got["kind"]) == ["contradiction"]
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
def test_text_is_and_text_codes_agree_across_storages(storage):
    from ledger import intervals

    if storage == "pyarrow":
        pytest.importorskip("pyarrow")
    s = pd.Series(["over", "", "exact", None, "over", "under"], dtype=object).astype(
        pd.StringDtype(storage, na_value=np.nan))
    # None is missing: never "one of" anything, and code -1
    assert list(intervals.text_is(s, ["over", "under"])) == [True, False, False, False, True, True]
    assert list(intervals.text_is(s, [""])) == [False, True, False, False, False, False]
    codes, uniques = intervals.text_codes(s)
    assert list(codes) == [0, 1, 2, -1, 0, 3] and list(uniques) == ["over", "", "exact", "under"]


# An article often gives an adjusted (non-IFRS) figure without saying so: RMB70.55bn called "net
# profit" in one article is the 705.5億元 another calls 經調整純利. The two bases meet: agreeing figures
# are a confirmation; differing ones are two bases, never a contradiction.
def test_an_adjusted_figure_confirms_the_same_figure_stated_without_its_basis():
    a = usd("s1", "705.5億元", 7.055e10, metric="adjusted_net_profit", subject="Tencent", object="", unit="CNY",
            period="2025-Q3")
    b = usd("s2", "RMB70.55 billion", 7.055e10, metric="net_profit", subject="Tencent", object="", unit="CNY",
            period="2025-Q3")
    out = check(ledger(a, b))
    assert kinds(out) == ["consistent"]


def test_an_adjusted_and_a_reported_figure_that_differ_are_no_finding():
    # 63.1bn reported against 70.55bn adjusted, the same quarter: two bases, both can be true
    a = usd("s1", "705.5億元", 7.055e10, metric="adjusted_net_profit", subject="Tencent", object="", unit="CNY",
            period="2025-Q3")
    b = usd("s2", "RMB63.1 billion", 6.31e10, metric="net_profit", subject="Tencent", object="", unit="CNY",
            period="2025-Q3")
    assert kinds(check(ledger(a, b))) == []


# One article says Tencent's international games revenue was 208億元; another gives the 208亿元 as
# "revenue" without the segment. A whole-company figure (revenue: object_kind = part) meets its parts'
# figures only to agree: equal figures are a confirmation; a part smaller than the whole is no finding.
def test_a_figure_without_its_segment_confirms_the_segments_equal_figure():
    a = usd("s1", "208億元", 2.08e10, metric="revenue", subject="Tencent", object="international games",
            unit="CNY", period="2025-Q3")
    b = usd("s2", "208亿元", 2.08e10, metric="revenue", subject="Tencent", object="", unit="CNY", period="2025-Q3")
    assert kinds(check(ledger(a, b))) == ["consistent"]


def test_a_segment_and_the_whole_that_differ_are_no_finding():
    a = usd("s1", "208億元", 2.08e10, metric="revenue", subject="Tencent", object="international games",
            unit="CNY", period="2025-Q3")
    b = usd("s2", "1929亿元", 1.929e11, metric="revenue", subject="Tencent", object="", unit="CNY",
            period="2025-Q3")
    assert kinds(check(ledger(a, b))) == []


# Framing's last resorts (metrics.toml review = true), unreviewed: an 'unspecified_amount' says no more
# about what it measures than an empty metric, so '22' locations and '19000' employees framed alike
# are no contradiction; a 'growth' of an unnamed figure may confirm another (22.3% and 22.3%) but 22.3%
# against 5% may be two figures' growths, so it is no contradiction. Reviewed, they compare as any metric.
def test_two_different_unspecified_amounts_are_no_finding():
    a = claim("s1", "22", "unspecified_amount", 22, kind="count", subject="Horse", object="")
    b = claim("s2", "19000", "unspecified_amount", 19000, kind="count", subject="Horse", object="")
    assert kinds(check(ledger(a, b))) == []


@pytest.mark.parametrize("other, expected", [(0.223, ["consistent"]), (0.05, [])])
def test_a_growth_of_an_unnamed_figure_only_confirms(other, expected):
    a = pct("s1", "22.3%", 0.223, subject="Xiaomi", object="", period="2025-Q3")
    b = pct("s2", f"{other:.1%}", other, subject="Xiaomi", object="", period="2025-Q3")
    a["metric"] = b["metric"] = "growth"
    assert kinds(check(ledger(a, b))) == expected


def test_a_reviewed_last_resort_metric_is_compared_like_any_other():
    a = claim("s1", "22", "unspecified_amount", 22, kind="count", subject="Horse", object="", status="confirmed")
    b = claim("s2", "19000", "unspecified_amount", 19000, kind="count", subject="Horse", object="",
              status="confirmed")
    assert kinds(check(ledger(a, b))) == ["contradiction"]


def test_two_bases_of_a_profit_meet_only_to_agree():
    """归母 3.94亿 against a total 3.98亿 (minority interests): no contradiction; the
    same attributable figure stated as plain net profit confirms it; an adjusted and
    an attributable figure never clash either."""
    from ledger.record import basis_code

    assert basis_code("attributable_net_profit") == ("net_profit", 2)
    assert basis_code("adjusted_net_profit_growth") == ("net_profit_growth", 1)
    assert basis_code("net_profit") == ("net_profit", 0)
    rows = [
        claim("s1", "3.94亿元", "attributable_net_profit", 3.94e8, object="", unit="CNY", period="2025-Q3"),
        claim("s2", "3.98亿元", "net_profit", 3.98e8, object="", unit="CNY", period="2025-Q3"),
        claim("s3", "3.94亿元", "net_profit", 3.94e8, object="", unit="CNY", period="2025-Q3"),
        claim("s4", "4.6亿元", "adjusted_net_profit", 4.6e8, object="", unit="CNY", period="2025-Q3"),
    ]
    found = check(pd.DataFrame(rows))
    kinds = {(a, b): k for a, b, k in zip(found["source_a"], found["source_b"], found["kind"], strict=True)}
    kinds |= {(b, a): k for (a, b), k in list(kinds.items())}
    assert kinds.get(("s1", "s2")) is None           # two bases that differ: no finding
    assert kinds[("s1", "s3")] == "consistent"       # the same figure, basis unsaid: a confirmation
    assert kinds.get(("s1", "s4")) is None           # attributable against adjusted: no finding
    assert kinds[("s2", "s3")] == "contradiction"    # one basis, two values


def test_a_contradiction_inside_one_article_weighs_less_and_says_why():
    """Two figures of one article under one key are more often two figures framed
    alike than an article contradicting itself: rules.toml [evidence] same_article
    (0.5) multiplies the pair's severity, and its sentence says to check the framing."""
    from ledger.crosscheck.text import render

    one = [claim("s1", "19.17亿元", "operating_profit", 1.917e9, object="", unit="CNY", period="2025"),
           claim("s1", "30亿元", "operating_profit", 3.0e9, object="", unit="CNY", period="2025")]
    two = [claim("s1", "19.17亿元", "operating_profit", 1.917e9, object="", unit="CNY", period="2025"),
           claim("s2", "30亿元", "operating_profit", 3.0e9, object="", unit="CNY", period="2025")]
    inside, across = check(pd.DataFrame(one)), check(pd.DataFrame(two))
    sev_in = float(inside.loc[inside["kind"] == "contradiction", "severity"].iloc[0])
    sev_across = float(across.loc[across["kind"] == "contradiction", "severity"].iloc[0])
    assert sev_in == pytest.approx(sev_across * 0.5)
    shown = render(inside[inside["kind"] == "contradiction"], pd.DataFrame(one))
    assert "one article" in str(shown["explanation"].iloc[0])


def test_a_slipped_digit_is_told_from_another_span():
    """The smaller interval times the nearest power of ten overlaps the larger: a
    slip (3.28267 x 10 = 32.8267 in 32.83's [32.825, 32.835]); 343.61 x 10 = 3436.1
    misses 3.47兆's [3465, 3475]: another span's figure."""
    from ledger.crosscheck.pairs import _digit_slip

    def iv(x, half):
        return np.array([x - half]), np.array([x + half])

    (la, ha), (lb, hb) = iv(32.83, 0.005), iv(3.28267, 0.000005)
    assert _digit_slip(la, ha, lb, hb)[0] and _digit_slip(lb, hb, la, ha)[0]
    (la, ha), (lb, hb) = iv(3470.0, 5.0), iv(343.61, 0.005)
    assert not _digit_slip(la, ha, lb, hb)[0]
    (la, ha), (lb, hb) = iv(32.83, 0.005), iv(32.8, 0.05)  # the same magnitude: no slip
    assert not _digit_slip(la, ha, lb, hb)[0]
    # an open bound on the smaller side ('over 10亿') says no digit: never a slip
    assert not _digit_slip(np.array([1e10]), np.array([1e10]), np.array([1e9]), np.array([np.inf]))[0]


# Across metrics (metrics.toml stands_for, quantity): a last-resort figure may be any metric of its
# family or dimension, and two metrics may name one quantity. Such claims of one subject meet only to
# agree, across articles: Guming's profit grew 46% in one article, a 'growth' of 46% in another;
# Klarna's $15.1bn valuation in one is the $15.1bn market value of another.
@pytest.mark.parametrize("metric_a, value_b, metric_b, expected", [
    ("growth", 0.46, "net_profit_growth", ["consistent"]),        # 46% = 46%: a confirmation
    ("growth", 0.20, "net_profit_growth", []),                     # 46% vs 20%: may be two figures' growths
    ("unspecified_ratio", 0.46, "market_share", ["consistent"]),   # any ratio of the subject
    ("growth", 0.46, "market_share", []),                          # a growth is no market share
    ("revenue_growth", 0.46, "net_profit_growth", []),             # two named metrics: never met
])
def test_a_last_resort_figure_confirms_a_named_metric_of_its_subject(metric_a, value_b, metric_b, expected):
    a = claim("s1", "46%", metric_a, 0.46, kind="percent", subject="Pony AI", object="", period="2025-Q3",
              unit="ratio")
    b = claim("s2", f"{value_b:.0%}", metric_b, value_b, kind="percent", subject="Pony AI", object="",
              period="2025-Q3", unit="ratio")
    assert kinds(check(ledger(a, b))) == expected


@pytest.mark.parametrize("value_b, expected", [(1.51e10, ["consistent"]), (4.56e10, [])])
def test_a_valuation_and_a_market_value_are_one_quantity_that_only_agrees(value_b, expected):
    a = usd("s1", "$15.1 billion", 1.51e10, metric="valuation", subject="Klarna", object="", unit="USD")
    b = usd("s2", "151亿美元", value_b, metric="market_cap", subject="Klarna", object="", unit="USD")
    assert kinds(check(ledger(a, b))) == expected


def test_claims_across_metrics_meet_only_in_one_subject_object_unit_and_across_articles():
    base = dict(kind="percent", object="", period="2025-Q3", unit="ratio")
    a = claim("s1", "46%", "growth", 0.46, subject="Pony AI", **base)
    rows = [a,
            claim("s2", "46%", "net_profit_growth", 0.46, subject="WeRide", **base),     # another subject
            claim("s1", "46%", "net_profit_growth", 0.46, subject="Pony AI", **base)]    # the same article
    assert kinds(check(ledger(*rows))) == []
    seg = claim("s1", "20%", "unspecified_ratio", 0.2, kind="percent", subject="Pony AI", object="robotaxi",
                period="2025-Q3", unit="ratio")
    other = claim("s2", "20%", "market_share", 0.2, kind="percent", subject="Pony AI", object="robotruck",
                  period="2025-Q3", unit="ratio")
    assert kinds(check(ledger(seg, other))) == []                                   # two named counterparts
    raised = usd("s1", "$1.37 billion", 1.37e9, metric="ipo_proceeds", subject="Klarna", object="", unit="USD")
    in_cny = usd("s2", "13.7亿美元", 1.37e9, metric="funding_round", subject="Klarna", object="", unit="CNY")
    assert kinds(check(ledger(raised, in_cny))) == []                              # units differ


# roles.toml moves = true: a share price, its change and a market value move all day. Two figures of
# one day (or days unsaid) that differ may be two moments (premarket +20%, afternoon +12%): no
# contradiction. Agreeing figures still confirm; two known days apart are still temporal.
@pytest.mark.parametrize("other, period_b, expected", [
    (0.14, "2025-11-03", []),                   # 12% vs 14% on the same day: two moments
    (0.12, "2025-11-03", ["consistent"]),       # the same move: a confirmation
    (0.14, "2025-11-05", ["temporal"]),         # two days: both can be true
    (0.14, "", []),                             # a day unsaid: may be the same day, another moment
])
def test_two_moves_of_a_share_price_are_no_contradiction(other, period_b, expected):
    a = claim("s1", "12%", "share_price_change", 0.12, kind="percent", subject="Kenvue", object="",
              period="2025-11-03", unit="ratio")
    b = claim("s2", f"{other:.0%}", "share_price_change", other, kind="percent", subject="Kenvue", object="",
              period=period_b, unit="ratio")
    assert kinds(check(ledger(a, b))) == expected


def test_figures_that_do_not_move_still_contradict():
    a = claim("s1", "12%", "revenue_growth", 0.12, kind="percent", subject="Kenvue", object="",
              period="2025-Q3", unit="ratio")
    b = claim("s2", "14%", "revenue_growth", 0.14, kind="percent", subject="Kenvue", object="",
              period="2025-Q3", unit="ratio")
    assert kinds(check(ledger(a, b))) == ["contradiction"]


def test_metrics_toml_meeting_keys_name_what_exists():
    """A typo in stands_for or quantity would silently meet nothing: each stands_for names
    a family or dimension some metric has, and each quantity is shared by two metrics or more."""
    from collections import Counter

    from ledger.record import metrics

    specs = metrics()
    offered = {f"family:{s.get('family')}" for s in specs.values()} | {f"dimension:{s.get('dimension')}"
                                                                        for s in specs.values()}
    wanted = {c for s in specs.values() for c in s.get("stands_for", ())}
    assert wanted and wanted <= offered, wanted - offered
    shared = Counter(s["quantity"] for s in specs.values() if "quantity" in s)
    assert shared and all(n >= 2 for n in shared.values()), shared


@pytest.mark.parametrize("value_b, confidence, status, expected", [
    (8.2e9, 0.25, "unreviewed", []),                     # a topic-given subject: never held against
    (7.9e9, 0.25, "unreviewed", ["consistent"]),         # ... but it confirms the same figure
    (8.2e9, 0.45, "unreviewed", ["contradiction"]),      # a subject named near the figure compares
    (8.2e9, 0.25, "confirmed", ["contradiction"]),       # a reviewer who keeps it makes it compare
])
def test_a_claim_framing_was_least_sure_of_only_agrees(value_b, confidence, status, expected):
    # rules.toml [compare] weak_below = 0.3: the revenue of one half in two articles
    a = claim("s1", "RMB7.9 billion", "revenue", 7.9e9, subject="Quilbrook", object="", period="2025-H1",
              unit="CNY", confidence=0.8)
    b = claim("s2", "x", "revenue", value_b, subject="Quilbrook", object="", period="2025-H1", unit="CNY",
              confidence=confidence, status=status)
    assert kinds(check(ledger(a, b))) == expected


@pytest.mark.parametrize("bad", ["low", -0.1, 2, True])
def test_a_weak_below_that_is_no_share_is_refused_with_its_name(bad):
    from ledger.crosscheck import pairs
    from ledger.errors import InvalidValue
    a = claim("s1", "RMB7.9 billion", "revenue", 7.9e9, subject="Quilbrook", object="", unit="CNY")
    with pytest.raises(InvalidValue, match="weak_below"):
        pairs.prepare(ledger(a), {"compare": {"weak_below": bad}})


def test_a_caller_changing_loaded_settings_changes_no_later_check():
    # a notebook turning a rule off for one check must not turn it off for every later one
    settings = crosscheck.load_settings()
    settings["compare"]["max_group"] = 1
    settings["link"] = {"by_figures": False}
    again = crosscheck.load_settings()
    assert again["compare"]["max_group"] > 1 and again["link"]["by_figures"] is True

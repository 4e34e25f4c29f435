"""The cross-check on the reviewed ledger of the five seed articles (claims.csv).

Claims are found by (article, surface as written, metric), never by id, so the
tests survive a re-review that keeps the framing.  Each expected verdict is
argued from the article text and the ledger's periods and modalities.
"""
from __future__ import annotations

import pandas as pd
import pytest

from ledger.claims import read_ledger as read_claims
from ledger.crosscheck import check
from ledger.sources import load_sources
from tests.conftest import ROOT

LEDGER = ROOT / "claims.csv"
pytestmark = pytest.mark.skipif(not LEDGER.exists(), reason="claims.csv not written yet")


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return read_claims(LEDGER)


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return load_sources(ROOT / "seeds" / "sources.csv")


@pytest.fixture(scope="module")
def found(claims, sources) -> pd.DataFrame:
    return check(claims, sources=sources, explain=True)  # no decisions: the raw verdicts


def ids(claims, article, surface, metric):
    """Claims of ``article`` whose surface holds ``surface`` (the ledger may
    include the hedge word: 約27%) and whose metric is ``metric``."""
    rows = claims[claims["source"].str.startswith(article) & claims["surface"].str.contains(surface, regex=False)
                  & (claims["metric"] == metric)]
    assert len(rows), f"no claim {surface!r} ({metric}) in {article}"
    return set(rows["claim_id"])


def verdicts(found, left, right):
    """Kinds of the pair findings between any claim of ``left`` and any of ``right``."""
    pairs = found[found["kind"] != "arithmetic"]
    out = []
    for a, b, kind in zip(pairs["claim_a"], pairs["claim_b"], pairs["kind"]):
        if (a in left and b in right) or (a in right and b in left):
            out.append(kind)
    return sorted(out)


def test_microsoft_stake_27_vs_49_is_a_change_over_time(claims, found):
    # 001 (March 2025): "三年来,微软累计向OpenAI投资130亿美元,持有49% 的股权" -- the stake then
    # (ledger period 2025-03).  000: "130億美元投資,已對應約27%的股權" after "去年10月宣布的重組協議"
    # (ledger period 2025-10).  Different figures for disjoint periods: temporal, not contradiction.
    assert verdicts(found, ids(claims, "000", "27%", "equity_stake"), ids(claims, "001", "49%", "equity_stake")) \
        == ["temporal"]


def test_the_33_percent_proposal_is_not_held_against_either(claims, found):
    # 002: OpenAI "曾提出微软放弃未来的利润分成权,以换取重组后约33%的股权比例,但遭到微软的反对" --
    # a proposal (modality proposed) that was refused; 27% and 49% are stated facts.
    proposal = ids(claims, "002", "33%", "equity_stake")
    assert verdicts(found, proposal, ids(claims, "000", "27%", "equity_stake")) == ["modality"]
    assert verdicts(found, proposal, ids(claims, "001", "49%", "equity_stake")) == ["modality"]


def test_microsoft_13_billion_is_confirmed_across_articles(claims, found):
    # 000 "微軟早期對OpenAI的130億美元投資" and 001 "微软累计向OpenAI投资130亿美元": the same
    # cumulative investment, same figure to the last digit -> consistent.
    assert verdicts(found, ids(claims, "000", "130億美元", "cumulative_investment"),
                    ids(claims, "001", "130亿美元", "cumulative_investment")) == ["consistent"]


def test_stargate_100_vs_500_billion_is_not_a_contradiction(claims, found):
    # 001: OpenAI、软银和甲骨文"投入1000亿美元" -- money put in at the January 2025 launch; 003:
    # "计划投资5000亿美元用于建设AI基础设施" -- the plan (modality target).  The first tranche and the
    # full plan of one project: a plan neither confirms nor contradicts an amount put in, so the
    # verdict is modality whatever the figures.  (Had the ledger framed both as plans, two plans
    # with different figures are modality too: never a contradiction.)
    assert verdicts(found, ids(claims, "001", "1000亿美元", "infrastructure_investment"),
                    ids(claims, "003", "5000亿美元", "infrastructure_investment")) == ["modality"]


def test_altman_dismissal_dates(claims, found):
    # Altman was fired on 17 November 2023.  000 "2023年底" -> 2023-11/2023-12 holds it; 001
    # "2023年10月" -> 2023-10 ends on 31 October, a day before: contradiction (001 is wrong).
    # 004 (written after the May 2025 rumours it quotes) says "去年底", which the ledger
    # resolves to 2024-11/2024-12: a year late, disjoint from both -> contradictions.
    oct_ = ids(claims, "001", "2023年10月", "dismissal_date")
    end_2023 = ids(claims, "000", "2023年底", "dismissal_date")
    last_year = ids(claims, "004", "去年底", "dismissal_date")
    assert verdicts(found, oct_, end_2023) == ["contradiction"]
    assert set(verdicts(found, end_2023, last_year)) == {"contradiction"}
    assert set(verdicts(found, oct_, last_year)) == {"contradiction"}
    # the two 去年底 mentions in 004 agree with each other and are not reported (a source restating itself)
    assert verdicts(found, last_year, last_year) == []


@pytest.mark.parametrize("left,right", [
    # Microsoft paid 6.5亿美元 for Inflection's team (003); Google paid 6.5亿美元 for DeepMind (001).
    (("003", "6.5亿美元", "acquisition_price"), ("001", "6.5亿美元", "acquisition_price")),
    # Microsoft's 20% revenue share (002) and its 75% profit share (001) are different metrics.
    (("002", "20%", "revenue_share"), ("001", "75%", "profit_share")),
    # Nvidia's non-binding 1000億 pledge to OpenAI (000) is not the Stargate 1000亿 (001).
    (("000", "1000億美元", "investment"), ("001", "1000亿美元", "infrastructure_investment")),
])
def test_same_numbers_about_different_things_are_never_compared(claims, found, left, right):
    assert verdicts(found, ids(claims, *left), ids(claims, *right)) == []


def arithmetic(found, rule, claim_ids):
    rows = found[(found["rule"] == rule)]
    return rows[[set(c.split(";")) >= claim_ids for c in rows["claims"]]]


def test_stake_and_stake_value_imply_a_500_billion_valuation(claims, found):
    # 000: "已對應約27%的股權,估值約1350億美元": 1350亿 / 0.27 = 5000亿 (the whole of OpenAI).
    need = ids(claims, "000", "27%", "equity_stake") | ids(claims, "000", "1350億美元", "stake_value")
    row = arithmetic(found, "stake_value", need).iloc[0]
    assert row["metric"] == "valuation" and row["result"] == "implied"
    assert row["implied_value"] == pytest.approx(5e11)
    assert row["implied_low"] < 5e11 < row["implied_high"]


def test_1350_over_130_fits_more_than_10_times(claims, found):
    # 000: "估值約1350億美元,超過原始投入的10倍": 1350 / 130 = 10.38 > 10 -> pass.
    need = (ids(claims, "000", "1350億美元", "stake_value") | ids(claims, "000", "130億美元", "cumulative_investment")
            | ids(claims, "000", "10倍", "return_multiple"))
    row = arithmetic(found, "return_multiple", need).iloc[0]
    assert row["result"] == "pass" and row["implied_value"] == pytest.approx(1350 / 130)


def test_commitment_of_100_times_revenue_implies_14_billion(claims, found):
    # 000: "1.4萬億美元的計算資源承諾,規模約為OpenAI預計2025年收入的100倍": 1.4e12 / 100 = 1.4e10.
    need = ids(claims, "000", "1.4萬(wàn)億美元", "compute_commitment") | ids(claims, "000", "100倍",
                                                                            "commitment_to_revenue")
    row = arithmetic(found, "commitment_to_revenue", need).iloc[0]
    assert row["metric"] == "revenue" and row["result"] == "implied"
    assert row["implied_value"] == pytest.approx(1.4e10)


def test_every_explanation_names_its_sources_as_people_know_them(found, sources):
    # outlet (or "unnamed outlet"), title and publication date with how it is known, never the bare id
    titles = dict(zip(sources["id"], sources["title"]))
    for row in found.itertuples():
        for sid in (row.source_a, row.source_b):
            assert sid not in row.explanation
            assert titles[sid][:10] in row.explanation
        assert "nan" not in row.explanation.lower()


# --------------------------------------------------------------------------- issues and ranking (issue 15)


def issue_of(found, claim_ids):
    """The issue_rank of the findings that involve any of ``claim_ids`` (exactly one)."""
    rows = found[found["claim_a"].isin(claim_ids) | found["claim_b"].isin(claim_ids)]
    ranks = set(rows["issue_rank"])
    assert len(ranks) == 1, ranks
    return ranks.pop()


def test_open_contradictions_form_at_most_four_issues(claims, found):
    # The seven contradicting pairs are two disagreements about two figures: Altman's dismissal date
    # (001 "2023年10月", 000 "2023年底", 004 "去年底" twice: one figure, three versions) and Microsoft's
    # cumulative investment in OpenAI (003 "数十亿美金" against 130亿 in 000 and 001).
    from ledger.crosscheck import is_open_contradiction
    from ledger.crosscheck.issues import issue_frame

    open_rows = found[is_open_contradiction(found)]
    assert len(open_rows) == 7
    assert open_rows["issue_rank"].nunique() == 2 <= 4
    issues = issue_frame(found)
    altman = issues[issues["metric"] == "dismissal_date"].iloc[0]
    assert len(altman["members"]) == 4 and altman["contradictions"] == 5


def test_the_altman_dismissal_ranks_above_the_loose_billions(claims, found):
    # 001 says 2023年10月 and 000 says 2023年底: both stated dates (not relative), both figures exact, both
    # direct: the strongest disagreement (Altman was fired on 2023-11-17, so 001 is wrong).  003's 数十亿美金
    # is vague (2..9 x 10亿 = 20亿..90亿) and misses 130亿 by a factor 130/90 = 1.44 < 2: loose wording,
    # from a page the sources table calls a repost.
    altman = issue_of(found, ids(claims, "001", "2023年10月", "dismissal_date"))
    billions = issue_of(found, ids(claims, "003", "数十亿", "cumulative_investment"))
    assert altman < billions
    assert altman == 1  # the first issue a reviewer reads
    loose = found[found["issue_rank"] == billions]
    contra = loose[loose["kind"] == "contradiction"]
    assert len(contra) == 2 and contra["loose"].all()
    assert (contra["severity_label"] == "low").all()  # a note, not a high-severity contradiction
    from ledger.crosscheck.issues import issue_frame

    verdict = issue_frame(found).set_index("issue_rank")["verdict"]
    assert verdict[billions] == "loose_wording" and verdict[altman] == "contradiction"


def test_the_004_last_year_versions_are_weaker_evidence(claims, found):
    # 004's 去年底 is read against a publication date the sources table marks inferred (2025-05), and
    # 004 names no outlet: 0.5 x 0.9 = 0.45; 2023年10月 (001, 虎嗅网) against 2023年底 (000, no outlet) is 0.9.
    from ledger.crosscheck.evidence import INFERRED_DATE

    last_year = ids(claims, "004", "去年底", "dismissal_date")
    rows = found[found["claim_a"].isin(last_year) | found["claim_b"].isin(last_year)]
    assert rows["evidence"].tolist() == pytest.approx([0.45] * 4)
    flags = [fb if b in last_year else fa for fa, fb, b in zip(rows["flags_a"], rows["flags_b"], rows["claim_b"])]
    assert all(f & INFERRED_DATE for f in flags)
    direct = found[found["claim_a"].isin(ids(claims, "001", "2023年10月", "dismissal_date"))
                   & found["claim_b"].isin(ids(claims, "000", "2023年底", "dismissal_date"))]
    assert direct["evidence"].tolist() == [pytest.approx(0.9)]

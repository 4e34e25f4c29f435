"""An article that names nobody is about the company whose figures it states
(ledger/framing/linking.py ``adopt_unnamed``).  Made-up companies; the figures are
the articles' own, and which name an unnamed digest takes is read off the figures
two articles share (three significant digits or more)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from ledger.crosscheck import load_settings
from ledger.framing import frame_text
from ledger.framing.cues import default_lexicon
from ledger.framing.linking import adopt_unnamed
from ledger.job import Workspace
from ledger.record import parse_confidence_detail

NAMED = ("华睿证券(601999)\n华睿证券公布2025年三季度报。2025年前三季度,华睿证券实现营业收入271.29亿元,"
         "同比增长12.55%;实现归母净利润127.33亿元,同比增长1.69%;EPS为1.35元。")
DIGEST = ("核心观点\n- 2025年前三季度,公司实现营业收入271.29亿元,同比+12.55%;实现归母净利润127.33亿元,"
          "同比+1.69%;对应EPS1.35元。")
OTHER = ("泽安证券(601888)\n泽安证券公布2025年三季度报。2025年前三季度,泽安证券实现营业收入84.62亿元,"
         "同比增长9.31%;实现归母净利润33.17亿元。")


def _frame(text: str, source: str) -> pd.DataFrame:
    return pd.DataFrame(frame_text(text, source=source, published="2025-11-02"))


def test_a_digest_naming_nobody_takes_the_company_whose_figures_it_states():
    digest = _frame(DIGEST, "digest")
    assert set(digest["subject"]) == {""}  # nobody is named in it
    new = pd.concat([_frame(NAMED, "named"), _frame(OTHER, "other"), digest], ignore_index=True)
    out = adopt_unnamed(new)
    mine = out[out["source"] == "digest"]
    # 271.29亿, 12.55%, 127.33亿, 1.69%, 1.35 are 华睿证券's figures, none 泽安证券's
    assert set(mine["subject"]) == {"华睿证券"}
    # the subject is the figures' evidence, not the text's words: a reviewer sees it early
    sure = float(default_lexicon().linking["adopt_confidence"])
    assert all(parse_confidence_detail(d)["subject"] == sure for d in mine["confidence_detail"])
    assert (mine["confidence"] <= sure).all()
    # below the cross-check's weak_below: such a claim confirms, it is never held against one
    assert sure < float(load_settings(None)["compare"]["weak_below"])
    # the named articles are untouched
    pd.testing.assert_frame_equal(out[out["source"] != "digest"], new[new["source"] != "digest"])


def test_figures_shared_with_nobody_leave_the_digest_unnamed():
    new = pd.concat([_frame(OTHER, "other"), _frame(DIGEST, "digest")], ignore_index=True)
    out = adopt_unnamed(new)
    assert set(out.loc[out["source"] == "digest", "subject"]) == {""}


def test_two_companies_stating_the_same_figures_name_no_one():
    # a tie says nothing: the digest's figures are stated by two names as often
    twin = NAMED.replace("华睿证券", "泽安证券").replace("601999", "601888")
    new = pd.concat([_frame(NAMED, "named"), _frame(twin, "twin"), _frame(DIGEST, "digest")], ignore_index=True)
    out = adopt_unnamed(new)
    assert set(out.loc[out["source"] == "digest", "subject"]) == {""}


def test_round_figures_are_no_evidence():
    # 10%, 20亿元, 3亿元: one or two significant digits, which two companies share by chance
    named = _frame("泽安证券(601888)\n泽安证券公布,营业收入20亿元,同比增长10%,净利润3亿元。", "named")
    digest = _frame("核心观点\n- 公司营业收入20亿元,同比+10%,净利润3亿元。", "digest")
    out = adopt_unnamed(pd.concat([named, digest], ignore_index=True))
    assert set(out.loc[out["source"] == "digest", "subject"]) == {""}


def test_the_unnamed_figures_of_a_named_article_take_the_company_that_states_them():
    # an article naming another company (泽锐云) whose framing left the group's figures
    # unnamed (here: blanked, as framing does where no name stands near a figure)
    partly = _frame("泽锐云(601777)\n泽锐云公布,收入18.52亿元。\n2025年前三季度,营业收入271.29亿元,同比+12.55%;"
                    "归母净利润127.33亿元,同比+1.69%。", "partly")
    group = partly["surface"].isin(["271.29亿元", "12.55%", "127.33亿元", "1.69%"])
    assert group.sum() == 4
    partly.loc[group, "subject"] = ""
    out = adopt_unnamed(pd.concat([_frame(NAMED, "named"), partly], ignore_index=True))
    mine = out[out["source"] == "partly"].set_index("surface")
    assert set(mine.loc[["271.29亿元", "12.55%", "127.33亿元", "1.69%"], "subject"]) == {"华睿证券"}
    assert mine.loc["18.52亿元", "subject"] == "泽锐云"  # a named claim keeps its name


def test_an_articles_own_names_are_no_evidence_for_its_unnamed_figures():
    # the same figures named in the article itself (a restatement) are not another article's
    own = _frame("华睿证券(601999)\n华睿证券营业收入271.29亿元,同比增长12.55%,归母净利润127.33亿元,同比增长1.69%。\n"
                 + DIGEST, "own")
    out = adopt_unnamed(own)
    pd.testing.assert_frame_equal(out, own)


@pytest.mark.parametrize("empty", [pd.DataFrame(columns=["source", "subject", "status", "metric", "unit", "value"])])
def test_nothing_to_adopt_is_nothing_changed(empty):
    assert adopt_unnamed(empty).empty


def test_extract_files_a_digest_under_its_company(tmp_path: Path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "named.txt").write_text(NAMED, encoding="utf-8")
    (articles / "digest.txt").write_text(DIGEST, encoding="utf-8")
    ws = Workspace.open(tmp_path / "claims.csv")
    ws.extract([articles])
    ledger = pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False)
    digest = ledger[ledger["source"] == "digest"]
    assert len(digest) and set(digest["subject"]) == {"华睿证券"}
    shutil.rmtree(articles)


def test_a_figure_a_reviewer_rejected_is_no_evidence():
    # the ledger's only rows stating the digest's figures were rejected by a reviewer
    ledger = _frame(NAMED, "named").assign(status="rejected")
    out = adopt_unnamed(_frame(DIGEST, "digest"), ledger)
    assert set(out["subject"]) == {""}
    kept = adopt_unnamed(_frame(DIGEST, "digest"), ledger.assign(status="confirmed"))
    assert set(kept["subject"]) == {"华睿证券"}


def test_an_adopted_claim_confirms_but_is_never_held_against_another(tmp_path: Path):
    # the digest states three of the named article's figures and one other (1.79% against
    # 1.69%): it takes the name, its agreeing figures confirm, and the differing one is not
    # called a contradiction, since whose it is was read off the figures, not the text
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "named.txt").write_text(NAMED, encoding="utf-8")
    (articles / "digest.txt").write_text(DIGEST.replace("+1.69%", "+1.79%"), encoding="utf-8")
    ws = Workspace.open(tmp_path / "claims.csv")
    ws.extract([articles])
    found = ws.check()
    sources = found["source_a"].astype(str) + "|" + found["source_b"].astype(str)
    digest_pairs = found[sources.str.contains("digest")]
    assert (digest_pairs["kind"] == "consistent").sum() >= 2
    assert not (digest_pairs["kind"] == "contradiction").any()

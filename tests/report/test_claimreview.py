"""`factcheck claimreview`: schema.org ClaimReview JSON-LD for every decided issue (issue 15).

The decisions are tests/data/claimreview/decisions.csv, a reviewer's reading of the seeds:
Altman's dismissal (the issue of 001 "2023年10月", 000 "2023年底", 004 "去年底" twice) decided
`confirmed`, and Microsoft's cumulative investment (003 "数十亿美金" against 130亿 in 000 and 001)
decided `explained`.  The expected ratings follow from the ledger's own review of each claim
(`status`) and from the facts: Altman was fired on 2023-11-17.
"""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from ledger.cli import main
from tests.conftest import ROOT

pyld = pytest.importorskip("pyld")
from pyld import jsonld  # noqa: E402

DECISIONS = ROOT / "tests" / "data" / "claimreview" / "decisions.csv"
BASE = "https://factcheck.example/reviews"
SCHEMA = "https://schema.org/"
# schema.org's context maps every term into its vocabulary; a local copy of that one rule, so
# the expansion needs no network (http://schema.org/ and https://schema.org/ name the same terms)
LOCAL_CONTEXT = {"@context": {"@vocab": SCHEMA}}


def _loader(url, options=None):
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claimreview")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copy(ROOT / "claims.csv", folder / "claims.csv")
    shutil.copy(DECISIONS, folder / "decisions.csv")
    return folder


@pytest.fixture(scope="module")
def doc(work):
    res = CliRunner().invoke(main, ["claimreview", str(work / "claims.csv"), "--base-url", BASE,
                                    "-o", str(work / "out.jsonld")])
    assert res.exit_code == 0, res.output
    assert res.stderr.strip() == f"7 ClaimReview(s) (3 False, 1 Loose wording, 3 True); wrote {work / 'out.jsonld'}"
    return json.loads((work / "out.jsonld").read_text(encoding="utf-8"))


def expanded(doc):
    return jsonld.expand(doc, {"documentLoader": _loader})


def value(node, prop):
    """The single value (or node) of ``prop`` in an expanded node."""
    (item,) = node[SCHEMA + prop]
    return item.get("@value", item)


def test_expands_to_claim_reviews_with_the_required_properties(doc):
    nodes = expanded(doc)
    assert len(nodes) == 7
    for node in nodes:
        assert node["@type"] == [SCHEMA + "ClaimReview"]
        # what search engines require of a ClaimReview: the claim, the rating (with its name), the url;
        # and what a reader needs: who reviewed it, when, where the claim appeared
        for prop in ("claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed"):
            assert SCHEMA + prop in node, prop
        rated = value(node, "reviewRating")
        assert rated["@type"] == [SCHEMA + "Rating"]
        assert {value(rated, p) for p in ("bestRating", "worstRating")} == {5, 1}
        assert 1 <= value(rated, "ratingValue") <= 5 and value(rated, "alternateName")
        claim = value(node, "itemReviewed")
        assert claim["@type"] == [SCHEMA + "Claim"]
        assert value(claim, "appearance")["@type"] == [SCHEMA + "CreativeWork"]
        assert value(node, "datePublished") == "2026-12-06"  # the day of the decision
        assert value(node, "url").startswith(BASE + "#i-")


def ratings(doc):
    """(start of the article's title, words as written) -> rating name."""
    out = {}
    for review in doc["@graph"]:
        words = review["name"].split("“", 1)[1].split("”", 1)[0]
        out[(review["itemReviewed"]["appearance"]["headline"][:3], words)] = review["reviewRating"]["alternateName"]
    return out


def test_ratings_follow_the_facts(doc):
    got = ratings(doc)
    # Altman was fired on 2023-11-17: 000's 2023年底 (2023-11/2023-12) holds it, 001's 2023年10月 ends
    # a day before Nov 1, 004's 去年底 (twice) resolves to 2024-11/2024-12; the issue is decided confirmed
    assert got[("英偉達", "2023年底")] == "True"
    assert got[("微软和", "2023年10月")] == "False"
    assert got[("微软与", "去年底")] == "False"
    assert sum(1 for k in got if k[1] == "去年底") == 1  # two claims, the same article and words: 2 reviews
    assert sum(1 for r in doc["@graph"] if "去年底" in r["name"]) == 2
    # 数十亿 (2..9 x 10亿) against 130亿: decided explained, loose wording; the two 130亿 are right
    assert got[("微软C", "数十亿美金")] == "Loose wording"
    assert got[("英偉達", "130億美元")] == "True" and got[("微软和", "130亿美元")] == "True"


def test_the_claim_is_shown_as_people_know_its_source(doc):
    review = next(r for r in doc["@graph"] if "2023年10月" in r["name"])
    assert review["claimReviewed"] == "2023年10月,OpenAI董事会解雇奥尔特曼风波,微软CEO纳德拉甚至是事后才知晓。"
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "虎嗅网"}
    assert item["appearance"]["headline"] == "微软和OpenAI加速离婚"
    assert item["appearance"]["datePublished"] == "2025-03" and "inferred" in item["appearance"]["description"]
    assert review["author"] == {"@type": "Person", "name": "ledger-team"}
    assert review["reviewBody"].startswith("Decided confirmed: Altman was fired on 2023-11-17")


def test_the_docs_example_is_current(doc):
    # docs/findings.md shows docs/claimreview-seeds.jsonld: it must be what the command writes
    assert json.loads((ROOT / "docs" / "claimreview-seeds.jsonld").read_text(encoding="utf-8")) == doc


def test_stdout_and_nothing_decided(work, tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    res = CliRunner().invoke(main, ["claimreview", str(tmp_path / "claims.csv")])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == {"@context": "https://schema.org", "@graph": []}
    assert "0 ClaimReview(s) (nothing decided to review)" in res.stderr


@pytest.mark.slow
def test_a_wrong_extraction_is_not_published(work, tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    (tmp_path / "decisions.csv").write_text(
        "conflict_id,decision,reviewer,note,decided_at\ni-0385a0a272f4,wrong_extraction,li,,2026-12-06\n",
        encoding="utf-8")
    res = CliRunner().invoke(main, ["claimreview", str(tmp_path / "claims.csv")])
    assert res.exit_code == 0 and json.loads(res.stdout)["@graph"] == []
    # without --base-url a review has no url; its @id is a URN naming the issue and the claim
    res = CliRunner().invoke(main, ["claimreview", str(work / "claims.csv")])
    first = json.loads(res.stdout)["@graph"][0]
    assert "url" not in first and first["@id"].startswith("urn:factcheck:i-")

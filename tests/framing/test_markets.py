"""Markets (ledger/framing/markets.py, cues.toml [market]): the object of a market
share, the subject of a whole market's own figures, one name in every language.
Companies are made up (华星科技, Zentra Corp.), so the entity table cannot know them."""
from __future__ import annotations

import pytest

from ledger.framing import frame_text


def _rows(text: str, published: str = "2025-10-21") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


# The same market written in Chinese and English gets one name, so the cross-check
# groups the shares of both articles under one key.
@pytest.mark.parametrize("text, surface", [
    ("据IDC报告，2025年第三季度华星科技在全球智能手机市场的份额为13.5%。", "13.5%"),
    ("According to IDC, Zentra Corp. took a 13.5% share of the global smartphone market in the third quarter.",
     "13.5%"),
    ("華星科技佔全球智能手機市場的13.5%。", "13.5%"),
])
def test_a_market_share_is_of_the_market_named_in_any_language(text, surface):
    row = _rows(text)[surface]
    assert row["metric"] == "market_share" and row["object"] == "global smartphone market"


def test_a_share_is_of_a_market_never_of_a_company_named_beside_it():
    # Apple leads, 华星科技 holds 13.5%: the counterpart of the share is the market
    text = ("据Canalys报告，第三季度全球智能手机市场中，Apple出货量排名第二，"
            "华星科技的市场份额为13.5%。")
    assert _rows(text)["13.5%"]["object"] == "global smartphone market"


def test_the_market_named_earlier_in_the_article_is_the_object_of_a_later_share():
    text = ("IDC发布第三季度全球智能手机市场报告。\n\n"
            "华星科技出货4350万台，市场份额13.5%。")
    assert _rows(text)["13.5%"]["object"] == "global smartphone market"


# The market as a party: its own shipments are the market's, not the last company's.
@pytest.mark.parametrize("text, surface", [
    ("根据Omdia报告，2025年第三季度全球智能手机市场出货3.201亿部，同比增长3%。", "3.201亿"),
    ("The global smartphone market grew in Q3 2025, with shipments reaching 320.1 million units.",
     "320.1 million"),
    ("根据Omdia报告，全球智能手机市场复苏。华星科技出货6060万部。整个市场在2025年第三季度共出货3.201亿部。",
     "3.201亿"),
])
def test_a_whole_markets_shipments_are_the_markets(text, surface):
    assert _rows(text)[surface]["subject"] == "global smartphone market"


def test_a_companys_revenue_in_a_market_stays_the_companys():
    # '国内游戏市场收入': revenue of the company's domestic games, not of a market
    rows = _rows("华星科技第三季度业绩公布。国内游戏市场收入428亿元，同比增长15%。")
    assert rows["428亿元"]["subject"] == "华星科技"


@pytest.mark.parametrize("text", [
    "华星科技上半年海外市场收入按年急升4.4倍至55.9亿元。",  # a region of its business
    "华星科技股价在二级市场上涨5%。",  # a capital market
    "Zentra Corp. said market share rose to 12% as it has ceded market leadership in Europe.",
])
def test_a_region_or_capital_market_is_no_product_market(text):
    from ledger.framing.doc import analyse
    from ledger.framing.markets import markets
    from ledger.numbers.finder import find_mentions
    from ledger.sources import clean

    ct = clean(text)
    doc = analyse(ct, find_mentions(ct))
    assert markets(doc) == []


def test_a_percent_of_a_market_no_cue_names_is_a_share_of_it():
    rows = _rows("In the third quarter of 2025, Zentra Corp. held 12% of the global smartphone market.")
    assert rows["12%"]["metric"] == "market_share" and rows["12%"]["object"] == "global smartphone market"


def test_a_research_reports_shipments_are_of_the_markets_product():
    # an Omdia report on the smartphone market: a company's shipments there are smartphones
    text = "据Omdia报告，2025年第三季度全球智能手机市场出货3.2亿部。华星科技出货6060万部，市场份额19%。"
    rows = _rows(text)
    assert rows["6060万"]["object"] == "smartphones" and rows["19%"]["object"] == "global smartphone market"


# A scope, a product and a total's word name the whole market ('Global PC shipments',
# '全球智能手机出货量'); without a scope ('PC shipments') it may be one company's.
@pytest.mark.parametrize("text, surface, market", [
    ("Global PC shipments grew 9.4 percent year-over-year in the third quarter of 2025, reaching 75.8 million "
     "units, according to IDC.", "75.8 million", "global pc market"),
    ("据IDC报告，2025年第三季度全球智能手机出货量3.2亿部，同比增长2.6%。", "3.2亿", "global smartphone market"),
])
def test_a_scoped_total_is_the_whole_markets(text, surface, market):
    row = _rows(text)[surface]
    assert (row["subject"], row["object"]) == (market, "")


# 'share' alone is stock ('shares rose 3%'); right after a percent it names a market
# share ('a 9 percent share', '(21.1% share)'), whose market is the article's.
@pytest.mark.parametrize("text, surface", [
    ("The global PC market grew in the third quarter. Zentra Corp. shipped 6.8 million units and took a "
     "9 percent share.", "9 percent"),
    ("The global PC market grew in the third quarter. Zentra Corp. shipped 16M units (21.1% share).", "21.1%"),
])
def test_a_percent_followed_by_share_is_a_market_share(text, surface):
    row = _rows(text)[surface]
    assert row["metric"] == "market_share" and row["object"] == "global pc market"


def test_share_after_a_percent_gives_way_to_the_metric_its_complement_names():
    # 'a 12% share of revenue' is a part of revenue, no market's share
    row = _rows("Zentra Corp. said cloud made up a 12% share of its revenue in the quarter.")["12%"]
    assert row["metric"] != "market_share"


def test_shares_that_rose_are_no_market_share():
    row = _rows("Zentra Corp. shares rose 3% in Hong Kong trading on Tuesday.")["3%"]
    assert row["metric"] != "market_share"


# A scope said in the possessive, with either apostrophe, is the scope: the market is
# named as in any other article about it ('china smartphone market').
@pytest.mark.parametrize("possessive", ["China's", "China\u2019s"])
def test_a_possessive_scope_names_the_market(possessive):
    text = (f"{possessive} smartphone market shrank in 2025. Zentra Corp. led with 46.7M units "
            "and a 16.4% market share.")
    assert _rows(text)["16.4%"]["object"] == "china smartphone market"

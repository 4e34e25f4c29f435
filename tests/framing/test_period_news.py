"""When a deal's figure holds (docs/framing.md, 'Deals: the month they are news'):
a stake, an investment, a funding round, a valuation or a price paid that no date
of its own places is the deal's as the article tells it, in the month the article
is published - not one day of it, and not a period the article never states.  A
forecast is of a time to come; an article without a date tells no month.  The
texts are invented; the expected periods are read off them."""
from __future__ import annotations

from ledger.framing import frame_text


def _rows(text: str, published: str = "") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def test_an_undated_deal_is_news_in_the_month_it_is_published():
    # reported on 20 November 2025: the stake and the price are that month's deal
    text = "Brightfold agreed to buy a 30% stake in Lumacore for $2 billion, the companies said."
    rows = _rows(text, published="2025-11-20")
    assert rows["30%"]["period"] == "2025-11"
    assert rows["$2 billion"]["period"] == "2025-11"


def test_a_funding_round_and_its_valuation_take_the_month_in_chinese():
    rows = _rows("星澜科技完成新一轮融资,融资金额10亿元,投后估值达120亿元。", published="2026-02-08")
    assert rows["10亿元"]["period"] == "2026-02"
    assert rows["120亿元"]["period"] == "2026-02"


def test_a_deal_without_a_published_date_stays_undated():
    # nothing tells when the article was written: no month can be given
    rows = _rows("Brightfold agreed to buy a 30% stake in Lumacore for $2 billion, the companies said.")
    assert rows["30%"]["period"] == ""
    assert rows["$2 billion"]["period"] == ""


def test_a_deal_dated_in_its_sentence_keeps_that_date():
    rows = _rows("In August 2024, Brightfold invested $500 million in Lumacore.", published="2025-11-20")
    assert rows["$500 million"]["period"] == "2024-08"


def test_a_running_total_of_investments_is_no_months_news():
    # 'a total of' sums every investment so far; the round itself is this month's
    rows = _rows("Lumacore raised $1 billion in a new round. Brightfold has invested a total of $6 billion "
                 "in Lumacore.", published="2025-11-20")
    assert rows["$1 billion"]["period"] == "2025-11"
    assert rows["$6 billion"]["period"] != "2025-11"


def test_an_offerings_subscription_and_discount_are_news_in_the_month():
    # an offering (roles.toml family offering) is a deal too: told on 2025-06-27,
    # its retail tranche's cover and its price's discount are that month's news
    rows = _rows("Qingsha Robotics priced its placement at a discount of 8% to the last close. "
                 "The retail tranche was 120 times subscribed.", published="2025-06-27")
    assert rows["8%"]["metric"] == "offer_discount"
    assert rows["8%"]["period"] == "2025-06"
    assert rows["120 times"]["metric"] == "subscription_multiple"
    assert rows["120 times"]["period"] == "2025-06"

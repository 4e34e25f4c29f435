"""An offering's subscription level (roles.toml family offering, metric
subscription_multiple): the issuer is the subject, the tranche (parts.toml: hong kong
public offering, international offering) the object, so a retail tranche's 3,617
times and the international one's 2.57 times are two facts, never a contradiction.
Companies are made up (Quorvex, 华星科技), so the entity table cannot know them."""
from __future__ import annotations

from pathlib import Path

import pytest

from ledger.framing import frame_text
from ledger.textio import read_text


def _rows(text: str, published: str = "2025-06-25") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


@pytest.mark.parametrize("text, surface, tranche", [
    ("华星科技公告，香港公开发售部分获得约1427.37倍超额认购，国际配售部分录得26.27倍超额认购。", "约1427.37倍",
     "hong kong public offering"),
    ("华星科技公告，香港公开发售部分获得约1427.37倍超额认购，国际配售部分录得26.27倍超额认购。", "26.27倍",
     "international offering"),
    ("華星科技股份於公開發售部份認購額達747.92倍，國際配售部份認購額23.57倍。", "747.92倍", "hong kong public offering"),
    ("Quorvex Holdings listed in Hong Kong on Monday. The Hong Kong public offer was 147.67 times oversubscribed.",
     "147.67 times", "hong kong public offering"),
    ("Quorvex Holdings listed in Hong Kong on Monday. The international offering was 9.78 times subscribed.",
     "9.78 times", "international offering"),
])
def test_a_tranches_subscription_level(text, surface, tranche):
    row = _rows(text)[surface]
    assert (row["metric"], row["object"], row["value"]) == ("subscription_multiple", tranche,
                                                           float(surface.strip("约倍 times")))


def test_the_whole_offerings_subscription_has_no_tranche():
    row = _rows("华星科技此前申购倍数超过3400倍，是年内第二高。")["超过3400倍"]
    assert row["metric"] == "subscription_multiple" and row["object"] == ""


def test_a_tranche_before_a_verb_is_no_company():
    # a real article (corpus b19): '香港公开发售部分获得约1427.37倍超额认购' names the part the figure
    # is of before the verb, not an organisation '售部分'
    path = next(Path(__file__).parents[1].glob("data/corpus/b19/*/insilico_hk_ipo_2025_tencentnews_hans.txt"))
    rows = frame_text(read_text(path), source="x", published="2025-12-30")
    assert rows and not any("售部分" in r["subject"] for r in rows)


def test_growth_multiples_stay_growth():
    # a multiple with a growth verb is no subscription ('revenue grew 3 times')
    row = _rows("Quorvex Holdings said its revenue grew 3 times in 2024.")["3 times"]
    assert row["metric"] != "subscription_multiple"

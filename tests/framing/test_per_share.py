"""A figure only a share can have is per share, and a total is never per share
(metrics.toml ``per_share`` / ``per_share_below``, ``total`` / ``total_from``;
ledger/framing/frame.py ``_per_share``).  Made-up companies; what each figure is
per share or in total is read off its size: no company pays a total dividend or
earns a total profit of a few dollars, and no share earns or pays a billion."""
from __future__ import annotations

import pandas as pd
import pytest

from ledger.framing import frame_text
from ledger.record import metrics


def _metric(text: str, surface: str) -> str:
    df = pd.DataFrame(frame_text(text, source="x", published="2025-08-20"))
    hit = df[df["surface"] == surface]
    assert len(hit) == 1, df[["surface", "metric"]].to_string()
    return str(hit.iloc[0]["metric"])


@pytest.mark.parametrize("text, surface, metric", [
    # 'an interim dividend of HKD 0.39': nobody pays 0.39 dollars in all
    ("Zentrix Bank H1 2025 results\nZentrix Bank reported earnings per share of HKD 0.86, with an interim "
     "dividend of HKD 0.39, up by 25.81%.", "HKD 0.39", "dividend_per_share"),
    # a profit of 1.42 dollars is a profit per share
    ("星河电子上半年获利5.6亿元\n星河电子上半年税后净利5.6亿元,年减66.7%,税后净利为新台币1.42元。", "新台币1.42元", "eps"),
    # 9亿新元 paid as a special dividend is the total, whatever words stand near it
    ("北极光航空宣布派发特别股息\n北极光航空每股盈利0.35新元;公司宣布未来三年将派发每股特别股息,合共9亿新元。", "9亿新元", "dividend"),
])
def test_a_figures_size_says_whether_it_is_per_share(text, surface, metric):
    assert _metric(text, surface) == metric


def test_the_thresholds_are_data_and_pair_up():
    table = metrics()
    for total, share in (("dividend", "dividend_per_share"), ("net_profit", "eps")):
        assert table[total]["per_share"] == share
        assert table[share]["total"] == total
        # a figure of a few thousand units can be per share (a Korean dividend), never a million
        assert 1000 < table[total]["per_share_below"] < table[share]["total_from"] <= 10**6

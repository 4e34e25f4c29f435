"""An economy's statistics (GDP, retail sales, trade, prices, jobs) are the
economy's, not the office's that published them (ledger/framing/economies.py,
cues.toml [economy], metrics.toml ``economy = true``).  The expected subjects and
metrics are read off each sentence: who the figure measures and what it is."""
from __future__ import annotations

import pandas as pd
import pytest

from ledger.framing import frame_text


def _frame(text: str) -> pd.DataFrame:
    return pd.DataFrame(frame_text(text, source="x", published="2026-01-19"))


def _row(df: pd.DataFrame, surface: str) -> dict:
    hit = df[df["surface"] == surface]
    assert len(hit) == 1, (surface, df[["surface", "subject", "metric"]].to_string())
    return hit.iloc[0].to_dict()


def test_a_statistics_office_publishes_its_economys_figures():
    df = _frame("中国2025年经济增长5%\n国家统计局1月19日公布,2025年国内生产总值1401879亿元,按不变价格计算,比上年增长5.0%。"
                "全年社会消费品零售总额501202亿元,比上年增长3.7%。")
    for surface, metric in (("1401879亿元", "gdp"), ("5.0%", "gdp_growth"), ("501202亿元", "retail_sales"),
                            ("3.7%", "retail_sales_growth")):
        row = _row(df, surface)
        assert (row["subject"], row["metric"]) == ("China", metric), surface


def test_a_hong_kong_release_in_traditional_script():
    df = _frame("本港12月零售額按年升6.6%\n政府統計處公布,2025年12月零售業總銷貨價值的臨時估計為350億元,按年上升6.6%。")
    row = _row(df, "350億元")
    assert (row["subject"], row["metric"]) == ("Hong Kong", "retail_sales")


def test_an_english_release_and_money_named_after_a_country():
    df = _frame("China reports 5% GDP growth in 2025\n"
                "China's gross domestic product expanded by 5 percent in 2025, official data showed on Monday. "
                "The country's annual GDP came in at 140.19 trillion yuan ($20.13 trillion) in 2025.\n"
                "Hong Kong's retail sales were 38.5 billion U.S. dollars in the year.")
    assert {(_row(df, s)["subject"], _row(df, s)["metric"]) for s in ("5 percent", "140.19 trillion yuan")} \
        == {("China", "gdp_growth"), ("China", "gdp")}
    # 'U.S. dollars' names money, not the United States
    assert _row(df, "38.5 billion U.S. dollars")["subject"] != "United States"


@pytest.mark.parametrize("text", [
    "比亚迪10月销量44.2万辆\n比亚迪公布,10月出口8.4万辆,同比增长1.5倍,出口额120亿元。",
    "BYD's October exports jump\nBYD said its exports reached 120 billion yuan in China's October trade data.",
])
def test_an_article_about_a_company_keeps_its_figures(text):
    # a carmaker's exports are its own, whatever the metric measures in an economy
    df = _frame(text)
    assert not set(df["subject"]) & {"China", "Hong Kong", "United States"}
    assert "BYD" in set(df["subject"])

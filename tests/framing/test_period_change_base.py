"""The earlier figure of a change (docs/framing.md, 'Flows and levels'): in 'the
margin slipped to 11.6% from 15.5%' or '利润率从15.5%降至11.6%' a results figure is
compared with its own period a year before, so the base holds a year before the
later figure - a quarter before when the sentence says 环比 / 'sequentially' - and a
year-back phrase of the clause ('from RMB1.31 billion a year earlier') is the base's,
not the later figure's.  Texts invented; periods read off them."""
from __future__ import annotations

from ledger.framing import frame_text


def _rows(text: str, published: str = "") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def test_an_english_margin_from_a_base_is_a_year_earlier():
    rows = _rows("Lumacore's third-quarter 2025 revenue rose 8%. Its operating margin slipped to 11.6% "
                 "from 15.5%.", published="2025-11-18")
    assert rows["11.6%"]["period"] == "2025-Q3"
    assert rows["15.5%"]["period"] == "2024-Q3"


def test_a_chinese_margin_from_a_base_is_a_year_earlier():
    rows = _rows("星河咖啡2025年第三季度营收增长20%,营业利润率从15.5%降至11.6%。", published="2025-11-18")
    assert rows["11.6%"]["period"] == "2025-Q3"
    assert rows["15.5%"]["period"] == "2024-Q3"


def test_a_year_back_phrase_after_the_base_is_not_the_later_figures():
    rows = _rows("In the third quarter of 2025, Lumacore's net income fell to RMB1,278.3 million from "
                 "RMB1,314.3 million in the same quarter last year.", published="2025-11-18")
    assert rows["RMB1,278.3 million"]["period"] == "2025-Q3"
    assert rows["RMB1,314.3 million"]["period"] == "2024-Q3"


def test_a_sequential_change_takes_the_quarter_before():
    rows = _rows("Lumacore's second-quarter 2025 gross margin rose sequentially to 40.1% from 38.2%.",
                 published="2025-08-18")
    assert rows["40.1%"]["period"] == "2025-Q2"
    assert rows["38.2%"]["period"] == "2025-Q1"


def test_an_unnamed_share_of_revenue_holds_for_the_reported_half():
    # '佔收入比例' names no metric of its own, but its clause is about revenue: it is
    # part of the half-year account the article reports on; 由 opens the earlier figure
    text = ("星河玩具集团公布2025年上半年业绩,收入增长204%。\n\n"
            "星河玩具线上渠道占收入比例由26.7%增至35.5%,反映其增速更胜实体门店。")
    rows = _rows(text, published="2025-08-19")
    assert rows["35.5%"]["period"] == "2025-H1"
    assert rows["26.7%"]["period"] == "2024-H1"


def test_an_unnamed_ratio_without_a_results_cue_stays_undated():
    text = "星河玩具集团公布2025年上半年业绩,收入增长204%。\n\n星河玩具称约有30%的受访者表示愿意再次购买。"
    rows = _rows(text, published="2025-08-19")
    assert rows["30%"]["period"] != "2025-H1"


def test_an_article_before_the_base_keeps_the_pair():
    rows = _rows("Lumacore's third-quarter 2025 results were weak. Operating cash flow fell 22.8% to $6.07bn "
                 "from the $7.86bn recorded.", published="2025-10-21")
    assert rows["$6.07bn"]["period"] == "2025-Q3"
    assert rows["$7.86bn"]["period"] == "2024-Q3"


def test_a_growth_takes_the_period_of_the_figure_it_is_said_of():
    # the quarter opens the sentence, but the growth is the whole year's revenue's
    rows = _rows("星河精密表示,第四季营收达2兆6028亿元,年增22.07%;全年自结营收则达8兆998亿元,年增18.07%。",
                 published="2026-01-05")
    assert rows["22.07%"]["period"] == "2025-Q4"
    assert rows["18.07%"]["period"] == "2025"


def test_a_growth_after_a_base_figure_keeps_the_sentences_period():
    rows = _rows("星河汽车三季度总营收达到194.5亿元,较2024年第三季度的98.6亿元同比增长97.3%。",
                 published="2025-11-18")
    assert rows["97.3%"]["period"] == "2025-Q3"


def test_the_base_of_a_comparison_passes_its_period_to_no_later_figure():
    # 'versus C$2.91 in Q4 2024' is the earlier quarter; the next item is the quarter reported
    text = ("Zentrova Holdings' fourth quarter of 2025 delivered:\n"
            "  • Diluted EPS of C$3.76, versus C$2.91 in Q4 2024.\n"
            "  • Adjusted EPS of C$3.85, beating analyst expectations.\n")
    rows = _rows(text, published="")
    assert rows["C$2.91"]["period"] == "2024-Q4"
    assert rows["C$3.85"]["period"] != "2024-Q4"


def test_a_forecast_a_figure_beat_is_of_that_figures_period():
    # the analysts' $1.08B was a forecast of the quarter whose $1.15B beat it
    text = ("Quilbrook exceeded Street forecasts with its Q3 2025 results on Tuesday.\n\n"
            "The company reported $1.15B in revenue from its vaccine, still exceeding the $1.08B projected "
            "by analysts, according to Bloomberg data.")
    rows = _rows(text, published="")
    assert rows["$1.15B"]["period"] == "2025-Q3"
    assert rows["$1.08B"]["period"] == "2025-Q3"
    assert rows["$1.08B"]["modality"] == "forecast"


def test_a_level_after_a_year_back_base_is_the_later_figures():
    # 'rose 17% from a year earlier to €2.9bn': the year back is the base of the rise; the
    # amount after 'to' is the level the quarter reached, the quarter's own figure
    rows = _rows("Lumacore's sales beat estimates in the fourth quarter. The company's sales rose 17% from a "
                 "year earlier to €2.9bn, it said on Thursday.", published="2023-03-02")
    assert rows["€2.9bn"]["period"] == "2022-Q4"
    assert rows["17%"]["period"] == "2022-Q4"


def test_a_date_something_was_told_is_no_period_to_carry():
    # 'said in December' dates the telling: the next paragraph's quarterly figures go on in
    # the quarter the lead names, not in December
    text = ("Lumacore NV's sales beat estimates in the fourth quarter, boosted in part by a singer's album.\n"
            "The company's sales rose 17% to €2.9bn, the company said on Thursday.\n"
            "Lumacore, which signed a deal with the singer in 2018, said in December her album sold more than "
            "six million units worldwide in the first eight weeks of its release.\n"
            "The company's music publishing revenue jumped 30% to €530m.")
    rows = _rows(text, published="2023-03-02")
    assert rows["€530m"]["period"] == "2022-Q4"
    assert rows["30%"]["period"] == "2022-Q4"

"""Parts of a company (lexicon/parts.toml, roles.part_of, markets.product_part):
the object of a results or growth figure is the segment, product, region or
channel it is of, one canonical name in every language, and empty for the company
as a whole.  Companies are made up (华星科技, Zentrix Corp., Velora AG), so the
entity table cannot help; each expected value is read off the sentence."""
from __future__ import annotations

import pytest

from ledger.framing import frame_text


def _rows(text: str, published: str = "2025-11-20") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


# One product written three ways meets under one name: 个人电脑 / PC / PCs -> 'pcs'.
@pytest.mark.parametrize("text, surface", [
    ("华星科技公布第三季度业绩。华星科技个人电脑收入为52亿元,同比增长8%。", "52亿元"),
    ("Zentrix Corp. reported results. Zentrix Corp. said PC revenue was $5.2 billion in the third quarter.",
     "$5.2 billion"),
    ("Zentrix Corp. reported results. Zentrix Corp. said PCs revenue was $5.2 billion in the third quarter.",
     "$5.2 billion"),
])
def test_one_product_in_any_form_has_one_canonical_name(text, surface):
    assert _rows(text)[surface]["object"] == "pcs"


# A region word with its head (区 / 市场 / 地区) is the region; mainland China, China
# and Greater China are three different scopes, each named as the article says.
@pytest.mark.parametrize("text, surface, part", [
    ("华星科技公布中期业绩。华星科技美洲区收入22.65亿元,同比增长11倍。", "22.65亿元", "americas"),
    ("华星科技公布中期业绩。华星科技中国内地营收29.1亿元,同比增长19%。", "29.1亿元", "mainland china"),
    ("华星科技公布中期业绩。华星科技大中华区营收9.47亿欧元,同比增长10%。", "9.47亿欧元", "greater china"),
    ("华星科技公布中期业绩。华星科技境外市场GMV达3亿元,同比增长75%。", "3亿元", "overseas"),
])
def test_a_region_with_its_head_word_is_the_part(text, surface, part):
    assert _rows(text)[surface]["object"] == part


def test_a_growth_multiple_after_its_number_takes_the_part_of_the_noun_before():
    # '美洲市場期內收入便勁升11倍': the multiple's cue follows it, 收入 is the figure, 美洲 its part
    rows = _rows("華星科技公布中期業績。美洲市場期內收入便勁升11倍。")
    assert rows["11倍"]["object"] == "americas"


def test_revenue_from_a_region_after_the_cue():
    text = ("Zentrix Corp. reported first-half results on Tuesday. "
            "Revenue from Asia-Pacific markets soared 257.8% to 2.85 billion yuan.")
    rows = _rows(text)
    assert rows["2.85 billion yuan"]["object"] == "asia-pacific"


def test_a_segment_and_the_total_in_one_sentence_stay_apart():
    # the total has no part (the company as a whole); the region's figures have it
    text = ("Zentrix Corp. reported results. Zentrix Corp. revenue rose 23% to RMB 5.22 billion, and "
            "domestic China revenue grew 19% to RMB 2.91 billion, while overseas markets expanded 28% "
            "to RMB 2.31 billion.")
    rows = _rows(text)
    assert rows["RMB 5.22 billion"]["object"] == ""
    assert rows["RMB 2.91 billion"]["object"] == "mainland china"
    assert rows["28%"]["object"] == "overseas" and rows["RMB 2.31 billion"]["object"] == "overseas"


def test_parts_listed_respectively_pair_with_their_figures():
    text = "華星科技公布中期業績。亞太區、美洲區、歐洲區分別收入人民幣28.51億元、22.65億元與4.78億元。"
    rows = _rows(text)
    assert [rows[s]["object"] for s in ("人民幣28.51億元", "22.65億元", "4.78億元")] == \
        ["asia-pacific", "americas", "europe"]


# Where a company is from, or what a maker makes, is no part of its figure.
@pytest.mark.parametrize("text, surface", [
    ("根據 Omdia 最近發佈的報告，華星科技在第三季度的智能手機銷售中奪得冠軍。該韓國公司共出貨了 6,060 萬部設備。",
     "6,060 萬"),
    ("2025年第2季全球前十大晶圓代工廠合計營收超過417億美元。", "超過417億美元"),
    ("華星科技公布業績。華星科技不按美國通用會計準則淨利潤為38億元。", "38億元"),
])
def test_a_nationality_or_a_maker_word_is_no_part(text, surface):
    assert _rows(text)[surface]["object"] not in ("korea", "foundry", "united states")


def test_a_nationality_adjective_before_a_described_company_is_not_the_counterpart():
    # 'a stake in German sportswear maker Velora': Velora is held, German says where it is from
    text = ("Zentrix Corp. said on Tuesday it had agreed to buy a 29.06 per cent stake in German "
            "sportswear maker Velora AG from its founding family. Velora AG shares rose.")
    assert _rows(text)["29.06 per cent"]["object"] == "Velora"


def test_a_region_that_is_a_company_name_is_not_read_inside_it():
    # 'U.S.-dollar sales' is a currency, not sales in the United States
    text = "Zentrix Corp. said it expects its U.S.-dollar sales to grow nearly 35 percent this year."
    assert _rows(text)["nearly 35 percent"]["object"] == ""


def test_a_market_report_gives_each_company_its_product():
    # the lead names the research firm and the product: each vendor's shipments are smartphones
    text = ("根據 Omdia 最近發佈的報告，華星科技在第三季度的智能手機銷售中奪得冠軍。"
            "華星科技共出貨了 6,060 萬部，較 2024 年第三季度增長 6%。")
    rows = _rows(text)
    assert rows["6,060 萬"]["object"] == rows["6%"]["object"] == "smartphones"


def test_an_industry_figure_of_no_company_gets_no_product_part():
    text = ("根据TrendForce最新调查,2025年第三季DRAM产业营收较前一季成长30.9%,达414亿美元。\n\n"
            "华星科技营收季增12.4%,达137.5亿美元。")
    rows = _rows(text)
    assert rows["137.5亿美元"]["object"] == "dram"
    assert rows["414亿美元"]["subject"] == "" and rows["414亿美元"]["object"] == ""

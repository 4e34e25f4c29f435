"""Issue 10: the entity table improves matching; it never decides whether a
claim exists.  An article about a company nobody added to the table gives as
many claims as the same article about a known company, filed under the name
the article uses - never under a known company mentioned nearby."""
from __future__ import annotations

import pytest

from ledger.framing import frame_text
from ledger.framing.cues import default_lexicon
from ledger.sources import to_simplified

# The same results story in three scripts; {co} is the company, {rival} a known
# competitor named in passing (the trap: its name must not take the figures).
STORY = {
    "hans": ("{co}公布第三季度业绩\n2025年11月18日\n\n"
             "{co}(09999)公布,第三季度营收为152.87亿元人民币,同比增长50.2%;净利润12.78亿元,同比下降2.7%。"
             "{rival}同期营收增长10%。\n"
             "{co}的毛利率为58.3%。"),
    "hant": ("{co}公布第三季業績\n2025年11月18日\n\n"
             "{co}(09999)公布,第三季營收為152.87億元人民幣,按年增長50.2%;淨利潤12.78億元,按年下降2.7%。"
             "{rival}同期營收增長10%。\n"
             "{co}的毛利率為58.3%。"),
    "en": ("{co} Reports Third-Quarter Results\nPublished 2025-11-18\n\n"
           "{co} (NASDAQ: ZTRV) reported third-quarter revenue of $15.29 billion, up 50.2% year-on-year, and net "
           "income of $1.28 billion, down 2.7%. {rival} grew revenue 10% in the same quarter.\n"
           "{co}'s gross margin was 58.3%."),
}
KNOWN = {"hans": ("腾讯", "阿里巴巴"), "hant": ("騰訊", "阿里巴巴"), "en": ("Tencent", "Alibaba")}
# Invented names, with the shapes news writes them in: a suffix-less brand, an
# industry suffix, a two-word English name with a corporate suffix.
INVENTED = {"hans": ["华锐星", "澜舟汽车"], "hant": ["華銳星", "瀾舟汽車"], "en": ["Zentrova Holdings", "Quilbrook"]}
# What a reader takes from the story: (surface, metric, value); the rival's 10% is the rival's.
FIGURES = {
    "hans": [("152.87亿元人民币", "revenue", 15287000000.0), ("50.2%", "revenue_growth", 0.502),
             ("12.78亿元", "net_profit", 1278000000.0), ("2.7%", "net_profit_growth", -0.027),
             ("58.3%", "gross_margin", 0.583)],
    "hant": [("152.87億元人民幣", "revenue", 15287000000.0), ("50.2%", "revenue_growth", 0.502),
             ("12.78億元", "net_profit", 1278000000.0), ("2.7%", "net_profit_growth", -0.027),
             ("58.3%", "gross_margin", 0.583)],
    "en": [("$15.29 billion", "revenue", 15290000000.0), ("50.2%", "revenue_growth", 0.502),
           ("$1.28 billion", "net_profit", 1280000000.0), ("2.7%", "net_profit_growth", -0.027),
           ("58.3%", "gross_margin", 0.583)],
}


def _claims(text: str) -> list[dict]:
    return frame_text(text, source="t", published="2025-11-18")


def _rows(text: str, published: str) -> dict[str, dict]:
    """The claims of ``text`` by surface."""
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def _table_names() -> set[str]:
    return {e.name for e in default_lexicon().entities}


@pytest.mark.parametrize("script", sorted(STORY))
@pytest.mark.parametrize("which", [0, 1])
def test_an_unknown_company_gives_as_many_claims_as_a_known_one(script, which):
    known, rival = KNOWN[script]
    name = INVENTED[script][which]
    assert to_simplified(name).lower() not in {a for e in default_lexicon().entities for a in e.aliases}
    as_known = _claims(STORY[script].format(co=known, rival=rival))
    as_unknown = _claims(STORY[script].format(co=name, rival=rival))
    assert len(as_unknown) == len(as_known) >= len(FIGURES[script]) + 1  # + the rival's 10%


@pytest.mark.parametrize("script", sorted(STORY))
@pytest.mark.parametrize("which", [0, 1])
def test_an_unknown_company_keeps_its_own_figures(script, which):
    _, rival = KNOWN[script]
    name = INVENTED[script][which]
    got = {r["surface"]: r for r in _claims(STORY[script].format(co=name, rival=rival))}
    for surface, metric, value in FIGURES[script]:
        row = got[surface]
        # filed under the name as written (simplified script; a legal suffix dropped), never a table entity
        assert row["subject"] not in _table_names(), (surface, row["subject"])
        assert to_simplified(name).startswith(row["subject"]) or row["subject"].startswith(to_simplified(name)[:2])
        assert (row["metric"], row["value"]) == (metric, pytest.approx(value))
        assert row["period"] == "2025-Q3"
    # the rival named in passing keeps its own figure
    assert got["10%"]["subject"] in _table_names()


def test_a_news_agency_never_takes_the_figures():
    text = ("澜舟汽车第三季度营收增长\n2025年11月18日\n\n"
            "据路透社报道,澜舟汽车第三季度营收为152.87亿元,同比增长50.2%。彭博社数据显示,澜舟汽车股价年内上涨40%。")
    got = {r["surface"]: r["subject"] for r in _claims(text)}
    assert set(got.values()) == {"澜舟汽车"}


# A company listed twice names both listings in one bracket: the exchanges in it
# are where it is listed (HKEX and NYSE are in the entity table), never the subject,
# and the bracket vouches for the name before it even when a dictionary reads that
# name as ordinary words (名 / 创优 / 品 by jieba).
@pytest.mark.parametrize("bracket", ["(NYSE:ZNTR;HKEX:9896)", "（NYSE：ZNTR；HKEX：9896）", "(9896.HK、ZNTR)"])
def test_a_double_listing_bracket_vouches_for_the_name_and_names_no_exchange(bracket):
    text = f"2025年11月21日,名创优品集团{bracket}公布了2025年第三季度财务报告。第三季度名创优品集团总营收达58亿元。"
    rows = frame_text(text, source="x", published="2025-11-21")
    revenue = [r for r in rows if r["metric"] == "revenue"]
    assert [r["subject"] for r in revenue] == ["名创优品"]


# A short name of the table found inside another word is no mention of it:
# '其中海外门店' reads 其中 / 海外 / 门店, not 中海外 (a developer's short name).
def test_a_short_table_name_inside_another_word_is_no_mention():
    text = "华星集团第三季度全球门店总数增至8138家，其中海外门店净增233家。"
    rows = frame_text(text, source="x", published="2025-11-21")
    assert rows and {r["subject"] for r in rows} == {"华星"}


# The headline's head, named again before a reporting verb, is a name even when a
# dictionary reads it as ordinary words (jieba: 名 / 创优 / 品).
def test_the_headlines_head_reporting_is_a_name_a_dictionary_splits():
    text = ("名创优品2025Q3:潮玩亮眼增长\n\n"
            "名创优品近期公布的2025年第三季度财务报告引发关注。数据显示,该季度公司总营收达57.97亿元,同比增长28.2%。")
    rows = frame_text(text, source="x", published="2025-11-25")
    assert {r["subject"] for r in rows if r["metric"] in ("revenue", "revenue_growth")} == {"名创优品"}


# A brand ('潮玩品牌TOP TOY') is a part of the article's company: its figures are the
# company's, with the brand as their part.
def test_a_brands_figures_are_its_companys_with_the_brand_as_part():
    text = ("华星集团公布第三季度业绩。\n\n"
            "作为第二增长曲线的潮玩品牌TOP TOY表现尤为亮眼,单季度营收达5.75亿元,同比激增111.4%。")
    rows = {r["surface"]: r for r in frame_text(text, source="x", published="2025-11-25")}
    assert (rows["5.75亿元"]["subject"], rows["5.75亿元"]["object"]) == ("华星", "top toy")
    assert (rows["111.4%"]["subject"], rows["111.4%"]["object"]) == ("华星", "top toy")


# The company's namesake brand: '名创优品品牌营收' / 'The core MINISO brand contributed' is
# the brand's revenue (a part), not the group's total.
@pytest.mark.parametrize("text, surface, part", [
    ("华星集团第三季度总营收达58亿元，其中华星品牌营收52.2亿元，同比增长23%。", "52.2亿元", "华星 brand"),
    ("Zentrix Holdings reported revenue of RMB 5.8 billion. Revenue of the core Zentrix brand was RMB 5.22 billion.",
     "RMB 5.22 billion", "zentrix brand"),
])
def test_the_namesake_brands_figure_is_a_part(text, surface, part):
    rows = {r["surface"]: r for r in frame_text(text, source="x", published="2025-11-21")}
    assert rows[surface]["object"] == part
    whole = next(r for r in rows.values() if r["value"] in (5.8e9, 5.8e9))
    assert whole["object"] == ""


# 'Apple improved its position with 6.8 million units': a pronoun stands for the
# organisation its sentence has just named, not for the article's company.
def test_its_refers_to_the_company_its_sentence_named():
    text = ("Zentrix Inc. maintained its leadership with 19.4 million units. "
            "Nordlys Corp. improved its position with 6.8 million units.")
    rows = {r["surface"]: r["subject"] for r in frame_text(text, source="x", published="2025-10-09")}
    assert rows == {"19.4 million": "Zentrix", "6.8 million": "Nordlys"}


def test_corporate_words_alone_are_no_name():
    text = "Zentrix Group Holding Limited recently released its Q3 2025 report, with revenue of RMB 5.8 billion."
    rows = frame_text(text, source="x", published="2025-11-21")
    assert {r["subject"] for r in rows if r["metric"] == "revenue"} == {"Zentrix"}


# A research digest that calls its company only 公司 / 'the company' and never names it:
# its figures are still claims (the table, or a name, never decides whether a claim exists),
# with the subject left empty for a reviewer, and a number without a metric cue stays out.
@pytest.mark.parametrize("text,figures", [
    ("财务表现 - 公司25年第三季度营收84.6亿元,同比增长20.6% - 毛利率为43.5%,同比提升0.9个百分点",
     {"84.6亿元": "revenue", "20.6%": "revenue_growth", "43.5%": "gross_margin"}),
    ("Highlights - The company's third-quarter revenue was RMB 8.46 billion, up 20.6% year on year; "
     "gross margin was 43.5%.",
     {"RMB 8.46 billion": "revenue", "20.6%": "revenue_growth", "43.5%": "gross_margin"}),
])
def test_an_article_that_never_names_its_company_keeps_its_claims(text, figures):
    rows = {r["surface"]: r for r in frame_text(text, source="x", published="2025-11-13")}
    for surface, metric in figures.items():
        assert rows[surface]["metric"] == metric, surface
        assert rows[surface]["subject"] == "", surface


def test_a_nameless_number_without_a_metric_cue_is_no_claim():
    rows = frame_text("他说,约30亿元并不算多。", source="x", published="2025-11-13")
    assert rows == []


# Evidence of a name a reader uses too, for companies the table does not know (invented names).
@pytest.mark.parametrize("text,surface,name", [
    # a word saying what the organisation is, right before its name
    ("Shares of Chinese bubble-tea chain Quilbrook Tea surged on debut. Quilbrook Tea raised HK$272.8 million.",
     "HK$272.8 million", "Quilbrook Tea"),
    ("内地茶饮品牌澜舟阿姨正式在港股挂牌上市。澜舟阿姨每股定价113.12港元,募资约1.95亿港元。",
     "约1.95亿港元", "澜舟阿姨"),
    # the capitalised words opening a sentence-case headline, named again in the body
    ("Zentrova has priced its US IPO at USD 40 per share\nThe offering valued Zentrova at USD 15.2 billion.",
     "USD 15.2 billion", "Zentrova"),
    # a digest's headline head before a results word, never named again
    ("华锐星中期业绩暴增121% 下沉市场成增长引擎\n核心财务表现 - 2025年上半年实现收入56.63亿元,同比增长41.2% [1]",
     "56.63亿元", "华锐星"),
])
def test_an_unknown_name_is_read_off_how_the_article_uses_it(text, surface, name):
    rows = _rows(text, "2025-09-10")
    assert to_simplified(rows[surface]["subject"]) == to_simplified(name)


def test_a_latin_word_written_as_a_line_of_business_is_no_company():
    text = ("华锐星营收连续三个季度猛涨\n华锐星三季度总营收1.81亿元,三季度Robotaxi业务实现收入4770万元,"
            "公司Robotaxi车队达961辆,第七代Robotaxi车型量产。")
    rows = _rows(text, "2025-11-25")
    assert rows["4770万元"]["subject"] == "华锐星"


def test_an_exchange_is_the_venue_of_a_listing_not_its_party():
    text = ("Zentrova has priced its IPO on the New York Stock Exchange at USD 40 per share.\n"
            "Zentrova raised USD 1.37 billion on the New York Stock Exchange.")
    rows = _rows(text, "2025-09-10")
    assert rows["USD 1.37 billion"]["subject"] == "Zentrova"


def test_common_words_after_a_descriptor_are_no_name():
    text = "腾讯集团整体营收增长15%,集团整体利润增长10%。平台服务收入增长8%,平台服务成本下降。"
    assert {r["subject"] for r in frame_text(text, source="x", published="2025-11-13")} <= {"Tencent"}


def test_a_name_described_after_a_comma_is_an_organisation():
    text = ("Zentrova, the Swedish \u201cbuy now, pay later\u201d fintech, went public on the New York Stock "
            "Exchange, raising about $1.37 billion. Zentrova priced its shares at $40.")
    rows = _rows(text, "2025-09-10")
    assert rows["about $1.37 billion"]["subject"] == "Zentrova"


def test_a_name_never_runs_across_a_line_or_into_its_verb():
    text = ("Zentrova to Acquire Quilbrook in $48.7 Billion Deal to Create Health and Wellness Leader\n\n"
            "Zentrova Corporation has announced a definitive agreement to acquire Quilbrook Inc. in a "
            "transaction valued at approximately $48.7 billion.")
    rows = _rows(text, "2025-11-03")
    assert rows["approximately $48.7 billion"]["subject"] == "Zentrova"


# A name whose last word is a generic one ('AI', 'Tech') is still a name when its head is not:
# 'Pony AI', 'Scale AI', 'Moonshot AI'. A generic head ('AI Chips Inc.') is no name.
@pytest.mark.parametrize("name", ["Zentrova AI", "Quilbrook Cloud"])
def test_a_name_with_a_generic_last_word_is_a_name(name):
    text = (f"{name} Reports Strong Quarter\n\n{name} Inc. said revenue rose to $25.4 million in the third "
            "quarter, listed on the Hong Kong Stock Exchange.")
    rows = _rows(text, "2025-11-25")
    assert rows["$25.4 million"]["subject"] == name


def test_a_generic_head_with_a_corporate_suffix_is_no_name():
    from ledger.framing.doc import analyse
    from ledger.framing.names import discover

    doc = analyse("AI Chips Inc. grew fast.", [])
    assert discover(doc.clean.text, doc.low, doc.lex, [], doc.lex.cue_words) == []


# A part of a company no parts table knows, named with a word that says it is one (业务, segment):
# its figures are the part's, not the company's whole (roles.part_of; cues.toml part_heads).
@pytest.mark.parametrize("text,surface,part", [
    ("华锐星三季度总营收1.81亿元,三季度Robotaxi业务实现收入4770万元,同比增长89.5%。", "4770万元", "robotaxi"),
    ("华锐星三季度总营收1.81亿元,其中自动驾驶卡车业务收入为1029万美元。", "1029万美元", "自动驾驶卡车"),
    ("Zentrova reported third-quarter revenue from its robotaxi segment surged 89.5% to 47.7 million yuan.",
     "47.7 million yuan", "robotaxi"),
    ("Zentrova's cloud business revenue was $2.1 billion in the quarter.", "$2.1 billion", "cloud"),
])
def test_a_part_named_with_a_head_word_is_the_figures_object(text, surface, part):
    rows = _rows(text, "2025-11-25")
    assert rows[surface]["object"] == part
    whole = _rows("华锐星三季度总营收1.81亿元。", "2025-11-25")
    assert whole["1.81亿元"]["object"] == ""    # the whole company's figure names no part


# A price per share in a deal or an IPO is a share price; earnings per share need the word.
@pytest.mark.parametrize("text,surface,metric", [
    ("Zentrova will purchase Quilbrook common stock for $23.28 per share.", "$23.28", "share_price"),
    ("Zentrova priced its IPO at $40 per share.", "$40", "share_price"),
    ("Zentrova reported earnings per share of $1.05 for the quarter.", "$1.05", "eps"),
    ("Zentrova earned $1.05 per diluted share in the quarter.", "$1.05", "eps"),
])
def test_per_share_is_a_price_unless_earnings_are_named(text, surface, metric):
    assert _rows(text, "2025-09-18")[surface]["metric"] == metric


# A purpose after an investment's counterpart ('in Quilbrook to develop AI infrastructure') does not
# make the investment an infrastructure investment; with no counterpart between, it does.
def test_an_investment_in_a_company_stays_an_investment_whatever_its_purpose():
    rows = _rows("Zentrova plans to invest $5 billion in tech giant Quilbrook Inc. to develop AI infrastructure.",
                 "2025-09-18")
    assert rows["$5 billion"]["metric"] == "investment"
    rows = _rows("Zentrova plans to invest $5 billion to build AI infrastructure in Texas.", "2025-09-18")
    assert rows["$5 billion"]["metric"] == "infrastructure_investment"


# The words before a stock code name the company, even when their end recurs inside other words
# ('积电' of 台积电 and 力积电): the name is the whole run after the last function word or descriptor.
# A generic word before the name ('公司') is not part of it. A business line after a descriptor
# ('旗下晶圆代工事业') is no company.
def test_the_name_before_a_stock_code_is_the_whole_run_not_a_recurring_end():
    text = ("此外，世瀾先進（5347）第2季營收約3.8億美元，排名第七；力瀾電（6770）營收3.5億美元。"
            "晶圓代工龍頭台瀾電（2330）第2季營收達302.4億美元，受先進製程帶動。")
    rows = _rows(text, "2025-09-01")
    assert to_simplified(rows["約3.8億美元"]["subject"]) == "世澜先进"
    assert to_simplified(rows["302.4億美元"]["subject"]) == "台澜电"


def test_a_line_of_business_after_a_descriptor_is_no_company():
    text = "华锐星旗下晶圆代工事业因新品备货，营收近31.6亿美元，季增9.2%。晶圆代工事业市占7.3%。"
    subjects = {r["subject"] for r in frame_text(text, source="x", published="2025-09-01")}
    assert "晶圆" not in subjects


# A Chinese name glossed with its Latin name in brackets ('平台“喜马拉雅”(Ximalaya)') is one
# organisation with two forms; the Latin one is shown, so the English article's claim about the same
# company carries the same subject. A term of the trade in brackets ('(HBM)') or a person without a
# descriptor ('黄仁勋(Jensen Huang)') is no such name.
def test_a_glossed_name_is_shown_in_the_form_other_languages_share():
    hans = "腾讯音乐宣布以总价12.6亿美元收购中国线上音频平台“澜舟音频”(Lanzhoa Audio)。澜舟音频在职人员超过2300人。"
    en = "Tencent Music agreed to buy Lanzhoa Audio for $1.26 billion. Lanzhoa Audio has more than 2,300 employees."
    zh_rows, en_rows = _rows(hans, "2025-06-11"), _rows(en, "2025-06-11")
    assert zh_rows["12.6亿美元"]["object"] == "Lanzhoa Audio" == en_rows["$1.26 billion"]["object"]
    research = _rows("研调机构集锐(Zentrend)指出，第2季全球晶圆代工营收417亿美元。", "2025-09-01")
    assert research  # the research firm is found and its figures kept


def test_a_term_or_a_person_in_brackets_is_no_glossed_name():
    from ledger.framing.doc import analyse
    from ledger.framing.names import discover

    doc = analyse("高频宽记忆体(HBM)需求强劲,执行长黄仁勋(Jensen Huang)表示营收增长。零售品牌华锐星(ZTRV.US)营收增长。", [])
    names = {o.name for o in discover(doc.clean.text, doc.low, doc.lex, [], doc.lex.cue_words)}
    assert not names & {"HBM", "Jensen Huang", "高频宽记忆体", "黄仁勋", "ZTRV.US"}   # a ticker is no gloss


# 利润 in a results sentence is the company's profit; only 利润上限 or 'brings its holder' (为其带来)
# makes it the most profit a holder can receive (profit_cap).
def test_a_results_profit_is_a_net_profit_not_a_profit_cap():
    rows = _rows("华锐星发布的财报显示,公司上半年实现收入56.63亿元;期内利润16.26亿元,同比增长119.8%。", "2025-08-26")
    assert rows["16.26亿元"]["metric"] == "net_profit"
    assert rows["119.8%"]["metric"] == "net_profit_growth"


# A name right before a word that makes it a modifier of another party ('the Nvidia rival', '软银领投')
# is never the subject of the figures around it ([roles] modifier_after).
@pytest.mark.parametrize("text,surface,subject", [
    ("Zentrova Systems raised $1 billion at a valuation of $23 billion. This nearly triples the $8.1 billion "
     "valuation the Nvidia rival had reached six months earlier.", "$8.1 billion", "Zentrova Systems"),
    ("Zentrova Systems宣布完成融资。当前市值达151亿美元,较2021年软银领投6.39亿美元融资时456亿美元估值仍大幅下降。",
     "456亿美元", "Zentrova Systems"),
])
def test_a_name_that_modifies_another_party_is_not_the_subject(text, surface, subject):
    assert _rows(text, "2025-09-10")[surface]["subject"] == subject


# A number compared with a benchmark keeps its own modality: the forecast cue is the benchmark's.
def test_a_figure_that_beat_the_consensus_is_a_fact_and_the_consensus_a_forecast():
    text = ("Zentrova reported third-quarter 2025 results. The company's earnings per share of RMB0.65 beat the "
            "analyst consensus of RMB0.57.")
    rows = _rows(text, "2025-11-03")
    assert rows["RMB0.65"]["modality"] == "actual"
    assert rows["RMB0.57"]["modality"] == "forecast"
    rows = _rows("Zentrova projects earnings per share of $8.42, nearly double the analyst consensus of $4.49.",
                 "2025-12-18")
    assert rows["$8.42"]["modality"] == "forecast"     # no comparison word before the cue: its own forecast


# A bare magnitude after a money cue ('二季度营收为327亿') is money in the currency its paragraph
# said last: the same figure of another period, written without its unit.
def test_a_bare_magnitude_after_a_money_cue_takes_the_paragraphs_currency():
    rows = _rows("华锐星三季度营收312亿元,同比下滑7%;二季度营收为327亿。", "2025-11-18")
    assert rows["327亿"]["kind"] == "money" and rows["327亿"]["unit"] == "CNY"
    assert rows["327亿"]["metric"] == "revenue" and rows["327亿"]["value"] == 327e8
    rows = _rows("华锐星三季度付费用户数达1.26亿。", "2025-11-18")
    assert rows["1.26亿"]["kind"] == "count"     # a count after a count's cue stays a count


# A count of shares is a claim ('发售9550万股', '2.4 million shares'): share_count, a last resort
# marked for review (offered, sold, bought back or held: the words around say which), so two
# articles' share counts meet only to agree.
@pytest.mark.parametrize("text,surface", [
    ("Zentrova将于纳斯达克发售9550万股美国存托股票。", "9550万"),
    ("Zentrova Inc. sold 2.4 million shares in its Hong Kong offering. Zentrova Inc. priced them at HK$113.", "2.4 million"),
])
def test_a_count_of_shares_is_a_claim(text, surface):
    row = _rows(text, "2025-09-10")[surface]
    assert row["metric"] == "share_count" and row["kind"] == "count"


def test_two_share_counts_that_differ_are_no_contradiction():
    from ledger.crosscheck import check
    from tests.claims_factory import claim, ledger

    a = claim("s1", "34,311,274", "share_count", 34311274, kind="count", subject="Zentrova", object="",
              unit="count")
    b = claim("s2", "560万", "share_count", 5.6e6, kind="count", subject="Zentrova", object="", unit="count")
    c = claim("s3", "3431万", "share_count", 3.431e7, kind="count", subject="Zentrova", object="", unit="count")
    found = check(ledger(a, b, c))
    assert sorted(found["kind"]) == ["consistent"]    # 34,311,274 rounds to 3431万; 560万 is another count


# A national government is a party to a deal (entities.toml type government), in both scripts and English.
@pytest.mark.parametrize("text,surface", [
    ("8月22日,美国政府正式官宣,斥资89亿美元拿下华锐星4.333亿股普通股股份。", "89亿美元"),
    ("8月22日，美國政府正式官宣，斥資89億美元拿下華銳星4.333億股普通股股份。", "89億美元"),
    ("The US government took a roughly 10% stake in Zentrova Inc. for $8.9 billion.", "$8.9 billion"),
])
def test_a_government_is_a_party_to_a_deal(text, surface):
    assert _rows(text, "2025-08-22")[surface]["subject"] == "US government"


def test_a_startup_descriptor_vouches_for_a_latin_name_in_a_chinese_article():
    text = ("輝達傳併購AI晶片新創Zentrova\n輝達已同意以200億美元現金收購高效能人工智慧加速晶片設計商Zentrova，"
            "而輝達執行長在發給員工的電子郵件中表示，協議將讓輝達獲得知識產權許可。"
            "3個月前，Zentrova以約69億美元的估值融資7.5億美元。")
    rows = _rows(text, "2025-12-25")
    assert rows["約69億美元"]["subject"] == "Zentrova"


# A traditional-script article about a Taiwan-listed company (entities.toml tickers TWSE/TPEX) writes
# NT dollars as a bare 元; the renminbi named anywhere, or simplified script, keeps CNY.
@pytest.mark.parametrize("text,unit", [
    ("廣達（2382）公布12月營收2,724.95億元，月增10%。", "TWD"),
    ("廣達（2382）公布12月營收2,724.95億元人民幣，月增10%。", "CNY"),
    ("广达公布12月营收2,724.95亿元，月增10%。", "CNY"),
])
def test_a_taiwan_listed_companys_bare_yuan_is_the_nt_dollar(text, unit):
    rows = frame_text(text, source="x", published="2026-01-16")
    money = [r for r in rows if r["kind"] == "money"]
    assert money and money[0]["unit"] == unit


# A move of 'shares' or 'stock' is a share-price change; money raised by selling shares is not a price.
@pytest.mark.parametrize("text,surface,metric", [
    ("Zentrova Tea shares jump 68.5% in Hong Kong trading debut.", "68.5%", "share_price_change"),
    ("Zentrova stock has gained over 27% in the past year.", "over 27%", "share_price_change"),
    ("Zentrova shares are trading lower by 0.81% to $18.37.", "0.81%", "share_price_change"),
    ("The company says 95.5 million shares were sold, raising $4.87bn for Zentrova.", "$4.87bn", "funding_round"),
])
def test_shares_and_stock_name_the_share_price(text, surface, metric):
    assert _rows(text, "2025-05-08")[surface]["metric"] == metric


# A headline's bare magnitude before or after a money cue ('净赚27亿', '1.5亿净利') is money in the
# article's currency (its first money figure, in the body below).
@pytest.mark.parametrize("headline,surface", [("华锐星上半年净赚27亿 全球门店数超5.3万家", "27亿"),
                                              ("华锐星1.5亿净利成逆亏样本", "1.5亿")])
def test_a_headlines_bare_magnitude_by_a_money_cue_is_money(headline, surface):
    rows = _rows(headline + "\n华锐星上半年实现净利润人民币27.18亿元,同比增长44.1%。", "2025-08-28")
    assert rows[surface]["kind"] == "money" and rows[surface]["unit"] == "CNY"
    assert rows[surface]["metric"] == "net_profit"


# The number right after 'up from' is the level a change started from: the same measure as the level
# reached before it, not a change.
def test_the_level_a_change_started_from_is_no_change():
    rows = _rows("Zentrova secured a record 70.2 percent market share in the second quarter, up from 67.6 percent "
                 "the previous quarter.", "2025-09-02")
    assert rows["70.2 percent"]["metric"] == "market_share"
    assert rows["67.6 percent"]["metric"] == "market_share"
    rows = _rows("Zentrova revenue rose 15 percent to $2 billion.", "2025-09-02")
    assert rows["15 percent"]["metric"] == "revenue_growth"    # a change with no 'from' stays one


# A digest's new section ('[10] 财务表现 - ') with no one named goes back to the article's company,
# as a new paragraph does: not to the investor named in the previous section.
def test_a_digests_new_section_goes_back_to_the_articles_company():
    text = ("IPO基本信息 - Zentrova Group Plc通过美国首次公开募股筹集13.7亿美元[1] - Zentrova Group Plc发行价40美元[2] "
            "股东结构 - 红杉资本预计持有22%投票权[3] 财务表现 - 截至6月30日六个月期间净亏损1.53亿美元 总营收15.2亿美元[4]")
    rows = _rows(text, "2025-09-11")
    assert rows["15.2亿美元"]["subject"] == "Zentrova"    # the name without its legal suffix
    assert rows["1.53亿美元"]["subject"] == "Zentrova"


# Names a dictionary reads as ordinary words or as single rare characters: what
# vouches for them is where the article puts them (the subject of a reporting
# verb; a stem with a corporate suffix), each named again.
@pytest.mark.parametrize("name", ["琪琮琮焱", "速腾聚创", "蓝跑汽车", "快行汽车", "晨光集团"])
@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_name_its_place_vouches_for_is_a_name_whatever_a_dictionary_says(name, script):
    text = (f"2025-11-18\n{name}公布2025年第三季度財務業績。數據顯示,公司實現淨營收152.9億元,按年增長50.2%。\n"
            f"截至三季度末,{name}的累計交易客戶數突破4.2億。")
    if script == "hans":
        text = to_simplified(text)
    assert to_simplified(name) not in {a for e in default_lexicon().entities for a in e.aliases}
    rows = _rows(text, "2025-11-18")
    subject = rows["152.9亿元" if script == "hans" else "152.9億元"]["subject"]
    # the display name drops a legal suffix (集团) and keeps an industry one (汽车)
    assert subject == to_simplified(name).removesuffix("集团"), subject
    assert subject not in _table_names()


@pytest.mark.parametrize("sector", ["新能源汽车", "自动驾驶"])
def test_a_sector_written_before_a_sector_word_is_no_company(sector):
    # '新能源汽车行业' says what the words are: a sector, even where they stand
    # before a reporting verb; the figure's company is the one the article names
    text = (f"2025-11-18\n{sector}行业持续增长。{sector}公布的数据显示,"
            f"珈澈汽车发布第三季度财报,营收194.5亿元。珈澈汽车的毛利率为14.5%。")
    rows = _rows(text, "2025-11-18")
    assert rows["194.5亿元"]["subject"] == "珈澈汽车"
    assert all(r["subject"] != sector for r in rows.values())


def test_a_table_name_glued_inside_an_unknown_name_with_a_suffix_is_no_mention():
    # 思科 (Cisco) is in the table; in 澜思科技 its 科 begins the suffix 科技: a piece of another name
    text = "2025-06-30\n澜思科技公布上半年业绩,营收305亿元。澜思科技的毛利率为16.6%。思科同期营收增长8%。"
    rows = _rows(text, "2025-06-30")
    assert rows["305亿元"]["subject"] == "澜思科技"
    assert rows["16.6%"]["subject"] == "澜思科技"
    assert rows["8%"]["subject"] == "Cisco"  # standing alone, it is Cisco


def test_a_registered_name_goes_on_as_its_abbreviation():
    # the registered name (place, brand, trade words, 股份有限公司) before its code, then the
    # abbreviation the article goes on with (brand + the first character of each word after it)
    text = ("2025-06-23\n浙江澜舟智能控制股份有限公司(002999.SZ/2999.HK)在港股上市首日破发。"
            "6月23日,澜舟智控在港股挂牌,发行价为22.53港元。澜舟智控2024年总收入279.5亿元。")
    rows = _rows(text, "2025-06-23")
    assert rows["22.53港元"]["subject"] == rows["279.5亿元"]["subject"] == "澜舟智控"


def test_an_english_registered_name_goes_on_as_its_first_word():
    text = ("Zhejiang Quilbrook Precision Controls Co, the maker of fridge parts, raised HK$9.3 billion "
            "in its Hong Kong listing.\nQuilbrook's revenue rose 12% to 27.9 billion yuan last year.")
    rows = _rows(text, "2025-06-23")
    subject = rows["HK$9.3 billion"]["subject"]
    assert subject.startswith("Zhejiang Quilbrook") and "Co" not in subject.split()
    assert rows["27.9 billion yuan"]["subject"] == subject


def test_a_listed_company_of_a_share_class_is_no_name():
    text = ("澜舟智控也成为近期又一家「A+H」股上市公司。澜舟智控发行价为22.53港元,"
            "A股上市公司数量达5400家,H股上市公司中有30家。")
    rows = _rows(text, "2025-06-23")
    assert all(r["subject"] != "股上市" for r in rows.values())
    assert rows["22.53港元"]["subject"] == "澜舟智控"


def test_a_unit_named_after_its_company_and_a_unit_word_is_that_companys_part():
    # '旗下' between two names: the second is the first's unit; its figures are the company's
    text = ("澜舟快运去年亏损扩大约4倍至近10亿元\n2026-03-11\n\n"
            "珈昕集团(00293)旗下澜舟快运去年除财务支出净额及税项前,亏损9.96亿元。\n"
            "澜舟快运的客运收益为63.9亿元。珈昕集团的股东应占溢利为108.28亿元。")
    rows = _rows(text, "2026-03-11")
    assert rows["9.96亿元"]["subject"] == rows["108.28亿元"]["subject"] == "珈昕"
    assert rows["9.96亿元"]["object"] == "澜舟快运"


def test_a_ratio_label_before_ttm_is_no_company():
    text = "波司登(03998)股价5.12港元,市盈率(TTM)为14.2倍,市净率(MRQ)为2.9倍。波司登营收89.28亿元。"
    rows = _rows(text, "2025-11-27")
    assert all(r["subject"] in ("波司登", "") for r in rows.values()), {r["surface"]: r["subject"] for r in rows.values()}


def test_a_table_name_heading_a_longer_registered_name_is_no_mention():
    # 'Zijin' is the table's Zijin Mining; 'Zijin Gold International' is its spin-off, another company
    text = ("China's Zijin Gold International surged as much as 72% in its Hong Kong debut after raising "
            "$3.2bn. Zijin Mining owns 85% of it.")
    rows = _rows(text, "2025-09-30")
    assert rows["$3.2bn"]["subject"] == "Zijin Gold"
    assert rows["85%"]["subject"] == "Zijin Mining"


# Where a name stands says it is one, whatever a dictionary reads: (text, surface, subjects accepted)
@pytest.mark.parametrize("text, surface, subject", [
    # a headline's head before its results word: 珂昕 are two characters a dictionary knows only as morphemes
    ("珂昕中期业绩暴增121% 下沉市场成增长引擎\n核心财务表现 - 2025年上半年实现收入56.63亿元,"
     "同比增长41.2% [1] - 股东应占溢利达16.25亿元 [1]", "56.63亿元", ("珂昕",)),
    # a headline name stops at its results word
    ("珈昕业绩超预期 游戏收入增长\n珈昕公布第三季度业绩,营收1928.7亿元。珈昕的毛利率为56%。", "1928.7亿元", ("珈昕",)),
    # a function or place word opening the run is no part of a suffixed name
    ("当中澜舟航空的收益为1000亿元。其中澜舟航空的乘客量增长25.8%。澜舟航空派息0.64元。", "1000亿元", ("澜舟航空",)),
    # no verb, no suffix, no code: the word an article keeps using before its metric words (芸澈核心 or 芸澈)
    ("这是芸澈在传统搜索受AI冲击之下的一次转型。\n1、Q3总营收312亿元,同比下滑7%。\n"
     "2、芸澈核心的营收达247亿元,同比下滑7%。\n3、芸澈核心经营利润为43亿元。\n4、芸澈核心营收中AI收入为100亿元。",
     "247亿元", ("芸澈", "芸澈核心")),
], ids=["headline-head", "headline-stops", "function-word", "kept-using"])
def test_where_a_name_stands_names_the_subject(text, surface, subject):
    assert _rows(text, "2025-11-18")[surface]["subject"] in subject


@pytest.mark.parametrize("text, surface, market", [
    ("Zentrova led the smartphone market with a 16.4% share. Total shipments fell to 284.6M units in 2025.",
     "284.6M", "smartphone market"),
    ("澜舟以16.4%份额居首中国智能手机市场。2025年中国智能手机市场出货总量约为2.85亿部,同比下滑0.6%。",
     "约为2.85亿", "china smartphone market"),
])
def test_a_total_of_the_whole_market_is_the_markets_figure(text, surface, market):
    # a whole-market word ([market] whole: total shipments, 出货总量) and no company named
    # before it in the sentence: the market's own figure, not the leader's
    assert _rows(text, "2026-01-20")[surface]["subject"] == market

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


def subjects_of(text: str, published: str) -> set[str]:
    """The subjects framing gives the claims of ``text``."""
    return {r["subject"] for r in frame_text(text, source="x", published=published)}


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



# ... nor inside a place the dictionary knows: '大中华区' (Greater China) holds 中华,
# the short form of 中华电信's table entry, and is a region of the article's company.
def test_a_short_table_name_inside_a_place_is_no_mention():
    text = ("安踏体育披露2025年第三季度业绩。今年第三季度,公司全球营收达66亿元,"
            "其中大中华区实现营收9.47亿元,同比增长10%。")
    rows = frame_text(text, source="x", published="2025-10-29")
    assert "Chunghwa Telecom" not in {r["subject"] for r in rows}
    assert {r["subject"] for r in rows if r["surface"] == "9.47亿元"} == {"Anta Sports"}



# A place is no short form of a company: 宁波银行 is in the table, but '宁波' in
# '宁波澜舟电子' is the city the company is registered in, as 上海 is no SAIC Motor.
@pytest.mark.parametrize("text", [
    "寧波澜舟電子股份有限公司(下稱「寧波澜舟電子」)公佈,每股發售股份的最終發售價定為22.00港元,所得款項淨額約為3,252.5百萬港元。",
    "上海澜舟汽车有限公司公布,今年第三季度营收达66亿元,同比增长12%。",
])
def test_a_place_is_no_short_form_of_a_company(text):
    rows = frame_text(text, source="x", published="2025-11-05")
    assert rows and not {r["subject"] for r in rows} & {"Bank of Ningbo", "SAIC Motor"}

# A Latin name in a Chinese article, set off with spaces after its descriptor
# ('新創 Skild AI 的'), or written before a speech verb ('Adidas表示'), is a name:
# the figures are its, not those of the known investors named beside it.
@pytest.mark.parametrize("text,surface,name", [
    ("《路透》周一援引知情人士消息報導,日本軟銀正洽談參與機器人新創 Zentrova AI 的最新募資案,"
     "該輪金額可能超過 10 億美元。根據 PitchBook 資料,Zentrova AI 先前在 B 輪募資中估值約為 47 億美元,"
     "投資者包括多家科技企業。",
     "47 億美元", "Zentrova AI"),
    ("這家德國運動品牌大廠調高今年全年獲利預期,反映復古運動鞋熱銷。Quilbrook表示,上修財測主要歸功於品牌動能強勁,"
     "成功地抵銷部分美國提高關稅所帶來的成本壓力。Quilbrook上季營業利益達7.36億歐元,"
     "縮小與主要競爭對手Nike的差距。", "7.36億歐元", "Quilbrook"),
])
def test_a_latin_name_in_chinese_text_is_found_by_how_it_is_used(text, surface, name):
    rows = frame_text(text, source="x", published="2025-12-09")
    assert [r["subject"] for r in rows if r["surface"].endswith(surface)] == [name]


# 'Porsche swung to a loss ... Porsche said it would': a capitalised word opening
# sentences before verb phrases only a company takes is a company; a person
# ('finance chief Jochen Breckner said it') is not.
def test_an_english_name_is_read_off_the_verbs_it_takes():
    text = ("2025-10-24\n\nZentrova swung to a bigger-than-expected operating loss in the third quarter.\n\n"
            "The group posted an operating loss of €966m, compared with a €974m profit a year earlier.\n\n"
            "Analysts polled by Visible Alpha had expected an operating loss of €611m.\n\n"
            "Zentrova said it expects a margin of 2% for this year, finance chief Jochen Breckner said. "
            "Breckner said it was the trough.")
    rows = frame_text(text, source="x", published="2025-10-24")
    assert {r["subject"] for r in rows if r["surface"] in ("€966m", "2%")} == {"Zentrova"}
    assert "Breckner" not in {r["subject"] for r in rows}

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
    rows = _rows(text, "2025-11-25")
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
    rows = _rows(text, "2025-11-21")
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


# A report on several companies, one paragraph each: 'It retained its position ...'
# names nobody, so its 'its' is the company the sentence before it named, not the
# article's first company (the reader's reading; centering on the last subject).
@pytest.mark.parametrize("first,second", [("Zentrix Inc.", "Nordlys Corp."), ("SK hynix", "Samsung")])
def test_its_with_no_name_in_its_sentence_is_the_last_named_company(first, second):
    text = (f"{first} kept the lead in the third quarter, its market share at 33.2%.\n\n"
            f"{second} raised revenue to $13.5 billion. It retained its position with a 32.6% market share.")
    rows = {r["surface"]: r["subject"] for r in frame_text(text, source="x", published="2025-12-01")}
    name = {"Zentrix Inc.": "Zentrix", "Nordlys Corp.": "Nordlys", "SK hynix": "SK Hynix", "Samsung": "Samsung"}
    assert rows["33.2%"] == name[first]
    assert rows["32.6%"] == name[second]


# 'Samsung reported revenue of $13.5 billion': a company that reports its own figures
# is their subject; 'Quilbrook reported that ...' is where a claim comes from.
@pytest.mark.parametrize("text,subject", [
    ("Samsung reported a significant increase in bit shipments, raising its revenue to $13.5 billion.", "Samsung"),
    ("Zentrova reported revenue of $13.5 billion for the quarter.", "Zentrova"),
])
def test_a_company_reporting_its_own_figures_is_no_source(text, subject):
    rows = frame_text(text, source="x", published="2025-12-01")
    assert [r["subject"] for r in rows if r["surface"].endswith("billion")] == [subject]


@pytest.mark.parametrize("text", [
    "Quilbrook reported that revenue at the chipmaker reached $13.5 billion.",
    "Quilbrook reported on Monday that chip revenue reached $13.5 billion.",
    "Quilbrook reported, citing people familiar, that chip revenue reached $13.5 billion.",
])
def test_a_name_reporting_a_clause_is_a_source(text):
    rows = frame_text(text, source="x", published="2025-12-01")
    assert [r["subject"] for r in rows if r["surface"].endswith("billion")] == [""]


# The company a round is raised by is the one the investors put money into
# (roles.toml [family.funding] subject_after), whichever investor the sentence opens
# with; a Latin name after a Chinese verb of a deal is a name, and its first word
# written alone later ('Skild估值') is the same company.
@pytest.mark.parametrize("text,surfaces", [
    ("路透報導,根據消息人士以及路透看到文件,日本軟銀集團(SoftBank)與輝達(Nvidia)正商談加碼投資Zentrova AI,"
     "參與Zentrova AI最新一輪超過10億美元的募資。這輪募資可能使這家開發機器人基礎模型的新創公司,估值達到約140億美元。\n\n"
     "新的募資活動若成功,Zentrova估值將較今年稍早的47億美元幾乎增加兩倍。",
     ["超過10億美元", "約140億美元", "47億美元"]),
    ("SoftBank and Nvidia are in talks to invest in Zentrova AI in a funding round of more than $1 billion, "
     "people familiar with the matter said. Zentrova AI was valued at $4.7 billion earlier this year.",
     ["more than $1 billion"]),
])
def test_a_round_is_the_company_the_investors_put_money_into(text, surfaces):
    rows = _rows(text, "2025-12-09")
    assert {rows[s]["subject"].split()[0] for s in surfaces} == {"Zentrova"}
    assert rows[surfaces[0]]["modality"] in ("reported", "proposed")  # on unnamed sources' word, in talks


def test_the_chinese_round_on_unnamed_sources_word_is_reported():
    text = ("《路透》周一援引知情人士消息報導,日本軟銀正洽談參與機器人新創 Zentrova AI 的最新募資案,"
            "該輪金額可能超過 10 億美元。根據 PitchBook 資料,Zentrova AI 先前在 B 輪募資中估值約為 47 億美元,"
            "投資者包括多家科技企業。")
    rows = _rows(text, "2025-12-09")
    assert rows["超過 10 億美元"]["modality"] == "reported"


# An investment stays the investor's: the family's subject is the one who pays.
def test_an_investment_stays_the_investors():
    rows = frame_text("Nvidia will invest $1 billion in Zentrova Oyj, the companies said on Tuesday.",
                      source="x", published="2025-10-28")
    assert [r["subject"] for r in rows if r["metric"] == "investment"] == ["Nvidia"]


# The exchanges news writes before a code (Google Finance style 'HKG:0699, SHA:600699')
# vouch for the name before the bracket, named once.
def test_a_name_before_exchange_codes_is_a_company():
    text = ("Ningbo Zentrova Electronic (HKG:0699, SHA:600699) raised HK$3.25 billion in net proceeds from its "
            "initial public offering in Hong Kong, according to a filing with the Hong Kong Stock Exchange.")
    rows = frame_text(text, source="x", published="2025-11-05")
    subjects = {r["subject"] for r in rows if r["surface"] == "HK$3.25 billion"}
    assert len(subjects) == 1 and "Zentrova" in subjects.pop()


# A kind of company before a corporate word ('机器人公司', 'a robot company') is no name;
# the investors a list names ('投资方名单看英伟达、英特尔、LG') are no company raising.
def test_a_kind_of_company_is_no_name_and_listed_investors_raise_nothing():
    text = ("摘要:今年 9 月 16 日他们宣布完成 10 亿美元 C 轮融资,投后估值直接冲到 390 亿美元,"
            "投资方名单看英伟达、英特尔、LG 这些巨头都在列。\n"
            "美国有家叫 Zentrova 的机器人公司,去年估值才 26 亿美元,今年就飙到 390 亿美元。\n"
            "说来大家可能觉得不可思议,Zentrova 这 390 亿美元估值是靠讲故事讲出来的。")
    rows = frame_text(text, source="x", published="2025-10-01")
    assert "机器人" not in {r["subject"] for r in rows}
    lead = {r["subject"] for r in rows if r["metric"] in ("funding_round", "valuation") and r["start"] < 60}
    assert lead and not lead & {"Nvidia", "Intel", "LG"}


# Words around a name are no part of it: a pronoun opening a press release's sentence
# ('We reported revenue of ...'), the sector and descriptor a headline puts first
# ('货柜航运龙头澜舟…': the leader of container shipping, 澜舟), a descriptor before a
# stock code ('问答平台澜舟(2390)'), an adverb after the headline's name ('澜舟持续盈利了?').
@pytest.mark.parametrize("text, bad", [
    ("2025-11-06\n\nWe reported revenue of USD 14.2bn in the third quarter. We reported EBIT of USD 1.3bn.", "We"),
    ("貨櫃航運龍頭澜舟(Lanzhou)第3季獲利優於預期,運量成長。\n\n澜舟第3季營收142億美元,年增10%。澜舟並調高全年財測。",
     "货柜航运"),
    ("內地知識問答平台澜舟(2390)公布第二季業績,經調整淨利潤9130萬元。澜舟第二季收入7.17億元。", "平台澜舟"),
    ("澜舟持续盈利了?\n\n澜舟第二季度营收7.17亿元,经调整净利润9130万元。澜舟持续推进降本。", "澜舟持续"),
])
def test_words_around_a_name_are_no_part_of_it(text, bad):
    rows = frame_text(text, source="x", published="2025-11-06")
    assert rows and bad not in {r["subject"] for r in rows}


# ... while a name before a descriptor in the headline stays the name: only dictionary
# words (a sector) before the descriptor are cut away ('澜舟平台…' is 澜舟's).
def test_a_headline_name_before_a_descriptor_is_kept():
    text = ("澜舟平台第三季度营收达66亿元\n\n澜舟平台公布,第三季度营收达66亿元,同比增长12%。澜舟平台表示将继续投入。")
    rows = frame_text(text, source="x", published="2025-11-06")
    assert rows and {r["subject"] for r in rows} == {"澜舟"}


# A full name with the short name the article designates for it is one organisation,
# filed under the short name ('澜舟国际控股有限公司(以下简称“澜舟国际”)'); a corporate word
# designated ('(以下简称"公司")', '(the "Company")') names no one.
@pytest.mark.parametrize("text, subject", [
    ("8月18日,澜舟国际控股有限公司(以下简称“澜舟国际”)发布中期业绩公告。报告期内,该集团收入增加7.1%至人民币68.38亿元。"
     "期内,澜舟国际的经营溢利增长12%。", "澜舟国际"),
    ("8月18日,瀾舟國際控股有限公司(以下簡稱「瀾舟國際」)發布中期業績公告。報告期內,該集團收入增加7.1%至人民幣68.38億元。"
     "期內,瀾舟國際的經營溢利增長12%。", "澜舟国际"),
    ("Quilbrook International Holdings Limited (\"Quilbrook\" or the \"Company\") announced its interim results. "
     "Revenue rose 7.1% to RMB6.84 billion. Quilbrook said demand held up.", "Quilbrook"),
])
def test_a_designated_short_name_is_the_companys(text, subject):
    rows = frame_text(text, source="x", published="2025-08-18")
    assert rows and {to_simplified(r["subject"]) for r in rows} == {subject}


def test_a_designated_corporate_word_names_no_one():
    text = "澜舟国际控股有限公司(以下简称“公司”)发布中期业绩公告。报告期内,公司收入增加7.1%至人民币68.38亿元。"
    rows = frame_text(text, source="x", published="2025-08-18")
    assert rows and "公司" not in {r["subject"] for r in rows}


# A place opening a registered name is left out of its short form only when what is
# left is a name: '青岛澜啤' goes on as 澜啤, '青岛啤酒' never as 啤酒 (beer, a common word).
def test_a_place_prefix_never_leaves_a_common_word_as_the_name():
    text = ("青岛啤酒(600600)公布三季报\n\n青岛啤酒前三季度实现营收293.7亿元,同比增长1.4%。"
            "啤酒行业整体承压,啤酒消费疲软,啤酒销量下滑。公司归母净利润52.7亿元。")
    rows = frame_text(text, source="x", published="2025-10-28")
    assert rows and {r["subject"] for r in rows} == {"青岛啤酒"}


# A one-word English name that owns a company's figures ("Quilbrook's revenue",
# "QUILBROOK's stock price"), named three times and never after a first name, is a
# company even in capitals; a place that owns figures ("China's exports") is none.
@pytest.mark.parametrize("name", ["Quilbrook", "QUILBROOK"])
def test_a_one_word_owner_of_results_is_a_company(name):
    text = (f"{name} delivered strong results for the first half. During the period, {name} achieved revenue of "
            f"6.838 billion yuan, up 7.1% year-on-year. Although {name}'s revenue growth lagged, {name}'s stock price "
            "rose 7.33% on the day.")
    rows = frame_text(text, source="x", published="2025-08-18")
    assert rows and {r["subject"] for r in rows} == {name}


def test_a_place_owning_figures_is_no_company_but_an_economy():
    # a place is never read as a company; its trade figures are the economy's own
    # statistics (ledger/framing/economies.py: the headline names China and no company)
    text = ("China's exports rose 5% in October. China's imports fell 2%. China's trade surplus reached $90 billion, "
            "China's customs office said.")
    rows = {r["surface"]: r for r in frame_text(text, source="x", published="2025-11-07")}
    assert (rows["5%"]["subject"], rows["5%"]["metric"]) == ("China", "exports_growth")
    assert (rows["2%"]["subject"], rows["2%"]["metric"]) == ("China", "imports_growth")
    assert (rows["$90 billion"]["subject"], rows["$90 billion"]["metric"]) == ("China", "trade_surplus")
    # the name finder still takes no place for an organisation
    from ledger.framing.doc import analyse
    from ledger.numbers import find_mentions
    doc = analyse(text, find_mentions(text))
    assert "China" not in {e.name for e in doc.entities}


# The name right before a buyer's verb is the buyer ('Quilbrook to Acquire Zentrova
# Medicines'), named again; the target keeps the name after the verb, and goes on by its
# first word when the article writes it alone ("Zentrova's stock surged").
def test_the_buyer_before_its_verb_and_the_targets_first_word():
    text = ("Quilbrook to Acquire Zentrova Medicines for $9.5 Billion\n"
            "Under the terms of the agreement, Quilbrook will pay $129.00 per share in cash. Zentrova shareholders "
            "will receive one right per share. Following the announcement, Zentrova's stock surged 27% to $128.74, "
            "while Quilbrook shares declined roughly 1%. Zentrova Medicines specializes in targeted therapies.")
    rows = _rows(text, "2025-06-02")
    assert rows["$9.5 Billion"]["subject"] == "Quilbrook"
    assert rows["$9.5 Billion"]["object"] == "Zentrova Medicines"
    assert rows["27%"]["subject"] == "Zentrova Medicines"


# A country before a foreign company's Chinese name ('法国澜舟公司') is no part of it when
# the article goes on with the name alone; a country before a kind of thing ('中国人形机器人',
# Chinese humanoid robots) makes no name of the kind.
def test_a_country_before_a_company_is_no_part_of_its_name():
    text = ("法國瀾舟公司已同意以最高95億美元的價格收購藍圖公司。瀾舟最初將以每股129美元的現金收購。"
            "瀾舟股價下跌約1%。瀾舟表示交易將於第三季完成。")
    rows = frame_text(text, source="x", published="2025-06-02")
    assert rows and {to_simplified(r["subject"]) for r in rows} == {"澜舟"}


def test_a_country_before_a_kind_of_thing_is_no_name():
    text = ("報告同時指出,中國人形機器人在價格上明顯低於西方同類產品。智元機器人去年出貨5168台,"
            "佔全球市場約39%。中國人形機器人企業快速崛起。")
    rows = frame_text(text, source="x", published="2026-01-10")
    assert not any("人形" in r["subject"] for r in rows)


# A common word that holds a company suffix ('歸屬母公司淨利', profit attributable to the
# parent company: 母公司) ends no name; the article's company keeps its figures.
def test_a_common_word_holding_a_suffix_is_no_name():
    text = ("瀾舟光電(2409)公布第三季財報\n\n瀾舟光電第三季營收699億元,年增1.0%。2025年前三季累計歸屬母公司淨利約40億元,"
            "每股盈餘0.52元。\n- 歸屬母公司淨利: 39.6億元")
    rows = frame_text(text, source="x", published="2025-11-05")
    assert rows and {to_simplified(r["subject"]) for r in rows} == {"澜舟光电"}


# Capitals right after a table name that make it another company's name ('Samsung SDI',
# Samsung's battery affiliate, not Samsung Electronics) file the figures under that
# company; a term of the trade after it ('Samsung AI') does not.
def test_a_table_name_with_an_affiliates_capitals_is_another_company():
    text = ("SEOUL, Korea - July 31, 2025 - Samsung SDI today reported financial results for the second quarter. "
            "The company recorded KRW 3.18 trillion in revenue with an operating loss of KRW 397.8 billion.")
    rows = frame_text(text, source="x", published="2025-07-31")
    assert rows and {r["subject"] for r in rows} == {"Samsung SDI"}


def test_a_term_after_a_table_name_leaves_the_company():
    text = ("Samsung AI revenue reached KRW 3.18 trillion in the second quarter, Samsung said. "
            "Samsung AI sales rose 12%.")
    rows = frame_text(text, source="x", published="2025-07-31")
    assert rows and "Samsung AI" not in {r["subject"] for r in rows}


# A marker word a copula follows is a noun, not a verb introducing the name after it
# ('這筆投資是 Zentrova 最新完成的 10 億美元融資': this investment is part of Zentrova's round), so the
# name keeps the figure it stands before.
def test_a_marker_before_a_copula_introduces_no_object():
    text = ("Quilbrook 打破傳統,向 Zentrova Systems 投資 2.25 億美元\n\n"
            "Quilbrook Capital 已向晶片製造商 Zentrova Systems 投入 2.25 億美元。這筆投資是 Zentrova 最新完成的 10 億美元 H 輪"
            "融資的核心組成部分,該輪融資將公司的估值推高至 230 億美元。")
    rows = _rows(text, "2026-02-05")
    assert rows["10 億美元"]["subject"] == "Zentrova Systems"


# A person named with what he is ('亿万富翁李泽楷', 'Billionaire Richard Li') is no company,
# and the company his possessive or 旗下 introduces keeps the figures.
def test_a_billionaires_company_keeps_its_figures():
    text = ("李泽楷旗下澜舟集团香港上市首日破发 募资4.42亿美元\n\n亿万富翁李泽楷旗下的澜舟集团控股有限公司在香港交易首日下跌,"
            "此前该公司通过首次公开募股筹集了35亿港元(4.42亿美元)。澜舟集团的股票周一跌幅高达2.5%。")
    rows = frame_text(text, source="x", published="2025-07-07")
    assert rows and "李泽楷" not in {r["subject"] for r in rows}
    assert {r["subject"] for r in rows} == {"澜舟"}


def test_an_owners_possessive_is_no_part_of_the_name():
    text = ("Billionaire Richard Li’s ZTV Group Holdings Ltd rose in its Hong Kong debut after raising HK$3.5 "
            "billion in its initial public offering. The insurer sold 91.3 million shares at HK$38 each.")
    rows = frame_text(text, source="x", published="2025-07-07")
    assert rows and {r["subject"] for r in rows} == {"ZTV"}


# Latin names keep their accented letters ('Hermès', 'Nestlé'): no name is cut at one.
@pytest.mark.parametrize("name, shown", [("Zentrès", "Zentrès"), ("Quilbrooké Group", "Quilbrooké")])
def test_an_accented_latin_name_is_whole(name, shown):
    text = (f"{name} reported revenue of EUR 15.2 billion for 2025, up 9% at constant exchange rates. "
            f"{name}'s operating margin was 40.5%, the luxury company said.")
    rows = frame_text(text, source="x", published="2026-02-12")
    assert rows and {r["subject"] for r in rows} == {shown}


# A measure's name with a trade acronym in brackets ('股本回报率(ROE)', '净利息收入(NII)') is no
# company with a stock code, and a glossed phrase with a particle ('…业务的商业账目(Commercial
# Book)') no name: the bank keeps its figures.
def test_a_measure_with_its_acronym_is_no_company():
    text = ("受全球最低税制的影响,澜舟集团(ZTVB)第三季净利同比下降2%至29亿5000万元。股本回报率(ROE)为17.1%。"
            "净利息收入(NII)增长1%至36亿元。财富管理和消费金融业务的商业账目(Commercial Book)总收入增长4%至45亿元。")
    rows = frame_text(text, source="x", published="2025-11-06")
    assert rows and {r["subject"] for r in rows} == {"澜舟"}


# What a figure measures or when it holds ('载客率', '财年') is no name, even with an acronym
# in brackets after it ('载客率(PLF)').
def test_a_measure_is_no_name():
    text = ("澜舟航空公布上半财年业绩。\n\n澜舟航空表示,截至9月底的2026财年上半年,公司净利润为2.39亿元。财年表示收入增长2%。"
            "载客率(PLF)为87.7%,载客率表示同比上升0.6个百分点。")
    rows = frame_text(text, source="x", published="2025-11-13")
    assert rows and {r["subject"] for r in rows} == {"澜舟航空"}


# "<head> of <place>" is one English name ('Bank of East Asia'), never the place after "of".
def test_a_bank_of_a_place_is_one_name():
    text = ("According to the company's filing, Bank of Zentrova's profit attributable to owners rose 14% to "
            "HK$2.99 billion in the first half. Bank of Zentrova declared an interim dividend of HK$0.51.")
    rows = frame_text(text, source="x", published="2025-08-14")
    assert rows and {r["subject"] for r in rows} == {"Bank of Zentrova"}


# The name before a verb of a listing, past a date and an adverb, is the company listing
# ('澜舟黄金国际于9月30日正式登陆港交所主板'), not the exchange; a name ending in 国际
# (International) is a name like one ending in 科技.
def test_the_company_listing_is_not_the_exchange():
    text = ("港股市场迎来年内第二大IPO,澜舟黄金国际于9月30日正式登陆港交所主板。发行价定于71.59港元/股的该公司,"
            "首日收盘涨幅达68.46%,市值突破3100亿港元,募资规模近250亿港元。此次上市获得29家基石投资者支持,"
            "澜舟黄金国际表示将扩大产能。")
    rows = frame_text(text, source="x", published="2025-09-30")
    assert rows and {r["subject"] for r in rows} == {"澜舟黄金国际"}


# ... named once, when it owns the figure after an opening article ("The Bank of Zentrova's profit").
def test_a_bank_of_a_place_owning_its_figure_is_one_name():
    text = "The Bank of Zentrova's profit attributable to owners rose 14% to HK$2.99 billion in the first half."
    rows = frame_text(text, source="x", published="2025-08-14")
    assert rows and {r["subject"] for r in rows} == {"Bank of Zentrova"}


# An English name before a word for its people ('Brightwater Pacific executives',
# '... chief executive Ronald Lam') and named twice is an organisation; its figures
# are its own even when the sentence calls it 'the airline group'.
def test_an_english_name_before_its_executives_is_an_organisation():
    text = ("2026-03-11\n\nBrightwater Pacific executives cited confidence in the carrier after losses mounted.\n\n"
            "The Hong Kong airline group on 11 March posted a 9.5% increase in net profits to HK$10.9 billion "
            "for 2025. Speaking at the results, Brightwater Pacific chief executive Ronald Lam says demand held.")
    rows = _rows(text, "2026-03-11")
    assert rows["HK$10.9 billion"]["subject"] == "Brightwater Pacific"
    assert rows["9.5%"]["subject"] == "Brightwater Pacific"
    assert "Ronald Lam" not in {r["subject"] for r in rows.values()}


# A Chinese name with a corporate ending whose stem is an ordinary adjective to a
# dictionary (先进 + 汽车, as 通用汽车), named three times and once before a reporting
# verb, vouches for itself as a stock code would.
def test_a_name_reporting_results_and_named_thrice_vouches_for_its_ordinary_stem():
    text = ("利润下滑,先进汽车三季报背后的秘密\n\n10月21日,先进汽车发布2025年第三季度财报。财报显示,公司净收入达486亿美元,"
            "净利润为13亿美元。财报发出后,先进汽车股价随即暴涨近15%。")
    rows = _rows(text, "2025-10-23")
    assert rows["486亿美元"]["subject"] == "先进汽车"
    assert rows["486亿美元"]["metric"] == "revenue"
    assert rows["13亿美元"]["subject"] == "先进汽车"


# What a figure measures is no company, whatever vouches for it: a value
# (新造业务价值 before a reporting verb) or a loss (预期信用损失 before an acronym in
# brackets, as a stock code would stand).
def test_a_measure_ending_in_value_or_loss_is_no_company():
    text = ("澜海保险公布第二季度业绩\n\n澜海保险（0945）公布第二季度业绩。新造业务价值按年增长20%至8.5亿元,"
            "核心盈利为17.3亿元。公司又指出撇除预期信用损失（ECL）变动的影响,核心盈利为18亿元。"
            "新造业务价值录得19亿元,按年增长49%。")
    rows = _rows(text, "2025-08-07")
    subjects = {r["subject"] for r in rows.values()}
    assert not subjects & {"新造业务价值", "业务价值", "预期信用损失"}
    assert rows["8.5亿元"]["subject"] == "澜海保险"


# The short name an article designates for a company ('("Zentrova" or the "Company")')
# is how its figures are filed, even when the full name's own short form differs
# ('Zentrova Financial', the full name without its legal word).
def test_the_designated_short_name_files_the_figures():
    text = ("TORONTO, Aug. 6, 2025 - Zentrova Financial Corporation (\"Zentrova\" or the \"Company\") reported "
            "its second quarter results. Core earnings were $1.7 billion, up 4% from the prior year.\n\n"
            "Zentrova said its new business value rose 20% to $850 million.")
    rows = _rows(text, "2025-08-06")
    assert rows["$1.7 billion"]["subject"] == "Zentrova"
    assert rows["$850 million"]["subject"] == "Zentrova"


# A name only its recurrence before metric words vouches for is the whole name,
# not a fragment of it that other words also hold (新能 of 闽电新能, also in 新能源).
def test_a_recurring_name_is_taken_whole_not_its_fragment():
    text = ("年内最大IPO来了\n\n此次IPO,闽电新能以181亿元募资额位列今年第一。7月16日,闽电新能首发上市,"
            "盘中两次被临时停牌。闽电新能盘中最大涨幅已经超过220%。闽电新能是新能源业务的唯一平台,"
            "新能源装机规模领先。闽电新能共发行49.69亿股,闽电新能股价报7.18元。")
    rows = _rows(text, "2025-07-16")
    assert rows["181亿元"]["subject"] == "闽电新能"
    assert rows["7.18元"]["subject"] == "闽电新能"


# Legal forms and exchanges beyond the Anglo-American ones (A/S, Oyj, S.p.A.; OMX with a
# share class: 'MAERSK-B'): the name before them is a company, shown without its legal word.
@pytest.mark.parametrize("name, legal, code", [
    ("Kalvholm", "A/S", "(OMX: KALV-B)"), ("Saarivesi", "Oyj", "(HEL: SAARI)"), ("Torvello", "S.p.A.", "(BIT: TRV)"),
])
def test_a_name_with_a_european_legal_form_is_a_company(name, legal, code):
    text = (f"Copenhagen, 6 November 2025 - {name} {legal} {code} delivered strong results in the third quarter, "
            f"with revenue of USD 14.2bn, up 3% from a year earlier.\n\n{name} raises its full-year guidance.")
    rows = _rows(text, "2025-11-06")
    assert rows["USD 14.2bn"]["subject"] == name


# A name jieba barely knows (宏碁: 3 in its dictionary, tagged a verb) has a guessed part of
# speech; one that opens clauses as often as it recurs ('X董事会通过…', 'X去年…', 'X指出') is
# the article's company, even before a metric word only once.
@pytest.mark.parametrize("name", ["宏碁", "碁岚"])
def test_a_rare_word_opening_clauses_is_the_articles_company(name):
    text = (f"{name}董事会通过2025年度财报，全年合并营收2756.28亿元，年增4.1%，营业净利51.44亿元。"
            f"{name}去年全年毛利率10.9%、营业利益率1.9%，双双年增。{name}去年第4季合并营收743.59亿元，年增12.6%。"
            f"{name}指出，多重事业引擎策略已持续发酵。")
    rows = _rows(text, "2026-03-05")
    assert rows["2756.28亿元"]["subject"] == name
    assert rows["743.59亿元"]["subject"] == name


# A digest's label ('核心观点 - ') opens its first line; the head after it, right before
# a year and a results word, is the company, named once or more.
def test_a_digest_label_is_no_name_and_the_head_after_it_is():
    text = ("核心观点 - 茉澈汽车2025年全年营收创历史新高,但盈利能力显著恶化 [1][3] 财务业绩表现 - "
            "全年营收:达186.3万亿韩元,同比增长6.3% [1] - 全年营业利润:为11.4万亿韩元,同比下降19.5% [1]")
    rows = _rows(text, "2026-01-29")
    assert rows["186.3万亿韩元"]["subject"] == "茉澈汽车"
    assert "核心" not in {r["subject"] for r in rows.values()}


# A place's industry before a descriptor ('南韩汽车巨擘…', 'South Korean car giant') is a
# sector, not a company: the company is the name the descriptor stands before.
def test_a_places_industry_before_a_descriptor_is_a_sector():
    text = ("〔綜合報導〕南韓汽車巨擘澜星汽車2025年銷售額創下歷史新高,營業利潤較2024年同期銳減近2成。\n\n"
            "澜星汽車29日發布業績報告,2025年營業利潤為11兆4679億韓元,較2024年同期減少19.5%;"
            "銷售額為186兆2545億韓元,較2024年同期增加6.3%。南韓汽車業者面臨關稅壓力。")
    rows = _rows(text, "2026-01-29")
    subjects = {r["subject"] for r in rows.values()}
    assert "南韩汽车" not in subjects
    assert rows["11兆4679億韓元"]["subject"] == "澜星汽车"


# An English digest of a Chinese story keeps the Chinese headline, whose later clause
# opens with the company before an intent verb and a results word; the body only says
# 'The company'.
def test_a_later_headline_clause_names_the_digests_company():
    text = ("上半年“量质双收”,澜岳重科拟中期分红17.3亿元\nChang Sha Wan Bao·2025-08-29 14:02\n\n"
            "Core Viewpoint - The company reported a steady growth in revenue and profit for the first half of "
            "2025 [1]. Financial Performance - The company achieved operating revenue of 24.855 billion yuan, "
            "a year-on-year increase of 1.30% [1].")
    rows = _rows(text, "2025-08-29")
    assert rows["24.855 billion yuan"]["subject"] == "澜岳重科"
    assert rows["24.855 billion yuan"]["metric"] == "revenue"


def test_the_company_listing_on_a_named_exchange_is_the_subject():
    # '澜舟智能终于在港交所挂牌上市': past an adverb and 在 + the place it lists on, the name is the
    # issuer; the exchange named on the way is no party to the offering's figures
    text = ("12月30日，澜舟智能终于在港交所挂牌上市。全球发行约9469万股，香港公开发售部分获得约1427.37倍超额认购。"
            "澜舟智能此次募资约22.8亿港元。")
    rows = _rows(text, "2025-12-30")
    assert rows["约1427.37倍"]["subject"] == "澜舟智能"


def test_letters_ending_a_code_open_no_name():
    # '非18A港股医疗健康公司': 18A is a listing chapter's code; no company 'A港股医疗健康'
    text = "此次IPO刷新了非18A港股医疗健康公司的认购纪录。澜舟智能终于在港交所挂牌上市，募资约22.8亿港元。"
    rows = frame_text(text, source="x", published="2025-12-30")
    assert rows and not any("港股医疗健康" in r["subject"] for r in rows)


# A company named once, at the start of the article, with a corporate word (国际,
# as in 中芯国际 or 特步国际) and then only as 公司: still the owner of its figures.
# A change's words (环比, 同比, 增长), however often the article opens its figures
# with them, are how a figure moved, never whose it is; and a period's character
# glued to digits ('第3季') is no start of the name that follows it.
@pytest.mark.parametrize("text", [
    "澜舟國際最新发布的财务报告显示,2025年第三季度公司营收规模再创新高,当季实现营业收入171.62亿元,"
    "环比增长6.9%,同比增幅达9.9%。归属于母公司净利润达15.17亿元,环比增幅更是突破60%。收入环比增长7.8%。",
    "第3季澜舟國際營收為171.62億元,季增6.9%。第3季澜舟國際淨利潤為15.17億元。",
])
def test_a_company_named_with_a_corporate_word_owns_its_figures_not_a_change_word(text):
    rows = _rows(text, "2025-11-14")
    subjects = {r["subject"] for s, r in rows.items() if s.startswith(("171.62", "15.17"))}
    assert subjects == {"澜舟国际"}
    assert not {r["subject"] for r in rows.values()} & {"环比", "同比", "季澜舟国际"}


@pytest.mark.parametrize("text, name", [
    ("星河优品-W(09886)公布第三季业绩，收入同比增长22%至1131亿元。", "星河优品"),
    ("星河优品-B（09886）公布第三季业绩，收入同比增长22%至1131亿元。", "星河优品"),
    ("ZENTRIX-W (09886) posted third-quarter revenue of 35.6 billion yuan, up 14%.", "ZENTRIX"),
    ("Zentrix-SW (09886) posted third-quarter revenue of 35.6 billion yuan, up 14%.", "Zentrix"),
])
def test_a_hong_kong_share_class_marker_is_no_part_of_the_name(text, name):
    # -W (weighted voting rights), -SW, -B (pre-profit biotech) sit between a name and its code
    rows = frame_text(text, source="x", published="2025-11-20")
    assert rows and {r["subject"] for r in rows} == {name}


@pytest.mark.parametrize("text, surfaces", [
    ("开源证券发布研报称，维持星河优品(09886)“买入”评级，第三季度营收同比增长14%至356亿元。", ("14%", "356亿元")),
    ("Nordbank Securities released a research report stating that it maintains a buy rating for Zentrix "
     "(09886), with Q3 revenue increasing by 14% year-on-year to 35.6 billion yuan.", ("14%", "35.6 billion yuan")),
])
def test_a_broker_writing_a_note_is_its_author_not_its_subject(text, surfaces):
    rows = _rows(text, "2025-11-20")
    assert all(rows[s]["subject"] in ("星河优品", "Zentrix") for s in surfaces)


def test_a_broker_that_writes_a_note_is_its_author_in_the_headline_too():
    # the headline spells it 'Nordbank-securities'; the body, where it writes the note, 'Nordbank Securities'
    text = ("Nordbank-securities: Maintaining a buy rating on Zentrix (09886)\n\n"
            "Revenue of the quarter rose 14% to 35.6 billion yuan, the note said.\n\n"
            "Nordbank Securities released a research report stating that it maintains a buy rating for Zentrix.")
    rows = frame_text(text, source="x", published="2025-11-20")
    assert rows and {r["subject"] for r in rows} == {"Zentrix"}


def test_a_name_never_runs_over_a_line_break():
    text = ("Zentrix Airlines Q4 Earnings Call Highlights\n\n"
            "Zentrix Airlines (NASDAQ:ZTX) executives said fourth-quarter revenue rose 5% to $15.4 billion.")
    rows = frame_text(text, source="x", published="2026-01-21")
    assert rows and {r["subject"] for r in rows} == {"Zentrix Airlines"}


def test_a_metric_and_its_acronym_are_no_company_and_its_code():
    text = ("Summary of Zentrix Technology Group Co Ltd 3Q25 Earnings Call\n\n"
            "Zentrix Technology Group Co Ltd posted revenue of RMB 11.16 billion. "
            "Operating Profit Margin (OPM): 17.5%, missing consensus estimates by 427 basis points.")
    rows = _rows(text, "2025-11-02")
    assert rows["17.5%"]["subject"] == "Zentrix Technology"


def test_a_process_word_in_ization_opens_no_name():
    # '平台化' (platform-ization) is no descriptor '平台' before a name '化布局加速推进'
    text = ("2025年三季报点评:业绩持续稳步增长,平台化布局加速推进 2025年11月02日 买入(维持) "
            "2025Q1-Q3公司实现营收273.0亿元,同比+33.0%;归母净利润51.3亿元,同比+15.0%。"
            "Q3单季营收111.6亿元,同比+38.3%。平台化布局加速推进,公司设备工艺覆盖度稳步提升。")
    rows = frame_text(text, source="x", published="2025-11-02")
    assert rows and not any("化布局" in r["subject"] for r in rows)


@pytest.mark.parametrize("text, surface", [
    ("星河集团宣布，将以15亿欧元(约合124亿元人民币)的现金对价，收购运动品牌诺德斯29%的股权。", "15亿欧元"),
    ("Zentrix agreed to acquire Nordlys for $9.5 billion in cash, its largest deal.", "$9.5 billion"),
])
def test_a_deal_paid_in_cash_is_the_deals_price_not_a_cash_holding(text, surface):
    rows = _rows(text, "2026-01-27")
    assert rows[surface]["metric"] == "acquisition_price"


@pytest.mark.parametrize("text, surface, metric", [
    ("Zentrix posted NT$343.61 billion in consolidated sales for November, down 6.5 percent from October but "
     "up 24.5 percent from a year earlier.", "6.5 percent", "revenue_growth_qoq"),
    ("Zentrix posted NT$343.61 billion in consolidated sales for November, down 6.5 percent from October but "
     "up 24.5 percent from a year earlier.", "24.5 percent", "revenue_growth"),
    ("星河电子11月营收较10月减少6.5%，较去年同期增长24.5%。", "6.5%", "revenue_growth_qoq"),
    ("Zentrix sales for November were down 6.5 percent from October 2024.", "6.5 percent", "revenue_growth"),
])
def test_a_change_from_a_month_named_without_a_year_is_month_on_month(text, surface, metric):
    rows = _rows(text, "2025-12-10")
    assert rows[surface]["metric"] == metric


@pytest.mark.parametrize("headline", [
    "Zentrix Reports Fourth Quarter and Fiscal Year 2025 Unaudited Financial Results",
    "Zentrix Announces Q4 2025 Earnings",
])
def test_a_press_releases_results_headline_names_its_company_once(headline):
    # the release's body never names it again ('Total net revenues were ...')
    text = (headline + "\nFourth Quarter 2025 Financial Highlights\n"
            "- Total net revenues were RMB1.6 billion, representing a 16.8% increase from the same period in 2024.\n"
            "- Gross margin was 45.1%, compared with 47.8% for the same period in 2024.")
    rows = frame_text(text, source="x", published="2026-02-26")
    assert rows and {r["subject"] for r in rows} == {"Zentrix"}


def test_a_results_headline_opened_by_a_generic_word_names_no_one():
    text = ("The Company Reports Fourth Quarter Results\n"
            "- Total net revenues were RMB1.6 billion, representing a 16.8% increase from the same period in 2024.")
    rows = frame_text(text, source="x", published="2026-02-26")
    assert all(r["subject"] != "The Company" for r in rows)


def test_an_analyst_of_a_company_makes_it_no_author():
    # '知名星河科技分析师王磊' is an analyst who follows 星河科技: the company's figures stay its own
    text = ("知名星河科技分析师王磊表示，星河科技(09886)第三季度手机出货量约5000万部，同比增长6%。"
            "星河科技第三季度营收为1020亿元。")
    rows = frame_text(text, source="x", published="2025-11-01")
    assert rows and {r["subject"] for r in rows} == {"星河科技"}


def test_an_acronym_in_brackets_after_a_name_is_that_organisation():
    # 'Quorvale Bank of Tasmir (QBT)', then 'QBT's fourth quarter': the bullets' figures are
    # the bank's (its initials spell the acronym, written again in the text)
    text = ("Quorvale Bank of Tasmir Lifts Dividend\n\n"
            "Quorvale Bank of Tasmir (QBT) has capped a strong year with record results, a higher dividend "
            "and a more ambitious profitability target, underscoring how fee-driven businesses like capital "
            "markets and wealth management are powering the largest lender of the region even as credit "
            "conditions tighten and competition for deposits grows across the whole of the country, "
            "where rivals have been cutting costs and branches for three years in a row.\n\n"
            "Headline numbers\n\n"
            "QBT’s fourth quarter of 2025 delivered:\n"
            "  • Net income of C$5.43 billion, up 29% from C$4.22 billion a year earlier.\n")
    rows = _rows(text, "")
    assert rows["C$5.43 billion"]["subject"] == "Quorvale Bank of Tasmir"
    assert rows["C$5.43 billion"]["period"] == "2025-Q4"


@pytest.mark.parametrize("term", ["Employee Stock Ownership Plan (ESOP)", "Gross Profit Margin (GPM)"])
def test_the_initials_of_a_term_name_no_one(term):
    # a term and its acronym, the acronym used again: no organisation takes the figures
    text = (f"Zentrova Holdings (NASDAQ: ZTRV) reported revenue of $1.2 billion. {term}: the "
            f"{term.split('(')[1].rstrip(')')} rose. The {term.split('(')[1].rstrip(')')} target is 8%.")
    subjects = {r["subject"] for r in frame_text(text, source="x", published="")}
    assert subjects <= {"Zentrova", ""}


@pytest.mark.parametrize("surface", ["EUR 4.86 billion", "$3.2 billion"])
def test_a_profit_excluding_something_is_the_adjusted_figure(surface):
    # the exclusion right after the figure tells it from the reported one (45億歐元 after the tax)
    text = ("Zentrova Holdings said group net profit rose 5.5% to EUR 4.86 billion (excluding the additional "
            "tax on large companies). Quilbrook's net income was $3.2 billion, excluding one-time charges.")
    rows = _rows(text, "")
    assert rows[surface]["metric"] == "adjusted_net_profit"


def test_a_name_after_a_word_for_what_it_is_is_an_organisation():
    # 'luxury fashion house Quilbrook has posted ...', named again: the figures are its own
    text = ("French luxury fashion house Quilbrook has posted strong results for the first half of 2025, with "
            "consolidated revenue reaching €8 billion as of the end of June 2025, up 8 per cent compared to "
            "the first half of 2024 (H1 2024). Quilbrook said in a release that demand held up.")
    rows = _rows(text, "")
    assert rows["€8 billion"]["subject"] == "Quilbrook"
    # the half named first is the period; 'the end of June' closes it, the base (restated in
    # brackets) is 2024's half
    assert rows["€8 billion"]["period"] == "2025-H1"
    assert rows["8 per cent"]["period"] == "2025-H1"


def test_figures_before_the_one_company_is_named_are_its_own_but_weak():
    # a copy that lost its lead: the figures come first, the one company is named once after
    # them; they are its figures, with the weakest subject confidence (they only agree in the
    # cross-check, and carry no subject on)
    text = ("2025-08-28\n\n中期息0.73元 按年微跌\n\n"
            "期內，營業收入按年下降8.4%至2076.08億元，油氣銷售收入減少7.2%至1717.45億元。\n\n"
            "瀾舟能源(02883)董事長張傳江表示，上半年公司油氣產量再創新高。")
    rows = _rows(text, "")
    assert rows["2076.08億元"]["subject"] == "澜舟能源"  # names are given in simplified script
    assert rows["2076.08億元"]["confidence"] < 0.3


def test_a_market_figure_a_research_firm_measures_gets_no_company_by_default():
    text = ("根据TrendForce最新调查,2025年第三季DRAM产业营收较前一季成长30.9%,达414亿美元。\n\n"
            "华锐星科技营收季增12.4%,达137.5亿美元。")
    rows = _rows(text, "")
    assert rows["414亿美元"]["subject"] == ""


@pytest.mark.parametrize("text, bad", [
    # a common noun opening the runs before metric words is no name
    ("总风险加权资产小幅下降至3,574亿英镑。资产负债表保持稳健,资产收益率为9%。资产规模达到1.5万亿英镑。", "资产"),
    # a meeting where figures are told is no one
    ("瀾舟控股法說會宣布上調今年營收展望至32億美元;法說會後,外資調高目標價。", "法说会"),
    # the acronym of a contingent value right is no stock code
    ("同时设有不可交易的或有价值权(CVR),每股现金对价为76美元,CVR最高为每股3美元。", "有价值权"),
])
def test_common_words_are_no_names(text, bad):
    subjects = {r["subject"] for r in frame_text(text, source="x", published="2025-10-01")}
    assert to_simplified(bad) not in {to_simplified(s) for s in subjects}


def test_a_custodian_of_record_is_never_the_party():
    # 'HKSCC Nominees Limited holds 10.00%': it holds shares for others; the figures before and
    # after it are not its own
    text = ("Core Viewpoint - Quilbrook Lithium's half-year report for 2025 shows revenue of approximately "
            "4.83 billion yuan. Shareholder Information - The largest shareholder, Quilbrook Industrial "
            "(Group) Co., Ltd., holds 25.37% of the shares, while HKSCC Nominees Limited holds 10.00%. "
            "Net profit was approximately 84.41 million yuan.")
    subjects = {r["subject"] for r in frame_text(text, source="x", published="")}
    assert not any("HKSCC" in s for s in subjects)


@pytest.mark.parametrize("text, bad", [
    ("可用座公里(ASK)同比增长5.3%,旅客周转量(RPK)同比增长8.1%,客座率为85.6%。可用座公里达到1200亿。", "座公里"),
    ("报告期内,交易量(Volume)达到1.2万亿美元,交易量同比增长45%。交易量创新高。", "交易量"),
])
def test_what_a_figure_counts_is_no_name(text, bad):
    subjects = {r["subject"] for r in frame_text(text, source="x", published="2025-10-01")}
    assert bad not in subjects


def test_a_name_owning_its_results_in_the_lead_is_named_once_enough():
    text = ("Core Viewpoint - Quilbrook Lithium's half-year report for 2025 indicates a decline in revenue. "
            "Revenue was approximately 4.83 billion yuan, a decrease of 31.44% year-on-year.")
    rows = _rows(text, "")
    assert rows["approximately 4.83 billion yuan"]["subject"] == "Quilbrook Lithium"


@pytest.mark.parametrize("text, bad", [
    # '公司' opening a clause is the company's own figure, not a word saying what a name is
    ("澜舟科技第三季度营收为18亿元。为挽救游戏业务,公司单季销售及分销开支飙升至5.2亿元,公司单季毛利率为80%。", "单季"),
    # a number's magnitude and currency before a company suffix is no name
    ("其中包含因业务剥离产生的76亿瑞典克朗资本收益。报告销售额为562亿瑞典克朗,资本收益为76亿瑞典克朗。", "亿瑞典克朗资本"),
])
def test_words_after_a_number_or_a_clause_opening_company_are_no_name(text, bad):
    subjects = {r["subject"] for r in frame_text(text, source="x", published="2025-10-15")}
    assert bad not in subjects


def test_a_common_noun_before_a_reporting_verb_is_no_name():
    # '公告显示' (the announcement shows): the figures are the company's, not the announcement's
    text = ("公告显示,第三季度营收为58亿元,同比增长28%。公告显示,净利润为9.1亿元。"
            "收益录得增长,公告披露毛利率为44.7%。")
    subjects = {r["subject"] for r in frame_text(text, source="x", published="2025-11-21")}
    assert not subjects & {"公告", "收益"}


@pytest.mark.parametrize("word, common", [("资产", True), ("公告", True), ("普通", True), ("收益", True),
                                          ("宏碁", False), ("古茗", False), ("泡泡玛特", False)])
def test_a_common_dictionary_word_is_told_from_a_rare_or_proper_one(word, common):
    # jieba's counts: 资产 3243 (n), 公告 1919 (n), 普通 6768 (nz); 宏碁 3; 古茗 a person's name tag
    from ledger.framing.names import _common_noun
    assert _common_noun(word, default_lexicon()) is common


@pytest.mark.parametrize("text, bad", [
    # a clause's verb or preposition before the suffix: the suffix is the object, no name's end
    ("调整后利润为158亿瑞典克朗，其中包含资本收益76亿克朗。净收入为113亿瑞典克朗，其中包含资本收益。", "包含资本"),
    ("澜舟集团2025年全年归属于公司普通股股东的净利润为196亿元,2024年全年为414亿元;"
     "归属于公司普通股股东的净利润率为1.5%。", "归属于"),
    ("每股美国存托股份稀释净收益0.01元,归属于普通股股东的每股美国存托股份稀释净收益3.31元。", "美国存托"),
    # the A-share basis 扣非 (after non-recurring items) opening the runs before metric words is no company
    ("核心观点 - 2025H1业绩大幅增长 营收36.91亿元(同比+33.74%) 归母净利润5.03亿元(同比+384.52%) "
     "扣非归母净利润3.18亿元(同比+235.12%) - 单Q2营收16.68亿元 扣非归母净利润1.55亿元(同比+301.08%) "
     "扣非净利率为8.6%", "扣非"),
    # being listed describes companies: '上市金控' (the listed financial holding companies) is none (a guard)
    ("元大金控公布2025年获利。上市金控去年获利合计增长6.5%,上市金控每股盈余平均2.74元,上市金控获利创新高。", "上市金控"),
    # the grey market of a Hong Kong listing is no company (a guard: 暗盘 is in [names] generic)
    ("全球第五大空调提供商澜舟电气(0258) 暗盘昨日(1日)收16.7元。低于上市价4.1%。", "暗盘"),
    ("第三季度营收为58亿元。报告显示公司净利润为9亿元,报告显示公司毛利率为30%。", "报告显示"),
])
def test_a_clause_word_before_a_company_suffix_is_no_name(text, bad):
    assert bad not in subjects_of(text, "2025-11-21")


@pytest.mark.parametrize("text, name", [
    # names whose last characters jieba reads as a one-character verb (胜, 通) stay names (a guard)
    ("冠胜电子第三季度营收为58亿元,同比增长28%。", "冠胜电子"),
    ("华盛通证券第三季度营收为58亿元,同比增长28%。", "华盛通证券"),
])
def test_a_name_before_a_company_suffix_stays_a_name(text, name):
    subjects = subjects_of(text, "2025-11-21")
    assert name in subjects


@pytest.mark.parametrize("text, dateline, company", [
    ("Profit rises\nTOKYO (AP) — A Japanese entertainment giant reported a 23% rise in profit.\n",
     "TOKYO", ""),
    ("Nordlys to cut jobs\nISTANBUL (AA) - Nordlys announced on Wednesday that its beer volume fell 2.4%.\n",
     "ISTANBUL", "Nordlys"),
])
def test_a_dateline_city_and_agency_are_no_company_and_code(text, dateline, company):
    subjects = subjects_of(text, "2025-08-07")
    assert dateline not in subjects
    if company:  # the sentence opens after the dateline: the name before its verb is found
        assert company in subjects


def test_a_company_and_its_code_opening_a_line_stay_a_company():
    text = "Quilbrook Lithium (QBL) - revenue rose 12% to $4 billion in the third quarter."
    subjects = subjects_of(text, "2025-08-07")
    assert subjects == {"Quilbrook Lithium"}


@pytest.mark.parametrize("text, bad", [
    # a tail of a Chinese run that starts inside a dictionary word is no name (国石油 of 中国石油,
    # 计归属 of 预计归属)
    ("2025年8月26日,中国石油交出了一份成绩单。公司实现营业收入1.45万亿元,净利润840.1亿元。"
     "中国石油成为净利润降幅最小的企业。中国石油的股息为每股0.22元。", "国石油"),
    ("预计归属于上市公司股东的净利润约22.42亿元,同比增长约18.15%;"
     "预计归属于上市公司股东扣除非经常性损益后的净利润约23.89亿元。", "计归属"),
    # a plain common noun (jieba's n, a few hundred uses) opening the runs before metric words
    # or a headline's results word is what the figures are about, no company
    ("集团主要业务包括物业开发、物业投资。物业开发收入为2500亿元,物业投资收入为150亿元,物业投资毛利率为75%。", "物业"),
    ("10月赌场收入创新高,增幅达15.9%。澳门赌场收入创下30.1亿美元的新高,赌场收入同比增长15.9%。", "赌场"),
])
def test_a_word_cut_in_two_or_a_common_noun_is_no_name(text, bad):
    assert bad not in subjects_of(text, "2025-11-21")


def test_a_bracket_with_the_latin_name_and_a_listing_names_the_company_not_the_exchange():
    text = ("2025年8月19日,澜舟医疗(Lanzhou Medical, NYSE: LZM)发布了2026财年第一季度业绩。"
            "公司实现营收85.4亿美元,同比增长6.7%。")
    subjects = subjects_of(text, "2025-08-19")
    assert len(subjects) == 1 and subjects <= {"澜舟医疗", "Lanzhou Medical"}


def test_a_ticker_written_after_a_name_is_no_part_of_it():
    text = ("Quilbrook QBK reported fourth-quarter 2025 earnings of $1.80 per share. "
            "Quilbrook stock rallied 20.7% in pre-market trading. Quilbrook expects revenues of $1.2 billion.")
    subjects = subjects_of(text, "2026-02-03")
    assert subjects == {"Quilbrook"}


@pytest.mark.parametrize("text, bad", [
    # a generic noun (集团, 业绩, 全球) opening a candidate makes it a description, no name
    ("期内,集团系列公司合约物业销售额为1201亿元。集团系列公司竣工面积为445万平方米,集团系列公司销售面积为512万平方米。",
     "集团系列公司"),
    ("业绩全面下滑 澜舟启动第二轮裁员\n业绩全面下滑,第三季度营收为19.5亿欧元,同比下降10.4%。", "业绩全面下滑"),
])
def test_a_generic_noun_opening_a_candidate_is_no_name(text, bad):
    subjects = subjects_of(text, "2025-11-01")
    assert bad not in subjects and "系列公司" not in subjects  # nor its measure-word tail (系列, a series)


def test_a_name_right_before_a_years_period_and_its_results_is_named_once_enough():
    text = ("会议目的为讨论澜睿达2025年第四季度及全年财务业绩。\n"
            "管理层发言摘要:第四季度业绩强劲,收入增长41%,非GAAP收益增长超100%。")
    subjects = subjects_of(text, "2026-02-04")
    assert subjects == {"澜睿达"}


@pytest.mark.parametrize("text, bad", [
    # a distinguishing word (附属, subsidiary) before a year's results is no name (a guard of the rule above)
    ("集團旗下航空公司及附屬公司2025年全年錄得應佔溢利99.96億元,較上年同期88.49億元上升12.96%。", "附属"),
])
def test_a_description_before_a_years_results_is_no_name(text, bad):
    assert bad not in subjects_of(text, "2026-03-11")


@pytest.mark.parametrize("text, bad", [
    # a time before a stock-code bracket is no name (its 年 ends the year's number)
    ("国盛证券发布研报称,2025年上半年(01378)业绩表现亮眼实现,营收810.4亿元,同比增长10.1%。"
     "2025年上半年公司电解铝售价为1.79万元/吨,同比增长2.7%。", "年上半年"),
    ("国盛证券发布研报称,2025年上半年(01378)业绩表现亮眼实现,营收810.4亿元,同比增长10.1%。"
     "2025年上半年公司电解铝售价为1.79万元/吨,同比增长2.7%。", "上半年"),
    # a region before its acronym is no company before its code
    ("欧洲、中东和非洲地区(EMEA)经汇率调整后销售额下降7.1%,至9.106亿欧元。", "非洲地区"),
])
def test_a_time_or_a_region_before_a_bracket_is_no_listed_company(text, bad):
    assert bad not in subjects_of(text, "2025-09-01")


def test_a_nationality_after_a_deal_word_is_no_company():
    text = ("The banking sector witnessed another merger with German’s Federal Government announcing a sale. "
            "The German Government has 16.49% of the bank.")
    subjects = subjects_of(text, "2024-09-11")
    assert "German" not in subjects


@pytest.mark.parametrize("text, surface, metric", [
    # the A-share profit after non-recurring items (扣非) is another basis than the reported profit
    ("澜舟医药(02359)公布第三季纯利约35.15亿元,升53.27%,扣除非经常性损益之纯利39.4亿元,升73.7%。", "39.4亿元",
     "adjusted_net_profit"),
    ("澜舟医药(02359)公布第三季纯利约35.15亿元,升53.27%,扣除非经常性损益之纯利39.4亿元,升73.7%。", "73.7%",
     "adjusted_net_profit_growth"),
    ("澜舟医药第三季度实现扣非净利润5.2亿元,同比增长12%。", "5.2亿元", "adjusted_net_profit"),
])
def test_profit_after_non_recurring_items_is_an_adjusted_figure(text, surface, metric):
    rows = _rows(text, "2025-10-28")
    assert rows[surface]["metric"] == metric


def test_a_clause_verb_before_a_headed_part_is_no_part_of_its_name():
    text = "澜舟啤酒公布中期业绩。产品结构持续上移,推动啤酒业务毛利率提升2.5个百分点,达到48.3%。"
    rows = _rows(text, "2025-08-20")
    assert rows["2.5个百分点"]["object"] == "啤酒"


@pytest.mark.parametrize("text, surface, metric", [
    # profit attributable to the company's ordinary shareholders, the company named
    ("澜舟汽车公布,截至2025年6月30日止第二季度,归属于澜舟汽车普通股股东的净利润10.93亿元,同比减少0.91%。",
     "10.93亿元", "attributable_net_profit"),
    # earnings per share written 每股(基本)净收益
    ("澜舟汽车第二季度归属于普通股股东的净利润10.93亿元;每股基本净收益0.54元。", "0.54元", "basic_eps"),
    # a per-share cue in the bracket after an amount is the bracketed figure's, not the amount's
    ("澜舟能源报告2025年第三季度收益为35亿美元(每股盈利1.82美元),相比2024年第三季度的45亿美元"
     "(每股盈利2.48美元)。", "35亿美元", "unspecified_amount"),
    ("澜舟能源报告2025年第三季度收益为35亿美元(每股盈利1.82美元),相比2024年第三季度的45亿美元"
     "(每股盈利2.48美元)。", "45亿美元", "unspecified_amount"),
    ("澜舟能源报告2025年第三季度收益为35亿美元(每股摊薄收益1.82美元),相比2024年第三季度的45亿美元"
     "(每股摊薄收益2.48美元)。", "1.82美元", "diluted_eps"),
])
def test_whose_per_share_and_attributable_cues_these_are(text, surface, metric):
    rows = _rows(text, "2025-10-31")
    assert rows[surface]["metric"] == metric


@pytest.mark.parametrize("text, name", [
    # a press release's 'Name, Inc. (EXCHANGE:CODE)': the legal form after the comma is no part of it
    ("Quilbrook Foods, Inc. (NYSE:QBF) reported first-quarter fiscal 2026 sales of $14.313 billion on Monday, "
     "up 5.1% from the prior year.", "Quilbrook Foods"),
    # a camel-case name opening a results headline (eBay, iQiyi)
    ("eQuilbrook Inc. Reports Fourth Quarter and Full Year 2025 Results\nPR Newswire\n"
     "- Revenue of $3.0 billion, up 15% on an as-reported basis", "eQuilbrook"),
])
def test_press_release_forms_of_a_name(text, name):
    assert subjects_of(text, "2026-02-03") == {name}


@pytest.mark.parametrize("text, part", [
    # a division's figures: the company's, the division named as a part; '财富部门' and
    # '食品业务收益' hold a word naming a part of a company (部门, 业务), no company (the second
    # case a guard: framing gave it the company before too, by another route)
    ("澜舟集团公布2025年第三季度业绩。第三季度收入221亿美元,同比增长9%。2025年第三季度财富部门净收入3.74亿美元,"
     "同比增长32%。财富部门2025年第三季度总收入21.64亿美元,同比增长8%。", "3.74亿美元"),
    ("澜舟食品公布2025年中期业绩。上半年收益为170.87亿元,上升10.6%。分业务看,食品业务方面,澜舟食品介绍,"
     "2025年上半年食品业务收益录得人民币53.82亿元,较去年同期增长8.8%。", "人民币53.82亿元"),
])
def test_a_line_of_business_is_no_company(text, part):
    rows = _rows(text, "2025-11-01")
    assert not any(h in r["subject"] for r in rows.values() for h in ("部门", "业务"))
    assert rows[part]["subject"].startswith("澜舟")


def test_a_name_the_acronym_after_it_spells_runs_across_its_and():
    # 'Q P S L Z' spells the capitalised words of the whole name, 'and' between them: the
    # bracket is the name's acronym, and the name does not end at the 'and'
    text = ("Quilbrook Ports and Special Logistics Zone (QPSLZ) consolidated net profit jumped 39% "
            "to Rs 2,445 crore in the September quarter. QPSLZ revenue rose 14%.")
    assert _rows(text, "2024-10-30")["39%"]["subject"] == "Quilbrook Ports and Special Logistics Zone"


def test_an_acronym_the_text_defines_for_lower_case_words_is_a_term():
    # 'net interest margin (NIM)' defines NIM as a term: 'The bank NIM rose' names no bank NIM
    text = ("Quilbrook Financial Group posted a net profit of 5.78 trillion won in 2025. The group's net "
            "interest margin (NIM) in the fourth quarter was 1.95%, down 3 bp. The bank NIM rose 1 bp to 1.75%.")
    assert "NIM" not in {r["subject"] for r in _rows(text, "2026-02-05").values()}


def test_a_note_headers_institution_is_its_author():
    # '机构:' heads a broker's note: the broker wrote it, the company it covers owns the figures
    text = ("机构:澜舟证券\n研究员:张三/李四\n泽拓科技发布2025 年半年报,2025H1 公司实现收入57.35 亿元,同比减少35.30%;"
            "净利润亏损17.76 亿元。\n事件评论\n颗粒硅方面,2025H1,公司产品力不断提升,颗粒硅市占率已达24.32%"
            "(2024 年市占率为14.58%),显著提升。")
    subjects = {r["surface"]: r["subject"] for r in _rows(text, "2025-08-30").values()}
    assert "澜舟证券" not in subjects.values()
    assert subjects["24.32%"] == "泽拓科技"


@pytest.mark.parametrize("text, surface, bad", [
    # Zacks' style: the ticker after the legal ending is no part of the name
    ("Quilbrook Inc. QBK recorded a profit of $62 million or 8 cents per share for third-quarter 2025, "
     "down from a profit of $214 million a year ago.", "$62 million", "QBK"),
    # a share class with its code names no company (a guard here: the corpus's case, '...A股(滬:601766)',
    # needs the article's other names to go wrong; 'A股' is now a generic word)
    ("澜舟轨道(01766)今日收报5.46元,成交約2084萬股,涉資1.33億港元。A股(滬:601766)現價7.98元(人民幣,下同),"
     "升0.5%。", "7.98元", "A股"),
    # a group of customers with its acronym: people, no organisation
    ("泽拓软件2026财年起将客户分为商业专业人士与消费者(BPC)、创意与营销专业人士(CMP)两类;2025财年BPC订阅收入"
     "65.0亿美元(增长15%),营销专业人士(CMP)订阅收入66.5亿美元。", "66.5亿美元", "人士"),
])
def test_no_name_holds_a_ticker_a_share_class_or_people(text, surface, bad):
    rows = _rows(text, "2025-10-30")
    assert bad not in rows[surface]["subject"]


@pytest.mark.parametrize("text, surface, metric, obj", [
    # the buyer's deal verb makes the company bought the counterpart (before: the roles reversed)
    ("Quilbrook Mining will acquire Zentrova Gold, a gold miner, for A$3.7 billion. Quilbrook Mining said the "
     "deal would close this year. Zentrova Gold shareholders must approve it.",
     "A$3.7 billion", "acquisition_price", "Zentrova Gold"),
    # 'in cash and shares' says how a price is paid, not what the amount is (no share price)
    ("Quilbrook Mining agreed to buy Zentrova Gold for A$3.7 billion in cash and shares, the companies said on "
     "Monday. Quilbrook Mining said the deal would close this year.", "A$3.7 billion", "acquisition_price", None),
])
def test_a_deal_verbs_company_and_a_payments_form(text, surface, metric, obj):
    row = _rows(text, "2025-05-05")[surface]
    assert row["metric"] == metric and row["subject"] == "Quilbrook Mining"
    if obj is not None:
        assert row["object"] == obj

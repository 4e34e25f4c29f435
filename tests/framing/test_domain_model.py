"""The domain model behind framing, on invented sentences (issue 10): what a
reader of the sentence would say, not what any one article said.  Company
names are invented (or from the entity table where the table is the point),
so a rule written for one real article cannot pass these by accident."""
from __future__ import annotations

import datetime

import pytest

from ledger.framing.frame import frame_text
from ledger.numbers.finder import find_mentions


def _rows(text: str, published: str = "2025-11-20") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="t", published=published)}


def _by(field: str, text: str, published: str = "") -> dict[str, object]:
    """Each claim's ``field`` by its surface."""
    return {r["surface"]: r[field] for r in frame_text(text, source="x", published=published)}


# --------------------------------------------------------------------------- restatement in another currency


@pytest.mark.parametrize("text, first, second", [
    ("Aramco's investment is based on a EUR7.4 billion (USD7.8 billion) valuation of Horse Powertrain.",
     "EUR7.4 billion", "USD7.8 billion"),
    ("Quorvex Holdings reported revenue of HK$12 billion (about US$1.5 billion) for the quarter.",
     "HK$12 billion", "about US$1.5 billion"),
])
def test_an_amount_restated_in_brackets_is_the_same_figure(text, first, second):
    rows = _rows(text)
    a, b = rows[first], rows[second]
    # one figure written twice: every framed field is the same, the currencies differ
    for field in ("subject", "object", "metric", "period", "modality"):
        assert a[field] == b[field], field
    assert a["unit"] != b["unit"]


def test_a_restated_valuation_belongs_to_what_it_is_a_valuation_of():
    rows = _rows("Aramco's investment is based on a EUR7.4 billion (USD7.8 billion) valuation of Horse Powertrain. "
                 "Horse Powertrain's board approved it.")
    # 'a valuation of X': X is valued, whoever invests
    assert rows["EUR7.4 billion"]["metric"] == "valuation"
    assert rows["EUR7.4 billion"]["subject"].lower() == "horse powertrain"


# --------------------------------------------------------------------------- several parties


def test_parties_listed_respectively_pair_with_the_figures_in_order():
    text = ("交易完成后，甲骨文、Zentrix Capital及Lumora Group将分别持有合资公司40%、35%及25%股权。")
    rows = _rows(text)
    subjects = [rows[s]["subject"] for s in ("40%", "35%", "25%")]
    assert subjects[0] == "Oracle"
    assert subjects[1].lower().startswith("zentrix")
    assert subjects[2].lower().startswith("lumora")


def test_a_figure_each_listed_party_holds_has_all_of_them_as_subject():
    text = "Quorvex set up the venture with Renault and Geely each retaining a 45 percent stake."
    row = _rows(text)["45 percent"]
    # several parties in one role: sorted, ';'-joined (roles.toml)
    assert row["subject"] == "Geely Holding;Renault"
    assert "Renault" not in row["object"] and "Geely" not in row["object"]


def test_an_average_is_no_each():
    row = _rows("吉利和雷诺的平均持股比例为45%。")["45%"]
    assert ";" not in row["subject"]


# --------------------------------------------------------------------------- names the table does not know


def test_an_english_name_is_read_off_how_the_article_uses_it():
    text = ("London-based Vantrel Dynamics has 17 plants and 19,000 employees.\n\n"
            "Vantrel Dynamics's board approved the plan. Vantrel Dynamics expects revenue of EUR15 billion.")
    rows = _rows(text)
    assert rows["17"]["subject"] == "Vantrel Dynamics"
    assert rows["19,000"]["subject"] == "Vantrel Dynamics"


def test_a_person_is_no_organisation_even_when_named_twice_with_a_possessive():
    text = ("Nadia Korsholm's plan was approved. Nadia Korsholm's team said Korsholm said revenue rose 12%.")
    rows = _rows(text)
    assert all("Korsholm" not in r["subject"] for r in rows.values())


def test_a_table_alias_is_found_without_its_corporate_suffix():
    # entities.toml knows Renault as 雷诺集团; news writes 雷诺
    row = _rows("雷诺持有该合资公司45%的股权。")["45%"]
    assert row["subject"] == "Renault"


# --------------------------------------------------------------------------- context: change of paragraph


def test_a_new_paragraph_naming_no_one_goes_back_to_the_articles_company():
    text = ("Quorvex Holdings posted record results\n\n"
            "Quorvex Holdings reported annual revenue of $9.1 billion. Its profit beat the $4.3 billion "
            "of rival Samsung Electronics.\n\n"
            "Fourth-quarter revenue rose 66 percent to $3.2 billion.")
    rows = _rows(text, published="2026-01-28")
    assert rows["$3.2 billion"]["subject"].lower().startswith("quorvex")


# --------------------------------------------------------------------------- periods


def test_annual_figures_of_an_account_are_of_the_last_year_ended():
    # published in January 2026: 'annual sales' reported then are 2025's, not 2026's
    text = "Quorvex Holdings posted a record year.\n\nQuorvex Holdings reported annual sales of $9.1 billion."
    assert _rows(text, published="2026-01-28")["$9.1 billion"]["period"] == "2025"


def test_a_forecast_for_the_full_year_is_of_the_published_year():
    text = "Quorvex Holdings expects full-year revenue of about $9.5 billion."
    assert _rows(text, published="2025-08-20")["about $9.5 billion"]["period"] == "2025"


def test_as_of_a_day_is_the_period_of_the_sentences_counts_not_an_event():
    text = "As of Sept. 30, Quorvex Holdings had established 402 stores in 119 cities."
    rows = _rows(text, published="2025-11-19")
    assert "Sept. 30" not in rows  # no event happened on that day
    assert rows["402"]["period"] == "2025-09-30"


@pytest.mark.parametrize("text, surface, value", [
    ("As of Sept. 30, the company had 402 stores.", "Sept. 30", "2025-09-30"),
    ("The deal closed on Dec. 2.", "Dec. 2", "2024-12-02"),        # December had not come by November 19
    ("Results were due on Nov 4th.", "Nov 4th", "2025-11-04"),
    ("The filing of June 30, 2025 showed it.", "June 30, 2025", "2025-06-30"),
])
def test_an_english_month_and_day_without_a_year_is_a_day_of_the_published_year(text, surface, value):
    found = {m.surface: m for m in find_mentions(text, published=datetime.date(2025, 11, 19))}
    assert found[surface].kind == "date" and str(found[surface].value) == value


@pytest.mark.parametrize("text", ["Revenue may 5 percent higher.", "It sold May 5 billion units."])
def test_a_month_word_before_an_amount_is_no_date(text):
    found = find_mentions(text, published=datetime.date(2025, 11, 19))
    assert all(m.kind != "date" for m in found)


# A stock code in brackets after a name vouches for the name, whatever exchange
# prefix the article writes before the code (A-share 沪/深, 港股代码, NASDAQ), and
# even when the article names the company only there.  The companies and codes
# below are made up, so the entity table cannot know them.
@pytest.mark.parametrize("text, company", [
    ("沐曦股份(沪:688802)公布，第三季度营收12.36亿元。", "沐曦"),                 # legal suffix 股份 dropped
    ("天岳先進(滬:688234)第三季營收4.5億元人民幣。", "天岳先进"),                # traditional script, 滬 = 沪
    ("据悉，星河动力（深：301234）上半年营收8.8亿元。", "星河动力"),
    ("国产GPU龙头企业壁仞科技(沪:688999)公布，第三季度营收12.36亿元。", "壁仞科技"),  # after a descriptor
    ("青禾食品(港股代码:02345)上半年营收15.2亿元。", "青禾食品"),
])
def test_a_company_named_once_before_its_stock_code_is_the_subject(text, company):
    rows = [r for r in frame_text(text, source="x", published="2025-11-01") if r["metric"] == "revenue"]
    assert [r["subject"] for r in rows] == [company]


def test_a_bracketed_code_with_no_name_before_it_names_no_one():
    # '这家(沪:688999)公司': the words before the code are a pronoun, no name
    rows = frame_text("这家(沪:688999)公司营收12亿元。", source="x", published="2025-11-01")
    assert all(r["subject"] != "这家" for r in rows)


# An outlet's dateline and 'X注意到' credit the reporter, not the company the
# figures are about (the outlet and company names below are made up).
@pytest.mark.parametrize("text", [
    "青松财经11月29日消息 昨日晚间，云杉茶饮(CHAX.US)发布三季报。第三季度营收32.08亿元。",
    "青松财经注意到，云杉茶饮(CHAX.US)第三季度营收32.08亿元，同比下降9.4%。",
])
def test_an_outlet_crediting_itself_is_no_subject(text):
    rows = frame_text(text, source="x", published="2025-11-29")
    assert rows and {r["subject"] for r in rows} == {"云杉茶饮"}


# A league table ranks companies: a Latin name a ranking places is one, named
# once and in lower case too (made-up brands, so the table cannot know them).
def test_a_latin_name_a_ranking_places_is_a_company():
    text = ("据调研机构报告，第三季度全球智能手机出货量排名中，三星以6060万部位居第一。"
            "Zentra（旗下拥有多个品牌）排名第四，出货量为2860万部，市场份额9%。"
            "quova 排名第五，出货量为2850万部，市场份额同样为9%。")
    rows = frame_text(text, source="x", published="2025-10-20")
    by_surface = {r["surface"]: r["subject"] for r in rows}
    assert by_surface["2860万"] == "Zentra" and by_surface["2850万"] == "quova"


def test_an_analyst_consensus_is_a_forecast():
    # 'nearly double the analyst consensus of $4.49': what analysts expect, not a result
    rows = frame_text("Acme Corp. expects earnings per share of $8.42, nearly double the analyst consensus of $4.49.",
                      source="x", published="2025-12-18")
    assert {r["surface"]: r["modality"] for r in rows}["$4.49"] == "forecast"


# A research firm's figures are its measurements of others: estimates, whether the
# firm is named in the figure's sentence, earlier in its paragraph, or in the lead
# of an article about its report (Omdia and IDC are in the entity table as research).
@pytest.mark.parametrize("text", [
    "根据Omdia最新发布的报告，三星第三季度出货6060万部，市场份额19%。",
    "IDC近日发布第三季度全球智能手机市场报告。\n\n小米出货4350万台，市场份额13.5%。",
])
def test_figures_on_a_research_firms_word_are_estimates(text):
    rows = [r for r in frame_text(text, source="x", published="2025-10-20") if r["metric"] == "shipments"]
    assert rows and {r["modality"] for r in rows} == {"estimate"}


def test_a_company_reporting_its_own_figures_is_no_estimate():
    rows = frame_text("小米公布，第三季度智能手机出货4330万台。", source="x", published="2025-11-18")
    assert {r["modality"] for r in rows} == {"actual"}


def test_profit_attributable_to_equity_holders_is_no_stake():
    # 'equity holders' names who the profit belongs to; no stake is held at 19%
    text = ("Acme Holdings Ltd. reported results. Net profit attributable to equity holders rose 18% to "
            "RMB70.6 billion and 19% on an IFRS basis to RMB63.1 billion.")
    rows = frame_text(text, source="x", published="2025-11-13")
    assert rows and all(r["metric"] != "equity_stake" for r in rows)


# A change read off the previous figure of its sentence is a change of that figure
# on its basis: '经调整纯利47.1亿元，按年升362.8%' is the adjusted profit's growth, which
# may differ from the reported profit's growth without contradicting it.
@pytest.mark.parametrize("text, growth", [
    ("上半年华星集团非国际财务报告准则经调整纯利47.1亿元，按年升362.8%。", "362.8%"),
    ("Zentra Corp. reported adjusted net income of $1.2 billion, up 31% from a year earlier.", "31%"),
    # core profit (核心净利润, like 'core earnings') is an adjusted figure, even attributable
    ("澜星服务公布中期业绩,股东应占核心净利润为8.5亿元,同比增长14.8%。", "14.8%"),
])
def test_a_growth_of_an_adjusted_figure_keeps_its_basis(text, growth):
    rows = _by("metric", text, "2025-08-20")
    assert rows[growth] == "adjusted_net_profit_growth"


# A percentage growth is of an amount: shares and margins change by points.  After
# a company's shipments and its market share, 'up 6% on a year before' is the
# shipments' growth (6,060万 / 5,717万 - 1 = 6%), not a change of the 19% share.
@pytest.mark.parametrize("text, growth", [
    ("据调研机构报告，华星电子第三季度共出货6060万部设备，占市场份额19%，较2024年第三季度增长6%。", "6%"),
    ("Zentra Corp. shipped 56.5 million units, a market share of 18%, up 4% on the same quarter of 2024.", "4%"),
])
def test_a_percent_growth_after_a_share_is_of_the_amount_before_it(text, growth):
    rows = _by("metric", text, "2025-10-20")
    assert rows[growth] == "shipments_growth"


# An article about a research firm's report ranks several companies: the quarter its
# lead names holds for each of them, not only for the first company it names.
def test_the_reported_quarter_of_a_research_report_holds_for_every_company():
    text = ("根据Omdia最近发布的报告，华星电子在2025年第三季度的智能手机销售中夺得冠军。"
            "该公司共出货了6060万部设备。丙丁科技排名第二，出货量为5650万部。")
    rows = [r for r in frame_text(text, source="x", published="2025-10-20") if r["metric"] == "shipments"]
    assert [(r["subject"], r["period"]) for r in rows] == [("华星电子", "2025-Q3"), ("丙丁科技", "2025-Q3")]


# An undated article that counts years from its unknown now ('去年同期') cannot place
# '第三季度' on the calendar - unless it names the quarter it compares with: a
# quarter compared with 2024's third quarter is 2025's.
def test_a_comparison_base_quarter_dates_an_undated_article():
    text = ("华星电子在第三季度共出货了6060万部设备，较2024年第三季度增长6%。"
            "丙丁科技出货量为5650万部，较去年同期增长4%。")
    rows = {r["surface"]: r["period"] for r in frame_text(text, source="x") if r["metric"] == "shipments"}
    assert rows == {"6060万": "2025-Q3", "5650万": "2025-Q3"}


def test_an_undated_article_counting_from_its_now_with_no_base_has_no_year():
    text = "华星电子在第三季度共出货了6060万部设备，较去年同期增长6%。"
    rows = [r for r in frame_text(text, source="x") if r["metric"] == "shipments"]
    assert rows and rows[0]["period"] == ""


def test_an_undated_english_article_comparing_with_the_same_quarter_of_a_year_is_of_the_next():
    # 'up 4% on the same quarter of 2024': 2024 is the base, the quarter reported is 2025's
    text = "Zentra Corp. shipped 56.5 million units in the third quarter, up 4% on the same quarter of 2024."
    rows = _by("period", text)
    assert rows == {"56.5 million": "2025-Q3", "4%": "2025-Q3"}


def test_a_plain_base_year_is_no_evidence_of_the_articles_year():
    # '较2019年增长3倍': a base years before; the undated article's '今年' stays unknown
    text = "华星电子今年上半年营收60亿元，较2019年增长3倍。"
    rows = _by("period", text)
    assert rows["60亿元"] == ""


# A Chinese sentence often opens with its time: '上半年华星集团...' names 华星集团,
# not '上半年华星集团' (rejected as ordinary words), so the figures keep their company.
@pytest.mark.parametrize("lead", ["上半年", "今年", "第三季度"])
def test_a_time_opening_the_sentence_is_no_part_of_the_company_name(lead):
    rows = frame_text(f"{lead}华星集团营收60亿元，同比增长12%。", source="x", published="2025-10-20")
    assert [r["subject"] for r in rows] == ["华星", "华星"]


# '经调整纯利增363%至人民币47.10亿元': the growth between the basis cue and the level is a
# change of the same figure, so the level is the adjusted profit too.
def test_an_adjusted_cue_reaches_the_level_after_its_growth():
    text = "华星集团上半年非国际财务报告准则经调整纯利增363%至人民币47.10亿元，相当于基本每股盈利3.44元。"
    rows = _by("metric", text, "2025-08-20")
    assert rows["人民币47.10亿元"] == "adjusted_net_profit" and rows["363%"] == "adjusted_net_profit_growth"


# An outlet's conversion of a figure into another currency is at a rate of its own:
# 97.1万亿 won is $70.4 billion at 1,379 won/$ and $68.2 billion at 1,424 won/$
# (97.1e12 / 70.4e9 = 1,379; 97.1e12 / 68.2e9 = 1,424).  The converted amount is
# 'about' its value, within cues.toml [restated] rate_band (5%), so both hold.
def test_a_conversion_in_brackets_is_about_its_value():
    rows = frame_text("Zentra Corp. posted revenue of 97.1 trillion won ($70.4 billion) for 2025.",
                      source="x", published="2026-01-29")
    won, usd = rows
    assert won["qualifier"] == "exact" and won["value_low"] == won["value"] == 97.1e12
    assert usd["qualifier"] == "about" and usd["metric"] == won["metric"] == "revenue"
    assert usd["value_low"] == pytest.approx(70.4e9 * 0.95) and usd["value_high"] == pytest.approx(70.4e9 * 1.05)
    assert usd["value_low"] <= 68.2e9 <= usd["value_high"]


@pytest.mark.parametrize("lead", ["2025年第三季度", "2025年上半年", "11月", "2025年"])
def test_a_date_opening_the_sentence_is_no_part_of_the_company_name(lead):
    rows = frame_text(f"{lead}华星科技营收60亿元。", source="x", published="2025-11-20")
    assert [r["subject"] for r in rows] == ["华星科技"]


# A share price moves in a trading session: '收跌逾3%', 'closed down 4.7 percent at
# HKD38' are share price changes (the fall stored negative), HKD38 the price itself.
@pytest.mark.parametrize("text, surface, value", [
    ("Zentra Corp. [HKG: 1810] closed down 4.7 percent at HKD38.", "4.7 percent", -0.047),
    ("华星科技股价收跌逾3%，盘后一度涨超9%。", "超9%", 0.09),
    ("华星科技股价过去六个月飙涨约220%。", "约220%", 2.2),
])
def test_a_percent_move_of_a_share_price_is_a_share_price_change(text, surface, value):
    rows = _rows(text, "2025-12-18")
    assert rows[surface]["metric"] == "share_price_change" and rows[surface]["value"] == pytest.approx(value)


def test_the_closing_price_after_the_move_is_the_share_price():
    rows = _rows("Zentra Corp. [HKG: 1810] closed down 4.7 percent at HKD38.", "2025-12-18")
    assert rows["HKD38"]["metric"] == "share_price" and rows["HKD38"]["value"] == 38


# Costs: the lines an income statement names are metrics of their own; a cost the
# text names no line of is `expenses`, a last resort marked for review (two unnamed
# costs may be different lines: materials and rent).
@pytest.mark.parametrize("text, surface, metric", [
    ("其中，华星集团销售与营销费用7.51亿元，按年增长27.5%。", "7.51亿元", "selling_expenses"),
    ("其中，华星集团销售与营销费用7.51亿元，按年增长27.5%。", "27.5%", "selling_expenses_growth"),
    ("华星集团第三季度研发费用3亿元。", "3亿元", "rd_expenses"),
    ("华星集团第三季度营业成本30亿元。", "30亿元", "cost_of_revenue"),
    ("Zentra Corp. said operating cash flow rose 19.6% to a record 80.66 billion yuan.", "19.6%",
     "operating_cash_flow_growth"),
    ("Inventories rose 34.1% to 80.21 billion yuan at Zentra Corp.", "80.21 billion yuan", "inventory"),
    ("其中，华星集团材料成本55.4亿元，按年增长40.6%。", "55.4亿元", "expenses"),
])
def test_costs_cash_flows_and_inventories_have_metrics(text, surface, metric):
    rows = _by("metric", text, "2025-11-20")
    assert rows[surface] == metric


def test_an_unnamed_cost_is_marked_for_review():
    from ledger.record import last_resort_metrics

    assert {"expenses", "expenses_growth"} <= set(last_resort_metrics())
    assert "selling_expenses" not in last_resort_metrics()


# 'a 211% jump in delivery-related costs': the figure a change is of is named right
# after it, not the one named earlier in the sentence (operating expenses).
def test_a_change_of_the_figure_named_after_it():
    text = ("The rapid expansion at Zentra Corp. drove a 57% rise in operating expenses and a 211% jump "
            "in delivery-related costs.")
    rows = _by("metric", text, "2025-11-20")
    assert rows == {"57%": "operating_expenses_growth", "211%": "expenses_growth"}


# A company's guidance (指引, 财测, 'guides') is its forecast, not a result.
@pytest.mark.parametrize("text, surface", [
    ("华星科技Q4净收入指引10-12亿元，全年净利润指引上调至3.5-4.5亿元。", "10-12亿元"),
    ("华星科技第四季财测营收322亿至334亿美元。", "322亿至334亿美元"),
])
def test_guidance_is_a_forecast(text, surface):
    rows = _by("modality", text, "2025-11-20")
    assert rows[surface] == "forecast"


# An amount per day is an average ('日均净赚约2.01亿元': 185亿 / 92 days), never the
# quarter's total profit.
def test_an_amount_per_day_is_a_daily_average():
    text = "该季度，华星集团净利润185亿元，按三季度92天测算，日均净赚约2.01亿元。"
    rows = _by("metric", text, "2025-10-21")
    assert rows["185亿元"] == "net_profit" and rows["约2.01亿元"] == "daily_average"


@pytest.mark.parametrize("text, surface, metric", [
    ("华星咖啡三季度月均交易客户数按年增长40.6%达1.12亿。", "40.6%", "user_growth"),
    ("华星咖啡三季度月均交易客户数按年增长40.6%达1.12亿。", "1.12亿", "user_count"),
    ("Zentra Corp. said monthly active users rose 12% to 320 million in the quarter.", "320 million", "user_count"),
    ("华星集团第三季度活跃会员数3520万人，同比下降21.26%。", "3520万", "user_count"),
])
def test_users_customers_and_members_are_counted(text, surface, metric):
    rows = _by("metric", text, "2025-11-04")
    assert rows[surface] == metric


# The profit attributable to the parent's shareholders (归母) is another figure than the
# total net profit: its own metric, and a growth read off it keeps that basis.
@pytest.mark.parametrize("text, surface, metric", [
    ("第三季度华星集团归母净利润3.94亿元,同比下滑35.77%。", "3.94亿元", "attributable_net_profit"),
    ("第三季度华星集团归母净利润3.94亿元,同比下滑35.77%。", "35.77%", "attributable_net_profit_growth"),
    ("Zentra Holdings said profit attributable to equity holders rose 19% to RMB63.1 billion.", "RMB63.1 billion",
     "attributable_net_profit"),
    ("第三季度华星集团净利润为3.98亿元，同比降幅高达38.5%。", "3.98亿元", "net_profit"),
])
def test_profit_attributable_to_shareholders_is_its_own_basis(text, surface, metric):
    rows = _by("metric", text, "2025-11-29")
    assert rows[surface] == metric


# An article that declares its currency once (下同, 'the same below') writes later
# amounts as bare magnitudes: they are money in that currency after a money figure's
# cue; a bare count of users stays a count.
def test_a_currency_declared_once_holds_for_later_bare_amounts():
    text = ("华星电子5日公布去年12月合并营收8628.61亿（台币，下同，约274亿美元），月增2.2%；"
            "2025年合并营收达8.099兆，年增18.07%。付费用户数达1.26亿。")
    rows = _rows(text, "2026-01-06")
    assert (rows["8628.61亿"]["unit"], rows["8628.61亿"]["value"]) == ("TWD", 862861000000.0)
    assert (rows["8.099兆"]["unit"], rows["8.099兆"]["metric"]) == ("TWD", "revenue")
    assert rows["1.26亿"]["unit"] == "count"


def test_without_a_declaration_a_bare_magnitude_is_no_money():
    rows = _rows("华星电子2025年合并营收达8.099兆，付费用户数达1.26亿。", "2026-01-06")
    assert all(r["unit"] != "TWD" for r in rows.values())


# The declaration also says what a bare 元, "$" or ¥ of a later amount means: '(下同)'
# right after an amount in 加元 makes the later '34.93億元' Canadian dollars; a header
# 'C$ unless otherwise stated' makes every bare "$" of the article Canadian.  A
# currency written out ('30港元', 'US$1.7 billion') keeps its own.
@pytest.mark.parametrize("text, want", [
    ("楓原保險公布中期業績,淨收入22.74億加元(下同),按年升19.1%;核心盈利34.93億元,按年升1.3%。股價收報30港元。",
     {"22.74億加元": "CAD", "34.93億元": "CAD", "30港元": "HKD"}),
    ("楓原保險公布第二季度業績。新造業務價值增長20%至8.5億元（加元‧下同)，淨收入為17.9億元。",
     {"8.5億元": "CAD", "17.9億元": "CAD"}),
    ("澜川科技公布中期业绩，收入为60亿元（美元，下同），净利润为7.5亿元。", {"60亿元": "USD", "7.5亿元": "USD"}),
    ("MAPLEWOOD FINANCIAL\nC$ unless otherwise stated\n\nMaplewood reported net income of $1.8 billion "
     "and core earnings of US$1.7 billion; its shares closed at $40.",
     {"$1.8 billion": "CAD", "US$1.7 billion": "USD", "$40": "CAD"}),
    ("All figures are in Singapore dollars. Harbourline Bank earned $2.95 billion in the quarter.",
     {"$2.95 billion": "SGD"}),
    ("Maplewood reported net income of $1.8 billion in the quarter.", {"$1.8 billion": "USD"}),
])
def test_a_declared_currency_holds_for_later_bare_signs(text, want):
    rows = _rows(text, "2025-08-07")
    assert {s: rows[s]["unit"] for s in want} == want


def test_a_headline_amount_before_the_declaration_keeps_the_articles_currency():
    # the headline's bare '17億' comes before '(人民幣.下同)': as in an article with no
    # declaration, a money cue by it and the article's first currency make it yuan
    text = "澜川医药中期盈利17億人幣,升42%\n\n澜川医药公布,截至6月30日止中期盈利17億元(人民幣.下同),升41.7%。"
    rows = _rows(text, "2025-08-27")
    assert rows["17億元"]["unit"] == "CNY"


# 'grew 12.4% QoQ', 'a 30.4% rise QoQ': a basis written right after the number (or
# after the change noun that follows it) says against what the change is; one
# written before it still counts ('按季增13%'), and 'YoY' after it is year-on-year.
@pytest.mark.parametrize("text, surface, metric", [
    ("Zentrix saw revenue grow by 12.4% QoQ to $13.75 billion.", "12.4%", "revenue_growth_qoq"),
    ("Zentrix raised its quarterly revenue to $13.5 billion, a 30.4% rise QoQ.", "30.4%", "revenue_growth_qoq"),
    ("Its revenue jumped to $10.65 billion, reflecting a 53.2% QoQ increase.", "53.2%", "revenue_growth_qoq"),
    ("Zentrix saw revenue grow by 12.4% YoY to $13.75 billion.", "12.4%", "revenue_growth"),
    ("Zentrix saw revenue grow by 12.4% to $13.75 billion.", "12.4%", "revenue_growth"),
])
def test_a_basis_written_after_the_change_names_it(text, surface, metric):
    assert _by("metric", text, "2025-12-01")[surface] == metric


# 每股基本盈利 / 每股摊薄盈利, 'basic EPS' / 'diluted EPS': two bases of one figure
# (cues.toml [basis] basic, diluted); an EPS that names neither stays `eps`.
@pytest.mark.parametrize("text, surface, metric", [
    ("澜舟服务每股基本盈利约人民币0.2982元,每股摊薄盈利约人民币0.2973元。", "约人民币0.2982元", "basic_eps"),
    ("澜舟服务每股基本盈利约人民币0.2982元,每股摊薄盈利约人民币0.2973元。", "约人民币0.2973元", "diluted_eps"),
    ("Zentrova's diluted EPS was $1.20 in the quarter.", "$1.20", "diluted_eps"),
    ("Zentrova's earnings per share came in at $1.20 in the quarter.", "$1.20", "eps"),
])
def test_basic_and_diluted_eps_are_two_bases(text, surface, metric):
    assert _by("metric", text, "2025-08-20")[surface] == metric


# A comparative right after a percent makes it a change of the figure named before it
# ('net profit was 1% lower', 'revenue came in 6% higher'), signed by its direction.
@pytest.mark.parametrize("text, surface, metric, value", [
    ("Zentra Corp. said net profit was 1% lower due to higher tax.", "1%", "net_profit_growth", -0.01),
    ("Quorvex Ltd. said revenue came in 6% higher in the quarter.", "6%", "revenue_growth", 0.06),
])
def test_a_comparative_after_a_percent_is_a_change(text, surface, metric, value):
    row = _rows(text, "2025-11-05")[surface]
    assert row["metric"] == metric and row["value"] == pytest.approx(value)


# The verbs of holding shares, in all their forms, make a percent a stake; 股份 and 股本 with a
# percent do too (股份 with money is a stake's value).
@pytest.mark.parametrize("text, surface", [
    ("After the merger, Quorvex shareholders will own approximately 54% of the combined company.", "approximately 54%"),
    ("Lumacore will sell the unit, with Quorvex retaining 19.9% after the sale.", "19.9%"),
    ("The US investor held 9.82% of Quorvex as of March.", "9.82%"),
    ("华星科技将以每股23.28美元投资50亿美元，约占澜舟智控总股本的4.91%。", "4.91%"),
    ("华星科技宣布收购澜舟智控近三成股份。", "近三成"),
])
def test_holding_verbs_and_share_words_make_a_stake(text, surface):
    row = _rows(text, "2025-09-18")[surface]
    assert row["metric"] == "equity_stake"


# An offer's premium over the market price and a placement's discount to it are their own
# metrics, not a share-price change ('premium' alone is also a tier: 'premium phones').
@pytest.mark.parametrize("text, surface, metric", [
    ("华星科技提出私有化要约，以每股25.66美元收购澜舟智控，较前一交易日收盘价溢价13.6%。", "13.6%", "acquisition_premium"),
    ("Quorvex agreed to buy Lumacore for $30 a share, a 25% premium to Friday's close.", "25%", "acquisition_premium"),
    ("华星科技配售价较最后交易日收市价折让约6.2%。", "约6.2%", "offer_discount"),
    ("Quorvex priced the placement at a 6.2% discount to the last close.", "6.2%", "offer_discount"),
])
def test_premiums_and_discounts(text, surface, metric):
    row = _rows(text, "2025-05-08")[surface]
    assert row["metric"] == metric


def test_premium_as_a_tier_is_no_premium():
    rows = _rows("Quorvex said sales of premium phones rose 10% in the quarter.", "2025-05-08")
    assert rows["10%"]["metric"] != "acquisition_premium"


# An amount said per share is the per-share form of the metric its clause names: a dividend
# per share, earnings per share; a total dividend stays the dividend, a bare per-share price
# the share price.
@pytest.mark.parametrize("text, surface, metric", [
    ("Quorvex declared a final dividend of HK$0.50 per share.", "HK$0.50", "dividend_per_share"),
    ("华星科技董事会建议派发末期股息每股0.55元。", "0.55元", "dividend_per_share"),
    ("Quorvex reported earnings of $2.31 per share.", "$2.31", "eps"),
    ("Quorvex will pay a total dividend of $1.77 billion.", "$1.77 billion", "dividend"),
    ("Quorvex shares closed at $30 per share on Friday.", "$30", "share_price"),
])
def test_an_amount_per_share(text, surface, metric):
    row = _rows(text, "2025-09-19")[surface]
    assert row["metric"] == metric


# A change whose figure its own clause does not name is of the figure an earlier clause of the
# sentence names (context, nearest first): '股价…，一度大涨逾30%' is the share price's change.
def test_a_change_takes_the_figure_an_earlier_clause_names():
    rows = _rows("澜舟智控股价盘前直线飙升，一度大涨逾30%。", "2025-09-19")
    assert rows["逾30%"]["metric"] == "share_price_change"


# A part of the business (parts.toml, or words with a part's head: 业务, segment) whose
# change names no figure moved as its sales did: a segment is reported by its revenue.
# A date or the change word between the part and the number does not hide it.
def test_a_parts_change_with_no_figure_named_is_its_revenue_growth():
    rows = frame_text("澜珀集团第三季度收入增长1%。时装皮具业务第三季度下滑2%。", source="x", published="2025-10-15")
    part = [r for r in rows if r["value"] == -0.02]
    assert [(r["metric"], r["object"]) for r in part] == [("revenue_growth", "时装皮具")]


def test_a_change_with_neither_figure_nor_part_stays_a_generic_growth():
    rows = frame_text("澜珀集团表示,第三季度下滑2%。", source="x", published="2025-10-15")
    assert [r["metric"] for r in rows if r["value"] == -0.02] in ([], ["growth"])


# A plan is a proposal, a goal a target (corpus GUIDE: `proposed` is "an offer, plan,
# or deal under negotiation", `target` "a goal"): 计划/打算/plans to make a figure
# proposed, 目标/aims/target keep it a target.
@pytest.mark.parametrize("text, surface, modality", [
    ("澜舟科技计划在美国投资50亿美元建厂。", "50亿美元", "proposed"),
    ("澜舟科技打算回购20亿元股份。", "20亿元", "proposed"),
    ("Lanzhou Robotics plans to invest $2 billion in a new plant.", "$2 billion", "proposed"),
    ("澜舟科技的目标是2027年营收达到100亿元。", "100亿元", "target"),
    ("Lanzhou Robotics aims to reach revenue of $3 billion by 2027.", "$3 billion", "target"),
])
def test_a_plan_is_proposed_and_a_goal_a_target(text, surface, modality):
    assert _by("modality", text, "2025-11-20")[surface] == modality


# A figure said to beat or miss a forecast is a fact: the forecast cue after a word
# of comparison ('超越市场预期', '略低于券商预测', 'exceeding analyst expectations') is
# the benchmark it is compared with, not the figure's modality.
@pytest.mark.parametrize("text, surface", [
    ("澜舟科技第三季营收年减10%至142亿美元,也超越市场预期。", "142亿美元"),
    ("澜舟科技第三季净利润为20亿美元,略低于券商预测。", "20亿美元"),
    ("Lanzhou's sales rose 5% to $21.09 billion, exceeding analyst expectations.", "$21.09 billion"),
    # a forecast compared with earlier in the sentence qualifies none of its later figures
    ("澜舟第四季净收入275亿元,按年升3%,略低于券商预测下限;经调整纯利71亿元,按年跌26.8%,逊于预期。", "26.8%"),
    ("第3季EBITDA比去年同期锐减44%至26.9亿美元,仍优于分析师预估的25.8亿美元;每股盈余69美元,比市场预测高7美元。",
     "69美元"),
])
def test_a_figure_that_beat_a_forecast_is_actual(text, surface):
    assert _by("modality", text, "2025-11-20")[surface] == "actual"


# --------------------------------------------------------------------------- profit before tax


@pytest.mark.parametrize("text, surface, metric", [
    ("Tarnfield Group said profit before tax rose 12% to $3.1 billion in the third quarter.", "$3.1 billion",
     "pretax_profit"),
    ("Tarnfield Group said profit before tax rose 12% to $3.1 billion in the third quarter.", "12%",
     "pretax_profit_growth"),
    ("Tarnfield Group's pre-tax margin was 14.2% in the third quarter.", "14.2%", "pretax_margin"),
    ("Tarnfield Group swung to a pretax loss of $210 million in the third quarter.", "$210 million", "pretax_loss"),
    # 'loss of' straddles the end of the longer cue before it: the operating loss's, no net loss
    ("Tarnfield Group reported an operating loss of $210 million in the third quarter.", "$210 million",
     "operating_loss"),
    ("泽川集团第三季度除税前溢利为31亿港元，按年增长12%。", "31亿港元", "pretax_profit"),
    ("泽川集团第三季度税前利润为31亿元，同比增长12%。", "12%", "pretax_profit_growth"),
])
def test_profit_before_tax_is_its_own_metric(text, surface, metric):
    # profit before tax is not the net profit: two articles giving one each compare nothing
    assert _by("metric", text, "2025-11-13")[surface] == metric


def test_nine_months_said_with_a_digit():
    # '前3季' is '前三季' written with a digit: January to September
    assert _by("period", "泽川集团今天公布前3季营收年增2成至75亿欧元。", "2025-11-06")["75亿欧元"] == "2025-01/2025-09"


# --------------------------------------------------------------------------- results metrics of lenders and operators


@pytest.mark.parametrize("text, surface, metric", [
    ("Tarnfield Group said EBITDA rose 18% to $4.1 billion in the third quarter.", "$4.1 billion", "ebitda"),
    ("Tarnfield Group said EBITDA rose 18% to $4.1 billion in the third quarter.", "18%", "ebitda_growth"),
    ("Tarnfield Group's EBITDA margin was 31.2% in the third quarter.", "31.2%", "ebitda_margin"),
    ("Tarnfield Group said adjusted EBITDA was $4.4 billion in the third quarter.", "$4.4 billion", "adjusted_ebitda"),
    ("Halvern Bank's net interest income rose 6% to $12.3 billion in the third quarter.", "$12.3 billion",
     "net_interest_income"),
    ("Halvern Bank's net interest margin was 2.1% in the third quarter.", "2.1%", "net_interest_margin"),
    ("Halvern Bank's return on equity was 11.5% in the third quarter.", "11.5%", "roe"),
    ("泽川银行第三季度净利息收入为1200亿元，净息差为1.42%，加权平均净资产收益率为9.8%。", "1.42%", "net_interest_margin"),
    ("泽川银行第三季度净利息收入为1200亿元，净息差为1.42%，加权平均净资产收益率为9.8%。", "9.8%", "roe"),
    ("泽川科技第三季度研发投入为12亿元。", "12亿元", "rd_expenses"),
    # a guard (right before too): a cue inside a longer cue of another metric is the longer cue's
    ("Tarnfield Group reported a net profit margin of 5.1% in the third quarter.", "5.1%", "net_margin"),
])
def test_results_metrics_of_lenders_and_operators(text, surface, metric):
    assert _by("metric", text, "2025-11-13")[surface] == metric

"""find_mentions: one table row per form the issue names, in simplified and
traditional Chinese and in English.  Expected values are worked out by hand
(arithmetic in the comments); ``None`` is an open bound."""
from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from ledger.cli import main
from ledger.numbers import find_mentions, mentions_frame
from ledger.record import KINDS, QUALIFIERS
from ledger.units import LEDGER_UNITS
from tests.conftest import SEEDS

YI, WAN = D(10) ** 8, D(10) ** 4


def only(text: str, published=None):
    found = find_mentions(text, published=published)
    assert len(found) == 1, [(m.surface, m.kind) for m in found]
    m = found[0]
    assert text[m.start : m.end] == m.surface
    return m


def row(m):
    return (m.surface, m.kind, m.value, m.low, m.high, m.unit, m.qualifier)


# (text, surface, kind, value, low, high, unit, qualifier)
EXACT_FORMS = [
    # --- Arabic digits: separators, decimals, full-width, spaces before the magnitude
    ("营收1,300亿美元", "1,300亿美元", "money", 1300 * YI, 1300 * YI, 1300 * YI, "USD", "exact"),
    ("營收1,300 億美元", "1,300 億美元", "money", 1300 * YI, 1300 * YI, 1300 * YI, "USD", "exact"),
    ("１２３億美元", "１２３億美元", "money", 123 * YI, 123 * YI, 123 * YI, "USD", "exact"),  # full-width digits
    ("投入1000\u00a0亿美元", "1000\u00a0亿美元", "money", 1000 * YI, 1000 * YI, 1000 * YI, "USD", "exact"),
    ("裁员5,000人", "5,000", "count", D(5000), D(5000), D(5000), "count", "exact"),
    # 16.4 x 10^8 is exactly 1640000000 (Decimal, not float)
    ("营收16.4亿元", "16.4亿元", "money", D(1640000000), D(1640000000), D(1640000000), "CNY", "exact"),
    # --- Chinese numerals
    ("一百二十三亿元", "一百二十三亿元", "money", 123 * YI, 123 * YI, 123 * YI, "CNY", "exact"),
    ("兩千零五萬美元", "兩千零五萬美元", "money", 2005 * WAN, 2005 * WAN, 2005 * WAN, "USD", "exact"),
    ("十一亿元", "十一亿元", "money", 11 * YI, 11 * YI, 11 * YI, "CNY", "exact"),
    ("壹佰贰拾叁万元", "壹佰贰拾叁万元", "money", 123 * WAN, 123 * WAN, 123 * WAN, "CNY", "exact"),  # financial forms
    ("一〇五亿元", "一〇五亿元", "money", 105 * YI, 105 * YI, 105 * YI, "CNY", "exact"),  # positional with 〇
    ("两百亿美元", "两百亿美元", "money", 200 * YI, 200 * YI, 200 * YI, "USD", "exact"),
    # --- mixed forms
    ("1.4萬億美元", "1.4萬億美元", "money", D("1.4e12"), D("1.4e12"), D("1.4e12"), "USD", "exact"),  # 1.4 x 10^4 x 10^8
    ("3万亿元", "3万亿元", "money", D("3e12"), D("3e12"), D("3e12"), "CNY", "exact"),
    ("119亿美元", "119亿美元", "money", 119 * YI, 119 * YI, 119 * YI, "USD", "exact"),
    ("3500万美元", "3500万美元", "money", 3500 * WAN, 3500 * WAN, 3500 * WAN, "USD", "exact"),
    ("3万4000美元", "3万4000美元", "money", D(34000), D(34000), D(34000), "USD", "exact"),  # 3 x 10^4 + 4000
    ("21000亿元", "21000亿元", "money", 21000 * YI, 21000 * YI, 21000 * YI, "CNY", "exact"),
    ("一亿二千万元", "一亿二千万元", "money", D(120_000_000), D(120_000_000), D(120_000_000), "CNY", "exact"),
    # --- 兆 = 10^12 with money (Taiwanese usage)
    ("台積電營收2.5兆新台幣", "2.5兆新台幣", "money", D("2.5e12"), D("2.5e12"), D("2.5e12"), "TWD", "exact"),
    # 2 x 10^12 + 8,943 x 10^8 = 2894300000000
    ("營收新台幣2兆8,943億元", "新台幣2兆8,943億元", "money", D(2894300000000), D(2894300000000),
     D(2894300000000), "TWD", "exact"),
    # --- English
    ("a $13B investment", "$13B", "money", D("1.3e10"), D("1.3e10"), D("1.3e10"), "USD", "exact"),
    ("invested $13 billion", "$13 billion", "money", D("1.3e10"), D("1.3e10"), D("1.3e10"), "USD", "exact"),
    ("raised 13bn dollars", "13bn dollars", "money", D("1.3e10"), D("1.3e10"), D("1.3e10"), "USD", "exact"),
    ("US$1.4 trillion of compute", "US$1.4 trillion", "money", D("1.4e12"), D("1.4e12"), D("1.4e12"), "USD", "exact"),
    ("350 million dollars", "350 million dollars", "money", D("3.5e8"), D("3.5e8"), D("3.5e8"), "USD", "exact"),
    ("a 27 percent stake", "27 percent", "percent", D("0.27"), D("0.27"), D("0.27"), "ratio", "exact"),
    ("a 27 per cent stake", "27 per cent", "percent", D("0.27"), D("0.27"), D("0.27"), "ratio", "exact"),
    ("a 10x return", "10x", "multiple", D(10), D(10), D(10), "times", "exact"),
    ("a tenfold increase", "tenfold", "multiple", D(10), D(10), D(10), "times", "exact"),
    ("cut by a third", "a third", "percent", D("0.333333333333"), D("0.333333333333"), D("0.333333333333"),
     "ratio", "exact"),  # 1/3 to 12 places
    ("two-thirds of revenue", "two-thirds", "percent", D("0.666666666667"), D("0.666666666667"),
     D("0.666666666667"), "ratio", "exact"),
    # --- currencies
    # 美金 (US dollars) before the number, as 人民币 and 港币 are: 5 x 10^8 USD (it was a bare count)
    ("美金5亿", "美金5亿", "money", 5 * YI, 5 * YI, 5 * YI, "USD", "exact"),
    ("人民币100亿元", "人民币100亿元", "money", 100 * YI, 100 * YI, 100 * YI, "CNY", "exact"),
    ("人民幣100億元", "人民幣100億元", "money", 100 * YI, 100 * YI, 100 * YI, "CNY", "exact"),
    ("300亿港元", "300亿港元", "money", 300 * YI, 300 * YI, 300 * YI, "HKD", "exact"),
    ("300億港幣", "300億港幣", "money", 300 * YI, 300 * YI, 300 * YI, "HKD", "exact"),
    ("5000万欧元", "5000万欧元", "money", 5000 * WAN, 5000 * WAN, 5000 * WAN, "EUR", "exact"),
    ("5000萬歐元", "5000萬歐元", "money", 5000 * WAN, 5000 * WAN, 5000 * WAN, "EUR", "exact"),
    ("10亿日元", "10亿日元", "money", 10 * YI, 10 * YI, 10 * YI, "JPY", "exact"),
    ("HK$5bn", "HK$5bn", "money", 5 * D(10) ** 9, 5 * D(10) ** 9, 5 * D(10) ** 9, "HKD", "exact"),
    ("NT$100 million", "NT$100 million", "money", D("1e8"), D("1e8"), D("1e8"), "TWD", "exact"),
    ("€5 billion", "€5 billion", "money", D("5e9"), D("5e9"), D("5e9"), "EUR", "exact"),
    ("¥100亿", "¥100亿", "money", 100 * YI, 100 * YI, 100 * YI, "CNY", "exact"),
    ("RMB 10 billion", "RMB 10 billion", "money", D("1e10"), D("1e10"), D("1e10"), "CNY", "exact"),
    ("USD 5 million", "USD 5 million", "money", D("5e6"), D("5e6"), D("5e6"), "USD", "exact"),
    ("CNY 8 billion", "CNY 8 billion", "money", D("8e9"), D("8e9"), D("8e9"), "CNY", "exact"),
    ("营收8亿元", "8亿元", "money", 8 * YI, 8 * YI, 8 * YI, "CNY", "exact"),  # bare 元 in zh-Hans: CNY
    ("1000美金", "1000美金", "money", D(1000), D(1000), D(1000), "USD", "exact"),
    # --- percent, percentage points
    ("持股27%", "27%", "percent", D("0.27"), D("0.27"), D("0.27"), "ratio", "exact"),
    ("持股27％", "27％", "percent", D("0.27"), D("0.27"), D("0.27"), "ratio", "exact"),  # full-width %
    ("百分之二十七", "百分之二十七", "percent", D("0.27"), D("0.27"), D("0.27"), "ratio", "exact"),
    ("百分之三点五", "百分之三点五", "percent", D("0.035"), D("0.035"), D("0.035"), "ratio", "exact"),
    ("市占三成", "三成", "percent", D("0.3"), D("0.3"), D("0.3"), "ratio", "exact"),
    ("營收成長3成", "3成", "percent", D("0.3"), D("0.3"), D("0.3"), "ratio", "exact"),  # Taiwanese usage
    ("上升3个百分点", "3个百分点", "percentage_point", D(3), D(3), D(3), "percentage_point", "exact"),
    ("上升3個百分點", "3個百分點", "percentage_point", D(3), D(3), D(3), "percentage_point", "exact"),
    ("rose 2 percentage points", "2 percentage points", "percentage_point", D(2), D(2), D(2),
     "percentage_point", "exact"),
    # --- multiples: the number as written (docs/numbers.md: 增长7倍 vs 增长700% vs 是…的8倍)
    ("增长700%", "700%", "percent", D(7), D(7), D(7), "ratio", "exact"),
    ("增长7倍", "7倍", "multiple", D(7), D(7), D(7), "times", "exact"),
    ("收入是上年同期的8倍", "8倍", "multiple", D(8), D(8), D(8), "times", "exact"),
    ("估值翻番", "翻番", "multiple", D(2), D(2), D(2), "times", "exact"),
    ("营收翻倍", "翻倍", "multiple", D(2), D(2), D(2), "times", "exact"),
    ("用户翻了一倍", "翻了一倍", "multiple", D(2), D(2), D(2), "times", "exact"),
    ("营收翻两番", "翻两番", "multiple", D(4), D(4), D(4), "times", "exact"),  # doubled twice: 2^2
    ("100倍", "100倍", "multiple", D(100), D(100), D(100), "times", "exact"),
    ("sales doubled", "doubled", "multiple", D(2), D(2), D(2), "times", "exact"),
    # --- durations
    ("为期五年", "五年", "duration", D(5), D(5), D(5), "year", "exact"),
    ("在10天完成", "10天", "duration", D(10), D(10), D(10), "day", "exact"),
    ("未来六个月", "六个月", "duration", D(6), D(6), D(6), "month", "exact"),
    ("未來六個月", "六個月", "duration", D(6), D(6), D(6), "month", "exact"),
    ("两周", "两周", "duration", D(2), D(2), D(2), "week", "exact"),
    ("a five-year deal", "five-year", "duration", D(5), D(5), D(5), "year", "exact"),
    ("for 10 days", "10 days", "duration", D(10), D(10), D(10), "day", "exact"),
    ("six months", "six months", "duration", D(6), D(6), D(6), "month", "exact"),
]


@pytest.mark.parametrize("text, surface, kind, value, low, high, unit, qualifier", EXACT_FORMS,
                         ids=[r[0] for r in EXACT_FORMS])
def test_forms(text, surface, kind, value, low, high, unit, qualifier):
    assert row(only(text)) == (surface, kind, value, low, high, unit, qualifier)


# Hedges: the table in docs/numbers.md.  about = ±10%; nearly = [0.9X, X]; over / at least = [X, open);
# up to / under = (open, X]; 数 = [2, 9] x unit; 多/余 = [X, X + place of X's last digit).
HEDGES = [
    ("约27%", "约27%", D("0.27"), D("0.243"), D("0.297"), "about"),
    ("約27%", "約27%", D("0.27"), D("0.243"), D("0.297"), "about"),
    ("大约100亿美元", "大约100亿美元", 100 * YI, 90 * YI, 110 * YI, "about"),
    ("接近50%", "接近50%", D("0.5"), D("0.45"), D("0.5"), "about"),
    ("近1000亿美元", "近1000亿美元", 1000 * YI, 900 * YI, 1000 * YI, "about"),
    ("50%左右", "50%左右", D("0.5"), D("0.45"), D("0.55"), "about"),
    ("超过100亿美元", "超过100亿美元", 100 * YI, 100 * YI, None, "over"),
    ("超過100億美元", "超過100億美元", 100 * YI, 100 * YI, None, "over"),
    ("逾50亿港元", "逾50亿港元", 50 * YI, 50 * YI, None, "over"),
    ("100亿元以上", "100亿元以上", 100 * YI, 100 * YI, None, "at_least"),
    ("至少30%", "至少30%", D("0.3"), D("0.3"), None, "at_least"),
    # 高达 is emphasis: the amount itself, hedge word left out of the surface
    ("高达1.4万亿美元", "1.4万亿美元", D("1.4e12"), D("1.4e12"), D("1.4e12"), "exact"),
    ("高達1.4萬億美元", "1.4萬億美元", D("1.4e12"), D("1.4e12"), D("1.4e12"), "exact"),
    ("上看100亿美元", "上看100亿美元", 100 * YI, None, 100 * YI, "up_to"),
    ("最多20%", "最多20%", D("0.2"), None, D("0.2"), "up_to"),
    ("不超过5000万元", "不超过5000万元", 5000 * WAN, None, 5000 * WAN, "up_to"),
    ("不到10%", "不到10%", D("0.1"), None, D("0.1"), "under"),
    ("未满1亿元", "未满1亿元", YI, None, YI, "under"),
    # 1000多亿: 1000 has its last non-zero digit in the thousands -> [1000, 2000) x 10^8
    ("1000多亿美元", "1000多亿美元", 1000 * YI, 1000 * YI, 2000 * YI, "over"),
    ("十多亿美元", "十多亿美元", 10 * YI, 10 * YI, 20 * YI, "over"),  # [10, 20) x 10^8
    ("十余亿元", "十余亿元", 10 * YI, 10 * YI, 20 * YI, "over"),
    ("数十亿美元", "数十亿美元", D("5.5e9"), D("2e9"), D("9e9"), "several"),  # [2, 9] x 10 x 10^8
    ("數百億美元", "數百億美元", D("5.5e10"), D("2e10"), D("9e10"), "several"),
    ("几十亿元", "几十亿元", D("5.5e9"), D("2e9"), D("9e9"), "several"),
    ("数千亿美元", "数千亿美元", D("5.5e11"), D("2e11"), D("9e11"), "several"),
    # 十几 x 10^8 with the places below 几 unsaid (十九亿五千万 is 十几亿): [10, 20] x 10^8, as 十多亿
    ("十几亿元", "十几亿元", D("1.5e9"), D("1e9"), D("2e9"), "several"),
    ("上百亿美元", "上百亿美元", 100 * YI, 100 * YI, None, "at_least"),
    ("上万亿元", "上万亿元", D("1e12"), D("1e12"), None, "at_least"),
    ("百亿级", "百亿", 100 * YI, 100 * YI, 1000 * YI, "approx_range"),  # order of magnitude [X, 10X)
    ("千億美元", "千億美元", 1000 * YI, 1000 * YI, 10000 * YI, "approx_range"),
    ("万亿美元", "万亿美元", D("1e12"), D("1e12"), D("1e13"), "approx_range"),
    ("營收約為NT$1,500億", "約為NT$1,500億", 1500 * YI, 1350 * YI, 1650 * YI, "about"),
    ("about 30 percent", "about 30 percent", D("0.3"), D("0.27"), D("0.33"), "about"),
    ("more than 20%", "more than 20%", D("0.2"), D("0.2"), None, "over"),
    ("at least $5bn", "at least $5bn", D("5e9"), D("5e9"), None, "at_least"),
    ("up to $2 billion", "up to $2 billion", D("2e9"), None, D("2e9"), "up_to"),
    ("less than 10%", "less than 10%", D("0.1"), None, D("0.1"), "under"),
    ("nearly $1 trillion", "nearly $1 trillion", D("1e12"), D("9e11"), D("1e12"), "about"),
    ("10倍以上", "10倍以上", D(10), D(10), None, "at_least"),
    ("三年内", "三年内", D(3), None, D(3), "up_to"),
    ("在10天內完成", "10天內", D(10), None, D(10), "up_to"),
]


@pytest.mark.parametrize("text, surface, value, low, high, qualifier", HEDGES, ids=[h[0] for h in HEDGES])
def test_hedges_are_intervals(text, surface, value, low, high, qualifier):
    m = only(text)
    assert (m.surface, m.value, m.low, m.high, m.qualifier) == (surface, value, low, high, qualifier)


RANGES = [
    ("20%至30%", "percent", D("0.25"), D("0.2"), D("0.3"), "ratio"),
    ("20%~30%", "percent", D("0.25"), D("0.2"), D("0.3"), "ratio"),
    ("20-30%", "percent", D("0.25"), D("0.2"), D("0.3"), "ratio"),
    ("100-200亿美元", "money", 150 * YI, 100 * YI, 200 * YI, "USD"),  # 亿 applies to both ends
    ("100億至200億美元", "money", 150 * YI, 100 * YI, 200 * YI, "USD"),
    ("三到五年", "duration", D(4), D(3), D(5), "year"),
    ("一两年", "duration", D("1.5"), D(1), D(2), "year"),
    ("$1-2 billion", "money", D("1.5e9"), D("1e9"), D("2e9"), "USD"),  # billion applies to both ends
    ("$1 billion-$2 billion", "money", D("1.5e9"), D("1e9"), D("2e9"), "USD"),
    ("10 to 20 percent", "percent", D("0.15"), D("0.1"), D("0.2"), "ratio"),
    ("两三百亿美元", "money", 250 * YI, 200 * YI, 300 * YI, "USD"),  # 两三百 = 200 to 300
    ("数万乃至数十万", "count", D(460000), D(20000), D(900000), "count"),  # [2 x 10^4, 9 x 10^5]
]


@pytest.mark.parametrize("text, kind, value, low, high, unit", RANGES, ids=[r[0] for r in RANGES])
def test_ranges(text, kind, value, low, high, unit):
    m = only(text)
    assert (m.surface, m.kind, m.value, m.low, m.high, m.unit, m.qualifier) == (
        text, kind, value, low, high, unit, "range")


def test_between_and_is_a_range_but_from_to_is_a_change():
    m = find_mentions("between $1bn and $2bn")[0]
    assert (m.surface, m.low, m.high, m.qualifier) == ("$1bn and $2bn", D("1e9"), D("2e9"), "range")
    found = find_mentions("revenue rose from 10% to 20%")  # two figures, not one interval
    assert [(m.surface, m.value) for m in found] == [("10%", D("0.1")), ("20%", D("0.2"))]


def test_signed_figures():
    assert only("margin fell to −3.2%").value == D("-0.032")
    m = only("a net of -$5bn")
    assert (m.surface, m.value, m.low, m.high) == ("-$5bn", D("-5e9"), D("-5e9"), D("-5e9"))
    assert only("GPT-4 and 3-5 years").value == D(4)  # a range dash, not a minus: [3, 5]
    m = only("同比约-5%")  # about widens outwards: -0.05 -+ 0.005
    assert (m.surface, m.value, m.low, m.high) == ("约-5%", D("-0.05"), D("-0.055"), D("-0.045"))
    m = only("nearly -5%")  # just short of -5%: [-0.05, -0.045]
    assert (m.low, m.high) == (D("-0.05"), D("-0.045"))


def test_vague_multiple_and_clause_hedge_on_a_percentage():
    m = only("提升数倍")
    assert (m.kind, m.low, m.high, m.qualifier) == ("multiple", D(2), D(9), "several")
    m = only("约占公司营收的62%")  # 约 governs …的62%: [0.9 x 0.62, 1.1 x 0.62]
    assert (m.surface, m.low, m.high, m.qualifier) == ("62%", D("0.558"), D("0.682"), "about")
    found = find_mentions("约1000亿美元的融资中的20%")  # 约 is taken by 1000亿
    assert [(m.surface, m.qualifier) for m in found] == [("约1000亿美元", "about"), ("20%", "exact")]


def test_hedged_range_widens():
    m = only("约20%至30%")  # about applies to the whole range: [0.9 x 0.2, 1.1 x 0.3]
    assert (m.low, m.high, m.qualifier) == (D("0.18"), D("0.33"), "approx_range")


PUB = "2025-05-05"
DATES = [
    ("2019年7月", PUB, "2019-07", "2019-07-01", "2019-07-31"),
    ("3月11日", PUB, "2025-03-11", "2025-03-11", "2025-03-11"),
    ("3月 11 日", PUB, "2025-03-11", "2025-03-11", "2025-03-11"),
    ("2024年 10 月", PUB, "2024-10", "2024-10-01", "2024-10-31"),
    ("2023年底", None, "2023-11/2023-12", "2023-11-01", "2023-12-31"),  # 年底 = Nov-Dec
    ("2024年初", None, "2024-01/2024-02", "2024-01-01", "2024-02-29"),
    ("2023年上半年", None, "2023-H1", "2023-01-01", "2023-06-30"),
    ("2024年第三季度", None, "2024-Q3", "2024-07-01", "2024-09-30"),
    ("去年底", PUB, "2024-11/2024-12", "2024-11-01", "2024-12-31"),
    ("去年底", "2025-05", "2024-11/2024-12", "2024-11-01", "2024-12-31"),  # a month-precise date suffices
    ("上周", PUB, "2025-04-28/2025-05-04", "2025-04-28", "2025-05-04"),  # 2025-05-05 is a Monday
    ("上周六", PUB, "2025-05-03", "2025-05-03", "2025-05-03"),
    ("今年4月", PUB, "2025-04", "2025-04-01", "2025-04-30"),
    ("去年10月", PUB, "2024-10", "2024-10-01", "2024-10-31"),
    ("上個月", PUB, "2025-04", "2025-04-01", "2025-04-30"),
    ("2月底", PUB, "2025-02-21/2025-02-28", "2025-02-21", "2025-02-28"),
    ("12月", PUB, "2024-12", "2024-12-01", "2024-12-31"),  # a month still to come: last year's
    ("二〇二四年", None, "2024", "2024-01-01", "2024-12-31"),
    ("2024年中国市场", None, "2024", "2024-01-01", "2024-12-31"),  # 年 + 中国, not 年中 (mid-year)
    ("2024年初步统计", None, "2024", "2024-01-01", "2024-12-31"),  # 初步 = preliminary, not 年初
    ("2024年中,", None, "2024-06/2024-07", "2024-06-01", "2024-07-31"),
    ("3月中旬", PUB, "2025-03-11/2025-03-20", "2025-03-11", "2025-03-20"),
    ("2019-2020年", None, "2019/2020", "2019-01-01", "2020-12-31"),
    ("2025-05-05", None, "2025-05-05", "2025-05-05", "2025-05-05"),
    ("March 11, 2025", None, "2025-03-11", "2025-03-11", "2025-03-11"),
    ("in 2019", None, "2019", "2019-01-01", "2019-12-31"),
    ("在Q3 2024", None, "2024-Q3", "2024-07-01", "2024-09-30"),  # English right after a Han character
    ("in January", "2025-03", "2025-01", "2025-01-01", "2025-01-31"),
    ("fiscal 2024", None, "2024", "2024-01-01", "2024-12-31"),
    ("2024年Q1", None, "2024-Q1", "2024-01-01", "2024-03-31"),
    ("2024财年营收", None, "2024", "2024-01-01", "2024-12-31"),  # a fiscal year, labelled by its year
    ("FY2024 revenue", None, "2024", "2024-01-01", "2024-12-31"),
    ("2024年H2", None, "2024-H2", "2024-07-01", "2024-12-31"),
    ("H1 2024", None, "2024-H1", "2024-01-01", "2024-06-30"),
    ("first half of 2024", None, "2024-H1", "2024-01-01", "2024-06-30"),
    ("Q3 2024", None, "2024-Q3", "2024-07-01", "2024-09-30"),
    ("last year", PUB, "2024", "2024-01-01", "2024-12-31"),
]


@pytest.mark.parametrize("text, published, value, low, high", DATES, ids=[f"{d[0]}@{d[1]}" for d in DATES])
def test_dates(text, published, value, low, high):
    m = only(text, published=published)
    assert (m.kind, m.unit, m.value, m.low, m.high, m.qualifier) == ("date", "date", value, low, high, "exact")


@pytest.mark.parametrize("text", ["去年底", "上周", "3月11日", "今年4月", "上个月", "last week"])
def test_relative_dates_without_a_published_date_have_no_value(text):
    m = only(text)
    assert (m.kind, m.value, m.low, m.high) == ("date", None, None, None)


NOT_AMOUNTS = [
    "第二十届全球中国峰会", "GPT-4模型", "GPT-3.5", "o3-mini", "H100和H200", "Phi-4", "4o模型",
    "产品截图(图1)", "856\n收藏", "AI 2.0浪潮", "Windows 11", "时间23:55", "千万不要", "亿万富翁",
    "一成不变", "几乎", "数据", "百度", "5G网络", "兆瓦", "the third of March", "第3季", "version 1.2.3",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_amounts(text):
    found = [m for m in find_mentions(text) if m.kind != "date"]
    assert found == []


def test_offsets_point_into_the_original_through_glosses_and_html():
    text = "<p>高達(dá)1.4萬(wàn)億美元</p>的承諾,約&nbsp;27%"
    found = find_mentions(text)
    assert [m.surface for m in found] == ["1.4萬(wàn)億美元", "約&nbsp;27%"]
    assert all(text[m.start : m.end] == m.surface for m in found)
    assert found[0].value == D("1.4e12") and found[1].value == D("0.27")


def test_bare_yuan_follows_the_text():
    assert only("新臺幣計價,營收300億元").unit == "TWD"  # a text naming 新台幣: 元 is TWD
    assert only("营收300亿元").unit == "CNY"  # zh-Hans, no other currency named: CNY
    assert only("營收300億元").unit == "CNY"  # zh-Hant without 新台幣/NT$: CNY (docs/numbers.md)
    # a Taiwanese outlet's own words: its Taipei dateline, the Taiwan bourse: 元 is the NT dollar
    assert only("〔記者／台北報導〕鴻海營收為8629億元").unit == "TWD"
    assert only("台股今日大漲,台積電營收為8629億元").unit == "TWD"


# 港元 named in a text: a Hong Kong outlet (traditional script) writes its bare 元 in
# Hong Kong dollars; a mainland article (simplified) gives a Hong Kong dividend or
# offer price in 港元 and the company's results in bare 元, which are renminbi.
@pytest.mark.parametrize("text, unit", [
    ("国泰航空全年收入为1167.66亿元,派末期息每股0.2港元。", "CNY"),
    ("國泰航空全年收入為1167.66億元,派末期息每股0.2港元。", "HKD"),
    ("波司登中期营收89.28亿元,派中期息每股6港仙,以港元派付。", "CNY"),
])
def test_a_hong_kong_dollar_named_once_sets_the_bare_yuan_only_in_traditional_script(text, unit):
    amounts = [m for m in find_mentions(text) if m.surface.endswith(("亿元", "億元"))]
    assert [m.unit for m in amounts] == [unit]


# A text that names no currency at all, in a Hong Kong outlet's own words (按年/按季 where
# a mainland outlet writes 同比/环比, 港交所, 恒指, 孖展): its bare 元 is the Hong Kong
# dollar, in either script; a mainland word anywhere keeps the renminbi.
@pytest.mark.parametrize("text, unit", [
    ("海港航空（293）去年纯利108.28亿元，按年增长9.5%。", "HKD"),
    ("海港交易所去年盈利按年升36%至178億元。", "HKD"),
    ("海港航空去年纯利108.28亿元，同比增长9.5%，按年计算亦然。", "CNY"),
    ("海港航空去年纯利108.28亿元，增长9.5%。", "CNY"),
])
def test_a_hong_kong_outlets_own_words_make_a_bare_yuan_hong_kong_dollars(text, unit):
    amounts = [m for m in find_mentions(text) if m.surface.endswith(("亿元", "億元"))]
    assert [m.unit for m in amounts] == [unit]


# ¥ is both the yuan's and the yen's sign: JPY where the text names the yen and
# never the yuan, else CNY (lexicon [currency.yen_sign]).  Values: ¥3 trillion is
# 3 x 10^12; 4.5万亿 is 4.5 x 10^12; 10亿 is 10^9; 7 billion is 7 x 10^9.
YEN_SIGN = [
    ("SoftBank will put ¥3 trillion into OpenAI, its biggest yen outlay", "¥3 trillion", D("3e12"), "JPY"),
    ("SOFTBANK: ¥3 trillion, paid in YEN", "¥3 trillion", D("3e12"), "JPY"),  # a whole word, any case
    ("软银宣布向OpenAI投资¥4.5万亿,以日元计价", "¥4.5万亿", D("4.5e12"), "JPY"),
    ("軟銀宣佈投資¥4.5萬億,以日圓計價", "¥4.5萬億", D("4.5e12"), "JPY"),
    ("阿里巴巴向月之暗面投资¥10亿", "¥10亿", D("1e9"), "CNY"),  # no yen named: the yuan
    ("The yen fell and the yuan rose; ¥7 billion changed hands", "¥7 billion", D("7e9"), "CNY"),  # both named
    ("A Yenisei port deal worth ¥7 billion", "¥7 billion", D("7e9"), "CNY"),  # 'yen' only inside a word
    ("JP¥7 billion, no cue needed", "JP¥7 billion", D("7e9"), "JPY"),
    ("CN¥7 billion in a yen story", "CN¥7 billion", D("7e9"), "CNY"),  # names CN¥: the yuan, not JPY
]


@pytest.mark.parametrize("text,surface,value,unit", YEN_SIGN)
def test_yen_sign_follows_the_text(text, surface, value, unit):
    m = only(text)
    assert (m.surface, m.kind, m.value, m.unit) == (surface, "money", value, unit)


def test_units_kinds_and_qualifiers_are_ledger_vocabulary():
    for path in sorted(SEEDS.glob("*.txt")):
        for m in find_mentions(path.read_text(encoding="utf-8")):
            assert m.kind in KINDS and m.qualifier in QUALIFIERS and m.unit in LEDGER_UNITS


def test_mentions_frame_columns():
    df = mentions_frame("约27%的股权,130亿美元", source="s1")
    assert list(df.columns) == ["source", "start", "end", "surface", "kind", "value", "low", "high", "unit",
                                "qualifier"]
    assert df["surface"].tolist() == ["约27%", "130亿美元"]


# --------------------------------------------------------------------------- CLI


def test_cli_json_rows_have_exactly_the_contract_keys(tmp_path):
    art = tmp_path / "a1.txt"
    art.write_text("约27%的股权,估值1350亿美元,去年底,超过700%", encoding="utf-8")
    res = CliRunner().invoke(main, ["mentions", "--json", "--published", "2025-05-05", str(art)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert all(set(r) == {"start", "end", "surface", "kind", "value", "low", "high", "unit", "qualifier",
                          "source"} for r in rows)
    assert rows[0] == {"start": 0, "end": 4, "surface": "约27%", "kind": "percent", "value": 0.27,
                       "low": 0.243, "high": 0.297, "unit": "ratio", "qualifier": "about", "source": "a1"}
    assert rows[1]["value"] == 135000000000 and isinstance(rows[1]["value"], int)  # ints where integral
    assert rows[2]["value"] == "2024-11/2024-12"  # dates as ISO strings
    assert rows[3]["high"] is None  # open bound


def test_cli_reads_published_from_sources_csv_beside_the_article():
    res = CliRunner().invoke(main, ["mentions", "--json", str(SEEDS / "000_98a3e9e20e971090.txt")])
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.output.splitlines()]
    # sources.csv: 000 published 2026-02, so 去年10月 is 2025-10
    assert [r["value"] for r in rows if r["surface"] == "去年10月"] == ["2025-10"]


def test_cli_unreadable_file_exits_2(tmp_path):
    res = CliRunner().invoke(main, ["mentions", str(tmp_path / "missing.txt")])
    assert res.exit_code == 2
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("微软投资130亿美元".encode("gbk"))
    res = CliRunner().invoke(main, ["mentions", str(bad)])
    assert res.exit_code == 2 and "GB18030" in res.output


def test_cli_bad_published_is_a_usage_error(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("27%", encoding="utf-8")
    res = CliRunner().invoke(main, ["mentions", "--published", "2025-13", str(art)])
    assert res.exit_code == 2 and "--published" in res.output


def test_absurdly_long_numerals_are_not_amounts():
    # 100,000 digits before 亿美元, or 100,000 一 before 年: no amount, no exception
    assert find_mentions("1" * 100_000 + "亿美元") == []
    assert find_mentions("一" * 100_000 + "年") == []
    assert len(find_mentions("一万" * 2000 + "元")) >= 1  # and a long run of short numerals still reads


def test_docs_examples_are_real_output():
    """Every output line docs/numbers.md shows is what the CLI prints."""
    from tests.conftest import ROOT

    sec = (ROOT / "docs" / "numbers.md").read_text(encoding="utf-8")
    shown = [line for line in sec.splitlines() if line.startswith("000_98a3e9e20e971090\t")]
    assert len(shown) >= 5
    out = CliRunner().invoke(main, ["mentions", str(SEEDS / "000_98a3e9e20e971090.txt")]).output.splitlines()
    assert [line for line in shown if line not in out] == []
    shown_json = [json.loads(line) for line in sec.splitlines() if line.startswith('{"start"')]
    out_json = [json.loads(line) for line in CliRunner().invoke(
        main, ["mentions", "--json", str(SEEDS / "001_65e055411d3fbeb8.txt")]).output.splitlines()]
    assert shown_json and all(row in out_json for row in shown_json)


def test_numbers_lexicon_is_consistent():
    """lexicon/numbers.toml: every currency is a ledger unit, every hedge a known kind,
    and each currency word is read after a number."""
    from ledger.numbers.lexicon import LEXICON

    after, before = LEXICON["currency"]["after"], LEXICON["currency"]["before"]
    assert set(after.values()) - {"yuan"} <= LEDGER_UNITS and set(before.values()) <= LEDGER_UNITS
    kinds = {"about", "nearly", "over", "at_least", "up_to", "under", "exact", "odd"}
    assert set(LEXICON["hedges"]["before"]) <= kinds and set(LEXICON["hedges"]["after"]) <= kinds
    for word, code in after.items():
        m = only(f"共5亿{word}" if not word.isascii() else f"it cost 5 billion {word} in all")
        assert m.kind == "money" and m.unit == ("CNY" if code == "yuan" else code), word


# The same claim in both scripts reads the same (OpenCC folds the traditional
# text; the surface stays as written).
BOTH_SCRIPTS = [
    ("大约100亿美元", "大約100億美元"), ("不超过5000万元", "不超過5000萬元"), ("未满1亿元", "未滿1億元"),
    ("几十亿元", "幾十億元"), ("上百亿美元", "上百億美元"), ("数千亿美元", "數千億美元"),
    ("百亿级", "百億級"), ("上升3个百分点", "上升3個百分點"), ("两三百亿美元", "兩三百億美元"),
    ("净利润为人民币3.2亿元", "淨利潤為人民幣3.2億元"), ("至少30%", "至少30%"), ("近1000亿美元", "近1000億美元"),
    ("三到五年", "三到五年"), ("未来六个月", "未來六個月"), ("上周", "上週"), ("上个月", "上個月"),
    ("去年底", "去年底"), ("2023年下半年", "2023年下半年"), ("十多亿美元", "十多億美元"), ("翻了一倍", "翻了一倍"),
]


@pytest.mark.parametrize("hans, hant", BOTH_SCRIPTS, ids=[h for _, h in BOTH_SCRIPTS])
def test_both_scripts_read_alike(hans, hant):
    a, b = only(hans, published=PUB), only(hant, published=PUB)
    assert (a.kind, a.value, a.low, a.high, a.unit, a.qualifier) == (b.kind, b.value, b.low, b.high, b.unit,
                                                                     b.qualifier)
    assert hant[b.start : b.end] == b.surface and len(a.surface) == len(b.surface)


def test_a_full_width_clause_comma_is_not_a_thousands_separator():
    found = find_mentions("门店增长了100，300家为新开")  # two numbers, not 100,300
    assert [(m.surface, m.value) for m in found] == [("100", 100), ("300", 300)]
    assert only("１，３００億美元").value == 1300 * YI  # all full-width: one number
    assert only("营收1,300亿美元").value == 1300 * YI

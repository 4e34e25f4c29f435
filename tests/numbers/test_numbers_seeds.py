"""Every money / percent / multiple mention of each seed article, with the
value worked out by hand from the text (arithmetic in the comments).

The list per article is complete: a missed number or an extra one fails.
Conventions (docs/numbers.md): 约/約 = ±10%; 超过/超過 = [X, open); 至少 =
[X, open); 数百亿 = [2, 9] × 100亿 (value = midpoint); a bare 百亿 = [X, 10X);
高达/高達 is emphasis, not a bound.
"""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from ledger.numbers import find_mentions
from ledger.textio import read_text
from tests.conftest import SEEDS

YI = D(10) ** 8  # 亿 / 億
WAN = D(10) ** 4  # 万 / 萬
AMOUNT_KINDS = ("money", "percent", "percentage_point", "multiple")

EXPECTED = {
    "000_98a3e9e20e971090": [
        # 他此前宣布對OpenAI的1000億美元投資: 1000 x 10^8
        ("1000億美元", "money", 1000 * YI, 1000 * YI, 1000 * YI, "USD", "exact"),
        # 以“數(shù)百億美元級(jí)別”: several hundred 億 = [2, 9] x 100 x 10^8, midpoint 5.5e10;
        # the pinyin gloss (shù) stays inside the surface
        ("數(shù)百億美元", "money", D("5.5e10"), 2 * 100 * YI, 9 * 100 * YI, "USD", "several"),
        # 就約1000億美元的融資: 1e11 +-10%
        ("約1000億美元", "money", 1000 * YI, 900 * YI, 1100 * YI, "USD", "about"),
        # 高達(dá)1.4萬(wàn)億美元: 1.4 x 10^4 x 10^8 = 1.4e12, read through two glosses
        ("1.4萬(wàn)億美元", "money", D("1.4") * WAN * YI, D("1.4e12"), D("1.4e12"), "USD", "exact"),
        # 規(guī)模約為OpenAI預(yù)計(jì)2025年收入的100倍: 約為 governs …的100倍 -> [90, 110]
        ("100倍", "multiple", D(100), D(90), D(110), "times", "about"),
        # 微軟早期對OpenAI的130億美元投資
        ("130億美元", "money", 130 * YI, 130 * YI, 130 * YI, "USD", "exact"),
        # 已對應約27%的股權: 0.27 +-10% = [0.243, 0.297]
        ("約27%", "percent", D("0.27"), D("0.243"), D("0.297"), "ratio", "about"),
        # 估值約1350億美元: 1.35e11 +-10% = [1.215e11, 1.485e11]
        ("約1350億美元", "money", 1350 * YI, 1215 * YI, 1485 * YI, "USD", "about"),
        # 超過(guò)原始投入的10倍: over 10, open above
        ("10倍", "multiple", D(10), D(10), None, "times", "over"),
    ],
    "001_65e055411d3fbeb8": [
        ("119亿美元", "money", 119 * YI, 119 * YI, 119 * YI, "USD", "exact"),  # 价值达119亿美元 (达 = reached)
        ("约3.5亿美元", "money", D("3.5") * YI, D("3.15") * YI, D("3.85") * YI, "USD", "about"),
        ("约40亿美元", "money", 40 * YI, 36 * YI, 44 * YI, "USD", "about"),
        ("超过350亿美元", "money", 350 * YI, 350 * YI, None, "USD", "over"),
        # 提交了百亿美元大订单: a bare 百亿 is an order of magnitude, [1e10, 1e11) -- 119亿 fits
        ("百亿美元", "money", 100 * YI, 100 * YI, 1000 * YI, "USD", "approx_range"),
        ("19亿美元", "money", 19 * YI, 19 * YI, 19 * YI, "USD", "exact"),  # 2024年营收达19亿美元
        ("超过700%", "percent", D(7), D(7), None, "ratio", "over"),  # 同比增长超过700%: 7.00 as a fraction
        ("8.63亿美元", "money", D("8.63") * YI, D("8.63") * YI, D("8.63") * YI, "USD", "exact"),
        ("15亿美元", "money", 15 * YI, 15 * YI, 15 * YI, "USD", "exact"),  # 累计亏损已达15亿美元
        ("62%", "percent", D("0.62"), D("0.62"), D("0.62"), "ratio", "exact"),
        ("8倍", "multiple", D(8), D(8), D(8), "times", "exact"),  # 较之2023年成长了8倍
        ("10亿美元", "money", 10 * YI, 10 * YI, 10 * YI, "USD", "exact"),  # 2019年7月 ... 10亿美元
        ("3万亿美元", "money", 3 * WAN * YI, D("3e12"), D("3e12"), "USD", "exact"),  # 市值迈上3万亿美元
        ("130亿美元", "money", 130 * YI, 130 * YI, 130 * YI, "USD", "exact"),
        ("49%", "percent", D("0.49"), D("0.49"), D("0.49"), "ratio", "exact"),  # "49% 的股权"
        ("75%", "percent", D("0.75"), D("0.75"), D("0.75"), "ratio", "exact"),
        ("66亿美元", "money", 66 * YI, 66 * YI, 66 * YI, "USD", "exact"),
        ("5亿美元", "money", 5 * YI, 5 * YI, 5 * YI, "USD", "exact"),
        ("15\u00a0亿美元", "money", 15 * YI, 15 * YI, 15 * YI, "USD", "exact"),  # a no-break space before 亿
        ("6.5亿美元", "money", D("6.5") * YI, D("6.5") * YI, D("6.5") * YI, "USD", "exact"),
        # "至少 1000 亿美元" with no-break spaces: at least 1e11, open above
        ("至少\u00a01000\u00a0亿美元", "money", 1000 * YI, 1000 * YI, None, "USD", "at_least"),
        ("3万亿美元", "money", D("3e12"), D("3e12"), D("3e12"), "USD", "exact"),  # 2月底更是跌下3万亿美元的关口
        ("超过800亿美元", "money", 800 * YI, 800 * YI, None, "USD", "over"),
        ("1000亿美元", "money", 1000 * YI, 1000 * YI, 1000 * YI, "USD", "exact"),  # 星际之门 投入1000亿美元
    ],
    "002_49af0953fd15d42f": [
        ("10 亿美元", "money", 10 * YI, 10 * YI, 10 * YI, "USD", "exact"),  # 2019 年 ... 投资 10 亿美元
        ("3000 亿美元", "money", 3000 * YI, 3000 * YI, 3000 * YI, "USD", "exact"),  # 估值飙升至 3000 亿美元
        ("1000亿美元", "money", 1000 * YI, 1000 * YI, 1000 * YI, "USD", "exact"),  # 年利润达1000亿美元
        ("3500万美元", "money", 3500 * WAN, D(35_000_000), D(35_000_000), "USD", "exact"),  # 3500 x 10^4
        ("超5亿美元", "money", 5 * YI, 5 * YI, None, "USD", "over"),  # 亏损超5亿美元
        ("10亿美元", "money", 10 * YI, 10 * YI, 10 * YI, "USD", "exact"),  # 2024年10亿美元营收目标
        ("20%", "percent", D("0.2"), D("0.2"), D("0.2"), "ratio", "exact"),  # 从20%降至10%
        ("10%", "percent", D("0.1"), D("0.1"), D("0.1"), "ratio", "exact"),
        ("百亿美元", "money", 100 * YI, 100 * YI, 1000 * YI, "USD", "approx_range"),  # 涉及百亿美元级利益
        ("20%", "percent", D("0.2"), D("0.2"), D("0.2"), "ratio", "exact"),  # OpenAI 20%的营收分成
        ("约1200亿美元", "money", 1200 * YI, 1080 * YI, 1320 * YI, "USD", "about"),
        ("约33%", "percent", D("0.33"), D("0.297"), D("0.363"), "ratio", "about"),
    ],
    "003_0abc642c1ef51a12": [
        ("10亿美元", "money", 10 * YI, 10 * YI, 10 * YI, "USD", "exact"),  # 俄亥俄州中部10亿美元投资计划
        ("6.5亿美元", "money", D("6.5") * YI, D("6.5") * YI, D("6.5") * YI, "USD", "exact"),
        # 提供了数十亿美金支持: [2, 9] x 10 x 10^8 = [2e9, 9e9], midpoint 5.5e9
        ("数十亿美金", "money", D("5.5e9"), D("2e9"), D("9e9"), "USD", "several"),
        ("5000亿美元", "money", 5000 * YI, 5000 * YI, 5000 * YI, "USD", "exact"),  # 计划投资5000亿美元
    ],
    "004_289710d135ef5fab": [],  # no money, percentage or multiple in the text
}


def _amounts(stem: str):
    text = read_text(SEEDS / f"{stem}.txt")
    return text, [m for m in find_mentions(text) if m.kind in AMOUNT_KINDS]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_every_amount_of_the_seed(stem):
    text, found = _amounts(stem)
    got = [(m.surface, m.kind, m.value, m.low, m.high, m.unit, m.qualifier) for m in found]
    assert got == EXPECTED[stem]
    for m in found:
        assert text[m.start : m.end] == m.surface


def test_counts_and_vague_counts_of_the_seeds():
    # 002: 模型参数从 15 亿跃升至 1750 亿 (parameters: counts, not money): 1750 x 10^8
    (params,) = [m for m in find_mentions(read_text(SEEDS / "002_49af0953fd15d42f.txt")) if m.surface == "1750 亿"]
    assert (params.kind, params.value, params.unit) == ("count", 1750 * YI, "count")
    text = read_text(SEEDS / "004_289710d135ef5fab.txt")
    counts = [(m.surface, m.low, m.high, m.qualifier) for m in find_mentions(text) if m.kind == "count"]
    # 动用数万乃至数十万计的顶尖GPU: one range from 数万 = [2, 9] x 10^4 to 数十万 = [2, 9] x 10^5;
    # 服务着数亿用户: [2, 9] x 10^8
    assert counts == [
        ("数万乃至数十万", 2 * WAN, 90 * WAN, "range"),
        ("数亿", 2 * YI, 9 * YI, "several"),
    ]
    # 003: 暂停了…的三个数据中心园区建设: a Chinese count with its classifier
    text3 = read_text(SEEDS / "003_0abc642c1ef51a12.txt")
    assert [(m.surface, m.value) for m in find_mentions(text3) if m.surface == "三个"] == [("三个", 3)]


def test_page_furniture_and_model_names_are_not_amounts():
    text = read_text(SEEDS / "000_98a3e9e20e971090.txt")
    surfaces = [m.surface for m in find_mentions(text)]
    assert "856" not in surfaces  # the counter line before 收藏
    assert not any("GPT" in s or s == "5" for s in surfaces)  # GPT-5模型
    text1 = read_text(SEEDS / "001_65e055411d3fbeb8.txt")
    s1 = {m.surface for m in find_mentions(text1)}
    # 第二十届, o1 / o3-mini, H100/H200, GPT-3.5: nothing (the only "1" is 本文被转载1次, a count)
    assert not s1 & {"二十", "第二十", "3", "100", "200", "3.5"}
    assert [m.kind for m in find_mentions(text1) if m.surface == "1"] == ["count"]
    text3 = read_text(SEEDS / "003_0abc642c1ef51a12.txt")
    s3 = [m.surface for m in find_mentions(text3)]
    # (图1)..(图4), GPT-4, o3, 4o模型, "AI 2.0", the clock time 23:55
    assert not {"1", "2", "3", "4", "2.0", "23", "55"} & set(s3)


def test_seed_dates_resolve_against_the_published_date():
    text = read_text(SEEDS / "001_65e055411d3fbeb8.txt")  # published 2025-03 (sources.csv)
    dates = {m.surface: m.value for m in find_mentions(text, published="2025-03") if m.kind == "date"}
    assert dates["3月\u00a011\u00a0日"] == "2025-03-11"  # no-break spaces inside the date
    assert dates["2024年\u00a010\u00a0月"] == "2024-10"
    assert dates["2月底"] == "2025-02-21/2025-02-28"  # 月底 = day 21 to month end
    assert dates["今年4月4日"] == "2025-04-04"
    assert dates["2023年下半年"] == "2023-H2"
    assert dates["上周"] is None  # a week needs a day-precise published date
    text0 = read_text(SEEDS / "000_98a3e9e20e971090.txt")  # published 2026-02
    d0 = {m.surface: m.value for m in find_mentions(text0, published="2026-02") if m.kind == "date"}
    assert d0["去年10月"] == "2025-10"
    assert d0["2023年底"] == "2023-11/2023-12"
    assert d0["上個(gè)月"] == "2026-01"  # read through the gloss (gè)
    text3 = read_text(SEEDS / "003_0abc642c1ef51a12.txt")
    d3 = {m.surface: m.value for m in find_mentions(text3, published="2025-05-05") if m.kind == "date"}
    assert d3["去年年底"] == "2024-11/2024-12"
    assert d3["本月月初"] == "2025-05-01/2025-05-10"
    assert d3["2018年夏天"] == "2018-06/2018-08"
    assert d3["去年12月底"] == "2024-12-21/2024-12-31"


def test_every_amount_of_an_english_sample():
    """tests/data/numbers/english_sample.txt: an English news-style paragraph."""
    from tests.conftest import DATA

    text = read_text(DATA / "numbers" / "english_sample.txt")
    got = [(m.surface, m.kind, m.value, m.low, m.high, m.unit, m.qualifier)
           for m in find_mentions(text, published="2025-03-12") if m.kind in AMOUNT_KINDS]
    B = D(10) ** 9
    assert got == [
        ("$13 billion", "money", 13 * B, 13 * B, 13 * B, "USD", "exact"),
        ("about 49%", "percent", D("0.49"), D("0.441"), D("0.539"), "ratio", "about"),  # 0.49 +-10%
        ("$500bn", "money", 500 * B, 500 * B, 500 * B, "USD", "exact"),
        ("$1.9 billion", "money", D("1.9") * B, D("1.9") * B, D("1.9") * B, "USD", "exact"),
        ("more than 700 percent", "percent", D(7), D(7), None, "ratio", "over"),
        ("$863 million", "money", D(863_000_000), D(863_000_000), D(863_000_000), "USD", "exact"),
        ("about $30,000", "money", D(30000), D(27000), D(33000), "USD", "about"),
        ("3.5%", "percent", D("0.035"), D("0.035"), D("0.035"), "ratio", "exact"),
        ("$120.50", "money", D("120.5"), D("120.5"), D("120.5"), "USD", "exact"),
        ("roughly $3 trillion", "money", 3000 * B, 2700 * B, 3300 * B, "USD", "about"),
        ("tenfold", "multiple", D(10), D(10), D(10), "times", "exact"),
        # between $7 billion and $9 billion: one range, midpoint 8e9
        ("$7 billion and $9 billion", "money", 8 * B, 7 * B, 9 * B, "USD", "range"),
        ("$100bn", "money", 100 * B, 100 * B, 100 * B, "USD", "exact"),
        ("nearly 10x", "multiple", D(10), D(9), D(10), "times", "about"),  # nearly = [0.9 X, X]
        ("A third", "percent", D("0.333333333333"), D("0.333333333333"), D("0.333333333333"), "ratio", "exact"),
    ]
    others = {m.surface: m.value for m in find_mentions(text, published="2025-03-12") if m.kind not in AMOUNT_KINDS}
    assert others["January"] == "2025-01" and others["March 3, 2025"] == "2025-03-03"
    assert others["four years"] == 4  # "over four years" is a span of time, not "more than"
    assert "11" not in others and "365" not in others and "4" not in others  # Windows 11, Office 365, GPT-4o

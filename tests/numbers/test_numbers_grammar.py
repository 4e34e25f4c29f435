"""Every row of issue 11's table, and the forms its "what to build" names, read
right.  Each expected value is argued from the text in the comment beside it
(place values, the currency named, the sign written); none is copied from the
finder's output.  ``None`` is an open bound."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from ledger.numbers import find_mentions
from ledger.numbers.english import read_english
from ledger.numbers.numerals import read

YI, WAN = D(10) ** 8, D(10) ** 4
BILLION = D(10) ** 9


def only(text: str):
    found = [m for m in find_mentions(text) if m.kind != "date"]
    assert len(found) == 1, [(m.surface, m.kind, m.value) for m in found]
    m = found[0]
    assert text[m.start:m.end] == m.surface
    return m


def row(m):
    return (m.surface, m.kind, m.value, m.low, m.high, m.unit, m.qualifier)


def exact(surface, kind, v, unit):
    return (surface, kind, v, v, v, unit, "exact")


# (text, expected row): the issue's table, top to bottom
ISSUE_TABLE = [
    # 四万 = 4 x 10^4, 五千 = 5000, 六百 = 600, 二十 = 20, 二 = 2: 40000 + 5000 + 600 + 20 + 2
    ("员工总数为四万五千六百二十二人", exact("四万五千六百二十二", "count", D(45622), "count")),
    # 一万三: a digit right after 万 is the next place down (thousands): 10000 + 3 x 1000
    ("月薪一万三", exact("一万三", "count", D(13000), "count")),
    # 5万 = 50000, 4千 = 4000, 6百 = 600: Arabic digits with Chinese units
    ("募集资金5万4千6百", exact("5万4千6百", "count", D(54600), "count")),
    # 8千元 = 8 x 1000 yuan, 人民币 before the number names the currency
    ("奖金为人民币 8千元", exact("人民币 8千元", "money", D(8000), "CNY")),
    # 负 is the minus sign: -3.9% = -0.039 as a fraction
    ("同比增长负3.9%", exact("负3.9%", "percent", D("-0.039"), "ratio")),
    # 成 is a tenth, 半 half a tenth: 3.5 x 0.1 = 0.35
    ("市场份额三成半", exact("三成半", "percent", D("0.35"), "ratio")),
    # 千分之一 = 1/1000 = 0.1%
    ("费率为千分之一", exact("千分之一", "percent", D("0.001"), "ratio")),
    # 万分之三 = 3/10000 = 0.03%
    ("佣金万分之三", exact("万分之三", "percent", D("0.0003"), "ratio")),
    # 參萬 = 3 x 10^4 (參 is the traditional financial 3), 肆仟 4000, 伍佰 500, 陸拾 60, 柒 7
    ("支票金額參萬肆仟伍佰陸拾柒", exact("參萬肆仟伍佰陸拾柒", "count", D(34567), "count")),
    # 壹佰万 = 100 x 10^4, 零伍拾肆 = 54, 元; 肆角 = 0.4, 叁分 = 0.03
    ("金额壹佰万零伍拾肆元肆角叁分", exact("壹佰万零伍拾肆元肆角叁分", "money", D("1000054.43"), "CNY")),
    # ￥ (full-width yen sign) in a text naming no yen: the yuan
    ("售价￥300", exact("￥300", "money", D(300), "CNY")),
    # € after the number
    ("a ticket at 20€ each", exact("20€", "money", D(20), "EUR")),
    # ISO code after the number
    ("a fee of 3 CNY per unit", exact("3 CNY", "money", D(3), "CNY")),
    # 361 x 10^6, pounds sterling
    ("a loss of 361 million pounds", exact("361 million pounds", "money", D(361_000_000), "GBP")),
    # 美圓 (traditional 美圆): US dollars
    ("價格為300美圓", exact("300美圓", "money", D(300), "USD")),
    # "ten" = 10, dollars = USD
    ("it costs ten dollars", exact("ten dollars", "money", D(10), "USD")),
    # 75 USD million: the magnitude after the code still scales 75: 75 x 10^6
    ("a 75 USD million facility", exact("75 USD million", "money", D(75_000_000), "USD")),
    # .08 = 0.08 (no leading zero)
    ("rates rose .08 points", exact(".08", "count", D("0.08"), "count")),
    # billion-dollar: on the order of a billion, [10^9, 10^10] (like a bare 十亿级)
    ("a billion-dollar contract", ("billion-dollar", "money", BILLION, BILLION, 10 * BILLION, "USD", "approx_range")),
    ("a multi-billion-dollar deal", ("multi-billion-dollar", "money", BILLION, BILLION, 10 * BILLION, "USD",
                                     "approx_range")),
    ("it spent billions of dollars", ("billions of dollars", "money", BILLION, BILLION, 10 * BILLION, "USD",
                                      "approx_range")),
    # twice = 2 times; halve = 0.5 times
    ("sales were twice as much", exact("twice", "multiple", D(2), "times")),
    ("plans to halve costs", exact("halve", "multiple", D("0.5"), "times")),
]


@pytest.mark.parametrize("text, expected", ISSUE_TABLE, ids=[t for t, _ in ISSUE_TABLE])
def test_issue_table(text, expected):
    assert row(only(text)) == expected


def test_a_hyphenated_magnitude():
    # $100-billion: 100 x 10^9 = 10^11 dollars; "four-year" is the term, a duration of 4 years
    found = find_mentions("a four-year, $100-billion investment")
    assert [row(m) for m in found] == [exact("four-year", "duration", D(4), "year"),
                                       exact("$100-billion", "money", D(10) ** 11, "USD")]


def test_one_wan_and_one_yi_alone():
    # 一万三 alone, 四万五千六百二十二 alone: a count with a magnitude needs no unit
    assert row(only("一万三")) == exact("一万三", "count", D(13000), "count")
    assert row(only("四万五千六百二十二")) == exact("四万五千六百二十二", "count", D(45622), "count")


def test_billions_without_a_currency_is_a_count():
    # "billions" alone: the order of magnitude, [10^9, 10^10], no currency named
    assert row(only("billions")) == ("billions", "count", BILLION, BILLION, 10 * BILLION, "count", "approx_range")


def test_a_url_holds_no_number():
    # ?q=30%25%2020% is a %-escaped query string: %25 is '%', %20 a space
    assert find_mentions("?q=30%25%2020%") == []
    assert find_mentions("see https://example.com/2024/05/report?id=30 for 20 reports") != []
    found = find_mentions("see https://example.com/2024/05/report?id=30 for 20 reports")
    assert [m.surface for m in found] == ["20"]  # only the number outside the URL


def test_the_first_half_is_a_period_not_a_number():
    # "the first half" names half a year, not the ratio 0.5
    assert [m for m in find_mentions("revenue in the first half") if m.kind != "date"] == []
    assert [m for m in find_mentions("revenue in the first half of the year rose") if m.kind != "date"] == []
    assert row(only("half of the revenue")) == exact("half", "percent", D("0.5"), "ratio")  # a share still is


# --------------------------------------------------------------------------- the grammar, form by form

GRAMMAR = [
    # 零 fills a gap: 一万零五 = 10000 + 5 (the 5 is ones, not thousands)
    ("一万零五", D(10005)),
    ("一千零五", D(1005)),
    ("十万零一十", D(100010)),  # 10 x 10^4 + 10
    # colloquial elisions: the last digit after 千/百/万/亿 is the next place down
    ("两千五", D(2500)), ("三百五", D(350)), ("一亿五", D(150_000_000)), ("一百二", D(120)),
    # ... but after 十 it is the ones: 三十五 = 35
    ("三十五", D(35)),
    # mixed: 1万5千亿 = (1 x 10^4 + 5 x 10^3) x 10^8 = 1.5 x 10^12
    ("1万5千亿", D(1_500_000_000_000)),
    ("3万4000", D(34000)),
    # a larger magnitude scales everything before it: 一千万亿 = 1000 x 10^4 x 10^8
    ("一千万亿", D(10) ** 15),
    ("两万三千亿", D(2_300_000_000_000)),  # (2 x 10^4 + 3000) x 10^8
    # decimals: 三点五 = 3.5; 零点零八 = 0.08; 一点四万亿 = 1.4 x 10^12
    ("三点五", D("3.5")), ("零点零八", D("0.08")), ("一点四万亿", D("1.4e12")),
    # positional digits: 二〇二四 = 2024
    ("二〇二四", D(2024)),
    # financial forms, simplified and traditional: 壹仟贰佰叁拾肆 = 1234; 貳萬 = 20000
    ("壹仟贰佰叁拾肆", D(1234)), ("貳萬", D(20000)), ("叄佰", D(300)),
]


@pytest.mark.parametrize("text, value", GRAMMAR, ids=[g[0] for g in GRAMMAR])
def test_numeral_grammar(text, value):
    r = read(text)
    assert (r.value, r.end) == (value, len(text))


def test_the_longest_whole_numeral_is_read():
    # 一五一十 ("in full detail") is no numeral: 一五一 then a 十 that cannot follow
    assert read("一五一十").end == 3
    # in text the idiom gives no mention
    assert find_mentions("他一五一十地说了") == []


ENGLISH = [
    ("five thousand", D(5000)),
    ("half a million", D(500_000)),
    ("a hundred", D(100)),
    ("twenty-five", D(25)),
    ("one hundred and five", D(105)),
    ("one hundred five", D(105)),  # American: no "and"
    ("forty-five thousand, six hundred and twenty-two", D(45622)),
    ("one million and fifty-four point four three", D("1000054.43")),
    ("one point five billion", D(1_500_000_000)),
    ("ten quadrillion", D(10) ** 16),
    ("eleven hundred", D(1100)),
]


@pytest.mark.parametrize("text, value", ENGLISH, ids=[e[0] for e in ENGLISH])
def test_english_grammar(text, value):
    r = read_english(text)
    assert (r.value, r.end) == (value, len(text))


FORMS = [
    # signs: 負 (traditional) = 负; "minus", "negative", U+2212
    ("淨利率負3.9%", exact("負3.9%", "percent", D("-0.039"), "ratio")),
    ("margin of minus 3.9%", exact("minus 3.9%", "percent", D("-0.039"), "ratio")),
    ("growth was negative 2 percent", exact("negative 2 percent", "percent", D("-0.02"), "ratio")),
    ("margin fell to −3.9%", exact("−3.9%", "percent", D("-0.039"), "ratio")),
    ("净利润负3.2亿元", exact("负3.2亿元", "money", D(-320_000_000), "CNY")),  # -3.2 x 10^8
    # ... but 正负5% is "plus or minus 5%", and "plus or minus 2%" is no negative
    ("误差正负5%", exact("5%", "percent", D("0.05"), "ratio")),
    ("about $54 billion, plus or minus 2%", None),  # two mentions, checked below
    # fractions and per mille: 三分之一 = 1/3 (12 places), 千分之三 = 0.003
    ("持有三分之一的股份", exact("三分之一", "percent", D("0.333333333333"), "ratio")),
    ("印花税千分之三", exact("千分之三", "percent", D("0.003"), "ratio")),
    ("占百分之二十七", exact("百分之二十七", "percent", D("0.27"), "ratio")),
    # 成: 三成 = 0.3, 三成五 = 3.5 tenths = 0.35
    ("回撤三成五", exact("三成五", "percent", D("0.35"), "ratio")),
    # sub-units: 角 = 0.1 yuan, 分 = 0.01 yuan; cents = 0.01 dollar
    ("单价三元五角二分", exact("三元五角二分", "money", D("3.52"), "CNY")),
    ("叁元零伍分", exact("叁元零伍分", "money", D("3.05"), "CNY")),
    ("壹佰元整", exact("壹佰元整", "money", D(100), "CNY")),
    ("退款伍角", exact("伍角", "money", D("0.5"), "CNY")),  # financial digits: 伍角 is 5 jiao
    ("一瓶水三块五", exact("三块五", "money", D("3.5"), "CNY")),  # 块 = yuan, the 五 is 5 jiao
    ("五毛钱", exact("五毛钱", "money", D("0.5"), "CNY")),
    ("the fee is $20 and 43 cents", exact("$20 and 43 cents", "money", D("20.43"), "USD")),
    ("it was twenty dollars and forty-three cents", exact("twenty dollars and forty-three cents", "money",
                                                          D("20.43"), "USD")),
    ("a stamp costs 43 cents", exact("43 cents", "money", D("0.43"), "USD")),
    # English words with magnitudes and units
    ("hired five thousand workers", exact("five thousand", "count", D(5000), "count")),
    ("half a million users", exact("half a million", "count", D(500_000), "count")),
    ("one point five billion dollars", exact("one point five billion dollars", "money", D(1_500_000_000), "USD")),
    ("twenty-five percent", exact("twenty-five percent", "percent", D("0.25"), "ratio")),
    # ranges: 3至5亿元: the 亿 written once applies to both ends, [3e8, 5e8]
    ("投资3至5亿元", ("3至5亿元", "money", D(400_000_000), D(300_000_000), D(500_000_000), "CNY", "range")),
    ("between $5.6 and $5.78 billion", ("$5.6 and $5.78 billion", "money", D("5.69e9"), D("5.6e9"),
                                        D("5.78e9"), "USD", "range")),
    ("between five and ten percent", ("five and ten percent", "percent", D("0.075"), D("0.05"), D("0.1"), "ratio",
                                      "range")),
    # currencies, before and after, full- and half-width
    ("300亿港元", exact("300亿港元", "money", 300 * YI, "HKD")),
    ("HKD 5 million", exact("HKD 5 million", "money", D(5_000_000), "HKD")),
    ("2.5兆新台幣", exact("2.5兆新台幣", "money", D("2.5e12"), "TWD")),
    ("10亿日元", exact("10亿日元", "money", 10 * YI, "JPY")),
    ("5 billion yen", exact("5 billion yen", "money", 5 * BILLION, "JPY")),
    ("5000万欧元", exact("5000万欧元", "money", 5000 * WAN, "EUR")),
    ("£3.2bn", exact("£3.2bn", "money", D("3.2e9"), "GBP")),
    ("￡3.2bn", exact("￡3.2bn", "money", D("3.2e9"), "GBP")),
    ("3亿英镑", exact("3亿英镑", "money", 3 * YI, "GBP")),
    ("5000亿韩元", exact("5000亿韩元", "money", 5000 * YI, "KRW")),
    ("2 trillion won", exact("2 trillion won", "money", D("2e12"), "KRW")),
    ("₩2 trillion", exact("₩2 trillion", "money", D("2e12"), "KRW")),
    ("S$300 million", exact("S$300 million", "money", D("3e8"), "SGD")),
    ("3 SGD", exact("3 SGD", "money", D(3), "SGD")),
    ("１００美元", exact("１００美元", "money", D(100), "USD")),  # full-width digits
    ("100元人民币", exact("100元人民币", "money", D(100), "CNY")),  # 元 then the currency's name
    ("5000日币", exact("5000日币", "money", D(5000), "JPY")),  # 日币: Taiwanese for the yen
    # 百分之百 = 100/100: 百 here is a hundred, not an order of magnitude
    ("百分之百", exact("百分之百", "percent", D(1), "ratio")),
    # a lone 万 after a hedge is one 万: 近万 = nearly 10^4 = [0.9 x 10^4, 10^4]
    ("近万人参加", ("近万", "count", D(10000), D(9000), D(10000), "count", "about")),
    ("逾万名员工", ("逾万", "count", D(10000), D(10000), None, "count", "over")),
    # 三五万: three to five 万, a colloquial range [3 x 10^4, 5 x 10^4] (not the positional 35万)
    ("三五万人", ("三五万", "count", D(40000), D(30000), D(50000), "count", "range")),
    ("三五年", ("三五年", "duration", D(4), D(3), D(5), "year", "range")),
    # 块 ending the phrase is the yuan (卖十块。); 毛 likewise (五毛。 = 0.5 yuan)
    ("这个卖十块。", exact("十块", "money", D(10), "CNY")),
    ("只要五毛。", exact("五毛", "money", D("0.5"), "CNY")),
    ("100万円", exact("100万円", "money", D(1_000_000), "JPY")),  # 円: the yen's own sign
    ("it costs 10 bucks", exact("10 bucks", "money", D(10), "USD")),
    # one and a half = 1.5; x 10^6
    ("one and a half million users", exact("one and a half million", "count", D(1_500_000), "count")),
    ("two and a half billion dollars", exact("two and a half billion dollars", "money", D(2_500_000_000), "USD")),
]


@pytest.mark.parametrize("text, expected", [f for f in FORMS if f[1]], ids=[f[0] for f in FORMS if f[1]])
def test_forms(text, expected):
    assert row(only(text)) == expected


def test_currency_words_that_have_other_meanings():
    # "pounds of soybeans" is a weight: 361 x 10^6 is a count there, GBP in "a loss of 361 million pounds"
    assert row(only("exported 361 million pounds of soybeans")) == exact("361 million", "count", D(361_000_000),
                                                                        "count")
    assert row(only("the 19 euro zone members")) == exact("19", "count", D(19), "count")
    # "won" is the Korean currency only after a magnitude: 2 x 10^12 KRW; "three won" is a verb
    assert row(only("Samsung spent 2 trillion won")) == exact("2 trillion won", "money", D("2e12"), "KRW")
    assert find_mentions("of the five nominees, three won") == []


def test_english_groups_end_where_the_number_ends():
    # "ten thousand, one of the largest": the comma ends the number (a group after ", " must reach
    # a hundred or a scale, as in "forty-five thousand, six hundred"); 10^4, not 10001
    assert row(only("employs ten thousand, one of the largest")) == exact("ten thousand", "count", D(10000), "count")
    # "one-time" is a compound adjective: 10^7 payments, not 10,000,001
    assert row(only("ten million one-time payments")) == exact("ten million", "count", D(10_000_000), "count")
    # American style without "and": 1000 + 25
    assert row(only("one thousand twenty-five dollars")) == exact("one thousand twenty-five dollars", "money",
                                                                  D(1025), "USD")
    # twenty-five-year: 25 years, the hyphen joins both words of the number to "year"
    assert row(only("a twenty-five-year bond")) == exact("twenty-five-year", "duration", D(25), "year")
    # "twice in a year" counts occasions; "double in size" is a factor of 2
    assert find_mentions("they met twice in a year") == []
    assert row(only("set to double in size")) == exact("double", "multiple", D(2), "times")


def test_plus_or_minus_is_a_tolerance_not_a_sign():
    found = find_mentions("about $54 billion, plus or minus 2%")
    assert [(m.surface, m.value) for m in found] == [("about $54 billion", D("5.4e10")), ("2%", D("0.02"))]


NOT_NUMBERS = [
    "mail ir2024@corp.com today",  # an e-mail address
    "www.example.com/2024/05/30",  # a host and a path
    "?q=30%25%2020%",  # %-escapes
    "ISBN 978-3-16-148410-0",  # a part number: digit groups joined by hyphens
    "call 010-6552-1234",
    "十分重要",  # 十分 = very
    "五角大楼",  # the Pentagon
    "三块屏幕",  # three screens: 块 is a classifier here
    "十块地",
    "五毛党",
    "人民币一直贬值",  # 人民币 then 一直 (always)
    "他参与了项目",  # 参 is a digit only before a unit
    "负债率上升",  # 负 with no numeral after it
    "下午两点三十分",  # a clock time
    "杀敌一千,自损八百",  # two-character numerals without a unit stay unread
    "one of the two companies",  # single English words without a unit
    "double-digit growth",
    "met twice",
    "亿万富翁",  # a lone magnitude without a hedge: a word, not 10^8
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text):
    assert [m for m in find_mentions(text) if m.kind != "date"] == []


def test_long_runs_stay_linear_and_bounded():
    # a run longer than any real numeral reads as no number; a long text of them stays fast enough to finish
    assert find_mentions("一" * 100_000 + "年") == []
    assert find_mentions("三" * 60 + "万元") == []  # 60 positional digits: absurd
    assert len(find_mentions("一百二十三万元，" * 2000)) == 2000

"""Names of companies no table knows, read off how the text writes them, and the
claims of an article that names no company at all (docs/framing.md, 'Who'):

* a sentence's opening word before a name is no part of it ('The Zorblax (NASDAQ:
  ZRBX)', 'Retailer Quimby Mart Co Inc.');
* a foreign name written by its sounds is a name, however the dictionary splits it
  ('乌那科' read as 乌 / 那 / 科);
* a day between a Chinese name and its verb ('…7月28日公布') still ties them;
* a bracketed abbreviation before a word for a part of a company ('工厂自动化(FA)部门')
  is that part's, not a stock code;
* an article that names nobody keeps its figures as claims without a subject.

Every company here is invented; every expected subject is read off the text."""
from __future__ import annotations

import pytest

from ledger.framing import frame_text
from ledger.framing.cues import default_lexicon
from ledger.framing.doc import analyse
from ledger.framing.names import _not_a_name, _transliterated, _without_opening_words
from ledger.numbers import find_mentions


def _rows(text: str, published: str = "2025-11-10") -> dict[str, dict]:
    return {r["surface"]: r for r in frame_text(text, source="x", published=published)}


def _names(text: str) -> set[str]:
    return {e.name for e in analyse(text, find_mentions(text)).entities}


@pytest.mark.parametrize("text, subject", [
    ("The Zorblax (NASDAQ: ZRBX) reported third-quarter revenue of $269.2 million.\n"
     "The Zorblax said gross margin was 42.0%.", "Zorblax"),
    ("Retailer Quimby Mart Co Inc. (NYSE: QMBY) reported third-quarter revenue of $9.67 billion.\n"
     "Quimby Mart said comparable sales rose 2.7%.", "Quimby Mart"),
])
def test_the_opening_word_before_a_name_is_no_part_of_it(text, subject):
    rows = _rows(text)
    first = next(iter(rows.values()))
    assert first["subject"] == subject


@pytest.mark.parametrize("name, stripped", [
    ("The ACMR", "ACMR"),
    ("Can Vexmoor Holdings", "Vexmoor Holdings"),
    ("Chipmaker Quorrel Semi", "Quorrel Semi"),
    ("Why Quorrel", "Quorrel"),
])
def test_opening_words_are_taken_off_while_a_capitalised_word_follows(name, stripped):
    assert _without_opening_words(name, default_lexicon()) == stripped


@pytest.mark.parametrize("name", [
    "The",              # nothing after it: the name is never emptied
    "The the Quorrel",  # a lower-case word follows: no opening word of a name
    "Bank of Quorrel",  # 'bank' is no opening word; 'of' is lower-case
    "腾讯控股",          # Chinese names are left as they are
])
def test_names_without_opening_words_are_kept(name):
    assert _without_opening_words(name, default_lexicon()) == name


def test_a_transliterated_name_is_a_name_whatever_the_dictionary_reads():
    lex = default_lexicon()
    # each character is a syllable of transliteration, and the run is no dictionary word
    assert _transliterated("乌那科", lex) and not _not_a_name("乌那科", lex)
    assert not _transliterated("阿拉伯", lex)  # a dictionary word (a place), not an unknown name
    assert not _transliterated("那科", lex)    # two characters are too short to tell


@pytest.mark.parametrize("name", ["乌那科", "伊那斯", "发那斯"])
def test_a_transliterated_company_before_its_day_and_verb_is_the_subject(name):
    rows = _rows(f"日本{name}7月28日公布,预计2025财年合并净利润将同比减少34%,降至1131亿日元。\n"
                 f"中国市场占{name}合并营业收入的约3成。")
    assert rows["1131亿日元"]["subject"] == name
    assert rows["34%"]["subject"] == name


def test_an_abbreviation_before_a_part_word_is_no_stock_code():
    text = ("泽拉科技7月28日公布,2025财年营业收入为8500亿日元。\n"
            "作为主力的工厂自动化(FA)部门营业收入下降12%,至2300亿日元。")
    assert _names(text) == {"泽拉科技"}  # 工厂自动化 is a part of 泽拉科技, not a listed company
    english = ("Quorrel Robotics (NYSE: QRBT) reported revenue of $8.5 billion.\n"
               "Its Factory Automation (FA) division saw sales fall 12% to $2.3 billion.")
    assert "Factory Automation" not in _names(english)


def test_an_article_naming_nobody_keeps_its_figures_without_a_subject():
    text = ("The fund, which holds assets of $US2.2 trillion, is one of the world's largest investors.\n"
            "Its stake was worth $US199 billion at the end of the year, up from $US181 billion.")
    rows = _rows(text)
    assert {"$US2.2 trillion", "$US199 billion", "$US181 billion"} <= set(rows)
    assert all(r["subject"] == "" for r in rows.values())  # nobody named: a reviewer gives it


def test_an_article_naming_a_company_still_drops_its_unnamed_vague_figures():  # guard: passes before too
    # the rule for unnamed articles only: a figure with no subject in an article that names a
    # company is a claim only when a cue said what it measures
    text = ("Quorrel Robotics (NYSE: QRBT) reported revenue of $8.5 billion.\n"
            "Elsewhere, about $3 billion changed hands in the city's property market last year.")
    rows = _rows(text)
    assert rows["$8.5 billion"]["subject"] == "Quorrel Robotics"
    assert all(r["subject"] for r in rows.values())


def test_a_research_notes_header_row_is_no_headline():
    # the table row naming the broker who wrote the note comes first; the note is about the
    # company named on the next line, and 公司 ('the company') is that one
    text = ("| 1 | 国信证券 | 孔祥,王德坤 | 维持 | 增持 | 三季报点评 | 2025-11-02 |\n华睿证券(601999)\n核心观点\n"
            "华睿证券公布2025年三季度报。2025年前三季度,公司实现营业收入271.29亿元,同比+12.55%;"
            "实现归母净利润127.33亿元。")
    rows = _rows(text)
    assert rows["271.29亿元"]["subject"] == "华睿证券"
    assert rows["127.33亿元"]["subject"] == "华睿证券"


def test_an_exchange_is_the_articles_company_only_when_its_headline_names_it():
    # an exchange that is only where a filing was made is no party to the company's figures,
    # however often the article names it: with no other company named, the subject stays empty
    text = ("Nine-month results\nThe company's revenue rose 12% to HK$5.7 billion in the nine months, "
            "according to a filing with the Hong Kong Stock Exchange.\n"
            "The Hong Kong Stock Exchange said trading was normal.")
    rows = _rows(text)
    assert rows["HK$5.7 billion"]["subject"] == ""
    assert rows["12%"]["subject"] == ""


def test_a_table_name_glued_to_a_word_of_an_affiliate_is_another_company():
    # 'Samsung Quillix' (invented) acts as a company of its own: written so every time, it
    # posts and says; it is not Samsung Electronics, the table's Samsung
    text = ("Samsung Quillix posts record profit\nSamsung Quillix said Wednesday that its operating profit "
            "rose 57.3% to 2.07 trillion won. Samsung Quillix posted revenue of 4.55 trillion won.")
    rows = _rows(text)
    assert {r["subject"] for r in rows.values()} == {"Samsung Quillix"}


def test_a_chinese_table_name_glued_to_a_trade_name_is_another_company():
    text = ("三星泽锐生物2025年销售额突破4.5万亿韩元\n三星泽锐生物在21日的公告中表示,去年营业利润为2.07万亿韩元,"
            "同比增长57.3%。三星泽锐生物预计今年销售额将增长15%至20%。")
    rows = _rows(text)
    assert rows["2.07万亿韩元"]["subject"] == "三星泽锐生物"


@pytest.mark.parametrize("text, surface, subject", [
    # a segment the article names in passing does not act: the company's figure (guard)
    ("Google's cloud unit grew fast.\nGoogle Cloud revenue rose 34% to $15.2 billion. Google Cloud revenue "
     "was a record, Google said.", "$15.2 billion", "Google"),
    # a corporate word makes no other company (guard)
    ("阿里巴巴集团公布2025年第三季度业绩\n阿里巴巴集团表示,季度营收为2477.95亿元,阿里巴巴集团同比增长5%。",
     "2477.95亿元", "Alibaba"),
])
def test_a_table_name_before_a_segment_or_a_corporate_word_stays_the_company(text, surface, subject):
    assert _rows(text)[surface]["subject"] == subject


@pytest.mark.parametrize("day", ["7月28日", "28日晚间", "周二", "星期三", "昨日"])
def test_a_day_between_a_chinese_name_and_its_verb_is_skipped(day):
    rows = _rows(f"乌那科{day}公布,2025财年合并净利润为1131亿日元,同比减少34%。\n中国市场占乌那科营业收入的约3成。")
    assert rows["1131亿日元"]["subject"] == "乌那科"


# A word of the dictionary before a bracket of Latin letters is a term and its acronym
# ('数控(NC)', '人工智能(AI)'), no company and its ticker; a name no dictionary holds keeps
# its bracket as a ticker ('曦河智行(PONY)').
def test_a_dictionary_word_and_its_acronym_are_no_company_and_ticker():
    text = ("北极光电机第一季订单增长\n北极光电机公布第一季业绩。按部门来看,作为机床大脑的数控(NC)装置的订单增加11%,"
            "人工智能(AI)相关订单增加25%。")
    assert {e.name for e in analyse(text, find_mentions(text)).entities} == {"北极光电机"}
    # an article whose company goes by a name the finder cannot read gives the term no figure
    alone = "第一季订单增长\n按部门来看,作为机床大脑的数控(NC)装置的订单增加11%。"
    assert "数控" not in {r["subject"] for r in frame_text(alone, source="z", published="2025-08-01")}
    named = frame_text("曦河智行(PONY)第三季营收增长\n曦河智行(PONY)公布,第三季营收为7.2亿元,同比增长72%。",
                       source="y", published="2025-11-25")
    assert {r["subject"] for r in named} == {"曦河智行"}

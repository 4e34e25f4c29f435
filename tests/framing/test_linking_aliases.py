"""A name an article writes in a bracket right after another declares the two one
company ('Hermès(爱马仕)', '罗宾汉 (Robinhood)'): ledger/framing/linking.py
``aliases_of``.  Made-up companies (星河优品 / Zentrix, 北极光 / Nordlys) that the
entity table cannot know; which names are one is read off the texts alone, never
off shared figures (the rows below share none)."""
from __future__ import annotations

import pandas as pd
import pytest

from ledger.framing.linking import aliases_of, link_names, links
from ledger.framing.names import fold_name


def _rows(source: str, subject: str, metric: str = "revenue", value: float = 5.8e9) -> pd.DataFrame:
    return pd.DataFrame([{"source": source, "subject": subject, "object": "", "metric": metric,
                          "unit": "CNY", "value": value, "status": "extracted"}])


def _run(*rows: pd.DataFrame) -> pd.DataFrame:
    return pd.concat(rows, ignore_index=True)


@pytest.mark.parametrize("gloss", ["星河优品(Zentrix)公布业绩", "星河优品 （Zentrix）公布业绩",
                                   "Zentrix(星河优品)公布业绩", "法国巨头 Zentrix (星河优品) 公布"])
def test_a_name_in_a_bracket_after_another_is_that_company(gloss):
    # three articles: one writes both names, the other two one each, and no figure is shared
    new = _run(_rows("gloss", "星河优品"), _rows("zh", "星河优品", "net_profit", 1.1e9),
               _rows("en", "Zentrix", "operating_profit", 7.7e8))
    texts = {"gloss": gloss, "zh": "星河优品营收增长", "en": "Zentrix reported"}
    assert aliases_of([new], texts) == {tuple(sorted((fold_name("Zentrix"), fold_name("星河优品"))))}
    out = link_names(new, texts=texts)
    assert out["subject"].nunique() == 1
    # without the bracket the three stay apart: no figure says they are one
    plain = {"gloss": "星河优品公布业绩", "zh": "星河优品营收增长", "en": "Zentrix reported"}
    assert link_names(new, texts=plain)["subject"].nunique() == 2


@pytest.mark.parametrize("text", ["星河优品(09988.HK)公布业绩", "星河优品(持股60%)", "星河优品(Zentrix母公司)",
                                  "星河优品(2025年)", "星河优品\n(Zentrix)"])
def test_a_bracket_holding_no_whole_name_of_the_run_links_nothing(text):
    new = _run(_rows("a", "星河优品"), _rows("b", "Zentrix", "net_profit", 1.1e9))
    assert aliases_of([new], {"a": text}) == set()


def test_a_latin_name_must_begin_a_word():
    # 'Zentrix' in the run, 'NeoZentrix' written before the bracket: not the same name
    new = _run(_rows("a", "星河优品"), _rows("b", "Zentrix", "net_profit", 1.1e9))
    assert aliases_of([new], {"a": "NeoZentrix(星河优品)"}) == set()


def test_a_name_glossed_by_two_names_of_one_script_links_neither():
    # 'Delta(达美航空)' and 'Delta(台达电)': two companies share the Latin name
    new = _run(_rows("a", "北极光航空"), _rows("b", "北极光电子", "net_profit", 1.1e9),
               _rows("c", "Nordlys", "operating_profit", 7.7e8))
    texts = {"a": "Nordlys(北极光航空)公布", "b": "Nordlys(北极光电子)公布", "c": "Nordlys reported"}
    assert aliases_of([new], texts) == set()
    assert link_names(new, texts=texts)["subject"].nunique() == 3


def test_a_known_name_is_the_groups_name_and_two_known_names_stay_two():
    # Xiaomi is in the entity table: an unknown gloss joins it, under the table's name
    new = _run(_rows("a", "星河优品"), _rows("b", "Xiaomi", "net_profit", 1.1e9), _rows("c", "星河优品", "eps", 0.5))
    out = link_names(new, texts={"a": "Xiaomi(星河优品)公布", "b": "Xiaomi", "c": "星河优品"})
    assert set(out["subject"]) == {"Xiaomi"}
    # two names the table knows as two companies are left to the table
    both = _run(_rows("a", "Xiaomi"), _rows("b", "Tencent", "net_profit", 1.1e9))
    assert aliases_of([both], {"a": "Xiaomi(Tencent)"}) == set()
    assert set(link_names(both, texts={"a": "Xiaomi(Tencent)"})["subject"]) == {"Xiaomi", "Tencent"}


def test_links_takes_declared_pairs_even_between_names_one_article_gives():
    # figures shared within one article never link two names; a declared gloss does
    both = _run(_rows("one", "星河优品"), _rows("one", "Zentrix"))
    assert links([both]) == {}
    pair = tuple(sorted((fold_name("星河优品"), fold_name("Zentrix"))))
    group = links([both], aliases={pair})
    assert group[fold_name("星河优品")] == group[fold_name("Zentrix")]


def test_accents_fold_away_in_a_names_key():
    assert fold_name("Hermès") == fold_name("Hermes") == fold_name("HERMES")
    assert fold_name("Nestlé S.A.") == fold_name("Nestle SA")
    # scripts without accents keep every character
    assert fold_name("삼성전자") == "삼성전자" and fold_name("名創優品") == "名创优品"

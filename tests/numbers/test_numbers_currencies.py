"""The currencies of lexicon/currencies.toml beyond the first nine, as financial news
writes them: ISO codes, signs and names in English and Chinese (both scripts, read
folded), after and before the amount.  Each value is the written number times its
magnitude word (billion = 10^9, 亿/億 = 10^8, crore = 10^7, trillion = 10^12)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from ledger.numbers.finder import find_mentions
from ledger.sources import clean
from ledger.units import CURRENCIES


def money(text: str) -> list[tuple[D, str]]:
    return [(m.value, m.unit) for m in find_mentions(clean(text)) if m.kind == "money"]


@pytest.mark.parametrize("text, value, unit", [
    ("Sales were 65.9 billion Swiss francs.", D("65.9e9"), "CHF"),
    ("銷售額為 659 億瑞士法郎。", D("659e8"), "CHF"),
    ("a target of CHF 2.5 billion", D("2.5e9"), "CHF"),
    ("It paid A$5m for the site.", D("5e6"), "AUD"),
    ("收购价为澳元100亿。", D("100e8"), "AUD"),
    ("a C$2.1 billion loan", D("2.1e9"), "CAD"),
    ("合共30億加幣", D("30e8"), "CAD"),
    ("NZ$10 million in funding", D("10e6"), "NZD"),
    ("profit of Rs 19,323 crore", D("19323e7"), "INR"),
    ("₹1.9 trillion of deposits", D("1.9e12"), "INR"),
    ("5,000 crore rupees", D("5000e7"), "INR"),
    ("营收达1200亿印度卢比", D("1200e8"), "INR"),
    ("a 500 million rand contract", D("500e6"), "ZAR"),
    ("SEK 4.5bn of savings", D("4.5e9"), "SEK"),
    ("12 billion Danish kroner", D("12e9"), "DKK"),
    ("18 billion Norwegian kroner", D("18e9"), "NOK"),
    ("R$3 billion from the sale", D("3e9"), "BRL"),
    ("2 billion reais", D("2e9"), "BRL"),
    ("40 billion Mexican pesos", D("40e9"), "MXN"),
    ("淨利12億泰銖", D("12e8"), "THB"),
    ("1.2万亿印尼盾", D("1.2e12"), "IDR"),
    ("3 billion ringgit", D("3e9"), "MYR"),
    ("營收49.4億新元", D("49.4e8"), "SGD"),
    ("a 2 billion Saudi riyal deal", D("2e9"), "SAR"),
    ("AED 5 billion", D("5e9"), "AED"),
    ("15 billion roubles", D("15e9"), "RUB"),
    ("100 billion lira", D("100e9"), "TRY"),
])
def test_a_currency_in_any_of_its_forms(text, value, unit):
    assert money(text) == [(value, unit)]


@pytest.mark.parametrize("text", [
    "got 5新元素 in the update",  # 新元素: new elements, no Singapore dollar
    "he said to try 5 times",  # TRY in lower case is the verb
    "php 7 was released",  # PHP in lower case is the language
    "in 2 real terms",  # 'real' alone is an English word, never the Brazilian real
])
def test_words_that_look_like_a_currency_are_none(text):
    assert money(text) == []


def test_every_ledger_currency_is_read_by_its_code_before_and_after_the_amount():
    # the ISO code, in capitals, names its currency on either side of the number
    for code in CURRENCIES:
        assert money(f"a fee of {code} 25 million") == [(D("25e6"), code)], code
        assert money(f"a fee of 25 million {code}") == [(D("25e6"), code)], code


@pytest.mark.parametrize("text, value, unit", [
    # the ringgit by its sign and its country's adjective; its hundredths are sen
    ("42 malaysian ringgits", D("42"), "MYR"),
    ("RM42 a month", D("42"), "MYR"),
    ("20 ringgit and 43 sen", D("20.43"), "MYR"),
    # a rupee amount's hundredths with the word 'paise' left out, as for the dollar
    ("twenty rupees 43", D("20.43"), "INR"),
    ("30 paise", D("0.30"), "INR"),
    ("2 billion Saudi riyals", D("2e9"), "SAR"),
])
def test_sub_units_and_signs_of_the_other_currencies(text, value, unit):
    assert money(text) == [(value, unit)]


def test_a_riyal_without_its_country_is_no_currency():
    # Saudi, Qatari, Omani and Yemeni riyals: which one is not said
    assert money("it costs 10 riyals") == []


@pytest.mark.parametrize("text, value, unit", [
    # a report that names one other dollar and no US dollar: its cents are that dollar's
    ("SIA declared an interim dividend of 5 cents a share, against S$0.08 a year earlier.", D("0.05"), "SGD"),
    ("The final dividend is 50 cents; the HK$ notes mature in 2030.", D("0.50"), "HKD"),
    # no other dollar, or a US dollar named too: US cents
    ("Apple paid a dividend of 25 cents a share.", D("0.25"), "USD"),
    ("The HK$ dividend was 50 cents; US$ notes yield more.", D("0.50"), "USD"),
])
def test_whose_cents(text, value, unit):
    assert (value, unit) in money(text)

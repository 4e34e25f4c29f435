"""The Duckling converter (bench/duckling_specs.py) on a few lines of Haskell
corpus written here in Duckling's layout (not the real files: no third-party
data is in the repository).  Every expected value is worked out from the
Haskell text below: the value of its ``examples (...)`` block, scaled by the
unit the docstring names (a Chinese Cent is a hundredth of a yuan)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.bench.scripts import load

ds = load("duckling_specs")
tp = load("third_party")

NUMERAL_ZH = '''\
module Duckling.Numeral.ZH.Corpus ( corpus ) where
corpus = (testContext {locale = makeLocale ZH Nothing}, testOptions, allExamples)

allExamples :: [Example]
allExamples = concat
  [ examples (NumeralValue 34567)
             [ "34,567"
             , "三万四千五百六十七"
             ]
  , examples (NumeralValue (-1200000))
             [ "负一百二十万"
             ]
  , examples (NumeralValue 1.2e6)
             [ ".0012G"
             ]
  ]
'''

MONEY_EN = '''\
module Duckling.AmountOfMoney.EN.Corpus ( corpus, negativeCorpus, latentCorpus ) where

negativeCorpus :: NegativeCorpus
negativeCorpus = (testContext, testOptions, examples)
  where
    examples =
      [ "exactly dollars"
      ]

latentCorpus :: Corpus
latentCorpus = (testContext, testOptions {withLatent = True}, xs)
  where
    xs = concat
      [ examples (simple Unnamed 5)
                 [ "five"
                 ]
      ]

allExamples :: [Example]
allExamples = concat
  [ examples (simple Cent 10)
             [ "10\\x00a2"
             ]
  , examples (simple Pound 10)
             [ "\\x00a3\\&10"
             ]
  , examples (simple EUR 20)
             [ "20\\x20ac"
             , "say \\"20 euros\\""
             ]
  , examples (between Dollar (10, 20))
             [ "between 10 and 20 dollars"
             ]
  , examples (under EUR 7)
             [ "less than 7 EUR"
             ]
  , examples (simple USD 4.7e9)
             [ "US$4.7 billion"
             ]
  , examples (unknownRule 3)
             [ "skipped"
             ]
  ]
'''

MONEY_ZH = '''\
allExamples = concat
  [ examples (simple Cent 25)
             [ "两毛五"
             ]
  , examples (between Dollar (5.6, 5.78))
             [ "5.6到5.78元"
             ]
  ]
'''


def test_haskell_escapes():
    assert ds.haskell_string(r"\x00a3\&10") == "£10"  # \& ends the hex escape before the digits 10
    assert ds.haskell_string(r"20\x20ac") == "20€"
    assert ds.haskell_string(r"\"a\"\\") == '"a"\\'
    assert ds.haskell_string(r"\163") == "£"  # decimal escape: 163 = 0xA3


def test_numeral_blocks_become_number_cases():
    cases = list(ds.cases_of(NUMERAL_ZH, "ZH", "Numeral"))
    assert [(c["Input"], c["Results"][0]["Resolution"]["value"]) for c in cases] == [
        ("34,567", "34567"), ("三万四千五百六十七", "34567"),
        ("负一百二十万", "-1200000"),  # the parenthesised negative literal
        (".0012G", "1200000"),  # 1.2e6 written without exponent
    ]
    assert all(c["Results"][0]["Text"] == c["Input"] and c["Results"][0]["TypeName"] == "number" for c in cases)


def test_money_blocks_in_english():
    cases = list(ds.cases_of(MONEY_EN, "EN", "AmountOfMoney"))
    got = {c["Input"]: c["Results"][0]["Resolution"] if c["Results"] else None for c in cases}
    # the latent corpus ("five") and the unreadable block ("skipped") are left out; the negative one is kept empty
    assert list(got) == ["10¢", "£10", "20€", 'say "20 euros"', "between 10 and 20 dollars", "less than 7 EUR",
                         "US$4.7 billion", "exactly dollars"]
    assert got["10¢"] == {"value": "10", "unit": "Cent"}  # the scorer reads Cent as US cents
    assert got["£10"] == {"value": "10", "unit": "Pound", "isoCurrency": "GBP"}
    assert got["20€"]["isoCurrency"] == "EUR" and got["20€"]["value"] == "20"
    assert got["between 10 and 20 dollars"] == {"value": "[10,20]", "unit": "Dollar"}
    assert got["less than 7 EUR"]["value"] == "7"  # the amount of a bound
    assert got["US$4.7 billion"]["value"] == "4700000000"
    assert got["exactly dollars"] is None


def test_money_blocks_in_chinese_are_yuan():
    got = [(c["Input"], c["Results"][0]["Resolution"]) for c in ds.cases_of(MONEY_ZH, "ZH", "AmountOfMoney")]
    # 两毛五 = 2 角 5 分 = 25 分 = 0.25 元
    assert got[0] == ("两毛五", {"value": "0.25", "unit": "Chinese yuan", "isoCurrency": "CNY"})
    assert got[1][1]["value"] == "[5.6,5.78]" and got[1][1]["isoCurrency"] == "CNY"


def test_convert_writes_files_third_party_reads(tmp_path: Path):
    src = tmp_path / "src" / "Duckling"
    for dim, lang, text in (("Numeral", "ZH", NUMERAL_ZH), ("AmountOfMoney", "EN", MONEY_EN)):
        (src / dim / lang).mkdir(parents=True)
        (src / dim / lang / "Corpus.hs").write_text(text, encoding="utf-8")
    out = tmp_path / "Specs"
    written = ds.convert(tmp_path / "src", out)
    assert {p.relative_to(out).as_posix(): n for p, n in written.items()} == {
        "Number/Chinese/NumberModel.json": 4, "NumberWithUnit/English/CurrencyModel.json": 8}
    for path in written:
        assert json.loads(path.read_text(encoding="utf-8"))
    cases = tp.load_cases(out, {"USD", "EUR", "GBP", "CNY"})
    assert {(c.lang, c.model) for c in cases} == {("zh", "number"), ("en", "currency")}
    by_input = {c.input: c for c in cases}
    rng = by_input["between 10 and 20 dollars"].expected[0]
    # a money range: USD (Dollar), ends 10 and 20, counted as money
    assert (rng.unit, rng.low, rng.high, rng.value, rng.category) == ("USD", Decimal(10), Decimal(20), None, "money")
    assert by_input["10¢"].expected[0].value == Decimal("0.10")  # 10 cents in dollars
    assert by_input["exactly dollars"].category == "negative"

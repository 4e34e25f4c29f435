"""The JioNLP converter (bench/jionlp_specs.py) on a few lines written here in the layout of
JioNLP's money tests (not the real files: no third-party data is in the repository).  Every
expected value is worked out from the text below: ``num`` without its trailing zeros, the currency
name's ISO code, a list as a range "[A,B]"."""
from __future__ import annotations

import json

from tests.bench.scripts import load

js = load("jionlp_specs")
tp = load("third_party")

PARSER = '''\
import jionlp as jio
class T:
    def test(self):
        money_string_list = [
            # a comment between cases
            ['1.2万元', {'num': '12000.00', 'case': '元', 'definition': 'accurate'}],
            ['三百万', {'num': '3000000.00', 'case': '元', 'definition': 'accurate'}],
            ['两到三万港元', {'num': ['20000.00', '30000.00'], 'case': '港元', 'definition': 'blur'}],
            ['两个亿卢布', {'num': '200000000.00', 'case': '卢布', 'definition': 'accurate'}],
            ['十块三毛', {'num': '10.30', 'case': '元', 'definition': 'accurate'}],
            ['五十比索', {'num': '50.00', 'case': '比索', 'definition': 'accurate'}],
        ]
'''

EXTRACTOR = '''\
money_string_list = [
    ['打印费十块钱。', [{'text': '十块钱', 'offset': [3, 6], 'type': 'money'}]],
    ['基站总数是10000台', []],
]
'''


def test_convert(tmp_path):
    src = tmp_path / "src" / "JioNLP" / "test"
    src.mkdir(parents=True)
    (src / "test_money_parser.py").write_text(PARSER, encoding="utf-8")
    (src / "test_money_extractor.py").write_text(EXTRACTOR, encoding="utf-8")
    out = tmp_path / "Specs"
    written = js.convert(tmp_path / "src", out)
    money = json.loads((out / "NumberWithUnit" / "Chinese" / "CurrencyModel.json").read_text(encoding="utf-8"))
    number = json.loads((out / "Number" / "Chinese" / "NumberModel.json").read_text(encoding="utf-8"))
    assert sorted(written.values()) == [1, 5]  # 三百万 to numbers; 比索 unknown, skipped; one negative
    res = {c["Input"]: (c["Results"][0]["Resolution"] if c["Results"] else None) for c in money}
    assert res == {
        "1.2万元": {"value": "12000", "unit": "Chinese yuan", "isoCurrency": "CNY"},
        "两到三万港元": {"value": "[20000,30000]", "unit": "Hong Kong dollar", "isoCurrency": "HKD"},
        "两个亿卢布": {"value": "200000000", "unit": "Russian ruble", "isoCurrency": "RUB"},
        "十块三毛": {"value": "10.3", "unit": "Chinese yuan", "isoCurrency": "CNY"},
        "基站总数是10000台": None,
    }
    assert [(c["Input"], c["Results"][0]["Resolution"]) for c in number] == [("三百万", {"value": "3000000"})]
    # the scorer reads them: a money range, a currency that is no ledger unit, a negative case
    cases = {c.input: c for c in tp.load_cases(out, frozenset({"CNY", "HKD"}))}
    assert cases["两到三万港元"].category == "money"
    assert (cases["两到三万港元"].expected[0].low, cases["两到三万港元"].expected[0].high) == (20000, 30000)
    assert cases["两个亿卢布"].category == "other currency"
    assert cases["基站总数是10000台"].category == "negative"
    assert cases["三百万"].category == "magnitude"

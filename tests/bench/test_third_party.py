"""The third-party scorer's own logic (bench/third_party.py), on a tiny spec
written here by hand in the Recognizers-Text format; no third-party data is
in the repository.  Every expected figure is worked out from the inputs
below, not copied from the script's output."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.bench.scripts import load

tp = load("third_party")
LEDGER = {"USD", "CNY", "EUR", "GBP"}


class M(NamedTuple):  # a stand-in for ledger.numbers.Mention
    start: int
    end: int
    surface: str
    kind: str
    value: Decimal | str | None
    low: Decimal | str | None
    high: Decimal | str | None
    unit: str = "count"
    qualifier: str = "exact"


def m(text: str, surface: str, kind: str, value, low=None, high=None, unit="count") -> M:
    s = text.index(surface)
    v = Decimal(str(value))
    lo = v if low is None else Decimal(str(low))
    hi = v if high is None else (None if high == "open" else Decimal(str(high)))
    return M(s, s + len(surface), surface, kind, v, lo, hi, unit)


def res(text: str, value, type_name="number", **extra) -> dict:
    return {"Text": text, "TypeName": type_name, "Resolution": {"value": value, **extra}}


# --------------------------------------------------------------------------- reading a spec


def test_file_language_and_model_come_from_folder_and_name():
    assert tp.file_info(Path("Specs/Number/Chinese/NumberModel.json")) == ("zh", "number")
    assert tp.file_info(Path("Specs/NumberWithUnit/English/CurrencyModel.json")) == ("en", "currency")
    assert tp.file_info(Path("x/Chs/PercentModel.json")) == ("zh", "percent")
    assert tp.file_info(Path("Specs/Number/French/NumberModel.json")) == ("", "number")  # not read
    assert tp.file_info(Path("Specs/DateTime/English/DateTimeModel.json")) == ("en", "")  # not read


def test_the_split_is_a_hash_of_the_input_alone():
    # sha1("a") starts with 0x86 (even: dev), sha1("b") with 0xe9 (odd: test)
    assert tp.half_of("a") == "dev" and tp.half_of("b") == "test"
    assert tp.half_of("三成") == tp.half_of("三成")  # the same sentence in two files: the same half


def test_percent_values_become_fractions_and_discounts_their_own_category():
    e = tp.expected_of(res("百分之二十七", "27%", "percentage"), "percent", "百分之二十七", 6, LEDGER)
    assert (e.value, e.category) == (Decimal("0.27"), "percent")
    e = tp.expected_of(res("九折", "90%", "percentage"), "percent", "九折", 2, LEDGER)
    assert (e.value, e.category) == (Decimal("0.9"), "discount")


def test_currencies_map_to_iso_codes_and_subunits_to_the_main_unit():
    e = tp.expected_of(res("$ 75 million", "75000000", "currency", unit="Dollar"), "currency", "", None, LEDGER)
    assert (e.value, e.unit, e.category) == (Decimal(75000000), "USD", "money")
    e = tp.expected_of(res("50 cents", "50", "currency", unit="Cent"), "currency", "", None, LEDGER)
    assert (e.value, e.unit) == (Decimal("0.50"), "USD")  # 50 cents = 0.50 USD, as the ledger writes it
    e = tp.expected_of(res("470 pence", "470", "currency", unit="Pence"), "currency", "", None, LEDGER)
    assert (e.value, e.unit) == (Decimal("4.70"), "GBP")
    e = tp.expected_of(res("1.0092瑞士法郎", "1.0092", "currency", unit="Swiss franc", isoCurrency="CHF"),
                       "currency", "", None, LEDGER)
    assert e.category == "other currency"  # CHF is not in LEDGER
    e = tp.expected_of(res("dollar", None, "currency", unit="Dollar"), "currency", "", None, LEDGER)
    assert e.category == "currency word"


@pytest.mark.parametrize(("text", "inp", "category"), [
    ("四万五千六百二十二", "四万五千六百二十二", "magnitude"),
    ("2 million", "2 million", "magnitude"),
    ("10k", "10k", "magnitude"),
    ("一百二十三", "一百二十三", "plain"),
    ("-9.5", "-9.5", "plain"),
    ("三分之一", "三分之一", "fraction"),
    ("二分 之一", "二分 之一", "fraction"),
    ("two thirds", "two thirds", "fraction"),
    ("十", "十", "lone word"),
    ("three", "three", "lone word"),
    ("2e5", "2e5", "scientific"),
    ("1.1^23", "1.1^23", "scientific"),
    ("一打", "一打", "dozen/pair"),
    ("十多万", "十多万", "vague"),
])
def test_number_categories_come_from_the_expected_text(text, inp, category):
    e = tp.expected_of(res(text, "1"), "number", inp, len(text), LEDGER)
    assert e.category == category


def test_a_number_followed_by_a_date_word_is_part_of_a_date():
    inp = "１９９１年１月１６日晚２０点："
    assert tp.expected_of(res("１９９１", "1991"), "number", inp, 4, LEDGER).category == "date part"
    assert tp.expected_of(res("１", "1"), "number", inp, 6, LEDGER).category == "date part"
    assert tp.expected_of(res("２０", "20"), "number", inp, 13, LEDGER).category == "date part"  # a clock time
    assert tp.expected_of(res("九", "9"), "number", "九年八吨", 1, LEDGER).category == "lone word"  # 九年: no date


def test_ranges_read_their_ends_and_comparatives_are_left_out():
    e = tp.expected_of(res("20~100", "[20,100)", "numberrange"), "range", "", None, LEDGER)
    assert (e.low, e.high, e.category) == (Decimal(20), Decimal(100), "range")
    e = tp.expected_of(res("大于10", "(10,)", "numberrange"), "range", "", None, LEDGER)
    assert (e.low, e.high, e.category) == (Decimal(10), None, "comparative")


def test_locate_folds_width_case_and_spaces():
    assert tp.locate("１欧元可以", "1欧元") == (0, 3)
    assert tp.locate("buy for USD 200.", "usd 200") == (8, 15)
    assert tp.locate("二百五, 二百五", "二百五", 3) == (5, 8)
    assert tp.locate("abc", "xyz") is None


# --------------------------------------------------------------------------- scoring one case


def case(inp, expected, model="number", category=None):
    return tp.Case("f.json", "zh", model, inp, expected, "dev", category or tp.case_category(expected))


def test_pass_wrong_and_miss():
    inp = "营收130亿美元，增长27%"
    money = tp.Expected("130亿美元", "currency", Decimal(13_000_000_000), "USD", category="money")
    got = [m(inp, "130亿美元", "money", 13_000_000_000, unit="USD")]
    assert tp.score_case(case(inp, [money], "currency"), got).status == "pass"
    wrong_unit = [m(inp, "130亿美元", "money", 13_000_000_000, unit="CNY")]
    assert tp.score_case(case(inp, [money], "currency"), wrong_unit).status == "wrong"
    assert tp.score_case(case(inp, [money], "currency"), []).status == "miss"
    # the same value elsewhere in the text does not hold it: the mention must overlap
    elsewhere = [M(30, 36, "130亿美元", "money", Decimal(13_000_000_000), Decimal(13_000_000_000),
                   Decimal(13_000_000_000), "USD")]
    assert tp.score_case(case(inp, [money], "currency"), elsewhere).status != "pass"


def test_percentage_points_hold_recognizers_percentages():
    inp = "上升3个百分点"
    e = tp.Expected("3个百分点", "percent", Decimal("0.03"), category="percent")
    got = [m(inp, "3个百分点", "percentage_point", 3, unit="percentage_point")]
    assert tp.score_case(case(inp, [e], "percent"), got).status == "pass"


def test_a_range_bound_holds_a_number_and_each_mention_serves_once():
    inp = "在5-20%之间"
    e = tp.Expected("20%", "percent", Decimal("0.2"), category="percent")
    got = [m(inp, "5-20%", "percent", "0.125", "0.05", "0.2", unit="ratio")]
    assert tp.score_case(case(inp, [e], "percent"), got).status == "pass"
    inp = "二百五, 二百五"
    twice = [tp.Expected("二百五", "number", Decimal(250)), tp.Expected("二百五", "number", Decimal(250))]
    one = [m(inp, "二百五", "count", 250)]
    out = tp.score_case(case(inp, twice), one)
    assert out.results == ["pass", "miss"] and out.status == "miss"


def test_a_money_range_needs_both_ends_and_the_currency():
    inp = "5.6到5.78元"
    e = tp.expected_of(res(inp, "[5.6,5.78]", "currency", isoCurrency="CNY"), "currency", inp, None, LEDGER)
    assert (e.value, e.low, e.high, e.unit, e.category) == (None, Decimal("5.6"), Decimal("5.78"), "CNY", "money")
    cents = tp.expected_of(res("5 to 10 cents", "[5,10]", "currency", unit="Cent"), "currency", "", None, LEDGER)
    assert (cents.low, cents.high, cents.unit) == (Decimal("0.05"), Decimal("0.10"), "USD")  # cents in dollars
    both = [m(inp, inp, "money", "5.69", "5.6", "5.78", unit="CNY")]
    assert tp.score_case(case(inp, [e], "currency"), both).status == "pass"
    other = [m(inp, inp, "money", "5.69", "5.6", "5.78", unit="USD")]
    assert tp.score_case(case(inp, [e], "currency"), other).status == "wrong"
    one_end = [m(inp, "5.78元", "money", "5.78", unit="CNY")]  # the upper end alone is no range
    assert tp.score_case(case(inp, [e], "currency"), one_end).status == "wrong"


def test_other_currencies_never_pass_and_are_wrong_only_as_money():
    inp = "c $ 16.4 million"
    e = tp.Expected("c $ 16.4 million", "currency", Decimal(16_400_000), "CAD", category="other currency")
    as_usd = [m(inp, "$ 16.4 million", "money", 16_400_000, unit="USD")]
    assert tp.score_case(case(inp, [e], "currency"), as_usd).status == "wrong"
    as_count = [m(inp, "16.4 million", "count", 16_400_000)]
    assert tp.score_case(case(inp, [e], "currency"), as_count).status == "miss"


def test_negative_cases_fail_only_on_the_files_own_kind():
    inp = "一美元"
    money = [m(inp, "一美元", "money", 1, unit="USD")]
    assert tp.score_case(case(inp, [], "number"), money).status == "pass"  # the number model leaves money out
    assert tp.score_case(case(inp, [], "currency"), money).status == "false positive"
    count = [m("一百二十三", "一百二十三", "count", 123)]
    assert tp.score_case(case("一百二十三", [], "number"), count).status == "false positive"
    assert tp.score_case(case("dimension", [], "dimension"), count).status == "false positive"  # any kind


def test_case_categories():
    plain, mag = tp.Expected("一百", "number", Decimal(100)), tp.Expected("一万", "number", Decimal(10**4),
                                                                         category="magnitude")
    lone = tp.Expected("十", "number", Decimal(10), category="lone word")
    assert tp.case_category([]) == "negative"
    assert tp.case_category([mag, mag]) == "magnitude"
    assert tp.case_category([plain, mag]) == "mixed"
    assert tp.case_category([plain, lone]) == "lone word"  # any left-out result leaves the case out


# --------------------------------------------------------------------------- the whole run


SPEC = {
    "Specs/Number/Chinese/PercentModel.json": [
        {"Input": "增长百分之二十七", "Results": [res("百分之二十七", "27%", "percentage")]},
        {"Input": "上升3个百分点", "Results": [res("3个百分点", "3%", "percentage")]},
        {"Input": "打九折", "Results": [res("九折", "90%", "percentage")]},
        {"Input": "对折", "Results": []},
    ],
    "Specs/NumberWithUnit/English/CurrencyModel.json": [
        {"Input": "sales of $ 75 million .", "Results": [res("$ 75 million", "75000000", "currency", unit="Dollar")]},
        {"Input": "fined 10,000 swiss francs", "Results": [
            res("10,000 swiss francs", "10000", "currency", unit="Swiss franc", isoCurrency="CHF")]},
    ],
    "Specs/Number/English/NumberModel.json": [
        {"Input": "five thousand", "Results": [res("five thousand", "5000")]},
    ],
    "README.json": [{"Input": "not a spec file: no language, no model", "Results": []}],
}


@pytest.fixture
def spec_dir(tmp_path):
    for name, cases in SPEC.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def fake_finder(text: str) -> list[M]:
    """What a finder might report on the spec above (hand-written)."""
    return {
        "增长百分之二十七": [m("增长百分之二十七", "百分之二十七", "percent", "0.27", unit="ratio")],
        "上升3个百分点": [m("上升3个百分点", "3个百分点", "percentage_point", 3, unit="percentage_point")],
        "打九折": [m("打九折", "九", "count", 9)],  # a wrong reading
        "对折": [],
        "sales of $ 75 million .": [m("sales of $ 75 million .", "$ 75 million", "money", 75_000_000, unit="USD")],
        "fined 10,000 swiss francs": [m("fined 10,000 swiss francs", "10,000", "count", 10_000)],
        "five thousand": [],
    }[text]


def test_figures_of_a_run(spec_dir):
    cases = tp.load_cases(spec_dir, LEDGER)
    assert len(cases) == 7  # README.json is no spec file
    fig = tp.figures(tp.run(cases, fake_finder))
    files = fig["files"]
    assert files["Specs/Number/Chinese/PercentModel.json"] == {"cases": 4, "pass": 3, "wrong": 1}
    assert files["Specs/NumberWithUnit/English/CurrencyModel.json"] == {"cases": 2, "pass": 1, "miss": 1}
    assert files["Specs/Number/English/NumberModel.json"] == {"cases": 1, "miss": 1}
    g = fig["goals"]
    # money, percent, magnitude: 27% and 3个百分点 pass, 九折 (discount) is wrong, $75m passes, five thousand missed
    assert g["money_percent_magnitude"] == {"cases": 5, "pass": 3}
    assert g["chinese_all"] == {"cases": 4, "pass": 3}
    assert g["negative"] == {"cases": 1, "pass": 1}
    assert g["all"] == {"cases": 7, "pass": 4}  # the CHF case is left out: a miss
    assert fig["categories"]["other currency/en"] == {"cases": 1, "miss": 1}
    assert fig["wrong_values"] == 1


def test_the_split_selects_by_hash_and_misses_are_refused_for_the_test_half(spec_dir, capsys):
    with pytest.raises(SystemExit):
        tp.main([str(spec_dir), "--split", "test", "--misses", str(spec_dir / "out.txt")])
    assert "scored, not read" in capsys.readouterr().err
    halves = {c.input: c.half for c in tp.load_cases(spec_dir, LEDGER)}
    dev = tp.main([str(spec_dir), "--json"])
    test = tp.main([str(spec_dir), "--json", "--split", "test"])
    assert dev["goals"]["all"]["cases"] == sum(h == "dev" for h in halves.values())
    assert test["goals"]["all"]["cases"] == sum(h == "test" for h in halves.values())
    capsys.readouterr()


def test_the_real_finder_on_the_tiny_spec(spec_dir, tmp_path, capsys):
    out = tp.main([str(spec_dir), "--split", "all"])
    assert out["goals"]["all"]["cases"] == 7
    text = capsys.readouterr().out
    assert "goals (issue 11)" in text and "Specs/Number/Chinese/PercentModel.json" in text
    # the finder reads 百分之二十七, 3个百分点, $ 75 million and 10,000 swiss francs (CHF, a ledger
    # currency: lexicon/currencies.toml); five thousand is a count of 5000
    files = out["files"]
    assert files["Specs/Number/English/NumberModel.json"].get("pass") == 1
    assert files["Specs/Number/Chinese/PercentModel.json"].get("pass", 0) >= 2
    assert files["Specs/NumberWithUnit/English/CurrencyModel.json"].get("pass") == 2

"""JioNLP's money tests as spec files that ``bench/third_party.py`` scores.

    python bench/jionlp_specs.py                          # /tmp/num11/src -> /tmp/num11/Specs
    python bench/jionlp_specs.py SRC_DIR OUT_DIR
    python bench/third_party.py /tmp/num11/Specs          # then score them (dev half; --split test once)

JioNLP (github.com/dongrixinyu/JioNLP, Apache-2.0 licence) is a Chinese NLP
toolkit; its money parser (``jio.parse_money``) and money extractor
(``jio.ner.extract_money``) are tested on lists written by hand in
``test/test_money_parser.py`` and ``test/test_money_extractor.py``.  SRC_DIR
holds copies of them at ``JioNLP/test/<file>`` (a copy of the repository will
do); none ships with this repository, nor do the spec files written from them.
Each test file holds one list ``money_string_list = [[text, expected], ...]``,
read here with ``ast`` (the file is never imported or run).

The parser's cases, ``[text, {'num': N, 'case': C, 'definition': D}]``: the
whole text is one amount.

- ``num`` a string: the amount N in the main unit of C;
  ``num`` a list ``[A, B]`` (a vague or ranged amount, 3000多欧元 = [3000, 4000],
  1万-5万元): a money range, value ``"[A,B]"`` as ``bench/duckling_specs.py``
  writes Duckling's ``between``, which the scorer requires as a money mention of
  that currency whose low and high are A and B.
- ``case`` is JioNLP's currency name, mapped to its ISO code (``CASES``): 元 CNY,
  港元 HKD, 美元 USD, 日元 JPY, 新台币 TWD, 欧元 EUR, 韩元 KRW, 澳元 AUD, 泰铢 THB,
  卢布 RUB (the last three are no ledger unit: the scorer leaves them out).
- A text that names no currency (三百万, 肆佰叁拾萬, 15k左右, 30w上下: JioNLP's
  parser is told the string is money and defaults to 元) is written to the
  number model with the value N: a reader sees a number, not yuan.
- ``definition`` (accurate, blur, blur+, blur-: the hedge 约, 近, 至少, 不到) is
  not scored: the ledger keeps a hedge beside the value, as for Duckling's
  ``under``/``above``.

The extractor's cases, ``[text, [{'text', 'offset', 'type'}, ...]]``, carry
the amounts' spans but no values: only those with an empty list (sentences
with no amount, e.g. 基站总数是10000，其中有9000台...) are converted, as negative
cases of the currency file (the scorer wants no money mention there).

Output: ``Number/Chinese/NumberModel.json`` and
``NumberWithUnit/Chinese/CurrencyModel.json`` under OUT_DIR, each case
``{"Input", "Results": [{"Text", "TypeName", "Resolution"}], "Source"}``.
Which half (dev or test) a case falls in is decided by ``third_party.py``
from the SHA-1 of its input, as for the other suites.
"""
from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # specs_io, beside this script
from specs_io import converter_main, write_spec

#: JioNLP's currency names (``case``) -> (Recognizers unit name, ISO code).
CASES: dict[str, tuple[str, str]] = {
    "元": ("Chinese yuan", "CNY"), "港元": ("Hong Kong dollar", "HKD"), "美元": ("United States dollar", "USD"),
    "日元": ("Japanese yen", "JPY"), "新台币": ("New Taiwan dollar", "TWD"), "欧元": ("Euro", "EUR"),
    "韩元": ("South Korean won", "KRW"), "澳元": ("Australian dollar", "AUD"), "泰铢": ("Thai baht", "THB"),
    "卢布": ("Russian ruble", "RUB"),
}
#: Characters of a text that name a currency; a 元 case without any is JioNLP's default, not the text's.
CURRENCY_CHARS = "元圆块塊币幣"
FILES = ("test_money_parser.py", "test_money_extractor.py")


def _plain(d: Decimal) -> str:
    """A decimal written without exponent or trailing zeros (82225.00 -> '82225', 0.50 -> '0.5')."""
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def string_list(source: str) -> list[Any]:
    """The literal value of the first ``money_string_list = [...]`` in a test file's text."""
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "money_string_list"
                                                 for t in node.targets)):
            return list(ast.literal_eval(node.value))
    raise ValueError("no money_string_list in the file")


def parser_case(text: str, want: dict[str, Any], origin: str) -> tuple[str, dict[str, Any]] | None:
    """(model, spec case) of one ``parse_money`` test, or None if its currency is unknown."""
    case = str(want.get("case", ""))
    if case not in CASES:
        print(f"jionlp_specs: {origin}: currency {case!r} unknown, case skipped: {text!r}", file=sys.stderr)
        return None
    num = want.get("num")
    if isinstance(num, list):
        value = f"[{_plain(Decimal(num[0]))},{_plain(Decimal(num[1]))}]"
    else:
        value = _plain(Decimal(str(num)))
    if case == "元" and not any(c in text for c in CURRENCY_CHARS) and not isinstance(num, list):
        return "number", {"Input": text, "Results": [{"Text": text, "TypeName": "number",
                                                      "Resolution": {"value": value}}],
                          "Source": origin + " (no currency in the text: the parser's default 元)"}
    unit, code = CASES[case]
    res = {"value": value, "unit": unit, "isoCurrency": code}
    return "currency", {"Input": text, "Results": [{"Text": text, "TypeName": "currency", "Resolution": res}],
                        "Source": origin}


def cases_of(source: str, name: str, origin: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(model, spec case) for each convertible test of one JioNLP test file's text."""
    for item in string_list(source):
        text, want = str(item[0]), item[1]
        if name == "test_money_parser.py" and isinstance(want, dict):
            got = parser_case(text, want, origin)
            if got:
                yield got
        elif name == "test_money_extractor.py" and isinstance(want, list) and not want:
            yield "currency", {"Input": text, "Results": [], "Source": origin + " (negative)"}


def convert(src: Path, out: Path) -> dict[Path, int]:
    """Write the spec files of the JioNLP tests under ``src`` into ``out``; the cases written per file."""
    by_model: dict[str, list[dict[str, Any]]] = {"number": [], "currency": []}
    for name in FILES:
        path = src / "JioNLP" / "test" / name
        if not path.is_file():
            continue
        for model, case in cases_of(path.read_text(encoding="utf-8"), name, f"JioNLP/test/{name}"):
            by_model[model].append(case)
    targets = {"number": out / "Number" / "Chinese" / "NumberModel.json",
               "currency": out / "NumberWithUnit" / "Chinese" / "CurrencyModel.json"}
    written: dict[Path, int] = {}
    for model, cases in by_model.items():
        if not cases:
            continue
        write_spec(targets[model], cases, written)
    return written


def main(argv: list[str] | None = None) -> dict[Path, int]:
    return converter_main(argv, doc=__doc__ or "", convert=convert, src=Path("/tmp/num11/src"),
                          out=Path("/tmp/num11/Specs"), suite="JioNLP money test",
                          src_help="a folder holding JioNLP/test/test_money_parser.py (and test_money_extractor.py)")


if __name__ == "__main__":
    main()

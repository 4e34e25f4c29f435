"""Facebook Duckling's hand-written corpora as spec files that ``bench/third_party.py`` scores.

    python bench/duckling_specs.py                        # /tmp/duckling/src -> /tmp/duckling/Specs
    python bench/duckling_specs.py SRC_DIR OUT_DIR
    python bench/third_party.py /tmp/duckling/Specs       # then score them (dev half; --split test once)

Duckling (github.com/facebook/duckling, BSD licence) tests each of its rules on
a corpus written by hand in Haskell, one module per dimension and language:
``Duckling/Numeral/ZH/Corpus.hs``, ``Duckling/Numeral/EN/Corpus.hs``,
``Duckling/AmountOfMoney/ZH/Corpus.hs``, ``Duckling/AmountOfMoney/EN/Corpus.hs``.
SRC_DIR holds copies of them at those paths (a copy of the repository will do);
none ships with this repository, nor do the spec files written from them.

Each corpus is a list of blocks ``examples (VALUE) ["text", "text", ...]``: every
text, parsed whole, must resolve to VALUE.  Each text becomes one case of the
Recognizers-Text spec format, ``{"Input": text, "Results": [{"Text": text,
"TypeName", "Resolution": {"value", "unit", "isoCurrency"}}], "Source"}``:

- ``NumeralValue X`` (Numeral corpora) -> ``Number/<Language>/NumberModel.json``,
  value X.
- ``simple CUR X`` (AmountOfMoney corpora) -> ``NumberWithUnit/<Language>/CurrencyModel.json``.
  CUR is an ISO code (USD, EUR, CNY, HKD, INR, ...: ``isoCurrency``) or one of
  Duckling's unit names, resolved by language as a reader of that language does:
  in English ``Dollar`` and ``Cent`` stay the unit names Recognizers uses (the
  scorer reads them as USD and US cents) and ``Pound`` is GBP; in Chinese
  ``Dollar`` is 元/块, the yuan (CNY), and ``Cent`` is a hundredth of it (分, 角 =
  10 分, 毛), written as CNY in yuan (5 分 = 0.05 CNY).  ``Unnamed`` ("42 bucks")
  has no currency: it is written with unit "Unnamed" and no code, which the
  scorer counts as a currency that is no ledger unit (left out).
- ``under CUR X`` / ``above CUR X`` (最多一块二, at least $1.42): the amount X, as
  Recognizers' currency model gives the amount of "less than 7 EUR"; the bound
  word is a hedge the ledger keeps beside the value.
- ``between CUR (A, B)`` (5.6到5.78元, between 10 and 20 dollars): a money range,
  value ``"[A,B]"`` (the NumberRangeModel notation) with the currency; the
  scorer requires a money mention of that currency whose low and high are A, B.
- ``negativeCorpus`` (texts that must give no amount, "exactly dollars") ->
  cases with no result in the currency file.

Not converted: ``latentCorpus`` (bare numbers Duckling reads as money only when
asked for latent values), the locale corpora (``EN/US``, ``EN/GB``, ...: coins
by name, "a quarter" = $0.25, which financial news uses for a period, and "a
grand"), and dimensions with no Duckling corpus in these languages (Duckling has
no percent dimension).  A block whose value cannot be read is skipped with a
warning on stderr.  Which half (dev or test) a case falls in is decided by
``third_party.py`` from the SHA-1 of its input, as for Recognizers' files.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # specs_io, beside this script
from specs_io import converter_main, write_spec

#: Duckling's language folder -> Recognizers' language folder (what third_party.py detects).
LANGUAGES = {"ZH": "Chinese", "EN": "English"}
#: Duckling dimension -> (Recognizers folder, spec file).
DIMENSIONS = {"Numeral": ("Number", "NumberModel.json"),
              "AmountOfMoney": ("NumberWithUnit", "CurrencyModel.json")}
#: Duckling's unit names without an ISO code, per language: (unit, ISO code or None, factor to the main unit).
UNIT_NAMES: dict[str, dict[str, tuple[str, str | None, Decimal]]] = {
    "EN": {"Dollar": ("Dollar", None, Decimal(1)), "Cent": ("Cent", None, Decimal(1)),
           "Pound": ("Pound", "GBP", Decimal(1)), "Unnamed": ("Unnamed", None, Decimal(1))},
    "ZH": {"Dollar": ("Chinese yuan", "CNY", Decimal(1)), "Cent": ("Chinese yuan", "CNY", Decimal("0.01")),
           "Unnamed": ("Unnamed", None, Decimal(1))},
}

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"', re.S)
_BLOCK = re.compile(r'\bexamples\s*\((?P<value>(?:[^()]|\([^()]*\))*)\)\s*\[(?P<texts>(?:"(?:[^"\\]|\\.)*"|[^\]"])*)\]',
                    re.S)
_NUMBER = r"-?\s*\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
_NUMERAL = re.compile(rf"NumeralValue\s+\(?\s*(?P<x>{_NUMBER})\s*\)?\s*")
_MONEY = re.compile(rf"(?P<how>simple|under|above)\s+(?P<cur>[A-Za-z]+)\s+\(?\s*(?P<x>{_NUMBER})\s*\)?\s*")
_BETWEEN = re.compile(rf"between\s+(?P<cur>[A-Za-z]+)\s+\(\s*(?P<a>{_NUMBER})\s*,\s*(?P<b>{_NUMBER})\s*\)\s*")
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "&": ""}


def haskell_string(body: str) -> str:
    """The text of a Haskell string literal's body (escapes: \\xHHHH, \\NNN, \\&, \\\\, \\", \\n, \\t)."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1] if i + 1 < len(body) else ""
        m = re.match(r"x([0-9a-fA-F]+)|o([0-7]+)|(\d+)", body[i + 1:])
        if m:
            digits, base = (m.group(1), 16) if m.group(1) else (m.group(2), 8) if m.group(2) else (m.group(3), 10)
            out.append(chr(int(digits, base)))
            i += 1 + m.end()
        elif nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt.isspace():  # a string gap: \  ... \ (whitespace between two backslashes)
            j = body.index("\\", i + 1)
            i = j + 1
        else:
            raise ValueError(f"unknown escape \\{nxt} in {body!r}")
    return "".join(out)


def _number(text: str) -> Decimal:
    return Decimal(re.sub(r"\s+", "", text))


def _plain(d: Decimal) -> str:
    """A decimal written without exponent or trailing zeros (3e6 -> '3000000', 0.050 -> '0.05')."""
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def resolution(value: str, lang: str, dimension: str) -> tuple[str, dict[str, Any]] | None:
    """(TypeName, Resolution) of one ``examples (...)`` value, or None if it is not one this converter reads."""
    value = " ".join(value.split())
    if dimension == "Numeral":
        m = _NUMERAL.fullmatch(value)
        return ("number", {"value": _plain(_number(m.group("x")))}) if m else None
    m = _MONEY.fullmatch(value) or _BETWEEN.fullmatch(value)
    if not m:
        return None
    cur = m.group("cur")
    unit, code, factor = UNIT_NAMES.get(lang, {}).get(cur, (cur, cur if cur.isupper() else None, Decimal(1)))
    if "x" in m.groupdict():
        amount = _plain(_number(m.group("x")) * factor)
    else:
        amount = f"[{_plain(_number(m.group('a')) * factor)},{_plain(_number(m.group('b')) * factor)}]"
    res: dict[str, Any] = {"value": amount, "unit": unit}
    if code:
        res["isoCurrency"] = code
    return "currency", res


def _definition(source: str, name: str) -> str:
    """The text of the top-level definition ``name = ...`` (up to the next line opening at column 0)."""
    m = re.search(rf"^{name}\s*=", source, re.M)
    if not m:
        return ""
    end = re.compile(r"^\S", re.M).search(source, m.end())
    return source[m.end():end.start() if end else len(source)]


def cases_of(source: str, lang: str, dimension: str, origin: str = "") -> Iterator[dict[str, Any]]:
    """The spec cases of one corpus module's text (``allExamples`` and ``negativeCorpus``)."""
    body = _definition(source, "allExamples")
    for block in _BLOCK.finditer(body):
        got = resolution(block.group("value"), lang, dimension)
        if got is None:
            print(f"duckling_specs: {origin}: value not read, block skipped: {block.group('value')!r}",
                  file=sys.stderr)
            continue
        type_name, res = got
        for s in _STRING.finditer(block.group("texts")):
            text = haskell_string(s.group(1))
            yield {"Input": text, "Results": [{"Text": text, "TypeName": type_name, "Resolution": dict(res)}],
                   "Source": origin}
    listing = re.search(r"\bexamples\s*=\s*\[(.*?)\]", _definition(source, "negativeCorpus"), re.S)
    if listing:
        for s in _STRING.finditer(listing.group(1)):
            yield {"Input": haskell_string(s.group(1)), "Results": [], "Source": origin + " (negative)"}


def convert(src: Path, out: Path) -> dict[Path, int]:
    """Write the spec files of every known corpus under ``src`` into ``out``; the cases written per file."""
    written: dict[Path, int] = {}
    for dimension, (folder, name) in DIMENSIONS.items():
        for lang, language in LANGUAGES.items():
            path = src / "Duckling" / dimension / lang / "Corpus.hs"
            if not path.is_file():
                continue
            origin = f"Duckling/{dimension}/{lang}/Corpus.hs"
            cases = list(cases_of(path.read_text(encoding="utf-8"), lang, dimension, origin))
            write_spec(out / folder / language / name, cases, written)
    return written


def main(argv: list[str] | None = None) -> dict[Path, int]:
    return converter_main(argv, doc=__doc__ or "", convert=convert, src=Path("/tmp/duckling/src"),
                          out=Path("/tmp/duckling/Specs"), suite="Duckling corpus",
                          src_help="a folder holding Duckling/<Dimension>/<LANG>/Corpus.hs")


if __name__ == "__main__":
    main()

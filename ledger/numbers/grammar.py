"""The numeral patterns, composed from the words of ``lexicon/numbers.toml``.

A pattern here only finds a *run* of numeral tokens (Chinese digits, units,
magnitudes, Arabic numbers, 零, 点; or English number words and their
separators); :func:`ledger.numbers.numerals.read` and
:func:`ledger.numbers.english.read_english` then evaluate the longest prefix
that is a whole numeral.  The grammar is stated once, in those evaluators; the
patterns are loose on purpose and atomic in the master pattern, so a run is
never backtracked into a shorter, wrong number (四万五千六百二十二 is one run,
never 四万).

All patterns run on cleaned text (simplified script, half-width digits) and
are compiled with ``re.ASCII`` (``\\b`` and ``\\w`` are ASCII).
"""
from __future__ import annotations

import re

from ledger.numbers.words import (
    CN_BARE_MIN,
    CN_BIG_UNITS,
    CN_DIGITS,
    CN_DIGITS_BEFORE_UNIT,
    CN_FRACTION,
    CN_MEASURE,
    CN_MEASURE_NOT_BEFORE,
    CN_MEASURED_BIGS,
    CN_MIXED,
    CN_NOT_AFTER,
    CN_NOT_DECIMAL,
    CN_POINT,
    CN_SEVERAL,
    CN_SEVERAL_CLOSES_AFTER,
    CN_SEVERAL_NOT_BEFORE,
    CN_SMALL_UNITS,
    CN_ZEROS,
    EN_ARTICLES,
    EN_DIGIT_WORDS,
    EN_HALF,
    EN_HUNDRED,
    EN_ONES,
    EN_PLURAL_SCALES,
    EN_PLURALS,
    EN_POINT,
    EN_SCALE_LEADS,
    EN_SCALES,
    EN_SEVERAL,
    EN_TENS,
    NEGATIVE_SIGNS,
)


def words_alt(words, *, boundary: bool = False) -> str:
    """An alternation of ``words``, longest first; a space in a word matches a space or a tab."""
    out = [re.escape(w).replace("\\ ", r"[ \t]") for w in sorted(set(words), key=len, reverse=True)]
    alt = "|".join(out)
    return rf"(?:{alt})\b" if boundary else f"(?:{alt})"


def trie(words, *, tail: str = "") -> str:
    """A regex matching exactly ``words`` (each then ``tail``), written as a trie
    so the engine decides in a character or two: ``trie(["one", "only"])`` is
    ``o(?:ne|nly)``.  For the first-word tests of the master pattern."""
    tree: dict = {}
    for w in set(words):
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}
    return _trie(tree, tail)


def _trie(node: dict, tail: str) -> str:
    alts = []
    for c in sorted(node, key=lambda k: (k == "", k)):
        alts.append(tail if c == "" else re.escape(c) + _trie(node[c], tail))
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def _guarded(table: dict[str, int]) -> str:
    """Characters of ``table``, each unless an SI-prefix guard follows (兆瓦, 千米)."""
    plain = [c for c in table if c not in CN_NOT_AFTER]
    out = [f"[{''.join(plain)}]"] if plain else []
    out += [f"{re.escape(c)}(?![{CN_NOT_AFTER[c]}])" for c in table if c in CN_NOT_AFTER]
    return "(?:" + "|".join(out) + ")"


# --------------------------------------------------------------------------- Chinese and Arabic

DIGITS = "".join(c for c in CN_DIGITS if c not in CN_ZEROS)  # 一二两 ... 壹贰叁 (no 零)
#: Digits that may follow 点 (not 两: 两百点两 is 两百 and 两).
DECIMAL_DIGITS = "".join(c for c in DIGITS if c not in CN_NOT_DECIMAL)
ZEROS = CN_ZEROS
UNITS = "".join(CN_SMALL_UNITS)
BIGS = "".join(CN_BIG_UNITS)
UNIT = _guarded(CN_SMALL_UNITS)
BIG = _guarded(CN_BIG_UNITS)
#: Arabic: 1,300 / 1.4 / 1000
AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: A numeral may open with a decimal without its leading zero (.08), not inside a word or a version.
AR_LEAD = rf"(?:{AR}|(?<![\w.,])\.\d+)"
_BEFORE_UNIT = "".join(CN_DIGITS_BEFORE_UNIT)
#: Digits, zeros, and the units and magnitudes without an SI-prefix guard: one class, one test.
_PLAIN = DIGITS + ZEROS + "".join(c for c in UNITS + BIGS if c not in CN_NOT_AFTER)
_GUARDED = "|".join(f"{re.escape(c)}(?![{CN_NOT_AFTER[c]}])" for c in UNITS + BIGS if c in CN_NOT_AFTER)
_CN_TOKEN = (
    rf"[{_PLAIN}]|{_GUARDED}|[{_BEFORE_UNIT}](?=[{UNITS}{BIGS}])"
    rf"|{CN_POINT}(?=[{DECIMAL_DIGITS}{ZEROS}])"
)
#: Spaces inside a Chinese numeral (Chinese is written without them: they are layout):
#: before a unit, a magnitude or 点 (7 万, 三千 八百, 四百 点 五), and after one of those before
#: a digit (一百 五 十 二, 点 五).  Never between two digits: 一 二 三 are three numbers.
_SPACE = (
    rf"[ \t]+(?=(?:{UNIT}|{BIG}|{CN_POINT}[ \t]*[{DECIMAL_DIGITS}{ZEROS}]))"
    rf"|(?<=[{UNITS}{BIGS}{CN_POINT}])[ \t]+(?=[{DIGITS}{ZEROS}0-9])"
)
#: 几 closing a numeral after 十: 八十几 = [81, 89] (not 几乎, 几何).
_SEVERAL_END = rf"(?<=[{CN_SEVERAL_CLOSES_AFTER}]){CN_SEVERAL}(?![{CN_SEVERAL_NOT_BEFORE}])"
#: 个 between a numeral and 亿 (两个亿, 7.17 个亿): spoken, skipped by the evaluator ([numerals.zh]).
MEASURE = (rf"[{CN_MEASURE}](?=[{CN_MEASURED_BIGS}])"
           + "".join(f"(?!{re.escape(w)})" for w in CN_MEASURE_NOT_BEFORE))
_MEASURE = rf"[ \t]?{MEASURE}"
#: Longest run of numeral tokens read (九千九百九十九万九千九百九十九亿... is 30); a bound
#: keeps the scan linear on absurd input.
MAX_RUN = 48
#: One character at a time (Arabic digits too, with a separator or point between digits;
#: the evaluator reads the numbers): the common case is a single class test.
_TAIL = (
    rf"(?:[{_PLAIN}0-9]|{_GUARDED}|[,.](?<=[0-9][,.])(?=[0-9])|{CN_POINT}(?=[ \t]*[{DECIMAL_DIGITS}{ZEROS}])"
    rf"|[{_BEFORE_UNIT}](?=[{UNITS}{BIGS}])|[多余几](?=[{UNITS}{BIGS}])|{_SEVERAL_END}|{_SPACE}|{_MEASURE})"
    rf"{{0,{MAX_RUN}}}"
)
#: An absurdly long string of digits (no units): no amount, skipped whole.
LONG_DIGITS = rf"[0-9{DIGITS}{ZEROS},.]{{{MAX_RUN + 1},}}"
#: A run that opens with Arabic digits: 1,300 / 1.4万亿 / 3万4000 / 5万4千6百 / 1000多亿 / 1000 亿.
NUM_AR = rf"{AR_LEAD}{_TAIL}"
#: A run that opens with a Chinese numeral: 一百二十三 / 十多亿 / 数百亿 / 上万亿 / 万亿 / 參萬肆仟.
NUM_CN = (
    rf"(?:[数几]|上(?=[{UNITS}{BIGS}]))?(?:{_CN_TOKEN}){_TAIL}"
    rf"|[数几](?=个?多?[月年天周倍]|个星期)|[数几]{MEASURE}[{CN_MEASURED_BIGS}]"
)
#: Either run (the second end of a range: 100-200亿, 三到五年).
NUMBER = rf"(?:{NUM_AR}|{NUM_CN})"
#: A Chinese run worth reading without a unit after it: it holds a magnitude
#: (数万, 四万五千六百二十二), or is composed (a unit or 点) and long enough (一百二十三).
CN_WORTH = (
    rf"(?:[数几上]?[{DIGITS}{ZEROS}{UNITS}{_BEFORE_UNIT}{CN_POINT}多余几0-9,. \t]*(?:{_MEASURE})?{BIG}"
    rf"|(?=(?:[{DIGITS}{ZEROS}{UNITS}{CN_POINT}][ \t]*){{{CN_BARE_MIN}}})[{DIGITS}{ZEROS}]*[ \t]*[{UNITS}{CN_POINT}])"
)
#: 三分之一, 千分之三, 百分之二十七, 3分之1: a fraction (percent when it is a share).
_FRACTION_MARK = r"[ \t]*".join(map(re.escape, CN_FRACTION))
#: A sign word before the numerator (三分之负一 = -1/3; one before the whole is read as for any number).
_ZH_NEGATIVE = words_alt(w for w in NEGATIVE_SIGNS if not w.isascii())
CN_FRACTION_RX = (
    rf"(?=[0-9{DIGITS}{ZEROS}{UNITS}{BIGS}{CN_POINT}., \t{CN_MIXED}]{{1,{MAX_RUN}}}{_FRACTION_MARK})"  # cheap test
    rf"(?:(?P<zf_whole>(?>{NUMBER}))[ \t]*{CN_MIXED}[ \t]*)?"  # 三又三分之一: a mixed number
    rf"(?P<zf_den>(?>{NUMBER}))[ \t]*{_FRACTION_MARK}[ \t]*(?P<zf_neg>{_ZH_NEGATIVE}[ \t]*)?"
    rf"(?P<zf_num>(?>{NUMBER})|{CN_SEVERAL}(?![{CN_SEVERAL_NOT_BEFORE}]))"  # 百分之几: a few percent, [2%, 9%]
)

# --------------------------------------------------------------------------- English

_SCALE_WORDS = [w for w, v in EN_SCALES.items() if v > EN_HUNDRED]
_EN_WORD = words_alt([*EN_ONES, *EN_TENS, *EN_SCALES, *(w + "s" for w in _SCALE_WORDS), "dozen", "dozens"],
                    boundary=True)
_EN_SCALE = words_alt(_SCALE_WORDS, boundary=True)
_ARTICLE = words_alt(EN_ARTICLES)
_EN_LEAD = (
    rf"(?:{_ARTICLE}[ \t](?=(?:{words_alt([*EN_SCALES, 'dozen'])})\b(?!-))"
    rf"|{EN_HALF}[ \t]{_ARTICLE}[ \t](?=(?:{_EN_SCALE}|dozen\b))"
    rf"|(?:{_ARTICLE}[ \t])?{words_alt(EN_SCALE_LEADS)}[ \t](?={_EN_SCALE}))"
)
#: Between two number words: spaces (a run of them is layout: "fifty   two"), a hyphen, spaced
#: as tokenised text writes it ("ninety - five"), ", " or " and " (the evaluator decides where each may stand).
_EN_SEP = r"(?:[ \t]+-[ \t]+|[ \t]+and[ \t]+|[ \t]+|-|,[ \t]+)"
_EN_POINT = rf"(?:[ \t]{EN_POINT}(?:[ \t]{words_alt(EN_DIGIT_WORDS, boundary=True)}){{1,40}}(?:[ \t]{_EN_SCALE})?)"
#: A run of English number words: "forty-five thousand, six hundred and twenty-two", "half a million".
_EN_AND_HALF = rf"(?:[ \t]and[ \t]{_ARTICLE}[ \t]|-and-{_ARTICLE}-){EN_HALF}\b"  # and a half, -and-a-half
NUM_EN = rf"(?i:\b{_EN_LEAD}?{_EN_WORD}(?:{_EN_SEP}{_EN_WORD}|{_EN_AND_HALF}){{0,60}}{_EN_POINT}?)"
#: Plural magnitudes, an order of magnitude: billions, tens of billions, hundreds of millions.
EN_PLURAL = (
    rf"(?i:\b(?:(?P<ev_scale>{words_alt(EN_PLURAL_SCALES)})[ \t]of[ \t])?(?P<ev_mag>{words_alt(EN_PLURALS)})\b)"
)
#: "several billion", "a few hundred thousand": a vague count of a scale ([numerals.en.several]).
_ALL_SCALES = words_alt(EN_SCALES)
EN_SEVERAL_RX = (
    rf"(?i:\b(?P<ev_few>{words_alt(EN_SEVERAL['words'])})[ \t](?P<ev_fmag>{_ALL_SCALES})\b(?!-)"
    rf"(?:[ \t](?P<ev_fmag2>{words_alt(_SCALE_WORDS)})\b(?!-))?)"
)
#: A magnitude used as an adjective: a billion-dollar contract, a multi-billion-dollar deal.
EN_ADJECTIVE = rf"(?i:\b(?P<ev_multi>multi-?)?(?P<ev_adj>{words_alt(EN_SCALES)})(?=-[a-z]))"


def compile_ascii(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.ASCII)


NUMBER_RX = compile_ascii(rf"(?>{NUM_AR})|(?>{NUM_CN})|(?>{NUM_EN})")

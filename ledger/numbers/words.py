"""The vocabulary of ``lexicon/numbers.toml``, loaded once, and the numeral
words as plain tables (the bottom of :mod:`ledger.numbers`: no patterns here).

Knowledge is data: the digits, units and magnitudes of Chinese numerals, the
English number words, currencies, hedges and signs live in the TOML file;
:mod:`~ledger.numbers.numerals` and :mod:`~ledger.numbers.english` evaluate
numerals with these tables, :mod:`~ledger.numbers.grammar` and
:mod:`~ledger.numbers.lexicon` build the patterns from them.
"""
from __future__ import annotations

import tomllib
from decimal import Decimal
from importlib import resources

#: The whole vocabulary (currencies, hedges, guards, idioms, numerals, signs, masks).
LEXICON = tomllib.loads(resources.files("ledger").joinpath("lexicon/numbers.toml").read_text(encoding="utf-8"))

_ZH = LEXICON["numerals"]["zh"]
_EN = LEXICON["numerals"]["en"]

# --------------------------------------------------------------------------- Chinese

#: Digits 0-9, everyday and financial forms (壹贰叁), simplified and traditional.
CN_DIGITS: dict[str, int] = dict(_ZH["digits"])
#: Digits that are read only right before a unit or magnitude (参 after OpenCC's 參).
CN_DIGITS_BEFORE_UNIT: dict[str, int] = dict(_ZH["digits_before_unit"])
#: Every digit the evaluator knows (the regex decides where 参 may stand).
CN_ALL_DIGITS: dict[str, int] = {**CN_DIGITS, **CN_DIGITS_BEFORE_UNIT}
CN_ZEROS = "".join(c for c, v in CN_DIGITS.items() if v == 0)
#: Units inside a section below 10^4: 十 10, 百 100, 千 1000 (and 拾佰仟).
CN_SMALL_UNITS: dict[str, int] = dict(_ZH["units"])
#: Magnitudes: 万 10^4, 亿 10^8, 兆 10^12 (and 萬億).
CN_BIG_UNITS: dict[str, int] = dict(_ZH["magnitudes"])
#: Characters after which a unit or magnitude is an SI prefix (兆瓦, 千米).
CN_NOT_AFTER: dict[str, str] = dict(_ZH["not_after"])
CN_POINT: str = _ZH["point"]
CN_FRACTION: str = _ZH["fraction"]
CN_MIXED: str = _ZH["mixed"]
CN_TENTHS: str = _ZH["tenths"]
CN_HALF: str = _ZH["half"]
CN_HALF_NOT_BEFORE: str = _ZH["half_not_before"]
#: 几 at the end of a numeral, after 十 (八十几 = [81, 89]); not before 乎/何 (几乎, 几何).
CN_SEVERAL: str = _ZH["several"]
CN_SEVERAL_CLOSES_AFTER: str = _ZH["several_closes_after"]
CN_SEVERAL_NOT_BEFORE: str = _ZH["several_not_before"]
CN_MEASURE: str = _ZH["measure_before_magnitude"]
CN_MEASURED_BIGS: str = _ZH["magnitudes_after_measure"]
CN_MEASURE_NOT_BEFORE: list[str] = _ZH["measure_not_before"]
#: Digits never read after 点 (两: 两百点两 is 两百 and 两).
CN_NOT_DECIMAL: str = _ZH["not_decimal"]
CN_DISCOUNT: str = _ZH["discount"]
#: Characters after 折 that make it a word (折合, 折旧), and phrases where it is no discount (一波三折).
CN_DISCOUNT_NOT_AFTER: str = _ZH["discount_guards"]["after"]
CN_DISCOUNT_NOT_IN: list[str] = list(_ZH["discount_guards"]["phrases"])
#: Discounts said in a word (半折 = 50%) and what may not come before one.
CN_DISCOUNT_WORDS: dict[str, str] = dict(_ZH["discount_words"])
CN_DISCOUNT_WORDS_NOT_AFTER: str = _ZH["discount_words_guard"]["not_after"]
#: Discount words read only after a verb of discounting (打对折 = 50%): word -> value, and the verbs.
CN_DISCOUNT_AFTER_VERB: dict[str, str] = dict(_ZH["discount_after_verb"]["words"])
CN_DISCOUNT_VERBS: list[str] = list(_ZH["discount_after_verb"]["verbs"])
#: Shares said in one word (百分百 = 100%, 半个百分点 = 0.5 points): word -> (kind, value).
CN_SHARE_WORDS: dict[str, tuple[str, str]] = {w: (k, v) for w, (k, v) in _ZH["share_words"].items()}
CN_SHARE_WORDS_NOT_BEFORE: str = _ZH["share_words_guard"]["not_before"]
CN_BARE_MIN: int = _ZH["bare_count_min_chars"]
#: Words that count by the group (打 = 12, 双 = 2, 对 = 2) and what may not follow each.
CN_GROUPS: dict[str, int] = dict(_ZH["groups"])
CN_GROUP_NOT_BEFORE: dict[str, str] = dict(_ZH["group_guards"])

CN_DIGIT_CHARS = "".join(CN_DIGITS)
CN_UNIT_CHARS = "".join(CN_SMALL_UNITS)
CN_BIG_CHARS = "".join(CN_BIG_UNITS)

# --------------------------------------------------------------------------- English

EN_ONES: dict[str, int] = dict(_EN["ones"])
EN_TENS: dict[str, int] = dict(_EN["tens"])
#: hundred, thousand, million, billion, trillion, quadrillion.
EN_SCALES: dict[str, int] = dict(_EN["magnitudes"])
EN_HUNDRED = 100
#: The words that multiply a larger scale after them: "three thousand million" (3 x 10^9), "2.5 lakh
#: crore" (2.5 x 10^12): [numerals.en.long_scale].
EN_LONG_SCALES: tuple[str, ...] = tuple(_EN["long_scale"]["words"])
#: Abbreviations after digits: 13bn, $5m, 100K (case as written).
EN_ABBREVIATIONS: dict[str, int] = dict(_EN["abbreviations"])
#: Abbreviations read only after an amount with a currency sign: $5MM ([numerals.en.money_abbreviations]).
EN_MONEY_ABBREVIATIONS: dict[str, int] = dict(_EN["money_abbreviations"])
#: Magnitudes after an Arabic number (350 million, 13bn): words lower-case, abbreviations as written.
EN_MAGNITUDES: dict[str, int] = {**{w: v for w, v in EN_SCALES.items() if v > EN_HUNDRED}, **EN_ABBREVIATIONS}
#: Abbreviations read after a space too ("2.33 k"): not m (metres), b or T.
EN_SPACED_ABBREVIATIONS: list[str] = list(_EN["spaced_abbreviations"]["words"])
EN_PLURALS: dict[str, int] = dict(_EN["plural_magnitudes"])
EN_PLURAL_SCALES: dict[str, int] = dict(_EN["plural_scales"])
#: "several" / "a few" before a scale word: [low, high] times it ([numerals.en.several]).
EN_SEVERAL: dict = dict(_EN["several"])
EN_POINT: str = _EN["point"]
EN_ARTICLES: list[str] = list(_EN["articles"])
EN_HALF: str = _EN["half"]
EN_DOZEN: int = _EN["dozen"]
#: "one in five", "3 out of 4": the joining words, and words after the second that make it no share.
EN_SHARE_OF: dict = dict(_EN["share_of"])
#: Fractions that lead a scale word: "a quarter million".
EN_SCALE_LEADS: dict[str, Decimal] = {w: Decimal(v) for w, v in _EN["leads"].items()}
EN_BARE_MIN: int = _EN["bare_count_min_words"]
#: "hundred percent" without its article ([numerals.en.dropped_article]).
EN_DROPPED_ARTICLE: dict[str, list[str]] = {k: list(v) for k, v in _EN["dropped_article"].items()}
#: Fractions: "half" (1, 2), "thirds" (1, 3) ...
EN_FRACTIONS: dict[str, tuple[int, int]] = {w: tuple(v) for w, v in _EN["fractions"].items()}
EN_NOT_FRACTION_AFTER: list[str] = list(_EN["not_fractions"]["before"])
#: Ordinals as denominators: "fifth" 5, "hundredth" 100 ("two fifths", "one twenty-fifth").
EN_ORDINALS: dict[str, int] = dict(_EN["ordinals"])
#: When an ordinal is a denominator ([numerals.en.fraction_rules]).
EN_FRACTION_RULES: dict[str, list[str]] = {k: list(v) for k, v in _EN["fraction_rules"].items()}
#: Number words evaluated digit by digit after "point".
EN_DIGIT_WORDS: dict[str, int] = {w: v for w, v in EN_ONES.items() if v < 10}

# --------------------------------------------------------------------------- multiples, signs

_MULT = LEXICON["multiples"]
MULTIPLE_VERBS: dict[str, Decimal] = {w: Decimal(str(v)) for w, v in _MULT["verbs"].items()}
MULTIPLE_COMPARED: dict[str, Decimal] = {w: Decimal(str(v)) for w, v in _MULT["compared"].items()}
MULTIPLE_COMPARED_VERBS: dict[str, Decimal] = {w: Decimal(str(v)) for w, v in _MULT["compared_verbs"].items()}
MULTIPLE_COMPARE_WORDS: list[str] = list(_MULT["compare"])
MULTIPLE_VERB_COMPARE_WORDS: list[str] = [*_MULT["compare"], *_MULT["verb_compare"]]
NEGATIVE_SIGNS: list[str] = list(LEXICON["signs"]["negative"])

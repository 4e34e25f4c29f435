"""The words and patterns :mod:`ledger.numbers` reads: currencies, units,
hedges, English magnitudes, and the one master pattern.  All patterns run on
cleaned text (simplified script, half-width digits, no-break spaces folded).

The hedge → interval convention (:func:`interval`) is the table in docs/numbers.md.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from ledger.numbers.dates import EN_DATE, ZH_DATE
from ledger.numbers.grammar import (
    BIGS,
    CN_FRACTION_RX,
    CN_WORTH,
    DIGITS,
    EN_ADJECTIVE,
    EN_PLURAL,
    EN_SEVERAL_RX,
    LONG_DIGITS,
    NUM_AR,
    NUM_CN,
    NUM_EN,
    NUMBER_RX,
    UNITS,
    ZEROS,
    trie,
    words_alt,
)
from ledger.numbers.numerals import Amount
from ledger.numbers.words import (
    CN_DISCOUNT,
    CN_DISCOUNT_AFTER_VERB,
    CN_DISCOUNT_NOT_AFTER,
    CN_DISCOUNT_VERBS,
    CN_DISCOUNT_WORDS,
    CN_DISCOUNT_WORDS_NOT_AFTER,
    CN_GROUP_NOT_BEFORE,
    CN_GROUPS,
    CN_SHARE_WORDS,
    CN_SHARE_WORDS_NOT_BEFORE,
    EN_ABBREVIATIONS,
    EN_ARTICLES,
    EN_FRACTIONS,
    EN_HALF,
    EN_HUNDRED,
    EN_LONG_SCALES,
    EN_MAGNITUDES,
    EN_ONES,
    EN_ORDINALS,
    EN_PLURAL_SCALES,
    EN_PLURALS,
    EN_SCALES,
    EN_SEVERAL,
    EN_SPACED_ABBREVIATIONS,
    EN_TENS,
    LEXICON,
    MULTIPLE_COMPARE_WORDS,
    MULTIPLE_COMPARED,
    MULTIPLE_COMPARED_VERBS,
    MULTIPLE_VERB_COMPARE_WORDS,
    MULTIPLE_VERBS,
    NEGATIVE_SIGNS,
)
from ledger.units import CURRENCIES

__all__ = ["EN_FRACTIONS", "EN_MAGNITUDES", "LEXICON", "NUMBER_ONLY"]

_GUARDS: dict[str, str] = LEXICON["guards"]


_PHRASE_GUARDS: dict[str, list[str]] = LEXICON["currency"]["after_phrase_guards"]


def _alt(words, *, english: bool = False) -> str:
    """A regex alternation of ``words``, longest first; a word listed in
    [guards] is not read when one of its guard characters follows, an English
    one in [currency.after_phrase_guards] when one of its phrases follows."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        rx = re.escape(w).replace("\\ ", r"[ \t]")  # a space in a phrase: a space or a tab
        if english and w[-1].isalnum():
            rx += r"(?![A-Za-z0-9])"
        if w in _GUARDS:
            rx += f"(?![{re.escape(_GUARDS[w])}])"
        if english and w in _PHRASE_GUARDS:
            rx += "".join(f"(?!(?i:{re.escape(g)}))" for g in _PHRASE_GUARDS[w])
        out.append(rx)
    return "|".join(out)


#: The second numeral of a range (100-200亿, 三到五年, five and ten percent).
NUMBER_ONLY = NUMBER_RX

# --------------------------------------------------------------------------- units

#: Every ledger currency's ISO code (lexicon/currencies.toml) is a word of the lexicon without being
#: listed there: before the amount as written; after it in any case, or in capitals only for the
#: codes that are words in lower case ([currency.before_any_case] words: TRY, PHP, ILS, SAR).
_WORD_CODES = frozenset(LEXICON["currency"]["before_any_case"]["words"])
_CUR_AFTER: dict[str, str] = {**{c.lower(): c for c in CURRENCIES if c not in _WORD_CODES},
                              **{w.lower(): c for w, c in LEXICON["currency"]["after"].items()}}
_SIGN_AFTER: dict[str, str] = {**{c: c for c in sorted(_WORD_CODES)}, **LEXICON["currency"]["after_signs"]}
#: The currency words read after an amount, lower-cased (ASCII) -> ISO code or "yuan": the
#: lexicon's and the ledger's codes, for the stages that look a written word up.
CURRENCY_WORDS_AFTER: Mapping[str, str] = _CUR_AFTER
_CUR_BEFORE: dict[str, str] = {**{c: c for c in CURRENCIES}, **LEXICON["currency"]["before"]}
_YEN: dict = LEXICON["currency"]["yen_sign"]
YEN_SIGNS = frozenset(_YEN["signs"])
_ZH_CUR_AFTER = _alt(w for w in _CUR_AFTER if not w.isascii())
_EN_CUR_AFTER = _alt((w for w in _CUR_AFTER if w.isascii()), english=True)
# 20$, not the $ of "20 $30"; a code in capitals ends its word ("25 million TRY", not "TRYING")
_SIGN_AFTER_ALT = "|".join(re.escape(w) + ("(?![A-Za-z0-9])" if w[-1].isalpha() else "(?![0-9])") for w in _SIGN_AFTER)
#: The signs read after an amount ("20$"); after an amount that has its sign before ("$ 20 $ 30") the next one's.
SIGNS_AFTER = frozenset(_SIGN_AFTER)
#: 三块五 (3.5 yuan) and 五块钱: 块 is the yuan only with a digit or 钱 after it (三块屏幕 is three screens),
#: or after an amount in yuan and fen (3.04块以上, 1.5块左右: pieces are counted in whole numbers);
#: 零 and a digit (三块零五 = 3.05, 十块零五毛 = 10.5), or 至/到 and an amount in 块 or 元 (五块至六块).
KUAI = LEXICON["currency"]["yuan_words"]["colloquial"]
KUAI_HK = LEXICON["currency"]["yuan_words"]["colloquial_hk"]  # 蚊, the Cantonese 块
_KUAIS = f"[{KUAI}{KUAI_HK}]"
_KUAI_RX = (
    rf"(?:{_KUAIS}(?=钱|[{DIGITS}0-9]|[{ZEROS}][{DIGITS}0-9]|[至到][{DIGITS}{ZEROS}{UNITS}0-9.]{{1,8}}(?:{_KUAIS}|元)"
    rf"|[^\u4e00-\u9fff]|\Z)|(?<=[0-9]\.[0-9]){_KUAIS}|(?<=[0-9]\.[0-9][0-9]){_KUAIS})"
)
#: ISO codes read in any case before the amount ("usd 5", "Rmb 5"), lower-cased -> as listed.
_ANY_CASE: dict[str, str] = {w.lower(): w for w in (*(c for c in CURRENCIES if c not in _WORD_CODES),
                                                     *LEXICON["currency"]["before_any_case"]["extra"])}
#: A currency written before the amount: US$, RMB, 人民币 ... as written; the ISO codes of
#: [currency.before_any_case] in any case, as whole words.  Tries: the engine tests one or two
#: characters, not 25 words.
#: Written words ending in a Latin letter (RM, Rs, SFr, PHP) end their word: RM is no
#: currency in RMB, which the any-case codes read.
_CASED = [w for w in _CUR_BEFORE if w not in _ANY_CASE.values()]
CUR_BEFORE_ALT = (
    rf"(?:{trie(w for w in _CASED if not w[-1].isascii() or not w[-1].isalpha())}"
    rf"|{trie(w for w in _CASED if w[-1].isascii() and w[-1].isalpha())}(?![A-Za-z])"
    rf"|(?i:{trie(_ANY_CASE)})(?![A-Za-z]))"
)
CUR_BEFORE = re.compile(CUR_BEFORE_ALT, re.ASCII)
_OTHER_UNITS: dict[str, tuple[str, str, Decimal]] = {
    "%": ("percent", "ratio", Decimal("0.01")), "‰": ("percent", "ratio", Decimal("0.001")),
    "‱": ("percent", "ratio", Decimal("0.0001")),  # per ten thousand (a basis point of a whole)
    "percent": ("percent", "ratio", Decimal("0.01")), "per cent": ("percent", "ratio", Decimal("0.01")),
    "pct": ("percent", "ratio", Decimal("0.01")), "成": ("percent", "ratio", Decimal("0.1")),
    "percents": ("percent", "ratio", Decimal("0.01")), "percentage": ("percent", "ratio", Decimal("0.01")),
    CN_DISCOUNT: ("percent", "ratio", Decimal("0.1")),  # 九折; two digits (七五折) are hundredths: amounts._discount
    "个百分点": ("percentage_point", "percentage_point", Decimal(1)),
    "个 百分点": ("percentage_point", "percentage_point", Decimal(1)),  # 十二個 百分點: a space after the classifier
    "百分点": ("percentage_point", "percentage_point", Decimal(1)),
    "percentage point": ("percentage_point", "percentage_point", Decimal(1)),
    "percentage points": ("percentage_point", "percentage_point", Decimal(1)),
    "个基点": ("percentage_point", "percentage_point", Decimal("0.01")),
    "基点": ("percentage_point", "percentage_point", Decimal("0.01")),
    "basis point": ("percentage_point", "percentage_point", Decimal("0.01")),
    "basis points": ("percentage_point", "percentage_point", Decimal("0.01")),
    "bps": ("percentage_point", "percentage_point", Decimal("0.01")),
    "bp": ("percentage_point", "percentage_point", Decimal("0.01")),
    "pc": ("percent", "ratio", Decimal("0.01")),
    # percentage points as broker notes abbreviate them: 5 percentage pts, 1.2ppt, 0.5 ppts, 1.2pp (glued)
    "percentage pt": ("percentage_point", "percentage_point", Decimal(1)),
    "percentage pts": ("percentage_point", "percentage_point", Decimal(1)),
    "ppt": ("percentage_point", "percentage_point", Decimal(1)),
    "ppts": ("percentage_point", "percentage_point", Decimal(1)),
    "pp": ("percentage_point", "percentage_point", Decimal(1)),
    "倍": ("multiple", "times", Decimal(1)), "x": ("multiple", "times", Decimal(1)),
    "times": ("multiple", "times", Decimal(1)), "fold": ("multiple", "times", Decimal(1)),
    "-fold": ("multiple", "times", Decimal(1)),
    "年": ("duration", "year", Decimal(1)), "周年": ("duration", "year", Decimal(1)),
    "个月": ("duration", "month", Decimal(1)), "个多月": ("duration", "month", Decimal(1)),
    "个半月": ("duration", "month", Decimal(1)), "个半星期": ("duration", "week", Decimal(1)),
    "个半百分点": ("percentage_point", "percentage_point", Decimal(1)),
    "多个月": ("duration", "month", Decimal(1)), "月": ("duration", "month", Decimal(1)),
    "周": ("duration", "week", Decimal(1)), "个星期": ("duration", "week", Decimal(1)),
    "星期": ("duration", "week", Decimal(1)), "天": ("duration", "day", Decimal(1)),
    "year": ("duration", "year", Decimal(1)), "years": ("duration", "year", Decimal(1)),
    "month": ("duration", "month", Decimal(1)), "months": ("duration", "month", Decimal(1)),
    "week": ("duration", "week", Decimal(1)), "weeks": ("duration", "week", Decimal(1)),
    "day": ("duration", "day", Decimal(1)), "days": ("duration", "day", Decimal(1)),
}
_OTHER_UNITS.update({w: ("count", "count", Decimal(v)) for w, v in CN_GROUPS.items()})  # 十打 = 120, 两双 = 4
#: A group word, unless a word or a numeral goes on after it (一打开, 对比, 一对一: [numerals.zh.group_guards]).
_ZH_GROUP = "|".join(
    rf"{re.escape(w)}(?![{re.escape(CN_GROUP_NOT_BEFORE.get(w, ''))}0-9{DIGITS}{ZEROS}{UNITS}{BIGS}])"
    for w in CN_GROUPS
)
_EN_UNIT = (
    r"(?i:percentage[ \t-]points?|percentage[ \t-]pts?|percentage"
    r"|per[ \t-]?cent[ \t-]points?|per[ \t-]?cents?"  # percent points (as some write points), per-cent
    r"|pct|basis[ \t-]points?|bps|times"
    r"|(?:years?|months?|weeks?|days?)(?!-(?i:over|on|end|to|ago)\b))\b"  # not year-over-year, year-end
    r"|(?<=[0-9])(?:pc|bps?|pp)\b"  # 5pc (per cent), 50bp, 1.2pp: glued to the digits, lower case
    r"|ppts?\b"  # 1.2ppt, 0.5 ppts: percentage points, lower case
)
_ZH_UNIT = _alt(["%", "‰", "‱", "个半百分点", "个百分点", "个 百分点", "百分点", "个基点", "基点", "倍", "周年",
                 "个多月", "个半月", "个半星期", "多个月", "个月",
                 "个星期", "星期", "周", "天", "年", "月", "成"]) \
    + f"|{CN_DISCOUNT}(?![{CN_DISCOUNT_NOT_AFTER}])|{_ZH_GROUP}"
UNIT = re.compile(
    rf"(?:[ \t]+|-)?(?P<unit>{_ZH_CUR_AFTER}|{_ZH_UNIT}|[xX](?![A-Za-z0-9])|-?fold\b"
    rf"|(?i:{_EN_CUR_AFTER})|{_EN_UNIT}|{_SIGN_AFTER_ALT}|{_KUAI_RX})", re.ASCII
)


#: Currency words read only right after a magnitude (2 trillion won).
AFTER_MAGNITUDE_ONLY = frozenset(LEXICON["currency"]["after_magnitude_only"]["words"])


_DOLLAR_PREFIXES: dict = LEXICON["currency"]["dollar_prefixes"]
_DOLLAR_OF: dict[str, str | None] = {
    **{w.lower(): None for w in _DOLLAR_PREFIXES["other"]},
    **{w.lower(): c for w, c in _DOLLAR_PREFIXES["known"].items()},
}
_DOLLAR_PREFIX = re.compile(
    rf"(?<![A-Za-z'\u2019.])(?<!['\u2019][ \t])(?i:{words_alt(_DOLLAR_OF)})[ \t]?\Z", re.ASCII
)


#: The dollars of the ledger (a "$" a text declares to be one of these is that dollar).
DOLLARS = frozenset({"USD", *(c for c in _DOLLAR_OF.values() if c)})


def currency_named(word: str) -> str:
    """The ledger currency a currency word or sign names as written on its own
    ('C$' -> CAD, 'Canadian dollars' -> CAD, '加元' -> CAD, 'US$' -> USD); '' when it
    names none (a bare '$' or 元 is no declaration: whose dollar or yuan is open)."""
    word = word.strip()
    low = word.lower()
    if word in ("$", "＄"):
        return ""
    code = _CUR_AFTER.get(low) or _CUR_BEFORE.get(word) or _ANY_CASE.get(low)
    if not code and low.endswith("$") and low[:-1].strip() in _DOLLAR_OF:
        code = _DOLLAR_OF[low[:-1].strip()]
    return str(code) if code and len(str(code)) == 3 and str(code).isupper() else ""


def dollar_prefix(t: str, s: int) -> tuple[int, str | None] | None:
    """(start, currency) of a word right before the "$" at ``t[s]`` ([currency.dollar_prefixes]):
    "hk $" -> (its start, 'HKD'); "c $" -> (its start, None), no ledger currency; else None."""
    m = _DOLLAR_PREFIX.search(t, max(0, s - 6), s)
    if m is None:
        return None
    return m.start(), _DOLLAR_OF[m.group().strip().lower()]


def unit_of(word: str, default_cur: str, yen: str = "CNY") -> tuple[str | None, str | None, Decimal]:
    """(kind, unit, factor) of a unit word; factor turns the stated number into canonical units.
    ``default_cur``: what a bare 元 means here; ``yen``: what a bare ¥ means."""
    if word in _SIGN_AFTER:
        return "money", yen if word in YEN_SIGNS else _SIGN_AFTER[word], Decimal(1)
    if word in (KUAI, KUAI_HK):
        return "money", default_cur, Decimal(1)
    w = word.lower().lstrip("-") if word.isascii() else word
    w = re.sub(r"[ \t]+", " ", w)
    if w.startswith(("percentage-", "basis-")):  # percentage-points, a 25 basis-point cut
        w = w.replace("-", " ")
    if w in _CUR_AFTER:
        code = _CUR_AFTER[w]
        return "money", default_cur if code == "yuan" else code, Decimal(1)
    if w.startswith("per"):  # per-cent, percent points (percentage points, as some write them)
        w = w.replace("-", " ")
        if w.replace(" ", "") in ("percentpoint", "percentpoints"):
            return _OTHER_UNITS["percentage point"]
    if w.replace(" ", "") in ("percent", "percents"):
        w = "percent"
    if w in _OTHER_UNITS:
        return _OTHER_UNITS[w]
    return None, None, Decimal(1)


def currency_code(sym: str, yen: str = "CNY") -> str:
    """The currency of a sign or code before the number; a bare ¥ is ``yen``."""
    sym = sym.strip()
    if sym in YEN_SIGNS:
        return yen
    return _CUR_BEFORE[sym] if sym in _CUR_BEFORE else _CUR_BEFORE[_ANY_CASE[sym.lower()]]


def yuan_code(code: str, default_cur: str) -> str:
    """A table's currency with the bare yuan resolved."""
    return default_cur if code == "yuan" else code


_CENT = re.compile("(?i)cent")


def cents_currency(text: str) -> str:
    """Whose cents a bare "cents" are in this text ([currency.cents]): the one other dollar
    the text names when it names no US dollar, else the default."""
    rule = LEXICON["currency"]["cents"]
    if "¢" not in text and not _CENT.search(text):  # nothing to decide (most texts)
        return str(rule["default"])
    low = text.lower()
    if _names_any(text, low, rule["against"]):
        return str(rule["default"])
    named = [code for code, words in rule["cues"] if _names_any(text, low, words)]
    return named[0] if len(named) == 1 else str(rule["default"])


def yen_sign_currency(text: str) -> str:
    """The currency a bare ¥ means in this text ([currency.yen_sign] in the
    lexicon): JPY if the text names the yen and never the yuan, else CNY."""
    rule = _YEN
    if not any(sign in text for sign in rule["signs"]):  # nothing to decide (most texts): no scan for cues
        return rule["default"]
    low = text.lower()
    if _names_any(text, low, rule["cues"]) and not _names_any(text, low, rule["against"]):
        return rule["code"]
    return rule["default"]


def _names_any(text: str, low: str, words: list[str]) -> bool:
    """Does ``text`` (``low``: lower-cased) contain one of ``words``?  ASCII
    words as whole words, ignoring case (yen, not Yenisei); others as written."""
    for w in words:
        if not (w.isascii() and w.isalpha()):
            if w in text:
                return True
        elif w.lower() in low and re.search(rf"(?<![a-z]){re.escape(w.lower())}(?![a-z])", low):
            return True
    return False


def default_yuan(text: str, original: str | None = None) -> str:
    """The currency a bare 元 means in this text ([currency.yuan] in the lexicon):
    CNY if it names 人民币; else TWD if it names 新台币/台币/NT$, HKD if 港元/港币/HK$
    and the article (``original``, when given) is in traditional script; else CNY
    (see docs/numbers.md)."""
    rule = LEXICON["currency"]["yuan"]
    if rule["always"] in text:
        return rule["default"]
    hant_only = set(rule.get("traditional_only", ()))
    for code, cues in rule["cues"]:
        if any(c in text for c in cues):
            if code in hant_only and original is not None and _simplified_article(original):
                continue  # a mainland article gives a Hong Kong dividend in 港元 and its results in 元
            return code
    # no currency named: a Hong Kong outlet's own words make its bare 元 Hong Kong dollars
    outlet = dict(rule.get("outlet", {}))
    unless = outlet.pop("unless", ())
    if not any(w in text for w in unless):
        for code, words in outlet.items():
            if any(w in text for w in words):
                return str(code)
    return rule["default"]


def _simplified_article(original: str) -> bool:
    from ledger.sources.articles import detect_script  # only for a text naming 港元 and not 人民币

    return detect_script(original) == "zh-Hans"


_MAG_WORDS = words_alt(w for w in EN_MAGNITUDES if w not in EN_ABBREVIATIONS)  # lac is a word, bn an abbreviation
#: The scales after "thousand" in "3 thousand million(s)", "2.5 lakh crore" ([numerals.en.long_scale]).
_LONG_AFTER = words_alt(w for w, v in EN_SCALES.items() if v > min(EN_SCALES[w] for w in EN_LONG_SCALES))
_LONG_BEFORE = "|".join(f"(?<=(?i:{w}))" for w in EN_LONG_SCALES)  # one lookbehind each: fixed widths
#: An English magnitude after the number: group "mag" (a word) or "abbr" (13bn, $13B, 5m); or
#: "hundred" ("hund"), then a scale word ("hmag"), as in a group of English words: the digits stand
#: for its ones ("5 hundred" = 500 as "five hundred", "2 hundred million" = 2 x 10^8).
EN_MAG = re.compile(
    rf"(?:[ \t]-[ \t]|[ \t]|-)?(?:(?P<hund>(?i:{words_alt(w for w, v in EN_SCALES.items() if v == EN_HUNDRED)}))\b"
    rf"(?:(?:[ \t]|-)(?P<hmag>(?i:{_MAG_WORDS}))\b)?|(?P<mag>(?i:{_MAG_WORDS}))(?:(?i:s)\b|\b"
    rf"(?:(?:{_LONG_BEFORE})[ \t](?P<lmag>(?i:{_LONG_AFTER}))(?i:s)?\b(?!-))?))"
    rf"|(?P<abbr>{words_alt(EN_ABBREVIATIONS)})(?![A-Za-z0-9])"
    rf"|[ \t](?P<sabbr>{words_alt(EN_SPACED_ABBREVIATIONS)})(?![A-Za-z0-9]|\.[A-Za-z0-9])", re.ASCII
)


def magnitude_of(mm: re.Match[str]) -> int:
    """The factor of an :data:`EN_MAG` match."""
    if mm.group("hund"):
        after = mm.group("hmag")
        return EN_HUNDRED * (EN_MAGNITUDES[after.lower()] if after else 1)
    word = mm.group("mag")
    if word and mm.group("lmag"):  # 3 thousand million = 3 x 10^9, 2.5 lakh crore = 2.5 x 10^12
        small, big = EN_MAGNITUDES[word.lower()], EN_MAGNITUDES[mm.group("lmag").lower()]
        if big > small:
            return small * big
        return small
    return EN_MAGNITUDES[word.lower() if word else (mm.group("abbr") or mm.group("sabbr"))]


_BETWEEN = re.compile(r"(?i:\bbetween)[ \t]\S{0,4}\Z", re.ASCII)


def between_before(t: str, start: int) -> bool:
    """Does "between" (and at most a sign) come right before ``t[start]``?"""
    return _BETWEEN.search(t, max(0, start - 14), start) is not None


ODD = re.compile(r"[多余](?![万亿兆个])", re.ASCII)
#: An inclusive mark after a bound ([ranges] inclusive_marks: 1万(含)-5万元, 50万元(含)以上).
INCLUSIVE = _alt(LEXICON["ranges"]["inclusive_marks"])
RANGE_SEP = re.compile(
    rf"(?:{INCLUSIVE})?(?:[ \t]?(?:乃至|至|到|{_alt(LEXICON['ranges']['doubled_dashes'])}|~|～|-|–|—|－)[ \t]?"
    r"|[ \t](?i:to)[ \t])",
    re.ASCII,
)

# --------------------------------------------------------------------------- hedges

_BEFORE: dict[str, list[str]] = LEXICON["hedges"]["before"]
_AFTER: dict[str, list[str]] = LEXICON["hedges"]["after"]
_HEDGE_OF = {w.lower(): k for table in (_BEFORE, _AFTER) for k, words in table.items() for w in words}
_ZH_PRE = sorted((w for words in _BEFORE.values() for w in words if not w.isascii()), key=len, reverse=True)
_EN_PRE = [w for words in _BEFORE.values() for w in words if w.isascii()]
_EN_PRE_RX = re.compile(rf"(?i:\b(?:{_alt(_EN_PRE)}))[ \t]?\Z", re.ASCII)
_ZH_PRE_SET = frozenset(_ZH_PRE)
_ZH_PRE_LENS = sorted({len(w) for w in _ZH_PRE}, reverse=True)


def pre_hedge(t: str, s: int) -> tuple[str, int] | None:
    """The hedge word ending right before ``s`` (one space allowed): (word, its start).
    Set lookups for Chinese, a short anchored regex for English."""
    end = s - 1 if s and t[s - 1] in " \t" else s
    for n in _ZH_PRE_LENS:
        if end - n >= 0 and t[end - n:end] in _ZH_PRE_SET:
            return t[end - n:end], end - n
    if end and t[end - 1].isascii() and t[end - 1].isalpha():
        m = _EN_PRE_RX.search(t, max(0, s - 24), s)
        if m:
            return m.group().strip(), m.start()
    return None
_ZH_POST = [w for words in _AFTER.values() for w in words if not w.isascii()]
_EN_POST = [w for words in _AFTER.values() for w in words if w.isascii() and w[0].isalpha()]
_SIGN_POST = [w for words in _AFTER.values() for w in words if w.isascii() and not w[0].isalpha()]
POST_HEDGE = re.compile(
    rf"(?:{INCLUSIVE})?[ \t]?(?P<ph>{_alt(_ZH_POST)}|(?i:[ \t](?:{_alt(_EN_POST, english=True)}))"
    rf"|{_alt(_SIGN_POST, english=True)})",
    re.ASCII,
)
CLAUSE_HEDGE = re.compile(_alt(LEXICON["hedges"]["clause"]), re.ASCII)
_COMPARED: dict = LEXICON["hedges"]["compared"]
#: 比X大 / 比X小: the comparison word before, then [hedges.compared] ``over``/``under`` and what may follow.
COMPARED_BEFORE: str = _COMPARED["before"]
_COMPARED_AFTER = re.compile(
    rf"[ \t]?(?P<cmp>[{re.escape(_COMPARED['over'] + _COMPARED['under'])}])(?={_alt(_COMPARED['then'])}|\Z)", re.ASCII
)
#: What may join a lower bound and an upper bound into one range ([hedges.joined]).
JOINED = re.compile(rf"[ \t]?(?:{_alt(LEXICON['hedges']['joined']['words'])})?[ \t]?\Z", re.ASCII)
#: The other bound of a comparison coming next (大于五小于十, 大于五的同时小于十): a joining word, then a
#: Chinese comparison word of two characters or more.
ZH_BOUND_AHEAD = re.compile(
    rf"[ \t]?(?:{_alt(LEXICON['hedges']['joined']['words'])})?[ \t]?(?:{_alt(w for w in _ZH_PRE if len(w) >= 2)})",
    re.ASCII,
)
#: Hedges that compare (a bound), not approximate (约, 近) or emphasise (高达).
COMPARING = frozenset(("over", "at_least", "up_to", "under"))


def compared(t: str, s: int, e: int) -> tuple[str, int, int] | None:
    """(hedge, start, end) when ``t[s:e]`` is compared: 比三十大 = over 30, 比20小 = under 20."""
    if not s or t[s - 1] != COMPARED_BEFORE:
        return None
    m = _COMPARED_AFTER.match(t, e)
    if m is None:
        return None
    return ("over" if m.group("cmp") in _COMPARED["over"] else "under"), s - 1, m.end()


def hedge_of(word: str) -> str | None:
    w = re.sub(r"[ \t]+", " ", word.strip().lower())
    return _HEDGE_OF.get(w)


def interval(a: Amount, hedge: str | None) -> tuple[Decimal, Decimal | None, Decimal | None, str]:
    """(value, low, high, qualifier) for a parsed amount under a hedge (docs/numbers.md table)."""
    v, lo, hi = a.value, a.low, a.high
    base = {"several": "several", "odd": "over", "bare": "approx_range", "at_least": "at_least",
            "pair": "range", "range": "range"}.get(a.vague, "exact")
    if hedge in (None, "exact"):
        return v, lo, hi, base
    q = "about" if base == "exact" else "approx_range"
    if hedge == "about":  # 10% of the magnitude on each side, whatever the sign
        return v, _widen(lo, -1), _widen(hi, 1), q
    if hedge == "nearly":  # just short of X: [0.9 X, X]; for a negative X, [X, 0.9 X]
        return (v, _widen(lo, -1), hi, q) if v >= 0 else (v, lo, _widen(hi, 1), q)
    if hedge in ("over", "at_least"):
        return v, lo, None, hedge
    if hedge == "odd":
        return v, lo, hi, "over"
    # up_to, under: the upper bound is the stated figure
    return v, None, hi if hi is not None else v, hedge


def _widen(x: Decimal | None, direction: int) -> Decimal | None:
    """Move a bound 10% of its magnitude outwards (direction -1 down, +1 up)."""
    return None if x is None else x + direction * abs(x) * Decimal("0.1")


# --------------------------------------------------------------------------- other words

CN_IDIOMS = frozenset(LEXICON["not_amounts"]["idioms"])
#: The magnitudes alone (万, 亿, 兆): an amount only after a hedge (近万人).
CN_BIG_CHARS = frozenset(BIGS)
FIGURE = re.compile(r"(?:图|表|(?i:\bfig\.?|\bfigure|\btable|\bchart))[ \t]?\Z", re.ASCII)
EN_VERBS: dict[str, Decimal] = {**MULTIPLE_VERBS, **MULTIPLE_COMPARED, **MULTIPLE_COMPARED_VERBS}
_FOLD_LIST = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
              "twenty", "thirty", "forty", "fifty", "hundred", "thousand"]
_FOLD_WORD = words_alt(_FOLD_LIST)
_SIGNS = "".join(sorted({c for w in (*_CUR_BEFORE, *_CUR_AFTER, *_SIGN_AFTER) for c in w
                         if len(w) == 1 and not c.isalnum()}))
#: Hedge words of two characters or more after a number (以上, 左右, 之下): after a
#: composed Chinese numeral they make it a quantity (五百以上, 一千左右).
ZH_POST_WORDS = re.compile(rf"[ \t]?(?:{_alt(w for w in _ZH_POST if len(w) >= 2)})", re.ASCII)
#: 20和30之间: "between" in Chinese, a range.
ZH_BETWEEN_AND = re.compile(r"[ \t]?[和与][ \t]?", re.ASCII)
ZH_BETWEEN_END = re.compile(r"[ \t]?之间", re.ASCII)
_CN_UNIT_AHEAD = (
    rf"(?=[ \t]?(?:[多余])?[ \t]?(?:{_ZH_CUR_AFTER}|{_ZH_UNIT}|个多?月|个星期|个(?![月百星季多])|{_KUAI_RX}|[角毛分]"
    rf"|{_alt(w for w in LEXICON['currency']['subunits'] if not w.isascii() and len(w) > 1)}"
    rf"|(?:{INCLUSIVE})?(?:{_alt(LEXICON['ranges']['doubled_dashes'])}|[至到~\-—–和与])[ \t]?[{DIGITS}{UNITS}数几]"
    rf"|[{re.escape(_SIGNS)}]"
    rf"|(?:{INCLUSIVE})?{_alt(w for w in _ZH_POST if len(w) >= 2)}))"
)
_NOT_SIGN = "".join(f"(?<!(?i:{re.escape(w)}))" for w in LEXICON["signs"]["not_after_words"])
#: A sign word before a number ([signs] in the lexicon): 负3.9%, 负 1,200,000 (one space or tab after a Chinese
#: sign word, as after an English one), minus 5%, negative 2 percent.
NEGATIVE = re.compile(
    rf"(?:(?<![{LEXICON['signs']['not_after']}])(?:{_alt(w for w in NEGATIVE_SIGNS if not w.isascii())})[ \t]?"
    rf"|{_NOT_SIGN}(?i:\b{words_alt(w for w in NEGATIVE_SIGNS if w.isascii())})[ \t])\Z",
    re.ASCII,
)

#: A Chinese numeral that may stand alone on its line (十五, 一百, 四百多): amounts._alone_on_line decides.
_CN_ALONE = (
    rf"(?<![^\n \t{''.join(w for w in NEGATIVE_SIGNS if not w.isascii())}-])(?>{NUM_CN})"
    r"(?=[多余]?[ \t]*[。.!！?？]?[ \t]*(?:\n|\Z))"
)
#: Last characters of the Chinese hedge words before a number, and 比: a composed numeral after
#: one is a quantity (大于二十, 比三十大; amounts._bare decides).
_ZH_HEDGE_ENDS = re.escape("".join(sorted({w[-1] for w in _ZH_PRE} | {COMPARED_BEFORE})))
#: One-character fractions ([numerals.vulgar_fractions]): 2½, 3 ¾, ¾ alone.
VULGAR: dict[str, tuple[int, int]] = {c: (n, d) for c, (n, d) in LEXICON["numerals"]["vulgar_fractions"].items()}
_VULGAR_CLASS = "".join(VULGAR)
VULGAR_FRACTION = (
    rf"(?<![\w.,/])(?:(?P<vg_whole>\d{{1,3}}(?:,\d{{3}})+|\d+)[ \t]?)?(?P<vg_frac>[{_VULGAR_CLASS}])(?![\w/])"
)
VULGAR_RX = re.compile(VULGAR_FRACTION, re.ASCII)
#: The one pattern: each alternative is a named group; dates come first so
#: "2024年10月" is a date, not the count 2024.
#: Characters a mention can start with.  The pattern opens with a lookahead
#: on this set so the engine skips ordinary text at one test per character
#: (about 5x faster than trying every alternative at every position).
#: Words of several Chinese characters a mention may open with (半折, 百分百, 对折, 人民币, 美元...): one trie,
#: so ordinary characters fail it in one test.
_ZH_OPENERS = trie([*CN_DISCOUNT_WORDS, *CN_SHARE_WORDS, *CN_DISCOUNT_AFTER_VERB,
                    *(w for w in _CUR_BEFORE if not w.isascii() and len(w) > 1)])
_FIRST = (
    rf"[0-9{DIGITS}{ZEROS}{UNITS}{BIGS}数几翻参.{re.escape(_SIGNS)}{_VULGAR_CLASS}]|\b[A-Za-z]"
    r"|上(?:周|星期|个?月|[十百千万亿])|下(?:周|个?月)|这(?:周|个月)|本[周月年]|[去今明前]年|前天|昨[天日]"
    rf"|{_ZH_OPENERS}"
)
#: An ordinal ahead (a fifth, an eighth, a twenty-first): a cheap test before the fraction rules.
EN_ORDINAL_AHEAD = rf"(?i:(?:{words_alt(EN_TENS)}-)?{words_alt(EN_ORDINALS)})"
#: A fraction written with a slash (3/4, 2 1/4; tokenised text spaces it: 7 3 / 4 %): a mixed number's
#: whole, then digits / digits, no part of a longer run (3/4/2024, 3 / 4 / 2024, 2023/24, 1.5/2 are no fractions).
_SLASH = r"(?:/|[ \t]/[ \t])"
SLASH_FRACTION = (
    rf"(?<![\w./,])(?<!/[ \t])(?:(?P<sl_whole>\d{{1,3}})[ \t]+)?(?P<sl_num>\d{{1,3}}){_SLASH}(?P<sl_den>\d{{1,3}})"
    r"(?![\w/]|[.,]\d|[ \t]/)"
)
#: Scientific notation: 2e5 = 2 x 10^5, 2.789e-1, 1.2 × 10^5, and a power written with a caret (2^5 = 32,
#: 2.5^-1 = 0.4); not inside a word, a version or a longer run (0x2e5, v1.2e3).
SCIENTIFIC = (
    r"(?<![\w.^])(?P<sci_b>\d+(?:\.\d+)?|\.\d+)"
    r"(?:[eE](?P<sci_e>[+-]?\d{1,3})|[ \t]?[×xX*][ \t]?10\^(?P<sci_t>[+-]?\d{1,3})|\^(?P<sci_p>[+-]?\d{1,3}))"
    r"(?![\w^]|[.,]\d)"
)
_CMP = words_alt(MULTIPLE_COMPARE_WORDS)
_VERB_CMP = words_alt(MULTIPLE_VERB_COMPARE_WORDS)
_FRAC_N = ["a", "an", "one", "two", "three", "four"]
#: Every word an English alternative can open with, as a trie: ordinary words
#: (OpenAI, Microsoft) fail it in a character or two, before any alternative is tried.
_EN_OPENERS = trie(
    [*MULTIPLE_VERBS, *MULTIPLE_COMPARED, *MULTIPLE_COMPARED_VERBS, *_FRAC_N, *EN_FRACTIONS, *_FOLD_LIST,
     *EN_PLURAL_SCALES, *EN_PLURALS, *EN_SCALES, *EN_ONES, *EN_TENS, *EN_ARTICLES, EN_HALF, "dozen",
     *EN_SEVERAL["words"]],
    tail=r"(?:-?fold)?\b",
)
_ENGLISH = (
    rf"(?=(?i:{_EN_OPENERS}|multi))(?:"
    rf"(?P<verb>(?i:\b{words_alt(MULTIPLE_VERBS)}\b(?!-))"
    rf"|\b{words_alt(MULTIPLE_COMPARED)}(?=[ \t]{_CMP}\b)|\b{words_alt(MULTIPLE_COMPARED_VERBS)}(?=[ \t]{_VERB_CMP}\b))"
    rf"|(?P<frac>(?i:\b(?:(?P<fr_n>{words_alt(_FRAC_N)})[- \t])?(?P<fr_d>{words_alt(EN_FRACTIONS)})\b)"
    r"(?=[ \t](?:of|the)\b|[ \t]less|[ \t]more|[ \t](?i:percent|per[ \t]?cent|percentage)\b"
    r"|(?<=(?i:half))[ \t]an?[ \t](?i:percent|per[ \t]?cent|percentage[ \t]point)\b)"
    r"|(?<=by[ \t])(?i:(?P<fr_n2>a)[ \t](?P<fr_d2>third|quarter|fifth|half)\b))"
    rf"|(?P<fold>(?i:\b(?P<fold_n>{_FOLD_WORD}(?:-[a-z]+)?)-?fold\b))"
    rf"|(?P<envague>{EN_PLURAL}|{EN_ADJECTIVE}|{EN_SEVERAL_RX})"
    rf"|(?P<en>(?>{NUM_EN}))"
    rf"|(?P<enart>(?i:\ban?)(?=[ \t-]{EN_ORDINAL_AHEAD})))"
)
SLASH_RX = re.compile(SLASH_FRACTION, re.ASCII)
MASTER = re.compile(
    rf"(?={_FIRST})"
    rf"(?:(?P<skip>\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\d+(?:\.\d+){{2,}}|{LONG_DIGITS})"  # 23:55, version 1.2.3, 1111…
    rf"|(?P<zhdate>{ZH_DATE})"
    rf"|(?P<endate>{EN_DATE})"
    r"|(?P<code>\d+(?:-\d+){2,})"  # phone numbers, ISBNs, part numbers: 978-3-16-148410-0
    rf"|(?P<slash>{SLASH_FRACTION})"
    rf"|(?P<vulgar>{VULGAR_FRACTION})"
    rf"|(?P<sci>{SCIENTIFIC})"
    r"|(?P<fan>翻了?(?:一|两|三|[1-3])?(?:番|倍))"
    rf"|(?P<zhoff>(?<![{CN_DISCOUNT_WORDS_NOT_AFTER}]){_alt(CN_DISCOUNT_WORDS)}(?![{CN_DISCOUNT_NOT_AFTER}])"
    rf"|(?:{'|'.join(f'(?<={re.escape(v)})' for v in CN_DISCOUNT_VERBS)})(?:{_alt(CN_DISCOUNT_AFTER_VERB)})"
    rf"(?![{CN_DISCOUNT_NOT_AFTER}]))"
    rf"|(?P<zhshare>(?:{_alt(CN_SHARE_WORDS)})(?![{CN_SHARE_WORDS_NOT_BEFORE}]))"
    rf"|(?P<zhfrac>{CN_FRACTION_RX})"
    rf"|(?P<cur>(?P<cur_sym>{CUR_BEFORE_ALT})[ \t]?"
    rf"(?P<cur_frac>(?=\d{{1,3}}[ \t]+\d{{1,3}}{_SLASH}\d|\d+[ \t]?[{_VULGAR_CLASS}]))?"
    rf"(?P<cur_num>(?>{NUM_AR})|(?>{NUM_CN})))"  # cur_frac: $2 1/2 million (amounts reads the fraction)
    rf"|{_ENGLISH}"
    rf"|(?P<ar>(?>{NUM_AR}))"
    rf"|(?P<cn>(?={CN_WORTH})(?>{NUM_CN})|(?>{NUM_CN}){_CN_UNIT_AHEAD}|{_CN_ALONE}"
    rf"|(?<=[{_ZH_HEDGE_ENDS}])(?>{NUM_CN})|(?>{NUM_CN})(?<=[{UNITS}])(?=[多余](?![万亿兆]))))", re.ASCII
)

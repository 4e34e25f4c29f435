"""The words and patterns :mod:`ledger.numbers` reads: currencies, units,
hedges, English magnitudes, and the one master pattern.  All patterns run on
cleaned text (simplified script, half-width digits, no-break spaces folded).

The hedge → interval convention (:func:`interval`) is the table in the README.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .dates import EN_DATE, ZH_DATE
from .numerals import CN_DIGIT_CHARS, CN_UNIT_CHARS, EN_FRACTIONS, EN_MAGNITUDES, Amount

__all__ = ["EN_FRACTIONS", "EN_MAGNITUDES"]

# --------------------------------------------------------------------------- numerals

_D = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
assert set(_D) <= set(CN_DIGIT_CHARS)
_U = CN_UNIT_CHARS
AR = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SEG_CN = rf"[{_D}{_U}]+(?:点[{_D}]+)?"
_TAIL = rf"(?:零?(?:{AR})|零?[{_D}]?[{_U}][{_D}{_U}]*|零[{_D}])"
_BIGS = r"(?:[万亿]|兆(?![瓦赫字比帕焦欧位伏]))+"
_BIGPART = rf"{_BIGS}(?:{_TAIL}{_BIGS})*(?:{_TAIL})?"
#: A numeral starting with Arabic digits: 1,300 / 1.4万亿 / 3万4000 / 1000多亿 / 3千万 / 1000 亿.
NUM_AR = rf"(?:{AR})(?:[ \t]?[{_U}](?=[ \t]?[万亿兆]))?(?:[多余几](?=[{_U}万亿兆]))?(?:[ \t]?{_BIGPART})?"
#: A Chinese numeral: 一百二十三 / 十多亿 / 数百亿 / 上万亿 / 万亿 / 两千零五.
NUM_CN = (
    rf"(?:[数几]|上(?=[{_U}万亿]))?(?:{_SEG_CN}(?:[多余几](?=[{_U}万亿兆]))?(?:{_BIGPART})?|{_BIGPART})"
    rf"|[数几](?=个?多?[月年天周倍]|个星期)"
)
NUMBER_ONLY = re.compile(rf"{NUM_AR}|{NUM_CN}", re.ASCII)

# --------------------------------------------------------------------------- units

_CUR_WORDS = {
    "美元": "USD", "美金": "USD", "人民币": "CNY", "港元": "HKD", "港币": "HKD", "新台币": "TWD",
    "台币": "TWD", "欧元": "EUR", "日元": "JPY", "日圆": "JPY", "英镑": "GBP", "韩元": "KRW",
    "新加坡元": "SGD", "dollar": "USD", "dollars": "USD", "us dollars": "USD", "us dollar": "USD",
    "usd": "USD", "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "euro": "EUR", "euros": "EUR",
    "yen": "JPY", "hk dollars": "HKD",
}
_CUR_SYMBOLS = {
    "$": "USD", "us$": "USD", "hk$": "HKD", "nt$": "TWD", "s$": "SGD", "€": "EUR", "¥": "CNY",
    "£": "GBP", "usd": "USD", "rmb": "CNY", "cny": "CNY", "eur": "EUR", "hkd": "HKD", "twd": "TWD",
    "jpy": "JPY", "gbp": "GBP", "人民币": "CNY", "港币": "HKD", "港元": "HKD", "新台币": "TWD",
}
_OTHER_UNITS: dict[str, tuple[str, str, Decimal]] = {
    "%": ("percent", "ratio", Decimal("0.01")), "‰": ("percent", "ratio", Decimal("0.001")),
    "percent": ("percent", "ratio", Decimal("0.01")), "per cent": ("percent", "ratio", Decimal("0.01")),
    "pct": ("percent", "ratio", Decimal("0.01")), "成": ("percent", "ratio", Decimal("0.1")),
    "个百分点": ("percentage_point", "percentage_point", Decimal(1)),
    "百分点": ("percentage_point", "percentage_point", Decimal(1)),
    "percentage point": ("percentage_point", "percentage_point", Decimal(1)),
    "percentage points": ("percentage_point", "percentage_point", Decimal(1)),
    "个基点": ("percentage_point", "percentage_point", Decimal("0.01")),
    "基点": ("percentage_point", "percentage_point", Decimal("0.01")),
    "basis point": ("percentage_point", "percentage_point", Decimal("0.01")),
    "basis points": ("percentage_point", "percentage_point", Decimal("0.01")),
    "bps": ("percentage_point", "percentage_point", Decimal("0.01")),
    "倍": ("multiple", "times", Decimal(1)), "x": ("multiple", "times", Decimal(1)),
    "times": ("multiple", "times", Decimal(1)), "fold": ("multiple", "times", Decimal(1)),
    "-fold": ("multiple", "times", Decimal(1)),
    "年": ("duration", "year", Decimal(1)), "周年": ("duration", "year", Decimal(1)),
    "个月": ("duration", "month", Decimal(1)), "个多月": ("duration", "month", Decimal(1)),
    "多个月": ("duration", "month", Decimal(1)), "月": ("duration", "month", Decimal(1)),
    "周": ("duration", "week", Decimal(1)), "个星期": ("duration", "week", Decimal(1)),
    "星期": ("duration", "week", Decimal(1)), "天": ("duration", "day", Decimal(1)),
    "year": ("duration", "year", Decimal(1)), "years": ("duration", "year", Decimal(1)),
    "month": ("duration", "month", Decimal(1)), "months": ("duration", "month", Decimal(1)),
    "week": ("duration", "week", Decimal(1)), "weeks": ("duration", "week", Decimal(1)),
    "day": ("duration", "day", Decimal(1)), "days": ("duration", "day", Decimal(1)),
}
_EN_UNIT = (
    r"(?i:percentage points?|per[ \t]?cent|pct|basis points?|bps|times|us dollars?|hk dollars?|dollars?"
    r"|usd|yuan|rmb|renminbi|euros?|yen|years?|months?|weeks?|days?)\b"
)
UNIT = re.compile(
    r"(?:[ \t]|-)?(?P<unit>%|‰|个百分点|百分点|个基点|基点|倍|[xX](?![A-Za-z0-9])|-?fold\b"
    r"|新加坡元|美元|美金|人民币|港元|港币|新台币|台币|欧元|日元|日圆|英镑|韩元|元(?![化素旦首宇老])"
    r"|周年|个多月|多个月|个月|个星期|星期|周(?![围边])|天|年(?![级纪龄代轻])|月(?!份)"
    r"|成(?![为员功立交本长熟果型就了绩事都效不])"
    rf"|{_EN_UNIT})", re.ASCII
)


def unit_of(word: str, default_cur: str) -> tuple[str | None, str | None, Decimal]:
    """(kind, unit, factor) of a unit word; factor turns the stated number into canonical units."""
    w = word.lower().lstrip("-") if word.isascii() else word
    w = re.sub(r"[ \t]+", " ", w).replace("percent", "percent")
    if w == "元":
        return "money", default_cur, Decimal(1)
    if w in _CUR_WORDS:
        return "money", _CUR_WORDS[w], Decimal(1)
    if w.replace(" ", "") == "percent":
        w = "percent"
    if w in _OTHER_UNITS:
        return _OTHER_UNITS[w]
    return None, None, Decimal(1)


def currency_code(sym: str) -> str:
    return _CUR_SYMBOLS[sym.strip().lower()]


def default_yuan(text: str) -> str:
    """The currency a bare 元 means: TWD in a text that names 新台币/台币/NT$ and
    never 人民币; HKD likewise for 港元/港币/HK$; otherwise CNY (see README)."""
    if "人民币" in text:
        return "CNY"
    if re.search(r"新?台币|NT\$", text):
        return "TWD"
    if re.search(r"港元|港币|HK\$", text):
        return "HKD"
    return "CNY"


_EN_MAG = re.compile(
    r"[ \t]?(?P<mag>(?i:trillion|billion|million|thousand))\b"
    r"|(?P<abbr>bn|mn|tn|trn|mln|bln|[kKmMbBT])(?![A-Za-z0-9])", re.ASCII
)


class _EnMag:
    """EN_MAG.match(t, pos) -> match with group('mag') (word or abbreviation)."""

    def match(self, t: str, pos: int):
        m = _EN_MAG.match(t, pos)
        return _MagMatch(m) if m else None


class _MagMatch:
    def __init__(self, m: re.Match) -> None:
        self._m = m

    def group(self, _name: str) -> str:
        return self._m.group("mag") or self._m.group("abbr")

    def end(self) -> int:
        return self._m.end()


EN_MAG = _EnMag()
ODD = re.compile(r"[多余](?![万亿兆个])", re.ASCII)
RANGE_SEP = re.compile(r"[ \t]?(?:乃至|至|到|~|～|-|–|—|－)[ \t]?|[ \t](?i:to)[ \t]", re.ASCII)

# --------------------------------------------------------------------------- hedges

_HEDGES = {
    "about": "大约/大概/约为/约合/约/左右/上下/approximately/about/around/roughly/some/circa/or so",
    "nearly": "近乎/将近/接近/近/nearly/almost/close to",
    "over": "超过/超出/超/逾/多于/高于/大于/more than/over/above/upwards of/in excess of",
    "at_least": "至少/最少/起码/不少于/不低于/以上/at least/no less than/or more/-plus/+",
    "up_to": "最多/至多/不超过/不高于/上看/最高/以下/以内/之内/内/up to/at most/as much as/as many as"
             "/no more than/or less/or fewer",
    "under": "不到/不足/未满/少于/低于/未达/less than/under/below/fewer than",
    "exact": "高达/多达/达到/达/之多",
    "odd": "出头/有余/开外",
}
_HEDGE_OF = {w: k for k, words in _HEDGES.items() for w in words.split("/")}
_POST_ONLY = ("左右", "上下", "以上", "以下", "以内", "之内", "内", "之多", "出头", "有余", "开外")
_ZH_PRE = sorted((w for w in _HEDGE_OF if not w.isascii() and w not in _POST_ONLY), key=len, reverse=True)
_EN_PRE = sorted((w for w in _HEDGE_OF if w[0].isascii() and w[0].isalpha() and not w.startswith("or ")),
                 key=len, reverse=True)
_EN_PRE_ALT = "|".join(w.replace(" ", r"[ \t]") for w in _EN_PRE)
_ZH_PRE_ALT = "|".join(_ZH_PRE)
PRE_HEDGE = re.compile(rf"(?P<h>{_ZH_PRE_ALT}|(?i:\b(?:{_EN_PRE_ALT})))[ \t]?\Z", re.ASCII)
_EN_PRE_RX = re.compile(rf"(?i:\b(?:{_EN_PRE_ALT}))[ \t]?\Z", re.ASCII)
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
POST_HEDGE = re.compile(
    r"[ \t]?(?P<ph>左右|上下(?![游文级])|以上|以下|以内|之内|内(?![部容地外在])|之多|出头|有余|开外"
    r"|(?i:[ \t]or[ \t](?:more|so|less|fewer)\b)|-plus\b|\+)", re.ASCII
)
CLAUSE_HEDGE = re.compile(r"约为|约是|大约是|大约|约|超过|超出|逾|将近|接近|近|不到|至少|最多", re.ASCII)


def hedge_of(word: str) -> str | None:
    w = re.sub(r"[ \t]+", " ", word.strip().lower())
    return _HEDGE_OF.get(w)


def interval(a: Amount, hedge: str | None) -> tuple[Decimal, Decimal | None, Decimal | None, str]:
    """(value, low, high, qualifier) for a parsed amount under a hedge (README table)."""
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

CN_IDIOMS = frozenset({"千万", "万一", "四周", "万万", "亿万", "千千万万", "一一", "三三", "万千"})
FIGURE = re.compile(r"(?:图|表|(?i:\bfig\.?|\bfigure|\btable|\bchart))[ \t]?\Z", re.ASCII)
EN_VERBS = {"doubled": 2, "doubling": 2, "tripled": 3, "tripling": 3, "quadrupled": 4,
            "quadrupling": 4, "halved": Decimal("0.5")}
_EN_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|a[ \t]hundred|hundred|a[ \t]dozen)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_CN_UNIT_AHEAD = (
    r"(?=[ \t]?(?:[多余])?[ \t]?(?:美元|美金|人民币|港元|港币|新台币|台币|欧元|日元|日圆|英镑|韩元|新加坡元"
    r"|元(?![化素旦首宇老])|倍|%|个百分点|百分点|个基点|基点|成(?![为员功立交本长熟果型就了绩事都效不])"
    r"|个?多?月|年(?![级纪龄代轻])|周年|周(?![围边])|个?星期|天|个(?![月百星季多])"
    rf"|[至到~\-—–][ \t]?[{_D}{_U}数几]))"
)

#: The one pattern: each alternative is a named group; dates come first so
#: "2024年10月" is a date, not the count 2024.
#: Characters a mention can start with.  The pattern opens with a lookahead
#: on this set so the engine skips ordinary text at one test per character
#: (about 5x faster than trying every alternative at every position).
_FIRST = (
    r"[0-9零〇一二两三四五六七八九十拾百佰千仟万亿兆壹贰叁肆伍陆柒捌玖数几翻$€¥£]|\b[A-Za-z]"
    r"|上(?:周|星期|个?月|[十百千万亿])|下(?:周|个?月)|这(?:周|个月)|本[周月年]|[去今明前]年|前天|昨[天日]"
    r"|人民币|港[币元]|新台币"
)
MASTER = re.compile(
    rf"(?={_FIRST})"
    r"(?:(?P<skip>\d{1,2}:\d{2}(?::\d{2})?|\d+(?:\.\d+){2,})"  # clock times, version numbers 1.2.3
    rf"|(?P<zhdate>{ZH_DATE})"
    rf"|(?P<endate>{EN_DATE})"
    r"|(?P<fan>翻了?(?:一|两|三|[1-3])?(?:番|倍))"
    r"|(?P<verb>(?i:\b(?:doubled|doubling|tripled|tripling|quadrupled|quadrupling|halved)\b))"
    r"|(?P<frac>(?i:\b(?:(?P<fr_n>an?|one|two|three|four)[- \t])?(?P<fr_d>half|thirds?|quarters?|fifths?|tenths?)\b)"
    r"(?=[ \t](?:of|the)\b|[ \t]less|[ \t]more)|(?<=by[ \t])(?i:(?P<fr_n2>a)[ \t](?P<fr_d2>third|quarter|fifth|half)\b))"
    rf"|(?P<pct>百分之(?P<pct_num>{NUM_CN}|{NUM_AR}))"
    rf"|(?P<cur>(?P<cur_sym>(?i:US\$|HK\$|NT\$|S\$)|[$€¥£]|(?:USD|RMB|CNY|EUR|HKD|TWD|JPY|GBP)[ \t]?|人民币|港币|港元|新台币)"
    rf"[ \t]?(?P<cur_num>{NUM_AR}))"
    rf"|(?P<fold>(?i:\b(?P<fold_n>{_EN_WORD})-?fold\b))"
    rf"|(?P<enword>(?i:\b{_EN_WORD}(?=[ \t-](?:years?|months?|weeks?|days?|percent|per[ \t]cent|times"
    r"|billion|million|trillion|percentage[ \t]points?)\b)))"
    rf"|(?P<ar>{NUM_AR})"
    rf"|(?P<cn>(?:{NUM_CN})(?:(?<=[万亿兆])|{_CN_UNIT_AHEAD})))", re.ASCII
)

"""Numerals: Arabic, Chinese (incl. financial forms and mixed 1.4万亿 / 3万4000)
and English number words, parsed to exact :class:`~decimal.Decimal` values.

Everything here works on *cleaned* text (see :func:`ledger.sources.clean`):
simplified script, half-width digits.  Vague forms (数十亿, 十多亿, 上百亿,
一两年) come back as an :class:`Amount` interval, never as one number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, getcontext

getcontext().prec = 40  # 40 significant digits: 1.4万亿 and friends stay exact

#: Chinese digits, common and financial forms (after OpenCC t2s; 兩→两, 貳→贰, 陸→陆).
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "肆": 4, "伍": 5,
    "陆": 6, "柒": 7, "捌": 8, "玖": 9, "兩": 2,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: 兆 is 10^12 (Taiwanese / Japanese financial usage); see docs/numbers.md.
CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}

CN_DIGIT_CHARS = "".join(CN_DIGITS)
CN_UNIT_CHARS = "".join(CN_SMALL_UNITS)
CN_BIG_CHARS = "".join(CN_BIG_UNITS)

#: English magnitude words and abbreviations.
EN_MAGNITUDES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3, "K": 10**3,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6, "M": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "B": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "T": 10**12,
}
EN_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
}
EN_FRACTIONS: dict[str, tuple[int, int]] = {
    "half": (1, 2), "third": (1, 3), "quarter": (1, 4), "fifth": (1, 5),
    "tenth": (1, 10), "thirds": (1, 3), "quarters": (1, 4), "fifths": (1, 5), "tenths": (1, 10),
}

_AR = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_TOKEN = re.compile(rf"\d+(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_DIGIT_CHARS}]|[{CN_UNIT_CHARS}]|.", re.S)


class NumeralError(ValueError):
    """The string is not a numeral this module can read."""


@dataclass(frozen=True)
class Amount:
    """A parsed numeral: ``value`` with bounds; ``vague`` names the vague
    form (``several``, ``odd`` for 多/余, ``at_least`` for 上百亿,
    ``bare`` for a bare magnitude such as 百亿, ``pair`` for 一两)."""

    value: Decimal
    low: Decimal | None
    high: Decimal | None
    vague: str = ""

    def scaled(self, factor: Decimal | int) -> Amount:
        f = Decimal(factor)
        return Amount(self.value * f, _mul(self.low, f), _mul(self.high, f), self.vague)


def _mul(x: Decimal | None, f: Decimal) -> Decimal | None:
    return None if x is None else x * f


def exact(value: Decimal | int | str) -> Amount:
    v = Decimal(value)
    return Amount(v, v, v)


def arabic(s: str) -> Decimal:
    """'1,300' -> 1300, '1.4' -> Decimal('1.4'); raises NumeralError."""
    s = s.replace(",", "").replace(" ", "")
    if not s or not _AR.fullmatch(s):
        raise NumeralError(f"not an Arabic numeral: {s!r}")
    return Decimal(s)


def place(x: Decimal) -> Decimal:
    """The place value of the last non-zero digit: 1000 -> 1000, 1500 -> 100,
    1.5 -> 0.1, 0 -> 1."""
    if x == 0:
        return Decimal(1)
    exp = x.normalize().as_tuple().exponent
    return Decimal(1).scaleb(int(exp))


def small(s: str) -> Decimal:
    """A numeral below 10^4 (no 万/亿): Chinese with units (一百二十三, 两千零五,
    colloquial 两千五 = 2500), positional (二〇二四), Arabic (1.4) or mixed (3千)."""
    if not s:
        raise NumeralError("empty numeral")
    if "点" in s:  # 三点五 = 3.5
        whole, _, frac = s.partition("点")
        if not frac or any(c not in CN_DIGITS for c in frac):
            raise NumeralError(f"bad decimal part in {s!r}")
        return (small(whole) if whole else Decimal(0)) + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    toks = _TOKEN.findall(s)
    if len(toks) == 1 and toks[0][0].isdigit():
        return arabic(toks[0])
    if all(t in CN_DIGITS for t in toks):  # positional: 二〇二四
        return Decimal("".join(str(CN_DIGITS[t]) for t in toks))
    total, pending, last_unit, zero = Decimal(0), None, None, False
    for t in toks:
        if t in CN_SMALL_UNITS:
            u = CN_SMALL_UNITS[t]
            if last_unit is not None and u >= last_unit:
                raise NumeralError(f"units out of order in {s!r}")
            total += (pending if pending is not None else 1) * u
            pending, last_unit, zero = None, u, False
        elif t in ("零", "〇"):
            if pending is not None:
                raise NumeralError(f"zero after a digit in {s!r}")
            zero = True
        elif t in CN_DIGITS or t[0].isdigit():
            if pending is not None:
                raise NumeralError(f"two digits in a row in {s!r}")
            pending = Decimal(CN_DIGITS[t]) if t in CN_DIGITS else arabic(t)
        else:
            raise NumeralError(f"not a numeral character {t!r} in {s!r}")
    if pending is not None:
        if last_unit and last_unit >= 100 and not zero and pending < 10 and pending == int(pending):
            total += pending * last_unit // 10  # 两千五 = 2500, 三百五 = 350
        else:
            total += pending
    return total


def chinese(s: str) -> Decimal:
    """Any exact numeral: Arabic, Chinese or mixed, with 万/亿/兆 magnitudes
    (1.4万亿 -> 1400000000000, 3万4000 -> 34000, 21000亿, 一百二十三万四千)."""
    s = s.replace(" ", "").replace(",", "")
    s = s.replace("萬", "万").replace("億", "亿")
    if not s:
        raise NumeralError("empty numeral")
    for big, mult in (("兆", 10**12), ("亿", 10**8), ("万", 10**4)):
        i = s.rfind(big)
        if i >= 0:
            left = chinese(s[:i]) if s[:i] else Decimal(1)
            right = s[i + 1 :]
            rest = _after_big(right, mult) if right else Decimal(0)
            return left * mult + rest
    return small(s)


def _after_big(right: str, mult: int) -> Decimal:
    """The part after a magnitude: 一亿二千万 (2000万), 3万4000, 一万零五; a
    lone trailing digit is colloquial for the next place: 三万五 = 35000."""
    r = right.lstrip("零〇")
    if not r:
        return Decimal(0)
    if r == right and len(r) == 1 and r in CN_DIGITS:
        return CN_DIGITS[r] * Decimal(mult) / 10
    return chinese(r)


def amount(s: str) -> Amount:
    """Parse a numeral that may be vague into an :class:`Amount`.

    数十亿/几十亿 -> [2e9, 9e9] (several); 十多亿/1000多亿 -> [X, X+place) (odd);
    十几亿 -> [11e8, 19e8]; 上百亿 -> [1e10, open) (at_least);
    一两年 -> [1, 2] (pair); a bare magnitude such as 百亿 or 万亿 (no leading
    digit) -> [X, 10X) (bare: "on the order of")."""
    s = s.replace(" ", "")
    if not s:
        raise NumeralError("empty numeral")
    if s[0] in "数几":
        rest = s[1:]
        one = chinese("一" + rest) if rest[:1] in CN_UNIT_CHARS + CN_BIG_CHARS else None
        if one is None:
            if rest:
                raise NumeralError(f"cannot read {s!r}")
            one = Decimal(1)
        return Amount((one * 2 + one * 9) / 2, one * 2, one * 9, "several")
    if s[0] == "上" and len(s) > 1:
        one = chinese("一" + s[1:])
        return Amount(one, one, None, "at_least")
    for mark in "多余":
        if mark in s:
            head, _, tail = s.partition(mark)
            h = chinese(head)
            mult = chinese("一" + tail) if tail else Decimal(1)
            return Amount(h * mult, h * mult, (h + place(h)) * mult, "odd")
    if "几" in s:
        head, _, tail = s.partition("几")
        h = chinese(head)
        q = place(h) / 10
        mult = chinese("一" + tail) if tail else Decimal(1)
        lo, hi = (h + q) * mult, (h + 9 * q) * mult
        return Amount((lo + hi) / 2, lo, hi, "several")
    if len(s) >= 2 and s[0] in CN_DIGITS and s[1] in CN_DIGITS and s[0] not in "零〇":
        a, b = CN_DIGITS[s[0]], CN_DIGITS[s[1]]
        if b == a + 1 and (len(s) == 2 or s[2] in CN_UNIT_CHARS + CN_BIG_CHARS):
            lo, hi = chinese(s[0] + s[2:]), chinese(s[1] + s[2:])  # 一两年, 两三百亿 = [200亿, 300亿]
            return Amount((lo + hi) / 2, lo, hi, "pair")
    v = chinese(s)
    if s[0] in "百千万" and all(c in "百千万亿兆" for c in s):  # 百亿, 千亿, 万亿: order of magnitude
        return Amount(v, v, v * 10, "bare")
    return exact(v)


def english_word(s: str) -> Decimal:
    """'ten' -> 10, 'twenty-five' -> 25, 'a hundred' -> 100."""
    s = s.lower().strip()
    if s in EN_WORDS:
        return Decimal(EN_WORDS[s])
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in EN_WORDS and parts[1] in EN_WORDS:
        a, b = EN_WORDS[parts[0]], EN_WORDS[parts[1]]
        if a >= 20 and a % 10 == 0 and b < 10:
            return Decimal(a + b)
        if b == 100 and a < 10:
            return Decimal(a * 100)
    raise NumeralError(f"not an English number word: {s!r}")


def norm(x: Decimal | None) -> Decimal | None:
    """Integral values as integers (1640000000, not 1.64E+9); others normalised."""
    if x is None:
        return None
    if x == x.to_integral_value():
        return Decimal(int(x))
    return x.normalize()


# ---------------------------------------------------------------- rendering (tests, hypothesis)

_CN_DIGIT_OUT = "零一二三四五六七八九"


def to_chinese(n: int, *, financial: bool = False, _leading: bool = True) -> str:
    """Render a non-negative integer as a standard Chinese numeral (for round-trip tests):
    1400000000000 -> 一万四千亿, 100010 -> 十万零一十."""
    digits = "零壹贰叁肆伍陆柒捌玖" if financial else _CN_DIGIT_OUT
    units = "拾佰仟" if financial else "十百千"
    if n == 0:
        return digits[0]
    for big, mult in (("亿", 10**8), ("万", 10**4)):
        if n >= mult:
            a, b = divmod(n, mult)
            out = to_chinese(a, financial=financial, _leading=_leading) + big
            if b:
                out += (digits[0] if b < mult // 10 else "") + to_chinese(b, financial=financial, _leading=False)
            return out
    return _group(n, digits, units, leading=_leading)


def _group(g: int, digits: str, units: str, leading: bool) -> str:
    s, zero = "", False
    for place_, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = g // place_ % 10
        if d == 0:
            zero = bool(s)
            continue
        if zero:
            s += digits[0]
            zero = False
        if not (leading and not s and d == 1 and place_ == 10):
            s += digits[d]
        s += unit
    return s

"""Numerals: Arabic, Chinese (lower-case and financial digits, both scripts,
mixed with Arabic: 5万4千6百, 1.4万亿) parsed to exact :class:`~decimal.Decimal`
values by one grammar (:class:`_Reader`); English number words are in
:mod:`ledger.numbers.english`.

Everything here works on *cleaned* text (see :func:`ledger.sources.clean`):
simplified script, half-width digits.  Vague forms (数十亿, 十多亿, 上百亿,
一两年) come back as an :class:`Amount` interval, never as one number.

The grammar (the words are ``[numerals.zh]`` in ``lexicon/numbers.toml``)::

    numeral  := group (magnitude group?)* ('点' digit+ magnitude*)?
    group    := digits | (digit? unit ('零'? digit? unit)*) ('零'? digit)?
    digit    := a Chinese digit | an Arabic number (4千6百, 3万4000)
    unit     := 十 | 百 | 千 (decreasing within a group)
    magnitude:= 万 | 亿 | 兆; one larger than every earlier one scales all before it
                (一千万亿 = 10^15, 两万三千亿 = 2.3 x 10^12), a smaller one its group
    a last digit right after a unit >= 100 or a magnitude is the next place down
    (两千五 = 2500, 一万三 = 13000, 5万4 = 54000); after 零 or 十 it is the ones.

:func:`read` evaluates the longest prefix that is a whole numeral, so a run of
numeral characters that goes wrong half-way (一五一十) gives its good start.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, getcontext
from typing import NamedTuple

from ledger.numbers.grammar import MEASURE
from ledger.numbers.words import (
    CN_ALL_DIGITS,
    CN_BIG_CHARS,
    CN_BIG_UNITS,
    CN_DIGIT_CHARS,
    CN_MEASURE,
    CN_NOT_DECIMAL,
    CN_POINT,
    CN_SEVERAL,
    CN_SEVERAL_CLOSES_AFTER,
    CN_SMALL_UNITS,
    CN_UNIT_CHARS,
    CN_ZEROS,
)

getcontext().prec = 40  # 40 significant digits: 1.4万亿 and friends stay exact

__all__ = ["CN_BIG_CHARS", "CN_DIGIT_CHARS", "CN_UNIT_CHARS", "Amount", "Numeral", "NumeralError", "amount",
           "arabic", "chinese", "exact", "norm", "place", "read", "to_chinese"]

_AR = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_TOKEN = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)|([ \t]+)|(.)", re.S)
_ZERO = Decimal(0)
#: 个 before 亿 ([numerals.zh] measure_before_magnitude): 两个亿 is 两亿.
_MEASURE = re.compile(MEASURE)


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

    def negated(self) -> Amount:
        return Amount(-self.value, _neg(self.high), _neg(self.low), self.vague)


def _mul(x: Decimal | None, f: Decimal) -> Decimal | None:
    return None if x is None else x * f


def _neg(x: Decimal | None) -> Decimal | None:
    return None if x is None else -x


def exact(value: Decimal | int | str) -> Amount:
    v = Decimal(value)
    return Amount(v, v, v)


def arabic(s: str) -> Decimal:
    """'1,300' -> 1300, '1.4' -> Decimal('1.4'), '.08' -> Decimal('0.08'); raises NumeralError."""
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


# --------------------------------------------------------------------------- the grammar


class Numeral(NamedTuple):
    """What :func:`read` found: the value of ``s[:end]`` and its shape."""

    value: Decimal
    end: int
    has_big: bool  # a magnitude (万, 亿, 兆)
    composed: bool  # a unit (十百千) or a decimal point: 一百二十三, 三点五
    positional: bool  # digits only: 二〇二四


class _Reader:
    """The state of one left-to-right reading; each ``feed_*`` returns False
    when the token cannot continue the numeral."""

    def __init__(self) -> None:
        self.total = _ZERO  # the groups already scaled by a magnitude
        self.max_big = self.last_big = 0
        self.sec = _ZERO  # the current group's units (四千五百)
        self.pend: Decimal | None = None  # a digit waiting for its unit
        self.plain = False  # pend is one digit, so it may be colloquial (两千五)
        self.before_pend: str | None = None  # the token kind before pend
        self.last_unit: int | None = None
        self.zero = False
        self.digits: list[str] | None = []  # positional digits (二〇二四) while only digits came
        self.int_part: Decimal | None = None  # after 点: the integer part
        self.frac = ""
        self.scale = Decimal(1)  # magnitudes after a decimal (三点五亿)
        self.prev: str | None = None
        self.has_big = self.composed = False
        self.bare_lead = False  # the numeral opened with a magnitude (万亿): only magnitudes may follow

    # -- value

    def complete(self) -> bool:
        if self.prev == "zero":
            return self.digits is not None  # 零 alone (零元整), 二〇
        return self.prev in ("num", "unit", "big", "frac")

    def value(self) -> Decimal:
        if self.int_part is not None:
            return (self.int_part + Decimal("0." + self.frac)) * self.scale
        if self.digits is not None and len(self.digits) >= 2:  # positional (二〇二四)
            return Decimal("".join(self.digits))
        return self.total + self.sec + self._pending()

    def positional(self) -> bool:
        return self.digits is not None and len(self.digits) >= 2

    def _pending(self, literal: bool = False) -> Decimal:
        p = self.pend
        if p is None:
            return _ZERO
        if literal or not self.plain or self.zero:
            return p
        if self.before_pend == "unit":
            assert self.last_unit is not None  # pend came right after a unit: feed_unit set last_unit
            if self.last_unit >= 100:
                return p * self.last_unit / 10  # 两千五 = 2500
        elif self.before_pend == "big" and self.sec == 0:
            return p * self.last_big / 10  # 一万三 = 13000
        return p

    # -- tokens

    def feed_num(self, v: Decimal, plain: bool, chinese_digit: bool) -> bool:
        if self.int_part is not None or self.bare_lead:
            return False  # 亿两: a numeral does not open with a lone magnitude and go on with digits
        if v != v.to_integral_value() and self.prev is not None:
            return False  # an Arabic decimal opens a numeral (1.5万), it does not follow a part (三万1.5)
        if self.pend is not None or (self.prev == "zero" and self.digits):  # a digit after a digit
            if not (chinese_digit and self.digits):
                return False
            self.digits.append(str(int(v)))  # 二〇二四: positional
            self.pend, self.plain, self.prev = Decimal("".join(self.digits)), False, "num"
            return True
        if chinese_digit and self.digits is not None and self.prev is None:
            self.digits.append(str(int(v)))  # may open a positional run
        else:
            self.digits = None
        self.before_pend, self.pend, self.plain, self.prev = self.prev, v, plain, "num"
        return True

    def feed_zero(self) -> bool:
        if self.int_part is not None or self.bare_lead:
            return False
        if self.digits is not None and (self.digits or self.prev is None):
            self.digits.append("0")  # 〇 inside 二〇二四, or 零 alone
            if len(self.digits) > 1:
                self.pend = Decimal("".join(self.digits))
            self.prev = "zero"
            return True
        if self.pend is not None:
            return False
        self.zero, self.prev = True, "zero"
        return True

    def feed_unit(self, u: int) -> bool:
        if self.bare_lead or self.int_part is not None or self.positional():
            return False
        if self.last_unit is not None and u >= self.last_unit:
            return False
        self.sec += (self.pend if self.pend is not None else 1) * u
        self.pend, self.last_unit, self.zero, self.prev, self.digits = None, u, False, "unit", None
        self.composed = True
        return True

    def feed_big(self, m: int) -> bool:
        if self.int_part is not None:
            return self._scale_decimal(m)
        started = self.prev is not None
        self.bare_lead = not started or self.bare_lead
        cur = self.sec + self._pending(literal=True)
        if m > self.max_big:
            self.total = (self.total + (cur if started else Decimal(1))) * m
            self.max_big = m
        elif m < self.last_big and cur:
            self.total += cur * m
        elif m == self.last_big and self.prev == "big":
            self.total *= m  # 亿亿 = 10^16, 万万 = 10^8
        else:
            return False
        self.sec, self.pend, self.last_unit, self.zero, self.digits = _ZERO, None, None, False, None
        self.last_big, self.prev, self.has_big = m, "big", True
        return True

    def _scale_decimal(self, m: int) -> bool:
        """三点五亿, 一点四万亿, 一万点五亿: a magnitude after a decimal, larger
        than every one before, scales the whole number."""
        if self.prev not in ("frac", "big") or m < self.max_big or (m == self.last_big and self.prev == "big"):
            return False
        self.scale *= m
        self.max_big = self.last_big = m
        self.prev, self.has_big = "big", True
        return True

    def feed_point(self) -> bool:
        if self.bare_lead or self.int_part is not None or self.prev not in ("num", "unit", "big", "zero"):
            return False
        # the digit before 点 after a unit is the next place down, as at the end (一千六点五 = 1600.5)
        self.int_part = self.value() if self.positional() else self.total + self.sec + self._pending()
        self.prev, self.composed, self.digits = "point", True, None
        return True

    def feed_frac_digit(self, d: int) -> bool:
        if self.prev not in ("point", "frac"):
            return False
        self.frac += str(d)
        self.prev = "frac"
        return True


#: The commonest shape, read without the grammar: an Arabic number and rising magnitudes (130亿, 1.4万亿).
_FAST = re.compile(rf"(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)([{CN_BIG_CHARS}]{{0,2}})")


def _fast(s: str) -> Numeral | None:
    m = _FAST.fullmatch(s)
    if m is None:
        return None
    v, bigs = arabic(m.group(1)), m.group(2)
    scale = [CN_BIG_UNITS[c] for c in bigs]
    if len(scale) == 2 and scale[1] <= scale[0]:
        return None  # 亿万: not a rising pair
    for f in scale:
        v *= f
    return Numeral(v, len(s), bool(bigs), False, False)


def read(s: str) -> Numeral:
    """The longest prefix of ``s`` that is a whole numeral (exact forms only:
    Arabic, Chinese, mixed); raises NumeralError when there is none."""
    fast = _fast(s)
    if fast is not None:
        return fast
    r, best = _Reader(), None
    for m in _TOKEN.finditer(s):
        ar, space, ch = m.groups()
        if space is not None:
            if _space_joins(r.prev, s[m.end():m.end() + 1]):
                continue  # 1000 亿, 三千 八百, 四百 点 五
            break
        if not _feed(r, ar, ch):
            break
        if r.complete():
            best = Numeral(r.value(), m.end(), r.has_big, r.composed, r.positional())
    if best is None:
        raise NumeralError(f"not a numeral: {s!r}")
    return best


def _space_joins(prev: str | None, nxt: str) -> bool:
    """Is a space between a numeral's token ``prev`` and the character ``nxt``
    inside the numeral?  Before a unit, a magnitude or 点, and after one of
    those before a digit; never between two digits (一 二 三 are three)."""
    if not nxt or prev is None:
        return False
    if nxt in CN_BIG_UNITS or nxt == CN_POINT:
        return prev in ("num", "unit", "big", "zero")
    if nxt in CN_SMALL_UNITS:
        return prev == "num"
    if nxt in CN_ALL_DIGITS or nxt.isdigit():
        return prev in ("unit", "big", "point")
    return False


def _feed(r: _Reader, ar: str | None, ch: str | None) -> bool:
    if ar is not None:
        return r.prev != "point" and r.feed_num(arabic(ar), len(ar) == 1, False)
    assert ch is not None  # one of _TOKEN's groups matched, and read() handled a space
    if ch == CN_POINT:
        return r.feed_point()
    if ch in CN_ZEROS:
        return r.feed_frac_digit(0) if r.int_part is not None else r.feed_zero()
    if ch in CN_ALL_DIGITS:
        d = CN_ALL_DIGITS[ch]
        if r.int_part is not None:
            return ch not in CN_NOT_DECIMAL and r.feed_frac_digit(d)  # 两 is never a decimal digit
        return r.feed_num(Decimal(d), True, True)
    if ch in CN_SMALL_UNITS:
        return r.feed_unit(CN_SMALL_UNITS[ch])
    if ch in CN_BIG_UNITS:
        return r.feed_big(CN_BIG_UNITS[ch])
    return False


def chinese(s: str) -> Decimal:
    """A whole exact numeral: Arabic, Chinese or mixed, with 万/亿/兆 magnitudes
    (1.4万亿 -> 1400000000000, 3万4000 -> 34000, 21000亿, 一百二十三万四千)."""
    s = _unspoken(s)
    n = read(s)
    if n.end != len(s):
        raise NumeralError(f"cannot read {s[n.end:]!r} in {s!r}")
    return n.value


def _unspoken(s: str) -> str:
    """The numeral without its layout spaces and a measure word before 亿 (7.17 个亿 -> 7.17亿)."""
    s = s.replace(" ", "")
    return _MEASURE.sub("", s) if CN_MEASURE in s else s


# --------------------------------------------------------------------------- vague forms


def amount(s: str) -> Amount:
    """Parse a numeral that may be vague into an :class:`Amount`.

    数十亿/几十亿 -> [2e9, 9e9] (several); 十多亿/1000多亿 -> [X, X+place) (odd);
    十几亿 -> [10e8, 20e8] (十几 alone [11, 19]); 上百亿 -> [1e10, open) (at_least);
    一两年 -> [1, 2] (pair); a bare magnitude such as 百亿 or 万亿 (no leading
    digit) -> [X, 10X) (bare: "on the order of")."""
    s = _unspoken(s)
    if not s:
        raise NumeralError("empty numeral")
    if len(s) == 1 and s in CN_ALL_DIGITS:  # 一, 三: the commonest numerals of all
        return exact(CN_ALL_DIGITS[s])
    if s[0] in "数几":
        return _several(s[1:])
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
        if head[-1:] in CN_ZEROS:  # 一千五百零几万: 零 puts 几 in the ones
            h, q = chinese(head[:-1]), Decimal(1)
        else:
            h = chinese(head)
            q = place(h) / 10
        if tail:  # 二十几万: the places below 几 are unsaid too (二十九万五千 is 二十几万): [20万, 30万], as 二十多万
            mult = chinese("一" + tail)
            lo, hi = h * mult, (h + 10 * q) * mult
        else:  # 十几年, 八十几: 几 is the last digit, 1 to 9
            lo, hi = h + q, h + 9 * q
        return Amount((lo + hi) / 2, lo, hi, "several")
    pair = _pair(s)
    if pair is not None:
        return pair
    v = chinese(s)
    if s[0] in "百千万" and all(c in "百千万亿兆" for c in s):  # 百亿, 千亿, 万亿: order of magnitude
        return Amount(v, v, v * 10, "bare")
    return exact(v)


def _several(rest: str) -> Amount:
    """数十亿 / 几百: [2, 9] x the unit; 几十几 = [21, 99] (a 几 after 十 is the ones, [1, 9])."""
    ones = Decimal(0)
    if len(rest) >= 2 and rest[-1] == CN_SEVERAL and rest[-2] in CN_SEVERAL_CLOSES_AFTER:
        rest, ones = rest[:-1], Decimal(1)
    if not rest:
        one = Decimal(1)
    elif rest[0] in CN_UNIT_CHARS + CN_BIG_CHARS:
        one = chinese("一" + rest)
    else:
        raise NumeralError(f"cannot read 数/几 before {rest!r}")
    lo, hi = one * 2 + ones, one * 9 + ones * 9
    return Amount((lo + hi) / 2, lo, hi, "several")


def _pair(s: str) -> Amount | None:
    """一两年 = [1, 2], 两三百亿 = [200亿, 300亿], 三五万 = [3万, 5万]: two rising
    digits before a unit, a magnitude or the end (a colloquial range, not the
    positional 35: positional numbers carry a 〇, 一〇五亿)."""
    if len(s) >= 2 and s[0] in CN_DIGIT_CHARS and s[1] in CN_DIGIT_CHARS and s[0] not in CN_ZEROS:
        a, b = CN_ALL_DIGITS[s[0]], CN_ALL_DIGITS[s[1]]
        if a < b and (len(s) == 2 or s[2] in CN_UNIT_CHARS + CN_BIG_CHARS):
            lo, hi = chinese(s[0] + s[2:]), chinese(s[1] + s[2:])
            return Amount((lo + hi) / 2, lo, hi, "pair")
    return None


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

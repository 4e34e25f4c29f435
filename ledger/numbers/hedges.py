"""The words around an amount that change its interval: hedges before (约,
超过, about) and after (左右, 以上), a hedge earlier in the clause (约为…的100倍),
多/余 (X多 = [X, X + place)), and a sign (负3.9%, minus 5%, −3.2%).  Ends in a
:class:`Hit` (cleaned-text offsets); the hedge -> interval rules are
:func:`ledger.numbers.lexicon.interval` (the README table).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ledger.numbers import lexicon as lx
from ledger.numbers.numerals import Amount, place
from ledger.numbers.words import NEGATIVE_SIGNS


@dataclass
class Hit:
    """A mention in cleaned-text coordinates, before mapping back."""

    start: int
    end: int
    kind: str
    value: Decimal | str | None
    low: Decimal | str | None
    high: Decimal | str | None
    unit: str
    qualifier: str


#: Kinds a sign word makes negative (a negative duration or date is no reading).
_SIGNED_WORDS = ("money", "percent", "percentage_point", "multiple", "count")
#: Kinds a bare minus makes negative (elsewhere a dash is a hyphen or a range): -$5bn, -3.2%, -10000.
_SIGNED_DASH = ("money", "percent", "percentage_point", "count")


#: The last character of a sign word and its space ([signs] in the lexicon): a cheap first test.
_SIGN_ENDS = frozenset(w[-1] for w in NEGATIVE_SIGNS if not w.isascii()) | {" ", "\t"}


def finish(t: str, s: int, pos: int, a: Amount, kind: str, unit: str, factor: Decimal) -> Hit:
    """Scale to canonical units, read a sign, then the hedges."""
    a = a.scaled(factor) if factor != 1 else a
    sign = signed_start(t, s, kind)
    if sign is not None:
        s, a = sign, a.negated()  # 负3.9%, −3.2%, -$5bn, minus 5 percent: a signed figure
    return hedged(t, s, pos, kind, a, unit)


def signed_start(t: str, s: int, kind: str) -> int | None:
    """Where the sign before ``t[s]`` starts, or None: a sign word (负, minus,
    negative) for any amount, a bare minus for money and percentages."""
    if kind in _SIGNED_WORDS and s and t[s - 1] in _SIGN_ENDS:
        m = lx.NEGATIVE.search(t, max(0, s - 10), s)
        if m:
            return m.start()
    if kind in _SIGNED_DASH and _minus(t, s):
        return s - 1
    return None


def _minus(t: str, s: int) -> bool:
    """A minus sign right before the number (not a hyphen or a range dash)."""
    if s == 0 or t[s - 1] not in "-−":
        return False
    if s == 1:
        return True
    c = t[s - 2]  # after a letter or digit the dash is a hyphen (GPT-4) or a range (3-5)
    return not (c.isascii() and c.isalnum()) and c not in "-−.%"


def odd(a: Amount) -> Amount:
    """X多 / X余 / X出头: [X, X + the place of X's last non-zero digit)."""
    v = a.value
    return Amount(v, v, v + place(v), "odd")


def hedged(t, s, e, kind, a: Amount, unit) -> Hit:
    """The hit for ``t[s:e]``, with the hedge words before (约, 超过, about) and
    after (左右, 以上) applied as an interval and taken into the span."""
    hedge = None
    cmp = lx.compared(t, s, e) if s and t[s - 1] == lx.COMPARED_BEFORE else None
    if cmp is not None:  # 比三十大: more than 30
        hedge, s, e = cmp
        v, lo, hi, q = lx.interval(a, hedge)
        return Hit(s, e, kind, v, lo, hi, unit, q)
    pm = lx.pre_hedge(t, s)
    if pm and kind == "duration" and pm[0].lower() in ("近", "近乎", "over"):
        pm = None  # 近三年 = the past three years; "over four years" = during them
    if pm and pm[0] == "近" and pm[1] and t[pm[1] - 1] in "最附将接":
        pm = None  # 最近, 附近: not a hedge
    if pm:
        hedge = lx.hedge_of(pm[0])
        if hedge is not None and hedge != "exact":
            s = pm[1]
    post = lx.POST_HEDGE.match(t, e)
    if post:
        ph = lx.hedge_of(post.group("ph"))
        if ph == "odd":
            a = odd(a)
        elif hedge is None or hedge == "exact":
            hedge = ph
        e = post.end()
    if hedge is None and kind in ("multiple", "percent") and s and t[s - 1] == "的":
        hedge = _clause_hedge(t, s)
    v, lo, hi, q = lx.interval(a, hedge)
    return Hit(s, e, kind, v, lo, hi, unit, q)


_CLAUSE_END = re.compile(r"[，。；,;!?！？\n]", re.ASCII)


def _clause_hedge(t: str, s: int) -> str | None:
    """'约为该公司去年收入的20倍': a hedge earlier in the clause governs …的N倍."""
    lo = max(0, s - 60)
    cut = _CLAUSE_END.search(t[lo:s][::-1])
    start = s - cut.start() if cut else lo
    m = lx.CLAUSE_HEDGE.search(t, start, s)
    if m is None or _DIGITISH.search(t, m.end(), s):  # 约1000亿美元的融资中的20%: 约 is taken
        return None
    return lx.hedge_of(m.group())


#: Another amount between a clause hedge and the number (years and months do not count).
_DIGITISH = re.compile(r"\d+(?:\.\d+)?(?![\d.]*[ \t]?[年月日号])|[万亿%]", re.ASCII)

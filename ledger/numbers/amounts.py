"""Reading one amount around a numeral the master pattern found: exclusions
(ordinals, model names, page furniture), magnitude (13bn, 1.4万亿), unit and
currency, a range (20%至30%, $1-2 billion), the sign, and the hedge words on
either side, ending in a :class:`Hit` (cleaned-text offsets).  Used by
:mod:`ledger.numbers`; the rules are the tables of docs/numbers.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ledger.numbers import dates
from ledger.numbers import lexicon as lx
from ledger.numbers.numerals import Amount, amount, english_word, exact, place

#: Longest numeral read, in characters (一千二百三十四万亿五千六百七十八万九千零一十二 is 24).
MAX_NUMERAL = 48


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


def read_number(t: str, m: re.Match, default_cur: str, fullwidth_comma=None, yen_sign: str = "CNY") -> Hit | None:
    """The mention for a numeral alternative of the master pattern (``ar``,
    ``cn``, ``cur``, ``pct``, ``enword``, ``fold``), or None if it is no amount.
    ``fullwidth_comma(i)``: whether the ',' at ``t[i]`` was a clause comma ，.
    ``default_cur``: what a bare 元 means here; ``yen_sign``: what a bare ¥ does."""
    g = m.lastgroup
    s, e = m.span()
    body = m.group(g)
    cur = None
    if g == "cur":
        sym = m.group("cur_sym").strip()
        cur = yen_sign if sym == lx.LEXICON["currency"]["yen_sign"]["sign"] else lx.currency_code(sym)
        body = m.group("cur_num")
    if fullwidth_comma is not None and "," in body and g in ("ar", "cur"):
        b0 = m.start("cur_num" if g == "cur" else g)
        k = next((k for k, ch in enumerate(body) if ch == "," and fullwidth_comma(b0 + k)), None)
        if k is not None:  # 增长了100，300家: the number ends at the clause comma
            body, e = body[:k], b0 + k
    if e - s > MAX_NUMERAL:  # a 100,000-digit string is no amount (and would cost quadratic time)
        return None
    if g == "pct":
        a = amount(m.group("pct_num"))
        return _finish(t, s, e, a, "percent", "ratio", Decimal("0.01"))
    if g == "enword":
        a = exact(english_word(body))
    elif g == "fold":
        v = english_word(m.group("fold_n"))
        return hedged(t, s, e, "multiple", exact(v), "times")
    else:
        if _excluded(t, s, e, body, g):
            return None
        a = amount(body)
    return _suffix(t, s, e, body, a, cur, g, default_cur)


def _excluded(t: str, s: int, e: int, body: str, g: str) -> bool:
    """Ordinals (第二十届), model and chip names (GPT-4, H100, o3-mini, Phi-4,
    4o), figure labels ((图1)) and idioms (千万, 万一) are not amounts."""
    if g == "cn":
        if all(c in "万亿兆" for c in body) and body != "万亿":  # 亿万富翁, a lone 兆
            return True
        if body in lx.CN_IDIOMS and not lx.UNIT.match(t, e):
            return True
    if not s:
        return False
    before = t[s - 1]
    if before == "第":
        return True
    if g == "cn":
        return False
    if before.isascii() and before.isalpha():
        return True
    if before in "-.‑" and s >= 2 and t[s - 2].isascii() and t[s - 2].isalnum():
        return True
    if before in "图表 .":
        return before in "图表" or lx.FIGURE.search(t, max(0, s - 8), s) is not None
    return False


def _suffix(t, s, e, body, a: Amount, cur, g, default_cur) -> Hit | None:
    """Read what follows the numeral: magnitude, 多, unit, range, hedge."""
    a2, pos = _magnitude(t, e, a, g)
    a_mag, a = a2.value != a.value, a2
    kind, unit, factor, pos = _unit(t, pos, g, default_cur, a)
    if kind is not None and "多" in t[e:pos] and a.vague == "":
        a = _odd(a)
    if cur and kind in (None, "money"):
        kind, unit = "money", cur
    rng = _range(t, s, pos, body, a, g, (kind, unit, factor), a_mag, default_cur)
    if rng is not None:
        a, pos, kind, unit, factor = rng
    if kind is None:
        if g == "enword" or _furniture(t, s, e) or _glued_letter(t, pos) or _after_name(t, s):
            return None
        if g == "cn" and not _has_big(body):
            if not (t.startswith("个", pos) and a.vague == "" and a.value >= 2):
                return None
            pos += 1  # 三个数据中心: the classifier is part of the surface; 一个 is an article, not a count
        kind, unit = "count", "count"
    if kind == "duration" and unit == "year" and a.vague == "range" and _years_range(a):
        lo, hi = dates.year(int(a.low)), dates.year(int(a.high))  # 2019-2020年
        return Hit(s, pos, "date", f"{lo.value}/{hi.value}", lo.low, hi.high, "date", "exact")
    if kind == "duration" and unit == "year" and _year_like(a, body):
        return _year_date(t, s, pos, a) if g == "cn" else None
    return _finish(t, s, pos, a, kind, unit, factor)


def _has_big(body: str) -> bool:
    return "万" in body or "亿" in body or "兆" in body


def _year_like(a: Amount, body: str) -> bool:
    return a.vague == "" and a.value == int(a.value) and 1800 <= a.value <= 2100 and "." not in body


def _years_range(a: Amount) -> bool:
    return all(x == int(x) and 1800 <= x <= 2100 for x in (a.low, a.high))


def _year_date(t: str, s: int, e: int, a: Amount) -> Hit:
    """两千零五年 / 二〇二四年: a year written in Chinese numerals."""
    dv = dates.year(int(a.value))
    return Hit(s, e, "date", dv.value, dv.low, dv.high, "date", "exact")


def _magnitude(t: str, pos: int, a: Amount, g: str) -> tuple[Amount, int]:
    """English magnitude (13bn, $13B, 350 million) and a trailing 多/余 (20多年)."""
    mm = lx.EN_MAG.match(t, pos)
    if mm and g != "cn":
        word = mm.group("mag")
        a = a.scaled(lx.EN_MAGNITUDES[word.lower() if word else mm.group("abbr")])
        pos = mm.end()
    odd = lx.ODD.match(t, pos)
    if odd and lx.UNIT.match(t, odd.end()):
        a = _odd(a)
        pos = odd.end()
    return a, pos


def _unit(t: str, pos: int, g: str, default_cur: str, a: Amount):
    """(kind, unit, factor, end) of the unit word at ``pos``, or (None, None, 1, pos)."""
    um = lx.UNIT.match(t, pos)
    if not um:
        return None, None, Decimal(1), pos
    word = um.group("unit")
    kind, unit, factor = lx.unit_of(word, default_cur)
    if kind is None or (word == "成" and (g not in ("cn", "ar") or not 0 < a.value <= 10)):  # 三成, 3成
        return None, None, Decimal(1), pos
    return kind, unit, factor, um.end()


def _after_name(t: str, s: int) -> bool:
    """A bare number after a capitalised name is a version or product: 'AI 2.0', 'Windows 11'."""
    m = _NAME_BEFORE.search(t, max(0, s - 24), s)
    return m is not None


_NAME_BEFORE = re.compile(r"(?<![A-Za-z])[A-Za-z]*[A-Z][A-Za-z]*[ \t]\Z", re.ASCII)


def _glued_letter(t: str, pos: int) -> bool:
    return pos < len(t) and t[pos].isascii() and t[pos].isalpha()


def _furniture(t: str, s: int, e: int) -> bool:
    """A number alone on its line (page counters such as '856' before '收藏')."""
    window = 40  # bounded look-around keeps the scan linear on text without newlines
    ls = t.rfind("\n", max(0, s - window), s) + 1
    if ls == 0 and s > window:
        return False
    le = t.find("\n", e, e + window)
    if le < 0 and e + window < len(t):
        return False
    le = len(t) if le < 0 else le
    return t[ls:s].strip() == "" and t[e:le].strip() == ""


def _odd(a: Amount) -> Amount:
    """X多 / X余 / X出头: [X, X + the place of X's last non-zero digit)."""
    v = a.value
    return Amount(v, v, v + place(v), "odd")


_FROM = re.compile(r"(?i:\bfrom)[ \t]\Z", re.ASCII)
_AND = re.compile(r"[ \t](?i:and)[ \t]", re.ASCII)
_BETWEEN = re.compile(r"(?i:\bbetween)[ \t]\S{0,4}\Z", re.ASCII)


def _between(t: str, start: int) -> bool:
    return _BETWEEN.search(t, max(0, start - 14), start) is not None


def _range(t: str, start: int, pos: int, body: str, a: Amount, g: str, unit_info, a_mag: bool,
           default_cur: str):
    """A second numeral after 至/到/~/-/to (20%至30%, 100-200亿美元, 三到五年,
    $1-2 billion): returns (Amount, end, kind, unit, factor) or None."""
    kind, unit, factor = unit_info
    c = lx.RANGE_SEP.match(t, pos)
    if c is None and _between(t, start):
        c = _AND.match(t, pos)  # between 10 and 20 percent
    if not c or (c.group().strip().lower() == "to" and _FROM.search(t, max(0, start - 8), start)):
        return None  # "from 10% to 20%" is a change, not a range
    p1 = c.end()
    if kind == "money" and (sym := lx.CUR_BEFORE.match(t, p1)):  # between $1bn and $2bn, $1 billion-$2 billion
        p1 = sym.end()
    m2 = lx.NUMBER_ONLY.match(t, p1)
    if not m2 or not m2.group():
        return None
    body2 = m2.group()
    if len(body2) > MAX_NUMERAL:
        return None
    b = amount(body2)
    g2 = "ar" if body2[0].isdigit() else "cn"
    b2, p2 = _magnitude(t, m2.end(), b, g2)
    kind2, unit2, factor2, p3 = _unit(t, p2, g2, default_cur, b2)
    if kind is None:
        if kind2 is None and not (_has_big(body) and _has_big(body2)):  # 数万乃至数十万: a count range
            return None
        kind, unit, factor = kind2, unit2, factor2
    elif kind2 is not None and (kind2, unit2) != (kind, unit):
        return None
    if not a_mag and b.value and b2.value != b.value:  # $1-2 billion: the magnitude applies to both
        a = a.scaled(b2.value / b.value)
    big = re.search(r"[万亿兆]+$", body2)
    if big and not _has_big(body):  # 100-200亿美元
        a = a.scaled(amount("一" + big.group()).value)
    lo = a.value if a.low is None else a.low
    hi = b2.value if b2.high is None else b2.high
    if lo >= hi:
        return None
    return Amount((lo + hi) / 2, lo, hi, "range"), (p3 if kind2 is not None else p2), kind, unit, factor


def _finish(t, s, pos, a: Amount, kind, unit, factor) -> Hit:
    """Scale to canonical units, read a minus sign, then the hedges."""
    a = a.scaled(factor) if factor != 1 else a
    if kind in ("money", "percent", "percentage_point") and _minus(t, s):
        s -= 1  # −3.2%, -$5bn: a signed figure
        a = Amount(-a.value, None if a.high is None else -a.high, None if a.low is None else -a.low, a.vague)
    return hedged(t, s, pos, kind, a, unit)


def _minus(t: str, s: int) -> bool:
    """A minus sign right before the number (not a hyphen or a range dash)."""
    if s == 0 or t[s - 1] not in "-−":
        return False
    if s == 1:
        return True
    c = t[s - 2]  # after a letter or digit the dash is a hyphen (GPT-4) or a range (3-5)
    return not (c.isascii() and c.isalnum()) and c not in "-−.%"


def hedged(t, s, e, kind, a: Amount, unit) -> Hit:
    """The hit for ``t[s:e]``, with the hedge words before (约, 超过, about) and
    after (左右, 以上) applied as an interval and taken into the span."""
    hedge = None
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
            a = _odd(a)
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

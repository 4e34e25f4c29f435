"""Reading one amount around a numeral run the master pattern found:
exclusions (ordinals, model names, page furniture), the numeral itself (the
longest whole numeral at the start of the run), magnitude (13bn, 1.4万亿),
unit and currency with its sub-units, 三成半, a range (20%至30%, $1-2
billion), then sign and hedges (:mod:`ledger.numbers.hedges`), ending in a
:class:`~ledger.numbers.hedges.Hit` (cleaned-text offsets).  Used by
:mod:`ledger.numbers.finder`; the rules are docs/numbers.md and the README's
"Numbers" tables.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from ledger.numbers import dates, money
from ledger.numbers import lexicon as lx
from ledger.numbers.english import after_and, denominator, english_word, fraction_at, read_english
from ledger.numbers.grammar import BIGS, UNITS, words_alt
from ledger.numbers.hedges import Hit, finish, hedged, odd
from ledger.numbers.numerals import Amount, NumeralError, amount, arabic, chinese, exact, read
from ledger.numbers.words import (
    CN_ALL_DIGITS,
    CN_BARE_MIN,
    CN_DISCOUNT,
    CN_DISCOUNT_NOT_IN,
    CN_FRACTION,
    CN_GROUPS,
    CN_HALF,
    CN_HALF_NOT_BEFORE,
    CN_POINT,
    CN_SMALL_UNITS,
    CN_TENTHS,
    EN_BARE_MIN,
    EN_DOZEN,
    EN_DROPPED_ARTICLE,
    EN_MONEY_ABBREVIATIONS,
    EN_NOT_FRACTION_AFTER,
    EN_ONES,
    EN_PLURAL_SCALES,
    EN_PLURALS,
    EN_SCALES,
    EN_SEVERAL,
    EN_SHARE_OF,
    EN_SPACED_ABBREVIATIONS,
    EN_TENS,
    LEXICON,
    NEGATIVE_SIGNS,
)

__all__ = ["MAX_NUMERAL", "Context", "Hit", "Resume", "hedged", "parse", "read_number"]

#: Longest Chinese or Arabic numeral read, in characters (九千九百九十九万九千九百九十九亿... is 30).
MAX_NUMERAL = 48
#: Longest English numeral read ("nine quadrillion, nine hundred and ninety-nine trillion, ...").
MAX_ENGLISH = 400


@dataclass(frozen=True)
class Context:
    """What one text decides once: a bare 元 (``default_cur``), a bare ¥
    (``yen``), and whether the ',' at a cleaned offset was a clause comma ，."""

    default_cur: str = "CNY"
    yen: str = "CNY"
    cents: str = "USD"
    fullwidth_comma: Callable[[int], bool] | None = None


class Body(NamedTuple):
    """The numeral read at the start of a run: ``text`` (a prefix of ``run``)
    from ``start`` to ``end``, its amount, and its script (ar, cn, en)."""

    text: str
    run: str
    start: int
    end: int
    a: Amount
    g: str
    words: int = 0
    has_scale: bool = False


def read_number(t: str, m: re.Match, ctx: Context) -> Hit | Resume | None:
    """The mention for a numeral alternative of the master pattern (``ar``,
    ``cn``, ``en``, ``cur``, ``zhfrac``, ``envague``, ``fold``); None if it is
    no amount, or :class:`Resume` where the scan goes on inside the run (the
    numeral read is a prefix of the run: 两20个百分点, 万一倍)."""
    g = m.lastgroup
    if g is None:  # no named alternative matched (not a match of the master pattern): no amount
        return None
    s, e = m.span()
    if g == "zhfrac":
        return _cn_fraction(t, m)
    if g == "envague":
        return _en_vague(t, m, ctx)
    if g == "fold":
        return hedged(t, s, e, "multiple", exact(english_word(m.group("fold_n"))), "times")
    if g == "enart":
        return _en_article_fraction(t, m, ctx)
    if g == "slash":
        return _slash_fraction(t, m, ctx)
    if g == "vulgar":
        return _vulgar(t, m, ctx)
    if g == "sci":
        return _scientific(t, m, ctx)
    name = "cur_num" if g == "cur" else g
    run = _clause_cut(m.group(name), m.start(name), ctx) if g in ("ar", "cur") else m.group(name)
    body = parse(run, m.start(name), t[m.end(name):m.end(name) + 2])
    if body is None and g == "en":  # hundred percent: the article left out
        body = _dropped_article(t, run, m.start(name))
    if body is None:  # 数一3成: no numeral at the start of the run; 3成 may still be one
        return Resume(m.start(name) + 1) if len(run) > 1 else None
    if g == "en" and (fr := _en_fraction(t, s, body, ctx)) is not None:
        return fr
    if g in ("en", "ar") and t.startswith((" over", "\tover"), body.end) and (fr := _over(t, s, body)) is not None:
        return fr
    if g in ("en", "ar") and _IN_EVERY.match(t, body.end) and (fr := _in_every(t, s, body, ctx)):
        return fr
    cur = lx.currency_code(m.group("cur_sym"), ctx.yen) if g == "cur" else None
    if g == "cur" and m.group("cur_frac") is not None:
        if sm := lx.SLASH_RX.match(t, m.start("cur_num")):
            return _slash_fraction(t, sm, ctx, sign=(s, m.group("cur_sym")))  # $2 1/2 million
        if vm := lx.VULGAR_RX.match(t, m.start("cur_num")):
            return _vulgar(t, vm, ctx, sign=(s, m.group("cur_sym")))  # $3¾ billion
    if g == "cur":
        whose = _whose_dollar(t, s, m.group("cur_sym"), cur)
        if whose is None:
            return None
        s, cur = whose
        if _other_unit_after(t, body, ctx):  # 人民币10年期, 美元2024年: the currency is no part of it
            return Resume(m.start(name))
    if g in ("ar", "cur") and body.g == "ar":  # layouts after the digits; one character test for most numbers
        nxt = t[body.end:body.end + 1]
        if nxt in (" ", "\t"):
            body = _spaced_point(t, body, cur, ctx)
            body = _space_grouped(t, body)
        elif nxt == CN_POINT:
            body = _point_word(t, body, cur, ctx) or body
        if nxt == "." and cur is not None:
            body = _dot_grouped(t, body)  # $1.000.000
        if "," in body.run:
            body = _decimal_comma(t, body, cur, ctx)
        elif nxt in (" ", "\t") and body.end + 4 < len(t) and t[body.end + 1] in "aA":
            body = _mixed_digits(t, body)  # 2 and a half million, 5 and 3/4
    if g == "ar" and body.g == "ar" and t[body.end:body.end + 1] in (" ", "-") \
            and t[body.end + 1:body.end + 2].isalpha() and (fr := _digit_fraction(t, s, body, ctx)) is not None:
        return fr  # 3 fifths, 7 hundredths
    hit = _number(t, s, body, cur, ctx)
    if hit is None and g != "cur" and body.end < m.end(name):
        return Resume(body.end)
    return hit


def _unit_kind_after(t: str, pos: int, g: str, a: Amount, ctx: Context) -> tuple[str | None, bool]:
    """(kind of the unit after a magnitude at ``t[pos]``, whether a magnitude came) for a numeral ``a``."""
    a2, p = _magnitude(t, pos, a, g)
    return _unit(t, p, g, ctx, a2, a2.value != a.value)[0], p != pos


def _other_unit_after(t: str, body: Body, ctx: Context) -> bool:
    """Does a unit that is no money follow the numeral (人民币10年期, 美元2024年, 港元3个月)?"""
    return _unit_kind_after(t, body.end, body.g, body.a, ctx)[0] not in (None, "money")


#: A decimal point spaced as tokenised text writes it ("4 . 8 %", "$ 1 . 5 billion", "7 . 57 %"): digits,
#: " . ", digits, never part of a longer dotted run (1 . 2 . 3) nor before more digits.
_SPACED_POINT = re.compile(r"[ \t]\.[ \t](?P<frac>\d+)(?![\d,]|\.\d|[ \t]\.[ \t]\d)", re.ASCII)
_SPACED_BEFORE = re.compile(r"\d[ \t]\.[ \t]\Z", re.ASCII)
_WHOLE_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+", re.ASCII)
#: Units after which a spaced point is a decimal one: the sentence goes on with the amount's unit.
_POINT_UNITS = ("money", "percent", "percentage_point")


def _spaced_point(t: str, body: Body, cur: str | None, ctx: Context) -> Body:
    """Whole digits, " . " and digits are one decimal number ("4 . 8 %" = 4.8%, "$ 1 . 5 billion") after
    a currency sign or before a magnitude or a unit of money or percent (tokenised text spaces the
    point as it spaces every punctuation mark); elsewhere " . " may end a sentence ("in 2019 . 5 people"),
    and ``body`` is kept."""
    if body.g != "ar" or body.text != body.run or not _WHOLE_DIGITS.fullmatch(body.text):
        return body
    pm = _SPACED_POINT.match(t, body.end)
    if pm is None or _SPACED_BEFORE.search(t, max(0, body.start - 4), body.start):
        return body
    e = pm.end()
    v = exact(arabic(body.text.replace(",", "") + "." + pm.group("frac")))
    if cur is None:
        kind, scaled = _unit_kind_after(t, e, "ar", v, ctx)
        if not scaled and kind not in _POINT_UNITS:
            return body
    return Body(t[body.start:e], t[body.start:e], body.start, e, v, "ar")


#: Digits grouped by spaces (1 000 000, 3 000 percent): groups of three after the first, then a decimal part.
_SPACE_GROUPS = re.compile(r"(?:[ \t]\d{3})+(?:\.\d+)?(?![\d,]|\.\d|[ \t]\d)", re.ASCII)
_DIGIT_SPACE_BEFORE = re.compile(r"\d[ \t]\Z", re.ASCII)
_GROUP_HEAD = re.compile(r"[1-9]\d{0,2}", re.ASCII)


def _space_grouped(t: str, body: Body) -> Body:
    """1 000 000 = 10^6, 3 000 percent = 3000%: digits grouped by spaces, when a group after the first
    opens with 0 and so cannot be a number of its own ("000" alone was read as 0); "2 500 users" keeps two
    numbers (a table may set two cells side by side)."""
    if body.g != "ar" or body.text != body.run or not _GROUP_HEAD.fullmatch(body.text):
        return body
    gm = _SPACE_GROUPS.match(t, body.end)
    if gm is None or _DIGIT_SPACE_BEFORE.search(t, max(0, body.start - 2), body.start):
        return body
    groups = gm.group().split()
    if not any(g.startswith("0") for g in groups):
        return body
    e = gm.end()
    v = exact(arabic(body.text + "".join(groups)))
    return Body(t[body.start:e], t[body.start:e], body.start, e, v, "ar")


_DOT_GROUPS = re.compile(r"(?:\.\d{3})+(?:,\d{1,2})?(?![\d.]|,\d)", re.ASCII)
_DOT_HEAD = re.compile(r"[1-9]\d{0,2}\.\d{3}", re.ASCII)


def _dot_grouped(t: str, body: Body) -> Body:
    """$1.000.000 = 10^6, €2.500.000,50: after a currency sign, digits grouped by dots (as much of Europe
    and Latin America writes thousands) when there are two groups or more ("$1.000.000" was $1: a
    decimal cannot have two points); one group stays a decimal ($1.000), and no sign, no grouping
    (1.2.3 is a version)."""
    if body.g != "ar" or not _DOT_HEAD.fullmatch(body.text):
        return body
    gm = _DOT_GROUPS.match(t, body.end)
    if gm is None:
        return body
    e = gm.end()
    whole, _, cents = t[body.start:e].partition(",")
    v = exact(arabic(whole.replace(".", "") + (f".{cents}" if cents else "")))
    return Body(t[body.start:e], t[body.start:e], body.start, e, v, "ar")


_COMMA_DECIMAL = re.compile(r"(?P<int>\d+),(?P<frac>\d{1,2})", re.ASCII)


def _decimal_comma(t: str, body: Body, cur: str | None, ctx: Context) -> Body:
    """5,5% = 5.5%, 0,25% = 0.25%, "1,2 million": a comma before one or two digits is no thousands separator;
    before a magnitude or a unit of money or percent (or after a sign) it is a decimal comma, as much of
    Europe writes it ("0,25%" was 0 and 25%).  Elsewhere the numbers stay as they were (a list: 1,2,3)."""
    if body.g != "ar" or not _WHOLE_DIGITS.fullmatch(body.text) or "," in body.text:
        return body
    cm = _COMMA_DECIMAL.fullmatch(body.run)
    if cm is None or cm.group("int") != body.text:
        return body
    e = body.start + len(body.run)
    v = exact(arabic(f"{cm.group('int')}.{cm.group('frac')}"))
    if cur is None:
        kind, scaled = _unit_kind_after(t, e, "ar", v, ctx)
        if not scaled and kind not in _POINT_UNITS:
            return body
    return Body(body.run, body.run, body.start, e, v, "ar")


_POINT_WORD = re.compile(rf"{CN_POINT}[ \t]?(?P<frac>\d+)(?!\d|[.,]\d)(?P<big>[{BIGS}]*)", re.ASCII)
#: Units of a decimal written with Arabic digits and 点 (12点5%): not a clock time (3点5分).
_POINT_WORD_UNITS = ("money", "percent", "percentage_point", "multiple")


def _point_word(t: str, body: Body, cur: str | None, ctx: Context, *, share: bool = False) -> Body | None:
    """Arabic digits, 点 and Arabic digits are one decimal (12点5% = 12.5%, 1点5亿元), a magnitude after
    it scaling the whole, as 一点五亿: in a share's numerator (``share``: 百分之12点5), after a currency,
    or before a magnitude or a unit of money, percent or a multiple; None otherwise (3点5分 is a clock time)."""
    if body.g != "ar" or body.text != body.run.rstrip(" \t") or not _WHOLE_DIGITS.fullmatch(body.text):
        return None
    pm = _POINT_WORD.match(t, body.end)
    if pm is None:
        return None
    e = pm.end()
    v = arabic(body.text.replace(",", "") + "." + pm.group("frac"))
    if pm.group("big"):
        v *= chinese("一" + pm.group("big"))
    a = exact(v)
    if not (share or cur or pm.group("big") or _unit_kind_after(t, e, "ar", a, ctx)[0] in _POINT_WORD_UNITS):
        return None
    return Body(t[body.start:e], t[body.start:e], body.start, e, a, "ar")


def _whose_dollar(t: str, s: int, sym: str, cur: str | None) -> tuple[int, str | None] | None:
    """(start, currency) of an amount after the sign ``sym`` at ``t[s]``: a word before "$" says whose
    dollar it is ([currency.dollar_prefixes]); None for a dollar that is no ledger unit (c $ 1.34)."""
    if sym != "$" or (named := lx.dollar_prefix(t, s)) is None:
        return s, cur
    if named[1] is None:
        return None  # c $ 1.34: a Canadian dollar, no ledger currency
    if named[1] != cur:  # hk $ 10.05 billion: a Hong Kong dollar (us $ 20 stays "$ 20", USD either way)
        return named
    if s and t[s - 1].isalpha():  # us$ 5, hk$5 written in lower case: the prefix is glued to the sign
        return named[0], cur
    return s, cur


def _scientific(t: str, m: re.Match, ctx: Context) -> Hit | None:
    """2e5 = 200000, 2.789e-1 = 0.2789, 1.2 × 10^5 (the mantissa times a power of ten); 2^5 = 32,
    1.1^+23, 2.5^-1 = 0.4 (a power with a whole exponent); then the unit and sign as
    after any Arabic number."""
    base = arabic(m.group("sci_b"))
    if m.group("sci_e") is not None or m.group("sci_t") is not None:
        v = base.scaleb(int(m.group("sci_e") or m.group("sci_t")))  # 2e5, 1.2 × 10^5
    else:
        k = int(m.group("sci_p"))
        if base == 0 and k <= 0:
            return None  # 0^-1 is no number
        v = base ** k
    s, e = m.span()
    return _number(t, s, Body(m.group(), m.group(), s, e, exact(v), "ar"), None, ctx)


class Resume(NamedTuple):
    """No mention here; scan again from ``end`` (inside the run)."""

    end: int


def _number(t: str, s: int, body: Body, cur: str | None, ctx: Context) -> Hit | None:
    """Exclusions, then the context of the numeral."""
    if cur and s and t[s - 1].isascii() and t[s - 1].isalpha():
        return None  # A$5m, C$5m: a dollar that is not one of the lexicon's (no currency is invented)
    if cur is None and body.g == "cn" and body.text in lx.CN_BIG_CHARS and _hedge_before(t, s):
        body = body._replace(a=exact(chinese(body.text)))  # 近万人, 逾万名: about one 万, not 亿万
    elif cur is None and body.g != "en" and _excluded(t, s, body.end, body.text, body.g):
        return None
    if cur and body.g == "cn" and len(body.text) == 1 and not lx.UNIT.match(t, body.end):
        return None  # 人民币一直: no amount
    return _suffix(t, s, body, cur, ctx)


_COMPOUND = re.compile(r"-[A-Za-z]", re.ASCII)
#: What a sub-unit after a number starts with ("43 cents", 伍角, 捌分, 五毛钱).
_SUB_START = money.SUB_START
_PLAIN = re.compile(rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,{MAX_NUMERAL}}}(?:\.\d+)?|\.\d+", re.ASCII)


#: Indian digit grouping: thousands, then groups of two (12,34,567.89 = 1234567.89; 1,00,000 = one lakh).
_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?", re.ASCII)


def _clause_cut(run: str, b0: int, ctx: Context) -> str:
    """增长了100，300家: an Arabic number ends at a clause comma ，."""
    if ctx.fullwidth_comma is None or "," not in run:
        return run
    k = next((k for k, ch in enumerate(run) if ch == "," and ctx.fullwidth_comma(b0 + k)), None)
    return run if k is None else run[:k]


def parse(run: str, b0: int, after: str = "") -> Body | None:
    """The longest whole numeral at the start of ``run`` (at offset ``b0``), or
    None if there is none or it is absurdly long; ``after``: the text right after the run."""
    try:
        if run[0].isascii() and run[0].isalpha():
            r = read_english(run[:MAX_ENGLISH + 1], compound_after=_COMPOUND.match(after) is not None)
            if r.end > MAX_ENGLISH:
                return None
            return Body(run[:r.end], run, b0, b0 + r.end, exact(r.value), "en", r.words, r.has_scale)
        g = "ar" if run[0].isdigit() or run[0] == "." else "cn"
        if g == "ar" and (_PLAIN.fullmatch(run) or _INDIAN.fullmatch(run)):  # most numbers: 2024, 1,300, 16.4
            return Body(run, run, b0, b0 + len(run), exact(arabic(run)), g)
        try:
            if len(run) <= MAX_NUMERAL:
                return Body(run, run, b0, b0 + len(run), amount(run), g)  # whole, vague forms included
        except NumeralError:
            pass
        n = read(run[:MAX_NUMERAL + 1]).end
        if n > MAX_NUMERAL:  # a 100,000-digit string is no amount
            return None
        return Body(run[:n], run, b0, b0 + n, amount(run[:n]), g)
    except (NumeralError, ArithmeticError):
        return None


_DROPPED = EN_DROPPED_ARTICLE
_DROPPED_SCALE = re.compile(rf"(?i:{words_alt(_DROPPED['scales'])})\b", re.ASCII)
_DROPPED_UNIT = re.compile(rf"[ \t]+(?i:{words_alt(_DROPPED['units'])})\b", re.ASCII)
_DROPPED_NOT_AFTER = re.compile(rf"(?<![A-Za-z])(?i:{words_alt(_DROPPED['not_after'])})[ \t]+\Z", re.ASCII)


def _dropped_article(t: str, run: str, b0: int) -> Body | None:
    """"hundred percent" = 100%, "hundred and fifty per cent" = 150%: a number that opens with a
    scale word, its article left out, before a percent word ([numerals.en.dropped_article]);
    None after a quantifier ("several hundred percent" counts hundreds) or before anything else."""
    if not _DROPPED_SCALE.match(run) or _DROPPED_NOT_AFTER.search(t, max(0, b0 - 16), b0):
        return None
    try:
        r = read_english(run[:MAX_ENGLISH], dropped_article=True)
    except NumeralError:
        return None
    if not _DROPPED_UNIT.match(t, b0 + r.end):
        return None
    return Body(run[:r.end], run, b0, b0 + r.end, exact(r.value), "en", r.words, r.has_scale)


def _hedge_before(t: str, s: int) -> bool:
    """A hedge word (近, 逾, 超过, 上万 aside) right before ``t[s]``."""
    pm = lx.pre_hedge(t, s)
    return pm is not None and lx.hedge_of(pm[0]) not in (None, "exact")


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


def _suffix(t: str, s: int, body: Body, cur: str | None, ctx: Context) -> Hit | None:
    """Read what follows the numeral: magnitude, 多, unit, sub-units, range, hedge."""
    g, e = body.g, body.end
    a, pos = _magnitude(t, e, body.a, g, money=cur is not None)
    a_mag = a.value != body.a.value
    p0 = pos
    kind, unit, factor, pos, word = _unit(t, pos, g, ctx, a, a_mag)
    if cur and word in lx.SIGNS_AFTER:  # "$ 20,000.00 $ 37,305.97": the second $ opens the next amount
        kind, unit, factor, pos, word = None, None, Decimal(1), p0, None
    sub_of = None
    if kind is None and t[pos:pos + 1] in _SUB_START and not a_mag and not a.vague \
            and (sub := money.alone(t, pos, body.text, a, ctx.default_cur, ctx.cents)):
        sub_of = a  # the number of sub-units, before they became main units
        a, unit, pos = sub
        kind, factor = "money", Decimal(1)
        cur = cur or unit
    if word == CN_TENTHS:
        a, pos = _tenths(t, pos, a)
    elif word and kind in _HALVED and not word.isascii():
        a, pos = _half_after(t, pos, word, a)
    elif word == CN_DISCOUNT:
        if (pair := _spaced_discount(t, s, body)) is not None:
            s, a = pair  # 7 2 折, 七 五折: the two digits of a discount, spaced
        a, factor = _discount(a) or (a, factor)
    if kind is not None and "多" in t[e:pos] and a.vague == "":
        a = odd(a)
    if cur and kind in (None, "money"):
        kind, unit = "money", cur
    if kind == "money":
        a, pos = _money_after(t, pos, word, a, a_mag, unit, start=s, sign=bool(cur))
    rng = _range(t, s, pos, body, a, (kind, unit, factor), a_mag, ctx, sub=sub_of is not None)
    if rng is not None:
        a, pos, kind, unit, factor = rng
    if kind is None:
        alone = _alone_on_line(t, s, pos, body, a) if rng is None and g == "cn" else None
        odd_end = _odd_count(t, s, pos, body, a) if rng is None and alone is None else None
        if alone is not None:
            a, pos = alone
        elif odd_end is not None:  # 300多人, 三百五十多人: [300, 400), [350, 360)
            a, pos = odd(a), odd_end
        elif rng is None and not _bare(t, s, pos, body, a):  # a range without a unit is a count range
            return None
        if g == "cn" and t.startswith("个", pos) and not _has_big(body.text):
            pos += 1  # 三个数据中心: the classifier is part of the surface
        kind, unit = "count", "count"
    if kind == "duration" and unit == "year" and a.vague == "range" and (years := _years_range(a)):
        lo, hi = dates.year(years[0]), dates.year(years[1])  # 2019-2020年
        return Hit(s, pos, "date", f"{lo.value}/{hi.value}", lo.low, hi.high, "date", "exact")
    if kind == "duration" and unit == "year" and _year_like(a, body.text):
        return _year_date(s, pos, a) if g == "cn" else None
    return finish(t, s, pos, a, kind, unit, factor)


def _money_after(t: str, pos: int, word: str | None, a: Amount, a_mag: bool,
                 code: str | None = None, *, start: int = 0, sign: bool = False) -> tuple[Amount, int]:
    """叁元零伍分, 壹佰元整, 三块五; "75 USD million"; "$20 and 43 cents"; "thirteen dollars forty five"."""
    nxt = t[pos:pos + 1]
    if word and nxt and (not nxt.isascii() or (nxt.isdigit() and not word.isascii())):  # 5元5角
        a, pos = money.after_yuan(t, pos, word, a)
    elif word and nxt in (" ", "\t", "-"):
        a, pos = money.magnitude_after_code(t, pos, word, a, a_mag)
    if t.startswith((", ", " and ", " "), pos):  # "$20 and 43 cents", "3 dollars 50 cents"
        a, pos = money.after_main(t, pos, a, None if a_mag else word, code, sign=sign and not a_mag, start=start)
    return a, pos


_ODD_COUNT = re.compile(r"[多余](?![万亿兆])", re.ASCII)


def _odd_count(t: str, s: int, pos: int, body: Body, a: Amount) -> int | None:
    """The end of 多/余 after a numeral with no unit, when it says "and some" in the place
    below the numeral's last: a whole Arabic number ending in 0 (300多人, 1,000余家) or a
    Chinese numeral ending in a unit (三百多人, 十余家, 三百五十多个); None otherwise (35多,
    比300多 is a comparison, 二十几 is read by the grammar)."""
    m = _ODD_COUNT.match(t, pos)
    if m is None or a.vague or body.text != body.run.rstrip(" \t") or (s and t[s - 1] == lx.COMPARED_BEFORE):
        return None
    txt = body.text.replace(",", "")
    if body.g == "ar":
        ok = txt.isdigit() and txt.endswith("0") and not _glued_letter(t, m.end()) and not _after_name(t, s)
    else:
        ok = body.g == "cn" and txt[-1:] in UNITS and txt not in lx.CN_IDIOMS
    return m.end() if ok else None


def _bare(t: str, s: int, pos: int, body: Body, a: Amount) -> bool:
    """A numeral with no unit: a count, or no mention (README "What is read")."""
    if _glued_letter(t, pos) or _after_name(t, s):
        return False
    if body.g == "ar" and not _has_big(body.text):  # a page counter alone on its line is a whole number
        return not (body.text.isdigit() and (_furniture(t, s, body.end) or _reference_mark(t, s, body.end)))
    if body.g == "en":  # five thousand, twenty-five; not "one" or "ten" alone
        return body.has_scale or body.words >= EN_BARE_MIN
    if _has_big(body.text):
        return True
    if body.g == "ar":
        return True
    if t.startswith("个", pos):  # 三个数据中心; 一个 is an article, not a count
        return a.vague == "" and a.value >= 2
    if any(c in UNITS for c in body.text) and (lx.ZH_POST_WORDS.match(t, pos) or _hedge_before(t, s)
                                                or lx.compared(t, s, pos)):
        return True  # 五百以上, 一千左右, 大于二十, 比三十大: a hedge makes a composed numeral a quantity
    if len(body.text) == 1 and body.text in CN_ALL_DIGITS and _compared_digit(t, s, pos):
        return True  # 大于五, 五以上, 比五大
    return _composed(t, pos, body)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _compared_digit(t: str, s: int, pos: int) -> bool:
    """One Chinese digit compared is a quantity: 五以上, 五以下, 比五大, and after a comparison word of two
    characters or more (大于五, 小于等于五) where the clause ends or the other bound follows (大于五小于十);
    高于一般 ("above average") and 超过一半 are no numbers, 近一 and 超一流 no comparisons."""
    post = lx.ZH_POST_WORDS.match(t, pos)
    if (post and lx.hedge_of(post.group()) in lx.COMPARING) or lx.compared(t, s, pos):
        return True  # 五以上, 比五大 (not 统一上下: 上下 is "about", after the 一 of a word)
    pm = lx.pre_hedge(t, s)
    if pm is None or len(pm[0]) < 2 or lx.hedge_of(pm[0]) not in lx.COMPARING:
        return False
    return not _CJK.match(t, pos) or lx.ZH_BOUND_AHEAD.match(t, pos) is not None


#: What may come before a numeral alone on its line: spaces and a sign.
_LINE_HEAD = re.compile(rf"[ \t]*(?:{'|'.join(w for w in NEGATIVE_SIGNS if not w.isascii())}|-)?[ \t]*", re.ASCII)
_LINE_TAIL = re.compile(r"[ \t]*[。.!！?？]?[ \t]*(?:\n|\Z)", re.ASCII)


def _alone_on_line(t: str, s: int, pos: int, body: Body, a: Amount) -> tuple[Amount, int] | None:
    """十五, 一百, 负十五, 四百多 alone on their line (a list item, a table cell, an answer):
    (amount, end) of a count, although two characters in running text are no count
    (杀敌一千,自损八百: ``bare_count_min_chars``); None otherwise.  A composed numeral only
    (a unit or 点: 二三 and 一一 stay out), never one character (一, 十: "一 is everywhere")."""
    txt = body.text.replace(" ", "").replace("\t", "")
    if len(txt) < 2 or body.text != body.run or txt in lx.CN_IDIOMS \
            or not any(c in UNITS or c == CN_POINT for c in txt):
        return None
    k = t.rfind("\n", max(0, s - 12), s)
    if (k < 0 and s > 12) or not _LINE_HEAD.fullmatch(t, k + 1, s):
        return None
    end = pos
    if t[pos:pos + 1] in ("多", "余") and a.vague == "":
        a, end = odd(a), pos + 1  # 四百多 = [400, 500)
    tail = _LINE_TAIL.match(t, end)
    if tail is None:
        return None
    return a, end


def _composed(t: str, pos: int, body: Body) -> bool:
    """一百二十三 alone is a count; 二十, 八百 and 一五一十 are not (too short,
    or a run that is no whole numeral); 两点三十分 is a clock time."""
    txt = body.text
    return (len(txt) - txt.count(" ") - txt.count("\t") >= CN_BARE_MIN and txt == body.run and txt not in lx.CN_IDIOMS
            and any(c in UNITS or c == CN_POINT for c in txt) and not t.startswith(("分", "秒"), pos))


def _has_big(body: str) -> bool:
    return any(c in BIGS for c in body)


def _year_like(a: Amount, body: str) -> bool:
    return a.vague == "" and a.value == int(a.value) and 1800 <= a.value <= 2100 and "." not in body


def _years_range(a: Amount) -> tuple[int, int] | None:
    """(first, last) year when both bounds of ``a`` are years, else None."""
    if a.low is None or a.high is None:
        return None
    if not all(x == int(x) and 1800 <= x <= 2100 for x in (a.low, a.high)):
        return None
    return int(a.low), int(a.high)


def _year_date(s: int, e: int, a: Amount) -> Hit:
    """两千零五年 / 二〇二四年: a year written in Chinese numerals."""
    dv = dates.year(int(a.value))
    return Hit(s, e, "date", dv.value, dv.low, dv.high, "date", "exact")


_MONEY_ABBR = re.compile(
    rf"[ \t](?P<x>{words_alt(w for w in lx.EN_MAGNITUDES if len(w) <= 3 and w not in EN_SPACED_ABBREVIATIONS)})"
    r"(?![A-Za-z0-9]|\.[A-Za-z0-9])", re.ASCII
)


_SIGN_ABBR = re.compile(rf"[ \t]?(?P<x>{words_alt(EN_MONEY_ABBREVIATIONS)})(?![A-Za-z0-9]|\.[A-Za-z0-9])", re.ASCII)


def _money_abbreviation(t: str, pos: int, money: bool) -> re.Match[str] | None:
    """An abbreviation that a space keeps from the digits (m, b: "5 m" may be five metres) read as a
    magnitude of money: after a currency sign ("£3 m", "$ 15 m") or before a currency word ("3 m euros")."""
    mm = _MONEY_ABBR.match(t, pos)
    if mm is None:
        return None
    if money:
        return mm
    um = lx.UNIT.match(t, mm.end())
    return mm if um is not None and lx.unit_of(um.group("unit"), "CNY")[0] == "money" else None


def _magnitude(t: str, pos: int, a: Amount, g: str, *, money: bool = False) -> tuple[Amount, int]:
    """English magnitude (13bn, $13B, 350 million, $100-billion) and a trailing 多/余 (20多年);
    ``money``: a currency sign stands before the number ("£3 m")."""
    mm = lx.EN_MAG.match(t, pos) if g == "ar" else None
    if mm is None and g == "ar" and t[pos:pos + 1] in (" ", "\t") \
            and (ab := _money_abbreviation(t, pos, money)) is not None:
        a, pos = a.scaled(lx.EN_MAGNITUDES[ab.group("x")]), ab.end()
    elif mm:
        f = lx.magnitude_of(mm)
        a = a.scaled(f)
        pos = mm.end()
        while mm.group("mag") and a.vague == "" and (nx := _NEXT_GROUP.match(t, pos)) is not None:
            # 2 million 500 thousand = 2,500,000: a smaller group after a scale word continues the number,
            # as "two million five hundred thousand" and 5万4千 do
            mm2 = lx.EN_MAG.match(t, nx.end())
            if mm2 is None or not mm2.group("mag"):
                break
            v, f2 = arabic(nx.group("n")), lx.magnitude_of(mm2)
            if f2 >= f or not 0 < v * f2 < f:
                break
            a, pos, f = exact(a.value + v * f2), mm2.end(), f2
    elif money and g == "ar" and (sa := _SIGN_ABBR.match(t, pos)) is not None:
        a, pos = a.scaled(EN_MONEY_ABBREVIATIONS[sa.group("x")]), sa.end()  # $5MM = 5 x 10^6
    elif g == "ar" and a.vague == "" and a.value == a.value.to_integral_value() and a.value > 0 \
            and (dz := _DOZEN.match(t, pos)):
        a = a.scaled(EN_DOZEN)  # 3 dozen eggs = 36, as "three dozen"
        pos = dz.end()
    o = lx.ODD.match(t, pos)
    if o and lx.UNIT.match(t, o.end()):
        a = odd(a)
        pos = o.end()
    return a, pos


_DOZEN = re.compile(r"[ \t]+(?i:dozens?)\b", re.ASCII)
CN_HALF_NOT_BEFORE_SET = frozenset(CN_HALF_NOT_BEFORE)
#: The next group of a number in digits and scale words (2 million 500 thousand); not after "and"
#: ("between 1 million and 500 thousand" names two numbers).
_NEXT_GROUP = re.compile(r"[ \t]+(?P<n>\d{1,3}(?:\.\d+)?)(?![\d,.])", re.ASCII)


def _unit(t: str, pos: int, g: str, ctx: Context, a: Amount, scaled: bool = False):
    """(kind, unit, factor, end, word) of the unit word at ``pos``, or (None, None, 1, pos, None).
    ``scaled``: a magnitude came just before (2 trillion won)."""
    um = lx.UNIT.match(t, pos)
    if not um:
        return None, None, Decimal(1), pos, None
    word = um.group("unit")
    if not scaled and word.lower() in lx.AFTER_MAGNITUDE_ONLY:
        return None, None, Decimal(1), pos, None
    kind, unit, factor = lx.unit_of(word, ctx.default_cur, ctx.yen)
    if kind is None or (word == CN_TENTHS and (g not in ("cn", "ar") or not 0 < a.value <= 10)):  # 三成, 3成
        return None, None, Decimal(1), pos, None
    if word == CN_DISCOUNT and (g not in ("cn", "ar") or _discount(a) is None or _in_phrase(t, um.start("unit"))):
        return None, None, Decimal(1), pos, None
    if word in CN_GROUPS and (g not in ("cn", "ar") or not _whole_count(a)):
        return None, None, Decimal(1), pos, None  # 十打, 两双, 两三双, 30对: whole numbers of groups (not 1.5打)
    return kind, unit, factor, um.end(), word


def _whole_count(a: Amount) -> bool:
    """Every value ``a`` allows is a whole number above zero (3, 两三 = [2, 3], 十多 = [10, 20])."""
    ends = [a.low, a.high] if a.vague else [a.value]
    return all(x is not None and x > 0 and x == int(x) for x in ends)


def _discount(a: Amount) -> tuple[Amount, Decimal] | None:
    """(amount, factor) of a price discount 折: 九折 and 9.5折 count tenths (90%, 95%),
    two digits hundredths (七五折, 75折 = 75%; 三八折 is 38%, not the range 三八);
    None for anything else (十折, 数折)."""
    if a.vague == "pair" and a.low is not None and a.high is not None:  # 三八折: two digits, not a range
        a = exact(a.low * 10 + a.high)
    elif a.vague:
        return None
    v = a.value
    if 0 < v < 10:
        return a, Decimal("0.1")
    if 10 < v < 100 and v == int(v):
        return a, Decimal("0.01")
    return None


_DISCOUNT_DIGITS = "".join(c for c, v in CN_ALL_DIGITS.items() if 0 < v < 10) + "123456789"
_SPACED_FIRST = re.compile(
    rf"(?<![0-9.,第{''.join(CN_ALL_DIGITS)}{UNITS}{BIGS}])(?<![0-9{''.join(CN_ALL_DIGITS)}][ \t])"
    rf"(?P<d>[{_DISCOUNT_DIGITS}])[ \t]\Z"
)


def _spaced_discount(t: str, s: int, body: Body) -> tuple[int, Amount] | None:
    """(start, amount) of a two-digit discount written with a space between its digits, as 成 takes
    one after it (七成 六): 7 2 折 = 72%, 七 五折 = 75%; one digit each, nothing numeral before the first."""
    if len(body.text) != 1 or body.text not in _DISCOUNT_DIGITS:
        return None
    m = _SPACED_FIRST.search(t, max(0, s - 3), s)
    if m is None:
        return None
    first = m.group("d")
    return m.start(), exact(Decimal(CN_ALL_DIGITS.get(first, first)) * 10 + body.a.value)


def _in_phrase(t: str, k: int) -> bool:
    """Is the 折 at ``t[k]`` part of a phrase where it is no discount (一波三折)?"""
    for ph in CN_DISCOUNT_NOT_IN:
        i = ph.find(CN_DISCOUNT)
        if i >= 0 and t.startswith(ph, k - i):
            return True
    return False


_TENTH_DIGIT = re.compile(
    rf"[{''.join(CN_ALL_DIGITS)}0-9](?![{''.join(CN_ALL_DIGITS)}0-9{UNITS}{BIGS}点.%年月天倍成])"
    rf"|[ \t][{''.join(CN_ALL_DIGITS)}0-9](?![{''.join(CN_ALL_DIGITS)}0-9{UNITS}{BIGS}点.%\u4e00-\u9fff])"  # 七成 六
)


#: Kinds of unit a 半 after (or 个半 before) adds half of: 一年半, 两倍半, 三个半月, 两个半百分点.
_HALVED = ("duration", "multiple", "percentage_point")


def _half_after(t: str, pos: int, word: str, a: Amount) -> tuple[Amount, int]:
    """一年半 = 1.5 years, 两倍半 = 2.5 times; 三个半月 = 3.5 months (the half inside the unit word);
    not before a word that 半 opens (两年半导体: two years, then "semiconductor")."""
    if a.vague or a.value != int(a.value) or a.value < 0:
        return a, pos
    if CN_HALF in word:
        return exact(a.value + Decimal("0.5")), pos
    if t.startswith(CN_HALF, pos) and t[pos + 1:pos + 2] not in CN_HALF_NOT_BEFORE_SET:
        return exact(a.value + Decimal("0.5")), pos + 1
    return a, pos


def _tenths(t: str, pos: int, a: Amount) -> tuple[Amount, int]:
    """三成半 = 3.5 tenths, 三成五 = 3.5 tenths (35%)."""
    if a.vague or a.value != int(a.value):
        return a, pos
    if t[pos:pos + 1] in ("多", "余") and t[pos + 1:pos + 2] != "数":
        return odd(a), pos + 1  # 三成多 = [30%, 40%), as 三十多 = [30, 40)
    if t.startswith(CN_HALF, pos):
        return exact(a.value + Decimal("0.5")), pos + 1
    d = _TENTH_DIGIT.match(t, pos)
    if d and d.group() != "0":
        c = d.group().strip()
        return exact(a.value + Decimal(CN_ALL_DIGITS.get(c, c)) / 10), d.end()
    return a, pos


def _after_name(t: str, s: int) -> bool:
    """A bare number after a capitalised name is a version or product: 'AI 2.0', 'Windows 11'."""
    m = _NAME_BEFORE.search(t, max(0, s - 24), s)
    return m is not None


_NAME_BEFORE = re.compile(r"(?<![A-Za-z])[A-Za-z]*[A-Z][A-Za-z]*[ \t]\Z", re.ASCII)


def _glued_letter(t: str, pos: int) -> bool:
    return pos < len(t) and t[pos].isascii() and t[pos].isalpha()


def _reference_mark(t: str, s: int, e: int) -> bool:
    """A footnote or source reference ('a market share of 18% [1][2]', '【3】'):
    a bare integer of at most three digits alone in square brackets."""
    return e - s <= 3 and s > 0 and t[s - 1] in "[【［" and t[e:e + 1] in ("]", "】", "］")


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


# --------------------------------------------------------------------------- fractions, vague English


_NO_CONTEXT = Context()


def _cn_fraction(t: str, m: re.Match) -> Hit | None:
    """三分之一 = 1/3, 千分之三 = 0.003, 百分之二十七 = 0.27: a share (percent, ratio)."""
    den, num = parse(m.group("zf_den"), m.start("zf_den")), parse(m.group("zf_num"), m.start("zf_num"))
    if den is None or num is None or "en" in (den.g, num.g) or den.text != m.group("zf_den"):
        return None
    d = chinese(den.text)  # 百 / 千 / 万 here are 100 / 1000 / 10^4, not orders of magnitude
    if not d or d != d.to_integral_value():
        return None
    bare = num.a.vague == "bare"
    if bare:  # 百分之百 = 100/100
        num = num._replace(a=exact(chinese(num.text)))
    if num.g == "ar" and (pw := _point_word(t, num, None, _NO_CONTEXT, share=True)) is not None:
        num = pw  # 百分之12点5 = 12.5%
    end, na = num.end, num.a
    if num.g == "ar":  # 百分之52.5 k: a magnitude after an Arabic numerator scales it
        na, end = _magnitude(t, num.end, na, "ar")
    if not bare and na.vague == "" and end == m.end() and _odd_numerator(num) and lx.ODD.match(t, end):
        na, end = odd(na), end + 1  # 百分之八十多 = [80%, 90%), as 四百多 = [400, 500)
    a = Amount(_divide(na.value, d), _divide_bound(na.low, d), _divide_bound(na.high, d), na.vague)
    if m.group("zf_neg"):  # 三分之负一
        a = a.negated()
    if m.group("zf_whole"):  # 三又三分之一 = 3.333333333333: a mixed number counts, it is no share
        whole = parse(m.group("zf_whole"), m.start("zf_whole"))
        if whole is None or whole.g == "en" or whole.a.vague or a.vague or whole.text != m.group("zf_whole").strip() \
                or m.group("zf_neg"):  # 三又三分之负一: no mixed number
            return None
        return finish(t, m.start(), end, exact(whole.a.value + a.value), "count", "count", Decimal(1))
    if not m.group("zf_neg") and (rng := _cn_fraction_range(t, end, m.group("zf_den"), d, a)) is not None:
        a, end = rng  # 百分之三十到四十, 百分之三十至百分之四十
    return finish(t, m.start(), end, a, "percent", "ratio", Decimal(1))


def _cn_fraction_range(t: str, end: int, den_text: str, d: Decimal, a: Amount) -> tuple[Amount, int] | None:
    """The second end of a range of shares: 百分之三十到四十 = [30%, 40%], 百分之三十至百分之四十
    (the mark repeated, with the same denominator); None when no numerator follows the range word."""
    c = lx.RANGE_SEP.match(t, end)
    if c is None:
        return None
    p = c.end()
    mark = den_text + CN_FRACTION
    if t.startswith(mark, p):
        p += len(mark)
    m2 = lx.NUMBER_ONLY.match(t, p)
    if m2 is None or not m2.group():
        return None
    second = parse(m2.group(), p)
    if second is None or second.g == "en" or second.a.vague or second.end != m2.end() or _has_big(second.text) \
            or lx.UNIT.match(t, second.end) or (second.end < len(t) and t[second.end] in BIGS):
        return None  # 百分之三十到40%: the second has its own unit; 到四十万: another amount
    lo, hi = (a.value if a.low is None else a.low), _divide(second.a.value, d)
    if lo >= hi:
        return None
    return Amount((lo + hi) / 2, lo, hi, "range"), second.end


def _odd_numerator(num: Body) -> bool:
    """May 多/余 close this numerator (百分之八十多, 百分之80多)?  A Chinese one ending in a unit
    (十, 百, 千), an Arabic whole number ending in 0: 多 says "and some" in the place below.
    After a lone digit 多 belongs to the whole fraction (三分之一多 is "over a third")."""
    if num.g == "cn":
        return num.text[-1:] in UNITS
    return num.g == "ar" and num.text.isdigit() and num.text.endswith("0")


_OF_UNIT = re.compile(
    rf"[ \t]+(?:(?P<of>(?i:of)[ \t]+)?(?i:an?|one|1)[ \t]+"
    rf"(?:(?P<scale>(?i:{words_alt(w for w, v in EN_SCALES.items() if v > 100)}))"
    r"|(?P<unit>(?i:percentage[ \t]points?|per[ \t]?cent|percent)))"
    r"|(?P<direct>(?i:percentage[ \t]points?|per[ \t]?cent|percent)))\b(?!-)", re.ASCII
)


def fraction_of(t: str, s: int, pos: int, num: Decimal, den: Decimal, ctx: Context, *,
                of_optional: bool = False) -> Hit | None:
    """A fraction of a scale or a percent: "three quarters of a million dollars" = 750,000 USD,
    "two thirds of a billion" = 666,666,666.67 (a count), "seven tenths of a percent" = 0.7%,
    "half a percentage point" = 0.5 points (``of_optional``: "half a" needs no "of"), "half of one
    percent" = 0.5%; a fraction right before a percent word is a number of it ("one-half percent" =
    0.5%, "three-quarters percentage point"); None when no "of a million / of a percent" follows ``t[pos]``."""
    m = _OF_UNIT.match(t, pos)
    if m is None or not (m.group("of") or of_optional or m.group("direct")):
        return None
    if m.group("direct"):
        kind, unit, factor = lx.unit_of(m.group("direct"), ctx.default_cur, ctx.yen)
        if kind is None or unit is None:
            return None
        return finish(t, s, m.end(), exact(_divide(num * factor, den)), kind, unit, Decimal(1))
    if m.group("scale"):
        a = exact(_divide(num * EN_SCALES[m.group("scale").lower()], den))
        kind, unit, factor, upos, _ = _unit(t, m.end(), "en", ctx, a, True)
        if kind is None:
            return finish(t, s, m.end(), a, "count", "count", Decimal(1))
        return finish(t, s, upos, a, kind, unit, factor) if kind == "money" else None
    kind, unit, factor = lx.unit_of(m.group("unit"), ctx.default_cur, ctx.yen)
    if kind is None or unit is None:
        return None
    return finish(t, s, m.end(), exact(_divide(num * factor, den)), kind, unit, Decimal(1))


_EN_ARTICLE_NUM = re.compile(r"(?i:an?)(?![A-Za-z])", re.ASCII)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]\Z", re.ASCII)


#: Ordinals that are periods too (quarter) or halves: never part of a compound ordinal here.
_PERIOD_ORDINALS = frozenset(("half", "quarter"))
_LAST_WORDS = re.compile(r"(?:(?P<prev>[A-Za-z]+)[ \t]+)?(?P<last>[A-Za-z]+)\Z", re.ASCII)


def _compound_ordinal_after(t: str, body: Body) -> Resume | None:
    """Resume past English words whose split into a numerator and an ordinal is not sure, where the two
    readings give different values (wrong values are worse than none): "one hundred thirty fifths" is
    130/5 or 100/35 (a tens word, a space, an ordinal below ten make the compound ordinal thirty-fifth);
    "one hundred fifth" (a hundred, then such an ordinal) is the ordinal 105th or 100 and a fifth, no
    count of 100.  None when the split is sure: "twenty fifths" (nothing before the tens), "one hundred
    and thirty fifths" ("and" binds the tens to the numerator), "twenty-three fifths" (a hyphen), "a
    hundred trillionths" (an ordinal of a scale)."""
    d = denominator(t, body.end)
    if d is None or d.hyphen or d.den >= 10 or d.base in _PERIOD_ORDINALS:
        return None  # twenty-three fifths (no ordinal below ten after a space), one-fifth, a quarter
    w = _LAST_WORDS.search(body.text)
    if w is None:
        return None
    last, prev = w.group("last").lower(), (w.group("prev") or "").lower()
    if last in EN_TENS and prev and prev != "and" and body.text[w.start("last") - 1] == " ":
        return Resume(d.end)  # one hundred thirty fifths
    if last in EN_SCALES and not d.plural:
        return Resume(d.end)  # one hundred fifth: the 105th, or one one hundred fifth = 1/105
    before = body.text[:w.start()].rstrip(" \t")
    if last in EN_SCALES and prev in EN_ONES and before and not before.endswith("-"):
        return Resume(d.end)  # one hundred one thousand fifths: 101000/5, or 100 over the 1005th
    return None


def _en_fraction(t: str, s: int, body: Body, ctx: Context | None = None) -> Hit | Resume | None:
    """English number words before an ordinal: a fraction ("five eighths" = 5/8,
    "twenty-three fifths" = 4.6, "a hundred trillionths" = 10^-10), a share
    (percent) like 三分之一; after "X and" a mixed number ("five and a quarter" =
    5.25, "one hundred and three and two thirds"), a count like 三又三分之一."""
    if _not_fraction_after(t, s):
        return None
    k = body.a.value
    if (amb := _compound_ordinal_after(t, body)) is not None:
        return amb
    d = fraction_at(t, body.end, k)
    if d is not None:
        if ctx is not None and (of := fraction_of(t, s, d.end, k, Decimal(d.den), ctx)) is not None:
            return of  # seven tenths of a percent, two thirds of a billion
        return finish(t, s, d.end, exact(_divide(k, Decimal(d.den))), "percent", "ratio", Decimal(1))
    mixed = _mixed_tail(t, body.end, k, _last_scale(body.text))
    if mixed is None:
        return None
    a, end = mixed
    if ctx is not None:  # eight and one-half percent, five and a quarter dollars: a number of the unit after it
        kind, unit, factor, upos, _ = _unit(t, end, "en", ctx, a)
        if kind in _SLASH_UNITS:
            return finish(t, s, upos, a, kind, unit, factor)
    return finish(t, s, end, a, "count", "count", Decimal(1))


def _last_scale(words: str) -> Decimal:
    """The scale a number's words end with (a thousand or more: "three million" -> 10^6), else 1."""
    w = _LAST_WORDS.search(words)
    v = EN_SCALES.get(w.group("last").lower(), 1) if w is not None else 1
    return Decimal(v) if v > 100 else Decimal(1)


def _mixed_tail(t: str, pos: int, k: Decimal, of: Decimal = Decimal(1)) -> tuple[Amount, int] | None:
    """The whole number ``k`` (ending at ``t[pos]``) and " and " then a proper fraction in words ("and a
    half", "and one-quarter", "and two thirds"): the mixed number's amount and where its words end; None
    when no such fraction follows (k not whole, "and a fifth straight", "and three halves").  ``of``: the
    scale the whole number ends with, which the fraction is of ("a million and a half" = 1.5 x 10^6)."""
    am = _AND.match(t, pos)
    if am is None or k != k.to_integral_value():
        return None
    p = am.end()
    if (sl := _AND_SLASH.match(t, p)) is not None:  # five and 3/4, two and 1/2: a slash fraction
        n, den = Decimal(sl.group(1)), Decimal(sl.group(2))
        return (exact(k + _divide(n * of, den)), sl.end()) if 0 < n < den else None
    art = _EN_ARTICLE_NUM.match(t, p)
    if art is not None:
        kn, p = Decimal(1), art.end()
    else:
        try:
            r = read_english(t[p:p + MAX_ENGLISH])
        except NumeralError:
            return None
        kn, p = r.value, p + r.end
    d = fraction_at(t, p, kn, mixed=True)
    if d is None or kn >= d.den:
        return None
    return exact(k + _divide(kn * of, Decimal(d.den))), d.end


#: A proper fraction with a slash after "and" (no date: 3/4/2020, no 3/45.5).
_AND_SLASH = re.compile(r"(\d{1,3})/(\d{1,3})(?![\d/]|[.,]\d)", re.ASCII)


def _digit_fraction(t: str, s: int, body: Body, ctx: Context) -> Hit | None:
    """Digits before an English ordinal: "3 fifths" = 3/5, "7 hundredths" = 0.07, "1 fifth" (at the end of
    a phrase or before of/the), "3 fifths of a percent" -- the rules of "three fifths" ([numerals.en.
    fraction_rules]); never half or quarter ("3 quarters" are periods), nor a year or more (below 1000)."""
    k = body.a.value
    if body.a.vague or not (0 < k < _MIXED_DIGITS_BELOW and _DIGITS_ONLY.fullmatch(body.text)) \
            or _not_fraction_after(t, s):
        return None
    d = fraction_at(t, body.end, k)
    if d is None or d.base in _PERIOD_ORDINALS:
        return None
    if (of := fraction_of(t, s, d.end, k, Decimal(d.den), ctx)) is not None:
        return of  # 3 tenths of a percent
    return finish(t, s, d.end, exact(_divide(k, Decimal(d.den))), "percent", "ratio", Decimal(1))


#: The largest whole part of a mixed number written with digits then words ("2 and a half million"):
#: below it no year ("in 2019 and a third of firms" is a year, then a share).
_MIXED_DIGITS_BELOW = Decimal(1000)
_DIGITS_ONLY = re.compile(r"\d+", re.ASCII)


def _mixed_digits(t: str, body: Body) -> Body:
    """Digits, " and ", a fraction in words: one number ("2 and a half million dollars" = 2.5e6 USD,
    "$2 and a half million", "7 and a quarter percent" = 7.25%; were 2 and a half alone, or the count 2
    and a half percent), read on by the caller as any number (a scale, a unit).  Only a whole number
    below 1000 written without separators; ``body`` unchanged otherwise."""
    k = body.a.value
    if not (not body.a.vague and 0 < k < _MIXED_DIGITS_BELOW and _DIGITS_ONLY.fullmatch(body.text)):
        return body
    if _between(t, body.start):
        return body  # between 1 and 3/4: the two ends of a range, whatever they are
    mixed = _mixed_tail(t, body.end, k)
    if mixed is None:
        return body
    a, end = mixed
    text = t[body.start:end]
    return Body(text, text, body.start, end, a, "ar")


def _en_article_fraction(t: str, m: re.Match, ctx: Context | None = None) -> Hit | None:
    """"a fifth", "an eighth", "a trillionth", "a twenty-first": one over the ordinal
    (a share); not "a year and a half" (the half is the phrase's) nor "a fifth straight loss"."""
    s = m.start()
    if after_and(t, s) or _not_fraction_after(t, s):
        return None
    d = fraction_at(t, m.end(), Decimal(1))
    if d is None:
        return None
    if ctx is not None and (of := fraction_of(t, s, d.end, Decimal(1), Decimal(d.den), ctx)) is not None:
        return of  # a fifth of a percent
    return finish(t, s, d.end, exact(_divide(Decimal(1), Decimal(d.den))), "percent", "ratio", Decimal(1))


_OVER = re.compile(r"[ \t]+(?i:over)[ \t]+", re.ASCII)
_NOTHING_AFTER = re.compile(r"[ \t]*(?:[^\w \t-]|\Z)", re.ASCII)


def _second_term(t: str, at: int) -> Body | None:
    """The second term of a share said aloud ('one over three', 'one in five'): a
    plain number written with digits or English words right at ``at``, none
    vague; None otherwise."""
    m2 = lx.NUMBER_ONLY.match(t, at)
    if m2 is None or not m2.group():
        return None
    second = parse(m2.group(), at)
    if second is None or second.end != m2.end() or second.g == "cn" or second.a.vague:
        return None
    return second


def _over(t: str, s: int, body: Body) -> Hit | None:
    """"one over three", "1 over 20": a fraction said aloud (a share), when both are
    whole numbers and nothing follows the second ("won 7 over 5 rivals", "over 2023"
    and "1 over 3 years" are no fractions)."""
    k = body.a.value
    om = _OVER.match(t, body.end)
    if om is None or body.text != body.run.strip() or k <= 0 or k != k.to_integral_value():
        return None
    second = _second_term(t, om.end())
    if second is None:
        return None
    d = second.a.value
    if d <= 0 or d != d.to_integral_value() or _year_like(second.a, second.text):
        return None
    if not _NOTHING_AFTER.match(t, second.end):
        return None
    return finish(t, s, second.end, exact(_divide(k, d)), "percent", "ratio", Decimal(1))


_IN_EVERY = re.compile(rf"[ \t]+(?i:{words_alt(EN_SHARE_OF['joins'])})[ \t]+", re.ASCII)
_IN_EVERY_NOT = re.compile(rf"[ \t]+(?i:{words_alt(EN_SHARE_OF['not_before'])})\b", re.ASCII)


def _in_every(t: str, s: int, body: Body, ctx: Context) -> Hit | None:
    """"one in five", "3 out of 4": a share said as a count of a whole (a percent, like three out of
    four = 3/4); only whole numbers, the first no larger than the second (smaller for "in": "2 in 1"
    is a product), and no unit, magnitude or year after the second ("5 in 10 years", "3 in 2020")."""
    k = body.a.value
    im = _IN_EVERY.match(t, body.end)
    if im is None or body.text != body.run.strip() or k < 0 or k != k.to_integral_value() or _after_name(t, s):
        return None
    second = _second_term(t, im.end())
    if second is None:
        return None
    d = second.a.value
    out_of = im.group().split()[0].lower() != "in"
    if d <= 0 or d != d.to_integral_value() or k > d or (k == d and not out_of) or _year_like(second.a, second.text):
        return None
    if _magnitude(t, second.end, second.a, second.g)[1] != second.end \
            or _unit(t, second.end, second.g, ctx, second.a)[0] is not None:
        return None
    if _IN_EVERY_NOT.match(t, second.end) or (t[second.end:second.end + 1] in ("%", "-", "/", ".")
                                              and t[second.end + 1:second.end + 2].isalnum()):
        return None
    return finish(t, s, second.end, exact(_divide(k, d)), "percent", "ratio", Decimal(1))


def _vulgar(t: str, m: re.Match, ctx: Context, sign: tuple[int, str] | None = None) -> Hit | None:
    """2½ = 2.5, 3 ¾ = 3.75 (a mixed number, read on as any number: 2½% = 2.5%, $3¾ billion); ¾ alone
    is a share like 3/4, or a number of the unit or scale after it (½ percent, ¼ million)."""
    n, d = lx.VULGAR[m.group("vg_frac")]
    whole = arabic(m.group("vg_whole")) if m.group("vg_whole") else Decimal(0)
    x = _divide(whole * d + n, Decimal(d))
    s, e = m.start(), m.end()
    body = Body(m.group(), m.group(), s, e, exact(x), "ar")
    if sign is not None:
        whose = _whose_dollar(t, sign[0], sign[1], lx.currency_code(sign[1], ctx.yen))
        return None if whose is None else _number(t, whose[0], body, whose[1], ctx)
    if m.group("vg_whole") or lx.EN_MAG.match(t, e) or _unit(t, e, "ar", ctx, body.a)[0] in _SLASH_UNITS \
            or (t[e:e + 1] in _SUB_START and money.alone(t, e, body.text, body.a, ctx.default_cur, ctx.cents)):
        return _number(t, s, body, None, ctx)
    if (of := fraction_of(t, s, e, Decimal(n), Decimal(d), ctx)) is not None:
        return of  # ¾ of a percent
    return finish(t, s, e, exact(x), "percent", "ratio", Decimal(1))


def _slash_fraction(t: str, m: re.Match, ctx: Context | None = None,
                    sign: tuple[int, str] | None = None) -> Hit | None:
    """3/4 = 0.75, a share like 四分之三; 2 1/4 = 2.25, a mixed number (a count).  Only a
    proper fraction: a slash between a number and a smaller one is a date, a split or a
    score (16/5, 50/50, 24/7), and gives nothing.  ``sign``: (start, sign) of a currency
    sign before the fraction ($2 1/2 million)."""
    num, den = Decimal(m.group("sl_num")), Decimal(m.group("sl_den"))
    if not 0 < num < den:
        return None
    v = _divide(num, den)
    whole = Decimal(m.group("sl_whole") or 0)
    x = whole + v if v == num / den else _divide(whole * den + num, den)
    s, e = m.start(), m.end()
    body = Body(m.group(), m.group(), s, e, exact(x), "ar")
    if sign is not None:  # $2 1/2 million, $ 1 3/4 billion: a mixed number after a currency sign
        whose = _whose_dollar(t, sign[0], sign[1], lx.currency_code(sign[1], ctx.yen) if ctx else None)
        if ctx is None or whose is None:
            return None
        return _number(t, whose[0], body, whose[1], ctx)
    if ctx is not None and (mm := lx.EN_MAG.match(t, e)) and not mm.group("hund"):
        return _number(t, s, body, None, ctx)  # 2 1/2 million dollars, 1/2 billion: the magnitude scales it
    if ctx is not None and (_unit(t, e, "ar", ctx, body.a)[0] in _SLASH_UNITS or (
            t[e:e + 1] in _SUB_START and money.alone(t, e, body.text, body.a, ctx.default_cur, ctx.cents))):
        return _number(t, s, body, None, ctx)  # 7 3/4%, 1/4 percent, 2 1/2 dollars, 1/8 cent: a number with its unit
    if ctx is not None and not m.group("sl_whole") and (of := fraction_of(t, m.start(), m.end(), num, den, ctx)):
        return of  # 3/4 of a percent
    if m.group("sl_whole"):
        return finish(t, m.start(), m.end(), exact(Decimal(m.group("sl_whole")) + v), "count", "count", Decimal(1))
    return finish(t, m.start(), m.end(), exact(v), "percent", "ratio", Decimal(1))


#: Units that make a slash fraction before them one number of that unit (7 3/4%, 2 1/2 dollars).
_SLASH_UNITS = ("money", "percent", "percentage_point")


def _not_fraction_after(t: str, s: int) -> bool:
    """"the first two thirds" (of a year): a period, not a share ([numerals.en.not_fractions])."""
    before = _WORD_BEFORE.search(t, max(0, s - 12), s)
    return before is not None and before.group(1).lower() in EN_NOT_FRACTION_AFTER


def _divide(x: Decimal, d: Decimal) -> Decimal:
    """x / d, exact when it terminates (d = 2^i 5^j), else to 12 places (a third = 0.333333333333)."""
    n = int(d)
    for p in (2, 5):
        while n % p == 0:
            n //= p
    return x / d if n == 1 else (x / d).quantize(Decimal("1e-12"))


def _divide_bound(x: Decimal | None, d: Decimal) -> Decimal | None:
    """A bound divided as :func:`_divide` does; None (open) stays None."""
    return None if x is None else _divide(x, d)


def _en_vague(t: str, m: re.Match, ctx: Context) -> Hit | None:
    """billions (of dollars), tens of billions, a (multi-)billion-dollar deal: [X, 10X); several
    billion (dollars), a few hundred thousand: [2X, 9X] ([numerals.en.several])."""
    if m.group("ev_few"):
        x = Decimal(EN_SCALES[m.group("ev_fmag").lower()])
        if m.group("ev_fmag2"):
            x2 = EN_SCALES[m.group("ev_fmag2").lower()]
            if x2 <= x:  # several million thousand: no number
                return None
            x *= x2
        lo, hi = x * EN_SEVERAL["low"], x * EN_SEVERAL["high"]
        kind, unit, _, upos, _ = _unit(t, m.end(), "en", ctx, exact(x), True)
        if kind not in (None, "money"):
            return None
        kind, unit, end = (kind, unit, upos) if kind else ("count", "count", m.end())
        return hedged(t, m.start(), end, kind, Amount((lo + hi) / 2, lo, hi, "several"), unit)
    if m.group("ev_mag"):
        x = Decimal(EN_PLURALS[m.group("ev_mag").lower()])
        if m.group("ev_scale"):
            x *= EN_PLURAL_SCALES[m.group("ev_scale").lower()]
        pos = m.end()
        of = _OF.match(t, pos)
        kind, unit, _, upos, _ = _unit(t, of.end(), "en", ctx, exact(x), True) if of else (None, None, 1, pos, None)
    else:
        x = Decimal(EN_SCALES[m.group("ev_adj").lower()])
        kind, unit, _, upos, _ = _unit(t, m.end(), "en", ctx, exact(x), True)
        if kind != "money":
            return None
    if kind not in (None, "money"):
        return None
    kind, unit = (kind, unit) if kind else ("count", "count")
    return hedged(t, m.start(), upos if kind == "money" else m.end(), kind, Amount(x, x, 10 * x, "bare"), unit)


_OF = re.compile(r"[ \t]of[ \t]", re.ASCII)


# --------------------------------------------------------------------------- ranges

_CLASSIFIER = "个"
_FROM = re.compile(r"(?i:\bfrom)[ \t]\Z", re.ASCII)
_AND = re.compile(r"[ \t](?i:and)[ \t]", re.ASCII)
_between = lx.between_before


def _range(t: str, start: int, pos: int, body: Body, a: Amount, unit_info, a_mag: bool, ctx: Context,
           *, sub: bool = False):
    """A second numeral after 至/到/~/-/to (20%至30%, 100-200亿美元, 三到五年,
    $1-2 billion, 5 to 10 cents): returns (Amount, end, kind, unit, factor) or None.  ``sub``: the first
    end is a number of sub-units (5 cents), and the second must be one too ("5 cents to 95 cents";
    "62.5 cents to $ 22.625" is a change to a price in dollars)."""
    kind, unit, factor = unit_info
    c = lx.RANGE_SEP.match(t, pos)
    zh_between = False
    if c is None and _between(t, start):
        c = _AND.match(t, pos)  # between 10 and 20 percent
    if c is None and body.g != "en":
        c = lx.ZH_BETWEEN_AND.match(t, pos)  # 20和30之间 (checked below)
        zh_between = c is not None
    if not c:
        return None
    if c.group().strip().lower() == "to" and _FROM.search(t, max(0, start - 8), start):
        return _change_start(t, pos, c.end(), a, kind, ctx)  # "from 10% to 20%" is a change, not a range
    p1 = c.end()
    if sub and lx.CUR_BEFORE.match(t, p1):
        return None  # fell 62.5 cents to $ 22.625: cents, then dollars
    if kind == "money" and (sym := lx.CUR_BEFORE.match(t, p1)):  # between $1bn and $2bn, $1 billion-$2 billion
        if lx.currency_code(sym.group(), ctx.yen) != unit:
            return None  # between $5 and €6: two currencies, no range
        p1 = sym.end() + (t[sym.end():sym.end() + 1] in (" ", "\t"))  # between USD 5 and USD 6
    m2 = lx.NUMBER_ONLY.match(t, p1)
    second = parse(m2.group(), p1) if m2 and m2.group() else None
    if second is None:
        return None
    b = second.a
    b2, p2 = _magnitude(t, second.end, b, second.g)
    kind2, unit2, factor2, p3, word2 = _unit(t, p2, second.g, ctx, b2, b2.value != b.value)
    hi_sub = None  # 五元六角至五元七角八分: the second end's 角/分 after its yuan word
    if kind2 == "money" and word2 and not word2.isascii() and not sub and t[p3:p3 + 1] \
            and (not t[p3].isascii() or t[p3].isdigit()):
        hi_sub, p3 = money.after_yuan(t, p3, word2, b2)
    sub2 = money.alone(t, p2, second.text, b2, ctx.default_cur, ctx.cents) \
        if kind2 is None and b2.value == b.value and not b.vague and t[p2:p2 + 1] in _SUB_START else None
    if sub or (sub2 is not None and kind is None and not a_mag and not a.vague and body.g != "cn"):
        if sub2 is None or (sub and sub2[1] != unit):
            return None  # rose 5 cents to 95: the second end is no number of cents
        if not sub:  # 5 to 10 cents: the sub-unit written once is both ends'
            a, kind, unit, factor = a.scaled(sub2[0].value / b.value), "money", sub2[1], Decimal(1)
        b = b2 = sub2[0]
        kind2, unit2, factor2, p3 = kind, unit, factor, sub2[2]
    end = p3 if kind2 is not None else p2
    between_end = lx.ZH_BETWEEN_END.match(t, end) if body.g != "en" else None
    if zh_between:
        if between_end is None:
            return None  # 20和30: two numbers, not a range
        end = between_end.end()
    if kind is None:
        if kind2 is None and t.startswith(_CLASSIFIER, p2) and body.g != "en":  # 20~100个, 一到五个: counted things
            kind2, unit2, factor2, p3 = "count", "count", Decimal(1), p2 + len(_CLASSIFIER)
            end = p3
        elif kind2 is None and not (zh_between or (_has_big(body.text) and _has_big(second.text))
                                    or _cn_count_range(t, p2, body, second)
                                    or (not a_mag and second.g == "ar" and b2.value != b.value)
                                    or _shared_big(body, second) or _shared_scale(body, second) is not None
                                    or _same_scale(body, second)
                                    or _zh_pair(t, start, c.group(), body, second, between_end is not None)):
            return None  # 数万乃至数十万, 一千到一千五百, 20和30之间, 3-5 million, 100-200万: a count range
        elif kind2 is None and between_end is not None:
            end = between_end.end()  # 20~30之间: 之间 closes a range of counts
        kind, unit, factor = kind2, unit2, factor2
    elif kind2 is not None and (kind2, unit2) != (kind, unit):
        return None
    elif kind2 is None and kind in ("percent", "percentage_point") and b2.value != b.value:
        return None  # 'rose 12% to 320 million': a change, then the level it reached
    if (f := _shared_scale(body, second)) is not None:
        a = a.scaled(f)  # one to two million, five to six hundred thousand: the scale words are both ends'
    if not a_mag and b.value and b2.value != b.value and a.value * b2.value / b.value < b2.value:
        a = a.scaled(b2.value / b.value)  # $1-2 billion: the magnitude applies to both ($500,000 to $1 million: no)
    big = re.search(rf"[{BIGS}]+$", second.text)
    if big and not _has_big(body.text):  # 100-200亿美元
        a = a.scaled(amount("一" + big.group()).value)
    elif body.g == "ar" and (small := _DIGITS_THEN_UNIT.fullmatch(second.text)) and _PLAIN.fullmatch(body.text):
        a = a.scaled(CN_SMALL_UNITS[small.group(1)])  # 2到5千: 千 is both ends' unit
    lo = a.value if a.low is None else a.low
    hi = b2.value if b2.high is None else b2.high
    if hi_sub is not None and hi_sub.value != b2.value:
        if big or b2.value != b.value:
            return None  # 5至6万元五角: no range here
        hi = hi_sub.value
    if lo >= hi:
        return None
    return Amount((lo + hi) / 2, lo, hi, "range"), end, kind, unit, factor


#: The kinds whose unit, written once after the end of a change, is its start's too.
_CHANGE_UNITS = frozenset({"money", "percent", "percentage_point"})


def _change_start(t: str, pos: int, p1: int, a: Amount, kind: str | None, ctx: Context):
    """"from 10 to 20 dollars", "rose from 10 to 20%": the start of a change said without its unit
    takes the unit of its end (money, percent, points), as its own mention ending at ``pos``; None
    when it has a unit, or the end has a magnitude ("from 500 to 2 million dollars": 500 dollars or
    500 million?) or another unit."""
    if kind is not None or a.vague:
        return None
    m2 = lx.NUMBER_ONLY.match(t, p1)
    second = parse(m2.group(), p1) if m2 and m2.group() else None
    if second is None or second.g != "ar":
        return None
    b2, p2 = _magnitude(t, second.end, second.a, second.g)
    if b2.value != second.a.value:
        return None
    kind2, unit2, factor2, _, _ = _unit(t, p2, second.g, ctx, b2, False)
    if kind2 not in _CHANGE_UNITS:
        return None
    return a, pos, kind2, unit2, factor2


_DIGITS_THEN_UNIT = re.compile(rf"[0-9.,]+([{UNITS}])", re.ASCII)
#: Chinese range words that join two numbers without a unit into a range (20至30; "-" may be a code or a
#: score), and what before the first end makes it a change (从20到30): [ranges] in the lexicon.
_ZH_RANGE_WORDS = frozenset(LEXICON["ranges"]["zh_joins"])
_ZH_FROM = frozenset(LEXICON["ranges"]["zh_change_before"])


def _shared_big(body: Body, second: Body) -> bool:
    """100-200万, 3 - 5亿, 2到5千: Arabic digits, then a second end that closes with a magnitude or a unit;
    it is both ends' (as in 100-200亿元, and "3-5 million"), so the two make a count range."""
    return body.g == "ar" and second.g == "ar" and not _has_big(body.text) and (
        second.text[-1:] in BIGS or (_DIGITS_THEN_UNIT.fullmatch(second.text) is not None
                                     and _PLAIN.fullmatch(body.text) is not None))


_TAIL_SCALES = re.compile(rf"[ \t-]((?i:{words_alt(EN_SCALES)})(?:[ \t]+(?i:{words_alt(EN_SCALES)}))*)\Z", re.ASCII)


def _same_scale(body: Body, second: Body) -> bool:
    """"a hundred to two hundred", "one million to two million": two English numbers closed by the same
    scale word make a count range, as two Chinese ends with a magnitude do."""
    if body.g != "en" or second.g != "en":
        return False
    m1, m2 = _TAIL_SCALES.search(" " + body.text), _TAIL_SCALES.search(" " + second.text)
    return m1 is not None and m2 is not None and m1.group(1).split()[-1].lower() == m2.group(1).split()[-1].lower()


def _shared_scale(body: Body, second: Body) -> Decimal | None:
    """The factor of the scale words that close the second end when they are both ends' ("one to two
    million" = [1e6, 2e6], "five to six hundred thousand"): English words without a scale word first,
    then words of one group and scale words; None otherwise."""
    if body.g != "en" or second.g != "en" or any(w.lower() in EN_SCALES for w in re.split(r"[ \t-]+", body.text)):
        return None
    m = _TAIL_SCALES.search(second.text)
    if m is None or m.start() == 0:
        return None
    f = Decimal(1)
    for w in m.group(1).split():
        f *= EN_SCALES[w.lower()]
    try:
        lead = read_english(second.text[:m.start()]).value
    except NumeralError:
        return None
    return f if lead * f == second.a.value and body.a.value * f < second.a.value else None


def _zh_pair(t: str, start: int, sep: str, body: Body, second: Body, between: bool) -> bool:
    """Two numbers without a unit joined by a Chinese range word (20至30, 二十到三十, 两千到三千) or
    closed by 之间 (20~30之间): a count range, when both are Arabic or both Chinese numerals with a
    unit (三到五 stays out: 一 is everywhere); not after 从/由 (从20到30 is a change), nor two years."""
    if not (between or sep.strip() in _ZH_RANGE_WORDS) or (start and t[start - 1] in _ZH_FROM):
        return False
    if body.g == "ar" and second.g == "ar":
        return not (_year_like(body.a, body.text) and _year_like(second.a, second.text))
    return body.g == "cn" and second.g == "cn" and all(any(c in UNITS for c in b.text) for b in (body, second))


def _cn_count_range(t: str, p2: int, body: Body, second: Body) -> bool:
    """Two Chinese numerals without a unit make a count range when either would be a
    count alone (一千到一千五百: 一千五百 is composed and long enough; 一到五 is no range)."""
    if body.g != "cn" or second.g != "cn":
        return False
    return any(_composed(t, p2, b) or _has_big(b.text) for b in (body, second))


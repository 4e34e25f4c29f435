"""Money around one number: sub-units (角, 分, 毛, cents, pence) after the
main unit or alone, the colloquial 三块五, 元整, and a magnitude written after
an ISO code ("75 USD million").  The words are ``[currency.subunits]`` and
``[currency.yuan_words]`` in ``lexicon/numbers.toml``.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ledger.numbers.english import english_word
from ledger.numbers.grammar import DIGITS
from ledger.numbers.lexicon import EN_MAG, EN_MAGNITUDES, yuan_code
from ledger.numbers.numerals import Amount, NumeralError, arabic
from ledger.numbers.words import CN_ALL_DIGITS, LEXICON

_SUBUNITS: dict[str, tuple[str, Decimal]] = {
    w: (c, Decimal(f)) for w, (c, f) in LEXICON["currency"]["subunits"].items()
}
_YUAN = LEXICON["currency"]["yuan_words"]
_YUAN_MAIN = frozenset(_YUAN["main"])
_KUAI = _YUAN["colloquial"]
_EXACTLY = "|".join(map(re.escape, _YUAN["exactly"]))
_FINANCIAL = "壹贰叁肆伍陆柒捌玖"
_D = rf"[{DIGITS}0-9]"
#: 肆角叁分 / 零伍分 / 五毛 after 元 (and 块), then 整 at the end of a phrase.
_CN_SUB = re.compile(
    rf"(?:零?(?P<j>{_D})[角毛](?:零?(?P<f>{_D})分(?![钟之析别]))?|零?(?P<f2>{_D})分(?![钟之析别]))?"
    rf"(?P<z>(?:{_EXACTLY})(?![\u4e00-\u9fff]))?"
)
#: 三块五 (= 3.5 yuan): one digit right after 块, nothing numeral after it.
_KUAI_DIGIT = re.compile(rf"(?P<k>{_D})(?![{DIGITS}0-9十百千万亿角毛分点.])")
#: 伍角, 捌分, 肆角叁分, 五毛钱, 五毛。: a sub-unit alone (钱, or no Chinese character
#: after it, tells 五毛钱 from 五毛党).
_CN_ALONE = re.compile(
    rf"(?P<u>[角毛])(?:零?(?P<f>{_D})分(?![钟之析别]))?(?P<q>钱|(?<=毛)(?![\u4e00-\u9fff]))?"
    rf"|(?P<u2>分)(?P<q2>钱)?(?![钟之析别])"
)
_EN_SUB_WORDS = "|".join(sorted((w for w in _SUBUNITS if w.isascii()), key=len, reverse=True))
#: "$20 and 43 cents", "twelve dollars, thirty-four cents", "one pound sterling, one penny".
_EN_AFTER = re.compile(
    rf"(?:,[ \t]|[ \t]and[ \t])(?P<n>\d{{1,2}}|[A-Za-z]+(?:-[A-Za-z]+)?)[ \t](?P<sub>(?i:{_EN_SUB_WORDS}))\b", re.ASCII
)
_EN_ALONE = re.compile(rf"[ \t](?P<sub>(?i:{_EN_SUB_WORDS}))\b", re.ASCII)


def _digit(c: str) -> Decimal:
    return Decimal(CN_ALL_DIGITS[c]) if c in CN_ALL_DIGITS else Decimal(c)


def after_yuan(t: str, pos: int, word: str, a: Amount) -> tuple[Amount, int]:
    """叁元零伍分, 壹佰元整, 三块五毛, 三块五: the 角/分 after a bare yuan word."""
    if (word not in _YUAN_MAIN and word != _KUAI + "钱") or a.vague:
        return a, pos
    if word == _KUAI and (k := _KUAI_DIGIT.match(t, pos)) and not t.startswith(("毛", "角"), k.end()):
        return _plus(a, _digit(k.group("k")) / 10), k.end()
    m = _CN_SUB.match(t, pos)
    if not m or m.end() == pos:
        return a, pos
    extra = Decimal(0)
    if m.group("j"):
        extra += _digit(m.group("j")) / 10
    fen = m.group("f") or m.group("f2")
    if fen:
        extra += _digit(fen) / 100
    return _plus(a, extra), m.end()


def after_main(t: str, pos: int, a: Amount) -> tuple[Amount, int]:
    """The cents after dollars, euros or pounds: "$20 and 43 cents" = 20.43."""
    m = _EN_AFTER.match(t, pos)
    if not m or a.vague or a.value != a.value.to_integral_value():
        return a, pos
    try:
        n = arabic(m.group("n")) if m.group("n").isdigit() else english_word(m.group("n"))
    except NumeralError:
        return a, pos
    if not 0 <= n < 100:
        return a, pos
    _, factor = _SUBUNITS[m.group("sub").lower()]
    return _plus(a, n * factor), m.end()


def alone(t: str, pos: int, body: str, a: Amount, default_cur: str) -> tuple[Amount, str, int] | None:
    """A sub-unit right after the number, as (amount in main units, currency,
    end): "43 cents" = 0.43 USD, 肆角叁分 = 0.43, 五毛钱 = 0.5; None when there is
    none (五角大楼 and 十分 are no money: a Chinese sub-unit alone needs
    financial digits or 钱)."""
    m = _EN_ALONE.match(t, pos)
    if m:
        cur, factor = _SUBUNITS[m.group("sub").lower()]
        return a.scaled(factor), yuan_code(cur, default_cur), m.end()
    m = _CN_ALONE.match(t, pos)
    if not m or not (all(c in _FINANCIAL for c in body) or m.group("q") is not None or m.group("q2")):
        return None
    cur, factor = _SUBUNITS[m.group("u") or m.group("u2")]
    a = a.scaled(factor)
    if m.group("f"):  # 肆角叁分
        a = _plus(a, _digit(m.group("f")) / 100)
    return a, yuan_code(cur, default_cur), m.end()


def magnitude_after_code(t: str, pos: int, word: str, a: Amount, scaled: bool) -> tuple[Amount, int]:
    """"75 USD million": an English magnitude after an upper-case code or a sign."""
    if scaled or not (word.isupper() or not word.isalnum()):
        return a, pos
    mm = EN_MAG.match(t, pos)
    if not mm:
        return a, pos
    word = mm.group("mag")
    return a.scaled(EN_MAGNITUDES[word.lower() if word else mm.group("abbr")]), mm.end()


def _plus(a: Amount, extra: Decimal) -> Amount:
    if not extra:
        return a
    sign = -1 if a.value < 0 else 1
    return Amount(a.value + sign * extra, _add(a.low, sign * extra), _add(a.high, sign * extra), a.vague)


def _add(x: Decimal | None, y: Decimal) -> Decimal | None:
    return None if x is None else x + y

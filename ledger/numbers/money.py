"""Money around one number: sub-units (角, 分, 毛, cents, pence) after the
main unit or alone, the colloquial 三块五, 元整, and a magnitude written after
an ISO code ("75 USD million").  The words are ``[currency.subunits]`` and
``[currency.yuan_words]`` in ``lexicon/numbers.toml``.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ledger.numbers.english import english_word, read_english
from ledger.numbers.grammar import DIGITS, ZEROS
from ledger.numbers.lexicon import CURRENCY_WORDS_AFTER, EN_MAG, between_before, magnitude_of, yuan_code
from ledger.numbers.numerals import Amount, NumeralError, arabic
from ledger.numbers.words import CN_ALL_DIGITS, LEXICON

_SUBUNITS: dict[str, tuple[str, Decimal]] = {
    w: (c, Decimal(f)) for w, (c, f) in LEXICON["currency"]["subunits"].items()
}
_YUAN = LEXICON["currency"]["yuan_words"]
_YUAN_MAIN = frozenset(_YUAN["main"])
_KUAI = _YUAN["colloquial"]
_KUAI_HK, _TENTH_HK = _YUAN["colloquial_hk"], _YUAN["tenth_hk"]  # 蚊 and 毫 (Cantonese): 块 and 毛
_EXACTLY = "|".join(map(re.escape, _YUAN["exactly"]))
_FINANCIAL = "壹贰叁肆伍陆柒捌玖"
_D = rf"[{DIGITS}0-9]"
#: 肆角叁分 / 零伍分 / 五毛 after 元 (and 块), then 整 at the end of a phrase; a last digit
#: after 角/毛 is the fen (三块五毛五 = 3.55, as 两千五 is 2500).
_CN_SUB = re.compile(
    rf"(?:零?(?P<j>{_D})[角毛](?:零?(?P<f>{_D})分(?![钟之析别])|(?P<f3>{_D})(?![{DIGITS}0-9十百千万亿点.%]))?"
    rf"|零?(?P<f2>{_D})分(?![钟之析别])"
    rf"|零(?P<f4>{_D})(?![{DIGITS}0-9十百千万亿点.%\u4e00-\u9fff]))?"  # 三块零五, 三元零五: 零, then the fen
    rf"(?P<z>(?:{_EXACTLY})(?![\u4e00-\u9fff]))?"
)
#: 一 then a measure word: a price per one (两块一斤 is 2 yuan a jin, 十块一个; 两块一 and 两块一毛 are 2.1).
_PER_ONE = rf"一(?![{DIGITS}{ZEROS}十百千万亿角毛分点钱])[\u4e00-\u9fff]"
#: 三块五 (= 3.5 yuan): one digit right after 块, nothing numeral after it but a price per one
#: (三块五一斤 = 3.5 yuan a jin).
_KUAI_DIGIT = re.compile(rf"(?!{_PER_ONE})(?P<k>{_D})(?!(?!{_PER_ONE})[{DIGITS}0-9十百千万亿角毛分点.])")
#: 伍角, 捌分, 肆角叁分, 五毛钱, 五毛。, 2角。: a sub-unit alone (钱, or no Chinese character
#: after 毛 or after Arabic digits and 角, tells 五毛钱 from 五毛党 and 2角 from 五角大楼).
_CN_ALONE = re.compile(
    rf"(?P<u>[角毛])(?:零?(?P<f>{_D})分(?![钟之析别])|(?P<f3>{_D})(?![{DIGITS}0-9十百千万亿点.%分]))?"
    rf"(?P<q>钱|(?:(?<=毛)|(?<=[0-9]角))(?![\u4e00-\u9fff]))?"
    rf"|(?P<u2>分)(?P<q2>钱)?(?![钟之析别])"
)
#: Hundredths named with their currency (五十美分, 二十便士): Chinese words of [currency.subunits].
_CN_WORD_ALONE = re.compile(
    "|".join(sorted((re.escape(w) for w in _SUBUNITS if not w.isascii() and len(w) > 1), key=len, reverse=True))
)
#: Where a sub-unit after a number may start (amounts checks this before calling :func:`alone`).
SUB_START = frozenset(" \t-¢") | {w[0] for w in _SUBUNITS if not w.isascii()}
_CASED = frozenset(LEXICON["currency"]["subunits_case_sensitive"]["words"])


def _words(cased: bool) -> str:
    return "|".join(sorted((w for w in _SUBUNITS if w.isascii() and (w in _CASED) == cased), key=len, reverse=True))


#: The English sub-unit words: any case (cents, pence), or only as written (mao, jiao, fen).
_EN_SUB = rf"(?:(?i:{_words(False)})|{_words(True)})"
#: "$20 and 43 cents", "twelve dollars, thirty-four cents", "one pound sterling, one penny".
_EN_AFTER = re.compile(
    rf"(?:,[ \t]|[ \t]and[ \t]|[ \t])(?P<n>\d{{1,2}}|[A-Za-z]+(?:-[A-Za-z]+)?)[ \t](?P<sub>{_EN_SUB})\b",
    re.ASCII
)
_EN_ALONE = re.compile(rf"[ \t-](?P<sub>{_EN_SUB})\b|(?P<sign>¢)", re.ASCII)  # 43 cents, a 25-cent dividend, 99¢
#: Currencies whose hundredths may follow their word without "cents" ([currency.bare_subunits]).
_BARE_CENTS = frozenset(LEXICON["currency"]["bare_subunits"]["currencies"])
#: ISO codes among the currency words: no bare hundredths after them ("10 rmb 20 usd").
_ISO_WORDS = frozenset(w for w in CURRENCY_WORDS_AFTER if len(w) == 3 and w.isascii() and w.isalpha())
_BARE_SEP = re.compile(r"[ \t]+and[ \t]+|[ \t]+", re.ASCII)
_AND_SEP = re.compile(r"[ \t]+and[ \t]+", re.ASCII)
_TWO_DIGITS = re.compile(r"\d{1,2}(?![\d]|[.,]\d)", re.ASCII)
#: Where a phrase ends: punctuation, the end of the text, or "and".
_PHRASE_END = re.compile(r"[ \t]*(?:[.,;:!?)](?![0-9])|\Z)|[ \t]+and\b", re.ASCII)


def _digit(c: str) -> Decimal:
    return Decimal(CN_ALL_DIGITS[c]) if c in CN_ALL_DIGITS else Decimal(c)


def after_yuan(t: str, pos: int, word: str, a: Amount) -> tuple[Amount, int]:
    """叁元零伍分, 壹佰元整, 三块五毛, 三块五: the 角/分 after a bare yuan word; 五蚊六毫 as 五块六毛."""
    if word == _KUAI_HK:  # the Cantonese dollar: its 毫 is the 毛 of 块 (same length: offsets kept)
        t, word = t[:pos] + t[pos:pos + 8].replace(_TENTH_HK, "毛") + t[pos + 8:], _KUAI
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
    fen = m.group("f") or m.group("f2") or m.group("f3") or m.group("f4")  # 三块五毛五: the last digit is the fen
    if fen:
        extra += _digit(fen) / 100
    return _plus(a, extra), m.end()


def after_main(t: str, pos: int, a: Amount, word: str | None = None, code: str | None = None,
               sign: bool = False, start: int = 0) -> tuple[Amount, int]:
    """The cents after dollars, euros or pounds: "$20 and 43 cents" = 20.43; "one kuai
    and five mao five" = 1.55; after a currency word, "cents" may be left out where the
    phrase ends ("thirteen dollars forty five" = 13.45, [currency.bare_subunits]); after a
    sign before the amount (``sign``), only after "and" ("$ 100 and fifty" = 100.50); never
    "and" after "between" before ``start`` (the other end of a range)."""
    if a.vague or a.value != a.value.to_integral_value():
        return a, pos
    m = _EN_AFTER.match(t, pos)
    if m:
        try:
            n = arabic(m.group("n")) if m.group("n").isdigit() else english_word(m.group("n"))
        except NumeralError:
            return a, pos
        _, factor = _SUBUNITS[m.group("sub").lower()]
        if not 0 <= n < 1 / factor:
            return a, pos
        a, end = _plus(a, n * factor), m.end()
        if factor == Decimal("0.1") and (d := _number_at(t, end)) is not None and d[0] < 10:
            return _plus(a, d[0] / 100), d[1]  # five mao five: the last digit is the hundredths
        return a, end
    if code not in _BARE_CENTS:
        return a, pos
    if word:
        if not any(c.isalpha() for c in word) or word.lower() in _ISO_WORDS:
            return a, pos
        sep = _BARE_SEP.match(t, pos)
    elif sign:
        sep = _AND_SEP.match(t, pos)
    else:
        return a, pos
    if sep is None or ("and" in sep.group() and between_before(t, start)):
        return a, pos
    d = _number_at(t, sep.end())
    if d is None or not 0 < d[0] < 100:
        return a, pos
    return _plus(a, d[0] / 100), d[1]


def _number_at(t: str, p: int) -> tuple[Decimal, int] | None:
    """(value, end) of a whole number below 100 at ``t[p]`` (one or two digits, or
    English words) that ends the phrase; else None."""
    if p < len(t) and t[p].isdigit():
        m = _TWO_DIGITS.match(t, p)
        if m is None:
            return None
        n, end = Decimal(m.group()), m.end()
    else:
        try:
            r = read_english(t[p:p + 40])
        except NumeralError:
            return None
        n, end = r.value, p + r.end
    if n >= 100 or n != n.to_integral_value() or not _PHRASE_END.match(t, end):
        return None
    return n, end


def alone(t: str, pos: int, body: str, a: Amount, default_cur: str,
          cents: str = "USD") -> tuple[Amount, str, int] | None:
    """A sub-unit right after the number, as (amount in main units, currency,
    end): "43 cents" = 0.43 USD, 肆角叁分 = 0.43, 五毛钱 = 0.5; None when there is
    none (五角大楼 and 十分 are no money: a Chinese sub-unit alone needs
    financial digits or 钱)."""
    m = _EN_ALONE.match(t, pos)
    if m:
        cur, factor = _SUBUNITS[(m.group("sub") or m.group("sign")).lower()]
        return a.scaled(factor), cents if cur == "dollar" else yuan_code(cur, default_cur), m.end()
    m = _CN_WORD_ALONE.match(t, pos)
    if m:
        cur, factor = _SUBUNITS[m.group()]
        return a.scaled(factor), cur, m.end()
    m = _CN_ALONE.match(t, pos)
    if not m or not (all(c in _FINANCIAL for c in body) or m.group("q") is not None or m.group("q2")
                     or m.group("f") or m.group("f3")):
        return None
    cur, factor = _SUBUNITS[m.group("u") or m.group("u2")]
    a = a.scaled(factor)
    if m.group("f") or m.group("f3"):  # 肆角叁分, 两毛五: the last digit is the fen
        a = _plus(a, _digit(m.group("f") or m.group("f3")) / 100)
    return a, yuan_code(cur, default_cur), m.end()


def magnitude_after_code(t: str, pos: int, word: str, a: Amount, scaled: bool) -> tuple[Amount, int]:
    """"75 USD million": an English magnitude after an upper-case code or a sign."""
    if scaled or not (word.isupper() or not word.isalnum()):
        return a, pos
    mm = EN_MAG.match(t, pos)
    if not mm:
        return a, pos
    return a.scaled(magnitude_of(mm)), mm.end()


def _plus(a: Amount, extra: Decimal) -> Amount:
    if not extra:
        return a
    sign = -1 if a.value < 0 else 1
    return Amount(a.value + sign * extra, _add(a.low, sign * extra), _add(a.high, sign * extra), a.vague)


def _add(x: Decimal | None, y: Decimal) -> Decimal | None:
    return None if x is None else x + y

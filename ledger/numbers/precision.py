"""How precisely a figure is written: the one rounding rule, for every script.

A stated figure carries the rounding of its last written digit: "27%" is
[26.5%, 27.5%], "130亿" is ±0.5亿, "1.4万亿" is ±0.05万亿.  The half-width is
worked out relative to the number as written (so the magnitude word does not
matter: 0.5 / 27 of the value for "27%").  Trailing zeros count as written
digits ("1000亿" is ±0.5亿), as a reader of the sentence would take them.

The number as written is the last numeral of the surface, in any script:
Arabic (half- or full-width, with thousands separators), Chinese (common or
financial digits, 点 for the decimal point) or mixed (5万4千6百), without the
magnitude words that close it (万, 亿, 兆, and English million / billion).
So 百分之二十七 and 27% are both ±0.5 / 27, 一百三十亿 and 130亿 both ±0.5 / 130,
一点四万亿 and 1.4万亿 both ±0.05 / 1.4.  A surface without a numeral (a date
word) gets the default.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

import numpy as np

from ledger.numbers.numerals import NumeralError, chinese
from ledger.numbers.words import CN_BIG_UNITS, CN_DIGITS, CN_SMALL_UNITS

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_DIGIT = "0-9" + "".join(CN_DIGITS)
_UNIT = "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
#: a numeral: digits, Chinese units and magnitudes, a decimal point (. or 点), thousands separators
_NUMERAL = re.compile(rf"[{_DIGIT}十拾](?:[{_DIGIT}{_UNIT}]|[.,点](?=[{_DIGIT}]))*[{_UNIT}]*")  # 十五 opens on 十
_TRAILING_MAGNITUDE = re.compile(rf"[{''.join(CN_BIG_UNITS)}]+$")
_CN_DECIMAL = re.compile(rf"([{_DIGIT}{''.join(CN_SMALL_UNITS)}]+)点([{_DIGIT}]+)")
#: The commonest numeral, read without Decimal or the numeral grammar: ASCII digits (a decimal
#: part), then at most two magnitude words (130亿, 1.4万亿, 27).
_PLAIN = re.compile(rf"([0-9]{{1,15}})(?:\.([0-9]{{1,12}}))?([{''.join(CN_BIG_UNITS)}]{{0,2}})")


#: Characters that open (or, full-width, become) a numeral; with the magnitude and unit
#: characters, those that would extend one.
_OPENS = "0-9０-９" + "".join(CN_DIGITS) + "十拾"
_EXTENDS = _OPENS + _UNIT
#: A surface whose only numeral is the commonest shape (ASCII digits, a decimal part, at most two
#: magnitude words), matched in Arrow (RE2, no lookahead): nothing before it can open a numeral,
#: nothing after it can extend it or open another, so it is the last numeral ``relative_precision``
#: reads, and reads with ``_PLAIN``.
_ONLY_PLAIN = (rf"^[^{_OPENS}]*(?P<whole>[0-9]{{1,15}})(?:\.(?P<fraction>[0-9]{{1,12}}))?"
               rf"(?P<bigs>[{''.join(CN_BIG_UNITS)}]{{0,2}})[^{_EXTENDS}]*$")
#: 0.5 * 10 ** -k, as ``relative_precision`` computes it, for k decimal places.
_HALF_UNIT = [0.5 * 10.0 ** (-k) for k in range(13)]


def relative_precisions(surfaces: Sequence[str], default: float) -> np.ndarray:
    """:func:`relative_precision` of each of ``surfaces`` (distinct texts, none
    missing), the same floats: surfaces of the commonest shape found at once
    with pyarrow's regex when pyarrow is installed, the rest one by one."""
    out = np.full(len(surfaces), np.nan)
    todo = np.arange(len(surfaces))
    found = _plain_only(surfaces)
    if found is not None:
        at, whole, decimals = found
        # the digits as written, read by Python's float (as relative_precision does)
        digits = np.array([float(w) for w in whole], dtype=float)
        with np.errstate(divide="ignore"):
            out[at] = np.where(digits == 0, default, np.asarray(_HALF_UNIT)[decimals] / digits)
        todo = np.flatnonzero(np.isnan(out))
    for k in todo.tolist():
        out[k] = relative_precision(surfaces[k], default)
    return out


def _plain_only(surfaces: Sequence[str]) -> tuple[np.ndarray, list[str], np.ndarray] | None:
    """The positions of the surfaces of :data:`_ONLY_PLAIN`'s shape whose
    magnitude words rise, their digits as written and their decimal places;
    None without pyarrow."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return None
    parts = pc.extract_regex(pa.array(surfaces, type=pa.string()), _ONLY_PLAIN)
    ok = np.asarray(parts.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    at = np.flatnonzero(ok)
    if not len(at):
        return at, [], np.zeros(0, dtype=np.int64)
    taken = parts.filter(pa.array(ok))
    whole = [str(x) for x in taken.field(0).to_pylist()]
    fraction = [str(x) for x in taken.field(1).to_pylist()]
    bigs = [str(x) for x in taken.field(2).to_pylist()]
    rising = np.array([_rising(b) for b in bigs], dtype=bool)
    numbers = [f"{w}.{f}" if f else w for w, f in zip(whole, fraction)]
    keep = np.flatnonzero(rising)
    return (at[keep], [numbers[k] for k in keep.tolist()],
            np.array([len(fraction[k]) for k in keep.tolist()], dtype=np.int64))


@lru_cache(maxsize=65536)
def relative_precision(surface: str, default: float) -> float:
    """Half a unit of the last written digit of ``surface``'s number, relative
    to that number (``default`` when it has none, or it is zero).

    >>> relative_precision("27%", 0.01) == relative_precision("百分之二十七", 0.01) == 0.5 / 27
    True
    >>> round(relative_precision("1.4萬億美元", 0.01), 4)
    0.0357
    """
    numerals = _NUMERAL.findall(str(surface).translate(_FULLWIDTH))
    if not numerals:
        return default
    plain = _PLAIN.fullmatch(numerals[-1])
    if plain is not None and _rising(plain.group(3)):
        # what _as_written gives for this shape: the digits as written (the magnitudes divide out
        # exactly: at most 27 significant digits), their decimal places
        digits = float(plain.group(0)[: plain.end(2) if plain.group(2) else plain.end(1)])
        return default if digits == 0 else 0.5 * 10.0 ** (-len(plain.group(2) or "")) / digits
    written = _as_written(numerals[-1])
    if written is None or written[0] == 0:
        return default
    number, decimals = written
    return 0.5 * 10.0 ** (-decimals) / abs(float(number))


def _rising(bigs: str) -> bool:
    """No magnitude word, one, or two rising ones (万亿, not 亿万: the numeral grammar reads those)."""
    return len(bigs) < 2 or CN_BIG_UNITS[bigs[1]] > CN_BIG_UNITS[bigs[0]]


def _as_written(numeral: str) -> tuple[Decimal, int] | None:
    """(the number as written, its decimal places): the numeral's value in
    units of the magnitude words that close it.  三十亿 -> (30, 0); 一万四千亿 ->
    (14000, 0), as 14000亿; 叁亿伍仟万 -> (35000, 0), as 35000万; 一点四万亿 ->
    (1.4, 1), as 1.4万亿; 5万4千6百 -> (54600, 0)."""
    text = numeral.replace(",", "")
    closing = _TRAILING_MAGNITUDE.search(text)
    unit = 1
    for ch in closing.group() if closing else "":
        unit *= CN_BIG_UNITS[ch]
    m = _CN_DECIMAL.search(text)
    decimals = 0
    try:
        if m:  # 一点四 -> 1.4: the integer part as a numeral, the fraction digit by digit
            fraction = "".join(str(CN_DIGITS.get(c, c)) for c in m.group(2))
            text = text[: m.start()] + f"{chinese(m.group(1))}.{fraction}" + text[m.end():]
        if "." in text:
            digits = re.match(r"[0-9]*", text.split(".", 1)[1])
            assert digits is not None  # [0-9]* matches, if only the empty string
            decimals = len(digits.group())
        value = Decimal(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else chinese(text)
    except (NumeralError, ArithmeticError, ValueError):
        return None
    return value / unit, decimals

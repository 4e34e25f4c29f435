"""Numeric mentions in Chinese (both scripts) and English text.

``find_mentions(text)`` returns every money amount, percentage, percentage
point, multiple, count, duration and date as a :class:`Mention`: an interval
``[low, high]`` around ``value`` in canonical units (money in its currency's
units, percentages as fractions, multiples as factors), with offsets into the
ORIGINAL text even when it carries pinyin glosses (``1.4萬(wàn)億``), HTML
leftovers, full-width digits or no-break spaces.

How it works: :func:`ledger.sources.clean` gives a simplified, half-width copy
with an offset map; one compiled pattern (:data:`~ledger.numbers.lexicon.MASTER`)
finds each number's run in a single left-to-right pass, skipping URLs and
e-mails (:mod:`ledger.numbers.masks`); :mod:`ledger.numbers.amounts` reads the
longest whole numeral at the start of the run (the grammar of
:mod:`ledger.numbers.numerals` and :mod:`ledger.numbers.english`), then the
context on either side with small anchored patterns (hedge words and sign
before, magnitude / unit / sub-units / range / hedge after).  Dates are
:mod:`ledger.numbers.dates`; the vocabulary is ``lexicon/numbers.toml``.  The
conventions are tabled in the README (section "Numbers") and docs/numbers.md.

TEAM CONTRACT:
    Mention(start, end, surface, kind, value, low, high, unit, qualifier)
    find_mentions(text, *, published=None) -> list[Mention]   # sorted by start
    mentions_frame(text, *, source, published=None) -> pandas.DataFrame
"""
from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from ledger.numbers import dates
from ledger.numbers import lexicon as lx
from ledger.numbers.amounts import Context, Resume, fraction_of, read_number
from ledger.numbers.english import english_word
from ledger.numbers.grammar import words_alt
from ledger.numbers.hedges import Hit, hedged
from ledger.numbers.masks import masked_run, may_hold_urls
from ledger.numbers.numerals import NumeralError, amount, exact, norm
from ledger.numbers.words import CN_DISCOUNT_AFTER_VERB, CN_SHARE_WORDS, EN_NOT_FRACTION_AFTER, LEXICON
from ledger.sources.articles import CleanText, clean, read_article
from ledger.sources.table import infer_published

KINDS = ("money", "percent", "percentage_point", "multiple", "count", "duration", "date")


@dataclass(frozen=True)
class Mention:
    """One numeric mention.  Offsets are into the ORIGINAL text
    (``text[start:end] == surface``), even through glosses and HTML."""

    start: int
    end: int
    surface: str
    kind: str  # money, percent, percentage_point, multiple, count, duration, date
    value: Decimal | str | None  # numeric: exact Decimal, canonical units; date: ISO period
    low: Decimal | str | None  # numeric: lower bound (None = open); date: first day ISO
    high: Decimal | str | None  # numeric: upper bound (None = open); date: last day ISO
    unit: str  # a ledger.units.LEDGER_UNITS name
    qualifier: str  # a ledger.record.QUALIFIERS value

    def to_json(self, source: str) -> dict[str, Any]:
        """The ``--json`` row: numbers as JSON numbers (ints where integral)."""
        return {
            "start": self.start, "end": self.end, "surface": self.surface, "kind": self.kind,
            "value": _json_num(self.value), "low": _json_num(self.low), "high": _json_num(self.high),
            "unit": self.unit, "qualifier": self.qualifier, "source": source,
        }


def _json_num(x: Decimal | str | None) -> int | float | str | None:
    if x is None or isinstance(x, str):
        return x
    return int(x) if x == x.to_integral_value() else float(x)


# --------------------------------------------------------------------------- public API


def find_mentions(text: str | CleanText, *, published: datetime.date | str | None = None) -> list[Mention]:
    """Every numeric mention in ``text``, sorted by start offset; offsets
    point into the original text.

    ``text`` is the article, or its :func:`~ledger.sources.clean` copy when the
    caller has one (framing cleans an article once for both stages).
    ``published`` (a date, or 'YYYY-MM-DD' / 'YYYY-MM' / 'YYYY' as in
    sources.csv) resolves relative dates (去年底, 上周, 3月11日) as far as its
    precision allows; the rest get value None."""
    ct = text if isinstance(text, CleanText) else clean(text)
    original, starts = ct.original, ct.starts
    grouping: list[frozenset[int]] = []

    def clause_comma(i: int) -> bool:  # ，between half-width digits: punctuation (１，３００ is a number)
        j = starts[i]
        if original[j] != "，" or (j and "０" <= original[j - 1] <= "９"):
            return False
        if not grouping:
            grouping.append(_grouping_commas(original))
        return j not in grouping[0]

    hits = scan(ct.text, published=published, fullwidth_comma=clause_comma, original=original)
    return [_to_mention(ct, h) for h in hits]


#: Digits grouped by threes up to a decimal part, the commas half- or full-width: 82，225.00元,
#: 233,333，333,434.344元.  A full-width comma there groups the thousands, as typed with a Chinese
#: input method; without a decimal part it stays a clause comma (增长了100，300家).
_GROUPED_DECIMAL = re.compile(r"(?<![\d.,，])\d{1,3}(?:[,，]\d{3})+\.\d+(?![\d,，])")


def _grouping_commas(original: str) -> frozenset[int]:
    """Offsets of the full-width commas of ``original`` that group the digits of a decimal number."""
    return frozenset(m.start() + k for m in _GROUPED_DECIMAL.finditer(original)
                     for k, ch in enumerate(m.group()) if ch == "，")


def mentions_frame(text: str, *, source: str, published: datetime.date | str | None = None):
    """The mentions as a DataFrame: source, start, end, surface, kind, value, low, high, unit, qualifier."""
    cols = ["source", "start", "end", "surface", "kind", "value", "low", "high", "unit", "qualifier"]
    rows = [{"source": source, **{c: getattr(m, c) for c in cols[1:]}}
            for m in find_mentions(text, published=published)]
    return pd.DataFrame(rows, columns=cols)


def mentions_of_file(path, *, published: datetime.date | str | None = None) -> tuple[str, list[Mention]]:
    """(source id, mentions) of one article file.  Without ``published``, the
    date comes from the article's row in a ``sources.csv`` beside it, else
    from a date stamp near the top of the text (``sources.infer_published``),
    else relative dates stay unresolved."""

    p = Path(path)
    text = read_article(p)
    if published is None:
        published = _published_beside(p) or (infer_published(text) or (None,))[0]
    return p.stem, find_mentions(text, published=published)


def _published_beside(p) -> str | None:
    """The ``published`` cell of the article's row in sources.csv next to it
    (a lenient read: the table's own checks belong to ``factcheck validate``)."""
    table = p.parent / "sources.csv"
    if not table.is_file():
        return None
    try:
        with table.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("id") == p.stem or row.get("file") == p.name:
                    value = (row.get("published") or "").strip()
                    dates.anchor(value or None)  # raises ValueError on a malformed date
                    return value or None
    except (OSError, UnicodeDecodeError, csv.Error, ValueError):
        return None
    return None


def _to_mention(ct, h: Hit) -> Mention:
    s, e = ct.span(h.start, h.end)
    return Mention(s, e, ct.original[s:e], h.kind, _n(h.value), _n(h.low), _n(h.high), h.unit, h.qualifier)


def _n(x):
    return norm(x) if isinstance(x, Decimal) else x


# --------------------------------------------------------------------------- the scan


def scan(t: str, *, published: datetime.date | str | None = None, fullwidth_comma=None,
         original: str | None = None) -> list[Hit]:
    """Mentions in already-cleaned text ``t`` (simplified script, half-width).
    ``fullwidth_comma(i)`` tells whether the ',' at ``t[i]`` was a full-width
    ，in the original (a clause comma, never a thousands separator);
    ``original``, the text as written, tells its script (what a bare 元 means)."""
    anchor = dates.anchor(published)
    hits: list[Hit] = []
    ctx = Context(lx.default_yuan(t, original), lx.yen_sign_currency(t), lx.cents_currency(t), fullwidth_comma)
    pos, n = 0, len(t)
    search = lx.MASTER.search
    urls = may_hold_urls(t)
    while pos < n:
        m = search(t, pos)
        if m is None:
            break
        skip = masked_run(t, m.start(), m.end()) if urls else None
        if skip is not None:  # inside a URL, an e-mail or a %-escaped string
            pos = max(skip, m.start() + 1)
            continue
        hit = _read(t, m, anchor, ctx)
        if hit is None or isinstance(hit, Resume):
            pos = m.end() if hit is None else max(hit.end, m.start() + 1)
            continue
        while hits and hit.start <= hits[-1].start and hits[-1].end <= hit.end:
            hits.pop()  # 7 2 折: the hit read on from the number before holds it
        if hits and (joined := _joined(t, hits[-1], hit)) is not None:
            hits[-1] = joined
        else:
            hits.append(hit)
        pos = hit.end if hit.end > m.start() else m.end()  # a hit cut short (100，300家) rescans the rest
    return hits


_LOWER_ONLY = ("over", "at_least")
_UPPER_ONLY = ("up_to", "under")


def _joined(t: str, a: Hit, b: Hit) -> Hit | None:
    """One range from a lower bound and an upper bound of the same kind and unit, in either order, joined
    by nothing or a word of [hedges.joined]: 大于二十的同时小于等于三十五 = [20, 35], 20以上30以下, 小于二百大于一百
    = [100, 200], "more than 5 and less than 10"; None otherwise (大于10且y小于20 names two quantities)."""
    if (a.kind, a.unit) != (b.kind, b.unit) or a.kind == "date" or b.start - a.end > 6:
        return None
    if a.qualifier in _LOWER_ONLY and b.qualifier in _UPPER_ONLY and a.high is None and b.low is None:
        lo, hi = a.low, b.high
    elif a.qualifier in _UPPER_ONLY and b.qualifier in _LOWER_ONLY and a.low is None and b.high is None:
        lo, hi = b.low, a.high  # 小于二百大于一百: the upper bound said first
    else:
        return None
    if not isinstance(lo, Decimal) or not isinstance(hi, Decimal) or lo >= hi:
        return None
    if lx.JOINED.match(t[a.end:b.start]) is None:
        return None
    return Hit(a.start, b.end, a.kind, (lo + hi) / 2, lo, hi, a.unit, "range")


def _read(t: str, m: re.Match[str], published: dates.Anchor | None, ctx: Context) -> Hit | Resume | None:
    g = m.lastgroup
    try:
        if g in ("skip", "code"):
            return None
        if g == "zhdate":
            return _date(m, dates.zh_date(_Groups(m), published))
        if g == "endate":
            if m.group("en_year") and _count_of(t, m.start()):  # a total of 1900 people: no year
                return Resume(m.start("en_year"))
            group = "en_year" if m.group("en_year") else "en_m3"  # the date words only, not "in"
            return _date(m, dates.en_date(_Groups(m), published), group=group)
        if g == "fan":
            return _fan(m)
        if g == "zhoff":  # 半折, 打对折: a discount said in a word
            v = LEXICON["numerals"]["zh"]["discount_words"].get(m.group()) or CN_DISCOUNT_AFTER_VERB[m.group()]
            return _hit_simple(m.start(), m.end(), "percent", v, "ratio")
        if g == "zhshare":  # 百分百, 半个百分点: a share said in a word
            kind, v = CN_SHARE_WORDS[m.group()]
            return hedged(t, m.start(), m.end(), kind, exact(Decimal(v)), "ratio" if kind == "percent" else kind)
        if g == "verb":
            return _hit_simple(m.start(), m.end(), "multiple", lx.EN_VERBS[m.group().lower()], "times")
        if g == "frac":
            return _fraction(t, m, ctx)
        return read_number(t, m, ctx)
    except (NumeralError, ArithmeticError, ValueError, KeyError, RecursionError):
        return None


_COUNT_OF = re.compile(rf"(?i:\b{words_alt(LEXICON['years']['not_after_of'])})[ \t]+(?i:of)\Z", re.ASCII)


def _count_of(t: str, s: int) -> bool:
    """Does the "of" at ``t[s]`` follow a word after which "of 1900" counts ([years] in the lexicon)?"""
    return t[s:s + 2].lower() == "of" and _COUNT_OF.search(t, max(0, s - 14), s + 2) is not None


def _hit_simple(s: int, e: int, kind: str, v, unit: str) -> Hit:
    v = Decimal(v)
    return Hit(s, e, kind, v, v, v, unit, "exact")


def _date(m: re.Match, dv: dates.DateValue, group: str | None = None) -> Hit | None:
    s, e = m.span(group) if group and m.group(group) else m.span()
    if dv is dates.UNKNOWN and _bad_month(m):
        return None
    return Hit(s, e, "date", dv.value, dv.low, dv.high, "date", "exact")


class _Groups(Mapping[str, str | None]):
    """``m.group(name)`` behind a read-only mapping (``groupdict()`` builds
    every group of the master pattern: too slow per match)."""

    __slots__ = ("m",)

    def __init__(self, m: re.Match[str]) -> None:
        self.m = m

    def __getitem__(self, name: str) -> str | None:
        try:
            return self.m.group(name)
        except IndexError:  # no such group in the pattern
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.m.re.groupindex)

    def __len__(self) -> int:
        return len(self.m.re.groupindex)


def _bad_month(m: re.Match) -> bool:
    for k in ("ym", "md_m", "rm", "iso_m"):
        v = m.group(k)
        if v:
            try:
                return not 1 <= dates._num(v) <= 12
            except (NumeralError, ValueError):
                return True
    return False


def _fan(m: re.Match) -> Hit:
    """翻番 / 翻倍 / 翻了一倍 = 2; 翻两番 = 4 (doubling twice)."""
    s = m.group()
    k = re.search(r"[一两三1-3]", s)
    times = 1 if k is None else int(exact_cn(k.group()))
    v = Decimal(2) ** times if s.endswith("番") else Decimal(times + 1)
    return _hit_simple(m.start(), m.end(), "multiple", v, "times")


def exact_cn(c: str) -> Decimal:
    return amount(c).value


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]\Z", re.ASCII)


def _fraction(t: str, m: re.Match, ctx: Context) -> Hit | None:
    word = (m.group("fr_n") or m.group("fr_n2") or "").lower()
    frac = (m.group("fr_d") or m.group("fr_d2")).lower()
    if not word and frac != "half":  # "third of" without a/one is an ordinal
        return None
    before = _WORD_BEFORE.search(t, max(0, m.start() - 12), m.start())
    if before and before.group(1).lower() in EN_NOT_FRACTION_AFTER:
        return None  # the first half (of the year) is a period, not 0.5
    num, den = lx.EN_FRACTIONS[frac]
    k = Decimal(1) if word in ("", "a", "an", "one") else english_word(word)
    of = fraction_of(t, m.start(), m.end(), k * num, Decimal(den), ctx, of_optional=frac == "half")
    if of is not None:  # three quarters of a million dollars, half a percent
        return of
    v = (k * num / den).quantize(Decimal("1e-12"))  # a third = 0.333333333333 (12 places)
    return hedged(t, m.start(), m.end(), "percent", exact(v), "ratio")

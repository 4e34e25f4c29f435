"""English number words to exact :class:`~decimal.Decimal` values, by one
grammar (the words are ``[numerals.en]`` in ``lexicon/numbers.toml``)::

    number := ('a' | 'half a' | 'a'? 'quarter' before a scale)? group (sep scale group?)* ('point' digit+ scale?)?
    group  := ones ('hundred' ('and'? (tens ('-' ones)? | ones))?)? | tens ('-' ones)?
    scale  := thousand | million | billion | trillion | quadrillion (falling)
    sep    := ' ' | ', ' | ' and ' (', ' and ' and ' only after a scale)

so "forty-five thousand, six hundred and twenty-two" is 45622, "one million
and fifty-four point four three" 1000054.43, "a hundred" 100, "half a million"
500000, "one point five billion" 1.5e9 (num2words writes all of these).
:func:`read_english` evaluates the longest prefix that is a whole number, so
"one, two" gives "one".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from ledger.numbers.numerals import NumeralError
from ledger.numbers.words import (
    EN_ARTICLES,
    EN_DIGIT_WORDS,
    EN_DOZEN,
    EN_FRACTION_RULES,
    EN_HALF,
    EN_HUNDRED,
    EN_LONG_SCALES,
    EN_ONES,
    EN_ORDINALS,
    EN_POINT,
    EN_SCALE_LEADS,
    EN_SCALES,
    EN_TENS,
)

_TOKEN = re.compile(r"([A-Za-z]+)|(,[ \t]+|[ \t]+-[ \t]+|[ \t]+|-)|.", re.S)
_AND = "and"
#: The scales that multiply a larger one after them (three thousand million, two lakh crore).
_LONG_VALUES = frozenset(EN_SCALES[w] for w in EN_LONG_SCALES)


@dataclass(frozen=True)
class EnglishNumber:
    value: Decimal
    end: int
    words: int  # number words read (an article counts: "a hundred" is two)
    has_scale: bool  # thousand or more


class _Reader:
    """One reading; ``feed`` returns False when a word cannot continue it."""

    def __init__(self, dropped_article: bool = False) -> None:
        self.dropped_article = dropped_article  # a scale may open the number as after "a"
        self.total = Decimal(0)
        self.group = Decimal(0)
        self.stage = "start"  # start, article, half, unit, hundred, tens, done, scaled, point, frac, and
        self.last_scale = 0
        self.frac = ""
        self.words = 0
        self.has_scale = False
        self.need_big = False  # a group after a scale and ', ' or ' ' must reach a hundred or a scale
        self.scales = 0  # scale words read
        self.closed = False  # a plural scale ends the number ("two millions")
        self.hyphen_hundred = False  # "two-hundred": the group goes on with a hyphen (two-hundred-fifty)
        self.dozens = False  # the group was counted in dozens (no second "dozen")
        self.and_hyphen = False  # "one-and-a-half": the half's words are joined by hyphens throughout

    def complete(self) -> bool:
        return self.stage in ("unit", "hundred", "tens", "done", "scaled", "frac") and not self.need_big

    def value(self) -> Decimal:
        if self.frac:
            return self.total + self.group + Decimal("0." + self.frac)
        return self.total + self.group

    def feed(self, w: str, sep: str) -> bool:
        if self.closed:
            return False
        if w == _AND:  # one and a half, one-and-a-half (million): hyphens only before a half
            return (sep == " " or (sep == "-" and self.stage in ("unit", "tens", "done"))) and self._and(sep)
        ok = self._word(w, sep)
        if ok:
            self.words += 1
        return ok

    def _and(self, sep: str) -> bool:
        if self.stage == "hundred":  # one hundred and five
            self.stage = "and"
            return True
        if self.stage == "scaled":  # one million and fifty-four; two thousand and five hundred: a whole group
            self.stage = "and_group"
            return True
        if self.stage in ("unit", "tens", "done") and not self.total:  # one and a half (million)
            self.stage = "and_half"
            self.and_hyphen = sep == "-"
            return True
        return False

    def _word(self, w: str, sep: str) -> bool:
        if self.stage in ("point", "frac"):
            return self._frac(w, sep)
        if w == EN_POINT:
            return self._point(sep)
        if sep == ", " and self.stage != "scaled":
            return False
        if w in EN_ONES:
            return self._ones(EN_ONES[w], sep)
        if w in EN_TENS:
            return self._tens(EN_TENS[w], sep)
        if w == "hundred":
            return self._hundred(sep)
        if w in EN_SCALES:
            return self._scale(EN_SCALES[w], sep)
        if w[-1:] == "s" and EN_SCALES.get(w[:-1], 0) > EN_HUNDRED \
                and ((not self.total and self.stage in ("unit", "hundred", "tens", "done")) or self._long_scale_next()):
            # "two millions", "2.5 billions" (a plural after a number, as non-native English writes it),
            # "three thousand millions" (the long scale): the scale itself, and the number's last word
            # (a plural alone is an order of magnitude)
            self.closed = self._scale(EN_SCALES[w[:-1]], sep)
            return self.closed
        grouped = self.stage in ("unit", "hundred", "tens", "done") and not self.total and self.group > 1 \
            and not self.dozens
        if w == "dozens" and ((self.stage == "unit" and 1 < self.group < 10) or grouped):
            w = "dozen"  # three dozens = 36, two hundred dozens = 2400
        if w == "dozen" and ((self.stage in ("unit", "article", "half_a") and self.group < 10) or grouped):
            # half a dozen = 6; after a group below a thousand its dozens: two hundred dozen = 2400,
            # twenty dozen = 240, one and a half dozen = 18
            lead = Decimal("0.5") if self.stage == "half_a" else self.group or Decimal(1)
            self.group = lead * EN_DOZEN
            self.stage, self.dozens = "done", True
            return True
        return self._lead(w, sep)

    def _lead(self, w: str, sep: str) -> bool:
        if self.stage == "start" and w in EN_ARTICLES:
            self.stage = "article"
            return True
        if self.stage == "start" and w == EN_HALF:
            self.stage = "half"
            return True
        if self.stage in ("start", "article") and w in EN_SCALE_LEADS:  # (a) quarter million
            self.group, self.stage = EN_SCALE_LEADS[w], "lead"
            return True
        if self.stage == "half" and w in EN_ARTICLES:
            self.stage = "half_a"
            return True
        if self.stage == "and_half" and w in EN_ARTICLES and (sep == "-") == self.and_hyphen:
            self.stage = "and_a"
            return True
        if self.stage == "and_a" and w == EN_HALF and (sep == "-") == self.and_hyphen:
            self.group += Decimal("0.5")
            self.stage = "done"
            return True
        return False

    def _ones(self, v: int, sep: str) -> bool:
        if sep == "-" and not ((self.stage == "tens" and 0 < v < 10) or self.hyphened_hundred()):
            return False
        if self.stage in ("start", "scaled", "and_group"):
            self.need_big = sep == ", "  # "ten thousand, one of the largest" is no 10001
            self.group, self.stage = Decimal(v), "unit"
        elif self.stage in ("hundred", "and") or (self.stage == "tens" and 0 < v < 10):
            self.group, self.stage = self.group + v, "done"
        else:
            return False
        return True

    def hyphened_hundred(self) -> bool:
        """A hyphen may go on after a hundred joined by a hyphen: two-hundred-fifty = 250."""
        return self.stage == "hundred" and self.hyphen_hundred

    def _tens(self, v: int, sep: str) -> bool:
        if (sep == "-" and not self.hyphened_hundred()) \
                or self.stage not in ("start", "scaled", "hundred", "and", "and_group"):
            return False
        self.need_big = self.need_big or sep == ", "
        self.group += v
        self.stage = "tens"
        return True

    def _hundred(self, sep: str) -> bool:
        if self.stage == "unit" and 0 < self.group < 20 and sep in (" ", "-"):
            self.group *= EN_HUNDRED
            self.hyphen_hundred = sep == "-"
        elif self.stage in ("tens", "done") and 20 <= self.group < EN_HUNDRED and not self.total and sep == " ":
            self.group *= EN_HUNDRED  # twenty-five hundred = 2500, as nineteen hundred = 1900
        elif self.stage == "article" or (self.stage == "start" and self.dropped_article):
            self.group = Decimal(EN_HUNDRED)
        else:
            return False
        self.stage, self.need_big = "hundred", False
        return True

    def _long_scale_next(self) -> bool:
        """The number so far is "N thousand": a larger scale next multiplies it (the long scale)."""
        return self.stage == "scaled" and self.scales == 1 and self.last_scale in _LONG_VALUES

    def _scale(self, s: int, sep: str) -> bool:
        if self._long_scale_next() and s > self.last_scale and sep == " ":
            self.total *= s  # three thousand million = 3 x 10^9 (the long scale, once)
            self.last_scale, self.scales = self.last_scale * s, 2
            return True
        if (self.last_scale and s >= self.last_scale) or sep not in (" ", "-", "" if self.stage == "start" else " "):
            return False
        if self.stage in ("article", "half_a") or (self.stage == "start" and self.dropped_article):
            self.group = Decimal("0.5") if self.stage == "half_a" else Decimal(1)
        elif self.stage == "lead":
            pass  # the lead's fraction is the group: a quarter million
        elif self.stage not in ("unit", "hundred", "tens", "done") or not self.group:
            return False
        self.total += self.group * s
        self.group, self.stage, self.last_scale, self.has_scale = Decimal(0), "scaled", s, True
        self.scales += 1
        self.need_big = False
        return True

    def _point(self, sep: str) -> bool:
        if not self.complete() or sep != " ":
            return False
        self.stage = "point"
        return True

    def _frac(self, w: str, sep: str) -> bool:
        if sep != " ":
            return False
        if w in EN_DIGIT_WORDS:
            self.frac += str(EN_DIGIT_WORDS[w])
            self.stage = "frac"
            return True
        if self.stage == "frac" and w in EN_SCALES and EN_SCALES[w] > EN_HUNDRED and not self.total:
            self.group = (self.group + Decimal("0." + self.frac)) * EN_SCALES[w]  # one point five million
            self.frac, self.stage, self.last_scale, self.has_scale = "", "scaled", EN_SCALES[w], True
            return True
        return False


def read_english(s: str, *, compound_after: bool = False, dropped_article: bool = False) -> EnglishNumber:
    """The longest prefix of ``s`` that is a whole English number; raises NumeralError.
    ``compound_after``: the text after ``s`` goes on with a hyphen and a word
    ("ten million one-time"): a last group that opened after a scale is then
    part of that compound, not of the number.  ``dropped_article``: a scale word
    may open the number, as after "a" ("hundred percent"; the caller decides where,
    [numerals.en.dropped_article])."""
    r, best, sep = _Reader(dropped_article), None, ""
    before_long = None  # the reading before a long-scale word ("three thousand" of "three thousand million")
    before_group = None  # the reading before a group that opened after a scale with a space
    for m in _TOKEN.finditer(s):
        word, gap = m.group(1), m.group(2)
        if gap is not None:
            if sep:
                break
            sep = ", " if gap.startswith(",") else ("-" if "-" in gap else " ")  # "ninety - five": a hyphen
            continue
        opens = r.stage == "scaled" and sep == " "
        scales = r.scales
        if word is None or not r.feed(word.lower(), sep if r.stage != "start" else ""):
            break
        if opens:
            before_group = best
            if scales == 1 and r.scales == 2:  # the long scale: "three thousand million"
                before_long = best
        sep = ""
        if r.complete():
            best = EnglishNumber(r.value(), m.end(), r.words, r.has_scale)
    if compound_after and best is not None and best.end == len(s) and before_group is not None \
            and r.stage == "unit":
        best = before_group
    if compound_after and best is not None and best.end == len(s) and before_long is not None \
            and r.stage == "scaled" and r.scales == 2:
        best = before_long  # three thousand million-dollar homes: 3000 homes of a million dollars
    if best is None:
        raise NumeralError(f"not an English number: {s!r}")
    return best


def english_word(s: str) -> Decimal:
    """A whole English number: 'ten' -> 10, 'twenty-five' -> 25, 'a hundred' -> 100."""
    n = read_english(s.strip())
    if n.end != len(s.strip()):
        raise NumeralError(f"not an English number: {s!r}")
    return n.value


# --------------------------------------------------------------------------- fractions

class Denominator(NamedTuple):
    """An ordinal read as a denominator ("fifths", "twenty-fifth"), ending at ``end``."""

    den: int
    plural: bool
    end: int
    base: str  # the ordinal word ("fifth" in "twenty-fifths")
    hyphen: bool  # joined to its numerator by a hyphen (one-fifth, two-thirds)


_COMPOUND_ONLY = frozenset(EN_FRACTION_RULES["compound_only"])
_PERIODS = frozenset(EN_FRACTION_RULES["periods"])
_NOT_PLURAL = frozenset(EN_FRACTION_RULES["not_plural"])
_FORMS: dict[str, tuple[str, bool]] = {
    **{w: (w, False) for w in EN_ORDINALS},
    **{(w[:-1] + "ves" if w.endswith("f") else w + "s"): (w, True) for w in EN_ORDINALS},  # halves, fifths
}
#: Ordinals that close a compound: twenty-first, ninety-ninth (not half or quarter).
_ONES_ORDINALS = frozenset(w for w, v in EN_ORDINALS.items() if v < 10 and w not in _PERIODS | _NOT_PLURAL)
_DENOMINATOR = re.compile(
    rf"(?P<sep>[ \t]+|-)(?:(?P<tens>{'|'.join(sorted(EN_TENS, key=len, reverse=True))})-)?"
    rf"(?P<w>{'|'.join(sorted(_FORMS, key=len, reverse=True))})(?![A-Za-z0-9])",
    re.ASCII | re.IGNORECASE,
)
_SHARE_AFTER = re.compile(rf"[ \t](?:{'|'.join(EN_FRACTION_RULES['share_words'])})\b", re.ASCII | re.IGNORECASE)
_WORD_AFTER = re.compile(r"[ \t]*[A-Za-z0-9-]", re.ASCII)
_NOT_AFTER = re.compile(
    rf"(?<![A-Za-z])(?:{'|'.join(EN_FRACTION_RULES['not_after'])})[ \t]+\Z", re.ASCII | re.IGNORECASE
)


def denominator(t: str, pos: int) -> Denominator | None:
    """The ordinal right after ``t[pos]`` (a space or a hyphen first), as a denominator, or None."""
    m = _DENOMINATOR.match(t, pos)
    if m is None:
        return None
    base, plural = _FORMS[m.group("w").lower()]
    v = EN_ORDINALS[base]
    if m.group("tens"):
        if base not in _ONES_ORDINALS:
            return None
        v += EN_TENS[m.group("tens").lower()]
    elif base in _COMPOUND_ONLY:
        return None  # one second, a first: a time, an ordinal
    return Denominator(v, plural, m.end(), base, m.group("sep") == "-")


def fraction_at(t: str, pos: int, k: Decimal, *, mixed: bool = False) -> Denominator | None:
    """The denominator of the numerator ``k`` that ends at ``t[pos]``, if the
    words make a fraction ([numerals.en.fraction_rules]): a plural after any
    whole numerator but one ("two thirds", "twenty-three fifths"); a singular
    after one ("one eighth", "a fifth"), hyphenated or ending the phrase or
    before of/the/less/more ("a fifth straight loss" is an ordinal); half and
    quarter never plural or, for quarter (a period too), only hyphenated, before
    of/the/less/more or in a mixed number ("five and a quarter")."""
    d = denominator(t, pos)
    if d is None or k <= 0 or k != k.to_integral_value():
        return None
    if d.plural != (k != 1) or (d.plural and d.base in _NOT_PLURAL):
        return None
    share = d.hyphen or _SHARE_AFTER.match(t, d.end) is not None
    if d.base in _PERIODS and not (share or mixed):
        return None
    if not d.plural and not (share or mixed or _WORD_AFTER.match(t, d.end) is None):
        return None
    return d


def after_and(t: str, s: int) -> bool:
    """Does ``t[s]`` follow "and" ("a year and a half": the half is the phrase's, no share)?"""
    return _NOT_AFTER.search(t, max(0, s - 8), s) is not None

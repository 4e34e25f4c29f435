"""Reading articles, and a cleaned text with an offset map back to the original.

Cleaning (HTML leftovers, inline pinyin glosses, full-width folding, script
normalisation to simplified Chinese) works on a copy; :class:`CleanText` maps
every cleaned character back to its span in the original, so quotes and
offsets always match what a reviewer opens.
"""
from __future__ import annotations

import html
import operator
import re
import unicodedata
from bisect import bisect_left as _bisect_left
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ledger.errors import InputUnreadable
from ledger.textio import read_text


def read_article(path: str | Path) -> str:
    """:func:`read_text` for an article: also refuses an empty file and NUL
    characters (binary data, or UTF-16 without a BOM), naming line and column."""
    text = read_text(path)
    if not text.strip():
        raise InputUnreadable("the article is empty", file=str(path), line=1, code="empty-file",
                              hint="check that the file was saved or downloaded completely")
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        # UTF-16 without a BOM read as UTF-8: a NUL after (or before) nearly every letter
        said = "UTF-16 without a byte-order mark" if text.count("\x00") * 4 >= len(text) else "binary data"
        raise InputUnreadable(f"NUL character in the text; it looks like {said}", file=str(path), line=line,
                              column=column, value="\\x00", code="encoding",
                              hint="re-save the article as plain UTF-8 text (remove the NUL bytes)")
    return text


# --------------------------------------------------------------------------- cleaning


@dataclass(frozen=True)
class CleanText:
    """A cleaned copy of ``original`` with, for each cleaned character, the
    span ``[starts[i], ends[i])`` of original characters it came from."""

    original: str
    text: str
    starts: Sequence[int]  # an OffsetMap (runs, not one int per character); any int sequence works
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the cleaned text to the original."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


_HTML_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,300})?/?|!--.{0,300}?--)>", re.S)
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
#: An inline pinyin gloss right after a Han character: 萬(wàn), 數(shù).  Lower case
#: only, so "(AI)" or "(PBC)" after a character are left alone.
_GLOSS = re.compile(  # opens on the bracket so the regex engine can skip to candidates fast
    rf"[(（](?<=[\u3400-\u9fff][(（])(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?[aeiouv{_TONED}]{{1,4}}(?:ng|n|r)?[)）]"
)


def _opencc_t2s():
    import opencc  # imported lazily: only cleaning needs it

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _converter():
    return _opencc_t2s()


def to_simplified(text: str) -> str:
    """Traditional -> simplified, one character for one character."""
    conv = _converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c2 if len(c2 := conv.convert(c)) == 1 else c for c in text)


class OffsetMap(Sequence):
    """``starts`` or ``ends`` of a :class:`CleanText` without one int object
    per character: runs of kept characters (identity runs) and single
    replacement characters, looked up by bisection.  Behaves as a read-only
    sequence of ints (indexing, ``len``, iteration, ``bisect``)."""

    def __init__(self, runs: list[tuple[int, int, int, int | None]], length: int, *, ends: bool) -> None:
        # runs: (clean start, original start, run length, fixed original end or None)
        self._cs = [r[0] for r in runs]
        self._os = [r[1] for r in runs]
        self._runs = runs
        self._len = length
        self._ends = ends

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset map index out of range")
        cs, os_, _, fixed = self._runs[bisect_right(self._cs, i) - 1]
        if self._ends:
            return fixed if fixed is not None else os_ + (i - cs) + 1
        return os_ + (i - cs)


    def bisect_left(self, x: int) -> int:
        """``bisect.bisect_left(self, x)`` by bisection over the runs (the
        values rise strictly: each run's original offsets follow the last's)."""
        if self._ends:
            return _bisect_left(self, x)
        r = bisect_right(self._os, x) - 1
        if r < 0:
            return 0
        cs, os_, size, _ = self._runs[r]
        return cs + (x - os_) if x - os_ < size else min(cs + size, self._len)


def clean(original: str, *, simplify: bool = True) -> CleanText:
    """Remove HTML tags and inline pinyin glosses, decode entities, fold
    full-width forms and no-break spaces, and (by default) convert to
    simplified script.  Offsets map back into ``original``.

    Works a run of kept characters at a time, not character by character,
    and keeps the offset map as runs (:class:`OffsetMap`)."""
    drops: list[tuple[int, int, str | None]] = []  # (start, end, replacement)
    for rx in (_HTML_TAG, _GLOSS):
        drops.extend((m.start(), m.end(), None) for m in rx.finditer(original))
    for m in _HTML_ENTITY.finditer(original):
        entity = html.unescape(m.group())
        if entity != m.group() and len(entity) == 1:
            drops.append((m.start(), m.end(), entity))
    drops.sort()
    parts: list[str] = []
    runs: list[tuple[int, int, int, int | None]] = []
    i, c = 0, 0  # position in original, in cleaned text
    for s, e, rep in drops:
        if s < i:  # overlaps a drop already applied
            continue
        if s > i:
            parts.append(original[i:s])
            runs.append((c, i, s - i, None))
            c += s - i
        if rep is not None:
            parts.append(_fold(rep))
            runs.append((c, s, 1, e))
            c += 1
        i = e
    n = len(original)
    if i < n:
        parts.append(original[i:])
        runs.append((c, i, n - i, None))
        c += n - i
    text = _FOLD_RX.sub(_fold_match, "".join(parts))
    if simplify:
        text = to_simplified(text)
    return CleanText(original, text, OffsetMap(runs, c, ends=False), OffsetMap(runs, c, ends=True))


def _fold(ch: str) -> str:
    if ch in "\u00a0\u3000\u2007\u202f":
        return " "
    if ch in "\u2010\u2011":  # hyphen, non-breaking hyphen: 'third‑quarter' is 'third-quarter'
        return "-"
    if "\uff01" <= ch <= "\uff5e":
        folded = unicodedata.normalize("NFKC", ch)
        return folded if len(folded) == 1 else ch
    return ch


#: The characters :func:`_fold` changes (one character for one), found by one regex pass.
_FOLD_RX = re.compile("[\u00a0\u3000\u2007\u202f\u2010\u2011\uff01-\uff5e]")


def _fold_match(m: re.Match) -> str:
    return _fold(m.group())


# --------------------------------------------------------------------------- script


_HAN = re.compile("[\u4e00-\u9fff]+")


@lru_cache(maxsize=4)  # one article's text is asked by the sources table, the number finder and framing
def detect_script(text: str) -> str:
    """'zh-Hans', 'zh-Hant' or 'en', from the characters themselves."""
    han = "".join(_HAN.findall(text))  # runs of Han characters, found by the regex engine
    if len(han) < max(5, len(text) // 50):
        return "en"
    simplified = to_simplified(han)
    if simplified == han:
        changed = 0
    elif len(simplified) == len(han):  # the characters compared as code points, all at once
        import numpy as np  # here: the CLI's start does without numpy

        changed = int(np.count_nonzero(np.frombuffer(han.encode("utf-32-le"), dtype=np.uint32)
                                       != np.frombuffer(simplified.encode("utf-32-le"), dtype=np.uint32)))
    else:
        changed = sum(map(operator.ne, han, simplified))
    return "zh-Hant" if changed / len(han) > 0.03 else "zh-Hans"

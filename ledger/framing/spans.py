"""Spans of months ended in a month, as articles write them: '截至2025年9月30日止六个月',
'the six months ended September 30, 2025', 'the fiscal year ended October 31, 2025'.  One
grammar (``lexicon/fiscal.toml``) for the dates framing reads (:mod:`ledger.framing.doc`)
and the fiscal calendar built on them (:mod:`ledger.framing.fiscal`).  Imports nothing
of framing, so both can use it."""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), 1)}


@functools.cache
def lexicon() -> dict[str, Any]:
    """``lexicon/fiscal.toml``."""
    text = resources.files("ledger").joinpath("lexicon/fiscal.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: the words that end a span in a month ('ended', 'ending', 'to', 'through')
_ENDED = r"(?:end(?:ed|ing),?(?: in)?|to|through|thru)"
#: a month, its day and year ('September', 'Sept. 30', 'June 30, 2025'): month, year
_MONTH_ONLY = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
               r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
#: a day said before its month ('ended 30 June 2025', 'ended on the 30th of June')
_DAY_FIRST = r"(?:on )?(?:the )?(?:\d{1,2}(?:st|nd|rd|th)? (?:of )?)?"
_MONTH = _MONTH_ONLY + r"(?: ?\d{1,2}(?!\d))?(?:,? ((?:19|20)\d\d))?"
#: from one month to another: 'July-September', 'July-to-September', 'July to September'
_MONTH_TO = r"(?:\s*[-–]\s*(?:(?:to|through)\s*-?\s*)?|\s+(?:to|through)\s+)"


@functools.cache
def patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    n = _alt(list(lex["span_months"]))
    firsts = _alt([w for w in lex["first_half"] if not w.isascii()] + ["中期"])
    return {
        # '截至2025年9月30日止六个月', '截至9月30日的6个月内'
        "zh": re.compile(rf"截[至止](?:\s*((?:19|20)\d\d)\s*年)?\s*(\d{{1,2}})\s*月\s*(?:\d{{1,2}}\s*日|底|末)?"
                         rf"\s*止?\s*的?\s*({n})\s*个\s*月"),
        # 'the six months ended September 30, 2025', 'six-month period ended Sept. 30', 'the three
        # months to September', 'the nine months through September'
        "en": re.compile(rf"\b({n})[ -]months? (?:period )?{_ENDED} {_DAY_FIRST}{_MONTH}"),
        # 'the quarter ended in September', 'the half-year to June 30': a quarter, a half
        "en_part": re.compile(rf"\b({_alt(list(lex['span_parts']))})(?: period)? {_ENDED} {_DAY_FIRST}{_MONTH}"),
        # 'the September quarter', 'the December 2024 quarter': the quarter that month ends
        "en_month_quarter": re.compile(rf"\b{_MONTH_ONLY}(?: ((?:19|20)\d\d))? quarter\b"),
        # 'the July-to-September period', 'the April-September half', 'January to June months'
        "en_months": re.compile(rf"\b{_MONTH_ONLY}{_MONTH_TO}{_MONTH_ONLY}(?:,? ((?:19|20)\d\d))?"
                                rf"[ -](?:{_alt(list(lex['span_words']))})\b"),
        # 'the fiscal year ended October 31, 2025', 'for its fiscal year ending Oct. 31': twelve months
        "en_year": re.compile(rf"\b(?:(?:{_alt(lex['year_before'])}) )?year (?:period )?{_ENDED} {_DAY_FIRST}{_MONTH}"),
        # '截至2025年12月31日止年度', '截至2025年10月31日的年度': twelve months
        "zh_year": re.compile(rf"截[至止](?:\s*((?:19|20)\d\d)\s*年)?\s*(\d{{1,2}})\s*月\s*(?:\d{{1,2}}\s*日|底|末)?"
                              rf"\s*止?\s*的?\s*(?:{_alt(lex['year_after'])})"),
        # '今年9月底止的2026财年上半年': the first half ends that month
        "first_half_end": re.compile(rf"(\d{{1,2}})\s*月\s*(?:底|末|\d{{1,2}}\s*日)\s*止\s*的?\s*"
                                     rf"(?:(?:19|20)\d\d\s*(?:{_alt(lex['fiscal_after'])}))?\s*(?:{firsts})"),
        # a fiscal word ('fiscal 2026', 'FY26', 'Q2FY26', '2026财年'; fiscal.toml fiscal_before, fiscal_after)
        "fiscal": re.compile(r"(?<![a-z])(?:fiscal\b|fy\s?'?\d)|"
                             + _alt(sorted({w for w in (*lex["fiscal_before"], *lex["fiscal_after"])
                                            if not w.isascii()}))),
        # '2025/26财年', '2025-2026年中期', 'the 2025/26 fiscal year'
        "straddle": re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[/-]\s*((?:19|20)?\d\d)(?!\d)\s*"),
    }


@dataclass(frozen=True)
class Span:
    """A span of ``months`` months ended in ``month`` of ``year`` (None: not said)."""

    start: int
    end: int
    months: int
    month: int
    year: int | None
    head: int  # the end of its months words ('the six months'): a comma may follow in its day


def ended_spans(low: str) -> list[Span]:
    """'截至2025年9月30日止六个月', 'the six months ended September 30, 2025'; a year
    ended in a month ('截至2025年10月31日止年度', 'the fiscal year ended October 31, 2025')."""
    pats, sizes = patterns(), lexicon()["span_months"]
    out = []
    for m in pats["zh"].finditer(low):
        out.append(Span(m.start(), m.end(), int(sizes[m.group(3)]), int(m.group(2)),
                        int(m.group(1)) if m.group(1) else None, m.end()))
    for m in pats["en"].finditer(low):
        out.append(Span(m.start(), m.end(), int(sizes[m.group(1)]), _MONTHS[m.group(2)[:3]],
                        int(m.group(3)) if m.group(3) else None, m.end(1)))
    # a quarter said by its months ('the quarter ended in September', 'the September quarter',
    # 'the July-to-September period') is a calendar quarter; in an article on a fiscal year
    # the fiscal quarter it names ('fiscal Q1') says more, and a quarter ended in another month
    # is a fiscal one whose year no such phrase tells
    quarters = not pats["fiscal"].search(low)
    parts = lexicon()["span_parts"]
    found = [(m, int(parts[m.group(1)]), _MONTHS[m.group(2)[:3]], m.group(3), m.end(1))
             for m in pats["en_part"].finditer(low)]
    found += [(m, 3, _MONTHS[m.group(1)[:3]], m.group(2), m.end()) for m in pats["en_month_quarter"].finditer(low)]
    found += [(m, (_MONTHS[m.group(2)[:3]] - _MONTHS[m.group(1)[:3]]) % 12 + 1, _MONTHS[m.group(2)[:3]], m.group(3),
               m.end()) for m in pats["en_months"].finditer(low)]
    for m, months, month, year, head in found:
        if months not in (3, 6, 9, 12) or (months == 3 and not (quarters and month % 3 == 0)):
            continue  # a quarter, a half, nine months, a year: no other span is reported
        out.append(Span(m.start(), m.end(), months, month, int(year) if year else None, head))
    for m in pats["en_year"].finditer(low):
        out.append(Span(m.start(), m.end(), 12, _MONTHS[m.group(1)[:3]], int(m.group(2)) if m.group(2) else None,
                        m.start(1)))
    for m in pats["zh_year"].finditer(low):
        out.append(Span(m.start(), m.end(), 12, int(m.group(2)), int(m.group(1)) if m.group(1) else None, m.end()))
    out = [s for s in out if 1 <= s.month <= 12]
    # 'the July-September quarter' is one span, not also 'September quarter'
    inner = {(s.start, s.end) for s in out for o in out
             if o.start <= s.start and s.end <= o.end and (o.start, o.end) != (s.start, s.end)}
    return sorted((s for s in out if (s.start, s.end) not in inner), key=lambda s: s.start)

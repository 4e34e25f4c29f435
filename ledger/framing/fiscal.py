"""Fiscal calendars: the year a company reports on, read from the article's own
words, and the fiscal labels of its halves and quarters.

A company whose year ends in March reports "the six months ended 30 September
2025" (截至2025年9月30日止六个月): its first half of the year 2025/26, labelled
``2026-H1`` (the year is labelled by the calendar year it ends in; GUIDE.md: "a
fiscal period keeps the company's fiscal label").  The words that tell the year's
end (``lexicon/fiscal.toml``):

* a six-month span ended in a month, in an interim report (中期业绩, 'interim
  results'): that month ends the first half, the year ends six months later;
  a twelve-month span ended in a month other than December: that month;
* a month end before a fiscal first half ('今年9月底止的2026财年上半年').

Inside the framing of an article a fiscal period is its calendar span
('2025-04/2025-09': what a day of the text can close, what a year earlier
shifts); :func:`label` turns the span into the fiscal label when a period is
given out, so every figure of the article gets the same label.  The pass
:func:`prepare` (once per article, before any period is read) also places a
span ended in a stated month on the calendar when the article has no
published date ('截至2025年6月30日的六个月内' needs none).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.framing.doc import BareDate, Doc, Spot, spans_of
from ledger.framing.spans import Span, lexicon, patterns


@dataclass(frozen=True)
class Fiscal:
    """A fiscal calendar: the year ends in month ``end``; the article reports on
    the fiscal year labelled ``year``."""

    end: int
    year: int

    def span(self, year: int, first: int, months: int) -> str:
        """The calendar span of ``months`` months from month ``first`` (0-based)
        of fiscal year ``year``: 'YYYY-MM/YYYY-MM'."""
        a = (year - 1) * 12 + self.end + first  # the month after the end of the year before
        return _months(a, a + months - 1)

    def label(self, value: str) -> str:
        """The fiscal label of a calendar span that is a fiscal year, half or
        quarter ('2025-04/2025-09' -> '2026-H1' for a March year); '' for any
        other value."""
        m = _SPAN.fullmatch(value)
        if not m:
            return ""
        a = int(m.group(1)) * 12 + int(m.group(2)) - 1
        b = int(m.group(3)) * 12 + int(m.group(4)) - 1
        n, k = b - a + 1, (a - self.end) % 12
        year = (a - k - self.end) // 12 + 1
        if n == 12 and k == 0:
            return str(year)
        if n == 6 and k in (0, 6):
            return f"{year}-H{k // 6 + 1}"
        if n == 3 and k % 3 == 0:
            return f"{year}-Q{k // 3 + 1}"
        return ""

    def part(self, value: str, year: int | None = None) -> str:
        """The calendar span of a fiscal label ('2026-H1' -> '2025-04/2025-09'),
        of year ``year`` when given; '' for anything else."""
        m = re.fullmatch(r"(\d{4})(?:-([HQ])([1-4]))?", value)
        if not m or (m.group(2) == "H" and m.group(3) not in "12"):
            return ""
        y = year if year is not None else int(m.group(1))
        if not m.group(2):
            return self.span(y, 0, 12)
        size = 6 if m.group(2) == "H" else 3
        return self.span(y, size * (int(m.group(3)) - 1), size)


_SPAN = re.compile(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})")
CALENDAR_END = 12


def _months(a: int, b: int) -> str:
    return f"{a // 12:04d}-{a % 12 + 1:02d}/{b // 12:04d}-{b % 12 + 1:02d}"


def calendar_label(value: str) -> str:
    """A calendar span as the calendar labels it ('2025-01/2025-06' -> '2025-H1');
    the span itself when it is no year, half or quarter."""
    return Fiscal(CALENDAR_END, 0).label(value) or value


def straddles(low: str) -> list[tuple[int, int, int]]:
    """(start, end, label) of each fiscal year said as the two years it straddles
    ('2025/26财年', '2025-2026年中期', 'the 2025/26 fiscal year': 2026)."""
    after = lexicon()["straddle_after"]
    out = []
    for m in patterns()["straddle"].finditer(low):
        first, second = int(m.group(1)), int(m.group(2))
        if second < 100:
            second += first // 100 * 100
        if second == first + 1 and low.startswith(tuple(after), m.end()):
            out.append((m.start(), m.end(), second))
    return out


def calendar(doc: Doc) -> Fiscal | None:
    """The article's fiscal calendar, when its words tell a year that ends in
    another month than December; None for a calendar year or when they do not."""
    if "fiscal" not in doc.memo:
        doc.memo["fiscal"] = _calendar(doc)
    return doc.memo["fiscal"]


def _calendar(doc: Doc) -> Fiscal | None:
    low, lex = doc.low, lexicon()
    spans = spans_of(doc)
    interim = any(w in low for w in lex["interim"])
    end = None
    for s in spans:
        if s.months == 12 and s.month != 12:
            end = s.month
        elif s.months == 6 and (interim or s.month != 12) and s.month != 6:
            # the first half ends in September: the year in March (a half ended in another month
            # than June or December is no calendar half: read as the first, as interim reports are)
            end = (s.month + 5) % 12 + 1
        if end:
            break
    if end is None:
        m = patterns()["first_half_end"].search(low)
        if m and 1 <= int(m.group(1)) <= 12:
            end = (int(m.group(1)) + 5) % 12 + 1
    if end is None:
        end = _numbered_quarter_end(doc, spans)
    if end is None or end == CALENDAR_END:
        return None
    year = next((s.year if s.month <= end else s.year + 1 for s in spans if s.year), None)
    if year is None and spans and doc.published[:7].count("-") == 1:
        # 'for its fiscal year ending Oct. 31': the span last ended by publication
        s, y, mo = spans[0], int(doc.published[:4]), int(doc.published[5:7])
        ended = y if s.month <= mo else y - 1
        year = ended if s.month <= end else ended + 1
    if year is None:
        year = next((label for _, _, label in straddles(low)), None)
    if year is None:
        year = next((int(str(d.mention.value)[:4]) for d in doc.dates if _fiscal_marked(doc, d)), None)
    if year is None and doc.published[:7].count("-") == 1:
        y, mo = int(doc.published[:4]), int(doc.published[5:7])
        year = y if mo <= end else y + 1
    return Fiscal(end, year) if year else None


def _numbered_quarter_end(doc: Doc, spans: list[Span]) -> int | None:
    """The month a year ends in, from a quarter said both by its number and by the month
    it ends in ('ICICI Bank Q3 results ... the quarter ending December 2022': the third
    quarter ends in December, so the year in March): only when the article numbers one
    quarter and ends its three-month spans in one month."""
    ends = {s.month for s in spans if s.months == 3}
    if len(ends) != 1:
        return None
    numbers = {_ORDINALS.get(n, n) for m in _QUARTER_NUMBER.finditer(doc.low) for n in m.groups()
               if n and not _after_base_marker(doc, m.start())}
    if len(numbers) != 1:
        return None
    month, quarter = next(iter(ends)), int(next(iter(numbers)))
    end = (month + 3 * (4 - quarter) - 1) % 12 + 1
    return None if end == CALENDAR_END else end


#: a quarter said by its number ('Q3', 'third quarter', '第三季度')
_QUARTER_NUMBER = re.compile(r"(?<![a-z0-9])q([1-4])(?![0-9])|(?<![a-z])(first|second|third|fourth)[- ]quarter"
                             r"|第([一二三四1-4])季")
_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "一": "1", "二": "2", "三": "3", "四": "4"}



def _after_base_marker(doc: Doc, at: int) -> bool:
    """Does a comparison's word (cues.toml [period] ``base_markers``) stand right before
    ``at`` ('versus Q3 2024', '较第三季度'): the base's quarter, not the one reported?"""
    return any(doc.low[b.end:at].strip() in ("", "the") for b in doc.among(doc.marks["base_markers"], at - 24, at))


def _fiscal_marked(doc: Doc, date: Spot) -> bool:
    """Is the date a fiscal year's, half's or quarter's ('2026财年上半年', 'fiscal 2026')?"""
    lex = lexicon()
    if not re.fullmatch(r"\d{4}(?:-[HQ][1-4])?", str(date.mention.value or "")):
        return False
    text = doc.low[date.start:date.end]
    before = doc.low[max(0, date.start - 12):date.start]
    return any(w in before for w in lex["fiscal_before"]) \
        or bool(patterns()["fiscal"].search(text))  # 'H1 FY25', 'Q2FY26', '2026财年': a fiscal word inside


def prepare(doc: Doc) -> None:
    """Once per article, before its periods are read: place the spans ended in a
    stated month, and give the fiscal periods of an article on a fiscal year their
    calendar spans (bare halves and quarters are of the year reported on)."""
    if doc.memo.get("fiscal_ready"):
        return
    doc.memo["fiscal_ready"] = True
    fiscal = calendar(doc)
    spans = spans_of(doc)
    if not spans and fiscal is None:
        return
    dates = list(doc.dates)
    added: list[Spot] = []
    for s in spans:
        value = _span_value(doc, s, fiscal)
        if not value:
            continue
        inside = [d for d in dates if s.start <= d.start and d.end <= s.end]
        if inside:  # the dates left are those not inside (an equal date lies inside too: no Spot compares)
            dates = [d for d in dates if not (s.start <= d.start and d.end <= s.end)]
        # the spans already read there ('nine months', 'the six months ended ...') keep their place
        at = [(d.start, d.end) for d in inside if re.search(r"/|-[HQ]", str(d.mention.value or ""))]
        for a, b in at or [(s.start, s.head)]:
            added.append(Spot(a, b, BareDate(value, value, doc.low[a:b])))
    if fiscal is not None:
        reported = next((str(d.mention.value) for d in added), "")
        if not reported and any(w in doc.low for w in lexicon()["interim"]):
            reported = fiscal.span(fiscal.year, 0, 6)
        dates = [_fiscal_date(doc, d, fiscal, reported) for d in dates]
    doc.dates = sorted(dates + added, key=lambda d: d.start)


def _span_value(doc: Doc, s: Span, fiscal: Fiscal | None) -> str:
    year = s.year
    if year is None and fiscal is not None:
        year = fiscal.year if s.month <= fiscal.end else fiscal.year - 1
    if year is None and doc.published[:7].count("-") == 1:
        year = int(doc.published[:4]) - (1 if s.month > int(doc.published[5:7]) else 0)
    if year is None:
        return ""
    b = year * 12 + s.month - 1
    value = _months(b - s.months + 1, b)
    return value if fiscal is not None else calendar_label(value)


def _fiscal_date(doc: Doc, date: Spot, fiscal: Fiscal, reported: str) -> Spot:
    """A date of an article on a fiscal year, as the calendar span it names."""
    lex = lexicon()
    value = str(date.mention.value or "")
    text = doc.low[date.start:date.end]
    new = ""
    if isinstance(date.mention, BareDate) and re.fullmatch(r"\d{4}-(?:H[12]|Q[1-4])", value) \
            and not re.search(r"\d{4}", text):
        new = fiscal.part(value, fiscal.year)  # '上半年', 'third-quarter': the year reported on
    elif _fiscal_marked(doc, date):
        new = fiscal.part(value)  # '2026财年上半年'
    elif re.fullmatch(r"(\d{4})/(\d{4})", value) and int(value[5:]) == int(value[:4]) + 1:
        after = doc.low[date.end:date.end + 6]
        if any(doc.low.startswith(w, date.end) or after.lstrip("年").startswith(w) for w in lex["straddle_after"]):
            label = int(value[5:])  # '2025-2026年中期': the first half of the year 2025/26
            half = any(w in after for w in ("中期", "上半"))
            new = fiscal.span(label, 0, 6) if half else fiscal.span(label, 0, 12)
    elif re.fullmatch(r"\d{4}", value) and reported and doc.low.startswith(tuple(lex["same_period"]), date.end):
        shift = int(value) - int(reported[:4])  # '2024年同期': the reported half, in 2024
        m = _SPAN.fullmatch(reported)
        if m:
            new = _months((int(m.group(1)) + shift) * 12 + int(m.group(2)) - 1,
                          (int(m.group(3)) + shift) * 12 + int(m.group(4)) - 1)
    if not new:
        return date
    return Spot(date.start, date.end, BareDate(new, new, text))


def label(doc: Doc, period: str) -> str:
    """The period as given out: a calendar span of an article on a fiscal year
    that is one of its fiscal years, halves or quarters takes the fiscal label
    ('2025-04/2025-09' -> '2026-H1' for a year ending in March), in any other
    article its calendar label ('2025-01/2025-06' -> '2025-H1'); any other
    period is itself."""
    if "/" not in period:
        return period
    fiscal = calendar(doc)
    if fiscal is None:
        return calendar_label(period)  # '2025-01/2025-06' is 2025-H1 whichever way the article said it
    found = fiscal.label(period)
    if not found:
        return period
    doc.memo.setdefault("fiscal_spans", {})[found] = period
    return found


def calendar_span(doc: Doc, period: str) -> str:
    """The calendar span a fiscal label given out stands for ('2026-H1' ->
    '2025-04/2025-09'), else the period itself."""
    return str(doc.memo.get("fiscal_spans", {}).get(period, period))

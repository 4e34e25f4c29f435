"""An article analysed once for framing: the cleaned (simplified) text, its
sentences and clauses, and every entity, cue and marker found in it, all in
cleaned-text offsets.  :mod:`ledger.framerules` reads it; nothing here decides
a field.
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from ledger.framing.cues import (
    Hit,
    Lexicon,
    WordIndex,
    clauses,
    default_lexicon,
    entity_words,
    find_all,
    find_words,
    sentences,
)
from ledger.framing.names import (
    code_spans,
    discover,
    fold_name,
    glued_cjk,
    glued_latin,
    short_alias_stems,
    short_aliases,
    splits_word,
    straddles_suffix,
)
from ledger.framing.names import hits as name_hits
from ledger.framing.spans import Span, ended_spans
from ledger.numbers import dates as _dates
from ledger.record import metrics
from ledger.sources.articles import CleanText, OffsetMap, clean, to_simplified
from ledger.units import KIND_DIMENSION

#: Which mention kinds can carry a metric of each dimension.

#: Marker lists of cues.toml read into ``Doc.marks`` (section, key).
MARK_LISTS = (
    ("roles", "object_markers"), ("roles", "passive_markers"), ("roles", "person_roles"),
    ("period", "base_markers"), ("period", "anaphora"), ("period", "present_clause"),
    ("period", "present_adjacent"), ("period", "change_from"), ("period", "change_to"),
    ("roles", "pair_words"), ("topic", "markers"), ("period", "speech"), ("period", "year_back"),
    ("period", "full_year"), ("period", "this_year"), ("change", "yoy"), ("change", "qoq"), ("change", "up"),
    ("change", "down"),
    ("change", "level"), ("change", "after"), ("part", "topic"), ("basis", "adjusted"), ("basis", "attributable"),
    ("basis", "diluted"), ("basis", "basic"), ("basis", "adjusted_after"),
    ("roles", "respectively"), ("roles", "each"), ("period", "month_back"), ("period", "quarter_back"),
    ("period", "period_back"), ("roles", "modifier_after"), ("period", "quarter_before"),
)


_START = attrgetter("start")

#: no entity name, cue word or mention is longer than this (characters)
LONGEST = 200


@dataclass(frozen=True)
class Spot:
    """A mention placed in the cleaned text."""

    start: int
    end: int
    mention: Any


@dataclass(frozen=True)
class BareDate:
    """A year-less period ('第二季度', 'third-quarter', '上半年', '年底') read as
    a date of the article for framing only (the mention finder leaves it
    alone; it is never a claim).  ``value`` is the period in the published
    year; ``past`` what an account of something done means when the period
    had not begun by the published date (the year before), else ``value``."""

    value: str
    past: str
    surface: str
    kind: str = "date"


@dataclass
class Doc:
    clean: CleanText
    low: str
    sentences: list[tuple[int, int]]
    clauses: list[tuple[int, int]]
    entities: list[Hit]
    metric_hits: list[Hit]
    modality_hits: list[Hit]
    marks: dict[str, list[Hit]]
    dates: list[Spot]
    lex: Lexicon
    spots: list[Spot] = field(default_factory=list)
    published: str = ""
    facts: dict[int, dict] = field(default_factory=dict)  # mention start -> framed fields so far
    memo: dict[str, Any] = field(default_factory=dict)  # what rules work out once per article
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _clause_starts: list[int] = field(default_factory=list)
    _index: dict[int, tuple[list, list[int]]] = field(default_factory=dict)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        spans = self.sentences  # _containing, inlined (asked ~60,000 times per MB with clause_of)
        return spans[max(bisect_right(self._sent_starts, pos) - 1, 0)] if spans else (0, 0)

    def clause_of(self, pos: int) -> tuple[int, int]:
        spans = self.clauses
        return spans[max(bisect_right(self._clause_starts, pos) - 1, 0)] if spans else (0, 0)

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        """Paragraphs are separated by a blank line (a single line break only ends a sentence)."""
        at = bisect_right(self.paragraphs, (pos, len(self.low) + 1)) - 1
        if at >= 0 and self.paragraphs[at][0] <= pos < self.paragraphs[at][1]:
            return self.paragraphs[at]
        return (0, len(self.low))

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the cleaned text."""
        starts = self.clean.starts
        if isinstance(starts, OffsetMap):  # bisection over its runs, not item by item
            s, e = starts.bisect_left(start), starts.bisect_left(end)
        else:
            s, e = bisect_left(starts, start), bisect_left(starts, end)
        return s, max(e, s + 1)

    def among(self, items: list, lo: int, hi: int) -> list:
        """The items of ``items`` (sorted by start) lying within ``[lo, hi)``,
        found by bisection: framing asks this for every mention, so it must
        not cost a pass over the whole article (linear extraction time)."""
        starts = self._index.get(id(items))  # self.starting(items, lo, hi), inlined
        if starts is None or starts[0] is not items:
            starts = self._index[id(items)] = (items, [h.start for h in items])
        keys = starts[1]
        first = bisect_left(keys, lo)
        last = bisect_left(keys, hi, first)
        if first == last:  # three asks in four find nothing there: no slice, no comprehension
            return []
        return [h for h in items[first:last] if h.end <= hi]

    def starting(self, items: list, lo: int, hi: int) -> list:
        """The items of ``items`` (sorted by start) that start in ``[lo, hi)``."""
        starts = self._index.get(id(items))  # self._keys(items), inlined: asked ~80,000 times per MB
        if starts is None or starts[0] is not items:
            starts = self._index[id(items)] = (items, [h.start for h in items])
        keys = starts[1]
        return items[bisect_left(keys, lo):bisect_left(keys, hi)]

    def count_before(self, items: list, pos: int) -> int:
        """How many items of ``items`` (sorted by start) start before ``pos``."""
        return bisect_left(self._keys(items), pos)

    def _keys(self, items: list) -> list[int]:
        starts = self._index.get(id(items))
        if starts is None or starts[0] is not items:
            starts = self._index[id(items)] = (items, [h.start for h in items])
        return starts[1]

    def touching(self, items: list, lo: int, hi: int) -> list:
        """The items overlapping ``[lo, hi)`` (none is longer than ``LONGEST``)."""
        return [h for h in self.starting(items, lo - LONGEST, hi) if lo < h.end]

    def spot(self, mention) -> Spot:
        return Spot(*self.to_clean(mention.start, mention.end), mention)

    def marks_words(self, key: str) -> tuple[str, ...]:
        """A word list of cues.toml's [period] table."""
        return tuple(self.lex.period.get(key, ()))

    def text(self, start: int, end: int) -> str:
        return self.low[start:end]


def _containing(spans: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int]:
    i = bisect_right(starts, pos) - 1
    return spans[max(i, 0)] if spans else (0, 0)


def inside(span: tuple[int, int], hit) -> bool:
    """Does ``hit`` (anything with start/end) lie within ``span``?"""
    return span[0] <= hit.start and hit.end <= span[1]


def fits(metric: str, kind: str) -> bool:
    """Can a mention of ``kind`` carry ``metric`` (by the metric's dimension)?"""
    return metrics().get(metric, {}).get("dimension") == KIND_DIMENSION.get(kind)


def analyse(text: str | CleanText, mentions: list, lex: Lexicon | None = None, *, published: str = "") -> Doc:
    """Clean ``text`` (unless it is a :class:`CleanText` already) and find
    everything framing needs in it, once."""
    lex = lex or default_lexicon()
    ct = text if isinstance(text, CleanText) else clean(text)
    low = ct.text.lower()
    sent = sentences(ct.text, lex)
    section = {"roles": lex.roles, "period": lex.period, "topic": lex.topic, "change": lex.change, "part": lex.part,
               "basis": lex.basis}
    mark_words = {key: tuple(section[sec].get(key, ())) for sec, key in MARK_LISTS}
    # one pass over the text for every list below, the entities' names too
    entity_names = entity_words(lex)
    index = WordIndex(low, [*_word_lists(lex, mark_words), tuple(entity_names), short_alias_stems(lex)])
    ignored = find_all(low, lex.ignore, index=index)
    ignored_starts = [i.start for i in ignored]
    reach = max((i.end - i.start for i in ignored), default=0)

    def is_ignored(h: Hit) -> bool:  # overlaps an ignored phrase (those starting from ``reach`` before it)
        lo, hi = bisect_left(ignored_starts, h.start - reach), bisect_left(ignored_starts, h.end)
        return any(h.start < i.end for i in ignored[lo:hi])

    metric_hits = _unstraddled(sorted(
        (h for m, ws in lex.metric_cues.items() for h in find_all(low, ws, m, index=index) if not is_ignored(h)),
        key=lambda h: (h.start, -h.end),
    ), frozenset(m for m in lex.metric_cues if lex.spec(m, "refines", ())))
    modality_hits = [
        h
        for name, scopes in lex.modality_cues.items()
        for scope, words in scopes.items()
        for h in find_all(low, words, name, scope, index=index)
        if not (lex.attributive.get(name) and low.startswith(lex.attributive[name], h.end))
        and not (lex.nominal.get(name) and low.endswith(lex.nominal[name], 0, h.start))
    ]
    marks = {key: find_all(low, words, index=index) for key, words in mark_words.items()}
    clause_spans = clauses(ct.text, sent, lex)
    doc = Doc(
        clean=ct, low=low, sentences=sent, clauses=clause_spans,
        entities=find_words(low, {**short_aliases(lex, low, index), **entity_names}, index), metric_hits=metric_hits,
        modality_hits=sorted(modality_hits, key=_START), marks=marks, dates=[], lex=lex,
        published=published or "", _sent_starts=[s for s, _ in sent], _clause_starts=[s for s, _ in clause_spans],
    )
    doc.memo["word_index"] = index
    codes = code_spans(ct.text, lex)  # 'HKEX' in '(NYSE:MNSO;HKEX:9896)' is where it is listed
    if codes:  # brackets do not overlap: the one starting last at or before the name holds it, if any
        code_starts = [a for a, _ in codes]

        def in_code(e: Hit) -> bool:
            k = bisect_right(code_starts, e.start) - 1
            return k >= 0 and e.end <= codes[k][1]

        doc.entities = [e for e in doc.entities if not in_code(e)]
    doc.entities = [e for e in doc.entities
                    if not splits_word(low, e.start, e.end) and not straddles_suffix(low, e.start, e.end, lex)
                    and not glued_latin(ct.text, e.start, e.end, lex) and not glued_cjk(low, e.start, e.end, lex)]
    found = discover(ct.text, low, lex, doc.entities, lex.cue_words)
    doc.entities = sorted(doc.entities + name_hits(low, found, doc.entities), key=_START)
    sources, research = set(lex.role("source_types")), set(lex.role("research_types"))
    doc.marks["research"] = [e for e in doc.entities if e.kind in research]  # whose word a figure is on
    authors = _authors(doc)
    doc.entities = [e for e in doc.entities if not _is_source(doc, e) and e.kind not in sources
                    and fold_name(e.name) not in authors]
    authorities = set(lex.role("authority_types"))
    if authorities and any(e.kind in authorities for e in doc.entities):
        # an exchange or a regulator is where a company lists or who oversees it, not a
        # party to its figures - unless the article is about it (its headline's first)
        main = _main_company(doc, headline_only=True)
        doc.entities = [e for e in doc.entities if e.kind not in authorities or (main is not None
                                                                                and e.name == main.name)]
    doc.entities = sorted(doc.entities + _main_company_words(doc), key=_START)
    doc.marks["tolerance"] = find_all(low, lex.tolerance, index=index)
    doc.spots = [doc.spot(m) for m in sorted(mentions, key=lambda m: m.start)]
    doc.dates = [s for s in doc.spots if s.mention.kind == "date"]
    bare = _bare_dates(doc) + _joined_months(doc)
    spans = [(b.start, b.end) for b in bare if "/" in str(b.mention.value)]
    # '前11月': the span from January, not the month inside its words
    doc.dates = sorted([d for d in doc.dates if not any(a <= d.start and d.end <= b and (a, b) != (d.start, d.end)
                                                        for a, b in spans)] + bare, key=lambda s: s.start)
    doc.paragraphs = paragraphs(doc.low)
    return doc


def _word_lists(lex: Lexicon, mark_words: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Every word list :func:`analyse` looks for in the text."""
    return [lex.ignore, lex.tolerance, *lex.metric_cues.values(),
            *(words for scopes in lex.modality_cues.values() for words in scopes.values()), *mark_words.values(),
            lex.role("main_company"), lex.role("main_company_initial"),
            tuple(to_simplified(w).lower() for w in lex.period.get("year_to_date", {}))]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the text between blank lines."""
    out, start = [], 0
    for m in re.finditer(r"\n[ \t\u3000]*\n\s*", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _bare_dates(doc: Doc) -> list[Spot]:
    """Year-less periods (:func:`ledger.dates.bare_periods`) that no mention
    covers.  A quarter in an article that names a fiscal year ('the second
    quarter of fiscal 2026 ... third-quarter revenue') takes that year's
    fiscal label (2026-Q3), as the fiscal quarter itself does: fiscal quarters
    are no calendar quarters."""
    anchor = doc.published or _article_year(doc)
    if not anchor:
        return _named_parts(doc)
    # undated: a year-less quarter or half the text also names with its year is that one ('Q3
    # 2025' ... 'the third quarter'), not one of the latest year it mentions (2026 in an outlook)
    named = [] if doc.published else _named_parts(doc)
    try:
        found = _dates.bare_periods(doc.low, anchor)
    except ValueError:
        return named
    if named:
        taken = {(n.start, n.end) for n in named}
        found = [b for b in found if (b.start, b.end) not in taken]
    fiscal = tuple(doc.lex.period.get("fiscal", ()))
    # the dates a fiscal word stands by ('fiscal 2026'), in the spots' order: asked at every
    # quarter, found once (not by a pass back over every spot before each quarter)
    fiscal_dates = [d for d in doc.spots if d.mention.kind == "date" and d.mention.value
                    and any(w in doc.low[max(0, d.start - 12) : d.end] for w in fiscal)]
    out = []
    for b in found:
        if doc.touching(doc.spots, b.start, b.end):
            continue
        value, past = b.value, b.value if b.begun else _dates.year_before(b.value)
        if b.quarter:
            label = next((str(d.mention.value)[:4] for d in reversed(doc.starting(fiscal_dates, 0, b.start))
                          if d.end <= b.start), "")
            if label:  # the fiscal label: 'third-quarter revenue' in a fiscal 2026 article is 2026-Q3
                value = past = label + b.value[4:]
        out.append(Spot(b.start, b.end, BareDate(value, past, doc.low[b.start : b.end])))
    return named + out + _year_to_date(doc, anchor[:4]) + _months_ended(doc, anchor[:4])


def _named_parts(doc: Doc) -> list[Spot]:
    """In an article whose own year is unknown (no published date, and years counted
    from an unknown now: '今年', 'last year'), a year-less quarter or half ('第3季',
    'the second quarter', '上半年') that the article also names with a year, in one year
    only and not as a comparison base ('2025年第3季', 'the second quarter of 2025'), is
    that quarter or half: the text says which year it means.  Named in two years (a
    quarter and its base a year before said as plain dates) or in none, it stays
    undated."""
    try:
        found = _dates.bare_periods(doc.low, "2000")  # the part only; the year is the text's
    except ValueError:
        return []
    named: dict[str, set[str]] = {}
    for s in doc.spots:
        value = str(s.mention.value or "") if s.mention.kind == "date" else ""
        if _SUB_YEAR.fullmatch(value) and _base_of_year(doc, s) is None and not _ahead(doc, s):
            named.setdefault(value[4:], set()).add(value[:4])
    out = []
    for b in found:
        years = named.get(b.value[4:], set())
        if len(years) != 1 or doc.touching(doc.spots, b.start, b.end):
            continue
        value = next(iter(years)) + b.value[4:]
        out.append(Spot(b.start, b.end, BareDate(value, value, doc.low[b.start : b.end])))
    return out


def _unstraddled(hits: list[Hit], refiners: frozenset[str] = frozenset()) -> list[Hit]:
    """The metric cues less those inside a longer cue of another metric or straddling
    the end of one that starts before them: the longer cue names the figure ('loss of'
    in 'an operating loss of $210 million' is the operating loss's, not a net loss;
    'sales' in 'same-store sales' is no revenue).  A cue that refines another metric
    (``refiners``: 承诺 in 算力承诺 measured against revenue) stays.  ``hits`` are sorted
    by start, the longest first."""
    out: list[Hit] = []
    reach: Hit | None = None  # the hit reaching furthest so far
    for h in hits:
        if reach is not None and reach.name != h.name and h.name not in refiners \
                and reach.end - reach.start > h.end - h.start \
                and reach.start <= h.start < reach.end and (h.end <= reach.end or reach.start < h.start):
            continue
        out.append(h)
        if reach is None or h.end > reach.end:
            reach = h
    return out


def spans_of(doc: Doc) -> list[Span]:
    """:func:`~ledger.framing.spans.ended_spans` of the article, found once (framing asks for them three times)."""
    if "ended_spans" not in doc.memo:
        doc.memo["ended_spans"] = ended_spans(doc.low)
    return list(doc.memo["ended_spans"])


def _months_ended(doc: Doc, year: str) -> list[Spot]:
    """'the three months ended Sept. 30', '截至9月30日止三个月', 'the fiscal year ended
    October 31': the span of so many months ending that month (a quarter, a half, nine
    months, a year), in ``year`` when the text gives none.  One grammar for such spans:
    :func:`ledger.framing.spans.ended_spans` (fiscal.toml)."""
    out = []
    for sp in spans_of(doc):
        y = str(sp.year) if sp.year else year
        if not y or any(s.mention.kind == "date" and "/" in str(s.mention.value)
                        for s in doc.touching(doc.spots, sp.start, sp.end)):
            continue
        value = _span(int(y), sp.month, sp.months)
        out.append(Spot(sp.start, sp.end, BareDate(value, value, doc.low[sp.start:sp.end])))
    return out


def _span(year: int, month: int, n: int) -> str:
    first = month - n + 1
    if first < 1:
        return f"{year - 1}-{first + 12:02d}/{year}-{month:02d}"
    if n == 3 and month % 3 == 0:
        return f"{year}-Q{month // 3}"
    if n == 6 and month in (6, 12):
        return f"{year}-H{month // 6}"
    if n == 12 and month == 12:
        return str(year)
    return f"{year}-{first:02d}/{year}-{month:02d}"


def _year_to_date(doc: Doc, year: str) -> list[Spot]:
    """Spans from the start of the year ('首三季', 'first nine months'), in the
    year of an explicit year right before them ('2025年前三季度'), else the
    article's year (cues.toml [period.year_to_date])."""
    spans = doc.lex.period.get("year_to_date", {})
    out = []
    for word, months in spans.items():
        for h in find_all(doc.low, (to_simplified(word).lower(),), index=doc.memo.get("word_index")):
            if any(s.mention.kind == "date" and "/" in str(s.mention.value)
                   for s in doc.touching(doc.spots, h.start, h.end)):
                continue
            lead = re.search(r"((?:19|20)\d\d)\s*年?\s*(?:of\s*)?$", doc.low[max(0, h.start - 8):h.start])
            y = lead.group(1) if lead else year
            if y.isdigit():
                value = f"{y}-01/{y}-{int(months):02d}"
                out.append(Spot(h.start, h.end, BareDate(value, value, doc.low[h.start:h.end], kind="date")))
    return out


_SUB_YEAR = re.compile(r"(\d{4})-(?:Q[1-4]|H[12])")


_JOIN = re.compile(r"\s*(?:与|和|及|至|到|-|–|~|and|to|through)\s*")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _joined_months(doc: Doc) -> list[Spot]:
    """'10月与11月累计营收', 'Combined October-November sales', '10月至11月': two
    months joined as one span (a range, or two months summed), framing only."""
    months = [d for d in doc.dates if _MONTH.fullmatch(str(d.mention.value or ""))]
    out = []
    for a, b in itertools.pairwise(months):
        link = doc.low[a.end:b.start]
        if not _JOIN.fullmatch(link) or str(a.mention.value) >= str(b.mention.value):
            continue
        ranged = link.strip() in doc.marks_words("month_range")
        around = doc.low[max(0, a.start - 12):a.start] + doc.low[b.end:b.end + 6]
        if ranged or any(w in around for w in doc.marks_words("cumulative")):
            value = f"{a.mention.value}/{b.mention.value}"
            out.append(Spot(a.start, b.end, BareDate(value, value, doc.low[a.start:b.end])))
    return out


def _article_year(doc: Doc) -> str:
    """With no published date, the latest year the article states in full
    ('2025年第三季度...'; earlier years are comparisons) stands in for it:
    '第三季' then means that year's.  A quarter or half named as the base of a
    comparison ('较2024年第三季度增长6%', 'compared with the second quarter of
    2024') is the same part of the year before, so it vouches for the year
    after it, even in an article that counts years from its unknown now
    ('去年同期'); otherwise such an article's own year is unknown."""
    dates = [s for s in doc.spots if s.mention.kind == "date" and str(s.mention.value or "")[:4].isdigit()]
    based = {s.start: _base_of_year(doc, s) for s in dates}
    bases = [str(int(str(s.mention.value)[:4]) + 1) for s in dates if based[s.start]]
    if any(w in doc.low for w in doc.marks_words("relative_year")):
        return max(bases, default="")  # a year counted from the unknown publication date
    # a year said of what is to come ('预计至2026年底') is no year the article is in
    years = [str(s.mention.value)[:4] for s in dates if based[s.start] is None and not _ahead(doc, s)]
    return max(years + bases, default="")


def _ahead(doc: Doc, date: Spot) -> bool:
    """Is the date a horizon said of what is to come: a horizon word right
    before it ('至', 'by') and a forward-looking modality cue (forecast, target,
    plan) earlier in its clause ('预计至2026年底', 'expects to double by 2030')?"""
    if not doc.low[max(0, date.start - 8):date.start].rstrip().endswith(doc.marks_words("horizon")):
        return False
    clause = doc.clause_of(date.start)
    present = {doc.lex.modality_default, *doc.lex.period.get("present_modalities", ())}
    return any(h.name not in present and clause[0] <= h.start < date.start for h in doc.modality_hits)


def _base_of_year(doc: Doc, date: Spot) -> bool | None:
    """None when the date is no comparison base; True when it is the base of
    a comparison with the same part of the year after it ('较2024年第三季度',
    'on the same quarter of 2024'); False for another base ('较2019年')."""
    marks = [b for b in doc.among(doc.marks["base_markers"], max(0, date.start - 24), date.start)
             if doc.low[b.end:date.start].strip() in ("", "the")]
    if not marks:
        return None
    clause = doc.clause_of(date.start)
    if doc.among(doc.marks["qoq"], date.end, clause[1]):
        return False  # '较2025年第二季度…环比增长': the quarter before, not the same one a year before
    return bool(_SUB_YEAR.fullmatch(str(date.mention.value or ""))) or any(
        p in doc.low[marks[-1].start:date.start] for p in doc.marks_words("same_part"))


def about_report(doc: Doc) -> bool:
    """Is the article about a research firm's report (the firm named in its
    lead sentence: '國際數據公司（IDC）近日發佈…報告', 'According to Omdia...')?
    Its figures are the firm's estimates, and the period it reports on holds
    for every company it ranks, not only the first it names."""
    lead = doc.sentences[0] if doc.sentences else (0, 0)
    return bool(doc.among(doc.marks.get("research", []), *lead))


def main_company(doc: Doc) -> Hit | None:
    """The company an article is about: the first organisation of its
    headline (first line), else the organisation it names most often."""
    kept = doc.memo.get("main_company")
    if kept is None or kept[0] is not doc.entities:
        kept = doc.memo["main_company"] = (doc.entities, _main_company(doc))
    return kept[1]


def headline_span(text: str) -> tuple[int, int]:
    """Where the headline stands: the first line that is not a row of a table (a
    research note's header '| 1 | 国信证券 | 孔祥 | 维持 | 增持 | …' names its broker,
    not the company it is about)."""
    at = 0
    for line in text.split("\n"):
        body = line.strip()
        if body and not body.startswith("|"):
            start = at + line.index(body[0])
            return start, start + len(body)
        at += len(line) + 1
    return 0, 0


def _main_company(doc: Doc, headline_only: bool = False) -> Hit | None:
    """The organisation the article is about: the first its headline names, else
    (unless ``headline_only``) the one it names most, the earliest of a tie."""
    types = frozenset(doc.lex.role("organisation_types"))
    orgs = [e for e in doc.entities if e.kind in types]
    if not orgs:
        return None
    head_start, head_end = headline_span(doc.low)
    in_head = [e for e in orgs if head_start <= e.start and e.end <= head_end]
    if in_head:
        return in_head[0]
    if headline_only:
        return None
    counts: dict[str, int] = {}
    for e in orgs:
        counts[e.name] = counts.get(e.name, 0) + 1
    best = max(counts, key=lambda n: (counts[n], -next(e.start for e in orgs if e.name == n)))
    return next(e for e in orgs if e.name == best)


def _main_company_words(doc: Doc) -> list[Hit]:
    """'the company', 'its', '该公司' (and '公司' opening a clause) as hits of
    the article's main company, where no entity is named already."""
    main = main_company(doc)
    if main is None:
        return []
    hits = find_all(doc.low, doc.lex.role("main_company"), index=doc.memo.get("word_index"))
    starts = {s for s, _ in doc.clauses}
    for h in find_all(doc.low, doc.lex.role("main_company_initial"), index=doc.memo.get("word_index")):
        lead = doc.clause_of(h.start)[0]
        if lead in starts and not doc.low[lead : h.start].strip(" \t\n,，"):
            hits.append(h)
    orgs = set(doc.lex.role("organisation_types"))
    pronouns = set(doc.lex.role("sentence_pronouns"))
    out: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if doc.touching(doc.entities, h.start, h.end) or (out and out[-1].end > h.start):
            continue
        # 'Apple improved its position': a pronoun stands for the organisation its
        # sentence names as its subject (the first not introduced as a counterpart:
        # 'Samsung holds 1.6% of ASML, and its market value...' is Samsung's), else
        # for the article's company
        named = []
        if h.word in pronouns:
            sent = doc.sentence_of(h.start)
            named = [e for e in doc.among(doc.entities, sent[0], h.start)
                     if e.kind in orgs and not marked(doc, e, "object_markers")]
            if not named and out and out[-1].start >= sent[0]:
                named = [out[-1]]  # 'The company is worth $4 trillion, and its market value...'
            if not named:
                named = _antecedent(doc, sent[0], main, orgs)
        ref = named[0] if named else main
        out.append(Hit(h.start, h.end, ref.name, h.word, ref.kind))
    return out


def _antecedent(doc: Doc, before: int, main: Hit, orgs: set[str]) -> list[Hit]:
    """A possessive whose own sentence names no organisation stands for the
    subject of the nearest earlier sentence of its paragraph that names one
    (the first organisation there not introduced as a counterpart): 'Samsung
    raised its revenue to $13.5 billion. It retained its position with a 32.6%
    share.' is Samsung's in a report on several companies.  That sentence
    naming the article's company keeps the article's company."""
    para = doc.paragraph_of(before)
    at = before
    while at > para[0]:
        sent = doc.sentence_of(at - 1)
        if sent[0] >= at:
            break
        every = [e for e in doc.among(doc.entities, sent[0], sent[1]) if e.kind in orgs]
        if any(e.name == main.name for e in every):
            return [main]
        named = [e for e in every if not marked(doc, e, "object_markers")]
        if named:
            return named[:1]
        at = sent[0]
    return []


_DATELINE = re.compile(r"^(?:\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日|今日|昨日|昨天|今天)(?:电|讯)?")
#: the characters other than digits :data:`_DATELINE` can start with
_DATELINE_FIRST = frozenset("今昨")


def _authors(doc: Doc) -> set[str]:
    """Folded names of the article's note writers: a name right before one of
    ``[roles] author_after`` ('开源证券发布研报称', 'Open Source Securities released a
    research report'), or right after one of ``[roles] author_labels`` and a colon
    (a note's header: '机构:长江证券')."""
    words = doc.lex.role("author_after")
    labels = tuple(f"{w}{c}" for w in doc.lex.role("author_labels") for c in (":", "："))
    if not words and not labels:
        return set()
    return {fold_name(e.name) for e in doc.entities
            if (words and doc.low[e.end:e.end + 40].lstrip().startswith(words))
            or (labels and doc.low[max(0, e.start - 8):e.start].rstrip().endswith(labels))}


def _is_source(doc: Doc, ent: Hit) -> bool:
    """'据路透社报道', '某分析师认为': where the claim comes from, not
    what it is about."""
    before = doc.low[max(0, ent.start - 4) : ent.start].rstrip()
    if before.endswith(doc.lex.role("source_before")):
        return True
    # a dateline may stand between an outlet and its word: '红星资本局11月29日消息'
    after = doc.low[ent.end : ent.end + 16].lstrip()
    if after[:1].isdecimal() or after[:1] in _DATELINE_FIRST:  # else the dateline pattern cannot match
        after = _DATELINE.sub("", after).lstrip()
    if not after.startswith(doc.lex.role("source_after")):
        return False
    # 'Samsung reported revenue of $13.5 billion': a company reports its own figures; an
    # outlet the table does not know reports news ('Caixin reported that', 'reported on Monday')
    verb = next((w for w in doc.lex.role("own_report_verbs") if after.startswith(w)), "")
    if not verb:
        return True
    if doc.lex.entity_types.get(ent.name) == "company":
        return False
    rest = after[len(verb):].lstrip()
    return not rest or rest.startswith(doc.lex.role("report_clause_openers"))


# --------------------------------------------------------------------------- entity relations


def previous_entity(doc: Doc, ent: Hit) -> Hit | None:
    clause = doc.clause_of(ent.start)
    before = doc.among(doc.entities, clause[0], ent.start)
    return before[-1] if before else None


def enumerated(doc: Doc, a: Hit, b: Hit) -> bool:
    """Are ``a`` and the later ``b`` joined only by enumerators ('A、B', 'A和B')?"""
    gap = doc.low[a.end : b.start].strip()
    words = sorted(doc.lex.role("enumerators"), key=len, reverse=True)
    while gap:
        for w in words:
            if gap.startswith(w):
                gap = gap[len(w) :].strip()
                break
        else:
            return False
    return True


def marked(doc: Doc, ent: Hit, key: str, reach: int = 12) -> bool:
    """Is ``ent`` introduced by a marker of ``doc.marks[key]`` (within ``reach``
    characters before it, in its clause, with no entity between)?  An entity
    enumerated after a marked one ('与A公司、B公司') is marked too.  Asked for
    every entity of a sentence for each of its numbers: the answer is kept
    while the entities and that list of marks are the same lists."""
    marks = doc.marks[key]
    kept = doc.memo.get("marked")
    if kept is None or kept[0] is not doc.entities:
        kept = doc.memo["marked"] = (doc.entities, {})
    answers: dict[tuple[Hit, str, int], tuple[list, bool]] = kept[1]
    ask = (ent, key, reach)
    known = answers.get(ask)
    if known is not None and known[0] is marks:
        return known[1]
    answer = _marked(doc, ent, key, reach)
    answers[ask] = (marks, answer)
    return answer


_COPULA = re.compile(r"\s*(?:是|系|乃|is\b|was\b|are\b|were\b)")


def _marked(doc: Doc, ent: Hit, key: str, reach: int) -> bool:
    clause = doc.clause_of(ent.start)
    prev = previous_entity(doc, ent)
    floor = max(clause[0], ent.start - reach, prev.end if prev else 0)
    # a marker a copula follows is a noun, not a verb introducing the name ('这笔投资是Cerebras…':
    # this investment is Cerebras's round)
    if any(not _COPULA.match(doc.low, m.end) for m in doc.among(doc.marks[key], floor, ent.start)):
        return True
    return prev is not None and enumerated(doc, prev, ent) and marked(doc, prev, key, reach)


def org_for_person(doc: Doc, person: Hit) -> Hit | None:
    """'某公司首席执行官张三': the organisation named with the person's role."""
    orgs = set(doc.lex.role("organisation_types"))
    before = doc.among(doc.entities, person.start - 12 - LONGEST, person.start)
    before = [e for e in before if person.start - e.end <= 12]
    for org in reversed(before):
        if org.kind in orgs and doc.among(doc.marks["person_roles"], org.end, person.start):
            return org
    return None

"""Framing: who a number is about (subject), its counterpart (object), what it
measures (metric), when it holds (period) and how sure the text is
(modality), each with a confidence, so reviewers can sort by what most needs
their eye.

Framing reads the cleaned, simplified text (:func:`ledger.sources.clean`), so
traditional and simplified articles frame alike; every offset it hands on is
mapped back into the original text.  The words it relies on are data
(``lexicon/cues.toml``, ``lexicon/entities.toml``); the rules below are about
positions only: the clause and sentence of the number, markers before an
entity, the nearest cue.

Rules, in short (the README's framing section has the full list):

* subject - nearest entity before the number in its clause, then in its
  sentence, that no object marker (对/向/给/与/in/to...) introduces; the agent
  after a passive marker (被/by) wins; a person introduced with an
  organisation's role (X首席执行官Y) gives way to the organisation for amounts;
  then an entity after the number in the clause; then the last subject of the
  previous sentences of the paragraph.
* object - for metrics that have one: the entity an object marker introduces,
  nearest in the clause, then the sentence; the passive patient; then the
  nearest other entity of the sentence.
* metric - the nearest cue, in the clause, of a metric whose dimension fits the
  mention's kind; then in the sentence; then the kind's default metric.
* period - for a date claim its own date; otherwise the nearest date in the
  clause that is not a comparison base, then the nearest date before it in the
  sentence; empty when the text does not say.
* modality - cues in the clause, then sentence-scope cues earlier in the
  sentence; when several apply, the first in ``[modality].precedence``.
"""
from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .cues import Hit, Lexicon, clauses, default_lexicon, entity_words, find_all, find_words, sentences
from .record import COLUMNS, FRAMED_FIELDS, claim_id, metrics
from .sources import CleanText, clean

#: Which mention kinds can carry a metric of each dimension.
KIND_DIMENSION = {
    "money": "money",
    "percent": "ratio",
    "percentage_point": "ratio",
    "multiple": "times",
    "count": "count",
    "duration": "duration",
    "date": "date",
}


@dataclass(frozen=True)
class Frame:
    """The framed fields of one mention and a confidence per field."""

    subject: str
    object: str
    metric: str
    period: str
    modality: str
    confidence: dict[str, float]

    def detail(self) -> str:
        return ";".join(f"{f}={self.confidence[f]:.2f}" for f in FRAMED_FIELDS)

    def lowest(self) -> float:
        return min(self.confidence[f] for f in FRAMED_FIELDS)


@dataclass
class Doc:
    """An article analysed once: cleaned text, sentences, clauses, entity and
    cue hits, and its date mentions (all in cleaned offsets)."""

    clean: CleanText
    low: str
    sentences: list[tuple[int, int]]
    clauses: list[tuple[int, int]]
    entities: list[Hit]
    metric_hits: list[Hit]
    modality_hits: list[Hit]
    object_marks: list[Hit]
    passive_marks: list[Hit]
    role_marks: list[Hit]
    base_marks: list[Hit]
    dates: list[tuple[int, int, Any]]  # (cleaned start, cleaned end, mention)
    lex: Lexicon

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return _containing(self.sentences, pos)

    def clause_of(self, pos: int) -> tuple[int, int]:
        return _containing(self.clauses, pos)

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the cleaned text."""
        s = bisect_left(self.clean.starts, start)
        e = bisect_left(self.clean.starts, end)
        return s, max(e, s + 1)


def _containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect_right([s for s, _ in spans], pos) - 1
    return spans[max(i, 0)] if spans else (0, 0)


# --------------------------------------------------------------------------- analysis


def analyse(text: str, mentions: list, lex: Lexicon | None = None) -> Doc:
    """Clean ``text`` and find everything framing needs in it once."""
    lex = lex or default_lexicon()
    ct = clean(text)
    low = ct.text.lower()
    sent = sentences(ct.text, lex)
    metric_words = {w: (m, "") for m, ws in lex.metric_cues.items() for w in ws}
    modality_hits = [
        h
        for name, scopes in lex.modality_cues.items()
        for scope, words in scopes.items()
        for h in find_all(low, words, name, scope)
    ]
    doc = Doc(
        clean=ct, low=low, sentences=sent, clauses=clauses(ct.text, sent, lex),
        entities=find_words(low, entity_words(lex)),
        metric_hits=find_all(low, tuple(metric_words), "", ""),
        modality_hits=sorted(modality_hits, key=lambda h: h.start),
        object_marks=find_all(low, lex.roles.get("object_markers", ())),
        passive_marks=find_all(low, lex.roles.get("passive_markers", ())),
        role_marks=find_all(low, lex.roles.get("person_roles", ())),
        base_marks=find_all(low, lex.period.get("base_markers", ())),
        dates=[], lex=lex,
    )
    doc.metric_hits = [Hit(h.start, h.end, metric_words[h.word][0], h.word) for h in doc.metric_hits]
    doc.entities = [e for e in doc.entities if not _is_source(doc, e)]
    doc.dates = [(*doc.to_clean(m.start, m.end), m) for m in mentions if m.kind == "date"]
    return doc


# --------------------------------------------------------------------------- subject / object


def _in(span: tuple[int, int], hits: list[Hit]) -> list[Hit]:
    return [h for h in hits if span[0] <= h.start and h.end <= span[1]]


def _marked(doc: Doc, ent: Hit, marks: list[Hit], reach: int = 12) -> bool:
    """Is ``ent`` introduced by one of ``marks`` (within ``reach`` characters
    before it, in its clause, with no other entity in between)?"""
    clause = doc.clause_of(ent.start)
    floor = max(clause[0], ent.start - reach)
    for other in doc.entities:
        if other.end <= ent.start and other.end > floor:
            floor = other.end
    return any(floor <= m.start and m.end <= ent.start for m in marks)


def _is_source(doc: Doc, ent: Hit) -> bool:
    """'据华尔街日报报道', 'Bloomberg reported': the entity is where the claim
    comes from, not what it is about."""
    roles = doc.lex.roles
    before = doc.low[max(0, ent.start - 4) : ent.start].rstrip()
    after = doc.low[ent.end : ent.end + 6].lstrip()
    return any(before.endswith(w) for w in roles.get("source_before", ())) or any(
        after.startswith(w) for w in roles.get("source_after", ())
    )


def _passive_split(doc: Doc, ents: list[Hit], pos: int) -> tuple[Hit | None, Hit | None]:
    """(agent, patient) when a passive marker stands before the number in its clause."""
    clause = doc.clause_of(pos)
    for i, ent in enumerate(ents):
        if clause[0] <= ent.start < pos and _marked(doc, ent, doc.passive_marks, reach=3):
            patient = next((e for e in reversed(ents[:i]) if e.name != ent.name), None)
            return ent, patient
    return None, None


def _org_for_person(doc: Doc, person: Hit) -> Hit | None:
    """'Nvidia首席执行官黄仁勋': the organisation named with the person's role."""
    orgs = set(doc.lex.roles.get("organisation_types", ()))
    before = [e for e in doc.entities if e.end <= person.start and person.start - e.end <= 12]
    for org in reversed(before):
        gap = (org.end, person.start)
        if org.kind in orgs and any(gap[0] <= r.start and r.end <= gap[1] for r in doc.role_marks):
            return org
    return None


def _subject_for(doc: Doc, ent: Hit, metric: str) -> Hit:
    if ent.kind in doc.lex.roles.get("organisation_types", ()) or metrics()[metric]["dimension"] == "date":
        return ent
    return _org_for_person(doc, ent) or ent


def frame_subject(
    doc: Doc, pos: int, metric: str, memory: dict, clause: tuple[int, int] | None = None
) -> tuple[Hit | None, float]:
    """Subject entity of the number at cleaned position ``pos``."""
    clause, sent = clause or doc.clause_of(pos), doc.sentence_of(pos)
    ents = _in(sent, doc.entities)
    agent, _ = _passive_split(doc, ents, pos)
    if agent is not None:
        return _subject_for(doc, agent, metric), 0.8
    free = [e for e in ents if not _marked(doc, e, doc.object_marks) and not _marked(doc, e, doc.passive_marks, 3)]
    for scope, conf in ((clause, 0.9), (sent, 0.75)):
        before = [e for e in free if scope[0] <= e.start and e.end <= pos]
        if before:
            return _subject_for(doc, before[-1], metric), conf
    after = [e for e in free if pos <= e.start and e.end <= clause[1]]
    if after:
        return _subject_for(doc, after[0], metric), 0.6
    last = memory.get("subject")
    if last is not None:
        return last, 0.5 if memory.get("paragraph") == memory.get("here") else 0.4
    return None, 0.2


def frame_object(doc: Doc, pos: int, metric: str, subject: str) -> tuple[str, float]:
    """Counterpart entity, for metrics that have one."""
    if not doc.lex.metric_object.get(metric, False):
        return "", 0.8
    clause, sent = doc.clause_of(pos), doc.sentence_of(pos)
    ents = [e for e in _in(sent, doc.entities) if e.name != subject]
    _, patient = _passive_split(doc, _in(sent, doc.entities), pos)
    if patient is not None and patient.name != subject:
        return patient.name, 0.8
    marked = [e for e in ents if _marked(doc, e, doc.object_marks)]
    for scope, conf in ((clause, 0.85), (sent, 0.7)):
        inside = [e for e in marked if scope[0] <= e.start and e.end <= scope[1]]
        if inside:
            return min(inside, key=lambda e: abs(e.start - pos)).name, conf
    if ents:
        return min(ents, key=lambda e: abs(e.start - pos)).name, 0.45
    return "", 0.4


# --------------------------------------------------------------------------- metric / period / modality


def _fits(metric: str, kind: str) -> bool:
    return metrics().get(metric, {}).get("dimension") == KIND_DIMENSION.get(kind)


def _distance(hit: Hit, start: int, end: int) -> float:
    if hit.start >= end:
        return hit.start - end
    if hit.end <= start:
        return start - hit.end
    return 0.0


def own_clause(doc: Doc, start: int, end: int, kind: str) -> tuple[int, int]:
    """The clause of a mention; a date that stands alone in its clause
    ('3月3日,CoreWeave提交了...') takes the next clause of its sentence too."""
    clause = doc.clause_of(start)
    if kind != "date":
        return clause
    rest = doc.clean.text[clause[0] : start] + doc.clean.text[end : clause[1]]
    rest = "".join(ch for ch in rest if ch.isalnum())
    sent = doc.sentence_of(start)
    if len(rest) <= int(doc.lex.period.get("lone_date_chars", 4)) and clause[1] < sent[1]:
        return clause[0], doc.clause_of(clause[1])[1]
    return clause


def event_date(doc: Doc, start: int, end: int) -> bool:
    """Is the date at cleaned ``[start, end)`` a checkable event (a cue of a
    date metric in its clause) rather than only the period of an amount?"""
    clause = own_clause(doc, start, end, "date")
    return any(_fits(h.name, "date") and clause[0] <= h.start and h.end <= clause[1] for h in doc.metric_hits)


def frame_metric(doc: Doc, start: int, end: int, kind: str) -> tuple[str, float]:
    """Nearest cue of a fitting metric in the clause, then the sentence."""
    hits = [h for h in doc.metric_hits if _fits(h.name, kind)]
    for scope, conf in ((own_clause(doc, start, end, kind), 0.85), (doc.sentence_of(start), 0.55)):
        inside = [h for h in hits if scope[0] <= h.start and h.end <= scope[1]]
        if inside:
            best = min(inside, key=lambda h: (_distance(h, start, end), -len(h.word)))
            return best.name, conf
    return doc.lex.default_metric.get(kind, ""), 0.3


def _is_base(doc: Doc, ds: int) -> bool:
    clause = doc.clause_of(ds)
    return any(clause[0] <= b.start and 0 <= ds - b.end <= 2 for b in doc.base_marks)


def frame_period(doc: Doc, start: int, end: int, mention) -> tuple[str, float]:
    """The date the value holds for: own date for date claims, else the
    nearest date of the clause, else the nearest earlier date of the sentence."""
    if mention.kind == "date":
        return str(mention.value or ""), 0.95
    clause, sent = doc.clause_of(start), doc.sentence_of(start)
    dates = [
        (s, e, m) for s, e, m in doc.dates
        if not (s <= start < e) and not _is_base(doc, s)
        and not (event_date(doc, s, e) and not _within(own_clause(doc, s, e, "date"), start))
    ]
    inside = [d for d in dates if clause[0] <= d[0] and d[1] <= clause[1]]
    if inside:
        best = min(inside, key=lambda d: abs(d[0] - start))
        return str(best[2].value), 0.85
    window = int(doc.lex.period.get("sentence_window", 60))
    earlier = [d for d in dates if sent[0] <= d[0] and d[1] <= start and start - d[1] <= window]
    if earlier:
        return str(earlier[-1][2].value), 0.6
    return "", 0.7


def _within(span: tuple[int, int], pos: int) -> bool:
    return span[0] <= pos < span[1]


def frame_modality(doc: Doc, start: int) -> tuple[str, float]:
    """Cues of the clause, then sentence-scope cues before it; precedence decides."""
    clause, sent = doc.clause_of(start), doc.sentence_of(start)
    found = {h.name for h in doc.modality_hits if h.kind == "clause" and clause[0] <= h.start and h.end <= clause[1]}
    conf = 0.85
    if not found:
        found = {
            h.name for h in doc.modality_hits
            if h.kind == "sentence" and sent[0] <= h.start and h.end <= clause[0]
        }
        conf = 0.65
    for name in doc.lex.modality_precedence:
        if name in found:
            return name, conf
    return doc.lex.modality_default, 0.7


# --------------------------------------------------------------------------- mention -> claim


def frame_mention(doc: Doc, mention, memory: dict | None = None) -> Frame:
    """Frame one mention of the analysed article."""
    memory = {} if memory is None else memory
    start, end = doc.to_clean(mention.start, mention.end)
    metric, c_metric = frame_metric(doc, start, end, mention.kind)
    clause = own_clause(doc, start, end, mention.kind)
    subj, c_subj = frame_subject(doc, start, metric or "event_date", memory, clause)
    subject = subj.name if subj else ""
    obj, c_obj = frame_object(doc, start, metric, subject)
    period, c_period = frame_period(doc, start, end, mention)
    modality, c_mod = frame_modality(doc, start)
    conf = {"subject": c_subj, "object": c_obj, "metric": c_metric, "period": c_period, "modality": c_mod}
    return Frame(subject, obj, metric, period, modality, conf)


def is_claim(doc: Doc, mention, frame: Frame) -> bool:
    """Which mentions become claims: amounts, shares and multiples with a
    subject; counts, durations and dates only when a cue of a metric of their
    kind stands in their clause (so a date that is merely the period of an
    amount stays a period)."""
    if mention.kind in ("money", "percent", "percentage_point", "multiple"):
        return bool(frame.subject)
    if mention.kind == "date":
        return bool(frame.subject) and event_date(doc, *doc.to_clean(mention.start, mention.end))
    return bool(frame.subject) and frame.confidence["metric"] >= 0.85


def _num(value) -> float | None:
    if value is None or isinstance(value, str):
        return None
    return float(Decimal(value))


def claim_row(doc: Doc, mention, frame: Frame, source: str) -> dict[str, Any]:
    """One ledger row (record.COLUMNS) for a framed mention."""
    s, _ = doc.to_clean(mention.start, mention.end)
    sent = doc.sentence_of(s)
    qs, qe = doc.clean.span(*sent)
    quote = doc.clean.original[qs:qe].strip()
    if mention.surface not in quote:
        quote = mention.surface
    is_date = mention.kind == "date"
    row = {
        "claim_id": claim_id(source, mention.start, mention.end, mention.surface),
        "source": source, "start": mention.start, "end": mention.end, "surface": mention.surface,
        "quote": quote, "kind": mention.kind,
        "subject": frame.subject, "object": frame.object, "metric": frame.metric,
        "period": frame.period, "modality": frame.modality,
        "value": None if is_date else _num(mention.value),
        "value_low": None if is_date else _num(mention.low),
        "value_high": None if is_date else _num(mention.high),
        "unit": mention.unit, "qualifier": mention.qualifier,
        "status": "unreviewed", "reviewer": "", "note": "", "origin": "extracted",
        "confidence": round(frame.lowest(), 2), "confidence_detail": frame.detail(),
    }
    return {c: row[c] for c in COLUMNS}


def frame_article(
    text: str, mentions: list, *, source: str, lex: Lexicon | None = None
) -> list[dict[str, Any]]:
    """Frame every mention of one article; return the ledger rows of those
    that are claims, in text order."""
    doc = analyse(text, mentions, lex)
    rows: list[dict[str, Any]] = []
    memory: dict[str, Any] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        start, _ = doc.to_clean(mention.start, mention.end)
        memory["here"] = _paragraph(doc, start)
        frame = frame_mention(doc, mention, memory)
        if frame.subject:
            memory["subject"] = next(e for e in doc.entities if e.name == frame.subject)
            memory["paragraph"] = memory["here"]
        if is_claim(doc, mention, frame):
            rows.append(claim_row(doc, mention, frame, source))
    return rows


def _paragraph(doc: Doc, pos: int) -> int:
    """Index of the paragraph (text between blank-free line breaks) of ``pos``."""
    return doc.clean.text.count("\n", 0, pos)


def frame_text(
    text: str, *, source: str, published: datetime.date | None = None, lex: Lexicon | None = None
) -> list[dict[str, Any]]:
    """Find the mentions of ``text`` and frame them (the whole framing stage)."""
    from .numbers import find_mentions

    return frame_article(text, find_mentions(text, published=published), source=source, lex=lex)

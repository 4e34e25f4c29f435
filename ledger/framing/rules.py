"""The framing rules, one function per field, each returning (value, confidence).

They read positions only (the number's clause and sentence, markers before an
entity, the nearest cue); every word they use comes from the lexicon files.
Confidences are fixed per rule: a field read off the number's own clause is
surer than one read off its sentence, which is surer than one carried over
from an earlier sentence or a default.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ledger.framing.cues import Hit
from ledger.framing.doc import (
    Doc,
    Spot,
    enumerated,
    fits,
    inside,
    main_company,
    marked,
    org_for_person,
)
from ledger.numbers.dates import year_before as _year_before

#: Confidence of a date's metric read off a cue elsewhere in its sentence; such
#: a date (it opens the sentence) also takes the whole sentence's modality.
SENTENCE_DATE_CUE = 0.6
#: Confidence of a metric no cue gave (the kind's neutral default).
DEFAULT_METRIC = 0.2


@dataclass
class Memory:
    """What earlier claims of the article said: (position, subject entity, object)."""

    said: list[tuple[int, Hit, str]] = field(default_factory=list)

    def add(self, pos: int, subject: Hit | None, obj: str) -> None:
        if subject is not None:
            self.said.append((pos, subject, obj))
            self.said.sort(key=lambda t: t[0])

    def last(self, pos: int) -> tuple[Hit, str] | None:
        before = [t for t in self.said if t[0] < pos]
        return (before[-1][1], before[-1][2]) if before else None


# --------------------------------------------------------------------------- clauses


def own_clause(doc: Doc, spot: Spot) -> tuple[int, int]:
    """The clause of a mention; a date that stands alone in its clause
    ('5月8日,某公司宣布...') takes the next clause of its sentence too."""
    clause = doc.clause_of(spot.start)
    if spot.mention.kind == "date" and lone_date(doc, spot):
        sent = doc.sentence_of(spot.start)
        if clause[1] < sent[1]:
            return clause[0], doc.clause_of(clause[1])[1]
    return clause


def lone_date(doc: Doc, spot: Spot) -> bool:
    """Is the date alone in its clause (no entity, no other number, few words)?"""
    clause = doc.clause_of(spot.start)
    if any(inside(clause, e) for e in doc.entities):
        return False
    if any(inside(clause, s) and s.start != spot.start for s in doc.spots):
        return False
    rest = doc.low[clause[0] : spot.start] + doc.low[spot.end : clause[1]]
    return sum(ch.isalnum() for ch in rest) <= int(doc.lex.period.get("lone_date_chars", 8))


# --------------------------------------------------------------------------- metric


def _distance(hit: Hit, start: int, end: int) -> int:
    if hit.start >= end:
        return hit.start - end
    if hit.end <= start:
        return start - hit.end
    return 0


def _nearest_cue(doc: Doc, spot: Spot, scope: tuple[int, int], kind: str) -> Hit | None:
    hits = [h for h in doc.metric_hits if fits(h.name, kind) and inside(scope, h)]
    return min(hits, key=lambda h: (_distance(h, spot.start, spot.end), -len(h.word))) if hits else None


def _refined(doc: Doc, metric: str, spot: Spot, kind: str) -> str:
    """A general metric made specific by a cue elsewhere in the sentence."""
    sent, clause = doc.sentence_of(spot.start), doc.clause_of(spot.start)
    for h in doc.metric_hits:
        if (inside(clause, h) or (inside(sent, h) and h.end <= spot.start)) and fits(h.name, kind) \
                and metric in doc.lex.spec(h.name, "refines", ()):
            return h.name
    return metric


def _topic(doc: Doc, spot: Spot, kind: str) -> str:
    """'这项...的收购,...约20亿元': the metric a demonstrative clause of the
    sentence names (its last fitting cue)."""
    sent = doc.sentence_of(spot.start)
    for mark in doc.marks["markers"]:
        if inside(sent, mark) and mark.start < spot.start:
            clause = doc.clause_of(mark.start)
            if clause[0] <= spot.start < clause[1]:
                continue
            cues = [h for h in doc.metric_hits if fits(h.name, kind) and mark.end <= h.start and h.end <= clause[1]]
            if cues:
                return cues[-1].name
    return ""


def _after(doc: Doc, spot: Spot, metric: str) -> str:
    """'持有15%的股权,估值约30亿元': a cue read in the light of the previous
    amount of the sentence (the metric's ``after`` table)."""
    table = doc.lex.spec(metric, "after", {})
    sent = doc.sentence_of(spot.start)
    before = [s for s in doc.spots if sent[0] <= s.start < spot.start and s.start in doc.facts]
    if table and before:
        return table.get(doc.facts[before[-1].start].get("metric", ""), "")
    return ""


def frame_metric(doc: Doc, spot: Spot) -> tuple[str, float]:
    """A topic the sentence names; else the nearest cue of a fitting metric
    in the clause, then in the sentence, refined by the sentence; else the
    kind's default metric."""
    kind = spot.mention.kind
    topic = _topic(doc, spot, kind)
    if topic:
        return topic, 0.6
    for scope, conf in ((own_clause(doc, spot), 0.85), (doc.sentence_of(spot.start), 0.55)):
        cue = _nearest_cue(doc, spot, scope, kind)
        if cue is not None:
            metric = _refined(doc, cue.name, spot, kind)
            return _after(doc, spot, metric) or metric, conf
    return doc.lex.default_metric.get(kind, ""), DEFAULT_METRIC


def date_metric(doc: Doc, spot: Spot, amounts: list[Spot]) -> tuple[str, float]:
    """A date is a claim when a date cue stands in its clause, or an amount
    of its clause belongs to a dated event (the amount metric's ``date``);
    a date opening its sentence alone also takes a date cue of the sentence."""
    cue = _nearest_cue(doc, spot, own_clause(doc, spot), "date")
    if cue is not None:
        return cue.name, 0.85
    clause = own_clause(doc, spot)
    for amount in amounts:
        event = doc.lex.spec(doc.facts[amount.start]["metric"], "date")
        if event and inside(clause, amount):
            return event, 0.7
    if lone_date(doc, spot):
        cue = _nearest_cue(doc, spot, doc.sentence_of(spot.start), "date")
        if cue is not None:
            return cue.name, SENTENCE_DATE_CUE
        actors = _free(doc, [e for e in doc.entities if inside(clause, e)])
        said = any(inside(clause, w) for w in doc.marks["speech"])
        if not said and any(e.kind not in doc.lex.role("object_types") for e in actors):
            return str(doc.lex.period.get("event", "")), 0.5
    return "", 0.0


# --------------------------------------------------------------------------- subject / object


def _subject_of(doc: Doc, ent: Hit, metric: str) -> Hit:
    """A person named with an organisation's role stands for it in amounts."""
    if ent.kind in doc.lex.role("organisation_types") or fits(metric, "date"):
        return ent
    return org_for_person(doc, ent) or ent


def _free(doc: Doc, ents: list[Hit]) -> list[Hit]:
    """Entities no object or passive marker introduces."""
    return [e for e in ents if not marked(doc, e, "object_markers") and not marked(doc, e, "passive_markers", 3)]


def _passive(doc: Doc, ents: list[Hit], spot: Spot) -> tuple[Hit | None, Hit | None]:
    """(agent, patient) when a passive marker stands before the number in its clause."""
    clause = doc.clause_of(spot.start)
    for i, ent in enumerate(ents):
        if clause[0] <= ent.start < spot.start and marked(doc, ent, "passive_markers", reach=3):
            patient = next((e for e in reversed(ents[:i]) if e.name != ent.name), None)
            return ent, patient
    return None, None


def frame_subject(doc: Doc, spot: Spot, metric: str, memory: Memory) -> tuple[Hit | None, float]:
    """Subject entity of the mention (see the module docstring of framing)."""
    clause, sent = own_clause(doc, spot), doc.sentence_of(spot.start)
    ents = [e for e in doc.entities if inside(sent, e)]
    only = doc.lex.spec(metric, "subject_types")
    if only:
        typed = [e for e in ents if e.kind in only]
        if typed:
            return min(typed, key=lambda e: abs(e.start - spot.start)), 0.75
    prefer = [e for e in ents if e.kind in doc.lex.spec(metric, "prefer_types", ())]
    if prefer:
        return min(prefer, key=lambda e: abs(e.start - spot.start)), 0.7
    agent, _ = _passive(doc, ents, spot)
    if agent is not None:
        return _subject_of(doc, agent, metric), 0.8
    pair = _pair(doc, spot)
    if pair:
        return pair[0], 0.5
    free = _free(doc, ents)
    agents = [e for e in free if e.kind not in doc.lex.role("object_types")]
    for scope, conf in ((clause, 0.9), (sent, 0.75)):
        before = [e for e in agents if scope[0] <= e.start and e.end <= spot.start]
        if scope == sent and not doc.lex.spec(metric, "object", False):
            main = _main_named(doc, ents, clause, metric)
            if main is not None:
                return main, 0.6
        if before:
            return _subject_of(doc, before[-1], metric), conf
    after = [e for e in agents if spot.start <= e.start and e.end <= clause[1]]
    if after:
        return _subject_of(doc, after[0], metric), 0.6
    last = memory.last(spot.start)
    if last is not None:
        return last[0], 0.45
    org = _context_org(doc, sent)
    if org:
        return next(e for e in doc.entities if e.name == org), 0.3
    if free:
        return min(free, key=lambda e: abs(e.start - spot.start)), 0.3
    return None, 0.2


def _main_named(doc: Doc, ents: list[Hit], clause: tuple[int, int], metric: str) -> Hit | None:
    """A clause naming no one but a figure of its own ('外资估计今年全年营收将成长
    逾三成': 营收, a cue of another metric than the number's) is about the
    article's main company when its sentence names it.  A clause with no such
    noun ('较之2020年成长了3倍') goes on about the previous figure instead."""
    if any(inside(clause, e) for e in ents):
        return None
    own = [h for h in doc.metric_hits if inside(clause, h) and h.name == metric]
    nouns = [h for h in doc.metric_hits if inside(clause, h) and h.name != metric
             and not any(o.start < h.end and h.start < o.end for o in own)]  # 成长 inside 成长了
    if not nouns:
        return None
    main = main_company(doc)
    return next((e for e in ents if main is not None and e.name == main.name), None)


def _pair(doc: Doc, spot: Spot) -> list[Hit]:
    """'两人在会上相识': the last two people named in the previous sentences."""
    sent = doc.sentence_of(spot.start)
    if not any(inside(sent, w) for w in doc.marks["pair_words"]):
        return []
    people: list[Hit] = []
    for e in reversed([e for e in doc.entities if e.end <= sent[0] and e.kind == "person"]):
        if e.name not in [p.name for p in people]:
            people.insert(0, e)
        if len(people) == 2:
            return people
    return []


def pooled(doc: Doc, spot: Spot, metric: str) -> Hit | None:
    """The recipient when several investors are listed before the amount and
    the metric names a ``pooled`` metric: the first entity after the number."""
    if not doc.lex.spec(metric, "pooled"):
        return None
    clause = doc.clause_of(spot.start)
    before = [e for e in _free(doc, [e for e in doc.entities if inside(clause, e)]) if e.end <= spot.start]
    joined = any(enumerated(doc, a, b) for a, b in itertools.pairwise(before))
    after = [e for e in doc.entities if inside(clause, e) and e.start >= spot.end]
    return after[0] if joined and after else None


def frame_object(doc: Doc, spot: Spot, metric: str, subject: str, memory: Memory) -> tuple[str, float]:
    """Counterpart entity, for metrics that have one."""
    if not doc.lex.spec(metric, "object", False):
        carried = _carried_object(doc, spot, subject, memory)
        return (carried, 0.5) if carried else ("", 0.8)
    clause, sent = own_clause(doc, spot), doc.sentence_of(spot.start)
    ents = [e for e in doc.entities if inside(sent, e)]
    _, patient = _passive(doc, ents, spot)
    if patient is not None and patient.name != subject:
        return patient.name, 0.8
    pair = _pair(doc, spot)
    if pair:
        return pair[1].name, 0.5
    others = [e for e in ents if e.name != subject]
    wanted = [e for e in others if e.kind in doc.lex.spec(metric, "object_prefer", ())]
    if wanted:
        return min(wanted, key=lambda e: _reach(e, spot)).name, 0.7
    marks = [e for e in others if marked(doc, e, "object_markers")]
    near = [e for e in marks if inside(clause, e)]
    if near:
        return min(near, key=lambda e: abs(e.start - spot.start)).name, 0.85
    raised = _raiser(doc, spot, metric, subject)
    if raised:
        return raised, 0.6
    near = [e for e in marks if inside(sent, e)]
    if near:
        return min(near, key=lambda e: abs(e.start - spot.start)).name, 0.7
    if others:
        return min(others, key=lambda e: _reach(e, spot)).name, 0.45
    last = memory.last(spot.start)
    if last is not None and last[0].name == subject and last[1]:
        return last[1], 0.35
    if doc.lex.entity_types.get(subject) == "person":
        return _context_org(doc, sent), 0.3
    return "", 0.4


def _carried_object(doc: Doc, spot: Spot, subject: str, memory: Memory) -> str:
    """A clause that goes on about the previous claim of its sentence (same
    subject: 'its share of the firm's sales reached 30%, up threefold') keeps that claim's
    counterpart, even for a metric that usually has none - when it is a
    comparison (a growth of that claim's value), not a new measure ('holds 1.6%
    of ASML, and its market value is $250 billion')."""
    sent = doc.sentence_of(spot.start)
    before = [t for t in memory.said if t[0] < spot.start]
    if not before:
        return ""
    pos, subj, obj = before[-1]
    going_on = doc.lex.spec(doc.facts.get(spot.start, {}).get("metric", ""), "comparison", False)
    return obj if going_on and sent[0] <= pos and subj.name == subject else ""


def _context_org(doc: Doc, sent: tuple[int, int], reach: int = 400) -> str:
    """A person's claim with no organisation in its sentence: the organisation
    named last before it (what the passage is about)."""
    orgs = [e for e in doc.entities
            if sent[0] - reach <= e.start and e.end <= sent[0] and e.kind in doc.lex.role("organisation_types")]
    return orgs[-1].name if orgs else ""


def _reach(ent: Hit, spot: Spot) -> tuple[int, int]:
    """Sort key for a counterpart: after the number first, then nearest."""
    return (0, ent.start - spot.end) if ent.start >= spot.end else (1, spot.start - ent.end)


def _raiser(doc: Doc, spot: Spot, metric: str, subject: str) -> str:
    """An investment in a sentence that also tells a funding round: the
    company raising it is the counterpart."""
    pooled_metric = doc.lex.spec(metric, "pooled")
    sent = doc.sentence_of(spot.start)
    for start, fact in doc.facts.items():
        if fact.get("metric") == pooled_metric and sent[0] <= start < sent[1] \
                and fact.get("subject") not in ("", subject):
            return fact.get("subject") or ""
    return ""


# --------------------------------------------------------------------------- period


def _in_name(doc: Doc, mark: Hit) -> bool:
    """Is a marker word part of an entity's name ('比' in '比亚迪')?"""
    return any(e.start < mark.end and mark.start < e.end for e in doc.entities)


def _is_base(doc: Doc, date: Spot) -> bool:
    clause = doc.clause_of(date.start)
    return any(clause[0] <= b.start and 0 <= date.start - b.end <= 2 and not _in_name(doc, b)
               for b in doc.marks["base_markers"])


def _linked(doc: Doc, date: Spot, metric: str) -> bool:
    """Can ``date`` be the period of an amount of ``metric``?  A plain date
    can; an event date only if the event is the amount's own."""
    event = doc.facts.get(date.start, {}).get("metric", "")
    if not event:
        return True
    return event == doc.lex.spec(metric, "date") or event in doc.lex.spec(metric, "dates", ())


def frame_period(
    doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]], modality: str = ""
) -> tuple[str, float]:
    """When the value holds; see the framing module docstring for the order.
    How the period was found ('date', 'back', 'carried', 'published' or '')
    is kept in ``doc.facts``: only a period a date gave (or one carried from
    it) is carried on to later amounts."""
    period, conf, how = _period(doc, spot, metric, events, modality)
    if spot.start in doc.facts:
        doc.facts[spot.start].update(period_how=how, modality=modality)
    return period, conf


def _period(
    doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]], modality: str
) -> tuple[str, float, str]:
    if spot.mention.kind == "date":
        return str(spot.mention.value or ""), 0.95, "date"
    clause = doc.clause_of(spot.start)
    # '去年同期' names a year ('去年') but means the sentence's period a year
    # before: the 去年 of a year-back phrase is no date of the sentence
    backs = doc.marks["year_back"]
    dates = [d for d in doc.dates if not _is_base(doc, d) and _linked(doc, d, metric)
             and not any(d.start < m.end and m.start < d.end for m in backs)]
    back = [m for m in backs if inside(clause, m)]
    if back and not doc.lex.spec(metric, "comparison") and not any(inside(clause, d) for d in dates):
        base = _sentence_period(doc, spot, metric, events, modality, dates)[0] or _previous_period(doc, spot)
        if base:
            return year_before(base), 0.6, "back"
    near = [d for d in dates if inside(clause, d)]
    if near:
        date = min(near, key=lambda d: abs(d.start - spot.start))
        return _since(doc, date, modality), 0.85, "date"
    if doc.lex.spec(metric, "clause_period", False):  # a buyback programme: only a date said with it
        return "", 0.7, ""
    return _sentence_period(doc, spot, metric, events, modality, dates)


def forward(doc: Doc, modality: str) -> bool:
    """Does the modality look ahead (a forecast, plan or proposal)?"""
    return modality not in ("", doc.lex.modality_default, *doc.lex.period.get("present_modalities", ()))


def date_value(doc: Doc, date: Spot, modality: str) -> str:
    """A date's period; a year-less period still to come at publication
    ('第四季度' in May) is this year's for a forecast, last year's for an account."""
    past = getattr(date.mention, "past", None)
    if past is not None and not forward(doc, modality):
        return past
    return str(date.mention.value)


def _since(doc: Doc, date: Spot, modality: str = "") -> str:
    """'tripled since 2019': from the date to the article's publication."""
    value = date_value(doc, date, modality)
    before = doc.low[max(0, date.start - 8) : date.start].rstrip()
    after = doc.low[date.end : date.end + 4].lstrip()
    since = any(before.endswith(w) for w in doc.marks_words("since_before")) or any(
        after.startswith(w) for w in doc.marks_words("since_after"))
    return f"{value}/{doc.published}" if since and doc.published and "/" not in value else value


def year_before(period: str) -> str:
    """'2026' -> '2025', '2025-Q1' -> '2024-Q1', '2025-11/2025-12' -> '2024-11/2024-12'."""
    return _year_before(period)


def _previous_period(doc: Doc, spot: Spot) -> str:
    """The period of the previous amount of the sentence ('worth $1.2 trillion,
    up from $600 billion a year ago': the later amount is one year before it)."""
    sent = doc.sentence_of(spot.start)
    before = [s for s in doc.spots if sent[0] <= s.start < spot.start and s.mention.kind != "date"]
    return doc.facts.get(before[-1].start, {}).get("period", "") if before else ""


def _carried(doc: Doc, spot: Spot, metric: str, modality: str, scope: tuple[int, int]) -> str:
    """The period of the last earlier claim in ``scope`` of the same family of
    metrics (``carry`` in cues.toml: revenue, its growth, its parts, the loss
    of a period) and the same modality, when a date gave it (or it was carried
    from one): 'Revenue for the first quarter of 2025 was... Services revenue
    was $26.6 billion' - the second figure belongs to the same quarter.  A
    year-back amount ('a year earlier') or a present-tense one is no period
    to carry; a forecast does not take an account's period, nor the reverse."""
    family = doc.lex.spec(metric, "carry")
    if not family:
        return ""
    for other in reversed([s for s in doc.spots if scope[0] <= s.start < spot.start and s.mention.kind != "date"]):
        fact = doc.facts.get(other.start, {})
        if fact.get("subject") and fact.get("period") and fact.get("period_how") in ("date", "carried") \
                and doc.lex.spec(fact.get("metric", ""), "carry") == family and fact.get("modality") == modality:
            return fact["period"]
    return ""


def _sentence_period(
    doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]], modality: str, dates: list[Spot]
) -> tuple[str, float, str]:
    clause, sent = doc.clause_of(spot.start), doc.sentence_of(spot.start)
    window = int(doc.lex.period.get("sentence_window", 60))
    # an instant (a market value) holds on a day: a period of another clause
    # ('今年上半年营收..., 其市值约为...') is not its date; a date opening the sentence is
    instant = doc.lex.spec(metric, "instant", False)
    earlier = [
        d for d in dates
        if sent[0] <= d.start and d.end <= spot.start
        and ((spot.start - d.end <= window and not instant) or (d.start - sent[0] <= 2 and lone_date(doc, d)))
    ]
    if any(inside(clause, m) for m in doc.marks["full_year"]):
        # 'full-year revenue': the whole year of the sentence's date ('上半年..., 全年...'), else the published year
        if earlier:
            return date_value(doc, earlier[-1], modality)[:4], 0.55, "date"
        if doc.published[:4].isdigit():
            return doc.published[:4], 0.5, "date"
    if earlier:
        return date_value(doc, earlier[-1], modality), 0.6, "date"
    carried = "" if instant else _carried(doc, spot, metric, modality, sent)
    if carried:
        return carried, 0.55, "carried"
    recalled = _recalled(doc, spot, metric, events)
    if recalled:
        return recalled, 0.5, "date"
    now = not forward(doc, modality) and _present(doc, spot, clause)
    if (now or current_value(doc, spot) or (instant and not forward(doc, modality))) and doc.published:
        return doc.published, 0.5, "published"
    carried = _carried(doc, spot, metric, modality, doc.paragraph_of(spot.start))
    if carried:
        return carried, 0.45, "carried"
    return "", 0.7, ""


def _recalled(doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]]) -> str:
    """The date of an event claimed earlier that the sentence refers back to:
    by an anaphora ('该交易') or by naming an event of a kind linked to the
    amount's metric ('重组协议' for a stake)."""
    sent = doc.sentence_of(spot.start)
    before = [(pos, value, event) for pos, value, event in events if pos < sent[0]]
    if not before:
        return ""
    if any(inside(sent, a) and a.end <= spot.start for a in doc.marks["anaphora"]):
        return before[-1][1]
    linked = {doc.lex.spec(metric, "date"), *doc.lex.spec(metric, "dates", ())} - {None}
    named = {h.name for h in doc.metric_hits if inside(sent, h) and h.name in linked}
    for _, value, event in reversed(before):
        if event in named:
            return value
    return ""


def current_value(doc: Doc, spot: Spot) -> bool:
    """'提议...从15%降至8%': is the number the current value of a change
    still to come (a modality cue before it in the sentence)?"""
    starts = [m for m in doc.marks["change_from"] if 0 <= spot.start - m.end <= 1]
    ends = [m for m in doc.marks["change_to"] if 0 <= m.start - spot.end <= 1]
    if not (starts and ends):
        return False
    sent = doc.sentence_of(spot.start)  # a change still to come: proposed, planned, forecast
    return any(inside(sent, h) and h.start < spot.start for h in doc.modality_hits)


def _present(doc: Doc, spot: Spot, clause: tuple[int, int]) -> bool:
    if any(inside(clause, m) for m in doc.marks["present_clause"]):
        return True
    return any(0 <= spot.start - m.end <= 4 and m.start >= clause[0] for m in doc.marks["present_adjacent"])


# --------------------------------------------------------------------------- modality


def _attached(doc: Doc, cue: Hit, spot: Spot) -> bool:
    """Does ``cue`` follow another amount of its clause closely ('5亿元投资计划'),
    so that it qualifies that amount only?  ('约30亿元,并计划...': a clause
    boundary between them leaves the cue to its own clause.)"""
    clause = doc.clause_of(cue.start)
    return any(
        other.start != spot.start and other.mention.kind != "date" and 0 <= cue.start - other.end <= 3
        and inside(clause, other)
        for other in doc.spots
    )


def frame_modality(doc: Doc, spot: Spot) -> tuple[str, float]:
    """Cues of the clause, then sentence-scope cues before it; precedence decides."""
    if current_value(doc, spot):
        return doc.lex.modality_default, 0.6
    clause, sent = own_clause(doc, spot), doc.sentence_of(spot.start)
    found = {h.name for h in doc.modality_hits
             if h.kind == "clause" and inside(clause, h) and not _attached(doc, h, spot)}
    conf = 0.85
    if not found:
        # sentence cues before the clause; a date framed by its sentence takes them all
        read_off = doc.facts.get(spot.start, {}).get("conf", {}).get("metric")
        wide = spot.mention.kind == "date" and read_off == SENTENCE_DATE_CUE
        until = sent[1] if wide else clause[0]
        found = {h.name for h in doc.modality_hits if h.kind == "sentence" and sent[0] <= h.start and h.end <= until}
        conf = 0.65
    for name in doc.lex.modality_precedence:
        if name in found:
            return name, conf
    return doc.lex.modality_default, 0.7

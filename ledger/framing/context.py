"""What the framing rules share: the clause a mention belongs to, whether a
date stands alone, and the memory of what earlier claims of the article said.

The rules (one module per field: :mod:`~ledger.framing.metric`,
:mod:`~ledger.framing.roles`, :mod:`~ledger.framing.period`,
:mod:`~ledger.framing.modality`) read positions only; every word they use
comes from the lexicon files.  Confidences are fixed per rule: a field read
off the number's own clause is surer than one read off its sentence, which is
surer than one carried over from an earlier sentence or a default.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ledger.framing.cues import Hit
from ledger.framing.doc import Doc, Spot

#: Confidence of a date's metric read off a cue elsewhere in its sentence; such
#: a date (it opens the sentence) also takes the whole sentence's modality.
SENTENCE_DATE_CUE = 0.6

#: Confidence of a metric no cue gave (the kind's neutral default).
DEFAULT_METRIC = 0.2

#: Confidence of a subject the article's company gave for want of any name near the
#: figure (roles.frame_subject's last resort); below 0.3 the cross-check lets such a
#: claim only agree (rules.toml [compare] weak_below), and it is not carried on.
TOPIC_SUBJECT = 0.25
WEAKEST_SUBJECT = 0.3

@dataclass
class Memory:
    """What earlier claims of the article said: (position, subject entity, object)."""

    said: list[tuple[int, Hit, str]] = field(default_factory=list)

    def add(self, pos: int, subject: Hit | None, obj: str) -> None:
        if subject is not None:
            bisect.insort(self.said, (pos, subject, obj), key=lambda t: t[0])

    def last(self, pos: int) -> tuple[Hit, str] | None:
        at = self.before(pos)
        return (self.said[at][1], self.said[at][2]) if at >= 0 else None

    def last_at(self, pos: int) -> int:
        """Where the last claim before ``pos`` stands (-1: none)."""
        at = self.before(pos)
        return self.said[at][0] if at >= 0 else -1

    def before(self, pos: int) -> int:
        return bisect.bisect_left(self.said, pos, key=lambda t: t[0]) - 1

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
    if doc.among(doc.entities, *clause):
        return False
    if any(s.start != spot.start for s in doc.among(doc.spots, *clause)):
        return False
    rest = doc.low[clause[0] : spot.start] + doc.low[spot.end : clause[1]]
    return sum(ch.isalnum() for ch in rest) <= int(doc.lex.period.get("lone_date_chars", 8))

def _distance(hit: Hit, start: int, end: int) -> int:
    if hit.start >= end:
        return hit.start - end
    if hit.end <= start:
        return start - hit.end
    return 0

def _in_name(doc: Doc, mark: Hit) -> bool:
    """Is a marker word part of an entity's name ('比' in '比亚迪')?"""
    return bool(doc.touching(doc.entities, mark.start, mark.end))

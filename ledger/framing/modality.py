"""How sure the text is (``modality``): cues of the clause, then
sentence-scope cues before it; precedence decides."""
from __future__ import annotations

from ledger.framing.context import SENTENCE_DATE_CUE, own_clause
from ledger.framing.cues import Hit
from ledger.framing.doc import Doc, Spot, about_report
from ledger.framing.period import current_value


def _attached(doc: Doc, cue: Hit, spot: Spot) -> bool:
    """Does ``cue`` follow another amount of its clause closely ('5亿元投资计划'),
    so that it qualifies that amount only?  Or is the number compared with
    another one the cue comes right before ('RMB0.65 beat the analyst consensus
    of RMB0.57': [modality] compared_with between them), so that the cue is the
    benchmark's, not the number's?  ('约30亿元,并计划...': a clause boundary
    between them leaves the cue to its own clause.)"""
    clause = doc.clause_of(cue.start)
    compared = doc.lex.compared_with
    if cue.name == "forecast" and cue.start >= spot.end and _benchmark(doc, cue, spot.end):
        return True  # '营收142億美元,也超越預期', 'beating analyst expectations': the figure beat a forecast
    for other in doc.among(doc.spots, *clause):
        if other.start == spot.start or other.mention.kind == "date":
            continue
        if 0 <= cue.start - other.end <= 3:
            return True
        if spot.end <= cue.start and 0 <= other.start - cue.end <= 4 \
                and not doc.low[cue.end:other.start].strip(" :：的of") \
                and any(w in doc.low[spot.end:cue.start] for w in compared):
            return True
    return False


def _benchmark(doc: Doc, cue: Hit, lo: int) -> bool:
    """Is a forecast cue the benchmark a figure is compared with ('超出市场预期',
    '略低于券商预测下限', 'exceeding analyst expectations')?  A word of [modality]
    compared_with stands a few characters before it, past ``lo`` (the figure's end,
    or its clause's start for a cue that qualifies the rest of its sentence)."""
    words = doc.low[max(lo, cue.start - 12):cue.start]
    return any(w in words for w in doc.lex.compared_with)


def frame_modality(doc: Doc, spot: Spot) -> tuple[str, float]:
    """Cues of the clause, then sentence-scope cues before it; precedence decides."""
    if current_value(doc, spot):
        return doc.lex.modality_default, 0.6
    clause, sent = own_clause(doc, spot), doc.sentence_of(spot.start)
    found = {h.name for h in doc.among(doc.modality_hits, *clause)
             if h.kind == "clause" and not _attached(doc, h, spot)}
    conf = 0.85
    if not found:
        # sentence cues before the clause; a date framed by its sentence takes them all
        read_off = doc.facts.get(spot.start, {}).get("conf", {}).get("metric")
        wide = spot.mention.kind == "date" and read_off == SENTENCE_DATE_CUE
        until = sent[1] if wide else clause[0]
        # a forecast compared with ('超出市场预期', '略低于券商预测') is a benchmark, no qualifier
        found = {h.name for h in doc.among(doc.modality_hits, sent[0], until) if h.kind == "sentence"
                 and not (h.name == "forecast" and _benchmark(doc, h, doc.clause_of(h.start)[0]))}
        conf = 0.65
    for name in doc.lex.modality_precedence:
        if name in found:
            return name, conf
    if _from_research(doc, spot, sent):
        return "estimate", 0.6
    return doc.lex.modality_default, 0.7


def _from_research(doc: Doc, spot: Spot, sent: tuple[int, int]) -> bool:
    """A figure stated on a research firm's word ('根據 Omdia 最近發佈的報告，三星…出貨
    6,060 萬部', 'according to IDC'): the firm named in its sentence or earlier in its
    paragraph, or in the article's lead (cues.toml ``research_types``) measured it, so it is an estimate --
    two firms' figures for one quarter differ without contradicting each other."""
    research = doc.marks.get("research", [])
    para = doc.paragraph_of(spot.start)
    if doc.among(research, min(para[0], sent[0]), sent[1]):
        return True
    return about_report(doc)

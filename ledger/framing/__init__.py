"""Framing: who a number is about (subject), its counterpart (object), what it
measures (metric), when it holds (period) and how sure the text is
(modality), each with a confidence.

Modules, bottom up: :mod:`~ledger.framing.cues` (the lexicon: cue words and
entities), :mod:`~ledger.framing.doc` (one analysis of a text),
:mod:`~ledger.framing.context` (what the rules share),
:mod:`~ledger.framing.metric`, :mod:`~ledger.framing.roles`, :mod:`~ledger.framing.period`,
:mod:`~ledger.framing.modality` (the rules, one per field, about positions only),
:mod:`~ledger.framing.frame` (mentions to ledger rows).
"""
from ledger.framing.frame import Frame, claim_row, frame_article, frame_text

__all__ = ["Frame", "claim_row", "frame_article", "frame_text"]

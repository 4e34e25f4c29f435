"""Cross-check: verdicts between claims about the same thing, arithmetic
rules, reviewer decisions.

Modules, bottom up: :mod:`~ledger.crosscheck.scoring` (finding columns,
settings, gaps, severities, ids), :mod:`~ledger.crosscheck.rates` (dated
exchange rates), :mod:`~ledger.crosscheck.pairs` (prepare,
blocking, verdicts), :mod:`~ledger.crosscheck.arithmetic` (the ``[[rule]]``
tables), :mod:`~ledger.crosscheck.decisions` (``decisions.csv``),
:mod:`~ledger.crosscheck.rows` (the findings frame and its sentences),
:mod:`~ledger.crosscheck.check` (the one call).
"""
from ledger.crosscheck.check import check, explain, is_open_contradiction
from ledger.crosscheck.pairs import (
    NEEDED,
    TEXT_COLUMNS,
    pair_indices,
    pair_verdicts,
    prepare,
    python_text,
    verdicts,
)
from ledger.crosscheck.scoring import (
    CONFLICT_COLUMNS,
    KINDS,
    PAIR_KINDS,
    TEXT,
    conflict_ids,
    load_settings,
    relative_gap,
    severity,
    severity_labels,
    severity_of,
)

__all__ = [
    "CONFLICT_COLUMNS", "KINDS", "NEEDED", "PAIR_KINDS", "TEXT", "TEXT_COLUMNS", "check", "conflict_ids",
    "explain", "is_open_contradiction", "load_settings", "pair_indices", "pair_verdicts", "prepare",
    "python_text", "relative_gap", "severity", "severity_labels", "severity_of", "verdicts",
]

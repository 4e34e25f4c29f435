"""Cross-check: verdicts between claims about the same thing, arithmetic
rules, evidence, issues, reviewer decisions (docs/findings.md).

Modules, bottom up: :mod:`~ledger.crosscheck.scoring` (finding columns,
settings, gaps, severities, ids), :mod:`~ledger.crosscheck.rates` (dated
exchange rates), :mod:`~ledger.crosscheck.pairs` (prepare,
blocking, verdicts), :mod:`~ledger.crosscheck.arithmetic` (the ``[[rule]]``
tables), :mod:`~ledger.crosscheck.evidence` (how strong each claim is),
:mod:`~ledger.crosscheck.rows` (the findings frame as data, issues, ranks),
:mod:`~ledger.crosscheck.issues` (one row per issue),
:mod:`~ledger.crosscheck.text` (what a person reads, for the rows shown),
:mod:`~ledger.crosscheck.decisions` (``decisions.csv``),
:mod:`~ledger.crosscheck.check` (the one call).
"""
from ledger.crosscheck.check import check, explain, is_open_contradiction
from ledger.crosscheck.issues import ISSUE_COLUMNS, issue_frame
from ledger.crosscheck.pairs import (
    NEEDED,
    TEXT_COLUMNS,
    pair_indices,
    pair_verdicts,
    prepare,
    python_text,
    verdicts,
)
from ledger.crosscheck.rows import FINDING_COLUMNS
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
from ledger.crosscheck.text import render

__all__ = [
    "CONFLICT_COLUMNS", "FINDING_COLUMNS", "ISSUE_COLUMNS", "KINDS", "NEEDED", "PAIR_KINDS", "TEXT", "TEXT_COLUMNS",
    "check", "conflict_ids", "explain", "is_open_contradiction", "issue_frame", "load_settings", "pair_indices",
    "pair_verdicts", "prepare", "python_text", "relative_gap", "render", "severity", "severity_labels",
    "severity_of", "verdicts",
]

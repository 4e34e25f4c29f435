"""Claims: the ledger (``claims.csv``): its schema, validation, the canonical
atomic store and the merge that never overwrites a reviewer.

Modules, bottom up: :mod:`~ledger.claims.store` (read, write, merge),
:mod:`~ledger.claims.schema` (the pandera model), :mod:`~ledger.claims.rules`
(rules over whole rows), :mod:`~ledger.claims.validate` (the report).
"""
from ledger.claims.store import (
    MergeResult,
    canonical,
    conform,
    empty_ledger,
    merge_extracted,
    read_ledger,
    to_csv_text,
    write_ledger,
)
from ledger.claims.validate import ValidationReport, read_valid_ledger, validate_ledger

__all__ = [
    "MergeResult", "ValidationReport", "canonical", "conform", "empty_ledger", "merge_extracted",
    "read_ledger", "read_valid_ledger", "to_csv_text", "validate_ledger", "write_ledger",
]

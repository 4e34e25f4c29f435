"""Report: the conflict workbook (``conflicts.xlsx``), injection-safe cells,
and reviewer decisions brought back from it.

Modules, bottom up: :mod:`~ledger.report.cells` (safe cells, formats),
:mod:`~ledger.report.layout` (sheet names, columns, the format tag),
:mod:`~ledger.report.summary` (the Summary sheet), :mod:`~ledger.report.workbook`
(every sheet, written atomically), :mod:`~ledger.report.decisions` (reading
decisions back; refusing to overwrite unimported ones).
"""
from ledger.report.decisions import (
    ImportResult,
    StaleWorkbook,
    import_decisions,
    refuse_unimported,
    workbook_meta,
)
from ledger.report.layout import CONFLICT_SHEET_COLUMNS, SHEETS
from ledger.report.workbook import SheetLimitWarning, write_report

__all__ = [
    "CONFLICT_SHEET_COLUMNS", "SHEETS", "ImportResult", "SheetLimitWarning", "StaleWorkbook", "import_decisions",
    "refuse_unimported", "workbook_meta", "write_report",
]

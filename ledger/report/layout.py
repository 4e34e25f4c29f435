"""The workbook's fixed shape: sheet names, the format tag, the Conflicts
sheet's columns, and the digest of conflict ids; shared by the writer and by
the import of decisions.
"""
from __future__ import annotations

import hashlib

SHEETS = ("Summary", "Conflicts", "Claims", "Arithmetic", "Sources", "_meta")
FORMAT_TAG = "factcheck-conflicts/1"
# (header, width) of the Conflicts sheet; the import reads the columns by header.
# The printed page (and the rendered PNG) holds the columns up to Reviewer.
ID_HEADER, DECISION_HEADER, NOTE_HEADER, REVIEWER_HEADER = "conflict_id", "Decision", "Reviewer note", "Reviewer"
CONFLICT_SHEET_COLUMNS = (
    (ID_HEADER, 14), ("Verdict", 13), ("Severity", 8), ("Subject", 11), ("Metric", 14), ("Unit", 6),
    ("Value A", 16), ("Value B", 16), ("Period A", 15), ("Period B", 15), ("Modality A", 10), ("Modality B", 10),
    ("Quote A", 30), ("Quote B", 30), ("Source A", 20), ("Source B", 20),
    ("Gap", 7), ("Explanation", 50), (DECISION_HEADER, 16), (NOTE_HEADER, 30), (REVIEWER_HEADER, 12),
    ("Status", 9), ("Score", 7), ("Object", 11), ("Rule", 16), ("Claim A", 15), ("Claim B", 15),
)

def ids_digest(ids) -> str:
    """sha256 over the sorted conflict ids (what the workbook was made for)."""
    return hashlib.sha256("\n".join(sorted(map(str, ids))).encode("utf-8")).hexdigest()

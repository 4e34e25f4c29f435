"""The workbook's fixed shape: sheet names, the format tag, the Conflicts
sheet's columns, and the digest of conflict ids; shared by the writer and by
the import of decisions.
"""
from __future__ import annotations

import hashlib

SHEETS = ("Summary", "Conflicts", "Issue members", "Claims", "Arithmetic", "Sources", "_meta")
#: The workbook format: /2 has one Conflicts row per issue (its id in the Issue
#: column); /1 (read for its decisions) had one row per finding.
FORMAT_TAG = "factcheck-conflicts/2"
FORMATS = ("factcheck-conflicts/1", FORMAT_TAG)
# (header, width) of the Conflicts sheet; the import reads the columns by header.
# The printed page (and the rendered PNG) holds the columns up to Reviewer.
ID_HEADER, DECISION_HEADER, NOTE_HEADER, REVIEWER_HEADER = "Issue", "Decision", "Reviewer note", "Reviewer"
#: The id column's header in a /1 workbook (one row per finding).
OLD_ID_HEADER = "conflict_id"
CONFLICT_SHEET_COLUMNS = (
    (ID_HEADER, 15), ("Rank", 5), ("Verdict", 13), ("Severity", 8), ("Subject", 11), ("Object", 10),
    ("Metric", 14), ("Versions", 52), ("Why this rank", 36), ("Explanation", 60),
    (DECISION_HEADER, 16), (NOTE_HEADER, 26), (REVIEWER_HEADER, 11),
    ("Status", 9), ("Pairs", 6), ("Open", 6), ("Score", 7), ("Rule", 16),
)
#: (header, width) of the Issue members sheet: one row per claim of an issue.  Value,
#: Low and High are in the claim's own unit; Converted is the value in the issue's
#: unit (another currency: at the rate Conversion names, with its date and source).  The
#: figures are wide enough for "4,100,000,000,000 TWD" (a number format shows the currency).
MEMBER_SHEET_COLUMNS = (
    (ID_HEADER, 15), ("Rank", 5), ("Version", 7), ("Disagrees with", 10), ("Words", 14), ("Value", 21),
    ("Low", 21), ("High", 21), ("Unit", 7), ("Converted", 21), ("Conversion", 34), ("Period", 15), ("Modality", 10),
    ("Weak points", 30),
    ("Outlet", 12), ("Title", 30), ("Published", 11), ("Date known", 9), ("URL", 18), ("Quote", 50),
    ("Claim", 15), ("Source id", 21),
)

def ids_digest(ids) -> str:
    """sha256 over the sorted conflict ids (what the workbook was made for)."""
    return hashlib.sha256("\n".join(sorted(map(str, ids))).encode("utf-8")).hexdigest()

"""The claim record: the columns of ``claims.csv``, their order and vocabularies.

This is the one definition every stage shares.  The pandera model in
:mod:`ledger.schema` is built from it; the store writes columns in
:data:`COLUMNS` order; the metric vocabulary is data (``lexicon/metrics.toml``).
"""
from __future__ import annotations

import hashlib
import tomllib
from functools import lru_cache
from importlib import resources

#: Column order of claims.csv.  ``(name, kind, description)``; kind is one of
#: str, int, float, enum.  The column table of docs/ledger.md is generated from this.
COLUMN_SPECS: tuple[tuple[str, str, str], ...] = (
    ("claim_id", "str", "stable id: 'c-' + 12 hex of sha1(source, start, end, surface); never a row number"),
    ("source", "str", "article id, a row of seeds/sources.csv"),
    ("start", "int", "character offset of the number's first character in the article file (0-based, Python str index)"),
    ("end", "int", "offset one past its last character; article[start:end] == surface"),
    ("surface", "str", "the number exactly as written"),
    ("quote", "str", "the sentence or clause it stands in, exactly as written (contains surface)"),
    ("kind", "enum", "money, percent, percentage_point, multiple, count, duration, date"),
    ("subject", "str", "canonical entity the claim is about (who holds / pays / reports)"),
    ("object", "str", "canonical counterpart entity (whom it is paid to, in, for); empty if none"),
    ("metric", "enum", "what is measured, from lexicon/metrics.toml"),
    ("period", "str", "when the value holds: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn, or an interval A/B; for kind=date the date claimed; empty if the text does not say"),
    ("modality", "enum", "actual, proposed, target, forecast, estimate, non_binding, reported"),
    ("value", "float", "the value in canonical units (money in currency units, percent as a fraction, multiple as factor); empty for kind=date"),
    ("value_low", "float", "lower bound of what the text allows; empty = open (e.g. 'over')"),
    ("value_high", "float", "upper bound; empty = open"),
    ("unit", "enum", "a unit of ledger.units: USD, CNY, ratio, times, count, year, date, ..."),
    ("qualifier", "enum", "exact, about, over, at_least, up_to, under, several, range, approx_range; how the text hedges"),
    ("status", "enum", "unreviewed, confirmed, corrected, disputed, rejected"),
    ("reviewer", "str", "who reviewed the row"),
    ("note", "str", "reviewer's note"),
    ("origin", "enum", "extracted (by factcheck extract) or manual (typed by a reviewer)"),
    ("confidence", "float", "framing confidence 0..1, the lowest of the per-field confidences"),
    ("confidence_detail", "str", "per-field framing confidence, 'subject=0.9;object=0.6;metric=0.8;period=0.7;modality=0.9'"),
)

COLUMNS: tuple[str, ...] = tuple(name for name, _, _ in COLUMN_SPECS)
INT_COLUMNS = ("start", "end")
FLOAT_COLUMNS = ("value", "value_low", "value_high", "confidence")

KINDS = ("money", "percent", "percentage_point", "multiple", "count", "duration", "date")
MODALITIES = ("actual", "proposed", "target", "forecast", "estimate", "non_binding", "reported")
STATUSES = ("unreviewed", "confirmed", "corrected", "disputed", "rejected")
ORIGINS = ("extracted", "manual")
QUALIFIERS = (
    "exact", "about", "over", "at_least", "up_to", "under", "several", "range", "approx_range",
)
FRAMED_FIELDS = ("subject", "object", "metric", "period", "modality")

@lru_cache(maxsize=1)
def metrics() -> dict[str, dict]:
    """The metric vocabulary from ``lexicon/metrics.toml``: name -> table."""
    text = resources.files("ledger").joinpath("lexicon/metrics.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def claim_id(source: str, start: int, end: int, surface: str) -> str:
    """Stable id of a claim: depends only on where it is and what it says."""
    digest = hashlib.sha1(f"{source}\x1f{start}\x1f{end}\x1f{surface}".encode("utf-8")).hexdigest()
    return "c-" + digest[:12]

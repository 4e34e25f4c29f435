"""How strong each claim is as evidence, as data: a strength in 0..1 and the
flags that lowered it (``rules.toml [evidence]``, docs/findings.md).

A claim is weaker evidence when its figure is vague (数十亿) or hedged (约),
when its date is relative (去年底) and the publication date it was read
against was inferred rather than stated, when it reports a report (据报道,
"according to people familiar", modality ``reported``), when its source is a
repost, or when the sources table names no outlet for it.  The strength is
the product of the factors that apply.  Nothing here makes a sentence: the
flags are turned into words only for the rows shown
(:func:`ledger.crosscheck.text.side_reasons`).
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ledger import intervals

#: Flag bits of a claim's evidence (an int per claim).
VAGUE, HEDGED, INFERRED_DATE, RELATIVE_DATE, REPORTED, REPOST, UNNAMED = 1, 2, 4, 8, 16, 32, 64
FLAG_NAMES = {VAGUE: "vague", HEDGED: "hedged", INFERRED_DATE: "inferred_date", RELATIVE_DATE: "relative_date",
              REPORTED: "reported", REPOST: "repost", UNNAMED: "unnamed_outlet"}

#: Used for any key a custom rules.toml (``--rules``) leaves out.
DEFAULTS: dict[str, Any] = {
    "vague": 0.5, "vague_qualifiers": ["several", "approx_range", "range"],
    "hedged": 0.9, "hedged_qualifiers": ["about"],
    "inferred_date": 0.5, "relative_date": 0.9, "reported": 0.7, "repost": 0.8, "unnamed_outlet": 0.9,
    "loose_wording": 0.3, "loose_factor": 2.0, "same_article": 0.5,
    "relative_date_words": ["去年", "今年", "前年", "明年", "上月", "上个月", "上個月", "本月", "上周", "本周",
                            "last year", "this year", "last month", "this month", "last week", "ago"],
    "reported_words": ["据报道", "據報道", "据悉", "据称", "传闻", "知情人士", "消息人士", "reportedly",
                       "according to people", "people familiar", "sources said"],
    "repost_words": ["repost", "转载", "轉載"],
}


def evidence_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The ``[evidence]`` table of ``settings`` over :data:`DEFAULTS`."""
    return {**DEFAULTS, **settings.get("evidence", {})}


def _pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)", re.IGNORECASE)


def source_flags(sources: pd.DataFrame | None, settings: dict[str, Any]) -> dict[str, int]:
    """Per source id: the flags its sources-table row gives every claim of it
    (publication date inferred: counted only for relative dates; repost;
    no outlet named).  A source absent from the table gets none."""
    if sources is None or not len(sources) or "id" not in sources:
        return {}
    ev = evidence_settings(settings)
    repost = _pattern(ev["repost_words"])
    out: dict[str, int] = {}
    for row in sources.to_dict("records"):
        flags = 0
        if _text(row.get("published_basis")) != "stated":
            flags |= INFERRED_DATE
        if repost.search(_text(row.get("published_evidence"))):
            flags |= REPOST
        if not _text(row.get("publisher")).strip():
            flags |= UNNAMED
        out[str(row["id"])] = flags
    return out


def _text(value: Any) -> str:
    """A cell as text; missing (None, NaN, NA) is empty."""
    return value if isinstance(value, str) else ""


def claim_evidence(prepared: pd.DataFrame, sources: pd.DataFrame | None,
                   settings: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """``(strength, flags)`` per row of a prepared ledger
    (:func:`ledger.crosscheck.pairs.prepare`)."""
    ev = evidence_settings(settings)
    n = len(prepared)
    flags = np.zeros(n, dtype=np.int64)
    if not n:
        return np.ones(0), flags
    qualifier = prepared["qualifier"]
    flags |= np.where(intervals.text_is(qualifier, list(ev["vague_qualifiers"])), VAGUE, 0)
    flags |= np.where(intervals.text_is(qualifier, list(ev["hedged_qualifiers"])), HEDGED, 0)
    reported = intervals.text_is(prepared["modality"], ["reported"]) | _matches(prepared["quote"], ev["reported_words"])
    flags |= np.where(reported, REPORTED, 0)
    codes, names = intervals.column_codes(prepared, "source")
    per_source = source_flags_for(names, sources, settings)
    from_source = per_source[codes] if len(names) else np.zeros(n, dtype=np.int64)
    flags |= from_source & (REPOST | UNNAMED)
    is_date = prepared["is_date"].to_numpy(dtype=bool)
    relative = np.zeros(n, dtype=bool)
    if is_date.any():
        at = np.flatnonzero(is_date)
        relative[at] = _matches(prepared["surface"].iloc[at], ev["relative_date_words"])
    inferred = relative & ((from_source & INFERRED_DATE) != 0)
    flags |= np.where(inferred, INFERRED_DATE, np.where(relative, RELATIVE_DATE, 0))
    return strength_of(flags, ev), flags


def source_flags_for(names: np.ndarray, sources: pd.DataFrame | None, settings: dict[str, Any]) -> np.ndarray:
    """:func:`source_flags` for each source name of ``names`` (0 if unknown)."""
    table = source_flags(sources, settings)
    return np.array([table.get(str(s), 0) for s in names], dtype=np.int64)


def strength_of(flags: np.ndarray, ev: dict[str, Any]) -> np.ndarray:
    """The product of the factors of the flags set."""
    strength = np.ones(len(flags))
    for bit, name in FLAG_NAMES.items():
        strength = np.where(flags & bit, strength * float(ev[name]), strength)
    return strength


def _matches(values: pd.Series, words: list[str]) -> np.ndarray:
    """Whether each text holds one of ``words`` (case-insensitive); each
    distinct text searched once."""
    codes, uniques = intervals.text_codes(values)
    if not len(uniques):
        return np.zeros(len(values), dtype=bool)
    search = _pattern(list(words)).search
    hit = np.array([bool(search(u)) if isinstance(u, str) else False for u in uniques], dtype=bool)
    return np.where(codes >= 0, hit[codes], False)


def loose_wording(lo: np.ndarray, hi: np.ndarray, flags: np.ndarray, i: np.ndarray, j: np.ndarray,
                  code: np.ndarray, settings: dict[str, Any]) -> np.ndarray:
    """Contradiction pairs (verdict code 3) with a vague side whose interval
    misses the other's by less than ``loose_factor``: the larger low bound
    over the smaller high bound (both positive)."""
    ev = evidence_settings(settings)
    vague = ((flags[i] | flags[j]) & VAGUE) != 0
    out = (code == 3) & vague
    if not out.any():
        return out
    at = np.flatnonzero(out)
    a, b = i[at], j[at]
    top_low = np.maximum(lo[a], lo[b])
    low_high = np.minimum(hi[a], hi[b])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((low_high > 0) & np.isfinite(top_low), top_low / low_high, np.inf)
    out[at] = ratio <= float(ev["loose_factor"])
    return out

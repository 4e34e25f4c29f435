"""The Conflicts sheet (one row per issue) and the Issue members sheet (one
row per claim of an issue: every version of the figure, with its source as
people know it), made from the findings frame (data) with the text rendered
only for what the sheets hold: each issue's most severe pair's sentence and
its reason (:mod:`ledger.crosscheck.text`).

A version is the claims of an issue that state the same thing (the same
value and bounds, unit, period and modality); versions are numbered from 1
in order of their value (a date: its period).  "Disagrees with" lists the
versions a version contradicts (a contradiction or loose-wording pair
between their claims).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ledger.crosscheck.evidence import FLAG_NAMES
from ledger.crosscheck.issues import issue_frame
from ledger.crosscheck.text import Claims, dated, explain, interval_text, issue_reasons, side_reasons
from ledger.report.cells import text_or_blank


@dataclass
class Version:
    number: int
    claims: list[int] = field(default_factory=list)  # rows of Claims.frame
    against: set[int] = field(default_factory=set)  # versions it disagrees with


@dataclass
class IssueView:
    """What the two sheets show of one issue."""

    row: dict[str, Any]  # the issue_frame row
    reason: str
    explanation: str
    versions: list[Version]
    flags: dict[str, int]  # claim id -> evidence flags (from its pairs)


def issue_views(found: pd.DataFrame, claims: Claims) -> list[IssueView]:
    """One view per issue of ``found``: open issues first, then by rank."""
    issues = issue_frame(found)
    if not len(issues):
        return []
    tops = issues["top"].to_numpy(dtype=np.int64)
    top_rows = found.iloc[tops]
    sentences = explain(top_rows, claims)
    reasons = issue_reasons(found, issues, claims)
    by_issue = _rows_by_issue(found, issues)
    records = issues.to_dict("records")
    order = np.lexsort((issues["issue_rank"].to_numpy(), issues["status"].to_numpy(dtype=object) != "open"))
    views = []
    for k in order.tolist():
        rec = records[k]
        rows = by_issue[k]
        versions, flags = _versions(found, rows, rec["members"], claims)
        views.append(IssueView(rec, reasons[k], str(sentences[k]), versions, flags))
    return views


def _rows_by_issue(found: pd.DataFrame, issues: pd.DataFrame) -> list[np.ndarray]:
    ranks = issues["issue_rank"].to_numpy()
    at = np.searchsorted(ranks, found["issue_rank"].to_numpy())
    order = np.argsort(at, kind="stable")
    cuts = np.searchsorted(at[order], np.arange(1, len(ranks)))
    return np.split(order, cuts)


def _versions(found: pd.DataFrame, rows: np.ndarray, members: list[str],
              claims: Claims) -> tuple[list[Version], dict[str, int]]:
    at = claims.rows(members)
    known = at[at >= 0]
    frame = claims.frame
    key_cols = ("value", "value_low", "value_high", "unit", "period", "modality")
    keys: dict[tuple[str, ...], list[int]] = {}
    for r in known.tolist():
        key = tuple(text_or_blank(frame[c].iloc[r]) if c in frame else "" for c in key_cols)
        keys.setdefault(key, []).append(r)
    ordered = sorted(keys.items(), key=lambda kv: (_sort_value(kv[0][0], kv[0][1]), kv[0][4], kv[0][5]))
    versions = [Version(n, rs) for n, (_, rs) in enumerate(ordered, 1)]
    version_of = {r: v.number for v in versions for r in v.claims}
    ids = frame["claim_id"].astype(str).to_numpy()
    row_of = {ids[r]: r for r in known.tolist()}
    flags: dict[str, int] = {}
    kind = found["kind"].to_numpy(dtype=object)
    a, b = found["claim_a"].to_numpy(dtype=object), found["claim_b"].to_numpy(dtype=object)
    fa, fb = found["flags_a"].to_numpy(), found["flags_b"].to_numpy()
    for r in rows.tolist():
        flags.setdefault(str(a[r]), int(fa[r]))
        flags.setdefault(str(b[r]), int(fb[r]))
        if kind[r] != "contradiction":
            continue
        va, vb = version_of.get(row_of.get(str(a[r]), -1)), version_of.get(row_of.get(str(b[r]), -1))
        if va and vb and va != vb:
            versions[va - 1].against.add(vb)
            versions[vb - 1].against.add(va)
    return versions, flags


def _sort_value(value: str, low: str) -> float:
    for text in (value, low):
        try:
            return float(text)
        except ValueError:
            continue
    return float("inf")


def version_lines(view: IssueView, claims: Claims) -> str:
    """The versions of an issue, one per line: 'v1 “2023年10月” 2023-10 — 虎嗅网 «…» (2025-03, inferred)'."""
    lines = []
    for v in view.versions:
        first = v.claims[0]
        figure = figure_text(claims, first)
        sources = "; ".join(dict.fromkeys(claims.label(str(claims.frame["source"].iloc[r])) for r in v.claims))
        against = f" (disagrees with {', '.join(f'v{n}' for n in sorted(v.against))})" if v.against else ""
        count = f" ×{len(v.claims)}" if len(v.claims) > 1 else ""
        lines.append(f"v{v.number} {figure}{count} — {sources}{against}")
    return "\n".join(lines)


def figure_text(claims: Claims, row: int) -> str:
    """A claim's words and what they mean: '“数十亿美金” 2–9 bn USD', '“2023年底” 2023-11/2023-12'."""
    frame = claims.frame
    surface = text_or_blank(frame["surface"].iloc[row])
    unit = text_or_blank(frame["unit"].iloc[row])
    if unit == "date":
        return f"“{surface}” {text_or_blank(frame['period'].iloc[row])}"
    lo = _float(frame["value_low"].iloc[row])
    hi = _float(frame["value_high"].iloc[row])
    value = _float(frame["value"].iloc[row])
    shown = interval_text(lo, hi, unit) if not (np.isnan(lo) and np.isnan(hi)) else interval_text(value, value, unit)
    period = text_or_blank(frame["period"].iloc[row])
    return f"“{surface}” {shown}" + (f" ({period})" if period else "")


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def member_records(view: IssueView, claims: Claims) -> list[dict[str, Any]]:
    """One record per claim of the issue, for the Issue members sheet."""
    frame = claims.frame
    out = []
    for v in view.versions:
        for r in v.claims:
            cid = str(frame["claim_id"].iloc[r])
            sid = text_or_blank(frame["source"].iloc[r])
            src = claims.sources.get(sid, {})
            flags = view.flags.get(cid, 0)
            unit = text_or_blank(frame["unit"].iloc[r])
            lo, hi = _float(frame["value_low"].iloc[r]), _float(frame["value_high"].iloc[r])
            surface = text_or_blank(frame["surface"].iloc[r])
            out.append({
                "issue": view.row["issue"], "rank": view.row["issue_rank"], "version": v.number, "claim": cid,
                "words": surface, "value": _float(frame["value"].iloc[r]), "low": lo, "high": hi, "unit": unit,
                "period": text_or_blank(frame["period"].iloc[r]),
                "modality": text_or_blank(frame["modality"].iloc[r]),
                "against": ", ".join(f"v{n}" for n in sorted(v.against)),
                "weak": "; ".join(side_reasons(flags, surface, interval_text(lo, hi, unit) if unit != "date" else "",
                                               "the source")) or "—",
                "flags": ", ".join(w for bit, w in FLAG_NAMES.items() if flags & bit),
                "outlet": src.get("publisher", "") or ("unnamed outlet" if src else ""),
                "title": src.get("title", ""), "published": src.get("published", ""),
                "known": src.get("published_basis", ""), "url": src.get("url", ""),
                "dated": dated(src) if src else "", "quote": text_or_blank(frame["quote"].iloc[r]), "source": sid,
            })
    return out

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

A version in another currency than its issue's (the ``unit`` of the issue's
most severe pair's first claim) is shown in its own unit and, beside it,
converted into the issue's at the rate its pair used, with the rate's date and
source ("= 135.2 bn USD at 7.0994 CNY/USD on 2025-10-29, ECB ..."; issue 12);
a version no pair could convert says there was no rate.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ledger.crosscheck.evidence import FLAG_NAMES
from ledger.crosscheck.issues import issue_frame
from ledger.crosscheck.rates import conversion_text
from ledger.crosscheck.text import Claims, dated, explain, interval_text, issue_reasons, side_reasons
from ledger.report.cells import text_or_blank
from ledger.units import CURRENCIES


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
    #: claim id -> (its value converted into the issue's unit, the sentence of the
    #: conversion) for the claims a pair of the issue converted across units
    converted: dict[str, tuple[float, str]] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """The unit the issue's figures are compared in (a conversion's target)."""
        return text_or_blank(self.row.get("unit"))


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
    rates = _Rates(found, {sid: row.get("publisher", "") or claims.label(sid) for sid, row in claims.sources.items()})
    views = []
    for k in order.tolist():
        rec = records[k]
        rows = by_issue[k]
        versions, flags = _versions(found, rows, rec["members"], claims)
        converted = rates.of(rows, text_or_blank(rec.get("unit"))) if rates.any else {}
        views.append(IssueView(rec, reasons[k], str(sentences[k]), versions, flags, converted))
    return views


class _Rates:
    """The conversion columns of the findings, as arrays once (pairs across
    units carry the rate that converted claim b into claim a's unit)."""

    def __init__(self, found: pd.DataFrame, labels: dict[str, str]) -> None:
        self.labels = labels
        self._named: dict[str, str] = {}
        self.rate = (pd.to_numeric(found["rate"], errors="coerce").to_numpy(dtype=float) if "rate" in found
                     else np.full(len(found), np.nan))
        self.any = bool((~np.isnan(self.rate)).any())
        if not self.any:
            return

        def num(c: str) -> np.ndarray:
            return pd.to_numeric(found[c], errors="coerce").to_numpy(dtype=float)

        self.low, self.high = num("rate_low"), num("rate_high")
        self.value_a, self.converted = num("value_a"), num("value_b_converted")
        self.text = {c: found[c].to_numpy(dtype=object) for c in ("claim_a", "claim_b", "unit", "unit_b",
                                                                  "rate_date", "rate_source")}

    def named(self, source: str) -> str:
        """A rate's source with an article that stated it ("stated in <id>") as people know it (its outlet)."""
        if not source.startswith("stated in ") or not self.labels:
            return source
        if source not in self._named:
            self._named[source] = "; ".join(
                "stated in " + self.labels.get(part[len("stated in "):], part[len("stated in "):])
                if part.startswith("stated in ") else part for part in source.split("; "))
        return self._named[source]

    def of(self, rows: np.ndarray, unit: str) -> dict[str, tuple[float, str]]:
        """claim id -> (value in ``unit``, the conversion's sentence) for the
        claims the pairs at ``rows`` converted into ``unit`` (a claim b
        converted into a's unit as the pair says; a claim a, when b is in
        ``unit``, by the inverse rate)."""
        out: dict[str, tuple[float, str]] = {}
        t = self.text
        for r in rows[~np.isnan(self.rate[rows])].tolist():
            rate, low, high = float(self.rate[r]), float(self.low[r]), float(self.high[r])
            date, source = text_or_blank(t["rate_date"][r]), self.named(text_or_blank(t["rate_source"][r]))
            ua, ub = text_or_blank(t["unit"][r]), text_or_blank(t["unit_b"][r])
            if ua == unit and ub != unit:
                cid, value, frm = str(t["claim_b"][r]), float(self.converted[r]), ub
            elif ub == unit and ua != unit:
                # a's figure in b's unit: divide by the rate (``unit`` per ``unit_b`` of this pair)
                cid, value, frm = str(t["claim_a"][r]), float(self.value_a[r]) / rate, ua
                rate, low, high = 1 / rate, 1 / high, 1 / low
            else:
                continue
            if cid not in out:
                out[cid] = (value, conversion_text(value, unit, frm, rate, low, high, date, source))
        return out


def conversion_of(view: IssueView, claims: Claims, row: int) -> str:
    """How the claim at ``row`` reads in the issue's unit: its conversion
    ("= 135.2 bn USD at 7.0994 CNY/USD on 2025-10-29, ECB ..."), or, for a
    figure in another currency that no pair of the issue converted, that
    there was no rate; "" for a figure in the issue's unit."""
    unit, target = text_or_blank(claims.column("unit")[row]), view.unit  # cached columns, not .iloc per claim
    if unit == target:
        return ""
    cid = str(claims.column("claim_id")[row])
    if cid in view.converted:
        return view.converted[cid][1]
    if unit in CURRENCIES and target in CURRENCIES:
        return f"not converted into {target}: no {unit}/{target} rate (the no-rate note of `factcheck check` says why)"
    return ""


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
        said = _version_conversion(view, claims, v)
        figure += f" {said}" if said else ""
        sources = "; ".join(dict.fromkeys(claims.label(str(claims.frame["source"].iloc[r])) for r in v.claims))
        against = f" (disagrees with {', '.join(f'v{n}' for n in sorted(v.against))})" if v.against else ""
        count = f" ×{len(v.claims)}" if len(v.claims) > 1 else ""
        lines.append(f"v{v.number} {figure}{count} — {sources}{against}")
    return "\n".join(lines)


def _version_conversion(view: IssueView, claims: Claims, v: Version) -> str:
    """The conversion of a version (its claims' distinct conversions, joined)."""
    if text_or_blank(claims.column("unit")[v.claims[0]]) == view.unit:  # a version has one unit
        return ""
    said = dict.fromkeys(conversion_of(view, claims, r) for r in v.claims)
    return "; ".join(t for t in said if t)


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
            converted = view.converted.get(cid)
            out.append({
                "issue": view.row["issue"], "rank": view.row["issue_rank"], "version": v.number, "claim": cid,
                "words": surface, "value": _float(frame["value"].iloc[r]), "low": lo, "high": hi, "unit": unit,
                "converted": converted[0] if converted else float("nan"),
                "converted_unit": view.unit if converted else "",
                # its own cell: no leading "=" (a text cell starting so reads as a formula to some tools)
                "conversion": conversion_of(view, claims, r).removeprefix("= "),
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

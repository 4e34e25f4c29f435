"""The cross-check as one call: pair verdicts, arithmetic rules and reviewer
decisions over a ledger, as one findings frame (:data:`CONFLICT_COLUMNS`).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ledger import intervals
from ledger.crosscheck import arithmetic
from ledger.crosscheck import decisions as decisions_mod
from ledger.crosscheck.engines import EngineOptions, engine_pair_verdicts
from ledger.crosscheck.pairs import prepare, python_text
from ledger.crosscheck.rates import PHRASE_COLUMNS, Money, RateBook, rate_phrases
from ledger.crosscheck.rows import assemble, pair_explanations
from ledger.crosscheck.scoring import PAIR_KINDS, TEXT, load_settings
from ledger.errors import Problem


def check(claims: pd.DataFrame, decisions: pd.DataFrame | None = None,
          settings: dict[str, Any] | None = None, *, explain: bool = True,
          rates: RateBook | None = None, engine: EngineOptions | str | None = None) -> pd.DataFrame:
    """All findings of a ledger as a DataFrame with :data:`CONFLICT_COLUMNS`,
    sorted by subject then severity (highest first).  Pure: reads nothing.

    ``explain=False`` leaves the ``explanation`` of pair findings empty (rule
    findings keep theirs): on a large ledger the sentences are most of the
    time and memory.  :func:`explain` makes them later for the rows wanted,
    the same sentences ``explain=True`` gives.

    ``rates``: the publication dates of the sources and a reviewer's rates,
    for comparing claims across currencies (default: the reference rates
    alone, so a claim without a period has no date for a rate).
    ``engine``: where the pairs are found and judged, ``"pandas"`` (the
    default), ``"duckdb"`` or ``"spark"`` (or :class:`EngineOptions`); the
    findings are the same whichever (docs/engines.md)."""

    settings = settings or load_settings()
    prepared = prepare(claims, settings)
    notes = [Problem("<ledger>", None, None, "period", p, "bad-period", "period does not parse; compared as unknown",
                     "use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or A/B", severity="warning")
             for p in intervals.bad_periods(prepared["period"])]
    if "unstated" in prepared.attrs:
        count, first = prepared.attrs.pop("unstated")
        notes.append(Problem("<ledger>", None, None, "claim_id", ", ".join(first), "nothing-to-compare",
                             f"{count} claim(s) state no value (or no readable date) and were not compared",
                             "fill value/value_low/value_high, or the period of a date claim", severity="warning"))
    money = Money(prepared, rates, settings)
    options = EngineOptions.from_env(engine) if isinstance(engine, str) else engine
    i, j, code, pair_notes, conversions = engine_pair_verdicts(prepared, settings, options, money)
    prepared = python_text(prepared)
    arith, arith_notes = arithmetic.apply_rules(prepared, settings, money)
    out = assemble(prepared, i, j, code, arith, settings, explain=explain, conversions=conversions)
    out, decision_notes = decisions_mod.apply(out, decisions)
    out.attrs["notes"] = notes + pair_notes + arith_notes + decision_notes
    return out


def explain(findings: pd.DataFrame, claims: pd.DataFrame, settings: dict[str, Any] | None = None) -> pd.Series:
    """The explanation sentence of each row of ``findings`` (all rows or any
    subset of a :func:`check` result, e.g. made with ``explain=False``), as
    :func:`check` writes it; ``claims`` is the ledger that was checked.

    Rule findings (and rows whose claims are not in ``claims``) keep the
    explanation they have.  Returns a str Series on ``findings``' index::

        out = check(claims, explain=False)
        top = out[is_open_contradiction(out)].head(50)
        top = top.assign(explanation=explain(top, claims))
    """

    text = findings["explanation"].astype(TEXT)
    codes = pd.Index(PAIR_KINDS).get_indexer(findings["kind"])
    prepared = python_text(prepare(claims, settings or load_settings()))
    first = np.flatnonzero(~prepared["claim_id"].duplicated().to_numpy())  # a valid ledger's ids are unique
    row = pd.Index(prepared["claim_id"].to_numpy()[first])
    ia, ib = (np.where(k >= 0, first[k], -1) for k in (row.get_indexer(findings[c]) for c in ("claim_a", "claim_b")))
    at = np.flatnonzero((codes >= 0) & (ia >= 0) & (ib >= 0))
    if len(at):
        phrases = (rate_phrases({c: findings[c].to_numpy()[at] for c in PHRASE_COLUMNS})
                   if set(PHRASE_COLUMNS) <= set(findings.columns) else None)
        sentences = pair_explanations(prepared, ia[at], ib[at], codes[at], phrases)
        text = text.copy()
        text.iloc[at] = pd.Series(sentences, index=text.index[at], dtype=TEXT)
    return text


def is_open_contradiction(out: pd.DataFrame) -> pd.Series:
    """Rows that gate publication: open contradictions and open failed rules."""
    bad = (out["kind"] == "contradiction") | ((out["kind"] == "arithmetic") & (out["result"] == "fail"))
    return bad & (out["status"] == "open")

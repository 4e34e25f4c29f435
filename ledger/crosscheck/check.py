"""The cross-check as one call: pair verdicts, arithmetic rules, evidence,
issues and reviewer decisions over a ledger, as one findings frame of data
(:data:`~ledger.crosscheck.rows.FINDING_COLUMNS`).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from ledger import intervals
from ledger.crosscheck import arithmetic
from ledger.crosscheck import decisions as decisions_mod
from ledger.crosscheck.engines import EngineOptions, engine_pair_verdicts
from ledger.crosscheck.evidence import claim_evidence
from ledger.crosscheck.pairs import overlap, prepare
from ledger.crosscheck.rates import Money, RateBook
from ledger.crosscheck.rows import assemble, claim_columns
from ledger.crosscheck.scoring import load_settings
from ledger.crosscheck.text import explain as text_explain
from ledger.crosscheck.text import render
from ledger.errors import Problem


def check(claims: pd.DataFrame, decisions: pd.DataFrame | None = None,
          settings: dict[str, Any] | None = None, *, sources: pd.DataFrame | None = None,
          explain: bool = False, rates: RateBook | None = None,
          engine: EngineOptions | str | None = None) -> pd.DataFrame:
    """All findings of a ledger, as data: a DataFrame with
    :data:`~ledger.crosscheck.rows.FINDING_COLUMNS`, grouped into issues
    (``issue_rank``, 1 first) and ordered by issue rank, then severity
    (highest first).  Pure: reads nothing.

    ``sources`` (the sources table) lets the evidence of each side count how
    its date was known, whether its source is a repost and names its outlet
    (:mod:`ledger.crosscheck.evidence`); without it no source-level factor
    applies.  Pair rows carry no text a person reads: their ``conflict_id``,
    ``claims`` and ``explanation`` are made for the rows shown by
    :func:`ledger.crosscheck.text.render` (``explain=True`` makes them for
    every row).  When ``decisions`` name pair ids, ``conflict_id`` and
    ``claims`` are made for every row to match them.

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

    def claims_stage() -> tuple[tuple[np.ndarray, np.ndarray], tuple[pd.DataFrame, list[Problem]], dict]:
        # the text stays as it came (Arrow or Python): no per-pair string is made here
        return (claim_evidence(prepared, sources, settings), arithmetic.apply_rules(prepared, settings, money),
                claim_columns(prepared))

    if overlap(len(prepared)):
        # the evidence, the arithmetic rules and the claims' columns of the findings read what
        # the pair stage reads and write nothing it reads: they run on a second core meanwhile
        # (numpy and Arrow let go of the GIL); the rates' shared caches are filled first
        _ = money.stated
        money.windows()
        with ThreadPoolExecutor(1) as pool:
            side = pool.submit(claims_stage)
            i, j, code, pair_notes, conversions = engine_pair_verdicts(prepared, settings, options, money)
            (strength, flags), (arith, arith_notes), claim_text = side.result()
    else:
        i, j, code, pair_notes, conversions = engine_pair_verdicts(prepared, settings, options, money)
        (strength, flags), (arith, arith_notes), claim_text = claims_stage()
    out = assemble(prepared, i, j, code, arith, settings, strength, flags, conversions=conversions,
                   claim_text=claim_text)
    out, decision_notes = decisions_mod.apply(out, decisions)
    if explain:
        out = render(out, claims, sources)
    out.attrs["notes"] = notes + pair_notes + arith_notes + decision_notes
    return out


def explain(findings: pd.DataFrame, claims: pd.DataFrame, settings: dict[str, Any] | None = None, *,
            sources: pd.DataFrame | None = None) -> pd.Series:
    """The explanation sentence of each row of ``findings`` (all rows or any
    subset of a :func:`check` result), as :func:`ledger.crosscheck.text.explain`
    makes it; ``claims`` is the ledger that was checked.  Returns a str
    Series on ``findings``' index (``settings`` is not needed; kept for
    callers of the earlier signature)::

        out = check(claims)
        top = out[out["issue_rank"] <= 10]
        top = top.assign(explanation=explain(top, claims))
    """
    return pd.Series(text_explain(findings, claims, sources), index=findings.index, dtype=object)


def is_open_contradiction(out: pd.DataFrame) -> pd.Series:
    """Rows that gate publication: open contradictions and open failed rules."""
    bad = (out["kind"] == "contradiction") | ((out["kind"] == "arithmetic") & (out["result"] == "fail"))
    return bad & (out["status"] == "open")

"""Pair verdicts: verdicts between claims about the same thing, plus
the arithmetic rules of ``rules.toml``, with reviewer decisions applied.

Claims are blocked by key (subject, object, metric); pairs are formed only
inside a key, with numpy over the sorted ledger (no Python loop over pairs).
Each pair gets one verdict:

* ``consistent``: the intervals overlap, and both sides are facts (or a fact
  and a measurement of it: rules.toml ``measured``, an estimate) or both the
  same kind of intention (a confirmation);
* ``modality``: one side is a fact and the other an intention (proposed,
  target, forecast, non-binding), whatever the figures, or both are
  intentions whose kinds or figures differ: a plan neither confirms nor
  contradicts a fact;
* ``temporal``: the figures differ and both periods are known and disjoint;
* ``contradiction``: the figures differ, both are facts, the periods are the
  same, overlapping or unknown.

Date claims (kind ``date``) compare the dates they claim as day intervals.
Claims in different currencies are compared at a dated exchange rate
(:mod:`ledger.crosscheck.rates`), the rate's range widening the converted
interval; other units of one dimension (months and years) by the unit
registry's factor.
The result is a DataFrame with :data:`CONFLICT_COLUMNS`; notes about things
not compared (no rate for a currency or date, units of different dimensions,
huge groups, unreadable periods, orphan decisions) are :class:`~ledger.errors.Problem` rows in ``df.attrs["notes"]``.
The rows themselves (ids, sentences, output order) are made in
:mod:`ledger.crosscheck.rows`.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ledger import intervals
from ledger.crosscheck.entities import canonical as entity_canonical
from ledger.crosscheck.entities import key as entity_key
from ledger.crosscheck.entities import keys as entity_keys
from ledger.crosscheck.entities import linked_by_figures, three_digits
from ledger.crosscheck.rates import RATES_NAME, Money, converted_bounds
from ledger.crosscheck.scoring import TEXT
from ledger.crosscheck.sorting import lexsort
from ledger.errors import Code, InvalidValue, Problem
from ledger.numbers.precision import relative_precisions
from ledger.record import (
    basis_code,
    exact_spans,
    last_resort_metrics,
    meeting_classes,
    metric_family,
    moves,
    object_kind,
    span_ratio,
)
from ledger.units import factor, relation

#: Claim columns the cross-check reads; other ledger columns are ignored.
NEEDED = ("claim_id", "source", "surface", "quote", "kind", "subject", "object", "metric", "period",
          "modality", "value", "value_low", "value_high", "unit", "qualifier", "status", "confidence")
TEXT_COLUMNS = ("claim_id", "source", "surface", "quote", "kind", "subject", "object", "metric",
                "period", "modality", "unit", "qualifier", "status")



# --------------------------------------------------------------------------- preparing claims


def _weak_below(settings: dict[str, Any]) -> float:
    """rules.toml ``[compare] weak_below`` (0: off), or a clear error naming it."""
    value = settings.get("compare", {}).get("weak_below", 0.0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InvalidValue("rules [compare] weak_below must be a number from 0 to 1", field="compare.weak_below",
                           value=value, code="rules-invalid",
                           hint="write e.g. `weak_below = 0.3` under [compare] in the rules file (0 turns it off)")
    return float(value)


def prepare(claims: pd.DataFrame, settings: dict[str, Any]) -> pd.DataFrame:
    """The comparable claims with their derived intervals.

    Adds ``lo``/``hi`` (value interval; for dates the claimed day range),
    ``point`` (the stated figure), ``p0``/``p1`` (validity period in day
    ordinals, NaN if unknown), ``factual`` and ``conf``.  Rejected rows and
    rows without a metric or a subject are dropped.
    """
    missing = [c for c in NEEDED if c not in claims.columns]
    if missing:
        raise InvalidValue(f"ledger lacks column(s) {', '.join(missing)}", field=missing[0],
                           code="missing-column", hint="run `factcheck validate` on the ledger")
    df = claims.loc[:, list(NEEDED)]  # a new frame (copy-on-write): the caller's is never changed
    df.attrs = {}  # a reader's per-row attrs would be deep-copied by every pandas step
    for col in ("value", "value_low", "value_high", "confidence"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in TEXT_COLUMNS:
        # all str, no NaN/None?  (Arrow text knows its null count; for Python
        # text one C scan, as .hasnans on a str column is slower)
        values = df[col]
        if intervals.is_arrow(values):
            if values.hasnans:
                df[col] = values.fillna("")
        elif pd.api.types.infer_dtype(values.to_numpy(dtype=object), skipna=False) != "string":
            df[col] = values.fillna("").astype(str).astype(TEXT)
    # tests and codes in Arrow for Arrow text (no Python string is made), else
    # on the object arrays (a str Series' own == and factorize are 2-4x slower)
    # a claim whose subject nobody knows (an article that never names its company) is
    # about no one in particular: it forms no key with other claims, and meets a named
    # claim only to confirm the same precise figure (_anonymous_agreeing)
    keep = ~intervals.text_is(df["status"], ["rejected"]) & ~intervals.text_is(df["metric"], [""])
    # a last-resort metric nobody has reviewed (metrics.toml review = true) is vague: a
    # 'growth' or an 'unspecified_amount' of an unnamed figure meets others only to agree,
    # those of its own metric and those of the metrics it may stand for (_kin_verdicts)
    unreviewed = intervals.text_is(df["status"], ["unreviewed"])
    vague = intervals.text_is(df["metric"], list(last_resort_metrics())) & unreviewed
    # so is a claim framing was least sure of (rules.toml [compare] weak_below: a subject taken
    # from the article's topic because nothing near the figure names anyone)
    weak = _weak_below(settings)
    if weak > 0:
        vague = vague | (unreviewed & (df["confidence"].to_numpy(dtype=float) < weak))
    if not keep.all():
        df = df[keep].reset_index(drop=True)
        vague = vague[keep]
    df["vague"] = vague
    codes: dict[str, np.ndarray] | None = None
    pool = ThreadPoolExecutor(1) if overlap(len(df)) else None
    # the codes need the text alone: on a large ledger they are found on a second core while
    # the bounds are worked out here (numpy and Arrow let go of the GIL)
    future = pool.submit(_claim_codes, {c: df[c] for c in _CODED}) if pool is not None else None
    try:
        compare = settings["compare"]
        lo, hi = intervals.effective_bounds(df, precisions(df["surface"], compare["default_precision"]))
        p0, p1 = intervals.period_bounds(df["period"])
        d0, d1 = intervals.date_bounds(df, (p0, p1))
        is_date = intervals.text_is(df["kind"], ["date"]) | intervals.text_is(df["unit"], ["date"])
        df["lo"] = np.where(is_date, d0, lo)
        df["hi"] = np.where(is_date, d1, hi)
        df["point"] = np.where(is_date, np.nan, intervals.point_values(df))
        df["p0"] = np.where(is_date, np.nan, p0)
        df["p1"] = np.where(is_date, np.nan, p1)
        df["is_date"] = is_date
        df["factual"] = intervals.text_is(df["modality"], list(compare["factual"]))
        # a measurement (an estimate) that agrees with a fact confirms it; one off it is a modality finding
        df["measured"] = intervals.text_is(df["modality"], list(compare.get("measured", ())))
        df["conf"] = df["confidence"].fillna(1.0).clip(0.0, 1.0)
        # a date claim without a readable period, or a number with no value and no bound, states nothing
        numbers = df[["value", "value_low", "value_high"]].notna().any(axis=1).to_numpy()
        stated = np.where(is_date, ~np.isnan(df["lo"].to_numpy()), numbers)
        if not stated.all():
            unstated = df.loc[~stated, "claim_id"]
            df = df[stated].reset_index(drop=True)
            df.attrs = {"unstated": (len(unstated), unstated.head(5).tolist())}
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    if future is not None:
        codes = future.result()
    if codes is None or not stated.all():  # no thread ran, or its rows were not these
        codes = _claim_codes({c: df[c] for c in _CODED})
    names = codes.pop(ENTITY_NAMES)
    for col, found in codes.items():
        df[col] = found
    anonymous = intervals.text_is(df["subject"], [""])
    df["anonymous"] = anonymous
    if anonymous.any():  # each its own subject: no key of anonymous claims meets another
        sub = df["subject_c"].to_numpy(np.int64).copy()
        sub[anonymous] = len(names) + np.arange(int(anonymous.sum()))
        df["subject_c"] = sub
    if settings.get("link", {}).get("by_figures", True):
        _link_by_figures(df, names, settings)
    span = df["span"].to_numpy(dtype=float)
    df["span"] = np.where(np.isnan(span), float(settings["compare"].get("span_ratio", SPAN_RATIO)), span)
    df["row"] = np.arange(len(df))
    return df


#: Units of rates and multiples, not amounts: two companies share such figures too often
NOT_AMOUNTS = ("ratio", "percentage_point", "times", "date")
#: The key of _claim_codes' result holding the entity keys (indexed by subject_c / object_c).
ENTITY_NAMES = "_entity_names"
#: The text columns the claims' codes are found from.
_CODED = ("subject", "object", "source", "metric", "unit", "modality")
#: Below this many claims the cross-check's stages run one after the other (a thread costs more than it saves).
OVERLAP_FROM = 50_000


def overlap(n: int) -> bool:
    """Whether to run independent stages on a second thread: a ledger of
    :data:`OVERLAP_FROM` claims or more, more than one core, and not turned
    off (``FACTCHECK_THREADS=1``)."""
    return n >= OVERLAP_FROM and (os.cpu_count() or 1) > 1 and os.environ.get("FACTCHECK_THREADS", "") != "1"


def _claim_codes(text: dict[str, pd.Series]) -> dict[str, np.ndarray]:
    """The integer codes and flags of each claim, from its text columns (in the
    order prepare adds them)."""
    out: dict[str, np.ndarray] = {}
    n = len(text["metric"])
    # integer codes for blocking and joins, numbered in order of first
    # appearance: subject and object share one code book, of entity KEYS
    # (one entity whatever its script or spelling: ledger.crosscheck.entities)
    subject_c, subjects = intervals.text_codes(text["subject"])
    object_c, objects = intervals.text_codes(text["object"])
    entities, entity_names = pd.factorize(entity_keys(np.concatenate([subjects, objects])))
    out["subject_c"], out["object_c"] = entities[subject_c], entities[len(subjects):][object_c]
    out[ENTITY_NAMES] = np.asarray(entity_names, dtype=object)  # not a column: prepare takes it out
    out["subject_t"], out["object_t"] = subject_c, object_c  # the codes of their text (for the findings' columns)
    metric_c, metric_names = intervals.text_codes(text["metric"])
    for col in ("source", "metric", "unit", "modality"):
        out[col + "_c"] = metric_c if col == "metric" else intervals.text_codes(text[col])[0]
    # an unknown counterpart matches any (roles.toml: object_kind = counterpart)
    open_object = np.array([object_kind(str(m)) == "counterpart" for m in metric_names], dtype=bool)
    empty = intervals.text_is(text["object"], [""])
    out["wild"] = empty & (open_object[metric_c] if len(metric_names) else np.zeros(n, dtype=bool))
    # a company's whole figure (object_kind = part, no part named) meets its parts' figures,
    # kept only when they agree: one article names the segment, the other leaves it out
    part_object = np.array([object_kind(str(m)) == "part" for m in metric_names], dtype=bool)
    out["whole"] = empty & (part_object[metric_c] if len(metric_names) else np.zeros(n, dtype=bool))
    flows = np.array([exact_spans(str(m)) for m in metric_names], dtype=bool)
    out["flow"] = flows[metric_c] if len(metric_names) else np.zeros(n, dtype=bool)
    moving = np.array([moves(str(m)) for m in metric_names], dtype=bool)
    out["moves"] = moving[metric_c] if len(metric_names) else np.zeros(n, dtype=bool)
    # each metric's own span ratio (metrics.toml span_ratio), NaN for the setting's (prepare fills it)
    spans = np.array([span_ratio(str(m), np.nan) for m in metric_names], dtype=float)
    out["span"] = spans[metric_c] if len(metric_names) else np.full(n, np.nan)
    # the blocking code leaves the basis out (adjusted_net_profit meets net_profit): an
    # article often gives an adjusted figure without saying so; such pairs are kept
    # only when they agree (a confirmation), never as a clash of two bases
    # (adjusted = the basis code: 0 reported, 1 adjusted, 2 attributable; two codes that
    # differ meet only to agree, so attributable against adjusted profit never clashes)
    bases = [basis_code(str(m)) for m in metric_names]
    block = pd.factorize(np.array([b for b, _ in bases], dtype=object))[0] if bases else np.zeros(0, np.int64)
    adjusted = np.array([a for _, a in bases], dtype=np.int8)
    out["block_c"] = block[metric_c].astype(np.int64) if len(metric_names) else np.zeros(n, dtype=np.int64)
    out["adjusted"] = adjusted[metric_c] if len(metric_names) else np.zeros(n, dtype=np.int8)
    return out


def _link_by_figures(df: pd.DataFrame, names: np.ndarray, settings: dict[str, Any]) -> None:
    """Group two names of one company in two scripts as one entity when their
    articles give them the same figures (:func:`~ledger.crosscheck.entities.linked_by_figures`)."""
    if len(df) < 2 or len(names) < 2:
        return
    subject_c, object_c = df["subject_c"].to_numpy(), df["object_c"].to_numpy()
    source_c = df["source_c"].to_numpy()
    single = ~df["subject"].str.contains(";", regex=False).to_numpy(dtype=bool)
    rows = single & ~df["is_date"].to_numpy(dtype=bool) & ~df["anonymous"].to_numpy(dtype=bool)
    empty_object = intervals.text_is(df["object"], [""])
    named = ~df["anonymous"].to_numpy(dtype=bool)
    mentioned = np.concatenate([np.column_stack([source_c[named], subject_c[named]]),
                                np.column_stack([source_c[~empty_object], object_c[~empty_object]])])
    amounts = ~intervals.text_is(df["unit"], list(NOT_AMOUNTS))
    root = linked_by_figures(subject_c[rows], names, source_c[rows], df["point"].to_numpy(dtype=float)[rows],
                             df["unit_c"].to_numpy()[rows], mentioned, amounts[rows], settings)
    if (root != np.arange(len(root))).any():
        known = subject_c < len(root)  # an anonymous claim's own code is no entity's
        df["subject_c"] = np.where(known, root[np.where(known, subject_c, 0)], subject_c)
        df["object_c"] = root[object_c]


def precisions(surfaces: pd.Series, default: float) -> np.ndarray:
    """Each claim's relative rounding (:func:`~ledger.numbers.precision.relative_precision`),
    each distinct surface read once."""
    codes, uniques = intervals.text_codes(surfaces.fillna(""))
    table = relative_precisions([str(s) for s in uniques], default)
    return table[codes] if len(table) else np.zeros(len(surfaces))


def python_text(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its Arrow-backed text columns (pandas 3 with pyarrow
    installed) as Python strings (:data:`TEXT`): the findings' ids, claims
    text and sentences are made in Python from them, once per column."""
    arrow = {c: TEXT for c in TEXT_COLUMNS if c in df and intervals.is_arrow(df[c])}
    return df.astype(arrow) if arrow else df


# --------------------------------------------------------------------------- blocking and pairs


def pair_indices(keys: np.ndarray, max_group: int, window: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs ``i < j`` inside runs of equal ``keys`` (which must be sorted).

    Runs longer than ``max_group`` pair each row with its ``window`` next
    rows only.  Returns ``(i, j, big)`` where ``big`` marks run starts of the
    capped runs.  Vectorised: memory is O(number of pairs).
    """
    n = len(keys)
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.r_[0, change]
    sizes = np.diff(np.r_[starts, n])
    run_end = np.repeat(starts + sizes, sizes)  # one past the row's run
    idx = np.arange(n, dtype=np.int64)
    width = run_end - idx - 1
    capped = np.repeat(sizes > max_group, sizes)
    width = np.where(capped, np.minimum(width, window), width)
    total = int(width.sum())
    i = np.repeat(idx, width)
    first = np.cumsum(width) - width
    j = i + 1 + (np.arange(total, dtype=np.int64) - np.repeat(first, width))
    return i, j, starts[sizes > max_group]


def _pair_order(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The rows that share their key with another row, sorted by key
    (subject, object, metric), then period start, then low bound; and the key
    of each of them in that order.  A claim alone on its key (most keys) has
    no pair, so it is left out before the sort (at 1M claims ~40% of the rows)."""
    if not len(df):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    n_obj, n_met = int(df["object_c"].max()) + 2, int(df["block_c"].max()) + 2
    key = (df["subject_c"].to_numpy(np.int64) * n_obj + df["object_c"].to_numpy(np.int64)) * n_met \
        + df["block_c"].to_numpy(np.int64)
    codes = pd.factorize(key)[0]
    shared = np.flatnonzero(np.bincount(codes)[codes] > 1)
    key = key[shared]
    rank = lexsort((df["lo"].to_numpy()[shared], df["p0"].to_numpy()[shared], key))
    return shared[rank], key[rank]


# --------------------------------------------------------------------------- verdicts


def verdicts(df: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Index into ``PAIR_KINDS`` for each pair (see the module docstring)."""
    return _verdict_codes({c: df[c].to_numpy() for c in _VERDICT_COLUMNS}, i, j)


_VERDICT_COLUMNS = ("lo", "hi", "factual", "measured", "modality_c", "p0", "p1", "flow", "span")


#: rules.toml ``[compare] span_ratio``'s default: how far apart two amounts of a flow may be
#: and still be a shorter span's and a longer one's (a month's and a year's are 12x; a
#: quarter's and a year's about 4x)
SPAN_RATIO = 5.0


def _digit_slip(la: np.ndarray, ha: np.ndarray, lb: np.ndarray, hb: np.ndarray) -> np.ndarray:
    """Are two positive intervals the same figure with its magnitude slipped
    (3.28267 against 32.83 trillion won): the smaller times 10^k (k >= 1, the
    nearest power of ten of their ratio) overlaps the larger?  No span explains
    that: it stays a contradiction whatever the span ratio."""
    big_a = la >= lb
    big_lo, big_hi = np.where(big_a, la, lb), np.where(big_a, ha, hb)
    small_lo, small_hi = np.where(big_a, lb, la), np.where(big_a, hb, ha)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        k = np.round(np.log10(big_lo / small_hi))
        scale = np.power(10.0, np.where(np.isfinite(k), k, 0.0))
        return (k >= 1) & (small_lo * scale <= big_hi) & (big_lo <= small_hi * scale)


def _verdict_codes(col: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray,
                   j_bounds: tuple[np.ndarray, np.ndarray] | None = None, span_ratio: float = SPAN_RATIO
                   ) -> np.ndarray:
    """Verdict codes of the pairs; ``j_bounds``: the second claims' intervals
    converted into the first claims' units (pairs across units)."""
    lo, hi = col["lo"], col["hi"]
    lo_i, hi_i = lo[i], hi[i]
    lo_j, hi_j = j_bounds if j_bounds is not None else (lo[j], hi[j])
    overlap = (lo_i <= hi_j) & (lo_j <= hi_i)
    fact, mod = col["factual"], col["modality_c"]
    fact_i, fact_j = fact[i], fact[j]
    both_fact = fact_i & fact_j
    # agree: overlapping, and both facts (or a fact and a measurement of it) or both the same kind of intention
    meas = col["measured"] if "measured" in col else np.zeros(len(fact), dtype=bool)
    agree = (both_fact | (fact_i & meas[j]) | (meas[i] & fact_j)) & overlap
    intents = np.flatnonzero(~fact_i & ~fact_j & overlap)
    agree[intents] = mod[i[intents]] == mod[j[intents]]
    code = np.where(both_fact, 3, 1)  # not both facts: modality; both: contradiction unless apart or agreeing
    code[agree] = 0
    # the periods matter only for two facts whose figures differ
    at = np.flatnonzero(both_fact & ~agree)
    a, b = i[at], j[at]
    p0, p1 = col["p0"], col["p1"]
    known = ~(np.isnan(p0[a]) | np.isnan(p0[b]))
    # disjoint periods; for figures that accumulate over their period (a flow:
    # revenue, profit), any two different periods (a quarter, the nine months)
    flow = col["flow"][a] & col["flow"][b] if "flow" in col else np.zeros(len(at), dtype=bool)
    apart = known & ((p1[a] < p0[b]) | (p1[b] < p0[a]) | (flow & ((p0[a] != p0[b]) | (p1[a] != p1[b]))))
    # a flow whose period one side does not state may be another span's (a quarter's
    # revenue, the year's): differing values are not held against each other -- unless
    # two positive amounts are further apart than spans explain (1.9 trillion won against
    # 19.2 trillion: a slip of a digit, not a quarter against a year)
    la, lb, ha, hb = lo_i[at], lo_j[at], hi_i[at], hi_j[at]
    positive = (la > 0) & (lb > 0)
    # each metric's own ratio (metrics.toml span_ratio: revenue is reported monthly), else the setting
    ratio = np.maximum(col["span"][a], col["span"][b]) if "span" in col else np.full(len(at), span_ratio)
    too_far = positive & ((np.maximum(la, lb) > ratio * np.minimum(ha, hb)) | _digit_slip(la, ha, lb, hb))
    apart |= flow & ~known & ~too_far
    code[at[apart]] = 2
    return code


@dataclass
class Conversions:
    """The pairs compared across units (positions ``at`` in the pair arrays)
    and the rate that converted the second claim into the first's unit
    (``unit_a`` per ``unit_b``), of which date, from where."""

    at: np.ndarray
    rate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    date: np.ndarray
    source: np.ndarray

    @classmethod
    def none(cls) -> Conversions:
        empty = np.zeros(0)
        return cls(np.zeros(0, dtype=np.int64), empty, empty, empty, np.zeros(0, dtype=object),
                   np.zeros(0, dtype=object))


def pair_verdicts(df: pd.DataFrame, settings: dict[str, Any],
                  money: Money | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Problem]]:
    """The vectorised core: rows ``i``, ``j`` of each reported pair of a
    prepared ledger and its verdict code (index into ``_PAIR_KINDS``)."""
    i, j, code, notes, _ = compare_pairs(df, settings, money)
    return i, j, code, notes


def compare_pairs(df: pd.DataFrame, settings: dict[str, Any], money: Money | None = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Problem], Conversions]:
    """:func:`pair_verdicts` and the :class:`Conversions` of its pairs across
    units (currencies at a dated rate from ``money``, other units by the
    registry's factor)."""
    return without_moments(df, *_compare_pairs(df, settings, money))


def without_moments(df: pd.DataFrame, i: np.ndarray, j: np.ndarray, code: np.ndarray, notes: list[Problem],
                    conv: Conversions) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Problem], Conversions]:
    """The pairs without the contradictions between two figures that move all
    day (roles.toml ``moves``: a share price at 10 a.m. and at the close): they
    may be two moments of one day, so a difference is no contradiction; nor
    those an article itself tells apart (:func:`witnessed`).  The last step of
    every engine (:mod:`ledger.crosscheck.engines.seam`)."""
    if not len(i) or "moves" not in df:
        return i, j, code, notes, conv
    moving = df["moves"].to_numpy(dtype=bool)
    drop = (code == 3) & moving[i] & moving[j]
    drop |= witnessed(df, i, j, code)
    if not drop.any():
        return i, j, code, notes, conv
    keep = ~drop
    place = np.cumsum(keep) - 1  # each kept pair's new position
    at = conv.at[keep[conv.at]]
    conv = Conversions(place[at], conv.rate[keep[conv.at]], conv.low[keep[conv.at]], conv.high[keep[conv.at]],
                       conv.date[keep[conv.at]], conv.source[keep[conv.at]])
    return i[keep], j[keep], code[keep], notes, conv


def witnessed(df: pd.DataFrame, i: np.ndarray, j: np.ndarray, code: np.ndarray) -> np.ndarray:
    """Which contradictions one side's own article tells apart: it also states
    the other side's figure (overlapping interval, same unit) for the same
    subject, the same metric (any basis) and a period that may be the other
    side's.  An article giving both 290亿 and 283亿 as Xiaomi's car revenue, or
    both 119.8% and 121.5% as Guming's profit growth, says they are two
    figures (a segment and its total, attributable and total profit, adjusted
    and reported), whatever its framing lost: the other article's agreeing
    figure is no contradiction of the one it does not state."""
    out = np.zeros(len(i), dtype=bool)
    at = np.flatnonzero(code == 3)
    if not len(at) or "block_c" not in df:
        return out
    cols = ("source_c", "subject_c", "block_c")
    # a witness shares its article, subject and metric with one side: only claims of such a
    # group of two or more can be one, and only sides in such a group can have one
    group = np.zeros(len(df), dtype=np.int64)
    for c in cols:
        code_c = df[c].to_numpy().astype(np.int64)
        group = group * (int(code_c.max(initial=0)) + 1) + code_c
    _, first, counts = np.unique(group, return_inverse=True, return_counts=True)
    shared = counts[first] > 1
    rows = pd.DataFrame({c: df[c].to_numpy() for c in (*cols, "unit_c", "lo", "hi", "p0", "p1")})
    rows["row"] = np.arange(len(df))
    rows = rows[shared & ~df["is_date"].to_numpy(dtype=bool)]
    sides = []
    for own, other in ((i[at], j[at]), (j[at], i[at])):  # own article's rows, the other side's figure
        own, other, pair = own[shared[own]], other[shared[own]], at[shared[own]]
        sides.append(pd.DataFrame({
            "pair": pair, "self": own, "other": other, **{c: df[c].to_numpy()[own] for c in cols},
            "unit_c": df["unit_c"].to_numpy()[other], "L": df["lo"].to_numpy()[other],
            "H": df["hi"].to_numpy()[other], "q0": df["p0"].to_numpy()[other], "q1": df["p1"].to_numpy()[other]}))
    queries = pd.concat(sides, ignore_index=True)
    met = queries.merge(rows, on=[*cols, "unit_c"], how="inner")
    if met.empty:
        return out
    unknown = met["p0"].isna() | met["q0"].isna()
    # a third claim: never either side (a source restating its own figure differently is no witness)
    fits = (met["row"] != met["self"]) & (met["row"] != met["other"]) & (met["lo"] <= met["H"]) \
        & (met["hi"] >= met["L"]) \
        & (unknown | ((met["p0"] <= met["q1"]) & (met["q0"] <= met["p1"])))
    out[np.unique(met.loc[fits, "pair"].to_numpy())] = True
    return out


def _compare_pairs(df: pd.DataFrame, settings: dict[str, Any], money: Money | None = None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Problem], Conversions]:
    compare = settings["compare"]
    order, keys = _pair_order(df)
    i, j, big = pair_indices(keys, compare["max_group"], compare["window"])
    notes = [_big_group_note(df, order, keys, start, compare) for start in big]
    # verdicts on the columns in sorted order: i and j are near each other
    # there, so the gathers read nearby memory; rows of df only at the end
    col = {c: df[c].to_numpy()[order] for c in (*_VERDICT_COLUMNS, "unit_c", "source_c", "adjusted", "vague")}
    same_unit = col["unit_c"][i] == col["unit_c"][j]
    # two bases of a figure, or a vague figure: a confirmation or nothing
    cross_basis = (col["adjusted"][i] != col["adjusted"][j]) | col["vague"][i] | col["vague"][j]
    xi, xj = order[i[~same_unit & ~cross_basis]], order[j[~same_unit & ~cross_basis]]
    if not same_unit.all():
        i, j, cross_basis = i[same_unit], j[same_unit], cross_basis[same_unit]
    code = _verdict_codes(col, i, j, span_ratio=float(compare.get("span_ratio", SPAN_RATIO)))
    keep = (code != 0) | (col["source_c"][i] != col["source_c"][j]) | bool(compare["same_source_consistent"])
    keep &= ~cross_basis | (code == 0)
    a, b, codes = order[i[keep]], order[j[keep]], code[keep]
    wa, wb, wcode, wxa, wxb = _wild_verdicts(df, compare)
    ka, kb, kcode = _kin_verdicts(df, compare)
    na, nb, ncode = _anonymous_agreeing(df, compare)
    sa, sb, scode = _story_agreeing(df, compare)
    a, b = np.concatenate([a, ka, na, sa]), np.concatenate([b, kb, nb, sb])
    codes = np.concatenate([codes, kcode, ncode, scode])
    xa, xb = np.concatenate([xi, wxa]), np.concatenate([xj, wxb])
    if not len(xa):
        return np.concatenate([a, wa]), np.concatenate([b, wb]), np.concatenate([codes, wcode]), notes, \
            Conversions.none()
    ca, cb, ccode, conv, cnotes = _across_units(df, xa, xb, money or Money(df, None, settings), compare)
    conv.at += len(a) + len(wa)
    return (np.concatenate([a, wa, ca]), np.concatenate([b, wb, cb]), np.concatenate([codes, wcode, ccode]),
            notes + cnotes, conv)


def _across_units(df: pd.DataFrame, a: np.ndarray, b: np.ndarray, money: Money,
                  compare: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, Conversions, list[Problem]]:
    """Verdicts of pairs whose claims are in different units: ``b``'s interval
    converted into ``a``'s unit (the rate's range widening it), pairs with no
    conversion noted."""
    unit_c, names = intervals.column_codes(df, "unit")  # the two units of each pair, by their codes
    names = np.append(names, "")  # a missing unit (code -1) reads as empty
    n_units = len(names)
    pairs, combos = pd.factorize(np.where(unit_c[a] < 0, n_units - 1, unit_c[a]).astype(np.int64) * n_units
                                 + np.where(unit_c[b] < 0, n_units - 1, unit_c[b]))
    kinds = [(names[c // n_units], names[c % n_units]) for c in combos.tolist()]
    how = [relation(str(ua), str(ub)) for ua, ub in kinds]
    kind = np.array([h[0] for h in how], dtype=object)[pairs]
    n = len(a)
    rate, low, high = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    date, source, why = (np.full(n, "", dtype=object) for _ in range(3))
    fixed = np.flatnonzero(kind == "convert")
    if len(fixed):
        f = np.array([factor(str(ub), str(ua)) if h[0] == "convert" else np.nan
                      for (ua, ub), h in zip(kinds, how)])[pairs[fixed]]
        rate[fixed], low[fixed], high[fixed], source[fixed] = f, f, f, "unit registry"
    dated = np.flatnonzero(kind == "rate")
    if len(dated):
        found = money.pair_rates(a[dated], b[dated])
        rate[dated], low[dated], high[dated] = found.point, found.low, found.high
        date[dated], source[dated], why[dated] = found.date, found.source, found.why
    none = np.flatnonzero(kind == "none")
    why[none] = np.array([h[1] for h in how], dtype=object)[pairs[none]]
    ok = ~np.isnan(rate)
    notes = _unit_notes(df, a[~ok], b[~ok], why[~ok])
    at = np.flatnonzero(ok)
    a, b = a[at], b[at]
    lo_b, hi_b = converted_bounds(df["lo"].to_numpy()[b], df["hi"].to_numpy()[b], low[at], high[at])
    col = {c: df[c].to_numpy() for c in (*_VERDICT_COLUMNS, "source_c")}
    code = _verdict_codes(col, a, b, (lo_b, hi_b), span_ratio=float(compare.get("span_ratio", SPAN_RATIO)))
    keep = (code != 0) | (col["source_c"][a] != col["source_c"][b]) | bool(compare["same_source_consistent"])
    at = at[keep]
    conv = Conversions(np.arange(len(at), dtype=np.int64), rate[at], low[at], high[at], date[at], source[at])
    return a[keep], b[keep], code[keep], conv, notes


def _wild_verdicts(df: pd.DataFrame, compare: dict[str, Any]) -> tuple[np.ndarray, ...]:
    """Pairs of a claim whose counterpart is unknown with each claim of the
    same subject and metric that names one ('微软持股约27%' meets 'Microsoft holds
    27% of OpenAI'), and their verdicts; and the pairs in different units
    (compared by :func:`_across_units`)."""
    empty = np.zeros(0, dtype=np.int64)
    if not len(df) or "wild" not in df:
        return empty, empty, empty, empty, empty
    whole = df["whole"].to_numpy(dtype=bool) if "whole" in df else np.zeros(len(df), dtype=bool)
    wild = df["wild"].to_numpy(dtype=bool)
    if not (wild | whole).any():
        return empty, empty, empty, empty, empty
    n_met = int(df["block_c"].max()) + 2
    block = df["subject_c"].to_numpy(np.int64) * n_met + df["block_c"].to_numpy(np.int64)
    w_rows, x_rows = np.flatnonzero(wild | whole), np.flatnonzero(~wild & ~intervals.text_is(df["object"], [""]))
    if not len(w_rows) or not len(x_rows):
        return empty, empty, empty, empty, empty
    x_rows = x_rows[np.argsort(block[x_rows], kind="stable")]
    x_block = block[x_rows]
    left = np.searchsorted(x_block, block[w_rows], side="left")
    right = np.searchsorted(x_block, block[w_rows], side="right")
    counts = np.minimum(right - left, int(compare["max_group"]))
    a = np.repeat(w_rows, counts)
    first = np.repeat(left, counts)
    b = x_rows[first + (np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts))]
    col = {c: df[c].to_numpy() for c in (*_VERDICT_COLUMNS, "unit_c", "source_c", "adjusted", "vague")}
    same_unit = col["unit_c"][a] == col["unit_c"][b]
    # two bases; a whole and a part; a vague figure
    only_agreeing = (col["adjusted"][a] != col["adjusted"][b]) | whole[a] | col["vague"][a] | col["vague"][b]
    xa, xb = a[~same_unit & ~only_agreeing], b[~same_unit & ~only_agreeing]
    a, b, only_agreeing = a[same_unit], b[same_unit], only_agreeing[same_unit]
    code = _verdict_codes(col, a, b, span_ratio=float(compare.get("span_ratio", SPAN_RATIO)))
    keep = (code != 0) | (col["source_c"][a] != col["source_c"][b]) | bool(compare["same_source_consistent"])
    keep &= ~only_agreeing | (code == 0)
    return a[keep], b[keep], code[keep], xa, xb


def _kin_verdicts(df: pd.DataFrame, compare: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Confirmations across metrics (metrics.toml ``stands_for``, ``quantity``):
    a claim of a last-resort metric meets the claims of its subject whose metric
    it may stand for ('growth' 46% meets 'net_loss_growth' 46%), and two metrics
    of one quantity meet ('valuation' and 'market_cap').  Their objects are the
    same or one is unnamed, their units the same; a pair is kept only when it
    agrees, across articles: two names for one figure confirm it, never oppose it."""
    empty = np.zeros(0, dtype=np.int64)
    if not len(df):
        return empty, empty, empty
    metric_c, names = intervals.text_codes(df["metric"])
    classes = [meeting_classes(str(m)) for m in names]
    if not any(seeks for seeks, _ in classes):
        return _agreeing(df, compare, empty, empty)
    # which metrics each metric meets: those offering a class it seeks, itself never (one
    # metric's pairs are made by the key), and two that meet each other from one side only
    offered: dict[str, set[int]] = {}
    for m, (_, offers) in enumerate(classes):
        for c in offers:
            offered.setdefault(c, set()).add(m)
    targets = [{t for c in seeks for t in offered.get(c, ()) if t != m} for m, (seeks, _) in enumerate(classes)]
    for m, ts in enumerate(targets):
        targets[m] = {t for t in ts if not (m in targets[t] and t < m)}
    if not any(targets):
        return _agreeing(df, compare, empty, empty)
    n_metric = len(names)
    subject = df["subject_c"].to_numpy(np.int64)
    s_parts, k_parts = [], []
    for m, ts in enumerate(targets):
        if ts:
            rows = np.flatnonzero(metric_c == m)
            for t in sorted(ts):
                s_parts.append(rows)
                k_parts.append(subject[rows] * n_metric + t)
    s_rows, s_key = np.concatenate(s_parts), np.concatenate(k_parts)
    wanted = np.zeros(n_metric, dtype=bool)
    wanted[sorted(set().union(*targets))] = True
    o_rows = np.flatnonzero(wanted[metric_c])  # each claim once, keyed by its subject and metric
    o_key = subject[o_rows] * n_metric + metric_c[o_rows]
    if not len(s_rows) or not len(o_rows):
        return _agreeing(df, compare, empty, empty)
    order = np.argsort(o_key, kind="stable")
    o_rows, o_key = o_rows[order], o_key[order]
    left, right = np.searchsorted(o_key, s_key, side="left"), np.searchsorted(o_key, s_key, side="right")
    counts = np.minimum(right - left, int(compare["max_group"]))
    a = np.repeat(s_rows, counts)
    first = np.repeat(left, counts)
    b = o_rows[first + (np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts))]
    col = {c: df[c].to_numpy() for c in ("unit_c", "source_c", "block_c", "object_c")}
    obj_empty = intervals.text_is(df["object"], [""])
    # another metric (one metric's pairs are made by the key), the same unit, the same
    # or an unnamed counterpart, another article
    ok = (col["block_c"][a] != col["block_c"][b]) & (col["unit_c"][a] == col["unit_c"][b]) \
        & ((col["object_c"][a] == col["object_c"][b]) | obj_empty[a] | obj_empty[b]) \
        & ((col["source_c"][a] != col["source_c"][b]) | bool(compare["same_source_consistent"]))
    return _agreeing(df, compare, a[ok], b[ok])


def _anonymous_agreeing(df: pd.DataFrame, compare: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Confirmations of a claim whose subject its article never names ('第三季度营收
    84.6亿元' in a digest that says only 公司): it meets a named claim of another
    article with the same metric, unit, counterpart (or an unnamed one) and a
    compatible period, stating the same precise amount (three significant digits,
    each stated to within 1%: :func:`_same_figures`' test) - a figure that
    precise names its company.  Kept only when the two agree: a claim about no
    one in particular never opposes one."""
    empty = np.zeros(0, dtype=np.int64)
    if "anonymous" not in df or not df["anonymous"].any() or len(df) < 2:
        return empty, empty, empty
    rows = _precise_rows(df, compare, NOT_AMOUNTS)
    if len(rows) < 2:
        return empty, empty, empty
    point = df["point"].to_numpy(dtype=float)
    exp, mant = three_digits(point[rows])
    frame = pd.DataFrame({"row": rows, "block": df["block_c"].to_numpy(np.int64)[rows],
                          "unit": df["unit_c"].to_numpy(np.int64)[rows], "exp": exp,
                          "mant": np.where(point[rows] < 0, -mant, mant),
                          "anon": df["anonymous"].to_numpy(dtype=bool)[rows]})
    frame = frame[(frame["mant"].abs() % 10 != 0).to_numpy()]  # 9.66, 974: not a round 10 or 1.2
    on = ["block", "unit", "exp", "mant"]
    met = frame[frame["anon"]].merge(frame[~frame["anon"]], on=on, suffixes=("_a", "_b"))
    if met.empty:
        return empty, empty, empty
    a, b = met["row_a"].to_numpy(np.int64), met["row_b"].to_numpy(np.int64)
    source = df["source_c"].to_numpy()
    ok = (source[a] != source[b]) & _one_part_and_period(df, a, b)
    return _agreeing_only(df, compare, a[ok], b[ok])


def _one_part_and_period(df: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Do claims ``a`` and ``b`` name the same counterpart (or one names none) and the
    same period (or one states none)?"""
    col = {c: df[c].to_numpy() for c in ("object_c", "p0", "p1")}
    obj_empty = intervals.text_is(df["object"], [""])
    known = ~np.isnan(col["p0"][a]) & ~np.isnan(col["p0"][b])
    return ((col["object_c"][a] == col["object_c"][b]) | obj_empty[a] | obj_empty[b]) \
        & (~known | ((col["p0"][a] == col["p0"][b]) & (col["p1"][a] == col["p1"][b])))


def _agreeing_only(df: pd.DataFrame, compare: dict[str, Any], a: np.ndarray, b: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs ``a``, ``b`` (lower row first) whose verdict is an agreement, with its code."""
    empty = np.zeros(0, dtype=np.int64)
    if not len(a):
        return empty, empty, empty
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    vcol = {c: df[c].to_numpy() for c in _VERDICT_COLUMNS}
    code = _verdict_codes(vcol, lo, hi, span_ratio=float(compare.get("span_ratio", SPAN_RATIO)))
    agree = code == 0
    return lo[agree], hi[agree], code[agree]


def _story_agreeing(df: pd.DataFrame, compare: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Confirmations between two tellings of one story under two subjects: two
    articles that state at least ``story_min_shared`` of the same precise figures
    (rules.toml ``[compare]``; amounts and rates to three significant digits, the
    third not 0, each stated to within 1% (18.91%, not 15%), each in at most
    ``story_max_sources`` articles; the figure in question counts) tell one story,
    and a claim of the one meets a claim of the other with the same metric (any
    basis), unit, precise figure,
    counterpart (or an unnamed one) and period (or an unstated one) whatever their
    subjects: one of the two articles filed the figure under another party (a
    segment, the counterpart of a deal, a name it misread).  Not when both
    subjects are companies of the entity table (two companies, whatever one story
    says).  Kept only when the two agree: a subject in doubt never opposes."""
    empty = np.zeros(0, dtype=np.int64)
    need = int(compare.get("story_min_shared", 0))
    if need < 1 or len(df) < 2:
        return empty, empty, empty
    # precise rates too: within one story an 18.91% is its figure, not a coincidence
    rows = _precise_rows(df, compare, ("percentage_point", "times", "date"))
    if "anonymous" in df:
        rows = rows[~df["anonymous"].to_numpy(dtype=bool)[rows]]
    if len(rows) < 2:
        return empty, empty, empty
    point = df["point"].to_numpy(dtype=float)
    exp, mant = three_digits(point[rows])
    frame = pd.DataFrame({"row": rows, "source": df["source_c"].to_numpy(np.int64)[rows],
                          "subject": df["subject_c"].to_numpy(np.int64)[rows],
                          "block": df["block_c"].to_numpy(np.int64)[rows],
                          "unit": df["unit_c"].to_numpy(np.int64)[rows], "exp": exp,
                          "mant": np.where(point[rows] < 0, -mant, mant)})
    frame = frame[(frame["mant"].abs() % 10 != 0).to_numpy()]  # not a round 10 or 1.2
    figure = ["unit", "exp", "mant"]
    told = frame[["source", *figure]].drop_duplicates()
    spread = told.groupby(figure)["source"].transform("size")
    told = told[(spread > 1) & (spread <= int(compare.get("story_max_sources", 8)))]
    if told.empty:
        return empty, empty, empty
    twice = told.merge(told, on=figure, suffixes=("_a", "_b"))
    twice = twice[(twice["source_a"] < twice["source_b"]).to_numpy()]
    shared = twice.groupby(["source_a", "source_b"]).size()
    stories = shared[shared >= need].index
    if not len(stories):
        return empty, empty, empty
    tellers = set(stories.get_level_values(0)) | set(stories.get_level_values(1))
    frame = frame[frame["source"].isin(tellers).to_numpy()]
    met = frame.merge(frame, on=["block", *figure], suffixes=("_a", "_b"))
    met = met[((met["source_a"] < met["source_b"]) & (met["subject_a"] != met["subject_b"])).to_numpy()]
    if met.empty:
        return empty, empty, empty
    in_story = pd.MultiIndex.from_arrays([met["source_a"], met["source_b"]]).isin(stories)
    a, b = met["row_a"].to_numpy(np.int64)[in_story], met["row_b"].to_numpy(np.int64)[in_story]
    if not len(a):
        return empty, empty, empty
    # two companies the table knows are two companies, whatever one story says (an article
    # naming both is no evidence against: a segment or a misread name beside the company)
    known = _known_subjects(df["subject"].to_numpy(dtype=object))
    ok = _one_part_and_period(df, a, b) & ~(known[a] & known[b])
    return _agreeing_only(df, compare, a[ok], b[ok])


def _known_subjects(subjects: np.ndarray) -> np.ndarray:
    """Is each subject a name of the entity table (its key a canonical name)?"""
    codes, names = pd.factorize(subjects)
    canonical = entity_canonical()
    known = np.array([entity_key(str(n)) in canonical for n in names], dtype=bool)
    return known[codes] if len(known) else np.zeros(len(subjects), dtype=bool)


def _precise_rows(df: pd.DataFrame, compare: dict[str, Any], units_left_out: tuple[str, ...]) -> np.ndarray:
    """The rows stating a non-zero figure to within ``precise_within`` (1%) of it, no
    date and in none of ``units_left_out``: figures precise enough to tell whose they are."""
    point = df["point"].to_numpy(dtype=float)
    half = (df["hi"].to_numpy(dtype=float) - df["lo"].to_numpy(dtype=float)) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        precise = (np.abs(point) > 0) & np.isfinite(point) \
            & (half <= float(compare.get("precise_within", 0.01)) * np.abs(point))
    precise &= ~df["is_date"].to_numpy(dtype=bool) & ~intervals.text_is(df["unit"], list(units_left_out))
    return np.flatnonzero(precise)


def _agreeing(df: pd.DataFrame, compare: dict[str, Any], a: np.ndarray, b: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs ``a``, ``b`` across metrics and those of :func:`_same_figures`,
    each once (a pair found from both sides: two metrics of one quantity), that agree."""
    fa, fb = _same_figures(df, compare)
    a, b = np.concatenate([a, fa]), np.concatenate([b, fb])
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    _, first_at = np.unique(lo * len(df) + hi, return_index=True)
    a, b = lo[first_at], hi[first_at]
    col = {c: df[c].to_numpy() for c in _VERDICT_COLUMNS}
    code = _verdict_codes(col, a, b, span_ratio=float(compare.get("span_ratio", SPAN_RATIO)))
    agree = code == 0
    return a[agree], b[agree], code[agree]


def _same_figures(df: pd.DataFrame, compare: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of one amount or count framed under two metrics of one family
    (metrics.toml ``family``; a last resort's family is any): the same subject,
    unit and three significant digits, each stated to within 1%
    (``precise_within``), two articles, the same or an unnamed counterpart.  NIO's "19.2 billion
    yuan" (revenue) and another outlet's "192億元" that framing read as a profit
    are one figure: a confirmation, the two names shown side by side for a
    reviewer.  Amounts this precise rarely coincide by chance; rates do (a
    company's users and expenses both up 40.6%), and are left out."""
    empty = np.zeros(0, dtype=np.int64)
    if len(df) < 2:
        return empty, empty
    # amounts and counts: rates of one company coincide too often (40.6% its users' growth
    # and 40.6% its expenses' growth in one quarter)
    rows = _precise_rows(df, compare, ("ratio", "percentage_point"))
    if len(rows) < 2:
        return empty, empty
    point = df["point"].to_numpy(dtype=float)
    exp, mant = three_digits(point[rows])  # three significant digits: 192 for 1.92e10
    units = int(df["unit_c"].max()) + 1 if len(df) else 1
    key = ((df["subject_c"].to_numpy(np.int64)[rows] * units + df["unit_c"].to_numpy(np.int64)[rows]) * 128
           + (np.clip(exp, -60, 60) + 64)) * 2000 + mant * 2 + (point[rows] < 0)
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    shared = counts[inverse] > 1  # only figures another claim of the subject also states
    if not shared.any():
        return empty, empty
    frame = pd.DataFrame({"row": rows[shared], "k": key[shared]})
    met = frame.merge(frame, on="k", suffixes=("_a", "_b"))
    a, b = met["row_a"].to_numpy(np.int64), met["row_b"].to_numpy(np.int64)
    keep = a < b
    a, b = a[keep], b[keep]
    if not len(a):
        return empty, empty
    metric_c, names = intervals.text_codes(df["metric"])
    family = pd.factorize(np.array([metric_family(str(m)) for m in names], dtype=object))[0]
    loose = np.isin(np.array([str(m) for m in names], dtype=object), list(last_resort_metrics()))
    fa, fb = family[metric_c[a]], family[metric_c[b]]
    col = {c: df[c].to_numpy() for c in ("source_c", "block_c", "object_c")}
    obj_empty = intervals.text_is(df["object"], [""])
    ok = (col["block_c"][a] != col["block_c"][b]) & (col["source_c"][a] != col["source_c"][b]) \
        & ((fa == fb) | loose[metric_c[a]] | loose[metric_c[b]]) \
        & ((col["object_c"][a] == col["object_c"][b]) | obj_empty[a] | obj_empty[b])
    return a[ok], b[ok]


def _big_group_note(df: pd.DataFrame, order: np.ndarray, keys: np.ndarray, start: int,
                    compare: dict[str, Any]) -> Problem:
    row = df.iloc[int(order[start])]
    size = int((keys == keys[start]).sum())
    return Problem("<ledger>", None, None, "metric", f"{row['subject']} / {row['object']} / {row['metric']}",
                   "big-group", f"{size} claims share this key; each was compared with its "
                   f"{compare['window']} nearest neighbours only (max_group = {compare['max_group']})",
                   "check the key's subject/object/metric framing, or raise max_group in rules.toml",
                   severity="warning")


def _unit_notes(df: pd.DataFrame, i: np.ndarray, j: np.ndarray, why: np.ndarray) -> list[Problem]:
    """One note per reason two claims about the same thing were not compared
    (no rate for that currency or date, units that measure different things),
    naming the first pairs."""
    if not len(i):
        return []
    def text(col: str, rows: np.ndarray) -> np.ndarray:
        return df[col].iloc[rows].to_numpy(dtype=object)

    groups = pd.DataFrame({"ua": text("unit", i), "ub": text("unit", j), "why": why, "a": text("claim_id", i),
                           "b": text("claim_id", j)})
    notes = []
    for (ua, ub, reason), group in groups.groupby(["ua", "ub", "why"], sort=True):
        both = relation(str(ua), str(ub))[0] == "rate"
        named = ", ".join(f"{r.a} and {r.b}" for r in group.head(5).itertuples())
        more = f" (and {len(group) - 5} more pairs)" if len(group) > 5 else ""
        notes.append(Problem(
            "<ledger>", None, None, "unit", f"{ua} vs {ub}", Code.NO_RATE if both else Code.NOT_COMPARABLE,
            f"{named}{more} are about the same thing in {ua} and {ub}; not compared: {reason}",
            f"add a {ua}/{ub} rate for their dates to {RATES_NAME} beside the ledger (docs/currencies.md)" if both
            else "check the claims' units and metric", severity="warning"))
    return notes

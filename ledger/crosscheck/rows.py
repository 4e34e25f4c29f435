"""The findings frame of the cross-check: pair verdicts and arithmetic rows
merged into one table with :data:`~ledger.crosscheck.scoring.CONFLICT_COLUMNS`.

Built for large ledgers (millions of pairs): the final row order (subject,
severity highest first, kind, then finding order) is worked out first on
small key arrays, and each column is then made once, already in that order,
by one ``take`` from per-claim arrays; no frame of pairs is built, sorted
and copied again.  Only three columns need a Python step per row: the
``claims`` text, the sha1 ``conflict_id`` over it, and the explanation
sentence (each claim's half sentence is made once, not once per pair).
"""
from __future__ import annotations

import hashlib
import operator
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ledger.crosscheck.pairs import Conversions
from ledger.crosscheck.rates import rate_phrases
from ledger.crosscheck.scoring import (
    CONFLICT_COLUMNS,
    KIND_RANK,
    PAIR_KINDS,
    RATE_COLUMNS,
    TEXT,
    conflict_ids,
    relative_gap,
    severity_of,
)

_NAMES = np.array([*PAIR_KINDS, "arithmetic"], dtype=object)  # pair verdict codes 0-3, then 4 for rule rows
_RANK = np.array([KIND_RANK[k] for k in _NAMES])  # output order of the kinds


def assemble(df: pd.DataFrame, i: np.ndarray, j: np.ndarray, code: np.ndarray, arith: pd.DataFrame,
             settings: dict[str, Any], *, explain: bool = True, conversions: Conversions | None = None) -> pd.DataFrame:
    """Findings of the pairs ``(i, j)`` of the prepared ledger ``df`` (verdict
    ``code``, an index into the pair kinds) and the arithmetic rows; pair
    rows get an empty explanation unless ``explain``.  ``conversions``: the
    pairs compared across units and their rates."""
    arith = _arith_rows(arith, conflict_ids)
    n_pairs, n_arith = len(i), len(arith)
    lo, hi, point, conf = (df[c].to_numpy() for c in ("lo", "hi", "point", "conf"))
    is_date = df["is_date"].to_numpy()[i]
    days = np.where(is_date, np.maximum(0.0, np.maximum(lo[i] - hi[j], lo[j] - hi[i])), np.nan)
    point_j = point[j]
    if conversions is not None and len(conversions.at):  # b's figure in a's unit
        point_j = point_j.copy()
        point_j[conversions.at] *= conversions.rate
    gap = np.where(is_date, np.nan, relative_gap(point[i], point_j))
    weights = np.array([float(settings["severity"]["weight"].get(k, 0.0)) for k in _NAMES[:4]])
    sev, label = severity_of(weights[code], gap, days, conf[i] * conf[j], settings)
    # final order over [pairs in finding order, arithmetic rows]: a stable sort
    subject = pd.concat([df["subject"], arith["subject"]], ignore_index=True)
    rank = pd.factorize(subject, sort=True)[0]
    sev_all = np.concatenate([sev, arith["severity"].to_numpy(dtype=float)])
    kind_all = np.concatenate([code, np.full(n_arith, 4)])
    subject_all = np.concatenate([rank[i], rank[len(df):]])
    order = np.lexsort((_RANK[kind_all], -sev_all, subject_all))
    is_pair = order < n_pairs
    pi = order[is_pair]  # pair of each pair row, in output order
    ia, ib = i[pi], j[pi]  # the pairs' claim rows
    # the sentences first: their per-claim halves are the biggest transient,
    # freed before the other text columns exist (a lower peak, reused memory)
    conv = _pair_rates(conversions, n_pairs, point[j])
    phrases: np.ndarray | None = None
    if conversions is not None and len(conversions.at):
        conv = {c: v[pi] for c, v in conv.items()}
        if explain:  # the sentences' "at 7.0994 CNY per USD [...], s2's 960 bn CNY is 135.2 bn USD"
            at = np.flatnonzero(~np.isnan(conv["rate"]))
            said = {c: v[at] for c, v in conv.items()}
            said.update(source_b=df["source"].to_numpy(dtype=object)[ib[at]], value_b=point[ib[at]],
                        unit_b=df["unit"].to_numpy(dtype=object)[ib[at]],
                        unit=df["unit"].to_numpy(dtype=object)[ia[at]])
            phrases = np.full(len(pi), "", dtype=object)
            phrases[at] = rate_phrases(said)
    else:
        conv = {}
    explanation = (pair_explanations(df, ia, ib, code[pi], phrases) if explain
                   else np.full(len(pi), "", dtype=object))
    # where each output row takes its value from: pair rows from a per-pair
    # (or per-claim) array, arithmetic rows from the arithmetic frame after it
    at_arith = np.flatnonzero(~is_pair)
    arith_at = order[at_arith] - n_pairs

    def gather(pair_values: Any, arith_col: str, fill: Any = "", rows: np.ndarray | None = None) -> np.ndarray:
        """Column in output order: ``pair_values`` (per pair in output order,
        or per claim taken at ``rows``) with the arithmetic rows put in."""
        dtype = object if isinstance(fill, str) else float
        pair_values = np.asarray(pair_values, dtype=dtype)
        if not n_arith:
            return pair_values if rows is None else pair_values[rows]
        extra = arith[arith_col].to_numpy(dtype=dtype)[arith_at]
        if rows is None:
            out = np.empty(len(order), dtype=dtype)
            out[is_pair], out[at_arith] = pair_values, extra
            return out
        where = np.empty(len(order), dtype=np.int64)
        where[is_pair], where[at_arith] = rows, len(pair_values) + np.arange(len(at_arith))
        return np.concatenate([pair_values, extra])[where]

    def claim(col: str, rows: np.ndarray, arith_col: str | None = None) -> np.ndarray:
        return gather(df[col].to_numpy(dtype=object), arith_col or col, rows=rows)

    claims, ids = _pair_claims_and_ids(df, ia, ib, code[pi])
    cols: dict[str, Any] = {
        "conflict_id": gather(ids, "conflict_id"), "kind": _NAMES[kind_all[order]],
        "rule": gather(np.full(1, "", dtype=object), "rule", rows=np.zeros(len(pi), dtype=np.int64)),
        "claim_a": claim("claim_id", ia, "claim_a"), "claim_b": claim("claim_id", ib, "claim_b"),
        "claims": gather(claims, "claims"), "subject": claim("subject", ia), "object": claim("object", ia),
        "metric": claim("metric", ia), "source_a": claim("source", ia, "source_a"),
        "source_b": claim("source", ib, "source_b"),
        "value_a": gather(point, "value_a", np.nan, ia), "value_b": gather(point, "value_b", np.nan, ib),
        "unit": claim("unit", ia), "gap": np.concatenate([gap, _floats(arith, "gap")])[order],
        "severity": sev_all[order], "severity_label": gather(label[pi], "severity_label"),
        "explanation": gather(explanation, "explanation"),
    }
    for col in ("implied_value", "implied_low", "implied_high"):
        cols[col] = gather(np.full(1, np.nan), col, np.nan, rows=np.zeros(len(pi), dtype=np.int64))
    for col in ("implied_unit", "result"):
        cols[col] = gather(np.full(1, "", dtype=object), col, rows=np.zeros(len(pi), dtype=np.int64))
    for col, value in (("status", "open"), ("decision", ""), ("decision_note", ""), ("reviewer", "")):
        cols[col] = np.full(len(order), value, dtype=object)
    cols["unit_b"] = claim("unit", ib, "unit_b")
    for col, empty in RATE_COLUMNS.items():
        if col != "unit_b":
            values = conv.get(col, np.full(1, empty, dtype=object if isinstance(empty, str) else float))
            rows = None if col in conv else np.zeros(len(pi), dtype=np.int64)
            cols[col] = gather(values, col, empty, rows=rows)
    index = pd.RangeIndex(len(order))
    return pd.DataFrame({c: pd.Series(cols[c], index=index, dtype=float if cols[c].dtype != object else TEXT,
                                      copy=False) for c in CONFLICT_COLUMNS}, copy=False)


def _floats(arith: pd.DataFrame, col: str) -> np.ndarray:
    return arith[col].to_numpy(dtype=float) if len(arith) else np.zeros(0)


def _arith_rows(arith: pd.DataFrame, conflict_ids: Any) -> pd.DataFrame:
    """Arithmetic rows with ids; a check found from several solve directions
    is kept once."""
    if not len(arith):
        return pd.DataFrame({"subject": pd.Series(dtype=TEXT), "severity": pd.Series(dtype=float)})
    arith = arith.assign(conflict_id=conflict_ids(arith["kind"].tolist(), arith["rule"].tolist(),
                                                  arith["claims"].tolist()))
    arith = arith.drop_duplicates("conflict_id").reset_index(drop=True)
    for col, empty in RATE_COLUMNS.items():
        if col not in arith:
            arith[col] = empty
    for col in ("implied_unit", "result", "unit_b", "rate_date", "rate_source"):
        arith[col] = arith[col].fillna("")
    return arith


def _pair_rates(conversions: Conversions | None, n_pairs: int, point_b: np.ndarray) -> dict[str, np.ndarray]:
    """The rate columns of every pair (NaN and "" where no conversion was made)."""
    if conversions is None or not len(conversions.at):
        return {}
    out = {c: np.full(n_pairs, e, dtype=object if isinstance(e, str) else float) for c, e in RATE_COLUMNS.items()
           if c != "unit_b"}
    at = conversions.at
    out["rate"][at], out["rate_low"][at], out["rate_high"][at] = conversions.rate, conversions.low, conversions.high
    out["rate_date"][at], out["rate_source"][at] = conversions.date, conversions.source
    out["value_b_converted"][at] = point_b[at] * conversions.rate
    return out


def _pair_claims_and_ids(df: pd.DataFrame, ia: np.ndarray, ib: np.ndarray,
                         code: np.ndarray) -> tuple[list[str], list[str]]:
    """``claims`` ("a;b", the smaller id first) and ``conflict_id`` ('k-' + 12
    hex of sha1 over "kind\\x1f\\x1f" + claims, as
    :func:`~ledger.crosscheck.scoring.conflict_ids` makes them) of each pair."""
    ids = df["claim_id"].to_numpy(dtype=object)
    a_first = ids[ia] < ids[ib]  # (a sorted factorize of 1M random ids is ~10x slower)
    low, high = np.where(a_first, ia, ib), np.where(a_first, ib, ia)
    used = np.flatnonzero(np.bincount(low, minlength=len(ids)))
    with_semicolon = np.empty(len(ids), dtype=object)
    with_semicolon[used] = [c + ";" for c in ids[used]]
    claims = list(map(operator.add, with_semicolon[low], ids[high]))
    prefix = np.array([k + "\x1f\x1f" for k in _NAMES[:4]], dtype=object)[code]
    sha1 = hashlib.sha1
    conflict = ["k-" + sha1(text.encode()).hexdigest()[:12] for text in map(operator.add, prefix, claims)]
    return claims, conflict


# --------------------------------------------------------------------------- explanations


def snippet(quote: str, surface: str, width: int = 18) -> str:
    """The part of ``quote`` around ``surface`` (at most ~2*width+len chars)."""
    quote = " ".join(str(quote).split())
    at = quote.find(surface) if surface else -1
    if at < 0:
        return quote[: 2 * width] + ("…" if len(quote) > 2 * width else "")
    start, end = max(0, at - width), min(len(quote), at + len(surface) + width)
    return ("…" if start else "") + quote[start:end] + ("…" if end < len(quote) else "")


def _sides(df: pd.DataFrame, used: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per claim (only those in ``used``) the two halves of a pair sentence:
    "On <what>: s1 says “27%” (“…quote…”; 2025-10, actual)" and
    " while s2 says “49%” (…); "."""
    get = {c: df[c].to_numpy(dtype=object)[used] for c in
           ("source", "surface", "quote", "period", "modality", "metric", "subject", "object")}
    says = [f"{src} says “{sf}” (“{snippet(q, sf)}”; {p or 'period unknown'}, {mo})" for src, sf, q, p, mo in
            zip(get["source"], get["surface"], get["quote"], get["period"], get["modality"])]
    first, second = np.empty(len(df), dtype=object), np.empty(len(df), dtype=object)
    first[used] = [f"On {m} of {s}" + (f" / {o}" if o else "") + f": {x}" for m, s, o, x in
                   zip(get["metric"], get["subject"], get["object"], says)]
    second[used] = [f" while {x}; " for x in says]
    return first, second


_ENDINGS = {
    "consistent": "the figures agree, a cross-source confirmation",
    "contradiction": "same thing, same or unknown period, both stated as fact, yet the figures cannot both be true",
    "temporal": "the figures differ but hold for different periods, so both can be true",
    "modality": "one is {ma} and the other {mb}, not both statements of fact, so the figures neither "
                "confirm nor contradict each other",
    "modality_same": "the figures differ but both are {ma} figures, not statements of fact, so they may be "
                     "different plans",
}


@lru_cache(maxsize=256)
def _ending(kind: str, ma: str, mb: str) -> str:
    if kind != "modality" or not ma:
        return _ENDINGS[kind]
    return _ENDINGS["modality" if ma != mb else "modality_same"].format(ma=ma, mb=mb)


def pair_explanations(df: pd.DataFrame, i: np.ndarray, j: np.ndarray, code: np.ndarray,
                      phrases: Any = None) -> list[str]:
    """One sentence per pair: both sides as written, how the second was
    converted (``phrases``, :func:`ledger.crosscheck.rates.rate_phrase`; ""
    for none), then why the verdict."""
    used = np.zeros(len(df), dtype=bool)
    used[i] = used[j] = True
    first, second = _sides(df, np.flatnonzero(used))
    endings = np.array([_ending(k, "", "") + "." for k in _NAMES[:4]], dtype=object)[code]
    mod = df["modality"].to_numpy(dtype=object)
    is_mod = np.flatnonzero(code == 1)
    endings[is_mod] = [_ending("modality", a, b) + "." for a, b in zip(mod[i[is_mod]], mod[j[is_mod]])]
    if phrases is not None:
        said = np.asarray(phrases, dtype=object)
        at = np.flatnonzero(said != "")
        endings[at] = said[at] + "; " + endings[at]
    return list(map("".join, zip(first[i], second[j], endings)))

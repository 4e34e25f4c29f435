"""Cross-check a ledger: verdicts between claims about the same thing, plus
the arithmetic rules of ``rules.toml``, with reviewer decisions applied.

Claims are blocked by key (subject, object, metric); pairs are formed only
inside a key, with numpy over the sorted ledger (no Python loop over pairs).
Each pair gets one verdict:

* ``consistent``: the intervals overlap, and both sides are facts or both
  the same kind of intention (a confirmation);
* ``modality``: one side is a fact and the other an intention (proposed,
  target, forecast, non-binding), whatever the figures, or both are
  intentions whose kinds or figures differ: a plan neither confirms nor
  contradicts a fact;
* ``temporal``: the figures differ and both periods are known and disjoint;
* ``contradiction``: the figures differ, both are facts, the periods are the
  same, overlapping or unknown.

Date claims (kind ``date``) compare the dates they claim as day intervals.
The result is a DataFrame with :data:`CONFLICT_COLUMNS`; notes about things
not compared (different currencies, huge groups, unreadable periods, orphan
decisions) are :class:`~ledger.errors.Problem` rows in ``df.attrs["notes"]``.
The rows themselves (ids, sentences, output order) are made in
:mod:`ledger.crosscheck_rows`.
"""
from __future__ import annotations

import hashlib
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import intervals
from .errors import InvalidValue, Problem

CONFLICT_COLUMNS: tuple[str, ...] = (
    "conflict_id", "kind", "rule", "claim_a", "claim_b", "claims", "subject", "object", "metric",
    "source_a", "source_b", "value_a", "value_b", "unit", "gap", "severity", "severity_label",
    "explanation", "implied_value", "implied_low", "implied_high", "implied_unit", "result",
    "status", "decision", "decision_note", "reviewer",
)
KINDS = ("contradiction", "temporal", "modality", "consistent", "arithmetic")
_PAIR_KINDS = np.array(["consistent", "modality", "temporal", "contradiction"], dtype=object)
_KIND_RANK = {"contradiction": 0, "arithmetic": 1, "temporal": 2, "modality": 3, "consistent": 4}

#: The dtype of the findings' text columns, and of the claims' text inside the
#: check: Python strings (NaN for missing) whether or not pyarrow is installed.
#: With pyarrow, pandas 3's default ``str`` keeps text in Arrow; the check makes
#: its text in Python (ids, sentences), and turning millions of Python strings
#: into Arrow and back made it 2-2.5x slower and 60% bigger at 1M claims.
TEXT = pd.StringDtype("python", na_value=np.nan)

#: Claim columns the cross-check reads; other ledger columns are ignored.
NEEDED = ("claim_id", "source", "surface", "quote", "kind", "subject", "object", "metric", "period",
          "modality", "value", "value_low", "value_high", "unit", "qualifier", "status", "confidence")
TEXT_COLUMNS = ("claim_id", "source", "surface", "quote", "kind", "subject", "object", "metric",
                "period", "modality", "unit", "qualifier", "status")


# --------------------------------------------------------------------------- settings


@lru_cache(maxsize=8)
def load_settings(path: str | None = None) -> dict[str, Any]:
    """``rules.toml`` (the packaged one unless ``path`` is given)."""
    if path is None:
        text = resources.files("ledger").joinpath("rules.toml").read_text(encoding="utf-8")
        name = "ledger/rules.toml"
    else:
        text, name = Path(path).read_text(encoding="utf-8"), str(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InvalidValue(f"rules file is not valid TOML: {err}", file=name, code="rules-invalid",
                           hint="fix the TOML syntax; see the comments at the top of the file") from err


# --------------------------------------------------------------------------- preparing claims


def prepare(claims: pd.DataFrame, settings: dict[str, Any]) -> pd.DataFrame:
    """The comparable claims with their derived intervals.

    Adds ``lo``/``hi`` (value interval; for dates the claimed day range),
    ``point`` (the stated figure), ``p0``/``p1`` (validity period in day
    ordinals, NaN if unknown), ``factual`` and ``conf``.  Rejected rows and
    rows without a metric are dropped.
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
    keep = ~intervals.text_is(df["status"], ["rejected"]) & ~intervals.text_is(df["metric"], [""])
    if not keep.all():
        df = df[keep].reset_index(drop=True)
    compare = settings["compare"]
    lo, hi = intervals.effective_bounds(df, compare["default_precision"])
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
    df["conf"] = df["confidence"].fillna(1.0).clip(0.0, 1.0)
    # a date claim without a readable period, or a number with no value and no bound, states nothing
    numbers = df[["value", "value_low", "value_high"]].notna().any(axis=1).to_numpy()
    stated = np.where(is_date, ~np.isnan(df["lo"].to_numpy()), numbers)
    if not stated.all():
        unstated = df.loc[~stated, "claim_id"]
        df = df[stated].reset_index(drop=True)
        df.attrs = {"unstated": (len(unstated), unstated.head(5).tolist())}
    # integer codes for blocking and joins, numbered in order of first
    # appearance (subject and object share one code book)
    subject_c, subjects = intervals.text_codes(df["subject"])
    object_c, objects = intervals.text_codes(df["object"])
    entities, _ = pd.factorize(np.concatenate([subjects, objects]))
    df["subject_c"], df["object_c"] = entities[subject_c], entities[len(subjects):][object_c]
    for col in ("source", "metric", "unit", "modality"):
        df[col + "_c"] = intervals.text_codes(df[col])[0]
    df["row"] = np.arange(len(df))
    return df


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
    n_obj, n_met = int(df["object_c"].max()) + 2, int(df["metric_c"].max()) + 2
    key = (df["subject_c"].to_numpy(np.int64) * n_obj + df["object_c"].to_numpy(np.int64)) * n_met \
        + df["metric_c"].to_numpy(np.int64)
    codes = pd.factorize(key)[0]
    shared = np.flatnonzero(np.bincount(codes)[codes] > 1)
    key = key[shared]
    rank = np.lexsort((df["lo"].to_numpy()[shared], df["p0"].to_numpy()[shared], key))
    return shared[rank], key[rank]


# --------------------------------------------------------------------------- verdicts


def verdicts(df: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Index into ``_PAIR_KINDS`` for each pair (see the module docstring)."""
    return _verdict_codes({c: df[c].to_numpy() for c in _VERDICT_COLUMNS}, i, j)


_VERDICT_COLUMNS = ("lo", "hi", "factual", "modality_c", "p0", "p1")


def _verdict_codes(col: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    lo, hi = col["lo"], col["hi"]
    overlap = (lo[i] <= hi[j]) & (lo[j] <= hi[i])
    fact, mod = col["factual"], col["modality_c"]
    both_fact = fact[i] & fact[j]
    same_intent = ~fact[i] & ~fact[j] & (mod[i] == mod[j])
    p0, p1 = col["p0"], col["p1"]
    known = ~(np.isnan(p0[i]) | np.isnan(p0[j]))
    apart = known & ((p1[i] < p0[j]) | (p1[j] < p0[i]))
    agree = (both_fact | same_intent) & overlap
    return np.where(agree, 0, np.where(~both_fact, 1, np.where(apart, 2, 3)))


def relative_gap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``|a - b| / max(|a|, |b|)``; 0 when both are 0, NaN when unknown."""
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.maximum(np.abs(a), np.abs(b))
        gap = np.abs(a - b) / scale
    return np.where(scale == 0, 0.0, gap)


def severity(kind: np.ndarray, gap: np.ndarray, days_apart: np.ndarray, conf: np.ndarray,
             settings: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """``(severity, label)`` arrays from kind names, gaps, date distances and
    the product of both sides' confidences (see rules.toml ``[severity]``)."""
    s = settings["severity"]
    weight = pd.Series(kind).map(s["weight"]).fillna(0.0).to_numpy(dtype=float)
    return severity_of(weight, gap, days_apart, conf, settings)


def severity_of(weight: np.ndarray, gap: np.ndarray, days_apart: np.ndarray, conf: np.ndarray,
                settings: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`severity` from the kinds' weights (rules.toml ``[severity.weight]``)."""
    s = settings["severity"]
    numeric = np.minimum(1.0, s["floor"] + np.nan_to_num(gap, nan=1.0) / s["full_gap"])
    dated = np.minimum(1.0, s["date_floor"] + np.nan_to_num(days_apart) / s["date_full_days"])
    magnitude = np.where(np.isnan(days_apart), numeric, dated)
    sev = np.round(weight * magnitude * conf, 3)
    return sev, severity_labels(sev, s["labels"])


def severity_labels(sev: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    """'info' below the low threshold, then 'low', 'medium', 'high' (a
    severity equal to a threshold takes that threshold's label)."""
    names = np.array(["info", "low", "medium", "high"], dtype=object)
    edges = [thresholds[name] for name in names[1:]]
    sev = np.asarray(sev, dtype=float)
    return names[np.where(np.isnan(sev), 0, np.searchsorted(edges, sev, side="right"))]


def conflict_ids(kind: Any, rule: Any, claims: Any, presorted: bool = False) -> list[str]:
    """'k-' + 12 hex of sha1 over kind, rule and the sorted claim ids."""
    sha1 = hashlib.sha1
    if not presorted:
        claims = [";".join(sorted(c.split(";"))) for c in claims]
    return ["k-" + sha1(f"{k}\x1f{r}\x1f{c}".encode()).hexdigest()[:12] for k, r, c in zip(kind, rule, claims)]


def pair_verdicts(df: pd.DataFrame, settings: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Problem]]:
    """The vectorised core: rows ``i``, ``j`` of each reported pair of a
    prepared ledger and its verdict code (index into ``_PAIR_KINDS``)."""
    compare = settings["compare"]
    order, keys = _pair_order(df)
    i, j, big = pair_indices(keys, compare["max_group"], compare["window"])
    notes = [_big_group_note(df, order, keys, start, compare) for start in big]
    # verdicts on the columns in sorted order: i and j are near each other
    # there, so the gathers read nearby memory; rows of df only at the end
    col = {c: df[c].to_numpy()[order] for c in _VERDICT_COLUMNS + ("unit_c", "source_c")}
    same_unit = col["unit_c"][i] == col["unit_c"][j]
    if not same_unit.all():
        notes += _unit_notes(df, order[i[~same_unit]], order[j[~same_unit]])
        i, j = i[same_unit], j[same_unit]
    code = _verdict_codes(col, i, j)
    keep = (code != 0) | (col["source_c"][i] != col["source_c"][j]) | bool(compare["same_source_consistent"])
    return order[i[keep]], order[j[keep]], code[keep], notes


def _big_group_note(df: pd.DataFrame, order: np.ndarray, keys: np.ndarray, start: int,
                    compare: dict[str, Any]) -> Problem:
    row = df.iloc[int(order[start])]
    size = int((keys == keys[start]).sum())
    return Problem("<ledger>", None, None, "metric", f"{row['subject']} / {row['object']} / {row['metric']}",
                   "big-group", f"{size} claims share this key; each was compared with its "
                   f"{compare['window']} nearest neighbours only (max_group = {compare['max_group']})",
                   "check the key's subject/object/metric framing, or raise max_group in rules.toml",
                   severity="warning")


def _unit_notes(df: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> list[Problem]:
    i, j = i[:50], j[:50]  # the first 50 pairs are noted
    if not len(i):
        return []
    pairs = pd.DataFrame({"a": df["claim_id"].to_numpy()[i], "b": df["claim_id"].to_numpy()[j],
                          "ua": df["unit"].to_numpy()[i], "ub": df["unit"].to_numpy()[j]})
    return [Problem("<ledger>", None, None, "unit", f"{r.ua} vs {r.ub}", "not-comparable",
                    f"{r.a} and {r.b} are about the same thing in different units; not compared",
                    "a comparison across currencies needs a dated exchange rate", severity="warning")
            for r in pairs.itertuples()]


# --------------------------------------------------------------------------- the check


def check(claims: pd.DataFrame, decisions: pd.DataFrame | None = None,
          settings: dict[str, Any] | None = None, *, explain: bool = True) -> pd.DataFrame:
    """All findings of a ledger as a DataFrame with :data:`CONFLICT_COLUMNS`,
    sorted by subject then severity (highest first).  Pure: reads nothing.

    ``explain=False`` leaves the ``explanation`` of pair findings empty (rule
    findings keep theirs): on a large ledger the sentences are most of the
    time and memory.  :func:`explain` makes them later for the rows wanted,
    the same sentences ``explain=True`` gives."""
    from . import arithmetic, decisions as decisions_mod
    from .crosscheck_rows import assemble

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
    i, j, code, pair_notes = pair_verdicts(prepared, settings)
    prepared = python_text(prepared)
    arith, arith_notes = arithmetic.apply_rules(prepared, settings)
    out = assemble(prepared, i, j, code, arith, settings, explain=explain)
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
    from .crosscheck_rows import pair_explanations

    text = findings["explanation"].astype(TEXT)
    codes = pd.Index(_PAIR_KINDS).get_indexer(findings["kind"])
    prepared = python_text(prepare(claims, settings or load_settings()))
    first = np.flatnonzero(~prepared["claim_id"].duplicated().to_numpy())  # a valid ledger's ids are unique
    row = pd.Index(prepared["claim_id"].to_numpy()[first])
    ia, ib = (np.where(k >= 0, first[k], -1) for k in (row.get_indexer(findings[c]) for c in ("claim_a", "claim_b")))
    at = np.flatnonzero((codes >= 0) & (ia >= 0) & (ib >= 0))
    if len(at):
        sentences = pair_explanations(prepared, ia[at], ib[at], codes[at])
        text = text.copy()
        text.iloc[at] = sentences
    return text


def is_open_contradiction(out: pd.DataFrame) -> pd.Series:
    """Rows that gate publication: open contradictions and open failed rules."""
    bad = (out["kind"] == "contradiction") | ((out["kind"] == "arithmetic") & (out["result"] == "fail"))
    return bad & (out["status"] == "open")


def read_claims(path: str | Path) -> pd.DataFrame:
    """The typed ledger (:func:`ledger.store.read_ledger`: unreadable files
    raise ``InputUnreadable``, untypable rows ``LedgerInvalid``)."""
    from .store import read_ledger

    return read_ledger(path)


def default_decisions_path(ledger_path: str | Path) -> Path:
    return Path(ledger_path).with_name("decisions.csv")


def check_ledger(ledger_path: str | Path, decisions_path: str | Path | None = None,
                 rules_path: str | Path | None = None, *, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read the ledger (and ``decisions.csv`` beside it if present) and check it.
    ``claims``: the ledger already read by the caller (not read again)."""
    from .decisions import read_decisions

    claims = read_claims(ledger_path) if claims is None else claims
    if decisions_path is None:
        candidate = default_decisions_path(ledger_path)
        decisions = read_decisions(candidate) if candidate.exists() else None
    else:
        decisions = read_decisions(decisions_path)
    settings = load_settings(str(rules_path) if rules_path else None)
    return check(claims, decisions, settings)

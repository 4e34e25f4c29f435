"""Cross-check a ledger: verdicts between claims about the same thing, plus
the arithmetic rules of ``rules.toml``, with reviewer decisions applied.

Claims are blocked by key (subject, object, metric); pairs are formed only
inside a key, with numpy over the sorted ledger (no Python loop over pairs).
Each pair gets one verdict:

* ``consistent``: the intervals overlap (a confirmation);
* ``modality``: the figures differ and one side is not a fact (proposed,
  target, forecast, non-binding), or both are different intentions;
* ``temporal``: the figures differ and both periods are known and disjoint;
* ``contradiction``: the figures differ, both are facts, the periods are the
  same, overlapping or unknown.

Date claims (kind ``date``) compare the dates they claim as day intervals.
The result is a DataFrame with :data:`CONFLICT_COLUMNS`; notes about things
not compared (different currencies, huge groups, unreadable periods, orphan
decisions) are :class:`~ledger.errors.Problem` rows in ``df.attrs["notes"]``.
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
RESULTS = ("pass", "fail", "implied")
_PAIR_KINDS = np.array(["consistent", "modality", "temporal", "contradiction"], dtype=object)

#: Claim columns the cross-check reads; other ledger columns are ignored.
NEEDED = ("claim_id", "source", "surface", "quote", "kind", "subject", "object", "metric", "period",
          "modality", "value", "value_low", "value_high", "unit", "qualifier", "status", "confidence")


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
    df = claims.loc[:, list(NEEDED)].copy()
    for col in ("value", "value_low", "value_high", "confidence"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in ("claim_id", "source", "surface", "quote", "kind", "subject", "object", "metric",
                "period", "modality", "unit", "qualifier", "status"):
        df[col] = df[col].fillna("").astype(str)
    df = df[(df["status"] != "rejected") & (df["metric"] != "")].reset_index(drop=True)
    compare = settings["compare"]
    lo, hi = intervals.effective_bounds(df, compare["default_precision"])
    p0, p1 = intervals.period_bounds(df["period"])
    d0, d1 = intervals.date_bounds(df)
    is_date = (df["kind"] == "date").to_numpy() | (df["unit"] == "date").to_numpy()
    df["lo"] = np.where(is_date, d0, lo)
    df["hi"] = np.where(is_date, d1, hi)
    df["point"] = np.where(is_date, np.nan, intervals.point_values(df))
    df["p0"] = np.where(is_date, np.nan, p0)
    df["p1"] = np.where(is_date, np.nan, p1)
    df["is_date"] = is_date
    df["factual"] = df["modality"].isin(compare["factual"]).to_numpy()
    df["conf"] = df["confidence"].fillna(1.0).clip(0.0, 1.0)
    return df


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


def _sorted_for_pairs(df: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    key = df["subject"] + "\x1f" + df["object"] + "\x1f" + df["metric"]
    codes, _ = pd.factorize(key, sort=False)
    df = df.assign(_key=codes)
    df = df.sort_values(["_key", "p0", "lo", "claim_id"], kind="mergesort").reset_index(drop=True)
    return df, df["_key"].to_numpy()


# --------------------------------------------------------------------------- verdicts


def verdicts(df: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Index into ``_PAIR_KINDS`` for each pair (see the module docstring)."""
    lo, hi = df["lo"].to_numpy(), df["hi"].to_numpy()
    overlap = (lo[i] <= hi[j]) & (lo[j] <= hi[i])
    fact = df["factual"].to_numpy()
    intent = ~(fact[i] & fact[j])
    p0, p1 = df["p0"].to_numpy(), df["p1"].to_numpy()
    known = ~(np.isnan(p0[i]) | np.isnan(p0[j]))
    apart = known & ((p1[i] < p0[j]) | (p1[j] < p0[i]))
    return np.where(overlap, 0, np.where(intent, 1, np.where(apart, 2, 3)))


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
    numeric = np.minimum(1.0, s["floor"] + np.nan_to_num(gap, nan=1.0) / s["full_gap"])
    dated = np.minimum(1.0, s["date_floor"] + np.nan_to_num(days_apart) / s["date_full_days"])
    magnitude = np.where(np.isnan(days_apart), numeric, dated)
    sev = np.round(weight * magnitude * conf, 3)
    return sev, severity_labels(sev, s["labels"])


def severity_labels(sev: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    label = np.full(len(sev), "info", dtype=object)
    for name in ("low", "medium", "high"):
        label[sev >= thresholds[name]] = name
    return label


def conflict_ids(kind: pd.Series, rule: pd.Series, claims: pd.Series) -> list[str]:
    """'k-' + 12 hex of sha1 over kind, rule and the sorted claim ids."""
    out = []
    for k, r, c in zip(kind, rule, claims):
        ids = ";".join(sorted(c.split(";")))
        out.append("k-" + hashlib.sha1(f"{k}\x1f{r}\x1f{ids}".encode("utf-8")).hexdigest()[:12])
    return out


def pair_findings(df: pd.DataFrame, settings: dict[str, Any]) -> tuple[pd.DataFrame, list[Problem]]:
    """Verdict rows for every compared pair (before decisions)."""
    compare = settings["compare"]
    df, keys = _sorted_for_pairs(df)
    i, j, big = pair_indices(keys, compare["max_group"], compare["window"])
    notes = [_big_group_note(df, start, compare) for start in big]
    unit = df["unit"].to_numpy()
    same_unit = unit[i] == unit[j]
    notes += _unit_notes(df, i[~same_unit], j[~same_unit])
    i, j = i[same_unit], j[same_unit]
    code = verdicts(df, i, j)
    source = df["source"].to_numpy()
    keep = (code != 0) | (source[i] != source[j]) | bool(compare["same_source_consistent"])
    i, j, code = i[keep], j[keep], code[keep]
    return _pair_frame(df, i, j, _PAIR_KINDS[code], settings), notes


def _pair_frame(df: pd.DataFrame, i: np.ndarray, j: np.ndarray, kind: np.ndarray,
                settings: dict[str, Any]) -> pd.DataFrame:
    a, b = df.iloc[i].reset_index(drop=True), df.iloc[j].reset_index(drop=True)
    gap = relative_gap(a["point"].to_numpy(), b["point"].to_numpy())
    is_date = a["is_date"].to_numpy()
    days = np.where(is_date, np.maximum(0.0, np.maximum(a["lo"] - b["hi"], b["lo"] - a["hi"])), np.nan)
    gap = np.where(is_date, np.nan, gap)
    sev, label = severity(kind, gap, days, (a["conf"] * b["conf"]).to_numpy(), settings)
    out = pd.DataFrame({
        "kind": kind, "rule": "", "claim_a": a["claim_id"], "claim_b": b["claim_id"],
        "claims": a["claim_id"] + ";" + b["claim_id"], "subject": a["subject"], "object": a["object"],
        "metric": a["metric"], "source_a": a["source"], "source_b": b["source"],
        "value_a": a["point"], "value_b": b["point"], "unit": a["unit"], "gap": gap,
        "severity": sev, "severity_label": label,
    })
    out["explanation"] = _pair_explanations(a, b, out)
    return out


def _big_group_note(df: pd.DataFrame, start: int, compare: dict[str, Any]) -> Problem:
    row = df.iloc[int(start)]
    size = int((df["_key"] == row["_key"]).sum())
    return Problem("<ledger>", None, None, "metric", f"{row['subject']} / {row['object']} / {row['metric']}",
                   "big-group", f"{size} claims share this key; each was compared with its "
                   f"{compare['window']} nearest neighbours only (max_group = {compare['max_group']})",
                   "check the key's subject/object/metric framing, or raise max_group in rules.toml",
                   severity="warning")


def _unit_notes(df: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> list[Problem]:
    if not len(i):
        return []
    pairs = pd.DataFrame({"a": df["claim_id"].to_numpy()[i], "b": df["claim_id"].to_numpy()[j],
                          "ua": df["unit"].to_numpy()[i], "ub": df["unit"].to_numpy()[j]})
    return [Problem("<ledger>", None, None, "unit", f"{r.ua} vs {r.ub}", "not-comparable",
                    f"{r.a} and {r.b} are about the same thing in different units; not compared",
                    "a comparison across currencies needs a dated exchange rate", severity="warning")
            for r in pairs.head(50).itertuples()]


# --------------------------------------------------------------------------- explanations


def snippet(quote: str, surface: str, width: int = 18) -> str:
    """The part of ``quote`` around ``surface`` (at most ~2*width+len chars)."""
    quote = " ".join(str(quote).split())
    at = quote.find(surface) if surface else -1
    if at < 0:
        return quote[: 2 * width] + ("…" if len(quote) > 2 * width else "")
    start, end = max(0, at - width), min(len(quote), at + len(surface) + width)
    return ("…" if start else "") + quote[start:end] + ("…" if end < len(quote) else "")


def _side(part: pd.DataFrame) -> pd.Series:
    snips = pd.Series([snippet(q, s) for q, s in zip(part["quote"], part["surface"])], index=part.index)
    period = part["period"].where(part["period"] != "", "period unknown")
    return (part["source"] + " says “" + part["surface"] + "” (“" + snips + "”; " + period + ", "
            + part["modality"] + ")")


_ENDINGS = {
    "consistent": "the figures agree, a cross-source confirmation",
    "contradiction": "same thing, same or unknown period, both stated as fact, yet the figures cannot both be true",
    "temporal": "the figures differ but hold for different periods, so both can be true",
    "modality": "the figures differ but a {ma} figure and an {mb} one are not both statements of fact, "
                "so this is not a conflict of facts",
    "modality_same": "the figures differ but both are {ma} figures, not statements of fact, so they may be "
                     "different plans",
}


def _pair_explanations(a: pd.DataFrame, b: pd.DataFrame, out: pd.DataFrame) -> pd.Series:
    about = out["metric"] + " of " + out["subject"] + np.where(out["object"] != "", " / " + out["object"], "")
    ending = pd.Series([_ENDINGS[k] for k in out["kind"]], index=out.index)
    mod = out["kind"] == "modality"
    ending[mod] = [_ENDINGS["modality" if x != y else "modality_same"].format(ma=x, mb=y)
                   for x, y in zip(a.loc[mod, "modality"], b.loc[mod, "modality"])]
    return "On " + about + ": " + _side(a) + " while " + _side(b) + "; " + ending + "."


# --------------------------------------------------------------------------- the check


def check(claims: pd.DataFrame, decisions: pd.DataFrame | None = None,
          settings: dict[str, Any] | None = None) -> pd.DataFrame:
    """All findings of a ledger as a DataFrame with :data:`CONFLICT_COLUMNS`,
    sorted by subject then severity (highest first).  Pure: reads nothing."""
    from . import arithmetic, decisions as decisions_mod

    settings = settings or load_settings()
    prepared = prepare(claims, settings)
    notes = [Problem("<ledger>", None, None, "period", p, "bad-period", "period does not parse; compared as unknown",
                     "use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or A/B", severity="warning")
             for p in intervals.bad_periods(prepared["period"])]
    pairs, pair_notes = pair_findings(prepared, settings)
    arith, arith_notes = arithmetic.apply_rules(prepared, settings)
    frames = [f for f in (pairs, arith) if len(f)]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CONFLICT_COLUMNS)
    out = _finish(out)
    out, decision_notes = decisions_mod.apply(out, decisions)
    out.attrs["notes"] = notes + pair_notes + arith_notes + decision_notes
    return out


def _finish(out: pd.DataFrame) -> pd.DataFrame:
    for col in CONFLICT_COLUMNS:
        if col not in out.columns:
            out[col] = np.nan if col.startswith(("implied_low", "implied_high", "implied_value")) else ""
    out["implied_unit"] = out["implied_unit"].fillna("")
    out["result"] = out["result"].fillna("")
    out["conflict_id"] = conflict_ids(out["kind"], out["rule"], out["claims"])
    out = out.drop_duplicates("conflict_id")
    out["status"], out["decision"], out["decision_note"], out["reviewer"] = "open", "", "", ""
    out = out.sort_values(["subject", "severity", "kind", "conflict_id"], ascending=[True, False, True, True],
                          kind="mergesort")
    return out.loc[:, list(CONFLICT_COLUMNS)].reset_index(drop=True)


def is_open_contradiction(out: pd.DataFrame) -> pd.Series:
    """Rows that gate publication: open contradictions and open failed rules."""
    bad = (out["kind"] == "contradiction") | ((out["kind"] == "arithmetic") & (out["result"] == "fail"))
    return bad & (out["status"] == "open")


def read_claims(path: str | Path) -> pd.DataFrame:
    """The ledger through :func:`ledger.store.read_ledger` when it exists,
    else a plain pandas read (all text, then numbers converted)."""
    from . import store

    reader = getattr(store, "read_ledger", None)
    if reader is not None:
        return reader(path)
    from .errors import InputUnreadable

    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputUnreadable(f"cannot read the ledger: {err}", file=str(path), code="unreadable",
                              hint="check the path; the ledger is a UTF-8 CSV (claims.csv)") from err
    for col in ("value", "value_low", "value_high", "confidence"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col].replace("", np.nan), errors="coerce")
    return df


def default_decisions_path(ledger_path: str | Path) -> Path:
    return Path(ledger_path).with_name("decisions.csv")


def check_ledger(ledger_path: str | Path, decisions_path: str | Path | None = None,
                 rules_path: str | Path | None = None) -> pd.DataFrame:
    """Read the ledger (and ``decisions.csv`` beside it if present) and check it."""
    from .decisions import read_decisions

    claims = read_claims(ledger_path)
    if decisions_path is None:
        candidate = default_decisions_path(ledger_path)
        decisions = read_decisions(candidate) if candidate.exists() else None
    else:
        decisions = read_decisions(decisions_path)
    settings = load_settings(str(rules_path) if rules_path else None)
    return check(claims, decisions, settings)

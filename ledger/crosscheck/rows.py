"""The findings frame of the cross-check, as data: pair verdicts and
arithmetic rows in one table with :data:`FINDING_COLUMNS`, grouped into
issues and ranked by evidence.

Built for large ledgers (millions of pairs): every column is made once, by a
``take`` from per-claim arrays or small per-kind tables, already in output
order; no Python step runs per pair.  The text a person reads (a pair's
``conflict_id``, its ``claims`` list, its explanation sentence, an issue's id
and reason) is made only for the rows shown, by :mod:`ledger.crosscheck.text`:
in this frame those three columns are empty on pair rows (arithmetic rows,
few, carry theirs).

Issues (docs/findings.md): the pairs about one figure, i.e. the same subject,
object and metric after entity matching (a claim that names no counterpart
joins the issue of the claim it was paired with), form one issue; each
arithmetic finding is an issue of its own.  An issue's score is the highest
severity among its pairs, where a pair's severity is multiplied by its
evidence (the weaker side's, :mod:`ledger.crosscheck.evidence`) and, for
loose wording, by ``[evidence] loose_wording``.  Issues are numbered by rank
(``issue_rank`` 1 is the issue to read first): highest score first, then the
more serious verdict, then in ledger order.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ledger import intervals
from ledger.crosscheck.evidence import evidence_settings, loose_wording
from ledger.crosscheck.pairs import Conversions
from ledger.crosscheck.scoring import (
    CONFLICT_COLUMNS,
    KIND_RANK,
    PAIR_KINDS,
    RATE_COLUMNS,
    TEXT,
    conflict_ids,
    relative_gap,
    severity_values,
)
from ledger.crosscheck.sorting import lexsort

#: The findings frame: the columns of :data:`CONFLICT_COLUMNS` (``conflict_id``,
#: ``claims`` and ``explanation`` empty on pair rows until rendered), then
#: ``issue_rank`` (the finding's issue, numbered by rank from 1), ``evidence``
#: (the weaker side's strength, 0..1), ``flags_a``/``flags_b`` (what weakened
#: each side, :data:`ledger.crosscheck.evidence.FLAG_NAMES` bits) and ``loose``
#: (a contradiction that is loose wording).
FINDING_COLUMNS: tuple[str, ...] = (*CONFLICT_COLUMNS, "issue_rank", "evidence", "flags_a", "flags_b", "loose")
#: Text columns made only for the rows shown (empty on pair rows here).
RENDERED = ("conflict_id", "claims", "explanation")

_NAMES = np.array([*PAIR_KINDS, "arithmetic"], dtype=object)  # pair verdict codes 0-3, then 4 for rule rows
_RANK = np.array([KIND_RANK[k] for k in _NAMES])  # output order of the kinds
#: An issue's verdict, most serious first: what its most serious pair is.
VERDICTS = ("contradiction", "loose_wording", "arithmetic", "temporal", "modality", "consistent")
_VERDICT_OF_CODE = np.array([VERDICTS.index(k) for k in PAIR_KINDS])  # pair code -> verdict index


def assemble(df: pd.DataFrame, i: np.ndarray, j: np.ndarray, code: np.ndarray, arith: pd.DataFrame,
             settings: dict[str, Any], strength: np.ndarray | None = None,
             flags: np.ndarray | None = None, *, conversions: Conversions | None = None,
             claim_text: dict[str, tuple[Any, Any]] | None = None) -> pd.DataFrame:
    """Findings of the pairs ``(i, j)`` of the prepared ledger ``df`` (verdict
    ``code``, an index into the pair kinds) and the arithmetic rows, with
    each claim's evidence ``strength`` and ``flags`` (1 and 0 if not given).
    ``conversions``: the pairs compared across units and their rates;
    ``claim_text``: :func:`claim_columns` of ``df`` when made already."""
    arith = _arith_rows(arith)
    n_pairs, n_arith = len(i), len(arith)
    strength = np.ones(len(df)) if strength is None else strength
    flags = np.zeros(len(df), dtype=np.int64) if flags is None else flags
    lo, hi, point, conf = (df[c].to_numpy() for c in ("lo", "hi", "point", "conf"))
    is_date = df["is_date"].to_numpy()[i]
    days = np.full(n_pairs, np.nan)  # how far apart two dates are (date pairs only)
    dated = np.flatnonzero(is_date)
    di, dj = i[dated], j[dated]
    days[dated] = np.maximum(0.0, np.maximum(lo[di] - hi[dj], lo[dj] - hi[di]))
    point_j = point[j]
    if conversions is not None and len(conversions.at):  # b's figure in a's unit
        point_j = point_j.copy()
        point_j[conversions.at] *= conversions.rate
    gap = np.where(is_date, np.nan, relative_gap(point[i], point_j))
    evidence = np.round(np.minimum(strength[i], strength[j]), 3)
    loose = loose_wording(lo, hi, flags, i, j, code, settings)
    ev = evidence_settings(settings)
    factor = evidence * np.where(loose, float(ev["loose_wording"]), 1.0)
    # two figures of one article under one key are more often two different figures
    # framed alike (a segment's and the total, a quarter's and the year's) than an
    # article contradicting itself: such a pair weighs less
    source = df["source_c"].to_numpy()
    factor = factor * np.where((source[i] == source[j]) & (code == 3), float(ev["same_article"]), 1.0)
    weights = np.array([float(settings["severity"]["weight"].get(k, 0.0)) for k in _NAMES[:4]])
    sev = severity_values(weights[code], gap, days, conf[i] * conf[j] * factor, settings)
    # issues: the pair's figure (subject, object of the side that names one, metric); rules: one each
    issue = _pair_issues(df, i, j)
    n_issues = int(issue.max()) + 1 if n_pairs else 0
    issue_all = np.concatenate([issue, n_issues + np.arange(n_arith)])
    sev_all = np.concatenate([sev, arith["severity"].to_numpy(dtype=float)])
    verdict_all = np.concatenate([np.where(loose, 1, _VERDICT_OF_CODE[code]), np.full(n_arith, 2)])
    rank_of_issue = _issue_ranks(issue_all, sev_all, verdict_all, n_issues + n_arith)
    kind_all = np.concatenate([code, np.full(n_arith, 4)])
    order = _output_order(rank_of_issue[issue_all], sev_all, _RANK[kind_all])
    n = len(order)
    pair = np.where(order < n_pairs, order, -1)  # the pair of each row (-1: a rule row)
    at_arith = np.flatnonzero(pair < 0)  # the rule rows, and which rule each is
    arith_at = order[at_arith] - n_pairs
    # each row's claims (-1 on rule rows): a per-claim array with one more cell is taken at them
    ra, rb = np.append(i, -1)[pair], np.append(j, -1)[pair]

    def arith_values(arith_col: str | None, fill: Any, as_text: bool) -> np.ndarray:
        """The rule rows' values of a column, in output order (``fill`` if the rules have none)."""
        if arith_col is not None and arith_col in arith:
            col = arith[arith_col]
            return (col.fillna("").astype(str).to_numpy(dtype=object) if as_text
                    else col.to_numpy(dtype=float))[arith_at]
        return np.full(len(at_arith), fill, dtype=object if as_text else float)

    def floats(per_row: np.ndarray, rows: np.ndarray, arith_col: str | None) -> np.ndarray:
        """A float column in output order: ``per_row`` (per claim or per pair, NaN
        appended) taken at ``rows``, then the rules' values."""
        out = np.append(per_row, np.nan)[rows]
        if n_arith:
            out[at_arith] = arith_values(arith_col, np.nan, False)
        return out

    def text(codes: np.ndarray, cats: pd.Index, arith_col: str | None, fill: str = "") -> Any:
        """A text column in output order, as codes (one per row, rule rows'
        to be set) into its distinct values ``cats``: no string is copied per
        row; the rules' values not among them are appended."""
        known = None
        if n_arith:
            extra = arith_values(arith_col, fill, True)
            known = cats.get_indexer(pd.Index(extra, dtype=object))
            new = pd.unique(extra[known < 0])
            if len(new):
                cats = pd.Index(np.concatenate([cats.to_numpy(dtype=object), np.asarray(new, dtype=object)]),
                                dtype=object)
                known = cats.get_indexer(pd.Index(extra, dtype=object))
        codes = codes.astype(_code_dtype(len(cats)), copy=False)
        if known is not None:
            codes[at_arith] = known
        return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(cats), validate=False)

    made = claim_columns(df) if claim_text is None else claim_text
    claim_ids = made["claim_id"][0]

    def ids(arith_col: str, rows: np.ndarray) -> np.ndarray:
        """Claim ids in output order, as Python strings (nearly all distinct: no categories)."""
        out = np.append(claim_ids, "")[rows]
        if n_arith:
            out[at_arith] = arith_values(arith_col, "", True)
        return out

    def per_claim(col: str, rows: np.ndarray, arith_col: str | None = None) -> Any:
        codes, cats = made[col]
        return text(np.append(codes, 0)[rows], cats, arith_col or col)

    def const(value: str, arith_col: str | None = None) -> Any:
        return text(np.zeros(n, dtype=np.int8), pd.Index([value], dtype=object), arith_col, value)

    crow = np.full(n_pairs + 1, -1, dtype=np.int64)  # the conversion of each pair (-1: none), of each row
    if conversions is not None and len(conversions.at):
        crow[conversions.at] = np.arange(len(conversions.at))
    crow = crow[pair]
    cols: dict[str, Any] = {
        "conflict_id": const("", "conflict_id"),
        "kind": text(kind_all[order], pd.Index(_NAMES, dtype=object), "kind"), "rule": const("", "rule"),
        "claim_a": ids("claim_a", ra), "claim_b": ids("claim_b", rb),
        "claims": const("", "claims"), "subject": per_claim("subject", ra), "object": per_claim("object", ra),
        "metric": per_claim("metric", ra), "source_a": per_claim("source", ra, "source_a"),
        "source_b": per_claim("source", rb, "source_b"),
        "value_a": floats(point, ra, "value_a"), "value_b": floats(point, rb, "value_b"),
        "unit": per_claim("unit", ra), "gap": np.concatenate([gap, _floats(arith, "gap")])[order],
        "severity": sev_all[order],
        "severity_label": text(np.append(_label_codes(sev, settings), 0)[pair], pd.Index(_LABELS, dtype=object),
                               "severity_label"),
        "explanation": const("", "explanation"),
        "implied_value": floats(np.zeros(0), np.full(n, -1), "implied_value"),
        "implied_low": floats(np.zeros(0), np.full(n, -1), "implied_low"),
        "implied_high": floats(np.zeros(0), np.full(n, -1), "implied_high"),
        "implied_unit": const("", "implied_unit"), "result": const("", "result"),
        "status": text(np.zeros(n, dtype=np.int8), pd.Index(["open", "resolved"], dtype=object), None, "open"),
        "decision": const(""), "decision_note": const(""), "reviewer": const(""),
        "issue_rank": rank_of_issue[issue_all[order]],
        "evidence": np.concatenate([evidence, np.ones(n_arith)])[order],
        "flags_a": np.append(flags, 0)[ra], "flags_b": np.append(flags, 0)[rb],
        "loose": np.concatenate([loose, np.zeros(n_arith, dtype=bool)])[order],
        "unit_b": per_claim("unit", rb, "unit_b"),
    }
    conv = _conversion_values(conversions, point, j)
    seen: _Seen | None = None
    for col, empty in RATE_COLUMNS.items():  # across currencies: the rate that converted b (none: NaN, "")
        if col == "unit_b":
            continue
        if not isinstance(empty, str):
            cols[col] = floats(conv[col] if col in conv else np.zeros(0), crow, col)
        elif col in conv:
            if seen is None:
                seen = _Seen(crow, pair)
            codes, names = seen.codes(conv[col])
            cols[col] = text(codes, names, col)
        else:
            cols[col] = const(empty, col)
    index = pd.RangeIndex(n)
    # text as categories (codes into the distinct values): no Python string is copied per row
    return pd.DataFrame({c: pd.Series(cols[c], index=index, copy=False, dtype=_dtype(cols[c]))
                         for c in FINDING_COLUMNS}, copy=False)


def _code_dtype(size: int) -> Any:
    """The codes' dtype pandas gives categories of ``size`` values (made so at once, not copied)."""
    for dtype in (np.int8, np.int16, np.int32):
        if size < np.iinfo(dtype).max:
            return dtype
    return np.int64


def _dtype(values: Any) -> Any:
    """Object arrays stay Python strings (pandas 3 would make Arrow text of them); the rest as they are."""
    return object if isinstance(values, np.ndarray) and values.dtype == object else None


_LABELS = ("info", "low", "medium", "high")


def _label_codes(sev: np.ndarray, settings: dict[str, Any]) -> np.ndarray:
    """Index into :data:`_LABELS` of each severity (as
    :func:`~ledger.crosscheck.scoring.severity_labels` names it)."""
    thresholds = settings["severity"]["labels"]
    edges = [thresholds[name] for name in _LABELS[1:]]
    if edges != sorted(edges):
        return np.where(np.isnan(sev), 0, np.searchsorted(edges, sev, side="right")).astype(np.int8)
    out = np.zeros(len(sev), dtype=np.int8)  # how many thresholds each reaches (NaN reaches none)
    for edge in edges:
        out += sev >= edge
    return out


def _output_order(rank: np.ndarray, severity: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """Row order: issue rank, then severity (highest first; unknown last),
    then kind, then as found: one sort of one int64 key (a severity has 3
    decimals: 0..1000)."""
    sev = np.where(np.isnan(severity), 1001, 1000 - np.round(np.nan_to_num(severity) * 1000)).astype(np.int64)
    key = (rank.astype(np.int64) * 1024 + np.clip(sev, 0, 1023)) * 8 + kind.astype(np.int64)
    return lexsort([key])


def claim_columns(df: pd.DataFrame) -> dict[str, tuple[Any, Any]]:
    """What the findings take of each claim of a prepared ledger: the codes
    of its subject, object, metric, source and unit text (in the dtype the
    findings keep) with the distinct texts, and the claim ids (``claim_id``:
    Python strings, None)."""
    out: dict[str, tuple[Any, Any]] = {}
    for col in ("subject", "object", "metric", "source", "unit"):
        codes, names = _claim_codes(df, col)
        out[col] = codes.astype(_code_dtype(len(names))), pd.Index(names, dtype=object)
    out["claim_id"] = df["claim_id"].to_numpy(dtype=object), None
    return out


def _claim_codes(df: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    """Per claim row, the code of its ``col`` text, and the distinct texts;
    the codes prepare made for the column when it made them."""
    codes, names = intervals.column_codes(df, col)
    if (codes < 0).any():  # a missing text reads as empty
        names = np.append(names, "")
        codes = np.where(codes < 0, len(names) - 1, codes)
    return codes, names


def _pair_issues(df: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The issue number of each pair: its figure's key (entity-key codes of
    the subject and of the side's object that is not a wildcard, metric code),
    numbered in order of first appearance."""
    if not len(i):
        return np.zeros(0, dtype=np.int64)
    wild = df["wild"].to_numpy(dtype=bool)
    obj = df["object_c"].to_numpy(np.int64)
    n_obj, n_met = int(obj.max()) + 2, int(df["metric_c"].max()) + 2
    # each claim's own figure key, taken per pair; a wildcard side takes the other side's object
    own = (df["subject_c"].to_numpy(np.int64) * n_obj + obj) * n_met + df["metric_c"].to_numpy(np.int64)
    key = own[i]
    w = np.flatnonzero(wild[i])
    key[w] += (obj[j[w]] - obj[i[w]]) * n_met
    return pd.factorize(key, sort=True)[0].astype(np.int64)  # numbered by key, not by the order pairs came in


def _issue_ranks(issue: np.ndarray, severity: np.ndarray, verdict: np.ndarray, n: int) -> np.ndarray:
    """Rank (1 = first) of each issue number: highest score (the most severe
    of its rows), then the most serious verdict, then the lowest number."""
    if not n:
        return np.zeros(0, dtype=np.int64)
    score = np.full(n, -np.inf)
    np.maximum.at(score, issue, np.nan_to_num(severity, nan=0.0))
    worst = np.full(n, len(VERDICTS), dtype=np.int64)
    np.minimum.at(worst, issue, verdict)
    order = np.lexsort((np.arange(n), worst, -score))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    return rank


def _conversion_values(conversions: Conversions | None, point: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
    """The rate columns of each conversion (none: {}); ``point`` per claim, ``j`` the pairs' second claims."""
    if conversions is None or not len(conversions.at):
        return {}
    return {"rate": conversions.rate, "rate_low": conversions.low, "rate_high": conversions.high,
            "rate_date": conversions.date, "rate_source": conversions.source,
            "value_b_converted": point[j[conversions.at]] * conversions.rate}


class _Seen:
    """Text columns that are one value per conversion and "" on every other
    row, numbered as ``pd.factorize`` of the pair rows numbers them (in order
    of first appearance): the few values factorized, their order found from
    the rows of the conversions and the first pair row without one."""

    def __init__(self, rows: np.ndarray, pair: np.ndarray) -> None:
        self.rows = rows  # each row's conversion (-1: none)
        converted = np.flatnonzero(rows >= 0)
        self.place = np.empty(len(converted), dtype=np.int64)  # each conversion's row
        self.place[rows[converted]] = converted
        self.unconverted = len(rows)  # the first pair row without a conversion
        for start in range(0, len(rows), 1 << 16):
            part = slice(start, start + (1 << 16))
            hit = np.flatnonzero((rows[part] < 0) & (pair[part] >= 0))
            if len(hit):
                self.unconverted = start + int(hit[0])
                break

    def codes(self, values: np.ndarray) -> tuple[np.ndarray, pd.Index]:
        small, names = pd.factorize(np.concatenate([np.array([""], dtype=object), np.asarray(values, dtype=object)]))
        first = np.full(len(names), len(self.rows), dtype=np.int64)
        np.minimum.at(first, small[1:], self.place)
        first[0] = min(first[0], self.unconverted)  # "" is code 0
        seen = np.flatnonzero(first < len(self.rows))
        by_first = seen[np.argsort(first[seen], kind="stable")]
        renumber = np.zeros(len(names), dtype=np.int64)
        renumber[by_first] = np.arange(len(by_first))
        table = renumber[np.append(small[1:], 0)]  # per conversion, and "" last (for -1)
        return table.astype(_code_dtype(len(by_first)))[self.rows], pd.Index(np.asarray(names, dtype=object)[by_first],
                                                                               dtype=object)


def _floats(arith: pd.DataFrame, col: str) -> np.ndarray:
    return arith[col].to_numpy(dtype=float) if len(arith) else np.zeros(0)


def _arith_rows(arith: pd.DataFrame) -> pd.DataFrame:
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


def as_findings(found: pd.DataFrame) -> pd.DataFrame:
    """A findings frame with every column of :data:`FINDING_COLUMNS`: a frame
    of :data:`CONFLICT_COLUMNS` only (made before issues, or by hand) gets one
    issue per row, ranked by severity (highest first, then in row order),
    evidence 1 and no flags."""
    if all(c in found for c in FINDING_COLUMNS):
        return found
    out = found.copy()
    for c in CONFLICT_COLUMNS:
        if c not in out:
            out[c] = np.nan if c in ("value_a", "value_b", "gap", "severity", "implied_value", "implied_low",
                                     "implied_high") else ""
    if "issue_rank" not in out:
        severity = pd.to_numeric(out["severity"], errors="coerce").fillna(0.0).to_numpy()
        order = np.lexsort((np.arange(len(out)), -severity))
        rank = np.empty(len(out), dtype=np.int64)
        rank[order] = np.arange(1, len(out) + 1)
        out["issue_rank"] = rank
    defaults = {"evidence": 1.0, "flags_a": 0, "flags_b": 0, "loose": False}
    for c, v in defaults.items():
        if c not in out:
            out[c] = v
    for c in ("status", "decision", "decision_note", "reviewer", "claims", "conflict_id", "explanation", "rule",
              "result", "implied_unit"):
        out[c] = out[c].astype(object).where(out[c].notna(), "open" if c == "status" else "")
    return out.loc[:, list(FINDING_COLUMNS)]

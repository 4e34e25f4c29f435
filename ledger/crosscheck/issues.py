"""Issues: the findings about one figure, as one row a fact-checker acts on.

:func:`issue_frame` makes one row per issue of a findings frame (any rows of
it: the issues those rows belong to): its id, rank, verdict, severity,
members (the claims, every version of the figure), how many pairs it holds
and how many are still open, and its decision.

An issue's id is 'i-' + 12 hex of sha1 over its sorted member claim ids
(for an arithmetic issue, "rule:<name>\\x1f" first): the same claims give the
same id in every run, and a new version of the figure (a claim joining the
issue) gives a new id, so an issue decided before is shown again.
"""
from __future__ import annotations

import hashlib
import itertools

import numpy as np
import pandas as pd

from ledger.crosscheck.rows import VERDICTS

#: Columns of :func:`issue_frame`, in order.
ISSUE_COLUMNS = ("issue", "issue_rank", "verdict", "severity", "severity_label", "subject", "object", "metric",
                 "unit", "rule", "result", "members", "pairs", "open", "contradictions", "status", "decision",
                 "decision_note", "reviewer", "top")
_VERDICT_INDEX = {v: n for n, v in enumerate(VERDICTS)}
_TEXT_COLUMNS = ("issue", "verdict", "severity_label", "subject", "object", "metric", "unit", "rule", "result",
                 "status", "decision", "decision_note", "reviewer")


def unique_ints(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of integers, by one sort (numpy 2.4's ``np.unique``
    hashes integers: 0.06-0.24 s for 660k, where a sort takes 0.007 s)."""
    s = np.sort(np.asarray(values))
    return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s


def unique_first(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_index=True)`` of non-negative integer codes
    of a small range (at most a few times their number): the first row of
    each code found in one ``np.minimum.at`` instead of a stable argsort
    (330k codes: 2 ms against 20-50 ms).  Other codes: ``np.unique``."""
    codes = np.asarray(codes)
    n = len(codes)
    if not n or codes.dtype.kind not in "iu" or codes.min() < 0 or codes.max() > 4 * n + 1024:
        return np.unique(codes, return_index=True)
    first = np.full(int(codes.max()) + 1, n, dtype=np.int64)
    np.minimum.at(first, codes, np.arange(n, dtype=np.int64))
    uniques = np.flatnonzero(first < n)
    return uniques.astype(codes.dtype, copy=False), first[uniques]


def row_verdicts(found: pd.DataFrame) -> np.ndarray:
    """Each row's verdict index into :data:`VERDICTS` (loose wording for a
    loose contradiction)."""
    col = found["kind"]
    if isinstance(col.dtype, pd.CategoricalDtype):  # per category, then taken by the codes (-1: the last)
        per = np.append(pd.Index(VERDICTS).get_indexer(col.cat.categories), -1)
        index = per[col.cat.codes.to_numpy()]
    else:
        kind = col.to_numpy(dtype=object)
        index = pd.Index(VERDICTS).get_indexer(pd.Index(kind)) if len(kind) else np.zeros(0, dtype=np.int64)
    index = np.where(index < 0, len(VERDICTS) - 1, index).astype(np.int64)
    if "loose" in found:
        index = np.where(found["loose"].to_numpy(dtype=bool), _VERDICT_INDEX["loose_wording"], index)
    return index


def members_of(found: pd.DataFrame, claim_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
               ) -> tuple[np.ndarray, list[list[str]]]:
    """``(issue ranks, sorted member claim ids of each)`` over the rows of ``found``.
    ``claim_rows``: each row's claim a and claim b as positions in
    ``claim_rows[2]`` (distinct claim ids; -1: not there), when known: the
    claims are then told apart by position (integers), not by hashing their
    id text."""
    rank = found["issue_rank"].to_numpy(dtype=np.int64)
    kind = found["kind"].to_numpy(dtype=object)
    pair = kind != "arithmetic"
    ranks = [rank[pair], rank[pair]]
    ids = [found["claim_a"].to_numpy(dtype=object)[pair], found["claim_b"].to_numpy(dtype=object)[pair]]
    arith = np.flatnonzero(~pair)
    if len(arith):
        lists = [str(c).split(";") if str(c) else [str(a)] for c, a in
                 zip(found["claims"].to_numpy(dtype=object)[arith], found["claim_a"].to_numpy(dtype=object)[arith])]
        ranks.append(np.repeat(rank[arith], [len(x) for x in lists]))
        ids.append(np.array([c for x in lists for c in x], dtype=object))
    all_ranks = np.concatenate(ranks)
    codes: np.ndarray | None = None
    if claim_rows is not None:
        ra, rb, known = claim_rows
        parts = [ra[pair], rb[pair]]
        if len(arith):
            parts.append(pd.Index(np.asarray(known, dtype=object)).get_indexer(pd.Index(ids[2])))
        codes = np.concatenate(parts).astype(np.int64)
        if len(codes) and codes.min() < 0:
            codes = None  # a claim not among them: by text
        else:
            names = np.asarray(known, dtype=object)
    if codes is None:
        codes, names = pd.factorize(np.concatenate(ids))
    key = unique_ints(all_ranks * (len(names) + 1) + codes)  # sorted by rank; each (issue, claim) once
    r, c = key // (len(names) + 1), np.asarray(names, dtype=object)[key % (len(names) + 1)]
    cuts = np.flatnonzero(r[1:] != r[:-1]) + 1
    starts = np.r_[0, cuts] if len(r) else np.zeros(0, dtype=np.int64)
    if not len(r):
        return r, []
    listed, bounds = c.tolist(), np.r_[starts, len(r)].tolist()
    return r[starts], [sorted(listed[lo:hi]) for lo, hi in itertools.pairwise(bounds)]


def issue_ids(lists: list[list[str]], rules: list[str]) -> np.ndarray:
    """:func:`issue_id` of many issues (text, an object array): the sha1s taken
    in C (``map``), their hex written for all at once."""
    text = [(f"rule:{rule}\x1f" if rule else "") + ";".join(sorted(m)) for m, rule in zip(lists, rules)]
    sha1 = hashlib.sha1
    digests = b"".join([sha1(t.encode()).digest() for t in text])
    return hex_ids(b"i", digests).astype("U14").astype(object)


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def hex_ids(prefix: bytes, digests: bytes) -> np.ndarray:
    """``prefix`` + '-' + the first 12 hex digits of each 20-byte digest in
    ``digests`` (concatenated), as ``S14``: the ids of findings and issues."""
    head = np.frombuffer(digests, dtype=np.uint8).reshape(-1, 20)[:, :6]
    out = np.empty((len(head), 14), dtype=np.uint8)
    out[:, 0], out[:, 1] = prefix[0], ord("-")
    out[:, 2::2] = _HEX[head >> 4]
    out[:, 3::2] = _HEX[head & 15]
    return out.view("S14").reshape(-1)


def issue_id(members: list[str], rule: str = "") -> str:
    """'i-' + 12 hex of sha1 over the sorted member ids (an arithmetic
    issue's rule name first)."""
    text = (f"rule:{rule}\x1f" if rule else "") + ";".join(sorted(members))
    return "i-" + hashlib.sha1(text.encode()).hexdigest()[:12]


def issue_frame(found: pd.DataFrame, settings: dict | None = None, *,
                claim_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """One row per issue of ``found``'s rows (:data:`ISSUE_COLUMNS`), in rank
    order.  ``top`` is the position in ``found`` of the issue's most severe
    row (the first of them); the issue's severity and label are its.
    ``claim_rows``: see :func:`members_of` (the same frame either way)."""
    if not len(found):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ISSUE_COLUMNS})
    rank = found["issue_rank"].to_numpy(dtype=np.int64)
    row_severity = np.nan_to_num(found["severity"].to_numpy(dtype=float), nan=0.0)
    new = np.r_[True, rank[1:] != rank[:-1]]
    if (rank[1:] >= rank[:-1]).all() and ((row_severity[1:] <= row_severity[:-1]) | new[1:]).all():
        # check()'s order (by issue, most severe first): nothing to sort
        ranks, codes = rank[new], np.cumsum(new) - 1
        by_issue = np.arange(len(rank))
    else:
        ranks = unique_ints(rank)
        codes = np.searchsorted(ranks, rank)
        by_issue = np.lexsort((np.arange(len(rank)), -row_severity, codes))  # per issue: most severe row first
    n = len(ranks)
    first = by_issue[np.r_[0, np.flatnonzero(np.diff(codes[by_issue])) + 1]]
    severity = found["severity"].to_numpy(dtype=float)[first]  # an unknown severity stays unknown (NaN)
    worst = np.full(n, len(VERDICTS) - 1, dtype=np.int64)
    np.minimum.at(worst, codes, row_verdicts(found))
    is_open = text_equals(found["status"], "open")
    open_count = np.bincount(codes, weights=is_open, minlength=n).astype(np.int64)
    pairs = np.bincount(codes, minlength=n).astype(np.int64)
    contra = np.bincount(codes, weights=text_equals(found["kind"], "contradiction"), minlength=n).astype(np.int64)
    member_ranks, member_lists = members_of(found, claim_rows)
    members = dict(zip(member_ranks.tolist(), member_lists))
    take = {c: found[c].iloc[first].to_numpy(dtype=object) for c in
            ("subject", "object", "metric", "unit", "rule", "result", "kind")}
    lists = [members.get(int(r), []) for r in ranks]
    rules = [str(r) if k == "arithmetic" else "" for r, k in zip(take["rule"], take["kind"])]
    decision, note, reviewer = _decisions(found, codes, n)
    columns = {
        "issue": issue_ids(lists, rules), "issue_rank": ranks,
        "verdict": np.asarray(VERDICTS, dtype=object)[worst], "severity": severity,
        "severity_label": found["severity_label"].iloc[first].to_numpy(dtype=object), "subject": take["subject"],
        "object": take["object"],
        "metric": take["metric"], "unit": take["unit"], "rule": rules, "result": take["result"],
        "members": lists, "pairs": pairs, "open": open_count, "contradictions": contra,
        "status": np.where(open_count > 0, "open", "resolved"), "decision": decision, "decision_note": note,
        "reviewer": reviewer, "top": first,
    }
    members_col = np.empty(n, dtype=object)
    members_col[:] = lists
    columns["members"] = members_col
    # text stays Python objects (pandas 3 would otherwise make Arrow text of each column)
    return pd.DataFrame({c: pd.Series(columns[c], dtype=object if c in _TEXT_COLUMNS else None)
                         for c in ISSUE_COLUMNS})


def text_equals(col: pd.Series, value: str) -> np.ndarray:
    """``col == value`` as its object array compares it (missing: False), on a categorical's codes."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        at = int(col.cat.categories.get_indexer(pd.Index([value], dtype=object))[0])
        return col.cat.codes.to_numpy() == at if at >= 0 else np.zeros(len(col), dtype=bool)
    return col.to_numpy(dtype=object) == value


def _decisions(found: pd.DataFrame, codes: np.ndarray, n: int) -> tuple[list[str], list[str], list[str]]:
    """Per issue: the decision, note and reviewer its rows share (empty when
    they differ or some row is undecided)."""
    decided = found["decision"].to_numpy(dtype=object)
    out: tuple[list[str], list[str], list[str]] = ([""] * n, [""] * n, [""] * n)
    at = np.flatnonzero(decided != "")
    if not len(at):
        return out
    every = np.bincount(codes, minlength=n)
    has = np.bincount(codes[at], minlength=n)
    notes, who = found["decision_note"].to_numpy(dtype=object), found["reviewer"].to_numpy(dtype=object)
    for k in np.flatnonzero((has == every) & (every > 0)):
        rows = np.flatnonzero(codes == k)
        if len(set(decided[rows])) == 1:
            out[0][k], out[1][k], out[2][k] = str(decided[rows[0]]), str(notes[rows[0]]), str(who[rows[0]])
    return out

"""``factcheck check``'s two output modes as lines of text, made from the
findings frame (data, :func:`ledger.crosscheck.check`) in one pass, with the
text a person reads (pair ids, sentences, sources as people know them, the
reason of each issue's rank) made only for the rows printed
(:mod:`ledger.crosscheck.text`).  The CLI prints them.

Both modes go issue by issue in rank order: the issue first, then its
findings (most severe first).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from ledger.crosscheck import is_open_contradiction
from ledger.crosscheck.evidence import FLAG_NAMES
from ledger.crosscheck.issues import issue_frame, text_equals, unique_first, unique_ints
from ledger.crosscheck.rows import RENDERED
from ledger.crosscheck.scoring import CONFLICT_COLUMNS
from ledger.crosscheck.text import Claims, explain_tables, issue_reasons, pair_id_bytes

_ENCODE = json.encoder.encode_basestring  # the C encoder of json.dumps(ensure_ascii=False)
#: Lines per chunk of :func:`json_chunks` and :func:`finding_chunks`.
CHUNK = 4096


class Shown:
    """The rows to print, with their text made once: pair ids, claims lists,
    issue ids and reasons, and sentences (all rows for JSON; each issue's
    most severe row for text, ``sentences="top"``)."""

    def __init__(self, found: pd.DataFrame, claims: pd.DataFrame | None, sources: pd.DataFrame | None, *,
                 escape: bool = False, sentences: str = "all") -> None:
        if found.attrs:  # pandas deep-copies a frame's attrs (the notes) at every step: drop them once
            found = found.copy(deep=False)
            found.attrs = {}
        self.found = found
        self.cl = Claims(claims, sources) if claims is not None else None
        #: each row's claims' rows in ``self.cl`` (-1: not there), found once
        self.ra: np.ndarray
        self.rb: np.ndarray
        self.ra, self.rb = (self.cl.pair_rows(found["claim_a"].to_numpy(dtype=object),
                                              found["claim_b"].to_numpy(dtype=object)) if self.cl is not None else
                            (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)))
        if self.cl is not None:  # every claim text shown is of a claim the rows name: only theirs made str
            named = unique_ints(np.concatenate([self.ra, self.rb]))
            self.cl.only(named[named >= 0])
        #: the pair rows' positions and their ids (ASCII, ``S14``); rule rows keep their own
        self.pair_rows, self.pair_ids = pair_id_bytes(
            found, rows=(self.ra, self.rb, self.cl.index.to_numpy(dtype=object)) if self.cl is not None else None)
        self.escape = escape
        self.issues = issue_frame(found, claim_rows=(self.ra, self.rb, self.cl.index.to_numpy(dtype=object))
                                  if self.cl is not None else None)
        self.reasons = issue_reasons(found, self.issues, self.cl, rows=(self.ra, self.rb))
        # per row: the position of its issue in self.issues
        self.issue_at = np.searchsorted(self.issues["issue_rank"].to_numpy(), found["issue_rank"].to_numpy())
        top = None if sentences == "all" else self.issues["top"].to_numpy(dtype=np.int64)
        rows = found if top is None else found.iloc[top]
        #: the sentences of ``rows`` in three parts: part i of row r is tables[i][codes[i][r]]
        self.tables: tuple[np.ndarray, ...]
        self.codes: tuple[np.ndarray, ...]
        if self.cl is None:
            text = rows["explanation"].to_numpy(dtype=object)
            if escape:
                text = np.array(['"' + _ENCODE(str(t))[1:-1] for t in text], dtype=object)
            zero = np.zeros(len(rows), dtype=np.int64)
            self.tables = (text, np.array([""], dtype=object), np.array(['"' if escape else ""], dtype=object))
            self.codes = (np.arange(len(rows)), zero, zero)
        else:
            at = (self.ra, self.rb) if top is None else (self.ra[top], self.rb[top])
            self.tables, self.codes = explain_tables(rows, self.cl, escape=escape, rows=at)

    @property
    def ids(self) -> np.ndarray:
        """``conflict_id`` of each row (text)."""
        out = self.found["conflict_id"].to_numpy(dtype=object).copy()
        out[self.pair_rows] = self.pair_ids.astype("U14")
        return out

    def id_bytes(self) -> np.ndarray:
        """``conflict_id`` of each row as UTF-8 bytes."""
        out = np.empty(len(self.found), dtype=object)
        rule = np.ones(len(out), dtype=bool)
        rule[self.pair_rows] = False
        out[rule] = _encoded(self.found["conflict_id"].to_numpy(dtype=object)[rule])
        out[self.pair_rows] = self.pair_ids.tolist()
        return out

    @property
    def parts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The three parts of each sentence, one array each."""
        t, c = self.tables, self.codes
        return t[0][c[0]], t[1][c[1]], t[2][c[2]]

    @property
    def explanation(self) -> np.ndarray:
        """The sentences joined (the text mode prints them; JSON joins its parts in each object)."""
        if "_explanation" not in self.__dict__:
            first, second, third = self.parts
            self.__dict__["_explanation"] = np.add(np.add(first, second), third) if len(first) else first
        return self.__dict__["_explanation"]

    def starts(self) -> np.ndarray:
        """Row positions where a new issue begins (``found`` is in issue order)."""
        rank = self.found["issue_rank"].to_numpy()
        return np.flatnonzero(np.r_[True, rank[1:] != rank[:-1]]) if len(rank) else np.zeros(0, dtype=np.int64)

    def sides(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each side in a few words: '“10 亿美元” 2019 (未央网)', as
        ``(table, codes of side a, codes of side b)`` (a row's side a is
        ``table[codes_a[row]]``), made once per claim."""
        f = self.found
        a, b = f["claim_a"].to_numpy(dtype=object), f["claim_b"].to_numpy(dtype=object)
        if self.cl is None:
            codes, names = pd.factorize(np.concatenate([a, b]), use_na_sentinel=False)
            return np.asarray(names, dtype=object), codes[: len(a)], codes[len(a):]
        cl = self.cl
        ra, rb = self.ra, self.rb
        used = unique_ints(np.concatenate([ra, rb]))
        used = used[used >= 0]
        short = np.empty(len(cl.frame) + 1, dtype=object)  # the last slot: a claim not in the ledger
        surface, period, source = (cl.column(c)[used] for c in ("surface", "period", "source"))
        outlets = {sid: _outlet(row) for sid, row in cl.sources.items()}
        short[used] = [f"“{sf}” {p or 'period unknown'} ({outlets.get(s, s)})"
                       for sf, p, s in zip(surface, period, source)]
        short[-1] = "?"
        return short, np.where(ra >= 0, ra, len(short) - 1), np.where(rb >= 0, rb, len(short) - 1)


def _outlet(row: dict[str, str]) -> str:
    """A source in a few words: its publisher, else the start of its title."""
    title = row.get("title", "")
    return row.get("publisher", "").strip() or ("«" + title[:12] + ("…" if len(title) > 12 else "") + "»")


def finding_lines(found: pd.DataFrame, claims: pd.DataFrame | None = None,
                  sources: pd.DataFrame | None = None) -> Iterator[str]:
    """The text report: per issue (in rank order) a header (rank, verdict,
    severity, figure, id, open pairs), the reason of its rank, the sentence
    of its most severe finding, then one line per finding (severity, kind,
    id, decision, both sides in a few words); then one line of counts.
    :func:`finding_chunks` gives the same lines as UTF-8 bytes."""
    if len(found):
        yield from _lines(_text_grid(Shown(found, claims, sources, sentences="top")))
    yield _summary(found)


def finding_chunks(found: pd.DataFrame, claims: pd.DataFrame | None = None, sources: pd.DataFrame | None = None,
                   size: int = CHUNK) -> Iterator[bytes]:
    """:func:`finding_lines` as UTF-8 bytes, each line ending in a newline,
    ``size`` lines to a chunk (what ``factcheck check`` writes)."""
    if len(found):
        yield from _chunks(_text_grid(Shown(found, claims, sources, sentences="top")), size)
    yield _summary(found).encode() + b"\n"


def _summary(found: pd.DataFrame) -> str:
    counts = {str(k): int(n) for k, n in found["kind"].value_counts().items() if n}
    summary = ", ".join(f"{counts[k]} {k}" for k in sorted(counts))
    n_issues = int(found["issue_rank"].nunique()) if "issue_rank" in found and len(found) else 0
    return (f"{len(found)} findings ({summary or 'none'}) in {n_issues} issue(s); "
            f"{int(is_open_contradiction(found).sum())} open contradiction(s) or failed rule(s)")


def _text_grid(shown: Shown) -> np.ndarray:
    """The text lines as a grid of UTF-8 fragments (see :func:`_json_grid`):
    per issue its header, reason and sentence (each one fragment, its newline
    included), then one line per finding (a few fragments, the last ending in
    the newline)."""
    f = shown.found
    columns = _finding_text(shown)
    starts = shown.starts()
    n = len(f)
    begins = np.zeros(n, dtype=bool)
    begins[starts] = True
    ordinal = np.cumsum(begins) - 1  # per row: its issue's place in the output
    first_line = starts + 3 * np.arange(len(starts))
    grid = np.full((n + 3 * len(starts), len(columns)), b"", dtype=object)
    rows = np.arange(n) + 3 * (ordinal + 1)
    for j, column in enumerate(columns):
        grid[rows, j] = column
    issue = shown.issue_at[starts]
    heads = np.asarray(_issue_headers(shown.issues), dtype=object)
    grid[first_line, 0] = _encoded(np.add(heads[issue], "\n"))
    grid[first_line + 1, 0] = _encoded(["   why: " + r + "\n" for r in np.asarray(shown.reasons, dtype=object)[issue]])
    grid[first_line + 2, 0] = _encoded(np.add(np.add("   ", shown.explanation[issue]), "\n"))
    return grid


def _finding_text(shown: Shown) -> list[Any]:
    """One line per finding, as columns of UTF-8 fragments: severity, kind (a
    rule: its name and result), id, decision, both sides in a few words, and
    the newline; the part before the id made once per distinct combination,
    each side (with the words around it) once per claim."""
    f = shown.found
    n = len(f)
    cols = ("severity_label", "severity", "kind", "rule", "result", "status", "decision", "reviewer")
    coded = _coded(f, cols)
    codes = _few_codes([coded[c] for c in cols])
    uniques, first = unique_first(codes)
    values = {c: f[c].iloc[first].to_numpy() for c in cols}  # at the first row of each code
    table = np.empty(int(uniques[-1]) + 1 if len(uniques) else 0, dtype=object)
    for k, code in enumerate(uniques.tolist()):
        kind = values["kind"][k]
        what = f"{kind}:{values['rule'][k]} {values['result'][k]}" if kind == "arithmetic" else kind
        table[code] = f"  {values['severity_label'][k]:<6} {float(values['severity'][k]):.2f} {what} "
    out: list[Any] = [_encoded(table)[codes], shown.id_bytes()]
    done = np.flatnonzero(text_equals(f["status"], "resolved"))
    if len(done):  # the decision, only where there is one
        state = np.full(n, b"", dtype=object)
        state[done] = _encoded([f" [resolved: {d} by {r}]" for d, r in zip(f["decision"].iloc[done].to_numpy(),
                                                                             f["reviewer"].iloc[done].to_numpy())])
        out.append(state)
    sides, code_a, code_b = shown.sides()
    rule = text_equals(f["kind"], "arithmetic")
    # per claim: side a with the words around it (": " before, " vs " after) and side b with the newline;
    # a rule's line names no sides (its own entry: nothing, then the newline)
    listed = _encoded(sides).tolist()  # each side encoded once (None: b""), then the bytes around it added
    first_part = np.array([b": " + e + b" vs " for e in listed] + [b""], dtype=object)
    second_part = np.array([e + b"\n" for e in listed] + [b"\n"], dtype=object)
    if rule.any():
        code_a, code_b = np.where(rule, len(listed), code_a), np.where(rule, len(listed), code_b)
    out.append(first_part[code_a])
    second = second_part[code_b]
    outlets = {sid: _outlet(row) for sid, row in shown.cl.sources.items()} if shown.cl is not None else None
    conv = _conversions(f, outlets)
    said = np.flatnonzero(conv != "")
    if len(said):  # side b, then how it was converted, then the newline
        second[said] = _encoded([s + c + "\n" for s, c in zip(sides[code_b[said]].tolist(), conv[said].tolist())])
    out.append(second)
    return out


def _conversions(f: pd.DataFrame, outlets: dict[str, str] | None = None) -> np.ndarray:
    """Per row, how a pair across currencies converted side b into side a's
    unit: ' = 135.2 bn USD at 7.0994 CNY/USD on 2025-10-29, ECB ...' ('' for
    none, and for rule rows: their sentence says it)."""
    out = np.full(len(f), "", dtype=object)
    if "rate" not in f:
        return out
    rate = pd.to_numeric(f["rate"], errors="coerce").to_numpy(dtype=float)
    at = np.flatnonzero(~np.isnan(rate) & ~text_equals(f["kind"], "arithmetic"))
    if not len(at):
        return out
    from ledger.crosscheck.rates import conversion_text

    num = {c: pd.to_numeric(f[c], errors="coerce").to_numpy(dtype=float)[at]
           for c in ("value_b_converted", "rate_low", "rate_high")}
    text = {c: f[c].iloc[at].to_numpy(dtype=object) for c in ("unit", "unit_b", "rate_date", "rate_source")}
    if outlets:  # an article's own conversion ("stated in <id>"): the article as its outlet
        named = {s: "; ".join("stated in " + outlets.get(p[10:], p[10:]) if p.startswith("stated in ") else p
                              for p in str(s).split("; ")) for s in set(text["rate_source"].tolist())}
        text["rate_source"] = np.array([named[s] for s in text["rate_source"].tolist()], dtype=object)
    out[at] = [" " + conversion_text(*args) for args in zip(
        num["value_b_converted"], text["unit"], text["unit_b"], rate[at], num["rate_low"], num["rate_high"],
        text["rate_date"], text["rate_source"])]
    return out


def _issue_headers(issues: pd.DataFrame) -> list[str]:
    """The header line of each issue (column lists, no dict per row)."""
    cols = [issues[c].tolist() for c in ("issue", "issue_rank", "verdict", "severity_label", "severity", "subject",
                                         "object", "metric", "open", "pairs", "status", "decision", "members")]
    return [f"== #{rank} {verdict} {label} {severity:.2f} {subject or '(no subject)'}"
            + (f" / {obj}" if obj else "") + f": {metric} {issue} ({len(members)} claims, "
            + (f"{opened} of {pairs} open" if status == "open" else f"resolved: {decision or 'decided'}") + ")"
            for issue, rank, verdict, label, severity, subject, obj, metric, opened, pairs, status, decision, members
            in zip(*cols)]


# --------------------------------------------------------------------------- JSON


def json_lines(found: pd.DataFrame, claims: pd.DataFrame | None = None,
               sources: pd.DataFrame | None = None) -> Iterator[str]:
    """One JSON object per issue (``"kind": "issue"``: ``issue``, ``rank``,
    ``verdict``, ``members``, ``severity``, ``reason``, ...), each followed by
    one object per finding of it, as ``json.dumps(row, ensure_ascii=False)``
    writes it: every column of :data:`CONFLICT_COLUMNS` (NaN and +-inf as
    null, ``claims`` as a list of claim ids), then ``issue`` (the issue's id),
    ``issue_rank``, ``evidence``, ``loose``, ``weak_a`` and ``weak_b`` (what
    weakened each side).  See docs/findings.md.  :func:`json_chunks` gives
    the same lines as UTF-8 bytes, many at a time."""
    return _split_lines(_json_grid(found, claims, sources))


def json_chunks(found: pd.DataFrame, claims: pd.DataFrame | None = None, sources: pd.DataFrame | None = None,
                size: int = CHUNK) -> Iterator[bytes]:
    """:func:`json_lines` as UTF-8 bytes, each line ending in a newline,
    ``size`` findings to a chunk, each issue's line before its first finding
    (what ``factcheck check --json`` writes)."""
    return _chunks(_json_grid(found, claims, sources), size)


def _chunks(grid: np.ndarray, size: int = CHUNK) -> Iterator[bytes]:
    """Each ``size`` rows of ``grid`` (bytes, a row's last cell its newline) joined."""
    for lo in range(0, len(grid), size):
        yield b"".join(grid[lo:lo + size].ravel().tolist())


def _split_lines(grid: np.ndarray) -> Iterator[str]:
    """Each line of text in ``grid``'s rows (a row: one or more lines, each
    ending in a newline; no line holds another newline)."""
    for row in grid.tolist():
        yield from b"".join(row)[:-1].decode().split("\n")


def _lines(grid: np.ndarray) -> Iterator[str]:
    """Each row of ``grid`` as a line of text (without its newline, the row's last byte)."""
    for row in grid.tolist():
        yield b"".join(row)[:-1].decode()


def _json_grid(found: pd.DataFrame, claims: pd.DataFrame | None, sources: pd.DataFrame | None) -> np.ndarray:
    """The JSON lines as a grid of UTF-8 fragments, one row per finding: the
    fragments of a row joined are its object and newline (folded into the
    row's last fragment), preceded at the first finding of each issue by the
    issue's object and its newline.  The columns are stacked as they are
    (no line of issues to make room for); JSON lines hold no raw newline,
    so :func:`json_lines` splits a row's text there."""
    if not len(found):
        return np.zeros((0, 1), dtype=object)
    shown = Shown(found, claims, sources, escape=claims is not None)
    columns = _finding_objects(shown)
    issue_objects = _issue_objects(shown)
    starts = shown.starts()
    heads = _encoded(np.add(np.asarray(issue_objects, dtype=object), "\n"))[shown.issue_at[starts]]
    columns[0][starts] = np.add(heads, columns[0][starts])  # the issue's line, then its first finding's
    return np.stack(columns, axis=1)


def _encoded(texts: Any) -> np.ndarray:
    """Each text as UTF-8 bytes (None as empty), in an object array."""
    out = np.empty(len(texts), dtype=object)
    out[:] = [t.encode() if t is not None else b"" for t in (texts.tolist() if isinstance(texts, np.ndarray)
                                                              else texts)]
    return out


#: Keys of an issue object, in order ("kind" is always "issue").
ISSUE_KEYS = ("kind", "issue", "rank", "verdict", "severity", "severity_label", "subject", "object", "metric", "unit",
              "rule", "members", "pairs", "open", "status", "decision", "decision_note", "reviewer", "reason")


def _issue_objects(shown: Shown) -> list[str]:
    """One JSON object per issue (:data:`ISSUE_KEYS`)."""
    iss = shown.issues
    cols = {c: iss[c].tolist() for c in ("issue", "verdict", "severity_label", "subject", "object", "metric",
                                         "unit", "rule", "status", "decision", "decision_note", "reviewer")}
    text = {c: list(map(_ENCODE, v)) for c, v in cols.items()}
    ranks, pairs, opened = (iss[c].tolist() for c in ("issue_rank", "pairs", "open"))
    severity = _json_many(iss["severity"].to_numpy(dtype=float), "severity")
    members = ["[" + ", ".join(map(_ENCODE, m)) + "]" for m in iss["members"].tolist()]
    reasons = list(map(_ENCODE, shown.reasons))
    return [
        f'{{"kind": "issue", "issue": {text["issue"][k]}, "rank": {ranks[k]}, "verdict": {text["verdict"][k]}, '
        f'"severity": {severity[k]}, "severity_label": {text["severity_label"][k]}, '
        f'"subject": {text["subject"][k]}, "object": {text["object"][k]}, "metric": {text["metric"][k]}, '
        f'"unit": {text["unit"][k]}, "rule": {text["rule"][k]}, "members": {members[k]}, "pairs": {pairs[k]}, '
        f'"open": {opened[k]}, "status": {text["status"][k]}, "decision": {text["decision"][k]}, '
        f'"decision_note": {text["decision_note"][k]}, "reviewer": {text["reviewer"][k]}, "reason": {reasons[k]}}}'
        for k in range(len(iss))]


#: Keys of a finding object after the columns of :data:`CONFLICT_COLUMNS`.
EXTRA_KEYS = ("issue", "issue_rank", "evidence", "loose", "weak_a", "weak_b")


#: How a finding object's keys are made, in order (the columns of
#: :data:`CONFLICT_COLUMNS` and :data:`EXTRA_KEYS`, those of one claim side
#: together): each group's fragment is made once per distinct value of what
#: it depends on (the row, claim A, claim B, the issue, the gap, or the
#: few-valued columns together), then taken for each row.
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("row", ("conflict_id",)), ("few", ("kind", "rule")),
    ("a", ("claim_a", "subject", "object", "metric", "source_a", "value_a", "unit")),
    ("b", ("claim_b", "source_b", "value_b")), ("row", ("claims",)), ("gap", ("gap",)),
    ("few", ("severity", "severity_label")), ("row", ("explanation",)),
    ("few", ("implied_value", "implied_low", "implied_high", "implied_unit", "result", "status", "decision",
             "decision_note", "reviewer")),
    ("few", ("unit_b", "value_b_converted", "rate", "rate_low", "rate_high", "rate_date", "rate_source")),
    ("issue", ("issue", "issue_rank")), ("few", ("evidence", "loose", "weak_a", "weak_b")),
)
#: The keys of a finding object, in order.
FINDING_KEYS = tuple(c for _, cols in _GROUPS for c in cols)


def _finding_objects(shown: Shown) -> list[Any]:
    """Each finding row as one JSON object, keys in :data:`FINDING_KEYS`
    order, as columns of UTF-8 fragments (an array of one per row, or bytes
    for every row) whose join along a row is its object.  Pair rows are
    assembled from fragments made once per claim, per issue or per
    combination of few-valued columns; arithmetic rows (few) are encoded
    column by column, each whole in the first column."""
    f = shown.found
    n = len(f)
    issue_ids = shown.issues["issue"].to_numpy(dtype=object)
    columns_of: dict[str, Any] = {c: (f[c], None) for c in CONFLICT_COLUMNS if c not in RENDERED}
    columns_of.update(conflict_id=(f["conflict_id"], object), claims=(f["claims"], object),
                      issue=lambda rows: issue_ids[shown.issue_at[rows]],
                      issue_rank=(f["issue_rank"], None), evidence=(f["evidence"], float), loose=(f["loose"], bool),
                      weak_a=(f["flags_a"], np.int64), weak_b=(f["flags_b"], np.int64))
    at = shown.pair_rows
    pair = np.zeros(n, dtype=bool)
    pair[at] = True
    pieces = _pair_objects(_Values(columns_of, at), shown, at) if len(at) else [b""]  # each line's newline in it
    columns: list[Any] = []
    for piece in pieces:
        if not isinstance(piece, bytes) or len(at) < n:  # rule rows: whole in the first column
            column = np.full(n, b"", dtype=object)
            column[at] = piece
            piece = column
        columns.append(piece)
    rule = np.flatnonzero(~pair)
    if len(rule):
        parts = tuple(t[c[rule]] for t, c in zip(shown.tables, shown.codes))
        sentence = np.add(np.add(parts[0], parts[1]), parts[2])
        values_r = _Values(columns_of, rule)
        cells = [(_escaped_piece(c, sentence) if shown.escape else _column(c, np.asarray(sentence, dtype=object)))
                 if c == "explanation" else _column(c, np.asarray(values_r[c], dtype=object))
                 for _, cols in _GROUPS for c in cols]
        columns[0][rule] = _encoded(["{" + ", ".join(p) + "}\n" for p in zip(*cells)])
    return columns


class _Values:
    """The findings' columns at rows ``at``, each converted when first asked
    for (``values[c]``), or only at some of those rows (``values.take(c, i)``:
    column ``c`` at rows ``at[i]``).  ``columns``: per name, ``(series, dtype)``
    or a function of the rows."""

    def __init__(self, columns: dict[str, Any], at: np.ndarray) -> None:
        self.columns, self.at = columns, at
        self.made: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self.made:
            self.made[name] = self._at(name, self.at)
        return self.made[name]

    def take(self, name: str, where: np.ndarray) -> np.ndarray:
        return self.made[name][where] if name in self.made else self._at(name, self.at[where])

    def _at(self, name: str, rows: np.ndarray) -> np.ndarray:
        how = self.columns[name]
        if callable(how):
            return how(rows)
        series, dtype = how
        return series.iloc[rows].to_numpy() if dtype is None else series.iloc[rows].to_numpy(dtype=dtype)


def _pair_objects(values: _Values, shown: Shown, at: np.ndarray) -> list[Any]:
    """JSON objects of the pair rows ``at`` as columns of UTF-8 fragments
    (bytes: the same for every row): each fragment taken by claim, issue or
    few-valued combination from a table made once, constant text folded
    into the fragment after it."""
    a, b = values["claim_a"], values["claim_b"]
    if shown.cl is not None and (shown.ra[at] >= 0).all() and (shown.rb[at] >= 0).all():
        ca, cb, names = shown.ra[at], shown.rb[at], shown.cl.index.to_numpy(dtype=object)  # the claims' own
    else:
        codes, names = pd.factorize(np.concatenate([a, b]))
        ca, cb = codes[: len(a)], codes[len(a):]
    encoded = np.empty(len(names), dtype=object)  # each claim id's JSON, for the claims named here only
    used = unique_ints(np.concatenate([ca, cb]))
    encoded[used] = [_ENCODE(str(x)) for x in np.asarray(names, dtype=object)[used].tolist()]
    first = a < b
    low, high = (encoded, np.where(first, ca, cb)), (encoded, np.where(first, cb, ca))
    a_part = _claim_fragments(("claim_a", "subject", "object", "metric", "source_a", "value_a", "unit"), values, ca)
    b_part = _claim_fragments(("claim_b", "source_b", "value_b"), values, cb)
    gap = _fragments(("gap",), values, pd.factorize(values["gap"], use_na_sentinel=False)[0])
    coded = _coded(shown.found, _FEW, at)
    few = [_fragments(cols, values, _few_codes([coded[c] if c in coded else values[c] for c in cols])) for cols in (
        ("kind", "rule"), ("severity", "severity_label"),
        ("implied_value", "implied_low", "implied_high", "implied_unit", "result", "status", "decision",
         "decision_note", "reviewer"), ("evidence", "loose", "weak_a", "weak_b"),
        ("unit_b", "value_b_converted", "rate", "rate_low", "rate_high", "rate_date", "rate_source"))]
    issue = _fragments(("issue", "issue_rank"), values, shown.issue_at[at])
    ids = shown.pair_ids  # the pair rows are these: ``at`` is ``shown.pair_rows``
    if shown.escape:
        t, c = shown.tables, shown.codes
        sentence: list[Any] = ['"explanation": ', (t[0], c[0][at]), (t[1], c[1][at]), (t[2], c[2][at])]
    else:
        t0, t1, t2 = (t[c[at]] for t, c in zip(shown.tables, shown.codes))
        sentence = [(_row_piece("explanation", np.add(np.add(t0, t1), t2)), np.arange(len(at)))]
    pieces: list[Any] = ['{"conflict_id": "', ids, '", ', few[0], ", ", a_part, ", ", b_part,
                         ', "claims": [', low, ", ", high, "], ", gap, ", ", few[1], ", ", *sentence, ", ", few[2],
                         ", ", few[4], ", ", issue, ", ", few[3], "}\n"]
    return _fold(pieces)


#: The few-valued columns of the findings frame a finding object has.
_FEW = ("kind", "rule", "severity", "severity_label", "implied_value", "implied_low", "implied_high", "implied_unit",
        "result", "status", "decision", "decision_note", "reviewer", "unit_b", "value_b_converted", "rate",
        "rate_low", "rate_high", "rate_date", "rate_source")


def _fold(pieces: list[Any]) -> list[Any]:
    """Fragment columns from ``pieces`` (constant text, or ``(table, codes)``,
    or an ASCII array of one per row): each constant joined to the front of
    the table after it (a constant at the end: to the end of the table before
    it), each table encoded once, then taken."""
    items: list[tuple[str, Any]] = []  # (the constant before it, piece)
    prefix = ""
    for piece in pieces:
        if isinstance(piece, str):
            prefix += piece
        else:
            items.append((prefix, piece))
            prefix = ""
    out: list[Any] = []
    for k, (before, piece) in enumerate(items):
        after = prefix if k == len(items) - 1 else ""
        if isinstance(piece, np.ndarray):  # ASCII, one per row
            made = np.strings.add(before.encode(), piece) if before else piece
            made = np.strings.add(made, after.encode()) if after else made
            column = np.empty(len(piece), dtype=object)
            column[:] = made.tolist()
            out.append(column)
            continue
        table, codes = piece
        if before or after:
            table = np.array([before + t + after if t is not None else None for t in table.tolist()], dtype=object)
        out.append(_encoded(table)[codes])
    if not items and prefix:
        out.append(prefix.encode())
    return out


def _claim_fragments(cols: tuple[str, ...], values: _Values,
                     codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``"col": value, ...`` of one claim side, made once per claim (``codes``)
    from each column's distinct values: ``(table, codes)``."""
    uniques, first = unique_first(codes)
    keys = [json.dumps(c) + ": " for c in cols]
    columns = []
    for key, c in zip(keys, cols):
        vals = values.take(c, first)
        vcodes, vuniq = pd.factorize(vals, use_na_sentinel=True)
        enc = np.array([key + v for v in _json_values(vuniq, c)] + [key + "null"], dtype=object)
        columns.append(enc[vcodes])
    made = list(map(", ".join, zip(*columns)))
    table = np.empty(int(uniques[-1]) + 1, dtype=object)
    table[uniques] = made
    return table, codes


def _few_codes(columns: list[Any]) -> np.ndarray:
    """One code per distinct combination of the values of ``columns`` (arrays,
    or ``(codes, how many)`` of a column already coded, e.g. a categorical's
    codes + 1), numbered in order of first appearance.  The columns' codes are
    combined arithmetically (renumbered only when the product would not fit),
    then numbered once; a float column that is all NaN is one value."""
    first = columns[0]
    code = np.zeros(len(first[0]) if isinstance(first, tuple) else len(first), dtype=np.int64)
    span = 1
    for col in columns:
        if isinstance(col, tuple):
            c, count = col
        elif col.dtype.kind == "f" and np.isnan(col).all():
            continue
        else:
            c, uniques = pd.factorize(col, use_na_sentinel=False)
            count = len(uniques)
        if span > _SPAN // (count + 1):
            code = pd.factorize(code)[0]
            span = int(code.max()) + 1 if len(code) else 1
        code = code * (count + 1) + c
        span *= count + 1
    return pd.factorize(code)[0]


_SPAN = 1 << 62


def _coded(f: pd.DataFrame, cols: tuple[str, ...], at: np.ndarray | None = None) -> dict[str, Any]:
    """Per column of ``f`` (at rows ``at``): a categorical's ``(codes + 1,
    categories + 1)`` (its values' grouping without hashing them), else its
    values; for :func:`_few_codes`."""
    out: dict[str, Any] = {}
    for c in cols:
        col = f[c]
        if isinstance(col.dtype, pd.CategoricalDtype):
            codes = col.cat.codes.to_numpy().astype(np.int64) + 1
            out[c] = (codes if at is None else codes[at], len(col.cat.categories) + 1)
        else:
            values = col.to_numpy()
            out[c] = values if at is None else values[at]
    return out


def _fragments(cols: tuple[str, ...], values: _Values,
               codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The JSON of ``cols`` for each row, made once per distinct code (from
    the first row with that code): ``(table, codes)``."""
    uniques, first = unique_first(codes)
    keys = [json.dumps(c) + ": " for c in cols]
    parts = [[k + v for v in _json_many(values.take(c, first), c)] for k, c in zip(keys, cols)]
    made = parts[0] if len(parts) == 1 else list(map(", ".join, zip(*parts)))
    table = np.empty(int(uniques[-1]) + 1, dtype=object)
    table[uniques] = made
    return table, codes


def _row_piece(name: str, values: np.ndarray) -> np.ndarray:
    """``"name": <JSON>`` of a column whose values are (nearly) all distinct."""
    key = json.dumps(name) + ": "
    if name == "claims":
        return np.array([key + "[" + ", ".join(map(_ENCODE, str(v).split(";"))) + "]" for v in values], dtype=object)
    return np.array([key + _ENCODE(v if isinstance(v, str) else "") for v in values], dtype=object)


def _escaped_piece(name: str, literals: np.ndarray) -> np.ndarray:
    """``"name": <literal>`` for values already JSON string literals."""
    return np.add(json.dumps(name) + ": ", literals)


def _column(name: str, values: np.ndarray) -> np.ndarray:
    """``"name": <JSON of the value>`` for every value of one column (an
    object array)."""
    key = json.dumps(name, ensure_ascii=False) + ": "
    if name == "claims":
        return np.array([key + "[" + ", ".join(map(_ENCODE, str(v).split(";"))) + "]" if v else key + "[]"
                         for v in values], dtype=object)
    if name in ("conflict_id", "explanation"):
        return np.array([key + _ENCODE(v if isinstance(v, str) else "") for v in values], dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    encoded = [key + _json(v, name) for v in np.asarray(uniques, dtype=object).tolist()] + [key + "null"]
    return np.asarray(encoded, dtype=object)[codes]


def _json_values(values: Any, name: str) -> list[str]:
    """:func:`_json` of each value (distinct values of one column, no NaN):
    float arrays and all-text arrays at once."""
    arr = np.asarray(values)
    if not name.startswith("weak_"):
        if arr.dtype.kind == "f":
            return ["null" if v != v or v in (_INF, -_INF) else repr(v) for v in arr.tolist()]
        listed = arr.tolist()
        if all(type(v) is str for v in listed):
            return list(map(_ENCODE, listed))
    return [_json(v, name) for v in np.asarray(values, dtype=object).tolist()]


_INF = float("inf")


def _json_many(values: Any, name: str) -> list[str]:
    """:func:`_json` of each value of one column (NaN and None included):
    number and boolean arrays, and all-text ones, without a call per value."""
    arr = np.asarray(values)
    listed = arr.tolist()
    if name.startswith("weak_"):
        made: dict[Any, str] = {}
        return [made[v] if v in made else made.setdefault(v, _json(v, name)) for v in listed]
    kind = arr.dtype.kind
    if kind == "f":
        return ["null" if v != v or v in (_INF, -_INF) else repr(v) for v in listed]
    if kind == "b":
        return ["true" if v else "false" for v in listed]
    if kind in "iu":
        return list(map(str, listed))
    if all(type(v) is str for v in listed):
        return list(map(_ENCODE, listed))
    return [_json(v, name) for v in listed]


def _json(value: Any, name: str) -> str:
    if name.startswith("weak_"):
        return json.dumps([word for bit, word in FLAG_NAMES.items() if int(value) & bit])
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, str):
        return _ENCODE(value)
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return repr(float(value)) if np.isfinite(value) else "null"
    if value is None or value is pd.NA:
        return "null"
    return json.dumps(value, ensure_ascii=False, default=str)

"""(The reference: ``ledger/crosscheck/text.py`` as it was at 5e850bb, before branch perf2 made the
output faster.)

What a person reads of the findings, made only for the rows shown: pair
ids and claim lists, explanation sentences, sources as people know them
(outlet, title, date and how it was known, URL), vague figures as their
interval with the words that made it, and the short reason of an issue's
rank.  The findings themselves are data (:mod:`ledger.crosscheck.rows`).

    found = check(claims)                         # data: no sentence, no pair id
    shown = found[found["issue_rank"] <= 10]
    shown = render(shown, claims, sources)        # ids, claims, sentences for those rows
"""
from __future__ import annotations

import hashlib
import json
import operator
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ledger.crosscheck.evidence import (
    HEDGED,
    INFERRED_DATE,
    RELATIVE_DATE,
    REPORTED,
    REPOST,
    UNNAMED,
    VAGUE,
)
from ledger.crosscheck.scoring import PAIR_KINDS

_KIND_PREFIX = {str(k): str(k) + "\x1f\x1f" for k in PAIR_KINDS}
_JSON_STRING = json.encoder.encode_basestring  # the C encoder of json.dumps(ensure_ascii=False)


# --------------------------------------------------------------------------- ids and claim lists


def claim_lists(found: pd.DataFrame) -> np.ndarray:
    """``claims`` of each row: "a;b" (the smaller id first) for a pair, the
    rule's own list for an arithmetic row."""
    a, b = (found[c].to_numpy(dtype=object) for c in ("claim_a", "claim_b"))
    pair = found["kind"].to_numpy(dtype=object) != "arithmetic"
    out = found["claims"].to_numpy(dtype=object).copy()
    if pair.any():
        pa, pb = a[pair], b[pair]
        first = pa < pb
        low, high = np.where(first, pa, pb), np.where(first, pb, pa)
        out[pair] = list(map(operator.add, map(operator.add, low, [";"] * len(low)), high))
    return out


def pair_ids(found: pd.DataFrame, claims: np.ndarray | None = None) -> np.ndarray:
    """``conflict_id`` of each row: 'k-' + 12 hex of sha1 over "kind\\x1f\\x1f"
    + the claims list for a pair (the ids decisions.csv holds, unchanged
    since issue 5); an arithmetic row keeps its own."""
    claims = claim_lists(found) if claims is None else claims
    kind = found["kind"].to_numpy(dtype=object)
    pair = kind != "arithmetic"
    out = found["conflict_id"].to_numpy(dtype=object).copy()
    if pair.any():
        sha1 = hashlib.sha1
        text = map(operator.add, (_KIND_PREFIX[k] for k in kind[pair]), claims[pair])
        out[pair] = ["k-" + sha1(t.encode()).hexdigest()[:12] for t in text]
    return out


def with_ids(found: pd.DataFrame) -> pd.DataFrame:
    """``found`` with ``claims`` and ``conflict_id`` filled on every row."""
    claims = claim_lists(found)
    return found.assign(claims=_text_series(claims, found), conflict_id=_text_series(pair_ids(found, claims), found))


def _text_series(values: np.ndarray, found: pd.DataFrame) -> pd.Series:
    """Python strings on ``found``'s index (pandas 3 would otherwise make Arrow text)."""
    return pd.Series(values, index=found.index, dtype=object)


# --------------------------------------------------------------------------- sources as people know them


def source_labels(sources: pd.DataFrame | None, ids: Any = ()) -> dict[str, str]:
    """Per source id, how a reader knows it: outlet «title» (date, how the
    date is known); an unnamed outlet says so.  Ids absent from the table
    are shown as they are."""
    out = {str(s): str(s) for s in ids}
    for row in source_rows(sources).values():
        out[row["id"]] = source_label(row)
    return out


def source_rows(sources: pd.DataFrame | None) -> dict[str, dict[str, str]]:
    """The sources table as ``{id: {column: text}}`` (missing cells empty)."""
    if sources is None or not len(sources) or "id" not in sources:
        return {}
    table = sources.astype(object).where(sources.notna(), "")
    return {str(r["id"]): {str(k): str(v) for k, v in r.items()} for r in table.to_dict("records")}


def source_label(row: dict[str, str], width: int = 24) -> str:
    """'虎嗅网 «微软和OpenAI加速离婚» (2025-03, inferred)'."""
    title = " ".join(row.get("title", "").split())
    title = title[:width] + "…" if len(title) > width else title
    outlet = row.get("publisher", "").strip() or "unnamed outlet"
    when = dated(row)
    return f"{outlet} «{title or row.get('id', '')}» ({when})"


def dated(row: dict[str, str]) -> str:
    """'2025-05-05, stated' / '2025-03, inferred' / 'date unknown'."""
    published, basis = row.get("published", "").strip(), row.get("published_basis", "").strip()
    if not published:
        return "date unknown"
    return f"{published}, {basis}" if basis else published


# --------------------------------------------------------------------------- figures


def fmt(value: float, unit: str) -> str:
    """A number for a sentence: 5e11 USD -> '500 bn USD', 0.27 ratio -> '27%'."""
    if value is None or np.isnan(value):
        return "?"
    if np.isinf(value):
        return "no limit" if value > 0 else "no lower limit"
    if unit == "ratio":
        return f"{value * 100:.4g}%"
    if unit == "times":
        return f"{value:.4g}x"
    if unit == "date":
        return ""
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:.4g} {word} {unit}".strip()
    return f"{value:.4g} {unit}".strip()


def interval_text(low: float, high: float, unit: str) -> str:
    """'2 bn–9 bn USD', 'at least 10x', 'at most 5%'."""
    lo_open, hi_open = low is None or np.isnan(low), high is None or np.isnan(high)
    if lo_open and hi_open:
        return ""
    if lo_open:
        return f"at most {fmt(high, unit)}"
    if hi_open:
        return f"at least {fmt(low, unit)}"
    if low == high:
        return fmt(low, unit)
    left, right = fmt(low, unit), fmt(high, unit)
    suffix = f" {unit}" if unit not in ("ratio", "times", "") and left.endswith(f" {unit}") else ""
    if suffix and right.endswith(suffix):
        left = left[: -len(suffix)]
    return f"{left}–{right}"


# --------------------------------------------------------------------------- sentences


def snippet(quote: str, surface: str, width: int = 18) -> str:
    """The part of ``quote`` around ``surface`` (at most ~2*width+len chars)."""
    quote = " ".join(str(quote).split())
    at = quote.find(surface) if surface else -1
    if at < 0:
        return quote[: 2 * width] + ("…" if len(quote) > 2 * width else "")
    start, end = max(0, at - width), min(len(quote), at + len(surface) + width)
    return ("…" if start else "") + quote[start:end] + ("…" if end < len(quote) else "")


_ENDINGS = {
    "consistent": "the figures agree, a cross-source confirmation",
    "contradiction": "same thing, same or unknown period, both stated as fact, yet the figures cannot both be true",
    "temporal": "the figures differ but hold for different periods, so both can be true",
    "temporal_unknown": "the figures differ, but one does not say its period and the figure accumulates over "
                        "its period (a quarter's and a year's differ), so both can be true",
    "modality": "one is {ma} and the other {mb}, not both statements of fact, so the figures neither "
                "confirm nor contradict each other",
    "modality_same": "the figures differ but both are {ma} figures, not statements of fact, so they may be "
                     "different plans",
    "loose": "the figures cannot both be true as written, but the vague side only misses by a little: "
             "loose wording rather than a contradiction",
    "same_article": "same thing as framed, both from one article: more often two different figures framed "
                    "alike (a part and the whole, two periods) than an article contradicting itself; check the "
                    "framing first",
}


@lru_cache(maxsize=256)
def _ending(kind: str, ma: str, mb: str) -> str:
    if kind != "modality" or not ma:
        return _ENDINGS[kind]
    return _ENDINGS["modality" if ma != mb else "modality_same"].format(ma=ma, mb=mb)


_SIDE_COLUMNS = ("source", "surface", "quote", "period", "modality", "metric", "subject", "object",
                 "qualifier", "value_low", "value_high", "unit")


class Claims:
    """The claims a renderer needs, found by id (each id looked up once)."""

    def __init__(self, claims: pd.DataFrame, sources: pd.DataFrame | None = None) -> None:
        ids = claims["claim_id"].astype(object).to_numpy()
        first = np.flatnonzero(~pd.Series(ids).duplicated().to_numpy())
        self.index = pd.Index(ids[first])
        self.frame = claims.iloc[first].reset_index(drop=True)
        self.sources = source_rows(sources)
        self.labels = {sid: source_label(row) for sid, row in self.sources.items()}
        self._columns: dict[str, np.ndarray] = {}

    @property
    def positions(self) -> dict[str, int]:
        """Claim id -> row of :attr:`frame` (made on first use)."""
        if "_positions" not in self.__dict__:
            ids = self.index.to_numpy(dtype=object).tolist()
            self.__dict__["_positions"] = {str(c): n for n, c in enumerate(ids)}
        return self.__dict__["_positions"]

    def rows(self, ids: Any) -> np.ndarray:
        """Row of each claim id in :attr:`frame` (-1 if unknown)."""
        return self.index.get_indexer(pd.Index(np.asarray(ids, dtype=object)))

    def column(self, col: str) -> np.ndarray:
        """One column of :attr:`frame` as an array (text: missing as ''; the
        value columns as floats), made once."""
        if col not in self._columns:
            values = self.frame[col] if col in self.frame else pd.Series("", index=self.frame.index)
            if col in ("value", "value_low", "value_high"):
                out = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
            else:
                out = values.astype(object).where(values.notna(), "").to_numpy(dtype=object)
            self._columns[col] = out
        return self._columns[col]

    def label(self, source: str) -> str:
        return self.labels.get(source, source)


def side_words(cl: Claims, rows: np.ndarray) -> list[str]:
    """How each claim at ``rows`` is said: '虎嗅网 «…» (2025-03, inferred) says “2023年10月” (“…quote…”;
    2023-10, actual)', with a vague figure's interval after its words."""
    get = {c: cl.column(c)[rows] for c in ("source", "surface", "quote", "period", "modality", "qualifier",
                                          "unit")}
    lo, hi = cl.column("value_low")[rows], cl.column("value_high")[rows]
    out = []
    for k in range(len(rows)):
        surface = get["surface"][k]
        span = ""
        if get["qualifier"][k] in ("several", "approx_range", "range", "about") and get["unit"][k] != "date":
            span = f" [{interval_text(lo[k], hi[k], get['unit'][k])}]"
        out.append(f"{cl.label(get['source'][k])} says “{surface}”{span} (“{snippet(get['quote'][k], surface)}”; "
                   f"{get['period'][k] or 'period unknown'}, {get['modality'][k]})")
    return out


def explain(found: pd.DataFrame, claims: pd.DataFrame | Claims, sources: pd.DataFrame | None = None, *,
            escape: bool = False) -> np.ndarray:
    """The explanation sentence of each row of ``found`` (see :func:`explain_parts`)."""
    first, second, third = explain_parts(found, claims, sources, escape=escape)
    return np.add(np.add(first, second), third) if len(first) else first


def explain_parts(found: pd.DataFrame, claims: pd.DataFrame | Claims, sources: pd.DataFrame | None = None, *,
                  escape: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The explanation sentence of each row of ``found``, in three parts to
    be joined: both sides as written and where from, then why the verdict.
    An arithmetic row (or a pair whose claims are not in ``claims``) keeps its
    own text, its source ids turned into sources as people know them.
    ``escape``: the sentence as a JSON string literal (quotes included), made
    from escaped parts (escaping is per character)."""
    tables, codes = explain_tables(found, claims, sources, escape=escape)
    return tables[0][codes[0]], tables[1][codes[1]], tables[2][codes[2]]


def explain_tables(found: pd.DataFrame, claims: pd.DataFrame | Claims, sources: pd.DataFrame | None = None, *,
                   escape: bool = False) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """:func:`explain_parts` as ``(tables, codes)``: part ``i`` of row ``r``
    is ``tables[i][codes[i][r]]``.  Each part is made once per distinct
    value: the first per claim A (or per rule row), the second per claim B,
    the third per distinct ending.  Unused table entries may be None."""
    cl = claims if isinstance(claims, Claims) else Claims(claims, sources)
    n = len(found)
    own = found["explanation"].to_numpy(dtype=object)
    kind = found["kind"].to_numpy(dtype=object)
    ra, rb = cl.rows(found["claim_a"].to_numpy(dtype=object)), cl.rows(found["claim_b"].to_numpy(dtype=object))
    pair = (kind != "arithmetic") & (ra >= 0) & (rb >= 0)
    esc = _escaped if escape else _same
    rule = np.flatnonzero(~pair)
    m = len(cl.frame)
    first = np.empty(m + len(rule), dtype=object)  # per claim, then one per rule row
    second = np.empty(m + 1, dtype=object)  # per claim, then the empty middle of rule rows
    second[m] = ""
    c0, c1 = np.full(n, m, dtype=np.int64), np.full(n, m, dtype=np.int64)
    c0[rule] = m + np.arange(len(rule))
    if len(rule):
        text = [_relabel(str(t), cl.labels) if cl.labels else str(t) for t in own[rule]]
        first[m:] = ['"' + t for t in esc(text)] if escape else text
    endings_of: list[str] = []
    at = np.flatnonzero(pair)
    if len(at):
        used = np.unique(np.concatenate([ra[at], rb[at]]))
        said = np.array(esc(side_words(cl, used)), dtype=object)
        metric, subject, obj = (cl.column(c)[used] for c in ("metric", "subject", "object"))
        heads = esc([f"On {m_} of {s}" + (f" / {o}" if o else "") + ": " for m_, s, o in zip(metric, subject, obj)])
        made = np.add(np.array(heads, dtype=object), said)
        first[used] = np.add('"', made) if escape else made
        second[used] = np.add(np.add(" while ", said), "; ")
        c0[at], c1[at] = ra[at], rb[at]
        said_rate = _rate_phrases(found, at, cl, ra, rb)
        endings = _endings(found, kind, at, cl.column("modality"), ra, rb, cl.column("period"))
        endings_of = [(r + "; " if r else "") + e + "." for r, e in zip(said_rate, endings)]
    c2 = np.zeros(n, dtype=np.int64)  # 0: a rule row's (nothing, or the closing quote)
    third = np.array(['"' if escape else ""], dtype=object)
    if len(at):
        codes, uniques = pd.factorize(np.array(endings_of, dtype=object))
        ends = np.array(esc(list(uniques)), dtype=object)
        third = np.concatenate([third, np.add(ends, '"') if escape else ends])
        c2[at] = codes + 1
    return (first, second, third), (c0, c1, c2)


def _rate_phrases(found: pd.DataFrame, at: np.ndarray, cl: Claims, ra: np.ndarray, rb: np.ndarray) -> list[str]:
    """How each pair at ``at`` converted its second figure across currencies
    ("at 7.0994 CNY per USD (...), 虎嗅网 «…» (…)'s 960 bn CNY is 135.2 bn USD"; "" for none)."""
    if "rate" not in found:
        return [""] * len(at)
    rate = pd.to_numeric(found["rate"], errors="coerce").to_numpy(dtype=float)[at]
    has = np.flatnonzero(~np.isnan(rate))
    if not len(has):
        return [""] * len(at)
    from ledger.crosscheck.rates import PHRASE_COLUMNS, rate_phrases

    at = at[has]
    cols = {c: found[c].to_numpy()[at] for c in PHRASE_COLUMNS if c in found}
    cols["source_b"] = np.array([cl.label(str(s)) for s in cl.column("source")[rb[at]]], dtype=object)
    cols["value_b"] = cl.column("value")[rb[at]]
    cols["unit_b"] = cl.column("unit")[rb[at]]
    cols["unit"] = cl.column("unit")[ra[at]]
    out = np.full(len(rate), "", dtype=object)
    out[has] = rate_phrases(cols)
    return out.tolist()


def _same(texts: list[str]) -> list[str]:
    return texts


def _escaped(texts: list[str]) -> list[str]:
    """Each text JSON-escaped, without its quotes (escaping is per character,
    so the escape of a concatenation is the concatenation of the escapes)."""
    return [e[1:-1] for e in map(_JSON_STRING, texts)]


def _endings(found: pd.DataFrame, kind: np.ndarray, at: np.ndarray, mod: np.ndarray, ra: np.ndarray,
             rb: np.ndarray, period: np.ndarray | None = None) -> list[str]:
    """Why the verdict, per pair row at ``at``; ``period``: the claims' periods
    (a temporal pair with a side of unknown period says so)."""
    loose = found["loose"].to_numpy(dtype=bool)[at] if "loose" in found else np.zeros(len(at), dtype=bool)
    k = kind[at]
    out = np.array([_ENDINGS.get(x, x) for x in PAIR_KINDS], dtype=object)[
        pd.Index(PAIR_KINDS).get_indexer(k).clip(0)]
    out = np.where(loose, _ENDINGS["loose"], out)
    if "source_a" in found and "source_b" in found:
        same = (found["source_a"].to_numpy(dtype=object)[at] == found["source_b"].to_numpy(dtype=object)[at])
        out = np.where(same & (k == "contradiction") & ~loose, _ENDINGS["same_article"], out)
    if period is not None:
        unknown = (period[ra[at]] == "") | (period[rb[at]] == "")
        out = np.where((k == "temporal") & unknown & ~loose, _ENDINGS["temporal_unknown"], out)
    is_mod = np.flatnonzero(k == "modality")
    if len(is_mod):
        out[is_mod] = [_ending("modality", ma, mb) for ma, mb in zip(mod[ra[at[is_mod]]], mod[rb[at[is_mod]]])]
    return out.tolist()


def _relabel(text: str, labels: dict[str, str]) -> str:
    for sid, label in labels.items():
        if sid in text:
            text = text.replace(sid, label)
    return text


def render(found: pd.DataFrame, claims: pd.DataFrame | Claims, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """``found`` (any rows of a findings frame) with ``claims``,
    ``conflict_id`` and ``explanation`` made for each row."""
    listed = claim_lists(found)
    return found.assign(claims=_text_series(listed, found), conflict_id=_text_series(pair_ids(found, listed), found),
                        explanation=_text_series(explain(found, claims, sources), found))


# --------------------------------------------------------------------------- reasons


def side_reasons(flags: int, surface: str = "", interval: str = "", source: str = "") -> list[str]:
    """What weakened one side, in words."""
    out = []
    if flags & VAGUE:
        out.append(f"vague figure “{surface}”" + (f" ({interval})" if interval else ""))
    if flags & HEDGED:
        out.append(f"hedged figure “{surface}”")
    if flags & INFERRED_DATE:
        out.append(f"relative date “{surface}” read against an inferred publication date")
    if flags & RELATIVE_DATE:
        out.append(f"relative date “{surface}”")
    if flags & REPORTED:
        out.append("reported at second hand")
    if flags & REPOST:
        out.append(f"{source or 'the source'} is a repost")
    if flags & UNNAMED:
        out.append("no outlet named")
    return out


_HEADS = {
    "contradiction": "the figures cannot both be true",
    "loose_wording": "loose wording, not a contradiction",
    "temporal": "the figures differ over time",
    "modality": "a plan or forecast beside a fact",
    "consistent": "the sources agree",
}


def issue_reasons(found: pd.DataFrame, issues: pd.DataFrame, claims: Claims | None) -> list[str]:
    """The short reason of each issue's rank (``issues``: its
    :func:`~ledger.crosscheck.issues.issue_frame` over ``found``), from its
    most severe row: what the verdict is and how strong each side is as
    evidence (vague, relative date read against an inferred publication
    date, reported, repost, no outlet named)."""
    out = []
    tops = issues["top"].to_numpy(dtype=np.int64)
    verdicts = issues["verdict"].to_numpy(dtype=object).tolist()
    f = {c: found[c].to_numpy(dtype=object) for c in ("claim_a", "claim_b", "kind", "rule", "result")}
    ev = found["evidence"].to_numpy(dtype=float)
    flags = {s: found[f"flags_{s}"].to_numpy(dtype=np.int64) for s in ("a", "b")}
    rank = found["issue_rank"].to_numpy()
    by_rank = np.argsort(rank, kind="stable")
    sorted_rank = rank[by_rank]
    sides_of = _Sides(claims)
    top_kind, top_rule, top_result = (f[c][tops].tolist() for c in ("kind", "rule", "result"))
    top_ids = {s: f[f"claim_{s}"][tops].tolist() for s in ("a", "b")}
    top_rows = {s: sides_of.rows(f[f"claim_{s}"][tops]) for s in ("a", "b")}
    top_flags = {s: flags[s][tops].tolist() for s in ("a", "b")}
    top_ev = ev[tops].tolist()
    weak_at = np.flatnonzero(np.isin(np.asarray(verdicts, dtype=object), ["contradiction", "loose_wording"]))
    weaker = _weaker_all(f, flags, by_rank, np.searchsorted(sorted_rank, rank[tops[weak_at]]),
                         np.searchsorted(sorted_rank, rank[tops[weak_at]] + 1), weak_at, sides_of, top_ids)

    pair = np.asarray(top_kind, dtype=object) != "arithmetic"
    contra = np.asarray(verdicts, dtype=object) == "contradiction"
    said = {}  # per issue, each side's (surface, interval, source)
    for s in ("a", "b"):
        # a contradiction's reason names both figures; elsewhere only a vague one's interval is said
        fl = np.where(contra, VAGUE, flags[s][tops])
        said[s] = sides_of.many(np.asarray(top_ids[s], dtype=object), top_rows[s], fl, pair)

    for k, verdict in enumerate(verdicts):
        if top_kind[k] == "arithmetic":
            out.append(f"rule {top_rule[k]}: {top_result[k]}")
            continue
        parts = []
        sides = []
        for s in ("a", "b"):
            flag = top_flags[s][k]
            surface, interval, source = said[s][0][k], said[s][1][k], said[s][2][k]
            sides.append((surface, interval, source))
            if flag & _ANY:
                words = side_reasons(flag, surface, interval, source)
                if words:
                    parts.append(f"“{surface}”: " + ", ".join(words))
        head = _HEADS.get(str(verdict), str(verdict))
        if verdict == "loose_wording":
            vague = next((sd for s, sd in zip(("a", "b"), sides) if top_flags[s][k] & VAGUE), sides[0])
            head = f"loose wording: “{vague[0]}” ({vague[1] or 'vague'}) only misses the other figure"
        elif verdict == "contradiction":
            head = (f"“{sides[0][0]}” ({sides[0][1] or '?'}) and “{sides[1][0]}” ({sides[1][1] or '?'}) "
                    "cannot both be true")
        weak = "; ".join(parts) if parts else "no weakness found on either side"
        text = f"{head}; evidence {top_ev[k]:.2f} ({weak})"
        if k in weaker:
            text += "; weaker: " + "; ".join(dict.fromkeys(weaker[k]))
        out.append(text)
    return out


#: Every flag :func:`side_reasons` has words for.
_ANY = VAGUE | HEDGED | INFERRED_DATE | RELATIVE_DATE | REPORTED | REPOST | UNNAMED
#: What makes another version of a contradiction issue weaker evidence, worth saying in its reason.
_WEAK = VAGUE | INFERRED_DATE | REPORTED | REPOST


def _weaker_all(f: dict[str, np.ndarray], flags: dict[str, np.ndarray], by_rank: np.ndarray, lo: np.ndarray,
                hi: np.ndarray, issues: np.ndarray, sides: _Sides,
                top_ids: dict[str, list[Any]]) -> dict[int, list[str]]:
    """Per issue in ``issues`` (its rows: ``by_rank[lo:hi]``; ``f`` and ``flags``: the
    findings' columns as arrays), the words for each other claim of it whose evidence is
    weak: '“去年底” (…): relative date read against an inferred publication date', side a's
    claims first, then side b's, each in row order, each claim once (the first row that
    names it says its flags); the claims of the issue's own top row left out."""
    lens = (hi - lo).astype(np.int64)
    if not len(lens) or not lens.sum():
        return {}
    starts = np.cumsum(lens) - lens
    at = np.arange(int(lens.sum()), dtype=np.int64) - np.repeat(starts - lo, lens)  # positions in by_rank
    issue = np.repeat(np.asarray(issues, dtype=np.int64), lens)
    rows = by_rank[at]
    picked: list[tuple[np.ndarray, ...]] = []
    for side in ("a", "b"):
        fl = flags[side][rows]
        weak = np.flatnonzero(fl & _WEAK)
        picked.append((issue[weak], f[f"claim_{side}"][rows[weak]], fl[weak]))
    k_all = np.concatenate([p[0] for p in picked])
    if not len(k_all):
        return {}
    cid_all = np.concatenate([p[1] for p in picked])
    flag_all = np.concatenate([p[2] for p in picked])
    order = np.argsort(k_all, kind="stable")  # per issue: side a's rows in order, then side b's
    k_all, cid_all, flag_all = k_all[order], cid_all[order], flag_all[order]
    top_a = np.asarray(top_ids["a"], dtype=object)[k_all]
    top_b = np.asarray(top_ids["b"], dtype=object)[k_all]
    keep = (cid_all != top_a) & (cid_all != top_b)
    codes = pd.factorize(cid_all)[0]
    key = k_all * (int(codes.max()) + 2) + codes
    first = np.zeros(len(key), dtype=bool)
    first[np.unique(key, return_index=True)[1]] = True  # each claim once per issue: its first row
    sel = np.flatnonzero(keep & first)
    words: dict[int, list[str]] = {}
    cids, fl = cid_all[sel], flag_all[sel]
    surfaces, intervals, sources = sides.many(cids, sides.rows(cids), fl)
    for k, surface, interval, source, flag in zip(k_all[sel].tolist(), surfaces, intervals, sources, fl.tolist()):
        words.setdefault(k, []).append(f"“{surface}” ({interval or '?'}): " + ", ".join(
            side_reasons(flag & _WEAK, surface, interval, source)))
    return words


class _Sides:
    """:func:`_side` for many claims: the claims' columns as lists, each
    claim's interval made once."""

    def __init__(self, claims: Claims | None) -> None:
        self.claims = claims
        if claims is not None:
            self.surface, self.unit, self.period, self.source = (
                [str(v) for v in claims.column(c).tolist()] for c in ("surface", "unit", "period", "source"))
            self.low, self.high = claims.column("value_low").tolist(), claims.column("value_high").tolist()
        self.intervals: dict[int, str] = {}

    def rows(self, ids: Any) -> np.ndarray:
        return self.claims.rows(ids) if self.claims is not None else np.full(len(ids), -1, dtype=np.int64)

    def many(self, cids: np.ndarray, rows: np.ndarray, flags: np.ndarray,
             wanted: np.ndarray | None = None) -> tuple[list[str], list[str], list[str]]:
        """:func:`_side` of many claims at once (at ``rows`` of the claims, -1:
        not in them; ``flags``: each one's), as three lists (surfaces,
        intervals, sources); ``wanted``: only those (the others' entries
        empty)."""
        n = len(cids)
        if self.claims is None:
            return [str(c) for c in cids.tolist()], [""] * n, [""] * n
        if not n:
            return [], [], []
        rows = np.asarray(rows, dtype=np.int64)
        known = rows >= 0
        if wanted is not None:
            known &= wanted
        surface = np.array([str(c) for c in cids.tolist()], dtype=object)
        interval = np.full(n, "", dtype=object)
        source = np.full(n, "", dtype=object)
        at = np.flatnonzero(known)
        r = rows[at]
        cols = self._arrays()
        surface[at] = cols["surface"][r]
        unit = cols["unit"][r]
        date = unit == "date"
        interval[at[date]] = cols["period"][r[date]]
        vague = np.flatnonzero(~date & ((np.asarray(flags)[at] & VAGUE) != 0))
        if len(vague):
            low, high = cols["low"], cols["high"]
            interval[at[vague]] = [self._interval(row, low[row], high[row], u)
                                   for row, u in zip(r[vague].tolist(), unit[vague].tolist())]
        labels = self.claims.labels
        source[at] = [labels.get(x, x) for x in cols["source"][r].tolist()]
        return surface.tolist(), interval.tolist(), source.tolist()

    def _arrays(self) -> dict[str, np.ndarray]:
        if "_cols" not in self.__dict__:
            self.__dict__["_cols"] = {
                **{c: np.array(getattr(self, c), dtype=object) for c in ("surface", "unit", "period", "source")},
                "low": np.array(self.low, dtype=object), "high": np.array(self.high, dtype=object)}
        return self.__dict__["_cols"]

    def _interval(self, row: int, low: Any, high: Any, unit: str) -> str:
        """A vague claim's interval, made once per claim."""
        made = self.intervals.get(row)
        if made is None:
            made = self.intervals[row] = interval_text(float(low), float(high), unit)
        return made


def _side(claims: Claims | None, cid: Any, flags: int = VAGUE) -> tuple[str, str, str]:
    """(surface, interval of a vague figure or a date's period, source label)
    of one claim (the interval only when ``flags`` say vague)."""
    if claims is None:
        return str(cid), "", ""
    row = claims.positions.get(str(cid), -1)
    if row < 0:
        return str(cid), "", ""
    surface, unit = str(claims.column("surface")[row]), str(claims.column("unit")[row])
    interval = ""
    if unit == "date":
        interval = str(claims.column("period")[row])
    elif flags & VAGUE:
        interval = interval_text(float(claims.column("value_low")[row]), float(claims.column("value_high")[row]), unit)
    return surface, interval, claims.label(str(claims.column("source")[row]))

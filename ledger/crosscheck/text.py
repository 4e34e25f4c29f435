"""What a person reads of the findings, made only for the rows shown: pair
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
    cl = claims if isinstance(claims, Claims) else Claims(claims, sources)
    out = found["explanation"].to_numpy(dtype=object).copy()
    kind = found["kind"].to_numpy(dtype=object)
    ra, rb = cl.rows(found["claim_a"].to_numpy(dtype=object)), cl.rows(found["claim_b"].to_numpy(dtype=object))
    pair = (kind != "arithmetic") & (ra >= 0) & (rb >= 0)
    esc = _escaped if escape else _same
    rule = np.flatnonzero(~pair)
    middle = np.full(len(found), "", dtype=object)
    last = np.full(len(found), '"' if escape else "", dtype=object)
    if len(rule):
        text = [_relabel(str(t), cl.labels) if cl.labels else str(t) for t in out[rule]]
        out[rule] = ['"' + t for t in esc(text)] if escape else text
    if pair.any():
        at = np.flatnonzero(pair)
        used = np.unique(np.concatenate([ra[at], rb[at]]))
        said = np.array(esc(side_words(cl, used)), dtype=object)
        metric, subject, obj = (cl.column(c)[used] for c in ("metric", "subject", "object"))
        heads = esc([f"On {m} of {s}" + (f" / {o}" if o else "") + ": " for m, s, o in zip(metric, subject, obj)])
        first, second = np.empty(len(cl.frame), dtype=object), np.empty(len(cl.frame), dtype=object)
        first[used] = np.add(np.array(heads, dtype=object), said)
        second[used] = np.add(np.add(" while ", said), "; ")
        said_rate = _rate_phrases(found, at, cl, ra, rb)
        endings = np.array(esc([(r + "; " if r else "") + e + "." for r, e in
                                zip(said_rate, _endings(found, kind, at, cl.column("modality"), ra, rb,
                                                        cl.column("period")))]),
                           dtype=object)
        out[at] = np.add('"', first[ra[at]]) if escape else first[ra[at]]
        middle[at] = second[rb[at]]
        last[at] = np.add(endings, '"') if escape else endings
    return out, middle, last


def _rate_phrases(found: pd.DataFrame, at: np.ndarray, cl: Claims, ra: np.ndarray, rb: np.ndarray) -> list[str]:
    """How each pair at ``at`` converted its second figure across currencies
    ("at 7.0994 CNY per USD (...), 虎嗅网 «…» (…)'s 960 bn CNY is 135.2 bn USD"; "" for none)."""
    if "rate" not in found:
        return [""] * len(at)
    rate = pd.to_numeric(found["rate"], errors="coerce").to_numpy(dtype=float)[at]
    if not (~np.isnan(rate)).any():
        return [""] * len(at)
    from ledger.crosscheck.rates import PHRASE_COLUMNS, rate_phrases

    cols = {c: found[c].to_numpy()[at] for c in PHRASE_COLUMNS if c in found}
    cols["source_b"] = np.array([cl.label(str(s)) for s in cl.column("source")[rb[at]]], dtype=object)
    cols["value_b"] = cl.column("value")[rb[at]]
    cols["unit_b"] = cl.column("unit")[rb[at]]
    cols["unit"] = cl.column("unit")[ra[at]]
    return rate_phrases(cols)


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
    bounds = np.searchsorted(sorted_rank, np.stack([rank[tops[weak_at]], rank[tops[weak_at]] + 1]))
    weak_rows = dict(zip(weak_at.tolist(), zip(bounds[0].tolist(), bounds[1].tolist())))

    for k, verdict in enumerate(verdicts):
        if top_kind[k] == "arithmetic":
            out.append(f"rule {top_rule[k]}: {top_result[k]}")
            continue
        parts = []
        sides = []
        for s in ("a", "b"):
            flag = top_flags[s][k]
            # a contradiction's reason names both figures; elsewhere only a vague one's interval is said
            sides.append(sides_of.side(top_ids[s][k], int(top_rows[s][k]),
                                       VAGUE if verdict == "contradiction" else flag))
            surface, interval, source = sides[-1]
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
        if k in weak_rows:
            lo, hi = weak_rows[k]
            text += _weaker(f, flags, by_rank[lo:hi], sides_of, {top_ids["a"][k], top_ids["b"][k]})
        out.append(text)
    return out


#: What makes another version of a contradiction issue weaker evidence, worth saying in its reason.
_WEAK = VAGUE | INFERRED_DATE | REPORTED | REPOST


def _weaker(f: dict[str, np.ndarray], flags: dict[str, np.ndarray], rows: np.ndarray, sides: _Sides,
            shown: set[Any]) -> str:
    """'; weaker: “去年底” (…): relative date read against an inferred publication date' for
    the other claims of an issue (its ``rows``; ``f`` and ``flags``: the findings' columns as
    arrays) whose evidence is weak."""
    words: dict[str, str] = {}
    for side in ("a", "b"):
        fl = flags[side][rows]
        weak = np.flatnonzero(fl & _WEAK)
        if not len(weak):
            continue
        for cid, flag in zip(f[f"claim_{side}"][rows[weak]].tolist(), fl[weak].tolist()):  # in row order
            if cid in shown or cid in words:
                continue
            surface, interval, source = sides.side(cid, None, flag)
            words[cid] = f"“{surface}” ({interval or '?'}): " + ", ".join(
                side_reasons(flag & _WEAK, surface, interval, source))
    return ("; weaker: " + "; ".join(dict.fromkeys(words.values()))) if words else ""


class _Sides:
    """:func:`_side` for many claims: the claims' columns as lists, each
    claim's label and interval made once."""

    def __init__(self, claims: Claims | None) -> None:
        self.claims = claims
        if claims is not None:
            self.surface, self.unit, self.period, self.source = (
                [str(v) for v in claims.column(c).tolist()] for c in ("surface", "unit", "period", "source"))
            self.low, self.high = claims.column("value_low").tolist(), claims.column("value_high").tolist()
        self.made: dict[tuple[int, bool], tuple[str, str, str]] = {}

    def rows(self, ids: Any) -> np.ndarray:
        return self.claims.rows(ids) if self.claims is not None else np.full(len(ids), -1, dtype=np.int64)

    def side(self, cid: Any, row: int | None, flags: int) -> tuple[str, str, str]:
        """What :func:`_side` gives for claim ``cid`` (at ``row`` of the claims, None: look it up)."""
        claims = self.claims
        if claims is None:
            return str(cid), "", ""
        if row is None:
            row = claims.positions.get(str(cid), -1)
        if row < 0:
            return str(cid), "", ""
        vague = bool(flags & VAGUE) and self.unit[row] != "date"
        key = (row, vague)
        made = self.made.get(key)
        if made is None:
            surface, unit = self.surface[row], self.unit[row]
            interval = ""
            if unit == "date":
                interval = self.period[row]
            elif vague:
                interval = interval_text(float(self.low[row]), float(self.high[row]), unit)
            made = self.made[key] = (surface, interval, claims.label(self.source[row]))
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

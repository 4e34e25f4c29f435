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
import math
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
from ledger.crosscheck.issues import hex_ids, unique_first, unique_ints
from ledger.crosscheck.scoring import PAIR_KINDS

_KIND_PREFIX = {str(k): str(k) + "\x1f\x1f" for k in PAIR_KINDS}
_sha1 = hashlib.sha1
_KIND_AT = {str(k): n for n, k in enumerate(PAIR_KINDS)}  # a pair kind's code
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
    pair, made = pair_id_bytes(found, claims)
    out = found["conflict_id"].to_numpy(dtype=object).copy()
    if len(made):
        out[pair] = made.astype("U14")
    return out


def pair_id_bytes(found: pd.DataFrame, claims: np.ndarray | None = None, *,
                  rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The ids :func:`pair_ids` makes for the pair rows, as ASCII: ``(rows,
    ids)``, the positions of the pair rows and their ids (``S14``).  Each
    sha1 is taken in C (``map``), its first 6 bytes written as hex for all
    pairs at once.  ``claims``: the rows' claims lists, when made already;
    else the text hashed is made from each claim id's UTF-8 once (UTF-8
    orders as the text does).  ``rows``: each row's claim a and claim b as
    positions in ``rows[2]``, the claim ids (-1: not there), when known."""
    kind = found["kind"].to_numpy(dtype=object)
    pair = np.flatnonzero(kind != "arithmetic")
    if not len(pair):
        return pair, np.zeros(0, dtype="S14")
    if claims is not None:
        text = map(operator.add, map(_KIND_PREFIX.__getitem__, kind[pair].tolist()), claims[pair].tolist())
        digests = b"".join([_sha1(t.encode()).digest() for t in text])
        return pair, hex_ids(b"k", digests)
    if rows is not None and (rows[0][pair] >= 0).all() and (rows[1][pair] >= 0).all():
        ca, cb, ids = rows[0][pair], rows[1][pair], rows[2]
    else:
        a, b = (found[c].to_numpy(dtype=object)[pair] for c in ("claim_a", "claim_b"))
        codes, ids = pd.factorize(np.concatenate([a, b]))
        ca, cb = codes[: len(pair)], codes[len(pair):]
    utf8 = np.array([x.encode() for x in np.asarray(ids, dtype=object).tolist()] or [b""])
    ea, eb = utf8[ca], utf8[cb]
    first = ea < eb
    codes = _kind_codes(found, kind, pair)
    if (codes < 0).any():
        raise KeyError(f"not a pair kind: {kind[pair][codes < 0][0]!r}")
    msg = np.strings.add(np.strings.add(np.strings.add(_KIND_BYTES[codes], np.where(first, ea, eb)), b";"),
                          np.where(first, eb, ea))
    # a list comprehension: ~20% faster than map(methodcaller("digest"), map(sha1, ...)) (330k ids: 0.19 s
    # against 0.23-0.24 s, the two ways timed in one process)
    digests = b"".join([_sha1(m).digest() for m in msg.tolist()])
    return pair, hex_ids(b"k", digests)


_KIND_BYTES = np.array([_KIND_PREFIX[str(k)].encode() for k in PAIR_KINDS])


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
    if value is None or math.isnan(value):
        return "?"
    if math.isinf(value):
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
    lo_open, hi_open = low is None or math.isnan(low), high is None or math.isnan(high)
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
        self.index = pd.Index(ids[first], dtype=object)  # Python text: no Arrow copy made, none to convert back
        # no id twice (the usual case): the claims as they are, not a copy of every column
        self.frame = (claims if len(first) == len(claims) else claims.iloc[first]).reset_index(drop=True)
        #: the ids as an Arrow array (no id twice, none missing), for :meth:`pair_rows`; else None
        self._arrow_ids = _arrow_ids(claims["claim_id"]) if len(first) == len(claims) else None
        self.sources = source_rows(sources)
        self.labels = {sid: source_label(row) for sid, row in self.sources.items()}
        self._columns: dict[str, np.ndarray] = {}
        self._only: np.ndarray | None = None

    def only(self, rows: np.ndarray) -> None:
        """Make the text columns (:meth:`column`) at ``rows`` of :attr:`frame`
        only (sorted, distinct; elsewhere ''), for a renderer that reads no
        other claim: converting the ledger's Arrow text to Python strings is
        per value.  Call before the first :meth:`column`."""
        self._only = np.asarray(rows, dtype=np.int64)

    @property
    def positions(self) -> dict[str, int]:
        """Claim id -> row of :attr:`frame` (made on first use)."""
        if "_positions" not in self.__dict__:
            ids = self.index.to_numpy(dtype=object).tolist()
            self.__dict__["_positions"] = {str(c): n for n, c in enumerate(ids)}
        return self.__dict__["_positions"]

    def rows(self, ids: Any) -> np.ndarray:
        """Row of each claim id in :attr:`frame` (-1 if unknown)."""
        return self.index.get_indexer(pd.Index(np.asarray(ids, dtype=object), dtype=object))

    def pair_rows(self, a: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`rows` of two arrays of ids at once, each distinct id looked up once."""
        a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
        found = _arrow_rows(self._arrow_ids, np.concatenate([a, b])) if self._arrow_ids is not None else None
        if found is not None:
            return found[: len(a)], found[len(a):]
        codes, distinct = pd.factorize(np.concatenate([a, b]), use_na_sentinel=False)
        at = self.rows(distinct)
        return at[codes[: len(a)]], at[codes[len(a):]]

    def column(self, col: str) -> np.ndarray:
        """One column of :attr:`frame` as an array (text: missing as ''; the
        value columns as floats), made once."""
        if col not in self._columns:
            values = self.frame[col] if col in self.frame else pd.Series("", index=self.frame.index)
            if col in ("value", "value_low", "value_high"):
                out = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
            elif self._only is not None and len(self._only) < len(values):
                out = np.full(len(values), "", dtype=object)
                out[self._only] = values.iloc[self._only].to_numpy(dtype=object, na_value="")
            else:
                out = values.to_numpy(dtype=object, na_value="")
            self._columns[col] = out
        return self._columns[col]

    def label(self, source: str) -> str:
        return self.labels.get(source, source)


def _arrow_ids(ids: pd.Series) -> Any:
    """The claim ids as an Arrow string array (the ledger's own, not copied,
    when it is Arrow-backed), or None (no pyarrow, an id missing or not text)."""
    try:
        import pyarrow as pa

        arr = pa.array(ids.array) if isinstance(ids.dtype, pd.StringDtype) else pa.array(
            ids.to_numpy(dtype=object), type=pa.large_string())
    except Exception:  # no pyarrow, or ids that are not all text: the pandas way
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.null_count or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    return arr


def _arrow_rows(ids: Any, values: np.ndarray) -> np.ndarray | None:
    """The position of each of ``values`` (an object array) in ``ids`` (Arrow
    text, no id twice), -1 where absent, found by Arrow's hash lookup (one pass
    in C, ~40% less than factorizing 660k ids); None when a value is not text
    (the caller's pandas way then decides)."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        if pd.api.types.infer_dtype(values, skipna=False) != "string":  # only str (not bytes, numbers, None)
            return None
        arr = pa.array(values, type=ids.type)
        return np.asarray(pc.index_in(arr, value_set=ids).fill_null(-1).to_numpy(zero_copy_only=False),
                          dtype=np.int64)
    except Exception:  # a value Arrow cannot take as text (a number, a lone surrogate)
        return None


def side_words(cl: Claims, rows: np.ndarray) -> list[str]:
    """How each claim at ``rows`` is said: '虎嗅网 «…» (2025-03, inferred) says “2023年10月” (“…quote…”;
    2023-10, actual)', with a vague figure's interval after its words (each
    source's label and each interval made once, the columns as lists)."""
    get = {c: cl.column(c)[rows] for c in ("source", "surface", "quote", "period", "modality", "qualifier",
                                          "unit")}
    n = len(rows)
    codes, names = pd.factorize(get["source"])
    labels = np.array([cl.label(x) for x in names.tolist()] + [""], dtype=object)[codes]
    unit = get["unit"]
    qualifier = get["qualifier"]
    span = np.full(n, "", dtype=object)
    vague = np.flatnonzero(pd.Index(qualifier).isin(_VAGUE_QUALIFIERS) & (unit != "date"))
    if len(vague):
        lo, hi = cl.column("value_low")[rows[vague]], cl.column("value_high")[rows[vague]]
        span[vague] = [f" [{interval_text(low, high, u)}]"
                       for low, high, u in zip(lo.tolist(), hi.tolist(), unit[vague].tolist())]
    surface = get["surface"].tolist()
    snippets = list(map(snippet, get["quote"].tolist(), surface))
    return [f"{label} says “{sf}”{sp} (“{sn}”; {period or 'period unknown'}, {modality})"
            for label, sf, sp, sn, period, modality in zip(labels.tolist(), surface, span.tolist(), snippets,
                                                           get["period"].tolist(), get["modality"].tolist())]


_VAGUE_QUALIFIERS = ("several", "approx_range", "range", "about")


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
                   escape: bool = False, rows: tuple[np.ndarray, np.ndarray] | None = None,
                   ) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """:func:`explain_parts` as ``(tables, codes)``: part ``i`` of row ``r``
    is ``tables[i][codes[i][r]]``.  Each part is made once per distinct
    value: the first per claim A (or per rule row), the second per claim B,
    the third per distinct ending.  Unused table entries may be None.
    ``rows``: the rows of ``found``'s claim_a and claim_b in the claims
    (:meth:`Claims.rows`), when known."""
    cl = claims if isinstance(claims, Claims) else Claims(claims, sources)
    n = len(found)
    kind = found["kind"].to_numpy(dtype=object)
    if rows is None:
        rows = cl.pair_rows(found["claim_a"].to_numpy(dtype=object), found["claim_b"].to_numpy(dtype=object))
    ra, rb = rows
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
        own = found["explanation"].iloc[rule].to_numpy(dtype=object)
        text = [_relabel(str(t), cl.labels) if cl.labels else str(t) for t in own]
        first[m:] = ['"' + t for t in esc(text)] if escape else text
    endings_of: list[str] = []
    at = np.flatnonzero(pair)
    if len(at):
        used = unique_ints(np.concatenate([ra[at], rb[at]]))
        said = np.array(esc(side_words(cl, used)), dtype=object)
        figure, figures = _figures(cl, used)  # "On metric of subject / object: ", once per distinct figure
        heads = np.array(esc([f"On {m_} of {s}" + (f" / {o}" if o else "") + ": " for m_, s, o in figures]),
                         dtype=object)
        made = np.add(heads[figure], said)
        first[used] = np.add('"', made) if escape else made
        second[used] = np.add(np.add(" while ", said), "; ")
        c0[at], c1[at] = ra[at], rb[at]
        ending_codes, endings_of = _ending_codes(found, kind, at, cl, ra, rb)
    c2 = np.zeros(n, dtype=np.int64)  # 0: a rule row's (nothing, or the closing quote)
    third = np.array(['"' if escape else ""], dtype=object)
    if len(at):
        ends = np.array(esc(endings_of), dtype=object)
        third = np.concatenate([third, np.add(ends, '"') if escape else ends])
        c2[at] = ending_codes + 1
    return (first, second, third), (c0, c1, c2)


def _figures(cl: Claims, rows: np.ndarray) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
    """The (metric, subject, object) of the claims at ``rows``: a code per
    claim into the distinct triples, and the triples."""
    cols = [cl.column(c)[rows] for c in ("metric", "subject", "object")]
    key = np.zeros(len(rows), dtype=np.int64)
    for col in cols:
        codes, uniques = pd.factorize(col, use_na_sentinel=False)
        key = pd.factorize(key * (len(uniques) + 1) + codes)[0]  # numbered in order of first appearance
    _, first = unique_first(key)
    return key, list(zip(*(col[first].tolist() for col in cols)))


def _ending_codes(found: pd.DataFrame, kind: np.ndarray, at: np.ndarray, cl: Claims, ra: np.ndarray,
                  rb: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The last part of the sentence of each pair row at ``at`` (its rate
    phrase, if any, then why the verdict, then '.') as codes into the distinct
    texts: each text made once."""
    said_rate = np.asarray(_rate_phrases(found, at, cl, ra, rb), dtype=object)
    key, names = _endings(found, kind, at, cl.column("modality"), ra, rb, cl.column("period"))
    key = key.astype(np.int64)
    has = np.flatnonzero(said_rate != "")
    rates: Any = []
    if len(has):  # a rate phrase before the ending: one key per (ending, phrase)
        rate_codes, rates = pd.factorize(said_rate[has])
        key[has] = len(names) + key[has] * len(rates) + rate_codes
    codes, keys = pd.factorize(key)
    ends, said = list(names), list(rates)
    texts = [ends[k] + "." if k < len(ends) else
             said[(k - len(ends)) % len(said)] + "; " + ends[(k - len(ends)) // len(said)] + "."
             for k in keys.tolist()]
    return codes, texts


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
    cols = {c: found[c].iloc[at].to_numpy() for c in PHRASE_COLUMNS if c in found}
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
             rb: np.ndarray, period: np.ndarray | None = None) -> tuple[np.ndarray, list[str]]:
    """Why the verdict, per pair row at ``at``, as codes into the distinct
    texts; ``period``: the claims' periods (a temporal pair with a side of
    unknown period says so).  Worked out on codes: no text compared per row."""
    loose = found["loose"].to_numpy(dtype=bool)[at] if "loose" in found else np.zeros(len(at), dtype=bool)
    k = _kind_codes(found, kind, at)
    names = [_ENDINGS.get(x, x) for x in PAIR_KINDS] + [_ENDINGS[x] for x in ("loose", "same_article",
                                                                               "temporal_unknown")]
    n_kinds = len(PAIR_KINDS)
    out = np.where(loose, n_kinds, k.clip(0))
    if "source_a" in found and "source_b" in found:
        same = _same_text(found["source_a"], found["source_b"], at)
        out = np.where(same & (k == _KIND_AT["contradiction"]) & ~loose, n_kinds + 1, out)
    if period is not None:
        blank = period == ""
        unknown = blank[ra[at]] | blank[rb[at]]
        out = np.where((k == _KIND_AT["temporal"]) & unknown & ~loose, n_kinds + 2, out)
    is_mod = np.flatnonzero(k == _KIND_AT["modality"])
    if len(is_mod):  # made once per distinct (modality a, modality b)
        mod_codes, mods = pd.factorize(mod)
        ma, mb = mod_codes[ra[at[is_mod]]], mod_codes[rb[at[is_mod]]]
        both, pairs = pd.factorize(ma.astype(np.int64) * (len(mods) + 1) + mb)
        listed = np.asarray(mods, dtype=object)
        out[is_mod] = len(names) + both
        names += [_ending("modality", listed[key // (len(mods) + 1)], listed[key % (len(mods) + 1)])
                  for key in pairs.tolist()]
    return out, names


def _kind_codes(found: pd.DataFrame, kind: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Index into :data:`PAIR_KINDS` of the kind of each row at ``at`` (-1: none of them)."""
    col = found["kind"]
    kinds = pd.Index(PAIR_KINDS)
    if isinstance(col.dtype, pd.CategoricalDtype):
        per_category = np.append(kinds.get_indexer(col.cat.categories), -1)  # code -1 (missing): the last
        return per_category[col.cat.codes.to_numpy()[at]]
    return kinds.get_indexer(pd.Index(kind[at]))


def _same_text(a: pd.Series, b: pd.Series, at: np.ndarray) -> np.ndarray:
    """``a == b`` at rows ``at`` as object arrays compare them (missing equal
    to nothing), on the categories' codes when both are categorical."""
    if isinstance(a.dtype, pd.CategoricalDtype) and isinstance(b.dtype, pd.CategoricalDtype):
        ca = a.cat.codes.to_numpy()[at].astype(np.int64)
        in_a = np.append(a.cat.categories.get_indexer(b.cat.categories), -2)  # b's categories in a's; -2: not there
        cb = in_a[b.cat.codes.to_numpy()[at]]  # b's missing (-1) takes the appended -2
        return (ca == cb) & (ca >= 0)
    return a.to_numpy(dtype=object)[at] == b.to_numpy(dtype=object)[at]


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


def issue_reasons(found: pd.DataFrame, issues: pd.DataFrame, claims: Claims | None,
                  rows: tuple[np.ndarray, np.ndarray] | None = None) -> list[str]:
    """The short reason of each issue's rank (``issues``: its
    :func:`~ledger.crosscheck.issues.issue_frame` over ``found``), from its
    most severe row: what the verdict is and how strong each side is as
    evidence (vague, relative date read against an inferred publication
    date, reported, repost, no outlet named).  ``rows``: each row's claim a
    and claim b as rows of ``claims`` (:meth:`Claims.pair_rows`), when known."""
    out = []
    tops = issues["top"].to_numpy(dtype=np.int64)
    verdicts = issues["verdict"].to_numpy(dtype=object).tolist()
    f = {c: found[c].to_numpy(dtype=object) for c in ("claim_a", "claim_b")}
    ev = found["evidence"].to_numpy(dtype=float)
    flags = {s: found[f"flags_{s}"].to_numpy(dtype=np.int64) for s in ("a", "b")}
    rank = found["issue_rank"].to_numpy()
    by_rank = np.arange(len(rank)) if (rank[1:] >= rank[:-1]).all() else np.argsort(rank, kind="stable")
    sorted_rank = rank[by_rank]
    sides_of = _Sides(claims)
    top_kind, top_rule, top_result = (found[c].iloc[tops].to_numpy(dtype=object).tolist()
                                      for c in ("kind", "rule", "result"))
    top_ids = {s: f[f"claim_{s}"][tops].tolist() for s in ("a", "b")}
    top_rows = {s: sides_of.rows(f[f"claim_{s}"][tops]) for s in ("a", "b")}
    top_flags = {s: flags[s][tops].tolist() for s in ("a", "b")}
    top_ev = ev[tops].tolist()
    weak_at = np.flatnonzero(np.isin(np.asarray(verdicts, dtype=object), ["contradiction", "loose_wording"]))
    known = rows is not None and claims is not None and len(rows[0]) == len(found) and bool(
        (rows[0] >= 0).all() and (rows[1] >= 0).all())
    weaker = _weaker_all(f, flags, by_rank, np.searchsorted(sorted_rank, rank[tops[weak_at]]),
                         np.searchsorted(sorted_rank, rank[tops[weak_at]] + 1), weak_at, sides_of, top_ids,
                         {"a": rows[0], "b": rows[1]} if known and rows is not None else None)

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
                top_ids: dict[str, list[Any]], claim_rows: dict[str, np.ndarray] | None = None,
                ) -> dict[int, list[str]]:
    """Per issue in ``issues`` (its rows: ``by_rank[lo:hi]``; ``f`` and ``flags``: the
    findings' columns as arrays), the words for each other claim of it whose evidence is
    weak: '“去年底” (…): relative date read against an inferred publication date', side a's
    claims first, then side b's, each in row order, each claim once (the first row that
    names it says its flags); the claims of the issue's own top row left out.
    ``claim_rows``: each finding row's claim a and b as rows of the claims
    (all known), so claims are told apart by row, not by id text."""
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
        picked.append((issue[weak], (f[f"claim_{side}"] if claim_rows is None else claim_rows[side])[rows[weak]],
                       fl[weak]))
    k_all = np.concatenate([p[0] for p in picked])
    if not len(k_all):
        return {}
    cid_all = np.concatenate([p[1] for p in picked])
    flag_all = np.concatenate([p[2] for p in picked])
    order = np.argsort(k_all, kind="stable")  # per issue: side a's rows in order, then side b's
    k_all, cid_all, flag_all = k_all[order], cid_all[order], flag_all[order]
    if claim_rows is None:
        top_a = np.asarray(top_ids["a"], dtype=object)[k_all]
        top_b = np.asarray(top_ids["b"], dtype=object)[k_all]
        codes = pd.factorize(cid_all)[0]
    else:  # the claims' rows: integers compared (a claim's row is its id's)
        top_rows = {s: sides.rows(np.asarray(top_ids[s], dtype=object)) for s in ("a", "b")}
        top_a, top_b = top_rows["a"][k_all], top_rows["b"][k_all]
        codes = cid_all.astype(np.int64)
    keep = (cid_all != top_a) & (cid_all != top_b)
    key = k_all * (int(codes.max()) + 2) + codes
    first = np.zeros(len(key), dtype=bool)
    first[unique_first(key)[1]] = True  # each claim once per issue: its first row
    sel = np.flatnonzero(keep & first)
    words: dict[int, list[str]] = {}
    fl = flag_all[sel]
    if claim_rows is None:
        cids = cid_all[sel]
        surfaces, intervals, sources = sides.many(cids, sides.rows(cids), fl)
    else:
        assert sides.claims is not None
        at = cid_all[sel].astype(np.int64)
        surfaces, intervals, sources = sides.many(sides.claims.index.to_numpy(dtype=object)[at], at, fl)
    for k, surface, interval, source, flag in zip(k_all[sel].tolist(), surfaces, intervals, sources, fl.tolist()):
        words.setdefault(k, []).append(f"“{surface}” ({interval or '?'}): " + ", ".join(
            side_reasons(flag & _WEAK, surface, interval, source)))
    return words


class _Sides:
    """:func:`_side` for many claims: the claims' columns as lists, each
    claim's interval made once."""

    def __init__(self, claims: Claims | None) -> None:
        self.claims = claims
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
        surface[at] = _as_str(cols["surface"][r])
        unit = _as_str(cols["unit"][r])
        date = unit == "date"
        interval[at[date]] = _as_str(cols["period"][r[date]])
        vague = np.flatnonzero(~date & ((np.asarray(flags)[at] & VAGUE) != 0))
        if len(vague):
            low, high = cols["low"], cols["high"]
            interval[at[vague]] = [self._interval(row, low[row], high[row], u)
                                   for row, u in zip(r[vague].tolist(), unit[vague].tolist())]
        labels = self.claims.labels
        source[at] = [labels.get(x, x) for x in _as_str(cols["source"][r]).tolist()]
        return surface.tolist(), interval.tolist(), source.tolist()

    def _arrays(self) -> dict[str, np.ndarray]:
        """The claims' columns (text: object arrays, each value made ``str`` where taken), the bounds as floats."""
        if "_cols" not in self.__dict__:
            assert self.claims is not None
            cols = {c: self.claims.column(c) for c in ("surface", "unit", "period", "source")}
            cols.update(low=self.claims.column("value_low"), high=self.claims.column("value_high"))
            self.__dict__["_cols"] = cols
        return self.__dict__["_cols"]

    def _interval(self, row: int, low: Any, high: Any, unit: str) -> str:
        """A vague claim's interval, made once per claim."""
        made = self.intervals.get(row)
        if made is None:
            made = self.intervals[row] = interval_text(float(low), float(high), unit)
        return made


def _as_str(values: np.ndarray) -> np.ndarray:
    """``values`` (an object array) with every value ``str``."""
    if pd.api.types.infer_dtype(values, skipna=False) == "string":  # all text, checked in C
        return values
    return np.array([str(v) for v in values.tolist()], dtype=object)


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

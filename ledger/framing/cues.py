"""The framing lexicon: cue words (``lexicon/cues.toml``) and entity aliases
(``lexicon/entities.toml``) loaded as data, plus the text analysis framing
works on: sentences, clauses, entity and cue hits on the cleaned text.

Nothing here names a cue, an entity or a metric; it only knows how to read
the data files and find their words.  Chinese words are converted to
simplified script once at load time, because framing reads the cleaned
(simplified) text; English words match case-insensitively at word boundaries.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import attrgetter, itemgetter
from pathlib import Path

from ledger.errors import LedgerError
from ledger.record import metrics
from ledger.sources.articles import to_simplified

_LATIN = re.compile(r"[A-Za-z0-9]")
_START, _END = attrgetter("start"), attrgetter("end")


@dataclass(frozen=True)
class Hit:
    """A word found in the cleaned text: ``[start, end)``, what it stands for
    (a canonical entity name, a metric, a modality...) and the word itself."""

    start: int
    end: int
    name: str
    word: str
    kind: str = ""  # entity type for entities, cue scope ('clause'/'sentence') for modality

    def __init__(self, start: int, end: int, name: str, word: str, kind: str = "") -> None:
        # what the frozen dataclass's own __init__ does (one object.__setattr__ per field), in
        # half the time: framing makes ~50,000 hits per MB of text
        d = self.__dict__
        d["start"], d["end"], d["name"], d["word"], d["kind"] = start, end, name, word, kind


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...]
    #: where it is listed ('TWSE:2382'): entities.toml tickers
    tickers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Everything framing knows, as data."""

    entities: tuple[Entity, ...]
    segment: dict
    roles: dict
    period: dict
    modality_precedence: tuple[str, ...]
    modality_default: str
    modality_cues: dict[str, dict[str, tuple[str, ...]]]
    metric_cues: dict[str, tuple[str, ...]]
    default_metric: dict[str, str]
    entity_types: dict[str, str] = field(default_factory=dict)
    metric_spec: dict[str, dict] = field(default_factory=dict)
    topic: dict = field(default_factory=dict)
    #: [modality] compared_with: words comparing a number with a benchmark ('beat the consensus of')
    compared_with: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    tolerance: tuple[str, ...] = ()
    attributive: dict[str, tuple[str, ...]] = field(default_factory=dict)
    nominal: dict[str, tuple[str, ...]] = field(default_factory=dict)
    change: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)
    part: dict = field(default_factory=dict)
    basis: dict = field(default_factory=dict)
    restated: dict = field(default_factory=dict)
    market: dict = field(default_factory=dict)
    #: [economy]: economy name -> its words (``names``) and its statistics offices' (``offices``)
    economy: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    linking: dict = field(default_factory=dict)
    #: [per_share]: words saying an amount is per share, after and before it
    per_share: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: part form (simplified, lower-case) -> canonical part name (parts.toml)
    parts: dict[str, str] = field(default_factory=dict)
    #: every metric and modality cue word: no organisation is called so
    cue_words: frozenset[str] = frozenset()
    family_spec: dict[str, dict] = field(default_factory=dict)
    #: :meth:`role`'s tuples, made once per key (framing asks ~70,000 times per MB of text)
    _roles: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def spec(self, metric: str, key: str, default=None):
        """One setting of a metric's table in cues.toml (``refines``, ``date``...),
        else of its family's table (``[family.growth]``), else ``default``."""
        own = self.metric_spec.get(metric, {})
        if key in own:
            return own[key]
        family = metrics().get(metric, {}).get("family", "")
        return self.family_spec.get(family, {}).get(key, default)

    def role(self, key: str) -> tuple[str, ...]:
        words = self._roles.get(key)
        if words is None:
            words = self._roles[key] = tuple(self.roles.get(key, ()))
        return words


# --------------------------------------------------------------------------- loading


def _read_toml(name: str, path: str | Path | None) -> dict:
    if path is not None:
        text = Path(path).read_text(encoding="utf-8")
        where = str(path)
    else:
        res = resources.files("ledger").joinpath(f"lexicon/{name}")
        if not res.is_file():
            return {}
        text = res.read_text(encoding="utf-8")
        where = f"ledger/lexicon/{name}"
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LedgerError(
            f"not valid TOML: {exc}", file=where, code="lexicon", hint="fix the lexicon file's syntax"
        ) from None


def _norm(word: str) -> str:
    return to_simplified(word).lower()


def _words(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_norm(w) for w in items if w))


def _entities(data: dict) -> tuple[Entity, ...]:
    """Accept ``[Name]`` tables or ``[entity.Name]`` / ``[entities.Name]``
    tables, each with ``aliases`` and an optional ``type``."""
    table = data.get("entity") or data.get("entities") or data
    out = []
    for name, spec in table.items():
        if not isinstance(spec, dict):
            continue
        aliases = [*list(spec.get("aliases", [])), name]
        out.append(Entity(name, str(spec.get("type", "company")), _words(aliases),
                          tuple(str(t) for t in spec.get("tickers", ()))))
    return tuple(out)


def load_lexicon(cues_path: str | Path | None = None, entities_path: str | Path | None = None) -> Lexicon:
    """Read the cue and entity files (the packaged ones by default)."""
    cues = _read_toml("cues.toml", cues_path)
    ents = _entities(_read_toml("entities.toml", entities_path))
    known = metrics()
    metric_tables = cues.get("metric", {})
    named = set(metric_tables) | set(cues.get("default_metric", {}).values())
    for table in metric_tables.values():
        named |= {table[k] for k in ("pooled", "date", "alone", "per_share") if k in table}
        named |= {v for k in ("refines", "dates") for v in table.get(k, [])}
    unknown = sorted(named - set(known))
    if unknown:
        raise LedgerError(
            f"cues for metrics not in metrics.toml: {', '.join(unknown)}",
            file=str(cues_path or "ledger/lexicon/cues.toml"), field="metric", value=unknown[0],
            code="lexicon", hint="add the metric to metrics.toml or fix its name",
        )
    mod = cues.get("modality", {})
    modality_cues = {
        name: {scope: _words(spec.get(scope, [])) for scope in ("clause", "sentence")}
        for name, spec in mod.items()
        if isinstance(spec, dict)
    }
    metric_cues = {m: _words(spec.get("cues", [])) for m, spec in metric_tables.items()}
    return Lexicon(
        entities=ents,
        segment=cues.get("segment", {}),
        roles={k: _words(v) if isinstance(v, list) else v for k, v in cues.get("roles", {}).items()},
        period={k: _words(v) if isinstance(v, list) else v for k, v in cues.get("period", {}).items()},
        modality_precedence=tuple(mod.get("precedence", ())),
        modality_default=str(mod.get("default", "actual")),
        modality_cues=modality_cues,
        compared_with=_words(mod.get("compared_with", [])),
        metric_cues=metric_cues,
        default_metric=dict(cues.get("default_metric", {})),
        entity_types={e.name: e.type for e in ents},
        metric_spec=metric_tables,
        topic={k: _words(v) if isinstance(v, list) else v for k, v in cues.get("topic", {}).items()},
        ignore=_words(cues.get("ignore", {}).get("phrases", [])),
        tolerance=_words(cues.get("ignore", {}).get("tolerance", [])),
        attributive={n: _words(t.get("attributive", [])) for n, t in mod.items() if isinstance(t, dict)},
        nominal={n: _words(t.get("nominal", [])) for n, t in mod.items() if isinstance(t, dict)},
        change={k: _words(v) if isinstance(v, list) else v for k, v in cues.get("change", {}).items()},
        names={k: tuple(to_simplified(w) if k != "generic" else _norm(w) for w in v) if isinstance(v, list) else v
               for k, v in cues.get("names", {}).items()},
        family_spec=dict(cues.get("family", {})),
        part={k: _words(v) if isinstance(v, list) else v for k, v in cues.get("part", {}).items()},
        basis={k: _words(v) if isinstance(v, list) else v for k, v in cues.get("basis", {}).items()},
        restated={k: _words(v) if isinstance(v, list) else v for k, v in cues.get("restated", {}).items()},
        market={k: _words(v) if isinstance(v, list) else v for k, v in cues.get("market", {}).items()},
        economy={k: {name: _words(words) for name, words in v.items()} for k, v in cues.get("economy", {}).items()
                 if isinstance(v, dict)},
        linking=dict(cues.get("linking", {})),
        per_share={k: _words(v) for k, v in cues.get("per_share", {}).items()},
        parts={alias: name for name, spec in _read_toml("parts.toml", None).items() if isinstance(spec, dict)
               for alias in _words([*spec.get("aliases", []), name])},
        cue_words=frozenset(w for ws in metric_cues.values() for w in ws)
        | frozenset(w for scopes in modality_cues.values() for ws in scopes.values() for w in ws),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()


# --------------------------------------------------------------------------- matching


def _bounded(text: str, start: int, end: int, word: str) -> bool:
    """Latin words must not run into letters or digits on either side."""
    if _LATIN.match(word[0]) and start > 0 and _LATIN.match(text[start - 1]):
        return False
    return not (_LATIN.match(word[-1]) and end < len(text) and _LATIN.match(text[end]))


@lru_cache(maxsize=65536)
def _edges(word: str) -> bool:
    """Does ``word`` begin or end with a Latin letter or digit (so that
    :func:`_bounded` must look at the text around it)?"""
    return bool(_LATIN.match(word[0]) or _LATIN.match(word[-1]))


@lru_cache(maxsize=256)
def _automaton(words: tuple[str, ...]):
    """An Aho-Corasick automaton of ``words`` (pyahocorasick): one pass over a
    text finds every occurrence of every word, so finding a lexicon's words
    costs the text's length, not the text's length times the lexicon's size.
    Each word maps to (its rank in ``words``, how often ``words`` lists it)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    ranks: dict[str, list[int]] = {}
    for rank, word in enumerate(words):
        if word:
            ranks.setdefault(word, [rank, 0])[1] += 1
    for word, (rank, times) in ranks.items():
        auto.add_word(word, (word, rank, times))
    if ranks:
        auto.make_automaton()
    return auto if ranks else None


def _occurrences(low: str, words: tuple[str, ...]) -> list[tuple[int, int, str, int, int]]:
    """(start, end, word, rank, times) of every occurrence of every word."""
    auto = _automaton(words)
    if auto is None:
        return []
    return [(end + 1 - len(word), end + 1, word, rank, times) for end, (word, rank, times) in auto.iter(low)]


def places(low: str, forms) -> dict[str, list[int]]:
    """Each form of ``forms`` -> where it occurs in ``low`` (ascending, overlapping places
    too): what ``pos = low.find(form)`` then ``low.find(form, pos + 1)`` until -1 gives,
    for all the forms in one Aho-Corasick pass (a text's own names: one ``find`` pass
    each cost the text's length times the number of names).  The automaton is the
    text's own, not kept."""
    import ahocorasick

    out: dict[str, list[int]] = {form: [] for form in forms}
    auto = ahocorasick.Automaton()
    for form in out:
        if form:
            auto.add_word(form, form)
    if len(auto):
        auto.make_automaton()
        for end, form in auto.iter(low):
            out[form].append(end + 1 - len(form))
    if "" in out:  # the empty form is found at every place, the text's end too
        out[""] = list(range(len(low) + 1))
    return out


@lru_cache(maxsize=64)
def _vocabulary(lists: tuple[tuple[str, ...], ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of ``lists`` as a set and sorted (the same lists for every article of a lexicon)."""
    vocab = frozenset(w for words in lists for w in words if w)
    return vocab, tuple(sorted(vocab))


class WordIndex:
    """Where every word of many word lists occurs in one text, found by one
    Aho-Corasick pass over the text for all the lists together (framing asks
    for ~100 lists: one pass each would cost the text's length ~100 times).
    :func:`find_all` given an index answers from it."""

    def __init__(self, low: str, lists) -> None:
        self.low = low
        self.vocab, ordered = _vocabulary(tuple(map(tuple, lists)))
        self._at: dict[str, list[int]] = {}
        auto = _automaton(ordered)
        if auto is not None:
            at = self._at
            for end, (word, _, _) in auto.iter(low):
                start = end + 1 - len(word)
                if word in at:
                    at[word].append(start)
                else:
                    at[word] = [start]

    def holding(self, words: tuple[str, ...]) -> set[str] | None:
        """The words of ``words`` that occur in the text (None unless the index holds them all)."""
        if not self.vocab.issuperset(words):
            return None
        at = self._at
        return {w for w in words if w in at}

    def occurrences(self, words: tuple[str, ...]) -> list[tuple[int, int, str, int, int]]:
        """What :func:`_occurrences` gives for ``words`` (in another order).  A few
        words the index does not hold (an article's own short aliases) are found by
        ``str.find``; more than a few, by a pass of their own."""
        ranks, missing = _ranked(words, self.vocab)
        if len(missing) > _FEW_MISSING:
            return _occurrences(self.low, words)
        at = self._at
        if len(at) < len(ranks):  # a short text holds few of many words: go by the words found
            out = [(pos, pos + len(word), word, rt[0], rt[1]) for word, positions in at.items()
                   if (rt := ranks.get(word)) is not None for pos in positions]
        else:
            out = [(pos, pos + len(word), word, rank, times) for word, (rank, times) in ranks.items()
                   for pos in at.get(word, ())]
        low = self.low
        for word in missing:  # every occurrence, overlapping ones too (as the automaton finds them)
            rank, times = ranks[word]
            pos = low.find(word)
            while pos >= 0:
                out.append((pos, pos + len(word), word, rank, times))
                pos = low.find(word, pos + 1)
        return out


@lru_cache(maxsize=1024)
def _ranked(words: tuple[str, ...], vocab: frozenset[str]) -> tuple[dict[str, tuple[int, int]], tuple[str, ...]]:
    """Each word of ``words`` -> (its first rank, how often listed), as :func:`_automaton` keeps
    them, and the words ``vocab`` lacks (the same lists are asked of every article)."""
    ranks: dict[str, list[int]] = {}
    for rank, word in enumerate(words):
        if word:
            ranks.setdefault(word, [rank, 0])[1] += 1
    return {w: (r, t) for w, (r, t) in ranks.items()}, tuple(w for w in ranks if w not in vocab)


#: Words an index lacks that :meth:`WordIndex.occurrences` still finds one by one.
_FEW_MISSING = 8


def find_words(low: str, words: dict[str, tuple[str, str]], index: WordIndex | None = None) -> list[Hit]:
    """All non-overlapping occurrences of ``words`` (word -> (name, kind)) in
    the lower-cased text ``low``; longer words win over words they contain
    (then the word listed first, then the earlier occurrence).  ``index``: a
    :class:`WordIndex` of ``low`` to answer from."""
    order = tuple(sorted(words, key=len, reverse=True))
    hits: list[Hit] = []
    taken = [False] * (len(low) + 1)
    found = index.occurrences(order) if index is not None and index.low is low else _occurrences(low, order)
    for pos, end, word, _, _ in sorted(found, key=itemgetter(3, 0)):

        if not any(taken[pos:end]) and _bounded(low, pos, end, word):
            name, kind = words[word]
            hits.append(Hit(pos, end, name, word, kind))
            for i in range(pos, end):
                taken[i] = True
    return sorted(hits, key=_START)


def find_all(
    low: str, words: tuple[str, ...], name: str = "", kind: str = "", index: WordIndex | None = None
) -> list[Hit]:
    """Every occurrence of every word (overlaps allowed), sorted (by start,
    then longest first; hits at one span are one word, so the order of the
    occurrences found does not matter).  ``index``: a :class:`WordIndex` of
    ``low`` to answer from."""
    words = tuple(words)
    found = index.occurrences(words) if index is not None and index.low is low else _occurrences(low, words)
    hits = [Hit(pos, end, name or word, word, kind)
            for pos, end, word, _, times in found if not _edges(word) or _bounded(low, pos, end, word)
            for _ in range(times)]
    # by (start, -end): by end (longest first), then stably by start - two sorts on C keys, no lambda
    hits.sort(key=_END, reverse=True)
    hits.sort(key=_START)
    return hits


@lru_cache(maxsize=64)
def opening_chars(words: tuple[str, ...]) -> re.Pattern:
    """The first characters of ``words`` as one case-insensitive character class: where a
    ``(?i)`` alternation of the words can match (a pattern of one class the regex engine
    scans for far faster than it tries an alternation at every position)."""
    return re.compile("(?i)[" + "".join(sorted({re.escape(w[0]) for w in words if w})) + "]")


def finditer_at(rx: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for a pattern that can match only at the positions ``starts``
    (sorted) and never matches the empty string: ``rx.match`` tried there alone."""
    pos = 0
    for at in starts:
        if at >= pos and (m := rx.match(text, at)) is not None:
            yield m
            pos = m.end()


def entity_words(lex: Lexicon) -> dict[str, tuple[str, str]]:
    words: dict[str, tuple[str, str]] = {}
    for ent in lex.entities:
        for alias in ent.aliases:
            words.setdefault(alias, (ent.name, ent.type))
    return words


# --------------------------------------------------------------------------- segmentation


_EN_SENTENCE = re.compile(r"(?<=[a-z0-9%)\"'”])[.?!](?=\s+[A-Z\"“])")


@lru_cache(maxsize=16)
def _cut_rx(ends: frozenset[str]) -> re.Pattern:
    """The characters that end a span: a line break and the one-character ``ends``."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted({"\n", *(e for e in ends if len(e) == 1)})) + "]")


def _boundaries(text: str, ends: set[str] | frozenset[str], *, clause: bool) -> list[tuple[int, int]]:
    spans, start, last = [], 0, len(text) - 1
    for m in _cut_rx(frozenset(ends)).finditer(text):
        i = m.start()
        if text[i] in ",:" and 0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue  # 1,000 or 10:30
        spans.append((start, i + 1))
        start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


#: a bullet run into one line: ' - ' between words
_BULLET = re.compile(r"(?<=\S) [-•·] (?=\S)")
#: ... and the citation marks that end a digest's item ('同比增长20.6% [1] - 公司...')
_CITED = re.compile(r"\[\d{1,2}\](?:\[\d{1,2}\])*$")
#: Where a match of :data:`_EN_SENTENCE` or :data:`_BULLET` may start, over the whole text:
#: every position a match within a span can start at is one of these (the span's bounds only
#: take matches away), so a span with none of them needs neither search.
_MAY_CUT = re.compile(r"[.?!](?=\s+[A-Z\"“])| (?=[-•·] \S)")


def _bullets(text: str, s: int, e: int, least: int) -> list[int]:
    """Where a line of run-together bullet points ('财务表现与预测 - 公司25年第三季度营收84.6亿元,
    同比增长20.6% [1] - 公司…', as machine-written digests print them) starts a new item:
    every ' - ' of a line that has ``least`` of them, and one after a citation mark; a
    spaced dash or two in prose ('Lenovo - the leader - shipped') is no bullet."""
    found = list(_BULLET.finditer(text, s, e))
    if len(found) >= least:
        return [m.end() for m in found]
    return [m.end() for m in found if _CITED.search(text, s, m.start())]


def sentences(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Sentence spans of the cleaned text (Chinese and English punctuation; the
    items of a line of run-together bullet points)."""
    ends = set(lex.segment.get("sentence_end", []))
    least = int(lex.segment.get("bullets_per_line", 3))
    may = [m.start() for m in _MAY_CUT.finditer(text)]
    k, n_may = 0, len(may)
    spans = []
    for s, e in _boundaries(text, ends, clause=False):
        while k < n_may and may[k] < s:
            k += 1
        if k < n_may and may[k] < e:  # else no cut can be in the span: the searches would find none
            cuts = sorted({m.end() for m in _EN_SENTENCE.finditer(text, s, e)} | set(_bullets(text, s, e, least)))
            for c in cuts:
                spans.append((s, c))
                s = c
        spans.append((s, e))
    return [sp for sp in spans if text[sp[0] : sp[1]].strip()]


def clauses(text: str, sentence_spans: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    """Clause spans: sentences cut further at commas, colons and 、."""
    ends = frozenset(lex.segment.get("clause_end", []))
    # what _boundaries(text[s:e]) finds for each sentence, from one search of the whole text
    cuts = [m.start() for m in _cut_rx(ends).finditer(text)]
    n = len(cuts)
    out = []
    for s, e in sentence_spans:
        start, last, j = s, e - 1, bisect_left(cuts, s)
        while j < n and cuts[j] < e:
            i = cuts[j]
            j += 1
            if text[i] in ",:" and s < i < last and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue  # 1,000 or 10:30
            out.append((start, i + 1))
            start = i + 1
        if start < e:
            out.append((start, e))
    return out

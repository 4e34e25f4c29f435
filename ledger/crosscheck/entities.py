"""Who a claim is about, as the cross-check groups it: one key per real-world
entity, whatever the script, language or spelling.

A name of the entity table (any alias, any script: 微软, 微軟, Microsoft, MSFT)
is keyed by its canonical name; any other name (an organisation the table does
not know, as framing read it off the text) by its folded form: simplified
script, lower case, no spaces or punctuation, without legal or industry
suffixes (瑞幸咖啡 and 瑞幸 meet; Luckin Coffee Inc. and Luckin Coffee too).
Several parties (``A;B``) are keyed as the sorted set of their keys.

Across scripts, a Chinese name the table does not know meets a Latin one
that spells it in pinyin (三花智控 and Zhejiang Sanhua Intelligent Controls,
古茗 and Guming, 毛戈平 and Mao Geping): :func:`keys`, given every name of
the ledger at once, keys such a Chinese name by the Latin one (the form other
languages share).  The brand is what must match: the Chinese name's first two
or three characters (or all of it) read in pinyin (``pypinyin``), against the
Latin name's first word or all its words, without an opening place and
corporate words, at least five letters.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ledger.framing.cues import Lexicon, default_lexicon
from ledger.sources import to_simplified

_PUNCT = re.compile(r"[\s.,·'’&()（）\-]+")


def fold(name: str) -> str:
    """Simplified script, lower case, no spaces or punctuation."""
    return _PUNCT.sub("", to_simplified(name).lower())


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return alias_table(default_lexicon())


def alias_table(lex: Lexicon) -> dict[str, str]:
    """Folded alias -> canonical name, for every entity of the table."""
    out: dict[str, str] = {}
    for ent in lex.entities:
        for alias in (*ent.aliases, ent.name):
            out.setdefault(fold(alias), ent.name)
    return out


@lru_cache(maxsize=1)
def _cores() -> dict[str, str]:
    """The core of every alias (its suffixes dropped) -> canonical name, for a
    name the table knows only with a suffix ('Arm' for 'Arm Holdings')."""
    out: dict[str, str] = {}
    for alias, name in _aliases().items():
        out.setdefault(_core(alias), name)
    return out


def _core(folded: str) -> str:
    """``folded`` without its longest suffix, if at least 2 characters remain."""
    for size, words in _suffixes_by_length():
        if len(folded) - size >= 2 and folded[-size:] in words:
            return folded[:-size]
    return folded


@lru_cache(maxsize=1)
def _suffixes_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    """The suffixes grouped by length, longest first: a name ends with at most
    one suffix of each length, so this finds what trying each in turn finds."""
    sizes = sorted({len(w) for w in _suffixes()}, reverse=True)
    return tuple((n, frozenset(w for w in _suffixes() if len(w) == n)) for n in sizes)


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    names = default_lexicon().names
    words = {fold(w) for k in ("legal_suffixes", "industry_suffixes") for w in names.get(k, ())}
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


def key(name: str) -> str:
    """The grouping key of one name (or of ``;``-joined parties)."""
    if not name:
        return ""
    if ";" in name:
        return ";".join(sorted({key(p) for p in name.split(";") if p.strip()}))
    folded = fold(name)
    known = _aliases().get(folded)
    if known is not None:
        return known
    core = _core(folded)
    return _aliases().get(core) or _cores().get(core) or _cores().get(folded) or core


def keys(names: np.ndarray, *, link: bool = True) -> np.ndarray:
    """:func:`key` of each name of an object array (each distinct name once):
    the same keys, the names' script simplified in one call (a line break
    ends every phrase the converter knows) and the lookups made inline; then
    a Chinese name the table does not know takes the key of the one Latin name
    of the array that spells its brand in pinyin (:func:`_across_scripts`);
    ``link=False`` skips that (a caller keying a ledger chunk by chunk, where a
    link made in one chunk and not in another would split one name's claims)."""
    texts = [n if isinstance(n, str) else "" for n in names]
    simplified = _simplified_all(texts)
    aliases, cores = _aliases(), _cores()
    endings = _suffix_endings()
    out = np.empty(len(texts), dtype=object)
    unknown: dict[str, str] = {}  # key of a name the table does not know -> one name giving it
    for k, (name, simple) in enumerate(zip(texts, simplified)):
        if not name or ";" in name:
            out[k] = key(name)
            continue
        folded = _PUNCT.sub("", simple.lower())
        known = aliases.get(folded)
        if known is None:
            core = _core(folded) if folded[-1:] in endings else folded
            known = aliases.get(core) or cores.get(core) or cores.get(folded) or core
            if known == core:
                unknown.setdefault(core, simple)
        out[k] = known
    linked = _across_scripts(unknown) if link else {}
    if linked:
        out = np.array([linked.get(v, v) if isinstance(v, str) else v for v in out], dtype=object)
    return out


_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_LATIN_WORDS = re.compile(r"[A-Za-z]+")


def _across_scripts(unknown: dict[str, str]) -> dict[str, str]:
    """Key of a Chinese name -> key of the Latin name spelling its brand in
    pinyin, among names the table does not know (see the module docstring).
    A Chinese name two Latin names could spell is left alone."""
    han = {k: n for k, n in unknown.items() if _HAN.match(k)}
    latin = {k: n for k, n in unknown.items() if not _HAN.match(k) and _LATIN_WORDS.search(n)}
    if not han or not latin:
        return {}
    spelt: dict[str, set[str]] = {}
    for k, name in latin.items():
        for form in _latin_brands(name):
            spelt.setdefault(form, set()).add(k)
    out: dict[str, str] = {}
    for k, name in han.items():
        hits = set().union(*(spelt.get(form, set()) for form in _han_brands(name)))
        if len(hits) == 1:
            out[k] = hits.pop()
    return out


def _place_words() -> tuple[str, ...]:
    """cues.toml ``[names] place_prefixes``: places a registered name may open with."""
    return tuple(w for w in default_lexicon().names.get("place_prefixes", ()))


def _latin_brands(name: str) -> set[str]:
    """A Latin name's first word and all its words run together, without an
    opening place and corporate words ('Zhejiang Sanhua Intelligent Controls
    Co' -> sanhua, sanhuaintelligentcontrols)."""
    corporate = {fold(w) for w in _suffixes()}
    words = [w.lower() for w in _LATIN_WORDS.findall(name)]
    places = {fold(w) for w in _place_words()}
    while words and words[0] in places:
        words = words[1:]
    while words and words[-1] in corporate:
        words = words[:-1]
    forms = {words[0], "".join(words)} if words else set()
    return {f for f in forms if len(f) >= 5}


def _han_brands(name: str) -> set[str]:
    """A Chinese name's first two and three characters and all of it, in
    pinyin, without an opening place ('浙江三花智控' -> sanhua, sanhuazhi,
    sanhuazhikong)."""
    from pypinyin import lazy_pinyin  # imported lazily: only names the table does not know need it

    for place in _place_words():
        if name.startswith(place) and len(name) > len(place) + 1:
            name = name[len(place):]
            break
    return {"".join(lazy_pinyin(name[:n])) for n in (2, 3, len(name))} - {""}


def _simplified_all(texts: list[str]) -> list[str]:
    """``to_simplified`` of each text, in one call when that gives each text's own result."""
    if any("\n" in t for t in texts):
        return [to_simplified(t) for t in texts]
    together = to_simplified("\n".join(texts)).split("\n")
    if len(together) != len(texts):
        return [to_simplified(t) for t in texts]
    # a text whose length changed is converted alone (to_simplified keeps one character for one)
    return [s if len(s) == len(t) else to_simplified(t) for s, t in zip(together, texts)]


@lru_cache(maxsize=1)
def _suffix_endings() -> frozenset[str]:
    """The last characters of the suffixes: a folded name ending otherwise has none."""
    return frozenset(w[-1] for w in _suffixes())

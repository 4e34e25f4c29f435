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

from ledger.errors import InvalidValue
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


# --------------------------------------------------------------------------- one company by its figures

_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def three_digits(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(exponent, mantissa) of each value to three significant digits, sign left out:
    1.92e10 -> (10, 192), 9.995 -> (1, 100).  Two amounts with the same pair are
    the same figure as news rounds it (the values must be finite and non-zero)."""
    v = np.abs(values)
    exp = np.floor(np.log10(v)).astype(np.int64)
    mant = np.rint(v / 10.0 ** (exp - 2)).astype(np.int64)
    return exp + (mant >= 1000), np.where(mant >= 1000, mant // 10, mant)


def linked_by_figures(entity: np.ndarray, names: np.ndarray, source: np.ndarray, point: np.ndarray,
                      unit: np.ndarray, mentioned: np.ndarray, amounts: np.ndarray,
                      settings: dict | None = None) -> np.ndarray:
    """A root code for each entity code: two names in two scripts that no table
    links (保时捷 and Porsche, 澜起科技 and Montage Technology) are one company
    when their articles give them the same figures, as a fact-checker reads them.

    ``entity`` is each claim's subject code (an index into ``names``, the keys),
    ``mentioned`` a (source, entity code) row for every party each article's claims
    name, ``amounts`` which claims are amounts (money or counts: rates coincide too
    often to tell companies apart).  Two codes are linked when (``[link]`` in rules.toml):

    * one key is written in Chinese characters and the other in Latin letters,
      and at most one is a name of the entity table;
    * no article names both (a digest of two companies keeps them apart);
    * the claims of one article about the one and of another article about the
      other share at least ``min_figures`` amounts, each the same in the same unit
      to three significant digits, the third not 0 (9.66億歐元 and €966m, 9.74億 and
      €974m), and each given by at most ``max_names_per_figure`` names of the
      ledger: one coincidence is chance, two rare ones in one pair of articles are
      one story about one company.

    Returns ``root`` with ``root[code]`` the code to group by (the table's
    name when one of the two is known, else the Latin one)."""
    n = len(names)
    root = np.arange(n)
    rules = (settings or {}).get("link", {})
    need, rare = _link_setting(rules, "min_figures", 2), _link_setting(rules, "max_names_per_figure", 4)
    if n < 2 or not len(entity):
        return root
    han = np.array([bool(_CJK_CHAR.search(str(k))) and not _LATIN_WORDS.search(str(k)) for k in names], dtype=bool)
    latin = np.array([bool(_LATIN_WORDS.search(str(k))) and not _CJK_CHAR.search(str(k)) for k in names], dtype=bool)
    if not han.any() or not latin.any():
        return root
    known = np.array([str(k) in _canonical() for k in names], dtype=bool)
    ok = np.isfinite(point) & (point != 0) & (han[entity] | latin[entity]) & amounts
    if not ok.any():
        return root
    exp, mant = three_digits(point[ok])
    import pandas as pd

    figs = pd.DataFrame({"e": entity[ok], "s": source[ok], "u": unit[ok], "x": exp,
                         "m": np.where(point[ok] < 0, -mant, mant)})  # a loss is no profit
    # a figure to three digits whose third is not 0 (9.66, 974, 12.5) ...
    figs = figs[(figs["m"].abs() % 10 != 0).to_numpy()].drop_duplicates()
    # ... that few names share (a figure many companies give is no evidence of one)
    spread = figs.groupby(["u", "x", "m"])["e"].transform("nunique")
    figs = figs[(spread <= rare).to_numpy()]
    is_han = han[figs["e"].to_numpy()]
    left, right = figs[is_han], figs[latin[figs["e"].to_numpy()]]
    if left.empty or right.empty:
        return root
    both = left.merge(right, on=["u", "x", "m"], suffixes=("_h", "_l"))
    both = both[(both["s_h"] != both["s_l"]).to_numpy()
                & ~(known[both["e_h"].to_numpy()] & known[both["e_l"].to_numpy()])]
    if both.empty:
        return root
    # the figures must meet between two articles (one story told twice), not across the ledger
    counts = both.groupby(["e_h", "e_l", "s_h", "s_l"]).size()
    counts = counts[counts >= need]
    if counts.empty:
        return root
    evidence = counts.groupby(level=[0, 1]).max().sort_values(ascending=False, kind="stable")
    # one article naming both (as subject or object of its claims) keeps them apart
    said = pd.DataFrame({"s": mentioned[:, 0], "e": mentioned[:, 1]}).drop_duplicates()
    cand = evidence.index.to_frame(index=False)
    together = cand.merge(said, left_on="e_h", right_on="e").merge(said, left_on=["e_l", "s"],
                                                                   right_on=["e", "s"])
    apart = ~cand.set_index(["e_h", "e_l"]).index.isin(together.set_index(["e_h", "e_l"]).index)
    taken: set[int] = set()
    for h, latin_code in cand[apart].itertuples(index=False):
        h, latin_code = int(h), int(latin_code)
        if h in taken:
            continue
        taken.add(h)
        if known[h]:
            root[latin_code] = h
        else:
            root[h] = latin_code
    for _ in range(8):  # a name linked to one linked in turn goes to the last (no cycle: see above)
        if not (root[root] != root).any():
            break
        root = root[root]
    return root


def _link_setting(rules: dict, key: str, default: int) -> int:
    """A whole number of rules.toml ``[link]``, or a clear error naming it."""
    value = rules.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValue(f"rules [link] {key} must be a whole number of at least 1",
                           field=f"link.{key}", value=value, code="rules-invalid",
                           hint=f"write e.g. `{key} = {default}` under [link] in the rules file")
    return value


def canonical() -> frozenset[str]:
    """Every canonical name of the entity table: the keys (:func:`key`) of the names it knows."""
    return _canonical()


@lru_cache(maxsize=1)
def _canonical() -> frozenset[str]:
    """Every canonical name of the entity table (the keys a known name takes)."""
    return frozenset(_aliases().values())

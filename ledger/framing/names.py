"""Organisations the entity table does not know, found in the article itself.

The table improves matching; it never decides whether a claim exists.  An
organisation the table does not know is still a subject: this module reads
its name off the text, from evidence a reader would use too, and framing then
treats it like a table entity (its display name is the name as written, in
simplified script, without legal suffixes).

Evidence, strongest first (the words are data: ``[names]`` in cues.toml):

* a stock code right after the name: ``美光科技 (Micron Technology)(MU-US)``,
  ``Palantir (NASDAQ: PLTR)``, ``泡泡玛特(09992)``, ``Xiaomi [HKG: 1810]``;
  a Latin name in brackets after a Chinese one links the two forms;
* a corporate suffix: ``Luckin Coffee Inc.``, ``Arm Holdings``, ``雷诺集团``,
  ``HORSE动力总成公司``;
* the subject of a reporting verb: ``SK hynix posted``, ``瑞幸咖啡近日公布``,
  ``全球存储芯片巨头美光科技公布`` (the longest tail of the words before the
  verb that the article names again);
* the head of the headline, when the article names it again;
* a word saying what it is right before it (apposition: ``茶饮品牌沪上阿姨``,
  ``bubble-tea chain Auntea Jenny``);
* a Latin gloss in brackets after a Chinese name (``平台“喜马拉雅”(Ximalaya)``):
  the Latin form is shown, so articles in other languages meet it;
* the capitalised words after a verb of a deal (``agreed to buy Ximalaya``),
  named again.

docs/roles.md lists every kind of evidence with examples.  A candidate must
not be a generic word (公司, 市场, the company...), a cue word of the lexicon,
or a table entity's alias.  Each found organisation is then matched
everywhere in the text, with its short form (the name without its industry or
legal suffix: 美光科技 -> 美光, Luckin Coffee -> Luckin) when that is at least
two characters (or one Latin word) long.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ledger.framing.cues import Hit, Lexicon, WordIndex, _automaton, finditer_at, opening_chars, places
from ledger.numbers.lexicon import CN_BIG_CHARS
from ledger.sources.articles import to_simplified

_CJK = "\u4e00-\u9fff"
#: a stock code as news writes it after a name, behind an optional exchange
#: prefix (``[names] exchange_prefixes`` in cues.toml: NASDAQ, HKEX, 沪, 港股代码...); a
#: share class after the letters ('OMX: MAERSK-B', 'BRK.B')
_CODE = r"(?:\d{4,6}|[A-Z]{1,5}|[A-Z]{2,6}[.\-][A-Z])(?:[.\-](?:HK|SH|SZ|SS|TW|TWO|KS|T|US|N|O))?"


def _listing(prefixes: tuple[str, ...]) -> str:
    """One listing: an optional exchange prefix, then the code."""
    exchange = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return rf"(?:(?:{exchange})\s*[:：]?\s*)?{_CODE}"


@lru_cache(maxsize=8)
def _code_brackets(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    listing = _listing(prefixes)
    # one listing or several ('(NYSE:MNSO;HKEX:9896)', '(09992.HK、PMRTY)'), after the name in
    # Latin letters when the bracket gives it ('美敦力(Medtronic, NYSE: MDT)')
    exchange = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    gloss = rf"(?:(?P<gloss>[A-Z][A-Za-z0-9&.'’ -]{{1,40}}?)\s*[,，]\s*(?=(?:{exchange})\s*[:：]))?"
    return re.compile(rf"\s*[(（\[]\s*{gloss}{listing}(?:\s*[;；,，、/]\s*{listing})*\s*[)）\]]")


@lru_cache(maxsize=8)
def _listings(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Each listing of a code bracket, its exchange and its code apart."""
    exchange = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"(?P<exchange>(?:{exchange})\s*[:：]?\s*)?(?P<code>{_CODE})")


def codes_after(text: str, at: int, lex: Lexicon) -> list[tuple[str, str]]:
    """(exchange, code) of each listing of the stock-code bracket that starts at
    ``at`` ('(00945.HK)' -> [('', '00945.HK')], '(NYSE:MNSO;HKEX:9896)' -> [('NYSE:',
    'MNSO'), ('HKEX:', '9896')]); [] when no code bracket starts there."""
    prefixes = _words(lex, "exchange_prefixes")
    m = _code_brackets(prefixes).match(text, at)
    if m is None:
        return []
    listed = text[m.end("gloss"):m.end()] if m.group("gloss") else m.group()  # the name is no code
    return [(c.group("exchange") or "", c.group("code")) for c in _listings(prefixes).finditer(listed)]


def code_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Where stock-code brackets stand in ``text`` ('(NYSE:MNSO;HKEX:9896)'), and
    listings written as an exchange, a colon and a code inside other words
    ('(Medtronic, NYSE: MDT)'): the exchanges and codes in them are where a
    company is listed, never a party to its figures.  Sorted, not overlapping."""
    prefixes = _words(lex, "exchange_prefixes")
    spans = [(m.start(), m.end()) for m in _code_brackets(prefixes).finditer(text)]
    starts = [a for a, _ in spans]
    for m in _colon_listings(prefixes).finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k < 0 or m.start() >= spans[k][1]:  # not inside a bracket found already
            spans.append((m.start(), m.end()))
    return sorted(spans)


@lru_cache(maxsize=8)
def _colon_listings(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """'NYSE: MDT', 'HKEX:9896': an exchange, a colon and a code."""
    exchange = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{exchange})\s*[:：]\s*{_CODE}(?![A-Za-z0-9])")


_LATIN_IN_BRACKETS = re.compile(r"\s*[(（]\s*([A-Z][A-Za-z0-9&.,'’ -]{1,60}?)\s*[)）]")
_CJK_RUN = re.compile(rf"[A-Za-z]*[{_CJK}]+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


@dataclass(frozen=True)
class Organisation:
    """An organisation found in the text: its display name and the lower-cased
    forms to find in the (lower-cased, simplified) text."""

    name: str
    forms: tuple[str, ...]


def _spec(lex: Lexicon) -> dict:
    return lex.names


def _words(lex: Lexicon, key: str) -> tuple[str, ...]:
    return tuple(_spec(lex).get(key, ()))


@lru_cache(maxsize=64)
def _longest_first(suffixes: tuple[str, ...]) -> tuple[str, ...]:
    """The suffixes, longest first, each dotted one also without its last dot
    ('S.p.A.' as 'S.p.A': a name's last dot is read as its sentence's end)."""
    undotted = tuple(s[:-1] for s in suffixes if s.endswith(".") and s.count(".") > 1)
    return tuple(sorted(dict.fromkeys((*suffixes, *undotted)), key=len, reverse=True))


#: what a name's spellings differ by: spaces and punctuation ('Open-source' / 'Open Source')
_NAME_PUNCT = re.compile(r"[\s.,·'’&()（）\-]+")


@lru_cache(maxsize=65536)  # a name is folded at every place and row it stands in: once per spelling
def fold_name(name: str) -> str:
    """A name without script, case, spaces and punctuation: the one key of its
    spellings ('Open-source Securities' and 'Open Source Securities'; 名創優品 and 名创优品;
    'Hermès' and 'Hermes')."""
    low = to_simplified(name).lower()
    if not low.isascii():  # 'Hermès' and 'Hermes', 'Nestlé' and 'Nestle': one name without its accents
        low = unicodedata.normalize("NFC", "".join(
            c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c)))
    return _NAME_PUNCT.sub("", low)


def strip_suffix(name: str, suffixes: tuple[str, ...]) -> str:
    """The name without trailing suffix words (legal or industry)."""
    ordered = _longest_first(suffixes)  # sorted once, not on every call
    changed = True
    while changed:
        changed = False
        low = name.lower()
        if not low.endswith(ordered):
            break  # no suffix ends it: one test instead of one per suffix
        for suffix in ordered:
            if low.endswith(suffix) and len(name) > len(suffix):
                head = name[: len(name) - len(suffix)].rstrip(" ,.")
                glued = head and not head[-1].isspace() and not name[len(head):len(head) + 1].isspace()
                if _latin(suffix) and glued and not re.search(r"\s" + re.escape(suffix) + r"$", low):
                    continue  # 'Samsung' is no 'Sam' + 'sung'; a Latin suffix is a word of its own
                if len(head) >= 2:
                    name, changed = head, True
                    break
    return name


def _latin(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9&'’. -]+", word))


def _generic(lex: Lexicon, name: str, cue_words: frozenset[str]) -> bool:
    """A word no organisation is called: generic nouns, lexicon cue words,
    words with digits; Chinese words that a dictionary reads as verbs, function
    words or a common noun (jieba's dictionary: :func:`_not_a_name`); English
    word runs with a lower-case function word inside ('Reports in January')."""
    low = name.lower().strip()
    if len(low) < 2 or any(map(str.isdigit, low)):
        return True
    if low in _words(lex, "generic") or low in cue_words:
        return True
    if low.startswith(_words(lex, "not_initial")):
        return True
    cues = _cjk_cue_automaton(cue_words)  # one pass over the name for every cue word
    if cues is not None and next(cues.iter(low), None) is not None:
        return True
    if _latin(name):
        words = name.split()
        # 'AI Chips', 'Cloud Business': a generic head; 'Pony AI', 'Scale AI': a name with a generic tail
        generic = _words(lex, "generic")
        return words[0].lower() in generic or all(w.lower() in generic or w.lower() in cue_words for w in words) \
            or any(w.islower() for w in words[1:-1])
    if any(d in low for d in _words(lex, "descriptors")):
        return True  # '芯片巨头美光科技': a description and a name; the name is a shorter tail
    stem = strip_suffix(name, _words(lex, "industry_suffixes") + _words(lex, "legal_suffixes"))
    if stem != name:  # '雷诺集团', '美光科技': the stem is the name
        return len(stem) < 2 or _generic(lex, stem, cue_words)
    return _not_a_name(low, lex)


@lru_cache(maxsize=8)
def _cjk_cues(cue_words: frozenset[str]) -> tuple[str, ...]:
    return tuple(w for w in cue_words if len(w) >= 2 and not _latin(w))


@lru_cache(maxsize=8)
def _cjk_cue_automaton(cue_words: frozenset[str]) -> Any:
    """An Aho-Corasick automaton of :func:`_cjk_cues` (None when there are none)."""
    return _automaton(_cjk_cues(cue_words))


def _not_a_name(word: str, lex: Lexicon) -> bool:
    """Is a Chinese candidate ordinary language rather than a name?  By the
    dictionary of jieba (a maintained Chinese segmenter): it contains a verb,
    adverb, preposition, conjunction, particle, pronoun, numeral or measure
    word, ends in a generic noun, or is one common noun."""
    if re.search(r"[A-Za-z]", word):
        return False  # 'SK海力士', 'HORSE动力总成': a Latin part is no ordinary Chinese
    if _transliterated(word, lex):
        return False  # '发那科', '马士基': a foreign name written by its sounds
    tokens = segment(word)
    if any(flag[:1] in _FUNCTION_TAGS or flag in ("vn", "vd", "ad", "an") for _, flag in tokens):
        return True
    if tokens and tokens[-1][0] in _words(lex, "generic"):
        return True
    # '记忆体', '会计准则', '智能手机', '国际财务报告': words of the dictionary that are
    # no proper nouns; a name has a part no dictionary knows ('瑞幸' is read as one
    # unknown word), or a proper-noun part ('泡泡玛特': 玛特)
    return all(flag not in _NAME_TAGS and _frequency(token) > 0 for token, flag in tokens)


def _transliterated(word: str, lex: Lexicon) -> bool:
    """Is ``word`` a foreign name written by its sounds: three characters or more,
    each a syllable of transliteration (cues.toml [names] ``transliteration``), and
    no word of the dictionary ('阿拉伯' is one)?"""
    sounds = _spec(lex).get("transliteration", "")
    return len(word) >= 3 and all(c in sounds for c in word) and _frequency(word) == 0


#: jieba part-of-speech tags of words a name is not made of (verbs, adverbs,
#: prepositions, conjunctions, particles, pronouns, numerals, measure words,
#: time and place-relation words, interjections)
_FUNCTION_TAGS = frozenset("vdpcurmqtfyeoz")
#: tags of proper nouns (person, place, organisation, other)
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[tuple[str, str], ...]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return tuple((w.word, w.flag) for w in jieba.posseg.cut(text))


def splits_word(low: str, start: int, end: int) -> bool:
    """Does a short Chinese name found at ``[start, end)`` begin inside a word
    of its text ('中海外' in '其中海外门店': 其中 / 海外 / 门店)?  Read by jieba over
    the few characters around it; names of four characters or more, and names
    with Latin letters, are long enough to stand on their own."""
    if end - start > 3 or not _CJK_CHAR.match(low, start) or start == 0 or not _CJK_CHAR.match(low, start - 1):
        return False
    lo = start - 2 if start >= 2 and _CJK_CHAR.match(low, start - 2) else start - 1
    at = lo
    for word, flag in segment(low[lo:end + 2]):
        if at + len(word) > start:  # the word the name's first character is in
            # only an ordinary word or a place of the dictionary counts ('中华' in
            # '大中华区'): jieba glues an unknown name to its neighbours ('占鸿海'
            # read as a person's name)
            return at < start and (flag not in _NAME_TAGS or flag == "ns") and _frequency(word) > 0
        at += len(word)
    return False


def straddles_suffix(low: str, start: int, end: int, lex: Lexicon) -> bool:
    """Is a Chinese name found at ``[start, end)`` glued inside a longer name
    whose corporate suffix begins in it ('思科' in '蓝思科技': 蓝 | 思科 | 技, the
    科技 of 蓝思科技 starts at its last character)?  Then it is no mention of
    the table's company but a piece of an unknown one."""
    if start == 0 or not _CJK_CHAR.match(low, start - 1) or not _CJK_CHAR.match(low, end - 1):
        return False
    suffixes, sizes = _suffix_set(_words(lex, "cjk_company_suffixes") + _words(lex, "industry_suffixes"))
    # the suffix's first `cut` characters end the name: the whole suffix starts `cut` before its end
    return any(low[end - cut:end - cut + size] in suffixes
               for cut in range(1, min(sizes[-1], end - start)) for size in sizes
               if size > cut and end - cut + size <= len(low))


@lru_cache(maxsize=8)
def _suffix_set(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...]]:
    """The suffixes as a set, and their lengths in increasing order (made once per lexicon)."""
    return frozenset(words), tuple(sorted({len(w) for w in words}))


def _local_forms(name: str, low: str, lex: Lexicon) -> list[str]:
    """The shorter forms a registered name goes on with in its article, when
    the article uses them: without its opening place ('浙江三花智能控制' ->
    '三花智能控制', 'Zhejiang Sanhua Intelligent Controls' -> 'Sanhua Intelligent
    Controls'), then its abbreviation - its first two characters and some of
    the rest, in order, as the article writes it ('三花智能控制' -> '三花智控'),
    found without a dictionary - or, in English, its first word ('Sanhua')."""
    places = _words(lex, "place_prefixes")
    place = next((p for p in places if name.lower().startswith(p.lower()) and len(name) > len(p) + 1), "")
    if not place:
        # a country before a foreign company ('法国赛诺菲' goes on as 赛诺菲): the rest alone, when it is
        # a name the article uses more ('中国人形机器人' is a kind of robot, not 人形机器人)
        world = next((p for p in _words(lex, "world_places") if name.startswith(p) and len(name) > len(p) + 1), "")
        rest = name[len(world):]
        stem = strip_suffix(rest, _words(lex, "industry_suffixes"))
        if world and not _latin(rest) and _count(low, rest.lower()) > _count(low, name.lower()) \
                and not _generic_stem(rest) and not _generic_stem(stem) and stem == rest:
            return [rest]
        return []
    rest = name[len(place):].strip(" -")
    # the name without its place only when the article uses it so ('香港快运' never goes on as 快运),
    # and never when what is left is a common word ('青岛啤酒' never goes on as 啤酒, beer)
    out = [rest] if _count(low, rest.lower()) > _count(low, name.lower()) and not (
        not _latin(rest) and _generic_stem(rest)) else []
    if _latin(rest):
        head = rest.split()[0]
        if len(rest.split()) > 1 and len(head) >= 3 and head.lower() not in _words(lex, "generic") and \
                len(_word_rx(head.lower(), "a-z0-9", "(?![a-z0-9])").findall(low)) > _count(low, rest):
            out.append(head)
        return out
    if len(rest) >= 4:  # '三花智能控制' -> '三花智控': its first two characters, then some of the rest in order
        found: dict[str, int] = {}
        for m in re.finditer(re.escape(rest[:2].lower()), low):
            tail = re.match(rf"[{_CJK}]{{1,3}}", low[m.end():m.end() + 3])
            for size in range(len(tail.group()) if tail else 0, 0, -1):
                short = rest[:2].lower() + tail.group()[:size]  # type: ignore[union-attr]
                if short != rest.lower() and _subsequence(short[2:], rest[2:].lower()):
                    found[short] = found.get(short, 0) + 1
                    break
        best = max(found, key=lambda f: (found[f], len(f)), default="")
        if best and len(best) >= 3:
            out.append(best)
    return out


def _latin_head(text: str, name: str, lex: Lexicon) -> str:
    """The first word of a Latin name of two words or more, when a Chinese
    article also writes it alone ('Skild AI' ... 'Skild估值'): capitalised, three
    letters or more, no generic word and no name of the entity table."""
    head = _head_word(name, lex)
    if not head:
        return ""
    rest = re.escape(" ".join(name.split()[1:]))
    rx = _word_rx(head, "A-Za-z0-9", rf"(?![A-Za-z0-9])(?!\s*{rest})")  # opens with the head: tried at its places
    alone = next(finditer_at(rx, text, _places_of(text, head)), None)
    return head if alone else ""


def _head_word(name: str, lex: Lexicon, *more: str) -> str:
    """The first word of a Latin name of two words or more that may stand for it: capitalised,
    three letters or more, no generic word, no alias of the entity table, none of the ``[names]``
    lists ``more`` names; '' when there is none."""
    words = name.split()
    if len(words) < 2 or not _latin(name):
        return ""
    head, low = words[0], words[0].lower()
    if len(head) < 3 or not head[0].isupper() or low in _words(lex, "generic") or low in _table_aliases(lex) \
            or any(low in _words(lex, key) for key in more):
        return ""
    return head


def _english_head(text: str, name: str, lex: Lexicon) -> str:
    """The first word of an English name of two words or more, when the article
    goes on with it alone ('Blueprint Medicines' ... "Blueprint's stock surged",
    'Blueprint shareholders'): capitalised, three letters or more, no generic
    word, place or name of the entity table, and written alone - neither after
    another capitalised word nor before the rest of the name - at least twice,
    once inside a sentence."""
    head = _head_word(name, lex, "single_places", "sentence_openers")
    if not head:
        return ""
    rest = re.escape(" ".join(name.split()[1:]))
    alone = [m.start() for m in _word_rx(head, "A-Za-z0-9&.-", rf"(?![A-Za-z0-9&-])(?![ \t]+{rest})").finditer(text)
        if not re.search(r"[A-Z][A-Za-z0-9&.'’-]*[ \t]+$", text[max(0, m.start() - 30):m.start()])]
    inside = [a for a in alone if not _sentence_opening(text, a)]
    return head if len(alone) >= 2 and inside else ""


_ALIASES: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _table_aliases(lex: Lexicon) -> frozenset[str]:
    """Every alias of the entity table (simplified and lower-cased by the lexicon), made once per lexicon."""
    kept = _ALIASES.get(id(lex))
    if kept is None or kept[0] is not lex:
        kept = _ALIASES[id(lex)] = (lex, frozenset(a for e in lex.entities for a in e.aliases))
    return kept[1]


def _subsequence(part: str, whole: str) -> bool:
    """Are ``part``'s characters in ``whole``, in order?"""
    it = iter(whole)
    return all(ch in it for ch in part)


def glued_latin(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Is a Latin table name at ``[start, end)`` the head of a longer name the
    text writes with a legal suffix ('Zijin' in 'Zijin Gold International',
    a spin-off, not Zijin Mining)?  Then it is no mention of the table's company."""
    if not re.match(r"[A-Za-z]", text[start:start + 1]) or (start and re.match(r"[A-Za-z]", text[start - 1])):
        return False
    rx, corporate = _glued_rx(_words(lex, "latin_company_suffixes"), _words(lex, "legal_suffixes"))
    m = rx.match(text, end, end + 60) if rx is not None else None
    return (m is not None and m.group().split()[0].lower() not in corporate) or \
        bool(_glued_acronym(text, text[start:end], end, lex)) or \
        bool(_glued_company(text, text[start:end], end, lex))


def glued_cjk(low: str, start: int, end: int, lex: Lexicon) -> bool:
    """Is a Chinese table name at ``[start, end)`` the head of a longer company name
    ending in a suffix of a trade ('三星' in '三星生物制药', an affiliate with its own
    results; '京东' in '京东物流')?  The longer name must be written at least twice, more
    often than the name alone, and act once (a reporting or speech verb within a few
    characters after it: '三星生物制药在21日的公告中表示').  Corporate words (集团, 控股,
    公司) make no other company ('阿里巴巴集团' is Alibaba)."""
    if end >= len(low) or not _CJK_CHAR.match(low, end) or not _CJK_CHAR.match(low, end - 1):
        return False
    trades = _per_table(_spec(lex), _cjk_trades)
    name = low[start:end]
    for size in range(2, 7):
        tail = low[end:end + size]
        if len(tail) < size or not _CJK_CHAR.match(tail, size - 1):
            return False
        if tail.endswith(trades):
            return _glued_cjk_counts(low, name, name + tail, _cjk_verbs(lex))
    return False


def _cjk_trades(spec: dict) -> tuple[str, ...]:
    """The Chinese suffixes of a trade ([names] cjk_company_suffixes, industry_suffixes)
    that are no corporate word (legal_suffixes: 集团, 控股, 公司)."""
    corporate = frozenset(w for w in spec.get("legal_suffixes", ()) if not _latin(w))
    return tuple(w for w in (*spec.get("cjk_company_suffixes", ()), *spec.get("industry_suffixes", ()))
                 if not _latin(w) and w not in corporate)


@lru_cache(maxsize=8)
def _cjk_verb_rx(verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"[^。!?！？\n]{{0,12}}?(?:{'|'.join(re.escape(v) for v in verbs)})")


def _cjk_verbs(lex: Lexicon) -> tuple[str, ...]:
    return tuple(v for v in (*_words(lex, "reporting_verbs"), *lex.role("speech")) if not _latin(v))


@lru_cache(maxsize=1024)  # asked at every place the name stands: answered once per text
def _glued_cjk_counts(low: str, name: str, longer: str, verbs: tuple[str, ...]) -> bool:
    glued = low.count(longer)
    alone = low.count(name) - glued
    if glued < 2 or glued <= alone:
        return False
    rx = _cjk_verb_rx(verbs)
    return any(rx.match(low, end) for end in _ends_of(low, longer))


def _ends_of(low: str, form: str) -> Iterator[int]:
    """Where each place ``low`` writes ``form`` ends, in order."""
    at = low.find(form)
    while at >= 0:
        yield at + len(form)
        at = low.find(form, at + 1)


def _glued_company(text: str, name: str, end: int, lex: Lexicon) -> str:
    """The capitalised word right after a Latin table name that makes it another company
    ('Samsung Biologics', 'JD Logistics': an affiliate with its own listing and results, not
    Samsung Electronics or JD.com): no corporate, generic or place word, written after the
    name at least twice and more often than the name alone, and the longer name acting as
    a company at least once (a reporting or speech verb, or a stock code, right after it:
    'Samsung Biologics said…', 'JD Logistics (2618.HK)').  A product or a segment the
    article names in passing ('Google Cloud revenue') does not act so; '' when none."""
    m = _WORD_AFTER.match(text, end, end + 24)
    if m is None:
        return ""
    word = m.group(1)
    low = word.lower()
    _, corporate = _glued_rx(_words(lex, "latin_company_suffixes"), _words(lex, "legal_suffixes"))
    if low in corporate or low in _words(lex, "generic") or low in _place_names(lex) \
            or low in _lowered(_words(lex, "opening_words")) or low in _words(lex, "trade_acronyms"):
        return ""
    glued, alone = _glued_counts(text, name, word)
    if glued < 2 or (alone and glued <= alone):
        return ""
    return word if _acts(text, f"{name} {word}", lex) else ""


#: a capitalised word of letters after a name ('Biologics', 'Logistics'), then a word's end
_WORD_AFTER = re.compile(r"[ \t]+([A-Z][a-z][A-Za-z-]+)(?![A-Za-z0-9&])")


def _acts(text: str, name: str, lex: Lexicon) -> bool:
    """Does ``text`` write ``name`` as a company acting: right before a reporting or a
    speech verb (``[names] reporting_verbs``, ``speech_verbs``), or before a stock-code
    bracket?"""
    verbs = tuple(v for v in (*_words(lex, "reporting_verbs"), *_words(lex, "speech_verbs")) if _latin(v))
    return _acts_in(text, name, verbs, _words(lex, "exchange_prefixes"))


@lru_cache(maxsize=1024)  # asked at every place the name stands: answered once per text
def _acts_in(text: str, name: str, verbs: tuple[str, ...], prefixes: tuple[str, ...]) -> bool:
    after = "|".join(re.escape(v) for v in verbs)
    rx = _word_rx(name, "A-Za-z0-9", rf"[ \t]*(?:(?<=[ \t])(?:{after})\b|(?=[(（]))")
    codes = _code_brackets(prefixes)
    for m in rx.finditer(text):
        if text[m.end():m.end() + 1] in "(（":
            if codes.match(text, m.end()):
                return True
            continue
        return True
    return False


def _glued_acronym(text: str, name: str, end: int, lex: Lexicon) -> str:
    """The capitals right after a Latin table name that make it another
    company's name ('Samsung SDI', 'Samsung C&T', 'LG CNS': an affiliate, not
    Samsung Electronics): 2-4 capitals, no term of the trade or code
    (``[names] trade_acronyms``), written after the name every time, or at
    least twice and more often than the name alone; '' when there are none."""
    m = _ACRONYM_AFTER.match(text, end, end + 8)
    if m is None or m.group(1).lower() in _words(lex, "trade_acronyms"):
        return ""
    glued, alone = _glued_counts(text, name, m.group(1))
    return m.group(1) if glued >= 1 and (alone == 0 or (glued >= 2 and glued > alone)) else ""


@lru_cache(maxsize=1024)  # asked at every place the name stands: counted once per text
def _glued_counts(text: str, name: str, acronym: str) -> tuple[int, int]:
    """How often ``text`` writes ``name`` followed by ``acronym``, and how often without it."""
    glued = len(_word_rx(name, "A-Za-z0-9", rf"(?![A-Za-z0-9])[ \t]+{re.escape(acronym)}(?![A-Za-z0-9&])")
                .findall(text))
    return glued, _word_count(text, name) - glued


_ACRONYM_AFTER = re.compile(r"[ \t]+([A-Z][A-Z&]{1,3})(?![A-Za-z0-9&])")


@lru_cache(maxsize=8)
def _glued_rx(latin: tuple[str, ...], legal: tuple[str, ...]) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """The words after a name that make it longer, ending in a legal suffix
    (built once per lexicon), and every corporate word (never the name's next word)."""
    legal_words = {x.rstrip(".") for x in legal}
    alt = "|".join(re.escape(w) for w in latin if w.lower().rstrip(".") in legal_words)
    rx = re.compile(rf"(?:[ \t]+[A-Z][a-z]+){{1,2}}[ \t]+(?:{alt})(?![A-Za-z])") if alt else None
    return rx, frozenset(w.lower().rstrip(".") for w in latin)


def _frequency(word: str) -> int:
    import jieba

    jieba.dt.check_initialized()  # the dictionary loads on first use: asked first, it would be empty
    return int(jieba.dt.FREQ.get(word) or 0)


@lru_cache(maxsize=8192)  # a name recurs: count it once (str caches its hash)
def _count(low: str, form: str) -> int:
    return low.count(form.lower()) if form else 0


def _counts(low: str, forms) -> dict[str, int]:
    """``low.count(form)`` of each of ``forms`` (places that do not overlap, the first
    first, as ``str.count`` counts them), all found in one pass (:func:`places`)."""
    return {form: len(_apart(at, len(form))) for form, at in places(low, forms).items()}


def _apart(at: list[int], length: int) -> list[int]:
    """The places of ``at`` (ascending) of a form ``length`` long that ``str.count`` counts
    and ``re.finditer`` finds: the first, then each starting where the last one ended or later."""
    out, next_free = [], 0
    for pos in at:
        if pos >= next_free:
            out.append(pos)
            next_free = pos + length
    return out


#: The characters of ``[A-Za-z0-9]``.
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
#: How many characters from each capital letter :func:`_capitals` files its place under.
_KEY = 3
_CAPITAL = re.compile("[A-Z]")


@lru_cache(maxsize=4)  # one index per text, for every name asked about
def _capitals(text: str) -> dict[str, list[int]]:
    """The places of the capital letters A-Z of ``text`` (ascending), by the ``_KEY``
    characters from each."""
    out: dict[str, list[int]] = {}
    for m in _CAPITAL.finditer(text):
        at = m.start()
        key = text[at:at + _KEY]
        if key in out:
            out[key].append(at)
        else:
            out[key] = [at]
    return out


def _places_of(text: str, name: str) -> list[int]:
    """Where ``text`` writes ``name`` (ascending, overlapping places too): what ``str.find``
    from each place on gives.  A name opening with a capital A-Z (a Latin name) stands only
    at capitals of the text, so its places are those of :func:`_capitals` under its first
    ``_KEY`` characters that it starts: a few places tested instead of a pass through the
    text per name (~1,500 names on 1 MB of English news)."""
    if len(name) >= _KEY and "A" <= name[0] <= "Z":
        return [at for at in _capitals(text).get(name[:_KEY], ()) if text.startswith(name, at)]
    out, at = [], text.find(name)
    while at >= 0:
        out.append(at)
        at = text.find(name, at + 1)
    return out


@lru_cache(maxsize=8192)  # asked at every place a name stands: counted once per text
def _written(text: str, name: str) -> int:
    """How often ``text`` writes ``name`` as it is (case kept): ``text.count(name)``."""
    return len(_apart(_places_of(text, name), len(name))) if name else text.count(name)


@lru_cache(maxsize=4096)
def _word_rx(word: str, not_before: str, rest: str = "") -> re.Pattern[str]:
    """``word`` where no character of the class ``not_before`` stands right before it, then
    ``rest``: the same matches as ``(?<![not_before])word rest``, but the pattern opens with the
    word itself, so ``re`` jumps from one place of it to the next instead of trying the
    lookbehind at every character of the text (20x faster on a long article)."""
    w = re.escape(word)
    return re.compile(rf"{w}(?<![{not_before}]{w}){rest}")


def discover(text: str, low: str, lex: Lexicon, known: list[Hit], cue_words: frozenset[str]) -> list[Organisation]:
    """Organisations named in ``text`` (the cleaned, simplified text; ``low``
    its lower-cased copy) that no table entity (``known`` hits) covers."""
    taken = sorted((h.start, h.end) for h in known)
    starts = [s for s, _ in taken]
    longest = max((e - s for s, e in taken), default=0)

    def free(start: int, end: int) -> bool:  # no known name overlaps [start, end)
        lo, hi = bisect.bisect_left(starts, start - longest), bisect.bisect_left(starts, end)
        return not any(start < e for _, e in taken[lo:hi])

    legal, industry = _words(lex, "legal_suffixes"), _words(lex, "industry_suffixes")
    found: dict[str, set[str]] = {}

    people = _people(text, lex)
    terms = _defined_terms(text)
    custodians = tuple(w.lower() for w in _words(lex, "custodian_words"))
    chinese_text = sum(1 for _ in itertools.islice(_CJK_CHAR.finditer(text), 50)) >= 50

    suffix_words = frozenset(w.lower().rstrip(".") for w in (*legal, *industry, *_words(lex, "latin_company_suffixes")))
    cjk_suffixes = tuple(w for w in (*_words(lex, "cjk_company_suffixes"), *industry) if not _latin(w))

    shown: dict[str, str] = {}  # key -> the Latin form other languages share, when the text glosses one
    measures = _measure_endings(lex, cue_words)
    heads: dict[str, str] = {}  # name -> its first word written alone ('' for none)
    locals_of: dict[str, list[str]] = {}  # name -> its local forms (_local_forms, once per name)
    # Indexes of ``found``, which only ever grows, so that a name found again and again (at every
    # place it stands) costs no pass over every form found so far: every form in the order added,
    # how far each candidate was checked against them (and whether it is inside a longer one),
    # each key's order in ``found``, the key of each lower-cased key, the keys holding each form.
    every_form: list[str] = []
    inside: dict[str, tuple[int, bool]] = {}
    key_rank: dict[str, int] = {}
    key_of_lower: dict[str, str] = {}
    holders: dict[str, list[str]] = {}

    def put(key: str, form: str) -> None:
        if key not in found:
            found[key] = set()
            key_rank[key] = len(key_rank)
            key_of_lower.setdefault(key.lower(), key)
        if form not in found[key]:
            found[key].add(form)
            every_form.append(form)
            holders.setdefault(form, []).append(key)

    def inside_known(low_name: str) -> bool:  # '玛特' once '泡泡玛特' is known: in a longer form found so far
        checked, hit = inside.get(low_name, (0, False))
        if not hit:
            hit = any(low_name in f and low_name != f for f in every_form[checked:])
        inside[low_name] = (len(every_form), hit)
        return hit

    def keys_of(low_name: str) -> list[str]:  # the keys named so or holding the form
        return [*holders.get(low_name, ()), *([key_of_lower[low_name]] if low_name in key_of_lower else [])]

    def add(name: str, *others: str, coded: bool = False, gloss: str = "", placed: bool = False,
            designated: bool = False) -> None:
        # "China's Zijin Gold", "Billionaire Richard Li's FWD": the name after the owner
        name = re.sub(r"^(?:[A-Z][A-Za-z.-]*\s+){0,3}[A-Z][A-Za-z.-]*['’]s\s+(?=[A-Z])", "", name.strip(" ,.·"))
        name = strip_suffix(re.sub(r"['’]s$", "", name), legal)  # "Klarna's": the name
        name = _without_opening_words(name, lex)  # 'The ACMR', 'Retailer Best Buy': the name after
        if name.lower() in _place_names(lex):
            return  # 'China accounts for 30% of…', 'Swiss sneaker maker…': a place, no organisation
        if all(w.rstrip(".") in suffix_words for w in name.lower().split()):
            return  # 'Group Holding', 'Co Ltd': corporate words, no name
        if not _latin(name) and strip_suffix(name, cjk_suffixes) in cjk_suffixes:
            return  # '机器人公司', '科技集团': a kind of company and a corporate word, no name
        if not _latin(name) and (name.lower().endswith(measures)
                                 or "的" in name):
            return  # '净利息收入', '股本回报率': what a figure measures; '…业务的商业账目': a phrase
        if not _latin(name) and _part_word(name, lex):
            return  # '财富部门', '食品业务收益': a line of business of a company, no company
        if not _latin(name) and name.endswith(_words(lex, "people_endings")):
            return  # '营销专业人士', '机构投资者': people, no organisation
        if name in terms:
            return  # 'net interest margin (NIM)' ... 'The bank NIM rose': a term's acronym
        generic = _plain_generic(lex, name, cue_words) if coded else \
            _placed_generic(lex, name, cue_words, low) if placed else _generic(lex, name, cue_words)
        if generic or name.lower() in people or any(w in name.lower() for w in custodians):
            return  # a custodian ('HKSCC Nominees') holds shares for others: no party
        # the short name an article designates joins its full name's organisation
        full = {strip_suffix(o.strip(" ,.·"), legal).lower() for o in others} if designated else set()
        owners = [k for f in full for k in keys_of(f)]
        if not owners and inside_known(name.lower()):
            return  # '玛特' once '泡泡玛特' is known
        keys = owners or keys_of(name.lower())  # the first key (in found's order), else the name itself
        key = min(keys, key=key_rank.__getitem__) if keys else name
        put(key, name.lower())
        short = strip_suffix(name, industry + legal)
        if short != name and not _generic(lex, short, cue_words) and (not _latin(short) or " " not in short
                                                                       or _count(low, short) > _count(low, name)):
            put(key, short.lower())
        for other in others:
            other = strip_suffix(other.strip(" ,.·"), legal)
            if other and not _generic(lex, other, cue_words):
                put(key, other.lower())
        if short not in locals_of:  # asked each time the name is found: once per name
            locals_of[short] = [f for f in _local_forms(short, low, lex) if not _placed_generic(lex, f, cue_words, low)]
        local = list(locals_of[short])
        if short not in heads:  # asked each time the name is found: once per name
            heads[short] = _latin_head(text, short, lex) if chinese_text else _english_head(text, short, lex)
        head = heads[short]
        if head:
            local.append(head)  # '...参与Skild AI最新一轮融资...Skild估值将...': Skild AI
        for f in local:  # '浙江三花智能控制' goes on as 三花智控: shown as the article uses it
            put(key, f.lower())
        chinese = [f for f in local if not _latin(f)]
        if chinese:
            shown.setdefault(key, max(chinese, key=lambda f: _count(low, f.lower())))
        if gloss:
            shown.setdefault(key, strip_suffix(gloss.strip(" ,.·"), legal))
        if designated:
            shown[key] = name  # the short name the article designates ('("Manulife")') is how it is shown

    _by_of_name(text, free, add, lex)
    _by_code(text, low, free, add, lex, cue_words)
    _by_suffix(text, low, free, add, lex)
    _by_glued_acronym(text, free, add, lex)
    _by_verb(text, low, free, add, lex, cue_words)
    _by_headline(text, low, add, lex, cue_words)
    _by_latin_in_chinese(text, low, free, add, lex, cue_words)
    _by_brand(text, free, add, lex)
    _by_use(text, low, free, add, lex)
    _by_apposition(text, low, free, add, lex, cue_words)
    _by_gloss(text, free, add, lex, cue_words)
    _by_designation(text, free, add, lex)
    _by_deal_verb(text, free, add, lex)
    _by_english_headline(text, low, free, add, lex)
    _by_results_headline(text, free, add, lex)
    _by_company_verb(text, low, free, add, lex)
    _by_period_results(text, low, free, add, lex, cue_words)
    _by_staff(text, low, free, add, lex)
    _by_initials(text, free, add, lex, lambda name: bool(keys_of(name.lower())))
    # weaker evidence, only when nothing else names an organisation: a later clause of the
    # headline, then (the weakest) the word that keeps opening the runs before metric words
    unnamed = not any(h.kind in lex.role("organisation_types") for h in known)
    if unnamed and not found:
        _by_headline_clause(text, low, add, lex, cue_words)
    if unnamed and not found:
        _by_recurrence(low, free, add, lex, cue_words)
    out = []
    for name, forms in found.items():
        display = shown.get(name, name)
        out.append(Organisation(display, tuple(sorted(forms, key=len, reverse=True))))
    return out


def _without_opening_words(name: str, lex: Lexicon) -> str:
    """A Latin name without the capitalised words that open its sentence before it
    (cues.toml [names] ``opening_words``: an article, a modal or question word, what
    the company is): 'The ACMR (NASDAQ: ACMR)' is ACMR, 'Can Rolls-Royce Holdings keep
    ...' Rolls-Royce Holdings, 'Retailer Best Buy Co Inc.' Best Buy Co Inc.  Only
    while a capitalised word follows, so a name is never left empty."""
    if not _latin(name):
        return name
    words = name.split(" ")
    opening = _lowered((*_words(lex, "opening_words"), *_words(lex, "sentence_openers")))
    k = 0
    while k < len(words) - 1 and words[k][:1].isupper() and words[k].lower() in opening \
            and words[k + 1][:1].isupper():
        k += 1
    return " ".join(words[k:]) if k else name


def _place_names(lex: Lexicon) -> frozenset[str]:
    """Every place the lexicon knows, lower-cased: ``[names] places``, ``single_places``
    (with the adjectives of peoples) and ``world_places``."""
    return _lowered((*_words(lex, "places"), *_words(lex, "single_places"), *_words(lex, "world_places")))


@lru_cache(maxsize=8)
def _lowered(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _measure_endings(lex: Lexicon, cue_words: frozenset[str]) -> tuple[str, ...]:
    """What a Chinese name never ends with: the metric cue words (收入, 回报率, 利润) of
    two characters or more but those a name of the entity table ends with (伊利股份,
    星际之门计划), and ``[names] measure_endings`` (载客率, 财年)."""
    return _endings(cue_words, _table_aliases(lex), _words(lex, "measure_endings"))


@lru_cache(maxsize=8)
def _endings(cue_words: frozenset[str], aliases: frozenset[str], measures: tuple[str, ...]) -> tuple[str, ...]:
    cues = [w for w in cue_words if len(w) >= 2 and not _latin(w)]
    tails = {a[k:] for a in aliases for k in range(1, len(a))}  # every ending of an alias but the alias itself
    named = {w for w in cues if w in tails}
    return (*(w for w in cues if w not in named), *measures)


def short_aliases(lex: Lexicon, low: str, index: WordIndex | None = None) -> dict[str, tuple[str, str]]:
    """Short forms of the table's Chinese aliases that ``low`` uses, as news
    writes them: an alias with a corporate suffix without it ('雷诺集团' ->
    '雷诺', '小鹏汽车' -> '小鹏'), when the stem is two characters or more, no
    generic word, no word of the dictionary ('民生银行' is no '民生') and no
    other entity's alias.  Word -> (canonical name, type), as entity_words.
    ``index``: a word index of ``low`` holding :func:`short_alias_stems`."""
    table = _short_table(lex)
    used = index.holding(tuple(table)) if index is not None and index.low is low else None
    if used is None:
        used = _used(low, tuple(table))
    places = _place_stems(lex)
    return {stem: ent for stem, ent in table.items() if stem in used and not _generic_stem(stem) and stem not in places}


def _place_stems(lex: Lexicon) -> frozenset[str]:
    """Places no short form of a company can be ('宁波银行' is no '宁波', '上海汽车' no
    '上海'): the place prefixes of registered names and the world's places
    (``[names] place_prefixes``, ``world_places``)."""
    return frozenset((*_words(lex, "place_prefixes"), *_words(lex, "world_places")))


def short_alias_stems(lex: Lexicon) -> tuple[str, ...]:
    """Every stem :func:`short_aliases` looks for in a text (for a shared word index)."""
    return tuple(_short_table(lex))


def _short_table(lex: Lexicon) -> dict[str, tuple[str, str]]:
    kept = _SHORT.get(id(lex))
    if kept is None or kept[0] is not lex:
        kept = _SHORT[id(lex)] = (lex, _short_aliases(lex))
    return kept[1]


def _used(low: str, words: tuple[str, ...]) -> set[str]:
    """The words of ``words`` that occur in ``low``: one Aho-Corasick pass,
    not one search of the whole text per word."""
    auto = _automaton(words)
    return set() if auto is None else {word for _, (word, _, _) in auto.iter(low)}


_SHORT: dict[int, tuple[Lexicon, dict[str, tuple[str, str]]]] = {}


def _short_aliases(lex: Lexicon) -> dict[str, tuple[str, str]]:
    suffixes = tuple(s for s in _words(lex, "cjk_company_suffixes") if not _latin(s))
    taken = _table_aliases(lex)
    out: dict[str, tuple[str, str]] = {}
    for ent in lex.entities:
        if ent.type not in lex.role("organisation_types"):
            continue
        for alias in ent.aliases:
            stem = strip_suffix(alias, suffixes)
            if (stem != alias and len(stem) >= 2 and not _latin(stem) and stem not in taken
                    and stem.lower() not in _words(lex, "generic")):
                out.setdefault(stem, (ent.name, ent.type))
    return out


@lru_cache(maxsize=4096)
def _generic_stem(stem: str) -> bool:
    """A stem the dictionary knows as a common word, not a name ('长城' is a
    place name and a name; '中国', '科技' are common words)."""
    tokens = segment(stem)
    return len(tokens) == 1 and tokens[0][1] not in _NAME_TAGS and _frequency(stem) > 0


#: the last text and lexicon asked about, and their answer: one tuple, replaced whole (a
#: thread reads either the old one or the new one, never half of each)
_PEOPLE: tuple[str, Lexicon, set[str]] | None = None


def _people(text: str, lex: Lexicon) -> set[str]:
    """:func:`_people_in`, kept for the last text asked about (discovery asks it per candidate name)."""
    global _PEOPLE
    kept = _PEOPLE
    if kept is not None and kept[0] is text and kept[1] is lex:
        return kept[2]
    answer = _people_in(text, lex)
    _PEOPLE = (text, lex, answer)
    return answer


def _people_in(text: str, lex: Lexicon) -> set[str]:
    """Names the article gives a person's title ('董事长兼CEO雷军', 'CFO Mark
    Murphy'): people, not organisations."""
    roles = "|".join(re.escape(r) for r in sorted(lex.role("person_roles"), key=len, reverse=True))
    if not roles:
        return set()
    out = set()
    # a match opens with a role: tried only where one of their first characters stands
    starts = [m.start() for m in opening_chars(lex.role("person_roles")).finditer(text)]
    for m in finditer_at(re.compile(rf"(?i)(?:{roles})\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}})"), text, starts):
        out |= {m.group(1).lower(), m.group(0).lower()}
    for m in finditer_at(re.compile(rf"(?i)(?:{roles})\s*([{_CJK}]{{2,4}})"), text, starts):
        first = segment(m.group(1))[0][0]
        out.add(first if len(first) >= 2 else m.group(1)[:2])
    return out


_OWNER_S = re.compile(r"['’]s\b")


def _by_of_name(text: str, free, add, lex: Lexicon) -> None:
    """An English name "<head> of <name>" ('Bank of East Asia', 'Royal Bank of Canada';
    ``[names] of_heads``), capitalised words before the head included, named at
    least twice or owning something: one name, found before the place after "of"
    can be taken for one."""
    heads = "|".join(re.escape(h) for h in sorted(_words(lex, "of_heads"), key=len, reverse=True))
    if not heads:
        return
    rx = re.compile(rf"(?<![A-Za-z0-9&.-])((?:{_WORD}[ \t]+(?:and[ \t]+)?){{0,3}}(?:{heads})[ \t]+of[ \t]+"
                    rf"(?:the[ \t]+)?{_WORD}(?:[ \t]+{_WORD}){{0,2}})")
    for m in rx.finditer(text):
        name = m.group(1)
        if name.split()[0].lower() in (*_words(lex, "sentence_openers"), "the", "a", "an"):
            name = name.split(" ", 1)[1]
        if (_written(text, name) >= 2 or _OWNER_S.match(text, m.end(1))) and free(m.end(1) - len(name), m.end(1)):
            add(name, coded=True)  # its head vouches for it ('of' inside is no lower-case run of words)


#: A Hong Kong or STAR share-class marker between a name and its code: weighted voting
#: rights (-W, -SW), secondary listing (-S), pre-profit biotech (-B), unprofitable (-U)
_SHARE_CLASS = re.compile(r"[-－](?:SW|WD|W|S|B|U|P|R)[ \t]*$")


#: a dateline opening a line: a city in capitals, then the news agency in brackets and a dash
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z .,'’-]*[A-Z]\.?[ \t]*$")
_DASH_AFTER = re.compile(r"[ \t]*[-–—]")


def _by_code(text: str, low: str, free, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    for m in _code_brackets(_words(lex, "exchange_prefixes")).finditer(text):
        code = m.group().strip(" ()（）[]").lower()  # several listings: never one generic word
        if code in _words(lex, "generic") or code in _words(lex, "trade_acronyms"):
            continue  # '高频宽记忆体 (HBM)', '股本回报率(ROE)': an acronym of the trade, no stock code
        if _DATELINE_BEFORE.search(text, max(0, m.start() - 40), m.start()) and _DASH_AFTER.match(text, m.end()):
            continue  # 'TOKYO (AP) —', 'ISTANBUL (AA) -': a dateline's city and news agency
        if _part_head_after(low, m.end(), lex):
            continue  # '工厂自动化(FA)部门', 'Power Systems (PS) division': a part's abbreviation, no listing
        before, latin = m.start(), None
        lm = None
        for lm_ in _LATIN_IN_BRACKETS.finditer(text, max(0, m.start() - 64), m.start()):
            if lm_.end() == m.start():
                lm = lm_
        if lm is not None:
            latin, before = lm.group(1), lm.start()
        elif m.group("gloss"):  # '美敦力(Medtronic, NYSE: MDT)': the name in Latin letters in the bracket
            latin = m.group("gloss").strip()
        share_class = _SHARE_CLASS.search(text[max(0, before - 8):before])
        if share_class:  # '快手-W(01024)', 'KUAISHOU-W (01024)': the listing's class, no part of the name
            before -= len(share_class.group())
        name = _name_before(text, low, before, lex, cue_words, coded=True)
        coded = bool(name)
        acronym = m.group().strip(" ()（）[]")
        if not latin and len(acronym) >= 3 and re.fullmatch(r"[A-Z][A-Za-z]{2,5}", acronym):
            # 'Adani Ports and Special Economic Zone (APSEZ)': the words the acronym spells,
            # across the 'and' that ends a name read back from the bracket
            spelt = _spelt_by(text, before, acronym)
            if len(spelt) > len(name) and spelt.endswith(name):
                name, coded = spelt, True
        tail = "" if latin else _coded_tail(text[max(0, before - 24):before], lex)
        if not name or (len(tail) > len(name) and tail.endswith(name)
                        and not _generic_words(tail[:-len(name)], lex)):
            # named once, the code is evidence enough for the words before it; and a
            # recurring word that is the end of the words before the code ('积电' of 台积电,
            # '先进' of 世界先进) is no name, they are ('公司小马智行' stays 小马智行)
            name, coded = (tail, True) if tail else (name, coded)
        if name and _cue_phrase(name, cue_words):
            continue  # 'Operating Profit Margin (OPM)': a metric and its acronym, no company and its code
        if name and not latin and acronym.isascii() and acronym.isalpha() and _frequency(name) > 0 \
                and _not_a_name(name, lex):
            continue  # '数控(NC)装置', '人工智能(AI)': a dictionary word and its acronym, no company and its code
        if name and free(before - len(name), before):
            add(name, *([latin] if latin else []), coded=coded)
        elif latin:
            add(latin)


def _part_head_after(low: str, at: int, lex: Lexicon) -> bool:
    """Does a word naming a part of a company (cues.toml [roles] ``part_heads``: 部门,
    业务, segment, division...) follow ``at``, a bracket's end, as a word of its own?"""
    rest = low[at:at + 16].lstrip(" \t")
    for head in lex.role("part_heads"):
        if rest.startswith(head) and not (_latin(head) and rest[len(head):len(head) + 1].isalpha()):
            return True
    return False


def _cue_phrase(name: str, cue_words: frozenset[str]) -> bool:
    """Does a Latin name hold a cue of two words or more ('Operating Profit Margin'
    holds 'operating profit'): the words of a figure, written in capitals?"""
    words = name.lower().split()
    return any(" ".join(words[i:j]) in cue_words for i in range(len(words)) for j in range(i + 2, len(words) + 1))


def _generic_words(words: str, lex: Lexicon) -> bool:
    """Are ``words`` one generic or corporate word ('公司', '集团'), no part of a name?"""
    low = words.lower()
    return low in _words(lex, "generic") or low in _words(lex, "legal_suffixes") or low in _words(lex, "descriptors")


#: Characters of function words a name may follow directly ('与小马智行', '由台积电').
_FUNCTION_CHARS = "的了在与和及对为是将也而但就都从被把于据让使向由"

#: jieba tags a name never holds and that end the words before it ('…第一股的|摩尔线程',
#: '据悉|沐曦股份'): particles, prepositions, conjunctions, pronouns, numerals, time words
_BEFORE_NAME_TAGS = ("u", "p", "c", "r", "m", "t")


def _coded_tail(head: str, lex: Lexicon) -> str:
    """The name right before a stock code that the article names only there:
    the Chinese run before the code, after its last function word, verb or
    descriptor ('龙头企业|壁仞科技'; by jieba's tags and ``[names] descriptors``),
    2-8 characters; '' when there is none.  A registered name (ending in
    有限公司) is a name throughout, verbs and all ('浙江三花智能控制股份有限公司':
    控制 is no verb there), up to 20 characters."""
    run = re.search(rf"[{_CJK}]+$", head.rstrip())
    if not run:
        return ""
    text = run.group()
    registered = next((s for s in _longest_first(_words(lex, "legal_suffixes"))
                       if s.endswith("有限公司") and text.endswith(s) and len(text) > len(s) + 1), "")
    tokens = segment(text[: len(text) - len(registered)] if registered else text)
    if not tokens or tokens[-1][1].startswith(_BEFORE_NAME_TAGS):
        return ""  # '这家(沪:688999)': a pronoun, no name
    descriptors = _words(lex, "descriptors")
    cut = 0
    for i, (word, flag) in enumerate(tokens[:-1]):  # a name is not all suffix: the last word stays
        cuts = ("u", "p", "c", "r") if registered else _BEFORE_NAME_TAGS  # 三 of 三花 is no numeral there
        if (flag.startswith(cuts) or (flag == "v" and len(word) >= 2 and not registered)
                or any(d in word for d in descriptors)):
            cut = i + 1
    tail = "".join(word for word, _ in tokens[cut:]) + registered
    return tail if 2 <= len(tail) <= (20 if registered else 8) else ""


def _placed_generic(lex: Lexicon, name: str, cue_words: frozenset[str], low: str = "") -> bool:
    """:func:`_generic` for a name its place vouches for (the subject of a
    reporting verb, a stem with a corporate suffix, each named again): many
    names are ordinary words to a dictionary (速腾 / 聚创, 零 / 跑 / 汽车, 理想 /
    汽车), so the dictionary only rules out what a name never is - words with
    a particle, preposition, conjunction, pronoun, time word or numeral word
    ('的', '在', '与', '该', '第三季度', '百里'), ending in a place word, an
    adjective or an adverb ('合并后', '规模更大'),
    one verb, adjective or numeral ('带动'), or a very common word ('公司') - and the
    text rules out a sector: a candidate the article writes right before a
    sector word ('新能源汽车行业', '自动驾驶领域'; ``[names] sector_after``)."""
    if _plain_generic(lex, name, cue_words):
        return True
    if _latin(name):
        return _generic(lex, name, cue_words)
    if any(d in name for d in _words(lex, "descriptors")):
        return True
    cues = _cjk_cue_automaton(cue_words)
    if cues is not None and next(cues.iter(name.lower()), None) is not None:
        return True
    stem = strip_suffix(name, _words(lex, "industry_suffixes") + _words(lex, "legal_suffixes")).lower()
    tokens = segment(stem)
    if any(flag[:1] in "upcrt" or (flag[:1] == "m" and len(word) > 1) for word, flag in tokens) \
            or tokens[-1][0] in _words(lex, "generic") or tokens[-1][1] in ("f", "a", "ad", "d", "vd"):
        return True
    if len(tokens) > 1 and tokens[0][0] in _words(lex, "generic") and tokens[0][1] not in _NAME_TAGS:
        return True  # '集团系列公司', '业绩全面下滑', '全球啤酒': a generic noun opens it (a place may: 中国石油)
    # one word: a verb, adjective, numeral, measure, distinguishing (附属), time or place word of
    # the dictionary (带动, 系列); a word the dictionary barely knows (宏碁, 3) has a guessed tag,
    # no evidence against a name
    if len(tokens) == 1 and ((tokens[0][1][:1] in "vadmtfqb"
                              and _frequency(tokens[0][0]) >= int(_spec(lex).get("placed_rare_frequency", 20))) or (
            tokens[0][1] not in _NAME_TAGS
            and _frequency(tokens[0][0]) >= int(_spec(lex).get("placed_common_frequency", 2000)))):
        return True
    if low:
        sectors = _words(lex, "sector_after")
        return any(_before_sector(low, form, sectors) for form in {name.lower(), stem})
    return False


@lru_cache(maxsize=4096)  # one answer per form and text: a name is asked about at each place it stands
def _before_sector(low: str, form: str, sectors: tuple[str, ...]) -> bool:
    """Does ``low`` write ``form`` right before a sector word anywhere?"""
    return any(low.startswith(sectors, end) for end in _ends_of(low, form))


def _per_table(table: Any, make: Callable[[Any], Any]) -> Any:
    """``make(table)``, made once per lexicon table (kept with the table itself, so a
    reused id is never another table's)."""
    kept = _PER_TABLE.get((id(table), make))
    if kept is None or kept[0] is not table:
        kept = _PER_TABLE[(id(table), make)] = (table, make(table))
    return kept[1]


_PER_TABLE: dict[tuple[int, Callable[[Any], Any]], tuple[Any, Any]] = {}


def _change_words(lex: Lexicon) -> frozenset[str]:
    """Every word of cues.toml ``[change]`` (its bases 同比/环比/按年, its rises and
    falls), lower-cased: a change's words are never a name."""
    return _per_table(lex.change, _words_of_lists)


def _words_of_lists(table: dict) -> frozenset[str]:
    return frozenset(str(w).lower() for v in table.values() if isinstance(v, (list, tuple)) for w in v)


def _plain_generic(lex: Lexicon, name: str, cue_words: frozenset[str]) -> bool:
    """:func:`_generic` without the dictionary test, for a name a stock code
    vouches for (jieba reads '沐曦' as a verb and a surname)."""
    low = name.lower().strip()
    if len(low) < 2 or any(ch.isdigit() for ch in low) or low in _words(lex, "generic") or low in cue_words:
        return True
    if low in _change_words(lex):  # '环比', '同比', '增长': how a figure moved, never who owns it
        return True
    if _CJK_CHAR.match(low):
        tokens = segment(low)  # '上半年', '前三季度' before a code: a time, never who is listed
        if all(flag in ("t", "mq", "f") for _, flag in tokens) and any(flag != "f" for _, flag in tokens):
            return True
        if low.endswith(_words(lex, "region_endings")):
            return True  # '非洲地区(EMEA)': a region and its acronym
    stem = strip_suffix(name, _words(lex, "industry_suffixes") + _words(lex, "legal_suffixes"))
    return len(stem) < 2 or stem.lower() in _words(lex, "generic") or any(d in low for d in _words(lex, "descriptors"))


#: a time word between a name and its verb ('28日', '7月28日', '周二', '昨日', '晚间')
_WHEN = re.compile(r"(?:\s*(?:[（(]\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]\s*[)）]?"
                   r"|\s*(?:周|星期|礼拜)[一二三四五六日天]|当地时间|今日|近日|日前|昨日|前日|今天|昨天|前天|\s*晚间|\s*早间|\s*盘后|\s*盘前|\s*收盘后)+$")


#: a legal form written after a comma at the end of a name ('Tyson Foods, Inc.', 'Acme, Ltd.')
_COMMA_LEGAL = re.compile(r"(?<=[A-Za-z0-9])[ \t]*,[ \t]*(?:Inc|Corp|Ltd|LLC|L\.P|Co|plc|PLC|S\.A|N\.V|AG|SE)\.?$")


def _name_before(text: str, low: str, end: int, lex: Lexicon, cue_words: frozenset[str],
                 coded: bool = False, placed: bool = False) -> str:
    """The name that ends at ``end`` (a time word before the verb skipped:
    'SK海力士28日发布'): Latin words, or the longest tail of the Chinese run
    before it that the article names again (or that carries a corporate suffix).
    ``coded``: a stock code follows, which vouches for a name the dictionary
    reads as words ('名创优品集团(NYSE:MNSO)': jieba reads 名 / 创优 / 品)."""
    head = _WHEN.sub("", text[max(0, end - 40):end].rstrip()).rstrip()
    # 'Tyson Foods, Inc. (NYSE:TSN)': the legal form after a comma is no part of the name's words
    head = _COMMA_LEGAL.sub("", head)
    # a line break ends a name ('…Earnings Call Highlights\n\nUnited Airlines (NASDAQ:UAL)')
    latin = re.search(r"((?:[A-Z][A-Za-z0-9&'’.-]*|[A-Z]{2,})(?:[ \t]+[A-Z][A-Za-z0-9&'’.-]*){0,3})$", head)
    if latin and not re.search(rf"[{_CJK}]$", head):
        return latin.group(1)
    run = re.search(rf"([A-Za-z]+\s?[{_CJK}]+|[{_CJK}]+)$", head)
    if not run:
        return ""
    words = run.group(1)
    if run.start(1) and head[run.start(1) - 1].isdigit() and words[:1] in _AFTER_NUMERAL:
        words = words[1:]  # '2025年上半年(01378)': 年 ends the number's year, no name's start
    return _recurring_tail(words, low, lex, cue_words, coded, placed) if len(words) >= 2 else ""


def _recurring_tail(run: str, low: str, lex: Lexicon, cue_words: frozenset[str], coded: bool = False,
                    placed: bool = False) -> str:
    """The longest tail (2-8 characters) of a Chinese run that the article
    names again, by itself or without its suffix, or that ends in a corporate
    suffix after a descriptor ('全球存储芯片巨头美光科技' -> '美光科技')."""
    suffixes = _words(lex, "industry_suffixes") + _words(lex, "legal_suffixes")
    inside = _inside_words(run)
    for size in range(min(8, len(run)), 1, -1):
        tail = run[-size:]
        generic = _plain_generic(lex, tail, cue_words) if coded else \
            _placed_generic(lex, tail, cue_words, low) if placed else _generic(lex, tail, cue_words)
        if generic or tail[0] in _FUNCTION_CHARS or len(run) - size in inside:
            continue
        short = strip_suffix(tail, suffixes)
        if _count(low, tail) >= 2 or (short != tail and _count(low, short) >= 2):
            return tail
    return ""


def _inside_words(run: str) -> frozenset[int]:
    """Offsets of ``run`` that fall inside a dictionary word of two characters or
    more, as jieba cuts it ('中国石油交出': a tail starting at 国 cuts 中国, so '国石油'
    is no name; '预计归属于': 计 is inside 预计).  Words no dictionary knows (a name
    jieba reads whole) do not count: a name may start inside them."""
    inside: set[int] = set()
    at = 0
    for word, _ in segment(run):
        if len(word) >= 2 and _frequency(word) > 0:
            inside.update(range(at + 1, at + len(word)))
        at += len(word)
    return frozenset(inside)


def _by_glued_acronym(text: str, free, add, lex: Lexicon) -> None:
    """A Latin table name with the capitals that make it another company's
    name ('Samsung SDI'; :func:`_glued_acronym`): that company."""
    aliases = _table_aliases(lex)
    for m in re.finditer(r"(?<![A-Za-z0-9&.-])([A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?)(?=[ \t]+[A-Z][A-Z&]{1,3}"
                         r"(?![A-Za-z0-9&]))", text):
        name = m.group(1)
        if name.lower() not in aliases:
            name = name.split()[-1]
            if name.lower() not in aliases:
                continue
        acronym = _glued_acronym(text, name, m.end(1), lex)
        if acronym and free(m.end(1) - len(name), m.end(1) + 1 + len(acronym)):
            add(f"{name} {acronym}")


#: Capitalised words (joined by of / and / the / &) right before an acronym in brackets:
#: 'Royal Bank of Canada (RBC)', 'Hutchison Port Holdings (HPH)'
_INITIALED = re.compile(r"((?:[A-Z][A-Za-z0-9&.'’-]*[ \t]+(?:(?:of|and|the|for|&)[ \t]+)?){2,8})"
                        r"[(（][ \t]*([A-Z][A-Za-z]{1,5})[ \t]*[)）]")


#: Lower-case words and the capitals of an acronym in brackets right after them.
_TERM_DEFINED = re.compile(r"((?:[a-z][a-z-]*[ \t]+){0,5}[a-z][a-z-]*)[ \t]*[(（][ \t]*([A-Z]{2,6})[ \t]*[)）]")


#: The bracketed capitals ``_TERM_DEFINED`` ends with, and the characters its words and the
#: spaces between them are made of.
_BRACKETED_CAPITALS = re.compile(r"[(（][ \t]*[A-Z]{2,6}[ \t]*[)）]")
_TERM_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz- \t")


def _term_definitions(text: str) -> Iterator[re.Match[str]]:
    """``_TERM_DEFINED.finditer(text)``, found from the bracketed capitals back: the pattern
    opens with a lower-case letter, so ``finditer`` tries it (reading up to six words on) at
    every lower-case letter of the text (~0.6 s per MB of English).  A match runs over
    lower-case letters, hyphens, spaces and tabs only up to its bracket, so it starts in the run
    of those characters right before one: searched there alone (the run never holds the
    bracket that closed the match before, so matches do not overlap, as finditer's)."""
    for b in _BRACKETED_CAPITALS.finditer(text):
        lo = b.start()
        while lo and text[lo - 1] in _TERM_CHARS:
            lo -= 1
        if (m := _TERM_DEFINED.search(text, lo, b.end())) is not None:
            yield m


def _defined_terms(text: str) -> frozenset[str]:
    """Acronyms the text defines as the initials of lower-case words ('net interest
    margin (NIM)', 'earnings per share (EPS)'): terms of the trade, never names (a
    name's words are capitalised)."""
    out = set()
    for m in _term_definitions(text):
        words, acronym = m.group(1).split(), m.group(2)
        if len(words) >= len(acronym) and "".join(w[0] for w in words[-len(acronym):]).upper() == acronym:
            out.add(acronym)
    return frozenset(out)


def _spelling(words: list[str], capitals: list[int], acronym: str) -> int | None:
    """The index (into ``capitals``, the capitalised ones of ``words``) of the first of
    the fewest last capitalised words whose initials spell ``acronym``, or None."""
    for k in range(len(capitals) - 1, -1, -1):
        initials = "".join(words[i][0] for i in capitals[k:])
        if len(initials) > len(acronym):
            break
        if initials.upper() == acronym.upper():
            return k
    return None


#: The capitalised words (with of / and / the / for / & between them) right before a place.
_INITIALED_BEFORE = re.compile(r"((?:[A-Z][A-Za-z0-9&.'’-]*[ \t]+(?:(?:of|and|the|for|&)[ \t]+)?){1,7}"
                               r"[A-Z][A-Za-z0-9&.'’-]*)[ \t]*$")


def _spelt_by(text: str, end: int, acronym: str) -> str:
    """The name right before ``end`` whose capitalised words' initials spell ``acronym``
    ('Adani Ports and Special Economic Zone' before '(APSEZ)'), or ''."""
    m = _INITIALED_BEFORE.search(text[max(0, end - 160):end])
    if not m:
        return ""
    words = m.group(1).split()
    capitals = [i for i, w in enumerate(words) if w[0].isupper()]
    k = _spelling(words, capitals, acronym)
    return "" if k is None else " ".join(words[capitals[k]:]).rstrip(" ,.")


def _by_initials(text: str, free, add, lex: Lexicon, named) -> None:
    """A Latin name and the acronym of its words' initials in brackets right after it,
    the acronym written again elsewhere ('Royal Bank of Canada (RBC) ... RBC's fourth
    quarter'): one organisation, under the full name, when the full name is an
    organisation's by other evidence (``named``: found so far) or ends in a company
    suffix ('Indonesia Battery Corporation (IBC)').  The initials of a term ('Employee
    Stock Ownership Plan (ESOP)', 'Gross Profit Margin (GPM)') name no one."""
    suffixes = tuple(w.lower() for w in _words(lex, "latin_company_suffixes"))
    for m in _INITIALED.finditer(text):
        acronym = m.group(2)
        if acronym.lower() in _words(lex, "trade_acronyms") or acronym.lower() in _words(lex, "generic"):
            continue
        words = m.group(1).split()
        capitals = [i for i, w in enumerate(words) if w[0].isupper()]
        k = _spelling(words, capitals, acronym)  # the fewest words whose initials spell it
        if k is None:
            continue
        name = " ".join(words[capitals[k]:]).rstrip(" ,.")
        name = re.sub(r"['’]s$", "", name)
        if name.split()[-1].lower() in _words(lex, "term_endings"):
            continue
        again = _word_count(text, acronym) >= 2  # written again as a whole word
        start = m.start(1) + len(" ".join(words[:capitals[k]])) + (1 if capitals[k] else 0)
        if again and (named(name) or name.lower().endswith(suffixes)) and free(start, m.end()):
            add(name, acronym, coded=True)


def _by_suffix(text: str, low: str, free, add, lex: Lexicon) -> None:
    latin = "|".join(re.escape(s) for s in sorted(_words(lex, "latin_company_suffixes"), key=len, reverse=True))
    if latin:
        word = r"(?:[A-Z][A-Za-z0-9&'’.-]*|[A-Z]{2,})"
        # words of one line: a title-case headline's last words never run into the next line's name
        rx = re.compile(rf"(?<![A-Za-z0-9])({word}(?:[ \t]+[A-Z][A-Za-z0-9&'’.-]*){{0,3}}?)[ \t]+"
                        rf"(?:{latin})(?![A-Za-z0-9])")
        for m in rx.finditer(text):
            if free(m.start(1), m.end()) and m.group(1).split()[0].lower() not in _words(lex, "generic"):
                add(m.group(0))
    cjk = "|".join(re.escape(s) for s in sorted(_words(lex, "cjk_company_suffixes"), key=len, reverse=True))
    vouched_names: dict[str, bool] = {}
    if cjk:
        for m in _suffixed(text, cjk):
            stem, start = m.group(1), m.start()
            if start and re.match(rf"[{_CJK}]", text[start - 1]):
                # '2025年第三季度华星科技': the run began at a date's 年 before the match
                b = start
                while b > 0 and start - b < 4 and re.match(rf"[{_CJK}]", text[b - 1]):
                    b -= 1
                if b > 0 and re.match(rf"[{_CJK}]", text[b - 1]):
                    continue
                stem, start = text[b:start] + stem, b
                if _time_lead(stem) <= m.start() - b:
                    continue
            if start and text[start - 1].isdigit() and stem[:1] in CN_BIG_CHARS:
                continue  # '76亿瑞典克朗资本收益': the number's magnitude and currency, no name
            if start and text[start - 1].isdigit() and stem[:1] in _AFTER_NUMERAL and len(stem) >= 3:
                stem, start = stem[1:], start + 1  # '第3季中芯国际': 季 ends the period '第3季', no name's start
            if start and re.match(r"[A-Za-z]", text[start - 1]) and not re.search(r"[A-Za-z]", stem):
                continue  # 'A股上市': the run began inside a word (A股), no name's start
            if start and re.match(r"[0-9]", text[start - 1]) and re.match(r"[A-Za-z]", stem):
                continue  # '非18A港股医疗健康公司': the letters end a code (18A), no name starts there
            whole = text[start:m.end()]
            if any(whole.endswith(w) and len(w) > len(whole) - len(stem) for w in _words(lex, "generic")):
                continue  # '(A+H)股上市公司': a generic word (上市公司) longer than the suffix ends it
            last = segment(whole)[-1]
            if len(last[0]) > len(whole) - len(stem) and last[1] not in _NAME_TAGS and _frequency(last[0]) > 0:
                continue  # '归属母公司': a common word (母公司, parent company) holds the suffix, no name's end
            lead = _time_lead(stem)  # '上半年华星集团...': the name follows the sentence's time
            first = segment(stem[lead:])[:1] if re.match(rf"[{_CJK}]", stem[lead:lead + 1]) else ()
            if first and first[0][1][:1] in _LEAD_TAGS and len(stem) - lead - len(first[0][0]) >= 2:
                lead += len(first[0][0])  # '当中国泰航空', '以及…': a function or place word is no part of it
            if stem[lead:] in _place_stems(lex) and low.startswith(_words(lex, "descriptors"), m.end()):
                continue  # '南韩汽车巨擘现代汽车': a place's industry before a descriptor is a sector
            if free(start + lead, m.end()):  # a stem named again vouches for itself (曦霏集团 ... 曦霏)
                name = text[start + lead:m.end()]
                # named three times and once before a reporting verb ('通用汽车发布…财报'): the name
                # vouches for itself as a stock code would, whatever a dictionary says of its stem (通用)
                if name not in vouched_names:  # asked once per name: each asks the whole text
                    vouched_names[name] = _count(low, name.lower()) >= 3 and _reports(text, name, lex)
                vouched = vouched_names[name]
                if not vouched and _clause_before_suffix(stem[lead:]):
                    continue  # '数据显示公司', '包含资本收益': a clause's verb before the suffix
                add(name, stem[lead:], placed=_count(low, stem[lead:]) >= 2, coded=vouched)


def _clause_before_suffix(stem: str) -> bool:
    """Do the words before a company suffix end in a clause's word rather than a
    name's ('数据显示公司', '主要得益于公司', '包含资本收益', '美国存托股份', '这家公司':
    a verb, preposition, conjunction, adverb, pronoun, numeral or set phrase of the
    dictionary, two characters or more)?  A name's last part before its suffix is a
    noun, a proper noun or a word no dictionary knows ('均胜电子', '名创优品集团': jieba
    cuts such names into single characters); a Latin part makes it a name."""
    if not stem or re.search(r"[A-Za-z]", stem):
        return False
    word, flag = segment(stem)[-1]
    return len(word) >= 2 and (flag[:1] in _FUNCTION_TAGS or flag in ("vn", "l")) and _frequency(word) > 0


#: characters that end a number's date or measure ('第3季', '3月', '13日', '2025年'): right
#: after digits they close it and never open a name
_AFTER_NUMERAL = frozenset("年月日季周号度期")

#: jieba tags of words that open a run before a name but are never its part: locality
#: (当中, 其中), place-of (内), prepositions, conjunctions, adverbs, pronouns, particles
_LEAD_TAGS = frozenset("sfpcdru")


def _time_lead(stem: str) -> int:
    """Characters of time words opening a suffixed name's stem ('上半年华星',
    '第三季度华星': jieba's time and numeral-measure tags), when a stem of two
    characters or more is left; else 0."""
    if not re.match(r"[上下今去明前本第一二三四首全同年月日]", stem):
        return 0  # the common case: no time word can open it
    at = 0
    for word, flag in segment(stem):
        if flag not in ("t", "mq", "m"):
            break
        at += len(word)
    return at if len(stem) - at >= 2 else 0


@lru_cache(maxsize=8)
def _suffixed_rx(cjk: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(rf"([A-Za-z]*[{_CJK}]{{2,6}}?)(?:{cjk})"), re.compile(cjk)


def _suffixed(text: str, cjk: str):
    """The matches of ``([A-Za-z]*[CJK]{2,6}?)(?:cjk)`` in ``text``, as its
    ``finditer`` gives them, without trying that pattern at every character:
    a match ends in a suffix whose start is the next one found from two
    characters past the last match, so it starts at most six characters
    before that suffix, or further back only across Latin letters; only those
    starts are tried, then the search goes on from the suffix."""
    rx, suffix = _suffixed_rx(cjk)
    pos = 0
    while True:
        found = suffix.search(text, pos + 2)
        if found is None:
            return
        at = found.start()
        lo = max(pos, at - 6)
        while lo > pos and ("a" <= text[lo - 1] <= "z" or "A" <= text[lo - 1] <= "Z"):
            lo -= 1
        for start in range(lo, at - 1):
            m = rx.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at - 1


def _by_verb(text: str, low: str, free, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    verbs = "|".join(re.escape(v) for v in sorted(_words(lex, "reporting_verbs"), key=len, reverse=True))
    if not verbs:
        return
    for m in re.finditer(rf"(?:{verbs})", text):
        start = m.start()
        if re.match(r"[A-Za-z]", m.group()):  # English: the capitalised words opening the sentence
            # a sentence opens a line, follows a full stop, or follows a dateline ('ISTANBUL (AA) -',
            # '(Reuters) -')
            opening = (r"(?:^|[.!?\n][ \t]*|[)）][ \t]*[-–—][ \t]*)((?:[A-Z][A-Za-z0-9&'’.-]*|[A-Z]{2,})"
                       r"(?:[ \t]+[A-Za-z][A-Za-z0-9&'’.-]*){0,2})[ \t]+$")
            lead = re.search(opening, text[max(0, start - 60):start])
            if lead and free(start - len(lead.group(0)), start):
                words = lead.group(1).split()
                while len(words) > 1 and words[-1] in _words(lex, "auxiliaries"):
                    words.pop()  # 'Kimberly-Clark Corporation has announced': 'has' is no part of it
                if len(words) > 1 and re.fullmatch(r"[A-Z]{1,5}", words[-1]) \
                        and (_word_count(text, " ".join(words[:-1])) > _word_count(text, " ".join(words))
                             or words[-2].lower() in _words(lex, "legal_suffixes")):
                    # 'Teradyne TER reported', 'Dow Inc. DOW recorded' (Zacks' style): the ticker after
                    # a name written alone, or after its legal ending (where a name ends)
                    words.pop()
                if words[0].lower() not in _words(lex, "generic") and \
                        words[0].lower() not in _words(lex, "english_pronouns"):  # 'We reported'
                    add(" ".join(words))
            continue
        name = _name_before(text, low, start, lex, cue_words, placed=True)
        if name and free(start - len(name), start) and not _part_before(low, start, lex) \
                and not _common_noun(name, lex):  # '公告显示', '收益录得': a common noun before the verb
            add(name, placed=True)
    _by_listing(text, low, free, add, lex, cue_words)




def _part_before(low: str, at: int, lex: Lexicon) -> bool:
    """Does a part of a company's business (parts.toml, written in Chinese, three
    characters or more) end right before ``at``: '香港公开发售部分获得…', '云计算业务实现…'?  The
    words before the verb are then the part the figure is of, not an organisation
    ('售部分')."""
    parts = _per_table(lex.parts, _cjk_parts)
    return low[max(0, at - 12):at].endswith(parts) if parts else False


def _cjk_parts(parts: dict[str, str]) -> tuple[str, ...]:
    """The Chinese part names of three characters or more."""
    return tuple(a for a in parts if len(a) >= 3 and not a.isascii())


def _by_listing(text: str, low: str, free, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    """The name before a verb of a listing, past an adverb, a date and 于/在 with the place it
    lists on ('紫金黄金国际于9月30日正式登陆港交所主板', '英矽智能终于在港交所挂牌上市'; ``[names]
    listing_verbs``, ``listing_adverbs``, ``listing_places``): the company listing."""
    verbs = "|".join(re.escape(v) for v in _words(lex, "listing_verbs"))
    if not verbs:
        return
    adverbs = "|".join(re.escape(v) for v in _words(lex, "listing_adverbs")) or "(?!)"
    places = "|".join(re.escape(v) for v in sorted(_words(lex, "listing_places"), key=len, reverse=True)) or "(?!)"
    gap = re.compile(rf"(?:于|在)?(?:\d{{4}}年)?(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?(?:{adverbs})*"
                     rf"(?:(?:于|在)(?:{places})?)?$")
    for m in re.finditer(verbs, text):
        head = text[max(0, m.start() - 20):m.start()]
        g = gap.search(head)
        end = m.start() - (len(g.group()) if g else 0)
        if not g or not g.group():
            continue  # no time or adverb between: '公司上市', '港股上市' say what, not who
        name = _name_before(text, low, end, lex, cue_words, placed=True)
        if name and free(end - len(name), end):
            add(name, placed=True)


def _by_company_verb(text: str, low: str, free, add, lex: Lexicon) -> None:
    """An English name opening a sentence before a verb phrase only a company
    is the subject of ('Porsche swung to a loss', 'Porsche said it would',
    'Adidas raised its forecast'): named at least twice, no pronoun, place or
    person ('Breckner said it': a surname the article gives a first name or a
    title to)."""
    verbs = _words(lex, "company_verbs")
    if not verbs:
        return
    places = {p.lower() for p in _words(lex, "places")}
    pronouns = set(_words(lex, "english_pronouns"))
    alt = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    lead = r"(?:^|(?<=[.!?\n])[ \t]*|(?<=[.!?]['\"’”])[ \t]*)"
    rx = re.compile(rf"{lead}((?:[A-Z][A-Za-z0-9&'’.-]*)(?:[ \t]+[A-Z][A-Za-z0-9&'’.-]*){{0,2}})[ \t]+(?:{alt})\b",
                    re.MULTILINE)
    decided: dict[str, bool] = {}  # each name judged once, however many sentences it opens
    for m in rx.finditer(text):
        name = m.group(1)
        key = name.lower()
        if (key in places or key.split()[0] in pronouns or key.split()[0] in _words(lex, "generic")
                or _count(low, key) < 2 or not free(m.start(1), m.end(1))):
            continue
        if name not in decided:
            first = re.escape(name.split()[0])
            # always written after another capitalised word: a surname ('Jochen Breckner')
            surname = bool(_after_capitalised(text, name.split()[0])) and \
                re.search(rf"(?:^|[.!?]\s+){first}\b", text) is None
            decided[name] = not surname and not _people_named(text, name, lex)
        if decided[name]:
            add(name)


def _by_staff(text: str, low: str, free, add, lex: Lexicon) -> None:
    """An English name before a word for its people or its board ('Cathay Pacific
    executives', 'Cathay Pacific chief executive Ronald Lam'; ``[names]
    staff_after``): an organisation, when the article names it twice - no place,
    pronoun or person (a surname said something: 'Lam says')."""
    staff = _words(lex, "staff_after")
    if not staff:
        return
    places = {p.lower() for p in _words(lex, "places")}
    skip = {*_words(lex, "english_pronouns"), *_words(lex, "generic"), *_words(lex, "sentence_openers"),
            "the", "a", "an"}
    speech = "|".join(re.escape(v) for v in _words(lex, "speech_verbs"))
    alt = "|".join(re.escape(w) for w in sorted(staff, key=len, reverse=True))
    rx = re.compile(rf"(?<![A-Za-z0-9&'’.-])({_NAME})[ \t]+(?:{alt})(?![A-Za-z])")
    decided: dict[str, bool] = {}
    for m in rx.finditer(text):
        words = m.group(1).split()
        while words and words[0].lower() in skip:
            words.pop(0)  # 'However Cathay Pacific executives', 'The Cathay Pacific board'
        name = " ".join(words)
        if not name or not free(m.end(1) - len(name), m.end(1)):
            continue
        if name not in decided:
            decided[name] = (name.lower() not in places and _word_count(text, name) >= 2
                             and not (speech and _said_by_surname(text, name, speech))
                             and not _people_named(text, name, lex))
        if decided[name]:
            add(name)


def _people_named(text: str, name: str, lex: Lexicon) -> bool:
    """Does the article give ``name`` a first name ('finance chief Jochen Breckner')?"""
    return bool(_after_capitalised(text, name, "[ \t]", r"\b(?![ \t]+[A-Z])")) and \
        name.lower() in _people(text, lex)


def _by_brand(text: str, free, add, lex: Lexicon) -> None:
    """A Latin name a brand word stands next to ('潮玩品牌TOP TOY', 'TOPTOY品牌营收'):
    a brand, named even once."""
    words = _words(lex, "brand_words")
    if not words:
        return
    alt = "|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in words)
    name = r"([A-Z][A-Za-z0-9&'’.-]*(?: [A-Z][A-Za-z0-9&'’.-]*){0,2})"
    for rx in (re.compile(rf"(?:{alt})\s*{name}(?![A-Za-z0-9])"), re.compile(rf"(?<![A-Za-z0-9]){name}\s*(?:{alt})")):
        for m in rx.finditer(text):
            if free(m.start(1), m.end(1)) and m.group(1).lower() not in _words(lex, "generic"):
                add(m.group(1))


def _by_headline(text: str, low: str, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    first = text.lstrip().split("\n", 1)[0]
    labels = "|".join(re.escape(w) for w in _words(lex, "digest_labels"))
    if labels:  # '核心观点 - 现代汽车2025年全年营收…': a digest's label opens its first line, not its head
        first = re.sub(rf"^(?:{labels})\s*[-–—:：]\s*", "", first, flags=re.IGNORECASE)
    run = _CJK_RUN.match(first)
    if not run:
        return
    head = run.group()
    results = _results_after(lex)
    cut = re.search(results, head[2:])  # '小马智行营收…': a results word ends the name (jieba reads 智/行营/收)
    segmented = segment(head[:cut.start() + 2] if cut else head)
    words = [w for w, _ in segmented]
    described = [i for i, w in enumerate(words[:5]) if any(d == w or w.endswith(d) for d in _words(lex, "descriptors"))]
    sector = described and all(flag not in _NAME_TAGS and _frequency(w) > 0 for w, flag in segmented[:described[-1]])
    if sector and described[-1] + 1 < len(words):  # '拼多多平台…' keeps its name: only dictionary words before
        # '货柜航运龙头马士基…': the sector and its descriptor come first, the name after them
        words = words[described[-1] + 1:]
        head = "".join(words) + head[len("".join(w for w, _ in segmented)):]
        cut = re.search(results, head[2:])
    for n in range(min(4, len(words)), 0, -1):  # whole words only: '腾讯业绩' never gives '腾讯业'
        lead = _maximal("".join(words[:n]), low, lex)
        if 2 <= len(lead) <= 8 and not _placed_generic(lex, lead, cue_words, low) and _count(low, lead) >= 2:
            add(lead, placed=True)  # the headline's head, named again: its place vouches for it
            return
    # '古茗中期业绩暴增121%' in a digest that never names it again: the headline's first
    # word, a name by its tag, right before a results or period word, is the company
    # (the words before the results word, whatever a dictionary reads them as: 古 / 茗);
    # a year in digits before a results word ends the run itself ('茉澈汽车2025年全年营收…';
    # not '北京时间2025年11月21日')
    words_after = "|".join(re.escape(w) for w in _words(lex, "results_after"))
    dated = not cut and bool(words_after) and re.match(
        rf"\s*(?:{_PERIOD_AFTER})年?\s*(?:{words_after})", first[run.end():].lower()) is not None
    if cut or dated:
        # '华星集团公布第三季度业绩': the name ends at its verb
        lead = _before_verb(head[:cut.start() + 2] if cut else head, _words(lex, "reporting_verbs"), lex)
        if 2 <= len(lead) <= 6 and not _placed_generic(lex, lead, cue_words, low) and not _common_noun(lead, lex):
            add(lead, placed=True)  # '10月赌场收入创新高': a common noun before the results word is none
            return
    # '名创优品2025Q3:…' and '名创优品近期公布…': the headline's head, named again before a
    # reporting verb, is a name even when a dictionary reads it as words (名 / 创优 / 品)
    lead = run.group()[: cut.start() + 2] if cut else run.group()  # '腾讯业绩…': the name, not its results
    if 2 <= len(lead) <= 6 and _count(low, lead) >= 2 and not _plain_generic(lex, lead, cue_words) \
            and _reports(text, lead, lex):
        add(lead, coded=True)


def _by_headline_clause(text: str, low: str, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    """A later clause of a Chinese headline opening with a name right before a results
    word, past a reporting or intent verb ('上半年“量质双收”,中联重科拟中期分红17.3亿元';
    ``[names] intent_verbs``): the company, in a digest whose body never names it
    (an English summary saying 'The company')."""
    first = text.lstrip().split("\n", 1)[0]
    if len(first) > int(_spec(lex).get("headline_length", 80)):
        return  # a digest's whole body on one line is no headline
    results = _results_after(lex)
    verbs = (*_words(lex, "reporting_verbs"), *_words(lex, "intent_verbs"))
    for clause in re.split(r"[,，:：|｜!！?？;；\s]+", first)[1:]:
        run = _CJK_RUN.match(clause.strip("“”\"'「」"))
        cut = re.search(results, run.group()[2:]) if run else None
        if not run or not cut:
            continue
        lead = _before_verb(run.group()[:cut.start() + 2], verbs, lex)
        if 2 <= len(lead) <= 6 and not _placed_generic(lex, lead, cue_words, low) and not _common_noun(lead, lex):
            add(lead, placed=True)  # '10月赌场收入创新高': a common noun before the results word is none
            return


def _before_verb(lead: str, verbs: tuple[str, ...], lex: Lexicon) -> str:
    """A headline's run up to its first verb ('华星集团公布…', '中联重科拟…'), without its legal word."""
    at = min((i for i in (lead.find(v) for v in verbs) if i >= 0), default=-1)
    return strip_suffix(lead[:at] if at >= 0 else lead, _words(lex, "legal_suffixes"))


#: a period that may follow a company's name opening a results headline (its words: [names] results_after)
_PERIOD_AFTER = r"第?[一二三四]季度?|q[1-4]|h[12]|20\d\d|\d\d年"


def _maximal(lead: str, low: str, lex: Lexicon) -> str:
    """``lead`` grown by the characters every one of its occurrences goes on
    with (a dictionary cut an unknown name short: 澜/舟/智/控也 gives 澜舟智,
    and each 澜舟智 of the article is 澜舟智控), up to 8 characters, never into
    a function word or a reporting verb."""
    verbs = _words(lex, "reporting_verbs")
    n = _count(low, lead.lower())
    while n >= 2 and len(lead) < 8:
        at = [m.end() for m in re.finditer(re.escape(lead.lower()), low)]
        nxt = {low[i:i + 1] for i in at}
        if len(nxt) != 1:
            return lead
        ch = nxt.pop()
        if not _CJK_CHAR.match(ch) or ch in _FUNCTION_CHARS or low.startswith(verbs, at[0]):
            return lead
        lead += ch
    return lead


def _results_after(lex: Lexicon) -> str:
    """What follows a company's name opening a results headline ('古茗中期业绩', '小马智行营收'):
    a period or a results word (cues.toml [names] results_after)."""
    words = "|".join(re.escape(w) for w in sorted(_words(lex, "results_after"), key=len, reverse=True))
    return rf"(?:{_PERIOD_AFTER}|{words})" if words else rf"(?:{_PERIOD_AFTER})"


def _reports(text: str, name: str, lex: Lexicon) -> bool:
    """Does ``name`` stand right before a reporting verb somewhere in the body
    (a time word between allowed: '名创优品近期公布')?"""
    verbs = "|".join(re.escape(v) for v in sorted(_words(lex, "reporting_verbs"), key=len, reverse=True))
    if not verbs:
        return False
    body = text.lstrip().split("\n", 1)[-1]
    when = r"(?:近期|近日|日前|今日|昨日|\d{1,2}日|周[一二三四五六日])?"
    return re.search(rf"{re.escape(name)}{when}(?:{verbs})", body) is not None


def _by_latin_in_chinese(text: str, low: str, free, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    """A Latin name a Chinese article uses again and again ('英国芯片设计公司Arm将...',
    'ARM周三在一份声明中确认'): a capitalised word (not an acronym of the trade:
    IPO, ADS, HBM...) that the article names at least twice, once right after a
    descriptor word or before a reporting verb."""
    if sum(1 for _ in itertools.islice(_CJK_CHAR.finditer(text), 50)) < 50:  # no list of every character
        return
    before = (*_words(lex, "descriptors"), *_words(lex, "deal_verbs_cjk"), "公司")
    verbs = tuple(v for v in _words(lex, "reporting_verbs") if not _latin(v)) + _words(lex, "speech_after_latin")
    word = r"[A-Z][A-Za-z0-9&.-]{1,20}"
    business: dict[str, bool] = {}  # each name's every place is read once, not once per place
    found = []
    for m in re.finditer(rf"(?<![A-Za-z0-9])({word}(?:\s{word}){{0,2}})(?![A-Za-z0-9])", text):
        # news sets Latin words off with spaces ('新創 Skild AI 的最新募資案')
        prefix, suffix = text[max(0, m.start() - 8):m.start()].rstrip(), text[m.end():m.end() + 8]
        if prefix.endswith(before) or suffix.lstrip().startswith(verbs) or re.match(r"\s*[(（]", suffix):
            found.append(m)
    # every such name counted in one pass (one str.count each cost the text's length per name)
    counted = _counts(low, {m.group(1).lower() for m in found})
    for m in found:
        name = m.group(1)
        if counted[name.lower()] < 2 or not free(m.start(1), m.end(1)):
            continue
        if name not in business:
            business[name] = _a_line_of_business(text, name, lex)
        if not business[name]:
            add(name)
    _ranked_latin(text, free, add, lex)


def _a_line_of_business(text: str, name: str, lex: Lexicon) -> bool:
    """Is ``name`` written somewhere as a line of business or a product ('三季度Robotaxi业务
    实现收入', '第七代Robotaxi车型': ``[names] business_after`` right after it)?  A
    company's business is a part of its figures, not an organisation."""
    after = tuple(_words(lex, "business_after"))
    # where the places re.finditer(re.escape(name), text) finds end, from the text's index of capitals
    ends = ([at + len(name) for at in _apart(_places_of(text, name), len(name))] if name
            else [m.end() for m in re.finditer("", text)])
    return bool(after) and any(text.startswith(after, end) or (text[end:end + 1] == " "
                               and text.startswith(after, end + 1)) for end in ends)


def _ranked_latin(text: str, free, add, lex: Lexicon) -> None:
    """A Latin name a Chinese ranking places ('vivo 排名第五', 'Transsion（擁有
    Infinix…）排名第四': ``[names] ranking_verbs``, a bracketed aside allowed
    between), even named once and in lower case: a league table ranks companies."""
    ranks = tuple(_words(lex, "ranking_verbs"))
    if not any(r in text for r in ranks):
        return  # no ranking word: no match, and the pattern below is tried at every letter of the text
    rank = "|".join(re.escape(r) for r in sorted(ranks, key=len, reverse=True))
    pattern = (rf"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9&.-]{{1,20}})\s*(?:[(（][^()（）\n]{{0,40}}[)）])?\s*"
               rf"(?:{rank})")
    for m in re.finditer(pattern, text):
        name = m.group(1)
        if len(name) >= 2 and free(m.start(1), m.end(1)) and name.lower() not in _words(lex, "generic"):
            add(name)


#: a Latin word's letters, accented ones too ('Hermès', 'Nestlé', 'Müller')
_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"
_WORD = rf"[A-ZÀ-ÖØ-Þ][{_LETTERS}0-9&-]*(?:\.[{_LETTERS}0-9&-]+)*"  # no word ends a sentence ('Powertrain. Its')
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
@lru_cache(maxsize=1024)  # a name owns many figures: counted once per text
def _word_count(text: str, name: str) -> int:
    """How often ``text`` writes ``name`` as a whole word."""
    if not name:
        return len(_word_rx(name, "A-Za-z0-9", "(?![A-Za-z0-9])").findall(text))
    # what that pattern finds: the places with no letter or digit A-Za-z0-9 on either side, apart
    end = len(name)
    whole = [at for at in _places_of(text, name)
             if text[at - 1:at] not in _ASCII_ALNUM and text[at + end:at + end + 1] not in _ASCII_ALNUM]
    return len(_apart(whole, end))


def _after_capitalised(text: str, name: str, space: str = r"\s", tail: str = r"\b") -> list[int]:
    r"""Where ``re.finditer(rf"\b[A-Z][a-z]+{space}+{re.escape(name)}{tail}", text)`` finds a
    match (its starts): ``name`` right after a capitalised word (a first name: 'Warren Buffett').
    Read back from each place of ``name`` (str.find) to the only start a match through it can
    have, instead of trying the pattern at every character of the text; then, as finditer
    does, the leftmost match first and none overlapping it.  ``space``: ``\s`` or ``[ \t]``."""
    rx = _capitalised_rx(name, space, tail)
    if not name:
        return [m.start() for m in rx.finditer(text)]
    is_space = str.isspace if space == r"\s" else " \t".__contains__
    starts = set()
    for at in _places_of(text, name):
        spaces = at
        while spaces > 0 and is_space(text[spaces - 1]):
            spaces -= 1
        word = spaces
        while word > 0 and "a" <= text[word - 1] <= "z":
            word -= 1
        if word < spaces < at and word > 0 and "A" <= text[word - 1] <= "Z":
            starts.add(word - 1)  # the match, if any, opens with that capital
    out, end = [], 0
    for start in sorted(starts):
        m = rx.match(text, start) if start >= end else None
        if m is not None:
            out.append(start)
            end = m.end()
    return out


@lru_cache(maxsize=1024)
def _capitalised_rx(name: str, space: str, tail: str) -> re.Pattern[str]:
    return re.compile(rf"\b[A-Z][a-z]+{space}+{re.escape(name)}{tail}")


def _sentence_opening(text: str, at: int) -> bool:
    """Does a sentence (or the text, or a line) open at ``at``?"""
    before = text[max(0, at - 3):at].rstrip(" \t\"'“‘")
    return not before or before[-1] in ".!?\n"


_BASED = re.compile(rf"\b[A-Za-z.]+-based\s+({_NAME})")
_OWNS = re.compile(rf"(?<![A-Za-z0-9&.-])({_NAME})['’]s\b")
#: how far into the text its lead runs, for a name it owns results in once
_LEAD_CHARS = 300


def _by_use(text: str, low: str, free, add, lex: Lexicon) -> None:
    """English names read off how the article uses them: what a place is
    "-based" ('London-based Horse Powertrain'); a capitalised name of two words
    or more that owns something ("Horse Powertrain's board") and that the
    article names at least twice - not a place (``places``) nor a person."""
    places = {p.lower() for p in _words(lex, "places")}
    speech = "|".join(re.escape(v) for v in _words(lex, "speech_verbs"))

    def person(name: str) -> bool:
        return bool(speech) and _said_by_surname(text, name, speech)

    for m in _BASED.finditer(text):
        name = m.group(1)
        if free(m.start(1), m.end(1)) and name.lower() not in places and not person(name):
            add(name)
    owned = _words(lex, "owned_results")
    lone_places = frozenset((*_words(lex, "single_places"), *_words(lex, "generic"), *_words(lex, "english_pronouns")))
    openers = _words(lex, "sentence_openers")
    for m in _OWNS.finditer(text):
        name = m.group(1)
        if name.split()[0].lower() in ("the", "a", "an") or (
                len(name.split()) == 2 and _sentence_opening(text, m.start(1)) and name.split()[0].lower() in openers):
            name = " ".join(name.split()[1:])  # 'Although XTEP's revenue': the name after a sentence's opener
        if not name or not free(m.end(1) - len(name), m.end(1)) or name.lower() in places or person(name):
            continue
        noun = re.match(r"\s*([a-z-]+)", text[m.end():m.end() + 24])
        if len(name.split()) >= 2:
            # named twice; or once in the lead owning its results ('Core Viewpoint - Tianqi
            # Lithium's half-year report for 2025 indicates...'): what the article is about
            lead = m.start(1) < _LEAD_CHARS and noun is not None and noun.group(1) in owned
            if _count(low, name) >= 2 or lead:
                add(name)
        else:
            if owned and noun is not None and noun.group(1) in owned and _lone_owner(text, name, lone_places):
                add(name)  # "XTEP's revenue", named three times, never after a first name: a company


@lru_cache(maxsize=1024)  # asked at every place a name stands: answered once per text
def _said_by_surname(text: str, name: str, speech: str) -> bool:
    """Does ``text`` write the name's last word alone before a speech verb (a person's surname)?"""
    words = name.split()
    last = words[-1]
    if not re.fullmatch(r"[\w&.'’-]+", last):  # a word the index cannot hold: the text itself is asked
        return re.search(rf"(?<!{re.escape(words[0])} ){re.escape(last)}\s+(?:{speech})\b", text) is not None
    return any(not before.endswith(words[0] + " ") for before in _speakers(text, speech).get(last, ()))


@lru_cache(maxsize=8)  # one pass over the text for every name asked about
def _speakers(text: str, speech: str) -> dict[str, list[str]]:
    """Each word written before a speech verb -> the characters before each such place
    (as many as a name's first word and a space take): 'Murphy said' -> ['…Mark ']."""
    out: dict[str, list[str]] = {}
    for start, end in _before_speech(text, speech):
        for k in range(start, end):  # every ending of the word: the old search had no left edge
            out.setdefault(text[k:end], []).append(text[max(0, k - 40):k])
    return out


def _speaker_char(c: str) -> bool:
    r"""Is ``c`` in the class ``[\w&.'’-]`` (``\w``: what ``str.isalnum`` calls alphanumeric, and _)?"""
    return c.isalnum() or c in "_&.'’-"


def _before_speech(text: str, speech: str) -> Iterator[tuple[int, int]]:
    r"""The spans of group 1 of ``re.finditer(rf"([\w&.'’-]+)\s+(?:{speech})\b", text)``, found
    from the verbs back: that pattern opens with a class, so ``re`` tries it at every word
    character of the text (a word, then each of its tails).  A match's word is the run of
    word characters right before the blanks and the verb, cut where the match before ended
    (finditer's matches do not overlap); a verb with no word right before it matches nothing,
    and the verbs after its first blank are still looked at (a verb of several words may hold
    another's start)."""
    verb = _speech_rx(speech)
    done = pos = 0  # where the last match ended; where to look for the next verb
    while (v := verb.search(text, pos)) is not None:
        start = v.start()
        while start > done and _speaker_char(text[start - 1]):
            start -= 1
        if start == v.start():
            pos = v.start() + 1
            continue
        yield start, v.start()
        done = pos = v.end()


@lru_cache(maxsize=8)
def _speech_rx(speech: str) -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{speech})\b")


@lru_cache(maxsize=1024)  # a name owns many figures: decided once per text
def _lone_owner(text: str, name: str, lone_places: frozenset[str]) -> bool:
    """Can a one-word owner of a company's figure be a company: three letters or
    more, no place, generic word or pronoun, named three times, never after a
    capitalised word inside a sentence (a first name: 'Warren Buffett's')?"""
    return (len(name) >= 3 and name.lower() not in lone_places and _word_count(text, name) >= 3
            and not any(not _sentence_opening(text, at) for at in _after_capitalised(text, name)))


#: jieba tags of a first word no name opens with: time, numeral, quantity, direction,
#: verb, adverb, preposition, conjunction, particle, pronoun
_NOT_NAME_TAGS = frozenset({"t", "tg", "m", "mq", "q", "f", "v", "vd", "d", "ad", "p", "c", "u", "uj", "ul", "r",
                            "y", "e", "o"})


def _part_word(name: str, lex: Lexicon) -> bool:
    """Does a Chinese name hold a word naming a part of a company (cues.toml ``[roles]
    part_heads``: 业务, 部门, 板块...) as one of its words ('财富部门', '食品业务收益')?"""
    heads = {h for h in lex.role("part_heads") if not _latin(h)}
    return any(word in heads for word, _ in segment(name))


def _varied_prefix(run: str, low: str, lex: Lexicon, cue_words: frozenset[str]) -> str:
    """The name opening a Chinese run right after a descriptor ('品牌' + '沪上阿姨正式在港股…'):
    the shortest prefix (2-8 characters, at a word boundary) that the article writes
    at least twice and that different characters follow (a word ends where what
    comes after it varies: '沪上' is always followed by '阿', '沪上阿姨' by 正, 每, 的...);
    '' when the run opens with a time or function word, a generic or a common word."""
    words = segment(run[:10])
    if not words or words[0][1] in _NOT_NAME_TAGS:
        return ""  # '公司上半年收入': a time word, not a name, follows the descriptor
    common = int(_spec(lex).get("common_frequency", 50))
    ends = list(itertools.accumulate(len(w) for w, _ in words))
    for head in (run[:end] for end in ends if 2 <= end <= 8):
        if _plain_generic(lex, head, cue_words) or _frequency(head) >= common:
            return ""  # '集团整体', '平台服务': one common word, no name
        followers = {low[m.end():m.end() + 1] for m in re.finditer(re.escape(head), low)}
        if _count(low, head) >= 2 and len(followers) >= 2:
            return head
    return ""


def _by_apposition(text: str, low: str, free, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    """A name right after a word that says what the organisation is ('[names]
    appositions': 'bubble-tea chain Auntea Jenny', 'technology company Pony.ai',
    '茶饮品牌沪上阿姨', '茶饮公司古茗'), named at least twice in the article."""
    spec = _spec(lex)
    english = [w for w in spec.get("appositions", ()) if _latin(w)]
    chinese = [w for w in (*spec.get("appositions", ()), *_words(lex, "descriptors")) if not _latin(w)]
    if english:
        nouns = "|".join(re.escape(w) for w in sorted(english, key=len, reverse=True))
        after = rf"(?<![A-Za-z0-9&.-])({_NAME}),\s+(?:the|a|an)\s+[^.;:\n]{{0,60}}?\b(?:{nouns})\b"
        for m in re.finditer(after, text):  # 'Klarna, the Swedish "buy now, pay later" fintech'
            name = m.group(1)
            if _written(text, name) >= 2 and free(m.start(1), m.end(1)) and name.split()[0].lower() not in \
                    (*_words(lex, "generic"), *_words(lex, "sentence_openers")):
                add(name)  # 'Further, the airline…' opens a sentence with no name
        for m in re.finditer(rf"\b(?:{nouns})\s+({_NAME})", text):
            name = m.group(1)
            words = name.split()
            while words and words[-1].lower() in _words(lex, "generic"):
                words.pop()  # 'Auntea Jenny Shares': a trailing common word is no part of it
            name = " ".join(words)
            if (name and _written(text, name) >= 2 and free(m.start(1), m.start(1) + len(name))
                    and name.split()[0].lower() not in _words(lex, "generic")):
                add(name)
    if chinese:
        nouns = "|".join(re.escape(w) for w in sorted(set(chinese), key=len, reverse=True))
        for m in re.finditer(rf"(?:{nouns})([{_CJK}]{{2,12}})", text):
            if not m.start() or not re.match(rf"[{_CJK}]", text[m.start() - 1]):
                continue  # '，公司单季销售…': the company's own figure, no word saying what a name is
            name = _varied_prefix(m.group(1), low, lex, cue_words)
            rest = m.group(1)[len(name):]
            if any(rest.startswith(h, k) for h in lex.role("part_heads") for k in range(len(rest))):
                continue  # '旗下晶圆代工事业': a line of business of the company named before, no name
            if name and free(m.start(1), m.start(1) + len(name)) and name[0] not in _words(lex, "not_initial"):
                add(name, coded=True)  # the descriptor vouches for a name a dictionary reads as words (沪上 / 阿姨)


#: A Chinese name glossed with its Latin name in brackets: '平台“喜马拉雅”(Ximalaya)',
#: '研调机构集邦(TrendForce)'; the quotes, when there are, hold the name.
_GLOSS_OPEN = re.compile(r"[(（]\s*[A-Z]")
_GLOSS = re.compile(rf"([“「『\"]?)([{_CJK}A-Za-z0-9]{{2,24}}?)([”」』\"]?)\s*[(（]\s*"
                    rf"([A-Z][A-Za-z0-9&.'’-]*(?: [A-Z][A-Za-z0-9&.'’-]*){{0,3}})\s*[)）]")


def _by_gloss(text: str, free, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    """A Chinese name with its Latin name in brackets right after it, the two
    forms of one organisation ('中国线上音频平台“喜马拉雅”(Ximalaya)', '研调机构集邦
    (TrendForce)'): quoted, or after a word that says what it is (``[names]
    descriptors``, ``appositions``).  The Latin form is the name shown (the
    form other languages share: the English article's Ximalaya is the Chinese
    article's 喜马拉雅), the Chinese one an alias.  An acronym
    of the trade ('高频宽记忆体(HBM)') and a person ('黄仁勋(Jensen Huang)',
    no descriptor) are no such name."""
    spec = _spec(lex)
    kinds = tuple(w for w in (*spec.get("appositions", ()), *_words(lex, "descriptors"), "机构") if not _latin(w))
    for b in _GLOSS_OPEN.finditer(text):  # from each bracket opening a Latin word, not every character
        m = _GLOSS.search(text, max(0, b.start() - 30), b.end() + 48)
        while m is not None and m.start(4) < b.end() - 1:
            m = _GLOSS.search(text, m.start() + 1, b.end() + 48)
        if m is None or m.start(4) != b.end() - 1:
            continue
        opened, run, closed, latin = m.groups()
        term = latin.lower() in _words(lex, "generic") or latin.lower() in cue_words
        if term or (latin.isupper() and len(latin) <= 3) or re.fullmatch(r"[A-Z0-9]{1,6}\.[A-Z]{1,3}", latin):
            continue  # a term of the trade ('(HBM)', '(AI)') or a ticker ('(MNSO.US)'), not a name
        if opened and closed:
            name, start = run, m.start(2)
        elif not opened and not closed:
            cut = max((run.rfind(k) + len(k) for k in kinds if k in run), default=-1)
            if cut <= 0 or cut >= len(run) - 1:
                continue  # no word says it is an organisation: a person, a product, a term
            name, start = run[cut:], m.start(2) + cut
        else:
            continue
        if not re.search(rf"[{_CJK}]", name) or _plain_generic(lex, name, cue_words):
            continue
        if not free(start, start + len(name)):
            continue
        if name.endswith(tuple(lex.role("part_heads"))):
            continue  # '三星电子旗下晶圆代工事业(Samsung Foundry)': a unit of the company before it
        add(name, latin, coded=True, gloss=latin)


#: a designation after a full name: '(以下简称“特步国际”)', '(下称"吉利")', '("Xtep" or the "Company")',
#: '(hereinafter "Xtep")', '(“安踏集团”)'; group 1 the designation word if any, group 2 the short name
_DESIGNATION = re.compile(r"[(（]\s*(以下简称|以下称|以下统称|下称|简称|hereinafter(?:\s+referred\s+to\s+as)?)?"
                          r"\s*[:：,，]?\s*(?:the\s+)?[“\"「『]([^”\"」』()（）\n]{2,24})[”\"」』]")


def _by_designation(text: str, free, add, lex: Lexicon) -> None:
    """A full name and the short name the article designates for it
    ('特步国际控股有限公司(以下简称“特步国际”)', 'Xtep International Holdings
    Limited ("Xtep")'): one organisation, under its short name.  The full name
    is the run before the bracket from where the short name's first two
    characters stand (its abbreviation: '特步国际控股有限公司'), or a run ending
    in a company suffix; without a designation word (以下简称, hereinafter) the
    full name must end in one.  Corporate words alone ('(以下简称“公司”)',
    '(the "Company")') name no one."""
    legal = (*_words(lex, "legal_suffixes"), *_words(lex, "cjk_company_suffixes"),
             *_words(lex, "latin_company_suffixes"))
    for m in _DESIGNATION.finditer(text):
        word, short = m.group(1), m.group(2).strip()
        if not short or not free(m.start(2), m.end(2)):
            continue
        base = max(0, m.start() - 60)
        head = text[base:m.start()].rstrip()
        latin_full = re.search(r"([A-Z][A-Za-z0-9&.'’-]*(?:[ \t]+(?:[A-Z][A-Za-z0-9&.'’-]*|&|and|of)){0,7})$", head)
        if latin_full:
            full, at = latin_full.group(1).strip(), base + latin_full.start(1)
            ends = full.lower().endswith(tuple(w.lower() for w in legal))
            if not ends and not (word and _latin(short) and full.lower().startswith(short.lower()[:3])):
                continue  # 'Bloomberg ("...")': a quote, not a designation
        else:
            run = re.search(rf"[{_CJK}A-Za-z0-9·]{{2,40}}$", head)
            if not run:
                continue
            cut = run.group().rfind(short[:2]) if not _latin(short[:2]) else -1
            if cut < 0 and not (word and run.group().endswith(legal)):
                continue
            cut = cut if cut >= 0 else max(0, len(run.group()) - 12)  # the name before its suffix, so far
            full, at = run.group()[cut:], base + run.start() + cut
            if not word and not full.endswith(legal):
                continue
        if free(at, at + len(full)):
            add(short, full, coded=True, designated=True)


def _by_deal_verb(text: str, free, add, lex: Lexicon) -> None:
    """The capitalised words right after a verb of a deal ('[names] deal_verbs':
    'agreed to buy Ximalaya', 'a stake in Intel', 'the acquisition of Manus'),
    named at least twice in the article: the company the deal is with; and
    those right before a buyer's verb ('acquirer_verbs': 'Sanofi to Acquire',
    'Kimberly-Clark agreed to buy'), named again: the buyer."""
    verbs = "|".join(re.escape(v) for v in sorted(_words(lex, "deal_verbs"), key=len, reverse=True))
    if not verbs:
        return
    for m in re.finditer(rf"\b(?i:{verbs})\s+({_NAME})", text):  # a title-case headline too
        words = m.group(1).split()
        while words and (words[-1].lower() in _words(lex, "generic") or words[-1] in _words(lex, "auxiliaries")):
            words.pop()
        name = " ".join(words)
        if (name and words[0].lower() not in _words(lex, "generic") and _written(text, name) >= 2
                and name.lower() not in _words(lex, "single_places")  # 'a merger with German's government'
                and free(m.start(1), m.start(1) + len(name))):
            add(name)
    buyers = "|".join(re.escape(v) for v in sorted(_words(lex, "acquirer_verbs"), key=len, reverse=True))
    if not buyers:
        return
    openers = _words(lex, "sentence_openers")
    for m in re.finditer(rf"(?<![A-Za-z0-9&.'’-])({_NAME})[ \t]+(?i:{buyers})\b", text):
        words = m.group(1).split()
        start = m.start(1)
        if len(words) > 1 and words[0].lower() in openers and _sentence_opening(text, start):
            start += len(words[0]) + 1  # 'After Sanofi agreed to buy…': the name after the opener
            words = words[1:]
        name = " ".join(words)
        if (name and words[0].lower() not in _words(lex, "generic") and words[0].lower() not in openers
                and _word_count(text, name) >= 2
                and free(start, start + len(name))):
            add(name)  # 'Sanofi to Acquire Blueprint…', named again: the buyer


def _by_english_headline(text: str, low: str, free, add, lex: Lexicon) -> None:
    """The capitalised words opening a sentence-case English headline before a
    lower-case verb ('Klarna has priced its US IPO…', 'Auntea Jenny shares jump
    68.5%…'), when the body names them again: the headline's subject."""
    first = text.lstrip().split("\n", 1)[0]
    m = re.match(rf"({_NAME})\s+(?:[a-z]|['’]s\b)", first)
    if not m or sum(1 for w in first.split() if w[:1].isupper()) > len(first.split()) / 2:
        return  # title case: every word capitalised, no subject to read off
    words = m.group(1).split()
    while words and words[-1].lower() in _words(lex, "generic"):
        words.pop()
    name = " ".join(words)
    start = len(text) - len(text.lstrip())
    if (name and words[0].lower() not in _words(lex, "generic") and _written(text, name) >= 2
            and free(start, start + len(name))):
        add(name)  # named again as written: 'Strong investor demand… strong' names no one


#: A title-case results headline: 'Youdao Reports Fourth Quarter and Fiscal Year 2025 Unaudited
#: Financial Results', 'Zentrix Announces Q3 2025 Earnings'
_RESULTS_HEADLINE = re.compile(
    r"((?:[A-Z]|[a-z][A-Z])[A-Za-z0-9&'’.-]*(?:[ \t]+[A-Z][A-Za-z0-9&'’.-]*){0,3}?)[ \t]+"  # eBay, iQiyi too
    r"(?:Reports|Announces|Posts|Reported|Announced|Posted)[ \t]+[^\n]{0,80}?\b(?:Results|Earnings)\b")


def _by_results_headline(text: str, free, add, lex: Lexicon) -> None:
    """The name opening a press release's title-case headline before its verb of
    results ('Youdao Reports Fourth Quarter … Financial Results'): a company, even
    when the release never names it again (its body says 'the Company')."""
    start = len(text) - len(text.lstrip())
    m = _RESULTS_HEADLINE.match(text, start)
    if not m:
        return
    name = m.group(1)
    words = name.lower().split()
    if words[0] in _words(lex, "generic") or words[0] in _words(lex, "english_pronouns") \
            or words[0] in {p.lower() for p in _words(lex, "places")}:
        return
    if free(m.start(1), m.end(1)):
        add(name)


#: a year's period right after a name, then (in a few characters) what it reports
_YEAR_PERIOD = re.compile(r"20\d\d\s*(?:年|财年|財年)")


def _by_period_results(text: str, low: str, free, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    """A Chinese name right before a year's period and its results ('讨论泰瑞达2025年第四季度及
    全年财务业绩', '澜舟科技2025年上半年营收'): the company whose results they are, named once
    enough, as a name owning its results in an English lead is.  The name is the run's tail
    after its last verb, preposition or other function word (jieba), and must pass the tests
    of a name its place vouches for."""
    words = "|".join(re.escape(w) for w in sorted(_words(lex, "results_after"), key=len, reverse=True))
    if not words:
        return
    results = re.compile(rf"[^。;；\n]{{0,12}}?(?:{words})")
    for m in _YEAR_PERIOD.finditer(text):
        if not results.match(text, m.end()):
            continue
        run = re.search(rf"[{_CJK}]{{2,12}}$", text[max(0, m.start() - 12):m.start()])
        if not run:
            continue
        tokens = segment(run.group())
        tail = []
        for word, flag in reversed(tokens):
            if flag[:1] in _FUNCTION_TAGS or flag in ("vn", "l"):
                break
            tail.append(word)
        name = "".join(reversed(tail))
        start = m.start() - len(name)
        if 2 <= len(name) <= 6 and free(start, m.start()) and not _placed_generic(lex, name, cue_words, low) \
                and not _common_noun(name, lex) and len(run.group()) - len(name) not in _inside_words(run.group()):
            add(name, placed=True)


def _by_recurrence(low: str, free, add, lex: Lexicon, cue_words: frozenset[str]) -> None:
    """A name the article keeps using as the owner of its figures: the most
    frequent (at least ``recurrence`` times) non-generic Chinese word of 2-6
    characters that opens the run of words before a metric cue
    ('泡泡玛特中国收入', '泡泡玛特上半年营收'), in at least two places."""
    need = int(_spec(lex).get("recurrence", 3))
    cues = sorted({w for w in cue_words if not _latin(w)}, key=len, reverse=True)
    if not cues:
        return
    owners: dict[str, int] = {}
    for m in re.finditer("|".join(re.escape(c) for c in cues), low):
        run = re.search(rf"[{_CJK}]{{2,10}}$", low[max(0, m.start() - 10):m.start()])
        if not run:
            continue
        words = [w for w, _ in segment(run.group())]
        if len(run.group()) == 10 and run.start() == 0:
            words = words[1:]  # the run was cut: its first word may be half a word
        for i in range(len(words)):  # whole words only: '自营店' never gives '营店'
            for j in range(i + 1, min(len(words), i + 3) + 1):
                gram = "".join(words[i:j])
                if 2 <= len(gram) <= 6 and low.count(gram) >= need:
                    owners[gram] = owners.get(gram, 0) + 1
    # a fragment is no name: '新能' (also in 新能源) stood before a cue each time '华电新能' did
    # (a longer candidate that is no name - 澜舟平台, a descriptor - leaves its head a name)
    whole = [g for g in owners if not any(g in o and g != o and owners[o] >= owners[g]
                                          and not _placed_generic(lex, o, cue_words, low) for o in owners)]
    ranked = sorted(whole, key=lambda g: (low.count(g), len(g)), reverse=True)
    for gram in ranked:
        # before metric words twice, or once and opening clauses as often as it recurs ('宏碁去年…', '宏碁指出')
        if _common_noun(gram, lex):
            continue
        if (owners[gram] >= 2 or _opens_clauses(low, gram) >= need) and not _placed_generic(lex, gram, cue_words, low):
            pos = low.find(gram)
            if free(pos, pos + len(gram)):
                add(gram, placed=True)  # where it stands vouches for it, not a dictionary (芸 / 澈)
            return


def _common_noun(word: str, lex: Lexicon) -> bool:
    """Is ``word`` one dictionary word at least ``recurrence_common_frequency`` frequent that
    no dictionary tags a person, place or organisation ('资产', '公告', '普通')?"""
    tokens = segment(word)
    # jieba's 'nz' (other proper noun) tags common words too (普通): only person, place and
    # organisation tags vouch for a name here
    if len(tokens) != 1 or tokens[0][1] in _NAME_TAGS - {"nz"}:
        return False
    # a plain common noun (jieba's 'n': 物业, 赌场) is common from a lower count than a word
    # of another tag (an abbreviation 'j' such as 太保 names a company)
    key = "recurrence_noun_frequency" if tokens[0][1] == "n" else "recurrence_common_frequency"
    return _frequency(word) >= int(_spec(lex).get(key, 1000))


def _opens_clauses(low: str, gram: str) -> int:
    """How many clauses (or lines) of ``low`` open with ``gram``."""
    return sum(1 for m in re.finditer(re.escape(gram), low)
               if m.start() == 0 or low[m.start() - 1] in "\n。，,；;：:！!？?")


def hits(low: str, organisations: list[Organisation], known: list[Hit], org_type: str = "company") -> list[Hit]:
    """Every occurrence of the found organisations' forms that no table entity
    covers, longest forms first (as table aliases are found)."""
    taken = [False] * (len(low) + 1)
    for h in known:
        for i in range(h.start, h.end):
            taken[i] = True
    out: list[Hit] = []
    words = sorted(((f, o.name) for o in organisations for f in o.forms), key=lambda t: len(t[0]), reverse=True)
    at = places(low, {form for form, _ in words})  # every place of every form, in one pass
    for form, name in words:
        latin = _latin(form)
        for pos in at[form]:
            end = pos + len(form)
            # a Latin form running on into a letter or digit is part of a longer word
            if latin and (_ALNUM.match(low[pos - 1:pos]) or _ALNUM.match(low[end:end + 1])):
                continue
            if not any(taken[pos:end]):
                out.append(Hit(pos, end, name, form, org_type))
                for i in range(pos, end):
                    taken[i] = True
    return sorted(out, key=lambda h: h.start)


_ALNUM = re.compile(r"[a-z0-9]")

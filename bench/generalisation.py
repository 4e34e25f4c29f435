"""How well extraction and the cross-check generalise to real articles.

    python bench/generalisation.py                    # dev half, every batch
    python bench/generalisation.py --batch b1 b3      # some batches only
    python bench/generalisation.py --list             # also every disagreement (dev only)
    python bench/generalisation.py --json             # one JSON object with every figure
    python bench/generalisation.py --split test       # the test half: summary figures only

The corpus is ``tests/data/corpus/`` (see its GUIDE.md): batches ``b1``,
``b2``, ... each with ``articles.csv`` (split dev|test), the article files,
``expected.csv`` (hand-worked claims), ``verdicts.csv`` (expected verdicts
between claims of two articles) and ``entities.csv``.

The real pipeline runs as a user would run it: the split's articles are
copied to a temporary folder, ``Workspace.open(tmp/"claims.csv").extract``
reads them (each dated from its own date stamp) and ``.check()`` gives the
findings.  An expected row is located at the ``occurrence``-th plain
substring match of its ``surface`` and matched with the extracted claim whose
span overlaps it most.  Rows with an empty ``metric`` are numbers that must
NOT become claims.

Figures (per field: agreed/total over expected claim rows; a missed claim
disagrees on every field):

- found: expected claims with an extracted claim; false claims: non-claim rows
  that were extracted anyway;
- subject, object: entity identity (scripts, case, spacing, punctuation and
  aliases do not matter; ``;``-joined parties compare as sets);
- metric F: purity F-measure of the extracted metrics against the expected
  ones over the matched claims (the two vocabularies may differ); metric
  exact: the same name;
- period, modality: the same string; value: relative difference <= 1e-6;

for the whole split, per batch, per language and for the articles about a
company the tool's entity table does not know.  Verdicts: for each expected
pair, the finding between the two extracted claims (see ``verdict_right``).

The test half is scored, not read: ``--list`` is refused unless
``--split dev``, and data notes about test rows are only counted.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ledger.sources import to_simplified

CORPUS = ROOT / "tests" / "data" / "corpus"
TOOL_ENTITIES = ROOT / "ledger" / "lexicon" / "entities.toml"
SPLITS = ("dev", "test", "all")
LANGS = ("en", "hans", "hant")
FIELDS = ("subject", "object", "metric", "period", "modality", "value")
VERDICTS = ("consistent", "contradiction", "temporal", "modality", "different")
PAIR_KINDS = ("contradiction", "temporal", "modality", "consistent")  # most serious first
MODALITIES = ("actual", "forecast", "estimate", "target", "proposed", "non_binding", "reported")
_POINT = r"\d{4}(?:-(?:Q[1-4]|H[12]|(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?))?"
PERIOD = re.compile(rf"{_POINT}(?:/{_POINT})?")  # GUIDE.md: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn, A/B
REFUSE_LIST = ("--list is allowed only with --split dev: the test half is scored, not read "
               "(its disagreements are never listed, so that nothing is tuned on them)")


class DataError(Exception):
    """The corpus itself is wrong (a surface not in its article, a file not
    listed...): the measurement would be meaningless (exit 2)."""


# --------------------------------------------------------------------------- names and entities


def normalise(text: str) -> str:
    """A name as compared: NFKC, traditional -> simplified, casefolded, without
    spaces and punctuation (``騰訊 控股`` and ``腾讯控股`` are the same)."""
    s = to_simplified(unicodedata.normalize("NFKC", text or "")).casefold()
    return "".join(c for c in s if not c.isspace() and unicodedata.category(c)[0] not in "PZ")


def parties(value: str) -> list[str]:
    """The parties of a subject or object cell (``A;B`` -> ``[A, B]``)."""
    return [p.strip() for p in str(value or "").split(";") if p.strip()]


def load_entities(path: Path) -> dict[str, frozenset[str]]:
    """``entities.csv`` as id -> the normalised forms of the entity (its id and aliases)."""
    out: dict[str, frozenset[str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            eid = (row.get("id") or "").strip()
            if eid:
                names = {normalise(eid)} | {normalise(a) for a in (row.get("aliases") or "").split(";")}
                out[eid] = frozenset((out.get(eid) or frozenset()) | {n for n in names if n})
    return out


def load_tool_entities(path: Path = TOOL_ENTITIES) -> dict[str, frozenset[str]]:
    """The tool's entity table (``entities.toml``) as normalised canonical name
    -> the normalised forms of that entity (canonical name and aliases)."""
    table = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    out: dict[str, frozenset[str]] = {}
    for name, spec in table.items():
        if not isinstance(spec, dict):
            continue
        names = {normalise(name)} | {normalise(a) for a in spec.get("aliases", [])}
        out[normalise(name)] = frozenset(n for n in names if n)
    return out


def expected_forms(want: str, entities: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """What an expected id may be written as: its aliases in ``entities.csv``
    (an id not listed there, such as a segment phrase, is only itself)."""
    return entities.get(want, frozenset()) | {normalise(want)}


def party_agrees(want: str, got: str, entities: Mapping[str, frozenset[str]],
                 tool: Mapping[str, frozenset[str]]) -> bool:
    """One expected party (an id) against one extracted name: the same
    normalised name as the id or one of its aliases, or the extracted name's
    own aliases in the tool's table meet the expected entity's aliases."""
    forms = expected_forms(want, entities)
    g = normalise(got)
    if not g:
        return False
    return g in forms or bool(tool.get(g, frozenset()) & forms)


def entity_agrees(want: str, got: str, entities: Mapping[str, frozenset[str]],
                  tool: Mapping[str, frozenset[str]]) -> bool:
    """A subject or object cell: the parties compare as sets (each expected
    party with a different extracted party, none left over).  Empty agrees
    only with empty."""
    w, g = parties(want), parties(got)
    if len(w) != len(g):
        return False

    def assign(i: int, free: frozenset[int]) -> bool:  # a perfect matching, by backtracking
        if i == len(w):
            return True
        return any(party_agrees(w[i], g[j], entities, tool) and assign(i + 1, free - {j}) for j in sorted(free))

    return assign(0, frozenset(range(len(g))))


def known_to_tool(want: str, entities: Mapping[str, frozenset[str]], tool: Mapping[str, frozenset[str]]) -> bool:
    """Whether every party of an expected subject is an entity of the tool's table."""
    ps = parties(want)
    return bool(ps) and all(any(names & expected_forms(p, entities) for names in tool.values()) for p in ps)


# --------------------------------------------------------------------------- locating and matching


def locate(text: str, surface: str, occurrence: int) -> int | None:
    """Start of the ``occurrence``-th plain substring match of ``surface``
    (each search starts one past the previous match), or None."""
    if not surface or occurrence < 1:
        return None
    pos = -1
    for _ in range(occurrence):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            return None
    return pos


def best_claim(claims: Iterable[Mapping[str, Any]], start: int, end: int) -> Mapping[str, Any] | None:
    """The claim whose ``[start, end)`` overlaps the span most (ties: the span
    closest in length, then the earliest); None when none overlaps."""
    best, key = None, None
    for c in claims:
        overlap = min(end, int(c["end"])) - max(start, int(c["start"]))
        if overlap <= 0:
            continue
        k = (-overlap, abs((int(c["end"]) - int(c["start"])) - (end - start)), int(c["start"]))
        if key is None or k < key:
            best, key = c, k
    return best


# --------------------------------------------------------------------------- field agreement


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip())


def value_agrees(want: Any, got: Any) -> bool:
    """Relative difference <= 1e-6; an empty expected value agrees only with an empty one."""
    if _blank(want):
        return _blank(got)
    if _blank(got):
        return False
    a, b = float(want), float(got)
    scale = max(abs(a), abs(b))
    return scale == 0 or abs(a - b) <= 1e-6 * scale


def text_of(v: Any) -> str:
    return "" if _blank(v) else str(v)


def field_agrees(name: str, want: str, got: Any, entities: Mapping[str, frozenset[str]],
                 tool: Mapping[str, frozenset[str]]) -> bool:
    if name in ("subject", "object"):
        return entity_agrees(want, text_of(got), entities, tool)
    if name == "value":
        return value_agrees(want, got)
    return (want or "") == text_of(got)


def purity_f(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Purity F-measure of clusters (the extracted labels) against classes
    (the expected labels), over ``(expected, extracted)`` pairs.

    purity = sum over extracted clusters of its largest overlap with one
    expected class, / N; inverse purity = the same with the roles swapped;
    F = their harmonic mean.  Empty input: all NaN."""
    pairs = list(pairs)
    n = len(pairs)
    if not n:
        nan = float("nan")
        return {"n": 0, "purity": nan, "inverse_purity": nan, "f": nan}
    joint = Counter(pairs)
    by_got: dict[str, int] = defaultdict(int)
    by_want: dict[str, int] = defaultdict(int)
    for (want, got), k in joint.items():
        by_got[got] = max(by_got[got], k)
        by_want[want] = max(by_want[want], k)
    p, ip = sum(by_got.values()) / n, sum(by_want.values()) / n
    return {"n": n, "purity": p, "inverse_purity": ip, "f": 2 * p * ip / (p + ip)}


# --------------------------------------------------------------------------- verdicts


def pair_kinds(findings: Any) -> dict[frozenset[str], set[str]]:
    """Pair findings (not arithmetic) as {claim_a, claim_b} -> their kinds."""
    out: dict[frozenset[str], set[str]] = defaultdict(set)
    for kind, a, b in zip(findings["kind"], findings["claim_a"], findings["claim_b"]):
        if kind in PAIR_KINDS and not _blank(a) and not _blank(b):
            out[frozenset((str(a), str(b)))].add(str(kind))
    return out


def verdict_right(expected: str, kinds: set[str], both_found: bool) -> bool:
    """Right when both claims were extracted and: consistent, contradiction,
    temporal, modality -> a finding of that kind between them; different ->
    no finding, or only temporal / modality (never consistent or contradiction)."""
    if not both_found:
        return False
    if expected == "different":
        return not (kinds & {"consistent", "contradiction"})
    return expected in kinds


def verdict_got(kinds: set[str], both_found: bool) -> str:
    """What the check said about a pair, as one label."""
    if not both_found:
        return "not extracted"
    return next((k for k in PAIR_KINDS if k in kinds), "no finding")


# --------------------------------------------------------------------------- the corpus


@dataclass
class Article:
    batch: str
    file: str
    split: str
    lang: str
    cluster: str
    path: Path
    name: str = ""  # file name in the temp folder (the batch id is prefixed when names collide)
    published: str = ""  # articles.csv's published date (given to the pipeline only with --published)

    @property
    def source(self) -> str:
        return Path(self.name).stem


@dataclass
class Corpus:
    articles: dict[tuple[str, str], Article]
    expected: list[dict[str, Any]]
    verdicts: list[dict[str, Any]]
    entities: dict[str, dict[str, frozenset[str]]]  # batch -> id -> forms
    notes: list[dict[str, str]] = field(default_factory=list)  # data oddities (not errors)


def batches_in(corpus: Path) -> list[str]:
    return sorted((p.name for p in corpus.iterdir() if p.is_dir() and (p / "articles.csv").is_file()),
                  key=lambda b: (len(b), b))


def _read_csv(path: Path) -> list[dict[str, str]]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            if None in row:  # more fields than the header: an unquoted comma shifted the columns
                raise DataError(f"{path.parent.name}/{path.name}:{reader.line_num}: {len(reader.fieldnames or [])} "
                                f"columns in the header but more in this row ({row[None]!r} left over); "
                                "quote the field that holds a comma")
            rows.append({k: (v or "").strip() if k not in ("surface", "surface_a", "surface_b") else (v or "")
                         for k, v in row.items()})
    return rows


def _occurrence(raw: str, where: str) -> int:
    try:
        n = int(raw)
    except ValueError:
        raise DataError(f"{where}: occurrence {raw!r} is not a whole number") from None
    if n < 1:
        raise DataError(f"{where}: occurrence {raw!r} must be 1 or more")
    return n


def load_corpus(corpus: Path, split: str, batches: list[str]) -> Corpus:
    """The chosen split's articles, expected rows and verdicts of ``batches``;
    raises :class:`DataError` on a row that cannot be scored."""
    articles: dict[tuple[str, str], Article] = {}
    expected: list[dict[str, Any]] = []
    verdicts: list[dict[str, Any]] = []
    entities: dict[str, dict[str, frozenset[str]]] = {}
    notes: list[dict[str, str]] = []
    for b in batches:
        folder = corpus / b
        listed = {}
        for r in _read_csv(folder / "articles.csv"):
            if r["split"] not in ("dev", "test"):
                raise DataError(f"{b}/articles.csv: {r['file']}: split {r['split']!r} is not dev or test")
            path = folder / r["split"] / r["file"]
            if not path.is_file():
                raise DataError(f"{b}/articles.csv: {r['file']} is not in {b}/{r['split']}/")
            listed[r["file"]] = Article(b, r["file"], r["split"], r["lang"], r["cluster"], path,
                                        published=r.get("published", ""))
            if r["lang"] not in LANGS:
                notes.append(_note(listed[r["file"]], "bad-lang", f"{b}/articles.csv: {r['file']}: lang {r['lang']!r} "
                                   f"is not one of {', '.join(LANGS)} (counted in no language group)"))
        chosen = {f: a for f, a in listed.items() if split == "all" or a.split == split}
        articles.update({(b, f): a for f, a in chosen.items()})
        entities[b] = load_entities(folder / "entities.csv") if (folder / "entities.csv").is_file() else {}
        keys = set()
        for i, r in enumerate(_read_csv(folder / "expected.csv"), 2):
            where = f"{b}/expected.csv:{i}"
            if r["file"] not in listed:
                raise DataError(f"{where}: {r['file']} is not in {b}/articles.csv")
            if r["file"] not in chosen:
                continue
            r.update(batch=b, line=i, occurrence=_occurrence(r["occurrence"], where))
            key = (r["file"], r["surface"], r["occurrence"])
            if key in keys:
                notes.append(_note(chosen[r["file"]], "duplicate-row", f"{where}: {r['file']} {r['surface']!r} "
                                   f"occurrence {r['occurrence']} is listed twice"))
            keys.add(key)
            if r["metric"] and r["modality"] not in MODALITIES:
                notes.append(_note(chosen[r["file"]], "bad-modality", f"{where}: modality {r['modality']!r}"))
            if r["metric"] and r["period"] and not PERIOD.fullmatch(r["period"]):
                notes.append(_note(chosen[r["file"]], "bad-period", f"{where}: period {r['period']!r}"))
            for role in ("subject", "object"):
                for p in parties(r[role]):
                    if p not in entities[b] and (role == "subject" or p != p.lower()):
                        notes.append(_note(chosen[r["file"]], "entity-missing",
                                           f"{where}: {role} {p!r} is not an id of {b}/entities.csv"))
            expected.append(r)
        for i, r in enumerate(_read_csv(folder / "verdicts.csv"), 2):
            where = f"{b}/verdicts.csv:{i}"
            for side in ("a", "b"):
                if r[f"file_{side}"] not in listed:
                    raise DataError(f"{where}: {r[f'file_{side}']} is not in {b}/articles.csv")
            ins = [r[f"file_{s}"] in chosen for s in ("a", "b")]
            if not any(ins):
                continue
            if not all(ins):
                raise DataError(f"{where}: the pair straddles the split ({r['file_a']} / {r['file_b']})")
            if r["verdict"] not in VERDICTS:
                raise DataError(f"{where}: verdict {r['verdict']!r} is not one of {', '.join(VERDICTS)}")
            r.update(batch=b, line=i)
            for s in ("a", "b"):
                r[f"occurrence_{s}"] = _occurrence(r[f"occurrence_{s}"], where)
                if (r[f"file_{s}"], r[f"surface_{s}"], r[f"occurrence_{s}"]) not in keys:
                    notes.append(_note(chosen[r[f"file_{s}"]], "verdict-claim-not-expected",
                                       f"{where}: {r[f'file_{s}']} {r[f'surface_{s}']!r} occurrence "
                                       f"{r[f'occurrence_{s}']} is not a row of {b}/expected.csv"))
            verdicts.append(r)
    names = Counter(a.file for a in articles.values())
    for a in articles.values():
        a.name = f"{a.batch}_{a.file}" if names[a.file] > 1 else a.file
    return Corpus(articles, expected, verdicts, entities, notes)


def _note(article: Article, code: str, text: str) -> dict[str, str]:
    return {"split": article.split, "code": code, "text": text}


# --------------------------------------------------------------------------- invented names


#: Han characters written alike in both scripts and rare in financial prose: an
#: invented name made of them reads the same in a simplified and a traditional article
_HAN_POOL = "珂翊琮澈璟曦瑾昕晗珈泓沐芷芸茉葵菱蔚琪琳玥璇瑜珀琥涵沁淳霖霏雯霄昊旻晟暄煜焱熠"
#: words that say what kind of company a name is, not which: kept as written
_HAN_GENERIC = ("有限公司", "股份", "集团", "控股", "公司", "科技", "技术", "智能", "汽车", "电子", "半导体",
                "生物", "医药", "制药", "银行", "资本", "证券", "保险", "能源", "电池", "动力", "国际", "网络",
                "有限", "股份有限公司",
                "信息", "通信", "实业", "电气", "机器人", "芯片", "光电", "精密", "材料", "食品")
#: places a registered name opens with: where, not which (kept like the generic words)
_HAN_PLACES = ("浙江", "江苏", "广东", "深圳", "上海", "北京", "香港")
_LATIN_GENERIC = frozenset({
    # places a registered name opens with: where, not which
    "zhejiang", "jiangsu", "guangdong", "shenzhen", "shanghai", "beijing", "foshan", "hangzhou", "ningbo",
    "suzhou", "nanjing", "hefei", "xiamen", "chengdu", "wuhan", "tianjin", "chongqing", "qingdao",
    "saudi", "arabia", "arabian", "abu", "dhabi", "dubai", "qatar", "gulf", "india", "indian", "japan",
    "korea", "singapore", "australia", "canada",
    "inc", "incorporated", "holdings", "holding", "group", "technology", "technologies", "tech", "ai", "co",
    "ltd", "limited", "corp", "corporation", "company", "capital", "motors", "motor", "bank", "international",
    "the", "of", "and", "plc", "sa", "ag", "nv", "se", "llc", "lp", "partners", "ventures", "systems",
    "networks", "semiconductor", "semiconductors", "electronics", "energy", "pharmaceutical",
    "pharmaceuticals", "therapeutics", "biotherapeutics", "bio", "labs", "global", "china", "hong", "kong",
    "us", "hk", "com", "coffee", "auto", "airlines", "platforms", "entertainment", "foods", "robotics",
    "pharma", "biotech",
})
_SYLLABLES = ("zar", "vel", "quin", "tor", "ob", "rix", "kal", "mor", "dex", "vo", "lan", "tis", "nor", "vik",
              "sel", "pra", "gun", "dal", "fen", "ost", "yar", "bri", "cos", "mel")
_SWAPPED_TYPES = ("company", "fund")
_CJK_IN = re.compile(r"[\u4e00-\u9fff]")
#: exchange codes after a ticker (0700.HK, 002050.SZ): where it lists, not who it is
_EXCHANGES = frozenset({"HK", "SZ", "SH", "SS", "TW", "TWO", "US", "KS", "N", "O", "T"})


def _invented_word(key: str, seed: int) -> str:
    import hashlib

    h = int.from_bytes(hashlib.sha256(f"{seed}:{key}".encode()).digest()[:8], "big")
    parts = []
    for _ in range(2 + h % 2):
        h //= 7
        parts.append(_SYLLABLES[h % len(_SYLLABLES)])
        h //= len(_SYLLABLES)
    return "".join(parts)


#: a stock code as entities.csv lists it: 0700.HK, 02498, 600519.SS
_CODE = re.compile(r"(\d{4,6})(?:\.[A-Za-z]{2})?")


def _invented_digits(digits: str, seed: int) -> str:
    import hashlib

    h = hashlib.sha256(f"{seed}:{digits}".encode()).hexdigest()
    out = "".join(str(int(c, 16) % 10) for c in h[: len(digits)])
    return out if out != digits else out[::-1]


def _to_traditional(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


def _invented_letters(word: str, seed: int) -> str:
    import hashlib

    h = hashlib.sha256(f"{seed}:{word}".encode()).digest()
    return "".join("bcdfghjklmnpqrstvwxz"[b % 20] for b in h[: len(word)])


def _invented_han(char: str, seed: int) -> str:
    import hashlib

    h = int.from_bytes(hashlib.sha256(f"{seed}:{to_simplified(char)}".encode()).digest()[:4], "big")
    return _HAN_POOL[h % len(_HAN_POOL)]


def _han_distinct(alias: str) -> list[tuple[int, int]]:
    """The (start, end) runs of an alias's Han characters that name *which*
    company it is: each Han run without the place opening it and the generic
    words ending it (浙江 | 三花智能控制 | 股份有限公司: the middle; 集团, 科技
    at the end say what kind of company, not which).  A run of one character
    left is too common to swap."""
    simple = to_simplified(alias)
    runs = []
    for m in re.finditer(r"[\u4e00-\u9fff]+", alias):
        i, end = m.start(), m.end()
        changed = True
        while changed:
            changed = False
            for w in _HAN_GENERIC + _HAN_PLACES:
                sw = to_simplified(w)
                if end - i > len(w) and simple.startswith(sw, i) and w in _HAN_PLACES:
                    i, changed = i + len(w), True
                elif end - i > len(w) and simple.endswith(sw, 0, end) and w not in _HAN_PLACES:
                    end, changed = end - len(w), True
        if end - i >= 2:
            runs.append((i, end))
    return runs


def _latin_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word.capitalize()
    return word


class NameSwap:
    """Every company and fund of a batch renamed with invented names, in the
    articles and in the expected entities alike, so that a score can no longer
    come from knowing the name (the entity table, or a rule written after
    reading it): in each Chinese alias, where the text writes it whole (either
    script), the characters that say which company it is become characters of
    ``_HAN_POOL`` (one per character, both scripts alike); a Latin word that
    does becomes an invented word with the same capitals (an acronym or ticker
    other letters of its length); a stock code's digits other digits; generic
    words (集团, Holdings), places, exchange codes and other digits stay."""

    def __init__(self, entities_csv: Path, seed: int) -> None:
        self.seed = seed
        self.han: dict[str, str] = {}    # a Han run as written -> its invented run
        self.latin: dict[str, str] = {}  # a Latin word, lower-cased -> its invented word
        self.codes: dict[str, str] = {}  # a stock code's digits -> other digits
        if not entities_csv.is_file():
            return
        for row in _read_csv(entities_csv):
            if row.get("type") not in _SWAPPED_TYPES:
                continue
            for alias in [row["id"], *(row.get("aliases") or "").split(";")]:
                code = _CODE.fullmatch(alias.strip())
                if code:  # a stock code would name a company the table knows: other digits
                    digits = code.group(1)
                    self.codes[digits] = _invented_digits(digits, seed)
                for w in re.findall(r"[A-Za-z]+", alias):
                    if w.lower() not in _LATIN_GENERIC and len(w) >= 2 and w not in _EXCHANGES:
                        # an acronym or ticker (TME, CHA.US) keeps its length: a ticker looks like one
                        self.latin.setdefault(w.lower(), _invented_letters(w.lower(), seed) if w.isupper() and len(w) <= 5
                                              else _invented_word(w.lower(), seed))
            # a Chinese alias is renamed where the text writes it whole, in either script (not each of
            # its words wherever they stand: 控制 of 三花智能控制 is a word of the text too)
            for alias in [row["id"], *(row.get("aliases") or "").split(";")]:
                if _CJK_IN.search(alias):
                    new = self._han_alias(alias)
                    for form in {alias, to_simplified(alias), _to_traditional(alias)}:
                        if form != new:
                            self.han[form] = new
        parts = [re.escape(r) for r in sorted(self.han, key=len, reverse=True)]
        # a Latin word in any capitals ('Luckin', 'LUCKIN'), never in lower case (an ordinary word) nor inside another
        parts += [rf"(?<![A-Za-z])(?i:{re.escape(w)})(?![A-Za-z])" for w in sorted(self.latin, key=len, reverse=True)]
        parts += [rf"(?<![\d.,]){d}(?![\d%])" for d in sorted(self.codes, key=len, reverse=True)]
        self._pattern = re.compile("|".join(parts)) if parts else None

    def _han_alias(self, alias: str) -> str:
        """A Chinese alias with the characters that say which company it is
        invented (its generic words, places, Latin words and digits as the
        other rules give them)."""
        out = list(alias)
        for a, b in _han_distinct(alias):
            out[a:b] = [_invented_han(c, self.seed) for c in alias[a:b]]
        text = "".join(out)
        return re.sub(r"[A-Za-z]+", lambda m: _latin_case(self.latin[m.group(0).lower()], m.group(0))
                      if m.group(0).lower() in self.latin else m.group(0), text)

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        def swapped(m: re.Match[str]) -> str:
            found = m.group(0)
            if found in self.han:
                return self.han[found]
            if found in self.codes:
                return self.codes[found]
            return found if found.islower() else _latin_case(self.latin[found.lower()], found)

        return self._pattern.sub(swapped, text)

    def entities(self, table: dict[str, frozenset[str]], entities_csv: Path) -> dict[str, frozenset[str]]:
        """The batch's id -> forms with swapped names (ids stay as the expected rows write them)."""
        out = dict(table)
        for row in _read_csv(entities_csv):
            if row.get("type") in _SWAPPED_TYPES:
                names = [row["id"], *(row.get("aliases") or "").split(";")]
                out[row["id"]] = frozenset(n for n in (normalise(self(a)) for a in names) if n)
        return out


def swap_names(corpus: Corpus, corpus_dir: Path, seed: int, folder: Path) -> Corpus:
    """The corpus with every company and fund renamed (:class:`NameSwap`):
    the articles written to ``folder``, the expected entities' forms swapped."""
    from ledger.textio import read_text

    swaps = {b: NameSwap(corpus_dir / b / "entities.csv", seed) for b in corpus.entities}
    for a in corpus.articles.values():
        out = folder / a.batch / a.file
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(swaps[a.batch](read_text(a.path)), encoding="utf-8")
        a.path = out
    corpus.entities = {b: swaps[b].entities(t, corpus_dir / b / "entities.csv") for b, t in corpus.entities.items()}
    return corpus


# --------------------------------------------------------------------------- running the pipeline


@dataclass
class Run:
    claims: dict[str, list[dict[str, Any]]]   # source -> extracted claim rows
    findings: Any                              # the check's DataFrame
    extracted: int
    seconds_extract: float
    seconds_check: float
    refused: list[str]                         # the ledger's own validation errors, if check refused it


def run_pipeline(corpus: Corpus, *, published: bool = False) -> Run:
    """Copy the articles to a temp folder, extract into a fresh ledger there and check it.
    ``published``: register each article first with articles.csv's published
    date (stated), as a user who knows the date puts it in sources.csv."""
    from ledger.claims.store import read_ledger
    from ledger.errors import LedgerInvalid
    from ledger.job import Workspace, check_ledger

    with tempfile.TemporaryDirectory(prefix="generalisation-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for a in corpus.articles.values():
            shutil.copyfile(a.path, folder / a.name)
        ws = Workspace.open(Path(tmp) / "claims.csv")
        if published:
            _register_dates(corpus, folder, ws.sources)
        t0 = time.perf_counter()
        ws.extract([folder])
        t1 = time.perf_counter()
        refused: list[str] = []
        try:
            findings = ws.check()
        except LedgerInvalid as err:
            # `factcheck check` would refuse this ledger; score the check of it as extracted
            refused = [str(p).replace(str(ws.ledger), "claims.csv") for p in err.problems]
            findings = check_ledger(ws.ledger, claims=read_ledger(ws.ledger))
        t2 = time.perf_counter()
        frame = read_ledger(ws.ledger)
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in frame.to_dict("records"):
        claims[row["source"]].append(row)
    return Run(dict(claims), findings, len(frame), t1 - t0, t2 - t1, refused)


def _register_dates(corpus: Corpus, folder: Path, sources_csv: Path) -> None:
    """sources.csv with every article, its published date from articles.csv
    where the page gave one (basis ``stated``), as a user would fill it in."""
    from ledger.sources.table import register_sources

    register_sources(sorted(folder.iterdir()), sources_csv)
    dates = {a.name: a.published for a in corpus.articles.values() if a.published}
    with open(sources_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        header = list(rows[0]) if rows else []
    for row in rows:
        name = Path(row["file"]).name
        if name in dates and not row["published"]:
            row.update(published=dates[name], published_basis="stated",
                       published_evidence="the outlet's page (articles.csv)")
    with open(sources_csv, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------- scoring


def locate_all(corpus: Corpus) -> dict[tuple[str, str, str, int], tuple[int, int]]:
    """Span of every expected row and verdict side; a surface not found is a DataError."""
    from ledger.textio import read_text

    texts = {k: read_text(a.path) for k, a in corpus.articles.items()}
    spans: dict[tuple[str, str, str, int], tuple[int, int]] = {}
    missing: list[str] = []

    def one(batch: str, file: str, surface: str, occurrence: int, where: str) -> None:
        key = (batch, file, surface, occurrence)
        if key in spans:
            return
        start = locate(texts[(batch, file)], surface, occurrence)
        if start is None:
            missing.append(f"{where}: {file}: surface {surface!r} occurrence {occurrence} is not in the article")
        else:
            spans[key] = (start, start + len(surface))

    for r in corpus.expected:
        one(r["batch"], r["file"], r["surface"], r["occurrence"], f"{r['batch']}/expected.csv:{r['line']}")
    for r in corpus.verdicts:
        for s in ("a", "b"):
            one(r["batch"], r[f"file_{s}"], r[f"surface_{s}"], r[f"occurrence_{s}"],
                f"{r['batch']}/verdicts.csv:{r['line']}")
    if missing:
        raise DataError("\n".join(missing))
    return spans


def main_subject(rows: list[dict[str, Any]]) -> str:
    """The article's most frequent expected subject by row count (first seen wins a tie)."""
    counts = Counter(r["subject"] for r in rows if r["metric"] and r["subject"])
    return max(counts, key=lambda s: (counts[s], -next(i for i, r in enumerate(rows) if r["subject"] == s)),
               default="")


def group_names(batches: list[str]) -> list[str]:
    return ["all", *batches, *LANGS, "unknown-entity"]


def score(corpus: Corpus, run: Run, spans: Mapping, tool: Mapping[str, frozenset[str]]) -> dict[str, Any]:
    """Every figure, and every disagreement (for ``--list``)."""
    by_article: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in corpus.expected:
        by_article[(r["batch"], r["file"])].append(r)
    unknown = {}
    for key, a in corpus.articles.items():
        subject = main_subject(by_article.get(key, []))
        unknown[key] = bool(subject) and not known_to_tool(subject, corpus.entities[a.batch], tool)

    groups = group_names(sorted({a.batch for a in corpus.articles.values()}, key=lambda b: (len(b), b)))
    tally = {g: {"claims": 0, "found": 0, "non_claims": 0, "false_claims": 0,
                 **{f: 0 for f in FIELDS}, "_metric_pairs": []} for g in groups}
    disagreements: list[dict[str, str]] = []
    matched_ids: Counter = Counter()

    def claim_for(batch: str, file: str, surface: str, occurrence: int) -> Mapping[str, Any] | None:
        start, end = spans[(batch, file, surface, occurrence)]
        a = corpus.articles[(batch, file)]
        return best_claim(run.claims.get(a.source, []), start, end)

    for r in corpus.expected:
        a = corpus.articles[(r["batch"], r["file"])]
        got = claim_for(r["batch"], r["file"], r["surface"], r["occurrence"])
        if got is not None:
            matched_ids[got["claim_id"]] += 1
        where = [g for g in ("all", a.batch, a.lang) if g in tally]
        if unknown[(a.batch, a.file)]:
            where.append("unknown-entity")
        base = {"file": a.file, "batch": a.batch, "split": a.split, "surface": r["surface"],
                "occurrence": str(r["occurrence"])}
        if not r["metric"]:
            for g in where:
                tally[g]["non_claims"] += 1
                tally[g]["false_claims"] += got is not None
            if got is not None:
                disagreements.append({**base, "field": "not a claim", "expected": "(no claim)",
                                      "got": f"{got['metric']} {text_of(got['value'])}"})
            continue
        ents = corpus.entities[a.batch]
        agree = {f: got is not None and field_agrees(f, r[f], got[f], ents, tool) for f in FIELDS}
        for g in where:
            t = tally[g]
            t["claims"] += 1
            t["found"] += got is not None
            for f in FIELDS:
                t[f] += agree[f]
            if got is not None:
                t["_metric_pairs"].append((r["metric"], text_of(got["metric"])))
        if got is None:
            disagreements.append({**base, "field": "found", "expected": r["metric"], "got": "(not extracted)"})
        else:
            disagreements.extend({**base, "field": f, "expected": r[f], "got": text_of(got[f])}
                                 for f in FIELDS if not agree[f])

    extraction = {}
    for g, t in tally.items():
        pairs = t.pop("_metric_pairs")
        extraction[g] = {
            "claims": t["claims"], "found": t["found"], "non_claims": t["non_claims"],
            "false_claims": t["false_claims"],
            **{("metric_exact" if f == "metric" else f): t[f] for f in FIELDS},
            "metric_purity_f": purity_f(pairs),
            "articles": sum(1 for k, a in corpus.articles.items()
                            if g == "all" or g in (a.batch, a.lang) or (g == "unknown-entity" and unknown[k])),
        }

    kinds = pair_kinds(run.findings)
    per = {v: {"right": 0, "total": 0, "not_extracted": 0} for v in VERDICTS}
    confusion: dict[str, Counter] = {v: Counter() for v in VERDICTS}
    verdict_errors: list[dict[str, str]] = []
    for r in corpus.verdicts:
        ca = claim_for(r["batch"], r["file_a"], r["surface_a"], r["occurrence_a"])
        cb = claim_for(r["batch"], r["file_b"], r["surface_b"], r["occurrence_b"])
        both = ca is not None and cb is not None
        ks = kinds.get(frozenset((ca["claim_id"], cb["claim_id"])), set()) if both else set()
        ok = verdict_right(r["verdict"], ks, both)
        got = verdict_got(ks, both)
        per[r["verdict"]]["total"] += 1
        per[r["verdict"]]["right"] += ok
        per[r["verdict"]]["not_extracted"] += not both
        confusion[r["verdict"]][got] += 1
        if not ok:
            split = corpus.articles[(r["batch"], r["file_a"])].split
            verdict_errors.append({"split": split, "batch": r["batch"],
                                   "a": f"{r['file_a']} {r['surface_a']!r}#{r['occurrence_a']}",
                                   "b": f"{r['file_b']} {r['surface_b']!r}#{r['occurrence_b']}",
                                   "expected": r["verdict"], "got": got,
                                   "keys": " | ".join(_key(c) for c in (ca, cb))})
    verdicts = {
        "right": sum(p["right"] for p in per.values()), "total": sum(p["total"] for p in per.values()),
        "by_verdict": per,
        "different_as_contradiction": confusion["different"]["contradiction"],
        "not_extracted": sum(p["not_extracted"] for p in per.values()),
        "confusion": {v: dict(c) for v, c in confusion.items()},
    }
    sources = {a.source for a in corpus.articles.values()}
    extracted_claims = [c for s in sources for c in run.claims.get(s, [])]
    return {
        "extraction": extraction,
        "verdicts": verdicts,
        "extracted": {
            "claims": len(extracted_claims),
            "matching_no_expected_row": sum(1 for c in extracted_claims if c["claim_id"] not in matched_ids),
            "matched_by_several_rows": sum(1 for n in matched_ids.values() if n > 1),
        },
        "unknown_entity_articles": sorted(f"{a.batch}/{a.file}" for k, a in corpus.articles.items() if unknown[k]),
        "_disagreements": disagreements,
        "_verdict_errors": verdict_errors,
    }


# --------------------------------------------------------------------------- output


def _commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "ledger"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head + ("+dirty" if dirty else "")


def _frac(a: int, n: int) -> str:
    return f"{a}/{n} {a / n:6.1%}" if n else f"{a}/{n}      -"


def render(result: dict[str, Any]) -> str:
    ex = result["extraction"]
    out = [f"generalisation: split {result['split']}, batches {' '.join(result['batches'])}: "
           f"{ex['all']['articles']} articles, {ex['all']['claims']} expected claims, "
           f"{ex['all']['non_claims']} non-claims, {result['verdicts']['total']} verdict pairs"
           + (f"  (commit {result['commit']})" if result.get("commit") else "")
           + ("; published dates from articles.csv given" if result.get("published_given") else "")
           + (f"; companies renamed (seed {result['names_swapped']})"
              if result.get("names_swapped") is not None else "")]
    p = result["pipeline"]
    out.append(f"pipeline: {p['claims']} claims extracted in {p['seconds_extract']:.2f}s, "
               f"{p['findings']} findings in {p['seconds_check']:.2f}s")
    if p["refused"]:
        first = f", first: {p['refused_first']}" if p["refused_first"] else ""
        out.append(f"  note: the check refuses the extracted ledger ({p['refused']} validation error(s){first}); "
                   f"scored on the check of the ledger as extracted")
    e = result["extracted"]
    out.append(f"  extracted claims matching no expected row: {e['matching_no_expected_row']}/{e['claims']}; "
               f"matched by several expected rows: {e['matched_by_several_rows']}")
    cols = ["found", "subject", "object", "metric F", "metric =", "period", "modality", "value", "false claims"]
    width = 15
    out.append("")
    out.append("extraction (agreed/total over expected claims; metric F: purity F over the found ones)")
    out.append(f"  {'':<16}{'arts':>5} " + "".join(f"{c:>{width}}" for c in cols))
    for g, t in ex.items():
        n = t["claims"]
        cells = [_frac(t["found"], n), _frac(t["subject"], n), _frac(t["object"], n),
                 "-" if t["metric_purity_f"]["n"] == 0 else f"{t['metric_purity_f']['f']:.3f}",
                 _frac(t["metric_exact"], n), _frac(t["period"], n), _frac(t["modality"], n), _frac(t["value"], n),
                 _frac(t["false_claims"], t["non_claims"])]
        out.append(f"  {g:<16}{t['articles']:>5} " + "".join(f"{c:>{width}}" for c in cells))
    m = ex["all"]["metric_purity_f"]
    if m["n"]:
        out.append(f"  metric purity {m['purity']:.3f}, inverse purity {m['inverse_purity']:.3f} over {m['n']} found")
    v = result["verdicts"]
    out.append("")
    out.append(f"cross-article verdicts: right {_frac(v['right'], v['total'])}")
    got_cols = ["consistent", "contradiction", "temporal", "modality", "no finding", "not extracted"]
    out.append(f"  {'expected':<15}{'right':>15}   " + " ".join(f"{c:>13}" for c in got_cols))
    for name, t in v["by_verdict"].items():
        if t["total"]:
            row = v["confusion"][name]
            out.append(f"  {name:<15}{_frac(t['right'], t['total']):>15}   "
                       + " ".join(f"{row.get(c, 0):>13}" for c in got_cols))
    out.append(f"  'different' pairs reported as contradiction (critical): {v['different_as_contradiction']}")
    out.append(f"  pairs with a claim not extracted: {v['not_extracted']}")
    notes = result["data_notes"]
    if notes["count"]:
        out.append("")
        out.append(f"data notes: {notes['count']} ({', '.join(f'{k} {n}' for k, n in notes['by_code'].items())})")
        out.extend("  " + n for n in notes["dev"])
        if notes["test"]:
            out.append(f"  ({notes['test']} about test rows: counted, not shown)")
    return "\n".join(out)


def _key(claim: Mapping[str, Any] | None) -> str:
    """What the cross-check groups and compares a claim by (for --list)."""
    if claim is None:
        return "(not extracted)"
    return "/".join(text_of(claim.get(k)) for k in ("subject", "object", "metric", "period", "modality", "unit"))


def render_list(result: dict[str, Any]) -> str:
    out = ["", "disagreements (file, surface#occurrence, field: expected -> got):"]
    for d in result["disagreements"]:
        out.append(f"  {d['batch']}/{d['file']} {d['surface']!r}#{d['occurrence']} {d['field']}: "
                   f"{d['expected']!r} -> {d['got']!r}")
    out.append("")
    out.append("verdicts not right (a / b: expected -> got):")
    for d in result["verdict_errors"]:
        out.append(f"  {d['batch']} {d['a']} / {d['b']}: {d['expected']} -> {d['got']}   [{d.get('keys', '')}]")
    return "\n".join(out)


def use_entity_table(path: Path) -> None:
    """Make this process's pipeline read ``path`` as its entity table (framing's
    lexicon and the cross-check's entity keys), as if it were the packaged one."""
    import ledger.framing.cues as cues
    from ledger.crosscheck import entities as keys

    original = cues._read_toml

    def read(name: str, given: str | Path | None) -> dict:
        return original(name, path if name == "entities.toml" and given is None else given)

    cues._read_toml = read  # type: ignore[assignment]
    cues.default_lexicon.cache_clear()
    for cached in (keys._aliases, keys._cores, keys._suffixes):
        cached.cache_clear()


def measure(corpus_dir: Path, split: str, batches: list[str], *, listing: bool = False,
            tool_entities: Path = TOOL_ENTITIES, published: bool = False,
            swap_seed: int | None = None) -> dict[str, Any]:
    """Load, locate (DataError first, before the pipeline runs), run, score.
    ``swap_seed``: every company and fund renamed first (:func:`swap_names`)."""
    corpus = load_corpus(corpus_dir, split, batches)
    with tempfile.TemporaryDirectory(prefix="generalisation-swap-") as tmp:
        if swap_seed is not None:
            corpus = swap_names(corpus, corpus_dir, swap_seed, Path(tmp))
        spans = locate_all(corpus)
        run = run_pipeline(corpus, published=published)
    scored = score(corpus, run, spans, load_tool_entities(tool_entities))
    disagreements, verdict_errors = scored.pop("_disagreements"), scored.pop("_verdict_errors")
    dev_notes = [n["text"] for n in corpus.notes if n["split"] == "dev"]
    result = {
        "split": split, "batches": batches, "commit": _commit(), "published_given": published,
        "names_swapped": swap_seed,
        "pipeline": {"claims": run.extracted, "findings": len(run.findings),
                     "seconds_extract": round(run.seconds_extract, 3), "seconds_check": round(run.seconds_check, 3),
                     "refused": len(run.refused),
                     # the first error names a row: shown for dev only (the test half is scored, not read)
                     "refused_first": run.refused[0] if run.refused and split == "dev" else ""},
        **scored,
        "data_notes": {"count": len(corpus.notes), "by_code": dict(Counter(n["code"] for n in corpus.notes)),
                       "dev": dev_notes, "test": len(corpus.notes) - len(dev_notes)},
    }
    if split != "dev":  # the test half is scored, not read: nothing about its rows
        result["unknown_entity_articles"] = len(result["unknown_entity_articles"])
    if listing:
        result["disagreements"] = disagreements
        result["verdict_errors"] = verdict_errors
    return result


def _json_ready(v: Any) -> Any:
    """NaN (an empty group's purity) as null; everything else as JSON has it."""
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, dict):
        return {str(k): _json_ready(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json_ready(x) for x in v]
    return v


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=SPLITS, default="dev", help="which half to score (default dev)")
    ap.add_argument("--batch", nargs="+", metavar="B", help="batches to score (default: all)")
    ap.add_argument("--json", action="store_true", help="print one JSON object with every figure")
    ap.add_argument("--list", action="store_true", help="also every disagreement (only with --split dev)")
    ap.add_argument("--entities", type=Path, metavar="TOML",
                    help="run the whole pipeline with this entity table instead of the packaged one "
                         "(bench/data/entities_before_kb.toml: the 78-entry table of the seeds' era, to "
                         "measure articles on companies the table does not know)")
    ap.add_argument("--published", action="store_true",
                    help="give the pipeline each article's published date from articles.csv (in sources.csv, "
                         "as a user who knows it would); default: only the date stamps in the texts")
    ap.add_argument("--swap-names", type=int, metavar="SEED", dest="swap_seed",
                    help="rename every company and fund of the articles and of the expected rows with "
                         "invented names (seeded) before the run: what the score is on companies nobody knows")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.entities is not None:
        use_entity_table(args.entities)
    if args.list and args.split != "dev":
        print(f"generalisation: {REFUSE_LIST}", file=sys.stderr)
        return 2
    known = batches_in(args.corpus)
    batches = list(dict.fromkeys(args.batch or known))
    unknown = [b for b in batches if b not in known]
    if unknown:
        print(f"generalisation: no batch {', '.join(unknown)} in {args.corpus} (there are {', '.join(known)})",
              file=sys.stderr)
        return 2
    try:
        result = measure(args.corpus, args.split, batches, listing=args.list, published=args.published,
                         swap_seed=args.swap_seed,
                         **({"tool_entities": args.entities} if args.entities is not None else {}))
    except DataError as err:
        print(f"generalisation: data error in {args.corpus}:\n{err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(_json_ready(result), ensure_ascii=False, indent=1, allow_nan=False))
    else:
        print(render(result))
        if args.list:
            print(render_list(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

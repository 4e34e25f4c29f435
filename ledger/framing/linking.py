"""One name for one company the entity table does not know, across articles
and languages (名创优品 in one article, MINISO in another).

The table links 微软 and Microsoft; for a company it does not know, framing keeps
the name as written, so a Chinese and an English article about it file their
claims under two names that never meet.  The articles themselves are the
evidence: two such names, each from articles the other is not named in (as a
subject or a counterpart), that state the same figures (the same metric, unit
and value to three significant digits; the period is left out, as one article's
quarter is often another's undated figure) at least ``min_shared`` times and for
at least ``min_share`` of the figures of the one that states fewer (cues.toml
``[linking]``), one of them a figure of two significant digits or more (round
ones, $1 billion or 3 times, two companies share by chance), each the other's
best match (a tie says nothing), are one company; a third name whose best match
is in such a group joins it when no article names it with one of the group (友达
beside 友达光电 / AUO).  An article that names both is no proof of two companies when
the two share ``named_together_min`` precise figures ('NIO(09866.HK)' in the lead of a
Chinese article that says 蔚来 afterwards).  Two names that are one stem with at most
one company suffix among all the names of that stem are one company whatever their
figures (理想 / 理想汽车, 'Nordlys' / 'Nordlys Group'; not 吉利汽车 / 吉利控股).
A figure no cue named (a last-resort metric) meets a figure of a metric it may stand
for, only between two names that share a precise figure of one metric already.
A name an article writes in a bracket right after another ('Hermès(爱马仕)',
'罗宾汉 (Robinhood)') is that company whatever the figures say (:func:`aliases_of`).
Its claims are then written under one name: the one the
ledger already uses, else the one named in more claims.  Names the table knows are
never relinked; rows a reviewer touched are never changed (only new rows are
renamed).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ledger.framing.context import WEAKEST_SUBJECT
from ledger.framing.cues import Lexicon, default_lexicon, places
from ledger.framing.names import codes_after, fold_name, strip_suffix
from ledger.record import last_resort_metrics, meeting_classes, parse_confidence_detail
from ledger.sources import to_simplified

#: columns the evidence is read from
COLUMNS = ("source", "subject", "metric", "unit", "value", "status")


def _known(lex: Lexicon) -> frozenset[str]:
    """Folded names the table knows: its entities' and the economies' ([economy]), never relinked."""
    return frozenset(fold_name(a) for e in lex.entities for a in (*e.aliases, e.name)) \
        | frozenset(fold_name(n) for n in lex.economy.get("names", {}))


def _evidence(frames: Iterable[pd.DataFrame], known: frozenset[str]) -> pd.DataFrame:
    """One row per (unknown single-party subject, source, fact) stated."""
    # a claim framing was least sure of (confidence below WEAKEST_SUBJECT: a subject only the
    # article's topic gave) is no evidence of whose its figures are; one whose only weak field
    # is its metric (no cue said what it measures) is evidence of its figure alone (``vague``)
    parts = [f.loc[:, [c for c in (*COLUMNS, "confidence", "confidence_detail") if c in f.columns]]
             for f in frames if len(f)]
    if not parts:
        return pd.DataFrame(columns=["name", "key", "source", "fact", "precise", "figure", "metric", "vague"])
    df = pd.concat(parts, ignore_index=True)
    subject = df["subject"].fillna("").astype(str)
    value = pd.to_numeric(df["value"], errors="coerce")
    keep = (subject != "") & ~subject.str.contains(";", regex=False) & value.notna() & (value != 0) \
        & (df["status"].fillna("").astype(str) != "rejected")
    if "confidence" in df.columns:
        sure = ~(pd.to_numeric(df["confidence"], errors="coerce") < WEAKEST_SUBJECT)
        vague = pd.Series(False, index=df.index)
        if "confidence_detail" in df.columns:
            vague = ~sure & df["metric"].isin(last_resort_metrics()) & df["confidence_detail"].map(_sure_but_metric)
        keep &= sure | vague
    else:
        vague = pd.Series(False, index=df.index)
    df, subject, value, vague = df[keep], subject[keep], value[keep], vague[keep]
    keys = subject.map({n: fold_name(n) for n in subject.unique()})  # each distinct name folded once
    unknown = ~keys.isin(known)
    df, subject, value, keys, vague = df[unknown], subject[unknown], value[unknown], keys[unknown], vague[unknown]
    v = value.to_numpy(dtype=float)
    rounded_v, mantissa = _three_significant(v)
    # a rate of one significant digit (4%, 0.6 points) is no evidence: two companies' round rates coincide
    rate = df["unit"].astype(str).isin(("ratio", "percentage_point")).to_numpy()
    keep = ~rate | (mantissa % 100 != 0)
    df, subject, value, keys = df[keep], subject[keep], value[keep], keys[keep]
    rounded_v, mantissa = rounded_v[keep], mantissa[keep]
    vague = vague[keep]
    rounded = pd.Series(rounded_v, index=value.index)
    # the period is left out: one article's quarter is often another's undated figure
    figure = df["unit"].astype(str) + "|" + rounded.astype(str)
    fact = df["metric"].astype(str) + "|" + figure
    # a round figure ($1 billion, 3 times: one significant digit) two companies share by chance
    precise = mantissa % 100 != 0
    return pd.DataFrame({"name": subject.to_numpy(), "key": keys.to_numpy(), "source": df["source"].astype(str)
                         .to_numpy(), "fact": fact.to_numpy(), "precise": precise,
                         "figure": figure.to_numpy(), "metric": df["metric"].astype(str).to_numpy(),
                         "vague": vague.to_numpy(dtype=bool)})


def _three_significant(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each value to three significant digits, and those digits as a whole number (1.234e9
    -> 1.23e9 and 123; NaN for 0, a missing or an infinite value)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = 10.0 ** (np.floor(np.log10(np.abs(v))) - 2)
        return np.round(np.round(v / scale) * scale, 12), np.round(np.abs(v) / scale)


def _sure_but_metric(detail: object) -> bool:
    """Is every field of a ``confidence_detail`` ('subject=0.90;...;metric=0.20') but the
    metric at least WEAKEST_SUBJECT?"""
    if not isinstance(detail, str) or not detail:
        return False
    try:
        fields = parse_confidence_detail(detail)
    except ValueError:
        return False
    return all(v >= WEAKEST_SUBJECT for k, v in fields.items() if k != "metric")


def _named_in(frames: list[pd.DataFrame]) -> dict[str, set[str]]:
    """Folded name -> the articles that name it, as a subject or an object (a
    deal's two parties both state its price: an article naming both tells
    them apart)."""
    named: dict[str, set[str]] = defaultdict(set)
    for f in frames:
        for col in ("subject", "object"):
            pairs = f.loc[:, [col, "source"]].fillna("").astype(str).drop_duplicates()
            for value, src in zip(pairs[col], pairs["source"], strict=True):
                for name in value.split(";") if value else ():
                    named[fold_name(name)].add(src)
    return named


def links(frames: Iterable[pd.DataFrame], lex: Lexicon | None = None,
          tickers: dict[str, set[str]] | None = None,
          aliases: set[tuple[str, str]] | None = None) -> dict[str, str]:
    """Folded name -> folded name of the company it is linked to (each group's
    representative), from every claim of ``frames``; ``tickers`` (folded name ->
    the stock codes its articles write right after it: :func:`tickers_of`) links
    two names of one listing whatever their figures; ``aliases`` (pairs of folded
    names an article declares one company: :func:`aliases_of`) link whatever else
    is said, a name the table knows then being its group's representative."""
    lex = lex or default_lexicon()
    min_shared = int(lex.linking.get("min_shared", 3))
    max_names = int(lex.linking.get("max_names", 4))
    frames = [f for f in frames if len(f)]
    ev = _evidence(frames, _known(lex))
    if ev.empty and not tickers and not aliases:
        return {}
    sources = _named_in(frames)
    shared: Counter[tuple[str, str]] = Counter()
    precise: Counter[tuple[str, str]] = Counter()
    distinct = ev.drop_duplicates(["key", "fact"])  # each name's each figure once
    # a last-resort metric says nothing of what its figure measures: two such figures are no
    # evidence; one meets a figure of a metric it may stand for (_vague_shared)
    exact_rows = distinct[~distinct["vague"].astype(bool)]
    for (_, exact), group in exact_rows.groupby(["fact", "precise"])["key"]:
        names = sorted(set(group))
        if 1 < len(names) <= max_names:  # a figure many companies share (a round 10%) says nothing
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    shared[(a, b)] += 1
                    precise[(a, b)] += bool(exact)
    _vague_shared(distinct, max_names, shared, precise)
    parent: dict[str, str] = {}

    def root(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    # one listing, one company: '宏利金融(00945.HK)' and 'Manulife (SEHK: 945)', never named together
    known = _known(lex)
    by_code: dict[str, list[str]] = defaultdict(list)
    for name, codes in (tickers or {}).items():
        if name not in known:
            for code in codes:
                by_code[code].append(name)
    for listed in by_code.values():
        names = sorted(set(listed))
        if len(names) < 2 or len(names) > 3:  # a code many names take is no one's (a misread bracket)
            continue
        for other in names[1:]:
            a, b = root(names[0]), root(other)
            if a != b and not (sources[names[0]] & sources[other]):
                parent[b] = a

    # one stem, one company: 理想 and 理想汽车, 'Lufthansa' and 'Lufthansa Group', unless two
    # suffixes share the stem (吉利汽车 and 吉利控股 are two companies, and 吉利 either)
    for names in _stem_groups(frames, known, lex):
        for other in names[1:]:
            a, b = root(names[0]), root(other)
            if a != b:
                parent[b] = a

    together = int(lex.linking.get("named_together_min", 0))

    def apart(a: str, b: str) -> bool:
        """No article names both, or they share so many precise figures that one
        article naming both wrote one company twice ('NIO(09866.HK)' ... 蔚来)."""
        if not (sources[a] & sources[b]):
            return True
        return bool(together) and precise[(a, b) if a < b else (b, a)] >= together

    # two figures shared out of fifty are chance: the shared ones must be a fair part of
    # the figures of the name that states fewer
    share = float(lex.linking.get("min_share", 0))
    facts = exact_rows["key"].value_counts().to_dict()

    ranked: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (a, b), n in shared.items():
        if n < share * min(facts.get(a, 0), facts.get(b, 0)):
            continue
        # named together: two companies; round figures alone ($1 billion, 3 times) prove nothing
        if n >= min_shared and precise[(a, b)] and apart(a, b):
            ranked[a].append((n, b))
            ranked[b].append((n, a))
    best: dict[str, str] = {}
    for a, cands in ranked.items():
        cands.sort(reverse=True)
        if len(cands) == 1 or cands[0][0] > cands[1][0]:  # a tie says nothing
            best[a] = cands[0][1]
    for a, b in best.items():
        if best.get(b) == a:  # each is the other's best match
            parent[root(a)] = root(b)
    # a third name whose best match is in a group joins it, if no article names it with one of the group
    members: dict[str, set[str]] = defaultdict(set)
    for k in {*parent, *parent.values()}:  # every name in a group, its root too
        members[root(k)].add(k)
    grouped = set().union(*members.values()) if members else set()
    for a, b in best.items():
        if a in grouped or b not in grouped:
            continue
        joined = members[root(b)]
        if all(apart(a, m) for m in joined):
            parent[a] = root(b)
            joined.add(a)
            grouped.add(a)
    # a name an article writes in a bracket right after another ('Hermès(爱马仕)') is that
    # company; the table's name of the two is the group's, two names the table knows stay two
    for a, b in sorted(aliases or ()):
        ra, rb = root(a), root(b)
        if ra == rb or (ra in known and rb in known):
            continue
        if rb in known:
            ra, rb = rb, ra
        parent[rb] = ra
    return {k: root(k) for k in list(parent)} | {root(k): root(k) for k in list(parent)}


def _vague_shared(distinct: pd.DataFrame, max_names: int, shared: Counter[tuple[str, str]],
                  precise: Counter[tuple[str, str]]) -> None:
    """Count, into ``shared`` and ``precise``, the figures two names state under two
    metrics that may be one (:func:`ledger.record.meeting_classes`): one article's
    last-resort 'unspecified_ratio' 6.2% is another's 'operating_margin' 6.2%, as the
    cross-check itself lets them agree.  The figure (unit and value) is then the
    fact; pairs that share it under one metric were counted already.  Such figures
    only add to two names that share a precise figure of one metric already: a
    last-resort figure is often another company's, quoted in passing."""
    vague = set(last_resort_metrics())
    rows = distinct[distinct["metric"].isin(vague)]
    if rows.empty:
        return
    wanted = distinct[distinct["figure"].isin(set(rows["figure"]))]
    for (_, exact), group in wanted.groupby(["figure", "precise"]):
        by_name: dict[str, set[str]] = defaultdict(set)
        for key, metric in zip(group["key"], group["metric"], strict=True):
            by_name[key].add(metric)
        if not 1 < len(by_name) <= max_names:
            continue
        names = sorted(by_name)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                ma, mb = by_name[a], by_name[b]
                if not precise[(a, b)] or ma & mb or not any(_meet(x, y) for x in ma for y in mb):
                    continue  # no figure of one metric in common; or counted already; or two metrics never one
                shared[(a, b)] += 1
                precise[(a, b)] += bool(exact)


def _meet(a: str, b: str) -> bool:
    """May a claim of metric ``a`` and one of ``b`` be one figure (one seeks a class the other offers)?"""
    seeks_a, offers_a = meeting_classes(a)
    seeks_b, offers_b = meeting_classes(b)
    return bool(set(seeks_a) & set(offers_b) or set(seeks_b) & set(offers_a))


def _stem_groups(frames: list[pd.DataFrame], known: frozenset[str], lex: Lexicon) -> list[list[str]]:
    """Folded names the table does not know that are one stem with at most one
    company suffix among them (``[names]`` legal and industry suffixes):
    [理想, 理想汽车], not [吉利, 吉利汽车, 吉利控股]; a stem that is a place or
    too short to be a name (one Han character, two Latin letters) joins nothing."""
    spec = lex.names
    suffixes = tuple(spec.get("industry_suffixes", ())) + tuple(spec.get("legal_suffixes", ()))
    places = {fold_name(p) for p in (*spec.get("world_places", ()), *spec.get("place_prefixes", ()))}
    names: set[str] = set()
    for f in frames:
        for col in ("subject", "object"):
            for value in f[col].dropna().astype(str).unique():
                names.update(n for n in value.split(";") if n)
    by_stem: dict[str, dict[str, str]] = defaultdict(dict)  # stem -> folded name -> its suffix
    for name in names:
        key = fold_name(name)
        if not key or key in known:
            continue
        stem = fold_name(strip_suffix(to_simplified(name), suffixes))
        short = len(stem) < (2 if re.search(r"[\u3400-\u9fff]", stem) else 3)
        if stem and not short and stem not in places and key.startswith(stem):
            by_stem[stem][key] = key[len(stem):]
    out = []
    for forms in by_stem.values():
        if len(forms) > 1 and len({s for s in forms.values() if s}) <= 1:
            out.append(sorted(forms))
    return out


def link_names(new: pd.DataFrame, existing: pd.DataFrame | None = None,
               lex: Lexicon | None = None, texts: dict[str, str | None] | None = None) -> pd.DataFrame:
    """``new`` with the subjects and objects of linked companies written under
    one name (the existing ledger's, else the one in more claims); ``texts``
    (source -> article text) gives the stock codes written after the names."""
    if new.empty:
        return new
    frames = [f for f in (existing, new) if f is not None and len(f)]
    group = links(frames, lex, tickers_of(new, texts, lex) if texts else None,
                  aliases_of(frames, texts, lex) if texts else None)
    if not group:
        return new
    known = _known(lex or default_lexicon())
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    in_ledger: dict[str, str] = {}
    for frame, weight in ((existing, 10**6), (new, 1)):
        if frame is None or not len(frame):
            continue
        for name in frame["subject"].fillna("").astype(str):
            g = group.get(fold_name(name)) if name and ";" not in name else None
            if g is not None:
                counts[g][name] += weight
                if weight > 1:
                    in_ledger.setdefault(g, name)
    # a group with a name the table knows goes by that name (the table's names are never relinked)
    display = {g: _shown(c, known) for g, c in counts.items()}
    out = new.copy()
    for col in ("subject", "object"):
        values = out[col].fillna("").astype(str).to_numpy(dtype=object)
        renamed = np.array([_renamed(v, group, display) for v in values], dtype=object)
        out[col] = renamed
    return out


def adopt_unnamed(new: pd.DataFrame, existing: pd.DataFrame | None = None,
                  lex: Lexicon | None = None) -> pd.DataFrame:
    """``new`` with its claims that name nobody (an empty subject: a digest that only says
    公司, a copy that lost its lead, a figure no name stands near) filed under the one
    company whose figures they state: per article, the single-party subject that other
    articles (of ``new`` or ``existing``) give at least ``[linking] adopt_min`` of the
    article's unnamed precise figures (metric, unit and value to three significant digits,
    the third not 0; no last-resort metric), more than any other name and at least
    ``adopt_share`` of them.  Such a subject is the figures' evidence, not the text's
    words: its confidence is ``adopt_confidence`` (below the cross-check's ``weak_below``:
    it confirms another article's figure but is never held against one), so a reviewer
    sees these rows early.
    Named claims, and rows a reviewer touched, are never changed (only new rows are)."""
    lex = lex or default_lexicon()
    least, share = int(lex.linking.get("adopt_min", 3)), float(lex.linking.get("adopt_share", 0.3))
    sure = float(lex.linking.get("adopt_confidence", 0.5))
    if new.empty or least <= 0:
        return new
    subject = new["subject"].fillna("").astype(str)
    live = new["status"].fillna("").astype(str) != "rejected"
    unnamed = set(new.loc[live & (subject == ""), "source"].astype(str))
    if not unnamed:
        return new
    parts = []
    for frame in (existing, new):
        if frame is None or not len(frame):
            continue
        facts, precise = _precise_facts(frame)
        if "status" in frame.columns:  # a figure a reviewer rejected is no evidence of whose it is
            precise &= (frame["status"].fillna("").astype(str) != "rejected").to_numpy()
        parts.append(pd.DataFrame({"fact": facts, "name": frame["subject"].fillna("").astype(str).to_numpy(),
                                   "source": frame["source"].fillna("").astype(str).to_numpy(),
                                   "new": frame is new})[precise])
    rows = pd.concat(parts, ignore_index=True)
    mine = rows[rows["new"] & (rows["name"] == "") & rows["source"].isin(unnamed)]
    facts_of = mine.groupby("source")["fact"].agg(set).to_dict()  # unnamed source -> its precise figures
    # the single-party names stating those figures elsewhere, folded (one company, several spellings)
    others = rows[(rows["name"] != "") & ~rows["name"].str.contains(";", regex=False)
                  & rows["fact"].isin(set(mine["fact"]))]
    others = others.assign(key=others["name"].map({n: fold_name(n) for n in others["name"].unique()}))
    by_fact: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)  # figure -> (source, names)
    for (fact, source), keys in others.groupby(["fact", "source"])["key"]:
        by_fact[str(fact)].append((str(source), set(keys)))

    def holders_elsewhere(fact: str, source: str) -> set[str]:
        """The names other articles state ``fact`` for (an article's own names are no evidence)."""
        return {k for src, keys in by_fact.get(fact, ()) if src != source for k in keys}

    shown = others.groupby("key")["name"].agg(lambda s: s.value_counts().index[0]).to_dict()
    adopted: dict[str, str] = {}
    for src, stated in facts_of.items():  # source -> its precise figures
        src = str(src)
        votes = Counter(n for f in stated for n in holders_elsewhere(f, src))
        ranked = votes.most_common(2)
        if not ranked or ranked[0][1] < max(least, share * len(stated)):
            continue
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            continue  # a tie says nothing
        adopted[src] = shown[ranked[0][0]]
    if not adopted:
        return new
    out = new.copy()
    take = (subject == "") & live & out["source"].astype(str).isin(adopted)
    out.loc[take, "subject"] = out.loc[take, "source"].astype(str).map(adopted)
    if "confidence_detail" in out.columns:
        detail = out.loc[take, "confidence_detail"].map(lambda d: _with_subject(d, sure))
        out.loc[take, "confidence_detail"] = detail
        if "confidence" in out.columns:
            out.loc[take, "confidence"] = detail.map(_lowest)
    return out


def _precise_facts(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's figure as 'metric|unit|value to three significant digits', and whether
    it is precise (the third digit not 0, a metric a cue named, a value other than 0)."""
    value = pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=float)
    rounded, mantissa = _three_significant(value)
    ok = np.isfinite(mantissa) & (value != 0) & (np.nan_to_num(mantissa) % 100 != 0)
    ok &= ~frame["metric"].fillna("").astype(str).isin([*last_resort_metrics(), ""]).to_numpy()
    rounded = np.where(ok, rounded, 0.0)
    facts = (frame["metric"].fillna("").astype(str) + "|" + frame["unit"].fillna("").astype(str) + "|"
             + pd.Series(rounded, index=frame.index).astype(str)).to_numpy()
    return facts, ok


def _with_subject(detail: object, sure: float) -> str:
    """A ``confidence_detail`` with its subject's confidence set to ``sure``."""
    try:
        fields = parse_confidence_detail(detail) if isinstance(detail, str) and detail else {}
    except ValueError:
        fields = {}
    fields["subject"] = sure
    return ";".join(f"{k}={v:.2f}" for k, v in fields.items())


def _shown(counts: Counter[str], known: frozenset[str]) -> str:
    """The name a group's claims are written under: one the table knows, else the most used."""
    return max(counts, key=lambda n: (fold_name(n) in known, counts[n]))


def _lowest(detail: str) -> float:
    return round(min(parse_confidence_detail(detail).values()), 2)


def _renamed(value: str, group: dict[str, str], display: dict[str, str]) -> str:
    if not value:
        return value
    parts = value.split(";")
    names = [_one(p, group, display) for p in parts]
    return ";".join(sorted(names)) if len(names) > 1 else names[0]


def _one(name: str, group: dict[str, str], display: dict[str, str]) -> str:
    """A linked name under its group's name; a namesake brand part ('名创优品 brand')
    under the group's name too, lower-cased as parts are."""
    if fold_name(name) in group:
        return display.get(group[fold_name(name)], name)
    if name.endswith(" brand") and fold_name(name[:-6]) in group:
        return f"{display.get(group[fold_name(name[:-6])], name[:-6]).lower()} brand"
    return name


#: the words of a Latin name a bracket may follow ('Manulife Financial Corporation (...)' for Manulife)
_NAME_TAIL = re.compile(r"(?:[ \t]+[A-Z][A-Za-z.&-]*){0,4}")
#: a market written after a code ('00945.HK', 'LI.US'): no part of the code
_MARKET = re.compile(r"[.\-](?:HK|SH|SZ|SS|TW|TWO|KS|T|US|N|O)$")


def tickers_of(frame: pd.DataFrame, texts: dict[str, str | None], lex: Lexicon | None = None) -> dict[str, set[str]]:
    """Folded name -> the stock codes an article writes in a code bracket right after
    the name (``names.codes_after``: '宏利金融(00945.HK)' -> {'945'}; 'Zentrix Holdings (NYSE: ZTX;
    HKEX: 9988)' -> {'ZTX', '9988'}; digits without their leading zeros), for each
    single-party subject of ``frame``.  A bare year ('(2025)') is no code."""
    lex = lex or default_lexicon()
    out: dict[str, set[str]] = defaultdict(set)
    if frame.empty:
        return out
    pairs = frame.loc[:, ["source", "subject"]].fillna("").astype(str).drop_duplicates()
    asked = [(src, name) for src, name in zip(pairs["source"], pairs["subject"], strict=True)
             if name and ";" not in name and texts.get(src)]
    # each article lower-cased once and every name it is asked for found in one pass
    forms: dict[str, set[str]] = defaultdict(set)
    for src, name in asked:
        forms[src].add(name.lower())
    found = {src: places((texts.get(src) or "").lower(), names) for src, names in forms.items()}
    for src, name in asked:
        text = texts.get(src) or ""
        for at in found[src][name.lower()]:
            tail = _NAME_TAIL.match(text, at + len(name))
            for exchange, written in codes_after(text, tail.end() if tail else at + len(name), lex):
                code = _MARKET.sub("", written)
                if code.isdigit():
                    if len(code) == 4 and 1990 <= int(code) <= 2035 and not exchange and code == written:
                        continue  # '(2025)' after a name is a year unless an exchange or a market says otherwise
                    code = str(int(code))
                out[fold_name(name)].add(code)
    return out


#: a bracket and what it holds ('(爱马仕)', '（Robinhood）', '(RBC)'); one written piece of it
_BRACKET = re.compile(r"[(（]([^()（）\n]{1,60})[)）]")
_PIECE = re.compile(r"[^,，;；、/|]+")
#: how far before a bracket the name it glosses may begin
_GLOSSED_REACH = 40
_CJK = re.compile(r"[\u3400-\u9fff]")


def aliases_of(frames: Iterable[pd.DataFrame], texts: dict[str, str | None],
               lex: Lexicon | None = None) -> set[tuple[str, str]]:
    """Pairs of folded names an article declares one company, by writing one in a
    bracket right after the other: 'Hermès(爱马仕)', '罗宾汉 (Robinhood)', '黑石集团(Blackstone)',
    'Royal Bank of Canada (RBC)'.  Both must be names the claims of ``frames`` use (a
    subject or a counterpart), the bracket's piece all of one of them (a stock code, '持股
    60%' or 'TME母公司' is no name), the other the longest such name ending where the
    bracket opens (a Latin one beginning a word).  Two names the table knows are left
    to the table.  The name finder reads one such bracket within an article to find a
    name it could not see otherwise (``names._by_gloss``: a descriptor or quotes before a
    Chinese name, a Latin one in the bracket); this reads the brackets between names
    already found, in either script and order, to link them across the run."""
    lex = lex or default_lexicon()
    known = _known(lex)
    used: set[str] = set()
    for f in frames:
        if not len(f):
            continue
        for col in ("subject", "object"):
            for value in f[col].dropna().astype(str).unique():
                used.update(fold_name(n) for n in value.split(";") if n)
    used.discard("")
    out: set[tuple[str, str]] = set()
    for text in texts.values():
        if not text:
            continue
        for m in _BRACKET.finditer(text):
            inner = {fold_name(p.group()) for p in _PIECE.finditer(m.group(1))} & used
            if not inner:
                continue
            outer = _glossed(text, m.start(), used)
            for name in inner:
                if outer and outer != name and not (outer in known and name in known):
                    out.add((outer, name) if outer < name else (name, outer))
    # a name glossed by two names of one script is two companies' ('Delta(达美航空)', 'Delta(台达电)'):
    # none of its glosses says which
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in out:
        partners[a].add(b)
        partners[b].add(a)
    two = {n for n, ps in partners.items() if len({_CJK.search(p) is not None for p in ps}) < len(ps)}
    return {(a, b) for a, b in out if a not in two and b not in two}


def _glossed(text: str, at: int, used: set[str]) -> str:
    """The longest name of ``used`` (folded) written right before ``at`` (blanks
    between), a Latin one from the start of a word; '' if none."""
    end = at
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    best = ""
    for start in range(end - 1, max(-1, end - _GLOSSED_REACH - 1), -1):
        if text[start] in "\n()（）":
            break
        if text[start].isascii() and text[start].isalnum() and start > 0 and text[start - 1].isascii() \
                and text[start - 1].isalnum():
            continue  # inside a Latin word
        key = fold_name(text[start:end])
        if key in used:
            best = key
    return best

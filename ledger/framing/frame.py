"""Framing: who a number is about (subject), its counterpart (object), what it
measures (metric), when it holds (period) and how sure the text is
(modality), each with a confidence, so reviewers can sort by what most needs
their eye.

Framing reads the cleaned, simplified text (:func:`ledger.sources.clean`), so
traditional and simplified articles frame alike; every offset it hands on
points into the original text.  All words come from ``lexicon/cues.toml`` and
``lexicon/entities.toml``; the rules (:mod:`ledger.framerules`) are about
positions only.  In short:

* metric - nearest cue, in the number's clause, of a metric whose dimension
  fits the mention's kind; then in its sentence; a specific metric's cue in
  the sentence refines a general one (``refines``); else the kind's neutral
  default (a percent: ``unspecified_ratio``), confidence 0.2.
* entities - besides the names of entities.toml, 'the company', 'its', 'the
  stock', 该公司 (and 公司 opening a clause) stand for the article's main
  company (``framedoc.main_company``: first organisation of the headline,
  else the most named).
* subject - an entity of the metric's ``subject_types`` / ``prefer_types`` in
  the sentence; else the agent after a passive marker (被/by); else the
  nearest entity before the number in its clause, then its sentence, that no
  object marker (对/向/给/与/in/to...) introduces (a person named with an
  organisation's role gives way to it for amounts; products only when nothing
  else is free); then the first after the number in its clause; then the
  subject of the previous claim.  Several investors listed before an amount
  of a metric with ``pooled`` make it the recipient's funding round.
* object - for metrics with ``object = true``: the passive patient; the nearest
  entity an object marker introduces in the clause, then the sentence; the
  company raising a round told in the same sentence; the nearest other entity
  of the sentence; the previous claim's object when its subject is the same.
* period - dates: their own value.  Year-less periods (第二季度, 上半年, 年底,
  'third-quarter') count as dates of the published year (the year before
  for an account of one not begun by then; a quarter in an article on a
  fiscal year: that year).  Amounts: the nearest date in the clause (a
  buyback, ``clause_period``: only that); 全年/'full-year' in the clause:
  the year of the sentence's date, else the published year; else the
  nearest earlier date of the sentence (60 characters, or any distance for
  a date opening the sentence; not for an ``instant`` such as a market
  value), skipping comparison bases (较之2023年) and dates of other events;
  else the period of an earlier amount of the sentence of the same
  ``carry`` family and modality; else the last event date when the
  sentence refers back to a deal (该交易); else the published date when the
  clause is in the present (持有/现有/目前) or the amount is an actual
  instant; else the period of the last dated amount of the same family and
  modality in the paragraph (blank-line separated); else empty.  'a year
  earlier' / 去年同期 in the clause: that period (or the previous amount's)
  one year back, except for comparisons (growth rates) - and the 去年 of
  去年同期 is no date of the sentence; 'since 2022': 2022/published.
* modality - cues in the clause, else sentence-scope cues before the clause;
  several apply -> the first in ``[modality].precedence``; none -> actual.

Which mentions become claims: amounts, shares and multiples with a subject,
or without one when a cue gave their metric (an article that never names its
company keeps its claims, subject empty);
(not a tolerance: 'plus or minus 2%');
counts and durations with a cue of a metric of their kind in their clause;
dates that a date cue makes an event, or that open the clause of an amount
belonging to a dated event (``date``).
"""
from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ledger.framing.context import DEFAULT_METRIC, WEAKEST_SUBJECT, Memory
from ledger.framing.cues import Lexicon
from ledger.framing.doc import LONGEST, Doc, Spot, analyse, main_company, spans_of
from ledger.framing.economies import economy_of
from ledger.framing.markets import (
    brand_owner,
    is_market,
    market_of,
    own_brand,
    product_part,
    share_of_market,
    whole_market,
)
from ledger.framing.metric import change_of, date_metric, frame_metric
from ledger.framing.modality import frame_modality
from ledger.framing.period import at_end, frame_period
from ledger.framing.roles import frame_object, frame_subject, part_of, pooled
from ledger.numbers.finder import find_mentions
from ledger.numbers.lexicon import (
    CURRENCY_WORDS_AFTER,
    DOLLARS,
    YEN_SIGNS,
    currency_named,
    default_yuan,
    dollar_prefix,
)
from ledger.record import COLUMNS, FRAMED_FIELDS, claim_id, dimension, metrics, object_kind, value_range
from ledger.sources import CleanText, clean, detect_script, parse_published
from ledger.units import DIMENSION_UNITS, KIND_DIMENSION

AMOUNT_KINDS = ("money", "percent", "percentage_point", "multiple")


@dataclass(frozen=True)
class Frame:
    """The framed fields of one mention and a confidence per field."""

    subject: str
    object: str
    metric: str
    period: str
    modality: str
    confidence: dict[str, float]
    #: the number is the size of a fall ('下降2.7%', 'fell 24%'): stored negative
    down: bool = False

    def detail(self) -> str:
        return ";".join(f"{f}={self.confidence[f]:.2f}" for f in FRAMED_FIELDS)

    def lowest(self) -> float:
        return min(self.confidence[f] for f in FRAMED_FIELDS)


# --------------------------------------------------------------------------- passes


def _frame_amount(doc: Doc, spot: Spot, memory: Memory) -> dict[str, Any]:
    """Metric, subject and object of a non-date mention."""
    metric, c_metric = frame_metric(doc, spot)
    subj, c_subj = frame_subject(doc, spot, metric, memory)
    recipient = pooled(doc, spot, metric)
    if recipient is not None:
        metric, subj, c_subj = doc.lex.spec(metric, "pooled"), recipient, 0.6
    subject = subj.name if subj else ""
    fact: dict[str, Any] = {"metric": metric, "subject": subject, "subject_hit": subj,
            "conf": {"metric": c_metric, "subject": c_subj}}
    doc.facts[spot.start] = fact
    obj, c_obj = ("", 0.7) if recipient is not None else frame_object(doc, spot, metric, subject, memory)
    alone = doc.lex.spec(metric, "alone")
    if alone and subject and not obj:  # 'Mobility accounts for 55% of its revenue': no customer named
        fact.update(metric=alone)
        fact["conf"]["metric"] = min(c_metric, 0.6)
    if fact["metric"] in (doc.lex.default_metric.get(spot.mention.kind), "equity_stake") \
            and share_of_market(doc, spot):
        # '12% of the US EV market': a share no cue named; 'held 12% of the global smartphone
        # market': a market is no company, so holding part of it is a market share, no stake
        fact["metric"] = "market_share"
    owner = brand_owner(doc, subject) if subject else ""
    if owner:  # '潮玩品牌TOP TOY…营收达5.75亿元': the company's figure, of its brand
        fact.update(subject=owner, subject_hit=main_company(doc))
        if object_kind(fact["metric"]) == "part" and not obj:
            obj = subject.lower()
    elif object_kind(fact["metric"]) == "part" and not obj and subject:
        sent = doc.sentence_of(spot.start)
        brands = [e for e in doc.among(doc.entities, sent[0], spot.start) if brand_owner(doc, e.name) == subject]
        if brands:
            obj = brands[-1].name.lower()
        elif own_brand(doc, spot, subject):  # '名创优品品牌营收52.2亿元': the brand, not the group
            obj = f"{subject.lower()} brand"
    whole = whole_market(doc, spot, fact["metric"])
    if object_kind(fact["metric"]) == "part":
        part = part_of(doc, spot, fact["metric"])  # its own part outranks one carried from the sentence
        obj, c_obj = (part, 0.6) if part else (obj, c_obj)
        if is_market(doc, obj):
            obj = ""  # a market is no part of a company (one carried from a market share)
        if not obj and not whole:
            obj = product_part(doc, fact["metric"], fact["subject"])
    if metrics().get(fact["metric"], {}).get("family") == "market":
        obj, c_obj = market_of(doc, spot)  # a share is of a market, never of a company
    if whole:  # '整个市场…共出货3.201亿部': the market's own figure, of the whole market
        fact.update(subject=whole, subject_hit=None)
        obj = ""
        fact["conf"]["subject"] = 0.6
    economy = economy_of(doc, spot, fact["metric"])
    if economy:  # '国家统计局…国内生产总值1401879亿元': China's, not the office's
        fact.update(subject=economy, subject_hit=None)
        fact["conf"]["subject"] = 0.6
    fact.update(object=obj)
    fact["conf"]["object"] = c_obj
    return fact


def _frame_date(doc: Doc, spot: Spot, amounts: list[Spot], memory: Memory) -> dict[str, Any]:
    """Metric, subject and object of a date: an event's own, or those of the
    amount of the same event in its sentence."""
    metric, c_metric = date_metric(doc, spot, amounts)
    if metric and any(s.start <= spot.start and spot.end <= s.end for s in spans_of(doc)):
        metric = ""  # 'the three months through September': the month ends a span, no event's date
    fact: dict[str, Any] = {"metric": metric, "subject": "", "object": "", "subject_hit": None,
            "conf": {"metric": c_metric, "subject": 0.2, "object": 0.4}}
    doc.facts[spot.start] = fact
    if not metric:
        return fact
    sent = doc.sentence_of(spot.start)
    for amount in doc.starting(amounts, *sent):
        other = doc.facts[amount.start]
        same_event = metric in (doc.lex.spec(other["metric"], "date"), *doc.lex.spec(other["metric"], "dates", ()))
        if same_event and other["subject"]:
            fact.update(subject=other["subject"], object=other["object"], subject_hit=other["subject_hit"])
            fact["conf"].update(subject=0.75, object=0.7)
            return fact
    subj, c_subj = frame_subject(doc, spot, metric, memory)
    fact.update(subject=subj.name if subj else "", subject_hit=subj)
    obj, c_obj = frame_object(doc, spot, metric, fact["subject"], memory)
    fact.update(object=obj)
    fact["conf"].update(subject=c_subj, object=c_obj)
    return fact


def is_claim(doc: Doc, spot: Spot) -> bool:
    """Amounts with a subject, or with a metric a cue gave (a company the
    article never names); counts and durations whose metric a cue of
    their clause or sentence gave (not the kind's default); dates that are events."""
    fact = doc.facts[spot.start]
    if tolerance(doc, spot):
        return False
    if spot.mention.kind in AMOUNT_KINDS and fact["subject"]:
        return True
    if spot.mention.kind == "date":
        return bool(fact["metric"] and fact["subject"])
    if spot.mention.kind in AMOUNT_KINDS and fact["metric"] and not _names_anyone(doc):
        # an article about a company nobody could name (no table entity, none found): its
        # figures are still its claims, for a reviewer to give their subject
        return True
    return bool(fact["metric"]) and fact["conf"]["metric"] >= 0.55


def _names_anyone(doc: Doc) -> bool:
    """Does the article name any organisation (a table entity or one found in it)?"""
    if "names_anyone" not in doc.memo:
        types = frozenset(doc.lex.role("organisation_types"))
        doc.memo["names_anyone"] = any(e.kind in types for e in doc.entities)
    return bool(doc.memo["names_anyone"])


def tolerance(doc: Doc, spot: Spot) -> bool:
    """'about $12 billion, plus or minus 3%': a tolerance on another number."""
    marks = doc.marks["tolerance"]  # those ending 0-2 characters before the number
    return any(0 <= spot.start - t.end <= 2 for t in doc.starting(marks, spot.start - 2 - LONGEST, spot.start + 1))


def restatements(doc: Doc, amounts: list[Spot]) -> dict[int, tuple[Spot, int]]:
    """The amounts that restate the amount before them in another currency
    ('EUR7.4 billion (USD7.8 billion)', cues.toml [restated]): the restating
    amount's start -> (the amount it restates, the end of its brackets)."""
    links = tuple(doc.lex.restated.get("links", ()))
    out: dict[int, tuple[Spot, int]] = {}
    for first, second in itertools.pairwise(amounts):
        if first.mention.kind != "money" or second.mention.kind != "money" or first.start in out:
            continue
        between = doc.low[first.end:second.start].strip()
        if not between or between[0] not in "(（":
            continue
        if between[1:].strip() and between[1:].strip() not in links:
            continue
        after = doc.low[second.end:second.end + 3].lstrip()
        if after[:1] in (")", "）") and first.mention.unit != second.mention.unit:
            out[second.start] = (first, doc.low.index(after[0], second.end) + 1)
    return out


def frame_all(doc: Doc, mentions: list) -> list[tuple[Spot, Frame]]:
    """Frame every mention of an analysed article, in text order; an amount
    restating the one before it in another currency is framed as that one."""
    spots = [doc.spot(m) for m in sorted(mentions, key=lambda m: m.start)]
    amounts = [s for s in spots if s.mention.kind != "date"]
    restated = restatements(doc, amounts)
    doc.memo["restated"] = set(restated)
    reach = {first.start: close for first, close in restated.values()}
    memory = Memory()
    for spot in amounts:
        if spot.start in restated:
            first = doc.facts[restated[spot.start][0].start]
            doc.facts[spot.start] = {**first, "conf": dict(first["conf"])}
            continue
        # the pair is one figure: cues after its brackets are as near as after it
        fact = _frame_amount(doc, replace(spot, end=reach.get(spot.start, spot.end)), memory)
        if is_claim(doc, spot) and fact["conf"].get("subject", 1.0) >= WEAKEST_SUBJECT:
            # a subject only the article's topic gave is not carried on as if a sentence had named it
            memory.add(spot.start, fact["subject_hit"], fact["object"])
    for spot in spots:
        if spot.mention.kind == "date":
            _frame_date(doc, spot, amounts, memory)
    events = [(s.start, str(s.mention.value), doc.facts[s.start]["metric"]) for s in spots
              if s.mention.kind == "date" and doc.facts[s.start]["metric"] and is_claim(doc, s)]
    out = []
    framed: dict[int, Frame] = {}
    for spot in spots:
        if spot.start in restated:
            out.append((spot, _admissible(doc, spot, framed[restated[spot.start][0].start])))
            continue
        fact = doc.facts[spot.start]
        modality, c_mod = frame_modality(doc, spot)
        period, c_period = frame_period(doc, spot, fact["metric"], events, modality)
        fact["period"] = period
        conf = {**fact["conf"], "period": c_period, "modality": c_mod}
        change = change_of(doc, spot)
        frame = Frame(fact["subject"], fact["object"], fact["metric"], at_end(doc, fact["metric"], period),
                      modality, conf, down=bool(change and change.down))
        framed[spot.start] = frame
        out.append((spot, _admissible(doc, spot, frame)))
    return out


# --------------------------------------------------------------------------- rows


def _num(value) -> float | None:
    if value is None or isinstance(value, str):
        return None
    return float(Decimal(value))


def _signed(m: Any, down: bool) -> tuple[float | None, float | None, float | None]:
    """(value, low, high) as numbers, negated for the size of a fall."""
    value, low, high = _num(m.value), _num(m.low), _num(m.high)
    if not down or value is None or value < 0:
        return value, low, high
    return -value, (-high if high is not None else None), (-low if low is not None else None)


def _admissible(doc: Doc, spot: Spot, frame: Frame) -> Frame:
    """The frame, with the kind's last-resort metric when its metric cannot hold
    the number (a 359% rise is no share; a negative figure no revenue), so that
    what extraction writes always passes the ledger's own validation."""
    m = spot.mention
    if m.kind == "date" or not frame.metric:
        return frame
    frame = _per_share(frame, _signed(m, frame.down)[0])
    if _fits(frame.metric, m, frame.down):
        return frame
    fallback = doc.lex.default_metric.get(m.kind, "")
    if fallback and _fits(fallback, m, frame.down):
        confidence = {**frame.confidence, "metric": DEFAULT_METRIC}
        return replace(frame, metric=fallback, confidence=confidence)
    return replace(frame, metric="")  # no metric can hold it: not a claim


def _per_share(frame: Frame, value: float | None) -> Frame:
    """A total's metric for a figure only a share can have, and the other way round
    (metrics.toml ``per_share`` / ``per_share_below``, ``total`` / ``total_from``): a
    dividend of HK$0.39 is per share, a dividend per share of 9亿新元 is the total."""
    if value is None:
        return frame
    spec = metrics().get(frame.metric, {})
    if "per_share" in spec and abs(value) < float(spec["per_share_below"]):
        return replace(frame, metric=spec["per_share"])
    if "total" in spec and abs(value) >= float(spec["total_from"]):
        return replace(frame, metric=spec["total"])
    return frame


def _fits(metric: str, m: Any, down: bool) -> bool:
    dim = dimension(metric)
    if dim is None or dim != KIND_DIMENSION.get(m.kind) or m.unit not in DIMENSION_UNITS.get(dim, ()):
        return False
    rng = value_range(metric)
    if rng is None or m.unit == "percentage_point":
        return True
    value = _signed(m, down)[0]
    return value is None or rng[0] <= value <= rng[1]


def _clipped(metric: str, unit: str, bound: float | None) -> float | None:
    """A hedge's bound kept inside the metric's domain ('about 98% of the total'
    allows up to 100%, not 107.8%)."""
    rng = value_range(metric)
    if bound is None or rng is None or unit == "percentage_point":
        return bound
    return min(max(bound, rng[0]), rng[1])


def claim_row(doc: Doc, spot: Spot, frame: Frame, source: str) -> dict[str, Any]:
    """One ledger row (record.COLUMNS) for a framed mention."""
    m = spot.mention
    value, low, high = (None, None, None) if m.kind == "date" else _signed(m, frame.down)
    qualifier = m.qualifier
    if spot.start in doc.memo.get("restated", ()) and value is not None:
        # a conversion into another currency: about its value, at whatever rate the outlet chose
        band = abs(value) * float(doc.lex.restated.get("rate_band", 0.0))
        low = min(value - band, low if low is not None else value)
        high = max(value + band, high if high is not None else value)
        qualifier = "about" if qualifier in ("", "exact") else qualifier
    low, high = _clipped(frame.metric, m.unit, low), _clipped(frame.metric, m.unit, high)
    qs, qe = doc.clean.span(*doc.sentence_of(spot.start))
    quote = doc.clean.original[qs:qe].strip()
    if m.surface not in quote:
        quote = m.surface
    row = {
        "claim_id": claim_id(source, m.start, m.end, m.surface),
        "source": source, "start": m.start, "end": m.end, "surface": m.surface, "quote": quote, "kind": m.kind,
        "subject": frame.subject, "object": frame.object, "metric": frame.metric,
        "period": frame.period, "modality": frame.modality,
        "value": value, "value_low": low, "value_high": high,
        "unit": m.unit, "qualifier": qualifier,
        "status": "unreviewed", "reviewer": "", "note": "", "origin": "extracted",
        "confidence": round(frame.lowest(), 2), "confidence_detail": frame.detail(),
    }
    return {c: row[c] for c in COLUMNS}


_DECLARED = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^\s，,、．.・‧·•()（）]{1,5}?)\s*[，,、．.・‧·•]\s*以?下同")
#: '22.74億加元(下同)': the currency of the amount right before it holds below
_SAME_BELOW = re.compile(r"\s*[（(]\s*以?下同\s*[)）]")
#: 'C$ unless otherwise stated', 'all figures in Canadian dollars', '(in US$ millions)'
_EN_DECLARED = re.compile(
    r"(?:^|[\s(\[])(?P<a>[a-z.]{0,4}\$|[a-z]+(?: [a-z]+)? dollars?|[a-z]{3})\s*,?\s*\)?\s*"
    r"unless (?:otherwise )?(?:stated|noted|indicated|specified|mentioned)"
    r"|\b(?:figures|amounts|numbers|results|values)\s+(?:are\s+)?(?:(?:expressed|stated|reported|presented|"
    r"shown|given)\s+)?in\s+(?P<b>[a-z.]{0,4}\$|[a-z]+(?: [a-z]+)? dollars?|yen|euros?|[a-z]{3})\b")
_MAGNITUDE_END = tuple("亿億万萬兆")


def _declarations(doc: Doc, mentions: list) -> tuple[list[tuple[int, str]], str]:
    """Where the article declares the currency of its later amounts, and the
    English header's currency for the whole article: '（台币，下同）' and
    '22.74億加元(下同)' from that point on (cleaned-text positions, in order);
    'C$ unless otherwise stated', 'All figures in Canadian dollars' for every amount."""
    found = [(m.start(), _currency_of(m.group(1), doc.low, doc.clean.original)) for m in _DECLARED.finditer(doc.low)]
    for m in mentions:
        if m.kind == "money" and m.unit:
            end = doc.to_clean(m.start, m.end)[1]
            after = _SAME_BELOW.match(doc.low, end)
            if after is not None:
                found.append((end, str(m.unit)))
    english = ""
    for m in _EN_DECLARED.finditer(doc.low):
        english = currency_named(m.group("a") or m.group("b") or "")
        if english:
            break
    return sorted((at, code) for at, code in found if code), english


def _bare_sign(m: Any) -> str:
    """'$' or '元' when a money mention writes its currency only as a sign whose
    currency the text must tell ('$1.8 billion', '1.8 billion dollars', '34.93億元',
    '¥58.5 billion'), else ''."""
    surface = m.surface
    if m.unit in DOLLARS and ("$" in surface or "dollar" in surface.lower()) \
            and not _NAMED_DOLLAR.search(surface):
        return "$"
    if _BARE_YUAN.search(surface) and not _NAMED_ZH.search(surface):
        return "元"
    signs = [sign for sign in YEN_SIGNS if sign in surface]
    if signs and not _NAMED_YUAN.search(surface.replace(signs[0], "")):
        return "¥"
    return ""


def declared_money(doc: Doc, mentions: list) -> list:
    """'鸿海公布12月合并营收8628.61亿（台币，下同）…第4季营收2.6兆': an article that
    declares its currency once (下同, 'the same below'; 'C$ unless otherwise stated')
    writes later amounts as bare magnitudes or bare signs.  Such a count (a numeral
    and its magnitude, no unit) right before the declaration or after it, after a
    money figure's cue (营收, 净利, 市值...), is money in that currency; so is an
    amount after it in a bare 元 (any declared currency: '(美元，下同)' then '3億元'),
    a bare "$" (a declared dollar: C$, HK$, S$) or a bare ¥ (yen or yuan).
    ``mentions`` itself when nothing changes."""
    found, english = _declarations(doc, mentions)
    bare = [m for m in mentions if m.kind == "count" and m.surface.endswith(_MAGNITUDE_END)]
    signed = [m for m in mentions if m.kind == "money" and m.unit and (found or english)]
    if not bare and not signed:
        return mentions
    # without a declaration, the money said last before it in its paragraph ('Q3总营收312亿元,
    # …,Q2是327亿': the same figure of another quarter, in the same currency)
    money = [(doc.to_clean(m.start, m.end)[1], m.unit) for m in mentions if m.kind == "money" and m.unit]
    out, changed = [], False
    for m in mentions:
        if m.kind == "money" and m.unit and (found or english):
            start, end = doc.to_clean(m.start, m.end)
            sign = _bare_sign(m)
            if sign == "$" and doc.low[start:start + 1] == "$" and dollar_prefix(doc.low, start) is not None:
                sign = ""  # 'US$1.7 billion', 'HK $ 10 billion': a prefix before the sign names the dollar
            right_after = [code for at, code in found if 0 <= at - end <= 1]  # 60亿元（美元，下同）
            earlier = [code for at, code in found if at < start]
            code = right_after[0] if right_after else earlier[-1] if earlier else english
            fits = {"$": code in DOLLARS, "¥": code in ("JPY", "CNY"), "元": bool(code)}.get(sign, False)
            if fits and code != m.unit:
                m = replace(m, unit=code)
                changed = True
        elif m.kind == "count" and m.surface.endswith(_MAGNITUDE_END):
            start, end = doc.to_clean(m.start, m.end)
            right_after = [code for at, code in found if 0 <= at - end <= 1]  # 8628.61亿（台币，下同）
            earlier = [code for at, code in found if at < start]
            near = doc.among(doc.metric_hits, max(0, start - 14), start)
            last = max(near, key=lambda h: (h.end, len(h.word))) if near else None  # '付费用户' over its '费用'
            cued = last is not None and dimension(last.name) == "money"
            code = right_after[0] if right_after else (earlier[-1] if earlier and cued else "")
            if not code and not earlier:
                # (before any declaration, as in an article with none: a headline's '17億')
                # a money cue right after it counts too ('1.5亿净利'); the currency is the one
                # said last in its paragraph, else the article's first (a headline before its body)
                after = doc.starting(doc.metric_hits, end, end + 2)
                cued = cued or (not near and any(dimension(h.name) == "money" for h in after))
                para = doc.paragraph_of(start)
                said = [unit for at, unit in money if para[0] <= at <= start] or [unit for at, unit in money[:1]]
                code = said[-1] if said and cued else ""
            if code:
                m = replace(m, kind="money", unit=code)
                changed = True
        out.append(m)
    return out if changed else mentions


def home_money(doc: Doc, mentions: list) -> list:
    """'廣達（2382）…12月營收2,724.95億元': an article in traditional script about a
    company listed where a bare 元 is another currency (entities.toml tickers;
    cues.toml [roles] home_currency: TWSE -> TWD) writes its amounts in that
    currency.  A bare 元 read as CNY becomes it, unless the text names the renminbi
    anywhere.  ``mentions`` itself when nothing changes."""
    homes = dict(doc.lex.roles.get("home_currency", {}))
    main = main_company(doc)
    if not homes or main is None:
        return mentions
    listed = next((e.tickers for e in doc.lex.entities if e.name == main.name), ())
    code = next((homes[t.split(":")[0]] for t in listed if t.split(":")[0] in homes), "")
    if not code or any(w in doc.low for w in doc.lex.roles.get("renminbi", ())):
        return mentions  # no such listing, or the renminbi named
    if detect_script(doc.clean.original) != "zh-Hant":
        return mentions  # a mainland (simplified) or English article
    out, changed = [], False
    for m in mentions:
        if m.kind == "money" and m.unit == "CNY" and _BARE_YUAN.search(m.surface) and not _NAMED_YUAN.search(m.surface):
            m = replace(m, unit=code)
            changed = True
        out.append(m)
    return out if changed else mentions


_BARE_YUAN = re.compile(r"[元圆圓]")
_NAMED_YUAN = re.compile(r"人民[币幣]|RMB|CNY|¥|￥|yuan", re.IGNORECASE)
#: a dollar whose country is written ('US$', 'U.S. dollars', 'USD', 'HK$', 'Canadian dollars')
_NAMED_DOLLAR = re.compile(r"[A-Za-z]\.?\s?\$|\b(?:USD|HKD|CAD|SGD|AUD|TWD|NZD)\b|"
                           r"\b(?:u\.?s\.?|us|american|canadian|hong kong|singapore|australian|taiwan|new taiwan|nt)"
                           r"\s+dollars?", re.IGNORECASE)
#: a Chinese currency word other than the bare 元 ('港元', '加元', '美元', '人民币', '新台币')
_NAMED_ZH = re.compile("|".join(sorted((re.escape(w) for w in CURRENCY_WORDS_AFTER
                                        if not w.isascii() and w not in ("元", "圆", "圓")), key=len, reverse=True)))


def _currency_of(word: str, low: str, original: str | None = None) -> str:
    """The ISO code a declared currency word names ('台币' -> TWD; 元 as the
    text's yuan), else ''."""
    word = word.strip()
    if word in ("元", "圆") or CURRENCY_WORDS_AFTER.get(word.lower()) == "yuan":
        return default_yuan(low, original)
    return currency_named(word)


def frame_article(
    text: str | CleanText, mentions: list, *, source: str, lex: Lexicon | None = None, select: bool = True,
    published: str = "",
) -> list[dict[str, Any]]:
    """Frame every mention of one article; return the ledger rows of those
    that are claims (of every mention with ``select=False``), in text order.
    ``published`` is the article's published date as in sources.csv
    ('2025-05-05', '2025-05'): the period of present-tense amounts."""
    # a relative date the published date cannot resolve (上周 with no date known)
    # states no date: it can be neither a date claim nor an amount's period
    mentions = [m for m in mentions if not (m.kind == "date" and m.value is None)]
    doc = analyse(text, mentions, lex, published=published)
    declared = home_money(doc, declared_money(doc, mentions))
    if declared is not mentions:
        mentions = declared
        doc.spots = [doc.spot(m) for m in sorted(mentions, key=lambda m: m.start)]
    return [
        claim_row(doc, spot, frame, source)
        for spot, frame in frame_all(doc, mentions)
        if not select or (is_claim(doc, spot) and frame.metric)
    ]


def frame_text(
    text: str, *, source: str, published: str = "", lex: Lexicon | None = None
) -> list[dict[str, Any]]:
    """Find the mentions of ``text`` (resolving relative dates against
    ``published``) and frame them: the whole framing stage."""
    day: datetime.date | None = None
    if published:
        try:
            day = parse_published(published)[0]
        except ValueError:
            day = None
    ct = clean(text)  # once, for the number finder and for framing
    mentions = find_mentions(ct, published=day)
    return frame_article(ct, mentions, source=source, lex=lex, published=published)

"""Whose statistic a figure is when it measures a whole economy (GDP, trade, retail
sales, prices, jobs, the budget: metrics.toml ``economy = true``): the economy the
text names (cues.toml ``[economy]``), never the office that published it
(国家统计局) nor a word of the figure's own (货品, 总销货).

Only in an article about an economy: one whose headline names an economy (or an
office that publishes its statistics) and no company the entity table knows.  An
article about a company keeps its figures the company's, whatever they measure (a
carmaker's exports, a utility's investment, a chipmaker's sales to the United
States).  In an article about an economy, the economy is the one the figure's
sentence names before it (the nearest), else the one its clause names after it,
else the headline's; a sentence that names a company the table knows is the
company's figure.  An office that publishes statistics stands for its economy
('国家统计局公布…' is China's)."""
from __future__ import annotations

import re
from collections import Counter

from ledger.framing.cues import Hit, places
from ledger.framing.doc import Doc, Spot, headline_span
from ledger.record import metrics

#: a Latin economy word must stand as a whole word ('china' in 'chinadaily' is no economy)
_LATIN_EDGE = re.compile(r"[a-z0-9]")
#: an economy word before a currency word names the money, not the economy ('U.S. dollars')
_MONEY_AFTER = re.compile(r"\s*(?:dollars?|cents?|\$)")


def economy_of(doc: Doc, spot: Spot, metric: str) -> str:
    """The economy whose statistic the figure at ``spot`` is, or '' (a metric of no
    economy, an article about no economy, or a company's own figure)."""
    if not metrics().get(metric, {}).get("economy"):
        return ""
    head = _headline_economy(doc)
    if not head:
        return ""  # an article about a company (or about no economy): its figures are not an economy's
    sent = doc.sentence_of(spot.start)
    if any(_company(doc, e) for e in doc.among(doc.entities, *sent)):
        return ""  # '比亚迪出口…': a company's figure
    found = _economies(doc)
    before = [e for e in found if sent[0] <= e[0] and e[1] <= spot.start]
    if before:
        return before[-1][2]
    clause = doc.clause_of(spot.start)
    after = [e for e in found if spot.start <= e[0] and e[1] <= clause[1]]
    return after[0][2] if after else head


def _company(doc: Doc, ent: Hit) -> bool:
    """Is ``ent`` a company the entity table knows ([roles] ``company_types``: not an
    office, a government or a person)?
    A name found in the text alone is no proof in an article about an economy, where
    words of the figures ('总销货') and of the place ("China's economy", 'Hong Kong
    Special Administrative Region') are read as names."""
    return doc.lex.entity_types.get(ent.name, "") in doc.lex.role("company_types")


def _headline_economy(doc: Doc) -> str:
    """The economy an article is about: the one its headline names when the headline
    names no company; '' otherwise (once per article)."""
    head = doc.memo.get("economy_headline")
    if head is None:
        lo, hi = headline_span(doc.low)
        named = [e for e in _economies(doc) if lo <= e[0] and e[1] <= hi]
        companies = any(_company(doc, e) for e in doc.among(doc.entities, lo, hi))
        head = doc.memo["economy_headline"] = "" if companies or not named else \
            Counter(e[2] for e in named).most_common(1)[0][0]
    return head


def _economies(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, economy) of every economy word and statistics office in the
    article, sorted; found once per article."""
    got = doc.memo.get("economies")
    if got is not None:
        return got
    spec = doc.lex.economy
    forms: dict[str, str] = {}
    for table in ("names", "offices"):
        for name, words in spec.get(table, {}).items():
            for w in words:
                forms.setdefault(w, name)
    low = doc.low
    hits: list[tuple[int, int, str]] = []
    for form, starts in places(low, forms).items():
        for at in starts:
            end = at + len(form)
            if form.isascii() and ((at > 0 and _LATIN_EDGE.match(low, at - 1)) or _LATIN_EDGE.match(low, end)):
                continue
            if _MONEY_AFTER.match(low, end):
                continue  # 'U.S. dollars', 'Hong Kong dollars': money, not an economy
            hits.append((at, end, forms[form]))
    # a longer word covering a shorter one ('中国内地' over '中国', '内地') is one mention
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if kept and h[0] < kept[-1][1]:
            continue
        kept.append(h)
    doc.memo["economies"] = kept
    return kept

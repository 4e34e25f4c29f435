"""What a number measures (``metric``): a topic the sentence names, the
nearest cue of a fitting metric, a base figure composed with a change cue
(营收 + 按年增长 -> revenue_growth), else the kind's last-resort metric."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.framing.context import DEFAULT_METRIC, SENTENCE_DATE_CUE, _distance, lone_date, own_clause
from ledger.framing.cues import Hit
from ledger.framing.doc import Doc, Spot, fits, inside
from ledger.framing.roles import _free, _headed_part, _known_part, figures_listed, part_words
from ledger.record import BASES, bases, basis_code, metrics

#: The derived-metric keys of metrics.toml a change cue composes with a base.
GROWTH, GROWTH_QOQ, CHANGE = "growth", "growth_qoq", "change"
#: The metric a change takes when no base figure is named: generic, for review.
GENERIC = {GROWTH: "growth", GROWTH_QOQ: "growth_qoq", CHANGE: "ratio_change"}
#: Mention kinds a change cue can turn into a change (a multiple keeps its own metrics).
CHANGE_KINDS = ("percent", "percentage_point")


@dataclass(frozen=True)
class Change:
    """A change cue read with a number: against what (``GROWTH`` or
    ``GROWTH_QOQ``; ``CHANGE`` for percentage points) and which way."""

    key: str
    down: bool




def _is_base(metric: str) -> bool:
    spec = metrics().get(metric, {})
    return any(k in spec for k in (GROWTH, GROWTH_QOQ, CHANGE))


def change_of(doc: Doc, spot: Spot) -> Change | None:
    """The change a percentage or point count states: a change cue of its clause
    within reach before it (no level word such as 至 / 'to' between: '上升至70%'
    is a level) or right after it ('a 15% increase'); ``qoq`` when a quarter- or
    month-on cue stands in reach, else year-on-year.  None when it is a level."""
    if spot.mention.kind not in CHANGE_KINDS:
        return None
    clause = doc.clause_of(spot.start)
    if _base_level(doc, spot, clause):
        return None
    reach = int(doc.lex.change.get("reach", 12))

    def near(h: Hit, basis: bool = False) -> bool:
        if not inside(clause, h) or _in_longer_cue(doc, h):
            return False
        if h.end <= spot.start:
            between = doc.low[h.end:spot.start]
            return spot.start - h.end <= reach and not doc.among(
                doc.marks["level"], max(h.end, spot.start - reach), spot.start
            ) and not any(ch.isdigit() for ch in between)
        if 0 <= h.start - spot.end <= 3 and any(
                a.start <= h.start < a.end for a in doc.starting(doc.marks["after"], spot.end, spot.end + 4)):
            return True
        # 'grew 12.4% QoQ', 'a 30.4% rise QoQ': a basis cue right after the number, or right
        # after a change noun that follows it, says against what the change is
        return basis and h.start >= spot.end and _after_basis(doc, spot, h)

    moves = [h for key in ("up", "down", "yoy", "qoq") for h in doc.among(doc.marks[key], *clause)
             if near(h, key in ("yoy", "qoq"))]
    moves += [h for h in doc.among(doc.marks["after"], *clause) if near(h)]
    if not moves:
        return None
    nearest = min(moves, key=lambda h: _distance(h, spot.start, spot.end))
    # near() holds only for marks inside the clause: only those are looked at
    ups, downs = doc.among(doc.marks["up"], *clause), doc.among(doc.marks["down"], *clause)
    down = bool(doc.touching(doc.marks["down"], nearest.start, nearest.end)) or (
        not any(near(h) for h in ups) and any(near(h) for h in downs))
    if spot.mention.kind == "percentage_point":
        return Change(CHANGE, down)
    # against the previous quarter when a quarter-on cue is within reach of the
    # number and no year-on cue is nearer ('按年升19%、按季增13%': 19% is year-on)
    qoqs = [_distance(q, spot.start, spot.end) for q in doc.among(doc.marks["qoq"], *clause) if near(q, True)]
    yoys = [_distance(y, spot.start, spot.end) for y in doc.among(doc.marks["yoy"], *clause) if near(y, True)]
    qoq = bool(qoqs) and (not yoys or min(qoqs) < min(yoys))
    if not qoqs and not yoys and _from_month(doc, spot, clause):
        qoq = True
    return Change(GROWTH_QOQ if qoq else GROWTH, down)


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
#: 'down 6.5 percent from October' (no year after the month): against the month named, the one before
_FROM_MONTH = re.compile(rf"\s*from\s+(?:{_MONTHS})\b(?![\s,]*(?:\d{{4}}|last year|a year))")
#: '較10月減少6.5%', '比9月': against a month named with no year before it ('较去年10月' names one)
_CJK_FROM_MONTH = re.compile(r"(?<![年\d])[较比](?:\d{1,2}|[一二三四五六七八九十]{1,2})月份?")


def _from_month(doc: Doc, spot: Spot, clause: tuple[int, int]) -> bool:
    """Is the change against a month the text names without a year ('down 6.5
    percent from October', '较10月减少6.5%'): the month before, a month-on change?"""
    if _FROM_MONTH.match(doc.low, spot.end, clause[1]):
        return True
    head = doc.low[max(clause[0], spot.start - 12):spot.start]
    return _CJK_FROM_MONTH.search(head) is not None


def _after_basis(doc: Doc, spot: Spot, h: Hit) -> bool:
    """Is ``h`` (a year-on or quarter-on cue) right after the number, with at most
    a change noun of ``[change] after`` between ('12.4% QoQ', '30.4% rise QoQ')?"""
    gap = doc.low[spot.end:h.start]
    if len(gap) > 16:
        return False
    word = gap.strip(" \t")
    return not word or word in doc.lex.change.get("after", ())


def _base_level(doc: Doc, spot: Spot, clause: tuple[int, int]) -> bool:
    """'a 70.2% share, up from 67.6% the previous quarter', '由22.8%增至40.3%': the
    number right after 'from' (cues.toml [period] change_from) is the level the
    change started from, not a change, when another number of its kind stands
    before it in its sentence (the level reached)."""
    froms = doc.among(doc.marks["change_from"], max(clause[0], spot.start - 6), spot.start)
    if not froms or doc.low[froms[-1].end:spot.start].strip():
        return False
    sent = doc.sentence_of(spot.start)  # 'a 70.2% share in the quarter, up from 67.6%': a clause before
    return any(s.mention.kind == spot.mention.kind and s.end <= froms[-1].start
               for s in doc.among(doc.spots, sent[0], spot.start))


def _in_longer_cue(doc: Doc, h: Hit) -> bool:
    """Is the change word part of a longer metric cue ('up' in 'makes up')?  Not
    when that cue names a figure that changes ('closed down 4.7 percent': the
    share price's fall)."""
    return any(c.start <= h.start and h.end <= c.end and len(c.word) > len(h.word) and not _is_base(c.name)
               for c in doc.touching(doc.metric_hits, h.start, h.end))


def _base_of(doc: Doc, spot: Spot, change: Change) -> tuple[str, int]:
    """The figure a change is of, and the basis of the earlier figure it was
    taken from (record.BASES: 0 reported, 1 adjusted, 2 attributable): the nearest
    base cue of the clause (before the number first), else the base of the previous
    amount of the sentence ('营收1928.7亿元,同比增长15%'; '经调整纯利47.1亿元,按年升362.8%'
    is a growth of the adjusted profit), else the nearest base cue of an earlier
    clause of the sentence ('股价盘前直线飙升，一度大涨逾30%'), else ''.  A percentage
    growth is of an amount, not of a share or margin (those change by points):
    '市场份额19%,较2024年第三季度增长6%' after '出货6,060万部' is the shipments' growth."""
    clause, sent = doc.clause_of(spot.start), doc.sentence_of(spot.start)
    cues = [h for h in doc.among(doc.metric_hits, *clause) if _is_base(h.name)]
    named = _named_after(doc, spot, cues)
    if named is not None:
        return named.name, 0
    before = [h for h in cues if h.end <= spot.start]
    if before:
        return max(before, key=lambda h: (h.end, len(h.word))).name, 0
    found: list[tuple[str, int]] = []
    for other in reversed([s for s in doc.starting(doc.spots, sent[0], spot.start) if s.start in doc.facts]):
        metric = doc.facts[other.start].get("metric", "")
        plain, basis = basis_code(bases().get(metric, metric))
        if _is_base(plain):
            found.append((plain, basis))
            if change.key == CHANGE or metrics().get(plain, {}).get("dimension") != "ratio":
                return found[-1]
    if found:
        return found[0]
    if cues:
        return cues[0].name, 0
    # '英特尔股价盘前直线飙升，一度大涨逾30%': the figure the sentence opened with, in a clause of
    # its own before the change's (context, nearest first: the clause, then the sentence)
    earlier = [h for h in doc.among(doc.metric_hits, sent[0], clause[0]) if _is_base(h.name)]
    if earlier:
        return max(earlier, key=lambda h: (h.end, len(h.word))).name, 0
    # '时装皮具业务第三季度下滑2%', 'Perfumes and cosmetics ... rising 2 percent': a part of the
    # company's business (parts.toml, or a word with a part's head: 业务, segment) whose change
    # names no figure moved as its sales did - a segment is reported by its revenue
    if change.key != CHANGE:
        words = part_words(doc, clause, spot)  # '业务第三季度下滑 2%': the part before its change
        if _known_part(doc, words) or _headed_part(doc, words, True):
            return "revenue", 0
    return "", 0


_CHANGE_OF = re.compile(r"\s*(?:[a-z-]+\s+){0,2}?(?:in|of)\s+(?:the\s+|its\s+|their\s+)?")


def _named_after(doc: Doc, spot: Spot, cues: list[Hit]) -> Hit | None:
    """'a 211% jump in delivery-related costs', 'a 57% rise of operating
    expenses': the figure a change is of, named right after it, outranks one
    named earlier in the clause."""
    m = _CHANGE_OF.match(doc.low, spot.end, spot.end + 40)
    if m is None:
        return None
    after = [h for h in cues if m.end() <= h.start <= m.end() + 30]
    return min(after, key=lambda h: (h.start, -len(h.word))) if after else None


def adjusted(doc: Doc, spot: Spot, metric: str) -> str:
    """The metric on another basis (record.BASES: adjusted, attributable) when
    a cue of that basis (cues.toml [basis]) qualifies the figure: it stands
    before the number in its clause, with no other amount between
    ('非国际财务报告准则经调整纯利47.1亿元', '归母净利润3.94亿元', 'adjusted net profit of
    ...', 'profit attributable to equity holders rose 19% to ...'); a cue
    qualifying an earlier figure of the clause does not reach past it.  An
    exclusion right after the figure (``adjusted_after``: 'EUR 4.86 billion
    (excluding the additional tax)') makes it the adjusted figure."""
    spec = metrics().get(metric, {})
    clause = doc.clause_of(spot.start)
    # a change of the same figure between them is no other figure: '经调整纯利增363%至
    # 人民币47.10亿元' is the adjusted level after its growth
    skip = {"date", *({"percent", "percentage_point"} - {spot.mention.kind})}
    listed: list[Spot] | None = None
    for key in BASES:
        other = spec.get(key)
        if not other:
            continue
        for h in doc.among(doc.marks[key], clause[0], spot.start):
            between = [s for s in doc.starting(doc.spots, h.end, spot.start) if s.mention.kind not in skip]
            if between and listed is None:
                # the figures of one list ('经调整净利润分别为96.8亿元、108.9亿元、121.6亿元') share its cue
                listed = figures_listed(doc, spot, doc.sentence_of(spot.start))
            if not between or all(s in (listed or ()) for s in between):
                return str(other)
    adjusted_metric = spec.get("adjusted")
    if adjusted_metric:
        # '... to EUR 4.86 billion (excluding the additional tax ...)': an exclusion right after it
        rest = doc.low[spot.end:spot.end + 4]
        gap = len(rest) - len(rest.lstrip(" (（,，"))
        if any(h.start == spot.end + gap for h in doc.among(doc.marks["adjusted_after"], spot.end, spot.end + 24)):
            return str(adjusted_metric)
    return metric


def compose(doc: Doc, spot: Spot, change: Change) -> tuple[str, float]:
    """The metric of a change: its base's derived metric, else the generic one."""
    base, basis = _base_of(doc, spot, change)
    if basis:
        base = str(metrics().get(base, {}).get(BASES[basis - 1], base))
    base = adjusted(doc, spot, base) if base else base
    spec = metrics().get(base, {})
    key = change.key
    if key != CHANGE and spec.get("dimension") == "ratio":
        key = CHANGE  # a ratio (a margin, a share) changes by points, written as %
    derived = spec.get(key) or (spec.get(GROWTH) if key == GROWTH_QOQ else None)
    if derived and key == GROWTH_QOQ and spec.get(GROWTH_QOQ) is None:
        return GENERIC[GROWTH_QOQ], 0.5
    return (derived, 0.8) if derived else (GENERIC[key], 0.4)



def _nearest_cue(doc: Doc, spot: Spot, scope: tuple[int, int], kind: str) -> Hit | None:
    hits = [h for h in doc.among(doc.metric_hits, *scope) if fits(h.name, kind) and not _anothers_cue(doc, spot, h)]
    return min(hits, key=lambda h: (_distance(h, spot.start, spot.end), -len(h.word))) if hits else None


def _anothers_cue(doc: Doc, spot: Spot, h: Hit) -> bool:
    """Is a cue another number's, the one right after it ('收益为35亿美元(每股摊薄收益1.82美元),
    相比…的45亿美元': the per-share cue is 1.82's, neither 35亿's nor 45亿's)?"""
    if h.start < spot.start:  # before the number: only from a bracket closed before it
        # only a bracket within 4 characters counts: looked for there, not back through the whole text
        near = max(0, h.start - 4)
        opened = max(doc.low.rfind("(", near, h.start), doc.low.rfind("（", near, h.start))
        if opened < 0 or h.start - opened > 4 or not re.search(r"[)）]", doc.low[h.end:spot.start]):
            return False
    return any(other.start != spot.start and other.mention.kind != "date"
               and _GLUED.fullmatch(doc.low, h.end, other.start) is not None
               for other in doc.starting(doc.spots, h.end, h.end + 3))


#: what may stand between a cue and the number it names ('每股盈利1.82', '收益为 35', 'eps: 1.8'):
#: a comma or a clause between them ends the cue's claim on it
_GLUED = re.compile(r"[ \t]*(?:为|是|达|:|：)?[ \t]*")

def _refined(doc: Doc, metric: str, spot: Spot, kind: str) -> str:
    """A general metric made specific by a cue elsewhere in the sentence; a
    cue after the number counts only when no organisation stands between them
    ('invest $5 billion in Intel to develop AI infrastructure' is an investment
    in Intel: what follows its counterpart is the purpose, not the figure)."""
    sent, clause = doc.sentence_of(spot.start), doc.clause_of(spot.start)
    orgs = doc.lex.role("organisation_types")
    for h in doc.among(doc.metric_hits, *sent):
        if (inside(clause, h) or h.end <= spot.start) and fits(h.name, kind) \
                and metric in doc.lex.spec(h.name, "refines", ()):
            if h.start >= spot.end and any(e.kind in orgs for e in doc.among(doc.entities, spot.end, h.start)):
                continue
            return h.name
    return metric

def _topic(doc: Doc, spot: Spot, kind: str) -> str:
    """'这项...的收购,...约20亿元': the metric a demonstrative clause of the
    sentence names (its last fitting cue)."""
    sent = doc.sentence_of(spot.start)
    for mark in doc.among(doc.marks["markers"], sent[0], sent[1]):
        if mark.start < spot.start:
            clause = doc.clause_of(mark.start)
            if clause[0] <= spot.start < clause[1]:
                continue
            cues = [h for h in doc.among(doc.metric_hits, mark.end, clause[1]) if fits(h.name, kind)]
            if cues:
                return cues[-1].name
    return ""

def _named_by_noun(doc: Doc, spot: Spot, kind: str) -> str:
    """'a 9 percent share', '(21.1% share)': a noun right after the number that
    names its metric there and only there (cues.toml ``after_number``; 'share'
    alone elsewhere is a share of stock).  A cue of another metric after the noun,
    its complement, names the figure instead: 'a 12% share of revenue'."""
    nouns = doc.memo.get("after_number")
    if nouns is None:
        nouns = doc.memo["after_number"] = sorted(
            ((w.lower(), m) for m, spec in doc.lex.metric_spec.items() for w in spec.get("after_number", ())),
            key=lambda p: -len(p[0]))
    if not nouns:
        return ""
    after = doc.low[spot.end:spot.end + 24].lstrip()
    for word, metric in nouns:
        if after.startswith(word) and not after[len(word):len(word) + 1].isalnum() and fits(metric, kind):
            cue = _nearest_cue(doc, spot, own_clause(doc, spot), kind)
            if cue is not None and cue.name != metric and cue.start >= spot.end + len(word):
                return ""  # 'a 9% share of revenue': the noun's own complement names the metric
            return metric
    return ""


def _per_share(doc: Doc, spot: Spot, metric: str) -> str:
    """An amount said per share ('$2.31 per share', '每股0.55元'; cues.toml [per_share]) of a
    metric that has a per-share form (``per_share``: a dividend, a profit) named in its clause
    before it: that form ('earnings of $2.31 per share' is the EPS, not a share price; 'a total
    dividend of $1.77 billion' stays the dividend)."""
    after, before = doc.lex.per_share.get("after", ()), doc.lex.per_share.get("before", ())
    if not (doc.low.startswith(after, spot.end) or doc.low.startswith(after, spot.end + 1)
            or doc.low[max(0, spot.start - 6):spot.start].rstrip().endswith(before)):
        return metric
    if doc.lex.spec(metric, "per_share"):
        return str(doc.lex.spec(metric, "per_share"))
    clause = doc.clause_of(spot.start)
    named = [h for h in doc.among(doc.metric_hits, clause[0], spot.start)
             if h.end <= spot.start and doc.lex.spec(h.name, "per_share")]
    return str(doc.lex.spec(named[-1].name, "per_share")) if named else metric


def _after(doc: Doc, spot: Spot, metric: str) -> str:
    """'持有15%的股权,估值约30亿元': a cue read in the light of the previous
    amount of the sentence (the metric's ``after`` table)."""
    table = doc.lex.spec(metric, "after", {})
    sent = doc.sentence_of(spot.start)
    before = [s for s in doc.starting(doc.spots, sent[0], spot.start) if s.start in doc.facts]
    if table and before:
        return table.get(doc.facts[before[-1].start].get("metric", ""), "")
    return ""

def frame_metric(doc: Doc, spot: Spot) -> tuple[str, float]:
    """A topic the sentence names; else the nearest cue of a fitting metric
    in the clause, then in the sentence, refined by the sentence; else the
    kind's default metric."""
    kind = spot.mention.kind
    change = change_of(doc, spot)
    if change is not None:
        return compose(doc, spot, change)
    topic = _topic(doc, spot, kind)
    if topic:
        return topic, 0.6
    named = _named_by_noun(doc, spot, kind)
    if named:
        return named, 0.8
    for scope, conf in ((own_clause(doc, spot), 0.85), (doc.sentence_of(spot.start), 0.55)):
        cue = _nearest_cue(doc, spot, scope, kind)
        if cue is not None:
            metric = _per_share(doc, spot, _refined(doc, cue.name, spot, kind))
            return adjusted(doc, spot, _after(doc, spot, metric) or metric), conf
    return doc.lex.default_metric.get(kind, ""), DEFAULT_METRIC

def date_metric(doc: Doc, spot: Spot, amounts: list[Spot]) -> tuple[str, float]:
    """A date is a claim when a date cue stands in its clause, or an amount
    of its clause belongs to a dated event (the amount metric's ``date``);
    a date opening its sentence alone also takes a date cue of the sentence."""
    before = doc.low[max(0, spot.start - 8):spot.start].rstrip()
    if before.endswith(doc.marks_words("as_of_before")):
        return "", 0.0  # 'as of Sept. 30': the day the sentence's figures stand at
    cue = _nearest_cue(doc, spot, own_clause(doc, spot), "date")
    if cue is not None:
        return cue.name, 0.85
    clause = own_clause(doc, spot)
    for amount in doc.among(amounts, *clause):
        event = doc.lex.spec(doc.facts[amount.start]["metric"], "date")
        if event:
            return event, 0.7
    if lone_date(doc, spot):
        cue = _nearest_cue(doc, spot, doc.sentence_of(spot.start), "date")
        if cue is not None:
            return cue.name, SENTENCE_DATE_CUE
        if doc.among(amounts, *clause):
            return "", 0.0  # '單是在去年第4季，SK海力士的營業利益…19.17兆韓元': the figures' period, no event
        actors = _free(doc, doc.among(doc.entities, *clause))
        said = bool(doc.among(doc.marks["speech"], *clause))
        if not said and any(e.kind not in doc.lex.role("object_types") for e in actors):
            return str(doc.lex.period.get("event", "")), 0.5
    return "", 0.0

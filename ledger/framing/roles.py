"""Who a number is about (``subject``) and its counterpart (``object``), by the
role conventions of lexicon/roles.toml."""
from __future__ import annotations

import itertools
import re

from ledger.framing.context import TOPIC_SUBJECT, Memory, own_clause
from ledger.framing.cues import Hit, _automaton
from ledger.framing.doc import LONGEST, Doc, Spot, enumerated, fits, inside, main_company, marked, org_for_person
from ledger.framing.names import segment
from ledger.record import bases, investors_after, owned, subject_after


def _subject_of(doc: Doc, ent: Hit, metric: str) -> Hit:
    """A person named with an organisation's role stands for it in amounts."""
    if ent.kind in doc.lex.role("organisation_types") or fits(metric, "date"):
        return ent
    return org_for_person(doc, ent) or ent

def _free(doc: Doc, ents: list[Hit]) -> list[Hit]:
    """Entities no object or passive marker introduces, and that no word right
    after makes a modifier of another party ('the Nvidia rival', '软银领投')."""
    return [e for e in ents if not marked(doc, e, "object_markers") and not marked(doc, e, "passive_markers", 3)
            and not modifier(doc, e)]


def modifier(doc: Doc, ent: Hit) -> bool:
    """Is the name a modifier of someone else ([roles] modifier_after right after
    it: 'the Nvidia rival' is Cerebras, '软银领投…融资' is Klarna's round)?"""
    return bool(doc.starting(doc.marks.get("modifier_after", []), ent.end, ent.end + 2))

def _passive(doc: Doc, ents: list[Hit], spot: Spot) -> tuple[Hit | None, Hit | None]:
    """(agent, patient) when a passive marker stands before the number in its clause."""
    clause = doc.clause_of(spot.start)
    for i, ent in enumerate(ents):
        if clause[0] <= ent.start < spot.start and marked(doc, ent, "passive_markers", reach=3):
            patient = next((e for e in reversed(ents[:i]) if e.name != ent.name), None)
            return ent, patient
    return None, None

def frame_subject(doc: Doc, spot: Spot, metric: str, memory: Memory) -> tuple[Hit | None, float]:
    """Subject entity of the mention (see the module docstring of framing)."""
    clause, sent = own_clause(doc, spot), doc.sentence_of(spot.start)
    ents = _not_investors(doc, metric, doc.among(doc.entities, *sent))
    only = doc.lex.spec(metric, "subject_types")
    if only:
        typed = [e for e in ents if e.kind in only]
        if typed:
            return min(typed, key=lambda e: abs(e.start - spot.start)), 0.75
    prefer = [e for e in ents if e.kind in doc.lex.spec(metric, "prefer_types", ())]
    if prefer:
        return min(prefer, key=lambda e: abs(e.start - spot.start)), 0.7
    listed = _listed(doc, spot, metric)
    if listed is not None:
        return listed, 0.75
    owner = _owner(doc, spot, metric, clause, ents)
    if owner is not None:
        return owner, 0.8
    raiser = _introduced(doc, spot, metric, clause, ents)
    if raiser is not None:
        return raiser, 0.75
    agent, _ = _passive(doc, ents, spot)
    if agent is not None:
        return _subject_of(doc, agent, metric), 0.8
    pair = _pair(doc, spot)
    if pair:
        return pair[0], 0.5
    free = _free(doc, ents)
    agents = [e for e in free if e.kind not in doc.lex.role("object_types")]
    for scope, conf in ((clause, 0.9), (sent, 0.75)):
        before = [e for e in agents if scope[0] <= e.start and e.end <= spot.start]
        if scope == sent and not doc.lex.spec(metric, "object", False):
            main = _main_named(doc, ents, clause, metric)
            if main is not None:
                return main, 0.6
        if before:
            return _subject_of(doc, before[-1], metric), conf
    after = [e for e in agents if spot.start <= e.start and e.end <= clause[1]]
    if after:
        return _subject_of(doc, after[0], metric), 0.6
    last = memory.last(spot.start)
    if last is not None:
        # a new paragraph (or a digest's new section: '…[9] 财务表现 - 截至6月30日…') with no
        # one named goes back to the article's company
        main = main_company(doc)
        said = memory.last_at(spot.start)
        if (main is not None and last[0].name != main.name and owned(metric)
                and (doc.paragraph_of(said) != doc.paragraph_of(spot.start) or _header_between(doc, said, sent[0]))):
            return next(e for e in doc.entities if e.name == main.name), 0.4
        return last[0], 0.45
    org = _context_org(doc, sent)
    if org:
        return next(e for e in doc.entities if e.name == org), 0.3
    if free:
        return min(free, key=lambda e: abs(e.start - spot.start)), 0.3
    main = _only_company(doc)
    if main is not None and owned(metric) and not doc.among(doc.marks["research"], *sent):
        # a company's own figure in an article that names one company, after the figure (a copy
        # that lost its lead: '期內,營業收入按年下降8.4%…中海油董事長…'): that company's, unless a
        # research firm's sentence measures a market ('根据TrendForce…DRAM产业营收…')
        return main, TOPIC_SUBJECT
    return None, 0.2

def _only_company(doc: Doc) -> Hit | None:
    """The one organisation an article names (however often), else None."""
    orgs = {e.name: e for e in doc.entities if e.kind in doc.lex.role("organisation_types")}
    return next(iter(orgs.values())) if len(orgs) == 1 else None

def _header_between(doc: Doc, start: int, end: int) -> bool:
    """Is a section header between ``start`` and ``end``: a few words with no digit
    before a bullet's dash, after a citation mark or a line start ('…[9] 财务表现 -
    截至6月30日…'), as a machine-written digest titles its sections?"""
    return _HEADER.search(doc.low, start, end) is not None


#: A digest's section header: 2-10 characters, no digit or bracket, before ' - '.
_HEADER = re.compile(r"(?:[\]】]|\n)\s*[^\s\d\[\]【】。.!?]{2,10}\s+[-–—]\s")


def _parties(doc: Doc, start: int, end: int, *, free: bool = True) -> list[Hit]:
    """The parties a list between ``start`` and ``end`` names: the last free
    entity of each item ('沙特阿美、公司之间接全资附属公司Aurobay Holding及雷诺'
    -> 沙特阿美, Aurobay Holding, 雷诺), when the items run up to ``end``."""
    words = sorted(doc.lex.role("enumerators"), key=len, reverse=True)
    ents = doc.among(doc.entities, start, end)
    ents = _free(doc, ents) if free else ents
    if len(ents) < 2:
        return []
    items: list[Hit] = []
    for ent in ents:
        if items and not any(w in doc.low[items[-1].end:ent.start] for w in words):
            items[-1] = ent  # the same item names it more precisely
        else:
            items.append(ent)
    # the list must end right before `end` (a verb or marker may follow it)
    return items if len(items) >= 2 and len(doc.low[items[-1].end:end].strip()) <= 12 else []


def _joined(parties: list[Hit]) -> Hit:
    """Several parties in one role: one hit whose name is theirs sorted, ';'-joined."""
    names = sorted({p.name for p in parties})
    first = parties[0]
    return Hit(first.start, parties[-1].end, ";".join(names), first.word, first.kind)


def _listed(doc: Doc, spot: Spot, metric: str) -> Hit | None:
    """The party of a figure in a list of figures paired 'respectively' with a
    list of parties, or of a figure every listed party holds ('each', 各, 均)."""
    if spot.mention.kind == "date" or doc.lex.spec(metric, "pooled"):
        return None
    clause, sent = own_clause(doc, spot), doc.sentence_of(spot.start)
    roles = doc.lex.roles
    not_after = tuple(roles.get("each_not_after", ()))
    each = [h for h in doc.among(doc.marks.get("each", []), clause[0], spot.start)
            if spot.start - h.end <= int(roles.get("each_reach", 8)) and not doc.low.endswith(not_after, 0, h.start)]
    if each and not doc.among(doc.marks.get("respectively", []), *clause):
        # 'with Renault and Geely each retaining': the list may follow a marker
        parties = _parties(doc, clause[0], each[-1].start, free=False)
        return _joined(parties) if parties else None
    marker = next(iter(doc.among(doc.marks.get("respectively", []), *sent)), None)
    if marker is None:
        return None
    run = figures_listed(doc, spot, sent)
    if len(run) < 2 or spot not in run:
        return None
    first = run[0]
    parties = _parties(doc, doc.clause_of(min(first.start, marker.start))[0], min(first.start, marker.start))
    if len(parties) != len(run):
        return None
    return parties[run.index(spot)]


def figures_listed(doc: Doc, spot: Spot, sent: tuple[int, int]) -> list[Spot]:
    """The list of figures of the mention's kind the mention is in ('10%、29.7%、15.3%及45%')."""
    same = [s for s in doc.among(doc.spots, *sent) if s.mention.kind == spot.mention.kind]
    words = sorted(doc.lex.role("enumerators"), key=len, reverse=True)
    runs: list[list[Spot]] = []
    for s in same:
        gap = doc.low[runs[-1][-1].end:s.start].strip() if runs else None
        if gap is not None and (not gap or any(gap == w or gap == w.strip() for w in words)):
            runs[-1].append(s)
        else:
            runs.append([s])
    return next((r for r in runs if spot in r), [])


def _owner(doc: Doc, spot: Spot, metric: str, clause: tuple[int, int], ents: list[Hit]) -> Hit | None:
    """The entity an owned figure's cue says it is "of" ('a EUR7.4 billion
    valuation of Horse Powertrain'): the cue in the number's clause, right
    after the number or before it with no other amount between."""
    if not owned(metric):
        return None
    markers = sorted(doc.lex.roles.get("owner_markers", ()), key=len, reverse=True)
    for cue in (h for h in doc.among(doc.metric_hits, *clause) if h.name == metric):
        lo, hi = sorted((cue.start, spot.start))
        if any(not spot.start <= s.start < spot.end for s in doc.starting(doc.spots, lo + 1, hi)):
            continue
        after = doc.low[cue.end:cue.end + 12]
        for word in markers:
            gap = re.match(rf"\s+{re.escape(word)}\s+", after)
            if gap:
                at = cue.end + gap.end()
                return next((e for e in ents if e.start == at and e.kind not in doc.lex.role("object_types")), None)
    return None


def _not_investors(doc: Doc, metric: str, ents: list[Hit]) -> list[Hit]:
    """``ents`` without the parties a list of investors names (roles.toml
    ``investors_after``: every party after such a word in its clause)."""
    words = investors_after(metric)
    if not words or not ents:
        return ents
    out = []
    for e in ents:
        clause = doc.clause_of(e.start)
        before = doc.low[clause[0]:e.start]
        if not any(w in before for w in words):
            out.append(e)
    return out


def _introduced(doc: Doc, spot: Spot, metric: str, clause: tuple[int, int], ents: list[Hit]) -> Hit | None:
    """The organisation a word of the metric's ``subject_after`` (roles.toml)
    introduces in the number's sentence, up to the end of its clause: the
    nearest before the number, else the first after it ('invest in Skild AI'
    for a round's size)."""
    words = subject_after(metric)
    if not words:
        return None
    orgs = doc.lex.role("organisation_types")
    found = []
    for e in ents:
        if e.kind not in orgs or e.start >= clause[1]:
            continue
        before = doc.low[max(0, e.start - 14):e.start].rstrip()
        if any(before.endswith(w) and (not w[-1].isascii() or not before[-len(w) - 1:-len(w)].isalpha())
               for w in words):
            found.append(e)
    ahead = [e for e in found if e.end <= spot.start]
    if ahead:
        return ahead[-1]
    return found[0] if found else None


def _main_named(doc: Doc, ents: list[Hit], clause: tuple[int, int], metric: str) -> Hit | None:
    """A clause naming no one but a figure of its own ('外资估计今年全年营收将成长
    逾三成': 营收, a cue of another metric than the number's) is about the
    article's main company when its sentence names it.  A clause with no such
    noun ('较之2020年成长了3倍') goes on about the previous figure instead."""
    if any(inside(clause, e) for e in ents):
        return None
    own = [h for h in doc.among(doc.metric_hits, *clause) if h.name == metric]
    nouns = [h for h in doc.among(doc.metric_hits, *clause) if h.name != metric
             and not any(o.start < h.end and h.start < o.end for o in own)]  # 成长 inside 成长了
    if not nouns:
        return None
    main = main_company(doc)
    return next((e for e in ents if main is not None and e.name == main.name), None)

def _pair(doc: Doc, spot: Spot) -> list[Hit]:
    """'两人在会上相识': the last two people named in the previous sentences."""
    sent = doc.sentence_of(spot.start)
    if not doc.among(doc.marks["pair_words"], *sent):
        return []
    people: list[Hit] = []
    ents = doc.entities
    for at in range(doc.count_before(ents, sent[0]) - 1, -1, -1):  # backwards, no copy of the article's entities
        e = ents[at]
        if e.end > sent[0] or e.kind != "person":
            continue
        if e.name not in [p.name for p in people]:
            people.insert(0, e)
        if len(people) == 2:
            return people
    return []

def pooled(doc: Doc, spot: Spot, metric: str) -> Hit | None:
    """The recipient when several investors are listed before the amount and
    the metric names a ``pooled`` metric: the first entity after the number."""
    if not doc.lex.spec(metric, "pooled"):
        return None
    clause = doc.clause_of(spot.start)
    before = [e for e in _free(doc, doc.among(doc.entities, *clause)) if e.end <= spot.start]
    joined = any(enumerated(doc, a, b) for a, b in itertools.pairwise(before))
    after = [e for e in doc.among(doc.entities, *clause) if e.start >= spot.end]
    return after[0] if joined and after else None

def frame_object(doc: Doc, spot: Spot, metric: str, subject: str, memory: Memory) -> tuple[str, float]:
    """Counterpart entity, for metrics that have one."""
    if not doc.lex.spec(metric, "object", False):
        carried = _carried_object(doc, spot, subject, memory)
        return (carried, 0.5) if carried else ("", 0.8)
    clause, sent = own_clause(doc, spot), doc.sentence_of(spot.start)
    ents = doc.among(doc.entities, *sent)
    _, patient = _passive(doc, ents, spot)
    if patient is not None and patient.name not in subject.split(";"):
        return patient.name, 0.8
    pair = _pair(doc, spot)
    if pair:
        return pair[1].name, 0.5
    parties = set(subject.split(";"))  # several subjects: none is the object
    heads = {id(e): _apposed(doc, e, ents) for e in ents}
    # 'a stake in German sportswear maker Puma': the name an apposition heads stands for the phrase
    others = [e for e in ents if e.name not in parties and heads[id(e)] is None]
    wanted = [e for e in others if e.kind in doc.lex.spec(metric, "object_prefer", ())]
    if wanted:
        return min(wanted, key=lambda e: _reach(e, spot)).name, 0.7
    marks = [e for e in others if marked(doc, e, "object_markers")]
    marks += [head for e in ents if (head := heads[id(e)]) is not None and head.name not in parties
              and marked(doc, e, "object_markers") and head not in marks]
    near = [e for e in marks if inside(clause, e)]
    if near:
        return min(near, key=lambda e: abs(e.start - spot.start)).name, 0.85
    raised = _raiser(doc, spot, metric, subject)
    if raised:
        return raised, 0.6
    near = [e for e in marks if inside(sent, e)]
    if near:
        return min(near, key=lambda e: abs(e.start - spot.start)).name, 0.7
    if others:
        return min(others, key=lambda e: _reach(e, spot)).name, 0.45
    last = memory.last(spot.start)
    if last is not None and last[0].name == subject and last[1]:
        return last[1], 0.35
    if doc.lex.entity_types.get(subject) == "person":
        return _context_org(doc, sent), 0.3
    return "", 0.4

def _apposed(doc: Doc, ent: Hit, ents: list[Hit]) -> Hit | None:
    """The name a word saying what an organisation is makes ``ent`` a modifier
    of: 'German sportswear maker Puma' (at most three lower-case words, the last
    one of [names] appositions, between the two names) is Puma, the German only
    says where it is from."""
    words = doc.lex.names.get("appositions", ())
    for other in ents:
        if other.start <= ent.end or other.name == ent.name:
            continue
        gap = doc.clean.text[ent.end:other.start]
        found = re.fullmatch(r"\s+((?:[a-z][a-z-]*\s+){0,2}([a-z][a-z-]*))\s+", gap)
        return other if found is not None and found.group(2) in words else None
    return None


def part_of(doc: Doc, spot: Spot, metric: str) -> str:
    """The part of its company a results figure is of (parts.toml: segments,
    products, regions, channels): one named in the words right before the
    metric's cue in the number's clause ('增值服务业务收入', '腾讯国际市场游戏收入',
    'Cloud revenue'), or in the topic its sentence opens with ('在营销服务业务方面,
    第三季度收入362亿元').  Only known parts count: a word that may be a period,
    a basis or a qualifier of the figure must never split it from its total."""
    if not doc.lex.spec(metric, "parts", False):
        return ""  # a share class, a listing, a capital item: no part of the company's business
    clause, sent = doc.clause_of(spot.start), doc.sentence_of(spot.start)
    listed = _listed_part(doc, spot, sent)
    if listed:
        return listed
    cue = _cue_of(doc, spot, metric, clause)
    if cue is not None:
        last = [s for s in doc.among(doc.spots, cue.end, spot.start) if s.end <= spot.start]
        if last:  # 'China revenue grew 19% to RMB 2.91 billion, while overseas markets expanded 28%'
            part = _known_part(doc, doc.low[last[-1].end:spot.start])
            if part:
                return part
        floor = _after_names(doc, clause, cue.start)
        part = _known_part(doc, doc.low[floor:cue.start]) or _headed_part(doc, doc.low[floor:cue.start], True)
        if part:
            return part
        part = _part_after(doc, doc.low[cue.end:clause[1]]) or _headed_part(doc, doc.low[cue.end:clause[1]], False)
        if part:
            return part
    elif _cue_after(doc, spot, metric, clause):
        # 'The Hong Kong public offer was 147.67 times oversubscribed': the cue follows the
        # number, the part is the clause's subject before it
        floor = _after_names(doc, clause, spot.start)
        part = _known_part(doc, doc.low[floor:spot.start])
        if part:
            return part
    elif _goes_on(doc, spot, metric, clause, sent):
        # 'China revenue grew 19%, while overseas markets expanded 28%': the clause names its own part
        floor = _after_names(doc, clause, spot.start)
        part = _known_part(doc, doc.low[floor:spot.start])
        if part:
            return part
    if not doc.among(doc.metric_hits, clause[0], spot.start) and metric in _SALES_CHANGES:
        # '时装皮具业务第三季度下滑 2%': a part whose change names no figure (its sales moved)
        words = part_words(doc, clause, spot)
        part = _known_part(doc, words) or _headed_part(doc, words, True)
        if part:
            return part
    return _topic_part(doc, sent, spot)


#: the changes framing gives a part whose change names no figure (metric._base_of)
_SALES_CHANGES = ("revenue_growth", "revenue_growth_qoq")


def part_words(doc: Doc, clause: tuple[int, int], spot: Spot) -> str:
    """The words of the clause before the number that may name a part, without
    the names before them, the dates among them and the change words ending them
    ('时装皮具业务第三季度下滑 2%' -> '时装皮具业务')."""
    floor = _after_names(doc, clause, spot.start)
    words = "".join(doc.low[a:b] for a, b in _between_dates(doc, floor, spot.start))
    return _trailing_change(doc).sub("", words)


def _between_dates(doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
    """The stretches of ``[lo, hi)`` outside the dates said in it."""
    out, at = [], lo
    for d in doc.among(doc.dates, lo, hi):
        out.append((at, max(at, d.start)))
        at = max(at, d.end)
    out.append((at, hi))
    return out


def _trailing_change(doc: Doc) -> re.Pattern[str]:
    """The change words (cues.toml [change]) and hedges ending a stretch of words."""
    rx = doc.memo.get("trailing_change")
    if rx is None:
        words = sorted({str(w).lower() for k in ("yoy", "qoq", "up", "down") for w in doc.lex.change.get(k, ())},
                       key=len, reverse=True)
        rx = doc.memo["trailing_change"] = re.compile(
            rf"(?:\s*(?:{'|'.join(re.escape(w) for w in words)}|by|了|约|近|逾|超))+\s*$")
    return rx


def _listed_part(doc: Doc, spot: Spot, sent: tuple[int, int]) -> str:
    """'亚太区、美洲区、欧洲与其他区等分别收入28.51亿元、22.65亿元与4.78亿元': n parts
    listed before a 'respectively' marker and n figures after it, paired in order."""
    marker = next(iter(doc.among(doc.marks.get("respectively", []), *sent)), None)
    if marker is None or marker.start > spot.start:
        return ""
    run = figures_listed(doc, spot, sent)
    if len(run) < 2 or spot not in run or run[0].start < marker.end:
        return ""
    words = doc.low[doc.clause_of(marker.start)[0]:marker.start]
    found: list[tuple[int, int, str]] = []
    for alias, name in doc.lex.parts.items():
        at = words.find(alias)
        while at >= 0:
            if not alias.isascii() or _word_at(words, at, len(alias)):
                found.append((at, at + len(alias), name))
            at = words.find(alias, at + 1)
    parts: list[tuple[int, int, str]] = []
    for at, end, name in sorted(found, key=lambda f: (f[0], -f[1])):
        if not parts or at >= parts[-1][1]:  # the longest at each place, none inside another
            parts.append((at, end, name))
    return parts[run.index(spot)][2] if len(parts) == len(run) else ""


def _goes_on(doc: Doc, spot: Spot, metric: str, clause: tuple[int, int], sent: tuple[int, int]) -> bool:
    """Does a clause with no metric cue before the number go on about the figure
    the previous clause of its sentence named (a cue of the metric or its base)?"""
    if clause[0] <= sent[0] or doc.among(doc.metric_hits, clause[0], spot.start):
        return False
    prev = doc.clause_of(clause[0] - 1)
    names = {metric, bases().get(metric, "")}
    return any(h.name in names for h in doc.among(doc.metric_hits, max(prev[0], sent[0]), prev[1]))


def _part_after(doc: Doc, words: str) -> str:
    """A known part right after the cue and a word of ``part_from`` ('revenue from
    Asia-Pacific markets', 'sales in Europe rose 8%', 'revenue from its cloud
    business'): the part must start right after it."""
    from_words = "|".join(re.escape(w) for w in doc.lex.role("part_from"))
    m = re.match(rf"\s*(?:{from_words})\s+(?:its |the |their )?", words) if from_words else None
    if m is None:
        return ""
    rest = words[m.end():m.end() + 40]
    best = ""
    for alias in doc.lex.parts:
        if rest.startswith(alias) and _word_at(rest, 0, len(alias)) and len(alias) > len(best):
            best = alias
    return doc.lex.parts[best] if best else ""


def _headed_part(doc: Doc, words: str, before: bool) -> str:
    """A part no table knows, named with a head word that says it is one
    (cues.toml [roles] part_heads: 业务, 板块, segment, business...):
    'Robotaxi业务实现收入' or 'its robotaxi segment revenue' right before the
    cue, 'revenue from its robotaxi segment' right after it.  The part is the
    words before the head, as written (lower-case), at most four words or
    eight characters."""
    heads = "|".join(re.escape(h) for h in sorted(doc.lex.role("part_heads"), key=len, reverse=True))
    if not heads:
        return ""
    latin = r"[a-z][a-z0-9&-]*(?: [a-z][a-z0-9&-]*){0,3}"
    if before:  # the head ends the words, a verb or 的 at most between it and the cue
        m = re.search(rf"((?<![a-z0-9]){latin}|[a-z0-9\u4e00-\u9fff]{{2,8}}?) ?(?:{heads})(?:的|实现|录得)?\s*$", words)
    else:  # 'revenue from its robotaxi segment'
        from_words = "|".join(re.escape(w) for w in doc.lex.role("part_from"))
        m = re.match(rf"\s*(?:{from_words})\s+(?:its |the |their )?({latin}) (?:{heads})(?![a-z])", words) \
            if from_words else None
    if m is None:
        return ""
    part = re.sub(r"^(?:(?:its|the|their|of|in|from|while|whereas|and|but|as|with) )+", "", m.group(1).strip())
    if not part.isascii():  # '其中自动驾驶卡车业务': the part starts after the function and time words
        tokens = segment(part)
        lead = next((k for k, (_, tag) in enumerate(tokens) if tag not in _LEAD_TAGS), len(tokens))
        while lead < len(tokens) - 1 and tokens[lead][1] == "v":
            lead += 1  # '推动啤酒业务毛利率': the clause's verb is no part of the part's name
        part = "".join(w for w, _ in tokens[lead:])
    return "" if len(part) < 2 or part in doc.lex.cue_words or re.search(r"\d", part) else part


#: jieba tags of words that open a clause before a part's name, not the name: pronouns
#: (其中), conjunctions, prepositions, adverbs, particles, time and numeral words.
_LEAD_TAGS = frozenset({"r", "c", "p", "d", "u", "uj", "ul", "t", "m", "mq", "q", "f"})


def _cue_of(doc: Doc, spot: Spot, metric: str, clause: tuple[int, int]) -> Hit | None:
    """The cue of the metric (or of the figure a change is of) in the clause."""
    names = {metric, bases().get(metric, "")}
    hits = [h for h in doc.among(doc.metric_hits, *clause) if h.end <= spot.start]
    before = [h for h in hits if h.name in names]
    if not before:  # '美洲市場期內收入便勁升11倍': a multiple's cue follows it; the figure's noun is before
        before = [h for h in hits if doc.lex.spec(h.name, "parts", False)]
    return max(before, key=lambda h: h.end) if before else None


def _after_names(doc: Doc, clause: tuple[int, int], at: int) -> int:
    """Where the clause's words after its last name before ``at`` begin (the clause's start
    when it names none): a part is read there, never inside a company's name."""
    return max((e.end for e in doc.among(doc.entities, clause[0] - LONGEST, at) if clause[0] <= e.end),
               default=clause[0])


def _cue_after(doc: Doc, spot: Spot, metric: str, clause: tuple[int, int]) -> bool:
    """Is the metric's own cue said after the number in its clause ('was 241 times
    oversubscribed')?"""
    return any(h.name == metric for h in doc.among(doc.metric_hits, spot.end, clause[1]))


def _known_part(doc: Doc, words: str) -> str:
    """The canonical name of the longest known part named in ``words`` (the
    one nearest the end when several are)."""
    best: tuple[int, int, str] | None = None
    kept = doc.memo.get("known_parts")
    if kept is None:  # once per article: the automaton's key is a tuple of every part's name, hashed per lookup
        kept = doc.memo["known_parts"] = (
            tuple(w for w in doc.lex.part.get("not_parts", ()) if len(w) > 3 and not w.isascii()),
            _automaton(tuple(doc.lex.parts)) if doc.lex.parts else None)
    not_parts, auto = kept
    for word in not_parts:  # '非美国通用会计准则': a basis, no part (美国)
        if word in words:
            words = words.replace(word, " " * len(word))
    last: dict[str, int] = {}  # each part's name -> where ``words`` writes it last (words.rfind)
    for end, (alias, _, _) in auto.iter(words) if auto is not None else ():  # one pass, not one per name
        last[alias] = max(last.get(alias, -1), end + 1 - len(alias))
    for alias, at in last.items():
        name = doc.lex.parts[alias]
        if alias.isascii() and not _word_at(words, at, len(alias)):
            continue
        if alias.isascii() and words.startswith("-", at + len(alias)):
            continue  # 'U.S.-dollar sales': a modifier of another word
        if _maker(doc, words, at + len(alias)):
            continue  # '該韓國公司共出貨', '晶圓代工廠合計營收': who makes it, not a part
        rank = (at + len(alias), len(alias), name)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return best[2] if best else ""


def _maker(doc: Doc, words: str, end: int) -> bool:
    """Does a word saying what an organisation is ([names] descriptors,
    appositions, [part] maker_words) follow a part's name at ``end``: '韩国公司',
    '晶圆代工厂', 'German sportswear maker'?  Then the name says where the
    organisation is from or what it makes: no part of a figure."""
    kept = doc.memo.get("maker_words")
    if kept is None:
        names = doc.lex.names
        found = [*names.get("descriptors", ()), *names.get("appositions", ()), *doc.lex.part.get("maker_words", ())]
        cjk = tuple(w for w in found if not w.isascii())
        latin = frozenset(w for w in found if w.isascii())
        kept = doc.memo["maker_words"] = (cjk, latin)
    cjk, latin = kept
    rest = words[end:end + 24]
    if rest.startswith(cjk):
        return True
    head = re.match(r"\s+(?:[a-z][a-z-]*\s+){0,1}([a-z][a-z-]*)", rest)
    return head is not None and head.group(1) in latin


def _word_at(text: str, at: int, size: int) -> bool:
    before = text[at - 1] if at else " "
    after = text[at + size] if at + size < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _topic_part(doc: Doc, sent: tuple[int, int], spot: Spot) -> str:
    """'在营销服务业务方面,第三季度收入362亿元': the part a sentence opens with."""
    for mark in doc.among(doc.marks.get("topic", []), sent[0], spot.start):
        clause = doc.clause_of(mark.start)
        if clause[1] <= spot.start:
            return _known_part(doc, doc.low[clause[0]:mark.start])
    return ""


def _carried_object(doc: Doc, spot: Spot, subject: str, memory: Memory) -> str:
    """A clause that goes on about the previous claim of its sentence (same
    subject: 'its share of the firm's sales reached 30%, up threefold') keeps that claim's
    counterpart, even for a metric that usually has none - when it is a
    comparison (a growth of that claim's value), not a new measure ('holds 1.6%
    of ASML, and its market value is $250 billion')."""
    sent = doc.sentence_of(spot.start)
    at = memory.before(spot.start)  # the last claim said before the number
    if at < 0:
        return ""
    pos, subj, obj = memory.said[at]
    going_on = doc.lex.spec(doc.facts.get(spot.start, {}).get("metric", ""), "comparison", False)
    return obj if going_on and sent[0] <= pos and subj.name == subject else ""

def _context_org(doc: Doc, sent: tuple[int, int], reach: int = 400) -> str:
    """A person's claim with no organisation in its sentence: the organisation
    named last before it (what the passage is about)."""
    orgs = [e for e in doc.among(doc.entities, sent[0] - reach, sent[0])
            if e.kind in doc.lex.role("organisation_types")]
    return orgs[-1].name if orgs else ""

def _reach(ent: Hit, spot: Spot) -> tuple[int, int]:
    """Sort key for a counterpart: after the number first, then nearest."""
    return (0, ent.start - spot.end) if ent.start >= spot.end else (1, spot.start - ent.end)

def _raiser(doc: Doc, spot: Spot, metric: str, subject: str) -> str:
    """An investment in a sentence that also tells a funding round: the
    company raising it is the counterpart."""
    pooled_metric = doc.lex.spec(metric, "pooled")
    sent = doc.sentence_of(spot.start)
    for other in doc.starting(doc.spots, *sent):
        fact = doc.facts.get(other.start, {})
        if fact.get("metric") == pooled_metric and fact.get("subject") not in ("", subject):
            return fact.get("subject") or ""
    return ""

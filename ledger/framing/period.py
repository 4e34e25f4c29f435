"""When a value holds (``period``): its own date, the nearest date of its
clause or sentence, the period of a related figure, the publication date for
present-tense values."""
from __future__ import annotations

import bisect
import itertools
import re

from ledger.framing.context import _in_name, lone_date
from ledger.framing.cues import Hit
from ledger.framing.doc import LONGEST, BareDate, Doc, Spot, about_report, inside, main_company
from ledger.framing.fiscal import calendar, calendar_span, label, prepare
from ledger.framing.roles import figures_listed  # one list rule for parties and periods
from ledger.framing.spans import lexicon as fiscal_lexicon
from ledger.intervals import parse_period
from ledger.numbers.dates import day_words
from ledger.numbers.dates import year_before as _year_before
from ledger.record import metrics, moves
from ledger.sources import to_simplified


def _is_base(doc: Doc, date: Spot) -> bool:
    key = f"is_base:{date.start}"
    if key not in doc.memo and date.start in doc.memo.get("same_part_years", ()):
        doc.memo[key] = True  # '(2024年同期为395.63亿港元)': the base of the account's figures
    if key not in doc.memo:
        clause = doc.clause_of(date.start)
        # 'compared to the first half of 2024': an article or a possessive may stand between
        doc.memo[key] = any(date.start - b.end >= 0 and not _in_name(doc, b)
                            and (date.start - b.end <= 2
                                 or doc.low[b.end:date.start].strip() in doc.lex.period.get("base_gap", ()))
                            for b in doc.among(doc.marks["base_markers"], clause[0], date.start))
        if not doc.memo[key]:  # 'compared to the first half of 2024 (H1 2024)': the base restated
            value = date.mention.value
            doc.memo[key] = any(d.end <= date.start and d.mention.value == value and _is_base(doc, d)
                                for d in doc.among(doc.dates, clause[0], date.start))
    return bool(doc.memo[key])


def _part_years(doc: Doc) -> None:
    """Once per article on a calendar year, before any period is read: a year that
    names a part of itself stands for that part.  A year said before a report named
    for its part of the year ('2025 interim results', '2025年中期业绩': cues.toml
    [period] ``report_names``) is that half or quarter; a year said as the same
    part of another year ('2024年同期', 'the same period of 2024': fiscal.toml
    ``same_period``) is the part the article reports on, in that year, and a
    comparison base.  (In an article on a fiscal year :mod:`fiscal` places them.)"""
    if doc.memo.get("part_years_ready"):
        return
    doc.memo["part_years_ready"] = True
    if calendar(doc) is not None:
        return
    names = _report_names(doc)
    same = tuple(fiscal_lexicon()["same_period"])
    # 'the same period of 2024': the base markers naming the same part of a year
    same_before = tuple(w for w in doc.marks_words("base_markers") if w.startswith(doc.marks_words("same_part")))
    # years said in digits ('去年同期' is a year-back phrase, read as such)
    years = [d for d in doc.dates if re.fullmatch(r"\d{4}", str(d.mention.value or ""))
             and re.search(r"\d{4}", doc.low[d.start:d.end])]
    named: dict[int, str] = {}
    for d in years:
        after = doc.low[d.end:d.end + 24].lstrip(" 年度的")
        part = next((p for w, p in names if after.startswith(w)), "")
        if part:
            named[d.start] = f"{d.mention.value}-{part}"
    if named:
        doc.dates = [Spot(d.start, d.end, BareDate(named[d.start], named[d.start], doc.low[d.start:d.end]))
                     if d.start in named else d for d in doc.dates]
        doc.memo.pop("reporting", None)
    based = [d for d in years if d.start not in named and (
        doc.low[d.end:d.end + 8].lstrip(" 年的").startswith(same)
        or doc.low[max(0, d.start - 24):d.start].rstrip().removesuffix(" the").endswith(same_before))]
    if not based:
        return
    doc.memo["same_part_years"] = {d.start for d in based}
    reported = reporting_period(doc)
    if not re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12])|(\d{4})-\d{2}/\1-\d{2}", reported):
        return  # an account of a whole year (or of no known period): the year is itself
    shifted = {d.start: _in_year(reported, int(str(d.mention.value))) for d in based}
    doc.dates = [Spot(d.start, d.end, BareDate(shifted[d.start], shifted[d.start], doc.low[d.start:d.end]))
                 if d.start in shifted else d for d in doc.dates]


def _in_year(period: str, year: int) -> str:
    """The same part of another year: ('2025-H1', 2024) -> '2024-H1'."""
    shift = year - int(period[:4])
    return re.sub(r"\d{4}", lambda m: str(int(m.group()) + shift), period)


def _linked(doc: Doc, date: Spot, metric: str) -> bool:
    """Can ``date`` be the period of an amount of ``metric``?  A plain date
    can; an event date only if the event is the amount's own."""
    event = doc.facts.get(date.start, {}).get("metric", "")
    if not event:
        return True
    return event == doc.lex.spec(metric, "date") or event in doc.lex.spec(metric, "dates", ())

def frame_period(
    doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]], modality: str = ""
) -> tuple[str, float]:
    """When the value holds; see the framing module docstring for the order.
    How the period was found ('date', 'back', 'carried', 'published' or '')
    is kept in ``doc.facts``: only a period a date gave (or one carried from
    it) is carried on to later amounts.  In an article on a fiscal year a
    fiscal half or quarter is given out with its fiscal label (:mod:`fiscal`)."""
    prepare(doc)
    _part_years(doc)
    period, conf, how = _period(doc, spot, metric, events, modality)
    if how in ("published", "") and spot.mention.kind != "date" and moves(metric):
        day = _day_moved(doc, spot)
        if day:
            period, conf, how = day, 0.6, "date"
    period = label(doc, period)
    if spot.start in doc.facts:
        doc.facts[spot.start].update(period_how=how, modality=modality)
    return period, conf

_SPAN = re.compile(r"\d{4}(?:-Q[1-4]|-H[12]|-\d{2})?|\d{4}-\d{2}(?:-\d{2})?/\d{4}-\d{2}(?:-\d{2})?")


def _period(
    doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]], modality: str
) -> tuple[str, float, str]:
    if spot.mention.kind == "date":
        return str(spot.mention.value or ""), 0.95, "date"
    clause, sent = doc.clause_of(spot.start), doc.sentence_of(spot.start)
    own = _respective(doc, spot, sent)
    if own:
        return own, 0.8, "date"
    base = _base_figure(doc, spot, clause)
    if base:
        return base, 0.8, "base"  # a base's period is carried to no later figure
    # '去年同期' names a year ('去年') but means the sentence's period a year
    # before: the 去年 of a year-back phrase is no date of the sentence
    backs = doc.marks["year_back"]
    dates = [d for d in doc.among(doc.dates, *sent) if not _is_base(doc, d) and _linked(doc, d, metric)
             and not doc.touching(backs, d.start, d.end)]  # only the sentence's dates are ever used
    if flow(doc, metric):
        # a figure summed over a span (revenue, profit, shipments, their growth and margins)
        # never holds on one day: '截至2025年9月30日,营收…', '11月18日消息:…营收' say when the
        # span ends or when it was told, not the figure's period
        days = [d for d in dates if _DAY.fullmatch(date_value(doc, d, modality)) or _month_end(doc, d, modality)]
        if days:
            dates = [d for d in dates if d not in days]
            found = _period_of(doc, spot, metric, events, modality, dates, clause, sent)
            if found[0]:
                return found
            ended = _span_ending(doc, days, modality)
            return (ended, 0.55, "date") if ended else found
    found = _period_of(doc, spot, metric, events, modality, dates, clause, sent)
    return _base_shifted(doc, spot, metric, modality, dates, found)


def _base_shifted(
    doc: Doc, spot: Spot, metric: str, modality: str, dates: list[Spot], found: tuple[str, float, str]
) -> tuple[str, float, str]:
    """The earlier figure of a change ('slipped to 11.6% from 15.5%', '从15.5%降至11.6%')
    holds one period before the later one: a year before (a results figure is
    compared with the same period a year earlier), a quarter before when the
    sentence says so (环比, 'sequentially').  Only when its clause names no date and
    no year-back or quarter-back words, which place it themselves."""
    role, first = _change_role(doc, spot, metric, modality)
    if not found[0] or found[2] == "back" or role != "base":
        return found
    clause, sent = doc.clause_of(spot.start), doc.sentence_of(spot.start)
    # a date before both figures is the later one's ('second-quarter 2025 gross margin rose
    # to 40.1% from 38.2%'); one by them places the base itself
    if any(inside(clause, d) and d.end > first for d in dates) or any(
            doc.among(doc.marks[k], *clause) for k in ("year_back", "quarter_before")):
        return found
    if any(_is_base(doc, d) for d in doc.among(doc.dates, *sent)):
        return found  # '较2024年4930万台下滑6.6%,市场份额从17.2%降至16.2%': a base year placed it
    if doc.among(doc.marks["qoq"], *sent):
        shifted = quarter_before(found[0])
    else:
        shifted = year_before(found[0])
    return (shifted, 0.55, "back") if shifted else found


def _change_role(doc: Doc, spot: Spot, metric: str, modality: str) -> tuple[str, int]:
    """('base', where the pair starts) for the earlier figure of a change between two
    figures of one clause, ('level', ...) for the later one, ('', 0) otherwise: 'fell to 8.4% from 12.9%' (a
    ``from_words`` word between them: the second is the base), '从15.5%降至11.6%',
    'rose from 10% to 12%' (从/from before the first, a change-to word between).
    Only for a results figure, its change, margin or share, told as a fact."""
    if not (_reported(doc, metric) or _results_ratio(doc, spot, metric)) or forward(doc, modality):
        return "", 0
    clause = doc.clause_of(spot.start)
    amounts = [s for s in doc.among(doc.spots, *clause) if s.mention.kind != "date"]
    if spot not in amounts:
        return "", 0
    at = amounts.index(spot)
    unit = getattr(spot.mention, "unit", None)

    def pair(a: Spot, b: Spot) -> bool:  # is a the later figure and b the base?
        if getattr(b.mention, "unit", None) != unit or getattr(a.mention, "unit", None) != unit:
            return False
        between = _ARTICLE_END.sub("", doc.low[a.end:b.start].strip())  # 'from the $4.11bn'
        return len(between) <= 24 and between.endswith(tuple(doc.lex.period.get("from_words", ())))

    def from_to(a: Spot, b: Spot) -> bool:  # 从a降至b, from a to b
        if getattr(b.mention, "unit", None) != unit or getattr(a.mention, "unit", None) != unit:
            return False
        before = doc.low[max(clause[0], a.start - 6):a.start].rstrip()
        between = doc.low[a.end:b.start].strip()
        return (before.endswith(tuple(doc.marks_words("base_from"))) and len(between) <= 8
                and bool(doc.among(doc.marks["change_to"], a.end, b.start)))

    after = amounts[at + 1] if at + 1 < len(amounts) else None
    prior = amounts[at - 1] if at > 0 else None
    if prior is not None and pair(prior, spot):
        return "base", prior.start
    if after is not None and from_to(spot, after):
        return "base", spot.start
    if (after is not None and pair(spot, after)) or (prior is not None and from_to(prior, spot)):
        return "level", 0
    return "", 0


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:/\d{4}-\d{2}-\d{2})?")

#: an article closing the words between two figures ('to $3.37bn from the $4.11bn')
_ARTICLE_END = re.compile(r"\s+(?:the|a|an)$")


def _day_moved(doc: Doc, spot: Spot) -> str:
    """The day a share price (or its change, a market value: roles.toml ``moves``)
    was said of, when no date of its own places it: the last day named before it in
    its sentence - a weekday ('Nokia said Tuesday, sending its share price soaring
    almost 20 percent'), a day of the month ('股价3日下午上升12%'), 昨日 ('昨日收报4.8元,
    跌0.01元') - read back from the published day (:func:`ledger.numbers.dates.day_words`):
    the latest such day on or before it.  A full date there ('于2025年6月30日正式开启招股,发售价
    区间…') is when something else was done, not the price's day.  '' when the sentence
    names no day."""
    if "day_words" not in doc.memo:
        doc.memo["day_words"] = day_words(doc.low, doc.published) if len(doc.published) == 10 else []
    sent = doc.sentence_of(spot.start)
    # the day words (in text order) from the sentence's start to the figure: by bisection, not a pass over all
    found = [(w.start, w.value) for w in doc.starting(doc.memo["day_words"], sent[0], spot.start + 1)
             if w.end <= spot.start]
    found += [(d.start, str(d.mention.value)) for d in doc.among(doc.dates, sent[0], spot.start)
              if d.end <= spot.start and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d.mention.value or ""))
              and not re.search(r"\d", doc.low[d.start:d.end]) and not _is_base(doc, d)]  # 昨日, not 6月30日
    return max(found)[1] if found else ""


def flow(doc: Doc, metric: str) -> bool:
    """Is the metric a flow, a figure summed over a span: a results figure
    (metrics.toml family ``results``: revenue, profit, expenses, shipments, margins)
    that is no level (cues.toml ``stock``, ``instant``, [period] ``levels``: users,
    shares of a total), or the growth of one ('net_profit_growth', not the bare
    'growth' of an unnamed figure, which may be a level's)?"""
    known = doc.memo.setdefault("flow", {})
    if metric not in known:
        known[metric] = _flow(doc, metric)
    return bool(known[metric])


def _flow(doc: Doc, metric: str) -> bool:
    family = str(metrics().get(metric, {}).get("family", ""))
    if family == "growth":
        base = re.sub(r"_(?:growth|change)(?:_qoq)?$", "", metric)
        return base != metric and base in metrics() and _flow(doc, base)
    return (family == "results" and not doc.lex.spec(metric, "stock", False)
            and not doc.lex.spec(metric, "instant", False) and metric not in doc.lex.period.get("levels", ()))


def _month_end(doc: Doc, date: Spot, modality: str) -> bool:
    """Is the date a month said as its end ('as of the end of June 2025', '6月底',
    'June-end'; cues.toml [period] ``month_end_before`` / ``month_end_after``): the day a
    flow's span closes, not the span?"""
    if not re.fullmatch(r"\d{4}-\d{2}", date_value(doc, date, modality)):
        return False
    head = re.sub(r"\s*(?:the\s+)?$", "", doc.low[max(0, date.start - 12):date.start])
    return head.endswith(tuple(doc.lex.period.get("month_end_before", ()))) \
        or doc.low.startswith(tuple(doc.lex.period.get("month_end_after", ())), date.end)


def _span_ending(doc: Doc, days: list[Spot], modality: str) -> str:
    """The period the article reports on, when one of ``days`` is its last day
    ('截至2025年9月30日,波司登实现营收…' in an article on the six months to
    September 30): the day closes the span the figure is summed over."""
    reported = reporting_period(doc)
    if not reported:
        return ""
    last = str(parse_period(reported)[1])
    for d in days:
        value = date_value(doc, d, modality)
        if value.split("/")[-1] == last:
            return reported
    return ""


def _period_of(
    doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]], modality: str, dates: list[Spot],
    clause: tuple[int, int], sent: tuple[int, int],
) -> tuple[str, float, str]:
    backs = doc.marks["year_back"]
    # '比去年同期激增137.1%至19.17兆': the year before is the base of a change whose
    # level the amount is, not the amount's own period
    back = [b for b in doc.among(backs, *clause) if not _base_of_change(doc, b, spot)]
    if back and _change_role(doc, spot, metric, modality)[0] == "level":
        back = []  # 'fell to RMB1.28 billion from RMB1.31 billion a year earlier': the base's
    if back and not doc.lex.spec(metric, "comparison") and not any(inside(clause, d) for d in dates):
        base = _sentence_period(doc, spot, metric, events, modality, dates)[0] or _previous_period(doc, spot)
        if base:
            return year_before(base), 0.6, "back"
    # '67.6% the previous quarter' (not the base of a change: 'up 18.5% from the previous quarter')
    before = [q for q in doc.among(doc.marks["quarter_before"], *clause)
              if not any(doc.among(doc.marks[k], max(clause[0], q.start - 6), q.start)
                         for k in ("base_markers", "change_from"))]
    if before and not any(inside(clause, d) for d in dates):
        base = _sentence_period(doc, spot, metric, events, modality, dates)[0] or _previous_period(doc, spot)
        previous = quarter_before(base)
        if previous:
            return previous, 0.6, "back"
    span = [d for d in dates if inside(clause, d) and _is_year_to_date(d)]
    if span:  # '截至9月底止首三季': the nine months, not the end of September
        return date_value(doc, span[0], modality), 0.8, "date"
    near = [d for d in dates if inside(clause, d)]
    if near:
        date = min(near, key=lambda d: abs(d.start - spot.start))
        return _since(doc, date, modality), 0.85, "told" if _told(doc, date) else "date"
    if doc.lex.spec(metric, "clause_period", False):  # a buyback programme: only a date said with it
        return "", 0.7, ""
    referred = _referred(doc, spot, clause, modality)
    if referred:
        return referred, 0.6, "date"
    figure = _growth_of_figure(doc, spot, metric, clause)
    if figure:
        return figure, 0.6, "carried"
    return _sentence_period(doc, spot, metric, events, modality, dates)


def _told(doc: Doc, date: Spot) -> bool:
    """Is the date when something was told ('said in December', cues.toml ``[period]
    told_before``), not a period figures after it go on in?"""
    words = tuple(doc.lex.period.get("told_before", ()))
    return bool(words) and doc.low[max(0, date.start - 24):date.start].rstrip().endswith(words)


def _growth_of_figure(doc: Doc, spot: Spot, metric: str, clause: tuple[int, int]) -> str:
    """The period of the figure a year-on-year growth is said of, right before it in
    its clause or the one before ('全年自结营收则达8兆998亿元，年增18.07%': the whole
    year's, not the quarter named earlier in the sentence): a growth rate has the period
    of the later figure it compares.  Only when that figure's period came from a date
    (or was carried from one) and its metric is the growth's own ('revenue' for
    'revenue_growth')."""
    if str(metrics().get(metric, {}).get("family", "")) != "growth" or not metric.endswith("_growth"):
        return ""
    base = metric[: -len("_growth")]
    before = [s for s in doc.starting(doc.spots, doc.sentence_of(spot.start)[0], spot.start)
              if s.mention.kind != "date"]
    if not before:
        return ""
    prev = before[-1]
    if prev.start < clause[0] and doc.clause_of(prev.start)[1] < clause[0] - 1:
        return ""  # not the clause right before
    if _base_figure(doc, prev, doc.clause_of(prev.start)):
        return ""  # '较2024年第三季度的98.6亿元同比增长97.3%': the base, not the figure grown to
    fact = doc.facts.get(prev.start, {})
    if fact.get("metric") == base and fact.get("period") and fact.get("period_how") in ("date", "carried"):
        return str(fact["period"])
    return ""


#: a range of years ('25-27年', '2025-2027年', '2025至2027年'), two or four digits each
_YEARS = re.compile(r"(?<![\d.])((?:19|20)?\d\d)\s*[-–~至到]\s*((?:19|20)?\d\d)\s*(?:财|会计)?年")


def _base_figure(doc: Doc, spot: Spot, clause: tuple[int, int]) -> str:
    """The period of a comparison's base figure, said right after its base date
    ('较2024年第三季度的98.6亿元', 'from 2024's RMB9.86 billion'): the base date's."""
    for d in reversed(doc.among(doc.dates, clause[0], spot.start)):
        if d.end <= spot.start and _is_base(doc, d):
            between = doc.low[d.end:spot.start].strip()
            if between in ("", "的", "'s", "’s", "of") or (
                    d.start in doc.memo.get("same_part_years", ()) and _SAME_THEN.fullmatch(between)):
                return date_value(doc, d, "")  # '(2024年同期为395.63亿港元)'
            return ""
    for d in doc.among(doc.dates, spot.end, clause[1]):
        # 'compared with RMB 167.2 billion in the same period of 2024'
        if d.start in doc.memo.get("same_part_years", ()) and _THEN_SAME.fullmatch(doc.low[spot.end:d.start]):
            return date_value(doc, d, "")
        break
    return ""


#: between a same-period year and its figure ('2024年同期为'), and between a figure and its
#: same-period year ('in the same period of')
_SAME_THEN = re.compile(r"(?:同期|同季)?\s*(?:的|为|是|则为|录得)?")  # the text is in simplified script
_THEN_SAME = re.compile(r"\s*(?:in|for|during)?\s*(?:the\s+)?same\s+(?:period|quarter)\s+(?:of|in)\s+(?:the\s+)?")


def _respective(doc: Doc, spot: Spot, sent: tuple[int, int]) -> str:
    """A figure of a list paired 'respectively' (cues.toml [roles] respectively) with
    as many years: '预计公司25-27年营收分别为327.6亿元、370.8亿元、415.8亿元', 'net profits of
    9.63 billion yuan and 10.75 billion yuan for 2025 and 2026 respectively'.  The
    years are a range of as many years as figures, or a list of as many year dates
    in the sentence; '' when the counts differ or the sentence has no such marker."""
    if not doc.among(doc.marks.get("respectively", []), *sent):
        return ""
    run = figures_listed(doc, spot, sent)
    if len(run) < 2 or spot not in run:
        return ""
    years: list[int] = []
    for m in _YEARS.finditer(doc.low, sent[0], sent[1]):
        a, b = (int(x) if len(x) == 4 else 2000 + int(x) for x in m.groups())
        if 0 < b - a < 10 and b - a + 1 == len(run):
            years = list(range(a, b + 1))
            break
    if not years:
        # the year dates of the sentence ('for 2025 and 2026': the second year is read as a
        # plain number after 'and', so a bare four-digit number of this or the last century
        # right after a year date counts too)
        found: list[Spot] = []
        for s in doc.among(doc.spots, *sent):
            text = doc.low[s.start:s.end]
            year = s.mention.kind == "date" and re.fullmatch(r"\d{4}", str(s.mention.value)) and not _is_base(doc, s)
            bare = (s.mention.kind == "count" and found and re.fullmatch(r"(?:19|20)\d\d", text)
                    and not doc.low[found[-1].end:s.start].strip(" ,、和及与and"))
            if year or bare:
                found.append(s)
        if len(found) == len(run):
            years = [int(doc.low[s.start:s.end][-4:]) if s.mention.kind == "count" else int(str(s.mention.value))
                     for s in found]
    return str(years[run.index(spot)]) if years else ""


_GRAIN = {"month_back": re.compile(r"\d{4}-\d{2}"), "quarter_back": re.compile(r"\d{4}-Q[1-4]")}


def _referred(doc: Doc, spot: Spot, clause: tuple[int, int], modality: str) -> str:
    """'posted NT$343.61 billion in consolidated sales for the month', '该季度,…营收
    1042亿元': the latest month (quarter) named before the figure, else the
    reported period when it is a month (quarter); '' without such words."""
    for key, grain in _GRAIN.items():
        if not doc.among(doc.marks[key], *clause):
            continue
        for date in reversed(doc.starting(doc.dates, 0, spot.start)):
            value = date_value(doc, date, modality)
            if grain.fullmatch(value) and not _is_base(doc, date):
                return value
        reported = reporting_period(doc)
        return reported if grain.fullmatch(reported) else ""
    return ""

def _base_of_change(doc: Doc, back: Hit, spot: Spot) -> bool:
    """Is a year-back phrase the base of a change the amount is the level of:
    a change word, then a level word, between it and the amount ('比去年同期激增
    137.1%至19.17兆'; not '去年同期为80亿元'), or a change word before it in the
    clause and a level word after it ('sales rose 17% from a year earlier to €2.9bn')?"""
    if back.end > spot.start:
        return False
    moves = [h for key in ("up", "down") for h in doc.among(doc.marks[key], back.end, spot.start)]
    if any(doc.among(doc.marks["level"], m.end, spot.start) for m in moves):
        return True
    clause = doc.clause_of(spot.start)
    moved = any(doc.among(doc.marks[key], clause[0], back.start) for key in ("up", "down"))
    return moved and bool(doc.among(doc.marks["level"], back.end, spot.start))


def at_end(doc: Doc, metric: str, period: str) -> str:
    """A level (``stock`` in cues.toml: stores, employees, cash) holds at the end
    of the quarter, half or year read as its period ('第三季度…门店总数29214家' is
    at 2025-09-30); other figures keep their period.  The span itself is what
    later figures of the article carry."""
    if period and doc.lex.spec(metric, "stock", False) and _SPAN.fullmatch(period):
        return str(parse_period(calendar_span(doc, period))[1])  # a fiscal half ends on its own day
    return period


def _is_year_to_date(date: Spot) -> bool:
    value = str(getattr(date.mention, "value", "") or "")
    return bool(re.fullmatch(r"(\d{4})-01/\1-(?:0[2-9]|1[0-2])", value))


def forward(doc: Doc, modality: str) -> bool:
    """Does the modality look ahead (a forecast, plan or proposal)?"""
    return modality not in ("", doc.lex.modality_default, *doc.lex.period.get("present_modalities", ()))

def date_value(doc: Doc, date: Spot, modality: str) -> str:
    """A date's period; a year-less period still to come at publication
    ('第四季度' in May) is this year's for a forecast, last year's for an account."""
    past = getattr(date.mention, "past", None)
    if past is not None and not forward(doc, modality):
        return past
    return str(date.mention.value)

def _since(doc: Doc, date: Spot, modality: str = "") -> str:
    """'tripled since 2019': from the date to the article's publication."""
    value = date_value(doc, date, modality)
    before = doc.low[max(0, date.start - 8) : date.start].rstrip()
    after = doc.low[date.end : date.end + 4].lstrip()
    since = any(before.endswith(w) for w in doc.marks_words("since_before")) or any(
        after.startswith(w) for w in doc.marks_words("since_after"))
    return f"{value}/{doc.published}" if since and doc.published and "/" not in value else value

def year_before(period: str) -> str:
    """'2026' -> '2025', '2025-Q1' -> '2024-Q1', '2025-11/2025-12' -> '2024-11/2024-12'."""
    return _year_before(period)

def quarter_before(period: str) -> str:
    """'2025-Q2' -> '2025-Q1', '2025-Q1' -> '2024-Q4'; '' for any other period."""
    m = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if not m:
        return ""
    year, quarter = int(m.group(1)), int(m.group(2))
    return f"{year}-Q{quarter - 1}" if quarter > 1 else f"{year - 1}-Q4"


def _previous_period(doc: Doc, spot: Spot) -> str:
    """The period of the previous amount of the sentence ('worth $1.2 trillion,
    up from $600 billion a year ago': the later amount is one year before it)."""
    sent = doc.sentence_of(spot.start)
    before = [s for s in doc.starting(doc.spots, sent[0], spot.start) if s.mention.kind != "date"]
    return doc.facts.get(before[-1].start, {}).get("period", "") if before else ""

def _carried(doc: Doc, spot: Spot, metric: str, modality: str, scope: tuple[int, int]) -> str:
    """The period of the last earlier claim in ``scope`` of the same family of
    metrics (``carry`` in cues.toml: revenue, its growth, its parts, the loss
    of a period) and the same modality, when a date gave it (or it was carried
    from one): 'Revenue for the first quarter of 2025 was... Services revenue
    was $26.6 billion' - the second figure belongs to the same quarter.  A
    year-back amount ('a year earlier'), the base of a change ('versus C$2.91
    in Q4 2024') or a present-tense one is no period to carry; a forecast does
    not take an account's period, nor the reverse."""
    family = doc.lex.spec(metric, "carry")
    if not family:
        return ""
    for other in reversed([s for s in doc.starting(doc.spots, scope[0], spot.start) if s.mention.kind != "date"]):
        fact = doc.facts.get(other.start, {})
        if fact.get("subject") and fact.get("period") and fact.get("period_how") in ("date", "carried") \
                and doc.lex.spec(fact.get("metric", ""), "carry") == family and fact.get("modality") == modality \
                and not (_DAY.fullmatch(fact["period"]) and flow(doc, metric)) \
                and not _compared(doc, other) \
                and _change_role(doc, other, fact.get("metric", ""), modality)[0] != "base":
            # a level's day is no flow's; the base of a change ('versus C$2.91 in Q4 2024') is
            # the earlier period, not the one the figures after it go on in
            return fact["period"]
    return ""

def _benchmarked(doc: Doc, spot: Spot, modality: str, sent: tuple[int, int]) -> str:
    """A forecast that is the benchmark of an actual figure of its sentence ('$1.15B ...
    still exceeding the $1.08B projected by analysts', 'RMB0.65 beat the analyst consensus of
    RMB0.57': [modality] compared_with between them, one unit): the period of that figure,
    the one the forecast was of."""
    if modality not in ("forecast", "estimate"):
        return ""
    unit = getattr(spot.mention, "unit", None)
    for other in reversed([s for s in doc.starting(doc.spots, sent[0], spot.start) if s.mention.kind != "date"]):
        fact = doc.facts.get(other.start, {})
        if getattr(other.mention, "unit", None) != unit or fact.get("modality") not in ("actual", "reported"):
            continue
        between = doc.low[other.end:spot.start]
        if fact.get("period") and fact.get("period_how") in ("date", "carried", "topic") \
                and any(w in between for w in doc.lex.compared_with):
            return str(fact["period"])
        return ""
    return ""


def _compared(doc: Doc, spot: Spot) -> bool:
    """Does the figure's clause open with a word of comparison right before it
    (', versus C$2.91 in Q4 2024', ', compared with $4.1 billion'): the base
    another figure is compared with?"""
    clause = doc.clause_of(spot.start)
    before = re.sub(r"^[\s,;:(（,、]+", "", doc.low[clause[0]:spot.start])
    return bool(before) and before.startswith(tuple(doc.lex.period.get("from_words", ())))


def _sentence_period(
    doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]], modality: str, dates: list[Spot]
) -> tuple[str, float, str]:
    clause, sent = doc.clause_of(spot.start), doc.sentence_of(spot.start)
    window = int(doc.lex.period.get("sentence_window", 60))
    # an instant (a market value) holds on a day: a period of another clause
    # ('今年上半年营收..., 其市值约为...') is not its date; a date opening the sentence is
    instant = doc.lex.spec(metric, "instant", False)
    earlier = [
        d for d in dates
        if sent[0] <= d.start and d.end <= spot.start
        and ((spot.start - d.end <= window and not instant) or (_opens(doc, d, sent) and lone_date(doc, d)))
    ]
    if doc.among(doc.marks["full_year"], *clause) or _opening_full_year(doc, sent):
        # 'full-year revenue': the whole year of the sentence's date ('上半年..., 全年...'), else
        # this year for what is to come, the year reported on (or last ended) for an account
        fiscal = calendar(doc)
        if earlier:
            value = date_value(doc, earlier[-1], modality)
            whole = fiscal.label(value) if fiscal is not None else ""  # a fiscal half's whole year is fiscal
            return (whole[:4] if whole else value[:4]), 0.55, "date"
        if fiscal is not None:  # the year the article on a fiscal year reports on
            return str(fiscal.year), 0.5, "date"
        ended = "" if forward(doc, modality) or doc.among(doc.marks["this_year"], *clause) else _ended_year(doc)
        if ended:
            return ended, 0.5, "date"
        if doc.published[:4].isdigit():
            return doc.published[:4], 0.5, "date"
    if earlier:
        return date_value(doc, earlier[-1], modality), 0.6, "date"
    benchmarked = _benchmarked(doc, spot, modality, sent)
    if benchmarked:
        return benchmarked, 0.55, "carried"
    carried = "" if instant else _carried(doc, spot, metric, modality, sent)
    if carried:
        return carried, 0.55, "carried"
    recalled = _recalled(doc, spot, metric, events)
    if recalled:
        return recalled, 0.5, "date"
    now = not forward(doc, modality) and _present(doc, spot, clause)
    if (now or current_value(doc, spot) or (instant and not forward(doc, modality))) and doc.published \
            and not flow(doc, metric):
        return doc.published, 0.5, "published"
    carried = _carried(doc, spot, metric, modality, doc.paragraph_of(spot.start))
    if carried:
        return carried, 0.45, "carried"
    if (_reported(doc, metric) or _results_ratio(doc, spot, metric)) and not forward(doc, modality) \
            and _on_topic(doc, spot) \
            and not _unplaced(doc, spot):
        reported = reporting_period(doc)
        if reported:
            return reported, 0.4, "topic"
    month = news_month(doc, metric, modality)
    if month:
        return month, 0.4, "published"
    return "", 0.7, ""


def news_month(doc: Doc, metric: str, modality: str) -> str:
    """The month a deal's figure is news in: a figure of a deal (a stake, an
    investment, a round, a valuation, a price paid: cues.toml [period]
    ``news_families``) no date places is the deal's as told in the month the
    article is published ('Brightfold agreed to buy 30% of Lumacore for $2
    billion' in a report of 2025-11-20: 2025-11), and so the month the deal
    was struck, offered or reported, not one day of it.  A forecast or a
    target (``news_modalities`` leaves them out) is of a time to come, a running
    total ('has invested a total of $8 billion': ``running_totals``) sums deals
    of many months, and an undated article tells no month."""
    if len(doc.published) < 7 or modality not in doc.lex.period.get("news_modalities", ()):
        return ""
    spec = metrics().get(metric, {})
    if spec.get("dimension") == "duration" or metric in doc.lex.period.get("running_totals", ()):
        return ""  # how long a contract runs, all invested so far: no one month's news
    return doc.published[:7] if str(spec.get("family", "")) in doc.lex.period.get("news_families", ()) else ""


def _reported(doc: Doc, metric: str) -> bool:
    """Is the metric one an account reports for its period: a results figure
    (cues.toml carry = results), or a change, margin, share or share of a market
    that comes with it (roles.toml families results, growth, market)?"""
    if doc.lex.spec(metric, "carry") == "results":
        return True
    return str(metrics().get(metric, {}).get("family", "")) in ("results", "growth", "market")


def _results_ratio(doc: Doc, spot: Spot, metric: str) -> bool:
    """Is an unnamed ratio (cues.toml [period] ``results_ratios``: a share, a margin
    no cue named) said of a results figure: a flow's cue in its clause ('佔收入比例由
    26.7%增至35.5%', 'sales margin dipped slightly from 30.5% to 30.3%')?  It is
    then part of the account, and holds for its period as the figures do."""
    if metric not in doc.lex.period.get("results_ratios", ()):
        return False
    clause = doc.clause_of(spot.start)
    return any(flow(doc, h.name) for h in doc.among(doc.metric_hits, *clause))


def _opens(doc: Doc, date: Spot, sent: tuple[int, int]) -> bool:
    """Does the date open its sentence, alone in its first clause ('2018年5月,',
    '單是在去年第4季，')?  It then dates the whole sentence."""
    return date.start - sent[0] <= 2 or doc.clause_of(date.start)[0] <= sent[0]


def _unplaced(doc: Doc, spot: Spot) -> bool:
    """Does the figure hold for a span the article names but cannot place on
    the calendar ('今年前三季度' in an undated article): named in its sentence
    before it, or referred back to ('期内') as the last span named?  Then its
    period is unknown, never the article's reported quarter."""
    spans = doc.memo.get("year_to_date_words")
    if spans is None:  # once per article
        spans = doc.memo["year_to_date_words"] = tuple(
            to_simplified(w).lower() for w in doc.lex.period.get("year_to_date", {}))
    sent = doc.sentence_of(spot.start)

    def unplaced_at(lo: int, hi: int) -> bool:
        text = doc.low[lo:hi]
        for w in spans:
            at = text.rfind(w)
            if at >= 0 and not _in_a_date(doc, lo + at):
                return True
        return False

    if unplaced_at(sent[0], spot.start):
        return True
    if doc.among(doc.marks["period_back"], sent[0], spot.start):
        last_date = max((d.end for d in doc.dates if d.end <= sent[0]), default=0)
        return unplaced_at(last_date, sent[0])
    return False


def _in_a_date(doc: Doc, pos: int) -> bool:
    """Does a date of the article cover ``pos`` (``start <= pos < end``)?  By bisection over
    the dates' starts and the furthest end reached up to each (made once per list of dates),
    not a pass over every date at every figure."""
    kept = doc.memo.get("date_reach")
    if kept is None or kept[0] is not doc.dates:  # doc.dates is replaced, never changed in place
        spans = sorted((d.start, d.end) for d in doc.dates)
        kept = doc.memo["date_reach"] = (doc.dates, [a for a, _ in spans],
                                         list(itertools.accumulate((b for _, b in spans), max)))
    _, starts, reach = kept
    at = bisect.bisect_right(starts, pos) - 1
    return at >= 0 and reach[at] > pos


def _opening_full_year(doc: Doc, sent: tuple[int, int]) -> bool:
    """'On an annual basis, revenue was …, operating profit … (operating margin
    49%)': a whole-year word in the clause opening the sentence, with no figure
    of its own, holds for every figure of the sentence."""
    first = doc.clause_of(sent[0])
    return bool(doc.among(doc.marks["full_year"], *first)) and not any(
        s.mention.kind != "date" for s in doc.among(doc.spots, *first))


def _ended_year(doc: Doc) -> str:
    """The whole year an account of 'annual' figures is of: the year the
    article reports on, when that is a year; else the last year ended by
    its publication."""
    reported = reporting_period(doc)
    if re.fullmatch(r"\d{4}", reported):
        return reported
    if doc.published[:4].isdigit():
        return str(int(doc.published[:4]) - (0 if doc.published[5:] == "12-31" else 1))
    return ""


def _on_topic(doc: Doc, spot: Spot) -> bool:
    """Is the figure the article's topic company's (not a competitor's of a
    paragraph about another company)?  In an article about a research firm's
    report, every company it ranks is its topic."""
    if about_report(doc):
        return True
    main = main_company(doc)
    subject = doc.facts.get(spot.start, {}).get("subject", "")
    return main is None or subject == main.name


_REPORTING = re.compile(r"\d{4}(?:-Q[1-4]|-H[12]|-01/\d{4}-(?:0[3-9]|1[0-2]))?")


def reporting_period(doc: Doc) -> str:
    """The period an article reports on: its first year, quarter, half or
    year-to-date span ('2025', '2025年第三季度', 'Q3', '上半年', '首三季') that is no
    comparison base, its headline's first.  A results figure no date, no
    sentence and no paragraph places holds for it (the article's topic)."""
    if "reporting" not in doc.memo:
        doc.memo["reporting"] = _reporting(doc)
    return str(doc.memo["reporting"])


def _reporting(doc: Doc) -> str:
    """The lead's first reporting period (headline and first paragraph: '发布了
    2025年三季度业绩'); else the latest one that had ended by publication
    (earlier ones are comparisons: '2023年下半年才占6%'; later ones forecasts);
    none for an undated article counting years from an unknown now."""
    fiscal = calendar(doc)
    found = [d for d in doc.dates if (_REPORTING.fullmatch(date_value(doc, d, ""))
                                      or (fiscal is not None and fiscal.label(date_value(doc, d, ""))))
             and not _is_base(doc, d)]
    # '发布2025年第三季度财报', 'posted its Q3 2025 results': a quarter, half or nine months
    # announced (an annual report also gives its fourth quarter: a year is left to the lead)
    announced = [d for d in found if _announces(doc, d) and not re.fullmatch(r"\d{4}", date_value(doc, d, ""))]
    if announced:
        return date_value(doc, announced[0], "")
    named = _named_report(doc)
    if named:
        return named
    lead_end = doc.paragraphs[1][1] if len(doc.paragraphs) > 1 else len(doc.low)
    lead = [d for d in found if d.start < lead_end]
    finer = [d for d in lead if not re.fullmatch(r"\d{4}", date_value(doc, d, ""))]
    # '2026会计年度第一季': the quarter, not the year that names it; a year only with results
    lead = finer or [d for d in lead if not doc.published or _with_results(doc, d)]
    if lead:
        return date_value(doc, lead[0], "")
    if not doc.published and any(w in doc.low for w in doc.marks_words("relative_year")):
        return ""
    # past the lead, a period the article reports on is one it gives results for: a
    # year said of a founding, a market entry or an old valuation ('创立于2013年',
    # 'valuation dropped to USD 6.7 billion in 2022') is history, not the account's
    values = [date_value(doc, d, "") for d in found if _with_results(doc, d)]
    if doc.published:
        until = parse_period(doc.published)[1]
        values = [v for v in values if parse_period(v)[1] <= until]
    return max(values, key=_period_end) if values else ""


def _report_names(doc: Doc) -> tuple[tuple[str, str], ...]:
    """cues.toml [period] ``report_names`` as the cleaned text writes them (simplified,
    lower case), the longest first: (word, part of the year)."""
    if "report_names" not in doc.memo:
        doc.memo["report_names"] = tuple(sorted(
            ((to_simplified(w).lower(), part) for w, part in doc.lex.period.get("report_names", {}).items()),
            key=lambda wp: -len(wp[0])))
    return tuple(doc.memo["report_names"])


def _named_report(doc: Doc) -> str:
    """The period of a report named for its part of the year (cues.toml [period]
    ``report_names``: 半年报 is a first half, 三季报 a third quarter): of the year said
    right before it ('2025 年半年报'), else the latest such part ended by publication
    ('霸王茶姬发布三季报' in November 2025: 2025-Q3); '' with neither, or in an article on
    a fiscal year (its halves are no calendar halves)."""
    found = sorted((m.start(), part) for word, part in _report_names(doc)
                   for m in re.finditer(re.escape(word), doc.low))
    if not found or calendar(doc) is not None:
        return ""
    for at, part in found:  # the headline's '科沃斯半年报' names no year; the body's '2025 年半年报' does
        for d in doc.among(doc.dates, max(0, at - 12), at):
            value = str(d.mention.value or "")
            if re.fullmatch(r"\d{4}", value) and not doc.low[d.end:at].strip(" 年度的"):
                return f"{value}-{part}"
    if not doc.published[:4].isdigit():
        return ""
    part = found[0][1]
    year = int(doc.published[:4])
    period = f"{year}-{part}"
    return period if parse_period(period)[1] <= parse_period(doc.published)[1] else f"{year - 1}-{part}"


def _announces(doc: Doc, date: Spot) -> bool:
    """Is the date the period of a results announcement: a report word right after
    it (cues.toml [period] ``report_words``: '2025年第三季度财报', '上半年业绩', 'Q3 2025
    results', 'third-quarter earnings')?  The article reports on that period, wherever
    in it the announcement is told ('10月21日,通用汽车发布2025年第三季度财报' after a
    dateline and a byline)."""
    words = doc.memo.get("report_words")
    if words is None:
        listed = doc.lex.period.get("report_words", ())
        words = doc.memo["report_words"] = tuple(to_simplified(w).lower() for w in listed)
    after = _YEAR_AFTER.sub("", doc.low[date.end:date.end + 24].lstrip(" 的'’s-"), count=1)
    return after.startswith(words)


#: a year said after a year-less period of an announcement ('first-half 2025 results')
_YEAR_AFTER = re.compile(r"^(?:(?:fiscal|fy)\s*)?(?:19|20)\d\d\s*")


def _with_results(doc: Doc, date: Spot) -> bool:
    """Is a results figure's cue (a flow: revenue, profit, shipments...) said
    in the date's clause, or in the next one of its sentence when the date
    stands alone in its own ('2024年,营收…')?"""
    clause = doc.clause_of(date.start)
    end = clause[1]
    if lone_date(doc, date) and end < doc.sentence_of(date.start)[1]:
        end = doc.clause_of(end)[1]
    return any(flow(doc, h.name) for h in doc.among(doc.metric_hits, clause[0], end))


def _period_end(period: str) -> tuple[object, object]:
    """(last day, first day) of a period: the latest ending, then the shortest."""
    first, last = parse_period(period)
    return last, first

def _recalled(doc: Doc, spot: Spot, metric: str, events: list[tuple[int, str, str]]) -> str:
    """The date of an event claimed earlier that the sentence refers back to:
    by an anaphora ('该交易') or by naming an event of a kind linked to the
    amount's metric ('重组协议' for a stake)."""
    sent = doc.sentence_of(spot.start)
    until = bisect.bisect_left(events, sent[0], key=lambda e: e[0])  # events are in text order
    if not until:
        return ""
    if doc.among(doc.marks["anaphora"], sent[0], spot.start):
        return events[until - 1][1]
    linked = {doc.lex.spec(metric, "date"), *doc.lex.spec(metric, "dates", ())} - {None}
    named = {h.name for h in doc.among(doc.metric_hits, *sent) if h.name in linked}
    if not named:
        return ""
    for at in range(until - 1, -1, -1):  # backwards from the sentence, no copy of the events before it
        if events[at][2] in named:
            return events[at][1]
    return ""

def current_value(doc: Doc, spot: Spot) -> bool:
    """'提议...从15%降至8%': is the number the current value of a change
    still to come (a modality cue before it in the sentence)?"""
    starts = [m for m in doc.among(doc.marks["change_from"], spot.start - 1 - LONGEST, spot.start)
              if spot.start - m.end <= 1]
    ends = doc.starting(doc.marks["change_to"], spot.end, spot.end + 2)
    if not (starts and ends):
        return False
    sent = doc.sentence_of(spot.start)  # a change still to come: proposed, planned, forecast
    return any(h.end <= sent[1] for h in doc.starting(doc.modality_hits, sent[0], spot.start))

def _present(doc: Doc, spot: Spot, clause: tuple[int, int]) -> bool:
    if doc.among(doc.marks["present_clause"], *clause):
        return True
    return any(spot.start - m.end <= 4 for m in doc.among(doc.marks["present_adjacent"], clause[0], spot.start))

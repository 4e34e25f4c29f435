"""Dates in Chinese and English news, as ISO periods resolved against the
article's published date.

Conventions (also in docs/numbers.md): 年底/年末 = Nov–Dec, 年初 = Jan–Feb,
年中 = Jun–Jul, 上半年 = H1, 下半年 = H2, 月底/月末 = day 21 to month end,
月初 = days 1–10, 月中 = days 11–20, 夏天 = Jun–Aug (spring Mar–May,
autumn Sep–Nov, winter Dec–Feb).  今天/今日 are not read as dates (in news they
mostly mean "nowadays"); 昨天/前天 are.  A date whose year cannot be known (3月11日,
去年底, 上周 without a published date) gets value None.

Quarters: "the first quarter of 2025", "Q1 2025", 2025年第一季度 -> 2025-Q1; a
quarter or half of a fiscal year ("the second quarter of fiscal 2026", Q2 FY2026,
2026财年第二季度) keeps the company's fiscal label: 2026-Q2, as FY2026 is 2026
(fiscal calendars differ, so the label is compared with the same company's
labels, not placed on the calendar; labelling it by the year alone made a
quarter's figures meet the whole year's).  "last December" is the latest December before the
published month.  Periods named without a year (第二季度, 上半年, 年底,
third-quarter) are no mentions: framing reads them (:func:`bare_periods`).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVarTuple

from ledger.numbers.numerals import NumeralError, chinese

MONTHS_EN = {
    m.lower(): i
    for i, names in enumerate(zip(calendar.month_name, calendar.month_abbr))
    for m in names
    if m
}
MONTHS_EN["sept"] = 9

_PARTS = {  # part of a year -> (first month, last month)
    "底": (11, 12), "末": (11, 12), "初": (1, 2), "中": (6, 7),
    "上半年": (1, 6), "下半年": (7, 12),
    "春": (3, 5), "夏": (6, 8), "秋": (9, 11), "冬": (12, 14),
}
_MONTH_PARTS = {"初": (1, 10), "中": (11, 20), "底": (21, 31), "末": (21, 31)}
_REL_YEAR = {"去年": -1, "今年": 0, "明年": 1, "前年": -2, "本年": 0, "last year": -1, "this year": 0, "next year": 1}
_WEEKDAYS = "一二三四五六日天"


@dataclass(frozen=True)
class DateValue:
    value: str | None
    low: str | None
    high: str | None


UNKNOWN = DateValue(None, None, None)


@dataclass(frozen=True)
class Anchor:
    """The published date as far as it is known: year, month (or None), day (or None)."""

    year: int
    month: int | None = None
    day: dt.date | None = None


def anchor(published: dt.date | str | Anchor | None) -> Anchor | None:
    """``date(2025, 5, 5)``, ``'2025-05-05'``, ``'2025-05'``, ``'2025'`` or None."""
    if published is None or isinstance(published, Anchor):
        return published
    if isinstance(published, dt.date):
        return Anchor(published.year, published.month, published)
    parts = [int(p) for p in str(published).strip().split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return Anchor(d.year, d.month, d)
    if len(parts) == 2:
        dt.date(parts[0], parts[1], 1)  # raises ValueError on month 13
        return Anchor(parts[0], parts[1])
    if len(parts) != 1 or not 1 <= parts[0] <= 9999:
        raise ValueError(f"not YYYY-MM-DD, YYYY-MM or YYYY: {published!r}")
    return Anchor(parts[0])


def _num(s: str) -> int:
    s = s.strip()
    return int(s) if s.isdigit() else int(chinese(s))


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def year(y: int) -> DateValue:
    return DateValue(f"{y:04d}", f"{y:04d}-01-01", f"{y:04d}-12-31")


def month(y: int, m: int) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{_last_day(y, m):02d}")


def day(y: int, m: int, d: int) -> DateValue:
    iso = dt.date(y, m, d).isoformat()
    return DateValue(iso, iso, iso)


def months(y: int, m1: int, m2: int) -> DateValue:
    """Months m1..m2 of year y (m2 may exceed 12: winter runs into next year)."""
    y2, m2b = (y + 1, m2 - 12) if m2 > 12 else (y, m2)
    if (m1, m2) == (1, 6):
        value = f"{y:04d}-H1"
    elif (m1, m2) == (7, 12):
        value = f"{y:04d}-H2"
    else:
        value = f"{y:04d}-{m1:02d}/{y2:04d}-{m2b:02d}"
    return DateValue(value, f"{y:04d}-{m1:02d}-01", f"{y2:04d}-{m2b:02d}-{_last_day(y2, m2b):02d}")


def quarter(y: int, q: int) -> DateValue:
    m1 = 3 * q - 2
    return DateValue(f"{y:04d}-Q{q}", f"{y:04d}-{m1:02d}-01", f"{y:04d}-{m1 + 2:02d}-{_last_day(y, m1 + 2):02d}")


def days(a: dt.date, b: dt.date) -> DateValue:
    return DateValue(f"{a.isoformat()}/{b.isoformat()}", a.isoformat(), b.isoformat())


def month_part(y: int, m: int, part: str) -> DateValue:
    d1, d2 = _MONTH_PARTS[part]
    d2 = min(d2, _last_day(y, m))
    return days(dt.date(y, m, d1), dt.date(y, m, d2))


def _year_of_month(m: int, published: Anchor | None) -> int | None:
    """A month named without a year: this year, or last year if it is still to come."""
    if published is None or published.month is None:
        return None
    return published.year if m <= published.month else published.year - 1


_Args = TypeVarTuple("_Args")


def _safe(fn: Callable[[*_Args], DateValue], *args: *_Args) -> DateValue:
    try:
        return fn(*args)
    except (ValueError, NumeralError, OverflowError):
        return UNKNOWN


# ------------------------------------------------------------------- Chinese

#: 初 / 中 / 底 / 末 as part of a year or month, not 初步 or 2024年中国.
_PART = r"(?:初(?![步次衷心始])|中(?=[旬期]|[^\u4e00-\u9fff]|$)|底|末)"
#: A two-digit year of this century, as broker notes write it ('25年第三季度', '24年上半年',
#: '25年全年'): only before a quarter, a half, 全年, 年度 or a month, as '25年' alone is 25 years.
_YY = r"(?<![\d.])[12]\d(?=年(?:第?[一二三四1-4]季|[上下]半年|全年|度|[Qq][1-4]|\d{1,2}月))"
#: What an interim report is called after 中期 ('2025年中期业绩', '2026年中期报告', '中期分配'):
#: the report on the first half of the year (of the fiscal year, for a company whose year
#: is no calendar year: the label is the same, 'YYYY-H1'); '2025年中' alone is mid-2025.
_INTERIM = r"(?:业绩|报告|财报|分配|股息|派息|票息|业绩报告)"
#: The date alternatives of the master pattern (cleaned, simplified text).
ZH_DATE = (
    rf"(?P<y>(?:1[89]|20)\d\d|[〇零一二三四五六七八九]{{4}}|{_YY})[ \t]?(?P<yfy>财|会计)?年[ \t]?(?:度[ \t]?)?"
    rf"(?:(?P<ym>\d{{1,2}}|十[一二]?|[一二三四五六七八九])[ \t]?月[ \t]?(?:份[ \t]?)?"
    rf"(?:(?P<yd>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[ \t]?[日号]|(?P<ymp>{_PART})旬?)?"
    rf"|第?(?P<yq>[一二三四1-4])[ \t]?季度?|[Qq](?P<yq2>[1-4])(?![0-9])|[Hh](?P<yh2>[12])(?![0-9])"
    rf"|(?P<yh>[上下]半年)|(?P<yi>中期)(?={_INTERIM})|(?P<yp>{_PART}|[春夏秋冬](?:天|季)?))?"
    rf"|(?P<y2>(?:19|20)\d\d)[ \t]?(?P<yh3>[上下]半年)"
    rf"|(?P<md_m>\d{{1,2}}|十[一二]?|[一二三四五六七八九])[ \t]?月[ \t]?(?:份[ \t]?)?"
    rf"(?:(?P<md_d>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[ \t]?[日号]|(?P<md_p>{_PART})旬?)?"
    rf"|(?P<iso>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d)"
    rf"|(?P<rel>去年|今年|明年|前年)(?:(?P<rm>\d{{1,2}}|十[一二]?|[一二三四五六七八九])[ \t]?月[ \t]?(?:份[ \t]?)?"
    rf"(?:(?P<rd>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[ \t]?[日号]|(?P<rmp>{_PART})旬?)?"
    rf"|第?(?P<rq>[一二三四1-4])[ \t]?季度?|(?P<rh>[上下]半年)|年?(?P<rp>{_PART}|[春夏秋冬](?:天|季)?))?"
    rf"|(?P<week>上周|上星期|本周|这周|下周)(?P<wd>[一二三四五六日天](?![年月]))?"
    rf"|(?P<mon>上个?月|本月|这个月|下个?月)(?:[ \t]?月?(?P<monp>{_PART}))?"
    rf"|(?P<today>昨天|前天|昨日)"
)


def _group(g: Mapping[str, str | None], name: str) -> str:
    """A group that the matched alternative always has; NumeralError if it is missing."""
    value = g[name]
    if value is None:
        raise NumeralError(f"date group {name!r} did not match")
    return value


def zh_date(g: Mapping[str, str | None], published: Anchor | None) -> DateValue:
    """Resolve a match of :data:`ZH_DATE` (its groupdict) against the published anchor."""
    if y_text := g.get("y"):
        return _safe(_zh_year_date, y_text, g)
    if y2 := g.get("y2"):  # '2025上半年': a year written straight before its half
        return _safe(months, _num(y2), *_PARTS[_group(g, "yh3")])
    if iso := g.get("iso"):
        return _safe(day, int(iso), int(_group(g, "iso_m")), int(_group(g, "iso_d")))
    if md_m := g.get("md_m"):
        m = _num(md_m)
        y = _year_of_month(m, published)
        return UNKNOWN if y is None else _safe(_ymd, y, m, g.get("md_d"), g.get("md_p"))
    if published is None:
        return UNKNOWN
    if rel := g.get("rel"):
        return _safe(_zh_rel_year, rel, g, published)
    if (week := g.get("week")) and published.day:
        return _safe(_week, week, g.get("wd"), published.day)
    if (mon := g.get("mon")) and published.month:
        return _safe(_rel_month, mon, g.get("monp"), published.year, published.month)
    if (today := g.get("today")) and published.day:
        back = {"昨天": 1, "昨日": 1, "前天": 2}[today]
        d = published.day - dt.timedelta(days=back)
        return _safe(day, d.year, d.month, d.day)
    return UNKNOWN


def _ymd(y: int, m: int, d: str | None, part: str | None) -> DateValue:
    if d:
        return day(y, m, _num(d))
    if part:
        return month_part(y, m, part)
    return month(y, m)


def _zh_year_date(y_text: str, g: Mapping[str, str | None]) -> DateValue:
    y = _num(y_text)
    if y < 100:  # a two-digit year (_YY): this century's
        y += 2000
    half = g.get("yh") or ({"1": "上半年", "2": "下半年"}[yh2] if (yh2 := g.get("yh2")) else None) \
        or ("上半年" if g.get("yi") else None)
    return _in_year(y, g.get("ym"), g.get("yd"), g.get("ymp"), g.get("yq") or g.get("yq2"), half, g.get("yp"))


def _zh_rel_year(rel: str, g: Mapping[str, str | None], published: Anchor) -> DateValue:
    y = published.year + _REL_YEAR[rel]
    return _in_year(y, g.get("rm"), g.get("rd"), g.get("rmp"), g.get("rq"), g.get("rh"), g.get("rp"))


def _in_year(y: int, m: str | None, d: str | None, mpart: str | None, q: str | None, half: str | None,
             part: str | None) -> DateValue:
    if m:
        return _ymd(y, _num(m), d, mpart)
    if q:
        return quarter(y, _num(q))
    if half:
        return months(y, *_PARTS[half])
    if part:
        return months(y, *_PARTS[part[0]])
    return year(y)


def _week(word: str, wd: str | None, published: dt.date) -> DateValue:
    shift = {"上周": -1, "上星期": -1, "本周": 0, "这周": 0, "下周": 1}[word]
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
    if wd:
        d = monday + dt.timedelta(days=_WEEKDAYS.index(wd) if wd not in "日天" else 6)
        return day(d.year, d.month, d.day)
    return days(monday, monday + dt.timedelta(days=6))


def _rel_month(word: str, part: str | None, published_year: int, published_month: int) -> DateValue:
    shift = -1 if word.startswith("上") else (1 if word.startswith("下") else 0)
    y, m = divmod(published_year * 12 + published_month - 1 + shift, 12)
    return month_part(y, m + 1, part) if part else month(y, m + 1)


# ------------------------------------------------------------------- English

_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MON_FULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_MON_CAPITAL = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)"
)
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
EN_DATE = (
    # a tokenised layout spaces the abbreviation point and the comma: "dec . 12 , 1994"
    rf"(?i:(?P<en_m>{_MON})(?:[ \t]?\.)?[ \t](?:(?P<en_d>\d{{1,2}})(?:st|nd|rd|th)?(?:[ \t]?,)?[ \t])?"
    r"(?P<en_y>(?:19|20)\d\d)\b"
    rf"|(?P<en_d2>\d{{1,2}})[ \t](?P<en_m2>{_MON})\.?[ \t](?P<en_y2>(?:19|20)\d\d)\b"
    # "as of Sept. 30", "on Dec. 2": a capitalised month and a day, no year, no amount after
    rf"|(?-i:\b(?P<en_m4>{_MON_CAPITAL})\.?[ \t](?P<en_d4>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?)\b"
    r"(?![ \t]*,?[ \t]*(?:19|20)\d\d|[.,:]\d|[ \t]*(?:%|percent|per|billion|million|thousand|trillion|bn|m\b))"
    r"|\b(?P<en_q>q[1-4])[ \t](?:of[ \t])?(?P<en_qfy>fiscal[ \t]|fy[ \t]?)?(?P<en_qy>(?:19|20)\d\d)\b"
    r"|\b(?P<en_qw>first|second|third|fourth|1st|2nd|3rd|4th)[ \t-]quarter[ \t](?:of[ \t])?"
    r"(?P<en_qwfy>fiscal[ \t](?:year[ \t])?|fy[ \t]?)?(?P<en_qwy>(?:19|20)\d\d)\b"
    r"|\bfy[ \t]?'?(?P<en_fy>(?:19|20)?\d\d)\b"  # FY2024, FY26, FY'26
    # the compact labels of results and broker notes: 3Q25, 2025Q3, Q2FY26 / Q2 FY26, the second
    # quarter of FY26, 1-3Q25 (January to September), 1H25 / 1H2025, 2025H1, H1 FY26, 9M2025 / 9M25
    r"|\b(?:(?P<en_cq0>[1-4])[ \t]?[-‐‑–—~][ \t]?)?(?P<en_cq>[1-4])q[ \t]?(?P<en_cqy>(?:19|20)?\d\d)\b"
    r"|\b(?P<en_qy4>(?:19|20)\d\d)[ \t]?q(?P<en_qq>[1-4])\b"
    r"|\bq(?P<en_fq>[1-4])[ \t]?fy[ \t]?'?(?P<en_fqy>(?:19|20)?\d\d)\b"
    r"|\b(?P<en_qw2>first|second|third|fourth|1st|2nd|3rd|4th)[ \t-]quarter[ \t](?:of[ \t])?"
    r"(?:fiscal[ \t](?:year[ \t])?|fy[ \t]?)'?(?P<en_qw2y>\d\d)\b"
    r"|\b(?P<en_ch>[12])h[ \t]?(?:fy[ \t]?'?)?(?P<en_chy>(?:19|20)?\d\d)\b"
    r"|\bh(?P<en_fh>[12])[ \t]?fy[ \t]?'?(?P<en_fhy>(?:19|20)?\d\d)\b"
    r"|\b(?P<en_hy4>(?:19|20)\d\d)[ \t]?h(?P<en_hh>[12])\b"
    r"|(?<![$€£¥])\b9m[ \t]?(?P<en_nmy>(?:19|20)?\d\d)\b"  # never an amount: '$9m 25 days ago'
    r"|\b(?P<en_h>h[12])[ \t](?P<en_hy>(?:19|20)\d\d)\b"
    r"|\b(?P<en_hw>first|second)[ \t]half[ \t]of[ \t](?P<en_hwy>(?:19|20)\d\d)\b"
    r"|\b(?P<en_rel>last|this|next)[ \t](?P<en_relu>year|month|week)\b"
    rf"|\blast[ \t](?P<en_lm>{_MON_FULL})\b(?![ \t]\d)"
    r"|\b(?:in|since|by|until|of|for|from|through|during|before|after|fiscal|FY|calendar|its|their)[ \t]"
    r"(?P<en_year>(?:19|20)\d\d)\b(?![-,.]?\d|[ \t]?(?:percent|billion|million)|[ \t-]?(?:hundred|thousand|trillion)\b"
    r"|[ \t]?(?:q[1-4]|h[12])\b)"  # 'in 2025 Q3': the year opens a quarter's label
    r"|\b(?:in|since|by|until|from|through|during|before|after|early|late|mid)[ \t-]"
    rf"(?P<en_m3>{_MON_FULL})\b(?![ \t]\d))"
)


def _century(y: str) -> int:
    """A year written with two digits ('25' in 3Q25, FY26) is of this century."""
    return int(y) if len(y) == 4 else 2000 + int(y)


def en_date(g: Mapping[str, str | None], published: Anchor | None) -> DateValue:
    if month_name := g.get("en_m") or g.get("en_m2"):
        m = MONTHS_EN[month_name.lower().rstrip(".")[:3]]
        y = int(g.get("en_y") or _group(g, "en_y2"))
        d = g.get("en_d") or g.get("en_d2")
        return _safe(day, y, m, int(d)) if d else _safe(month, y, m)
    if month_name := g.get("en_m4"):  # "as of Sept. 30": this year, or last year if the month is to come
        m = MONTHS_EN[month_name.lower()[:3]]
        known_year = _year_of_month(m, published)
        return UNKNOWN if known_year is None else _safe(day, known_year, m, int(_group(g, "en_d4")))
    if g.get("en_q") or g.get("en_qw"):  # a fiscal quarter keeps its fiscal label: Q2 FY2026 is 2026-Q2
        y = int(g.get("en_qy") or _group(g, "en_qwy"))
        q = int(en_q[1]) if (en_q := g.get("en_q")) else _ORDINAL[_group(g, "en_qw").lower()]
        return _safe(quarter, y, q)
    if g.get("en_cq") or g.get("en_qy4") or g.get("en_fq") or g.get("en_qw2"):  # 3Q25, 2025Q3, Q2FY26
        fy = _century(g.get("en_cqy") or g.get("en_qy4") or g.get("en_fqy") or _group(g, "en_qw2y"))
        fq = int(g.get("en_cq") or g.get("en_qq") or g.get("en_fq") or _ORDINAL[_group(g, "en_qw2").lower()])
        if (first := g.get("en_cq0")) and int(first) < fq:  # 1-3Q25: the first three quarters
            return _safe(months, fy, 3 * int(first) - 2, 3 * fq)
        return _safe(quarter, fy, fq)
    if g.get("en_ch") or g.get("en_hy4") or g.get("en_fh"):  # 1H25, 2025H1, H1 FY26 (its fiscal label)
        y = _century(g.get("en_chy") or g.get("en_hy4") or _group(g, "en_fhy"))
        return months(y, *((1, 6) if (g.get("en_ch") or g.get("en_hh") or g.get("en_fh")) == "1" else (7, 12)))
    if g.get("en_nmy"):  # 9M2025: the nine months from January
        return months(_century(_group(g, "en_nmy")), 1, 9)
    if g.get("en_h") or g.get("en_hw"):
        h1 = (g.get("en_h") or "").lower() == "h1" or (g.get("en_hw") or "").lower() == "first"
        return months(int(g.get("en_hy") or _group(g, "en_hwy")), *((1, 6) if h1 else (7, 12)))
    if g.get("en_year") or g.get("en_fy"):  # FY2024 is labelled by its year (fiscal calendars differ), FY26 too
        return year(int(_group(g, "en_year")) if g.get("en_year") else _century(_group(g, "en_fy")))
    if en_m3 := g.get("en_m3"):  # "in January": this year, or last year if the month is still to come
        m = MONTHS_EN[en_m3.lower()[:3]]
        known_year = _year_of_month(m, published)
        return UNKNOWN if known_year is None else month(known_year, m)
    if en_lm := g.get("en_lm"):  # "last December": the latest such month before the published month
        m = MONTHS_EN[en_lm.lower()[:3]]
        if published is None or published.month is None:
            return UNKNOWN
        return month(published.year if m < published.month else published.year - 1, m)
    if (en_rel := g.get("en_rel")) and published is not None:
        shift = {"last": -1, "this": 0, "next": 1}[en_rel.lower()]
        unit = _group(g, "en_relu").lower()
        if unit == "year":
            return year(published.year + shift)
        if unit == "month" and published.month:
            return _rel_month({-1: "上月", 0: "本月", 1: "下月"}[shift], None, published.year, published.month)
        if unit == "week" and published.day:
            return _week({-1: "上周", 0: "本周", 1: "下周"}[shift], None, published.day)
    return UNKNOWN


_MON_KEYS = {k[:3]: v for k, v in MONTHS_EN.items()}
MONTHS_EN.update(_MON_KEYS)


# ------------------------------------------------------------------- year-less periods

#: Periods named without a year, which the mention finder leaves alone (they
#: are no date on their own): '第二季度', '二季度', '第二季', '上半年', '年底'
#: (cleaned, simplified text) and 'third-quarter', 'the second quarter', 'Q3',
#: 'first half' (lower-cased English).  Framing reads them as the period of
#: the amounts around them (:func:`bare_periods`).
BARE_PERIOD = (
    r"(?:(?<![年前财\d〇零一二三四五六七八九十])第[ \t]?(?P<zq>[一二三四1-4])[ \t]?季(?:度|(?!节))"
    r"|(?<![第前年财\d〇零一二三四五六七八九十])(?P<zq2>[一二三四1-4])[ \t]?季度"
    r"|(?<![年今去明前本每\d])(?P<zh>[上下])半年"
    r"|(?<![\d〇零一二三四五六七八九年今去明前本每历近多])年(?P<zp>底|末|初(?![步次]))(?!至今|以来)"
    r"|\b(?P<eq>first|second|third|fourth)[ \t-]quarter\b(?![ \t](?:of[ \t])?(?:fiscal[ \t]|fy)?(?:19|20)\d\d)"
    r"|\bq(?P<eq2>[1-4])\b(?![ \t](?:of[ \t])?(?:fiscal[ \t]|fy[ \t]?)?(?:19|20)\d\d)"
    r"|\b(?P<eh>first|second)[ \t-]half\b(?![ \t]of[ \t](?:19|20)\d\d))"
)
_BARE = re.compile(BARE_PERIOD)
#: where a year-less period can open: a character its Chinese forms open with, or an English
#: word of them (letters only, so no other opening hides inside one)
_BARE_OPENS = re.compile(r"[第一二三四1-4上下年]|\b(?:first|second|third|fourth|q)")


def _finditer_from(rx: re.Pattern[str], opens: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern that can match only where ``opens`` matches (one
    character, or a word of letters) and never matches the empty string: ``rx.match`` tried at
    those places alone.  ``rx``'s alternatives open with lookbehinds, so ``re`` would try all of
    them at every character of the text; ``opens`` is a class it scans for fast."""
    pos = 0
    for o in opens.finditer(text):
        at = o.start()
        if at >= pos and (m := rx.match(text, at)) is not None:
            yield m
            pos = m.end()


@dataclass(frozen=True)
class BarePeriod:
    """A year-less period at ``start:end``: its value in the published year,
    and whether it had begun by the published date (if not, an account of
    what happened means the previous year's: '第四季度营收' told in May)."""

    start: int
    end: int
    value: str
    begun: bool
    quarter: bool = False  # a quarter: in an article on a fiscal year it is labelled by that year


def year_before(period: str) -> str:
    """'2026' -> '2025', '2025-Q1' -> '2024-Q1', '2025-11/2025-12' -> '2024-11/2024-12'."""
    return "/".join(str(int(p[:4]) - 1) + p[4:] if p[:4].isdigit() else p for p in period.split("/"))


def bare_periods(text: str, published: Anchor | dt.date | str | None) -> list[BarePeriod]:
    """Every year-less period of ``text`` (cleaned, lower-cased), resolved
    against the published date; none when the published year is unknown."""
    pub = anchor(published) if published else None
    if pub is None:
        return []
    out = []
    for m in _finditer_from(_BARE, _BARE_OPENS, text):
        g = m.groupdict()
        q = g["zq"] or g["zq2"] or g["eq2"] or (str(_ORDINAL[g["eq"]]) if g["eq"] else None)
        if q:
            value, first = quarter(pub.year, _num(q)), 3 * _num(q) - 2
        elif g["zh"] or g["eh"]:
            h = "上半年" if (g["zh"] == "上" or g["eh"] == "first") else "下半年"
            value, first = months(pub.year, *_PARTS[h]), _PARTS[h][0]
        else:
            value, first = months(pub.year, *_PARTS[g["zp"]]), _PARTS[g["zp"]][0]
        begun = pub.month is None or first <= pub.month
        out.append(BarePeriod(m.start(), m.end(), value.value or "", begun, quarter=bool(q)))
    return out


# ------------------------------------------------------------------- days without a month

#: A day said by its weekday or its day of the month alone, as news tells the day a share
#: moved: 周一 / 星期二 / 週三 (simplified: 周), 'on Tuesday', 'Monday's', '3日', '(17 日)',
#: '二十八日' (cleaned text, lower-cased English).  Not 周一至周五-style ranges' ends,
#: nor '3日内' (within three days), '30日均线' (a moving average), '7日年化'.
DAY_WORD = (
    r"(?:(?<![上下本这每])(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])(?![至到\-~])"
    r"|\b(?P<ewd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!s\b)(?![ \t]*(?:to|through)\b)"
    r"|(?<![\d年月.])(?P<dom>[1-9]|[12]\d|3[01]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
    r"[ \t]?日(?![内均线后前起间以来元年化])(?!\d))"
)
_DAY_WORD = re.compile(DAY_WORD)
#: where a day word can open (:func:`_finditer_from`)
_DAY_OPENS = re.compile(r"[周星礼1-9一二三四五六七八九十]|\b(?:mon|tue|wed|thu|fri|sat|sun)")
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class DayWord:
    """A weekday or a day of the month at ``start:end``, read as the latest such day
    on or before the published day (news tells what has happened)."""

    start: int
    end: int
    value: str


def day_words(text: str, published: Anchor | dt.date | str | None) -> list[DayWord]:
    """Every weekday and month-less day of ``text`` (cleaned, lower-cased), as the
    latest such day on or before the published day: '周一' in an article of
    Wednesday 2025-10-29 is 2025-10-27, '3日' in one of 2025-11-04 is 2025-11-03,
    '30日' in one of 2025-12-02 is 2025-11-30.  A month-day said with its month
    (11月3日) is a date of the master pattern, not one of these.  None without a
    published day."""
    pub = anchor(published) if published else None
    if pub is None or pub.day is None:
        return []
    out = []
    for m in _finditer_from(_DAY_WORD, _DAY_OPENS, text):
        d = _day_word(m, pub.day)
        if d is not None:
            out.append(DayWord(m.start(), m.end(), d.isoformat()))
    return out


def _day_word(m: re.Match[str], published: dt.date) -> dt.date | None:
    if wd := m.group("wd"):
        weekday = 6 if wd in "日天" else _WEEKDAYS.index(wd)
    elif ewd := m.group("ewd"):
        weekday = _EN_WEEKDAYS.index(ewd)
    else:
        try:
            n = _num(m.group("dom"))
        except NumeralError:
            return None
        y, mo = published.year, published.month
        for _ in range(3):  # this month, else the month before (a day still to come, or none such: 31日)
            if n <= _last_day(y, mo) and dt.date(y, mo, n) <= published:
                return dt.date(y, mo, n)
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        return None
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)

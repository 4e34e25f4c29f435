"""The reviewed ledger (claims.csv) and the sources table, checked row by row
against the articles themselves.

Expected values are worked out by hand from the article text (arithmetic in
the comments), never copied from a program's output.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import re
import tomllib

import pytest

from ledger.record import COLUMNS, KINDS, MODALITIES, QUALIFIERS, STATUSES, claim_id, metrics
from ledger.sources import detect_script, load_sources, parse_published
from ledger.textio import read_text, sha256_of
from ledger.units import DIMENSION_UNITS, LEDGER_UNITS
from tests.conftest import ROOT, SEEDS

CLAIMS = ROOT / "claims.csv"
ENTITIES = ROOT / "ledger" / "lexicon" / "entities.toml"


def _rows() -> list[dict[str, str]]:
    with open(CLAIMS, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()
SOURCES = {r["id"]: r for r in csv.DictReader((SEEDS / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True))}
ARTICLES = {sid: read_text(SEEDS / r["file"]) for sid, r in SOURCES.items()}


def _ids(row: dict[str, str]) -> str:
    return f"{row['source'][:3]}:{row['start']}:{row['surface']}"


def _num(cell: str) -> float | None:
    return None if cell == "" else float(cell)


def _find(source: str, surface: str, nth: int = 0) -> dict[str, str]:
    hits = [r for r in ROWS if r["source"].startswith(source) and r["surface"] == surface]
    return hits[nth]


# --------------------------------------------------------------------------- the file itself


def test_header_is_the_record_columns_in_order():
    with open(CLAIMS, encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == list(COLUMNS)


def test_file_is_utf8_lf_without_bom():
    raw = CLAIMS.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in raw
    raw.decode("utf-8")


def test_rows_sorted_by_source_then_start_and_ids_unique():
    keys = [(r["source"], int(r["start"])) for r in ROWS]
    assert keys == sorted(keys)
    ids = [r["claim_id"] for r in ROWS]
    assert len(ids) == len(set(ids))


def test_every_seed_has_claims():
    assert {r["source"] for r in ROWS} == set(SOURCES)


# --------------------------------------------------------------------------- each row against its article


@pytest.mark.parametrize("row", ROWS, ids=_ids)
def test_span_surface_quote_and_id(row):
    text = ARTICLES[row["source"]]
    start, end = int(row["start"]), int(row["end"])
    assert text[start:end] == row["surface"]
    assert row["surface"] in row["quote"]
    # the quote occurs in the article around the span itself, not just anywhere
    around = [m.start() for m in re.finditer(re.escape(row["quote"]), text)]
    assert any(q <= start and end <= q + len(row["quote"]) for q in around)
    assert row["claim_id"] == claim_id(row["source"], start, end, row["surface"])


@pytest.mark.parametrize("row", ROWS, ids=_ids)
def test_vocabularies(row):
    assert row["kind"] in KINDS
    assert row["modality"] in MODALITIES
    assert row["qualifier"] in QUALIFIERS
    assert row["status"] in STATUSES
    assert row["metric"] in metrics()
    assert row["unit"] in LEDGER_UNITS
    assert row["origin"] == "manual" and row["reviewer"] == "ledger-team"
    assert row["confidence"] == "" and row["confidence_detail"] == ""
    if row["status"] == "disputed":
        assert row["note"], "a disputed row says why"


_ENTITIES = set(tomllib.loads(ENTITIES.read_text(encoding="utf-8")))


@pytest.mark.parametrize("row", ROWS, ids=_ids)
def test_subject_and_object_are_canonical_entities(row):
    assert row["subject"] in _ENTITIES
    assert row["object"] == "" or row["object"] in _ENTITIES
    assert row["subject"] != row["object"]


_KIND_DIMENSION = {
    "money": "money", "percent": "ratio", "percentage_point": "ratio", "multiple": "times",
    "count": "count", "duration": "duration", "date": "date",
}


@pytest.mark.parametrize("row", ROWS, ids=_ids)
def test_unit_agrees_with_kind_and_metric(row):
    dim = metrics()[row["metric"]]["dimension"]
    assert _KIND_DIMENSION[row["kind"]] == dim
    assert row["unit"] in DIMENSION_UNITS[dim]


@pytest.mark.parametrize("row", ROWS, ids=_ids)
def test_values_follow_the_qualifier(row):
    v, lo, hi = (_num(row[c]) for c in ("value", "value_low", "value_high"))
    q = row["qualifier"]
    if row["kind"] == "date":
        assert v is lo is hi is None
        # the period interval carries a vague date (年底 = Nov-Dec); only 直至/前 (up_to) and 后 (over) qualify it
        assert q in ("exact", "up_to", "over")
        return
    assert v is not None
    assert (lo is None or lo <= v) and (hi is None or v <= hi)
    if q == "exact":
        assert lo == v == hi
    elif q == "about":  # the ±10% convention for 约/約 (ledger.numbers uses the same)
        assert math.isclose(lo, v * 0.9) and math.isclose(hi, v * 1.1)
    elif q in ("over", "at_least"):
        assert lo == v and hi is None
    elif q == "under":
        assert hi == v and lo is None
    elif q == "up_to":
        assert hi == v
    else:  # several / range / approx_range: both bounds written
        assert lo is not None and hi is not None and lo < hi
    if row["unit"] == "ratio" and row["metric"] != "revenue_growth":
        assert 0 <= v <= 1


# --------------------------------------------------------------------------- periods and relative dates

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?")


def _period_days(p: str) -> tuple[dt.date, dt.date]:
    if "/" in p:
        a, b = p.split("/")
        return _period_days(a)[0], _period_days(b)[1]
    m = _PERIOD.fullmatch(p)
    assert m, p
    y = int(m.group(1))
    if m.group(4):
        q = int(m.group(4))
        return dt.date(y, 3 * q - 2, 1), _period_days(f"{y}-{3 * q:02d}")[1]
    if m.group(5):
        h = int(m.group(5))
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    return parse_published(p)


@pytest.mark.parametrize("row", [r for r in ROWS if r["period"]], ids=_ids)
def test_period_parses_and_is_ordered(row):
    first, last = _period_days(row["period"])
    assert first <= last


@pytest.mark.parametrize("row", [r for r in ROWS if r["kind"] == "date"], ids=_ids)
def test_date_rows_resolve_against_the_published_date(row):
    """A date with no year of its own takes the year from the source's
    published date (去年 = one year back); 上個月 / 本月 the month."""
    published = SOURCES[row["source"]]["published"]
    py, pm = int(published[:4]), int(published[5:7])
    surface = row["surface"]
    first, last = _period_days(row["period"])
    if re.search(r"\d{4}", surface):
        assert str(first.year) in surface
        return
    if "上個(gè)月" in surface or "上个月" in surface:
        expect = (py, pm - 1) if pm > 1 else (py - 1, 12)
        assert (first.year, first.month) == expect == (last.year, last.month)
        return
    if "本月" in surface:
        assert (first.year, first.month) == (py, pm) == (last.year, last.month)
        return
    year = py - 1 if "去年" in surface else py
    assert first.year == year == last.year
    month = re.search(r"(\d{1,2})(?:\s| )*月", surface)
    if month:
        assert first.month == int(month.group(1))


def test_relative_year_end_uses_nov_dec():
    # 000 (2026-02): 2023年底 -> 2023-11/2023-12; 004 (2025-05): 去年底 -> 2024-11/2024-12
    assert _find("000", "2023年底")["period"] == "2023-11/2023-12"
    assert {r["period"] for r in ROWS if r["source"].startswith("004") and r["surface"] == "去年底"} == {"2024-11/2024-12"}
    # 003 (2025-05-05): 去年12月底 -> 2024-12-21/2024-12-31 (月底 = day 21 to month end)
    assert _find("003", "去年12月底")["period"] == "2024-12-21/2024-12-31"


# --------------------------------------------------------------------------- key values by hand


@pytest.mark.parametrize(
    "source, surface, nth, value, unit",
    [
        ("000", "1.4萬(wàn)億美元", 0, 1.4e12, "USD"),    # 1.4 × 萬億 (10^12)
        ("000", "130億美元", 0, 13_000_000_000, "USD"),    # 130 × 億 (10^8)
        ("000", "約27%", 0, 0.27, "ratio"),
        ("000", "約1350億美元", 0, 135_000_000_000, "USD"),
        ("000", "100倍", 0, 100, "times"),
        ("001", "119亿美元", 0, 11_900_000_000, "USD"),
        ("001", "约3.5亿美元", 0, 350_000_000, "USD"),
        ("001", "8.63亿美元", 0, 863_000_000, "USD"),
        ("001", "超过700%", 0, 7.0, "ratio"),                    # growth of 700% = 7.0 as a fraction
        ("001", "49%", 0, 0.49, "ratio"),
        ("001", "75%", 0, 0.75, "ratio"),
        ("001", "3万亿美元", 1, 3e12, "USD"),                # 3 × 万亿
        ("001", "五年", 0, 5, "year"),
        ("002", "3500万美元", 0, 35_000_000, "USD"),         # 3500 × 万 (10^4)
        ("002", "1750 亿", 0, 175_000_000_000, "count"),
        ("002", "20%", 1, 0.2, "ratio"),
        ("003", "5000亿美元", 0, 500_000_000_000, "USD"),
        ("003", "三个", 0, 3, "count"),
    ],
)
def test_key_values(source, surface, nth, value, unit):
    row = _find(source, surface, nth)
    assert math.isclose(float(row["value"]), value) and row["unit"] == unit


def test_hedges_become_bounds():
    over = _find("001", "超过350亿美元")          # 估值目标超过350亿美元: open above
    assert (over["qualifier"], over["value_low"], over["value_high"]) == ("over", "35000000000", "")
    about = _find("000", "約1350億美元")          # 約1350億: ±10% -> [1215億, 1485億]
    assert float(about["value_low"]) == pytest.approx(121_500_000_000) and float(about["value_high"]) == pytest.approx(148_500_000_000)
    several = _find("003", "数十亿美金")           # 数十亿 = 2..9 × 十亿, value the midpoint 5.5 × 十亿
    assert (float(several["value_low"]), float(several["value"]), float(several["value_high"])) == (2e9, 5.5e9, 9e9)
    emphasis = _find("000", "1.4萬(wàn)億美元")     # 高達 is emphasis, not a bound
    assert emphasis["qualifier"] == "exact" and emphasis["value_low"] == emphasis["value_high"] == "1400000000000"
    under = _find("001", "3万亿美元", 1)           # 跌下3万亿: below
    assert (under["qualifier"], under["value_low"]) == ("under", "")


# --------------------------------------------------------------------------- what the cross-check needs


def _key(subject, obj, metric):
    return [r for r in ROWS if (r["subject"], r["object"], r["metric"]) == (subject, obj, metric)]


def test_microsoft_stake_rows_tell_before_after_and_proposal():
    # 000 (2026-02) "已對應約27%的股權" after "去年10月宣布的重組協議" -> 2025-10; 001 (2025-03)
    # "持有49% 的股权", present tense -> published 2025-03; 002 "曾提出...以换取重组后约33%的股权比例":
    # a proposal with no date of its own.
    stakes = {(r["source"][:3], float(r["value"]), r["period"], r["modality"]) for r in _key("Microsoft", "OpenAI", "equity_stake")}
    assert stakes == {("000", 0.27, "2025-10", "actual"), ("001", 0.49, "2025-03", "actual"), ("002", 0.33, "", "proposed")}


def test_altman_firing_dates_disagree():
    # Altman was fired on 17 November 2023: 000 "2023年底" (Nov-Dec 2023) holds it -> confirmed;
    # 001 "2023年10月" ends on 31 October and 004 "去年底" (published 2025-05 -> Nov-Dec 2024) is a
    # year late -> both disputed.
    rows = _key("Sam Altman", "OpenAI", "dismissal_date")
    by = {(r["source"][:3], r["period"], r["status"]) for r in rows}
    assert by == {("000", "2023-11/2023-12", "confirmed"), ("001", "2023-10", "disputed"), ("004", "2024-11/2024-12", "disputed")}


def test_same_amount_different_subjects_stay_apart():
    # 6.5亿美元: Google for DeepMind (001) vs Microsoft for Inflection (003)
    pairs = {(r["source"][:3], r["subject"], r["object"]) for r in ROWS if r["metric"] == "acquisition_price"}
    assert pairs == {("001", "Google", "DeepMind"), ("003", "Microsoft", "Inflection")}
    # 1000亿美元: Nvidia's non-binding pledge (000) vs Stargate (001)
    assert _find("000", "1000億美元")["subject"] == "Nvidia" and _find("000", "1000億美元")["modality"] == "non_binding"
    assert _find("001", "1000亿美元")["subject"] == "Stargate"
    assert {float(r["value"]) for r in _key("Stargate", "", "infrastructure_investment")} == {1e11, 5e11}


def test_revenue_share_and_profit_share_are_different_metrics():
    # 002 "可获得OpenAI 20%的营收分成" (revenue); 001 "拿到75%的利润分成直到收回投资" (profit)
    assert _find("002", "20%")["metric"] == "revenue_share"
    assert _find("001", "75%")["metric"] == "profit_share"


def test_arithmetic_between_rows_holds():
    stake, value, put_in = (float(_find("000", s)["value"]) for s in ("約27%", "約1350億美元", "130億美元"))
    # 1350亿 / 27% = 5000亿: OpenAI's implied valuation ($500B)
    assert value / stake == pytest.approx(5e11)
    # 1350亿 / 130亿 = 10.4 > 10 ("超過原始投入的10倍")
    assert value / put_in > float(_find("000", "10倍")["value_low"])
    # 1.4萬億 / 100 = 140亿: the implied 2025 revenue
    assert float(_find("000", "1.4萬(wàn)億美元")["value"]) / float(_find("000", "100倍")["value"]) == pytest.approx(1.4e10)
    # 8倍 growth is +700%: 8 - 1 = 7.0
    assert float(_find("001", "8倍")["value"]) - 1 == float(_find("001", "超过700%")["value"])
    # 119亿 lies in the 百亿 class
    order = _find("001", "百亿美元")
    assert float(order["value_low"]) <= float(_find("001", "119亿美元")["value"]) < float(order["value_high"])


# --------------------------------------------------------------------------- nothing missed

#: Arabic-digit numbers that are deliberately not claims, with the text that
#: holds them.  Every other digit in an article lies inside a claim's span.
NOT_CLAIMS = {
    "000": ["GPT-5模型", "預(yù)計(jì)2025年收入",  # model name; the period of the 100倍 row
            "\n856\n"],  # page counter
    "001": ["H100/H200", "2024年营收", "较之2023年", "o1", "o3-mini", "GPT-3.5",
            "2024年6月",  # date of Joe Tsai's remark: a quote, not a financial claim
            "进入到2025年", "2月底更是", "预计2025年", "转载1次"],
    "002": ["GPT-2", "GPT-3", "2022年其收入", "达成2024年", "Phi-4"],
    "003": ["2025-05-05 23:55",  # the publication stamp (sources.csv)
            "(图1)", "(图2)", "(图3)", "(图4)", "AI 2.0", "o3事后", "4o模型", "GPT-4",
            "2月的一个热门博客"],  # date of Nadella's remark
    "004": ["GPT-4"],
}


@pytest.mark.parametrize("source", sorted(SOURCES), ids=lambda s: s[:3])
def test_every_digit_is_a_claim_or_listed_as_not_one(source):
    text = ARTICLES[source]
    spans = [(int(r["start"]), int(r["end"])) for r in ROWS if r["source"] == source]
    for snippet in NOT_CLAIMS[source[:3]]:
        assert snippet in text, snippet
        for m in re.finditer(re.escape(snippet), text):
            spans.append((m.start(), m.end()))
    missed = [
        text[max(0, m.start() - 6): m.end() + 6]
        for m in re.finditer(r"\d+(?:\.\d+)?", text)
        if not any(s <= m.start() and m.end() <= e for s, e in spans)
    ]
    assert missed == []


# --------------------------------------------------------------------------- sources.csv


def test_sources_table_loads_and_matches_the_files():
    frame = load_sources(SEEDS / "sources.csv", check_files=True)
    assert list(frame["id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("sid", sorted(SOURCES), ids=lambda s: s[:3])
def test_source_row_facts(sid):
    row = SOURCES[sid]
    path = SEEDS / row["file"]
    assert row["sha256"] == sha256_of(path)
    assert row["script"] == detect_script(ARTICLES[sid])
    parse_published(row["published"])
    assert row["published_basis"] in ("stated", "inferred")
    assert row["published_evidence"]


def test_published_dates():
    got = {sid[:3]: (r["published"], r["published_basis"]) for sid, r in SOURCES.items()}
    assert got == {
        "000": ("2026-02", "inferred"),     # 去年10月 restructuring (2025-10); 上個月 Claude Cowork (2026-01)
        "001": ("2025-03", "inferred"),     # 今年4月4日 = 50th anniversary (1975+50); after 3月11日
        "002": ("2025-06", "inferred"),     # the WSJ report of 2025-06 on the antitrust 'nuclear option'
        "003": ("2025-05-05", "stated"),    # '2025-05-05 23:55'
        "004": ("2025-05", "inferred"),     # quotes 003's headline as 近期
    }
    assert "2025-05-05 23:55" in ARTICLES[next(s for s in SOURCES if s.startswith("003"))]
    assert {SOURCES[s]["publisher"] for s in SOURCES if s[:3] in ("001", "002")} == {"虎嗅网", "未央网"}

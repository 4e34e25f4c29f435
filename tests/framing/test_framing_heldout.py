"""Framing on held-out articles it was not tuned on (tests/data/heldout/).

The expected claims are in tests/data/heldout/expected.csv, worked out by hand
from each article (see bench/heldout.py for the figures).  Values: $46.7
billion = 4.67e10; 年增26.9% = 0.269; 兩成 = 2/10 = 0.2; 逾三成 = more than
3/10 = 0.3; 1,650億 = 1650 * 10^8 = 1.65e11.  A row with an empty metric is a
number that must not become a claim ('plus or minus 2%': a tolerance on the
forecast before it).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ledger.framing import frame_text
from ledger.sources import infer_published
from ledger.textio import read_text

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"
with open(HELDOUT / "expected.csv", encoding="utf-8", newline="") as _fh:
    EXPECTED = list(csv.DictReader(_fh))

#: (file, surface) -> why framing still gets a field wrong (strict xfails: a fix shows up); none left
KNOWN_MISSES: dict[tuple[str, str], str] = {}

#: Rows whose period the article's own words give (year-back, 'since', a date of the sentence).
PERIODS = [
    ("nvidia_unseen_en.txt", "$30.0 billion"),  # fiscal 2026 quarter, 'a year earlier' -> 2025
    ("broadcom_en.txt", "$600 billion"),  # 'up from $600 billion a year ago' after 'is worth' (2025-06-13)
    ("xiaomi_hans.txt", "889亿元"),  # 去年同期 of 2025年第二季度 -> 2024-Q2
    ("nvidia_unseen_en.txt", "tenfold"),  # since 2022, to publication
    ("byd_hans.txt", "7771亿元"),  # 比亚迪2024年: the 比 of 比亚迪 is no comparison base
    ("broadcom_en.txt", "$60 billion"),  # in 2027
    ("databricks_en.txt", "50%"),
    ("tsmc_unseen_hant.txt", "1,650億美元"),  # no date: the total of a plan
    ("xiaomi_hans.txt", "约25%"),  # 全年, no date in reach: the published year
    ("netflix_en.txt", "$45 billion"),  # full-year
    ("tsmc_unseen_hant.txt", "逾三成"),  # 今年全年 -> 2025  # growth 'from a year earlier' keeps the sentence's 2025
    ("tsmc_unseen_hant.txt", "約兩成"),  # 佔...營收比重: present tense, the published date
    # quarters and periods carried from context (expected rows worked out by hand in expected.csv)
    ("apple_en.txt", "$95.4 billion"),  # 'the first quarter of 2025' -> 2025-Q1, not the bare 2025
    ("apple_en.txt", "$90.8 billion"),  # the same quarter a year earlier -> 2024-Q1
    ("apple_en.txt", "$26.6 billion"),  # no date of its own: carries the quarter of the results before it
    ("tencent_hans.txt", "1800亿元"),  # 第一季度 with no year: the published year's quarter
    ("mediatek_hant.txt", "新台幣1,273億元"),  # 去年同期 of 第二季 -> 2024-Q2
    ("mediatek_hant.txt", "新台幣300億元"),  # not a results figure: nothing carried, no period
    ("uber_en.txt", "about 17%"),  # its own 'third quarter' -> 2025-Q3, not the Q2 before it
    ("asus_hant.txt", "約新台幣3,400億元"),  # 上半年 with no year -> 2025-H1
]

_CACHE: dict[str, tuple[str, list[dict]]] = {}


def _claims(name: str) -> tuple[str, list[dict]]:
    if name not in _CACHE:
        text = read_text(HELDOUT / name)
        stamp = infer_published(text)
        _CACHE[name] = text, frame_text(text, source=Path(name).stem, published=stamp[0] if stamp else "")
    return _CACHE[name]


def _at(name: str, surface: str) -> dict | None:
    text, rows = _claims(name)
    start = text.find(surface)
    assert start >= 0, surface
    end = start + len(surface)
    return next((r for r in rows if r["start"] < end and start < r["end"]), None)


def _params():
    for e in EXPECTED:
        why = KNOWN_MISSES.get((e["file"], e["surface"]))
        marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
        yield pytest.param(e, id=f"{e['file']}:{e['surface']}", marks=marks)


def test_heldout_set_mixes_scripts_and_has_enough_articles():
    files = {e["file"] for e in EXPECTED}
    assert len(files) >= 10
    assert {f.rsplit("_", 1)[1] for f in files} >= {"en.txt", "hans.txt", "hant.txt"}


@pytest.mark.parametrize("want", list(_params()))
def test_heldout_claim(want):
    got = _at(want["file"], want["surface"])
    if not want["metric"]:
        assert got is None, f"not a claim, yet extracted as {got and got['metric']}"
        return
    assert got is not None, "not extracted"
    fields = ("subject", "object", "metric", "modality")
    assert {f: got[f] for f in fields} == {f: want[f] for f in fields}
    assert got["value"] == pytest.approx(float(want["value"]))


@pytest.mark.parametrize(("name", "surface"), PERIODS)
def test_heldout_period_from_the_text(name, surface):
    (want,) = [e for e in EXPECTED if (e["file"], e["surface"]) == (name, surface)]
    assert _at(name, surface)["period"] == want["period"]


def test_a_percent_without_a_cue_is_neutral_and_unsure():
    from ledger.framing import frame_text

    rows = frame_text("Apple said the figure was 12%.\n", source="x")
    # no stake word (stake, 持股, 股份...): not an equity stake, and the lowest confidence
    assert [(r["metric"], r["confidence"]) for r in rows if r["surface"] == "12%"] == [("unspecified_ratio", 0.2)]

"""The sources table: load_sources, source_record, register_sources."""
from __future__ import annotations

import csv
import hashlib
import shutil

import pytest

from ledger.errors import InputUnreadable, InvalidValue, LedgerInvalid
from ledger.sources import (
    SOURCE_COLUMNS,
    infer_published,
    infer_publisher,
    load_sources,
    parse_published,
    register_sources,
    source_record,
)
from tests.conftest import SEEDS

HEADER = ",".join(SOURCE_COLUMNS) + "\n"
GOOD = "a1,a1.txt,Title,,2025-05-05,stated,stamp,zh-Hans," + "0" * 64 + "\n"


def _write(tmp_path, text: str, name="sources.csv"):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


def test_good_table_loads_as_strings(tmp_path):
    frame = load_sources(_write(tmp_path, HEADER + GOOD))
    assert list(frame.columns) == list(SOURCE_COLUMNS)
    assert frame.loc[0, "published"] == "2025-05-05"
    assert str(frame["published"].dtype) == "string"


@pytest.mark.parametrize(
    "row, line, column, code",
    [
        # published is the 5th column
        ("a1,a1.txt,T,,2025-13,stated,stamp,zh-Hans," + "0" * 64, 2, 5, "source-published"),
        ("a1,a1.txt,T,,2025-02-30,stated,stamp,zh-Hans," + "0" * 64, 2, 5, "source-published"),
        ("a1,a1.txt,T,,,inferred,why,zh-Hans," + "0" * 64, 2, 5, "source-published"),
        ("a1,a1.txt,T,,2025,guessed,why,zh-Hans," + "0" * 64, 2, 6, "source-basis"),
        ("a1,a1.txt,T,,2025,inferred,,zh-Hans," + "0" * 64, 2, 7, "source-evidence"),
        ("a1,a1.txt,T,,2025,stated,x,zh-CN," + "0" * 64, 2, 8, "source-script"),
        ("a1,a1.txt,T,,2025,stated,x,zh-Hans,abc", 2, 9, "source-sha256"),
        ("a 1,a1.txt,T,,2025,stated,x,zh-Hans," + "0" * 64, 2, 1, "source-id"),
        # one field short: reported on the last field present, as for claims.csv
        ("a1,a1.txt,T,,2025,stated,x,zh-Hans", 2, 8, "field-count"),
    ],
)
def test_bad_rows_name_line_and_column(tmp_path, row, line, column, code):
    p = _write(tmp_path, HEADER + row + "\n")
    with pytest.raises(LedgerInvalid) as info:
        load_sources(p)
    (err,) = info.value.problems
    assert (err.line, err.column, err.code) == (line, column, code)
    assert str(err).startswith(f"{p}:{line}:{column}: ")


def test_every_bad_cell_is_reported_at_once(tmp_path):
    """One table, one reader, one error model: all problems, not the first."""
    rows = ("a1,a1.txt,T,,2025-13,stated,x,zh-CN," + "0" * 64 + "\n"   # published (5) and script (8)
            "a 2,a2.txt,T,,2025,guessed,x,zh-Hans,abc\n")               # id (1), basis (6), sha256 (9)
    with pytest.raises(LedgerInvalid) as info:
        load_sources(_write(tmp_path, HEADER + rows))
    assert [(p.line, p.column, p.code) for p in info.value.problems] == [
        (2, 5, "source-published"), (2, 8, "source-script"),
        (3, 1, "source-id"), (3, 6, "source-basis"), (3, 9, "source-sha256"),
    ]


def test_line_numbers_count_quoted_newlines(tmp_path):
    # the first record spans lines 2-3 (a newline inside a quoted title); the bad one is on line 4
    first = 'a1,a1.txt,"two\nlines",,2025,stated,x,zh-Hans,' + "0" * 64 + "\n"
    bad = "a2,a2.txt,T,,2025-00,stated,x,zh-Hans," + "0" * 64 + "\n"
    with pytest.raises(LedgerInvalid) as info:
        load_sources(_write(tmp_path, HEADER + first + bad))
    assert [(p.line, p.column) for p in info.value.problems] == [(4, 5)]


def test_duplicate_id(tmp_path):
    with pytest.raises(LedgerInvalid) as info:
        load_sources(_write(tmp_path, HEADER + GOOD + GOOD))
    assert [(p.line, p.code) for p in info.value.problems] == [(3, "duplicate-id")]


def test_wrong_header_and_empty_file_are_unreadable(tmp_path):
    with pytest.raises(InputUnreadable) as info:
        load_sources(_write(tmp_path, "name,path\n"))
    assert (info.value.line, info.value.code) == (1, "header")
    with pytest.raises(InputUnreadable):
        load_sources(_write(tmp_path, ""))


def test_a_header_missing_columns_names_each(tmp_path):
    with pytest.raises(LedgerInvalid) as info:
        load_sources(_write(tmp_path, "id,file\na1,a1.txt\n"))
    missing = [p.reason for p in info.value.problems if p.code == "missing-column"]
    assert missing == [f"required column '{c}' missing" for c in SOURCE_COLUMNS[2:]]


def test_a_semicolon_separated_table_is_named_so(tmp_path):
    with pytest.raises(InputUnreadable) as info:
        load_sources(_write(tmp_path, HEADER.replace(",", ";")))
    assert "separated by semicolons" in info.value.reason


def test_gbk_file_is_refused_with_its_encoding_named(tmp_path):
    p = tmp_path / "sources.csv"
    p.write_bytes((HEADER + "a1,a1.txt,微软投资,,2025,stated,x,zh-Hans," + "0" * 64 + "\n").encode("gbk"))
    with pytest.raises(InputUnreadable) as info:
        load_sources(p)
    assert "GB18030" in str(info.value) and info.value.line == 2


def test_check_files_catches_a_changed_article(tmp_path):
    art = tmp_path / "a1.txt"
    art.write_text("微软", encoding="utf-8")
    p = _write(tmp_path, HEADER + GOOD)  # sha256 000...0 is not the file's
    with pytest.raises(LedgerInvalid) as info:
        load_sources(p, check_files=True)
    assert [(e.line, e.column, e.code) for e in info.value.problems] == [(2, 9, "sha256-mismatch")]


def test_parse_published():
    import datetime as dt

    assert parse_published("2025-02") == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert parse_published("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    with pytest.raises(ValueError):
        parse_published("2025/05/05")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标题\n\n  公司新闻     |      2025-05-05 23:55\n正文", "2025-05-05"),
        ("标题\n2025年5月5日 来源:某网\n", "2025-05-05"),
        ("标题\n3月 11 日,OpenAI宣布\n", None),          # no year: not a stamp
        ("标题\n2019 年,当微软宣布\n", None),             # a year alone is not a stamp
        ("标题\n2025-02-30\n", None),                     # not a real day
        # an 'as of' date inside a sentence is no date stamp: the article is not of that day
        ("波司登11月27日晚间发布了截至2025年9月30日止六个月的中期业绩。\n", None),
        ("财报显示,截至2025年6月30日的六个月内,公司期内利润为16.26亿元\n", None),
        ("蓝思科技于2025年6月30日(星期一)正式开启H股招股\n", None),
        ("鉅亨網編譯段智恆 綜合報導 2025-11-18 23:10\n", "2025-11-18"),  # a byline, then the stamp
        ("发布时间:2025-05-08 10:02:00\n", "2025-05-08"),
        ("2025年11月13日,腾讯控股在香港交易所发布了财报\n", "2025-11-13"),  # the news's own day opens it
        # the year last: a field above 12 is the day; else the text's own day (今早(12日)) decides
        ("網易季績遜預期\n\n12/02/2026\n\n網易公布業績,今早(12日)股價最多曾跌5.3%\n", "2026-02-12"),
        ("Results\n\n02/12/2026\n\nShares fell on the 12th as the company reported\n", None),  # en: ambiguous
        ("Results\n\n25/11/2025\n\nThe company reported\n", "2025-11-25"),
        ("Results\n\n11/25/2025 09:30\n\nThe company reported\n", "2025-11-25"),
        ("業績公布\n\n05/03/2026\n\n公司公布業績\n", "2026-03-05"),  # Chinese text: day first
        ("業績公布\n\n05/03/2026\n\n公司3日公布業績\n", "2026-05-03"),  # ... unless its day says otherwise
        ("Total 12/02/2026 was the date\n", None),  # a date inside a sentence is no stamp line
    ],
)
def test_infer_published(text, expected):
    got = infer_published(text)
    assert (got[0] if got else None) == expected


def test_source_record_from_the_seeds():
    rec = source_record(SEEDS / "003_0abc642c1ef51a12.txt", sources_dir=SEEDS)
    assert rec["id"] == "003_0abc642c1ef51a12" and rec["file"] == "003_0abc642c1ef51a12.txt"
    assert rec["title"] == "微软CEO和奥特曼失了和OpenAI被“断粮”"
    assert (rec["published"], rec["published_basis"]) == ("2025-05-05", "stated")
    assert rec["sha256"] == hashlib.sha256((SEEDS / "003_0abc642c1ef51a12.txt").read_bytes()).hexdigest()
    r001 = source_record(SEEDS / "001_65e055411d3fbeb8.txt", sources_dir=SEEDS)
    assert (r001["publisher"], r001["published"], r001["published_basis"]) == ("虎嗅网", "", "unknown")
    assert infer_publisher((SEEDS / "002_49af0953fd15d42f.txt").read_text(encoding="utf-8")) == "未央网"
    r000 = source_record(SEEDS / "000_98a3e9e20e971090.txt", sources_dir=SEEDS.parent)
    assert r000["file"] == "seeds/000_98a3e9e20e971090.txt" and r000["script"] == "zh-Hant"


def _copy_seeds(tmp_path, *prefixes):
    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        if p.name[:3] in prefixes:
            out.append(shutil.copy(p, tmp_path / p.name))
    return out


def test_register_creates_then_appends_without_touching_existing_rows(tmp_path):
    table = tmp_path / "sources.csv"
    first = register_sources(_copy_seeds(tmp_path, "001", "003"), table)
    assert [r["id"][:3] for r in first] == ["001", "003"]
    # a reviewer fills in a date by hand; a later registration must keep it byte for byte
    text = table.read_text(encoding="utf-8").replace(",,unknown,,zh-Hans", ",2025-03,inferred,\"今年4月4日, 50周年\",zh-Hans")
    table.write_text(text, encoding="utf-8")
    before = table.read_bytes()
    added = register_sources(_copy_seeds(tmp_path, "001", "003", "004"), table)
    assert [r["id"][:3] for r in added] == ["004"]
    after = table.read_bytes()
    assert after.startswith(before)
    rows = list(csv.DictReader(after.decode("utf-8").splitlines()))
    assert [r["id"][:3] for r in rows] == ["001", "003", "004"]
    assert rows[0]["published_evidence"] == "今年4月4日, 50周年"
    assert register_sources(_copy_seeds(tmp_path, "004"), table) == []  # nothing new: file untouched
    assert table.read_bytes() == after


def test_register_refuses_an_article_whose_text_changed(tmp_path):
    table = tmp_path / "sources.csv"
    (path,) = _copy_seeds(tmp_path, "002")
    register_sources([path], table)
    before = table.read_bytes()
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n更正")
    with pytest.raises(InvalidValue) as info:
        register_sources([path], table)
    assert (info.value.code, info.value.line, info.value.column) == ("sha256-mismatch", 2, 9)
    assert table.read_bytes() == before


# Stamps as news sites and wires print them: a label, a byline, a clock time or a weekday before
# the date; a dateline (places, the date, then a dash or the wire's name); a date glued to a
# byline but followed by a clock time.  Each date is the one the line writes.
@pytest.mark.parametrize("line, day", [
    ("Published Tue, Nov 25, 2025 · 09:19 PM", "2025-11-25"),
    ("Monday, December 1, 2025", "2025-12-01"),
    ("Last Updated: February 9, 2026 14:22:15 IST", "2026-02-09"),
    ("Posted On December 9, 2025", "2025-12-09"),
    ("Published: 10:11, July 7, 2025 | Updated: 17:30, July 7, 2025", "2025-07-07"),
    ("By Staff Writer | Updated: July 25, 2025 14:14 IST", "2025-07-25"),
    ("Published: 21 Jan. 2026, 19:11", "2026-01-21"),
    ("TORONTO, Aug. 6, 2025 /PRNewswire/ - Quorvex Financial reported", "2025-08-06"),
    ("SEOUL, Korea – July 31, 2025 – Quorvex today reported results", "2025-07-31"),
    ("Singapore, Hong Kong, Regional, 06 Nov 2025 - Quorvex Group achieved record income", "2025-11-06"),
    ("晓曦2026-03-12 19:58", "2026-03-12"),
    ("某通讯社2025年10月6日 21:01", "2025-10-06"),
])
def test_more_stamp_forms(line, day):
    found = infer_published(line + "\nQuorvex said revenue rose 5%.")
    assert found is not None and found[0] == day


@pytest.mark.parametrize("line", [
    "On November 18, 2025, Quorvex unveiled its third-quarter results.",
    "The company agreed to a merger deal, dated June 10, 2025, that will make it a unit.",
    "截至2025年6月30日,华星科技全球门店总数超5.3万家。",
    "Quorvex Group reported its earnings on February 12, 2026, extending its run.",
])
def test_dates_inside_sentences_are_no_stamps(line):
    assert infer_published(line) is None

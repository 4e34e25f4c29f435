"""The store: typed reading, canonical atomic writing, byte-identical round trips."""
from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from ledger.claims import read_ledger, to_csv_text, write_ledger
from ledger.csvio import format_float, parse, quote_cell
from ledger.errors import InputUnreadable, InvalidValue, LedgerInvalid
from ledger.record import COLUMNS, KINDS, MODALITIES, ORIGINS, QUALIFIERS, STATUSES, claim_id, metrics
from ledger.units import LEDGER_UNITS
from tests.conftest import DATA, ROOT

LEDGER = DATA / "ledger"
VALID = LEDGER / "valid.csv"


# --------------------------------------------------------------------------- reading


def test_read_types_and_editor_lines():
    df = read_ledger(VALID)
    assert list(df.columns) == list(COLUMNS)
    assert str(df["start"].dtype) == "int64" and str(df["end"].dtype) == "int64"
    assert all(str(df[c].dtype) == "float64" for c in ("value", "value_low", "value_high", "confidence"))
    assert df["subject"].tolist() == ["OpenAI", "OpenAI", "Microsoft", "OpenAI"]
    assert df.loc[3, "object"] == "" and df.loc[2, "period"] == ""  # '' for empty text, not NaN
    assert math.isnan(df.loc[0, "value"])  # a date claim has no value
    assert df.loc[1, "value"] == 11_900_000_000.0  # 119亿美元 = 119 * 10^8
    # header line 1; the third row's note holds a newline, so the fourth row starts on line 6
    assert df.attrs["lines"] == [2, 3, 4, 6]
    assert df.loc[2, "note"] == 'checked, see "restructuring"\nsecond line of the note'


@pytest.mark.parametrize("name", ["utf8_bom.csv", "crlf.csv", "reordered.csv", "utf16_bom.csv", "blank_lines.csv"])
def test_accepted_variants_read_as_the_same_ledger_and_write_canonically(name: str, tmp_path: Path):
    df = read_ledger(LEDGER / "accepted" / name)
    if name == "crlf.csv":  # Excel's CRLF inside the quoted note is data: kept as written
        assert df.loc[2, "note"] == 'checked, see "restructuring"\r\nsecond line of the note'
        df.loc[2, "note"] = df.loc[2, "note"].replace("\r\n", "\n")
    assert_frame_equal(df, read_ledger(VALID))
    write_ledger(df, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == VALID.read_bytes()


def test_read_refuses_a_broken_ledger_with_all_its_problems():
    with pytest.raises(LedgerInvalid) as info:
        read_ledger(DATA / "broken" / "05_not_a_number.csv")
    assert [(p.line, p.column, p.code) for p in info.value.problems] == [(3, 13, "not-number")]
    with pytest.raises(InputUnreadable) as info:
        read_ledger(DATA / "broken" / "12_gbk.csv")
    assert info.value.code == "encoding" and info.value.exit_code == 2


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("x, text", [
    (13_000_000_000.0, "13000000000"),      # 130亿: integer, no '.0'
    (0.27, "0.27"),
    (0.1 + 0.2, "0.30000000000000004"),     # shortest repr that reads back the same
    (1e-05, "1e-05"),
    (1e22, "10000000000000000000000"),
    (-0.0, "0"),
    (float("nan"), ""),
    (10.0, "10"),
])
def test_format_float(x: float, text: str):
    assert format_float(x) == text


def test_format_float_refuses_infinity():
    with pytest.raises(InvalidValue):
        format_float(math.inf)


@pytest.mark.parametrize("cell, text", [
    ("plain", "plain"),
    ("", ""),
    ("a,b", '"a,b"'),
    ('say "hi"', '"say ""hi"""'),
    ("two\nlines", '"two\nlines"'),
    ("cr\r", '"cr\r"'),
    ("=1+1", "=1+1"),          # kept verbatim: a ledger cell equals the article text
    (" padded ", " padded "),
])
def test_minimal_quoting(cell: str, text: str):
    assert quote_cell(cell) == text


def test_round_trip_of_the_fixture_is_byte_identical(tmp_path: Path):
    out = tmp_path / "claims.csv"
    write_ledger(read_ledger(VALID), out)
    assert out.read_bytes() == VALID.read_bytes()


def test_round_trip_of_the_shipped_claims_csv_is_byte_identical(tmp_path: Path):
    shipped = ROOT / "claims.csv"
    if not shipped.exists():
        pytest.skip("claims.csv not written yet")
    out = tmp_path / "claims.csv"
    write_ledger(read_ledger(shipped), out)
    assert out.read_bytes() == shipped.read_bytes()


def test_rows_are_sorted_by_source_start_end_claim_id():
    df = read_ledger(VALID)
    shuffled = df.iloc[[3, 1, 0, 2]].copy()
    shuffled.loc[3, "source"] = "a0"  # 'a0' sorts before 'a1'
    text = to_csv_text(shuffled)
    starts = [line.split(",")[1:3] for line in text.splitlines()[1:] if line.startswith("c-")]
    assert starts == [["a0", "83"], ["a1", "0"], ["a1", "37"], ["a1", "59"]]
    assert text.startswith(",".join(COLUMNS) + "\n")
    assert "\r" not in text and not text.startswith("\ufeff")


def test_write_refuses_frames_without_the_ledger_columns(tmp_path: Path):
    df = read_ledger(VALID)
    with pytest.raises(InvalidValue):
        write_ledger(df.drop(columns=["unit"]), tmp_path / "x.csv")
    with pytest.raises(InvalidValue):
        write_ledger(df.assign(extra=1), tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "claims.csv"
    target.write_bytes(b"old contents\n")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_ledger(read_ledger(VALID), target)
    assert target.read_bytes() == b"old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]


# --------------------------------------------------------------------------- the CSV reader


def test_reader_gives_the_line_each_cell_starts_on():
    text = 'a,b,c\r\n1,"x\r\ny",3\n4,"p\rq",6\n'
    table = parse(text, "t.csv")
    assert [[(c.value, c.line) for c in r.cells] for r in table.records] == [
        [("1", 2), ("x\r\ny", 2), ("3", 3)],   # CRLF inside quotes is one line break
        [("4", 4), ("p\rq", 4), ("6", 5)],     # so is a lone CR
    ]
    assert table.problems == []


# --------------------------------------------------------------------------- hypothesis: any valid ledger

_TEXT = st.text(
    alphabet=st.sampled_from(list('abc XYZ,"\n\r=+-@\'01.%') + list("亿美元微軟萬(wàn)　\u00a0")),
    max_size=12,
)
_NAMES = st.sampled_from(["OpenAI", "Microsoft", "微软", "=HYPERLINK(1)", "a,b", 'say "x"', ""])


@st.composite
def _row(draw) -> dict:
    source = draw(st.sampled_from(["001_65e055411d3fbeb8", "a1", "src,2"]))
    start = draw(st.integers(0, 10_000))
    end = start + draw(st.integers(1, 30))
    surface = draw(_TEXT.filter(bool))
    is_date = draw(st.booleans())
    num = st.floats(0, 1e13, allow_nan=False, allow_infinity=False)
    value = math.nan if is_date else draw(num)
    low = math.nan if is_date or draw(st.booleans()) else value - draw(st.floats(0, 1e6))
    high = math.nan if is_date or draw(st.booleans()) else value + draw(st.floats(0, 1e6))
    return {
        "claim_id": claim_id(source, start, end, surface), "source": source, "start": start, "end": end,
        "surface": surface, "quote": draw(_TEXT) + surface + draw(_TEXT),
        "kind": "date" if is_date else draw(st.sampled_from([k for k in KINDS if k != "date"])),
        "subject": draw(_NAMES), "object": draw(_NAMES), "metric": draw(st.sampled_from(sorted(metrics()))),
        "period": draw(st.sampled_from(["", "2025", "2025-10", "2025-10-28", "2024-H2", "2023-11/2023-12"])),
        "modality": draw(st.sampled_from(MODALITIES)), "value": value, "value_low": low, "value_high": high,
        "unit": "date" if is_date else draw(st.sampled_from(sorted(LEDGER_UNITS - {"date"}))),
        "qualifier": draw(st.sampled_from(QUALIFIERS)), "status": draw(st.sampled_from(STATUSES)),
        "reviewer": draw(_NAMES), "note": draw(_TEXT), "origin": draw(st.sampled_from(ORIGINS)),
        "confidence": draw(st.one_of(st.just(math.nan), st.floats(0, 1))),
        "confidence_detail": draw(st.sampled_from(["", "subject=0.9;metric=0.8"])),
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    out = df.astype({c: "int64" for c in ("start", "end")})
    out = out.astype({c: "float64" for c in ("value", "value_low", "value_high", "confidence")})
    return out.astype({c: "str" for c in COLUMNS if c not in ("start", "end", "value", "value_low",
                                                                "value_high", "confidence")})


@pytest.mark.slow
@given(st.lists(_row(), max_size=8, unique_by=lambda r: r["claim_id"]))
def test_any_ledger_written_then_read_gives_the_same_frame(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("rt") / "claims.csv"
    df = _frame(rows)
    write_ledger(df, path)
    first = path.read_bytes()
    back = read_ledger(path)
    expected = df.sort_values(["source", "start", "end", "claim_id"], kind="mergesort").reset_index(drop=True)
    assert_frame_equal(back, expected)
    write_ledger(back, path)
    assert path.read_bytes() == first  # written twice: identical bytes


# --------------------------------------------------------------------------- file permissions
# Every file the tool writes goes through a temp file and os.replace.  The
# replaced file must keep the permissions its owners gave it (a team sharing
# claims.csv on a group-writable drive), and a new file gets what any new
# file gets: 0o666 less the umask (a bare mkstemp would make both 0o600).

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture()
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@posix_only
def test_a_new_ledger_gets_the_umask_permissions(tmp_path: Path, umask_022):
    target = tmp_path / "claims.csv"
    write_ledger(read_ledger(ROOT / "claims.csv"), target)
    assert target.stat().st_mode & 0o777 == 0o644  # 0o666 & ~0o022


@posix_only
@pytest.mark.parametrize("mode", [0o664, 0o640, 0o600])
def test_a_rewritten_ledger_keeps_its_permissions(tmp_path: Path, umask_022, mode: int):
    target = tmp_path / "claims.csv"
    target.write_bytes((ROOT / "claims.csv").read_bytes())
    target.chmod(mode)
    write_ledger(read_ledger(target), target)
    assert target.stat().st_mode & 0o777 == mode
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.slow
@posix_only
def test_a_rewritten_report_keeps_its_permissions(tmp_path: Path, umask_022):
    from ledger.job import report_ledger

    ledger = tmp_path / "claims.csv"
    ledger.write_bytes((ROOT / "claims.csv").read_bytes())
    (tmp_path / "seeds").mkdir()
    for f in (ROOT / "seeds").iterdir():
        (tmp_path / "seeds" / f.name).write_bytes(f.read_bytes())
    book = tmp_path / "conflicts.xlsx"
    report_ledger(ledger, book, sources_path=tmp_path / "seeds" / "sources.csv")
    assert book.stat().st_mode & 0o777 == 0o644
    book.chmod(0o660)
    report_ledger(ledger, book, sources_path=tmp_path / "seeds" / "sources.csv")
    assert book.stat().st_mode & 0o777 == 0o660

"""The vectorised validation gives the problems the row-by-row one gave.

The oracle is ``tests/claims/slow_reference.py``: the line-tracking reader
and the checks as they were before they were vectorised.  Hypothesis breaks
copies of the repository's own ledger (cells replaced by nasty values, rows
copied or dropped, quoting, line ends, a BOM, now and then a broken record)
and of its sources table, and every problem must come out the same: code,
file:line:column, value, reason and hint, in the same order, capped the
same way.  Smaller properties pin the pieces: the C reader's fast path
against the line-tracking reader, Arrow's regex and cast against ``re`` and
``float``, the padded-text test against ``str.strip``, ``confiner`` against
resolving every path.
"""
from __future__ import annotations

import csv
import itertools
import math
import os
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ledger.claims import fastread, validate_ledger
from ledger.claims import rules as R
from ledger.claims.store import load_ledger
from ledger.csvio import matches
from ledger.errors import InputUnreadable, InvalidValue
from ledger.record import COLUMNS
from ledger.sources import table as sources_table
from ledger.sources.paths import SOURCE_ID, confined_opener, confiner
from ledger.sources.table import read_sources
from tests.claims import slow_reference as slow
from tests.conftest import ROOT, SEEDS

with open(ROOT / "claims.csv", encoding="utf-8", newline="") as fh:
    HEADER, *ROWS = list(csv.reader(fh))
with open(SEEDS / "sources.csv", encoding="utf-8", newline="") as fh:
    SOURCES_HEADER, *SOURCES = list(csv.reader(fh))

SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)

# --------------------------------------------------------------------------- nasty cells

NUMBERS = ["", "0", "0.27", "27", "-1", "1e10", "1.3E+10", "13050000000", "inf", "-inf", "nan", "NaN", "1_000",
           " 5", "5 ", "+5", "1,000", "119亿", "27%", "1e999", ".5", "5.", "0x10", "1e-400", "-0", "00.5",
           "12345678901234567890", "1.0000000000000000001"]
OFFSETS = ["", "-1", "0", "x", " 5", "+5", "99999999", "1.0", "12345678901234567890", "007", "3\n"]
TEXT = ["", " x", "x ", "\u3000x", "x\u3000", "\x1cx", "a\nb", "a\r\nb", 'say "hi", ok', "ok", "微软", "a,b"]
POOL = {
    "claim_id": ["", "c-000000000000", "C-ABC", "c-0123456789ab ", "c-0123456789abc", "c-0123456789ab\n"],
    "start": OFFSETS, "end": OFFSETS,
    "kind": ["", "money", "percent", "date", "count", "Money", "money ", "dollars"],
    "unit": ["", "USD", "CNY", "ratio", "times", "date", "count", "year", "percentage_point", "usd", "USD "],
    "metric": ["", "revenue", "valuation", "equity_stake", "revenue_growth", "market_share", "deal_date",
               "no_such_metric", " revenue"],
    "modality": ["", "actual", "forecast", "Actual", "guess"],
    "qualifier": ["", "exact", "about", "over", "range", "approx"],
    "status": ["", "unreviewed", "confirmed", "corrected", "disputed", "rejected", "done"],
    "origin": ["", "extracted", "manual", "extractd"],
    "period": ["", "2025", "2025-13", "2025-Q3", "2025-Q5", "2024-H2", "2023-11/2023-12", "2025-12/2025-01",
               " 2025", "2025-02-30", "2025年", "2024-02-29", "a/b/c"],
    "confidence_detail": ["", "subject=0.9;metric=0.8", "subject=0.8", "subject=1.5", "subject=0.9;subject=0.8",
                          "x", "subject=.5", "subject=01", "a=1.0000000000000000001", "subject=0.9;", " subject=1"],
    "value": NUMBERS, "value_low": NUMBERS, "value_high": NUMBERS, "confidence": NUMBERS,
}


#: Values for the rules across a row's columns: each kind, unit family and range, bounds around a value,
#: confidences near the lowest of their detail.
FRAMING = {
    "kind": ["money", "percent", "percentage_point", "multiple", "count", "duration", "date", "Money"],
    "unit": ["USD", "CNY", "ratio", "percentage_point", "times", "count", "year", "date", "dollars"],
    "metric": ["", "revenue", "valuation", "equity_stake", "revenue_growth", "revenue_share", "growth_multiple",
               "gpu_count", "company_age", "deal_date", "no_such_metric"],
    "value": ["", "0", "0.5", "1", "1.01", "-0.5", "27", "1e10", "-2", "nan", "x"],
    "value_low": ["", "0", "0.4", "0.5", "1.01", "-3", "26.5"], "value_high": ["", "0.5", "0.6", "1", "2", "27.5"],
    "period": ["", "2025", "2025-13", "2024-H2"],
    "status": ["unreviewed", "confirmed", "disputed", "rejected"], "subject": ["", "Microsoft"],
    "confidence": ["", "0.8", "0.8000000001", "0.800001", "0.81", "0.9", "1.5"],
    "confidence_detail": ["", "subject=0.9;metric=0.8", "metric=0.8", "subject=0.81", "subject=0.9;subject=0.8",
                          "x"],
}


@st.composite
def framed(draw, row: list[str]) -> list[str]:
    """The row with its framing drawn afresh, column by column (the span columns kept)."""
    row = list(row)
    for column, values in FRAMING.items():
        if draw(st.integers(0, 3)):
            row[COLUMNS.index(column)] = draw(st.sampled_from(values))
    return row


@st.composite
def cell(draw, column: str, row: list[str]) -> str:
    """A replacement for one cell: a nasty value of its kind, free text, or another row's value."""
    here = row[COLUMNS.index(column)]
    choices = [st.sampled_from(POOL.get(column, TEXT)), st.sampled_from(TEXT),
               st.sampled_from([r[COLUMNS.index(column)] for r in ROWS]), st.just(here + " "), st.just(" " + here)]
    return draw(st.one_of(*choices))


@st.composite
def broken_ledger(draw) -> bytes:
    """claims.csv's rows (some dropped, some copied), cells replaced, written
    with a random quoting and line end, now and then a record broken."""
    picks = draw(st.lists(st.integers(0, len(ROWS) - 1), min_size=0, max_size=30))
    rows = [draw(framed(ROWS[i])) if draw(st.booleans()) else list(ROWS[i]) for i in picks]
    for _ in range(draw(st.integers(0, 3)) if rows else 0):  # a copy of a row, its span moved a little or not
        copy = list(rows[draw(st.integers(0, len(rows) - 1))])
        column = draw(st.sampled_from(["source", "start", "end", "surface", "claim_id"]))
        i = COLUMNS.index(column)
        copy[i] = draw(st.sampled_from([copy[i], copy[i] + "x", str(int(copy[i]) + 1) if copy[i].isdigit() else "1",
                                        ROWS[0][i]]))
        rows.insert(draw(st.integers(0, len(rows))), copy)
    for _ in range(draw(st.integers(0, 8)) if rows else 0):
        row = rows[draw(st.integers(0, len(rows) - 1))]
        column = draw(st.sampled_from(COLUMNS))
        row[COLUMNS.index(column)] = draw(cell(column, row))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    quote_all = draw(st.booleans())
    lines = [_record(HEADER, False)] + [_record(r, quote_all or draw(st.booleans())) for r in rows]
    if rows and draw(st.integers(0, 4)) == 0:  # a record the fast path must not read
        k = draw(st.integers(1, len(lines) - 1))
        lines[k] = draw(st.sampled_from([lines[k] + ",extra", lines[k].rsplit(",", 1)[0], 'x"' + lines[k],
                                         lines[k] + '"', "", "   ", lines[k] + "\x00", lines[k].replace(",", ";"),
                                         lines[k] + "\r" + lines[k]]))
        event("broken record")
    text = end.join(lines) + (end if draw(st.booleans()) else "")
    bom = "\ufeff" if draw(st.integers(0, 5)) == 0 else ""
    return (bom + text).encode("utf-8")


def _record(cells: list[str], quote_all: bool) -> str:
    return ",".join(_quote(c, quote_all) for c in cells)


def _quote(text: str, always: bool) -> str:
    if always or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def broken_sources(draw) -> list[list[str]]:
    """seeds/sources.csv with some rows changed: an id or sha256 broken, a
    file moved out or missing, dates, bases and scripts wrong, rows copied."""
    rows = [list(r) for r in SOURCES]
    col = {name: i for i, name in enumerate(SOURCES_HEADER)}
    for _ in range(draw(st.integers(0, 4))):
        row = rows[draw(st.integers(0, len(rows) - 1))]
        name = draw(st.sampled_from(SOURCES_HEADER))
        values = {
            "id": ["", "-rf", "a b", "zz_1", rows[0][0]], "file": ["", "missing.txt", "../claims.csv",
                                                                   "/etc/hostname", "sub/../" + row[1]],
            "published": ["", "2025", "2025-13", "2025-02-30", "2025-05-05", "05/05/2025"],
            "published_basis": ["", "stated", "inferred", "unknown", "guessed"],
            "published_evidence": ["", "a\nb", 'said "so", then'], "script": ["", "en", "zh-Hans", "zh"],
            "sha256": ["", "0" * 64, "abc", row[col["sha256"]].upper()],
        }.get(name, ["", "x", "a\r\nb"])
        row[col[name]] = draw(st.sampled_from(values))
    if draw(st.booleans()):
        rows.pop(draw(st.integers(0, len(rows) - 1)))
    if draw(st.integers(0, 3)) == 0:
        rows.append(list(rows[draw(st.integers(0, len(rows) - 1))]))
    return rows


def _workspace(folder: Path, ledger: bytes, sources: list[list[str]] | None = None) -> Path:
    shutil.copytree(SEEDS, folder / "seeds")
    if sources is not None:
        with open(folder / "seeds" / "sources.csv", "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows([SOURCES_HEADER, *sources])
    (folder / "claims.csv").write_bytes(ledger)
    return folder / "claims.csv"


def _same_report(path: Path, limit: int | None = None) -> None:
    fast, reference = validate_ledger(path, limit=limit), slow.validate_ledger(path, limit=limit)
    assert [p.to_dict() for p in fast.problems] == [p.to_dict() for p in reference.problems]
    assert (fast.rows, fast.readable, fast.counts) == (reference.rows, reference.readable, reference.counts)


# --------------------------------------------------------------------------- the whole report


@pytest.mark.slow
@SETTINGS
@given(ledger=broken_ledger(), sources=st.one_of(st.none(), broken_sources()), limit=st.sampled_from([None, 1]))
def test_validate_reports_what_the_row_by_row_validation_reported(ledger, sources, limit):
    with tempfile.TemporaryDirectory() as tmp:
        path = _workspace(Path(tmp), ledger, sources)
        event("fast reader" if fastread.fast_cells(ledger, None) is not None else "line-tracking reader")
        _same_report(path, limit)


def test_the_repository_ledger_is_read_by_the_fast_path_and_reported_the_same():
    raw = (ROOT / "claims.csv").read_bytes()
    assert fastread.fast_cells(raw, None) is not None
    _same_report(ROOT / "claims.csv")


@pytest.mark.parametrize("folder", ["broken", "ledger/accepted"])
def test_the_articles_checked_in_a_second_process_give_the_same_report(folder, monkeypatch):
    from ledger.claims import validate as V

    monkeypatch.setenv("FACTCHECK_FORK_VALIDATE", "1")  # the fork is opt-in
    for path in sorted((ROOT / "tests" / "data" / folder).glob("*.csv")):
        serial = validate_ledger(path)
        monkeypatch.setattr(V, "PARALLEL_ROWS", 0)  # every ledger: the articles in a forked child
        forked = validate_ledger(path)
        monkeypatch.setattr(V, "PARALLEL_ROWS", 10**9)
        assert [p.to_dict() for p in forked.problems] == [p.to_dict() for p in serial.problems], path.name
        assert (forked.rows, forked.readable, forked.counts) == (serial.rows, serial.readable, serial.counts)


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data").glob("*/*.csv")) +
                         sorted((ROOT / "tests" / "data" / "ledger" / "accepted").glob("*.csv")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_ledger_fixture_is_reported_the_same(path: Path):
    if path.name == "expected.csv" or path.parent.name == "corpus":
        pytest.skip("not a ledger")
    _same_report(path)


def _product(columns: dict[str, list[str]]) -> pd.DataFrame:
    """Every combination of the values given, as typed ledger rows (the other cells from claims.csv's first)."""
    combos = list(itertools.product(*columns.values()))
    rows = [dict(zip(COLUMNS, ROWS[i % len(ROWS)])) | dict(zip(columns, c)) for i, c in enumerate(combos)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for name in ("start", "end"):
        frame[name] = frame[name].astype("int64")
    for name in ("value", "value_low", "value_high", "confidence"):
        frame[name] = pd.to_numeric(frame[name].replace("", "nan"), errors="coerce").astype("float64")
    return frame.astype({c: "str" for c in COLUMNS if frame[c].dtype == object})


@pytest.mark.slow
@pytest.mark.parametrize("columns", [("kind", "unit", "metric", "value", "value_low"),
                                     ("metric", "unit", "value", "value_high", "status"),
                                     ("confidence", "confidence_detail", "period", "kind", "subject")])
def test_each_row_rule_gives_what_it_gave_row_by_row(columns):
    frame = _product({c: FRAMING[c] for c in columns})
    for rule, reference in zip(R.RULES, slow.RULES):
        assert rule.ok(frame).tolist() == reference.ok(frame).tolist(), f"{rule.code}@{rule.field}"


# --------------------------------------------------------------------------- the reader


@pytest.mark.slow
@SETTINGS
@given(ledger=broken_ledger())
def test_the_fast_reader_loads_what_the_line_tracking_reader_loads(ledger):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.csv"
        path.write_bytes(ledger)
        try:
            reference = slow.load_slow(path)
        except InputUnreadable as err:  # the fast reader must refuse it the same way
            with pytest.raises(InputUnreadable) as refused:
                load_ledger(path)
            assert str(refused.value) == str(err)
            return
        loaded = load_ledger(path)
    pd.testing.assert_frame_equal(loaded.frame, reference.frame)
    assert loaded.problems == reference.problems
    assert (loaded.skip, loaded.absent) == (reference.skip, reference.absent)
    assert [int(x) for x in loaded.lines] == list(reference.lines)
    places = [[loaded.where(r, c) for c in COLUMNS] for r in range(len(loaded.frame))]
    assert places == [[reference.where(r, c) for c in COLUMNS] for r in range(len(reference.frame))]


@SETTINGS
@given(rows=broken_sources(), end=st.sampled_from(["\n", "\r\n"]), quote_all=st.booleans())
def test_the_sources_table_reads_the_same_by_either_reader(rows, end, quote_all):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sources.csv"
        text = end.join([_record(SOURCES_HEADER, False)] + [_record(r, quote_all) for r in rows]) + end
        path.write_text(text, encoding="utf-8", newline="")
        assert sources_table._read_fast(path, str(path)) is not None
        frame, problems = read_sources(path)
        with slow.slow_sources():
            reference, expected = read_sources(path)
    pd.testing.assert_frame_equal(frame, reference)
    assert frame.attrs == reference.attrs
    assert problems == expected


# --------------------------------------------------------------------------- the pieces

def _texts() -> st.SearchStrategy[str]:
    return st.one_of(st.text(), st.text(alphabet="0123456789.-+eE_ ,x\n"), st.text(alphabet="c-0123456789abcdef"),
                     st.text(alphabet=fastread.SPACE + "ab微"), st.sampled_from([v for vs in POOL.values() for v in vs]))


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
@pytest.mark.parametrize("pattern", [fastread._INT, fastread._DECIMAL, SOURCE_ID, re.compile(r"[0-9a-f]{64}"),
                                     re.compile(r"c-[0-9a-f]{12}"), re.compile(r"a|b")],
                         ids=lambda p: p.pattern[:20])
@SETTINGS
@given(texts=st.lists(_texts(), max_size=20))
def test_a_pattern_matches_a_column_as_re_fullmatch_matches_a_cell(storage, pattern, texts):
    column = _column(texts, storage)
    assert matches(column, pattern).tolist() == [bool(pattern.fullmatch(t)) for t in texts]


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
@SETTINGS
@given(texts=st.lists(_texts(), max_size=20))
def test_padded_text_is_text_that_strip_changes(storage, texts):
    assert fastread.padded(_column(texts, storage)).tolist() == [t != t.strip() for t in texts]


def test_the_spaces_are_the_characters_strip_removes():
    assert "".join(c for c in map(chr, range(0x110000)) if c.isspace()) == fastread.SPACE


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
@SETTINGS
@given(texts=st.lists(st.one_of(st.floats(allow_nan=False, allow_infinity=False).map(repr),
                                st.from_regex(fastread._DECIMAL, fullmatch=True), st.sampled_from(NUMBERS)),
                      max_size=20))
def test_numbers_are_typed_as_float_reads_them(storage, texts):
    cells = pd.DataFrame({c: _column(["0"] * len(texts), storage) for c in COLUMNS})
    cells["value"] = _column(texts, storage)
    columns, bad = fastread.typed(cells)
    for text, value, failed in zip(texts, columns["value"], bad["value"]):
        if failed:
            continue  # the slow rule types it (and reports it)
        want = float(text) if text else math.nan
        assert np.array([value]).tobytes() == np.array([want]).tobytes(), text  # the same float, bit for bit


def _column(texts: list[str], storage: str) -> pd.Series:
    if storage == "pyarrow":
        pytest.importorskip("pyarrow")
    return pd.Series(texts, dtype=pd.StringDtype(storage, na_value=np.nan))


@pytest.fixture(scope="module")
def tree() -> Path:
    """A sources folder with a file, a subfolder, and symlinks in and out."""
    base = Path(tempfile.mkdtemp())
    (base / "outside.txt").write_text("x")
    folder = base / "seeds"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("a")
    (folder / "sub" / "b.txt").write_text("b")
    os.symlink(folder / "a.txt", folder / "in.txt")
    os.symlink(base / "outside.txt", folder / "out.txt")
    os.symlink(base, folder / "up")
    yield folder
    shutil.rmtree(base)


@pytest.mark.parametrize("root", [None, "parent", "sub"])
@pytest.mark.parametrize("file", ["a.txt", "sub/b.txt", "in.txt", "out.txt", "up", "up/outside.txt", "missing.txt",
                                  "../outside.txt", "sub/../a.txt", "/etc/hostname", "C:x.txt", "\\\\srv\\x",
                                  "a\\b.txt", "", ".", "..", "a\x00b", "-rf.txt", "微软 新闻.txt", "./a.txt"])
def test_confiner_places_a_file_where_resolving_it_does(tree: Path, file: str, root: str | None):
    base = {None: None, "parent": tree.parent, "sub": tree / "sub"}[root]
    try:
        want: object = slow.confine(tree, file, base)
    except InvalidValue as err:
        want = (err.code, err.reason, err.hint)
    try:
        got: object = Path(confiner(tree, base)(file))
    except InvalidValue as err:
        got = (err.code, err.reason, err.hint)
    assert got == want



@pytest.mark.parametrize("root", [None, "parent", "sub"])
@pytest.mark.parametrize("file", ["a.txt", "sub/b.txt", "in.txt", "out.txt", "up", "up/outside.txt", "missing.txt",
                                  "../outside.txt", "sub/../a.txt", "/etc/hostname", "C:x.txt", "\\\\srv\\x",
                                  "a\\b.txt", "", ".", "..", "a\x00b", "-rf.txt", "微软 新闻.txt", "./a.txt", "sub"])
def test_confined_opener_gives_the_confiner_path_and_opens_only_plain_files(tree: Path, file: str, root: str | None):
    base = {None: None, "parent": tree.parent, "sub": tree / "sub"}[root]
    try:
        want: object = confiner(tree, base)(file)
    except InvalidValue as err:
        want = (err.code, err.reason, err.hint)
    try:
        got, fd = confined_opener(tree, base)(file)
    except InvalidValue as err:
        got, fd = (err.code, err.reason, err.hint), None
    if fd is not None:
        try:
            assert not os.path.islink(got)
            if os.path.isfile(got):  # a folder opens too; reading it fails as opening it by name would
                assert os.read(fd, 100) == Path(got).read_bytes()
        finally:
            os.close(fd)
    assert got == want


# --------------------------------------------------------------------------- what the differential tests found


def _one_row(tmp_path: Path, **cells: str) -> Path:
    row = dict(zip(HEADER, ROWS[0])) | cells
    text = _record(HEADER, False) + "\n" + _record([row[c] for c in HEADER], False) + "\n"
    path = _workspace(tmp_path, text.encode("utf-8"))
    return path


def test_an_offset_too_large_for_int64_is_a_problem_not_a_crash(tmp_path: Path):
    report = validate_ledger(_one_row(tmp_path, start="12345678901234567890"))
    assert report.flatten(["line", "column", "code", "reason"]) == [
        [2, 3, "not-integer", "too large for a character offset"]]


def test_a_nul_byte_makes_the_ledger_unreadable_by_either_reader(tmp_path: Path):
    path = _one_row(tmp_path, note="a\x00b")
    assert fastread.fast_cells(path.read_bytes(), None) is None
    report = validate_ledger(path)
    assert not report.readable and report.flatten(["line", "code"]) == [[2, "encoding"]]


def test_a_cell_after_a_quoted_line_break_is_placed_on_its_own_line(tmp_path: Path):
    path = _one_row(tmp_path, claim_id="a\nb", source=" " + ROWS[0][1])
    assert fastread.fast_cells(path.read_bytes(), None) is not None
    assert load_ledger(path).problems[0].line == 3  # the record starts on line 2


def test_validate_forks_only_when_asked(monkeypatch):
    from ledger.claims import validate as V

    started = []
    monkeypatch.setattr(V, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(V._Beside, "__init__", lambda self, work: started.append(work) or setattr(self, "pid", 0)
                        or setattr(self, "work", work))
    monkeypatch.delenv("FACTCHECK_FORK_VALIDATE", raising=False)
    validate_ledger(ROOT / "claims.csv")
    assert started == []
    monkeypatch.setenv("FACTCHECK_FORK_VALIDATE", "1")
    validate_ledger(ROOT / "claims.csv")
    assert started  # the articles checked beside the frame

"""Every command with bad input: a clear message naming file, line:column,
value and what to do; the documented exit status (2 unreadable input or bad
usage, 1 invalid); input files byte-identical afterwards; no temp files and no
half-written outputs left behind.  Also the keys each ``--json`` promises.

The small valid ledger in tests/data/bad_input (4 claims of the synthetic
article a1.txt, with sources.csv beside it) is broken one cell at a time.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ledger import textio
from ledger.cli import main
from tests.conftest import DATA, ROOT, SEEDS

BAD = DATA / "bad_input"
ARTICLE = (SEEDS / "001_65e055411d3fbeb8.txt").read_text(encoding="utf-8")  # simplified Chinese
HANT = (SEEDS / "000_98a3e9e20e971090.txt").read_text(encoding="utf-8")  # traditional Chinese


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name -> sha256)."""
    return {str(p.relative_to(folder)): _sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(folder: Path, *args: str, monkeypatch=None):
    if monkeypatch is not None:
        monkeypatch.chdir(folder)
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """tmp_path holding a valid claims.csv, sources.csv and a1.txt; cwd is tmp_path."""
    for name in ("claims.csv", "sources.csv", "a1.txt"):
        shutil.copy(BAD / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def seeded(tmp_path, monkeypatch) -> Path:
    """tmp_path holding a copy of the shipped claims.csv and seeds/ (7 open
    contradictions); cwd is tmp_path."""
    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _break(folder: Path, old: str, new: str) -> None:
    path = folder / "claims.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _no_traceback(res) -> None:
    assert "Traceback" not in res.output and "Traceback" not in res.stderr
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)


def _no_temp_files(folder: Path) -> None:
    assert not [p.name for p in folder.rglob("*.tmp")]


# --------------------------------------------------------------------------- the base is valid


def test_the_base_ledger_is_valid(work):
    res = _run(work, "validate")
    assert res.exit_code == 0, res.output + res.stderr


# --------------------------------------------------------------------------- missing files, folders

MISSING = [
    (["validate", "nope.csv"], "nope.csv", "No such file"),
    (["check", "nope.csv"], "nope.csv", "No such file"),
    (["report", "nope.csv"], "nope.csv", "No such file"),
    (["mentions", "nope.txt"], "nope.txt", "No such file"),
    (["extract", "nope.txt"], "nope.txt", "no such file or folder"),
    (["import-decisions", "nope.xlsx"], "nope.xlsx", "No such file"),
    (["check", "--decisions", "nope.csv"], "nope.csv", "cannot read"),
    (["report", "--sources", "nope.csv"], "nope.csv", "sources table not found; check the --sources path"),
    (["validate", "--sources", "nope.csv"], "nope.csv", "sources table not found; check the --sources path"),
]


@pytest.mark.parametrize("args, name, reason", MISSING, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_a_missing_file_is_named_exit_2(work, args, name, reason):
    before = _snapshot(work)
    res = _run(work, *args)
    _no_traceback(res)
    assert res.exit_code == 2, res.output + res.stderr
    assert f"{name}:" in res.output and reason in res.output  # validate reports on stdout, the others on stderr
    assert _snapshot(work) == before


def test_a_folder_given_for_an_article_is_named(work):
    (work / "articles").mkdir()
    res = _run(work, "mentions", "articles")
    _no_traceback(res)
    assert res.exit_code == 2
    assert "articles: is a folder, not a file; give the files inside it" in res.stderr


@pytest.mark.parametrize("cmd", ["import-decisions"])
def test_a_folder_where_a_file_is_expected_is_a_usage_error(work, cmd):
    (work / "d").mkdir()
    res = _run(work, cmd, "d")
    assert res.exit_code == 2
    assert "'d' is a directory" in res.stderr


@pytest.mark.parametrize("cmd", ["validate", "check", "report"])
def test_a_ledger_folder_without_parquet_files_is_unreadable(work, cmd):
    # a folder is a Parquet ledger (issue 16, docs/engines.md); an empty one cannot be read
    (work / "d").mkdir()
    res = _run(work, cmd, "d")
    assert res.exit_code == 2
    assert "d: no Parquet files in the ledger folder; extract into it, or point at a claims.csv" in res.stdout + res.stderr


def test_run_without_seeds_says_so_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["run"], [], ["run", "--json"]):
        res = CliRunner().invoke(main, args)
        _no_traceback(res)
        assert res.exit_code == 2, args
        assert "seeds: no seeds/ folder here" in res.stderr and "pass --root" in res.stderr
        assert res.stdout == ""  # --json: the error goes to stderr, stdout stays clean
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_run_with_an_empty_seeds_folder_writes_nothing(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["run"])
    _no_traceback(res)
    assert res.exit_code == 2
    assert "seeds: no articles in seeds/; put the articles (.htm, .html, .md, .txt files) in seeds/" in res.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["seeds"]  # no empty claims.csv left behind


# --------------------------------------------------------------------------- articles: encodings and junk


def _articles() -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, what the message must say)."""
    return {
        "gbk.txt": (ARTICLE.encode("gb18030"), "it looks like GB18030; re-save it as UTF-8 (e.g. `iconv -f gb18030"),
        "big5.txt": (HANT.encode("big5", "replace"), "it looks like BIG5; re-save it as UTF-8 (e.g. `iconv -f big5"),
        "u16le.txt": (ARTICLE.encode("utf-16-le"), "it looks like UTF-16-LE; re-save it as UTF-8 (e.g. `iconv -f utf-16le"),
        "u16be.txt": (ARTICLE.encode("utf-16-be"), "it looks like UTF-16-BE; re-save it as UTF-8 (e.g. `iconv -f utf-16be"),
        # English UTF-16 without a BOM decodes as "UTF-8" with a NUL after every letter
        "u16en.txt": ("Revenue rose 27% to $13 billion.".encode("utf-16-le"),
                      "NUL character in the text; it looks like UTF-16 without a byte-order mark"),
        "binary.bin": (bytes(range(256)) * 8, "it looks like binary data, not text; give a plain-text file"),
        "nul.txt": (("第一行\n营收增长27%\x00了\n").encode(), "NUL character in the text; it looks like binary data"),
        "empty.txt": (b"", "the article is empty; check that the file was saved"),
        "blank.txt": (b" \n\n  \n", "the article is empty"),
    }


WHERE = {  # line:column of the first bad byte or character, worked out from the bytes above
    "gbk.txt": ":1:3:",  # 微 is CE A2 in GBK, which UTF-8 reads as one 2-byte character; 软 (C8 ED) then fails
    "u16le.txt": ":1:1:",
    "u16be.txt": ":1:2:",  # 微 is U+5FAE: 5F is ASCII '_', AE at offset 1 is the first bad byte
    "binary.bin": ":2:118:",  # 0x80 at offset 128 is the first non-ASCII byte; 0x0A (offset 10) ends
    # line 1, so line 2 starts at offset 11 and offset 128 is its column 128 - 11 + 1 = 118
    "nul.txt": ":2:8:",  # line 2 is 营收增长27%, 7 characters, then the NUL
    "empty.txt": ":1:",
    "u16en.txt": ":1:2:",  # 'R' then its NUL high byte
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(_articles()))
@pytest.mark.parametrize("cmd", ["mentions", "extract"])
def test_an_unreadable_article_is_refused_naming_why(work, cmd, name):
    data, said = _articles()[name]
    (work / name).write_bytes(data)
    before = _snapshot(work)
    res = _run(work, cmd, name)
    _no_traceback(res)
    assert res.exit_code == 2, res.output + res.stderr
    assert res.stderr.startswith(f"error: {name}")
    assert said in res.stderr
    if name in WHERE:
        assert f"{name}{WHERE[name]}" in res.stderr
    assert res.stdout == ""
    assert _snapshot(work) == before  # the ledger, sources.csv and the article untouched
    _no_temp_files(work)


def test_an_unreadable_article_in_a_folder_stops_extract_before_writing(work):
    folder = work / "articles"
    folder.mkdir()
    (folder / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b_bad.txt").write_bytes(ARTICLE.encode("gb18030"))
    before = _snapshot(work)
    res = _run(work, "extract", "articles")
    assert res.exit_code == 2
    assert "b_bad.txt" in res.stderr and "GB18030" in res.stderr
    assert _snapshot(work) == before  # the good article was not registered, no claims added
    _no_temp_files(work)


def test_mentions_prints_nothing_when_one_of_its_files_is_bad(work):
    (work / "gbk.txt").write_bytes(ARTICLE.encode("gb18030"))
    res = _run(work, "mentions", "--json", "a1.txt", "gbk.txt")
    assert res.exit_code == 2 and res.stdout == ""  # not a.txt's mentions followed by an error
    assert "gbk.txt:1:3: not UTF-8" in res.stderr


def test_mentions_json_error_goes_to_stderr(work):
    (work / "gbk.txt").write_bytes(ARTICLE.encode("gb18030"))
    res = _run(work, "mentions", "--json", "gbk.txt")
    assert res.exit_code == 2 and res.stdout == ""
    assert "gbk.txt:1:3: not UTF-8" in res.stderr


# --------------------------------------------------------------------------- an invalid ledger through every command

BROKEN = [
    # (what, old cell text, new, line:column, message); lines: 1 header, 2 date, 3 119亿美元, 4 27%, 6 10倍
    ("unknown unit", ",USD,exact,confirmed", ",dollars,exact,confirmed", "3:16",
     "unit = 'dollars': not a known unit; use one of"),
    ("negative money", "11900000000,11900000000,11900000000", "-11900000000,-11900000000,-11900000000", "3:13",
     "value = '-11900000000': value outside [0, inf] for metric 'contract_value'"),
    ("stake 1.5", "0.27,0.265,0.275", "1.5,1.5,1.5", "4:13",
     "value = '1.5': value outside [0, 1] for metric 'equity_stake'; write percentages as fractions"),
    ("unknown metric", ",contract_value,", ",contract_valu,", "3:10",
     "metric = 'contract_valu': not a known metric; did you mean 'contract_value'?"),
    ("not a number", "11900000000,11900000000,11900000000", "119亿,11900000000,11900000000", "3:13",
     "value = '119亿': not a number; write the number in full units"),
]


@pytest.mark.slow
@pytest.mark.parametrize("what, old, new, where, said", BROKEN, ids=[b[0] for b in BROKEN])
@pytest.mark.parametrize("cmd", [["validate"], ["check"], ["check", "--json"], ["report"], ["extract", "a1.txt"]],
                         ids=" ".join)
def test_an_invalid_ledger_is_refused_with_file_line_column(work, cmd, what, old, new, where, said):
    _break(work, old, new)
    before = _snapshot(work)
    res = _run(work, *cmd)
    _no_traceback(res)
    assert res.exit_code == 1, res.output + res.stderr
    out = res.stdout if cmd == ["validate"] else res.stderr
    assert f"claims.csv:{where}: {said}" in out
    if cmd != ["validate"]:
        assert res.stdout == ""  # no findings printed, not even with --json
        assert "claims.csv: 1 error(s); nothing was written; fix them and run again" in res.stderr
    assert _snapshot(work) == before  # no conflicts.xlsx, no new sources row, ledger untouched
    _no_temp_files(work)


def test_every_error_is_listed_not_only_the_first(work):
    _break(work, ",USD,exact,confirmed", ",dollars,exact,confirmed")
    _break(work, "0.27,0.265,0.275", "1.5,1.5,1.5")
    res = _run(work, "check")
    assert res.exit_code == 1
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error: claims.csv:") and "error(s)" not in ln]
    assert [ln.split(": ")[1] for ln in errors] == ["claims.csv:3:16", "claims.csv:4:13"]
    assert "2 error(s)" in res.stderr


def test_validate_json_errors_are_json_lines_with_exit_1(work):
    _break(work, ",USD,exact,confirmed", ",dollars,exact,confirmed")
    res = _run(work, "validate", "--json")
    assert res.exit_code == 1
    rows = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert set(rows[0]) == {"file", "line", "column", "field", "value", "code", "reason", "hint", "severity",
                            "message"}
    assert (rows[0]["line"], rows[0]["column"], rows[0]["value"], rows[0]["code"]) == (3, 16, "dollars",
                                                                                      "not-in-vocabulary")
    assert "invalid" in res.stderr  # the summary line is on stderr, never mixed into the JSON


def test_validate_json_unreadable_ledger_exit_2(work):
    (work / "claims.csv").write_bytes(b"")
    res = _run(work, "validate", "--json")
    assert res.exit_code == 2
    (row,) = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert row["code"] == "empty-file" and row["file"] == "claims.csv"


# --------------------------------------------------------------------------- decisions


def test_a_bad_decision_value_is_refused_by_check_and_report(seeded):
    work = seeded
    rows = [json.loads(line) for line in _run(work, "check", "--json").stdout.splitlines()]
    cid = next(r["conflict_id"] for r in rows if r["kind"] != "issue")
    (work / "decisions.csv").write_text(f"conflict_id,decision,reviewer,note,decided_at\n{cid},maybe,lee,,"
                                        "2026-01-01T00:00:00Z\n", encoding="utf-8")
    before = _snapshot(work)
    for cmd in (["check"], ["check", "--json"], ["report"]):
        res = _run(work, *cmd)
        _no_traceback(res)
        assert res.exit_code == 1, cmd
        assert "decisions.csv:2:2: decision = 'maybe': unknown decision; use one of explained" in res.stderr
        assert res.stdout == ""
    assert _snapshot(work) == before


# --------------------------------------------------------------------------- import-decisions


@pytest.fixture
def reported(work) -> Path:
    res = _run(work, "report")
    assert res.exit_code == 0, res.stderr
    return work


@pytest.mark.slow
def test_import_decisions_into_a_bad_decisions_file(seeded):
    assert _run(seeded, "report").exit_code == 0
    (seeded / "decisions.csv").write_text("conflict_id,decision,reviewer,note,decided_at\nk-0,maybe,lee,,x\n",
                                          encoding="utf-8")
    before = _snapshot(seeded)
    res = _run(seeded, "import-decisions", "conflicts.xlsx")
    _no_traceback(res)
    assert res.exit_code == 1
    assert "decisions.csv:2:2: decision = 'maybe': unknown decision" in res.stderr
    assert "bad cell(s) in conflicts.xlsx" not in res.stderr  # the workbook is not the one at fault
    assert _snapshot(seeded) == before


def test_import_decisions_on_a_csv(reported):
    before = _snapshot(reported)
    res = _run(reported, "import-decisions", "claims.csv")
    _no_traceback(res)
    assert res.exit_code == 2
    assert "claims.csv: cannot open the workbook" in res.stderr and "pass the .xlsx written by" in res.stderr
    assert _snapshot(reported) == before


def test_import_decisions_on_a_truncated_workbook(reported):
    data = (reported / "conflicts.xlsx").read_bytes()
    (reported / "cut.xlsx").write_bytes(data[: len(data) // 2])
    before = _snapshot(reported)
    res = _run(reported, "import-decisions", "cut.xlsx")
    _no_traceback(res)
    assert res.exit_code == 2
    assert "cut.xlsx: cannot open the workbook" in res.stderr
    assert _snapshot(reported) == before


def test_import_decisions_on_a_workbook_with_a_damaged_sheet(reported):
    import zipfile

    with zipfile.ZipFile(reported / "conflicts.xlsx") as src, zipfile.ZipFile(reported / "bad.xlsx", "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # cut the XML of every sheet in half
            dst.writestr(info, data)
    before = _snapshot(reported)
    res = _run(reported, "import-decisions", "bad.xlsx")
    _no_traceback(res)
    assert res.exit_code == 2
    assert "bad.xlsx: cannot read the workbook, it is damaged" in res.stderr and "re-run `factcheck report`" in res.stderr
    assert _snapshot(reported) == before


def test_import_decisions_from_another_ledger(reported):
    other = reported / "other"
    other.mkdir()
    lines = (reported / "claims.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (other / "claims.csv").write_text("".join(lines[:3]), encoding="utf-8")  # header + 2 claims
    shutil.copy(reported / "sources.csv", other / "sources.csv")
    shutil.copy(reported / "a1.txt", other / "a1.txt")
    before = _snapshot(reported)
    res = _run(reported, "import-decisions", "conflicts.xlsx", "--ledger", "other/claims.csv")
    _no_traceback(res)
    assert res.exit_code == 1
    assert "conflicts.xlsx: the workbook was made from a ledger with sha256" in res.stderr
    assert "other/claims.csv now has sha256" in res.stderr and "nothing was changed" in res.stderr
    assert _snapshot(reported) == before  # no decisions.csv appeared anywhere


# --------------------------------------------------------------------------- report -o


def test_report_into_a_missing_folder(work):
    before = _snapshot(work)
    res = _run(work, "report", "-o", "nowhere/out.xlsx")
    assert res.exit_code == 2
    assert "nowhere/out.xlsx: cannot write the workbook: no such folder; create the folder first" in res.stderr
    assert _snapshot(work) == before


def test_report_onto_a_directory(work):
    (work / "out.xlsx").mkdir()
    res = _run(work, "report", "-o", "out.xlsx")
    assert res.exit_code == 2 and "'out.xlsx' is a directory" in res.stderr


def test_report_into_a_read_only_folder(work, monkeypatch):
    """Simulated (the tests may run as root, who can write anywhere): the temp
    file cannot be created."""
    import os

    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    before = _snapshot(work)
    res = _run(work, "report", "-o", "out.xlsx")
    _no_traceback(res)
    assert res.exit_code == 2
    assert "out.xlsx: cannot write the workbook: Permission denied; check that the folder exists and is writable" \
        in res.stderr
    assert _snapshot(work) == before


@pytest.mark.slow
def test_report_never_replaces_a_workbook_holding_unimported_decisions(seeded):
    import openpyxl

    reported = seeded
    assert _run(reported, "report").exit_code == 0

    book = reported / "conflicts.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["Conflicts"]
    header = [c.value for c in ws[1]]
    col = header.index("Decision") + 1  # 1-based column of the Decision cell
    ws.cell(row=2, column=col, value="explained")
    ws.cell(row=2, column=header.index("Reviewer") + 1, value="lee")
    wb.save(book)
    before = _snapshot(reported)
    for cmd in (["report"], ["run", "--root", "."]):
        res = _run(reported, *cmd)
        _no_traceback(res)
        assert res.exit_code == 1, cmd
        assert f"conflicts.xlsx:2:{col}: Decision = 'explained': holds 1 reviewer decision(s) not yet in " \
               "decisions.csv" in res.stderr
        assert "run `factcheck import-decisions conflicts.xlsx` first" in res.stderr
    assert _snapshot(reported) == before
    # once imported, the workbook may be replaced
    assert _run(reported, "import-decisions", "conflicts.xlsx").exit_code == 0
    assert _run(reported, "report").exit_code == 0


def test_report_leaves_a_read_only_workbook(work):
    assert _run(work, "report").exit_code == 0
    book = work / "conflicts.xlsx"
    book.chmod(0o444)
    before = _snapshot(work)
    try:
        res = _run(work, "report")
    finally:
        book.chmod(0o644)
    assert res.exit_code == 2
    assert "conflicts.xlsx: cannot write: the file is read-only (left as it is)" in res.stderr
    assert _snapshot(work) == before
    _no_temp_files(work)


def test_report_never_replaces_a_file_that_is_not_its_workbook(work):
    (work / "mine.xlsx").write_bytes(b"someone else's spreadsheet")
    before = _snapshot(work)
    res = _run(work, "report", "-o", "mine.xlsx")
    assert res.exit_code == 1
    assert "mine.xlsx: exists and is not a conflict workbook" in res.stderr and "move it away" in res.stderr
    assert _snapshot(work) == before


# --------------------------------------------------------------------------- extract: read-only, interrupted writes


@pytest.mark.slow
def test_extract_refuses_a_read_only_ledger_and_writes_nothing(work):
    (work / "new.txt").write_text("新闻\n2025年3月12日\n\n微软投资了130亿美元。\n", encoding="utf-8")
    (work / "claims.csv").chmod(0o444)
    before = _snapshot(work)
    try:
        res = _run(work, "extract", "new.txt")
    finally:
        (work / "claims.csv").chmod(0o644)
    _no_traceback(res)
    assert res.exit_code == 2
    assert "claims.csv: cannot write: the file is read-only (left as it is); make it writable" in res.stderr
    assert _snapshot(work) == before  # new.txt was not registered in sources.csv either
    _no_temp_files(work)


@pytest.mark.parametrize("exc", [KeyboardInterrupt, OSError(28, "No space left on device")], ids=["ctrl-c", "disk-full"])
def test_an_interrupted_write_leaves_the_old_file(work, monkeypatch, exc):
    """The temp file is being written when the interruption comes: the old
    ledger stays byte for byte, and the temp file is removed."""
    (work / "new.txt").write_text("新闻\n2025年3月12日\n\n微软投资了130亿美元。\n", encoding="utf-8")
    before = _sha(work / "claims.csv")
    real_fdopen = textio.os.fdopen

    class Half:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise exc

    monkeypatch.setattr(textio.os, "fdopen", lambda fd, mode: Half(real_fdopen(fd, mode)))
    res = _run(work, "extract", "new.txt")
    assert res.exit_code != 0
    assert _sha(work / "claims.csv") == before
    _no_temp_files(work)
    if isinstance(exc, OSError):
        assert "No space left on device" in res.stderr and "Traceback" not in res.stderr


def test_an_internal_error_is_one_line_not_a_traceback(work, monkeypatch):
    import ledger.job

    def boom(path):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(ledger.job, "read_valid_ledger", boom)
    res = _run(work, "check")
    assert res.exit_code == 1
    assert res.stderr.startswith("error: internal error: ZeroDivisionError: division by zero")
    assert "Traceback" not in res.stderr


# --------------------------------------------------------------------------- --json keys


def test_mentions_json_keys(work):
    res = _run(work, "mentions", "--json", "a1.txt")
    assert res.exit_code == 0
    rows = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert rows and all(list(r) == ["start", "end", "surface", "kind", "value", "low", "high", "unit", "qualifier",
                                    "source"] for r in rows)


def test_check_json_keys(seeded):
    res = _run(seeded, "check", "--json")
    assert res.exit_code == 1  # the shipped ledger has open contradictions
    rows = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert len(rows) > 10 and {"contradiction", "arithmetic", "issue"} <= {r["kind"] for r in rows}
    for r in rows:
        if r["kind"] == "issue":  # one per issue, before its findings (docs/findings.md)
            assert {"issue", "rank", "verdict", "members", "severity", "reason", "status"} <= set(r)
            assert r["issue"].startswith("i-") and all(c.startswith("c-") for c in r["members"])
            continue
        assert {"kind", "claims", "severity", "explanation", "rule", "implied_value", "implied_low", "implied_high",
                "implied_unit", "conflict_id", "status", "issue", "issue_rank", "evidence", "loose", "weak_a",
                "weak_b"} <= set(r)
        assert isinstance(r["claims"], list) and all(c.startswith("c-") for c in r["claims"])


def test_validate_json_keys(work):
    _break(work, ",contract_value,", ",contract_valu,")
    res = _run(work, "validate", "--json")
    (row,) = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert list(row) == ["file", "line", "column", "field", "value", "code", "reason", "hint", "severity", "message"]
    assert row["message"].startswith("claims.csv:3:10: metric = 'contract_valu'")


# --------------------------------------------------------------------------- mentions: the published date


STAMPED = "英伟达季度营收\n2024年5月22日 10:30 来源：新浪财经\n\n英伟达今年营收增长262%，上月股价大涨。公司预计明年推出新芯片。\n"


def test_mentions_dates_an_unregistered_article_by_its_stamp(work):
    (work / "stamped.txt").write_text(STAMPED, encoding="utf-8")
    res = _run(work, "mentions", "--json", "stamped.txt")
    dates = {r["surface"]: (r["low"], r["high"]) for r in map(json.loads, res.stdout.splitlines())
             if r["kind"] == "date"}
    # stamp 2024-05-22: 今年 = 2024, 上月 = April 2024, 明年 = 2025
    assert dates["今年"] == ("2024-01-01", "2024-12-31")
    assert dates["上月"] == ("2024-04-01", "2024-04-30")
    assert dates["明年"] == ("2025-01-01", "2025-12-31")


def test_mentions_prefers_sources_csv_and_then_published(work):
    (work / "stamped.txt").write_text(STAMPED, encoding="utf-8")
    with open(work / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write(f"stamped,stamped.txt,t,,2023-07,inferred,test,zh-Hans,{_sha(work / 'stamped.txt')}\n")

    def this_year(*extra: str) -> tuple[str, str]:
        res = _run(work, "mentions", "--json", *extra, "stamped.txt")
        (row,) = [r for r in map(json.loads, res.stdout.splitlines()) if r["surface"] == "今年"]
        return row["low"], row["high"]

    assert this_year() == ("2023-01-01", "2023-12-31")  # the sources.csv row wins over the stamp
    assert this_year("--published", "2021-02-03") == ("2021-01-01", "2021-12-31")  # the flag wins over both


def test_mentions_without_any_date_leaves_relative_dates_open(work):
    (work / "plain.txt").write_text("英伟达今年营收增长262%。\n", encoding="utf-8")
    res = _run(work, "mentions", "--json", "plain.txt")
    (row,) = [r for r in map(json.loads, res.stdout.splitlines()) if r["surface"] == "今年"]
    assert row["low"] is None and row["high"] is None


def test_docs_stamp_example_is_real_output(tmp_path, monkeypatch):
    sec = (ROOT / "docs" / "numbers.md").read_text(encoding="utf-8")
    shown = [line for line in sec.splitlines() if line.startswith("stamp\t")]
    assert len(shown) == 5
    (tmp_path / "stamp.txt").write_text(STAMPED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["mentions", "stamp.txt"]).stdout.splitlines() == shown


@pytest.mark.slow
@pytest.mark.parametrize("exc", [KeyboardInterrupt, OSError(28, "No space left on device")], ids=["ctrl-c", "disk-full"])
def test_an_interrupted_report_leaves_the_old_workbook(work, monkeypatch, exc):
    from openpyxl import Workbook

    assert _run(work, "report").exit_code == 0
    before = _sha(work / "conflicts.xlsx")

    def half_save(self, filename):
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise exc

    monkeypatch.setattr(Workbook, "save", half_save)
    res = _run(work, "report")
    assert res.exit_code != 0
    assert _sha(work / "conflicts.xlsx") == before
    _no_temp_files(work)
    assert [p.name for p in work.iterdir() if p.name.startswith(".")] == []


NEW = "新闻\n2025年3月12日\n\n微软投资了130亿美元。\n"  # one new money claim: 130亿美元 = 13000000000 USD


def test_extract_json_keys(work):
    from ledger.record import COLUMNS

    (work / "new.txt").write_text(NEW, encoding="utf-8")
    res = _run(work, "extract", "--json", "new.txt")
    assert res.exit_code == 0, res.stderr
    first, *added = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert list(first) == ["ledger", "sources", "articles", "added", "unchanged", "kept_reviewed", "orphaned",
                           "registered", "written", "problems"]
    assert first["registered"] == ["new"] and first["added"] == len(added) >= 1
    assert all(list(a) == ["added"] and list(a["added"]) == list(COLUMNS) for a in added)
    money = [a["added"] for a in added if a["added"]["surface"] == "130亿美元"]
    assert money and money[0]["value"] == 13_000_000_000 and money[0]["unit"] == "USD"


@pytest.mark.slow
def test_report_and_run_json_keys(seeded):
    (row,) = [json.loads(ln) for ln in _run(seeded, "report", "--json").stdout.splitlines()]
    assert list(row) == ["report", "ledger", "claims", "findings", "open", "open_contradictions", "by_kind", "notes"]
    assert row["findings"] == sum(row["by_kind"].values())
    res = _run(seeded, "run", "--json")
    assert res.exit_code == 0 and res.stderr == ""  # no progress chatter with --json
    (job,) = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert list(job) == ["extract", "report", "problems"]
    assert job["report"]["claims"] == row["claims"]


@pytest.mark.slow
def test_import_decisions_json_keys_and_errors_on_stderr(seeded):
    assert _run(seeded, "report").exit_code == 0
    res = _run(seeded, "import-decisions", "--json", "conflicts.xlsx")
    assert res.exit_code == 0
    (row,) = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert list(row) == ["decisions", "added", "changed", "unchanged", "total", "warnings"]
    res = _run(seeded, "import-decisions", "--json", "claims.csv")
    assert res.exit_code == 2 and res.stdout == "" and "claims.csv: cannot open the workbook" in res.stderr


# --------------------------------------------------------------------------- every broken ledger through check/report

BROKEN_DIR = DATA / "broken"
_EXPECTED = {r["file"]: r for r in __import__("csv").DictReader(
    (BROKEN_DIR / "expected.csv").read_text(encoding="utf-8").splitlines(keepends=True))}
#: checked by `validate` only (ids against spans, spans against the articles): check/report accept them
ARTICLE_LEVEL = {"06_surface_mismatch.csv", "20_unknown_source.csv", "21_quote_not_in_article.csv",
                 "22_claim_id_mismatch.csv"}
VALIDATE_ONLY = {"duplicate-span", "claim-id-mismatch", "surface-mismatch", "unknown-source", "quote-not-in-article"}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(_EXPECTED), ids=lambda n: n[:-4])
@pytest.mark.parametrize("cmd", ["check", "report"])
def test_every_broken_ledger_through_check_and_report(tmp_path, monkeypatch, cmd, name):
    """Same exit status as `validate` (tests/data/broken/expected.csv, written
    by hand), every expected line:column named, nothing written, no traceback."""
    for f in (BROKEN_DIR / "seeds").iterdir():
        shutil.copy(f, tmp_path / f.name)
    shutil.copy(BROKEN_DIR / name, tmp_path / "claims.csv")
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    res = CliRunner().invoke(main, [cmd])
    _no_traceback(res)
    if name in ARTICLE_LEVEL:
        assert res.exit_code == 0
        return
    want = _EXPECTED[name]
    assert res.exit_code == int(want["exit"]), res.stderr
    for finding in want["findings"].split():
        line, col, code = finding.split(":")
        if code in VALIDATE_ONLY:
            continue
        where = f"claims.csv:{line}" + (f":{col}" if col != "-" else ":")
        assert f"error: {where}" in res.stderr, (where, res.stderr)
    assert res.stdout == ""
    assert _snapshot(tmp_path) == before


def test_extract_with_nothing_to_write_does_not_mind_read_only_files(work):
    """Re-extracting a registered article adds nothing: read-only claims.csv
    and sources.csv are fine (nothing would be written)."""
    assert _run(work, "extract", "a1.txt").exit_code == 0  # merge once (adds what the framer finds)
    (work / "claims.csv").chmod(0o444)
    (work / "sources.csv").chmod(0o444)
    try:
        res = _run(work, "extract", "a1.txt")
    finally:
        (work / "claims.csv").chmod(0o644)
        (work / "sources.csv").chmod(0o644)
    assert res.exit_code == 0, res.stderr
    assert "claims.csv unchanged" in res.stdout


def test_debug_shows_the_traceback_of_an_internal_error(work, monkeypatch):
    import ledger.job

    def boom(path):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(ledger.job, "read_valid_ledger", boom)
    res = CliRunner().invoke(main, ["--debug", "check"])
    assert res.exit_code == 1
    assert "Traceback" in res.stderr and "ZeroDivisionError" in res.stderr

"""Issue 14, "a shared ledger that nothing corrupts or leaks": one test (or
a few) per row of the issue's table, each failing on the code before it.

Rows: confined article paths; an edit saved during extract; run refused for
unimported decisions; any file name; temp files of killed runs; capped error
reports; check's output modes; a closed pipe; widened spans; run without
seeds/sources.csv; a value rounded by a spreadsheet; a semicolon-separated
ledger.  (Long articles' extraction time is measured by
bench/extract_scaling.py, not tested.)
"""
from __future__ import annotations

import hashlib
import json
import math
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ledger.cli import main
from tests.conftest import DATA, ROOT, SEEDS

BAD = DATA / "bad_input"
SECRET = "TOP-SECRET-LINE-" + "x" * 60  # a file outside the project: never quoted


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def proj(tmp_path, monkeypatch) -> Path:
    """tmp_path/proj with the small valid ledger (claims.csv, sources.csv,
    a1.txt); tmp_path/secret.txt lies outside it; cwd is proj."""
    folder = tmp_path / "proj"
    folder.mkdir()
    for name in ("claims.csv", "sources.csv", "a1.txt"):
        shutil.copy(BAD / name, folder / name)
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def seeded(tmp_path, monkeypatch) -> Path:
    """tmp_path with the shipped claims.csv and seeds/; cwd is tmp_path."""
    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _set_file(folder: Path, new: str) -> None:
    path = folder / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",a1.txt,", f",{new},"), encoding="utf-8")


# --------------------------------------------------------------------------- 1. confined paths


@pytest.mark.parametrize("kind", ["absolute", "dotdot", "symlink"])
def test_validate_refuses_an_article_outside_the_folder_and_quotes_none_of_it(proj, kind):
    secret = proj.parent / "secret.txt"
    if kind == "symlink":
        (proj / "link.txt").symlink_to(secret)
    _set_file(proj, {"absolute": str(secret), "dotdot": "../secret.txt", "symlink": "link.txt"}[kind])
    res = _run("validate", "--json")
    problems = [json.loads(line) for line in res.stdout.splitlines()]
    outside = [p for p in problems if p["code"] == "article-outside"]
    # sources.csv: header on line 1, the one article on line 2; 'file' is its 2nd column
    assert [(p["file"], p["line"], p["column"], p["field"]) for p in outside] == [("sources.csv", 2, 2, "file")]
    assert "TOP-SECRET" not in res.output + res.stderr  # not a character of the outside file
    assert res.exit_code == 1


def test_an_articles_root_named_by_the_user_admits_what_lies_inside_it(proj):
    (proj / "articles").mkdir()
    shutil.move(proj / "a1.txt", proj / "articles" / "a1.txt")
    (proj / "sub").mkdir()
    shutil.move(proj / "sources.csv", proj / "sub" / "sources.csv")
    _set_file(proj / "sub", "../articles/a1.txt")  # leaves sub/, stays inside proj/
    assert _run("validate", "--sources", "sub/sources.csv").exit_code == 1  # default root: sub/
    res = _run("validate", "--sources", "sub/sources.csv", "--articles-root", ".")
    assert res.exit_code == 0, res.output


def test_extract_refuses_a_symlink_out_of_the_articles_folder(proj):
    (proj / "evil.txt").symlink_to(proj.parent / "secret.txt")
    before = _snapshot(proj)
    res = _run("extract", "evil.txt")
    assert res.exit_code == 2
    assert "evil.txt: the article is outside the articles folder" in res.stderr
    assert "TOP-SECRET" not in res.output + res.stderr
    assert _snapshot(proj) == before


def test_a_long_wrong_span_is_quoted_at_most_40_characters(proj):
    from ledger.claims import validate_ledger

    path = proj / "claims.csv"
    # row 4 (27% at 59:62) stretched to 0:62: its 'surface' no longer matches the span
    path.write_text(path.read_text(encoding="utf-8").replace("a1,59,62,27%", "a1,0,62,27%"), encoding="utf-8")
    found = [p for p in validate_ledger(path).problems if p.code == "surface-mismatch"]
    assert len(found) == 1
    text = (proj / "a1.txt").read_text(encoding="utf-8")
    assert repr(text[:40]) in found[0].reason and text[:41] not in found[0].reason
    assert "(62 characters)" in found[0].reason


# --------------------------------------------------------------------------- 2. no lost update


NEW = "新闻\n2025年3月12日\n\n微软投资了130亿美元。\n"  # one new money claim


def test_an_edit_saved_while_extract_runs_is_kept_and_extract_refuses(proj, monkeypatch):
    import ledger.job as job

    (proj / "new.txt").write_text(NEW, encoding="utf-8")
    edited = (proj / "claims.csv").read_text(encoding="utf-8").replace(",unreviewed,,,extracted,0.8", ",rejected,ann,,extracted,0.8", 1)
    real = job.frame_file

    def frame_and_meanwhile_save(path, **kw):  # between extract's read and its write
        (proj / "claims.csv").write_text(edited, encoding="utf-8")
        return real(path, **kw)

    monkeypatch.setattr(job, "frame_file", frame_and_meanwhile_save)
    sources_before = _sha(proj / "sources.csv")
    res = _run("extract", "new.txt")
    assert res.exit_code == 1
    assert "claims.csv: changed on disk after it was read" in res.stderr and "run the command again" in res.stderr
    assert (proj / "claims.csv").read_text(encoding="utf-8") == edited  # the reviewer's version
    assert _sha(proj / "sources.csv") == sources_before  # new.txt not registered without its claims
    assert not list(proj.glob(".*.tmp"))
    monkeypatch.setattr(job, "frame_file", real)
    again = _run("extract", "new.txt")  # as the message says: run it again
    assert again.exit_code == 0 and ",rejected,ann," in (proj / "claims.csv").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_second_factcheck_waits_for_the_lock_and_says_so(proj):
    from filelock import FileLock

    from ledger.guard import lock_path

    (proj / "new.txt").write_text(NEW, encoding="utf-8")
    lock = FileLock(str(lock_path(proj / "claims.csv")))
    lock.acquire()
    try:
        child = subprocess.Popen([sys.executable, "-m", "ledger.cli", "extract", "new.txt"], cwd=proj,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = child.stderr.readline()  # blocks until the child says something
        assert "waiting for another factcheck process working on claims.csv" in first
        assert child.poll() is None  # still waiting
    finally:
        lock.release()
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "1 added" in out
    assert not (proj / ".claims.csv.lock").exists()


def test_a_workbook_saved_by_someone_else_meanwhile_is_not_replaced(proj, monkeypatch):
    import ledger.job as job

    assert _run("report").exit_code == 0
    real = job.check

    def check_and_meanwhile_save(*a, **k):
        (proj / "conflicts.xlsx").write_bytes(b"someone else's file")
        return real(*a, **k)

    monkeypatch.setattr(job, "check", check_and_meanwhile_save)
    res = _run("report")
    assert res.exit_code == 1 and "conflicts.xlsx: changed on disk" in res.stderr
    assert (proj / "conflicts.xlsx").read_bytes() == b"someone else's file"


# --------------------------------------------------------------------------- 3. all or nothing


def _decide_first_conflict(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Conflicts"]
    heads = [c.value for c in ws[1]]
    ws.cell(row=2, column=heads.index("Decision") + 1).value = "explained"
    ws.cell(row=2, column=heads.index("Reviewer") + 1).value = "ann"
    wb.save(book)


@pytest.mark.slow
def test_run_with_unimported_decisions_and_a_new_article_changes_nothing(seeded):
    assert _run("run").exit_code == 0
    _decide_first_conflict(seeded / "conflicts.xlsx")
    (seeded / "seeds" / "new.txt").write_text(NEW, encoding="utf-8")
    before = _snapshot(seeded)
    res = _run("run")
    assert res.exit_code == 1
    assert "holds 1 reviewer decision(s) not yet in" in res.stderr
    assert _snapshot(seeded) == before  # claims.csv, seeds/sources.csv, conflicts.xlsx byte-identical
    res = _run("import-decisions", "conflicts.xlsx")  # the way out the message names works
    assert res.exit_code == 0, res.stderr
    assert "1 added" in res.stdout


def test_run_refused_by_validation_writes_nothing(seeded):
    (seeded / "seeds" / "new.txt").write_text(NEW, encoding="utf-8")
    path = seeded / "claims.csv"  # a quote that is not in its article: only full validation finds it
    text = path.read_text(encoding="utf-8")
    first_quote = text.splitlines()[1].split(",")[5]
    path.write_text(text.replace(first_quote, first_quote[:-3] + "ZZZ", 1), encoding="utf-8")
    before = _snapshot(seeded)
    res = _run("run")
    assert res.exit_code == 1 and "nothing was written" in res.stderr
    assert _snapshot(seeded) == before


# --------------------------------------------------------------------------- 4. any file name


def _expected_id(stem: str, slug: str) -> str:
    return f"{slug}_{hashlib.sha256(stem.encode('utf-8')).hexdigest()[:10]}"


@pytest.mark.slow
def test_any_file_name_becomes_a_valid_source_id_and_runs_stay_green(seeded):
    shutil.copy(SEEDS / "001_65e055411d3fbeb8.txt", seeded / "seeds" / "微软 新闻 2025.txt")
    shutil.copy(SEEDS / "002_49af0953fd15d42f.txt", seeded / "seeds" / "-rf.txt")
    first = _run("run")
    assert first.exit_code in (0, 1), first.stderr  # 1: the seeds' open contradictions
    ids = [line.split(",", 1)[0] for line in (seeded / "seeds" / "sources.csv").read_text(encoding="utf-8").splitlines()]
    # the documented slug: ASCII letters, digits, '_.-' kept, other runs one '-', ends stripped
    assert _expected_id("微软 新闻 2025", "2025") in ids and _expected_id("-rf", "rf") in ids
    assert "001_65e055411d3fbeb8" in ids  # an existing id stays as it is
    assert _run("validate").exit_code == 0
    second = _run("run")
    assert second.exit_code == first.exit_code and "0 added" in second.stdout


def test_names_after_double_dash_are_files(proj):
    (proj / "-rf.txt").write_text(NEW, encoding="utf-8")
    res = _run("extract", "--", "-rf.txt")
    assert res.exit_code == 0, res.output
    assert f"registered {_expected_id('-rf', 'rf')}" in res.stdout
    assert _run("validate").exit_code == 0


def test_seed_ids_are_unchanged_by_the_id_rule():
    from ledger.sources import source_id

    for path in SEEDS.glob("*.txt"):
        assert source_id(path) == path.stem


# --------------------------------------------------------------------------- 5. no leftovers


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_run_removes_temp_files_of_a_killed_one(proj):
    dead = _dead_pid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = [proj / f".claims.csv.{dead}-0123456789ab.tmp", proj / ".claims.csv.0123456789ab.tmp",
                 proj / f".sources.csv.{dead}-0123456789ab.tmp", proj / f".conflicts.xlsx.{dead}-0123456789ab.tmp"]
        for p in stale:
            p.write_bytes(b"half")
        scratch = proj / f".conflicts.xlsx.{dead}-0123456789ab.tmpdir"
        scratch.mkdir()
        (scratch / "openpyxl.abc").write_bytes(b"x" * 1000)
        live = proj / f".claims.csv.{sleeper.pid}-0123456789ab.tmp"  # another process still writing it
        live.write_bytes(b"busy")
        (proj / "new.txt").write_text(NEW, encoding="utf-8")
        assert _run("extract", "new.txt").exit_code == 0
        assert _run("report").exit_code == 0
        assert [p for p in [*stale, scratch] if p.exists()] == []
        assert live.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def _openpyxl_temps() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("openpyxl.*")}


def test_an_interrupted_report_leaves_no_temp_file_anywhere(proj, monkeypatch):
    import ledger.report.workbook as workbook

    assert _run("report").exit_code == 0
    before, temps = _sha(proj / "conflicts.xlsx"), _openpyxl_temps()

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(workbook, "_arithmetic_sheet", interrupted)  # sheets half written: temp files exist
    res = _run("report")
    assert res.exit_code != 0
    assert _sha(proj / "conflicts.xlsx") == before
    assert [p.name for p in proj.iterdir() if p.name.startswith(".")] == []
    assert _openpyxl_temps() <= temps  # none left in the system's temp folder either


SIGTERM_CHILD = """
import os, sys, time
import ledger.report.workbook as wb
real = wb._arithmetic_sheet
def slow(*a, **k):
    open("ready", "w").close()
    time.sleep(60)
wb._arithmetic_sheet = slow
from ledger.cli import main
main(["report"])
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_report_removes_its_temp_files(proj):
    assert _run("report").exit_code == 0
    before = _sha(proj / "conflicts.xlsx")
    child = subprocess.Popen([sys.executable, "-c", SIGTERM_CHILD], cwd=proj,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not (proj / "ready").exists():  # the workbook is being written: its temp files exist
        assert child.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    assert [p for p in proj.iterdir() if p.name.startswith(".conflicts.xlsx.")]
    child.send_signal(signal.SIGTERM)
    child.communicate(timeout=60)
    assert child.returncode == 128 + signal.SIGTERM
    (proj / "ready").unlink()
    assert [p.name for p in proj.iterdir() if p.name.startswith(".")] == []
    assert _sha(proj / "conflicts.xlsx") == before


# --------------------------------------------------------------------------- 6. capped error reports


def test_validate_prints_the_first_20_of_a_code_then_the_count_and_the_total(seeded):
    import csv
    import io

    path = seeded / "claims.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    kind = rows[0].index("kind")
    n = 0
    for row in rows[1:]:  # every money row's kind misspelt: one 'not-in-vocabulary' error each
        if row[kind] == "money":
            row[kind], n = "mony", n + 1
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert n > 20
    res = _run("validate")
    shown = [ln for ln in res.stdout.splitlines() if "kind = 'mony'" in ln]
    assert len(shown) == 20
    assert f"... and {n - 20} more 'not-in-vocabulary' problem(s) not shown" in res.stdout
    assert f"{n} error(s)" in res.stderr
    every = _run("validate", "--max-per-code", "0")
    assert len([ln for ln in every.stdout.splitlines() if "kind = 'mony'" in ln]) == n
    assert len([ln for ln in _run("validate", "--json").stdout.splitlines() if '"mony"' in ln]) == n


# --------------------------------------------------------------------------- 7. check's output modes


def test_check_json_lines_are_the_findings_rows(seeded):
    from ledger.crosscheck import CONFLICT_COLUMNS
    from ledger.crosscheck.issues import issue_frame
    from ledger.job import check_ledger

    found = check_ledger(seeded / "claims.csv")
    res = _run("check", "--json")
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    findings = [r for r in rows if r["kind"] != "issue"]
    assert len(findings) == len(found)
    issue_ids = dict(zip(issue_frame(found)["issue_rank"], issue_frame(found)["issue"]))
    for got, want in zip(findings, found.to_dict("records")):
        expected = {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in want.items()
                    if k in CONFLICT_COLUMNS}
        expected["claims"] = expected["claims"].split(";")
        assert {k: got[k] for k in CONFLICT_COLUMNS} == expected
        assert (got["issue"], got["issue_rank"]) == (issue_ids[want["issue_rank"]], want["issue_rank"])
        assert (got["evidence"], got["loose"]) == (want["evidence"], want["loose"])
    # each issue object comes right before its findings
    issues = [n for n, r in enumerate(rows) if r["kind"] == "issue"]
    assert len(issues) == len(issue_ids) and issues[0] == 0
    for n in issues:
        assert rows[n + 1]["issue"] == rows[n]["issue"]


def test_check_text_lists_each_finding_under_its_issue_in_rank_order(seeded):
    from ledger.crosscheck.issues import issue_frame
    from ledger.job import check_ledger

    found = check_ledger(seeded / "claims.csv")
    issues = issue_frame(found)
    out = _run("check").stdout.splitlines()
    heads = [ln for ln in out if ln.startswith("== ")]
    assert [h.split()[1] for h in heads] == [f"#{r}" for r in issues["issue_rank"]]
    assert out[-1].startswith(f"{len(found)} findings (") and f"in {len(issues)} issue(s)" in out[-1]
    ids = dict(zip(issues["issue_rank"], issues["issue"]))
    for rank, subject, cid in zip(found["issue_rank"], found["subject"], found["conflict_id"]):
        at = next(i for i, ln in enumerate(out) if cid in ln)
        head = [ln for ln in out[:at] if ln.startswith("== ")][-1]
        assert ids[rank] in head and subject in head


# --------------------------------------------------------------------------- 8. a closed pipe


@pytest.mark.slow
def test_a_closed_pipe_ends_quietly(seeded):
    child = subprocess.Popen([sys.executable, "-m", "ledger.cli", "check"], cwd=seeded,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # the reader (head) is gone before anything is written
    err = child.stderr.read().decode()
    child.wait(timeout=120)
    assert "Broken pipe" not in err and "Traceback" not in err and "error" not in err
    assert child.returncode == 128 + 13  # as a shell shows a program stopped by SIGPIPE


# --------------------------------------------------------------------------- 9. widened spans


def test_a_widened_reviewed_span_is_the_same_claim_on_reextraction(proj):
    from ledger.claims import read_ledger

    path = proj / "claims.csv"
    assert _run("extract", "a1.txt").exit_code == 0  # the ledger holds what the framer finds
    text = (proj / "a1.txt").read_text(encoding="utf-8")
    assert text[36:43] == "达119亿美元"  # the reviewer widens 119亿美元 (37:43) by one character
    old = path.read_text(encoding="utf-8")
    from ledger.record import claim_id

    wide = old.replace("c-4785fd82527a,a1,37,43,119亿美元", f"{claim_id('a1', 36, 43, '达119亿美元')},a1,36,43,达119亿美元")
    path.write_text(wide, encoding="utf-8")
    rows_before = len(read_ledger(path))
    res = _run("extract", "a1.txt")
    assert res.exit_code == 0, res.output
    after = read_ledger(path)
    assert len(after) == rows_before and "119亿美元" not in set(after["surface"])
    assert "达119亿美元" in set(after["surface"])


def test_overlapping_spans_of_two_claims_are_a_warning(proj):
    from ledger.claims import validate_ledger
    from ledger.record import claim_id

    path = proj / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    extra = lines[2].replace("c-4785fd82527a,a1,37,43,119亿美元", f"{claim_id('a1', 36, 43, '达119亿美元')},a1,36,43,达119亿美元")
    path.write_text("".join([*lines[:2], extra, *lines[2:]]), encoding="utf-8")
    report = validate_ledger(path)
    found = [(p.line, p.code, p.severity) for p in report.problems if p.code == "overlapping-span"]
    # sorted by start: 36:43 (line 3) comes first, 37:43 (line 4) overlaps it
    assert found == [(4, "overlapping-span", "warning")]
    assert report.valid


# --------------------------------------------------------------------------- 10. run without seeds/sources.csv


def test_run_without_the_sources_table_refuses_and_creates_nothing(seeded):
    (seeded / "seeds" / "sources.csv").unlink()
    before = _snapshot(seeded)
    res = _run("run")
    assert res.exit_code == 2
    assert "no sources table, but" in res.stderr and "89 claim(s) from 5 source(s)" in res.stderr
    assert _snapshot(seeded) == before
    assert not (seeded / "sources.csv").exists() and not (seeded / "seeds" / "sources.csv").exists()


# --------------------------------------------------------------------------- 11. a value rounded by a spreadsheet


def test_a_value_with_fewer_significant_digits_than_its_surface_is_a_warning(tmp_path):
    from ledger.claims import validate_ledger
    from ledger.record import claim_id

    article = "微软投资了130.5亿美元。"
    (tmp_path / "b1.txt").write_text(article, encoding="utf-8")
    start = article.index("130.5亿美元")
    end = start + len("130.5亿美元")
    sha = hashlib.sha256(article.encode()).hexdigest()
    (tmp_path / "sources.csv").write_text(
        "id,file,title,publisher,published,published_basis,published_evidence,script,sha256\n"
        f"b1,b1.txt,t,,2025-03,stated,x,zh-Hans,{sha}\n", encoding="utf-8")
    header = (BAD / "claims.csv").read_text(encoding="utf-8").splitlines()[0]

    def ledger(value: str) -> str:
        cid = claim_id("b1", start, end, "130.5亿美元")
        return (f"{header}\n{cid},b1,{start},{end},130.5亿美元,{article},money,Microsoft,,investment,2025,actual,"
                f"{value},,,CNY,exact,unreviewed,,,extracted,,\n")

    (tmp_path / "claims.csv").write_text(ledger("1.3E+10"), encoding="utf-8")
    report = validate_ledger(tmp_path / "claims.csv")
    found = [(p.line, p.field, p.code, p.severity) for p in report.problems]
    # 1.3E+10 has 2 significant digits (1, 3); 130.5 has 4 (1, 3, 0, 5)
    assert found == [(2, "value", "value-precision", "warning")]
    assert "has 2 significant digit(s), the surface '130.5亿美元' has 4" in report.problems[0].reason
    (tmp_path / "claims.csv").write_text(ledger("13050000000"), encoding="utf-8")
    assert validate_ledger(tmp_path / "claims.csv").problems == []


# --------------------------------------------------------------------------- 12. separators


@pytest.mark.parametrize("sep, what", [(";", "semicolons"), ("\t", "tabs")])
def test_a_claims_ledger_separated_by_semicolons_or_tabs_is_named_as_such(proj, sep, what):
    path = proj / "claims.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text(header.replace(",", sep) + "\n" + rows[0].replace(",", sep) + "\n", encoding="utf-8")
    res = _run("validate")
    assert res.exit_code == 2
    assert "claims.csv:1:1: " in res.stdout and f"the claims ledger is separated by {what}, not commas" in res.stdout

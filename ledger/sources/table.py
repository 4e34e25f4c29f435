"""The sources table (``seeds/sources.csv``): one row per article, with its
publication date and how that date is known, its script and its sha256.
"""
from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ledger.csvio import TableSpec, each_distinct, fast_table, format_row, matches, newlines, read_table
from ledger.errors import Code, InvalidValue, LedgerInvalid, Problem
from ledger.intervals import parse_period
from ledger.sources.articles import detect_script, read_article
from ledger.sources.paths import SOURCE_ID, confine, source_id
from ledger.textio import ANY, Expect, Staged, commit, decode_bytes, read_stamped, sha256_of, stage_bytes

# --------------------------------------------------------------------------- the sources table
#
# ``seeds/sources.csv`` has one row per article.  ``file`` is relative to the
# folder of sources.csv.  ``published`` is an ISO date (YYYY-MM-DD), month
# (YYYY-MM) or year (YYYY), or empty when nothing fixes it; ``published_basis``
# says how we know it: ``stated`` (a date stamp in the text), ``inferred``
# (worked out from the content; ``published_evidence`` gives the words and the
# reasoning) or ``unknown``.  Relative dates in an article (去年底, 上周) are
# resolved against ``published``.

#: Columns of sources.csv, in order: (name, description).
SOURCE_SPECS: tuple[tuple[str, str], ...] = (
    ("id", "article id: the file stem, e.g. 001_65e055411d3fbeb8"),
    ("file", "the article file, relative to the folder of sources.csv"),
    ("title", "the article's title as it appears in the text (first non-empty line)"),
    ("publisher", "who published it, where the text names it; else empty"),
    ("published", "publication date: YYYY-MM-DD, YYYY-MM or YYYY; empty if unknown"),
    ("published_basis", "stated, inferred or unknown"),
    ("published_evidence", "the words that fix the date, and the reasoning for an inferred one"),
    ("script", "zh-Hans, zh-Hant or en (ledger.sources.detect_script)"),
    ("sha256", "sha256 of the file's bytes (64 lower-case hex)"),
)
SOURCE_COLUMNS: tuple[str, ...] = tuple(name for name, _ in SOURCE_SPECS)
PUBLISHED_BASES = ("stated", "inferred", "unknown")
SCRIPTS = ("zh-Hans", "zh-Hant", "en")

#: Where articles and their sources table live in a workspace (beside the ledger).
ARTICLES_DIR, SOURCES_NAME = "seeds", "sources.csv"


def find_sources(root: str | Path) -> Path:
    """The sources table of a workspace rooted at ``root`` (the ledger's
    folder), by the one rule every command uses: the first of
    ``ROOT/seeds/sources.csv`` and ``ROOT/sources.csv`` that exists; else
    where a new one goes: in ``ROOT/seeds/`` if that folder exists, else in
    ``ROOT``."""
    root = Path(root)
    seeds = root / ARTICLES_DIR
    for candidate in (seeds / SOURCES_NAME, root / SOURCES_NAME):
        if candidate.is_file():
            return candidate
    return seeds / SOURCES_NAME if seeds.is_dir() else root / SOURCES_NAME


_ISO_PUBLISHED = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def parse_published(value: str):
    """``'2025-05-05'`` / ``'2025-05'`` / ``'2025'`` -> (first day, last day)
    as :class:`datetime.date`; raise ValueError if it is not one of those."""
    if not _ISO_PUBLISHED.fullmatch(value):
        raise ValueError(f"not YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    return parse_period(value)  # raises on 2025-02-30


#: sources.csv as a table of the one CSV reader.
SOURCES_SPEC = TableSpec("sources table", SOURCE_COLUMNS, free_text=("title", "publisher", "published_evidence"),
                         code=Code.HEADER)


def _row_problems(row: dict[str, str], where: dict[str, tuple[int, int | None]], file: str) -> list[Problem]:
    """Every problem of one row of the sources table (``where``: field ->
    (editor line, file column))."""
    out: list[Problem] = []

    def bad(field: str, reason: str, hint: str, code: str) -> None:
        line, column = where[field]
        out.append(Problem(file, line, column, field, row[field], code, reason, hint))

    if not SOURCE_ID.fullmatch(row["id"]):
        bad("id", "not an article id", "use the id `factcheck extract` gives the file (its stem when that is "
            "letters, digits, '_', '.', '-', e.g. 001_65e055411d3fbeb8; else a slug and a hash)", Code.SOURCE_ID)
    if not row["file"]:
        bad("file", "empty", "give the article path relative to sources.csv", Code.SOURCE_FILE)
    basis = row["published_basis"]
    if basis not in PUBLISHED_BASES:
        bad("published_basis", "unknown basis", "use one of " + ", ".join(PUBLISHED_BASES), Code.SOURCE_BASIS)
    if row["published"]:
        try:
            parse_published(row["published"])
        except ValueError as exc:
            bad("published", str(exc), "write the date as YYYY-MM-DD, YYYY-MM or YYYY", Code.SOURCE_PUBLISHED)
        if basis == "unknown":
            bad("published_basis", "a date is given but the basis is 'unknown'", "say 'stated' or 'inferred'",
                Code.SOURCE_BASIS)
    elif basis in ("stated", "inferred"):
        bad("published", f"empty but the basis is {basis!r}", "give the date or set the basis to 'unknown'",
            Code.SOURCE_PUBLISHED)
    if basis == "inferred" and not row["published_evidence"]:
        bad("published_evidence", "an inferred date needs its evidence",
            "quote the words that fix the date and the reasoning", Code.SOURCE_EVIDENCE)
    if row["script"] not in SCRIPTS:
        bad("script", "unknown script", "use one of " + ", ".join(SCRIPTS), Code.SOURCE_SCRIPT)
    if not _SHA256.fullmatch(row["sha256"]):
        bad("sha256", "not a sha256 (64 lower-case hex digits)", "run `sha256sum` on the article", Code.SOURCE_SHA256)
    return out


def read_sources(path: str | Path, *, check_files: bool = False, root: str | Path | None = None,
                 name: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """The sources table and every problem in it (file:line:column, all at
    once).  The frame has the table's rows (all columns str, in
    :data:`SOURCE_COLUMNS` order); ``frame.attrs["lines"]`` maps an id to its
    editor line.  With ``check_files`` each article must exist beside the
    table and match its sha256.  Raises :class:`InputUnreadable` only when the
    file cannot be read as a sources table at all."""
    path = Path(path)
    fast = None if check_files else _read_fast(path, name or str(path))
    if fast is not None:
        return fast
    loaded = read_table(path, SOURCES_SPEC, name=name, hint="check the path (the default is seeds/sources.csv)")
    problems = list(loaded.problems)
    rows: list[dict[str, str]] = []
    lines: dict[str, int] = {}
    seen: dict[str, int] = {}
    for rec in loaded.records:
        cells = loaded.cells(rec)
        row = {name: cells[name].value if name in cells else "" for name in SOURCE_COLUMNS}
        where = {name: (cells[name].line if name in cells else rec.line, loaded.columns.get(name))
                 for name in SOURCE_COLUMNS}
        found = [] if loaded.absent else _row_problems(row, where, loaded.file)
        if row["id"] in seen:
            found.append(Problem(loaded.file, rec.line, where["id"][1], "id", row["id"], Code.DUPLICATE_ID,
                                 f"duplicate id (first on line {seen[row['id']]})", "one row per article"))
        seen.setdefault(row["id"], rec.line)
        if check_files and not found:
            found += _file_problems(row, where, folder=path.parent, file=loaded.file, root=root)
        problems += found
        rows.append(row)
        lines.setdefault(row["id"], rec.line)
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS), dtype="string")
    frame.attrs["lines"] = lines
    frame.attrs["stamp"] = loaded.stamp
    return frame, problems


def _read_fast(path: Path, file: str) -> tuple[pd.DataFrame, list[Problem]] | None:
    """:func:`read_sources` of a well-formed table by pandas' C reader
    (:func:`ledger.csvio.fast_table`): each rule is asked of a whole column,
    and :func:`_row_problems` (the one place the rules are written out) of
    the rows that break one; None when the file is not for the fast path."""
    try:
        raw, stamp = read_stamped(path)
    except OSError:
        return None  # read_table says what is wrong
    table = fast_table(raw, SOURCE_COLUMNS) if raw else None
    if table is None:
        return None
    cells, record_lines = table
    lines = record_lines.tolist()
    col = {name: cells[name] for name in SOURCE_COLUMNS}
    published, basis = col["published"], col["published_basis"]
    dated = (published != "").to_numpy(dtype=bool)
    ok = (matches(col["id"], SOURCE_ID) & (col["file"] != "").to_numpy(dtype=bool)
          & basis.isin(PUBLISHED_BASES).to_numpy(dtype=bool) & col["script"].isin(SCRIPTS).to_numpy(dtype=bool)
          & matches(col["sha256"], _SHA256))
    ok &= ~dated | (each_distinct(published, _is_published) & (basis != "unknown").to_numpy(dtype=bool))
    ok &= dated | ~basis.isin(("stated", "inferred")).to_numpy(dtype=bool)
    ok &= ~((basis == "inferred") & (col["published_evidence"] == "")).to_numpy(dtype=bool)
    ids = col["id"].tolist()
    first: dict[str, int] = {}
    for sid, line in zip(reversed(ids), reversed(lines)):
        first[sid] = line  # the first line of each id
    repeated = col["id"].duplicated().to_numpy(dtype=bool)
    problems: list[Problem] = []
    for row in np.flatnonzero(~ok | repeated).tolist():
        values = {name: str(col[name].iat[row]) for name in SOURCE_COLUMNS}
        where = _cell_places(values, lines[row])
        problems += _row_problems(values, where, file) if not ok[row] else []
        if repeated[row]:
            problems.append(Problem(file, lines[row], where["id"][1], "id", values["id"], Code.DUPLICATE_ID,
                                    f"duplicate id (first on line {first[values['id']]})", "one row per article"))
    frame = cells.astype("string")
    frame.attrs["lines"] = first
    frame.attrs["stamp"] = stamp
    return frame, problems


def _is_published(value: str) -> bool:
    try:
        parse_published(value)
    except ValueError:
        return False
    return True


def _cell_places(values: dict[str, str], line: int) -> dict[str, tuple[int, int | None]]:
    """(editor line, file column) of each cell of a record starting on
    ``line`` (a quoted line break moves the cells after it down)."""
    where: dict[str, tuple[int, int | None]] = {}
    for i, name in enumerate(SOURCE_COLUMNS):
        where[name] = (line, i + 1)
        line += newlines(values[name])
    return where


def load_sources(path: str | Path, *, check_files: bool = False) -> pd.DataFrame:
    """:func:`read_sources`, refusing a table with any error: raises
    :class:`LedgerInvalid` listing every one (warnings are dropped)."""
    frame, problems = read_sources(path, check_files=check_files)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise LedgerInvalid(errors, file=str(path))
    return frame


def _file_problems(row: dict[str, str], where: dict[str, tuple[int, int | None]], *, folder: Path,
                   file: str, root: str | Path | None = None) -> list[Problem]:
    try:
        article = confine(folder, row["file"], root)
    except InvalidValue as err:
        line, column = where["file"]
        return [Problem(file, line, column, "file", row["file"], err.code, err.reason, err.hint)]
    if not article.is_file():
        line, column = where["file"]
        return [Problem(file, line, column, "file", row["file"], Code.SOURCE_MISSING, "article file not found",
                        f"expected it at {article}")]
    digest = sha256_of(article)
    if digest != row["sha256"]:
        line, column = where["sha256"]
        return [Problem(file, line, column, "sha256", row["sha256"], Code.SHA256_MISMATCH,
                        f"the article changed: its sha256 is now {digest}",
                        "offsets in claims.csv point into the old text; restore the file or re-review its claims")]
    return []


# A date stamp near the top of an article: 2025-05-05 23:55, 2025/5/5, 2025年5月5日.
_DATE_STAMPS = (
    re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
#: English stamps: 'Nov 19 2025', 'November 19, 2025', '19 November 2025' (a whole line's date)
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: what may open a stamp's line before its date: a byline ('By IANS |'), a label ('Published',
#: 'Last Updated:', 'Posted On'), a clock time ('10:11,') and a weekday ('Tue,', 'Monday,')
_EN_STAMP_LEAD = (r"^\W*(?:by\s+[^|\n]{1,40}\|\s*)?(?:(?:last\s+)?(?:published|updated|posted)(?:\s+on)?\s*:?\s*)?"
                  r"(?:\d{1,2}:\d{2}\s*,?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?")
_EN_STAMPS = (
    re.compile(_EN_STAMP_LEAD + r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.I),
    re.compile(_EN_STAMP_LEAD + r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", re.I),
)
#: a dateline: places, a comma, the date, then a dash or a wire's name ('TORONTO, Aug. 6, 2025
#: /PRNewswire/ -', 'SEOUL, Korea – July 31, 2025 – Samsung SDI today reported', 'Singapore,
#: Hong Kong, 06 Nov 2025 - DBS Group achieved')
_PLACES, _DATELINE_END = r"^[A-Z][A-Za-z .,'’–-]{1,100}?[,–-]\s+", r"\s*(?:[-–—]|/[A-Za-z .]+/)"
_DATELINES = (
    re.compile(_PLACES + r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})" + _DATELINE_END),
    re.compile(_PLACES + r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})" + _DATELINE_END),
)
#: a clock time after a date: a stamp even glued to a byline ('晓曦2026-03-12 19:58', '路透社2025年10月6日 21:01')
_CLOCK_AFTER = re.compile(r"\s+\d{1,2}:\d{2}(?!\d)")
_CLOCK_IN = re.compile(r"\s\d{1,2}:\d{2}")
_PUBLISHER_CUES = (
    re.compile(r"首发媒体\s*([^\s|｜,，。]+)"),
    re.compile(r"本文(?:系|为作者授权|由)([^\s,，。]{2,12}?)(?:专栏作者)?(?:发表|发布|首发)"),
    re.compile(r"(?:来源|來源|出处|出處)\s*[:：]\s*([^\s|｜,，。]{2,20})"),
)


def infer_published(text: str, *, lines: int = 8) -> tuple[str, str] | None:
    """Find an explicit date stamp in the first ``lines`` non-empty lines.

    Returns ``(iso_date, evidence)`` -- evidence being the stamp as written --
    or None.  Dates without a year (3月11日) and years alone are not stamps.
    """
    head = [ln for ln in text.splitlines() if ln.strip()][:lines]
    for ln in head:
        for rx in _DATE_STAMPS:
            m = next((m for m in rx.finditer(ln)
                      if not _in_sentence(ln, m.start()) or _CLOCK_AFTER.match(ln, m.end())
                      or _CLOCK_IN.search(m.group(0))), None)
            if not m:
                continue
            try:
                day = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            return day.isoformat(), m.group(0).strip()
        english = _english_stamp(ln)
        if english:
            return english
        dmy = _day_month_stamp(ln, text)
        if dmy:
            return dmy
    return None


#: a line that is a date with the year last: '12/02/2026', '12.02.2026 09:30'
_YEAR_LAST = re.compile(r"^\W*(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\W*$")


def _day_month_stamp(line: str, text: str) -> tuple[str, str] | None:
    """A line that is a date with the year last ('12/02/2026'): day first or month
    first, as the numbers say (a field above 12 is the day), else as the text says
    (the news's day written '12日' or '(12日)' and the other reading's day not), else
    day first in Chinese text (Hong Kong's order; the mainland and Taiwan put the year
    first) and no stamp in English (American and British orders disagree)."""
    m = _YEAR_LAST.match(line.strip())
    if not m:
        return None
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    readings = list(dict.fromkeys((d, mo) for d, mo in ((a, b), (b, a)) if 1 <= mo <= 12 and 1 <= d <= 31))
    if len(readings) == 2:
        said = [(d, mo) for d, mo in readings if re.search(rf"(?<!\d){d}\s*日", text)]
        if len(said) == 1:
            readings = said
        elif detect_script(text) == "en":
            return None
    if not readings:
        return None
    day, month = readings[0]
    try:
        return datetime.date(year, month, day).isoformat(), m.group(0).strip()
    except ValueError:  # 31/02/2026
        return None


def _in_sentence(line: str, at: int) -> bool:
    """Is the date at ``at`` said inside a sentence ('截至2025年9月30日', '于2025年6月30日',
    '财报显示,截至...'): a letter or a character of running text right before it?  A
    stamp stands apart: at the start of its line, after a space, a separator or a
    label ('发布时间:', 'Published ', '大公报 ', '|').  A date opening the first
    sentence ('2025年11月13日,腾讯控股发布...') is kept: it is the news's own day."""
    before = line[:at].rstrip(" \t\u3000\xa0")
    if not before or len(before) < len(line[:at]):
        return False  # the line's start, or a space before the date
    return before[-1].isalnum()


def _english_stamp(line: str) -> tuple[str, str] | None:
    """A line opening with an English date: 'Nov 19 2025', 'November 19, 2025', 'Published
    Tue, Nov 25, 2025', 'Last Updated: February 9, 2026'; or a dateline ('TORONTO, Aug. 6,
    2025 /PRNewswire/ -')."""
    for rx in (*_EN_STAMPS, *_DATELINES):
        m = rx.search(line.strip())
        if not m:
            continue
        month_word, day_text = (m.group(1), m.group(2)) if m.group(1)[:1].isalpha() else (m.group(2), m.group(1))
        month = month_word[:3].lower()
        if month not in _MONTH_NAMES:
            continue
        try:
            day = datetime.date(int(m.group(3)), _MONTH_NAMES.index(month) + 1, int(day_text))
        except ValueError:
            continue
        return day.isoformat(), m.group(0).strip(" \t-–—")
    return None


def infer_publisher(text: str) -> str:
    """The publisher where the text names it (首发媒体 X, 本文系X专栏作者发表,
    来源: X), else ''."""
    for rx in _PUBLISHER_CUES:
        m = rx.search(text)
        if m:
            return m.group(1)
    return ""


def source_record(path: str | Path, *, sources_dir: str | Path) -> dict[str, str]:
    """A sources.csv row for a new article, from the text alone.

    The date and publisher are filled only when the text states them (a date
    stamp in the first lines; a publisher credit); otherwise they stay empty
    and ``published_basis`` is ``unknown`` -- inferring a date from content is
    a reviewer's job, recorded with its evidence.
    """
    path = Path(path)
    text = read_article(path)
    title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    stamp = infer_published(text)
    rel = Path(os.path.relpath(path.resolve(), Path(sources_dir).resolve())).as_posix()
    return {
        "id": source_id(path),
        "file": rel,
        "title": title,
        "publisher": infer_publisher(text),
        "published": stamp[0] if stamp else "",
        "published_basis": "stated" if stamp else "unknown",
        "published_evidence": f"date stamp {stamp[1]!r} near the top" if stamp else "",
        "script": detect_script(text),
        "sha256": sha256_of(path),
    }


def register_sources(paths: Iterable[str | Path], sources_csv: str | Path, *,
                     table: pd.DataFrame | None = None) -> list[dict[str, str]]:
    """Append rows for articles not yet in ``sources_csv`` (created if absent)
    and return the rows added.  ``table``: the table as :func:`load_sources`
    read it (not read again; if the file changed since, nothing is written:
    :class:`~ledger.errors.MergeConflict` ``changed-on-disk``).  See
    :func:`plan_sources`."""
    staged, added = plan_sources(paths, sources_csv, table=table)
    if staged is not None:
        commit([staged])
    return added


def plan_sources(paths: Iterable[str | Path], sources_csv: str | Path, *,
                 table: pd.DataFrame | None = None) -> tuple[Staged | None, list[dict[str, str]]]:
    """The rows to append for articles not yet in ``sources_csv``, and the
    new file staged beside it (None when nothing is added); the caller
    commits it (:func:`ledger.textio.commit`), which checks that the table
    is still the one read.

    Existing rows are never rewritten: the new rows are appended to the
    file's text as it is.  An article already listed with the same sha256 is
    skipped; one listed with a different sha256 raises :class:`InvalidValue`
    (code ``sha256-mismatch``) and nothing is written -- its claims' offsets
    would no longer point at the right text, so a person must decide.
    """
    sources_csv = Path(sources_csv)
    expect: Expect = None
    if sources_csv.exists():
        existing = load_sources(sources_csv) if table is None else table
        raw, _ = read_stamped(sources_csv)
        expect = existing.attrs.get("stamp", ANY)  # if the file changed since, the commit refuses
        text = decode_bytes(raw, str(sources_csv))
    else:
        existing, text = None, format_row(list(SOURCE_COLUMNS))
    known = {} if existing is None else dict(zip(existing["id"], existing["sha256"]))
    lines = {} if existing is None else existing.attrs.get("lines", {})
    added: list[dict[str, str]] = []
    for p in paths:
        sid = source_id(p)
        if sid in known and Path(p).is_file() and known[sid] == sha256_of(p):
            continue  # registered with this very text: nothing to read
        rec = source_record(p, sources_dir=sources_csv.parent)
        if rec["id"] in known:
            if known[rec["id"]] != rec["sha256"]:
                raise InvalidValue(
                    f"{rec['file']} differs from the article registered under this id (sha256 now {rec['sha256']})",
                    file=str(sources_csv), line=lines.get(rec["id"]), column=SOURCE_COLUMNS.index("sha256") + 1,
                    field="sha256", value=known[rec["id"]], code=Code.SHA256_MISMATCH,
                    hint="register the new text under a new file name, or re-review the article's claims",
                )
            continue
        known[rec["id"]] = rec["sha256"]
        added.append(rec)
    if not added:
        return None, []
    if text and not text.endswith("\n"):
        text += "\n"
    text += "".join(format_row([r[c] for c in SOURCE_COLUMNS]) for r in added)
    return stage_bytes(sources_csv, text.encode("utf-8"), expect=expect, what="sources table"), added

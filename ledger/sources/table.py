"""The sources table (``seeds/sources.csv``): one row per article, with its
publication date and how that date is known, its script and its sha256.
"""
from __future__ import annotations

import csv
import datetime
import io
import os
import re
from pathlib import Path

import pandas as pd

from ledger.errors import InputUnreadable, InvalidValue
from ledger.intervals import parse_period
from ledger.sources.articles import detect_script, read_article
from ledger.textio import atomic_write_text, read_text, sha256_of

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
_SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _csv_records(text: str):
    """Yield (first_line, fields) for each record of a CSV text, the line
    number being the one an editor shows for the record's first line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    last = 0
    for fields in reader:
        first = last + 1
        last = reader.line_num
        yield first, fields


def parse_published(value: str):
    """``'2025-05-05'`` / ``'2025-05'`` / ``'2025'`` -> (first day, last day)
    as :class:`datetime.date`; raise ValueError if it is not one of those."""
    if not _ISO_PUBLISHED.fullmatch(value):
        raise ValueError(f"not YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    return parse_period(value)  # raises on 2025-02-30


def _check_source_row(row: dict[str, str], *, file: str, line: int) -> None:
    def bad(field: str, reason: str, hint: str, code: str) -> InvalidValue:
        return InvalidValue(
            reason, file=file, line=line, column=SOURCE_COLUMNS.index(field) + 1,
            field=field, value=row[field], hint=hint, code=code,
        )

    if not _SOURCE_ID.fullmatch(row["id"]):
        raise bad("id", "not an article id", "use the article file's stem, e.g. 001_65e055411d3fbeb8", "source-id")
    if not row["file"]:
        raise bad("file", "empty", "give the article path relative to sources.csv", "source-file")
    basis = row["published_basis"]
    if basis not in PUBLISHED_BASES:
        raise bad("published_basis", "unknown basis", "use one of " + ", ".join(PUBLISHED_BASES), "source-basis")
    if row["published"]:
        try:
            parse_published(row["published"])
        except ValueError as exc:
            raise bad("published", str(exc), "write the date as YYYY-MM-DD, YYYY-MM or YYYY", "source-published") from None
        if basis == "unknown":
            raise bad("published_basis", "a date is given but the basis is 'unknown'",
                      "say 'stated' or 'inferred'", "source-basis")
    elif basis != "unknown":
        raise bad("published", f"empty but the basis is {basis!r}", "give the date or set the basis to 'unknown'",
                  "source-published")
    if basis == "inferred" and not row["published_evidence"]:
        raise bad("published_evidence", "an inferred date needs its evidence",
                  "quote the words that fix the date and the reasoning", "source-evidence")
    if row["script"] not in SCRIPTS:
        raise bad("script", "unknown script", "use one of " + ", ".join(SCRIPTS), "source-script")
    if not _SHA256.fullmatch(row["sha256"]):
        raise bad("sha256", "not a sha256 (64 lower-case hex digits)", "run `sha256sum` on the article", "source-sha256")


def load_sources(path: str | Path, *, check_files: bool = False):
    """Read and validate sources.csv into a DataFrame (all columns str, in
    :data:`SOURCE_COLUMNS` order, indexed 0..n-1).

    Raises :class:`InputUnreadable` (missing, not UTF-8, wrong header) or
    :class:`InvalidValue` (a bad cell, a duplicate id) carrying file, line and
    column.  With ``check_files`` each article must exist and match its sha256.
    """
    path = Path(path)
    text = read_text(path)
    records = [(n, f) for n, f in _csv_records(text) if f != []]  # skip blank lines
    if not records:
        raise InputUnreadable("empty file: no header", file=str(path), line=1, code="empty",
                              hint="the first line must be: " + ",".join(SOURCE_COLUMNS))
    head_line, header = records[0]
    if tuple(h.strip() for h in header) != SOURCE_COLUMNS:
        raise InputUnreadable(
            f"wrong header {','.join(header)!r}", file=str(path), line=head_line, column=1, value=",".join(header),
            hint="the first line must be: " + ",".join(SOURCE_COLUMNS), code="header",
        )
    rows, seen = [], {}
    for line, fields in records[1:]:
        if len(fields) != len(SOURCE_COLUMNS):
            raise InvalidValue(
                f"{len(fields)} fields, expected {len(SOURCE_COLUMNS)}", file=str(path), line=line,
                column=min(len(fields), len(SOURCE_COLUMNS)) + 1, value=",".join(fields), code="field-count",
                hint="quote fields that contain commas; one row per article",
            )
        row = dict(zip(SOURCE_COLUMNS, fields))
        _check_source_row(row, file=str(path), line=line)
        if row["id"] in seen:
            raise InvalidValue(
                f"duplicate id (first on line {seen[row['id']]})", file=str(path), line=line, column=1,
                field="id", value=row["id"], hint="one row per article", code="duplicate-id",
            )
        seen[row["id"]] = line
        if check_files:
            _check_source_file(row, folder=path.parent, file=str(path), line=line)
        rows.append(row)
    return pd.DataFrame(rows, columns=list(SOURCE_COLUMNS), dtype="string")


def _check_source_file(row: dict[str, str], *, folder: Path, file: str, line: int) -> None:
    article = folder / row["file"]
    col = SOURCE_COLUMNS.index("file") + 1
    if not article.is_file():
        raise InputUnreadable("article file not found", file=file, line=line, column=col, field="file",
                              value=row["file"], hint=f"expected it at {article}", code="source-missing")
    digest = sha256_of(article)
    if digest != row["sha256"]:
        raise InvalidValue(
            f"the article changed: its sha256 is now {digest}", file=file, line=line,
            column=SOURCE_COLUMNS.index("sha256") + 1, field="sha256", value=row["sha256"], code="sha256-mismatch",
            hint="offsets in claims.csv point into the old text; restore the file or re-review its claims",
        )


# A date stamp near the top of an article: 2025-05-05 23:55, 2025/5/5, 2025年5月5日.
_DATE_STAMPS = (
    re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
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
            m = rx.search(ln)
            if not m:
                continue
            try:
                day = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            return day.isoformat(), m.group(0).strip()
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
        "id": path.stem,
        "file": rel,
        "title": title,
        "publisher": infer_publisher(text),
        "published": stamp[0] if stamp else "",
        "published_basis": "stated" if stamp else "unknown",
        "published_evidence": f"date stamp {stamp[1]!r} near the top" if stamp else "",
        "script": detect_script(text),
        "sha256": sha256_of(path),
    }


def _csv_line(values) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


def register_sources(paths, sources_csv: str | Path) -> list[dict[str, str]]:
    """Append rows for articles not yet in ``sources_csv`` (created if absent).

    Existing rows are never rewritten: the new rows are appended to the file's
    text as it is, and the whole file is replaced atomically.  An article
    already listed with the same sha256 is skipped; one listed with a
    different sha256 raises :class:`InvalidValue` (code ``sha256-mismatch``)
    and nothing is written -- its claims' offsets would no longer point at the
    right text, so a person must decide.  Returns the rows added.
    """

    sources_csv = Path(sources_csv)
    if sources_csv.exists():
        existing = load_sources(sources_csv)
        text = read_text(sources_csv)
    else:
        existing, text = None, _csv_line(SOURCE_COLUMNS)
    known = {} if existing is None else dict(zip(existing["id"], existing["sha256"]))
    lines = {f[0]: n for n, f in list(_csv_records(text))[1:] if f}
    added: list[dict[str, str]] = []
    for p in paths:
        if Path(p).stem in known and Path(p).is_file() and known[Path(p).stem] == sha256_of(p):
            continue  # registered with this very text: nothing to read
        rec = source_record(p, sources_dir=sources_csv.parent)
        if rec["id"] in known:
            if known[rec["id"]] != rec["sha256"]:
                raise InvalidValue(
                    f"{rec['file']} differs from the article registered under this id (sha256 now {rec['sha256']})",
                    file=str(sources_csv), line=lines.get(rec["id"]), column=SOURCE_COLUMNS.index("sha256") + 1,
                    field="sha256", value=known[rec["id"]], code="sha256-mismatch",
                    hint="register the new text under a new file name, or re-review the article's claims",
                )
            continue
        known[rec["id"]] = rec["sha256"]
        added.append(rec)
    if added:
        if text and not text.endswith("\n"):
            text += "\n"
        text += "".join(_csv_line([r[c] for c in SOURCE_COLUMNS]) for r in added)
        atomic_write_text(sources_csv, text)
    return added

"""``validate_ledger``: every check on claims.csv, collected into one report.

Layers, each adding problems as data: reading (encoding, CSV structure,
header, cell types; :mod:`ledger.store`), the pandera model and row rules
(:mod:`ledger.schema`, :mod:`ledger.schema_rules`), rules across rows, and
rules against sources.csv and the article texts (this module).  The file is
only read, never written.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ledger.claims.rules import remembering
from ledger.claims.schema import check_frame, check_rows, show
from ledger.claims.store import LoadedLedger, load_ledger, typed_frame
from ledger.claims.warn import metric_to_classify, overlapping_spans, value_precision
from ledger.errors import Code, InputUnreadable, InvalidValue, LedgerError, LedgerInvalid, Problem
from ledger.intervals import is_arrow
from ledger.sources.paths import confined_opener
from ledger.sources.table import SOURCE_COLUMNS, find_sources, read_sources
from ledger.textio import decode_bytes

_FIELDS = ("file", "line", "column", "field", "value", "code", "reason", "hint", "severity")


@dataclass
class ValidationReport:
    """All problems found in one ledger, ordered by file, line, column.

    ``counts``: how many problems of each (code, severity) were found, all
    of them, even those left out of ``problems`` by a limit per code
    (:meth:`capped`)."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    readable: bool = True
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.counts:
            self.counts = dict(Counter((p.code, p.severity) for p in self.problems))

    @classmethod
    def capped(cls, file: str, problems: list[Problem], rows: int, limit: int | None) -> ValidationReport:
        """A report keeping the first ``limit`` problems of each code (all
        when ``limit`` is None), counting every one."""
        counts = dict(Counter((p.code, p.severity) for p in problems))
        if limit is not None:
            seen: Counter[str] = Counter()
            kept = []
            for p in problems:
                seen[p.code] += 1
                if seen[p.code] <= limit:
                    kept.append(p)
            problems = kept
        return cls(file, problems, rows, counts=counts)

    @property
    def n_errors(self) -> int:
        """Every error found (also those a limit left out)."""
        return sum(n for (_, severity), n in self.counts.items() if severity == "error")

    @property
    def n_warnings(self) -> int:
        return sum(n for (_, severity), n in self.counts.items() if severity == "warning")

    @property
    def omitted(self) -> dict[str, int]:
        """Per code, how many problems a limit left out of ``problems``."""
        shown = Counter(p.code for p in self.problems)
        total: Counter[str] = Counter()
        for (code, _), n in self.counts.items():
            total[code] += n
        return {code: n - shown[code] for code, n in sorted(total.items()) if n > shown[code]}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        return self.readable and not self.n_errors

    def flatten(self, keys: list[str] | tuple[str, ...] = ("line", "column", "code")) -> list[list]:
        """``[[p.line, p.column, p.code], ...]``: compact tables for tests."""
        return [[getattr(p, k) for k in keys] for p in self.problems]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([p.to_dict() for p in self.problems], columns=[*_FIELDS, "message"])


def validate_ledger(path: str | Path, sources: str | Path | None = None, *, root: str | Path | None = None,
                    name: str | None = None, sources_name: str | None = None,
                    limit: int | None = None) -> ValidationReport:
    """Check a ledger file (and its rows against the sources table and the
    articles) and return every problem; never modifies it.  ``sources``
    defaults to the table :func:`ledger.sources.find_sources` finds beside the
    ledger (a missing one is a problem).  Articles must lie inside ``root``
    (default: the sources table's folder; :func:`ledger.sources.confine`).
    ``name`` / ``sources_name``: how messages name the two files (when
    checking staged copies of them).  ``limit``: keep at most that many
    problems per code (``report.counts`` has them all).

    ``report.readable`` is False when the file (or an explicitly given
    sources table) cannot be read at all: missing, undecodable, empty, not a
    ledger.  ``report.valid`` is True when there is no error-level problem.
    """
    file = name or str(path)
    try:
        loaded = load_ledger(path, name=file, stamped=False)  # only read: no stamp to check a write against
    except InputUnreadable as err:
        return ValidationReport(file, [err.as_problem()], readable=False)

    def against_sources() -> tuple[list[Problem], Problem | None]:
        """The problems against the sources table and the articles, and the
        problem of a sources table that cannot be read at all (else None)."""
        try:
            table = Path(sources) if sources is not None else find_sources(Path(path).parent)
            return check_sources(loaded, table if sources is not None or table.is_file() else None, root=root,
                                 name=sources_name, split=parallel), None
        except InputUnreadable as err:
            return [], err.as_problem()

    # a large ledger: the articles may be checked in two more processes while this one checks
    # the frame -- only when asked (FACTCHECK_FORK_VALIDATE=1): no wall-time gain was shown on
    # two shared cores, and forking beside Arrow's reader threads risks a child that hangs
    parallel = len(loaded.frame) >= PARALLEL_ROWS and os.environ.get("FACTCHECK_FORK_VALIDATE") == "1"
    articles = _Beside(against_sources) if parallel else None
    with remembering(loaded.frame):  # each column factorized once by the checks below
        problems = list(loaded.problems) + check_frame(loaded)
        problems += [p for p in check_rows(loaded) if not _quiet(loaded, p)]
        problems += overlapping_spans(loaded) + value_precision(loaded) + metric_to_classify(loaded)
    found, refused = articles.result() if articles is not None else against_sources()
    if refused is not None:
        return ValidationReport(file, [*problems, refused], len(loaded.frame), readable=False)
    problems += found
    problems = loaded.relocated(problems)
    order = {file: 0}
    # one cell's problems in the order of their codes: the same whichever text storage pandas uses
    problems.sort(key=lambda p: (order.get(p.file, 1), p.file, p.line or 0, p.column or 0, str(p.code)))
    return ValidationReport.capped(file, problems, len(loaded.frame), limit)


#: From this many rows on, with ``FACTCHECK_FORK_VALIDATE=1``, :func:`validate_ledger`
#: checks the rows against the articles in forked processes while it checks the frame
#: (where ``os.fork`` exists).  Off by default: no wall-time gain was shown on two
#: shared cores, memory rose by half, and a fork beside Arrow's threads may hang.
PARALLEL_ROWS = 200_000


class _Beside:
    """``work()`` run in a forked child process, its result sent back
    pickled; ``result()`` waits for it.  Without ``os.fork``, or when the
    child fails in any way (an exception, a crash), ``result()`` runs
    ``work()`` here: the outcome is the same as running it in this process."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self.work = work
        self.pid, self.fd = 0, -1
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        with warnings.catch_warnings():  # Python 3.12+ warns of fork() beside threads (Arrow's, idle here)
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            status = 1
            try:
                os.close(read)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as fh:
                    fh.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self.pid, self.fd = pid, read

    def result(self) -> Any:
        if not self.pid:
            return self.work()
        with os.fdopen(self.fd, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(self.pid, 0)
        if status == 0 and data:
            try:
                return pickle.loads(data)
            except Exception:  # an unreadable answer: the work is done here instead
                pass
        return self.work()


def require_valid_rows(path: str | Path) -> list[Problem]:
    """The checks on the values themselves (reading, cell types, vocabularies,
    units, value ranges, one row per claim_id): raise :class:`LedgerInvalid`
    listing every error, else return the warnings.  ``check``, ``report`` and
    ``extract`` call it first, so an invalid ledger is refused with
    file:line:column before anything is computed or written.  Left to
    ``factcheck validate``: whether ids match their spans and spans match the
    articles (bookkeeping that does not change what a number says)."""
    return _valid_rows(load_ledger(path), path)  # InputUnreadable when it cannot be read at all


def read_valid_ledger(path: str | Path) -> pd.DataFrame:
    """:func:`require_valid_rows`, then the typed ledger it read (as
    :func:`ledger.store.read_ledger` returns it; the file is read once)."""
    loaded = load_ledger(path)
    _valid_rows(loaded, path)
    return typed_frame(loaded)


def _valid_rows(loaded: LoadedLedger, path: str | Path) -> list[Problem]:
    with remembering(loaded.frame):
        problems = list(loaded.problems) + check_frame(loaded)
        problems += [p for p in check_rows(loaded, ids=False)
                     if p.code == Code.DUPLICATE_CLAIM_ID and not _quiet(loaded, p)]
    problems = loaded.relocated(problems)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, str(p.code)))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise LedgerInvalid(errors, file=str(path))
    return problems


def _quiet(loaded: LoadedLedger, p: Problem) -> bool:
    return p.field in loaded.absent


# --------------------------------------------------------------------------- against sources and articles


#: The columns a row is checked against its article with.
_SPAN_COLUMNS = ("source", "start", "end", "surface", "quote")


def check_sources(loaded: LoadedLedger, sources: Path | None, *, root: str | Path | None = None,
                  name: str | None = None, split: bool = False) -> list[Problem]:
    """Each row's source is listed; its article exists (sha256 checked, a
    warning); surface == article[start:end]; surface lies inside quote; quote
    is in the article around [start, end).  Each article is read once, and
    its rows are checked while it is the one article in memory.  ``split``:
    the second half of the articles is checked in a forked process."""
    if sources is None:
        return [Problem(loaded.file, None, None, None, None, Code.SOURCES_MISSING,
                        "no sources table found (looked for seeds/sources.csv and sources.csv beside the ledger)",
                        "pass --sources PATH")]
    if not sources.is_file():
        raise InputUnreadable("sources table not found", file=str(sources), code=Code.UNREADABLE,
                              hint="check the --sources path")
    table, found = read_sources(sources, name=name)
    if any(p.severity == "error" for p in found):
        return [replace(p, reason=p.reason + " (rows not checked against the articles)") for p in found]
    # the table's attrs (an editor line per id) would be deep-copied by every column taken from it
    shown, lines, table.attrs = name or str(sources), table.attrs.get("lines", {}), {}
    groups = None if any(c in loaded.absent for c in _SPAN_COLUMNS) else _RowsBySource(loaded)
    locate = confined_opener(sources.parent, root)
    ids, files, shas = (table[c].astype(str).tolist() for c in ("id", "file", "sha256"))
    last = {sid: i for i, sid in enumerate(ids)}  # a repeated id: the article of its last row counts

    def articles(lo: int, hi: int) -> tuple[list[Problem], list[Found]]:
        """The problems of the table's rows lo..hi-1 and of the ledger's rows of their articles."""
        problems, rows = [], []
        for i in range(lo, hi):
            sid = ids[i]
            text, problem = _article(locate, shown, lines.get(sid), files[i], shas[i])
            problems += problem
            if groups is not None and text is not None and last[sid] == i:
                rows += groups.check(sid, text)
        return problems, rows

    half = len(ids) // 2 if split else len(ids)
    second = _Beside(lambda: articles(half, len(ids))) if half < len(ids) else None
    problems, rows = articles(0, half)
    problems = list(found) + problems
    if second is not None:
        more, more_rows = second.result()
        problems += more
        rows += more_rows
    if groups is not None:
        rows += groups.unknown(set(last))
    rows.sort(key=lambda r: (r[0], r[1]))
    return problems + [p for row, _, p in rows if (row, p.field) not in loaded.skip]


def _article(locate: Callable[[str], tuple[str, int | None]], shown: str, line: int | None, file: str,
             sha: str) -> tuple[str | None, list[Problem]]:
    """The text of one article of the sources table (None when it cannot be
    read) and the problems of its row of the table."""
    try:
        where, fd = locate(file)
    except InvalidValue as err:
        return None, [_source_problem(shown, line, "file", file, err.code,
                                      f"{err.reason} (not read; its rows are not checked)", err.hint)]
    try:
        raw = _read_bytes(where) if fd is None else _read_fd(fd)
        text = decode_bytes(raw, where)  # the bytes just read (hashed below), not read again
    except OSError:
        return None, [_source_problem(shown, line, "file", file, Code.ARTICLE_MISSING,
                                      "article file not found (its rows are not checked)", f"expected it at {where}")]
    except LedgerError as err:
        return None, [_source_problem(shown, line, "file", file, Code.ARTICLE_MISSING,
                                      f"article cannot be read: {err.reason}", err.hint)]
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha:
        return text, [_source_problem(
            shown, line, "sha256", sha, Code.SHA256_MISMATCH,
            f"the article changed since it was registered (sha256 now {digest[:12]}...)",
            "offsets may point into old text: restore the file or re-review its claims, then update sha256",
            severity="warning")]
    return text, []


def _read_bytes(path: str) -> bytes:
    """A file's bytes: ``open(path, 'rb').read()`` in fewer calls (one read of
    the size ``fstat`` gives, then to the end; an article is read 56,000 times
    in a large ledger)."""
    return _read_fd(os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0)))


def _read_fd(fd: int) -> bytes:
    """:func:`_read_bytes` of a file opened already (``fd`` is closed)."""
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) == size:
            return data
        parts = [data]  # shorter or longer than fstat said: read on to the end
        while chunk := os.read(fd, 1 << 20):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _source_problem(sources: str, line, column: str, value: str, code: str, reason: str, hint: str,
                    severity: str = "error") -> Problem:
    return Problem(sources, line, SOURCE_COLUMNS.index(column) + 1, column, value, code, reason, hint,
                   severity=severity)


#: (row, order of the problem within its row, problem): sorted, they are in the order rows are read.
Found = tuple[int, int, Problem]


class _RowsBySource:
    """The ledger's rows grouped by source, as plain lists: a row of the
    frame as a Series costs ~0.1 ms, a million rows are checked as lists."""

    def __init__(self, loaded: LoadedLedger) -> None:
        df = loaded.frame
        codes, uniques = pd.factorize(df["source"], use_na_sentinel=False)
        order = np.argsort(codes, kind="stable")  # each source's rows together, in file order
        bounds = np.r_[0, np.cumsum(np.bincount(codes, minlength=len(uniques)))].tolist()
        self.loaded = loaded
        self.spans = {sid: (bounds[k], bounds[k + 1]) for k, sid in enumerate(uniques.tolist())}
        self.rows = order.tolist()
        self.columns = [df[c].to_numpy()[order].tolist() for c in ("start", "end")]
        self.columns += [_distinct_strings(df[c], order) for c in ("surface", "quote")]

    def check(self, sid: str, text: str) -> list[Found]:
        """The problems of the rows of source ``sid`` against its article's text."""
        lo, hi = self.spans.get(sid, (0, 0))
        starts, ends, surfaces, quotes = (c[lo:hi] for c in self.columns)
        out: list[Found] = []
        n = len(text)
        for row, start, end, surface, quote in zip(self.rows[lo:hi], starts, ends, surfaces, quotes):
            if end > n or start < 0:
                out.append((row, 0, _cell(self.loaded, row, "end", Code.OFFSET_OUT_OF_RANGE,
                                          f"past the end of the article ({n} characters)", _locate(text, surface))))
                continue
            if end > start and text[start:end] != surface:
                out.append((row, 0, _cell(self.loaded, row, "surface", Code.SURFACE_MISMATCH,
                                          f"the article has {excerpt(text, start, end)} at {start}:{end}",
                                          _locate(text, surface, start))))
            if not quote or not surface:
                continue
            if surface not in quote:
                out.append((row, 1, _cell(self.loaded, row, "quote", Code.SURFACE_NOT_IN_QUOTE,
                                          "does not contain the surface",
                                          "copy the whole clause the number stands in, exactly as written")))
                continue
            size = len(quote)
            pos = text.find(quote, end - size if end > size else 0)  # the occurrence around the span, if any
            if pos == -1 or pos > start or end > pos + size:
                out.append((row, 1, _quote_problem(self.loaded, row, text, start, end, quote)))
        return out

    def unknown(self, listed: set[str]) -> list[Found]:
        """A problem on each row whose source the sources table does not list."""
        return [(row, 0, _cell(self.loaded, row, "source", Code.UNKNOWN_SOURCE, "not listed in sources.csv",
                               "use an id from sources.csv (the article file's stem), or register the article"))
                for sid, (lo, hi) in self.spans.items() if sid not in listed for row in self.rows[lo:hi]]


def _distinct_strings(text: pd.Series, order: np.ndarray) -> list[str]:
    """The cells of a text column as Python strings in ``order``: from Arrow
    text each distinct value made once (the claims of one sentence share its
    quote); other text holds Python strings already (taken as they are: hashing
    a million quotes to share them cost 15x the taking)."""
    if not is_arrow(text):
        return text.to_numpy(dtype=object)[order].tolist()
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    return np.asarray(uniques, dtype=object)[codes[order]].tolist()


def _quote_problem(loaded: LoadedLedger, row: int, text: str, start: int, end: int, quote: str) -> Problem:
    first = text.find(quote)
    if first == -1:
        return _cell(loaded, row, "quote", Code.QUOTE_NOT_IN_ARTICLE, "not found in the article",
                     "copy it exactly from the article file (same script, spaces and punctuation)")
    return _cell(loaded, row, "quote", Code.QUOTE_NOT_AROUND_SPAN,
                 f"found in the article at {first}, but not around {start}:{end}",
                 "quote the clause that contains this occurrence of the number")


#: At most this many characters of an article are quoted in a message (from the claim's own span).
EXCERPT = 40


def excerpt(text: str, start: int, end: int) -> str:
    """``text[start:end]`` as a message quotes it: never more than the span,
    and at most :data:`EXCERPT` characters of it."""
    span = text[start:end]
    if len(span) <= EXCERPT:
        return repr(span)
    return repr(span[:EXCERPT]) + f"... ({len(span)} characters)"


def _locate(text: str, surface: str, near: int = 0) -> str:
    hits: list[int] = []
    pos = text.find(surface) if surface else -1
    while pos != -1 and len(hits) < 50:
        hits.append(pos)
        pos = text.find(surface, pos + 1)
    if not hits:
        return "the surface does not occur in the article; copy it exactly (offsets index the original file)"
    best = min(hits, key=lambda h: abs(h - near))
    return f"the surface occurs at start={best}, end={best + len(surface)}; fix start/end (and claim_id)"


def _cell(loaded: LoadedLedger, row: int, field: str, code: str, reason: str, hint: str) -> Problem:
    line, column = loaded.where(row, field)
    return Problem(loaded.file, line, column, field, show(loaded.frame[field].iat[row]), code, reason, hint)


__all__ = ["ValidationReport", "check_sources", "read_valid_ledger", "validate_ledger"]

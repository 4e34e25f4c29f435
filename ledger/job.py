"""The job layer: a :class:`Workspace` resolves every path once and loads
each input once; the stages below are pure functions over what it loaded.

    >>> from ledger import Workspace
    >>> ws = Workspace.open("claims.csv")
    >>> result = ws.extract(["seeds/"])          # find, frame, merge, register
    >>> findings = ws.check()                    # the cross-check, with decisions.csv
    >>> ws.report()                              # conflicts.xlsx

Where things live (one rule, every command): the ledger is given (default
``./claims.csv``); its folder is the workspace's root.  The sources table is
``--sources`` if given, else the first of ``ROOT/seeds/sources.csv`` and
``ROOT/sources.csv`` that exists; a new one is made in ``ROOT/seeds/`` when that
folder exists, else beside the ledger.  Decisions: ``decisions.csv`` beside
the ledger; the workbook: ``conflicts.xlsx`` beside the ledger; a reviewer's
exchange rates: ``rates.csv`` beside the ledger (read when it exists).

Nothing here prints; the CLI renders what these calls return.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ledger.claims.store import empty_ledger, ledger_bytes, ledger_exists, merge_extracted, new_part
from ledger.claims.validate import ValidationReport, read_valid_ledger, validate_ledger
from ledger.crosscheck import check, is_open_contradiction, load_settings
from ledger.crosscheck.decisions import read_decisions
from ledger.crosscheck.engines import EngineOptions
from ledger.crosscheck.issues import issue_frame
from ledger.crosscheck.rates import RATES_NAME, RateBook, read_rates
from ledger.crosscheck.text import render, with_ids
from ledger.errors import Code, InputUnreadable, LedgerInvalid, Problem
from ledger.framing import frame_text
from ledger.framing.linking import adopt_unnamed, link_names
from ledger.guard import remove_stale, workspace_lock
from ledger.report import decisions as report_decisions
from ledger.report.layout import FORMAT_TAG
from ledger.report.summary import open_mask, review_mask
from ledger.report.workbook import write_report
from ledger.sources import (
    ARTICLES_DIR,
    SOURCE_COLUMNS,
    find_sources,
    load_sources,
    plan_sources,
    read_article,
    source_id,
)
from ledger.sources.folder import (
    ARTICLE_SUFFIXES,
    article_paths,
    changed_articles,
    published_dates,
    require_inside,
    vanished_articles,
)
from ledger.textio import ANY, Staged, commit, discard, sha256_of, stage_bytes

__all__ = ["ARTICLE_SUFFIXES", "Workspace", "article_paths", "check_ledger", "extract", "import_decisions",
           "report_ledger", "run_job"]
DECISIONS_NAME, REPORT_NAME, LEDGER_NAME = "decisions.csv", "conflicts.xlsx", "claims.csv"


@dataclass
class Workspace:
    """The files of one job, resolved once, and what was read from them
    (each input is read at most once; a write forgets what it replaced).

    Every command that writes holds the ledger's lock (:meth:`locked`), and
    every file it rewrites is replaced only if it is still what was read
    (:func:`ledger.textio.commit`)."""

    ledger: Path
    sources: Path
    decisions: Path
    report_path: Path
    rules: Path | None = None
    #: a reviewer's exchange rates (default: rates.csv beside the ledger, read when it exists)
    rates: Path | None = None
    decisions_given: bool = False
    sources_given: bool = False
    #: the folder every article must lie in (default: the sources table's folder)
    articles_root: Path | None = None
    #: told once when another factcheck process holds the lock
    on_wait: Callable[[str], None] | None = field(default=None, repr=False)
    lock_timeout: float = -1
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock_depth: int = field(default=0, repr=False)

    @classmethod
    def open(cls, ledger: str | Path = LEDGER_NAME, *, sources: str | Path | None = None,
             decisions: str | Path | None = None, report: str | Path | None = None,
             rules: str | Path | None = None, articles_root: str | Path | None = None,
             on_wait: Callable[[str], None] | None = None, lock_timeout: float = -1,
             rates: str | Path | None = None) -> Workspace:
        ledger = Path(ledger)
        root = ledger.parent
        return cls(
            ledger=ledger,
            sources=Path(sources) if sources else find_sources(root),
            decisions=Path(decisions) if decisions else root / DECISIONS_NAME,
            report_path=Path(report) if report else root / REPORT_NAME,
            rules=Path(rules) if rules else None,
            rates=Path(rates) if rates else root / RATES_NAME,
            decisions_given=decisions is not None,
            sources_given=sources is not None,
            articles_root=Path(articles_root) if articles_root else None,
            on_wait=on_wait,
            lock_timeout=lock_timeout,
        )

    @property
    def root(self) -> Path:
        return self.ledger.parent

    @property
    def articles_folder(self) -> Path:
        """Where the articles of the sources table must lie."""
        return self.articles_root or self.sources.parent

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the ledger's lock (re-entrant); on first taking it, remove the
        temp files a killed run left beside the files this job writes."""
        with workspace_lock(self.ledger, on_wait=self.on_wait, timeout=self.lock_timeout):
            if self._lock_depth == 0:
                remove_stale([self.ledger, self.sources, self.decisions, self.report_path])
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1

    # ------------------------------------------------------------------ inputs, each read once

    def _once(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self._loaded:
            self._loaded[name] = load()
        return self._loaded[name]

    def forget(self, *names: str) -> None:
        """Drop what was read (after a write replaced it)."""
        for name in names or tuple(self._loaded):
            self._loaded.pop(name, None)

    def claims(self) -> pd.DataFrame:
        """The typed ledger; an invalid one raises :class:`LedgerInvalid` with
        every error (file:line:column), before anything is computed or written."""
        return self._once("claims", lambda: read_valid_ledger(self.ledger))

    def claims_or_empty(self) -> pd.DataFrame:
        return self.claims() if self.ledger.exists() else empty_ledger()

    def source_table(self) -> pd.DataFrame | None:
        """The sources table, or None when there is none yet."""
        return self._once("sources", lambda: load_sources(self.sources) if self.sources.is_file() else None)

    def decision_table(self) -> pd.DataFrame | None:
        """The reviewer decisions: the given file (which must exist), else
        ``decisions.csv`` beside the ledger if present, else None."""
        def load() -> pd.DataFrame | None:
            if self.decisions_given or self.decisions.exists():
                return read_decisions(self.decisions)
            return None
        return self._once("decisions", load)

    def settings(self) -> dict[str, Any]:
        return load_settings(str(self.rules) if self.rules else None)

    def rate_book(self) -> RateBook:
        """What the cross-check converts currencies with: the sources'
        publication dates and the reviewer's rates file, if there is one
        (docs/currencies.md)."""
        added = self._once("rates", lambda: read_rates(self.rates) if self.rates and self.rates.exists() else None)
        return RateBook.of(self.source_table(), added)

    # ------------------------------------------------------------------ stages

    def validate(self, *, limit: int | None = None) -> ValidationReport:
        """Every problem of the ledger, against its sources and articles
        (``limit``: keep at most that many problems per code, count the rest)."""
        given = self.sources_given or self.sources.is_file()
        return validate_ledger(self.ledger, sources=self.sources if given else None, root=self.articles_root,
                               limit=limit)

    def check(self, engine: EngineOptions | None = None) -> pd.DataFrame:
        """All findings of the ledger as data (issues, evidence from the
        sources table, currencies converted with the rate book), with the
        reviewer decisions applied; the pairs found by ``engine`` (default:
        pandas; docs/engines.md).  Render the rows shown with
        :mod:`ledger.crosscheck.text` (or :mod:`ledger.render`)."""
        return check(self.claims(), self.decision_table(), self.settings(), sources=self.source_table(),
                     rates=self.rate_book(), engine=engine)

    def claimreview(self, *, base_url: str | None = None) -> dict[str, Any]:
        """schema.org ClaimReview JSON-LD for every decided issue
        (:func:`ledger.report.claimreview.claim_reviews`)."""
        from ledger.report.claimreview import claim_reviews

        return claim_reviews(self.claims(), self.check(), self.source_table(), self.decision_table(),
                             base_url=base_url)

    def extract(self, paths: Iterable[str | Path], *, progress: Callable[[int, int], None] | None = None,
                jobs: int | None = None, engine: EngineOptions | None = None) -> ExtractResult:
        """Frame the articles under ``paths`` (over ``jobs`` processes, or
        Spark tasks: :func:`frame_files`) and merge their claims."""
        return _extract(self, list(paths), progress, jobs=jobs, engine=engine)

    def report(self, *, progress: Callable[[int, int], None] | None = None,
               made_at: dt.datetime | None = None) -> ReportResult:
        return _report(self, progress, made_at)

    def import_decisions(self, workbook: str | Path, *, reviewer: str | None = None,
                         now: dt.datetime | None = None) -> report_decisions.ImportResult:
        """Bring the decisions of ``workbook`` into the decisions file (see
        :func:`ledger.report.decisions.import_decisions`)."""
        def fresh(fmt: str) -> set[str]:
            """The ids a workbook of format ``fmt`` would list now: issues (/2), findings (/1)."""
            decisions = read_decisions(self.decisions) if self.decisions.exists() else None
            found = check(self.claims(), decisions, self.settings(), sources=self.source_table(),
                          rates=self.rate_book())
            if fmt == FORMAT_TAG:
                return set(issue_frame(found)["issue"].astype(str))
            return set(with_ids(found)["conflict_id"].astype(str))
        with self.locked():
            return report_decisions.import_decisions(workbook, ledger_path=self.ledger,
                                                     decisions_path=self.decisions, fresh_ids=fresh,
                                                     reviewer=reviewer, now=now)


# --------------------------------------------------------------------------- extract


@dataclass
class ExtractResult:
    """What one extraction did to the ledger and the sources file."""

    ledger_path: Path
    sources_path: Path
    counts: dict[str, int]
    added_rows: list[dict[str, Any]] = field(default_factory=list)
    registered: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    articles: int = 0

    @property
    def added(self) -> int:
        return self.counts["added"]

    @property
    def unchanged(self) -> int:
        return self.counts["unchanged"]

    @property
    def kept_reviewed(self) -> int:
        return self.counts["kept_reviewed"]

    @property
    def orphaned(self) -> int:
        return self.counts["orphaned"]

    def summary(self) -> dict[str, Any]:
        """The counts as one JSON-ready object (the CLI's ``--json`` first line)."""
        return {
            "ledger": str(self.ledger_path), "sources": str(self.sources_path), "articles": self.articles,
            **self.counts, "registered": list(self.registered), "written": self.written,
            "problems": [str(p) for p in self.problems],
        }


def frame_file(path: Path, *, source: str, published: str) -> tuple[str, list[dict]]:
    """Read one article and return (text, framed claim rows)."""
    text = read_article(path)
    return text, frame_text(text, source=source, published=published)


#: Fewer articles than this are framed in this process (starting workers,
#: each loading the lexicons, costs more than it saves).
PARALLEL_FROM = 8


def default_jobs(articles: int) -> int:
    """Processes for ``articles`` articles: one per core from
    :data:`PARALLEL_FROM` articles on, else 1."""
    return 1 if articles < PARALLEL_FROM else min(articles, os.cpu_count() or 1)


def _frame_one(job: tuple[str, str, str]) -> tuple[str, list[dict]]:
    path, source, published = job
    return frame_file(Path(path), source=source, published=published)


def frame_files(files: list[Path], published: dict[str, str], *, jobs: int | None = None,
                engine: EngineOptions | None = None,
                progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[str, str, list[dict]]]:
    """``(source id, text, framed rows)`` of each article, in the order of
    ``files``: in this process, over ``jobs`` processes (default
    :func:`default_jobs`), or as Spark tasks when ``engine`` is spark (the
    articles must then be readable at the same paths on every worker)."""
    # absolute paths: a Spark executor (or a worker process) may run in another folder
    work = [(os.path.abspath(f), source_id(f), published.get(source_id(f)) or "") for f in files]
    jobs = default_jobs(len(work)) if jobs is None else max(1, jobs)
    if engine is not None and engine.engine == "spark":
        from ledger.crosscheck.engines.spark import session

        spark = session(engine.spark_master)
        results: Iterable[tuple[str, list[dict]]] = spark.sparkContext.parallelize(
            work, max(1, min(len(work), 4 * spark.sparkContext.defaultParallelism))).map(_frame_one).collect()
    elif jobs > 1 and len(work) > 1:
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
        try:
            results = list(_in_order(pool, work, progress))
        finally:
            pool.shutdown(cancel_futures=True)
        progress = None  # told as each article was done
    else:
        results = (_frame_one(w) for w in work)
    for done, ((_, sid, _), (text, rows)) in enumerate(zip(work, results), 1):
        if progress is not None:
            progress(done, len(work))
        yield sid, text, rows


def _in_order(pool: ProcessPoolExecutor, work: list[tuple[str, str, str]],
              progress: Callable[[int, int], None] | None) -> Iterator[tuple[str, list[dict]]]:
    futures = [pool.submit(_frame_one, w) for w in work]
    for done, _ in enumerate(as_completed(futures), 1):
        if progress is not None:
            progress(done, len(work))
    for future in futures:
        yield future.result()


def _extract(ws: Workspace, paths: list[str | Path], progress: Callable[[int, int], None] | None,
             defer: list[Staged] | None = None, *, jobs: int | None = None,
             engine: EngineOptions | None = None) -> ExtractResult:
    """Find and frame every claim of the articles under ``paths`` and merge
    them into the ledger (created if absent).

    Order: with the ledger's lock held, refuse an article outside the
    articles folder, an invalid ledger or sources table, and a ledger whose
    sources table is missing; find and frame every article (new ones dated
    from their own date stamp); merge; stage the new sources rows and the
    new ledger; commit both (or neither: :func:`ledger.textio.commit`
    refuses if either file changed since it was read) - only when something
    was added, so running the same extraction twice changes nothing the
    second time.  ``defer``: append the staged writes there instead of
    committing them (``run`` commits them with the workbook).  Rows a
    reviewer touched are never changed; rows whose article changed or
    vanished are kept and reported (``orphaned``)."""
    with ws.locked():
        files = article_paths(paths)
        require_inside(files, ws.articles_folder)
        existed = ledger_exists(ws.ledger)
        ledger = ws.claims() if existed else empty_ledger()  # an invalid ledger is refused before any write
        sources = ws.source_table()
        if sources is None and len(ledger):
            raise _sources_missing(ws, ledger)
        changed, problems = changed_articles(files, sources, ws.sources)
        published = published_dates(files, sources, ws.sources)
        texts: dict[str, str | None] = (
            {} if sources is None else vanished_articles(paths, sources, ws.sources, ws.articles_folder))
        rows: list[dict] = []
        for sid, text, found in frame_files(files, published, jobs=jobs, engine=engine, progress=progress):
            texts[sid] = text
            rows.extend(found)
        extracted = pd.DataFrame(rows, columns=list(ledger.columns)) if rows else empty_ledger()
        # one name for a company two articles name differently (their figures, their stock codes)
        extracted = link_names(extracted, ledger, texts=texts)
        # claims that name nobody: the company whose precise figures other articles state (adopt_unnamed)
        extracted = adopt_unnamed(extracted, ledger)
        merged = merge_extracted(ledger, extracted, texts)
        written = merged.added > 0 or not existed
        staged: list[Staged] = []
        try:
            to_register = [f for f in files if f not in changed]
            sources_write, registered = plan_sources(to_register, ws.sources, table=sources) if files else (None, [])
            staged += [sources_write] if sources_write else []
            if written and ws.ledger.is_dir():  # a Parquet folder: the added rows as one new file
                if merged.added:
                    added = merged.frame[merged.frame["claim_id"].isin(merged.ids["added"])]
                    part, data = new_part(ws.ledger, added)
                    staged.append(stage_bytes(part, data, expect=None))
            elif written:
                staged.append(stage_bytes(ws.ledger, ledger_bytes(merged.frame, ws.ledger),
                                          expect=ledger.attrs.get("stamp", ANY) if existed else None))
            if defer is None:
                commit(staged)  # both or neither: never a sources row without its claims
            else:
                defer.extend(staged)
        except BaseException:
            discard(staged)
            raise
        if defer is None:
            ws.forget("sources", "claims")
    added_ids = set(merged.ids["added"])
    return ExtractResult(
        ledger_path=ws.ledger, sources_path=ws.sources, counts=merged.counts(),
        added_rows=[r for r in rows if r["claim_id"] in added_ids],
        registered=[r["id"] for r in registered], problems=problems + merged.problems,
        written=written, articles=len(files),
    )


def _sources_missing(ws: Workspace, ledger: pd.DataFrame) -> InputUnreadable:
    n = ledger["source"].nunique()
    return InputUnreadable(
        f"no sources table, but {ws.ledger} has {len(ledger)} claim(s) from {n} source(s): their articles' "
        "dates and checksums would be lost (a new table would hold only what the texts state)",
        file=str(ws.sources), code=Code.SOURCES_TABLE_MISSING,
        hint="restore the sources table (e.g. `git checkout seeds/sources.csv`) or pass --sources PATH; "
             "nothing was written")


def extract(paths: Iterable[str | Path], *, ledger_path: str | Path, sources_path: str | Path | None = None,
            progress: Callable[[int, int], None] | None = None, articles_root: str | Path | None = None,
            on_wait: Callable[[str], None] | None = None, jobs: int | None = None,
            engine: EngineOptions | None = None) -> ExtractResult:
    """:meth:`Workspace.extract` for a ledger path (and optionally a sources table).
    ``progress(done, total)`` is called after each article is framed."""
    ws = Workspace.open(ledger_path, sources=sources_path, articles_root=articles_root, on_wait=on_wait)
    return ws.extract(paths, progress=progress, jobs=jobs, engine=engine)


# --------------------------------------------------------------------------- check, report, decisions


def check_ledger(ledger_path: str | Path, decisions_path: str | Path | None = None,
                 rules_path: str | Path | None = None, *, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read the ledger (and ``decisions.csv`` beside it if present) and check
    it; every row rendered (``conflict_id``, ``claims``, ``explanation``: see
    :func:`ledger.crosscheck.text.render`).  ``claims``: the ledger already
    read by the caller (not read again)."""
    ws = Workspace.open(ledger_path, decisions=decisions_path, rules=rules_path)
    if claims is not None:
        ws._loaded["claims"] = claims
    found = ws.check()
    rendered = render(found, ws.claims(), ws.source_table())
    rendered.attrs = found.attrs
    return rendered


@dataclass
class ReportResult:
    """What a report wrote and found (the CLI's summary)."""

    path: Path
    ledger: Path
    claims: int
    findings: int
    open: int
    open_contradictions: int
    by_kind: dict[str, int] = field(default_factory=dict)
    notes: list = field(default_factory=list)
    #: open findings someone must look at (the Summary's "to review": not
    #: agreements, not passed rules); not in ``to_dict``, whose keys are fixed
    to_review: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"report": str(self.path), "ledger": str(self.ledger), "claims": self.claims,
                "findings": self.findings, "open": self.open, "open_contradictions": self.open_contradictions,
                "by_kind": self.by_kind, "notes": [str(n) for n in self.notes]}


def _report(ws: Workspace, progress: Callable[[int, int], None] | None, made_at: dt.datetime | None,
            defer: list[Staged] | None = None, ledger_sha256: str | None = None) -> ReportResult:
    """Cross-check the ledger (with its decisions) and write the workbook;
    a workbook holding decisions not yet imported is never replaced, nor one
    saved by someone else after it was read.  ``defer``: stage the workbook
    there instead of committing it; ``ledger_sha256``: that of the ledger as
    it will be (staged), recorded in the workbook."""
    with ws.locked():
        claims = ws.claims()
        out = ws.report_path
        expect = report_decisions.refuse_unimported(out, ws.decisions) if out.exists() else None
        conflicts = ws.check()
        table = ws.source_table()
        sources = table if table is not None else pd.DataFrame(columns=list(SOURCE_COLUMNS))
        total = len(conflicts)
        step = (lambda n: progress(n, total)) if progress else None
        notes = list(conflicts.attrs.get("notes", []))
        write_report(claims, conflicts, sources, out, ledger_path=ws.ledger, made_at=made_at, progress=step,
                     notes=notes, expect=expect, defer=defer, ledger_sha256=ledger_sha256)
    return ReportResult(
        path=out, ledger=ws.ledger, claims=len(claims), findings=total, open=int(open_mask(conflicts).sum()),
        open_contradictions=int(is_open_contradiction(conflicts).sum()),
        by_kind={str(k): int(v) for k, v in conflicts["kind"].value_counts().items() if v},
        notes=notes, to_review=int(review_mask(conflicts).sum()),
    )


def report_ledger(ledger_path: str | Path, out_path: str | Path | None = None, *,
                  decisions_path: str | Path | None = None, sources_path: str | Path | None = None,
                  progress: Callable[[int, int], None] | None = None, made_at: dt.datetime | None = None,
                  claims: pd.DataFrame | None = None, on_wait: Callable[[str], None] | None = None) -> ReportResult:
    """:meth:`Workspace.report` for a ledger path: ``out_path`` defaults to
    ``conflicts.xlsx`` beside the ledger.  ``progress(done, total)`` is called
    as conflict rows are written; ``claims``: the ledger already read."""
    if sources_path is not None and not Path(sources_path).is_file():
        raise InputUnreadable("sources table not found", file=str(sources_path), code="unreadable",
                              hint="check the --sources path (or leave it out: seeds/sources.csv or sources.csv "
                                   "beside the ledger)")
    ws = Workspace.open(ledger_path, sources=sources_path, decisions=decisions_path, report=out_path,
                        on_wait=on_wait)
    if claims is not None:
        ws._loaded["claims"] = claims
    return ws.report(progress=progress, made_at=made_at)


def import_decisions(workbook: str | Path, *, ledger_path: str | Path | None = None,
                     decisions_path: str | Path | None = None, reviewer: str | None = None,
                     now: dt.datetime | None = None,
                     on_wait: Callable[[str], None] | None = None) -> report_decisions.ImportResult:
    """:meth:`Workspace.import_decisions`; the ledger defaults to the one the
    workbook records, the decisions file to ``decisions.csv`` beside it."""
    if ledger_path is None:
        ledger_path = report_decisions.workbook_meta(workbook).get("ledger_path") or LEDGER_NAME
    ws = Workspace.open(ledger_path, decisions=decisions_path, on_wait=on_wait)
    return ws.import_decisions(workbook, reviewer=reviewer, now=now)


# --------------------------------------------------------------------------- run: the whole job


@dataclass
class JobResult:
    """What ``factcheck run`` did: the extraction, the validation findings
    (warnings only; errors raise) and the report."""

    extract: ExtractResult
    report: ReportResult
    problems: list[Problem] = field(default_factory=list)

    def extract_line(self) -> str:
        e = self.extract
        verb = "updated" if e.written else "unchanged:"
        return (f"{e.articles} articles -> {e.ledger_path} {verb} {e.added} added, {e.unchanged} unchanged, "
                f"{e.kept_reviewed} reviewed kept, {e.orphaned} orphaned")

    def to_dict(self) -> dict[str, Any]:
        return {"extract": self.extract.summary(), "report": self.report.to_dict(),
                "problems": [str(p) for p in self.problems]}


def run_job(
    root: str | Path = ".",
    *,
    seeds: str = ARTICLES_DIR,
    ledger: str = LEDGER_NAME,
    output: str | Path | None = None,
    say: Callable[[str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    extract_progress: Callable[[int, int], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    articles_root: str | Path | None = None,
) -> JobResult:
    """extract-merge ``root/seeds`` into ``root/claims.csv`` -> validate ->
    cross-check (with ``decisions.csv`` if present) -> ``root/conflicts.xlsx``,
    all or nothing: every file is staged first (the ledger and sources table
    as extraction leaves them are validated, and the workbook made from
    them, as temp files) and replaced only when every step succeeded and no
    file changed on disk since it was read.  A refused job (unimported
    decisions in the workbook, an invalid input, a missing sources table)
    leaves every file byte-identical.

    ``say(message)`` hears each stage as it starts; ``extract_progress(done,
    total)`` follows the articles and ``progress(done, total)`` the report
    rows; ``on_wait(message)`` is told when another factcheck holds the
    lock.  Raises :class:`~ledger.errors.LedgerInvalid` if the ledger does
    not validate.
    """
    say = say or (lambda _message: None)
    root = Path(root)
    seeds_dir = root / seeds
    if not seeds_dir.is_dir():
        raise InputUnreadable(f"no {seeds}/ folder here", file=str(seeds_dir), code="unreadable",
                              hint="run from the repository folder (it holds seeds/ and claims.csv) or pass --root")
    if not article_paths([seeds_dir]):
        raise InputUnreadable(f"no articles in {seeds}/", file=str(seeds_dir), code="unreadable",
                              hint=f"put the articles ({', '.join(sorted(ARTICLE_SUFFIXES))} files) in {seeds}/")
    ws = Workspace.open(root / ledger, report=output, on_wait=on_wait, articles_root=articles_root)
    staged: list[Staged] = []
    with ws.locked():
        try:
            if ws.report_path.exists():  # checked first: refused before any work
                report_decisions.refuse_unimported(ws.report_path, ws.decisions)
            say(f"extracting claims from {seeds_dir}/ into {ws.ledger}")
            extracted = _extract(ws, [seeds_dir], extract_progress, defer=staged)
            say(f"validating {ws.ledger}")
            problems = list(extracted.problems) + _validation_warnings(ws, staged)
            say("cross-checking and writing the report")
            rep = _report(ws, progress, None, defer=staged, ledger_sha256=_staged_sha(ws.ledger, staged))
            commit(staged)
        except BaseException:
            discard(staged)
            raise
        finally:
            ws.forget()
    return JobResult(extract=extracted, report=rep, problems=problems)


def _staged_path(target: Path, staged: list[Staged]) -> Path:
    """Where ``target``'s content is now: its staged temp file, or itself."""
    return next((Path(s.tmp) for s in staged if s.target == target), target)


def _staged_sha(target: Path, staged: list[Staged]) -> str | None:
    path = _staged_path(target, staged)
    return sha256_of(path) if path.is_file() else None


def _validation_warnings(ws: Workspace, staged: list[Staged]) -> list[Problem]:
    """Validate the ledger against its sources as extraction leaves them
    (the staged files, named as the real ones); raise on errors, return
    warnings.  The workspace then holds the staged ledger and sources for
    the report."""
    ledger, sources = _staged_path(ws.ledger, staged), _staged_path(ws.sources, staged)
    found = validate_ledger(ledger, sources=sources if sources.is_file() else None, root=ws.articles_folder,
                            name=str(ws.ledger), sources_name=str(ws.sources))
    errors = found.errors
    if not found.readable:
        first = errors[0] if errors else None
        raise InputUnreadable(first.reason if first else "cannot read the ledger", file=str(ws.ledger),
                              code=first.code if first else "unreadable", hint=first.hint if first else "")
    if errors:
        raise LedgerInvalid(errors, file=str(ws.ledger))
    if ledger != ws.ledger:
        ws._loaded["claims"] = read_valid_ledger(ledger)
    if sources != ws.sources:
        ws._loaded["sources"] = load_sources(sources)
    return found.warnings

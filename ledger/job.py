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
the ledger; the workbook: ``conflicts.xlsx`` beside the ledger.

Nothing here prints; the CLI renders what these calls return.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ledger.claims.store import empty_ledger, merge_extracted, write_ledger
from ledger.claims.validate import ValidationReport, read_valid_ledger, validate_ledger
from ledger.crosscheck import check, is_open_contradiction, load_settings
from ledger.crosscheck.decisions import read_decisions
from ledger.errors import InputUnreadable, LedgerInvalid, Problem
from ledger.framing import frame_text
from ledger.report import decisions as report_decisions
from ledger.report.summary import open_mask, review_mask
from ledger.report.workbook import write_report
from ledger.sources import (
    ARTICLES_DIR,
    SOURCE_COLUMNS,
    find_sources,
    load_sources,
    read_article,
    register_sources,
    source_record,
)
from ledger.textio import check_writable, sha256_of

#: File names extraction reads when given a folder.
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
DECISIONS_NAME, REPORT_NAME, LEDGER_NAME = "decisions.csv", "conflicts.xlsx", "claims.csv"


@dataclass
class Workspace:
    """The files of one job, resolved once, and what was read from them
    (each input is read at most once; a write forgets what it replaced)."""

    ledger: Path
    sources: Path
    decisions: Path
    report_path: Path
    rules: Path | None = None
    decisions_given: bool = False
    sources_given: bool = False
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, ledger: str | Path = LEDGER_NAME, *, sources: str | Path | None = None,
             decisions: str | Path | None = None, report: str | Path | None = None,
             rules: str | Path | None = None) -> Workspace:
        ledger = Path(ledger)
        root = ledger.parent
        return cls(
            ledger=ledger,
            sources=Path(sources) if sources else find_sources(root),
            decisions=Path(decisions) if decisions else root / DECISIONS_NAME,
            report_path=Path(report) if report else root / REPORT_NAME,
            rules=Path(rules) if rules else None,
            decisions_given=decisions is not None,
            sources_given=sources is not None,
        )

    @property
    def root(self) -> Path:
        return self.ledger.parent

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

    # ------------------------------------------------------------------ stages

    def validate(self) -> ValidationReport:
        """Every problem of the ledger, against its sources and articles."""
        given = self.sources_given or self.sources.is_file()
        return validate_ledger(self.ledger, sources=self.sources if given else None)

    def check(self) -> pd.DataFrame:
        """All findings of the ledger, with the reviewer decisions applied."""
        return check(self.claims(), self.decision_table(), self.settings())

    def extract(self, paths: Iterable[str | Path], *,
                progress: Callable[[int, int], None] | None = None) -> ExtractResult:
        return _extract(self, list(paths), progress)

    def report(self, *, progress: Callable[[int, int], None] | None = None,
               made_at: dt.datetime | None = None) -> ReportResult:
        return _report(self, progress, made_at)

    def import_decisions(self, workbook: str | Path, *, reviewer: str | None = None,
                         now: dt.datetime | None = None) -> report_decisions.ImportResult:
        """Bring the decisions of ``workbook`` into the decisions file (see
        :func:`ledger.report.decisions.import_decisions`)."""
        def fresh() -> set[str]:
            decisions = read_decisions(self.decisions) if self.decisions.exists() else None
            return set(check(self.claims(), decisions, self.settings())["conflict_id"].astype(str))
        return report_decisions.import_decisions(workbook, ledger_path=self.ledger, decisions_path=self.decisions,
                                                 fresh_ids=fresh, reviewer=reviewer, now=now)


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


def article_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (articles by suffix, sorted) into article files;
    a path that does not exist raises :class:`InputUnreadable`."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES))
        elif p.is_file():
            out.append(p)
        else:
            raise InputUnreadable("no such file or folder", file=str(p), code="unreadable",
                                  hint="give article files (.txt) or folders holding them")
    return list(dict.fromkeys(out))


def _changed(files: list[Path], known: pd.DataFrame | None, sources_path: Path) -> tuple[list[Path], list[Problem]]:
    """Articles whose id is registered with another checksum: they are framed
    again (their old rows become orphans) but not re-registered."""
    if known is None:
        return [], []
    sha = dict(zip(known["id"], known["sha256"]))
    changed, problems = [], []
    for f in files:
        if f.stem in sha and sha[f.stem] != sha256_of(f):
            changed.append(f)
            problems.append(Problem(
                str(sources_path), None, None, "sha256", sha[f.stem], "article-changed",
                f"{f} changed since it was registered; its old claims are reported as orphaned",
                "re-review the article's claims, then update its sha256 in the sources file",
                severity="warning",
            ))
    return changed, problems


def _vanished(paths: Iterable[str | Path], sources: pd.DataFrame, sources_path: Path) -> dict[str, str | None]:
    """Registered articles that lived in one of the given folders and are gone."""
    folders = {Path(p).resolve() for p in paths if Path(p).is_dir()}
    gone: dict[str, str | None] = {}
    for sid, rel in zip(sources["id"], sources["file"]):
        f = (sources_path.parent / rel).resolve()
        if f.parent in folders and not f.exists():
            gone[sid] = None
    return gone


def _published(files: list[Path], sources: pd.DataFrame | None, sources_path: Path) -> dict[str, str]:
    """Published dates: registered articles' from the sources table, new
    ones' from their own date stamp."""
    published = {} if sources is None else dict(zip(sources["id"], sources["published"]))
    for f in files:
        if f.stem not in published:
            published[f.stem] = source_record(f, sources_dir=sources_path.parent)["published"]
    return published


def frame_file(path: Path, *, source: str, published: str) -> tuple[str, list[dict]]:
    """Read one article and return (text, framed claim rows)."""
    text = read_article(path)
    return text, frame_text(text, source=source, published=published)


def _extract(ws: Workspace, paths: list[str | Path], progress: Callable[[int, int], None] | None) -> ExtractResult:
    """Find and frame every claim of the articles under ``paths`` and merge
    them into the ledger (created if absent).

    Order: find and frame every article (new ones dated from their own date
    stamp), merge, register the new articles in the sources file (with their
    sha256), then write the ledger atomically - and only when something was
    added, so running the same extraction twice changes nothing the second
    time.  Rows a reviewer touched are never changed; rows whose article
    changed or vanished are kept and reported (``orphaned``)."""
    files = article_paths(paths)
    ledger = ws.claims_or_empty()  # an invalid ledger is refused before anything is written
    sources = ws.source_table()
    changed, problems = _changed(files, sources, ws.sources)
    published = _published(files, sources, ws.sources)
    texts: dict[str, str | None] = {} if sources is None else _vanished(paths, sources, ws.sources)
    rows: list[dict] = []
    for done, f in enumerate(files, 1):
        texts[f.stem], found = frame_file(f, source=f.stem, published=published.get(f.stem) or "")
        rows.extend(found)
        if progress is not None:
            progress(done, len(files))
    extracted = pd.DataFrame(rows, columns=list(ledger.columns)) if rows else empty_ledger()
    merged = merge_extracted(ledger, extracted, texts)
    written = merged.added > 0 or not ws.ledger.exists()
    known_ids = set() if sources is None else set(sources["id"])
    unregistered = [f for f in files if f not in changed and f.stem not in known_ids]
    for target in ([ws.sources] if unregistered else []) + ([ws.ledger] if written else []):
        check_writable(target)  # both or neither: never a sources row without its claims
    registered = register_sources([f for f in files if f not in changed], ws.sources, table=sources) if files else []
    if registered:
        ws.forget("sources")
    if written:
        write_ledger(merged.frame, ws.ledger)
        ws.forget("claims")
    added_ids = set(merged.ids["added"])
    return ExtractResult(
        ledger_path=ws.ledger, sources_path=ws.sources, counts=merged.counts(),
        added_rows=[r for r in rows if r["claim_id"] in added_ids],
        registered=[r["id"] for r in registered], problems=problems + merged.problems,
        written=written, articles=len(files),
    )


def extract(paths: Iterable[str | Path], *, ledger_path: str | Path, sources_path: str | Path | None = None,
            progress: Callable[[int, int], None] | None = None) -> ExtractResult:
    """:meth:`Workspace.extract` for a ledger path (and optionally a sources table).
    ``progress(done, total)`` is called after each article is framed."""
    return Workspace.open(ledger_path, sources=sources_path).extract(paths, progress=progress)


# --------------------------------------------------------------------------- check, report, decisions


def check_ledger(ledger_path: str | Path, decisions_path: str | Path | None = None,
                 rules_path: str | Path | None = None, *, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read the ledger (and ``decisions.csv`` beside it if present) and check it.
    ``claims``: the ledger already read by the caller (not read again)."""
    ws = Workspace.open(ledger_path, decisions=decisions_path, rules=rules_path)
    if claims is not None:
        ws._loaded["claims"] = claims
    return ws.check()


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


def _report(ws: Workspace, progress: Callable[[int, int], None] | None,
            made_at: dt.datetime | None) -> ReportResult:
    """Cross-check the ledger (with its decisions) and write the workbook;
    a workbook holding decisions not yet imported is never replaced."""
    claims = ws.claims()
    out = ws.report_path
    if out.exists():
        report_decisions.refuse_unimported(out, ws.decisions)
    conflicts = ws.check()
    table = ws.source_table()
    sources = table if table is not None else pd.DataFrame(columns=list(SOURCE_COLUMNS))
    total = len(conflicts)
    step = (lambda n: progress(n, total)) if progress else None
    notes = list(conflicts.attrs.get("notes", []))
    write_report(claims, conflicts, sources, out, ledger_path=ws.ledger, made_at=made_at, progress=step, notes=notes)
    return ReportResult(
        path=out, ledger=ws.ledger, claims=len(claims), findings=total, open=int(open_mask(conflicts).sum()),
        open_contradictions=int(is_open_contradiction(conflicts).sum()),
        by_kind={str(k): int(v) for k, v in conflicts["kind"].value_counts().items()},
        notes=notes, to_review=int(review_mask(conflicts).sum()),
    )


def report_ledger(ledger_path: str | Path, out_path: str | Path | None = None, *,
                  decisions_path: str | Path | None = None, sources_path: str | Path | None = None,
                  progress: Callable[[int, int], None] | None = None, made_at: dt.datetime | None = None,
                  claims: pd.DataFrame | None = None) -> ReportResult:
    """:meth:`Workspace.report` for a ledger path: ``out_path`` defaults to
    ``conflicts.xlsx`` beside the ledger.  ``progress(done, total)`` is called
    as conflict rows are written; ``claims``: the ledger already read."""
    if sources_path is not None and not Path(sources_path).is_file():
        raise InputUnreadable("sources table not found", file=str(sources_path), code="unreadable",
                              hint="check the --sources path (or leave it out: seeds/sources.csv or sources.csv "
                                   "beside the ledger)")
    ws = Workspace.open(ledger_path, sources=sources_path, decisions=decisions_path, report=out_path)
    if claims is not None:
        ws._loaded["claims"] = claims
    return ws.report(progress=progress, made_at=made_at)


def import_decisions(workbook: str | Path, *, ledger_path: str | Path | None = None,
                     decisions_path: str | Path | None = None, reviewer: str | None = None,
                     now: dt.datetime | None = None) -> report_decisions.ImportResult:
    """:meth:`Workspace.import_decisions`; the ledger defaults to the one the
    workbook records, the decisions file to ``decisions.csv`` beside it."""
    if ledger_path is None:
        ledger_path = report_decisions.workbook_meta(workbook).get("ledger_path") or LEDGER_NAME
    ws = Workspace.open(ledger_path, decisions=decisions_path)
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
) -> JobResult:
    """extract-merge ``root/seeds`` into ``root/claims.csv`` -> validate ->
    cross-check (with ``decisions.csv`` if present) -> ``root/conflicts.xlsx``.

    ``say(message)`` hears each stage as it starts; ``extract_progress(done,
    total)`` follows the articles and ``progress(done, total)`` the report
    rows.  Raises :class:`~ledger.errors.LedgerInvalid` if the ledger does not
    validate (nothing is reported then).
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
    ws = Workspace.open(root / ledger, report=output)
    say(f"extracting claims from {seeds_dir}/ into {ws.ledger}")
    extracted = ws.extract([seeds_dir], progress=extract_progress)
    say(f"validating {ws.ledger}")
    problems = list(extracted.problems) + _validation_warnings(ws)
    say("cross-checking and writing the report")
    rep = ws.report(progress=progress)
    return JobResult(extract=extracted, report=rep, problems=problems)


def _validation_warnings(ws: Workspace) -> list[Problem]:
    """Validate the ledger against its sources; raise on errors, return warnings."""
    found = ws.validate()
    errors = found.errors
    if not found.readable:
        first = errors[0] if errors else None
        raise InputUnreadable(first.reason if first else "cannot read the ledger", file=str(ws.ledger),
                              code=first.code if first else "unreadable", hint=first.hint if first else "")
    if errors:
        raise LedgerInvalid(errors, file=str(ws.ledger))
    return found.warnings

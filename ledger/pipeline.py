"""The extraction pipeline as one library call: find -> frame -> merge into the
ledger -> register new articles -> atomic write.

    >>> from ledger.pipeline import extract
    >>> result = extract(["seeds/"], ledger_path="claims.csv")
    >>> result.counts()
    {'added': 0, 'unchanged': 0, 'kept_reviewed': ..., 'orphaned': 0}

Nothing here prints; the ``factcheck extract`` command renders the result.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputUnreadable, Problem

#: File names extraction reads when given a folder.
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


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


# --------------------------------------------------------------------------- inputs


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


def default_sources_path(ledger_path: Path, files: list[Path] = ()) -> Path:
    """The sources table to use: ``sources.csv`` beside the ledger, else
    ``seeds/sources.csv`` beside it, else the one in the first article's
    folder; if none exists, a new ``sources.csv`` beside the ledger."""
    here = ledger_path.parent
    cands = [here / "sources.csv", here / "seeds" / "sources.csv"] + [f.parent / "sources.csv" for f in files[:1]]
    for cand in cands:
        if cand.is_file():
            return cand
    return here / "sources.csv"


# --------------------------------------------------------------------------- registering


def _changed(files: list[Path], known, sources_path: Path) -> tuple[list[Path], list[Problem]]:
    """Articles whose id is registered (``known``: the sources table, or None)
    with another checksum: they are framed again (their old rows become
    orphans) but not re-registered."""
    from .sources import sha256_of

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


def _vanished(paths: Iterable[str | Path], sources, sources_path: Path) -> dict[str, None]:
    """Registered articles that lived in one of the given folders and are gone."""
    folders = {Path(p).resolve() for p in paths if Path(p).is_dir()}
    gone = {}
    for sid, rel in zip(sources["id"], sources["file"]):
        f = (sources_path.parent / rel).resolve()
        if f.parent in folders and not f.exists():
            gone[sid] = None
    return gone


# --------------------------------------------------------------------------- extract


def frame_file(path: Path, *, source: str, published: str) -> tuple[str, list[dict]]:
    """Read one article and return (text, framed claim rows)."""
    from .framing import frame_text
    from .sources import read_article

    text = read_article(path)
    return text, frame_text(text, source=source, published=published)


def extract(
    paths: Iterable[str | Path],
    *,
    ledger_path: str | Path,
    sources_path: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExtractResult:
    """Find and frame every claim of the articles under ``paths`` and merge
    them into the ledger at ``ledger_path`` (created if absent).

    Order: find and frame every article (new ones dated from their own date
    stamp), merge, register the new articles in the sources file (with their
    sha256), then write the ledger atomically - and only when something was
    added, so running the same extraction twice changes nothing the second
    time.  Rows a reviewer touched are never changed; rows whose article
    changed or vanished are kept and reported (``orphaned``).
    ``progress(done, total)`` is called after each article is framed.
    """
    from .sources import register_sources
    from .store import merge_extracted, write_ledger

    paths = list(paths)
    ledger_path = Path(ledger_path)
    files = article_paths(paths)
    ledger = _read_or_empty(ledger_path)  # an invalid ledger is refused before anything is written
    sources_path = Path(sources_path) if sources_path else default_sources_path(ledger_path, files)
    sources = _load_sources(sources_path)
    changed, problems = _changed(files, sources, sources_path)
    published, texts = _known(paths, files, sources, sources_path)
    rows: list[dict] = []
    for done, f in enumerate(files, 1):
        texts[f.stem], found = frame_file(f, source=f.stem, published=published.get(f.stem) or "")
        rows.extend(found)
        if progress is not None:
            progress(done, len(files))
    merged = merge_extracted(ledger, _frame_of(rows, ledger), texts)
    written = merged.added > 0 or not ledger_path.exists()
    from .store import check_writable

    known_ids = set() if sources is None else set(sources["id"])
    unregistered = [f for f in files if f not in changed and f.stem not in known_ids]
    for target in ([sources_path] if unregistered else []) + ([ledger_path] if written else []):
        check_writable(target)  # both or neither: never a sources row without its claims
    registered = register_sources([f for f in files if f not in changed], sources_path) if files else []
    if written:
        write_ledger(merged.frame, ledger_path)
    added_ids = set(merged.ids["added"])
    return ExtractResult(
        ledger_path=ledger_path, sources_path=sources_path, counts=merged.counts(),
        added_rows=[r for r in rows if r["claim_id"] in added_ids],
        registered=[r["id"] for r in registered], problems=problems + merged.problems,
        written=written, articles=len(files),
    )


def _known(paths: list, files: list[Path], sources, sources_path: Path) -> tuple[dict[str, str], dict[str, str | None]]:
    """Published dates of the articles (registered ones from the sources
    table, new ones from their own date stamp) and the vanished articles."""
    from .sources import source_record

    published = {} if sources is None else dict(zip(sources["id"], sources["published"]))
    for f in files:
        if f.stem not in published:
            published[f.stem] = source_record(f, sources_dir=sources_path.parent)["published"]
    texts: dict[str, str | None] = {} if sources is None else _vanished(paths, sources, sources_path)
    return published, texts


def _load_sources(sources_path: Path):
    """The sources table, or None when there is none yet (read once per extraction)."""
    from .sources import load_sources

    return load_sources(sources_path) if sources_path.is_file() else None


def _read_or_empty(ledger_path: Path):
    from .store import empty_ledger
    from .validate import read_valid_ledger

    return read_valid_ledger(ledger_path) if ledger_path.exists() else empty_ledger()


def _frame_of(rows: list[dict], ledger):
    import pandas as pd

    from .store import empty_ledger

    return pd.DataFrame(rows, columns=list(ledger.columns)) if rows else empty_ledger()


# --------------------------------------------------------------------------- run: the whole job (issue 6, report helper)


@dataclass
class JobResult:
    """What ``factcheck run`` did: the extraction, the validation findings
    (warnings only; errors raise) and the report."""

    extract: ExtractResult
    report: Any
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
    seeds: str = "seeds",
    ledger: str = "claims.csv",
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
    from .errors import LedgerInvalid
    from .report import report_ledger

    say = say or (lambda _message: None)
    root = Path(root)
    seeds_dir, ledger_path = root / seeds, root / ledger
    if not seeds_dir.is_dir():
        raise InputUnreadable(f"no {seeds}/ folder here", file=str(seeds_dir), code="unreadable",
                              hint="run from the repository folder (it holds seeds/ and claims.csv) or pass --root")
    if not article_paths([seeds_dir]):
        raise InputUnreadable(f"no articles in {seeds}/", file=str(seeds_dir), code="unreadable",
                              hint=f"put the articles ({', '.join(sorted(ARTICLE_SUFFIXES))} files) in {seeds}/")
    sources_path = seeds_dir / "sources.csv"
    say(f"extracting claims from {seeds_dir}/ into {ledger_path}")
    extracted = extract([seeds_dir], ledger_path=ledger_path,
                        sources_path=sources_path if sources_path.is_file() else None, progress=extract_progress)
    say(f"validating {ledger_path}")
    problems = list(extracted.problems) + _validation_warnings(ledger_path, extracted.sources_path, LedgerInvalid)
    say("cross-checking and writing the report")
    out = Path(output) if output else root / "conflicts.xlsx"
    rep = report_ledger(ledger_path, out, sources_path=extracted.sources_path, progress=progress)
    return JobResult(extract=extracted, report=rep, problems=problems)


def _validation_warnings(ledger_path: Path, sources_path: Path, invalid: type) -> list[Problem]:
    """Validate the ledger against its sources; raise on errors, return warnings."""
    from .schema import validate_ledger

    found = validate_ledger(ledger_path, sources_path)
    problems = list(getattr(found, "problems", found) or [])
    errors = [p for p in problems if getattr(p, "severity", "error") == "error"]
    if not getattr(found, "readable", True):
        first = errors[0] if errors else None
        raise InputUnreadable(first.reason if first else "cannot read the ledger", file=str(ledger_path),
                              code=first.code if first else "unreadable", hint=first.hint if first else "")
    if errors:
        raise invalid(errors, file=str(ledger_path))
    return [p for p in problems if p not in errors]

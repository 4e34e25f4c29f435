"""The articles an extraction reads: files and folders expanded, each known
by its id (:func:`ledger.sources.paths.source_id`), and what changed since
the sources table registered them."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ledger.errors import Code, InputUnreadable, Problem
from ledger.sources.articles import read_article
from ledger.sources.paths import inside, source_id
from ledger.sources.table import infer_published
from ledger.textio import sha256_of

#: File names extraction reads when given a folder.
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


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


def require_inside(files: Iterable[Path], root: Path) -> None:
    """Refuse (before anything is read) an article outside the articles
    folder: its sources row could never be valid (:func:`ledger.sources.confine`)."""
    for f in files:
        if not inside(f, root):
            raise InputUnreadable(
                f"the article is outside the articles folder {root.resolve()} (after following symlinks)",
                file=str(f), code=Code.ARTICLE_OUTSIDE,
                hint=f"copy it into {root} and extract it from there, or pass --articles-root with a folder "
                     "holding both it and the sources table's articles")


def changed_articles(files: list[Path], known: pd.DataFrame | None,
                     sources_path: Path) -> tuple[list[Path], list[Problem]]:
    """Articles whose id is registered with another checksum: they are framed
    again (their old rows become orphans) but not re-registered."""
    if known is None:
        return [], []
    sha = dict(zip(known["id"], known["sha256"]))
    changed, problems = [], []
    for f in files:
        sid = source_id(f)
        if sid in sha and sha[sid] != sha256_of(f):
            changed.append(f)
            problems.append(Problem(
                str(sources_path), None, None, "sha256", sha[sid], "article-changed",
                f"{f} changed since it was registered; its old claims are reported as orphaned",
                "re-review the article's claims, then update its sha256 in the sources file",
                severity="warning",
            ))
    return changed, problems


def vanished_articles(paths: Iterable[str | Path], sources: pd.DataFrame, sources_path: Path,
                      root: Path) -> dict[str, str | None]:
    """Registered articles that lived in one of the given folders and are gone
    (rows naming a file outside the articles folder are not looked at)."""
    folders = {Path(p).resolve() for p in paths if Path(p).is_dir()}
    gone: dict[str, str | None] = {}
    for sid, rel in zip(sources["id"], sources["file"]):
        f = (sources_path.parent / rel).resolve()
        if inside(f, root) and f.parent in folders and not f.exists():
            gone[sid] = None
    return gone


def published_dates(files: list[Path], sources: pd.DataFrame | None, sources_path: Path) -> dict[str, str]:
    """Published dates: registered articles' from the sources table, new
    ones' from their own date stamp."""
    published = {} if sources is None else dict(zip(sources["id"], sources["published"]))
    for f in files:
        sid = source_id(f)
        if sid not in published:
            stamp = infer_published(read_article(f))  # what source_record would say, without the rest of the row
            published[sid] = stamp[0] if stamp else ""
    return published

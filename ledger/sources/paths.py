"""Where articles may be, and what they are called.

* :func:`confine`: an article file named by the sources table resolves
  inside the articles folder (the sources table's folder, or a root the user
  names); an absolute path, a ``..`` or a symlink leading out of it is
  refused, so a sources table can never make the tool read (and quote) any
  other file.
* :func:`source_id`: the id an article file gets: its stem when that is
  already an id (every existing id stays as it is), else a slug of the name
  plus a short hash, so any file name (spaces, Chinese, a leading dash)
  gives a valid id.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

from ledger.errors import Code, InvalidValue

#: An article id: a letter or digit, then letters, digits, '_', '.', '-'.
SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: Longest stem kept as it is; longer names are slugged and hashed.
MAX_ID = 80
SLUG_LENGTH, HASH_LENGTH = 40, 10
_NOT_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


def source_id(path: str | Path) -> str:
    """The article id of a file: its stem if that matches :data:`SOURCE_ID`
    (``001_65e055411d3fbeb8`` stays ``001_65e055411d3fbeb8``); otherwise
    ``SLUG_HASH``: the stem in NFKC form with every run of characters other
    than ASCII letters, digits, ``_ . -`` made one ``-``, stripped of
    ``- _ .`` at both ends and cut to 40 characters (``article`` if nothing
    is left), then ``_`` and the first 10 hex digits of the sha256 of the
    stem's bytes.  ``微软 新闻 2025.txt`` -> ``2025_`` + hash, ``-rf.txt`` ->
    ``rf_`` + hash."""
    stem = Path(path).stem
    if SOURCE_ID.fullmatch(stem) and len(stem) <= MAX_ID:
        return stem
    slug = _NOT_SLUG.sub("-", unicodedata.normalize("NFKC", stem)).strip("-_.")
    slug = slug[:SLUG_LENGTH].rstrip("-_.") or "article"
    digest = hashlib.sha256(os.fsencode(stem)).hexdigest()[:HASH_LENGTH]
    return f"{slug}_{digest}"


def _outside(reason: str, file: str, hint: str) -> InvalidValue:
    return InvalidValue(reason, field="file", value=file, code=Code.ARTICLE_OUTSIDE, hint=hint)


def confine(folder: str | Path, file: str, root: str | Path | None = None) -> Path:
    """The real path of the article ``file`` (a cell of the sources table,
    relative to the table's ``folder``), which must lie inside ``root``
    (default: ``folder``).  Raises :class:`InvalidValue` (code
    ``article-outside``) for an absolute path or one that leads out of the
    root, through ``..`` or a symlink; the file itself is not opened."""
    return Path(confiner(folder, root)(file))


def confiner(folder: str | Path, root: str | Path | None = None) -> Callable[[str], str]:
    """:func:`confine` for the many files of one sources table, giving each
    real path as a string: the folders are resolved once, and a plain file
    name (no folder, not a symlink) is placed in the real folder without
    resolving it again."""
    base = Path(root) if root is not None else Path(folder)
    hint = (f"name the article by its path relative to {folder}, inside {base}; "
            "put the file there or pass --articles-root")
    real_base, real_folder = base.resolve(), Path(folder).resolve()
    folder_inside = real_folder == real_base or real_folder.is_relative_to(real_base)
    inner = str(real_folder)

    def confine_one(file: str) -> str:
        if "\x00" in file:
            raise _outside("not a file name (a NUL character)", file, hint)
        simple = "/" not in file and "\\" not in file and ":" not in file  # neither a folder nor a drive
        if not simple and (PurePosixPath(file).is_absolute() or PureWindowsPath(file).is_absolute()
                           or PureWindowsPath(file).drive):
            raise _outside("an absolute path; articles are named relative to the sources table", file, hint)
        if simple and folder_inside and file not in ("", ".", ".."):
            plain = os.path.join(inner, file)
            if not os.path.islink(plain):
                return plain  # what resolving folder/file gives: nothing in it to follow
        real = (Path(folder) / file).resolve()
        if real != real_base and not real.is_relative_to(real_base):
            how = "with '..'" if ".." in PurePosixPath(file).parts else "through a symlink"
            raise _outside(f"leads out of the articles folder {real_base} {how}", file, hint)
        return str(real)

    return confine_one


def confined_opener(folder: str | Path, root: str | Path | None = None) -> Callable[[str], tuple[str, int | None]]:
    """:func:`confiner`, opening the file as well where that saves a system call: for a
    plain file name in the real folder, ``(path, fd)`` of the file opened for reading
    without following a symlink (one ``open`` instead of ``lstat`` + ``open``); a symlink
    there is resolved and refused as :func:`confiner` does it.  ``(path, None)`` when
    nothing was opened (the caller opens ``path``, which tells why it cannot be read).
    The caller closes the fd."""
    confine_one = confiner(folder, root)
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    base = Path(root) if root is not None else Path(folder)
    real_base, real_folder = base.resolve(), Path(folder).resolve()
    if not nofollow or not (real_folder == real_base or real_folder.is_relative_to(real_base)):
        return lambda file: (confine_one(file), None)
    inner = str(real_folder)
    flags = os.O_RDONLY | nofollow | getattr(os, "O_BINARY", 0)

    def open_one(file: str) -> tuple[str, int | None]:
        if ("\x00" in file or "/" in file or "\\" in file or ":" in file or file in ("", ".", "..")):
            return confine_one(file), None
        plain = os.path.join(inner, file)
        try:
            return plain, os.open(plain, flags)
        except OSError as err:
            if err.errno == errno.ELOOP:  # a symlink: followed, and refused if it leads out
                return confine_one(file), None
            return plain, None  # not there, not readable...: as confine_one gives it (no symlink)

    return open_one


def inside(path: str | Path, root: str | Path) -> bool:
    """``path`` (followed through symlinks) lies inside ``root``."""
    real, base = Path(path).resolve(), Path(root).resolve()
    return real == base or real.is_relative_to(base)

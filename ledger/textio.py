"""Files as bytes and text: decoding (UTF-8, UTF-16 with a BOM; legacy
encodings named, never guessed silently), hashing, and the one way anything
is written: a temp file beside the target, then an atomic replace.

The bottom layer: every stage reads and writes files through here.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import signal
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ledger.errors import Code, InputUnreadable, MergeConflict

# --------------------------------------------------------------------------- encodings

#: Very frequent characters of Chinese prose, in both scripts, to tell GBK from Big5.
_FREQUENT = set(
    "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子"
    "那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒"
    "动動面起看定天分还還进進好小部其些主样樣理心本前开開但因只从從想实實公司美元亿億万萬投资資微软軟"
)


def guess_legacy_encoding(raw: bytes) -> str | None:
    """Name the legacy encoding a non-UTF-8 file most likely uses, or None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(raw) >= 4 and raw[1:2] == b"\x00" and raw[3:4] == b"\x00":
        return "utf-16-le"
    if len(raw) >= 4 and raw[0:1] == b"\x00" and raw[2:3] == b"\x00":
        return "utf-16-be"
    best, best_score = None, 0.0
    # Chinese UTF-16 without a BOM has no NUL bytes: it is told apart the same
    # way, by how many of its Han characters are frequent ones (GBK bytes read
    # as UTF-16 give rare characters, Hangul and surrogates).
    for enc in ("gb18030", "big5", "utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        score = sum(c in _FREQUENT for c in han) / (len(han) or 1)
        if score > best_score and (score >= 0.1 or not enc.startswith("utf-16")):
            best, best_score = enc, score
    return best


#: iconv's names for the encodings :func:`guess_legacy_encoding` returns.
_ICONV = {"utf-16-le": "utf-16le", "utf-16-be": "utf-16be"}


def _looks_binary(raw: bytes) -> bool:
    """More than 5% control bytes (not tab/newline/CR/FF) in the first 4 KiB."""
    head = raw[:4096]
    ctrl = sum((b < 0x20 and b not in (9, 10, 12, 13)) or b == 0x7F for b in head)
    return ctrl > 0.05 * len(head)


def decode_bytes(raw: bytes, file: str) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 with a BOM; refuse anything else
    with an error that names the encoding the file seems to be in."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if not raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw.decode("utf-8")  # what utf-8-sig gives without a BOM, minus its Python-level wrapper
        except UnicodeDecodeError:
            pass  # reported below, as utf-8-sig reports it
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = guess_legacy_encoding(raw)
        said = f"; it looks like {guess.upper()}" if guess else ""
        fix = (
            f"re-save it as UTF-8 (e.g. `iconv -f {_ICONV.get(guess, guess)} -t utf-8 in > out`, "
            "or 'CSV UTF-8' in Excel)"
            if guess
            else "re-save it as UTF-8"
        )
        if not guess and _looks_binary(raw):
            said, fix = "; it looks like binary data, not text", "give a plain-text file saved as UTF-8"
        raise InputUnreadable(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}){said}",
            file=file,
            line=line,
            column=col,
            value=raw[exc.start : exc.start + 4].hex(" "),
            hint=fix,
            code="encoding",
        ) from None


def read_text(path: str | Path) -> str:
    """Read an article or ledger as text, exactly (no newline translation)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        folder = p.is_dir()
        raise InputUnreadable(
            "is a folder, not a file" if folder else f"cannot read file: {exc.strerror or exc}",
            file=str(path), code="unreadable",
            hint="give the files inside it (e.g. seeds/*.txt)" if folder else "check the path and permissions",
        ) from None
    return decode_bytes(raw, str(path))


def sha256_of(path: str | Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks (a large ledger is not held twice)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------- what was read


@dataclass(frozen=True)
class Stamp:
    """What a file was when it was read: size, modification time (ns) and
    sha256 of the very bytes read.  A write that replaces the file checks,
    just before the replace, that the file still has this stamp
    (:func:`ledger.guard.commit`), so an edit saved meanwhile is never lost."""

    size: int
    mtime_ns: int
    sha256: str

    def matches(self, path: str | Path) -> bool:
        """The file at ``path`` is still the one read (size and mtime first;
        the hash only when they agree)."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return False
        if (st.st_size, st.st_mtime_ns) != (self.size, self.mtime_ns):
            return False
        return sha256_of(path) == self.sha256


def read_stamped(path: str | Path) -> tuple[bytes, Stamp]:
    """The bytes of a file and their :class:`Stamp` (one read; the size and
    mtime are those of the open file)."""
    with open(path, "rb") as fh:
        before = os.fstat(fh.fileno())
        raw = fh.read()
        after = os.fstat(fh.fileno())
    mtime = after.st_mtime_ns if before.st_mtime_ns == after.st_mtime_ns else -1  # written while read: stale
    return raw, Stamp(len(raw), mtime, hashlib.sha256(raw).hexdigest())


def stamp_of(path: str | Path) -> Stamp | None:
    """The :class:`Stamp` of the file as it is now, or None when there is none."""
    try:
        return read_stamped(path)[1]
    except FileNotFoundError:
        return None



# --------------------------------------------------------------------------- writing


def check_writable(path: str | Path) -> None:
    """Raise :class:`InputUnreadable` (code ``unwritable``, exit 2) unless
    ``path`` can be (re)written: its folder exists and the file, if present,
    is not read-only (a read-only file is the user saying "do not touch";
    ``os.replace`` would ignore it, so this checks the mode bits)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputUnreadable("cannot write: it is a folder", file=str(target), code="unwritable",
                              hint="give a file path")
    if not folder.is_dir():
        raise InputUnreadable("cannot write: no such folder", file=str(target), code="unwritable",
                              hint="create the folder first, or give a path in an existing one")
    if target.exists() and not target.stat().st_mode & 0o222:
        raise InputUnreadable("cannot write: the file is read-only (left as it is)", file=str(target),
                              code="unwritable", hint="make it writable (chmod u+w) if it may be replaced")


def temp_name(name: str, suffix: str = ".tmp") -> str:
    """``.NAME.PID-TOKEN.tmp``: hidden, beside its target, and naming the
    process that writes it, so a later run can tell a temp file of a killed
    run (its process is gone) from one still being written
    (:func:`ledger.guard.remove_stale`)."""
    return f".{name}.{os.getpid()}-{secrets.token_hex(6)}{suffix}"


def temp_beside(path: str | Path, what: str = "") -> tuple[int, str]:
    """A new, empty temp file in ``path``'s folder, open for writing: ``(fd,
    name)``.  It has the permissions the file it will replace has, or, for
    a new file, those any new file gets (0o666 less the umask): a file
    rewritten by the tool keeps the mode its team gave it (``mkstemp``'s
    0o600 would lock the others out of a shared ledger or report).
    ``what`` names the file in the error (``cannot write the workbook: ...``)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = str(folder / temp_name(target.name))
        try:
            fd = os.open(tmp, flags, 0o666)  # the umask applies
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputUnreadable(f"cannot write{' the ' + what if what else ''}: {exc.strerror or exc}",
                                  file=str(target), code="unwritable",
                                  hint="check that the folder exists and is writable") from None
        if mode is not None:
            try:
                os.chmod(tmp, mode)
            except BaseException:
                os.close(fd)
                os.unlink(tmp)
                raise
        return fd, tmp
    raise InputUnreadable("cannot write: no free temp file name", file=str(target), code="unwritable",
                          hint="remove the folder's stale .*.tmp files")


#: ``expect`` of a write that replaces whatever is there (nothing was read from it).
ANY: Literal["any"] = "any"
Expect = Stamp | None | Literal["any"]


@dataclass
class Staged:
    """A write prepared but not done: ``tmp`` (beside ``target``) holds the
    new bytes; :func:`commit` replaces the target if it is still what was
    read (``expect``: a :class:`Stamp`, None for "there was no file", or
    :data:`ANY`)."""

    target: Path
    tmp: str
    expect: Expect = ANY

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)


def stage_bytes(path: str | Path, data: bytes, *, expect: Expect = ANY, what: str = "") -> Staged:
    """Write ``data`` to a temp file beside ``path`` (flushed to disk) and
    return it as a :class:`Staged` write; nothing is replaced yet.  Refuses
    (:func:`check_writable`) a read-only target or a missing folder."""
    target = Path(path)
    check_writable(target)
    fd, tmp = temp_beside(target, what)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Staged(target, tmp, expect)


def changed_on_disk(staged: Staged) -> bool:
    """The target is no longer what was read (or appeared, or vanished)."""
    if staged.expect == ANY:
        return False
    if staged.expect is None:
        return os.path.lexists(staged.target)
    assert isinstance(staged.expect, Stamp)
    return not staged.expect.matches(staged.target)


def commit(writes: list[Staged]) -> None:
    """Replace every target by its staged temp file, all or none: first each
    target is checked to be still what was read (size, mtime, sha256); if
    one is not, every temp file is removed, nothing is replaced and
    :class:`~ledger.errors.MergeConflict` (``changed-on-disk``) is raised,
    the other writer's version kept.  The replaces then run with SIGINT and
    SIGTERM held back, so an interrupt never leaves some files new and
    some old."""
    try:
        for staged in writes:
            if changed_on_disk(staged):
                raise MergeConflict(
                    "changed on disk after it was read (another program saved it meanwhile); "
                    "its new content was kept and nothing was written",
                    file=str(staged.target), code=Code.CHANGED_ON_DISK,
                    hint="run the command again: it will read the saved version")
        with _signals_held():
            for staged in writes:
                os.replace(staged.tmp, staged.target)
    except BaseException:
        discard(writes)
        raise


def discard(writes: list[Staged]) -> None:
    """Remove the temp files of writes that will not be committed."""
    for staged in writes:
        staged.discard()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (main thread, POSIX) while the block runs."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def atomic_write_bytes(path: str | Path, data: bytes, *, expect: Expect = ANY) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder + replace
    (the file keeps its permissions; :func:`temp_beside`).  Refuses
    (:func:`check_writable`) a read-only target or a missing folder, and
    (:func:`commit`) a target that is no longer ``expect``."""
    commit([stage_bytes(path, data, expect=expect)])


def atomic_write_text(path: str | Path, text: str, *, expect: Expect = ANY) -> None:
    """UTF-8 (no BOM), newlines as given."""
    atomic_write_bytes(path, text.encode("utf-8"), expect=expect)

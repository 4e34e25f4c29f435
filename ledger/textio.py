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
import stat
from pathlib import Path

from ledger.errors import InputUnreadable

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
        tmp = str(folder / f".{target.name}.{secrets.token_hex(6)}.tmp")
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


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder + replace
    (the file keeps its permissions; :func:`temp_beside`).  Refuses
    (:func:`check_writable`) a read-only target or a missing folder."""
    target = Path(path)
    check_writable(target)
    fd, tmp = temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """UTF-8 (no BOM), newlines as given."""
    atomic_write_bytes(path, text.encode("utf-8"))

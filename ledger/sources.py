"""Reading articles: encodings, the sources table, and a cleaned text with an
offset map back to the original.

Cleaning (HTML leftovers, inline pinyin glosses, full-width folding, script
normalisation to simplified Chinese) works on a copy; :class:`CleanText` maps
every cleaned character back to its span in the original, so quotes and
offsets always match what a reviewer opens.
"""
from __future__ import annotations

import hashlib
import html
from bisect import bisect_right
from collections.abc import Sequence
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputUnreadable, InvalidValue

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
    ctrl = sum(b < 0x20 and b not in (9, 10, 12, 13) or b == 0x7F for b in head)
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


def read_article(path: str | Path) -> str:
    """:func:`read_text` for an article: also refuses an empty file and NUL
    characters (binary data, or UTF-16 without a BOM), naming line and column."""
    text = read_text(path)
    if not text.strip():
        raise InputUnreadable("the article is empty", file=str(path), line=1, code="empty-file",
                              hint="check that the file was saved or downloaded completely")
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        # UTF-16 without a BOM read as UTF-8: a NUL after (or before) nearly every letter
        said = "UTF-16 without a byte-order mark" if text.count("\x00") * 4 >= len(text) else "binary data"
        raise InputUnreadable(f"NUL character in the text; it looks like {said}", file=str(path), line=line,
                              column=column, value="\\x00", code="encoding",
                              hint="re-save the article as plain UTF-8 text (remove the NUL bytes)")
    return text


def sha256_of(path: str | Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks (a large ledger is not held twice)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------- cleaning


@dataclass(frozen=True)
class CleanText:
    """A cleaned copy of ``original`` with, for each cleaned character, the
    span ``[starts[i], ends[i])`` of original characters it came from."""

    original: str
    text: str
    starts: Sequence[int]  # an OffsetMap (runs, not one int per character); any int sequence works
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the cleaned text to the original."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


_HTML_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,300})?/?|!--.{0,300}?--)>", re.S)
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
#: An inline pinyin gloss right after a Han character: 萬(wàn), 數(shù).  Lower case
#: only, so "(AI)" or "(PBC)" after a character are left alone.
_GLOSS = re.compile(  # opens on the bracket so the regex engine can skip to candidates fast
    rf"[(（](?<=[\u3400-\u9fff][(（])(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?[aeiouv{_TONED}]{{1,4}}(?:ng|n|r)?[)）]"
)


def _opencc_t2s():
    import opencc  # imported lazily: only cleaning needs it

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _converter():
    return _opencc_t2s()


def to_simplified(text: str) -> str:
    """Traditional -> simplified, one character for one character."""
    conv = _converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c2 if len(c2 := conv.convert(c)) == 1 else c for c in text)


class OffsetMap(Sequence):
    """``starts`` or ``ends`` of a :class:`CleanText` without one int object
    per character: runs of kept characters (identity runs) and single
    replacement characters, looked up by bisection.  Behaves as a read-only
    sequence of ints (indexing, ``len``, iteration, ``bisect``)."""

    def __init__(self, runs: list[tuple[int, int, int, int | None]], length: int, *, ends: bool) -> None:
        # runs: (clean start, original start, run length, fixed original end or None)
        self._cs = [r[0] for r in runs]
        self._runs = runs
        self._len = length
        self._ends = ends

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset map index out of range")
        cs, os_, _, fixed = self._runs[bisect_right(self._cs, i) - 1]
        if self._ends:
            return fixed if fixed is not None else os_ + (i - cs) + 1
        return os_ + (i - cs)


def clean(original: str, *, simplify: bool = True) -> CleanText:
    """Remove HTML tags and inline pinyin glosses, decode entities, fold
    full-width forms and no-break spaces, and (by default) convert to
    simplified script.  Offsets map back into ``original``.

    Works a run of kept characters at a time, not character by character,
    and keeps the offset map as runs (:class:`OffsetMap`)."""
    drops: list[tuple[int, int, str | None]] = []  # (start, end, replacement)
    for rx in (_HTML_TAG, _GLOSS):
        drops.extend((m.start(), m.end(), None) for m in rx.finditer(original))
    for m in _HTML_ENTITY.finditer(original):
        rep = html.unescape(m.group())
        if rep != m.group() and len(rep) == 1:
            drops.append((m.start(), m.end(), rep))
    drops.sort()
    parts: list[str] = []
    runs: list[tuple[int, int, int, int | None]] = []
    i, c = 0, 0  # position in original, in cleaned text
    for s, e, rep in drops:
        if s < i:  # overlaps a drop already applied
            continue
        if s > i:
            parts.append(original[i:s])
            runs.append((c, i, s - i, None))
            c += s - i
        if rep is not None:
            parts.append(_fold(rep))
            runs.append((c, s, 1, e))
            c += 1
        i = e
    n = len(original)
    if i < n:
        parts.append(original[i:])
        runs.append((c, i, n - i, None))
        c += n - i
    text = _FOLD_RX.sub(_fold_match, "".join(parts))
    if simplify:
        text = to_simplified(text)
    return CleanText(original, text, OffsetMap(runs, c, ends=False), OffsetMap(runs, c, ends=True))


def _fold(ch: str) -> str:
    if ch in "\u00a0\u3000\u2007\u202f":
        return " "
    if "\uff01" <= ch <= "\uff5e":
        folded = unicodedata.normalize("NFKC", ch)
        return folded if len(folded) == 1 else ch
    return ch


#: The characters :func:`_fold` changes (one character for one), found by one regex pass.
_FOLD_RX = re.compile("[\u00a0\u3000\u2007\u202f\uff01-\uff5e]")


def _fold_match(m: re.Match) -> str:
    return _fold(m.group())


# --------------------------------------------------------------------------- script


def detect_script(text: str) -> str:
    """'zh-Hans', 'zh-Hant' or 'en', from the characters themselves."""
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if len(han) < max(5, len(text) // 50):
        return "en"
    simplified = to_simplified("".join(han))
    changed = sum(a != b for a, b in zip(han, simplified))
    return "zh-Hant" if changed / len(han) > 0.03 else "zh-Hans"


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

_ISO_PUBLISHED = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _csv_records(text: str):
    """Yield (first_line, fields) for each record of a CSV text, the line
    number being the one an editor shows for the record's first line."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    last = 0
    for fields in reader:
        first = last + 1
        last = reader.line_num
        yield first, fields


def parse_published(value: str):
    """``'2025-05-05'`` / ``'2025-05'`` / ``'2025'`` -> (first day, last day)
    as :class:`datetime.date`; raise ValueError if it is not one of those."""
    from .intervals import parse_period

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
    import pandas as pd

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
    import datetime

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
    import os

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
    import csv
    import io

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
    from .store import atomic_write_text

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

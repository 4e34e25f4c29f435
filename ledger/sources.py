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
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputUnreadable

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
    for enc in ("gb18030", "big5"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        score = sum(c in _FREQUENT for c in han) / (len(han) or 1)
        if score > best_score:
            best, best_score = enc, score
    return best


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
            f"re-save it as UTF-8 (e.g. `iconv -f {guess} -t utf-8 in > out`, or 'CSV UTF-8' in Excel)"
            if guess
            else "re-save it as UTF-8"
        )
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
        raise InputUnreadable(
            f"cannot read file: {exc.strerror or exc}", file=str(path), code="unreadable",
            hint="check the path and permissions",
        ) from None
    return decode_bytes(raw, str(path))


def sha256_of(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --------------------------------------------------------------------------- cleaning


@dataclass(frozen=True)
class CleanText:
    """A cleaned copy of ``original`` with, for each cleaned character, the
    span ``[starts[i], ends[i])`` of original characters it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

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
_GLOSS = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（](?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?[aeiouv{_TONED}]{{1,4}}(?:ng|n|r)?[)）]"
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


def clean(original: str, *, simplify: bool = True) -> CleanText:
    """Remove HTML tags and inline pinyin glosses, decode entities, fold
    full-width forms and no-break spaces, and (by default) convert to
    simplified script.  Offsets map back into ``original``."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    drops: list[tuple[int, int, str | None]] = []  # (start, end, replacement)
    for rx in (_HTML_TAG, _GLOSS):
        drops.extend((m.start(), m.end(), None) for m in rx.finditer(original))
    for m in _HTML_ENTITY.finditer(original):
        rep = html.unescape(m.group())
        if rep != m.group() and len(rep) == 1:
            drops.append((m.start(), m.end(), rep))
    drops.sort()
    i, n, d = 0, len(original), 0
    while i < n:
        while d < len(drops) and drops[d][0] < i:
            d += 1
        if d < len(drops) and drops[d][0] == i:
            s, e, rep = drops[d]
            if rep is not None:
                chars.append(_fold(rep))
                starts.append(s)
                ends.append(e)
            i = e
            continue
        chars.append(_fold(original[i]))
        starts.append(i)
        ends.append(i + 1)
        i += 1
    text = "".join(chars)
    if simplify:
        text = to_simplified(text)
    return CleanText(original, text, tuple(starts), tuple(ends))


def _fold(ch: str) -> str:
    if ch in "\u00a0\u3000\u2007\u202f":
        return " "
    if "\uff01" <= ch <= "\uff5e":
        folded = unicodedata.normalize("NFKC", ch)
        return folded if len(folded) == 1 else ch
    return ch


# --------------------------------------------------------------------------- script


def detect_script(text: str) -> str:
    """'zh-Hans', 'zh-Hant' or 'en', from the characters themselves."""
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if len(han) < max(5, len(text) // 50):
        return "en"
    simplified = to_simplified("".join(han))
    changed = sum(a != b for a, b in zip(han, simplified))
    return "zh-Hant" if changed / len(han) > 0.03 else "zh-Hans"

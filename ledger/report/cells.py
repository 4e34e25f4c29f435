"""Safe, typed cells for the streamed workbook (openpyxl write-only mode).

Article text is untrusted: a quote may begin with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return, which a spreadsheet may read as a formula.  Every
text cell goes through :func:`text_cell`: it is always a string cell (openpyxl
would otherwise turn ``'=...'`` into a formula and ``'#N/A'`` into an error),
the text is kept exactly, and cells that start with a risky character also get
Excel's *quote prefix* style, so editing the cell in Excel or LibreOffice keeps
it text.  Characters XML 1.0 cannot carry (C0 controls, lone surrogates,
U+FFFE/U+FFFF) are replaced by a visible escape such as ``\\x07``; the rest of
the text is kept.  A text longer than a cell holds (:data:`MAX_CELL_CHARS`) is
cut and ends with a visible marker (:data:`CUT_MARK`).  Numbers stay numbers;
NaN and infinities become blank cells.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from copy import copy
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties

#: Leading characters a spreadsheet may treat as the start of a formula.
RISKY_LEADS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit on the characters in one cell, counted as Excel counts them:
#: in UTF-16 code units (a character outside the BMP, e.g. an emoji, is two).
#: openpyxl itself cuts longer text silently (``Cell.check_string``), but the
#: cells made here bypass that, so :func:`safe_text` enforces it.
MAX_CELL_CHARS = 32767
#: Ends a text cut to fit one cell; ``{n}`` is the length of the whole text.
CUT_MARK = " … [cut: {n:,} characters in full]"

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CUT_TAIL = re.compile(re.escape(CUT_MARK.split("{")[0]) + r"[\d,]+ characters in full\]$")

#: Number formats by ledger unit (money in its own currency units).
PERCENT = "0.0%"
SCORE = "0.00"
MONEY = "#,##0"
PLAIN = "#,##0.##"
DATE = "yyyy-mm-dd"
_UNIT_FORMATS = {"ratio": PERCENT, "percentage_point": '0.0" pp"', "times": '#,##0.##"×"'}

#: Fill colours by severity label (light, so black text reads on them).
SEVERITY_FILLS = {"high": "F4B6B6", "medium": "FAD7A0", "low": "FCF3CF", "info": "E5E8E8"}


def safe_text(value: Any) -> str:
    """The text a cell may hold: illegal XML characters escaped; a text longer
    than :data:`MAX_CELL_CHARS` cut to fit, ending with :data:`CUT_MARK`."""
    text = "" if value is None else str(value)
    full = len(text)
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub(_escape, text)
    if len(text) > MAX_CELL_CHARS // 2 and _units(text) > MAX_CELL_CHARS:
        mark = CUT_MARK.format(n=full)
        keep = (MAX_CELL_CHARS - _units(mark)) * 2  # bytes of UTF-16
        # a pair split at the cut leaves a lone high surrogate: "ignore" drops it
        text = text.encode("utf-16-le", "surrogatepass")[:keep].decode("utf-16-le", "ignore") + mark
    return text


def is_cut(text: str) -> bool:
    """Does ``text`` (read back from a cell) end with :data:`CUT_MARK`?"""
    return _CUT_TAIL.search(text) is not None


def _units(text: str) -> int:
    """Length in UTF-16 code units (what Excel counts)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


#: Points per line of wrapped text, and the most lines a row grows to.
LINE_POINTS = 13.5
MAX_LINES = 10


def text_lines(value: Any, width: float) -> int:
    """How many lines ``value`` wraps to in a column ``width`` characters wide.

    Display width is estimated from the UTF-8 length: a CJK character (3
    bytes) counts as two columns, an ASCII one as one.
    """
    if not isinstance(value, str) or not value:
        return 1
    usable = max(width - 1.5, 1.0)
    total = 0
    for part in value.split("\n"):
        shown = (len(part) + len(part.encode("utf-8"))) / 2
        total += max(1, math.ceil(shown / usable))
    return total


def is_risky(text: str) -> bool:
    """Would a spreadsheet read this text as (the start of) a formula?"""
    return text.startswith(RISKY_LEADS)


def number_format_for(unit: Any) -> str:
    """The number format of a value in ``unit`` (currency codes get separators)."""
    unit = "" if unit is None or _is_missing(unit) else str(unit)
    if unit in _UNIT_FORMATS:
        return _UNIT_FORMATS[unit]
    if len(unit) == 3 and unit.isupper():  # ISO 4217 currency code
        return MONEY
    return PLAIN


def unit_format(unit: Any) -> str:
    """:func:`number_format_for`, with a currency's code shown after the number
    (``#,##0" CNY"``: 960,000,000,000 CNY), for a sheet where figures in
    several currencies stand side by side."""
    fmt = number_format_for(unit)
    return f'{fmt}" {unit}"' if fmt == MONEY and str(unit).isalpha() else fmt


def full_date(period: Any) -> dt.date | None:
    """A period that is one whole day (``YYYY-MM-DD``) as a date, else None."""
    if not isinstance(period, str) or not _FULL_DATE.match(period):
        return None
    try:
        return dt.date.fromisoformat(period)
    except ValueError:
        return None


def number(value: Any) -> float | int | None:
    """A finite number, or None for blanks, NaN, infinities and non-numbers."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _is_missing(value: Any) -> bool:
    try:
        return value is None or bool(value != value)  # NaN, pd.NA
    except TypeError:
        return True


def text_or_blank(value: Any) -> str:
    """``str(value)``, with None/NaN/NA as ''."""
    return "" if _is_missing(value) else str(value)


class CellMaker:
    """Makes styled write-only cells for one sheet.

    Styles are built once per (format, fill, bold, wrap) and copied onto each
    cell, which keeps 100k-row sheets fast and the style table small.
    """

    def __init__(self, ws) -> None:
        self.ws = ws
        self._styles: dict[tuple, Any] = {}

    def _style(self, fmt: str | None, fill: str | None, bold: bool, wrap: bool, risky: bool, link: bool = False):
        key = (fmt, fill, bold, wrap, risky, link)
        style = self._styles.get(key)
        if style is None:
            probe = WriteOnlyCell(self.ws)
            if fmt:
                probe.number_format = fmt
            if fill:
                probe.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if bold or link:
                probe.font = Font(bold=bold, color="0563C1" if link else None, underline="single" if link else None)
            probe.alignment = Alignment(wrap_text=wrap, vertical="top")
            if risky:
                probe.quotePrefix = True
            style = self._styles[key] = probe._style
        return style

    def text(self, value: Any, *, fill: str | None = None, bold: bool = False, wrap: bool = False,
             link: bool = False):
        """A string cell, never a formula, whatever the text starts with."""
        text = safe_text(text_or_blank(value))
        cell = WriteOnlyCell(self.ws)
        if text:
            cell._value = text
            cell.data_type = "s"
        cell._style = copy(self._style(None, fill, bold, wrap, is_risky(text), link))
        return cell

    def num(self, value: Any, fmt: str = PLAIN, *, fill: str | None = None, bold: bool = False):
        """A number cell with ``fmt``; blank (but styled) if not a finite number."""
        cell = WriteOnlyCell(self.ws, number(value))
        cell._style = copy(self._style(fmt, fill, bold, False, False))
        return cell

    def date(self, value: dt.date, *, fill: str | None = None):
        cell = WriteOnlyCell(self.ws, value)
        cell._style = copy(self._style(DATE, fill, False, False, False))
        return cell

    def period(self, value: Any, *, fill: str | None = None):
        """A period: a date cell when it is one whole day, else its text."""
        day = full_date(value)
        return self.date(day, fill=fill) if day else self.text(value, fill=fill)

    def link(self, value: Any, location: str, *, fill: str | None = None):
        """A text cell that jumps to ``location`` (e.g. ``'Claims'!A7``) in this workbook."""
        cell = self.text(value, fill=fill, link=True)
        cell.hyperlink = Hyperlink(ref="", location=location)
        return cell

    def header(self, names: list[str]) -> list:
        return [self.text(name, bold=True, fill="D6EAF8", wrap=True) for name in names]


def fit_page(ws, *, paper: str, orientation: str) -> None:
    """Print one page wide; must run before the first row (write-only)."""
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.paperSize = paper
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0

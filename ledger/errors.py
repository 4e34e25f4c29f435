"""One error family for the whole package.

Every error carries where it happened (file, line, column, field), what was
found (value), what is wrong (reason) and what to do (hint).  Only the CLI
turns these into printed messages and exit statuses; the library raises them
or returns them as data (see :class:`Problem`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One finding about an input, as data (a row of a validation report).

    ``line`` is the 1-based line an editor shows; ``column`` is the 1-based
    column number of the field in the CSV header (or a character column for
    text files).  ``code`` is a stable slug tests and reports filter on.
    ``severity`` is ``"error"`` (the input is invalid) or ``"warning"`` (it is
    accepted, but something should be fixed); a warning's message says so.
    """

    file: str
    line: int | None
    column: int | None
    field: str | None
    value: Any
    code: str
    reason: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        level = "warning: " if self.severity == "warning" else ""
        what = f"{self.field} = {_show(self.value)}: " if self.field else ""
        tail = f"; {self.hint}" if self.hint else ""
        return f"{where}: {level}{what}{self.reason}{tail}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["message"] = str(self)
        return d


def _show(value: Any) -> str:
    if value is None:
        return "''"
    text = str(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return "'" + text.replace("'", "\\'") + "'"


class LedgerError(Exception):
    """Base of every error the package raises on purpose."""

    exit_code = 1

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        value: Any = None,
        hint: str = "",
        code: str = "error",
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        self.hint = hint
        self.code = code
        super().__init__(str(self))

    def as_problem(self) -> Problem:
        return Problem(
            file=self.file or "<input>",
            line=self.line,
            column=self.column,
            field=self.field,
            value=self.value,
            code=self.code,
            reason=self.reason,
            hint=self.hint,
        )

    def __str__(self) -> str:
        return str(self.as_problem()) if self.file else _no_file(self)

    def __reduce__(self):  # keep fields when pickled (multiprocessing)
        return (_rebuild, (type(self), self.__dict__.copy()))


def _no_file(err: LedgerError) -> str:
    what = f"{err.field} = {_show(err.value)}: " if err.field else ""
    tail = f"; {err.hint}" if err.hint else ""
    return f"{what}{err.reason}{tail}"


def _rebuild(cls: type[LedgerError], state: dict) -> LedgerError:
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    Exception.__init__(obj, str(obj))
    return obj


class InputUnreadable(LedgerError, OSError):
    """The input cannot be read at all (missing, wrong encoding, not CSV)."""

    exit_code = 2


class InvalidValue(LedgerError, ValueError):
    """A value is present but not acceptable (unknown unit, impossible number)."""


class UnknownUnit(InvalidValue):
    """A unit name the project's pint registry does not know."""


class LedgerInvalid(LedgerError, ValueError):
    """A ledger failed validation; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem], file: str | None = None) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(
            f"{len(self.problems)} problem(s) found" + (f", first: {first}" if first else ""),
            file=file,
            code="ledger-invalid",
        )


class MergeConflict(LedgerError, RuntimeError):
    """Writing would overwrite something a reviewer changed."""


class Code(StrEnum):
    """Stable slugs for every finding about a ledger (``Problem.code``).

    Tests, ``--json`` output and reports filter on these; the message text may
    be reworded, the slugs stay.
    """

    # the file as a whole (exit status 2: cannot be read as a ledger)
    UNREADABLE = "unreadable"
    ENCODING = "encoding"
    EMPTY_FILE = "empty-file"
    NOT_A_LEDGER = "not-a-ledger"
    # CSV structure
    UTF16 = "utf16"
    MISSING_COLUMN = "missing-column"
    UNKNOWN_COLUMN = "unknown-column"
    DUPLICATE_COLUMN = "duplicate-column"
    BLANK_LINE = "blank-line"
    FIELD_COUNT = "field-count"
    UNCLOSED_QUOTE = "unclosed-quote"
    BAD_QUOTE = "bad-quote"
    # one cell
    WHITESPACE = "whitespace"
    NOT_INTEGER = "not-integer"
    NOT_NUMBER = "not-number"
    NOT_FINITE = "not-finite"
    REQUIRED = "required"
    NOT_IN_VOCABULARY = "not-in-vocabulary"
    BAD_CLAIM_ID = "bad-claim-id"
    NEGATIVE_OFFSET = "negative-offset"
    CONFIDENCE_RANGE = "confidence-range"
    CONFIDENCE_DETAIL = "confidence-detail"
    PERIOD_FORMAT = "period-format"
    DTYPE = "dtype"
    # one row
    EMPTY_SPAN = "empty-span"
    BOUNDS_ORDER = "bounds-order"
    VALUE_REQUIRED = "value-required"
    VALUE_RANGE = "value-range"
    DATE_HAS_VALUE = "date-has-value"
    DATE_NEEDS_PERIOD = "date-needs-period"
    KIND_UNIT = "kind-unit"
    METRIC_UNIT = "metric-unit"
    CONFIDENCE_MISMATCH = "confidence-mismatch"
    REVIEWED_NEEDS_FRAMING = "reviewed-needs-framing"
    # across rows
    DUPLICATE_CLAIM_ID = "duplicate-claim-id"
    CLAIM_ID_MISMATCH = "claim-id-mismatch"
    DUPLICATE_SPAN = "duplicate-span"
    # against sources.csv and the articles
    SOURCES_MISSING = "sources-missing"
    UNKNOWN_SOURCE = "unknown-source"
    ARTICLE_MISSING = "article-missing"
    SHA256_MISMATCH = "sha256-mismatch"
    OFFSET_OUT_OF_RANGE = "offset-out-of-range"
    SURFACE_MISMATCH = "surface-mismatch"
    SURFACE_NOT_IN_QUOTE = "surface-not-in-quote"
    QUOTE_NOT_IN_ARTICLE = "quote-not-in-article"
    QUOTE_NOT_AROUND_SPAN = "quote-not-around-span"
    # the sources table (sources.csv)
    HEADER = "header"
    SOURCE_ID = "source-id"
    SOURCE_FILE = "source-file"
    SOURCE_BASIS = "source-basis"
    SOURCE_PUBLISHED = "source-published"
    SOURCE_EVIDENCE = "source-evidence"
    SOURCE_SCRIPT = "source-script"
    SOURCE_SHA256 = "source-sha256"
    SOURCE_MISSING = "source-missing"
    DUPLICATE_ID = "duplicate-id"
    ARTICLE_CHANGED = "article-changed"
    # the decisions file (decisions.csv) and the workbook
    NOT_DECISIONS = "not-decisions"
    BAD_DECISION_ID = "bad-id"
    DUPLICATE_DECISION = "duplicate"
    BAD_DECISION = "bad-decision"
    MISSING_REVIEWER = "missing-reviewer"
    BAD_DATE = "bad-date"
    ORPHAN_DECISION = "orphan-decision"
    NOT_A_REPORT = "not-a-report"
    STALE_WORKBOOK = "stale-workbook"
    CONFLICTS_CHANGED = "conflicts-changed"
    UNIMPORTED_DECISIONS = "unimported-decisions"
    NOTE_WITHOUT_DECISION = "note-without-decision"
    FORMULA = "formula"
    SHEET_ROW_LIMIT = "sheet-row-limit"
    # the cross-check's notes and settings
    NOT_COMPARABLE = "not-comparable"
    BIG_GROUP = "big-group"
    NO_RATE = "no-rate"
    BAD_PERIOD = "bad-period"
    NOTHING_TO_COMPARE = "nothing-to-compare"
    RULES_INVALID = "rules-invalid"
    LEXICON = "lexicon"
    UNKNOWN_UNIT = "unknown-unit"
    # the exchange rates a reviewer adds (rates.csv)
    NOT_RATES = "not-rates"
    BAD_RATE = "bad-rate"
    DUPLICATE_RATE = "duplicate-rate"
    # files
    UNWRITABLE = "unwritable"
    LEDGER_INVALID = "ledger-invalid"
    CHANGED_ON_DISK = "changed-on-disk"
    LOCKED = "locked"
    ARTICLE_OUTSIDE = "article-outside"
    SOURCES_TABLE_MISSING = "sources-table-missing"
    # rows against each other and their own text (warnings)
    OVERLAPPING_SPAN = "overlapping-span"
    VALUE_PRECISION = "value-precision"
    METRIC_TO_CLASSIFY = "metric-to-classify"
    # merge
    ORPHANED = "orphaned"

"""One error family for the whole package.

Every error carries where it happened (file, line, column, field), what was
found (value), what is wrong (reason) and what to do (hint).  Only the CLI
turns these into printed messages and exit statuses; the library raises them
or returns them as data (see :class:`Problem`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One finding about an input, as data (a row of a validation report).

    ``line`` is the 1-based line an editor shows; ``column`` is the 1-based
    column number of the field in the CSV header (or a character column for
    text files).  ``code`` is a stable slug tests and reports filter on.
    """

    file: str
    line: int | None
    column: int | None
    field: str | None
    value: Any
    code: str
    reason: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"{self.field} = {_show(self.value)}: " if self.field else ""
        tail = f"; {self.hint}" if self.hint else ""
        return f"{where}: {what}{self.reason}{tail}"

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


def _rebuild(cls: type, state: dict) -> LedgerError:
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

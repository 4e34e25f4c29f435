"""The one error family: messages built from fields, exact text, pickling."""
from __future__ import annotations

import pickle

from ledger.errors import InputUnreadable, InvalidValue, LedgerError, Problem


def test_problem_message_exact():
    p = Problem("claims.csv", 7, 12, "unit", "dollars", "unknown-unit", "unknown unit", "use USD")
    assert str(p) == "claims.csv:7:12: unit = 'dollars': unknown unit; use USD"


def test_problem_without_field_or_hint():
    p = Problem("claims.csv", 1, None, None, None, "empty", "file is empty")
    assert str(p) == "claims.csv:1: file is empty"


def test_error_carries_fields_and_formats_like_problem():
    err = InvalidValue("value_low exceeds value", file="claims.csv", line=3, column=14,
                       field="value_low", value="0.5", hint="swap them", code="bounds")
    assert str(err) == "claims.csv:3:14: value_low = '0.5': value_low exceeds value; swap them"
    assert err.as_problem().code == "bounds"


def test_errors_mix_in_builtins_and_exit_codes():
    assert issubclass(InputUnreadable, OSError) and InputUnreadable.exit_code == 2
    assert issubclass(InvalidValue, ValueError) and InvalidValue.exit_code == 1
    assert issubclass(InputUnreadable, LedgerError)


def test_error_pickles_with_its_fields():
    err = InputUnreadable("not UTF-8", file="a.csv", line=2, column=5, value="b5 bb", hint="re-save", code="encoding")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is InputUnreadable
    assert (back.file, back.line, back.column, back.code) == ("a.csv", 2, 5, "encoding")
    assert str(back) == str(err)


def test_long_values_are_shortened_in_messages():
    p = Problem("f", 1, 1, "quote", "x" * 200, "c", "too long")
    assert "..." in str(p) and len(str(p)) < 140

"""docs/numbers.md shows real output: every row of its examples table is what
find_mentions reads."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from ledger.numbers import find_mentions
from tests.conftest import ROOT


def _rows() -> list[list[str]]:
    doc = (ROOT / "docs" / "numbers.md").read_text(encoding="utf-8")
    table = doc[doc.index("<!-- examples -->"):doc.index("<!-- /examples -->")]
    lines = [line for line in table.splitlines() if line.startswith("|")][2:]  # header and rule
    return [[cell.strip() for cell in line.strip().strip("|").split(" | ")] for line in lines]


ROWS = _rows()


def test_the_examples_table_is_not_empty():
    assert len(ROWS) >= 40 and all(len(r) == 8 for r in ROWS)


def _num(cell: str):
    return None if cell == "-" else D(cell)


@pytest.mark.parametrize("text, surface, kind, value, low, high, unit, qualifier", ROWS, ids=[r[0] for r in ROWS])
def test_docs_example(text, surface, kind, value, low, high, unit, qualifier):
    found = [m for m in find_mentions(text) if m.surface == surface]
    assert len(found) == 1, [m.surface for m in find_mentions(text)]
    m = found[0]
    assert (m.kind, m.value, m.low, m.high, m.unit, m.qualifier) == (
        kind, _num(value), _num(low), _num(high), unit, qualifier)

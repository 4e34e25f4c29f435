"""The project's pint registry.

Each currency is its own base dimension (``[currency_USD]``), so USD never
silently adds to CNY: converting between currencies needs a dated rate and is
an explicit step.  Percentages are stored as fractions (unit ``ratio``),
percentage points as ``percentage_point``, multiples as ``times``.
"""
from __future__ import annotations

from functools import lru_cache

import pint

from ledger.errors import UnknownUnit

#: ISO 4217 codes the ledger accepts, with the words that name them.
CURRENCIES: dict[str, str] = {
    "USD": "US dollar",
    "CNY": "Chinese yuan (renminbi)",
    "HKD": "Hong Kong dollar",
    "TWD": "New Taiwan dollar",
    "EUR": "euro",
    "JPY": "Japanese yen",
    "GBP": "pound sterling",
    "KRW": "South Korean won",
    "SGD": "Singapore dollar",
}

#: Non-currency units a ledger row may carry, beyond pint's own time units.
EXTRA_UNITS = (
    "ratio = [] = fraction",
    "percentage_point = 0.01 * ratio = pp",
    "times = [] = factor",
    "date = [calendar_date]",
)

#: The units a ledger ``unit`` cell may hold.
LEDGER_UNITS: frozenset[str] = frozenset(
    [*CURRENCIES, "ratio", "percentage_point", "times", "count", "day", "week", "month", "year", "date"]
)


_TIME = ("day", "week", "month", "year")

#: The dimension (metric family of units) each kind of mention is measured in.
KIND_DIMENSION: dict[str, str] = {
    "money": "money", "percent": "ratio", "percentage_point": "ratio", "multiple": "times",
    "count": "count", "duration": "duration", "date": "date",
}
#: Units each kind of mention takes.
KIND_UNITS: dict[str, tuple[str, ...]] = {
    "money": tuple(CURRENCIES), "percent": ("ratio",), "percentage_point": ("percentage_point",),
    "multiple": ("times",), "count": ("count",), "duration": _TIME, "date": ("date",),
}
#: Units each metric dimension admits (a ratio metric may also move in percentage points).
DIMENSION_UNITS: dict[str, tuple[str, ...]] = {
    "money": tuple(CURRENCIES), "ratio": ("ratio", "percentage_point"), "times": ("times",),
    "count": ("count",), "duration": _TIME, "date": ("date",),
}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared registry (built once)."""
    ureg: pint.UnitRegistry = pint.UnitRegistry(cache_folder=None)
    for code in CURRENCIES:
        ureg.define(f"{code} = [currency_{code}]")
    for line in EXTRA_UNITS:
        ureg.define(line)
    return ureg


def check_unit(name: str) -> pint.Unit:
    """Parse a ledger unit name, raising :class:`UnknownUnit` with a hint."""
    if name not in LEDGER_UNITS:
        raise UnknownUnit(
            f"unknown unit {name!r}",
            field="unit",
            value=name,
            hint="use one of " + ", ".join(sorted(LEDGER_UNITS)),
            code="unknown-unit",
        )
    return registry().parse_units(name)


def dimension_of(name: str) -> str:
    """A short name for a unit's dimension: 'currency:USD', 'ratio', 'time', ..."""
    if name in CURRENCIES:
        return f"currency:{name}"
    if name in ("ratio", "percentage_point"):
        return name
    if name in ("day", "week", "month", "year"):
        return "time"
    return name


def quantity(value: float, unit: str) -> pint.Quantity:
    check_unit(unit)
    return registry().Quantity(value, unit)

"""The project's pint registry: every unit the ledger uses, and the one place
where units are converted, compared or refused.

Each currency is its own base dimension (``[currency_USD]``), so USD never
silently adds to CNY: converting between currencies takes a dated rate, a
quantity in ``CNY/USD``, and pint checks the conversion's dimensions
(:func:`convert`).  Percentages are stored as fractions (unit ``ratio``),
percentage points as ``percentage_point`` (a hundredth of a ratio), multiples
as ``times``; durations in ``day``, ``week``, ``month``, ``year``; the number
words' magnitudes (万, 亿, 兆, thousand ... trillion) are dimensionless units.

The registry is built from :data:`DEFINITIONS` alone (not pint's default
file of ~1000 units): it is built once, on first use, in ~10 ms, and pint is
imported only then, so importing this module (the schema does, for the unit
tables) costs nothing.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ledger.errors import InvalidValue, UnknownUnit

if TYPE_CHECKING:  # pint is imported when the registry is first built
    import pint

#: ISO 4217 codes the ledger accepts, with the words that name them: data, in
#: lexicon/currencies.toml (a small file read once, when this module is imported).
CURRENCIES: dict[str, str] = dict(
    tomllib.loads((Path(__file__).parent / "lexicon" / "currencies.toml").read_text(encoding="utf-8"))["codes"])

#: The magnitudes of the number words (the numbers stage's tables,
#: lexicon/numbers.toml, must agree: tests/base/test_units.py).
MAGNITUDES: dict[str, tuple[float, tuple[str, ...]]] = {
    "thousand": (1e3, ()), "wan": (1e4, ("万", "萬")), "million": (1e6, ()), "yi": (1e8, ("亿", "億")),
    "billion": (1e9, ()), "trillion": (1e12, ()), "zhao": (1e12, ("兆",)),
}

#: Every unit of the registry, in pint's definition syntax.
DEFINITIONS: tuple[str, ...] = (
    # time: the durations a ledger row may carry
    "second = [time] = s", "minute = 60 * second", "hour = 60 * minute", "day = 24 * hour",
    "week = 7 * day", "year = 365.25 * day", "month = year / 12",
    # shares and their changes; multiples; counts; calendar dates
    "ratio = [ratio] = fraction", "percent = 0.01 * ratio = %", "percentage_point = 0.01 * ratio = pp",
    "times = [multiple] = factor", "count = [count]", "date = [calendar_date]",
    # magnitudes
    *(f"{name} = {value:g}" + "".join(f" = {alias}" for alias in aliases)
      for name, (value, aliases) in MAGNITUDES.items()),
    # currencies: one dimension each
    *(f"{code} = [currency_{code}]" for code in CURRENCIES),
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

#: Units of one dimension that still measure different things: the
#: cross-check does not compare them.
NOT_COMPARED: dict[frozenset[str], str] = {
    frozenset({"ratio", "percentage_point"}): "a change in percentage points is not a share",
}


class IncomparableUnits(InvalidValue):
    """Two units that no conversion relates (USD and ratio), or two
    currencies converted without a rate."""


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared registry, built on first use from :data:`DEFINITIONS`."""
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(None, cache_folder=None)
    for line in DEFINITIONS:
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


def is_currency(name: str) -> bool:
    return name in CURRENCIES


def dimension_of(name: str) -> str:
    """A short name for a unit's dimension: 'currency:USD', 'ratio', 'time', ..."""
    if name in CURRENCIES:
        return f"currency:{name}"
    if name in ("ratio", "percentage_point"):
        return name
    if name in ("day", "week", "month", "year"):
        return "time"
    return name


def quantity(value: Any, unit: str) -> pint.Quantity:
    check_unit(unit)
    return registry().Quantity(value, unit)


@lru_cache(maxsize=65536)
def fmt(value: float, unit: str) -> str:
    """A number for a sentence: 5e11 USD -> '500 bn USD', 0.27 ratio -> '27%'."""
    if value is None or np.isnan(value):
        return "?"
    if np.isinf(value):
        return "no limit" if value > 0 else "no lower limit"
    if unit in ("ratio",):
        return f"{value * 100:.4g}%"
    if unit == "times":
        return f"{value:.4g}x"
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:.4g} {word} {unit}".strip()
    return f"{value:.4g} {unit}".strip()


@lru_cache(maxsize=256)
def relation(unit: str, other: str) -> tuple[str, str]:
    """How two ledger units compare, asked of the registry: ``("same", "")``,
    ``("convert", "")`` (one dimension: a fixed factor, e.g. month and day),
    ``("rate", "")`` (two currencies: a dated exchange rate is needed) or
    ``("none", reason)``."""
    if unit == other:
        return "same", ""
    pair = frozenset({unit, other})
    if pair in NOT_COMPARED:
        return "none", NOT_COMPARED[pair]
    try:
        a, b = check_unit(unit), check_unit(other)
    except UnknownUnit as err:
        return "none", str(err)
    if a.dimensionality == b.dimensionality:
        return "convert", ""
    if is_currency(unit) and is_currency(other):
        return "rate", ""
    return "none", f"{unit} and {other} measure different things"


@lru_cache(maxsize=256)
def factor(unit: str, to: str) -> float:
    """How many ``to`` one ``unit`` is (units of one dimension): year -> month is 12."""
    return float(convert(1.0, unit, to))


def convert(values: Any, unit: str, to: str, rate: Any = None, rate_unit: str | None = None) -> Any:
    """``values`` (a number or an array) in ``unit`` expressed in ``to``.

    Two currencies need ``rate`` (a number or one per value) in ``rate_unit``
    (default ``"to/unit"``: 7.1 CNY/USD): the registry multiplies the
    quantities and checks that the result is in ``to``, so a rate quoted the
    other way round (USD/CNY) is refused, not applied.  Units of one dimension
    convert by their factor; anything else raises :class:`IncomparableUnits`."""
    import pint

    ureg = registry()
    amount = ureg.Quantity(np.asarray(values, dtype=float), check_unit(unit))
    if rate is not None:
        if relation(unit, to)[0] != "rate":
            raise IncomparableUnits(f"an exchange rate converts currencies, not {unit} to {to}", field="unit",
                                    value=f"{unit} -> {to}", hint="convert by the units' factor",
                                    code="not-comparable")
        amount = amount * ureg.Quantity(np.asarray(rate, dtype=float), rate_unit or f"{to} / {unit}")
    try:
        return amount.to(check_unit(to)).magnitude
    except pint.DimensionalityError as err:
        hint = ("give a dated exchange rate (ledger.crosscheck.rates)" if relation(unit, to)[0] == "rate"
                and rate is None else "compare only units of one dimension, or give the rate in to/unit")
        raise IncomparableUnits(f"cannot express {unit} in {to}: {err}", field="unit", value=f"{unit} -> {to}",
                                hint=hint, code="not-comparable") from None

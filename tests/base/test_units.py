"""The pint registry: currencies are separate dimensions; ratios and multiples."""
from __future__ import annotations

import math

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.errors import InvalidValue, UnknownUnit
from ledger.units import CURRENCIES, LEDGER_UNITS, check_unit, dimension_of, quantity, registry


def test_usd_never_adds_to_cny():
    with pytest.raises(pint.DimensionalityError):
        quantity(1, "USD") + quantity(1, "CNY")


def test_same_currency_adds():
    # 130亿 + 5亿 = 135亿
    total = quantity(13_000_000_000, "USD") + quantity(500_000_000, "USD")
    assert total.magnitude == 13_500_000_000


def test_ratio_is_percent_as_fraction():
    assert quantity(0.27, "ratio").to("percent").magnitude == pytest.approx(27)


def test_percentage_point_is_a_hundredth():
    # 2 个百分点 = 0.02 as a fraction
    assert quantity(2, "percentage_point").to("ratio").magnitude == pytest.approx(0.02)


def test_unknown_unit_error_says_what_to_use():
    with pytest.raises(UnknownUnit) as info:
        check_unit("dollars")
    err = info.value
    assert isinstance(err, InvalidValue) and isinstance(err, ValueError)
    assert err.value == "dollars" and err.code == "unknown-unit"
    assert "USD" in err.hint


@pytest.mark.parametrize("unit", sorted(LEDGER_UNITS))
def test_every_ledger_unit_parses(unit):
    assert check_unit(unit) == registry().parse_units(unit)


@pytest.mark.parametrize(
    "unit, dim",
    [("USD", "currency:USD"), ("CNY", "currency:CNY"), ("ratio", "ratio"), ("year", "time"), ("times", "times")],
)
def test_dimension_names(unit, dim):
    assert dimension_of(unit) == dim


@given(st.floats(min_value=1e-6, max_value=1e15, allow_nan=False), st.sampled_from(sorted(CURRENCIES)))
def test_currency_round_trip_is_reversible(x, code):
    q = quantity(x, code)
    assert math.isclose(q.to(code).magnitude, x)


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_ratio_percent_round_trip(x):
    q = quantity(x, "ratio")
    assert math.isclose(q.to("percent").to("ratio").magnitude, x, rel_tol=1e-12, abs_tol=1e-15)

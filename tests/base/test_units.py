"""The pint registry: currencies are separate dimensions; ratios and multiples."""
from __future__ import annotations

import math
from pathlib import Path

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


# --------------------------------------------------------------------------- the registry owns the units (issue 12)


def test_currencies_convert_only_with_a_rate_in_the_right_direction():
    from ledger.units import IncomparableUnits, convert

    # 135 bn USD at 7.0994 CNY/USD = 958.4 bn CNY
    assert convert(135e9, "USD", "CNY", 7.0994, "CNY/USD") == pytest.approx(958.419e9)
    with pytest.raises(IncomparableUnits) as info:
        convert(135e9, "USD", "CNY")  # no rate
    assert "dated exchange rate" in info.value.hint
    with pytest.raises(IncomparableUnits):
        convert(135e9, "USD", "CNY", 0.1409, "USD/CNY")  # a rate quoted the other way round: USD²/CNY
    with pytest.raises(IncomparableUnits):
        convert(0.27, "ratio", "times", 1.0)  # a rate is for currencies only


@pytest.mark.parametrize("unit, other, how", [
    ("USD", "USD", "same"), ("USD", "CNY", "rate"), ("year", "month", "convert"), ("day", "week", "convert"),
    ("USD", "ratio", "none"), ("ratio", "times", "none"), ("ratio", "percentage_point", "none"),
    ("count", "times", "none"),
])
def test_relation_of_two_units(unit, other, how):
    from ledger.units import relation

    assert relation(unit, other)[0] == how


def test_durations_convert_by_the_registrys_factor():
    from ledger.units import factor

    # a year is 12 months, 365.25 days; a week 7 days
    assert factor("year", "month") == pytest.approx(12)
    assert factor("year", "day") == pytest.approx(365.25)
    assert factor("week", "day") == pytest.approx(7)


def test_magnitudes_agree_with_the_numbers_lexicon():
    import tomllib
    from importlib import resources

    from ledger.units import MAGNITUDES

    numbers = tomllib.loads(resources.files("ledger").joinpath("lexicon/numbers.toml").read_text(encoding="utf-8"))
    zh = numbers["numerals"]["zh"]["magnitudes"]
    en = numbers["numerals"]["en"]["magnitudes"]
    ureg = registry()
    for name, (value, aliases) in MAGNITUDES.items():
        assert ureg.Quantity(1, name).to("dimensionless").magnitude == value
        for alias in aliases:
            assert zh[alias] == value  # 万 = 1e4, 亿 = 1e8, 兆 = 1e12
        if name in en:
            assert en[name] == value


def test_importing_the_unit_tables_does_not_import_pint():
    import subprocess
    import sys

    code = "import sys, ledger.units, ledger.claims.rules; print('pint' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"

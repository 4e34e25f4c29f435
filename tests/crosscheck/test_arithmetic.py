"""Arithmetic rules (rules.toml) on hand-made ledgers, and the interval
arithmetic under them.  Expected numbers are worked out in the comments."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import crosscheck
from ledger.crosscheck import arithmetic, check, is_open_contradiction
from ledger.errors import InvalidValue
from tests.claims_factory import claim, ledger

NAN = math.nan


def money(source, surface, metric, value, **kw):
    return claim(source, surface, metric, value, kind="money", **kw)


def rule_rows(out, rule):
    return out[(out["kind"] == "arithmetic") & (out["rule"] == rule)].reset_index(drop=True)


STAKE = claim("s1", "27%", "equity_stake", 0.27, kind="percent", period="2025-10")
STAKE_VALUE = money("s1", "1350亿美元", "stake_value", 1.35e11, period="2025-10")


def test_stake_and_stake_value_imply_the_valuation():
    # 27% -> [0.265, 0.275]; 1350亿 -> [1349.5亿, 1350.5亿].
    # valuation = stake_value / stake = 1350 / 0.27 = 5000亿, between 1349.5/0.275 = 4907.3亿
    # and 1350.5/0.265 = 5096.2亿.
    out = rule_rows(check(ledger(STAKE, STAKE_VALUE)), "stake_value")
    assert len(out) == 1
    row = out.iloc[0]
    assert row["result"] == "implied" and row["metric"] == "valuation" and row["implied_unit"] == "USD"
    assert row["implied_value"] == pytest.approx(5e11)
    assert row["implied_low"] == pytest.approx(1.3495e11 / 0.275)
    assert row["implied_high"] == pytest.approx(1.3505e11 / 0.265)
    assert row["subject"] == "OpenAI"  # the valuation is of the company C, bound from the stake's object
    assert row["severity_label"] == "info" and not is_open_contradiction(out).any()


@pytest.mark.parametrize("surface,value,result", [
    ("5000亿美元", 5e11, "pass"),   # [4999.5亿, 5000.5亿] overlaps [4907亿, 5096亿]
    ("5100亿美元", 5.1e11, "fail"),  # [5099.5亿, ...] starts above 5096.2亿
    ("3000亿美元", 3e11, "fail"),    # far below
])
def test_stated_valuation_passes_or_fails(surface, value, result):
    valuation = money("s1", surface, "valuation", value, subject="OpenAI", object="", period="2025-10")
    out = rule_rows(check(ledger(STAKE, STAKE_VALUE, valuation)), "stake_value")
    # all three terms stated: one finding (the three solve directions are the same check)
    assert out["result"].tolist() == [result]
    assert sorted(out["claims"].iloc[0].split(";")) == sorted(
        [STAKE["claim_id"], STAKE_VALUE["claim_id"], valuation["claim_id"]])
    assert is_open_contradiction(out).tolist() == [result == "fail"]


def test_failed_rule_has_severity_from_its_gap():
    # 3000亿 vs implied 5000亿: gap = 2000/5000 = 0.4; magnitude min(1, 0.3 + 0.8) = 1; weight 0.9.
    valuation = money("s1", "3000亿美元", "valuation", 3e11, subject="OpenAI", object="", period="2025-10")
    row = rule_rows(check(ledger(STAKE, STAKE_VALUE, valuation)), "stake_value").iloc[0]
    assert row["gap"] == pytest.approx(0.4)
    assert row["severity"] == pytest.approx(0.9) and row["severity_label"] == "high"


def test_inputs_from_different_sources_are_not_combined_by_a_source_scoped_rule():
    other = money("s2", "1350亿美元", "stake_value", 1.35e11, period="2025-10")
    assert len(rule_rows(check(ledger(STAKE, other)), "stake_value")) == 0


def test_incompatible_periods_are_not_combined():
    old_stake = claim("s1", "49%", "equity_stake", 0.49, kind="percent", period="2023")
    assert len(rule_rows(check(ledger(old_stake, STAKE_VALUE)), "stake_value")) == 0


def test_return_multiple_over_10_fits():
    # 1350亿 / 130亿 = 10.38; with rounding [1349.5/130.5, 1350.5/129.5] = [10.34, 10.43]
    # overlaps "超过10倍" = (10, open): pass.
    invest = money("s1", "130亿美元", "cumulative_investment", 1.3e10)
    multiple = claim("s1", "10倍", "return_multiple", 10, kind="multiple", low=10, high=NAN, qualifier="over",
                     period="2025-10")
    out = rule_rows(check(ledger(STAKE_VALUE, invest, multiple)), "return_multiple")
    assert out["result"].tolist() == ["pass"]
    assert out["implied_value"].iloc[0] == pytest.approx(1350 / 130)
    assert out["implied_low"].iloc[0] == pytest.approx(1349.5 / 130.5)


def test_return_multiple_of_20_does_not_fit():
    # 10.38 is far outside 20倍 -> [19.5, 20.5]: fail.
    invest = money("s1", "130亿美元", "investment", 1.3e10)
    multiple = claim("s1", "20倍", "return_multiple", 20, kind="multiple", period="2025-10")
    out = rule_rows(check(ledger(STAKE_VALUE, invest, multiple)), "return_multiple")
    assert out["result"].tolist() == ["fail"]


def test_commitment_as_multiple_of_revenue_implies_revenue():
    # 1.4万亿 -> [1.35, 1.45]万亿 (last digit: 0.1万亿); 100倍 -> [99.5, 100.5].
    # revenue = 1.4e12 / 100 = 1.4e10, between 1.35e12/100.5 and 1.45e12/99.5.
    commitment = money("s1", "1.4万亿美元", "compute_commitment", 1.4e12, subject="OpenAI", object="", period="2026-02")
    times = claim("s1", "100倍", "commitment_to_revenue", 100, kind="multiple", subject="OpenAI", object="",
                  period="2025", modality="forecast")
    row = rule_rows(check(ledger(commitment, times)), "commitment_to_revenue").iloc[0]
    assert row["result"] == "implied" and row["metric"] == "revenue"
    assert row["implied_value"] == pytest.approx(1.4e10)
    assert (row["implied_low"], row["implied_high"]) == (pytest.approx(1.35e12 / 100.5), pytest.approx(1.45e12 / 99.5))


def test_customer_share_of_revenue():
    # Microsoft is 62% of CoreWeave's 2024 revenue of 19亿: 0.62 * 1.9e9 = 1.178e9 from Microsoft.
    share = claim("s1", "62%", "revenue_share_of_customer", 0.62, kind="percent", subject="Microsoft",
                  object="CoreWeave", period="2024")
    revenue = money("s1", "19亿美元", "revenue", 1.9e9, subject="CoreWeave", object="", period="2024")
    row = rule_rows(check(ledger(share, revenue)), "customer_share").iloc[0]
    assert row["result"] == "implied" and row["implied_value"] == pytest.approx(1.178e9)
    # a stated revenue from Microsoft of 30亿 is more than the whole 19亿 could hold at 62%: fail.
    part = money("s1", "30亿美元", "revenue", 3e9, subject="CoreWeave", object="Microsoft", period="2024")
    out = rule_rows(check(ledger(share, revenue, part)), "customer_share")
    assert out["result"].tolist() == ["fail"]


@pytest.mark.parametrize("part,result", [(5e8, "pass"), (7e9, "fail")])
def test_one_investor_part_of_a_round(part, result):
    # 5亿 of a 66亿 round fits; 70亿 -> [65亿, 75亿] ... lower bound 65亿 <= 66.5亿: would overlap,
    # so use "7000000000" written as 70.0亿 to make the rounding 0.05亿: [69.95亿, 70.05亿] > 66.05亿.
    round_ = money("s1", "66亿美元", "funding_round", 6.6e9, subject="OpenAI", object="", period="2024-10")
    surface = "5亿美元" if part == 5e8 else "70.0亿美元"
    invest = money("s1", surface, "investment", part, subject="Microsoft", object="OpenAI", period="2024-10")
    out = rule_rows(check(ledger(round_, invest)), "part_of_round")
    assert out["result"].tolist() == [result]


def test_revenue_growth_bounds_the_year_before():
    # 2024 revenue 19亿 grew by over 700%: 2023 revenue < 19/(1+7) = 2.375亿 (19.5/8 = 2.4375亿 with rounding).
    revenue = money("s1", "19亿美元", "revenue", 1.9e9, subject="CoreWeave", object="", period="2024")
    growth = claim("s1", "700%", "revenue_growth", 7.0, kind="percent", subject="CoreWeave", object="",
                   period="2024", low=7.0, high=NAN, qualifier="over")
    row = rule_rows(check(ledger(revenue, growth)), "revenue_growth").iloc[0]
    assert row["result"] == "implied" and row["implied_high"] == pytest.approx(1.95e9 / 8)
    # a stated 2023 revenue of 2.29亿 fits; 5亿 does not.
    for surface, value, result in (("2.29亿美元", 2.29e8, "pass"), ("5亿美元", 5e8, "fail")):
        before = money("s1", surface, "revenue", value, subject="CoreWeave", object="", period="2023")
        out = rule_rows(check(ledger(revenue, growth, before)), "revenue_growth")
        assert out["result"].tolist() == [result]


def test_the_same_year_is_not_taken_as_the_year_before():
    # Only 2024 figures: the 'before' term needs a period wholly earlier, so 19亿 cannot be the base.
    revenue = money("s1", "19亿美元", "revenue", 1.9e9, subject="CoreWeave", object="", period="2024")
    growth = claim("s1", "8倍", "growth_multiple", 8, kind="multiple", subject="CoreWeave", object="", period="2024")
    out = rule_rows(check(ledger(revenue, growth)), "revenue_multiple")
    assert out["metric"].tolist() == ["revenue"] and out["result"].tolist() == ["implied"]
    assert out["implied_value"].iloc[0] == pytest.approx(1.9e9 / 8)  # the earlier revenue, not a later one


def test_mixed_currencies_without_a_date_are_not_computed():
    invest = money("s1", "900亿元", "investment", 9e10, unit="CNY")
    multiple = claim("s1", "10倍", "return_multiple", 10, kind="multiple")
    stake_value = money("s1", "1350亿美元", "stake_value", 1.35e11)
    out = rule_rows(check(ledger(stake_value, invest, multiple)), "return_multiple")
    # No claim has a period and there is no sources table: no date, so no rate.  1350亿美元 / 900亿元 is
    # never computed, and the USD stake value is never tested against a CNY one; what remains is the CNY
    # stake value the 10x and the 900亿元 imply (9000亿元).  (With dates: tests/crosscheck/test_currencies.py.)
    assert out["result"].tolist() == ["implied"] and out["implied_unit"].tolist() == ["CNY"]
    assert out["implied_value"].iloc[0] == pytest.approx(9e11)
    assert "no-rate" in [n.code for n in check(ledger(stake_value, invest, multiple)).attrs["notes"]]


# --------------------------------------------------------------------------- rules as data


def test_packaged_rules_load():
    names = [r.name for r in arithmetic.load_rules(crosscheck.load_settings())]
    assert {"stake_value", "return_multiple", "commitment_to_revenue", "customer_share", "part_of_round",
            "revenue_growth", "revenue_multiple"} <= set(names)


@pytest.mark.parametrize("table,field", [
    ({"name": "x", "relation": "no relation here"}, "relation"),
    ({"name": "x", "relation": "a = b * c", "terms": {"a": {"metric": "valuation"}, "b": {"metric": "revenue"}}},
     "solve"),
    ({"name": "x", "relation": "a = b", "terms": {"a": {"metric": "nonsense"}, "b": {"metric": "revenue"}}}, "terms"),
    ({"name": "x", "relation": "a = b", "terms": {"a": {"metric": ["revenue", "equity_stake"]},
                                                 "b": {"metric": "revenue"}}}, "terms"),
    # scope "any" with a term sharing no variable: the join would pair the whole ledger
    ({"name": "x", "relation": "a = b", "scope": "any", "terms": {"a": {"metric": "revenue", "subject": "C"},
                                                                  "b": {"metric": "revenue", "subject": "D"}}},
     "terms"),
])
def test_malformed_rules_raise_with_the_field(table, field):
    with pytest.raises(InvalidValue) as err:
        arithmetic.load_rules({"rule": [table]})
    assert err.value.field == field and err.value.code == "rules-invalid"


# --------------------------------------------------------------------------- interval arithmetic

bounds = st.floats(0.01, 1e6)


@given(st.lists(st.tuples(bounds, bounds, st.floats(0, 1)), min_size=3, max_size=3),
       st.sampled_from(["a * b / c", "a / (b + c)", "a * (1 + b) - c", "(a - b) * c"]))
def test_interval_result_contains_every_point_result(spec, expression):
    env, points = {}, {}
    for name, (x, y, t) in zip("abc", spec):
        lo, hi = min(x, y), max(x, y)
        env[name] = (np.array([lo]), np.array([hi]))
        p = lo + t * (hi - lo)
        points[name] = (np.array([p]), np.array([p]))
    lo, hi = arithmetic.evaluate(expression, env)
    value = arithmetic.evaluate(expression, points)[0]
    tol = 1e-9 * max(1.0, abs(float(value[0])))
    assert lo[0] - tol <= value[0] <= hi[0] + tol


def test_division_by_an_interval_holding_zero_is_unbounded():
    lo, hi = arithmetic.evaluate("a / b", {"a": (np.array([1.0]), np.array([2.0])),
                                           "b": (np.array([-1.0]), np.array([1.0]))})
    assert lo[0] == -np.inf and hi[0] == np.inf


@pytest.mark.parametrize("value,unit,text", [
    (5e11, "USD", "500 bn USD"), (1.4e12, "USD", "1.4 tn USD"), (0.27, "ratio", "27%"),
    (10.384615, "times", "10.38x"), (math.inf, "times", "no limit"), (3.5e8, "CNY", "350 m CNY"),
])
def test_fmt(value, unit, text):
    assert arithmetic.fmt(value, unit) == text


def test_a_product_past_the_float_range_is_an_open_bound_without_a_warning():
    # 1e200 x 1e200 overflows: the interval's bound is infinite, and no RuntimeWarning
    # reaches a user's terminal
    import warnings
    big = (np.array(1e200), np.array(1e201))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lo, hi = arithmetic._mul(big, big)
    assert lo == math.inf and hi == math.inf

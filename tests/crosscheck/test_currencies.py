"""Claims in different currencies, compared at a dated rate (issue 12).

Every expected verdict is argued in a comment from the figures, the rounding
of their last written digit (ledger/numbers/precision.py: "$135 billion" is
±0.5 bn, "9,600亿" ±0.5亿) and the European Central Bank's reference rates,
quoted from its published table (units per euro; the CNY/USD cross rate is
CNY per EUR / USD per EUR):

    date        USD per EUR  CNY per EUR   CNY per USD
    2025-04-01  1.0788       7.8431        7.2702
    2025-09-11  1.1685       8.3252        7.1247
    2025-10-24  1.1612       8.2706        7.1225   (a Friday)
    2025-10-29  1.1636       8.2609        7.0994
    October 2025: CNY per USD between 7.0994 and 7.1400
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from ledger import crosscheck
from ledger.crosscheck import explain
from ledger.crosscheck.rates import RateBook, read_rates
from ledger.errors import LedgerInvalid
from tests.claims_factory import claim, ledger


def check(claims, *args, **kwargs):
    """The check with every row rendered (ids, claims lists, sentences), as the tests read them."""
    return crosscheck.check(claims, *args, **{"explain": True, **kwargs})

YI = 1e8


def money(source, surface, value, unit="USD", metric="stake_value", **kw):
    return claim(source, surface, metric, value, kind="money", unit=unit, **kw)


def book(published: dict[str, str], rates: pd.DataFrame | None = None) -> RateBook:
    sources = pd.DataFrame({"id": list(published), "published": list(published.values())})
    return RateBook.of(sources, rates)


def pair(out: pd.DataFrame) -> pd.DataFrame:
    return out[out["kind"] != "arithmetic"].reset_index(drop=True)


def codes(out: pd.DataFrame) -> list[str]:
    return [str(n.code) for n in out.attrs["notes"]]


# --------------------------------------------------------------------------- the Microsoft stake, three articles

USD_135 = money("en", "$135 billion", 135e9)
CNY_9600 = money("zh1", "9,600亿元", 9600 * YI, unit="CNY")
CNY_5000 = money("zh2", "5,000亿元", 5000 * YI, unit="CNY")
SAME_DAY = book({"en": "2025-10-29", "zh1": "2025-10-29", "zh2": "2025-10-29"})


def test_135_billion_dollars_and_9600_yi_yuan_the_same_day_agree():
    # No period: each claim takes its article's date, 2025-10-29, at 7.0994 CNY per USD.
    # 9,600亿元 is [9599.5, 9600.5]亿 CNY = [135.22, 135.23] bn USD, inside $135 bn's [134.5, 135.5] bn.
    out = pair(check(ledger(USD_135, CNY_9600), rates=SAME_DAY))
    assert out["kind"].tolist() == ["consistent"]
    row = out.iloc[0]
    a_is_usd = row["claim_a"] == USD_135["claim_id"]
    assert (row["unit"], row["unit_b"]) == (("USD", "CNY") if a_is_usd else ("CNY", "USD"))
    # both original values, and b's in a's currency: 9600亿 / 7.0994 = 135.22 bn; 135 bn x 7.0994 = 9584.2亿
    assert {row["value_a"], row["value_b"]} == {135e9, 9600 * YI}
    converted = 9600 * YI / 7.0994 if a_is_usd else 135e9 * 7.0994
    assert row["value_b_converted"] == pytest.approx(converted, rel=1e-4)
    assert row["rate_date"] == "2025-10-29" and row["rate_source"].startswith("ECB euro reference rates")
    assert "7.0994 CNY per USD" in row["explanation"]
    assert "no-rate" not in codes(out) and "not-comparable" not in codes(out)


def test_135_billion_dollars_and_5000_yi_yuan_the_same_day_contradict():
    # 5,000亿元 at 7.0994 is 70.4 bn USD, far below [134.5, 135.5] bn: both facts, the same day.
    out = pair(check(ledger(USD_135, CNY_5000), rates=SAME_DAY))
    assert out["kind"].tolist() == ["contradiction"]
    # gap |135 - 70.43| / 135 = 0.478 (in either currency: the relative gap does not depend on it)
    assert out["gap"].iloc[0] == pytest.approx(1 - 5000 * YI / 7.0994 / 135e9, abs=1e-3)


def test_three_articles_give_one_confirmation_and_two_contradictions():
    out = pair(check(ledger(USD_135, CNY_9600, CNY_5000), rates=SAME_DAY))
    # en~zh1 agree (above); zh2 is far from both (9600 vs 5000亿 in one currency needs no rate)
    assert sorted(out["kind"]) == ["consistent", "contradiction", "contradiction"]
    assert out.attrs["notes"] == []


def test_the_claims_period_comes_before_the_publication_date():
    # The period 2025-10 (all of October: 7.0994 to 7.1400) and the day 2025-10-29 span October;
    # 9,600亿元 / 7.1400 = 134.45 bn ... 9,600亿 / 7.0994 = 135.23 bn still meets [134.5, 135.5].
    a = money("en", "$135 billion", 135e9, period="2025-10")
    out = pair(check(ledger(a, CNY_9600), rates=book({"zh1": "2025-10-29"})))
    assert out["kind"].tolist() == ["consistent"]
    row = out.iloc[0]
    assert row["rate_date"] == "2025-10-01/2025-10-31"  # the ECB published on Oct 1 (a Wednesday) and Oct 31
    low, high = sorted([row["rate_low"], row["rate_high"]])
    assert high / low == pytest.approx(7.1400 / 7.0994, rel=2e-4)


def test_a_weekend_day_takes_the_last_rate_published_before_it():
    # 2025-10-25 is a Saturday: the rate in force is Friday 2025-10-24's, 7.1225.
    out = pair(check(ledger(USD_135, CNY_9600), rates=book({"en": "2025-10-25", "zh1": "2025-10-25"})))
    assert out["rate_date"].tolist() == ["2025-10-24"]
    assert "7.1225 CNY per USD" in out["explanation"].iloc[0]


def test_a_forecast_year_without_rates_takes_the_publication_date():
    # 2031 is after the reference history: the articles' date (2025-10-29) gives the rate.
    a = money("en", "$135 billion", 135e9, period="2031")
    b = money("zh1", "9,600亿元", 9600 * YI, unit="CNY", period="2031")
    out = pair(check(ledger(a, b), rates=SAME_DAY))
    assert out["rate_date"].tolist() == ["2025-10-29"] and out["kind"].tolist() == ["consistent"]


def test_without_any_date_the_pair_is_not_compared_and_the_note_says_why():
    out = check(ledger(USD_135, CNY_9600))  # no period, no sources table
    assert len(pair(out)) == 0
    note = next(n for n in out.attrs["notes"] if n.code == "no-rate")
    assert "neither claim has a date" in note.reason and USD_135["claim_id"] in note.reason


# --------------------------------------------------------------------------- a currency the reference lacks

TWD = money("tw", "新台幣4.1兆元", 4.1e12, unit="TWD")


def test_a_twd_claim_without_a_rate_says_so():
    out = check(ledger(USD_135, TWD), rates=book({"en": "2025-10-29", "tw": "2025-10-29"}))
    assert len(pair(out)) == 0
    note = next(n for n in out.attrs["notes"] if n.code == "no-rate")
    assert "have no TWD" in note.reason and "rates.csv" in note.hint and TWD["claim_id"] in note.reason


def test_a_reviewer_rate_for_twd_is_used_and_named(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("date,base,quote,rate,source,note\n"
                    "2025-10-29,USD,TWD,30.5,test figure (not a published rate),\n", encoding="utf-8")
    rates = read_rates(path)
    out = pair(check(ledger(USD_135, TWD), rates=book({"en": "2025-10-29", "tw": "2025-10-29"}, rates)))
    # 4.1兆 TWD / 30.5 = 134.4 bn USD; 4.1兆 is ±0.05兆 (1.2%): [132.8, 136.1] bn meets [134.5, 135.5]
    assert out["kind"].tolist() == ["consistent"]
    assert "rates.csv line 2" in out["rate_source"].iloc[0]


def test_a_reviewer_rate_chains_with_the_reference(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("date,base,quote,rate,source,note\n2025-10-29,USD,TWD,30.5,test figure,\n", encoding="utf-8")
    out = pair(check(ledger(CNY_9600, TWD), rates=book({"zh1": "2025-10-29", "tw": "2025-10-29"},
                                                       read_rates(path))))
    # TWD -> USD (30.5, the reviewer's) then USD -> CNY (7.0994, ECB): 4.1兆 TWD = 9543.3亿 CNY;
    # [9426, 9660]亿 with 4.1兆's rounding, which holds 9,600亿
    assert out["kind"].tolist() == ["consistent"]
    assert "rates.csv" in out["rate_source"].iloc[0] and "ECB" in out["rate_source"].iloc[0]


@pytest.mark.parametrize("row, column, code", [
    ("2025-13-01,USD,TWD,30.5,x,", 1, "bad-date"),
    ("2025-10-30,USD,XYZ,30.5,x,", 3, "not-in-vocabulary"),
    ("2025-10-30,USD,TWD,-3,x,", 4, "bad-rate"),
    ("2025-10-30,USD,TWD,thirty,x,", 4, "not-number"),
    ("2025-10-30,USD,TWD,30.5,,", 5, "required"),
    ("2025-10-29,TWD,USD,0.033,x,", 1, "duplicate-rate"),  # the same pair and date as line 2, inverted
])
def test_a_bad_rates_file_names_file_line_and_column(tmp_path, row, column, code):
    path = tmp_path / "rates.csv"
    path.write_text(f"date,base,quote,rate,source,note\n2025-10-29,USD,TWD,30.5,ok,\n{row}\n", encoding="utf-8")
    with pytest.raises(LedgerInvalid) as info:
        read_rates(path)
    [problem] = info.value.problems
    assert (problem.line, problem.column, str(problem.code)) == (3, column, code)
    assert problem.file == str(path)


# --------------------------------------------------------------------------- the article's own conversion

CONTRACT = "OpenAI与甲骨文签署了价值3000亿美元(约合人民币21365.4亿元)的算力合同。"


def contract(source, surface, value, unit, **kw):
    return claim(source, surface, "contract_value", value, kind="money", unit=unit, subject="OpenAI",
                 object="Oracle", **kw)


ZH_USD = contract("zh", "3000亿美元", 3000 * YI, "USD", quote=CONTRACT, start=20)
ZH_CNY = contract("zh", "约合人民币21365.4亿元", 21365.4 * YI, "CNY", quote=CONTRACT, start=27, qualifier="about",
                  low=21365.4 * YI * 0.9, high=21365.4 * YI * 1.1)
# A headline rounds: "21000亿" for the body's 21365.4亿 is 2.1万亿 to two significant digits, and the row a
# reviewer keeps for it says so ([20500, 21500]亿).  (Read digit by digit, as the precision rule reads a body
# figure, 21000亿 would be ±0.5亿: 2948.7亿 USD at the writer's rate, which $300 bn's [2995, 3005]亿 excludes.)
HEADLINE = contract("zh", "21000亿", 21000 * YI, "CNY", qualifier="about", low=20500 * YI, high=21500 * YI)
EN_300 = contract("en", "$300 billion", 300e9, "USD")
SEPT = {"zh": "2025-09-11", "en": "2025-09-11", "zh2": "2025-09-11"}


def test_the_headline_21000_yi_meets_300_billion_dollars_at_the_articles_own_rate():
    # The article converts 3000亿美元 to 21365.4亿元: 7.1218 CNY per USD.  The headline's [20500, 21500]亿
    # at that rate is [2878.5, 3018.9]亿 USD, which holds $300 bn's [2995, 3005]亿.
    out = pair(check(ledger(ZH_USD, ZH_CNY, HEADLINE, EN_300), rates=book(SEPT)))
    row = out[out["claims"].str.contains(HEADLINE["claim_id"]) & out["claims"].str.contains(EN_300["claim_id"])]
    assert row["kind"].tolist() == ["consistent"]
    assert row["rate_source"].tolist() == ["stated in zh"]
    rate = row["rate"].iloc[0]  # USD per CNY or CNY per USD, as the pair is ordered
    assert min(rate, 1 / rate) == pytest.approx(3000 / 21365.4, rel=1e-6)
    assert "contradiction" not in out["kind"].tolist()


def test_the_stated_conversion_is_checked_against_the_days_reference_rate():
    # 7.1218 (the writer's) vs 7.1247 (ECB, 2025-09-11): 0.04% apart, within the 2% allowed.
    out = check(ledger(ZH_USD, ZH_CNY), rates=book(SEPT))
    [row] = out[out["rule"] == "stated_conversion"].to_dict("records")
    assert row["result"] == "pass" and row["rate_date"] == "2025-09-11"
    assert row["gap"] == pytest.approx(1 - 7.12180 / 7.12469, abs=2e-4)
    # implied: 3000亿 USD x 7.1247 = 21374.1亿 CNY
    assert row["implied_value"] == pytest.approx(3000 * YI * 7.12469, rel=1e-4) and row["implied_unit"] == "CNY"


@pytest.mark.parametrize("published, result", [
    # 4450亿 x 7.2702 (2025-04-01) = 32352亿: the writer's 7.2820 is 0.16% off: pass
    ("2025-04-01", "pass"),
    # on 2025-10-29 the rate is 7.0994: 7.2820 is 2.5% off, beyond the 2% allowed: the article's conversion is off
    ("2025-10-29", "fail"),
])
def test_a_stated_conversion_far_from_the_days_rate_is_a_finding(published, result):
    quote = "微软承诺投资4450亿美元(约合人民币32405.1亿元)。"
    a = money("s1", "4450亿美元", 4450 * YI, metric="investment", quote=quote, start=6)
    b = money("s1", "约合人民币32405.1亿元", 32405.1 * YI, unit="CNY", metric="investment", quote=quote, start=14,
              qualifier="about", low=32405.1 * YI * 0.9, high=32405.1 * YI * 1.1)
    out = check(ledger(a, b), rates=book({"s1": published}))
    [row] = out[out["rule"] == "stated_conversion"].to_dict("records")
    assert row["result"] == result
    assert row["claim_a"] == a["claim_id"] and (row["value_a"], row["value_b"]) == (4450 * YI, 32405.1 * YI)
    assert (row["severity_label"] != "info") == (result == "fail")


def test_the_writers_rate_converts_only_that_articles_figures():
    # zh converts at a flat 7.0 (3000亿美元 = 21000亿元); zh2 states 21000亿元 with no conversion.
    # zh's 21000亿 at 7.0 is exactly 3000亿 USD: consistent with $300 bn.
    # zh2's 21000亿 at the day's 7.1247 is [2947.4, 2947.5]亿 USD: below [2995, 3005]亿, a contradiction.
    quote = "合同价值3000亿美元(约合人民币21000亿元)。"
    a = contract("zh", "3000亿美元", 3000 * YI, "USD", quote=quote, start=4)
    b = contract("zh", "21000亿元", 21000 * YI, "CNY", quote=quote, start=14)
    c = contract("zh2", "21000亿元", 21000 * YI, "CNY")
    out = pair(check(ledger(a, b, c, EN_300), rates=book(SEPT)))

    def verdict(x, y):
        hit = out[out["claims"].str.contains(x["claim_id"]) & out["claims"].str.contains(y["claim_id"])]
        return hit["kind"].tolist(), hit["rate_source"].tolist()

    assert verdict(b, EN_300) == (["consistent"], ["stated in zh"])
    assert verdict(c, EN_300)[0] == ["contradiction"] and verdict(c, EN_300)[1][0].startswith("ECB")


# --------------------------------------------------------------------------- rules and sentences


@pytest.mark.parametrize("invested, result", [
    # stake_value = return_multiple x investment.  1350亿美元 ([1349.5, 1350.5]亿, 2025-10) at October's
    # 7.0994 to 7.1400 CNY per USD is [9580.6, 9642.6]亿元.
    # 10倍 (±0.5) x 950亿元 (±0.5亿) is [9.5 x 949.5, 10.5 x 950.5] = [9020.3, 9980.3]亿元: it fits.
    (950, "pass"),
    # 10倍 x 900亿元 is [8545.3, 9455.3]亿元, below 9580.6: it does not.
    (900, "fail"),
])
def test_a_rule_mixing_currencies_is_computed_at_the_rate(invested, result):
    stake_value = money("s1", "1350亿美元", 1350 * YI, period="2025-10")
    invest = money("s1", f"{invested}亿元", invested * YI, unit="CNY", metric="investment")
    multiple = claim("s1", "10倍", "return_multiple", 10, kind="multiple", period="2025-10")
    out = check(ledger(stake_value, invest, multiple))
    rows = out[out["rule"] == "return_multiple"]
    assert rows["result"].tolist() == [result]
    # return_multiple = stake_value / investment: the investment is converted into the stake value's USD
    assert "(investment converted into USD at 0.14045 USD per CNY" in rows["explanation"].iloc[0]
    assert not [n for n in out.attrs["notes"] if n.code in ("not-comparable", "no-rate")]


def test_explain_later_gives_the_same_sentences_with_the_rate():
    claims = ledger(USD_135, CNY_9600, CNY_5000)
    full = check(claims, rates=SAME_DAY)
    lean = check(claims, rates=SAME_DAY, explain=False)
    assert explain(lean, claims).tolist() == full["explanation"].tolist()
    across = full["claims"].str.contains(USD_135["claim_id"])
    assert across.sum() == 2 and all("7.0994 CNY per USD" in s for s in full.loc[across, "explanation"])


def test_no_rate_is_needed_within_one_currency():
    # 130亿美元 vs 135亿美元, no dates at all: compared as before, no note
    out = check(ledger(money("s1", "130亿美元", 130 * YI), money("s2", "135亿美元", 135 * YI)))
    assert out["kind"].tolist() == ["contradiction"] and out.attrs["notes"] == []
    assert out["unit_b"].tolist() == ["USD"] and math.isnan(out["rate"].iloc[0])


def test_span_queries_match_a_day_by_day_scan():
    # the reference answers many spans at once (sparse tables); a plain scan of the days must agree
    import numpy as np

    from ledger.crosscheck.rates import reference

    ref = reference()
    rng = np.random.default_rng(12)
    import datetime as dt

    # from 2006 on (the ECB quotes CNY since 2005-04-01)
    start = rng.integers(dt.date(2006, 1, 1).toordinal(), int(ref.days[-1]) - 400, size=200).astype(float)
    first, last = start, start + rng.integers(0, 400, size=200)
    for frm, to in (("USD", "CNY"), ("HKD", "JPY"), ("EUR", "KRW")):
        point, low, high, _, why = ref.rates(frm, to, first, last, 5)
        daily = ref.table[:, ref.column[to]] / ref.table[:, ref.column[frm]]
        for k in range(len(first)):
            i0 = np.searchsorted(ref.days, first[k], side="right") - 1
            i1 = np.searchsorted(ref.days, last[k], side="right") - 1
            span = daily[i0:i1 + 1]
            span = span[~np.isnan(span)]
            assert why[k] == "" and (point[k], low[k], high[k]) == pytest.approx((span.mean(), span.min(), span.max()))


# --------------------------------------------------------------------------- a currency beyond the first nine

def test_swiss_francs_meet_dollars_at_the_ecb_rate():
    # ECB 2025-10-29: 1.1636 USD and 0.9278 CHF per EUR, so 0.9278 / 1.1636 = 0.79735 CHF per USD.
    # CHF 3.0 billion / 0.79735 = 3.7625 bn USD: inside "$3.76 billion" (±0.005 bn) and inside the
    # francs' own rounding (±0.05 bn); "$4.5 billion" is 19.6% away: a contradiction.
    chf = money("zh1", "30亿瑞士法郎", 3.0e9, unit="CHF")
    agree = money("en", "$3.76 billion", 3.76e9)
    far = money("zh2", "$4.5 billion", 4.5e9)
    days = book({"en": "2025-10-29", "zh1": "2025-10-29", "zh2": "2025-10-29"})
    out = pair(check(ledger(chf, agree), rates=days))
    assert out["kind"].tolist() == ["consistent"]
    assert {out["unit"].iloc[0], out["unit_b"].iloc[0]} == {"CHF", "USD"}
    assert out["rate_source"].iloc[0].startswith("ECB euro reference rates")
    out = pair(check(ledger(chf, far), rates=days))
    assert out["kind"].tolist() == ["contradiction"]

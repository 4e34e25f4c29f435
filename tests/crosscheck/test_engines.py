"""Same answers everywhere (issue 16): the cross-check on every engine gives
the same findings, value for value, in the same order, with the same notes.

The engines are compared with each other on the seeds and on synthetic
ledgers (every verdict, the counterpart-unknown join, capped groups, missing
values, many currencies, dates, open bounds, rejected rows); on a hand-made
ledger each engine's verdicts are also compared with verdicts argued here
from the figures (not from the code's output).

DuckDB runs when the ``duckdb`` package is installed; Spark (``local[2]``)
when ``pyspark`` is installed and a Java runtime is found: otherwise those
cases skip, saying which is missing.  .ci/run installs both.
"""
from __future__ import annotations

import importlib.util
import math

import numpy as np
import pandas as pd
import pytest

from ledger.claims.store import read_ledger
from ledger.crosscheck import check, load_settings, prepare
from ledger.crosscheck.engines import EngineOptions, engine_pair_verdicts
from ledger.crosscheck.engines.spark import java_home
from ledger.crosscheck.pairs import _compare_pairs
from tests.claims_factory import claim, ledger
from tests.conftest import ROOT

NAN = math.nan


def _missing(engine: str) -> str | None:
    if engine == "duckdb" and importlib.util.find_spec("duckdb") is None:
        return "duckdb is not installed (pip install 'factcheck-ledger[duckdb]')"
    if engine == "spark":
        if importlib.util.find_spec("pyspark") is None:
            return "pyspark is not installed (pip install 'factcheck-ledger[spark]')"
        if java_home() is None:
            return "no Java runtime (JAVA_HOME or java on PATH); apt-get install default-jre-headless"
    return None


ENGINES = [pytest.param(e, marks=[pytest.mark.skipif(_missing(e) is not None, reason=_missing(e) or "")]
                        + ([pytest.mark.spark] if e == "spark" else []), id=e)
           for e in ("duckdb", "spark")]


def options(engine: str) -> EngineOptions:
    return EngineOptions.from_env(engine, spark_master="local[2]", duckdb_memory="1GB")


def same_findings(claims: pd.DataFrame, engine: str, settings: dict | None = None) -> pd.DataFrame:
    """The findings of ``engine``, asserted equal to the pandas engine's
    (every column, every row, the order, the notes); returned for more checks."""
    want = check(claims, settings=settings)
    got = check(claims, settings=settings, engine=options(engine))
    pd.testing.assert_frame_equal(got, want)
    assert [str(n) for n in got.attrs["notes"]] == [str(n) for n in want.attrs["notes"]]
    return got


# --------------------------------------------------------------------------- synthetic ledgers

UNITS = np.array(["USD", "CNY", "EUR", "HKD", "JPY", "GBP"], dtype=object)
MODALITIES = np.array(["actual", "reported", "estimate", "proposed", "forecast", "target", "non_binding"],
                      dtype=object)
QUALIFIERS = np.array(["exact", "about", "over", "under", "at_least", "up_to", "range"], dtype=object)
PERIODS = np.array(["", "", "2024", "2025", "2025-Q3", "2025-H1", "2025-10", "2025-10-28", "2023-11/2023-12",
                    "2025-Q5"], dtype=object)  # the last does not parse: compared as unknown, noted
METRICS = np.array(["investment", "valuation", "revenue", "equity_stake", "deal_date", "funding_round"],
                   dtype=object)


def synthetic(n: int, seed: int) -> pd.DataFrame:
    """A ledger of ``n`` claims on few keys (so most claims meet others): every
    modality and qualifier, periods known, unknown and unreadable, missing
    values and bounds, six currencies, empty counterparts, dates, rejected rows."""
    rng = np.random.default_rng(seed)
    metric = METRICS[rng.integers(0, len(METRICS), n)]
    is_date = metric == "deal_date"
    is_pct = metric == "equity_stake"
    base = np.where(is_pct, rng.choice([0.27, 0.3, 0.49], n), rng.choice([1e9, 1.3e10, 2e10], n))
    value = np.round(base * rng.choice([1.0, 1.0, 1.004, 1.2, 0.5], n), 4)
    value = np.where(rng.random(n) < 0.05, NAN, value)  # missing values
    qualifier = QUALIFIERS[rng.integers(0, len(QUALIFIERS), n)]
    low = np.where(np.isin(qualifier, ["about", "range"]), value * 0.9,
                   np.where(np.isin(qualifier, ["under", "up_to"]), NAN, value))
    high = np.where(np.isin(qualifier, ["about", "range"]), value * 1.1,
                    np.where(np.isin(qualifier, ["over", "at_least"]), NAN, value))
    unit = np.where(is_pct, "ratio", UNITS[rng.choice(len(UNITS), n, p=[0.6, 0.2, 0.05, 0.05, 0.05, 0.05])])
    period = PERIODS[rng.integers(0, len(PERIODS), n)]
    period = np.where(is_date, rng.choice(["2025-10-28", "2025-11", "2024", "2025-10-29"], n), period)
    obj = np.where(rng.random(n) < 0.25, "", rng.choice(["OpenAI", "开放人工智能", "Anthropic"], n))
    rows = [claim(f"s{rng.integers(0, 12)}", f"{v:g}", m, None if d else v, kind="date" if d else
                  "percent" if p else "money", unit="date" if d else u, period=per, start=k,
                  modality=str(MODALITIES[rng.integers(0, len(MODALITIES))]), low=NAN if d else lo,
                  high=NAN if d else hi, qualifier="exact" if d else q,
                  subject=str(rng.choice(["Microsoft", "微软", "Google", "Amazon"])), object=o,
                  status=str(rng.choice(["unreviewed", "confirmed", "rejected"], p=[0.8, 0.15, 0.05])),
                  confidence=float(np.round(rng.uniform(0.5, 1.0), 2)) if rng.random() < 0.7 else NAN)
            for k, (v, m, d, p, u, per, lo, hi, q, o) in enumerate(
                zip(value, metric, is_date, is_pct, unit, period, low, high, qualifier, obj))]
    return ledger(*rows)


def capped(max_group: int, window: int) -> dict:
    """rules.toml's settings with a small ``max_group`` (groups past it compared
    with their ``window`` nearest neighbours only)."""
    settings = load_settings()
    return {**settings, "compare": {**settings["compare"], "max_group": max_group, "window": window}}


@pytest.mark.parametrize("engine", ENGINES)
def test_seeds(engine):
    same_findings(read_ledger(ROOT / "claims.csv"), engine)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_ledgers(engine, seed):
    out = same_findings(synthetic(400, seed), engine)
    # the ledger is made so that every verdict is met and notes are made
    assert set(out["kind"]) >= {"consistent", "modality", "temporal", "contradiction"}
    assert {n.code for n in out.attrs["notes"]} >= {"no-rate", "bad-period", "nothing-to-compare"}


@pytest.mark.parametrize("engine", ENGINES)
def test_capped_groups_and_same_source_confirmations(engine):
    settings = capped(5, 2)
    out = same_findings(synthetic(300, 7), engine, settings)
    assert "big-group" in {n.code for n in out.attrs["notes"]}
    same_source = {**settings, "compare": {**settings["compare"], "same_source_consistent": True}}
    same_findings(synthetic(300, 7), engine, same_source)


@pytest.mark.parametrize("engine", ENGINES)
def test_bench_ledger(engine):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_crosscheck import synthetic_ledger

    same_findings(synthetic_ledger(5000, seed=3), engine, capped(100, 20))


# --------------------------------------------------------------------------- hand-argued verdicts

# Each row: claims a and b, and the verdict argued from the figures (the rules
# in ledger/crosscheck/pairs.py's docstring).  Figures carry the rounding of
# their last written digit: "27%" is [26.5%, 27.5%], "130亿" [125亿, 135亿].
HAND = [
    # 130亿 vs 130亿: the same figure from two sources, both facts: a confirmation.
    ("consistent", claim("s1", "130亿", "investment", 1.3e10), claim("s2", "130亿", "investment", 1.3e10)),
    # 130亿 [1.25e10, 1.35e10] vs 100亿 [0.95e10, 1.05e10]: disjoint, both facts, no period: contradiction.
    ("contradiction", claim("s1", "130亿", "valuation", 1.3e10), claim("s2", "100亿", "valuation", 1e10)),
    # 27% in 2025 vs 49% in 2023: disjoint figures of disjoint known periods: temporal.
    ("temporal", claim("s1", "27%", "equity_stake", 0.27, kind="percent", period="2025"),
     claim("s2", "49%", "equity_stake", 0.49, kind="percent", period="2023")),
    # 27% actual vs 33% proposed: a proposal is not a fact: modality.
    ("modality", claim("s1", "27%", "equity_stake", 0.27, kind="percent"),
     claim("s2", "33%", "equity_stake", 0.33, kind="percent", modality="proposed")),
    # revenue is a flow: Q3 (within 2025) vs the year 2025 overlap but are different spans: temporal.
    ("temporal", claim("s1", "30", "revenue", 3e10, period="2025-Q3", object=""),
     claim("s2", "90", "revenue", 9e10, period="2025", object="")),
    # A month's revenue (NT$343.6 billion, November) against 3.47兆 with no period stated (the year to
    # November): 10.1x apart, within revenue's own span ratio (metrics.toml: 13, a month against up
    # to twelve), and 343.6 x 10 = 3436 is not 3470 within rounding: another span's figure, temporal.
    ("temporal", claim("s1", "NT$343.6 billion", "revenue", 3.436e11, period="2025-11", object=""),
     claim("s2", "3.47兆", "revenue", 3.47e12, object="")),
    # A slipped digit: 3.28267 trillion won against 32.83兆 (3.28267 x 10 = 32.8267, inside 32.83's
    # [32.825, 32.835]) is a contradiction whatever revenue's span ratio.
    ("contradiction", claim("s1", "32.83兆", "revenue", 3.283e13, period="2025-Q4", object=""),
     claim("s2", "3.28267 trillion", "revenue", 3.28267e12, object="")),
    # An operating profit 10x apart with one period unstated is past the rules.toml span ratio (5):
    # a contradiction (1.91696 against 19.17 trillion won).
    ("contradiction", claim("s1", "19.17兆", "operating_profit", 1.917e13, period="2025", object=""),
     claim("s2", "1.91696 trillion", "operating_profit", 1.91696e12, object="")),
    # over 100亿 (open above, just past 1e10) vs 120亿 [1.15e10, 1.25e10]: they overlap: consistent.
    ("consistent", claim("s1", "100亿", "funding_round", 1e10, qualifier="over", low=1e10, high=NAN),
     claim("s2", "120亿", "funding_round", 1.2e10)),
    # A stake whose counterpart is unknown meets one naming OpenAI: 27% vs 49%, both facts: contradiction.
    ("contradiction", claim("s1", "27%", "equity_stake", 0.27, kind="percent", object=""),
     claim("s2", "49%", "equity_stake", 0.49, kind="percent")),
    # Two dates, 2025-10-28 vs 2025-11: disjoint days, both facts, dates have no validity period: contradiction.
    ("contradiction", claim("s1", "10月28日", "deal_date", None, kind="date", unit="date", period="2025-10-28"),
     claim("s2", "11月", "deal_date", None, kind="date", unit="date", period="2025-11")),
]
# Pairs that must give no finding: different currencies with no date for a rate
# (no period, no sources table: noted no-rate, never guessed; docs/currencies.md),
# a claim stating no value, a rejected claim, the same figure twice in one source.
NONE = [
    ("no-rate", claim("s1", "130亿", "investment", 1.3e10), claim("s2", "130亿", "investment", 1.3e10,
                                                                           unit="CNY")),
    ("nothing-to-compare", claim("s1", "130亿", "investment", 1.3e10), claim("s2", "若干", "investment", None)),
    (None, claim("s1", "130亿", "investment", 1.3e10), claim("s2", "100亿", "investment", 1e10, status="rejected")),
    (None, claim("s1", "130亿", "investment", 1.3e10), claim("s1", "130亿", "investment", 1.3e10, start=40)),
]


@pytest.mark.parametrize("engine", ["pandas", *ENGINES])
def test_hand_argued_verdicts(engine):
    # Each pair on its own subject, so that no two pairs meet.
    rows, want = [], {}
    for k, (verdict, a, b) in enumerate(HAND):
        a, b = dict(a, subject=f"Company{k}"), dict(b, subject=f"Company{k}")
        rows += [a, b]
        want[f"Company{k}"] = verdict
    found = check(ledger(*rows), engine=options(engine))
    assert dict(zip(found["subject"], found["kind"])) == want
    assert len(found) == len(HAND)


@pytest.mark.parametrize("engine", ["pandas", *ENGINES])
@pytest.mark.parametrize("note, a, b", NONE, ids=["currencies", "no-value", "rejected", "same-source"])
def test_pairs_without_a_finding(engine, note, a, b):
    found = check(ledger(a, b), engine=options(engine))
    assert not len(found)
    assert [n.code for n in found.attrs["notes"]] == ([note] if note else [])


@pytest.mark.parametrize("engine", ENGINES)
def test_pair_verdicts_are_the_pandas_ones(engine):
    """The seam's output itself: rows, verdict codes and notes of every pair."""
    settings = capped(25, 3)
    prepared = prepare(synthetic(300, 11), settings)
    want = engine_pair_verdicts(prepared, settings)
    got = engine_pair_verdicts(prepared, settings, options(engine))
    for w, g in zip(want[:3], got[:3]):
        np.testing.assert_array_equal(g, w)
    assert [str(n) for n in got[3]] == [str(n) for n in want[3]]


def test_an_unknown_engine_is_refused():
    from ledger.errors import InvalidValue

    with pytest.raises(InvalidValue, match="unknown engine 'polars'"):
        check(ledger(claim("s1", "1", "investment", 1.0)), engine="polars")


# --------------------------------------------------------------------------- out of core


@pytest.mark.parametrize("engine", ENGINES)
def test_out_of_core_pair_table_is_the_in_memory_one(engine, tmp_path):
    """A Parquet ledger streamed in batches of 97 claims (so keys span
    batches) gives the pairs, verdicts, claim ids and figures of the whole
    ledger prepared at once."""
    pytest.importorskip("pyarrow")
    from ledger.claims.store import write_ledger
    from ledger.crosscheck.engines import outofcore

    claims = synthetic(400, 5)
    settings = capped(6, 2)
    write_ledger(claims, tmp_path / "claims.parquet")
    claims = read_ledger(tmp_path / "claims.parquet")  # the canonical order the file has
    done = outofcore.prepare_files(tmp_path / "claims.parquet", tmp_path / "in", settings, rows=97)
    prepared = prepare(claims, settings)
    assert (done.claims, done.kept) == (len(claims), len(prepared))
    run = outofcore.duckdb_pairs if engine == "duckdb" else outofcore.spark_pairs
    out = tmp_path / ("pairs.parquet" if engine == "duckdb" else "pairs")
    counts = run(tmp_path / "in", out, settings, options(engine))
    table = pd.read_parquet(out)
    # the engines' own table, before the shared last step (seam.finish: without_moments) drops
    # the contradictions two moments of a day or an article's own second figure explain
    i, j, code, notes, conv = _compare_pairs(prepared, settings)
    got = sorted(zip(table["a"], table["b"], table["code"]))
    ids, point, conf = (prepared[c].to_numpy() for c in ("claim_id", "point", "conf"))
    same = np.ones(len(i), dtype=bool)
    same[conv.at] = False  # pairs across units are judged after the pair table, in shared Python
    assert [g for g in got if g[2] >= 0] == sorted(zip(i[same], j[same], code[same]))
    # pairs in different units: every one in the table (code -1), for the shared step to convert or note
    units = prepared["unit"].to_numpy(dtype=object)
    apart = [g for g in got if g[2] < 0]
    assert len(apart) >= len(conv.at) and len(apart) > 0
    assert all(units[a] != units[b] for a, b, _ in apart)
    row = table.iloc[0]
    assert (row["claim_a"], row["claim_b"]) == (ids[row["a"]], ids[row["b"]])
    assert row["conf"] == pytest.approx(conf[row["a"]] * conf[row["b"]])
    np.testing.assert_array_equal(table["value_a"].to_numpy(), point[table["a"].to_numpy()])
    assert counts["big_groups"] == sum(1 for n in notes if n.code == "big-group")


@pytest.mark.parametrize("engine", ENGINES)
def test_confirmations_across_metrics(engine):
    """metrics.toml stands_for / quantity: a valuation confirms a market value, a
    'growth' confirms a named growth of its subject, on every engine alike."""
    rows = [claim("s1", "$15.1 billion", "valuation", 1.51e10, subject="Klarna", object="", unit="USD"),
            claim("s2", "151亿美元", "market_cap", 1.51e10, subject="Klarna", object="", unit="USD"),
            claim("s3", "$45.6 billion", "market_cap", 4.56e10, subject="Klarna", object="", unit="USD"),
            claim("s1", "46%", "growth", 0.46, kind="percent", subject="Pony AI", object="", unit="ratio",
                  period="2025-Q3"),
            claim("s2", "46%", "net_profit_growth", 0.46, kind="percent", subject="Pony AI", object="",
                  unit="ratio", period="2025-Q3")]
    out = same_findings(ledger(*rows), engine)
    agree = out[out["kind"] == "consistent"]
    # 15.1bn = 15.1bn and 46% = 46%: two confirmations, each across two articles; 15.1bn against
    # 45.6bn (a market value of another day) is no finding across the two names
    assert sorted(zip(agree["value_a"], agree["value_b"], strict=True)) == [(0.46, 0.46), (1.51e10, 1.51e10)]
    assert set(zip(agree["source_a"], agree["source_b"], strict=True)) == {("s1", "s2")}


@pytest.mark.parametrize("engine", ENGINES)
def test_moving_figures_on_every_engine(engine):
    """roles.toml moves: two differing share moves of one day are no contradiction, on every engine,
    also across currencies (the dropped pairs leave the conversions of the others in place)."""
    rows = [claim("s1", "12%", "share_price_change", 0.12, kind="percent", subject="Kenvue", object="",
                  unit="ratio", period="2025-11-03"),
            claim("s2", "14%", "share_price_change", 0.14, kind="percent", subject="Kenvue", object="",
                  unit="ratio", period="2025-11-03"),
            claim("s1", "$20", "share_price", 20.0, subject="Kenvue", object="", unit="USD", period="2025-11-03"),
            claim("s2", "HK$170", "share_price", 170.0, subject="Kenvue", object="", unit="HKD",
                  period="2025-11-03"),
            claim("s1", "$1 billion", "revenue", 1e9, subject="Kenvue", object="", unit="USD", period="2025-Q3"),
            claim("s2", "HK$9 billion", "revenue", 9e9, subject="Kenvue", object="", unit="HKD", period="2025-Q3")]
    out = same_findings(ledger(*rows), engine)
    assert "share_price_change" not in set(out["metric"])
    revenue = out[out["metric"] == "revenue"]
    assert len(revenue) == 1 and revenue["rate"].notna().all()  # its conversion kept with it

"""Benchmark the cross-check on synthetic ledgers (10k, 100k, 1M claims).

For each size, in separate child processes (so each peak RSS is its own):

* ``engine``: the vectorised core alone (``prepare``: intervals with rounding,
  periods, codes; ``pair_verdicts``: blocking, pairs, verdicts), the work
  the reference does;
* ``check``: ``ledger.crosscheck.check`` on the whole ledger, the findings as
  data (issue 15): the engine plus the arithmetic rules, evidence, severity,
  issues and their ranks, the output order; no per-pair text (ids, claims
  lists and sentences are made for the rows shown);
* ``shown``: ``check()`` and then what the Conflicts sheet shows: the issue
  frame of every issue (id, verdict, members: ``ledger.crosscheck.issues``)
  and the text of each issue's most severe finding (its id, claims list and
  sentence: ``ledger.crosscheck.text.render``); the ``render s`` column is
  the part after ``check()``;
* ``full`` (with ``--full``): ``check(..., explain=True)``: every row rendered
  (pair ids, claims lists and sentences for all findings: what ``check()``
  made before issue 15);
* ``duckdb``: the reference, a plain DuckDB self-join of the same ledger on
  (subject, object, metric) with an interval-disjointness flag, fetched into
  pandas.
* ``duckdb-out`` (with ``--output-reference``): a second reference, DuckDB
  asked for what ``check()`` returns: the same join plus, per pair, the
  verdict, gap, severity, the ``claims`` text, the sha1 ``conflict_id``, the
  sentence (both sides' quotes and an ending), the 27 columns, in output
  order, fetched into pandas.  It shows what producing that output costs a
  multi-threaded engine, against its own plain join.

Key distribution: ~60% of keys hold 1 claim, ~25% 2, ~13% 3, ~2% 4-20, and a
few keys (one per 20k claims, at least 3) hold 100-400 claims.

Times are the best of ``--repeat`` runs (default 3) in one child process per
measurement; peak RSS (``ru_maxrss``) is that child's.

``--max-group N`` overrides ``[compare] max_group`` of rules.toml for the
engine and the check (keys with more claims are compared with their
``window`` nearest neighbours only); the DuckDB reference always joins all
pairs.

Run: ``python bench/bench_crosscheck.py [--sizes 10000,100000,1000000] [--repeat 3] [--max-group N] [--output-reference]``
or, for the engine/reference ratio alone over several rounds:
``python bench/bench_crosscheck.py --sizes 1000000 --rounds 5``
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this repository's ledger, not an installed one

MONEY_METRICS = ["investment", "valuation", "revenue", "funding_round", "stake_value", "market_cap"]


def key_sizes(n: int, rng: np.random.Generator) -> np.ndarray:
    big = rng.integers(100, 401, size=max(1, n // 20_000) if n >= 1000 else 0)
    rest = n - int(big.sum())
    small = rng.choice([1, 2, 3, 4], size=rest, p=[0.60, 0.25, 0.13, 0.02])
    small = np.where(small == 4, rng.integers(4, 21, size=rest), small)
    sizes = np.r_[big, small]
    cut = np.searchsorted(np.cumsum(sizes), n)
    sizes = sizes[: cut + 1]
    sizes[-1] -= int(sizes.sum()) - n
    return sizes[sizes > 0]


def synthetic_ledger(n: int, seed: int = 7) -> pd.DataFrame:
    """A ledger of ``n`` claims with the ledger's columns (money and dates)."""
    from ledger.record import COLUMNS

    rng = np.random.default_rng(seed)
    sizes = key_sizes(n, rng)
    key = np.repeat(np.arange(len(sizes)), sizes)
    rng.shuffle(key)
    base = np.exp(rng.uniform(np.log(1e7), np.log(1e12), size=len(sizes)))[key]
    units = rng.choice([1e8, 1e9], size=n)  # written in 亿 or in billions
    digits = np.round(base * rng.choice([1.0, 1.0, 1.0, 1.02, 0.7, 2.0], size=n) / units, 1)
    value = digits * units
    word = np.where(units == 1e8, "亿美元", " billion")
    surface = pd.Series(digits).map("{:g}".format).to_numpy(dtype=object) + word
    qualifier = rng.choice(["exact", "about", "over"], size=n, p=[0.8, 0.15, 0.05])
    low = np.where(qualifier == "about", value * 0.95, value)
    high = np.where(qualifier == "about", value * 1.05, np.where(qualifier == "over", np.nan, value))
    is_date = rng.random(n) < 0.05
    years = rng.integers(2015, 2026, size=n).astype(str)
    months = np.char.zfill(rng.integers(1, 13, size=n).astype(str), 2)
    period = np.where(rng.random(n) < 0.5, "", np.where(rng.random(n) < 0.5, years, np.char.add(np.char.add(years, "-"), months)))
    period = np.where(is_date, np.char.add(np.char.add(years, "-"), months), period)
    metric = np.array(MONEY_METRICS, dtype=object)[key % len(MONEY_METRICS)]
    metric = np.where(is_date, "deal_date", metric)
    source = np.char.add("s", (rng.integers(0, max(2, n // 5), size=n)).astype(str)).astype(object)
    # unique ids in random order, like the ledger's sha1-based ones
    ids = pd.Series(rng.choice(16**12, size=n, replace=False)).map("c-{:012x}".format).to_numpy(dtype=object)
    df = pd.DataFrame({
        "claim_id": ids, "source": source, "start": np.arange(n) % 5000, "end": np.arange(n) % 5000 + 6,
        "surface": surface, "quote": "据报道," + surface + "的交易",
        "kind": np.where(is_date, "date", "money"),
        "subject": np.char.add("E", (key % 50_000).astype(str)).astype(object),
        "object": np.char.add("O", (key // 50_000).astype(str)).astype(object),
        "metric": metric, "period": period.astype(object),
        "modality": rng.choice(["actual", "reported", "proposed", "forecast", "target"], size=n,
                               p=[0.75, 0.1, 0.05, 0.05, 0.05]),
        "value": np.where(is_date, np.nan, value), "value_low": np.where(is_date, np.nan, low),
        "value_high": np.where(is_date, np.nan, high),
        "unit": np.where(is_date, "date", np.where(rng.random(n) < 0.02, "CNY", "USD")),
        "qualifier": np.where(is_date, "exact", qualifier),
        "status": rng.choice(["unreviewed", "confirmed", "rejected"], size=n, p=[0.9, 0.07, 0.03]),
        "reviewer": "", "note": "", "origin": "extracted",
        "confidence": np.round(rng.uniform(0.5, 1.0, size=n), 2), "confidence_detail": "",
    })
    return df.loc[:, list(COLUMNS)]


REFERENCE_SQL = """
SELECT a.claim_id AS claim_a, b.claim_id AS claim_b,
       (coalesce(a.value_high, 'inf'::DOUBLE) < coalesce(b.value_low, '-inf'::DOUBLE)
        OR coalesce(b.value_high, 'inf'::DOUBLE) < coalesce(a.value_low, '-inf'::DOUBLE)) AS disjoint
FROM t a JOIN t b
  ON a.subject = b.subject AND a.object = b.object AND a.metric = b.metric AND a.claim_id < b.claim_id
WHERE a.status <> 'rejected' AND b.status <> 'rejected'
"""

# check()'s output made by DuckDB: a simplified verdict (no periods' days, no
# rules), the same sentence parts as ledger.crosscheck_rows.pair_explanations.
OUTPUT_SQL = r"""
WITH c AS (
  SELECT *, coalesce(value, value_low, value_high) AS point,
         modality IN ('actual', 'reported', 'estimate') AS factual,
         source || ' says “' || surface || '” (“' ||
           CASE WHEN strpos(quote, surface) > 0 THEN
             (CASE WHEN strpos(quote, surface) > 19 THEN '…' ELSE '' END)
             || substr(quote, greatest(1, strpos(quote, surface) - 18),
                       least(strpos(quote, surface), 19) - 1 + length(surface) + 18)
           ELSE left(quote, 36) END
           || '”; ' || CASE WHEN period = '' THEN 'period unknown' ELSE period END || ', ' || modality || ')' AS says
  FROM t WHERE status <> 'rejected'
), p AS (
  SELECT a.claim_id AS claim_a, b.claim_id AS claim_b, a.subject, a.object, a.metric,
         a.source AS source_a, b.source AS source_b, a.point AS value_a, b.point AS value_b, a.unit,
         abs(a.point - b.point) / greatest(abs(a.point), abs(b.point)) AS gap,
         a.confidence * b.confidence AS conf, a.modality AS ma, b.modality AS mb,
         CASE WHEN NOT (coalesce(a.value_high, 'inf'::DOUBLE) < coalesce(b.value_low, '-inf'::DOUBLE)
                        OR coalesce(b.value_high, 'inf'::DOUBLE) < coalesce(a.value_low, '-inf'::DOUBLE))
                   AND (a.factual AND b.factual OR a.modality = b.modality) THEN 'consistent'
              WHEN NOT (a.factual AND b.factual) THEN 'modality'
              WHEN a.period <> '' AND b.period <> '' AND a.period <> b.period THEN 'temporal'
              ELSE 'contradiction' END AS kind,
         CASE WHEN a.claim_id < b.claim_id THEN a.claim_id || ';' || b.claim_id
              ELSE b.claim_id || ';' || a.claim_id END AS claims,
         'On ' || a.metric || ' of ' || a.subject || CASE WHEN a.object <> '' THEN ' / ' || a.object ELSE '' END
           || ': ' || a.says || ' while ' || b.says || '; ' AS body
  FROM c a JOIN c b
    ON a.subject = b.subject AND a.object = b.object AND a.metric = b.metric AND a.claim_id < b.claim_id
), s AS (
  SELECT *, round(CASE kind WHEN 'contradiction' THEN 1.0 WHEN 'temporal' THEN 0.25 WHEN 'modality' THEN 0.2
                            ELSE 0.0 END * least(1.0, 0.3 + coalesce(gap, 1.0) / 0.5) * conf, 3) AS severity
  FROM p
)
SELECT 'k-' || left(sha1(kind || chr(31) || chr(31) || claims), 12) AS conflict_id, kind, '' AS rule,
       claim_a, claim_b, claims, subject, object, metric, source_a, source_b, value_a, value_b, unit, gap,
       severity, CASE WHEN severity >= 0.6 THEN 'high' WHEN severity >= 0.3 THEN 'medium'
                      WHEN severity >= 0.000001 THEN 'low' ELSE 'info' END AS severity_label,
       body || CASE kind
         WHEN 'consistent' THEN 'the figures agree, a cross-source confirmation.'
         WHEN 'temporal' THEN 'the figures differ but hold for different periods, so both can be true.'
         WHEN 'modality' THEN 'one is ' || ma || ' and the other ' || mb
                              || ', not both statements of fact, so the figures neither confirm nor contradict each other.'
         ELSE 'same thing, same or unknown period, both stated as fact, yet the figures cannot both be true.'
       END AS explanation,
       NULL::DOUBLE AS implied_value, NULL::DOUBLE AS implied_low, NULL::DOUBLE AS implied_high,
       '' AS implied_unit, '' AS result, 'open' AS status, '' AS decision, '' AS decision_note, '' AS reviewer
FROM s
ORDER BY subject, severity DESC,
         CASE kind WHEN 'contradiction' THEN 0 WHEN 'temporal' THEN 2 WHEN 'modality' THEN 3 ELSE 4 END
"""


def run_one(n: int, what: str, repeat: int = 1, max_group: int = 0) -> dict:
    """Best of ``repeat`` runs (the machine is shared; the minimum is the
    least disturbed); the peak RSS covers all of them."""
    best = min((_run_once(n, what, max_group) for _ in range(repeat)), key=lambda r: r["seconds"])
    best["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return best


def _settings(max_group: int) -> dict:
    from ledger.crosscheck import load_settings

    settings = load_settings()
    if max_group:
        settings = {**settings, "compare": {**settings["compare"], "max_group": max_group}}
    return settings


def _run_once(n: int, what: str, max_group: int = 0) -> dict:
    df = synthetic_ledger(n)
    if what in ("check", "full", "shown"):
        from ledger.crosscheck import check
        from ledger.crosscheck.issues import issue_frame
        from ledger.crosscheck.text import render

        settings = _settings(max_group)
        t0 = time.perf_counter()
        out = check(df, settings=settings, explain=what == "full")
        seconds = time.perf_counter() - t0
        rows = len(out)
        extra = {"contradictions": int((out["kind"] == "contradiction").sum()),
                 "issues": int(out["issue_rank"].max()) if rows else 0}
        if what == "shown":
            out.attrs = {}
            t1 = time.perf_counter()
            issues = issue_frame(out)
            top = render(out.iloc[issues["top"].to_numpy()], df)
            extra.update(render_seconds=time.perf_counter() - t1, shown_rows=len(top), issue_rows=len(issues))
            seconds = time.perf_counter() - t0
    elif what == "engine":
        from ledger.crosscheck import pair_verdicts, prepare

        settings = _settings(max_group)
        t0 = time.perf_counter()
        prepared = prepare(df, settings)
        i, j, code, _ = pair_verdicts(prepared, settings)
        ids = prepared["claim_id"].to_numpy(dtype=object)
        pair_claims = (ids[i], ids[j])  # each pair's two claim ids, as the reference fetches them
        seconds = time.perf_counter() - t0
        rows = len(pair_claims[0])
        extra = {"contradictions": int((code == 3).sum())}
    else:
        import duckdb

        con = duckdb.connect()
        t0 = time.perf_counter()
        con.register("t", df)
        out = con.execute(REFERENCE_SQL if what == "duckdb" else OUTPUT_SQL).df()
        seconds = time.perf_counter() - t0
        rows = len(out)
        if what == "duckdb-out":
            from ledger.crosscheck import CONFLICT_COLUMNS

            assert tuple(out.columns) == CONFLICT_COLUMNS, "OUTPUT_SQL must make check()'s columns"
        extra = ({"disjoint": int(out["disjoint"].sum())} if what == "duckdb"
                 else {"contradictions": int((out["kind"] == "contradiction").sum())})
    return {"n": n, "what": what, "seconds": seconds, "rows": rows, **extra}


def child(n: int, what: str, repeat: int, max_group: int = 0) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--one", str(n), what, str(repeat), str(max_group)],
                          capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is shown")
    parser.add_argument("--max-group", type=int, default=0,
                        help="override rules.toml [compare] max_group for the engine and the check")
    parser.add_argument("--full", action="store_true",
                        help="also time check(explain=True): every row rendered, as check() was before issue 15")
    parser.add_argument("--output-reference", action="store_true",
                        help="also time DuckDB making check()'s output (duckdb-out; 8.3 GB at 1M)")
    parser.add_argument("--rounds", type=int, default=0,
                        help="only the reference and the engine, N rounds per size, one line each "
                             "(how the engine/duckdb ratio moves from run to run)")
    parser.add_argument("--one", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1], int(args.one[2]), int(args.one[3]))))
        return
    if args.rounds:
        print("claims | round | duckdb s | engine s | engine/duckdb")
        print("|".join(["---:"] * 5))
        for n in (int(s) for s in args.sizes.split(",")):
            for k in range(1, args.rounds + 1):
                ref, core = (child(n, what, args.repeat, args.max_group) for what in ("duckdb", "engine"))
                print(f"{n:,} | {k} | {ref['seconds']:.2f} | {core['seconds']:.2f} | "
                      f"{core['seconds'] / ref['seconds']:.2f}", flush=True)
        return
    base_rss = child(1, "check", 1)["peak_rss_mb"]
    print(f"(peak RSS of a child that checks 1 claim: {base_rss:.0f} MB; figures below include it)")
    out_ref = args.output_reference
    print("claims | duckdb s | duckdb pairs | duckdb MB | engine s | engine/duckdb | check s | check/duckdb "
          "| findings | issues | check MB | check us/claim | render s (one sentence per issue) | shown MB"
          + (" | full s | full/duckdb" if args.full else "")
          + (" | duckdb-out s | duckdb-out/duckdb | duckdb-out MB | check/duckdb-out" if out_ref else ""))
    print("|".join(["---:"] * (14 + 2 * args.full + 4 * out_ref)))
    for n in (int(s) for s in args.sizes.split(",")):
        ref, core, ours, shown = (child(n, what, args.repeat, args.max_group)
                                  for what in ("duckdb", "engine", "check", "shown"))
        line = (f"{n:,} | {ref['seconds']:.2f} | {ref['rows']:,} | {ref['peak_rss_mb']:.0f} | "
                f"{core['seconds']:.2f} | {core['seconds'] / ref['seconds']:.2f} | "
                f"{ours['seconds']:.2f} | {ours['seconds'] / ref['seconds']:.2f} | {ours['rows']:,} | "
                f"{ours['issues']:,} | {ours['peak_rss_mb']:.0f} | {1e6 * ours['seconds'] / n:.1f} | "
                f"{shown['render_seconds']:.2f} ({shown['shown_rows']:,} sentences) | "
                f"{shown['peak_rss_mb']:.0f}")
        if args.full:
            full = child(n, "full", args.repeat, args.max_group)
            line += f" | {full['seconds']:.2f} | {full['seconds'] / ref['seconds']:.2f}"
        if out_ref:
            full = child(n, "duckdb-out", args.repeat, args.max_group)
            line += (f" | {full['seconds']:.2f} | {full['seconds'] / ref['seconds']:.2f} | "
                     f"{full['peak_rss_mb']:.0f} | {ours['seconds'] / full['seconds']:.2f}")
        print(line, flush=True)


if __name__ == "__main__":
    main()

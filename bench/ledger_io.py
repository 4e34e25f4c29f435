"""Validate a large ledger beside the floor, and ``check``'s output modes
beside ``check()``; each measurement in its own child process (its peak RSS
is its own).

* ``floor``: ``pandas.read_csv`` of claims.csv plus a minimal pandera schema
  (one nullable column per field), the reference of issue 14;
* ``validate``: ``ledger.claims.validate_ledger`` (every check, against the
  sources table and every article);
* ``check``: ``check()`` on a synthetic ledger (bench/bench_crosscheck.py's),
  then its text and ``--json`` lines (``ledger.render``) written to /dev/null.

The ledger is claims.csv tiled over copies of the seeds (each copy its own
source id and article file, so every cross-file check runs).

Usage: python bench/ledger_io.py [--rows 1000000] [--check-claims 100000] [--repeat 1]
                                [--strings python|pyarrow] [--skip-check] [--baseline DIR]

Each measurement prints its wall time and its process's CPU time (user +
system, imports included, and that of the processes it forked): on a shared
machine the CPU time is the steadier of the two.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The environment variable that hands --strings to the measuring children.
STRINGS = "LEDGER_IO_STRINGS"
sys.path.insert(0, str(ROOT))


def build(folder: Path, rows: int) -> Path:
    """claims.csv of about ``rows`` rows over copies of the seeds."""
    import pandas as pd

    from ledger.claims import read_ledger, write_ledger
    from ledger.record import claim_id
    from ledger.sources import load_sources

    seeds = folder / "seeds"
    seeds.mkdir()
    src = load_sources(ROOT / "seeds" / "sources.csv")
    base = read_ledger(ROOT / "claims.csv")
    copies = max(1, round(rows / len(base)))
    table, frames = [], []
    for k in range(copies):
        for rec in src.itertuples(index=False):
            sid = f"{rec.id}_{k}"
            shutil.copy(ROOT / "seeds" / rec.file, seeds / f"{sid}.txt")
            table.append({**rec._asdict(), "id": sid, "file": f"{sid}.txt"})
        frames.append(base.assign(source=base["source"] + f"_{k}"))
    pd.DataFrame(table).to_csv(seeds / "sources.csv", index=False, lineterminator="\n")
    ledger = pd.concat(frames, ignore_index=True)
    ledger["claim_id"] = [claim_id(s, a, b, t) for s, a, b, t in
                          zip(ledger["source"], ledger["start"], ledger["end"], ledger["surface"])]
    write_ledger(ledger, folder / "claims.csv")
    return folder / "claims.csv"


def child(what: str, arg: str) -> dict:
    t0 = time.perf_counter()
    out: dict = {}
    if what == "baseline":  # validate_ledger as another checkout of the repository has it
        tree, arg = arg.split("::", 1)
        sys.path.insert(0, tree)
        what = "validate"
    if os.environ.get(STRINGS):  # pandas' text storage for this measurement (python, pyarrow)
        import pandas as pd

        pd.options.mode.string_storage = os.environ[STRINGS]
    if what == "build":
        folder, rows = arg.rsplit(":", 1)
        build(Path(folder), int(rows))
    elif what == "floor":
        import pandas as pd
        import pandera.pandas as pa

        df = pd.read_csv(arg)
        pa.DataFrameSchema({c: pa.Column(nullable=True) for c in df.columns}).validate(df, lazy=True)
        out["rows"] = len(df)
    elif what == "validate":
        from ledger.claims import validate_ledger

        report = validate_ledger(arg)
        out.update(rows=report.rows, valid=report.valid, problems=sum(report.counts.values()))
    elif what == "check":
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_crosscheck import synthetic_ledger

        from ledger.crosscheck import check
        from ledger.render import finding_chunks, json_chunks

        claims = synthetic_ledger(int(arg))
        check(claims.head(2000))  # imports and caches warmed, as in a CLI run they are before check() is timed
        t0 = time.perf_counter()
        found = check(claims)
        out["check"] = time.perf_counter() - t0
        with open(os.devnull, "wb") as sink:
            for mode, chunks in (("text", finding_chunks), ("json", json_chunks)):
                t1 = time.perf_counter()
                for chunk in chunks(found, claims):  # what `factcheck check` writes, text made for it
                    sink.write(chunk)
                out[mode] = time.perf_counter() - t1
        out["findings"] = len(found)
        out["issues"] = int(found["issue_rank"].nunique())
    out["seconds"] = time.perf_counter() - t0
    usage, forked = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    # the process's CPU time, imports included, and its forked helpers' (validate checks articles in two)
    out["cpu"] = usage.ru_utime + usage.ru_stime + forked.ru_utime + forked.ru_stime
    out["peak_mb"] = usage.ru_maxrss / 1024
    out["helper_peak_mb"] = forked.ru_maxrss / 1024  # the largest helper's (pages shared with this one counted)
    return out


def measure(what: str, arg: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", what, arg], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--check-claims", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only-check", action="store_true", help="only check() and its output modes (no 1M ledger)")
    ap.add_argument("--strings", choices=["python", "pyarrow"],
                    help="pandas' text storage in every measurement (default: pandas' own choice)")
    ap.add_argument("--skip-check", action="store_true", help="only the ledger (floor and validate)")
    ap.add_argument("--baseline", metavar="DIR",
                    help="also time validate_ledger as the checkout DIR has it (e.g. /work/main), in the same run")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    if args.strings:
        os.environ[STRINGS] = args.strings
    for _ in range(args.repeat if args.only_check else 0):
        _check_line(args.check_claims)
    if args.only_check:
        return
    with tempfile.TemporaryDirectory() as tmp:
        # built in a child: the parent stays small, and Linux keeps a process's peak RSS across exec
        subprocess.run([sys.executable, __file__, "--child", "build", f"{tmp}:{args.rows}"], check=True,
                       capture_output=True)
        path = Path(tmp) / "claims.csv"
        size = path.stat().st_size / 1e6
        for _ in range(args.repeat):
            floor, valid = measure("floor", str(path)), measure("validate", str(path))
            print(f"ledger: {valid['rows']} rows, {size:.0f} MB, valid={valid['valid']}")
            if args.baseline:
                base = measure("baseline", f"{args.baseline}::{path}")
                print(f"validate_ledger of {args.baseline:14s} {base['seconds']:7.2f} s  {base['cpu']:6.2f} s CPU  "
                      f"{base['peak_mb']:6.0f} MB peak  ({base['seconds'] / floor['seconds']:.1f}x the floor, "
                      f"{base['cpu'] / floor['cpu']:.1f}x its CPU time)")
            print(f"floor (read_csv + pandera)  {floor['seconds']:7.2f} s  {floor['cpu']:6.2f} s CPU  "
                  f"{floor['peak_mb']:6.0f} MB peak")
            print(f"validate_ledger             {valid['seconds']:7.2f} s  {valid['cpu']:6.2f} s CPU  "
                  f"{valid['peak_mb']:6.0f} MB peak  ({valid['seconds'] / floor['seconds']:.1f}x the floor, "
                  f"{valid['cpu'] / floor['cpu']:.1f}x its CPU time; largest helper process "
                  f"{valid['helper_peak_mb']:.0f} MB peak)", flush=True)
    for _ in range(0 if args.skip_check else args.repeat):
        _check_line(args.check_claims)


def _check_line(n: int) -> None:
    c = measure("check", str(n))
    print(f"check() on {n} claims: {c['check']:.2f} s, {c['findings']} findings in {c['issues']} issues; "
          f"text lines {c['text']:.2f} s ({(c['check'] + c['text']) / c['check']:.2f}x check() with it), "
          f"json lines {c['json']:.2f} s ({(c['check'] + c['json']) / c['check']:.2f}x)", flush=True)


if __name__ == "__main__":
    main()

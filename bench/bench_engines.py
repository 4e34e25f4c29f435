"""Benchmark the cross-check's pair stage on each engine, past memory
(issue 16): 1M, 10M and 30M synthetic claims as Parquet ledgers.

For each size, each stage in its own child process (time, and the peak
resident memory of the child's whole process tree, sampled from /proc every
0.2 s: for Spark that includes the JVM and its Python workers):

* ``prepare``: the Parquet ledger streamed in batches of 1M claims through
  the shared ``prepare`` into the plan's input (``claims_in``, Parquet);
* ``duckdb``: the plan on DuckDB over ``claims_in`` (memory limit
  ``--duckdb-memory``, spilling to a temp folder), the pair table written as
  Parquet (pair rows, verdicts, claim ids, figures);
* ``spark``: the same plan on Spark (``--spark-master``, default local[2]),
  the same pair table;
* ``pandas``: the in-memory engine beside them, where it fits
  (``--pandas-max``): the ledger read into pandas, ``prepare`` and
  ``pair_verdicts`` (the same pairs, in memory).

The synthetic ledger: bench_crosscheck's key distribution, one million claims
per file (each file its own keys, so a key never spans files; claim ids unique).

Run: ``python bench/bench_engines.py [--sizes 1000000,10000000,30000000]
[--spark-sizes 1000000,10000000] [--pandas-max 1000000] [--data DIR] [--stages prepare,duckdb,spark,pandas]``.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CHUNK = 1_000_000


def build_ledger(n: int, folder: Path) -> Path:
    """A Parquet folder ledger of ``n`` synthetic claims (made once, kept)."""
    from bench_crosscheck import synthetic_ledger

    from ledger.claims.columnar import parquet_bytes

    done = folder / f"ledger-{n}"
    if (done / "_DONE").exists():
        return done
    shutil.rmtree(done, ignore_errors=True)
    done.mkdir(parents=True)
    for k in range(0, (n + CHUNK - 1) // CHUNK):
        size = min(CHUNK, n - k * CHUNK)
        df = synthetic_ledger(size, seed=7 + k)
        df["subject"] = f"c{k}." + df["subject"].astype(str)  # each file its own keys
        df["claim_id"] = "c-" + f"{k:02x}" + df["claim_id"].astype(str).str[4:]  # unique across files
        df["quote"] = df["quote"].astype(str)
        (done / f"part-{k:05d}.parquet").write_bytes(parquet_bytes(df))
        del df
    (done / "_DONE").write_text("")
    return done


def stage(what: str, n: int, data: Path, args: argparse.Namespace) -> dict:
    """One measurement (in the child)."""
    from ledger.crosscheck import load_settings
    from ledger.crosscheck.engines import EngineOptions, outofcore

    settings = load_settings()
    ledger, inputs = data / f"ledger-{n}", data / f"in-{n}"
    t0 = time.perf_counter()
    if what == "prepare":
        shutil.rmtree(inputs, ignore_errors=True)
        done = outofcore.prepare_files(ledger, inputs, settings)
        extra = {"claims": done.claims, "kept": done.kept}
    elif what == "duckdb":
        out = data / f"pairs-duckdb-{n}.parquet"
        opts = EngineOptions("duckdb", duckdb_memory=args.duckdb_memory, duckdb_temp=str(data / "duckdb-tmp"))
        extra = outofcore.duckdb_pairs(inputs, out, settings, opts)
        extra["pair_table_mb"] = round(out.stat().st_size / 2**20)
    elif what == "spark":
        out = data / f"pairs-spark-{n}"
        os.environ.setdefault("FACTCHECK_SPARK_PARTITIONS", str(args.spark_partitions))
        extra = outofcore.spark_pairs(inputs, out, settings, EngineOptions("spark", spark_master=args.spark_master))
    else:  # pandas, in memory
        import pandas as pd

        from ledger.crosscheck import pair_verdicts, prepare
        from ledger.crosscheck.pairs import NEEDED

        claims = pd.read_parquet(ledger, columns=list(NEEDED))
        prepared = prepare(claims, settings)
        import numpy as np

        code = pair_verdicts(prepared, settings)[2]
        extra = {"codes": {int(k): int(v) for k, v in zip(*np.unique(code, return_counts=True))}}
    return {"what": what, "n": n, "seconds": round(time.perf_counter() - t0, 1), **extra}


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (MB)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def measure(what: str, n: int, args: argparse.Namespace) -> dict:
    """Run one stage in a child; its result with the tree's peak RSS."""
    cmd = [sys.executable, __file__, "--one", what, str(n), "--data", str(args.data),
           "--duckdb-memory", args.duckdb_memory, "--spark-master", args.spark_master,
           "--spark-partitions", str(args.spark_partitions)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0.0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            stop.wait(0.2)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    stop.set()
    watcher.join()
    if proc.returncode:
        return {"what": what, "n": n, "error": f"exit {proc.returncode}", "peak_mb": round(peak)}
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = round(peak)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000,30000000")
    parser.add_argument("--spark-sizes", default="1000000,10000000")
    parser.add_argument("--pandas-max", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "factcheck-bench-engines")
    parser.add_argument("--duckdb-memory", default="4GB")
    parser.add_argument("--spark-master", default="local[2]")
    parser.add_argument("--spark-partitions", type=int, default=64)
    parser.add_argument("--stages", default="prepare,duckdb,spark,pandas",
                        help="stages to run (a stage needs prepare's output of the same size)")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(stage(args.one[0], int(args.one[1]), args.data, args)))
        return
    args.data.mkdir(parents=True, exist_ok=True)
    spark_sizes = {int(s) for s in args.spark_sizes.split(",") if s}
    print("claims | stage | seconds | peak MB | result")
    print("---:|---|---:|---:|---")
    for n in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        build_ledger(n, args.data)
        print(f"{n:,} | (ledger made in {time.perf_counter() - t0:.0f} s) | | |", flush=True)
        stages = ["prepare", "duckdb"] + (["spark"] if n in spark_sizes else []) \
            + (["pandas"] if n <= args.pandas_max else [])
        for what in (s for s in stages if s in args.stages.split(",")):
            r = measure(what, n, args)
            rest = {k: v for k, v in r.items() if k not in ("what", "n", "seconds", "peak_mb")}
            print(f"{n:,} | {what} | {r.get('seconds', '-')} | {r['peak_mb']:,} | {json.dumps(rest)}", flush=True)


if __name__ == "__main__":
    main()

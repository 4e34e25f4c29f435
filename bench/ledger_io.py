"""Time reading, validating and writing a large ledger: claims.csv tiled over
copies of the seeds (each copy its own source id, so every cross-file check
runs).  Usage: python bench/ledger_io.py [COPIES]   (default 100)."""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from ledger.claims import read_ledger, validate_ledger, write_ledger
from ledger.record import claim_id
from ledger.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent


def build(folder: Path, copies: int) -> Path:
    seeds = folder / "seeds"
    seeds.mkdir()
    src = load_sources(ROOT / "seeds" / "sources.csv")
    base = read_ledger(ROOT / "claims.csv")
    rows, frames = [], []
    for k in range(copies):
        for rec in src.itertuples(index=False):
            sid = f"{rec.id}_{k}"
            shutil.copy(ROOT / "seeds" / rec.file, seeds / f"{sid}.txt")
            rows.append({**rec._asdict(), "id": sid, "file": f"{sid}.txt"})
        part = base.assign(source=base["source"] + f"_{k}")
        part["claim_id"] = [claim_id(s, a, b, t) for s, a, b, t in
                            zip(part["source"], part["start"], part["end"], part["surface"])]
        frames.append(part)
    pd.DataFrame(rows).to_csv(seeds / "sources.csv", index=False, lineterminator="\n")
    write_ledger(pd.concat(frames, ignore_index=True), folder / "claims.csv")
    return folder / "claims.csv"


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp), copies)
        t0 = time.perf_counter()
        df = read_ledger(path)
        t1 = time.perf_counter()
        report = validate_ledger(path)
        t2 = time.perf_counter()
        write_ledger(df, path)
        t3 = time.perf_counter()
        print(f"{len(df)} rows, {copies * 5} articles, valid={report.valid}")
        print(f"read_ledger     {t1 - t0:6.2f} s")
        print(f"validate_ledger {t2 - t1:6.2f} s")
        print(f"write_ledger    {t3 - t2:6.2f} s")


if __name__ == "__main__":
    main()

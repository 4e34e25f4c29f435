"""Extraction time against article size: one long article of about 0.25, 1
and 4 MB (the seed articles repeated, each copy's paragraphs kept whole),
extracted by ``Workspace.extract`` into a new ledger, each size in its own
child process (its peak RSS is its own), with a time limit per size.

Usage: python bench/extract_scaling.py [--sizes 0.25,1,4] [--timeout 900] [--preload]

Prints, per size: the article's size, wall time, MB/s, the CPU time of the
extraction (``time.process_time``: the steadier figure on a shared machine)
and the child's peak RSS (or that it did not finish in the time limit).  Near-linear growth
means the time per MB stays flat from size to size.  ``--preload`` loads
jieba's dictionary and part-of-speech model (a one-off per process, ~2 s)
before the clock starts and prints its time in a column of its own.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


#: the texts ``--text`` names: the seeds (a mix of scripts), or the corpus's English dev articles
#: (number-dense English news, where name discovery's English routes do most of the work)
TEXTS = {"seeds": "seeds/*.txt", "corpus-en": "tests/data/corpus/b*/dev/*_en.txt"}


def article(megabytes: float, text: str = "seeds") -> str:
    """The articles of ``text`` (:data:`TEXTS`), repeated to about ``megabytes`` MB of UTF-8."""
    seeds = sorted(ROOT.glob(TEXTS[text]))
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds) + "\n\n"
    want = int(megabytes * 1_000_000)
    copies = max(1, round(want / len(base.encode("utf-8"))))
    return base * copies


def preload() -> float:
    """Load jieba (dictionary and part-of-speech model): seconds taken."""
    t0 = time.perf_counter()
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.posseg.dt.initialize()
    return time.perf_counter() - t0


def child(megabytes: float, warm: bool = False, text: str = "seeds") -> dict:
    from ledger.job import Workspace

    loaded = preload() if warm else None

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seeds"
        folder.mkdir()
        path = folder / "long.txt"
        path.write_text(article(megabytes, text), encoding="utf-8")
        size = path.stat().st_size
        t0, c0 = time.perf_counter(), time.process_time()
        result = Workspace.open(Path(tmp) / "claims.csv").extract([folder])
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mb": size / 1e6, "seconds": seconds, "cpu": cpu, "claims": result.added, "peak_mb": peak,
            "preload": loaded}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="0.25,1,4")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--preload", action="store_true", help="load jieba before the clock starts; print its time")
    ap.add_argument("--text", choices=sorted(TEXTS), default="seeds",
                    help="what the long article is made of: the seeds (default) or the corpus's English dev articles")
    ap.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.preload, args.text)))
        return
    print(f"{'size MB':>8} {'seconds':>9} {'MB/s':>7} {'CPU s':>7} {'claims':>7} {'peak MB':>8}"
          + (f" {'jieba s':>8}" if args.preload else ""))
    for mb in (float(x) for x in args.sizes.split(",")):
        try:
            out = subprocess.run([sys.executable, __file__, "--child", str(mb), "--text", args.text,
                                  *(["--preload"] if args.preload else [])],
                                 capture_output=True, text=True, timeout=args.timeout, check=True)
        except subprocess.TimeoutExpired:
            print(f"{mb:8.2f}   did not finish in {args.timeout:.0f} s")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['mb']:8.2f} {r['seconds']:9.2f} {r['mb'] / r['seconds']:7.3f} {r['cpu']:7.2f} {r['claims']:7d} "
              f"{r['peak_mb']:8.0f}"
              + (f" {r['preload']:8.1f}" if r["preload"] is not None else ""), flush=True)


if __name__ == "__main__":
    main()

"""CPU seconds of ``check()`` and of ``factcheck check``'s text and ``--json``
lines (``ledger.render``) on bench_crosscheck's synthetic ledger, for comparing
two trees on a busy machine (CPU time is disturbed far less than wall time).

    python bench/output_cpu.py TREE [CLAIMS]      # CLAIMS: 100000 by default

TREE (a checkout of this repository) and TREE/bench go first on ``sys.path``.
One warm-up check of 2,000 claims, then one timed ``check()``, then the text
lines and the JSON lines written to /dev/null (as bench/ledger_io.py does).
Interleave the trees::

    for r in 1 2; do for t in /tmp/base /work/branch; do python bench/output_cpu.py $t; done; done
"""
from __future__ import annotations

import os
import sys
import time

tree = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
sys.path[:0] = [tree, tree + "/bench"]

from bench_crosscheck import synthetic_ledger

from ledger.crosscheck import check
from ledger.render import finding_lines, json_lines

claims = synthetic_ledger(n)
check(claims.head(2000))
t = time.process_time()
found = check(claims)
c = time.process_time() - t
out = {}
with open(os.devnull, "w", encoding="utf-8") as sink:
    for mode, fn in (("text", finding_lines), ("json", json_lines)):
        t = time.process_time()
        for line in fn(found, claims):
            sink.write(line + "\n")
        out[mode] = time.process_time() - t
print(f"{tree:20s} CPU s: check {c:.2f}  text {out['text']:.2f} ({(c + out['text']) / c:.2f}x)  "
      f"json {out['json']:.2f} ({(c + out['json']) / c:.2f}x)")

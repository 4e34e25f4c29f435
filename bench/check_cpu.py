"""CPU seconds of ``check()`` on bench_crosscheck's synthetic 100k-claim ledger,
for comparing two trees on a busy machine (CPU time is disturbed far less than
wall time by other processes).

    python bench/check_cpu.py TREE check|lean

TREE (a checkout of this repository) and TREE/bench go first on ``sys.path``.
One JSON line: the first check in the process (imports pint, builds the unit
registry, reads the ECB history) and the best of three more, CPU and wall.
Interleave the trees, e.g.::

    for r in 1 2 3 4 5; do for t in /tmp/base /work/branch; do for w in check lean; do
      echo "$r $t $(PYTHONHASHSEED=0 python bench/check_cpu.py $t $w)"; done; done; done
"""
from __future__ import annotations

import json
import sys
import time

tree, what = sys.argv[1], sys.argv[2]
sys.path[:0] = [tree, tree + "/bench"]

from bench_crosscheck import synthetic_ledger

from ledger.crosscheck import check

df = synthetic_ledger(100_000)
t0, c0 = time.perf_counter(), time.process_time()
check(df, explain=what == "check")
first = (time.perf_counter() - t0, time.process_time() - c0)
walls, cpus = [], []
for _ in range(3):
    t0, c0 = time.perf_counter(), time.process_time()
    out = check(df, explain=what == "check")
    walls.append(time.perf_counter() - t0)
    cpus.append(time.process_time() - c0)
print(json.dumps({"what": what, "first_wall": round(first[0], 3), "first_cpu": round(first[1], 3),
                  "wall": round(min(walls), 3), "cpu": round(min(cpus), 3), "rows": len(out)}))

"""CPU seconds of ``check()`` and of ``factcheck check``'s text and ``--json``
lines (``ledger.render``) on bench_crosscheck's synthetic ledger, for comparing
two trees on a busy machine (CPU time is disturbed far less than wall time).

    python bench/output_cpu.py TREE [CLAIMS]      # CLAIMS: 100000 by default

TREE (a checkout of this repository) and TREE/bench go first on ``sys.path``.
One warm-up check of 2,000 claims, then one timed ``check()``, then the text
and the JSON output written to /dev/null as ``factcheck check`` writes it:
UTF-8 chunks of lines (``ledger.render.finding_chunks``/``json_chunks``) to
the binary stream; in a tree without them (before the output was written as
bytes), the CLI's old way: batches of 5,000 lines joined and written as text.
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

import ledger.render as render
from ledger.crosscheck import check


def old_cli(lines):  # the CLI before chunks: batches of 5,000 lines, each batch one text write
    def chunks(found, claims):
        batch = []
        for line in lines(found, claims):
            batch.append(line)
            if len(batch) >= 5000:
                yield "\n".join(batch) + "\n"
                batch = []
        if batch:
            yield "\n".join(batch) + "\n"
    return chunks


if hasattr(render, "finding_chunks"):
    modes, binary = (("text", render.finding_chunks), ("json", render.json_chunks)), True
else:
    modes, binary = (("text", old_cli(render.finding_lines)), ("json", old_cli(render.json_lines))), False

claims = synthetic_ledger(n)
check(claims.head(2000))
t = time.process_time()
found = check(claims)
c = time.process_time() - t
out = {}
with open(os.devnull, "wb") if binary else open(os.devnull, "w", encoding="utf-8") as sink:
    for mode, fn in modes:
        t = time.process_time()
        for chunk in fn(found, claims):
            sink.write(chunk)
        out[mode] = time.process_time() - t
print(f"{tree:20s} CPU s: check {c:.2f}  text {out['text']:.2f} ({(c + out['text']) / c:.2f}x)  "
      f"json {out['json']:.2f} ({(c + out['json']) / c:.2f}x)")

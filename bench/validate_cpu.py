"""CPU seconds and peak memory of ``validate_ledger`` on one ledger, or of the
floor it is judged against (``pandas.read_csv`` plus a minimal pandera schema of
the same file), each in its own process, for comparing trees on a busy machine
(CPU time is disturbed far less than wall time; issue 14).

    python bench/validate_cpu.py floor|validate TREE LEDGER [--no-pyarrow]

TREE (a checkout of this repository) goes first on ``sys.path``.  ``--no-pyarrow``
runs the default install's path in a venv that has pyarrow (pyarrow is hidden
before pandas loads).  Make the 1M-row ledger (the seeds' claims tiled, beside
their articles) with ``mkdir /tmp/big && python bench/ledger_io.py --child build
/tmp/big:1000000`` and interleave the trees::

    for r in 1 2 3; do
      python bench/validate_cpu.py floor . /tmp/big/claims.csv --no-pyarrow
      python bench/validate_cpu.py validate /tmp/base /tmp/big/claims.csv --no-pyarrow
      python bench/validate_cpu.py validate . /tmp/big/claims.csv --no-pyarrow
    done

Prints one JSON line: wall seconds, CPU seconds (user + system, imports
included), peak RSS in MB, and the rows read or the problems found.
"""
from __future__ import annotations

import json
import resource
import sys
import time


def main(argv: list[str]) -> None:
    started = time.perf_counter()
    what, tree, path = argv[:3]
    if what not in ("floor", "validate"):
        raise SystemExit("usage: validate_cpu.py floor|validate TREE LEDGER [--no-pyarrow]")
    if "--no-pyarrow" in argv[3:]:
        sys.modules["pyarrow"] = None  # type: ignore[assignment]  # as if pyarrow were not installed
    sys.path.insert(0, tree)
    out: dict[str, object] = {"what": what, "tree": tree}
    if what == "floor":
        import pandas as pd
        import pandera.pandas as pa

        frame = pd.read_csv(path)
        pa.DataFrameSchema({c: pa.Column(nullable=True) for c in frame.columns}).validate(frame, lazy=True)
        out["rows"] = len(frame)
    else:
        from ledger.claims import validate_ledger

        report = validate_ledger(path)
        out.update(valid=report.valid, problems=sum(report.counts.values()))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out.update(s=round(time.perf_counter() - started, 2), cpu=round(usage.ru_utime + usage.ru_stime, 2),
               peak_mb=round(usage.ru_maxrss / 1024))
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])

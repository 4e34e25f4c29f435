"""Does a change to validation keep every report the same?  Writes bad ledgers of
every kind (the seeds' claims tiled, cells mutated at random, and in a quarter of
them the CSV text itself damaged: a blank line, a short or long record, an
unclosed quote, a lone CR, text after a quote) and compares the full reports of
two trees on them (issue 14: a faster ``validate`` must say exactly the same).

    python bench/validate_equality.py OUT_DIR BASE_TREE NEW_TREE [--files 60] [--seed 6] [--no-pyarrow]

Each tree validates every ``OUT_DIR/m*.csv`` and ``tests/data/broken/*.csv`` in
its own process; the reports (validity, rows, counts, every problem's fields and
message) must be equal.  Prints the number of files, problems and codes compared,
or the first files that differ, and exits 1 when any does.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Mutation = Callable[[list[str], int], str]
MUTATIONS: dict[str, Mutation] = {
    "pad": lambda r, c: r[c] + " ", "lpad": lambda r, c: "\u3000" + r[c], "nbsp": lambda r, c: r[c] + "\xa0",
    "empty": lambda r, c: "", "junk": lambda r, c: "zz", "neg": lambda r, c: "-5",
    "big": lambda r, c: "99999999999999999999", "inf": lambda r, c: "inf", "nan": lambda r, c: "nan",
    "exp": lambda r, c: "1.3E+10", "spaced": lambda r, c: " 12", "comma": lambda r, c: r[c] + ",x",
    "quote": lambda r, c: r[c] + '"q"', "newline": lambda r, c: r[c] + "\nnext", "plus": lambda r, c: "+3",
    "dot": lambda r, c: "1.", "underscore": lambda r, c: "1_000", "huge": lambda r, c: "1e400",
    "off": lambda r, c: str(int(r[c]) + 1) if r[c].lstrip("-").isdigit() else r[c], "far": lambda r, c: "10000000",
    "half": lambda r, c: "0.5", "two": lambda r, c: "2", "period": lambda r, c: "2025-Q5",
    "detail": lambda r, c: "subject=2", "id": lambda r, c: "c-000000000000", "badid": lambda r, c: "C-XYZ",
    "source": lambda r, c: "nosuch", "cut": lambda r, c: r[c][1:],
}


def write_bad_ledgers(out: Path, files: int, seed: int) -> list[Path]:
    """``files`` bad ledgers in ``out``, beside a copy of the seeds (their articles)."""
    out.mkdir(parents=True, exist_ok=True)
    if not (out / "seeds").exists():
        shutil.copytree(ROOT / "seeds", out / "seeds")
    rows = list(csv.reader(io.StringIO((ROOT / "claims.csv").read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    rnd, names = random.Random(seed), list(MUTATIONS)
    paths = []
    for k in range(files):
        recs = [list(r) for r in body] * rnd.choice([1, 3, 30])
        for _ in range(rnd.choice([1, 5, 50, 400])):
            r, c = rnd.randrange(len(recs)), rnd.randrange(len(header))
            recs[r] = list(recs[r])
            recs[r][c] = MUTATIONS[rnd.choice(names)](recs[r], c)
        if rnd.random() < 0.2:
            recs.insert(rnd.randrange(len(recs)), list(recs[rnd.randrange(len(recs))]))  # a duplicate row
        hdr = list(header)
        if rnd.random() < 0.1:
            drop = rnd.randrange(len(hdr))
            hdr.pop(drop)
            recs = [r[:drop] + r[drop + 1:] for r in recs]
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n" if rnd.random() < 0.2 else "\n")
        writer.writerow(hdr)
        writer.writerows(recs)
        text = ("\ufeff" if rnd.random() < 0.1 else "") + buf.getvalue()
        if rnd.random() < 0.25:  # damage to the CSV text itself
            lines = text.split("\n")
            i = rnd.randrange(1, len(lines) - 1)
            how = rnd.choice(["blank", "short", "long", "unclosed", "cr", "afterquote"])
            if how == "blank":
                lines.insert(i, "")
            elif how == "short":
                lines[i] = ",".join(lines[i].split(",")[:5])
            elif how == "long":
                lines[i] += ",extra"
            elif how == "unclosed":
                lines[i] = lines[i].replace(",", ',"', 1)
            elif how == "cr":
                lines[i] = lines[i].replace(",", "\r", 1)
            else:
                lines[i] = '"a"b' + lines[i][lines[i].find(","):]
            text = "\n".join(lines)
        path = out / f"m{k:03d}.csv"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def reports(tree: Path, files: list[Path], no_pyarrow: bool) -> dict:
    """Every file's full report as ``tree``'s validate_ledger gives it (its own process)."""
    code = (
        "import json, sys\n"
        + ("sys.modules['pyarrow'] = None\n" if no_pyarrow else "")
        + f"sys.path.insert(0, {str(tree)!r})\n"
        "from pathlib import Path\n"
        "from ledger.claims import validate_ledger\n"
        "out = {}\n"
        "for name in sys.argv[1:]:\n"
        "    path = Path(name)\n"
        "    sources = path.parent / 'seeds' / 'sources.csv'\n"
        "    r = validate_ledger(path, sources if sources.exists() else None)\n"
        "    out[name] = {'valid': r.valid, 'readable': r.readable, 'rows': r.rows,\n"
        "                 'counts': sorted(map(list, r.counts.items())),\n"
        "                 'problems': [p.to_dict() for p in r.problems]}\n"
        "print(json.dumps(out, sort_keys=True, ensure_ascii=False))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *map(str, files)], capture_output=True, text=True,
                          check=True, cwd=tree)
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("base", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--no-pyarrow", action="store_true", help="hide pyarrow: the default install's path")
    args = ap.parse_args()
    files = write_bad_ledgers(args.out, args.files, args.seed) + sorted((ROOT / "tests/data/broken").glob("*.csv"))
    base = reports(args.base.resolve(), files, args.no_pyarrow)
    new = reports(args.new.resolve(), files, args.no_pyarrow)
    differ = [f for f in base if base[f] != new.get(f)]
    problems = sum(len(r["problems"]) for r in base.values())
    codes = {p.get("code") for r in base.values() for p in r["problems"]}
    if differ:
        print(f"{len(differ)} of {len(base)} files differ, e.g. {', '.join(differ[:5])}")
        raise SystemExit(1)
    print(f"{len(base)} files, {problems} problems of {len(codes)} codes: the same reports in both trees")


if __name__ == "__main__":
    main()

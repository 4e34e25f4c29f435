"""How well extraction reproduces the reviewed ledger, field by field.

    python bench/agreement.py                  # finder + framing, as `factcheck extract` runs
    python bench/agreement.py --gold-mentions  # framing alone, on the reviewed rows' own spans
    python bench/agreement.py --list 20        # also list up to 20 disagreements per field

Each reviewed row of claims.csv (status not 'rejected') is matched with the
extracted claim at the same (source, start, end).  A reviewed row extraction
did not propose counts as a disagreement on every field.  Values agree when
both are empty or they differ by less than one part in a million.  Extracted
claims with no reviewed row are counted and listed as "extra".
"""
from __future__ import annotations

import argparse
import math
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.claims import read_ledger
from ledger.framing import (
    frame_article,
    frame_text,
)
from ledger.numbers import Mention
from ledger.sources import load_sources
from ledger.textio import read_text

FIELDS = ("subject", "object", "metric", "period", "modality", "value")


def gold_mentions(rows) -> list[Mention]:
    """The reviewed rows as mentions (framing-only mode)."""
    out = []
    for r in rows.itertuples():
        if r.kind == "date":
            out.append(Mention(r.start, r.end, r.surface, "date", r.period, None, None, "date", r.qualifier))
            continue
        def val(x):
            return None if x is None or (isinstance(x, float) and math.isnan(x)) else Decimal(repr(x))
        out.append(Mention(r.start, r.end, r.surface, r.kind, val(r.value), val(r.value_low),
                           val(r.value_high), r.unit, r.qualifier))
    return out


def extracted(gold, sources, folder: Path, use_gold: bool) -> dict[tuple, dict]:
    found: dict[tuple, dict] = {}
    for row in sources.itertuples():
        text = read_text(folder / row.file)
        if use_gold:
            rows = frame_article(text, gold_mentions(gold[gold["source"] == row.id]), source=row.id, select=False,
                                 published=row.published)
        else:
            rows = frame_text(text, source=row.id, published=row.published)
        for r in rows:
            found[(r["source"], r["start"], r["end"])] = r
    return found


def match(got: dict[tuple, dict], row: dict) -> dict | None:
    """The extracted claim at the reviewed span, else one overlapping it (the
    finder may include a hedge word such as 约 in the surface)."""
    exact = got.get((row["source"], row["start"], row["end"]))
    if exact is not None:
        return exact
    for (source, start, end), r in got.items():
        if source == row["source"] and start < row["end"] and row["start"] < end:
            return r
    return None


def same(field: str, a, b) -> bool:
    if field != "value":
        return (a or "") == (b or "")
    na = a is None or (isinstance(a, float) and math.isnan(a))
    nb = b is None or (isinstance(b, float) and math.isnan(b))
    if na or nb:
        return na and nb
    return abs(float(a) - float(b)) <= 1e-6 * max(abs(float(a)), abs(float(b)), 1.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ledger", default=str(ROOT / "claims.csv"))
    ap.add_argument("--sources", default=str(ROOT / "seeds" / "sources.csv"))
    ap.add_argument("--gold-mentions", action="store_true", help="frame the reviewed spans (framing alone)")
    ap.add_argument("--list", type=int, default=1000, metavar="N", help="list at most N disagreements per field")
    args = ap.parse_args(argv)

    gold = read_ledger(args.ledger)
    gold = gold[gold["status"] != "rejected"].reset_index(drop=True)
    sources = load_sources(args.sources)
    got = extracted(gold, sources, Path(args.sources).parent, args.gold_mentions)
    mode = "framing alone (reviewed spans)" if args.gold_mentions else "finder + framing"
    print(f"agreement with {args.ledger}: {len(gold)} reviewed claims, {mode}")
    pairs = {(r["source"], r["start"], r["end"]): match(got, r) for r in gold.to_dict("records")}
    found = sum(m is not None for m in pairs.values())
    exact = sum(m is not None and (m["start"], m["end"]) == k[1:] for k, m in pairs.items())
    print(f"  found      {found:3d}/{len(gold)}  {100 * found / len(gold):5.1f}%  ({exact} with exactly the reviewed span)")
    bad: dict[str, list[str]] = {f: [] for f in FIELDS}
    for r in gold.to_dict("records"):
        mine = pairs[(r["source"], r["start"], r["end"])]
        for f in FIELDS:
            if mine is None or not same(f, r[f], mine[f]):
                theirs = "(not extracted)" if mine is None else repr(mine[f])
                bad[f].append(f"{r['source'][:3]} {r['start']:>5} {r['surface']!r}: reviewed {r[f]!r}, extracted {theirs}")
    for f in FIELDS:
        ok = len(gold) - len(bad[f])
        print(f"  {f:<10} {ok:3d}/{len(gold)}  {100 * ok / len(gold):5.1f}%")
    used = {id(m) for m in pairs.values() if m is not None}
    extra = [r for _, r in sorted(got.items()) if id(r) not in used]
    print(f"  extra      {len(extra):3d} extracted claims with no reviewed row")
    for f in FIELDS:
        if bad[f] and args.list:
            print(f"\n{f} disagreements:")
            for line in bad[f][: args.list]:
                print("  " + line)
    if extra and args.list:
        print("\nextra:")
        for r in extra[: args.list]:
            print(f"  {r['source'][:3]} {r['start']:>5} {r['surface']!r} {r['kind']} {r['subject']}/{r['object']}/{r['metric']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

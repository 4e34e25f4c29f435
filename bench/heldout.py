"""How well framing generalises: per-field agreement on held-out articles.

    python bench/heldout.py            # per-field agreement
    python bench/heldout.py --list     # also every disagreement

The articles in tests/data/heldout/ were written (or, for the two
``*_unseen_*`` ones, collected) after framing had been tuned on the seeds;
``expected.csv`` beside them holds the claims worked out by hand: file,
surface, subject, object, metric, period, modality, value.  An expected row is
matched with the extracted claim whose span overlaps the first occurrence of
its surface in the file.  A row with an empty metric is a number that must
NOT become a claim (a tolerance such as 'plus or minus 2%'): it agrees on
every field when nothing is extracted there.  A missed claim disagrees on
every field.  The published date comes from the article's date stamp, as
`factcheck extract` registers it.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.framing import frame_text
from ledger.sources import infer_published
from ledger.textio import read_text

FOLDER = ROOT / "tests" / "data" / "heldout"
FIELDS = ("subject", "object", "metric", "period", "modality", "value")


def load_expected(folder: Path = FOLDER) -> list[dict[str, str]]:
    with open(folder / "expected.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def extract(folder: Path, name: str) -> tuple[str, list[dict]]:
    text = read_text(folder / name)
    stamp = infer_published(text)
    return text, frame_text(text, source=Path(name).stem, published=stamp[0] if stamp else "")


def claim_at(text: str, rows: list[dict], surface: str) -> dict | None:
    """The extracted claim overlapping the first occurrence of ``surface``."""
    start = text.find(surface)
    if start < 0:
        raise ValueError(f"expected.csv: {surface!r} is not in the article")
    end = start + len(surface)
    return next((r for r in rows if r["start"] < end and start < r["end"]), None)


def same(field: str, want: str, got) -> bool:
    if field != "value":
        return want == (got or "")
    if not want:
        return got is None or got != got  # empty / NaN
    return got is not None and abs(float(want) - float(got)) <= 1e-6 * max(abs(float(want)), 1.0)


def compare(folder: Path = FOLDER) -> tuple[list[dict], dict[str, list[str]]]:
    expected = load_expected(folder)
    cache = {name: extract(folder, name) for name in dict.fromkeys(e["file"] for e in expected)}
    bad: dict[str, list[str]] = {f: [] for f in FIELDS}
    for e in expected:
        text, rows = cache[e["file"]]
        got = claim_at(text, rows, e["surface"])
        if not e["metric"]:  # must not be a claim
            if got is not None:
                for f in FIELDS:
                    bad[f].append(f"{e['file']} {e['surface']!r}: not a claim, extracted {got['metric']!r}")
            continue
        for f in FIELDS:
            if got is None or not same(f, e[f], got[f]):
                have = "(not extracted)" if got is None else repr(got[f])
                bad[f].append(f"{e['file']} {e['surface']!r}: expected {e[f]!r}, extracted {have}")
    return expected, bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    expected, bad = compare()
    files = len({e["file"] for e in expected})
    print(f"held-out agreement: {len(expected)} expected rows in {files} articles ({FOLDER.relative_to(ROOT)})")
    for f in FIELDS:
        ok = len(expected) - len(bad[f])
        print(f"  {f:<10} {ok:3d}/{len(expected)}  {100 * ok / len(expected):5.1f}%")
    if args.list:
        for f in FIELDS:
            if bad[f]:
                print(f"\n{f} disagreements:")
                for line in bad[f]:
                    print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

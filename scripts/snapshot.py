"""A behaviour snapshot of the whole job on the bundled seeds, for refactors.

    python scripts/snapshot.py OUT_DIR

Copies the repository's seeds/ and claims.csv into a temp folder, runs
`factcheck run` and `factcheck check --json` there, and writes to OUT_DIR:
claims.csv (the merged ledger), sources.csv, check.jsonl (every finding) and
workbook.txt (every cell of every sheet of conflicts.xlsx, the volatile
made-at cell left out).  `diff -r BEFORE AFTER` then shows any change in
behaviour.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
VOLATILE = ("made_at", "made (utc)")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "seeds", work / "seeds")
        shutil.copy(ROOT / "claims.csv", work / "claims.csv")
        run = [sys.executable, "-m", "ledger.cli"]
        subprocess.run([*run, "run"], cwd=work, check=True, capture_output=True)
        check = subprocess.run([*run, "check", "--json"], cwd=work, capture_output=True, text=True)
        (out / "check.jsonl").write_text(check.stdout, encoding="utf-8")
        shutil.copy(work / "claims.csv", out / "claims.csv")
        shutil.copy(work / "seeds" / "sources.csv", out / "sources.csv")
        wb = load_workbook(work / "conflicts.xlsx", read_only=True)
        lines = []
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                if row and any(str(c).lower() in VOLATILE for c in row[:1]):
                    continue
                cells = ("" if c is None else str(c).replace(str(work), "<work>") for c in row)
                lines.append(f"{ws.title}\t" + "\t".join(cells))
        (out / "workbook.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""What the converters of third-party suites share (``duckling_specs.py``,
``jionlp_specs.py``): writing Recognizers-format spec files and their command line."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def write_spec(target: Path, cases: list[dict[str, Any]], written: dict[Path, int]) -> None:
    """One spec file (a JSON list of cases), its folder made; ``written`` counts it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written[target] = len(cases)


def converter_main(argv: list[str] | None, *, doc: str, convert: Callable[[Path, Path], dict[Path, int]],
                   src: Path, out: Path, src_help: str, suite: str) -> dict[Path, int]:
    """``SCRIPT [SRC [OUT]]``: convert SRC's suite into spec files under OUT and list them."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("src", type=Path, nargs="?", default=src, help=src_help)
    ap.add_argument("out", type=Path, nargs="?", default=out)
    args = ap.parse_args(argv)
    written = convert(args.src, args.out)
    if not written:
        ap.error(f"no {suite} under {args.src}")
    for path, n in written.items():
        print(f"{n:5d} cases  {path}")
    return written

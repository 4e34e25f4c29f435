"""Name discovery against the number of distinct companies an article names.

Usage: python bench/names_scaling.py [1000 2000 4000]

Builds a synthetic English article naming each of N made-up companies three
times ('Zorblaxtron Holdings Inc. reported revenue of $5 million...', 'Shares
of ... rose 3% on Tuesday.', '... said it expects growth.'; N drawn with
repeats, so fewer distinct), and prints the CPU seconds of
``names.discover`` on it.  The long-article benchmark (extract_scaling.py)
repeats the same articles, so its names do not grow with its size; this one's
do, which is what a quadratic in the names shows on.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ledger.framing import names
from ledger.framing.cues import default_lexicon

_SYLLABLES = ["zor", "blax", "qui", "tron", "vel", "mar", "dex", "ka", "lum", "pra", "nix", "sol", "ter", "vo", "gen"]


def article(n: int, seed: int = 1) -> tuple[str, int]:
    """The article and its number of distinct companies."""
    rnd = random.Random(seed)
    companies = sorted({"".join(rnd.choice(_SYLLABLES) for _ in range(3)).capitalize() for _ in range(n)})
    lines = []
    for c in companies:
        lines += [f"{c} Holdings Inc. reported revenue of $5 million in the quarter.",
                  f"Shares of {c} Holdings rose 3% on Tuesday.", f"{c} said it expects growth."]
    rnd.shuffle(lines)
    return "\n\n".join(lines), len(companies)


def main() -> None:
    lex = default_lexicon()
    print(f"{'companies':>9} {'MB':>6} {'CPU s':>7} {'found':>6}")
    for n in [int(x) for x in sys.argv[1:]] or [1000, 2000, 4000]:
        text, distinct = article(n)
        t0 = time.process_time()
        found = names.discover(text, text.lower(), lex, [], lex.cue_words)
        print(f"{distinct:9d} {len(text) / 1e6:6.2f} {time.process_time() - t0:7.2f} {len(found):6d}", flush=True)


if __name__ == "__main__":
    main()

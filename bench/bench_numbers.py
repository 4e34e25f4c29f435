"""Throughput, peak memory and scaling of ledger.numbers.find_mentions.

    python bench/bench_numbers.py            # >= 10 MB corpus (the seeds repeated), best of 3
    python bench/bench_numbers.py --mb 20 --repeat 5

Three measurements, printed as a small table:

1. Throughput: the five seed articles repeated until the corpus is at least
   ``--mb`` MB of UTF-8, each article passed to ``find_mentions`` on its own
   (as ``factcheck mentions`` / ``extract`` do).  MB/s of article text, best of
   ``--repeat`` runs, one core (no threads, no processes).  Then the same
   corpus joined into one string, in one call.
2. Peak memory: tracemalloc peak of Python allocations over one pass of the
   same corpus, article by article and as one string (separate passes:
   tracing slows the code), and the process's maximum resident set size
   (ru_maxrss) at the end.
3. Scaling: one single text of 0.25 / 0.5 / 1 / 2 / 4 MB of random "number
   soup" (digits, Chinese numerals, magnitudes, currencies, hedges, glosses,
   ordinary Han characters), of "grammar soup" (the numeral grammar's pieces:
   financial digits, 零, 点, 分之, 成半, 角分, signs, English number words,
   cents, URL and %-escape fragments) and of random Unicode, timed in one call
   each; seconds per MB should stay flat if the scan is linear.
4. English: the English held-out articles (tests/data/heldout/*_en.txt)
   repeated to ``--en-mb`` MB, article by article, best of ``--repeat``.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.numbers import find_mentions
from ledger.textio import read_text

SEEDS = ROOT / "seeds"
_SOUP = (["约", "超过", "逾", "近", "1.4", "萬(wàn)", "億", "亿", "万", "美元", "元", "数", "百", "千", "%", "至", "30", "两", "零", "五", "年", "月", "底", "去年", "上周", "倍", "多", "$", "13", " billion", " ", "\xa0", "<b>", "</b>", "&nbsp;", "，", "。", "GPT-", "4", "第", "成", "个百分点", "-", "左右", "以上", "2024", "3月11日", "\n", *list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产")])


_GRAMMAR_SOUP = ([*["壹", "贰", "叁", "參", "肆", "仟", "佰", "拾", "萬", "零", "点", "分之", "成", "半", "角", "分", "整",
                  "负", "負", "块", "钱", "￥", "€", "£", "-", " minus ", " negative ", " twenty", "-five", " thousand",
                  " million", " and ", ", ", " a ", " half", " point", " dollars", " cents", " percent", " USD",
                  " 75", ".08", "https://", "www.", "/", "?q=", "%25", "%20", "@", "三", "万", "亿", "5", "4",
                  " billions", "-billion", "-dollar", " twice as", " halve", " first half", "\n"],
                  *list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产")])


def corpus(min_mb: float) -> list[str]:
    texts = [read_text(p) for p in sorted(SEEDS.glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    reps = int(min_mb * 1e6 // size) + 1
    return texts * reps


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def throughput(texts: list[str], repeat: int) -> tuple[float, int]:
    best, n = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = sum(len(find_mentions(t)) for t in texts)
        best = min(best, time.perf_counter() - t0)
    return best, n


def peak_memory(texts: list[str]) -> int:
    tracemalloc.start()
    for t in texts:
        find_mentions(t)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def soup(n_bytes: int, rng: random.Random, pieces: list[str] = _SOUP) -> str:
    parts, size = [], 0
    while size < n_bytes:
        p = rng.choice(pieces)
        parts.append(p)
        size += len(p.encode("utf-8"))
    return "".join(parts)


def unicode_noise(n_bytes: int, rng: random.Random) -> str:
    chars = [chr(rng.randrange(0x20, 0x2FFF)) if rng.random() < 0.5 else chr(rng.randrange(0x4E00, 0x9FFF))
             for _ in range(n_bytes // 3)]
    return "".join(c for c in chars if not 0xD800 <= ord(c) <= 0xDFFF)


def scaling(sizes_mb: list[float]) -> list[tuple[str, float, float, int]]:
    rng = random.Random(3)
    rows = []
    def grammar_soup(n: int, r: random.Random) -> str:
        return soup(n, r, _GRAMMAR_SOUP)

    for kind, make in (("number soup", soup), ("grammar soup", grammar_soup), ("random unicode", unicode_noise)):
        for size in sizes_mb:
            text = make(int(size * 1e6), rng)
            real = len(text.encode("utf-8")) / 1e6
            t0 = time.perf_counter()
            n = len(find_mentions(text))
            rows.append((kind, real, time.perf_counter() - t0, n))
    return rows


def english(min_mb: float) -> list[str]:
    texts = [read_text(p) for p in sorted((ROOT / "tests" / "data" / "heldout").glob("*_en.txt"))]
    reps = int(min_mb * 1e6 // sum(len(t.encode("utf-8")) for t in texts)) + 1
    return texts * reps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="minimum corpus size in MB [10]")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes, the best is reported [3]")
    ap.add_argument("--sizes", default="0.25,0.5,1,2,4", help="MB sizes for the scaling run")
    ap.add_argument("--en-mb", type=float, default=2.0, help="size of the English corpus in MB [2]")
    args = ap.parse_args()

    texts = corpus(args.mb)
    size = mb(texts)
    find_mentions(texts[0])  # warm-up: OpenCC dictionaries, compiled patterns
    secs, n = throughput(texts, args.repeat)
    peak = peak_memory(texts)
    whole = "\n".join(texts)
    t0 = time.perf_counter()
    n_whole = len(find_mentions(whole))
    secs_whole = time.perf_counter() - t0
    print(f"corpus: {len(texts)} articles (the 5 seeds x {len(texts) // 5}), {size:.2f} MB UTF-8")
    print(f"throughput: {size / secs:.2f} MB/s  ({secs:.2f} s best of {args.repeat}, {n} mentions, "
          f"{n / secs:,.0f} mentions/s)")
    print(f"one text: the corpus joined into one string, {size / secs_whole:.2f} MB/s ({secs_whole:.2f} s, "
          f"{n_whole} mentions)")
    peak_whole = peak_memory([whole])
    print(f"peak memory (tracemalloc): {peak / 1e6:.1f} MB article by article, {peak_whole / 1e6:.0f} MB for the "
          f"one {size:.0f} MB string (input excluded); max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    en = english(args.en_mb)
    secs_en, n_en = throughput(en, args.repeat)
    print(f"english: {len(en)} held-out English articles, {mb(en):.2f} MB, {mb(en) / secs_en:.2f} MB/s "
          f"({secs_en:.2f} s best of {args.repeat}, {n_en} mentions)")
    print("scaling (one text per row):")
    print(f"  {'input':<15} {'MB':>6} {'seconds':>8} {'s/MB':>6} {'mentions':>9}")
    for kind, real, secs, n in scaling([float(s) for s in args.sizes.split(",")]):
        print(f"  {kind:<15} {real:>6.2f} {secs:>8.3f} {secs / real:>6.3f} {n:>9}")


if __name__ == "__main__":
    main()

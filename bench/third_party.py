"""The number finder on third-party test suites of numeric expressions.

    python bench/third_party.py SPEC_DIR                    # the dev half: per file, per category, goals
    python bench/third_party.py SPEC_DIR --misses out.txt   # also every failing dev case, with our mentions
    python bench/third_party.py SPEC_DIR --split test       # the test half: figures only
    python bench/third_party.py SPEC_DIR --tree /work/main  # score another checkout's finder
    python bench/third_party.py SPEC_DIR --json             # one JSON object with every figure

SPEC_DIR holds spec files in the format of Microsoft Recognizers-Text
(``Specs/Number/Chinese/NumberModel.json``, ``PercentModel.json``,
``Specs/NumberWithUnit/Chinese/CurrencyModel.json``, the English ones, ...):
a JSON list of cases ``{"Input": ..., "Results": [{"Text", "TypeName",
"Resolution": {"value", "unit", "isoCurrency"}}]}``.  The files are read
from anywhere below SPEC_DIR; none ships with this repository.  A file's
language is the folder it is in (Chinese, Chs / English, Eng), its model its
name (NumberModel, PercentModel, CurrencyModel, OrdinalModel,
NumberRangeModel, TemperatureModel, DimensionModel, AgeModel).

**The split.** Each case is in the dev or the test half by the SHA-1 of its
``Input`` (even first byte: dev), whatever the file: the same sentence in two
files is in the same half.  Improve the finder on dev misses only; score the
test half once.  ``--misses`` is refused for the test half (scored, not read).

**The mapping** (one expected result against the mentions of
``ledger.numbers.find_mentions(Input)``):

- number (NumberModel, OrdinalModel): a mention of any kind but date whose
  value, low or high bound equals the expected value (a range 5-20% also
  holds 20%; 九年 is a duration of 9, so it holds the number 9);
- percent (PercentModel): a ``percent`` mention whose value (a fraction: 27%
  is 0.27) or bound equals value% / 100, or a ``percentage_point`` one whose
  value / 100 does (Recognizers reads 3个百分点 as 3%);
- money (CurrencyModel): a ``money`` mention of the same currency (the ISO
  code; unit "Dollar" is USD, "Pound" GBP; "Cent" USD, "Pence"/"Penny" GBP
  in hundredths of the main unit, as the ledger writes 50 cents = 0.50 USD)
  and the same value or bound;
- range (NumberRangeModel, "[20,100)"): a mention whose low and high equal
  the two ends (an open end: no bound), brackets aside; a money range (a
  CurrencyModel value "[5.6,5.78]", written by ``bench/duckling_specs.py`` for
  Duckling's ``between``; Recognizers has none): a ``money`` mention of that
  currency whose low and high equal the two ends;
- ordinal, temperature, dimension, age: as a number (the ledger has no such
  units: the value read is all that can be right);
- a currency that is no ledger unit never passes; it is *wrong* when we
  report money there (C$ read as US$), a *miss* otherwise.

Values are equal within a relative 1e-9 (Recognizers writes a third as
0.333333333333333, the ledger 0.333333333333).  When the expected ``Text``
is found in the input (case, width and script folded) the mention must
overlap it; each mention serves one expected result.  A result *passes*;
is *wrong* when a mention overlaps it with another value or currency (worse
than a miss for a fact-checker); else is a *miss*.  A case passes when every
expected result does (extra mentions do not fail it: they are counted).  A
case with no expected result is *negative*: it passes when we report nothing
of the file's own kind (NumberModel: no count; PercentModel: no percent or
percentage point; CurrencyModel: no money; other files: no mention at all),
since Recognizers leaves "一美元" out of its number model because it is money.

**Categories.** Each expected result gets one; a case takes its results'
category (``mixed`` if they differ, a left-out one if any result is left
out).  In scope: money, percent, discount (九折 = 90%, a share of a price),
magnitude (a number with 万/亿/兆, thousand/million/billion/trillion or
k/M/G/bn), plain (other whole or decimal numbers), fraction (三分之一, 3/4,
two thirds), range.  Left out by design, reported separately and never in
the goals' in-scope figures: ordinal, temperature, dimension, age, a lone
number word (一, 十, three: one Chinese character or English word, "一 is
everywhere"), part of a date or clock time (１９９１年１月, ２０点),
scientific notation (2e5, 1.1^23), dozens and pairs (一打, 三双, a dozen),
vague quantities (十多万, 二十几万: Recognizers gives the stated floor as an
exact number, the ledger an interval), a currency that is no ledger unit
(VND, ARS, pesos alone: the scored tree's ``ledger.units.CURRENCIES``), a
currency word without an amount ("dollar"), comparative ranges (大于20小于30).

**Goals** (issue 11): money, percent and magnitude cases (in scope, both
languages) >= 95%; all Chinese cases >= 80% (reported with and without the
left-out ones); negative cases right >= the figure before (94%).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

REFUSE_MISSES = "--misses is allowed only with --split dev: the test half is scored, not read"

LANGUAGES = {"chinese": "zh", "chs": "zh", "english": "en", "eng": "en"}
MODELS = {
    "numbermodel": "number", "percentmodel": "percent", "currencymodel": "currency", "ordinalmodel": "ordinal",
    "numberrangemodel": "range", "temperaturemodel": "temperature", "dimensionmodel": "dimension",
    "agemodel": "age",
}
#: The family of mention kinds a negative case of each model must not show (None: any kind).
NEGATIVE_KINDS: dict[str, frozenset[str] | None] = {
    "number": frozenset({"count"}), "percent": frozenset({"percent", "percentage_point"}),
    "currency": frozenset({"money"}),
}
IN_SCOPE = ("money", "percent", "discount", "magnitude", "plain", "fraction", "range", "mixed")
GOAL_CATEGORIES = ("money", "percent", "discount", "magnitude")
LEFT_OUT = {
    "ordinal": "ordinals (第三)",
    "temperature": "temperatures",
    "dimension": "dimensions (公斤, 168cm)",
    "age": "ages",
    "lone word": "a lone number word (一, 十, three)",
    "date part": "part of a date or clock time (１９９１年１月, ２０点)",
    "scientific": "scientific notation (2e5, 1.1^23)",
    "dozen/pair": "dozens and pairs (一打, 三双, a dozen)",
    "vague": "vague quantities (十多万, 二十几万: a floor there, an interval here)",
    "other currency": "a currency that is no ledger unit (VND, ARS, pesos alone)",
    "currency word": "a currency word without an amount",
    "comparative": "comparative ranges (大于20小于30)",
}
#: Recognizers' currency unit names without an ISO code: (code, factor to the main unit).
UNIT_NAMES: dict[str, tuple[str, Decimal]] = {
    "dollar": ("USD", Decimal(1)), "pound": ("GBP", Decimal(1)), "cent": ("USD", Decimal("0.01")),
    "pence": ("GBP", Decimal("0.01")), "penny": ("GBP", Decimal("0.01")),
}

_CN_NUMERAL = "零〇一二两兩三四五六七八九十百千万萬亿億兆壹贰貳叁參肆伍陆陸柒捌玖拾佰仟倆点點"
_MAGNITUDE = re.compile(r"[万萬亿億兆]|(?i:\b(?:thousand|million|billion|trillion)s?\b)"
                        r"|\d[ \t]*(?:k|K|M|G|B|b|bn|Ｋ)(?![A-Za-z])")
_FRACTION = re.compile(r"分\s*之|[/／]|(?i:\b(?:halfs?|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?"
                       r"|eighths?|ninths?|tenths?|hundredths?|thousandths?|millionths?|billionths?|trillionths?"
                       r"|firsts?|seconds?|over)\b|-(?:first|fifth)s?\b)")
_SCIENTIFIC = re.compile(r"\d[eE][+\-－]?\d|[eE][+\-－]?[0-9０-９]|\^")
_DOZEN = re.compile(r"[打双对雙對]|(?i:\bdozens?\b)")
_VAGUE = re.compile(r"[多余几幾]")
_COMPARATIVE = re.compile(r"[大小多少等高低上下比<>≤≥]|之间|不|或|最")
_DATE_AFTER = re.compile(r"\s*(?:[月日号號]|年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月)|\s*[点點](?![0-9０-９零〇一二两三四五六七八九十])")


@dataclass(frozen=True)
class Expected:
    """One expected result, in the ledger's terms."""

    text: str
    model: str  # number, percent, currency, ordinal, range, temperature, dimension, age
    value: Decimal | None  # percent: a fraction (27% -> 0.27); money: in the main unit
    unit: str | None = None  # money: the ISO code
    low: Decimal | None = None  # range: the ends (None: open)
    high: Decimal | None = None
    category: str = "plain"


@dataclass
class Case:
    file: str
    lang: str
    model: str
    input: str
    expected: list[Expected]
    half: str
    category: str


@dataclass
class Outcome:
    case: Case
    status: str  # pass, wrong, miss; negative cases: pass, false positive
    results: list[str] = field(default_factory=list)
    extra: int = 0
    mentions: list[Any] = field(default_factory=list)


# --------------------------------------------------------------------------- reading the specs


def half_of(text: str) -> str:
    """dev or test, by the SHA-1 of the input (even first byte: dev)."""
    return "dev" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def file_info(path: Path) -> tuple[str, str]:
    """(language, model) of a spec file, from its folder and its name."""
    lang = next((LANGUAGES[p.lower()] for p in reversed(path.parts[:-1]) if p.lower() in LANGUAGES), "")
    model = MODELS.get(path.stem.lower(), "")
    return lang, model


def decimal(text: Any) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        return None


def _number_category(text: str, inp: str, at: int | None) -> str:
    """The category of an expected number from its text (and what follows it in the input)."""
    bare = re.sub(r"\s+", "", text)
    if _SCIENTIFIC.search(bare):
        return "scientific"
    if _DOZEN.search(text):
        return "dozen/pair"
    if at is not None and _DATE_AFTER.match(inp, at):
        return "date part"
    if _VAGUE.search(bare):
        return "vague"
    if _FRACTION.search(text):
        return "fraction"
    if _MAGNITUDE.search(text):
        return "magnitude"
    words = re.findall(r"[A-Za-z]+", text)
    if (len(bare) == 1 and bare in _CN_NUMERAL) or (words and len(words) == 1 and not re.search(r"\d", text)):
        return "lone word"
    return "plain"


def _ends(raw: Any) -> tuple[Decimal | None, Decimal | None]:
    """The two ends of a range value "[20,100)" (None: open, or no range)."""
    m = re.fullmatch(r"\s*[\[(]\s*([^,]*?)\s*,\s*([^,]*?)\s*[\])]\s*", str(raw or ""))
    if not m:
        return None, None
    return (decimal(m.group(1)) if m.group(1) else None, decimal(m.group(2)) if m.group(2) else None)


def expected_of(result: dict[str, Any], model: str, inp: str, at: int | None, currencies) -> Expected:
    """An expected result of a spec file in the ledger's terms (see the module docstring)."""
    text = str(result.get("Text", ""))
    res = result.get("Resolution") or {}
    raw = res.get("value")
    if model == "percent":
        v = decimal(str(raw).rstrip("%")) if raw is not None else None
        return Expected(text, model, None if v is None else v / 100,
                        category="discount" if "折" in text else "percent")
    if model == "currency":
        v = decimal(raw)
        code = res.get("isoCurrency")
        factor = Decimal(1)
        if not code:
            code, factor = UNIT_NAMES.get(str(res.get("unit", "")).lower(), (None, Decimal(1)))
        lo, hi = _ends(raw)
        if lo is not None and hi is not None:  # a money range (Duckling's between; Recognizers has none)
            return Expected(text, model, None, code, low=lo * factor, high=hi * factor,
                            category="money" if code in currencies else "other currency")
        if v is None:
            return Expected(text, model, None, code, category="currency word")
        if code not in currencies:
            return Expected(text, model, v, code, category="other currency")
        return Expected(text, model, v * factor, code, category="money")
    if model == "range":
        lo, hi = _ends(raw)
        cat = "comparative" if _COMPARATIVE.search(text) or lo is None or hi is None else "range"
        return Expected(text, model, None, low=lo, high=hi, category=cat)
    if model in ("number",):
        return Expected(text, model, decimal(raw), category=_number_category(text, inp, at))
    return Expected(text, model, decimal(raw), category=model)  # ordinal, temperature, dimension, age


def _fold(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", c).lower() or c for c in s)


def locate(inp: str, text: str, start: int = 0) -> tuple[int, int] | None:
    """Where ``text`` stands in ``inp`` (from ``start``), case, width and spacing folded; None if nowhere."""
    k = inp.find(text, start)
    if k >= 0:
        return k, k + len(text)
    folded = [_fold(c) for c in inp]
    want = re.sub(r"\s+", "", _fold(text))
    if not want:
        return None
    for i in range(start, len(inp)):
        if folded[i].isspace() or not want.startswith(folded[i]):
            continue
        j, got = i, ""
        while j < len(inp) and len(got) < len(want):
            if not folded[j].isspace():
                got += folded[j]
            j += 1
        if got == want:
            return i, j
    return None


def load_cases(spec_dir: Path, currencies) -> list[Case]:
    cases = []
    for path in sorted(spec_dir.rglob("*.json")):
        lang, model = file_info(path.relative_to(spec_dir))
        if not lang or not model:
            continue
        rel = str(path.relative_to(spec_dir))
        for raw in json.loads(path.read_text(encoding="utf-8-sig")):
            inp = str(raw.get("Input", ""))
            expected, cursor = [], 0
            for result in raw.get("Results") or []:
                span = locate(inp, str(result.get("Text", "")), cursor)
                if span:
                    cursor = span[1]
                expected.append(expected_of(result, model, inp, span[1] if span else None, currencies))
            cases.append(Case(rel, lang, model, inp, expected, half_of(inp), case_category(expected)))
    return cases


def case_category(expected: list[Expected]) -> str:
    if not expected:
        return "negative"
    cats = [e.category for e in expected]
    left = [c for c in cats if c in LEFT_OUT]
    if left:
        return left[0]
    return cats[0] if len(set(cats)) == 1 else "mixed"


# --------------------------------------------------------------------------- scoring


def _same(a: Any, b: Decimal | None) -> bool:
    if b is None or a is None or isinstance(a, str):
        return a is None and b is None
    a = Decimal(a)
    return abs(a - b) <= Decimal("1e-9") * max(Decimal(1), abs(b))


def _holds(m, e: Expected) -> bool:
    """Does mention ``m`` hold the expected result ``e``?"""
    if m.kind == "date" or e.category == "other currency":
        return False
    if e.model == "currency" and (m.kind != "money" or m.unit != e.unit):
        return False
    if e.model == "range" or (e.model == "currency" and e.value is None):
        return _same(m.low, e.low) and _same(m.high, e.high)
    if e.model == "percent":
        if m.kind == "percentage_point":
            return e.value is not None and _same(Decimal(m.value) / 100, e.value)
        if m.kind != "percent":
            return False
    return e.value is not None and any(_same(x, e.value) for x in (m.value, m.low, m.high))


def score_case(case: Case, mentions: list[Any]) -> Outcome:
    if not case.expected:
        kinds = NEGATIVE_KINDS.get(case.model)
        bad = [m for m in mentions if kinds is None or m.kind in kinds]
        return Outcome(case, "false positive" if bad else "pass", mentions=mentions)
    used: set[int] = set()
    statuses, cursor = [], 0
    for e in case.expected:
        span = locate(case.input, e.text, cursor)
        if span:
            cursor = span[1]
        near = [i for i, m in enumerate(mentions) if i not in used
                and (span is None or (m.start < span[1] and span[0] < m.end))]
        hit = next((i for i in near if _holds(mentions[i], e)), None)
        if hit is not None:
            used.add(hit)
            statuses.append("pass")
        elif e.category == "other currency":  # never ours to read: wrong only if we claim a ledger currency
            statuses.append("wrong" if span is not None and any(mentions[i].kind == "money" for i in near)
                            else "miss")
        elif span is not None and any(mentions[i].kind != "date" for i in near):
            statuses.append("wrong")
        else:
            statuses.append("miss")
    status = "pass" if all(s == "pass" for s in statuses) else "wrong" if "wrong" in statuses else "miss"
    return Outcome(case, status, statuses, extra=len(mentions) - len(used), mentions=mentions)


def run(cases: list[Case], find) -> list[Outcome]:
    out = []
    for c in cases:
        try:
            mentions = find(c.input)
        except Exception as exc:  # a crash is a miss, shown in the details
            mentions = []
            print(f"finder raised on {c.input!r}: {exc!r}", file=sys.stderr)
        out.append(score_case(c, mentions))
    return out


# --------------------------------------------------------------------------- figures


def rate(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def figures(outcomes: list[Outcome]) -> dict[str, Any]:
    """Every figure: per file, per category and language, the goals."""
    per_file: dict[str, Counter] = defaultdict(Counter)
    per_cat: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for o in outcomes:
        c = o.case
        per_file[c.file][o.status] += 1
        per_file[c.file]["cases"] += 1
        per_cat[(c.category, c.lang)][o.status] += 1
        per_cat[(c.category, c.lang)]["cases"] += 1

    def tally(sel) -> dict[str, int]:
        sel = list(sel)
        return {"cases": len(sel), "pass": sum(o.status == "pass" for o in sel)}

    zh = [o for o in outcomes if o.case.lang == "zh"]
    goals = {
        "money_percent_magnitude": tally(o for o in outcomes if o.case.category in GOAL_CATEGORIES),
        "chinese_all": tally(zh),
        "chinese_in_scope": tally(o for o in zh if o.case.category in IN_SCOPE),
        "in_scope": tally(o for o in outcomes if o.case.category in IN_SCOPE),
        "negative": tally(o for o in outcomes if o.case.category == "negative"),
        "all": tally(outcomes),
    }
    return {
        "files": {f: dict(c) for f, c in sorted(per_file.items())},
        "categories": {f"{cat}/{lang}": dict(c) for (cat, lang), c in sorted(per_cat.items())},
        "goals": goals,
        "wrong_values": sum(o.status == "wrong" for o in outcomes),
    }


def report(fig: dict[str, Any], head: str) -> str:
    out = [head, "", f"{'file':<52}{'cases':>6}{'pass':>6}{'wrong':>6}{'miss':>6}{'FP':>5}{'rate':>8}"]
    for f, c in fig["files"].items():
        out.append(f"{f:<52}{c['cases']:>6}{c.get('pass', 0):>6}{c.get('wrong', 0):>6}{c.get('miss', 0):>6}"
                   f"{c.get('false positive', 0):>5}{rate(c.get('pass', 0), c['cases']):>8}")
    out += ["", f"{'category':<22}{'zh cases':>9}{'pass':>6}{'rate':>8}   {'en cases':>9}{'pass':>6}{'rate':>8}"]
    cats = fig["categories"]

    def row(cat: str, label: str) -> str:
        z, e = cats.get(f"{cat}/zh", {}), cats.get(f"{cat}/en", {})
        return (f"{label:<22}{z.get('cases', 0):>9}{z.get('pass', 0):>6}{rate(z.get('pass', 0), z.get('cases', 0)):>8}"
                f"   {e.get('cases', 0):>9}{e.get('pass', 0):>6}{rate(e.get('pass', 0), e.get('cases', 0)):>8}")

    for cat in (*IN_SCOPE, "negative"):
        out.append(row(cat, cat))
    out.append("left out by design:")
    for cat in LEFT_OUT:
        if f"{cat}/zh" in cats or f"{cat}/en" in cats:
            out.append(row(cat, "  " + cat))
    g = fig["goals"]

    def goal(key: str, label: str, target: str) -> str:
        t = g[key]
        return f"  {label:<46}{t['pass']:>5}/{t['cases']:<5}{rate(t['pass'], t['cases']):>7}   {target}"

    out += ["", "goals (issue 11):",
            goal("money_percent_magnitude", "money, percent, magnitude (in scope)", "goal >= 95%"),
            goal("chinese_all", "all Chinese cases", "goal >= 80%"),
            goal("chinese_in_scope", "Chinese cases in scope", ""),
            goal("in_scope", "all cases in scope", ""),
            goal("negative", "negative cases right (we find nothing)", "goal >= before (94%)"),
            goal("all", "all cases", ""),
            f"  cases with a wrong value or currency: {fig['wrong_values']}"]
    return "\n".join(out)


def _fmt_mention(m) -> str:
    rng = "" if m.low == m.high == m.value else f" [{m.low}, {m.high}]"
    unit = "" if m.unit in ("count",) else f" {m.unit}"
    return f"{m.kind} {m.surface!r}={m.value}{rng}{unit}"


def misses_text(outcomes: list[Outcome]) -> str:
    lines = []
    for o in sorted(outcomes, key=lambda o: (o.case.file, o.case.category)):
        if o.status == "pass":
            continue
        c = o.case
        want = "; ".join(f"{e.text!r}={e.value if e.value is not None or e.low is e.high is None else (e.low, e.high)}"
                         f"{' ' + e.unit if e.unit else ''} <{e.category}> {s}"
                         for e, s in zip(c.expected, o.results)) or "(nothing)"
        got = "; ".join(_fmt_mention(m) for m in o.mentions) or "(nothing)"
        lines.append(f"{c.file}\t{c.category}\t{o.status}\t{c.input!r}\n    want: {want}\n    got:  {got}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("spec_dir", type=Path, help="a folder with Recognizers-Text spec files (searched recursively)")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose finder is scored (default: this one)")
    ap.add_argument("--misses", type=Path, help="write every failing case with our mentions here (dev only)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    args = ap.parse_args(argv)
    if args.misses and args.split != "dev":
        ap.error(REFUSE_MISSES)
    sys.path.insert(0, str(args.tree.resolve()))
    from ledger.numbers import find_mentions
    from ledger.units import CURRENCIES

    cases = [c for c in load_cases(args.spec_dir, CURRENCIES) if args.split in ("all", c.half)]
    if not cases:
        ap.error(f"no spec cases under {args.spec_dir}")
    outcomes = run(cases, find_mentions)
    fig = figures(outcomes)
    fig["split"], fig["tree"] = args.split, str(args.tree)
    if args.misses:
        args.misses.write_text(misses_text(outcomes), encoding="utf-8")
    if args.json:
        print(json.dumps(fig, ensure_ascii=False, indent=1))
    else:
        print(report(fig, f"third-party suite {args.spec_dir} ({len({c.file for c in cases})} files), "
                          f"split {args.split}: {len(cases)} cases; finder of {args.tree}"))
    return fig


if __name__ == "__main__":
    main()

"""The claim record: the columns of ``claims.csv``, their order and vocabularies.

This is the one definition every stage shares.  The pandera model in
:mod:`ledger.schema` is built from it; the store writes columns in
:data:`COLUMNS` order; the metric vocabulary is data (``lexicon/metrics.toml``).
"""
from __future__ import annotations

import hashlib
import math
import re
import tomllib
from functools import lru_cache
from importlib import resources

#: Column order of claims.csv.  ``(name, kind, description)``; kind is one of
#: str, int, float, enum.  The column table of docs/ledger.md is generated from this.
COLUMN_SPECS: tuple[tuple[str, str, str], ...] = (
    ("claim_id", "str", "stable id: 'c-' + 12 hex of sha1(source, start, end, surface); never a row number"),
    ("source", "str", "article id, a row of seeds/sources.csv"),
    ("start", "int", "character offset of the number's first character in the article file "
                     "(0-based, Python str index)"),
    ("end", "int", "offset one past its last character; article[start:end] == surface"),
    ("surface", "str", "the number exactly as written"),
    ("quote", "str", "the sentence or clause it stands in, exactly as written (contains surface)"),
    ("kind", "enum", "money, percent, percentage_point, multiple, count, duration, date"),
    ("subject", "str", "canonical entity the claim is about (who holds / pays / reports)"),
    ("object", "str", "canonical counterpart entity (whom it is paid to, in, for); empty if none"),
    ("metric", "enum", "what is measured, from lexicon/metrics.toml"),
    ("period", "str", "when the value holds: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn, or an interval A/B; "
                        "for kind=date the date claimed; empty if the text does not say"),
    ("modality", "enum", "actual, proposed, target, forecast, estimate, non_binding, reported"),
    ("value", "float", "the value in canonical units (money in currency units, percent as a fraction, "
                         "multiple as factor); empty for kind=date"),
    ("value_low", "float", "lower bound of what the text allows; empty = open (e.g. 'over')"),
    ("value_high", "float", "upper bound; empty = open"),
    ("unit", "enum", "a unit of ledger.units: USD, CNY, ratio, times, count, year, date, ..."),
    ("qualifier", "enum", "exact, about, over, at_least, up_to, under, several, range, approx_range; "
                          "how the text hedges"),
    ("status", "enum", "unreviewed, confirmed, corrected, disputed, rejected"),
    ("reviewer", "str", "who reviewed the row"),
    ("note", "str", "reviewer's note"),
    ("origin", "enum", "extracted (by factcheck extract) or manual (typed by a reviewer)"),
    ("confidence", "float", "framing confidence 0..1, the lowest of the per-field confidences"),
    ("confidence_detail", "str", "per-field framing confidence, "
                                 "'subject=0.9;object=0.6;metric=0.8;period=0.7;modality=0.9'"),
)

COLUMNS: tuple[str, ...] = tuple(name for name, _, _ in COLUMN_SPECS)
INT_COLUMNS = ("start", "end")
FLOAT_COLUMNS = ("value", "value_low", "value_high", "confidence")

KINDS = ("money", "percent", "percentage_point", "multiple", "count", "duration", "date")
MODALITIES = ("actual", "proposed", "target", "forecast", "estimate", "non_binding", "reported")
STATUSES = ("unreviewed", "confirmed", "corrected", "disputed", "rejected")
ORIGINS = ("extracted", "manual")
QUALIFIERS = (
    "exact", "about", "over", "at_least", "up_to", "under", "several", "range", "approx_range",
)
FRAMED_FIELDS = ("subject", "object", "metric", "period", "modality")

@lru_cache(maxsize=1)
def metrics() -> dict[str, dict]:
    """The metric vocabulary from ``lexicon/metrics.toml``: name -> table."""
    text = resources.files("ledger").joinpath("lexicon/metrics.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


#: The default [min, max] of a metric's value by its dimension (a ratio is a
#: share or stake unless the metric says otherwise: a growth rate is unbounded).
DIMENSION_RANGES: dict[str, tuple[float, float]] = {
    "money": (0.0, math.inf), "ratio": (0.0, 1.0), "times": (0.0, math.inf),
    "count": (0.0, math.inf), "duration": (0.0, math.inf),
}


def dimension(metric: str) -> str | None:
    """The unit family of a metric (money, ratio, times, ...), None if unknown."""
    spec = metrics().get(metric)
    return spec["dimension"] if spec else None


def value_range(metric: str) -> tuple[float, float] | None:
    """The allowed [min, max] of a metric's value (None for dates / unknown metrics)."""
    spec = metrics().get(metric)
    if not spec or spec["dimension"] not in DIMENSION_RANGES:
        return None
    lo, hi = DIMENSION_RANGES[spec["dimension"]]
    return float(spec.get("min", lo)), float(spec.get("max", hi))


@lru_cache(maxsize=1)
def bases() -> dict[str, str]:
    """Derived metric -> the metric it changes ('revenue_growth' -> 'revenue'):
    the ``growth``, ``growth_qoq`` and ``change`` keys of metrics.toml."""
    return {spec[k]: name for name, spec in metrics().items() for k in ("growth", "growth_qoq", "change") if k in spec}


@lru_cache(maxsize=1)
def families() -> dict[str, dict]:
    """The relations of ``lexicon/roles.toml``: family -> subject, object, object_kind."""
    text = resources.files("ledger").joinpath("lexicon/roles.toml").read_text(encoding="utf-8")
    return dict(tomllib.loads(text).get("family", {}))


def object_kind(metric: str) -> str:
    """What an empty object means for a metric: 'counterpart' (unknown: it
    matches any), 'part' (the whole subject) or 'none' (roles.toml)."""
    family = metrics().get(metric, {}).get("family", "other")
    return str(families().get(family, {}).get("object_kind", "counterpart"))


def owned(metric: str) -> bool:
    """Does the figure belong to its subject (roles.toml ``owned``): 'the
    valuation of X' makes X the subject?"""
    family = metrics().get(metric, {}).get("family", "other")
    return bool(families().get(family, {}).get("owned", False))


def subject_after(metric: str) -> tuple[str, ...]:
    """Words after which a party is the figure's subject (roles.toml
    ``subject_after``: 'invest in X' makes X the one raising a round)."""
    family = metrics().get(metric, {}).get("family", "other")
    return tuple(families().get(family, {}).get("subject_after", ()))


def investors_after(metric: str) -> tuple[str, ...]:
    """Words after which the parties of a clause are investors, not the figure's
    subject (roles.toml ``investors_after``)."""
    family = metrics().get(metric, {}).get("family", "other")
    return tuple(families().get(family, {}).get("investors_after", ()))


def moves(metric: str) -> bool:
    """Does the figure move all day (roles.toml ``moves = true``: a share price,
    a market value): two differing figures of one day may be two moments?"""
    family = metrics().get(metric, {}).get("family", "other")
    return bool(families().get(family, {}).get("moves", False))


def exact_spans(metric: str) -> bool:
    """Does the metric accumulate over its period (roles.toml ``spans = "exact"``):
    two figures are of the same fact only over the same period?"""
    family = metrics().get(metric, {}).get("family", "other")
    return families().get(family, {}).get("spans") == "exact"


def span_ratio(metric: str, default: float) -> float:
    """How far apart two amounts of the metric with one period unstated may be
    and still be a shorter span's and a longer one's (metrics.toml ``span_ratio``,
    else ``default``, rules.toml ``[compare] span_ratio``): revenue is reported
    monthly too, and a month's is up to 12x below the year to date."""
    return float(metrics().get(metric, {}).get("span_ratio", default))


def meeting_classes(metric: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Which other metrics' claims a claim of ``metric`` meets across metrics,
    only to agree: the classes it looks for (metrics.toml ``stands_for`` of a
    last-resort metric, and its ``quantity``) and the classes it is found by
    (``family:F``, ``dimension:D`` and its ``quantity``)."""
    spec = metrics().get(metric, {})
    quantity = (f"quantity:{spec['quantity']}",) if spec.get("quantity") else ()
    seeks = tuple(str(c) for c in spec.get("stands_for", ())) + quantity
    offers = (f"family:{spec.get('family', 'other')}", f"dimension:{spec.get('dimension', '')}", *quantity)
    return seeks, offers


@lru_cache(maxsize=1024)
def metric_family(metric: str) -> str:
    """metrics.toml ``family`` of a metric ('other' when it has none or is unknown)."""
    return str(metrics().get(metric, {}).get("family", "other"))


@lru_cache(maxsize=4)
def last_resort_metrics(family: str | None = None) -> tuple[str, ...]:
    """The metrics framing gives when no cue says what a number measures
    (metrics.toml ``review = true``), of one family if given ('other': not
    even a change): a reviewer classifies them."""
    return tuple(name for name, spec in metrics().items()
                 if spec.get("review") and (family is None or spec.get("family") == family))


#: The bases a figure may be stated on (metrics.toml keys naming the metric of the
#: figure on that basis): 0 is the reported (plain) figure.
BASES = ("adjusted", "attributable", "diluted", "basic")


@lru_cache(maxsize=1)
def _reported_of() -> dict[str, tuple[str, int]]:
    """basis metric -> (the reported one, basis code 1.. of :data:`BASES`)
    (metrics.toml ``adjusted``, ``attributable``), their growth and change
    metrics too (adjusted_net_profit_growth -> (net_profit_growth, 1))."""
    out: dict[str, tuple[str, int]] = {}
    specs = metrics()
    for name, spec in specs.items():
        for code, key in enumerate(BASES, 1):
            other = spec.get(key)
            if not other:
                continue
            out[other] = (name, code)
            for k in ("growth", "growth_qoq", "change"):
                if k in spec and k in specs.get(other, {}):
                    out[specs[other][k]] = (spec[k], code)
    return out


def basis_code(metric: str) -> tuple[str, int]:
    """The metric with its basis left out, and the basis (0 reported, then
    :data:`BASES` from 1): ('adjusted_net_profit' -> ('net_profit', 1)),
    ('attributable_net_profit' -> ('net_profit', 2)).  An article often states
    an adjusted or attributable figure without saying so; the cross-check pairs
    two bases of a figure to find such confirmations, never to oppose them."""
    return _reported_of().get(metric, (metric, 0))


def basis_free(metric: str) -> tuple[str, bool]:
    """:func:`basis_code` with whether the figure is on a basis other than the
    reported one."""
    reported, code = basis_code(metric)
    return reported, code != 0


#: one item of a ``confidence_detail``: a field and its confidence
_DETAIL_ITEM = re.compile(r"([a-z_]+)=([0-9]*\.?[0-9]+)")


def parse_confidence_detail(text: str) -> dict[str, float]:
    """``'subject=0.9;metric=0.8'`` -> {'subject': 0.9, 'metric': 0.8}; ValueError if malformed."""
    out = {}
    for item in text.split(";"):
        m = _DETAIL_ITEM.fullmatch(item)
        if not m or not 0 <= float(m.group(2)) <= 1 or m.group(1) in out:
            raise ValueError(f"bad item {item!r}")
        out[m.group(1)] = float(m.group(2))
    return out


def claim_id(source: str, start: int, end: int, surface: str) -> str:
    """Stable id of a claim: depends only on where it is and what it says."""
    digest = hashlib.sha1(f"{source}\x1f{start}\x1f{end}\x1f{surface}".encode()).hexdigest()
    return "c-" + digest[:12]


def claim_ids(sources: list[str], starts: list[int], ends: list[int], surfaces: list[str]) -> list[str]:
    """:func:`claim_id` of each row (one comprehension: a million ids in about a second)."""
    sha1 = hashlib.sha1
    return ["c-" + sha1(f"{s}\x1f{a}\x1f{b}\x1f{t}".encode()).hexdigest()[:12]
            for s, a, b, t in zip(sources, starts, ends, surfaces)]

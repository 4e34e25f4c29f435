"""The cross-check's pair stage as one relational plan: blocking, the capped
window of big groups, the counterpart-unknown ("wild") pairs and the verdict
rules, written once as SQL text that DuckDB and Spark SQL both run.

The plan reads one table, ``claims_in`` (:func:`engine_input` makes it from a
prepared ledger; the out-of-core path makes the same columns chunk by chunk):

========================  =============================================================
column                    meaning (from :func:`ledger.crosscheck.pairs.prepare`)
========================  =============================================================
``rid``                   the claim's row in the prepared ledger (BIGINT)
``subject_k``, ``object_k``  the entity key of subject / object (equal keys = one entity)
``metric_k``, ``unit_k``  metric without its basis (adjusted_net_profit -> net_profit) and unit (codes or text)
``modality_k``, ``source_k``  modality and source (idem)
``lo``, ``hi``            the value interval (dates: the day interval), +-inf when open
``p0``, ``p1``            the validity period in day ordinals (NULL or NaN: unknown)
``pk``                    the period is known
``factual``               the modality states a fact (rules.toml ``[compare] factual``)
``measured``              the modality measures a fact (``[compare] measured``): agreeing, it confirms one
``flow``                  the metric accumulates over its period (roles.toml spans = exact)
``wild``                  the counterpart is unknown and matches any (object_kind = counterpart)
``has_object``            the claim names a counterpart
``adjusted``              the metric's basis (0 reported, 1 adjusted, 2 attributable): two bases meet only to agree
``whole``                 a company's whole figure (object_kind = part, none named): it meets
                          the figures of its parts (the wild join) only to agree
``vague``                 an unreviewed last-resort metric ('growth' of an unnamed figure): it
                          meets others only to agree
``span``                  how far apart two amounts of a flow with one period unstated may be
                          (metrics.toml ``span_ratio``, else rules.toml ``[compare] span_ratio``)
========================  =============================================================

It returns one row per compared pair: ``a``, ``b`` (rids), ``code`` (the verdict,
an index into :data:`~ledger.crosscheck.scoring.PAIR_KINDS`, or -1 when the two
sides are in different units and were not compared) and ``wild`` (a pair made
by the counterpart-unknown join).  ``GROUPS_SQL`` lists the capped groups.

Mirror of the pandas code, line by line (keep them in step):

* ``c`` and ``shared``: ``pairs._pair_order`` (the key, the rows of keys with more than one
  claim, sorted by period start, low bound, row: ``pk DESC, p0, lo, rid``) and
  ``pairs.pair_indices`` (``pos``: the place in the run; ``gsize``: the run's
  length; runs longer than ``max_group`` pair a row with its ``window`` next);
* ``regular``: ``pairs.pair_verdicts`` (the same-unit filter, then the verdict,
  then ``keep``);
* ``x`` and ``wild``: ``pairs._wild_verdicts`` (the claims naming a counterpart,
  the first ``max_group`` of each subject and metric in row order);
* the ``CASE`` of :data:`VERDICT`: ``pairs._verdict_codes``.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ledger import intervals

#: Columns of ``claims_in`` (see the module docstring).
INPUT_COLUMNS = ("rid", "subject_k", "object_k", "metric_k", "unit_k", "modality_k", "source_k",
                 "lo", "hi", "p0", "p1", "pk", "factual", "measured", "flow", "wild", "has_object", "adjusted", "whole",
                 "vague", "span")

#: The verdict of the pair (a, b): pairs._verdict_codes as one CASE.
VERDICT = """CASE
    WHEN (((a.factual OR a.measured) AND (b.factual OR b.measured) AND (a.factual OR b.factual))
          OR (NOT a.factual AND NOT b.factual AND a.modality_k = b.modality_k))
         AND a.lo <= b.hi AND b.lo <= a.hi THEN 0
    WHEN NOT (a.factual AND b.factual) THEN 1
    WHEN a.pk AND b.pk AND (a.p1 < b.p0 OR b.p1 < a.p0
                            OR (a.flow AND b.flow AND (a.p0 <> b.p0 OR a.p1 <> b.p1))) THEN 2
    WHEN a.flow AND b.flow AND NOT (a.pk AND b.pk)
         AND NOT (a.lo > 0 AND b.lo > 0 AND (GREATEST(a.lo, b.lo) > GREATEST(a.span, b.span) * LEAST(a.hi, b.hi)
                                             OR {slip})) THEN 2
    ELSE 3 END"""

#: pairs._digit_slip: the smaller interval times 10^k (k the nearest power of ten of the
#: ratio, at least 1) overlaps the larger one.  ``{big_hi}``/``{small_hi}``: the high bound
#: of the side with the larger / smaller low bound.
_BIG_HI = "(CASE WHEN a.lo >= b.lo THEN a.hi ELSE b.hi END)"
_SMALL_HI = "(CASE WHEN a.lo >= b.lo THEN b.hi ELSE a.hi END)"
_K = f"ROUND(LOG10(GREATEST(a.lo, b.lo) / {_SMALL_HI}))"
SLIP = (f"({_K} >= 1 AND LEAST(a.lo, b.lo) * POWER(10.0, {_K}) <= {_BIG_HI}"
        f" AND GREATEST(a.lo, b.lo) <= {_SMALL_HI} * POWER(10.0, {_K}))")
VERDICT = VERDICT.replace("{slip}", SLIP)

#: The plan as named steps, each a SELECT over ``claims_in`` and the steps
#: before it.  DuckDB and Spark run them as one query (a WITH chain:
#: :func:`pairs_sql`); the out-of-core path materialises each step as a
#: table on disk (:func:`pairs_steps`), so no one operator holds it all.
_STEPS = (
    ("c", """
  SELECT *,
         count(*) OVER (PARTITION BY subject_k, object_k, metric_k) AS gsize,
         row_number() OVER (PARTITION BY subject_k, object_k, metric_k
                            ORDER BY pk DESC, p0, lo, rid) AS pos
  FROM claims_in"""),
    ("shared", """
  SELECT * FROM c WHERE gsize > 1"""),
    ("regular", """
  SELECT a.rid AS a, b.rid AS b, false AS wild, a.unit_k = b.unit_k AS same_unit,
         a.source_k <> b.source_k AS cross_source,
         a.adjusted <> b.adjusted OR a.vague OR b.vague AS only_agreeing, {verdict} AS code
  FROM shared a JOIN shared b
    ON a.subject_k = b.subject_k AND a.object_k = b.object_k AND a.metric_k = b.metric_k
   AND a.pos < b.pos AND (a.gsize <= {max_group} OR b.pos <= a.pos + {window})"""),
    ("x", """
  SELECT *, row_number() OVER (PARTITION BY subject_k, metric_k ORDER BY rid) AS xn
  FROM claims_in WHERE NOT wild AND has_object"""),
    ("wild", """
  SELECT a.rid AS a, b.rid AS b, true AS wild, a.unit_k = b.unit_k AS same_unit,
         a.source_k <> b.source_k AS cross_source,
         a.adjusted <> b.adjusted OR a.whole OR a.vague OR b.vague AS only_agreeing,
         {verdict} AS code
  FROM claims_in a JOIN x b
    ON a.subject_k = b.subject_k AND a.metric_k = b.metric_k AND b.xn <= {max_group}
  WHERE a.wild OR a.whole"""),
)
_FINAL = """
SELECT a, b, CASE WHEN same_unit THEN code ELSE -1 END AS code, wild
FROM (SELECT * FROM regular UNION ALL SELECT * FROM wild) every
WHERE (NOT same_unit OR code <> 0 OR cross_source OR {same_source})
  AND (NOT only_agreeing OR (same_unit AND code = 0))
"""

#: The capped groups: the first row (in the run's order) and the size of each
#: key holding more than ``max_group`` claims (pairs._big_group_note's input).
_GROUPS_SQL = """
SELECT rid, gsize FROM (
  SELECT rid,
         count(*) OVER (PARTITION BY subject_k, object_k, metric_k) AS gsize,
         row_number() OVER (PARTITION BY subject_k, object_k, metric_k
                            ORDER BY pk DESC, p0, lo, rid) AS pos
  FROM claims_in
) g WHERE gsize > {max_group} AND pos = 1
"""


def pairs_steps(compare: dict[str, Any], table: str = "claims_in") -> tuple[list[tuple[str, str]], str]:
    """The plan's named steps and its final SELECT over them, for
    ``[compare]`` settings of rules.toml, reading ``table``."""
    values = {"verdict": VERDICT,
              "max_group": int(compare["max_group"]), "window": int(compare["window"]),
              "same_source": "true" if compare["same_source_consistent"] else "false"}
    steps = [(name, sql.format(**values).replace("claims_in", table)) for name, sql in _STEPS]
    return steps, _FINAL.format(**values)


def pairs_sql(compare: dict[str, Any], table: str = "claims_in") -> str:
    """The pair plan as one query (a WITH chain of :func:`pairs_steps`)."""
    steps, final = pairs_steps(compare, table)
    return "WITH " + ",\n".join(f"{name} AS ({sql}\n)" for name, sql in steps) + final


def groups_sql(compare: dict[str, Any], table: str = "claims_in") -> str:
    """The capped groups' plan (first row, size)."""
    return _GROUPS_SQL.format(max_group=int(compare["max_group"])).replace("claims_in", table)


def engine_input(prepared: pd.DataFrame) -> pd.DataFrame:
    """``claims_in`` of a prepared ledger (:func:`~ledger.crosscheck.pairs.prepare`):
    integer codes for the text the plan compares, floats with NaN for an
    unknown period, booleans."""
    p0 = prepared["p0"].to_numpy(dtype=float)
    return pd.DataFrame({
        "rid": prepared["row"].to_numpy(np.int64),
        "subject_k": prepared["subject_c"].to_numpy(np.int64), "object_k": prepared["object_c"].to_numpy(np.int64),
        "metric_k": prepared["block_c"].to_numpy(np.int64), "unit_k": prepared["unit_c"].to_numpy(np.int64),
        "modality_k": prepared["modality_c"].to_numpy(np.int64), "source_k": prepared["source_c"].to_numpy(np.int64),
        "lo": prepared["lo"].to_numpy(dtype=float), "hi": prepared["hi"].to_numpy(dtype=float),
        "p0": p0, "p1": prepared["p1"].to_numpy(dtype=float), "pk": ~np.isnan(p0),
        "factual": prepared["factual"].to_numpy(dtype=bool), "measured": prepared["measured"].to_numpy(dtype=bool),
        "flow": prepared["flow"].to_numpy(dtype=bool),
        "wild": prepared["wild"].to_numpy(dtype=bool),
        "has_object": ~intervals.text_is(prepared["object"], [""]),
        "adjusted": prepared["adjusted"].to_numpy(dtype=np.int8), "whole": prepared["whole"].to_numpy(dtype=bool),
        "vague": prepared["vague"].to_numpy(dtype=bool), "span": prepared["span"].to_numpy(dtype=float),
    }, columns=list(INPUT_COLUMNS))

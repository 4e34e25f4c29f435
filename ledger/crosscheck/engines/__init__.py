"""Engines of the cross-check's pair stage: ``pandas`` (the default, numpy over
the sorted ledger: :func:`ledger.crosscheck.pairs.pair_verdicts`), ``duckdb``
(in-process SQL, out of core) and ``spark`` (Spark SQL, a local Spark or a
cluster).  DuckDB and Spark run one SQL text
(:mod:`~ledger.crosscheck.engines.plan`); every engine returns the same
pair table, turned into pair verdicts by one piece of shared code
(:mod:`~ledger.crosscheck.engines.seam`), so the findings built from them
are the same, value for value and in the same order (docs/engines.md).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ledger.crosscheck.engines.options import ENGINES, EngineOptions
from ledger.crosscheck.engines.seam import PairTable, finish
from ledger.crosscheck.pairs import Conversions, compare_pairs
from ledger.crosscheck.rates import Money
from ledger.errors import Problem

__all__ = ["ENGINES", "EngineOptions", "PairTable", "engine_pair_verdicts", "pair_table"]


def pair_table(prepared: pd.DataFrame, settings: dict[str, Any], options: EngineOptions) -> PairTable:
    """The pair table of a prepared ledger on a SQL engine (duckdb, spark)."""
    if not len(prepared):
        return PairTable.empty()
    if options.engine == "duckdb":
        from ledger.crosscheck.engines import duckdb

        return duckdb.pair_table(prepared, settings, options)
    if options.engine == "spark":
        from ledger.crosscheck.engines import spark

        return spark.pair_table(prepared, settings, options)
    raise ValueError(f"{options.engine!r} has no pair table; the pandas engine is pair_verdicts")


def engine_pair_verdicts(prepared: pd.DataFrame, settings: dict[str, Any], options: EngineOptions | None = None,
                         money: Money | None = None
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Problem], Conversions]:
    """:func:`~ledger.crosscheck.pairs.compare_pairs` on the engine of ``options``
    (pandas when None): the same ``(i, j, code, notes, conversions)`` whichever
    engine.  Pairs across units (currencies at a dated rate) are judged by the
    shared Python code after the engine's pair table, on every engine."""
    if options is None or options.engine == "pandas":
        return compare_pairs(prepared, settings, money)
    return finish(prepared, pair_table(prepared, settings, options), settings, money)

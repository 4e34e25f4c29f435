"""The pair plan on DuckDB: in-process, multi-threaded, out of core (a memory
limit, and a temp folder it spills to past it).

Needs the ``duckdb`` extra (``pip install 'factcheck-ledger[duckdb]'``).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from ledger.crosscheck.engines.options import EngineOptions
from ledger.crosscheck.engines.plan import engine_input, groups_sql, pairs_sql
from ledger.crosscheck.engines.seam import PairTable
from ledger.errors import InputUnreadable


def connect(options: EngineOptions, database: str = ":memory:") -> Any:
    """A DuckDB connection with the memory limit and spill folder of ``options``."""
    try:
        import duckdb
    except ImportError as err:
        raise missing("duckdb", "duckdb") from err
    config: dict[str, Any] = {"memory_limit": options.duckdb_memory, "temp_directory": options.temp_folder(),
                              "preserve_insertion_order": False}
    if options.threads:
        config["threads"] = options.threads
    return duckdb.connect(database, config=config)


def missing(module: str, extra: str) -> InputUnreadable:
    return InputUnreadable(f"the {extra} engine needs the Python package {module!r}", code="engine-missing",
                           hint=f"pip install 'factcheck-ledger[{extra}]'")


def pair_table(prepared: pd.DataFrame, settings: dict[str, Any], options: EngineOptions) -> PairTable:
    """The pair table of a prepared ledger, computed by DuckDB."""
    compare = settings["compare"]
    con = connect(options)
    try:
        con.register("claims_in", engine_input(prepared))
        pairs = con.execute(pairs_sql(compare)).df()
        groups = con.execute(groups_sql(compare)).df()
    finally:
        con.close()
    return PairTable.from_frames(pairs, groups)

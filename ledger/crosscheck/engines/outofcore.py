"""The pair stage for ledgers larger than memory: a Parquet ledger streamed in
batches through the shared :func:`~ledger.crosscheck.pairs.prepare`, the
plan's input written as Parquet (``claims_in``), then the plan run by DuckDB
(out of core: a memory limit, spilling to its temp folder) or by Spark
(local or a cluster), its pair table written as Parquet.

The pair table (one row per reported pair, and per pair of different units
with ``code`` -1): ``a``, ``b`` (rows of the prepared ledger, as
:func:`~ledger.crosscheck.pairs.prepare` of the whole ledger numbers them),
``code`` (index into ``PAIR_KINDS``), ``wild``, ``claim_a``, ``claim_b``,
``value_a``, ``value_b`` (the stated figures), ``conf`` (the product of both
sides' confidences): what the findings' gap and severity are computed from.

The ledger is not validated here (``factcheck validate`` reads it whole);
text keys replace the in-memory integer codes (entity keys for subject and
object, the text of metric, unit, modality and source), which the plan only
compares for equality.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ledger.claims.columnar import parquet_files
from ledger.crosscheck.engines.options import EngineOptions
from ledger.crosscheck.engines.plan import INPUT_COLUMNS, groups_sql, pairs_sql, pairs_steps
from ledger.crosscheck.entities import keys as entity_keys
from ledger.crosscheck.pairs import NEEDED, prepare
from ledger.errors import InputUnreadable
from ledger.record import basis_free

#: Claims per batch through prepare (bounds the Python side's memory).
BATCH_ROWS = 1_000_000

#: The pair table's query over the plan (claim ids and figures of both sides).
_TABLE_SQL = """
SELECT p.a, p.b, p.code, p.wild, ca.claim_id AS claim_a, cb.claim_id AS claim_b,
       ca.point AS value_a, cb.point AS value_b, ca.conf * cb.conf AS conf
FROM ({plan}) p JOIN claims_in ca ON ca.rid = p.a JOIN claims_in cb ON cb.rid = p.b
"""


@dataclass
class Prepared:
    """The plan's input written as Parquet: its folder, the claims read and kept."""

    folder: Path
    claims: int
    kept: int


def keyed_input(prepared: pd.DataFrame, offset: int) -> pd.DataFrame:
    """``claims_in`` rows of a prepared batch with text keys and rows
    numbered from ``offset``, plus the pair table's claim id, figure and confidence."""
    subjects, objects = (prepared[c].to_numpy(dtype=object) for c in ("subject", "object"))
    uniq, back = np.unique(np.concatenate([subjects, objects]).astype(str), return_inverse=True)
    ents = entity_keys(uniq, link=False)[back]  # chunk by chunk: no link across scripts (docs/crosscheck.md)
    p0 = prepared["p0"].to_numpy(dtype=float)
    return pd.DataFrame({
        "rid": prepared["row"].to_numpy(np.int64) + offset,
        "subject_k": ents[: len(subjects)], "object_k": ents[len(subjects):],
        # the metric key leaves the basis out, as the in-memory codes do (pairs.prepare: block_c)
        "metric_k": np.array([basis_free(str(m))[0] for m in prepared["metric"].to_numpy(dtype=object)], dtype=object),
        **{f"{c}_k": prepared[c].to_numpy(dtype=object).astype(str) for c in ("unit", "modality", "source")},
        "lo": prepared["lo"].to_numpy(dtype=float), "hi": prepared["hi"].to_numpy(dtype=float),
        "p0": p0, "p1": prepared["p1"].to_numpy(dtype=float), "pk": ~np.isnan(p0),
        "factual": prepared["factual"].to_numpy(dtype=bool), "measured": prepared["measured"].to_numpy(dtype=bool),
        "flow": prepared["flow"].to_numpy(dtype=bool),
        "wild": prepared["wild"].to_numpy(dtype=bool),
        "has_object": prepared["object"].to_numpy(dtype=object).astype(str) != "",
        "adjusted": prepared["adjusted"].to_numpy(dtype=np.int8), "whole": prepared["whole"].to_numpy(dtype=bool),
        "vague": prepared["vague"].to_numpy(dtype=bool), "span": prepared["span"].to_numpy(dtype=float),
        "claim_id": prepared["claim_id"].to_numpy(dtype=object).astype(str),
        "point": prepared["point"].to_numpy(dtype=float), "conf": prepared["conf"].to_numpy(dtype=float),
    }, columns=[*INPUT_COLUMNS, "claim_id", "point", "conf"])


def batches(ledger: str | Path, rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
    """The claims of a Parquet ledger (file or folder), ``rows`` at a time,
    in reading order (the columns the cross-check needs)."""
    try:
        import pyarrow.parquet as pq
    except ImportError as err:
        raise InputUnreadable("a Parquet ledger needs the Python package 'pyarrow'", code="engine-missing",
                              hint="pip install 'factcheck-ledger[parquet]'") from err
    for f in parquet_files(ledger):
        for batch in pq.ParquetFile(f).iter_batches(batch_size=rows, columns=list(NEEDED)):
            yield batch.to_pandas()


def prepare_files(ledger: str | Path, folder: str | Path, settings: dict[str, Any],
                  rows: int = BATCH_ROWS) -> Prepared:
    """Stream ``ledger`` through :func:`~ledger.crosscheck.pairs.prepare` into
    ``folder`` as the plan's input (one Parquet file per batch)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    seen = kept = 0
    for k, chunk in enumerate(batches(ledger, rows)):
        prepared = prepare(chunk, settings)
        table = pa.Table.from_pandas(keyed_input(prepared, kept), preserve_index=False)
        pq.write_table(table, out / f"part-{k:06d}.parquet")
        seen, kept = seen + len(chunk), kept + len(prepared)
    return Prepared(out, seen, kept)


def duckdb_pairs(inputs: str | Path, out: str | Path, settings: dict[str, Any],
                 options: EngineOptions) -> dict[str, Any]:
    """Run the plan on DuckDB over the input folder and write the pair table
    to ``out`` (one Parquet file); returns the count of each verdict code and
    the capped groups.  Each step of the plan is a table of a database file
    in DuckDB's temp folder (removed after), so DuckDB can spill any of them."""
    import tempfile

    from ledger.crosscheck.engines.duckdb import connect

    compare = settings["compare"]
    with tempfile.TemporaryDirectory(dir=options.temp_folder(), prefix="pairs-") as tmp:
        con = connect(options, database=str(Path(tmp) / "pairs.duckdb"))
        try:
            con.execute(f"CREATE TABLE claims_in AS SELECT * FROM read_parquet('{Path(inputs) / '*.parquet'}')")
            steps, final = pairs_steps(compare)
            for name, sql in steps:
                con.execute(f"CREATE TABLE {name} AS {sql}")
            con.execute("CREATE TABLE pairs AS " + final)
            for name, _ in steps:
                con.execute(f"DROP TABLE {name}")
            con.execute(f"COPY ({_TABLE_SQL.format(plan='SELECT * FROM pairs')}) TO '{out}' (FORMAT parquet)")
            counts = dict(con.execute("SELECT code, count(*) FROM pairs GROUP BY code").fetchall())
            groups = con.execute(f"SELECT count(*) FROM ({groups_sql(compare)}) g").fetchone()
        finally:
            con.close()
    return {"codes": {int(k): int(v) for k, v in counts.items()}, "big_groups": int(groups[0]) if groups else 0}


def spark_pairs(inputs: str | Path, out: str | Path, settings: dict[str, Any],
                options: EngineOptions) -> dict[str, Any]:
    """Run the plan on Spark over the input folder and write the pair table
    to the folder ``out`` (Parquet files, as Spark writes them)."""
    from ledger.crosscheck.engines.spark import quiet, session

    compare = settings["compare"]
    spark = session(options.spark_master)
    with quiet():
        spark.read.parquet(str(inputs)).createOrReplaceTempView("claims_in")
        spark.sql(_TABLE_SQL.format(plan=pairs_sql(compare))).write.mode("overwrite").parquet(str(out))
        counts = {int(r[0]): int(r[1]) for r in spark.read.parquet(str(out)).groupBy("code").count().collect()}
        groups = spark.sql(groups_sql(compare)).count()
    spark.catalog.dropTempView("claims_in")
    return {"codes": counts, "big_groups": int(groups)}

"""How an engine is run: which engine, DuckDB's memory limit and spill folder,
the Spark master.  Each setting has an environment variable, so a newsroom's
scheduler can set it once (``factcheck check --help`` names them)."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ledger.errors import InvalidValue

#: The engines ``check --engine`` accepts; pandas is the default.
ENGINES = ("pandas", "duckdb", "spark")
#: DuckDB's memory limit unless ``--duckdb-memory`` / FACTCHECK_DUCKDB_MEMORY says otherwise:
#: well below the 24 GB machines this runs on; past it DuckDB spills to its temp folder.
DEFAULT_DUCKDB_MEMORY = "4GB"
#: The Spark master unless ``--spark-master`` / SPARK_MASTER says otherwise: this machine, every core.
DEFAULT_SPARK_MASTER = "local[*]"


@dataclass(frozen=True)
class EngineOptions:
    """``engine``: one of :data:`ENGINES`.  ``duckdb_memory``: DuckDB's
    ``memory_limit`` (e.g. '4GB'); ``duckdb_temp``: the folder it spills to;
    ``threads``: DuckDB's threads (None: every core); ``spark_master``: a
    Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn``, ``k8s://...``)."""

    engine: str = "pandas"
    duckdb_memory: str = DEFAULT_DUCKDB_MEMORY
    duckdb_temp: str | None = None
    threads: int | None = None
    spark_master: str = DEFAULT_SPARK_MASTER

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise InvalidValue(f"unknown engine {self.engine!r}", field="engine", value=self.engine,
                               code="bad-engine", hint=f"use one of {', '.join(ENGINES)}")

    @classmethod
    def from_env(cls, engine: str = "pandas", *, duckdb_memory: str | None = None, duckdb_temp: str | None = None,
                 spark_master: str | None = None, threads: int | None = None) -> EngineOptions:
        """Options given, else FACTCHECK_DUCKDB_MEMORY, FACTCHECK_DUCKDB_TEMP,
        SPARK_MASTER, else the defaults."""
        env = os.environ
        return cls(engine=engine,
                   duckdb_memory=duckdb_memory or env.get("FACTCHECK_DUCKDB_MEMORY") or DEFAULT_DUCKDB_MEMORY,
                   duckdb_temp=duckdb_temp or env.get("FACTCHECK_DUCKDB_TEMP") or None,
                   spark_master=spark_master or env.get("SPARK_MASTER") or DEFAULT_SPARK_MASTER,
                   threads=threads)

    def temp_folder(self) -> str:
        """DuckDB's spill folder (made if absent): the given one, else
        ``factcheck-duckdb`` in the system's temp folder."""
        folder = Path(self.duckdb_temp) if self.duckdb_temp else Path(tempfile.gettempdir()) / "factcheck-duckdb"
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder)

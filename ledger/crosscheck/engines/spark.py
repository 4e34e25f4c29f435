"""The pair plan on Apache Spark (Spark SQL through ``pyspark``): the same
SQL text as DuckDB's, on a local Spark (``local[N]``) or a cluster's master
(``spark://host:7077``, ``yarn``, ``k8s://...``).

Needs the ``spark`` extra (``pip install 'factcheck-ledger[spark]'``) and a
Java runtime (17 or newer; Debian: ``apt-get install default-jre-headless``).
One Spark session per process, made on first use and kept.
"""
from __future__ import annotations

import os
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd

from ledger.crosscheck.engines.options import EngineOptions
from ledger.crosscheck.engines.plan import engine_input, groups_sql, pairs_sql
from ledger.crosscheck.engines.seam import PairTable
from ledger.errors import InputUnreadable


def java_home() -> str | None:
    """Where a Java runtime is: JAVA_HOME, else ``java`` on the PATH; None if none."""
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return home
    java = shutil.which("java")
    return os.path.dirname(os.path.dirname(os.path.realpath(java))) if java else None


def session(master: str) -> Any:
    """The process's Spark session (made on first use, with ``master``).  A
    session already running keeps its master."""
    try:
        with quiet():
            from pyspark.sql import SparkSession
    except ImportError as err:
        raise InputUnreadable("the spark engine needs the Python package 'pyspark'", code="engine-missing",
                              hint="pip install 'factcheck-ledger[spark]'") from err
    if java_home() is None:
        raise InputUnreadable("the spark engine needs a Java runtime (17 or newer); none was found",
                              code="engine-missing",
                              hint="install one (Debian: apt-get install default-jre-headless) or set JAVA_HOME")
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    cores = os.cpu_count() or 2
    builder = (SparkSession.builder.master(master).appName("factcheck")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.sql.shuffle.partitions",
                       os.environ.get("FACTCHECK_SPARK_PARTITIONS") or str(max(2, 2 * cores)))
               .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "4g")))
    with quiet():
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def pair_table(prepared: pd.DataFrame, settings: dict[str, Any], options: EngineOptions) -> PairTable:
    """The pair table of a prepared ledger, computed by Spark SQL."""
    compare = settings["compare"]
    spark = session(options.spark_master)
    with quiet():
        spark.createDataFrame(engine_input(prepared)).createOrReplaceTempView("claims_in")
        pairs = spark.sql(pairs_sql(compare)).toPandas()
        groups = spark.sql(groups_sql(compare)).toPandas()
    spark.catalog.dropTempView("claims_in")
    return PairTable.from_frames(pairs, groups)


@contextmanager
def quiet() -> Iterator[None]:
    """pyspark's warning that it does not yet 'fully support' pandas 3 (the
    conversions used here are plain numbers and booleans through Arrow) is
    not the user's concern."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support", category=FutureWarning)
        warnings.filterwarnings("ignore", module=r"pyspark\..*")  # pandas 4 deprecations inside pyspark
        yield

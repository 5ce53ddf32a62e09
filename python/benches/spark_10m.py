"""Rows per second of ``provisio.spark.evaluate`` on 10 million rows in local mode.

Run from the repository's root, with the extension built in release mode into
the virtual environment that runs this script::

    python python/benches/spark_10m.py [--rows N] [--data DIR] [--out DIR]

The first run writes the scenarios once to a Parquet folder (``--data``,
default ``/tmp/provisio-spark-10m.parquet``): an identifier, an evaluation
date, the 14th Session's dates (one row in eight without them) and a measure
(one in eight without), drawn from the identifier by Spark's ``hash`` so the
same N gives the same rows. Each run then reads them, evaluates the bundled
decision on ``local[2]`` and writes the result to a Parquet folder (``--out``);
the time measured is from the read to the end of the write, so it includes
reading, evaluating and writing, not Spark's start nor the data's generation.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time

POLICY = os.path.join("rules", "wto", "mc13-ecommerce.policy")


def generate(spark, rows: int, path: str) -> None:
    """Writes ``rows`` scenarios of the bundled decision to Parquet at ``path``."""
    spark.range(rows, numPartitions=16).selectExpr(
        "id",
        "date_add(date'2024-03-02', cast(pmod(hash(id, 1), 1400) as int)) as as_of",
        "date_add(date'2026-01-01', cast(pmod(hash(id, 3), 150) as int)) as opening",
        "pmod(hash(id, 2), 8) != 0 as has_mc14",
        "pmod(hash(id, 5), 8) != 0 as has_measure",
        "cast(pmod(hash(id, 4), 6) as int) as length",
        "element_at(array('customs_duty', 'internal_tax'),"
        " cast(pmod(hash(id, 6), 2) as int) + 1) as kind",
        "element_at(array('electronic_transmission', 'transmitted_content',"
        " 'physical_goods'), cast(pmod(hash(id, 7), 3) as int) + 1) as levied_on",
    ).selectExpr(
        "id",
        "as_of",
        "if(has_mc14, named_struct('opening', opening,"
        " 'closing', date_add(opening, length)), null) as mc14",
        "if(has_measure, named_struct('kind', kind, 'levied_on', levied_on), null) as measure",
    ).write.mode("overwrite").parquet(path)


def main() -> int:
    """Generates the data where missing, then times one evaluation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--data", default="/tmp/provisio-spark-10m.parquet")
    parser.add_argument("--out", default="/tmp/provisio-spark-10m-out.parquet")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also time the same read and write with batches passed through unevaluated",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=10_000,
        help="rows per Arrow batch (spark.sql.execution.arrow.maxRecordsPerBatch)",
    )
    arguments = parser.parse_args()

    # The workers run this interpreter, where the extension is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    import provisio.spark

    spark = (
        SparkSession.builder.master(f"local[{arguments.cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(arguments.cores))
        .config("spark.driver.memory", "2g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(arguments.batch))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    if not os.path.exists(arguments.data):
        started = time.perf_counter()
        generate(spark, arguments.rows, arguments.data)
        print(
            f"wrote {arguments.rows} rows to {arguments.data} "
            f"in {time.perf_counter() - started:.1f} s"
        )
    rows = spark.read.parquet(arguments.data).count()

    started = time.perf_counter()
    frame = spark.read.parquet(arguments.data)
    result = provisio.spark.evaluate(frame, POLICY, at="2026-01-01", keep=["id"])
    result.write.mode("overwrite").parquet(arguments.out)
    seconds = time.perf_counter() - started

    errors = spark.read.parquet(arguments.out).where("error is not null").count()
    print(
        f"{rows} rows in {seconds:.1f} s: {rows / seconds:,.0f} rows/s "
        f"on local[{arguments.cores}] ({errors} error rows), "
        f"read from Parquet, evaluated and written to Parquet"
    )

    if arguments.baseline:
        # Spark's own share: the same rows through mapInArrow untouched.
        started = time.perf_counter()
        frame = spark.read.parquet(arguments.data)
        frame.mapInArrow(lambda batches: batches, frame.schema).write.mode("overwrite").parquet(
            arguments.out
        )
        seconds = time.perf_counter() - started
        print(
            f"{rows} rows in {seconds:.1f} s: {rows / seconds:,.0f} rows/s "
            f"passed through mapInArrow unevaluated, read and written likewise"
        )
    spark.stop()
    shutil.rmtree(arguments.out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Policies evaluated over Spark DataFrames, on the executors.

``evaluate(df, policy_path)`` loads and checks the policy on the driver, then
evaluates every row of ``df`` with ``mapInArrow``: the policy's text (the file
and every file it uses or amends) travels with the function, so executors
need the ``provisio`` wheel but not the policy files. Each Python worker
process loads the policy once and keeps it for every batch it is given.

PySpark is an optional dependency: ``import provisio`` does not need it, and
this module imports it only when ``evaluate`` is called.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Optional, Union

from provisio import Policy

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import DataFrame

__all__ = ["evaluate"]

# Policies already loaded in this worker process, by the hash of their text.
_LOADED: "dict[str, Policy]" = {}


def evaluate(
    df: "DataFrame",
    policy_path: Union[str, "os.PathLike[str]"],
    at: Optional[Union[datetime.date, str]] = None,
    readings: Optional[Mapping[str, str]] = None,
    *,
    keep: Optional[Iterable[str]] = None,
    keep_all_unknown: bool = False,
) -> "DataFrame":
    """Evaluates the policy at ``policy_path`` on every row of ``df``.

    ``df``'s columns are fact paths (``mc14.opening``) or struct columns
    (``mc14`` with the fields ``opening`` and ``closing``), with an optional
    ``as_of`` and ``reading.NAME`` columns, as ``Policy.evaluate_batch``
    takes them. ``at`` is the date for the rows without an ``as_of`` of their
    own (default: today, on the driver), ``readings`` chooses an alternative
    of a reading (name → alternative) for the rows that do not choose one.

    A column that is no fact, nor ``as_of`` nor ``reading.NAME``, raises
    ``provisio.ArgumentError`` with the nearest fact's name, unless ``keep``
    names it or ``keep_all_unknown`` is true, as ``provisio batch --keep``
    does; kept columns are not read, only carried to the result.

    Returns a DataFrame with every column of ``df``, in its place (its
    ``as_of`` and ``reading.NAME`` columns as the rows were evaluated under;
    an error row keeps the input's where they have the result's type), then the
    columns ``Policy.evaluate_batch`` gives that ``df`` lacks: ``error``
    (null for a good row, why a row could not be evaluated otherwise),
    ``as_of``, ``reading.NAME`` for each reading, and per verdict its value
    ``NAME`` and its status ``NAME.status``, with the Spark types of the
    Arrow types ``evaluate_batch`` gives. Rows stay in their partitions, in
    their order.

    Raises ``provisio.PolicyError`` when the policy cannot be read or does
    not check, ``provisio.ReadingError`` for a reading or alternative it
    lacks, ``provisio.ArgumentError`` for a bad ``at``, an unknown column, a
    kept column the DataFrame lacks or whose name the result takes, all on
    the driver before any job starts.
    """
    import pyarrow as pa
    from pyspark.sql import DataFrame

    if not isinstance(df, DataFrame):
        raise TypeError(f"provisio.spark.evaluate takes a Spark DataFrame, not {type(df).__name__}")
    if isinstance(keep, str):
        raise TypeError("keep must be a list of column names, not a string")
    policy = Policy.load(os.fspath(policy_path))
    sources: dict[str, str] = dict(policy.sources)
    # The file itself comes first, then the files it uses or amends.
    main = next(iter(sources))
    if at is None:
        # Decided once, on the driver, so no row depends on an executor's clock.
        at = datetime.date.today()
    chosen = dict(readings) if readings is not None else None
    kept = None if keep is None else list(keep)

    large = _conf(df, "spark.sql.execution.arrow.useLargeVarTypes") == "true"
    zone = _conf(df, "spark.sql.session.timeZone") or "UTC"
    input_schema = _arrow_schema(df.schema, large, zone)

    # Empty batches check the columns, `at` and the readings here, on the
    # driver, with the messages of `Policy.evaluate_batch`, and give the
    # result's columns and types before any job starts.
    policy.evaluate_batch(
        input_schema.empty_table(),
        at=at,
        readings=chosen,
        keep=kept,
        keep_all_unknown=keep_all_unknown,
    )
    facts = set(policy.facts)
    evaluated = [
        name
        for name in input_schema.names
        if name not in (kept or ()) and (not keep_all_unknown or _is_fact(name, facts))
    ]
    evaluated_schema = pa.schema([input_schema.field(n) for n in evaluated])
    result_schema = policy.evaluate_batch(
        evaluated_schema.empty_table(), at=at, readings=chosen
    ).schema
    replaced = set(evaluated) & set(result_schema.names)

    from pyspark.sql.types import StructType

    fields = []
    for field in df.schema.fields:
        if field.name in replaced:
            fields.append(_spark_field(result_schema.field(field.name)))
        else:
            fields.append(field)
    fields.extend(_spark_field(f) for f in result_schema if f.name not in input_schema.names)
    output = StructType(fields)
    target = _arrow_schema(output, large, zone)

    key = _source_hash(main, sources)
    columns = list(input_schema.names)
    read = [columns.index(name) for name in evaluated]

    def evaluate_partition(
        batches: Iterator["pyarrow.RecordBatch"],
    ) -> Iterator["pyarrow.RecordBatch"]:
        loaded = _load(key, main, sources)
        for batch in batches:
            # Selected by position (the names are plain ones here), which
            # keeps the number of rows even when no column is read.
            facts = batch.select(read)
            if read:
                facts = pa.RecordBatch.from_arrays(facts.columns, names=evaluated)
            result = loaded.evaluate_batch(facts, at=at, readings=chosen)
            yield _assemble(batch, columns, result, target)

    # PySpark's mapInArrow cannot pass on a column whose name has a dot,
    # such as `mc14.opening`: the columns go by position under plain names.
    plain = df.toDF(*[f"_{i}" for i in range(len(columns))])
    return plain.mapInArrow(evaluate_partition, output)


def _is_fact(name: str, facts: set[str]) -> bool:
    """Whether the column ``name`` is read by the evaluation."""
    return name == "as_of" or name.startswith("reading.") or name.split(".", 1)[0] in facts


def _conf(df: "DataFrame", key: str) -> Optional[str]:
    """A setting of the DataFrame's session, or None."""
    try:
        return df.sparkSession.conf.get(key, None)
    except Exception:  # noqa: BLE001 - an older or remote session without it
        return None


def _arrow_schema(schema, large: bool, zone: str) -> "pyarrow.Schema":
    """The Arrow schema of the batches Spark exchanges for ``schema``."""
    from pyspark.sql.pandas.types import to_arrow_schema

    try:
        return to_arrow_schema(schema, timezone=zone, prefers_large_types=large)
    except TypeError:  # PySpark 3.5 takes neither argument
        return to_arrow_schema(schema)


def _spark_field(field: "pyarrow.Field"):
    """The Spark field of a result column: nullable, as any row may fail."""
    from pyspark.sql.pandas.types import from_arrow_type
    from pyspark.sql.types import StructField

    return StructField(field.name, from_arrow_type(field.type), nullable=True)


def _source_hash(main: str, sources: Mapping[str, str]) -> str:
    """The hash of the policy's files and which one is the policy."""
    text = json.dumps([main, sorted(sources.items())], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _mirror(root: str, path: str) -> str:
    """Where the file at the absolute ``path`` goes under ``root``.

    Either separator splits, whatever the executor's system, so a driver on
    Windows can serve executors on Linux (`C:\\p\\a.policy` goes to
    `ROOT/C/p/a.policy`); no part may climb out of ``root``.
    """
    parts = [part.rstrip(":") for part in re.split(r"[\\/]+", path)]
    return os.path.join(root, *[p for p in parts if p not in ("", ".", "..")])


def _load(key: str, main: str, sources: Mapping[str, str]) -> Policy:
    """The policy shipped as ``sources``, loaded once per worker process.

    Its files are written under a folder named by their hash, in the layout
    of their absolute paths, so the relative paths of ``use`` and ``amends``
    find them; each file is written whole and renamed into place, so workers
    writing the same files at once never read a partial one.
    """
    policy = _LOADED.get(key)
    if policy is not None:
        return policy
    root = os.path.join(tempfile.gettempdir(), "provisio-spark", key)
    for path, text in sources.items():
        target = _mirror(root, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        partial = f"{target}.{os.getpid()}.partial"
        with open(partial, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(partial, target)
    policy = Policy.load(_mirror(root, main))
    _LOADED[key] = policy
    return policy


def _assemble(
    batch: "pyarrow.RecordBatch",
    columns: list[str],
    result: "pyarrow.RecordBatch",
    target: "pyarrow.Schema",
) -> "pyarrow.RecordBatch":
    """The output batch: the input's columns, the result's over them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    failed = None
    arrays = []
    for field in target:
        if field.name in result.schema.names:
            array = result.column(field.name)
            if field.name in columns:
                # An `as_of` or `reading.NAME` of the input: an error row,
                # evaluated under nothing, keeps what it had.
                given = batch.column(columns.index(field.name))
                if given.type == array.type:
                    if failed is None:
                        failed = pc.is_valid(result.column("error"))
                    array = pc.if_else(failed, given, array)
        else:
            array = batch.column(columns.index(field.name))
        if array.type != field.type:
            array = array.cast(field.type)
        arrays.append(array)
    return pa.RecordBatch.from_arrays(arrays, schema=target)

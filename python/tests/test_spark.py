"""provisio.spark.evaluate on Spark in local mode, row for row against
Policy.evaluate_batch on the same rows.

Needs pyspark and Java: without either the Spark tests are skipped, saying
which is missing, unless PROVISIO_REQUIRE_SPARK=1 (as CI sets it), where a
missing one fails them.
"""

from __future__ import annotations

import datetime
import doctest
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pytest

import provisio
from conftest import DECISION, ROOT, VERDICTS

REQUIRED = os.environ.get("PROVISIO_REQUIRE_SPARK") == "1"

# PySpark warns about pandas 3 whenever it runs Python code; these tests use
# no pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")

RESULT_COLUMNS = [
    "error",
    "as_of",
    "reading.mc14_reference",
    "reading.expiry_boundary",
    "reading.scope",
] + [c for v in VERDICTS for c in (v, f"{v}.status")]


def _missing() -> str | None:
    """Why Spark cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -r python/requirements-test.txt)"
    home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (home and Path(home, "bin", "java").exists()):
        return "Java is missing (apt-get install default-jre-headless), which Spark needs"
    return None


@pytest.fixture(scope="module")
def spark():
    """A local Spark session on two cores, its workers on this interpreter."""
    reason = _missing()
    if reason is not None:
        if REQUIRED:
            pytest.fail(f"PROVISIO_REQUIRE_SPARK=1 but {reason}")
        pytest.skip(reason)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("provisio-test-spark")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        # Several batches per partition, so batches after the first are run.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "16")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _schema(spark_types):
    """The Spark schema of the scenarios: an id, `as_of` and the two records."""
    from pyspark.sql.types import (
        DateType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    return StructType(
        [
            StructField("id", LongType()),
            StructField("as_of", DateType()),
            StructField(
                "mc14",
                StructType(
                    [StructField("opening", DateType()), StructField("closing", DateType())]
                ),
            ),
            StructField(
                "measure",
                StructType(
                    [StructField("kind", StringType()), StructField("levied_on", StringType())]
                ),
            ),
        ]
        + spark_types
    )


def _scenarios(count: int, seed: int = 17) -> list[dict]:
    """`count` scenarios of the bundled decision; every tenth one a bad kind."""
    rng = random.Random(seed)
    adoption = datetime.date(2024, 3, 2)
    sessions = datetime.date(2026, 1, 1)
    rows = []
    for i in range(count):
        row = {"id": i, "as_of": adoption + datetime.timedelta(days=rng.randrange(1400))}
        if i % 13 == 5:
            row["as_of"] = None
        if rng.randrange(8):
            opening = sessions + datetime.timedelta(days=rng.randrange(150))
            row["mc14"] = {
                "opening": opening,
                "closing": opening + datetime.timedelta(days=rng.randrange(6)),
            }
        else:
            row["mc14"] = None
        if rng.randrange(8):
            row["measure"] = {
                "kind": "customs" if i % 10 == 3 else rng.choice(["customs_duty", "internal_tax"]),
                "levied_on": rng.choice(
                    ["electronic_transmission", "transmitted_content", "physical_goods"]
                ),
            }
        else:
            row["measure"] = None
        rows.append(row)
    return rows


def _frame(spark, rows, extra_types=(), partitions=3):
    """A DataFrame of `rows`, spread over `partitions` partitions."""
    return spark.createDataFrame(rows, _schema(list(extra_types))).repartition(partitions, "id")


def _by_id(table: pa.Table) -> list[dict]:
    """The rows of `table`, ordered by their id."""
    return sorted(table.to_pylist(), key=lambda row: row["id"])


def _local(rows, policy_path=DECISION, **options) -> list[dict]:
    """What Policy.evaluate_batch gives for `rows`, with their input columns."""
    table = pa.Table.from_pylist(rows)
    result = provisio.Policy.load(policy_path).evaluate_batch(table, keep=["id"], **options)
    out = []
    for given, evaluated in zip(rows, result.to_pylist()):
        row = dict(given)
        if evaluated["error"] is None or "as_of" not in given:
            row["as_of"] = evaluated["as_of"]
        row.update((k, v) for k, v in evaluated.items() if k not in ("id", "as_of"))
        for name in given:
            if name.startswith("reading.") and evaluated["error"] is not None:
                row[name] = given[name]
        out.append(row)
    return sorted(out, key=lambda row: row["id"])


def test_importing_provisio_does_not_import_pyspark():
    code = "import sys, provisio; print('pyspark' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "False\n"


def test_every_row_is_the_one_evaluate_batch_gives(spark):
    from provisio.spark import evaluate

    rows = _scenarios(200)
    result = evaluate(_frame(spark, rows), str(DECISION), at="2026-01-01", keep=["id"])
    got = _by_id(result.toArrow())
    assert len(got) == 200
    assert got == _local(rows, at="2026-01-01")
    # The cases the comparison covers: good, undetermined and error rows.
    statuses = {row["moratorium_in_force.status"] for row in got}
    assert statuses == {"determined", "undetermined", "error"}


def test_the_schema_is_the_input_then_the_result(spark):
    from provisio.spark import evaluate

    result = evaluate(_frame(spark, _scenarios(4)), DECISION, at="2026-01-01", keep=["id"])
    assert result.columns == ["id", "as_of", "mc14", "measure"] + [
        c for c in RESULT_COLUMNS if c != "as_of"
    ]
    assert [(f.name, f.dataType.simpleString()) for f in result.schema.fields[4:]] == [
        ("error", "string"),
        ("reading.mc14_reference", "string"),
        ("reading.expiry_boundary", "string"),
        ("reading.scope", "string"),
        ("moratorium_in_force", "boolean"),
        ("moratorium_in_force.status", "string"),
        ("work_programme_active", "boolean"),
        ("work_programme_active.status", "string"),
        ("expiry_date", "date"),
        ("expiry_date.status", "string"),
        ("measure_status", "string"),
        ("measure_status.status", "string"),
        ("general_council_reviews_required", "boolean"),
        ("general_council_reviews_required.status", "string"),
    ]
    assert result.schema["as_of"].dataType.simpleString() == "date"


def test_the_five_scenarios_of_the_batch_documentation(spark):
    from provisio.spark import evaluate

    d = datetime.date.fromisoformat
    rows = [
        {"id": 1, "as_of": d("2025-09-27"), "mc14": {"opening": d("2026-05-22"), "closing": d("2026-05-23")}, "measure": None},
        {"id": 2, "as_of": d("2027-12-19"), "mc14": {"opening": d("2026-05-29"), "closing": d("2026-06-02")}, "measure": {"kind": "internal_tax", "levied_on": "transmitted_content"}},
        {"id": 3, "as_of": d("2025-11-13"), "mc14": {"opening": d("2026-01-30"), "closing": d("2026-01-31")}, "measure": {"kind": "internal_tax", "levied_on": "physical_goods"}},
        {"id": 4, "as_of": d("2025-08-15"), "mc14": None, "measure": {"kind": "customs_duty", "levied_on": "physical_goods"}},
        {"id": 5, "as_of": d("2024-10-16"), "mc14": {"opening": d("2026-02-13"), "closing": d("2026-02-14")}, "measure": {"kind": "customs_duty", "levied_on": "physical_goods"}},
    ]  # fmt: skip
    result = evaluate(_frame(spark, rows, partitions=2), DECISION, keep=["id"])
    got = [tuple(row[v] for v in VERDICTS) for row in _by_id(result.toArrow())]
    assert got == [
        (True, True, d("2026-03-31"), None, True),
        (False, False, d("2026-03-31"), "outside_scope", False),
        (True, True, d("2026-01-30"), "outside_scope", True),
        (None, None, None, "outside_scope", None),
        (True, True, d("2026-02-13"), "outside_scope", True),
    ]
    statuses = [row["measure_status.status"] for row in _by_id(result.toArrow())]
    assert statuses == ["undetermined", "determined", "determined", "determined", "determined"]


def test_a_bad_row_has_its_error_and_keeps_its_columns(spark):
    from provisio.spark import evaluate

    rows = [
        {"id": 1, "as_of": datetime.date(2025, 9, 27), "mc14": None, "measure": {"kind": "customs", "levied_on": "physical_goods"}},
        {"id": 2, "as_of": None, "mc14": None, "measure": {"kind": "customs_duty", "levied_on": None}},
        {"id": 3, "as_of": None, "mc14": None, "measure": None},
    ]  # fmt: skip
    result = evaluate(_frame(spark, rows), DECISION, at="2026-01-01", keep=["id"])
    got = _by_id(result.toArrow())
    assert [row["error"] for row in got] == [
        "measure.kind: `customs` is not one of customs_duty, internal_tax",
        "missing field `measure.levied_on`",
        None,
    ]
    assert [row["moratorium_in_force.status"] for row in got] == ["error", "error", "undetermined"]
    assert [row["reading.scope"] for row in got] == [None, None, "transmission_and_content"]
    # An error row keeps its own date; a good row states the one it used.
    assert [row["as_of"] for row in got] == [
        datetime.date(2025, 9, 27),
        None,
        datetime.date(2026, 1, 1),
    ]
    assert got[0]["measure"] == {"kind": "customs", "levied_on": "physical_goods"}


def test_a_bad_policy_raises_on_the_driver_before_any_job(spark, tmp_path):
    from provisio.spark import evaluate

    bad = tmp_path / "bad.policy"
    text = DECISION.read_text(encoding="utf-8")
    broken = text.replace("verdict moratorium_in_force = para5.", "verdict moratorium_in_force = para5x.", 1)
    assert broken != text, "the decision no longer has the line this test breaks"
    bad.write_text(broken, encoding="utf-8")
    frame = _frame(spark, _scenarios(3))
    tracker = spark.sparkContext.statusTracker()
    before = tracker.getJobIdsForGroup()
    with pytest.raises(provisio.PolicyError) as raised:
        evaluate(frame, bad, at="2026-01-01", keep=["id"])
    assert str(bad) in raised.value.rendered
    assert raised.value.problems
    assert tracker.getJobIdsForGroup() == before

    with pytest.raises(provisio.PolicyError) as raised:
        evaluate(frame, tmp_path / "missing.policy", keep=["id"])
    assert "missing.policy" in raised.value.rendered


def test_an_unknown_column_raises_unless_kept(spark):
    from pyspark.sql.types import StringType, StructField

    from provisio.spark import evaluate

    rows = [dict(row, mc41="x") for row in _scenarios(5)]
    frame = _frame(spark, rows, [StructField("mc41", StringType())])
    with pytest.raises(provisio.ArgumentError) as raised:
        evaluate(frame, DECISION, at="2026-01-01", keep=["id"])
    assert "mc41" in str(raised.value)
    assert "mc14" in raised.value.rendered

    result = evaluate(frame, DECISION, at="2026-01-01", keep_all_unknown=True)
    got = _by_id(result.toArrow())
    assert [row["mc41"] for row in got] == ["x"] * 5
    assert [row["id"] for row in got] == [0, 1, 2, 3, 4]
    expected = _local(
        [{k: v for k, v in row.items() if k != "mc41"} for row in rows], at="2026-01-01"
    )
    assert [{k: v for k, v in row.items() if k != "mc41"} for row in got] == expected

    with pytest.raises(provisio.ArgumentError):
        evaluate(frame, DECISION, keep=["id", "mc41", "nothing"])


def test_fact_path_columns_give_what_struct_columns_give(spark):
    from pyspark.sql.types import DateType, LongType, StringType, StructField, StructType

    from provisio.spark import evaluate

    rows = _scenarios(60, seed=3)
    flat = [
        {
            "id": row["id"],
            "as_of": row["as_of"],
            "mc14.opening": (row["mc14"] or {}).get("opening"),
            "mc14.closing": (row["mc14"] or {}).get("closing"),
            "measure.kind": (row["measure"] or {}).get("kind"),
            "measure.levied_on": (row["measure"] or {}).get("levied_on"),
        }
        for row in rows
    ]
    schema = StructType(
        [StructField("id", LongType()), StructField("as_of", DateType())]
        + [StructField(n, DateType()) for n in ("mc14.opening", "mc14.closing")]
        + [StructField(n, StringType()) for n in ("measure.kind", "measure.levied_on")]
    )
    frame = spark.createDataFrame(flat, schema).repartition(2, "id")
    got = _by_id(evaluate(frame, DECISION, at="2026-01-01", keep=["id"]).toArrow())
    assert got == _local(flat, at="2026-01-01")
    structs = _by_id(
        evaluate(_frame(spark, rows), DECISION, at="2026-01-01", keep=["id"]).toArrow()
    )
    assert [{k: r[k] for k in RESULT_COLUMNS} for r in got] == [
        {k: r[k] for k in RESULT_COLUMNS} for r in structs
    ]


def test_readings_for_every_row_and_per_row(spark):
    from pyspark.sql.types import StringType, StructField

    from provisio.spark import evaluate

    rows = _scenarios(80, seed=5)
    choices = ["transmission_only", "transmission_and_content", None, "content_only"]
    for i, row in enumerate(rows):
        row["reading.scope"] = choices[i % 4]
    frame = _frame(spark, rows, [StructField("reading.scope", StringType())])
    result = evaluate(
        frame, DECISION, at="2026-01-01", readings={"expiry_boundary": "inclusive"}, keep=["id"]
    )
    got = _by_id(result.toArrow())
    assert got == _local(rows, at="2026-01-01", readings={"expiry_boundary": "inclusive"})
    assert {row["reading.expiry_boundary"] for row in got if row["error"] is None} == {"inclusive"}
    good = [row["reading.scope"] for row in got if row["error"] is None]
    assert set(good) == {"transmission_only", "transmission_and_content"}
    # The bad alternative is its rows' error, and the row keeps what it chose.
    bad = [row for row in got if row["id"] % 4 == 3]
    assert {row["reading.scope"] for row in bad} == {"content_only"}
    assert all("content_only" in row["error"] for row in bad)

    with pytest.raises(provisio.ReadingError) as raised:
        evaluate(frame, DECISION, readings={"expiry_boundry": "inclusive"}, keep=["id"])
    assert "expiry_boundary" in raised.value.rendered


def test_the_policy_travels_with_the_job(spark, tmp_path):
    from pyspark.sql.types import DateType, LongType, StructField, StructType

    from provisio.spark import _mirror, _source_hash, evaluate

    # The chain uses a dozen files by relative path; the executors get their
    # text, so the job runs after the files are gone.
    copy = tmp_path / "wto"
    shutil.copytree(ROOT / "rules" / "wto", copy)
    policy_path = copy / "chain" / "moratorium-chain.policy"
    policy = provisio.Policy.load(policy_path)
    assert len(policy.sources) > 10
    rows = [
        {"id": i, "as_of": datetime.date(1998, 1, 1) + datetime.timedelta(days=97 * i)}
        for i in range(100)
    ]
    expected = _local(rows, policy_path=policy_path)
    schema = StructType([StructField("id", LongType()), StructField("as_of", DateType())])
    frame = spark.createDataFrame(rows, schema).repartition(2, "id")
    result = evaluate(frame, policy_path, keep=["id"])
    shutil.rmtree(copy)
    assert _by_id(result.toArrow()) == expected
    sources = policy.sources
    main = next(iter(sources))
    mirrored = Path(
        _mirror(
            os.path.join(tempfile.gettempdir(), "provisio-spark", _source_hash(main, sources)), main
        )
    )
    assert mirrored.read_text(encoding="utf-8") == sources[main]


def test_an_empty_frame_gives_an_empty_result(spark):
    from provisio.spark import evaluate

    result = evaluate(_frame(spark, [], partitions=1), DECISION, at="2026-01-01", keep=["id"])
    assert result.count() == 0
    assert result.columns[4:] == [c for c in RESULT_COLUMNS if c != "as_of"]


def test_a_frame_of_kept_columns_alone_is_evaluated_on_no_facts(spark):
    from pyspark.sql.types import LongType, StructField, StructType

    from provisio.spark import evaluate

    frame = spark.createDataFrame(
        [(i,) for i in range(5)], StructType([StructField("id", LongType())])
    )
    got = _by_id(evaluate(frame, DECISION, at="2026-01-01", keep=["id"]).toArrow())
    assert [row["id"] for row in got] == [0, 1, 2, 3, 4]
    assert {row["as_of"] for row in got} == {datetime.date(2026, 1, 1)}
    assert {row["moratorium_in_force.status"] for row in got} == {"undetermined"}
    assert {row["error"] for row in got} == {None}


def test_what_is_no_dataframe_or_no_list_of_columns_raises(spark):
    from provisio.spark import evaluate

    with pytest.raises(TypeError, match="takes a Spark DataFrame, not Table"):
        evaluate(pa.table({"as_of": ["2026-01-01"]}), DECISION)
    with pytest.raises(TypeError, match="keep must be a list of column names"):
        evaluate(_frame(spark, _scenarios(2)), DECISION, keep="id")
    with pytest.raises(provisio.ArgumentError):
        evaluate(_frame(spark, _scenarios(2)), DECISION, at="01/01/2026", keep=["id"])


def test_mirrored_paths_stay_under_the_root():
    from provisio.spark import _mirror

    assert _mirror("/tmp/r", "/home/a/b.policy") == os.path.join("/tmp/r", "home/a/b.policy")
    assert _mirror("/tmp/r", "b.policy") == os.path.join("/tmp/r", "b.policy")
    assert _mirror("/tmp/r", "C:\\p\\a.policy") == os.path.join("/tmp/r", "C", "p", "a.policy")
    assert _mirror("/tmp/r", "/a/../../b.policy") == os.path.join("/tmp/r", "a", "b.policy")


def test_the_examples_of_the_spark_section_of_the_docs(spark, monkeypatch):
    monkeypatch.chdir(ROOT)
    page = ROOT / "docs" / "python.md"
    section = page.read_text(encoding="utf-8").split("\n## Spark", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    namespace: dict = {}
    for number, block in enumerate(blocks, 1):
        test = parser.get_doctest(block, namespace, f"Spark example {number}", str(page), 0)
        runner.run(test, clear_globs=False)
        namespace = test.globs
    results = runner.summarize(verbose=False)
    assert results.attempted >= 8
    assert results.failed == 0

"""Policy.evaluate_batch: rows of every kind of input (Arrow tables and
batches, pandas, polars, path and struct columns) give exactly the rows
`provisio batch` gives for the same scenarios, in input order,
with bad cells as error rows and bad columns raised."""

import datetime
import decimal
import json
import random

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import provisio
from conftest import DECISION, NUMBERS, VERDICTS

READINGS = ["reading.mc14_reference", "reading.expiry_boundary", "reading.scope"]
COLUMNS = ["error", "as_of", *READINGS] + [
    column for verdict in VERDICTS for column in (verdict, f"{verdict}.status")
]

# The CSV example of docs/batch.md, as columns.
ROWS = {
    "as_of": ["2026-03-28", "2026-03-15", "2026-04-01", "28/03/2026", "2026-03-28"],
    "mc14.opening": ["2026-03-26", None, None, "2026-03-26", "2026-03-26"],
    "mc14.closing": ["2026-03-30", None, None, "2026-03-30", "2026-03-30"],
    "measure.kind": ["customs_duty", None, "internal_tax", "customs_duty", "customs_dutty"],
    "measure.levied_on": [
        "electronic_transmission",
        None,
        "physical_goods",
        "electronic_transmission",
        "electronic_transmission",
    ],
}
DEFAULTS = ["opening", "exclusive", "transmission_and_content"]
DATE_ERROR = (
    "as_of: `28/03/2026` is not a date: a date is written with a four-digit year, "
    "a two-digit month and a two-digit day"
)
ENUM_ERROR = "measure.kind: `customs_dutty` is not one of customs_duty, internal_tax"


def row(error, as_of, readings, values, statuses):
    out = {"error": error, "as_of": as_of}
    out.update(dict(zip(READINGS, readings)))
    for verdict, value, status in zip(VERDICTS, values, statuses):
        out[verdict] = value
        out[f"{verdict}.status"] = status
    return out


D = datetime.date
EXPECTED = [
    row(None, D(2026, 3, 28), DEFAULTS, [False, False, D(2026, 3, 26), "permitted", False], ["determined"] * 5),
    row(None, D(2026, 3, 15), DEFAULTS, [None] * 5, ["undetermined"] * 5),
    row(
        None,
        D(2026, 4, 1),
        DEFAULTS,
        [False, False, None, "outside_scope", False],
        ["determined", "determined", "undetermined", "determined", "determined"],
    ),
    row(DATE_ERROR, None, [None] * 3, [None] * 5, ["error"] * 5),
    row(ENUM_ERROR, None, [None] * 3, [None] * 5, ["error"] * 5),
]


def test_a_table_of_fact_paths_gives_the_rows_batch_gives(decision):
    result = decision.evaluate_batch(pa.table(ROWS), at="2026-01-01")
    assert isinstance(result, pa.Table)
    assert result.column_names == COLUMNS
    assert result.to_pylist() == EXPECTED


def test_the_output_types(decision):
    schema = decision.evaluate_batch(pa.table(ROWS)).schema
    assert schema.field("as_of").type == pa.date32()
    assert schema.field("moratorium_in_force").type == pa.bool_()
    assert schema.field("expiry_date").type == pa.date32()
    assert schema.field("measure_status").type == pa.string()
    assert schema.field("measure_status.status").type == pa.string()
    assert schema.field("error").type == pa.string()


def struct_table():
    mc14 = [
        {"opening": D(2026, 3, 26), "closing": D(2026, 3, 30)},
        None,
        None,
        {"opening": D(2026, 3, 26), "closing": D(2026, 3, 30)},
        {"opening": D(2026, 3, 26), "closing": D(2026, 3, 30)},
    ]
    measure = [
        {"kind": kind, "levied_on": levied}
        if kind is not None
        else None
        for kind, levied in zip(ROWS["measure.kind"], ROWS["measure.levied_on"])
    ]
    return pa.table({"as_of": ROWS["as_of"], "mc14": mc14, "measure": measure})


def test_struct_columns_are_records(decision):
    table = struct_table()
    assert pa.types.is_struct(table.schema.field("mc14").type)
    assert decision.evaluate_batch(table, at="2026-01-01").to_pylist() == EXPECTED


def test_a_record_batch_gives_a_record_batch(decision):
    batch = pa.record_batch(ROWS)
    result = decision.evaluate_batch(batch)
    assert isinstance(result, pa.RecordBatch)
    assert result.to_pylist() == EXPECTED


def test_a_pandas_frame_gives_a_pandas_frame_with_its_index(decision):
    frame = pd.DataFrame(ROWS, index=[10, 20, 30, 40, 50])
    result = decision.evaluate_batch(frame, at="2026-01-01")
    assert isinstance(result, pd.DataFrame)
    assert list(result.index) == [10, 20, 30, 40, 50]
    assert list(result.columns) == COLUMNS
    def cells(column):
        return [None if pd.isna(v) else v for v in result[column]]

    assert cells("measure_status") == ["permitted", None, "outside_scope", None, None]
    assert list(result["measure_status.status"]) == [
        "determined", "undetermined", "determined", "error", "error",
    ]
    assert cells("error") == [None, None, None, DATE_ERROR, ENUM_ERROR]


def test_a_pandas_frame_of_dates_and_timestamps(decision):
    frame = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2026-03-28", "2026-04-01"]),
            "mc14.opening": [D(2026, 3, 26), D(2026, 3, 26)],
            "mc14.closing": [D(2026, 3, 30), D(2026, 3, 30)],
        }
    )
    result = decision.evaluate_batch(frame)
    assert list(result["as_of"]) == [D(2026, 3, 28), D(2026, 4, 1)]
    assert list(result["expiry_date"]) == [D(2026, 3, 26), D(2026, 3, 26)]


def test_a_polars_frame_gives_a_polars_frame(decision):
    frame = pl.DataFrame(ROWS)
    result = decision.evaluate_batch(frame)
    assert isinstance(result, pl.DataFrame)
    assert result.columns == COLUMNS
    assert result.to_dicts() == EXPECTED


def test_a_polars_frame_with_struct_and_date_columns(decision):
    frame = pl.from_arrow(struct_table())
    assert isinstance(frame.schema["mc14"], pl.Struct)
    assert decision.evaluate_batch(frame, at="2026-01-01").to_dicts() == EXPECTED


def test_other_data_raise_type_error(decision):
    with pytest.raises(TypeError) as raised:
        decision.evaluate_batch([{"as_of": "2026-03-28"}])
    assert str(raised.value) == (
        "evaluate_batch takes a pyarrow Table or RecordBatch, a pandas DataFrame "
        "or a polars DataFrame, not builtins.list"
    )


def test_an_empty_table_gives_the_columns_and_no_row(decision):
    table = pa.table({"as_of": pa.array([], pa.string())})
    result = decision.evaluate_batch(table)
    assert result.num_rows == 0
    assert result.column_names == COLUMNS
    empty = decision.evaluate_batch(pd.DataFrame({"as_of": pd.Series([], dtype=object)}))
    assert list(empty.columns) == COLUMNS and len(empty) == 0


def test_nulls_are_unknown_facts(decision):
    table = pa.table(
        {
            "as_of": ["2026-04-01", None],
            "mc14.opening": pa.array([None, None], pa.date32()),
            "mc14.closing": pa.array([None, None], pa.date32()),
        }
    )
    rows = decision.evaluate_batch(table, at="2026-03-15").to_pylist()
    assert [r["as_of"] for r in rows] == [D(2026, 4, 1), D(2026, 3, 15)]
    assert [r["moratorium_in_force.status"] for r in rows] == ["determined", "undetermined"]
    assert rows[0]["moratorium_in_force"] is False


def test_half_a_record_is_the_row_error_batch_gives(decision):
    table = pa.table({"as_of": ["2026-03-28"], "measure.kind": ["customs_duty"], "measure.levied_on": [None]})
    assert decision.evaluate_batch(table).column("error").to_pylist() == [
        "missing field `measure.levied_on`"
    ]


def test_a_bad_cell_is_its_row_error_as_batch_gives_it(decision, cli, tmp_path):
    table = pa.table(
        {
            "as_of": ["2026-03-28", "2026-03-28", "2026-03-28"],
            "mc14.opening": pa.array([5, 6, None], pa.int64()),
            "mc14.closing": pa.array([5, 6, None], pa.int64()),
        }
    )
    errors = decision.evaluate_batch(table).column("error").to_pylist()
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"as_of": "2026-03-28", "mc14": {"opening": 5, "closing": 5}}\n'
        '{"as_of": "2026-03-28", "mc14": {"opening": 6, "closing": 6}}\n'
        '{"as_of": "2026-03-28"}\n'
    )
    _, stdout, _ = cli("batch", DECISION, "--scenarios", path)
    assert errors == [json.loads(line).get("error") for line in stdout.splitlines()]
    assert errors[0].startswith("mc14.opening: expected a date like ")


def test_a_timestamp_not_at_midnight_is_its_row_error(decision):
    table = pa.table(
        {"as_of": pa.array([datetime.datetime(2026, 3, 28, 12, 30), datetime.datetime(2026, 3, 28)], pa.timestamp("s"))}
    )
    result = decision.evaluate_batch(table)
    assert result.column("error").to_pylist() == [
        "as_of: 2026-03-28 12:30:00 is not a day: a timestamp stands for a date only at midnight",
        None,
    ]
    assert result.column("as_of").to_pylist() == [None, D(2026, 3, 28)]


def test_a_nan_is_its_row_error():
    policy = provisio.Policy.from_text(NUMBERS, "exact.policy")
    table = pa.table({"n": [1, 2], "d": [float("nan"), 0.5], "m": ["EUR 1", "EUR 1"]})
    result = policy.evaluate_batch(table, at="2026-01-01")
    assert result.column("error").to_pylist() == ["d: NaN is not a number a fact can hold", None]
    assert result.column("share").to_pylist() == [None, "0.5"]


def test_numbers_are_exact_text():
    policy = provisio.Policy.from_text(NUMBERS, "exact.policy")
    table = pa.table(
        {
            "n": pa.array([2**62, 3], pa.int64()),
            "d": pa.array(
                [decimal.Decimal("0.1234567890123456789012345678"), decimal.Decimal("1.50")],
                pa.decimal128(38, 28),
            ),
            "m": ["EUR 12.50", "EUR 0.01"],
        }
    )
    result = policy.evaluate_batch(table, at="2026-01-01").to_pylist()
    assert [(r["twice"], r["less"], r["share"], r["amount"]) for r in result] == [
        (str(2**63), str(2**62 - 1), "0.1234567890123456789012345678", "EUR 11.50"),
        ("6", "2", "1.5", "EUR -0.99"),
    ]
    floats = pa.table({"n": [1], "d": [0.1], "m": ["EUR 1"]})
    assert policy.evaluate_batch(floats, at="2026-01-01").column("share").to_pylist() == ["0.1"]


def test_an_unknown_column_raises_with_the_nearest_fact(decision):
    table = pa.table({"mc41.opening": ["2026-03-26"]})
    with pytest.raises(provisio.ArgumentError) as raised:
        decision.evaluate_batch(table)
    error = raised.value
    assert str(error) == "unknown fact `mc41`: the column `mc41.opening` is not a fact of the policy"
    assert error.problems[0]["help"] == "did you mean `mc14`?"
    assert error.problems[0]["code"] == "provisio::batch::column"
    assert "did you mean `mc14`?" in error.rendered


def test_an_identifier_is_an_error_unless_kept(decision):
    table = pa.table({"id": ["a1", "a2"], "as_of": ["2026-03-28", "nope"]})
    with pytest.raises(provisio.ArgumentError) as raised:
        decision.evaluate_batch(table)
    assert raised.value.problems[0]["help"].startswith("a column is a fact's path")
    for result in (
        decision.evaluate_batch(table, keep=["id"]),
        decision.evaluate_batch(table, keep_all_unknown=True),
    ):
        assert result.column_names == ["id", *COLUMNS]
        assert result.column("id").to_pylist() == ["a1", "a2"]
        assert result.column("error").to_pylist()[0] is None
        assert result.column("error").to_pylist()[1]== 'as_of: expected a date like 2026-03-31, found "nope"'


def test_a_kept_fact_is_read_and_copied(decision):
    table = pa.table({"as_of": ["2026-03-28"], "mc14.opening": ["2026-03-26"], "mc14.closing": ["2026-03-30"]})
    result = decision.evaluate_batch(table, keep=["mc14.opening"])
    assert result.column_names[0] == "mc14.opening"
    assert result.column("expiry_date").to_pylist() == [D(2026, 3, 26)]


def test_keeping_a_column_the_data_lack_raises_with_the_nearest(decision):
    table = pa.table({"id": ["a1"], "as_of": ["2026-03-28"]})
    with pytest.raises(provisio.ArgumentError) as raised:
        decision.evaluate_batch(table, keep=["idd"])
    assert str(raised.value) == "the data have no column `idd` to keep"
    assert raised.value.problems[0]["help"] == "did you mean `id`?"


def test_keeping_an_output_column_raises(decision):
    table = pa.table({"error": ["x"], "as_of": ["2026-03-28"]})
    with pytest.raises(provisio.ArgumentError) as raised:
        decision.evaluate_batch(table, keep=["error"])
    assert raised.value.problems[0]["help"] == (
        "rename the input column, such as `error_in`, and keep that"
    )
    with pytest.raises(TypeError):
        decision.evaluate_batch(table, keep="error")


def test_a_column_of_a_type_no_fact_takes_raises(decision):
    table = pa.table({"as_of": pa.array([b"2026"], pa.binary())})
    with pytest.raises(provisio.ArgumentError) as raised:
        decision.evaluate_batch(table)
    assert str(raised.value) == "the column `as_of` holds Binary, which no fact takes"


def test_two_columns_for_one_fact_raise(decision):
    table = struct_table().append_column("mc14.opening", pa.array([None] * 5, pa.string()))
    with pytest.raises(provisio.ArgumentError) as raised:
        decision.evaluate_batch(table)
    assert str(raised.value) == "the column `mc14.opening`: two columns give `mc14`"


def test_readings_per_row_win_over_the_calls(decision):
    table = pa.table(
        {
            "as_of": ["2026-03-28"] * 4,
            "mc14.opening": ["2026-03-26"] * 4,
            "mc14.closing": ["2026-03-30"] * 4,
            "reading.mc14_reference": ["closing", None, "opening", "closin"],
        }
    )
    result = decision.evaluate_batch(table, readings={"mc14_reference": "closing", "scope": "transmission_only"})
    assert result.column("expiry_date").to_pylist() == [D(2026, 3, 30), D(2026, 3, 30), D(2026, 3, 26), None]
    assert result.column("reading.mc14_reference").to_pylist() == ["closing", "closing", "opening", None]
    assert result.column("reading.scope").to_pylist() == ["transmission_only"] * 3 + [None]
    assert result.column("error").to_pylist()[3] == (
        "`reading.mc14_reference`: reading `mc14_reference` has no alternative `closin`; "
        "its alternatives are opening, closing (did you mean `closing`?)"
    )


def test_a_bad_reading_for_every_row_raises(decision):
    with pytest.raises(provisio.ReadingError):
        decision.evaluate_batch(pa.table(ROWS), readings={"scope": "all"})


def test_a_reading_column_must_hold_text(decision):
    with pytest.raises(provisio.ArgumentError):
        decision.evaluate_batch(pa.table({"reading.scope": [1]}))


def test_dictionary_columns_are_read_as_their_values(decision):
    table = pa.table(ROWS)
    encoded = table.set_column(3, "measure.kind", table.column("measure.kind").dictionary_encode())
    assert decision.evaluate_batch(encoded, at="2026-01-01").to_pylist() == EXPECTED


def scenarios(count, seed):
    """Random scenarios of the decision, as generate_scenarios makes them."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        facts = {"as_of": (D(2024, 3, 2) + datetime.timedelta(days=rng.randrange(1400))).isoformat()}
        if rng.random() > 0.125:
            opening = D(2026, 1, 1) + datetime.timedelta(days=rng.randrange(150))
            facts["mc14"] = {
                "opening": opening.isoformat(),
                "closing": (opening + datetime.timedelta(days=rng.randrange(5))).isoformat(),
            }
        if rng.random() > 0.125:
            facts["measure"] = {
                "kind": rng.choice(["customs_duty", "internal_tax"]),
                "levied_on": rng.choice(
                    ["electronic_transmission", "transmitted_content", "physical_goods"]
                ),
            }
        rows.append(facts)
    return rows


def test_many_rows_in_many_chunks_match_the_cli_row_for_row(decision, cli, tmp_path):
    rows = scenarios(3000, 17)
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    status, stdout, stderr = cli(
        "batch", DECISION, "--scenarios", path, "--at", "2026-01-01",
        "--reading", "scope=transmission_only",
    )
    assert status == 0, stderr
    expected = [json.loads(line) for line in stdout.splitlines()]
    table = pa.Table.from_pylist(rows)
    # Several batches, as a table read in pieces has.
    table = pa.Table.from_batches(table.to_batches(max_chunksize=700))
    result = decision.evaluate_batch(table, at="2026-01-01", readings={"scope": "transmission_only"})
    got = result.to_pylist()
    assert len(got) == len(expected) == 3000
    for mine, theirs in zip(got, expected):
        assert mine["error"] is None
        assert mine["as_of"].isoformat() == theirs["as_of"]
        assert {name: mine[f"reading.{name}"] for name in theirs["readings"]} == theirs["readings"]
        for verdict in VERDICTS:
            value = mine[verdict]
            if isinstance(value, D):
                value = value.isoformat()
            assert value == theirs["verdicts"][verdict]
            assert mine[f"{verdict}.status"] == theirs["status"][verdict]


def test_rows_beyond_one_piece_keep_their_order_in_every_kind(decision):
    # More rows than one task evaluates (8,192), each with its own date.
    days = [D(2024, 3, 2) + datetime.timedelta(days=i % 1400) for i in range(20000)]
    table = pa.table({"as_of": pa.array(days, pa.date32()), "id": list(range(20000))})
    batch = decision.evaluate_batch(table.to_batches()[0], keep=["id"])
    assert isinstance(batch, pa.RecordBatch)
    assert batch.column("as_of").to_pylist() == days
    assert batch.column("id").to_pylist() == list(range(20000))
    frame = decision.evaluate_batch(table.to_pandas().set_index("id"))
    assert list(frame.index) == list(range(20000))
    assert list(frame["as_of"]) == days
    polars = decision.evaluate_batch(pl.from_arrow(table), keep=["id"])
    assert polars["id"].to_list() == list(range(20000))

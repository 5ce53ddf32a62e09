//! `Policy.evaluate_batch`'s native half: an Arrow table of scenarios in,
//! evaluated on every core without the GIL, an Arrow table of verdicts out,
//! row for row in input order.

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;
use rayon::prelude::*;

use provisio::batch::read_row_facts;
use provisio::diagnostic::Problem;
use provisio::eval::{Evaluator, Input, Readings, choose_as_of, evaluate_values_with_status};
use provisio::facts::FastFacts;
use provisio::model::Model;

use crate::cells::{self, Group};
use crate::columns::{self, Output, RowOutcome};
use crate::errors;
use crate::policy::Policy;

/// The rows of one output batch, evaluated by one task of the pool with one
/// evaluator: enough to make a task's overhead nothing, few enough that
/// every core gets many.
const PIECE_ROWS: usize = 8 * 1024;

/// The prefix of a column choosing a reading for its row.
const READING_PREFIX: &str = "reading.";

/// What each input column is.
struct Plan {
    /// The facts object's members.
    facts: Group,
    /// The input columns read as `reading.NAME`: their index and `NAME`.
    readings: Vec<(usize, String)>,
    /// The input columns copied to the output, by index.
    kept: Vec<usize>,
}

/// The output's own column names, which a kept column may not take.
fn output_names(model: &Model) -> Vec<String> {
    let mut names = vec![String::from("error"), String::from("as_of")];
    names.extend(
        model
            .readings
            .iter()
            .map(|r| format!("{READING_PREFIX}{}", r.name)),
    );
    for verdict in &model.verdicts {
        names.push(verdict.name.clone());
        names.push(format!("{}.status", verdict.name));
    }
    names
}

/// A problem with a column, as the exception `ArgumentError`.
fn column_problem(message: String, column: &str, label: &str, help: Option<String>) -> Problem {
    let source = provisio::span::SourceFile::new("columns", column);
    Problem::error(
        "provisio::batch::column",
        message,
        provisio::span::Span::new(0, column.len()),
        label,
    )
    .with_optional_help(help)
    .in_file(&source)
}

impl Plan {
    /// Reads the input's column names; `Err` for a column that is neither
    /// a fact, `as_of`, `reading.NAME` nor kept, a kept column the input
    /// lacks or the output has, or a column of a type no fact takes.
    fn new(
        model: &Model,
        schema: &SchemaRef,
        keep: &[String],
        keep_all_unknown: bool,
    ) -> Result<Plan, Problem> {
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let own = output_names(model);
        for name in keep {
            if own.iter().any(|o| o == name) || name.starts_with(READING_PREFIX) {
                return Err(column_problem(
                    format!(
                        "the column `{name}` cannot be kept: the output has a column `{name}` of its own"
                    ),
                    name,
                    "an output column",
                    Some(format!(
                        "rename the input column, such as `{name}_in`, and keep that"
                    )),
                ));
            }
            if !names.contains(&name.as_str()) {
                return Err(column_problem(
                    format!("the data have no column `{name}` to keep"),
                    name,
                    "not a column of the input",
                    provisio::suggest::did_you_mean(name, names.iter().copied()),
                ));
            }
        }
        let fact_names: Vec<&str> = model.facts.iter().map(|f| f.field.name.as_str()).collect();
        let is_fact = |first: &str| first == provisio::facts::AS_OF || fact_names.contains(&first);
        let mut plan = Plan {
            facts: Group::default(),
            readings: Vec::new(),
            kept: Vec::new(),
        };
        for (index, field) in schema.fields().iter().enumerate() {
            let name = field.name().as_str();
            if names[..index].contains(&name) {
                return Err(column_problem(
                    format!("two columns are named `{name}`"),
                    name,
                    "named twice",
                    Some(String::from("give each column its own name")),
                ));
            }
            let kept = keep.iter().any(|k| k == name);
            if let Some(reading) = name.strip_prefix(READING_PREFIX) {
                if !matches!(
                    field.data_type(),
                    DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
                ) {
                    return Err(column_problem(
                        format!(
                            "the column `{name}` holds {}, not the names of alternatives",
                            field.data_type()
                        ),
                        name,
                        "not text",
                        Some(String::from(
                            "give each row the alternative's name as a string",
                        )),
                    ));
                }
                plan.readings.push((index, reading.to_string()));
                continue;
            }
            let path: Vec<&str> = name.split('.').collect();
            let first = path.first().copied().unwrap_or_default();
            let fact = is_fact(first);
            let all_unknown = keep_all_unknown && !fact && !own.iter().any(|o| o == name);
            if kept || all_unknown {
                plan.kept.push(index);
            }
            if !fact {
                if kept || all_unknown {
                    continue;
                }
                let help = provisio::suggest::did_you_mean(
                    first,
                    fact_names.iter().copied().chain([provisio::facts::AS_OF]),
                )
                .or_else(|| {
                    Some(String::from(
                        "a column is a fact's path, `as_of` or `reading.NAME`; keep other columns with keep=[...] or keep_all_unknown=True",
                    ))
                });
                return Err(column_problem(
                    format!(
                        "unknown fact `{first}`: the column `{name}` is not a fact of the policy"
                    ),
                    name,
                    "not a fact",
                    help,
                ));
            }
            cells::supported(field.data_type()).map_err(|bad| {
                column_problem(
                    format!("the column `{name}` holds {bad}, which no fact takes"),
                    name,
                    "of an unsupported type",
                    Some(String::from(
                        "give booleans, integers, decimals, floats, dates, strings, lists or structs",
                    )),
                )
            })?;
            plan.facts.insert(&path, index).map_err(|message| {
                column_problem(
                    format!("the column `{name}`: {message}"),
                    name,
                    "given twice",
                    Some(String::from("give each fact or field in one column")),
                )
            })?;
        }
        Ok(plan)
    }
}

/// What every row shares.
struct Shared<'a> {
    model: &'a Model,
    plan: &'a Plan,
    /// The readings chosen for every row, by name.
    chosen: &'a [(String, String)],
    /// Those readings, applied.
    readings: &'a Readings,
    /// The date of rows without `as_of`.
    default_date: chrono::NaiveDate,
    /// The reader of rows in plain shapes, as `provisio batch` reads them.
    fast: &'a FastFacts,
}

/// Dictionary columns read as their values.
fn plain(array: &ArrayRef) -> Result<ArrayRef, arrow_schema::ArrowError> {
    match array.data_type() {
        DataType::Dictionary(_, value) => arrow_cast::cast(array, value),
        _ => Ok(array.clone()),
    }
}

/// Evaluates one row.
fn evaluate_row<'m>(
    shared: &Shared<'m>,
    evaluator: &mut Evaluator<'m>,
    columns: &[(String, ArrayRef)],
    row: usize,
    text: &mut String,
) -> RowOutcome {
    text.clear();
    if let Err(message) = cells::write_row(&shared.plan.facts, columns, row, text) {
        return RowOutcome::Error(message);
    }
    let readings = match row_readings(shared, columns, row) {
        Ok(Some(readings)) => std::borrow::Cow::Owned(readings),
        Ok(None) => std::borrow::Cow::Borrowed(shared.readings),
        Err(message) => return RowOutcome::Error(message),
    };
    let model = shared.model;
    let facts = match read_row_facts(model, shared.fast, text) {
        Ok(facts) => facts,
        Err(message) => return RowOutcome::Error(message),
    };
    let (as_of, _) = choose_as_of(None, &facts, shared.default_date);
    // An amended policy answers as its version in force on the row's date.
    let version = model.version_on(as_of);
    let mut versioned;
    let evaluator = if std::ptr::eq(version, evaluator.model()) {
        evaluator
    } else {
        versioned = Evaluator::new(version);
        &mut versioned
    };
    let mut facts = facts;
    if !std::ptr::eq(version, model) {
        facts.given = facts.given.for_version(model, version);
    }
    let input = Input {
        facts: &facts,
        as_of,
        readings: &readings,
    };
    if let Err(message) = broken(evaluator, &input) {
        return RowOutcome::Error(message);
    }
    let mut values = Vec::with_capacity(version.verdicts.len());
    let mut status = Vec::with_capacity(version.verdicts.len());
    evaluate_values_with_status(evaluator, &input, &mut values, &mut status);
    RowOutcome::Verdicts {
        as_of,
        readings: readings.alternatives.clone(),
        values,
        status,
    }
}

/// The message of the assumptions a row's facts break, as `provisio
/// batch` gives it.
fn broken(evaluator: &mut Evaluator<'_>, input: &Input<'_>) -> Result<(), String> {
    use provisio::eval::assumptions;
    assumptions::check_holding(evaluator, input)
        .map(drop)
        .map_err(assumptions::row_message)
}

/// The readings of a row that chooses some with `reading.NAME` cells: its
/// choices win over the call's. `None` when it chooses none.
fn row_readings(
    shared: &Shared<'_>,
    columns: &[(String, ArrayRef)],
    row: usize,
) -> Result<Option<Readings>, String> {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    let mut own: Vec<(&str, &str)> = Vec::new();
    for (index, name) in &shared.plan.readings {
        let Some((_, array)) = columns.get(*index) else {
            continue;
        };
        if array.is_null(row) {
            continue;
        }
        let alternative = match array.data_type() {
            DataType::Utf8 => array.as_string::<i32>().value(row),
            DataType::LargeUtf8 => array.as_string::<i64>().value(row),
            DataType::Utf8View => array.as_string_view().value(row),
            _ => continue,
        };
        own.push((name.as_str(), alternative));
    }
    if own.is_empty() {
        return Ok(None);
    }
    let model = shared.model;
    let mut readings = Readings::defaults(model);
    for (name, alternative) in &own {
        readings
            .choose(model, name, alternative)
            .map_err(|problem| match problem.help {
                Some(help) => format!("`{READING_PREFIX}{name}`: {} ({help})", problem.message),
                None => format!("`{READING_PREFIX}{name}`: {}", problem.message),
            })?;
    }
    for (name, alternative) in shared.chosen {
        if !own.iter().any(|(own_name, _)| own_name == name) {
            // Checked when the call began: cannot fail.
            let _ = readings.choose(model, name, alternative);
        }
    }
    Ok(Some(readings))
}

/// One input batch, with its columns read as plain arrays.
struct Piece<'b> {
    batch: &'b RecordBatch,
    columns: Vec<(String, ArrayRef)>,
}

/// Evaluates rows `from..to` of one input batch into one output batch: the
/// kept columns (the input's, sliced: nothing is copied) and the evaluated.
fn evaluate_piece(
    shared: &Shared<'_>,
    input: &Piece<'_>,
    (from, to): (usize, usize),
    kept_fields: &[Field],
) -> Result<RecordBatch, String> {
    let mut evaluator = Evaluator::new(shared.model);
    let mut text = String::new();
    let mut output = Output::new(shared.model, to - from);
    for row in from..to {
        output.push(&evaluate_row(
            shared,
            &mut evaluator,
            &input.columns,
            row,
            &mut text,
        ));
    }
    let kept: Vec<(Field, ArrayRef)> = kept_fields
        .iter()
        .cloned()
        .zip(
            shared
                .plan
                .kept
                .iter()
                .map(|&i| input.batch.column(i).slice(from, to - from)),
        )
        .collect();
    columns::batch(kept, output.finish(), to - from).map_err(|e| e.to_string())
}

/// Evaluates every input batch into output batches of at most
/// [`PIECE_ROWS`] rows each, in row order. Each piece is evaluated and its
/// columns built by one task of the pool, so that nothing runs on one core
/// alone, however the input is cut into batches.
fn evaluate_batches(
    shared: &Shared<'_>,
    batches: &[RecordBatch],
    kept_fields: &[Field],
) -> Result<Vec<RecordBatch>, String> {
    let inputs: Vec<Piece<'_>> = batches
        .iter()
        .map(|batch| {
            let columns = batch
                .schema()
                .fields()
                .iter()
                .zip(batch.columns())
                .map(|(field, array)| Ok((field.name().clone(), plain(array)?)))
                .collect::<Result<_, arrow_schema::ArrowError>>()
                .map_err(|e| e.to_string())?;
            Ok(Piece { batch, columns })
        })
        .collect::<Result<_, String>>()?;
    let pieces: Vec<(&Piece<'_>, (usize, usize))> = inputs
        .iter()
        .flat_map(|input| {
            let rows = input.batch.num_rows();
            (0..rows)
                .step_by(PIECE_ROWS)
                .map(move |from| (input, (from, (from + PIECE_ROWS).min(rows))))
        })
        .collect();
    pieces
        .into_par_iter()
        .map(|(input, range)| evaluate_piece(shared, input, range, kept_fields))
        .collect()
}

/// Evaluates every row of an Arrow table (anything with
/// `__arrow_c_stream__`) and returns a pyarrow Table of verdicts.
pub(crate) fn evaluate_arrow<'py>(
    policy: &Policy,
    py: Python<'py>,
    table: PyTable,
    at: Option<&Bound<'py, PyAny>>,
    readings: Option<&Bound<'py, PyDict>>,
    keep: Option<Vec<String>>,
    keep_all_unknown: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let at = at
        .map(|at| crate::single::date_argument(py, "at", at))
        .transpose()?
        .flatten();
    let applied = policy.chosen_readings(py, readings)?;
    let mut chosen = Vec::new();
    if let Some(readings) = readings {
        for (name, alternative) in readings.iter() {
            chosen.push((name.extract::<String>()?, alternative.extract::<String>()?));
        }
    }
    let model = policy.model();
    let (batches, schema) = table.into_inner();
    let keep = keep.unwrap_or_default();
    let plan = Plan::new(model, &schema, &keep, keep_all_unknown)
        .map_err(|problem| errors::problem_error(py, errors::ArgumentError::new_err, &problem))?;
    let kept_fields: Vec<Field> = plan.kept.iter().map(|&i| schema.field(i).clone()).collect();
    let fast = FastFacts::new(model);
    let shared = Shared {
        fast: &fast,
        model,
        plan: &plan,
        chosen: &chosen,
        readings: &applied,
        default_date: at.unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let out = py
        .detach(|| evaluate_batches(&shared, &batches, &kept_fields))
        .map_err(pyo3::exceptions::PyRuntimeError::new_err)?;
    let out_schema = Arc::new(columns::schema(model, &kept_fields));
    PyTable::try_new(out, out_schema)?.into_pyarrow(py)
}

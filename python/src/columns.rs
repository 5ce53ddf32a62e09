//! The output table of a batch: per row its error, date and readings, and
//! per verdict a value column and a status column.
//!
//! Value columns are typed by the verdict: `bool` for a boolean verdict,
//! `date32` for a date, and text for everything else, written exactly as
//! `provisio batch` writes the CSV cell: enumeration values by name,
//! numbers with every digit (`36893488147419103232`, `0.125`), amounts as
//! `EUR 12.50`, a verdict given for each element as its JSON object.
//! Numbers are text so that no digit is lost: cast them where a float will do.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Date32Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};

use provisio::eval::EvalError;
use provisio::model::{Model, Type};
use provisio::value::Value;

/// One row evaluated, or why it could not be.
pub(crate) enum RowOutcome {
    /// Its date, each reading's alternative, and each verdict's value (or
    /// error) and status, in the policy's order.
    Verdicts {
        as_of: chrono::NaiveDate,
        readings: Vec<u32>,
        values: Vec<Result<Value, EvalError>>,
        status: Vec<&'static str>,
    },
    /// The row's error, as `provisio batch` gives it.
    Error(String),
}

/// A verdict's value column being built.
enum ValueColumn {
    Bool(BooleanBuilder),
    Date(Date32Builder),
    Text(StringBuilder),
}

/// The output columns being built, for one batch of rows.
pub(crate) struct Output<'m> {
    model: &'m Model,
    error: StringBuilder,
    as_of: Date32Builder,
    readings: Vec<StringBuilder>,
    values: Vec<ValueColumn>,
    status: Vec<StringBuilder>,
}

/// The days from 1970-01-01, as `date32` counts them.
fn days(date: chrono::NaiveDate) -> Option<i32> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((date - epoch).num_days()).ok()
}

impl<'m> Output<'m> {
    /// Columns for `rows` rows of `model`'s verdicts.
    pub(crate) fn new(model: &'m Model, rows: usize) -> Self {
        let text = || StringBuilder::with_capacity(rows, rows * 8);
        Output {
            model,
            error: text(),
            as_of: Date32Builder::with_capacity(rows),
            readings: model.readings.iter().map(|_| text()).collect(),
            values: model
                .verdicts
                .iter()
                .map(|verdict| match (&verdict.ty, &verdict.for_each) {
                    (Type::Bool, None) => ValueColumn::Bool(BooleanBuilder::with_capacity(rows)),
                    (Type::Date, None) => ValueColumn::Date(Date32Builder::with_capacity(rows)),
                    _ => ValueColumn::Text(text()),
                })
                .collect(),
            status: model.verdicts.iter().map(|_| text()).collect(),
        }
    }

    /// Appends one row.
    pub(crate) fn push(&mut self, outcome: &RowOutcome) {
        match outcome {
            RowOutcome::Error(message) => {
                self.error.append_value(message);
                self.as_of.append_null();
                self.readings.iter_mut().for_each(|b| b.append_null());
                for column in &mut self.values {
                    match column {
                        ValueColumn::Bool(b) => b.append_null(),
                        ValueColumn::Date(b) => b.append_null(),
                        ValueColumn::Text(b) => b.append_null(),
                    }
                }
                self.status.iter_mut().for_each(|b| b.append_value("error"));
            }
            RowOutcome::Verdicts {
                as_of,
                readings,
                values,
                status,
            } => {
                self.error.append_null();
                self.as_of.append_option(days(*as_of));
                for (index, builder) in self.readings.iter_mut().enumerate() {
                    let name = self.model.readings.get(index).and_then(|reading| {
                        let chosen = readings.get(index).copied().unwrap_or(reading.default);
                        reading.alternatives.get(chosen as usize)
                    });
                    builder.append_option(name.map(|a| a.name.as_str()));
                }
                for (index, column) in self.values.iter_mut().enumerate() {
                    let value = values.get(index).and_then(|v| v.as_ref().ok());
                    let verdict = self.model.verdicts.get(index);
                    append_value(self.model, verdict, column, value);
                }
                for (index, builder) in self.status.iter_mut().enumerate() {
                    builder.append_value(status.get(index).copied().unwrap_or("error"));
                }
            }
        }
    }

    /// The columns, named, in the output's order: `error`, `as_of`,
    /// `reading.NAME` for each reading, then each verdict's `NAME` and
    /// `NAME.status`.
    pub(crate) fn finish(mut self) -> Vec<(Field, ArrayRef)> {
        let mut columns: Vec<(Field, ArrayRef)> = Vec::new();
        columns.push((
            Field::new("error", DataType::Utf8, true),
            Arc::new(self.error.finish()),
        ));
        columns.push((
            Field::new("as_of", DataType::Date32, true),
            Arc::new(self.as_of.finish()),
        ));
        for (reading, mut builder) in self.model.readings.iter().zip(self.readings) {
            columns.push((
                Field::new(format!("reading.{}", reading.name), DataType::Utf8, true),
                Arc::new(builder.finish()),
            ));
        }
        for ((verdict, column), mut status) in
            self.model.verdicts.iter().zip(self.values).zip(self.status)
        {
            let (data_type, array): (DataType, ArrayRef) = match column {
                ValueColumn::Bool(mut b) => (DataType::Boolean, Arc::new(b.finish())),
                ValueColumn::Date(mut b) => (DataType::Date32, Arc::new(b.finish())),
                ValueColumn::Text(mut b) => (DataType::Utf8, Arc::new(b.finish())),
            };
            columns.push((Field::new(verdict.name.clone(), data_type, true), array));
            columns.push((
                Field::new(format!("{}.status", verdict.name), DataType::Utf8, false),
                Arc::new(status.finish()),
            ));
        }
        columns
    }
}

/// Appends a verdict's value: null when it is undetermined, not in force
/// or errored (its status tells which).
fn append_value(
    model: &Model,
    verdict: Option<&provisio::model::VerdictInfo>,
    column: &mut ValueColumn,
    value: Option<&Value>,
) {
    let value = value.filter(|v| v.is_known());
    match column {
        ValueColumn::Bool(b) => b.append_option(value.and_then(Value::as_bool)),
        ValueColumn::Date(b) => b.append_option(match value {
            Some(Value::Date(date)) => days(*date),
            _ => None,
        }),
        ValueColumn::Text(b) => {
            let Some(value) = value else {
                b.append_null();
                return;
            };
            let keyed = verdict.and_then(|v| provisio::render::keys::keyed_json(model, v, value));
            match keyed {
                Some(serde_json::Value::Null) => b.append_null(),
                Some(object) => b.append_value(object.to_string()),
                None => match provisio::render::json::value_json(model, value) {
                    serde_json::Value::String(text) => b.append_value(text),
                    serde_json::Value::Null => b.append_null(),
                    other => b.append_value(other.to_string()),
                },
            }
        }
    }
}

/// The output batch: the kept columns first, then the evaluated ones.
pub(crate) fn batch(
    kept: Vec<(Field, ArrayRef)>,
    evaluated: Vec<(Field, ArrayRef)>,
    rows: usize,
) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = kept.into_iter().chain(evaluated).unzip();
    let schema = Arc::new(Schema::new(fields));
    let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(schema, arrays, &options)
}

/// The output's schema, for an empty table.
pub(crate) fn schema(model: &Model, kept: &[Field]) -> Schema {
    let evaluated = Output::new(model, 0).finish();
    Schema::new(
        kept.iter()
            .cloned()
            .chain(evaluated.into_iter().map(|(field, _)| field))
            .collect::<Vec<_>>(),
    )
}

//! Batch evaluation: a stream of scenarios in, one row of verdicts out for
//! each, in input order, over every core, in constant memory.
//!
//! Input is JSON Lines (one facts object per line) or CSV (a header of fact
//! paths such as `mc14.opening`; an empty cell is unknown). Output is JSON
//! Lines or CSV, one row per input row, keyed by the input's line number. A
//! row that cannot be read or evaluated becomes an error row, and the batch
//! goes on. Rows are read, evaluated in parallel and written a chunk at a
//! time, so memory does not grow with the input.
//!
//! ```
//! use provisio::batch::{BatchOptions, InputFormat, run_batch};
//!
//! let source = provisio::span::SourceFile::new(
//!     "tax.policy",
//!     "fact income: integer\nverdict exempt = income < 1000",
//! );
//! let model = provisio::check::check_source(&source).expect("checks").model;
//! let input = "{\"income\": 500}\n{\"income\": \"lots\"}\n{\"income\": 2000}\n";
//! let mut output = Vec::new();
//! let summary = run_batch(&model, input.as_bytes(), &mut output, &BatchOptions::new(InputFormat::JsonLines), |_| {})
//!     .expect("runs");
//! let lines: Vec<&str> = std::str::from_utf8(&output).expect("UTF-8").lines().collect();
//! assert_eq!(lines[0], r#"{"line":1,"verdicts":{"exempt":true}}"#);
//! assert!(lines[1].starts_with(r#"{"line":2,"error":"#));
//! assert_eq!(lines[2], r#"{"line":3,"verdicts":{"exempt":false}}"#);
//! assert_eq!((summary.rows, summary.errors), (3, 1));
//! ```

mod csv_rows;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, BufRead, Write};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::{Map, Value as Json};

use crate::eval::{Evaluator, Input, Readings, choose_as_of, evaluate, evaluate_values};
use crate::explain::Detail;
use crate::facts::{FactsFormat, parse_facts_text};
use crate::model::Model;
use crate::render::json::{explanation_json, value_json};
use crate::value::Value;

/// The formats a batch reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON facts object per line.
    JsonLines,
    /// A header of fact paths, then one scenario per row.
    Csv,
}

/// The formats a batch writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object per row: `{"line": N, "verdicts": {...}}` or `{"line": N, "error": "..."}`.
    JsonLines,
    /// A header `line,error,VERDICT...`, then one row per input row.
    Csv,
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The input's format.
    pub input: InputFormat,
    /// The output's format.
    pub output: OutputFormat,
    /// The readings in force for every row.
    pub readings: Option<Readings>,
    /// The date for rows that give no `as_of`.
    pub at: Option<NaiveDate>,
    /// Whether each row carries its verdicts' explanations (JSON Lines only).
    pub explain: bool,
    /// How many rows are read, evaluated and written at a time.
    pub chunk: usize,
}

impl BatchOptions {
    /// Options for an input format, writing JSON Lines, default readings,
    /// today's date for rows without one, no explanations.
    pub fn new(input: InputFormat) -> Self {
        BatchOptions {
            input,
            output: OutputFormat::JsonLines,
            readings: None,
            at: None,
            explain: false,
            chunk: 8192,
        }
    }
}

/// What a batch did: rows, error rows, and how often each verdict took each value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rows read, one per input row.
    pub rows: usize,
    /// Rows that could not be read or evaluated.
    pub errors: usize,
    /// For each verdict, in declaration order: its name and the count of each
    /// value (as written in the output; `undetermined` for undetermined).
    pub values: Vec<(String, BTreeMap<String, usize>)>,
}

/// One row's outcome.
enum RowResult {
    Verdicts(Vec<Value>, Option<Json>),
    Error(String),
}

/// Runs a batch: reads `input`, writes one row per input row to `output`,
/// and calls `progress` with the number of rows done after each chunk.
pub fn run_batch<R: io::Read + Send, W: Write>(
    model: &Model,
    input: R,
    mut output: W,
    options: &BatchOptions,
    mut progress: impl FnMut(usize),
) -> io::Result<Summary> {
    let readings = options
        .readings
        .clone()
        .unwrap_or_else(|| Readings::defaults(model));
    let today = options
        .at
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut summary = Summary {
        values: model
            .verdicts
            .iter()
            .map(|v| (v.name.clone(), BTreeMap::new()))
            .collect(),
        ..Summary::default()
    };
    if options.output == OutputFormat::Csv {
        let mut header = String::from("line,error");
        for verdict in &model.verdicts {
            header.push(',');
            header.push_str(&verdict.name);
        }
        writeln!(output, "{header}")?;
    }
    // Each verdict's values as they come, counted; turned into words at the end.
    let mut tallies: Vec<Vec<(Value, usize)>> = vec![Vec::new(); model.verdicts.len()];
    let rows = match options.input {
        InputFormat::JsonLines => Rows::Lines(io::BufReader::new(input).lines(), 0),
        InputFormat::Csv => Rows::Csv(csv_rows::CsvRows::new(model, input)),
    };
    let size = options.chunk.max(1);
    std::thread::scope(|scope| -> io::Result<()> {
        // The next chunk is read while this one is evaluated.
        let (sender, receiver) = std::sync::mpsc::sync_channel::<io::Result<Chunk>>(1);
        scope.spawn(move || {
            let mut rows = rows;
            loop {
                let chunk = rows.next_chunk(size);
                let last = matches!(&chunk, Ok(c) if c.is_empty()) || chunk.is_err();
                if sender.send(chunk).is_err() || last {
                    break;
                }
            }
        });
        for chunk in receiver {
            let chunk = chunk?;
            if chunk.is_empty() {
                break;
            }
            // Rows are evaluated and written out in parallel; only the appending
            // and the counting are sequential.
            let results: Vec<(RowResult, String)> = chunk
                .into_par_iter()
                .map_init(
                    || Evaluator::new(model),
                    |evaluator, (line, text)| {
                        let result = match text {
                            Ok(text) => evaluate_row(
                                model,
                                evaluator,
                                &text,
                                &readings,
                                today,
                                options.explain,
                            ),
                            Err(message) => RowResult::Error(message),
                        };
                        let mut row = String::with_capacity(192);
                        write_row(model, options.output, line, &result, &mut row);
                        (result, row)
                    },
                )
                .collect();
            let mut buffer = String::with_capacity(results.iter().map(|(_, row)| row.len()).sum());
            for (result, row) in &results {
                summary.rows += 1;
                buffer.push_str(row);
                match result {
                    RowResult::Error(_) => summary.errors += 1,
                    RowResult::Verdicts(values, _) => {
                        for (tally, value) in tallies.iter_mut().zip(values) {
                            match tally.iter_mut().find(|(seen, _)| seen == value) {
                                Some((_, count)) => *count += 1,
                                None => tally.push((value.clone(), 1)),
                            }
                        }
                    }
                }
            }
            output.write_all(buffer.as_bytes())?;
            progress(summary.rows);
        }
        Ok(())
    })?;
    output.flush()?;
    for ((_, counts), tally) in summary.values.iter_mut().zip(tallies) {
        for (value, count) in tally {
            let key = match value {
                Value::Unknown(_) => String::from("undetermined"),
                other => cell(model, &other),
            };
            *counts.entry(key).or_insert(0) += count;
        }
    }
    Ok(summary)
}

/// A chunk of rows: (line number, facts as JSON text or why not).
type Chunk = Vec<(usize, Result<String, String>)>;

/// The rows of the input, a chunk at a time: (line number, facts as JSON text or why not).
enum Rows<R: io::Read> {
    Lines(io::Lines<io::BufReader<R>>, usize),
    Csv(csv_rows::CsvRows<R>),
}

impl<R: io::Read> Rows<R> {
    fn next_chunk(&mut self, size: usize) -> io::Result<Vec<(usize, Result<String, String>)>> {
        let mut chunk = Vec::with_capacity(size.min(65_536));
        match self {
            Rows::Lines(lines, number) => {
                while chunk.len() < size {
                    match lines.next() {
                        None => break,
                        Some(line) => {
                            *number += 1;
                            let text = match line {
                                Ok(text) if text.trim().is_empty() => {
                                    Err(String::from("an empty line holds no facts"))
                                }
                                Ok(text) => Ok(text),
                                Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                                    Err(String::from("the line is not UTF-8 text"))
                                }
                                Err(e) => return Err(e),
                            };
                            chunk.push((*number, text));
                        }
                    }
                }
            }
            Rows::Csv(rows) => {
                while chunk.len() < size {
                    match rows.next_row() {
                        Some(row) => chunk.push(row),
                        None => break,
                    }
                }
            }
        }
        Ok(chunk)
    }
}

fn evaluate_row(
    model: &Model,
    evaluator: &mut Evaluator<'_>,
    text: &str,
    readings: &Readings,
    today: NaiveDate,
    explain: bool,
) -> RowResult {
    let facts = match parse_facts_text(model, "row", text, FactsFormat::Json) {
        Ok(facts) => facts,
        Err(error) => {
            let messages: Vec<String> = match &error {
                crate::facts::FactsError::Invalid(invalid) => {
                    invalid.problems.iter().map(|p| p.message.clone()).collect()
                }
                other => vec![other.to_string()],
            };
            return RowResult::Error(messages.join("; "));
        }
    };
    let (as_of, source) = choose_as_of(None, &facts, today);
    if explain {
        return match evaluate(model, &facts, as_of, source, readings) {
            Ok(evaluation) => {
                let mut explanations = Map::new();
                for outcome in &evaluation.verdicts {
                    if let (Some(verdict), Some(explanation)) = (
                        model.verdicts.get(outcome.verdict as usize),
                        crate::explain::explain(model, &evaluation, outcome, Detail::Decisive),
                    ) {
                        explanations
                            .insert(verdict.name.clone(), explanation_json(model, &explanation));
                    }
                }
                let values = evaluation
                    .verdicts
                    .iter()
                    .map(|v| v.value.clone())
                    .collect();
                RowResult::Verdicts(values, Some(Json::Object(explanations)))
            }
            Err(error) => RowResult::Error(error.to_problem(model).message),
        };
    }
    let input = Input {
        facts: &facts,
        as_of,
        readings,
    };
    let mut values = Vec::with_capacity(model.verdicts.len());
    match evaluate_values(evaluator, &input, &mut values) {
        Ok(()) => RowResult::Verdicts(values, None),
        Err(error) => RowResult::Error(error.to_problem(model).message),
    }
}

/// A JSON string literal.
fn push_json_string(out: &mut String, text: &str) {
    if text
        .chars()
        .all(|c| c != '"' && c != '\\' && !c.is_control())
    {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&Json::String(text.to_string()).to_string());
    }
}

/// A value as JSON, written without building a JSON tree for the common kinds.
fn push_json_value(model: &Model, out: &mut String, value: &Value) {
    match value {
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Unknown(_) => out.push_str("null"),
        Value::Date(date) => {
            use chrono::Datelike;
            let _ = write!(
                out,
                "\"{:04}-{:02}-{:02}\"",
                date.year(),
                date.month(),
                date.day()
            );
        }
        Value::Enum(id, index) => push_json_string(out, model.enum_value_name(*id, *index)),
        other => out.push_str(&value_json(model, other).to_string()),
    }
}

/// A value as a CSV cell: empty when undetermined.
fn cell(model: &Model, value: &Value) -> String {
    match value_json(model, value) {
        Json::Null => String::new(),
        Json::String(s) => s,
        other => other.to_string(),
    }
}

/// Quotes a CSV field when it needs it.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn write_row(
    model: &Model,
    format: OutputFormat,
    line: usize,
    result: &RowResult,
    out: &mut String,
) {
    match result {
        RowResult::Error(message) => match format {
            OutputFormat::JsonLines => {
                let row = serde_json::json!({"line": line, "error": message});
                out.push_str(&row.to_string());
            }
            OutputFormat::Csv => {
                out.push_str(&format!("{line},{}", csv_field(message)));
                for _ in &model.verdicts {
                    out.push(',');
                }
            }
        },
        RowResult::Verdicts(values, explanations) => {
            match format {
                OutputFormat::JsonLines => {
                    // Written by hand: this is the hot path of a batch.
                    let _ = write!(out, "{{\"line\":{line},\"verdicts\":{{");
                    for (index, (verdict, value)) in model.verdicts.iter().zip(values).enumerate() {
                        if index > 0 {
                            out.push(',');
                        }
                        push_json_string(out, &verdict.name);
                        out.push(':');
                        push_json_value(model, out, value);
                    }
                    out.push('}');
                    if let Some(explanations) = explanations {
                        out.push_str(",\"explanations\":");
                        out.push_str(&explanations.to_string());
                    }
                    out.push('}');
                }
                OutputFormat::Csv => {
                    out.push_str(&format!("{line},"));
                    for value in values {
                        out.push(',');
                        out.push_str(&csv_field(&cell(model, value)));
                    }
                }
            }
        }
    }
    out.push('\n');
}

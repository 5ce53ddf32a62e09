//! Batch evaluation: a stream of scenarios in, one row of verdicts out for
//! each, in input order, over every core, in constant memory.
//!
//! Input is JSON Lines (one facts object per line) or CSV (a header of fact
//! paths such as `mc14.opening`; an empty cell is unknown). Output is JSON
//! Lines or CSV, one row per input row, keyed by the input's line number. A
//! row that cannot be read or evaluated becomes an error row, and the batch
//! goes on. Rows are read, evaluated in parallel and written a chunk at a
//! time, each chunk bounded in rows and in bytes, so memory does not grow
//! with the input nor with the rows' size. A batch can be asked to stop
//! through a flag; it then stops between rows, and what it has written is a
//! prefix of what it would have written, in whole rows.
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

mod csv_records;
mod csv_rows;
mod evaluate;
mod input;
mod output_file;
mod read;
mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::eval::{Evaluator, Readings};
use crate::model::Model;
use crate::value::Value;
use evaluate::{RowResult, evaluate_row};
pub use input::StoppableInput;
pub use output_file::{OutputFile, same_file};
use read::{Limits, Read, Rows};

/// The memory a batch's rows may take in flight unless told otherwise: 64 MiB.
pub const DEFAULT_MEMORY: usize = 64 << 20;

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
    /// One JSON object per row: `{"line": N, "verdicts": {...}}`, with
    /// `"errors": {VERDICT: {"code", "message"}}` when verdicts errored, or
    /// `{"line": N, "error": "..."}`.
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
    /// The most rows read, evaluated and written at a time.
    pub chunk: usize,
    /// The bytes of input rows in flight: a chunk ends when its rows reach a
    /// quarter of it (with at least one row), since up to three chunks are
    /// held at once, read, waiting and evaluated. A quoted CSV cell may span
    /// lines up to a quarter of it.
    pub memory: usize,
    /// Set it to stop the batch between rows; `run_batch` then returns a
    /// summary marked `interrupted`.
    pub stop: Option<Arc<AtomicBool>>,
}

impl BatchOptions {
    /// Options for an input format, writing JSON Lines, default readings,
    /// today's date for rows without one, no explanations, chunks of at most
    /// 8,192 rows and `DEFAULT_MEMORY`, no stop flag.
    pub fn new(input: InputFormat) -> Self {
        BatchOptions {
            input,
            output: OutputFormat::JsonLines,
            readings: None,
            at: None,
            explain: false,
            chunk: 8192,
            memory: DEFAULT_MEMORY,
            stop: None,
        }
    }

    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

/// What a batch did: rows, error rows, and how often each verdict took each value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rows evaluated and handed to the output, in input order from the first.
    pub rows: usize,
    /// Rows that could not be read.
    pub errors: usize,
    /// Rows read and evaluated, of which at least one verdict errored (a
    /// conflict, a division by zero...): written with those verdicts marked.
    pub rows_with_errored_verdicts: usize,
    /// For each verdict, in declaration order: its name and the count of each
    /// value (as written in the output; `undetermined` for undetermined, and
    /// the CSV cell, such as `error: provisio::conflict`, for an error).
    pub values: Vec<(String, BTreeMap<String, usize>)>,
    /// Whether the batch stopped because it was asked to, before the end of its input.
    pub interrupted: bool,
}

/// What a batch was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the input.
    Reading,
    /// Writing the output.
    Writing,
}

/// A batch that stopped because its input could not be read or its output
/// written, with what it had done by then.
#[derive(Debug)]
pub struct BatchError {
    /// Reading or writing.
    pub stage: Stage,
    /// The error.
    pub error: io::Error,
    /// The rows evaluated before it, the rows of the chunk that failed to be written included.
    pub summary: Summary,
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.stage {
            Stage::Reading => write!(f, "reading the scenarios failed: {}", self.error),
            Stage::Writing => write!(f, "writing the rows failed: {}", self.error),
        }
    }
}

impl std::error::Error for BatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl From<BatchError> for io::Error {
    fn from(error: BatchError) -> Self {
        error.error
    }
}

/// Runs a batch: reads `input`, writes one row per input row to `output`,
/// and calls `progress` with the number of rows done after each chunk.
///
/// Each chunk is written and `output` flushed before the next, so a reader
/// of the output sees whole rows. When `options.stop` is set, rows not yet
/// evaluated are left out, the rows before them are written, and the
/// summary says `interrupted`; a read that blocks is not cut short (see
/// `StoppableInput` for input that may block).
pub fn run_batch<R: io::Read + Send, W: Write>(
    model: &Model,
    input: R,
    mut output: W,
    options: &BatchOptions,
    mut progress: impl FnMut(usize),
) -> Result<Summary, BatchError> {
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
    let writing = |error| (Stage::Writing, error);
    // Each verdict's values as they come, counted; turned into words at the end.
    let mut tallies: Vec<Vec<(Result<Value, &'static str>, usize)>> =
        vec![Vec::new(); model.verdicts.len()];
    let limits = Limits {
        rows: options.chunk.max(1),
        bytes: (options.memory / 4).max(1),
    };
    let rows = match options.input {
        InputFormat::JsonLines => Rows::Lines(io::BufReader::with_capacity(1 << 16, input), 0),
        InputFormat::Csv => Rows::Csv(csv_rows::CsvRows::new(input, limits.bytes)),
    };
    let stop = options.stop.as_deref();
    let outcome = std::thread::scope(|scope| -> Result<(), (Stage, io::Error)> {
        if options.output == OutputFormat::Csv {
            let mut header = String::from("line,error");
            for verdict in &model.verdicts {
                header.push(',');
                header.push_str(&verdict.name);
            }
            writeln!(output, "{header}").map_err(writing)?;
        }
        // The next chunk is read while this one is evaluated.
        let (sender, receiver) = std::sync::mpsc::sync_channel::<io::Result<Read>>(1);
        scope.spawn(move || {
            let mut rows = rows;
            loop {
                let read = rows.next_chunk(model, limits, stop);
                let last = !matches!(read, Ok(Read::Rows(_)));
                if sender.send(read).is_err() || last {
                    break;
                }
            }
        });
        for read in receiver {
            let chunk = match read.map_err(|e| (Stage::Reading, e))? {
                Read::Rows(chunk) => chunk,
                Read::End => break,
                Read::Stopped => {
                    summary.interrupted = true;
                    break;
                }
            };
            // Rows are evaluated and written out in parallel; only the appending
            // and the counting are sequential. A row not begun when the stop
            // comes is left out.
            let results: Vec<Option<(RowResult, String)>> = chunk
                .into_par_iter()
                .map_init(
                    || Evaluator::new(model),
                    |evaluator, (line, text)| {
                        if options.stopped() {
                            return None;
                        }
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
                        write::write_row(model, options.output, line, &result, &mut row);
                        Some((result, row))
                    },
                )
                .collect();
            let mut buffer =
                String::with_capacity(results.iter().flatten().map(|(_, row)| row.len()).sum());
            for done in &results {
                let Some((result, row)) = done else {
                    // The rows after the first left out are dropped too, so that
                    // the output is a prefix of the whole.
                    summary.interrupted = true;
                    break;
                };
                summary.rows += 1;
                buffer.push_str(row);
                match result {
                    RowResult::Error(_) => summary.errors += 1,
                    RowResult::Verdicts(values, _, _) => {
                        if values.iter().any(Result::is_err) {
                            summary.rows_with_errored_verdicts += 1;
                        }
                        for (tally, value) in tallies.iter_mut().zip(values) {
                            let value = value.as_ref().map_err(|error| error.code());
                            match tally
                                .iter_mut()
                                .find(|(seen, _)| seen.as_ref().map_err(|code| *code) == value)
                            {
                                Some((_, count)) => *count += 1,
                                None => tally.push((value.cloned(), 1)),
                            }
                        }
                    }
                }
            }
            output
                .write_all(buffer.as_bytes())
                .and_then(|()| output.flush())
                .map_err(writing)?;
            progress(summary.rows);
            if summary.interrupted {
                break;
            }
        }
        output.flush().map_err(writing)
    });
    for (((_, counts), tally), verdict) in
        summary.values.iter_mut().zip(tallies).zip(&model.verdicts)
    {
        for (value, count) in tally {
            let key = match value {
                Ok(Value::Unknown(_)) => String::from("undetermined"),
                Ok(other) => write::verdict_cell(model, verdict, &other),
                Err(code) => format!("error: {code}"),
            };
            *counts.entry(key).or_insert(0) += count;
        }
    }
    match outcome {
        Ok(()) => Ok(summary),
        Err((stage, error)) => Err(BatchError {
            stage,
            error,
            summary,
        }),
    }
}

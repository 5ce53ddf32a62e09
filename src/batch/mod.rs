//! Batch evaluation: a stream of scenarios in, one row of verdicts out for
//! each, in input order, over every core, in constant memory.
//!
//! Input is JSON Lines (one facts object per line) or CSV (a header of fact
//! paths such as `mc14.opening`; an empty cell is unknown). Output is JSON
//! Lines or CSV, one row per input row, keyed by the input's line number,
//! stating the date and readings it was evaluated under and each verdict's
//! value and status. A
//! row that cannot be read or evaluated becomes an error row, and the batch
//! goes on. Rows are read, evaluated in parallel (in groups of consecutive
//! rows, each written and counted by the worker that evaluates it) and
//! written a chunk at a time, a chunk written while the next is evaluated,
//! each chunk bounded in rows and in bytes, so memory does not grow
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
//! let mut options = BatchOptions::new(InputFormat::JsonLines);
//! options.at = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
//! let summary = run_batch(&model, input.as_bytes(), &mut output, &options, |_| {})
//!     .expect("runs");
//! let lines: Vec<&str> = std::str::from_utf8(&output).expect("UTF-8").lines().collect();
//! assert_eq!(
//!     lines[0],
//!     r#"{"line":1,"as_of":"2026-01-01","readings":{},"verdicts":{"exempt":true},"status":{"exempt":"determined"}}"#
//! );
//! assert!(lines[1].starts_with(r#"{"line":2,"error":"#));
//! assert_eq!(
//!     lines[2],
//!     r#"{"line":3,"as_of":"2026-01-01","readings":{},"verdicts":{"exempt":false},"status":{"exempt":"determined"}}"#
//! );
//! assert_eq!((summary.rows, summary.errors), (3, 1));
//! ```

mod columns;
mod csv_records;
mod csv_rows;
mod evaluate;
mod groups;
mod input;
mod output_file;
mod prepared;
mod read;
mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use crate::eval::Readings;
use crate::model::Model;
use crate::value::Value;
pub use columns::{READING_PREFIX, output_columns};
use evaluate::RowOptions;
pub use evaluate::read_row_facts;
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
    /// held at once, read, waiting and evaluated, beside the output of the
    /// chunk before them while it is written. A quoted CSV cell may span
    /// lines up to a quarter of it.
    pub memory: usize,
    /// Set it to stop the batch between rows; `run_batch` then returns a
    /// summary marked `interrupted`.
    pub stop: Option<Arc<AtomicBool>>,
    /// Input columns copied to every output row unchanged (`--keep`); a
    /// row that lacks one has it `null` (JSON Lines) or empty (CSV).
    pub keep: Vec<String>,
    /// Whether every input column that is not a fact is copied too
    /// (`--keep-all-unknown`).
    pub keep_all_unknown: bool,
    /// Whether each row states its `as_of`, its readings and each verdict's
    /// status: true unless set otherwise (the command always does); false
    /// gives the shorter rows of earlier versions, verdict values only.
    pub full_rows: bool,
    /// Whether each row gives the fact paths an undetermined verdict
    /// depends on (`--depends-on`).
    pub depends_on: bool,
    /// Whether each row gives an undetermined verdict's residual condition
    /// (`--residual`).
    pub residual: bool,
    /// Whether each row gives each verdict under every combination of the
    /// readings it consults that the row and `readings` leave open
    /// (`--all-readings`).
    pub all_readings: bool,
}

impl BatchOptions {
    /// Options for an input format, writing JSON Lines, default readings,
    /// today's date for rows without one, full rows (date, readings and
    /// statuses), no explanations, chunks of at most 8,192 rows and
    /// `DEFAULT_MEMORY`, no stop flag.
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
            keep: Vec::new(),
            keep_all_unknown: false,
            full_rows: true,
            depends_on: false,
            residual: false,
            all_readings: false,
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
    /// At most [`SUMMARY_VALUES`] values a verdict: the rows whose value
    /// came after those are counted in `other_values`.
    pub values: Vec<(String, BTreeMap<String, usize>)>,
    /// For each verdict, in declaration order: the rows whose value was not
    /// among the first [`SUMMARY_VALUES`] distinct values seen.
    pub other_values: Vec<usize>,
    /// Whether the batch stopped because it was asked to, before the end of its input.
    pub interrupted: bool,
    /// The columns named by `BatchOptions::keep` that no row had.
    pub keep_unseen: Vec<String>,
    /// The columns of the input's first row (a CSV input's header), when
    /// columns are kept: the names a column kept but unseen may have meant.
    pub columns: Vec<String>,
}

/// How many distinct values of a verdict the summary counts one by one. A
/// verdict with a value per row (an amount of tax) would otherwise make the
/// summary as long as the output, and each row's look-up among the values
/// seen so far as slow as their number.
pub const SUMMARY_VALUES: usize = 32;

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
    /// The rows evaluated before it, the rows of the chunk that failed to be
    /// written included (boxed: the error stays small beside `Ok`).
    pub summary: Box<Summary>,
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

/// The top-level names of the first JSON Lines row that is a JSON object.
fn first_columns(chunk: &read::Chunk) -> Vec<String> {
    chunk
        .iter()
        .find_map(|(_, row)| {
            let (text, _) = row.as_ref().ok()?;
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(text).ok()?;
            Some(object.keys().cloned().collect())
        })
        .unwrap_or_default()
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
    let readings = Arc::new(
        options
            .readings
            .clone()
            .unwrap_or_else(|| Readings::defaults(model)),
    );
    let today = options
        .at
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut summary = Summary {
        values: model
            .verdicts
            .iter()
            .map(|v| (v.name.clone(), BTreeMap::new()))
            .collect(),
        other_values: vec![0; model.verdicts.len()],
        ..Summary::default()
    };
    let writing = |error| (Stage::Writing, error);
    // Each verdict's values as they come, counted; turned into words at the end.
    let mut tallies: Vec<groups::Tally> = vec![Vec::new(); model.verdicts.len()];
    let limits = Limits {
        rows: options.chunk.max(1),
        bytes: (options.memory / 4).max(1),
    };
    let rows = match options.input {
        InputFormat::JsonLines => Rows::Lines(io::BufReader::with_capacity(1 << 16, input), 0),
        InputFormat::Csv => Rows::Csv(csv_rows::CsvRows::new(
            input,
            limits.bytes,
            options.keep.clone(),
            options.keep_all_unknown,
        )),
    };
    let stop = options.stop.as_deref();
    let fast = crate::facts::FastFacts::new(model);
    let row_options = RowOptions {
        keep: columns::Keep {
            named: &options.keep,
            all_unknown: options.keep_all_unknown,
        },
        full: options.full_rows,
        json_lines: options.input == InputFormat::JsonLines,
        explain: options.explain,
        depends_on: options.depends_on,
        residual: options.residual,
        all_readings: options.all_readings,
        fast: &fast,
    };
    let mut layout = write::Layout {
        kept: options.keep.clone(),
        full: options.full_rows,
        depends_on: options.depends_on,
        residual: options.residual,
        all_readings: options.all_readings,
        prepared: prepared::Prepared::new(model, &readings),
    };
    let keeping = row_options.keep.any();
    let mut seen = vec![false; options.keep.len()];
    let mut header_read = false;
    let outcome = std::thread::scope(|scope| -> Result<(), (Stage, io::Error)> {
        // The next chunk is read while this one is evaluated.
        let (sender, receiver) = std::sync::mpsc::sync_channel::<io::Result<Read>>(1);
        scope.spawn(move || {
            let mut rows = rows;
            let mut header_sent = false;
            loop {
                let read = rows.next_chunk(model, limits, stop);
                // A CSV input's header, read with its first row, goes first.
                if !header_sent && let Some((names, kept)) = rows.header() {
                    header_sent = true;
                    if sender.send(Ok(Read::Header(names, kept))).is_err() {
                        break;
                    }
                }
                let last = !matches!(read, Ok(Read::Rows(_)));
                if sender.send(read).is_err() || last {
                    break;
                }
            }
        });
        let mut header_written = false;
        // The previous chunk's rows, evaluated and not yet written.
        let mut pending: Option<Vec<groups::Group>> = None;
        let mut totals = groups::Totals {
            summary: &mut summary,
            tallies: &mut tallies,
            seen: &mut seen,
        };
        let mut write_header = |output: &mut W, layout: &write::Layout| {
            if options.output == OutputFormat::Csv && !header_written {
                header_written = true;
                return writeln!(output, "{}", write::csv_header(model, layout));
            }
            Ok(())
        };
        loop {
            // Rows evaluated are written while the next chunk is evaluated;
            // when none is ready yet, at once, so that rows come out as soon
            // as they can when the input comes slowly.
            let read = match receiver.try_recv() {
                Ok(read) => read,
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    if let Some(done) = pending.take() {
                        totals.append(done, &mut output).map_err(writing)?;
                        progress(totals.summary.rows);
                        if totals.summary.interrupted {
                            break;
                        }
                    }
                    match receiver.recv() {
                        Ok(read) => read,
                        Err(_) => break,
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
            };
            let read = match read {
                Ok(read) => read,
                Err(error) => {
                    // The rows read before the failure are written first.
                    if let Some(done) = pending.take() {
                        totals.append(done, &mut output).map_err(writing)?;
                        progress(totals.summary.rows);
                    }
                    return Err((Stage::Reading, error));
                }
            };
            let chunk = match read {
                Read::Header(names, kept) => {
                    // A CSV row has every column of its header.
                    for (seen, name) in totals.seen.iter_mut().zip(&options.keep) {
                        *seen = names.contains(name);
                    }
                    header_read = true;
                    if keeping {
                        // The header's kept columns that `--keep` did not name
                        // have columns of their own in a CSV output.
                        for name in kept {
                            if !layout.kept.contains(&name) {
                                layout.kept.push(name);
                            }
                        }
                        if totals.summary.columns.is_empty() {
                            totals.summary.columns = names;
                        }
                    }
                    continue;
                }
                Read::Rows(chunk) => chunk,
                Read::End => break,
                Read::Stopped => {
                    totals.summary.interrupted = true;
                    break;
                }
            };
            write_header(&mut output, &layout).map_err(writing)?;
            if keeping && totals.summary.columns.is_empty() {
                totals.summary.columns = first_columns(&chunk);
            }
            // Rows are evaluated, written out and counted in parallel, in
            // groups; only the appending and the adding up are sequential,
            // and they are done for the previous chunk while this one is
            // evaluated. A row not begun when the stop comes is left out.
            let shared = groups::Shared {
                model,
                options,
                row_options: &row_options,
                layout: &layout,
                readings: &readings,
                today,
            };
            let mut evaluated = None;
            let written = rayon::in_place_scope(|scope| {
                scope.spawn(|_| evaluated = Some(groups::evaluate_chunk(&shared, chunk)));
                match pending.take() {
                    Some(done) => totals.append(done, &mut output).map(|()| true),
                    None => Ok(false),
                }
            });
            if written.map_err(writing)? {
                progress(totals.summary.rows);
            }
            if totals.summary.interrupted {
                // The chunk evaluated meanwhile comes after rows left out.
                break;
            }
            pending = evaluated;
        }
        if let Some(done) = pending.take() {
            totals.append(done, &mut output).map_err(writing)?;
            progress(totals.summary.rows);
        }
        // An empty input still has its header.
        write_header(&mut output, &layout).map_err(writing)?;
        output.flush().map_err(writing)
    });
    // Without a row nor a header, no column is missing.
    let nothing_read = summary.rows == 0 && !header_read;
    summary.keep_unseen = options
        .keep
        .iter()
        .zip(&seen)
        .filter(|(_, seen)| !**seen && !nothing_read)
        .map(|(name, _)| name.clone())
        .collect();
    for (((_, counts), tally), verdict) in
        summary.values.iter_mut().zip(tallies).zip(&model.verdicts)
    {
        for (_, value, count) in tally {
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
            summary: Box::new(summary),
        }),
    }
}

//! Rows evaluated in groups: a worker evaluates a run of consecutive rows,
//! writes them into one buffer and counts their values, so that the thread
//! that writes the output only appends buffers and adds up small counts.
//! Each row's values are dropped by the worker that made them.

use std::io::{self, Write};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::evaluate::{RowOptions, RowResult, evaluate_row};
use super::read::{Chunk, RowText};
use super::{BatchOptions, SUMMARY_VALUES, Summary, write};
use crate::eval::{Evaluator, Readings};
use crate::model::Model;
use crate::value::Value;

/// Rows a group holds: enough that a group's bookkeeping is small beside
/// its rows, few enough that a chunk's groups spread over every core.
pub(super) const GROUP_ROWS: usize = 64;

/// A verdict's values in the order first seen, each with its fingerprint
/// and how many rows gave it; an error by its code.
pub(super) type Tally = Vec<(u64, Result<Value, &'static str>, usize)>;

/// A number that equal values share, so that most unequal values are told
/// apart without comparing them: their kind, and for the kinds a verdict
/// most often gives, their contents. Numbers, amounts and the rest share
/// one per kind, since equal amounts can be written apart (`1.0`, `1.00`).
fn fingerprint_of(value: &Value) -> u64 {
    use chrono::Datelike;
    match value {
        Value::Bool(b) => 1 << 40 | u64::from(*b),
        Value::Enum(id, index) => 2 << 40 | u64::from(*id) << 20 | u64::from(*index),
        Value::Date(date) => 3 << 40 | u64::from(date.num_days_from_ce().unsigned_abs()),
        Value::Unknown(_) => 4 << 40,
        Value::None => 5 << 40,
        _ => 6 << 40,
    }
}

/// The fingerprint of an error, by its code.
fn fingerprint_of_error(code: &str) -> u64 {
    7 << 40 | code.len() as u64
}

/// A group of rows, evaluated and written.
pub(super) struct Group {
    /// The rows' output, one after another.
    pub(super) text: String,
    /// The rows evaluated.
    pub(super) rows: usize,
    /// The rows that could not be read or evaluated.
    pub(super) errors: usize,
    /// The rows with at least one verdict that failed.
    pub(super) rows_with_errored_verdicts: usize,
    /// Each verdict's values among the group's rows, every distinct one.
    pub(super) tallies: Vec<Tally>,
    /// For each `--keep` column, whether a row of the group had it.
    pub(super) kept_seen: Vec<bool>,
    /// Whether the batch was stopped before the group's last row: the rows
    /// after the first left out are left out too.
    pub(super) stopped: bool,
}

/// What every group of a batch shares.
pub(super) struct Shared<'a> {
    pub(super) model: &'a Model,
    pub(super) options: &'a BatchOptions,
    pub(super) row_options: &'a RowOptions<'a>,
    pub(super) layout: &'a write::Layout,
    pub(super) readings: &'a std::sync::Arc<Readings>,
    pub(super) today: NaiveDate,
}

/// Evaluates a chunk's rows on every core, a group at a time; the groups
/// in row order.
pub(super) fn evaluate_chunk(shared: &Shared<'_>, chunk: Chunk) -> Vec<Group> {
    chunk
        .into_par_iter()
        .chunks(GROUP_ROWS)
        .map_init(
            || Evaluator::new(shared.model),
            |evaluator, rows| evaluate_group(shared, evaluator, rows),
        )
        .collect()
}

/// What the batch has counted so far, to which each chunk's groups are
/// added as they are written.
pub(super) struct Totals<'a> {
    pub(super) summary: &'a mut Summary,
    /// Each verdict's values, as the summary will count them.
    pub(super) tallies: &'a mut [Tally],
    /// For each `--keep` column, whether a row had it.
    pub(super) seen: &'a mut [bool],
}

impl Totals<'_> {
    /// Writes a chunk's groups in order, counts them and flushes `output`,
    /// so that a reader of the output sees whole rows. A group that the
    /// stop cut short ends the output, which stays a prefix of the whole.
    pub(super) fn append(&mut self, done: Vec<Group>, output: &mut impl Write) -> io::Result<()> {
        let summary = &mut *self.summary;
        for group in done {
            summary.rows += group.rows;
            summary.errors += group.errors;
            summary.rows_with_errored_verdicts += group.rows_with_errored_verdicts;
            for (seen, group_seen) in self.seen.iter_mut().zip(&group.kept_seen) {
                *seen |= group_seen;
            }
            for ((tally, others), group_tally) in self
                .tallies
                .iter_mut()
                .zip(summary.other_values.iter_mut())
                .zip(group.tallies)
            {
                merge(tally, others, group_tally);
            }
            output.write_all(group.text.as_bytes())?;
            if group.stopped {
                summary.interrupted = true;
                break;
            }
        }
        output.flush()
    }
}

/// Evaluates and writes a group of consecutive rows with `evaluator`.
pub(super) fn evaluate_group<'m>(
    shared: &Shared<'m>,
    evaluator: &mut Evaluator<'m>,
    rows: Vec<(usize, RowText)>,
) -> Group {
    let model = shared.model;
    let options = shared.options;
    let mut group = Group {
        // A full row of a few verdicts takes about 500 bytes.
        text: String::with_capacity(rows.len() * 640),
        rows: 0,
        errors: 0,
        rows_with_errored_verdicts: 0,
        tallies: vec![Vec::new(); model.verdicts.len()],
        kept_seen: vec![false; options.keep.len()],
        stopped: false,
    };
    for (line, text) in rows {
        if options.stopped() {
            group.stopped = true;
            break;
        }
        let (result, info) = match text {
            Ok((text, extras)) => evaluate_row(
                model,
                evaluator,
                &text,
                extras,
                shared.readings,
                shared.today,
                shared.row_options,
            ),
            Err(message) => (RowResult::Error(message), None),
        };
        write::write_row(
            model,
            options.output,
            shared.layout,
            line,
            (&result, info.as_deref()),
            &mut group.text,
        );
        group.rows += 1;
        if let Some(info) = &info {
            for (name, _) in &info.kept {
                if let Some(index) = options.keep.iter().position(|k| k == name)
                    && let Some(seen) = group.kept_seen.get_mut(index)
                {
                    *seen = true;
                }
            }
        }
        match result {
            RowResult::Error(_) => group.errors += 1,
            RowResult::Verdicts(values, _, _) => {
                if values.iter().any(Result::is_err) {
                    group.rows_with_errored_verdicts += 1;
                }
                for (tally, value) in group.tallies.iter_mut().zip(&values) {
                    add_row(tally, value);
                }
            }
        }
    }
    group
}

/// Counts one row's value in a group's tally, read in place: a value is
/// copied only the first time it is seen (a copy of a value just made
/// stalls the processor, see `Run::binary`).
fn add_row(tally: &mut Tally, value: &Result<Value, crate::eval::EvalError>) {
    let print = match value {
        Ok(value) => fingerprint_of(value),
        Err(error) => fingerprint_of_error(error.code()),
    };
    let same = |seen: &Result<Value, &'static str>| match (seen, value) {
        (Ok(seen), Ok(value)) => seen == value,
        (Err(code), Err(error)) => *code == error.code(),
        _ => false,
    };
    match tally
        .iter_mut()
        .find(|(p, seen, _)| *p == print && same(seen))
    {
        Some((_, _, n)) => *n += 1,
        None => tally.push((
            print,
            match value {
                Ok(value) => Ok(value.clone()),
                Err(error) => Err(error.code()),
            },
            1,
        )),
    }
}

/// Adds a group's tally to the batch's, in the group's order of first
/// sight: a value not among the batch's first [`SUMMARY_VALUES`] distinct
/// ones counts in `others`. Groups are added in row order, so the batch's
/// tally is the one the rows give counted one by one.
fn merge(batch: &mut Tally, others: &mut usize, group: Tally) {
    for (print, value, count) in group {
        let full = batch.len() >= SUMMARY_VALUES;
        match batch
            .iter_mut()
            .find(|(p, seen, _)| *p == print && *seen == value)
        {
            Some((_, _, n)) => *n += count,
            None if full => *others += count,
            None => batch.push((print, value, count)),
        }
    }
}

//! The input read a chunk at a time: a chunk ends when it holds the most rows
//! allowed or its rows' bytes reach the budget, whichever comes first, with
//! at least one row; reading stops between rows when the batch is asked to.

use std::io::{self, BufRead};
use std::sync::atomic::{AtomicBool, Ordering};

use super::csv_rows::CsvRows;
use crate::model::Model;

/// A chunk of rows: (line number, facts as JSON text or why not).
pub(super) type Chunk = Vec<(usize, Result<String, String>)>;

/// What the reader hands on.
pub(super) enum Read {
    /// Rows to evaluate; the last chunk may be short.
    Rows(Chunk),
    /// The input is over.
    End,
    /// The batch was asked to stop; rows read since are dropped.
    Stopped,
}

/// How big a chunk may grow.
#[derive(Clone, Copy)]
pub(super) struct Limits {
    /// The most rows in a chunk.
    pub(super) rows: usize,
    /// The bytes after which a chunk ends.
    pub(super) bytes: usize,
}

/// The rows of the input.
pub(super) enum Rows<R: io::Read> {
    Lines(io::BufReader<R>, usize),
    Csv(CsvRows<R>),
}

/// Bytes a row is counted for beyond its text: its place in the chunk.
const ROW_OVERHEAD: usize = std::mem::size_of::<(usize, Result<String, String>)>();

impl<R: io::Read> Rows<R> {
    /// The next chunk, the end, or a stop asked for through `stop`.
    pub(super) fn next_chunk(
        &mut self,
        model: &Model,
        limits: Limits,
        stop: Option<&AtomicBool>,
    ) -> io::Result<Read> {
        let mut chunk = Vec::with_capacity(limits.rows.min(65_536));
        let mut bytes = 0;
        while chunk.len() < limits.rows.max(1) && bytes < limits.bytes.max(1) {
            let row = match self {
                Rows::Lines(input, number) => {
                    let mut line = Vec::new();
                    if input.read_until(b'\n', &mut line)? == 0 {
                        None
                    } else {
                        *number += 1;
                        Some((*number, line_text(line)))
                    }
                }
                Rows::Csv(rows) => rows.next_row(model)?,
            };
            // A row read after a stop may be cut short by it: it is dropped.
            if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
                return Ok(Read::Stopped);
            }
            let Some(row) = row else { break };
            bytes += ROW_OVERHEAD
                + row
                    .1
                    .as_ref()
                    .map_or_else(String::capacity, String::capacity);
            chunk.push(row);
        }
        Ok(if chunk.is_empty() {
            Read::End
        } else {
            Read::Rows(chunk)
        })
    }
}

/// A line of JSON Lines as the text of its facts, or why it holds none.
fn line_text(mut line: Vec<u8>) -> Result<String, String> {
    if line.ends_with(b"\n") {
        line.pop();
        if line.ends_with(b"\r") {
            line.pop();
        }
    }
    match String::from_utf8(line) {
        Ok(text) if text.trim().is_empty() => Err(String::from("an empty line holds no facts")),
        Ok(text) => Ok(text),
        Err(_) => Err(String::from("the line is not UTF-8 text")),
    }
}

//! The input read a chunk at a time: a chunk ends when it holds the most rows
//! allowed or its rows' bytes reach the budget, whichever comes first, with
//! at least one row; reading stops between rows when the batch is asked to.

use std::io::{self, BufRead};
use std::sync::atomic::{AtomicBool, Ordering};

use super::columns::Extras;
use super::csv_rows::CsvRows;
use crate::model::Model;

/// A row as read: its facts as JSON text, with what a CSV row carries
/// beside them (JSON Lines rows are split when evaluated); or why not.
pub(super) type RowText = Result<(String, Option<Box<Extras>>), String>;

/// A chunk of rows: (line number, row).
pub(super) type Chunk = Vec<(usize, RowText)>;

/// What the reader hands on.
pub(super) enum Read {
    /// Rows to evaluate; the last chunk may be short.
    Rows(Chunk),
    /// A CSV header's names and the names of its kept columns, before its first rows.
    Header(Vec<String>, Vec<String>),
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
const ROW_OVERHEAD: usize = std::mem::size_of::<(usize, RowText)>();

impl<R: io::Read> Rows<R> {
    /// A CSV input's header names and kept columns, once read.
    pub(super) fn header(&self) -> Option<(Vec<String>, Vec<String>)> {
        match self {
            Rows::Lines(..) => None,
            Rows::Csv(rows) => Some((rows.header_names()?, rows.kept_names()?)),
        }
    }

    /// The next chunk, the end, or a stop asked for through `stop`.
    pub(super) fn next_chunk(
        &mut self,
        model: &Model,
        limits: Limits,
        stop: Option<&AtomicBool>,
    ) -> io::Result<Read> {
        let mut chunk = Vec::with_capacity(limits.rows.min(65_536));
        let mut bytes = 0;
        let mut last = 0usize;
        while chunk.len() < limits.rows.max(1) && bytes < limits.bytes.max(1) {
            let row = match self {
                Rows::Lines(input, number) => {
                    // Sized after the previous line and its line end, so that
                    // a line as long is read without growing its buffer (the
                    // chunk's bytes count the capacity: no more is held).
                    let mut line = Vec::with_capacity(last.saturating_add(2));
                    if input.read_until(b'\n', &mut line)? == 0 {
                        None
                    } else {
                        *number += 1;
                        Some((*number, line_text(line).map(|text| (text, None))))
                    }
                }
                Rows::Csv(rows) => rows.next_row(model)?,
            };
            // A row read after a stop may be cut short by it: it is dropped.
            if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
                return Ok(Read::Stopped);
            }
            let Some(row) = row else { break };
            last = row.1.as_ref().map_or(0, |(text, _)| text.len());
            bytes += ROW_OVERHEAD
                + row
                    .1
                    .as_ref()
                    .map_or_else(String::capacity, |(text, _)| text.capacity());
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

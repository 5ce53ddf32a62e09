//! CSV text split into records by hand, so that a quote left open costs one
//! row and not the rest of the input.
//!
//! The rule: a cell that starts with a quote runs to the next lone quote,
//! across line breaks if need be (`""` inside it is a quote); that quote must
//! end the cell, followed by a comma or the end of the line. When it is not,
//! when no quote closes the cell before the end of the input, or when the
//! record grows past its byte limit while the quote is open, the record is an
//! error naming the line where the quote opened, and reading starts again on
//! the line after the record's first. A quote inside a cell that did not start
//! with one is an ordinary character. Lines end with LF or CRLF; empty lines
//! are skipped.

use std::collections::VecDeque;
use std::io::{self, BufRead};

/// One record: the line it starts on, and its cells or why it cannot be read.
pub(super) struct Record {
    pub(super) line: usize,
    pub(super) cells: Result<Vec<String>, String>,
}

/// The records of a CSV input, one at a time.
pub(super) struct CsvRecords<R: io::Read> {
    input: io::BufReader<R>,
    /// Lines read ahead by a record that failed, to be read again.
    pending: VecDeque<(usize, Vec<u8>)>,
    /// The number of the next line read from `input`.
    next_number: usize,
    /// The most bytes a record may span while a quote is open.
    limit: usize,
}

/// Where the scanner is within a record.
#[derive(Clone, Copy)]
enum State {
    /// At the start of a cell.
    CellStart,
    /// In a cell that did not start with a quote.
    Plain,
    /// In a quoted cell, opened on the line given.
    Quoted(usize),
    /// Just after a quote in a quoted cell opened on the line given: the end
    /// of the cell, or the first half of `""`.
    QuoteInQuoted(usize),
}

/// What scanning a line gave.
enum Scan {
    /// The record ended on this line.
    Complete,
    /// A quoted cell is still open at the line's end.
    Open(usize),
    /// The record is malformed.
    Malformed(String),
}

/// Scans the cells of a record, a line at a time.
struct Scanner {
    state: State,
    cells: Vec<Vec<u8>>,
    cell: Vec<u8>,
}

impl Scanner {
    fn new() -> Self {
        Scanner {
            state: State::CellStart,
            cells: Vec::new(),
            cell: Vec::new(),
        }
    }

    fn end_cell(&mut self) {
        self.cells.push(std::mem::take(&mut self.cell));
        self.state = State::CellStart;
    }

    /// Scans one line, with its line end if it has one.
    fn scan(&mut self, number: usize, line: &[u8]) -> Scan {
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let bare = content.strip_suffix(b"\r").unwrap_or(content);
        for (index, &byte) in content.iter().enumerate() {
            // The CR of a CRLF line end is not part of an unquoted cell.
            let at_line_end = index == bare.len();
            match self.state {
                State::CellStart => match byte {
                    b'"' => self.state = State::Quoted(number),
                    b',' => self.end_cell(),
                    _ if at_line_end => {}
                    _ => {
                        self.cell.push(byte);
                        self.state = State::Plain;
                    }
                },
                State::Plain => match byte {
                    b',' => self.end_cell(),
                    _ if at_line_end => {}
                    _ => self.cell.push(byte),
                },
                State::Quoted(opened) => match byte {
                    b'"' => self.state = State::QuoteInQuoted(opened),
                    _ => self.cell.push(byte),
                },
                State::QuoteInQuoted(opened) => match byte {
                    b'"' => {
                        self.cell.push(b'"');
                        self.state = State::Quoted(opened);
                    }
                    b',' => self.end_cell(),
                    _ if at_line_end => {}
                    _ => {
                        return Scan::Malformed(format!(
                            "the quote opened on line {opened} closes on line {number} in the middle of a cell"
                        ));
                    }
                },
            }
        }
        match self.state {
            State::Quoted(opened) => {
                if line.ends_with(b"\n") {
                    self.cell.push(b'\n');
                }
                Scan::Open(opened)
            }
            _ => {
                self.end_cell();
                Scan::Complete
            }
        }
    }
}

impl<R: io::Read> CsvRecords<R> {
    /// Records of `input`; a record may span at most `limit` bytes while a quote is open.
    pub(super) fn new(input: R, limit: usize) -> Self {
        CsvRecords {
            input: io::BufReader::with_capacity(1 << 16, input),
            pending: VecDeque::new(),
            next_number: 1,
            limit: limit.max(1),
        }
    }

    /// The next line, with its line end: one read again first, else one from the input.
    fn next_line(&mut self) -> io::Result<Option<(usize, Vec<u8>)>> {
        if let Some(line) = self.pending.pop_front() {
            return Ok(Some(line));
        }
        let mut line = Vec::new();
        if self.input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let number = self.next_number;
        self.next_number += 1;
        if number == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        Ok(Some((number, line)))
    }

    /// Puts back the lines of a failed record after its first, to be read again.
    fn read_again(&mut self, lines: Vec<(usize, Vec<u8>)>) {
        for line in lines.into_iter().skip(1).rev() {
            self.pending.push_front(line);
        }
    }

    /// The next record, or `None` at the end of the input.
    pub(super) fn next_record(&mut self) -> io::Result<Option<Record>> {
        let first = loop {
            match self.next_line()? {
                None => return Ok(None),
                Some((_, line)) if matches!(line.as_slice(), b"\n" | b"\r\n") => continue,
                Some(line) => break line,
            }
        };
        let start = first.0;
        let mut scanner = Scanner::new();
        let mut size = first.1.len();
        let mut lines = vec![first];
        loop {
            let (number, line) = &lines[lines.len() - 1];
            let failure = match scanner.scan(*number, line) {
                Scan::Complete => {
                    let cells = scanner
                        .cells
                        .into_iter()
                        .map(String::from_utf8)
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|_| String::from("the row is not UTF-8 text"));
                    return Ok(Some(Record { line: start, cells }));
                }
                Scan::Malformed(message) => message,
                Scan::Open(opened) if size > self.limit => format!(
                    "the quote opened on line {opened} is still open after {size} bytes, more than a row may take"
                ),
                Scan::Open(opened) => match self.next_line()? {
                    Some(next) => {
                        size += next.1.len();
                        lines.push(next);
                        continue;
                    }
                    None => format!("the quote opened on line {opened} is never closed"),
                },
            };
            self.read_again(lines);
            return Ok(Some(Record {
                line: start,
                cells: Err(failure),
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(usize, Result<Vec<String>, String>)> {
        let mut records = CsvRecords::new(text.as_bytes(), 1 << 20);
        let mut out = Vec::new();
        while let Some(record) = records.next_record().expect("reads") {
            out.push((record.line, record.cells));
        }
        out
    }

    fn ok(line: usize, cells: &[&str]) -> (usize, Result<Vec<String>, String>) {
        (line, Ok(cells.iter().map(|c| c.to_string()).collect()))
    }

    #[test]
    fn cells_quoted_across_lines_and_crlf_line_ends() {
        assert_eq!(
            records("a,b\r\n\r\n\"x\ny\",\"say \"\"hi\"\"\"\r\n1,\n"),
            [
                ok(1, &["a", "b"]),
                ok(3, &["x\ny", "say \"hi\""]),
                ok(5, &["1", ""])
            ]
        );
    }

    #[test]
    fn an_unterminated_quote_costs_one_row() {
        assert_eq!(
            records("a,b\n1,\"2\n3,4\n5,6"),
            [
                ok(1, &["a", "b"]),
                (
                    2,
                    Err(String::from("the quote opened on line 2 is never closed"))
                ),
                ok(3, &["3", "4"]),
                ok(4, &["5", "6"]),
            ]
        );
    }

    #[test]
    fn a_quote_closed_mid_cell_costs_one_row() {
        assert_eq!(
            records("1,\"2\n3,\"x\" y\n5,6\n"),
            [
                (
                    1,
                    Err(String::from(
                        "the quote opened on line 1 closes on line 2 in the middle of a cell"
                    ))
                ),
                (
                    2,
                    Err(String::from(
                        "the quote opened on line 2 closes on line 2 in the middle of a cell"
                    ))
                ),
                ok(3, &["5", "6"]),
            ]
        );
    }

    #[test]
    fn a_quote_open_past_the_limit_is_given_up() {
        let mut records = CsvRecords::new("\"a\nb\nc\nd\n".as_bytes(), 3);
        let first = records.next_record().expect("reads").expect("a record");
        assert_eq!(first.line, 1);
        assert_eq!(
            first.cells,
            Err(String::from(
                "the quote opened on line 1 is still open after 5 bytes, more than a row may take"
            ))
        );
        let second = records.next_record().expect("reads").expect("a record");
        assert_eq!((second.line, second.cells), ok(2, &["b"]));
    }
}

//! What the formatter's tests compare: the checked model of a policy with
//! every position left out, and the problems it raises without their spans.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use provisio::span::SourceFile;

/// Formats a policy's text, named as the file it is read from (so that the
/// files it uses are found beside it).
pub fn format(name: &str, text: &str) -> Result<String, String> {
    provisio::format::format_source(&SourceFile::new(name, text)).map_err(|p| p.message)
}

/// What a policy means, as text: its checked model's Debug rendering with
/// every span taken out and its own source emptied, then each warning's code,
/// message and help; or, for a policy that does not check, each problem's
/// code, message and help. Positions are all that formatting may change.
pub fn meaning(name: &str, text: &str) -> String {
    match provisio::check::check_source(&SourceFile::new(name, text)) {
        Ok(checked) => {
            let mut model = checked.model;
            model.source = SourceFile::new(name, "");
            let mut out = without_spans(&format!("{model:?}"));
            for warning in sorted(&checked.warnings) {
                out.push_str(&format!("\nwarning {warning}"));
            }
            out
        }
        Err(problems) => sorted(&problems)
            .iter()
            .map(|p| format!("error {p}\n"))
            .collect(),
    }
}

/// Each problem's code, message and help, sorted: problems come in the order
/// of their places in the file, which putting clauses in order may change.
fn sorted(problems: &provisio::diagnostic::Problems) -> Vec<String> {
    let mut all: Vec<String> = problems
        .items
        .iter()
        .map(|p| format!("{} {} {:?}", p.code, p.message, p.help))
        .collect();
    all.sort();
    all
}

/// The Debug text with each `Span { start: N, end: N }` left out, each
/// `offset: N` (where a used policy's spans start among the user's), and the
/// text of each source file (an amendment's versions keep their file's).
pub fn without_spans(debug: &str) -> String {
    let debug = sources_out(&spans_out(debug));
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("offset: ") {
        let after = &rest[at + "offset: ".len()..];
        out.push_str(&rest[..at]);
        out.push_str("offset");
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// The Debug text with each `Span { start: N, end: N }` left out.
fn spans_out(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(at) = rest.find("Span { start: ") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        match after.find('}') {
            Some(end) => {
                out.push_str("Span");
                rest = &after[end + 1..];
            }
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `.policy` file under a folder of the repository, sorted, as
/// `provisio fmt` finds them.
pub fn policies(folder: &str) -> Vec<PathBuf> {
    provisio::testing::policy_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder))
}

/// The comments of a policy's text (each `#` to the end of its line, outside
/// texts), sorted: clauses put in order carry their comments with them.
pub fn comments(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '#' => {
                let mut end = text.len();
                while let Some(&(next, c)) = chars.peek() {
                    if c == '\n' {
                        end = next;
                        break;
                    }
                    chars.next();
                }
                let comment = &text[at..end];
                found.push(comment.strip_suffix('\r').unwrap_or(comment).to_string());
            }
            _ => {}
        }
    }
    found.sort();
    found
}

/// The quoted texts of a policy, quotes included, sorted (clauses put in
/// order carry their texts with them).
pub fn texts(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                let mut end = text.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        _ => {}
                    }
                }
                found.push(text[at..end].to_string());
            }
            '#' => {
                while let Some(&(_, c)) = chars.peek() {
                    if c == '\n' {
                        break;
                    }
                    chars.next();
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

/// Where two texts first differ: a little of each from just before there.
pub fn first_difference(a: &str, b: &str) -> String {
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let from = a
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i + 300 <= at)
        .last()
        .unwrap_or(0);
    let show = |s: &str| {
        s.get(from..)
            .unwrap_or_default()
            .chars()
            .take(600)
            .collect::<String>()
    };
    format!("{}\n---\n{}", show(a), show(b))
}

/// The Debug text with the text of each `SourceFile { name: .., text: ".." }`
/// left out.
fn sources_out(debug: &str) -> String {
    const TEXT: &str = ", text: \"";
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(at) = rest.find("SourceFile { name: ") {
        let Some(text_at) = rest[at..].find(TEXT).map(|i| at + i + TEXT.len()) else {
            break;
        };
        out.push_str(&rest[..text_at]);
        // Past the Debug-escaped string to its closing quote.
        let mut chars = rest[text_at..].char_indices();
        let mut end = rest.len() - text_at;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        rest = &rest[text_at + end..];
    }
    out.push_str(rest);
    out
}

//! Limits that keep parsing, checking and evaluation within a bounded stack.
//!
//! The parser, the checker and the evaluator walk expressions recursively, so
//! an expression nested thousands of levels deep (a garbled file, or one made
//! to crash the tool) would exhaust the stack. Before parsing, a quick scan
//! over the text bounds how deeply any one item can nest: open parentheses,
//! plus the words and symbols that add a level (`if`, `not`, `and`, `or`,
//! comparisons, arithmetic) since the item's first keyword. No policy a
//! drafter writes comes near the limit; one that does gets a diagnostic
//! asking for the expression to be split into definitions.

use crate::diagnostic::Problem;
use crate::span::{SourceFile, Span};

/// The deepest an item's expressions may nest. At about 10 KiB of stack a
/// level in a debug build, this fits the 2 MiB of a spawned thread.
pub const MAX_NESTING: usize = 128;

/// Words that start a new item or clause, where nesting starts again from zero.
const ITEM_WORDS: [&str; 17] = [
    "instrument",
    "event",
    "fact",
    "reading",
    "provision",
    "text",
    "define",
    "exception",
    "verdict",
    "prohibition",
    "obligation",
    "permission",
    "commitment",
    "while",
    "when",
    "cites",
    "says",
];

/// Words that add a level of nesting to an expression.
const NESTING_WORDS: [&str; 7] = ["if", "not", "and", "or", "is", "before", "after"];

/// Checks the nesting bound; the problem points at the token that crossed it.
pub fn check_nesting(source: &SourceFile) -> Result<(), Problem> {
    let text = source.text.as_bytes();
    let mut depth = 0usize;
    let mut level = 0usize;
    let mut i = 0usize;
    while i < text.len() {
        let c = text.get(i).copied().unwrap_or(b' ');
        let start = i;
        match c {
            b'#' => {
                while i < text.len() && text.get(i) != Some(&b'\n') {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < text.len() {
                    match text.get(i) {
                        Some(b'\\') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                continue;
            }
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'+' | b'-' | b'*' | b'/' | b'<' | b'>' | b'=' | b'!' => level += 1,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < text.len()
                    && text
                        .get(i)
                        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                {
                    i += 1;
                }
                let word = source.text.get(start..i).unwrap_or("");
                if ITEM_WORDS.contains(&word) {
                    level = 0;
                } else if NESTING_WORDS.contains(&word) {
                    level += 1;
                }
                if depth + level > MAX_NESTING {
                    return Err(too_deep(source, Span::new(start, i)));
                }
                continue;
            }
            _ => {}
        }
        i += 1;
        if depth + level > MAX_NESTING {
            return Err(too_deep(source, Span::new(start, i)));
        }
    }
    Ok(())
}

fn too_deep(source: &SourceFile, span: Span) -> Problem {
    Problem::error(
        "provisio::too_deep",
        format!("this expression nests more than {MAX_NESTING} levels deep"),
        span,
        "the limit is crossed here",
    )
    .with_help("split the expression into several `define`s, each naming a part of it")
    .in_file(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_bundled_decision() {
        let text = include_str!("../../rules/wto/mc13-ecommerce.policy");
        assert!(check_nesting(&SourceFile::new("p", text)).is_ok());
    }

    #[test]
    fn rejects_deep_parentheses() {
        let text = format!("verdict v = {}1{}", "(".repeat(10_000), ")".repeat(10_000));
        let problem = check_nesting(&SourceFile::new("p", text)).err();
        assert_eq!(problem.map(|p| p.code), Some("provisio::too_deep"));
    }

    #[test]
    fn rejects_long_chains_of_operators() {
        let text = format!("verdict v = a{}", " and a".repeat(1_000));
        assert!(check_nesting(&SourceFile::new("p", text)).is_err());
    }

    #[test]
    fn counts_again_from_each_item() {
        let one = format!("a{}", " and a".repeat(100));
        let text = format!("provision p text \"t\" define x = {one} define y = {one}");
        assert!(check_nesting(&SourceFile::new("p", text)).is_ok());
    }
}

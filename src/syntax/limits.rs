//! Limits that keep parsing, checking and evaluation within a bounded stack.
//!
//! The parser, the checker and the evaluator walk an expression recursively,
//! so an expression nested thousands of levels deep (a garbled file, or one
//! made to crash the tool) would exhaust the stack. Before parsing, a quick
//! scan over the text bounds how deeply any one item can nest: open
//! parentheses, `if` and `not` (each nests what follows), and chains of
//! comparisons or arithmetic, which nest one level per operator. Chains of
//! `and` and `or` stay flat in the syntax tree, so they separate such chains
//! rather than add to them. No policy a drafter writes comes near the limit;
//! one that does gets a diagnostic asking for the expression to be split
//! into definitions. (Chains of definitions are not bounded: the checker and
//! the evaluator grow their stack as they follow them.)

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

/// Words that nest what follows them.
const PREFIX_WORDS: [&str; 2] = ["if", "not"];

/// Words that make a binary operator, nesting when chained.
const OPERATOR_WORDS: [&str; 3] = ["is", "before", "after"];

/// Words that separate chains of operators at their level.
const CHAIN_WORDS: [&str; 4] = ["and", "or", "then", "else"];

/// Checks the nesting bound; the problem points at the token that crossed it.
pub fn check_nesting(source: &SourceFile) -> Result<(), Problem> {
    let text = source.text.as_bytes();
    // Operators chained at each open parenthesis, innermost last.
    let mut chains: Vec<usize> = vec![0];
    let mut prefixes = 0usize;
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
            b'(' => chains.push(0),
            b')' if chains.len() > 1 => {
                chains.pop();
            }
            b'+' | b'-' | b'*' | b'/' | b'<' | b'>' | b'=' | b'!' => {
                if let Some(chain) = chains.last_mut() {
                    *chain += 1;
                }
            }
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
                    chains.clear();
                    chains.push(0);
                    prefixes = 0;
                } else if PREFIX_WORDS.contains(&word) {
                    prefixes += 1;
                } else if OPERATOR_WORDS.contains(&word) {
                    if let Some(chain) = chains.last_mut() {
                        *chain += 1;
                    }
                } else if CHAIN_WORDS.contains(&word)
                    && let Some(chain) = chains.last_mut()
                {
                    *chain = 0;
                }
                if depth(&chains, prefixes) > MAX_NESTING {
                    return Err(too_deep(source, Span::new(start, i)));
                }
                continue;
            }
            _ => {}
        }
        i += 1;
        if depth(&chains, prefixes) > MAX_NESTING {
            return Err(too_deep(source, Span::new(start, i)));
        }
    }
    Ok(())
}

/// How deep the expression can be at this point.
fn depth(chains: &[usize], prefixes: usize) -> usize {
    chains.len() - 1 + chains.iter().sum::<usize>() + prefixes
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
        let text = format!("verdict v = a{}", " + a".repeat(1_000));
        assert!(check_nesting(&SourceFile::new("p", text)).is_err());
    }

    #[test]
    fn accepts_long_flat_chains_of_conditions() {
        let text = format!("verdict v = x is a{}", " or x is a".repeat(1_000));
        assert!(check_nesting(&SourceFile::new("p", text)).is_ok());
    }

    #[test]
    fn counts_again_from_each_item() {
        let one = format!("a{}", " + a".repeat(100));
        let text = format!("provision p text \"t\" define x = {one} define y = {one}");
        assert!(check_nesting(&SourceFile::new("p", text)).is_ok());
    }
}

//! The formatter behind `provisio fmt`: prints a policy file in one
//! canonical layout, keeping every comment and every quoted text byte for
//! byte.
//!
//! # How it works
//!
//! The formatter works from the pest parse tree, not from [`crate::ast`]:
//! the syntax tree drops comments and the spelling of literals (`12.50`,
//! `USD 952.50`, `\"` in a text), which a formatter must print as written,
//! and lowering it back would risk the meaning. The parse tree keeps every
//! token where it was written; the grammar skips comments, so they are read
//! from the gaps between tokens, with the punctuation the grammar writes as
//! literals (`(`, `,`, `.`). A file that does not parse is not formatted: the
//! caller gets the same problem `check` reports.
//!
//! From the tokens, [`tree`] builds a layout tree of *line units* (what
//! starts a line of its own) and [`print`] writes it:
//!
//! - every item at column 0; the header's clauses, a provision's text and
//!   rules, a record's fields, a reading's alternatives, an amendment's
//!   changes two spaces in; a rule's clauses (`cites`, a deontic rule's
//!   `binds`, `action`, `while`, `when`, a dated value's `from` entries) two
//!   more; a record's `end` and an amendment's `end` under the line that
//!   opened it; a sentence's translations each on a line of their own,
//!   French then Spanish: a verdict's `says fr` under its `says`, a
//!   description's `in fr` two levels in from the line its English
//!   sentence stands on, so that it never lines up with the item's clauses;
//! - an enumeration with a described value (`one of customs_duty "customs
//!   duty" in fr "..."`) one value a line, two spaces in from the line that
//!   ends with `one of`, each value's translations under it, and what
//!   follows the type (`default`, `or none`, `=`) on a line of its own, so
//!   that it never reads as part of the last value; `one of a, b, c` with no
//!   described value stays as written;
//! - clauses in the order docs/language.md writes them: the header's
//!   `symbol`, `adopted`, `in force`, `scenarios as of`; a provision's `text`,
//!   then `in force`, then its rules in their own order; a deontic rule's
//!   `binds`, `action`, `while`, `when`, `cites`; `in force from ... until
//!   ...`; an event's `opening` before its `closing`. A repeated clause
//!   keeps its place after the first, so the checker reports the same one;
//! - inside an expression, a type or a header line, the drafter's line
//!   breaks are kept: the first continuation line of a unit goes one level
//!   in, and the next ones keep their indentation relative to it, at least
//!   one level in (a closing `end`, `)` or `]` may come back to the unit's
//!   own). So an expression laid out by hand (a scale's rows, an `if` over
//!   three lines, a condition aligned inside its parenthesis) keeps its
//!   shape, and the result of formatting is stable;
//! - on a line, one space between tokens, none inside brackets, before `,`,
//!   `:` and `.`, after `.`, after a unary `-`, and before the parenthesis of
//!   a call or of a definition's parameters;
//! - one blank line before every provision and amendment block and after
//!   the header, a provision or an amendment block; elsewhere a blank line
//!   where the source has one or more, none where it has none;
//! - texts are printed exactly as written, line breaks and indentation of
//!   their continuation lines included: `text` is placed at its canonical
//!   column, so a text written aligned under its first character stays
//!   aligned;
//! - a comment on a line of its own belongs to what follows it, moves with
//!   it, and takes its indentation; but comments indented deeper than what
//!   follows them, with a blank line (or the end of the file) after them,
//!   end the unit before them (a note at the end of a provision), and take
//!   the indentation of the deepest unit they were indented under. A
//!   comment after code stays at the end of that line. Comments are never moved past another token, and the
//!   blank line, or its absence, between a comment and what follows is kept
//!   (an allow comment directly above a rule keeps silencing that rule).
//!
//! The result is parsed again before it is given out; should it not parse
//! (a bug), the caller gets a `provisio::format_failed` problem, never a
//! broken file.

mod print;
mod tokens;
mod tree;

use crate::diagnostic::Problem;
use crate::span::{SourceFile, Span};

/// Formats a policy file: its text in the canonical layout, or the problem
/// that keeps it from parsing.
pub fn format_source(source: &SourceFile) -> Result<String, Problem> {
    let Some(policy) = crate::syntax::parse_tree(source)? else {
        return Ok(String::new());
    };
    let text: &str = &source.text;
    let mut tokens = tokens::Tokens::default();
    let root = tree::build(text, policy, &mut tokens);
    let tail = std::mem::take(&mut tokens.tail);
    let formatted = print::Printer::new(&tokens.items).file(&root, &tail);
    let again = SourceFile::new(source.name.to_string(), formatted.clone());
    match crate::syntax::parse_tree(&again) {
        Ok(_) => Ok(formatted),
        Err(problem) => Err(Problem::error(
            "provisio::format_failed",
            "the formatter laid this file out in a form that does not parse",
            Span::new(0, 0),
            "this file",
        )
        .with_help(format!(
            "the file is left as it is; please report this with the file (the formatted text failed with: {})",
            problem.message
        ))
        .in_file(source)),
    }
}

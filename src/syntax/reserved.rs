//! Reserved words used as names: a field named `end`, a fact named
//! `default`. The parser reads such a word as the keyword it is, and fails
//! further on; this module finds the word and says what it is and how to
//! write the name instead.

use crate::diagnostic::Problem;
use crate::span::Span;

/// The words the language reserves: the grammar's `keyword` rule. None of
/// them can name a fact, a field, a definition, a provision, a reading, an
/// alternative, an enumeration value or a verdict.
pub const RESERVED_WORDS: [&str; 44] = [
    "instrument",
    "symbol",
    "adopted",
    "event",
    "fact",
    "optional",
    "record",
    "end",
    "list",
    "one",
    "of",
    "reading",
    "default",
    "provision",
    "text",
    "define",
    "exception",
    "to",
    "when",
    "then",
    "while",
    "cites",
    "binds",
    "action",
    "prohibition",
    "obligation",
    "permission",
    "commitment",
    "verdict",
    "says",
    "parameter",
    "and",
    "or",
    "not",
    "is",
    "if",
    "else",
    "true",
    "false",
    "before",
    "after",
    "on",
    "by",
    "assume",
];

/// Whether a word is reserved.
pub fn is_reserved(word: &str) -> bool {
    RESERVED_WORDS.contains(&word)
}

/// The name to suggest instead of a reserved word.
fn instead(word: &str, next_is_date: bool) -> String {
    match word {
        "end" | "on" | "before" | "after" | "adopted" => format!("{word}_date"),
        "default" => String::from("default_value"),
        "text" => String::from("text_value"),
        "event" => String::from("event_name"),
        "action" => String::from("action_taken"),
        "one" | "list" | "record" => format!("{word}_value"),
        _ if next_is_date => format!("{word}_date"),
        _ => format!("{word}_"),
    }
}

/// What a name stands for where it is written, told by the word before it.
fn what_is_named(before: &str, before_that: &str) -> &'static str {
    if before_that == "reading" {
        return "an alternative of a reading";
    }
    match before {
        "fact" => "a fact",
        "event" => "an event",
        "define" => "a definition",
        "verdict" => "a verdict",
        "parameter" => "a dated value",
        "provision" => "a provision",
        "reading" => "a reading",
        "exception" => "an exception",
        "assume" => "an assumption",
        "prohibition" | "obligation" | "permission" | "commitment" => "a rule",
        "." => "a field",
        "of" if before_that == "one" => "an enumeration value",
        "," => "an enumeration value",
        "in" | "count" | "any" | "every" | "all" | "for" => "an aggregate's element",
        _ => "a name",
    }
}

/// The words (or `.` and `,`) before `offset`, nearest first, skipping
/// quoted text and white space: enough to tell what a name names.
fn words_before(text: &str, offset: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut end = offset.min(text.len());
    while out.len() < 2 && end > 0 {
        let Some(&c) = bytes.get(end - 1) else { break };
        if c.is_ascii_whitespace() {
            end -= 1;
        } else if c == b'"' {
            // Skip back over a quoted description.
            end -= 1;
            while end > 0 && bytes.get(end - 1) != Some(&b'"') {
                end -= 1;
            }
            end = end.saturating_sub(1);
        } else if c == b'.' || c == b',' || c == b':' {
            out.push(text.get(end - 1..end).unwrap_or(""));
            end -= 1;
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            let mut start = end;
            while start > 0
                && bytes
                    .get(start - 1)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                start -= 1;
            }
            out.push(text.get(start..end).unwrap_or(""));
            end = start;
        } else {
            break;
        }
    }
    out
}

/// The problem for the reserved word at `span`, where the parser failed on
/// it in the place of a name, or just after it, having read it as the
/// keyword (`end: date` in a record closes the record); `None` when the
/// word there is not reserved.
pub(super) fn reserved_word_problem(text: &str, span: Span) -> Option<Problem> {
    let word = text.get(span.start..span.end)?;
    if !is_reserved(word) {
        return None;
    }
    let before = words_before(text, span.start);
    let (first, second) = (
        before.first().copied().unwrap_or(""),
        before.get(1).copied().unwrap_or(""),
    );
    // A field declared inside a record: the word closed the record early.
    let rest = text.get(span.end..).unwrap_or("").trim_start();
    let declared_field = rest.starts_with(':') || rest.starts_with('"');
    let what = if declared_field && what_is_named(first, second) == "a name" {
        "a field"
    } else {
        what_is_named(first, second)
    };
    let next_is_date = rest
        .split(':')
        .nth(1)
        .is_some_and(|t| t.trim_start().starts_with("date"));
    let (suggestion, where_used) = match what {
        "a fact" | "a field" | "an event" => (
            instead(word, next_is_date),
            "here and wherever the name is used, facts files included",
        ),
        "an enumeration value" => (
            format!("{word}_"),
            "here and wherever the value is used, facts files included",
        ),
        "a verdict" => (
            instead(word, next_is_date),
            "here and wherever the name is used, scenarios included",
        ),
        "a definition" | "a dated value" => (
            instead(word, next_is_date),
            "here and wherever the name is used",
        ),
        _ => (format!("{word}_"), "here and wherever the name is used"),
    };
    Some(Problem::error(
        "provisio::reserved_word",
        format!("`{word}` is a reserved word of the language and cannot name {what}"),
        span,
        "a reserved word",
    )
    .with_help(format!(
        "write another name, such as `{suggestion}`, {where_used}; docs/language.md lists the reserved words"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list is the grammar's `keyword` rule, word for word.
    #[test]
    fn the_list_is_the_grammars() {
        let grammar = include_str!("../../grammar/provisio.pest");
        let rule = grammar
            .split("keyword = @{")
            .nth(1)
            .and_then(|r| r.split("~ !name_char").next())
            .unwrap_or_default();
        let words: Vec<&str> = rule
            .split('"')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words.len(), 44);
        for word in &words {
            assert!(is_reserved(word), "{word}");
        }
        assert_eq!(&RESERVED_WORDS[..], &words[..]);
    }
}

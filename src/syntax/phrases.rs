//! Syntax errors in words: pest's rule names turned into phrases a drafter reads.

use pest::error::{ErrorVariant, InputLocation};

use super::Rule;
use crate::diagnostic::Problem;
use crate::span::{SourceFile, Span};

/// What a grammar rule is called in an error message.
fn phrase(rule: &Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::ident | Rule::exception_name => "a name",
        Rule::path => "a name",
        Rule::string | Rule::string_body => "quoted text",
        Rule::date => "a date like 2026-03-31",
        Rule::number => "a number",
        Rule::boolean => "`true` or `false`",
        Rule::instrument => "`instrument`",
        Rule::symbol_clause => "`symbol`",
        Rule::adopted_clause => "`adopted`",
        Rule::event_decl => "`event`",
        Rule::event_opening | Rule::opening_word => "`opening`",
        Rule::event_closing | Rule::closing_word => "`closing`",
        Rule::fact_decl => "`fact`",
        Rule::field_decl => "a record field",
        Rule::type_expr | Rule::scalar_type => {
            "a type (`boolean`, `integer`, `decimal`, `date`, `text`, `one of ...`, `record ... end` or `list of ...`)"
        }
        Rule::optional_marker => "`optional`",
        Rule::record_type => "`record`",
        Rule::list_type => "`list of`",
        Rule::enum_type => "`one of`",
        Rule::reading_decl => "`reading`",
        Rule::alternative => "an alternative",
        Rule::default_marker => "`(default)`",
        Rule::provision => "`provision`",
        Rule::text_clause => "`text`",
        Rule::definition => "`define`",
        Rule::exception => "`exception`",
        Rule::deontic | Rule::deontic_kind => {
            "`prohibition`, `obligation`, `permission` or `commitment`"
        }
        Rule::binds_clause => "`binds`",
        Rule::action_clause => "`action`",
        Rule::while_clause => "`while`",
        Rule::when_clause => "`when`",
        Rule::cites => "`cites`",
        Rule::verdict => "`verdict`",
        Rule::says => "`says`",
        Rule::expr | Rule::conditional | Rule::reading_test | Rule::call => "an expression",
        Rule::op_or
        | Rule::op_and
        | Rule::op_is_not
        | Rule::op_is
        | Rule::op_on_or_before
        | Rule::op_on_or_after
        | Rule::op_before
        | Rule::op_after
        | Rule::op_le
        | Rule::op_ge
        | Rule::op_ne
        | Rule::op_lt
        | Rule::op_gt
        | Rule::op_eq
        | Rule::op_add
        | Rule::op_sub
        | Rule::op_mul
        | Rule::op_div
        | Rule::op_is_one_of
        | Rule::op_is_not_one_of => "an operator",
        Rule::op_not | Rule::op_neg => "an expression",
        Rule::negation => "`not`",
        _ => "something else",
    }
}

/// Lists phrases as "a, b or c", without repeats, in a stable order.
fn one_of(phrases: Vec<&'static str>) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for p in phrases {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    match unique.len() {
        0 => String::from("something else"),
        1 => unique[0].to_string(),
        n => format!("{} or {}", unique[..n - 1].join(", "), unique[n - 1]),
    }
}

/// Describes what stands at `offset`: a word, a symbol, or the end of the file.
fn found_at(text: &str, offset: usize) -> (String, Span) {
    let rest = text.get(offset..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return (
            String::from("the end of the file"),
            Span::new(offset, offset),
        );
    };
    if first.is_alphanumeric() || first == '_' {
        let len: usize = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .map(char::len_utf8)
            .sum();
        let word = &rest[..len];
        (format!("`{word}`"), Span::new(offset, offset + len))
    } else if first == '"' {
        (String::from("quoted text"), Span::new(offset, offset + 1))
    } else {
        (
            format!("`{first}`"),
            Span::new(offset, offset + first.len_utf8()),
        )
    }
}

/// The advice for what the parser expected.
fn help_for(expected: &[Rule], found: &str) -> Option<String> {
    let keyword_found = matches!(
        found.trim_matches('`'),
        "and"
            | "or"
            | "not"
            | "is"
            | "if"
            | "then"
            | "else"
            | "text"
            | "end"
            | "one"
            | "of"
            | "to"
            | "when"
            | "while"
            | "before"
            | "after"
            | "on"
            | "by"
            | "default"
            | "record"
            | "list"
            | "reading"
            | "event"
            | "fact"
            | "define"
            | "verdict"
            | "provision"
            | "says"
            | "cites"
            | "binds"
            | "action"
            | "exception"
    );
    if expected.contains(&Rule::ident) && keyword_found {
        return Some(format!(
            "{found} is a reserved word of the language; choose another name, such as {}_",
            found.trim_matches('`')
        ));
    }
    if expected.contains(&Rule::EOI) || expected.contains(&Rule::provision) {
        return Some(String::from(
            "a policy is made of `instrument`, `event`, `fact`, `reading`, `provision` and `verdict` items; inside a provision: `text`, `define`, `exception` and deontic rules",
        ));
    }
    if expected.contains(&Rule::expr) {
        return Some(String::from(
            "an expression is a name, a date like 2026-03-31, a number, `true`/`false`, quoted text, or a combination of them with operators",
        ));
    }
    None
}

/// Turns pest's error into a diagnostic that says what was expected in words.
pub(super) fn syntax_error(source: &SourceFile, error: pest::error::Error<Rule>) -> Problem {
    let offset = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let (found, span) = found_at(&source.text, offset);
    let (message, help) = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let expected = one_of(positives.iter().map(phrase).collect());
            (
                format!("expected {expected}, found {found}"),
                help_for(positives, &found),
            )
        }
        ErrorVariant::CustomError { message } => (message.clone(), None),
    };
    Problem::error("provisio::syntax", message, span, "not expected here")
        .with_optional_help(help)
        .in_file(source)
}

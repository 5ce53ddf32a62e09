//! Code actions: the mechanical fix of a diagnostic, where its help names
//! one: a misspelt name replaced with the one meant (`did you mean `x`?`),
//! a date in the wrong form rewritten as its help writes it, a record's
//! missing `end` added, and the boundary lints' readings and allows
//! ([`super::boundary_fixes`]); in facts and scenario files, a misspelt
//! fact, field, verdict or key and a date in the wrong form.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::boundary_fixes::Fix;
use super::diagnostics::{covered, in_document, to_diagnostic};
use super::documents::Document;
use super::server::Failure;
use crate::span::Span;

/// The fixes of the document's problems whose spans meet the range asked.
pub fn code_actions(
    document: &Document,
    uri: &Uri,
    params: CodeActionParams,
) -> Result<Option<Vec<CodeActionOrCommand>>, Failure> {
    let Some(range) = document.lines.span(&document.text, params.range) else {
        return Err(Failure::out_of_range(params.range.start));
    };
    let mut actions = Vec::new();
    for problem in &document.problems {
        let Some(span) = problem
            .span()
            .filter(|_| in_document(problem, &document.name))
        else {
            continue;
        };
        if span.end < range.start || range.end < span.start {
            continue;
        }
        let (Some(help), Some(written)) = (problem.help.as_deref(), covered(&document.text, span))
        else {
            continue;
        };
        // In a facts or scenario file, a JSON key or text keeps its quotes:
        // the fix is of what is between them.
        let (written, span) = match written
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
        {
            Some(inner) if !document.policy => (inner, Span::new(span.start + 1, span.end - 1)),
            _ => (written, span),
        };
        let mut fixes: Vec<Fix> = fixes(help, written, span, &document.text)
            .into_iter()
            .map(|(title, span, replacement)| (title, vec![(span, replacement)]))
            .collect();
        fixes.extend(super::boundary_fixes::fixes(document, problem));
        let preferred = fixes.len() == 1;
        for (title, edits) in fixes {
            let edits = edits
                .into_iter()
                .map(|(span, replacement)| {
                    TextEdit::new(document.lines.range(&document.text, span), replacement)
                })
                .collect();
            let diagnostic = to_diagnostic(
                uri,
                &document.name,
                &document.text,
                &document.lines,
                problem,
            );
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(preferred),
                ..CodeAction::default()
            }));
        }
    }
    Ok(Some(actions))
}

/// The mechanical fixes a help line names for the text a problem's span
/// covers: each a title, the span to replace and its replacement.
fn fixes(help: &str, written: &str, span: Span, text: &str) -> Vec<(String, Span, String)> {
    // A record, a `from DATE` block, a scale or a table left open: `end`
    // after the last word before what the parser found.
    if help.contains("ends with `end`; add `end` after the last")
        || help.contains("end with `end`; add `end` after the last")
    {
        let before = text.get(..span.start).unwrap_or_default().trim_end();
        let at = before.len();
        return vec![(
            String::from("Add the missing `end`"),
            Span::new(at, at),
            String::from("\nend"),
        )];
    }
    // A date in the wrong form: `write the date as 2024-03-02: ...`, or
    // `... as 2024-03-04 or 2024-04-03, whichever is meant: ...`.
    if let Some(rest) = help.strip_prefix("write the date as ") {
        let dates = rest.split([':', ',']).next().unwrap_or_default();
        return dates
            .split(" or ")
            .filter(|date| is_date(date))
            .map(|date| (format!("Write the date as {date}"), span, date.to_string()))
            .collect();
    }
    // A misspelt name: `did you mean `on_time`?`. The span may cover a
    // dotted reference of which only the last part is misspelt: replace
    // that part.
    let Some(meant) = suggestion(help) else {
        return Vec::new();
    };
    if !is_dotted_name(written) || !is_dotted_name(meant) {
        return Vec::new();
    }
    let title = format!("Replace with `{meant}`");
    match written.rsplit_once('.') {
        Some((owner, _)) if !meant.contains('.') => {
            let start = span.start + owner.len() + 1;
            vec![(title, Span::new(start, span.end), meant.to_string())]
        }
        _ => vec![(title, span, meant.to_string())],
    }
}

/// Whether a text is a date in the one form the language takes.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// The name a help line's `did you mean `x`?` suggests.
fn suggestion(help: &str) -> Option<&str> {
    let rest = &help[help.find("did you mean `")? + "did you mean `".len()..];
    rest.split_once('`').map(|(meant, _)| meant)
}

fn is_dotted_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

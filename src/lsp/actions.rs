//! Code actions: the mechanical fix of a diagnostic, where its help names
//! one (`did you mean `x`?`): replace the misspelt name with the one meant.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::diagnostics::{covered, in_document, to_diagnostic};
use super::documents::Document;
use super::server::Failure;

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
        let Some(meant) = problem.help.as_deref().and_then(suggestion) else {
            continue;
        };
        let Some(written) = covered(&document.text, span) else {
            continue;
        };
        // The span may cover a dotted reference of which only the last
        // part is misspelt: replace that part.
        let (edit_span, replacement) = if is_dotted_name(written) && is_dotted_name(meant) {
            match (written.rsplit_once('.'), meant.contains('.')) {
                (Some((owner, _)), false) => {
                    let start = span.start + owner.len() + 1;
                    (crate::span::Span::new(start, span.end), meant.to_string())
                }
                _ => (span, meant.to_string()),
            }
        } else {
            continue;
        };
        let edit = TextEdit::new(document.lines.range(&document.text, edit_span), replacement);
        let diagnostic = to_diagnostic(
            uri,
            &document.name,
            &document.text,
            &document.lines,
            problem,
        );
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Replace with `{meant}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
    }
    Ok(Some(actions))
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

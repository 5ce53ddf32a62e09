//! The checker's problems as LSP diagnostics: the code, the message, the
//! primary span as the range, the help line after the message, and the other
//! labelled spans as related locations.

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};
use miette::Severity;

use super::lines::LineIndex;
use crate::diagnostic::Problem;
use crate::span::Span;

/// The diagnostic of one problem found in the document `uri`.
///
/// A problem whose spans lie in another file (a policy this one `use`s) is
/// shown at the top of the document, with its place in that file as a
/// related location.
pub fn to_diagnostic(
    uri: &Uri,
    name: &str,
    text: &str,
    lines: &LineIndex,
    problem: &Problem,
) -> Diagnostic {
    let elsewhere = problem
        .source
        .as_ref()
        .filter(|source| source.name() != name)
        .map(|source| (source.name().to_string(), source.inner().clone()));
    let mut message = problem.message.clone();
    let mut related = Vec::new();
    let range = match &elsewhere {
        None => problem
            .span()
            .map(|span| lines.range(text, span))
            .unwrap_or_default(),
        Some((other, other_text)) => {
            let other_lines = LineIndex::new(other_text);
            let other_uri = other_uri(other);
            for (span, label) in &problem.labels {
                if let Some(uri) = &other_uri {
                    related.push(DiagnosticRelatedInformation {
                        location: Location::new(uri.clone(), other_lines.range(other_text, *span)),
                        message: if label.is_empty() {
                            problem.message.clone()
                        } else {
                            label.clone()
                        },
                    });
                }
            }
            message = format!("in `{other}`: {message}");
            if let Some((span, _)) = problem.labels.first() {
                let position = other_lines.position(other_text, span.start);
                message.push_str(&format!(
                    " (line {}, column {})",
                    position.line + 1,
                    position.character + 1
                ));
            }
            lsp_types::Range::default()
        }
    };
    if elsewhere.is_none() {
        for (span, label) in problem.labels.iter().skip(1) {
            related.push(DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), lines.range(text, *span)),
                message: if label.is_empty() {
                    String::from("here")
                } else {
                    label.clone()
                },
            });
        }
        if let Some((_, label)) = problem.labels.first().filter(|(_, l)| !l.is_empty()) {
            message.push_str(&format!(": {label}"));
        }
    }
    if let Some(help) = &problem.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    Diagnostic {
        range,
        severity: Some(match problem.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Advice => DiagnosticSeverity::HINT,
        }),
        code: Some(NumberOrString::String(problem.code.to_string())),
        source: Some(String::from("provisio")),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

/// The `file:` URI of a file named by its path, when the path is absolute.
fn other_uri(path: &str) -> Option<Uri> {
    let absolute = std::path::Path::new(path);
    let absolute = if absolute.is_absolute() {
        absolute.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(absolute)
    };
    super::documents::path_uri(&absolute)
}

/// Whether a span of a problem's spans is inside the document (and not in
/// another file it uses).
pub fn in_document(problem: &Problem, name: &str) -> bool {
    problem
        .source
        .as_ref()
        .is_none_or(|source| source.name() == name)
}

/// The text a span of the document covers, or `None` outside it.
pub fn covered(text: &str, span: Span) -> Option<&str> {
    text.get(span.start..span.end)
}

//! Problems rendered as miette reports, the same way for the terminal and
//! for snapshot tests.

use std::fmt::Write as _;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, SourceSpan};

/// The width reports are wrapped at.
const WIDTH: usize = 100;

/// Beyond this column the graphical report cannot draw a label (miette
/// formats columns as 16-bit widths), so such reports are written plainly.
const MAX_COLUMN: usize = 10_000;

/// Renders one diagnostic; `color` adds terminal colours.
pub fn render(diagnostic: &dyn Diagnostic, color: bool) -> String {
    if !drawable(diagnostic) {
        return plain(diagnostic);
    }
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(WIDTH);
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = plain(diagnostic);
    }
    out
}

/// The 1-based line and column of a span's start and end, if the source has them.
fn line_and_columns(
    diagnostic: &dyn Diagnostic,
    span: SourceSpan,
) -> Option<(usize, usize, usize)> {
    let source = diagnostic.source_code()?;
    let start = source
        .read_span(&SourceSpan::new(span.offset().into(), 0), 0, 0)
        .ok()?;
    let end_offset = span.offset() + span.len();
    let end = source
        .read_span(&SourceSpan::new(end_offset.into(), 0), 0, 0)
        .ok()?;
    Some((start.line() + 1, start.column() + 1, end.column() + 1))
}

/// Whether every label of the diagnostic, and of those related to it, can be drawn.
fn drawable(diagnostic: &dyn Diagnostic) -> bool {
    let labels_fit = diagnostic.labels().is_none_or(|mut labels| {
        labels.all(|label| {
            line_and_columns(diagnostic, *label.inner())
                .is_none_or(|(_, start, end)| start <= MAX_COLUMN && end <= MAX_COLUMN)
        })
    });
    labels_fit
        && diagnostic
            .related()
            .is_none_or(|mut related| related.all(drawable))
}

/// The report without drawing the source: message, code, each location and label, help.
fn plain(diagnostic: &dyn Diagnostic) -> String {
    let mut out = String::new();
    if let Some(code) = diagnostic.code() {
        let _ = writeln!(out, "{code}");
    }
    let _ = writeln!(out, "  × {diagnostic}");
    if let Some(labels) = diagnostic.labels() {
        for label in labels {
            let place = match line_and_columns(diagnostic, *label.inner()) {
                Some((line, column, _)) => format!("line {line}, column {column}"),
                None => format!("byte {}", label.offset()),
            };
            match label.label() {
                Some(text) => {
                    let _ = writeln!(out, "  at {place}: {text}");
                }
                None => {
                    let _ = writeln!(out, "  at {place}");
                }
            }
        }
    }
    if let Some(help) = diagnostic.help() {
        let _ = writeln!(out, "  help: {help}");
    }
    if let Some(related) = diagnostic.related() {
        for inner in related {
            out.push('\n');
            out.push_str(&render(inner, false));
        }
    }
    out
}

//! Problems rendered as miette reports, the same way for the terminal and
//! for snapshot tests.

use std::fmt::Write as _;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, SourceSpan};

/// The width reports are wrapped at.
const WIDTH: usize = 100;

/// Beyond this column the graphical report cannot draw a label (miette
/// formats columns as 16-bit widths), so such reports are written plainly.
const MAX_COLUMN: usize = 10_000;

/// The most source a report quotes around one label. The graphical report
/// quotes each labelled line whole, with a line of context on either side,
/// so a label on a line of megabytes (a policy or facts file written on one
/// line) would echo all of it; such reports are written plainly, with the
/// file, line and column but no quoted source. The longest line of the
/// bundled policies is about 430 bytes.
const MAX_QUOTED_BYTES: usize = 2_000;

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

/// Where a span is in its source: the source's name, the 1-based line and
/// column of the span's start, the column of its end, and how many bytes of
/// source the graphical report would quote for it.
struct Place {
    name: Option<String>,
    line: usize,
    start_column: usize,
    end_column: usize,
    quoted_bytes: usize,
}

/// Where a span is, if the source has it.
fn place(diagnostic: &dyn Diagnostic, span: SourceSpan) -> Option<Place> {
    let source = diagnostic.source_code()?;
    let start = source
        .read_span(&SourceSpan::new(span.offset().into(), 0), 0, 0)
        .ok()?;
    let end_offset = span.offset() + span.len();
    let end = source
        .read_span(&SourceSpan::new(end_offset.into(), 0), 0, 0)
        .ok()?;
    Some(Place {
        name: start.name().map(str::to_owned),
        line: start.line() + 1,
        start_column: start.column() + 1,
        end_column: end.column() + 1,
        quoted_bytes: source.read_span(&span, 1, 1).ok()?.data().len(),
    })
}

/// Whether every label of the diagnostic, and of those related to it, can be drawn.
fn drawable(diagnostic: &dyn Diagnostic) -> bool {
    let labels_fit = diagnostic.labels().is_none_or(|mut labels| {
        labels.all(|label| {
            place(diagnostic, *label.inner()).is_none_or(|place| {
                place.start_column <= MAX_COLUMN
                    && place.end_column <= MAX_COLUMN
                    && place.quoted_bytes <= MAX_QUOTED_BYTES
            })
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
            let place = match place(diagnostic, *label.inner()) {
                Some(Place {
                    name: Some(name),
                    line,
                    start_column,
                    ..
                }) => format!("{name}:{line}:{start_column}"),
                Some(Place {
                    line, start_column, ..
                }) => format!("line {line}, column {start_column}"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Problem;
    use crate::span::{SourceFile, Span};

    fn problem_at(text: &str, start: usize) -> Problem {
        let source = SourceFile::new("long.policy", text);
        Problem::error(
            "provisio::test",
            "a problem",
            Span::new(start, start + 2),
            "here",
        )
        .with_help("a help line")
        .in_file(&source)
    }

    #[test]
    fn a_label_on_a_short_line_is_drawn_with_its_source() {
        let rendered = render(&problem_at("verdict v = 1 of 1\n", 12), false);
        assert!(rendered.contains("[long.policy:1:13]"), "{rendered}");
        assert!(rendered.contains("verdict v = 1 of 1"), "{rendered}");
    }

    #[test]
    fn a_label_on_a_line_of_megabytes_is_written_plainly_without_the_line() {
        let text = format!("verdict v = {}1\n", "1 of ".repeat(200_000));
        let rendered = render(&problem_at(&text, 12), false);
        assert_eq!(
            rendered,
            "provisio::test\n  × a problem\n  at long.policy:1:13: here\n  help: a help line\n"
        );
    }
}

//! Problems rendered as miette reports, the same way for the terminal and
//! for snapshot tests.

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

/// The width reports are wrapped at.
const WIDTH: usize = 100;

/// Renders one diagnostic; `color` adds terminal colours.
pub fn render(diagnostic: &dyn Diagnostic, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(WIDTH);
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = diagnostic.to_string();
    }
    out
}

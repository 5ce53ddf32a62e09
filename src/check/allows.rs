//! `# provisio: allow NAME`: where a lint is silenced. A comment block
//! directly above a rule, a provision or a verdict (no blank line between)
//! silences the lint for that item only, a whole provision for a provision;
//! anywhere else, for the whole file.

use crate::ast::PolicyFile;
use crate::diagnostic::Problem;
use crate::span::{SourceFile, Span};

/// The lints, by name: the warnings an allow comment may silence.
pub const LINTS: [&str; 11] = [
    "boundary_reversed",
    "boundary_unstated",
    "calendar_rounding",
    "missing_translation",
    "money_unrounded",
    "says_doubled_word",
    "says_repeated_date",
    "says_yes_no_value",
    "scale_discontinuous",
    "unused_fact",
    "unused_reading",
];

/// One name in one allow comment.
#[derive(Debug, Clone)]
pub(super) struct Allow {
    /// The lint's name, as written.
    pub name: String,
    /// Where the name stands in the comment.
    pub span: Span,
    /// The item it silences the lint in; `None`: the whole file.
    pub scope: Option<Span>,
    /// Whether it silenced some warning.
    pub used: bool,
}

/// Every allow comment of a file.
#[derive(Debug, Clone, Default)]
pub(super) struct Allows {
    pub items: Vec<Allow>,
}

/// The spans of the items an allow comment may stand above.
fn item_spans(file: &PolicyFile) -> Vec<Span> {
    let mut spans = Vec::new();
    for provision in &file.provisions {
        spans.push(provision.span);
        spans.extend(provision.definitions.iter().map(|d| d.span));
        spans.extend(provision.exceptions.iter().map(|e| e.span));
        spans.extend(provision.deontics.iter().map(|d| d.span));
        spans.extend(provision.parameters.iter().map(|p| p.span));
    }
    spans.extend(file.verdicts.iter().map(|v| v.span));
    spans
}

/// The directive of a comment line, if it is `# provisio: allow ...`: the
/// offset of the names within the line and the names' text.
fn directive(line: &str) -> Option<(usize, &str)> {
    let comment = line.trim_start().strip_prefix('#')?;
    let rest = comment.trim_start().strip_prefix("provisio:")?;
    let names = rest.trim_start().strip_prefix("allow")?;
    // `allowed`, `allowance`: not the directive.
    if names.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some((line.len() - names.len(), names))
}

impl Allows {
    /// Reads the allow comments of a file and the item each stands above.
    pub(super) fn read(source: &SourceFile, file: &PolicyFile) -> Allows {
        let text: &str = &source.text;
        let items = item_spans(file);
        // Each line with its byte offset.
        let mut lines = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            lines.push((offset, line.trim_end_matches(['\n', '\r'])));
            offset += line.len();
        }
        let mut allows = Vec::new();
        for (index, (start, line)) in lines.iter().enumerate() {
            let Some((names_at, names)) = directive(line) else {
                continue;
            };
            // The first line after the comment block, if no blank line comes first.
            let below = lines
                .iter()
                .skip(index + 1)
                .find(|(_, l)| !l.trim_start().starts_with('#'))
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(at, l)| at + (l.len() - l.trim_start().len()));
            let scope = below.and_then(|at| items.iter().find(|s| s.start == at).copied());
            let mut at = start + names_at;
            for piece in names.split_inclusive([',', ' ', '\t']) {
                let name = piece.trim_end_matches([',', ' ', '\t']);
                if !name.is_empty() {
                    allows.push(Allow {
                        name: name.to_string(),
                        span: Span::new(at, at + name.len()),
                        scope,
                        used: false,
                    });
                }
                at += piece.len();
            }
        }
        Allows { items: allows }
    }

    /// Whether lint `code` (`provisio::NAME`) is silenced at `span`; marks
    /// the allows that silence it as used.
    pub(super) fn silences(&mut self, code: &str, span: Option<Span>) -> bool {
        let Some(name) = code.strip_prefix("provisio::") else {
            return false;
        };
        let mut silenced = false;
        for allow in self.items.iter_mut().filter(|a| a.name == name) {
            let within = match (allow.scope, span) {
                (None, _) => true,
                (Some(scope), Some(span)) => scope.start <= span.start && span.end <= scope.end,
                (Some(_), None) => false,
            };
            if within {
                allow.used = true;
                silenced = true;
            }
        }
        silenced
    }

    /// Warnings about the allows themselves: a name that is no lint, and,
    /// when `lints_ran`, an allow that silenced nothing.
    pub(super) fn problems(&self, lints_ran: bool) -> Vec<Problem> {
        let mut problems = Vec::new();
        for allow in &self.items {
            // The analysis' findings are allowed the same way; whether
            // such an allow silences something, `provisio analyze` says.
            if crate::analysis::ALLOW_NAMES.contains(&allow.name.as_str()) {
                continue;
            }
            if !LINTS.contains(&allow.name.as_str()) {
                let help = match crate::suggest::did_you_mean(&allow.name, LINTS) {
                    Some(hint) => format!("{hint} The lints are {}", LINTS.join(", ")),
                    None => format!("the lints are {}", LINTS.join(", ")),
                };
                problems.push(
                    Problem::error(
                        "provisio::unknown_lint",
                        format!("`{}` is not a lint, so this allows nothing", allow.name),
                        allow.span,
                        "not a lint",
                    )
                    .with_help(help)
                    .as_warning(),
                );
            } else if lints_ran && !allow.used {
                let place = if allow.scope.is_some() {
                    "the item below it"
                } else {
                    "the file"
                };
                problems.push(
                    Problem::error(
                        "provisio::unused_allow",
                        format!(
                            "`{}` is allowed, but {place} gives no `{}` warning",
                            allow.name, allow.name
                        ),
                        allow.span,
                        "silences nothing",
                    )
                    .with_help(
                        "remove the name from the comment, or move the comment to the line before the rule or provision that gives the warning",
                    )
                    .as_warning(),
                );
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::directive;

    #[test]
    fn reads_the_directive_and_nothing_like_it() {
        assert_eq!(directive("  # provisio: allow a, b"), Some((19, " a, b")));
        assert_eq!(directive("# provisio: allowed a"), None);
        assert_eq!(directive("define x = 1 # provisio: allow a"), None);
    }
}

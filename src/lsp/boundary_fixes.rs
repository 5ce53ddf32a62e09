//! The quick fixes of the boundary lints, as their help lines ask:
//!
//! - `boundary_unstated` (a provision's text sets a boundary in time without
//!   saying whether its day counts, and a rule decides it on its own):
//!   declare a reading of the boundary, its default the rule's present
//!   choice, and branch the rule's comparison on it; or, when the text is
//!   not ambiguous, put `# provisio: allow boundary_unstated` above the rule;
//! - `boundary_unstated` of a period in force (`until END` without saying
//!   whether END is in force): `inclusive` or `exclusive` after END;
//! - `boundary_reversed` (the rule puts the boundary on the other side of
//!   the day the text names): compare as the text reads, the comparison's
//!   other form in the same direction; or allow it above the rule.

use super::documents::Document;
use super::index::Kind;
use crate::diagnostic::Problem;
use crate::span::Span;

/// A fix: its title and its edits (each a span replaced by a text).
pub type Fix = (String, Vec<(Span, String)>);

const UNSTATED: &str = "provisio::boundary_unstated";
const REVERSED: &str = "provisio::boundary_reversed";

/// The comparisons, the day included first, each with the one that decides
/// the boundary day the other way.
const COUNTERPARTS: &[(&str, &str)] = &[
    ("on or before", "before"),
    ("on or after", "after"),
    ("<=", "<"),
    (">=", ">"),
];

/// The fixes of a boundary lint's problem; none for another problem.
pub fn fixes(document: &Document, problem: &Problem) -> Vec<Fix> {
    if problem.code != UNSTATED && problem.code != REVERSED {
        return Vec::new();
    }
    if let (Some(span), Some(help)) = (problem.span(), problem.help.as_deref())
        && help.starts_with("write `until ... inclusive`")
    {
        let end = Span::new(span.end, span.end);
        return [("inclusive", "is"), ("exclusive", "is not")]
            .iter()
            .map(|(word, is)| {
                (
                    format!("Write `until ... {word}`: the last day {is} in force"),
                    vec![(end, format!(" {word}"))],
                )
            })
            .collect();
    }
    let phrase = problem
        .span()
        .and_then(|span| document.text.get(span.start..span.end))
        .unwrap_or_default();
    let mut fixes = Vec::new();
    // The labels after the first are on the rules' comparisons, each
    // written "`OP` ..." (other labels are on further phrases).
    for (span, label) in problem.labels.iter().skip(1) {
        let Some(op) = label
            .strip_prefix('`')
            .and_then(|rest| rest.split_once('`'))
            .map(|(op, _)| op)
        else {
            continue;
        };
        let Some((rule, provision)) = rule_at(document, *span) else {
            continue;
        };
        let Some((left, right)) = sides(&document.text, *span, op) else {
            continue;
        };
        let Some(other) = counterpart(op) else {
            continue;
        };
        if problem.code == UNSTATED {
            fixes.extend(branch(
                document, phrase, &rule, provision, *span, op, other, left, right,
            ));
        } else {
            fixes.push((
                format!("Compare as the text reads: `{left} {other} {right}`"),
                vec![(*span, format!("{left} {other} {right}"))],
            ));
        }
        let lint = problem.code.trim_start_matches("provisio::");
        fixes.push(allow(document, &rule.0, rule.1, lint));
    }
    fixes
}

/// The rule (its name and where its item starts) whose declaration holds a
/// span, and where its provision starts.
fn rule_at(document: &Document, span: Span) -> Option<((String, usize), usize)> {
    let index = &document.index;
    let rule = index
        .symbols
        .iter()
        .filter(|s| s.home.is_none() && s.kind == Kind::Rule)
        .filter(|s| s.item.start <= span.start && span.end <= s.item.end)
        .min_by_key(|s| s.item.end - s.item.start)?;
    let (provision, _) = rule.key.split_once('.')?;
    let provision = index.symbol(provision)?;
    Some(((rule.name.clone(), rule.item.start), provision.item.start))
}

/// The two sides of a comparison `LEFT OP RIGHT` as written.
fn sides<'t>(text: &'t str, span: Span, op: &str) -> Option<(&'t str, &'t str)> {
    let written = text.get(span.start..span.end)?;
    let (left, right) = written.split_once(&format!(" {op} "))?;
    let (left, right) = (left.trim(), right.trim());
    (!left.is_empty() && !right.is_empty()).then_some((left, right))
}

/// The comparison that decides the boundary day the other way.
fn counterpart(op: &str) -> Option<&'static str> {
    COUNTERPARTS.iter().find_map(|(with, without)| {
        if *with == op {
            Some(*without)
        } else if *without == op {
            Some(*with)
        } else {
            None
        }
    })
}

/// Whether a comparison counts the boundary day in.
fn includes(op: &str) -> bool {
    COUNTERPARTS.iter().any(|(with, _)| *with == op)
}

/// A reading of the boundary, declared before the rule's provision, and
/// the comparison branched on it; its default is the rule's present
/// choice, so that nothing changes until the reading is chosen otherwise.
#[allow(clippy::too_many_arguments)]
fn branch(
    document: &Document,
    phrase: &str,
    rule: &(String, usize),
    provision: usize,
    comparison: Span,
    op: &str,
    other: &str,
    left: &str,
    right: &str,
) -> Option<Fix> {
    let name = free_name(document, &format!("{}_boundary", rule.0));
    let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let phrase = phrase.replace(['"', '\''], "");
    let (inclusive, exclusive) = if includes(op) {
        (op, other)
    } else {
        (other, op)
    };
    let (in_default, out_default) = if includes(op) {
        (" (default)", "")
    } else {
        ("", " (default)")
    };
    let reading = format!(
        "reading {name} \"whether the boundary day of '{phrase}' counts\"\n  inclusive{in_default} \"the boundary day counts\"\n  exclusive{out_default} \"the boundary day does not count\"\n\n"
    );
    let branched = format!(
        "(if reading {name} is inclusive then {left} {inclusive} {right} else {left} {exclusive} {right})"
    );
    let start = line_start(&document.text, provision);
    Some((
        format!(
            "Declare a reading of \"{phrase}\" and branch `{}` on it",
            rule.0
        ),
        vec![(Span::new(start, start), reading), (comparison, branched)],
    ))
}

/// `# provisio: allow LINT` on the line before the rule, as indented.
fn allow(document: &Document, rule: &str, item: usize, lint: &str) -> Fix {
    let start = line_start(&document.text, item);
    let indent: String = document.text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    (
        format!("Allow it: `# provisio: allow {lint}` above `{rule}`"),
        vec![(
            Span::new(start, start),
            format!("{indent}# provisio: allow {lint}\n"),
        )],
    )
}

/// The start of the line an offset is on.
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |at| at + 1)
}

/// `wanted`, or `wanted_2`, ... : a name no item of the document has.
fn free_name(document: &Document, wanted: &str) -> String {
    let taken = |name: &str| document.index.symbols.iter().any(|s| s.key == name);
    if !taken(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| format!("{wanted}_{n}"))
        .find(|name| !taken(name))
        .unwrap_or_default()
}

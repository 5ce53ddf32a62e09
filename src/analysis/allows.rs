//! `# provisio: allow NAME` above a rule silences the analysis' findings of
//! kind NAME on it (`gap`, `conflict`, `dead_rule`,
//! `reading_never_matters`, `reading_matters`, `unused`), as it silences
//! lints. A gap or a conflict fails the analysis unless the comment block
//! also says why, on a line of its own: an allowed gap or conflict must be
//! explained.

use super::{Finding, Kind};
use crate::model::Model;

/// The finding names an allow comment may give (see `src/check/allows.rs`).
pub const NAMES: [&str; 6] = [
    "gap",
    "conflict",
    "dead_rule",
    "reading_never_matters",
    "reading_matters",
    "unused",
];

/// The comment block directly above a 1-based line: the names allowed and
/// the other comment lines (the reason).
fn block_above(text: &str, line: usize) -> (Vec<String>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut names = Vec::new();
    let mut reason = Vec::new();
    let mut at = line.saturating_sub(1);
    while at > 0 {
        at -= 1;
        let Some(comment) = lines.get(at).and_then(|l| l.trim_start().strip_prefix('#')) else {
            break;
        };
        let directive = comment
            .trim_start()
            .strip_prefix("provisio:")
            .and_then(|r| r.trim_start().strip_prefix("allow"))
            .filter(|r| r.starts_with(char::is_whitespace));
        match directive {
            Some(list) => names.extend(
                list.split([',', ' ', '\t'])
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
            ),
            None if !comment.trim().is_empty() => reason.insert(0, comment.trim().to_string()),
            None => {}
        }
    }
    (names, reason)
}

/// Marks the findings an allow comment silences.
pub(super) fn apply(model: &Model, findings: &mut [Finding]) {
    for finding in findings.iter_mut() {
        if finding.line == 0 || finding.kind == Kind::NotDecided {
            continue;
        }
        let (names, reason) = block_above(&model.source.text, finding.line);
        if !names.iter().any(|n| n == finding.kind.name()) {
            continue;
        }
        let reason = reason.join(" ");
        if finding.kind.fails() && reason.is_empty() {
            finding
                .message
                .push_str(" (allowed without a reason: say why in the comment above the rule)");
        } else {
            finding.allowed = Some(reason);
        }
    }
}

/// A gap whose witness errors with `provisio::conflict` follows from the
/// conflicts: when every conflict found is allowed with a reason, so is
/// the gap, with that said.
pub(super) fn follow_conflicts(findings: &mut [Finding]) {
    let conflicts: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == Kind::Conflict)
        .collect();
    if conflicts.is_empty() || conflicts.iter().any(|f| f.allowed.is_none()) {
        return;
    }
    let rules: Vec<String> = conflicts.iter().flat_map(|f| f.rules.clone()).collect();
    for finding in findings.iter_mut() {
        let from_conflict = finding.witness.as_ref().is_some_and(|w| {
            w.expect
                .values()
                .any(|v| v.get("error") == Some(&serde_json::json!("provisio::conflict")))
        });
        if finding.kind == Kind::Gap && finding.allowed.is_none() && from_conflict {
            finding.allowed = Some(format!(
                "follows from the allowed conflict of {}",
                rules
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
}

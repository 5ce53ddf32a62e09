//! Assumptions about the facts: `assume NAME "sentence" = CONDITION`,
//! resolved like a verdict's body, outside any provision, and typed as a
//! condition.

use super::{Checker, Scope};
use crate::diagnostic::Problem;
use crate::model::AssumptionInfo;
use crate::span::Span;

impl Checker<'_> {
    /// Resolves every assumption; a name used twice, or an empty sentence,
    /// is reported.
    pub(super) fn resolve_assumptions(&mut self) {
        let file = self.file;
        let mut seen: std::collections::HashMap<&str, Span> = std::collections::HashMap::new();
        for assumption in &file.assumptions {
            if let Some(name) = &assumption.name {
                if let Some(first) = seen.get(name.name.as_str()) {
                    let first = *first;
                    self.duplicate("assumption", name, first);
                    continue;
                }
                seen.insert(&name.name, name.span);
            }
            if assumption.sentence.value.trim().is_empty() {
                self.report(
                    Problem::error(
                        "provisio::empty_assumption",
                        "an assumption needs a sentence that says what is assumed",
                        assumption.sentence.span,
                        "empty",
                    )
                    .with_help(
                        "write it as the rules take it for granted, such as \"a member's date of birth is not after the evaluation date\"",
                    ),
                );
            }
            let scope = Scope { provision: None };
            let condition = self.condition(&assumption.condition, scope, "an assumption");
            self.assumptions.push(AssumptionInfo {
                name: assumption.name.as_ref().map(|n| n.name.clone()),
                sentence: super::declare::fold_whitespace(&assumption.sentence.value),
                condition,
                span: assumption.span,
            });
        }
    }
}

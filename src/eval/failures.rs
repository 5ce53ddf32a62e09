//! Failures remembered like values: a rule or period that failed fails the
//! same way for every verdict that uses it, without being computed again.

use super::EvalError;

/// A rule or period whose evaluation failed, remembered with its error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failed {
    /// A definition.
    Definition(crate::model::DefinitionId),
    /// A deontic rule.
    Deontic(crate::model::DeonticId),
    /// Whether the instrument is in force.
    Instrument,
    /// Whether a provision is in force.
    Provision(crate::model::ProvisionId),
}

/// Remembers that a rule or period failed, unless the failure depends on
/// more than the rule: aggregates nested beyond the budget count the
/// elements the whole verdict weighed before, so another verdict may
/// compute the same rule within it.
pub(super) fn remember_failure(
    failures: &mut Vec<(Failed, EvalError)>,
    what: Failed,
    error: &EvalError,
) {
    if !matches!(error, EvalError::TooCostly { .. }) {
        failures.push((what, error.clone()));
    }
}

/// The error remembered for a rule or period, if it failed.
#[inline(always)]
pub(super) fn remembered_failure(
    failures: &[(Failed, EvalError)],
    what: Failed,
) -> Option<EvalError> {
    // Failures are rare: the list is almost always empty, and the test for
    // it is all the hot path pays.
    if failures.is_empty() {
        None
    } else {
        find_failure(failures, what)
    }
}

#[cold]
fn find_failure(failures: &[(Failed, EvalError)], what: Failed) -> Option<EvalError> {
    failures
        .iter()
        .find(|(failed, _)| *failed == what)
        .map(|(_, error)| error.clone())
}

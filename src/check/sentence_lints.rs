//! Lints on verdict sentences that will read badly.

use super::Checker;

impl Checker<'_> {
    /// The sentence lints.
    pub(super) fn lint_sentences(&mut self) {}
}

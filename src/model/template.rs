//! Verdict sentences: the `says` template, parsed and checked.

use super::expr::Expr;

/// A verdict's sentence, split into parts.
#[derive(Debug, Clone, Default)]
pub struct Template {
    /// The parts in order.
    pub parts: Vec<TemplatePart>,
}

/// A piece of a sentence template.
#[derive(Debug, Clone)]
pub enum TemplatePart {
    /// Text written as is.
    Literal(String),
    /// `{value}`: the verdict's value.
    Value,
    /// `{is|is not}` or `{is|is not|may be}`: words chosen by a true, false or
    /// undetermined verdict.
    Choice {
        /// Written when the verdict is true.
        yes: String,
        /// Written when it is false.
        no: String,
        /// Written when it is undetermined; absent: "yes or no".
        unknown: Option<String>,
    },
    /// `{as_of}`, `{mc14.opening}`, `{para5.expiry_date}`: a value named in the policy.
    Expr(Expr),
}

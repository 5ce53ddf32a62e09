//! Where an evaluation error arose, in terms a report can name: its code,
//! and the provision and rule it arose in.

use super::EvalError;
use crate::model::Model;
use crate::span::Span;

/// The provision and rule an error arose in, by name; either may be absent,
/// as for an error in a verdict's own expression or sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorPlace {
    /// The provision.
    pub provision: Option<String>,
    /// The rule: a definition (for an error in one of its exceptions, the
    /// definition they are exceptions to) or a deontic rule.
    pub rule: Option<String>,
}

/// Every code [`EvalError::code`] gives, sorted: the errors a scenario may
/// expect a verdict to end in.
pub const EVAL_ERROR_CODES: &[&str] = &[
    "provisio::ambiguous_date",
    "provisio::conflict",
    "provisio::division_by_zero",
    "provisio::duplicate_key",
    "provisio::empty_list",
    "provisio::impossible_date",
    "provisio::index_out_of_range",
    "provisio::no_limit_arithmetic",
    "provisio::not_defined",
    "provisio::not_whole",
    "provisio::overflow",
    "provisio::scale_order",
    "provisio::tie",
    "provisio::too_costly",
    "provisio::unknown_key",
];

impl EvalError {
    /// The diagnostic code, such as `provisio::conflict`: the same as
    /// [`EvalError::to_problem`] gives.
    pub fn code(&self) -> &'static str {
        match self {
            EvalError::Conflict { .. } => "provisio::conflict",
            EvalError::DivisionByZero { .. } => "provisio::division_by_zero",
            EvalError::MissingDay { .. } => "provisio::ambiguous_date",
            EvalError::NotDefined { .. } => "provisio::not_defined",
            EvalError::Overflow { .. } => "provisio::overflow",
            EvalError::ScaleOrder { .. } => "provisio::scale_order",
            EvalError::Empty { .. } => "provisio::empty_list",
            EvalError::TooCostly { .. } => "provisio::too_costly",
            EvalError::IndexOutOfRange { .. } => "provisio::index_out_of_range",
            EvalError::Tie { .. } => "provisio::tie",
            EvalError::NoLimit { .. } => "provisio::no_limit_arithmetic",
            EvalError::Calendar { fault, .. } => fault.code(),
            EvalError::DuplicateKey { .. } => "provisio::duplicate_key",
            EvalError::UnknownKey { .. } => "provisio::unknown_key",
        }
    }

    /// Whether two errors are the same failure of the policy, whatever day
    /// it arose on: the same conflict, or the same kind of error at the same
    /// place (a dated value asked before its first date on two days).
    pub fn same_failure(&self, other: &EvalError) -> bool {
        match (self, other) {
            (
                EvalError::Conflict { first, second, .. },
                EvalError::Conflict {
                    first: other_first,
                    second: other_second,
                    ..
                },
            ) => first == other_first && second == other_second,
            (EvalError::NotDefined { span, .. }, EvalError::NotDefined { span: other, .. })
            | (EvalError::MissingDay { span, .. }, EvalError::MissingDay { span: other, .. })
            | (EvalError::DivisionByZero { span }, EvalError::DivisionByZero { span: other })
            | (EvalError::Overflow { span }, EvalError::Overflow { span: other })
            | (EvalError::ScaleOrder { span, .. }, EvalError::ScaleOrder { span: other, .. })
            | (EvalError::Empty { span }, EvalError::Empty { span: other })
            | (EvalError::TooCostly { span }, EvalError::TooCostly { span: other })
            | (
                EvalError::IndexOutOfRange { span, .. },
                EvalError::IndexOutOfRange { span: other, .. },
            )
            | (EvalError::Tie { span, .. }, EvalError::Tie { span: other, .. })
            | (EvalError::NoLimit { span }, EvalError::NoLimit { span: other })
            | (EvalError::Calendar { span, .. }, EvalError::Calendar { span: other, .. }) => {
                span == other
            }
            (a @ EvalError::DuplicateKey { .. }, b @ EvalError::DuplicateKey { .. })
            | (a @ EvalError::UnknownKey { .. }, b @ EvalError::UnknownKey { .. }) => a == b,
            _ => false,
        }
    }

    /// The provision and rule the error arose in. A conflict arises in the
    /// definition whose exceptions disagree; any other error in the rule
    /// whose expression holds the place it points at (for an exception, in
    /// the provision it is written in).
    pub fn place(&self, model: &Model) -> ErrorPlace {
        let provision_name = |id: u32| model.provisions.get(id as usize).map(|p| p.name.clone());
        match self {
            EvalError::Conflict { first, .. } => {
                let definition = model
                    .exceptions
                    .get(*first as usize)
                    .and_then(|e| model.definitions.get(e.definition as usize));
                ErrorPlace {
                    provision: definition.and_then(|d| provision_name(d.provision)),
                    rule: definition.map(|d| d.name.clone()),
                }
            }
            EvalError::DivisionByZero { span }
            | EvalError::MissingDay { span, .. }
            | EvalError::NotDefined { span, .. }
            | EvalError::Overflow { span }
            | EvalError::ScaleOrder { span, .. }
            | EvalError::Empty { span }
            | EvalError::TooCostly { span }
            | EvalError::IndexOutOfRange { span, .. }
            | EvalError::Tie { span, .. }
            | EvalError::NoLimit { span }
            | EvalError::Calendar { span, .. }
            | EvalError::DuplicateKey { span, .. }
            | EvalError::UnknownKey { span, .. } => place_of_span(model, *span),
        }
    }
}

/// The rule one of whose expressions holds `span`, or else the provision
/// whose period in force does.
fn place_of_span(model: &Model, span: Span) -> ErrorPlace {
    let holds = |outer: Span| outer.start <= span.start && span.end <= outer.end;
    let provision_name = |id: u32| model.provisions.get(id as usize).map(|p| p.name.clone());
    // (width, provision, rule): the narrowest expression of a rule holding
    // the span wins.
    let mut best: Option<(usize, u32, String)> = None;
    let mut consider = |outer: Span, provision: u32, rule: &str| {
        if holds(outer) && best.as_ref().is_none_or(|(width, ..)| outer.len() < *width) {
            best = Some((outer.len(), provision, rule.to_owned()));
        }
    };
    for definition in &model.definitions {
        consider(definition.body.span, definition.provision, &definition.name);
    }
    for exception in &model.exceptions {
        if let Some(definition) = model.definitions.get(exception.definition as usize) {
            for part in [&exception.condition, &exception.value] {
                consider(part.span, exception.provision, &definition.name);
            }
        }
    }
    for deontic in &model.deontics {
        for part in deontic.when.iter().chain(deontic.while_.iter()) {
            consider(part.span, deontic.provision, &deontic.name);
        }
    }
    if let Some((_, provision, rule)) = best {
        return ErrorPlace {
            provision: provision_name(provision),
            rule: Some(rule),
        };
    }
    // Not in a rule: perhaps in a provision's period in force.
    let provision = model
        .provisions
        .iter()
        .find(|p| p.in_force.as_ref().is_some_and(|period| holds(period.span)))
        .map(|p| p.name.clone());
    ErrorPlace {
        provision,
        rule: None,
    }
}

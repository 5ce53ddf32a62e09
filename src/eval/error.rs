//! Why an evaluation could not finish, and how it is told: each error
//! becomes a diagnostic pointing into the policy.

use crate::calendar;
use crate::diagnostic::Problem;
use crate::model::{ExceptionId, Model};
use crate::span::Span;
use crate::value::Value;

/// How many elements the aggregates nested inside other aggregates may weigh
/// in all, in one verdict's evaluation. Nested aggregates multiply: three
/// levels over a list of 1,000 elements weigh a billion.
pub const MAX_NESTED_ELEMENTS: usize = 1_000_000;

/// Why an evaluation could not finish.
///
/// Every step of evaluation returns `Result<Value, EvalError>`, so the
/// error is kept as small as a value: what is rarely needed and large is
/// boxed, and a test holds the size.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// Two exceptions apply at once and give different values.
    Conflict {
        /// One exception.
        first: ExceptionId,
        /// The other.
        second: ExceptionId,
        /// The value the first gives.
        first_value: Box<Value>,
        /// The value the second gives.
        second_value: Box<Value>,
    },
    /// Division by zero.
    DivisionByZero {
        /// The division.
        span: Span,
    },
    /// A month or year step that lands on a day that does not exist, in a
    /// policy that did not say how to round it.
    MissingDay {
        /// The step.
        span: Span,
        /// The date moved.
        from: chrono::NaiveDate,
        /// The missing day: year, month, day.
        missing: Box<(i32, u32, u32)>,
    },
    /// A dated value asked for on a date it has no value: before its first
    /// date, or after it ended.
    NotDefined {
        /// Where it is asked for.
        span: Span,
        /// The dated value.
        parameter: crate::model::ParameterId,
        /// The date it was asked for.
        on: chrono::NaiveDate,
    },
    /// A computed scale whose thresholds, as evaluated, do not rise.
    ScaleOrder {
        /// The threshold that is not above the one before.
        span: Span,
        /// The bracket whose threshold it is, counted from 1.
        bracket: u32,
        /// The two thresholds.
        thresholds: Box<Disorder>,
    },
    /// A result too large to represent.
    Overflow {
        /// The operation.
        span: Span,
    },
    /// `min` or `max` over a list with no element, or none that satisfies
    /// the condition.
    Empty {
        /// The aggregate.
        span: Span,
    },
    /// A calendar function or duration given values that name no day:
    /// `date(2023, 2, 29)`, or a count that is not a whole number.
    Calendar {
        /// The call or the step.
        span: Span,
        /// Why.
        fault: Box<super::calendar_calls::CalendarFault>,
    },
    /// Aggregates nested inside others that would weigh more than
    /// [`MAX_NESTED_ELEMENTS`] elements in all.
    TooCostly {
        /// The nested aggregate that crossed the budget.
        span: Span,
    },
    /// A position past the end of a table (or before its start) that does
    /// not say its last entry continues.
    IndexOutOfRange {
        /// The lookup.
        span: Span,
        /// The table and the position.
        detail: Box<OutOfRange>,
    },
    /// Arithmetic on a dated maximum that is `no limit`.
    NoLimit {
        /// The operation.
        span: Span,
    },
    /// `the x in L with the least K` where two elements share the winning
    /// key and the policy does not say how ties are broken.
    Tie {
        /// The pick.
        span: Span,
        /// The elements and their key.
        detail: Box<Tied>,
    },
    /// Two elements of a verdict given for each element have the same key.
    DuplicateKey {
        /// The key, in the policy.
        span: Span,
        /// The key and the two elements.
        detail: Box<Duplicate>,
    },
    /// The key of an element of a verdict given for each element is not known.
    UnknownKey {
        /// The key, in the policy.
        span: Span,
        /// The element's position in the list, from 1.
        position: usize,
    },
}

/// The thresholds of a computed scale that do not rise.
#[derive(Debug, Clone, PartialEq)]
pub struct Disorder {
    /// The threshold before the one that is not above it.
    pub before_span: Span,
    /// The value of the threshold before.
    pub before: Value,
    /// The value of the threshold that is not above it.
    pub threshold: Value,
}

/// A position asked of a table that has no entry there.
#[derive(Debug, Clone, PartialEq)]
pub struct OutOfRange {
    /// The table, as messages name it: `` `art32.max_credit` `` or `the list`.
    pub table: String,
    /// The position asked for.
    pub index: rust_decimal::Decimal,
    /// How many entries the table has.
    pub entries: usize,
}

/// The elements tied for a pick that does not say how ties are broken.
#[derive(Debug, Clone, PartialEq)]
pub struct Tied {
    /// The tied elements, at least two: each one's position from 0 and its
    /// name (its first text field), if it has one.
    pub elements: Vec<(usize, Option<String>)>,
    /// The key they share.
    pub key: Value,
}

/// Two elements of a verdict given for each element with the same key.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The key both have, as messages write a value.
    pub key: String,
    /// The first element's position in the list, from 1.
    pub first: usize,
    /// The second element's position, from 1.
    pub second: usize,
}

impl EvalError {
    /// The error as a diagnostic pointing into the policy.
    pub fn to_problem(&self, model: &Model) -> Problem {
        let problem = match self {
            EvalError::Conflict {
                first,
                second,
                first_value,
                second_value,
            } => {
                let describe = |id: &ExceptionId| {
                    let exception = model.exceptions.get(*id as usize);
                    let provision = exception
                        .and_then(|e| model.provisions.get(e.provision as usize))
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    let name = match exception.and_then(|e| e.name.as_deref()) {
                        Some(name) => format!("exception `{name}` of provision `{provision}`"),
                        None => format!("an exception of provision `{provision}`"),
                    };
                    let span = exception.map(|e| e.span).unwrap_or_default();
                    (name, provision, span)
                };
                let (n1, p1, s1) = describe(first);
                let (n2, p2, s2) = describe(second);
                let (v1, v2) = (
                    model.format_value(first_value),
                    model.format_value(second_value),
                );
                let target = model
                    .exceptions
                    .get(*first as usize)
                    .and_then(|e| model.definitions.get(e.definition as usize))
                    .map(|d| d.name.as_str())
                    .unwrap_or("a definition");
                Problem::error(
                    "provisio::conflict",
                    format!("{n1} and {n2} both apply to `{target}` and disagree: {v1} and {v2}"),
                    s1,
                    format!("applies and gives {v1} ({p1})"),
                )
                .with_label(s2, format!("applies and gives {v2} ({p2})"))
                .with_help(
                    "make one exception override the other (`exception NAME to OTHER ...`), or narrow their conditions so that they cannot both apply",
                )
            }
            EvalError::DivisionByZero { span } => Problem::error(
                "provisio::division_by_zero",
                "division by zero",
                *span,
                "the divisor is zero for these facts",
            )
            .with_help("guard the division with `if ... then ... else ...`"),
            EvalError::MissingDay {
                span,
                from,
                missing,
            } => {
                let (year, month, day) = **missing;
                let words = crate::calendar::day_words(year, month, day);
                let written = model
                    .source
                    .written(*span);
                let last = calendar::round(year, month, crate::ast::Rounding::Down)
                    .map(crate::words::human_date);
                let next = calendar::round(year, month, crate::ast::Rounding::Up)
                    .map(crate::words::human_date);
                Problem::error(
                    "provisio::ambiguous_date",
                    format!(
                        "`{written}` from {} names {words}, a day that does not exist",
                        crate::words::human_date(*from)
                    ),
                    *span,
                    "lands on a missing day for these facts",
                )
                .with_help(format!(
                    "say in the policy which day is meant: `rounded down` for {}, or `rounded up` for {}",
                    last.unwrap_or_default(),
                    next.unwrap_or_default()
                ))
            }
            EvalError::NotDefined {
                span,
                parameter,
                on,
            } => {
                let info = model.parameters.get(*parameter as usize);
                let name = info.map_or("", |p| p.name.as_str());
                let when = crate::words::human_date(*on);
                let (message, help) = match info.map(|p| p.on(*on)) {
                    Some(Err(first)) => (
                        format!(
                            "`{name}` is not defined before {}, and is asked for on {when}",
                            crate::words::human_date(first)
                        ),
                        String::from(
                            "the policy gives it no value before its first date: ask for a later date (the evaluation date, or the date it is looked up `as of`), or give the history an earlier entry",
                        ),
                    ),
                    _ => (
                        format!("`{name}` has no value on {when}: its history ends before then"),
                        String::from(
                            "evaluate on an earlier date, or give the history a value from then on",
                        ),
                    ),
                };
                Problem::error(
                    "provisio::not_defined",
                    message,
                    *span,
                    "no value on that date",
                )
                .with_help(help)
            }
            EvalError::Empty { span } => Problem::error(
                "provisio::empty_list",
                "there is no least or greatest value of no elements",
                *span,
                "no element counts for these facts",
            )
            .with_help("guard it with a count: `if (count x in list) > 0 then ... else ...`"),
            EvalError::TooCostly { span } => Problem::error(
                "provisio::too_costly",
                format!(
                    "the aggregates nested here would weigh more than {} elements in all for these facts",
                    crate::words::grouped(MAX_NESTED_ELEMENTS)
                ),
                *span,
                "weighed once for each element of the aggregate around it",
            )
            .with_help("give an inner aggregate that does not use the outer element its own `define`, which is computed once, or shorten the lists"),
            EvalError::ScaleOrder {
                span,
                bracket,
                thresholds,
            } => {
                let before_span = &thresholds.before_span;
                let (before, threshold) = (
                    model.format_value(&thresholds.before),
                    model.format_value(&thresholds.threshold),
                );
                Problem::error(
                    "provisio::scale_order",
                    format!(
                        "the thresholds of this scale are out of order for these facts: bracket {bracket}'s, {threshold}, is not above bracket {}'s, {before}",
                        bracket.saturating_sub(1)
                    ),
                    *span,
                    format!("{threshold}, not above the threshold before"),
                )
                .with_label(*before_span, before.clone())
                .with_help("each threshold must be higher than the one before: check the values they are computed from, or compute them so that they rise")
            }
            EvalError::IndexOutOfRange { span, detail } => {
                super::lists::index_problem(*span, &detail.table, detail.index, detail.entries)
            }
            EvalError::NoLimit { span } => Problem::error(
                "provisio::no_limit_arithmetic",
                "this computes with a maximum that is `no limit` for these facts",
                *span,
                "no limit here",
            )
            .with_help("compare with it, or take `min(x, limit)`; a maximum that is not set has no amount to compute with"),
            EvalError::Tie { span, detail } => {
                super::lists::tie_problem(*span, &detail.elements, &model.format_value(&detail.key))
            }
            EvalError::Calendar { span, fault } => fault.problem(*span),
            EvalError::DuplicateKey { .. } | EvalError::UnknownKey { .. } => {
                super::for_each::key_problem(self)
            }
            EvalError::Overflow { span } => Problem::error(
                "provisio::overflow",
                "the result is too large to represent",
                *span,
                "overflows",
            )
            .with_help("numbers have at most 28 significant digits"),
        };
        model.in_its_file(problem)
    }
}

#[cfg(test)]
mod tests {
    use super::EvalError;
    use crate::value::Value;

    #[test]
    fn a_step_result_is_no_larger_than_a_value_and_a_word() {
        // Every step returns this result: an error larger than a value
        // makes every step's result three times the size of its value.
        assert!(std::mem::size_of::<EvalError>() <= 32);
        assert!(std::mem::size_of::<Result<Value, EvalError>>() <= 48);
    }
}

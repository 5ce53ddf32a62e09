//! Residual conditions: what an undetermined verdict still depends on, as an
//! expression over the unknown facts alone.
//!
//! A residual is read off the evaluation's trace: every sub-step whose value
//! is known becomes that value, and what remains is simplified as far as the
//! known values allow: comparisons of known values folded, a comparison with
//! `earliest`/`latest` split into comparisons with each argument (so that
//! known arguments fold away), `and`/`or` rid of decided operands, the fact
//! put first in a comparison. For a true-or-false verdict the residual is the
//! condition under which it is true; for any other, the expression that gives
//! its value. [`Residual::evaluate`] evaluates it once the facts are known.

mod build;
mod print;

pub use build::residual;
pub use print::{claim_words, claim_words_in, to_source, to_words, to_words_in};

use crate::ast::{BinaryOp, DurationUnit, Rounding};
use crate::eval::logic;
use crate::facts::Facts;
use crate::model::{EnumId, FactId};
use crate::value::Value;

/// An expression over unknown facts.
#[derive(Debug, Clone, PartialEq)]
pub enum Residual {
    /// A known value.
    Known(Value),
    /// An unknown fact, or a field inside it.
    Fact {
        /// The fact.
        fact: FactId,
        /// The field path inside it.
        fields: Box<[u32]>,
    },
    /// A comparison.
    Compare {
        /// The operator.
        op: BinaryOp,
        /// The left side.
        left: Box<Residual>,
        /// The right side.
        right: Box<Residual>,
    },
    /// Arithmetic.
    Arithmetic {
        /// The operator.
        op: BinaryOp,
        /// The left side.
        left: Box<Residual>,
        /// The right side.
        right: Box<Residual>,
    },
    /// All of these hold.
    All(Vec<Residual>),
    /// One of these holds.
    Any(Vec<Residual>),
    /// This does not hold.
    Not(Box<Residual>),
    /// A number negated.
    Negate(Box<Residual>),
    /// The earliest (least) of these.
    Earliest(Vec<Residual>),
    /// The latest (greatest) of these.
    Latest(Vec<Residual>),
    /// `if c then a else b`.
    If {
        /// The condition.
        condition: Box<Residual>,
        /// When it holds.
        then: Box<Residual>,
        /// When it does not.
        otherwise: Box<Residual>,
    },
    /// Whether an enumeration value is one of these.
    OneOf {
        /// The value tested.
        operand: Box<Residual>,
        /// The enumeration.
        enumeration: EnumId,
        /// The values listed.
        values: Box<[u32]>,
        /// `is not one of`.
        negated: bool,
    },
    /// `X is none` (`negated`: `X is not none`), of a value declared `or none`.
    IsNone {
        /// The value tested.
        operand: Box<Residual>,
        /// `is not none`.
        negated: bool,
    },
    /// `X or else Y`: the value of `X` unless it is none, then `Y`.
    OrElse {
        /// The value that may be none.
        value: Box<Residual>,
        /// What stands in for none.
        fallback: Box<Residual>,
    },
    /// A date moved by a duration.
    Shift {
        /// The date.
        date: Box<Residual>,
        /// The amount, negative to move back.
        amount: i64,
        /// The unit.
        unit: DurationUnit,
        /// The rounding of a missing month end.
        rounding: Option<Rounding>,
    },
    /// Whole units between two dates.
    Between {
        /// The unit.
        unit: DurationUnit,
        /// The first date.
        from: Box<Residual>,
        /// The second date.
        to: Box<Residual>,
    },
    /// `year_of(d)`, `date(y, m, d)`, ...
    Calendar {
        /// The function.
        function: crate::model::calendar::CalendarFn,
        /// Its arguments.
        args: Vec<Residual>,
    },
    /// A date moved by a computed count: `filed + notice months`.
    ShiftBy {
        /// The date.
        date: Box<Residual>,
        /// The count.
        count: Box<Residual>,
        /// Taken from the date rather than added.
        back: bool,
        /// The unit.
        unit: DurationUnit,
        /// The rounding of a missing month end.
        rounding: Option<Rounding>,
    },
    /// An expression the residual keeps as the policy writes it, such as an
    /// aggregate over a list some of whose elements are not known.
    Written(String),
    /// A value the residual cannot express further, such as a conflict
    /// between exceptions that may both apply.
    Opaque,
}

impl Residual {
    /// Evaluates the residual with the given facts, three-valued: with every
    /// fact it reads known, the result is known.
    pub fn evaluate(&self, facts: &Facts) -> Value {
        match self {
            Residual::Known(value) => value.clone(),
            Residual::Fact { fact, fields } => {
                let mut value = facts.values.get(*fact as usize);
                for field in fields.iter() {
                    value = match value {
                        Some(Value::Record(values)) => values.get(*field as usize),
                        _ => None,
                    };
                }
                value.cloned().unwrap_or(Value::UNKNOWN)
            }
            Residual::Compare { op, left, right } => {
                logic::compare(*op, &left.evaluate(facts), &right.evaluate(facts))
            }
            Residual::Arithmetic { op, left, right } => {
                match (left.evaluate(facts), right.evaluate(facts)) {
                    (Value::Number(a), Value::Number(b)) => {
                        let result = match op {
                            BinaryOp::Add => a.checked_add(b),
                            BinaryOp::Subtract => a.checked_sub(b),
                            BinaryOp::Multiply => a.checked_mul(b),
                            _ => a.checked_div(b),
                        };
                        result.map_or(Value::UNKNOWN, |n| Value::Number(n.normalize()))
                    }
                    _ => Value::UNKNOWN,
                }
            }
            Residual::All(items) => {
                let mut result = Value::Bool(true);
                for item in items {
                    result = logic::and(&result, &item.evaluate(facts));
                }
                result
            }
            Residual::Any(items) => {
                let mut result = Value::Bool(false);
                for item in items {
                    result = logic::not(&logic::and(
                        &logic::not(&result),
                        &logic::not(&item.evaluate(facts)),
                    ));
                }
                result
            }
            Residual::Not(inner) => logic::not(&inner.evaluate(facts)),
            Residual::Negate(inner) => match inner.evaluate(facts) {
                Value::Number(n) => Value::Number(-n),
                _ => Value::UNKNOWN,
            },
            Residual::Earliest(items) | Residual::Latest(items) => {
                let mut fold = logic::Extreme::new(matches!(self, Residual::Earliest(_)));
                for item in items {
                    fold.add(&item.evaluate(facts));
                }
                fold.finish()
            }
            Residual::If {
                condition,
                then,
                otherwise,
            } => match condition.evaluate(facts) {
                Value::Bool(true) => then.evaluate(facts),
                Value::Bool(false) => otherwise.evaluate(facts),
                _ => logic::either(&[then.evaluate(facts), otherwise.evaluate(facts)]),
            },
            Residual::OneOf {
                operand,
                values,
                negated,
                ..
            } => match operand.evaluate(facts) {
                Value::Enum(_, index) => Value::Bool(values.contains(&index) != *negated),
                _ => Value::UNKNOWN,
            },
            Residual::Shift {
                date,
                amount,
                unit,
                rounding,
            } => match date.evaluate(facts) {
                Value::Date(d) => match crate::calendar::shift(d, *amount, *unit) {
                    crate::calendar::Shift::Exact(x) => Value::Date(x),
                    crate::calendar::Shift::Missing(y, m, _) => rounding
                        .and_then(|r| crate::calendar::round(y, m, r))
                        .map_or(Value::UNKNOWN, Value::Date),
                    crate::calendar::Shift::OutOfRange => Value::UNKNOWN,
                },
                _ => Value::UNKNOWN,
            },
            Residual::Between { unit, from, to } => {
                match (from.evaluate(facts), to.evaluate(facts)) {
                    (Value::Date(a), Value::Date(b)) => Value::Number(rust_decimal::Decimal::from(
                        crate::calendar::between(a, b, *unit),
                    )),
                    _ => Value::UNKNOWN,
                }
            }
            Residual::IsNone { operand, negated } => {
                let none = logic::is_none(&operand.evaluate(facts));
                if *negated { logic::not(&none) } else { none }
            }
            Residual::OrElse { value, fallback } => match value.evaluate(facts) {
                Value::None => fallback.evaluate(facts),
                // A range given for it says there is a value.
                Value::Unknown(bounds) if bounds.is_bounded() => Value::Unknown(bounds),
                known if known.is_known() => known,
                _ => Value::UNKNOWN,
            },
            Residual::Calendar { function, args } => {
                let values: Vec<Value> = args.iter().map(|a| a.evaluate(facts)).collect();
                crate::eval::calendar_calls::apply(*function, &values).unwrap_or(Value::UNKNOWN)
            }
            Residual::ShiftBy {
                date,
                count,
                back,
                unit,
                rounding,
            } => crate::eval::calendar_calls::shift_by(
                &date.evaluate(facts),
                &count.evaluate(facts),
                *back,
                *unit,
                *rounding,
                crate::span::Span::default(),
            )
            .unwrap_or(Value::UNKNOWN),
            Residual::Written(_) | Residual::Opaque => Value::UNKNOWN,
        }
    }

    /// Whether facts alone decide the residual: no part of it is kept as
    /// the policy writes it, or left opaque.
    pub fn is_complete(&self) -> bool {
        match self {
            Residual::Written(_) | Residual::Opaque => false,
            Residual::Known(_) | Residual::Fact { .. } => true,
            Residual::Compare { left, right, .. }
            | Residual::Arithmetic { left, right, .. }
            | Residual::Between {
                from: left,
                to: right,
                ..
            }
            | Residual::ShiftBy {
                date: left,
                count: right,
                ..
            } => left.is_complete() && right.is_complete(),
            Residual::Calendar { args, .. } => args.iter().all(Residual::is_complete),
            Residual::All(items)
            | Residual::Any(items)
            | Residual::Earliest(items)
            | Residual::Latest(items) => items.iter().all(Residual::is_complete),
            Residual::Not(inner) | Residual::Negate(inner) => inner.is_complete(),
            Residual::IsNone { operand, .. } => operand.is_complete(),
            Residual::OrElse { value, fallback } => value.is_complete() && fallback.is_complete(),
            Residual::Shift { date, .. } => date.is_complete(),
            Residual::OneOf { operand, .. } => operand.is_complete(),
            Residual::If {
                condition,
                then,
                otherwise,
            } => condition.is_complete() && then.is_complete() && otherwise.is_complete(),
        }
    }

    /// Whether the residual is a known value.
    pub fn is_known(&self) -> bool {
        matches!(self, Residual::Known(v) if v.is_known())
    }

    /// Adds the facts the residual reads to `found`, each once.
    pub fn facts_read(&self, found: &mut Vec<(FactId, Box<[u32]>)>) {
        match self {
            Residual::Fact { fact, fields } => {
                if !found.iter().any(|(f, p)| f == fact && p == fields) {
                    found.push((*fact, fields.clone()));
                }
            }
            Residual::Known(_) | Residual::Written(_) | Residual::Opaque => {}
            Residual::Compare { left, right, .. }
            | Residual::Arithmetic { left, right, .. }
            | Residual::Between {
                from: left,
                to: right,
                ..
            }
            | Residual::ShiftBy {
                date: left,
                count: right,
                ..
            } => {
                left.facts_read(found);
                right.facts_read(found);
            }
            Residual::Calendar { args, .. } => args.iter().for_each(|a| a.facts_read(found)),
            Residual::All(items)
            | Residual::Any(items)
            | Residual::Earliest(items)
            | Residual::Latest(items) => items.iter().for_each(|i| i.facts_read(found)),
            Residual::Not(inner) | Residual::Negate(inner) => inner.facts_read(found),
            Residual::IsNone { operand, .. } => operand.facts_read(found),
            Residual::OrElse { value, fallback } => {
                value.facts_read(found);
                fallback.facts_read(found);
            }
            Residual::Shift { date, .. } => date.facts_read(found),
            Residual::OneOf { operand, .. } => operand.facts_read(found),
            Residual::If {
                condition,
                then,
                otherwise,
            } => {
                condition.facts_read(found);
                then.facts_read(found);
                otherwise.facts_read(found);
            }
        }
    }
}

/// The unknown facts an undetermined verdict depends on: when its residual
/// is written in facts alone, only those the residual still reads once
/// simplified (a fact whose every value gives the same answer is left
/// out); otherwise every unknown fact it used.
pub fn depends_on(
    model: &crate::model::Model,
    evaluation: &crate::eval::Evaluation<'_>,
    outcome: &crate::eval::VerdictOutcome,
) -> Vec<(FactId, Box<[u32]>)> {
    let all = evaluation.dependencies(outcome).unknown_facts;
    let Some(residual) = evaluation.residual(model, outcome) else {
        return all;
    };
    if !residual.is_complete() {
        return all;
    }
    let mut read = Vec::new();
    residual.facts_read(&mut read);
    if read.is_empty() {
        return all;
    }
    all.into_iter().filter(|f| read.contains(f)).collect()
}

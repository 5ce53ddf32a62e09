//! Symbolic terms: what an expression is worth in one case of the unknown
//! facts, and the case itself.
//!
//! A *case* is a conjunction: difference constraints over the unknown
//! ordered values, and a choice for each unknown yes/no, enumeration value,
//! or none-or-not that was split on. Evaluating an expression symbolically
//! gives a list of cases that do not overlap and together cover every
//! completion of the facts that agrees with what is known, each with a
//! [`Leaf`]: the expression's value throughout that case.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::solver::{Diff, Node, ZERO};
use crate::value::{Currency, Money, Scalar, Value};

/// What an ordered value measures, to turn a node's value back into a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Days since the common era.
    Date,
    /// A plain number.
    Number,
    /// An amount in a currency.
    Money(Currency),
}

impl Unit {
    /// The value of an amount of this unit.
    pub fn value(self, amount: Decimal) -> Option<Value> {
        Some(match self {
            Unit::Date => {
                if !amount.fract().is_zero() {
                    return None;
                }
                let days = i32::try_from(amount.to_i64()?).ok()?;
                Value::Date(NaiveDate::from_num_days_from_ce_opt(days)?)
            }
            Unit::Number => Value::Number(amount.normalize()),
            Unit::Money(currency) => Value::Money(Money::new(currency, amount.normalize())),
        })
    }
}

/// An ordered scalar as an amount of its unit.
pub(crate) fn amount_of(scalar: Scalar) -> (Decimal, Unit) {
    match scalar {
        Scalar::Date(d) => (Decimal::from(d.num_days_from_ce()), Unit::Date),
        Scalar::Number(n) => (n, Unit::Number),
        Scalar::Money(m) => (m.amount(), Unit::Money(m.currency())),
    }
}

/// A value in one case.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Leaf {
    /// A known value (never [`Value::Unknown`] nor [`Value::Among`]).
    Val(Value),
    /// An unknown ordered value plus a constant: `node + offset`.
    Lin {
        /// The unknown.
        node: Node,
        /// The constant added.
        offset: Decimal,
        /// What it measures.
        unit: Unit,
    },
    /// Evaluation fails in this case: two exceptions that apply disagree,
    /// or a step lands on a missing day.
    Error,
}

impl Leaf {
    /// The ordered value as `node + offset` (a constant on the zero node).
    pub fn linear(&self) -> Option<(Node, Decimal, Unit)> {
        match self {
            Leaf::Lin { node, offset, unit } => Some((*node, *offset, *unit)),
            Leaf::Val(value) => {
                let (amount, unit) = amount_of(value.scalar()?);
                Some((ZERO, amount, unit))
            }
            Leaf::Error => None,
        }
    }

    /// `node + offset` as a leaf: a known value on the zero node.
    pub fn of_linear(node: Node, offset: Decimal, unit: Unit) -> Option<Leaf> {
        if node == ZERO {
            unit.value(offset).map(Leaf::Val)
        } else {
            Some(Leaf::Lin { node, offset, unit })
        }
    }
}

/// One case: the constraints and choices that delimit it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Path {
    /// Difference constraints over the unknown ordered values.
    pub diffs: Vec<Diff>,
    /// For each discrete unknown split on: its index, and the option taken.
    pub choices: Vec<(u32, u32)>,
}

impl Path {
    /// This case narrowed to one option of a discrete unknown; `None` when
    /// it already took another.
    pub fn choose(&self, choice: u32, option: u32) -> Option<Path> {
        match self.choices.iter().find(|(c, _)| *c == choice) {
            Some((_, taken)) if *taken == option => Some(self.clone()),
            Some(_) => None,
            None => {
                let mut path = self.clone();
                path.choices.push((choice, option));
                Some(path)
            }
        }
    }
}

/// Cases and the value in each.
pub(crate) type Cases = Vec<(Path, Leaf)>;

/// Why exact reasoning gave up: the expression lies outside the fragment it
/// decides, or the budget ran out. Evaluation then keeps its sound answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fallback;

/// A result that may fall back.
pub(crate) type Exact<T> = Result<T, Fallback>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_days() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 31).expect("a date");
        let (amount, unit) = amount_of(Scalar::Date(day));
        assert_eq!(unit.value(amount), Some(Value::Date(day)));
        assert_eq!(Unit::Date.value(amount + Decimal::new(5, 1)), None);
    }
}

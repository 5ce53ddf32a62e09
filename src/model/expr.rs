//! Resolved, typed expressions.

use crate::ast::{AggregateKind, BinaryOp, DurationUnit, Rounding, RoundingMode};
use crate::span::Span;
use crate::value::Value;

use super::types::Type;
use super::{DefinitionId, DeonticId, FactId, ParameterId, ReadingId};

/// A typed expression whose names are all resolved to indices.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What it computes.
    pub kind: ExprKind,
    /// Its type.
    pub ty: Type,
    /// Where it stands in the policy file.
    pub span: Span,
}

/// The forms of a resolved expression.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// A literal or enumeration value.
    Const(Value),
    /// The date the evaluation is as of.
    AsOf,
    /// A fact, or a field inside it: `mc14.opening` is fact `mc14`, field 0.
    Fact {
        /// The top-level fact.
        fact: FactId,
        /// The field indices from the fact down.
        fields: Box<[u32]>,
    },
    /// A fact, or a field inside it, on another date than the evaluation's:
    /// `extension_decision_taken as of 2024-03-31`. A fact given as a
    /// history has its value on that date; any other, its one value.
    FactAsOf {
        /// The top-level fact.
        fact: FactId,
        /// The field indices from the fact down.
        fields: Box<[u32]>,
        /// The date it is read on.
        date: Box<Expr>,
    },
    /// A field of a computed record.
    Field {
        /// The record.
        record: Box<Expr>,
        /// The field's index.
        field: u32,
    },
    /// The value of a definition.
    Definition(DefinitionId),
    /// A definition with parameters, called with arguments: `age(m)`.
    Call {
        /// The definition called.
        definition: DefinitionId,
        /// The arguments, one for each parameter, in order.
        args: Box<[Expr]>,
    },
    /// The status a deontic rule gives the described measure.
    Deontic(DeonticId),
    /// A dated value, as of the evaluation date or as of another date.
    Parameter {
        /// The dated value.
        parameter: ParameterId,
        /// The date to look it up as of; `None`: the evaluation date.
        date: Option<Box<Expr>>,
    },
    /// Whether the reading in force is (or is not) the given alternative.
    ReadingIs {
        /// The reading.
        reading: ReadingId,
        /// The alternative's index.
        alternative: u32,
        /// `is not`.
        negated: bool,
    },
    /// `not a`.
    Not(Box<Expr>),
    /// `-a`.
    Negate(Box<Expr>),
    /// A binary operator: logic, comparison or arithmetic.
    Binary {
        /// The operator, as written.
        op: BinaryOp,
        /// The left operand.
        left: Box<Expr>,
        /// The right operand.
        right: Box<Expr>,
    },
    /// `a and b and ...`: true when all are, false when any is.
    All(Box<[Expr]>),
    /// `a or b or ...`: true when any is, false when all are.
    Any(Box<[Expr]>),
    /// `X is none` (`negated`: `X is not none`), of a value declared `or none`.
    IsNone {
        /// The value tested.
        operand: Box<Expr>,
        /// `is not none`.
        negated: bool,
    },
    /// `X or else EXPR`: the value of `X` unless it is none, then `EXPR`.
    OrElse {
        /// The value that may be none.
        value: Box<Expr>,
        /// What stands in for none.
        fallback: Box<Expr>,
    },
    /// `a is one of x, y`.
    OneOf {
        /// The enumeration value tested.
        operand: Box<Expr>,
        /// The indices of the listed values.
        values: Box<[u32]>,
        /// `is not one of`.
        negated: bool,
    },
    /// `if c then a else b`.
    If {
        /// The condition.
        condition: Box<Expr>,
        /// Its value when the condition holds.
        then: Box<Expr>,
        /// Its value when it does not.
        otherwise: Box<Expr>,
    },
    /// A date moved by a duration: `as_of + 30 days`, `adopted - 1 month rounded down`.
    ShiftDate {
        /// The date moved.
        date: Box<Expr>,
        /// How many units, negative to move back.
        amount: i64,
        /// The unit.
        unit: DurationUnit,
        /// How a month or year step that lands on a missing day is rounded;
        /// `None`: such a step is an error.
        rounding: Option<Rounding>,
    },
    /// The number of whole units from one date to another: `b - a` in days,
    /// `months_between(a, b)`.
    Between {
        /// The unit counted.
        unit: DurationUnit,
        /// The first date.
        from: Box<Expr>,
        /// The second date.
        to: Box<Expr>,
    },
    /// `earliest(a, b, ...)` of dates, or the least of numbers.
    Earliest(Box<[Expr]>),
    /// `latest(a, b, ...)` of dates, or the greatest of numbers.
    Latest(Box<[Expr]>),
    /// The element an aggregate is at: the binder of the aggregate that
    /// numbers its elements with this slot.
    Bound(u32),
    /// `EXPR rounded half up to the cent`.
    Round {
        /// The amount rounded.
        operand: Box<Expr>,
        /// How.
        mode: RoundingMode,
        /// To how many decimal places.
        places: u32,
    },
    /// `count x in L where C`, `sum E for x in L`, `any x in L satisfies C`,
    /// ... (boxed, to keep every expression small).
    Aggregate(Box<Aggregate>),
    /// A rate scale whose thresholds, base amounts or rates are computed
    /// (a scale written out is a constant [`Value::Scale`]).
    Scale(Box<super::scale::ComputedScale>),
    /// A list written out whose entries are not all constants (a list of
    /// constants is folded into [`ExprKind::Const`]).
    List(Box<[Expr]>),
    /// `table[i]`: the entry of a list at a position counted from 0, or at
    /// an enumeration value's index.
    Index {
        /// The list or table.
        list: Box<Expr>,
        /// The position or enumeration value.
        index: Box<Expr>,
        /// Whether the last entry stands for every position after it
        /// (`and so on`); otherwise a position past the end is an error.
        continues: bool,
    },
    /// `year_of(d)`, `end_of_month(d)`, `date(y, m, d)`, ...
    Calendar {
        /// The function.
        function: super::calendar::CalendarFn,
        /// Its arguments: one date, or three whole numbers for `date`.
        args: Box<[Expr]>,
    },
    /// A date moved by a computed count: `as_of + n months`.
    ShiftBy(Box<super::calendar::ShiftBy>),
    /// The days of several periods within a window, each counted once.
    Coverage(Box<super::calendar::Coverage>),
    /// The days from `from` to `to` that fall within `window_from` to
    /// `window_to`, every end counted; a `to` that is none runs to the
    /// window's end.
    Overlap {
        /// The period's first day.
        from: Box<Expr>,
        /// The period's last day.
        to: Box<Expr>,
        /// The window's first day.
        window_from: Box<Expr>,
        /// The window's last day.
        window_to: Box<Expr>,
    },
}

/// An aggregate over a list.
#[derive(Debug, Clone)]
pub struct Aggregate {
    /// What it computes.
    pub kind: AggregateKind,
    /// The slot its binder takes: its depth among the aggregates around it.
    pub slot: u32,
    /// The list.
    pub list: Expr,
    /// The value summed or compared, or the condition of `any` and `every`.
    pub body: Option<Expr>,
    /// Only the elements that satisfy it count.
    pub filter: Option<Expr>,
    /// What a sum of no elements is: zero, in the body's currency.
    pub zero: Value,
    /// The lists of the binders after the first, in order: the binder of
    /// `more[i]` takes slot `slot + 1 + i`, and each list may use the
    /// binders before it.
    pub more: Box<[Expr]>,
    /// For `the ... with the least/greatest ...`: how a tie is broken.
    pub ties: Ties,
}

/// How `the m in L with the least K` breaks a tie between elements with
/// the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ties {
    /// A tie is an evaluation error naming the tied elements.
    Refused,
    /// `ties to the first`: the earliest in the list wins.
    First,
    /// `ties to the last`: the latest in the list wins.
    Last,
}

/// Calls `f` on each direct sub-expression of `expr`.
pub fn for_each_child<'e>(expr: &'e Expr, mut f: impl FnMut(&'e Expr)) {
    match &expr.kind {
        ExprKind::Const(_)
        | ExprKind::AsOf
        | ExprKind::Fact { .. }
        | ExprKind::Definition(_)
        | ExprKind::Deontic(_)
        | ExprKind::ReadingIs { .. }
        | ExprKind::Bound(_) => {}
        ExprKind::Round { operand, .. } => f(operand),
        ExprKind::Aggregate(aggregate) => {
            f(&aggregate.list);
            aggregate.more.iter().for_each(&mut f);
            if let Some(filter) = &aggregate.filter {
                f(filter)
            }
            if let Some(body) = &aggregate.body {
                f(body)
            }
        }
        ExprKind::Overlap {
            from,
            to,
            window_from,
            window_to,
        } => {
            f(from);
            f(to);
            f(window_from);
            f(window_to);
        }
        ExprKind::Scale(scale) => {
            for bracket in &scale.brackets {
                f(&bracket.over);
                if let Some(base) = &bracket.base {
                    f(base)
                }
                f(&bracket.rate);
            }
        }
        ExprKind::Calendar { args, .. } => args.iter().for_each(f),
        ExprKind::ShiftBy(shift) => {
            f(&shift.date);
            f(&shift.count);
        }
        ExprKind::Coverage(coverage) => {
            if let Some((_, list)) = &coverage.each {
                f(list)
            }
            for (from, to) in coverage.periods.iter() {
                f(from);
                f(to);
            }
            f(&coverage.window_from);
            f(&coverage.window_to);
        }
        ExprKind::Field { record, .. } => f(record),
        ExprKind::FactAsOf { date, .. } => f(date),
        ExprKind::Parameter { date, .. } => {
            if let Some(date) = date {
                f(date)
            }
        }
        ExprKind::Not(e) | ExprKind::Negate(e) => f(e),
        ExprKind::Call { args, .. } => args.iter().for_each(f),
        ExprKind::IsNone { operand, .. } => f(operand),
        ExprKind::OrElse { value, fallback } => {
            f(value);
            f(fallback);
        }
        ExprKind::Binary { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::Index { list, index, .. } => {
            f(list);
            f(index);
        }
        ExprKind::List(items)
        | ExprKind::All(items)
        | ExprKind::Any(items)
        | ExprKind::Earliest(items)
        | ExprKind::Latest(items) => items.iter().for_each(f),
        ExprKind::OneOf { operand, .. } => f(operand),
        ExprKind::If {
            condition,
            then,
            otherwise,
        } => {
            f(condition);
            f(then);
            f(otherwise);
        }
        ExprKind::ShiftDate { date, .. } => f(date),
        ExprKind::Between { from, to, .. } => {
            f(from);
            f(to);
        }
    }
}

#[cfg(test)]
mod tests {
    /// Evaluation walks expressions all the time: each stays five words and
    /// its kind no larger than a value.
    #[test]
    fn expressions_stay_small() {
        assert_eq!(std::mem::size_of::<super::ExprKind>(), 40);
        assert_eq!(std::mem::size_of::<super::Expr>(), 72);
    }
}

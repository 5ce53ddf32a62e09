//! `FACT as of DATE`: a fact read on another date than the evaluation's.
//! A fact given as a history has the value of the last date of its history
//! on or before that date, and is unknown before the first; any other fact
//! has its one value on every date.

use super::{Run, Tracer, logic};
use crate::model::FactId;
use crate::value::{Scalar, Value};

/// The field at `fields` inside `value`: none inside none (no record, so
/// none of its fields), unknown when the value is not a record.
#[inline]
pub(super) fn field_of(value: Option<&Value>, fields: &[u32]) -> Value {
    let mut value = value;
    for field in fields {
        value = match value {
            Some(Value::Record(values)) => values.get(*field as usize),
            Some(Value::None) => return Value::None,
            _ => None,
        };
    }
    value.cloned().unwrap_or(Value::UNKNOWN)
}

impl<'m, T: Tracer<'m>> Run<'_, 'm, T> {
    /// The fact, or a field inside it, on the date `on`. On a date not
    /// known, the values it may take over the dates it may be.
    pub(super) fn fact_as_of(&mut self, fact: FactId, fields: &[u32], on: &Value) -> Value {
        let facts = self.input.facts;
        let Some(history) = facts.history(fact) else {
            return field_of(facts.values.get(fact as usize), fields);
        };
        if let Value::Date(date) = on {
            return field_of(history.entry_on(*date).map(|(_, v)| v), fields);
        }
        let range = on.range();
        let day = |end: Option<Scalar>| match end {
            Some(Scalar::Date(date)) => Some(date),
            _ => None,
        };
        let (lo, hi) = (day(range.lo), day(range.hi));
        // The entries in force on some day of the range.
        let first = lo.map_or(0, |lo| {
            history
                .changes
                .partition_point(|(from, _)| *from <= lo)
                .saturating_sub(1)
        });
        let last = hi.map_or(history.changes.len(), |hi| {
            history.changes.partition_point(|(from, _)| *from <= hi)
        });
        let mut values: Vec<Value> = history
            .changes
            .get(first..last)
            .unwrap_or(&[])
            .iter()
            .map(|(_, value)| field_of(Some(value), fields))
            .collect();
        // The range may reach before the first date, when it is unknown.
        let before_first = match (lo, history.changes.first()) {
            (Some(lo), Some((from, _))) => lo < *from,
            _ => true,
        };
        if before_first || values.is_empty() {
            values.push(Value::UNKNOWN);
        }
        logic::either(&values)
    }
}

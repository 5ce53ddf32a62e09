//! Lists written out, tables looked up by position, the extremes of a list,
//! the element with the least or greatest key, and the rows of an
//! aggregate with several binders.

use std::cmp::Ordering;
use std::sync::Arc;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{EvalError, MAX_NESTED_ELEMENTS, Run, Tracer, logic};
use crate::diagnostic::Problem;
use crate::model::expr::{Aggregate, Ties};
use crate::model::{Expr, ExprKind};
use crate::span::Span;
use crate::value::{Scalar, Value};

/// The diagnostic of a position outside a table.
pub(super) fn index_problem(span: Span, table: &str, index: Decimal, entries: usize) -> Problem {
    let last = entries.saturating_sub(1);
    let positions = match entries {
        0 => String::from("it has no entries"),
        1 => String::from("it has 1 entry, at position 0"),
        n => format!("it has {n} entries, at positions 0 to {last}"),
    };
    Problem::error(
        "provisio::index_out_of_range",
        format!(
            "{table} has no entry at position {}: {positions}",
            index.normalize()
        ),
        span,
        "no such entry",
    )
    .with_help("end the table with `and so on` if its last entry stands for every position after it, or guard the lookup with `if`")
}

/// The diagnostic of a tie in `the x in L with the least K`.
pub(super) fn tie_problem(span: Span, tied: &[(usize, Option<String>)], key: &str) -> Problem {
    let names: Vec<String> = tied
        .iter()
        .map(|(position, name)| match name {
            Some(name) => format!("{name} (position {position})"),
            None => format!("the element at position {position}"),
        })
        .collect();
    let names = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    };
    Problem::error(
        "provisio::tie",
        format!("{names} tie with {key}, and the policy does not say which one is picked"),
        span,
        "a tie",
    )
    .with_help("say how a tie is broken: `..., ties to the first` or `..., ties to the last` (in the list's order)")
}

/// What is known of a value that is one of several: each of them, when
/// they are all known and differ; otherwise what [`logic::either`] keeps.
pub(super) fn one_of_values(values: Vec<Value>) -> Value {
    if !values.iter().all(Value::is_known) {
        return logic::either(&values);
    }
    let mut unique: Vec<Value> = Vec::with_capacity(values.len());
    for value in values {
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    match unique.len() {
        0 => Value::UNKNOWN,
        1 => unique.pop().unwrap_or(Value::UNKNOWN),
        _ => Value::Among(unique.into()),
    }
}

/// How messages name an element: its first text field, if it is a record with one.
fn element_name(value: &Value) -> Option<String> {
    match value {
        Value::Record(fields) => fields.iter().find_map(|f| match f {
            Value::Text(t) => Some(t.to_string()),
            _ => None,
        }),
        Value::Text(t) => Some(t.to_string()),
        _ => None,
    }
}

impl<'m, T: Tracer<'m>> Run<'_, 'm, T> {
    /// A list written out with entries computed.
    pub(super) fn list(&mut self, items: &'m [Expr]) -> Result<Value, EvalError> {
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            values.push(self.expr(item)?);
        }
        Ok(Value::List(values.into()))
    }

    /// `earliest`/`latest` (`min`/`max`) of values, or of one list's entries.
    pub(super) fn extreme(
        &mut self,
        args: &'m [Expr],
        least: bool,
        span: Span,
    ) -> Result<Value, EvalError> {
        let mut fold = logic::Extreme::new(least);
        let mut folded = false;
        // Known dates, the usual arguments, are compared directly; the fold
        // takes their extreme only when another value comes (it is the
        // same: the fold's order does not matter, and the extreme of known
        // dates stands for them all).
        let mut dates: Option<chrono::NaiveDate> = None;
        for arg in args {
            // Read in place (see `Run::binary`).
            let result = self.expr(arg);
            let Ok(value) = &result else { return result };
            if !matches!(arg.ty, crate::model::Type::List(_)) {
                if let Value::Date(date) = value {
                    dates = Some(match dates {
                        Some(other) if least => other.min(*date),
                        Some(other) => other.max(*date),
                        None => *date,
                    });
                } else {
                    fold.add(value);
                    folded = true;
                }
                continue;
            }
            match value {
                Value::List(items) if items.is_empty() => return Err(EvalError::Empty { span }),
                Value::List(items) => {
                    items.iter().for_each(|item| fold.add(item));
                    folded = true;
                }
                _ => return Ok(Value::UNKNOWN),
            }
        }
        match dates {
            Some(date) if !folded => return Ok(Value::Date(date)),
            Some(date) => fold.add(&Value::Date(date)),
            None => {}
        }
        Ok(fold.finish())
    }

    /// `table[i]`: the entry at a position from 0 (or an enumeration value's
    /// index). An unknown position in a range gives what the entries in
    /// that range have in common.
    pub(super) fn index(
        &mut self,
        list: &'m Expr,
        index: &'m Expr,
        continues: bool,
        span: Span,
    ) -> Result<Value, EvalError> {
        let table = self.expr(list)?;
        let position = self.expr(index)?;
        let Value::List(items) = table else {
            return Ok(Value::UNKNOWN);
        };
        let continues = continues
            || matches!(&list.kind, ExprKind::Parameter { parameter, .. }
                if self.model.parameters.get(*parameter as usize).is_some_and(|p| p.continues));
        let entries = items.len();
        let at = |n: i64| -> Option<&Value> {
            match usize::try_from(n) {
                Ok(n) if n < entries => items.get(n),
                Ok(_) if continues => items.last(),
                _ => None,
            }
        };
        let name = || match &list.kind {
            ExprKind::Parameter { parameter, .. } => self
                .model
                .parameters
                .get(*parameter as usize)
                .map(|p| {
                    let provision = self
                        .model
                        .provisions
                        .get(p.provision as usize)
                        .map(|p| p.name.as_str())
                        .unwrap_or("");
                    format!("`{provision}.{}`", p.name)
                })
                .unwrap_or_else(|| String::from("the table")),
            _ => String::from("the list"),
        };
        match position {
            Value::Number(n) => {
                let entry = n.to_i64().filter(|_| n.fract().is_zero()).and_then(at);
                match entry {
                    Some(value) => Ok(value.clone()),
                    None => Err(EvalError::IndexOutOfRange {
                        span,
                        detail: Box::new(super::error::OutOfRange {
                            table: name(),
                            index: n,
                            entries,
                        }),
                    }),
                }
            }
            Value::Enum(_, i) => Ok(at(i64::from(i)).cloned().unwrap_or(Value::UNKNOWN)),
            Value::Among(options) => {
                let mut found = Vec::with_capacity(options.len());
                for option in options.iter() {
                    let position = match option {
                        Value::Enum(_, i) => Some(i64::from(*i)),
                        Value::Number(n) => n.to_i64(),
                        _ => None,
                    };
                    match position.and_then(at) {
                        Some(value) => found.push(value.clone()),
                        None => return Ok(Value::UNKNOWN),
                    }
                }
                Ok(logic::either(&found))
            }
            Value::Unknown(bounds) => {
                let end = |bound: Option<Scalar>| match bound {
                    Some(Scalar::Number(n)) => Some(n),
                    _ => None,
                };
                let lo = end(bounds.lo).map_or(0, |n| n.ceil().to_i64().unwrap_or(i64::MAX).max(0));
                let last = entries as i64 - 1;
                let hi = match end(bounds.hi).and_then(|n| n.floor().to_i64()) {
                    Some(hi) => hi,
                    // Past the end, every position gives the last entry.
                    None if continues => last.max(lo),
                    None => return Ok(Value::UNKNOWN),
                };
                // A range reaching past a table that does not continue may
                // be an error: nothing is known.
                if hi < lo || (!continues && hi > last) {
                    return Ok(Value::UNKNOWN);
                }
                let mut found = Vec::new();
                for n in lo..=hi.min(last.max(lo)) {
                    match at(n) {
                        Some(value) => found.push(value.clone()),
                        None => return Ok(Value::UNKNOWN),
                    }
                }
                Ok(logic::either(&found))
            }
            _ => Ok(Value::UNKNOWN),
        }
    }

    /// The rows an aggregate goes through: each element of its list, or,
    /// with several binders, each combination of elements as a list of one
    /// value a binder. `None`: a list is unknown.
    pub(super) fn rows(
        &mut self,
        aggregate: &'m Aggregate,
        items: Arc<[Value]>,
        slot: usize,
        span: Span,
    ) -> Result<Option<Arc<[Value]>>, EvalError> {
        if aggregate.more.is_empty() {
            return Ok(Some(items));
        }
        let mut rows = Vec::new();
        let mut prefix = Vec::with_capacity(aggregate.more.len() + 1);
        for item in items.iter() {
            prefix.clear();
            prefix.push(item.clone());
            if !self.expand(aggregate, slot, &mut prefix, &mut rows, span)? {
                self.bound.truncate(slot);
                return Ok(None);
            }
        }
        self.bound.truncate(slot);
        Ok(Some(rows.into()))
    }

    /// Extends `prefix` (the elements of the binders so far) by each
    /// element of the next binder's list; false when a list is unknown.
    fn expand(
        &mut self,
        aggregate: &'m Aggregate,
        slot: usize,
        prefix: &mut Vec<Value>,
        rows: &mut Vec<Value>,
        span: Span,
    ) -> Result<bool, EvalError> {
        let Some(list) = aggregate.more.get(prefix.len() - 1) else {
            rows.push(Value::List(prefix.clone().into()));
            return Ok(true);
        };
        self.bound.truncate(slot);
        self.bound.extend(prefix.iter().cloned());
        let Value::List(items) = self.expr(list)? else {
            return Ok(false);
        };
        // The later lists are weighed once per combination before them.
        self.nested_elements = self.nested_elements.saturating_add(items.len());
        if self.nested_elements > MAX_NESTED_ELEMENTS {
            return Err(EvalError::TooCostly { span });
        }
        for item in items.iter() {
            prefix.push(item.clone());
            let known = self.expand(aggregate, slot, prefix, rows, span)?;
            prefix.pop();
            if !known {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Binds a row's elements from `slot` on.
    pub(super) fn bind_row(&mut self, aggregate: &Aggregate, slot: usize, row: &Value) {
        self.bound.truncate(slot);
        match row {
            Value::List(values) if !aggregate.more.is_empty() => {
                self.bound.extend(values.iter().cloned())
            }
            other => self.bound.push(other.clone()),
        }
    }

    /// `the x in L with the least (greatest) K where C`: the element whose
    /// key wins. When unknown keys or conditions could change the winner,
    /// the candidates that could win, as one of several values.
    pub(super) fn pick(
        &mut self,
        aggregate: &'m Aggregate,
        items: &[Value],
        slot: usize,
        span: Span,
    ) -> Result<Value, EvalError> {
        let greatest = aggregate.kind == crate::ast::AggregateKind::Greatest;
        // (position, element, key, certainly a candidate)
        let mut candidates: Vec<(usize, &Value, Value, bool)> = Vec::new();
        for (position, item) in items.iter().enumerate() {
            self.bind_row(aggregate, slot, item);
            let certain = match &aggregate.filter {
                None => true,
                Some(filter) => match self.expr(filter)? {
                    Value::Bool(true) => true,
                    Value::Bool(false) => continue,
                    _ => false,
                },
            };
            let key = match &aggregate.body {
                Some(key) => self.expr(key)?,
                None => Value::UNKNOWN,
            };
            candidates.push((position, item, key, certain));
        }
        self.bound.truncate(slot);
        if candidates.is_empty() {
            return Err(EvalError::Empty { span });
        }
        // `a` beats `b` for certain when every value of a's key is strictly
        // better than every value of b's.
        let better = |a: &Value, b: &Value| -> Option<Ordering> {
            let (ra, rb) = (a.range(), b.range());
            let (x, y) = if greatest { (rb, ra) } else { (ra, rb) };
            // x better than y: x.hi < y.lo; worse: x.lo > y.hi.
            match (x.hi, y.lo) {
                (Some(h), Some(l)) if h.compare(&l) == Some(Ordering::Less) => {
                    return Some(Ordering::Less);
                }
                _ => {}
            }
            match (x.lo, y.hi) {
                (Some(l), Some(h)) if l.compare(&h) == Some(Ordering::Greater) => {
                    Some(Ordering::Greater)
                }
                _ => None,
            }
        };
        let all_known = candidates
            .iter()
            .all(|(_, _, key, certain)| *certain && key.is_known());
        if all_known {
            let mut best: Vec<&(usize, &Value, Value, bool)> = Vec::new();
            for candidate in &candidates {
                match best.first() {
                    None => best.push(candidate),
                    Some(current) => match candidate.2.range().lo.zip(current.2.range().lo) {
                        Some((a, b)) => match a.compare(&b) {
                            Some(Ordering::Equal) => best.push(candidate),
                            Some(order) if (order == Ordering::Less) != greatest => {
                                best.clear();
                                best.push(candidate);
                            }
                            Some(_) => {}
                            None => return Ok(Value::UNKNOWN),
                        },
                        None => return Ok(Value::UNKNOWN),
                    },
                }
            }
            let winner = match (aggregate.ties, best.as_slice()) {
                (_, [one]) => one,
                (Ties::First, [first, ..]) => first,
                (Ties::Last, [.., last]) => last,
                (_, []) => return Err(EvalError::Empty { span }),
                (Ties::Refused, tied) => {
                    return Err(EvalError::Tie {
                        span,
                        detail: Box::new(super::error::Tied {
                            elements: tied
                                .iter()
                                .map(|(position, item, _, _)| (*position, element_name(item)))
                                .collect(),
                            key: tied.first().map(|c| c.2.clone()).unwrap_or(Value::UNKNOWN),
                        }),
                    });
                }
            };
            return Ok(winner.1.clone());
        }
        // Some key or condition is open: the elements that no certain
        // candidate beats for certain could win.
        let possible: Vec<Value> = candidates
            .iter()
            .filter(|(_, _, key, _)| {
                !candidates.iter().any(|(_, _, other, certain)| {
                    *certain && better(other, key) == Some(Ordering::Less)
                })
            })
            .map(|(_, item, _, _)| (*item).clone())
            .collect();
        let any_certain = candidates.iter().any(|c| c.3);
        Ok(match possible.as_slice() {
            // Every other candidate is beaten for certain by a certain one.
            [one] if any_certain => one.clone(),
            [] => Value::UNKNOWN,
            _ if !any_certain => Value::UNKNOWN,
            _ => one_of_values(possible),
        })
    }
}

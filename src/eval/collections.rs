//! Aggregates over lists, three-valued: an element whose condition is
//! unknown leaves the result open only as far as it could change it, and a
//! count or sum then keeps the range it must lie in.

use rust_decimal::Decimal;

use super::logic::Extreme;
use super::{EvalError, MAX_NESTED_ELEMENTS, Run, Tracer};
use crate::ast::AggregateKind;
use crate::model::expr::Aggregate;
use crate::span::Span;
use crate::value::{Bounds, Currency, Scalar, Value};

/// Whether an element counts: certainly, perhaps, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Membership {
    Certain,
    Perhaps,
    Out,
}

/// A running sum of ranges: `None` once an end is unbounded.
struct RangeSum {
    lo: Option<Decimal>,
    hi: Option<Decimal>,
    currency: Option<Currency>,
}

impl RangeSum {
    fn add(&mut self, lo: Option<Decimal>, hi: Option<Decimal>) {
        self.lo = self.lo.zip(lo).and_then(|(a, b)| a.checked_add(b));
        self.hi = self.hi.zip(hi).and_then(|(a, b)| a.checked_add(b));
    }

    fn finish(self) -> Value {
        match (self.lo, self.hi) {
            (Some(lo), Some(hi)) if lo == hi => Value::of_amount(lo.normalize(), self.currency),
            (lo, hi) => Value::Unknown(Bounds {
                lo: lo.map(|a| Scalar::of_amount(a, self.currency)),
                hi: hi.map(|a| Scalar::of_amount(a, self.currency)),
            }),
        }
    }
}

fn amount(bound: Option<Scalar>) -> Option<Decimal> {
    bound.and_then(|s| s.amount()).map(|(a, _)| a)
}

impl<'m, T: Tracer<'m>> Run<'_, 'm, T> {
    /// `count`, `sum`, `min`, `max`, `any` or `every` over a list.
    pub(super) fn aggregate(
        &mut self,
        aggregate: &'m Aggregate,
        span: Span,
    ) -> Result<Value, EvalError> {
        let items = match self.expr(&aggregate.list)? {
            Value::List(items) => items,
            _ => {
                // An unknown list: only a count is known not to be negative.
                return Ok(match aggregate.kind {
                    AggregateKind::Count => Value::Unknown(Bounds {
                        lo: Some(Scalar::Number(Decimal::ZERO)),
                        hi: None,
                    }),
                    _ => Value::UNKNOWN,
                });
            }
        };
        let slot = self.base + aggregate.slot as usize;
        if self.bound.len() < slot {
            self.bound.resize(slot, Value::UNKNOWN);
        }
        // With several binders, each row is one combination of elements.
        let Some(items) = self.rows(aggregate, items, slot, span)? else {
            return Ok(match aggregate.kind {
                AggregateKind::Count => Value::Unknown(Bounds {
                    lo: Some(Scalar::Number(Decimal::ZERO)),
                    hi: None,
                }),
                _ => Value::UNKNOWN,
            });
        };
        // An aggregate inside another weighs its list once per element of
        // the one around it: nested aggregates multiply, so their elements
        // are counted against a budget that no policy for a single case
        // comes near, rather than left to run for hours.
        if aggregate.slot > 0 {
            self.nested_elements = self.nested_elements.saturating_add(items.len());
            if self.nested_elements > MAX_NESTED_ELEMENTS {
                return Err(EvalError::TooCostly { span });
            }
        }
        if matches!(
            aggregate.kind,
            AggregateKind::Least | AggregateKind::Greatest
        ) {
            return self.pick(aggregate, &items, slot, span);
        }
        let mut count = (0i64, 0i64);
        let mut truth = (false, false, false);
        let currency = match aggregate.zero {
            Value::Money(m) => Some(m.currency()),
            _ => None,
        };
        let mut sum = RangeSum {
            lo: Some(Decimal::ZERO),
            hi: Some(Decimal::ZERO),
            currency,
        };
        let least = aggregate.kind == AggregateKind::Min;
        let (mut all, mut certain) = (Extreme::new(least), Extreme::new(least));
        let (mut any_certain, mut any_perhaps) = (false, false);
        for item in items.iter() {
            self.bind_row(aggregate, slot, item);
            let membership = match &aggregate.filter {
                None => Membership::Certain,
                Some(filter) => match self.expr(filter)? {
                    Value::Bool(true) => Membership::Certain,
                    Value::Bool(false) => Membership::Out,
                    _ => Membership::Perhaps,
                },
            };
            if membership == Membership::Out {
                continue;
            }
            match aggregate.kind {
                AggregateKind::Count => {
                    if membership == Membership::Certain {
                        count.0 += 1;
                    } else {
                        count.1 += 1;
                    }
                }
                AggregateKind::Any | AggregateKind::Every => {
                    let holds = match &aggregate.body {
                        Some(body) => self.expr(body)?,
                        None => Value::Bool(true),
                    };
                    match holds {
                        Value::Bool(true) => truth.0 = true,
                        Value::Bool(false) => truth.1 = true,
                        _ => truth.2 = true,
                    }
                }
                AggregateKind::Sum => {
                    let value = match &aggregate.body {
                        Some(body) => self.expr(body)?,
                        None => Value::UNKNOWN,
                    };
                    let range = value.range();
                    let (lo, hi) = (amount(range.lo), amount(range.hi));
                    if membership == Membership::Certain {
                        sum.add(lo, hi);
                    } else {
                        // Perhaps counted: it adds between nothing and itself.
                        let zero = Decimal::ZERO;
                        sum.add(lo.map(|l| l.min(zero)), hi.map(|h| h.max(zero)));
                    }
                }
                AggregateKind::Min
                | AggregateKind::Max
                | AggregateKind::Least
                | AggregateKind::Greatest => {
                    let value = match &aggregate.body {
                        Some(body) => self.expr(body)?,
                        None => Value::UNKNOWN,
                    };
                    all.add(&value);
                    if membership == Membership::Certain {
                        certain.add(&value);
                        any_certain = true;
                    } else {
                        any_perhaps = true;
                    }
                }
            }
        }
        self.bound.truncate(slot);
        Ok(match aggregate.kind {
            AggregateKind::Count => match count {
                (known, 0) => Value::Number(Decimal::from(known)),
                (known, perhaps) => Value::Unknown(Bounds {
                    lo: Some(Scalar::Number(Decimal::from(known))),
                    hi: Some(Scalar::Number(Decimal::from(known + perhaps))),
                }),
            },
            // `any`: one element that satisfies it decides; otherwise an
            // element left open leaves it open. `every`, the other way round.
            AggregateKind::Any => match truth {
                (true, _, _) => Value::Bool(true),
                (false, _, true) => Value::UNKNOWN,
                _ => Value::Bool(false),
            },
            AggregateKind::Every => match truth {
                (_, true, _) => Value::Bool(false),
                (_, false, true) => Value::UNKNOWN,
                _ => Value::Bool(true),
            },
            AggregateKind::Sum => sum.finish(),
            AggregateKind::Min
            | AggregateKind::Max
            | AggregateKind::Least
            | AggregateKind::Greatest => match (any_certain, any_perhaps) {
                (false, false) => {
                    return Err(EvalError::Empty { span });
                }
                (true, false) => certain.finish(),
                // An element that perhaps counts can only move the result
                // further out: toward it, never past the certain ones.
                (true, true) => {
                    let (wide, sure) = (all.finish().range(), certain.finish().range());
                    let (lo, hi) = if least {
                        (wide.lo, sure.hi)
                    } else {
                        (sure.lo, wide.hi)
                    };
                    match (lo, hi) {
                        // The elements that perhaps count cannot move it.
                        (Some(lo), Some(hi)) if lo == hi => lo.to_value(),
                        (lo, hi) => Value::Unknown(Bounds { lo, hi }),
                    }
                }
                (false, true) => Value::UNKNOWN,
            },
        })
    }
}

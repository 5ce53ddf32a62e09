//! A cheap proof that an open value stays open, tried before exact
//! reasoning (see [`crate::exact`]).
//!
//! Exact reasoning decides a value the steps left unknown only when every
//! completion of the unknown facts that agrees with what is known gives
//! the same value. Two such completions that give different known values
//! prove it cannot: the value stays the steps' own, and exact reasoning
//! need not run. Most open verdicts are open for that reason (the
//! Session's dates left out: the moratorium may or may not hold), and
//! evaluating two completed inputs with the steps costs far less than
//! reasoning over the cases. When the completions agree, or the facts
//! cannot be completed safely, exact reasoning runs as before; so every
//! value is the one it would give.
//!
//! A completion agrees with what is known when it changes only values left
//! out (unknown without a range), picks one of several given values, keeps
//! each type's values (whole numbers, an enumeration's values) and puts an
//! event's opening on or before its closing. Facts with ranges, dated
//! histories, given definitions, text or lists left out are not completed.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{EvalError, Evaluator, Input, Readings};
use crate::facts::Facts;
use crate::model::{Model, Type};
use crate::value::{Money, Value};

/// An evaluator's witness, made on first need. A copy of the evaluator
/// (exact reasoning takes one) starts without one: it is only a cache.
#[derive(Debug, Default)]
pub(super) struct Slot<'m>(pub(super) Option<Box<Witness<'m>>>);

impl Clone for Slot<'_> {
    fn clone(&self) -> Self {
        Slot(None)
    }
}

/// The completions of one input's unknown facts, each with an evaluator
/// that remembers its rules' values until the input changes.
#[derive(Debug)]
pub(super) struct Witness<'m> {
    model: &'m Model,
    /// Whether the input's completions are made (until the evaluator is
    /// reset), and whether they could be: `Some(false)` when its facts
    /// cannot be completed safely.
    made: Option<bool>,
    /// The input's facts with every value left out at its least, and at
    /// its greatest, once made; kept between inputs so that their storage
    /// is reused.
    completions: [Facts; 2],
    /// Each fact's least and greatest values, for a fact left out whole:
    /// the same for every input, so made once.
    fills: Vec<[Option<Value>; 2]>,
    /// One evaluator for each completion, apart from the input's own
    /// remembered values.
    scratch: [Evaluator<'m>; 2],
    /// The date and readings the scratch evaluators remember values for.
    key: Option<(NaiveDate, Readings)>,
    /// Whether they remember values of this input's completions.
    current: bool,
}

impl<'m> Witness<'m> {
    /// No completions yet, for `model`'s inputs.
    pub(super) fn new(model: &'m Model) -> Witness<'m> {
        Witness {
            model,
            made: None,
            completions: [Facts::default(), Facts::default()],
            fills: model
                .facts
                .iter()
                .map(|fact| [false, true].map(|high| fill(model, &fact.field.ty, high)))
                .collect(),
            scratch: [Evaluator::new(model), Evaluator::new(model)],
            key: None,
            current: false,
        }
    }

    /// Forgets the completions, before another input.
    pub(super) fn reset(&mut self) {
        self.made = None;
        self.current = false;
    }

    /// Whether two completions of `input`'s unknown facts give different
    /// known values to what `ask` computes with the steps alone.
    pub(super) fn open(
        &mut self,
        input: &Input<'_>,
        ask: impl Fn(&mut Evaluator<'m>, &Input<'_>) -> Result<Value, EvalError>,
    ) -> bool {
        let fits = self.current
            && self
                .key
                .as_ref()
                .is_some_and(|(date, readings)| *date == input.as_of && readings == input.readings);
        if !fits {
            for scratch in &mut self.scratch {
                scratch.reset();
            }
            match &mut self.key {
                Some((date, readings)) => {
                    *date = input.as_of;
                    if readings != input.readings {
                        readings.clone_from(input.readings);
                    }
                }
                None => self.key = Some((input.as_of, input.readings.clone())),
            }
            self.current = true;
        }
        let model = self.model;
        let made = *self.made.get_or_insert_with(|| {
            complete_facts(model, &self.fills, input.facts, &mut self.completions)
        });
        if !made {
            return false;
        }
        let mut first: Option<Value> = None;
        for (facts, scratch) in self.completions.iter().zip(&mut self.scratch) {
            let completed = Input {
                facts,
                as_of: input.as_of,
                readings: input.readings,
            };
            let Ok(value) = ask(scratch, &completed) else {
                continue;
            };
            match &first {
                None if value.is_known() => first = Some(value),
                Some(earlier) if differ(earlier, &value) => return true,
                _ => {}
            }
        }
        false
    }
}

/// Whether two values certainly differ as exact reasoning compares values:
/// only kinds whose equality is their meaning count.
fn differ(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x != y,
        (Value::Money(x), Value::Money(y)) => {
            x.currency() != y.currency() || x.amount() != y.amount()
        }
        (
            Value::Bool(_) | Value::Enum(..) | Value::Date(_) | Value::None,
            Value::Bool(_) | Value::Enum(..) | Value::Date(_) | Value::None,
        ) => a != b,
        _ => false,
    }
}

/// Fills `out` with the input's facts, every value left out given its
/// least value, and its greatest; whether that could be done safely.
fn complete_facts(
    model: &Model,
    fills: &[[Option<Value>; 2]],
    facts: &Facts,
    out: &mut [Facts; 2],
) -> bool {
    if !facts.histories.is_empty() || !facts.given.is_empty() {
        return false;
    }
    for (high, completed) in out.iter_mut().enumerate() {
        // Reuses the storage of the previous input's completions.
        completed.as_of = facts.as_of;
        completed.values.clone_from(&facts.values);
        completed.defaulted.clone_from(&facts.defaulted);
        for (index, value) in completed.values.iter_mut().enumerate() {
            if known_throughout(value) {
                continue;
            }
            let Some(info) = model.facts.get(index) else {
                return false;
            };
            let left_out = matches!(value, Value::Unknown(bounds) if !bounds.is_bounded());
            let filled = if left_out {
                fills
                    .get(index)
                    .and_then(|f| f.get(high))
                    .cloned()
                    .flatten()
            } else {
                complete(model, value, &info.field.ty, high == 1)
            };
            let Some(filled) = filled else {
                return false;
            };
            if info.is_event && !ordered(model, &info.field.ty, &filled) {
                return false;
            }
            *value = filled;
        }
    }
    true
}

/// A value with what it leaves out filled in; `None` when that cannot be
/// done safely.
fn complete(model: &Model, value: &Value, ty: &Type, high: bool) -> Option<Value> {
    match (value, ty) {
        (Value::Unknown(bounds), _) if bounds.is_bounded() => None,
        (Value::Unknown(_), _) => fill(model, ty, high),
        (Value::Among(options), _) => {
            let chosen = if high {
                options.last()
            } else {
                options.first()
            }?;
            chosen.is_known().then(|| chosen.clone())
        }
        (Value::None, _) => Some(Value::None),
        (_, Type::OrNone(inner)) => complete(model, value, inner, high),
        (Value::Record(fields), Type::Record(record)) => {
            let record = model.records.get(*record as usize)?;
            if fields.len() != record.fields.len() {
                return None;
            }
            let filled = fields
                .iter()
                .zip(&record.fields)
                .map(|(value, field)| complete(model, value, &field.ty, high))
                .collect::<Option<Vec<Value>>>()?;
            Some(Value::Record(filled.into()))
        }
        (Value::Record(_) | Value::List(_), _) => known_throughout(value).then(|| value.clone()),
        (known, _) => known.is_known().then(|| known.clone()),
    }
}

/// A value of type `ty`: its least, or its greatest.
fn fill(model: &Model, ty: &Type, high: bool) -> Option<Value> {
    let number = Decimal::from(if high { 1_000_000_000 } else { -1_000_000_000 });
    Some(match ty {
        Type::Bool => Value::Bool(high),
        Type::Integer | Type::Decimal => Value::Number(number),
        Type::Money(currency) => Value::Money(Money::new(*currency, number)),
        Type::Date => {
            let (year, month, day) = if high { (5000, 12, 31) } else { (1000, 1, 1) };
            Value::Date(NaiveDate::from_ymd_opt(year, month, day)?)
        }
        Type::Enum(id) => {
            let count = model.enums.get(*id as usize)?.values.len() as u32;
            let index = if high { count.checked_sub(1)? } else { 0 };
            if count == 0 {
                return None;
            }
            Value::Enum(*id, index)
        }
        Type::Record(record) => {
            let record = model.records.get(*record as usize)?;
            let fields = record
                .fields
                .iter()
                .map(|field| fill(model, &field.ty, high))
                .collect::<Option<Vec<Value>>>()?;
            Value::Record(fields.into())
        }
        Type::OrNone(inner) if high => fill(model, inner, high)?,
        Type::OrNone(_) => Value::None,
        Type::Text | Type::List(_) | Type::Scale(_) | Type::Error => return None,
    })
}

/// Whether a value holds nothing unknown, at any depth.
fn known_throughout(value: &Value) -> bool {
    match value {
        Value::Record(values) | Value::List(values) => values.iter().all(known_throughout),
        other => other.is_known(),
    }
}

/// Whether an event's completed value has its opening on or before its
/// closing (as exact reasoning assumes).
fn ordered(model: &Model, ty: &Type, value: &Value) -> bool {
    let (Type::Record(record), Value::Record(values)) = (ty, value) else {
        return true;
    };
    let Some(record) = model.records.get(*record as usize) else {
        return false;
    };
    let index = |name: &str| record.fields.iter().position(|f| f.name == name);
    let (Some(opening), Some(closing)) = (index("opening"), index("closing")) else {
        return true;
    };
    match (values.get(opening), values.get(closing)) {
        (Some(Value::Date(opening)), Some(Value::Date(closing))) => opening <= closing,
        _ => false,
    }
}

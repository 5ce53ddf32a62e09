//! Evaluation: the verdicts of a checked model for one set of facts, one
//! date and one choice of readings.
//!
//! Evaluation is three-valued. A fact that is not given is unknown, and
//! unknowns propagate with Kleene logic (`false and unknown` is false) while
//! comparisons, `earliest` and `latest` keep what is known about them (see
//! [`logic`]). Definitions are computed once per evaluation and remembered;
//! nothing is looked up by name.

pub mod all_readings;
mod arithmetic;
pub mod assumptions;
pub mod calendar_calls;
mod collections;
mod computed_scales;
pub mod dated;
mod error;
mod error_place;
mod fact_as_of;
mod failures;
mod for_each;
mod in_force;
mod lists;
pub mod logic;
mod periods;
pub mod readings;
mod rules;
pub mod trace;
mod verdicts;
mod witness;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use all_readings::{AllReadings, evaluate_all_readings, evaluate_all_readings_only};
use arithmetic::{arithmetic, negate, round};
pub use error::{EvalError, MAX_NESTED_ELEMENTS};
pub use error_place::{EVAL_ERROR_CODES, ErrorPlace};
use failures::Failed;
pub use for_each::ElementOutcome;
pub use readings::Readings;
pub use verdicts::{
    AsOfSource, Dependencies, Evaluation, VerdictOutcome, choose_as_of, evaluate, evaluate_only,
    evaluate_traced, evaluate_values, evaluate_values_with_status,
};

use crate::ast::BinaryOp;
use crate::calendar;
use crate::facts::Facts;
use crate::model::{Expr, ExprKind, FactId, Model, VerdictId};
use crate::span::Span;
use crate::value::{Bounds, Value};

/// What one evaluation is about: the facts, the date and the readings.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The analyst's facts, validated against the model.
    pub facts: &'a Facts,
    /// The date the evaluation is as of.
    pub as_of: NaiveDate,
    /// The readings in force.
    pub readings: &'a Readings,
}

/// Receives the steps of an evaluation as they finish, to explain them.
///
/// Evaluation calls [`Tracer::enter`] before a step and one of the other
/// methods after it, with the mark `enter` gave, so that a tracer can tell
/// which steps were sub-steps of which.
pub trait Tracer<'m> {
    /// Whether this tracer records anything; evaluation skips the calls when not.
    const RECORDS: bool;
    /// A step begins; the mark identifies it when it finishes.
    fn enter(&mut self) -> u32;
    /// An expression finished with `value`.
    fn expr(&mut self, mark: u32, expr: &'m Expr, value: &Value);
    /// A rule finished with `value`.
    fn rule(&mut self, mark: u32, rule: trace::RuleRef, value: &Value);
    /// A rule computed earlier in the same evaluation was used again.
    fn remembered(&mut self, rule: trace::RuleRef, value: &Value);
    /// A definition was given its value in place of its rule (see
    /// [`crate::facts::given`]); by default, recorded as the rule.
    fn given(&mut self, mark: u32, definition: crate::model::DefinitionId, value: &Value) {
        self.rule(mark, trace::RuleRef::Definition(definition), value);
    }
    /// A definition with parameters finished a call with these arguments;
    /// by default, recorded as the rule.
    fn call(
        &mut self,
        mark: u32,
        definition: crate::model::DefinitionId,
        args: &[Value],
        value: &Value,
    ) {
        let _ = args;
        self.rule(mark, trace::RuleRef::Definition(definition), value);
    }
    /// The value of a call made earlier with the same arguments, if the
    /// tracer saw one: it then records a reference to it, so that each
    /// call's reasons are told once. By default, none is remembered.
    fn recall(&mut self, definition: crate::model::DefinitionId, args: &[Value]) -> Option<Value> {
        let _ = (definition, args);
        None
    }
}

/// A tracer that records nothing, for the fastest evaluation.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTrace;

impl<'m> Tracer<'m> for NoTrace {
    const RECORDS: bool = false;
    fn enter(&mut self) -> u32 {
        0
    }
    fn expr(&mut self, _: u32, _: &'m Expr, _: &Value) {}
    fn rule(&mut self, _: u32, _: trace::RuleRef, _: &Value) {}
    fn remembered(&mut self, _: trace::RuleRef, _: &Value) {}
    fn call(&mut self, _: u32, _: crate::model::DefinitionId, _: &[Value], _: &Value) {}
}

/// Evaluates verdicts of one model, remembering definitions between calls
/// until [`Evaluator::reset`]. Reuse one evaluator across many inputs to
/// avoid allocating.
#[derive(Debug, Clone)]
pub struct Evaluator<'m> {
    model: &'m Model,
    definitions: Vec<Option<Value>>,
    deontics: Vec<Option<Value>>,
    /// Whether each provision is in force (with the instrument), once asked.
    provisions_in_force: Vec<Option<Value>>,
    /// Whether the instrument is in force, once asked.
    instrument_in_force: Option<Value>,
    /// In a timeline, the values of aggregates that do not change with the date.
    kept: Option<dated::KeptAggregates>,
    /// What exact reasoning learnt of the input, for its next verdict.
    exact_memo: Option<Box<crate::exact::Memo>>,
    /// What failed since the last reset, and why: a failure is remembered
    /// like a value, so that every verdict that uses the same rule or period
    /// fails the same way without computing it again.
    failures: Vec<(Failed, EvalError)>,
    /// Completions of the input's unknown facts, which show cheaply that
    /// an open value stays open (see [`witness`]); made on first need.
    witness: witness::Slot<'m>,
}

impl<'m> Evaluator<'m> {
    /// An evaluator for a model.
    pub fn new(model: &'m Model) -> Self {
        Evaluator {
            model,
            definitions: vec![None; model.definitions.len()],
            deontics: vec![None; model.deontics.len()],
            provisions_in_force: vec![None; model.provisions.len()],
            instrument_in_force: None,
            kept: None,
            exact_memo: None,
            failures: Vec::new(),
            witness: witness::Slot(None),
        }
    }

    /// What exact reasoning learnt of the input so far, taken out.
    pub(crate) fn take_exact_memo(&mut self) -> Option<Box<crate::exact::Memo>> {
        self.exact_memo.take()
    }

    /// Keeps what exact reasoning learnt of the input.
    pub(crate) fn keep_exact_memo(&mut self, memo: Box<crate::exact::Memo>) {
        self.exact_memo = Some(memo);
    }

    /// The number of verdicts of the model.
    pub fn verdict_count(&self) -> usize {
        self.model.verdicts.len()
    }

    /// Forgets remembered values, before evaluating another input.
    pub fn reset(&mut self) {
        self.definitions.iter_mut().for_each(|d| *d = None);
        self.deontics.iter_mut().for_each(|d| *d = None);
        self.provisions_in_force.iter_mut().for_each(|d| *d = None);
        self.instrument_in_force = None;
        self.exact_memo = None;
        self.failures.clear();
        if let Some(witness) = &mut self.witness.0 {
            witness.reset();
        }
    }

    /// The model it evaluates.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// An open verdict decided exactly, out of line (see above).
    #[cold]
    #[inline(never)]
    fn settle_open_verdict(&mut self, input: &Input<'_>, id: VerdictId, fast: Value) -> Value {
        let stays_open = self.witness_open(input, |scratch, completed| {
            let model = scratch.model;
            let Some(verdict) = model.verdicts.get(id as usize) else {
                return Ok(Value::UNKNOWN);
            };
            scratch.run(completed, &mut NoTrace).expr(&verdict.body)
        });
        if stays_open {
            return fast;
        }
        crate::exact::settle_verdict(self, input, id, fast).value
    }

    /// Whether two completions of the input's unknown facts give different
    /// known values to what `ask` computes (see [`witness`]); the
    /// completions are made on first need.
    fn witness_open(
        &mut self,
        input: &Input<'_>,
        ask: impl Fn(&mut Evaluator<'m>, &Input<'_>) -> Result<Value, EvalError>,
    ) -> bool {
        let model = self.model;
        self.witness
            .0
            .get_or_insert_with(|| Box::new(witness::Witness::new(model)))
            .open(input, ask)
    }

    /// Evaluates one verdict, reusing what earlier calls computed since the
    /// last [`Evaluator::reset`]; a tracer sees every step, and a reference
    /// for each rule computed earlier. A value the steps leave unknown is
    /// decided exactly from what is known (see [`crate::exact`]).
    pub fn verdict<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
        tracer: &mut T,
    ) -> Result<Value, EvalError> {
        let Some(verdict) = self.model.verdicts.get(id as usize) else {
            return Ok(Value::UNKNOWN);
        };
        if verdict.for_each.is_some() {
            return self.for_each_value(input, id, tracer);
        }
        let mut run = self.run(input, tracer);
        let result = run.expr(&verdict.body);
        // With every fact known, the steps decide and nothing more runs.
        // The value stays in its result (see `Run::binary`).
        if let Ok(value) = &result
            && !value.is_known()
        {
            return Ok(self.settle_open_verdict(input, id, value.clone()));
        }
        result
    }

    /// [`Evaluator::verdict`], with whether the value is exact and whether
    /// exact reasoning decided it.
    pub fn verdict_exact<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
        tracer: &mut T,
    ) -> Result<crate::exact::Settled, EvalError> {
        let Some(verdict) = self.model.verdicts.get(id as usize) else {
            return Ok(crate::exact::settle_verdict(
                self,
                input,
                id,
                Value::UNKNOWN,
            ));
        };
        if verdict.for_each.is_some() {
            // Each element is settled apart; the list of them is known.
            let value = self.for_each_value(input, id, tracer)?;
            return Ok(crate::exact::settle_verdict(self, input, id, value));
        }
        let mut run = self.run(input, tracer);
        let fast = run.expr(&verdict.body)?;
        Ok(crate::exact::settle_verdict(self, input, id, fast))
    }

    /// A run over this evaluator's remembered values.
    fn run<'r, T>(&'r mut self, input: &'r Input<'r>, tracer: &'r mut T) -> Run<'r, 'm, T> {
        Run {
            model: self.model,
            input,
            definitions: &mut self.definitions,
            deontics: &mut self.deontics,
            failures: &mut self.failures,
            kept: self.kept.as_mut(),
            tracer,
            bound: Vec::new(),
            base: 0,
            arguments: Vec::new(),
            call_depth: 0,
            nested_elements: 0,
        }
    }

    /// Evaluates one rule of the model directly, as the test runner does to
    /// exercise rules no verdict uses.
    pub fn rule<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        rule: trace::RuleRef,
        tracer: &mut T,
    ) -> Result<Value, EvalError> {
        let mut run = self.run(input, tracer);
        match rule {
            trace::RuleRef::Definition(id) => run.definition(id),
            trace::RuleRef::Deontic(id) => run.deontic(id),
            trace::RuleRef::Exception(_) => Ok(Value::UNKNOWN),
        }
    }

    /// Evaluates an expression of the model, such as a template placeholder.
    pub fn expr<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        expr: &'m Expr,
        tracer: &mut T,
    ) -> Result<Value, EvalError> {
        let mut run = self.run(input, tracer);
        run.expr(expr)
    }
}

/// One evaluation in progress.
pub(crate) struct Run<'r, 'm, T> {
    pub(crate) model: &'m Model,
    pub(crate) input: &'r Input<'r>,
    pub(crate) definitions: &'r mut [Option<Value>],
    pub(crate) deontics: &'r mut [Option<Value>],
    /// The rules that failed, with their errors.
    pub(crate) failures: &'r mut Vec<(Failed, EvalError)>,
    /// In a timeline, the aggregates whose values are kept from day to day.
    pub(crate) kept: Option<&'r mut dated::KeptAggregates>,
    pub(crate) tracer: &'r mut T,
    /// The elements the aggregates around the current expression are at,
    /// by slot from `base`.
    pub(crate) bound: Vec<Value>,
    /// Where the slots of the rule being computed start in `bound`.
    pub(crate) base: usize,
    /// The arguments of the calls being prepared, innermost last: each
    /// call's arguments are computed here, then moved into its frame.
    pub(crate) arguments: Vec<Value>,
    /// How many calls of definitions with parameters are under way.
    pub(crate) call_depth: u32,
    /// How many elements the aggregates nested inside others have weighed.
    pub(crate) nested_elements: usize,
}

impl<'m, T: Tracer<'m>> Run<'_, 'm, T> {
    pub(crate) fn expr(&mut self, expr: &'m Expr) -> Result<Value, EvalError> {
        if !T::RECORDS {
            return self.compute(expr);
        }
        let mark = self.tracer.enter();
        let value = self.compute(expr)?;
        self.tracer.expr(mark, expr, &value);
        Ok(value)
    }

    /// The record bound in the current frame that `record` reads, when no
    /// tracer records values: a field of it is read without a copy.
    #[inline]
    fn bound_record(&self, record: &Expr) -> Option<&std::sync::Arc<[Value]>> {
        if T::RECORDS {
            return None;
        }
        match record.kind {
            ExprKind::Bound(slot) => match self.bound.get(self.base + slot as usize) {
                Some(Value::Record(values)) => Some(values),
                _ => None,
            },
            _ => None,
        }
    }

    fn compute(&mut self, expr: &'m Expr) -> Result<Value, EvalError> {
        Ok(match &expr.kind {
            ExprKind::Const(value) => value.clone(),
            ExprKind::AsOf => Value::Date(self.input.as_of),
            ExprKind::Fact { fact, fields } => self.fact(*fact, fields),
            ExprKind::FactAsOf { fact, fields, date } => {
                let on = self.expr(date)?;
                self.fact_as_of(*fact, fields, &on)
            }
            // A field of an element or an argument, read in place: the
            // fastest path skips copying the whole record.
            ExprKind::Field { record, field } => {
                if let Some(values) = self.bound_record(record) {
                    values
                        .get(*field as usize)
                        .cloned()
                        .unwrap_or(Value::UNKNOWN)
                } else {
                    match self.expr(record)? {
                        Value::Record(values) => values
                            .get(*field as usize)
                            .cloned()
                            .unwrap_or(Value::UNKNOWN),
                        // No record, so none of its fields.
                        Value::None => Value::None,
                        // One of several records (a pick left open): one of their fields.
                        Value::Among(records) => {
                            let fields: Vec<Value> = records
                                .iter()
                                .map(|r| match r {
                                    Value::Record(values) => values
                                        .get(*field as usize)
                                        .cloned()
                                        .unwrap_or(Value::UNKNOWN),
                                    _ => Value::UNKNOWN,
                                })
                                .collect();
                            lists::one_of_values(fields)
                        }
                        _ => Value::UNKNOWN,
                    }
                }
            }
            ExprKind::IsNone { operand, negated } => {
                let operand = self.expr(operand);
                let Ok(value) = &operand else { return operand };
                let none = logic::is_none(value);
                if *negated { logic::not(&none) } else { none }
            }
            ExprKind::OrElse { value, fallback } => match self.expr(value)? {
                Value::None => self.expr(fallback)?,
                Value::Among(values) if values.contains(&Value::None) => {
                    let fallback = self.expr(fallback)?;
                    let mut options: Vec<Value> = values
                        .iter()
                        .filter(|v| **v != Value::None)
                        .cloned()
                        .collect();
                    options.push(fallback);
                    logic::either(&options)
                }
                Value::Unknown(bounds) if !bounds.is_bounded() => {
                    // It may be none: then the fallback stands.
                    let fallback = self.expr(fallback)?;
                    logic::either(&[Value::Unknown(bounds), fallback])
                }
                other => other,
            },
            ExprKind::Definition(id) => return self.definition(*id),
            ExprKind::Call { definition, args } => {
                return match &**args {
                    [arg] => self.call_one(*definition, arg),
                    _ => self.call(*definition, args),
                };
            }
            ExprKind::Parameter { parameter, date } => {
                let on = match date {
                    Some(date) => self.expr(date)?,
                    None => Value::Date(self.input.as_of),
                };
                return self.parameter(*parameter, &on, expr.span);
            }
            ExprKind::Deontic(id) => return self.deontic(*id),
            ExprKind::ReadingIs {
                reading,
                alternative,
                negated,
            } => {
                Value::Bool((self.input.readings.alternative(*reading) == *alternative) != *negated)
            }
            ExprKind::Not(operand) => {
                let operand = self.expr(operand);
                let Ok(value) = &operand else { return operand };
                logic::not(value)
            }
            ExprKind::Negate(operand) => match self.expr(operand)? {
                Value::Number(n) => Value::Number(-n),
                Value::Money(m) => Value::Money(m.negated()),
                Value::Unknown(b) => Value::Unknown(Bounds {
                    lo: negate(b.hi),
                    hi: negate(b.lo),
                }),
                _ => Value::UNKNOWN,
            },
            ExprKind::Binary { op, left, right } => {
                return self.binary(*op, left, right, expr.span);
            }
            ExprKind::All(operands) => return self.kleene(operands, false),
            ExprKind::Any(operands) => return self.kleene(operands, true),
            ExprKind::OneOf {
                operand,
                values,
                negated,
            } => match self.expr(operand) {
                // Read in place (see `Run::binary`).
                Ok(Value::Enum(_, index)) => Value::Bool(values.contains(&index) != *negated),
                Err(error) => return Err(error),
                Ok(Value::Among(options)) => {
                    let listed = |v: &Value| matches!(v, Value::Enum(_, i) if values.contains(i));
                    if options.iter().all(listed) {
                        Value::Bool(!*negated)
                    } else if !options.iter().any(listed) {
                        Value::Bool(*negated)
                    } else {
                        Value::UNKNOWN
                    }
                }
                _ => Value::UNKNOWN,
            },
            ExprKind::If {
                condition,
                then,
                otherwise,
            } => match &self.expr(condition) {
                // Read in place (see `Run::binary`).
                Ok(Value::Bool(true)) => return self.expr(then),
                Ok(Value::Bool(false)) => return self.expr(otherwise),
                Err(error) => return Err(error.clone()),
                Ok(_) => {
                    let a = self.expr(then)?;
                    let b = self.expr(otherwise)?;
                    logic::either(&[a, b])
                }
            },
            ExprKind::ShiftDate {
                date,
                amount,
                unit,
                rounding,
            } => {
                let value = self.expr(date)?;
                return self.shift_date(&value, *amount, *unit, *rounding, expr.span);
            }
            ExprKind::Between { unit, from, to } => {
                let from = self.expr(from)?;
                let to = self.expr(to)?;
                match (from, to) {
                    (Value::Date(a), Value::Date(b)) => {
                        Value::Number(Decimal::from(calendar::between(a, b, *unit)))
                    }
                    (a, b) if *unit == crate::ast::DurationUnit::Days => {
                        // The days between two ranges of dates lie in a range too.
                        let days =
                            |x: Option<crate::value::Scalar>, y: Option<crate::value::Scalar>| {
                                match (x, y) {
                                    (
                                        Some(crate::value::Scalar::Date(x)),
                                        Some(crate::value::Scalar::Date(y)),
                                    ) => Some(crate::value::Scalar::Number(Decimal::from(
                                        (y - x).num_days(),
                                    ))),
                                    _ => None,
                                }
                            };
                        let (ra, rb) = (a.range(), b.range());
                        Value::Unknown(Bounds {
                            lo: days(ra.hi, rb.lo),
                            hi: days(ra.lo, rb.hi),
                        })
                    }
                    _ => Value::UNKNOWN,
                }
            }
            ExprKind::Bound(slot) => self
                .bound
                .get(self.base + *slot as usize)
                .cloned()
                .unwrap_or(Value::UNKNOWN),
            ExprKind::Round {
                operand,
                mode,
                places,
            } => round(&self.expr(operand)?, *mode, *places),
            ExprKind::Aggregate(aggregate) => return self.aggregate_kept(expr, aggregate),
            ExprKind::Scale(scale) => return self.computed_scale(scale),
            ExprKind::Overlap {
                from,
                to,
                window_from,
                window_to,
            } => return self.overlap([from, to, window_from, window_to]),
            ExprKind::Calendar { .. } | ExprKind::ShiftBy(_) => return self.calendar(expr),
            ExprKind::Coverage(coverage) => return self.coverage(coverage, expr.span),
            ExprKind::Earliest(args) | ExprKind::Latest(args) => {
                let least = matches!(expr.kind, ExprKind::Earliest(_));
                return self.extreme(args, least, expr.span);
            }
            ExprKind::List(items) => return self.list(items),
            ExprKind::Index {
                list,
                index,
                continues,
            } => return self.index(list, index, *continues, expr.span),
        })
    }

    /// A date moved by a duration. An unknown date moves its range, each end
    /// rounded outwards, so that the range still holds the true value.
    fn shift_date(
        &mut self,
        value: &Value,
        amount: i64,
        unit: crate::ast::DurationUnit,
        rounding: Option<crate::ast::Rounding>,
        span: Span,
    ) -> Result<Value, EvalError> {
        use crate::ast::Rounding;
        use crate::value::Scalar;
        let land = |date: chrono::NaiveDate,
                    fallback: Option<Rounding>|
         -> Result<Option<chrono::NaiveDate>, EvalError> {
            match calendar::shift(date, amount, unit) {
                calendar::Shift::Exact(d) => Ok(Some(d)),
                calendar::Shift::Missing(y, m, d) => match rounding.or(fallback) {
                    Some(r) => Ok(calendar::round(y, m, r)),
                    None => Err(EvalError::MissingDay {
                        span,
                        from: date,
                        missing: Box::new((y, m, d)),
                    }),
                },
                calendar::Shift::OutOfRange => Err(EvalError::Overflow { span }),
            }
        };
        Ok(match value {
            Value::Date(date) => match land(*date, None)? {
                Some(d) => Value::Date(d),
                None => return Err(EvalError::Overflow { span }),
            },
            Value::Unknown(bounds) => {
                let end =
                    |bound: Option<Scalar>, r: Rounding| -> Result<Option<Scalar>, EvalError> {
                        Ok(match bound {
                            Some(Scalar::Date(d)) => land(d, Some(r))?.map(Scalar::Date),
                            _ => None,
                        })
                    };
                Value::Unknown(Bounds {
                    lo: end(bounds.lo, Rounding::Down)?,
                    hi: end(bounds.hi, Rounding::Up)?,
                })
            }
            _ => Value::UNKNOWN,
        })
    }

    /// A dated value on a date: its value from the last date of its history
    /// on or before that date. On an unknown date, the values it may take,
    /// when they agree or lie in a range.
    fn parameter(
        &mut self,
        id: crate::model::ParameterId,
        on: &Value,
        span: Span,
    ) -> Result<Value, EvalError> {
        let Some(info) = self.model.parameters.get(id as usize) else {
            return Ok(Value::UNKNOWN);
        };
        match on {
            Value::Date(date) => match info.on(*date) {
                Ok(Some(value)) => Ok(value.clone()),
                Ok(None) => Err(EvalError::NotDefined {
                    span,
                    parameter: id,
                    on: *date,
                }),
                Err(_) => Err(EvalError::NotDefined {
                    span,
                    parameter: id,
                    on: *date,
                }),
            },
            _ => {
                let values: Vec<Value> =
                    info.history.iter().filter_map(|(_, v)| v.clone()).collect();
                Ok(logic::either(&values))
            }
        }
    }

    /// `and` (`decisive` false) or `or` (`decisive` true) over operands, left
    /// to right: the first decisive operand decides; otherwise any unknown
    /// operand leaves the result unknown.
    fn kleene(&mut self, operands: &'m [Expr], decisive: bool) -> Result<Value, EvalError> {
        let mut unknown = false;
        for operand in operands {
            // Read in place (see `Run::binary`).
            match self.expr(operand) {
                Ok(Value::Bool(b)) if b == decisive => return Ok(Value::Bool(decisive)),
                Ok(Value::Bool(_)) => {}
                Ok(_) => unknown = true,
                Err(error) => return Err(error),
            }
        }
        Ok(if unknown {
            Value::UNKNOWN
        } else {
            Value::Bool(!decisive)
        })
    }

    fn fact(&mut self, fact: FactId, fields: &[u32]) -> Value {
        fact_as_of::field_of(self.input.facts.value_on(fact, self.input.as_of), fields)
    }

    /// The operands are read in place in the results that carry them, not
    /// moved out: a move copies a value in other pieces than its result was
    /// written in, and the processor stalls on each such copy (its stores
    /// cannot be forwarded to the wider loads). Reading results in place on
    /// the hot steps cut a fifth of the batch's time on one thread.
    fn binary(
        &mut self,
        op: BinaryOp,
        left: &'m Expr,
        right: &'m Expr,
        span: Span,
    ) -> Result<Value, EvalError> {
        let left = self.expr(left);
        let Ok(a) = &left else { return left };
        let right = self.expr(right);
        let Ok(b) = &right else { return right };
        match op {
            BinaryOp::Add
            | BinaryOp::Subtract
            | BinaryOp::Multiply
            | BinaryOp::Divide
            | BinaryOp::Of => {
                if let Value::Scale(id) = a {
                    let Some(scale) = self.model.scales.get(*id as usize) else {
                        return Ok(Value::UNKNOWN);
                    };
                    return scale.apply_value(b).ok_or(EvalError::Overflow { span });
                }
                if let Value::Computed(scale) = a {
                    return scale.apply_value(b).ok_or(EvalError::Overflow { span });
                }
                arithmetic(op, a, b, span)
            }
            BinaryOp::In | BinaryOp::NotIn => {
                let found = logic::member(a, b);
                Ok(if op == BinaryOp::NotIn {
                    logic::not(&found)
                } else {
                    found
                })
            }
            _ => Ok(logic::compare(op, a, b)),
        }
    }
}

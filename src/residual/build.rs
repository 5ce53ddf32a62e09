//! Building a residual from an evaluation's trace, simplifying as it goes.
//!
//! A residual follows the trace down through the rules it uses, so a long
//! chain of rules would give a residual as deep as the chain, which every
//! walk over it (printing, comparing, evaluating, dropping) would follow
//! recursively. Past [`MAX_RESIDUAL_DEPTH`] steps the residual gives up and
//! is opaque: the verdict still says which unknown facts it depends on, only
//! not the condition on them, which would be too long to read anyway.

use std::cell::{Cell, RefCell};

use super::Residual;
use crate::ast::BinaryOp;
use crate::eval::logic;
use crate::eval::trace::{RuleRef, StepKind, Trace};
use crate::model::{ExprKind, Model, Type};
use crate::value::Value;

/// The residual of a step: its value when known, otherwise an expression
/// over the unknown facts it depends on.
pub fn residual(model: &Model, trace: &Trace<'_>, step: u32) -> Residual {
    let builder = Builder {
        model,
        trace,
        depth: Cell::new(0),
        too_deep: Cell::new(false),
        ranges: RefCell::new(Vec::new()),
        frames: RefCell::new(Vec::new()),
    };
    let residual = builder.step(step);
    if builder.too_deep.get() {
        return Residual::Opaque;
    }
    // What the steps could not rule out, the ranges and the comparisons
    // together may: no contradiction or tautology is left.
    crate::exact::simplify_residual(model, residual, &builder.ranges.borrow())
}

/// How many steps deep, one inside the other, a residual may follow the
/// trace; a chain of rules takes about three a rule.
pub const MAX_RESIDUAL_DEPTH: usize = 256;

struct Builder<'a, 'm> {
    model: &'m Model,
    trace: &'a Trace<'m>,
    /// How many steps enclose the one being built.
    depth: Cell<usize>,
    /// Whether the residual went deeper than [`MAX_RESIDUAL_DEPTH`].
    too_deep: Cell<bool>,
    /// The ranges known for the unknown facts it reads.
    ranges: RefCell<Vec<crate::exact::FactRange>>,
    /// The residuals of the arguments of the calls being followed,
    /// innermost last: a parameter in a body stands for its argument.
    frames: RefCell<Vec<Vec<Argument>>>,
}

/// An argument of a call being followed: its residual, and how the policy
/// names it where it is an element or a parameter (`m`), for the fields of
/// it that the body reads (`p.born` is `m.born`).
#[derive(Clone)]
struct Argument {
    residual: Residual,
    written: String,
}

/// The operator that says the same with its sides swapped.
fn flipped(op: BinaryOp) -> BinaryOp {
    match op {
        BinaryOp::Before => BinaryOp::After,
        BinaryOp::After => BinaryOp::Before,
        BinaryOp::OnOrBefore => BinaryOp::OnOrAfter,
        BinaryOp::OnOrAfter => BinaryOp::OnOrBefore,
        BinaryOp::Less => BinaryOp::Greater,
        BinaryOp::Greater => BinaryOp::Less,
        BinaryOp::LessOrEqual => BinaryOp::GreaterOrEqual,
        BinaryOp::GreaterOrEqual => BinaryOp::LessOrEqual,
        other => other,
    }
}

/// The operator that says the opposite.
fn negated(op: BinaryOp) -> Option<BinaryOp> {
    Some(match op {
        BinaryOp::Before => BinaryOp::OnOrAfter,
        BinaryOp::OnOrAfter => BinaryOp::Before,
        BinaryOp::After => BinaryOp::OnOrBefore,
        BinaryOp::OnOrBefore => BinaryOp::After,
        BinaryOp::Less => BinaryOp::GreaterOrEqual,
        BinaryOp::GreaterOrEqual => BinaryOp::Less,
        BinaryOp::Greater => BinaryOp::LessOrEqual,
        BinaryOp::LessOrEqual => BinaryOp::Greater,
        BinaryOp::Equal => BinaryOp::NotEqual,
        BinaryOp::NotEqual => BinaryOp::Equal,
        _ => return None,
    })
}

/// Whether `op` says "less than" in some form (so that `x op earliest(..)`
/// splits into an `and`).
fn upward(op: BinaryOp) -> Option<bool> {
    match op {
        BinaryOp::Before | BinaryOp::OnOrBefore | BinaryOp::Less | BinaryOp::LessOrEqual => {
            Some(true)
        }
        BinaryOp::After | BinaryOp::OnOrAfter | BinaryOp::Greater | BinaryOp::GreaterOrEqual => {
            Some(false)
        }
        _ => None,
    }
}

/// `a and b ...`, rid of true operands; false if any is false.
pub(super) fn all(items: Vec<Residual>) -> Residual {
    let mut kept = Vec::new();
    for item in items {
        match item {
            Residual::Known(Value::Bool(true)) => {}
            Residual::Known(Value::Bool(false)) => return Residual::Known(Value::Bool(false)),
            Residual::All(inner) => kept.extend(inner),
            other => kept.push(other),
        }
    }
    match kept.len() {
        0 => Residual::Known(Value::Bool(true)),
        1 => kept.pop().unwrap_or(Residual::Opaque),
        _ => Residual::All(kept),
    }
}

/// `a or b ...`, rid of false operands; true if any is true.
pub(super) fn any(items: Vec<Residual>) -> Residual {
    let mut kept = Vec::new();
    for item in items {
        match item {
            Residual::Known(Value::Bool(false)) => {}
            Residual::Known(Value::Bool(true)) => return Residual::Known(Value::Bool(true)),
            Residual::Any(inner) => kept.extend(inner),
            other => kept.push(other),
        }
    }
    match kept.len() {
        0 => Residual::Known(Value::Bool(false)),
        1 => kept.pop().unwrap_or(Residual::Opaque),
        _ => Residual::Any(kept),
    }
}

/// `not a`, pushed into comparisons and through `and`/`or`.
fn not(inner: Residual) -> Residual {
    match inner {
        Residual::Known(value) => Residual::Known(logic::not(&value)),
        Residual::Not(inner) => *inner,
        Residual::Compare { op, left, right } => match negated(op) {
            Some(op) => Residual::Compare { op, left, right },
            None => Residual::Not(Box::new(Residual::Compare { op, left, right })),
        },
        Residual::All(items) => any(items.into_iter().map(not).collect()),
        Residual::Any(items) => all(items.into_iter().map(not).collect()),
        other => Residual::Not(Box::new(other)),
    }
}

/// A comparison, folded when both sides are known, split over `earliest`
/// and `latest`, with the unknown side put first.
pub(super) fn compare(op: BinaryOp, left: Residual, right: Residual) -> Residual {
    if let (Residual::Known(a), Residual::Known(b)) = (&left, &right) {
        let value = logic::compare(op, a, b);
        if value.is_known() {
            return Residual::Known(value);
        }
    }
    // A comparison with a choice is a choice of comparisons, which folds
    // when the branches are known: `(if c then a else b) is a` is `c`.
    if let Residual::If {
        condition,
        then,
        otherwise,
    } = &left
    {
        return choose(
            (**condition).clone(),
            compare(op, (**then).clone(), right.clone()),
            compare(op, (**otherwise).clone(), right),
        );
    }
    if let Residual::If {
        condition,
        then,
        otherwise,
    } = &right
    {
        return choose(
            (**condition).clone(),
            compare(op, left.clone(), (**then).clone()),
            compare(op, left, (**otherwise).clone()),
        );
    }
    if let Some(up) = upward(op) {
        // x < earliest(a, b) is x < a and x < b; x > earliest(a, b) is x > a or x > b.
        if let Residual::Earliest(items) | Residual::Latest(items) = &right {
            let earliest = matches!(right, Residual::Earliest(_));
            let parts: Vec<Residual> = items
                .iter()
                .map(|item| compare(op, left.clone(), item.clone()))
                .collect();
            return if up == earliest {
                all(parts)
            } else {
                any(parts)
            };
        }
        if let Residual::Earliest(items) | Residual::Latest(items) = &left {
            let earliest = matches!(left, Residual::Earliest(_));
            let parts: Vec<Residual> = items
                .iter()
                .map(|item| compare(op, item.clone(), right.clone()))
                .collect();
            return if up == earliest {
                any(parts)
            } else {
                all(parts)
            };
        }
    }
    if matches!(left, Residual::Known(_)) && !matches!(right, Residual::Known(_)) {
        return Residual::Compare {
            op: flipped(op),
            left: Box::new(right),
            right: Box::new(left),
        };
    }
    Residual::Compare {
        op,
        left: Box::new(left),
        right: Box::new(right),
    }
}

/// `earliest`/`latest` with the known arguments folded into one.
fn extreme(items: Vec<Residual>, earliest: bool) -> Residual {
    let mut known = logic::Extreme::new(earliest);
    let mut any_known = false;
    let mut unknown = Vec::new();
    for item in items {
        match item {
            Residual::Known(value) if value.is_known() => {
                known.add(&value);
                any_known = true;
            }
            other => unknown.push(other),
        }
    }
    if any_known {
        unknown.push(Residual::Known(known.finish()));
    }
    match unknown.len() {
        1 => unknown.pop().unwrap_or(Residual::Opaque),
        _ if earliest => Residual::Earliest(unknown),
        _ => Residual::Latest(unknown),
    }
}

/// `if c then a else b`, folded when `c` is known or both branches agree.
pub(super) fn choose(condition: Residual, then: Residual, otherwise: Residual) -> Residual {
    match condition {
        Residual::Known(Value::Bool(true)) => then,
        Residual::Known(Value::Bool(false)) => otherwise,
        _ if then == otherwise => then,
        condition => match (&then, &otherwise) {
            // A condition that decides a truth value is that truth value.
            (Residual::Known(Value::Bool(true)), Residual::Known(Value::Bool(false))) => condition,
            (Residual::Known(Value::Bool(false)), Residual::Known(Value::Bool(true))) => {
                not(condition)
            }
            (Residual::Known(Value::Bool(false)), _) => all(vec![not(condition), otherwise]),
            (_, Residual::Known(Value::Bool(false))) => all(vec![condition, then]),
            _ => Residual::If {
                condition: Box::new(condition),
                then: Box::new(then),
                otherwise: Box::new(otherwise),
            },
        },
    }
}

impl Builder<'_, '_> {
    fn value(&self, index: u32) -> Value {
        self.trace
            .step(self.trace.resolve(index))
            .map(|s| s.value.clone())
            .unwrap_or(Value::UNKNOWN)
    }

    /// How the policy names an argument: a parameter passed on is named as
    /// its own argument was; anything else as written.
    fn written_argument(&self, arg: &crate::model::Expr) -> String {
        if let ExprKind::Bound(slot) = arg.kind
            && let Some(outer) = self
                .frames
                .borrow()
                .last()
                .and_then(|f| f.get(slot as usize).map(|a| a.written.clone()))
        {
            return outer;
        }
        self.model.source.written(arg.span)
    }

    /// A field of a parameter in the call being followed, named through its
    /// argument: `m.born` for `p.born` in a call `age(m)`.
    fn argument_field(&self, record: &crate::model::Expr, field: u32) -> Option<String> {
        let ExprKind::Bound(slot) = record.kind else {
            return None;
        };
        let written = self
            .frames
            .borrow()
            .last()
            .and_then(|f| f.get(slot as usize).map(|a| a.written.clone()))?;
        let name = match record.ty.without_none() {
            Type::Record(id) => self
                .model
                .records
                .get(*id as usize)
                .and_then(|r| r.fields.get(field as usize))
                .map(|f| f.name.clone())?,
            _ => return None,
        };
        Some(format!("{written}.{name}"))
    }

    fn step(&self, index: u32) -> Residual {
        let depth = self.depth.get();
        if self.too_deep.get() || depth >= MAX_RESIDUAL_DEPTH {
            self.too_deep.set(true);
            return Residual::Opaque;
        }
        self.depth.set(depth + 1);
        let residual = self.step_within(index);
        self.depth.set(depth);
        residual
    }

    fn step_within(&self, index: u32) -> Residual {
        let index = self.trace.resolve(index);
        let Some(step) = self.trace.step(index) else {
            return Residual::Opaque;
        };
        if step.value.is_known() {
            return Residual::Known(step.value.clone());
        }
        let children = self.trace.children(index);
        match step.kind {
            StepKind::Rule(RuleRef::Definition(_)) => {
                // Rules can chain deeply: grow the stack rather than overflow it.
                stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
                    self.layer(&children)
                })
            }
            StepKind::Rule(RuleRef::Deontic(id)) => {
                stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
                    self.deontic(id, &children)
                })
            }
            StepKind::Rule(RuleRef::Exception(_)) | StepKind::Remembered(_) => Residual::Opaque,
            StepKind::Expr(expr) => {
                let sub = |i: usize| children.get(i).map_or(Residual::Opaque, |c| self.step(*c));
                match &expr.kind {
                    ExprKind::Fact { fact, fields } => {
                        if let Value::Unknown(bounds) = &step.value
                            && bounds.is_bounded()
                        {
                            let mut ranges = self.ranges.borrow_mut();
                            if !ranges.iter().any(|(f, p, _)| f == fact && p == fields) {
                                ranges.push((*fact, fields.clone(), *bounds));
                            }
                        }
                        Residual::Fact {
                            fact: *fact,
                            fields: fields.clone(),
                        }
                    }
                    ExprKind::Definition(_) | ExprKind::Deontic(_) => sub(0),
                    // A call's value is its body's, the last of its steps,
                    // with each parameter standing for its argument.
                    ExprKind::Call { args, .. } => {
                        let Some((body, arguments)) = children.split_last() else {
                            return Residual::Opaque;
                        };
                        let frame: Vec<Argument> = arguments
                            .iter()
                            .zip(args.iter())
                            .map(|(c, arg)| Argument {
                                residual: self.step(*c),
                                written: self.written_argument(arg),
                            })
                            .collect();
                        self.frames.borrow_mut().push(frame);
                        let residual = self.step(*body);
                        self.frames.borrow_mut().pop();
                        residual
                    }
                    ExprKind::Bound(slot)
                        if self
                            .frames
                            .borrow()
                            .last()
                            .is_some_and(|f| (*slot as usize) < f.len()) =>
                    {
                        self.frames
                            .borrow()
                            .last()
                            .and_then(|f| f.get(*slot as usize).map(|a| a.residual.clone()))
                            .unwrap_or(Residual::Opaque)
                    }
                    ExprKind::Binary { op, .. } => match op {
                        BinaryOp::Add
                        | BinaryOp::Subtract
                        | BinaryOp::Multiply
                        | BinaryOp::Divide
                        | BinaryOp::Of => Residual::Arithmetic {
                            op: *op,
                            left: Box::new(sub(0)),
                            right: Box::new(sub(1)),
                        },
                        _ => compare(*op, sub(0), sub(1)),
                    },
                    ExprKind::All(_) => all(children.iter().map(|c| self.step(*c)).collect()),
                    ExprKind::Any(_) => any(children.iter().map(|c| self.step(*c)).collect()),
                    ExprKind::Not(_) => not(sub(0)),
                    ExprKind::Negate(_) => Residual::Negate(Box::new(sub(0))),
                    ExprKind::If { .. } => {
                        match self.value(children.first().copied().unwrap_or(index)) {
                            Value::Bool(true) => sub(1),
                            Value::Bool(false) => sub(1),
                            _ => choose(sub(0), sub(1), sub(2)),
                        }
                    }
                    ExprKind::Earliest(_) | ExprKind::Latest(_) => extreme(
                        children.iter().map(|c| self.step(*c)).collect(),
                        matches!(expr.kind, ExprKind::Earliest(_)),
                    ),
                    ExprKind::OneOf {
                        values, negated, ..
                    } => {
                        let enumeration = children
                            .first()
                            .and_then(|c| self.trace.step(*c))
                            .and_then(|s| match s.kind {
                                StepKind::Expr(e) => match e.ty {
                                    Type::Enum(id) => Some(id),
                                    _ => None,
                                },
                                _ => None,
                            })
                            .unwrap_or(0);
                        Residual::OneOf {
                            operand: Box::new(sub(0)),
                            enumeration,
                            values: values.clone(),
                            negated: *negated,
                        }
                    }
                    ExprKind::ShiftDate {
                        amount,
                        unit,
                        rounding,
                        ..
                    } => Residual::Shift {
                        date: Box::new(sub(0)),
                        amount: *amount,
                        unit: *unit,
                        rounding: *rounding,
                    },
                    ExprKind::Between { unit, .. } => Residual::Between {
                        unit: *unit,
                        from: Box::new(sub(0)),
                        to: Box::new(sub(1)),
                    },
                    // Rounding, aggregates and overlaps keep their range in
                    // the value; their residual names no simpler condition.
                    ExprKind::IsNone { negated, .. } => Residual::IsNone {
                        operand: Box::new(sub(0)),
                        negated: *negated,
                    },
                    ExprKind::OrElse { .. } => Residual::OrElse {
                        value: Box::new(sub(0)),
                        fallback: Box::new(sub(1)),
                    },
                    ExprKind::Calendar { function, args } => Residual::Calendar {
                        function: *function,
                        args: (0..args.len()).map(sub).collect(),
                    },
                    ExprKind::ShiftBy(shift) => Residual::ShiftBy {
                        date: Box::new(sub(0)),
                        count: Box::new(sub(1)),
                        back: shift.back,
                        unit: shift.unit,
                        rounding: shift.rounding,
                    },
                    ExprKind::Round { .. }
                    | ExprKind::Aggregate(_)
                    | ExprKind::Overlap { .. }
                    | ExprKind::Coverage(_)
                    | ExprKind::List(_)
                    | ExprKind::Index { .. }
                    | ExprKind::FactAsOf { .. }
                    | ExprKind::Scale(_) => Residual::Written(self.model.source.written(expr.span)),
                    // A field of a list's element, such as `m.born`: as
                    // written; of a parameter, as its argument is written.
                    ExprKind::Field { record, field }
                        if matches!(record.kind, ExprKind::Bound(_)) =>
                    {
                        match self.argument_field(record, *field) {
                            Some(written) => Residual::Written(written),
                            None => {
                                Residual::Written(self.model.source.slice(expr.span).to_string())
                            }
                        }
                    }
                    ExprKind::Bound(_)
                    | ExprKind::Const(_)
                    | ExprKind::AsOf
                    | ExprKind::ReadingIs { .. }
                    | ExprKind::Field { .. }
                    | ExprKind::Parameter { .. } => Residual::Opaque,
                }
            }
        }
    }

    /// A rule's value given the exceptions among its sub-steps: its body (a
    /// definition's value, or an exception's own value), overridden by the
    /// exceptions that apply or may.
    fn layer(&self, children: &[u32]) -> Residual {
        // Split in one pass: a rule may have many exceptions.
        let (exceptions, others): (Vec<u32>, Vec<u32>) = children.iter().copied().partition(|c| {
            matches!(
                self.trace.step(*c).map(|s| s.kind),
                Some(StepKind::Rule(RuleRef::Exception(_)))
            )
        });
        let body = others.first().map(|c| self.step(*c));
        if exceptions.is_empty() {
            return body.unwrap_or(Residual::Opaque);
        }
        // Each exception nests what it overrides one level deeper.
        if self.depth.get() + exceptions.len() > MAX_RESIDUAL_DEPTH {
            self.too_deep.set(true);
            return Residual::Opaque;
        }
        // Each exception that applies or may apply overrides what follows it.
        // Where two may both apply and disagree, the facts that make them both
        // apply make evaluation a conflict error, so the chain is right
        // whenever there is a value at all.
        // With an exception that applies for certain, the body was not evaluated.
        let mut result = body.unwrap_or(Residual::Opaque);
        for exception in exceptions.iter().rev() {
            let parts = self.trace.children(*exception);
            let condition = parts.first().map_or(Residual::Opaque, |c| self.step(*c));
            if condition == Residual::Known(Value::Bool(false)) {
                continue;
            }
            let value = match self.trace.step(*exception) {
                Some(step) if step.value.is_known() => Residual::Known(step.value.clone()),
                // Its own value, through the exceptions that override it in turn.
                _ => self.nested_layer(parts.get(1..).unwrap_or(&[])),
            };
            result = choose(condition, value, result);
        }
        result
    }

    /// The layer of an exception that other exceptions override in turn,
    /// one level deeper than the exception: a chain of exceptions nests as
    /// deep as it is long, and counts towards [`MAX_RESIDUAL_DEPTH`].
    fn nested_layer(&self, children: &[u32]) -> Residual {
        let depth = self.depth.get();
        if self.too_deep.get() || depth >= MAX_RESIDUAL_DEPTH {
            self.too_deep.set(true);
            return Residual::Opaque;
        }
        self.depth.set(depth + 1);
        let residual = self.layer(children);
        self.depth.set(depth);
        residual
    }

    /// A deontic rule's status: outside its scope unless `when` holds, then
    /// its first or second status as `while` holds or not.
    fn deontic(&self, id: u32, children: &[u32]) -> Residual {
        let Some(rule) = self.model.deontics.get(id as usize) else {
            return Residual::Opaque;
        };
        let status = |index: u32| Residual::Known(Value::Enum(rule.status, index));
        let mut parts = children.iter();
        let covered = if rule.when.is_some() {
            parts.next().map_or(Residual::Opaque, |c| self.step(*c))
        } else {
            Residual::Known(Value::Bool(true))
        };
        let holds = if rule.while_.is_some() {
            parts.next().map_or(Residual::Opaque, |c| self.step(*c))
        } else {
            Residual::Known(Value::Bool(true))
        };
        choose(covered, choose(holds, status(0), status(1)), status(2))
    }
}

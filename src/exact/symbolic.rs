//! Evaluating expressions symbolically: into the cases of the unknown facts
//! and the value in each (see [`super::term`]).
//!
//! Evaluation forks wherever the value depends on an unknown: a comparison
//! of unknown dates splits into the case where it holds and the case where
//! it does not, each kept only if the constraints gathered so far still
//! have a solution. The cases are those of the fast evaluation's rules read
//! literally, so they agree with it on every completion of the facts.

mod elements;
mod facts;
mod open;
mod rules;

pub(crate) use open::Open;

use std::sync::Arc;

use rust_decimal::Decimal;

use super::solver::{Diff, Node, Solver, Weight, ZERO};
use super::term::{Cases, Exact, Fallback, Leaf, Path, Unit};
use crate::ast::{BinaryOp, DurationUnit};
use crate::calendar;
use crate::eval::{Evaluator, Input, NoTrace, logic};
use crate::model::{Expr, ExprKind, FactId, Model, Period, VerdictId};
use crate::value::Value;

/// How many theory checks one decision may make before it gives up.
pub const MAX_CHECKS: usize = 4_096;

/// How many cases one decision may hold at once before it gives up.
pub const MAX_CASES: usize = 1_024;

/// How many expressions one decision may evaluate symbolically (each once
/// per case it is evaluated in) before it gives up.
pub const MAX_STEPS: usize = 100_000;

/// What a discrete unknown stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// Whether an `or none` value is none (option 0) or not (option 1).
    None,
    /// Which value it takes: a yes/no, an enumeration value, or one of several.
    Value,
    /// Which alternative of a reading is in force (open cases only; the
    /// "fact" is the reading's index).
    Reading,
}

/// A rule's cases, and the unknown facts read computing them.
#[derive(Debug)]
pub(crate) struct Memoized {
    cases: Cases,
    read: Vec<(FactId, Box<[u32]>)>,
}

/// What symbolic evaluation learnt of one input (the facts, the date, the
/// readings), kept between its verdicts: the unknowns, what is known of
/// them, and the cases of each rule computed.
#[derive(Debug, Clone)]
pub(crate) struct Memo {
    /// The date and readings it was learnt for.
    key: Option<(chrono::NaiveDate, Vec<u32>)>,
    solver: Solver,
    base: Vec<Diff>,
    scalars: Vec<(FactId, Box<[u32]>, Node)>,
    choices: Vec<(FactId, Box<[u32]>, Purpose)>,
    definitions: Vec<Option<Arc<Memoized>>>,
    deontics: Vec<Option<Arc<Memoized>>>,
}

impl Memo {
    /// Nothing learnt yet.
    pub fn new(model: &Model) -> Memo {
        Memo {
            key: None,
            solver: Solver::new(),
            base: Vec::new(),
            scalars: Vec::new(),
            choices: Vec::new(),
            definitions: vec![None; model.definitions.len()],
            deontics: vec![None; model.deontics.len()],
        }
    }

    /// Whether it was learnt for this input's date and readings (the
    /// evaluator is reset between sets of facts).
    pub fn fits(&self, input: &Input<'_>) -> bool {
        self.key.as_ref().is_some_and(|(date, readings)| {
            *date == input.as_of && *readings == input.readings.alternatives
        })
    }
}

/// A symbolic evaluation of one input's rules.
pub(crate) struct Symbolic<'a, 'm> {
    model: &'m Model,
    input: &'a Input<'a>,
    /// The fast evaluation, whose remembered definitions a copy reuses to
    /// evaluate the parts that do not depend on unknown facts.
    source: &'a Evaluator<'m>,
    ground: Option<Evaluator<'m>>,
    pub(crate) solver: Solver,
    /// What is known of the unknown ordered values: the ranges given for
    /// them, and an event's opening on or before its closing.
    pub(crate) base: Vec<Diff>,
    scalars: Vec<(FactId, Box<[u32]>, Node)>,
    choices: Vec<(FactId, Box<[u32]>, Purpose)>,
    definitions: Vec<Option<Arc<Memoized>>>,
    deontics: Vec<Option<Arc<Memoized>>>,
    /// The elements the aggregates around the expression are at.
    bound: Vec<Leaf>,
    /// The unknown facts read, in the order first read.
    read: Vec<(FactId, Box<[u32]>)>,
    checks: usize,
    steps: usize,
    /// When the evaluation date and the readings are unknown too (see
    /// [`Open`]); `None`: fixed by the input.
    pub(crate) open: Option<Open>,
    /// Whether a budget ran out (rather than the fragment), since the
    /// budget was last renewed.
    pub(crate) spent: bool,
}

impl<'a, 'm> Symbolic<'a, 'm> {
    /// A symbolic evaluation that continues `memo` and falls back on
    /// `source` for the parts that do not depend on unknown facts.
    pub fn new(
        model: &'m Model,
        input: &'a Input<'a>,
        source: &'a Evaluator<'m>,
        memo: Memo,
    ) -> Self {
        let memo = if memo.fits(input) {
            memo
        } else {
            Memo::new(model)
        };
        Symbolic {
            model,
            input,
            source,
            ground: None,
            solver: memo.solver,
            base: memo.base,
            scalars: memo.scalars,
            choices: memo.choices,
            definitions: memo.definitions,
            deontics: memo.deontics,
            bound: Vec::new(),
            read: Vec::new(),
            checks: 0,
            steps: 0,
            open: None,
            spent: false,
        }
    }

    /// What it learnt, for the next verdict of the same input.
    pub fn into_memo(self) -> Memo {
        Memo {
            key: Some((self.input.as_of, self.input.readings.alternatives.clone())),
            solver: self.solver,
            base: self.base,
            scalars: self.scalars,
            choices: self.choices,
            definitions: self.definitions,
            deontics: self.deontics,
        }
    }

    /// The unknown facts the rules read, sorted.
    pub fn unknowns(&self) -> Vec<(FactId, Box<[u32]>)> {
        let mut found = self.read.clone();
        found.sort();
        found
    }

    fn spend(&mut self) -> Exact<()> {
        self.checks += 1;
        if self.checks > MAX_CHECKS {
            self.spent = true;
            Err(Fallback)
        } else {
            Ok(())
        }
    }

    /// Whether a case's constraints, with what is known, have a solution.
    pub fn feasible(&mut self, path: &Path) -> Exact<bool> {
        self.spend()?;
        self.solver
            .feasible(&[&self.base, &path.diffs])
            .map_err(|_| Fallback)
    }

    /// The case narrowed by one more constraint, if that leaves a solution.
    fn narrow(&mut self, path: &Path, diff: Diff) -> Exact<Option<Path>> {
        let diff = self.solver.normalize(diff);
        if self.solver.mixes(&diff) {
            return Err(Fallback);
        }
        if path.diffs.contains(&diff) {
            return Ok(Some(path.clone()));
        }
        let mut narrowed = path.clone();
        narrowed.diffs.push(diff);
        Ok(if self.feasible(&narrowed)? {
            Some(narrowed)
        } else {
            None
        })
    }

    /// The value of a verdict in every case.
    pub fn verdict(&mut self, id: VerdictId) -> Exact<Cases> {
        let model = self.model;
        let verdict = model.verdicts.get(id as usize).ok_or(Fallback)?;
        self.expr(&verdict.body, &Path::default())
    }

    /// Whether a verdict applies in every case: the instrument and each
    /// provision whose rules it names are in force.
    pub fn in_force(&mut self, id: VerdictId) -> Exact<Cases> {
        let model = self.model;
        let verdict = model.verdicts.get(id as usize).ok_or(Fallback)?;
        let mut periods: Vec<&'m Period> = model.instrument.in_force.iter().collect();
        for provision in &verdict.provisions {
            if let Some(period) = model
                .provisions
                .get(*provision as usize)
                .and_then(|p| p.in_force.as_ref())
            {
                periods.push(period);
            }
        }
        // Each bound of each period, as `as_of OP bound`.
        let mut tests: Vec<(BinaryOp, &'m Expr)> = Vec::new();
        for period in periods {
            if let Some(from) = &period.from {
                tests.push((BinaryOp::OnOrAfter, from));
            }
            if let Some(until) = &period.until {
                let op = if period.until_inclusive {
                    BinaryOp::OnOrBefore
                } else {
                    BinaryOp::Before
                };
                tests.push((op, until));
            }
        }
        let as_of = self.as_of();
        let mut pending = vec![Path::default()];
        let mut out = Vec::new();
        for (op, bound) in tests {
            let mut next = Vec::new();
            for path in pending {
                for (p, end) in self.expr(bound, &path)? {
                    for (q, holds) in self.compare(&p, op, &as_of, &end)? {
                        match holds {
                            Leaf::Val(Value::Bool(true)) => next.push(q),
                            other => out.push((q, other)),
                        }
                    }
                }
            }
            pending = next;
            self.limit(pending.len() + out.len())?;
        }
        out.extend(
            pending
                .into_iter()
                .map(|p| (p, Leaf::Val(Value::Bool(true)))),
        );
        Ok(out)
    }

    fn limit(&mut self, cases: usize) -> Exact<()> {
        if cases > MAX_CASES {
            self.spent = true;
            Err(Fallback)
        } else {
            Ok(())
        }
    }

    /// An expression's value in every case within `path`.
    pub fn expr(&mut self, expr: &'m Expr, path: &Path) -> Exact<Cases> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.spent = true;
            return Err(Fallback);
        }
        let cases = stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
            self.compute(expr, path)
        })?;
        self.limit(cases.len())?;
        Ok(cases)
    }

    fn one(path: &Path, leaf: Leaf) -> Exact<Cases> {
        Ok(vec![(path.clone(), leaf)])
    }

    fn compute(&mut self, expr: &'m Expr, path: &Path) -> Exact<Cases> {
        match &expr.kind {
            ExprKind::Const(value) if value.is_known() => Self::one(path, Leaf::Val(value.clone())),
            ExprKind::AsOf => Self::one(path, self.as_of()),
            ExprKind::ReadingIs {
                reading,
                alternative,
                negated,
            } if self.open.is_some() => self.reading_is(*reading, *alternative, *negated, path),
            ExprKind::ReadingIs {
                reading,
                alternative,
                negated,
            } => Self::one(
                path,
                Leaf::Val(Value::Bool(
                    (self.input.readings.alternative(*reading) == *alternative) != *negated,
                )),
            ),
            ExprKind::Fact { fact, fields } => self.fact(*fact, fields, path),
            ExprKind::Definition(id) => self.definition(*id, path),
            ExprKind::Deontic(id) => self.deontic(*id, path),
            ExprKind::Not(operand) => self.map(operand, path, |leaf| match leaf {
                Leaf::Val(Value::Bool(b)) => Ok(Leaf::Val(Value::Bool(!b))),
                Leaf::Error => Ok(Leaf::Error),
                _ => Err(Fallback),
            }),
            ExprKind::All(operands) => self.kleene(operands, false, path),
            ExprKind::Any(operands) => self.kleene(operands, true, path),
            ExprKind::Binary {
                op: BinaryOp::And,
                left,
                right,
            } => self.kleene_pair([left, right], false, path),
            ExprKind::Binary {
                op: BinaryOp::Or,
                left,
                right,
            } => self.kleene_pair([left, right], true, path),
            ExprKind::Binary { op, left, right } if is_comparison(*op) => {
                let mut out = Vec::new();
                for (p, a) in self.expr(left, path)? {
                    for (q, b) in self.expr(right, &p)? {
                        out.extend(self.compare(&q, *op, &a, &b)?);
                    }
                }
                Ok(out)
            }
            ExprKind::Binary {
                op: op @ (BinaryOp::Add | BinaryOp::Subtract),
                left,
                right,
            } => {
                let mut out = Vec::new();
                for (p, a) in self.expr(left, path)? {
                    for (q, b) in self.expr(right, &p)? {
                        out.push((q, self.add(*op, &a, &b, expr)?));
                    }
                }
                Ok(out)
            }
            ExprKind::IsNone { operand, negated } => {
                let negated = *negated;
                self.map(operand, path, move |leaf| match leaf {
                    Leaf::Error => Ok(Leaf::Error),
                    Leaf::Val(Value::None) => Ok(Leaf::Val(Value::Bool(!negated))),
                    _ => Ok(Leaf::Val(Value::Bool(negated))),
                })
            }
            ExprKind::OrElse { value, fallback } => {
                let mut out = Vec::new();
                for (p, leaf) in self.expr(value, path)? {
                    match leaf {
                        Leaf::Val(Value::None) => out.extend(self.expr(fallback, &p)?),
                        other => out.push((p, other)),
                    }
                }
                Ok(out)
            }
            ExprKind::OneOf {
                operand,
                values,
                negated,
            } => self.map(operand, path, |leaf| match leaf {
                Leaf::Val(Value::Enum(_, index)) => {
                    Ok(Leaf::Val(Value::Bool(values.contains(&index) != *negated)))
                }
                Leaf::Error => Ok(Leaf::Error),
                _ => Err(Fallback),
            }),
            ExprKind::If {
                condition,
                then,
                otherwise,
            } => {
                let mut out = Vec::new();
                for (p, leaf) in self.expr(condition, path)? {
                    match leaf {
                        Leaf::Val(Value::Bool(true)) => out.extend(self.expr(then, &p)?),
                        Leaf::Val(Value::Bool(false)) => out.extend(self.expr(otherwise, &p)?),
                        Leaf::Error => out.push((p, Leaf::Error)),
                        _ => return Err(Fallback),
                    }
                }
                Ok(out)
            }
            ExprKind::ShiftDate {
                date,
                amount,
                unit,
                rounding,
            } => {
                let (amount, unit, rounding) = (*amount, *unit, *rounding);
                self.map(date, path, move |leaf| shift(leaf, amount, unit, rounding))
            }
            ExprKind::Between {
                unit: DurationUnit::Days,
                from,
                to,
            } => {
                let mut out = Vec::new();
                for (p, a) in self.expr(from, path)? {
                    for (q, b) in self.expr(to, &p)? {
                        out.push((q, days_between(&a, &b)?));
                    }
                }
                Ok(out)
            }
            ExprKind::Earliest(args) | ExprKind::Latest(args) => {
                let least = matches!(expr.kind, ExprKind::Earliest(_));
                self.extreme(args, least, path)
            }
            ExprKind::Field { record, field } => {
                let field = *field as usize;
                let mut out = Vec::new();
                for (p, leaf) in self.expr(record, path)? {
                    let value = match leaf {
                        Leaf::Val(Value::Record(values)) => match values.get(field) {
                            Some(v) if v.is_known() => Leaf::Val(v.clone()),
                            _ => return self.ground(expr, path),
                        },
                        Leaf::Val(Value::None) => Leaf::Val(Value::None),
                        Leaf::Error => Leaf::Error,
                        _ => return self.ground(expr, path),
                    };
                    out.push((p, value));
                }
                Ok(out)
            }
            ExprKind::Bound(slot) => match self.bound.get(*slot as usize) {
                Some(leaf) => Self::one(path, leaf.clone()),
                None => Err(Fallback),
            },
            ExprKind::Aggregate(aggregate) => match self.ground(expr, path) {
                Ok(cases) => Ok(cases),
                Err(Fallback) => self.aggregate(aggregate, path),
            },
            ExprKind::Call { definition, args } => match self.ground(expr, path) {
                Ok(cases) => Ok(cases),
                Err(Fallback) => self.call(*definition, args, path),
            },
            _ => self.ground(expr, path),
        }
    }

    /// An expression that does not depend on unknown facts: the fast
    /// evaluation's value, when it knows it.
    fn ground(&mut self, expr: &'m Expr, path: &Path) -> Exact<Cases> {
        if !self.bound.is_empty() && mentions_bound(expr) {
            return Err(Fallback);
        }
        // Open cases: the fast evaluation knows one date and one set of
        // readings, so it may answer only what depends on neither.
        if self.depends_on_context(expr) {
            return Err(Fallback);
        }
        let source = self.source;
        let ground = self.ground.get_or_insert_with(|| source.clone());
        match ground.expr(self.input, expr, &mut NoTrace) {
            Ok(value) if value.is_known() => Self::one(path, Leaf::Val(value)),
            _ => Err(Fallback),
        }
    }

    /// Each case of an operand, its value mapped.
    fn map(
        &mut self,
        operand: &'m Expr,
        path: &Path,
        f: impl Fn(Leaf) -> Exact<Leaf>,
    ) -> Exact<Cases> {
        self.expr(operand, path)?
            .into_iter()
            .map(|(p, leaf)| Ok((p, f(leaf)?)))
            .collect()
    }

    /// `and` (`decisive` false) or `or` (`decisive` true), left to right as
    /// the fast evaluation goes: the first decisive operand decides.
    fn kleene(&mut self, operands: &'m [Expr], decisive: bool, path: &Path) -> Exact<Cases> {
        self.kleene_over(operands.iter(), decisive, path)
    }

    fn kleene_pair(
        &mut self,
        operands: [&'m Expr; 2],
        decisive: bool,
        path: &Path,
    ) -> Exact<Cases> {
        self.kleene_over(operands.into_iter(), decisive, path)
    }

    fn kleene_over(
        &mut self,
        operands: impl Iterator<Item = &'m Expr>,
        decisive: bool,
        path: &Path,
    ) -> Exact<Cases> {
        let mut pending = vec![path.clone()];
        let mut out = Vec::new();
        for operand in operands {
            let mut next = Vec::new();
            for p in pending {
                for (q, leaf) in self.expr(operand, &p)? {
                    match leaf {
                        Leaf::Val(Value::Bool(b)) if b == decisive => out.push((q, leaf)),
                        Leaf::Val(Value::Bool(_)) => next.push(q),
                        Leaf::Error => out.push((q, Leaf::Error)),
                        _ => return Err(Fallback),
                    }
                }
            }
            pending = next;
            self.limit(pending.len() + out.len())?;
        }
        out.extend(
            pending
                .into_iter()
                .map(|p| (p, Leaf::Val(Value::Bool(!decisive)))),
        );
        Ok(out)
    }

    /// A comparison of two values in a case: one case where it holds, one
    /// where it does not, keeping those that can happen.
    pub fn compare(&mut self, path: &Path, op: BinaryOp, a: &Leaf, b: &Leaf) -> Exact<Cases> {
        if matches!(a, Leaf::Error) || matches!(b, Leaf::Error) {
            return Self::one(path, Leaf::Error);
        }
        if let (Leaf::Val(x), Leaf::Val(y)) = (a, b) {
            return match logic::compare(op, x, y) {
                Value::Bool(holds) => Self::one(path, Leaf::Val(Value::Bool(holds))),
                _ => Err(Fallback),
            };
        }
        let ((na, oa, _), (nb, ob, _)) = match (a.linear(), b.linear()) {
            (Some(x), Some(y)) => (x, y),
            _ => return Err(Fallback),
        };
        // a op b is (na + oa) op (nb + ob), so na - nb op ob - oa.
        let d = ob.checked_sub(oa).ok_or(Fallback)?;
        let atom = |x: Node, y: Node, w: Weight| Diff { x, y, w };
        let (holds, negated): (Vec<Diff>, bool) = match op {
            BinaryOp::Less | BinaryOp::Before => (vec![atom(na, nb, Weight::below(d))], false),
            BinaryOp::LessOrEqual | BinaryOp::OnOrBefore => {
                (vec![atom(na, nb, Weight::at_most(d))], false)
            }
            BinaryOp::Greater | BinaryOp::After => (vec![atom(nb, na, Weight::below(-d))], false),
            BinaryOp::GreaterOrEqual | BinaryOp::OnOrAfter => {
                (vec![atom(nb, na, Weight::at_most(-d))], false)
            }
            BinaryOp::Equal | BinaryOp::NotEqual => (
                vec![
                    atom(na, nb, Weight::at_most(d)),
                    atom(nb, na, Weight::at_most(-d)),
                ],
                op == BinaryOp::NotEqual,
            ),
            _ => return Err(Fallback),
        };
        let truth = |holds: bool| Leaf::Val(Value::Bool(holds != negated));
        let mut out = Vec::new();
        // Where it holds: every atom.
        let mut within = Some(path.clone());
        for diff in &holds {
            within = match within {
                Some(p) => self.narrow(&p, *diff)?,
                None => None,
            };
        }
        if let Some(p) = within {
            out.push((p, truth(true)));
        }
        // Where it does not: the first atom fails, or it holds and the next fails.
        let mut prefix = Some(path.clone());
        for diff in &holds {
            let Some(p) = prefix else { break };
            if let Some(q) = self.narrow(&p, diff.negated())? {
                out.push((q, truth(false)));
            }
            prefix = self.narrow(&p, *diff)?;
        }
        Ok(out)
    }

    /// `a + b` or `a - b` of an unknown and a known amount, or of two known.
    fn add(&mut self, op: BinaryOp, a: &Leaf, b: &Leaf, expr: &Expr) -> Exact<Leaf> {
        if matches!(a, Leaf::Error) || matches!(b, Leaf::Error) {
            return Ok(Leaf::Error);
        }
        let ((na, oa, unit), (nb, ob, _)) = match (a.linear(), b.linear()) {
            (Some(x), Some(y)) => (x, y),
            _ => return Err(Fallback),
        };
        if unit == Unit::Date {
            return Err(Fallback);
        }
        let (node, offset) = match (op, na, nb) {
            (BinaryOp::Add, n, ZERO) | (BinaryOp::Add, ZERO, n) => (n, oa.checked_add(ob)),
            (BinaryOp::Subtract, n, ZERO) => (n, oa.checked_sub(ob)),
            (BinaryOp::Subtract, x, y) if x == y => (ZERO, oa.checked_sub(ob)),
            _ => return Err(Fallback),
        };
        let _ = expr;
        Leaf::of_linear(node, offset.ok_or(Fallback)?, unit).ok_or(Fallback)
    }

    /// `earliest(...)` or `latest(...)`: the first value, replaced by each
    /// later one that is less (greater).
    fn extreme(&mut self, args: &'m [Expr], least: bool, path: &Path) -> Exact<Cases> {
        let Some((first, rest)) = args.split_first() else {
            return Err(Fallback);
        };
        let mut acc = self.expr(first, path)?;
        for arg in rest {
            let mut next = Vec::new();
            for (p, best) in acc {
                for (q, candidate) in self.expr(arg, &p)? {
                    let op = if least {
                        BinaryOp::Less
                    } else {
                        BinaryOp::Greater
                    };
                    for (r, better) in self.compare(&q, op, &candidate, &best)? {
                        let leaf = match better {
                            Leaf::Val(Value::Bool(true)) => candidate.clone(),
                            Leaf::Val(Value::Bool(false)) => best.clone(),
                            _ => Leaf::Error,
                        };
                        next.push((r, leaf));
                    }
                }
            }
            self.limit(next.len())?;
            acc = next;
        }
        Ok(acc)
    }
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Equal
            | BinaryOp::NotEqual
            | BinaryOp::Less
            | BinaryOp::LessOrEqual
            | BinaryOp::Greater
            | BinaryOp::GreaterOrEqual
            | BinaryOp::Before
            | BinaryOp::OnOrBefore
            | BinaryOp::After
            | BinaryOp::OnOrAfter
    )
}

/// Whether an expression reads the element of an aggregate around it.
fn mentions_bound(expr: &Expr) -> bool {
    if matches!(expr.kind, ExprKind::Bound(_)) {
        return true;
    }
    let mut found = false;
    crate::model::expr::for_each_child(expr, |child| found = found || mentions_bound(child));
    found
}

/// A date moved by a duration: an unknown date by days or weeks moves its
/// node's offset; a known date moves as the fast evaluation moves it.
fn shift(
    leaf: Leaf,
    amount: i64,
    unit: DurationUnit,
    rounding: Option<crate::ast::Rounding>,
) -> Exact<Leaf> {
    match leaf {
        Leaf::Error => Ok(Leaf::Error),
        Leaf::Val(Value::Date(date)) => Ok(match calendar::shift(date, amount, unit) {
            calendar::Shift::Exact(d) => Leaf::Val(Value::Date(d)),
            calendar::Shift::Missing(y, m, _) => match rounding {
                Some(r) => {
                    calendar::round(y, m, r).map_or(Leaf::Error, |d| Leaf::Val(Value::Date(d)))
                }
                None => Leaf::Error,
            },
            calendar::Shift::OutOfRange => Leaf::Error,
        }),
        Leaf::Lin {
            node,
            offset,
            unit: Unit::Date,
        } => {
            let days = match unit {
                DurationUnit::Days => amount,
                DurationUnit::Weeks => amount.checked_mul(7).ok_or(Fallback)?,
                DurationUnit::Months | DurationUnit::Years => return Err(Fallback),
            };
            Ok(Leaf::Lin {
                node,
                offset: offset.checked_add(Decimal::from(days)).ok_or(Fallback)?,
                unit: Unit::Date,
            })
        }
        _ => Err(Fallback),
    }
}

/// `to - from` in days: a number, unknown when one of the dates is.
fn days_between(from: &Leaf, to: &Leaf) -> Exact<Leaf> {
    if matches!(from, Leaf::Error) || matches!(to, Leaf::Error) {
        return Ok(Leaf::Error);
    }
    let ((nf, of, _), (nt, ot, _)) = match (from.linear(), to.linear()) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(Fallback),
    };
    let offset = ot.checked_sub(of).ok_or(Fallback)?;
    match (nf, nt) {
        (ZERO, n) => Leaf::of_linear(n, offset, Unit::Number).ok_or(Fallback),
        (x, y) if x == y => Ok(Leaf::Val(Value::Number(offset))),
        _ => Err(Fallback),
    }
}

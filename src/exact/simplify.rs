//! Residuals simplified under what is known: a conjunction that cannot
//! hold folds to false, a conjunct the others imply is dropped, a
//! disjunct that cannot hold is dropped, and a disjunction that always
//! holds folds to true, so that a residual never holds a contradiction or
//! a tautology of comparisons.
//!
//! Comparisons of unknown dates, numbers and amounts (each possibly moved
//! by days or a constant) with constants and with each other become
//! difference constraints, checked with the ranges given for the facts by
//! the same solver that decides verdicts ([`super::solver`]).

use rust_decimal::Decimal;

use super::solver::{Diff, Node, Solver, Weight, ZERO};
use super::term::amount_of;
use crate::ast::{BinaryOp, DurationUnit};
use crate::model::{FactId, Model, Type};
use crate::residual::Residual;
use crate::value::{Bounds, Value};

/// How many theory checks one residual's simplification may make; past
/// it, the rest is left as it is.
const MAX_SIMPLIFY_CHECKS: usize = 2_048;

/// The range known for an unknown fact: the fact, its field path, and the
/// range given for it.
pub type FactRange = (FactId, Box<[u32]>, Bounds);

/// A residual simplified under the ranges known for its facts.
pub fn simplify_residual(model: &Model, residual: Residual, ranges: &[FactRange]) -> Residual {
    let mut simplifier = Simplifier {
        model,
        ranges,
        solver: Solver::new(),
        base: Vec::new(),
        given: Vec::new(),
        nodes: Vec::new(),
        checks: 0,
    };
    simplifier.simplify(residual)
}

struct Simplifier<'a> {
    model: &'a Model,
    ranges: &'a [FactRange],
    solver: Solver,
    base: Vec<Diff>,
    /// What holds where the part being simplified is read: the conditions
    /// of the `if`s around it.
    given: Vec<Diff>,
    nodes: Vec<(FactId, Box<[u32]>, Node)>,
    checks: usize,
}

/// A comparison as constraints: all of `holds` hold exactly when it does;
/// it fails exactly when one of them fails.
struct Atom {
    holds: Vec<Diff>,
}

impl Simplifier<'_> {
    /// Whether the constraints may all hold; `None` when out of budget.
    fn feasible(&mut self, diffs: &[Diff]) -> Option<bool> {
        self.checks += 1;
        if self.checks > MAX_SIMPLIFY_CHECKS {
            return None;
        }
        self.solver.feasible(&[&self.base, &self.given, diffs]).ok()
    }

    fn node(&mut self, fact: FactId, fields: &[u32]) -> Option<Node> {
        if let Some((_, _, node)) = self
            .nodes
            .iter()
            .find(|(f, p, _)| *f == fact && **p == *fields)
        {
            return Some(*node);
        }
        let integral = match self.model.fact_type(fact, fields)? {
            Type::Date | Type::Integer => true,
            Type::Decimal | Type::Money(_) => false,
            _ => return None,
        };
        let node = self.solver.node(integral);
        self.nodes.push((fact, fields.into(), node));
        let bounds = self
            .ranges
            .iter()
            .find(|(f, p, _)| *f == fact && **p == *fields)
            .map(|(_, _, b)| *b)
            .unwrap_or_default();
        if let Some(lo) = bounds.lo {
            let diff = self.solver.normalize(Diff {
                x: ZERO,
                y: node,
                w: Weight::at_most(-amount_of(lo).0),
            });
            self.base.push(diff);
        }
        if let Some(hi) = bounds.hi {
            let diff = self.solver.normalize(Diff {
                x: node,
                y: ZERO,
                w: Weight::at_most(amount_of(hi).0),
            });
            self.base.push(diff);
        }
        Some(node)
    }

    /// A side of a comparison as `node + offset`.
    fn linear(&mut self, side: &Residual) -> Option<(Node, Decimal)> {
        match side {
            Residual::Known(value) => Some((ZERO, amount_of(value.scalar()?).0)),
            Residual::Fact { fact, fields } => Some((self.node(*fact, fields)?, Decimal::ZERO)),
            Residual::Shift {
                date, amount, unit, ..
            } => {
                let days = match unit {
                    DurationUnit::Days => *amount,
                    DurationUnit::Weeks => amount.checked_mul(7)?,
                    _ => return None,
                };
                let (node, offset) = self.linear(date)?;
                Some((node, offset.checked_add(Decimal::from(days))?))
            }
            Residual::Arithmetic { op, left, right } => {
                let (node, offset) = self.linear(left)?;
                let (zero, constant) = self.linear(right)?;
                if zero != ZERO {
                    return None;
                }
                match op {
                    BinaryOp::Add => Some((node, offset.checked_add(constant)?)),
                    BinaryOp::Subtract => Some((node, offset.checked_sub(constant)?)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn atom(&mut self, residual: &Residual) -> Option<Atom> {
        let Residual::Compare { op, left, right } = residual else {
            return None;
        };
        let (na, oa) = self.linear(left)?;
        let (nb, ob) = self.linear(right)?;
        let d = ob.checked_sub(oa)?;
        let diff = |x, y, w| self.solver.normalize(Diff { x, y, w });
        let holds = match op {
            BinaryOp::Less | BinaryOp::Before => vec![diff(na, nb, Weight::below(d))],
            BinaryOp::LessOrEqual | BinaryOp::OnOrBefore => vec![diff(na, nb, Weight::at_most(d))],
            BinaryOp::Greater | BinaryOp::After => vec![diff(nb, na, Weight::below(-d))],
            BinaryOp::GreaterOrEqual | BinaryOp::OnOrAfter => {
                vec![diff(nb, na, Weight::at_most(-d))]
            }
            BinaryOp::Equal => vec![
                diff(na, nb, Weight::at_most(d)),
                diff(nb, na, Weight::at_most(-d)),
            ],
            _ => return None,
        };
        if holds.iter().any(|d| self.solver.mixes(d)) {
            return None;
        }
        Some(Atom { holds })
    }

    /// Whether `given` implies the atom: `given` with any one of its
    /// constraints failing has no solution.
    fn implies(&mut self, given: &[Diff], atom: &Atom) -> Option<bool> {
        for diff in &atom.holds {
            let mut with = given.to_vec();
            with.push(self.solver.normalize(diff.negated()));
            if self.feasible(&with)? {
                return Some(false);
            }
        }
        Some(true)
    }

    fn simplify(&mut self, residual: Residual) -> Residual {
        match residual {
            Residual::All(items) => self.conjunction(items),
            Residual::Any(items) => self.disjunction(items),
            Residual::Not(inner) => match self.simplify(*inner) {
                Residual::Known(Value::Bool(b)) => Residual::Known(Value::Bool(!b)),
                other => Residual::Not(Box::new(other)),
            },
            Residual::If {
                condition,
                then,
                otherwise,
            } => match self.simplify(*condition) {
                Residual::Known(Value::Bool(true)) => self.simplify(*then),
                Residual::Known(Value::Bool(false)) => self.simplify(*otherwise),
                condition => {
                    // Each branch is read where the condition holds, or not.
                    let single = match self.atom(&condition) {
                        Some(Atom { holds }) if holds.len() == 1 => holds.first().copied(),
                        _ => None,
                    };
                    let then = self.under(single, *then);
                    let negated = single.map(|d| self.solver.normalize(d.negated()));
                    let otherwise = self.under(negated, *otherwise);
                    match (then, otherwise) {
                        (a, b) if a == b => a,
                        (
                            Residual::Known(Value::Bool(true)),
                            Residual::Known(Value::Bool(false)),
                        ) => condition,
                        // `if c then x else false` is `c and x`; `if c
                        // then true else y` is `c or y`.
                        (then, Residual::Known(Value::Bool(false))) => {
                            self.conjunction(vec![condition, then])
                        }
                        (Residual::Known(Value::Bool(true)), otherwise) => {
                            self.disjunction(vec![condition, otherwise])
                        }
                        (then, otherwise) => Residual::If {
                            condition: Box::new(condition),
                            then: Box::new(then),
                            otherwise: Box::new(otherwise),
                        },
                    }
                }
            },
            compare @ Residual::Compare { .. } => match self.atom(&compare) {
                Some(atom) => match (self.feasible(&atom.holds), self.implies(&[], &atom)) {
                    (Some(false), _) => Residual::Known(Value::Bool(false)),
                    (_, Some(true)) => Residual::Known(Value::Bool(true)),
                    _ => compare,
                },
                None => compare,
            },
            other => other,
        }
    }

    /// A residual simplified where `given` holds too.
    fn under(&mut self, given: Option<Diff>, residual: Residual) -> Residual {
        let Some(given) = given else {
            return self.simplify(residual);
        };
        self.given.push(given);
        let simplified = self.simplify(residual);
        self.given.pop();
        simplified
    }

    fn conjunction(&mut self, items: Vec<Residual>) -> Residual {
        let mut kept: Vec<Residual> = Vec::new();
        for item in items {
            match self.simplify(item) {
                Residual::Known(Value::Bool(true)) => {}
                Residual::Known(Value::Bool(false)) => return Residual::Known(Value::Bool(false)),
                Residual::All(inner) => kept.extend(inner),
                other => kept.push(other),
            }
        }
        let atoms: Vec<Option<Atom>> = kept.iter().map(|item| self.atom(item)).collect();
        let all: Vec<Diff> = atoms
            .iter()
            .flatten()
            .flat_map(|a| a.holds.clone())
            .collect();
        if self.feasible(&all) == Some(false) {
            return Residual::Known(Value::Bool(false));
        }
        // Drop each conjunct that the ones still kept imply.
        let mut keep = vec![true; kept.len()];
        for index in 0..kept.len() {
            let Some(Some(atom)) = atoms.get(index) else {
                continue;
            };
            let others: Vec<Diff> = atoms
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != index && keep.get(*j).copied().unwrap_or(false))
                .filter_map(|(_, a)| a.as_ref())
                .flat_map(|a| a.holds.clone())
                .collect();
            if self.implies(&others, atom) == Some(true)
                && let Some(slot) = keep.get_mut(index)
            {
                *slot = false;
            }
        }
        let mut kept: Vec<Residual> = kept
            .into_iter()
            .zip(keep)
            .filter_map(|(item, keep)| keep.then_some(item))
            .collect();
        match kept.len() {
            0 => Residual::Known(Value::Bool(true)),
            1 => kept.pop().unwrap_or(Residual::Known(Value::Bool(true))),
            _ => Residual::All(kept),
        }
    }

    fn disjunction(&mut self, items: Vec<Residual>) -> Residual {
        let mut kept: Vec<Residual> = Vec::new();
        for item in items {
            match self.simplify(item) {
                Residual::Known(Value::Bool(false)) => {}
                Residual::Known(Value::Bool(true)) => return Residual::Known(Value::Bool(true)),
                Residual::Any(inner) => kept.extend(inner),
                other => kept.push(other),
            }
        }
        // Always true when the atoms cannot all fail: each fails exactly
        // when one of its constraints does, so try each combination.
        let atoms: Vec<Option<Atom>> = kept.iter().map(|item| self.atom(item)).collect();
        let failing: Vec<Vec<Diff>> = atoms
            .iter()
            .flatten()
            .map(|a| {
                a.holds
                    .iter()
                    .map(|d| self.solver.normalize(d.negated()))
                    .collect()
            })
            .collect();
        if !failing.is_empty() && failing.iter().map(Vec::len).product::<usize>() <= 64 {
            let mut combination = vec![0usize; failing.len()];
            let mut any_possible = false;
            loop {
                let chosen: Vec<Diff> = failing
                    .iter()
                    .zip(&combination)
                    .filter_map(|(options, i)| options.get(*i).copied())
                    .collect();
                match self.feasible(&chosen) {
                    Some(false) => {}
                    _ => {
                        any_possible = true;
                        break;
                    }
                }
                // The next combination, like an odometer.
                let mut position = 0;
                while let Some(slot) = combination.get_mut(position) {
                    *slot += 1;
                    if *slot < failing.get(position).map_or(0, Vec::len) {
                        break;
                    }
                    *slot = 0;
                    position += 1;
                }
                if position >= combination.len() {
                    break;
                }
            }
            if !any_possible {
                return Residual::Known(Value::Bool(true));
            }
        }
        // Drop each disjunct that implies another still kept.
        let mut keep = vec![true; kept.len()];
        for index in 0..kept.len() {
            let Some(Some(atom)) = atoms.get(index) else {
                continue;
            };
            for (other, candidate) in atoms.iter().enumerate() {
                let Some(candidate) = candidate else { continue };
                if other == index || !keep.get(other).copied().unwrap_or(false) {
                    continue;
                }
                if self.implies(&atom.holds, candidate) == Some(true) {
                    if let Some(slot) = keep.get_mut(index) {
                        *slot = false;
                    }
                    break;
                }
            }
        }
        let mut kept: Vec<Residual> = kept
            .into_iter()
            .zip(keep)
            .filter_map(|(item, keep)| keep.then_some(item))
            .collect();
        match kept.len() {
            0 => Residual::Known(Value::Bool(false)),
            1 => kept.pop().unwrap_or(Residual::Known(Value::Bool(false))),
            _ => Residual::Any(kept),
        }
    }
}

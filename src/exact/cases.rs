//! Open cases, for the analysis of a policy over every case
//! ([`crate::analysis`]): every fact unknown, and the evaluation date and
//! the readings unknown too. The same symbolic evaluation as exact answers
//! use ([`super::symbolic`]), with its fragment and budget; the budget is
//! renewed for each question asked ([`OpenCases::renew_budget`]).

use rust_decimal::Decimal;

use super::solver::{Node, ZERO};
use super::symbolic::{Memo, Open, Symbolic};
use super::term::{Cases, Exact, Fallback, Leaf, Path};
use crate::ast::BinaryOp;
use crate::eval::{Evaluator, Input};
use crate::model::{Expr, FactId, Model, ReadingId, VerdictId};

/// What a discrete unknown of a case stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    /// Whether a fact (or field) declared `or none` is none: option 0.
    IsNone(FactId, Box<[u32]>),
    /// Which value a yes/no or enumeration fact (or field) takes: option
    /// `i` is `false`, `true` for yes/no, the `i`th value for enumerations.
    Value(FactId, Box<[u32]>),
    /// Which alternative of a reading is in force.
    Reading(ReadingId),
}

/// A symbolic evaluation of a policy with nothing known.
pub(crate) struct OpenCases<'a, 'm> {
    symbolic: Symbolic<'a, 'm>,
}

impl<'a, 'm> OpenCases<'a, 'm> {
    /// Open cases over the model of `source`; `input` gives no fact (its
    /// date and readings are not read where they matter).
    pub fn new(model: &'m Model, input: &'a Input<'a>, source: &'a Evaluator<'m>) -> Self {
        let mut symbolic = Symbolic::new(model, input, source, Memo::new(model));
        // The date's node comes first, so a witness fixes it first.
        let as_of = symbolic.solver.node(true);
        symbolic.open = Some(Open::new(model, as_of));
        OpenCases { symbolic }
    }

    /// Open cases over the model of another policy that share `other`'s
    /// unknowns (for `provisio diff`): a fact or reading of `other` is the
    /// fact or reading of `model` that `map_fact` or `map_reading` gives, and
    /// its cases' nodes and discrete unknowns mean the same on both sides.
    /// Cases of `other` made before this call are cases of this one too;
    /// `other` must make no more unknowns afterwards.
    pub fn beside(
        model: &'m Model,
        input: &'a Input<'a>,
        source: &'a Evaluator<'m>,
        other: &OpenCases<'_, '_>,
        map_fact: &dyn Fn(FactId) -> Option<FactId>,
        map_reading: &dyn Fn(ReadingId) -> Option<ReadingId>,
    ) -> Self {
        let mut symbolic = Symbolic::new(model, input, source, Memo::new(model));
        symbolic.continue_from(&other.symbolic, map_fact, map_reading);
        OpenCases { symbolic }
    }

    /// How many discrete unknowns its cases may choose among.
    pub fn choice_count(&self) -> usize {
        self.symbolic.choice_count()
    }

    /// The discrete unknown of a reading, made if no case chose it yet.
    pub fn reading_choice(&mut self, reading: ReadingId) -> u32 {
        self.symbolic.reading_choice(reading)
    }

    /// Whether a case, with what is known, can happen.
    pub fn feasible(&mut self, path: &Path) -> Exact<bool> {
        self.symbolic.feasible(path)
    }

    /// The least and greatest value of a node in a case (the bounds, which
    /// a strict one does not reach); `None` where unbounded. Whole for dates.
    pub fn range(&self, path: &Path, node: Node) -> Exact<(Option<Decimal>, Option<Decimal>)> {
        let (lo, hi) = self
            .symbolic
            .solver
            .range(&[&self.symbolic.base, &path.diffs], node)
            .map_err(|_| Fallback)?;
        Ok((lo.map(|w| -w.c), hi.map(|w| w.c)))
    }

    /// A constraint tightened to what whole values allow; `Err` when it mixes
    /// whole values with others, which the check cannot decide exactly.
    pub fn normalize(&self, diff: super::solver::Diff) -> Exact<super::solver::Diff> {
        let diff = self.symbolic.solver.normalize(diff);
        if self.symbolic.solver.mixes(&diff) {
            Err(Fallback)
        } else {
            Ok(diff)
        }
    }

    /// A fresh budget for the next question; what was learnt is kept.
    pub fn renew_budget(&mut self) {
        self.symbolic.renew_budget();
    }

    /// Whether the last fall back since the budget was renewed came from
    /// the budget running out, rather than from the fragment.
    pub fn spent(&self) -> bool {
        self.symbolic.spent
    }

    /// The node of the evaluation date.
    pub fn as_of(&self) -> Node {
        self.symbolic.open.as_ref().map_or(ZERO, |o| o.as_of)
    }

    /// A verdict's value in every case.
    pub fn verdict(&mut self, id: VerdictId) -> Exact<Cases> {
        self.symbolic.verdict(id)
    }

    /// Whether a verdict applies, in every case.
    pub fn in_force(&mut self, id: VerdictId) -> Exact<Cases> {
        self.symbolic.in_force(id)
    }

    /// An expression's value in every case within `path`.
    pub fn expr(&mut self, expr: &'m Expr, path: &Path) -> Exact<Cases> {
        self.symbolic.expr(expr, path)
    }

    /// The value of `value` overridden by `exceptions` (as a rule's value
    /// is by its exceptions) in every case within `path`.
    pub fn layered(
        &mut self,
        exceptions: &'m [crate::model::ExceptionId],
        value: &'m Expr,
        path: &Path,
    ) -> Exact<Cases> {
        self.symbolic.layer(exceptions, value, path)
    }

    /// `a op b` in a case: the cases where it holds and where it does not.
    pub fn compare(&mut self, path: &Path, op: BinaryOp, a: &Leaf, b: &Leaf) -> Exact<Cases> {
        self.symbolic.compare(path, op, a, b)
    }

    /// Two cases together, if they can happen together.
    pub fn join(&mut self, a: &Path, b: &Path) -> Exact<Option<Path>> {
        let mut joined = a.clone();
        for (choice, option) in &b.choices {
            match joined.choose(*choice, *option) {
                Some(p) => joined = p,
                None => return Ok(None),
            }
        }
        for diff in &b.diffs {
            if !joined.diffs.contains(diff) {
                joined.diffs.push(*diff);
            }
        }
        Ok(if self.symbolic.feasible(&joined)? {
            Some(joined)
        } else {
            None
        })
    }

    /// The same case without the constraints the others (and what is known
    /// of every case) imply: `d <= 30 March` makes `d <= 31 March` idle.
    pub fn without_implied(&mut self, path: &Path) -> Exact<Path> {
        let mut kept = path.clone();
        let mut index = 0;
        while index < kept.diffs.len() {
            let mut rest = kept.clone();
            let diff = rest.diffs.remove(index);
            let mut opposite = rest.clone();
            opposite
                .diffs
                .push(self.symbolic.solver.normalize(diff.negated()));
            if self.symbolic.feasible(&opposite)? {
                index += 1;
            } else {
                kept = rest;
            }
        }
        Ok(kept)
    }

    /// The unknown dates, numbers and amounts, each with its node.
    pub fn scalars(&self) -> &[(FactId, Box<[u32]>, Node)] {
        self.symbolic.scalars()
    }

    /// What the discrete unknown `index` of a case stands for.
    pub fn choice(&self, index: u32) -> Option<Choice> {
        self.symbolic.choice_meaning(index)
    }

    /// Values for every node in a case, each as near its preferred value
    /// as the case allows.
    pub fn solve(&self, path: &Path, preferred: impl Fn(Node) -> Decimal) -> Exact<Vec<Decimal>> {
        self.symbolic
            .solver
            .solution(&[&self.symbolic.base, &path.diffs], preferred)
            .ok_or(Fallback)
    }
}

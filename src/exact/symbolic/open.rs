//! Open cases: the evaluation date and the readings unknown too.
//!
//! For the analysis of a policy over every case ([`crate::analysis`]), the
//! evaluation date is one more unknown date (a node of the constraint
//! graph, made before any other) and each reading one more discrete unknown,
//! split on like an enumeration. Parts the symbolic evaluation does not
//! follow are answered by the fast evaluation only when they depend on
//! neither (see [`Symbolic::depends_on_context`]): it knows a single date
//! and a single choice of readings.

use super::{Purpose, Symbolic};
use crate::exact::solver::Node;
use crate::exact::term::{Cases, Exact, Fallback, Leaf, Path, Unit};
use crate::model::{Expr, ExprKind, Model, ReadingId};
use crate::value::Value;

/// What open cases add to a symbolic evaluation.
#[derive(Debug, Clone)]
pub(crate) struct Open {
    /// The node of the evaluation date.
    pub as_of: Node,
    /// For each definition, then each deontic rule, whether its value
    /// depends on the date or the readings, once worked out.
    depends: Vec<Option<bool>>,
}

impl Open {
    /// Open cases over `model`, the evaluation date at node `as_of`.
    pub fn new(model: &Model, as_of: Node) -> Open {
        Open {
            as_of,
            depends: vec![None; model.definitions.len() + model.deontics.len()],
        }
    }
}

impl Symbolic<'_, '_> {
    /// The evaluation date: the input's, or the open date's node.
    pub(super) fn as_of(&self) -> Leaf {
        match &self.open {
            Some(open) => Leaf::Lin {
                node: open.as_of,
                offset: rust_decimal::Decimal::ZERO,
                unit: Unit::Date,
            },
            None => Leaf::Val(Value::Date(self.input.as_of)),
        }
    }

    /// `reading is ALTERNATIVE` with the reading unknown: one case per
    /// alternative.
    pub(super) fn reading_is(
        &mut self,
        reading: ReadingId,
        alternative: u32,
        negated: bool,
        path: &Path,
    ) -> Exact<Cases> {
        let count = self
            .model
            .readings
            .get(reading as usize)
            .ok_or(Fallback)?
            .alternatives
            .len() as u32;
        let choice = self.choice(reading, &[], Purpose::Reading);
        Ok((0..count)
            .filter_map(|option| {
                let p = path.choose(choice, option)?;
                Some((
                    p,
                    Leaf::Val(Value::Bool((option == alternative) != negated)),
                ))
            })
            .collect())
    }

    /// Whether an expression's value may depend on the evaluation date or
    /// the readings, through the rules it uses: always false unless open.
    pub(super) fn depends_on_context(&mut self, expr: &Expr) -> bool {
        if self.open.is_none() {
            return false;
        }
        let model = self.model;
        let mut depends = match self.open.take() {
            Some(open) => open,
            None => return false,
        };
        let found = depends_within(model, expr, &mut depends.depends);
        self.open = Some(depends);
        found
    }
}

fn depends_within(model: &Model, expr: &Expr, memo: &mut Vec<Option<bool>>) -> bool {
    let found = match &expr.kind {
        ExprKind::AsOf | ExprKind::ReadingIs { .. } => true,
        ExprKind::Parameter { date: None, .. } => true,
        ExprKind::Definition(id) | ExprKind::Call { definition: id, .. } => {
            rule_depends(model, *id as usize, memo)
        }
        ExprKind::Deontic(id) => rule_depends(model, model.definitions.len() + *id as usize, memo),
        _ => false,
    };
    if found {
        return true;
    }
    let mut any = false;
    crate::model::expr::for_each_child(expr, |child| {
        any = any || depends_within(model, child, memo);
    });
    any
}

/// Whether rule `index` (a definition, or a deontic rule after them all)
/// depends on the date or the readings. The checker refuses cycles; a rule
/// met again while worked out counts as depending, to stay on the safe side.
fn rule_depends(model: &Model, index: usize, memo: &mut Vec<Option<bool>>) -> bool {
    match memo.get(index) {
        Some(Some(known)) => return *known,
        Some(None) => {}
        None => return true,
    }
    if let Some(slot) = memo.get_mut(index) {
        *slot = Some(true);
    }
    let mut exprs: Vec<&Expr> = Vec::new();
    if let Some(definition) = model.definitions.get(index) {
        exprs.push(&definition.body);
        let mut pending: Vec<u32> = definition.exceptions.clone();
        while let Some(id) = pending.pop() {
            if let Some(exception) = model.exceptions.get(id as usize) {
                exprs.push(&exception.condition);
                exprs.push(&exception.value);
                pending.extend(exception.exceptions.iter().copied());
            }
        }
    } else if let Some(rule) = index
        .checked_sub(model.definitions.len())
        .and_then(|i| model.deontics.get(i))
    {
        exprs.extend(rule.when.iter());
        exprs.extend(rule.while_.iter());
    }
    let found = exprs.into_iter().any(|e| depends_within(model, e, memo));
    if let Some(slot) = memo.get_mut(index) {
        *slot = Some(found);
    }
    found
}

impl Symbolic<'_, '_> {
    /// A fresh budget of checks and steps for the next question.
    pub(crate) fn renew_budget(&mut self) {
        self.checks = 0;
        self.steps = 0;
        self.spent = false;
    }

    /// The unknown ordered values, each with its node.
    pub(crate) fn scalars(&self) -> &[(crate::model::FactId, Box<[u32]>, Node)] {
        &self.scalars
    }

    /// What a discrete unknown stands for.
    pub(crate) fn choice_meaning(&self, index: u32) -> Option<crate::exact::cases::Choice> {
        use crate::exact::cases::Choice;
        let (id, fields, purpose) = self.choices.get(index as usize)?;
        if *id == FOREIGN {
            return None;
        }
        Some(match purpose {
            Purpose::None => Choice::IsNone(*id, fields.clone()),
            Purpose::Value => Choice::Value(*id, fields.clone()),
            Purpose::Reading => Choice::Reading(*id),
        })
    }
}

/// A fact (or reading) of the other policy that this one does not share: an
/// index no fact or reading of this model has, so that it is never looked up
/// (see [`Symbolic::continue_from`]).
pub(crate) const FOREIGN: u32 = u32::MAX;

impl Symbolic<'_, '_> {
    /// Continues the unknowns of `other`, a symbolic evaluation of another
    /// policy, so that the two share their unknowns: the same nodes (the
    /// evaluation date among them), the same discrete unknowns and what is
    /// known of them. A fact or reading of `other` is this policy's fact
    /// or reading `map_fact` or `map_reading` gives; one it does not share
    /// is kept under [`FOREIGN`], so that its index stays taken.
    pub(crate) fn continue_from(
        &mut self,
        other: &Symbolic<'_, '_>,
        map_fact: &dyn Fn(crate::model::FactId) -> Option<crate::model::FactId>,
        map_reading: &dyn Fn(ReadingId) -> Option<ReadingId>,
    ) {
        self.solver = other.solver.clone();
        self.base = other.base.clone();
        self.scalars = other
            .scalars
            .iter()
            .map(|(fact, fields, node)| (map_fact(*fact).unwrap_or(FOREIGN), fields.clone(), *node))
            .collect();
        self.choices = other
            .choices
            .iter()
            .map(|(id, fields, purpose)| {
                let mapped = match purpose {
                    Purpose::Reading => map_reading(*id),
                    Purpose::None | Purpose::Value => map_fact(*id),
                };
                (mapped.unwrap_or(FOREIGN), fields.clone(), *purpose)
            })
            .collect();
        let as_of = other
            .open
            .as_ref()
            .map_or(crate::exact::solver::ZERO, |o| o.as_of);
        self.open = Some(Open::new(self.model, as_of));
    }

    /// The discrete unknown of a reading, made on first use.
    pub(crate) fn reading_choice(&mut self, reading: ReadingId) -> u32 {
        self.choice(reading, &[], Purpose::Reading)
    }

    /// How many discrete unknowns it has made.
    pub(crate) fn choice_count(&self) -> usize {
        self.choices.len()
    }
}

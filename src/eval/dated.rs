//! Which rules and verdicts can change with the evaluation date.
//!
//! Facts and readings fixed, a rule's value is a function of the evaluation
//! date alone, and only through three things: `as_of`, a dated value looked
//! up without `as of` (which is looked up on the evaluation date), and the
//! rules it uses that are themselves dated. A rule that reaches none of them
//! has the same value on every day, and a timeline computes it once
//! ([`crate::timeline`]). Periods in force read the date too, but they gate
//! verdicts and never enter a rule's value, so they are asked each day apart.
//!
//! The same holds of an aggregate (`count`, `sum`, `any` ...) inside a rule
//! that reads the date, when the aggregate itself reads no date and uses
//! no element of an aggregate around it: it too is computed once
//! ([`KeptAggregates`]).

use std::collections::{HashMap, HashSet};

use super::{EvalError, Evaluator, Run, Tracer};
use crate::model::expr::Aggregate;
use crate::model::{Expr, ExprKind, Model};
use crate::value::Value;

/// For each definition, deontic rule and verdict of a model, whether its
/// value can change with the evaluation date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateDependence {
    definitions: Vec<bool>,
    deontics: Vec<bool>,
    verdicts: Vec<bool>,
    /// The aggregates of the model that read no date and no element of an
    /// aggregate around them, by address.
    undated_aggregates: HashSet<usize>,
    /// The facts given as histories, sorted: read without `as of`, each is
    /// read on the evaluation date, as `as_of` is.
    dated_facts: Vec<crate::model::FactId>,
}

/// Whether an expression reads the evaluation date itself: `as_of`, a
/// dated value or a fact given as a history read without `as of`.
fn reads_date(expr: &Expr, dated_facts: &[crate::model::FactId]) -> bool {
    match &expr.kind {
        ExprKind::AsOf | ExprKind::Parameter { date: None, .. } => true,
        ExprKind::Fact { fact, .. } => dated_facts.binary_search(fact).is_ok(),
        _ => false,
    }
}

/// An expression's address: the key of an aggregate, stable while the
/// model is borrowed.
fn address(expr: &Expr) -> usize {
    std::ptr::from_ref(expr) as usize
}

/// A rule, as a node of the graph of which rule uses which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Definition(u32),
    Deontic(u32),
}

/// What an expression reads, without entering the rules it uses: whether it
/// reads the date itself, and the rules it uses.
fn reads(expr: &Expr, rules: &mut Vec<Node>, dated_facts: &[crate::model::FactId]) -> bool {
    let mut dated = false;
    let mut pending = vec![expr];
    while let Some(expr) = pending.pop() {
        match &expr.kind {
            _ if reads_date(expr, dated_facts) => dated = true,
            ExprKind::Definition(id) | ExprKind::Call { definition: id, .. } => {
                rules.push(Node::Definition(*id))
            }
            ExprKind::Deontic(id) => rules.push(Node::Deontic(*id)),
            _ => {}
        }
        crate::model::expr::for_each_child(expr, |child| pending.push(child));
    }
    dated
}

impl DateDependence {
    /// Works out, for every rule and verdict of the model, whether it can
    /// change with the date: in time linear in the size of the model, and
    /// without recursion, however long the chains of rules.
    pub fn of(model: &Model) -> DateDependence {
        DateDependence::with_facts(model, &crate::facts::Facts::empty(model))
    }

    /// [`DateDependence::of`], for these facts: a rule that reads a fact
    /// given as a history reads the date too.
    pub fn with_facts(model: &Model, facts: &crate::facts::Facts) -> DateDependence {
        let dated_facts: Vec<crate::model::FactId> =
            facts.histories.iter().map(|h| h.fact).collect();
        let reads = |expr: &Expr, rules: &mut Vec<Node>| reads(expr, rules, &dated_facts);
        let definitions = model.definitions.len();
        let index = |node: Node| match node {
            Node::Definition(id) => id as usize,
            Node::Deontic(id) => definitions + id as usize,
        };
        let count = definitions + model.deontics.len();
        let mut dated = vec![false; count];
        // For each rule, the rules that use it.
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut uses = Vec::new();
        for (id, info) in model.definitions.iter().enumerate() {
            uses.clear();
            let mut own = reads(&info.body, &mut uses);
            // The exceptions, and theirs in turn, decide the definition's value.
            let mut exceptions: Vec<u32> = info.exceptions.clone();
            let mut seen: Vec<u32> = Vec::new();
            while let Some(exception) = exceptions.pop() {
                if seen.contains(&exception) {
                    continue;
                }
                seen.push(exception);
                if let Some(e) = model.exceptions.get(exception as usize) {
                    own |= reads(&e.condition, &mut uses);
                    own |= reads(&e.value, &mut uses);
                    exceptions.extend(e.exceptions.iter().copied());
                }
            }
            let at = index(Node::Definition(id as u32));
            dated[at] = own;
            for used in &uses {
                if let Some(list) = users.get_mut(index(*used)) {
                    list.push(at);
                }
            }
        }
        for (id, info) in model.deontics.iter().enumerate() {
            uses.clear();
            let mut own = false;
            for condition in info.when.iter().chain(info.while_.iter()) {
                own |= reads(condition, &mut uses);
            }
            let at = index(Node::Deontic(id as u32));
            dated[at] = own;
            for used in &uses {
                if let Some(list) = users.get_mut(index(*used)) {
                    list.push(at);
                }
            }
        }
        // A rule that uses a dated rule is dated: spread from those that
        // read the date themselves.
        let mut pending: Vec<usize> = (0..count).filter(|at| dated[*at]).collect();
        while let Some(at) = pending.pop() {
            for user in users.get(at).map(Vec::as_slice).unwrap_or_default() {
                if let Some(flag) = dated.get_mut(*user)
                    && !*flag
                {
                    *flag = true;
                    pending.push(*user);
                }
            }
        }
        let is_dated = |node: Node| dated.get(index(node)).copied().unwrap_or(true);
        let verdicts = model
            .verdicts
            .iter()
            .map(|verdict| {
                let mut used = Vec::new();
                let mut own = reads(&verdict.body, &mut used);
                // A verdict given for each element also reads its list and keys.
                if let Some(for_each) = &verdict.for_each {
                    own |= reads(&for_each.list, &mut used) | reads(&for_each.key, &mut used);
                }
                own || used.into_iter().any(is_dated)
            })
            .collect();
        let mut dependence = DateDependence {
            deontics: dated.split_off(definitions),
            definitions: dated,
            verdicts,
            undated_aggregates: HashSet::new(),
            dated_facts: dated_facts.clone(),
        };
        let mut roots: Vec<&Expr> = Vec::new();
        for info in &model.definitions {
            roots.push(&info.body);
        }
        for info in &model.exceptions {
            roots.push(&info.condition);
            roots.push(&info.value);
        }
        for info in &model.deontics {
            roots.extend(info.when.iter().chain(info.while_.iter()));
        }
        for info in &model.verdicts {
            roots.push(&info.body);
            if let Some(for_each) = &info.for_each {
                roots.push(&for_each.list);
                roots.push(&for_each.key);
            }
        }
        let mut pending = roots;
        while let Some(expr) = pending.pop() {
            if let ExprKind::Aggregate(aggregate) = &expr.kind
                && dependence.aggregate_is_undated(expr, aggregate)
            {
                dependence.undated_aggregates.insert(address(expr));
            }
            crate::model::expr::for_each_child(expr, |child| pending.push(child));
        }
        dependence
    }

    /// Whether an aggregate reads no date, directly or through a dated
    /// rule, and no element of an aggregate around it: its value is then
    /// the same wherever and whenever it is evaluated.
    fn aggregate_is_undated(&self, expr: &Expr, aggregate: &Aggregate) -> bool {
        let mut pending = vec![expr];
        while let Some(inner) = pending.pop() {
            let reads_outside = match &inner.kind {
                _ if reads_date(inner, &self.dated_facts) => true,
                ExprKind::Definition(id) | ExprKind::Call { definition: id, .. } => {
                    self.definition(*id)
                }
                ExprKind::Deontic(id) => self.deontic(*id),
                // A slot below its own is the element of an aggregate around it.
                ExprKind::Bound(slot) => *slot < aggregate.slot,
                _ => false,
            };
            if reads_outside {
                return false;
            }
            crate::model::expr::for_each_child(inner, |child| pending.push(child));
        }
        true
    }

    /// Whether a definition's value can change with the date.
    pub fn definition(&self, id: crate::model::DefinitionId) -> bool {
        self.definitions.get(id as usize).copied().unwrap_or(true)
    }

    /// Whether a deontic rule's status can change with the date.
    pub fn deontic(&self, id: crate::model::DeonticId) -> bool {
        self.deontics.get(id as usize).copied().unwrap_or(true)
    }

    /// Whether a verdict's value, where it applies, can change with the
    /// date. Whether it applies (its periods in force) is another matter.
    pub fn verdict(&self, id: crate::model::VerdictId) -> bool {
        self.verdicts.get(id as usize).copied().unwrap_or(true)
    }
}

/// The values of aggregates that do not change with the date, kept by an
/// evaluator from one day of a timeline to the next.
#[derive(Debug, Clone, Default)]
pub struct KeptAggregates {
    undated: HashSet<usize>,
    values: HashMap<usize, Value>,
}

impl<'m, T: Tracer<'m>> Run<'_, 'm, T> {
    /// An aggregate's value: kept from an earlier day when it cannot change
    /// with the date, and when no tracer needs its steps.
    pub(super) fn aggregate_kept(
        &mut self,
        expr: &'m Expr,
        aggregate: &'m Aggregate,
    ) -> Result<Value, EvalError> {
        let key = address(expr);
        let keep = !T::RECORDS
            && self
                .kept
                .as_ref()
                .is_some_and(|kept| kept.undated.contains(&key));
        if !keep {
            return self.aggregate(aggregate, expr.span);
        }
        if let Some(value) = self.kept.as_ref().and_then(|kept| kept.values.get(&key)) {
            return Ok(value.clone());
        }
        let value = self.aggregate(aggregate, expr.span)?;
        if let Some(kept) = self.kept.as_mut() {
            kept.values.insert(key, value.clone());
        }
        Ok(value)
    }
}

impl Evaluator<'_> {
    /// Keeps, from now on, the values of the aggregates that cannot change
    /// with the date, for the evaluations of a timeline under one set of
    /// facts and readings.
    pub fn keep_undated_aggregates(&mut self, dependence: &DateDependence) {
        self.kept = Some(KeptAggregates {
            undated: dependence.undated_aggregates.clone(),
            values: HashMap::new(),
        });
    }

    /// Forgets what changes with the date: the values of dated rules and
    /// whether the instrument and the provisions are in force. The values
    /// of the other rules stay remembered for another date, under the same
    /// facts and readings.
    pub fn forget_dated(&mut self, dependence: &DateDependence) {
        for (id, slot) in self.definitions.iter_mut().enumerate() {
            if dependence.definition(id as u32) {
                *slot = None;
            }
        }
        for (id, slot) in self.deontics.iter_mut().enumerate() {
            if dependence.deontic(id as u32) {
                *slot = None;
            }
        }
        self.provisions_in_force.iter_mut().for_each(|p| *p = None);
        self.instrument_in_force = None;
        // Failures are rare: forget them all rather than sort out the dated.
        self.failures.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::SourceFile;

    #[test]
    fn a_rule_is_dated_when_it_reads_the_date_or_uses_a_rule_that_does() {
        let source = SourceFile::new(
            "d.policy",
            "fact xs: list of integer\nfact deadline: date\n\
             provision p \"P\"\n  text \"T\"\n\
               parameter rate \"r\"\n    from 2020-01-01: 1\n    from 2024-01-01: 2\n\
               define large = count x in xs where x > 1\n\
               define open = as_of before deadline\n\
               define both = p.large > 1 and p.open\n\
               define rated = p.rate > 1\n\
               define fixed_rate = p.rate as of 2021-01-01 > 1\n\
             verdict large = p.large\nverdict both = p.both\nverdict now = as_of\nverdict rated = p.rated\nverdict fixed = p.fixed_rate",
        );
        let Ok(model) = crate::check::check_source(&source).map(|c| c.model) else {
            panic!("the policy checks");
        };
        let dependence = DateDependence::of(&model);
        let definitions: Vec<bool> = (0..model.definitions.len() as u32)
            .map(|id| dependence.definition(id))
            .collect();
        assert_eq!(definitions, [false, true, true, true, false]);
        let verdicts: Vec<bool> = (0..model.verdicts.len() as u32)
            .map(|id| dependence.verdict(id))
            .collect();
        assert_eq!(verdicts, [false, true, true, true, false]);
    }
}

//! What an evaluation did, step by step, recorded as it happened: the raw
//! material of explanations and of what an undetermined verdict depends on.
//!
//! The steps are kept in one flat list, in the order they finished, so that
//! recording allocates nothing once the list has grown to size: a step's
//! sub-steps are the steps just before it, from its `start` on. A definition
//! used a second time is recorded as a reference to the step that computed it.

use std::collections::HashSet;

use super::Tracer;
use crate::model::{
    DefinitionId, DeonticId, ExceptionId, Expr, ExprKind, FactId, Model, ReadingId,
};
use crate::value::Value;

/// A rule of a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleRef {
    /// A definition.
    Definition(DefinitionId),
    /// A deontic rule.
    Deontic(DeonticId),
    /// An exception.
    Exception(ExceptionId),
}

/// What a step evaluated.
#[derive(Debug, Clone, Copy)]
pub enum StepKind<'m> {
    /// An expression of the policy.
    Expr(&'m Expr),
    /// A rule: its sub-steps are its body (a definition's value, possibly
    /// through its exceptions; a deontic rule's `when` and `while`; an
    /// exception's condition and, when it may apply, its value).
    Rule(RuleRef),
    /// A rule whose value was computed earlier, at the given step.
    Remembered(u32),
}

/// One finished step of an evaluation.
#[derive(Debug, Clone)]
pub struct Step<'m> {
    /// What it evaluated.
    pub kind: StepKind<'m>,
    /// The value it gave. For an exception that does not apply, unknown.
    pub value: Value,
    /// The index of its first sub-step; its sub-steps are `start..` its own index.
    pub start: u32,
}

/// The record of an evaluation.
#[derive(Debug, Clone)]
pub struct Trace<'m> {
    steps: Vec<Step<'m>>,
    /// The calls of definitions with parameters: the step that computed
    /// each, with its arguments, in the order they finished.
    calls: Vec<(u32, DefinitionId, Box<[Value]>)>,
    definitions: Vec<Option<u32>>,
    deontics: Vec<Option<u32>>,
    /// The steps of definitions given a value in place of their rules, in order.
    given: Vec<u32>,
}

impl<'m> Trace<'m> {
    /// An empty trace for a model's rules.
    pub fn new(model: &Model) -> Self {
        Trace {
            // Room for a typical policy's steps, so that recording rarely grows the list.
            steps: Vec::with_capacity(64 + 16 * (model.definitions.len() + model.verdicts.len())),
            calls: Vec::new(),
            definitions: vec![None; model.definitions.len()],
            deontics: vec![None; model.deontics.len()],
            given: Vec::new(),
        }
    }

    /// Forgets every step, keeping the memory for the next evaluation.
    pub fn clear(&mut self) {
        self.steps.clear();
        self.calls.clear();
        self.definitions.iter_mut().for_each(|d| *d = None);
        self.deontics.iter_mut().for_each(|d| *d = None);
        self.given.clear();
    }

    /// Whether a step is a definition given its value in place of its rule
    /// (see [`crate::facts::given`]): it has no sub-steps, and its rule was
    /// not applied.
    pub fn is_given(&self, index: u32) -> bool {
        self.given.binary_search(&index).is_ok()
    }

    /// The steps, in the order they finished.
    pub fn steps(&self) -> &[Step<'m>] {
        &self.steps
    }

    /// The arguments of the call a rule step computed, when it computed a
    /// definition with parameters.
    pub fn call_arguments(&self, index: u32) -> Option<&[Value]> {
        self.calls
            .iter()
            .find(|(step, _, _)| *step == index)
            .map(|(_, _, args)| &**args)
    }

    /// The step at an index.
    pub fn step(&self, index: u32) -> Option<&Step<'m>> {
        self.steps.get(index as usize)
    }

    /// The index of the last step recorded: the root of the evaluation just finished.
    pub fn last(&self) -> Option<u32> {
        self.steps.len().checked_sub(1).map(|i| i as u32)
    }

    /// The direct sub-steps of a step, in the order they were evaluated.
    pub fn children(&self, index: u32) -> Vec<u32> {
        let mut children = Vec::new();
        let Some(step) = self.step(index) else {
            return children;
        };
        let mut at = index;
        while at > step.start {
            let child = at - 1;
            children.push(child);
            at = self.step(child).map_or(step.start, |c| c.start);
        }
        children.reverse();
        children
    }

    /// Follows references to remembered rules to the step that computed them.
    pub fn resolve(&self, index: u32) -> u32 {
        let mut at = index;
        for _ in 0..4 {
            match self.step(at).map(|s| s.kind) {
                Some(StepKind::Remembered(target)) if target < at => at = target,
                _ => break,
            }
        }
        at
    }

    /// Calls `f` on each direct sub-step of a step, last first, without allocating.
    fn each_child(&self, index: u32, mut f: impl FnMut(u32)) {
        let Some(step) = self.step(index) else { return };
        let mut at = index;
        while at > step.start {
            let child = at - 1;
            f(child);
            at = self.step(child).map_or(step.start, |c| c.start.min(child));
        }
    }

    /// The unknown facts an undetermined step depends on: those reached
    /// through sub-steps that are themselves unknown, sorted and without
    /// repeats. A determined step depends on none.
    pub fn unknown_facts(&self, index: u32) -> Vec<(FactId, Box<[u32]>)> {
        let mut found: Vec<(FactId, Box<[u32]>)> = Vec::new();
        if self
            .step(self.resolve(index))
            .is_none_or(|s| s.value.is_known())
        {
            return found;
        }
        let mut pending = vec![index];
        // A set, not a list: a long chain of rules visits many steps.
        let mut seen: HashSet<u32> = HashSet::new();
        while let Some(at) = pending.pop() {
            let at = self.resolve(at);
            let Some(step) = self.step(at) else { continue };
            // An exception's own value may be known while whether it applies
            // is not; its condition tells, so look below it either way.
            let exception = matches!(step.kind, StepKind::Rule(RuleRef::Exception(_)));
            if (step.value.is_known() && !exception) || !seen.insert(at) {
                continue;
            }
            // An aggregate left open by its elements depends on its list,
            // which is known as a list while some element is not.
            let fact = match step.kind {
                StepKind::Expr(expr) => match &expr.kind {
                    ExprKind::Fact { fact, fields } | ExprKind::FactAsOf { fact, fields, .. } => {
                        Some((fact, fields))
                    }
                    ExprKind::Aggregate(aggregate) => match &aggregate.list.kind {
                        ExprKind::Fact { fact, fields } => Some((fact, fields)),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            };
            if let Some((fact, fields)) = fact
                && !found.iter().any(|(f, p)| f == fact && p == fields)
            {
                found.push((*fact, fields.clone()));
            }
            self.each_child(at, |child| pending.push(child));
        }
        found.sort();
        found
    }

    /// The value a fact, or a field inside it, was read as, if any step
    /// read it: what an unknown fact is known to be (a range, or one of
    /// several values) is told beside it.
    pub fn fact_value(&self, fact: FactId, fields: &[u32]) -> Option<&Value> {
        self.steps.iter().find_map(|step| match step.kind {
            StepKind::Expr(expr) => match &expr.kind {
                ExprKind::Fact { fact: f, fields: p } if *f == fact && **p == *fields => {
                    Some(&step.value)
                }
                _ => None,
            },
            _ => None,
        })
    }

    /// The readings consulted anywhere below a step, sorted, without repeats.
    /// A step's sub-steps are the contiguous range before it, so this scans
    /// ranges, following references to rules computed elsewhere.
    pub fn readings(&self, index: u32) -> Vec<ReadingId> {
        let mut found = Vec::new();
        let mut ranges = vec![index];
        let mut followed = 0usize;
        while let Some(root) = ranges.pop() {
            let Some(step) = self.step(root) else {
                continue;
            };
            for at in step.start..=root {
                match self.step(at).map(|s| s.kind) {
                    Some(StepKind::Expr(expr)) => {
                        if let ExprKind::ReadingIs { reading, .. } = expr.kind
                            && !found.contains(&reading)
                        {
                            found.push(reading);
                        }
                    }
                    Some(StepKind::Remembered(target)) if followed < self.steps.len() => {
                        followed += 1;
                        ranges.push(target);
                    }
                    _ => {}
                }
            }
        }
        found.sort_unstable();
        found
    }

    /// The readings consulted by any step recorded, sorted, without
    /// repeats: for an evaluation that failed part-way, whose last step is
    /// not the root of the others, what [`Trace::readings`] of the root
    /// would have given.
    pub fn readings_recorded(&self) -> Vec<ReadingId> {
        let mut found: Vec<ReadingId> = self
            .steps
            .iter()
            .filter_map(|step| match step.kind {
                StepKind::Expr(expr) => match expr.kind {
                    ExprKind::ReadingIs { reading, .. } => Some(reading),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    fn push(&mut self, start: u32, kind: StepKind<'m>, value: &Value) {
        self.steps.push(Step {
            kind,
            value: value.clone(),
            start,
        });
    }
}

impl<'m> Tracer<'m> for Trace<'m> {
    const RECORDS: bool = true;

    fn enter(&mut self) -> u32 {
        self.steps.len() as u32
    }

    fn expr(&mut self, mark: u32, expr: &'m Expr, value: &Value) {
        self.push(mark, StepKind::Expr(expr), value);
    }

    fn rule(&mut self, mark: u32, rule: RuleRef, value: &Value) {
        let index = self.steps.len() as u32;
        self.push(mark, StepKind::Rule(rule), value);
        let slot = match rule {
            RuleRef::Definition(id) => self.definitions.get_mut(id as usize),
            RuleRef::Deontic(id) => self.deontics.get_mut(id as usize),
            RuleRef::Exception(_) => None,
        };
        if let Some(slot) = slot {
            *slot = Some(index);
        }
    }

    fn given(&mut self, mark: u32, definition: DefinitionId, value: &Value) {
        let index = self.steps.len() as u32;
        self.rule(mark, RuleRef::Definition(definition), value);
        self.given.push(index);
    }

    fn call(&mut self, mark: u32, definition: DefinitionId, args: &[Value], value: &Value) {
        let index = self.steps.len() as u32;
        self.push(mark, StepKind::Rule(RuleRef::Definition(definition)), value);
        self.calls.push((index, definition, args.into()));
    }

    fn recall(&mut self, definition: DefinitionId, args: &[Value]) -> Option<Value> {
        let (index, _, _) = self
            .calls
            .iter()
            .find(|(_, d, a)| *d == definition && **a == *args)?;
        let index = *index;
        let value = self.steps.get(index as usize)?.value.clone();
        let start = self.steps.len() as u32;
        self.push(start, StepKind::Remembered(index), &value);
        Some(value)
    }

    fn remembered(&mut self, rule: RuleRef, value: &Value) {
        let computed = match rule {
            RuleRef::Definition(id) => self.definitions.get(id as usize).copied().flatten(),
            RuleRef::Deontic(id) => self.deontics.get(id as usize).copied().flatten(),
            RuleRef::Exception(_) => None,
        };
        let start = self.steps.len() as u32;
        match computed {
            Some(index) => self.push(start, StepKind::Remembered(index), value),
            None => self.push(start, StepKind::Rule(rule), value),
        }
    }
}

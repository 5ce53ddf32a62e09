//! Coverage per provision: which rules and exceptions the scenarios
//! exercised, and which conditions they saw both true and false.

use std::collections::HashMap;

use crate::eval::trace::{RuleRef, StepKind, Trace};
use crate::model::{Expr, Model, ProvisionId};
use crate::value::Value;

/// How often a condition was seen with each value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConditionCount {
    /// The condition as the policy writes it.
    pub condition: String,
    /// Scenarios in which it was true.
    pub seen_true: usize,
    /// Scenarios in which it was false.
    pub seen_false: usize,
    /// Scenarios in which it was undetermined.
    pub seen_unknown: usize,
}

/// How often a rule was exercised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCount {
    /// The rule.
    pub rule: RuleRef,
    /// Its provision.
    pub provision: ProvisionId,
    /// Scenarios that computed it.
    pub exercised: usize,
    /// For an exception: scenarios in which it applied.
    pub applied: usize,
    /// Its conditions: a true-or-false definition's value, a deontic rule's
    /// `when` and `while`, an exception's condition.
    pub conditions: Vec<ConditionCount>,
}

/// Coverage of one policy by its scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Scenarios counted.
    pub scenarios: usize,
    /// Every rule of the policy, in provision order.
    pub rules: Vec<RuleCount>,
}

/// Where each counted condition is, by the address of its expression.
pub(super) struct Tally<'m> {
    coverage: Coverage,
    conditions: HashMap<usize, (usize, usize)>,
    /// Where each rule is in `coverage.rules`: a policy may have many.
    rule_index: HashMap<RuleRef, usize>,
    model: &'m Model,
}

fn address(expr: &Expr) -> usize {
    std::ptr::from_ref(expr) as usize
}

impl<'m> Tally<'m> {
    pub(super) fn new(model: &'m Model) -> Self {
        let mut rules = Vec::new();
        let mut conditions = HashMap::new();
        let written = |e: &Expr| model.source.written(e.span);
        let mut add = |rule: RuleRef, provision: ProvisionId, exprs: Vec<&Expr>| {
            let index = rules.len();
            let mut counts = Vec::new();
            for expr in exprs {
                conditions.insert(address(expr), (index, counts.len()));
                counts.push(ConditionCount {
                    condition: written(expr),
                    ..ConditionCount::default()
                });
            }
            rules.push(RuleCount {
                rule,
                provision,
                exercised: 0,
                applied: 0,
                conditions: counts,
            });
        };
        // Each provision's rules, grouped in one pass over each kind of rule.
        let mut by_provision: Vec<[Vec<u32>; 3]> = vec![Default::default(); model.provisions.len()];
        let kinds = [
            model
                .definitions
                .iter()
                .map(|d| d.provision)
                .collect::<Vec<_>>(),
            model.exceptions.iter().map(|e| e.provision).collect(),
            model.deontics.iter().map(|d| d.provision).collect(),
        ];
        for (kind, provisions) in kinds.iter().enumerate() {
            for (id, provision) in provisions.iter().enumerate() {
                if let Some(group) = by_provision
                    .get_mut(*provision as usize)
                    .and_then(|groups| groups.get_mut(kind))
                {
                    group.push(id as u32);
                }
            }
        }
        for (provision, [definitions, exceptions, deontics]) in by_provision.iter().enumerate() {
            let provision = provision as ProvisionId;
            for id in definitions {
                if let Some(d) = model.definitions.get(*id as usize) {
                    let body = (d.ty == crate::model::Type::Bool).then_some(&d.body);
                    add(
                        RuleRef::Definition(*id),
                        provision,
                        body.into_iter().collect(),
                    );
                }
            }
            for id in exceptions {
                if let Some(e) = model.exceptions.get(*id as usize) {
                    add(RuleRef::Exception(*id), provision, vec![&e.condition]);
                }
            }
            for id in deontics {
                if let Some(d) = model.deontics.get(*id as usize) {
                    let exprs = d.when.iter().chain(d.while_.iter()).collect();
                    add(RuleRef::Deontic(*id), provision, exprs);
                }
            }
        }
        let rule_index = rules
            .iter()
            .enumerate()
            .map(|(at, count)| (count.rule, at))
            .collect();
        Tally {
            coverage: Coverage {
                scenarios: 0,
                rules,
            },
            conditions,
            rule_index,
            model,
        }
    }

    /// Counts what one scenario's trace exercised, each rule and condition once.
    pub(super) fn count(&mut self, trace: &Trace<'_>) {
        self.coverage.scenarios += 1;
        let mut exercised = vec![false; self.coverage.rules.len()];
        let mut applied = vec![false; self.coverage.rules.len()];
        let mut seen: HashMap<(usize, usize), [bool; 3]> = HashMap::new();
        for (index, step) in trace.steps().iter().enumerate() {
            match step.kind {
                // A definition given its value was not exercised: its rule was not applied.
                StepKind::Rule(_) if trace.is_given(index as u32) => {}
                StepKind::Rule(rule) => {
                    if let Some(&at) = self.rule_index.get(&rule) {
                        if let Some(flag) = exercised.get_mut(at) {
                            *flag = true;
                        }
                        if let RuleRef::Exception(_) = rule {
                            let condition = trace
                                .children(index as u32)
                                .first()
                                .and_then(|c| trace.step(*c));
                            if condition.is_some_and(|c| c.value == Value::Bool(true))
                                && let Some(flag) = applied.get_mut(at)
                            {
                                *flag = true;
                            }
                        }
                    }
                }
                StepKind::Expr(expr) => {
                    if let Some(&key) = self.conditions.get(&address(expr)) {
                        let slot = seen.entry(key).or_insert([false; 3]);
                        match step.value {
                            Value::Bool(true) => slot[0] = true,
                            Value::Bool(false) => slot[1] = true,
                            _ => slot[2] = true,
                        }
                    }
                }
                StepKind::Remembered(_) => {}
            }
        }
        for (at, rule) in self.coverage.rules.iter_mut().enumerate() {
            rule.exercised += usize::from(exercised.get(at).copied().unwrap_or(false));
            rule.applied += usize::from(applied.get(at).copied().unwrap_or(false));
        }
        for ((rule, condition), [t, f, u]) in seen {
            if let Some(count) = self
                .coverage
                .rules
                .get_mut(rule)
                .and_then(|r| r.conditions.get_mut(condition))
            {
                count.seen_true += usize::from(t);
                count.seen_false += usize::from(f);
                count.seen_unknown += usize::from(u);
            }
        }
    }

    pub(super) fn finish(self) -> Coverage {
        let _ = self.model;
        self.coverage
    }
}

impl Coverage {
    /// Whether a provision was reached: a scenario exercised a rule of it.
    pub fn reached(&self, provision: ProvisionId) -> bool {
        self.rules
            .iter()
            .any(|r| r.provision == provision && r.exercised > 0)
    }

    /// Whether every provision with rules was reached.
    pub fn complete(&self, model: &Model) -> bool {
        (0..model.provisions.len() as u32)
            .filter(|p| self.rules.iter().any(|r| r.provision == *p))
            .all(|p| self.reached(p))
    }
}

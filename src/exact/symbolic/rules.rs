//! Rules symbolically: definitions with their exceptions, deontic rules,
//! and aggregates over known lists, each rule's cases computed once and
//! shared (see [`super::Memo`]).

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Memoized, Symbolic};
use crate::ast::BinaryOp;
use crate::exact::term::{Cases, Exact, Fallback, Leaf, Path};
use crate::model::{DefinitionId, DeonticId, ExceptionId, Expr};
use crate::value::Value;

impl<'m> Symbolic<'_, 'm> {
    pub(super) fn definition(&mut self, id: DefinitionId, path: &Path) -> Exact<Cases> {
        // A given value stands for the definition: its body is never read.
        if let Some(value) = self.input.facts.given.value(id) {
            return Ok(vec![(path.clone(), Leaf::Val(value.clone()))]);
        }
        let cases = match self.definitions.get(id as usize).cloned().flatten() {
            Some(cases) => cases,
            None => {
                let model = self.model;
                let info = model.definitions.get(id as usize).ok_or(Fallback)?;
                // A rule sees none of the elements of the aggregates around it.
                let bound = std::mem::take(&mut self.bound);
                let read = std::mem::take(&mut self.read);
                let computed = if info.exceptions.is_empty() {
                    self.expr(&info.body, &Path::default())
                } else {
                    self.layer(&info.exceptions, &info.body, &Path::default())
                };
                self.bound = bound;
                let cases = Arc::new(Memoized {
                    cases: computed?,
                    read: std::mem::replace(&mut self.read, read),
                });
                if let Some(slot) = self.definitions.get_mut(id as usize) {
                    *slot = Some(cases.clone());
                }
                cases
            }
        };
        self.within(&cases, path)
    }

    /// A rule's cases, computed on their own, intersected with `path`.
    fn within(&mut self, memoized: &Memoized, path: &Path) -> Exact<Cases> {
        for fact in &memoized.read {
            if !self.read.contains(fact) {
                self.read.push(fact.clone());
            }
        }
        let mut out = Vec::new();
        for (case, leaf) in memoized.cases.iter() {
            let mut joined = Some(path.clone());
            for (choice, option) in &case.choices {
                joined = joined.and_then(|p| p.choose(*choice, *option));
            }
            let Some(mut joined) = joined else { continue };
            // Choices never conflict with constraints, and a case was
            // feasible on its own: only new constraints beside old ones
            // need a check.
            let before = if path.diffs.is_empty() {
                usize::MAX
            } else {
                joined.diffs.len()
            };
            for diff in &case.diffs {
                if !joined.diffs.contains(diff) {
                    joined.diffs.push(*diff);
                }
            }
            if before == usize::MAX || joined.diffs.len() == before || self.feasible(&joined)? {
                out.push((joined, leaf.clone()));
            }
        }
        self.limit(out.len())?;
        Ok(out)
    }

    /// The value of a rule overridden by exceptions: the value of the one
    /// that applies, else `body`; two that apply and disagree are an error.
    pub(crate) fn layer(
        &mut self,
        exceptions: &'m [ExceptionId],
        body: &'m Expr,
        path: &Path,
    ) -> Exact<Cases> {
        let model = self.model;
        let mut states: Vec<(Path, Option<Leaf>)> = vec![(path.clone(), None)];
        for id in exceptions {
            let exception = model.exceptions.get(*id as usize).ok_or(Fallback)?;
            let mut next = Vec::new();
            for (p, applied) in states {
                if applied == Some(Leaf::Error) {
                    next.push((p, applied));
                    continue;
                }
                for (q, condition) in self.expr(&exception.condition, &p)? {
                    match condition {
                        Leaf::Val(Value::Bool(false)) => next.push((q, applied.clone())),
                        Leaf::Val(Value::Bool(true)) => {
                            let values = if exception.exceptions.is_empty() {
                                self.expr(&exception.value, &q)?
                            } else {
                                // Exceptions chain as deep as a policy makes them.
                                stacker::maybe_grow(
                                    crate::STACK_RED_ZONE,
                                    crate::STACK_SEGMENT,
                                    || self.layer(&exception.exceptions, &exception.value, &q),
                                )?
                            };
                            for (r, value) in values {
                                match &applied {
                                    None => next.push((r, Some(value))),
                                    Some(first) => {
                                        for (s, same) in
                                            self.compare(&r, BinaryOp::Equal, first, &value)?
                                        {
                                            let leaf = match same {
                                                Leaf::Val(Value::Bool(true)) => first.clone(),
                                                _ => Leaf::Error,
                                            };
                                            next.push((s, Some(leaf)));
                                        }
                                    }
                                }
                            }
                        }
                        Leaf::Error => next.push((q, Some(Leaf::Error))),
                        _ => return Err(Fallback),
                    }
                }
            }
            self.limit(next.len())?;
            states = next;
        }
        let mut out = Vec::new();
        for (p, applied) in states {
            match applied {
                Some(value) => out.push((p, value)),
                None => out.extend(self.expr(body, &p)?),
            }
        }
        Ok(out)
    }

    pub(super) fn deontic(&mut self, id: DeonticId, path: &Path) -> Exact<Cases> {
        let cases = match self.deontics.get(id as usize).cloned().flatten() {
            Some(cases) => cases,
            None => {
                let model = self.model;
                let rule = model.deontics.get(id as usize).ok_or(Fallback)?;
                let status = |index: u32| Leaf::Val(Value::Enum(rule.status, index));
                let bound = std::mem::take(&mut self.bound);
                let read = std::mem::take(&mut self.read);
                let mut computed = Vec::new();
                let covered = match &rule.when {
                    Some(when) => self.expr(when, &Path::default()),
                    None => Ok(vec![(Path::default(), Leaf::Val(Value::Bool(true)))]),
                };
                let result = (|| {
                    for (p, covered) in covered? {
                        match covered {
                            Leaf::Val(Value::Bool(false)) => computed.push((p, status(2))),
                            Leaf::Val(Value::Bool(true)) => {
                                let holds = match &rule.while_ {
                                    Some(condition) => self.expr(condition, &p)?,
                                    None => vec![(p, Leaf::Val(Value::Bool(true)))],
                                };
                                for (q, holds) in holds {
                                    computed.push((
                                        q,
                                        match holds {
                                            Leaf::Val(Value::Bool(true)) => status(0),
                                            Leaf::Val(Value::Bool(false)) => status(1),
                                            Leaf::Error => Leaf::Error,
                                            _ => return Err(Fallback),
                                        },
                                    ));
                                }
                            }
                            Leaf::Error => computed.push((p, Leaf::Error)),
                            _ => return Err(Fallback),
                        }
                    }
                    Ok(())
                })();
                self.bound = bound;
                let rule_read = std::mem::replace(&mut self.read, read);
                result?;
                let cases = Arc::new(Memoized {
                    cases: computed,
                    read: rule_read,
                });
                if let Some(slot) = self.deontics.get_mut(id as usize) {
                    *slot = Some(cases.clone());
                }
                cases
            }
        };
        self.within(&cases, path)
    }

    /// A call of a definition with parameters: its body in each case of
    /// its arguments, which take the first slots as they do in evaluation.
    pub(super) fn call(
        &mut self,
        id: DefinitionId,
        args: &'m [crate::model::Expr],
        path: &Path,
    ) -> Exact<Cases> {
        let model = self.model;
        let info = model.definitions.get(id as usize).ok_or(Fallback)?;
        let mut combinations: Vec<(Path, Vec<Leaf>)> = vec![(path.clone(), Vec::new())];
        for arg in args {
            let mut next = Vec::new();
            for (p, leaves) in combinations {
                for (q, leaf) in self.expr(arg, &p)? {
                    let mut with = leaves.clone();
                    with.push(leaf);
                    next.push((q, with));
                }
            }
            self.limit(next.len())?;
            combinations = next;
        }
        let mut out = Vec::new();
        for (p, leaves) in combinations {
            // The body sees its arguments, and none of the caller's elements.
            let outer = std::mem::replace(&mut self.bound, leaves);
            let cases = if info.exceptions.is_empty() {
                self.expr(&info.body, &p)
            } else {
                self.layer(&info.exceptions, &info.body, &p)
            };
            self.bound = outer;
            out.extend(cases?);
            self.limit(out.len())?;
        }
        Ok(out)
    }

    /// An aggregate over a known list whose elements are known, the body
    /// or filter depending on unknown facts: `any`, `every` and `count`.
    pub(super) fn aggregate(
        &mut self,
        aggregate: &'m crate::model::expr::Aggregate,
        path: &Path,
    ) -> Exact<Cases> {
        use crate::ast::AggregateKind as K;
        // Only these kinds over one binder are followed case by case; the
        // rest (several binders, sums, picks) are left to the fallback.
        if !matches!(aggregate.kind, K::Count | K::Any | K::Every) || !aggregate.more.is_empty() {
            return Err(Fallback);
        }
        let mut lists = self.expr(&aggregate.list, path)?;
        let (path, list) = match (lists.pop(), lists.is_empty()) {
            (Some((p, Leaf::Val(Value::List(items)))), true) => (p, items),
            _ => return Err(Fallback),
        };
        if list.iter().any(|item| !item.is_known()) || aggregate.slot as usize != self.bound.len() {
            return Err(Fallback);
        }
        // Each case with the count so far (or whether `any`/`every` is decided).
        let mut states: Vec<(Path, i64, Option<bool>)> = vec![(path, 0, None)];
        for item in list.iter() {
            self.bound.push(Leaf::Val(item.clone()));
            let step = self.aggregate_step(aggregate, states);
            self.bound.pop();
            states = step?;
        }
        Ok(states
            .into_iter()
            .map(|(p, count, decided)| {
                let leaf = match (aggregate.kind, decided) {
                    (K::Count, _) => Leaf::Val(Value::Number(Decimal::from(count))),
                    (K::Any, decided) => Leaf::Val(Value::Bool(decided.unwrap_or(false))),
                    (_, decided) => Leaf::Val(Value::Bool(decided.unwrap_or(true))),
                };
                (p, leaf)
            })
            .collect())
    }

    fn aggregate_step(
        &mut self,
        aggregate: &'m crate::model::expr::Aggregate,
        states: Vec<(Path, i64, Option<bool>)>,
    ) -> Exact<Vec<(Path, i64, Option<bool>)>> {
        use crate::ast::AggregateKind as K;
        let mut next = Vec::new();
        for (p, count, decided) in states {
            if decided.is_some() {
                next.push((p, count, decided));
                continue;
            }
            let filtered = match &aggregate.filter {
                Some(filter) => self.expr(filter, &p)?,
                None => vec![(p, Leaf::Val(Value::Bool(true)))],
            };
            for (q, keep) in filtered {
                match keep {
                    Leaf::Val(Value::Bool(false)) => next.push((q, count, None)),
                    Leaf::Val(Value::Bool(true)) => match aggregate.kind {
                        K::Count => next.push((q, count + 1, None)),
                        K::Any | K::Every => {
                            let body = aggregate.body.as_ref().ok_or(Fallback)?;
                            let decisive = aggregate.kind == K::Any;
                            for (r, holds) in self.expr(body, &q)? {
                                match holds {
                                    Leaf::Val(Value::Bool(b)) if b == decisive => {
                                        next.push((r, count, Some(decisive)))
                                    }
                                    Leaf::Val(Value::Bool(_)) => next.push((r, count, None)),
                                    _ => return Err(Fallback),
                                }
                            }
                        }
                        _ => return Err(Fallback),
                    },
                    _ => return Err(Fallback),
                }
            }
        }
        self.limit(next.len())?;
        Ok(next)
    }
}

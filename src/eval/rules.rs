//! Definitions with their exceptions, and deontic rules.
//!
//! A definition's exceptions override its value when their condition holds,
//! and an exception's own exceptions override it in turn: the most specific
//! rule that applies wins. Two exceptions of the same rule that both apply
//! and give different values are a conflict, never a silent pick. With
//! unknown facts, an exception that may or may not apply leaves the value
//! unknown unless every possible outcome agrees.

use super::failures::{Failed, remember_failure, remembered_failure};
use super::trace::RuleRef;
use super::{EvalError, Run, Tracer, logic};
use crate::model::{DefinitionId, DeonticId, ExceptionId, Expr, ExprKind};
use crate::value::Value;

/// How many nested calls may run between two checks of the stack's room.
const CALLS_BETWEEN_STACK_CHECKS: u32 = 8;

impl<'m, T: Tracer<'m>> Run<'_, 'm, T> {
    pub(super) fn definition(&mut self, id: DefinitionId) -> Result<Value, EvalError> {
        if let Some(Some(value)) = self.definitions.get(id as usize) {
            if T::RECORDS {
                self.tracer.remembered(RuleRef::Definition(id), value);
            }
            return Ok(value.clone());
        }
        if let Some(value) = self.input.facts.given.value(id) {
            return Ok(self.given(id, value.clone()));
        }
        if let Some(error) = remembered_failure(self.failures, Failed::Definition(id)) {
            return Err(error);
        }
        // A definition may use another, and so on down a chain as long as
        // the policy makes it: grow the stack rather than overflow it.
        stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
            self.compute_definition(id)
        })
    }

    /// A definition given a value in place of its rule: neither its body
    /// nor its exceptions are evaluated, and the tracer is told so.
    #[cold]
    fn given(&mut self, id: DefinitionId, value: Value) -> Value {
        if T::RECORDS {
            let mark = self.tracer.enter();
            self.tracer.given(mark, id, &value);
        }
        if let Some(slot) = self.definitions.get_mut(id as usize) {
            *slot = Some(value.clone());
        }
        value
    }

    /// A call of a definition with parameters: its arguments computed where
    /// the call stands, then its body in a frame of its own whose first
    /// slots are the arguments. A call is computed anew each time, so a
    /// failure is not remembered against the definition: other arguments
    /// may not fail.
    pub(super) fn call(&mut self, id: DefinitionId, args: &'m [Expr]) -> Result<Value, EvalError> {
        let start = self.arguments.len();
        for arg in args {
            match self.expr(arg) {
                Ok(value) => self.arguments.push(value),
                Err(error) => {
                    self.arguments.truncate(start);
                    return Err(error);
                }
            }
        }
        if T::RECORDS
            && let Some(value) = self
                .tracer
                .recall(id, self.arguments.get(start..).unwrap_or(&[]))
        {
            self.arguments.truncate(start);
            return Ok(value);
        }
        let top = self.bound.len();
        self.bound.extend(self.arguments.drain(start..));
        self.enter_call(id, args.len(), top)
    }

    /// A call of a definition with one parameter, the most common: its
    /// argument goes straight into the new frame, an element or a
    /// parameter read in place.
    pub(super) fn call_one(&mut self, id: DefinitionId, arg: &'m Expr) -> Result<Value, EvalError> {
        let value = match arg.kind {
            ExprKind::Bound(slot) if !T::RECORDS => self
                .bound
                .get(self.base + slot as usize)
                .cloned()
                .unwrap_or(Value::UNKNOWN),
            _ => self.expr(arg)?,
        };
        if T::RECORDS
            && let Some(value) = self.tracer.recall(id, std::slice::from_ref(&value))
        {
            return Ok(value);
        }
        let top = self.bound.len();
        self.bound.push(value);
        self.enter_call(id, 1, top)
    }

    /// Computes a call's body in a frame whose arguments start at `top`.
    #[inline]
    fn enter_call(
        &mut self,
        id: DefinitionId,
        arity: usize,
        top: usize,
    ) -> Result<Value, EvalError> {
        let base = std::mem::replace(&mut self.base, top);
        let mark = self.tracer.enter();
        // Calls can chain as deep as definitions do; checking the stack
        // costs as much as a short call, so it is checked every few levels,
        // well within the red zone's margin.
        self.call_depth += 1;
        let value = if self.call_depth.is_multiple_of(CALLS_BETWEEN_STACK_CHECKS) {
            stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
                self.call_body(id)
            })
        } else {
            self.call_body(id)
        };
        self.call_depth -= 1;
        if T::RECORDS
            && let Ok(value) = &value
        {
            let args = self.bound.get(top..top + arity).unwrap_or(&[]);
            self.tracer.call(mark, id, args, value);
        }
        self.bound.truncate(top);
        self.base = base;
        value
    }

    fn call_body(&mut self, id: DefinitionId) -> Result<Value, EvalError> {
        let model = self.model;
        let Some(info) = model.definitions.get(id as usize) else {
            return Ok(Value::UNKNOWN);
        };
        if info.exceptions.is_empty() {
            self.expr(&info.body)
        } else {
            self.layer(&info.exceptions, Layer::Body(id))
        }
    }

    fn compute_definition(&mut self, id: DefinitionId) -> Result<Value, EvalError> {
        // A rule sees none of the elements of the aggregates that use it:
        // its own aggregates number their elements from the top of the stack.
        let base = std::mem::replace(&mut self.base, self.bound.len());
        let value = self.definition_value(id);
        self.base = base;
        value
    }

    fn definition_value(&mut self, id: DefinitionId) -> Result<Value, EvalError> {
        let mark = self.tracer.enter();
        let model = self.model;
        let Some(info) = model.definitions.get(id as usize) else {
            return Ok(Value::UNKNOWN);
        };
        let computed = if info.exceptions.is_empty() {
            self.expr(&info.body)
        } else {
            self.layer(&info.exceptions, Layer::Body(id))
        };
        // The value stays in its result (see `Run::binary`).
        let value = match &computed {
            Ok(value) => value,
            Err(_) => return computed.map_err(|error| self.failed(Failed::Definition(id), error)),
        };
        if T::RECORDS {
            self.tracer.rule(mark, RuleRef::Definition(id), value);
        }
        if let Some(slot) = self.definitions.get_mut(id as usize) {
            *slot = Some(value.clone());
        }
        computed
    }

    /// The value of a rule given the exceptions that override it.
    fn layer(&mut self, exceptions: &[ExceptionId], base: Layer) -> Result<Value, EvalError> {
        let model = self.model;
        let mut applies: Option<(ExceptionId, Value)> = None;
        let mut possible: Vec<Value> = Vec::new();
        for id in exceptions {
            let Some(exception) = model.exceptions.get(*id as usize) else {
                continue;
            };
            let mark = self.tracer.enter();
            let condition = self.expr(&exception.condition)?;
            if matches!(condition, Value::Bool(false)) {
                if T::RECORDS {
                    self.tracer
                        .rule(mark, RuleRef::Exception(*id), &Value::UNKNOWN);
                }
                continue;
            }
            let value = if exception.exceptions.is_empty() {
                self.expr(&exception.value)?
            } else {
                // Exceptions can chain deeply, each overriding the one
                // before: grow the stack rather than overflow it.
                stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
                    self.layer(&exception.exceptions, Layer::Exception(*id))
                })?
            };
            if T::RECORDS {
                self.tracer.rule(mark, RuleRef::Exception(*id), &value);
            }
            if matches!(condition, Value::Bool(true)) {
                match &applies {
                    Some((first, first_value)) => {
                        if first_value.is_known() && value.is_known() && *first_value != value {
                            return Err(EvalError::Conflict {
                                first: *first,
                                second: *id,
                                first_value: Box::new(first_value.clone()),
                                second_value: Box::new(value),
                            });
                        }
                        if *first_value != value {
                            possible.push(value);
                        }
                    }
                    None => applies = Some((*id, value)),
                }
            } else {
                possible.push(value);
            }
        }
        let decided = match applies {
            Some((_, value)) => value,
            None => match base {
                Layer::Body(id) => match model.definitions.get(id as usize) {
                    Some(info) => self.expr(&info.body)?,
                    None => Value::UNKNOWN,
                },
                Layer::Exception(id) => match model.exceptions.get(id as usize) {
                    Some(info) => self.expr(&info.value)?,
                    None => Value::UNKNOWN,
                },
            },
        };
        if possible.is_empty() {
            return Ok(decided);
        }
        possible.push(decided);
        Ok(logic::either(&possible))
    }

    pub(super) fn deontic(&mut self, id: DeonticId) -> Result<Value, EvalError> {
        if let Some(Some(value)) = self.deontics.get(id as usize) {
            if T::RECORDS {
                self.tracer.remembered(RuleRef::Deontic(id), value);
            }
            return Ok(value.clone());
        }
        if let Some(error) = remembered_failure(self.failures, Failed::Deontic(id)) {
            return Err(error);
        }
        stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
            self.compute_deontic(id)
        })
    }

    /// Remembers that a rule failed, and gives its error back.
    #[cold]
    fn failed(&mut self, rule: Failed, error: EvalError) -> EvalError {
        remember_failure(self.failures, rule, &error);
        error
    }

    fn compute_deontic(&mut self, id: DeonticId) -> Result<Value, EvalError> {
        let base = std::mem::replace(&mut self.base, self.bound.len());
        let value = self.deontic_value(id);
        self.base = base;
        value.map_err(|error| self.failed(Failed::Deontic(id), error))
    }

    fn deontic_value(&mut self, id: DeonticId) -> Result<Value, EvalError> {
        let mark = self.tracer.enter();
        let model = self.model;
        let Some(rule) = model.deontics.get(id as usize) else {
            return Ok(Value::UNKNOWN);
        };
        let status = |index: u32| Value::Enum(rule.status, index);
        // The conditions' values stay in their results (see `Run::binary`).
        let when = match &rule.when {
            Some(when) => self.expr(when),
            None => Ok(Value::Bool(true)),
        };
        let Ok(covered) = &when else { return when };
        let value = match covered {
            Value::Bool(false) => status(2),
            covered => {
                let while_ = match &rule.while_ {
                    Some(condition) => self.expr(condition),
                    None => Ok(Value::Bool(true)),
                };
                let Ok(holds) = &while_ else { return while_ };
                match (covered, holds) {
                    (Value::Bool(true), Value::Bool(true)) => status(0),
                    (Value::Bool(true), Value::Bool(false)) => status(1),
                    _ => Value::UNKNOWN,
                }
            }
        };
        if T::RECORDS {
            self.tracer.rule(mark, RuleRef::Deontic(id), &value);
        }
        if let Some(slot) = self.deontics.get_mut(id as usize) {
            *slot = Some(value.clone());
        }
        Ok(value)
    }
}

/// What a layer of exceptions overrides.
#[derive(Debug, Clone, Copy)]
enum Layer {
    /// A definition's own value.
    Body(DefinitionId),
    /// An exception's value.
    Exception(ExceptionId),
}

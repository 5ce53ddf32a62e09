//! Verdicts given once per element of a list:
//! `verdict benefit for each m in members keyed by m.name = ...`.
//!
//! The list is evaluated once; each element's key is read with the binder
//! at the element (slot 0 of the verdict's frame), then the verdict's value
//! and sentence. Every element is one outcome, with its own status, error,
//! exactness and step of the trace. As one value (for the fast paths, the
//! batch and the timeline), the verdict is the list of `(key, value)`
//! records, in list order, or unknown while the list is.

use std::collections::BTreeMap;

use super::trace::Trace;
use super::{EvalError, Evaluator, Input, NoTrace, Tracer, VerdictOutcome};
use crate::diagnostic::Problem;
use crate::exact::Settled;
use crate::model::{Expr, TemplatePart, VerdictId};
use crate::value::Value;

/// One element's outcome of a verdict given for each element of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementOutcome {
    /// The key that names it.
    pub key: Value,
    /// Its position in the list, from 1.
    pub position: usize,
    /// Its outcome, as any verdict's: value, whether it applies, sentence,
    /// exactness, step of the trace and error.
    pub outcome: VerdictOutcome,
}

impl<'m> Evaluator<'m> {
    /// The elements of a verdict given for each element, each with its key,
    /// in list order; `None` when the list is not known (or the verdict is
    /// not given for each element). A key that is not known, or that two
    /// elements share, is an error of the verdict.
    pub fn keyed_elements<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
        tracer: &mut T,
    ) -> Result<Option<Vec<(Value, Value)>>, EvalError> {
        let model = self.model;
        let Some(for_each) = model
            .verdicts
            .get(id as usize)
            .and_then(|v| v.for_each.as_ref())
        else {
            return Ok(None);
        };
        let items = match self.run(input, tracer).expr(&for_each.list)? {
            Value::List(items) => items,
            // A list declared `or none` that is none has no elements.
            Value::None => return Ok(Some(Vec::new())),
            _ => return Ok(None),
        };
        let mut keyed = Vec::with_capacity(items.len());
        // Keys by their written form: distinct values of one type are
        // written differently.
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut nested = 0;
        for (index, item) in items.iter().enumerate() {
            let key =
                self.element_expr_within(input, &for_each.key, item, &mut NoTrace, &mut nested)?;
            if !key.is_known() || key == Value::None {
                return Err(EvalError::UnknownKey {
                    span: for_each.key.span,
                    position: index + 1,
                });
            }
            let written = model.format_value(&key);
            if let Some(first) = seen.get(&written) {
                return Err(EvalError::DuplicateKey {
                    span: for_each.key.span,
                    detail: Box::new(super::error::Duplicate {
                        key: written,
                        first: *first,
                        second: index + 1,
                    }),
                });
            }
            seen.insert(written, index + 1);
            keyed.push((key, item.clone()));
        }
        Ok(Some(keyed))
    }

    /// An expression of a verdict given for each element, with its binder
    /// at `element`.
    pub fn element_expr<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        expr: &'m Expr,
        element: &Value,
        tracer: &mut T,
    ) -> Result<Value, EvalError> {
        self.element_expr_within(input, expr, element, tracer, &mut 0)
    }

    /// [`Evaluator::element_expr`], counting the elements its nested
    /// aggregates weigh in `nested`: the elements of one verdict share the
    /// budget of [`super::MAX_NESTED_ELEMENTS`], as the steps of any one
    /// verdict do, so that an aggregate over the list inside the value of
    /// each element cannot run for hours on a long list.
    fn element_expr_within<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        expr: &'m Expr,
        element: &Value,
        tracer: &mut T,
        nested: &mut usize,
    ) -> Result<Value, EvalError> {
        let mut run = self.run(input, tracer);
        run.nested_elements = *nested;
        run.bound.push(element.clone());
        let value = run.expr(expr);
        *nested = run.nested_elements;
        value
    }

    /// One element's value of a verdict given for each element, decided
    /// exactly when the steps leave it open (see [`crate::exact`]).
    fn element_exact<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
        element: &Value,
        tracer: &mut T,
        nested: &mut usize,
    ) -> Result<Settled, EvalError> {
        let model = self.model;
        let Some(verdict) = model.verdicts.get(id as usize) else {
            return Ok(Settled {
                value: Value::UNKNOWN,
                exact: false,
                decided: false,
                unknowns: Vec::new(),
            });
        };
        let fast = self.element_expr_within(input, &verdict.body, element, tracer, nested)?;
        Ok(crate::exact::settle_element(self, input, id, element, fast))
    }

    /// A verdict given for each element as one value: the list of `(key,
    /// value)` records in list order, unknown while the list is. The first
    /// element that fails fails it.
    pub(super) fn for_each_value<T: Tracer<'m>>(
        &mut self,
        input: &Input<'_>,
        id: VerdictId,
        tracer: &mut T,
    ) -> Result<Value, EvalError> {
        let Some(keyed) = self.keyed_elements(input, id, tracer)? else {
            return Ok(Value::UNKNOWN);
        };
        let mut out = Vec::with_capacity(keyed.len());
        let mut nested = 0;
        for (key, element) in keyed {
            let settled = self.element_exact(input, id, &element, tracer, &mut nested)?;
            out.push(Value::Record(vec![key, settled.value].into()));
        }
        Ok(Value::List(out.into()))
    }
}

/// What a traced verdict given for each element found.
pub(super) struct Traced {
    /// The verdict as one value (see [`Evaluator::for_each_value`]); each
    /// element's value is gated by whether the verdict applies.
    pub value: Value,
    /// Whether every element's value is exact.
    pub exact: bool,
    /// The step that computed the list.
    pub list_step: u32,
    /// Each element's outcome; `None` while the list is unknown.
    pub elements: Option<Vec<ElementOutcome>>,
}

/// A verdict given for each element, evaluated and traced: the list, then
/// each element's value and sentence. An element that fails carries its
/// error; an unknown or shared key fails the whole verdict.
pub(super) fn traced<'m>(
    evaluator: &mut Evaluator<'m>,
    input: &Input<'_>,
    id: VerdictId,
    trace: &mut Trace<'m>,
    in_force: &Value,
) -> Result<Traced, EvalError> {
    let keyed = evaluator.keyed_elements(input, id, trace)?;
    let list_step = trace.last().unwrap_or(0);
    let Some(keyed) = keyed else {
        return Ok(Traced {
            value: Value::UNKNOWN,
            exact: true,
            list_step,
            elements: None,
        });
    };
    let applies = *in_force == Value::Bool(true);
    let mut exact = true;
    let mut values = Vec::with_capacity(keyed.len());
    let mut elements = Vec::with_capacity(keyed.len());
    let mut nested = 0;
    for (index, (key, element)) in keyed.into_iter().enumerate() {
        let mut outcome = VerdictOutcome::open(id, list_step, in_force.clone());
        let computed = evaluator.element_exact(input, id, &element, trace, &mut nested);
        outcome.step = trace.last().unwrap_or(0);
        match computed {
            Ok(settled) => {
                outcome.exact = settled.exact;
                outcome.value = if applies {
                    settled.value
                } else {
                    Value::UNKNOWN
                };
                if applies {
                    outcome.decided_over = settled.unknowns;
                    outcome.decided_over.sort();
                }
                if applies && !outcome.value.is_known() && !wholly_known(&element) {
                    outcome.element_depends_on = list_fact(evaluator.model(), id);
                }
                sentence(evaluator, input, id, &element, &mut outcome);
            }
            Err(error) => outcome.error = Some(error),
        }
        exact &= outcome.exact;
        values.push(Value::Record(
            vec![key.clone(), outcome.value.clone()].into(),
        ));
        elements.push(ElementOutcome {
            key,
            position: index + 1,
            outcome,
        });
    }
    Ok(Traced {
        value: Value::List(values.into()),
        exact,
        list_step,
        elements: Some(elements),
    })
}

/// The values an element's sentence names, untraced: they explain nothing.
/// A sentence that cannot be written cannot report the element.
fn sentence<'m>(
    evaluator: &mut Evaluator<'m>,
    input: &Input<'_>,
    id: VerdictId,
    element: &Value,
    outcome: &mut VerdictOutcome,
) {
    let model = evaluator.model();
    let Some(verdict) = model.verdicts.get(id as usize) else {
        return;
    };
    for part in &verdict.template.parts {
        if let TemplatePart::Expr(expr) = part {
            match evaluator.element_expr(input, expr, element, &mut NoTrace) {
                Ok(value) => outcome.template_values.push(value),
                Err(error) => {
                    outcome.value = Value::UNKNOWN;
                    outcome.template_values.clear();
                    outcome.error = Some(error);
                    return;
                }
            }
        }
    }
}

/// The diagnostic of an error of the keys.
pub(super) fn key_problem(error: &EvalError) -> Problem {
    match error {
        EvalError::DuplicateKey { span, detail } => {
            let super::error::Duplicate { key, first, second } = &**detail;
            Problem::error(
            "provisio::duplicate_key",
            format!("elements {first} and {second} of the list both have the key {key}"),
            *span,
            format!("gives {key} for both"),
        )
        .with_help(
            "each element's outcome is named by its key: key the elements by a field that differs from one to the next, or correct the facts",
        )
        }
        EvalError::UnknownKey { span, position } => Problem::error(
            "provisio::unknown_key",
            format!("the key of element {position} of the list is not known"),
            *span,
            "not known for these facts",
        )
        .with_help(
            "each element's outcome is named by its key: give it in the facts, or key the elements by a field every element has",
        ),
        // Only the errors of the keys come here.
        _ => Problem::error(
            "provisio::evaluation",
            "evaluation failed",
            crate::span::Span::default(),
            "here",
        ),
    }
}

impl VerdictOutcome {
    /// An outcome not yet computed: its value unknown, exact until found
    /// otherwise, at `step` of the trace, applying as `in_force` says.
    pub(crate) fn open(verdict: VerdictId, step: u32, in_force: Value) -> Self {
        VerdictOutcome {
            verdict,
            value: Value::UNKNOWN,
            template_values: Vec::new(),
            step,
            in_force,
            in_force_depends_on: Vec::new(),
            exact: true,
            decided_over: Vec::new(),
            error: None,
            elements: None,
            element_depends_on: Vec::new(),
        }
    }

    /// Its error and, for a verdict given for each element, each element's.
    pub fn errors(&self) -> impl Iterator<Item = &EvalError> {
        self.error.iter().chain(
            self.elements
                .iter()
                .flatten()
                .filter_map(|element| element.outcome.error.as_ref()),
        )
    }
}

/// Whether a value is known to its last part: a record or list none of
/// whose fields or elements is unknown.
fn wholly_known(value: &Value) -> bool {
    match value {
        Value::Record(parts) | Value::List(parts) => parts.iter().all(wholly_known),
        other => other.is_known(),
    }
}

/// The fact a verdict given for each element goes through, when its list is
/// a fact (or a field of one).
fn list_fact(
    model: &crate::model::Model,
    id: VerdictId,
) -> Vec<(crate::model::FactId, Box<[u32]>)> {
    match model
        .verdicts
        .get(id as usize)
        .and_then(|v| v.for_each.as_ref())
        .map(|f| &f.list.kind)
    {
        Some(crate::model::ExprKind::Fact { fact, fields }) => vec![(*fact, fields.clone())],
        _ => Vec::new(),
    }
}

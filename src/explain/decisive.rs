//! Which sub-steps decided a step's value: the part of an evaluation an
//! explanation shows by default.
//!
//! For `false and X` only the false side decided; for `earliest(a, b)` the
//! one that was earlier; for `if` the condition and the branch taken. An
//! undetermined step was left so by its undetermined sub-steps, and those are
//! what a reader needs to see.

use crate::eval::trace::{RuleRef, StepKind, Trace};
use crate::model::ExprKind;
use crate::value::Value;

/// The sub-steps of `index` that decided its value, in evaluation order.
pub fn decisive(trace: &Trace<'_>, index: u32) -> Vec<u32> {
    let children = trace.children(index);
    let Some(step) = trace.step(index) else {
        return children;
    };
    let value_of = |i: u32| {
        trace
            .step(trace.resolve(i))
            .map(|s| s.value.clone())
            .unwrap_or(Value::UNKNOWN)
    };
    // An aggregate is explained by its list; the steps for each element
    // are there for `--explain full`.
    if let StepKind::Expr(expr) = step.kind
        && let ExprKind::Aggregate(aggregate) = &expr.kind
    {
        return aggregate_decisive(trace, aggregate, &children);
    }
    if !step.value.is_known() {
        // What left it open: the undetermined sub-steps, and beside a
        // comparison or choice the known values it weighed them against.
        let unknown: Vec<u32> = children
            .iter()
            .copied()
            .filter(|c| !value_of(*c).is_known())
            .collect();
        return match step.kind {
            StepKind::Expr(expr) => match &expr.kind {
                ExprKind::Binary { .. }
                | ExprKind::Earliest(_)
                | ExprKind::Latest(_)
                | ExprKind::If { .. } => children,
                _ => unknown,
            },
            _ => children,
        };
    }
    match step.kind {
        StepKind::Expr(expr) => match &expr.kind {
            ExprKind::All(_) | ExprKind::Any(_) => {
                // A decisive operand, if there is one, decided alone.
                let decisive_value = matches!(expr.kind, ExprKind::Any(_));
                match children
                    .iter()
                    .copied()
                    .find(|c| value_of(*c) == Value::Bool(decisive_value))
                {
                    Some(one) if step.value == Value::Bool(decisive_value) => vec![one],
                    _ => children,
                }
            }
            ExprKind::If { .. } => children,
            ExprKind::Earliest(_) | ExprKind::Latest(_) => {
                // The argument that gave the result; the others are named in
                // the phrase but need no explaining.
                match children
                    .iter()
                    .copied()
                    .find(|c| value_of(*c) == step.value)
                {
                    Some(one) => vec![one],
                    None => children,
                }
            }
            _ => children,
        },
        StepKind::Rule(RuleRef::Deontic(_)) => {
            // A measure outside the rule's scope is decided by `when` alone.
            match children.first() {
                Some(when) if value_of(*when) == Value::Bool(false) => vec![*when],
                _ => children,
            }
        }
        StepKind::Rule(RuleRef::Definition(_) | RuleRef::Exception(_)) => {
            // Exceptions that did not apply did not decide the value.
            children
                .into_iter()
                .filter(|c| {
                    !matches!(
                        trace.step(*c).map(|s| (s.kind, s.value.is_known())),
                        Some((StepKind::Rule(RuleRef::Exception(_)), false))
                    )
                })
                .collect()
        }
        _ => children,
    }
}

/// An aggregate is explained by its list; when its condition or body calls
/// a definition with parameters, also by the calls for its first
/// [`LIST_ELEMENTS_SHOWN`](crate::words::LIST_ELEMENTS_SHOWN)
/// elements, so that each member's part is told in the law's words.
fn aggregate_decisive(
    trace: &Trace<'_>,
    aggregate: &crate::model::expr::Aggregate,
    children: &[u32],
) -> Vec<u32> {
    let mut decisive: Vec<u32> = children.first().copied().into_iter().collect();
    let calls = aggregate
        .filter
        .iter()
        .chain(aggregate.body.iter())
        .any(calls_a_definition);
    let first = aggregate.filter.as_ref().or(aggregate.body.as_ref());
    let (Some(first), true) = (first, calls) else {
        return decisive;
    };
    let mut elements = 0;
    for child in children.iter().skip(1) {
        let starts_element = matches!(
            trace.step(*child).map(|s| s.kind),
            Some(StepKind::Expr(e)) if std::ptr::eq(e, first)
        );
        if starts_element {
            elements += 1;
        }
        if elements > crate::words::LIST_ELEMENTS_SHOWN {
            break;
        }
        decisive.push(*child);
    }
    decisive
}

/// Whether an expression calls a definition with parameters.
fn calls_a_definition(expr: &crate::model::Expr) -> bool {
    if matches!(expr.kind, ExprKind::Call { .. }) {
        return true;
    }
    let mut found = false;
    crate::model::expr::for_each_child(expr, |child| found = found || calls_a_definition(child));
    found
}

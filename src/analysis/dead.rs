//! Dead rules: an exception, a `when`, a `while` or a branch of an `if`
//! that can never apply, or whose condition always holds.
//!
//! A condition's cases are computed with every fact, the date and the
//! readings unknown (an exception's within the cases where the exception
//! above it applies): no case where it holds means it never applies; no
//! case where it fails means what it replaces never does. Such a finding
//! cannot be shown by one scenario; it carries instead one completion of
//! each case of the condition (up to [`MAX_SAMPLES`]), on which the
//! ordinary evaluator gives the condition the value the finding says.

use super::{Context, Finding, Kind, line_of, not_decided};
use crate::exact::term::{Exact, Leaf, Path};
use crate::model::{DeonticId, ExceptionId, Expr, ExprKind, Model};
use crate::span::Span;
use crate::value::Value;

/// How many completions a dead rule's finding carries.
pub const MAX_SAMPLES: usize = 8;

/// The condition a dead-rule finding is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// An exception's condition.
    Exception(ExceptionId),
    /// A deontic rule's `when`.
    When(DeonticId),
    /// A deontic rule's `while`.
    While(DeonticId),
    /// The condition of an `if`, by its span.
    If(Span),
    /// A comparison (`<`, `on or before`, `is one of`, `is none`...)
    /// within a rule, by its span.
    Comparison(Span),
}

/// The expression of a condition, to evaluate it.
pub fn condition_expr<'m>(model: &'m Model, condition: &Condition) -> Option<&'m Expr> {
    match condition {
        Condition::Exception(id) => model.exceptions.get(*id as usize).map(|e| &e.condition),
        Condition::When(id) => model.deontics.get(*id as usize)?.when.as_ref(),
        Condition::While(id) => model.deontics.get(*id as usize)?.while_.as_ref(),
        Condition::If(span) => rule_exprs(model)
            .into_iter()
            .find_map(|(_, e)| find_if(e, *span)),
        Condition::Comparison(span) => rule_exprs(model)
            .into_iter()
            .find_map(|(_, e)| find_span(e, *span)),
    }
}

fn find_span(expr: &Expr, span: Span) -> Option<&Expr> {
    if expr.span == span && is_comparison(expr) {
        return Some(expr);
    }
    let mut found = None;
    crate::model::expr::for_each_child(expr, |child| {
        if found.is_none() {
            found = find_span(child, span);
        }
    });
    found
}

/// Whether an expression compares: a comparison operator, `is one of`,
/// `is none`.
fn is_comparison(expr: &Expr) -> bool {
    use crate::ast::BinaryOp as B;
    match &expr.kind {
        ExprKind::Binary { op, .. } => matches!(
            op,
            B::Equal
                | B::NotEqual
                | B::Less
                | B::LessOrEqual
                | B::Greater
                | B::GreaterOrEqual
                | B::Before
                | B::OnOrBefore
                | B::After
                | B::OnOrAfter
        ),
        ExprKind::OneOf { .. } | ExprKind::IsNone { .. } => true,
        _ => false,
    }
}

fn find_if(expr: &Expr, span: Span) -> Option<&Expr> {
    if let ExprKind::If { condition, .. } = &expr.kind
        && condition.span == span
    {
        return Some(condition);
    }
    let mut found = None;
    crate::model::expr::for_each_child(expr, |child| {
        if found.is_none() {
            found = find_if(child, span);
        }
    });
    found
}

/// Every expression of a rule or verdict without parameters, with the
/// rule's name (an exception's condition is judged whole, by `exceptions`).
fn rule_exprs(model: &Model) -> Vec<(String, &Expr)> {
    let mut out = Vec::new();
    for d in model.definitions.iter().filter(|d| d.params.is_empty()) {
        out.push((d.name.clone(), &d.body));
    }
    for (id, e) in model.exceptions.iter().enumerate() {
        if model
            .definitions
            .get(e.definition as usize)
            .is_some_and(|d| d.params.is_empty())
        {
            let name = super::conflicts::exception_name(model, id as ExceptionId);
            out.push((name.clone(), &e.value));
            out.push((name, &e.condition));
        }
    }
    for v in model.verdicts.iter().filter(|v| v.for_each.is_none()) {
        out.push((v.name.clone(), &v.body));
    }
    out
}

/// The dead rules of the policy's own file.
pub(super) fn find(ctx: &mut Context<'_, '_, '_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut findings = Vec::new();
    for definition in &model.definitions {
        if line_of(model, definition.span) == 0 || !definition.params.is_empty() {
            continue;
        }
        ctx.open.renew_budget();
        if exceptions(
            ctx,
            &definition.exceptions,
            &[Path::default()],
            &mut findings,
        )
        .is_err()
        {
            let why = ctx.why();
            let mut finding = not_decided(why, vec![definition.name.clone()]);
            finding.message = format!(
                "whether the exceptions of `{}` can apply is not decided: {why}",
                definition.name
            );
            finding.line = line_of(model, definition.span);
            findings.push(finding);
        }
    }
    for (index, rule) in model.deontics.iter().enumerate() {
        if line_of(model, rule.span) == 0 {
            continue;
        }
        let id = index as DeonticId;
        for (condition, which) in [
            (rule.when.as_ref(), Condition::When(id)),
            (rule.while_.as_ref(), Condition::While(id)),
        ] {
            let Some(condition) = condition else { continue };
            ctx.open.renew_budget();
            let name = rule.name.clone();
            match ctx.open.expr(condition, &Path::default()) {
                Ok(cases) => {
                    findings.extend(judge(ctx, &name, which, condition, rule.span, &cases))
                }
                Err(_) => {
                    let why = ctx.why();
                    let mut finding = not_decided(why, vec![rule.name.clone()]);
                    finding.message = format!("whether `{name}` can hold is not decided: {why}");
                    finding.line = line_of(model, rule.span);
                    findings.push(finding);
                }
            }
        }
    }
    let whole: Vec<Span> = model.exceptions.iter().map(|e| e.condition.span).collect();
    for (name, expr) in rule_exprs(model) {
        branches(ctx, &name, expr, whole.contains(&expr.span), &mut findings);
    }
    findings
}

fn exceptions(
    ctx: &mut Context<'_, '_, '_>,
    list: &[ExceptionId],
    contexts: &[Path],
    findings: &mut Vec<Finding>,
) -> Exact<()> {
    let model = ctx.model;
    for id in list {
        let Some(exception) = model.exceptions.get(*id as usize) else {
            continue;
        };
        let mut cases = Vec::new();
        for context in contexts {
            cases.extend(ctx.open.expr(&exception.condition, context)?);
        }
        let name = super::conflicts::exception_name(model, *id);
        findings.extend(judge(
            ctx,
            &name,
            Condition::Exception(*id),
            &exception.condition,
            exception.span,
            &cases,
        ));
        if !exception.exceptions.is_empty() {
            let holds: Vec<Path> = cases
                .iter()
                .filter(|(_, l)| *l == Leaf::Val(Value::Bool(true)))
                .map(|(p, _)| p.clone())
                .collect();
            exceptions(ctx, &exception.exceptions, &holds, findings)?;
        }
    }
    Ok(())
}

/// The `if`s within an expression whose condition never or always holds.
fn branches<'m>(
    ctx: &mut Context<'_, '_, 'm>,
    rule: &str,
    expr: &'m Expr,
    whole: bool,
    findings: &mut Vec<Finding>,
) {
    // A condition judged whole (an exception's, an `if`'s) is not judged
    // again as a comparison. Undecided ones are left unsaid: the rule's
    // own finding says so.
    if !whole && is_comparison(expr) {
        ctx.open.renew_budget();
        if let Ok(cases) = ctx.open.expr(expr, &Path::default()) {
            let label = format!(
                "the comparison `{}` in `{rule}`",
                super::written(ctx.model, expr.span)
            );
            findings.extend(judge(
                ctx,
                &label,
                Condition::Comparison(expr.span),
                expr,
                expr.span,
                &cases,
            ));
        }
    }
    let condition_span = match &expr.kind {
        ExprKind::If { condition, .. } => {
            ctx.open.renew_budget();
            if let Ok(cases) = ctx.open.expr(condition, &Path::default()) {
                let label = format!(
                    "the `if` of `{rule}` on line {}",
                    line_of(ctx.model, condition.span)
                );
                findings.extend(judge(
                    ctx,
                    &label,
                    Condition::If(condition.span),
                    condition,
                    condition.span,
                    &cases,
                ));
            }
            Some(condition.span)
        }
        _ => None,
    };
    crate::model::expr::for_each_child(expr, |child| {
        let whole = condition_span == Some(child.span);
        branches(ctx, rule, child, whole, findings)
    });
}

/// A finding when a condition never holds or always holds.
fn judge(
    ctx: &mut Context<'_, '_, '_>,
    name: &str,
    which: Condition,
    condition: &Expr,
    span: Span,
    cases: &[(Path, Leaf)],
) -> Option<Finding> {
    let model = ctx.model;
    if line_of(model, span) == 0 || cases.is_empty() {
        return None;
    }
    let holds = |b: bool| cases.iter().any(|(_, l)| *l == Leaf::Val(Value::Bool(b)));
    let errs = cases
        .iter()
        .any(|(_, l)| !matches!(l, Leaf::Val(Value::Bool(_))));
    let never = match (holds(true), holds(false) || errs) {
        (false, _) => true,
        (true, false) => false,
        _ => return None,
    };
    let words = if never { "never" } else { "always" };
    let message = match (&which, never) {
        (Condition::Exception(_), true) => {
            format!("`{name}` can never apply: its condition never holds")
        }
        (Condition::Exception(_), false) => {
            format!("the condition of `{name}` always holds: the value it overrides never applies")
        }
        (Condition::When(_), true) => {
            format!("`{name}` can never apply: its `when` never holds")
        }
        (Condition::When(_), false) => format!("the `when` of `{name}` always holds"),
        (Condition::While(_), _) => format!("the `while` of `{name}` {words} holds"),
        (Condition::If(_), true) => {
            format!("{name}: the condition never holds, so its `then` branch never applies")
        }
        (Condition::If(_), false) => {
            format!("{name}: the condition always holds, so its `else` branch never applies")
        }
        (Condition::Comparison(_), _) => format!("{name} {words} holds"),
    };
    let samples = cases
        .iter()
        .take(MAX_SAMPLES)
        .filter_map(|(p, _)| {
            super::witness::build(ctx, p, format!("a completion where {name} is {}", !never)).ok()
        })
        .collect();
    let provision = match &which {
        Condition::Exception(id) => model.exceptions.get(*id as usize).map(|e| e.provision),
        Condition::When(id) | Condition::While(id) => {
            model.deontics.get(*id as usize).map(|d| d.provision)
        }
        Condition::If(_) | Condition::Comparison(_) => None,
    };
    Some(Finding {
        kind: Kind::DeadRule,
        message,
        rules: vec![name.to_string()],
        provisions: provision
            .and_then(|p| model.provisions.get(p as usize))
            .map(|p| vec![p.name.clone()])
            .unwrap_or_default(),
        condition: if never {
            String::from("false")
        } else {
            String::from("true")
        },
        condition_words: format!(
            "{}, whatever the facts, the date and the readings",
            if never { "never holds" } else { "always holds" }
        ),
        written: vec![super::written(model, condition.span)],
        witness: None,
        reason: None,
        allowed: None,
        line: line_of(model, span),
        dead: Some((which, !never, samples)),
        contrast: None,
    })
}

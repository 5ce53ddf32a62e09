//! Lints: warnings about what a policy leaves to chance. Each has a name and
//! can be silenced with `# provisio: allow NAME` (see `allows.rs`). The
//! boundary lint is in `boundaries.rs`, the sentence lints in `sentence_lints.rs`.

use super::Checker;
use crate::ast::BinaryOp;
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;

/// Whether a number is certainly whole: an integer, or rounded to a unit.
fn whole(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Round { places: 0, .. } => true,
        ExprKind::Const(crate::value::Value::Number(n)) => n.fract().is_zero(),
        _ => expr.ty == Type::Integer,
    }
}

/// Where an amount of money takes fractions of a cent that no rounding
/// removes: a product with a rate or a non-whole number, a quotient, or a
/// scale applied. Rules named in the expression are checked on their own.
fn unrounded(expr: &Expr) -> Option<Span> {
    if !matches!(expr.ty, Type::Money(_)) {
        return None;
    }
    match &expr.kind {
        ExprKind::Round { .. } => None,
        ExprKind::Binary { op, left, right } => match op {
            BinaryOp::Add | BinaryOp::Subtract => unrounded(left).or_else(|| unrounded(right)),
            // A whole number of amounts is still in whole cents.
            BinaryOp::Multiply if whole(left) && left.ty.is_number() => unrounded(right),
            BinaryOp::Multiply if whole(right) && right.ty.is_number() => unrounded(left),
            _ => Some(expr.span),
        },
        ExprKind::Negate(inner) => unrounded(inner),
        ExprKind::If {
            then, otherwise, ..
        } => unrounded(then).or_else(|| unrounded(otherwise)),
        ExprKind::Aggregate(aggregate) => aggregate.body.as_ref().and_then(unrounded),
        ExprKind::Earliest(items) | ExprKind::Latest(items) => items.iter().find_map(unrounded),
        _ => None,
    }
}

impl Checker<'_> {
    /// `money_unrounded`: a rule or verdict gives an amount of money computed
    /// with a rate or a division, and the policy does not say how to round
    /// it. Legal texts almost always do; where one keeps exact amounts, the
    /// lint is silenced.
    pub(super) fn lint_rounding(&mut self) {
        let mut found: Vec<(String, Span)> = Vec::new();
        for definition in self.definitions.iter().flatten() {
            if let Some(span) = unrounded(&definition.body) {
                found.push((definition.name.clone(), span));
            }
        }
        for exception in self.exceptions.iter().flatten() {
            if let Some(span) = unrounded(&exception.value) {
                found.push((String::from("an exception"), span));
            }
        }
        for verdict in &self.verdicts {
            if let Some(span) = unrounded(&verdict.body) {
                found.push((verdict.name.clone(), span));
            }
        }
        for (name, span) in found {
            let subject = if name == "an exception" {
                name
            } else {
                format!("`{name}`")
            };
            self.report(
                Problem::error(
                    "provisio::money_unrounded",
                    format!(
                        "{subject} is an amount of money that can run to fractions of a cent, and the policy does not say how to round it"
                    ),
                    span,
                    "not rounded",
                )
                .with_help("say how the text rounds it: end the expression with `rounded half up to the cent` (or `half even`, `down`, `up`); if the text keeps exact amounts, add `# provisio: allow money_unrounded`")
                .as_warning(),
            );
        }
    }
}

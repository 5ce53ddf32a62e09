//! Scales whose thresholds, base amounts or rates are computed (`over
//! threshold * 2: 12%`): typed here, evaluated and checked for order when
//! applied (see `eval/computed_scales.rs`).

use super::Checker;
use super::resolve::error_expr;
use crate::ast::ScaleKind;
use crate::diagnostic::Problem;
use crate::model::scale::{ComputedBracket, ComputedScale};
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;

/// Whether every part of every bracket is written out (a constant, or a
/// mistake already reported): such a scale is checked and kept as a
/// constant.
pub(super) fn written_out(brackets: &[(Expr, Option<Expr>, Expr)]) -> bool {
    let written = |e: &Expr| matches!(e.kind, ExprKind::Const(_)) || e.ty == Type::Error;
    brackets.iter().all(|(over, base, rate)| {
        written(over) && base.as_ref().is_none_or(written) && written(rate)
    })
}

impl Checker<'_> {
    /// A scale with computed parts: thresholds and base amounts are numbers
    /// or amounts in one currency, rates numbers.
    pub(super) fn computed_scale(
        &mut self,
        kind: ScaleKind,
        brackets: Vec<(Expr, Option<Expr>, Expr)>,
        span: Span,
    ) -> Expr {
        let mut amounts: Option<Type> = None;
        let mut broken = false;
        let mut lowered = Vec::with_capacity(brackets.len());
        for (over, base, rate) in brackets {
            broken |= !self.computed_amount(&over, &mut amounts);
            if let Some(base) = &base {
                broken |= !self.computed_amount(base, &mut amounts);
            }
            if !rate.ty.is_number() && rate.ty != Type::Error {
                let found = self.type_name(&rate.ty);
                self.report(
                    Problem::error(
                        "provisio::scale_bracket",
                        format!("a bracket's rate is a number such as `12%`, but this is {found}"),
                        rate.span,
                        found,
                    )
                    .with_help(
                        "write the rate as a percentage, such as `12%`, or compute it from numbers",
                    ),
                );
                broken = true;
            }
            broken |= over.ty == Type::Error || rate.ty == Type::Error;
            lowered.push(ComputedBracket { over, base, rate });
        }
        if broken {
            return error_expr(span);
        }
        let amounts = amounts.unwrap_or(Type::Decimal);
        let currency = match amounts {
            Type::Money(c) => Some(c),
            _ => None,
        };
        Expr {
            kind: ExprKind::Scale(Box::new(ComputedScale {
                kind,
                currency,
                brackets: lowered,
            })),
            ty: Type::Scale(Box::new(amounts)),
            span,
        }
    }

    /// A computed threshold or base amount: a number or an amount of money,
    /// of one kind across the scale. False when it is not (reported).
    fn computed_amount(&mut self, expr: &Expr, kind: &mut Option<Type>) -> bool {
        if expr.ty == Type::Error {
            return false;
        }
        if !expr.ty.is_number() && !matches!(expr.ty, Type::Money(_)) {
            let found = self.type_name(&expr.ty);
            self.report(
                Problem::error(
                    "provisio::scale_bracket",
                    format!("a scale's thresholds and base amounts are numbers or amounts of money, but this is {found}"),
                    expr.span,
                    found,
                )
                .with_help("compute the threshold as an amount, such as `threshold * 2` where `threshold` is money"),
            );
            return false;
        }
        match kind {
            None => *kind = Some(expr.ty.clone()),
            Some(Type::Integer) if expr.ty == Type::Decimal => *kind = Some(Type::Decimal),
            Some(known) if super::resolve::fits(&expr.ty, known) => {}
            Some(known) => {
                let (want, found) = (self.type_name(known), self.type_name(&expr.ty));
                self.report(
                    Problem::error(
                        "provisio::currency_mismatch",
                        format!("this scale's amounts are {want}, but this one is {found}"),
                        expr.span,
                        found,
                    )
                    .with_help("write every threshold and base amount of a scale in one currency"),
                );
                return false;
            }
        }
        true
    }
}

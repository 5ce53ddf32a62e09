//! `days from A to B within C to D` and its forms over several periods.

use pest::iterators::Pair;

use super::Rule;
use super::expr::lower_expr;
use super::lower::{ident, span_of};
use crate::ast::{Expr, ExprKind};
use crate::span::Span;

/// A placeholder for a part the grammar guarantees.
fn blank(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Bool(false),
        span,
    }
}

/// The first and last day of `from A to B`.
fn period(pair: Pair<'_, Rule>) -> (Expr, Expr) {
    let span = span_of(&pair);
    let mut parts = pair
        .into_inner()
        .filter(|p| matches!(p.as_rule(), Rule::expr | Rule::plain_expr))
        .map(lower_expr);
    let from = parts.next().unwrap_or_else(|| blank(span));
    let to = parts.next().unwrap_or_else(|| blank(span));
    (from, to)
}

/// Lowers an `overlap`: one period stays [`ExprKind::Overlap`]; several, or
/// a list of them, are [`ExprKind::Periods`].
pub(super) fn overlap(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    let mut each = None;
    let mut periods = Vec::new();
    let mut window = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::period => periods.push(period(part)),
            Rule::overlap_each => {
                let mut binder = None;
                let mut list = None;
                for inner in part.into_inner() {
                    match inner.as_rule() {
                        Rule::ident => binder = Some(ident(inner)),
                        Rule::expr | Rule::plain_expr => list = Some(lower_expr(inner)),
                        Rule::period => periods.push(period(inner)),
                        _ => {}
                    }
                }
                let binder = binder.unwrap_or(crate::ast::Ident {
                    name: String::new(),
                    span,
                });
                each = Some((binder, Box::new(list.unwrap_or_else(|| blank(span)))));
            }
            Rule::expr | Rule::plain_expr => window.push(lower_expr(part)),
            _ => {}
        }
    }
    let mut window = window.into_iter();
    let window_from = Box::new(window.next().unwrap_or_else(|| blank(span)));
    let window_to = Box::new(window.next().unwrap_or_else(|| blank(span)));
    if each.is_none()
        && periods.len() == 1
        && let Some((from, to)) = periods.pop()
    {
        return Expr {
            kind: ExprKind::Overlap {
                from: Box::new(from),
                to: Box::new(to),
                window_from,
                window_to,
            },
            span,
        };
    }
    Expr {
        kind: ExprKind::Periods {
            each,
            periods,
            window_from,
            window_to,
        },
        span,
    }
}

//! `FACT as of DATE`: a fact, or a field inside it, read on another date
//! than the evaluation's (see [`ExprKind::FactAsOf`]).

use super::resolve::error_expr;
use super::{Checker, Scope};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;

impl<'a> Checker<'a> {
    /// The fact `target` names read on the date `date`, already checked;
    /// `None` when `target` names no fact, for the caller to report.
    pub(super) fn fact_as_of(
        &mut self,
        target: &ast::Path,
        date: &Expr,
        date_span: Span,
        scope: Scope,
        span: Span,
    ) -> Option<Expr> {
        let head = target.segments.first()?;
        // A binder of the same name hides the fact, as it does elsewhere.
        if self.binder(&head.name).is_some() || !self.fact_index.contains_key(head.name.as_str()) {
            return None;
        }
        let read = self.path(target, scope, None);
        let ExprKind::Fact { fact, fields } = read.kind else {
            return Some(error_expr(span));
        };
        if !matches!(date.ty, Type::Date | Type::Error) {
            let found = self.type_name(&date.ty);
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("`as of` takes a date, but this is {found}"),
                    date_span,
                    found,
                )
                .with_help(format!(
                    "write `{} as of 2024-03-31`, with a date after `as of`",
                    target.dotted()
                )),
            );
            return Some(error_expr(span));
        }
        Some(Expr {
            kind: ExprKind::FactAsOf {
                fact,
                fields,
                date: Box::new(date.clone()),
            },
            ty: read.ty,
            span,
        })
    }
}

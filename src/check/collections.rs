//! Lists: aggregates with a binder (`count`, `sum`, `min`, `max`, `any`,
//! `every`), membership with `is in`, and the overlap of two periods.

use super::resolve::{error_expr, fits};
use super::{Checker, Scope};
use crate::ast::{self, AggregateKind, BinaryOp};
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::value::{Money, Value};

impl<'a> Checker<'a> {
    /// `count x in L where C`, `sum E for x in L where C`, `any x in L satisfies C`, ...
    pub(super) fn aggregate(&mut self, expr: &ast::Expr, scope: Scope) -> Expr {
        let span = expr.span;
        let ast::ExprKind::Aggregate {
            kind,
            binder,
            list,
            body,
            filter,
            more,
        } = &expr.kind
        else {
            return error_expr(span);
        };
        let (kind, body, filter) = (*kind, body.as_deref(), filter.as_deref());
        let list = self.expr(list, scope, None);
        let element = self
            .list_element(
                &list,
                &format!("`{}` goes through a list", kind.as_str()),
                "name a fact declared `list of ...`, such as `count child in children`",
                None,
            )
            .unwrap_or(Type::Error);
        self.check_binder(binder, scope);
        let slot = self.binders.len() as u32;
        self.binders.push((binder.name.clone(), element));
        // Each later binder goes through a list that may use those before it.
        let mut more_lists = Vec::with_capacity(more.len());
        for (name, list) in more {
            let list = self.expr(list, scope, None);
            let element = self
                .list_element(
                    &list,
                    &format!("each binder of `{}` goes through a list", kind.as_str()),
                    "name a list after `in`, such as `x in a.incomes`",
                    None,
                )
                .unwrap_or(Type::Error);
            self.check_binder(name, scope);
            self.binders.push((name.name.clone(), element));
            more_lists.push(list);
        }
        let filter = filter.map(|f| self.condition(f, scope, "the condition after `where`"));
        let body = body.map(|b| match kind {
            AggregateKind::Any | AggregateKind::Every => {
                self.condition(b, scope, "the condition after `satisfies`")
            }
            _ => self.expr(b, scope, None),
        });
        for _ in 0..=more.len() {
            self.binders.pop();
        }
        let mut zero = Value::Number(rust_decimal::Decimal::ZERO);
        let ty = match kind {
            AggregateKind::Count => Type::Integer,
            AggregateKind::Any | AggregateKind::Every => Type::Bool,
            // Built by `pick`, never from this form.
            AggregateKind::Least | AggregateKind::Greatest => Type::Error,
            AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max => {
                let body_ty = body.as_ref().map_or(Type::Error, |b| b.ty.clone());
                let fitting = if kind == AggregateKind::Sum {
                    body_ty.is_amount()
                } else {
                    body_ty.is_ordered()
                };
                if !fitting {
                    let found = self.type_name(&body_ty);
                    let wanted = if kind == AggregateKind::Sum {
                        "numbers or amounts of money"
                    } else {
                        "numbers, amounts of money or dates"
                    };
                    self.report(
                        Problem::error(
                            "provisio::type_mismatch",
                            format!("`{}` takes {wanted}, but this is {found}", kind.as_str()),
                            body.as_ref().map_or(span, |b| b.span),
                            found,
                        )
                        .with_help(format!(
                            "name a field that holds {wanted}, such as `{} p.income for p in household`",
                            kind.as_str()
                        )),
                    );
                    Type::Error
                } else {
                    if let Type::Money(currency) = body_ty {
                        zero = Value::Money(Money::new(currency, rust_decimal::Decimal::ZERO));
                    }
                    body_ty
                }
            }
        };
        Expr {
            kind: ExprKind::Aggregate(Box::new(crate::model::expr::Aggregate {
                kind,
                slot,
                list,
                body,
                filter,
                zero,
                more: more_lists.into_boxed_slice(),
                ties: crate::model::expr::Ties::Refused,
            })),
            ty,
            span,
        }
    }

    /// A binder takes a name nothing else in sight has: `as_of`, a fact, a
    /// provision, a rule of the provision or an outer binder would be hidden
    /// by it, and a reader could not tell which one is meant.
    pub(super) fn check_binder(&mut self, binder: &ast::Ident, scope: Scope) {
        let name = binder.name.as_str();
        let what = if name == "as_of" {
            Some("the evaluation date `as_of`")
        } else if self.fact_index.contains_key(name) {
            Some("a fact")
        } else if self.provision_index.contains_key(name) {
            Some("a provision")
        } else if scope
            .provision
            .and_then(|p| self.locals.get(p as usize))
            .is_some_and(|l| l.contains_key(name))
        {
            Some("a rule of this provision")
        } else if self.binders.iter().any(|(n, _)| n == name) {
            Some("the element of an aggregate around this one")
        } else {
            None
        };
        if let Some(what) = what {
            self.report(
                Problem::error(
                    "provisio::binder_shadows",
                    format!("`{name}` already names {what}, so it cannot also name each element"),
                    binder.span,
                    "already taken",
                )
                .with_help(format!(
                    "give the elements a name of their own, such as `{}`",
                    element_name(name)
                )),
            );
        }
    }

    /// The type of a list's elements, or reports that `list` is no list:
    /// "`count` goes through a list, but this is a whole number".
    pub(super) fn list_element(
        &mut self,
        list: &Expr,
        what: &str,
        help: &str,
        operator: Option<Span>,
    ) -> Option<Type> {
        match &list.ty {
            Type::List(element) => Some((**element).clone()),
            Type::Error => None,
            other => {
                let found = self.type_name(other);
                let mut problem = Problem::error(
                    "provisio::type_mismatch",
                    format!("{what}, but this is {found}"),
                    list.span,
                    found,
                );
                if let Some(operator) = operator {
                    problem = problem.with_label(operator, "membership");
                }
                self.report(problem.with_help(help));
                None
            }
        }
    }

    /// A binder of an aggregate around the expression, innermost first.
    pub(super) fn binder(&self, name: &str) -> Option<(u32, Type)> {
        self.binders
            .iter()
            .rposition(|(n, _)| n == name)
            .and_then(|slot| {
                self.binders
                    .get(slot)
                    .map(|(_, ty)| (slot as u32, ty.clone()))
            })
    }

    /// `x is in L`, `x is not in L`.
    pub(super) fn membership(
        &mut self,
        op: BinaryOp,
        op_span: Span,
        left: &ast::Expr,
        right: &ast::Expr,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let right = self.expr(right, scope, None);
        let element = self.list_element(
            &right,
            &format!("`{}` tests membership of a list", op.as_str()),
            "name a list on the right; test an enumeration value with `is one of a, b`",
            Some(op_span),
        );
        let left = self.expr(left, scope, element.as_ref());
        if let Some(element) = &element
            && !fits(&left.ty, element)
            && !fits(element, &left.ty)
        {
            let (a, b) = (self.type_name(&left.ty), self.type_name(element));
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("this is {a}, but the list holds {b}"),
                    left.span,
                    a,
                )
                .with_label(right.span, format!("a list of {b}"))
                .with_help("test a value of the kind the list holds"),
            );
        }
        Expr {
            kind: ExprKind::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
            },
            ty: Type::Bool,
            span,
        }
    }

    /// `days from A to B within C to D`.
    pub(super) fn overlap(&mut self, parts: [&ast::Expr; 4], scope: Scope, span: Span) -> Expr {
        let mut resolved = Vec::with_capacity(4);
        let mut bad = false;
        for (index, part) in parts.into_iter().enumerate() {
            // The period's end may be none: the period is still running.
            let complaint = "`days from ... within ...` takes four dates";
            match self.period_day(part, index == 1, scope, complaint) {
                Some(expr) => resolved.push(expr),
                None => bad = true,
            }
        }
        let mut resolved = resolved.into_iter();
        match (
            resolved.next(),
            resolved.next(),
            resolved.next(),
            resolved.next(),
        ) {
            (Some(from), Some(to), Some(window_from), Some(window_to)) if !bad => Expr {
                kind: ExprKind::Overlap {
                    from: Box::new(from),
                    to: Box::new(to),
                    window_from: Box::new(window_from),
                    window_to: Box::new(window_to),
                },
                ty: Type::Integer,
                span,
            },
            _ => error_expr(span),
        }
    }
}

/// A name for one element, offered when a binder's name is taken: the
/// first letter, or the name with `_item` when that is taken too.
pub(super) fn element_name(taken: &str) -> String {
    match taken.chars().next() {
        Some(first) if taken.len() > 1 && first.is_ascii_alphabetic() => first.to_string(),
        _ => format!("{taken}_item"),
    }
}

//! Values that may be none, and defaults: `TYPE or none`, `X is none`,
//! `X or else EXPR` and `default VALUE` on facts and record fields.
//!
//! A value declared `or none` is used only through `is none`, `is not none`
//! and `or else`; any other use is reported once, where it is used, so that
//! a drafter always says what holds when there is none.

use super::resolve::fits;
use super::{Checker, Scope};
use crate::ast::{self, ExprKind as A};
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::value::Value;

/// Longest expression quoted as written in a message; longer ones are "this value".
const QUOTED: usize = 40;

impl Checker<'_> {
    /// The expression as written, on one line, or "this value" when long.
    fn quoted(&self, span: Span) -> String {
        let text = self.source.written(span);
        if text.is_empty() || text.chars().count() > QUOTED {
            String::from("this value")
        } else {
            format!("`{text}`")
        }
    }

    /// A type as a drafter writes it in a declaration: `date`, `money in EUR`.
    pub(super) fn written_type(&self, ty: &Type) -> String {
        crate::model::types::declared_type(ty, &self.enums)
    }

    /// Reports a value that may be none used where a value is needed; the
    /// expression then has the error type, so that it is reported once.
    pub(super) fn refuse_maybe_none(&mut self, mut resolved: Expr) -> Expr {
        let Type::OrNone(inner) = &resolved.ty else {
            return resolved;
        };
        let quoted = self.quoted(resolved.span);
        let shown = if quoted == "this value" {
            String::from("X")
        } else {
            quoted.trim_matches('`').to_string()
        };
        let declared = self.written_type(&Type::OrNone(inner.clone()));
        let why = match &resolved.kind {
            ExprKind::Fact { fact, fields } if !self.declared_or_none(*fact, fields) => {
                String::from("the record it belongs to may be none")
            }
            _ => format!("it is declared `{declared}`"),
        };
        self.report(
            Problem::error(
                "provisio::maybe_none",
                format!("{quoted} may be none: {why}"),
                resolved.span,
                "may be none",
            )
            .with_help(format!(
                "say what holds when there is none: test it with `{shown} is none` or `{shown} is not none`, or give the value that stands for none with `{shown} or else VALUE`"
            )),
        );
        resolved.ty = Type::Error;
        resolved
    }

    /// Whether the fact, or the field inside it, is itself declared `or
    /// none` (rather than a field of a record that is).
    fn declared_or_none(&self, fact: u32, fields: &[u32]) -> bool {
        let Some(info) = self.facts.get(fact as usize) else {
            return true;
        };
        let mut ty = &info.field.ty;
        for index in fields {
            let field = match ty.without_none() {
                Type::Record(record) => self
                    .records
                    .get(*record as usize)
                    .and_then(|r| r.fields.get(*index as usize)),
                _ => None,
            };
            let Some(field) = field else { return true };
            ty = &field.ty;
        }
        matches!(ty, Type::OrNone(_))
    }

    /// `X is none` and `X is not none`.
    pub(super) fn is_none(
        &mut self,
        operand: &ast::Expr,
        negated: bool,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let operand = self.expr_maybe_none(operand, scope, None);
        match &operand.ty {
            Type::OrNone(_) | Type::Error => {}
            // An enumeration with a value named `none` is compared with it.
            Type::Enum(id) => {
                let index = self
                    .enums
                    .get(*id as usize)
                    .and_then(|e| e.values.iter().position(|v| v == "none"));
                if let Some(index) = index {
                    let value = Expr {
                        kind: ExprKind::Const(Value::Enum(*id, index as u32)),
                        ty: operand.ty.clone(),
                        span,
                    };
                    let op = if negated {
                        crate::ast::BinaryOp::NotEqual
                    } else {
                        crate::ast::BinaryOp::Equal
                    };
                    return Expr {
                        kind: ExprKind::Binary {
                            op,
                            left: Box::new(operand),
                            right: Box::new(value),
                        },
                        ty: Type::Bool,
                        span,
                    };
                }
                self.never_none(&operand, if negated { "is not none" } else { "is none" });
            }
            _ => self.never_none(&operand, if negated { "is not none" } else { "is none" }),
        }
        Expr {
            kind: ExprKind::IsNone {
                operand: Box::new(operand),
                negated,
            },
            ty: Type::Bool,
            span,
        }
    }

    /// `X or else EXPR`: `X` may be none, `EXPR` has its type, and so has the whole.
    pub(super) fn or_else(
        &mut self,
        value: &ast::Expr,
        fallback: &ast::Expr,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let value = self.expr_maybe_none(value, scope, None);
        let inner = match &value.ty {
            Type::OrNone(inner) => Some((**inner).clone()),
            Type::Error => None,
            _ => {
                self.never_none(&value, "or else");
                None
            }
        };
        let fallback = self.expr(fallback, scope, inner.as_ref());
        let ty = match inner {
            None => Type::Error,
            Some(inner) => match super::resolve::join(&inner, &fallback.ty) {
                Some(ty) => ty,
                None => {
                    let (want, found) = (self.type_name(&inner), self.type_name(&fallback.ty));
                    self.report(
                        Problem::error(
                            "provisio::type_mismatch",
                            format!(
                                "what stands for none must be {want}, like {}, but this is {found}",
                                self.quoted(value.span)
                            ),
                            fallback.span,
                            found,
                        )
                        .with_label(value.span, want.clone())
                        .with_help(format!("give {want} after `or else`")),
                    );
                    Type::Error
                }
            },
        };
        Expr {
            kind: ExprKind::OrElse {
                value: Box::new(value),
                fallback: Box::new(fallback),
            },
            ty,
            span,
        }
    }

    /// Reports `is none` or `or else` on a value that cannot be none.
    fn never_none(&mut self, operand: &Expr, what: &str) {
        let quoted = self.quoted(operand.span);
        let declared = self.written_type(&operand.ty);
        let (declared_as, help) = match &operand.kind {
            ExprKind::Fact { .. } => (
                format!("it is declared `{declared}`"),
                format!(
                    "if the facts may say there is none, declare it `{declared} or none`; otherwise drop `{what}`"
                ),
            ),
            _ => (
                format!("it is {}", self.type_name(&operand.ty)),
                format!(
                    "only a fact or a record field declared `{declared} or none` can be none; drop `{what}`"
                ),
            ),
        };
        self.report(
            Problem::error(
                "provisio::never_none",
                format!("{quoted} is never none: {declared_as}"),
                operand.span,
                "never none",
            )
            .with_help(help),
        );
    }

    /// Lowers the declared type of a fact or a record field: `or none` wraps it.
    pub(super) fn lower_declared_type(&mut self, ty: &ast::TypeExpr, path: &str) -> Type {
        // A list never carries `or none` itself: the grammar gives it to
        // the list's elements, which `lower_type` refuses.
        let lowered = self.lower_type(ty, path);
        match ty.or_none {
            Some(_) => Type::OrNone(Box::new(lowered)),
            None => lowered,
        }
    }

    /// Lowers the type of a list's elements, a definition, a parameter or a
    /// verdict: only facts and record fields may be declared `or none`.
    pub(super) fn lower_value_type(&mut self, ty: &ast::TypeExpr, path: &str, what: &str) -> Type {
        if let Some(span) = ty.or_none {
            let help = if matches!(ty.kind, ast::TypeKind::List(_)) || what.contains("list") {
                "an empty list, `[]` in the facts, says there are none, and a list's elements are never none: remove `or none`"
            } else {
                "only a fact or a record field may be none; here, give the value that stands for none with `X or else VALUE`"
            };
            self.report(
                Problem::error(
                    "provisio::misplaced_or_none",
                    format!("{what} cannot be declared `or none`"),
                    span,
                    "not allowed here",
                )
                .with_help(help),
            );
        }
        self.lower_type(ty, path)
    }

    /// The value of `default VALUE` on `name` of type `ty`, checked; `None`
    /// after reporting why it does not fit.
    pub(super) fn default_value(
        &mut self,
        decl: &ast::DefaultDecl,
        ty: &Type,
        name: &str,
    ) -> Option<Value> {
        let (target, may_be_none) = match ty {
            Type::OrNone(inner) => ((**inner).clone(), true),
            other => (other.clone(), false),
        };
        let declared = self.written_type(ty);
        let Some(expr) = &decl.value else {
            if may_be_none || target == Type::Error {
                return Some(Value::None);
            }
            self.report(
                Problem::error(
                    "provisio::invalid_default",
                    format!("`{name}` cannot be none: it is declared `{declared}`"),
                    decl.span,
                    "not a value of its type",
                )
                .with_help(format!(
                    "declare it `{declared} or none` to let it be none, or give {} as its default",
                    self.type_name(&target)
                )),
            );
            return None;
        };
        let refuse = |checker: &mut Self, message: String, label: &str, help: String| {
            checker.report(
                Problem::error("provisio::invalid_default", message, decl.span, label)
                    .with_help(help),
            );
            None
        };
        match &target {
            Type::List(_) => {
                return refuse(
                    self,
                    format!("`{name}` is a list, which takes no default"),
                    "no default for a list",
                    String::from(
                        "leave the default out: a list the facts leave out is unknown, and `[]` in the facts says it is empty",
                    ),
                );
            }
            Type::Record(_) => {
                let help = if may_be_none {
                    String::from("give defaults to its fields, or write `default none`")
                } else {
                    String::from("give defaults to its fields instead")
                };
                return refuse(
                    self,
                    format!("`{name}` is a record, which takes no default as a whole"),
                    "no default for a record",
                    help,
                );
            }
            Type::Error => return None,
            _ => {}
        }
        let resolved = match (&expr.kind, &target) {
            (A::Path(path), Type::Enum(_)) if path.segments.len() == 1 => {
                let head = path.segments.first()?;
                // A misspelled value is reported with the nearest one.
                self.enum_literal(head, Some(&target), expr.span)?
            }
            (A::Path(_), _) => {
                let help = format!(
                    "give {}",
                    literal_example(&target, &self.type_name(&target))
                );
                return refuse(
                    self,
                    format!(
                        "the default of `{name}` is a name, but `{name}` is declared `{declared}`"
                    ),
                    "not a value of its type",
                    help,
                );
            }
            _ => self.expr(expr, Scope { provision: None }, Some(&target)),
        };
        if resolved.ty == Type::Error {
            return None;
        }
        match (&resolved.kind, &resolved.ty) {
            (ExprKind::Const(value), found) if fits(found, &target) => Some(value.clone()),
            _ => {
                let found = self.type_name(&resolved.ty);
                let example = match &target {
                    Type::Enum(id) => self
                        .enums
                        .get(*id as usize)
                        .map(|e| format!("one of its values: {}", e.values.join(", ")))
                        .unwrap_or_default(),
                    other => literal_example(other, &self.type_name(other)),
                };
                refuse(
                    self,
                    format!(
                        "the default of `{name}` is {found}, but `{name}` is declared `{declared}`"
                    ),
                    "not a value of its type",
                    format!("give {example}"),
                )
            }
        }
    }
}

/// A literal of a type, for help lines: "a date, such as `default 2024-03-31`".
fn literal_example(ty: &Type, name: &str) -> String {
    let example = match ty {
        Type::Bool => "`default true` or `default false`",
        Type::Integer => "`default 0`",
        Type::Decimal => "`default 0.5`",
        Type::Money(_) => "`default EUR 0`",
        Type::Date => "`default 2024-03-31`",
        Type::Text => "`default \"not stated\"`",
        _ => return format!("{name} written out"),
    };
    match ty {
        Type::Money(currency) => format!("{name}, such as `default {currency} 0`"),
        _ => format!("{name}, such as {example}"),
    }
}

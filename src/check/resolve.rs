//! Expressions: types inferred and checked, operators and literals. Names
//! and paths are resolved in `names.rs`, the built-in functions in
//! `functions.rs`, calls of definitions with parameters in `calls.rs`.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::dates::parse_date;
use super::{Checker, Scope};
use crate::ast::{self, BinaryOp, ExprKind as A, UnaryOp};
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::value::Value;

/// Whether a value of type `found` can stand where `expected` is wanted.
pub(crate) fn fits(found: &Type, expected: &Type) -> bool {
    match (found, expected) {
        (Type::Error, _) | (_, Type::Error) => true,
        (Type::Integer, Type::Decimal) => true,
        (Type::List(a), Type::List(b)) => fits(a, b),
        (Type::Scale(a), Type::Scale(b)) => fits(a, b),
        (a, b) => a == b,
    }
}

/// The type two branches or operands share, if any: numbers widen to decimals.
pub(super) fn join(a: &Type, b: &Type) -> Option<Type> {
    match (a, b) {
        (Type::Error, other) | (other, Type::Error) => Some(other.clone()),
        (Type::Integer, Type::Decimal) | (Type::Decimal, Type::Integer) => Some(Type::Decimal),
        (a, b) if a == b => Some(a.clone()),
        _ => None,
    }
}

pub(super) fn error_expr(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Const(Value::UNKNOWN),
        ty: Type::Error,
        span,
    }
}

impl<'a> Checker<'a> {
    /// Resolves an expression that must be true or false.
    pub(super) fn condition(&mut self, expr: &ast::Expr, scope: Scope, what: &str) -> Expr {
        let resolved = self.expr(expr, scope, Some(&Type::Bool));
        if !fits(&resolved.ty, &Type::Bool) {
            let found = self.type_name(&resolved.ty);
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("{what} must be true or false, but this is {found}"),
                    expr.span,
                    found,
                )
                .with_help("write a condition, such as `as_of before 2026-03-31` or `measure.kind is customs_duty`"),
            );
        }
        resolved
    }

    /// Resolves an expression; `expected` lets bare enumeration values resolve.
    /// A value that may be none is reported here: only `is none` and
    /// `or else` take one, through [`Checker::expr_maybe_none`].
    pub(super) fn expr(&mut self, expr: &ast::Expr, scope: Scope, expected: Option<&Type>) -> Expr {
        let resolved = self.expr_maybe_none(expr, scope, expected);
        self.refuse_maybe_none(resolved)
    }

    /// Resolves an expression that may be a value declared `or none`.
    pub(super) fn expr_maybe_none(
        &mut self,
        expr: &ast::Expr,
        scope: Scope,
        expected: Option<&Type>,
    ) -> Expr {
        let span = expr.span;
        match &expr.kind {
            A::Bool(b) => Expr {
                kind: ExprKind::Const(Value::Bool(*b)),
                ty: Type::Bool,
                span,
            },
            A::Number(text) => self.number(text, span),
            A::Date(text) => match parse_date(text) {
                Ok(date) => Expr {
                    kind: ExprKind::Const(Value::Date(date)),
                    ty: Type::Date,
                    span,
                },
                Err(_) => {
                    self.date_literal(text, span, true);
                    error_expr(span)
                }
            },
            A::Text(text) => Expr {
                kind: ExprKind::Const(Value::Text(text.as_str().into())),
                ty: Type::Text,
                span,
            },
            A::Path(path) => self.path(path, scope, expected),
            A::Lookup { target, date } => self.lookup(target, date, scope, span),
            A::Duration { .. } => {
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        "a duration stands only after `+` or `-` and a date",
                        span,
                        "a duration alone",
                    )
                    .with_help("move a date by it, as in `as_of + 30 days`; count between dates with `days_between(a, b)`"),
                );
                error_expr(span)
            }
            A::Call { function, args } => self.call(function, args, scope, span),
            A::DurationOf { .. } | A::Periods { .. } => self.calendar_form(expr, scope),
            A::Unary { op, operand, .. } => match op {
                UnaryOp::Not => {
                    let operand = self.condition(operand, scope, "the operand of `not`");
                    Expr {
                        kind: ExprKind::Not(Box::new(operand)),
                        ty: Type::Bool,
                        span,
                    }
                }
                UnaryOp::Negate => {
                    let operand = self.expr(operand, scope, None);
                    // `-5` and `-USD 5` are values as written.
                    match &operand.kind {
                        ExprKind::Const(Value::Number(n)) => {
                            return Expr {
                                kind: ExprKind::Const(Value::Number(-*n)),
                                ty: operand.ty.clone(),
                                span,
                            };
                        }
                        ExprKind::Const(Value::Money(m)) => {
                            return Expr {
                                kind: ExprKind::Const(Value::Money(m.negated())),
                                ty: operand.ty.clone(),
                                span,
                            };
                        }
                        _ => {}
                    }
                    let ty = if matches!(operand.ty, Type::Money(_)) {
                        operand.ty.clone()
                    } else {
                        self.numeric(&operand, "`-`")
                    };
                    Expr {
                        kind: ExprKind::Negate(Box::new(operand)),
                        ty,
                        span,
                    }
                }
            },
            A::Binary {
                op,
                op_span,
                left,
                right,
            } => self.binary(*op, *op_span, left, right, scope, span),
            A::Chain { op, operands } => {
                let what = format!("each side of `{}`", op.as_str());
                let resolved: Box<[Expr]> = operands
                    .iter()
                    .map(|operand| self.condition(operand, scope, &what))
                    .collect();
                Expr {
                    kind: if *op == BinaryOp::Or {
                        ExprKind::Any(resolved)
                    } else {
                        ExprKind::All(resolved)
                    },
                    ty: Type::Bool,
                    span,
                }
            }
            A::OneOf {
                operand,
                negated,
                values,
            } => {
                let operand = self.expr(operand, scope, None);
                let mut indices = Vec::new();
                match operand.ty.clone() {
                    Type::Enum(id) => {
                        for value in values {
                            if let Some(index) = self.enum_value(id, value) {
                                indices.push(index);
                            }
                        }
                    }
                    Type::Error => {}
                    other => {
                        let found = self.type_name(&other);
                        self.report(
                            Problem::error(
                                "provisio::type_mismatch",
                                format!(
                                    "`is one of` tests an enumeration value, but this is {found}"
                                ),
                                operand.span,
                                found,
                            )
                            .with_help(
                                "use `is one of` on a fact or definition declared `one of ...`",
                            ),
                        );
                    }
                }
                Expr {
                    kind: ExprKind::OneOf {
                        operand: Box::new(operand),
                        values: indices.into(),
                        negated: *negated,
                    },
                    ty: Type::Bool,
                    span,
                }
            }
            A::If {
                condition,
                then,
                otherwise,
            } => {
                let condition = self.condition(condition, scope, "the condition of `if`");
                let then = self.expr(then, scope, expected);
                let hint = expected.cloned().or_else(|| Some(then.ty.clone()));
                let otherwise = self.expr(otherwise, scope, hint.as_ref());
                let ty = match join(&then.ty, &otherwise.ty) {
                    Some(ty) => ty,
                    None => {
                        let (a, b) = (self.type_name(&then.ty), self.type_name(&otherwise.ty));
                        self.report(
                            Problem::error(
                                "provisio::type_mismatch",
                                format!("the two branches of `if` differ: {a} and {b}"),
                                otherwise.span,
                                b.clone(),
                            )
                            .with_label(then.span, a)
                            .with_help("both branches must give the same kind of value"),
                        );
                        Type::Error
                    }
                };
                Expr {
                    kind: ExprKind::If {
                        condition: Box::new(condition),
                        then: Box::new(then),
                        otherwise: Box::new(otherwise),
                    },
                    ty,
                    span,
                }
            }
            A::ReadingIs {
                reading,
                negated,
                alternative,
            } => self.reading_is(reading, *negated, alternative, span),
            A::Percent(digits) => self.percent(digits, span),
            A::Money { currency, amount } => self.money_literal(currency, amount, span),
            A::Round {
                operand,
                mode,
                places,
                clause,
            } => self.round(operand, *mode, *places, *clause, scope, span),
            A::Aggregate { .. } => self.aggregate(expr, scope),
            A::Overlap {
                from,
                to,
                window_from,
                window_to,
            } => self.overlap([from, to, window_from, window_to], scope, span),
            A::Scale { kind, brackets } => self.scale_literal(*kind, brackets, scope, span),
            A::IsNone { operand, negated } => self.is_none(operand, *negated, scope, span),
            A::OrElse { value, fallback } => self.or_else(value, fallback, scope, span),
            A::List { .. } => self.list_expr(expr, scope, expected),
            A::Index { list, index } => self.index(list, index, scope, span),
            A::OneOfList {
                operand,
                negated,
                list,
            } => self.one_of_list(operand, *negated, list, scope, span),
            A::Pick { .. } => self.pick(expr, scope),
            // Only a dated value's history holds it, and reads it there.
            A::NoLimit | A::Rows(_) => error_expr(span),
        }
    }

    fn number(&mut self, text: &str, span: Span) -> Expr {
        match Decimal::from_str(text) {
            Ok(value) => Expr {
                kind: ExprKind::Const(Value::Number(value)),
                ty: if text.contains('.') {
                    Type::Decimal
                } else {
                    Type::Integer
                },
                span,
            },
            Err(_) => {
                self.too_large(text, span);
                error_expr(span)
            }
        }
    }

    /// Checks that an operand is a number, giving its type or the error type.
    fn numeric(&mut self, operand: &Expr, op: &str) -> Type {
        if operand.ty.is_number() {
            return operand.ty.clone();
        }
        let found = self.type_name(&operand.ty);
        self.report(
            Problem::error(
                "provisio::type_mismatch",
                format!("{op} works on numbers, but this is {found}"),
                operand.span,
                found,
            )
            .with_help(if operand.ty == Type::Date {
                "to move a date, add or take away a duration such as `30 days`, `2 weeks`, `1 month` or `1 year`: `as_of + 30 days`; to count the days between two dates, take one from the other"
            } else {
                "arithmetic applies to `integer` and `decimal` values"
            }),
        );
        Type::Error
    }

    /// The index of an enumeration value, or reports the misspelling.
    pub(super) fn enum_value(&mut self, id: u32, value: &ast::Ident) -> Option<u32> {
        let enumeration = self.enums.get(id as usize)?;
        if let Some(index) = enumeration.values.iter().position(|v| *v == value.name) {
            return Some(index as u32);
        }
        let help = did_you_mean(&value.name, enumeration.values.iter().map(String::as_str))
            .unwrap_or_else(|| format!("the values are {}", enumeration.values.join(", ")));
        let message = format!(
            "`{}` is not one of {}",
            value.name,
            enumeration.values.join(", ")
        );
        let label = format!("not a value of {}", enumeration.name);
        self.report(
            Problem::error("provisio::unknown_value", message, value.span, label).with_help(help),
        );
        None
    }

    fn reading_is(
        &mut self,
        reading: &ast::Ident,
        negated: bool,
        alternative: &ast::Ident,
        span: Span,
    ) -> Expr {
        let own = if reading.name.contains('.') {
            // A used policy's reading: `reading mc13.expiry_boundary is ...`.
            match self.used_reading(reading) {
                Some(id) => Some(id),
                None => return error_expr(span),
            }
        } else {
            self.reading_index.get(reading.name.as_str()).copied()
        };
        let Some(id) = own else {
            let help = did_you_mean(&reading.name, self.reading_index.keys().copied())
                .unwrap_or_else(|| {
                    String::from("declare it with `reading NAME \"...\"` and its alternatives")
                });
            self.report(
                Problem::error(
                    "provisio::undefined_name",
                    format!("no reading is named `{}`", reading.name),
                    reading.span,
                    "not a reading",
                )
                .with_help(help),
            );
            return error_expr(span);
        };
        self.used_readings.insert(id);
        let Some(info) = self.readings.get(id as usize) else {
            return error_expr(span);
        };
        let names: Vec<&str> = info.alternatives.iter().map(|a| a.name.as_str()).collect();
        let Some(index) = names.iter().position(|n| *n == alternative.name) else {
            let help = did_you_mean(&alternative.name, names.iter().copied())
                .unwrap_or_else(|| format!("the alternatives are {}", names.join(", ")));
            let message = format!(
                "reading `{}` has no alternative `{}`; its alternatives are {}",
                reading.name,
                alternative.name,
                names.join(", ")
            );
            self.report(
                Problem::error(
                    "provisio::unknown_alternative",
                    message,
                    alternative.span,
                    "not an alternative",
                )
                .with_help(help),
            );
            return error_expr(span);
        };
        Expr {
            kind: ExprKind::ReadingIs {
                reading: id,
                alternative: index as u32,
                negated,
            },
            ty: Type::Bool,
            span,
        }
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        op_span: Span,
        left: &ast::Expr,
        right: &ast::Expr,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let (left, right, ty) = match op {
            BinaryOp::And | BinaryOp::Or => {
                let what = format!("each side of `{}`", op.as_str());
                let left = self.condition(left, scope, &what);
                let right = self.condition(right, scope, &what);
                (left, right, Type::Bool)
            }
            BinaryOp::Equal | BinaryOp::NotEqual => {
                let left = self.expr(left, scope, None);
                let right = self.expr(right, scope, Some(&left.ty));
                if join(&left.ty, &right.ty).is_none() {
                    self.mismatch(op, op_span, &left, &right);
                }
                (left, right, Type::Bool)
            }
            BinaryOp::Less
            | BinaryOp::LessOrEqual
            | BinaryOp::Greater
            | BinaryOp::GreaterOrEqual
            | BinaryOp::Before
            | BinaryOp::OnOrBefore
            | BinaryOp::After
            | BinaryOp::OnOrAfter => {
                let dates_only = matches!(
                    op,
                    BinaryOp::Before | BinaryOp::OnOrBefore | BinaryOp::After | BinaryOp::OnOrAfter
                );
                let left = self.expr(left, scope, None);
                let right = self.expr(right, scope, None);
                let mixed = self.date_number_mix(op, op_span, &left, &right);
                let mut bad = mixed;
                for side in [&left, &right] {
                    if mixed {
                        break;
                    }
                    let ok = if dates_only {
                        fits(&side.ty, &Type::Date)
                    } else {
                        side.ty.is_ordered()
                    };
                    if !ok {
                        bad = true;
                        let found = self.type_name(&side.ty);
                        let (message, help) = if dates_only {
                            (
                                format!("`{}` compares dates, but this is {found}", op.as_str()),
                                String::from("compare numbers with `<`, `<=`, `>` or `>=`"),
                            )
                        } else {
                            (
                                format!(
                                    "`{}` compares numbers or dates, but this is {found}",
                                    op.as_str()
                                ),
                                String::from("use `is` to compare other values"),
                            )
                        };
                        self.report(
                            Problem::error("provisio::type_mismatch", message, side.span, found)
                                .with_help(help),
                        );
                    }
                }
                if !bad && join(&left.ty, &right.ty).is_none() {
                    self.mismatch(op, op_span, &left, &right);
                }
                (left, right, Type::Bool)
            }
            BinaryOp::In | BinaryOp::NotIn => {
                return self.membership(op, op_span, left, right, scope, span);
            }
            BinaryOp::Add
            | BinaryOp::Subtract
            | BinaryOp::Multiply
            | BinaryOp::Divide
            | BinaryOp::Of => {
                if let Some(dated) = self.date_arithmetic(op, left, right, scope, span) {
                    return dated;
                }
                let left = self.expr(left, scope, None);
                let right = self.expr(right, scope, None);
                if op == BinaryOp::Subtract
                    && left.ty == Type::Date
                    && matches!(right.ty, Type::Date | Type::Error)
                {
                    return self.date_difference(left, right, span);
                }
                if self.date_number_mix(op, op_span, &left, &right) {
                    return error_expr(span);
                }
                if self.refuse_no_limit(op, &left) || self.refuse_no_limit(op, &right) {
                    return error_expr(span);
                }
                let ty = match self.amount_arithmetic(op, op_span, &left, &right) {
                    Some(ty) => ty,
                    None => {
                        let what = format!("`{}`", op.as_str());
                        let a = self.numeric(&left, &what);
                        let b = self.numeric(&right, &what);
                        match (a, b) {
                            (Type::Error, _) | (_, Type::Error) => Type::Error,
                            (Type::Integer, Type::Integer) if op != BinaryOp::Divide => {
                                Type::Integer
                            }
                            _ => Type::Decimal,
                        }
                    }
                };
                (left, right, ty)
            }
        };
        Expr {
            kind: ExprKind::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
            },
            ty,
            span,
        }
    }

    fn mismatch(&mut self, op: BinaryOp, op_span: Span, left: &Expr, right: &Expr) {
        if self.date_number_mix(op, op_span, left, right) {
            return;
        }
        let (a, b) = (self.type_name(&left.ty), self.type_name(&right.ty));
        if let (Type::Money(_), Type::Money(_)) = (&left.ty, &right.ty) {
            self.currency_mismatch(op, op_span, left, right);
            return;
        }
        if matches!((&left.ty, &right.ty), (Type::Money(_), t) | (t, Type::Money(_)) if t.is_number())
        {
            let currency = match (&left.ty, &right.ty) {
                (Type::Money(c), _) | (_, Type::Money(c)) => c.to_string(),
                _ => String::new(),
            };
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("cannot compare {a} with {b}"),
                    op_span,
                    "money and a plain number",
                )
                .with_label(left.span, a)
                .with_label(right.span, b)
                .with_help(format!(
                    "write the number as an amount, such as `{currency} 100`"
                )),
            );
            return;
        }
        self.report(
            Problem::error(
                "provisio::type_mismatch",
                format!("cannot compare {a} with {b}"),
                op_span,
                format!("`{}` needs two values of the same kind", op.as_str()),
            )
            .with_label(left.span, a)
            .with_label(right.span, b)
            .with_help("compare dates with dates, numbers with numbers, and enumeration values with values of the same enumeration"),
        );
    }
}

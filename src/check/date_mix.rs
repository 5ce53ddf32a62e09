//! A date meeting a number: `mc14.opening before 2024`, `as_of + 3`,
//! `due is 5`, `earliest(due, 30)`. Each is one type error that names both
//! types and says what to write instead, a date or a duration, rather than a
//! complaint about one side alone.

use super::Checker;
use crate::ast::BinaryOp;
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::value::Value;

/// Whether a value of this type is a number or an amount, which a date can
/// be neither compared nor combined with.
fn is_plain_amount(ty: &Type) -> bool {
    matches!(ty, Type::Integer | Type::Decimal | Type::Money(_))
}

/// The operand that is a date and the one that is a number, if that is
/// what the two are, in either order.
fn date_and_number<'e>(left: &'e Expr, right: &'e Expr) -> Option<(&'e Expr, &'e Expr)> {
    match (&left.ty, &right.ty) {
        (Type::Date, ty) if is_plain_amount(ty) => Some((left, right)),
        (ty, Type::Date) if is_plain_amount(ty) => Some((right, left)),
        _ => None,
    }
}

/// The whole number written as a constant, if the number is one: `3` in
/// `as_of + 3`, `2024` in `opening before 2024`.
fn whole_constant(number: &Expr) -> Option<i64> {
    match &number.kind {
        ExprKind::Const(Value::Number(n)) if n.fract().is_zero() => i64::try_from(*n).ok(),
        _ => None,
    }
}

/// What to write instead of comparing a date with `number`: a date, the
/// first day of the year when the number reads as one.
fn date_instead(number: &Expr) -> String {
    match whole_constant(number) {
        Some(year @ 1000..=9999) => format!(
            "to compare with the year {year}, write one of its days, such as {year}-01-01 or {year}-12-31"
        ),
        _ => "write a date such as 2024-03-31 in place of the number, or move a date by a duration such as `as_of + 3 days`".to_string(),
    }
}

/// A duration to write instead of the number added to or taken from a date.
fn duration_instead(number: &Expr) -> String {
    match whole_constant(number) {
        Some(n @ 0..) => {
            let unit = |word: &str| match n {
                1 => format!("`1 {word}`"),
                _ => format!("`{n} {word}s`"),
            };
            format!(
                "write a duration such as {}, {} or {}",
                unit("day"),
                unit("month"),
                unit("year")
            )
        }
        _ => "write a duration such as `3 days`, `2 weeks`, `1 month` or `1 year`".to_string(),
    }
}

impl Checker<'_> {
    /// Reports a date compared or combined with a number by `op`, naming
    /// both types; `false` when the operands are not a date and a number.
    pub(super) fn date_number_mix(
        &mut self,
        op: BinaryOp,
        op_span: Span,
        left: &Expr,
        right: &Expr,
    ) -> bool {
        // `20% of due` has its own problem: a rate applies to an amount.
        let Some((date, number)) = date_and_number(left, right).filter(|_| op != BinaryOp::Of)
        else {
            return false;
        };
        let (a, b) = (self.type_name(&left.ty), self.type_name(&right.ty));
        let (verb, help) = match op {
            BinaryOp::Add => ("added", duration_instead(number)),
            BinaryOp::Subtract if std::ptr::eq(date, left) => ("subtracted", {
                let count = "to count the days between two dates, take one date from another";
                format!("{}; {count}", duration_instead(number))
            }),
            BinaryOp::Subtract => (
                "subtracted",
                "a date cannot be taken from a number; to move a date, write it first and take a duration from it: `as_of - 3 days`".to_string(),
            ),
            BinaryOp::Multiply | BinaryOp::Divide => (
                "multiplied or divided",
                "arithmetic works on numbers; a date is only moved by a duration, such as `as_of + 3 days`".to_string(),
            ),
            _ => ("compared", date_instead(number)),
        };
        let message = format!("{a} and {b} cannot be {verb}");
        self.report(
            Problem::error(
                "provisio::type_mismatch",
                message.clone(),
                op_span,
                format!("`{}` between a date and a number", op.as_str()),
            )
            .with_label(left.span, a)
            .with_label(right.span, b)
            .with_help(format!("{message}; {help}")),
        );
        true
    }

    /// Reports `earliest` or `latest` given a date and a number, naming
    /// both types; `false` when `so_far` and `arg` are not a date and a number.
    pub(super) fn date_number_in_call(
        &mut self,
        function: &str,
        so_far: &Type,
        arg: &Expr,
    ) -> bool {
        let pair = matches!(
            (so_far, &arg.ty),
            (Type::Date, ty) | (ty, Type::Date) if is_plain_amount(ty)
        );
        if !pair {
            return false;
        }
        let (a, b) = (self.type_name(so_far), self.type_name(&arg.ty));
        let message = format!("{a} and {b} cannot be compared");
        let help = if arg.ty == Type::Date {
            format!("give `{function}` dates only, or numbers only")
        } else {
            date_instead(arg)
        };
        self.report(
            Problem::error(
                "provisio::type_mismatch",
                format!("{message}: `{function}` takes values of one kind"),
                arg.span,
                b,
            )
            .with_help(format!("{message}; {help}")),
        );
        true
    }
}

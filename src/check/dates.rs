//! Date arithmetic in the checker: durations after `+` and `-`, differences
//! between dates, and the month-end ambiguity it can see without facts.

use super::resolve::error_expr;
use super::{Checker, Scope};
use crate::ast::{self, BinaryOp, DurationUnit, ExprKind as A, Rounding};
use crate::calendar::{Shift, shift};
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::value::Value;
use crate::words::human_date;

/// The functions that count whole units between two dates.
pub(super) const BETWEEN: [(&str, DurationUnit); 4] = [
    ("days_between", DurationUnit::Days),
    ("weeks_between", DurationUnit::Weeks),
    ("months_between", DurationUnit::Months),
    ("years_between", DurationUnit::Years),
];

/// Parses a date written year-month-day, from 0001-01-01 to 9999-12-31, or
/// says why it is not one: the one reading of dates for the command line
/// (`--at`), policies, facts and batch rows (see [`crate::facts::parse_date`]).
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::facts::parse_date(text).map_err(|fault| fault.reason())
}

impl Checker<'_> {
    /// `date + 30 days`, `date - 1 month rounded down` or `30 days + date`:
    /// `None` when no operand is a duration.
    pub(super) fn date_arithmetic(
        &mut self,
        op: BinaryOp,
        left: &ast::Expr,
        right: &ast::Expr,
        scope: Scope,
        span: Span,
    ) -> Option<Expr> {
        let duration = |e: &ast::Expr| matches!(e.kind, A::Duration { .. } | A::DurationOf { .. });
        let (date_side, duration_side, sign) = match (op, duration(left), duration(right)) {
            (BinaryOp::Add | BinaryOp::Subtract, false, true) => {
                (left, right, if op == BinaryOp::Add { 1 } else { -1 })
            }
            (BinaryOp::Add, true, false) => (right, left, 1),
            (BinaryOp::Subtract, true, false) => {
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        "a date cannot be taken from a duration",
                        span,
                        "duration - date",
                    )
                    .with_help("write the date first: `as_of - 30 days`"),
                );
                return Some(error_expr(span));
            }
            _ => return None,
        };
        let date = self.expr(date_side, scope, None);
        let (amount, unit, rounding) = match &duration_side.kind {
            A::Duration {
                amount,
                unit,
                rounding,
            } => (amount, unit, rounding),
            A::DurationOf {
                count,
                unit,
                rounding,
            } => {
                if !matches!(date.ty, Type::Date | Type::Error) {
                    return Some(self.not_a_date(&date, span));
                }
                let back = sign < 0;
                return Some(self.shift_by(date, count, *unit, *rounding, back, scope, span));
            }
            _ => return None,
        };
        if !matches!(date.ty, Type::Date | Type::Error) {
            return Some(self.not_a_date(&date, span));
        }
        let Some(amount) = amount.parse::<i64>().ok().and_then(|a| a.checked_mul(sign)) else {
            self.report(
                Problem::error(
                    "provisio::number_out_of_range",
                    "the duration is too long",
                    duration_side.span,
                    "out of range",
                )
                .with_help("durations run to a few thousand years at most"),
            );
            return Some(error_expr(span));
        };
        self.check_month_end(&date, amount, *unit, *rounding, span);
        Some(Expr {
            kind: ExprKind::ShiftDate {
                date: Box::new(date),
                amount,
                unit: *unit,
                rounding: *rounding,
            },
            ty: Type::Date,
            span,
        })
    }

    /// Reports a duration added to or taken from something that is no date.
    fn not_a_date(&mut self, date: &Expr, span: Span) -> Expr {
        let found = self.type_name(&date.ty);
        self.report(
            Problem::error(
                "provisio::type_mismatch",
                format!("a duration is added to or taken from a date, but this is {found}"),
                date.span,
                found,
            )
            .with_help("write a date before it, such as `as_of + 30 days`"),
        );
        error_expr(span)
    }

    /// Reports a month or year step from a written date that lands on a day
    /// that does not exist, and warns about such a step from a date only the
    /// facts will tell.
    pub(super) fn check_month_end(
        &mut self,
        date: &Expr,
        amount: i64,
        unit: DurationUnit,
        rounding: Option<Rounding>,
        span: Span,
    ) {
        if rounding.is_some()
            || amount == 0
            || matches!(unit, DurationUnit::Days | DurationUnit::Weeks)
        {
            return;
        }
        let written = self.source.written(span);
        match &date.kind {
            ExprKind::Const(Value::Date(from)) => match shift(*from, amount, unit) {
                Shift::Missing(year, month, day) => {
                    let missing = crate::calendar::day_words(year, month, day);
                    let last = crate::calendar::round(year, month, Rounding::Down).map(human_date);
                    let next = crate::calendar::round(year, month, Rounding::Up).map(human_date);
                    self.report(
                        Problem::error(
                            "provisio::ambiguous_date",
                            format!("`{written}` names {missing}, a day that does not exist"),
                            span,
                            "lands on a missing day",
                        )
                        .with_help(format!(
                            "say which day is meant: `rounded down` for {}, or `rounded up` for {}",
                            last.unwrap_or_default(),
                            next.unwrap_or_default()
                        )),
                    );
                }
                Shift::OutOfRange => self.report(
                    Problem::error(
                        "provisio::number_out_of_range",
                        format!("`{written}` is beyond the calendar"),
                        span,
                        "out of range",
                    )
                    .with_help("dates run from about 262,000 BC to 262,000 AD"),
                ),
                Shift::Exact(_) => {}
            },
            _ => self.warn_calendar_rounding(span),
        }
    }

    /// A month or year step from a date the facts give, with no rounding:
    /// it may land on a day that does not exist.
    pub(super) fn warn_calendar_rounding(&mut self, span: Span) {
        let written = self.source.written(span);
        self.report(
            Problem::error(
                "provisio::calendar_rounding",
                format!("`{written}` lands on a day that does not exist whenever the date is the 29th, 30th or 31st and the target month is shorter"),
                span,
                "may land on a missing day",
            )
            .with_help("add `rounded down` (the month's last day) or `rounded up` (the next month's first day); silence with `# provisio: allow calendar_rounding`")
            .as_warning(),
        );
    }

    /// `b - a` of two dates: the number of days from a to b.
    pub(super) fn date_difference(&mut self, left: Expr, right: Expr, span: Span) -> Expr {
        Expr {
            kind: ExprKind::Between {
                unit: DurationUnit::Days,
                from: Box::new(right),
                to: Box::new(left),
            },
            ty: Type::Integer,
            span,
        }
    }

    /// `days_between(a, b)` and its kin: whole units from a to b.
    pub(super) fn between_call(
        &mut self,
        unit: DurationUnit,
        function: &ast::Ident,
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        if args.len() != 2 {
            self.report(
                Problem::error(
                    "provisio::arity",
                    format!(
                        "`{}` takes two dates, from and to; {} given",
                        function.name,
                        args.len()
                    ),
                    span,
                    "two dates expected",
                )
                .with_help(format!("write `{}(adopted_on, as_of)`", function.name)),
            );
            return error_expr(span);
        }
        let mut args = args.into_iter();
        let (Some(from), Some(to)) = (args.next(), args.next()) else {
            return error_expr(span);
        };
        for arg in [&from, &to] {
            if !matches!(arg.ty, Type::Date | Type::Error) {
                let found = self.type_name(&arg.ty);
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!(
                            "`{}` counts between dates, but this is {found}",
                            function.name
                        ),
                        arg.span,
                        found,
                    )
                    .with_help("give it two dates"),
                );
            }
        }
        Expr {
            kind: ExprKind::Between {
                unit,
                from: Box::new(from),
                to: Box::new(to),
            },
            ty: Type::Integer,
            span,
        }
    }
}

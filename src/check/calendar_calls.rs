//! The calendar in the checker: `year_of(d)`, `date(y, m, d)` and their
//! kin, durations whose count is computed (`as_of + n months`), and the days
//! of several periods within a window.

use chrono::Datelike;
use rust_decimal::prelude::ToPrimitive;

use super::resolve::{error_expr, fits};
use super::{Checker, Scope};
use crate::ast::{self, DurationUnit, Rounding};
use crate::diagnostic::Problem;
use crate::model::calendar::{CalendarFn, Coverage, ShiftBy};
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::value::Value;

impl Checker<'_> {
    /// A duration with a computed count where no date is moved by it, or
    /// the days of several periods.
    pub(super) fn calendar_form(&mut self, expr: &ast::Expr, scope: Scope) -> Expr {
        let span = expr.span;
        match &expr.kind {
            ast::ExprKind::Periods {
                each,
                periods,
                window_from,
                window_to,
            } => self.periods(
                each.as_ref(),
                periods,
                [window_from, window_to],
                scope,
                span,
            ),
            _ => {
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        "a duration stands only after `+` or `-` and a date",
                        span,
                        "a duration alone",
                    )
                    .with_help("move a date by it, as in `as_of + n months`"),
                );
                error_expr(span)
            }
        }
    }

    /// `year_of(d)`, `end_of_month(d)`, `date(y, m, d)`, ...: the arguments
    /// already resolved.
    pub(super) fn calendar_call(
        &mut self,
        function: CalendarFn,
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        let wanted = if function == CalendarFn::Date { 3 } else { 1 };
        if args.len() != wanted {
            let (takes, example) = if function == CalendarFn::Date {
                (
                    "three whole numbers, the year, the month and the day",
                    "`date(2026, 3, 31)`",
                )
            } else {
                ("one date", "`year_of(as_of)`")
            };
            let example = example.replace("year_of", function.name());
            self.report(
                Problem::error(
                    "provisio::arity",
                    format!("`{}` takes {takes}; {} given", function.name(), args.len()),
                    span,
                    if wanted == 3 {
                        "three whole numbers expected"
                    } else {
                        "one date expected"
                    },
                )
                .with_help(format!("write {example}")),
            );
            return error_expr(span);
        }
        let mut bad = false;
        for arg in &args {
            let (fitting, takes, help) = if function == CalendarFn::Date {
                (
                    arg.ty.is_number(),
                    "whole numbers",
                    String::from(
                        "give it the year, the month (1 to 12) and the day, such as `date(year_of(as_of), 12, 31)`",
                    ),
                )
            } else {
                (
                    fits(&arg.ty, &Type::Date),
                    "a date",
                    format!("give it a date, such as `{}(as_of)`", function.name()),
                )
            };
            if !fitting {
                bad = true;
                let found = self.type_name(&arg.ty);
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!("`{}` takes {takes}, but this is {found}", function.name()),
                        arg.span,
                        found,
                    )
                    .with_help(help),
                );
            }
        }
        if bad {
            return error_expr(span);
        }
        if function == CalendarFn::Date {
            self.check_written_date(&args, span);
        }
        Expr {
            kind: ExprKind::Calendar {
                function,
                args: args.into_boxed_slice(),
            },
            ty: if function.gives_date() {
                Type::Date
            } else {
                Type::Integer
            },
            span,
        }
    }

    /// `date(2023, 2, 29)` with every part written: an impossible day is
    /// reported now rather than on every evaluation.
    fn check_written_date(&mut self, args: &[Expr], span: Span) {
        let parts: Vec<Value> = args
            .iter()
            .filter_map(|a| match &a.kind {
                ExprKind::Const(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        if parts.len() != 3 {
            return;
        }
        if let Err(fault) = crate::eval::calendar_calls::date_of_parts(&parts) {
            self.report(fault.problem(span));
        }
    }

    /// `date + n months`, `date - (e.months) months rounded down`: a date
    /// moved by a computed count.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn shift_by(
        &mut self,
        date: Expr,
        count: &ast::Expr,
        unit: DurationUnit,
        rounding: Option<Rounding>,
        back: bool,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let count = self.expr(count, scope, Some(&Type::Integer));
        if !count.ty.is_number() {
            let found = self.type_name(&count.ty);
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!(
                        "the count of {} is a whole number, but this is {found}",
                        unit.as_str()
                    ),
                    count.span,
                    found,
                )
                .with_help(format!(
                    "put a whole number before the unit, such as `as_of + n {}` with `n` an integer",
                    unit.as_str()
                )),
            );
            return error_expr(span);
        }
        if let ExprKind::Const(Value::Number(n)) = &count.kind
            && !n.fract().is_zero()
        {
            self.report(
                crate::eval::calendar_calls::CalendarFault::NotWhole {
                    what: "count of a duration",
                    value: *n,
                }
                .problem(count.span),
            );
            return error_expr(span);
        }
        // A written whole count, `(3) months`, is a written duration: the
        // fast path, with the checks of one.
        if let ExprKind::Const(Value::Number(n)) = &count.kind
            && let Some(amount) = n
                .to_i64()
                .and_then(|a| if back { a.checked_neg() } else { Some(a) })
        {
            self.check_month_end(&date, amount, unit, rounding, span);
            return Expr {
                kind: ExprKind::ShiftDate {
                    date: Box::new(date),
                    amount,
                    unit,
                    rounding,
                },
                ty: Type::Date,
                span,
            };
        }
        if rounding.is_none() && matches!(unit, DurationUnit::Months | DurationUnit::Years) {
            let safe = matches!(&date.kind, ExprKind::Const(Value::Date(d)) if d.day() <= 28);
            if !safe {
                self.warn_calendar_rounding(span);
            }
        }
        Expr {
            kind: ExprKind::ShiftBy(Box::new(ShiftBy {
                date,
                count,
                back,
                unit,
                rounding,
            })),
            ty: Type::Date,
            span,
        }
    }

    /// A day of a period or window: a date; `end` may be none, for a
    /// period still running. Reports anything else with `complaint`.
    pub(super) fn period_day(
        &mut self,
        part: &ast::Expr,
        end: bool,
        scope: Scope,
        complaint: &str,
    ) -> Option<Expr> {
        let expr = if end {
            self.expr_maybe_none(part, scope, None)
        } else {
            self.expr(part, scope, None)
        };
        let fitting = match &expr.ty {
            Type::OrNone(inner) => end && fits(inner, &Type::Date),
            other => fits(other, &Type::Date),
        };
        if fitting {
            return Some(expr);
        }
        let found = self.type_name(&expr.ty);
        let help = if end {
            "write `days from start to end within window_start to window_end`, each a date; a period's end may be a date declared `or none`, for a period still running"
        } else {
            "write `days from start to end within window_start to window_end`, each a date"
        };
        self.report(
            Problem::error(
                "provisio::type_mismatch",
                format!("{complaint}, but this is {found}"),
                expr.span,
                found,
            )
            .with_help(help),
        );
        None
    }

    /// `days from a to b, from c to d within w to x` and `days of p in L
    /// from p.start to p.end within w to x`.
    pub(super) fn periods(
        &mut self,
        each: Option<&(ast::Ident, Box<ast::Expr>)>,
        periods: &[(ast::Expr, ast::Expr)],
        window: [&ast::Expr; 2],
        scope: Scope,
        span: Span,
    ) -> Expr {
        let complaint = "`days from ... within ...` counts between dates";
        let mut bad = false;
        let mut slot = None;
        if let Some((binder, list)) = each {
            let list = self.expr(list, scope, None);
            let element = self
                .list_element(
                    &list,
                    "`days of` goes through a list of periods",
                    "name a fact declared `list of record ... end` whose elements have a first and a last day, such as `days of p in periods from p.start to p.end within ...`",
                    None,
                )
                .unwrap_or(Type::Error);
            self.check_binder(binder, scope);
            slot = Some((self.binders.len() as u32, list));
            self.binders.push((binder.name.clone(), element));
        }
        let mut resolved = Vec::with_capacity(periods.len());
        for (from, to) in periods {
            let from = self.period_day(from, false, scope, complaint);
            let to = self.period_day(to, true, scope, complaint);
            match (from, to) {
                (Some(from), Some(to)) => resolved.push((from, to)),
                _ => bad = true,
            }
        }
        if slot.is_some() {
            self.binders.pop();
        }
        let window_from = self.period_day(window[0], false, scope, complaint);
        let window_to = self.period_day(window[1], false, scope, complaint);
        match (window_from, window_to) {
            (Some(window_from), Some(window_to)) if !bad => Expr {
                kind: ExprKind::Coverage(Box::new(Coverage {
                    each: slot,
                    periods: resolved.into_boxed_slice(),
                    window_from,
                    window_to,
                })),
                ty: Type::Integer,
                span,
            },
            _ => error_expr(span),
        }
    }
}

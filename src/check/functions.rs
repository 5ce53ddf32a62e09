//! The built-in functions: `earliest`, `latest`, `min`, `max`, the counts
//! between dates and the calendar functions, each call checked for its
//! arguments; a name that is none of them, nor a definition with parameters,
//! gets a "did you mean" over all of them.

use super::resolve::{error_expr, join};
use super::{Checker, Scope};
use crate::ast;
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::suggest::did_you_mean;

/// The functions the language knows.
const FUNCTIONS: [&str; 8] = [
    "earliest",
    "latest",
    "min",
    "max",
    "days_between",
    "weeks_between",
    "months_between",
    "years_between",
];

impl<'a> Checker<'a> {
    pub(super) fn call(
        &mut self,
        function: &ast::Ident,
        args: &[ast::Expr],
        scope: Scope,
        span: Span,
    ) -> Expr {
        if let Some(call) = self.definition_call(function, args, scope, span) {
            return call;
        }
        let resolved: Vec<Expr> = args.iter().map(|a| self.expr(a, scope, None)).collect();
        if let Some((_, unit)) = super::dates::BETWEEN
            .iter()
            .find(|(name, _)| *name == function.name)
        {
            return self.between_call(*unit, function, resolved, span);
        }
        if let Some(calendar) = crate::model::calendar::CalendarFn::named(&function.name) {
            return self.calendar_call(calendar, resolved, span);
        }
        let earliest = match function.name.as_str() {
            "earliest" | "min" => true,
            "latest" | "max" => false,
            other => {
                let calendar = crate::model::calendar::CalendarFn::ALL.map(|f| f.name());
                let help = did_you_mean(other, FUNCTIONS.into_iter().chain(calendar))
                    .unwrap_or_else(|| {
                        String::from("the functions are `earliest(a, b, ...)`, `latest(a, b, ...)`, `min(a, b, ...)`, `max(a, b, ...)` (each also of one list), `days_between(a, b)`, `weeks_between(a, b)`, `months_between(a, b)`, `years_between(a, b)`, `year_of(d)`, `month_of(d)`, `day_of(d)`, `start_of_year(d)`, `end_of_year(d)`, `start_of_month(d)`, `end_of_month(d)` and `date(y, m, d)`")
                    });
                self.report(
                    Problem::error(
                        "provisio::undefined_function",
                        format!("there is no function `{other}`"),
                        function.span,
                        "unknown function",
                    )
                    .with_help(help),
                );
                return error_expr(span);
            }
        };
        if resolved.is_empty() {
            self.report(
                Problem::error(
                    "provisio::arity",
                    format!("`{}` needs at least one value", function.name),
                    span,
                    "no arguments",
                )
                .with_help(format!("write `{}(a, b)`", function.name)),
            );
            return error_expr(span);
        }
        if let [list] = resolved.as_slice()
            && let Type::List(_) = &list.ty
        {
            return self.extreme_of_list(function, resolved, earliest, span);
        }
        let mut ty = Type::Error;
        for arg in &resolved {
            if !arg.ty.is_ordered() {
                let found = self.type_name(&arg.ty);
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!(
                            "`{}` compares dates or numbers, but this is {found}",
                            function.name
                        ),
                        arg.span,
                        found,
                    )
                    .with_help("give it dates, or numbers, of the same kind"),
                );
                continue;
            }
            match join(&ty, &arg.ty) {
                Some(joined) => ty = joined,
                None if self.date_number_in_call(&function.name, &ty, arg) => ty = Type::Error,
                None => {
                    let (a, b) = (self.type_name(&ty), self.type_name(&arg.ty));
                    self.report(
                        Problem::error(
                            "provisio::type_mismatch",
                            format!("`{}` cannot compare {a} with {b}", function.name),
                            arg.span,
                            b,
                        )
                        .with_help("give it values of one kind: all dates, or all numbers"),
                    );
                }
            }
        }
        let args = resolved.into_boxed_slice();
        Expr {
            kind: if earliest {
                ExprKind::Earliest(args)
            } else {
                ExprKind::Latest(args)
            },
            ty,
            span,
        }
    }
}

//! Expressions: names resolved to indices, types inferred and checked.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::dates::parse_date;
use super::{Checker, Local, Scope};
use crate::ast::{self, BinaryOp, ExprKind as A, UnaryOp};
use crate::diagnostic::Problem;
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::value::Value;

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
        let Some(id) = self.reading_index.get(reading.name.as_str()).copied() else {
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

    fn call(
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

    /// Resolves a name or dotted reference.
    fn path(&mut self, path: &ast::Path, scope: Scope, expected: Option<&Type>) -> Expr {
        let span = path.span;
        let Some(head) = path.segments.first() else {
            return error_expr(span);
        };
        let rest = path.segments.get(1..).unwrap_or(&[]);
        if let Some((slot, ty)) = self.binder(&head.name) {
            let base = Expr {
                kind: ExprKind::Bound(slot),
                ty,
                span: head.span,
            };
            return self.fields(base, rest, span);
        }
        let local = scope
            .provision
            .and_then(|p| self.locals.get(p as usize))
            .and_then(|l| l.get(head.name.as_str()))
            .copied();
        if local.is_none()
            && !rest.is_empty()
            && let Some(value) = self.qualified_enum_value(path)
        {
            return value;
        }
        let (base, rest) = if let Some(local) = local {
            (self.local_ref(local, head, span), rest)
        } else if head.name == "as_of" {
            (
                Expr {
                    kind: ExprKind::AsOf,
                    ty: Type::Date,
                    span: head.span,
                },
                rest,
            )
        } else if let Some(fact) = self.fact_index.get(head.name.as_str()).copied() {
            self.used_facts.insert(fact);
            return self.fact_path(fact, head, rest, span);
        } else if let Some(provision) = self.provision_index.get(head.name.as_str()).copied() {
            let Some((name, rest)) = rest.split_first() else {
                if let Some(value) = self.value_named_like_provision(head, expected, span) {
                    return value;
                }
                self.report(
                    Problem::error(
                        "provisio::not_a_value",
                        format!("`{}` is a provision, not a value", head.name),
                        head.span,
                        "a provision",
                    )
                    .with_help(format!(
                        "name one of its rules, such as `{}.in_force`",
                        head.name
                    )),
                );
                return error_expr(span);
            };
            let target = ast::Path {
                segments: vec![head.clone(), name.clone()],
                span: head.span.to(name.span),
            };
            match self.resolve_local_path(provision, &target, "a rule") {
                Some(local) => (self.local_ref(local, name, head.span.to(name.span)), rest),
                None => return error_expr(span),
            }
        } else {
            // A named type is no value, unless the expected enumeration has
            // a value of that name.
            let expected_has = match expected {
                Some(Type::Enum(id)) => self
                    .enums
                    .get(*id as usize)
                    .is_some_and(|e| e.values.contains(&head.name)),
                _ => false,
            };
            if !expected_has && self.type_as_value(head) {
                return error_expr(span);
            }
            // A bare name that is no declared name may be an enumeration value.
            if rest.is_empty()
                && let Some(value) = self.enum_literal(head, expected, span)
            {
                return value;
            }
            let mut candidates: Vec<&str> = vec!["as_of"];
            candidates.extend(self.binders.iter().map(|(name, _)| name.as_str()));
            candidates.extend(self.fact_index.keys().copied());
            candidates.extend(self.provision_index.keys().copied());
            if let Some(locals) = scope.provision.and_then(|p| self.locals.get(p as usize)) {
                candidates.extend(locals.keys().copied());
            }
            candidates.sort_unstable();
            let help = match (
                expected,
                did_you_mean(&head.name, candidates.iter().copied()),
            ) {
                (_, Some(help)) => help,
                (Some(Type::Enum(id)), None) => {
                    let values = self
                        .enums
                        .get(*id as usize)
                        .map(|e| e.values.join(", "))
                        .unwrap_or_default();
                    format!("the values here are {values}")
                }
                _ => String::from("declare it as a fact, or define it in a provision"),
            };
            if let Some(problem) = self.caller_element(head, span) {
                self.report(problem);
                return error_expr(span);
            }
            self.report(
                Problem::error(
                    "provisio::undefined_name",
                    format!("`{}` is not defined", head.name),
                    head.span,
                    "not defined",
                )
                .with_help(help),
            );
            return error_expr(span);
        };
        self.fields(base, rest, span)
    }

    /// A bare enumeration value: of the expected enumeration, or of the only
    /// enumeration that has a value of that name. Reports a misspelled value
    /// of the expected enumeration.
    pub(super) fn enum_literal(
        &mut self,
        name: &ast::Ident,
        expected: Option<&Type>,
        span: Span,
    ) -> Option<Expr> {
        if let Some(Type::Enum(id)) = expected {
            let enumeration = self.enums.get(*id as usize)?;
            let index = enumeration.values.iter().position(|v| *v == name.name);
            return match index {
                Some(index) => Some(Expr {
                    kind: ExprKind::Const(Value::Enum(*id, index as u32)),
                    ty: Type::Enum(*id),
                    span,
                }),
                None => {
                    self.enum_value(*id, name);
                    Some(error_expr(span))
                }
            };
        }
        let owners: Vec<(u32, u32)> = self
            .enums
            .iter()
            .enumerate()
            .filter_map(|(id, e)| {
                e.values
                    .iter()
                    .position(|v| *v == name.name)
                    .map(|i| (id as u32, i as u32))
            })
            .collect();
        match owners.as_slice() {
            [(id, index)] => Some(Expr {
                kind: ExprKind::Const(Value::Enum(*id, *index)),
                ty: Type::Enum(*id),
                span,
            }),
            [] => None,
            _ => {
                let names: Vec<String> = owners
                    .iter()
                    .filter_map(|(id, _)| self.enums.get(*id as usize).map(|e| e.name.clone()))
                    .collect();
                self.report(
                    Problem::error(
                        "provisio::ambiguous_value",
                        format!("`{}` is a value of several enumerations: {}", name.name, names.join(", ")),
                        name.span,
                        "which one?",
                    )
                    .with_help(format!(
                        "write it with its type, {}, compare it with a value of the enumeration you mean, or declare the definition's type",
                        self.qualified_forms(&name.name, &owners)
                    )),
                );
                Some(error_expr(span))
            }
        }
    }

    /// An expression for a rule of a provision.
    fn local_ref(&mut self, local: Local, name: &ast::Ident, span: Span) -> Expr {
        match local {
            Local::Definition(id) => {
                if self.takes_params(id) {
                    self.call_needs_arguments(id, span);
                    return error_expr(span);
                }
                let ty = self.definition_type(id);
                Expr {
                    kind: ExprKind::Definition(id),
                    ty,
                    span,
                }
            }
            Local::Deontic(id) => {
                let ty = self.deontic_type(id);
                Expr {
                    kind: ExprKind::Deontic(id),
                    ty,
                    span,
                }
            }
            Local::Parameter(id) => Expr {
                kind: ExprKind::Parameter {
                    parameter: id,
                    date: None,
                },
                ty: self.parameter_type(id),
                span,
            },
            Local::Exception(_) => {
                self.report(
                    Problem::error(
                        "provisio::not_a_value",
                        format!("`{}` is an exception, not a value", name.name),
                        name.span,
                        "an exception",
                    )
                    .with_help("use the definition it overrides; the exception takes effect there"),
                );
                error_expr(span)
            }
        }
    }

    /// A fact and the fields below it, resolved to indices.
    fn fact_path(&mut self, fact: u32, head: &ast::Ident, rest: &[ast::Ident], span: Span) -> Expr {
        let mut ty = self
            .facts
            .get(fact as usize)
            .map(|f| f.field.ty.clone())
            .unwrap_or(Type::Error);
        let mut fields = Vec::new();
        let mut at = format!("`{}`", head.name);
        for segment in rest {
            let Some((index, field_ty)) = self.field_of(&ty, segment, &at) else {
                return error_expr(span);
            };
            ty = field_ty;
            fields.push(index);
            at = format!("`{}.{}`", at.trim_matches('`'), segment.name);
        }
        Expr {
            kind: ExprKind::Fact {
                fact,
                fields: fields.into(),
            },
            ty,
            span,
        }
    }

    /// The index and type of a record's field, or reports why there is none.
    /// `at` names the record in messages.
    fn field_of(&mut self, ty: &Type, segment: &ast::Ident, at: &str) -> Option<(u32, Type)> {
        let record = match ty {
            Type::Record(record) => *record,
            Type::Error => return None,
            // No record, so none of its fields: a field of a record that
            // may be none may be none too.
            Type::OrNone(inner) => {
                let (index, field_ty) = self.field_of(inner, segment, at)?;
                let field_ty = match field_ty {
                    Type::OrNone(_) | Type::Error => field_ty,
                    other => Type::OrNone(Box::new(other)),
                };
                return Some((index, field_ty));
            }
            Type::List(_) => {
                self.report(
                    Problem::error(
                        "provisio::not_a_record",
                        format!("{at} is a list, and a list has no field `{}`; its elements may", segment.name),
                        segment.span,
                        "a field of each element, not of the list",
                    )
                    .with_help(format!(
                        "go through the elements with an aggregate, such as `any x in {} satisfies x.{}` or `count x in {} where x.{}`",
                        at.trim_matches('`'),
                        segment.name,
                        at.trim_matches('`'),
                        segment.name
                    )),
                );
                return None;
            }
            other => {
                let found = self.type_name(other);
                self.report(
                    Problem::error(
                        "provisio::not_a_record",
                        format!("{at} is {found}, which has no field `{}`", segment.name),
                        segment.span,
                        "no such field",
                    )
                    .with_help(format!("only records have fields; use {at} itself")),
                );
                return None;
            }
        };
        let info = self.records.get(record as usize)?;
        let Some(index) = info.fields.iter().position(|f| f.name == segment.name) else {
            let names: Vec<&str> = info.fields.iter().map(|f| f.name.as_str()).collect();
            let help = did_you_mean(&segment.name, names.iter().copied())
                .unwrap_or_else(|| format!("its fields are {}", names.join(", ")));
            self.report(
                Problem::error(
                    "provisio::undefined_name",
                    format!("{at} has no field `{}`", segment.name),
                    segment.span,
                    "no such field",
                )
                .with_help(help),
            );
            return None;
        };
        let field_ty = info
            .fields
            .get(index)
            .map(|f| f.ty.clone())
            .unwrap_or(Type::Error);
        Some((index as u32, field_ty))
    }

    /// Field accesses on a computed record.
    fn fields(&mut self, mut base: Expr, rest: &[ast::Ident], span: Span) -> Expr {
        for segment in rest {
            let Some((index, ty)) = self.field_of(&base.ty.clone(), segment, "this record") else {
                return error_expr(span);
            };
            base = Expr {
                kind: ExprKind::Field {
                    record: Box::new(base),
                    field: index,
                },
                ty,
                span,
            };
        }
        base
    }
}

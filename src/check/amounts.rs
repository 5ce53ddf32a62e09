//! Money, percentages, rounding and rate scales: their literals and the
//! arithmetic that mixes them, checked so that amounts in different
//! currencies never meet and a rate only ever applies to an amount.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::resolve::{error_expr, fits};
use super::{Checker, Scope};
use crate::ast::{self, BinaryOp, RoundingMode, ScaleKind};
use crate::diagnostic::Problem;
use crate::model::scale::{Bracket, Scale};
use crate::model::{Expr, ExprKind, Type};
use crate::span::Span;
use crate::value::{Currency, Money, Value};

/// The most decimal places an exact decimal holds.
const MAX_PLACES: u32 = 28;

/// A constant expression.
fn constant(value: Value, ty: Type, span: Span) -> Expr {
    Expr {
        kind: ExprKind::Const(value),
        ty,
        span,
    }
}

impl<'a> Checker<'a> {
    /// `USD 952.50`.
    pub(super) fn money_literal(
        &mut self,
        currency: &ast::Ident,
        amount: &str,
        span: Span,
    ) -> Expr {
        let Some(code) = Currency::parse(&currency.name) else {
            return error_expr(span);
        };
        match Decimal::from_str(amount) {
            Ok(amount) => constant(
                Value::Money(Money::new(code, amount)),
                Type::Money(code),
                span,
            ),
            Err(_) => {
                self.too_large(amount, span);
                error_expr(span)
            }
        }
    }

    /// `20%`: the rate 0.2.
    pub(super) fn percent(&mut self, digits: &str, span: Span) -> Expr {
        match Decimal::from_str(digits)
            .ok()
            .and_then(|d| d.checked_div(Decimal::ONE_HUNDRED))
        {
            Some(rate) => constant(Value::Number(rate.normalize()), Type::Decimal, span),
            None => {
                self.too_large(digits, span);
                error_expr(span)
            }
        }
    }

    pub(super) fn too_large(&mut self, text: &str, span: Span) {
        self.report(
            Problem::error(
                "provisio::number_out_of_range",
                format!("`{text}` is too large a number"),
                span,
                "out of range",
            )
            .with_help("numbers have at most 28 significant digits"),
        );
    }

    /// `EXPR rounded MODE to PLACES`.
    pub(super) fn round(
        &mut self,
        operand: &ast::Expr,
        mode: RoundingMode,
        places: u32,
        clause: Span,
        scope: Scope,
        span: Span,
    ) -> Expr {
        let operand = self.expr(operand, scope, None);
        if !operand.ty.is_amount() {
            let found = self.type_name(&operand.ty);
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("only numbers and amounts of money are rounded, but this is {found}"),
                    operand.span,
                    found,
                )
                .with_label(clause, "rounding")
                .with_help("round an amount, such as `price * 20% rounded half up to the cent`"),
            );
            return error_expr(span);
        }
        if places > MAX_PLACES {
            self.report(
                Problem::error(
                    "provisio::number_out_of_range",
                    format!("an exact decimal has at most {MAX_PLACES} decimal places"),
                    clause,
                    "too many places",
                )
                .with_help(
                    "round to fewer decimal places, such as `to the cent` or `to 4 decimal places`",
                ),
            );
            return error_expr(span);
        }
        let ty = operand.ty.clone();
        Expr {
            kind: ExprKind::Round {
                operand: Box::new(operand),
                mode,
                places,
            },
            ty,
            span,
        }
    }

    /// Arithmetic where money, a scale or `of` is involved; `None` leaves
    /// plain numbers to the caller.
    pub(super) fn amount_arithmetic(
        &mut self,
        op: BinaryOp,
        op_span: Span,
        left: &Expr,
        right: &Expr,
    ) -> Option<Type> {
        let money = |t: &Type| match t {
            Type::Money(c) => Some(*c),
            _ => None,
        };
        let (lm, rm) = (money(&left.ty), money(&right.ty));
        if op != BinaryOp::Of && lm.is_none() && rm.is_none() {
            return None;
        }
        if matches!(left.ty, Type::Error) || matches!(right.ty, Type::Error) {
            return Some(Type::Error);
        }
        let ty = match op {
            BinaryOp::Of => return Some(self.apply_rate(op_span, left, right)),
            BinaryOp::Add | BinaryOp::Subtract => match (lm, rm) {
                (Some(a), Some(b)) if a == b => Type::Money(a),
                (Some(_), Some(_)) => {
                    self.currency_mismatch(op, op_span, left, right);
                    Type::Error
                }
                _ => self.money_with_other(op, op_span, left, right),
            },
            BinaryOp::Multiply => match (lm, rm) {
                (Some(a), None) if right.ty.is_number() => Type::Money(a),
                (None, Some(b)) if left.ty.is_number() => Type::Money(b),
                (Some(_), Some(_)) => {
                    self.report(
                        Problem::error(
                            "provisio::type_mismatch",
                            "two amounts of money cannot be multiplied together",
                            op_span,
                            "money times money",
                        )
                        .with_label(left.span, self.type_name(&left.ty))
                        .with_label(right.span, self.type_name(&right.ty))
                        .with_help("multiply an amount by a number or a rate, such as `price * 20%` or `20% of price`"),
                    );
                    Type::Error
                }
                _ => self.money_with_other(op, op_span, left, right),
            },
            _ => match (lm, rm) {
                (Some(a), None) if right.ty.is_number() => Type::Money(a),
                // An amount divided by an amount is how many times one
                // holds the other: a plain number.
                (Some(a), Some(b)) if a == b => Type::Decimal,
                (Some(_), Some(_)) => {
                    self.currency_mismatch(op, op_span, left, right);
                    Type::Error
                }
                (None, Some(_)) if left.ty.is_number() => {
                    self.report(
                        Problem::error(
                            "provisio::type_mismatch",
                            "a number cannot be divided by an amount of money",
                            op_span,
                            "number divided by money",
                        )
                        .with_label(right.span, self.type_name(&right.ty))
                        .with_help("divide the amount by the number instead, or divide two amounts to compare them"),
                    );
                    Type::Error
                }
                _ => self.money_with_other(op, op_span, left, right),
            },
        };
        Some(ty)
    }

    /// `RATE of AMOUNT` or `SCALE of AMOUNT`.
    fn apply_rate(&mut self, op_span: Span, left: &Expr, right: &Expr) -> Type {
        if !right.ty.is_amount() {
            let found = self.type_name(&right.ty);
            let what = if matches!(left.ty, Type::Scale(_)) {
                "a scale"
            } else {
                "a rate"
            };
            self.report(
                Problem::error(
                    "provisio::type_mismatch",
                    format!("{what} applies to an amount of money or a number, but this is {found}"),
                    right.span,
                    found,
                )
                .with_label(op_span, format!("{what} applied here"))
                .with_help(if right.ty == Type::Date {
                    "a date has no share to take; apply the rate to an amount, such as `20% of price`"
                } else {
                    "apply it to an amount, such as `20% of price`"
                }),
            );
            return Type::Error;
        }
        match &left.ty {
            Type::Integer | Type::Decimal => match right.ty {
                Type::Money(c) => Type::Money(c),
                _ => Type::Decimal,
            },
            Type::Scale(amounts) => {
                if fits(&right.ty, amounts) || fits(amounts, &right.ty) {
                    match right.ty {
                        Type::Money(c) => Type::Money(c),
                        _ => Type::Decimal,
                    }
                } else {
                    let (want, found) = (self.type_name(amounts), self.type_name(&right.ty));
                    let code =
                        if matches!((&**amounts, &right.ty), (Type::Money(_), Type::Money(_))) {
                            "provisio::currency_mismatch"
                        } else {
                            "provisio::type_mismatch"
                        };
                    self.report(
                        Problem::error(
                            code,
                            format!(
                                "the scale's thresholds are {want}, but it is applied to {found}"
                            ),
                            right.span,
                            found,
                        )
                        .with_label(left.span, format!("a scale over {want}"))
                        .with_help(
                            "apply a scale to amounts of the kind its thresholds are written in",
                        ),
                    );
                    Type::Error
                }
            }
            other => {
                let found = self.type_name(other);
                self.report(
                    Problem::error(
                        "provisio::type_mismatch",
                        format!("`of` takes a rate or a scale on its left, but this is {found}"),
                        left.span,
                        found,
                    )
                    .with_help(
                        "write a rate such as `20% of price`, or a scale such as `rates of income`",
                    ),
                );
                Type::Error
            }
        }
    }

    /// Amounts in two currencies on the two sides of `op`.
    pub(super) fn currency_mismatch(
        &mut self,
        op: BinaryOp,
        op_span: Span,
        left: &Expr,
        right: &Expr,
    ) {
        let (a, b) = (self.type_name(&left.ty), self.type_name(&right.ty));
        let verb = match op {
            BinaryOp::Add => "added to",
            BinaryOp::Subtract => "taken from",
            BinaryOp::Divide => "divided by",
            _ => "compared with",
        };
        let (subject, object) = if op == BinaryOp::Subtract {
            (b.clone(), a.clone())
        } else {
            (a.clone(), b.clone())
        };
        self.report(
            Problem::error(
                "provisio::currency_mismatch",
                format!("{subject} cannot be {verb} {object}"),
                op_span,
                "different currencies",
            )
            .with_label(left.span, a)
            .with_label(right.span, b)
            .with_help("convert one amount first, at a rate written as an amount per unit of the other currency: `price / USD 1 * EUR 0.92` is the price in euros"),
        );
    }

    /// An amount of money on one side of `op`, something `op` cannot
    /// combine it with on the other: reported, and the error type.
    fn money_with_other(&mut self, op: BinaryOp, op_span: Span, left: &Expr, right: &Expr) -> Type {
        let (amount, other) = if matches!(left.ty, Type::Money(_)) {
            (left, right)
        } else {
            (right, left)
        };
        let (a, b) = (self.type_name(&amount.ty), self.type_name(&other.ty));
        let help = match (&amount.ty, other.ty.is_number()) {
            (Type::Money(c), true) => {
                format!(
                    "write the number as an amount, such as `{c} 100`, or multiply the amount by it"
                )
            }
            _ => String::from(
                "arithmetic on money takes amounts in the same currency, or numbers to multiply and divide by",
            ),
        };
        self.report(
            Problem::error(
                "provisio::type_mismatch",
                format!("`{}` cannot combine {a} with {b}", op.as_str()),
                op_span,
                "money and something else",
            )
            .with_label(amount.span, a)
            .with_label(other.span, b)
            .with_help(help),
        );
        Type::Error
    }

    /// `marginal rates ... end` or `bracket table ... end`: a constant scale.
    pub(super) fn scale_literal(
        &mut self,
        kind: ScaleKind,
        brackets: &[ast::BracketDecl],
        scope: Scope,
        span: Span,
    ) -> Expr {
        if self.refuse_bracket_changes(brackets) {
            return error_expr(span);
        }
        let mut amounts: Option<Type> = None;
        let mut lowered: Vec<Bracket> = Vec::new();
        let mut previous: Option<(Decimal, Span)> = None;
        let mut broken = false;
        let resolved: Vec<(Expr, Option<Expr>, Expr)> = brackets
            .iter()
            .map(|b| {
                (
                    self.expr(&b.over, scope, None),
                    b.base.as_ref().map(|base| self.expr(base, scope, None)),
                    self.expr(&b.rate, scope, None),
                )
            })
            .collect();
        // A scale written out keeps the fast path: a constant, checked here.
        if !super::computed_scales::written_out(&resolved) {
            return self.computed_scale(kind, resolved, span);
        }
        for (over, base, rate) in resolved {
            let (Some(threshold), Some(rate_value)) = (
                self.scale_amount(&over, &mut amounts),
                self.scale_rate(&rate),
            ) else {
                broken = true;
                continue;
            };
            let base_value = match &base {
                Some(base) => match self.scale_amount(base, &mut amounts) {
                    Some(b) => b,
                    None => {
                        broken = true;
                        continue;
                    }
                },
                None => Decimal::ZERO,
            };
            if let Some((before, before_span)) = previous
                && threshold <= before
            {
                broken = true;
                self.report(
                    Problem::error(
                        "provisio::scale_overlap",
                        "the brackets of this scale overlap: each threshold must be higher than the one before",
                        over.span,
                        "not above the threshold before",
                    )
                    .with_label(before_span, "the threshold before")
                    .with_help("list the brackets from the lowest threshold to the highest, each once"),
                );
            }
            previous = Some((threshold, over.span));
            lowered.push(Bracket {
                over: threshold,
                base: base_value,
                rate: rate_value,
            });
        }
        if broken {
            return error_expr(span);
        }
        let amounts = amounts.unwrap_or(Type::Decimal);
        let currency = match amounts {
            Type::Money(c) => Some(c),
            _ => None,
        };
        let scale = Scale {
            kind,
            currency,
            brackets: lowered,
        };
        if kind == ScaleKind::Table {
            self.check_continuity(&scale, brackets);
        }
        constant(
            {
                self.scales.push(scale);
                Value::Scale((self.scales.len() - 1) as u32)
            },
            Type::Scale(Box::new(amounts)),
            span,
        )
    }

    /// A threshold or base amount: a constant number or amount of money, of
    /// one kind across the scale.
    fn scale_amount(&mut self, expr: &Expr, kind: &mut Option<Type>) -> Option<Decimal> {
        if matches!(expr.ty, Type::Error) {
            return None;
        }
        let value = match &expr.kind {
            ExprKind::Const(value) => value.scalar().and_then(|s| s.amount()),
            _ => None,
        };
        let Some((amount, _)) = value else {
            self.report(
                Problem::error(
                    "provisio::scale_bracket",
                    "a scale's thresholds and base amounts are numbers or amounts of money",
                    expr.span,
                    "not an amount",
                )
                .with_help("write an amount, such as `USD 9525`, or compute one"),
            );
            return None;
        };
        match kind {
            None => *kind = Some(expr.ty.clone()),
            Some(Type::Integer) if expr.ty == Type::Decimal => *kind = Some(Type::Decimal),
            Some(known) if fits(&expr.ty, known) => {}
            Some(known) => {
                let (want, found) = (self.type_name(known), self.type_name(&expr.ty));
                let (code, message) = match (&*known, &expr.ty) {
                    (Type::Money(a), Type::Money(b)) => (
                        "provisio::currency_mismatch",
                        format!("this scale's amounts are in {a}, but this one is in {b}"),
                    ),
                    _ => (
                        "provisio::type_mismatch",
                        format!("this scale's amounts are {want}, but this one is {found}"),
                    ),
                };
                self.report(
                    Problem::error(code, message, expr.span, found).with_help(
                        "write every threshold and base amount of a scale in one currency",
                    ),
                );
                return None;
            }
        }
        Some(amount)
    }

    /// A bracket's rate: a constant number such as `12%` or `0.12`.
    fn scale_rate(&mut self, expr: &Expr) -> Option<Decimal> {
        match (&expr.kind, &expr.ty) {
            (_, Type::Error) => None,
            (ExprKind::Const(Value::Number(rate)), _) => Some(*rate),
            _ => {
                let found = self.type_name(&expr.ty);
                let message = if expr.ty.is_number() {
                    String::from("a scale's rates are written out, not computed")
                } else {
                    format!("a bracket's rate is a number such as `12%`, but this is {found}")
                };
                self.report(
                    Problem::error("provisio::scale_bracket", message, expr.span, found)
                        .with_help("write the rate as a percentage, such as `12%`"),
                );
                None
            }
        }
    }

    /// A bracket table whose base amounts do not continue where the bracket
    /// below reaches is most often a slip in copying the table: a warning.
    fn check_continuity(&mut self, scale: &Scale, brackets: &[ast::BracketDecl]) {
        let shown = |amount: Decimal| match scale.currency {
            Some(currency) => Money::new(currency, amount).to_string(),
            None => amount.normalize().to_string(),
        };
        for (index, pair) in scale.brackets.windows(2).enumerate() {
            let [low, high] = pair else { continue };
            let Some(reach) = high
                .over
                .checked_sub(low.over)
                .and_then(|slice| slice.checked_mul(low.rate))
                .and_then(|on| on.checked_add(low.base))
            else {
                continue;
            };
            if reach == high.base {
                continue;
            }
            let Some(written) = brackets.get(index + 1) else {
                continue;
            };
            let span = written.base.as_ref().map_or(written.span, |b| b.span);
            self.report(
                Problem::error(
                    "provisio::scale_discontinuous",
                    format!(
                        "the table jumps at {}: the bracket below reaches {} there, but this one starts from {}",
                        shown(high.over),
                        shown(reach),
                        shown(high.base)
                    ),
                    span,
                    "not where the bracket below ends",
                )
                .with_help("check the base amount against the text; if the table is meant to jump, add `# provisio: allow scale_discontinuous`")
                .as_warning(),
            );
        }
    }
}

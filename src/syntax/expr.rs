//! Expressions: operator precedence by pest's Pratt parser, lowered to [`Expr`].

use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::Rule;
use super::lower::{first, ident, path, span_of, text};
use crate::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use crate::span::Span;

/// Precedence, weakest first.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_is, Assoc::Left)
            | Op::infix(Rule::op_is_not, Assoc::Left)
            | Op::infix(Rule::op_on_or_before, Assoc::Left)
            | Op::infix(Rule::op_on_or_after, Assoc::Left)
            | Op::infix(Rule::op_before, Assoc::Left)
            | Op::infix(Rule::op_after, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_eq, Assoc::Left))
        .op(Op::postfix(Rule::op_is_one_of) | Op::postfix(Rule::op_is_not_one_of))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left) | Op::infix(Rule::op_div, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
});

fn binary_op(rule: Rule) -> BinaryOp {
    match rule {
        Rule::op_or => BinaryOp::Or,
        Rule::op_and => BinaryOp::And,
        Rule::op_is | Rule::op_eq => BinaryOp::Equal,
        Rule::op_is_not | Rule::op_ne => BinaryOp::NotEqual,
        Rule::op_on_or_before => BinaryOp::OnOrBefore,
        Rule::op_on_or_after => BinaryOp::OnOrAfter,
        Rule::op_before => BinaryOp::Before,
        Rule::op_after => BinaryOp::After,
        Rule::op_le => BinaryOp::LessOrEqual,
        Rule::op_ge => BinaryOp::GreaterOrEqual,
        Rule::op_lt => BinaryOp::Less,
        Rule::op_gt => BinaryOp::Greater,
        Rule::op_add => BinaryOp::Add,
        Rule::op_sub => BinaryOp::Subtract,
        Rule::op_mul => BinaryOp::Multiply,
        _ => BinaryOp::Divide,
    }
}

/// Lowers an `expr` pair.
pub(super) fn lower_expr(pair: Pair<'_, Rule>) -> Expr {
    PRATT
        .map_primary(primary)
        .map_prefix(|op, operand| {
            let op_span = span_of(&op);
            let span = op_span.to(operand.span);
            let op = if op.as_rule() == Rule::op_not {
                UnaryOp::Not
            } else {
                UnaryOp::Negate
            };
            Expr {
                kind: ExprKind::Unary {
                    op,
                    op_span,
                    operand: Box::new(operand),
                },
                span,
            }
        })
        .map_postfix(|operand, op| {
            let span = operand.span.to(span_of(&op));
            let negated = op.as_rule() == Rule::op_is_not_one_of;
            let values = op
                .into_inner()
                .filter(|p| p.as_rule() == Rule::ident)
                .map(ident)
                .collect();
            Expr {
                kind: ExprKind::OneOf {
                    operand: Box::new(operand),
                    negated,
                    values,
                },
                span,
            }
        })
        .map_infix(|left, op, right| {
            let span = left.span.to(right.span);
            let op_kind = binary_op(op.as_rule());
            if matches!(op_kind, BinaryOp::And | BinaryOp::Or) {
                // Chains of `and` (or of `or`) stay flat, so that a long list
                // of conditions does not nest.
                let operands = match left.kind {
                    ExprKind::Chain { op, mut operands } if op == op_kind => {
                        operands.push(right);
                        operands
                    }
                    kind => vec![
                        Expr {
                            kind,
                            span: left.span,
                        },
                        right,
                    ],
                };
                return Expr {
                    kind: ExprKind::Chain {
                        op: op_kind,
                        operands,
                    },
                    span,
                };
            }
            Expr {
                kind: ExprKind::Binary {
                    op: binary_op(op.as_rule()),
                    op_span: span_of(&op),
                    left: Box::new(left),
                    right: Box::new(right),
                },
                span,
            }
        })
        .parse(pair.into_inner())
}

fn primary(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::expr => return lower_expr(pair),
        Rule::parenthesized => {
            return match first(pair, Rule::expr) {
                // The parentheses belong to the expression as written.
                Some(inner) => Expr {
                    span,
                    ..lower_expr(inner)
                },
                None => Expr {
                    kind: ExprKind::Bool(false),
                    span,
                },
            };
        }
        Rule::date => ExprKind::Date(pair.as_str().to_string()),
        Rule::number => ExprKind::Number(pair.as_str().to_string()),
        Rule::duration => {
            let mut amount = String::new();
            let mut unit = crate::ast::DurationUnit::Days;
            let mut rounding = None;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::whole_number => amount = part.as_str().to_string(),
                    Rule::duration_unit => {
                        unit = match part.as_str().trim_end_matches('s') {
                            "week" => crate::ast::DurationUnit::Weeks,
                            "month" => crate::ast::DurationUnit::Months,
                            "year" => crate::ast::DurationUnit::Years,
                            _ => crate::ast::DurationUnit::Days,
                        }
                    }
                    Rule::rounding => {
                        rounding = Some(if first(part, Rule::up_word).is_some() {
                            crate::ast::Rounding::Up
                        } else {
                            crate::ast::Rounding::Down
                        })
                    }
                    _ => {}
                }
            }
            ExprKind::Duration {
                amount,
                unit,
                rounding,
            }
        }
        Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
        Rule::string => ExprKind::Text(text(pair).value),
        Rule::path => ExprKind::Path(path(pair)),
        Rule::lookup => {
            let mut target = None;
            let mut date = None;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::as_word | Rule::kw_of => {}
                    Rule::path if target.is_none() => target = Some(path(part)),
                    _ => date = Some(primary(part)),
                }
            }
            match (target, date) {
                (Some(target), Some(date)) => ExprKind::Lookup {
                    target,
                    date: Box::new(date),
                },
                _ => ExprKind::Bool(false),
            }
        }
        Rule::call => {
            let mut parts = pair.into_inner();
            let function = parts.next().map(ident).unwrap_or(crate::ast::Ident {
                name: String::new(),
                span,
            });
            ExprKind::Call {
                function,
                args: parts.map(lower_expr).collect(),
            }
        }
        Rule::conditional => {
            let mut parts = pair
                .into_inner()
                .filter(|p| p.as_rule() == Rule::expr)
                .map(lower_expr);
            let mut next = || {
                Box::new(parts.next().unwrap_or(Expr {
                    kind: ExprKind::Bool(false),
                    span,
                }))
            };
            ExprKind::If {
                condition: next(),
                then: next(),
                otherwise: next(),
            }
        }
        Rule::reading_test => {
            let mut reading = None;
            let mut alternative = None;
            let mut negated = false;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::negation => negated = true,
                    Rule::ident if reading.is_none() => reading = Some(ident(part)),
                    Rule::ident => alternative = Some(ident(part)),
                    _ => {}
                }
            }
            let blank = |span: Span| crate::ast::Ident {
                name: String::new(),
                span,
            };
            ExprKind::ReadingIs {
                reading: reading.unwrap_or_else(|| blank(span)),
                negated,
                alternative: alternative.unwrap_or_else(|| blank(span)),
            }
        }
        _ => ExprKind::Bool(false),
    };
    Expr { kind, span }
}

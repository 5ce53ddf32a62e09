//! Expressions: operator precedence by pest's Pratt parser, lowered to [`Expr`].

use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::Rule;
use super::lower::{first, ident, path, span_of, text};
use crate::ast::{
    AggregateKind, BinaryOp, BracketChange, BracketDecl, BracketPart, Expr, ExprKind, RoundingMode,
    ScaleKind, UnaryOp,
};
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
            | Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_is_in, Assoc::Left)
            | Op::infix(Rule::op_is_not_in, Assoc::Left))
        .op(Op::postfix(Rule::op_is_one_of)
            | Op::postfix(Rule::op_is_not_one_of)
            | Op::postfix(Rule::op_is_none)
            | Op::postfix(Rule::op_is_not_none))
        // Tighter than comparisons and `is one of`, looser than arithmetic:
        // `decision or else 2099-12-31 after as_of` compares the result, and
        // `decision or else as_of + 30 days` falls back to the sum. To the
        // right, so that `a or else b or else c` tries `a`, then `b`, then `c`.
        .op(Op::infix(Rule::op_or_else, Assoc::Right))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        // `as_of + 2 * n days`: the unit takes the product before it, and
        // the sum takes the duration.
        .op(Op::postfix(Rule::op_duration))
        .op(Op::infix(Rule::op_mul, Assoc::Left)
            | Op::infix(Rule::op_div, Assoc::Left)
            | Op::infix(Rule::op_of, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
        // Tightest: `-table[i]` negates the entry, `a * rates[k]` multiplies it.
        .op(Op::postfix(Rule::op_index))
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
        Rule::op_of => BinaryOp::Of,
        Rule::op_is_in => BinaryOp::In,
        Rule::op_is_not_in => BinaryOp::NotIn,
        _ => BinaryOp::Divide,
    }
}

/// Lowers an `expr` pair, with its rounding clause if it ends with one.
pub(super) fn lower_expr(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    let mut parts: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
    let clause = match parts.last() {
        Some(last) if last.as_rule() == Rule::rounding_clause => parts.pop(),
        _ => None,
    };
    let operand = operators(parts);
    match clause {
        Some(clause) => {
            let clause_span = span_of(&clause);
            let (mode, places) = rounding_clause(clause);
            Expr {
                kind: ExprKind::Round {
                    operand: Box::new(operand),
                    mode,
                    places,
                    clause: clause_span,
                },
                span,
            }
        }
        None => operand,
    }
}

/// The mode and decimal places of `rounded half up to the cent`.
fn rounding_clause(pair: Pair<'_, Rule>) -> (RoundingMode, u32) {
    let mut mode = RoundingMode::HalfUp;
    let mut places = 0;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::rounding_mode => {
                let words: Vec<Rule> = part.into_inner().map(|p| p.as_rule()).collect();
                mode = match words.as_slice() {
                    [Rule::half_word, Rule::up_word] => RoundingMode::HalfUp,
                    [Rule::half_word, Rule::even_word] => RoundingMode::HalfEven,
                    [Rule::half_word, Rule::down_word] => RoundingMode::HalfDown,
                    [Rule::toward_word, Rule::zero_word] => RoundingMode::TowardZero,
                    [Rule::up_word] => RoundingMode::Up,
                    _ => RoundingMode::Down,
                };
            }
            Rule::rounding_unit => {
                for unit in part.into_inner() {
                    match unit.as_rule() {
                        Rule::cent_word => places = 2,
                        Rule::decimal_places => {
                            // The grammar allows any digits; more places than
                            // a decimal holds are capped, and the checker says so.
                            places = first(unit, Rule::whole_number)
                                .and_then(|n| n.as_str().parse().ok())
                                .unwrap_or(u32::MAX);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    (mode, places)
}

/// Lowers operands joined by operators.
fn operators(parts: Vec<Pair<'_, Rule>>) -> Expr {
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
            if op.as_rule() == Rule::op_duration {
                let (unit, rounding) = duration_parts(op);
                return Expr {
                    kind: ExprKind::DurationOf {
                        count: Box::new(operand),
                        unit,
                        rounding,
                    },
                    span,
                };
            }
            if matches!(op.as_rule(), Rule::op_is_none | Rule::op_is_not_none) {
                return Expr {
                    kind: ExprKind::IsNone {
                        operand: Box::new(operand),
                        negated: op.as_rule() == Rule::op_is_not_none,
                    },
                    span,
                };
            }
            if op.as_rule() == Rule::op_index {
                let index = first(op, Rule::expr)
                    .map(lower_expr)
                    .unwrap_or_else(|| blank(span));
                return Expr {
                    kind: ExprKind::Index {
                        list: Box::new(operand),
                        index: Box::new(index),
                    },
                    span,
                };
            }
            let negated = op.as_rule() == Rule::op_is_not_one_of;
            if let Some(list) = first(op.clone(), Rule::list_literal) {
                return Expr {
                    kind: ExprKind::OneOfList {
                        operand: Box::new(operand),
                        negated,
                        list: Box::new(list_literal(list)),
                    },
                    span,
                };
            }
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
            if op.as_rule() == Rule::op_or_else {
                return Expr {
                    kind: ExprKind::OrElse {
                        value: Box::new(left),
                        fallback: Box::new(right),
                    },
                    span,
                };
            }
            let op_kind = binary_op(op.as_rule());
            if op_kind == BinaryOp::Multiply
                && let Some(duration) = scaled_duration(&left, &right, span)
            {
                return duration;
            }
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
        .parse(parts.into_iter())
}

/// The unit and rounding of a duration: `months rounded down`.
fn duration_parts(
    pair: Pair<'_, Rule>,
) -> (crate::ast::DurationUnit, Option<crate::ast::Rounding>) {
    let mut unit = crate::ast::DurationUnit::Days;
    let mut rounding = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::duration_unit | Rule::postfix_unit => {
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
    (unit, rounding)
}

/// `2 * 3 days`: the literal duration takes the product as its count, as
/// `2 * n days` does.
fn scaled_duration(left: &Expr, right: &Expr, span: Span) -> Option<Expr> {
    let ExprKind::Duration {
        amount,
        unit,
        rounding,
    } = &right.kind
    else {
        return None;
    };
    let count = Expr {
        kind: ExprKind::Binary {
            op: BinaryOp::Multiply,
            op_span: Span::new(left.span.end, right.span.start),
            left: Box::new(left.clone()),
            right: Box::new(Expr {
                kind: ExprKind::Number(amount.clone()),
                span: right.span,
            }),
        },
        span,
    };
    Some(Expr {
        kind: ExprKind::DurationOf {
            count: Box::new(count),
            unit: *unit,
            rounding: *rounding,
        },
        span,
    })
}

/// A placeholder for a part the grammar guarantees.
fn blank(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Bool(false),
        span,
    }
}

/// `count x in L where C`, `sum E for x in L where C`, `any x in L satisfies C`.
fn aggregate(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    let Some(form) = pair.into_inner().next() else {
        return blank(span);
    };
    let mut kind = AggregateKind::Count;
    let mut binder = None;
    let mut exprs = Vec::new();
    let mut filter = None;
    let mut more = Vec::new();
    for part in form.into_inner() {
        match part.as_rule() {
            Rule::total_word => {
                kind = match part.as_str() {
                    "sum" => AggregateKind::Sum,
                    "min" => AggregateKind::Min,
                    _ => AggregateKind::Max,
                }
            }
            Rule::quantifier_word => {
                kind = if part.as_str() == "any" {
                    AggregateKind::Any
                } else {
                    AggregateKind::Every
                }
            }
            Rule::ident => binder = Some(ident(part)),
            Rule::expr | Rule::plain_expr => exprs.push(lower_expr(part)),
            Rule::where_clause => {
                filter = first(part, Rule::plain_expr).map(|e| Box::new(lower_expr(e)));
            }
            Rule::more_binder => {
                let part_span = span_of(&part);
                let mut name = None;
                let mut list = None;
                for inner in part.into_inner() {
                    match inner.as_rule() {
                        Rule::ident => name = Some(ident(inner)),
                        Rule::plain_expr => list = Some(lower_expr(inner)),
                        _ => {}
                    }
                }
                if let (Some(name), Some(list)) = (name, list) {
                    more.push((name, list));
                } else {
                    more.push((
                        crate::ast::Ident {
                            name: String::new(),
                            span: part_span,
                        },
                        blank(part_span),
                    ));
                }
            }
            _ => {}
        }
    }
    // `sum E for x in L`: the body comes before the list; `any x in L
    // satisfies C`: after it; `count` has none.
    let mut exprs = exprs.into_iter();
    let (body, list) = match kind {
        AggregateKind::Count => (None, exprs.next()),
        AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max => {
            let body = exprs.next();
            (body, exprs.next())
        }
        AggregateKind::Any | AggregateKind::Every => {
            let list = exprs.next();
            (exprs.next(), list)
        }
        // `the ... with the least` is lowered by `pick`.
        AggregateKind::Least | AggregateKind::Greatest => (None, exprs.next()),
    };
    Expr {
        kind: ExprKind::Aggregate {
            kind,
            binder: binder.unwrap_or(crate::ast::Ident {
                name: String::new(),
                span,
            }),
            list: Box::new(list.unwrap_or_else(|| blank(span))),
            body: body.map(Box::new),
            filter,
            more,
        },
        span,
    }
}

/// `the m in L with the least K where C, ties to the first`.
fn pick(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    let mut binder = None;
    let mut exprs = Vec::new();
    let mut greatest = false;
    let mut filter = None;
    let mut ties_to_last = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => binder = Some(ident(part)),
            Rule::plain_expr => exprs.push(lower_expr(part)),
            Rule::greatest_word => greatest = true,
            Rule::where_clause => {
                filter = first(part, Rule::plain_expr).map(|e| Box::new(lower_expr(e)));
            }
            Rule::ties_clause => {
                ties_to_last = Some(first(part, Rule::last_word).is_some());
            }
            _ => {}
        }
    }
    let mut exprs = exprs.into_iter();
    let list = exprs.next().unwrap_or_else(|| blank(span));
    let key = exprs.next().unwrap_or_else(|| blank(span));
    Expr {
        kind: ExprKind::Pick {
            binder: binder.unwrap_or(crate::ast::Ident {
                name: String::new(),
                span,
            }),
            list: Box::new(list),
            greatest,
            key: Box::new(key),
            filter,
            ties_to_last,
        },
        span,
    }
}

/// `[a, b, c]`, with `and so on` after the last entry of a table.
fn list_literal(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    let mut items = Vec::new();
    let mut continues = false;
    let mut misplaced_continues = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::and_so_on => {
                if continues && misplaced_continues.is_none() {
                    misplaced_continues = Some(span_of(&part));
                }
                continues = true;
            }
            Rule::close_bracket => {}
            _ => {
                if continues && misplaced_continues.is_none() {
                    // `and so on` before an entry: the checker says where it goes.
                    misplaced_continues = Some(span_of(&part));
                }
                items.push(lower_expr(part));
            }
        }
    }
    Expr {
        kind: ExprKind::List {
            items,
            continues,
            misplaced_continues,
        },
        span,
    }
}

/// `marginal rates over T: R ... end` and `bracket table over T: B plus R ... end`.
fn scale(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    let Some(form) = pair.into_inner().next() else {
        return blank(span);
    };
    let kind = if form.as_rule() == Rule::marginal_scale {
        ScaleKind::Marginal
    } else {
        ScaleKind::Table
    };
    let brackets = form
        .into_inner()
        .filter(|p| matches!(p.as_rule(), Rule::marginal_bracket | Rule::table_row))
        .map(|bracket| {
            let bspan = span_of(&bracket);
            // The parts in the order written; the changes after a part are its own.
            let parts: &[BracketPart] = match kind {
                ScaleKind::Marginal => &[BracketPart::Over, BracketPart::Rate],
                ScaleKind::Table => &[BracketPart::Over, BracketPart::Base, BracketPart::Rate],
            };
            let mut exprs = Vec::new();
            let mut changes = Vec::new();
            for inner in bracket.into_inner() {
                match inner.as_rule() {
                    Rule::expr | Rule::plain_expr => exprs.push(lower_expr(inner)),
                    Rule::bracket_changes => {
                        let part = parts
                            .get(exprs.len().saturating_sub(1))
                            .copied()
                            .unwrap_or(BracketPart::Rate);
                        for change in inner
                            .into_inner()
                            .filter(|c| c.as_rule() == Rule::bracket_change)
                        {
                            let mut date = None;
                            let mut value = None;
                            for piece in change.into_inner() {
                                match piece.as_rule() {
                                    Rule::date => date = Some(super::lower::date_lit(piece)),
                                    Rule::plain_expr => value = Some(lower_expr(piece)),
                                    _ => {}
                                }
                            }
                            if let (Some(date), Some(value)) = (date, value) {
                                changes.push(BracketChange { part, date, value });
                            }
                        }
                    }
                    _ => {}
                }
            }
            let mut exprs = exprs.into_iter();
            let over = exprs.next().unwrap_or_else(|| blank(bspan));
            let (base, rate) = match kind {
                ScaleKind::Marginal => (None, exprs.next()),
                ScaleKind::Table => (exprs.next(), exprs.next()),
            };
            BracketDecl {
                over,
                base,
                rate: rate.unwrap_or_else(|| blank(bspan)),
                changes,
                span: bspan,
            }
        })
        .collect();
    Expr {
        kind: ExprKind::Scale { kind, brackets },
        span,
    }
}

/// Lowers an operand.
pub(super) fn primary(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::expr | Rule::plain_expr => return lower_expr(pair),
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
        Rule::percent => ExprKind::Percent(pair.as_str().trim_end_matches('%').to_string()),
        Rule::money => {
            let mut currency = crate::ast::Ident {
                name: String::new(),
                span,
            };
            let mut amount = String::new();
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::currency => {
                        currency = crate::ast::Ident {
                            name: part.as_str().to_string(),
                            span: span_of(&part),
                        }
                    }
                    _ => amount = part.as_str().to_string(),
                }
            }
            ExprKind::Money { currency, amount }
        }
        Rule::aggregate => return aggregate(pair),
        Rule::pick => return pick(pair),
        Rule::list_literal => return list_literal(pair),
        Rule::overlap => return super::periods::overlap(pair),
        Rule::scale => return scale(pair),
        Rule::number => ExprKind::Number(pair.as_str().to_string()),
        Rule::duration => {
            let amount = pair
                .clone()
                .into_inner()
                .find(|p| p.as_rule() == Rule::whole_number)
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            let (unit, rounding) = duration_parts(pair);
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
                .filter(|p| matches!(p.as_rule(), Rule::expr | Rule::plain_expr))
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
                    Rule::ident | Rule::used_name if reading.is_none() => {
                        reading = Some(ident(part))
                    }
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

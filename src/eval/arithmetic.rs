//! Exact arithmetic on numbers and amounts of money, known or known within
//! a range, and rounding.

use rust_decimal::Decimal;

use super::EvalError;
use crate::ast::BinaryOp;
use crate::span::Span;
use crate::value::Value;

/// The opposite end of a range of numbers, for a negated range.
pub(super) fn negate(bound: Option<crate::value::Scalar>) -> Option<crate::value::Scalar> {
    match bound {
        Some(crate::value::Scalar::Number(n)) => Some(crate::value::Scalar::Number(-n)),
        _ => None,
    }
}

/// The currency of an arithmetic result: that of its amounts, except that
/// an amount divided by an amount is a plain number.
fn result_currency(
    op: BinaryOp,
    a: Option<crate::value::Currency>,
    b: Option<crate::value::Currency>,
) -> Option<crate::value::Currency> {
    match (op, a, b) {
        (BinaryOp::Divide, Some(_), Some(_)) => None,
        (_, Some(c), _) | (_, _, Some(c)) => Some(c),
        _ => None,
    }
}

/// Exact arithmetic on numbers and amounts of money (the checker has made
/// sure the currencies agree); unknown operands give unknown results, with a
/// range for sums and differences of ranges, and for products with a known
/// number.
pub(super) fn arithmetic(
    op: BinaryOp,
    a: &Value,
    b: &Value,
    span: Span,
) -> Result<Value, EvalError> {
    use crate::value::Scalar;
    let overflow = || EvalError::Overflow { span };
    // The checker refuses `no limit` in arithmetic where it sees it; one
    // that reaches here through a definition is refused now.
    if a.is_no_limit() || b.is_no_limit() {
        return Err(EvalError::NoLimit { span });
    }
    let known = |v: &Value| v.scalar().and_then(|s| s.amount());
    if let (Some((x, cx)), Some((y, cy))) = (known(a), known(b)) {
        let result = match op {
            BinaryOp::Add => x.checked_add(y),
            BinaryOp::Subtract => x.checked_sub(y),
            BinaryOp::Multiply | BinaryOp::Of => x.checked_mul(y),
            _ => {
                if y.is_zero() {
                    return Err(EvalError::DivisionByZero { span });
                }
                x.checked_div(y)
            }
        };
        let currency = result_currency(op, cx, cy);
        return result
            .map(|n| Value::of_amount(n.normalize(), currency))
            .ok_or_else(overflow);
    }
    if op == BinaryOp::Divide && known(b).is_some_and(|(y, _)| y.is_zero()) {
        return Err(EvalError::DivisionByZero { span });
    }
    let (ra, rb) = (a.range(), b.range());
    let ends =
        |r: crate::value::Bounds| (r.lo.and_then(Scalar::amount), r.hi.and_then(Scalar::amount));
    let ((alo, ahi), (blo, bhi)) = (ends(ra), ends(rb));
    let currency = [alo, ahi, blo, bhi]
        .iter()
        .flatten()
        .map(|(_, c)| *c)
        .fold(None, |acc, c| acc.or(c));
    let currency = match op {
        BinaryOp::Divide => {
            let left = alo.or(ahi).and_then(|(_, c)| c);
            let right = blo.or(bhi).and_then(|(_, c)| c);
            result_currency(op, left, right)
        }
        _ => currency,
    };
    let combine = |x: Option<(Decimal, Option<crate::value::Currency>)>,
                   y: Option<(Decimal, Option<crate::value::Currency>)>,
                   f: fn(Decimal, Decimal) -> Option<Decimal>| {
        x.zip(y)
            .and_then(|((x, _), (y, _))| f(x, y))
            .map(|n| Scalar::of_amount(n, currency))
    };
    Ok(match op {
        BinaryOp::Add => Value::Unknown(crate::value::Bounds {
            lo: combine(alo, blo, Decimal::checked_add),
            hi: combine(ahi, bhi, Decimal::checked_add),
        }),
        BinaryOp::Subtract => Value::Unknown(crate::value::Bounds {
            lo: combine(alo, bhi, Decimal::checked_sub),
            hi: combine(ahi, blo, Decimal::checked_sub),
        }),
        BinaryOp::Multiply | BinaryOp::Of => {
            // A range times a known factor is a range, turned round when
            // the factor is negative.
            let (range, factor) = match (known(a), known(b)) {
                (Some((k, _)), None) => ((blo, bhi), k),
                (None, Some((k, _))) => ((alo, ahi), k),
                _ => return Ok(Value::UNKNOWN),
            };
            let scale = |end: Option<(Decimal, Option<crate::value::Currency>)>| {
                end.and_then(|(x, _)| x.checked_mul(factor))
                    .map(|n| Scalar::of_amount(n, currency))
            };
            let (lo, hi) = (scale(range.0), scale(range.1));
            if factor.is_sign_negative() {
                Value::Unknown(crate::value::Bounds { lo: hi, hi: lo })
            } else {
                Value::Unknown(crate::value::Bounds { lo, hi })
            }
        }
        _ => Value::UNKNOWN,
    })
}

/// A number or amount rounded to `places` decimal places; an unknown one
/// keeps its range, each end rounded the same way.
pub(super) fn round(value: &Value, mode: crate::ast::RoundingMode, places: u32) -> Value {
    use crate::ast::RoundingMode as M;
    use crate::value::Scalar;
    use rust_decimal::RoundingStrategy as S;
    let strategy = match mode {
        M::HalfUp => S::MidpointAwayFromZero,
        M::HalfEven => S::MidpointNearestEven,
        M::HalfDown => S::MidpointTowardZero,
        M::Down => S::ToNegativeInfinity,
        M::Up => S::ToPositiveInfinity,
        M::TowardZero => S::ToZero,
    };
    let round = |s: Scalar| match s.amount() {
        Some((amount, currency)) => Scalar::of_amount(
            amount.round_dp_with_strategy(places, strategy).normalize(),
            currency,
        ),
        None => s,
    };
    match value {
        Value::Unknown(bounds) => Value::Unknown(crate::value::Bounds {
            lo: bounds.lo.map(round),
            hi: bounds.hi.map(round),
        }),
        other => match other.scalar() {
            Some(s) => round(s).to_value(),
            None => Value::UNKNOWN,
        },
    }
}

//! Three-valued operations: Kleene logic, and comparisons and extremes that
//! keep whatever is known about an unknown value.

use std::cmp::Ordering;

use crate::ast::BinaryOp;
use crate::value::{Bounds, Scalar, Value};

/// `a and b`, Kleene: false wins, then unknown.
pub fn and(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Bool(false), _) | (_, Value::Bool(false)) => Value::Bool(false),
        (Value::Bool(true), Value::Bool(true)) => Value::Bool(true),
        _ => Value::UNKNOWN,
    }
}

/// `not a`.
pub fn not(a: &Value) -> Value {
    match a {
        Value::Bool(b) => Value::Bool(!b),
        _ => Value::UNKNOWN,
    }
}

fn lower_than(a: Option<Scalar>, b: Option<Scalar>) -> Option<Ordering> {
    a.zip(b).and_then(|(a, b)| a.compare(&b))
}

/// Whether `a < b` (`strict`) or `a <= b` holds, as far as the ranges tell.
fn less(a: Bounds, b: Bounds, strict: bool) -> Value {
    // Certainly true when all of a lies below all of b.
    let certain = match lower_than(a.hi, b.lo) {
        Some(Ordering::Less) => true,
        Some(Ordering::Equal) => !strict,
        _ => false,
    };
    if certain {
        return Value::Bool(true);
    }
    // Certainly false when all of a lies at or above all of b.
    let impossible = match lower_than(a.lo, b.hi) {
        Some(Ordering::Greater) => true,
        Some(Ordering::Equal) => strict,
        _ => false,
    };
    if impossible {
        return Value::Bool(false);
    }
    Value::UNKNOWN
}

/// A comparison: `is`, `is not`, `<`, `before`, ...
pub fn compare(op: BinaryOp, a: &Value, b: &Value) -> Value {
    // Two known days, the comparison a policy makes most: directly.
    if let (Value::Date(x), Value::Date(y)) = (a, b) {
        return Value::Bool(match op {
            BinaryOp::Equal => x == y,
            BinaryOp::NotEqual => x != y,
            BinaryOp::Less | BinaryOp::Before => x < y,
            BinaryOp::LessOrEqual | BinaryOp::OnOrBefore => x <= y,
            BinaryOp::Greater | BinaryOp::After => x > y,
            BinaryOp::GreaterOrEqual | BinaryOp::OnOrAfter => x >= y,
            _ => return Value::UNKNOWN,
        });
    }
    match op {
        BinaryOp::Equal => equal(a, b),
        BinaryOp::NotEqual => not(&equal(a, b)),
        BinaryOp::Less | BinaryOp::Before => less(a.range(), b.range(), true),
        BinaryOp::LessOrEqual | BinaryOp::OnOrBefore => less(a.range(), b.range(), false),
        BinaryOp::Greater | BinaryOp::After => less(b.range(), a.range(), true),
        BinaryOp::GreaterOrEqual | BinaryOp::OnOrAfter => less(b.range(), a.range(), false),
        _ => Value::UNKNOWN,
    }
}

/// `a is in list`: true when an element is `a`; false when every element
/// certainly is not; otherwise unknown.
pub fn member(a: &Value, list: &Value) -> Value {
    let Value::List(items) = list else {
        return Value::UNKNOWN;
    };
    let mut open = false;
    for item in items.iter() {
        match equal(a, item) {
            Value::Bool(true) => return Value::Bool(true),
            Value::Bool(false) => {}
            _ => open = true,
        }
    }
    if open {
        Value::UNKNOWN
    } else {
        Value::Bool(false)
    }
}

/// `X is none`, of a value declared `or none`: unknown while it is unknown,
/// unless a range was given for it (a range says there is a value).
pub fn is_none(value: &Value) -> Value {
    match value {
        Value::None => Value::Bool(true),
        Value::Unknown(bounds) if !bounds.is_bounded() => Value::UNKNOWN,
        Value::Among(values) => {
            if values.iter().all(|v| *v == Value::None) {
                Value::Bool(true)
            } else if values.contains(&Value::None) {
                Value::UNKNOWN
            } else {
                Value::Bool(false)
            }
        }
        _ => Value::Bool(false),
    }
}

/// `a is b`: known when both are known, or when their ranges cannot meet.
fn equal(a: &Value, b: &Value) -> Value {
    if a.is_known() && b.is_known() {
        return Value::Bool(a == b);
    }
    // One of several known values: equal to a known value when every one
    // is, unequal when none is.
    if let (Value::Among(options), other) | (other, Value::Among(options)) = (a, b)
        && other.is_known()
    {
        if options.iter().all(|v| v == other) {
            return Value::Bool(true);
        }
        if !options.contains(other) {
            return Value::Bool(false);
        }
        return Value::UNKNOWN;
    }
    let (ra, rb) = (a.range(), b.range());
    let apart = matches!(lower_than(ra.hi, rb.lo), Some(Ordering::Less))
        || matches!(lower_than(rb.hi, ra.lo), Some(Ordering::Less));
    if apart {
        Value::Bool(false)
    } else {
        Value::UNKNOWN
    }
}

fn min_scalar(a: Scalar, b: Scalar) -> Scalar {
    if matches!(a.compare(&b), Some(Ordering::Greater)) {
        b
    } else {
        a
    }
}

fn max_scalar(a: Scalar, b: Scalar) -> Scalar {
    if matches!(a.compare(&b), Some(Ordering::Less)) {
        b
    } else {
        a
    }
}

/// `earliest(...)` (`least`) or `latest(...)` of values some of which may be
/// unknown, folded one value at a time: the result's range is the least
/// (greatest) of the ranges.
#[derive(Debug, Clone, Copy)]
pub struct Extreme {
    least: bool,
    lo: Option<Option<Scalar>>,
    hi: Option<Option<Scalar>>,
}

impl Extreme {
    /// An empty fold: `least` for `earliest`, otherwise `latest`.
    pub fn new(least: bool) -> Self {
        Extreme {
            least,
            lo: None,
            hi: None,
        }
    }

    /// Takes one more value into account.
    pub fn add(&mut self, value: &Value) {
        let range = value.range();
        let least = self.least;
        let pick = if least { min_scalar } else { max_scalar };
        // An unbounded end stays unbounded for the least of `lo` under
        // `earliest` and for the greatest of `hi` under `latest`; otherwise
        // the bounded side wins.
        self.lo = Some(match (self.lo, range.lo) {
            (None, x) => x,
            (Some(None), x) => {
                if least {
                    None
                } else {
                    x
                }
            }
            (Some(Some(a)), None) => {
                if least {
                    None
                } else {
                    Some(a)
                }
            }
            (Some(Some(a)), Some(b)) => Some(pick(a, b)),
        });
        self.hi = Some(match (self.hi, range.hi) {
            (None, x) => x,
            (Some(None), x) => {
                if least {
                    x
                } else {
                    None
                }
            }
            (Some(Some(a)), None) => {
                if least {
                    Some(a)
                } else {
                    None
                }
            }
            (Some(Some(a)), Some(b)) => Some(pick(a, b)),
        });
    }

    /// The result: known when the range has closed to one value.
    pub fn finish(self) -> Value {
        let bounds = Bounds {
            lo: self.lo.flatten(),
            hi: self.hi.flatten(),
        };
        match (bounds.lo, bounds.hi) {
            (Some(a), Some(b)) if a == b => a.to_value(),
            _ => Value::Unknown(bounds),
        }
    }
}

/// `earliest` (`least`) or `latest` of a sequence of values.
pub fn extreme(values: impl Iterator<Item = Value>, least: bool) -> Value {
    let mut fold = Extreme::new(least);
    for value in values {
        fold.add(&value);
    }
    fold.finish()
}

/// What is known of a value that is one of several: equal values give
/// that value, ordered ones the range covering them all.
pub fn either(values: &[Value]) -> Value {
    let Some(first) = values.first() else {
        return Value::UNKNOWN;
    };
    if first.is_known() && values.iter().all(|v| v == first) {
        return first.clone();
    }
    let mut lo = first.range().lo;
    let mut hi = first.range().hi;
    for value in values.iter().skip(1) {
        let range = value.range();
        lo = lo.zip(range.lo).map(|(a, b)| min_scalar(a, b));
        hi = hi.zip(range.hi).map(|(a, b)| max_scalar(a, b));
    }
    Value::Unknown(Bounds { lo, hi })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(s: &str) -> Value {
        Value::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default())
    }

    #[test]
    fn earliest_with_an_unknown_is_capped() {
        let e = extreme([Value::UNKNOWN, date("2026-03-31")].into_iter(), true);
        assert_eq!(
            compare(BinaryOp::Before, &date("2026-04-01"), &e),
            Value::Bool(false)
        );
        assert_eq!(
            compare(BinaryOp::Before, &date("2026-03-15"), &e),
            Value::UNKNOWN
        );
        assert_eq!(
            compare(BinaryOp::OnOrBefore, &date("2026-03-31"), &e),
            Value::UNKNOWN
        );
        assert_eq!(
            compare(BinaryOp::Before, &date("2026-03-31"), &e),
            Value::Bool(false)
        );
    }

    #[test]
    fn latest_with_an_unknown_has_a_floor() {
        let l = extreme([Value::UNKNOWN, date("2026-03-31")].into_iter(), false);
        assert_eq!(
            compare(BinaryOp::After, &date("2026-03-30"), &l),
            Value::Bool(false)
        );
        assert_eq!(
            compare(BinaryOp::After, &date("2026-04-30"), &l),
            Value::UNKNOWN
        );
    }

    #[test]
    fn known_values_give_known_extremes() {
        let e = extreme([date("2026-03-26"), date("2026-03-31")].into_iter(), true);
        assert_eq!(e, date("2026-03-26"));
    }

    #[test]
    fn equality_of_disjoint_ranges_is_false() {
        let capped = extreme([Value::UNKNOWN, date("2026-03-31")].into_iter(), true);
        assert_eq!(
            compare(BinaryOp::Equal, &capped, &date("2026-04-02")),
            Value::Bool(false)
        );
        assert_eq!(
            compare(BinaryOp::Equal, &capped, &date("2026-03-02")),
            Value::UNKNOWN
        );
    }

    #[test]
    fn either_covers_both_values() {
        let v = either(&[date("2026-03-26"), date("2026-03-30")]);
        assert_eq!(
            compare(BinaryOp::Before, &date("2026-03-20"), &v),
            Value::Bool(true)
        );
        assert_eq!(
            compare(BinaryOp::Before, &date("2026-03-28"), &v),
            Value::UNKNOWN
        );
    }
}
